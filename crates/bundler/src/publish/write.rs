//! Writing the output folder so that a reader never sees half a build: the
//! new site's changed files are written beside the old site, then moved in
//! (or the new site swapped in whole) once the build is complete.

use crate::cores::on_every_core;
use crate::files::{forget, walk, with_suffix, write_fresh, OutputFile};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Copies a folder tree into the site at `root`, under the folder
/// `under` (`""` for the root), creating folders as needed. Hidden files
/// (Trunk's lock file, editors' leftovers) are not part of a site. A file
/// the same as the previous site's at that place is kept from there, like
/// every unchanged file of a rebuild (see [`write_files`]).
pub fn copy_tree(
    from: &Path,
    root: &Path,
    under: &str,
    previous: Option<&Previous>,
) -> io::Result<u64> {
    let mut copied = 0;
    fs::create_dir_all(root.join(under))?;
    walk(from, under, &mut |path, relative, folder| {
        let target = root.join(relative);
        if folder {
            return fs::create_dir_all(&target);
        }
        clear(&target)?;
        let kept = previous.is_some_and(|previous| {
            same_contents(path, &previous.path_for(relative)).unwrap_or(false)
                && previous.keep(relative)
        });
        if !kept {
            fs::copy(path, &target)?;
        }
        copied += 1;
        Ok(())
    })?;
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

/// The site a build replaces. A rebuild writes only the files whose bytes
/// changed; every other file of the new site is the previous site's file,
/// noted here as kept, and left where it stands ([`update_folder`]).
#[derive(Debug)]
pub struct Previous {
    /// Its root folder (the output folder as it stands).
    pub root: PathBuf,
    /// Folders named after their content that this build names anew
    /// (this build's prefix, the previous one's), such as the search
    /// index's `data/search/<build>/`: an unchanged search document is
    /// the same file under the other name.
    pub renamed: Vec<(String, String)>,
    /// Files of the new site that are the previous site's, by their path
    /// in the new site (threads write at the same time).
    kept: std::sync::Mutex<Vec<String>>,
    /// The standing site's files, being listed on a thread of their own
    /// ([`Previous::list_in_background`]).
    listing: std::sync::Mutex<Option<std::thread::JoinHandle<Listed>>>,
}

/// Every file of a folder by its path from the folder, `None` when a
/// name is not UTF-8 (see `in_place::listing`).
pub(crate) type Listed = io::Result<Option<Vec<String>>>;

/// Every file under `root`, by its path from `root` with `/` between
/// folders; `None` when a name is not UTF-8 (such a site is swapped whole,
/// never moved by a name that might not find it). The folders two levels
/// down (one per article page) are read on every core.
pub(crate) fn listing(root: &Path) -> Listed {
    /// Files of `folder` into `found`, its folders into `folders`; false
    /// on a name that is not UTF-8.
    fn read(
        folder: &Path,
        prefix: &str,
        found: &mut Vec<String>,
        folders: &mut Vec<(std::path::PathBuf, String)>,
    ) -> io::Result<bool> {
        for entry in fs::read_dir(folder)? {
            let entry = entry?;
            let Ok(name) = entry.file_name().into_string() else {
                return Ok(false);
            };
            if entry.file_type()?.is_dir() {
                folders.push((entry.path(), format!("{prefix}{name}/")));
            } else {
                found.push(format!("{prefix}{name}"));
            }
        }
        Ok(true)
    }
    fn walk(folder: &Path, prefix: &str, found: &mut Vec<String>) -> io::Result<bool> {
        let mut folders = Vec::new();
        if !read(folder, prefix, found, &mut folders)? {
            return Ok(false);
        }
        for (inner, prefix) in folders {
            if !walk(&inner, &prefix, found)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
    let (mut found, mut top, mut second) = (Vec::new(), Vec::new(), Vec::new());
    if !read(root, "", &mut found, &mut top)? {
        return Ok(None);
    }
    for (folder, prefix) in &top {
        if !read(folder, prefix, &mut found, &mut second)? {
            return Ok(None);
        }
    }
    let all = std::sync::Mutex::new(found);
    let readable = std::sync::atomic::AtomicBool::new(true);
    crate::cores::on_every_core(&second, |(folder, prefix)| {
        let mut found = Vec::new();
        if !walk(folder, prefix, &mut found)? {
            readable.store(false, std::sync::atomic::Ordering::Relaxed);
        }
        all.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .append(&mut found);
        Ok(())
    })?;
    let found = all
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    Ok(readable.into_inner().then_some(found))
}

impl Previous {
    /// The site standing at `root`, nothing kept from it yet.
    pub fn new(root: &Path) -> Previous {
        Previous {
            root: root.to_path_buf(),
            renamed: Vec::new(),
            kept: std::sync::Mutex::new(Vec::new()),
            listing: std::sync::Mutex::new(None),
        }
    }

    /// Starts listing the standing site while the build works. Why: at
    /// 100,000 articles the listing reads 930,000 names (about 2 s), and
    /// much of a rebuild runs on one core while the other idles. Nothing
    /// writes into the standing site before the new one goes in, so the
    /// listing is still true when [`Previous::standing_files`] takes it.
    pub fn list_in_background(&self) {
        let root = self.root.clone();
        let started = std::thread::Builder::new()
            .name("listing".into())
            .spawn(move || listing(&root));
        // No thread to be had: the listing is made when it is needed.
        if let Ok(handle) = started {
            *self
                .listing
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(handle);
        }
    }

    /// The standing site's files: the background listing's if one was
    /// started, else listed now.
    pub(crate) fn standing_files(&self) -> Listed {
        let started = self
            .listing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        match started {
            Some(handle) => handle
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("listing the site failed"))),
            None => listing(&self.root),
        }
    }

    /// Where the previous site holds the file this build writes at `relative`.
    pub(crate) fn path_for(&self, relative: &str) -> PathBuf {
        for (new, old) in &self.renamed {
            if let Some(rest) = relative.strip_prefix(new.as_str()) {
                return self.root.join(old).join(rest);
            }
        }
        self.root.join(relative)
    }

    /// Notes that the new site's `relative` is the previous site's file;
    /// always true, so it ends a chain of checks.
    fn keep(&self, relative: &str) -> bool {
        // Never lose a name: a file not kept would be deleted.
        self.kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(relative.to_string());
        true
    }

    /// The files kept, by their path in the new site, once the build has
    /// written everything (taken, not copied: 300,000 names at 100,000
    /// articles).
    pub fn take_kept(&self) -> Vec<String> {
        std::mem::take(
            &mut self
                .kept
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }
}

/// Clears `target` of whatever this build put there before (the app's
/// `index.html` under the home page), with its copies.
fn clear(target: &Path) -> io::Result<()> {
    match fs::symlink_metadata(target) {
        Ok(_) => forget(target),
        Err(_) => Ok(()),
    }
}

/// Keeps the previous site's file for `relative` when its bytes are
/// `bytes`: nothing is written, and whatever this build put at `target`
/// before (the app's `index.html` under the home page) goes. `false` when
/// the file changed or is new: then it is written.
fn take_unchanged(previous: &Previous, relative: &str, bytes: &[u8], target: &Path) -> bool {
    holds_exactly(&previous.path_for(relative), bytes)
        && clear(target).is_ok()
        && previous.keep(relative)
}

/// Whether the file at `path` holds `bytes` and nothing more. Why not
/// `fs::read`: a rebuild at 100,000 articles compares 300,000 files, and
/// asking each one's size first (twice, by name and by handle) was a
/// sixth of its 3.6 million system calls. Here: open, read, see the end,
/// close.
fn holds_exactly(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let mut options = fs::OpenOptions::new();
    options.read(true);
    // A named pipe someone left in the site must not stall the build:
    // opened without waiting (`O_NONBLOCK`) where its number is known,
    // looked at first elsewhere.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, 0o4000);
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    if !fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let Ok(mut file) = options.open(path) else {
        return false;
    };
    // One byte more than expected: a longer file shows itself.
    let mut buffer = vec![0; bytes.len() + 1];
    let mut filled = 0;
    loop {
        match file.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(read) if filled + read == buffer.len() => return false,
            Ok(read) => filled += read,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            // A folder, a pipe with nothing in it: not the file.
            Err(_) => return false,
        }
    }
    // A pipe with no writer reads as empty: for an empty file only, ask
    // what it is.
    buffer[..filled] == *bytes && (filled > 0 || file.metadata().is_ok_and(|m| m.is_file()))
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

/// Writes files under a root folder. With the site being replaced, a file
/// whose bytes did not change is that site's file, kept and not written
/// again: a rebuild writes only the files its changes reach.
pub fn write_files(
    root: &Path,
    files: &[OutputFile],
    previous: Option<&Previous>,
) -> io::Result<Written> {
    write_files_completed(root, files, previous, &|bytes| {
        std::borrow::Cow::Borrowed(bytes)
    })
}

/// [`write_files`] for files held in memory shorter than they are written:
/// `complete` gives each file's bytes as written (the pages' stylesheet
/// block, see `styles`), one file at a time, so a big build never holds
/// every page at full length.
pub fn write_files_completed(
    root: &Path,
    files: &[OutputFile],
    previous: Option<&Previous>,
    complete: &(dyn for<'a> Fn(&'a [u8]) -> std::borrow::Cow<'a, [u8]> + Sync),
) -> io::Result<Written> {
    let fresh = std::sync::Mutex::new(Vec::new());
    on_every_core(files, |file| {
        let target = root.join(&file.path);
        let bytes = complete(&file.bytes);
        let taken =
            previous.is_some_and(|previous| take_unchanged(previous, &file.path, &bytes, &target));
        if taken {
            return Ok(());
        }
        // A folder is made when a file is written into it: a rebuild that
        // keeps most files leaves no empty folders to clear away.
        match write_fresh(&target, &bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(folder) = target.parent() {
                    fs::create_dir_all(folder)?;
                }
                write_fresh(&target, &bytes)?;
            }
            other => other?,
        }
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
    /// there (the rest are its files, kept).
    pub fresh: Vec<String>,
}

/// Keeps the replaced site's `relative` file (and its `.br`/`.gz` copies)
/// without reading it: for a file this build knows to be unchanged
/// without making it again. False when it is not there to keep.
pub fn take_from_previous(root: &Path, relative: &str, previous: &Previous) -> bool {
    let target = root.join(relative);
    fs::metadata(previous.path_for(relative)).is_ok_and(|m| m.is_file())
        && clear(&target).is_ok()
        && previous.keep(relative)
}

/// Links every file kept from the previous site into `root`, with its
/// copies (copied where it cannot be linked): for a rebuild that changed
/// too much to be applied in place, and is swapped in whole.
pub(crate) fn link_kept(root: &Path, previous: &Previous, kept: &[String]) -> io::Result<()> {
    let folders: std::collections::BTreeSet<&Path> = kept
        .iter()
        .filter_map(|path| Path::new(path).parent())
        .collect();
    for folder in folders {
        fs::create_dir_all(root.join(folder))?;
    }
    on_every_core(kept, |relative| {
        let (old, target) = (previous.path_for(relative), root.join(relative));
        if fs::symlink_metadata(&target).is_ok() {
            // Kept, then written anew by a later step (the home page over
            // an app shell that had not changed): the new file stands.
            return Ok(());
        }
        if link_with_copies(&old, &target) {
            Ok(())
        } else {
            fs::copy(&old, &target).map(|_| ())
        }
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_unchanged_only_when_it_holds_exactly_the_bytes() {
        let base = crate::test_folder::with_files("holds", &[]);
        fs::create_dir(base.join("thu-muc")).expect("folder");
        let page = base.join("trang.json");
        fs::write(&page, "{\"tiêu đề\":\"Đường làng\"}").expect("written");
        let same = "{\"tiêu đề\":\"Đường làng\"}".as_bytes();
        assert!(holds_exactly(&page, same));
        assert!(
            !holds_exactly(&page, &same[..same.len() - 1]),
            "file longer"
        );
        assert!(
            !holds_exactly(&page, &[same, b"x"].concat()),
            "file shorter"
        );
        assert!(!holds_exactly(
            &page,
            "{\"tiêu đề\":\"Đường lang\"}".as_bytes()
        ));
        assert!(!holds_exactly(&base.join("khong-co.json"), b""));
        assert!(!holds_exactly(&base.join("thu-muc"), b""), "a folder");
        let empty = base.join("rong.json");
        fs::write(&empty, "").expect("written");
        assert!(holds_exactly(&empty, b"") && !holds_exactly(&empty, b"x"));
        // A bigger file than one read returns at once.
        let big: Vec<u8> = (0..3_000_000u32).map(|n| (n % 251) as u8).collect();
        fs::write(base.join("lon.bin"), &big).expect("written");
        assert!(holds_exactly(&base.join("lon.bin"), &big));
        let _ = fs::remove_dir_all(&base);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_named_pipe_in_the_site_is_not_waited_on() {
        let base = crate::test_folder::with_files("pipe", &[]);
        let pipe = base.join("ong.json");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        if made.is_ok_and(|s| s.success()) {
            // Opened as a file, this would wait for a writer for ever.
            assert!(!holds_exactly(&pipe, b""));
            assert!(!holds_exactly(&pipe, b"x"));
        }
        let _ = fs::remove_dir_all(&base);
    }

    #[test]
    fn writing_where_a_link_to_the_live_site_stands_leaves_the_live_file_alone() {
        let base = crate::test_folder::with_files("output", &[]);
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
        let base = crate::test_folder::with_files("stale", &[]);
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
