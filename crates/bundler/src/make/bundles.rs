//! From validated content to the JSON bundles of the contract.

use crate::files::OutputFile;
use crate::load::content::Content;
use crate::make::MakeError;
use bantin_model::subcategories;
use bantin_model::{
    paths, Article, ArticleSummary, CategoryKind, CategoryRef, Home, HomeSection, ListingPage,
    PageLink, Site, SCHEMA_VERSION,
};
use std::collections::HashMap;
use std::sync::Arc;

/// How many articles each home-page section shows.
pub const HOME_SECTION_SIZE: usize = 5;

/// How many items each home-page sidebar block shows.
pub const SIDEBAR_BLOCK_SIZE: usize = 4;

pub(crate) fn json_file<T: serde::Serialize>(
    url_path: &str,
    value: &T,
) -> Result<OutputFile, MakeError> {
    let bytes = serde_json::to_vec(value).map_err(|source| MakeError::Encode {
        file: url_path.to_string(),
        source,
    })?;
    Ok(OutputFile {
        path: url_path.trim_start_matches('/').to_string(),
        bytes,
    })
}

/// The `data/site.json` bundle.
pub fn site_bundle(content: &Content) -> Site {
    let site = &content.site;
    Site {
        schema_version: SCHEMA_VERSION,
        name: site.name.clone(),
        tagline: site.tagline.clone(),
        description: site.description.clone(),
        base_url: site.base_url.clone(),
        menu: site.menu.clone(),
        categories: site.categories.clone(),
        footer: site.footer.clone(),
        counter: site.counter.clone(),
        portals: site.portals.clone(),
        pages: content
            .pages
            .iter()
            .map(|page| PageLink {
                slug: page.slug.clone(),
                title: page.title.clone(),
            })
            .collect(),
    }
}

/// The `data/home.json` bundle.
pub fn home_bundle(content: &Content) -> Home {
    let featured = content
        .articles
        .iter()
        .find(|a| a.featured)
        .or_else(|| content.articles.first())
        .map(|a| a.article.summary());
    let section = |category: &bantin_model::Category, size: usize| HomeSection {
        category: category.to_ref(),
        kind: category.kind,
        articles: content
            .articles
            .iter()
            // An announcement past its last day no longer belongs on the
            // home page (its category's listing keeps it, marked).
            .filter(|a| a.article.is_listed_in(&category.slug) && !a.article.expired)
            .take(size)
            .map(|a| a.article.summary())
            .collect(),
    };
    let (news, other): (Vec<_>, Vec<_>) = content
        .site
        .categories
        .iter()
        // A subcategory's articles show in its parent's section.
        .filter(|c| c.parent.is_none())
        .partition(|c| c.kind == CategoryKind::News);
    Home {
        schema_version: SCHEMA_VERSION,
        featured,
        sections: news
            .into_iter()
            .map(|c| section(c, HOME_SECTION_SIZE))
            .collect(),
        sidebar: other
            .into_iter()
            .map(|c| section(c, SIDEBAR_BLOCK_SIZE))
            .collect(),
    }
}

/// Every page of one category's listing.
fn category_listing(content: &Content, category: &bantin_model::Category) -> Vec<ListingPage> {
    let page_size = content.site.page_size.max(1) as usize;
    let summaries: Vec<ArticleSummary> = listed(content, &category.slug)
        .map(|article| article.summary())
        .collect();
    let parent = content.site.parent_of(&category.slug).map(|c| c.to_ref());
    let children: Vec<CategoryRef> = subcategories(&content.site.categories, &category.slug)
        .map(|c| c.to_ref())
        .collect();
    let total_pages = bantin_model::listing_page_count(summaries.len(), page_size);
    (1..=total_pages)
        .map(|page| ListingPage {
            schema_version: SCHEMA_VERSION,
            category: category.clone(),
            page: page as u32,
            total_pages: total_pages as u32,
            total_articles: summaries.len() as u32,
            articles: summaries
                .iter()
                .skip((page - 1) * page_size)
                .take(page_size)
                .cloned()
                .collect(),
            parent: parent.clone(),
            children: children.clone(),
        })
        .collect()
}

