//! What a reader typed, and how it is answered from loaded chunks.

use super::{words, Chunk, SearchManifest, MAX_WORD_CHARS};

/// At most this many words of a query count (the rest are ignored).
const MAX_TERMS: usize = 12;
/// A last word typed so far matches longer words only when at least this
/// many letters are in: one letter would match half the language.
const MIN_PREFIX_CHARS: usize = 2;
/// A prefix spread over more chunks than this is not loaded whole, so
/// typing "ng" does not download a tenth of the index: alone it matches in
/// the chunk where it would sit; after other words it is left out until
/// the reader types on (see [`Query::answer`]).
const MAX_PREFIX_CHUNKS: usize = 3;
/// A longer word found from a prefix counts for less than the word itself.
const PREFIX_WEIGHT: f32 = 0.5;

/// One word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    /// Folded form: what must match.
    pub folded: String,
    /// Lower-cased spelling as typed: an article with this very spelling
    /// ranks first.
    pub exact: String,
    /// The reader may still be typing it: longer words starting with it
    /// match too.
    pub prefix: bool,
}

/// A parsed query: words that must all appear, and quoted phrases that
/// must appear as written (diacritics aside).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Every word of the query, once each.
    pub terms: Vec<QueryTerm>,
    /// Quoted phrases of two words or more, folded.
    pub phrases: Vec<Vec<String>>,
    /// The last of `terms` is the word the reader is still typing (nothing
    /// follows it, it is not quoted), however short: the one word
    /// [`Query::answer`] may leave out.
    pub typing: bool,
}

/// What a query's loaded chunks answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The query the hits answer: the one asked, or it without the word
    /// being typed (what highlighting and phrase checks must then use).
    pub query: Query,
    /// The word being typed, left out of the hits (see [`Query::answer`]):
    /// "đường g" shows the articles about "đường" while the reader goes on
    /// typing, rather than none. With no hits, set only when that word was
    /// the whole query (it begins too many words to look up yet): more
    /// letters will find something.
    pub left_out: Option<QueryTerm>,
    /// How many articles match.
    pub total: usize,
    /// The best of them, in order (see [`Query::rank_top`]).
    pub hits: Vec<Hit>,
}

/// A matching article, before its text is fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Article number.
    pub doc: u32,
    /// How many query words it has with the diacritics as typed.
    pub exact: u32,
    /// How many query words it has whole (not only as the start of a
    /// longer word).
    pub whole: u32,
    /// Sum of the words' BM25F scores (scaled).
    pub score: u32,
}

/// A piece of text to show, highlighted when it is a matched word.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Segment {
    /// The text, shown as text.
    pub text: String,
    /// Whether it matched a query word.
    pub hit: bool,
}

impl Segment {
    /// The text of `segments` as it reads, marks left out (what a screen
    /// reader says of a highlighted title).
    pub fn unmarked(segments: &[Segment]) -> String {
        segments.iter().map(|s| s.text.as_str()).collect()
    }
}

