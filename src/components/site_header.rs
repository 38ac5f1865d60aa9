//! The masthead: portal name and the main menu, from `site.json`.

use crate::components::error_view::ErrorView;
use crate::components::language_switch::LanguageSwitch;
use crate::i18n::use_ui;
use crate::search::SearchRequest;
use crate::section::{same_address, use_section};
use crate::site_context::use_site;
use bantin_model::{routes, Site};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

/// How a menu item relates to the page shown, as `aria-current` says it:
/// `page` on its own address, `true` at an address under it (a listing's
/// later pages), so the reader sees where they are.
pub fn menu_current(href: &str, path: &str) -> Option<&'static str> {
    if same_address(href, path) {
        return Some("page");
    }
    // Home is the root of every address, not a section of its own.
    let href = href.trim_end_matches('/');
    let under = path
        .strip_prefix(href)
        .is_some_and(|rest| rest.starts_with('/'));
    (!href.is_empty() && under).then_some("true")
}

/// Portal name, tagline and menu for a loaded site.
#[component]
pub fn Masthead(
    /// The site bundle.
    site: Site,
) -> impl IntoView {
    let ui = use_ui();
    let path = use_location().pathname;
    let section = use_section();
    let menu = site
        .menu
        .into_iter()
        .map(|item| {
            let href = item.href.clone();
            let current = move || {
                let path = path.get();
                let path = crate::base::within(&path).unwrap_or(path);
                menu_current(&href, &path)
                    .or_else(|| section.with(|s| s.holds(&href, &path)).then_some("true"))
            };
            view! { <li><a href=crate::base::at(&item.href) aria-current=current>{item.label}</a></li> }
        })
        .collect_view();
    let brand = crate::html::write(|h| {
        h.open("span")
            .attr("class", "site-name")
            .end()
            .text(&site.name)
            .close("span");
        if !site.tagline.is_empty() {
            h.open("span")
                .attr("class", "site-tagline")
                .end()
                .text(&site.tagline)
                .close("span");
        }
    });
    // On a phone the menu is one row that scrolls sideways: the current
    // item is brought into it after each move.
    Effect::new(move |_| {
        path.track();
        section.track();
        crate::browser::reveal_current_menu_item();
    });
    view! {
        <div class="masthead">
            <a class="brand" href=crate::base::at("/") inner_html=brand></a>
            // Together, so they wrap as one row under the name.
            <div class="masthead-tools">
                <SearchBox />
                <LanguageSwitch />
            </div>
        </div>
        <nav class="main-menu" aria-label=ui.main_menu>
            <ul>{menu}</ul>
        </nav>
    }
}

/// The header search box's `id` (its label points at it).
const SEARCH_BOX_ID: &str = "site-search-text";

/// The search box of every page. Without JavaScript it is a plain form
/// that opens the search page; live, it moves there without a page load.
#[component]
pub fn SearchBox() -> impl IntoView {
    let ui = use_ui();
    let navigate = use_navigate();
    let text = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = text.get().map(|input| input.value()).unwrap_or_default();
        let request = SearchRequest {
            text: typed.trim().to_string(),
            ..SearchRequest::default()
        };
        navigate(&request.href(), Default::default());
    };
    // Entering the box is what starts the app on a page the reader had not
    // touched: the focus came before the app could see it.
    Effect::new(move |_| {
        if crate::browser::focused_id().as_deref() == Some(SEARCH_BOX_ID) {
            crate::search::warm_up();
        }
    });
    view! {
        <form class="site-search" role="search" action=crate::base::at(routes::SEARCH) method="get" on:submit=on_submit>
            <label class="visually-hidden" for=SEARCH_BOX_ID>{ui.search}</label>
            <input id=SEARCH_BOX_ID type="search" name="q" node_ref=text
                placeholder=ui.search_placeholder
                on:focus=|_| crate::search::warm_up() />
            <button type="submit">{ui.search}</button>
        </form>
    }
}

/// The page header. If the site bundle fails, the error shows here and the
/// rest of the page keeps working.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let site = use_site();
    let ui = use_ui();
    view! {
        <header class="site-header">
            <Transition fallback=move || {
                view! {
                    <div class="masthead">
                        <a class="brand" href=crate::base::at("/")>
                            <span class="site-name">{ui.home}</span>
                        </a>
                    </div>
                }
            }>
                {move || Suspend::new(async move {
                    match site.await {
                        Ok(site) => view! { <Masthead site /> }.into_any(),
                        Err(error) => {
                            view! {
                                <ErrorView error on_retry=Callback::new(move |()| site.refetch()) />
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::menu_current;

    #[test]
    fn a_menu_item_is_current_on_its_address_and_in_its_section() {
        assert_eq!(menu_current("/", "/"), Some("page"));
        assert_eq!(
            menu_current("/chuyen-muc/tin-tuc", "/chuyen-muc/tin-tuc"),
            Some("page")
        );
        assert_eq!(
            menu_current("/chuyen-muc/tin-tuc", "/chuyen-muc/tin-tuc/"),
            Some("page")
        );
        assert_eq!(
            menu_current("/chuyen-muc/tin-tuc", "/chuyen-muc/tin-tuc/trang/2"),
            Some("true")
        );
        assert_eq!(
            menu_current("/trang/lien-he", "/trang/lien-he"),
            Some("page")
        );
        // Home is under nothing and nothing is under home; a longer name
        // is another section.
        assert_eq!(menu_current("/", "/chuyen-muc/tin-tuc"), None);
        assert_eq!(menu_current("/chuyen-muc/tin-tuc", "/"), None);
        assert_eq!(menu_current("/chuyen-muc/tin", "/chuyen-muc/tin-tuc"), None);
        assert_eq!(menu_current("https://example.gov.vn/", "/"), None);
    }
}
