//! A strict Content-Security-Policy for the built site, and the rewriting
//! that lets pages live under it: no page carries an inline script.
//!
//! Two kinds of inline script come out of the tools: Trunk's loader (a
//! module script that starts the WASM) and Leptos's hydration data (the
//! resources a prerendered page was rendered with). The loader becomes a
//! file, the same for every page. The data stays in the page as a JSON
//! data block after its content (a policy allows data blocks: they never
//! run), and the loader file starts by reading it: no file and no request
//! per page for it (an extra script request held back the home page's
//! lead picture by 400 ms on slow 4G). Data in a shape this code does not
//! know goes to a file of its own, named after its content, run before the
//! loader (both deferred, in order).

use crate::files::OutputFile;
use crate::load::content::Content;
use bantin_model::hash::fingerprint;

/// The policy every page is served with. `style-src` allows the pages'
/// stylesheet block by its hash (`inline_style`, see `styles`); `frame-src`
/// and `connect-src` are widened only for what the content needs (a
/// YouTube video, a visitor counter on another host).
pub fn policy(content: &Content, inline_style: Option<&str>) -> String {
    let style = inline_style.map_or(String::new(), |hash| format!(" {hash}"));
    let mut policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; \
         style-src 'self'{style}; \
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

/// The id of a page's hydration data block.
const HYDRATION_BLOCK: &str = "bantin-hydration";

/// Hands Leptos the hydration data of the page's data block, as the inline
/// statements it replaces would have; put before the loader's own code (a
/// page without a block, the 404 page, is left as it is).
const HYDRATION_READER: &str = "\
// Bản tin: the data this prerendered page was rendered with, for hydration.
(() => {
  const block = document.getElementById('bantin-hydration');
  if (!block) return;
  const data = JSON.parse(block.textContent);
  window.__RESOLVED_RESOURCES = data.resolved;
  window.__SERIALIZED_ERRORS = [];
  window.__PENDING_RESOURCES = data.pending;
  window.__RESOURCE_RESOLVERS = [];
  window.__INCOMPLETE_CHUNKS = data.incomplete;
})();
";

/// Reads a string literal as Rust's `{:?}` writes it (how Leptos writes
/// resolved resources); returns it and the text after it.
fn debug_string(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('"')?;
    let mut chars = body.char_indices();
    let mut out = String::new();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return Some((out, &body[at + 1..])),
            '\\' => match chars.next()?.1 {
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                '\'' => out.push('\''),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                '0' => out.push('\0'),
                'u' => {
                    if chars.next()?.1 != '{' {
                        return None;
                    }
                    let mut hex = String::new();
                    loop {
                        match chars.next()?.1 {
                            '}' => break,
                            digit if hex.len() < 6 => hex.push(digit),
                            _ => return None,
                        }
                    }
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                _ => return None,
            },
            c => out.push(c),
        }
    }
    None
}

/// Leptos's hydration statements of a fully rendered page as one JSON
/// value (`resolved`, `pending`, `incomplete`); `None` for anything else
/// (errors, data written before rendering ended), which then stays code.
fn hydration_json(code: &str) -> Option<String> {
    let mut resolved: Vec<Option<String>> = Vec::new();
    let mut pending: Vec<u64> = Vec::new();
    let mut incomplete: Vec<u64> = Vec::new();
    let mut rest = code;
    loop {
        rest = rest.trim_start_matches(|c: char| c == ';' || c.is_whitespace());
        if rest.is_empty() {
            break;
        }
        if let Some(after) = rest.strip_prefix("__RESOLVED_RESOURCES[") {
            let (id, after) = after.split_once(']')?;
            let id: usize = id.parse().ok().filter(|id| *id < 1 << 16)?;
            let (value, after) = debug_string(after.trim_start().strip_prefix('=')?.trim_start())?;
            if resolved.len() <= id {
                resolved.resize(id + 1, None);
            }
            resolved[id] = Some(value);
            rest = after;
            continue;
        }
        let (name, after) = rest.split_once("=[")?;
        let (list, after) = after.split_once("];")?;
        let numbers = list
            .split(',')
            .filter(|n| !n.trim().is_empty())
            .map(|n| n.trim().parse().ok())
            .collect::<Option<Vec<u64>>>()?;
        match name {
            "__PENDING_RESOURCES" => pending = numbers,
            "__INCOMPLETE_CHUNKS" => incomplete = numbers,
            "__RESOLVED_RESOURCES" | "__SERIALIZED_ERRORS" | "__RESOURCE_RESOLVERS"
                if numbers.is_empty() => {}
            _ => return None,
        }
        rest = after;
    }
    let json = serde_json::json!({
        "resolved": resolved,
        "pending": pending,
        "incomplete": incomplete,
    });
    // No `</script>` can end the block early: `<` only stands in strings.
    Some(json.to_string().replace('<', "\\u003c"))
}

