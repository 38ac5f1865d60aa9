//! Applying a rebuild to the standing site folder in place, with an undo
//! journal, so a failed or stopped build still leaves the previous site
//! exactly as it was.
//!
//! Why: at 100,000 articles a site is 930,000 files. Building a new tree
//! for each rebuild meant linking every unchanged file into it and
//! deleting the old tree, most of a one-article rebuild's time. Here only
//! the changed files move: each replaced or deleted file is first moved
//! into `.<out>.undo/`, and a journal written there before anything moves
//! lists the files that are new and the folders renamed. Undoing is moving
//! those files back; the journal makes that possible after a crash too
//! ([`recover`], which every build runs first).
//!
//! While the few hundred renames run, a server reading the folder may see
//! some files of each build; a CDN deploy (the folder uploaded once the
//! build is over) never does.

use super::write::{listing, Previous};
use crate::files::sibling;
use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// First line of a journal: what wrote it, in which format.
const HEADER: &str = "bantin-undo 1";

/// The journal's name in the undo folder (a site holds no hidden files).
const JOURNAL: &str = ".bantin-journal";

/// Where a build keeps what it replaced until it is complete.
fn undo_folder(out: &Path) -> std::path::PathBuf {
    sibling(out, "undo")
}

/// What applying a rebuild in place will do, worked out before anything
/// moves.
#[derive(Debug)]
pub struct Plan {
    /// Folders named after their content, renamed to this build's name
    /// (new, old): the unchanged search documents stay where they are.
    renames: Vec<(String, String)>,
    /// Every file of the standing site, by the path it has once the
    /// folders are renamed.
    listing: HashSet<String>,
    /// Files the new site keeps from the standing one.
    kept: HashSet<String>,
    /// This build's changed files and their copies, in the order they move.
    staged: Vec<String>,
}

/// A fresh name beside `out` for the site it replaces.
pub(crate) fn trash_name(out: &Path) -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    sibling(out, &format!("old-{}-{nanos}", std::process::id()))
}

/// Every file under `root` (a folder this program filled: its names are
/// UTF-8), by its path from `root`.
fn files_under(root: &Path) -> io::Result<Vec<String>> {
    listing(root)?.ok_or_else(|| {
        io::Error::other(format!("{}: a file name that is not UTF-8", root.display()))
    })
}

/// `path` once the folders of `renames` have their new names.
fn renamed_path(renames: &[(String, String)], path: String) -> String {
    for (new, old) in renames {
        if let Some(rest) = path.strip_prefix(old.as_str()) {
            return format!("{new}{rest}");
        }
    }
    path
}

/// The base file a `.br` or `.gz` copy was made from.
fn copy_of(path: &str) -> Option<&str> {
    path.strip_suffix(".br")
        .or_else(|| path.strip_suffix(".gz"))
}

/// Which files move first: content-named files no old page points at,
/// then the files pages read, then pages, and last the two files that
/// name the rest (the search manifest, the service worker), so a reader
/// mid-way is sent to files that are already there.
fn move_order(path: &str) -> u8 {
    match path.trim_end_matches(".br").trim_end_matches(".gz") {
        "data/search.json" | "sw.js" => 4,
        p if p.starts_with("data/search/") || p.starts_with("anh/") => 0,
        p if p.starts_with("data/") || p.starts_with("media/") => 1,
        p if p.ends_with(".html") => 3,
        _ => 2,
    }
}

