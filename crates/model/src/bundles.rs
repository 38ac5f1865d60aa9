//! The JSON bundles the bundler writes and the app reads.

use crate::{Block, Date};
use serde::{Deserialize, Serialize};

mod read;

/// The major version of the bundle format. The app accepts only bundles of
/// its own major version and asks the reader to reload otherwise, so a reader
/// never runs an old app against new data.
pub const SCHEMA_VERSION: u32 = 1;

/// `data/site.json`: who publishes the portal and how it is laid out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Site {
    /// Always [`SCHEMA_VERSION`] when written by this bundler.
    pub schema_version: u32,
    /// Full portal name, shown in the header and in page titles.
    pub name: String,
    /// A short line under the name in the header.
    #[serde(default)]
    pub tagline: String,
    /// One sentence for search engines and link previews.
    #[serde(default)]
    pub description: String,
    /// The public address the site is deployed at, without a trailing slash.
    #[serde(default)]
    pub base_url: String,
    /// The main menu, in order.
    pub menu: Vec<MenuItem>,
    /// Every category, in the order editors want them shown.
    pub categories: Vec<Category>,
    /// The agency footer.
    pub footer: Footer,
    /// Where the visitor counter reads its figures (a [`Stats`] JSON file);
    /// empty when the portal shows no counter.
    #[serde(default)]
    pub counter: String,
    /// Links to other government portals, shown in the footer.
    #[serde(default)]
    pub portals: Vec<MenuItem>,
    /// The static pages (Giới thiệu, Liên hệ, …), for menus and the site map.
    #[serde(default)]
    pub pages: Vec<PageLink>,
}

/// A static page named from the site bundle: enough for a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageLink {
    /// URL segment of the page.
    pub slug: String,
    /// Its title.
    pub title: String,
}

/// What a category holds, which decides how the portal shows it: news
/// fills the main column of the home page, the other kinds its sidebar
/// blocks, and each kind has its own listing layout.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CategoryKind {
    /// Ordinary articles.
    #[default]
    News,
    /// Short notices ("Thông báo").
    Announcements,
    /// Reports and statistics with files to download ("Báo cáo - thống kê").
    Documents,
    /// Video reports ("Videos").
    Videos,
}

/// One entry of the main menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuItem {
    /// What the reader sees.
    pub label: String,
    /// Site-relative path or absolute http(s) URL.
    pub href: String,
}

/// A category of articles ("Tin tức", "Thông báo", …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// URL segment, ASCII (`tin-tuc`).
    pub slug: String,
    /// Display name (`Tin tức`).
    pub name: String,
    /// A sentence shown on the listing page.
    #[serde(default)]
    pub description: String,
    /// What the category holds.
    #[serde(default)]
    pub kind: CategoryKind,
    /// The category this one sits under (one level only), by slug: the
    /// parent's listing and home section include this one's articles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

impl Category {
    /// How other bundles name this category.
    pub fn to_ref(&self) -> CategoryRef {
        CategoryRef {
            slug: self.slug.clone(),
            name: self.name.clone(),
        }
    }
}

/// The categories of `categories` that sit under the one named `parent`,
/// in their order: the bundler's listings and the app's site map agree.
pub fn subcategories<'a>(
    categories: &'a [Category],
    parent: &'a str,
) -> impl Iterator<Item = &'a Category> {
    categories
        .iter()
        .filter(move |c| c.parent.as_deref() == Some(parent))
}

/// A category named from inside another bundle: enough for a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryRef {
    /// URL segment of the category.
    pub slug: String,
    /// Display name of the category.
    pub name: String,
}

/// The agency footer that Vietnamese law asks every state portal to show.
/// Empty fields are simply not shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Footer {
    /// Governing agency ("Cơ quan chủ quản").
    pub agency: String,
    /// Agency switchboard phone.
    pub phone: String,
    /// Agency fax.
    pub fax: String,
    /// Agency email.
    pub email: String,
    /// Managing unit ("Đơn vị quản lý").
    pub managing_unit: String,
    /// Operating licence line.
    pub licence: String,
    /// Editorial board phone.
    pub editorial_phone: String,
    /// Editorial board email.
    pub editorial_email: String,
    /// Postal address.
    pub address: String,
    /// How others may republish the portal's content.
    pub republication_notice: String,
}

/// A file to download (a report, a form, a table of figures).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    /// Site-relative or absolute http(s) URL of the file.
    pub href: String,
    /// What the reader is downloading.
    pub title: String,
    /// The file type readers know it by ("PDF", "DOCX", "XLSX").
    pub format: String,
    /// Size in bytes, read from the file at build time, so readers on a
    /// metered connection know before they tap.
    pub size: u64,
}

