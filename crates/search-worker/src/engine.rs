//! Running a search: the manifest, the chunks its words need, the document
//! table if a filter is on, then the texts of the page's results, ranked
//! and highlighted with `bantin_model::search`. How a file is fetched is
//! the [`Files`] the engine is given: the browser's `fetch` in the worker,
//! files in memory in the tests.

use bantin_model::json::{self, FromJson, JsonError};
use bantin_model::search::{
    filter_for, index_version, Chunk, DocTable, Query, SearchDocument, SearchFailure,
    SearchManifest, SearchOutcome, SearchRequest, SearchResult, Supplement, INDEX_VERSION,
    PAGE_SIZE,
};
use bantin_model::{paths, SCHEMA_VERSION};
use futures_util::future::{LocalBoxFuture, Shared};
use futures_util::FutureExt;
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::rc::Rc;

/// A query with quoted phrases checks at most this many candidates
/// against their text (each check is one small download).
pub const PHRASE_CANDIDATES: usize = 100;
/// Words of an excerpt.
const EXCERPT_WORDS: usize = 32;
/// Chunks kept at most (each is a few tens of kilobytes decoded).
const KEPT_CHUNKS: usize = 64;
/// Result texts kept at most (one to a few kilobytes each): the searches of
/// a word being typed show many of the same articles key after key.
const KEPT_TEXTS: usize = 300;

/// Whether the browser's HTTP cache keeps a file the engine fetches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caching {
    /// The manifest and index files: a reader who comes back searches
    /// with them again, and a chunk weighs tens of kilobytes.
    Keep,
    /// Result texts: a search as you type asks for ten at each key, and
    /// most are never shown again (the engine keeps those it fetched in
    /// memory for the page's life). Asked past the cache, each costs the
    /// worker's thread less before its request leaves, and none takes
    /// the place of the site's pages in the cache (see docs/search.md).
    Skip,
}

/// How the engine gets the site's files, and the little else it needs
/// from where it runs.
pub trait Files: 'static {
    /// An answer's status and body.
    fn get(
        &self,
        path: String,
        caching: Caching,
    ) -> impl Future<Output = Result<(u16, Vec<u8>), SearchFailure>> + 'static;
    /// Stops the download of `path` under way, if one is: the reader typed
    /// on, and on a phone's network it would hold back the files the new
    /// words need. Files read from memory have nothing to stop.
    fn abort(&self, _path: &str) {}
    /// Milliseconds on a clock that only goes forward.
    fn now_ms(&self) -> f64;
    /// Text as the index holds it (NFC), whatever the reader's keyboard
    /// sent.
    fn normalise(&self, text: &str) -> String;
}

/// Milliseconds as whole microseconds.
fn micros(ms: f64) -> u64 {
    (ms * 1000.0).round().max(0.0) as u64
}

/// The status check every search file goes through.
pub fn answered(status: u16, body: &[u8]) -> Result<(), SearchFailure> {
    match status {
        200..=299 => {}
        404 | 410 => return Err(SearchFailure::NotFound),
        _ => return Err(SearchFailure::Server(status)),
    }
    // A CDN with a single-page-app fallback answers a missing file with
    // index.html and status 200.
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => Err(SearchFailure::NotFound),
        _ => Ok(()),
    }
}

/// A JSON search file, after its `schema_version`: one this worker does
/// not read is a newer site (reload), not damage.
pub fn decode_json<T: FromJson>(status: u16, body: &[u8]) -> Result<T, SearchFailure> {
    answered(status, body)?;
    let text = std::str::from_utf8(body).map_err(|e| SearchFailure::Malformed(e.to_string()))?;
    let malformed = |e: JsonError| SearchFailure::Malformed(e.to_string());
    let value = json::parse(text).map_err(malformed)?;
    match value.whole_member("schema_version") {
        Some(found) if found == u64::from(SCHEMA_VERSION) => {}
        Some(found) => {
            return Err(SearchFailure::Newer {
                found: u32::try_from(found).unwrap_or(u32::MAX),
                expected: SCHEMA_VERSION,
            })
        }
        None => return Err(SearchFailure::Malformed("no schema_version".into())),
    }
    T::from_json(value).map_err(malformed)
}

/// A binary index file, after its format version.
pub fn decode_binary<T>(
    status: u16,
    body: &[u8],
    parse: fn(&[u8]) -> Result<T, String>,
) -> Result<T, SearchFailure> {
    answered(status, body)?;
    match index_version(body) {
        Some(found) if found != INDEX_VERSION => Err(SearchFailure::Newer {
            found,
            expected: INDEX_VERSION,
        }),
        _ => parse(body).map_err(SearchFailure::Malformed),
    }
}

