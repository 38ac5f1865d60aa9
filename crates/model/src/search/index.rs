//! The search index: built by the bundler, read by the app.
//!
//! Chunks and the document table are small binary files (LEB128 numbers,
//! UTF-8 strings with a length before them): a posting costs two or three
//! bytes, where JSON would spend six to ten. Decoding checks every length
//! against what is left, so a damaged file is an error, never a panic or a
//! huge allocation.

use super::{words, SearchDocument, SearchManifest, MAX_WORD_CHARS};
use crate::hash::Fnv;
use crate::{CategoryRef, Date, SCHEMA_VERSION};
use std::collections::{BTreeMap, HashMap};

const CHUNK_MAGIC: &[u8; 4] = b"BTI1";
const DOCS_MAGIC: &[u8; 4] = b"BTD1";
const SUPPLEMENT_MAGIC: &[u8; 4] = b"BTS1";

/// The version of the binary search files this code reads and writes: the
/// last byte of their magic, so an app can tell a newer build's index
/// (reload to get the app that reads it) from a damaged file.
pub const INDEX_VERSION: u32 = 1;

/// The format version a file says it has, if it starts like one of our
/// search files ("BTI", "BTD" or "BTS" and a digit).
pub fn index_version(bytes: &[u8]) -> Option<u32> {
    match bytes {
        [b'B', b'T', b'I' | b'D' | b'S', digit, ..] if digit.is_ascii_digit() => {
            Some(u32::from(digit - b'0'))
        }
        _ => None,
    }
}

/// BM25 parameters: the usual ones.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Field weights (BM25F): a word in the title counts as three in the body.
const TITLE_WEIGHT: f32 = 3.0;
const LEAD_WEIGHT: f32 = 1.5;
const BODY_WEIGHT: f32 = 1.0;
/// Scores are stored as one byte: `score × IMPACT_SCALE`, at least 1.
const IMPACT_SCALE: f32 = 8.0;

/// One article's score for one spelling of a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// Article number (0 = newest).
    pub doc: u32,
    /// Its BM25F score for the term, scaled to a byte.
    pub impact: u8,
}

/// One spelling a folded term was seen with, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Lower-cased spelling with diacritics ("đường").
    pub text: String,
    /// Articles containing this spelling, by number.
    pub postings: Vec<Posting>,
}

/// A folded term and its spellings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermEntry {
    /// The folded term ("duong").
    pub folded: String,
    /// Its spellings.
    pub variants: Vec<Variant>,
}

/// A decoded chunk: a run of consecutive terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chunk {
    /// Terms in folded order.
    pub terms: Vec<TermEntry>,
}

/// Date and category of every article, loaded only when a reader filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocTable {
    /// Per article number: days since 1970-01-01 and category index into
    /// [`SearchManifest::categories`].
    pub docs: Vec<(i64, u32)>,
}

/// Everything the bundler writes for search.
#[derive(Debug, Clone)]
pub struct IndexFiles {
    /// `index.json`.
    pub manifest: SearchManifest,
    /// The chunks, in manifest order.
    pub chunks: Vec<Vec<u8>>,
    /// The document table.
    pub docs: Vec<u8>,
    /// What the scores were computed against.
    pub stats: IndexStats,
}

/// What an index's scores were computed against: a [`Supplement`] scores
/// the articles saved since as that index would have.
#[derive(Debug, Clone, Default)]
pub struct IndexStats {
    /// Articles indexed.
    documents: f32,
    /// Their average weighted length.
    average: f32,
    /// Per folded term, the articles holding it.
    frequency: HashMap<String, u32, FastHash>,
}

/// The articles saved since an index was made, searched beside it: the
/// preview serves one after each save, until the index made again
/// replaces it. Articles edited since are hidden from the index and
/// added here again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Supplement {
    /// The number of the first article added: the index's article count.
    pub first: u32,
    /// The index's articles edited or deleted since, in order.
    pub hidden: Vec<u32>,
    /// The added articles' terms, numbered from `first`.
    pub chunk: Chunk,
    /// The added articles' dates and categories.
    pub table: DocTable,
    /// What a result shows of each added article.
    pub documents: Vec<SearchDocument>,
}

/// One article's words, counted: what [`IndexBuilder::add_counted`]
/// takes. Counting is most of the cost of indexing and needs nothing
/// shared, so a big build counts articles on every core and adds them in
/// order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WordCounts {
    /// Weighted length (BM25F: a title word counts as three).
    length: f32,
    /// Folded term, spelling (lower-cased), weighted frequency: once per
    /// spelling.
    words: Vec<(String, String, f32)>,
}

