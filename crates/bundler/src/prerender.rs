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
    // Each thread renders a run of routes with its own task pool (see
    // `bantin::prerender`: a page's tasks stay on the thread rendering it),
    // and the runs are put back in route order: the same pages, in the
    // same order, as on one thread.
    let routes = page_routes(content);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per_thread = routes.len().div_ceil(threads).max(1);
    let shell = &shell;
    let runs: Vec<Option<Vec<OutputFile>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = routes
            .chunks(per_thread)
            .map(|run| {
                scope.spawn(move || {
                    run.iter()
                        .map(|route| OutputFile {
                            path: route_file(route),
                            bytes: render_page_blocking(shell, route, true).into_bytes(),
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().ok()).collect()
    });
    let mut pages = Vec::with_capacity(routes.len() + 1);
    for run in runs {
        pages.extend(run.ok_or("rendering a page failed")?);
    }
    let not_found = render_page_blocking(shell, NOT_FOUND_ROUTE, false);
    pages.push(OutputFile {
        path: "404.html".into(),
        bytes: not_found.into_bytes(),
    });
    Ok(pages)
}
