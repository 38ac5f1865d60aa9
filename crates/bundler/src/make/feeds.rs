//! Feeds and discovery: RSS 2.0 and Atom for the whole portal and for each
//! category, `sitemap.xml` (an index of several sitemaps past 50,000
//! addresses, the protocol's limit) and `robots.txt` naming it.
//!
//! Feeds and sitemaps need absolute addresses, so they are written only
//! when `site.toml` has a `base_url`. Dates are the articles' own (the
//! newest article's for a whole feed), never the build time, so two builds
//! of the same content write the same bytes.

use crate::files::OutputFile;
use crate::load::content::{Content, LoadedArticle};
use crate::make::base_path::address;
use crate::make::bundles::page_routes;
use bantin_model::{paths, routes, Date};

/// Newest articles a feed carries.
pub const FEED_ITEMS: usize = 50;
/// Addresses one sitemap file may hold (sitemaps.org).
pub const SITEMAP_LIMIT: usize = 50_000;

/// A site path (`/rss.xml`) as the output file's path (`rss.xml`).
fn file_path(site_path: &str) -> String {
    site_path.trim_start_matches('/').to_string()
}

/// Escapes text for XML content and attribute values.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// RFC 822 date at midnight in Vietnam, for RSS.
fn rss_date(date: Date) -> String {
    format!(
        "{}, {:02} {} {} 00:00:00 +0700",
        WEEKDAYS[usize::from(date.weekday()) % 7],
        date.day(),
        MONTHS[usize::from(date.month().clamp(1, 12)) - 1],
        date.year()
    )
}

/// RFC 3339 date at midnight in Vietnam, for Atom and sitemaps.
fn atom_date(date: Date) -> String {
    format!("{date}T00:00:00+07:00")
}

/// What one feed is about.
struct Feed<'a> {
    /// Feed title.
    title: String,
    /// The page the feed follows (home or a listing).
    page: String,
    /// What the feed says it is.
    description: String,
    /// Site path of the RSS file (`/rss.xml`).
    rss_path: String,
    /// Site path of the Atom file.
    atom_path: String,
    /// Its articles, newest first.
    articles: Vec<&'a LoadedArticle>,
}

