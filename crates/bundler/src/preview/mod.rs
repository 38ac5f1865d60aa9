//! `bantin serve`: the site as readers will see it, made in memory and
//! served from there while the editor writes. Each save is read again and
//! the site made again (`snapshot`); pages are rendered when a browser
//! asks for them. A tab showing a page whose bundles changed reloads
//! (`live`: Server-Sent Events and a script only preview pages carry),
//! and content problems show over the page, while the last good site
//! keeps being served.

mod http;
mod live;
mod server;
mod snapshot;
mod watch;

use crate::build::{App, AppSource, BuildError};
use crate::diagnostic::Diagnostic;
use crate::load::content::Remembered;
use crate::make::app_files::AppFiles;
use snapshot::{Snapshot, Unmade};
use std::collections::HashMap;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock, Weak};

/// How long after a site is served its search index is started: a save
/// coming meanwhile makes it needless.
const SEARCH_AFTER: std::time::Duration = std::time::Duration::from_millis(300);

/// What `bantin serve` is asked to do.
#[derive(Debug, Clone)]
pub struct PreviewOptions {
    /// The content folder (holds `site.toml`).
    pub content: PathBuf,
    /// The app the pages load.
    pub app: AppSource,
    /// The address to listen on: the loopback one unless asked.
    pub host: IpAddr,
    /// The port; 0 for any free one.
    pub port: u16,
}

/// Why the preview could not start.
#[derive(Debug, thiserror::Error)]
pub enum PreviewError {
    /// The app could not be read, or the content has problems so basic
    /// that no page shell can be made (`site.toml` unreadable).
    #[error(transparent)]
    Build(#[from] BuildError),
    /// The address cannot be listened on.
    #[error("cannot listen on {address}: {why}")]
    Listen { address: String, why: String },
    /// The content folder cannot be watched.
    #[error("cannot watch {}: {why}", .folder.display())]
    Watch { folder: PathBuf, why: String },
}

/// Everything the server and the watcher share.
pub(crate) struct State {
    /// The content folder.
    content: PathBuf,
    /// The app's files as built, read once.
    app_files: AppFiles,
    /// The last site made without problems.
    current: RwLock<Option<Arc<Snapshot>>>,
    /// The problems of the content as last saved (empty when none): shown
    /// over every page until fixed.
    problems: RwLock<Vec<String>>,
    /// Counts the content states made, so a page can tell it is older
    /// than the site.
    generation: Arc<AtomicU64>,
    /// The generation of the site served (the last good one).
    served: Arc<AtomicU64>,
    /// Counts the changes of the search files served, and tells tabs.
    searched: SearchChanges,
    /// The tabs listening for changes.
    clients: live::Clients,
    /// Picture copies made so far, by site path: named after their
    /// original's content, so never out of date.
    pictures: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    /// Script files taken out of rendered pages, by site path: named after
    /// their content too.
    scripts: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    /// The article files as read last time: a save reads only what
    /// changed.
    remembered: Mutex<Remembered>,
    /// Makes the search index of the site served.
    indexer: Indexer,
}

/// The changes of the search files served: counted, so a page can tell
/// it was served with older ones, and told to the tabs, whose searches
/// then run again. Three things change them: an index made, a search
/// ahead of a whole make, and a site served.
#[derive(Clone)]
struct SearchChanges {
    count: Arc<AtomicU64>,
    clients: live::Clients,
}

impl SearchChanges {
    /// How many changes so far.
    fn count(&self) -> u64 {
        self.count.load(Ordering::SeqCst)
    }

    /// One more change, told with the other files of a save: the path to
    /// tell.
    fn counted(&self) -> String {
        self.count.fetch_add(1, Ordering::SeqCst);
        bantin_model::paths::SEARCH.to_string()
    }

