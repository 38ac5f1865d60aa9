//! "Nghe đọc bài": the browser reads the article aloud in a Vietnamese
//! voice. The button exists only where the browser has such a voice.

use crate::browser;
use crate::i18n::use_ui;
use bantin_model::Article;
use leptos::prelude::*;

/// Whether a voice's language tag is Vietnamese (`vi-VN`, `vi_VN`, `vi`).
pub fn is_vietnamese_voice(lang: &str) -> bool {
    let lang = lang.to_ascii_lowercase();
    lang == "vi" || lang.starts_with("vi-") || lang.starts_with("vi_")
}

/// What is read: title, lead, then the body's words, one part per line.
pub fn speech_text(article: &Article) -> String {
    std::iter::once(article.title.clone())
        .chain(std::iter::once(article.lead.clone()))
        .chain(article.body.iter().map(|block| block.plain_text()))
        .filter(|part| !part.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The read-aloud button for a text.
#[component]
pub fn ReadAloud(
    /// What to read.
    text: String,
) -> impl IntoView {
    let ui = use_ui();
    let available = RwSignal::new(false);
    let speaking = RwSignal::new(false);
    Effect::new(move |_| {
        available.set(browser::has_vietnamese_voice());
        browser::on_voices_changed(move || available.set(browser::has_vietnamese_voice()));
    });
    on_cleanup(browser::stop_speaking);
    let toggle = move |_| {
        if speaking.get_untracked() {
            browser::stop_speaking();
            speaking.set(false);
        } else {
            speaking.set(true);
            browser::speak(&text, move || speaking.set(false));
        }
    };
    view! {
        <Show when=move || available.get()>
            <button
                type="button"
                class="tool-button read-aloud"
                aria-pressed=move || speaking.get().to_string()
                on:click=toggle.clone()
            >
                {move || if speaking.get() { ui.stop_reading } else { ui.read_aloud }}
            </button>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_vietnamese_voices_count() {
        assert!(is_vietnamese_voice("vi-VN"));
        assert!(is_vietnamese_voice("VI_vn"));
        assert!(is_vietnamese_voice("vi"));
        assert!(!is_vietnamese_voice("en-US"));
        assert!(!is_vietnamese_voice("vie"));
    }
}