fn rss(feed: &Feed, base: &str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    out.push_str(&format!("<title>{}</title>\n", xml(&feed.title)));
    out.push_str(&format!(
        "<link>{}</link>\n",
        xml(&format!("{base}{}", feed.page))
    ));
    out.push_str(&format!(
        "<description>{}</description>\n",
        xml(&feed.description)
    ));
    out.push_str("<language>vi</language>\n");
    out.push_str(&format!(
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        xml(&format!("{base}{}", feed.rss_path))
    ));
    if let Some(newest) = feed.articles.first() {
        out.push_str(&format!(
            "<lastBuildDate>{}</lastBuildDate>\n",
            rss_date(newest.article.date)
        ));
    }
    for loaded in &feed.articles {
        let article = &loaded.article;
        let link = xml(&format!("{base}{}", routes::article(&article.slug)));
        out.push_str("<item>\n");
        out.push_str(&format!("<title>{}</title>\n", xml(&article.title)));
        out.push_str(&format!(
            "<link>{link}</link>\n<guid isPermaLink=\"true\">{link}</guid>\n"
        ));
        out.push_str(&format!("<pubDate>{}</pubDate>\n", rss_date(article.date)));
        out.push_str(&format!(
            "<category>{}</category>\n",
            xml(&article.category.name)
        ));
        if !article.lead.is_empty() {
            out.push_str(&format!(
                "<description>{}</description>\n",
                xml(&article.lead)
            ));
        }
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

fn atom(feed: &Feed, base: &str, site_name: &str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n");
    out.push_str(&format!("<title>{}</title>\n", xml(&feed.title)));
    out.push_str(&format!(
        "<subtitle>{}</subtitle>\n",
        xml(&feed.description)
    ));
    let page = xml(&format!("{base}{}", feed.page));
    out.push_str(&format!(
        "<id>{}</id>\n",
        xml(&format!("{base}{}", feed.atom_path))
    ));
    out.push_str(&format!("<link href=\"{page}\"/>\n"));
    out.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml(&format!("{base}{}", feed.atom_path))
    ));
    // An empty category's feed says it changed at the start of time.
    let updated = feed
        .articles
        .first()
        .map(|a| a.article.date)
        .or_else(|| Date::from_days_since_epoch(0));
    if let Some(updated) = updated {
        out.push_str(&format!("<updated>{}</updated>\n", atom_date(updated)));
    }
    out.push_str(&format!(
        "<author><name>{}</name></author>\n",
        xml(site_name)
    ));
    for loaded in &feed.articles {
        let article = &loaded.article;
        let link = xml(&format!("{base}{}", routes::article(&article.slug)));
        out.push_str("<entry>\n");
        out.push_str(&format!("<title>{}</title>\n", xml(&article.title)));
        out.push_str(&format!("<id>{link}</id>\n<link href=\"{link}\"/>\n"));
        out.push_str(&format!(
            "<published>{0}</published>\n<updated>{0}</updated>\n",
            atom_date(article.date)
        ));
        if !article.author.is_empty() {
            out.push_str(&format!(
                "<author><name>{}</name></author>\n",
                xml(&article.author)
            ));
        }
        out.push_str(&format!(
            "<category term=\"{}\" label=\"{}\"/>\n",
            xml(&article.category.slug),
            xml(&article.category.name)
        ));
        if !article.lead.is_empty() {
            out.push_str(&format!("<summary>{}</summary>\n", xml(&article.lead)));
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// The feeds of the site: the whole portal, then each category.
fn feeds(content: &Content) -> Vec<Feed<'_>> {
    let site = &content.site;
    let mut all = vec![Feed {
        title: site.name.clone(),
        page: routes::HOME.to_string(),
        description: if site.description.is_empty() {
            site.tagline.clone()
        } else {
            site.description.clone()
        },
        rss_path: paths::rss_feed(None),
        atom_path: paths::atom_feed(None),
        articles: content.articles.iter().take(FEED_ITEMS).collect(),
    }];
    for category in &site.categories {
        all.push(Feed {
            title: format!("{} — {}", category.name, site.name),
            page: routes::category(&category.slug, 1),
            description: category.description.clone(),
            rss_path: paths::rss_feed(Some(&category.slug)),
            atom_path: paths::atom_feed(Some(&category.slug)),
            articles: content
                .articles
                .iter()
                .filter(|a| a.article.is_listed_in(&category.slug))
                .take(FEED_ITEMS)
                .collect(),
        });
    }
    all
}

/// `<link rel="alternate">` tags for the portal's feeds, for every page's
/// head (feed readers and browsers find the feeds from any page); empty
/// when no feeds are written.
pub fn head_links(content: &Content) -> String {
    if content.site.base_url.is_empty() {
        return String::new();
    }
    let title = xml(&content.site.name);
    format!(
        "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"{title}\" href=\"{}\">\
         <link rel=\"alternate\" type=\"application/atom+xml\" title=\"{title}\" href=\"{}\">",
        address(&content.site.base_path, &paths::rss_feed(None)),
        address(&content.site.base_path, &paths::atom_feed(None))
    )
}

/// The sitemap files for `urls` (address, last change): one file, or an
/// index `sitemap.xml` and `sitemap-1.xml`… of at most `limit` each.
fn sitemaps(urls: &[(String, Option<Date>)], base: &str, limit: usize) -> Vec<OutputFile> {
    let urlset = |part: &[(String, Option<Date>)]| {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (url, changed) in part {
            out.push_str(&format!("<url><loc>{}</loc>", xml(url)));
            if let Some(date) = changed {
                out.push_str(&format!("<lastmod>{date}</lastmod>"));
            }
            out.push_str("</url>\n");
        }
        out.push_str("</urlset>\n");
        out.into_bytes()
    };
    let limit = limit.max(1);
    if urls.len() <= limit {
        return vec![OutputFile {
            path: file_path(paths::SITEMAP),
            bytes: urlset(urls),
        }];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, part) in urls.chunks(limit).enumerate() {
        let path = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "<sitemap><loc>{}</loc>",
            xml(&format!("{base}/{path}"))
        ));
        if let Some(newest) = part.iter().filter_map(|(_, d)| *d).max() {
            index.push_str(&format!("<lastmod>{newest}</lastmod>"));
        }
        index.push_str("</sitemap>\n");
        files.push(OutputFile {
            path,
            bytes: urlset(part),
        });
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile {
        path: file_path(paths::SITEMAP),
        bytes: index.into_bytes(),
    });
    files
}

