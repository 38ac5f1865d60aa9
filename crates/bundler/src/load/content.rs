//! Reading a content folder: `site.toml`, `articles/*.md`, `media/`.

use crate::diagnostic::{column_of, line_of, line_of_key, Diagnostic, Severity};
use crate::load::markdown;
use crate::load::markdown::SiteLink;
use crate::load::media::{self, MediaFolder, MediaLookup};
use crate::load::LoadError;
use bantin_model::{
    paths, slugify, Article, Attachment, Category, Contact, Date, Footer, ImageRef, MenuItem, Page,
    Stats, Video, SCHEMA_VERSION,
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
    /// Where the visitor counter reads its figures; by default the
    /// `stats.json` shipped from the content folder.
    counter: Option<String>,
    #[serde(default)]
    portals: Vec<MenuItem>,
}

/// A file to download, as front matter lists it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttachmentEntry {
    file: String,
    #[serde(default)]
    title: String,
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
    /// A video file under /media/ (video articles).
    video: Option<String>,
    /// A YouTube video id or address (video articles).
    youtube: Option<String>,
    /// WebVTT captions for the video.
    captions: Option<String>,
    #[serde(default)]
    duration: String,
    #[serde(default)]
    attachments: Vec<AttachmentEntry>,
    /// The last day an announcement applies.
    expires: Option<toml::Value>,
}

/// The front matter of a static page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PageFrontMatter {
    title: String,
    #[serde(default)]
    lead: String,
    slug: Option<String>,
    /// Position in menus and the site map; lower first.
    #[serde(default)]
    order: i32,
    #[serde(default)]
    contacts: Vec<Contact>,
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
    /// Address of the visitor figures; empty for no counter.
    pub counter: String,
    /// Links to other government portals.
    pub portals: Vec<MenuItem>,
}

impl SiteSettings {
    /// The category `slug` sits under, if it is a subcategory.
    pub fn parent_of(&self, slug: &str) -> Option<&Category> {
        let parent = self
            .categories
            .iter()
            .find(|c| c.slug == slug)?
            .parent
            .as_ref()?;
        self.categories.iter().find(|c| &c.slug == parent)
    }
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
    /// Articles, newest first, with related and neighbouring articles
    /// filled in.
    pub articles: Vec<LoadedArticle>,
    /// Static pages, in menu order.
    pub pages: Vec<Page>,
    /// The visitor figures shipped as `data/stats.json`, when the content
    /// folder has a `stats.json`.
    pub stats: Option<Stats>,
    /// What is worth fixing but did not stop the build (missing alt text,
    /// over-long titles), for the editor.
    pub warnings: Vec<Diagnostic>,
}