/// A video: a file the portal hosts, or a YouTube video.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(default)]
pub struct Video {
    /// Site-relative or absolute http(s) URL of a video file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
    /// A YouTube video id, played through youtube-nocookie.com.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub youtube: Option<String>,
    /// Picture shown before playback.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub poster: Option<String>,
    /// WebVTT captions in Vietnamese.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captions: Option<String>,
    /// Running time as editors write it ("6:12").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub duration: String,
    /// What the video shows, for readers who cannot see it.
    pub title: String,
}

/// Visitor figures, read from the JSON file `Site::counter` names. Only
/// `total` is needed; a missing or malformed file hides the counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Visits since the portal opened.
    pub total: u64,
    /// Visits today, when the source counts them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub today: Option<u64>,
}

/// A picture attached to an article as a whole (its lead picture).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageRef {
    /// Site-relative or absolute http(s) URL.
    pub src: String,
    /// Text for readers who cannot see the picture.
    pub alt: String,
    /// Intrinsic width in pixels, so the page reserves room before load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Intrinsic height in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Smaller WebP copies the bundler made, narrowest first; empty for
    /// pictures it does not resize (SVG, GIF, pictures elsewhere).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<ImageVariant>,
}

/// A copy of a picture at one width, made by the bundler so a phone
/// downloads a picture its screen needs rather than the editor's original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageVariant {
    /// Site-relative URL; named after the original's content, so it never
    /// changes under its name and caches for a year.
    pub src: String,
    /// Width in pixels (the height keeps the original's proportions).
    pub width: u32,
}

/// The `srcset` a browser chooses a variant from ("a.webp 480w, b.webp
/// 960w"); none when the picture has no variants.
pub fn srcset(variants: &[ImageVariant]) -> Option<String> {
    (!variants.is_empty()).then(|| {
        variants
            .iter()
            .map(|v| format!("{} {}w", v.src, v.width))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// What a listing or the home page shows of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    /// URL segment of the article.
    pub slug: String,
    /// Headline.
    pub title: String,
    /// Publication date.
    pub date: Date,
    /// The category it is filed under.
    pub category: CategoryRef,
    /// The standfirst: one or two sentences.
    #[serde(default)]
    pub lead: String,
    /// Thumbnail, when the article has a lead picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<ImageRef>,
    /// The first file to download, shown with its type and size in
    /// document listings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Attachment>,
    /// Running time, for videos.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub duration: String,
    /// An announcement past its last day when the site was built: lists
    /// keep it (it is on record) but say so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub expired: bool,
}

/// The previous or next article of the same category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleLink {
    /// URL segment of the article.
    pub slug: String,
    /// Headline.
    pub title: String,
}

/// `data/home.json`: everything the home page shows, in one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Home {
    /// Always [`SCHEMA_VERSION`] when written by this bundler.
    pub schema_version: u32,
    /// The article given the most room (the newest one marked featured, or
    /// else the newest news article).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub featured: Option<ArticleSummary>,
    /// The latest articles of each news category, in category order.
    pub sections: Vec<HomeSection>,
    /// The sidebar blocks: the latest of each announcements, documents and
    /// videos category, in category order.
    #[serde(default)]
    pub sidebar: Vec<HomeSection>,
}

/// The latest articles of one category on the home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HomeSection {
    /// Which category.
    pub category: CategoryRef,
    /// What it holds, which decides how its items look.
    #[serde(default)]
    pub kind: CategoryKind,
    /// Newest first.
    pub articles: Vec<ArticleSummary>,
}

/// `data/chuyen-muc/<slug>/<page>.json`: one page of a category listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListingPage {
    /// Always [`SCHEMA_VERSION`] when written by this bundler.
    pub schema_version: u32,
    /// The category listed.
    pub category: Category,
    /// This page's number, from 1.
    pub page: u32,
    /// How many pages the category has (at least 1, even when empty).
    pub total_pages: u32,
    /// How many articles the category has in all.
    pub total_articles: u32,
    /// This page's articles, newest first.
    pub articles: Vec<ArticleSummary>,
    /// The category above this one, for the breadcrumb.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<CategoryRef>,
    /// The categories under this one, offered as links above the list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<CategoryRef>,
}

