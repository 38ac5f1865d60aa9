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

/// Every bundle a resource of the app holds, as one type: the reactive code
/// behind a resource (and the loading view over it) is then in the WASM
/// once, not once per bundle type. Written into the prerendered page as
/// serde tags an enum (`{"Article": {…}}`).
// A resource holds one at a time: boxing the big variants would save no
// memory worth the extra code.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Bundle {
    /// `site.json`.
    Site(Site),
    /// `home.json`.
    Home(Home),
    /// A page of a category's listing.
    Listing(ListingPage),
    /// An article.
    Article(Article),
    /// A static page.
    Page(Page),
    /// The visitor figures (`None`: the site names none, or the build
    /// could not read them).
    Counter(Option<Stats>),
}

impl FromJson for Bundle {
    fn from_json(value: json::Json) -> Result<Bundle, JsonError> {
        let (name, inner) = value.variant()?;
        let inner = inner.ok_or_else(|| JsonError::new(format!("`{name}` without its bundle")))?;
        match name.as_str() {
            "Site" => Site::from_json(inner).map(Bundle::Site),
            "Home" => Home::from_json(inner).map(Bundle::Home),
            "Listing" => ListingPage::from_json(inner).map(Bundle::Listing),
            "Article" => Article::from_json(inner).map(Bundle::Article),
            "Page" => Page::from_json(inner).map(Bundle::Page),
            "Counter" => Option::<Stats>::from_json(inner).map(Bundle::Counter),
            _ => Err(JsonError::new(format!("unknown bundle `{name}`"))),
        }
    }
}

/// A bundle type a [`BundleResource`] can hold.
pub trait OneBundle: Sized + 'static {
    /// Into the one type resources hold.
    fn into_bundle(self) -> Bundle;
    /// Back out of it: `None` for another type's bundle.
    fn from_bundle(bundle: Bundle) -> Option<Self>;
}

macro_rules! one_bundle {
    ($($variant:ident($type:ty)),*) => {$(
        impl OneBundle for $type {
            fn into_bundle(self) -> Bundle {
                Bundle::$variant(self)
            }
            fn from_bundle(bundle: Bundle) -> Option<$type> {
                match bundle {
                    Bundle::$variant(value) => Some(value),
                    _ => None,
                }
            }
        }
    )*};
}

one_bundle!(
    Site(Site),
    Home(Home),
    Listing(ListingPage),
    Article(Article),
    Page(Page),
    Counter(Option<Stats>)
);

/// What every bundle resource is underneath.
pub type AnyBundleResource = leptos::prelude::Resource<Result<Bundle, AppError>, BundleCodec>;

/// A bundle of type `T` loaded for a view: the error a reader sees if it
/// could not be. `.await` gives the bundle.
pub struct BundleResource<T> {
    /// The resource, holding any bundle.
    pub any: AnyBundleResource,
    kind: std::marker::PhantomData<fn() -> T>,
}

impl<T> Clone for BundleResource<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for BundleResource<T> {}

impl<T> BundleResource<T> {
    /// Loads the bundle again (the reader's "Thử lại").
    pub fn refetch(&self) {
        self.any.refetch();
    }
}

/// The bundle a resource holds, as its own type. Another type's bundle
/// (which no resource is given) would be damaged data.
pub fn bundle_of<T: OneBundle>(loaded: Result<Bundle, AppError>) -> Result<T, AppError> {
    loaded.and_then(|bundle| {
        T::from_bundle(bundle).ok_or_else(|| AppError::Malformed("another bundle".into()))
    })
}

impl<T: OneBundle> std::future::IntoFuture for BundleResource<T> {
    type Output = Result<T, AppError>;
    type IntoFuture = std::pin::Pin<Box<dyn Future<Output = Result<T, AppError>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        let any = self.any;
        Box::pin(async move { bundle_of(any.await) })
    }
}

/// What names the bundle a route shows: a slug (empty for none) and, for a
/// listing, its page number (`None` for one that cannot be).
pub type BundleKey = (String, Option<u32>);

/// A bundle on its way, as every resource's fetcher gives it.
type Loading = std::pin::Pin<Box<dyn Future<Output = Result<Bundle, AppError>> + Send>>;

/// A resource of the bundle `fetcher` gives for `source`'s key, carried
/// through the prerendered page by [`BundleCodec`].
pub fn bundle_resource<T, Fut>(
    source: impl Fn() -> BundleKey + Send + Sync + 'static,
    fetcher: impl Fn(BundleKey) -> Fut + Send + Sync + 'static,
) -> BundleResource<T>
where
    T: OneBundle,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
{
    let fetch = move |key: BundleKey| -> Loading {
        let loading = fetcher(key);
        Box::pin(async move { loading.await.map(T::into_bundle) })
    };
    BundleResource {
        any: any_resource(std::sync::Arc::new(source), std::sync::Arc::new(fetch)),
        kind: std::marker::PhantomData,
    }
}

/// The one place a resource is made: its reactive code is in the WASM
/// once, whatever the route.
fn any_resource(
    source: std::sync::Arc<dyn Fn() -> BundleKey + Send + Sync>,
    fetch: std::sync::Arc<dyn Fn(BundleKey) -> Loading + Send + Sync>,
) -> AnyBundleResource {
    leptos::prelude::Resource::new_with_options(move || source(), move |key| fetch(key), false)
}

/// How long a request may take, body included, before the reader is told
/// the server is too slow (a stalled phone connection never answers).
pub const TIMEOUT_MS: i32 = 10_000;

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(target_arch = "wasm32")]
mod web;

#[cfg(not(target_arch = "wasm32"))]
pub use native::{
    fetch_decoded, prefetch, provide_prerender_bundles, take_prerender_reads, PrerenderBundles,
};
#[cfg(target_arch = "wasm32")]
pub use web::{fetch_decoded, prefetch};

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
    fn a_bundle_travels_through_the_page_as_its_own_type() -> Result<(), Box<dyn std::error::Error>>
    {
        let home: Home =
            decode_bundle(200, r#"{"schema_version":1,"featured":null,"sections":[]}"#)?;
        let written = serde_json::to_string(&home.clone().into_bundle())?;
        assert!(written.starts_with(r#"{"Home":{"#), "{written}");
        let read: Bundle = json::from_str(&written)?;
        assert_eq!(bundle_of::<Home>(Ok(read.clone())), Ok(home));
        // A bundle of another type is damaged data, not a panic.
        assert!(matches!(
            bundle_of::<Site>(Ok(read)),
            Err(AppError::Malformed(_))
        ));
        assert!(json::from_str::<Bundle>(r#"{"Video":{}}"#).is_err());
        assert!(json::from_str::<Bundle>(r#""Home""#).is_err());
        Ok(())
    }

    #[test]
    fn a_good_bundle_decodes() {
        let body = r#"{"schema_version":1,"featured":null,"sections":[]}"#;
        let home: Result<Home, _> = decode_bundle(200, body);
        assert_eq!(home.map(|h| h.sections.len()), Ok(0));
    }
}
