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
            // In turns (`takeover.rs`): the reader's input is answered
            // between the parts of the page.
            let _ = any_spawner::Executor::init_wasm_bindgen();
            bantin::takeover::begin();
            leptos::task::spawn_local(async move {
                // Starting the WASM is a task of its own too.
                bantin::takeover::next_task().await;
                if let Some(body) = body {
                    let owner = leptos::mount::hydrate_from_async(body, bantin::App).await;
                    owner.forget();
                }
                // What waited for the page (the live parts) in a task of its own.
                bantin::takeover::next_task().await;
                bantin::takeover::say_hydrated();
            });
        } else {
            // An app shell (or the 404 page): clear the static fallback text
            // and render in the browser.
            if let Some(body) = body {
                body.set_text_content(None);
            }
            leptos::mount::mount_to_body(bantin::App);
            bantin::takeover::say_hydrated();
        }
    }
}