/// `data/tin-tuc/<slug>.json`: one article, ready to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Always [`SCHEMA_VERSION`] when written by this bundler.
    pub schema_version: u32,
    /// URL segment of the article.
    pub slug: String,
    /// Headline.
    pub title: String,
    /// Publication date.
    pub date: Date,
    /// The category it is filed under (for breadcrumbs).
    pub category: CategoryRef,
    /// The category above that one, when it is a subcategory (breadcrumbs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_category: Option<CategoryRef>,
    /// The standfirst, shown in bold under the title.
    #[serde(default)]
    pub lead: String,
    /// Byline, shown at the end as Vietnamese portals do ("C.H").
    #[serde(default)]
    pub author: String,
    /// The lead picture with its caption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<ImageRef>,
    /// Caption of the lead picture.
    #[serde(default)]
    pub caption: String,
    /// Free keywords.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The body, as structured blocks.
    pub body: Vec<Block>,
    /// The video a video article is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video: Option<Video>,
    /// Files to download, listed after the body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// Running time, for videos.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub duration: String,
    /// The last day an announcement applies; after it, it leaves the home
    /// page's sidebar and its page says it no longer applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<Date>,
    /// Whether `expires` had passed when the site was built (decided once,
    /// at build time, so the prerendered page and the app agree).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub expired: bool,
    /// Other articles on the same subject, chosen by the bundler.
    #[serde(default)]
    pub related: Vec<ArticleSummary>,
    /// The next older article of the same category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<ArticleLink>,
    /// The next newer article of the same category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<ArticleLink>,
}

/// How many listing pages `articles` articles fill at `page_size` a
/// page; an empty category still has page 1 ([`ListingPage::total_pages`]).
pub fn listing_page_count(articles: usize, page_size: usize) -> usize {
    articles.div_ceil(page_size).max(1)
}

/// `data/trang/<slug>.json`: a static page (Giới thiệu, Liên hệ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page {
    /// Always [`SCHEMA_VERSION`] when written by this bundler.
    pub schema_version: u32,
    /// URL segment of the page.
    pub slug: String,
    /// Title.
    pub title: String,
    /// A sentence under the title.
    #[serde(default)]
    pub lead: String,
    /// The body, as structured blocks.
    pub body: Vec<Block>,
    /// Named officials readers may contact (Liên hệ).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
}

/// An official readers may contact. Empty fields are not shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    /// Full name.
    pub name: String,
    /// Office held.
    pub role: String,
    /// Telephone, shown as a `tel:` link.
    pub phone: String,
    /// Email, shown as a `mailto:` link.
    pub email: String,
}

impl Article {
    /// The summary that listings and the home page show of this article.
    pub fn summary(&self) -> ArticleSummary {
        ArticleSummary {
            slug: self.slug.clone(),
            title: self.title.clone(),
            date: self.date,
            category: self.category.clone(),
            lead: self.lead.clone(),
            image: self.image.clone(),
            attachment: self.attachments.first().cloned(),
            duration: self.duration.clone(),
            expired: self.expired,
        }
    }

    /// Whether `summary` is this article's [`Article::summary`], found
    /// without making one: the bundler compares 100,000 articles' related
    /// lists on each save of the preview. Every field is named, so a new
    /// one must be added here too.
    pub fn is_summarised_by(&self, summary: &ArticleSummary) -> bool {
        let ArticleSummary {
            slug,
            title,
            date,
            category,
            lead,
            image,
            attachment,
            duration,
            expired,
        } = summary;
        *slug == self.slug
            && *title == self.title
            && *date == self.date
            && *category == self.category
            && *lead == self.lead
            && *image == self.image
            && attachment.as_ref() == self.attachments.first()
            && *duration == self.duration
            && *expired == self.expired
    }

    /// Whether `link` is this article's [`Article::link`].
    pub fn is_linked_by(&self, link: &ArticleLink) -> bool {
        let ArticleLink { slug, title } = link;
        *slug == self.slug && *title == self.title
    }

    /// Whether this article belongs in the listing (home section, feed,
    /// search filter) of the category `slug`: its own, or the one its
    /// category sits under. Read from the article itself, so a listing
    /// looks nothing up per article.
    pub fn is_listed_in(&self, slug: &str) -> bool {
        self.category.slug == slug
            || self
                .parent_category
                .as_ref()
                .is_some_and(|parent| parent.slug == slug)
    }

    /// How a neighbouring article links here.
    pub fn link(&self) -> ArticleLink {
        ArticleLink {
            slug: self.slug.clone(),
            title: self.title.clone(),
        }
    }
}
