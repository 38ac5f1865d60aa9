//! Writing the output folder so that a reader never sees half a build: the
//! new site is written beside the old one and swapped in when complete.

use crate::bundles::OutputFile;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Copies a folder tree into another, creating folders as needed. Hidden
/// files (Trunk's lock file, editors' leftovers) are not part of a site.
/// A file the same as in `previous` (that folder in the site being
/// replaced) is linked from there instead, like every unchanged file of a
/// rebuild (see [`write_files`]).
pub fn copy_tree(from: &Path, to: &Path, previous: Option<&Path>) -> io::Result<u64> {
    let mut copied = 0;
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let target = to.join(entry.file_name());
        let old = previous.map(|p| p.join(entry.file_name()));
        if entry.file_type()?.is_dir() {
            copied += copy_tree(&entry.path(), &target, old.as_deref())?;
            continue;
        }
        // A new file, never a write through a link into the live site.
        if target.exists() {
            fs::remove_file(&target)?;
        }
        let linked = old.is_some_and(|old| {
            same_contents(&entry.path(), &old).unwrap_or(false) && link_with_copies(&old, &target)
        });
        if !linked {
            fs::copy(entry.path(), &target)?;
        }
        copied += 1;
    }
    Ok(copied)
}

/// Whether two files hold the same bytes, read a block at a time (media
/// files can be large).
fn same_contents(a: &Path, b: &Path) -> io::Result<bool> {
    use std::io::Read;
    if fs::metadata(a)?.len() != fs::metadata(b)?.len() {
        return Ok(false);
    }
    let (mut a, mut b) = (fs::File::open(a)?, fs::File::open(b)?);
    let (mut block_a, mut block_b) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let read = a.read(&mut block_a)?;
        if read == 0 {
            return Ok(true);
        }
        b.read_exact(&mut block_b[..read])?;
        if block_a[..read] != block_b[..read] {
            return Ok(false);
        }
    }
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

/// The site a build replaces, from which files whose bytes have not
/// changed are taken instead of written again.
#[derive(Debug, Clone)]
pub struct Previous {
    /// Its root folder (the output folder as it stands).
    pub root: PathBuf,
    /// Folders named after their content that this build names anew
    /// (this build's prefix, the previous one's), such as the search
    /// index's `data/search/<build>/`: an unchanged search document is
    /// the same file under the other name.
    pub renamed: Vec<(String, String)>,
}

impl Previous {
    /// Where the previous site holds the file this build writes at `relative`.
    fn path_for(&self, relative: &str) -> PathBuf {
        for (new, old) in &self.renamed {
            if let Some(rest) = relative.strip_prefix(new.as_str()) {
                return self.root.join(old).join(rest);
            }
        }
        self.root.join(relative)
    }
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
fn forget(path: &Path) -> io::Result<()> {
    fs::remove_file(path)?;
    for suffix in [".br", ".gz"] {
        let _ = fs::remove_file(with_suffix(path, suffix));
    }
    Ok(())
}

/// Takes the previous build's file at `old` for `target` when its bytes
/// are `bytes`: a hard link (no data written), with its `.br` and `.gz`
/// copies when it has both. `false` when the file changed, is new, or
/// cannot be linked (another file system): then it is written.
fn take_unchanged(old: &Path, bytes: &[u8], target: &Path) -> bool {
    let same = fs::metadata(old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(old).is_ok_and(|previous| previous == bytes);
    same && link_with_copies(old, target)
}

/// Links `old` (and its `.br` and `.gz` copies when it has both) at
/// `target`, in place of what this build put there before (the app's
/// `index.html` under the home page); `false` when it cannot be linked.
fn link_with_copies(old: &Path, target: &Path) -> bool {
    let linked = match fs::hard_link(old, target) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            forget(target).is_ok() && fs::hard_link(old, target).is_ok()
        }
        other => other.is_ok(),
    };
    if !linked {
        return false;
    }
    let (old_br, old_gz) = (with_suffix(old, ".br"), with_suffix(old, ".gz"));
    if old_br.is_file() && old_gz.is_file() {
        let (br, gz) = (with_suffix(target, ".br"), with_suffix(target, ".gz"));
        // Both or neither: compression then makes what is missing.
        if fs::hard_link(&old_br, &br).is_ok() && fs::hard_link(&old_gz, &gz).is_err() {
            let _ = fs::remove_file(&br);
        }
    }
    true
}

