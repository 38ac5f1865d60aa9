//! Everything the app asks of the browser beyond the page itself: stored
//! preferences, clipboard and share sheet, speech, focus and scroll.
//!
//! Each function works in the browser and does nothing (or answers "not
//! available") when the views render natively at build time, so views call
//! them freely and the prerendered HTML never depends on them.

/// Reads a stored preference; `None` when unset or storage is blocked.
pub fn stored(key: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let storage = web_sys::window()?.local_storage().ok()??;
        storage.get_item(key).ok()?
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = key;
        None
    }
}

/// Stores a preference for the next visit; silently skipped when storage
/// is blocked (private windows), since nothing depends on it.
pub fn store(key: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.set_item(key, value);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (key, value);
}

/// The `id` of the element with the keyboard focus, if it has one: the
/// reader may have entered a box before the app ran.
pub fn focused_id() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let id = leptos::prelude::document().active_element()?.id();
        (!id.is_empty()).then_some(id)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// Sets `<html lang>`, so screen readers and hyphenation follow the UI.
pub fn set_document_lang(tag: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("lang", tag);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = tag;
}

/// The address of the page being read.
pub fn current_url() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()?.location().href().ok()
    }
    #[cfg(not(target_arch = "wasm32"))]
    None
}

/// The path of the page being read, percent-decoded (`/tin-tuc/hội-nghị`).
pub fn current_path() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let path = web_sys::window()?.location().pathname().ok()?;
        js_sys::decode_uri_component(&path).ok().map(String::from)
    }
    #[cfg(not(target_arch = "wasm32"))]
    None
}

/// Scrolls the main menu sideways, where it scrolls (one row on a
/// phone), so its item for the page shown is in view. Only the menu moves,
/// never the page.
pub fn reveal_current_menu_item() {
    #[cfg(target_arch = "wasm32")]
    {
        let document = leptos::prelude::document();
        let (Ok(Some(list)), Ok(Some(item))) = (
            document.query_selector(".main-menu ul"),
            document.query_selector(".main-menu [aria-current]"),
        ) else {
            return;
        };
        let (row, shown) = (
            list.get_bounding_client_rect(),
            item.get_bounding_client_rect(),
        );
        if shown.left() < row.left() || shown.right() > row.right() {
            // Centred in the row, with its neighbours on both sides.
            let by = shown.left() - row.left() - (row.width() - shown.width()) / 2.0;
            list.set_scroll_left(list.scroll_left() + by as i32);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn navigator_method(name: &str) -> Option<(wasm_bindgen::JsValue, js_sys::Function)> {
    use wasm_bindgen::JsCast;
    let navigator: wasm_bindgen::JsValue = web_sys::window()?.navigator().into();
    let method = js_sys::Reflect::get(&navigator, &name.into()).ok()?;
    Some((navigator, method.dyn_into().ok()?))
}

/// Whether the device has a share sheet (Web Share API).
pub fn can_share() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        navigator_method("share").is_some()
    }
    #[cfg(not(target_arch = "wasm32"))]
    false
}

/// Opens the device's share sheet for an address.
pub async fn share(title: String, url: String) {
    #[cfg(target_arch = "wasm32")]
    if let Some((navigator, share)) = navigator_method("share") {
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
        if let Ok(promise) = share.call1(&navigator, &data) {
            // A reader closing the sheet rejects the promise: not an error.
            let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await;
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (title, url);
}

/// Copies text to the clipboard; false when the browser refused.
pub async fn copy_text(text: String) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(window) = web_sys::window() else {
            return false;
        };
        let navigator: wasm_bindgen::JsValue = window.navigator().into();
        let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
            return false;
        };
        let Some(write) = js_sys::Reflect::get(&clipboard, &"writeText".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        else {
            return false;
        };
        match write.call1(&clipboard, &text.into()) {
            Ok(promise) => wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise))
                .await
                .is_ok(),
            Err(_) => false,
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = text;
        false
    }
}

/// Opens the browser's print dialog.
pub fn print() {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// The language tag speech should use for Vietnamese text.
pub const SPEECH_LANG: &str = "vi-VN";

/// Whether the browser has a voice for Vietnamese; the read-aloud button
/// exists only where one does.
pub fn has_vietnamese_voice() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        vietnamese_voice().is_some()
    }
    #[cfg(not(target_arch = "wasm32"))]
    false
}

/// Looks through the voice list by each voice's `lang` alone, so any
/// voice-like object will do (browsers differ; tests stand one in).
#[cfg(target_arch = "wasm32")]
fn vietnamese_voice() -> Option<wasm_bindgen::JsValue> {
    let synth = web_sys::window()?.speech_synthesis().ok()?;
    synth.get_voices().iter().find(|voice| {
        js_sys::Reflect::get(voice, &"lang".into())
            .ok()
            .and_then(|lang| lang.as_string())
            .is_some_and(|lang| crate::components::read_aloud::is_vietnamese_voice(&lang))
    })
}

/// Runs `then` when the browser's voice list changes (voices load late).
pub fn on_voices_changed(then: impl Fn() + 'static) {
    #[cfg(target_arch = "wasm32")]
    if let Some(Ok(synth)) = web_sys::window().map(|w| w.speech_synthesis()) {
        let callback = wasm_bindgen::closure::Closure::<dyn Fn()>::new(then);
        let _ = synth.add_event_listener_with_callback(
            "voiceschanged",
            wasm_bindgen::JsCast::unchecked_ref(callback.as_ref()),
        );
        callback.forget();
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = then;
}

/// Reads text aloud in a Vietnamese voice; `on_end` runs when it stops.
pub fn speak(text: &str, on_end: impl Fn() + 'static) {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else {
            return;
        };
        let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) else {
            return;
        };
        // The browser picks its voice for the language.
        utterance.set_lang(SPEECH_LANG);
        let ended = wasm_bindgen::closure::Closure::<dyn Fn()>::new(on_end);
        utterance.set_onend(Some(wasm_bindgen::JsCast::unchecked_ref(ended.as_ref())));
        ended.forget();
        synth.cancel();
        synth.speak(&utterance);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (text, on_end);
}

/// Stops reading aloud.
pub fn stop_speaking() {
    #[cfg(target_arch = "wasm32")]
    if let Some(Ok(synth)) = web_sys::window().map(|w| w.speech_synthesis()) {
        synth.cancel();
    }
}
