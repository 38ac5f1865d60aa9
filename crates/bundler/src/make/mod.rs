//! The second stage: the site's files made from loaded content, in memory:
//! the JSON bundles of the contract, the search index, feeds and sitemap,
//! picture copies, prerendered pages and what lets them run under a strict
//! CSP (the loader, styles, service worker, CDN rules). Imports only from
//! `load` and the shared leaves; writing is `publish`'s.

pub(crate) mod app_files;
pub(crate) mod app_start;
pub(crate) mod base_path;
pub(crate) mod bundles;
pub(crate) mod cdn;
pub(crate) mod csp;
pub(crate) mod feeds;
pub(crate) mod images;
pub(crate) mod offline;
pub(crate) mod page_record;
pub(crate) mod pages;
pub(crate) mod prerender;
pub mod search;
pub(crate) mod styles;

/// Why a file of the site could not be made. None of these comes from the
/// content (`load` has refused bad content before): they are faults of
/// the app's files or of this program.
#[derive(Debug, thiserror::Error)]
pub enum MakeError {
    /// A bundle that did not encode to JSON.
    #[error("cannot encode {file}: {source}")]
    Encode {
        file: String,
        #[source]
        source: serde_json::Error,
    },
    /// The app's `index.html` is not a page the site's pages can be
    /// rendered into.
    #[error("{0}")]
    Template(String),
    /// A component stopped while rendering a page.
    #[error("rendering a page failed")]
    Render,
    /// A rendered page that is not UTF-8.
    #[error("{path}: the rendered page is not UTF-8")]
    NotUtf8 { path: String },
}
