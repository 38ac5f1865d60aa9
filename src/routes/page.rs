//! A static page: `/trang/<slug>` (Giới thiệu, Liên hệ with its named
//! contact officials).

use crate::api;
use crate::components::article_body::ArticleBody;
use crate::components::loaded::loaded;
use crate::components::page_head::{PageHead, PageInfo};
use crate::components::page_title::PageTitle;
use crate::components::site_footer::tel_href;
use crate::html::Html;
use crate::i18n::{use_ui, Ui};
use bantin_model::{routes, Contact, Page};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// One contact official: name, role, phone and e-mail as links.
fn contact_html(h: &mut Html, contact: &Contact, ui: &Ui) {
    h.open("li")
        .attr("class", "contact")
        .end()
        .open("h3")
        .attr("class", "contact-name")
        .end()
        .text(&contact.name)
        .close("h3");
    if !contact.role.is_empty() {
        h.open("p")
            .attr("class", "contact-role")
            .end()
            .text(&contact.role)
            .close("p");
    }
    let ways = [
        (ui.phone, &contact.phone, tel_href(&contact.phone)),
        (
            ui.email,
            &contact.email,
            format!("mailto:{}", contact.email),
        ),
    ];
    for (label, value, href) in ways {
        if value.is_empty() {
            continue;
        }
        h.open("p")
            .end()
            .text(&format!("{label}: "))
            .open("a")
            .attr("href", &href)
            .end()
            .text(value)
            .close("a")
            .close("p");
    }
    h.close("li");
}

/// What a page bundle shows.
#[component]
pub fn StaticPageView(
    /// The page bundle.
    page: Page,
) -> impl IntoView {
    let ui = use_ui();
    let contacts = (!page.contacts.is_empty()).then(|| {
        let cards = crate::html::write(|h| {
            for contact in &page.contacts {
                contact_html(h, contact, ui);
            }
        });
        view! {
            <section class="contacts" aria-labelledby="can-bo-dau-moi">
                <h2 id="can-bo-dau-moi">{ui.contacts}</h2>
                <ul class="contact-list" inner_html=cards></ul>
            </section>
        }
    });
    let crumbs = crate::html::write(|h| {
        h.crumbs([("/".to_string(), ui.home)], Some(&page.title));
    });
    view! {
        <PageHead info=PageInfo {
            title: page.title.clone(),
            description: page.lead.clone(),
            path: Some(routes::page(&page.slug)),
            ..PageInfo::default()
        } />
        <div class="article static-page">
            <nav class="breadcrumb" aria-label=ui.breadcrumb inner_html=crumbs></nav>
            <PageTitle text=page.title class="article-title" />
            {(!page.lead.is_empty()).then(|| view! { <p class="article-lead">{page.lead}</p> })}
            <ArticleBody blocks=page.body />
            {contacts}
        </div>
    }
}

/// The static page route.
#[component]
pub fn StaticPage() -> impl IntoView {
    let params = use_params_map();
    let page = api::bundle_resource(
        move || (params.read().get("slug").unwrap_or_default(), None),
        |(slug, _)| api::fetch_page(&slug),
    );
    loaded(page, |page| view! { <StaticPageView page /> })
}
