//! Sharing an article: copy its address, the device's share sheet where
//! the browser has one, Facebook and Zalo links, and print.

use crate::browser;
use crate::i18n::use_ui;
use leptos::prelude::*;

/// Percent-encodes an address for use inside another address's query.
pub use bantin_model::routes::encode_component;

/// The Facebook share dialog for an address.
pub fn facebook_share(url: &str) -> String {
    format!(
        "https://www.facebook.com/sharer/sharer.php?u={}",
        encode_component(url)
    )
}

/// The Zalo share page for an address (what Zalo's own button opens, as a
/// plain link: no third-party script runs on the portal).
pub fn zalo_share(url: &str) -> String {
    format!(
        "https://button-share.zalo.me/share_external?layout=1&color=blue&customize=false&href={}",
        encode_component(url)
    )
}

/// The share controls of an article at `url` (its public address).
#[component]
pub fn ShareBar(
    /// The article's public address.
    url: String,
    /// The article's title, for the share sheet.
    title: String,
) -> impl IntoView {
    let ui = use_ui();
    // The share-sheet button exists only where the browser has one: known
    // once the page is live, never in the prerendered HTML.
    let can_share = RwSignal::new(false);
    Effect::new(move |_| can_share.set(browser::can_share()));
    let status = RwSignal::new("");
    let copy_url = url.clone();
    let copy = move |_| {
        let text = browser::current_url().unwrap_or_else(|| copy_url.clone());
        leptos::task::spawn_local(async move {
            let copied = browser::copy_text(text).await;
            status.set(if copied {
                ui.link_copied
            } else {
                ui.copy_failed
            });
        });
    };
    let share_url = url.clone();
    let share = move |_| {
        let (title, url) = (title.clone(), share_url.clone());
        leptos::task::spawn_local(browser::share(title, url));
    };
    view! {
        <div class="share-bar" role="group" aria-label=ui.share>
            <button type="button" class="tool-button" on:click=copy>{ui.copy_link}</button>
            <Show when=move || can_share.get()>
                <button type="button" class="tool-button" on:click=share.clone()>
                    {ui.share_native}
                </button>
            </Show>
            <a class="tool-button" href=facebook_share(&url) rel="noopener noreferrer" target="_blank">
                "Facebook"
            </a>
            <a class="tool-button" href=zalo_share(&url) rel="noopener noreferrer" target="_blank">
                "Zalo"
            </a>
            <button type="button" class="tool-button" on:click=move |_| browser::print()>
                {ui.print}
            </button>
            <span class="share-status" role="status">{move || status.get()}</span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_links_carry_the_encoded_address() {
        let url = "https://hoalam.example.gov.vn/tin-tuc/a?b=c&d";
        assert_eq!(
            facebook_share(url),
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fhoalam.example.gov.vn%2Ftin-tuc%2Fa%3Fb%3Dc%26d"
        );
        assert!(zalo_share(url)
            .ends_with("&href=https%3A%2F%2Fhoalam.example.gov.vn%2Ftin-tuc%2Fa%3Fb%3Dc%26d"));
        assert_eq!(encode_component("Đ"), "%C4%90");
    }
}
