//! `bantin serve`: the site as readers will see it, kept up to date while
//! the editor writes.

use super::{default_content, problems, Failure, Outcome};
use crate::preview::{Preview, PreviewError, PreviewOptions};
use crate::{AppSource, BuildError};
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

/// Serve the site from memory at http://127.0.0.1:PORT, remade on every
/// save; open tabs reload, content errors show over the page.
#[derive(clap::Args)]
pub(super) struct Args {
    /// The content folder (holds site.toml).
    #[arg(long, value_name = "DIR", default_value_os_t = default_content())]
    content: PathBuf,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// The address to listen on. Anything but the loopback address lets
    /// other machines see unpublished content.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    host: IpAddr,
    /// Open the preview in the system's browser.
    #[arg(long)]
    open: bool,
    /// The built app's files (make app); by default the app this bantin
    /// carries (make dist).
    #[arg(long, value_name = "DIR")]
    app: Option<PathBuf>,
}

pub(super) fn run(args: Args) -> Outcome {
    if !args.host.is_loopback() {
        eprintln!(
            "warning: listening on {}: other machines can read this unpublished content",
            args.host
        );
    }
    let options = PreviewOptions {
        content: args.content,
        app: match args.app {
            Some(folder) => AppSource::Folder(folder),
            None => AppSource::Carried,
        },
        host: args.host,
        port: args.port,
    };
    let preview = Preview::start(&options).map_err(|e| match e {
        PreviewError::Build(BuildError::Content(found)) => problems(&found),
        other => Failure::failed(other.to_string()),
    })?;
    // Told at once (a test or a script waits for this line).
    println!("serving {} (Ctrl-C stops)", preview.url);
    if args.open {
        let _ = std::process::Command::new("xdg-open")
            .arg(&preview.url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
    }
    preview.run().map_err(|e| Failure::failed(e.to_string()))?;
    Ok(String::new())
}
