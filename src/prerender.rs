//! Build-time rendering: the very components the browser runs, rendered
//! natively to one HTML file per route, with the data the browser needs to
//! hydrate them. Readers see content before the WASM arrives (or without
//! JavaScript at all), and the app takes over without redrawing.

use crate::{App, PRERENDERED_MARK};
use futures::StreamExt;
use hydration_context::{SharedContext, SsrSharedContext};
use leptos::prelude::*;
use leptos::reactive::owner::Owner;
use leptos_router::location::RequestUrl;
use std::sync::Arc;

/// Where each page's head tags go (`PageHead`).
const HEAD_MARKER: &str = "<!--HEAD-->";

/// Trunk's `index.html`, cut where each page's rendering goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shell {
    /// Everything up to the end of the `<body …>` tag, without the
    /// template's `<title>` (each page gets its own).
    head: String,
    /// `</body>` and what follows.
    tail: String,
    /// Trunk's preloads of the app's glue and WASM, without their
    /// `integrity` (the loader's `fetch` of the WASM has none, and a
    /// preload is used only by a request that asks for the same). Only
    /// pages that start the app at once carry them.
    preloads: String,
    /// The site's base path, from the shell's `<meta name="bantin-base">`
    /// (see [`crate::base`]): `""` at the host's root.
    base: String,
}

impl Shell {
    /// Cuts an app shell. The body's own content (the "needs JavaScript"
    /// note) is dropped: prerendered pages do not need it.
    pub fn from_index_html(html: &str) -> Result<Shell, String> {
        let body_start = html
            .find("<body")
            .ok_or("the app's index.html has no <body>")?;
        let body_open_end = html[body_start..]
            .find('>')
            .map(|i| body_start + i + 1)
            .ok_or("the app's index.html has an unclosed <body> tag")?;
        let body_end = html
            .rfind("</body>")
            .ok_or("the app's index.html has no </body>")?;
        if body_end < body_open_end {
            return Err("the app's index.html has </body> before <body>".into());
        }
        let mut head = html[..body_open_end].to_string();
        if let (Some(start), Some(end)) = (head.find("<title>"), head.find("</title>")) {
            if start < end {
                head.replace_range(start..end + "</title>".len(), "");
            }
        }
        // A prerendered page is readable before the app arrives: let its
        // styles and pictures have the bandwidth first, and fetch the app
        // when the loader asks for it.
        let mut preloads = String::new();
        for preload in ["<link rel=\"preload\"", "<link rel=\"modulepreload\""] {
            while let Some(start) = head.find(preload) {
                match head[start..].find('>') {
                    Some(end) => {
                        // Low priority: on the search page the worker's
                        // files and the index, a chain of round trips,
                        // must not wait behind the app's big WASM.
                        let tag = without_integrity(&head[start..start + end + 1]).replacen(
                            " as=\"fetch\"",
                            " as=\"fetch\" fetchpriority=\"low\"",
                            1,
                        );
                        preloads.push_str(&tag);
                        head.replace_range(start..start + end + 1, "");
                    }
                    None => break,
                }
            }
        }
        // Each page's title and meta tags go after this marker, where the
        // browser app looks for them when it takes over.
        if !head.contains(HEAD_MARKER) {
            let head_end = head
                .find("</head>")
                .ok_or("the app's index.html has no </head>")?;
            head.insert_str(head_end, HEAD_MARKER);
        }
        let base = meta_content(&head, crate::base::META_NAME)
            .map(crate::base::normalise)
            .unwrap_or_default();
        Ok(Shell {
            head,
            tail: html[body_end..].to_string(),
            preloads,
            base,
        })
    }

    /// The shell's head with `<body` marked as holding a prerendered page.
    /// A page the app starts on at once (`starts_app`) fetches the app's
    /// files as soon as its head is read, not when its loader runs.
    fn head(&self, hydrate: bool, starts_app: bool) -> String {
        let mut head = if hydrate {
            self.head
                .replacen("<body", &format!("<body {PRERENDERED_MARK}"), 1)
        } else {
            self.head.clone()
        };
        if starts_app {
            head = head.replacen(HEAD_MARKER, &format!("{}{HEAD_MARKER}", self.preloads), 1);
        }
        head
    }
}

/// The `content` of `<meta name="{name}" content="…">` in `html`, as the
/// bundler writes it (no entities in it: a base path has none).
fn meta_content<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let (_, rest) = html.split_once(&format!("<meta name=\"{name}\" content=\""))?;
    rest.split_once('"').map(|(content, _)| content)
}

/// A tag without its `integrity="…"` attribute.
fn without_integrity(tag: &str) -> String {
    match tag.find(" integrity=\"") {
        Some(start) => match tag[start + " integrity=\"".len()..].find('"') {
            Some(end) => {
                let after = start + " integrity=\"".len() + end + 1;
                format!("{}{}", &tag[..start], &tag[after..])
            }
            None => tag.to_string(),
        },
        None => tag.to_string(),
    }
}

