//! The `h1` of every page. After a move between pages it takes the focus,
//! so screen readers announce the new page and the keyboard starts there.

use leptos::prelude::*;

/// A page's main heading.
#[component]
pub fn PageTitle(
    /// The heading text.
    #[prop(into)]
    text: String,
    /// Its class (for example `visually-hidden` on the home page).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H1>::new();
    #[cfg(target_arch = "wasm32")]
    Effect::new(move |_| {
        if let Some(element) = heading.get() {
            crate::navigation::arrived(&element);
        }
    });
    view! { <h1 class=class tabindex="-1" node_ref=heading>{text}</h1> }.into_any()
}
