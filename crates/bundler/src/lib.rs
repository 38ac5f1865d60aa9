//! The `bantin` bundler: turns a content folder (Markdown with TOML front
//! matter, plus `site.toml`) into the JSON bundles the app reads, and with
//! the app's files into a folder any static CDN can serve.

pub mod bundles;
pub mod cdn;
pub mod compress;
pub mod content;
pub mod corpus;
pub mod csp;
pub mod diagnostic;
pub mod feeds;
pub mod images;
pub mod import;
pub mod markdown;
pub mod media;
pub mod new_file;
pub mod offline;
pub mod output;
pub mod prerender;
pub mod search;

use diagnostic::Diagnostic;
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
    /// Problems worth fixing that did not stop the build.
    pub warnings: Vec<Diagnostic>,
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
/// finding where a big build spends its time).
fn step(name: &str, started: &mut std::time::Instant) {
    if std::env::var_os("BANTIN_TIMINGS").is_some() {
        eprintln!("{name}: {:.2} s", started.elapsed().as_secs_f64());
    }
    *started = std::time::Instant::now();
}

fn fill(
    options: &BuildOptions,
    loaded: &content::Content,
    pictures: &[bundles::OutputFile],
    root: &Path,
    replaced: Option<&Path>,
) -> std::io::Result<usize> {
    let mut started = std::time::Instant::now();
    if let Some(app) = &options.app {
        output::copy_tree(app, root, replaced)?;
    }
    let mut previous = replaced.map(|root| output::Previous {
        root: root.to_path_buf(),
        renamed: Vec::new(),
    });
    let files = bundles::data_files(loaded).map_err(std::io::Error::other)?;
    output::write_files(root, &files, previous.as_ref())?;
    step("bundles", &mut started);
    let search = search::files(loaded).map_err(std::io::Error::other)?;
    if let Some(previous) = &mut previous {
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
    output::write_files(root, &search, previous.as_ref())?;
    step("search index", &mut started);
    let previous = previous.as_ref();
    if !options.data_only {
        output::write_files(root, &feeds::files(loaded), previous)?;
        step("feeds and sitemap", &mut started);
    }
    if let Some(app) = &options.app {
        let index_html = std::fs::read_to_string(app.join("index.html"))?;
        let rendered =
            prerender::pages(loaded, &index_html, &files).map_err(std::io::Error::other)?;
        step("prerender", &mut started);
        // Strict CSP: every inline script becomes a file.
        let mut pages = Vec::with_capacity(rendered.len() * 2);
        let mut scripts = std::collections::BTreeMap::new();
        // The offline shell (404.html) needs its scripts precached too.
        let mut shell_scripts = Vec::new();
        let feed_links = format!("{}</head>", feeds::head_links(loaded));
        for page in rendered {
            let html = String::from_utf8(page.bytes).map_err(std::io::Error::other)?;
            let (html, moved) = csp::externalize_scripts(&html);
            let html = html.replacen("</head>", &feed_links, 1);
            for file in moved {
                if page.path == "404.html" {
                    shell_scripts.push(format!("/{}", file.path));
                }
                scripts.entry(file.path).or_insert(file.bytes);
            }
            pages.push(bundles::OutputFile {
                path: page.path,
                bytes: html.into_bytes(),
            });
        }
        pages.extend(
            scripts
                .into_iter()
                .map(|(path, bytes)| bundles::OutputFile { path, bytes }),
        );
        output::write_files(root, &pages, previous)?;
        step("write pages", &mut started);
        output::write_files(root, &cdn::files(&csp::policy(loaded)), previous)?;
        output::write_files(
            root,
            &[service_worker(app, &files, &shell_scripts)?],
            previous,
        )?;
    }
    let media = loaded.root.join("media");
    if media.is_dir() {
        let replaced_media = previous.map(|p| p.root.join("media"));
        output::copy_tree(&media, &root.join("media"), replaced_media.as_deref())?;
    }
    output::write_files(root, pictures, previous)?;
    Ok(files.len() + search.len())
}

/// This build's service worker: it precaches the app's files (Trunk's
/// output, hashed) and the 404 page that renders any address offline, with
/// the scripts taken out of it for the CSP.
fn service_worker(
    app: &Path,
    data: &[bundles::OutputFile],
    shell_scripts: &[String],
) -> std::io::Result<bundles::OutputFile> {
    let mut shell = vec!["/404.html".to_string()];
    shell.extend(shell_scripts.iter().cloned());
    let mut app_files = Vec::new();
    for entry in std::fs::read_dir(app)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_file() && !name.starts_with('.') && name != "index.html" {
            app_files.push((name.clone(), std::fs::read(entry.path())?));
            shell.push(format!("/{name}"));
        }
    }
    app_files.sort();
    shell.sort();
    let build = offline::fingerprint(
        app_files
            .iter()
            .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
            .chain(data.iter().map(|f| (f.path.as_str(), f.bytes.as_slice()))),
    );
    Ok(offline::service_worker(&build, &shell))
}

/// Builds the site. Nothing in `out` changes unless the whole build succeeds.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut started = std::time::Instant::now();
    let loaded = content::load(&options.content).map_err(BuildError::Content)?;
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
    let mut written = 0;
    let result = if options.data_only {
        std::fs::create_dir_all(&options.out).and_then(|()| {
            for part in ["data", "media", images::FOLDER] {
                let target = options.out.join(part);
                if target.exists() {
                    std::fs::remove_dir_all(&target)?;
                }
            }
            written = fill(options, &loaded, &pictures, &options.out, None)?;
            Ok(())
        })
    } else {
        output::replace_folder(&options.out, |root| {
            written = fill(options, &loaded, &pictures, root, previous)?;
            if !options.no_compress {
                let mut started = std::time::Instant::now();
                // Unchanged files came with their copies (`fill`).
                compress::precompress_tree(root)?;
                step("precompress", &mut started);
            }
            Ok(())
        })
    };
    result.map_err(|e| BuildError::Output(format!("{}: {e}", options.out.display())))?;
    Ok(BuildReport {
        articles: loaded.articles.len(),
        data_files: written,
        pictures: made,
        warnings: loaded.warnings,
    })
}
