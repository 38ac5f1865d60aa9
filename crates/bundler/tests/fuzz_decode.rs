//! Bounded fuzzing of what the app reads from the network: every bundle and
//! search file of the demo site, damaged at random, goes through the app's
//! own decoders (`bantin::api`), and random queries run against the real
//! index. Nothing may panic; a damaged file is an error the reader is told.
//! `FUZZ_CASES` sets the cases per property (1,000 by default).

mod common;

use bantin::api::{decode_bundle, decode_plain};
use bantin::error::AppError;
use bantin::search::app_error;
use bantin_bundler::{build, BuildOptions};
use bantin_model::search::{Chunk, DocTable, Query, SearchDocument, SearchManifest};
use bantin_model::{Article, Home, ListingPage, Page, Site, Stats};
use bantin_search_worker::engine::{decode_binary, decode_json};
use proptest::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One file of the built demo site: its path under `data/` and its bytes.
#[derive(Debug, Clone)]
struct DataFile {
    path: String,
    bytes: Vec<u8>,
}

/// The demo content built once (data only) for all properties.
fn demo_files() -> &'static [DataFile] {
    static FILES: OnceLock<Vec<DataFile>> = OnceLock::new();
    FILES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let out = common::scratch("fuzz-decode");
        build(&BuildOptions {
            content: root.join("content"),
            out: out.clone(),
            app: None,
            data_only: false,
            no_compress: true,
        })
        .expect("the demo content builds");
        let mut files = Vec::new();
        collect(&out.join("data"), &out.join("data"), &mut files);
        let _ = fs::remove_dir_all(&out);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    })
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<DataFile>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path: PathBuf = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("json" | "bin")
        ) {
            if let (Ok(bytes), Ok(relative)) = (fs::read(&path), path.strip_prefix(root)) {
                files.push(DataFile {
                    path: relative.to_string_lossy().replace('\\', "/"),
                    bytes,
                });
            }
        }
    }
}

/// Decodes `bytes` as the app would decode the file at `path`; `None` for
/// a file the app does not read.
fn decode_as(path: &str, status: u16, bytes: &[u8]) -> Option<Result<(), AppError>> {
    let text = String::from_utf8_lossy(bytes);
    let done = |ok: bool, error: Option<AppError>| {
        if ok {
            Ok(())
        } else {
            Err(error.unwrap_or(AppError::NotFound))
        }
    };
    macro_rules! json {
        ($t:ty) => {{
            let r = decode_bundle::<$t>(status, &text);
            done(r.is_ok(), r.err())
        }};
    }
    Some(match path {
        "site.json" => json!(Site),
        "home.json" => json!(Home),
        "search.json" => json!(SearchManifest),
        "stats.json" => {
            let r = decode_plain::<Stats>(status, &text);
            done(r.is_ok(), r.err())
        }
        p if p.starts_with("chuyen-muc/") => json!(ListingPage),
        p if p.starts_with("tin-tuc/") => json!(Article),
        p if p.starts_with("trang/") => json!(Page),
        // The search worker reads the index and the results' texts.
        p if p.starts_with("search/") && p.contains("/d/") => {
            let r = decode_json::<SearchDocument>(status, bytes);
            done(r.is_ok(), r.err().map(app_error))
        }
        p if p.ends_with("docs.bin") => {
            let r = decode_binary(status, bytes, DocTable::decode);
            done(r.is_ok(), r.err().map(app_error))
        }
        p if p.ends_with(".bin") => {
            let r = decode_binary(status, bytes, Chunk::decode);
            done(r.is_ok(), r.err().map(app_error))
        }
        _ => return None,
    })
}

/// A demo file with random byte edits: flips, insertions, deletions, a cut.
fn damaged_file() -> impl Strategy<Value = (String, Vec<u8>)> {
    let edit = (any::<prop::sample::Index>(), 0u8..4, any::<u8>());
    (
        any::<prop::sample::Index>(),
        prop::collection::vec(edit, 1..8),
    )
        .prop_map(|(which, edits)| {
            let files = demo_files();
            let file = &files[which.index(files.len())];
            let mut bytes = file.bytes.clone();
            for (at, kind, byte) in edits {
                let at = at.index(bytes.len() + 1);
                match kind {
                    0 => bytes.insert(at, byte),
                    1 if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    2 if at < bytes.len() => bytes[at] ^= byte | 1,
                    _ => bytes.truncate(at),
                }
            }
            (file.path.clone(), bytes)
        })
}

