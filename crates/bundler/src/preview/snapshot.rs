//! The site made from one state of the content folder, in memory: every
//! file a build would write except the pages, which are rendered when a
//! browser asks for them (a 100,000-article archive has 100,000 pages;
//! an editor looks at a few).

use super::http::Body;
use crate::build::{App, BuildError};
use crate::diagnostic::Diagnostic;
use crate::files::OutputFile;
use crate::load::content::{self, Content};
use crate::make::app_files::AppFiles;
use crate::make::bundles::Shipped;
use crate::make::{bundles, csp, feeds, images, pages, search, MakeError};
use bantin_model::ImageVariant;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

/// One page, rendered for this snapshot.
#[derive(Clone)]
pub(crate) struct Rendered {
    /// The page's bytes, as a build writes them.
    pub html: Arc<Vec<u8>>,
    /// The bundle addresses it was made from: a change to one of them is
    /// a change to the page.
    pub reads: Vec<String>,
}

/// Files by site path without the leading `/` (`data/site.json`).
pub(crate) type Files = HashMap<String, Arc<Vec<u8>>>;

/// One of a snapshot's data files, served from where it was made.
struct DataFile(Arc<Shipped>, String);

impl AsRef<[u8]> for DataFile {
    fn as_ref(&self) -> &[u8] {
        self.0.bytes(&self.1).unwrap_or_default()
    }
}

/// The site of one state of the content. What an edit of one article's
/// text leaves alone is shared with the site before (behind `Arc`s), so
/// such an edit makes a site in milliseconds at any size.
pub(crate) struct Snapshot {
    /// Tells this site from every other the process made.
    id: u64,
    /// The site this one was made after (its `id`), and the addresses of
    /// the bundles written anew (the others kept that site's bytes): only
    /// those can differ from it.
    fresh: Option<(u64, Vec<String>)>,
    /// The content, loaded and checked.
    pub loaded: Content,
    /// The app's files and page template, made for this content (its
    /// settings name the feeds and the base path).
    pub app: Arc<App>,
    /// The data bundles, which pages are rendered from, by address.
    shipped: Arc<Shipped>,
    /// The app's files, the feeds and the sitemap.
    files: Arc<Files>,
    /// The search files: the index made after the snapshot is served (it
    /// takes the longest, and only the search page needs it); until then
    /// the previous snapshot's, with a supplement for what changed since.
    search: RwLock<Arc<Searched>>,
    /// Every route that has a page.
    routes: Arc<HashSet<String>>,
    /// Where each picture copy comes from (made when asked for).
    pub origins: Arc<HashMap<String, (String, Vec<ImageVariant>)>>,
    /// The Content-Security-Policy every response is served with.
    pub policy: String,
    /// Pages rendered so far.
    rendered: Mutex<HashMap<String, Rendered>>,
}

/// The search files a site serves.
#[derive(Default)]
pub(crate) struct Searched {
    /// The index last made, for this site or one before it.
    index: Arc<Files>,
    /// What later saves are searched beside it with.
    base: Option<Arc<search::Base>>,
    /// The manifest naming a supplement, and the supplement: the articles
    /// saved since the index was made (empty when it finds this site as
    /// it is).
    supplement: Files,
    /// The index and supplement this site was searched with before its
    /// own index was made: they found the same articles, so the search
    /// tabs are not reloaded, and their files stay served for them (named
    /// by their own build, they clash with nothing).
    replaced: Option<(Arc<Files>, Files)>,
    /// The supplement is of files saved since this site was made (see
    /// [`Snapshot::search_ahead`]): the site made from them comes next,
    /// and this one's own index would drop them meanwhile.
    ahead: bool,
}

impl Searched {
    fn get(&self, path: &str) -> Option<&Arc<Vec<u8>>> {
        self.supplement
            .get(path)
            .or_else(|| self.index.get(path))
            .or_else(|| {
                let (index, supplement) = self.replaced.as_ref()?;
                supplement.get(path).or_else(|| index.get(path))
            })
    }

