//! The app's stylesheets go into every prerendered page as one `<style>`.
//!
//! On slow 4G each request round costs over half a second. With the CSS in
//! files, a page paints only after a second round (HTML, then CSS); with it
//! in the page, the browser lays the page out while the first picture is
//! still on its way. The CSS is 15 KB (under 5 KB brotli), so every page
//! carrying it costs less than the round it saves.
//!
//! Pages are rendered with the block empty but for [`PLACEHOLDER`], and
//! [`complete`] puts the CSS in as each page is written: at 100,000
//! articles, 1.6 GB of copies of one stylesheet never sit in memory.
//!
//! The strict policy allows this one block by its hash (`style-src 'self'
//! 'sha256-…'`; see `csp::policy`). Should a server send an older policy
//! (a copied header not updated after an upgrade), the block is refused:
//! the loader then puts the stylesheet files back (`app_start.js`), which
//! Trunk's output still holds.

use base64::Engine;
use sha2::Digest;

/// The attribute that marks the block, for the loader's check.
pub const MARK: &str = "data-app-css";

/// What a page's stylesheet block holds until it is written. Nothing of
/// the page's own comes before the block (the head's dynamic tags follow
/// it), so the first one found is the block's.
pub const PLACEHOLDER: &str = "/*bantin:app-css*/";

/// `index.html` with its stylesheets made one block, and what completes it.
pub struct Inlined {
    /// The page template, its block holding [`PLACEHOLDER`].
    pub html: String,
    /// `'sha256-…'` of the completed block's text; `None` when nothing was
    /// inlined.
    pub hash: Option<String>,
    /// The text that takes the placeholder's place.
    pub css: String,
}

/// Puts Trunk's stylesheets (`<link rel="stylesheet" href="/name.css" …>`,
/// files `read` gives by name) into `index_html` as one block where the first one was,
/// in their order. Anything else (a stylesheet from elsewhere, a file that
/// cannot be read, CSS that could end the block) leaves the template as it
/// is: the pages then load the files, as before.
pub fn inline(index_html: &str, read: &dyn Fn(&str) -> Option<String>) -> Inlined {
    let unchanged = || Inlined {
        html: index_html.to_string(),
        hash: None,
        css: String::new(),
    };
    let links = stylesheet_links(index_html);
    if links.is_empty() {
        return unchanged();
    }
    let mut css = String::new();
    let mut files = Vec::new();
    for link in &links {
        let Some(text) = read(&link.file) else {
            return unchanged();
        };
        if text.to_ascii_lowercase().contains("</style") {
            return unchanged();
        }
        css.push_str(&text);
        css.push('\n');
        files.push(format!("/{}", link.file));
    }
    let hash = format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(css.as_bytes()))
    );
    // The files, for the loader to put back if the block is refused.
    let list = files.join(" ");
    let block = format!("<style {MARK}=\"{list}\">{PLACEHOLDER}</style>");
    let mut html = String::with_capacity(index_html.len() + block.len());
    let mut copied = 0;
    for (i, link) in links.iter().enumerate() {
        html.push_str(&index_html[copied..link.start]);
        if i == 0 {
            html.push_str(&block);
        }
        copied = link.end;
    }
    html.push_str(&index_html[copied..]);
    Inlined {
        html,
        hash: Some(hash),
        css,
    }
}

/// A page as written: its stylesheet block filled with `css`. A page
/// without the placeholder (a script, or nothing was inlined) is returned
/// as it is.
pub fn complete<'a>(page: &'a [u8], css: &str) -> std::borrow::Cow<'a, [u8]> {
    let marker = PLACEHOLDER.as_bytes();
    match page.windows(marker.len()).position(|w| w == marker) {
        Some(at) if !css.is_empty() => {
            let mut full = Vec::with_capacity(page.len() + css.len());
            full.extend_from_slice(&page[..at]);
            full.extend_from_slice(css.as_bytes());
            full.extend_from_slice(&page[at + marker.len()..]);
            std::borrow::Cow::Owned(full)
        }
        _ => std::borrow::Cow::Borrowed(page),
    }
}

/// One `<link rel="stylesheet">` of the template.
struct Link {
    /// Byte range of the tag.
    start: usize,
    end: usize,
    /// Its file, relative to the app's folder.
    file: String,
}

