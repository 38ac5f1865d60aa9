//! The browser entry point: takes over the page, nothing else.

#![recursion_limit = "256"]

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        // A release WASM aborts on a panic without a message (the size
        // profile, `panic = "immediate-abort"`): the hook serves debug builds.
        #[cfg(debug_assertions)]
        console_error_panic_hook::set_once();
        let body = leptos::prelude::document().body();
        if body
            .as_ref()
            .is_some_and(|body| body.has_attribute(bantin::PRERENDERED_MARK))
        {
            // The page was rendered at build time from the same components
            // and data: attach to it instead of drawing it again.
            leptos::mount::hydrate_body(bantin::App);
        } else {
            // An app shell (or the 404 page): clear the static fallback text
            // and render in the browser.
            if let Some(body) = body {
                body.set_text_content(None);
            }
            leptos::mount::mount_to_body(bantin::App);
        }
    }
}