    /// The same index, without a supplement.
    fn index_only(&self) -> Searched {
        Searched {
            index: self.index.clone(),
            base: self.base.clone(),
            supplement: Files::new(),
            replaced: None,
            ahead: false,
        }
    }
}

/// A number no snapshot made before has.
fn next_id() -> u64 {
    static MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1
}

/// Why a snapshot could not be made.
pub(crate) enum Unmade {
    /// The content has problems, each at its file and line.
    Content(Vec<Diagnostic>),
    /// A file of the site could not be made.
    Make(MakeError),
    /// The app's page template could not be made.
    App(BuildError),
}

impl Snapshot {
    /// Loads the content at `root` and makes every file but the pages and
    /// the search index (`search`, an earlier site's, stands in for it
    /// until [`Snapshot::make_search`]; [`Snapshot::follow_search`] adds
    /// what changed since). Bundles the same as in `earlier` keep
    /// its bytes.
    pub(crate) fn make(
        root: &Path,
        app_files: &AppFiles,
        earlier: Option<&Snapshot>,
        search: Arc<Searched>,
        remembered: &mut content::Remembered,
    ) -> Result<Snapshot, Unmade> {
        let lap = crate::clock::laps("");
        let loaded = content::load_remembering(root, Some(remembered)).map_err(Unmade::Content)?;
        lap("load");
        let app = App::from_files(&loaded, app_files.clone()).map_err(Unmade::App)?;
        let earlier_id = earlier.map_or(0, |earlier| earlier.id);
        let earlier_shipped = earlier.map(|earlier| earlier.shipped.clone());
        let earlier_shipped = earlier_shipped.as_deref();
        let earlier = earlier.map(|earlier| bundles::Earlier {
            content: &earlier.loaded,
            shipped: &earlier.shipped,
        });
        let earlier_id = earlier.as_ref().map(|_| earlier_id);
        // The files made from the content alone, beside its bundles.
        let (others, bundles_made) = crate::cores::both(
            || {
                let routes: HashSet<String> = bundles::page_routes(&loaded).into_iter().collect();
                let origins = images::copy_origins(&loaded);
                let policy = csp::policy(&loaded, app.template.style_hash.as_deref());
                let feeds = feeds::files(&loaded);
                (routes, origins, policy, feeds)
            },
            || bundles::data_files_after(&loaded, earlier),
        );
        let (routes, origins, policy, feeds) = others;
        // The bundles kept are the earlier site's bytes, shared.
        let mut fresh = Vec::new();
        let mut data = HashMap::new();
        for made in bundles_made.map_err(Unmade::Make)? {
            match made {
                bundles::Made::Written(file) => {
                    let address = format!("/{}", file.path);
                    fresh.push(address.clone());
                    data.insert(address, Arc::new(file.bytes));
                }
                bundles::Made::Kept(address) => {
                    let bytes = earlier_shipped
                        .and_then(|earlier| earlier.shared(&address))
                        .ok_or_else(|| {
                            Unmade::Make(MakeError::Template(format!(
                                "{address}: kept from a site that lacks it"
                            )))
                        })?;
                    data.insert(address, bytes);
                }
            }
        }
        lap("bundles, feeds, routes, pictures, policy");
        let shipped = Arc::new(Shipped::apart(data));
        let mut files = Files::new();
        for file in app.files.files.iter().cloned().chain(feeds) {
            files.insert(file.path, Arc::new(file.bytes));
        }
        lap("indexed");
        Ok(Snapshot {
            id: next_id(),
            fresh: earlier_id.map(|earlier| (earlier, fresh)),
            shipped,
            files: Arc::new(files),
            search: RwLock::new(search),
            routes: Arc::new(routes),
            origins: Arc::new(origins),
            policy,
            loaded,
            app: Arc::new(app),
            rendered: Mutex::new(HashMap::new()),
        })
    }

