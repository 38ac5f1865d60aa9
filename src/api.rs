//! The one path by which the app fetches data. Every bundle is fetched by
//! [`fetch_bundle`], and every answer is judged by [`decode_bundle`], so
//! status codes, CDN fallbacks and schema versions are handled in one place.

use crate::error::AppError;
use bantin_model::search::{Chunk, DocTable, SearchDocument, SearchManifest};
use bantin_model::{
    paths, Article, Envelope, Home, ListingPage, Page, Site, Stats, SCHEMA_VERSION,
};
use serde::de::DeserializeOwned;
use std::future::Future;

/// How an answer's body becomes a value (or the error a reader sees).
pub type Decoder<T> = fn(u16, &str) -> Result<T, AppError>;

/// The status check every answer goes through.
fn answered(status: u16) -> Result<(), AppError> {
    match status {
        200..=299 => Ok(()),
        404 | 410 => Err(AppError::NotFound),
        _ => Err(AppError::Server(status)),
    }
}

/// The checks every JSON answer goes through; gives the body to decode.
fn answered_json(status: u16, body: &str) -> Result<&str, AppError> {
    answered(status)?;
    let trimmed = body.trim_start();
    if trimmed.starts_with('<') {
        // A CDN with a single-page-app fallback answers a missing file
        // with index.html and status 200.
        return Err(AppError::NotFound);
    }
    Ok(trimmed)
}

/// Turns an answer that is not one of our bundles (the visitor figures,
/// which a portal may serve from elsewhere) into a value.
pub fn decode_plain<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, AppError> {
    serde_json::from_str(answered_json(status, body)?)
        .map_err(|e| AppError::Malformed(e.to_string()))
}

/// Turns an HTTP answer into a bundle, or into the error a reader should see.
pub fn decode_bundle<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, AppError> {
    let trimmed = answered_json(status, body)?;
    let envelope: Envelope = serde_json::from_str(trimmed)
        .map_err(|e| AppError::Malformed(format!("no schema_version: {e}")))?;
    if envelope.schema_version != SCHEMA_VERSION {
        return Err(AppError::SchemaMismatch {
            found: envelope.schema_version,
            expected: SCHEMA_VERSION,
        });
    }
    serde_json::from_str(trimmed).map_err(|e| AppError::Malformed(e.to_string()))
}

/// Fetches and decodes one bundle. The request is aborted if the part of
/// the page that asked for it goes away first.
pub fn fetch_bundle<T: DeserializeOwned + 'static>(
    url: String,
) -> impl Future<Output = Result<T, AppError>> + Send {
    fetch_decoded(url, decode_bundle::<T>)
}

/// Fetches one answer and decodes it with `decode`.
#[cfg(target_arch = "wasm32")]
pub fn fetch_decoded<T: 'static>(
    url: String,
    decode: Decoder<T>,
) -> impl Future<Output = Result<T, AppError>> + Send {
    use send_wrapper::SendWrapper;
    SendWrapper::new(async move {
        match from_memory(&url, decode) {
            Some(Ok(decoded)) => return Ok(decoded),
            // A prefetched body that is not what this view expects: drop
            // it and ask the network, so a retry can recover.
            Some(Err(_)) => MEMORY.with(|cache| cache.borrow_mut().remove(&url)),
            None => {}
        }
        let controller = SendWrapper::new(web_sys::AbortController::new().ok());
        let signal = controller.as_ref().map(|c| c.signal());
        leptos::prelude::on_cleanup(move || {
            if let Some(controller) = controller.take() {
                controller.abort();
            }
        });
        let response = gloo_net::http::Request::get(&url)
            .abort_signal(signal.as_ref())
            .send()
            .await
            .map_err(|e| AppError::Network(e.to_string()))?;
        let status = response.status();
        let body = response
            .text()
            .await
            .map_err(|e| AppError::Network(e.to_string()))?;
        let decoded = decode(status, &body);
        if decoded.is_ok() {
            MEMORY.with(|cache| cache.borrow_mut().put(&url, &body));
        }
        decoded
    })
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// Bundles already fetched in this visit (the browser runs the app on
    /// one thread).
    static MEMORY: std::cell::RefCell<crate::bundle_cache::BundleCache> =
        std::cell::RefCell::new(crate::bundle_cache::BundleCache::new(
            crate::bundle_cache::DEFAULT_BUDGET_BYTES,
        ));
}

