//! A search as the reader asks it (the `/tim-kiem` address) and as it is
//! answered (results ready to draw). The app reads and writes the address;
//! the search worker takes the request and gives the outcome back, so both
//! sides use these types.

use super::{DocTable, SearchManifest, Segment};
use crate::routes::{self, encode_component};
use crate::{CategoryRef, Date};
use serde::Serialize;

/// Results per page.
pub const PAGE_SIZE: usize = 10;

/// A search as the address holds it: `/tim-kiem?q=…&chuyen-muc=…&tu=…&den=…&trang=…`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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

    /// Reads a request from an address's query string (`?q=phu+nu&trang=2`),
    /// as a browser sends a form: the search worker starts the search of a
    /// page opened cold before the app has read the address itself.
    pub fn from_query_string(query: &str) -> SearchRequest {
        let pairs: Vec<(String, String)> = query
            .trim_start_matches('?')
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                (decode_component(name), decode_component(value))
            })
            .collect();
        SearchRequest::from_params(|name| {
            pairs
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        })
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

/// Undoes form encoding: `+` is a space, `%XX` a byte; bytes that do not
/// make UTF-8 become U+FFFD rather than an error.
fn decode_component(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        let hex = |i: usize| bytes.get(i).and_then(|b| char::from(*b).to_digit(16));
        match byte {
            b'+' => out.push(b' '),
            b'%' => match (hex(at + 1), hex(at + 2)) {
                (Some(high), Some(low)) => {
                    out.push((high * 16 + low) as u8);
                    at += 2;
                }
                _ => out.push(byte),
            },
            _ => out.push(byte),
        }
        at += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

/// The answer to a request, ready to draw.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// Time from request to results, in microseconds: in the worker, then
    /// the whole round trip once the app has it (shown to benchmarks in
    /// milliseconds as `data-elapsed-ms`). Whole numbers: writing a float
    /// would bring float formatting into the worker's WASM.
    pub elapsed_us: u64,
    /// Where that time went: index files (manifest, chunks, document
    /// table), ranking, the results' texts fetched (and checked against
    /// quoted phrases), and their titles and excerpts highlighted, for
    /// benchmarks (`data-phases-ms`), in microseconds.
    pub phases_us: [u64; 4],
}

impl SearchOutcome {
    /// The results' titles as they read, marks left out.
    pub fn titles(&self) -> Vec<String> {
        self.results
            .iter()
            .map(|result| super::Segment::unmarked(&result.title))
            .collect()
    }
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
        let href = request.href();
        assert_eq!(
            href,
            "/tim-kiem?q=%C4%91%C6%B0%E1%BB%9Dng%20%26%20%22ph%E1%BB%A5%20n%E1%BB%AF%22\
             &chuyen-muc=tin-tuc&tu=2022-01-01&den=2022-12-31&trang=2"
        );
        assert!(!request.with_page(1).href().contains("trang"));
        // What the address says is what the worker reads from it.
        let query = href.split_once('?').map_or("", |(_, q)| q);
        assert_eq!(SearchRequest::from_query_string(query), request);
    }

    #[test]
    fn a_form_address_reads_as_the_browser_sent_it() {
        let request = SearchRequest::from_query_string("?q=ph%E1%BB%A5+n%E1%BB%AF&trang=x&tu=");
        assert_eq!(request.text, "phụ nữ");
        assert_eq!(request.page, 1);
        assert_eq!(request.from, None);
        // Broken escapes and bytes that are not UTF-8 do not fail the search.
        assert_eq!(
            SearchRequest::from_query_string("q=50%+%FF").text,
            "50% \u{fffd}"
        );
        assert_eq!(SearchRequest::from_query_string("").text, "");
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
    fn filters_keep_the_category_and_the_date_range() -> Result<(), crate::DateError> {
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
            supplement: None,
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
