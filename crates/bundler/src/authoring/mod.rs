//! What the command line writes for editors rather than readers: a new
//! content file, an old portal page turned into one, and generated
//! archives for benchmarks. Built on `load`, never on a site's output.

pub mod corpus;
pub mod import;
pub mod init;
pub mod new_file;

/// Why a content file could not be made from what an editor gave.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthoringError {
    /// The exported page holds no text.
    #[error("the file is empty: the first line should be the title")]
    Empty,
    /// The exported page has a title and nothing under it.
    #[error("{title:?} has no paragraph under its title")]
    NoParagraph { title: String },
    /// A file is named after its title, which has nothing to name it by.
    #[error("{title:?} gives no file name: the title needs letters or digits")]
    NoFileName { title: String },
    /// Neither the page nor the command says when it was published.
    #[error(
        "no date in the text (like \"ngày 28/6\" and a year): give one with --date 2022-06-28"
    )]
    NoDate,
    /// `init` into a folder that already holds something.
    #[error("{}: not empty; bantin init makes a portal in a new or empty folder, nothing was written", folder.display())]
    NotEmpty { folder: std::path::PathBuf },
    /// A file could not be written.
    #[error("{}: {why}", path.display())]
    Write {
        path: std::path::PathBuf,
        why: String,
    },
}
