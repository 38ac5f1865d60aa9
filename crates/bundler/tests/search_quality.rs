//! Search quality on the demo content: Vietnamese queries typed with and
//! without diacritics (đ/Đ included) find the articles a reader expects,
//! best first. Runs the same engine the app runs, over the index the
//! bundler writes.

use bantin_model::search::{Chunk, Query, SearchDocument};
use std::path::Path;

struct Demo {
    chunks: Vec<Chunk>,
    manifest: bantin_model::search::SearchManifest,
    documents: Vec<SearchDocument>,
}

fn demo() -> Demo {
    let content =
        bantin_bundler::check(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content"))
            .expect("the demo content is valid");
    let (index, documents) = bantin_bundler::make::search::index(&content);
    let chunks = index
        .chunks
        .iter()
        .map(|bytes| Chunk::decode(bytes).expect("chunk decodes"))
        .collect();
    Demo {
        chunks,
        manifest: index.manifest,
        documents,
    }
}

/// The article addresses a query finds, best first (phrases checked
/// against the text, as the app does).
fn search(demo: &Demo, typed: &str) -> Vec<String> {
    let query = Query::parse(typed);
    let needed: Vec<&Chunk> = query
        .chunks_needed(&demo.manifest)
        .into_iter()
        .map(|i| &demo.chunks[i])
        .collect();
    query
        .rank(&needed, |_| true)
        .into_iter()
        .map(|hit| &demo.documents[hit.doc as usize])
        .filter(|d| query.matches_phrases(&format!("{}\n{}", d.title, d.text)))
        .map(|d| d.href.trim_start_matches("/tin-tuc/").to_string())
        .collect()
}

/// (query, the article expected first, articles expected among the results)
const CASES: &[(&str, &str, &[&str])] = &[
    ("Đảng bộ", "dai-hoi-dang-bo-xa-tan-phu", &[]),
    ("dang bo", "dai-hoi-dang-bo-xa-tan-phu", &[]),
    ("ĐẢNG", "dai-hoi-dang-bo-xa-tan-phu", &[]),
    ("phụ nữ", "so-ket-phong-trao-phu-nu-6-thang", &[]),
    ("phu nu", "so-ket-phong-trao-phu-nu-6-thang", &[]),
    (
        "duong ",
        // "đường" in its title outweighs "dương" in a lead.
        "thong-bao-tam-ngung-cap-nuoc",
        &[
            "trong-rung-phong-ho-ven-bien",
            "khanh-thanh-cau-kenh-xang",
            "thong-bao-tam-ngung-cap-nuoc",
            "dai-hoi-dang-bo-xa-tan-phu",
            "mua-lua-he-thu-bao-dam",
        ],
    ),
    ("dương ", "trong-rung-phong-ho-ven-bien", &[]),
    (
        "đường ",
        "thong-bao-tam-ngung-cap-nuoc",
        &["trong-rung-phong-ho-ven-bien"],
    ),
    ("đường giao thông", "dai-hoi-dang-bo-xa-tan-phu", &[]),
    ("duong giao thong", "dai-hoi-dang-bo-xa-tan-phu", &[]),
    ("chuyen doi so", "chuyen-doi-so-cap-xa", &[]),
    ("tiêm chủng", "tiem-chung-mo-rong-dot-2", &[]),
    (
        "doc sach",
        "ngay-hoi-doc-sach-thieu-nhi",
        &["ban-tin-truyen-hinh-tuan-25"],
    ),
    (
        "tuyen dung vien chuc",
        "thong-bao-tuyen-dung-vien-chuc-2024",
        &[],
    ),
    (
        "\"nuoc noi\"",
        "phong-su-mua-nuoc-noi",
        &["khanh-thanh-cau-kenh-xang"],
    ),
    ("dân số", "so-lieu-dan-so-lao-dong-2023", &[]),
    (
        "cai cach hanh chinh",
        "bao-cao-cai-cach-hanh-chinh-quy-1",
        &[],
    ),
    // The last word is still being typed: "tiem ch" is already enough.
    ("tiem ch", "tiem-chung-mo-rong-dot-2", &[]),
];

#[test]
fn vietnamese_queries_find_the_expected_articles_first() {
    let demo = demo();
    let mut failures = Vec::new();
    for (typed, first, among) in CASES {
        let found = search(&demo, typed);
        if found.first().map(String::as_str) != Some(*first)
            || among.iter().any(|slug| !found.iter().any(|f| f == slug))
        {
            failures.push(format!(
                "{typed:?}: expected {first} first and {among:?}, got {found:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn articles_with_the_spelling_typed_come_before_other_spellings() {
    let demo = demo();
    // Both of these have "đang"; the others only "Đảng", "đăng" or "dang".
    let found = search(&demo, "đang ");
    let mut top_two = found[..2].to_vec();
    top_two.sort();
    assert_eq!(
        top_two,
        ["dai-hoi-dang-bo-xa-tan-phu", "dien-dan-doanh-nghiep-tre"]
    );
    assert!(found.len() > 2, "other spellings still match: {found:?}");
    // Typed with "Đ", the article about the Party comes first.
    assert_eq!(search(&demo, "Đảng ")[0], "dai-hoi-dang-bo-xa-tan-phu");
}

#[test]
fn decomposed_input_finds_the_same_articles() {
    let demo = demo();
    // "phụ nữ" typed as base letters plus combining marks (NFD).
    let nfd = "phu\u{0323} nu\u{031b}\u{0303}";
    assert_eq!(search(&demo, nfd), search(&demo, "phu nu"));
}

#[test]
fn a_phrase_requires_its_words_in_order() {
    let demo = demo();
    let together = search(&demo, "\"nông thôn mới\"");
    let apart = search(&demo, "mới nông thôn ");
    assert!(together.len() <= apart.len());
    assert!(search(&demo, "\"mới thôn nông\"").is_empty());
}
