//! The part of the site the page shown belongs to: an article's category
//! (and that category's parent), a subcategory's parent. The menu marks its
//! item, so a reader deep in an archive still sees where they are.
//!
//! Told by the page once live (an effect), never at build time: the
//! prerendered menu marks only the item whose address is the page's own,
//! and hydration finds exactly that.

use leptos::prelude::*;

/// Which categories the page at `path` belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Section {
    /// The address of the page that said so: the mark holds on that page
    /// only, so no page leaves it behind for the next.
    pub path: String,
    /// The addresses of the categories' listings, the page's own first:
    /// what the menu's items point at.
    pub listings: Vec<String>,
}

impl Section {
    /// Whether a menu item pointing at `href` leads into this section,
    /// as seen from the page at `path`.
    pub fn holds(&self, href: &str, path: &str) -> bool {
        same_address(&self.path, path) && self.listings.iter().any(|l| same_address(href, l))
    }
}

/// Two addresses of one page, whatever their trailing slashes.
pub fn same_address(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

#[derive(Clone, Copy)]
struct Shown(RwSignal<Section>);

/// Makes the page's section available to the header and the routes.
pub fn provide_section() {
    provide_context(Shown(RwSignal::new(Section::default())));
}

/// The section of the page shown (empty until a page says).
pub fn use_section() -> RwSignal<Section> {
    use_context::<Shown>().map_or_else(|| RwSignal::new(Section::default()), |Shown(s)| s)
}

/// Called by a page's view: once live, the page at `path` says it belongs
/// to `categories` (slugs, its own first).
pub fn belongs_to(path: String, categories: Vec<String>) {
    let section = use_section();
    let listings: Vec<String> = categories
        .iter()
        .map(|slug| bantin_model::routes::category(slug, 1))
        .collect();
    Effect::new(move |_| {
        section.set(Section {
            path: path.clone(),
            listings: listings.clone(),
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_holds_its_categories_menu_items_on_its_own_page_only() {
        let section = Section {
            path: "/tin-tuc/cau-moi".into(),
            listings: vec!["/chuyen-muc/kinh-te".into(), "/chuyen-muc/tin-tuc".into()],
        };
        assert!(section.holds("/chuyen-muc/tin-tuc", "/tin-tuc/cau-moi"));
        assert!(section.holds("/chuyen-muc/kinh-te/", "/tin-tuc/cau-moi/"));
        assert!(!section.holds("/chuyen-muc/thong-bao", "/tin-tuc/cau-moi"));
        assert!(!section.holds("/", "/tin-tuc/cau-moi"));
        // Another page: the mark stays behind.
        assert!(!section.holds("/chuyen-muc/tin-tuc", "/tim-kiem"));
        assert!(!Section::default().holds("/chuyen-muc/tin-tuc", "/"));
    }

    #[test]
    fn addresses_match_whatever_their_trailing_slash() {
        assert!(same_address("/", ""));
        assert!(same_address("/chuyen-muc/tin-tuc/", "/chuyen-muc/tin-tuc"));
        assert!(!same_address("/chuyen-muc/tin", "/chuyen-muc/tin-tuc"));
    }
}
