//! Picture copies for readers' screens: every JPEG or PNG an article or
//! page shows gets WebP copies 480, 960 and 1600 pixels wide (never wider
//! than the original), offered to the browser through `srcset` so a phone
//! downloads a few tens of kilobytes rather than the editor's camera file.
//!
//! A copy is named after the original's content and the encoder settings
//! (`/anh/cau-kenh-480.<hash>.webp`), so its name says everything that went
//! into it: the next build reuses the previous output's copy of that name
//! instead of encoding again, and a CDN may cache it for a year.

use crate::diagnostic::Diagnostic;
use crate::files::OutputFile;
use crate::load::content::Content;
use bantin_model::{Block, ImageRef, ImageVariant};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// WebP quality: where photos stop showing artefacts at reading size.
const QUALITY: f32 = 80.0;

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

/// Where each copy comes from, by the copy's site path (`/anh/…`): the
/// picture's address and all its copies. The preview makes copies when a
/// browser asks for them, not all before the first page.
pub(crate) fn copy_origins(content: &Content) -> HashMap<String, (String, Vec<ImageVariant>)> {
    let mut origins = HashMap::new();
    for (src, variants) in pictures(content) {
        for variant in &variants {
            origins.insert(variant.src.clone(), (src.clone(), variants.clone()));
        }
    }
    origins
}

/// One picture's copies, all made now.
pub(crate) fn copies(
    root: &Path,
    src: &str,
    variants: &[ImageVariant],
) -> Result<Vec<OutputFile>, Diagnostic> {
    copies_of(root, src, variants, None).map(|(files, _)| files)
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
