//! What a page says about itself in `<head>`: title, description, canonical
//! address, link-preview (Open Graph / Twitter) tags and, for articles,
//! JSON-LD `NewsArticle`. Rendered into the prerendered HTML at build time,
//! which is all that link previews and search engines read.

use crate::html::Html;
#[cfg(target_arch = "wasm32")]
use crate::site_context::use_site;
use bantin_model::{json, Date, Site};
use leptos::prelude::*;

/// What is known of an article for search engines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleFacts {
    /// Publication date.
    pub date: Date,
    /// Byline; may be empty.
    pub author: String,
    /// Category name.
    pub section: String,
}

/// One page's description of itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageInfo {
    /// The page's own title; empty for the home page (the portal name alone).
    pub title: String,
    /// One or two sentences; empty takes the portal's description.
    pub description: String,
    /// The page's address on the site; `None` for pages with no address of
    /// their own (the not-found page).
    pub path: Option<String>,
    /// The picture link previews show.
    pub image: Option<String>,
    /// Set for articles.
    pub article: Option<ArticleFacts>,
}

/// Joins a page's own title with the portal name.
pub fn compose_title(page: &str, site_name: &str) -> String {
    match (page.is_empty(), site_name.is_empty()) {
        (true, _) => site_name.to_string(),
        (false, true) => page.to_string(),
        (false, false) => format!("{page} | {site_name}"),
    }
}

/// An address made absolute against the site's public address.
pub fn absolute_url(base_url: &str, path: &str) -> String {
    if path.starts_with("http://") || path.starts_with("https://") {
        path.to_string()
    } else {
        format!("{}{path}", base_url.trim_end_matches('/'))
    }
}

/// JSON-LD for a news article. Every `<` is written as `\u003c`, so no
/// title can close the script element it sits in.
pub fn news_article_json_ld(
    info: &PageInfo,
    facts: &ArticleFacts,
    url: &str,
    publisher: &str,
    image: Option<&str>,
) -> String {
    // Members in the order serde_json's map (sorted by name) wrote them
    // before this was written by hand: the pages stay byte for byte the
    // same, without a JSON writer in the WASM.
    let q = json::quote;
    let mut out = format!(
        r#"{{"@context":"https://schema.org","@type":"NewsArticle","articleSection":{}"#,
        q(&facts.section)
    );
    if !facts.author.is_empty() {
        out += &format!(
            r#","author":{{"@type":"Person","name":{}}}"#,
            q(&facts.author)
        );
    }
    out += &format!(
        r#","datePublished":"{}","description":{},"headline":{}"#,
        facts.date,
        q(&info.description),
        q(&info.title)
    );
    if let Some(image) = image {
        out += &format!(r#","image":[{}]"#, q(image));
    }
    out += &format!(
        r#","inLanguage":"vi","mainEntityOfPage":{},"publisher":{{"@type":"GovernmentOrganization","name":{}}}}}"#,
        q(url),
        q(publisher)
    );
    out.replace('<', "\\u003c")
}

/// The head tags of a page, as the build writes them: title, description,
/// canonical address, link-preview tags, and an article's JSON-LD.
pub fn head_tags(info: &PageInfo, site: Option<&Site>) -> String {
    let (name, base, site_description) = site
        .map(|s| (s.name.as_str(), s.base_url.as_str(), s.description.as_str()))
        .unwrap_or_default();
    let title = compose_title(&info.title, name);
    let description = if info.description.is_empty() {
        site_description
    } else {
        &info.description
    };
    let url = info.path.as_deref().map(|path| absolute_url(base, path));
    let image = info.image.as_deref().map(|src| absolute_url(base, src));
    let kind = if info.article.is_some() {
        "article"
    } else {
        "website"
    };
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    let mut h = Html::default();
    let meta = |h: &mut Html, key: &'static str, name: &str, content: &str| {
        h.open("meta")
            .attr(key, name)
            .attr("content", content)
            .void();
    };
    h.element("title", &title);
    meta(&mut h, "name", "description", description);
    if let Some(url) = &url {
        h.open("link")
            .attr("rel", "canonical")
            .attr("href", url)
            .void();
    }
    meta(&mut h, "property", "og:type", kind);
    meta(&mut h, "property", "og:site_name", name);
    meta(&mut h, "property", "og:title", &title);
    meta(&mut h, "property", "og:description", description);
    if let Some(url) = &url {
        meta(&mut h, "property", "og:url", url);
    }
    if let Some(image) = &image {
        meta(&mut h, "property", "og:image", image);
    }
    meta(&mut h, "name", "twitter:card", card);
    let mut out = h.finish();
    if let Some((facts, url)) = info.article.as_ref().zip(url.as_deref()) {
        // JSON, not HTML: written as it is (it cannot hold `<`).
        out.push_str("<script type=\"application/ld+json\">");
        out.push_str(&news_article_json_ld(
            info,
            facts,
            url,
            name,
            image.as_deref(),
        ));
        out.push_str("</script>");
    }
    out
}

