//! Bản tin: a news portal that runs in the reader's browser.
//!
//! `App` lays out the page (header, routes, footer); each route lives in
//! [`routes`], shared pieces in [`components`], and every fetch goes through
//! [`api`]. The same components are meant to render natively at build time,
//! so nothing here calls browser APIs except behind `api` or a `cfg`.

pub mod api;
pub mod bundle_cache;
pub mod components;
pub mod error;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod routes;
pub mod site_context;

use components::{site_footer::SiteFooter, site_header::SiteHeader};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};
use routes::{
    article::ArticlePage, category::CategoryPage, home::HomePage, not_found::NotFoundPage,
};

/// The attribute on `<body>` that says the page holds the build-time
/// rendering of its route, ready to hydrate.
pub const PRERENDERED_MARK: &str = "data-prerendered";

/// The whole portal.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = i18n::Lang::default();
    i18n::provide_lang(lang);
    let ui = lang.ui();
    site_context::provide_site();
    view! {
        <Router>
            <a class="skip-link" href="#noi-dung">{ui.skip_to_content}</a>
            <SiteHeader />
            <main id="noi-dung" class="content" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/chuyen-muc/:slug") view=CategoryPage />
                    <Route path=path!("/chuyen-muc/:slug/trang/:page") view=CategoryPage />
                    <Route path=path!("/tin-tuc/:slug") view=ArticlePage />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}
