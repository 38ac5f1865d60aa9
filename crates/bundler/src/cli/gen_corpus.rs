//! `bantin gen-corpus`: a generated content folder for benchmarks.

use super::{Failure, Outcome};
use std::path::PathBuf;

/// Write a deterministic content folder of N generated articles (for
/// benchmarks and scale tests).
#[derive(clap::Args)]
pub(super) struct Args {
    /// How many articles.
    #[arg(long, value_name = "N")]
    articles: usize,
    /// The same seed gives the same folder.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// The folder to write.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

pub(super) fn run(args: Args) -> Outcome {
    crate::authoring::corpus::generate(args.articles, args.seed, &args.out)
        .map(|()| format!("{}: {} articles", args.out.display(), args.articles))
        .map_err(|e| Failure::failed(format!("{}: {e}", args.out.display())))
}
