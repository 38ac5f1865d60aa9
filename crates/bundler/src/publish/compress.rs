//! Precompressed copies (`.br`, `.gz`) beside every text asset, so a CDN or
//! web server can send them as they are: Trunk does not make them, and
//! compressing at the edge on every request wastes the reader's time.

use crate::files::{with_suffix, write_fresh};
use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// File endings worth compressing (text, WASM and the search index, which
/// all shrink well).
const COMPRESSIBLE: &[&str] = &[
    "html",
    "js",
    "mjs",
    "css",
    "json",
    "svg",
    "xml",
    "txt",
    "wasm",
    "webmanifest",
    "bin",
];

/// Smaller than this, compression saves less than a packet.
pub(crate) const MIN_BYTES: usize = 256;

/// Files from this size on get brotli quality 7; smaller ones quality 3.
const LARGE_BYTES: usize = 64 * 1024;

/// The brotli quality and gzip level of a file's copies.
///
/// The app's own files at the site root (WASM, its JS, the CSS: every
/// reader downloads them) and the search worker's (in its
/// `search-worker-<hash>/` folder) get the best ratio of both. The many small
/// per-page files (JSON, HTML, feeds, search chunks under 64 KB) are
/// most of a build's time: they get the quick levels, which cost a few
/// hundred bytes a page and save minutes on a big archive
/// (docs/performance.md has the measurement). Larger files get quality 7
/// and level 6.
fn levels_for(path: &Path, root: &Path, bytes: usize) -> (u32, u32) {
    let folder = path.parent();
    let app_file = folder == Some(root)
        || folder.is_some_and(|folder| {
            folder.parent() == Some(root)
                && folder
                    .file_name()
                    .is_some_and(|name| name.to_string_lossy().starts_with("search-worker-"))
        });
    match path.extension().and_then(|e| e.to_str()) {
        Some("wasm" | "js" | "mjs" | "css") if app_file => (11, 9),
        _ if bytes >= LARGE_BYTES => (7, 6),
        _ => (3, 3),
    }
}

/// Brotli at `quality` (0–11).
pub fn brotli_at(bytes: &[u8], quality: u32) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    // A window no larger than the file: same output, and the encoder's
    // tables stay small (a 4 MB window for a 10 KB page cost most of the
    // time in allocating them).
    let needed = usize::BITS - bytes.len().max(1).leading_zeros();
    let params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        lgwin: needed.clamp(16, 22) as i32,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

/// Gzip at `level` (0–9), for clients without brotli.
pub fn gzip_at(bytes: &[u8], level: u32) -> io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// The compressible files under `root` that lack a `.br` or `.gz` copy.
///
/// A rebuild takes unchanged files with their copies, so most of a big
/// site needs nothing: which copies exist is read off each folder's
/// listing, not asked of the disk file by file (930,000 files at 100,000
/// articles).
fn compressible_files(root: &Path, found: &mut Vec<std::path::PathBuf>) -> io::Result<()> {
    let mut names = std::collections::HashSet::new();
    let mut candidates = Vec::new();
    for entry in fs::read_dir(root)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            compressible_files(&path, found)?;
            continue;
        }
        let name = entry.file_name();
        if is_compressible(&path) {
            candidates.push(path);
        }
        names.insert(name);
    }
    for path in candidates {
        let has = |suffix: &str| {
            path.file_name().is_some_and(|name| {
                let mut copy = name.to_os_string();
                copy.push(suffix);
                names.contains(&copy)
            })
        };
        if !(has(".br") && has(".gz")) {
            found.push(path);
        }
    }
    Ok(())
}

/// Whether files like `path` get `.br` and `.gz` copies (when they are
/// at least [`MIN_BYTES`] long).
pub(crate) fn is_compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| COMPRESSIBLE.contains(&e))
}

/// Compresses one file; returns whether it is big enough to have copies.
fn compress_file(path: &Path, root: &Path) -> io::Result<bool> {
    let bytes = fs::read(path)?;
    if bytes.len() < MIN_BYTES {
        return Ok(false);
    }
    let (quality, level) = levels_for(path, root, bytes.len());
    write_fresh(&with_suffix(path, ".br"), &brotli_at(&bytes, quality)?)?;
    write_fresh(&with_suffix(path, ".gz"), &gzip_at(&bytes, level)?)?;
    Ok(true)
}

