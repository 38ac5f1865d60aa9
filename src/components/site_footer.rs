//! The agency footer every state portal must show, from `site.json`.

use crate::components::visitor_counter::VisitorCounter;
use crate::html::Html;
use crate::i18n::{use_ui, Ui};
use crate::site_context::use_site;
use bantin_model::{routes, Footer, Site};
use leptos::prelude::*;

/// Digits and a leading + of a phone number, for a `tel:` link.
pub fn tel_href(phone: &str) -> String {
    let dialable: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{dialable}")
}

/// `label: value` when there is a value, a link when it has an address.
fn labelled(h: &mut Html, label: &str, value: &str, href: Option<String>) {
    if value.is_empty() {
        return;
    }
    h.open("span")
        .attr("class", "footer-item")
        .end()
        .text(label)
        .text(": ");
    match href {
        Some(href) => {
            h.open("a")
                .attr("href", &crate::base::at(&href))
                .end()
                .text(value)
                .close("a");
        }
        None => {
            h.text(value);
        }
    }
    h.close("span");
}

/// The footer's lines for a loaded site: the agency, how to reach it, its
/// licence, its address, the republication notice.
pub fn footer_details(h: &mut Html, footer: &Footer, ui: &Ui) {
    let mail = |address: &str| format!("mailto:{address}");
    h.open("p").end();
    labelled(h, ui.agency, &footer.agency, None);
    labelled(h, ui.phone, &footer.phone, Some(tel_href(&footer.phone)));
    labelled(h, ui.fax, &footer.fax, Some(tel_href(&footer.fax)));
    labelled(h, ui.email, &footer.email, Some(mail(&footer.email)));
    h.close("p").open("p").end();
    labelled(h, ui.managing_unit, &footer.managing_unit, None);
    h.close("p");
    if !footer.licence.is_empty() {
        h.element("p", &footer.licence);
    }
    h.open("p").end();
    let editorial_phone = Some(tel_href(&footer.editorial_phone));
    labelled(
        h,
        ui.editorial_phone,
        &footer.editorial_phone,
        editorial_phone,
    );
    let editorial_email = Some(mail(&footer.editorial_email));
    labelled(h, ui.email, &footer.editorial_email, editorial_email);
    h.close("p").open("p").end();
    labelled(h, ui.address, &footer.address, None);
    h.close("p");
    if !footer.republication_notice.is_empty() {
        h.open("p")
            .attr("class", "republication")
            .end()
            .text(&footer.republication_notice)
            .close("p");
    }
}

/// The links to the static pages and the site map, for
/// `<ul class="footer-pages">`.
pub fn footer_links(h: &mut Html, site: &Site, ui: &Ui) {
    let pages = site
        .pages
        .iter()
        .map(|page| (routes::page(&page.slug), &*page.title));
    for (href, title) in pages.chain([(routes::SITE_MAP.to_string(), ui.site_map)]) {
        h.open("li")
            .end()
            .open("a")
            .attr("href", &crate::base::at(&href))
            .end()
            .text(title)
            .close("a")
            .close("li");
    }
}

/// The links to other government portals, for `<nav class="portals">`.
pub fn portal_links(h: &mut Html, site: &Site, ui: &Ui) {
    h.open("h2")
        .attr("id", "lien-ket-cong")
        .attr("class", "footer-heading")
        .end()
        .text(ui.portals)
        .close("h2")
        .open("ul")
        .end();
    for portal in &site.portals {
        h.open("li")
            .end()
            .open("a")
            .attr("href", &crate::base::at(&portal.href))
            .attr("rel", "noopener noreferrer")
            .end()
            .text(&portal.label)
            .close("a")
            .close("li");
    }
    h.close("ul");
}

/// The footer's content once the site bundle is here.
#[component]
fn FooterContent(site: Site) -> impl IntoView {
    let ui = use_ui();
    let pages = crate::html::write(|h| footer_links(h, &site, ui));
    let portals = (!site.portals.is_empty()).then(|| {
        let links = crate::html::write(|h| portal_links(h, &site, ui));
        view! { <nav class="portals" aria-labelledby="lien-ket-cong" inner_html=links></nav> }
    });
    let details = crate::html::write(|h| footer_details(h, &site.footer, ui));
    view! {
        <div class="footer-links">
            <ul class="footer-pages" inner_html=pages></ul>
            {portals}
            <VisitorCounter source=site.counter />
        </div>
        <div class="footer-details" inner_html=details></div>
    }
}

/// The page footer; empty while the site loads or if it failed (the header
/// already tells the reader).
#[component]
pub fn SiteFooter() -> impl IntoView {
    let site = use_site();
    view! {
        <footer class="site-footer">
            <Transition>
                {move || Suspend::new(async move {
                    site.await.ok().map(|site| view! { <FooterContent site /> })
                })}
            </Transition>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_links_keep_only_what_can_be_dialled() {
        assert_eq!(tel_href("0296.3700100"), "tel:02963700100");
        assert_eq!(tel_href("+84 296 370 0100"), "tel:+842963700100");
    }
}
