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

/// Runs `work` on every item, on every core (a big site is hundreds of
/// thousands of small files: the disk keeps up with several at once).
pub fn on_every_core<T: Sync>(
    items: &[T],
    work: impl Fn(&T) -> io::Result<()> + Sync,
) -> io::Result<()> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get() * 2);
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| loop {
                    let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    match items.get(at) {
                        Some(item) => work(item)?,
                        None => return Ok(()),
                    }
                })
            })
            .collect();
        workers.into_iter().try_for_each(|worker| {
            worker
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("writing files failed")))
        })
    })
}

/// Writes files under a root folder; each folder is made once.
pub fn write_files(root: &Path, files: &[OutputFile]) -> io::Result<()> {
    let folders: std::collections::BTreeSet<&Path> = files
        .iter()
        .filter_map(|file| Path::new(&file.path).parent())
        .collect();
    for folder in folders {
        fs::create_dir_all(root.join(folder))?;
    }
    on_every_core(files, |file| fs::write(root.join(&file.path), &file.bytes))
}

/// Deletes a folder tree, its big subfolders on every core.
pub fn remove_tree(path: &Path) -> io::Result<()> {
    let mut parts = Vec::new();
    for entry in fs::read_dir(path)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            for inner in fs::read_dir(entry.path())? {
                parts.push(inner?.path());
            }
        } else {
            parts.push(entry.path());
        }
    }
    on_every_core(&parts, |part| {
        if part.is_dir() {
            fs::remove_dir_all(part)
        } else {
            fs::remove_file(part)
        }
    })?;
    fs::remove_dir_all(path)
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
///
/// The site it replaced is renamed out of the way and deleted in the
/// background (see [`discard`]): the new site is live once the rename is
/// done, and deleting a big archive's old copy (a million files at 100,000
/// articles) took longer than building the new one.
pub fn replace_folder(out: &Path, fill: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
    let staging = sibling(out, "building");
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    if let Err(e) = fs::create_dir_all(&staging).and_then(|()| fill(&staging)) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let replaced = out.exists().then(|| trash_name(out));
    if let Some(replaced) = &replaced {
        fs::rename(out, replaced)?;
    }
    fs::rename(&staging, out)?;
    // Old copies left by a build that was stopped before it deleted them
    // (or by an older bantin, which named them `.<out>.previous`).
    for leftover in leftovers(out)? {
        discard(&leftover);
    }
    Ok(())
}

/// A fresh name beside `out` for the site it replaces.
fn trash_name(out: &Path) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    sibling(out, &format!("old-{}-{nanos}", std::process::id()))
}

/// Replaced sites beside `out` still waiting to be deleted.
fn leftovers(out: &Path) -> io::Result<Vec<PathBuf>> {
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Ok(Vec::new());
    };
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (old, previous) = (format!(".{name}.old-"), format!(".{name}.previous"));
    let mut found = Vec::new();
    for entry in fs::read_dir(parent)? {
        let entry = entry?;
        let entry_name = entry.file_name().to_string_lossy().into_owned();
        if entry_name.starts_with(&old) || entry_name == previous {
            found.push(entry.path());
        }
    }
    Ok(found)
}

/// Deletes a replaced site without keeping the editor waiting: `rm -rf` in
/// a process of its own that outlives this one. Where no `rm` can be
/// started, the folder is deleted here. A deletion that fails leaves the
/// folder for the next build to try again; it never fails this build.
fn discard(folder: &Path) {
    use std::process::{Command, Stdio};
    let started = Command::new("rm")
        .arg("-rf")
        .arg("--")
        .arg(folder)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match started {
        // Reaped while this process lives (a long test run); when it ends
        // first, the system adopts the deletion.
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(_) => {
            let _ = remove_tree(folder);
        }
    }
}
