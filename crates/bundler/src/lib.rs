//! The `bantin` bundler: turns a content folder (Markdown with TOML front
//! matter, plus `site.toml`) into the JSON bundles the app reads, and with
//! the app's files into a folder any static CDN can serve.

pub(crate) mod authoring;
pub mod cli;
pub(crate) mod clock;
pub(crate) mod cores;
pub mod diagnostic;
pub(crate) mod files;
pub mod load;
pub mod make;
pub(crate) mod publish;
#[cfg(test)]
mod test_folder;

use diagnostic::Diagnostic;
use load::content;
use make::{app_files, bundles, cdn, csp, feeds, images, offline, prerender, search, styles};
use publish::{page_record, write as output};
use std::path::{Path, PathBuf};

/// What `bantin build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The content folder (holds `site.toml`).
    pub content: PathBuf,
    /// Where the site goes.
    pub out: PathBuf,
    /// The app's built files (Trunk's output) to ship beside the data.
    pub app: Option<PathBuf>,
    /// Write only `data/` and `media/` into an existing `out`, leaving its
    /// other files alone (used under `trunk serve`).
    pub data_only: bool,
    /// Skip the `.br` and `.gz` copies: a quicker build for looking at a
    /// big archive locally (a CDN deploy wants them).
    pub no_compress: bool,
}

/// What a build wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    /// Articles bundled.
    pub articles: usize,
    /// Data files written.
    pub data_files: usize,
    /// Picture copies made or reused (see `images`).
    pub pictures: images::Made,
    /// Pages rendered, and pages taken unchanged from the site replaced
    /// (see `page_record`).
    pub pages: PagesMade,
    /// Problems worth fixing that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// How a build came by its pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PagesMade {
    /// Rendered by this build.
    pub rendered: usize,
    /// Nothing they are made from changed: the replaced site's files.
    pub reused: usize,
}

/// What [`fill`] did.
struct Filled {
    data_files: usize,
    pages: PagesMade,
    /// What the pages of the new site were made from, to keep beside it.
    record: Option<page_record::PageRecord>,
}

/// Why a build produced nothing.
#[derive(Debug)]
pub enum BuildError {
    /// The content has problems; each is located at a file and line.
    Content(Vec<Diagnostic>),
    /// Writing the output failed.
    Output(String),
}

/// Validates a content folder without writing anything.
pub fn check(content: &Path) -> Result<content::Content, Vec<Diagnostic>> {
    content::load(content)
}

/// Prints how long each build step took when `BANTIN_TIMINGS` is set (for
/// finding where a big build spends its time), with the processor time the
/// process has used so far where the system tells it: a step's share of
/// the cores shows.
fn step(name: &str, started: &mut std::time::Instant) {
    if std::env::var_os("BANTIN_TIMINGS").is_some() {
        let cpu = cpu_seconds().map_or(String::new(), |s| format!(" (cpu so far {s:.1} s)"));
        eprintln!("{name}: {:.2} s{cpu}", started.elapsed().as_secs_f64());
    }
    *started = std::time::Instant::now();
}

/// User and system time of this process, from `/proc/self/stat` (Linux;
/// `None` elsewhere). Clock ticks are 100 a second on every Linux this
/// runs on.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) in brackets.
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let mut fields = rest.split(' ').skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) / 100.0)
}

