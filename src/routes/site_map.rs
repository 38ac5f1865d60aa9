//! "Sơ đồ trang": every category and page of the portal, from the site
//! bundle alone (no bundle of its own to fetch).

use crate::components::loaded::loaded;
use crate::components::page_head::{PageHead, PageInfo};
use crate::components::page_title::PageTitle;
use crate::html::Html;
use crate::i18n::use_ui;
use crate::site_context::use_site;
use bantin_model::{routes, subcategories, Category, Site};
use leptos::prelude::*;

/// The site map of a loaded site.
#[component]
pub fn SiteMapView(
    /// The site bundle.
    site: Site,
) -> impl IntoView {
    let ui = use_ui();
    let link = |h: &mut Html, href: &str, name: &str| {
        h.open("a")
            .attr("href", &crate::base::at(href))
            .end()
            .text(name)
            .close("a");
    };
    let entry = |h: &mut Html, category: &Category| {
        link(h, &routes::category(&category.slug, 1), &category.name);
        if !category.description.is_empty() {
            h.open("span")
                .attr("class", "site-map-note")
                .end()
                .text(&format!(" — {}", category.description))
                .close("span");
        }
    };
    let crumbs = crate::html::write(|h| {
        h.crumbs([("/".to_string(), ui.home)], Some(ui.site_map));
    });
    // Subcategories sit in a list under their parent.
    let tree = crate::html::write(|h| {
        h.open("li").end();
        link(h, "/", ui.home);
        h.close("li").open("li").end().element("h2", ui.categories);
        h.open("ul").end();
        for category in site.categories.iter().filter(|c| c.parent.is_none()) {
            h.open("li").end();
            entry(h, category);
            let mut children = subcategories(&site.categories, &category.slug).peekable();
            if children.peek().is_some() {
                h.open("ul").end();
                for child in children {
                    h.open("li").end();
                    entry(h, child);
                    h.close("li");
                }
                h.close("ul");
            }
            h.close("li");
        }
        h.close("ul")
            .close("li")
            .open("li")
            .end()
            .element("h2", ui.pages);
        h.open("ul").end();
        let pages = site
            .pages
            .iter()
            .map(|page| (routes::page(&page.slug), &*page.title));
        for (href, title) in pages.chain([(routes::SITE_MAP.to_string(), ui.site_map)]) {
            h.open("li").end();
            link(h, &href, title);
            h.close("li");
        }
        h.close("ul").close("li");
    });
    view! {
        <PageHead info=PageInfo {
            title: ui.site_map.to_string(),
            path: Some(routes::SITE_MAP.to_string()),
            ..PageInfo::default()
        } />
        <div class="site-map">
            <nav class="breadcrumb" aria-label=ui.breadcrumb inner_html=crumbs></nav>
            <PageTitle text=ui.site_map />
            <ul class="site-map-tree" inner_html=tree></ul>
        </div>
    }
}

/// The site map route.
#[component]
pub fn SiteMapPage() -> impl IntoView {
    loaded(use_site(), |site| view! { <SiteMapView site /> })
}
