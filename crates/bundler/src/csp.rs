//! A strict Content-Security-Policy for the built site, and the rewriting
//! that lets pages live under it: no page carries an inline script.
//!
//! Two kinds of inline script come out of the tools: Trunk's loader (a
//! module script that starts the WASM) and Leptos's hydration data (the
//! resources a prerendered page was rendered with). Both become files: the
//! loader is the same for every page; the data is per page, named after
//! its content, and runs before the loader (both deferred, in order).

use crate::bundles::OutputFile;
use crate::content::Content;
use crate::offline::fingerprint;

/// The policy every page is served with. `frame-src` and `connect-src` are
/// widened only for what the content needs (a YouTube video, a visitor
/// counter on another host).
pub fn policy(content: &Content) -> String {
    let mut policy = String::from(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'",
    );
    let youtube = content.articles.iter().any(|a| {
        a.article
            .video
            .as_ref()
            .is_some_and(|v| v.youtube.is_some())
            || a.article
                .body
                .iter()
                .any(|b| matches!(b, bantin_model::Block::Video(v) if v.youtube.is_some()))
    });
    if youtube {
        policy.push_str("; frame-src https://www.youtube-nocookie.com");
    }
    if let Some(origin) = origin_of(&content.site.counter) {
        policy.push_str(&format!("; connect-src 'self' {origin}"));
    }
    policy
}

/// `https://host[:port]` of an absolute http(s) address; `None` for a path
/// on the site itself.
fn origin_of(address: &str) -> Option<String> {
    let rest = address
        .strip_prefix("https://")
        .map(|r| ("https", r))
        .or_else(|| address.strip_prefix("http://").map(|r| ("http", r)))?;
    let host = rest
        .1
        .split(['/', '?', '#'])
        .next()
        .filter(|h| !h.is_empty())?;
    Some(format!("{}://{host}", rest.0))
}

/// One inline script found in a page.
struct Inline {
    /// Byte range of the whole `<script …>…</script>` element.
    start: usize,
    end: usize,
    module: bool,
    code: String,
}

/// The inline scripts of a page. The page is walked as HTML tokens: a
/// `<script` inside an attribute value (a title in a `<meta content>`) or a
/// comment is text, not a script, and must never be taken for one.
fn inline_scripts(html: &str) -> Vec<Inline> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(html.len(), |i| start + i + 3);
            continue;
        }
        let name_len = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len() - 1);
        if name_len == 0 {
            at = start + 1;
            continue;
        }
        let name = rest[1..1 + name_len].to_ascii_lowercase();
        // The end of the tag: the first `>` outside a quoted value.
        let mut i = start + 1 + name_len;
        let mut quote = None;
        while i < bytes.len() {
            match (quote, bytes[i]) {
                (None, b'>') => break,
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), b) if b == q => quote = None,
                _ => {}
            }
            i += 1;
        }
        let open_end = (i + 1).min(html.len());
        if !matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            at = open_end;
            continue;
        }
        // Raw text up to the closing tag.
        let closing = format!("</{name}");
        let close =
            find_ignoring_case(&html[open_end..], &closing).map_or(html.len(), |i| open_end + i);
        let end = html[close..]
            .find('>')
            .map_or(html.len(), |i| close + i + 1);
        if name == "script" {
            let attributes =
                &html[start + 1 + name_len..open_end.saturating_sub(1).max(start + 1 + name_len)];
            let code = &html[open_end..close];
            // Data blocks (JSON-LD) are not run, so the policy allows them.
            let data_block =
                attributes.contains("type=") && !attributes.contains("type=\"module\"");
            if !attributes.contains("src=") && !data_block && !code.trim().is_empty() {
                found.push(Inline {
                    start,
                    end,
                    module: attributes.contains("type=\"module\""),
                    code: code.to_string(),
                });
            }
        }
        at = end;
    }
    found
}

/// Where `needle` (ASCII) first stands in `haystack`, in any case, without
/// copying the page (this runs for every raw-text element of every page).
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

