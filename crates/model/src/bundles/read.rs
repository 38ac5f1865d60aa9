//! Every bundle type read from JSON ([`FromJson`]), field by field as
//! `bundles.rs` declares them: a field with `#[serde(default)]` there is
//! read with `or_default` here, an `Option` may be left out. The contract
//! tests write each type with serde and read it back through these.
//! The types an editor writes in `site.toml` (menus, categories, footer,
//! contacts) and `stats.json` also derive serde's `Deserialize`: the
//! bundler reads those files with serde, for errors with line numbers.

use super::*;
use crate::json::{Fields, FromJson, Json, JsonError};

impl FromJson for Date {
    fn from_json(value: Json) -> Result<Date, JsonError> {
        Date::parse(&String::from_json(value)?).map_err(|e| JsonError::new(e.to_string()))
    }
}

impl FromJson for Site {
    fn from_json(value: Json) -> Result<Site, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(Site {
            schema_version: f.take("schema_version")?,
            name: f.take("name")?,
            tagline: f.or_default("tagline")?,
            description: f.or_default("description")?,
            base_url: f.or_default("base_url")?,
            menu: f.take("menu")?,
            categories: f.take("categories")?,
            footer: f.take("footer")?,
            counter: f.or_default("counter")?,
            portals: f.or_default("portals")?,
            pages: f.or_default("pages")?,
        })
    }
}

impl FromJson for PageLink {
    fn from_json(value: Json) -> Result<PageLink, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(PageLink {
            slug: f.take("slug")?,
            title: f.take("title")?,
        })
    }
}

impl FromJson for CategoryKind {
    fn from_json(value: Json) -> Result<CategoryKind, JsonError> {
        let name = String::from_json(value)?;
        Ok(match name.as_str() {
            "news" => CategoryKind::News,
            "announcements" => CategoryKind::Announcements,
            "documents" => CategoryKind::Documents,
            "videos" => CategoryKind::Videos,
            _ => return Err(JsonError::new(format!("unknown kind `{name}`"))),
        })
    }
}

impl FromJson for MenuItem {
    fn from_json(value: Json) -> Result<MenuItem, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(MenuItem {
            label: f.take("label")?,
            href: f.take("href")?,
        })
    }
}

impl FromJson for Category {
    fn from_json(value: Json) -> Result<Category, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(Category {
            slug: f.take("slug")?,
            name: f.take("name")?,
            description: f.or_default("description")?,
            kind: f.or_default("kind")?,
            parent: f.take("parent")?,
        })
    }
}

impl FromJson for CategoryRef {
    fn from_json(value: Json) -> Result<CategoryRef, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(CategoryRef {
            slug: f.take("slug")?,
            name: f.take("name")?,
        })
    }
}

impl FromJson for Footer {
    fn from_json(value: Json) -> Result<Footer, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(Footer {
            agency: f.or_default("agency")?,
            phone: f.or_default("phone")?,
            fax: f.or_default("fax")?,
            email: f.or_default("email")?,
            managing_unit: f.or_default("managing_unit")?,
            licence: f.or_default("licence")?,
            editorial_phone: f.or_default("editorial_phone")?,
            editorial_email: f.or_default("editorial_email")?,
            address: f.or_default("address")?,
            republication_notice: f.or_default("republication_notice")?,
        })
    }
}

impl FromJson for Attachment {
    fn from_json(value: Json) -> Result<Attachment, JsonError> {
        Attachment::from_fields(&mut Fields::of(value)?)
    }
}

impl Attachment {
    /// Also how an attachment block reads its fields.
    pub(crate) fn from_fields(f: &mut Fields) -> Result<Attachment, JsonError> {
        Ok(Attachment {
            href: f.take("href")?,
            title: f.take("title")?,
            format: f.take("format")?,
            size: f.take("size")?,
        })
    }
}

impl FromJson for Video {
    fn from_json(value: Json) -> Result<Video, JsonError> {
        Video::from_fields(&mut Fields::of(value)?)
    }
}

