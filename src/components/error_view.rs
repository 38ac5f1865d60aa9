//! The one error view: every failure is told to the reader here, in their
//! language, with a way out (retry, reload, or home).

use crate::error::AppError;
use crate::i18n::{use_ui, Ui};
use leptos::prelude::*;

/// The heading and explanation a reader sees for an error.
pub fn error_message(error: &AppError, ui: &Ui) -> (&'static str, String) {
    match error {
        AppError::NotFound => (ui.not_found_title, ui.not_found_text.to_string()),
        AppError::Network(_) => (ui.network_title, ui.network_text.to_string()),
        AppError::TimedOut => (ui.timeout_title, ui.timeout_text.to_string()),
        AppError::Server(status) => (ui.server_title, format!("{} {status}.", ui.server_text)),
        AppError::Malformed(_) => (ui.malformed_title, ui.malformed_text.to_string()),
        AppError::SchemaMismatch { .. } => (ui.outdated_title, ui.outdated_text.to_string()),
        AppError::SearchUnavailable => (
            ui.search_unavailable_title,
            ui.search_unavailable_text.to_string(),
        ),
    }
}

/// The words of a missing address worth searching for: those of its last
/// part (`/tin-tuc/hoi-nghi-so-ket-2024.html` → "hoi nghi so ket"), without
/// numbers, file endings or more than eight words; `None` when it has none
/// (`/tin-tuc/12345.aspx`: a section name alone would find anything).
pub fn address_words(path: &str) -> Option<String> {
    const ENDINGS: [&str; 6] = [".html", ".htm", ".aspx", ".php", ".jsp", ".asp"];
    let last = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()?
        .to_lowercase();
    let stem = ENDINGS
        .iter()
        .find_map(|ending| last.strip_suffix(ending))
        .unwrap_or(&last);
    let words: Vec<&str> = stem
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.chars().any(char::is_alphabetic) && word.chars().count() <= 30)
        .take(8)
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// A link to search for the words of the missing address being read,
/// written once the page is live (the prerendered not-found page serves
/// every address, so it cannot know them). Its paragraph is there, empty,
/// from the start, so hydration finds what the build wrote; written text,
/// not a view that comes later: such a view brings its own hydration code.
fn address_search(ui: &'static Ui) -> impl IntoView {
    let live = crate::live::use_live();
    let offer = move || {
        crate::html::write(|h| {
            let Some(words) = live
                .get()
                .then(crate::browser::current_path)
                .flatten()
                .and_then(|path| address_words(&path))
            else {
                return;
            };
            let href = crate::search::SearchRequest {
                text: words.clone(),
                ..crate::search::SearchRequest::default()
            }
            .href();
            h.text(ui.not_found_search)
                .text(" ")
                .open("a")
                .attr("href", &crate::base::at(&href))
                .end()
                .text(&words)
                .close("a");
        })
    };
    view! { <p class="error-search" inner_html=offer></p> }
}

/// Shows an error where the failed part of the page would have been.
/// `on_retry` repeats the failed request: every fetch failure can clear
/// (even a 404 while a CDN is half-way through a deployment), so it is
/// offered for all of them. A newer bundle format also offers a reload,
/// which brings the app that reads it.
#[component]
pub fn ErrorView(
    /// What went wrong.
    error: AppError,
    /// Repeats what failed.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
    /// The failure is the page the address names (not a part of the page,
    /// such as the header's site bundle): a missing one offers a search
    /// for the address's words.
    #[prop(optional)]
    for_address: bool,
) -> impl IntoView {
    let ui = use_ui();
    let (title, text) = error_message(&error, ui);
    let reload = matches!(error, AppError::SchemaMismatch { .. }).then(|| {
        view! {
            <button type="button" class="button" on:click=move |_| crate::browser::reload()>
                {ui.reload}
            </button>
        }
    });
    let search = (for_address && matches!(error, AppError::NotFound)).then(|| address_search(ui));
    let retry = on_retry.map(|retry| {
        view! {
            <button type="button" class="button" on:click=move |_| retry.run(())>
                {ui.retry}
            </button>
        }
    });
    // A page prerendered with an error starts the app at once, so that
    // retrying works without the reader first touching the page.
    view! {
        <section class="error-view" role="alert" data-needs-app="">
            <h2 class="error-title">{title}</h2>
            <p>{text}</p>
            {search}
            <p class="error-actions">
                {reload}
                {retry}
                <a class="error-home" href=crate::base::at("/")>{ui.back_home}</a>
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::address_words;

    #[test]
    fn a_missing_address_gives_the_words_of_its_last_part() {
        let cases = [
            (
                "/tin-tuc/hoi-nghi-so-ket-2024.html",
                Some("hoi nghi so ket"),
            ),
            (
                "/tin-tuc/khanh-thanh-cau-kenh-xang/",
                Some("khanh thanh cau kenh xang"),
            ),
            ("/Tin-Tuc/Le_Hoi+Dua.Ghe.aspx", Some("le hoi dua ghe")),
            ("/tin-tuc/hội-nghị-sơ-kết", Some("hội nghị sơ kết")),
            ("/van-ban/12345", None),
            ("/Pages/123.aspx", None),
            ("/123/456.html", None),
            ("/", None),
            ("", None),
        ];
        for (path, expected) in cases {
            assert_eq!(address_words(path).as_deref(), expected, "{path}");
        }
    }

    #[test]
    fn at_most_eight_words_and_no_run_on_tokens() {
        let long = format!("/a-b-c-d-e-f-g-h-i-j-{}", "x".repeat(31));
        assert_eq!(address_words(&long).as_deref(), Some("a b c d e f g h"));
        assert_eq!(address_words(&format!("/{}", "y".repeat(40))), None);
    }
}