impl Query {
    /// Parses what the reader typed. Text between double quotes ("…" or
    /// “…”) is a phrase; the last word, when nothing follows it, is taken as
    /// a prefix (results follow the typing).
    pub fn parse(input: &str) -> Query {
        let mut pieces: Vec<(String, bool)> = vec![(String::new(), false)];
        for c in input.chars() {
            if matches!(c, '"' | '“' | '”') {
                let quoted = pieces.last().is_some_and(|(_, q)| *q);
                pieces.push((String::new(), !quoted));
            } else if let Some((piece, _)) = pieces.last_mut() {
                piece.push(c);
            }
        }
        let ends_open = input
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c));
        let mut query = Query::default();
        let piece_count = pieces.len();
        for (index, (piece, quoted)) in pieces.iter().enumerate() {
            let found: Vec<_> = words(piece)
                .filter(|w| w.text.chars().count() <= MAX_WORD_CHARS)
                .collect();
            if *quoted && found.len() > 1 {
                query
                    .phrases
                    .push(found.iter().map(|w| w.folded()).collect());
            }
            let word_count = found.len();
            for (position, word) in found.into_iter().enumerate() {
                let folded = word.folded();
                let last = index + 1 == piece_count && position + 1 == word_count;
                let prefix =
                    last && !*quoted && ends_open && folded.chars().count() >= MIN_PREFIX_CHARS;
                let room = query.terms.len() < MAX_TERMS;
                // A word typed before cannot be left out as the one
                // being typed: it was asked for already.
                let typing = last && !*quoted && ends_open;
                match query.terms.iter_mut().find(|t| t.folded == folded) {
                    Some(existing) => existing.prefix &= prefix,
                    None if room => {
                        query.terms.push(QueryTerm {
                            folded,
                            exact: word.exact(),
                            prefix,
                        });
                        query.typing = typing;
                    }
                    None => {}
                }
            }
        }
        query
    }

    /// Whether there is nothing to look for.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The chunks (indexes into the manifest's list) that hold this query's
    /// words: all a search needs to download. A last word being typed
    /// that [`Query::answer`] leaves out up front needs none.
    pub fn chunks_needed(&self, manifest: &SearchManifest) -> Vec<usize> {
        let skipped = self.spread_left_out(manifest);
        // Kept in order as they come (a query names a few chunks): no
        // sort's code in the search worker's WASM.
        let mut needed: Vec<usize> = Vec::new();
        for term in &self.terms[..self.terms.len() - usize::from(skipped)] {
            if let Some(range) = chunk_range(term, &manifest.chunks) {
                for chunk in range.chunks {
                    if let Err(at) = needed.binary_search(&chunk) {
                        needed.insert(at, chunk);
                    }
                }
            }
        }
        needed
    }

    /// Whether the last word is still being typed and begins words spread
    /// over more chunks than a prefix may load ("đường gi" at 100,000
    /// articles): matching it in the one chunk where it would sit would
    /// show a part of its articles as if it were all of them, or none, so
    /// it is left out, and the page says so (alone, it asks for more
    /// letters).
    fn spread_left_out(&self, manifest: &SearchManifest) -> bool {
        self.typing
            && self
                .terms
                .last()
                .and_then(|term| chunk_range(term, &manifest.chunks))
                .is_some_and(|range| range.spread)
    }

    /// Articles holding every word, best first: more words with the
    /// diacritics as typed, then more words whole (not just begun), then a
    /// higher score, then newer. `allowed` filters by article number
    /// (category, dates).
    pub fn rank(&self, chunks: &[&Chunk], allowed: impl Fn(u32) -> bool) -> Vec<Hit> {
        self.rank_top(chunks, allowed, usize::MAX).1
    }

    /// How many articles match, and the best `limit` of them in order:
    /// a page of results needs only its own, not all sixty thousand an
    /// everyday word matches sorted.
    pub fn rank_top(
        &self,
        chunks: &[&Chunk],
        allowed: impl Fn(u32) -> bool,
        limit: usize,
    ) -> (usize, Vec<Hit>) {
        if self.terms.is_empty() {
            return (0, Vec::new());
        }
        // Tables indexed by article number, not hash maps or merges: at
        // 100,000 articles a common word (or a prefix of many words) has
        // tens of thousands of postings, and this runs in the reader's
        // browser on every key press.
        let mut tables: Vec<TermTable> = self
            .terms
            .iter()
            .map(|term| TermTable::new(term, chunks))
            .collect();
        // Fewest postings first; a query has at most a dozen words, so an
        // insertion sort (stable, and little code in the search worker).
        for at in 1..tables.len() {
            let mut to = at;
            while to > 0 && tables[to - 1].count > tables[to].count {
                tables.swap(to - 1, to);
                to -= 1;
            }
        }
        let Some((rarest, others)) = tables.split_first() else {
            return (0, Vec::new());
        };
        // One pass over the rarest word's articles: each is looked up in
        // the other words' tables and, if all have it, becomes one integer
        // ordered as the results should be: more exact spellings, more
        // whole words, higher score, newer. No list of matches is built
        // and filtered word by word: at 100,000 articles an everyday pair
        // of words shares tens of thousands.
        let mut keys: Vec<u64> = Vec::new();
        'articles: for found in rarest.matches() {
            if !allowed(found.doc) {
                continue;
            }
            let Match {
                doc,
                mut score,
                mut exact,
                mut whole,
            } = found;
            for other in others {
                let Some(o) = other.get(doc) else {
                    continue 'articles;
                };
                score += o.score;
                exact += u32::from(o.exact);
                whole += u32::from(o.whole);
            }
            let score = (score.round() as u64).min(0xFF_FFFF);
            keys.push(
                (u64::from(15 - exact.min(15)) << 60)
                    | (u64::from(15 - whole.min(15)) << 56)
                    | ((0xFF_FFFF - score) << 32)
                    | u64::from(doc),
            );
        }
        let total = keys.len();
        if limit < keys.len() {
            keys.select_nth_unstable(limit);
            keys.truncate(limit);
        }
        keys.sort_unstable();
        let hits = keys
            .into_iter()
            .map(|key| Hit {
                doc: key as u32,
                exact: 15 - ((key >> 60) as u32),
                whole: 15 - (((key >> 56) & 0xF) as u32),
                score: (0xFF_FFFF - ((key >> 32) & 0xFF_FFFF)) as u32,
            })
            .collect();
        (total, hits)
    }

    /// The best `limit` articles for this query (see [`Query::rank_top`])
    /// from the chunks [`Query::chunks_needed`] named. The last word, while
    /// still being typed, is left out (and named) when its articles cannot
    /// all be known from those chunks (see `spread_left_out`), or, after
    /// other words, when no article matching those has it yet ("đường g":
    /// "g" is no word): the reader sees the results of the words before it
    /// as they type on, not a partial list or none.
    pub fn answer(
        self,
        chunks: &[&Chunk],
        manifest: &SearchManifest,
        allowed: impl Fn(u32) -> bool,
        limit: usize,
    ) -> Answer {
        if self.spread_left_out(manifest) {
            let rest = self.without_last();
            let (total, hits) = rest.query.rank_top(chunks, &allowed, limit);
            // Nothing has the words before it: more letters cannot help.
            let hopeless = total == 0 && !rest.query.is_empty();
            return Answer {
                left_out: rest.left_out.filter(|_| !hopeless),
                query: rest.query,
                total,
                hits,
            };
        }
        let (total, hits) = self.rank_top(chunks, &allowed, limit);
        if total == 0 && self.typing && self.terms.len() > 1 {
            let rest = self.clone().without_last();
            let (total, hits) = rest.query.rank_top(chunks, &allowed, limit);
            if total > 0 {
                return Answer {
                    total,
                    hits,
                    ..rest
                };
            }
        }
        Answer {
            query: self,
            left_out: None,
            total,
            hits,
        }
    }

    /// This query without its last word (the one being typed), named.
    fn without_last(mut self) -> Answer {
        let left_out = self.terms.pop();
        self.typing = false;
        Answer {
            query: self,
            left_out,
            total: 0,
            hits: Vec::new(),
        }
    }

    /// Whether `text` holds every quoted phrase, word for word (folded).
    pub fn matches_phrases(&self, text: &str) -> bool {
        if self.phrases.is_empty() {
            return true;
        }
        let folded: Vec<String> = words(text).map(|w| w.folded()).collect();
        self.phrases.iter().all(|phrase| {
            folded
                .windows(phrase.len())
                .any(|window| window == phrase.as_slice())
        })
    }

    fn matches_word(&self, folded: &str) -> bool {
        self.terms.iter().any(|term| {
            term.folded == folded || (term.prefix && folded.starts_with(term.folded.as_str()))
        })
    }

    /// `text` cut into plain and matched pieces, for highlighting.
    pub fn highlight(&self, text: &str) -> Vec<Segment> {
        let mut segments = Vec::new();
        let mut shown = 0;
        let push = |segments: &mut Vec<Segment>, text: &str, hit: bool| {
            if text.is_empty() {
                return;
            }
            match segments.last_mut() {
                Some(last) if last.hit == hit => last.text.push_str(text),
                _ => segments.push(Segment {
                    text: text.to_string(),
                    hit,
                }),
            }
        };
        for word in words(text) {
            if self.matches_word(&word.folded()) {
                push(&mut segments, &text[shown..word.start], false);
                let end = word.start + word.text.len();
                push(&mut segments, &text[word.start..end], true);
                shown = end;
            }
        }
        push(&mut segments, &text[shown..], false);
        segments
    }

    /// The stretch of `max_words` words of `text` with the most matches,
    /// highlighted, with "…" where it was cut.
    pub fn excerpt(&self, text: &str, max_words: usize) -> Vec<Segment> {
        let all: Vec<_> = words(text).collect();
        if all.is_empty() || max_words == 0 {
            return Vec::new();
        }
        let matched: Vec<bool> = all.iter().map(|w| self.matches_word(&w.folded())).collect();
        let width = max_words.min(all.len());
        let mut count: usize = matched[..width].iter().filter(|m| **m).count();
        let (mut best, mut best_count) = (0, count);
        for start in 1..=all.len() - width {
            count =
                count + usize::from(matched[start + width - 1]) - usize::from(matched[start - 1]);
            if count > best_count {
                best = start;
                best_count = count;
            }
        }
        // Start a little before the first match, so it has some context.
        if let Some(first) = matched[best..best + width].iter().position(|m| *m) {
            let lead_in = first.min(3);
            best = (best + first - lead_in).min(all.len() - width);
        }
        let first = &all[best];
        let last = &all[best + width - 1];
        let slice = &text[first.start..last.start + last.text.len()];
        let slice = slice.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut segments = self.highlight(&slice);
        if best > 0 {
            segments.insert(
                0,
                Segment {
                    text: "… ".into(),
                    hit: false,
                },
            );
        }
        if best + width < all.len() {
            segments.push(Segment {
                text: " …".into(),
                hit: false,
            });
        }
        segments
    }
}

