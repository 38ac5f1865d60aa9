//! Reading a content folder: `site.toml`, `articles/*.md`, `pages/*.md`,
//! `media/`, into one [`Content`], or every problem found.

use super::articles::{link_articles, load_article};
pub use super::articles::{LoadedArticle, RELATED_COUNT};
use super::pages::load_page;
use super::site::{load_site, load_stats};
pub use super::site::{site_settings, SiteSettings, DEFAULT_PAGE_SIZE};
use super::source::errors_in;
pub use super::source::MAX_TITLE_CHARS;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::markdown::SiteLink;
use bantin_model::{paths, slugify, Article, Block, Page, Stats};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Everything a content folder holds, validated.
#[derive(Debug, Clone)]
pub struct Content {
    /// The content folder itself.
    pub root: PathBuf,
    /// Site settings.
    pub site: SiteSettings,
    /// Articles, newest first, with related and neighbouring articles
    /// filled in.
    pub articles: Vec<LoadedArticle>,
    /// Static pages, in menu order.
    pub pages: Vec<Page>,
    /// The visitor figures shipped as `data/stats.json`, when the content
    /// folder has a `stats.json`.
    pub stats: Option<Stats>,
    /// What is worth fixing but did not stop the build (missing alt text,
    /// over-long titles), for the editor.
    pub warnings: Vec<Diagnostic>,
}

/// Markdown files under `dir`, recursively, in a stable order.
fn markdown_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    // Names are sorted, not paths: in one folder they come in the same
    // order, and comparing 100,000 paths part by part cost more than
    // listing them. The kind comes with the listing (a link is followed).
    let mut names: Vec<(std::ffi::OsString, bool)> = entries
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let is_dir = match entry.file_type() {
                Ok(kind) if !kind.is_symlink() => kind.is_dir(),
                _ => entry.path().is_dir(),
            };
            Some((entry.file_name(), is_dir))
        })
        .collect();
    names.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, is_dir) in names {
        let path = dir.join(name);
        if is_dir {
            markdown_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
}

/// One article file as read: the article (if it has no errors), its
/// problems, and its links to check once every address is known.
type ParsedArticle = (
    Option<LoadedArticle>,
    Vec<Diagnostic>,
    Vec<(PathBuf, SiteLink)>,
);

/// When a file was last written, as far as reading it again is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// What earlier loads of one content folder read of each article file,
/// for a reader that loads the folder again after each save (the
/// preview): a file whose length and modification time are unchanged is
/// not read again. An article is checked against `site.toml` (its
/// category), the media folder (pictures, attachments) and the day
/// (expiry): a change to any of them forgets everything.
#[derive(Default)]
pub struct Remembered {
    /// By file: when it was read, and what was read.
    articles: HashMap<PathBuf, (Stamp, ParsedArticle)>,
    /// `site.toml`, the media folder's files and the day, when last read.
    world: Option<String>,
}

impl Remembered {
    /// Articles kept from earlier loads.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }
}

/// A fingerprint of what every article is checked against.
fn world_of(root: &Path, today: Option<bantin_model::Date>) -> String {
    let mut hash = bantin_model::hash::Fnv::default();
    let mut add = |text: &str| text.bytes().for_each(|b| hash.write_word(u64::from(b)));
    add(&format!(
        "{today:?}{:?}",
        Stamp::of(&root.join("site.toml"))
    ));
    let mut media = vec![root.join("media")];
    let mut found = Vec::new();
    while let Some(folder) = media.pop() {
        for entry in fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                media.push(path);
            } else {
                found.push(format!("{}{:?}", path.display(), Stamp::of(&path)));
            }
        }
    }
    found.sort();
    found.iter().for_each(|file| add(file));
    hash.hex()
}

/// Reads and validates a whole content folder, reporting every problem at
/// once rather than stopping at the first.
pub fn load(root: &Path) -> Result<Content, Vec<Diagnostic>> {
    load_remembering(root, None)
}