/// The articles a category's listing shows, in order.
fn listed<'a>(content: &'a Content, slug: &'a str) -> impl Iterator<Item = &'a Arc<Article>> {
    content
        .articles
        .iter()
        .map(|loaded| &loaded.article)
        .filter(move |article| article.is_listed_in(slug))
}

/// The listing bundles of `content`, against `earlier`'s: a category
/// listing the very articles it listed before (shared, so unchanged) with
/// the same settings keeps its bundles unmade; any other is made and
/// compared. Why: a new article at 100,000 articles touches one category,
/// and making every listing to compare cost a quarter of a second.
fn listings_after(
    content: &Content,
    earlier: Option<&Earlier<'_>>,
) -> Result<Vec<Made>, MakeError> {
    let settled = earlier.filter(|earlier| {
        earlier.content.site.categories == content.site.categories
            && earlier.content.site.page_size == content.site.page_size
    });
    let page_size = content.site.page_size.max(1) as usize;
    let mut kept = Vec::new();
    let mut before: HashMap<String, ListingPage> = HashMap::new();
    let mut to_make = Vec::new();
    for category in &content.site.categories {
        if let Some(earlier) = settled {
            let slug = category.slug.as_str();
            let now: Vec<&Arc<Article>> = listed(content, slug).collect();
            let then: Vec<&Arc<Article>> = listed(earlier.content, slug).collect();
            let same =
                then.len() == now.len() && then.iter().zip(&now).all(|(a, b)| Arc::ptr_eq(a, b));
            let count = bantin_model::listing_page_count(now.len(), page_size) as u32;
            let addresses: Vec<String> =
                (1..=count).map(|page| paths::listing(slug, page)).collect();
            if same && addresses.iter().all(|a| earlier.shipped.contains(a)) {
                kept.extend(addresses.into_iter().map(Made::Kept));
                continue;
            }
        }
        if let Some(earlier) = earlier {
            for page in category_listing(earlier.content, category) {
                before.insert(paths::listing(&page.category.slug, page.page), page);
            }
        }
        to_make.extend(category_listing(content, category));
    }
    // A big archive's listings run to thousands of pages: written out on
    // every core.
    let made = crate::cores::map_in_order(&to_make, |page| {
        let path = paths::listing(&page.category.slug, page.page);
        same_or_new(&path, page, before.get(&path), earlier)
    });
    for listing in made {
        kept.push(listing?);
    }
    Ok(kept)
}

/// Every reader-facing address of the site: home, each listing page, each
/// article. Each gets a prerendered HTML file.
pub fn page_routes(content: &Content) -> Vec<String> {
    let page_size = content.site.page_size.max(1) as usize;
    let mut routes = vec![bantin_model::routes::HOME.to_string()];
    // Counted, not built: the listing bundles themselves are built once, by
    // `data_files`.
    for category in &content.site.categories {
        let articles = content
            .articles
            .iter()
            .filter(|a| a.article.is_listed_in(&category.slug))
            .count();
        for page in 1..=bantin_model::listing_page_count(articles, page_size) {
            routes.push(bantin_model::routes::category(&category.slug, page as u32));
        }
    }
    for loaded in &content.articles {
        routes.push(bantin_model::routes::article(&loaded.article.slug));
    }
    for page in &content.pages {
        routes.push(bantin_model::routes::page(&page.slug));
    }
    routes.push(bantin_model::routes::SITE_MAP.to_string());
    routes.push(bantin_model::routes::SEARCH.to_string());
    routes
}

/// The file a route's HTML goes in: `/a/b` → `a/b/index.html`.
pub fn route_file(route: &str) -> String {
    let trimmed = route.trim_matches('/');
    if trimmed.is_empty() {
        "index.html".to_string()
    } else {
        format!("{trimmed}/index.html")
    }
}

