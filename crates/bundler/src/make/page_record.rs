//! What each prerendered page was made from, kept beside the site so that
//! the next build renders again only the pages whose inputs changed.
//!
//! A page's HTML is a function of this program, the app's shell
//! (`index.html`), the feed links put in its head and the bundles the page
//! asks for while it renders (`bantin::api` notes every address, found or
//! not). The record keeps, per page file, the addresses it asked for and
//! the script files its inline scripts became. At the next build, a page
//! none of whose addresses was written anew (and none appeared or went
//! away) is the replaced site's file, linked in unread.
//!
//! The record lives beside the output folder (`.<out>.pages`), never in
//! it: operators copy the folder to a CDN as it is. It names the folder it
//! describes by device and inode (a rename keeps them), so a record of
//! another folder, or of a site a failed or older build left, is ignored
//! and every page is rendered.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

const HEADER: &str = "bantin-pages 1";

/// A folder's identity on its disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FolderId {
    /// Device number.
    pub device: u64,
    /// Inode number.
    pub inode: u64,
}

impl FolderId {
    /// The identity of `folder`, where the platform has one.
    pub fn of(folder: &Path) -> Option<FolderId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(folder).ok()?;
            Some(FolderId {
                device: meta.dev(),
                inode: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = folder;
            None
        }
    }
}

/// What one page file was made from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageInputs {
    /// Every address it asked for, and whether the site had that file.
    pub reads: Vec<(String, bool)>,
    /// Files its inline scripts were moved to (see `csp`), which must
    /// come with it.
    pub scripts: Vec<String>,
}

/// The inputs of every page of one built site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageRecord {
    /// The site folder this record describes.
    pub site: Option<FolderId>,
    /// Fingerprint of what every page shares: this program, the shell, the
    /// feed links. Any change renders every page.
    pub shared: u64,
    /// Per page file (path in the site).
    pub pages: HashMap<String, PageInputs>,
}

