//! Bản tin's search, as its own small WASM run in a web worker.
//!
//! The app's WASM no longer carries the index decoding and ranking: the
//! page starts this worker only when a search is asked (the search page,
//! or the header's search box entered). The app sends a request
//! (`bantin_model::search::ToWorker`); the worker fetches the index files
//! and the results' texts itself and answers with results ready to draw
//! (`FromWorker`). The engine ([`engine`]) is plain Rust over a way to get
//! files, tested natively; [`browser`] is the worker around it.

#[cfg(target_arch = "wasm32")]
mod browser;
pub mod engine;

#[cfg(target_arch = "wasm32")]
pub use browser::receive;