/// All data files of the site.
pub fn data_files(content: &Content) -> Result<Vec<OutputFile>, MakeError> {
    data_files_after(content, None)?
        .into_iter()
        .map(|made| match made {
            Made::Written(file) => Ok(file),
            // Nothing is kept without an earlier make.
            Made::Kept(address) => Err(MakeError::Template(format!(
                "{address} was kept from no earlier make"
            ))),
        })
        .collect()
}

/// One data file of a make after an earlier one.
#[derive(Debug, PartialEq)]
pub enum Made {
    /// Written now.
    Written(OutputFile),
    /// The same bytes as the earlier make's file at this address
    /// (`/data/…`): not copied, the preview shares them.
    Kept(String),
}

/// The site's data files by the address the browser asks for them at:
/// the renderer reads the bytes the build writes, with nothing copied, and
/// the page record asks which addresses the site ships.
pub struct Shipped {
    /// The files as the build writes them (none in the preview's).
    files: Arc<Vec<OutputFile>>,
    /// Where each file's bytes are.
    by_address: Arc<HashMap<String, Place>>,
    /// Files given new bytes since, by address: the preview's edit of one
    /// article's text replaces its bundle without copying the others.
    replaced: HashMap<String, Arc<Vec<u8>>>,
}

/// Where one shipped file's bytes are.
enum Place {
    /// In `files`, at this place.
    Written(usize),
    /// Apart, shared: the preview's sites share the bytes of every bundle
    /// a save left the same.
    Apart(Arc<Vec<u8>>),
}

impl Shipped {
    /// Indexes `files` by address (`data/site.json` at `/data/site.json`).
    pub fn new(files: Arc<Vec<OutputFile>>) -> Shipped {
        let by_address = files
            .iter()
            .enumerate()
            .map(|(i, file)| (format!("/{}", file.path), Place::Written(i)))
            .collect();
        Shipped {
            files,
            by_address: Arc::new(by_address),
            replaced: HashMap::new(),
        }
    }

    /// The files of `apart`, by address, each kept where it is.
    pub fn apart(apart: HashMap<String, Arc<Vec<u8>>>) -> Shipped {
        let by_address = apart
            .into_iter()
            .map(|(address, bytes)| (address, Place::Apart(bytes)))
            .collect();
        Shipped {
            files: Arc::default(),
            by_address: Arc::new(by_address),
            replaced: HashMap::new(),
        }
    }

    /// These files with some of them (by address, each one the site
    /// ships) given new bytes; the others are shared, not copied.
    pub fn replacing(&self, new: impl IntoIterator<Item = (String, Vec<u8>)>) -> Shipped {
        let mut replaced = self.replaced.clone();
        for (address, bytes) in new {
            if self.by_address.contains_key(&address) {
                replaced.insert(address, Arc::new(bytes));
            }
        }
        Shipped {
            files: self.files.clone(),
            by_address: self.by_address.clone(),
            replaced,
        }
    }

    /// Whether the site ships a file at `address`.
    pub fn contains(&self, address: &str) -> bool {
        self.by_address.contains_key(address)
    }

    /// The bytes of the file at `address` (`/data/site.json`).
    pub fn bytes(&self, address: &str) -> Option<&[u8]> {
        if let Some(bytes) = self.replaced.get(address) {
            return Some(bytes.as_slice());
        }
        match self.by_address.get(address)? {
            Place::Written(at) => self.files.get(*at).map(|file| file.bytes.as_slice()),
            Place::Apart(bytes) => Some(bytes.as_slice()),
        }
    }

    /// The bytes of the file at `address`, shared, when they are kept
    /// apart (the preview's).
    pub fn shared(&self, address: &str) -> Option<Arc<Vec<u8>>> {
        if let Some(bytes) = self.replaced.get(address) {
            return Some(bytes.clone());
        }
        match self.by_address.get(address)? {
            Place::Written(_) => None,
            Place::Apart(bytes) => Some(bytes.clone()),
        }
    }

