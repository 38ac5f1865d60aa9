//! Bản tin: a news portal that runs in the reader's browser.
//!
//! `App` lays out the page (header, routes, footer); each route lives in
//! [`routes`], shared pieces in [`components`], and every fetch goes through
//! [`api`]. The same components are meant to render natively at build time,
//! so nothing here calls browser APIs except behind `api` or a `cfg`.

#![recursion_limit = "256"]

pub mod api;
pub mod base;
pub mod browser;
pub mod bundle_cache;
pub mod components;
pub mod error;
pub mod html;
pub mod i18n;
pub mod live;
pub mod navigation;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod routes;
pub mod search;
pub mod section;
pub mod site_context;
pub mod takeover;

use components::{site_footer::SiteFooter, site_header::SiteHeader};
use leptos::prelude::*;
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    path,
};
use routes::{
    article::ArticlePage, category::CategoryPage, home::HomePage, not_found::NotFoundPage,
    page::StaticPage, search::SearchPage, site_map::SiteMapPage,
};
use takeover::InTurn;

/// The attribute on `<body>` that says the page holds the build-time
/// rendering of its route, ready to hydrate.
pub const PRERENDERED_MARK: &str = "data-prerendered";

/// Everything inside the router, drawn in the interface language of the
/// moment: a language switch draws it again.
#[component]
fn PageLayout() -> impl IntoView {
    let ui = i18n::use_ui();
    view! {
        <a class="skip-link" href="#noi-dung">{ui.skip_to_content}</a>
        {InTurn(view! { <SiteHeader /> })}
        <main id="noi-dung" class="content" tabindex="-1">
            {InTurn(view! {
            <FlatRoutes fallback=NotFoundPage>
                <Route path=path!("/") view=HomePage />
                <Route path=path!("/chuyen-muc/:slug") view=CategoryPage />
                <Route path=path!("/chuyen-muc/:slug/trang/:page") view=CategoryPage />
                <Route path=path!("/tin-tuc/:slug") view=ArticlePage />
                <Route path=path!("/trang/:slug") view=StaticPage />
                <Route path=path!("/so-do-trang") view=SiteMapPage />
                <Route path=path!("/tim-kiem") view=SearchPage />
            </FlatRoutes>
            })}
        </main>
        {InTurn(view! { <SiteFooter /> })}
    }
}

/// The whole portal.
#[component]
pub fn App() -> impl IntoView {
    let lang = i18n::provide_lang(i18n::Lang::default());
    site_context::provide_site();
    section::provide_section();
    live::provide_live();
    // Once live: the reader's stored language, and the watchers of
    // scrolling, back/forward and link hovers.
    Effect::new(move |_| {
        takeover::after_takeover(move || {
            if let Some(stored) = components::language_switch::stored_lang() {
                if stored != lang.get_untracked() {
                    components::language_switch::choose_lang(lang, stored);
                }
            }
            navigation::install();
        });
    });
    view! {
        <Router base=base::base()>
            {move || {
                lang.track();
                view! { <PageLayout /> }
            }}
        </Router>
    }
}