/// Moves a page's inline scripts into files. Returns the page without
/// them and the files to write (site paths without the leading `/`).
pub fn externalize_scripts(html: &str) -> (String, Vec<OutputFile>) {
    let scripts = inline_scripts(html);
    if scripts.is_empty() {
        return (html.to_string(), Vec::new());
    }
    let mut files = Vec::new();
    let mut page = String::with_capacity(html.len());
    let data: Vec<&str> = scripts
        .iter()
        .filter(|s| !s.module)
        .map(|s| s.code.as_str())
        .collect();
    let data_tag = (!data.is_empty()).then(|| {
        let code = data.join(";\n");
        let path = format!("hydrate/{}.js", fingerprint([("", code.as_bytes())]));
        let tag = format!("<script defer src=\"/{path}\"></script>");
        files.push(OutputFile {
            path,
            bytes: code.into_bytes(),
        });
        tag
    });
    let mut data_placed = false;
    let mut copied = 0;
    for script in &scripts {
        page.push_str(&html[copied..script.start]);
        copied = script.end;
        if script.module {
            // The data must run first: deferred scripts run in page order.
            if let Some(tag) = data_tag.as_ref().filter(|_| !data_placed) {
                page.push_str(tag);
                data_placed = true;
            }
            let path = format!(
                "bantin-start-{}.js",
                fingerprint([("", script.code.as_bytes())])
            );
            page.push_str(&format!(
                "<script type=\"module\" src=\"/{path}\"></script>"
            ));
            files.push(OutputFile {
                path,
                bytes: script.code.clone().into_bytes(),
            });
        }
    }
    page.push_str(&html[copied..]);
    if let Some(tag) = data_tag.filter(|_| !data_placed) {
        // No loader on this page: the data goes at the end of the head.
        match page.find("</head>") {
            Some(at) => page.insert_str(at, &tag),
            None => page.push_str(&tag),
        }
    }
    (page, files)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><head><script src=\"/register-sw.js\" defer></script>\
        <script type=\"module\">import init from '/app.js'; await init();</script></head>\
        <body><p>Nội dung</p><script>__RESOLVED_RESOURCES=[];</script>\
        <script>__RESOLVED_RESOURCES[0] = \"x\";</script>\
        <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></body></html>";

    #[test]
    fn inline_scripts_become_files_and_the_data_runs_before_the_loader() {
        let (page, files) = externalize_scripts(PAGE);
        assert!(!page.contains("__RESOLVED"), "{page}");
        assert!(inline_scripts(&page).is_empty());
        assert_eq!(files.len(), 2);
        let data = &files[0];
        assert!(data.path.starts_with("hydrate/"));
        assert_eq!(
            String::from_utf8_lossy(&data.bytes),
            "__RESOLVED_RESOURCES=[];;\n__RESOLVED_RESOURCES[0] = \"x\";"
        );
        let loader = &files[1];
        assert!(loader.path.starts_with("bantin-start-"));
        let data_at = page
            .find(&format!("src=\"/{}\"", data.path))
            .expect("data tag");
        let loader_at = page
            .find(&format!("src=\"/{}\"", loader.path))
            .expect("loader tag");
        assert!(data_at < loader_at);
        assert!(page.contains("<p>Nội dung</p>"));
        // JSON-LD is data, not code: it stays where link previews read it.
        assert!(page
            .contains("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>"));
        assert!(page.contains("<script src=\"/register-sw.js\" defer></script>"));
    }

    #[test]
    fn script_tags_inside_attribute_values_and_comments_are_text() {
        let page = "<html><head><meta name=\"description\" content=\"<script>__xss()</script>\">\
            <meta content='<script>__xss()</script>'><!-- <script>__xss()</script> -->\
            <title>&lt;script&gt;</title></head><body><p>x</p></body></html>";
        assert!(inline_scripts(page).is_empty());
        let (rewritten, files) = externalize_scripts(page);
        assert_eq!(rewritten, page);
        assert!(files.is_empty());
    }

    #[test]
    fn closing_tags_are_found_in_any_case() {
        assert_eq!(find_ignoring_case("a</SCRIPT>", "</script"), Some(1));
        assert_eq!(find_ignoring_case("abc", "</script"), None);
        let page = "<html><head><SCRIPT>x()</SCRIPT></head><body></body></html>";
        let (rewritten, files) = externalize_scripts(page);
        assert!(!rewritten.contains("x()"), "{rewritten}");
        assert_eq!(files.len(), 1);
    }

    #[test]
    fn the_same_loader_gives_the_same_file_on_every_page() {
        let (_, first) = externalize_scripts(PAGE);
        let (_, second) = externalize_scripts(&PAGE.replace("\"x\"", "\"y\""));
        assert_eq!(first[1].path, second[1].path);
        assert_ne!(first[0].path, second[0].path);
    }

    #[test]
    fn origins_come_only_from_absolute_web_addresses() {
        assert_eq!(
            origin_of("https://stats.example.gov.vn/counter.json").as_deref(),
            Some("https://stats.example.gov.vn")
        );
        assert_eq!(origin_of("/data/stats.json"), None);
        assert_eq!(origin_of("javascript:alert(1)"), None);
    }
}
