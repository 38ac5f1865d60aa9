//! `site.toml` (the portal's name, menus, categories, footer, where it is
//! served) and `stats.json` (the visitor counter's figures), checked.

use super::source::{read_text, toml_error};
use crate::diagnostic::{line_of_key, Diagnostic};
use crate::load::markdown;
use crate::load::LoadError;
use bantin_model::{paths, slugify, Category, Footer, MenuItem, Stats};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// How many articles a listing page holds unless `site.toml` says otherwise.
pub const DEFAULT_PAGE_SIZE: u32 = 10;

/// `site.toml` as editors write it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteFile {
    name: String,
    #[serde(default)]
    tagline: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    base_url: String,
    /// For a site served under a path with no `base_url` to say it.
    base_path: Option<String>,
    page_size: Option<u32>,
    #[serde(default)]
    menu: Vec<MenuItem>,
    categories: Vec<Category>,
    #[serde(default)]
    footer: Footer,
    /// Where the visitor counter reads its figures; by default the
    /// `stats.json` shipped from the content folder.
    counter: Option<String>,
    #[serde(default)]
    portals: Vec<MenuItem>,
}

/// The site settings, once read and checked.
#[derive(Debug, Clone)]
pub struct SiteSettings {
    /// Portal name.
    pub name: String,
    /// Header sub-line.
    pub tagline: String,
    /// For search engines.
    pub description: String,
    /// Public address, without trailing slash.
    pub base_url: String,
    /// The path the site is served under (`/portal`: no trailing slash),
    /// from `base_url` or `base_path`; empty at the host's root. Pages,
    /// data and the app's files are written for that path.
    pub base_path: String,
    /// Articles per listing page, at least 1.
    pub page_size: u32,
    /// Main menu; derived from the categories when `site.toml` has none.
    pub menu: Vec<MenuItem>,
    /// Categories in display order.
    pub categories: Vec<Category>,
    /// Agency footer.
    pub footer: Footer,
    /// Address of the visitor figures; empty for no counter.
    pub counter: String,
    /// Links to other government portals.
    pub portals: Vec<MenuItem>,
}

impl SiteSettings {
    /// The category `slug` sits under, if it is a subcategory.
    pub fn parent_of(&self, slug: &str) -> Option<&Category> {
        let parent = self
            .categories
            .iter()
            .find(|c| c.slug == slug)?
            .parent
            .as_ref()?;
        self.categories.iter().find(|c| &c.slug == parent)
    }
}

/// Reads and checks `site.toml` alone (for tools that need the categories
/// without loading every article).
pub fn site_settings(root: &Path) -> Result<SiteSettings, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    load_site(root, &mut diagnostics).ok_or(diagnostics)
}

