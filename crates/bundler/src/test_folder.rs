//! Folders of files for unit tests.

/// A fresh folder under the system's temporary folder, for the test
/// `name` of this process, holding `files` (name, bytes).
pub fn with_files(name: &str, files: &[(&str, &[u8])]) -> std::path::PathBuf {
    let folder = std::env::temp_dir().join(format!("bantin-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("a test folder");
    for (file, bytes) in files {
        std::fs::write(folder.join(file), bytes).expect("a test file");
    }
    folder
}
