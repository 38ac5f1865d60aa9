//! A site served under a path (`base_url = "https://org.github.io/portal/"`
//! or `base_path = "/portal"`): what the app's files say of addresses is
//! put under that path. Pages and data keep addresses from the site's root
//! (the app adds the base as it draws, see `bantin::base`); what is written
//! here is what the app cannot draw itself: the page shell that loads it,
//! its web manifest, the service worker and the CDN's rules. At the host's
//! root (`""`) nothing changes, byte for byte.
//!
//! A base path holds only ASCII letters, digits, `-`, `_`, `.`, `~` and `/`
//! (`load::site` checks it), so it goes into HTML, JavaScript and JSON as
//! it is.

use crate::make::app_files::AppFiles;
use bantin::base::{at_base, META_NAME};

/// The site path `path` as the browser asks for it under `base`.
pub fn address(base: &str, path: &str) -> String {
    at_base(base, path)
}

/// The app's shell (`index.html`, with its metas) under `base`: every
/// quoted address from the root (`"/…"`, `'/…'`: Trunk's links and
/// loader, the icon, the manifest, the scripts, the workers' metas, the
/// stylesheets' list) goes under it, and a `<meta>` tells the app its base.
pub fn shell(html: &str, base: &str) -> String {
    if base.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(at) = rest.find(['"', '\'']) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let quote = &from[..1];
        let after = &from[1..];
        out.push_str(quote);
        if after.starts_with('/') && !after.starts_with("//") {
            out.push_str(base);
        }
        rest = after;
    }
    out.push_str(rest);
    let out = list_under_base(&out, "data-app-css=\"", base);
    out.replacen(
        "</head>",
        &format!("<meta name=\"{META_NAME}\" content=\"{base}\"></head>"),
        1,
    )
}

/// The space-separated addresses of the attribute opened by `attribute`
/// (whose first address is already under `base`) all under it.
fn list_under_base(html: &str, attribute: &str, base: &str) -> String {
    let Some((before, rest)) = html.split_once(attribute) else {
        return html.to_string();
    };
    let Some((list, after)) = rest.split_once('"') else {
        return html.to_string();
    };
    let list = list.replace(" /", &format!(" {base}/"));
    format!("{before}{attribute}{list}\"{after}")
}

/// The app's files under `base`: the web manifest's start, scope and icon.
pub fn app_files(files: &mut AppFiles, base: &str) {
    if base.is_empty() {
        return;
    }
    for file in &mut files.files {
        if file.path == "manifest.webmanifest" {
            if let Ok(text) = std::str::from_utf8(&file.bytes) {
                file.bytes = text.replace("\"/", &format!("\"{base}/")).into_bytes();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<html><head><link rel=\"icon\" href=\"/favicon.svg\">\
        <style data-app-css=\"/a-1.css /b-2.css\">p{}</style>\
        <link rel=\"preconnect\" href=\"//cdn.vn\">\
        <script type=\"module\">import init from '/bantin-web-1.js';\
        await init({ module_or_path: '/bantin-web-1_bg.wasm' });</script>\
        </head><body><p>Trang \"này\" cần JavaScript</p></body></html>";

    #[test]
    fn the_shell_at_the_root_is_unchanged() {
        assert_eq!(shell(SHELL, ""), SHELL);
    }

    #[test]
    fn every_address_the_shell_gives_goes_under_the_base() {
        let under = shell(SHELL, "/portal");
        for expected in [
            "href=\"/portal/favicon.svg\"",
            "data-app-css=\"/portal/a-1.css /portal/b-2.css\"",
            "import init from '/portal/bantin-web-1.js'",
            "module_or_path: '/portal/bantin-web-1_bg.wasm'",
            "href=\"//cdn.vn\"",
            "<p>Trang \"này\" cần JavaScript</p>",
            "<meta name=\"bantin-base\" content=\"/portal\"></head>",
        ] {
            assert!(under.contains(expected), "{expected} in {under}");
        }
    }

    #[test]
    fn the_manifest_starts_and_stays_under_the_base() {
        let manifest = "{\"start_url\": \"/\", \"scope\": \"/\", \"icons\": [{\"src\": \"/favicon.svg\"}], \"name\": \"Bản tin\"}";
        let mut files = AppFiles {
            files: vec![crate::files::OutputFile {
                path: "manifest.webmanifest".into(),
                bytes: manifest.as_bytes().to_vec(),
            }],
            search_worker: None,
        };
        app_files(&mut files, "/portal");
        assert_eq!(
            String::from_utf8_lossy(&files.files[0].bytes),
            "{\"start_url\": \"/portal/\", \"scope\": \"/portal/\", \"icons\": [{\"src\": \"/portal/favicon.svg\"}], \"name\": \"Bản tin\"}"
        );
    }
}
