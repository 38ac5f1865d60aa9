//! What copies a picture will have and their names, decided when the
//! content is read (`check` and the bundles name them before `build`
//! encodes them in `make::images`).

use bantin_model::{slugify, ImageVariant};

/// The widths made, narrowest first: a phone, a phone at 2× or a tablet, a
/// desktop at 2×.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
/// Part of every copy's name: change it when the encoding changes
/// (`make::images`), so old copies are not reused.
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