impl WordCounts {
    /// Counts the words of an article's three fields.
    pub fn of(title: &str, lead: &str, body: &str) -> WordCounts {
        // Keyed by spelling: most words repeat, and a spelling is folded
        // once, not at every occurrence.
        let mut counts: HashMap<String, f32, FastHash> = HashMap::default();
        let mut length = 0.0;
        for (text, weight) in [
            (title, TITLE_WEIGHT),
            (lead, LEAD_WEIGHT),
            (body, BODY_WEIGHT),
        ] {
            for word in words(text) {
                if word.text.chars().count() > MAX_WORD_CHARS {
                    continue;
                }
                length += weight;
                let exact: std::borrow::Cow<str> = if word.text.chars().any(char::is_uppercase) {
                    word.exact().into()
                } else {
                    word.text.into()
                };
                match counts.get_mut(exact.as_ref()) {
                    Some(tf) => *tf += weight,
                    None => {
                        counts.insert(exact.into_owned(), weight);
                    }
                }
            }
        }
        let words = counts
            .into_iter()
            .map(|(exact, tf)| (crate::fold_vietnamese(&exact), exact, tf))
            .collect();
        WordCounts { length, words }
    }
}

/// The words of a run of consecutive articles, numbered from 0 within the
/// run. Why: adding every word of every article to one index is a hash
/// lookup per word and spelling, on one core (1.3 s at 100,000
/// articles). Each core gathers its own run into a part; the index then
/// takes each part whole ([`IndexBuilder::merge`]), one lookup per
/// distinct spelling of the run.
#[derive(Debug, Default)]
pub struct IndexPart {
    docs: Vec<(i64, u32)>,
    lengths: Vec<f32>,
    /// folded term → spelling → (article, weighted term frequency)
    terms: HashMap<String, Spellings, FastHash>,
}

impl IndexPart {
    /// Adds the run's next article, its words already counted (see
    /// [`WordCounts`]); returns its number within the run.
    pub fn add_counted(&mut self, date: Date, category: u32, counts: WordCounts) -> u32 {
        let doc = self.docs.len() as u32;
        self.docs.push((date.days_since_epoch(), category));
        self.lengths.push(counts.length);
        for (folded, exact, tf) in counts.words {
            self.terms
                .entry(folded)
                .or_default()
                .entry(exact)
                .or_default()
                .push((doc, tf));
        }
        doc
    }

    /// Articles in the run.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether the run has no article.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

/// Collects articles and writes the index. Articles must be added newest
/// first: their order is their number.
#[derive(Debug, Default)]
pub struct IndexBuilder {
    categories: Vec<CategoryRef>,
    /// Every article added so far, as one run from number 0.
    all: IndexPart,
}

impl IndexBuilder {
    /// A builder for a site with these categories.
    pub fn new(categories: Vec<CategoryRef>) -> IndexBuilder {
        IndexBuilder {
            categories,
            ..IndexBuilder::default()
        }
    }

    /// Adds the next article; returns its number.
    pub fn add(&mut self, date: Date, category: u32, title: &str, lead: &str, body: &str) -> u32 {
        self.add_counted(date, category, WordCounts::of(title, lead, body))
    }

    /// Adds the next article, its words already counted (see
    /// [`WordCounts`]); returns its number.
    pub fn add_counted(&mut self, date: Date, category: u32, counts: WordCounts) -> u32 {
        self.all.add_counted(date, category, counts)
    }

    /// Adds the articles of `part` as the next ones, in its order: the
    /// same index as adding them one by one.
    pub fn merge(&mut self, part: IndexPart) {
        let first = self.all.docs.len() as u32;
        self.all.docs.extend(part.docs);
        self.all.lengths.extend(part.lengths);
        for (folded, spellings) in part.terms {
            let known = self.all.terms.entry(folded).or_default();
            for (spelling, postings) in spellings {
                known
                    .entry(spelling)
                    .or_default()
                    .extend(postings.into_iter().map(|(doc, tf)| (first + doc, tf)));
            }
        }
    }

