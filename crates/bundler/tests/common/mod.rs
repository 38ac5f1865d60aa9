//! What the fuzz test files share.

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
