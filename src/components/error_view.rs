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
    }
}

fn reload_page() {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
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
) -> impl IntoView {
    let ui = use_ui();
    let (title, text) = error_message(&error, ui);
    let reload = matches!(error, AppError::SchemaMismatch { .. }).then(|| {
        view! {
            <button type="button" class="button" on:click=move |_| reload_page()>
                {ui.reload}
            </button>
        }
    });
    let retry = on_retry.map(|retry| {
        view! {
            <button type="button" class="button" on:click=move |_| retry.run(())>
                {ui.retry}
            </button>
        }
    });
    view! {
        <section class="error-view" role="alert">
            <h2 class="error-title">{title}</h2>
            <p>{text}</p>
            <p class="error-actions">
                {reload}
                {retry}
                <a class="error-home" href="/">{ui.back_home}</a>
            </p>
        </section>
    }
}