/// Whether `path` names a file inside the site (the record is only read,
/// never trusted, to place files).
fn inside_site(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Where the record of the site at `out` is kept.
pub fn path_for(out: &Path) -> PathBuf {
    crate::files::sibling(out, "pages")
}

/// Fingerprint (FNV-1a) of the parts every page shares.
pub fn shared_fingerprint(parts: &[&[u8]]) -> u64 {
    let mut hash = bantin_model::hash::Fnv::default();
    for part in parts {
        hash.write(part);
        hash.write(&[0xff]);
    }
    hash.value()
}

/// This program's identity: a rebuilt `bantin` may render differently.
/// Where the program file cannot be looked at, the identity is this very
/// run's, and every page is rendered.
pub fn program_identity() -> Vec<u8> {
    let nanos = |t: std::time::SystemTime| {
        t.duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    };
    let mut identity = env!("CARGO_PKG_VERSION").as_bytes().to_vec();
    let program = std::env::current_exe()
        .ok()
        .and_then(|exe| std::fs::metadata(exe).ok());
    let (size, modified) = match program.as_ref().map(|m| (m.len(), m.modified())) {
        Some((size, Ok(modified))) => (size, nanos(modified)),
        _ => (u64::MAX, nanos(std::time::SystemTime::now())),
    };
    identity.extend_from_slice(&size.to_le_bytes());
    identity.extend_from_slice(&modified.to_le_bytes());
    identity
}

impl PageRecord {
    /// The record kept for the site at `out`, if there is one and it
    /// describes that very folder; anything unreadable counts as none.
    pub fn load(out: &Path) -> Option<PageRecord> {
        let text = std::fs::read_to_string(path_for(out)).ok()?;
        let record = PageRecord::parse(&text)?;
        (record.site.is_some() && record.site == FolderId::of(out)).then_some(record)
    }

    /// Whether the page file `path` can be taken as it is: recorded with
    /// the same shared parts, and every address it asked for neither
    /// rewritten (`fresh`, by address) nor come or gone (`exists`).
    pub fn unchanged(
        &self,
        shared: u64,
        path: &str,
        fresh: &HashSet<String>,
        exists: impl Fn(&str) -> bool,
    ) -> Option<&PageInputs> {
        if self.shared != shared {
            return None;
        }
        let inputs = self.pages.get(path)?;
        inputs
            .reads
            .iter()
            .all(|(address, existed)| exists(address) == *existed && !fresh.contains(address))
            .then_some(inputs)
    }

    /// The record as text: a header, the site, the shared fingerprint, then
    /// the addresses once each and a line per page naming them by number.
    pub fn to_text(&self) -> String {
        let mut numbers: HashMap<(&str, bool), usize> = HashMap::new();
        let mut addresses = String::new();
        let mut pages = String::new();
        let mut paths: Vec<&String> = self.pages.keys().collect();
        paths.sort();
        for path in paths {
            let inputs = &self.pages[path];
            pages.push_str("page\t");
            pages.push_str(path);
            for (address, existed) in &inputs.reads {
                let next = numbers.len();
                let number = *numbers.entry((address, *existed)).or_insert_with(|| {
                    let mark = if *existed { '+' } else { '-' };
                    addresses.push_str(&format!("read\t{mark}{address}\n"));
                    next
                });
                pages.push_str(&format!("\t{number}"));
            }
            for script in &inputs.scripts {
                pages.push_str("\t>");
                pages.push_str(script);
            }
            pages.push('\n');
        }
        let site = self
            .site
            .map_or("none".to_string(), |s| format!("{} {}", s.device, s.inode));
        format!(
            "{HEADER}\nsite\t{site}\nshared\t{:016x}\n{addresses}{pages}",
            self.shared
        )
    }

    /// Reads [`PageRecord::to_text`]'s text; `None` for anything else.
    pub fn parse(text: &str) -> Option<PageRecord> {
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let site_line = lines.next()?.strip_prefix("site\t")?;
        let site = match site_line.split_once(' ') {
            Some((device, inode)) => Some(FolderId {
                device: device.parse().ok()?,
                inode: inode.parse().ok()?,
            }),
            None => None,
        };
        let shared = u64::from_str_radix(lines.next()?.strip_prefix("shared\t")?, 16).ok()?;
        let mut reads: Vec<(String, bool)> = Vec::new();
        let mut pages = HashMap::new();
        for line in lines {
            let mut fields = line.split('\t');
            match fields.next()? {
                "read" => {
                    let field = fields.next()?;
                    let existed = field.starts_with('+');
                    reads.push((field.get(1..)?.to_string(), existed));
                }
                "page" => {
                    let path = fields.next().filter(|p| inside_site(p))?.to_string();
                    let mut inputs = PageInputs::default();
                    for field in fields {
                        match field.strip_prefix('>') {
                            Some(script) if inside_site(script) => {
                                inputs.scripts.push(script.to_string())
                            }
                            Some(_) => return None,
                            None => inputs
                                .reads
                                .push(reads.get(field.parse::<usize>().ok()?)?.clone()),
                        }
                    }
                    pages.insert(path, inputs);
                }
                _ => return None,
            }
        }
        Some(PageRecord {
            site,
            shared,
            pages,
        })
    }

    /// Writes the record for the site now at `out` (whole or not at all).
    pub fn save(&self, out: &Path) -> io::Result<()> {
        let path = path_for(out);
        let partial = path.with_extension("pages-writing");
        std::fs::write(&partial, self.to_text())?;
        std::fs::rename(&partial, &path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> PageRecord {
        let mut pages = HashMap::new();
        pages.insert(
            "tin-tuc/a/index.html".to_string(),
            PageInputs {
                reads: vec![
                    ("/data/site.json".into(), true),
                    ("/data/articles/a.json".into(), true),
                ],
                scripts: vec!["hydrate/1.js".into()],
            },
        );
        pages.insert(
            "index.html".to_string(),
            PageInputs {
                reads: vec![
                    ("/data/site.json".into(), true),
                    ("/data/stats.json".into(), false),
                ],
                scripts: Vec::new(),
            },
        );
        PageRecord {
            site: Some(FolderId {
                device: 7,
                inode: 42,
            }),
            shared: 0xabc,
            pages,
        }
    }

    #[test]
    fn a_record_reads_back_as_it_was_written() {
        let record = record();
        assert_eq!(PageRecord::parse(&record.to_text()), Some(record));
    }

    #[test]
    fn damaged_or_foreign_text_is_no_record() {
        let text = record().to_text();
        assert_eq!(PageRecord::parse(""), None);
        assert_eq!(PageRecord::parse("bantin-pages 0\n"), None);
        assert_eq!(PageRecord::parse(&text.replace("\t0", "\t99")), None);
        assert_eq!(PageRecord::parse(&format!("{text}what\n")), None);
        // Files outside the site are never named.
        assert_eq!(
            PageRecord::parse(&text.replace(">hydrate/1.js", ">../x.js")),
            None
        );
        assert_eq!(
            PageRecord::parse(&text.replace("page\tindex.html", "page\t/etc/x")),
            None
        );
    }

    #[test]
    fn a_page_is_unchanged_only_while_all_it_read_is() {
        let record = record();
        let none = HashSet::new();
        let all_there = |address: &str| address != "/data/stats.json";
        let article = "tin-tuc/a/index.html";
        assert!(record.unchanged(0xabc, article, &none, all_there).is_some());
        // Its own bundle rewritten.
        let fresh: HashSet<String> = ["/data/articles/a.json".to_string()].into();
        assert!(record
            .unchanged(0xabc, article, &fresh, all_there)
            .is_none());
        assert!(record
            .unchanged(0xabc, "index.html", &fresh, all_there)
            .is_some());
        // A file it did not find is there now.
        assert!(record
            .unchanged(0xabc, "index.html", &none, |_| true)
            .is_none());
        // A new program or shell; a page never recorded.
        assert!(record.unchanged(0xabd, article, &none, all_there).is_none());
        assert!(record
            .unchanged(0xabc, "trang/moi/index.html", &none, all_there)
            .is_none());
    }
}
