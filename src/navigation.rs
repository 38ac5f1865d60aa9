//! What happens between two pages of the app: the new page's heading takes
//! the focus (so screen readers announce it and the keyboard starts there),
//! back and forward return to where the reader was on that page, and a link
//! the reader points at has its bundle fetched before the click.
//!
//! All of it runs only in the browser, after the page is live.

/// The data bundle a reader-facing address shows, so it can be fetched
/// ahead; `None` for addresses that have none (search, site map, outside).
pub fn bundle_for_route(path: &str) -> Option<String> {
    use bantin_model::paths;
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match segments.as_slice() {
        [""] => Some(paths::HOME.to_string()),
        ["tin-tuc", slug] => Some(paths::article(slug)),
        ["trang", slug] => Some(paths::page(slug)),
        ["chuyen-muc", slug] => Some(paths::listing(slug, 1)),
        ["chuyen-muc", slug, "trang", page] => {
            let page: u32 = page.parse().ok().filter(|&p| p >= 1)?;
            Some(paths::listing(slug, page))
        }
        _ => None,
    }
}

#[cfg(target_arch = "wasm32")]
mod live {
    use leptos::prelude::{on_cleanup, window_event_listener_untyped};
    use std::cell::RefCell;
    use std::collections::HashMap;
    use wasm_bindgen::JsCast;

    #[derive(Default)]
    struct State {
        /// Last scroll position of each address visited in this tab, up
        /// to [`MAX_POSITIONS`] (a long visit must not grow without bound).
        positions: HashMap<String, f64>,
        /// The address (without its #fragment) whose page heading was drawn
        /// last: a heading drawn at another address means the reader moved.
        last_arrival: Option<String>,
        /// After back/forward: the address and where to scroll back to.
        restore: Option<(String, f64)>,
    }

    /// Scroll positions remembered; past this the map starts again (a
    /// reader rarely goes back more than a few hundred pages).
    const MAX_POSITIONS: usize = 500;

    thread_local! {
        static STATE: RefCell<State> = RefCell::new(State::default());
    }

    fn href() -> Option<String> {
        web_sys::window()?.location().href().ok()
    }

    fn link_target(event: &web_sys::Event) -> Option<String> {
        let element: web_sys::Element = event.target()?.dyn_into().ok()?;
        let link = element.closest("a[href]").ok()??;
        let href = link.get_attribute("href")?;
        (href.starts_with('/') && !href.starts_with("//"))
            .then(|| crate::base::within(&href))
            .flatten()
    }

    /// Listens on the window while the app is mounted: the listeners go
    /// when it does (a test mounting the app again gets one set, not two).
    pub fn install() {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Ok(history) = window.history() {
            let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
        }
        let mut listening = vec![
            window_event_listener_untyped("scroll", move |_| {
                if let (Some(href), Ok(y)) = (href(), window.scroll_y()) {
                    STATE.with(|s| {
                        let positions = &mut s.borrow_mut().positions;
                        if positions.len() >= MAX_POSITIONS && !positions.contains_key(&href) {
                            positions.clear();
                        }
                        positions.insert(href, y);
                    });
                }
            }),
            window_event_listener_untyped("popstate", |_| {
                if let Some(href) = href() {
                    STATE.with(|s| {
                        let mut state = s.borrow_mut();
                        let y = state.positions.get(&href).copied().unwrap_or(0.0);
                        state.restore = Some((href, y));
                    });
                }
            }),
        ];
        // A link pointed at, touched or tabbed to: these events bubble up
        // to the window from the link.
        for event in ["pointerover", "touchstart", "focusin"] {
            listening.push(window_event_listener_untyped(event, |event| {
                if let Some(bundle) = link_target(&event).and_then(|h| super::bundle_for_route(&h))
                {
                    crate::api::prefetch(bundle);
                }
            }));
        }
        on_cleanup(move || listening.into_iter().for_each(|handle| handle.remove()));
    }

    /// Focuses the heading and scrolls once the new page is in the
    /// document: a page drawn behind a transition is attached a few frames
    /// after its heading exists.
    fn settle(heading: web_sys::HtmlElement, y: f64, frames_left: u32) {
        if !heading.is_connected() && frames_left > 0 {
            leptos::prelude::request_animation_frame(move || settle(heading, y, frames_left - 1));
            return;
        }
        let _ = heading.focus();
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, y);
        }
    }

    pub fn arrived(heading: &web_sys::HtmlElement) {
        let Some(now) = href() else {
            return;
        };
        let page = now.split('#').next().unwrap_or(&now).to_string();
        let (moved, restore) = STATE.with(|s| {
            let mut state = s.borrow_mut();
            let moved = state
                .last_arrival
                .as_ref()
                .is_some_and(|last| *last != page);
            state.last_arrival = Some(page);
            (moved, state.restore.take())
        });
        // The first page keeps the focus where the browser put it, and a
        // page drawn again (language switch, retry) leaves it alone.
        if !moved {
            return;
        }
        let y = restore.filter(|(at, _)| *at == now).map_or(0.0, |(_, y)| y);
        settle(heading.clone(), y, 60);
    }
}

/// Starts watching scrolling, back/forward and link hovers. Call once, in
/// the browser.
pub fn install() {
    #[cfg(target_arch = "wasm32")]
    live::install();
}

/// Called by each page's heading once drawn: at a new address it
/// takes the focus and the page scrolls to the top, or back to where the
/// reader was when they came back with the browser's back button.
#[cfg(target_arch = "wasm32")]
pub fn arrived(heading: &web_sys::HtmlElement) {
    live::arrived(heading);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reader_address_maps_to_the_bundle_it_shows() {
        assert_eq!(bundle_for_route("/").as_deref(), Some("/data/home.json"));
        assert_eq!(
            bundle_for_route("/tin-tuc/hoi-nghi?x=1").as_deref(),
            Some("/data/tin-tuc/hoi-nghi.json")
        );
        assert_eq!(
            bundle_for_route("/chuyen-muc/tin-tuc").as_deref(),
            Some("/data/chuyen-muc/tin-tuc/1.json")
        );
        assert_eq!(
            bundle_for_route("/chuyen-muc/tin-tuc/trang/3").as_deref(),
            Some("/data/chuyen-muc/tin-tuc/3.json")
        );
        assert_eq!(
            bundle_for_route("/trang/lien-he").as_deref(),
            Some("/data/trang/lien-he.json")
        );
        assert_eq!(bundle_for_route("/chuyen-muc/tin-tuc/trang/0"), None);
        assert_eq!(bundle_for_route("/tim-kiem?q=a"), None);
        assert_eq!(bundle_for_route("/so-do-trang"), None);
    }
}
