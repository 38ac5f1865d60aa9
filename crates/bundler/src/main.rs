//! `bantin`: the editors' command line.

use bantin_bundler::{build, check, BuildError, BuildOptions};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  bantin build --content DIR --out DIR [--app DIR] [--data-only]
      Validate DIR's content and write the site to --out (swapped in only when
      complete). --app adds the built app's files; --data-only writes just
      data/ and media/ into an existing folder.
  bantin check --content DIR
      Validate only; every problem is printed as path:line: message.
  bantin gen-corpus --articles N [--seed S] --out DIR
      Write a deterministic content folder of N generated articles (for
      benchmarks and scale tests).";

struct Args {
    command: String,
    content: Option<PathBuf>,
    out: Option<PathBuf>,
    app: Option<PathBuf>,
    data_only: bool,
    articles: usize,
    seed: u64,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let command = args.next().ok_or("no command given")?;
    let mut parsed = Args {
        command,
        content: None,
        out: None,
        app: None,
        data_only: false,
        articles: 0,
        seed: 1,
    };
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .map(PathBuf::from)
                .ok_or(format!("{flag} needs a folder"))
        };
        match flag.as_str() {
            "--content" => parsed.content = Some(value()?),
            "--out" => parsed.out = Some(value()?),
            "--app" => parsed.app = Some(value()?),
            "--data-only" => parsed.data_only = true,
            "--articles" => {
                let text = args.next().ok_or("--articles needs a number")?;
                parsed.articles = text
                    .parse()
                    .map_err(|_| format!("--articles {text}: not a number"))?;
            }
            "--seed" => {
                let text = args.next().ok_or("--seed needs a number")?;
                parsed.seed = text
                    .parse()
                    .map_err(|_| format!("--seed {text}: not a number"))?;
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(parsed)
}

fn run(args: Args) -> Result<String, (String, u8)> {
    let content = args.content.unwrap_or_else(|| PathBuf::from("content"));
    let report_problems = |problems: Vec<bantin_bundler::diagnostic::Diagnostic>| {
        let mut text: String = problems.iter().map(|p| format!("{p}\n")).collect();
        text.push_str(&format!(
            "{} problem(s); nothing was written",
            problems.len()
        ));
        (text, 1)
    };
    match args.command.as_str() {
        "check" => check(&content)
            .map(|c| {
                format!(
                    "{}: {} articles, no problems",
                    content.display(),
                    c.articles.len()
                )
            })
            .map_err(report_problems),
        "build" => {
            let out = args.out.ok_or(("build needs --out DIR".to_string(), 2))?;
            let options = BuildOptions {
                content,
                out: out.clone(),
                app: args.app,
                data_only: args.data_only,
            };
            match build(&options) {
                Ok(report) => Ok(format!(
                    "{}: {} articles, {} data files",
                    out.display(),
                    report.articles,
                    report.data_files
                )),
                Err(BuildError::Content(problems)) => Err(report_problems(problems)),
                Err(BuildError::Output(why)) => Err((why, 1)),
            }
        }
        "gen-corpus" => {
            let out = args
                .out
                .ok_or(("gen-corpus needs --out DIR".to_string(), 2))?;
            bantin_bundler::corpus::generate(args.articles, args.seed, &out)
                .map(|()| format!("{}: {} articles", out.display(), args.articles))
                .map_err(|e| (format!("{}: {e}", out.display()), 1))
        }
        other => Err((format!("unknown command {other}\n{USAGE}"), 2)),
    }
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(why) => {
            if !why.is_empty() {
                eprintln!("bantin: {why}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err((why, code)) => {
            eprintln!("{why}");
            ExitCode::from(code)
        }
    }
}
