//! A picture with its caption, credited as a photo.

use bantin_model::ImageRef;
use leptos::prelude::*;

/// `<figure>`: the picture and, when there is one, its caption.
#[component]
pub fn Figure(
    /// The picture.
    image: ImageRef,
    /// Said under the picture, after "Ảnh:".
    #[prop(optional)]
    caption: String,
    /// Wait until the picture is near the screen (every picture but the
    /// page's first).
    #[prop(optional)]
    lazy: bool,
) -> impl IntoView {
    let ui = crate::i18n::use_ui();
    let html = crate::html::write(|h| {
        h.figure(&image, &caption, lazy, ui);
    });
    view! { <figure class="figure" inner_html=html></figure> }
}
