//! A video: a YouTube frame (no-cookie, real IDs only) or our own player
//! with its captions, then its duration.

use bantin_model::Video;
use leptos::prelude::*;

/// `<figure class="video">`.
#[component]
pub fn VideoPlayer(
    /// The video.
    video: Video,
) -> impl IntoView {
    let ui = crate::i18n::use_ui();
    let html = crate::html::write(|h| {
        h.video(&video, ui);
    });
    view! { <figure class="video" inner_html=html></figure> }
}
