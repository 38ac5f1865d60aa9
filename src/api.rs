//! The one path by which the app fetches data. Every bundle is fetched by
//! [`fetch_bundle`], and every answer is judged by [`decode_bundle`], so
//! status codes, CDN fallbacks and schema versions are handled in one place.

use crate::error::AppError;
use bantin_model::json::{self, FromJson, JsonError};
use bantin_model::{paths, Article, Home, ListingPage, Page, Site, Stats, SCHEMA_VERSION};
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

/// Decodes a JSON answer after checking its `schema_version`: one this
/// app does not read is told as a newer format (reload), not as damage.
/// Our bundles must carry it (`required`); other files may leave it out.
fn decode_versioned<T: FromJson>(status: u16, body: &str, required: bool) -> Result<T, AppError> {
    let trimmed = answered_json(status, body)?;
    let malformed = |e: JsonError| AppError::Malformed(e.to_string());
    let value = json::parse(trimmed).map_err(malformed)?;
    match value.whole_member("schema_version") {
        Some(found) if found != u64::from(SCHEMA_VERSION) => Err(AppError::SchemaMismatch {
            found: u32::try_from(found).unwrap_or(u32::MAX),
            expected: SCHEMA_VERSION,
        }),
        None if required => Err(AppError::Malformed("no schema_version".into())),
        _ => T::from_json(value).map_err(malformed),
    }
}

/// Turns an answer that is not one of our bundles (the visitor figures,
/// which a portal may serve from elsewhere) into a value. It needs no
/// `schema_version`, but one it does not know is told as a newer format.
pub fn decode_plain<T: FromJson>(status: u16, body: &str) -> Result<T, AppError> {
    decode_versioned(status, body, false)
}

/// Turns an HTTP answer into a bundle, or into the error a reader should see.
pub fn decode_bundle<T: FromJson>(status: u16, body: &str) -> Result<T, AppError> {
    decode_versioned(status, body, true)
}

/// Fetches and decodes one bundle. The request is aborted if the part of
/// the page that asked for it goes away first.
pub fn fetch_bundle<T: FromJson + 'static>(
    url: String,
) -> impl Future<Output = Result<T, AppError>> + Send {
    fetch_decoded(url, decode_bundle::<T>)
}

/// How a resource's value travels from the prerendered page to the app
/// (Leptos writes it into the page as text and reads it back while
/// hydrating): written with serde by the build-time renderer, read by the
/// model's JSON reader in the browser, as every fetched bundle is, so the
/// WASM holds one decoder per type.
pub struct BundleCodec;

impl<T: serde::Serialize> leptos::server::codee::Encoder<T> for BundleCodec {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(value)
    }
}

impl<T: FromJson> leptos::server::codee::Decoder<T> for BundleCodec {
    type Error = JsonError;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, JsonError> {
        json::from_str(text)
    }
}

/// A bundle loaded for a view: the error a reader sees if it could not be.
pub type BundleResource<T> = leptos::prelude::Resource<Result<T, AppError>, BundleCodec>;

/// A resource of the bundle `fetcher` gives for `source`'s value, carried
/// through the prerendered page by [`BundleCodec`].
#[track_caller]
pub fn bundle_resource<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> BundleResource<T>
where
    T: serde::Serialize + FromJson + Send + Sync + 'static,
    S: Send + Sync + Clone + PartialEq + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
{
    leptos::prelude::Resource::new_with_options(source, fetcher, false)
}

/// How long a request may take, body included, before the reader is told
/// the server is too slow (a stalled phone connection never answers).
pub const TIMEOUT_MS: i32 = 10_000;

/// Sends a GET for `url` and reads the answer's body as text, giving up
/// after [`TIMEOUT_MS`]; the request is aborted if the part of the page
/// that asked for it goes away first. One function for every kind of
/// bundle, boxed, so its code is in the WASM once, not once per type.
#[cfg(target_arch = "wasm32")]
#[inline(never)]
fn request_text(
    url: String,
) -> futures_util::future::LocalBoxFuture<'static, Result<(u16, String), AppError>> {
    use send_wrapper::SendWrapper;
    use std::{cell::Cell, rc::Rc};
    use wasm_bindgen::{closure::Closure, JsCast};

    Box::pin(async move {
        let network = |e: gloo_net::Error| AppError::Network(e.to_string());
        let controller = web_sys::AbortController::new()
            .map_err(|_| AppError::Network("this browser cannot abort requests".to_string()))?;
        let signal = controller.signal();
        let on_page_gone = SendWrapper::new(controller.clone());
        leptos::prelude::on_cleanup(move || on_page_gone.abort());
        let timed_out = Rc::new(Cell::new(false));
        let on_timeout = {
            let timed_out = timed_out.clone();
            Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let window = web_sys::window();
        let timer = window.as_ref().and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    on_timeout.as_ref().unchecked_ref(),
                    TIMEOUT_MS,
                )
                .ok()
        });
        let answer = async {
            let response = gloo_net::http::Request::get(&url)
                .abort_signal(Some(&signal))
                .send()
                .await
                .map_err(network)?;
            let status = response.status();
            Ok((status, response.text().await.map_err(network)?))
        }
        .await;
        if let (Some(window), Some(timer)) = (window, timer) {
            window.clear_timeout_with_handle(timer);
        }
        drop(on_timeout);
        if timed_out.get() {
            return Err(AppError::TimedOut);
        }
        answer
    })
}

