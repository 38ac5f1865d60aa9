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
/// again. Also gives the categories the index knows, for the filter.
fn use_latest_search(
    request: Memo<SearchRequest>,
    retries: RwSignal<u32>,
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
            let shown = match outcome {
                _ if !asked => return,
                // Replaced by a newer search: never shown.
                Ok(None) => return,
                Ok(Some(outcome)) => Ok(Some((request, outcome))),
                Err(error) => Err(error),
            };
            found.try_set(Some(shown));
        });
    });
    on_cleanup(crate::search::stop);
    (found, categories)
}

/// The search route.
#[component]
pub fn SearchPage() -> impl IntoView {
    let ui = use_ui();
    let query = use_query_map();
    let request = Memo::new(move |_| {
        let params = query.read();
        SearchRequest::from_params(|name| params.get(name))
    });
    // The prerendered page knows no query: the form is filled and results
    // drawn only once live, so hydration sees what the server wrote.
    let live = crate::live::use_live();
    let navigate = use_navigate();
    let go = move |next: SearchRequest| {
        navigate(
            &next.href(),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    };
    let retries = RwSignal::new(0u32);
    let (found, categories) = use_latest_search(request, retries);
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
        let go = go.clone();
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
