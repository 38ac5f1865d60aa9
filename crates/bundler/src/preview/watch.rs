//! Which saves in the content folder matter, and when a burst of them is
//! over. Editors' tools save by writing a temporary file and renaming it,
//! write a file in several goes, and leave swap and backup files (`.swp`,
//! `~`, `.#…`, `#…#`, vim's `4913`): those are not content, and a burst is
//! one change.

use super::{PreviewError, State};
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Quiet time that ends a burst of saves.
const SETTLE: Duration = Duration::from_millis(60);
/// The longest a burst may hold a change back.
const LONGEST_WAIT: Duration = Duration::from_millis(500);

/// Whether a change to `path` (inside the content folder `root`) can
/// change the site.
pub(crate) fn matters(root: &Path, path: &Path) -> bool {
    let Ok(inside) = path.strip_prefix(root) else {
        return false;
    };
    let parts: Vec<String> = inside
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    let Some(name) = parts.last() else {
        return false;
    };
    // Hidden files and folders (`.git`, `.swp` files), and the ones
    // editors leave beside what they save.
    let scratch = parts.iter().any(|part| part.starts_with('.'))
        || name.ends_with('~')
        || name.starts_with('#')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".part")
        // vim's test of whether a folder can be written to: a file named
        // 4913 (or the next free number). A folder of that name is content.
        || (name.chars().all(|c| c.is_ascii_digit()) && !path.is_dir());
    if scratch {
        return false;
    }
    match parts.first().map(String::as_str) {
        Some("media") => true,
        _ if parts.len() == 1 => {
            name == "site.toml" || name == "stats.json" || name.ends_with(".md")
        }
        // A folder of articles or pages: a renamed or deleted folder
        // counts as much as a file in it.
        _ => name.ends_with(".md") || !name.contains('.'),
    }
}

/// The running watcher: dropped, it stops.
pub(crate) struct Watching {
    _watcher: Box<dyn Watcher + Send>,
}

/// Watches the content folder and remakes the site after each settled
/// burst of changes that matter.
pub(crate) fn start(state: Arc<State>) -> Result<Watching, PreviewError> {
    let (sender, receiver) = mpsc::channel::<notify::Result<notify::Event>>();
    // Events name files under the folder as it was given to the watcher.
    let root = state
        .content
        .canonicalize()
        .unwrap_or_else(|_| state.content.clone());
    let failed = |why: notify::Error| PreviewError::Watch {
        folder: root.clone(),
        why: why.to_string(),
    };
    let mut watcher: Box<dyn Watcher + Send> = match notify::recommended_watcher(sender.clone()) {
        Ok(watcher) => Box::new(watcher),
        // No inotify left (a system limit): look at the folder twice a
        // second instead.
        Err(_) => Box::new(
            notify::PollWatcher::new(
                sender,
                notify::Config::default().with_poll_interval(Duration::from_millis(500)),
            )
            .map_err(failed)?,
        ),
    };
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .map_err(failed)?;
    std::thread::spawn(move || {
        while let Ok(first) = receiver.recv() {
            if !relevant(&root, &first) {
                continue;
            }
            let mut saved = Saved::default();
            saved.add(&root, &state.content, &first);
            // The burst: more changes until a quiet moment.
            let started = Instant::now();
            while started.elapsed() < LONGEST_WAIT {
                match receiver.recv_timeout(SETTLE) {
                    Ok(event) => saved.add(&root, &state.content, &event),
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            state.remake(saved.articles().as_deref());
        }
    });
    Ok(Watching { _watcher: watcher })
}

/// What one burst of changes touched.
#[derive(Default)]
struct Saved {
    /// The files that matter, named under the content folder as the
    /// preview was given it.
    files: Vec<PathBuf>,
    /// Events were lost: anything may have changed.
    lost: bool,
}

impl Saved {
    /// Notes what `event` (naming files under `root`) touched.
    fn add(&mut self, root: &Path, content: &Path, event: &notify::Result<notify::Event>) {
        match event {
            Ok(event) if matches!(event.kind, notify::EventKind::Access(_)) => {}
            Ok(event) => {
                for path in event.paths.iter().filter(|path| matters(root, path)) {
                    if let Ok(inside) = path.strip_prefix(root) {
                        let file = content.join(inside);
                        if !self.files.contains(&file) {
                            self.files.push(file);
                        }
                    }
                }
            }
            Err(_) => self.lost = true,
        }
    }

    /// The files saved, when each is an article file that is still there
    /// (a save, not a creation, deletion or rename, which `remake`
    /// tells apart by whether it knew the file).
    fn articles(&self) -> Option<Vec<PathBuf>> {
        let articles =
            |path: &PathBuf| path.extension().is_some_and(|e| e == "md") && path.is_file();
        (!self.lost && !self.files.is_empty() && self.files.iter().all(articles))
            .then(|| self.files.clone())
    }
}

fn relevant(root: &Path, event: &notify::Result<notify::Event>) -> bool {
    match event {
        Ok(event) => {
            !matches!(event.kind, notify::EventKind::Access(_))
                && event.paths.iter().any(|path| matters(root, path))
        }
        // Events were lost (an overflowing queue): anything may have
        // changed.
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_files_matter_and_editors_scratch_files_do_not() {
        let root = Path::new("/noi-dung");
        for path in [
            "site.toml",
            "stats.json",
            "articles/bai-moi.md",
            "articles/2024/06/bai.md",
            "articles/nam-2024",
            "pages/gioi-thieu.md",
            "media/anh/cau.jpg",
        ] {
            assert!(matters(root, &root.join(path)), "{path}");
        }
        for path in [
            "articles/.bai-moi.md.swp",
            "articles/bai-moi.md~",
            "articles/#bai-moi.md#",
            "articles/.#bai-moi.md",
            "articles/4913",
            ".git/index",
            "articles/bai.md.tmp",
            "notes.txt",
            "../site.toml",
        ] {
            assert!(!matters(root, &root.join(path)), "{path}");
        }
        assert!(!matters(root, Path::new("/khac/site.toml")));
    }
}
