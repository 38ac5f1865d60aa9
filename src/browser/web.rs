//! The browser's side of [`crate::browser`]: each function does what it
//! says through `web_sys`.

/// The `content` of the page's `<meta name="…">`, if it has one.
pub fn meta_content(name: &str) -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??
        .get_attribute("content")
}

/// Reads a stored preference; `None` when unset or storage is blocked.
pub fn stored(key: &str) -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    storage.get_item(key).ok()?
}

/// Stores a preference for the next visit; silently skipped when storage
/// is blocked (private windows), since nothing depends on it.
pub fn store(key: &str, value: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.set_item(key, value);
    }
}

/// The `id` of the element with the keyboard focus, if it has one: the
/// reader may have entered a box before the app ran.
pub fn focused_id() -> Option<String> {
    let id = leptos::prelude::document().active_element()?.id();
    (!id.is_empty()).then_some(id)
}

/// Sets `<html lang>`, so screen readers and hyphenation follow the UI.
pub fn set_document_lang(tag: &str) {
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("lang", tag);
    }
}

/// The address of the page being read.
pub fn current_url() -> Option<String> {
    web_sys::window()?.location().href().ok()
}

/// The path of the page being read from the site's root (see
/// [`crate::base`]), percent-decoded (`/tin-tuc/hội-nghị`).
pub fn current_path() -> Option<String> {
    let path = web_sys::window()?.location().pathname().ok()?;
    let path = String::from(js_sys::decode_uri_component(&path).ok()?);
    Some(crate::base::within(&path).unwrap_or(path))
}

/// Scrolls the main menu sideways, where it scrolls (one row on a
/// phone), so its item for the page shown is in view. Only the menu moves,
/// never the page.
pub fn reveal_current_menu_item() {
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

fn navigator_method(name: &str) -> Option<(wasm_bindgen::JsValue, js_sys::Function)> {
    use wasm_bindgen::JsCast;
    let navigator: wasm_bindgen::JsValue = web_sys::window()?.navigator().into();
    let method = js_sys::Reflect::get(&navigator, &name.into()).ok()?;
    Some((navigator, method.dyn_into().ok()?))
}

/// Whether the device has a share sheet (Web Share API).
pub fn can_share() -> bool {
    navigator_method("share").is_some()
}

/// Opens the device's share sheet for an address.
pub async fn share(title: String, url: String) {
    if let Some((navigator, share)) = navigator_method("share") {
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
        if let Ok(promise) = share.call1(&navigator, &data) {
            // A reader closing the sheet rejects the promise: not an error.
            let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await;
        }
    }
}

/// Copies text to the clipboard; false when the browser refused.
pub async fn copy_text(text: String) -> bool {
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

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Whether the browser has a voice for Vietnamese; the read-aloud button
/// exists only where one does.
pub fn has_vietnamese_voice() -> bool {
    vietnamese_voice().is_some()
}

/// Looks through the voice list by each voice's `lang` alone, so any
/// voice-like object will do (browsers differ; tests stand one in).
fn vietnamese_voice() -> Option<wasm_bindgen::JsValue> {
    let synth = web_sys::window()?.speech_synthesis().ok()?;
    synth.get_voices().iter().find(|voice| {
        js_sys::Reflect::get(voice, &"lang".into())
            .ok()
            .and_then(|lang| lang.as_string())
            .is_some_and(|lang| crate::components::read_aloud::is_vietnamese_voice(&lang))
    })
}

/// Runs `then` when the browser's voice list changes (voices load late),
/// until the component that asked goes away.
pub fn on_voices_changed(then: impl Fn() + 'static) {
    if let Some(Ok(synth)) = web_sys::window().map(|w| w.speech_synthesis()) {
        let callback = wasm_bindgen::closure::Closure::<dyn Fn()>::new(then);
        let _ = synth.add_event_listener_with_callback(
            "voiceschanged",
            wasm_bindgen::JsCast::unchecked_ref(callback.as_ref()),
        );
        let listening = send_wrapper::SendWrapper::new((synth, callback));
        leptos::prelude::on_cleanup(move || {
            let (synth, callback) = listening.take();
            let _ = synth.remove_event_listener_with_callback(
                "voiceschanged",
                wasm_bindgen::JsCast::unchecked_ref(callback.as_ref()),
            );
        });
    }
}

/// Reads text aloud in a Vietnamese voice; `on_end` runs when it stops.
pub fn speak(text: &str, on_end: impl Fn() + 'static) {
    let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else {
        return;
    };
    let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) else {
        return;
    };
    // The browser picks its voice for the language.
    utterance.set_lang(super::SPEECH_LANG);
    // Freed once it has run: an utterance ends once, finished or stopped.
    let ended = wasm_bindgen::closure::Closure::once_into_js(on_end);
    utterance.set_onend(Some(wasm_bindgen::JsCast::unchecked_ref(&ended)));
    synth.cancel();
    synth.speak(&utterance);
}

/// Stops reading aloud.
pub fn stop_speaking() {
    if let Some(Ok(synth)) = web_sys::window().map(|w| w.speech_synthesis()) {
        synth.cancel();
    }
}

/// Loads the page again from the network.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
