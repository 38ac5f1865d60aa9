//! Native timing of the search engine over a real content folder: decodes
//! the index the bundler writes and runs the benchmark's queries, printing
//! the time of each. A quick way to see the engine's cost without a browser
//! (`make bench-search` measures it in Chromium, as readers get it):
//!
//! ```sh
//! cargo run --release -p bantin-bundler --example search_speed -- DIR
//! ```

use bantin_bundler::{content, search};
use bantin_model::search::{Chunk, Query};
use std::time::Instant;

const QUERIES: &[&str] = &[
    "đường giao thông",
    "Đảng bộ",
    "phụ nữ",
    "đầu tư dự án",
    "nông thôn mới",
    "chuyển đổi số",
    "nước sạch",
    "bảo hiểm xã hội",
    "dương cầm",
    "đăng ký",
    "duong giao thong",
    "dang bo",
    "phu nu",
    "dau tu du an",
    "nong thon moi",
    "chuyen doi so",
    "nuoc sach",
    "bao hiem xa hoi",
    "duong cam",
    "dang ky",
];

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: search_speed CONTENT_DIR");
        std::process::exit(2);
    };
    let started = Instant::now();
    let loaded = match content::load(std::path::Path::new(&dir)) {
        Ok(loaded) => loaded,
        Err(problems) => {
            eprintln!("{} problem(s) in {dir}", problems.len());
            std::process::exit(1);
        }
    };
    let (files, _) = search::index(&loaded);
    println!(
        "{} articles indexed in {:.1} s",
        loaded.articles.len(),
        started.elapsed().as_secs_f64()
    );
    let decoded: Vec<Chunk> = files
        .chunks
        .iter()
        .filter_map(|c| Chunk::decode(c).ok())
        .collect();
    let mut times = Vec::new();
    for q in QUERIES {
        let query = Query::parse(q);
        let needed = query.chunks_needed(&files.manifest);
        let chunks: Vec<&Chunk> = needed.iter().filter_map(|&i| decoded.get(i)).collect();
        let started = Instant::now();
        let hits = query.rank(&chunks, |_| true);
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        times.push(ms);
        println!(
            "{q:24} {:>3} chunks {:>7} hits {ms:>7.2} ms",
            chunks.len(),
            hits.len()
        );
    }
    times.sort_by(f64::total_cmp);
    println!(
        "rank p50 {:.2} ms, p95 {:.2} ms",
        times[times.len() / 2],
        times[times.len() * 95 / 100]
    );
}
