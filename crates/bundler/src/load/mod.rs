//! The first stage: a content folder read and checked into one
//! [`content::Content`] (site settings, articles, pages, media facts,
//! links), or every problem found, each at its `path:line:column`. Nothing
//! here writes a file.

mod articles;
pub mod content;
pub mod markdown;
pub mod media;
mod pages;
pub mod picture_plan;
mod site;
mod source;

use std::path::PathBuf;

/// Why a value an editor wrote cannot be used. It becomes a diagnostic
/// (`path:line:column: …`) at the line where the value was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// A site address that is not under `/media/`.
    #[error("{what} {src:?} must be a file under /media/ or an http(s) address")]
    NotInMedia { what: &'static str, src: String },
    /// A `/media/` address with `..` or an empty part.
    #[error("{what} {src:?} must not leave the media folder")]
    LeavesMedia { what: &'static str, src: String },
    /// A `/media/` address with no file behind it.
    #[error("{what} {src} does not exist: put it at {}", file.display())]
    Missing {
        what: &'static str,
        src: String,
        file: PathBuf,
    },
    /// A JPEG or PNG whose header does not read as one.
    #[error("picture {src} is not a readable {extension} file: {why}")]
    Unreadable {
        src: String,
        extension: String,
        why: String,
    },
    /// An attachment of a type readers cannot download by name.
    #[error("{href:?} is not a document readers can download: use one of {formats}")]
    NotADocument { href: String, formats: String },
    /// A video with both a file and a YouTube id, or neither.
    #[error("a video needs either a file (video = \"/media/….mp4\") or a YouTube id (youtube = \"…\"), not both")]
    VideoSource,
    /// A YouTube id that is not 11 letters, digits, `-` or `_`.
    #[error("{id:?} is not a YouTube video id (11 letters, digits, - or _)")]
    NotYoutubeId { id: String },
    /// A video file of a type browsers do not play.
    #[error("video {src:?} must be an .mp4, .webm, .ogv or .m4v file")]
    VideoFormat { src: String },
    /// A date that is not a day of the calendar.
    #[error("date {value}: {why}")]
    Date { value: String, why: String },
    /// A path a site cannot be served under.
    #[error("base path {path:?} {why}")]
    BasePath {
        /// The path as written (or as found in `base_url`).
        path: String,
        /// What is wrong with it.
        why: String,
    },
    /// A `base_url` a site cannot be served at.
    #[error("base_url {url:?} {why}")]
    BaseUrl { url: String, why: String },
    /// An expiry before the article was published.
    #[error("expires {expires} is before the article's date {published}")]
    ExpiresBeforeDate {
        expires: bantin_model::Date,
        published: bantin_model::Date,
    },
}
