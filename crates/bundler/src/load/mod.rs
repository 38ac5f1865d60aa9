//! The first stage: a content folder read and checked into one
//! [`content::Content`] (site settings, articles, pages, media facts,
//! links), or every problem found, each at its `path:line:column`. Nothing
//! here writes a file.

pub mod content;
pub mod markdown;
pub mod media;
pub mod picture_plan;