/// Writes files under a root folder; each folder is made once. With the
/// site being replaced, a file whose bytes did not change is that site's
/// file (and compressed copies) linked in, not written again: a rebuild
/// writes only the files its changes reach.
pub fn write_files(
    root: &Path,
    files: &[OutputFile],
    previous: Option<&Previous>,
) -> io::Result<Written> {
    let folders: std::collections::BTreeSet<&Path> = files
        .iter()
        .filter_map(|file| Path::new(&file.path).parent())
        .collect();
    for folder in folders {
        fs::create_dir_all(root.join(folder))?;
    }
    let fresh = std::sync::Mutex::new(Vec::new());
    on_every_core(files, |file| {
        let target = root.join(&file.path);
        let taken = previous.is_some_and(|previous| {
            take_unchanged(&previous.path_for(&file.path), &file.bytes, &target)
        });
        if taken {
            return Ok(());
        }
        write_fresh(&target, &file.bytes)?;
        // Never lose a name: a page is reused when none of its inputs is
        // listed here.
        fresh
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(file.path.clone());
        Ok(())
    })?;
    Ok(Written {
        fresh: fresh
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    })
}

/// What [`write_files`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// The files whose bytes are new: not in the replaced site, or changed
    /// there (the rest are its files, linked in).
    pub fresh: Vec<String>,
}

/// Puts the replaced site's `relative` file (and its `.br`/`.gz` copies) in
/// place in `root` without reading it: for a file this build knows to be
/// unchanged without making it again. False when it is not there to take.
pub fn take_from_previous(root: &Path, relative: &str, previous: &Previous) -> bool {
    let (old, target) = (previous.path_for(relative), root.join(relative));
    // Checked first: linking clears the way at `target` before it links.
    fs::metadata(&old).is_ok_and(|m| m.is_file())
        && target
            .parent()
            .is_none_or(|folder| fs::create_dir_all(folder).is_ok())
        && link_with_copies(&old, &target)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writing_where_a_link_to_the_live_site_stands_leaves_the_live_file_alone() {
        let base = std::env::temp_dir().join(format!("bantin-output-{}", std::process::id()));
        let _ = fs::remove_dir_all(&base);
        fs::create_dir_all(&base).expect("folder");
        let (live, staged) = (base.join("live.html"), base.join("staged.html"));
        fs::write(&live, "trang đang phục vụ").expect("written");
        fs::hard_link(&live, &staged).expect("linked");
        write_fresh(&staged, "trang mới".as_bytes()).expect("written");
        assert_eq!(
            fs::read_to_string(&live).expect("live"),
            "trang đang phục vụ"
        );
        assert_eq!(fs::read_to_string(&staged).expect("staged"), "trang mới");
        let _ = fs::remove_dir_all(&base);
    }

    #[test]
    fn a_file_written_again_loses_the_copies_made_from_its_old_bytes() {
        let base = std::env::temp_dir().join(format!("bantin-stale-{}", std::process::id()));
        let _ = fs::remove_dir_all(&base);
        fs::create_dir_all(&base).expect("folder");
        let page = base.join("index.html");
        for (path, text) in [(&page, "cũ"), (&with_suffix(&page, ".br"), "nén cũ")] {
            fs::write(path, text).expect("written");
        }
        fs::write(with_suffix(&page, ".gz"), "nén cũ").expect("written");
        write_fresh(&page, "mới".as_bytes()).expect("written");
        assert_eq!(fs::read_to_string(&page).expect("page"), "mới");
        assert!(!with_suffix(&page, ".br").exists());
        assert!(!with_suffix(&page, ".gz").exists());
        let _ = fs::remove_dir_all(&base);
    }
}
