//! Searching from the browser: what the reader asked for (read from and
//! written to the `/tim-kiem` address), and running it with the engine of
//! `bantin_model::search` over the index chunks it needs.

use crate::api;
use crate::error::AppError;
use bantin_model::search::{Chunk, DocTable, Query, SearchManifest, Segment};
use bantin_model::{routes, CategoryRef, Date};

/// Results per page.
pub const PAGE_SIZE: usize = 10;
/// A query with quoted phrases checks at most this many candidates
/// against their text (each check is one small download).
pub const PHRASE_CANDIDATES: usize = 100;
/// Words of an excerpt.
const EXCERPT_WORDS: usize = 32;

/// A search as the address holds it: `/tim-kiem?q=…&chuyen-muc=…&tu=…&den=…&trang=…`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchRequest {
    /// What the reader typed.
    pub text: String,
    /// Category slug to keep; empty for all.
    pub category: String,
    /// Oldest publication date to keep.
    pub from: Option<Date>,
    /// Newest publication date to keep.
    pub to: Option<Date>,
    /// Result page, from 1.
    pub page: u32,
}

impl SearchRequest {
    /// Reads a request from the address's query parameters; anything
    /// unreadable (a bad date, page "abc") is left out rather than refused.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> SearchRequest {
        let date = |name: &str| get(name).and_then(|text| Date::parse(&text).ok());
        SearchRequest {
            text: get("q").unwrap_or_default(),
            category: get("chuyen-muc").unwrap_or_default(),
            from: date("tu"),
            to: date("den"),
            page: get("trang")
                .and_then(|p| p.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }

    /// The address of this request (page 1 and empty filters left out).
    pub fn href(&self) -> String {
        let mut parts = vec![format!("q={}", encode_component(&self.text))];
        if !self.category.is_empty() {
            parts.push(format!("chuyen-muc={}", encode_component(&self.category)));
        }
        if let Some(from) = self.from {
            parts.push(format!("tu={from}"));
        }
        if let Some(to) = self.to {
            parts.push(format!("den={to}"));
        }
        if self.page > 1 {
            parts.push(format!("trang={}", self.page));
        }
        format!("{}?{}", routes::SEARCH, parts.join("&"))
    }

    /// The same search on another result page.
    pub fn with_page(&self, page: u32) -> SearchRequest {
        SearchRequest {
            page,
            ..self.clone()
        }
    }

    /// Whether a filter narrows the results.
    pub fn is_filtered(&self) -> bool {
        !self.category.is_empty() || self.from.is_some() || self.to.is_some()
    }
}

/// Percent-encodes a query parameter value (UTF-8, unreserved characters
/// kept).
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Which article numbers a request's filters keep, given the document
/// table (`None`: all).
pub fn filter_for<'a>(
    request: &SearchRequest,
    manifest: &SearchManifest,
    table: Option<&'a DocTable>,
) -> impl Fn(u32) -> bool + 'a {
    let category = manifest
        .categories
        .iter()
        .position(|c| c.slug == request.category)
        .map(|i| i as u32);
    // A parent category keeps its subcategories' articles, as its listing does.
    let parents = manifest.parents.clone();
    let in_category = move |wanted: u32, filed: u32| {
        filed == wanted || parents.get(filed as usize).copied().flatten() == Some(wanted)
    };
    let from = request.from.map(Date::days_since_epoch);
    let to = request.to.map(Date::days_since_epoch);
    // Borrowed, not copied: at 100,000 articles the table is that long.
    let docs: &[(i64, u32)] = table.map_or(&[], |t| t.docs.as_slice());
    move |doc| {
        let Some((days, doc_category)) = docs.get(doc as usize) else {
            return category.is_none() && from.is_none() && to.is_none();
        };
        category.is_none_or(|c| in_category(c, *doc_category))
            && from.is_none_or(|f| *days >= f)
            && to.is_none_or(|t| *days <= t)
    }
}

/// One result as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResult {
    /// The title with matched words marked.
    pub title: Vec<Segment>,
    /// Words around the best match, marked.
    pub excerpt: Vec<Segment>,
    /// Article address.
    pub href: String,
    /// Publication date.
    pub date: Date,
    /// Category.
    pub category: CategoryRef,
}

/// The answer to a request.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchOutcome {
    /// Matching articles in all.
    pub total: usize,
    /// This page's results.
    pub results: Vec<SearchResult>,
    /// The word still being typed, left out of these results (lower case,
    /// as typed; see `Query::answer`): the page says so.
    pub left_out: Option<String>,
    /// Pages of results.
    pub total_pages: u32,
    /// Categories a reader can filter by.
    pub categories: Vec<CategoryRef>,
    /// Time from request to results, in milliseconds (shown to benchmarks
    /// as `data-elapsed-ms`).
    pub elapsed_ms: f64,
    /// Where that time went: index files (manifest, chunks, document
    /// table), ranking, the results' texts fetched (and checked against
    /// quoted phrases), and their titles and excerpts highlighted, for
    /// benchmarks (`data-phases-ms`).
    pub phases_ms: [f64; 4],
}

fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    0.0
}

/// A chunk decoded, or on its way: every search that needs it awaits the
/// same download.
#[cfg(target_arch = "wasm32")]
type ChunkLoad = futures_util::future::Shared<
    futures_util::future::LocalBoxFuture<'static, Result<std::rc::Rc<Chunk>, AppError>>,
>;

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// Chunks by address, decoded or on their way; a new build has new
    /// addresses. A failed download is replaced by the next search that
    /// needs it, so a retry asks again.
    static CHUNKS: std::cell::RefCell<std::collections::HashMap<String, ChunkLoad>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Chunks kept at most (each is a few tens of kilobytes decoded).
#[cfg(target_arch = "wasm32")]
const KEPT_CHUNKS: usize = 64;

/// A chunk from memory or the network. The download is its own task: a
/// search stopped by the next key leaves it to land for the next search,
/// which needs the same words.
async fn chunk(manifest: &SearchManifest, index: usize) -> Result<std::rc::Rc<Chunk>, AppError> {
    #[cfg(target_arch = "wasm32")]
    {
        use futures_util::FutureExt;
        let key = bantin_model::paths::search_chunk(&manifest.build, index);
        let load = CHUNKS.with(|chunks| {
            let mut chunks = chunks.borrow_mut();
            if let Some(known) = chunks.get(&key) {
                if !matches!(known.peek(), Some(Err(_))) {
                    return known.clone();
                }
            }
            if chunks.len() >= KEPT_CHUNKS {
                chunks.clear();
            }
            let build = manifest.build.clone();
            let load = async move {
                api::fetch_search_chunk(&build, index)
                    .await
                    .map(std::rc::Rc::new)
            }
            .boxed_local()
            .shared();
            let driven = load.clone();
            leptos::task::spawn_local(async move {
                let _ = driven.await;
            });
            chunks.insert(key, load.clone());
            load
        });
        load.await
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        api::fetch_search_chunk(&manifest.build, index)
            .await
            .map(std::rc::Rc::new)
    }
}

/// Text as the index holds it (NFC), whatever the reader's keyboard sent.
fn normalise(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::JsString::from(text).normalize("NFC").into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    text.to_string()
}

