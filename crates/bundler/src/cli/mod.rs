//! `bantin`, the editors' and operators' command line: one [`Command`]
//! per verb, each in its own file, each returning what to print or a
//! [`Failure`] with its exit code (1: the work failed; 2: the command was
//! asked wrongly, as clap's own usage errors).

mod build;
mod check;
mod embed;
mod gen_corpus;
mod import;
mod init;
mod new;
mod serve;

use crate::diagnostic::{Diagnostic, Severity};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Turns a content folder into a portal any static CDN can serve.
#[derive(Parser)]
#[command(name = "bantin")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// What `bantin` can be asked to do.
#[derive(Subcommand)]
enum Command {
    Build(build::Args),
    Serve(serve::Args),
    Check(check::Args),
    Init(init::Args),
    New(new::Args),
    Import(import::Args),
    GenCorpus(gen_corpus::Args),
    Embed(embed::Args),
}

/// Why a command stopped: the message for standard error and the exit code.
pub(crate) struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    /// The work failed (bad content, a file that cannot be written).
    fn failed(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 1,
        }
    }

    /// The command was asked wrongly.
    fn usage(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}

/// What a command prints on standard output when it succeeds.
type Outcome = Result<String, Failure>;

/// Runs the command line of this process.
pub fn main() -> ExitCode {
    // The app is looked for only when the version is asked for; clap
    // keeps the text for the life of the process.
    let asked = std::env::args().any(|arg| arg == "--version" || arg == "-V");
    let version: &'static str = if asked {
        Box::leak(version().into_boxed_str())
    } else {
        env!("CARGO_PKG_VERSION")
    };
    let command = Cli::command().version(version);
    let cli = Cli::from_arg_matches(&command.get_matches()).unwrap_or_else(|e| e.exit());
    let outcome = match cli.command {
        Command::Build(args) => build::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Check(args) => check::run(args),
        Command::Init(args) => init::run(args),
        Command::New(args) => new::run(args),
        Command::Import(args) => import::run(args),
        Command::GenCorpus(args) => gen_corpus::run(args),
        Command::Embed(args) => embed::run(args),
    };
    match outcome {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("{}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

/// The content folder a command reads when none is named.
fn default_content() -> PathBuf {
    PathBuf::from("content")
}

/// Content problems, one `path:line:column: message` a line, and how
/// many errors stopped the command.
fn problems(problems: &[Diagnostic]) -> Failure {
    let mut text: String = problems.iter().map(|p| format!("{p}\n")).collect();
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    text.push_str(&format!("{errors} problem(s); nothing was written"));
    Failure::failed(text)
}

fn print_warnings(warnings: &[Diagnostic]) {
    for warning in warnings {
        eprintln!("{warning}");
    }
}

/// ", 2 warning(s)" after a summary; nothing without warnings.
fn warning_count(warnings: &[Diagnostic]) -> String {
    if warnings.is_empty() {
        String::new()
    } else {
        format!(", {} warning(s)", warnings.len())
    }
}

/// Writes a file, refusing to replace one an editor already has.
fn write_new(path: &Path, text: &str) -> Result<(), Failure> {
    if path.exists() {
        return Err(Failure::failed(format!(
            "{}: already exists; nothing was written",
            path.display()
        )));
    }
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|e| Failure::failed(format!("{}: {e}", folder.display())))?;
    }
    std::fs::write(path, text).map_err(|e| Failure::failed(format!("{}: {e}", path.display())))
}

/// `bantin --version`: this program's version and the app it carries.
fn version() -> String {
    let carried = match crate::carried_app::carried() {
        Ok(Some(files)) => format!("carries the app {}", app_name(&files)),
        Ok(None) => "carries no app: bantin build needs --app DIR".into(),
        Err(e) => format!("the app it carries cannot be read: {e}"),
    };
    format!("{} ({carried})", env!("CARGO_PKG_VERSION"))
}

/// An app by its WASM file, which Trunk names after its content.
fn app_name(files: &[crate::files::OutputFile]) -> String {
    files
        .iter()
        .map(|f| f.path.as_str())
        .find(|path| path.starts_with("bantin-web-") && path.ends_with("_bg.wasm"))
        .unwrap_or("without its WASM")
        .to_string()
}

/// `1234567` as `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
