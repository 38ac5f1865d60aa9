//! A category listing, one page at a time: `/chuyen-muc/<slug>` and
//! `/chuyen-muc/<slug>/trang/<n>`.

use crate::api;
use crate::components::loaded::loaded;
use crate::components::page_head::{PageHead, PageInfo};
use crate::components::page_title::PageTitle;
use crate::components::pager::Pager;
use crate::error::AppError;
use crate::i18n::{format_number, use_ui};
use bantin_model::{routes, ListingPage};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The page number in a listing URL; `None` when it is not a page number
/// a reader could have been given (so the route shows "not found").
pub fn parse_page(segment: Option<&str>) -> Option<u32> {
    match segment {
        None => Some(1),
        Some(text) => text.parse().ok().filter(|&page| page >= 1),
    }
}

/// What one listing bundle shows.
#[component]
pub fn ListingView(
    /// The listing page.
    listing: ListingPage,
) -> impl IntoView {
    let ui = use_ui();
    let slug = listing.category.slug.clone();
    crate::section::belongs_to(
        routes::category(&slug, listing.page),
        std::iter::once(&slug)
            .chain(listing.parent.as_ref().map(|p| &p.slug))
            .cloned()
            .collect(),
    );
    let cards = crate::html::write(|h| {
        h.card_items(&listing.articles, true, ui);
    });
    let empty = (listing.total_articles == 0).then(|| view! { <p>{ui.no_articles}</p> });
    let crumbs = crate::html::write(|h| {
        let home = ("/".to_string(), ui.home);
        let parent = listing
            .parent
            .as_ref()
            .map(|parent| (routes::category(&parent.slug, 1), parent.name.as_str()));
        h.crumbs(
            [home].into_iter().chain(parent),
            Some(&listing.category.name),
        );
    });
    let children = (!listing.children.is_empty()).then(|| {
        let links = crate::html::write(|h| {
            h.open("ul").end();
            for child in &listing.children {
                h.open("li")
                    .end()
                    .open("a")
                    .attr("href", &crate::base::at(&routes::category(&child.slug, 1)))
                    .end()
                    .text(&child.name)
                    .close("a")
                    .close("li");
            }
            h.close("ul");
        });
        view! { <nav class="subcategories" aria-label=ui.subcategories inner_html=links></nav> }
    });
    view! {
        <PageHead info=PageInfo {
            title: listing.category.name.clone(),
            description: listing.category.description.clone(),
            path: Some(routes::category(&slug, listing.page)),
            ..PageInfo::default()
        } />
        <nav class="breadcrumb" aria-label=ui.breadcrumb inner_html=crumbs></nav>
        <PageTitle text=listing.category.name class="listing-title" />
        {(!listing.category.description.is_empty())
            .then(|| view! { <p class="listing-description">{listing.category.description}</p> })}
        {children}
        <p class="listing-count">
            {format!("{}: {}", ui.articles_count, format_number(u64::from(listing.total_articles), ui))}
        </p>
        {empty}
        <ul class="card-list listing" inner_html=cards></ul>
        <Pager
            current=listing.page
            total=listing.total_pages
            href=Callback::new(move |page| routes::category(&slug, page))
        />
    }
}

/// The category listing route.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let request = move || {
        let params = params.read();
        let slug = params.get("slug").unwrap_or_default();
        (slug, parse_page(params.get("page").as_deref()))
    };
    let listing = api::bundle_resource(request, |(slug, page)| async move {
        match page {
            Some(page) => api::fetch_listing(&slug, page).await,
            None => Err(AppError::NotFound),
        }
    });
    loaded(listing, |listing| view! { <ListingView listing /> })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_come_from_the_url_or_default_to_one() {
        assert_eq!(parse_page(None), Some(1));
        assert_eq!(parse_page(Some("3")), Some(3));
        assert_eq!(parse_page(Some("0")), None);
        assert_eq!(parse_page(Some("abc")), None);
        assert_eq!(parse_page(Some("-1")), None);
    }
}