/// Works out how to move the files of `staging` into the standing site
/// `previous`, keeping `kept` from it; `None` when the new site must be
/// swapped in whole instead: more files changed than were kept, a
/// content-named folder cannot take its new name, a file would take the
/// place of a folder or the reverse, a name is not UTF-8, or (when the
/// build compresses) a kept file lacks its copies, as after a
/// `--no-compress` build — the whole-site path compresses every such file.
pub fn plan(
    previous: &Previous,
    kept: &[String],
    staging: &Path,
    compress: bool,
) -> io::Result<Option<Plan>> {
    let out = &previous.root;
    let mut staged = files_under(staging)?;
    let staged_set: HashSet<&str> = staged.iter().map(String::as_str).collect();
    let changed = staged
        .iter()
        .filter(|path| copy_of(path).is_none_or(|base| !staged_set.contains(base)))
        .count();
    if changed > kept.len() {
        return Ok(None);
    }
    let mut renames = Vec::new();
    for (new, old) in &previous.renamed {
        if new == old || !out.join(old).is_dir() {
            continue;
        }
        if out.join(new).exists() {
            return Ok(None);
        }
        renames.push((new.clone(), old.clone()));
    }
    let Some(found) = previous.standing_files()? else {
        return Ok(None);
    };
    let listing: HashSet<String> = found
        .into_iter()
        .map(|path| renamed_path(&renames, path))
        .collect();
    // A file where a folder stands, or a folder where a file does.
    let clashes = staged.iter().any(|path| {
        let mut folders = Path::new(path).ancestors().skip(1);
        folders.any(|f| f.to_str().is_some_and(|f| listing.contains(f)))
            || previous.path_for(path).is_dir()
    });
    if clashes {
        return Ok(None);
    }
    let kept: HashSet<String> = kept.iter().cloned().collect();
    if compress {
        let lacks_copies = |path: &String| {
            !(listing.contains(&format!("{path}.br")) && listing.contains(&format!("{path}.gz")))
        };
        let compressible = kept.iter().filter(|path| {
            crate::publish::compress::is_compressible(Path::new(path.as_str()))
                && lacks_copies(path)
        });
        for path in compressible {
            // Small files have no copies on purpose.
            if fs::metadata(previous.path_for(path))
                .is_ok_and(|m| m.len() >= crate::publish::compress::MIN_BYTES as u64)
            {
                return Ok(None);
            }
        }
    }
    staged.sort_by(|a, b| (move_order(a), a).cmp(&(move_order(b), b)));
    Ok(Some(Plan {
        renames,
        listing,
        kept,
        staged,
    }))
}

/// Moves `from` to `to`, making `to`'s folder first.
fn move_to(from: &Path, to: &Path) -> io::Result<()> {
    if let Some(folder) = to.parent() {
        fs::create_dir_all(folder)?;
    }
    fs::rename(from, to)
}

/// Removes the folders of `relative` under `root` that are left empty,
/// innermost first.
fn remove_empty_folders(root: &Path, relative: &str) {
    let mut folder = Path::new(relative).parent();
    while let Some(inner) = folder.filter(|f| !f.as_os_str().is_empty()) {
        if fs::remove_dir(root.join(inner)).is_err() {
            return;
        }
        folder = inner.parent();
    }
}

/// Moves the files of `staging` (this build's changed files and their
/// copies) into the site at `out` as `plan` says. On failure everything
/// moved is moved back, and the error returned.
pub fn apply(out: &Path, staging: &Path, plan: &Plan) -> io::Result<()> {
    // An undo folder already there is not ours to touch (`recover` runs
    // before every build): stop before anything moves.
    fs::create_dir(undo_folder(out))?;
    // Complete once the undo folder takes a replaced site's name: the
    // build deletes it in the background with any other leftovers.
    let done = steps(out, staging, plan, usize::MAX)
        .and_then(|()| fs::rename(undo_folder(out), trash_name(out)));
    if done.is_err() {
        let _ = recover(out);
    }
    done
}

/// The journal and moves of [`apply`], in order, into the undo folder it
/// made; after `stop_after` moves it stops where it is, as a crash would
/// (tests use it).
fn steps(out: &Path, staging: &Path, plan: &Plan, stop_after: usize) -> io::Result<()> {
    let staged_set: HashSet<&str> = plan.staged.iter().map(String::as_str).collect();
    let undo = undo_folder(out);
    let mut journal = format!("{HEADER}\n");
    for (new, old) in &plan.renames {
        journal += &serde_json::to_string(&("renamed", new, old)).map_err(io::Error::other)?;
        journal.push('\n');
    }
    for path in plan.staged.iter().filter(|p| !plan.listing.contains(*p)) {
        journal += &serde_json::to_string(&("created", path)).map_err(io::Error::other)?;
        journal.push('\n');
    }
    let mut file = fs::File::create(undo.join(JOURNAL))?;
    file.write_all(journal.as_bytes())?;
    // On the disk before the site changes: a crash from here on is undone.
    file.sync_all()?;

    let mut budget = stop_after;
    let mut go = || {
        let more = budget > 0;
        budget = budget.saturating_sub(1);
        more
    };
    for (new, old) in &plan.renames {
        if !go() {
            return Ok(());
        }
        move_to(&out.join(old), &out.join(new))?;
    }
    for path in &plan.staged {
        if plan.listing.contains(path) {
            if !go() {
                return Ok(());
            }
            move_to(&out.join(path), &undo.join(path))?;
        }
        if !go() {
            return Ok(());
        }
        move_to(&staging.join(path), &out.join(path))?;
    }
    // Last, what the new site no longer has.
    let kept_copy = |path: &str| {
        copy_of(path).is_some_and(|base| plan.kept.contains(base) && !staged_set.contains(base))
    };
    let mut stale: Vec<&String> = plan
        .listing
        .iter()
        .filter(|path| {
            !staged_set.contains(path.as_str()) && !plan.kept.contains(*path) && !kept_copy(path)
        })
        .collect();
    stale.sort();
    for path in &stale {
        if !go() {
            return Ok(());
        }
        move_to(&out.join(path), &undo.join(path))?;
    }
    for path in &stale {
        remove_empty_folders(out, path);
    }
    Ok(())
}