fn fill(
    options: &BuildOptions,
    loaded: &content::Content,
    pictures: &[files::OutputFile],
    root: &Path,
    mut previous: Option<&mut output::Previous>,
    record: Option<&page_record::PageRecord>,
) -> std::io::Result<Filled> {
    let mut started = std::time::Instant::now();
    let app_files = match &options.app {
        Some(app) => {
            let shipped = app_files::read(app)?;
            output::write_files(root, &shipped.files, previous.as_deref())?;
            Some(shipped)
        }
        None => None,
    };
    // Shared with the page renderer, which reads them where they are.
    let files = std::sync::Arc::new(bundles::data_files(loaded).map_err(std::io::Error::other)?);
    step("bundles made", &mut started);
    // Bundles by the address pages ask for them at.
    let address = |path: &str| format!("/{path}");
    let fresh: std::collections::HashSet<String> =
        output::write_files(root, &files, previous.as_deref())?
            .fresh
            .iter()
            .map(|path| address(path))
            .collect();
    step("bundles compared and written", &mut started);
    let search = search::files(loaded).map_err(std::io::Error::other)?;
    if let Some(previous) = previous.as_deref_mut() {
        // The search files live in a folder named by the index's
        // fingerprint: unchanged documents are found under the old name.
        if let (Some(old), Some(new)) = (
            search::built_index(&previous.root),
            search::index_of(&search),
        ) {
            previous
                .renamed
                .push((search::build_folder(&new), search::build_folder(&old)));
        }
    }
    step("search index", &mut started);
    output::write_files(root, &search, previous.as_deref())?;
    step("search files compared and written", &mut started);
    let previous = previous.as_deref();
    if !options.data_only {
        output::write_files(root, &feeds::files(loaded), previous)?;
        step("feeds and sitemap", &mut started);
    }
    let mut made = PagesMade::default();
    let mut new_record = None;
    if let (Some(app), Some(app_files)) = (&options.app, &app_files) {
        // The CSS goes into every page: one request round less.
        let styles::Inlined {
            html: index_html,
            hash: style_hash,
            css,
        } = styles::inline(&std::fs::read_to_string(app.join("index.html"))?, app);
        let index_html = app_files.shell(&index_html);
        let feed_links = format!("{}</head>", feeds::head_links(loaded));
        let shared = page_record::shared_fingerprint(&[
            &page_record::program_identity(),
            index_html.as_bytes(),
            feed_links.as_bytes(),
        ]);
        let shipped = std::sync::Arc::new(prerender::Shipped::new(files.clone()));
        // A page is the replaced site's file when nothing it was made from
        // changed; its moved scripts come with it. Many pages share one
        // script: it is taken once (threads render at the same time).
        let scripts_taken = std::sync::Mutex::new(std::collections::HashMap::new());
        let take_script = |file: &str, previous: &output::Previous| {
            let Ok(mut taken) = scripts_taken.lock() else {
                return false;
            };
            *taken
                .entry(file.to_string())
                .or_insert_with(|| output::take_from_previous(root, file, previous))
        };
        let take = |path: &str| {
            let (Some(record), Some(previous)) = (record, previous) else {
                return false;
            };
            record
                .unchanged(shared, path, &fresh, |address| shipped.contains(address))
                .is_some_and(|inputs| {
                    inputs
                        .scripts
                        .iter()
                        .all(|file| take_script(file, previous))
                        && output::take_from_previous(root, path, previous)
                })
        };
        let rendered = prerender::pages(loaded, &index_html, &shipped, &take)
            .map_err(std::io::Error::other)?;
        step("prerender", &mut started);
        // Strict CSP: every inline script becomes a file.
        let mut pages = Vec::with_capacity(rendered.rendered.len() * 2);
        let mut scripts = std::collections::BTreeMap::new();
        // The offline shell (404.html) needs its scripts precached too.
        let mut shell_scripts = Vec::new();
        let mut record_pages = std::collections::HashMap::new();
        for page in rendered.rendered {
            let html = String::from_utf8(page.bytes).map_err(std::io::Error::other)?;
            let (html, moved) = csp::externalize_scripts(&html);
            let html = html.replacen("</head>", &feed_links, 1);
            let reads = rendered.reads.get(&page.path).cloned().unwrap_or_default();
            let inputs = page_record::PageInputs {
                reads: reads
                    .into_iter()
                    .map(|address| {
                        let found = shipped.contains(&address);
                        (address, found)
                    })
                    .collect(),
                scripts: moved.iter().map(|file| file.path.clone()).collect(),
            };
            for file in moved {
                if page.path == "404.html" {
                    shell_scripts.push(format!("/{}", file.path));
                }
                scripts.entry(file.path).or_insert(file.bytes);
            }
            record_pages.insert(page.path.clone(), inputs);
            pages.push(files::OutputFile {
                path: page.path,
                bytes: html.into_bytes(),
            });
        }
        made = PagesMade {
            rendered: pages.len(),
            reused: rendered.taken.len(),
        };
        for path in rendered.taken {
            if let Some(inputs) = record.and_then(|r| r.pages.get(&path)) {
                record_pages.insert(path, inputs.clone());
            }
        }
        new_record = Some(page_record::PageRecord {
            // Known once the site is in place (`build`).
            site: None,
            shared,
            pages: record_pages,
        });
        pages.extend(
            scripts
                .into_iter()
                .map(|(path, bytes)| files::OutputFile { path, bytes }),
        );
        output::write_files_completed(root, &pages, previous, &|page| {
            styles::complete(page, &css)
        })?;
        step("write pages", &mut started);
        output::write_files(
            root,
            &cdn::files(&csp::policy(loaded, style_hash.as_deref())),
            previous,
        )?;
        output::write_files(
            root,
            &[service_worker(app_files, &files, &shell_scripts)],
            previous,
        )?;
    }
    let media = loaded.root.join("media");
    if media.is_dir() {
        output::copy_tree(&media, root, "media", previous)?;
    }
    output::write_files(root, pictures, previous)?;
    Ok(Filled {
        data_files: files.len() + search.len(),
        pages: made,
        record: new_record,
    })
}

