//! Where the site is served: at its host's root, or under a path such as
//! `/portal` (a GitHub Pages project, a folder of an agency's site).
//!
//! Bundles and routes always speak of addresses from the site's root
//! (`/tin-tuc/…`, `/data/…`), so a site's data does not depend on where it
//! is put. The app adds the base where an address leaves it: a link it
//! draws, a picture, a fetch. It takes the base away where an address comes
//! in: the address bar, a link pointed at. The page shell names the base
//! (`<meta name="bantin-base">`, written by the bundler only for a site
//! under a path), and the build-time renderer is told it per page.

use std::cell::RefCell;

/// The `name` of the page shell's `<meta>` that holds the base path.
pub const META_NAME: &str = "bantin-base";

thread_local! {
    /// The base path of this thread's site: `""` at the root, else
    /// `/portal` (a leading `/`, no trailing one). `None` until read.
    static BASE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The site's base path: `""` at the host's root, else like `/portal`.
pub fn base() -> String {
    BASE.with(|base| {
        base.borrow_mut()
            .get_or_insert_with(|| {
                crate::browser::meta_content(META_NAME)
                    .map(|written| normalise(&written))
                    .unwrap_or_default()
            })
            .clone()
    })
}

/// Sets the base path for what this thread renders next (the build-time
/// renderer, from the page shell; tests).
pub fn set(path: &str) {
    BASE.with(|base| *base.borrow_mut() = Some(normalise(path)));
}

/// `/portal/` or `portal` as the base path is kept (`/portal`); `/` and
/// `""` are the host's root.
pub fn normalise(path: &str) -> String {
    let path = path.trim().trim_matches('/');
    if path.is_empty() {
        String::new()
    } else {
        format!("/{path}")
    }
}

/// The address a browser needs for `path`, an address from the site's
/// root: `/tin-tuc/a` is `/portal/tin-tuc/a` under `/portal`, and the home
/// page `/` is `/portal/`. Anything else (another site, `mailto:`, a
/// `#fragment`, `//host/…`) is kept as written.
pub fn at(path: &str) -> String {
    at_base(&base(), path)
}

/// [`at`] with the base given.
pub fn at_base(base: &str, path: &str) -> String {
    if base.is_empty() || !path.starts_with('/') || path.starts_with("//") {
        path.to_string()
    } else {
        format!("{base}{path}")
    }
}

/// The address from the site's root of `path`, an address the browser
/// shows (`/portal/tin-tuc/a` is `/tin-tuc/a`; `/portal` is `/`). `None`
/// for an address outside the base.
pub fn within(path: &str) -> Option<String> {
    within_base(&base(), path)
}

/// [`within`] with the base given.
pub fn within_base(base: &str, path: &str) -> Option<String> {
    if base.is_empty() {
        return Some(path.to_string());
    }
    let rest = path.strip_prefix(base)?;
    if rest.is_empty() {
        Some("/".to_string())
    } else if rest.starts_with(['/', '?', '#']) {
        Some(if rest.starts_with('/') {
            rest.to_string()
        } else {
            format!("/{rest}")
        })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_is_kept_with_one_leading_slash_and_no_trailing_one() {
        assert_eq!(normalise("/portal/"), "/portal");
        assert_eq!(normalise("portal"), "/portal");
        assert_eq!(normalise("/so/portal"), "/so/portal");
        assert_eq!(normalise("/"), "");
        assert_eq!(normalise(""), "");
    }

    #[test]
    fn site_addresses_go_under_the_base_and_others_stay() {
        assert_eq!(at_base("/portal", "/tin-tuc/a"), "/portal/tin-tuc/a");
        assert_eq!(at_base("/portal", "/"), "/portal/");
        assert_eq!(at_base("/portal", "/tim-kiem?q=x"), "/portal/tim-kiem?q=x");
        for kept in [
            "https://chinhphu.vn/",
            "//cdn.vn/a",
            "#muc-1",
            "mailto:a@b.vn",
            "tel:0296",
        ] {
            assert_eq!(at_base("/portal", kept), kept);
        }
        assert_eq!(at_base("", "/tin-tuc/a"), "/tin-tuc/a");
    }

    #[test]
    fn addresses_under_the_base_come_back_from_the_root() {
        assert_eq!(
            within_base("/portal", "/portal/tin-tuc/a").as_deref(),
            Some("/tin-tuc/a")
        );
        assert_eq!(within_base("/portal", "/portal/").as_deref(), Some("/"));
        assert_eq!(within_base("/portal", "/portal").as_deref(), Some("/"));
        assert_eq!(
            within_base("/portal", "/portal?q=1").as_deref(),
            Some("/?q=1")
        );
        assert_eq!(within_base("/portal", "/portalx/a"), None);
        assert_eq!(within_base("/portal", "/tin-tuc/a"), None);
        assert_eq!(within_base("", "/tin-tuc/a").as_deref(), Some("/tin-tuc/a"));
    }
}
