//! The service worker that keeps the app shell and what a reader opened
//! available offline. It is written per build: its precache list names this
//! build's hashed files, and its cache names carry the build's fingerprint,
//! so a new build replaces the old one on the reader's next visit.

use crate::bundles::OutputFile;

const TEMPLATE: &str = include_str!("sw.js");

/// A short fingerprint of the files a build ships (FNV-1a over names and
/// contents): equal builds get equal workers, and browsers skip the update.
pub fn fingerprint<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (name, bytes) in files {
        for byte in name.bytes().chain([0]).chain(bytes.iter().copied()) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// `sw.js` for a build whose app shell is `shell` (site paths, like
/// `/bantin-web-1234_bg.wasm`).
pub fn service_worker(build: &str, shell: &[String]) -> OutputFile {
    let list = serde_json::to_string(shell).unwrap_or_else(|_| "[]".into());
    let script = TEMPLATE
        .replace("\"__BUILD__\"", &format!("\"{build}\""))
        .replace("__PRECACHE__", &list);
    OutputFile {
        path: "sw.js".into(),
        bytes: script.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_names_this_builds_shell_and_cache() {
        let worker = service_worker("abc123", &["/404.html".into(), "/app_bg.wasm".into()]);
        let script = String::from_utf8(worker.bytes).expect("text");
        assert!(script.contains(r#"const BUILD = "abc123";"#));
        assert!(script.contains(r#"const PRECACHE = ["/404.html","/app_bg.wasm"];"#));
        assert!(!script.contains("__"));
    }

    #[test]
    fn fingerprints_change_with_content() {
        let a = fingerprint([("a.wasm", &b"1"[..])]);
        let b = fingerprint([("a.wasm", &b"2"[..])]);
        assert_ne!(a, b);
        assert_eq!(a, fingerprint([("a.wasm", &b"1"[..])]));
    }
}
