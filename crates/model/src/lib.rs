//! The bundle contract between the `bantin` bundler and the Bản tin app.
//!
//! Every JSON file the bundler writes under `data/` is one of the bundle types
//! here, and the app reads them back with the same types, so the two can never
//! drift apart. The crate has no web dependency: it compiles natively for the
//! bundler and its tests, and to WebAssembly for the app.

mod blocks;
mod bundles;
mod date;
mod fold;
pub mod hash;
pub mod json;
pub mod search;

pub use blocks::{Block, Inline};
pub use bundles::{
    listing_page_count, srcset, subcategories, Article, ArticleLink, ArticleSummary, Attachment,
    Category, CategoryKind, CategoryRef, Contact, Footer, Home, HomeSection, ImageRef,
    ImageVariant, ListingPage, MenuItem, Page, PageLink, Site, Stats, Video, SCHEMA_VERSION,
};
pub use date::{Date, DateError};
pub use fold::{fold_vietnamese, slugify};

/// Whether `id` can be a YouTube video id (11 characters of the URL-safe
/// base64 alphabet). Both the bundler and the app check it, so nothing else
/// ever reaches an embed address.
pub fn is_youtube_id(id: &str) -> bool {
    id.len() == 11
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The first thing the app reads of any bundle: its schema version.
///
/// Decoding this small envelope before the full bundle lets the app tell
/// "this site was built by a newer bundler" apart from "this file is broken".
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
pub struct Envelope {
    /// The major version of the bundle format the file was written with.
    pub schema_version: u32,
}

/// Where each bundle lives under the site root, so the bundler writes and the
/// app fetches the very same paths.
pub mod paths {
    /// The site identity, menus and footer.
    pub const SITE: &str = "/data/site.json";
    /// Everything the home page shows, in one request.
    pub const HOME: &str = "/data/home.json";

    /// One page of a category listing; pages count from 1.
    pub fn listing(category: &str, page: u32) -> String {
        format!("/data/chuyen-muc/{category}/{page}.json")
    }

    /// One article, by slug.
    pub fn article(slug: &str) -> String {
        format!("/data/tin-tuc/{slug}.json")
    }

    /// One static page, by slug.
    pub fn page(slug: &str) -> String {
        format!("/data/trang/{slug}.json")
    }

    /// The visitor figures the bundler ships when the content has them; a
    /// portal may point `site.toml`'s `counter` at a live source instead.
    pub const STATS: &str = "/data/stats.json";

    /// The search manifest: the one search file whose name never changes.
    pub const SEARCH: &str = "/data/search.json";

    /// The folder of one build's search files (named by the manifest).
    pub fn search_build(build: &str) -> String {
        format!("/data/search/{build}")
    }

    /// Chunk `index` of a build's search index.
    pub fn search_chunk(build: &str, index: usize) -> String {
        format!("/data/search/{build}/{index}.bin")
    }

    /// Date and category of every indexed article.
    pub fn search_docs(build: &str) -> String {
        format!("/data/search/{build}/docs.bin")
    }

    /// The articles saved since index `build` was made (fingerprint
    /// `supplement`): served by the preview only.
    pub fn search_supplement(build: &str, supplement: &str) -> String {
        format!("/data/search/{build}/s/{supplement}.bin")
    }

    /// What a search result shows of article `doc`.
    pub fn search_document(build: &str, doc: u32) -> String {
        format!("/data/search/{build}/d/{doc}.json")
    }

    /// The sitemap (or sitemap index).
    pub const SITEMAP: &str = "/sitemap.xml";

    /// The robots file.
    pub const ROBOTS: &str = "/robots.txt";

    /// The RSS feed of a category, or for `None` of the whole portal.
    pub fn rss_feed(category: Option<&str>) -> String {
        category.map_or_else(|| "/rss.xml".to_string(), |slug| format!("/rss/{slug}.xml"))
    }

    /// The Atom feed of a category, or of the whole portal.
    pub fn atom_feed(category: Option<&str>) -> String {
        category.map_or_else(
            || "/atom.xml".to_string(),
            |slug| format!("/atom/{slug}.xml"),
        )
    }
}

/// The reader-facing URL of each page, shared by the app's links and the
/// bundler's internal-link checks.
pub mod routes {
    /// The home page.
    pub const HOME: &str = "/";

    /// A category listing page; page 1 has the short form.
    pub fn category(slug: &str, page: u32) -> String {
        if page <= 1 {
            format!("/chuyen-muc/{slug}")
        } else {
            format!("/chuyen-muc/{slug}/trang/{page}")
        }
    }

    /// An article.
    pub fn article(slug: &str) -> String {
        format!("/tin-tuc/{slug}")
    }

    /// A static page (Giới thiệu, Liên hệ).
    pub fn page(slug: &str) -> String {
        format!("/trang/{slug}")
    }

    /// The site map: every category and page.
    pub const SITE_MAP: &str = "/so-do-trang";

    /// Search results; the query is in `?q=`.
    pub const SEARCH: &str = "/tim-kiem";

    /// Percent-encodes text for one value of an address's query (UTF-8,
    /// unreserved characters kept).
    pub fn encode_component(text: &str) -> String {
        let mut out = String::with_capacity(text.len() * 3);
        for byte in text.bytes() {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
                out.push(char::from(byte));
            } else {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 15)]));
            }
        }
        out
    }
}