    /// One more change, told alone to the tabs of `generation`.
    fn tell(&self, generation: u64) {
        let changed = vec![self.counted()];
        self.clients.send(&live::Message::Changed {
            generation,
            changed,
        });
    }
}

/// The one thread that makes search indexes, in the background and for
/// the site served only: a burst of saves makes one index, and no site
/// replaced since is kept alive for its index.
#[derive(Clone, Default)]
struct Indexer(Arc<(Mutex<Option<Asked>>, Condvar)>);

/// A site whose index is asked for, and the generation it is served as.
type Asked = (Weak<Snapshot>, u64);

impl Indexer {
    /// Starts the thread; search pages are told through `searched` when
    /// the index of the site served (`served`, a generation) changes.
    fn start(served: Arc<AtomicU64>, searched: SearchChanges) -> Indexer {
        let indexer = Indexer::default();
        let asked = indexer.0.clone();
        std::thread::spawn(move || {
            // After the pages: the next save's site comes first. An idle
            // thread (and the threads it starts) runs only on a core
            // nothing else wants; a lower nice value still took a tenth of
            // a core from each save while an index was being made.
            #[cfg(target_os = "linux")]
            // SAFETY: with pid 0 each call sets this thread's own
            // scheduling (each Linux thread has its own); the one pointer
            // handed over is to a value living across the call. On failure
            // nothing changes.
            unsafe {
                let param = libc::sched_param { sched_priority: 0 };
                if libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) != 0 {
                    libc::setpriority(libc::PRIO_PROCESS, 0, 10);
                }
            }
            let (slot, wake) = &*asked;
            loop {
                let next = {
                    let Ok(mut waiting) = slot.lock() else {
                        return;
                    };
                    while waiting.is_none() {
                        waiting = match wake.wait(waiting) {
                            Ok(waiting) => waiting,
                            Err(_) => return,
                        };
                    }
                    waiting.take()
                };
                let Some((site, generation)) = next else {
                    continue;
                };
                // A burst of saves: only the last one's index is made.
                std::thread::sleep(SEARCH_AFTER);
                let current = || served.load(Ordering::SeqCst) == generation;
                let Some(site) = site.upgrade().filter(|_| current()) else {
                    continue;
                };
                match site.make_search() {
                    Ok(true) if current() => searched.tell(generation),
                    Ok(_) => {}
                    Err(why) => eprintln!("the search index could not be made: {why}"),
                }
            }
        });
        indexer
    }

    /// Asks for the index of `site`, served as `generation`, in place of
    /// any asked for before and not started.
    fn ask(&self, site: &Arc<Snapshot>, generation: u64) {
        let (slot, wake) = &*self.0;
        if let Ok(mut waiting) = slot.lock() {
            *waiting = Some((Arc::downgrade(site), generation));
            wake.notify_one();
        }
    }
}

impl State {
    /// Makes the site from the content as it is now: on success it is
    /// served from then on; on problems the last good site stays and the
    /// problems are shown. Tabs are told either way. `edited` names the
    /// files saved since, when they are known: an edit of articles' text
    /// only remakes their bundles.
    pub(crate) fn remake(&self, edited: Option<&[PathBuf]>) {
        let earlier = self.snapshot();
        let no_problems = self
            .problems
            .read()
            .is_ok_and(|problems| problems.is_empty());
        let lap = crate::clock::laps("");
        if let (Some(edited), Some(earlier), true) = (edited, &earlier, no_problems) {
            let patched = self
                .remembered
                .lock()
                .ok()
                .and_then(|mut remembered| earlier.after_text_edit(edited, &mut remembered));
            if let Some((snapshot, changed)) = patched {
                lap("text edit");
                let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
                self.serve(Arc::new(snapshot), generation, changed);
                return;
            }
        }
        // The whole site is made again: its search finds what was saved
        // first.
        if let (Some(edited), Some(earlier)) = (edited, &earlier) {
            match earlier.search_ahead(edited) {
                Ok(true) => self.searched.tell(self.served.load(Ordering::SeqCst)),
                Ok(false) => {}
                Err(why) => eprintln!("search does not follow this save yet: {why}"),
            }
            lap("search ahead");
        }
        let search = earlier.as_ref().map(|s| s.search()).unwrap_or_default();
        let make = |remembered: &mut Remembered| {
            Snapshot::make(
                &self.content,
                &self.app_files,
                earlier.as_deref(),
                search,
                remembered,
            )
        };
        let made = match self.remembered.lock() {
            Ok(mut remembered) => make(&mut remembered),
            Err(_) => make(&mut Remembered::default()),
        };
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        match made {
            Ok(snapshot) => {
                let changed = earlier
                    .map(|before| before.changed(&snapshot))
                    .unwrap_or_default();
                lap("files that changed");
                self.serve(Arc::new(snapshot), generation, changed);
            }
            Err(unmade) => {
                let shown: Vec<String> = match unmade {
                    Unmade::Content(problems) => {
                        problems.iter().map(Diagnostic::to_string).collect()
                    }
                    Unmade::Make(why) => vec![why.to_string()],
                    Unmade::App(why) => vec![why.to_string()],
                };
                for problem in &shown {
                    eprintln!("{problem}");
                }
                eprintln!(
                    "{} problem(s): the last good site is still served",
                    shown.len()
                );
                if let Ok(mut problems) = self.problems.write() {
                    *problems = shown;
                }
                self.clients.send(&self.state_message());
            }
        }
    }

