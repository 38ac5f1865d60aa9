//! Every page as the reader gets it: rendered by the app's components
//! ([`prerender`]) into the app's shell with its styles in one block
//! ([`styles`]) and the feed links in its head, its inline scripts moved
//! into files for the CSP ([`csp`]), and a record of what each page was
//! made from ([`page_record`]), so the next build keeps the pages none of
//! whose inputs changed.

use crate::files::OutputFile;
use crate::load::content::Content;
use crate::make::app_files::AppFiles;
use crate::make::bundles::Shipped;
use crate::make::page_record::{self, PageInputs, PageRecord};
use crate::make::prerender;
use crate::make::{base_path, csp, feeds, offline, styles, MakeError};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// The template every page is rendered into, and what all pages share.
pub(crate) struct Template {
    /// `index.html` with the styles' block (a placeholder until a page is
    /// written, see [`styles::complete`]) and the search worker's address.
    html: String,
    /// The feed links, then `</head>`.
    feed_links: String,
    /// `'sha256-…'` of the styles' block, for the CSP.
    pub style_hash: Option<String>,
    /// What takes the placeholder's place when a page is written.
    pub css: String,
    /// Fingerprint of what every page is made from besides its bundles:
    /// this program, the template, the feed links.
    shared: u64,
}

impl Template {
    /// Made from the app's `index.html` and stylesheets.
    pub(crate) fn new(loaded: &Content, files: &AppFiles) -> Result<Self, MakeError> {
        let index_html = files
            .text("index.html")
            .ok_or_else(|| MakeError::Template("the app has no index.html".into()))?;
        let styles::Inlined {
            html: index_html,
            hash: style_hash,
            css,
        } = styles::inline(&index_html, &|name| files.text(name));
        let html = base_path::shell(
            &offline::announce(&files.shell(&index_html)),
            &loaded.site.base_path,
        );
        let feed_links = format!("{}</head>", feeds::head_links(loaded));
        let shared = page_record::shared_fingerprint(&[
            &page_record::program_identity(),
            html.as_bytes(),
            feed_links.as_bytes(),
        ]);
        Ok(Template {
            html,
            feed_links,
            style_hash,
            css,
            shared,
        })
    }
}

/// One page as a build writes it, rendered when asked for (the preview).
pub(crate) struct OnePage {
    /// The page's bytes.
    pub html: Vec<u8>,
    /// The script files it names.
    pub scripts: Vec<OutputFile>,
    /// The bundle addresses it read.
    pub reads: Vec<String>,
}

/// Renders `route` as a build would (`hydrate` false for the not-found
/// page, which renders any address).
pub(crate) fn one(
    loaded: &Content,
    template: &Template,
    shipped: &Arc<Shipped>,
    route: &str,
    hydrate: bool,
) -> Result<OnePage, MakeError> {
    let shell =
        bantin::prerender::Shell::from_index_html(&template.html).map_err(MakeError::Template)?;
    bantin::api::provide_prerender_bundles(shipped.clone());
    bantin::prerender::init();
    let (html, reads) = std::panic::catch_unwind(|| {
        bantin::prerender::render_page_recorded(&shell, route, hydrate)
    })
    .map_err(|_| MakeError::Render)?;
    let (html, scripts) = csp::externalize_scripts(&html, &loaded.site.base_path);
    let html = html.replacen("</head>", &template.feed_links, 1);
    let html = styles::complete(html.as_bytes(), &template.css).into_owned();
    Ok(OnePage {
        html,
        scripts,
        reads,
    })
}

/// The pages of one build.
pub(crate) struct Made {
    /// The pages rendered and the script files taken out of them.
    pub files: Vec<OutputFile>,
    /// The 404 page's scripts: the service worker precaches them with it.
    pub shell_scripts: Vec<String>,
    /// What every page of the new site was made from.
    pub record: PageRecord,
    /// Pages rendered by this build.
    pub rendered: usize,
    /// Pages kept from the site replaced.
    pub reused: usize,
}

/// Renders every page whose inputs changed since `record` (the replaced
/// site's); `fresh` holds the bundle addresses this build wrote anew. A
/// page that did not change, and each of its scripts, is offered to
/// `reuse`, which puts the replaced site's file in place (false: it could
/// not, and the page is rendered).
pub(crate) fn make(
    loaded: &Content,
    template: &Template,
    shipped: &Arc<Shipped>,
    record: Option<&PageRecord>,
    fresh: &HashSet<String>,
    reuse: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Made, MakeError> {
    let take = |path: &str| {
        record
            .and_then(|record| {
                record.unchanged(template.shared, path, fresh, |address| {
                    shipped.contains(address)
                })
            })
            .is_some_and(|inputs| inputs.scripts.iter().all(|file| reuse(file)) && reuse(path))
    };
    let rendered = prerender::pages(loaded, &template.html, shipped, &take)?;
    // Strict CSP: every inline script becomes a file.
    let mut files = Vec::with_capacity(rendered.rendered.len() * 2);
    let mut scripts = BTreeMap::new();
    let mut shell_scripts = Vec::new();
    let mut record_pages = HashMap::new();
    for page in rendered.rendered {
        let Ok(html) = String::from_utf8(page.bytes) else {
            return Err(MakeError::NotUtf8 { path: page.path });
        };
        let (html, moved) = csp::externalize_scripts(&html, &loaded.site.base_path);
        let html = html.replacen("</head>", &template.feed_links, 1);
        let reads = rendered.reads.get(&page.path).cloned().unwrap_or_default();
        let inputs = PageInputs {
            reads: reads
                .into_iter()
                .map(|address| {
                    let found = shipped.contains(&address);
                    (address, found)
                })
                .collect(),
            scripts: moved.iter().map(|file| file.path.clone()).collect(),
        };
        for file in moved {
            if page.path == "404.html" {
                shell_scripts.push(format!("/{}", file.path));
            }
            scripts.entry(file.path).or_insert(file.bytes);
        }
        record_pages.insert(page.path.clone(), inputs);
        files.push(OutputFile {
            path: page.path,
            bytes: html.into_bytes(),
        });
    }
    let (rendered_count, reused) = (files.len(), rendered.taken.len());
    for path in rendered.taken {
        if let Some(inputs) = record.and_then(|r| r.pages.get(&path)) {
            record_pages.insert(path, inputs.clone());
        }
    }
    files.extend(
        scripts
            .into_iter()
            .map(|(path, bytes)| OutputFile { path, bytes }),
    );
    Ok(Made {
        files,
        shell_scripts,
        record: PageRecord {
            // Known once the site is in place.
            site: None,
            shared: template.shared,
            pages: record_pages,
        },
        rendered: rendered_count,
        reused,
    })
}