/// [`load`], reading again only the article files that changed since the
/// loads `remembered` was kept by (and keeping what it reads there).
pub fn load_remembering(
    root: &Path,
    mut remembered: Option<&mut Remembered>,
) -> Result<Content, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    if !root.is_dir() {
        return Err(vec![Diagnostic::at(root, 0, "no such content folder")]);
    }
    let lap = crate::clock::laps("  load: ");
    let Some(site) = load_site(root, &mut diagnostics) else {
        return Err(diagnostics);
    };
    let mut files = Vec::new();
    markdown_files(&root.join("articles"), &mut files);
    lap("articles listed");
    let mut links = Vec::new();
    let mut articles: Vec<LoadedArticle> = Vec::new();
    let mut slugs: HashMap<String, PathBuf> = HashMap::new();
    // The day expiries are judged against (none on a clock before 1970:
    // nothing expires).
    let today = crate::clock::today();
    // Files are read and parsed on every core; what they hold is then
    // taken in file order, so problems and duplicate slugs are reported
    // as on one thread.
    if let Some(kept) = remembered.as_deref_mut() {
        let world = world_of(root, today);
        if kept.world.as_deref() != Some(world.as_str()) {
            kept.articles.clear();
            kept.world = Some(world);
        }
    }
    let kept = remembered.as_deref();
    let parsed: Vec<(ParsedArticle, Option<Stamp>, bool)> =
        crate::cores::map_in_order(&files, |path| {
            let stamp = kept.and_then(|_| Stamp::of(path));
            if let Some((_, earlier)) = kept
                .and_then(|kept| kept.articles.get(path))
                .filter(|(was, _)| Some(*was) == stamp)
            {
                return (earlier.clone(), stamp, false);
            }
            // Each file's problems are gathered apart, so telling whether it
            // has errors looks at its own few, not at every problem so far (an
            // archive of 100,000 articles with a warning each).
            let mut own = Vec::new();
            let mut own_links = Vec::new();
            let loaded = load_article(root, path, today, &site, &mut own, &mut own_links);
            ((loaded, own, own_links), stamp, true)
        });
    lap("articles parsed or taken");
    if let Some(kept) = remembered.as_deref_mut() {
        for (path, (read, stamp, fresh)) in files.iter().zip(&parsed) {
            if let (true, Some(stamp)) = (*fresh, stamp) {
                kept.articles.insert(path.clone(), (*stamp, read.clone()));
            }
        }
        // Every file there is kept now: any more are files gone.
        if kept.articles.len() != files.len() {
            let present: std::collections::HashSet<&PathBuf> = files.iter().collect();
            kept.articles.retain(|path, _| present.contains(path));
        }
    }
    lap("kept");
    let parsed = parsed.into_iter().map(|(read, _, _)| read);
    // Files with errors: links to them are not reported too.
    let mut unloaded: Vec<&Path> = Vec::new();
    for (path, (loaded, mut own, mut own_links)) in files.iter().zip(parsed) {
        diagnostics.append(&mut own);
        links.append(&mut own_links);
        if let Some(loaded) = loaded {
            if let Some(first) = slugs.get(&loaded.article.slug) {
                diagnostics.push(Diagnostic::at(
                    path,
                    1,
                    format!(
                        "slug {:?} is already used by {}",
                        loaded.article.slug,
                        first.display()
                    ),
                ));
                unloaded.push(path.as_path());
                continue;
            }
            slugs.insert(loaded.article.slug.clone(), path.clone());
            articles.push(loaded);
        } else {
            unloaded.push(path.as_path());
        }
    }
    lap("articles read");
    let mut pages = Vec::new();
    let mut page_files = Vec::new();
    markdown_files(&root.join("pages"), &mut page_files);
    let mut page_slugs: HashMap<String, PathBuf> = HashMap::new();
    for path in &page_files {
        let mut own = Vec::new();
        let loaded = load_page(root, path, &mut own, &mut links);
        diagnostics.append(&mut own);
        if let Some((order, page)) = loaded {
            if let Some(first) = page_slugs.insert(page.slug.clone(), path.clone()) {
                diagnostics.push(Diagnostic::at(
                    path,
                    1,
                    format!(
                        "slug {:?} is already used by {}",
                        page.slug,
                        first.display()
                    ),
                ));
            }
            pages.push((order, page));
        }
    }
    lap("pages read");
    let stats = load_stats(root, &mut diagnostics);
    // (No links, as in most archives, need no addresses.)
    let addresses = if links.is_empty() {
        Default::default()
    } else {
        site_addresses(&site, &articles, &pages, &unloaded)
    };
    lap("addresses");
    // Links are checked while the articles are sorted and linked (which
    // is wasted when a link is broken, and saves a preview's every save a
    // tenth of a second when none is).
    let sort_and_link = || {
        articles.sort_by(|a, b| {
            b.article
                .date
                .cmp(&a.article.date)
                .then_with(|| a.article.slug.cmp(&b.article.slug))
        });
        link_articles(&mut articles)
    };
    let (broken, relinked) = crate::cores::both(
        || broken_links(root, &site, &addresses, links),
        sort_and_link,
    );
    diagnostics.extend(broken);
    lap("links checked, sorted and linked");
    let warnings: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .cloned()
        .collect();
    if errors_in(&diagnostics) > 0 {
        return Err(diagnostics);
    }
    pages.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.slug.cmp(&b.1.slug)));
    // What is kept is the article as linked: the next load shares it
    // unless its links change.
    if let Some(kept) = remembered {
        for loaded in relinked.into_iter().filter_map(|at| articles.get(at)) {
            let read = slugs
                .get(&loaded.article.slug)
                .and_then(|path| kept.articles.get_mut(path));
            if let Some((_, (Some(read), _, _))) = read {
                read.article = loaded.article.clone();
            }
        }
    }
    lap("kept");
    Ok(Content {
        root: root.to_path_buf(),
        site,
        articles,
        pages: pages.into_iter().map(|(_, page)| page).collect(),
        stats,
        warnings,
    })
}

