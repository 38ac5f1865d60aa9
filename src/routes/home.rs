//! The home page: the featured article and the latest of each category.

use crate::api;
use crate::components::loaded::loaded;
use crate::components::page_head::{PageHead, PageInfo};
use crate::components::page_title::PageTitle;
use crate::components::sidebar::Sidebar;
use crate::html::{Card, Html};
use crate::i18n::{use_ui, Ui};
use bantin_model::{routes, Home, HomeSection};
use leptos::prelude::*;

/// A category's block on the home page: its name (a link), its latest
/// articles, "Xem tất cả".
fn section_html(h: &mut Html, section: &HomeSection, ui: &Ui) {
    let href = crate::base::at(&routes::category(&section.category.slug, 1));
    let heading_id = format!("muc-{}", section.category.slug);
    h.open("section")
        .attr("class", "home-section")
        .attr("aria-labelledby", &heading_id)
        .end()
        .open("h2")
        .attr("id", &heading_id)
        .attr("class", "section-title")
        .end()
        .open("a")
        .attr("href", &href)
        .end()
        .text(&section.category.name)
        .close("a")
        .close("h2")
        .open("ul")
        .attr("class", "card-list")
        .end()
        .card_items(&section.articles, false, ui)
        .close("ul")
        .open("p")
        .attr("class", "see-all")
        .end()
        .open("a")
        .attr("href", &href)
        .end()
        .text(&format!("{} — {}", ui.see_all, section.category.name))
        .close("a")
        .close("p")
        .close("section");
}

/// What the home bundle shows.
#[component]
pub fn HomeView(
    /// The home bundle.
    home: Home,
) -> impl IntoView {
    let ui = use_ui();
    let featured = home.featured.map(|summary| {
        let card = Card {
            summary: &summary,
            large: true,
            top_level: true,
        };
        let html = crate::html::write(|h| {
            h.card_element(&card, ui);
        });
        view! { <section class="featured" aria-label=ui.featured inner_html=html></section> }
    });
    let sections = crate::html::write(|h| {
        for section in home.sections.iter().filter(|s| !s.articles.is_empty()) {
            section_html(h, section, ui);
        }
    });
    view! {
        <PageHead info=PageInfo {
            path: Some(routes::HOME.to_string()),
            ..PageInfo::default()
        } />
        <PageTitle text=ui.home class="visually-hidden" />
        <div class="with-sidebar">
            <div>
                {featured}
                <div class="home-sections" inner_html=sections></div>
            </div>
            <Sidebar sections=home.sidebar />
        </div>
    }
}

/// The `/` route.
#[component]
pub fn HomePage() -> impl IntoView {
    let home = api::bundle_resource(api::BundleKey::default, |_| api::fetch_home());
    loaded(home, |home| view! { <HomeView home /> })
}
