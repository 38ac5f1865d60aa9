//! Everything the app asks of the browser beyond the page itself: stored
//! preferences, clipboard and share sheet, speech, focus and scroll.
//!
//! The one place the app switches between the browser and the build-time
//! renderer: `web.rs` does each thing through `web_sys`; `native.rs` has
//! the same functions doing nothing (or answering "not available"), so
//! views call them freely and the prerendered HTML never depends on them.

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(target_arch = "wasm32")]
mod web;

#[cfg(not(target_arch = "wasm32"))]
pub use native::*;
#[cfg(target_arch = "wasm32")]
pub use web::*;

/// The language tag speech should use for Vietnamese text.
pub const SPEECH_LANG: &str = "vi-VN";
