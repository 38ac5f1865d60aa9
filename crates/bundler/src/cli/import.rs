//! `bantin import`: a text export of an old portal page as a content file.

use super::{write_new, Failure, Outcome};
use crate::authoring::import::{import, report, ImportOptions};
use std::path::PathBuf;

/// Turn a text export of an old portal page into a content file (printed,
/// or written into --out); what was recognised goes to standard error.
#[derive(clap::Args)]
pub(super) struct Args {
    /// The exported page, as text.
    file: PathBuf,
    /// The folder to write the content file into (else it is printed).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// The article's category slug (tin-tuc when not given).
    #[arg(long, value_name = "SLUG")]
    category: Option<String>,
    /// The publication date, when the page does not say it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
}

pub(super) fn run(args: Args) -> Outcome {
    let date =
        match &args.date {
            Some(text) => Some(bantin_model::Date::parse(text).map_err(|e| {
                Failure::usage(format!("--date {text}: {e}, write it as 2022-06-28"))
            })?),
            None => None,
        };
    let file = args.file.display();
    let text =
        std::fs::read_to_string(&args.file).map_err(|e| Failure::failed(format!("{file}: {e}")))?;
    let options = ImportOptions {
        category: args.category.clone(),
        date,
    };
    let imported =
        import(&text, &options).map_err(|why| Failure::failed(format!("{file}: {why}")))?;
    eprint!("{}", report(&imported));
    match &args.out {
        Some(folder) => {
            let path = folder.join(format!("{}.md", imported.slug));
            write_new(&path, &imported.file)?;
            Ok(format!("{}: written", path.display()))
        }
        None => Ok(imported.file.trim_end().to_string()),
    }
}