/// A file decoded, or on its way: every search that needs it awaits the
/// same download. Of any type: one copy of the sharing code in the WASM
/// serves the manifest, chunks, document table and texts.
type Load = Shared<LocalBoxFuture<'static, Result<Rc<dyn Any>, SearchFailure>>>;

/// Index files (or result texts) by address, decoded or on their way. A
/// failed download is replaced by the next search that needs it, so a
/// retry asks again.
struct Kept {
    loads: RefCell<HashMap<String, Load>>,
    most: usize,
}

impl Kept {
    fn new(most: usize) -> Kept {
        Kept {
            loads: RefCell::new(HashMap::new()),
            most,
        }
    }

    /// The file at `path`, from memory or from `fetch`. The download is
    /// its own future, shared: a search stopped by the next key leaves it
    /// to land for the next search, which needs the same words.
    fn get<T: 'static>(
        &self,
        path: String,
        fetch: impl FnOnce() -> LocalBoxFuture<'static, Result<T, SearchFailure>>,
    ) -> impl Future<Output = Result<Rc<T>, SearchFailure>> + 'static {
        let load = {
            let mut loads = self.loads.borrow_mut();
            match loads.get(&path) {
                Some(known) if !matches!(known.peek(), Some(Err(_))) => known.clone(),
                _ => {
                    if loads.len() >= self.most {
                        loads.clear();
                    }
                    let load = fetch()
                        .map(|found| found.map(|file| Rc::new(file) as Rc<dyn Any>))
                        .boxed_local()
                        .shared();
                    loads.insert(path, load.clone());
                    load
                }
            }
        };
        async move {
            load.await?
                .downcast::<T>()
                .map_err(|_| SearchFailure::Malformed("a file of another kind".into()))
        }
    }

    /// Forgets the downloads still under way but those `kept` names, and
    /// gives their paths, to be aborted: the next search must not wait for
    /// their failure.
    fn forget_unfinished(&self, kept: impl Fn(&str) -> bool) -> Vec<String> {
        let mut forgotten = Vec::new();
        self.loads.borrow_mut().retain(|path, load| {
            let keep = load.peek().is_some() || kept(path);
            if !keep {
                forgotten.push(path.clone());
            }
            keep
        });
        forgotten
    }

    /// The file at `path` if it has landed, decoded.
    fn landed<T: 'static>(&self, path: &str) -> Option<Rc<T>> {
        match self.loads.borrow().get(path)?.peek()? {
            Ok(file) => file.clone().downcast::<T>().ok(),
            Err(_) => None,
        }
    }
}

/// Every future of a list, run together; their outputs in the list's
/// order. A search waits for a few index files, then ten texts (at most a
/// hundred): polling them all on each wake is cheap, and this is a small
/// part of the worker's WASM where `join_all` brings a whole task queue.
struct All<F: Future> {
    pending: Vec<Option<std::pin::Pin<Box<F>>>>,
    done: Vec<Option<F::Output>>,
}

fn join_all<F: Future>(futures: impl IntoIterator<Item = F>) -> All<F> {
    let pending: Vec<_> = futures.into_iter().map(|f| Some(Box::pin(f))).collect();
    let done = pending.iter().map(|_| None).collect();
    All { pending, done }
}

// The futures are pinned in their boxes; the outputs are never pinned.
impl<F: Future> Unpin for All<F> {}

impl<F: Future> Future for All<F> {
    type Output = Vec<F::Output>;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        context: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Vec<F::Output>> {
        let this = self.get_mut();
        for (slot, done) in this.pending.iter_mut().zip(this.done.iter_mut()) {
            if let Some(future) = slot {
                if let std::task::Poll::Ready(output) = future.as_mut().poll(context) {
                    *done = Some(output);
                    *slot = None;
                }
            }
        }
        if this.pending.iter().any(Option::is_some) {
            return std::task::Poll::Pending;
        }
        std::task::Poll::Ready(this.done.drain(..).flatten().collect())
    }
}

/// A search run for a request, shared by everyone who asks the same (the
/// page's loader asks first, the app then asks the same).
type Run = Shared<LocalBoxFuture<'static, Result<Option<SearchOutcome>, SearchFailure>>>;

/// The engine: what it has loaded, and the search under way.
pub struct Engine<F: Files> {
    files: Rc<F>,
    manifest: Kept,
    chunks: Kept,
    tables: Kept,
    supplements: Kept,
    texts: Kept,
    /// The latest request and its run: any older run stops before it
    /// fetches texts.
    current: RefCell<Option<(SearchRequest, Run)>>,
}

impl<F: Files> Engine<F> {
    /// An engine that gets its files from `files`.
    pub fn new(files: F) -> Rc<Engine<F>> {
        Rc::new(Engine {
            files: Rc::new(files),
            manifest: Kept::new(1),
            chunks: Kept::new(KEPT_CHUNKS),
            tables: Kept::new(1),
            supplements: Kept::new(1),
            texts: Kept::new(KEPT_TEXTS),
            current: RefCell::new(None),
        })
    }

