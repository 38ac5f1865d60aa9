//! What the bundler tells an editor: `path:line:column: message`, one per
//! problem (the form editors' "problem matchers" and terminals link to).

use std::fmt;
use std::path::{Path, PathBuf};

/// Whether a problem stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The content cannot be built as it is.
    Error,
    /// Worth fixing (missing alt text, an over-long title), but built.
    Warning,
}

/// One problem found in the content, located so an editor can jump to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the editor named it (relative to where they ran the tool).
    pub path: PathBuf,
    /// 1-based line; 0 when the problem is the file as a whole.
    pub line: usize,
    /// 1-based column (in characters); 1 when only the line is known.
    pub column: usize,
    /// What is wrong, and where possible how to fix it.
    pub message: String,
    /// Error or warning.
    pub severity: Severity,
}

impl Diagnostic {
    /// An error at a line of a file.
    pub fn at(path: &Path, line: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at_column(path, line, 1, message)
    }

    /// An error at a line and column of a file.
    pub fn at_column(
        path: &Path,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            path: path.to_path_buf(),
            line,
            column: column.max(1),
            message: message.into(),
            severity: Severity::Error,
        }
    }

    /// A warning at a line of a file.
    pub fn warning(path: &Path, line: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::at(path, line, message)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        if self.line == 0 {
            write!(f, "{}: {kind}{}", self.path.display(), self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {kind}{}",
                self.path.display(),
                self.line,
                self.column,
                self.message
            )
        }
    }
}

/// 1-based column (in characters) of a byte offset in `text`.
pub fn column_of(text: &str, offset: usize) -> usize {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let start = text[..end].rfind('\n').map_or(0, |at| at + 1);
    text[start..end].chars().count() + 1
}

/// 1-based line number of a byte offset in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// 1-based line (within `text`) where `key = …` is set, for errors about a
/// value that parsed but makes no sense; 1 when the key is absent.
pub fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| {
            let line = line.trim_start();
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |index| index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_path_line_and_message() {
        let d = Diagnostic::at(Path::new("content/a.md"), 3, "bad date");
        assert_eq!(d.to_string(), "content/a.md:3:1: bad date");
        let d = Diagnostic::at_column(Path::new("a.md"), 3, 7, "bad link");
        assert_eq!(d.to_string(), "a.md:3:7: bad link");
        let w = Diagnostic::warning(Path::new("a.md"), 2, "no alt text");
        assert_eq!(w.to_string(), "a.md:2:1: warning: no alt text");
        let whole = Diagnostic::at(Path::new("content/a.md"), 0, "unreadable");
        assert_eq!(whole.to_string(), "content/a.md: unreadable");
    }

    #[test]
    fn finds_lines_of_offsets_and_keys() {
        let text = "title = \"x\"\ndate = 2022-01-01\n  category = \"y\"\n";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 13), 2);
        assert_eq!(column_of(text, 0), 1);
        assert_eq!(column_of(text, 13), 2);
        assert_eq!(column_of("đường xa", "đường ".len()), 7);
        assert_eq!(line_of_key(text, "category"), 3);
        assert_eq!(line_of_key(text, "date"), 2);
        assert_eq!(line_of_key(text, "missing"), 1);
    }
}
