//! Injection-proof by construction: the app never turns a string into
//! markup. Leptos renders an HTML string only through `inner_html` (or a
//! `set_inner_html` / `outer_html` call on an element); none may appear in
//! the app's source, so a payload in content can only ever be text.
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
    for file in &files {
        let text = fs::read_to_string(file).expect("a readable source file");
        for (number, line) in text.lines().enumerate() {
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
}