    /// The outcome of `request`, which becomes the latest: `Ok(None)` when
    /// a newer request replaced it before its texts were fetched (its
    /// answer would never be shown). Asking again what is under way, or
    /// what just succeeded, waits for that run instead of a new one.
    pub fn search(
        self: &Rc<Self>,
        request: SearchRequest,
    ) -> impl Future<Output = Result<Option<SearchOutcome>, SearchFailure>> {
        let mut current = self.current.borrow_mut();
        let reusable = current.as_ref().and_then(|(asked, run)| {
            let failed = matches!(run.peek(), Some(Err(_)) | Some(Ok(None)));
            (*asked == request && !failed).then(|| run.clone())
        });
        let run = reusable.unwrap_or_else(|| {
            let engine = self.clone();
            let asked = request.clone();
            let run = async move { engine.run(asked).await }
                .boxed_local()
                .shared();
            *current = Some((request, run.clone()));
            run
        });
        run
    }

    /// Stops the search under way (its texts are no longer wanted).
    pub fn stop(&self) {
        self.current.borrow_mut().take();
    }

    /// Where the engine gets its files.
    pub fn files(&self) -> &F {
        &self.files
    }

    /// Whether `request` is the latest asked: a search replaced by a newer
    /// one stops before its texts, and a new request for the latest joins
    /// the run under way.
    pub fn is_latest(&self, request: &SearchRequest) -> bool {
        self.current
            .borrow()
            .as_ref()
            .is_some_and(|(asked, _)| asked == request)
    }

    fn manifest(&self) -> impl Future<Output = Result<Rc<SearchManifest>, SearchFailure>> {
        let files = self.files.clone();
        self.manifest.get(paths::SEARCH.to_string(), move || {
            async move {
                let (status, body) = files.get(paths::SEARCH.to_string(), Caching::Keep).await?;
                decode_json(status, &body)
            }
            .boxed_local()
        })
    }

    fn chunk(
        &self,
        build: &str,
        index: usize,
    ) -> impl Future<Output = Result<Rc<Chunk>, SearchFailure>> {
        let files = self.files.clone();
        let path = paths::search_chunk(build, index);
        self.chunks.get(path.clone(), move || {
            async move {
                let (status, body) = files.get(path, Caching::Keep).await?;
                decode_binary(status, &body, Chunk::decode)
            }
            .boxed_local()
        })
    }

    fn table(&self, build: &str) -> impl Future<Output = Result<Rc<DocTable>, SearchFailure>> {
        let files = self.files.clone();
        let path = paths::search_docs(build);
        self.tables.get(path.clone(), move || {
            async move {
                let (status, body) = files.get(path, Caching::Keep).await?;
                decode_binary(status, &body, DocTable::decode)
            }
            .boxed_local()
        })
    }

    /// The articles saved since the index was made, when the manifest
    /// names them (only the preview does).
    fn supplement(
        &self,
        manifest: &SearchManifest,
    ) -> impl Future<Output = Result<Option<Rc<Supplement>>, SearchFailure>> {
        let files = self.files.clone();
        let path = manifest
            .supplement
            .as_ref()
            .map(|fingerprint| paths::search_supplement(&manifest.build, fingerprint));
        let load = path.map(|path| {
            self.supplements.get(path.clone(), move || {
                async move {
                    let (status, body) = files.get(path, Caching::Keep).await?;
                    decode_binary(status, &body, Supplement::decode)
                }
                .boxed_local()
            })
        });
        async move {
            match load {
                Some(load) => load.await.map(Some),
                None => Ok(None),
            }
        }
    }

    fn document(
        &self,
        build: &str,
        doc: u32,
    ) -> impl Future<Output = Result<Rc<SearchDocument>, SearchFailure>> {
        let files = self.files.clone();
        let path = paths::search_document(build, doc);
        self.texts.get(path.clone(), move || {
            async move {
                let (status, body) = files.get(path, Caching::Skip).await?;
                decode_json(status, &body)
            }
            .boxed_local()
        })
    }

    /// Stops the results' texts under way: the search that asked for them
    /// was replaced or stopped. The next search asks again for those it
    /// shows.
    pub fn stop_texts(&self) {
        self.abort_unfinished(&self.texts, |_| false);
    }

    /// Stops the chunks under way that `request` does not need: a word
    /// typed on begins fewer words than its first letters ("giao" after
    /// "gia"), and on a phone's network the chunks of those letters would
    /// hold back the ones the reader now waits for. Chunks it needs keep
    /// coming; nothing is stopped before the manifest has landed.
    pub fn stop_chunks_unneeded_by(&self, request: &SearchRequest) {
        let Some(manifest) = self.manifest.landed::<SearchManifest>(paths::SEARCH) else {
            return;
        };
        let query = Query::parse(&self.files.normalise(&request.text));
        let needed: Vec<String> = query
            .chunks_needed(&manifest)
            .into_iter()
            .map(|index| paths::search_chunk(&manifest.build, index))
            .collect();
        self.abort_unfinished(&self.chunks, |path| needed.iter().any(|n| n == path));
    }