/// This build's service worker: it precaches the app's files (Trunk's
/// output, hashed) and the 404 page that renders any address offline, with
/// the scripts taken out of it for the CSP. The search worker is not
/// precached: the index it reads is not kept offline either.
fn service_worker(
    app: &app_files::AppFiles,
    data: &[files::OutputFile],
    shell_scripts: &[String],
) -> files::OutputFile {
    let mut shell = vec!["/404.html".to_string()];
    shell.extend(shell_scripts.iter().cloned());
    shell.extend(
        app.files
            .iter()
            .filter(|f| f.path != "index.html" && !app.is_worker_file(&f.path))
            .map(|f| format!("/{}", f.path)),
    );
    shell.sort();
    let build = offline::build_fingerprint(
        app.files
            .iter()
            .chain(data)
            .map(|f| (f.path.as_str(), f.bytes.as_slice())),
    );
    offline::service_worker(&build, &shell)
}

/// Builds the site. Nothing in `out` changes unless the whole build succeeds.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut started = std::time::Instant::now();
    // A build stopped half-way through moving its files in is undone
    // before anything reads the site.
    publish::in_place::recover(&options.out)
        .map_err(|e| BuildError::Output(format!("{}: {e}", options.out.display())))?;
    let mut loaded = content::load(&options.content).map_err(BuildError::Content)?;
    step("load content", &mut started);
    if let Some(app) = &options.app {
        if !app.join("index.html").is_file() {
            return Err(BuildError::Output(format!(
                "{}: no index.html: build the app first (make app)",
                app.display()
            )));
        }
    }
    // Before anything is written: a picture that cannot be decoded stops
    // the build, and the copies in the output being replaced are reused.
    let previous = options.out.is_dir().then_some(options.out.as_path());
    let (pictures, made) = images::files(&loaded, previous).map_err(BuildError::Content)?;
    step("picture copies", &mut started);
    let mut filled = None;
    let result = if options.data_only {
        std::fs::create_dir_all(&options.out).and_then(|()| {
            // The pages stay as they were while their data changes: a
            // record of what they were made from would no longer be true.
            let _ = std::fs::remove_file(page_record::path_for(&options.out));
            for part in ["data", "media", load::picture_plan::FOLDER] {
                let target = options.out.join(part);
                if target.exists() {
                    std::fs::remove_dir_all(&target)?;
                }
            }
            filled = Some(fill(options, &loaded, &pictures, &options.out, None, None)?);
            Ok(())
        })
    } else {
        let record = previous.and_then(page_record::PageRecord::load);
        // The folder is about to change under it: a build stopped from
        // here on must find no record rather than a stale one.
        let _ = std::fs::remove_file(page_record::path_for(&options.out));
        let updated =
            publish::update_folder(&options.out, !options.no_compress, |root, previous| {
                let filled_in = fill(options, &loaded, &pictures, root, previous, record.as_ref())?;
                started = std::time::Instant::now();
                filled = Some(filled_in);
                Ok(())
            });
        if let Ok(how) = &updated {
            step(
                &format!("compress and put in place ({how:?})"),
                &mut started,
            );
        }
        if let (Err(_), Some(record)) = (&updated, &record) {
            // The site is as it was: so is what its pages were made from.
            let _ = record.save(&options.out);
        }
        updated.map(|_| ())
    };
    result.map_err(|e| BuildError::Output(format!("{}: {e}", options.out.display())))?;
    let filled = filled.ok_or_else(|| BuildError::Output("nothing was built".into()))?;
    // The site is in place. A record that cannot be written only means the
    // next build renders every page; no record must leave none behind.
    let saved = match filled.record {
        Some(mut record) if !options.data_only => {
            record.site = page_record::FolderId::of(&options.out);
            record.save(&options.out).is_ok()
        }
        _ => false,
    };
    if !saved {
        let _ = std::fs::remove_file(page_record::path_for(&options.out));
    }
    step("page record", &mut started);
    let report = BuildReport {
        articles: loaded.articles.len(),
        data_files: filled.data_files,
        pictures: made,
        pages: filled.pages,
        warnings: std::mem::take(&mut loaded.warnings),
    };
    cores::drop_in_background(loaded);
    Ok(report)
}
