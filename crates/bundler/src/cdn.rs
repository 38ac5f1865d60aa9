//! Files that tell CDNs how to serve the site: caching and the 404 page.
//! Netlify and Cloudflare Pages read `_headers` and `_redirects`; GitHub
//! Pages serves `404.html` on its own; docs/deployment.md covers the rest.

use crate::bundles::OutputFile;

/// Cache rules. Trunk names the WASM, JS glue and CSS after their content
/// hash, so they never change under a name: a year, immutable. `sw.js` and
/// `register-sw.js` keep their names, so they fall under the default. Pages and data
/// keep their names across builds, so they are revalidated on every visit
/// (cheap with ETags) and a reader never keeps an old page against a new app.
/// The search index lives under a folder named after its content
/// (`data/search/<build>/`, listed by `data/search.json`), so it is
/// immutable too.
pub const HEADERS: &str = "\
/*
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  Cache-Control: public, max-age=0, must-revalidate
/bantin-web-*
  Cache-Control: public, max-age=31536000, immutable
/*.css
  Cache-Control: public, max-age=31536000, immutable
/media/*
  Cache-Control: public, max-age=86400
/hydrate/*
  Cache-Control: public, max-age=31536000, immutable
/bantin-start-*
  Cache-Control: public, max-age=31536000, immutable
/data/search/*
  Cache-Control: public, max-age=31536000, immutable
";

/// Unknown addresses get the 404 page (the app then renders the address
/// itself, so a page added after this build still opens).
pub const REDIRECTS: &str = "/* /404.html 404\n";

/// The CDN files of a built site; every page is served with `policy` (see
/// `csp::policy`).
pub fn files(policy: &str) -> Vec<OutputFile> {
    let headers = HEADERS.replacen(
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
            bytes: REDIRECTS.as_bytes().to_vec(),
        },
    ]
}