pub(super) fn load_site(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<SiteSettings> {
    let path = root.join("site.toml");
    let text = read_text(&path, diagnostics)?;
    let file: SiteFile = match toml::from_str(&text) {
        Ok(file) => file,
        Err(e) => {
            diagnostics.push(toml_error(&path, &text, 1, &e));
            return None;
        }
    };
    let before = diagnostics.len();
    if file.name.trim().is_empty() {
        diagnostics.push(Diagnostic::at(
            &path,
            line_of_key(&text, "name"),
            "the site needs a name",
        ));
    }
    if file.categories.is_empty() {
        diagnostics.push(Diagnostic::at(
            &path,
            1,
            "the site needs at least one [[categories]] entry",
        ));
    }
    let mut seen = HashMap::new();
    for category in &file.categories {
        if category.slug.is_empty() || slugify(&category.slug) != category.slug {
            diagnostics.push(Diagnostic::at(
                &path,
                line_of_key(&text, "slug"),
                format!("category slug {:?} must be lower-case ASCII words joined by hyphens, like {:?}", category.slug, slugify(&category.name)),
            ));
        }
        if let Some(parent) = &category.parent {
            let above = file.categories.iter().find(|c| &c.slug == parent);
            let why = match above {
                None => Some(format!(
                    "category {:?} sits under {parent:?}, which is not a category",
                    category.slug
                )),
                Some(above) if above.slug == category.slug => Some(format!(
                    "category {:?} cannot sit under itself",
                    category.slug
                )),
                Some(above) if above.parent.is_some() => Some(format!(
                    "category {:?} sits under {parent:?}, which is itself a subcategory: one level only",
                    category.slug
                )),
                Some(_) => None,
            };
            if let Some(why) = why {
                diagnostics.push(Diagnostic::at(&path, line_of_key(&text, "parent"), why));
            }
        }
        if seen.insert(category.slug.clone(), ()).is_some() {
            diagnostics.push(Diagnostic::at(
                &path,
                1,
                format!("category slug {:?} is used twice", category.slug),
            ));
        }
    }
    if file.page_size == Some(0) {
        diagnostics.push(Diagnostic::at(
            &path,
            line_of_key(&text, "page_size"),
            "page_size must be at least 1",
        ));
    }
    let menu = if file.menu.is_empty() {
        std::iter::once(MenuItem {
            label: "Trang chủ".into(),
            href: "/".into(),
        })
        // Subcategories are reached from their parent's page.
        .chain(
            file.categories
                .iter()
                .filter(|c| c.parent.is_none())
                .map(|c| MenuItem {
                    label: c.name.clone(),
                    href: bantin_model::routes::category(&c.slug, 1),
                }),
        )
        .collect()
    } else {
        file.menu
    };
    for item in menu.iter().chain(&file.portals) {
        if !markdown::is_allowed_link(&item.href) {
            diagnostics.push(Diagnostic::at(
                &path,
                line_of_key(&text, "href"),
                format!(
                    "menu link {:?} is not allowed: use http(s) or a path on this site",
                    item.href
                ),
            ));
        }
    }
    let url_checked = check_base_url(&file.base_url);
    if let Err(why) = &url_checked {
        let line = line_of_key(&text, "base_url");
        diagnostics.push(Diagnostic::at_column(
            &path,
            line,
            value_column(&text, line),
            why.to_string(),
        ));
    }
    let base_path = match base_path(&file.base_url, file.base_path.as_deref()) {
        Ok(path) => path,
        Err(_) if url_checked.is_err() => String::new(),
        Err(why) => {
            let key = if file.base_path.is_some() {
                "base_path"
            } else {
                "base_url"
            };
            let line = line_of_key(&text, key);
            diagnostics.push(Diagnostic::at_column(
                &path,
                line,
                value_column(&text, line),
                why.to_string(),
            ));
            String::new()
        }
    };
    (diagnostics.len() == before).then(|| SiteSettings {
        name: file.name,
        tagline: file.tagline,
        description: file.description,
        base_url: file.base_url.trim_end_matches('/').to_string(),
        base_path,
        page_size: file.page_size.unwrap_or(DEFAULT_PAGE_SIZE),
        menu,
        categories: file.categories,
        footer: file.footer,
        counter: file.counter.unwrap_or_else(|| {
            if root.join("stats.json").is_file() {
                paths::STATS.to_string()
            } else {
                String::new()
            }
        }),
        portals: file.portals,
    })
}

/// The column where the quoted value on `line` starts (1 when not found).
fn value_column(text: &str, line: usize) -> usize {
    text.lines()
        .nth(line.saturating_sub(1))
        .and_then(|written| written.find('"'))
        .map_or(1, |quote| quote + 2)
}

/// The path a site is served under: `base_url`'s path, or `base_path`
/// (both, if given, must agree). Each part of it is plain ASCII letters,
/// digits, `-`, `_`, `.` or `~`, so the path goes into pages, scripts and
/// `_headers` as it is, with nothing to escape.
fn base_path(base_url: &str, written: Option<&str>) -> Result<String, LoadError> {
    let from_url = base_url
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('/'))
        .map_or("", |(_, path)| path);
    let refused = |path: &str, why: &str| LoadError::BasePath {
        path: path.to_string(),
        why: why.to_string(),
    };
    let path = match written {
        None => from_url,
        Some(written) => {
            if !written.starts_with('/') {
                return Err(refused(written, "must start with /, like \"/portal\""));
            }
            if written.contains(['?', '#']) {
                return Err(refused(
                    written,
                    "must not have a query (?…) or a fragment (#…)",
                ));
            }
            if !base_url.is_empty() && written.trim_matches('/') != from_url.trim_matches('/') {
                return Err(refused(
                    written,
                    &format!(
                        "differs from base_url's path {:?}: give one of them",
                        format!("/{}", from_url.trim_matches('/'))
                    ),
                ));
            }
            written
        }
    };
    let path = path.trim_matches('/');
    if path.is_empty() {
        return Ok(String::new());
    }
    for part in path.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return Err(refused(
                &format!("/{path}"),
                "must not have empty parts, . or ..",
            ));
        }
        if !part
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'))
        {
            return Err(refused(
                &format!("/{path}"),
                "may hold only ASCII letters, digits, -, _, . and ~ (no spaces or accents)",
            ));
        }
    }
    Ok(format!("/{path}"))
}

