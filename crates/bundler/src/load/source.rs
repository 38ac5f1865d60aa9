//! What every content file shares: reading it, splitting its TOML front
//! matter from its Markdown body, and the checks on titles, slugs and dates,
//! each problem put at its line.

use crate::diagnostic::{column_of, line_of, line_of_key, Diagnostic, Severity};
use crate::load::markdown;
use crate::load::markdown::SiteLink;
use crate::load::media::MediaLookup;
use crate::load::LoadError;
use bantin_model::{slugify, Date};
use std::fs;
use std::path::{Path, PathBuf};

pub(super) fn toml_error(
    path: &Path,
    text: &str,
    first_line: usize,
    error: &toml::de::Error,
) -> Diagnostic {
    let (line, column) = error.span().map_or((first_line, 1), |span| {
        (
            first_line + line_of(text, span.start) - 1,
            column_of(text, span.start),
        )
    });
    let message = error.message().replace('\n', " ");
    Diagnostic::at_column(path, line, column, message.trim().to_string())
}

pub(super) fn read_text(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(
                text.strip_prefix('\u{feff}')
                    .map(str::to_string)
                    .unwrap_or(text),
            ),
            Err(_) => {
                diagnostics.push(Diagnostic::at(
                    path,
                    0,
                    "the file is not UTF-8 text: save it as UTF-8",
                ));
                None
            }
        },
        Err(e) => {
            diagnostics.push(Diagnostic::at(
                path,
                0,
                format!("cannot read the file: {e}"),
            ));
            None
        }
    }
}

/// Titles longer than this get a warning: listings, feeds and search
/// engines cut them.
pub const MAX_TITLE_CHARS: usize = 120;

pub(super) fn title_is_long(title: &str) -> bool {
    title.trim().chars().count() > MAX_TITLE_CHARS
}

/// How many of `diagnostics` are errors (warnings do not stop a build).
pub(super) fn errors_in(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

pub(super) fn parse_date(value: &toml::Value) -> Result<Date, LoadError> {
    let refused = |why: String| LoadError::Date {
        value: value.to_string(),
        why,
    };
    match value {
        toml::Value::Datetime(datetime) => {
            let date = datetime
                .date
                .ok_or_else(|| refused("a day is needed, like 2022-06-28".into()))?;
            Date::new(i32::from(date.year), date.month, date.day)
                .map_err(|e| refused(e.to_string()))
        }
        toml::Value::String(text) => Date::parse(text).map_err(|e| refused(e.to_string())),
        _ => Err(refused("write it as 2022-06-28".into())),
    }
}

/// Splits `+++`-delimited TOML front matter from the body; returns the front
/// matter, the body, and the body's first line number.
fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text.strip_prefix("+++")?;
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Some((front, body, front.lines().count() + 3));
        }
        offset += line.len();
    }
    None
}

/// A Markdown file with TOML front matter, read and parsed.
pub(super) struct SourceFile<F> {
    /// The parsed front matter.
    pub(super) front: F,
    /// The front matter as written, to find the line a key is on.
    pub(super) front_text: String,
    /// The Markdown after the front matter.
    pub(super) body: String,
    /// The line of the file the body starts at.
    pub(super) body_line: usize,
}

impl<F> SourceFile<F> {
    /// The line of the file a front matter key is written on.
    pub(super) fn key_line(&self, key: &str) -> usize {
        line_of_key(&self.front_text, key) + 1
    }
}

/// Reads a content file and parses its front matter; `needs` names the
/// keys an editor must write, for the message when the front matter is
/// missing.
fn read_source<F: serde::de::DeserializeOwned>(
    path: &Path,
    needs: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<SourceFile<F>> {
    let text = read_text(path, diagnostics)?;
    let Some((front_text, body, body_line)) = split_front_matter(&text) else {
        diagnostics.push(Diagnostic::at(
            path,
            1,
            format!("the file starts with front matter between two +++ lines ({needs})"),
        ));
        return None;
    };
    match toml::from_str(front_text) {
        Ok(front) => Some(SourceFile {
            front,
            front_text: front_text.to_string(),
            body: body.to_string(),
            body_line,
        }),
        Err(e) => {
            diagnostics.push(toml_error(path, front_text, 2, &e));
            None
        }
    }
}

/// Converts a file's Markdown body: its problems join `diagnostics`, its
/// links to site paths join `links` (checked once every file is read).
pub(super) fn convert_body<F>(
    path: &Path,
    source: &SourceFile<F>,
    media: &dyn MediaLookup,
    diagnostics: &mut Vec<Diagnostic>,
    links: &mut Vec<(PathBuf, SiteLink)>,
) -> Vec<bantin_model::Block> {
    let body = markdown::to_blocks(path, &source.body, source.body_line, media);
    diagnostics.extend(body.diagnostics);
    links.extend(
        body.links
            .into_iter()
            .map(|link| (path.to_path_buf(), link)),
    );
    body.blocks
}

/// A content file with a title, which names it unless it gives a slug.
pub(super) trait Titled {
    fn title(&self) -> &str;
    fn slug(&self) -> Option<&str>;
}

/// A titled content file read, with its slug and how many errors were
/// known before its own checks (so its loader can tell whether it added
/// any): `None` when it cannot be read at all.
pub(super) fn read_titled<F: serde::de::DeserializeOwned + Titled>(
    path: &Path,
    needs: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(SourceFile<F>, String, usize)> {
    let source: SourceFile<F> = read_source(path, needs, diagnostics)?;
    let before = errors_in(diagnostics);
    let slug = title_and_slug(
        path,
        &source,
        source.front.title(),
        source.front.slug(),
        diagnostics,
    );
    Some((source, slug, before))
}

/// Checks the title and works out the slug (given, or from the file name)
/// of an article or a page, reporting what is wrong with either.
fn title_and_slug<F>(
    path: &Path,
    source: &SourceFile<F>,
    title: &str,
    given_slug: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    if title.trim().is_empty() {
        diagnostics.push(Diagnostic::at(
            path,
            source.key_line("title"),
            "the title is empty",
        ));
    }
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let slug = given_slug.map_or_else(|| slugify(stem), str::to_string);
    if slug.is_empty() || slugify(&slug) != slug {
        diagnostics.push(Diagnostic::at(
            path,
            source.key_line("slug"),
            format!("slug {slug:?} must be lower-case ASCII words joined by hyphens"),
        ));
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_splits_and_counts_body_lines() {
        let text = "+++\ntitle = \"a\"\ndate = 2022-01-01\n+++\nBody\n";
        let (front, body, line) = split_front_matter(text).expect("has front matter");
        assert_eq!(front, "title = \"a\"\ndate = 2022-01-01\n");
        assert_eq!(body, "Body\n");
        assert_eq!(line, 5);
        assert!(split_front_matter("title = 1\n").is_none());
        assert!(split_front_matter("+++\ntitle = 1\n").is_none());
    }

    #[test]
    fn dates_may_be_toml_dates_or_strings_but_must_exist() {
        let date: toml::Value =
            toml::from_str::<toml::Table>("d = 2022-06-28").expect("toml")["d"].clone();
        assert_eq!(
            parse_date(&date).map(|d| d.to_string()),
            Ok("2022-06-28".into())
        );
        assert!(parse_date(&toml::Value::String("2022-02-30".into())).is_err());
        assert!(parse_date(&toml::Value::Integer(2022)).is_err());
    }
}