/// One article's match for one query word.
#[derive(Debug, Clone, Copy)]
struct Match {
    doc: u32,
    score: f32,
    exact: u32,
    whole: u32,
}

/// Two matches of one word in the same article: the spelling typed scores
/// on its own ("đang" must not borrow the weight of "Đảng" in a title).
fn combine(kept: &mut Slot, next: &Slot) {
    if next.exact > kept.exact {
        kept.score = next.score;
    } else if next.exact == kept.exact {
        kept.score = kept.score.max(next.score);
    }
    kept.exact = kept.exact.max(next.exact);
    kept.whole = kept.whole.max(next.whole);
}

/// The chunks holding a word (and the words it begins, when it is a
/// prefix).
struct ChunkRange {
    chunks: std::ops::Range<usize>,
    /// A prefix whose words run over more than [`MAX_PREFIX_CHUNKS`]
    /// chunks: only the one where it would sit is in `chunks`.
    spread: bool,
}

/// Where `term` is in the chunks whose first words are `firsts`; `None`
/// for a whole word that sorts before every chunk.
fn chunk_range(term: &QueryTerm, firsts: &[String]) -> Option<ChunkRange> {
    let word = term.folded.as_str();
    let holding = firsts.partition_point(|first| first.as_str() <= word);
    if holding == 0 && !term.prefix {
        return None;
    }
    let start = holding.saturating_sub(1);
    let mut end = holding.max(1).min(firsts.len());
    let mut spread = false;
    if term.prefix {
        let last = firsts.partition_point(|first| first.as_str() < word || first.starts_with(word));
        if last.saturating_sub(start) <= MAX_PREFIX_CHUNKS {
            end = last.max(end);
        } else {
            spread = true;
        }
    }
    Some(ChunkRange {
        chunks: start..end,
        spread,
    })
}