    /// Scores every posting and cuts the terms into chunks of about
    /// `chunk_bytes` (a term with more postings than that gets a chunk of
    /// its own).
    pub fn finish(self, chunk_bytes: usize) -> IndexFiles {
        let IndexPart {
            docs,
            lengths,
            terms,
        } = self.all;
        let count = docs.len().max(1) as f32;
        let average = (lengths.iter().sum::<f32>() / count).max(1.0);
        let sorted: BTreeMap<String, Spellings> = terms.into_iter().collect();
        let mut chunks: Vec<Vec<u8>> = Vec::new();
        let mut firsts = Vec::new();
        let mut current: Vec<u8> = Vec::new();
        let mut current_terms = 0u32;
        let mut frequency = HashMap::with_capacity_and_hasher(sorted.len(), FastHash::default());
        let flush = |current: &mut Vec<u8>, terms: &mut u32, chunks: &mut Vec<Vec<u8>>| {
            let mut chunk = CHUNK_MAGIC.to_vec();
            put_number(&mut chunk, u64::from(*terms));
            chunk.append(current);
            chunks.push(chunk);
            *terms = 0;
        };
        for (folded, spellings) in sorted {
            let df = articles_with(&spellings);
            let entry = term_entry(&folded, spellings, idf(count, df as f32), average, &|doc| {
                lengths.get(doc as usize).copied().unwrap_or(average)
            });
            if current_terms > 0 && current.len() + entry.len() > chunk_bytes {
                flush(&mut current, &mut current_terms, &mut chunks);
            }
            if current_terms == 0 {
                firsts.push(folded.clone());
            }
            current.extend_from_slice(&entry);
            current_terms += 1;
            frequency.insert(folded, df);
        }
        if current_terms > 0 {
            flush(&mut current, &mut current_terms, &mut chunks);
        }
        let table = doc_table(&docs);
        let mut fingerprint = Fnv::default();
        for chunk in &chunks {
            fingerprint.write(chunk);
        }
        fingerprint.write(&table);
        let manifest = SearchManifest {
            schema_version: SCHEMA_VERSION,
            build: fingerprint.hex(),
            documents: docs.len() as u32,
            chunks: firsts,
            categories: self.categories,
            parents: Vec::new(),
            supplement: None,
        };
        IndexFiles {
            manifest,
            chunks,
            docs: table,
            stats: IndexStats {
                documents: count,
                average,
                frequency,
            },
        }
    }

    /// The articles added, as a [`Supplement`] to an index made before
    /// (whose `stats` are given): numbered after its `documents` articles,
    /// scored as that index scores, and hiding `hidden`, its articles
    /// edited or deleted since. `texts` are the added articles' result
    /// documents, in order. Why: the preview remakes the whole index in
    /// seconds at 100,000 articles, and an editor looks for an edit's new
    /// words at once.
    pub fn supplement(
        self,
        stats: &IndexStats,
        documents: u32,
        mut hidden: Vec<u32>,
        texts: &[SearchDocument],
    ) -> Vec<u8> {
        let IndexPart {
            docs,
            lengths,
            terms,
        } = self.all;
        let sorted: BTreeMap<String, Spellings> = terms.into_iter().collect();
        let mut chunk = CHUNK_MAGIC.to_vec();
        put_number(&mut chunk, sorted.len() as u64);
        for (folded, spellings) in sorted {
            let known = stats.frequency.get(&folded).copied().unwrap_or(0);
            let df = (known + articles_with(&spellings)) as f32;
            let numbered = spellings
                .into_iter()
                .map(|(spelling, postings)| {
                    let postings = postings
                        .into_iter()
                        .map(|(doc, tf)| (documents + doc, tf))
                        .collect();
                    (spelling, postings)
                })
                .collect();
            chunk.extend(term_entry(
                &folded,
                numbered,
                idf(stats.documents, df),
                stats.average.max(1.0),
                &|doc| {
                    let at = doc.saturating_sub(documents) as usize;
                    lengths.get(at).copied().unwrap_or(stats.average)
                },
            ));
        }
        let mut out = SUPPLEMENT_MAGIC.to_vec();
        put_number(&mut out, u64::from(documents));
        hidden.sort_unstable();
        hidden.dedup();
        put_number(&mut out, hidden.len() as u64);
        let mut previous = 0;
        for doc in hidden {
            put_number(&mut out, u64::from(doc - previous));
            previous = doc;
        }
        put_bytes(&mut out, &chunk);
        put_bytes(&mut out, &doc_table(&docs));
        put_number(&mut out, texts.len() as u64);
        for text in texts {
            put_text(&mut out, &serde_json::to_string(text).unwrap_or_default());
        }
        out
    }
}

/// The articles holding any spelling of a term.
fn articles_with(spellings: &Spellings) -> u32 {
    let mut docs: Vec<u32> = spellings
        .values()
        .flat_map(|p| p.iter().map(|(d, _)| *d))
        .collect();
    docs.sort_unstable();
    docs.dedup();
    docs.len() as u32
}

/// BM25's inverse document frequency.
fn idf(documents: f32, df: f32) -> f32 {
    (1.0 + (documents - df + 0.5) / (df + 0.5)).ln()
}

/// One term's entry of a chunk: its spellings and their scored postings.
/// `length` gives an article's weighted length.
fn term_entry(
    folded: &str,
    spellings: Spellings,
    idf: f32,
    average: f32,
    length: &dyn Fn(u32) -> f32,
) -> Vec<u8> {
    let mut entry = Vec::new();
    put_text(&mut entry, folded);
    let mut spellings: Vec<(String, Vec<(u32, f32)>)> = spellings.into_iter().collect();
    spellings.sort_by(|a, b| a.0.cmp(&b.0));
    put_number(&mut entry, spellings.len() as u64);
    for (spelling, mut postings) in spellings {
        put_text(&mut entry, if spelling == folded { "" } else { &spelling });
        postings.sort_unstable_by_key(|(doc, _)| *doc);
        put_number(&mut entry, postings.len() as u64);
        let mut previous = 0;
        for (doc, tf) in postings {
            let saturation = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length(doc) / average));
            let impact = (idf * saturation * IMPACT_SCALE).round().clamp(1.0, 255.0) as u8;
            put_number(&mut entry, u64::from(doc - previous));
            entry.push(impact);
            previous = doc;
        }
    }
    entry
}