/// Fetches one answer and decodes it with `decode`. Only the decoding is
/// per type; finding the text (memory, a prefetch, the network) is one
/// function for all.
#[cfg(target_arch = "wasm32")]
pub fn fetch_decoded<T: 'static>(
    url: String,
    decode: Decoder<T>,
) -> impl Future<Output = Result<T, AppError>> + Send {
    send_wrapper::SendWrapper::new(async move {
        let (status, body, remembered) = bundle_text(url.clone()).await?;
        let decoded = decode(status, &body);
        match (&decoded, remembered) {
            (Ok(_), false) => MEMORY.with(|cache| cache.borrow_mut().put(&url, &body)),
            // A prefetched body that is not what this view expects: drop
            // it and ask the network, so a retry can recover.
            (Err(_), true) => {
                MEMORY.with(|cache| cache.borrow_mut().remove(&url));
                let (status, body) = request_text(url.clone()).await?;
                let decoded = decode(status, &body);
                if decoded.is_ok() {
                    MEMORY.with(|cache| cache.borrow_mut().put(&url, &body));
                }
                return decoded;
            }
            _ => {}
        }
        decoded
    })
}

/// The text of `url`, and whether it came from memory: a prefetch of the
/// same bundle under way is waited for (the reader pointed at the link,
/// then clicked), then memory is asked, then the network.
#[cfg(target_arch = "wasm32")]
#[inline(never)]
fn bundle_text(
    url: String,
) -> futures_util::future::LocalBoxFuture<'static, Result<(u16, String, bool), AppError>> {
    Box::pin(async move {
        if let Some(Err(failed)) = (PrefetchLanded {
            url: &url,
            slot: None,
        })
        .await
        {
            return Err(failed);
        }
        if let Some(text) = MEMORY.with(|cache| cache.borrow_mut().get(&url).map(str::to_string)) {
            return Ok((200, text, true));
        }
        let (status, body) = request_text(url).await?;
        Ok((status, body, false))
    })
}

/// Asks the network for `url`, keeps the body in memory if `decode` takes
/// it, and gives what `decode` made of it.
#[cfg(target_arch = "wasm32")]
async fn fetch_into_memory<T>(url: &str, decode: Decoder<T>) -> Result<T, AppError> {
    let (status, body) = request_text(url.to_string()).await?;
    let decoded = decode(status, &body);
    if decoded.is_ok() {
        MEMORY.with(|cache| cache.borrow_mut().put(url, &body));
    }
    decoded
}

/// Where a view waiting for a prefetch finds that prefetch's outcome.
#[cfg(target_arch = "wasm32")]
type OutcomeSlot = std::rc::Rc<std::cell::RefCell<Option<Result<(), AppError>>>>;

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// Prefetches under way, by address, with the views waiting for each
    /// (the body itself goes to memory).
    static PREFETCHING: std::cell::RefCell<
        std::collections::HashMap<String, Vec<(std::task::Waker, OutcomeSlot)>>,
    > = std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Resolves at once with `None` when no prefetch of `url` is under way,
/// else with that prefetch's outcome once it has landed.
#[cfg(target_arch = "wasm32")]
struct PrefetchLanded<'a> {
    url: &'a str,
    slot: Option<OutcomeSlot>,
}

#[cfg(target_arch = "wasm32")]
impl Future for PrefetchLanded<'_> {
    type Output = Option<Result<(), AppError>>;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        context: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let this = self.get_mut();
        if let Some(outcome) = this.slot.as_ref().and_then(|slot| slot.borrow_mut().take()) {
            return std::task::Poll::Ready(Some(outcome));
        }
        PREFETCHING.with(|all| match all.borrow_mut().get_mut(this.url) {
            None => std::task::Poll::Ready(None),
            Some(waiting) => {
                let slot = this.slot.get_or_insert_with(OutcomeSlot::default).clone();
                waiting.push((context.waker().clone(), slot));
                std::task::Poll::Pending
            }
        })
    }
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

