//! `bantin embed`: one `bantin` that carries the app (what `make dist`
//! runs), so operators build sites with no developer tools.

use super::{Failure, Outcome};
use std::path::PathBuf;

/// Write a copy of this bantin carrying the app's files (Trunk's output),
/// which `bantin build` then uses when no --app is given.
#[derive(clap::Args)]
pub(super) struct Args {
    /// The built app (make app).
    #[arg(long, value_name = "DIR")]
    app: PathBuf,
    /// The program to write.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

pub(super) fn run(args: Args) -> Outcome {
    let app = args.app.display();
    if !args.app.join("index.html").is_file() {
        return Err(Failure::failed(format!(
            "{app}: no index.html: build the app first (make app)"
        )));
    }
    let files = crate::make::app_files::raw(&args.app)
        .map_err(|e| Failure::failed(format!("{app}: {e}")))?;
    let program =
        std::env::current_exe().map_err(|e| Failure::failed(format!("this program: {e}")))?;
    let size = crate::carried_app::write_carrying(&program, &files, &args.out)
        .map_err(|e| Failure::failed(format!("{}: {e}", args.out.display())))?;
    Ok(format!(
        "{}: {} bytes ({:.1} MB), carrying {} ({} files)",
        args.out.display(),
        super::thousands(size),
        size as f64 / 1_048_576.0,
        super::app_name(&files),
        files.len()
    ))
}
