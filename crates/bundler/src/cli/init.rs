//! `bantin init`: a new portal to start from.

use super::{Failure, Outcome};
use std::path::PathBuf;

/// Start a new portal in DIR (new or empty): site.toml with every setting
/// explained, one article, one page and the media folder.
#[derive(clap::Args)]
pub(super) struct Args {
    /// The folder to make (it must not exist yet, or be empty).
    folder: PathBuf,
}

pub(super) fn run(args: Args) -> Outcome {
    let today =
        crate::clock::today().ok_or_else(|| Failure::failed("the system clock is before 1970"))?;
    let written = crate::authoring::init::init(&args.folder, today)
        .map_err(|e| Failure::failed(e.to_string()))?;
    let folder = args.folder.display();
    Ok(format!(
        "{folder}: a new portal ({} files); edit site.toml, then: bantin check --content {folder}",
        written.len()
    ))
}
