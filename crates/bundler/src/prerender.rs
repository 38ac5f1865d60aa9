//! One HTML file per route, rendered by the app's own components (see
//! `bantin::prerender`), so the site reads before its WASM arrives.

use crate::bundles::{page_routes, route_file, OutputFile};
use crate::content::Content;
use bantin::prerender::{render_page_blocking, Shell};
use std::collections::HashMap;

/// The address the 404 page is rendered at: one no route matches.
const NOT_FOUND_ROUTE: &str = "/404";

/// Renders every page of the site into the app shell `index_html`, from the
/// data files the site ships (`data`), plus `404.html` for unknown addresses.
pub fn pages(
    content: &Content,
    index_html: &str,
    data: &[OutputFile],
) -> Result<Vec<OutputFile>, String> {
    let shell = Shell::from_index_html(index_html)?;
    let bundles: HashMap<String, String> = data
        .iter()
        .filter_map(|file| {
            let text = String::from_utf8(file.bytes.clone()).ok()?;
            Some((format!("/{}", file.path), text))
        })
        .collect();
    bantin::api::provide_prerender_bundles(bundles);
    bantin::prerender::init();
    let mut pages = Vec::new();
    for route in page_routes(content) {
        let html = render_page_blocking(&shell, &route, true);
        pages.push(OutputFile {
            path: route_file(&route),
            bytes: html.into_bytes(),
        });
    }
    let not_found = render_page_blocking(&shell, NOT_FOUND_ROUTE, false);
    pages.push(OutputFile {
        path: "404.html".into(),
        bytes: not_found.into_bytes(),
    });
    Ok(pages)
}