fn toml_error(path: &Path, text: &str, first_line: usize, error: &toml::de::Error) -> Diagnostic {
    let (line, column) = error.span().map_or((first_line, 1), |span| {
        (
            first_line + line_of(text, span.start) - 1,
            column_of(text, span.start),
        )
    });
    let message = error.message().replace('\n', " ");
    Diagnostic::at_column(path, line, column, message.trim().to_string())
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

/// Titles longer than this get a warning: listings, feeds and search
/// engines cut them.
pub const MAX_TITLE_CHARS: usize = 120;

fn title_is_long(title: &str) -> bool {
    title.trim().chars().count() > MAX_TITLE_CHARS
}

/// How many of `diagnostics` are errors (warnings do not stop a build).
fn errors_in(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

/// Reads and checks `site.toml` alone (for tools that need the categories
/// without loading every article).
pub fn site_settings(root: &Path) -> Result<SiteSettings, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    load_site(root, &mut diagnostics).ok_or(diagnostics)
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
        if let Some(parent) = &category.parent {
            let above = file.categories.iter().find(|c| &c.slug == parent);
            let why = match above {
                None => Some(format!(
                    "category {:?} sits under {parent:?}, which is not a category",
                    category.slug
                )),
                Some(above) if above.slug == category.slug => Some(format!(
                    "category {:?} cannot sit under itself",
                    category.slug
                )),
                Some(above) if above.parent.is_some() => Some(format!(
                    "category {:?} sits under {parent:?}, which is itself a subcategory: one level only",
                    category.slug
                )),
                Some(_) => None,
            };
            if let Some(why) = why {
                diagnostics.push(Diagnostic::at(&path, line_of_key(&text, "parent"), why));
            }
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
        // Subcategories are reached from their parent's page.
        .chain(
            file.categories
                .iter()
                .filter(|c| c.parent.is_none())
                .map(|c| MenuItem {
                    label: c.name.clone(),
                    href: bantin_model::routes::category(&c.slug, 1),
                }),
        )
        .collect()
    } else {
        file.menu
    };
    for item in menu.iter().chain(&file.portals) {
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
    if let Err(why) = check_base_url(&file.base_url) {
        let line = line_of_key(&text, "base_url");
        let column = text
            .lines()
            .nth(line.saturating_sub(1))
            .and_then(|written| written.find('"'))
            .map_or(1, |quote| quote + 2);
        diagnostics.push(Diagnostic::at_column(&path, line, column, why.to_string()));
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
        counter: file.counter.unwrap_or_else(|| {
            if root.join("stats.json").is_file() {
                paths::STATS.to_string()
            } else {
                String::new()
            }
        }),
        portals: file.portals,
    })
}

fn parse_date(value: &toml::Value) -> Result<Date, LoadError> {
    let refused = |why: String| LoadError::Date {
        value: value.to_string(),
        why,
    };
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

/// Where the site is served: empty (not known yet), or an http(s)
/// address of a host, with a path if the site lives under one, and
/// nothing a browser would not keep in a link (a query, a fragment, `..`).
fn check_base_url(url: &str) -> Result<(), LoadError> {
    if url.is_empty() {
        return Ok(());
    }
    let refused = |why: &str| LoadError::BaseUrl {
        url: url.to_string(),
        why: why.to_string(),
    };
    let lower = url.to_ascii_lowercase();
    let Some(rest) = ["https://", "http://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme))
    else {
        return Err(refused("must start with https:// or http://"));
    };
    if url.contains(['?', '#']) {
        return Err(refused("must not have a query (?…) or a fragment (#…)"));
    }
    if url.contains(char::is_whitespace) || url.contains('\\') {
        return Err(refused("must not hold spaces or backslashes"));
    }
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() {
        return Err(refused("has no host"));
    }
    if path.split('/').any(|part| part == ".." || part == ".") {
        return Err(refused("must not have . or .. in its path"));
    }
    Ok(())
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

/// A Markdown file with TOML front matter, read and parsed.
struct SourceFile<F> {
    /// The parsed front matter.
    front: F,
    /// The front matter as written, to find the line a key is on.
    front_text: String,
    /// The Markdown after the front matter.
    body: String,
    /// The line of the file the body starts at.
    body_line: usize,
}

impl<F> SourceFile<F> {
    /// The line of the file a front matter key is written on.
    fn key_line(&self, key: &str) -> usize {
        line_of_key(&self.front_text, key) + 1
    }
}

/// Reads a content file and parses its front matter; `needs` names the
/// keys an editor must write, for the message when the front matter is
/// missing.
fn read_source<F: serde::de::DeserializeOwned>(
    path: &Path,
    needs: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<SourceFile<F>> {
    let text = read_text(path, diagnostics)?;
    let Some((front_text, body, body_line)) = split_front_matter(&text) else {
        diagnostics.push(Diagnostic::at(
            path,
            1,
            format!("the file starts with front matter between two +++ lines ({needs})"),
        ));
        return None;
    };
    match toml::from_str(front_text) {
        Ok(front) => Some(SourceFile {
            front,
            front_text: front_text.to_string(),
            body: body.to_string(),
            body_line,
        }),
        Err(e) => {
            diagnostics.push(toml_error(path, front_text, 2, &e));
            None
        }
    }
}

/// Converts a file's Markdown body: its problems join `diagnostics`, its
/// links to site paths join `links` (checked once every file is read).
fn convert_body<F>(
    path: &Path,
    source: &SourceFile<F>,
    media: &dyn MediaLookup,
    diagnostics: &mut Vec<Diagnostic>,
    links: &mut Vec<(PathBuf, SiteLink)>,
) -> Vec<bantin_model::Block> {
    let body = markdown::to_blocks(path, &source.body, source.body_line, media);
    diagnostics.extend(body.diagnostics);
    links.extend(
        body.links
            .into_iter()
            .map(|link| (path.to_path_buf(), link)),
    );
    body.blocks
}

/// Checks the title and works out the slug (given, or from the file name)
/// of an article or a page, reporting what is wrong with either.
fn title_and_slug<F>(
    path: &Path,
    source: &SourceFile<F>,
    title: &str,
    given_slug: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    if title.trim().is_empty() {
        diagnostics.push(Diagnostic::at(
            path,
            source.key_line("title"),
            "the title is empty",
        ));
    }
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let slug = given_slug.map_or_else(|| slugify(stem), str::to_string);
    if slug.is_empty() || slugify(&slug) != slug {
        diagnostics.push(Diagnostic::at(
            path,
            source.key_line("slug"),
            format!("slug {slug:?} must be lower-case ASCII words joined by hyphens"),
        ));
    }
    slug
}

fn load_article(
    root: &Path,
    path: &Path,
    today: Option<Date>,
    site: &SiteSettings,
    diagnostics: &mut Vec<Diagnostic>,
    links: &mut Vec<(PathBuf, SiteLink)>,
) -> Option<LoadedArticle> {
    let source: SourceFile<FrontMatter> = read_source(path, "title, date, category", diagnostics)?;
    let before = errors_in(diagnostics);
    let slug = title_and_slug(
        path,
        &source,
        &source.front.title,
        source.front.slug.as_deref(),
        diagnostics,
    );
    let front = &source.front;
    let key_line = |key: &str| source.key_line(key);
    let media = MediaFolder { root };
    let date = parse_date(&front.date)
        .map_err(|why| diagnostics.push(Diagnostic::at(path, key_line("date"), why.to_string())))
        .ok();
    let expires = front.expires.as_ref().and_then(|value| {
        parse_date(value)
            .and_then(|expires| match date {
                Some(published) if expires < published => {
                    Err(LoadError::ExpiresBeforeDate { expires, published })
                }
                _ => Ok(expires),
            })
            .map_err(|why| {
                diagnostics.push(Diagnostic::at(path, key_line("expires"), why.to_string()))
            })
            .ok()
    });
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
    let image = front.image.as_ref().and_then(|src| {
        let facts = media
            .image(src)
            .map_err(|why| diagnostics.push(Diagnostic::at(path, key_line("image"), why.to_string())))
            .ok()?;
        let alt = front
            .image_alt
            .clone()
            .unwrap_or_else(|| front.caption.clone());
        if alt.trim().is_empty() {
            diagnostics.push(Diagnostic::warning(
                path,
                key_line("image"),
                format!("picture {src} has no description for readers who cannot see it: add image_alt or caption"),
            ));
        }
        Some(ImageRef {
            src: src.clone(),
            alt,
            width: facts.size.map(|s| s.0),
            height: facts.size.map(|s| s.1),
            variants: facts.variants,
        })
    });
    let body_blocks = convert_body(path, &source, &media, diagnostics, links);
    if title_is_long(&front.title) {
        diagnostics.push(Diagnostic::warning(
            path,
            key_line("title"),
            format!(
                "the title is {} characters long (over {MAX_TITLE_CHARS}): lists, feeds and search engines cut it",
                front.title.trim().chars().count()
            ),
        ));
    }
    let video = article_video(front, image.as_ref(), &media)
        .map_err(|why| {
            let key = if front.youtube.is_some() {
                "youtube"
            } else {
                "video"
            };
            diagnostics.push(Diagnostic::at(path, key_line(key), why.to_string()))
        })
        .ok()
        .flatten();
    let mut attachments: Vec<Attachment> = Vec::new();
    for entry in &front.attachments {
        match media::attachment(&media, &entry.file, &entry.title) {
            Ok(attachment) => attachments.push(attachment),
            Err(why) => diagnostics.push(Diagnostic::at(
                path,
                key_line("attachments"),
                why.to_string(),
            )),
        }
    }
    if errors_in(diagnostics) != before {
        return None;
    }
    let (date, category) = (date?, category?);
    let front = source.front;
    Some(LoadedArticle {
        article: Article {
            schema_version: SCHEMA_VERSION,
            slug,
            title: front.title.trim().to_string(),
            date,
            category: category.to_ref(),
            parent_category: site.parent_of(&category.slug).map(Category::to_ref),
            lead: front.lead.trim().to_string(),
            author: front.author.trim().to_string(),
            image,
            caption: front.caption,
            tags: front.tags,
            body: body_blocks,
            video,
            attachments,
            duration: front.duration.trim().to_string(),
            expires,
            expired: expires.zip(today).is_some_and(|(last, today)| last < today),
            related: Vec::new(),
            previous: None,
            next: None,
        },
        featured: front.featured,
    })
}

/// The video a video article is about: a file or a YouTube id (an address
/// is accepted too), its lead picture as poster.
fn article_video(
    front: &FrontMatter,
    image: Option<&ImageRef>,
    media: &dyn MediaLookup,
) -> Result<Option<Video>, LoadError> {
    if front.video.is_none() && front.youtube.is_none() {
        return Ok(None);
    }
    let youtube = front
        .youtube
        .as_ref()
        .map(|given| media::youtube_id(given).unwrap_or_else(|| given.trim().to_string()));
    if let Some(src) = &front.video {
        if !media::is_video_file(src) {
            return Err(LoadError::VideoFormat { src: src.clone() });
        }
    }
    let video = Video {
        src: front.video.clone(),
        youtube,
        poster: image.map(|i| i.src.clone()),
        captions: front.captions.clone(),
        duration: front.duration.trim().to_string(),
        title: front.title.trim().to_string(),
    };
    media::check_video(media, &video)?;
    Ok(Some(video))
}

fn load_page(
    root: &Path,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    links: &mut Vec<(PathBuf, SiteLink)>,
) -> Option<(i32, Page)> {
    let source: SourceFile<PageFrontMatter> = read_source(path, "title", diagnostics)?;
    let before = errors_in(diagnostics);
    let slug = title_and_slug(
        path,
        &source,
        &source.front.title,
        source.front.slug.as_deref(),
        diagnostics,
    );
    let media = MediaFolder { root };
    let blocks = convert_body(path, &source, &media, diagnostics, links);
    let front = source.front;
    (errors_in(diagnostics) == before).then(|| {
        (
            front.order,
            Page {
                schema_version: SCHEMA_VERSION,
                slug,
                title: front.title.trim().to_string(),
                lead: front.lead.trim().to_string(),
                body: blocks,
                contacts: front.contacts,
            },
        )
    })
}

fn load_stats(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Stats> {
    let path = root.join("stats.json");
    if !path.is_file() {
        return None;
    }
    let text = read_text(&path, diagnostics)?;
    serde_json::from_str(&text)
        .map_err(|e| {
            diagnostics.push(Diagnostic::at(
                &path,
                e.line(),
                format!("{e}: write it as {{\"total\": 1234567}}"),
            ))
        })
        .ok()
}

/// How many related articles each article lists.
pub const RELATED_COUNT: usize = 4;

/// Fills in each article's previous and next article of the same category
/// and its related articles: those sharing the most tags, newest first,
/// topped up from the same category. Works through a tag index, so the
/// cost grows with the articles sharing tags, not with the square of all.
fn link_articles(articles: &mut [LoadedArticle]) {
    let mut by_category: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_tag: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, loaded) in articles.iter().enumerate() {
        by_category
            .entry(loaded.article.category.slug.clone())
            .or_default()
            .push(index);
        for tag in &loaded.article.tags {
            by_tag.entry(tag.to_lowercase()).or_default().push(index);
        }
    }
    // Where each article stands in its category's list (newest first).
    let mut place = vec![0; articles.len()];
    for siblings in by_category.values() {
        for (at, &index) in siblings.iter().enumerate() {
            place[index] = at;
        }
    }
    // Each article's links are worked out on every core. Shared tags are
    // counted by sorting the few hundred candidates: no hashing, which
    // was most of this at 100,000 articles.
    let indices: Vec<usize> = (0..articles.len()).collect();
    let links = crate::cores::map_in_order(&indices, |&index| {
        let article = &articles[index].article;
        let siblings = &by_category[&article.category.slug];
        let at = place[index];
        let next = at.checked_sub(1).map(|i| siblings[i]);
        let previous = siblings.get(at + 1).copied();
        let mut candidates: Vec<usize> = article
            .tags
            .iter()
            .flat_map(|tag| {
                by_tag
                    .get(&tag.to_lowercase())
                    .into_iter()
                    .flatten()
                    .take(200)
            })
            .copied()
            .filter(|&other| other != index)
            .collect();
        candidates.sort_unstable();
        // (article, tags shared), most shared first, then newest.
        let mut related: Vec<(usize, usize)> = Vec::new();
        for other in candidates {
            match related.last_mut() {
                Some((last, shared)) if *last == other => *shared += 1,
                _ => related.push((other, 1)),
            }
        }
        related.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut chosen: Vec<usize> = related
            .into_iter()
            .map(|(i, _)| i)
            .take(RELATED_COUNT)
            .collect();
        for &sibling in siblings {
            if chosen.len() >= RELATED_COUNT {
                break;
            }
            if sibling != index && !chosen.contains(&sibling) {
                chosen.push(sibling);
            }
        }
        (previous, next, chosen)
    });
    let summaries: Vec<_> = articles.iter().map(|a| a.article.summary()).collect();
    let short_links: Vec<_> = articles.iter().map(|a| a.article.link()).collect();
    for (loaded, (previous, next, related)) in articles.iter_mut().zip(links) {
        loaded.article.previous = previous.map(|i| short_links[i].clone());
        loaded.article.next = next.map(|i| short_links[i].clone());
        loaded.article.related = related.into_iter().map(|i| summaries[i].clone()).collect();
    }
}

/// Markdown files under `dir`, recursively, in a stable order.
fn markdown_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    // Names are sorted, not paths: in one folder they come in the same
    // order, and comparing 100,000 paths part by part cost more than
    // listing them. The kind comes with the listing (a link is followed).
    let mut names: Vec<(std::ffi::OsString, bool)> = entries
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let is_dir = match entry.file_type() {
                Ok(kind) if !kind.is_symlink() => kind.is_dir(),
                _ => entry.path().is_dir(),
            };
            Some((entry.file_name(), is_dir))
        })
        .collect();
    names.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, is_dir) in names {
        let path = dir.join(name);
        if is_dir {
            markdown_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
}

/// One article file as read: the article (if it has no errors), its
/// problems, and its links to check once every address is known.
type ParsedArticle = (
    Option<LoadedArticle>,
    Vec<Diagnostic>,
    Vec<(PathBuf, SiteLink)>,
);

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
    let mut links = Vec::new();
    let mut articles: Vec<LoadedArticle> = Vec::new();
    let mut slugs: HashMap<String, PathBuf> = HashMap::new();
    // The day expiries are judged against (none on a clock before 1970:
    // nothing expires).
    let today = crate::clock::today();
    // Files are read and parsed on every core; what they hold is then
    // taken in file order, so problems and duplicate slugs are reported
    // as on one thread.
    let parsed: Vec<ParsedArticle> = crate::cores::map_in_order(&files, |path| {
        // Each file's problems are gathered apart, so telling whether it
        // has errors looks at its own few, not at every problem so far (an
        // archive of 100,000 articles with a warning each).
        let mut own = Vec::new();
        let mut own_links = Vec::new();
        let loaded = load_article(root, path, today, &site, &mut own, &mut own_links);
        (loaded, own, own_links)
    });
    for (path, (loaded, mut own, mut own_links)) in files.iter().zip(parsed) {
        diagnostics.append(&mut own);
        links.append(&mut own_links);
        if let Some(loaded) = loaded {
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
    let mut pages = Vec::new();
    let mut page_files = Vec::new();
    markdown_files(&root.join("pages"), &mut page_files);
    let mut page_slugs: HashMap<String, PathBuf> = HashMap::new();
    for path in &page_files {
        let mut own = Vec::new();
        let loaded = load_page(root, path, &mut own, &mut links);
        diagnostics.append(&mut own);
        if let Some((order, page)) = loaded {
            if let Some(first) = page_slugs.insert(page.slug.clone(), path.clone()) {
                diagnostics.push(Diagnostic::at(
                    path,
                    1,
                    format!(
                        "slug {:?} is already used by {}",
                        page.slug,
                        first.display()
                    ),
                ));
            }
            pages.push((order, page));
        }
    }
    let stats = load_stats(root, &mut diagnostics);
    let addresses = site_addresses(&site, &articles, &pages, &files);
    for (path, link) in links {
        let target = link.href.split(['?', '#']).next().unwrap_or_default();
        let target = if target.len() > 1 {
            target.trim_end_matches('/')
        } else {
            target
        };
        let media = target
            .strip_prefix("/media/")
            .is_some_and(|file| !file.contains("..") && root.join("media").join(file).is_file());
        if !media && !addresses.contains(target) {
            diagnostics.push(Diagnostic::at_column(
                &path,
                link.line,
                link.column,
                format!("link {:?} goes nowhere on this site: no article, page, category or file has that address", link.href),
            ));
        }
    }
    let warnings: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .cloned()
        .collect();
    if errors_in(&diagnostics) > 0 {
        return Err(diagnostics);
    }
    pages.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.slug.cmp(&b.1.slug)));
    articles.sort_by(|a, b| {
        b.article
            .date
            .cmp(&a.article.date)
            .then_with(|| a.article.slug.cmp(&b.article.slug))
    });
    link_articles(&mut articles);
    Ok(Content {
        root: root.to_path_buf(),
        site,
        articles,
        pages: pages.into_iter().map(|(_, page)| page).collect(),
        stats,
        warnings,
    })
}

/// Every address this content makes (home, listing pages, articles,
/// pages, site map, search, feeds), for checking links written in bodies.
/// Articles that failed to load count under their file name, so one
/// broken file is not reported again in every link to it.
fn site_addresses(
    site: &SiteSettings,
    articles: &[LoadedArticle],
    pages: &[(i32, Page)],
    files: &[PathBuf],
) -> std::collections::HashSet<String> {
    use bantin_model::routes;
    let mut addresses: std::collections::HashSet<String> =
        [routes::HOME, routes::SITE_MAP, routes::SEARCH]
            .iter()
            .map(|a| a.to_string())
            .collect();
    addresses.insert(paths::SITEMAP.to_string());
    addresses.insert(paths::ROBOTS.to_string());
    addresses.insert(paths::rss_feed(None));
    addresses.insert(paths::atom_feed(None));
    let page_size = site.page_size.max(1) as usize;
    for category in &site.categories {
        let count = articles
            .iter()
            .filter(|a| a.article.is_listed_in(&category.slug))
            .count();
        for page in 1..=bantin_model::listing_page_count(count, page_size) {
            addresses.insert(routes::category(&category.slug, page as u32));
        }
        addresses.insert(paths::rss_feed(Some(&category.slug)));
        addresses.insert(paths::atom_feed(Some(&category.slug)));
    }
    for loaded in articles {
        addresses.insert(routes::article(&loaded.article.slug));
    }
    for file in files {
        if let Some(stem) = file.file_stem().and_then(|s| s.to_str()) {
            addresses.insert(routes::article(&slugify(stem)));
        }
    }
    for (_, page) in pages {
        addresses.insert(routes::page(&page.slug));
    }
    addresses
}

#[cfg(test)]
mod tests {
    use super::*;
    use bantin_model::CategoryRef;

    #[test]
    fn markdown_files_come_in_path_order_through_folders_and_links() {
        let base = crate::test_folder::with_files("md-files", &[]);
        let articles = base.join("articles");
        for name in [
            "b.md",
            "a-c.md",
            "a/z.md",
            "a/b.md",
            "Z.md",
            "ghi-chu.txt",
            "đ.md",
        ] {
            let path = articles.join(name);
            fs::create_dir_all(path.parent().expect("folder")).expect("folder");
            fs::write(path, "").expect("written");
        }
        fs::create_dir_all(base.join("elsewhere")).expect("folder");
        fs::write(base.join("elsewhere/x.md"), "").expect("written");
        #[cfg(unix)]
        std::os::unix::fs::symlink(base.join("elsewhere"), articles.join("lien-ket"))
            .expect("link");
        let mut found = Vec::new();
        markdown_files(&articles, &mut found);
        // The order paths sort in, part by part.
        let mut expected: Vec<PathBuf> = ["Z.md", "a/b.md", "a/z.md", "a-c.md", "b.md", "đ.md"]
            .iter()
            .map(|name| articles.join(name))
            .collect();
        if cfg!(unix) {
            expected.push(articles.join("lien-ket/x.md"));
        }
        expected.sort();
        assert_eq!(found, expected);
        let _ = fs::remove_dir_all(&base);
    }

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

    fn loaded(slug: &str, category: &str, tags: &[&str]) -> LoadedArticle {
        LoadedArticle {
            article: Article {
                schema_version: SCHEMA_VERSION,
                slug: slug.into(),
                title: slug.to_uppercase(),
                date: Date::new(2024, 1, 1).expect("a real day"),
                category: CategoryRef {
                    slug: category.into(),
                    name: category.into(),
                },
                parent_category: None,
                lead: String::new(),
                author: String::new(),
                image: None,
                caption: String::new(),
                tags: tags.iter().map(|t| t.to_string()).collect(),
                body: Vec::new(),
                video: None,
                attachments: Vec::new(),
                duration: String::new(),
                expires: None,
                expired: false,
                related: Vec::new(),
                previous: None,
                next: None,
            },
            featured: false,
        }
    }

    #[test]
    fn neighbours_stay_in_the_category_and_related_share_tags_first() {
        // Newest first, as `load` sorts them.
        let mut articles = vec![
            loaded("a", "tin-tuc", &["Lúa"]),
            loaded("b", "thong-bao", &["nước"]),
            loaded("c", "tin-tuc", &["lúa", "nước"]),
            loaded("d", "tin-tuc", &[]),
            loaded("e", "thong-bao", &["lúa"]),
        ];
        link_articles(&mut articles);
        let slugs = |list: &[bantin_model::ArticleSummary]| {
            list.iter().map(|s| s.slug.clone()).collect::<Vec<_>>()
        };
        let c = &articles[2].article;
        assert_eq!(c.next.as_ref().map(|l| l.slug.as_str()), Some("a"));
        assert_eq!(c.previous.as_ref().map(|l| l.slug.as_str()), Some("d"));
        // Tags match whatever their case; then the category tops the list up.
        assert_eq!(slugs(&c.related), ["a", "b", "e", "d"]);
        let a = &articles[0].article;
        assert_eq!(a.next, None);
        assert_eq!(a.previous.as_ref().map(|l| l.slug.as_str()), Some("c"));
        assert_eq!(slugs(&articles[3].article.related), ["a", "c"]);
    }

    #[test]
    fn the_base_url_is_an_http_address_without_query_fragment_or_dots() {
        for good in ["", "https://hoalam.gov.vn", "http://localhost:8080/cong/"] {
            assert_eq!(check_base_url(good), Ok(()), "{good}");
        }
        for (bad, why) in [
            ("ftp://hoalam.gov.vn", "https://"),
            ("hoalam.gov.vn", "https://"),
            ("https://hoalam.gov.vn/?a=1", "query"),
            ("https://hoalam.gov.vn/#top", "fragment"),
            ("https://hoalam.gov.vn/cong/../khac", ".."),
            ("https:///cong", "no host"),
            ("https://hoa lam.gov.vn", "spaces"),
        ] {
            let refused = check_base_url(bad).expect_err(bad).to_string();
            assert!(refused.contains(why), "{bad}: {refused}");
        }
    }

    #[test]
    fn a_bad_base_url_is_reported_at_its_line_and_column() {
        let root = crate::test_folder::with_files(
            "base-url",
            &[(
                "site.toml",
                "name = \"Cổng\"\nbase_url = \"ftp://x.vn\"\n\n[[categories]]\nslug = \"tin-tuc\"\nname = \"Tin\"\n".as_bytes(),
            )],
        );
        let mut found = Vec::new();
        assert!(load_site(&root, &mut found).is_none());
        let shown: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert!(
            shown[0].ends_with(
                "site.toml:2:13: base_url \"ftp://x.vn\" must start with https:// or http://"
            ),
            "{shown:?}"
        );
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
