//! The switch between the Vietnamese and English interface. Content stays
//! in the language it was written in; the choice is kept for next visits.

use crate::browser;
use crate::i18n::{use_lang, use_ui, Lang};
use leptos::prelude::*;

/// Where the chosen language is kept between visits.
pub const STORAGE_KEY: &str = "bantin.lang";

/// Switches the page to `lang` and remembers it.
pub fn choose_lang(setting: RwSignal<Lang>, lang: Lang) {
    setting.set(lang);
    browser::store(STORAGE_KEY, lang.tag());
    browser::set_document_lang(lang.tag());
}

/// The language the reader chose on an earlier visit.
pub fn stored_lang() -> Option<Lang> {
    browser::stored(STORAGE_KEY).and_then(|tag| Lang::from_tag(&tag))
}

/// The button that offers the other language, named in that language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let setting = use_lang();
    let ui = use_ui();
    let other = setting.get_untracked().other();
    view! {
        <button
            type="button"
            class="language-switch"
            lang=other.tag()
            title=ui.language_switch
            on:click=move |_| choose_lang(setting, other)
        >
            {ui.language_name}
        </button>
    }
}
