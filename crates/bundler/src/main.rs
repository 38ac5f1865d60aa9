//! `bantin`: the editors' command line.

use bantin_bundler::diagnostic::{Diagnostic, Severity};
use bantin_bundler::{build, check, BuildError, BuildOptions};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: a build makes and frees
/// millions of small strings (parsed articles, words, file names), and the
/// system allocator spent a seventh of a rebuild's time on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage:
  bantin build --content DIR --out DIR [--app DIR] [--data-only] [--no-compress]
      Validate DIR's content and write the site to --out (swapped in only when
      complete). --app adds the built app's files; --data-only writes just
      data/ and media/ into an existing folder; --no-compress skips the .br
      and .gz copies (quicker, for a local look at a big archive).
  bantin check --content DIR
      Validate only; every problem is printed as path:line: message.
  bantin new KIND \"Tiêu đề\" [--content DIR]
      Write a new content file named from the title (KIND: article,
      announcement, document, video or page), dated today, into DIR.
  bantin import FILE [--out DIR] [--category SLUG] [--date YYYY-MM-DD]
      Turn a text export of an old portal page into a content file (printed,
      or written into DIR); what was recognised, footer fields included,
      goes to standard error.
  bantin gen-corpus --articles N [--seed S] --out DIR
      Write a deterministic content folder of N generated articles (for
      benchmarks and scale tests).";

struct Args {
    command: String,
    content: Option<PathBuf>,
    out: Option<PathBuf>,
    app: Option<PathBuf>,
    data_only: bool,
    no_compress: bool,
    articles: usize,
    seed: u64,
    /// Words after the command that are not options (kind and title, or a file).
    words: Vec<String>,
    category: Option<String>,
    date: Option<String>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let command = args.next().ok_or("no command given")?;
    let mut parsed = Args {
        command,
        content: None,
        out: None,
        app: None,
        data_only: false,
        no_compress: false,
        articles: 0,
        seed: 1,
        words: Vec::new(),
        category: None,
        date: None,
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
            "--no-compress" => parsed.no_compress = true,
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
            "--category" => parsed.category = Some(args.next().ok_or("--category needs a slug")?),
            "--date" => parsed.date = Some(args.next().ok_or("--date needs a date")?),
            "-h" | "--help" => return Err(String::new()),
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            word => parsed.words.push(word.to_string()),
        }
    }
    Ok(parsed)
}

fn run(args: Args) -> Result<String, (String, u8)> {
    let content = args
        .content
        .clone()
        .unwrap_or_else(|| PathBuf::from("content"));
    let report_problems = |problems: Vec<Diagnostic>| {
        let mut text: String = problems.iter().map(|p| format!("{p}\n")).collect();
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        text.push_str(&format!("{errors} problem(s); nothing was written"));
        (text, 1)
    };
    match args.command.as_str() {
        "check" => check(&content)
            .map(|c| {
                print_warnings(&c.warnings);
                format!(
                    "{}: {} articles, no problems{}",
                    content.display(),
                    c.articles.len(),
                    warning_count(&c.warnings)
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
                no_compress: args.no_compress,
            };
            match build(&options) {
                Ok(report) => {
                    print_warnings(&report.warnings);
                    let (pictures, made) = (report.pictures, report.pages);
                    let pages =
                        made_or_taken("pages", made.rendered, "rendered", made.reused, "unchanged");
                    let pictures = made_or_taken(
                        "picture copies",
                        pictures.encoded,
                        "made",
                        pictures.reused,
                        "reused",
                    );
                    Ok(format!(
                        "{}: {} articles, {} data files{pages}{pictures}{}",
                        out.display(),
                        report.articles,
                        report.data_files,
                        warning_count(&report.warnings)
                    ))
                }
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
        "new" => new_content_file(&args.words, &content),
        "import" => import_page(&args),
        other => Err((format!("unknown command {other}\n{USAGE}"), 2)),
    }
}

fn print_warnings(warnings: &[Diagnostic]) {
    for warning in warnings {
        eprintln!("{warning}");
    }
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

fn warning_count(warnings: &[Diagnostic]) -> String {
    if warnings.is_empty() {
        String::new()
    } else {
        format!(", {} warning(s)", warnings.len())
    }
}

/// Writes a file, refusing to replace one an editor already has.
fn write_new(path: &std::path::Path, text: &str) -> Result<(), (String, u8)> {
    if path.exists() {
        return Err((
            format!("{}: already exists; nothing was written", path.display()),
            1,
        ));
    }
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|e| (format!("{}: {e}", folder.display()), 1))?;
    }
    std::fs::write(path, text).map_err(|e| (format!("{}: {e}", path.display()), 1))
}

fn new_content_file(words: &[String], content: &std::path::Path) -> Result<String, (String, u8)> {
    use bantin_bundler::new_file::{new_file, today, Kind};
    let [kind, title] = words else {
        return Err((format!("new needs a kind and a title\n{USAGE}"), 2));
    };
    let kind = Kind::named(kind).ok_or((
        format!("unknown kind {kind:?}: article, announcement, document, video or page"),
        2,
    ))?;
    let date = today().ok_or(("the system clock is before 1970".to_string(), 1))?;
    let (path, text) = new_file(kind, title, content, date).map_err(|why| (why, 1))?;
    write_new(&path, &text)?;
    Ok(format!(
        "{}: written; fill it in, then run bantin check",
        path.display()
    ))
}

fn import_page(args: &Args) -> Result<String, (String, u8)> {
    use bantin_bundler::import::{import, report, ImportOptions};
    let [file] = args.words.as_slice() else {
        return Err((format!("import needs one file\n{USAGE}"), 2));
    };
    let date = match &args.date {
        Some(text) => Some(
            bantin_model::Date::parse(text)
                .map_err(|e| (format!("--date {text}: {e}, write it as 2022-06-28"), 2))?,
        ),
        None => None,
    };
    let text = std::fs::read_to_string(file).map_err(|e| (format!("{file}: {e}"), 1))?;
    let options = ImportOptions {
        category: args.category.clone(),
        date,
    };
    let imported = import(&text, &options).map_err(|why| (format!("{file}: {why}"), 1))?;
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

/// Transparent huge pages off for this process (what mimalloc does with
/// `MIMALLOC_ALLOW_THP=0`, which must be set before it starts). A build
/// holds up to 2 GB for seconds and hands much of it back as it goes;
/// with huge pages each page touched again is a 2 MB page zeroed again.
/// One-article rebuild at 100,000 articles, four alternating runs each:
/// 8.1–8.5 s against 8.8–10.4 s, system time 4.4–5.0 s against 6.2–8.6 s.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: the call only sets a flag of this process; no memory is
    // handed to the system. On failure nothing changes.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    no_huge_pages();
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