/// The document table of articles with these dates and categories.
fn doc_table(docs: &[(i64, u32)]) -> Vec<u8> {
    let mut table = DOCS_MAGIC.to_vec();
    put_number(&mut table, docs.len() as u64);
    let mut previous_days = 0i64;
    for (days, category) in docs {
        put_number(&mut table, zigzag(days - previous_days));
        put_number(&mut table, u64::from(*category));
        previous_days = *days;
    }
    table
}

impl Supplement {
    /// Reads a supplement written by [`IndexBuilder::supplement`].
    pub fn decode(bytes: &[u8]) -> Result<Supplement, String> {
        let mut reader = Reader::new(bytes, SUPPLEMENT_MAGIC)?;
        let first = u32::try_from(reader.number()?).map_err(|_| "article number too large")?;
        let count = reader.count(1)?;
        let mut hidden = Vec::with_capacity(count);
        let mut doc = 0u32;
        for _ in 0..count {
            let gap = u32::try_from(reader.number()?).map_err(|_| "article number too large")?;
            doc = doc.checked_add(gap).ok_or("article number too large")?;
            hidden.push(doc);
        }
        let chunk = Chunk::decode(reader.framed()?)?;
        let table = DocTable::decode(reader.framed()?)?;
        let count = reader.count(2)?;
        let mut documents = Vec::with_capacity(count);
        for _ in 0..count {
            let text = reader.text()?;
            let document = crate::json::from_str(&text).map_err(|e| e.to_string())?;
            documents.push(document);
        }
        reader.finished()?;
        if table.docs.len() != documents.len() {
            return Err("articles and their texts differ in number".into());
        }
        Ok(Supplement {
            first,
            hidden,
            chunk,
            table,
            documents,
        })
    }

    /// Whether article `doc` of the main index is edited or deleted since.
    pub fn hides(&self, doc: u32) -> bool {
        self.hidden.binary_search(&doc).is_ok()
    }

    /// What a result shows of article `doc`, if it is one of the
    /// supplement's.
    pub fn document(&self, doc: u32) -> Option<&SearchDocument> {
        let at = doc.checked_sub(self.first)?;
        self.documents.get(at as usize)
    }
}

impl Chunk {
    /// Reads a chunk written by [`IndexBuilder::finish`].
    pub fn decode(bytes: &[u8]) -> Result<Chunk, String> {
        let mut reader = Reader::new(bytes, CHUNK_MAGIC)?;
        let term_count = reader.count(2)?;
        let mut terms = Vec::with_capacity(term_count);
        for _ in 0..term_count {
            let folded = reader.text()?;
            let variant_count = reader.count(2)?;
            let mut variants = Vec::with_capacity(variant_count);
            for _ in 0..variant_count {
                let spelling = reader.text()?;
                let text = if spelling.is_empty() {
                    folded.clone()
                } else {
                    spelling
                };
                let posting_count = reader.count(2)?;
                let postings = reader.postings(posting_count)?;
                variants.push(Variant { text, postings });
            }
            terms.push(TermEntry { folded, variants });
        }
        reader.finished()?;
        Ok(Chunk { terms })
    }
}

