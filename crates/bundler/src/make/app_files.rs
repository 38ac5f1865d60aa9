//! The app's built files (Trunk's output) as the site ships them. Trunk
//! names the main WASM and its glue after their content, but not the
//! search worker's files: they go into a folder named after theirs
//! (`search-worker-<fingerprint>/`), so a CDN may keep them for a year and
//! a reader never runs a worker of one build with the index of another.
//! The pages name the worker's start script in a `<meta>` that the loader
//! reads (`app_start.js`).

use crate::files::OutputFile;
use bantin_model::hash::fingerprint;
use std::io;
use std::path::Path;

/// The worker's start script, which Trunk copies from `public/`.
const WORKER_START: &str = "search-worker-start.js";
/// The worker's glue and WASM, as Trunk names them.
const WORKER_BUILT: [&str; 2] = ["bantin-search-worker.js", "bantin-search-worker_bg.wasm"];
/// How the search worker's folder is named, before its fingerprint: the
/// scope `register-sw.js` gives the search's own service worker
/// (`offline::SEARCH_PATH`).
pub const WORKER_FOLDER: &str = "search-worker-";
/// The `<meta>` name under which pages give the worker's address.
pub const WORKER_META: &str = "bantin-search-worker";

/// The app's files, at the paths they ship under.
#[derive(Clone)]
pub struct AppFiles {
    /// Every file, the worker's in their folder.
    pub files: Vec<OutputFile>,
    /// The site path of the worker's start script, if the app has a worker.
    pub search_worker: Option<String>,
}

impl AppFiles {
    /// `index.html` with the worker's address for the loader.
    pub fn shell(&self, index_html: &str) -> String {
        match &self.search_worker {
            Some(start) => index_html.replacen(
                "</head>",
                &format!("<meta name=\"{WORKER_META}\" content=\"{start}\"></head>"),
                1,
            ),
            None => index_html.to_string(),
        }
    }

    /// The text of the file shipped at `path`, if it is text.
    pub fn text(&self, path: &str) -> Option<String> {
        let file = self.files.iter().find(|f| f.path == path)?;
        String::from_utf8(file.bytes.clone()).ok()
    }

    /// Whether `path` is one of the worker's files.
    pub fn is_worker_file(&self, path: &str) -> bool {
        self.search_worker.as_deref().is_some_and(|start| {
            let folder = start
                .trim_start_matches('/')
                .rsplit_once('/')
                .map(|(f, _)| f);
            folder.is_some_and(|folder| path.starts_with(&format!("{folder}/")))
        })
    }
}

/// Reads Trunk's output folder (see [`from_files`]).
pub fn read(app: &Path) -> io::Result<AppFiles> {
    Ok(from_files(raw(app)?))
}

/// Trunk's output folder as it is, its files by path, in path order.
pub fn raw(app: &Path) -> io::Result<Vec<OutputFile>> {
    let mut files = Vec::new();
    crate::files::walk(app, "", &mut |path, relative, folder| {
        if !folder {
            files.push(OutputFile {
                path: relative.to_string(),
                bytes: std::fs::read(path)?,
            });
        }
        Ok(())
    })?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The files of Trunk's output folder as the site ships them: the search
/// worker's in their folder when all of them are there.
pub fn from_files(mut files: Vec<OutputFile>) -> AppFiles {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let worker_names = [WORKER_START, WORKER_BUILT[0], WORKER_BUILT[1]];
    let worker: Vec<&OutputFile> = files
        .iter()
        .filter(|f| worker_names.contains(&f.path.as_str()))
        .collect();
    if worker.len() != worker_names.len() {
        return AppFiles {
            files,
            search_worker: None,
        };
    }
    let folder = format!(
        "{WORKER_FOLDER}{}",
        fingerprint(worker.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())))
    );
    for file in &mut files {
        if worker_names.contains(&file.path.as_str()) {
            file.path = format!("{folder}/{}", file.path);
        }
    }
    AppFiles {
        files,
        search_worker: Some(format!("/{folder}/{WORKER_START}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app_folder(name: &str, worker_wasm: &[u8]) -> std::path::PathBuf {
        crate::test_folder::with_files(
            &format!("app-files-{name}"),
            &[
                (
                    "index.html",
                    &b"<html><head></head><body></body></html>"[..],
                ),
                ("bantin-web-1234_bg.wasm", b"app"),
                (
                    "search-worker-start.js",
                    b"import init from './bantin-search-worker.js';",
                ),
                ("bantin-search-worker.js", b"glue"),
                ("bantin-search-worker_bg.wasm", worker_wasm),
                (".stage", b"lock"),
            ],
        )
    }

    #[test]
    fn the_worker_ships_in_a_folder_named_after_its_files() -> io::Result<()> {
        let app = read(&app_folder("one", b"worker one"))?;
        let start = app
            .search_worker
            .clone()
            .ok_or(io::Error::other("no worker"))?;
        assert!(start.starts_with("/search-worker-"), "{start}");
        assert!(start.ends_with("/search-worker-start.js"));
        let paths: Vec<&str> = app.files.iter().map(|f| f.path.as_str()).collect();
        assert!(paths.contains(&"bantin-web-1234_bg.wasm"));
        assert!(!paths.contains(&".stage"));
        let in_folder: Vec<&&str> = paths.iter().filter(|p| app.is_worker_file(p)).collect();
        assert_eq!(in_folder.len(), 3, "{paths:?}");
        // The glue's relative import still finds its neighbours.
        let folder = start.rsplit_once('/').map_or("", |(folder, _)| folder);
        assert!(in_folder
            .iter()
            .all(|p| format!("/{p}").starts_with(folder)));
        // Another worker, another folder.
        let other = read(&app_folder("two", b"worker two"))?;
        assert_ne!(other.search_worker, app.search_worker);
        assert!(app.shell("<html><head></head></html>").contains(&format!(
            "<meta name=\"bantin-search-worker\" content=\"{start}\"></head>"
        )));
        Ok(())
    }

    #[test]
    fn an_app_without_a_worker_ships_as_it_is() -> io::Result<()> {
        let folder = app_folder("none", b"w");
        std::fs::remove_file(folder.join("search-worker-start.js"))?;
        let app = read(&folder)?;
        assert_eq!(app.search_worker, None);
        assert!(app
            .files
            .iter()
            .any(|f| f.path == "bantin-search-worker.js"));
        assert_eq!(app.shell("<head></head>"), "<head></head>");
        Ok(())
    }
}