/// Runs a search: the manifest, the chunks the words need, the document
/// table if a filter is on, then the texts of the page's results. Stops
/// with `Ok(None)` before fetching texts once `still_current` says a newer
/// search replaced it (its chunks are kept for that one).
pub async fn run(
    request: SearchRequest,
    still_current: impl Fn() -> bool,
) -> Result<Option<SearchOutcome>, AppError> {
    use futures_util::future::join_all;
    let started = now_ms();
    let manifest = api::fetch_search_manifest().await?;
    let query = Query::parse(&normalise(&request.text));
    let needed = query.chunks_needed(&manifest);
    let mut chunks = Vec::with_capacity(needed.len());
    for loaded in join_all(needed.iter().map(|i| chunk(&manifest, *i))).await {
        chunks.push(loaded?);
    }
    let table = if request.is_filtered() {
        Some(api::fetch_search_docs(&manifest.build).await?)
    } else {
        None
    };
    let allowed = filter_for(&request, &manifest, table.as_ref());
    let chunk_refs: Vec<&Chunk> = chunks.iter().map(|c| c.as_ref()).collect();
    let page = request.page.max(1) as usize;
    // Only the hits up to this page (or the phrase candidates) are sorted.
    let limit = if query.phrases.is_empty() {
        page * PAGE_SIZE
    } else {
        PHRASE_CANDIDATES
    };
    if !still_current() {
        return Ok(None);
    }
    let loaded = now_ms();
    let answer = query.answer(&chunk_refs, &manifest, allowed, limit);
    let (query, matched, hits) = (answer.query, answer.total, answer.hits);
    let ranked = now_ms();
    let wanted = |docs: Vec<u32>| {
        join_all(
            docs.into_iter()
                .map(|doc| api::fetch_search_document(&manifest.build, doc)),
        )
    };
    let (total, documents) = if query.phrases.is_empty() {
        let shown: Vec<u32> = hits
            .iter()
            .skip((page - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .map(|h| h.doc)
            .collect();
        let mut documents = Vec::with_capacity(shown.len());
        for document in wanted(shown).await {
            documents.push(document?);
        }
        (matched, documents)
    } else {
        let candidates: Vec<u32> = hits.iter().take(PHRASE_CANDIDATES).map(|h| h.doc).collect();
        let mut matching = Vec::new();
        for document in wanted(candidates).await {
            let document = document?;
            if query.matches_phrases(&format!("{}\n{}", document.title, document.text)) {
                matching.push(document);
            }
        }
        let total = matching.len();
        let shown = matching
            .into_iter()
            .skip((page - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .collect();
        (total, shown)
    };
    let fetched = now_ms();
    let results = documents
        .into_iter()
        .map(|document| SearchResult {
            title: query.highlight(&document.title),
            excerpt: query.excerpt(&document.text, EXCERPT_WORDS),
            href: document.href,
            date: document.date,
            category: document.category,
        })
        .collect();
    // One reading of the clock, so the phases add up to the whole.
    let done = now_ms();
    Ok(Some(SearchOutcome {
        total,
        results,
        left_out: answer.left_out.map(|term| term.exact),
        total_pages: total.div_ceil(PAGE_SIZE).max(1) as u32,
        categories: manifest.categories,
        elapsed_ms: done - started,
        phases_ms: [
            loaded - started,
            ranked - loaded,
            fetched - ranked,
            done - fetched,
        ],
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_string())
        }
    }

    #[test]
    fn requests_round_trip_through_the_address() {
        let request = SearchRequest::from_params(params(&[
            ("q", "đường & \"phụ nữ\""),
            ("chuyen-muc", "tin-tuc"),
            ("tu", "2022-01-01"),
            ("den", "2022-12-31"),
            ("trang", "2"),
        ]));
        assert_eq!(request.text, "đường & \"phụ nữ\"");
        assert_eq!(request.page, 2);
        assert!(request.is_filtered());
        assert_eq!(
            request.href(),
            "/tim-kiem?q=%C4%91%C6%B0%E1%BB%9Dng%20%26%20%22ph%E1%BB%A5%20n%E1%BB%AF%22\
             &chuyen-muc=tin-tuc&tu=2022-01-01&den=2022-12-31&trang=2"
        );
        assert!(!request.with_page(1).href().contains("trang"));
    }

    #[test]
    fn unreadable_parameters_are_left_out() {
        let request =
            SearchRequest::from_params(params(&[("q", "x"), ("tu", "31/12/2022"), ("trang", "0")]));
        assert_eq!(request.from, None);
        assert_eq!(request.page, 1);
        assert!(!request.is_filtered());
    }

    #[test]
    fn filters_keep_the_category_and_the_date_range() -> Result<(), bantin_model::DateError> {
        let manifest = SearchManifest {
            schema_version: 1,
            build: String::new(),
            documents: 3,
            chunks: Vec::new(),
            categories: ["tin-tuc", "thong-bao", "kinh-te"]
                .map(|slug| CategoryRef {
                    slug: slug.into(),
                    name: slug.into(),
                })
                .to_vec(),
            // "kinh-te" sits under "tin-tuc".
            parents: vec![None, None, Some(0)],
        };
        let day = |d: &str| Date::parse(d).map(|date| date.days_since_epoch());
        let table = DocTable {
            docs: vec![
                (day("2022-06-03")?, 1),
                (day("2022-06-02")?, 0),
                (day("2021-01-01")?, 0),
            ],
        };
        let request = SearchRequest {
            category: "tin-tuc".into(),
            from: Date::parse("2022-01-01").ok(),
            ..SearchRequest::default()
        };
        let keep = filter_for(&request, &manifest, Some(&table));
        assert_eq!((0..3).filter(|d| keep(*d)).collect::<Vec<_>>(), [1]);
        let everything = filter_for(&SearchRequest::default(), &manifest, None);
        assert!(everything(0) && everything(2));

        // Article 3 is filed under "kinh-te": a search in "tin-tuc" keeps
        // it, one in "kinh-te" keeps only it.
        let june = day("2022-06-01")?;
        let table = DocTable {
            docs: [1, 0, 0, 2].map(|c| (june, c)).to_vec(),
        };
        let parent = SearchRequest {
            category: "tin-tuc".into(),
            ..SearchRequest::default()
        };
        let keep = filter_for(&parent, &manifest, Some(&table));
        assert_eq!((0..4).filter(|d| keep(*d)).collect::<Vec<_>>(), [1, 2, 3]);
        let child = SearchRequest {
            category: "kinh-te".into(),
            ..SearchRequest::default()
        };
        let keep = filter_for(&child, &manifest, Some(&table));
        assert_eq!((0..4).filter(|d| keep(*d)).collect::<Vec<_>>(), [3]);
        Ok(())
    }
}
