//! The home page: the featured article and the latest of each category.

use crate::api;
use crate::components::article_card::ArticleCard;
use crate::components::loaded::loaded;
use crate::components::page_head::{PageHead, PageInfo};
use crate::components::page_title::PageTitle;
use crate::components::sidebar::Sidebar;
use crate::i18n::use_ui;
use bantin_model::{routes, Home, HomeSection};
use leptos::prelude::*;

#[component]
fn Section(section: HomeSection) -> impl IntoView {
    let ui = use_ui();
    let href = crate::base::at(&routes::category(&section.category.slug, 1));
    let heading_id = format!("muc-{}", section.category.slug);
    let labelled_by = heading_id.clone();
    let cards = section
        .articles
        .into_iter()
        .map(|summary| view! { <li><ArticleCard summary /></li> })
        .collect_view();
    view! {
        <section class="home-section" aria-labelledby=labelled_by>
            <h2 id=heading_id class="section-title">
                <a href=href.clone()>{section.category.name.clone()}</a>
            </h2>
            <ul class="card-list">{cards}</ul>
            <p class="see-all">
                <a href=href>{format!("{} — {}", ui.see_all, section.category.name)}</a>
            </p>
        </section>
    }
}

/// What the home bundle shows.
#[component]
pub fn HomeView(
    /// The home bundle.
    home: Home,
) -> impl IntoView {
    let ui = use_ui();
    let featured = home.featured.map(|summary| {
        view! {
            <section class="featured" aria-label=ui.featured>
                <ArticleCard summary large=true top_level=true />
            </section>
        }
        .into_any()
    });
    let sections = home
        .sections
        .into_iter()
        .filter(|s| !s.articles.is_empty())
        .map(|section| view! { <Section section /> }.into_any())
        .collect_view();
    view! {
        <PageHead info=PageInfo {
            path: Some(routes::HOME.to_string()),
            ..PageInfo::default()
        } />
        <PageTitle text=ui.home class="visually-hidden" />
        <div class="with-sidebar">
            <div>
                {featured}
                <div class="home-sections">{sections}</div>
            </div>
            <Sidebar sections=home.sidebar />
        </div>
    }
}

/// The `/` route.
#[component]
pub fn HomePage() -> impl IntoView {
    let home = api::bundle_resource(|| (), |()| api::fetch_home());
    loaded(home, |home| view! { <HomeView home /> })
}
