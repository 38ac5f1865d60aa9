//! `bantin build`: the site made from a content folder.

use super::{default_content, print_warnings, problems, warning_count, Failure, Outcome};
use crate::{AppSource, BuildError, BuildOptions};
use std::path::PathBuf;

/// Validate the content and write the site to --out, swapped in only when
/// complete.
#[derive(clap::Args)]
pub(super) struct Args {
    /// The content folder (holds site.toml).
    #[arg(long, value_name = "DIR", default_value_os_t = default_content())]
    content: PathBuf,
    /// Where the site goes.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The built app's files (make app) to ship beside the data; by
    /// default the app this bantin carries (make dist), if it carries one.
    #[arg(long, value_name = "DIR")]
    app: Option<PathBuf>,
    /// Write just data/ and media/ into an existing folder.
    #[arg(long)]
    data_only: bool,
    /// Skip the .br and .gz copies (quicker, for a local look at a big
    /// archive).
    #[arg(long)]
    no_compress: bool,
}

pub(super) fn run(args: Args) -> Outcome {
    let options = BuildOptions {
        content: args.content,
        out: args.out.clone(),
        app: match args.app {
            Some(folder) => Some(AppSource::Folder(folder)),
            None => crate::carried_app::is_carried().then_some(AppSource::Carried),
        },
        data_only: args.data_only,
        no_compress: args.no_compress,
    };
    let report = crate::build(&options).map_err(|e| match e {
        BuildError::Content(found) => problems(&found),
        other => Failure::failed(other.to_string()),
    })?;
    print_warnings(&report.warnings);
    let (pictures, made) = (report.pictures, report.pages);
    let pages = made_or_taken("pages", made.rendered, "rendered", made.reused, "unchanged");
    let pictures = made_or_taken(
        "picture copies",
        pictures.encoded,
        "made",
        pictures.reused,
        "reused",
    );
    Ok(format!(
        "{}: {} articles, {} data files{pages}{pictures}{}",
        args.out.display(),
        report.articles,
        report.data_files,
        warning_count(&report.warnings)
    ))
}

/// ", 12 pages (2 rendered, 10 unchanged)": what a build made of a kind
/// of file and what it took from the site it replaced; nothing when none.
fn made_or_taken(what: &str, made: usize, made_as: &str, taken: usize, taken_as: &str) -> String {
    if made + taken == 0 {
        return String::new();
    }
    format!(
        ", {} {what} ({made} {made_as}, {taken} {taken_as})",
        made + taken
    )
}
