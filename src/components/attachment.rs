//! The files an article offers to download.

use crate::i18n::use_ui;
use bantin_model::Attachment;
use leptos::prelude::*;

/// The "Tệp đính kèm" section, when the article has files.
#[component]
pub fn AttachmentList(
    /// The files, in the order the editor gave.
    attachments: Vec<Attachment>,
) -> impl IntoView {
    let ui = use_ui();
    (!attachments.is_empty()).then(|| {
        let html = crate::html::write(|h| {
            h.open("h2").attr("id", "tep-dinh-kem").end().text(ui.attachments);
            h.close("h2").open("ul").end();
            for attachment in &attachments {
                h.open("li").end().attachment(attachment, ui).close("li");
            }
            h.close("ul");
        });
        view! { <section class="attachments" aria-labelledby="tep-dinh-kem" inner_html=html></section> }
    })
}
