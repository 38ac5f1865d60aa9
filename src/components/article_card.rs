//! An article as listings and the home page show it.

use crate::html::Card;
use bantin_model::ArticleSummary;
use leptos::prelude::*;

/// A card: picture, headline, date and facts, lead.
#[component]
pub fn ArticleCard(
    /// The article.
    summary: ArticleSummary,
    /// The featured article of the home page.
    #[prop(optional)]
    large: bool,
    /// The card is an item of the page's own list (`h2`), not under a
    /// heading of its own (`h3`).
    #[prop(optional)]
    top_level: bool,
) -> impl IntoView {
    let ui = crate::i18n::use_ui();
    let card = Card {
        summary: &summary,
        large,
        top_level,
    };
    let html = crate::html::write(|h| {
        h.card(&card, ui);
    });
    let class = if large { "card card-large" } else { "card" };
    view! { <article class=class inner_html=html></article> }
}