/// Trunk's stylesheet links, in order: `<link rel="stylesheet"
/// href="/name.css" …>` with a site-root file name and nothing else that
/// could make it not apply (no `media`).
fn stylesheet_links(html: &str) -> Vec<Link> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = html[at..].find("<link ") {
        let start = at + offset;
        let Some(length) = html[start..].find('>') else {
            break;
        };
        let end = start + length + 1;
        let tag = &html[start..end];
        at = end;
        if !tag.contains("rel=\"stylesheet\"") || tag.contains("media=") {
            continue;
        }
        let file = tag
            .split_once("href=\"/")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(file, _)| file)
            .filter(|file| {
                file.ends_with(".css")
                    && file
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            });
        if let Some(file) = file {
            found.push(Link {
                start,
                end,
                file: file.to_string(),
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "<head><meta charset=\"utf-8\">\
        <link rel=\"stylesheet\" href=\"/a-1.css\" integrity=\"sha384-x\"/>\
        <link rel=\"icon\" href=\"/favicon.svg\">\
        <link rel=\"stylesheet\" href=\"/b-2.css\" integrity=\"sha384-y\"/></head><body></body>";

    /// An app holding `files` (name, text).
    fn app_with(files: &[(&str, &str)]) -> std::collections::HashMap<String, String> {
        files
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect()
    }

    #[test]
    fn the_stylesheets_become_one_block_where_the_first_was() {
        let app = app_with(&[("a-1.css", "p{color:red}"), ("b-2.css", "h1{margin:0}")]);
        let inlined = inline(TEMPLATE, &|name| app.get(name).cloned());
        let page = complete(inlined.html.as_bytes(), &inlined.css);
        assert_eq!(
            String::from_utf8_lossy(&page),
            "<head><meta charset=\"utf-8\">\
             <style data-app-css=\"/a-1.css /b-2.css\">p{color:red}\nh1{margin:0}\n</style>\
             <link rel=\"icon\" href=\"/favicon.svg\"></head><body></body>"
        );
        // Held short until written; only the first placeholder is the block.
        assert!(inlined.html.contains(PLACEHOLDER));
        let twice = format!("{}<p>{PLACEHOLDER}</p>", inlined.html);
        let written = complete(twice.as_bytes(), &inlined.css);
        assert!(String::from_utf8_lossy(&written).ends_with(&format!("<p>{PLACEHOLDER}</p>")));
        // A file without the block is left alone.
        assert!(matches!(
            complete(b"console.log(1)", &inlined.css),
            std::borrow::Cow::Borrowed(_)
        ));
        // The hash a browser computes over the block's text.
        let expected = base64::engine::general_purpose::STANDARD
            .encode(sha2::Sha256::digest(b"p{color:red}\nh1{margin:0}\n"));
        assert_eq!(inlined.hash, Some(format!("'sha256-{expected}'")));
    }

    #[test]
    fn anything_doubtful_leaves_the_links() {
        // A file missing.
        let app = app_with(&[("a-1.css", "p{}")]);
        let kept = inline(TEMPLATE, &|name| app.get(name).cloned());
        assert_eq!((kept.html.as_str(), kept.hash), (TEMPLATE, None));
        // CSS that would end the block early.
        let app = app_with(&[
            ("a-1.css", "p{}</STYLE><script>x()</script>"),
            ("b-2.css", ""),
        ]);
        assert_eq!(inline(TEMPLATE, &|name| app.get(name).cloned()).hash, None);
        // No stylesheet at all.
        assert_eq!(
            inline("<head></head>", &|name| app.get(name).cloned()).hash,
            None
        );
    }

    #[test]
    fn only_trunks_own_files_are_taken() {
        let html = "<link rel=\"stylesheet\" href=\"https://cdn.example/x.css\">\
            <link rel=\"stylesheet\" href=\"/../etc/x.css\">\
            <link rel=\"stylesheet\" media=\"print\" href=\"/p.css\">\
            <link rel=\"stylesheet\" href=\"/ok-1.css\">";
        let files: Vec<String> = stylesheet_links(html).into_iter().map(|l| l.file).collect();
        assert_eq!(files, ["ok-1.css"]);
    }
}
