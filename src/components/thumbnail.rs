//! The small picture beside a headline in lists and sidebar blocks.

use bantin_model::ImageRef;
use leptos::prelude::*;

/// A list item's picture. It is decorative (the headline beside it says
/// what it is, so `alt` is empty) and sized before it loads, so nothing
/// jumps.
#[component]
pub fn Thumbnail(
    /// The picture.
    image: ImageRef,
    /// Its class, which sets its shape.
    class: &'static str,
    /// Load at once (the first picture on screen) rather than when
    /// scrolled near.
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    view! {
        <img
            class=class
            src=image.src
            alt=""
            width=image.width
            height=image.height
            loading=(!eager).then_some("lazy")
            decoding="async"
        />
    }
}
