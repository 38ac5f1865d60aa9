//! The build-time renderer's side of [`crate::browser`]: no storage, no
//! device, no speech. Pages are rendered as a first visit on a browser
//! that has none of them would show them.

/// No page is read at build time: the renderer is told what it needs.
pub fn meta_content(_name: &str) -> Option<String> {
    None
}

/// Nothing is stored at build time.
pub fn stored(_key: &str) -> Option<String> {
    None
}

/// Nowhere to store at build time.
pub fn store(_key: &str, _value: &str) {}

/// No focus at build time.
pub fn focused_id() -> Option<String> {
    None
}

/// The renderer writes `<html lang>` itself.
pub fn set_document_lang(_tag: &str) {}

/// No address is being read at build time.
pub fn current_url() -> Option<String> {
    None
}

/// No address is being read at build time.
pub fn current_path() -> Option<String> {
    None
}

/// Nothing scrolls at build time.
pub fn reveal_current_menu_item() {}

/// No share sheet at build time.
pub fn can_share() -> bool {
    false
}

/// No share sheet at build time.
pub async fn share(_title: String, _url: String) {}

/// No clipboard at build time.
pub async fn copy_text(_text: String) -> bool {
    false
}

/// No printer at build time.
pub fn print() {}

/// No voices at build time.
pub fn has_vietnamese_voice() -> bool {
    false
}

/// No voices at build time.
pub fn on_voices_changed(_then: impl Fn() + 'static) {}

/// No voices at build time.
pub fn speak(_text: &str, _on_end: impl Fn() + 'static) {}

/// No voices at build time.
pub fn stop_speaking() {}

/// Nothing to reload at build time.
pub fn reload() {}