/// One article's match for one query word, in that word's table: eight
/// bytes, so the table of a word found in 100,000 articles stays small
/// enough to fill and read quickly in the reader's browser.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    score: f32,
    /// The spelling typed (0 or 1).
    exact: u8,
    /// The word itself, not a longer one (0 or 1).
    whole: u8,
    present: bool,
}

/// Every article matching one query word, by article number: one slot
/// per article up to the highest that matches.
struct TermTable {
    slots: Vec<Slot>,
    /// Articles that match.
    count: usize,
}

impl TermTable {
    /// The matches of `term` in the loaded chunks: each spelling of the
    /// word, and of longer words when it is a prefix, combined per article.
    fn new(term: &QueryTerm, chunks: &[&Chunk]) -> TermTable {
        let mut table = TermTable {
            slots: Vec::new(),
            count: 0,
        };
        for entry in chunks.iter().flat_map(|chunk| chunk.terms.iter()) {
            let whole = entry.folded == term.folded;
            let weight = if whole {
                1.0
            } else if term.prefix && entry.folded.starts_with(&term.folded) {
                PREFIX_WEIGHT
            } else {
                continue;
            };
            for variant in &entry.variants {
                let exact = u8::from(whole && variant.text == term.exact);
                if let Some(last) = variant.postings.last() {
                    let needed = last.doc as usize + 1;
                    if table.slots.len() < needed {
                        table.slots.resize(needed, Slot::default());
                    }
                }
                for posting in &variant.postings {
                    let next = Slot {
                        score: f32::from(posting.impact) * weight,
                        exact,
                        whole: u8::from(whole),
                        present: true,
                    };
                    let kept = &mut table.slots[posting.doc as usize];
                    if kept.present {
                        combine(kept, &next);
                    } else {
                        *kept = next;
                        table.count += 1;
                    }
                }
            }
        }
        table
    }