    /// Every address the site ships a file at.
    pub fn addresses(&self) -> impl Iterator<Item = &String> {
        self.by_address.keys()
    }
}

impl bantin::api::PrerenderBundles for Shipped {
    fn get(&self, address: &str) -> Option<&str> {
        std::str::from_utf8(self.bytes(address)?).ok()
    }
}

/// What an earlier make of the same site wrote: an article or listing
/// page whose bundle is the same value as then keeps the bytes written
/// then. The preview remakes the whole site on each save, and writing
/// 100,000 bundles out again was most of a save's time.
pub struct Earlier<'a> {
    /// The content that make was from.
    pub content: &'a Content,
    /// The data files it wrote, by address: the ones the preview serves.
    pub shipped: &'a Shipped,
}

/// [`data_files`], keeping the bytes of each bundle that is the same as in
/// `earlier`.
/// The files written now are the only ones the preview compares with the
/// site before.
pub fn data_files_after(
    content: &Content,
    earlier: Option<Earlier<'_>>,
) -> Result<Vec<Made>, MakeError> {
    let earlier_articles: HashMap<&str, &bantin_model::Article> = earlier
        .as_ref()
        .map(|earlier| {
            earlier
                .content
                .articles
                .iter()
                .map(|loaded| (loaded.article.slug.as_str(), &*loaded.article))
                .collect()
        })
        .unwrap_or_default();
    let lap = crate::clock::laps("  bundles: ");
    let mut files = vec![
        Made::Written(json_file(paths::SITE, &site_bundle(content))?),
        Made::Written(json_file(paths::HOME, &home_bundle(content))?),
    ];
    files.extend(listings_after(content, earlier.as_ref())?);
    lap("listings");
    // Most of a big archive's bundles: written out on every core.
    let articles = crate::cores::map_in_order(&content.articles, |loaded| {
        let article: &bantin_model::Article = &loaded.article;
        let before = earlier_articles.get(article.slug.as_str()).copied();
        same_or_new(
            &paths::article(&article.slug),
            article,
            before,
            earlier.as_ref(),
        )
    });
    for article in articles {
        files.push(article?);
    }
    lap("articles");
    for page in &content.pages {
        files.push(Made::Written(json_file(&paths::page(&page.slug), page)?));
    }
    if let Some(stats) = &content.stats {
        files.push(Made::Written(json_file(paths::STATS, stats)?));
    }
    Ok(files)
}

