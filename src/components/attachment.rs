//! A file to download, with what a reader needs before tapping: its type
//! and its size.

use crate::i18n::{format_size, use_ui, Ui};
use bantin_model::Attachment;
use leptos::prelude::*;

/// "PDF, 47,1 KB" (the size is left out when unknown).
pub fn file_facts(attachment: &Attachment, ui: &Ui) -> String {
    if attachment.size == 0 {
        attachment.format.clone()
    } else {
        format!(
            "{}, {}",
            attachment.format,
            format_size(attachment.size, ui)
        )
    }
}

/// One download link.
#[component]
pub fn AttachmentLink(
    /// The file.
    attachment: Attachment,
) -> impl IntoView {
    let ui = use_ui();
    let facts = file_facts(&attachment, ui);
    view! {
        <p class="attachment">
            <a href=crate::base::at(&attachment.href) download>
                <span class="visually-hidden">{ui.download}": "</span>
                {attachment.title}
            </a>
            " "
            <span class="attachment-facts">{format!("({facts})")}</span>
        </p>
    }
}

/// The files of an article, after its body.
#[component]
pub fn AttachmentList(
    /// The files.
    attachments: Vec<Attachment>,
) -> impl IntoView {
    let ui = use_ui();
    (!attachments.is_empty()).then(|| {
        let items = attachments
            .into_iter()
            .map(|attachment| view! { <li><AttachmentLink attachment /></li> })
            .collect_view();
        view! {
            <section class="attachments" aria-labelledby="tep-dinh-kem">
                <h2 id="tep-dinh-kem">{ui.attachments}</h2>
                <ul>{items}</ul>
            </section>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::VI;

    #[test]
    fn facts_give_type_and_size() {
        let mut attachment = Attachment {
            href: "/media/a.pdf".into(),
            title: "Báo cáo".into(),
            format: "PDF".into(),
            size: 48_213,
        };
        assert_eq!(file_facts(&attachment, &VI), "PDF, 47,1 KB");
        attachment.size = 0;
        assert_eq!(file_facts(&attachment, &VI), "PDF");
    }
}