    /// The match for article `doc`, if it has the word.
    fn get(&self, doc: u32) -> Option<&Slot> {
        self.slots.get(doc as usize).filter(|slot| slot.present)
    }

    /// Every match, by article number.
    fn matches(&self) -> impl Iterator<Item = Match> + '_ {
        self.slots
            .iter()
            .zip(0u32..)
            .filter(|(slot, _)| slot.present)
            .map(|(slot, doc)| Match {
                doc,
                score: slot.score,
                exact: u32::from(slot.exact),
                whole: u32::from(slot.whole),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::IndexBuilder;
    use crate::{CategoryRef, Date};

    fn terms(query: &Query) -> Vec<(&str, bool)> {
        query
            .terms
            .iter()
            .map(|t| (t.folded.as_str(), t.prefix))
            .collect()
    }

    #[test]
    fn parsing_folds_words_and_takes_the_last_as_a_prefix() {
        let query = Query::parse("Phụ nữ Đảng");
        assert_eq!(
            terms(&query),
            [("phu", false), ("nu", false), ("dang", true)]
        );
        assert_eq!(query.terms[2].exact, "đảng");
        // A space after the last word: the reader finished it.
        assert_eq!(terms(&Query::parse("duong ")), [("duong", false)]);
        // One letter is too little to expand.
        assert_eq!(terms(&Query::parse("o")), [("o", false)]);
    }

    #[test]
    fn quotes_make_phrases_and_their_words_are_not_prefixes() {
        let query = Query::parse("\"kinh tế số\" Hà");
        assert_eq!(query.phrases, [vec!["kinh", "te", "so"]]);
        assert_eq!(
            terms(&query),
            [("kinh", false), ("te", false), ("so", false), ("ha", true)]
        );
        let curly = Query::parse("“nông thôn mới”");
        assert_eq!(curly.phrases, [vec!["nong", "thon", "moi"]]);
        assert!(curly.terms.iter().all(|t| !t.prefix));
    }

    #[test]
    fn empty_and_punctuation_only_queries_are_empty() {
        assert!(Query::parse("").is_empty());
        assert!(Query::parse(" ?! \"\" ").is_empty());
    }

    fn manifest(chunks: &[&str]) -> SearchManifest {
        SearchManifest {
            schema_version: crate::SCHEMA_VERSION,
            build: String::new(),
            documents: 0,
            chunks: chunks.iter().map(|c| c.to_string()).collect(),
            categories: Vec::new(),
            parents: Vec::new(),
            supplement: None,
        }
    }

    #[test]
    fn a_query_needs_only_the_chunks_holding_its_words() {
        let manifest = manifest(&["a", "d", "dz", "m", "t"]);
        assert_eq!(Query::parse("duong ").chunks_needed(&manifest), [1]);
        assert_eq!(Query::parse("thon ma ").chunks_needed(&manifest), [3, 4]);
        // A prefix running into later chunks takes them too…
        let spread = manifest_with_prefix_spread();
        assert_eq!(Query::parse("ng").chunks_needed(&spread), [0, 1, 2]);
        // …but not past the limit: then it waits for more letters (see
        // `Query::answer`), and only the words before it are fetched.
        let wide = SearchManifest {
            chunks: ["a", "nga", "ngb", "ngc", "ngd", "o"]
                .map(String::from)
                .to_vec(),
            ..manifest.clone()
        };
        assert!(Query::parse("ng").chunks_needed(&wide).is_empty());
        assert_eq!(Query::parse("o ng").chunks_needed(&wide), [5]);
        // Finished, it is a word like any other, in the chunk where it sits.
        assert_eq!(Query::parse("ng ").chunks_needed(&wide), [0]);
        // A word before the first chunk's first term is nowhere.
        assert!(Query::parse("0 ").chunks_needed(&manifest).is_empty());
    }

    fn manifest_with_prefix_spread() -> SearchManifest {
        manifest(&["a", "ngh", "nguy", "o"])
    }

    fn corpus() -> (Vec<Chunk>, SearchManifest) {
        let categories = vec![CategoryRef {
            slug: "tin".into(),
            name: "Tin".into(),
        }];
        let mut builder = IndexBuilder::new(categories);
        let date = |d: &str| Date::parse(d).expect("date");
        // 0: the newest
        builder.add(
            date("2024-06-03"),
            0,
            "Sửa đường liên xã",
            "",
            "Công nhân sửa đường.",
        );
        builder.add(
            date("2024-06-02"),
            0,
            "Đàn dương cầm",
            "",
            "Buổi hoà nhạc dương cầm.",
        );
        builder.add(
            date("2024-06-01"),
            0,
            "Hội Phụ nữ",
            "",
            "Đại hội phụ nữ tỉnh.",
        );
        builder.add(
            date("2024-05-31"),
            0,
            "Đảng bộ tỉnh",
            "",
            "Đại hội Đảng bộ.",
        );
        builder.add(
            date("2024-05-30"),
            0,
            "Tin ngắn",
            "",
            "Người dân đang chờ đường mới.",
        );
        let files = builder.finish(64);
        let chunks = files
            .chunks
            .iter()
            .map(|bytes| Chunk::decode(bytes).expect("decodes"))
            .collect();
        (chunks, files.manifest)
    }

    /// The corpus chunks a query needs, as the app would fetch them.
    fn needed_chunks<'a>(
        query: &Query,
        chunks: &'a [Chunk],
        manifest: &SearchManifest,
    ) -> Vec<&'a Chunk> {
        query
            .chunks_needed(manifest)
            .into_iter()
            .map(|i| &chunks[i])
            .collect()
    }

