//! Injection-proof by construction: the app turns no string into markup
//! except the text of its own escaping writer (`src/html.rs`, which takes
//! content only through `text` and `attr`, and tag and attribute names only
//! as literals). Leptos renders an HTML string only through `inner_html`
//! (or a `set_inner_html` / `outer_html` call on an element): every use
//! must take the writer's text, so a payload in content can only ever be
//! text.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// `inner_html=NAME` with `let NAME = crate::html::write(` (or, for text
/// written again when something changes, `let NAME = move ||
/// crate::html::write(`, braces allowed) in the same file: the text comes
/// from the escaping writer, nothing else.
fn written_by_the_escaping_writer(text: &str, line: &str) -> bool {
    let Some((_, rest)) = line.split_once("inner_html=") else {
        return false;
    };
    let name: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let written = ["", "move||", "move||{"]
        .map(|reactive| format!("let{name}={reactive}crate::html::write("));
    !name.is_empty() && written.iter().any(|form| text.contains(form.as_str()))
}

#[test]
fn no_source_file_of_the_app_renders_an_html_string() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 20, "the app's sources were not found");
    let forbidden = [
        "inner_html",
        "outer_html",
        "insert_adjacent_html",
        "document.write",
    ];
    let mut offences = Vec::new();
    let mut written = 0;
    for file in &files {
        let text = fs::read_to_string(file).expect("a readable source file");
        for (number, line) in text.lines().enumerate() {
            if written_by_the_escaping_writer(&text, line) {
                written += 1;
                continue;
            }
            for word in forbidden {
                if line.contains(word) {
                    offences.push(format!("{}:{}: {word}", file.display(), number + 1));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "HTML strings rendered:\n{}",
        offences.join("\n")
    );
    assert!(written > 0, "the writer's text is used by no element");
}

#[test]
fn only_the_writers_own_text_is_taken_for_markup() {
    let text = "let html = crate::html::write(|h| { h.text(&x); });";
    assert!(written_by_the_escaping_writer(
        text,
        "<div inner_html=html></div>"
    ));
    assert!(!written_by_the_escaping_writer(
        text,
        "<div inner_html=title></div>"
    ));
    assert!(!written_by_the_escaping_writer(
        text,
        "<div inner_html=format!(\"{x}\")></div>"
    ));
    let reactive = "let menu = move || {\n    crate::html::write(|h| { h.text(&x); })\n};";
    assert!(written_by_the_escaping_writer(
        reactive,
        "<ul inner_html=menu></ul>"
    ));
}
