//! The `bantin` bundler: turns a content folder (Markdown with TOML front
//! matter, plus `site.toml`) into the JSON bundles the app reads, and with
//! the app's files into a folder any static CDN can serve.

pub(crate) mod authoring;
mod build;
pub(crate) mod carried_app;
pub mod cli;
pub(crate) mod clock;
pub(crate) mod cores;
pub mod diagnostic;
pub(crate) mod files;
pub mod load;
pub mod make;
pub mod preview;
pub(crate) mod publish;
#[cfg(test)]
mod test_folder;

pub use build::{build, check, AppSource, BuildError, BuildOptions, BuildReport, PagesMade};