/// A bundle fetched before in this visit, decoded again.
#[cfg(target_arch = "wasm32")]
fn from_memory<T>(url: &str, decode: Decoder<T>) -> Option<Result<T, AppError>> {
    MEMORY.with(|cache| cache.borrow_mut().get(url).map(|text| decode(200, text)))
}

/// How a binary answer (a search chunk) becomes a value.
pub type BinaryDecoder<T> = fn(u16, &[u8]) -> Result<T, AppError>;

/// Turns a binary search file into a value with `parse` after the usual
/// status checks; an HTML page where a file should be (a CDN's fallback)
/// is "not found".
pub fn decode_binary<T>(
    status: u16,
    body: &[u8],
    parse: fn(&[u8]) -> Result<T, String>,
) -> Result<T, AppError> {
    answered(status)?;
    if body.first() == Some(&b'<') {
        return Err(AppError::NotFound);
    }
    parse(body).map_err(AppError::Malformed)
}

/// Fetches one binary file and decodes it with `decode`. Not kept in the
/// bundle cache: the search module keeps what it decoded.
#[cfg(target_arch = "wasm32")]
pub fn fetch_binary<T: 'static>(
    url: String,
    decode: BinaryDecoder<T>,
) -> impl Future<Output = Result<T, AppError>> + Send {
    send_wrapper::SendWrapper::new(async move {
        let response = gloo_net::http::Request::get(&url)
            .send()
            .await
            .map_err(|e| AppError::Network(e.to_string()))?;
        let status = response.status();
        let body = response
            .binary()
            .await
            .map_err(|e| AppError::Network(e.to_string()))?;
        decode(status, &body)
    })
}

/// Outside the browser there is nothing to search: not found.
#[cfg(not(target_arch = "wasm32"))]
pub async fn fetch_binary<T: 'static>(
    url: String,
    decode: BinaryDecoder<T>,
) -> Result<T, AppError> {
    let _ = (url, decode);
    Err(AppError::NotFound)
}

/// Fetches a bundle into memory ahead of need (the reader is pointing at
/// a link to it), through the same path as any fetch. Failures are
/// ignored: the real visit will report them.
pub fn prefetch(url: String) {
    #[cfg(target_arch = "wasm32")]
    leptos::task::spawn_local(async move {
        let _ = fetch_decoded(url, decode_bundle::<serde::de::IgnoredAny>).await;
    });
    #[cfg(not(target_arch = "wasm32"))]
    let _ = url;
}

/// The bundles the build-time renderer reads instead of the network, by path.
#[cfg(not(target_arch = "wasm32"))]
static PRERENDER_BUNDLES: std::sync::RwLock<Option<std::collections::HashMap<String, String>>> =
    std::sync::RwLock::new(None);

/// Gives the build-time renderer the site's bundles (path → JSON text), so
/// pages render from exactly the data the browser will fetch.
#[cfg(not(target_arch = "wasm32"))]
pub fn provide_prerender_bundles(bundles: std::collections::HashMap<String, String>) {
    if let Ok(mut slot) = PRERENDER_BUNDLES.write() {
        *slot = Some(bundles);
    }
}

/// Outside the browser, bundles come from [`provide_prerender_bundles`];
/// a path it does not hold is not found, as on the CDN.
#[cfg(not(target_arch = "wasm32"))]
pub async fn fetch_decoded<T: 'static>(url: String, decode: Decoder<T>) -> Result<T, AppError> {
    let bundles = PRERENDER_BUNDLES
        .read()
        .map_err(|_| AppError::Network(format!("{url}: bundles unavailable")))?;
    match bundles.as_ref().and_then(|bundles| bundles.get(&url)) {
        Some(text) => decode(200, text),
        None => Err(AppError::NotFound),
    }
}

