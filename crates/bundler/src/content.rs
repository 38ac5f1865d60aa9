//! Reading a content folder: `site.toml`, `articles/*.md`, `media/`.

use crate::diagnostic::{line_of, line_of_key, Diagnostic};
use crate::markdown;
use bantin_model::{
    slugify, Article, Category, CategoryRef, Date, Footer, ImageRef, MenuItem, SCHEMA_VERSION,
};
use serde::Deserialize;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// How many articles a listing page holds unless `site.toml` says otherwise.
pub const DEFAULT_PAGE_SIZE: u32 = 10;

/// `site.toml` as editors write it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteFile {
    name: String,
    #[serde(default)]
    tagline: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    base_url: String,
    page_size: Option<u32>,
    #[serde(default)]
    menu: Vec<MenuItem>,
    categories: Vec<Category>,
    #[serde(default)]
    footer: Footer,
}

/// The front matter of an article, between the `+++` lines.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    date: toml::Value,
    category: String,
    #[serde(default)]
    lead: String,
    #[serde(default)]
    author: String,
    image: Option<String>,
    image_alt: Option<String>,
    #[serde(default)]
    caption: String,
    #[serde(default)]
    tags: Vec<String>,
    slug: Option<String>,
    #[serde(default)]
    featured: bool,
}

/// The site settings, once read and checked.
#[derive(Debug, Clone)]
pub struct SiteSettings {
    /// Portal name.
    pub name: String,
    /// Header sub-line.
    pub tagline: String,
    /// For search engines.
    pub description: String,
    /// Public address, without trailing slash.
    pub base_url: String,
    /// Articles per listing page, at least 1.
    pub page_size: u32,
    /// Main menu; derived from the categories when `site.toml` has none.
    pub menu: Vec<MenuItem>,
    /// Categories in display order.
    pub categories: Vec<Category>,
    /// Agency footer.
    pub footer: Footer,
}

/// An article with what the build needs besides its bundle.
#[derive(Debug, Clone)]
pub struct LoadedArticle {
    /// The bundle, ready to write.
    pub article: Article,
    /// Shown in the home page's featured slot when it is the newest such.
    pub featured: bool,
}

/// Everything a content folder holds, validated.
#[derive(Debug, Clone)]
pub struct Content {
    /// The content folder itself.
    pub root: PathBuf,
    /// Site settings.
    pub site: SiteSettings,
    /// Articles, newest first.
    pub articles: Vec<LoadedArticle>,
}

fn toml_error(path: &Path, text: &str, first_line: usize, error: &toml::de::Error) -> Diagnostic {
    let line = error.span().map_or(first_line, |span| {
        first_line + line_of(text, span.start) - 1
    });
    let message = error.message().replace('\n', " ");
    Diagnostic::at(path, line, message.trim().to_string())
}

fn read_text(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(
                text.strip_prefix('\u{feff}')
                    .map(str::to_string)
                    .unwrap_or(text),
            ),
            Err(_) => {
                diagnostics.push(Diagnostic::at(
                    path,
                    0,
                    "the file is not UTF-8 text: save it as UTF-8",
                ));
                None
            }
        },
        Err(e) => {
            diagnostics.push(Diagnostic::at(
                path,
                0,
                format!("cannot read the file: {e}"),
            ));
            None
        }
    }
}

