//! The sidebar blocks, as on the portals readers know: "Thông báo" (latest
//! notices), "Báo cáo - thống kê" (documents with type, size and date) and
//! "Videos" (poster and title), each with "Xem tất cả". The home page
//! carries them; an article shows the same blocks beside it.

use crate::api;
use crate::components::attachment::file_facts;
use crate::components::thumbnail::Thumbnail;
use crate::i18n::{format_date, use_ui};
use bantin_model::{routes, ArticleSummary, CategoryKind, HomeSection};
use leptos::prelude::*;

fn item(kind: CategoryKind, summary: ArticleSummary) -> AnyView {
    let ui = use_ui();
    let href = crate::base::at(&routes::article(&summary.slug));
    let date =
        view! { <time datetime=summary.date.to_string()>{format_date(summary.date, ui)}</time> };
    match kind {
        CategoryKind::Videos => {
            let poster = summary
                .image
                .map(|image| view! { <Thumbnail image class="sidebar-poster" sizes="(min-width: 64rem) 20rem, calc(100vw - 2rem)" /> });
            view! {
                <li class="sidebar-video">
                    <a href=href>
                        {poster}
                        <span class="sidebar-title">{summary.title}</span>
                    </a>
                </li>
            }
            .into_any()
        }
        CategoryKind::Documents => {
            let facts = summary.attachment.as_ref().map(|a| file_facts(a, ui));
            view! {
                <li>
                    <a class="sidebar-title" href=href>{summary.title}</a>
                    <span class="sidebar-meta">
                        {facts.map(|facts| format!("{facts} · "))}
                        {date}
                    </span>
                </li>
            }
            .into_any()
        }
        CategoryKind::News | CategoryKind::Announcements => view! {
            <li>
                <a class="sidebar-title" href=href>{summary.title}</a>
                <span class="sidebar-meta">{date}</span>
            </li>
        }
        .into_any(),
    }
}

/// One sidebar block.
#[component]
pub fn SidebarBlock(
    /// The category and its latest items.
    section: HomeSection,
) -> impl IntoView {
    let ui = use_ui();
    let href = crate::base::at(&routes::category(&section.category.slug, 1));
    let heading_id = format!("khoi-{}", section.category.slug);
    let labelled_by = heading_id.clone();
    let kind = section.kind;
    let items = section
        .articles
        .into_iter()
        .map(|summary| item(kind, summary))
        .collect_view();
    view! {
        <section class="sidebar-block" aria-labelledby=labelled_by>
            <h2 id=heading_id class="sidebar-heading">{section.category.name.clone()}</h2>
            <ul class="sidebar-list">{items}</ul>
            <p class="see-all">
                <a href=href>
                    {ui.see_all}
                    <span class="visually-hidden">{format!(" — {}", section.category.name)}</span>
                </a>
            </p>
        </section>
    }
}

/// The sidebar: a block for each of `sections` that has items.
#[component]
pub fn Sidebar(
    /// The home bundle's sidebar sections.
    sections: Vec<HomeSection>,
) -> impl IntoView {
    let blocks = sections
        .into_iter()
        .filter(|s| !s.articles.is_empty())
        .map(|section| view! { <SidebarBlock section /> }.into_any())
        .collect_view();
    view! { <aside class="sidebar" aria-label=use_ui().sidebar>{blocks}</aside> }
}

/// The sidebar beside an article, taken from the home bundle once the page
/// is live. Not prerendered: a new notice then changes one bundle, not every
/// article page of the archive. Without JavaScript, or while the home
/// bundle cannot be had, the article stands alone and nothing is told: the
/// blocks are extra reading, and a second message beside the article's own
/// would only confuse.
#[component]
pub fn LateSidebar() -> impl IntoView {
    let live = crate::live::use_live();
    let home = LocalResource::new(api::fetch_home);
    move || match (live.get(), home.get()) {
        (true, Some(Ok(home))) => Some(view! { <Sidebar sections=home.sidebar /> }),
        _ => None,
    }
}
