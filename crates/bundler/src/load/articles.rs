//! One article file (`articles/**/*.md`) read and checked into a
//! [`LoadedArticle`], and the links between articles (neighbours in their
//! category, related by tags).

use super::site::SiteSettings;
use super::source::{
    convert_body, errors_in, parse_date, read_titled, title_is_long, Titled, MAX_TITLE_CHARS,
};
use crate::diagnostic::Diagnostic;
use crate::load::markdown::SiteLink;
use crate::load::media::{self, MediaFolder, MediaLookup};
use crate::load::LoadError;
use bantin_model::{Article, Attachment, Category, Date, ImageRef, Video, SCHEMA_VERSION};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

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

impl Titled for FrontMatter {
    fn title(&self) -> &str {
        &self.title
    }

    fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
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

pub(super) fn load_article(
    root: &Path,
    path: &Path,
    today: Option<Date>,
    site: &SiteSettings,
    diagnostics: &mut Vec<Diagnostic>,
    links: &mut Vec<(PathBuf, SiteLink)>,
) -> Option<LoadedArticle> {
    let (source, slug, before) =
        read_titled::<FrontMatter>(path, "title, date, category", diagnostics)?;
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

/// How many related articles each article lists.
pub const RELATED_COUNT: usize = 4;

/// Fills in each article's previous and next article of the same category
/// and its related articles: those sharing the most tags, newest first,
/// topped up from the same category. Works through a tag index, so the
/// cost grows with the articles sharing tags, not with the square of all.
pub(super) fn link_articles(articles: &mut [LoadedArticle]) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use bantin_model::CategoryRef;

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
}