    /// This site after the article files `edited` were saved with only
    /// their text changed (see [`content::after_text_edit`]): their
    /// bundles made again, everything else shared. Gives the addresses
    /// that changed; `None` when the edit reaches further, and the whole
    /// site must be made.
    pub(crate) fn after_text_edit(
        &self,
        edited: &[PathBuf],
        remembered: &mut content::Remembered,
    ) -> Option<(Snapshot, Vec<String>)> {
        let (loaded, places) = content::after_text_edit(&self.loaded, edited, remembered)?;
        let mut replaced = Vec::new();
        for at in places {
            let article = &loaded.articles.get(at)?.article;
            let address = bantin_model::paths::article(&article.slug);
            let now = bundles::json_file(&address, &**article).ok()?.bytes;
            if self.shipped.bytes(&address)? != now.as_slice() {
                replaced.push((address, now));
            }
        }
        let changed: Vec<String> = replaced.iter().map(|(a, _)| a.clone()).collect();
        // Pages that read none of them stay rendered.
        let rendered = self
            .rendered
            .lock()
            .map(|pages| {
                pages
                    .iter()
                    .filter(|(_, page)| !page.reads.iter().any(|read| changed.contains(read)))
                    .map(|(route, page)| (route.clone(), page.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let snapshot = Snapshot {
            id: next_id(),
            fresh: Some((self.id, changed.clone())),
            shipped: Arc::new(self.shipped.replacing(replaced)),
            files: self.files.clone(),
            search: RwLock::new(self.search()),
            routes: self.routes.clone(),
            origins: self.origins.clone(),
            policy: self.policy.clone(),
            loaded,
            app: self.app.clone(),
            rendered: Mutex::new(rendered),
        };
        Some((snapshot, changed))
    }

    /// Makes this snapshot's search index and serves it from now on;
    /// gives whether search tabs must load it: not when a supplement made
    /// the index before find this site already (the same articles found),
    /// so a tab that just found a save is not reloaded under the reader.
    pub(crate) fn make_search(&self) -> Result<bool, MakeError> {
        let (files, base) = search::made(&self.loaded)?;
        let index: Files = files
            .into_iter()
            .map(|file| (file.path, Arc::new(file.bytes)))
            .collect();
        let mut search = self
            .search
            .write()
            .map_err(|_| MakeError::Template("the search index is unreadable".into()))?;
        if search.ahead {
            // Replaced in a moment by the site made from those saves,
            // whose own index is asked for next.
            return Ok(false);
        }
        let followed = !search.supplement.is_empty();
        let changed = !followed && *search.index != index;
        let replaced = followed.then(|| {
            let mut supplement = search.supplement.clone();
            supplement.remove(bantin_model::paths::SEARCH.trim_start_matches('/'));
            (search.index.clone(), supplement)
        });
        *search = Arc::new(Searched {
            index: Arc::new(index),
            base: Some(Arc::new(base)),
            supplement: Files::new(),
            replaced,
            ahead: false,
        });
        Ok(changed)
    }

    /// Makes the index this snapshot serves find the site as it is now, in
    /// milliseconds: a supplement with the articles saved since the index
    /// was made (see [`search::Base::supplement`]). Gives whether the
    /// search files served changed.
    pub(crate) fn follow_search(&self) -> Result<bool, MakeError> {
        self.follow_search_of(&self.loaded, false)
    }

    /// Makes this site's search find the article files `edited` as they
    /// are saved now (see [`content::as_saved`]), before the site made
    /// from them is: a new article or a new title is found by its words in
    /// milliseconds, not after the whole site is made again. Gives whether
    /// the search files served changed.
    pub(crate) fn search_ahead(&self, edited: &[PathBuf]) -> Result<bool, MakeError> {
        match content::as_saved(&self.loaded, edited) {
            Some(saved) => self.follow_search_of(&saved, true),
            None => Ok(false),
        }
    }

    /// Makes the index served find `content` (`ahead`: saved since this
    /// site was made).
    fn follow_search_of(&self, content: &Content, ahead: bool) -> Result<bool, MakeError> {
        let served = self.search();
        let Some(base) = &served.base else {
            return Ok(false);
        };
        let mut following = served.index_only();
        following.ahead = ahead;
        if let Some(files) = base.supplement(content)? {
            for file in files {
                following.supplement.insert(file.path, Arc::new(file.bytes));
            }
        }
        // Unchanged, the files served stay as they are (with those a tab
        // may still search, see `Searched::replaced`).
        let changed = following.supplement != served.supplement;
        if changed || following.ahead != served.ahead {
            if let Ok(mut search) = self.search.write() {
                *search = Arc::new(following);
            }
        }
        Ok(changed)
    }

    /// The search files served now.
    pub(crate) fn search(&self) -> Arc<Searched> {
        self.search
            .read()
            .map_or_else(|_| Arc::default(), |search| search.clone())
    }

    /// The file at `path` (a site path without its leading `/`), if it
    /// is one of the snapshot's files.
    pub(crate) fn file(&self, path: &str) -> Option<Body> {
        let address = format!("/{path}");
        if self.shipped.contains(&address) {
            return Some(Arc::new(DataFile(self.shipped.clone(), address)));
        }
        self.files
            .get(path)
            .cloned()
            .or_else(|| self.search().get(path).cloned())
            .map(|bytes| bytes as Body)
    }

    /// Whether `route` (`/tin-tuc/a`) has a page.
    pub(crate) fn has_route(&self, route: &str) -> bool {
        self.routes.contains(route)
    }

    /// The page of `route`, rendered now or earlier; `hydrate` false for
    /// the not-found page. `scripts` takes the script files the page
    /// names.
    pub(crate) fn page(
        &self,
        route: &str,
        hydrate: bool,
        scripts: &mut dyn FnMut(Vec<OutputFile>),
    ) -> Result<Rendered, MakeError> {
        let key = format!("{hydrate}{route}");
        if let Some(done) = self.rendered.lock().ok().and_then(|r| r.get(&key).cloned()) {
            return Ok(done);
        }
        // One render at a time in the process: the renderer reads its
        // bundles from one place for the whole process.
        static RENDERING: Mutex<()> = Mutex::new(());
        let _one_at_a_time = RENDERING.lock();
        let one = pages::one(
            &self.loaded,
            &self.app.template,
            &self.shipped,
            route,
            hydrate,
        )?;
        scripts(one.scripts);
        let rendered = Rendered {
            html: Arc::new(one.html),
            reads: one.reads,
        };
        if let Ok(mut all) = self.rendered.lock() {
            all.insert(key, rendered.clone());
        }
        Ok(rendered)
    }

    /// The site paths (`/data/…`, feeds) whose bytes differ between
    /// `self` and `newer`, or that one of them lacks: what pages were made
    /// from. (The search index is told apart, when it is made.)
    pub(crate) fn changed(&self, newer: &Snapshot) -> Vec<String> {
        let data_differs =
            |address: &&String| self.shipped.bytes(address) != newer.shipped.bytes(address);
        let gone_or_changed: Vec<String> = match &newer.fresh {
            // Made after this one: only the bundles written anew can
            // differ (new ones among them), besides the ones it no
            // longer has.
            Some((earlier, fresh)) if *earlier == self.id => fresh
                .iter()
                .filter(data_differs)
                .chain(
                    self.shipped
                        .addresses()
                        .filter(|a| !newer.shipped.contains(a)),
                )
                .cloned()
                .collect(),
            // Every bundle of 100,000 articles compared: on every core,
            // names borrowed, not copied.
            _ => {
                let older_data: Vec<&String> = self.shipped.addresses().collect();
                let new_data = newer
                    .shipped
                    .addresses()
                    .filter(|address| !self.shipped.contains(address));
                crate::cores::map_in_order(&older_data, |address| data_differs(address))
                    .into_iter()
                    .zip(&older_data)
                    .filter(|(differs, _)| *differs)
                    .map(|(_, address)| *address)
                    .chain(new_data)
                    .cloned()
                    .collect()
            }
        };
        let files_differ = self
            .files
            .keys()
            .chain(newer.files.keys())
            .filter(|path| self.files.get(*path) != newer.files.get(*path))
            .map(|path| format!("/{path}"));
        let mut changed: Vec<String> = gone_or_changed.into_iter().chain(files_differ).collect();
        changed.sort();
        changed.dedup();
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::make::app_files;

    const SITE: &str = "name = \"Cổng thử\"\npage_size = 2\n\n[[categories]]\nslug = \"tin-tuc\"\nname = \"Tin tức\"\n\n[[categories]]\nslug = \"thong-bao\"\nname = \"Thông báo\"\nkind = \"announcements\"\n";

    fn article(title: &str, date: &str, category: &str) -> String {
        format!(
            "+++\ntitle = \"{title}\"\ndate = {date}\ncategory = \"{category}\"\n+++\nNội dung.\n"
        )
    }

    /// A news article of `date` whose text is `body`.
    fn saying(title: &str, date: &str, body: &str) -> String {
        article(title, date, "tin-tuc").replace("Nội dung.", body)
    }

    fn app() -> AppFiles {
        app_files::from_files(vec![OutputFile {
            path: "index.html".into(),
            bytes: b"<!DOCTYPE html><html lang=\"vi\"><head><title>T</title></head><body></body></html>".to_vec(),
        }])
    }

    /// Writes `text` at `path` under `root`, folders made as needed.
    fn write_file(root: &Path, path: &str, text: &str) {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().expect("a folder")).expect("folders");
        std::fs::write(file, text).expect("written");
    }

    /// Which of `routes` a change from `before` to `after` touches: the
    /// pages made from a file that changed (what `live.js` reloads).
    fn touched(before: &Snapshot, after: &Snapshot, routes: &[&str]) -> Vec<String> {
        let changed = before.changed(after);
        routes
            .iter()
            .filter(|route| {
                let page = before.page(route, true, &mut |_| {}).expect("a page");
                page.reads.iter().any(|read| changed.contains(read))
            })
            .map(|route| route.to_string())
            .collect()
    }

    #[test]
    fn an_edit_touches_the_pages_made_from_what_it_changed() {
        let root =
            crate::test_folder::with_files("preview-touches", &[("site.toml", SITE.as_bytes())]);
        let write = |path: &str, text: &str| write_file(&root, path, text);
        for (slug, title, date, category) in [
            ("mot", "Bài một", "2024-01-01", "tin-tuc"),
            ("hai", "Bài hai", "2024-02-01", "tin-tuc"),
            ("ba", "Bài ba", "2024-03-01", "tin-tuc"),
            ("bao", "Thông báo", "2024-03-02", "thong-bao"),
        ] {
            write(
                &format!("articles/{slug}.md"),
                &article(title, date, category),
            );
        }
        let app = app();
        let remembered = std::cell::RefCell::new(content::Remembered::default());
        // Each made after the one before, keeping its unchanged bundles, as
        // the preview does: what changed is still told.
        let make = |earlier: Option<&Snapshot>| {
            let make_after = |earlier| {
                Snapshot::make(
                    &root,
                    &app,
                    earlier,
                    Arc::default(),
                    &mut remembered.borrow_mut(),
                )
                .ok()
                .expect("the site is made")
            };
            let made = make_after(earlier);
            // What changed, told from the bundles written anew, is what
            // comparing every file tells.
            if let Some(earlier) = earlier {
                let alone = make_after(None);
                assert_eq!(earlier.changed(&made), earlier.changed(&alone));
            }
            made
        };
        let routes = [
            "/",
            "/chuyen-muc/tin-tuc",
            "/chuyen-muc/tin-tuc/trang/2",
            "/chuyen-muc/thong-bao",
            "/tin-tuc/mot",
            "/tin-tuc/hai",
            "/tin-tuc/bao",
        ];
        let before = make(None);

        // The oldest article's text: its page, and the listing page it is on.
        write(
            "articles/mot.md",
            &article("Bài một", "2024-01-01", "tin-tuc").replace("Nội dung.", "Nội dung mới."),
        );
        let after = make(Some(&before));
        assert_eq!(touched(&before, &after, &routes), ["/tin-tuc/mot"]);

        // Its title: also the pages that list it (the home page's section,
        // the listing page it is on) and its neighbour's link to it.
        write(
            "articles/mot.md",
            &article("Bài một, sửa", "2024-01-01", "tin-tuc"),
        );
        let again = make(Some(&after));
        assert_eq!(
            touched(&after, &again, &routes),
            [
                "/",
                "/chuyen-muc/tin-tuc/trang/2",
                "/tin-tuc/mot",
                "/tin-tuc/hai"
            ]
        );

        // A new announcement: the home page (its sidebar block), its
        // category and the announcement it now comes after; no news
        // article's page.
        write(
            "articles/moi.md",
            &article("Thông báo mới", "2024-04-01", "thong-bao"),
        );
        let added = make(Some(&again));
        let touched_by_new = touched(&again, &added, &routes);
        assert!(
            touched_by_new.contains(&"/".to_string()),
            "{touched_by_new:?}"
        );
        assert!(touched_by_new.contains(&"/chuyen-muc/thong-bao".to_string()));
        assert!(touched_by_new.contains(&"/tin-tuc/bao".to_string()));
        assert!(
            !touched_by_new.contains(&"/tin-tuc/mot".to_string()),
            "{touched_by_new:?}"
        );
        assert!(
            !touched_by_new.contains(&"/tin-tuc/hai".to_string()),
            "{touched_by_new:?}"
        );

        // A deleted article: its bundle is gone, so its page changes.
        std::fs::remove_file(root.join("articles/hai.md")).expect("deleted");
        let removed = make(Some(&added));
        let touched_by_deletion = touched(&added, &removed, &routes);
        assert!(touched_by_deletion.contains(&"/tin-tuc/hai".to_string()));
        assert!(!removed.has_route("/tin-tuc/hai"));

        // The site's settings: every page.
        write("site.toml", &SITE.replace("Cổng thử", "Cổng thử mới"));
        let renamed = make(Some(&removed));
        assert_eq!(touched(&removed, &renamed, &routes).len(), routes.len());
        let _ = std::fs::remove_dir_all(&root);
    }

    /// Every address a site serves, with its bytes.
    fn served(site: &Snapshot) -> Vec<(String, Vec<u8>)> {
        let mut all: Vec<(String, Vec<u8>)> = site
            .shipped
            .addresses()
            .map(|address| {
                (
                    address.clone(),
                    site.shipped.bytes(address).unwrap_or_default().to_vec(),
                )
            })
            .chain(
                site.files
                    .iter()
                    .map(|(path, bytes)| (path.clone(), bytes.to_vec())),
            )
            .collect();
        all.sort();
        all
    }

    #[test]
    fn an_edit_of_text_alone_makes_the_site_a_whole_make_makes() {
        let root =
            crate::test_folder::with_files("preview-text-edit", &[("site.toml", SITE.as_bytes())]);
        let write = |path: &str, text: &str| write_file(&root, path, text);
        let with_body = |title: &str, body: &str| saying(title, "2024-02-01", body);
        write(
            "articles/mot.md",
            &article("Bài một", "2024-01-01", "tin-tuc"),
        );
        write(
            "articles/hai.md",
            &with_body("Bài hai", "Xem [bài một](/tin-tuc/mot)."),
        );
        write(
            "articles/ba.md",
            &article("Bài ba", "2024-03-01", "tin-tuc"),
        );
        let app = app();
        let mut remembered = content::Remembered::default();
        let mut site = Snapshot::make(&root, &app, None, Arc::default(), &mut remembered)
            .ok()
            .expect("the site is made");
        let edited = [root.join("articles/hai.md")];
        // Only the text (a link it had kept): its bundle alone, and the
        // same bytes everywhere as a whole make of the same folder.
        write(
            "articles/hai.md",
            &with_body(
                "Bài hai",
                "Đã sửa. Xem [bài một](/tin-tuc/mot) và [lại](/tin-tuc/mot#a).",
            ),
        );
        let (patched, changed) = site
            .after_text_edit(&edited, &mut remembered)
            .expect("an edit of the text alone");
        assert_eq!(changed, ["/data/tin-tuc/hai.json"]);
        let whole = Snapshot::make(&root, &app, Some(&site), Arc::default(), &mut remembered)
            .ok()
            .expect("the site is made");
        assert_eq!(served(&patched), served(&whole));
        assert_eq!(site.changed(&whole), changed);
        let page = patched
            .page("/tin-tuc/hai", true, &mut |_| {})
            .expect("a page");
        assert!(String::from_utf8_lossy(&page.html).contains("Đã sửa."));
        site = patched;

        // What other pages show, a link it did not have, a broken date or
        // a file the site did not have: the whole site is made.
        for (file, text) in [
            ("articles/hai.md", with_body("Bài hai, sửa", "Đã sửa.")),
            (
                "articles/hai.md",
                with_body("Bài hai", "Xem [bài ba](/tin-tuc/ba)."),
            ),
            (
                "articles/hai.md",
                with_body("Bài hai", "Đã sửa.").replace("2024-02-01", "2024-13-01"),
            ),
            (
                "articles/bon.md",
                article("Bài bốn", "2024-04-01", "tin-tuc"),
            ),
        ] {
            write(file, &text);
            assert!(
                site.after_text_edit(&[root.join(file)], &mut remembered)
                    .is_none(),
                "{text}"
            );
        }
        let _ = std::fs::remove_dir_all(&root);
    }

    /// The preview's search files as the search worker reads them.
    struct SearchedIn(Arc<Snapshot>);

    impl bantin_search_worker::engine::Files for SearchedIn {
        fn get(
            &self,
            path: String,
            _caching: bantin_search_worker::engine::Caching,
        ) -> impl std::future::Future<
            Output = Result<(u16, Vec<u8>), bantin_model::search::SearchFailure>,
        > + 'static {
            let found = self.0.file(path.trim_start_matches('/'));
            let answer = found.map_or((404, Vec::new()), |body| (200, (*body).as_ref().to_vec()));
            std::future::ready(Ok(answer))
        }

        fn now_ms(&self) -> f64 {
            0.0
        }

        fn normalise(&self, text: &str) -> String {
            text.to_string()
        }
    }

    /// The titles the search worker finds for `text` in what `site`
    /// serves, best first.
    fn found(site: &Arc<Snapshot>, text: &str) -> Vec<String> {
        let engine = bantin_search_worker::engine::Engine::new(SearchedIn(site.clone()));
        let request = bantin_model::search::SearchRequest {
            text: text.into(),
            page: 1,
            ..Default::default()
        };
        futures_executor::block_on(engine.search(request))
            .ok()
            .flatten()
            .expect("a search answered")
            .titles()
    }

    #[test]
    fn search_finds_each_save_before_the_index_is_made_again() {
        let root =
            crate::test_folder::with_files("preview-search", &[("site.toml", SITE.as_bytes())]);
        let write = |path: &str, text: &str| write_file(&root, path, text);
        write(
            "articles/mot.md",
            &saying("Bài một", "2024-01-01", "Cầu tre."),
        );
        write(
            "articles/hai.md",
            &saying("Bài hai", "2024-02-01", "Đường đất."),
        );
        write("articles/ba.md", &saying("Bài ba", "2024-03-01", "Cầu đá."));
        let app = app();
        let mut remembered = content::Remembered::default();
        let site = Arc::new(
            Snapshot::make(&root, &app, None, Arc::default(), &mut remembered)
                .ok()
                .expect("the site is made"),
        );
        assert!(site.make_search().expect("indexed"));
        assert!(
            !site.follow_search().expect("followed"),
            "nothing saved since"
        );
        assert_eq!(found(&site, "cau"), ["Bài ba", "Bài một"]);

        // A text edit: its new words find it, its old ones no longer do.
        write(
            "articles/hai.md",
            &saying("Bài hai", "2024-02-01", "Đường nhựa."),
        );
        let (edited, _) = site
            .after_text_edit(&[root.join("articles/hai.md")], &mut remembered)
            .expect("an edit of the text alone");
        let edited = Arc::new(edited);
        assert!(edited.follow_search().expect("followed"));
        assert_eq!(found(&edited, "nhua"), ["Bài hai"]);
        assert!(found(&edited, "dat").is_empty());
        // The files of the index itself are still the ones made.
        assert_eq!(
            edited.search().index.keys().collect::<HashSet<_>>(),
            site.search().index.keys().collect::<HashSet<_>>()
        );

        // A new article and a deleted one, in one whole make.
        write(
            "articles/bon.md",
            &saying("Bài bốn", "2024-04-01", "Cầu sắt."),
        );
        std::fs::remove_file(root.join("articles/mot.md")).expect("deleted");
        let remade = Arc::new(
            Snapshot::make(&root, &app, Some(&edited), edited.search(), &mut remembered)
                .ok()
                .expect("the site is made"),
        );
        assert!(remade.follow_search().expect("followed"));
        assert_eq!(found(&remade, "cau"), ["Bài ba", "Bài bốn"]);
        // It holds the new and the edited article, not the ones linked
        // anew beside them; it hides the edited and the deleted one.
        let supplement = remade
            .search()
            .supplement
            .iter()
            .find(|(path, _)| path.ends_with(".bin"))
            .map(|(_, bytes)| bantin_model::search::Supplement::decode(bytes))
            .expect("a supplement")
            .expect("decodes");
        let titles: Vec<&str> = supplement
            .documents
            .iter()
            .map(|d| d.title.as_str())
            .collect();
        assert_eq!(titles, ["Bài bốn", "Bài hai"]);
        assert_eq!(supplement.hidden, [1, 2]);
        assert_eq!(found(&remade, "nhua"), ["Bài hai"]);

        // The index made again finds the same, with no supplement: search
        // tabs are not told, and the files they searched stay served.
        let before = remade.search().supplement.clone();
        assert!(!remade.make_search().expect("indexed"));
        assert!(remade.search().supplement.is_empty());
        assert!(!remade.follow_search().expect("followed"));
        assert_eq!(found(&remade, "cau"), ["Bài bốn", "Bài ba"]);
        for path in before.keys().filter(|p| p.ends_with(".bin")) {
            assert!(remade.file(path).is_some(), "{path}");
        }
        let old_chunk = bantin_model::paths::search_chunk(
            edited.search().base.as_ref().expect("a base").build(),
            0,
        );
        assert!(remade.file(old_chunk.trim_start_matches('/')).is_some());

        // Searched ahead of the whole make: a new article and a new title
        // are found by their words on the site served now.
        write(
            "articles/nam.md",
            &saying("Bài năm", "2024-05-01", "Cầu gỗ."),
        );
        write(
            "articles/ba.md",
            &saying("Bài ba, mới", "2024-03-01", "Cầu đá."),
        );
        let saved = [root.join("articles/nam.md"), root.join("articles/ba.md")];
        assert!(remade.search_ahead(&saved).expect("searched"));
        assert_eq!(found(&remade, "cau go"), ["Bài năm"]);
        assert_eq!(found(&remade, "ba moi"), ["Bài ba, mới"]);
        // Its own index, made meanwhile, would drop them: it is not.
        assert!(!remade.make_search().expect("indexed"));
        assert_eq!(found(&remade, "cau go"), ["Bài năm"]);
        // The site made from those saves is searched as it is, and its
        // own index is made.
        let next = Snapshot::make(&root, &app, Some(&remade), remade.search(), &mut remembered)
            .ok()
            .expect("the site is made");
        assert!(
            !next.follow_search().expect("followed"),
            "the same supplement"
        );
        assert!(
            !next.make_search().expect("indexed"),
            "the same articles found"
        );
        assert!(next.search().supplement.is_empty());
        assert_eq!(found(&Arc::new(next), "cau go"), ["Bài năm"]);
        // Not for a file with a problem, nor one outside the articles.
        write(
            "articles/sau.md",
            &article("Bài sáu", "2024-13-01", "tin-tuc"),
        );
        assert!(!remade
            .search_ahead(&[root.join("articles/sau.md")])
            .expect("searched"));
        assert!(!remade
            .search_ahead(&[root.join("site.toml")])
            .expect("searched"));
        assert!(found(&remade, "sau").is_empty());
        let _ = std::fs::remove_dir_all(&root);
    }
}
