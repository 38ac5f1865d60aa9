//! The one error type of the app. Every failure a reader can meet ends up
//! here and is shown by the one error view (`components::error_view`).

use bantin_model::json::{Fields, FromJson, Json, JsonError};
use serde::Serialize;

/// Why a piece of the portal could not be shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
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

/// As serde writes it (a prerendered page that failed carries its error
/// to the app in that form; see `api::BundleCodec`).
impl FromJson for AppError {
    fn from_json(value: Json) -> Result<AppError, JsonError> {
        Ok(match value.variant()? {
            (name, None) if name == "NotFound" => AppError::NotFound,
            (name, None) if name == "TimedOut" => AppError::TimedOut,
            (name, None) if name == "SearchUnavailable" => AppError::SearchUnavailable,
            (name, Some(inner)) if name == "Network" => {
                AppError::Network(String::from_json(inner)?)
            }
            (name, Some(inner)) if name == "Server" => AppError::Server(u16::from_json(inner)?),
            (name, Some(inner)) if name == "Malformed" => {
                AppError::Malformed(String::from_json(inner)?)
            }
            (name, Some(inner)) if name == "SchemaMismatch" => {
                let mut f = Fields::of(inner)?;
                AppError::SchemaMismatch {
                    found: f.take("found")?,
                    expected: f.take("expected")?,
                }
            }
            (name, _) => return Err(JsonError::new(format!("unknown error `{name}`"))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_reads_back_as_the_renderer_wrote_it() -> Result<(), Box<dyn std::error::Error>> {
        for error in [
            AppError::NotFound,
            AppError::Network("offline".into()),
            AppError::TimedOut,
            AppError::Server(503),
            AppError::Malformed("line 1, column 2: expected a value".into()),
            AppError::SchemaMismatch {
                found: 2,
                expected: 1,
            },
            AppError::SearchUnavailable,
        ] {
            let written = serde_json::to_string(&Err::<u32, _>(error.clone()))?;
            let read: Result<u32, AppError> = bantin_model::json::from_str(&written)?;
            assert_eq!(read, Err(error));
        }
        Ok(())
    }
}