/// Writes `.br` and `.gz` beside every compressible file under `root` that
/// lacks them, on every core; returns how many files it compressed. Files
/// a rebuild took unchanged from the previous site already have theirs: a
/// rebuild after a few articles changed compresses only what changed.
pub fn precompress_tree(root: &Path) -> io::Result<usize> {
    let mut files = Vec::new();
    compressible_files(root, &mut files)?;
    let compressed = std::sync::atomic::AtomicUsize::new(0);
    crate::cores::on_every_core(&files, |path| {
        if compress_file(path, root)? {
            compressed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(())
    })?;
    Ok(compressed.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn only_files_lacking_their_copies_are_compressed() {
        let base = crate::test_folder::with_files("compress", &[]);
        let site = base.join("site");
        let changed = "Đã sửa. ".repeat(100);
        fs::create_dir_all(site.join("data")).expect("folder");
        fs::write(site.join("data/same.json"), "Giữ nguyên. ".repeat(100)).expect("written");
        fs::write(site.join("tiny.json"), "{}").expect("written");
        assert_eq!(precompress_tree(&site).expect("first build"), 1);
        assert!(!site.join("tiny.json.br").exists(), "too small to gain");
        // Mark the copy: it must stay as it is.
        fs::write(site.join("data/same.json.br"), b"old copy").expect("written");
        fs::write(site.join("data/changed.json"), &changed).expect("written");
        assert_eq!(
            precompress_tree(&site).expect("rebuild"),
            1,
            "the changed file only"
        );
        assert_eq!(
            fs::read(site.join("data/same.json.br")).expect("kept"),
            b"old copy"
        );
        let mut text = Vec::new();
        let fresh = fs::read(site.join("data/changed.json.br")).expect("compressed");
        brotli::BrotliDecompress(&mut &fresh[..], &mut text).expect("decodes");
        assert_eq!(text, changed.as_bytes());
        let mut from_gz = String::new();
        flate2::read::GzDecoder::new(&fs::read(site.join("data/changed.json.gz")).expect("gz")[..])
            .read_to_string(&mut from_gz)
            .expect("decodes");
        assert_eq!(from_gz, changed);
        let _ = fs::remove_dir_all(&base);
    }

    #[test]
    fn the_app_gets_the_best_ratio_and_per_page_files_the_quick_one() {
        let root = Path::new("/site");
        assert_eq!(
            levels_for(&root.join("bantin-web-1_bg.wasm"), root, 10),
            (11, 9)
        );
        assert_eq!(
            levels_for(
                &root.join("search-worker-1234/bantin-search-worker_bg.wasm"),
                root,
                10
            ),
            (11, 9)
        );
        assert_eq!(levels_for(&root.join("style-2.css"), root, 10), (11, 9));
        assert_eq!(levels_for(&root.join("hydrate/3.js"), root, 10_000), (3, 3));
        assert_eq!(
            levels_for(&root.join("data/home.json"), root, 10_000),
            (3, 3)
        );
        assert_eq!(
            levels_for(&root.join("data/search/b/1.bin"), root, 200_000),
            (7, 6)
        );
    }

    #[test]
    fn both_encodings_decode_back_to_the_original() {
        let text = "Cổng thông tin điện tử tỉnh Hòa Lâm. ".repeat(200);
        let mut from_br = Vec::new();
        brotli::BrotliDecompress(
            &mut &brotli_at(text.as_bytes(), 11).expect("br")[..],
            &mut from_br,
        )
        .expect("decodes");
        assert_eq!(from_br, text.as_bytes());
        let mut from_gz = String::new();
        flate2::read::GzDecoder::new(&gzip_at(text.as_bytes(), 9).expect("gz")[..])
            .read_to_string(&mut from_gz)
            .expect("decodes");
        assert_eq!(from_gz, text);
        assert!(brotli_at(text.as_bytes(), 11).expect("br").len() < text.len() / 10);
    }
}
