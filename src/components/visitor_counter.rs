//! "Lượt truy cập": the visitor counter, read from the figures file the
//! site bundle names. Figures that cannot be read in the browser are told
//! in the counter's own box, with a retry; the rest of the footer stays.

use crate::api;
use crate::components::error_view::ErrorView;
use crate::i18n::{format_number, use_ui, Ui};
use bantin_model::Stats;
use leptos::prelude::*;

/// The counter's lines: "Tất cả: 77.258.962" and, when counted, today's.
pub fn counter_lines(stats: &Stats, ui: &Ui) -> Vec<(&'static str, String)> {
    let mut lines = vec![(ui.visits_total, format_number(stats.total, ui))];
    if let Some(today) = stats.today {
        lines.push((ui.visits_today, format_number(today, ui)));
    }
    lines
}

/// The counter's box and heading, around figures or an error.
#[component]
fn CounterBox(children: Children) -> impl IntoView {
    let ui = use_ui();
    view! {
        <section class="visitor-counter" aria-label=ui.visits>
            <h2 class="footer-heading">{ui.visits}</h2>
            {children()}
        </section>
    }
}

/// The figures, as shown.
#[component]
pub fn CounterFigures(
    /// The figures.
    stats: Stats,
) -> impl IntoView {
    let ui = use_ui();
    let lines = crate::html::write(|h| {
        for (label, value) in counter_lines(&stats, ui) {
            h.open("li")
                .end()
                .text(&format!("{label}: "))
                .element("strong", &value)
                .close("li");
        }
    });
    view! { <CounterBox><ul inner_html=lines></ul></CounterBox> }
}

/// The counter for the figures at `source`; nothing when it is empty.
#[component]
pub fn VisitorCounter(
    /// Where the figures are; empty for none.
    source: String,
) -> impl IntoView {
    let stats = api::bundle_resource(
        move || (source.clone(), None),
        |(source, _)| async move {
            if source.is_empty() {
                return Ok(None);
            }
            match api::fetch_stats(source).await {
                Ok(stats) => Ok(Some(stats)),
                // A build that cannot read the figures (they live on
                // another server) leaves the counter out rather than baking
                // an error into every page.
                Err(_) if cfg!(not(target_arch = "wasm32")) => Ok(None),
                Err(error) => Err(error),
            }
        },
    );
    view! {
        <Transition>
            {move || Suspend::new(async move {
                match stats.await {
                    Ok(None) => None,
                    Ok(Some(stats)) => Some(view! { <CounterFigures stats /> }.into_any()),
                    Err(error) => Some(
                        view! {
                            <CounterBox>
                                <ErrorView error on_retry=Callback::new(move |()| stats.refetch()) />
                            </CounterBox>
                        }
                        .into_any(),
                    ),
                }
            })}
        </Transition>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, VI};

    #[test]
    fn figures_read_with_vietnamese_grouping() {
        let stats = Stats {
            total: 77_258_962,
            today: None,
        };
        assert_eq!(
            counter_lines(&stats, &VI),
            vec![("Tất cả", "77.258.962".to_string())]
        );
        let with_today = Stats {
            total: 5,
            today: Some(1_204),
        };
        assert_eq!(
            counter_lines(&with_today, &EN),
            vec![("Total", "5".to_string()), ("Today", "1,204".to_string())]
        );
    }
}
