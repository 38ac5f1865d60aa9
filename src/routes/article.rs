//! Reading an article: `/tin-tuc/<slug>`.

use crate::api;
use crate::components::article_body::ArticleBody;
use crate::components::attachment::AttachmentList;
use crate::components::figure::Figure;
use crate::components::loaded::loaded;
use crate::components::page_head::{absolute_url, ArticleFacts, PageHead, PageInfo};
use crate::components::page_title::PageTitle;
use crate::components::read_aloud::{speech_text, ReadAloud};
use crate::components::share_bar::ShareBar;
use crate::components::sidebar::LateSidebar;
use crate::components::text_size::{use_text_size, TextSizeControl};
use crate::components::video_player::VideoPlayer;
use crate::i18n::{format_date, use_ui};
use crate::site_context::use_site;
use bantin_model::{routes, Article, ArticleLink};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The links to the previous and next article of the same category.
#[component]
fn Neighbours(previous: Option<ArticleLink>, next: Option<ArticleLink>) -> impl IntoView {
    let ui = use_ui();
    (previous.is_some() || next.is_some()).then(|| {
        let links = crate::html::write(|h| {
            let pairs = [
                (ui.previous_article, "previous", "prev", previous),
                (ui.next_article, "next", "next", next),
            ];
            for (label, class, rel, to) in pairs {
                let Some(to) = to else { continue };
                h.open("a")
                    .attr("class", class)
                    .attr("href", &crate::base::at(&routes::article(&to.slug)))
                    .attr("rel", rel)
                    .end()
                    .open("span")
                    .attr("class", "neighbour-label")
                    .end()
                    .text(label)
                    .close("span")
                    .open("span")
                    .attr("class", "neighbour-title")
                    .end()
                    .text(&to.title)
                    .close("span")
                    .close("a");
            }
        });
        let label = format!("{} / {}", ui.previous_article, ui.next_article);
        view! { <nav class="neighbours" aria-label=label inner_html=links></nav> }
    })
}

/// A whole article: breadcrumbs, title, date, tools, lead, picture or
/// video, body, files, author, then related and neighbouring articles.
#[component]
pub fn ArticleView(
    /// The article bundle.
    article: Article,
) -> impl IntoView {
    let ui = use_ui();
    let path = routes::article(&article.slug);
    let head = PageInfo {
        title: article.title.clone(),
        description: article.lead.clone(),
        path: Some(path.clone()),
        image: article.image.as_ref().map(|image| image.src.clone()),
        article: Some(ArticleFacts {
            date: article.date,
            author: article.author.clone(),
            section: article.category.name.clone(),
        }),
    };
    let speech = speech_text(&article);
    crate::section::belongs_to(
        path.clone(),
        std::iter::once(&article.category)
            .chain(&article.parent_category)
            .map(|c| c.slug.clone())
            .collect(),
    );
    let size = use_text_size();
    let site = use_site();
    let Article {
        title,
        date,
        category,
        parent_category,
        lead,
        author,
        image,
        caption,
        body,
        video,
        attachments,
        expires,
        expired,
        related,
        previous,
        next,
        ..
    } = article;
    // Said in words and by colour: "no longer applies" must not be missed.
    let validity = expires.map(|last| {
        let (class, words) = if expired {
            ("article-validity article-expired", ui.expired_since)
        } else {
            ("article-validity", ui.applies_until)
        };
        view! {
            <p class=class>
                {format!("{words} ")}
                <time datetime=last.to_string()>{format_date(last, ui)}</time>
                "."
            </p>
        }
    });
    let media = match video {
        Some(video) => Some(view! { <VideoPlayer video /> }.into_any()),
        None => image.map(|image| {
            view! {
                <Figure image caption=caption />
            }
            .into_any()
        }),
    };
    let share_title = title.clone();
    let tools_path = path.clone();
    let tools = move || {
        let (path, title) = (tools_path.clone(), share_title.clone());
        Suspend::new(async move {
            let base = site.await.map(|site| site.base_url).unwrap_or_default();
            let url = absolute_url(&base, &path);
            view! {
                <ShareBar url=url.clone() title />
                <p class="print-source">{format!("{}: {url}", ui.printed_from)}</p>
            }
        })
    };
    let related = (!related.is_empty()).then(|| {
        let cards = crate::html::write(|h| {
            h.card_items(&related, false, ui);
        });
        view! {
            <section class="related" aria-labelledby="tin-lien-quan">
                <h2 id="tin-lien-quan">{ui.related}</h2>
                <ul class="card-list" inner_html=cards></ul>
            </section>
        }
    });
    let crumbs = crate::html::write(|h| {
        let home = ("/".to_string(), ui.home);
        let parent = parent_category
            .as_ref()
            .map(|parent| (routes::category(&parent.slug, 1), parent.name.as_str()));
        let own = (routes::category(&category.slug, 1), category.name.as_str());
        h.crumbs([home].into_iter().chain(parent).chain([own]), None);
    });
    view! {
        <PageHead info=head />
        <article class=move || format!("article {}", size.get().class())>
            <nav class="breadcrumb" aria-label=ui.breadcrumb inner_html=crumbs></nav>
            <PageTitle text=title class="article-title" />
            <p class="article-date">
                <time datetime=date.to_string()>{format_date(date, ui)}</time>
            </p>
            {validity}
            <div class="article-tools">
                <TextSizeControl size />
                <ReadAloud text=speech />
            </div>
            {(!lead.is_empty()).then(|| view! { <p class="article-lead">{lead}</p> })}
            {media}
            <ArticleBody blocks=body />
            <AttachmentList attachments />
            {(!author.is_empty()).then(|| view! { <p class="article-author">{author}</p> })}
            <Transition>{tools}</Transition>
        </article>
        <Neighbours previous next />
        {related}
    }
}

/// The article route.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let article = api::bundle_resource(
        move || (params.read().get("slug").unwrap_or_default(), None),
        |(slug, _)| api::fetch_article(&slug),
    );
    view! {
        <div class="with-sidebar">
            <div>{loaded(article, |article| view! { <ArticleView article /> })}</div>
            <LateSidebar />
        </div>
    }
}