#[test]
fn every_demo_file_decodes_as_the_app_reads_it() {
    let files = demo_files();
    let mut read = 0;
    for file in files {
        if let Some(result) = decode_as(&file.path, 200, &file.bytes) {
            assert_eq!(result, Ok(()), "{} does not decode", file.path);
            read += 1;
        }
    }
    // Site, home, stats, search manifest, listings, articles, pages, chunks.
    assert!(read > 30, "only {read} files decoded");
}

/// Every search chunk of the demo site, decoded.
fn demo_chunks() -> Vec<Chunk> {
    demo_files()
        .iter()
        .filter(|f| {
            f.path.starts_with("search/")
                && f.path.ends_with(".bin")
                && !f.path.ends_with("docs.bin")
        })
        .filter_map(|f| Chunk::decode(&f.bytes).ok())
        .collect()
}

proptest! {
    #![proptest_config(common::fuzz_config())]

    #[test]
    fn damaged_bundles_and_index_files_are_errors_not_panics((path, bytes) in damaged_file()) {
        let result = decode_as(&path, 200, &bytes);
        prop_assert!(result.is_some(), "{path} has no decoder");
    }

    #[test]
    fn any_answer_of_any_status_is_judged_without_panic(
        which in any::<prop::sample::Index>(),
        status in 100u16..600,
        bytes in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        let files = demo_files();
        let path = &files[which.index(files.len())].path;
        let result = decode_as(path, status, &bytes);
        if !(200..300).contains(&status) {
            prop_assert!(matches!(result, Some(Err(_))), "{path}: status {status} accepted");
        }
    }

    #[test]
    fn any_query_ranks_highlights_and_cuts_the_real_articles(text in query_text()) {
        let chunks = demo_chunks();
        let refs: Vec<&Chunk> = chunks.iter().collect();
        let query = Query::parse(&text);
        let hits = query.rank(&refs, |_| true);
        prop_assert!(query.is_empty() || hits.len() <= demo_documents().len());
        for hit in hits.iter().take(10) {
            let document = demo_documents().iter().find(|(doc, _)| *doc == hit.doc);
            prop_assert!(document.is_some(), "hit {} is no article", hit.doc);
            if let Some((_, document)) = document {
                let _ = query.matches_phrases(&document.text);
                let title = query.highlight(&document.title);
                prop_assert_eq!(title.iter().map(|s| s.text.as_str()).collect::<String>(), document.title.clone());
                let _ = query.excerpt(&document.text, 32);
            }
        }
    }
}

/// Random text, or words of the demo articles typed as readers do: some
/// without marks, in capitals, cut short, quoted, with stray symbols.
fn query_text() -> impl Strategy<Value = String> {
    let words: Vec<String> = demo_documents()
        .iter()
        .flat_map(|(_, d)| {
            d.title
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let word =
        (prop::sample::select(words), 0u8..5, 1usize..8).prop_map(
            |(word, form, keep)| match form {
                0 => bantin_model::fold_vietnamese(&word),
                1 => word.to_uppercase(),
                2 => word.chars().take(keep).collect(),
                3 => format!("\"{word}"),
                _ => word,
            },
        );
    prop_oneof![
        1 => "\\PC{0,60}",
        3 => prop::collection::vec(prop_oneof![4 => word, 1 => "[\"“”*?()\\-]{1,3}"], 1..6)
            .prop_map(|parts| parts.join(" ")),
    ]
}

/// Every search document of the demo site, by article number.
fn demo_documents() -> &'static [(u32, SearchDocument)] {
    static DOCUMENTS: OnceLock<Vec<(u32, SearchDocument)>> = OnceLock::new();
    DOCUMENTS.get_or_init(|| {
        demo_files()
            .iter()
            .filter_map(|f| {
                let number = f
                    .path
                    .rsplit_once("/d/")?
                    .1
                    .strip_suffix(".json")?
                    .parse()
                    .ok()?;
                let text = std::str::from_utf8(&f.bytes).ok()?;
                Some((number, bantin_model::json::from_str(text).ok()?))
            })
            .collect()
    })
}
