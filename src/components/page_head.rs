//! What a page says about itself in `<head>`: title, description, canonical
//! address, link-preview (Open Graph / Twitter) tags and, for articles,
//! JSON-LD `NewsArticle`. Rendered into the prerendered HTML at build time,
//! which is all that link previews and search engines read.

use crate::site_context::use_site;
use bantin_model::{json, Date};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script, Title};

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

/// The title as `leptos_meta` should write it. Its server renderer puts
/// the text into `<title>` as it is, so a title holding `</title><script>`
/// would end the element and run (found by the hostile-content test): at
/// build time it gets escaped here (`<title>` decodes entities, so readers
/// see the same text). In the browser the text goes to `document.title`
/// and stays as it is.
pub fn title_markup(title: &str) -> String {
    if cfg!(target_arch = "wasm32") {
        title.to_string()
    } else {
        title
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
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

/// Puts the page's head tags in place once the site bundle is known.
#[component]
pub fn PageHead(
    /// What the page says about itself.
    info: PageInfo,
) -> impl IntoView {
    let site = use_site();
    view! {
        <Suspense>
            {move || {
                let info = info.clone();
                Suspend::new(async move {
                    let site = site.await.ok();
                    let (name, base, site_description) = site
                        .map(|s| (s.name, s.base_url, s.description))
                        .unwrap_or_default();
                    let title = compose_title(&info.title, &name);
                    let description = if info.description.is_empty() {
                        site_description
                    } else {
                        info.description.clone()
                    };
                    let url = info.path.as_deref().map(|path| absolute_url(&base, path));
                    let image = info.image.as_deref().map(|src| absolute_url(&base, src));
                    let json_ld = info.article.as_ref().zip(url.as_deref()).map(|(facts, url)| {
                        news_article_json_ld(&info, facts, url, &name, image.as_deref())
                    });
                    let kind = if info.article.is_some() { "article" } else { "website" };
                    let card = if image.is_some() { "summary_large_image" } else { "summary" };
                    view! {
                        <Title text=title_markup(&title) />
                        <Meta name="description" content=description.clone() />
                        {url.clone().map(|url| view! { <Link rel="canonical" href=url /> })}
                        <Meta property="og:type" content=kind />
                        <Meta property="og:site_name" content=name />
                        <Meta property="og:title" content=title />
                        <Meta property="og:description" content=description />
                        {url.map(|url| view! { <Meta property="og:url" content=url /> })}
                        {image.map(|src| view! { <Meta property="og:image" content=src /> })}
                        <Meta name="twitter:card" content=card />
                        {json_ld.map(|json| view! { <Script type_="application/ld+json">{json}</Script> })}
                    }
                })
            }}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_escaped_for_the_build_time_head() {
        assert_eq!(
            title_markup("Tin </title><script>x()</script> & đường"),
            "Tin &lt;/title&gt;&lt;script&gt;x()&lt;/script&gt; &amp; đường"
        );
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
