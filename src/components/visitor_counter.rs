//! "Lượt truy cập": the visitor counter, read from the figures file the
//! site bundle names. Missing or unreadable figures hide it: a counter is
//! never worth an error message.

use crate::api;
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

/// The figures, as shown.
#[component]
pub fn CounterFigures(
    /// The figures.
    stats: Stats,
) -> impl IntoView {
    let ui = use_ui();
    let lines = counter_lines(&stats, ui)
        .into_iter()
        .map(|(label, value)| view! { <li>{format!("{label}: ")}<strong>{value}</strong></li> })
        .collect_view();
    view! {
        <section class="visitor-counter" aria-label=ui.visits>
            <h2 class="footer-heading">{ui.visits}</h2>
            <ul>{lines}</ul>
        </section>
    }
}

/// The counter for the figures at `source`; nothing when it is empty.
#[component]
pub fn VisitorCounter(
    /// Where the figures are; empty for none.
    source: String,
) -> impl IntoView {
    let stats = Resource::new(
        move || source.clone(),
        |source| async move {
            if source.is_empty() {
                return None;
            }
            api::fetch_stats(source).await.ok()
        },
    );
    view! {
        <Transition>
            {move || Suspend::new(async move {
                stats.await.map(|stats| view! { <CounterFigures stats /> })
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