thread_local! {
    /// The head tags of the page being rendered at build time on this
    /// thread (see [`take_head`]).
    static HEAD: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The head tags the page rendered on this thread asked for, for the
/// build-time renderer to put in its `<head>`.
pub fn take_head() -> String {
    HEAD.with_borrow_mut(std::mem::take)
}

/// A page's head. Nothing of it is in the body, so hydration has nothing
/// to attach here: at build time the tags go into the page's `<head>`
/// ([`take_head`]); in the browser, which only shows the title, moving to
/// another page gives it its title.
#[component]
pub fn PageHead(
    /// What to say about the page.
    info: PageInfo,
) -> impl IntoView {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use futures_util::FutureExt;
        // Build-time bundles are read at once: the future is ready.
        let site = crate::api::fetch_site().now_or_never().and_then(Result::ok);
        let tags = head_tags(&info, site.as_ref());
        HEAD.with_borrow_mut(|head| *head = tags);
    }
    #[cfg(target_arch = "wasm32")]
    {
        let site = use_site();
        Effect::new(move |_| {
            let page = info.title.clone();
            leptos::task::spawn_local(async move {
                let name = site.await.map(|site| site.name).unwrap_or_default();
                document().set_title(&compose_title(&page, &name));
            });
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_tags_are_escaped_and_say_what_the_page_is() -> Result<(), Box<dyn std::error::Error>> {
        let info = PageInfo {
            title: "Tin </title><script>x()</script> & đường".into(),
            description: "Mô tả \"ngắn\"".into(),
            path: Some("/tin-tuc/x".into()),
            image: None,
            article: Some(ArticleFacts {
                date: Date::new(2024, 6, 20)?,
                author: String::new(),
                section: "Tin tức".into(),
            }),
        };
        let head = head_tags(&info, None);
        assert!(head.starts_with(
            "<title>Tin &lt;/title&gt;&lt;script&gt;x()&lt;/script&gt; &amp; đường</title>"
        ));
        assert!(head.contains("<meta name=\"description\" content=\"Mô tả &quot;ngắn&quot;\">"));
        assert!(head.contains("<link rel=\"canonical\" href=\"/tin-tuc/x\">"));
        assert!(head.contains("<meta property=\"og:type\" content=\"article\">"));
        assert!(head.contains("<meta name=\"twitter:card\" content=\"summary\">"));
        assert_eq!(head.matches("<script").count(), 1, "{head}");
        assert!(head.contains("<script type=\"application/ld+json\">{\"@context\""));
        Ok(())
    }

    #[test]
    fn titles_name_the_page_then_the_portal() {
        assert_eq!(
            compose_title("Tin tức", "Cổng Hòa Lâm"),
            "Tin tức | Cổng Hòa Lâm"
        );
        assert_eq!(compose_title("", "Cổng Hòa Lâm"), "Cổng Hòa Lâm");
        assert_eq!(compose_title("Tin tức", ""), "Tin tức");
    }

    #[test]
    fn addresses_are_made_absolute_once() {
        assert_eq!(
            absolute_url("https://a.vn/", "/tin-tuc/x"),
            "https://a.vn/tin-tuc/x"
        );
        assert_eq!(
            absolute_url("https://a.vn", "https://b.vn/p.png"),
            "https://b.vn/p.png"
        );
    }

    #[test]
    fn json_ld_describes_the_article_and_cannot_close_its_script(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let info = PageInfo {
            title: "Tiêu đề </script><script>alert(1)</script>".into(),
            description: "Tóm tắt".into(),
            ..PageInfo::default()
        };
        let facts = ArticleFacts {
            date: Date::new(2024, 6, 20)?,
            author: "Q.Đ".into(),
            section: "Tin tức".into(),
        };
        let json = news_article_json_ld(&info, &facts, "https://a.vn/tin-tuc/x", "Cổng", None);
        assert!(!json.contains('<'));
        let value: serde_json::Value = serde_json::from_str(&json)?;
        assert_eq!(value["@type"], "NewsArticle");
        assert_eq!(value["headline"], info.title);
        assert_eq!(value["datePublished"], "2024-06-20");
        assert_eq!(value["author"]["name"], "Q.Đ");
        // The same bytes serde_json's map wrote, with and without the
        // optional members.
        let by_serde = |author: &str, image: Option<&str>| {
            let mut value = serde_json::json!({
                "@context": "https://schema.org", "@type": "NewsArticle",
                "headline": info.title, "description": info.description,
                "datePublished": "2024-06-20", "articleSection": facts.section,
                "mainEntityOfPage": "https://a.vn/tin-tuc/x", "inLanguage": "vi",
                "publisher": { "@type": "GovernmentOrganization", "name": "Cổng \"A\"" },
            });
            if !author.is_empty() {
                value["author"] = serde_json::json!({ "@type": "Person", "name": author });
            }
            if let Some(image) = image {
                value["image"] = serde_json::json!([image]);
            }
            value.to_string().replace('<', "\\u003c")
        };
        for (author, image) in [("Q.Đ", Some("https://a.vn/a.jpg")), ("", None)] {
            let facts = ArticleFacts {
                author: author.into(),
                ..facts.clone()
            };
            let url = "https://a.vn/tin-tuc/x";
            let ours = news_article_json_ld(&info, &facts, url, "Cổng \"A\"", image);
            assert_eq!(ours, by_serde(author, image));
        }
        Ok(())
    }
}