    /// Aborts the downloads of `loads` still under way but those `kept`
    /// names, and forgets them.
    fn abort_unfinished(&self, loads: &Kept, kept: impl Fn(&str) -> bool) {
        for path in loads.forget_unfinished(kept) {
            self.files.abort(&path);
        }
    }

    /// One search, from the manifest to the highlighted results.
    async fn run(
        self: Rc<Self>,
        request: SearchRequest,
    ) -> Result<Option<SearchOutcome>, SearchFailure> {
        let files = &self.files;
        let started = files.now_ms();
        let manifest = self.manifest().await?;
        let query = Query::parse(&files.normalise(&request.text));
        if query.is_empty() {
            return Ok(Some(SearchOutcome {
                total: 0,
                results: Vec::new(),
                left_out: None,
                total_pages: 1,
                categories: manifest.categories.clone(),
                elapsed_us: micros(files.now_ms() - started),
                phases_us: [0; 4],
            }));
        }
        let needed = query.chunks_needed(&manifest);
        // A filtered search's document table comes beside its chunks, not
        // after them: one round of requests.
        let table = async {
            if request.is_filtered() {
                self.table(&manifest.build).await.map(Some)
            } else {
                Ok(None)
            }
        };
        let chunks_loaded = join_all(needed.iter().map(|i| self.chunk(&manifest.build, *i)));
        let (chunks_loaded, table, supplement) =
            futures_util::future::join3(chunks_loaded, table, self.supplement(&manifest)).await;
        let mut chunks = Vec::with_capacity(needed.len() + 1);
        for loaded in chunks_loaded {
            chunks.push(loaded?);
        }
        let (table, supplement) = (table?, supplement?);
        if !self.is_latest(&request) {
            return Ok(None);
        }
        // The supplement's articles follow the index's: their dates and
        // categories follow its table.
        let table = match (table, &supplement) {
            (Some(table), Some(supplement)) => {
                let mut docs = table.docs.clone();
                docs.extend_from_slice(&supplement.table.docs);
                Some(Rc::new(DocTable { docs }))
            }
            (table, _) => table,
        };
        let filter = filter_for(&request, &manifest, table.as_deref());
        let allowed = |doc| filter(doc) && !supplement.as_ref().is_some_and(|s| s.hides(doc));
        let mut chunk_refs: Vec<&Chunk> = chunks.iter().map(|c| c.as_ref()).collect();
        if let Some(supplement) = &supplement {
            chunk_refs.push(&supplement.chunk);
        }
        let page = request.page.max(1) as usize;
        // Only the hits up to this page (or the phrase candidates) are sorted.
        let limit = if query.phrases.is_empty() {
            page * PAGE_SIZE
        } else {
            PHRASE_CANDIDATES
        };
        let loaded = files.now_ms();
        let answer = query.answer(&chunk_refs, &manifest, allowed, limit);
        let (query, matched, hits) = (answer.query, answer.total, answer.hits);
        let ranked = files.now_ms();
        let wanted = |docs: Vec<u32>| {
            join_all(docs.into_iter().map(|doc| {
                let added = supplement
                    .as_ref()
                    .and_then(|s| s.document(doc))
                    .map(|document| Rc::new(document.clone()));
                let fetched = added.is_none().then(|| self.document(&manifest.build, doc));
                async move {
                    match (added, fetched) {
                        (Some(added), _) => Ok(added),
                        (None, Some(fetched)) => fetched.await,
                        (None, None) => Err(SearchFailure::NotFound),
                    }
                }
            }))
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
        let fetched = files.now_ms();
        let results = documents
            .into_iter()
            .map(|document| SearchResult {
                title: query.highlight(&document.title),
                excerpt: query.excerpt(&document.text, EXCERPT_WORDS),
                href: document.href.clone(),
                date: document.date,
                category: document.category.clone(),
            })
            .collect();
        // One reading of the clock, so the phases add up to the whole.
        let done = files.now_ms();
        Ok(Some(SearchOutcome {
            total,
            results,
            left_out: answer.left_out.map(|term| term.exact),
            total_pages: total.div_ceil(PAGE_SIZE).max(1) as u32,
            categories: manifest.categories.clone(),
            elapsed_us: micros(done - started),
            phases_us: [
                micros(loaded - started),
                micros(ranked - loaded),
                micros(fetched - ranked),
                micros(done - fetched),
            ],
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bantin_model::search::IndexBuilder;
    use bantin_model::{CategoryRef, Date};
    use futures_executor::block_on;
    use std::cell::Cell;

    /// A site's search files in memory, with the paths asked for.
    #[derive(Default)]
    struct Memory {
        files: RefCell<HashMap<String, (u16, Vec<u8>)>>,
        asked: RefCell<Vec<String>>,
        /// The downloads the engine stopped.
        aborted: RefCell<Vec<String>>,
        /// The paths asked for past the browser's cache.
        uncached: RefCell<Vec<String>>,
        clock: Cell<f64>,
        /// Index files (all but the manifest) never arrive: what a search
        /// asks for at once shows before anything comes back.
        held: Cell<bool>,
    }

    impl Files for Rc<Memory> {
        fn get(
            &self,
            path: String,
            caching: Caching,
        ) -> impl Future<Output = Result<(u16, Vec<u8>), SearchFailure>> + 'static {
            self.asked.borrow_mut().push(path.clone());
            if caching == Caching::Skip {
                self.uncached.borrow_mut().push(path.clone());
            }
            let found = self.files.borrow().get(&path).cloned();
            let held = self.held.get() && path != paths::SEARCH;
            async move {
                if held {
                    std::future::pending::<()>().await;
                }
                Ok(found.unwrap_or((404, Vec::new())))
            }
        }

        fn abort(&self, path: &str) {
            self.aborted.borrow_mut().push(path.to_string());
        }

        fn now_ms(&self) -> f64 {
            self.clock.set(self.clock.get() + 1.0);
            self.clock.get()
        }

        fn normalise(&self, text: &str) -> String {
            text.to_string()
        }
    }

    const ARTICLES: [(&str, &str, &str); 4] = [
        (
            "2024-03-01",
            "Sửa đường liên xã",
            "Con đường mới nối hai xã.",
        ),
        (
            "2024-02-01",
            "Hội phụ nữ họp",
            "Phụ nữ trong tỉnh bàn việc nuôi cá.",
        ),
        (
            "2024-01-01",
            "Dương liễu bên sông",
            "Hàng dương trồng ven đường.",
        ),
        ("2023-12-01", "Tin ngắn", "Không có từ nào cần tìm ở đây."),
    ];

    /// Adds `articles` (date, title, text) to `builder`; gives their
    /// result texts.
    fn add_all(
        builder: &mut IndexBuilder,
        articles: &[(&str, &str, &str)],
        category: &CategoryRef,
    ) -> Result<Vec<SearchDocument>, bantin_model::DateError> {
        let mut documents = Vec::new();
        for (date, title, text) in articles {
            let date = Date::parse(date)?;
            builder.add(date, 0, title, "", text);
            documents.push(SearchDocument {
                schema_version: SCHEMA_VERSION,
                title: title.to_string(),
                href: bantin_model::routes::article(&bantin_model::slugify(title)),
                date,
                category: category.clone(),
                text: text.to_string(),
            });
        }
        Ok(documents)
    }

    /// The index and result texts of four articles, as the bundler writes
    /// them.
    fn site() -> Result<Rc<Memory>, bantin_model::DateError> {
        let category = CategoryRef {
            slug: "tin-tuc".into(),
            name: "Tin tức".into(),
        };
        let mut builder = IndexBuilder::new(vec![category.clone()]);
        let memory = Rc::new(Memory::default());
        let documents = add_all(&mut builder, &ARTICLES, &category)?;
        // Small chunks, so a query needs some of them, not all.
        let index = builder.finish(64);
        let build = index.manifest.build.clone();
        let mut files = memory.files.borrow_mut();
        let json = |value: &dyn erased::Json| (200, value.json());
        files.insert(paths::SEARCH.into(), json(&index.manifest));
        for (at, chunk) in index.chunks.into_iter().enumerate() {
            files.insert(paths::search_chunk(&build, at), (200, chunk));
        }
        files.insert(paths::search_docs(&build), (200, index.docs));
        for (doc, document) in documents.iter().enumerate() {
            files.insert(paths::search_document(&build, doc as u32), json(document));
        }
        drop(files);
        Ok(memory)
    }

    mod erased {
        /// Anything serialisable, as JSON bytes.
        pub trait Json {
            fn json(&self) -> Vec<u8>;
        }
        impl<T: serde::Serialize> Json for T {
            fn json(&self) -> Vec<u8> {
                serde_json::to_vec(self).unwrap_or_default()
            }
        }
    }

    fn ask(text: &str) -> SearchRequest {
        SearchRequest {
            text: text.into(),
            page: 1,
            ..SearchRequest::default()
        }
    }

    /// How many result texts were fetched.
    fn texts_asked(memory: &Memory) -> usize {
        memory
            .asked
            .borrow()
            .iter()
            .filter(|p| p.contains("/d/"))
            .count()
    }

    /// The outcome of searching `text` to the end.
    fn found(engine: &Rc<Engine<Rc<Memory>>>, text: &str) -> Result<SearchOutcome, String> {
        block_on(engine.search(ask(text)))
            .map_err(|e| format!("{e:?}"))?
            .ok_or_else(|| "replaced".to_string())
    }

    #[test]
    fn a_search_without_marks_finds_both_spellings_and_marks_the_words() -> Result<(), String> {
        let memory = site().map_err(|e| e.to_string())?;
        let engine = Engine::new(memory.clone());
        let outcome = found(&engine, "duong")?;
        assert_eq!(outcome.total, 2);
        let found = outcome.titles();
        assert!(
            found.contains(&"Sửa đường liên xã".to_string()),
            "{found:?}"
        );
        assert!(
            found.contains(&"Dương liễu bên sông".to_string()),
            "{found:?}"
        );
        let marked: Vec<&str> = outcome
            .results
            .iter()
            .flat_map(|r| r.title.iter().chain(&r.excerpt))
            .filter(|s| s.hit)
            .map(|s| s.text.as_str())
            .collect();
        assert!(
            marked.contains(&"đường") && marked.contains(&"Dương"),
            "{marked:?}"
        );
        assert_eq!(outcome.results[0].category.name, "Tin tức");
        // Only this page's texts were fetched, and the phases add up.
        let texts = memory
            .asked
            .borrow()
            .iter()
            .filter(|p| p.contains("/d/"))
            .count();
        assert_eq!(texts, 2);
        let phases: u64 = outcome.phases_us.iter().sum();
        assert_eq!(phases, outcome.elapsed_us);
        Ok(())
    }

    #[test]
    fn result_texts_are_asked_past_the_browsers_cache_and_index_files_through_it(
    ) -> Result<(), String> {
        let memory = site().map_err(|e| e.to_string())?;
        let engine = Engine::new(memory.clone());
        let filtered = SearchRequest {
            category: "tin-tuc".into(),
            ..ask("duong")
        };
        block_on(engine.search(filtered)).map_err(|e| format!("{e:?}"))?;
        let asked = memory.asked.borrow().clone();
        let (texts, index): (Vec<&String>, Vec<&String>) =
            asked.iter().partition(|p| p.contains("/d/"));
        assert!(!texts.is_empty() && index.len() >= 3, "{asked:?}");
        let uncached = memory.uncached.borrow().clone();
        assert_eq!(
            uncached.iter().collect::<Vec<_>>(),
            texts,
            "the manifest, chunks and document table stay cacheable"
        );
        Ok(())
    }

    #[test]
    fn articles_saved_since_the_index_are_searched_beside_it() -> Result<(), String> {
        let memory = site().map_err(|e| e.to_string())?;
        let engine = Engine::new(memory.clone());
        assert_eq!(found(&engine, "nuoi ca")?.total, 1);
        assert!(!memory.asked.borrow().iter().any(|p| p.contains("/s/")));
        // The preview's supplement: the second article rewritten, and a
        // new one.
        let category = CategoryRef {
            slug: "tin-tuc".into(),
            name: "Tin tức".into(),
        };
        let mut builder = IndexBuilder::new(vec![category.clone()]);
        add_all(&mut builder, &ARTICLES, &category).map_err(|e| e.to_string())?;
        let index = builder.finish(64);
        let saved = [
            ("2024-02-01", "Hội phụ nữ họp", "Bàn chuyện trồng rừng."),
            ("2024-04-01", "Cầu đường mới", "Khánh thành cây cầu."),
        ];
        let mut added = IndexBuilder::new(vec![category.clone()]);
        let texts = add_all(&mut added, &saved, &category).map_err(|e| e.to_string())?;
        let bytes = added.supplement(&index.stats, 4, vec![1], &texts);
        let mut manifest = index.manifest.clone();
        manifest.supplement = Some("s1".into());
        {
            let mut files = memory.files.borrow_mut();
            let supplement = paths::search_supplement(&manifest.build, "s1");
            files.insert(supplement, (200, bytes));
            let json = serde_json::to_vec(&manifest).map_err(|e| e.to_string())?;
            files.insert(paths::SEARCH.into(), (200, json));
        }
        // A new worker: the page reloads when the preview's index changes.
        let engine = Engine::new(memory.clone());
        memory.asked.borrow_mut().clear();
        let outcome = found(&engine, "trong rung")?;
        assert_eq!(outcome.titles(), ["Hội phụ nữ họp"]);
        assert_eq!(outcome.results[0].href, texts[0].href);
        // The edited article's old words no longer find it.
        assert_eq!(found(&engine, "nuoi ca")?.total, 0);
        let outcome = found(&engine, "duong")?;
        let titles_found = outcome.titles();
        assert_eq!(outcome.total, 3, "{titles_found:?}");
        assert!(titles_found.contains(&"Cầu đường mới".to_string()));
        // Filters know the new article's date.
        let since_march = SearchRequest {
            from: Some(Date::parse("2024-03-15").map_err(|e| e.to_string())?),
            ..ask("duong")
        };
        let outcome = block_on(engine.search(since_march))
            .map_err(|e| format!("{e:?}"))?
            .ok_or("replaced")?;
        assert_eq!(outcome.titles(), ["Cầu đường mới"]);
        // The supplement's texts come with it: no result text asked for
        // them.
        let asked = memory.asked.borrow();
        assert!(!asked
            .iter()
            .any(|p| p.ends_with("/d/1.json") || p.ends_with("/d/4.json")));
        Ok(())
    }

    #[test]
    fn index_files_are_fetched_once_for_many_searches() -> Result<(), String> {
        let memory = site().map_err(|e| e.to_string())?;
        let engine = Engine::new(memory.clone());
        for text in ["phu nu", "phu nu nuoi", "phu nu"] {
            block_on(engine.search(ask(text))).map_err(|e| format!("{e:?}"))?;
        }
        let asked = memory.asked.borrow();
        let index_files: Vec<&String> = asked.iter().filter(|p| !p.contains("/d/")).collect();
        let mut once = index_files.clone();
        once.sort();
        once.dedup();
        assert_eq!(index_files.len(), once.len(), "{index_files:?}");
        Ok(())
    }

    #[test]
    fn a_result_text_shown_before_is_not_fetched_again() -> Result<(), String> {
        let memory = site().map_err(|e| e.to_string())?;
        let engine = Engine::new(memory.clone());
        // "phu" then "phu nu", as typed: the same article twice, one text.
        for text in ["phu", "phu nu"] {
            let outcome = found(&engine, text)?;
            assert_eq!(outcome.titles(), ["Hội phụ nữ họp"]);
        }
        assert_eq!(texts_asked(&memory), 1);
        Ok(())
    }

    #[test]
    fn asking_again_what_is_under_way_joins_it() -> Result<(), String> {
        let memory = site().map_err(|e| e.to_string())?;
        let engine = Engine::new(memory.clone());
        // The page's loader asks from the address, then the app asks the same.
        let first = engine.search(ask("phu nu"));
        let second = engine.search(ask("phu nu"));
        let (a, b) = block_on(futures_util::future::join(first, second));
        assert_eq!(a, b);
        assert_eq!(texts_asked(&memory), 1);
        Ok(())
    }

    #[test]
    fn a_filtered_search_asks_for_its_chunks_and_document_table_at_once() -> Result<(), String> {
        let memory = site().map_err(|e| e.to_string())?;
        memory.held.set(true);
        let engine = Engine::new(memory.clone());
        let request = SearchRequest {
            category: "tin-tuc".into(),
            ..ask("duong")
        };
        assert!(engine.search(request).now_or_never().is_none());
        let asked = memory.asked.borrow();
        assert!(asked.iter().any(|p| p.ends_with("docs.bin")), "{asked:?}");
        assert!(
            asked
                .iter()
                .any(|p| p.ends_with(".bin") && !p.ends_with("docs.bin")),
            "{asked:?}"
        );
        Ok(())
    }

    #[test]
    fn a_replaced_search_fetches_no_texts_and_gives_no_outcome() -> Result<(), String> {
        let memory = site().map_err(|e| e.to_string())?;
        let engine = Engine::new(memory.clone());
        let old = engine.search(ask("duong"));
        let new = engine.search(ask("phu nu"));
        assert_eq!(block_on(old), Ok(None));
        let outcome = block_on(new)
            .map_err(|e| format!("{e:?}"))?
            .ok_or("replaced")?;
        assert_eq!(outcome.titles(), ["Hội phụ nữ họp"]);
        // Only the newer search's one text was asked for.
        assert_eq!(texts_asked(&memory), 1);
        engine.stop();
        assert!(!engine.is_latest(&ask("phu nu")));
        Ok(())
    }

    /// The chunks asked for so far, in order.
    fn chunks_asked(memory: &Memory) -> Vec<String> {
        memory
            .asked
            .borrow()
            .iter()
            .filter(|p| p.ends_with(".bin") && !p.ends_with("docs.bin"))
            .cloned()
            .collect()
    }

    #[test]
    fn typing_on_stops_the_chunks_the_new_words_do_not_need() -> Result<(), String> {
        let memory = site().map_err(|e| e.to_string())?;
        memory.held.set(true);
        let engine = Engine::new(memory.clone());
        // The manifest lands; the chunks of "duong" are still coming.
        assert!(engine.search(ask("duong")).now_or_never().is_none());
        let duong = chunks_asked(&memory);
        assert!(!duong.is_empty());
        // The same word typed on, then another after it: still needed.
        engine.stop_chunks_unneeded_by(&ask("duong"));
        engine.stop_chunks_unneeded_by(&ask("duong phu"));
        assert!(memory.aborted.borrow().is_empty());
        // Other words: "duong"'s chunks are stopped, and forgotten.
        engine.stop_chunks_unneeded_by(&ask("phu nu"));
        assert_eq!(*memory.aborted.borrow(), duong);
        assert!(engine.search(ask("phu nu")).now_or_never().is_none());
        let phu_nu = chunks_asked(&memory)[duong.len()..].to_vec();
        assert!(!phu_nu.is_empty() && phu_nu.iter().all(|p| !duong.contains(p)));
        // Asked again, "duong" fetches its chunks again.
        assert!(engine.search(ask("duong")).now_or_never().is_none());
        assert_eq!(chunks_asked(&memory)[duong.len() + phu_nu.len()..], duong);
        Ok(())
    }

    #[test]
    fn a_replaced_search_stops_its_texts_and_the_next_fetches_them_again() -> Result<(), String> {
        let memory = site().map_err(|e| e.to_string())?;
        let engine = Engine::new(memory.clone());
        found(&engine, "phu nu")?;
        // "phu nu " (the word ended) has its chunks; its text is held.
        engine.texts.loads.borrow_mut().clear();
        memory.held.set(true);
        assert!(engine.search(ask("phu nu ")).now_or_never().is_none());
        engine.stop_texts();
        let texts: Vec<String> = memory.aborted.borrow().clone();
        assert_eq!(texts.len(), 1, "{texts:?}");
        assert!(texts[0].contains("/d/"), "{texts:?}");
        memory.held.set(false);
        engine.stop();
        assert_eq!(found(&engine, "phu nu ")?.titles(), ["Hội phụ nữ họp"]);
        Ok(())
    }

    #[test]
    fn a_failed_file_is_reported_and_asked_again_by_a_retry() -> Result<(), String> {
        let memory = site().map_err(|e| e.to_string())?;
        let engine = Engine::new(memory.clone());
        let chunk_paths: Vec<String> = memory
            .files
            .borrow()
            .keys()
            .filter(|p| p.ends_with(".bin") && !p.ends_with("docs.bin"))
            .cloned()
            .collect();
        let saved: Vec<_> = chunk_paths
            .iter()
            .map(|p| {
                (
                    p.clone(),
                    memory
                        .files
                        .borrow_mut()
                        .insert(p.clone(), (503, Vec::new())),
                )
            })
            .collect();
        assert_eq!(
            block_on(engine.search(ask("duong"))),
            Err(SearchFailure::Server(503))
        );
        for (path, file) in saved {
            if let Some(file) = file {
                memory.files.borrow_mut().insert(path, file);
            }
        }
        let outcome = block_on(engine.search(ask("duong"))).map_err(|e| format!("{e:?}"))?;
        assert_eq!(outcome.map(|o| o.total), Some(2));
        Ok(())
    }

    #[test]
    fn damaged_newer_and_missing_files_are_told_apart() {
        let check = |status, body: &[u8]| decode_json::<SearchDocument>(status, body);
        assert_eq!(check(404, b""), Err(SearchFailure::NotFound));
        assert_eq!(
            check(200, b"  <!DOCTYPE html>"),
            Err(SearchFailure::NotFound)
        );
        assert_eq!(check(500, b"oops"), Err(SearchFailure::Server(500)));
        assert_eq!(
            check(200, br#"{"schema_version": 99}"#),
            Err(SearchFailure::Newer {
                found: 99,
                expected: SCHEMA_VERSION
            })
        );
        assert!(matches!(
            check(200, br#"{"schema_version": 1, "title": 4"#),
            Err(SearchFailure::Malformed(_))
        ));
        assert_eq!(
            decode_binary(200, b"BTI9\x01", Chunk::decode).map(|_| ()),
            Err(SearchFailure::Newer {
                found: 9,
                expected: INDEX_VERSION
            })
        );
        assert!(matches!(
            decode_binary(200, b"BTI1\xff\xff", Chunk::decode),
            Err(SearchFailure::Malformed(_))
        ));
    }

    #[test]
    fn a_filter_fetches_the_document_table_and_keeps_the_dates_asked() -> Result<(), String> {
        let memory = site().map_err(|e| e.to_string())?;
        let engine = Engine::new(memory.clone());
        let request = SearchRequest {
            from: Date::parse("2024-02-15").ok(),
            ..ask("duong")
        };
        let outcome = block_on(engine.search(request))
            .map_err(|e| format!("{e:?}"))?
            .ok_or("replaced")?;
        assert_eq!(outcome.titles(), ["Sửa đường liên xã"]);
        assert!(memory
            .asked
            .borrow()
            .iter()
            .any(|p| p.ends_with("docs.bin")));
        Ok(())
    }
}
