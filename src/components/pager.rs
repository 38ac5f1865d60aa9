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
        let at = |page: u32| crate::base::at(&href.run(page));
        let links = crate::html::write(|h| {
            if current > 1 {
                h.open("a")
                    .attr("class", "pager-previous")
                    .attr("rel", "prev")
                    .attr("href", &at(current - 1))
                    .end()
                    .text(ui.previous_page)
                    .close("a");
            }
            h.open("ol").end();
            for item in pager_items(current, total) {
                h.open("li");
                match item {
                    PagerItem::Page(page, true) => {
                        h.end()
                            .open("span")
                            .attr("class", "pager-current")
                            .attr("aria-current", "page")
                            .end()
                            .text(&page.to_string())
                            .close("span");
                    }
                    PagerItem::Page(page, false) => {
                        h.end()
                            .open("a")
                            .attr("href", &at(page))
                            .attr("aria-label", &format!("{} {page}", ui.page))
                            .end()
                            .text(&page.to_string())
                            .close("a");
                    }
                    PagerItem::Gap => {
                        h.attr("aria-hidden", "true").end().text("…");
                    }
                }
                h.close("li");
            }
            h.close("ol");
            if current < total {
                h.open("a")
                    .attr("class", "pager-next")
                    .attr("rel", "next")
                    .attr("href", &at(current + 1))
                    .end()
                    .text(ui.next_page)
                    .close("a");
            }
        });
        view! { <nav class="pager" aria-label=ui.pagination inner_html=links></nav> }
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
