//! Files under the content folder's `media/`: pictures, downloads, videos.
//!
//! Every reference an editor writes is checked here, so a bundle never
//! points at a file that is not shipped, and sizes come from the files
//! themselves rather than from what an editor typed.

use super::LoadError;
pub use bantin_model::is_youtube_id;
use bantin_model::{Attachment, ImageVariant, Video};
use std::fs;
use std::path::{Path, PathBuf};

/// What the bundler knows of a picture a content file names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PictureFacts {
    /// Intrinsic width and height, when the file tells them.
    pub size: Option<(u32, u32)>,
    /// The copies the build makes of it (see `images`).
    pub variants: Vec<ImageVariant>,
}

/// What the Markdown converter needs to know about the files a body names.
pub trait MediaLookup {
    /// A picture's intrinsic size and copies, or why it cannot be used.
    fn image(&self, src: &str) -> Result<PictureFacts, LoadError>;
    /// A file's size in bytes (0 for a file elsewhere on the web: not
    /// known), or why it cannot be used.
    fn file_size(&self, src: &str) -> Result<u64, LoadError>;
}

/// The media of one content folder.
pub struct MediaFolder<'a> {
    /// The content folder (holds `media/`).
    pub root: &'a Path,
}

fn is_web_address(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The file a `/media/…` address names, or why it names none.
fn media_file(root: &Path, src: &str, what: &'static str) -> Result<PathBuf, LoadError> {
    let Some(relative) = src.strip_prefix("/media/") else {
        return Err(LoadError::NotInMedia {
            what,
            src: src.to_string(),
        });
    };
    if relative
        .split('/')
        .any(|part| part == ".." || part.is_empty())
    {
        return Err(LoadError::LeavesMedia {
            what,
            src: src.to_string(),
        });
    }
    Ok(root.join("media").join(relative))
}

impl MediaLookup for MediaFolder<'_> {
    fn image(&self, src: &str) -> Result<PictureFacts, LoadError> {
        resolve_image(self.root, src)
    }

    fn file_size(&self, src: &str) -> Result<u64, LoadError> {
        if is_web_address(src) {
            return Ok(0);
        }
        let file = media_file(self.root, src, "file")?;
        fs::metadata(&file)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .ok_or_else(|| LoadError::Missing {
                what: "file",
                src: src.to_string(),
                file: file.clone(),
            })
    }
}

/// The download formats readers know by name, by file extension.
const DOCUMENT_FORMATS: [&str; 10] = [
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "zip",
];

/// The type a reader knows a file by ("PDF"), when the address names a
/// downloadable document.
pub fn document_format(href: &str) -> Option<String> {
    let path = href.split(['?', '#']).next().unwrap_or(href);
    let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
    DOCUMENT_FORMATS
        .contains(&extension.as_str())
        .then(|| extension.to_ascii_uppercase())
}

/// Whether an address names a video file the browser can play itself.
pub fn is_video_file(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    [".mp4", ".webm", ".ogv", ".m4v"]
        .iter()
        .any(|extension| lower.ends_with(extension))
}

/// The video id of a YouTube address (watch, short, embed and youtu.be
/// forms), so the portal can embed it through youtube-nocookie.com.
pub fn youtube_id(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest.strip_prefix("m.").unwrap_or(rest);
    let id = if let Some(path) = rest.strip_prefix("youtu.be/") {
        path.split(['?', '#', '/']).next()?
    } else if let Some(query) = rest.strip_prefix("youtube.com/watch?") {
        query.split('&').find_map(|pair| pair.strip_prefix("v="))?
    } else if let Some(path) = rest
        .strip_prefix("youtube.com/embed/")
        .or_else(|| rest.strip_prefix("youtube.com/shorts/"))
    {
        path.split(['?', '#', '/']).next()?
    } else {
        return None;
    };
    is_youtube_id(id).then(|| id.to_string())
}

/// An attachment for a file the content names: its format from the name
/// and its size from the file.
pub fn attachment(
    media: &dyn MediaLookup,
    href: &str,
    title: &str,
) -> Result<Attachment, LoadError> {
    let format = document_format(href).ok_or_else(|| LoadError::NotADocument {
        href: href.to_string(),
        formats: DOCUMENT_FORMATS.join(", "),
    })?;
    let size = media.file_size(href)?;
    let title = if title.trim().is_empty() {
        href.rsplit('/').next().unwrap_or(href).to_string()
    } else {
        title.trim().to_string()
    };
    Ok(Attachment {
        href: href.to_string(),
        title,
        format,
        size,
    })
}

