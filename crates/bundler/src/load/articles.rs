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
use bantin_model::{
    Article, ArticleLink, Attachment, Category, Date, ImageRef, Video, SCHEMA_VERSION,
};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// The bundle, ready to write. Shared: the preview keeps what it read
    /// and hands it to each site it makes, not a copy each time.
    pub article: Arc<Article>,
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
        article: Arc::new(Article {
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
        }),
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
/// Gives where the articles whose links changed are.
pub(super) fn link_articles(articles: &mut [LoadedArticle]) -> Vec<usize> {
    let mut by_category: HashMap<&str, Vec<usize>> = HashMap::new();
    // Tags by number (lower-cased first), each with its articles in order.
    let mut tag_ids: HashMap<String, usize> = HashMap::new();
    let mut by_tag: Vec<Vec<usize>> = Vec::new();
    let mut tags_of: Vec<Vec<usize>> = Vec::with_capacity(articles.len());
    for (index, loaded) in articles.iter().enumerate() {
        by_category
            .entry(loaded.article.category.slug.as_str())
            .or_default()
            .push(index);
        let mut own = Vec::with_capacity(loaded.article.tags.len());
        for tag in &loaded.article.tags {
            let next = by_tag.len();
            let id = *tag_ids.entry(tag.to_lowercase()).or_insert(next);
            if id == next {
                by_tag.push(Vec::new());
            }
            by_tag[id].push(index);
            own.push(id);
        }
        tags_of.push(own);
    }
    // Where each article stands in its category's list (newest first).
    let mut place = vec![0; articles.len()];
    for siblings in by_category.values() {
        for (at, &index) in siblings.iter().enumerate() {
            place[index] = at;
        }
    }
    // Each article's links are worked out on every core. A tag's articles
    // are in order, so the candidates of an article's tags come in order
    // by merging those lists (the first 200 of each): shared tags are
    // counted without sorting or hashing.
    let shared: &[LoadedArticle] = articles;
    let indices: Vec<usize> = (0..shared.len()).collect();
    let links = crate::cores::map_in_order(&indices, |&index| {
        let article = &shared[index].article;
        let siblings = &by_category[article.category.slug.as_str()];
        let at = place[index];
        let next = at.checked_sub(1).map(|i| siblings[i]);
        let previous = siblings.get(at + 1).copied();
        let mut lists: Vec<&[usize]> = tags_of[index]
            .iter()
            .map(|&id| &by_tag[id][..by_tag[id].len().min(200)])
            .collect();
        // The most shared first, then the newest: the best few, kept as
        // the merge goes.
        let mut best: Vec<(usize, usize)> = Vec::with_capacity(RELATED_COUNT + 1);
        let mut keep = |other: usize, count: usize| {
            if other == index {
                return;
            }
            let at = best
                .iter()
                .position(|&(i, c)| count > c || (count == c && other < i))
                .unwrap_or(best.len());
            if at < RELATED_COUNT {
                best.insert(at, (other, count));
                best.truncate(RELATED_COUNT);
            }
        };
        let mut run: Option<(usize, usize)> = None;
        while let Some(list) = lists
            .iter_mut()
            .filter(|list| !list.is_empty())
            .min_by_key(|list| list[0])
        {
            let other = list[0];
            *list = &list[1..];
            run = match run {
                Some((last, count)) if last == other => Some((last, count + 1)),
                Some((last, count)) => {
                    keep(last, count);
                    Some((other, 1))
                }
                None => Some((other, 1)),
            };
        }
        if let Some((last, count)) = run {
            keep(last, count);
        }
        let mut chosen: Vec<usize> = best.into_iter().map(|(i, _)| i).collect();
        for &sibling in siblings {
            if chosen.len() >= RELATED_COUNT {
                break;
            }
            if sibling != index && !chosen.contains(&sibling) {
                chosen.push(sibling);
            }
        }
        // An article linked as before (the preview's, read earlier) stays
        // shared, and nothing is copied for it.
        let link_is = |have: &Option<ArticleLink>, wanted: Option<usize>| match (have, wanted) {
            (None, None) => true,
            (Some(have), Some(i)) => shared[i].article.is_linked_by(have),
            _ => false,
        };
        let unchanged = link_is(&article.previous, previous)
            && link_is(&article.next, next)
            && article.related.len() == chosen.len()
            && article
                .related
                .iter()
                .zip(&chosen)
                .all(|(have, &i)| shared[i].article.is_summarised_by(have));
        (!unchanged).then(|| {
            (
                previous.map(|i| shared[i].article.link()),
                next.map(|i| shared[i].article.link()),
                chosen
                    .iter()
                    .map(|&i| shared[i].article.summary())
                    .collect::<Vec<_>>(),
            )
        })
    });
    let mut changed = Vec::new();
    for (index, new_links) in links.into_iter().enumerate() {
        if let Some((previous, next, related)) = new_links {
            let article = Arc::make_mut(&mut articles[index].article);
            article.previous = previous;
            article.next = next;
            article.related = related;
            changed.push(index);
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use bantin_model::CategoryRef;

    fn loaded(slug: &str, category: &str, tags: &[&str]) -> LoadedArticle {
        LoadedArticle {
            article: Arc::new(Article {
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
            }),
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
    fn the_most_shared_tags_come_first_and_linking_again_copies_nothing() {
        let mut articles = vec![
            loaded("a", "tin-tuc", &["lúa"]),
            loaded("b", "tin-tuc", &["lúa", "nước", "đê"]),
            loaded("c", "thong-bao", &["nước", "lúa"]),
            loaded("d", "tin-tuc", &["lúa", "nước", "đê"]),
            loaded("e", "tin-tuc", &["đê"]),
        ];
        assert_eq!(link_articles(&mut articles).len(), 5);
        let slugs = |at: usize, articles: &[LoadedArticle]| {
            articles[at]
                .article
                .related
                .iter()
                .map(|s| s.slug.clone())
                .collect::<Vec<_>>()
        };
        // b shares three tags with d, two with c, one with a and e.
        assert_eq!(slugs(1, &articles), ["d", "c", "a", "e"]);
        assert_eq!(slugs(2, &articles), ["b", "d", "a"]);
        let before: Vec<Arc<Article>> = articles.iter().map(|a| a.article.clone()).collect();
        assert_eq!(link_articles(&mut articles), Vec::<usize>::new());
        assert!(articles
            .iter()
            .zip(&before)
            .all(|(now, then)| Arc::ptr_eq(&now.article, then)));
        // A new title: those that link to it, and only they, change.
        Arc::make_mut(&mut articles[4].article).title = "E mới".into();
        assert_eq!(link_articles(&mut articles), [0, 1, 3]);
        let d = &articles[3].article;
        assert_eq!(d.previous.as_ref().map(|l| l.title.as_str()), Some("E mới"));
        assert_eq!(articles[1].article.related[3].title, "E mới");
    }
}
