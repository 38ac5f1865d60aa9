//! An article as listings and the home page show it.

use crate::components::attachment::file_facts;
use crate::components::thumbnail::Thumbnail;
use crate::i18n::{format_date, use_ui};
use bantin_model::{routes, ArticleSummary};
use leptos::prelude::*;

/// One article in a list: thumbnail, headline, date, lead.
#[component]
pub fn ArticleCard(
    /// The article.
    summary: ArticleSummary,
    /// Show the lead and a larger picture (the featured article).
    #[prop(optional)]
    large: bool,
    /// True where the card sits right under the page's `h1` (listings, the
    /// featured article): its title is then an `h2`, else an `h3`, so heading
    /// levels never skip one.
    #[prop(optional)]
    top_level: bool,
) -> impl IntoView {
    let ui = use_ui();
    let href = crate::base::at(&routes::article(&summary.slug));
    let date = summary.date;
    let facts = summary.attachment.as_ref().map(|a| file_facts(a, ui));
    let duration =
        (!summary.duration.is_empty()).then(|| format!("{}: {}", ui.duration, summary.duration));
    let picture = summary.image.map(|image| {
        // Small cards show a 7.5rem picture; the featured one is as wide
        // as the page on phones, three fifths of it from 48rem.
        let sizes = if large {
            "(min-width: 48rem) 40rem, calc(100vw - 2rem)"
        } else {
            "7.5rem"
        };
        view! { <Thumbnail image class="card-image" sizes eager=large /> }
    });
    view! {
        <article class="card" class:card-large=large>
            {picture}
            <div class="card-text">
                {if top_level {
                    view! { <h2 class="card-title"><a href=href>{summary.title}</a></h2> }.into_any()
                } else {
                    view! { <h3 class="card-title"><a href=href>{summary.title}</a></h3> }.into_any()
                }}
                <p class="card-meta">
                    <time datetime=date.to_string()>{format_date(date, ui)}</time>
                    {facts.map(|facts| view! { <span class="card-facts">{format!(" · {facts}")}</span> })}
                    {duration.map(|d| view! { <span class="card-facts">{format!(" · {d}")}</span> })}
                    {summary.expired.then(|| view! { <span class="card-expired">{format!(" · {}", ui.expired_mark)}</span> })}
                </p>
                {(large || !summary.lead.is_empty())
                    .then(|| view! { <p class="card-lead">{summary.lead}</p> })}
            </div>
        </article>
    }
    .into_any()
}
