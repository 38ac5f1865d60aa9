//! The bundler reads as its stages: each stage imports only from the
//! stages before it and the shared leaves, so a newcomer can read
//! `load`, then `make`, then `publish` (or `preview`) without looking
//! ahead.

use std::fs;
use std::path::Path;

/// The leaves every stage may use.
const LEAVES: [&str; 5] = ["cores", "diagnostic", "files", "clock", "test_folder"];

/// Every `crate::<module>` a folder's files name.
fn named_modules(folder: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for entry in fs::read_dir(folder).expect("a stage folder") {
        let path = entry.expect("an entry").path();
        let text = fs::read_to_string(&path).unwrap_or_default();
        for (at, _) in text.match_indices("crate::") {
            let module: String = text[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            found.push((path.display().to_string(), module));
        }
    }
    found
}

#[test]
fn each_stage_imports_only_from_earlier_stages_and_leaves() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let stages: [(&str, &[&str]); 4] = [
        ("load", &["load"]),
        ("make", &["load", "make"]),
        ("publish", &["publish"]),
        // The preview makes the site as `build` does, and serves it
        // instead of publishing it.
        ("preview", &["load", "make", "build", "preview"]),
    ];
    for (stage, allowed) in stages {
        let named = named_modules(&src.join(stage));
        assert!(!named.is_empty(), "{stage}: no imports found");
        for (file, module) in named {
            assert!(
                allowed.contains(&module.as_str()) || LEAVES.contains(&module.as_str()),
                "{file} imports crate::{module}, which {stage} may not use"
            );
        }
    }
}
