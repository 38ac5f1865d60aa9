//! "Sơ đồ trang": every category and page of the portal, from the site
//! bundle alone (no bundle of its own to fetch).

use crate::components::loaded::loaded;
use crate::components::page_head::{PageHead, PageInfo};
use crate::components::page_title::PageTitle;
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
    let entry = |category: &Category| {
        let href = crate::base::at(&routes::category(&category.slug, 1));
        let note = (!category.description.is_empty()).then(|| {
            view! { <span class="site-map-note">{format!(" — {}", category.description)}</span> }
        });
        (href, category.name.clone(), note)
    };
    // Subcategories sit in a list under their parent.
    let categories = site
        .categories
        .iter()
        .filter(|category| category.parent.is_none())
        .map(|category| {
            let (href, name, note) = entry(category);
            let children: Vec<_> = subcategories(&site.categories, &category.slug)
                .map(|child| {
                    let (href, name, note) = entry(child);
                    view! { <li><a href=href>{name}</a>{note}</li> }
                })
                .collect();
            let children = (!children.is_empty()).then(|| view! { <ul>{children}</ul> });
            view! { <li><a href=href>{name}</a>{note}{children}</li> }
        })
        .collect_view();
    let pages = site
        .pages
        .into_iter()
        .map(|page| view! { <li><a href=crate::base::at(&routes::page(&page.slug))>{page.title}</a></li> })
        .collect_view();
    view! {
        <PageHead info=PageInfo {
            title: ui.site_map.to_string(),
            path: Some(routes::SITE_MAP.to_string()),
            ..PageInfo::default()
        } />
        <div class="site-map">
            <nav class="breadcrumb" aria-label=ui.breadcrumb>
                <ol>
                    <li><a href=crate::base::at("/")>{ui.home}</a></li>
                    <li><span aria-current="page">{ui.site_map}</span></li>
                </ol>
            </nav>
            <PageTitle text=ui.site_map />
            <ul class="site-map-tree">
                <li><a href=crate::base::at("/")>{ui.home}</a></li>
                <li>
                    <h2>{ui.categories}</h2>
                    <ul>{categories}</ul>
                </li>
                <li>
                    <h2>{ui.pages}</h2>
                    <ul>
                        {pages}
                        <li><a href=crate::base::at(routes::SITE_MAP)>{ui.site_map}</a></li>
                    </ul>
                </li>
            </ul>
        </div>
    }
}

/// The site map route.
#[component]
pub fn SiteMapPage() -> impl IntoView {
    loaded(use_site(), |site| view! { <SiteMapView site /> })
}