/// Every address worth indexing, with its last change: the search page
/// is left out (it has no content of its own).
fn sitemap_urls(content: &Content, base: &str) -> Vec<(String, Option<Date>)> {
    let newest = content.articles.first().map(|a| a.article.date);
    let dates: std::collections::HashMap<String, Date> = content
        .articles
        .iter()
        .map(|a| (routes::article(&a.article.slug), a.article.date))
        .collect();
    page_routes(content)
        .into_iter()
        .filter(|route| route != routes::SEARCH)
        .map(|route| {
            let changed = dates.get(&route).copied().or(newest);
            (format!("{base}{route}"), changed)
        })
        .collect()
}

/// `robots.txt`, naming the sitemap when there is one. Crawlers read it
/// only at a host's root: a site under a path gives its lines for the
/// host's own file.
fn robots(base: &str, base_path: &str) -> OutputFile {
    let mut text = format!("User-agent: *\nAllow: {base_path}/\n");
    if !base.is_empty() {
        text.push_str(&format!("\nSitemap: {base}{}\n", paths::SITEMAP));
    }
    OutputFile {
        path: file_path(paths::ROBOTS),
        bytes: text.into_bytes(),
    }
}

/// The feeds, sitemaps and robots.txt of a site.
pub fn files(content: &Content) -> Vec<OutputFile> {
    let base = content.site.base_url.as_str();
    let mut files = vec![robots(base, &content.site.base_path)];
    if base.is_empty() {
        return files;
    }
    for feed in feeds(content) {
        files.push(OutputFile {
            path: file_path(&feed.rss_path),
            bytes: rss(&feed, base).into_bytes(),
        });
        files.push(OutputFile {
            path: file_path(&feed.atom_path),
            bytes: atom(&feed, base, &content.site.name).into_bytes(),
        });
    }
    files.extend(sitemaps(&sitemap_urls(content, base), base, SITEMAP_LIMIT));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).expect("a real day")
    }

    #[test]
    fn text_is_escaped_for_xml_and_control_characters_dropped() {
        assert_eq!(
            xml("A & B <c> \"d\" 'e'\u{1}"),
            "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;"
        );
    }

    #[test]
    fn dates_are_written_as_rss_and_atom_expect() {
        assert_eq!(
            rss_date(day("2022-06-28")),
            "Tue, 28 Jun 2022 00:00:00 +0700"
        );
        assert_eq!(atom_date(day("2022-06-28")), "2022-06-28T00:00:00+07:00");
    }

    #[test]
    fn a_sitemap_past_the_limit_becomes_an_index_of_sitemaps() {
        let urls: Vec<(String, Option<Date>)> = (0..5)
            .map(|n| {
                (
                    format!("https://a.gov.vn/tin-tuc/{n}"),
                    Some(day(&format!("2024-01-0{}", n + 1))),
                )
            })
            .collect();
        let one = sitemaps(&urls, "https://a.gov.vn", 5);
        assert_eq!(one.len(), 1);
        let text = String::from_utf8_lossy(&one[0].bytes).into_owned();
        assert_eq!(text.matches("<url>").count(), 5);
        let split = sitemaps(&urls, "https://a.gov.vn", 2);
        let paths: Vec<&str> = split.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let index = String::from_utf8_lossy(&split[3].bytes).into_owned();
        assert!(index.contains("<sitemapindex"));
        assert!(index
            .contains("<loc>https://a.gov.vn/sitemap-3.xml</loc><lastmod>2024-01-05</lastmod>"));
        let last = String::from_utf8_lossy(&split[2].bytes).into_owned();
        assert_eq!(last.matches("<url>").count(), 1);
    }

    #[test]
    fn robots_names_the_sitemap_only_when_there_is_one() {
        let with = String::from_utf8_lossy(&robots("https://a.gov.vn", "").bytes).into_owned();
        assert!(with.ends_with("Sitemap: https://a.gov.vn/sitemap.xml\n"));
        let without = String::from_utf8_lossy(&robots("", "").bytes).into_owned();
        assert!(!without.contains("Sitemap"));
    }
}
