//! The service worker that keeps the app shell and what a reader opened
//! available offline. It is written per build: its precache list names this
//! build's hashed files, and its cache names carry the build's fingerprint,
//! so a new build replaces the old one on the reader's next visit.
//!
//! Beside it, a second worker with no fetch handler, for the search
//! worker's folders ([`SEARCH_PATH`]).

use crate::files::OutputFile;
use crate::make::app_files::AppFiles;
use crate::make::base_path::address;
use bantin_model::hash::Fnv;

const TEMPLATE: &str = include_str!("sw.js");

/// Where the service worker is served from.
const PATH: &str = "sw.js";

/// The service worker registered for the search worker's folders
/// (`search-worker-<fingerprint>/`, the scope `search-worker-` beside
/// `sw.js`). A worker a page starts is controlled by a service worker of
/// its own URL's scope, the longest that matches: without this one that is
/// the site's, and Chromium hands every request of the search (its index
/// chunks, then its ten result texts) to the site's fetch handler, only for
/// it to let them through; static routes (`addRoutes`), which skip that for
/// pages, do not reach a page's workers. A controller without a fetch
/// handler is passed by, so the search's requests go straight to the
/// network and the HTTP cache (docs/search.md has the figures).
pub const SEARCH_PATH: &str = "sw-search.js";

/// What [`SEARCH_PATH`] holds: nothing to do, which is its whole purpose.
const SEARCH_SCRIPT: &str =
    "// Bản tin: the search worker's requests pass by the service worker (no fetch handler).\n";

/// The `<meta>` by which a page says its site has a service worker, and
/// where: `register-sw.js` registers only what a page names. Only built
/// sites have one (a development server has no worker to register).
const META: &str = "bantin-service-worker";

/// `index.html` naming this build's service worker for `register-sw.js`.
pub(crate) fn announce(index_html: &str) -> String {
    index_html.replacen(
        "</head>",
        &format!("<meta name=\"{META}\" content=\"/{PATH}\"></head>"),
        1,
    )
}

/// The fingerprint of everything a build ships, for its service worker:
/// equal builds get equal workers, and browsers skip the update. FNV's
/// multiply over names and lengths, then contents eight bytes at a time:
/// a 100,000-article site ships hundreds of megabytes of data, and no
/// file is named from it.
pub fn build_fingerprint<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    let mut hash = Fnv::default();
    for (name, bytes) in files {
        name.bytes().for_each(|b| hash.write_word(u64::from(b)));
        hash.write_word(bytes.len() as u64);
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(word);
            hash.write_word(u64::from_le_bytes(eight));
        }
        words
            .remainder()
            .iter()
            .for_each(|b| hash.write_word(u64::from(*b)));
    }
    hash.hex()
}

/// `sw.js` for a build whose app shell is `shell` (site paths, like
/// `/bantin-web-1234_bg.wasm`), for a site under `base` (`""` at the root).
pub fn service_worker(build: &str, shell: &[String], base: &str) -> OutputFile {
    let shell: Vec<String> = shell.iter().map(|path| address(base, path)).collect();
    let list = serde_json::to_string(&shell).unwrap_or_else(|_| "[]".into());
    // Every `'/…'` of the template is an address from the site's root
    // (said here, not in sw.js: a site at the root keeps its bytes).
    let template = if base.is_empty() {
        TEMPLATE.to_string()
    } else {
        TEMPLATE.replace("'/", &format!("'{base}/"))
    };
    let script = template
        .replace("\"__BUILD__\"", &format!("\"{build}\""))
        .replace("__PRECACHE__", &list);
    OutputFile {
        path: PATH.into(),
        bytes: script.into_bytes(),
    }
}

/// The service worker of the search worker's folders, the same for
/// every build (see [`SEARCH_PATH`]).
pub fn search_service_worker() -> OutputFile {
    OutputFile {
        path: SEARCH_PATH.into(),
        bytes: SEARCH_SCRIPT.as_bytes().to_vec(),
    }
}

/// This build's service worker: it precaches the app's files (Trunk's
/// output, hashed) and the 404 page that renders any address offline, with
/// the scripts taken out of it for the CSP. The search worker is not
/// precached: the index it reads is not kept offline either.
pub(crate) fn for_build(
    app: &AppFiles,
    data: &[OutputFile],
    shell_scripts: &[String],
    base: &str,
) -> OutputFile {
    let mut shell = vec!["/404.html".to_string()];
    shell.extend(shell_scripts.iter().cloned());
    shell.extend(
        app.files
            .iter()
            .filter(|f| f.path != "index.html" && !app.is_worker_file(&f.path))
            .map(|f| format!("/{}", f.path)),
    );
    shell.sort();
    let build = build_fingerprint(
        app.files
            .iter()
            .chain(data)
            .map(|f| (f.path.as_str(), f.bytes.as_slice())),
    );
    service_worker(&build, &shell, base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_names_this_builds_shell_and_cache() {
        let worker = service_worker("abc123", &["/404.html".into(), "/app_bg.wasm".into()], "");
        let script = String::from_utf8(worker.bytes).expect("text");
        assert!(script.contains(r#"const BUILD = "abc123";"#));
        assert!(script.contains(r#"const PRECACHE = ["/404.html","/app_bg.wasm"];"#));
        assert!(!script.contains("__"));
        // The page template names the very file written.
        let page = announce("<html><head><title>x</title></head><body></body></html>");
        let named = format!(
            r#"<meta name="bantin-service-worker" content="/{}">"#,
            worker.path
        );
        assert!(page.contains(&format!("{named}</head>")), "{page}");
    }

    #[test]
    fn the_search_worker_folders_get_a_service_worker_without_a_fetch_handler() {
        let worker = search_service_worker();
        let script = String::from_utf8(worker.bytes).expect("text");
        assert!(!script.contains("addEventListener"), "{script}");
        // Registered by every built page beside the site's, over the
        // folders the search worker ships in.
        let register = include_str!("../../../../public/register-sw.js");
        assert!(
            register.contains(&format!("new URL('{}', site)", worker.path)),
            "{register}"
        );
        assert!(
            register.contains(&format!(
                "scope: new URL('{}', site)",
                crate::make::app_files::WORKER_FOLDER
            )),
            "{register}"
        );
    }

    #[test]
    fn build_fingerprints_change_with_any_byte_and_where_names_end() {
        let long = vec![7u8; 1000];
        let mut changed = long.clone();
        changed[600] = 8;
        let of = |name, bytes: &[u8]| build_fingerprint([(name, bytes)]);
        assert_ne!(of("a", &long), of("a", &changed));
        assert_eq!(of("a", &long), of("a", &long.clone()));
        assert_ne!(
            build_fingerprint([("ab", &b"c"[..])]),
            build_fingerprint([("a", &b"bc"[..])])
        );
    }
}
