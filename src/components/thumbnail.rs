//! The small picture beside a headline in lists and sidebar blocks.

use crate::components::picture::Picture;
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
    /// How wide it is shown (the `sizes` attribute), so a phone fetches
    /// the smallest copy that fills it.
    sizes: &'static str,
    /// Load at once (the first picture on screen) rather than when
    /// scrolled near.
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    view! { <Picture image alt=String::new() sizes class lazy=!eager /> }
}
