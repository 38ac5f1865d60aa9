//! One HTML file per route, rendered by the app's own components (see
//! `bantin::prerender`), so the site reads before its WASM arrives.

use crate::files::OutputFile;
use crate::load::content::Content;
use crate::make::bundles::{page_routes, route_file, Shipped};
use crate::make::MakeError;
use bantin::prerender::{render_page_recorded, Shell};
use std::collections::HashMap;
use std::sync::Arc;

/// The address the 404 page is rendered at: one no route matches.
const NOT_FOUND_ROUTE: &str = "/404";

/// The pages of one build.
#[derive(Debug, Default)]
pub struct Pages {
    /// The pages rendered, `404.html` last.
    pub rendered: Vec<OutputFile>,
    /// Per rendered page file, every bundle address it asked for.
    pub reads: HashMap<String, Vec<String>>,
    /// Page files `take` put in place instead (unchanged since the site
    /// this build replaces).
    pub taken: Vec<String>,
}

/// What became of one route.
enum Outcome {
    /// Rendered, with the addresses it read.
    Rendered(OutputFile, Vec<String>),
    /// Taken unchanged from the replaced site.
    Taken(String),
}

/// Renders every page of the site into the app shell `index_html`, from the
/// data files the site ships (`data`), plus `404.html` for unknown
/// addresses. A page file `take` puts in place itself (it is unchanged,
/// see `page_record`) is not rendered.
pub fn pages(
    content: &Content,
    index_html: &str,
    data: &Arc<Shipped>,
    take: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Pages, MakeError> {
    let shell = Shell::from_index_html(index_html).map_err(MakeError::Template)?;
    bantin::api::provide_prerender_bundles(data.clone());
    bantin::prerender::init();
    // Each thread renders a run of routes with its own task pool (see
    // `bantin::prerender`: a page's tasks stay on the thread rendering it),
    // and the runs are put back in route order: the same pages, in the
    // same order, as on one thread.
    let routes = page_routes(content);
    let shell = &shell;
    // A page that cannot be rendered is a failed build, not a crash.
    let outcomes = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::cores::map_in_order(&routes, |route| {
            let path = route_file(route);
            if take(&path) {
                return Outcome::Taken(path);
            }
            let (html, reads) = render_page_recorded(shell, route, true);
            let bytes = html.into_bytes();
            Outcome::Rendered(OutputFile { path, bytes }, reads)
        })
    }))
    .map_err(|_| MakeError::Render)?;
    let mut pages = Pages {
        rendered: Vec::with_capacity(routes.len() + 1),
        ..Pages::default()
    };
    for outcome in outcomes {
        match outcome {
            Outcome::Rendered(file, reads) => {
                pages.reads.insert(file.path.clone(), reads);
                pages.rendered.push(file);
            }
            Outcome::Taken(path) => pages.taken.push(path),
        }
    }
    let (not_found, _) = render_page_recorded(shell, NOT_FOUND_ROUTE, false);
    pages.rendered.push(OutputFile {
        path: "404.html".into(),
        bytes: not_found.into_bytes(),
    });
    Ok(pages)
}