fn load_site(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<SiteSettings> {
    let path = root.join("site.toml");
    let text = read_text(&path, diagnostics)?;
    let file: SiteFile = match toml::from_str(&text) {
        Ok(file) => file,
        Err(e) => {
            diagnostics.push(toml_error(&path, &text, 1, &e));
            return None;
        }
    };
    let before = diagnostics.len();
    if file.name.trim().is_empty() {
        diagnostics.push(Diagnostic::at(
            &path,
            line_of_key(&text, "name"),
            "the site needs a name",
        ));
    }
    if file.categories.is_empty() {
        diagnostics.push(Diagnostic::at(
            &path,
            1,
            "the site needs at least one [[categories]] entry",
        ));
    }
    let mut seen = HashMap::new();
    for category in &file.categories {
        if category.slug.is_empty() || slugify(&category.slug) != category.slug {
            diagnostics.push(Diagnostic::at(
                &path,
                line_of_key(&text, "slug"),
                format!("category slug {:?} must be lower-case ASCII words joined by hyphens, like {:?}", category.slug, slugify(&category.name)),
            ));
        }
        if seen.insert(category.slug.clone(), ()).is_some() {
            diagnostics.push(Diagnostic::at(
                &path,
                1,
                format!("category slug {:?} is used twice", category.slug),
            ));
        }
    }
    if file.page_size == Some(0) {
        diagnostics.push(Diagnostic::at(
            &path,
            line_of_key(&text, "page_size"),
            "page_size must be at least 1",
        ));
    }
    let menu = if file.menu.is_empty() {
        std::iter::once(MenuItem {
            label: "Trang chủ".into(),
            href: "/".into(),
        })
        .chain(file.categories.iter().map(|c| MenuItem {
            label: c.name.clone(),
            href: bantin_model::routes::category(&c.slug, 1),
        }))
        .collect()
    } else {
        file.menu
    };
    for item in &menu {
        if !markdown::is_allowed_link(&item.href) {
            diagnostics.push(Diagnostic::at(
                &path,
                line_of_key(&text, "href"),
                format!(
                    "menu link {:?} is not allowed: use http(s) or a path on this site",
                    item.href
                ),
            ));
        }
    }
    (diagnostics.len() == before).then(|| SiteSettings {
        name: file.name,
        tagline: file.tagline,
        description: file.description,
        base_url: file.base_url.trim_end_matches('/').to_string(),
        page_size: file.page_size.unwrap_or(DEFAULT_PAGE_SIZE),
        menu,
        categories: file.categories,
        footer: file.footer,
    })
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
/// site paths must name a file under the content folder.
pub fn resolve_image(root: &Path, src: &str) -> Result<Option<(u32, u32)>, String> {
    let lower = src.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Ok(None);
    }
    let Some(relative) = src.strip_prefix("/media/") else {
        return Err(format!(
            "picture {src:?} must be a file under /media/ or an http(s) address"
        ));
    };
    if relative
        .split('/')
        .any(|part| part == ".." || part.is_empty())
    {
        return Err(format!("picture {src:?} must not leave the media folder"));
    }
    let file = root.join("media").join(relative);
    let bytes = fs::read(&file)
        .map_err(|_| format!("picture {src} does not exist: put it at {}", file.display()))?;
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    Ok(image_size(&bytes, &extension))
}

fn parse_date(value: &toml::Value) -> Result<Date, String> {
    let refused = |why: String| format!("date {value}: {why}");
    match value {
        toml::Value::Datetime(datetime) => {
            let date = datetime
                .date
                .ok_or_else(|| refused("a day is needed, like 2022-06-28".into()))?;
            Date::new(i32::from(date.year), date.month, date.day)
                .map_err(|e| refused(e.to_string()))
        }
        toml::Value::String(text) => Date::parse(text).map_err(|e| refused(e.to_string())),
        _ => Err(refused("write it as 2022-06-28".into())),
    }
}

/// Splits `+++`-delimited TOML front matter from the body; returns the front
/// matter, the body, and the body's first line number.
fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text.strip_prefix("+++")?;
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Some((front, body, front.lines().count() + 3));
        }
        offset += line.len();
    }
    None
}