    fn search(query: &str) -> Vec<u32> {
        let (chunks, manifest) = corpus();
        let query = Query::parse(query);
        let needed = needed_chunks(&query, &chunks, &manifest);
        query
            .rank(&needed, |_| true)
            .iter()
            .map(|h| h.doc)
            .collect()
    }

    #[test]
    fn queries_without_diacritics_find_text_with_them() {
        assert_eq!(search("phu nu "), [2]);
        let duong = search("duong ");
        assert_eq!(duong.len(), 3, "{duong:?}");
        assert!(duong.contains(&0) && duong.contains(&1) && duong.contains(&4));
        let dang = search("Dang ");
        assert!(dang.contains(&3) && dang.contains(&4), "{dang:?}");
    }

    #[test]
    fn exact_diacritics_rank_first() {
        assert_eq!(search("đường ")[..2], [0, 4]);
        assert_eq!(search("dương ")[0], 1);
        assert_eq!(search("Đảng ")[0], 3);
        assert_eq!(search("đang ")[0], 4);
    }

    #[test]
    fn every_word_must_match_and_prefixes_follow_typing() {
        assert_eq!(search("đại hội phụ"), [2]);
        assert_eq!(search("sua duo"), [0]);
        assert!(search("phụ nữ dương").is_empty());
    }

