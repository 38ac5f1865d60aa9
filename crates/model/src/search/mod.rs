//! Vietnamese full-text search: the index the bundler writes and the engine
//! the app runs in its WASM, in one place so they agree byte for byte.
//!
//! How it fits together:
//! - Words are compared *folded* ([`crate::fold_vietnamese`]: tones and vowel
//!   marks dropped, đ → d), so "duong" finds "đường" and the reverse. Each
//!   folded term keeps the spellings it was seen with ("variants"), so a
//!   reader who typed the diacritics gets exact matches first.
//! - The bundler feeds every article to an [`IndexBuilder`], which scores
//!   each (term, article) pair with BM25F once, at build time, and cuts the
//!   sorted term list into chunks of bounded size. A [`SearchManifest`] lists
//!   where each chunk starts, so a query downloads only the chunks holding its
//!   words (see [`Query::chunks_needed`]).
//! - Articles are numbered newest first, so a lower number wins a tie and a
//!   date range is a range of numbers.
//! - Result text (title, date, category, the plain text for the excerpt)
//!   lives in one small [`SearchDocument`] per article, fetched only for the
//!   results shown.
//! - In the browser the engine runs in its own small WASM, in a web worker
//!   (`crates/search-worker`): the app sends a [`SearchRequest`] as a
//!   [`ToWorker`] message and draws the [`SearchOutcome`] it gets back.

mod index;
mod message;
mod query;
mod read;
mod request;

pub use index::{
    index_version, Chunk, DocTable, IndexBuilder, IndexFiles, IndexPart, IndexStats, Posting,
    Supplement, TermEntry, Variant, WordCounts, INDEX_VERSION,
};
pub use message::{Ask, FromWorker, MessageError, Reply, SearchFailure, ToWorker, MESSAGE_VERSION};
pub use query::{Hit, Query, QueryTerm, Segment};
pub use request::{filter_for, SearchOutcome, SearchRequest, SearchResult, PAGE_SIZE};

use crate::{CategoryRef, Date};
use serde::Serialize;

/// Words longer than this are not indexed (they are not words a reader
/// types, and they would bloat the chunk they land in).
pub const MAX_WORD_CHARS: usize = 32;

/// Where the search files of one build are, and how its terms are split.
///
/// The manifest is the only search file whose name stays the same across
/// builds; the rest live under a folder named after their content, so a
/// reader never combines a manifest of one build with chunks of another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchManifest {
    /// Bundle format version (see [`crate::SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Fingerprint of this build's search files: the folder they live in.
    pub build: String,
    /// Articles indexed.
    pub documents: u32,
    /// The first folded term of each chunk, in order: chunk `i` holds the
    /// terms from `chunks[i]` up to (not including) `chunks[i + 1]`.
    pub chunks: Vec<String>,
    /// Categories, in the order the document table numbers them.
    pub categories: Vec<CategoryRef>,
    /// Per category, the number of the category it sits under, if any:
    /// filtering by a parent keeps its subcategories' articles too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<Option<u32>>,
    /// The fingerprint of a [`Supplement`] searched beside the index (see
    /// [`crate::paths::search_supplement`]): only the preview serves one,
    /// holding the articles saved since the index was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplement: Option<String>,
}

/// What a result shows of one article, and the text its excerpt and
/// phrase checks are taken from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchDocument {
    /// Format version, so an old cached document is recognised.
    pub schema_version: u32,
    /// Article title.
    pub title: String,
    /// The article's reader URL.
    pub href: String,
    /// Publication date.
    pub date: Date,
    /// Category the article is filed under.
    pub category: CategoryRef,
    /// Lead and body as plain text, paragraphs separated by newlines.
    pub text: String,
}

/// One word of a text: where it is and its two comparable forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// Byte range in the text (for highlighting).
    pub start: usize,
    /// The word as written.
    pub text: &'a str,
}

impl Word<'_> {
    /// Lower-cased with its diacritics: what "exact" matching compares.
    pub fn exact(&self) -> String {
        self.text.to_lowercase()
    }

    /// Folded: what every match compares.
    pub fn folded(&self) -> String {
        crate::fold_vietnamese(self.text)
    }
}

/// Whether `c` belongs to a word: letters, digits and the combining marks
/// NFD-encoded Vietnamese carries its tones in.
fn is_word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        // Every letter of Vietnamese text is in these Latin blocks, where
        // every character but two is a letter: about a third of an
        // article's characters skip the general Unicode table, where a
        // 100,000-article rebuild spent 3.7% of its CPU time.
        '\u{00C0}'..='\u{024F}' => c != '×' && c != '÷',
        '\u{1E00}'..='\u{1EFF}' => true,
        '\u{0300}'..='\u{036F}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// The words of `text`, in order. Vietnamese writes one syllable per word,
/// separated by spaces and punctuation, so no dictionary is needed.
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = rest.peek() {
            if is_word_char(c) {
                break;
            }
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = rest.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            rest.next();
        }
        Some(Word {
            start,
            text: &text[start..end],
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_spaces_and_punctuation_and_keep_marks() {
        let text = "Đường (mới), phụ nữ—2022! ";
        let found: Vec<&str> = words(text).map(|w| w.text).collect();
        assert_eq!(found, ["Đường", "mới", "phụ", "nữ", "2022"]);
        // NFD: the combining marks stay inside the word.
        let nfd = "Đu\u{031b}\u{0300}o\u{031b}ng xa";
        let found: Vec<String> = words(nfd).map(|w| w.folded()).collect();
        assert_eq!(found, ["duong", "xa"]);
    }

    #[test]
    fn the_quick_letter_test_agrees_with_unicode_on_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let unicode = c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c);
            assert_eq!(is_word_char(c), unicode, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn word_positions_point_into_the_text() {
        let text = "Một  hai";
        let second = words(text).nth(1).expect("two words");
        assert_eq!(&text[second.start..], "hai");
    }
}
