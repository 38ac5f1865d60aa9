//! What the app and the search worker say to each other. Messages travel
//! as JSON text through `postMessage`; each carries [`MESSAGE_VERSION`], so
//! an app and a worker of two builds (a reader's tab left open across a
//! deployment) refuse each other's words instead of misreading them.

use super::{SearchOutcome, SearchRequest};
use crate::json::{self, FromJson, JsonError};
use serde::Serialize;

/// The version of the messages below; raised whenever their meaning
/// changes.
pub const MESSAGE_VERSION: u32 = 1;

/// A message from the app to the worker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToWorker {
    /// [`MESSAGE_VERSION`] of the sender.
    pub v: u32,
    /// The app's number for this search; the answer carries it back. A
    /// newer number replaces every search before it.
    pub id: u64,
    /// What the app wants.
    pub ask: Ask,
}

/// What the app asks the worker.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ask {
    /// Run this search, stopping the one before it.
    Search(SearchRequest),
    /// Run the search an address's query string holds (`?q=…`): what the
    /// page's loader asks before the app runs, so a search page opened cold
    /// finds its results while the app is still on its way.
    Address(String),
    /// Stop the search under way (the reader left the search page).
    Stop,
}

/// A message from the worker to the app.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FromWorker {
    /// [`MESSAGE_VERSION`] of the sender.
    pub v: u32,
    /// The number of the search this answers.
    pub id: u64,
    /// How it ended.
    pub reply: Reply,
}

/// How a search ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reply {
    /// The results, ready to draw.
    Found(SearchOutcome),
    /// A search file could not be had; the app shows why, with a retry.
    Failed(SearchFailure),
}

/// Why a search file could not be had: the same cases as the app's own
/// fetch errors, so the reader reads the same message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SearchFailure {
    /// HTTP 404, or a CDN's HTML fallback where a file should be.
    NotFound,
    /// No answer at all: offline, refused.
    Network(String),
    /// No answer in time.
    TimedOut,
    /// An error status.
    Server(u16),
    /// A file that is not what it should be.
    Malformed(String),
    /// A file written for another format version (the site was rebuilt).
    Newer {
        /// The version the file carries.
        found: u32,
        /// The version this worker reads.
        expected: u32,
    },
}

/// Why a message was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageError {
    /// Sent by an app or worker of another build.
    Version(u32),
    /// Not a message at all.
    Malformed(String),
}

impl std::fmt::Display for MessageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MessageError::Version(found) => write!(
                f,
                "search message version {found}, this build speaks {MESSAGE_VERSION}"
            ),
            MessageError::Malformed(why) => write!(f, "unreadable search message: {why}"),
        }
    }
}

impl std::error::Error for MessageError {}

/// Reads a message, refusing one of another version before reading the
/// rest (whose shape may have changed).
fn decode<T: FromJson>(text: &str) -> Result<T, MessageError> {
    let unreadable = |e: JsonError| MessageError::Malformed(e.to_string());
    let value = json::parse(text).map_err(unreadable)?;
    match value.whole_member("v") {
        Some(v) if v == u64::from(MESSAGE_VERSION) => {}
        Some(v) => return Err(MessageError::Version(u32::try_from(v).unwrap_or(u32::MAX))),
        None => return Err(MessageError::Malformed("no version `v`".into())),
    }
    T::from_json(value).map_err(unreadable)
}

fn encode<T: Serialize>(message: &T) -> String {
    // Only strings, numbers and lists: writing them to a string cannot fail.
    serde_json::to_string(message).unwrap_or_default()
}

impl ToWorker {
    /// A message of this build's version.
    pub fn new(id: u64, ask: Ask) -> ToWorker {
        ToWorker {
            v: MESSAGE_VERSION,
            id,
            ask,
        }
    }