    fn answer(query: &str) -> Answer {
        let (chunks, manifest) = corpus();
        let query = Query::parse(query);
        let needed = needed_chunks(&query, &chunks, &manifest);
        query.answer(&needed, &manifest, |_| true, 10)
    }

    #[test]
    fn a_word_still_being_typed_that_nothing_has_yet_is_left_out() {
        // "d" is no word: the articles of "sua" while the reader types on.
        let typing = answer("sua d");
        assert_eq!(typing.left_out.map(|t| t.exact).as_deref(), Some("d"));
        assert_eq!(typing.hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [0]);
        assert_eq!(typing.query, Query::parse("sua "));
        // Once it matches, it counts.
        let typed = answer("sua duo");
        assert_eq!(typed.left_out, None);
        assert_eq!(typed.total, 1);
        // A finished word, a quoted one, a lone word or one typed earlier
        // in the query is never left out: nothing found says so.
        for finished in ["sua d ", "sua \"d\"", "d", "d sua d"] {
            let found = answer(finished);
            assert_eq!((found.total, found.left_out), (0, None), "{finished}");
        }
        assert!(!Query::parse("sua sua").typing);
        // Words before it that match nothing either: nothing found.
        assert_eq!(answer("zzz d").total, 0);
    }

    #[test]
    fn a_word_being_typed_that_begins_words_over_many_chunks_is_left_out_up_front() {
        let categories = vec![CategoryRef {
            slug: "tin".into(),
            name: "Tin".into(),
        }];
        let mut builder = IndexBuilder::new(categories);
        let date = Date::parse("2024-06-03").expect("date");
        builder.add(date, 0, "Đường nghe", "", "ngà ngái ngán ngang ngao");
        builder.add(date, 0, "Đường nghĩ", "", "ngày nghe nghĩa ngõ ngoài");
        builder.add(date, 0, "Sông", "", "ngon ngủ người ngược ngừng");
        let files = builder.finish(24);
        let chunks: Vec<Chunk> = files
            .chunks
            .iter()
            .map(|bytes| Chunk::decode(bytes).expect("decodes"))
            .collect();
        let manifest = files.manifest;
        let ng_chunks = manifest
            .chunks
            .iter()
            .filter(|c| c.starts_with("ng"))
            .count();
        assert!(ng_chunks > MAX_PREFIX_CHUNKS, "{:?}", manifest.chunks);
        let typing = Query::parse("duong ng");
        // Only the chunk of "duong" is fetched…
        let needed = typing.chunks_needed(&manifest);
        assert_eq!(needed, Query::parse("duong ").chunks_needed(&manifest));
        let loaded: Vec<&Chunk> = needed.iter().map(|i| &chunks[*i]).collect();
        // …and the articles of "duong" are the answer, naming "ng".
        let answer = typing.answer(&loaded, &manifest, |_| true, 10);
        assert_eq!(answer.left_out.map(|t| t.folded).as_deref(), Some("ng"));
        assert_eq!(answer.total, 2);
        // Alone, nothing is fetched and nothing found, naming it (the page
        // asks for more letters).
        let alone = Query::parse("ng");
        assert!(alone.chunks_needed(&manifest).is_empty());
        let answer = alone.answer(&[], &manifest, |_| true, 10);
        assert_eq!(answer.left_out.map(|t| t.folded).as_deref(), Some("ng"));
        assert_eq!(answer.total, 0);
        // After words nothing has, nothing found, and nothing left out.
        let hopeless = Query::parse("zzz ng").answer(&[], &manifest, |_| true, 10);
        assert_eq!((hopeless.total, hopeless.left_out), (0, None));
        // Typed on until it fits in the chunks a prefix may load, it counts.
        let narrowed = Query::parse("duong nghi");
        let loaded: Vec<&Chunk> = narrowed
            .chunks_needed(&manifest)
            .iter()
            .map(|i| &chunks[*i])
            .collect();
        let answer = narrowed.answer(&loaded, &manifest, |_| true, 10);
        assert_eq!((answer.left_out, answer.total), (None, 1));
    }

