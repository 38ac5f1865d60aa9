//! The document title: "<page> | <portal name>", updated once the site
//! bundle arrives.

use crate::site_context::use_site;
use leptos::prelude::*;
use leptos_meta::Title;

/// Joins a page's own title with the portal name.
pub fn compose_title(page: &str, site_name: &str) -> String {
    match (page.is_empty(), site_name.is_empty()) {
        (true, _) => site_name.to_string(),
        (false, true) => page.to_string(),
        (false, false) => format!("{page} | {site_name}"),
    }
}

/// Sets the document title for the current page; empty for the home page.
#[component]
pub fn PageTitle(
    /// The page's own title.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    let site = use_site();
    view! {
        <Suspense>
            {move || {
                let text = text.clone();
                Suspend::new(async move {
                    let name = site.await.map(|site| site.name).unwrap_or_default();
                    view! { <Title text=compose_title(&text, &name) /> }
                })
            }}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_the_page_then_the_portal() {
        assert_eq!(
            compose_title("Tin tức", "Cổng Hòa Lâm"),
            "Tin tức | Cổng Hòa Lâm"
        );
        assert_eq!(compose_title("", "Cổng Hòa Lâm"), "Cổng Hòa Lâm");
        assert_eq!(compose_title("Tin tức", ""), "Tin tức");
    }
}
