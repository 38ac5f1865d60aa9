//! `bantin new`: a new content file for an editor to fill in.

use super::{default_content, write_new, Failure, Outcome};
use crate::authoring::new_file::{new_file, Kind};
use std::path::PathBuf;

/// Write a new content file named from the title, dated today.
#[derive(clap::Args)]
pub(super) struct Args {
    /// article, announcement, document, video or page.
    kind: String,
    /// The title, in Vietnamese ("Tiêu đề").
    title: String,
    /// The content folder the file goes into.
    #[arg(long, value_name = "DIR", default_value_os_t = default_content())]
    content: PathBuf,
}

pub(super) fn run(args: Args) -> Outcome {
    let kind = Kind::named(&args.kind).ok_or_else(|| {
        Failure::usage(format!(
            "unknown kind {:?}: article, announcement, document, video or page",
            args.kind
        ))
    })?;
    let date =
        crate::clock::today().ok_or_else(|| Failure::failed("the system clock is before 1970"))?;
    let (path, text) = new_file(kind, &args.title, &args.content, date)
        .map_err(|e| Failure::failed(e.to_string()))?;
    write_new(&path, &text)?;
    Ok(format!(
        "{}: written; fill it in, then run bantin check",
        path.display()
    ))
}