    #[test]
    fn filters_drop_articles() {
        let (chunks, manifest) = corpus();
        let query = Query::parse("duong ");
        let needed = needed_chunks(&query, &chunks, &manifest);
        let hits = query.rank(&needed, |doc| doc != 0);
        assert!(hits.iter().all(|h| h.doc != 0) && !hits.is_empty());
    }

    #[test]
    fn the_top_of_a_ranking_is_the_start_of_the_whole_ranking() {
        let (chunks, manifest) = corpus();
        let query = Query::parse("duong ");
        let needed = needed_chunks(&query, &chunks, &manifest);
        let all = query.rank(&needed, |_| true);
        assert_eq!(all.len(), 3);
        for limit in 0..=4 {
            let (total, top) = query.rank_top(&needed, |_| true, limit);
            assert_eq!(total, all.len());
            assert_eq!(top, all[..limit.min(all.len())]);
        }
    }

    #[test]
    fn phrases_match_word_for_word_without_diacritics() {
        let query = Query::parse("\"dai hoi dang\"");
        assert!(query.matches_phrases("Đại hội Đảng bộ."));
        assert!(!query.matches_phrases("Đảng bộ đại hội."));
        assert!(Query::parse("dai hoi").matches_phrases("anything"));
    }

    #[test]
    fn highlighting_marks_matched_words_only() {
        let query = Query::parse("duong ");
        let segments = query.highlight("Con đường, dương cầm.");
        let shown: Vec<(&str, bool)> = segments.iter().map(|s| (s.text.as_str(), s.hit)).collect();
        assert_eq!(
            shown,
            [
                ("Con ", false),
                ("đường", true),
                (", ", false),
                ("dương", true),
                (" cầm.", false)
            ]
        );
    }

    #[test]
    fn excerpts_centre_on_matches_and_mark_cuts() {
        let text = "một hai ba bốn năm sáu bảy tám chín mười đường mười một mười hai";
        let segments = Query::parse("duong ").excerpt(text, 6);
        let joined: String = segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, "… tám chín mười đường mười một …");
        assert!(segments.iter().any(|s| s.hit && s.text == "đường"));
        let short = Query::parse("x ").excerpt("ngắn gọn", 30);
        let joined: String = short.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, "ngắn gọn");
    }
}
