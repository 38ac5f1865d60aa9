//! The one error type of the app. Every failure a reader can meet ends up
//! here and is shown by the one error view (`components::error_view`).

use serde::{Deserialize, Serialize};

/// Why a piece of the portal could not be shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The page or bundle does not exist (HTTP 404, or a CDN answering a
    /// missing file with its HTML fallback page).
    #[error("not found")]
    NotFound,
    /// The request never got an answer: offline, DNS, refused.
    #[error("network error: {0}")]
    Network(String),
    /// No answer within [`crate::api::TIMEOUT_MS`]: a reader on a stalled
    /// connection gets a message and a retry instead of an endless spinner.
    #[error("no answer in time")]
    TimedOut,
    /// The server answered with an error status.
    #[error("server error {0}")]
    Server(u16),
    /// The answer arrived but is not a bundle of the expected shape.
    #[error("malformed data: {0}")]
    Malformed(String),
    /// The bundle was written for another major version of the format:
    /// the site was rebuilt and this copy of the app is out of date.
    #[error("bundle schema {found}, app understands {expected}")]
    SchemaMismatch {
        /// The version the bundle carries.
        found: u32,
        /// The version this app reads.
        expected: u32,
    },
    /// The search worker could not start (its files did not load) or
    /// died: the search area says so and offers a retry, which starts a
    /// new one.
    #[error("the search worker is not running")]
    SearchUnavailable,
}
