//! The service worker that keeps the app shell and what a reader opened
//! available offline. It is written per build: its precache list names this
//! build's hashed files, and its cache names carry the build's fingerprint,
//! so a new build replaces the old one on the reader's next visit.

use crate::bundles::OutputFile;

const TEMPLATE: &str = include_str!("sw.js");

/// A short fingerprint of named contents (FNV-1a over names and bytes).
/// File names are made from it (scripts, picture copies), so it never
/// changes from one version of bantin to the next.
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

/// The fingerprint of everything a build ships, for its service worker:
/// equal builds get equal workers, and browsers skip the update. FNV's
/// multiply over names and lengths, then contents eight bytes at a time:
/// a 100,000-article site ships hundreds of megabytes of data, and no
/// file is named from it.
pub fn build_fingerprint<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |word: u64| {
        hash ^= word;
        hash = hash.wrapping_mul(PRIME);
        hash ^= hash >> 32;
    };
    for (name, bytes) in files {
        name.bytes().for_each(|b| mix(u64::from(b)));
        mix(bytes.len() as u64);
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(word);
            mix(u64::from_le_bytes(eight));
        }
        words.remainder().iter().for_each(|b| mix(u64::from(*b)));
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
        // The same files, the same fingerprint.
        assert_eq!(a, fingerprint([("a.wasm", &b"1"[..])]));
        // Names made from it stay what they were.
        assert_eq!(fingerprint([("", &b"a"[..])]), "08326707b4eb37da");
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
