//! Reading an article: `/tin-tuc/<slug>`.

use crate::api;
use crate::components::article_body::ArticleBody;
use crate::components::figure::Figure;
use crate::components::loaded::loaded;
use crate::components::page_head::{ArticleFacts, PageHead, PageInfo};
use crate::i18n::{format_date, use_ui};
use bantin_model::{routes, Article};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A whole article: breadcrumbs, title, date, lead, picture, body, author.
#[component]
pub fn ArticleView(
    /// The article bundle.
    article: Article,
) -> impl IntoView {
    let ui = use_ui();
    let head = PageInfo {
        title: article.title.clone(),
        description: article.lead.clone(),
        path: Some(routes::article(&article.slug)),
        image: article.image.as_ref().map(|image| image.src.clone()),
        article: Some(ArticleFacts {
            date: article.date,
            author: article.author.clone(),
            section: article.category.name.clone(),
        }),
    };
    let Article {
        title,
        date,
        category,
        lead,
        author,
        image,
        caption,
        body,
        ..
    } = article;
    let figure = image.map(|image| {
        view! {
            <Figure
                src=image.src
                alt=image.alt
                caption=caption
                width=image.width
                height=image.height
            />
        }
    });
    view! {
        <PageHead info=head />
        <article class="article">
            <nav class="breadcrumb" aria-label=ui.breadcrumb>
                <ol>
                    <li><a href="/">{ui.home}</a></li>
                    <li><a href=routes::category(&category.slug, 1)>{category.name}</a></li>
                </ol>
            </nav>
            <h1 class="article-title">{title}</h1>
            <p class="article-date">
                <time datetime=date.to_string()>{format_date(date, ui)}</time>
            </p>
            {(!lead.is_empty()).then(|| view! { <p class="article-lead">{lead}</p> })}
            {figure}
            <ArticleBody blocks=body />
            {(!author.is_empty()).then(|| view! { <p class="article-author">{author}</p> })}
        </article>
    }
}

/// The article route.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let article = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        |slug| api::fetch_article(&slug),
    );
    loaded(article, |article| view! { <ArticleView article /> })
}
