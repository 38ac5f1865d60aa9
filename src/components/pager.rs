//! Page numbers under a listing.

use crate::i18n::use_ui;
use leptos::prelude::*;

/// One slot of the pager.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PagerItem {
    /// A page number; `true` for the page being shown.
    Page(u32, bool),
    /// Pages left out between two numbers.
    Gap,
}

/// Which page numbers to offer: the first, the last, and two either side of
/// the current one, with gaps between. Pages count from 1.
pub fn pager_items(current: u32, total: u32) -> Vec<PagerItem> {
    let total = total.max(1);
    let current = current.clamp(1, total);
    let mut items = Vec::new();
    let mut last_shown = 0;
    for page in 1..=total {
        let near = page.abs_diff(current) <= 2;
        if page == 1 || page == total || near {
            if last_shown != 0 && page > last_shown + 1 {
                items.push(PagerItem::Gap);
            }
            items.push(PagerItem::Page(page, page == current));
            last_shown = page;
        }
    }
    items
}

/// Previous / numbers / next, as links built by `href(page)`.
#[component]
pub fn Pager(
    /// The page shown, from 1.
    current: u32,
    /// How many pages there are.
    total: u32,
    /// The address of a page.
    href: Callback<u32, String>,
) -> impl IntoView {
    let ui = use_ui();
    (total > 1).then(|| {
        let previous = (current > 1).then(|| {
            view! { <a class="pager-previous" rel="prev" href=crate::base::at(&href.run(current - 1))>{ui.previous_page}</a> }
        });
        let next = (current < total).then(|| {
            view! { <a class="pager-next" rel="next" href=crate::base::at(&href.run(current + 1))>{ui.next_page}</a> }
        });
        let numbers = pager_items(current, total)
            .into_iter()
            .map(|item| match item {
                PagerItem::Page(page, true) => view! {
                    <li><span class="pager-current" aria-current="page">{page}</span></li>
                }
                .into_any(),
                PagerItem::Page(page, false) => view! {
                    <li>
                        <a href=crate::base::at(&href.run(page)) aria-label=format!("{} {page}", ui.page)>{page}</a>
                    </li>
                }
                .into_any(),
                PagerItem::Gap => view! { <li aria-hidden="true">"…"</li> }.into_any(),
            })
            .collect_view();
        view! {
            <nav class="pager" aria-label=ui.pagination>
                {previous}
                <ol>{numbers}</ol>
                {next}
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use PagerItem::{Gap, Page};

    #[test]
    fn a_short_listing_shows_every_page() {
        assert_eq!(
            pager_items(2, 3),
            vec![Page(1, false), Page(2, true), Page(3, false)]
        );
        assert_eq!(pager_items(1, 1), vec![Page(1, true)]);
    }

    #[test]
    fn a_long_listing_shows_ends_and_neighbours_with_gaps() {
        assert_eq!(
            pager_items(10, 20),
            vec![
                Page(1, false),
                Gap,
                Page(8, false),
                Page(9, false),
                Page(10, true),
                Page(11, false),
                Page(12, false),
                Gap,
                Page(20, false),
            ]
        );
    }

    #[test]
    fn out_of_range_pages_are_clamped() {
        assert_eq!(pager_items(9, 2), vec![Page(1, false), Page(2, true)]);
        assert_eq!(pager_items(0, 0), vec![Page(1, true)]);
    }
}
