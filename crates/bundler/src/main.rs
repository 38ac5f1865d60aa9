//! `bantin`: the editors' and operators' command line (see `cli`).

use std::process::ExitCode;

/// mimalloc instead of the system allocator: a build makes and frees
/// millions of small strings (parsed articles, words, file names), and the
/// system allocator spent a seventh of a rebuild's time on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Transparent huge pages off for this process (what mimalloc does with
/// `MIMALLOC_ALLOW_THP=0`, which must be set before it starts). A build
/// holds up to 2 GB for seconds and hands much of it back as it goes;
/// with huge pages each page touched again is a 2 MB page zeroed again
/// (docs/performance.md has the measurement).
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: the call only sets a flag of this process; no memory is
    // handed to the system. On failure nothing changes.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    no_huge_pages();
    bantin_bundler::cli::main()
}
