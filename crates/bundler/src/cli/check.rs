//! `bantin check`: the content read and checked, nothing written.

use super::{default_content, print_warnings, problems, warning_count, Outcome};
use std::path::PathBuf;

/// Validate a content folder only; every problem is printed as
/// path:line:column: message.
#[derive(clap::Args)]
pub(super) struct Args {
    /// The content folder (holds site.toml).
    #[arg(long, value_name = "DIR", default_value_os_t = default_content())]
    content: PathBuf,
}

pub(super) fn run(args: Args) -> Outcome {
    let loaded = crate::check(&args.content).map_err(|found| problems(&found))?;
    print_warnings(&loaded.warnings);
    Ok(format!(
        "{}: {} articles, no problems{}",
        args.content.display(),
        loaded.articles.len(),
        warning_count(&loaded.warnings)
    ))
}
