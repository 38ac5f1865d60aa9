//! Search results: `/tim-kiem?q=…`. The page is prerendered empty (a CDN
//! serves it for any query); results are drawn once the app is live, and
//! follow the reader's typing without a page load.

use crate::components::error_view::ErrorView;
use crate::components::loaded::Loading;
use crate::components::page_head::{PageHead, PageInfo};
use crate::components::page_title::PageTitle;
use crate::components::pager::Pager;
use crate::html::Html;
use crate::i18n::{format_date, format_number, use_ui, Ui};
use crate::search::{run, SearchOutcome, SearchRequest, SearchResult};
use bantin_model::search::Segment;
use bantin_model::{routes, CategoryRef, Date};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// Text with the matched words in `<mark>`, as text.
fn highlighted(h: &mut Html, segments: &[Segment]) {
    for segment in segments {
        if segment.hit {
            h.open("mark").end().text(&segment.text).close("mark");
        } else {
            h.text(&segment.text);
        }
    }
}

/// One result: its title (a link), date and category, the excerpt.
fn result_html(h: &mut Html, result: &SearchResult, ui: &Ui) {
    h.open("li")
        .attr("class", "search-result")
        .end()
        .open("h2")
        .attr("class", "search-result-title")
        .end()
        .open("a")
        .attr("href", &crate::base::at(&result.href))
        .end();
    highlighted(h, &result.title);
    h.close("a")
        .close("h2")
        .open("p")
        .attr("class", "card-meta")
        .end()
        .open("time")
        .attr("datetime", &result.date.to_string())
        .end()
        .text(&format_date(result.date, ui))
        .close("time")
        .text(" · ")
        .text(&result.category.name)
        .close("p")
        .open("p")
        .attr("class", "search-excerpt")
        .end();
    highlighted(h, &result.excerpt);
    h.close("p").close("li");
}

/// The list of results, matched words marked.
#[component]
pub fn SearchResultList(
    /// The results of this page of the search, best first.
    results: Vec<SearchResult>,
) -> impl IntoView {
    let ui = use_ui();
    let items = crate::html::write(|h| {
        for result in &results {
            result_html(h, result, ui);
        }
    });
    view! { <ol class="search-results" inner_html=items></ol> }
}

