//! A picture with its caption, sized before it loads so nothing jumps.

use crate::components::picture::Picture;
use crate::i18n::use_ui;
use bantin_model::ImageRef;
use leptos::prelude::*;

/// How wide an article's pictures are shown: the article column (46rem)
/// on wide screens, the screen less the page's margins on phones.
pub const ARTICLE_PICTURE_SIZES: &str = "(min-width: 48rem) 46rem, calc(100vw - 2rem)";

/// A picture and its "Ảnh: …" caption.
#[component]
pub fn Figure(
    /// The picture.
    image: ImageRef,
    /// Caption; none shown when empty.
    #[prop(optional)]
    caption: String,
    /// Load only when scrolled near (not for the first picture on screen).
    #[prop(optional)]
    lazy: bool,
) -> impl IntoView {
    let ui = use_ui();
    let alt = image.alt.clone();
    view! {
        <figure class="figure">
            <Picture image alt sizes=ARTICLE_PICTURE_SIZES lazy />
            {(!caption.is_empty())
                .then(|| view! { <figcaption>{format!("{}: {caption}", ui.photo)}</figcaption> })}
        </figure>
    }
}
