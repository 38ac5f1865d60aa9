//! `bantin build`: the stages in order. The content is loaded and checked
//! (`load`), the site's files are made from it (`make`) and written into a
//! folder beside the standing site, which then becomes the site
//! (`publish`). Each stage is timed; `BANTIN_TIMINGS=1` prints the times.

use crate::diagnostic::Diagnostic;
use crate::files::OutputFile;
use crate::load::content::{self, Content};
use crate::make::app_files::{self, AppFiles};
use crate::make::base_path;
use crate::make::bundles::Shipped;
use crate::make::page_record::{self, FolderId, PageRecord};
use crate::make::pages::{self, Template};
use crate::make::MakeError;
use crate::make::{bundles, cdn, csp, feeds, images, offline, search, styles};
use crate::publish::write::{self, Previous};
use crate::publish::PublishError;
use crate::{carried_app, cores, load, publish};
use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What `bantin build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The content folder (holds `site.toml`).
    pub content: PathBuf,
    /// Where the site goes.
    pub out: PathBuf,
    /// The app to ship beside the data; without one, the site has its
    /// data, feeds and media but no pages.
    pub app: Option<AppSource>,
    /// Write only `data/` and `media/` into an existing `out`, leaving its
    /// other files alone (used under `trunk serve`).
    pub data_only: bool,
    /// Skip the `.br` and `.gz` copies: a quicker build for looking at a
    /// big archive locally (a CDN deploy wants them).
    pub no_compress: bool,
}

/// Where a build takes the app's files from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppSource {
    /// Trunk's output folder (`make app`).
    Folder(PathBuf),
    /// The app this program carries (`make dist`).
    Carried,
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

/// Why a build produced nothing; the site at `out` is as it was.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The content has problems (`load`); each is located at a file and
    /// line.
    #[error("{} problem(s) in the content", .0.len())]
    Content(Vec<Diagnostic>),
    /// `--app` names a folder without a built app.
    #[error("{}: no index.html: build the app first (make app)", .0.display())]
    NoApp(PathBuf),
    /// The program was asked for the app it carries, and carries none.
    #[error("this bantin carries no app: give --app DIR (make app builds one), or use the one made by make dist")]
    NotCarried,
    /// The app's files could not be read.
    #[error("{}: {source}", app.display())]
    App {
        app: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A file of the site could not be made (`make`).
    #[error(transparent)]
    Make(#[from] MakeError),
    /// The site could not be written or put in place (`publish`).
    #[error(transparent)]
    Publish(#[from] PublishError),
}

/// Builds the site. Nothing in `out` changes unless the whole build succeeds.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let out = options.out.as_path();
    let mut timer = Timer::start();
    // A build stopped half-way through moving its files in is undone
    // before anything reads the site.
    publish::in_place::recover(out).map_err(|e| PublishError::at(out, e))?;
    let mut loaded = load::content::load(&options.content).map_err(BuildError::Content)?;
    timer.stage("load content");
    let app = options
        .app
        .as_ref()
        .map(|source| App::read(&loaded, source))
        .transpose()?;
    timer.stage("read the app");
    // Before anything is written: a picture that cannot be decoded stops
    // the build, and the copies in the output being replaced are reused.
    let previous = out.is_dir().then_some(out);
    let (pictures, made) = images::files(&loaded, previous).map_err(BuildError::Content)?;
    timer.stage("picture copies");
    let job = Job {
        options,
        loaded: &loaded,
        app: app.as_ref(),
        pictures: &pictures,
    };
    let filled = if options.data_only {
        publish_data_only(&job, &mut timer)
    } else {
        publish_site(&job, &mut timer)
    }?;
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

/// Validates a content folder without writing anything.
pub fn check(content: &Path) -> Result<Content, Vec<Diagnostic>> {
    content::load(content)
}

/// What one build works from, once loaded.
struct Job<'a> {
    options: &'a BuildOptions,
    loaded: &'a Content,
    app: Option<&'a App>,
    pictures: &'a [OutputFile],
}

/// The app's files and the page template made from them, read before
/// anything is written.
pub(crate) struct App {
    pub(crate) files: AppFiles,
    pub(crate) template: Template,
}

impl App {
    pub(crate) fn read(loaded: &Content, source: &AppSource) -> Result<App, BuildError> {
        App::from_files(loaded, App::files(source)?)
    }

    /// The app's files as built, before any site is made with them.
    pub(crate) fn files(source: &AppSource) -> Result<AppFiles, BuildError> {
        Ok(match source {
            AppSource::Folder(folder) => {
                if !folder.join("index.html").is_file() {
                    return Err(BuildError::NoApp(folder.clone()));
                }
                app_files::read(folder).map_err(|source| BuildError::App {
                    app: folder.clone(),
                    source,
                })?
            }
            AppSource::Carried => {
                let carried = carried_app::carried().map_err(|source| BuildError::App {
                    app: std::env::current_exe().unwrap_or_else(|_| "bantin".into()),
                    source,
                })?;
                app_files::from_files(carried.ok_or(BuildError::NotCarried)?)
            }
        })
    }

    /// The app's files made ready for the site `loaded`, and its page
    /// template.
    pub(crate) fn from_files(loaded: &Content, mut files: AppFiles) -> Result<App, BuildError> {
        base_path::app_files(&mut files, &loaded.site.base_path);
        let template = Template::new(loaded, &files)?;
        Ok(App { files, template })
    }
}

/// What filling the new site's folder did.
struct Filled {
    data_files: usize,
    pages: PagesMade,
    /// What the pages of the new site were made from, to keep beside it.
    record: Option<PageRecord>,
}

/// `--data-only`: the data and media written into the standing folder,
/// its other files left as they are.
fn publish_data_only(job: &Job, timer: &mut Timer) -> Result<Filled, BuildError> {
    let out = job.options.out.as_path();
    let failed = |e| PublishError::at(out, e);
    std::fs::create_dir_all(out).map_err(failed)?;
    // The pages stay as they were while their data changes: a record of
    // what they were made from would no longer be true.
    let _ = std::fs::remove_file(page_record::path_for(out));
    for part in ["data", "media", load::picture_plan::FOLDER] {
        let target = out.join(part);
        if target.exists() {
            std::fs::remove_dir_all(&target).map_err(failed)?;
        }
    }
    let mut folder = Filling {
        out,
        root: out,
        previous: None,
    };
    fill(job, &mut folder, None, timer)
}

/// The whole site made in a folder beside `out`, then put in its place;
/// the page record kept beside it for the next build.
fn publish_site(job: &Job, timer: &mut Timer) -> Result<Filled, BuildError> {
    let out = job.options.out.as_path();
    let record = out.is_dir().then(|| PageRecord::load(out)).flatten();
    // The folder is about to change under it: a build stopped from here on
    // must find no record rather than a stale one.
    let _ = std::fs::remove_file(page_record::path_for(out));
    let mut filled = None;
    let compress = !job.options.no_compress;
    let updated = publish::update_folder(out, compress, |root, previous| {
        let mut folder = Filling {
            out,
            root,
            previous,
        };
        filled = Some(fill(job, &mut folder, record.as_ref(), timer)?);
        timer.restart();
        Ok::<(), BuildError>(())
    });
    match &updated {
        Ok(how) => timer.stage(&format!("compress and put in place ({how:?})")),
        // The site is as it was: so is what its pages were made from.
        Err(_) => {
            if let Some(record) = &record {
                let _ = record.save(out);
            }
        }
    }
    updated?;
    let mut filled =
        filled.ok_or_else(|| PublishError::at(out, io::Error::other("nothing was built")))?;
    // The site is in place. A record that cannot be written only means the
    // next build renders every page; no record must leave none behind.
    let saved = filled.record.take().is_some_and(|mut record| {
        record.site = FolderId::of(out);
        record.save(out).is_ok()
    });
    if !saved {
        let _ = std::fs::remove_file(page_record::path_for(out));
    }
    timer.stage("page record");
    Ok(filled)
}

/// The folder a build fills: beside the site it replaces (whose files it
/// compares with and keeps), or the standing folder itself.
struct Filling<'a> {
    /// The site folder, named in errors.
    out: &'a Path,
    /// Where the files go.
    root: &'a Path,
    previous: Option<&'a mut Previous>,
}

impl Filling<'_> {
    fn write(&self, files: &[OutputFile]) -> Result<write::Written, PublishError> {
        write::write_files(self.root, files, self.previous.as_deref()).map_err(|e| self.failed(e))
    }

    fn failed(&self, source: io::Error) -> PublishError {
        PublishError::at(self.out, source)
    }
}

/// Makes the site's files and writes them into `folder`, kind by kind
/// (each kind is let go once written: a big archive's files are never all
/// in memory at once).
fn fill(
    job: &Job,
    folder: &mut Filling,
    record: Option<&PageRecord>,
    timer: &mut Timer,
) -> Result<Filled, BuildError> {
    if let Some(app) = job.app {
        folder.write(&app.files.files)?;
    }
    // Shared with the page renderer, which reads them where they are.
    let data = Arc::new(bundles::data_files(job.loaded)?);
    timer.stage("bundles made");
    // Bundles by the address pages ask for them at.
    let fresh: HashSet<String> = folder
        .write(&data)?
        .fresh
        .iter()
        .map(|path| format!("/{path}"))
        .collect();
    timer.stage("bundles compared and written");
    let search = search::files(job.loaded)?;
    if let Some(previous) = folder.previous.as_deref_mut() {
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
    timer.stage("search index");
    folder.write(&search)?;
    timer.stage("search files compared and written");
    if !job.options.data_only {
        folder.write(&feeds::files(job.loaded))?;
        timer.stage("feeds and sitemap");
    }
    let (pages, new_record) = match job.app {
        Some(app) => {
            let made = write_pages(job, app, &data, &fresh, record, folder, timer)?;
            let counts = PagesMade {
                rendered: made.rendered,
                reused: made.reused,
            };
            (counts, Some(made.record))
        }
        None => (PagesMade::default(), None),
    };
    let media = job.loaded.root.join("media");
    if media.is_dir() {
        write::copy_tree(&media, folder.root, "media", folder.previous.as_deref())
            .map_err(|e| folder.failed(e))?;
    }
    folder.write(job.pictures)?;
    Ok(Filled {
        data_files: data.len() + search.len(),
        pages,
        record: new_record,
    })
}

/// The prerendered pages, the CDN's rules and the service worker. A page
/// none of whose inputs changed since `record` is the replaced site's
/// file, kept unread.
fn write_pages(
    job: &Job,
    app: &App,
    data: &Arc<Vec<OutputFile>>,
    fresh: &HashSet<String>,
    record: Option<&PageRecord>,
    folder: &Filling,
    timer: &mut Timer,
) -> Result<pages::Made, BuildError> {
    let previous = folder.previous.as_deref();
    let shipped = Arc::new(Shipped::new(data.clone()));
    // Many pages share one script: it is taken once (threads render at
    // the same time).
    let taken = Mutex::new(HashMap::new());
    let reuse = |path: &str| {
        let (Some(previous), Ok(mut taken)) = (previous, taken.lock()) else {
            return false;
        };
        *taken
            .entry(path.to_string())
            .or_insert_with(|| write::take_from_previous(folder.root, path, previous))
    };
    let made = pages::make(job.loaded, &app.template, &shipped, record, fresh, &reuse)?;
    timer.stage("prerender");
    let css = &app.template.css;
    write::write_files_completed(folder.root, &made.files, previous, &|page| {
        styles::complete(page, css)
    })
    .map_err(|e| folder.failed(e))?;
    timer.stage("write pages");
    let policy = csp::policy(job.loaded, app.template.style_hash.as_deref());
    let base = job.loaded.site.base_path.as_str();
    folder.write(&cdn::files(&policy, base))?;
    folder.write(&[
        offline::for_build(&app.files, data, &made.shell_scripts, base),
        offline::search_service_worker(),
    ])?;
    Ok(made)
}

/// How long each stage took, printed when `BANTIN_TIMINGS` is set (for
/// finding where a big build spends its time), with the processor time
/// the process has used so far where the system tells it: a stage's share
/// of the cores shows.
struct Timer {
    started: std::time::Instant,
    print: bool,
}

impl Timer {
    fn start() -> Timer {
        Timer {
            started: std::time::Instant::now(),
            print: std::env::var_os("BANTIN_TIMINGS").is_some(),
        }
    }

    /// Ends the stage `name` and starts the next.
    fn stage(&mut self, name: &str) {
        if self.print {
            let cpu = cpu_seconds().map_or(String::new(), |s| format!(" (cpu so far {s:.1} s)"));
            eprintln!("{name}: {:.2} s{cpu}", self.started.elapsed().as_secs_f64());
        }
        self.restart();
    }

    fn restart(&mut self) {
        self.started = std::time::Instant::now();
    }
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
