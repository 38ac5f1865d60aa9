//! Precompressed copies (`.br`, `.gz`) beside every text asset, so a CDN or
//! web server can send them as they are: Trunk does not make them, and
//! compressing at the edge on every request wastes the reader's time.

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
const MIN_BYTES: usize = 256;

/// The app's own files (every reader downloads them) get brotli's best
/// ratio; the thousands of per-page files get quality 7: as small as 9
/// within 0.2% on our pages, without the 32 MB match tables quality 9
/// allocates for every file (a 100,000-article site has 300,000 of them).
fn quality_for(path: &Path) -> u32 {
    match path.extension().and_then(|e| e.to_str()) {
        Some("wasm" | "js" | "mjs" | "css") => 11,
        _ => 7,
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

/// Brotli at its best ratio.
pub fn brotli(bytes: &[u8]) -> io::Result<Vec<u8>> {
    brotli_at(bytes, 11)
}

/// Gzip at level 9, for clients without brotli.
pub fn gzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// The compressible files under `root`.
fn compressible_files(root: &Path, found: &mut Vec<std::path::PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(root)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            compressible_files(&path, found)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e))
        {
            found.push(path);
        }
    }
    Ok(())
}

fn compress_file(path: &Path) -> io::Result<bool> {
    let bytes = fs::read(path)?;
    if bytes.len() < MIN_BYTES {
        return Ok(false);
    }
    let mut name = path.as_os_str().to_owned();
    name.push(".br");
    fs::write(&name, brotli_at(&bytes, quality_for(path))?)?;
    let mut name = path.as_os_str().to_owned();
    name.push(".gz");
    fs::write(&name, gzip(&bytes)?)?;
    Ok(true)
}

/// Writes `.br` and `.gz` beside every compressible file under `root`, on
/// every core; returns how many files were compressed.
pub fn precompress_tree(root: &Path) -> io::Result<usize> {
    let mut files = Vec::new();
    compressible_files(root, &mut files)?;
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<io::Result<usize>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut count = 0;
                    loop {
                        let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(path) = files.get(at) else {
                            return Ok(count);
                        };
                        count += usize::from(compress_file(path)?);
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(io::Error::other("compression failed")))
            })
            .collect()
    });
    results.into_iter().sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn both_encodings_decode_back_to_the_original() {
        let text = "Cổng thông tin điện tử tỉnh Hòa Lâm. ".repeat(200);
        let mut from_br = Vec::new();
        brotli::BrotliDecompress(&mut &brotli(text.as_bytes()).expect("br")[..], &mut from_br)
            .expect("decodes");
        assert_eq!(from_br, text.as_bytes());
        let mut from_gz = String::new();
        flate2::read::GzDecoder::new(&gzip(text.as_bytes()).expect("gz")[..])
            .read_to_string(&mut from_gz)
            .expect("decodes");
        assert_eq!(from_gz, text);
        assert!(brotli(text.as_bytes()).expect("br").len() < text.len() / 10);
    }
}