/// The file of `value` at `url_path`: kept from before when `before` is
/// the same value, else written now.
fn same_or_new<T: serde::Serialize + PartialEq>(
    url_path: &str,
    value: &T,
    before: Option<&T>,
    earlier: Option<&Earlier<'_>>,
) -> Result<Made, MakeError> {
    // The same value shared (an article the preview did not read again)
    // needs no comparing.
    let same = before.is_some_and(|before| std::ptr::eq(before, value) || before == value);
    if same && earlier.is_some_and(|earlier| earlier.shipped.contains(url_path)) {
        return Ok(Made::Kept(url_path.to_string()));
    }
    Ok(Made::Written(json_file(url_path, value)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "name = \"Cổng thử\"\npage_size = 2\n\n[[categories]]\nslug = \"tin-tuc\"\nname = \"Tin tức\"\n";

    fn article(title: &str, date: &str, body: &str) -> String {
        format!("+++\ntitle = \"{title}\"\ndate = {date}\ncategory = \"tin-tuc\"\n+++\n{body}\n")
    }

    #[test]
    fn bundles_kept_from_an_earlier_make_are_the_ones_made_anew() {
        let root =
            crate::test_folder::with_files("bundles-earlier", &[("site.toml", SITE.as_bytes())]);
        let load = || crate::load::content::load(&root).expect("loaded");
        let write = |name: &str, text: String| {
            std::fs::write(root.join("articles").join(name), text).expect("written");
        };
        std::fs::create_dir_all(root.join("articles")).expect("a folder");
        write("mot.md", article("Bài một", "2024-01-01", "Một."));
        write("hai.md", article("Bài hai", "2024-02-01", "Hai."));
        write("ba.md", article("Bài ba", "2024-03-01", "Ba."));
        let mut earlier = load();
        let mut earlier_files = data_files(&earlier).expect("made");
        // A body, then a title (its neighbours' and listing's bundles),
        // then an article added and one deleted.
        let edits: [&dyn Fn(); 4] = [
            &|| write("hai.md", article("Bài hai", "2024-02-01", "Hai, sửa.")),
            &|| write("mot.md", article("Bài một, sửa", "2024-01-01", "Một.")),
            &|| write("bon.md", article("Bài bốn", "2024-04-01", "Bốn.")),
            &|| std::fs::remove_file(root.join("articles/ba.md")).expect("deleted"),
        ];
        for edit in edits {
            edit();
            let now = load();
            let shipped = Shipped::new(Arc::new(earlier_files.clone()));
            let kept = data_files_after(
                &now,
                Some(Earlier {
                    content: &earlier,
                    shipped: &shipped,
                }),
            )
            .expect("made")
            .into_iter()
            .map(|made| match made {
                Made::Written(file) => file,
                Made::Kept(address) => OutputFile {
                    path: address.trim_start_matches('/').to_string(),
                    bytes: shipped.bytes(&address).expect("kept").to_vec(),
                },
            })
            .collect::<Vec<_>>();
            let fresh = data_files(&now).expect("made");
            assert_eq!(kept, fresh);
            assert_ne!(kept, earlier_files);
            earlier = now;
            earlier_files = fresh;
        }
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn a_new_article_leaves_the_other_categories_listings_unmade() {
        let site = format!(
            "{SITE}\n[[categories]]\nslug = \"thong-bao\"\nname = \"Thông báo\"\nkind = \"announcements\"\n"
        );
        let root =
            crate::test_folder::with_files("bundles-listings", &[("site.toml", site.as_bytes())]);
        std::fs::create_dir_all(root.join("articles")).expect("a folder");
        let write = |name: &str, text: String| {
            std::fs::write(root.join("articles").join(name), text).expect("written");
        };
        write("mot.md", article("Bài một", "2024-01-01", "Một."));
        let notice =
            article("Thông báo một", "2024-01-02", "Một.").replace("\"tin-tuc\"", "\"thong-bao\"");
        write("tb.md", notice);
        let mut remembered = crate::load::content::Remembered::default();
        let mut load = || {
            crate::load::content::load_remembering(&root, Some(&mut remembered)).expect("loaded")
        };
        let earlier = load();
        let earlier_files = data_files(&earlier).expect("made");
        write("hai.md", article("Bài hai", "2024-02-01", "Hai."));
        let now = load();
        let shipped = Shipped::new(Arc::new(earlier_files));
        let made = data_files_after(
            &now,
            Some(Earlier {
                content: &earlier,
                shipped: &shipped,
            }),
        )
        .expect("made");
        let kept: Vec<&str> = made
            .iter()
            .filter_map(|made| match made {
                Made::Kept(address) if address.starts_with("/data/chuyen-muc/") => {
                    Some(address.as_str())
                }
                _ => None,
            })
            .collect();
        assert_eq!(kept, ["/data/chuyen-muc/thong-bao/1.json"]);
        // And the site is the one a whole make gives.
        let mut served: Vec<(String, Vec<u8>)> = made
            .into_iter()
            .map(|made| match made {
                Made::Written(file) => (file.path, file.bytes),
                Made::Kept(address) => (
                    address.trim_start_matches('/').to_string(),
                    shipped.bytes(&address).expect("kept").to_vec(),
                ),
            })
            .collect();
        served.sort();
        let mut fresh: Vec<(String, Vec<u8>)> = data_files(&now)
            .expect("made")
            .into_iter()
            .map(|file| (file.path, file.bytes))
            .collect();
        fresh.sort();
        assert_eq!(served, fresh);
        let _ = std::fs::remove_dir_all(&root);
    }
}
