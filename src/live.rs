//! Whether the app has taken over the page. The prerendered HTML holds only
//! what the build could know; what depends on the reader's browser (the
//! address being read, data fetched only there) is drawn once live, so
//! hydration finds exactly what the build wrote.

use leptos::prelude::*;

/// True once the app runs in the browser and has hydrated the page.
#[derive(Clone, Copy)]
struct Live(ReadSignal<bool>);

fn live_signal() -> ReadSignal<bool> {
    let (live, set_live) = signal(false);
    // Effects run only in the browser, after the first render; the page
    // is live once every part of it is attached.
    Effect::new(move |_| crate::takeover::after_takeover(move || set_live.set(true)));
    live
}

/// Makes the page's [`use_live`] signal available to the views below.
pub fn provide_live() {
    provide_context(Live(live_signal()));
}

/// The page's "live" signal; a component rendered on its own (as in the
/// component tests) gets one of its own.
pub fn use_live() -> ReadSignal<bool> {
    use_context::<Live>().map_or_else(live_signal, |Live(live)| live)
}
