//! Files that tell CDNs how to serve the site: caching and the 404 page.
//! Netlify and Cloudflare Pages read `_headers` and `_redirects`; GitHub
//! Pages serves `404.html` on its own; docs/deployment.md covers the rest.

use crate::files::OutputFile;

/// Cache rules. Trunk names the WASM, JS glue and CSS after their content
/// hash, so they never change under a name: a year, immutable. `sw.js`,
/// `sw-search.js` and `register-sw.js` keep their names, so they fall under the default. Pages and data
/// keep their names across builds, so they are revalidated on every visit
/// (cheap with ETags) and a reader never keeps an old page against a new app:
/// that is what Netlify and Cloudflare Pages send when no rule says
/// otherwise (`public, max-age=0, must-revalidate`), so `/*` sets no
/// `Cache-Control` — both hosts give a path the headers of *every* rule it
/// matches, and two `Cache-Control` values would be joined into one
/// contradictory header ("max-age=0, …, max-age=31536000").
/// Picture copies (`anh/`) are named after their original's content.
/// The search worker's files live in a folder named after them
/// (`search-worker-<fingerprint>/`, see `app_files`).
/// The search index lives under a folder named after its content
/// (`data/search/<build>/`, listed by `data/search.json`), so it is
/// immutable too.
pub const HEADERS: &str = "\
/*
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
/favicon.svg
  Cache-Control: public, max-age=86400
/bantin-web-*
  Cache-Control: public, max-age=31536000, immutable
/*.css
  Cache-Control: public, max-age=31536000, immutable
/media/*
  Cache-Control: public, max-age=86400
/anh/*
  Cache-Control: public, max-age=31536000, immutable
/hydrate/*
  Cache-Control: public, max-age=31536000, immutable
/bantin-start-*
  Cache-Control: public, max-age=31536000, immutable
/search-worker-*
  Cache-Control: public, max-age=31536000, immutable
/data/search/*
  Cache-Control: public, max-age=31536000, immutable
";

/// Unknown addresses get the 404 page (the app then renders the address
/// itself, so a page added after this build still opens).
pub const REDIRECTS: &str = "/* /404.html 404\n";

/// The CDN files of a built site; every page is served with `policy` (see
/// `csp::policy`). A site under a path (`base`, like `/portal`) has its
/// rules under it: Netlify and Cloudflare Pages read these files only at
/// the root of what they publish, where the operator merges them
/// (docs/deployment.md).
pub fn files(policy: &str, base: &str) -> Vec<OutputFile> {
    let under_base = |rules: &str| -> String {
        rules
            .lines()
            .map(|line| {
                if line.starts_with('/') {
                    format!("{base}{}\n", line.replace(" /", &format!(" {base}/")))
                } else {
                    format!("{line}\n")
                }
            })
            .collect()
    };
    let headers = under_base(HEADERS).replacen(
        "  X-Content-Type-Options: nosniff\n",
        &format!("  X-Content-Type-Options: nosniff\n  Content-Security-Policy: {policy}\n"),
        1,
    );
    vec![
        OutputFile {
            path: "_headers".into(),
            bytes: headers.into_bytes(),
        },
        OutputFile {
            path: "_redirects".into(),
            bytes: under_base(REDIRECTS).into_bytes(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `Cache-Control` values the `_headers` rules give `path`, by the
    /// hosts' matching (`*` matches anything, `/` included).
    fn cache_rules_for(path: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut matches = false;
        for line in HEADERS.lines() {
            if let Some(header) = line.strip_prefix("  ") {
                if matches {
                    if let Some(value) = header.strip_prefix("Cache-Control: ") {
                        found.push(value.to_string());
                    }
                }
            } else {
                let (head, tail) = line.split_once('*').unwrap_or((line, ""));
                matches = if line.contains('*') {
                    path.starts_with(head) && path.ends_with(tail)
                } else {
                    path == line
                };
            }
        }
        found
    }

    #[test]
    fn no_address_gets_two_cache_rules_and_hashed_files_are_immutable() {
        for path in [
            "/",
            "/tin-tuc/mot-bai",
            "/data/home.json",
            "/sw.js",
            "/sw-search.js",
            "/favicon.svg",
            "/media/bao-cao.pdf",
            "/anh/dong-lua-480.0123456789ab.webp",
            "/bantin-web-0123abcd_bg.wasm",
            "/base-0123abcd.css",
            "/hydrate/0123abcd.js",
            "/data/search/0123abcd/4.bin",
        ] {
            let rules = cache_rules_for(path);
            assert!(rules.len() <= 1, "{path}: {rules:?}");
        }
        for immutable in [
            "/anh/dong-lua-480.0123456789ab.webp",
            "/bantin-web-0123abcd_bg.wasm",
            "/data/search/0123abcd/4.bin",
            "/search-worker-0123abcd/bantin-search-worker_bg.wasm",
        ] {
            assert!(
                cache_rules_for(immutable)
                    .first()
                    .is_some_and(|rule| rule.contains("immutable")),
                "{immutable}"
            );
        }
        // Entry files keep the hosts' default: revalidate on every visit.
        assert!(cache_rules_for("/tin-tuc/mot-bai").is_empty());
        assert!(cache_rules_for("/data/home.json").is_empty());
    }
}
