//! The JSON bundles the bundler writes and the app reads.

use crate::{Block, Date};
use serde::{Deserialize, Serialize};

/// The major version of the bundle format. The app accepts only bundles of
/// its own major version and asks the reader to reload otherwise, so a reader
/// never runs an old app against new data.
pub const SCHEMA_VERSION: u32 = 1;

/// `data/site.json`: who publishes the portal and how it is laid out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// A category named from inside another bundle: enough for a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// A picture attached to an article as a whole (its lead picture).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// What a listing or the home page shows of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// `data/home.json`: everything the home page shows, in one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Home {
    /// Always [`SCHEMA_VERSION`] when written by this bundler.
    pub schema_version: u32,
    /// The article given the most room (the newest one marked featured, or
    /// else the newest news article).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub featured: Option<ArticleSummary>,
    /// The latest articles of each category, in category order.
    pub sections: Vec<HomeSection>,
}

/// The latest articles of one category on the home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeSection {
    /// Which category.
    pub category: CategoryRef,
    /// Newest first.
    pub articles: Vec<ArticleSummary>,
}

/// `data/chuyen-muc/<slug>/<page>.json`: one page of a category listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// `data/tin-tuc/<slug>.json`: one article, ready to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
        }
    }
}
