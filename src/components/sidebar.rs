//! The sidebar blocks, as on the portals readers know: "Thông báo" (latest
//! notices), "Báo cáo - thống kê" (documents with type, size and date) and
//! "Videos" (poster and title), each with "Xem tất cả". The home page
//! carries them; an article shows the same blocks beside it.

use crate::api;
use crate::i18n::use_ui;
use bantin_model::HomeSection;
use leptos::prelude::*;

/// The sidebar: a block for each of `sections` that has items.
#[component]
pub fn Sidebar(
    /// The home bundle's sidebar sections.
    sections: Vec<HomeSection>,
) -> impl IntoView {
    let ui = use_ui();
    let html = crate::html::write(|h| {
        for section in sections.iter().filter(|s| !s.articles.is_empty()) {
            h.sidebar_block(section, ui);
        }
    });
    view! { <aside class="sidebar" aria-label=ui.sidebar inner_html=html></aside> }
}

/// The sidebar beside an article, taken from the home bundle once the page
/// is live. Not prerendered: a new notice then changes one bundle, not every
/// article page of the archive. Without JavaScript, or while the home
/// bundle cannot be had, the article stands alone and nothing is told: the
/// blocks are extra reading, and a second message beside the article's own
/// would only confuse.
#[component]
pub fn LateSidebar() -> impl IntoView {
    // Asked for once the page is taken over: not in the task that attaches
    // the article, and never at build time (effects run only in the browser).
    let sections = RwSignal::new(None);
    Effect::new(move |_| {
        crate::takeover::after_takeover(move || {
            leptos::task::spawn_local(async move {
                if let Ok(home) = api::fetch_home().await {
                    let _ = sections.try_set(Some(home.sidebar));
                }
            });
        });
    });
    move || {
        sections
            .get()
            .map(|sections| view! { <Sidebar sections /> })
    }
}
