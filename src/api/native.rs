//! The build-time renderer's side of [`crate::api`]: bundles from the
//! bundler's own files, and a note of every address each page asked for.

use super::Decoder;
use crate::error::AppError;

/// Where the build-time renderer finds a bundle's JSON text by the
/// address the browser fetches it at. Why a lookup and not a map of
/// texts: at 100,000 articles the site's bundles are over a gigabyte, and
/// a rebuild renders two pages; the bundler lends its own files.
pub trait PrerenderBundles: Send + Sync {
    /// The bundle at `address` ("/data/site.json"), if the site ships it.
    fn get(&self, address: &str) -> Option<&str>;
}

/// The bundles the build-time renderer reads instead of the network.
static PRERENDER_BUNDLES: std::sync::RwLock<Option<std::sync::Arc<dyn PrerenderBundles>>> =
    std::sync::RwLock::new(None);

/// Gives the build-time renderer the site's bundles, so pages render from
/// exactly the data the browser will fetch.
pub fn provide_prerender_bundles(bundles: std::sync::Arc<dyn PrerenderBundles>) {
    if let Ok(mut slot) = PRERENDER_BUNDLES.write() {
        *slot = Some(bundles);
    }
}

thread_local! {
    /// Every address the page being rendered on this thread asked for,
    /// found or not: what its HTML is made from (see [`take_prerender_reads`]).
    static READS: std::cell::RefCell<std::collections::BTreeSet<String>> =
        const { std::cell::RefCell::new(std::collections::BTreeSet::new()) };
}

/// The addresses asked for on this thread since the last call, in order,
/// each once. The bundler keeps them per page, so a later build renders a
/// page again only when one of them changed.
pub fn take_prerender_reads() -> Vec<String> {
    READS.with(|reads| {
        std::mem::take(&mut *reads.borrow_mut())
            .into_iter()
            .collect()
    })
}

/// Outside the browser, bundles come from [`provide_prerender_bundles`];
/// a path it does not hold is not found, as on the CDN.
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

/// Nothing is fetched ahead at build time.
pub fn prefetch(_url: String) {}
