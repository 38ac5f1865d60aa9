//! A picture the browser fetches at the size it shows it: the bundler's
//! WebP copies offered through `srcset`, the editor's original as the
//! fallback, and the intrinsic size set so nothing jumps when it loads.

use bantin_model::{srcset, ImageRef, ImageVariant};
use leptos::prelude::*;

/// `<picture>` with a WebP `<source>` when the bundler made copies, and the
/// original in its `<img>`.
#[component]
pub fn Picture(
    /// The picture.
    image: ImageRef,
    /// Text alternative ("" for a decorative picture).
    alt: String,
    /// How wide the picture is shown, as the `sizes` attribute says it
    /// ("(min-width: 48rem) 46rem, 100vw"), so the browser picks a copy
    /// before layout.
    sizes: &'static str,
    /// Its class, which sets its shape.
    #[prop(optional)]
    class: &'static str,
    /// Load only when scrolled near. Otherwise it is the first picture on
    /// screen, usually the largest thing painted: asked for before the
    /// scripts, so it shows sooner.
    #[prop(optional)]
    lazy: bool,
) -> impl IntoView {
    let variants: Vec<_> = image
        .variants
        .iter()
        .map(|variant| ImageVariant {
            src: crate::base::at(&variant.src),
            ..variant.clone()
        })
        .collect();
    let source = srcset(&variants)
        .map(|srcset| view! { <source type="image/webp" srcset=srcset sizes=sizes /> });
    view! {
        <picture>
            {source}
            <img
                class=(!class.is_empty()).then_some(class)
                src=crate::base::at(&image.src)
                alt=alt
                width=image.width
                height=image.height
                loading=lazy.then_some("lazy")
                fetchpriority=(!lazy).then_some("high")
                decoding="async"
            />
        </picture>
    }
}