impl DocTable {
    /// Reads the document table written by [`IndexBuilder::finish`].
    pub fn decode(bytes: &[u8]) -> Result<DocTable, String> {
        let mut reader = Reader::new(bytes, DOCS_MAGIC)?;
        let count = reader.count(2)?;
        let mut docs = Vec::with_capacity(count);
        let mut days = 0i64;
        for _ in 0..count {
            days = days.saturating_add(unzigzag(reader.number()?));
            let category = u32::try_from(reader.number()?).map_err(|_| "category too large")?;
            docs.push((days, category));
        }
        reader.finished()?;
        Ok(DocTable { docs })
    }
}

/// Hash maps keyed by words (see [`Fnv`]'s `Hasher`).
type FastHash = std::hash::BuildHasherDefault<Fnv>;

/// A folded term's spellings, each with its (article, weighted term
/// frequency) pairs.
type Spellings = HashMap<String, Vec<(u32, f32)>, FastHash>;

fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

fn unzigzag(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

fn put_number(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn put_text(out: &mut Vec<u8>, text: &str) {
    put_bytes(out, text.as_bytes());
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_number(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// Reads numbers, bytes and strings, refusing to run past the end.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8], magic: &[u8; 4]) -> Result<Reader<'a>, String> {
        if bytes.get(..4) != Some(magic.as_slice()) {
            return Err("not a search file of this version".into());
        }
        Ok(Reader { bytes, at: 4 })
    }

    fn byte(&mut self) -> Result<u8, String> {
        let byte = *self.bytes.get(self.at).ok_or("file ends too early")?;
        self.at += 1;
        Ok(byte)
    }

    fn number(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("number too long".into())
    }

    /// `count` postings: article number gaps and impact bytes. Most gaps
    /// fit in one byte, and a common word has tens of thousands of them, so
    /// that case is read without the general number loop.
    fn postings(&mut self, count: usize) -> Result<Vec<Posting>, String> {
        let mut postings = Vec::with_capacity(count);
        let mut doc = 0u32;
        for _ in 0..count {
            let delta = match self.bytes.get(self.at) {
                Some(&byte) if byte < 0x80 => {
                    self.at += 1;
                    u32::from(byte)
                }
                _ => u32::try_from(self.number()?).map_err(|_| "article number too large")?,
            };
            doc = doc.checked_add(delta).ok_or("article number too large")?;
            let impact = self.byte()?;
            postings.push(Posting { doc, impact });
        }
        Ok(postings)
    }

    /// A count of items that each take at least `min_bytes`: more than the
    /// rest of the file could hold is an error, not an allocation.
    fn count(&mut self, min_bytes: usize) -> Result<usize, String> {
        let count = usize::try_from(self.number()?).map_err(|_| "count too large")?;
        let left = self.bytes.len() - self.at;
        if count > left / min_bytes.max(1) + 1 {
            return Err("count larger than the file".into());
        }
        Ok(count)
    }

    fn text(&mut self) -> Result<String, String> {
        let slice = self.framed()?;
        String::from_utf8(slice.to_vec()).map_err(|_| "text is not UTF-8".into())
    }

    /// Bytes with their length before them.
    fn framed(&mut self) -> Result<&'a [u8], String> {
        let length = usize::try_from(self.number()?).map_err(|_| "text too long")?;
        let end = self.at.checked_add(length).ok_or("text too long")?;
        let slice = self.bytes.get(self.at..end).ok_or("file ends too early")?;
        self.at = end;
        Ok(slice)
    }

    fn finished(&self) -> Result<(), String> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err("unexpected bytes at the end".into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).expect("valid date")
    }

    #[test]
    fn words_are_counted_once_per_spelling_whatever_their_case() {
        let counts = WordCounts::of("Đường mới", "", "đường ĐƯỜNG duong, mới.");
        let mut words = counts.words.clone();
        words.sort_by(|a, b| a.1.cmp(&b.1));
        assert_eq!(
            words,
            [
                ("duong".to_string(), "duong".to_string(), BODY_WEIGHT),
                (
                    "moi".to_string(),
                    "mới".to_string(),
                    TITLE_WEIGHT + BODY_WEIGHT
                ),
                (
                    "duong".to_string(),
                    "đường".to_string(),
                    TITLE_WEIGHT + 2.0 * BODY_WEIGHT
                ),
            ]
        );
        assert_eq!(counts.length, 2.0 * TITLE_WEIGHT + 4.0 * BODY_WEIGHT);
    }

    fn categories() -> Vec<CategoryRef> {
        vec![CategoryRef {
            slug: "tin".into(),
            name: "Tin".into(),
        }]
    }

    #[test]
    fn the_version_of_a_search_file_is_read_from_its_magic() {
        let mut builder = IndexBuilder::new(categories());
        builder.add(date("2024-05-02"), 0, "Tin", "", "");
        let files = builder.finish(1 << 20);
        assert_eq!(index_version(&files.chunks[0]), Some(INDEX_VERSION));
        assert_eq!(index_version(&files.docs), Some(INDEX_VERSION));
        assert_eq!(index_version(b"BTI7\x00"), Some(7));
        assert_eq!(index_version(b"BTD2"), Some(2));
        assert_eq!(index_version(b"{\"schema_version\": 1}"), None);
        assert_eq!(index_version(b"BT"), None);
    }

    /// The entry of `folded` in a decoded chunk.
    fn term<'a>(chunk: &'a Chunk, folded: &str) -> &'a TermEntry {
        chunk
            .terms
            .iter()
            .find(|t| t.folded == folded)
            .unwrap_or_else(|| panic!("{folded} indexed"))
    }

    #[test]
    fn chunks_round_trip_with_spellings_and_scores() {
        let mut builder = IndexBuilder::new(categories());
        builder.add(date("2024-05-02"), 0, "Đường mới", "", "Con đường dài.");
        builder.add(date("2024-05-01"), 0, "Dương cầm", "", "Tiếng đàn.");
        let files = builder.finish(1 << 20);
        assert_eq!(files.chunks.len(), 1);
        let chunk = Chunk::decode(&files.chunks[0]).expect("decodes");
        let duong = term(&chunk, "duong");
        let spellings: Vec<&str> = duong.variants.iter().map(|v| v.text.as_str()).collect();
        assert_eq!(spellings, ["dương", "đường"]);
        let duong_road = &duong.variants[1].postings;
        assert_eq!(duong_road.len(), 1);
        assert_eq!(duong_road[0].doc, 0);
        // Terms come sorted, so a reader can binary-search the manifest.
        let folded: Vec<&str> = chunk.terms.iter().map(|t| t.folded.as_str()).collect();
        let mut sorted = folded.clone();
        sorted.sort();
        assert_eq!(folded, sorted);
    }

    #[test]
    fn article_numbers_far_apart_round_trip() {
        // Gaps of one byte, of two and of three (the reader's short path
        // takes only the first kind).
        let mut builder = IndexBuilder::new(categories());
        let holding = [0u32, 1, 127, 128, 300, 20_000];
        for number in 0..=20_000u32 {
            let body = if holding.contains(&number) {
                "Cầu mới."
            } else {
                "Chợ."
            };
            builder.add(date("2024-05-02"), 0, "Tin", "", body);
        }
        let files = builder.finish(1 << 22);
        let chunk = Chunk::decode(&files.chunks[0]).expect("decodes");
        let cau = term(&chunk, "cau");
        let docs: Vec<u32> = cau.variants[0].postings.iter().map(|p| p.doc).collect();
        assert_eq!(docs, holding);
    }

    #[test]
    fn a_title_word_scores_higher_than_the_same_word_in_the_body() {
        let mut builder = IndexBuilder::new(categories());
        builder.add(date("2024-05-02"), 0, "Nông nghiệp", "", "Bài viết về đất.");
        builder.add(
            date("2024-05-01"),
            0,
            "Đất đai",
            "",
            "Bài viết về nông nghiệp.",
        );
        let files = builder.finish(1 << 20);
        let chunk = Chunk::decode(&files.chunks[0]).expect("decodes");
        let nong = term(&chunk, "nong");
        let postings = &nong.variants[0].postings;
        assert!(postings[0].impact > postings[1].impact, "{postings:?}");
    }

    #[test]
    fn parts_merged_in_order_make_the_index_added_one_by_one() {
        let articles = [
            (
                "2024-05-06",
                0,
                "Đường mới về xã",
                "Con đường dài",
                "Đường làng, đường xã.",
            ),
            (
                "2024-05-05",
                1,
                "Dương cầm",
                "",
                "Tiếng đàn dương cầm ở xã.",
            ),
            (
                "2024-05-04",
                0,
                "ĐƯỜNG giao thông",
                "Giao thông",
                "đương nhiên có đường.",
            ),
            (
                "2024-05-03",
                1,
                "Phụ nữ",
                "Hội phụ nữ xã",
                "Phu nu, phụ nữ và đường.",
            ),
            (
                "2024-05-02",
                0,
                "Nước sạch",
                "",
                "Nước sạch về xã đường xa.",
            ),
        ];
        let mut one_by_one = IndexBuilder::new(categories());
        for (day, category, title, lead, body) in articles {
            one_by_one.add(date(day), category, title, lead, body);
        }
        let expected = one_by_one.finish(64);
        // Every way of cutting the articles into runs, parts of one or more.
        for cut in 0..(1 << (articles.len() - 1)) {
            let mut merged = IndexBuilder::new(categories());
            let mut part = IndexPart::default();
            for (i, (day, category, title, lead, body)) in articles.iter().enumerate() {
                let counts = WordCounts::of(title, lead, body);
                assert_eq!(
                    part.add_counted(date(day), *category, counts) as usize,
                    part.len() - 1
                );
                if cut & (1 << i) != 0 || i == articles.len() - 1 {
                    merged.merge(std::mem::take(&mut part));
                }
            }
            assert!(part.is_empty());
            let files = merged.finish(64);
            assert_eq!(files.chunks, expected.chunks, "cut {cut:b}");
            assert_eq!(files.docs, expected.docs, "cut {cut:b}");
            assert_eq!(files.manifest.build, expected.manifest.build);
            assert_eq!(files.manifest.documents, 5);
        }
    }

    #[test]
    fn small_chunk_size_splits_terms_and_the_manifest_names_each_start() {
        let mut builder = IndexBuilder::new(categories());
        builder.add(date("2024-05-02"), 0, "an bình cảng đông", "", "");
        let files = builder.finish(8);
        assert_eq!(files.manifest.chunks, ["an", "binh", "cang", "dong"]);
        assert_eq!(files.chunks.len(), 4);
        assert_eq!(files.manifest.documents, 1);
        assert_eq!(files.manifest.build.len(), 16);
    }

    #[test]
    fn the_document_table_round_trips_dates_and_categories() {
        let mut builder = IndexBuilder::new(categories());
        builder.add(date("2024-05-02"), 0, "Một", "", "");
        builder.add(date("1969-12-30"), 3, "Hai", "", "");
        let files = builder.finish(1 << 20);
        let table = DocTable::decode(&files.docs).expect("decodes");
        assert_eq!(
            table.docs,
            [
                (date("2024-05-02").days_since_epoch(), 0),
                (date("1969-12-30").days_since_epoch(), 3)
            ]
        );
    }

    fn document(title: &str, text: &str) -> SearchDocument {
        SearchDocument {
            schema_version: SCHEMA_VERSION,
            title: title.into(),
            href: format!("/tin/{}", crate::fold_vietnamese(title).replace(' ', "-")),
            date: date("2024-06-01"),
            category: categories()[0].clone(),
            text: text.into(),
        }
    }

    /// Articles whose entries in `chunks` hold `folded`, best score first,
    /// leaving out what `hidden` says.
    fn found(chunks: &[&Chunk], folded: &str, hidden: impl Fn(u32) -> bool) -> Vec<(u32, u8)> {
        let mut found: Vec<(u32, u8)> = chunks
            .iter()
            .flat_map(|c| c.terms.iter())
            .filter(|t| t.folded == folded)
            .flat_map(|t| t.variants.iter().flat_map(|v| v.postings.iter()))
            .filter(|p| !hidden(p.doc))
            .map(|p| (p.doc, p.impact))
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        found
    }

    #[test]
    fn a_supplement_adds_articles_after_the_index_and_hides_the_ones_edited() {
        // An index of 200 articles: "cầu" in the body of every tenth.
        let mut builder = IndexBuilder::new(categories());
        for n in 0..200 {
            let body = if n % 10 == 0 {
                "Cầu mới bắc qua sông."
            } else {
                "Chợ phiên."
            };
            builder.add(date("2024-05-02"), 0, &format!("Tin {n}"), "", body);
        }
        let index = builder.finish(1 << 20);
        let chunk = Chunk::decode(&index.chunks[0]).expect("decodes");
        // Article 10 edited: "cầu" leaves it, "đường" comes; and one new
        // article with "cầu" in its title.
        // A third, written as the index's own are.
        let texts = [
            document("Tin 10", "Đường mới trải nhựa."),
            document("Cầu Hòa Lâm", "Khánh thành."),
            document("Tin 300", "Cầu mới bắc qua sông."),
        ];
        let mut added = IndexBuilder::new(categories());
        added.add(date("2024-06-01"), 0, "Tin 10", "", "Đường mới trải nhựa.");
        added.add(date("2024-06-02"), 0, "Cầu Hòa Lâm", "", "Khánh thành.");
        added.add(
            date("2024-06-02"),
            0,
            "Tin 300",
            "",
            "Cầu mới bắc qua sông.",
        );
        let bytes = added.supplement(&index.stats, 200, vec![10], &texts);
        assert_eq!(index_version(&bytes), Some(INDEX_VERSION));
        let supplement = Supplement::decode(&bytes).expect("decodes");
        assert_eq!(supplement.first, 200);
        assert_eq!(supplement.hidden, [10]);
        assert!(supplement.hides(10) && !supplement.hides(20));
        assert_eq!(supplement.document(200), Some(&texts[0]));
        assert_eq!(supplement.document(201), Some(&texts[1]));
        assert_eq!(supplement.document(199), None);
        assert_eq!(supplement.document(203), None);
        let june = |day: &str| (date(day).days_since_epoch(), 0);
        assert_eq!(
            supplement.table.docs,
            [june("2024-06-01"), june("2024-06-02"), june("2024-06-02")]
        );
        let both = [&chunk, &supplement.chunk];
        let hidden = |doc| supplement.hides(doc);
        // The new word is found in the edited article, under its new number.
        let duong: Vec<u32> = found(&both, "duong", hidden).iter().map(|f| f.0).collect();
        assert_eq!(duong, [200]);
        // The old word no longer finds it; the title beats the bodies, as
        // the index scores them.
        let cau = found(&both, "cau", hidden);
        let docs: Vec<u32> = cau.iter().map(|f| f.0).collect();
        assert_eq!(docs.first(), Some(&201));
        assert!(!docs.contains(&10) && !docs.contains(&200));
        assert_eq!(docs.len(), 21);
        // Scored against the index's figures: the article written as the
        // index's own scores as they do (one more article holding the
        // word moves its weight by less than a step).
        let score = |doc| cau.iter().find(|f| f.0 == doc).map(|f| f.1);
        let (base, added) = (score(0).expect("found"), score(202).expect("found"));
        assert!(base.abs_diff(added) <= 1, "{base} against {added}");
    }

    #[test]
    fn a_damaged_supplement_is_an_error_not_a_panic() {
        let mut added = IndexBuilder::new(categories());
        added.add(date("2024-06-02"), 0, "Cầu Hòa Lâm", "", "Khánh thành.");
        let texts = [document("Cầu Hòa Lâm", "Khánh thành.")];
        let stats = IndexStats::default();
        let bytes = added.supplement(&stats, 3, vec![0, 2], &texts);
        assert!(Supplement::decode(&bytes).is_ok());
        for cut in 0..bytes.len() {
            assert!(Supplement::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        // Texts and articles must agree in number.
        let mut added = IndexBuilder::new(categories());
        added.add(date("2024-06-02"), 0, "Cầu", "", "");
        assert!(Supplement::decode(&added.supplement(&stats, 3, vec![], &[])).is_err());
    }

    #[test]
    fn damaged_files_are_errors_not_panics() {
        let mut builder = IndexBuilder::new(categories());
        builder.add(date("2024-05-02"), 0, "Đường mới", "", "Con đường dài.");
        let files = builder.finish(1 << 20);
        let chunk = &files.chunks[0];
        for cut in 0..chunk.len() {
            assert!(Chunk::decode(&chunk[..cut]).is_err(), "cut at {cut}");
        }
        let mut huge = CHUNK_MAGIC.to_vec();
        put_number(&mut huge, u64::MAX);
        assert!(Chunk::decode(&huge).is_err());
        assert!(Chunk::decode(b"<html>").is_err());
        assert!(DocTable::decode(&files.docs[..files.docs.len() - 1]).is_err());
    }
}