/// Where the site is served: empty (not known yet), or an http(s)
/// address of a host, with a path if the site lives under one, and
/// nothing a browser would not keep in a link (a query, a fragment, `..`).
fn check_base_url(url: &str) -> Result<(), LoadError> {
    if url.is_empty() {
        return Ok(());
    }
    let refused = |why: &str| LoadError::BaseUrl {
        url: url.to_string(),
        why: why.to_string(),
    };
    let lower = url.to_ascii_lowercase();
    let Some(rest) = ["https://", "http://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme))
    else {
        return Err(refused("must start with https:// or http://"));
    };
    if url.contains(['?', '#']) {
        return Err(refused("must not have a query (?…) or a fragment (#…)"));
    }
    if url.contains(char::is_whitespace) || url.contains('\\') {
        return Err(refused("must not hold spaces or backslashes"));
    }
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() {
        return Err(refused("has no host"));
    }
    if path.split('/').any(|part| part == ".." || part == ".") {
        return Err(refused("must not have . or .. in its path"));
    }
    Ok(())
}

pub(super) fn load_stats(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Stats> {
    let path = root.join("stats.json");
    if !path.is_file() {
        return None;
    }
    let text = read_text(&path, diagnostics)?;
    serde_json::from_str(&text)
        .map_err(|e| {
            diagnostics.push(Diagnostic::at(
                &path,
                e.line(),
                format!("{e}: write it as {{\"total\": 1234567}}"),
            ))
        })
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_url_is_an_http_address_without_query_fragment_or_dots() {
        for good in ["", "https://hoalam.gov.vn", "http://localhost:8080/cong/"] {
            assert_eq!(check_base_url(good), Ok(()), "{good}");
        }
        for (bad, why) in [
            ("ftp://hoalam.gov.vn", "https://"),
            ("hoalam.gov.vn", "https://"),
            ("https://hoalam.gov.vn/?a=1", "query"),
            ("https://hoalam.gov.vn/#top", "fragment"),
            ("https://hoalam.gov.vn/cong/../khac", ".."),
            ("https:///cong", "no host"),
            ("https://hoa lam.gov.vn", "spaces"),
        ] {
            let refused = check_base_url(bad).expect_err(bad).to_string();
            assert!(refused.contains(why), "{bad}: {refused}");
        }
    }

    #[test]
    fn the_base_path_comes_from_base_url_or_base_path() {
        for (url, written, expected) in [
            ("", None, ""),
            ("https://hoalam.gov.vn", None, ""),
            ("https://hoalam.gov.vn/", None, ""),
            ("https://org.github.io/portal/", None, "/portal"),
            ("https://hoalam.gov.vn/so/cong-tin", None, "/so/cong-tin"),
            ("", Some("/portal/"), "/portal"),
            ("", Some("/"), ""),
            ("https://org.github.io/portal", Some("/portal/"), "/portal"),
        ] {
            assert_eq!(
                base_path(url, written).as_deref(),
                Ok(expected),
                "{url} {written:?}"
            );
        }
        for (url, written, why) in [
            ("", Some("portal"), "must start with /"),
            ("", Some("/a/../b"), ".."),
            ("", Some("/a/./b"), ".."),
            ("", Some("/a?b=1"), "query"),
            ("", Some("/a#b"), "fragment"),
            ("", Some("/cổng"), "ASCII"),
            ("", Some("/a b"), "ASCII"),
            ("https://hoalam.gov.vn/cổng", None, "ASCII"),
            (
                "https://org.github.io/portal",
                Some("/khac"),
                "differs from base_url's path \"/portal\"",
            ),
        ] {
            let refused = base_path(url, written).expect_err(url).to_string();
            assert!(refused.contains(why), "{url} {written:?}: {refused}");
        }
    }

    #[test]
    fn a_bad_base_url_or_base_path_is_reported_at_its_line_and_column() {
        for (name, line, expected) in [
            (
                "base-url",
                "base_url = \"ftp://x.vn\"",
                "site.toml:2:13: base_url \"ftp://x.vn\" must start with https:// or http://",
            ),
            (
                "base-path",
                "base_path   = \"/a/../b\"",
                "site.toml:2:16: base path \"/a/../b\" must not have empty parts, . or ..",
            ),
        ] {
            let site = format!(
                "name = \"Cổng\"\n{line}\n\n[[categories]]\nslug = \"tin-tuc\"\nname = \"Tin\"\n"
            );
            let root = crate::test_folder::with_files(name, &[("site.toml", site.as_bytes())]);
            let mut found = Vec::new();
            assert!(load_site(&root, &mut found).is_none());
            let shown: Vec<String> = found.iter().map(ToString::to_string).collect();
            assert_eq!(shown.len(), 1, "{shown:?}");
            assert!(shown[0].ends_with(expected), "{shown:?}");
        }
    }
}
