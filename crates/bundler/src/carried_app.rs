//! The app carried inside the `bantin` executable, so an operator builds
//! a whole site with one file: no Rust, Trunk, Node or wasm tools.
//!
//! `bantin embed` writes a copy of the running program with the app's
//! files (Trunk's output folder) appended after the executable's own
//! bytes, which the system never reads: the files, then the length of
//! them and a mark. [`carried`] finds them again from the end of the
//! program's own file. A leaf: the command line and the build use it.

use crate::files::OutputFile;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

/// Ends a program that carries an app (the format's version is its
/// last character).
const MARK: &[u8; 8] = b"BNTNAPP1";
/// The length of the files, then [`MARK`].
const TRAILER: usize = 16;

/// The app's files as carried: each file's path length (4 bytes), path,
/// length (8 bytes) and bytes, then the trailer. Little-endian.
pub fn pack(files: &[OutputFile]) -> Vec<u8> {
    let mut packed = Vec::new();
    for file in files {
        packed.extend_from_slice(&(file.path.len() as u32).to_le_bytes());
        packed.extend_from_slice(file.path.as_bytes());
        packed.extend_from_slice(&(file.bytes.len() as u64).to_le_bytes());
        packed.extend_from_slice(&file.bytes);
    }
    let length = packed.len() as u64;
    packed.extend_from_slice(&length.to_le_bytes());
    packed.extend_from_slice(MARK);
    packed
}

/// The files of a [`pack`]ed app (without its trailer); `None` if the
/// bytes are not one.
fn unpack(mut packed: &[u8]) -> Option<Vec<OutputFile>> {
    fn take<'a>(bytes: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (taken, rest) = (bytes.get(..n)?, bytes.get(n..)?);
        *bytes = rest;
        Some(taken)
    }
    let mut files = Vec::new();
    while !packed.is_empty() {
        let length = u32::from_le_bytes(take(&mut packed, 4)?.try_into().ok()?) as usize;
        let path = String::from_utf8(take(&mut packed, length)?.to_vec()).ok()?;
        let length = u64::from_le_bytes(take(&mut packed, 8)?.try_into().ok()?);
        let bytes = take(&mut packed, usize::try_from(length).ok()?)?.to_vec();
        files.push(OutputFile { path, bytes });
    }
    Some(files)
}

/// Where the program `file` (open, its length known) ends and the carried
/// app begins, if it carries one.
fn carried_length(file: &mut std::fs::File, size: u64) -> io::Result<Option<u64>> {
    if size < TRAILER as u64 {
        return Ok(None);
    }
    let mut trailer = [0u8; TRAILER];
    file.seek(SeekFrom::End(-(TRAILER as i64)))?;
    file.read_exact(&mut trailer)?;
    if &trailer[8..] != MARK {
        return Ok(None);
    }
    let mut length = [0u8; 8];
    length.copy_from_slice(&trailer[..8]);
    let length = u64::from_le_bytes(length);
    Ok((length <= size - TRAILER as u64).then_some(length))
}

/// The app `program` carries, if any.
pub fn carried_by(program: &Path) -> io::Result<Option<Vec<OutputFile>>> {
    let mut file = std::fs::File::open(program)?;
    let size = file.metadata()?.len();
    let Some(length) = carried_length(&mut file, size)? else {
        return Ok(None);
    };
    file.seek(SeekFrom::End(-((length + TRAILER as u64) as i64)))?;
    let mut packed = vec![0u8; length as usize];
    file.read_exact(&mut packed)?;
    unpack(&packed)
        .map(Some)
        .ok_or_else(|| io::Error::other("the app this program carries is damaged"))
}

/// The app this very program carries, if any.
pub fn carried() -> io::Result<Option<Vec<OutputFile>>> {
    carried_by(&std::env::current_exe()?)
}

/// Whether this very program carries an app (its last bytes only are read).
pub fn is_carried() -> bool {
    let found = || -> io::Result<bool> {
        let mut file = std::fs::File::open(std::env::current_exe()?)?;
        let size = file.metadata()?.len();
        Ok(carried_length(&mut file, size)?.is_some())
    };
    found().unwrap_or(false)
}

/// Writes `out`: `program` without any app it carries, then `files`.
/// Gives the size written.
pub fn write_carrying(program: &Path, files: &[OutputFile], out: &Path) -> io::Result<u64> {
    let mut file = std::fs::File::open(program)?;
    let size = file.metadata()?.len();
    let own = size - carried_length(&mut file, size)?.map_or(0, |n| n + TRAILER as u64);
    let mut bytes = Vec::with_capacity(own as usize);
    file.seek(SeekFrom::Start(0))?;
    file.take(own).read_to_end(&mut bytes)?;
    bytes.extend_from_slice(&pack(files));
    if let Some(folder) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    crate::files::write_fresh(out, &bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(out, std::fs::Permissions::from_mode(0o755))?;
    }
    Ok(bytes.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, bytes: &[u8]) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn a_program_carries_the_app_it_was_given_once_however_often_embedded() {
        let folder = crate::test_folder::with_files("carried", &[("bantin", b"\x7fELF program")]);
        let app = [
            file("index.html", "<html>ứng dụng</html>".as_bytes()),
            file("a_bg.wasm", b"\0asm"),
        ];
        let (first, second) = (folder.join("first"), folder.join("second"));
        write_carrying(&folder.join("bantin"), &app, &first).expect("written");
        assert_eq!(carried_by(&first).expect("read"), Some(app.to_vec()));
        assert_eq!(carried_by(&folder.join("bantin")).expect("read"), None);
        // Embedding again replaces the app instead of stacking a second.
        let newer = [file("index.html", b"<html>2</html>")];
        write_carrying(&first, &newer, &second).expect("written");
        assert_eq!(carried_by(&second).expect("read"), Some(newer.to_vec()));
        let own = std::fs::metadata(folder.join("bantin"))
            .expect("size")
            .len();
        let expected = own + pack(&newer).len() as u64;
        assert_eq!(std::fs::metadata(&second).expect("size").len(), expected);
    }

    #[test]
    fn a_damaged_carried_app_is_an_error_not_a_crash() {
        let mut packed = pack(&[file("index.html", b"<html></html>")]);
        packed[2] = 0xff; // the first path's length, now past the end
        let folder = crate::test_folder::with_files("carried-damaged", &[("bantin", &packed)]);
        assert!(carried_by(&folder.join("bantin")).is_err());
    }
}
