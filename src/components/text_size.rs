//! The A− A A+ control: the reader's article text size, kept for the next
//! visit.

use crate::browser;
use crate::i18n::use_ui;
use leptos::prelude::*;

/// Where the chosen size is kept between visits.
pub const STORAGE_KEY: &str = "bantin.text-size";

/// An article text size step: 0 is the usual size, each step about 12%.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextSize(i8);

impl TextSize {
    /// The smallest step offered.
    pub const MIN: i8 = -1;
    /// The largest step offered.
    pub const MAX: i8 = 4;

    /// One step smaller, never below [`Self::MIN`].
    pub fn smaller(self) -> TextSize {
        TextSize((self.0 - 1).max(Self::MIN))
    }

    /// One step larger, never above [`Self::MAX`].
    pub fn larger(self) -> TextSize {
        TextSize((self.0 + 1).min(Self::MAX))
    }

    /// A stored step; anything unreadable or out of range is the usual size.
    pub fn parse(stored: &str) -> TextSize {
        stored
            .trim()
            .parse::<i8>()
            .ok()
            .filter(|step| (Self::MIN..=Self::MAX).contains(step))
            .map(TextSize)
            .unwrap_or_default()
    }

    /// How the step is stored.
    pub fn stored(self) -> String {
        self.0.to_string()
    }

    /// The CSS class that sets the size (style.css has one per step, so no
    /// inline style is needed under the strict CSP).
    pub fn class(self) -> &'static str {
        match self.0 {
            i8::MIN..=-1 => "text-size-s1",
            0 => "text-size-0",
            1 => "text-size-1",
            2 => "text-size-2",
            3 => "text-size-3",
            _ => "text-size-4",
        }
    }

    /// True at the smallest step (the A− button is then disabled).
    pub fn is_min(self) -> bool {
        self.0 <= Self::MIN
    }

    /// True at the largest step.
    pub fn is_max(self) -> bool {
        self.0 >= Self::MAX
    }
}

/// The reader's text size: the usual size when first drawn (as the
/// prerendered page is), then the stored one once the page is live.
pub fn use_text_size() -> RwSignal<TextSize> {
    let size = RwSignal::new(TextSize::default());
    Effect::new(move |_| {
        if let Some(stored) = browser::stored(STORAGE_KEY) {
            size.set(TextSize::parse(&stored));
        }
    });
    size
}

/// The three buttons.
#[component]
pub fn TextSizeControl(
    /// The size they change.
    size: RwSignal<TextSize>,
) -> impl IntoView {
    let ui = use_ui();
    let choose = move |next: TextSize| {
        size.set(next);
        browser::store(STORAGE_KEY, &next.stored());
    };
    // What a button shows ("A+") and what it says to a screen reader.
    let label = |h: &mut crate::html::Html, shown: &str, said: &str| {
        h.open("span")
            .attr("aria-hidden", "true")
            .end()
            .text(shown)
            .close("span")
            .open("span")
            .attr("class", "visually-hidden")
            .end()
            .text(said)
            .close("span");
    };
    let smaller = crate::html::write(|h| label(h, "A−", ui.text_smaller));
    let usual = crate::html::write(|h| label(h, "A", ui.text_default));
    let larger = crate::html::write(|h| label(h, "A+", ui.text_larger));
    view! {
        <div class="text-size" role="group" aria-label=ui.text_size>
            <button
                type="button"
                class="tool-button"
                title=ui.text_smaller
                disabled=move || size.get().is_min()
                on:click=move |_| choose(size.get_untracked().smaller())
                inner_html=smaller
            ></button>
            <button
                type="button"
                class="tool-button"
                title=ui.text_default
                aria-pressed=move || (size.get() == TextSize::default()).to_string()
                on:click=move |_| choose(TextSize::default())
                inner_html=usual
            ></button>
            <button
                type="button"
                class="tool-button"
                title=ui.text_larger
                disabled=move || size.get().is_max()
                on:click=move |_| choose(size.get_untracked().larger())
                inner_html=larger
            ></button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stop_at_both_ends_and_stored_values_are_checked() {
        let usual = TextSize::default();
        assert_eq!(usual.class(), "text-size-0");
        assert!(usual.smaller().is_min());
        assert_eq!(usual.smaller().smaller(), usual.smaller());
        let mut size = usual;
        for _ in 0..10 {
            size = size.larger();
        }
        assert!(size.is_max());
        assert_eq!(size.class(), "text-size-4");
        assert_eq!(TextSize::parse(&size.stored()), size);
        assert_eq!(TextSize::parse("99"), usual);
        assert_eq!(TextSize::parse("to"), usual);
    }
}
