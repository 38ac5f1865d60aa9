//! Picture copies for readers' screens: every JPEG or PNG an article or
//! page shows gets WebP copies 480, 960 and 1600 pixels wide (never wider
//! than the original), offered to the browser through `srcset` so a phone
//! downloads a few tens of kilobytes rather than the editor's camera file.
//!
//! A copy is named after the original's content and the encoder settings
//! (`/anh/cau-kenh-480.<hash>.webp`), so its name says everything that went
//! into it: the next build reuses the previous output's copy of that name
//! instead of encoding again, and a CDN may cache it for a year.

use crate::content::Content;
use crate::diagnostic::Diagnostic;
use crate::files::OutputFile;
use bantin_model::{slugify, Block, ImageRef, ImageVariant};
use std::collections::BTreeMap;
use std::path::Path;

/// The widths made, narrowest first: a phone, a phone at 2× or a tablet, a
/// desktop at 2×.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
/// WebP quality: where photos stop showing artefacts at reading size.
const QUALITY: f32 = 80.0;
/// Part of every copy's name: change it when the encoding changes, so old
/// copies are not reused.
const SETTINGS: &str = "webp-q80-catmullrom-1";
/// The site folder the copies live in (no route starts with it).
pub const FOLDER: &str = "anh";

/// Whether the bundler makes copies of a picture of this file type (SVG
/// scales by itself; a GIF may be animated).
pub fn is_resizable(extension: &str) -> bool {
    matches!(extension, "jpg" | "jpeg" | "png")
}

/// The widths of the copies of a picture `original` pixels wide: each
/// standard width below it, and the original width itself up to the
/// widest, so even a small picture gets its lighter WebP copy.
pub fn widths(original: u32) -> Vec<u32> {
    let mut widths: Vec<u32> = WIDTHS.into_iter().filter(|w| *w < original).collect();
    let largest = original.min(WIDTHS[WIDTHS.len() - 1]);
    if original > 0 && widths.last() != Some(&largest) {
        widths.push(largest);
    }
    widths
}

/// The copies a picture will have, named before any is made (so `check`
/// and the bundles agree with what `build` writes).
pub fn plan(src: &str, bytes: &[u8], original_width: u32) -> Vec<ImageVariant> {
    let file = src.rsplit('/').next().unwrap_or(src);
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let stem = match slugify(stem) {
        stem if stem.is_empty() => "anh".to_string(),
        stem => stem,
    };
    let fingerprint = bantin_model::hash::fingerprint([(SETTINGS, bytes)]);
    let hash = &fingerprint[..12];
    widths(original_width)
        .into_iter()
        .map(|width| ImageVariant {
            src: format!("/{FOLDER}/{stem}-{width}.{hash}.webp"),
            width,
        })
        .collect()
}

/// Every picture of the site that has copies: its address and the copies.
fn pictures(content: &Content) -> BTreeMap<String, Vec<ImageVariant>> {
    let mut found = BTreeMap::new();
    let mut add = |src: &str, variants: &[ImageVariant]| {
        if !variants.is_empty() {
            found.insert(src.to_string(), variants.to_vec());
        }
    };
    let blocks = |body: &[Block], add: &mut dyn FnMut(&str, &[ImageVariant])| {
        for block in body {
            if let Block::Image { src, variants, .. } = block {
                add(src, variants);
            }
        }
    };
    for loaded in &content.articles {
        if let Some(ImageRef { src, variants, .. }) = &loaded.article.image {
            add(src, variants);
        }
        blocks(&loaded.article.body, &mut add);
    }
    for page in &content.pages {
        blocks(&page.body, &mut add);
    }
    found
}

/// What making the copies took.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Made {
    /// Copies encoded by this build.
    pub encoded: usize,
    /// Copies taken from the previous build's output.
    pub reused: usize,
}

