//! Renders an article's structured blocks. Text is always escaped
//! ([`crate::html`]), never parsed as HTML, so content cannot inject markup.

use bantin_model::Block;
use leptos::prelude::*;

/// The body of an article: written as HTML text, so hydration claims it as
/// one element.
#[component]
pub fn ArticleBody(
    /// The article's blocks, in order.
    blocks: Vec<Block>,
) -> impl IntoView {
    let ui = crate::i18n::use_ui();
    let html = crate::html::write(|h| {
        h.blocks(&blocks, ui);
    });
    view! { <div class="article-body" inner_html=html></div> }
}
