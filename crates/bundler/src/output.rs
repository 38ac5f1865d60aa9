//! Writing the output folder so that a reader never sees half a build: the
//! new site is written beside the old one and swapped in when complete.

use crate::bundles::OutputFile;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Copies a folder tree into another, creating folders as needed. Hidden
/// files (Trunk's lock file, editors' leftovers) are not part of a site.
pub fn copy_tree(from: &Path, to: &Path) -> io::Result<u64> {
    let mut copied = 0;
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copied += copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
            copied += 1;
        }
    }
    Ok(copied)
}

/// Writes files under a root folder.
pub fn write_files(root: &Path, files: &[OutputFile]) -> io::Result<()> {
    for file in files {
        let path = root.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, &file.bytes)?;
    }
    Ok(())
}

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    out.with_file_name(format!(".{name}.{suffix}"))
}

/// Fills a fresh folder with `fill`, then puts it in place of `out`. When
/// `fill` fails, `out` is left exactly as it was.
pub fn replace_folder(out: &Path, fill: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
    let staging = sibling(out, "building");
    let previous = sibling(out, "previous");
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    if let Err(e) = fs::create_dir_all(&staging).and_then(|()| fill(&staging)) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if previous.exists() {
        fs::remove_dir_all(&previous)?;
    }
    if out.exists() {
        fs::rename(out, &previous)?;
    }
    fs::rename(&staging, out)?;
    if previous.exists() {
        fs::remove_dir_all(&previous)?;
    }
    Ok(())
}