    /// The message as sent: the same text serde_json writes, written by
    /// hand, since the app sends nothing else and a JSON writer would be
    /// most of what its WASM holds of serde_json.
    pub fn encode(&self) -> String {
        let q = json::quote;
        let date = |d: Option<crate::Date>| d.map_or("null".to_string(), |d| format!("\"{d}\""));
        let ask = match &self.ask {
            Ask::Search(r) => format!(
                r#"{{"search":{{"text":{},"category":{},"from":{},"to":{},"page":{}}}}}"#,
                q(&r.text),
                q(&r.category),
                date(r.from),
                date(r.to),
                r.page
            ),
            Ask::Address(address) => format!(r#"{{"address":{}}}"#, q(address)),
            Ask::Stop => r#""stop""#.to_string(),
        };
        format!(r#"{{"v":{},"id":{},"ask":{ask}}}"#, self.v, self.id)
    }

    /// A message as received.
    pub fn decode(text: &str) -> Result<ToWorker, MessageError> {
        decode(text)
    }
}

impl FromWorker {
    /// A message of this build's version.
    pub fn new(id: u64, reply: Reply) -> FromWorker {
        FromWorker {
            v: MESSAGE_VERSION,
            id,
            reply,
        }
    }

    /// The message as sent.
    pub fn encode(&self) -> String {
        encode(self)
    }

    /// A message as received.
    pub fn decode(text: &str) -> Result<FromWorker, MessageError> {
        decode(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{SearchResult, Segment};
    use crate::{CategoryRef, Date};

    fn outcome() -> Result<SearchOutcome, crate::DateError> {
        Ok(SearchOutcome {
            total: 11,
            results: vec![SearchResult {
                title: vec![
                    Segment {
                        text: "Đường".into(),
                        hit: true,
                    },
                    Segment {
                        text: " mới <b>".into(),
                        hit: false,
                    },
                ],
                excerpt: Vec::new(),
                href: "/tin-tuc/duong-moi".into(),
                date: Date::parse("2022-06-28")?,
                category: CategoryRef {
                    slug: "tin-tuc".into(),
                    name: "Tin tức".into(),
                },
            }],
            left_out: Some("g".into()),
            total_pages: 2,
            categories: Vec::new(),
            elapsed_us: 12_500,
            phases_us: [1_000, 2_000, 3_000, 6_500],
        })
    }

    #[test]
    fn every_message_reads_back_as_it_was_sent() -> Result<(), Box<dyn std::error::Error>> {
        let asks = [
            Ask::Search(SearchRequest {
                text: "đường \"phụ nữ\"".into(),
                category: "tin-tuc".into(),
                from: Some(Date::parse("2022-01-01")?),
                to: None,
                page: 3,
            }),
            Ask::Address("?q=phu+nu".into()),
            Ask::Stop,
        ];
        for (id, ask) in asks.into_iter().enumerate() {
            let sent = ToWorker::new(id as u64, ask);
            assert_eq!(
                sent.encode(),
                encode(&sent),
                "written by hand as serde does"
            );
            assert_eq!(ToWorker::decode(&sent.encode())?, sent);
        }
        let replies = [
            Reply::Found(outcome()?),
            Reply::Failed(SearchFailure::NotFound),
            Reply::Failed(SearchFailure::Server(503)),
            Reply::Failed(SearchFailure::TimedOut),
            Reply::Failed(SearchFailure::Network("offline".into())),
            Reply::Failed(SearchFailure::Malformed("line 1, column 2".into())),
            Reply::Failed(SearchFailure::Newer {
                found: 2,
                expected: 1,
            }),
        ];
        for reply in replies {
            let sent = FromWorker::new(7, reply);
            assert_eq!(FromWorker::decode(&sent.encode())?, sent);
        }
        Ok(())
    }

    #[test]
    fn a_message_of_another_version_is_refused_unread() {
        // Its shape may have changed: only the version is read.
        let newer = r#"{"v": 2, "id": 1, "ask": {"whatever": true}}"#;
        assert_eq!(ToWorker::decode(newer), Err(MessageError::Version(2)));
        let older = r#"{"v": 0, "id": 1, "reply": "found"}"#;
        assert_eq!(FromWorker::decode(older), Err(MessageError::Version(0)));
        assert!(MessageError::Version(2).to_string().contains("version 2"));
    }

    #[test]
    fn garbage_is_refused_as_unreadable() {
        for text in [
            "",
            "null",
            "{\"v\": 1}",
            "{\"v\": 1, \"id\": -1, \"ask\": \"stop\"}",
        ] {
            assert!(
                matches!(ToWorker::decode(text), Err(MessageError::Malformed(_))),
                "{text}"
            );
        }
    }
}