/// The results of one search.
#[component]
pub fn SearchResults(
    /// The outcome.
    outcome: SearchOutcome,
    /// The request, for paging addresses.
    request: SearchRequest,
) -> impl IntoView {
    let ui = use_ui();
    // Benchmarks read how long the search took, and for which words.
    // Tenths of a millisecond, rounded, in integers: formatting a float
    // would bring its code into the WASM.
    let ms = |us: u64| {
        let tenths = (us + 50) / 100;
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    let elapsed = ms(outcome.elapsed_us);
    let phases = outcome.phases_us.map(ms).join(" ");
    let asked = request.text.clone();
    if outcome.total == 0 {
        // A lone word begun: more letters, not other words, will find it.
        let said = match outcome.left_out {
            Some(word) => {
                let (before, after) = ui.search_type_more;
                format!("{before}{word}{after}")
            }
            None => ui.search_none.to_string(),
        };
        return view! {
            <p class="search-none" data-elapsed-ms=elapsed data-phases-ms=phases data-query=asked>
                {said}
            </p>
        }
        .into_any();
    }
    view! {
        <p class="search-count" data-elapsed-ms=elapsed data-phases-ms=phases data-query=asked>
            {format!("{}: {}", ui.search_found, format_number(outcome.total as u64, ui))}
        </p>
        {outcome
            .left_out
            .map(|word| {
                let (before, after) = ui.search_left_out;
                view! { <p class="search-left-out">{before}{word}{after}</p> }
            })}
        <SearchResultList results=outcome.results />
        <Pager
            current=request.page
            total=outcome.total_pages
            href=Callback::new(move |page| request.with_page(page).href())
        />
    }
    .into_any()
}

fn date_value(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// What a search ended with: nothing asked (the prompt), its request and
/// outcome, or why it failed.
type Found = Result<Option<(SearchRequest, SearchOutcome)>, crate::error::AppError>;

/// The outcome of the latest search of `request`, run in the search
/// worker; `None` until the first one ends. Each key the reader types
/// starts a search that replaces the one before it (the worker stops
/// fetching its results' texts; the index files it asked for still land,
/// for the next search): on a slow phone network the last key's search
/// does not queue behind searches for letters already replaced, and their
/// answers never land over newer ones. Bumping `retries` runs the latest
/// again. `on_drawn` is told each request whose outcome is drawn (the
/// address follows it). Also gives the categories the index knows, for
/// the filter.
fn use_latest_search(
    request: Memo<SearchRequest>,
    retries: RwSignal<u32>,
    on_drawn: impl Fn(&SearchRequest) + Clone + 'static,
) -> (RwSignal<Option<Found>>, RwSignal<Vec<CategoryRef>>) {
    let found: RwSignal<Option<Found>> = RwSignal::new(None);
    let categories = RwSignal::new(Vec::new());
    let latest = std::rc::Rc::new(std::cell::Cell::new(0u64));
    Effect::new(move |_| {
        retries.track();
        let request = request.get();
        let this_search = latest.get() + 1;
        latest.set(this_search);
        let latest = latest.clone();
        // Nothing asked: the prompt at once (the worker is still asked, for
        // the categories).
        let asked = !request.text.trim().is_empty();
        if !asked {
            found.set(Some(Ok(None)));
        }
        let on_drawn = on_drawn.clone();
        leptos::task::spawn_local(async move {
            let outcome = run(request.clone()).await;
            if latest.get() != this_search {
                return;
            }
            if let Ok(Some(outcome)) = &outcome {
                if categories.with_untracked(Vec::is_empty) {
                    categories.try_set(outcome.categories.clone());
                }
            }
            let drawn = match outcome {
                // The prompt, drawn already.
                _ if !asked => None,
                // Replaced by a newer search: never shown.
                Ok(None) => return,
                Ok(Some(outcome)) => Some(Ok(Some((request.clone(), outcome)))),
                Err(error) => Some(Err(error)),
            };
            if drawn.is_some() {
                found.try_set(drawn);
            }
            on_drawn(&request);
        });
    });
    on_cleanup(crate::search::stop);
    (found, categories)
}

/// What the search page asks, between the reader and the address.
#[derive(Default)]
struct Asking {
    /// The request searched for.
    asked: SearchRequest,
    /// The address last seen.
    seen: Option<SearchRequest>,
    /// Addresses the page wrote that the router has not yet reported: seen
    /// back, they are not the reader's, and an older one must not undo
    /// newer typing.
    written: Vec<SearchRequest>,
}

impl Asking {
    /// The address as the router reports it; gives the request to search
    /// for. The reader's own change of the address (back, forward, a link,
    /// the header's box) is searched for; one the page wrote is not, even
    /// reported after the reader typed on.
    fn address_is(&mut self, now: SearchRequest) -> SearchRequest {
        if self.seen.as_ref() != Some(&now) {
            match self.written.iter().position(|w| *w == now) {
                Some(at) => drop(self.written.drain(..=at)),
                None => {
                    self.written.clear();
                    self.asked = now.clone();
                }
            }
            self.seen = Some(now);
        }
        self.asked.clone()
    }

    /// The page writes `drawn` into the address.
    fn wrote(&mut self, drawn: SearchRequest) {
        self.written.push(drawn);
    }
}

/// The request the page searches for: the reader's typing and filters at
/// once, or the address when the reader changes it (back, forward, a
/// result page's link, the header's box). The address follows the
/// outcome drawn, not each key: changing it costs the browser a
/// navigation (history, the tab's icon asked again) on the phone's few
/// cores, while the search it would delay is what the reader waits for.
/// Gives the request, how to ask another, and what to tell when an
/// outcome is drawn. One stored value and a counter, not a signal of
/// requests: each signal type costs the WASM bytes.
fn use_asked() -> (
    Memo<SearchRequest>,
    impl Fn(SearchRequest) + Copy,
    impl Fn(&SearchRequest) + Clone,
) {
    let query = use_query_map();
    let address = Memo::new(move |_| {
        let params = query.read();
        SearchRequest::from_params(|name| params.get(name))
    });
    let state = StoredValue::new(Asking::default());
    let changed = RwSignal::new(0u32);
    let request = Memo::new(move |_| {
        let now = address.get();
        changed.track();
        state
            .try_update_value(|state| state.address_is(now))
            .unwrap_or_default()
    });
    let ask = move |next: SearchRequest| {
        state.update_value(|state| state.asked = next);
        changed.update(|n| *n = n.wrapping_add(1));
    };
    let navigate = use_navigate();
    let follow = move |drawn: &SearchRequest| {
        if address.with_untracked(|now| now == drawn) {
            return;
        }
        state.update_value(|state| state.wrote(drawn.clone()));
        navigate(
            &drawn.href(),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    };
    (request, ask, follow)
}

/// The search route.
#[component]
pub fn SearchPage() -> impl IntoView {
    let ui = use_ui();
    let (request, go, follow) = use_asked();
    // The prerendered page knows no query: the form is filled and results
    // drawn only once live, so hydration sees what the server wrote.
    let live = crate::live::use_live();
    let retries = RwSignal::new(0u32);
    let (found, categories) = use_latest_search(request, retries, follow);
    let shown = move || request.get();
    let field = move |read: fn(&SearchRequest) -> String| {
        move || {
            if live.get() {
                read(&shown())
            } else {
                String::new()
            }
        }
    };
    // Every control changes one part of the request and starts again at
    // result page 1.
    let change = move |apply: fn(&mut SearchRequest, String)| {
        move |ev: leptos::ev::Event| {
            let mut next = request.get_untracked();
            apply(&mut next, event_target_value(&ev));
            next.page = 1;
            go(next);
        }
    };
    let on_text = change(|r, value| r.text = value);
    let on_category = change(|r, value| r.category = value);
    let on_from = change(|r, value| r.from = Date::parse(&value).ok());
    let on_to = change(|r, value| r.to = Date::parse(&value).ok());
    // Its own memo: typing changes the request on every key, and the
    // category list is drawn again only when the category changes.
    let chosen = Memo::new(move |_| request.with(|r| r.category.clone()));
    let options = move || {
        let chosen = chosen.get();
        categories
            .get()
            .into_iter()
            .map(|c| {
                let selected = c.slug == chosen;
                view! { <option value=c.slug selected=selected>{c.name}</option> }
            })
            .collect_view()
    };
    // The filters fold away, so a phone shows the first results on its
    // first screen; an address that already filters opens them. Opened
    // once live, and never closed for the reader.
    let filters_open = RwSignal::new(false);
    Effect::new(move |_| {
        if live.get() && request.with_untracked(SearchRequest::is_filtered) {
            filters_open.set(true);
        }
    });
    let results = move || {
        if !live.get() {
            return view! { <noscript><p>{ui.search_needs_script}</p></noscript> }.into_any();
        }
        // A search under way leaves the results before it on screen.
        match found.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Ok(None)) => view! { <p class="search-prompt">{ui.search_prompt}</p> }.into_any(),
            Some(Ok(Some((request, outcome)))) => {
                view! { <SearchResults outcome request /> }.into_any()
            }
            Some(Err(error)) => view! {
                <ErrorView error on_retry=Callback::new(move |()| retries.update(|n| *n += 1)) />
            }
            .into_any(),
        }
    };
    view! {
        <PageHead info=PageInfo {
            title: ui.search.to_string(),
            path: Some(routes::SEARCH.to_string()),
            ..PageInfo::default()
        } />
        // The results are found in the browser: the app starts at once, and
        // the page's loader starts the search worker before it.
        <div class="search-page" data-needs-app="" data-starts-search="">
            <PageTitle text=ui.search />
            <form class="search-form" role="search" action=crate::base::at(routes::SEARCH) method="get"
                on:submit=|ev| ev.prevent_default()>
                <label for="search-text">{ui.search}</label>
                <input id="search-text" type="search" name="q" autocomplete="off"
                    placeholder=ui.search_placeholder
                    prop:value=field(|r| r.text.clone())
                    on:input=on_text />
                <details class="search-filters" prop:open=filters_open>
                    <summary>{ui.search_filters}</summary>
                    <div class="search-filter-fields">
                        <label>
                            {ui.search_category}
                            <select name="chuyen-muc" on:change=on_category>
                                <option value="">{ui.search_all}</option>
                                {options}
                            </select>
                        </label>
                        <label>
                            {ui.search_from}
                            <input type="date" name="tu" prop:value=field(|r| date_value(r.from))
                                on:change=on_from />
                        </label>
                        <label>
                            {ui.search_to}
                            <input type="date" name="den" prop:value=field(|r| date_value(r.to))
                                on:change=on_to />
                        </label>
                    </div>
                </details>
            </form>
            <div class="search-outcome" aria-live="polite">{results}</div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::Asking;
    use crate::search::SearchRequest;

    fn text(text: &str) -> SearchRequest {
        SearchRequest {
            text: text.to_string(),
            ..SearchRequest::default()
        }
    }

    #[test]
    fn the_address_opened_is_searched_and_typing_is_not_undone_by_addresses_written_before() {
        let mut asking = Asking::default();
        assert_eq!(asking.address_is(text("phu")), text("phu"));
        // The reader types; the address follows each outcome drawn, and the
        // router reports them late, after the reader typed on.
        asking.asked = text("phu n");
        asking.wrote(text("phu n"));
        asking.asked = text("phu nu");
        asking.wrote(text("phu nu"));
        asking.asked = text("phu nu t");
        assert_eq!(asking.address_is(text("phu n")), text("phu nu t"));
        assert_eq!(asking.address_is(text("phu nu")), text("phu nu t"));
        // The same address reported again changes nothing.
        assert_eq!(asking.address_is(text("phu nu")), text("phu nu t"));
    }

    #[test]
    fn the_readers_own_change_of_the_address_is_searched() {
        let mut asking = Asking::default();
        asking.address_is(text("duong"));
        asking.asked = text("duong giao");
        asking.wrote(text("duong giao"));
        asking.address_is(text("duong giao"));
        // Back, or the header's box: an address the page did not write.
        assert_eq!(asking.address_is(text("duong")), text("duong"));
        // Even one the page wrote long ago, once reported: written
        // addresses count once.
        asking.asked = text("nuoc");
        assert_eq!(asking.address_is(text("duong giao")), text("duong giao"));
    }
}