/// The address a link leads to: without its query, fragment and last
/// `/`.
fn link_target(href: &str) -> &str {
    let target = href.split(['?', '#']).next().unwrap_or_default();
    if target.len() > 1 {
        target.trim_end_matches('/')
    } else {
        target
    }
}

/// What another page or file shows of an article: all of it but its
/// body and caption (its own page only) and the links the load fills in.
/// Pictures and videos in the body count too: they decide the picture
/// copies and the content policy.
fn seen_elsewhere(article: &Article) -> (Article, Vec<&Block>) {
    let outside = Article {
        body: Vec::new(),
        caption: String::new(),
        related: Vec::new(),
        previous: None,
        next: None,
        ..article.clone()
    };
    let media = article
        .body
        .iter()
        .filter(|block| matches!(block, Block::Image { .. } | Block::Video(_)))
        .collect();
    (outside, media)
}

/// `content` after the article files `edited` (each one it was loaded
/// with) were saved again, when the saves changed only what each article
/// shows on its own page: its text, not its title, date, lead, tags,
/// pictures or anything else another page or file shows, and no link it
/// did not have (the ones it had were checked). The preview's answer to
/// the commonest save, without reading or making the rest of an archive
/// again; `None` for any other edit, or a file with problems: then
/// [`load_remembering`] reads the folder, and reports them. Gives the
/// content and where the articles read again are in it.
pub fn after_text_edit(
    content: &Content,
    edited: &[PathBuf],
    remembered: &mut Remembered,
) -> Option<(Content, Vec<usize>)> {
    let today = crate::clock::today();
    if remembered.world.as_deref() != Some(world_of(&content.root, today).as_str()) {
        return None;
    }
    let mut read = Vec::new();
    for path in edited {
        let (_, (Some(before), _, before_links)) = remembered.articles.get(path)? else {
            return None;
        };
        let stamp = Stamp::of(path)?;
        let mut own = Vec::new();
        let mut own_links = Vec::new();
        let after = load_article(
            &content.root,
            path,
            today,
            &content.site,
            &mut own,
            &mut own_links,
        )?;
        let known: std::collections::HashSet<&str> = before_links
            .iter()
            .map(|(_, link)| link_target(&link.href))
            .collect();
        let same_links = own_links
            .iter()
            .all(|(_, link)| known.contains(link_target(&link.href)));
        let same_outside = before.featured == after.featured
            && seen_elsewhere(&before.article) == seen_elsewhere(&after.article);
        if errors_in(&own) > 0 || !same_links || !same_outside {
            return None;
        }
        read.push((path, stamp, after, own, own_links));
    }
    let mut content = content.clone();
    let mut places = Vec::new();
    for (path, stamp, mut after, own, own_links) in read {
        let at = content
            .articles
            .iter()
            .position(|loaded| loaded.article.slug == after.article.slug)?;
        // The links the load filled in, as before: nothing they are made
        // from changed.
        let before = &content.articles[at].article;
        let filled = Arc::make_mut(&mut after.article);
        filled.related = before.related.clone();
        filled.previous = before.previous.clone();
        filled.next = before.next.clone();
        content.articles[at] = after.clone();
        places.push(at);
        content.warnings.retain(|warning| warning.path != *path);
        content.warnings.extend(
            own.iter()
                .filter(|d| d.severity == Severity::Warning)
                .cloned(),
        );
        remembered
            .articles
            .insert(path.clone(), (stamp, (Some(after), own, own_links)));
    }
    Some((content, places))
}

