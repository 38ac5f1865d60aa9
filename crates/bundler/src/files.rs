//! Files as the build writes them: what a file to write is, and how one
//! is written so the site being served never changes under a reader. A
//! leaf: every stage may use it, it uses none.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One file to write, relative to the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path under the output folder, with `/` separators and no leading `/`.
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// `path` with `suffix` added to its name.
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// Writes `bytes` as a new file at `path`. A file already there is
/// unlinked first, never truncated: it may be a hard link into the site
/// still being served, which must not change. Its `.br` and `.gz` copies
/// go with it (they were made from the old bytes).
pub fn write_fresh(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let create = || {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    let mut file = match create() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            forget(path)?;
            create()?
        }
        other => other?,
    };
    file.write_all(bytes)
}

/// Unlinks a file this build wrote before, with the `.br` and `.gz` made
/// from its bytes.
pub(crate) fn forget(path: &Path) -> io::Result<()> {
    fs::remove_file(path)?;
    for suffix in [".br", ".gz"] {
        let _ = fs::remove_file(with_suffix(path, suffix));
    }
    Ok(())
}

/// A hidden name beside `out`: `.<out>.<suffix>`.
pub fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    out.with_file_name(format!(".{name}.{suffix}"))
}

/// Visits everything under `from`, a folder before what it holds, by its
/// path from `from` with `/` between names, put under `under` (`""`: none).
/// Names starting with `.` are left out with all they hold: lock files
/// and editors' leftovers are not part of a site.
pub fn walk(
    from: &Path,
    under: &str,
    visit: &mut dyn FnMut(&Path, &str, bool) -> io::Result<()>,
) -> io::Result<()> {
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let relative = if under.is_empty() {
            name
        } else {
            format!("{under}/{name}")
        };
        let folder = entry.file_type()?.is_dir();
        visit(&entry.path(), &relative, folder)?;
        if folder {
            walk(&entry.path(), &relative, visit)?;
        }
    }
    Ok(())
}
