//! A picture with its caption, sized before it loads so nothing jumps.

use crate::i18n::use_ui;
use leptos::prelude::*;

/// A picture and its "Ảnh: …" caption.
#[component]
pub fn Figure(
    /// Picture URL.
    src: String,
    /// Text alternative.
    alt: String,
    /// Caption; none shown when empty.
    #[prop(optional)]
    caption: String,
    /// Intrinsic width, to reserve room.
    width: Option<u32>,
    /// Intrinsic height, to reserve room.
    height: Option<u32>,
    /// Load only when scrolled near (not for the first picture on screen).
    #[prop(optional)]
    lazy: bool,
) -> impl IntoView {
    let ui = use_ui();
    view! {
        <figure class="figure">
            <img
                src=src
                alt=alt
                width=width
                height=height
                loading=lazy.then_some("lazy")
                decoding="async"
            />
            {(!caption.is_empty())
                .then(|| view! { <figcaption>{format!("{}: {caption}", ui.photo)}</figcaption> })}
        </figure>
    }
}