/// Checks every file a video names.
pub fn check_video(media: &dyn MediaLookup, video: &Video) -> Result<(), LoadError> {
    if video.src.is_none() == video.youtube.is_none() {
        return Err(LoadError::VideoSource);
    }
    if let Some(id) = &video.youtube {
        if !is_youtube_id(id) {
            return Err(LoadError::NotYoutubeId { id: id.clone() });
        }
    }
    for src in [&video.src, &video.captions].into_iter().flatten() {
        media.file_size(src)?;
    }
    if let Some(poster) = &video.poster {
        media.image(poster)?;
    }
    Ok(())
}

/// Intrinsic size of a picture file, when its format tells it cheaply.
fn image_size(bytes: &[u8], extension: &str) -> Option<(u32, u32)> {
    let be32 = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
    };
    match extension {
        "png" if bytes.starts_with(b"\x89PNG\r\n\x1a\n") => Some((be32(16)?, be32(20)?)),
        "gif" if bytes.starts_with(b"GIF8") => {
            let le16 = |at: usize| {
                Some(u32::from(u16::from_le_bytes(
                    bytes.get(at..at + 2)?.try_into().ok()?,
                )))
            };
            Some((le16(6)?, le16(8)?))
        }
        "svg" => {
            let text = std::str::from_utf8(bytes).ok()?;
            let tag_start = text.find("<svg")?;
            let tag = &text[tag_start..tag_start + text[tag_start..].find('>')?];
            let attribute = |name: &str| -> Option<u32> {
                let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
                let value = &tag[at..at + tag[at..].find('"')?];
                value.trim_end_matches("px").parse().ok()
            };
            Some((attribute("width")?, attribute("height")?))
        }
        _ => None,
    }
}

/// Checks a picture reference: absolute http(s) URLs are taken as they are,
/// site paths must name a file under the content folder; a JPEG or PNG
/// must read as one (its header: decoding it whole is the build's job).
pub fn resolve_image(root: &Path, src: &str) -> Result<PictureFacts, LoadError> {
    if is_web_address(src) {
        return Ok(PictureFacts::default());
    }
    let file = media_file(root, src, "picture")?;
    let Ok(bytes) = fs::read(&file) else {
        return Err(LoadError::Missing {
            what: "picture",
            src: src.to_string(),
            file,
        });
    };
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if !crate::load::picture_plan::is_resizable(&extension) {
        return Ok(PictureFacts {
            size: image_size(&bytes, &extension),
            variants: Vec::new(),
        });
    }
    let (width, height) = image::ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())
        .and_then(|reader| reader.into_dimensions().map_err(|e| e.to_string()))
        .map_err(|why| LoadError::Unreadable {
            src: src.to_string(),
            extension: extension.clone(),
            why,
        })?;
    Ok(PictureFacts {
        size: Some((width, height)),
        variants: crate::load::picture_plan::plan(src, &bytes, width),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picture_sizes_are_read_from_svg_and_png_headers() {
        let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="800" height="450">"#;
        assert_eq!(image_size(svg, "svg"), Some((800, 450)));
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&640u32.to_be_bytes());
        png.extend_from_slice(&480u32.to_be_bytes());
        assert_eq!(image_size(&png, "png"), Some((640, 480)));
        assert_eq!(image_size(b"junk", "png"), None);
    }

    #[test]
    fn youtube_addresses_of_every_form_give_the_id() {
        for url in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ?t=5",
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "https://m.youtube.com/shorts/dQw4w9WgXcQ",
        ] {
            assert_eq!(youtube_id(url).as_deref(), Some("dQw4w9WgXcQ"), "{url}");
        }
        assert_eq!(youtube_id("https://youtu.be/short"), None);
        assert_eq!(youtube_id("https://evil.example/watch?v=dQw4w9WgXcQ"), None);
        assert_eq!(youtube_id("https://youtu.be/\"><script>xx"), None);
    }

    #[test]
    fn files_elsewhere_on_the_web_are_taken_with_an_unknown_size() {
        let media = MediaFolder {
            root: Path::new("/nonexistent"),
        };
        assert_eq!(media.file_size("https://a.gov.vn/bao-cao.pdf"), Ok(0));
        let attachment = attachment(&media, "https://a.gov.vn/bao-cao.pdf", "").expect("taken");
        assert_eq!(
            (attachment.size, attachment.title.as_str()),
            (0, "bao-cao.pdf")
        );
        assert!(media.file_size("/media/khong-co.pdf").is_err());
        assert!(media.file_size("/media/../site.toml").is_err());
    }

    #[test]
    fn document_formats_come_from_the_extension() {
        assert_eq!(
            document_format("/media/bao-cao.PDF").as_deref(),
            Some("PDF")
        );
        assert_eq!(
            document_format("/media/so-lieu.xlsx?v=2").as_deref(),
            Some("XLSX")
        );
        assert_eq!(document_format("/media/anh.png"), None);
        assert_eq!(document_format("/tin-tuc/a"), None);
    }
}
