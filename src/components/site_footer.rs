//! The agency footer every state portal must show, from `site.json`.

use crate::components::visitor_counter::VisitorCounter;
use crate::i18n::use_ui;
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

fn labelled(label: &'static str, value: String, href: Option<String>) -> Option<AnyView> {
    (!value.is_empty()).then(|| {
        let value = match href {
            Some(href) => view! { <a href=crate::base::at(&href)>{value}</a> }.into_any(),
            None => value.into_any(),
        };
        view! { <span class="footer-item">{label}": "{value}</span> }.into_any()
    })
}

/// The footer's lines for a loaded site.
#[component]
pub fn FooterDetails(
    /// Footer fields.
    footer: Footer,
) -> impl IntoView {
    let ui = use_ui();
    let phone_href = tel_href(&footer.phone);
    let fax_href = tel_href(&footer.fax);
    let email_href = format!("mailto:{}", footer.email);
    let editorial_phone_href = tel_href(&footer.editorial_phone);
    let editorial_email_href = format!("mailto:{}", footer.editorial_email);
    view! {
        <div class="footer-details">
            <p>
                {labelled(ui.agency, footer.agency, None)}
                {labelled(ui.phone, footer.phone, Some(phone_href))}
                {labelled(ui.fax, footer.fax, Some(fax_href))}
                {labelled(ui.email, footer.email, Some(email_href))}
            </p>
            <p>{labelled(ui.managing_unit, footer.managing_unit, None)}</p>
            {(!footer.licence.is_empty()).then(|| view! { <p>{footer.licence}</p> })}
            <p>
                {labelled(ui.editorial_phone, footer.editorial_phone, Some(editorial_phone_href))}
                {labelled(ui.email, footer.editorial_email, Some(editorial_email_href))}
            </p>
            <p>{labelled(ui.address, footer.address, None)}</p>
            {(!footer.republication_notice.is_empty())
                .then(|| view! { <p class="republication">{footer.republication_notice}</p> })}
        </div>
    }
}

/// Links to the static pages, the site map and other government portals,
/// and the visitor counter.
#[component]
pub fn FooterLinks(
    /// The site bundle.
    site: Site,
) -> impl IntoView {
    let ui = use_ui();
    let pages = site
        .pages
        .into_iter()
        .map(|page| view! { <li><a href=crate::base::at(&routes::page(&page.slug))>{page.title}</a></li> })
        .collect_view();
    let portals = (!site.portals.is_empty()).then(|| {
        let links = site
            .portals
            .into_iter()
            .map(|portal| {
                view! { <li><a href=crate::base::at(&portal.href) rel="noopener noreferrer">{portal.label}</a></li> }
            })
            .collect_view();
        view! {
            <nav class="portals" aria-labelledby="lien-ket-cong">
                <h2 id="lien-ket-cong" class="footer-heading">{ui.portals}</h2>
                <ul>{links}</ul>
            </nav>
        }
    });
    view! {
        <div class="footer-links">
            <ul class="footer-pages">
                {pages}
                <li><a href=crate::base::at(routes::SITE_MAP)>{ui.site_map}</a></li>
            </ul>
            {portals}
            <VisitorCounter source=site.counter />
        </div>
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
                    site.await.ok().map(|site| {
                        let footer = site.footer.clone();
                        view! {
                            <FooterLinks site />
                            <FooterDetails footer />
                        }
                    })
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
