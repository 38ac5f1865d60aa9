//! What the test files share (each uses part of it).
#![allow(dead_code)]

use proptest::test_runner::Config;

/// `FUZZ_CASES` cases per property (1,000 by default, a few seconds); a
/// failure is shown minimised in the test output and nothing is written
/// into the source tree.
pub fn fuzz_config() -> Config {
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// An empty folder for the test `name` of this process, under the system's
/// temporary folder.
pub fn scratch(name: &str) -> std::path::PathBuf {
    let folder = std::env::temp_dir().join(format!("bantin-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("a scratch folder");
    folder
}