/// Undoes a build that was applying its files in place when it failed or
/// was stopped: files it added are removed, the ones it replaced or
/// deleted moved back, renamed folders renamed back. True when there was
/// something to undo.
pub fn recover(out: &Path) -> io::Result<bool> {
    let undo = undo_folder(out);
    if !undo.exists() {
        return Ok(false);
    }
    if !out.is_dir() {
        // The site itself was deleted since: nothing to put back into.
        fs::remove_dir_all(&undo)?;
        return Ok(true);
    }
    // No journal, or half of one: it was being written, nothing had moved.
    let journal = fs::read_to_string(undo.join(JOURNAL)).unwrap_or_default();
    let mut lines = journal.lines();
    let entries: Vec<Vec<String>> = if lines.next() == Some(HEADER) {
        lines.filter_map(|l| serde_json::from_str(l).ok()).collect()
    } else {
        Vec::new()
    };
    for entry in &entries {
        if let [kind, path] = entry.as_slice() {
            // Only a file: a folder of that name was there before (the
            // move that failed was this file's onto it).
            let found = fs::symlink_metadata(out.join(path)).ok();
            if kind != "created" || found.as_ref().is_some_and(fs::Metadata::is_dir) {
                continue;
            }
            if found.is_some() {
                fs::remove_file(out.join(path))?;
            }
            // Made for it, whether or not it got there.
            remove_empty_folders(out, path);
        }
    }
    for path in files_under(&undo)? {
        if path != JOURNAL {
            move_to(&undo.join(&path), &out.join(&path))?;
        }
    }
    for entry in entries.iter().rev() {
        if let [kind, new, old] = entry.as_slice() {
            let (new, old) = (out.join(new), out.join(old));
            if kind == "renamed" && new.is_dir() && !old.exists() {
                move_to(&new, &old)?;
            }
        }
    }
    fs::remove_dir_all(&undo)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    /// Every file under `root` with its bytes, and every folder (ending
    /// in `/`): "exactly as it was" is this being equal.
    fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
        fn walk(folder: &Path, prefix: &str, found: &mut BTreeMap<String, Vec<u8>>) {
            for entry in fs::read_dir(folder).expect("folder") {
                let entry = entry.expect("entry");
                let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
                if entry.file_type().expect("type").is_dir() {
                    found.insert(format!("{name}/"), Vec::new());
                    walk(&entry.path(), &format!("{name}/"), found);
                } else {
                    found.insert(name, fs::read(entry.path()).expect("file"));
                }
            }
        }
        let mut found = BTreeMap::new();
        walk(root, "", &mut found);
        found
    }

    fn write(root: &Path, files: &[(&str, &str)]) {
        for (path, text) in files {
            let path = root.join(path);
            fs::create_dir_all(path.parent().expect("folder")).expect("folder");
            fs::write(path, text).expect("written");
        }
    }

    /// A standing site and a rebuild's changed files: one page rewritten
    /// without copies, a bundle rewritten with them, a search folder
    /// renamed with one document kept, one changed and one gone, an
    /// article gone, one new, a stray file.
    struct Scene {
        base: PathBuf,
        out: PathBuf,
        staging: PathBuf,
    }

    impl Scene {
        fn new(name: &str) -> Scene {
            let base = crate::test_folder::with_files(&format!("in-place-{name}"), &[]);
            let (out, staging) = (base.join("site"), base.join(".site.building"));
            write(
                &out,
                &[
                    ("index.html", "trang chủ cũ"),
                    ("index.html.br", "nén cũ"),
                    ("index.html.gz", "nén cũ"),
                    ("data/a.json", "giữ nguyên"),
                    ("data/a.json.br", "nén giữ nguyên"),
                    ("data/c.json", "giữ"),
                    ("data/d.json", "giữ"),
                    ("tin-tuc/giu/index.html", "bài giữ nguyên"),
                    ("data/b.json", "bài cũ"),
                    ("data/b.json.br", "nén bài cũ"),
                    ("data/b.json.gz", "nén bài cũ"),
                    ("data/search/old/0.json", "tài liệu 0"),
                    ("data/search/old/1.json", "tài liệu 1 cũ"),
                    ("data/search/old/2.json", "tài liệu 2 đã xoá"),
                    ("tin-tuc/bo/index.html", "bài đã xoá"),
                    ("stray.txt", "tệp lạc"),
                ],
            );
            write(
                &staging,
                &[
                    ("index.html", "trang chủ mới"),
                    ("data/b.json", "bài mới"),
                    ("data/b.json.br", "nén bài mới"),
                    ("data/b.json.gz", "nén bài mới"),
                    ("data/search/new/1.json", "tài liệu 1 mới"),
                    ("tin-tuc/moi/index.html", "bài mới đăng"),
                ],
            );
            Scene { base, out, staging }
        }

        fn plan(&self) -> Plan {
            let mut previous = Previous::new(&self.out);
            previous.renamed = vec![("data/search/new/".into(), "data/search/old/".into())];
            let kept = [
                "data/a.json",
                "data/c.json",
                "data/d.json",
                "tin-tuc/giu/index.html",
                "data/search/new/0.json",
            ]
            .map(String::from);
            plan(&previous, &kept, &self.staging, false)
                .expect("listed")
                .expect("in place")
        }
    }

    impl Drop for Scene {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.base);
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_changed_files_move_in_and_the_rest_stays_or_goes() {
        let scene = Scene::new("apply");
        use std::os::unix::fs::MetadataExt;
        let inode = |path: &str| fs::metadata(scene.out.join(path)).map(|m| m.ino()).ok();
        let kept_inode = inode("data/a.json");
        apply(&scene.out, &scene.staging, &scene.plan()).expect("applied");
        let site = snapshot(&scene.out);
        let text = |path: &str| {
            site.get(path)
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_else(|| panic!("{path} missing: {:?}", site.keys()))
        };
        assert_eq!(text("index.html"), "trang chủ mới");
        assert_eq!(text("data/a.json"), "giữ nguyên");
        assert_eq!(text("data/a.json.br"), "nén giữ nguyên");
        assert_eq!(text("data/b.json"), "bài mới");
        assert_eq!(text("data/b.json.gz"), "nén bài mới");
        assert_eq!(text("data/search/new/0.json"), "tài liệu 0");
        assert_eq!(text("data/search/new/1.json"), "tài liệu 1 mới");
        assert_eq!(text("tin-tuc/moi/index.html"), "bài mới đăng");
        for gone in [
            // Copies of the old bytes.
            "index.html.br",
            "index.html.gz",
            "data/search/new/2.json",
            "data/search/old/",
            "tin-tuc/bo/",
            "stray.txt",
        ] {
            assert!(!site.contains_key(gone), "{gone} is still there");
        }
        assert_eq!(
            inode("data/a.json"),
            kept_inode,
            "a kept file is not touched"
        );
        assert!(!undo_folder(&scene.out).exists());
        assert!(files_under(&scene.staging).expect("staging").is_empty());
    }

    #[test]
    fn a_build_stopped_at_any_move_is_undone_by_the_next() {
        let total = 17;
        for stop in 0..=total + 1 {
            let scene = Scene::new(&format!("crash-{stop}"));
            let before = snapshot(&scene.out);
            let plan = scene.plan();
            fs::create_dir(undo_folder(&scene.out)).expect("undo folder");
            steps(&scene.out, &scene.staging, &plan, stop).expect("moved");
            // Every move is counted: the last one takes the last file the
            // new site no longer has.
            let last_gone = !scene.out.join("tin-tuc/bo/index.html").exists();
            assert_eq!(last_gone, stop >= total, "stopped after {stop} moves");
            if stop > 0 {
                assert_ne!(snapshot(&scene.out), before, "stopped after {stop} moves");
            }
            assert!(recover(&scene.out).expect("recovered"), "{stop}");
            assert_eq!(snapshot(&scene.out), before, "stopped after {stop} moves");
            assert!(!undo_folder(&scene.out).exists());
            assert!(!recover(&scene.out).expect("nothing to do"));
        }
        // Stopped while writing its journal: nothing had moved.
        let scene = Scene::new("crash-journal");
        let before = snapshot(&scene.out);
        write(
            &undo_folder(&scene.out),
            &[(JOURNAL, "bantin-undo 1\n[\"crea")],
        );
        assert!(recover(&scene.out).expect("recovered"));
        assert_eq!(snapshot(&scene.out), before);
        assert!(!undo_folder(&scene.out).exists());
    }

    #[test]
    fn a_move_that_fails_half_way_puts_everything_back() {
        let scene = Scene::new("fails");
        let before = snapshot(&scene.out);
        let plan = scene.plan();
        // The last file to move is gone when its turn comes (after the
        // folder rename and the other files).
        let last = plan.staged.last().expect("files to move").clone();
        fs::remove_file(scene.staging.join(&last)).expect("removed");
        let error = apply(&scene.out, &scene.staging, &plan).expect_err("cannot move");
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
        assert_eq!(snapshot(&scene.out), before);
        assert!(!undo_folder(&scene.out).exists());
    }

    #[test]
    fn another_builds_undo_folder_is_left_alone() {
        let scene = Scene::new("other");
        let before = snapshot(&scene.out);
        write(
            &undo_folder(&scene.out),
            &[("data/b.json", "của bản dựng khác")],
        );
        let plan = scene.plan();
        let error = apply(&scene.out, &scene.staging, &plan).expect_err("undo folder taken");
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(snapshot(&scene.out), before);
        assert!(undo_folder(&scene.out).join("data/b.json").is_file());
        let _ = fs::remove_dir_all(undo_folder(&scene.out));
    }

    #[test]
    fn files_move_before_the_files_that_name_them() {
        let mut names = vec![
            "sw.js",
            "index.html",
            "data/search.json",
            "data/a.json",
            "data/search/b/1.bin",
            "tin-tuc/a/index.html.br",
        ];
        names.sort_by_key(|n| move_order(n));
        assert_eq!(
            names,
            [
                "data/search/b/1.bin",
                "data/a.json",
                "index.html",
                "tin-tuc/a/index.html.br",
                "sw.js",
                "data/search.json"
            ]
        );
    }

    #[test]
    fn a_file_in_place_of_a_folder_or_the_reverse_is_swapped_whole() {
        let scene = Scene::new("clash");
        write(&scene.staging, &[("tin-tuc/bo", "tệp thay thư mục")]);
        let previous = Previous::new(&scene.out);
        let kept = vec!["data/a.json".to_string(); 20];
        assert!(plan(&previous, &kept, &scene.staging, false)
            .expect("listed")
            .is_none());
        fs::remove_file(scene.staging.join("tin-tuc/bo")).expect("removed");
        write(&scene.staging, &[("stray.txt/moi", "thư mục thay tệp")]);
        assert!(plan(&previous, &kept, &scene.staging, false)
            .expect("listed")
            .is_none());
        fs::remove_file(scene.staging.join("stray.txt/moi")).expect("removed");
        assert!(plan(&previous, &kept, &scene.staging, false)
            .expect("listed")
            .is_some());
        // More files changed than kept.
        assert!(plan(&previous, &kept[..1], &scene.staging, false)
            .expect("listed")
            .is_none());
    }

    #[test]
    fn a_kept_file_without_its_copies_sends_a_compressed_build_the_whole_way() {
        let scene = Scene::new("copies");
        write(&scene.out, &[("data/lon.json", &"dữ liệu ".repeat(100))]);
        let previous = Previous::new(&scene.out);
        let (big, small) = ("data/lon.json".to_string(), "data/a.json".to_string());
        let plan_with = |kept: &String, compress| {
            plan(&previous, &vec![kept.clone(); 10], &scene.staging, compress).expect("listed")
        };
        assert!(plan_with(&big, true).is_none());
        assert!(plan_with(&big, false).is_some());
        // Small files have no copies on purpose.
        assert!(plan_with(&small, true).is_some());
    }
}