/// Moves a page's inline scripts into files. Returns the page without
/// them and the files to write (site paths without the leading `/`).
pub fn externalize_scripts(html: &str, base: &str) -> (String, Vec<OutputFile>) {
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
    // The data block takes the place of Leptos's first data script, after
    // the page's content, so a big block never holds back the first paint;
    // the loader that reads it runs once the whole page is parsed.
    let mut block = String::new();
    let mut data_tag = None;
    let mut has_block = false;
    if !data.is_empty() {
        let code = data.join(";\n");
        match hydration_json(&code) {
            Some(json) => {
                has_block = true;
                block = format!(
                    "<script type=\"application/json\" id=\"{HYDRATION_BLOCK}\">{json}</script>"
                );
            }
            None => {
                let path = format!("hydrate/{}.js", fingerprint([("", code.as_bytes())]));
                data_tag = Some(format!("<script defer src=\"{base}/{path}\"></script>"));
                files.push(OutputFile {
                    path,
                    bytes: code.into_bytes(),
                });
            }
        }
    }
    let mut data_placed = false;
    let mut copied = 0;
    for script in &scripts {
        page.push_str(&html[copied..script.start]);
        copied = script.end;
        if !script.module {
            page.push_str(&std::mem::take(&mut block));
        } else {
            // The data must run first: deferred scripts run in page order.
            if let Some(tag) = data_tag.as_ref().filter(|_| !data_placed) {
                page.push_str(tag);
                data_placed = true;
            }
            // The app starts when the reader first does something.
            let start = crate::make::app_start::deferred(&script.code);
            let code = format!(
                "{HYDRATION_READER}{}",
                start.as_deref().unwrap_or(&script.code)
            );
            let path = format!("bantin-start-{}.js", fingerprint([("", code.as_bytes())]));
            page.push_str(&format!(
                "<script type=\"module\" src=\"{base}/{path}\"></script>"
            ));
            files.push(OutputFile {
                path,
                bytes: code.into_bytes(),
            });
        }
    }
    page.push_str(&html[copied..]);
    let loader_seen = scripts.iter().any(|s| s.module);
    if !loader_seen && has_block {
        // No loader to read the block: the reader gets a file of its own.
        let path = format!(
            "bantin-hydration-{}.js",
            fingerprint([("", HYDRATION_READER.as_bytes())])
        );
        data_tag = Some(format!("<script defer src=\"{base}/{path}\"></script>"));
        files.push(OutputFile {
            path,
            bytes: HYDRATION_READER.as_bytes().to_vec(),
        });
    }
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

    /// The hydration data block of a page, read back.
    fn hydration_block(page: &str) -> serde_json::Value {
        let open = format!("<script type=\"application/json\" id=\"{HYDRATION_BLOCK}\">");
        let start = page.find(&open).expect("a hydration block") + open.len();
        let end = start + page[start..].find("</script>").expect("closed");
        serde_json::from_str(&page[start..end]).expect("JSON")
    }

    #[test]
    fn inline_scripts_become_files_and_the_data_runs_before_the_loader() {
        let (page, files) = externalize_scripts(PAGE, "");
        assert!(!page.contains("__RESOLVED"), "{page}");
        assert!(inline_scripts(&page).is_empty());
        // The data stays in the page as data; the loader reads it first.
        assert_eq!(
            hydration_block(&page),
            serde_json::json!({"resolved": ["x"], "pending": [], "incomplete": []})
        );
        assert_eq!(files.len(), 1);
        let loader = &files[0];
        let code = String::from_utf8_lossy(&loader.bytes);
        assert!(code.starts_with(HYDRATION_READER), "{code}");
        assert!(code.ends_with("import init from '/app.js'; await init();"));
        assert!(loader.path.starts_with("bantin-start-"));
        let loader_at = page
            .find(&format!("src=\"/{}\"", loader.path))
            .expect("loader tag");
        // The data comes after the content, so it never holds back the
        // first paint; the loader runs once the page is parsed.
        let content_at = page.find("<p>Nội dung</p>").expect("content kept");
        let block_at = page
            .find(&format!("id=\"{HYDRATION_BLOCK}\""))
            .expect("data block");
        assert!(loader_at < content_at && content_at < block_at, "{page}");
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
        let (rewritten, files) = externalize_scripts(page, "");
        assert_eq!(rewritten, page);
        assert!(files.is_empty());
    }

    #[test]
    fn closing_tags_are_found_in_any_case() {
        assert_eq!(find_ignoring_case("a</SCRIPT>", "</script"), Some(1));
        assert_eq!(find_ignoring_case("abc", "</script"), None);
        let page = "<html><head><SCRIPT>x()</SCRIPT></head><body></body></html>";
        let (rewritten, files) = externalize_scripts(page, "");
        assert!(!rewritten.contains("x()"), "{rewritten}");
        assert_eq!(files.len(), 1);
    }

    #[test]
    fn without_a_loader_the_data_gets_a_reader_of_its_own() {
        let page = PAGE.replace(
            "<script type=\"module\">import init from '/app.js'; await init();</script>",
            "",
        );
        let (page, files) = externalize_scripts(&page, "");
        assert_eq!(files.len(), 1);
        assert!(files[0].path.starts_with("bantin-hydration-"));
        assert_eq!(files[0].bytes, HYDRATION_READER.as_bytes());
        let reader_at = page.find(&files[0].path).expect("reader tag");
        assert!(reader_at < page.find("</head>").expect("a head"));
        assert_eq!(hydration_block(&page)["resolved"][0], "x");
    }

    #[test]
    fn the_same_loader_serves_every_page() {
        let (first_page, first) = externalize_scripts(PAGE, "");
        let (second_page, second) = externalize_scripts(&PAGE.replace("\"x\"", "\"y\""), "");
        assert_eq!(first[0].path, second[0].path);
        assert_eq!(hydration_block(&second_page)["resolved"][0], "y");
        assert_ne!(first_page, second_page);
    }

    #[test]
    fn hydration_data_reads_back_exactly_whatever_its_text() {
        for text in [
            "{\"Ok\":{\"title\":\"Đường \\\"mới\\\"\"}}",
            "a\\b\nc\td\re\0f'g",
            "\u{301}e with a mark first, \u{1b} escape, \u{7f} delete",
            "\\u003c/script> stays text",
        ] {
            let literal = format!("{text:?}");
            assert_eq!(
                debug_string(&format!("{literal}; rest")),
                Some((text.to_string(), "; rest")),
                "{literal}"
            );
            let code = format!("__RESOLVED_RESOURCES=[];__PENDING_RESOURCES=[2,];\n__RESOLVED_RESOURCES[2] = {literal};__INCOMPLETE_CHUNKS=[];");
            let json = hydration_json(&code).expect("known statements");
            assert!(!json.contains('<'), "{json}");
            let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
            assert_eq!(value["resolved"][2], text);
            assert_eq!(value["resolved"][0], serde_json::Value::Null);
            assert_eq!(value["pending"], serde_json::json!([2]));
        }
    }

    #[test]
    fn hydration_data_of_an_unknown_shape_stays_a_script_file() {
        for code in [
            "__SERIALIZED_ERRORS.push([0, 1, \"boom\"]);",
            "__RESOLVED_RESOURCES=[\"sync\",];",
            "__RESOLVED_RESOURCES[0] = \"unterminated;",
            "window.location = \"/\";",
        ] {
            assert_eq!(hydration_json(code), None, "{code}");
            let page = PAGE.replace("__RESOLVED_RESOURCES[0] = \"x\";", code);
            assert!(page.contains(code));
            let (page, files) = externalize_scripts(&page, "");
            assert!(files[0].path.starts_with("hydrate/"), "{code}");
            assert!(!page.contains(HYDRATION_BLOCK));
            // The data file runs before the loader: deferred, in page order.
            let data_at = page.find(&files[0].path).expect("data tag");
            let loader_at = page.find(&files[1].path).expect("loader tag");
            assert!(data_at < loader_at, "{page}");
        }
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