fn load_article(
    root: &Path,
    path: &Path,
    site: &SiteSettings,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<LoadedArticle> {
    let text = read_text(path, diagnostics)?;
    let Some((front_text, body, body_line)) = split_front_matter(&text) else {
        diagnostics.push(Diagnostic::at(
            path,
            1,
            "an article starts with front matter between two +++ lines (title, date, category)",
        ));
        return None;
    };
    let front: FrontMatter = match toml::from_str(front_text) {
        Ok(front) => front,
        Err(e) => {
            diagnostics.push(toml_error(path, front_text, 2, &e));
            return None;
        }
    };
    let before = diagnostics.len();
    let key_line = |key: &str| line_of_key(front_text, key) + 1;
    if front.title.trim().is_empty() {
        diagnostics.push(Diagnostic::at(
            path,
            key_line("title"),
            "the title is empty",
        ));
    }
    let date = parse_date(&front.date)
        .map_err(|why| diagnostics.push(Diagnostic::at(path, key_line("date"), why)))
        .ok();
    let category = site.categories.iter().find(|c| c.slug == front.category);
    if category.is_none() {
        let known: Vec<&str> = site.categories.iter().map(|c| c.slug.as_str()).collect();
        diagnostics.push(Diagnostic::at(
            path,
            key_line("category"),
            format!(
                "unknown category {:?}: site.toml has {}",
                front.category,
                known.join(", ")
            ),
        ));
    }
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let slug = front.slug.clone().unwrap_or_else(|| slugify(stem));
    if slug.is_empty() || slugify(&slug) != slug {
        diagnostics.push(Diagnostic::at(
            path,
            key_line("slug"),
            format!("slug {slug:?} must be lower-case ASCII words joined by hyphens"),
        ));
    }
    let image = front.image.as_ref().and_then(|src| {
        let size = resolve_image(root, src)
            .map_err(|why| diagnostics.push(Diagnostic::at(path, key_line("image"), why)))
            .ok()?;
        Some(ImageRef {
            src: src.clone(),
            alt: front
                .image_alt
                .clone()
                .unwrap_or_else(|| front.caption.clone()),
            width: size.map(|s| s.0),
            height: size.map(|s| s.1),
        })
    });
    let resolver = |src: &str| resolve_image(root, src);
    let (body_blocks, body_problems) = markdown::to_blocks(path, body, body_line, &resolver);
    diagnostics.extend(body_problems);
    if diagnostics.len() != before {
        return None;
    }
    let (date, category) = (date?, category?);
    Some(LoadedArticle {
        article: Article {
            schema_version: SCHEMA_VERSION,
            slug,
            title: front.title.trim().to_string(),
            date,
            category: CategoryRef {
                slug: category.slug.clone(),
                name: category.name.clone(),
            },
            lead: front.lead.trim().to_string(),
            author: front.author.trim().to_string(),
            image,
            caption: front.caption,
            tags: front.tags,
            body: body_blocks,
        },
        featured: front.featured,
    })
}

/// Markdown files under `dir`, recursively, in a stable order.
fn markdown_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            markdown_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
}

/// Reads and validates a whole content folder, reporting every problem at
/// once rather than stopping at the first.
pub fn load(root: &Path) -> Result<Content, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    if !root.is_dir() {
        return Err(vec![Diagnostic::at(root, 0, "no such content folder")]);
    }
    let Some(site) = load_site(root, &mut diagnostics) else {
        return Err(diagnostics);
    };
    let mut files = Vec::new();
    markdown_files(&root.join("articles"), &mut files);
    let mut articles: Vec<LoadedArticle> = Vec::new();
    let mut slugs: HashMap<String, PathBuf> = HashMap::new();
    for path in &files {
        if let Some(loaded) = load_article(root, path, &site, &mut diagnostics) {
            if let Some(first) = slugs.get(&loaded.article.slug) {
                diagnostics.push(Diagnostic::at(
                    path,
                    1,
                    format!(
                        "slug {:?} is already used by {}",
                        loaded.article.slug,
                        first.display()
                    ),
                ));
                continue;
            }
            slugs.insert(loaded.article.slug.clone(), path.clone());
            articles.push(loaded);
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    articles.sort_by(|a, b| {
        b.article
            .date
            .cmp(&a.article.date)
            .then_with(|| a.article.slug.cmp(&b.article.slug))
    });
    Ok(Content {
        root: root.to_path_buf(),
        site,
        articles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_splits_and_counts_body_lines() {
        let text = "+++\ntitle = \"a\"\ndate = 2022-01-01\n+++\nBody\n";
        let (front, body, line) = split_front_matter(text).expect("has front matter");
        assert_eq!(front, "title = \"a\"\ndate = 2022-01-01\n");
        assert_eq!(body, "Body\n");
        assert_eq!(line, 5);
        assert!(split_front_matter("title = 1\n").is_none());
        assert!(split_front_matter("+++\ntitle = 1\n").is_none());
    }

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
    fn dates_may_be_toml_dates_or_strings_but_must_exist() {
        let date: toml::Value =
            toml::from_str::<toml::Table>("d = 2022-06-28").expect("toml")["d"].clone();
        assert_eq!(
            parse_date(&date).map(|d| d.to_string()),
            Ok("2022-06-28".into())
        );
        assert!(parse_date(&toml::Value::String("2022-02-30".into())).is_err());
        assert!(parse_date(&toml::Value::Integer(2022)).is_err());
    }
}