    /// Serves `snapshot` as `generation` from now on, tells the tabs which
    /// files `changed`, and asks for its search index. Until that index is
    /// made, the one before is searched with a supplement: the articles
    /// saved since, found at once.
    fn serve(&self, snapshot: Arc<Snapshot>, generation: u64, mut changed: Vec<String>) {
        let lap = crate::clock::laps("");
        if let Err(why) = snapshot.follow_search() {
            eprintln!("search does not follow this save yet: {why}");
        }
        // Told against what was served until now, which its index made
        // meanwhile may have replaced: not against what this site started
        // from.
        let manifest =
            |site: &Snapshot| site.file(bantin_model::paths::SEARCH.trim_start_matches('/'));
        let before = self.snapshot().and_then(|served| manifest(&served));
        let after = manifest(&snapshot);
        if before.as_deref().map(AsRef::as_ref) != after.as_deref().map(AsRef::as_ref) {
            changed.push(self.searched.counted());
        }
        lap("search supplement");
        if let Ok(mut current) = self.current.write() {
            *current = Some(snapshot.clone());
        }
        self.served.store(generation, Ordering::SeqCst);
        if let Ok(mut problems) = self.problems.write() {
            problems.clear();
        }
        for warning in &snapshot.loaded.warnings {
            eprintln!("{warning}");
        }
        eprintln!(
            "{} articles, {} pages: serving the site as saved",
            snapshot.loaded.articles.len(),
            snapshot.loaded.pages.len()
        );
        self.clients.send(&live::Message::Changed {
            generation,
            changed,
        });
        self.indexer.ask(&snapshot, generation);
    }

    /// What a tab is told when it connects, or when the content's
    /// problems change.
    fn state_message(&self) -> live::Message {
        live::Message::State {
            generation: self.generation.load(Ordering::SeqCst),
            problems: self.problems.read().map(|p| p.clone()).unwrap_or_default(),
            search: self.searched.count(),
        }
    }

    /// What a page served now was made from, as its live script's
    /// attributes: the content's generation and the search files' count
    /// of changes (see [`live::Message::State`]).
    pub(crate) fn stamp(&self) -> String {
        format!(
            "data-generation=\"{}\" data-search=\"{}\"",
            self.generation.load(Ordering::SeqCst),
            self.searched.count()
        )
    }

    fn snapshot(&self) -> Option<Arc<Snapshot>> {
        self.current.read().ok().and_then(|current| current.clone())
    }
}

/// A preview started: where it listens, and the handle that runs it.
pub struct Preview {
    /// The address tabs open (`http://127.0.0.1:8000/`, with the site's
    /// base path).
    pub url: String,
    state: Arc<State>,
    listener: std::net::TcpListener,
}

impl Preview {
    /// Reads the app, makes the site and starts listening; nothing is
    /// served until [`Preview::run`].
    pub fn start(options: &PreviewOptions) -> Result<Preview, PreviewError> {
        let settings = crate::load::content::site_settings(&options.content)
            .map_err(|problems| PreviewError::Build(BuildError::Content(problems)))?;
        let app_files = App::files(&options.app)?;
        let listener =
            std::net::TcpListener::bind((options.host, options.port)).map_err(|why| {
                PreviewError::Listen {
                    address: format!("{}:{}", options.host, options.port),
                    why: why.to_string(),
                }
            })?;
        let port = listener
            .local_addr()
            .map_or(options.port, |address| address.port());
        let host = match options.host {
            IpAddr::V6(v6) => format!("[{v6}]"),
            IpAddr::V4(v4) => v4.to_string(),
        };
        let clients = live::Clients::default();
        let served = Arc::new(AtomicU64::new(0));
        let searched = SearchChanges {
            count: Arc::new(AtomicU64::new(0)),
            clients: clients.clone(),
        };
        let indexer = Indexer::start(served.clone(), searched.clone());
        let state = Arc::new(State {
            content: options.content.clone(),
            app_files,
            current: RwLock::new(None),
            problems: RwLock::new(Vec::new()),
            generation: Arc::new(AtomicU64::new(0)),
            served,
            searched,
            clients,
            pictures: Mutex::new(HashMap::new()),
            scripts: Mutex::new(HashMap::new()),
            remembered: Mutex::new(Remembered::default()),
            indexer,
        });
        state.remake(None);
        Ok(Preview {
            url: format!("http://{host}:{port}{}/", settings.base_path),
            state,
            listener,
        })
    }

    /// Serves and follows the content folder until the process ends.
    pub fn run(self) -> Result<(), PreviewError> {
        let watching = watch::start(self.state.clone())?;
        live::keep_alive(self.state.clone());
        server::serve(self.listener, self.state);
        drop(watching);
        Ok(())
    }
}
