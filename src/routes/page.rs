//! A static page: `/trang/<slug>` (Giới thiệu, Liên hệ with its named
//! contact officials).

use crate::api;
use crate::components::article_body::ArticleBody;
use crate::components::loaded::loaded;
use crate::components::page_head::{PageHead, PageInfo};
use crate::components::page_title::PageTitle;
use crate::components::site_footer::tel_href;
use crate::i18n::use_ui;
use bantin_model::{routes, Contact, Page};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// One contact official.
#[component]
fn ContactCard(contact: Contact) -> impl IntoView {
    let ui = use_ui();
    let phone = (!contact.phone.is_empty()).then(|| {
        let href = tel_href(&contact.phone);
        view! { <p>{format!("{}: ", ui.phone)}<a href=href>{contact.phone}</a></p> }
    });
    let email = (!contact.email.is_empty()).then(|| {
        let href = format!("mailto:{}", contact.email);
        view! { <p>{format!("{}: ", ui.email)}<a href=href>{contact.email}</a></p> }
    });
    view! {
        <li class="contact">
            <h3 class="contact-name">{contact.name}</h3>
            {(!contact.role.is_empty()).then(|| view! { <p class="contact-role">{contact.role}</p> })}
            {phone}
            {email}
        </li>
    }
}

/// What a page bundle shows.
#[component]
pub fn StaticPageView(
    /// The page bundle.
    page: Page,
) -> impl IntoView {
    let ui = use_ui();
    let contacts = (!page.contacts.is_empty()).then(|| {
        let cards = page
            .contacts
            .into_iter()
            .map(|contact| view! { <ContactCard contact /> })
            .collect_view();
        view! {
            <section class="contacts" aria-labelledby="can-bo-dau-moi">
                <h2 id="can-bo-dau-moi">{ui.contacts}</h2>
                <ul class="contact-list">{cards}</ul>
            </section>
        }
    });
    view! {
        <PageHead info=PageInfo {
            title: page.title.clone(),
            description: page.lead.clone(),
            path: Some(routes::page(&page.slug)),
            ..PageInfo::default()
        } />
        <div class="article static-page">
            <nav class="breadcrumb" aria-label=ui.breadcrumb>
                <ol>
                    <li><a href=crate::base::at("/")>{ui.home}</a></li>
                    <li><span aria-current="page">{page.title.clone()}</span></li>
                </ol>
            </nav>
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
        move || params.read().get("slug").unwrap_or_default(),
        |slug| api::fetch_page(&slug),
    );
    loaded(page, |page| view! { <StaticPageView page /> })
}
