//! When the app starts on a prerendered page: on the reader's first touch,
//! scroll, pointer move or key press, not during the first view; its files
//! are fetched and compiled once the page has loaded and the processor is
//! idle, so the touch only instantiates and hydrates.
//!
//! A reader who follows a link to one article (most readers of a news
//! portal) reads it from the prerendered HTML; fetching and running the
//! WASM during the first view only competes with the article's picture for
//! a slow phone's network and processor. Trunk's loader starts the app at
//! once; [`deferred`] turns it into one that waits (the rules are in
//! `app_start.js`, which also starts the search worker).

const TEMPLATE: &str = include_str!("app_start.js");

/// Trunk's loader rewritten to start the app when the reader first does
/// something. `None` when the loader is not in the shape Trunk writes
/// (`import init, * as bindings from '…';` then code that calls `init`):
/// the caller keeps it as it is, and the app starts at once.
pub fn deferred(trunk_loader: &str) -> Option<String> {
    let rest = trunk_loader
        .trim_start()
        .strip_prefix("import init, * as bindings from ")?;
    let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let (path, rest) = rest[1..].split_once(quote)?;
    let start = rest.strip_prefix(';')?;
    // A path that could end the string or the statement is not Trunk's.
    if !path.starts_with('/') || path.contains(['\\', '\n', '\'', '"']) {
        return None;
    }
    // The WASM compiled while the reader read, if it was: Trunk's
    // `module_or_path: '…_bg.wasm'` takes a compiled module as well.
    let wasm = start
        .split_once("module_or_path: '")
        .and_then(|(_, rest)| rest.split_once('\''))
        .map(|(wasm, _)| wasm)
        .filter(|wasm| wasm.starts_with('/') && !wasm.contains(['\\', '\n', '"']));
    let start = match wasm {
        Some(wasm) => start.replacen(
            &format!("module_or_path: '{wasm}'"),
            &format!("module_or_path: warmed ?? '{wasm}'"),
            1,
        ),
        None => start.to_string(),
    };
    // Trunk's "started" event waits until the page is attached.
    let start = start.replacen(
        "dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\"",
        "await hydrated;\ndispatchEvent(new CustomEvent(\"TrunkApplicationStarted\"",
        1,
    );
    let indented: String = start
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| format!("  {line}\n"))
        .collect();
    Some(
        TEMPLATE
            .replace("__APP_JS__", &format!("'{path}'"))
            .replace(
                "__APP_WASM__",
                &wasm.map_or("null".to_string(), |wasm| format!("'{wasm}'")),
            )
            .replace(
                "__MESSAGE_VERSION__",
                &bantin_model::search::MESSAGE_VERSION.to_string(),
            )
            .replace("__TRUNK_START__\n", &indented),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "\nimport init, * as bindings from '/bantin-web-1.js';\n\
        const wasm = await init({ module_or_path: '/bantin-web-1_bg.wasm' });\n\n\
        window.wasmBindings = bindings;\n\
        dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));\n";

    #[test]
    fn trunks_loader_waits_for_the_reader() {
        let code = deferred(TRUNK).expect("Trunk's shape");
        // Nothing is imported when the file runs: the app's module is
        // imported inside the function that starts it.
        assert!(!code.contains("import init"), "{code}");
        assert!(code.contains("glue ??= import('/bantin-web-1.js');"));
        // The module compiled ahead, if any; else the file as Trunk wrote.
        assert!(code.contains("const APP_WASM = '/bantin-web-1_bg.wasm';"));
        assert!(code.contains(
            "  const wasm = await init({ module_or_path: warmed ?? '/bantin-web-1_bg.wasm' });"
        ));
        assert!(code.contains("WebAssembly.compileStreaming(fetch(APP_WASM))"));
        // The search worker speaks this build's messages.
        assert!(code.contains(&format!(
            "v: {}, id: 0",
            bantin_model::search::MESSAGE_VERSION
        )));
        assert!(code.contains(
            "  await hydrated;\n  dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\""
        ));
        assert!(!code.contains("__"), "{code}");
        let function = code.find("const startApp").expect("startApp");
        let function_ends = function + code[function..].find("\n};\n").expect("startApp closed");
        assert!(code
            .find("window.wasmBindings")
            .is_some_and(|at| at > function && at < function_ends));
    }

    #[test]
    fn other_loaders_are_left_to_start_at_once() {
        assert_eq!(deferred("import init from '/app.js'; await init();"), None);
        assert_eq!(deferred("import init, * as bindings from '/a.js'"), None);
        assert_eq!(
            deferred("import init, * as bindings from '/a.js\\'); evil(); //';"),
            None
        );
        assert_eq!(deferred("console.log(1)"), None);
    }
}