/// Fetches a bundle into memory ahead of need (the reader is pointing at
/// a link to it), through the same path as any fetch. A view that asks
/// for it meanwhile waits for this answer and shows its failure, if any;
/// once landed, a failure is forgotten, so a retry asks again.
pub fn prefetch(url: String) {
    #[cfg(target_arch = "wasm32")]
    {
        if MEMORY.with(|cache| cache.borrow_mut().get(&url).is_some()) {
            return;
        }
        let started = PREFETCHING.with(|all| match all.borrow_mut().entry(url.clone()) {
            std::collections::hash_map::Entry::Occupied(_) => false,
            std::collections::hash_map::Entry::Vacant(entry) => {
                entry.insert(Vec::new());
                true
            }
        });
        if !started {
            return;
        }
        leptos::task::spawn_local(async move {
            let outcome = fetch_into_memory(&url, decode_bundle::<json::Json>)
                .await
                .map(|_| ());
            let waiting = PREFETCHING.with(|all| all.borrow_mut().remove(&url));
            for (waker, slot) in waiting.unwrap_or_default() {
                *slot.borrow_mut() = Some(outcome.clone());
                waker.wake();
            }
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = url;
}

/// Where the build-time renderer finds a bundle's JSON text by the
/// address the browser fetches it at. Why a lookup and not a map of
/// texts: at 100,000 articles the site's bundles are over a gigabyte, and
/// a rebuild renders two pages; the bundler lends its own files.
#[cfg(not(target_arch = "wasm32"))]
pub trait PrerenderBundles: Send + Sync {
    /// The bundle at `address` ("/data/site.json"), if the site ships it.
    fn get(&self, address: &str) -> Option<&str>;
}

/// The bundles the build-time renderer reads instead of the network.
#[cfg(not(target_arch = "wasm32"))]
static PRERENDER_BUNDLES: std::sync::RwLock<Option<std::sync::Arc<dyn PrerenderBundles>>> =
    std::sync::RwLock::new(None);

/// Gives the build-time renderer the site's bundles, so pages render from
/// exactly the data the browser will fetch.
#[cfg(not(target_arch = "wasm32"))]
pub fn provide_prerender_bundles(bundles: std::sync::Arc<dyn PrerenderBundles>) {
    if let Ok(mut slot) = PRERENDER_BUNDLES.write() {
        *slot = Some(bundles);
    }
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    /// Every address the page being rendered on this thread asked for,
    /// found or not: what its HTML is made from (see [`take_prerender_reads`]).
    static READS: std::cell::RefCell<std::collections::BTreeSet<String>> =
        const { std::cell::RefCell::new(std::collections::BTreeSet::new()) };
}

/// The addresses asked for on this thread since the last call, in order,
/// each once. The bundler keeps them per page, so a later build renders a
/// page again only when one of them changed.
#[cfg(not(target_arch = "wasm32"))]
pub fn take_prerender_reads() -> Vec<String> {
    READS.with(|reads| {
        std::mem::take(&mut *reads.borrow_mut())
            .into_iter()
            .collect()
    })
}

/// Outside the browser, bundles come from [`provide_prerender_bundles`];
/// a path it does not hold is not found, as on the CDN.
#[cfg(not(target_arch = "wasm32"))]
pub async fn fetch_decoded<T: 'static>(url: String, decode: Decoder<T>) -> Result<T, AppError> {
    READS.with(|reads| reads.borrow_mut().insert(url.clone()));
    let bundles = PRERENDER_BUNDLES
        .read()
        .map_err(|_| AppError::Network(format!("{url}: bundles unavailable")))?
        .clone();
    match bundles.as_deref().and_then(|bundles| bundles.get(&url)) {
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
        assert_eq!(
            decode_plain::<Stats>(200, r#"{"schema_version": 9, "total": 1}"#).map(|s| s.total),
            Err(AppError::SchemaMismatch {
                found: 9,
                expected: SCHEMA_VERSION
            })
        );
    }

    #[test]
    fn a_good_bundle_decodes() {
        let body = r#"{"schema_version":1,"featured":null,"sections":[]}"#;
        let home: Result<Home, _> = decode_bundle(200, body);
        assert_eq!(home.map(|h| h.sections.len()), Ok(0));
    }
}