/// Writes Leptos's hydration markers `<!>` as `<!---->`: the same empty
/// comment to a browser, but valid HTML (the short form is a parse error).
/// Only markers where a tag may start are touched, never text inside an
/// attribute value.
pub fn tidy_markers(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 50);
    let mut in_tag = false;
    let mut quote: Option<char> = None;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if !in_tag && rest.starts_with("<!>") {
            out.push_str("<!---->");
            rest = &rest[3..];
            continue;
        }
        match (in_tag, quote, c) {
            (false, _, '<') => in_tag = true,
            (true, None, '"' | '\'') => quote = Some(c),
            (true, Some(q), _) if c == q => quote = None,
            (true, None, '>') => in_tag = false,
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

thread_local! {
    /// The tasks a render spawns, run on the rendering thread.
    static POOL: std::cell::RefCell<futures::executor::LocalPool> =
        std::cell::RefCell::new(futures::executor::LocalPool::new());
    static SPAWNER: futures::executor::LocalSpawner =
        POOL.with(|pool| pool.borrow().spawner());
}

/// Runs every task on the thread that renders, in the order spawned. The
/// browser runs the app on one thread too, so data and hydration markers
/// get the same ids on both sides: a thread pool would number them in
/// whatever order its threads finish, and hydration would then fail.
struct OneThread;

impl any_spawner::CustomExecutor for OneThread {
    fn spawn(&self, future: any_spawner::PinnedFuture<()>) {
        self.spawn_local(future);
    }

    fn spawn_local(&self, future: any_spawner::PinnedLocalFuture<()>) {
        use futures::task::LocalSpawnExt;
        SPAWNER.with(|spawner| {
            // Fails only once the pool is gone, at thread exit.
            let _ = spawner.spawn_local(future);
        });
    }

    fn poll_local(&self) {}
}

/// Starts the executor that resolves data while rendering. Safe to call
/// more than once.
pub fn init() {
    let _ = any_spawner::Executor::init_custom_executor(OneThread);
}

/// [`render_page`], run to completion on this thread with every task it
/// spawns.
pub fn render_page_blocking(shell: &Shell, path: &str, hydrate: bool) -> String {
    // The spawner is made from the pool, so it must exist before the pool
    // is busy running.
    SPAWNER.with(|_| ());
    POOL.with(|pool| {
        pool.borrow_mut()
            .run_until(render_page(shell, path, hydrate))
    })
}

/// [`render_page_blocking`], and the addresses of every bundle the page
/// asked for (found or not): all it is made from besides the shell and
/// this program.
pub fn render_page_recorded(shell: &Shell, path: &str, hydrate: bool) -> (String, Vec<String>) {
    crate::api::take_prerender_reads();
    let page = render_page_blocking(shell, path, hydrate);
    (page, crate::api::take_prerender_reads())
}

/// Renders one route to a whole HTML page. With `hydrate`, the browser app
/// attaches to the page; without (the 404 page, served for any unknown
/// address), it renders the address it finds itself.
pub async fn render_page(shell: &Shell, path: &str, hydrate: bool) -> String {
    let shared: Arc<dyn SharedContext + Send + Sync> = Arc::new(SsrSharedContext::new());
    let owner = Owner::new_root(Some(Arc::clone(&shared)));
    crate::base::set(&shell.base);
    crate::components::page_head::take_head();
    let path = crate::base::at_base(&shell.base, path);
    let body = owner
        .with(|| {
            provide_context(RequestUrl::new(&path));
            view! { <App /> }.to_html_stream_in_order()
        })
        .collect::<String>()
        .await;
    let body = tidy_markers(&body);
    let mut data = String::new();
    if hydrate {
        if let Some(mut chunks) = shared.pending_data() {
            while let Some(chunk) = chunks.next().await {
                data.push_str("<script>");
                data.push_str(&chunk);
                data.push_str("</script>");
            }
        }
    }
    // The loader's rule (app_start.js): the app starts at once on a page
    // without hydration data or with a view that needs it.
    let starts_app = !hydrate || body.contains("data-needs-app");
    let head = shell.head(hydrate, starts_app).replacen(
        HEAD_MARKER,
        &format!("{HEAD_MARKER}{}", crate::components::page_head::take_head()),
        1,
    );
    let page = format!("{head}{body}{data}{}", shell.tail);
    owner.unset();
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "<!DOCTYPE html><html lang=\"vi\"><head><title>T</title><script type=\"module\">x</script><link rel=\"modulepreload\" href=\"/a.js\"><link rel=\"preload\" href=\"/a.wasm\" integrity=\"sha384-x\" as=\"fetch\"></head><body class=\"a\">\n<noscript>js</noscript>\n</body></html>";

    #[test]
    fn the_shell_is_cut_around_the_body_without_its_title_or_noscript() -> Result<(), String> {
        let shell = Shell::from_index_html(INDEX)?;
        assert_eq!(
            shell.head(false, false),
            "<!DOCTYPE html><html lang=\"vi\"><head><script type=\"module\">x</script><!--HEAD--></head><body class=\"a\">"
        );
        assert!(shell
            .head(true, false)
            .ends_with("<body data-prerendered class=\"a\">"));
        assert_eq!(shell.tail, "</body></html>");
        Ok(())
    }

    #[test]
    fn only_a_page_that_starts_the_app_at_once_preloads_it() -> Result<(), String> {
        let shell = Shell::from_index_html(INDEX)?;
        assert!(!shell.head(true, false).contains("preload"));
        assert!(shell.head(true, true).contains(
            "<link rel=\"preload\" href=\"/a.wasm\" as=\"fetch\" fetchpriority=\"low\"><link rel=\"modulepreload\" href=\"/a.js\"><!--HEAD-->"
        ));
        Ok(())
    }

    #[test]
    fn hydration_markers_become_valid_comments_but_attribute_text_stays() {
        assert_eq!(
            tidy_markers("<ul><li>a</li><!></ul><!><p title=\"<!>\">x</p>"),
            "<ul><li>a</li><!----></ul><!----><p title=\"<!>\">x</p>"
        );
    }

    #[test]
    fn a_page_without_a_body_is_refused() {
        assert!(Shell::from_index_html("<html><head></head></html>").is_err());
    }
}