/// The content as its search sees it once the article files `edited` are
/// saved, each read alone: put in place of the article with its slug, or
/// among the others by date. Its links and listings are not filled in:
/// it is what the preview searches while the whole site is made again (a
/// second at 100,000 articles), so that a save is found by its words at
/// once. `None` when a file is not an article file, cannot be read, is not
/// published or has a problem.
pub fn as_saved(content: &Content, edited: &[PathBuf]) -> Option<Content> {
    let today = crate::clock::today();
    let folder = content.root.join("articles");
    let mut saved = content.clone();
    for path in edited {
        if !path.starts_with(&folder) || path.extension().is_none_or(|e| e != "md") {
            return None;
        }
        let mut own = Vec::new();
        let mut links = Vec::new();
        let loaded = load_article(
            &content.root,
            path,
            today,
            &content.site,
            &mut own,
            &mut links,
        )?;
        if errors_in(&own) > 0 {
            return None;
        }
        let articles = &mut saved.articles;
        match articles
            .iter()
            .position(|known| known.article.slug == loaded.article.slug)
        {
            Some(at) => articles[at] = loaded,
            None => {
                let at = articles
                    .iter()
                    .position(|known| known.article.date < loaded.article.date)
                    .unwrap_or(articles.len());
                articles.insert(at, loaded);
            }
        }
    }
    Some(saved)
}

/// The problems of the links `links` (each with its file) that lead to
/// none of `addresses` and no file in the media folder.
fn broken_links(
    root: &Path,
    site: &SiteSettings,
    addresses: &std::collections::HashSet<String>,
    links: Vec<(PathBuf, SiteLink)>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (path, link) in links {
        let target = link_target(&link.href);
        let media = target
            .strip_prefix("/media/")
            .is_some_and(|file| !file.contains("..") && root.join("media").join(file).is_file());
        if !media && !addresses.contains(target) {
            // Links are written from the site's root; the build puts them
            // under its path.
            let from_root = (!site.base_path.is_empty())
                .then(|| target.strip_prefix(&site.base_path))
                .flatten()
                .filter(|rest| addresses.contains(*rest));
            let why = match from_root {
                Some(rest) => format!(
                    "link {:?} names the site's path {:?}: write it from the site's root, {rest:?}",
                    link.href, site.base_path
                ),
                None => format!("link {:?} goes nowhere on this site: no article, page, category or file has that address", link.href),
            };
            problems.push(Diagnostic::at_column(&path, link.line, link.column, why));
        }
    }
    problems
}