/// The site identity, menus and footer.
pub fn fetch_site() -> impl Future<Output = Result<Site, AppError>> + Send {
    fetch_bundle(paths::SITE.to_string())
}

/// The home page bundle.
pub fn fetch_home() -> impl Future<Output = Result<Home, AppError>> + Send {
    fetch_bundle(paths::HOME.to_string())
}

/// One page of a category listing.
pub fn fetch_listing(
    category: &str,
    page: u32,
) -> impl Future<Output = Result<ListingPage, AppError>> + Send {
    fetch_bundle(paths::listing(category, page))
}

/// One article.
pub fn fetch_article(slug: &str) -> impl Future<Output = Result<Article, AppError>> + Send {
    fetch_bundle(paths::article(slug))
}

/// One static page.
pub fn fetch_page(slug: &str) -> impl Future<Output = Result<Page, AppError>> + Send {
    fetch_bundle(paths::page(slug))
}

/// The search manifest of the current build.
pub fn fetch_search_manifest() -> impl Future<Output = Result<SearchManifest, AppError>> + Send {
    fetch_bundle(paths::SEARCH.to_string())
}

/// One chunk of the search index.
pub fn fetch_search_chunk(
    build: &str,
    index: usize,
) -> impl Future<Output = Result<Chunk, AppError>> + Send {
    fetch_binary(paths::search_chunk(build, index), |status, body| {
        decode_binary(status, body, Chunk::decode)
    })
}

/// Date and category of every indexed article.
pub fn fetch_search_docs(build: &str) -> impl Future<Output = Result<DocTable, AppError>> + Send {
    fetch_binary(paths::search_docs(build), |status, body| {
        decode_binary(status, body, DocTable::decode)
    })
}

/// What a search result shows of one article.
pub fn fetch_search_document(
    build: &str,
    doc: u32,
) -> impl Future<Output = Result<SearchDocument, AppError>> + Send {
    fetch_bundle(paths::search_document(build, doc))
}

/// The visitor figures, from wherever `site.json` says they are.
pub fn fetch_stats(url: String) -> impl Future<Output = Result<Stats, AppError>> + Send {
    fetch_decoded(url, decode_plain::<Stats>)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_bundles_and_spa_fallbacks_are_not_found() {
        assert_eq!(decode_bundle::<Site>(404, ""), Err(AppError::NotFound));
        assert_eq!(
            decode_bundle::<Site>(200, "<!DOCTYPE html><html>"),
            Err(AppError::NotFound)
        );
    }

    #[test]
    fn server_errors_keep_their_status() {
        assert_eq!(decode_bundle::<Site>(503, "{}"), Err(AppError::Server(503)));
    }

    #[test]
    fn a_newer_schema_is_told_apart_from_broken_data() {
        assert_eq!(
            decode_bundle::<Site>(200, r#"{"schema_version": 99}"#),
            Err(AppError::SchemaMismatch {
                found: 99,
                expected: SCHEMA_VERSION
            })
        );
        assert!(matches!(
            decode_bundle::<Site>(200, r#"{"schema_version": 1, "name": 5}"#),
            Err(AppError::Malformed(_))
        ));
        assert!(matches!(
            decode_bundle::<Site>(200, r#"{"schema_version": 1, "na"#),
            Err(AppError::Malformed(_))
        ));
    }

    #[test]
    fn visitor_figures_need_no_schema_version_but_must_be_numbers() {
        let stats: Result<Stats, _> = decode_plain(200, r#"{"total": 77258962}"#);
        assert_eq!(stats.map(|s| s.total), Ok(77_258_962));
        assert!(matches!(
            decode_plain::<Stats>(200, r#"{"total": "nhiều"}"#),
            Err(AppError::Malformed(_))
        ));
        assert_eq!(decode_plain::<Stats>(404, ""), Err(AppError::NotFound));
    }

    #[test]
    fn a_good_bundle_decodes() {
        let body = r#"{"schema_version":1,"featured":null,"sections":[]}"#;
        let home: Result<Home, _> = decode_bundle(200, body);
        assert_eq!(home.map(|h| h.sections.len()), Ok(0));
    }
}
