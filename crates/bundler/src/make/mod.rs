//! The second stage: the site's files made from loaded content, in memory:
//! the JSON bundles of the contract, the search index, feeds and sitemap,
//! picture copies, prerendered pages and what lets them run under a strict
//! CSP (the loader, styles, service worker, CDN rules). Imports only from
//! `load` and the shared leaves; writing is `publish`'s.

pub(crate) mod app_files;
pub(crate) mod app_start;
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