/// Makes one picture's copies that `previous` does not already have.
fn copies_of(
    root: &Path,
    src: &str,
    variants: &[ImageVariant],
    previous: Option<&Path>,
) -> Result<(Vec<OutputFile>, Made), Diagnostic> {
    let mut files = Vec::with_capacity(variants.len());
    let mut made = Made::default();
    let mut missing = Vec::new();
    for variant in variants {
        let path = variant.src.trim_start_matches('/').to_string();
        match previous.and_then(|out| std::fs::read(out.join(&path)).ok()) {
            Some(bytes) => {
                files.push(OutputFile { path, bytes });
                made.reused += 1;
            }
            None => missing.push((path, variant.width)),
        }
    }
    if missing.is_empty() {
        return Ok((files, made));
    }
    let file = root.join(src.trim_start_matches('/'));
    let unreadable = |why: String| Diagnostic::at(&file, 1, format!("picture {src} {why}"));
    let bytes = std::fs::read(&file).map_err(|e| unreadable(format!("cannot be read: {e}")))?;
    let original = image::load_from_memory(&bytes)
        .map_err(|e| unreadable(format!("cannot be decoded: {e}")))?
        .into_rgba8();
    let (width, height) = original.dimensions();
    for (path, copy_width) in missing {
        let copy_height = ((u64::from(height) * u64::from(copy_width) + u64::from(width) / 2)
            / u64::from(width.max(1)))
        .max(1) as u32;
        let resized = if copy_width == width {
            original.clone()
        } else {
            image::imageops::resize(
                &original,
                copy_width,
                copy_height,
                image::imageops::FilterType::CatmullRom,
            )
        };
        let encoded = webp::Encoder::from_rgba(resized.as_raw(), copy_width, resized.height())
            .encode(QUALITY);
        files.push(OutputFile {
            path,
            bytes: encoded.to_vec(),
        });
        made.encoded += 1;
    }
    Ok((files, made))
}

/// The copies of every picture the site shows, encoded on every core;
/// copies the previous output (`previous`, the site this build replaces)
/// already holds are reused. A picture that cannot be decoded is an error
/// at its file.
pub fn files(
    content: &Content,
    previous: Option<&Path>,
) -> Result<(Vec<OutputFile>, Made), Vec<Diagnostic>> {
    let pictures: Vec<(String, Vec<ImageVariant>)> = pictures(content).into_iter().collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per_thread = pictures.len().div_ceil(threads).max(1);
    let root = content.root.as_path();
    let results: Vec<Result<(Vec<OutputFile>, Made), Diagnostic>> = std::thread::scope(|scope| {
        let workers: Vec<_> = pictures
            .chunks(per_thread)
            .map(|share| {
                scope.spawn(move || {
                    share
                        .iter()
                        .map(|(src, variants)| copies_of(root, src, variants, previous))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker.join().unwrap_or_else(|_| {
                    vec![Err(Diagnostic::at(
                        root,
                        1,
                        "making picture copies failed".to_string(),
                    ))]
                })
            })
            .collect()
    });
    let mut files = Vec::new();
    let mut made = Made::default();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok((copies, counts)) => {
                files.extend(copies);
                made.encoded += counts.encoded;
                made.reused += counts.reused;
            }
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok((files, made))
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_standard_widths_below_the_original_and_the_original_up_to_the_widest() {
        assert_eq!(widths(3000), [480, 960, 1600]);
        assert_eq!(widths(1600), [480, 960, 1600]);
        assert_eq!(widths(1200), [480, 960, 1200]);
        assert_eq!(widths(480), [480]);
        assert_eq!(widths(300), [300]);
        assert!(widths(0).is_empty());
    }

    #[test]
    fn a_copy_is_named_after_the_picture_and_its_content() {
        let first = plan("/media/Cầu Kênh Xáng.jpg", b"one", 2000);
        let names: Vec<&str> = first.iter().map(|v| v.src.as_str()).collect();
        assert!(names[0].starts_with("/anh/cau-kenh-xang-480."), "{names:?}");
        assert!(names.iter().all(|n| n.ends_with(".webp")));
        assert_eq!(
            first.iter().map(|v| v.width).collect::<Vec<_>>(),
            [480, 960, 1600]
        );
        // Other bytes under the same name: other copies, never a stale one.
        let edited = plan("/media/Cầu Kênh Xáng.jpg", b"two", 2000);
        assert_ne!(first[0].src, edited[0].src);
        assert_eq!(first, plan("/media/Cầu Kênh Xáng.jpg", b"one", 2000));
    }
}