impl Video {
    /// Also how a video block reads its fields.
    pub(crate) fn from_fields(f: &mut Fields) -> Result<Video, JsonError> {
        Ok(Video {
            src: f.take("src")?,
            youtube: f.take("youtube")?,
            poster: f.take("poster")?,
            captions: f.take("captions")?,
            duration: f.or_default("duration")?,
            title: f.or_default("title")?,
        })
    }
}

impl FromJson for Stats {
    fn from_json(value: Json) -> Result<Stats, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(Stats {
            total: f.take("total")?,
            today: f.take("today")?,
        })
    }
}

impl FromJson for ImageRef {
    fn from_json(value: Json) -> Result<ImageRef, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(ImageRef {
            src: f.take("src")?,
            alt: f.take("alt")?,
            width: f.take("width")?,
            height: f.take("height")?,
            variants: f.or_default("variants")?,
        })
    }
}

impl FromJson for ImageVariant {
    fn from_json(value: Json) -> Result<ImageVariant, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(ImageVariant {
            src: f.take("src")?,
            width: f.take("width")?,
        })
    }
}

impl FromJson for ArticleSummary {
    fn from_json(value: Json) -> Result<ArticleSummary, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(ArticleSummary {
            slug: f.take("slug")?,
            title: f.take("title")?,
            date: f.take("date")?,
            category: f.take("category")?,
            lead: f.or_default("lead")?,
            image: f.take("image")?,
            attachment: f.take("attachment")?,
            duration: f.or_default("duration")?,
            expired: f.or_default("expired")?,
        })
    }
}

impl FromJson for ArticleLink {
    fn from_json(value: Json) -> Result<ArticleLink, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(ArticleLink {
            slug: f.take("slug")?,
            title: f.take("title")?,
        })
    }
}

impl FromJson for Home {
    fn from_json(value: Json) -> Result<Home, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(Home {
            schema_version: f.take("schema_version")?,
            featured: f.take("featured")?,
            sections: f.take("sections")?,
            sidebar: f.or_default("sidebar")?,
        })
    }
}

impl FromJson for HomeSection {
    fn from_json(value: Json) -> Result<HomeSection, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(HomeSection {
            category: f.take("category")?,
            kind: f.or_default("kind")?,
            articles: f.take("articles")?,
        })
    }
}

impl FromJson for ListingPage {
    fn from_json(value: Json) -> Result<ListingPage, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(ListingPage {
            schema_version: f.take("schema_version")?,
            category: f.take("category")?,
            page: f.take("page")?,
            total_pages: f.take("total_pages")?,
            total_articles: f.take("total_articles")?,
            articles: f.take("articles")?,
            parent: f.take("parent")?,
            children: f.or_default("children")?,
        })
    }
}

impl FromJson for Article {
    fn from_json(value: Json) -> Result<Article, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(Article {
            schema_version: f.take("schema_version")?,
            slug: f.take("slug")?,
            title: f.take("title")?,
            date: f.take("date")?,
            category: f.take("category")?,
            parent_category: f.take("parent_category")?,
            lead: f.or_default("lead")?,
            author: f.or_default("author")?,
            image: f.take("image")?,
            caption: f.or_default("caption")?,
            tags: f.or_default("tags")?,
            body: f.take("body")?,
            video: f.take("video")?,
            attachments: f.or_default("attachments")?,
            duration: f.or_default("duration")?,
            expires: f.take("expires")?,
            expired: f.or_default("expired")?,
            related: f.or_default("related")?,
            previous: f.take("previous")?,
            next: f.take("next")?,
        })
    }
}

impl FromJson for Page {
    fn from_json(value: Json) -> Result<Page, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(Page {
            schema_version: f.take("schema_version")?,
            slug: f.take("slug")?,
            title: f.take("title")?,
            lead: f.or_default("lead")?,
            body: f.take("body")?,
            contacts: f.or_default("contacts")?,
        })
    }
}

impl FromJson for Contact {
    fn from_json(value: Json) -> Result<Contact, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(Contact {
            name: f.or_default("name")?,
            role: f.or_default("role")?,
            phone: f.or_default("phone")?,
            email: f.or_default("email")?,
        })
    }
}
