//! The last stage: the made files become the site at `out`, all at once
//! or not at all. Files are written beside the standing site, compared
//! with it ([`write`]), given their compressed copies ([`compress`]) and
//! moved in with an undo journal ([`in_place`]).

pub mod compress;
pub mod in_place;
pub mod write;

use crate::files::sibling;
use in_place::trash_name;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use write::{link_kept, remove_tree, Previous};

/// How a build's files reached the output folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// A new folder took the place of the old one: a first build, or a
    /// rebuild that changed most files.
    Whole,
    /// The changed files were moved into the standing folder (see
    /// [`in_place`]).
    InPlace,
}

/// Fills a fresh folder with `fill`, then makes `out` the new site. When
/// `fill` fails, `out` is left exactly as it was.
///
/// With a site already at `out`, `fill` writes only the files whose bytes
/// changed; a [`Previous`] notes the others as kept. When the changed
/// files are fewer than the kept ones, they are moved into `out` with an
/// undo journal ([`in_place`]): a rebuild after one edit touches a
/// few hundred files of a 930,000-file archive instead of building a new
/// tree of links. Otherwise the kept files are linked into the new folder
/// and it is swapped in whole; the site it replaced is renamed out of the
/// way and deleted in the background (see [`discard`]): deleting a big
/// archive's old copy took longer than building the new one.
pub fn update_folder<E: From<PublishError>>(
    out: &Path,
    compress: bool,
    fill: impl FnOnce(&Path, Option<&mut Previous>) -> Result<(), E>,
) -> Result<Applied, E> {
    let failed = |source| E::from(PublishError::at(out, source));
    let staging = sibling(out, "building");
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(failed)?;
    }
    let mut previous = out.is_dir().then(|| Previous::new(out));
    if let Some(previous) = &previous {
        previous.list_in_background();
    }
    let result = fs::create_dir_all(&staging)
        .map_err(failed)
        .and_then(|()| fill(&staging, previous.as_mut()))
        .and_then(|()| put_in_place(out, &staging, previous.as_ref(), compress).map_err(failed));
    // Applied in place, only emptied folders are left of it.
    let _ = fs::remove_dir_all(&staging);
    // Old copies left by a build that was stopped before it deleted them
    // (or by an older bantin, which named them `.<out>.previous`).
    if result.is_ok() {
        for leftover in leftovers(out).map_err(failed)? {
            discard(&leftover);
        }
    }
    result
}

/// Why the site at `out` was not replaced; the site is as it was.
#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", out.display())]
pub struct PublishError {
    /// The site folder being replaced.
    pub out: PathBuf,
    /// What the system refused.
    #[source]
    pub source: io::Error,
}

impl PublishError {
    /// `source` met while replacing the site at `out`.
    pub fn at(out: &Path, source: io::Error) -> PublishError {
        PublishError {
            out: out.to_path_buf(),
            source,
        }
    }
}

/// Makes the filled `staging` folder the site at `out`, in place or whole.
fn put_in_place(
    out: &Path,
    staging: &Path,
    previous: Option<&Previous>,
    compress: bool,
) -> io::Result<Applied> {
    if let Some(previous) = previous {
        // The changed files get their copies first: the plan moves them too.
        if compress {
            compress::precompress_tree(staging)?;
        }
        let kept = previous.take_kept();
        if let Some(plan) = in_place::plan(previous, &kept, staging, compress)? {
            in_place::apply(out, staging, &plan)?;
            crate::cores::drop_in_background((plan, kept));
            return Ok(Applied::InPlace);
        }
        link_kept(staging, previous, &kept)?;
        crate::cores::drop_in_background(kept);
    }
    if compress {
        compress::precompress_tree(staging)?;
    }
    let replaced = out.exists().then(|| trash_name(out));
    if let Some(replaced) = &replaced {
        fs::rename(out, replaced)?;
    }
    if let Err(e) = fs::rename(staging, out) {
        // Never no site: the replaced one goes back.
        if let Some(replaced) = &replaced {
            let _ = fs::rename(replaced, out);
        }
        return Err(e);
    }
    Ok(Applied::Whole)
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
pub(crate) fn discard(folder: &Path) {
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
    use crate::files::OutputFile;
    use write::write_files;

    #[test]
    fn a_file_kept_then_written_anew_is_the_new_one_whichever_way_the_site_goes_in() {
        for changed in [1, 40] {
            let base = crate::test_folder::with_files(&format!("kept-then-written-{changed}"), &[]);
            let out = base.join("site");
            fs::create_dir_all(&out).expect("folder");
            fs::write(out.join("index.html"), "vỏ ứng dụng").expect("written");
            for i in 0..20 {
                fs::write(out.join(format!("{i}.json")), "giữ").expect("written");
            }
            // A page the new site no longer has (found by the listing made
            // while the build works).
            fs::create_dir_all(out.join("tin-tuc/bai-da-xoa")).expect("folder");
            fs::write(out.join("tin-tuc/bai-da-xoa/index.html"), "bài đã xoá").expect("written");
            let file = |path: &str, text: &str| OutputFile {
                path: path.into(),
                bytes: text.as_bytes().to_vec(),
            };
            let applied = update_folder(&out, false, |root, previous| {
                let previous = previous.map(|p| &*p);
                let write_files = |root: &Path, files: &[OutputFile], previous| {
                    write_files(root, files, previous).map_err(|e| PublishError::at(root, e))
                };
                write_files(root, &[file("index.html", "vỏ ứng dụng")], previous)?;
                let kept: Vec<_> = (0..20).map(|i| file(&format!("{i}.json"), "giữ")).collect();
                write_files(root, &kept, previous)?;
                let new: Vec<_> = (0..changed)
                    .map(|i| file(&format!("moi/{i}.json"), "mới"))
                    .collect();
                write_files(root, &new, previous)?;
                write_files(root, &[file("index.html", "trang chủ")], previous)?;
                Ok::<(), PublishError>(())
            })
            .expect("built");
            let expected = if changed == 1 {
                Applied::InPlace
            } else {
                Applied::Whole
            };
            assert_eq!(applied, expected);
            assert_eq!(
                fs::read_to_string(out.join("index.html")).expect("home"),
                "trang chủ"
            );
            assert_eq!(fs::read_to_string(out.join("7.json")).expect("kept"), "giữ");
            assert!(
                !out.join("tin-tuc/bai-da-xoa/index.html").exists(),
                "{expected:?}"
            );
            let _ = fs::remove_dir_all(&base);
        }
    }
}