/// Every address this content makes (home, listing pages, articles,
/// pages, site map, search, feeds), for checking links written in bodies.
/// Articles that failed to load (`unloaded`) count under their file name,
/// so one broken file is not reported again in every link to it.
fn site_addresses(
    site: &SiteSettings,
    articles: &[LoadedArticle],
    pages: &[(i32, Page)],
    unloaded: &[&Path],
) -> std::collections::HashSet<String> {
    use bantin_model::routes;
    let mut addresses: std::collections::HashSet<String> =
        [routes::HOME, routes::SITE_MAP, routes::SEARCH]
            .iter()
            .map(|a| a.to_string())
            .collect();
    addresses.insert(paths::SITEMAP.to_string());
    addresses.insert(paths::ROBOTS.to_string());
    addresses.insert(paths::rss_feed(None));
    addresses.insert(paths::atom_feed(None));
    let page_size = site.page_size.max(1) as usize;
    for category in &site.categories {
        let count = articles
            .iter()
            .filter(|a| a.article.is_listed_in(&category.slug))
            .count();
        for page in 1..=bantin_model::listing_page_count(count, page_size) {
            addresses.insert(routes::category(&category.slug, page as u32));
        }
        addresses.insert(paths::rss_feed(Some(&category.slug)));
        addresses.insert(paths::atom_feed(Some(&category.slug)));
    }
    for loaded in articles {
        addresses.insert(routes::article(&loaded.article.slug));
    }
    for file in unloaded {
        if let Some(stem) = file.file_stem().and_then(|s| s.to_str()) {
            addresses.insert(routes::article(&slugify(stem)));
        }
    }
    for (_, page) in pages {
        addresses.insert(routes::page(&page.slug));
    }
    addresses
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a load gives, as compared: the articles' bundles in order and
    /// every problem.
    fn shown(loaded: Result<Content, Vec<Diagnostic>>) -> String {
        match loaded {
            Ok(content) => format!(
                "{:?}{:?}",
                content
                    .articles
                    .iter()
                    .map(|a| &a.article)
                    .collect::<Vec<_>>(),
                content.warnings
            ),
            Err(problems) => format!("{problems:?}"),
        }
    }

    #[test]
    fn a_load_that_remembers_reads_only_what_changed_and_gives_what_a_fresh_load_gives() {
        let root = crate::test_folder::with_files(
            "remembered",
            &[(
                "site.toml",
                b"name = \"C\"\n\n[[categories]]\nslug = \"tin-tuc\"\nname = \"Tin\"\n",
            )],
        );
        let write = |name: &str, text: &str| {
            let path = root.join("articles").join(name);
            fs::create_dir_all(path.parent().expect("a folder")).expect("folders");
            fs::write(path, text).expect("written");
        };
        let article = |title: &str, picture: &str| {
            format!("+++\ntitle = \"{title}\"\ndate = 2024-01-01\ncategory = \"tin-tuc\"\n{picture}+++\nNội dung [bài hai](/tin-tuc/hai).\n")
        };
        write("mot.md", &article("Một", ""));
        write("hai.md", &article("Hai", ""));
        let mut kept = Remembered::default();
        let same = |kept: &mut Remembered| {
            assert_eq!(
                shown(load_remembering(&root, Some(kept))),
                shown(load(&root))
            );
        };
        same(&mut kept);
        assert_eq!(kept.len(), 2);
        // An edit (a different length, so the stamp differs however
        // coarse the clock), a new file, a deleted one.
        write("mot.md", &article("Một, đã sửa", ""));
        write("ba.md", &article("Ba", ""));
        same(&mut kept);
        fs::remove_file(root.join("articles/hai.md")).expect("deleted");
        // Its link target is gone: the problem is found again.
        same(&mut kept);
        assert_eq!(kept.len(), 2);
        // A picture that was missing appears: articles are read again.
        write(
            "mot.md",
            &article("Một", "image = \"/media/anh.svg\"\nimage_alt = \"Ảnh\"\n"),
        );
        same(&mut kept);
        fs::create_dir_all(root.join("media")).expect("media");
        fs::write(
            root.join("media/anh.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>",
        )
        .expect("written");
        same(&mut kept);
        let _ = fs::remove_dir_all(&root);
    }

    #[test]
    fn markdown_files_come_in_path_order_through_folders_and_links() {
        let base = crate::test_folder::with_files("md-files", &[]);
        let articles = base.join("articles");
        for name in [
            "b.md",
            "a-c.md",
            "a/z.md",
            "a/b.md",
            "Z.md",
            "ghi-chu.txt",
            "đ.md",
        ] {
            let path = articles.join(name);
            fs::create_dir_all(path.parent().expect("folder")).expect("folder");
            fs::write(path, "").expect("written");
        }
        fs::create_dir_all(base.join("elsewhere")).expect("folder");
        fs::write(base.join("elsewhere/x.md"), "").expect("written");
        #[cfg(unix)]
        std::os::unix::fs::symlink(base.join("elsewhere"), articles.join("lien-ket"))
            .expect("link");
        let mut found = Vec::new();
        markdown_files(&articles, &mut found);
        // The order paths sort in, part by part.
        let mut expected: Vec<PathBuf> = ["Z.md", "a/b.md", "a/z.md", "a-c.md", "b.md", "đ.md"]
            .iter()
            .map(|name| articles.join(name))
            .collect();
        if cfg!(unix) {
            expected.push(articles.join("lien-ket/x.md"));
        }
        expected.sort();
        assert_eq!(found, expected);
        let _ = fs::remove_dir_all(&base);
    }
}
