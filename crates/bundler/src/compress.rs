//! Precompressed copies (`.br`, `.gz`) beside every text asset, so a CDN or
//! web server can send them as they are: Trunk does not make them, and
//! compressing at the edge on every request wastes the reader's time.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// File endings worth compressing (text, and WASM, which shrinks well).
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
];

/// Smaller than this, compression saves less than a packet.
const MIN_BYTES: usize = 256;

/// Brotli at its best ratio: these files are compressed once and read often.
pub fn brotli(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

/// Gzip at level 9, for clients without brotli.
pub fn gzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// Writes `.br` and `.gz` beside every compressible file under `root`;
/// returns how many files were compressed.
pub fn precompress_tree(root: &Path) -> io::Result<usize> {
    let mut count = 0;
    for entry in fs::read_dir(root)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            count += precompress_tree(&path)?;
            continue;
        }
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        let bytes = fs::read(&path)?;
        if bytes.len() < MIN_BYTES {
            continue;
        }
        let mut name = path.as_os_str().to_owned();
        name.push(".br");
        fs::write(&name, brotli(&bytes)?)?;
        let mut name = path.as_os_str().to_owned();
        name.push(".gz");
        fs::write(&name, gzip(&bytes)?)?;
        count += 1;
    }
    Ok(count)
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
