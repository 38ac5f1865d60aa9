//! `bantin init`: a new portal to start from. `site.toml` shows every
//! setting with what it does, beside one article (dated the day it is
//! made), one page and the media folder with the article's picture; `check`
//! accepts it and `build` builds it as it is.

use super::AuthoringError;
use bantin_model::Date;
use std::path::Path;

/// The starter's files, by their path in the new folder.
const FILES: [(&str, &str); 4] = [
    ("site.toml", include_str!("starter/site.toml")),
    (
        "articles/chao-mung.md",
        include_str!("starter/articles/chao-mung.md"),
    ),
    (
        "pages/gioi-thieu.md",
        include_str!("starter/pages/gioi-thieu.md"),
    ),
    (
        "media/anh-bia.svg",
        include_str!("starter/media/anh-bia.svg"),
    ),
];

/// Writes a new portal into `folder`, which must not exist yet or be
/// empty (an editor's files are never mixed with the starter's). Gives
/// the paths written.
pub fn init(folder: &Path, today: Date) -> Result<Vec<String>, AuthoringError> {
    let failed = |e: std::io::Error| AuthoringError::Write {
        path: folder.to_path_buf(),
        why: e.to_string(),
    };
    if folder.exists() {
        let empty = folder.is_dir() && std::fs::read_dir(folder).map_err(failed)?.next().is_none();
        if !empty {
            return Err(AuthoringError::NotEmpty {
                folder: folder.to_path_buf(),
            });
        }
    }
    let mut written = Vec::new();
    for (path, text) in FILES {
        let target = folder.join(path);
        let text = text.replace("{TODAY}", &today.to_string());
        let write = |target: &Path| {
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(target, &text)
        };
        write(&target).map_err(|e| AuthoringError::Write {
            path: target.clone(),
            why: e.to_string(),
        })?;
        written.push(path.to_string());
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_portal_is_valid_content_dated_the_day_it_was_made() {
        let folder = crate::test_folder::with_files("init", &[]).join("cong-moi");
        let today = Date::parse("2026-12-06").expect("a date");
        let written = init(&folder, today).expect("written");
        assert_eq!(written.len(), FILES.len());
        let loaded = crate::check(&folder).unwrap_or_else(|problems| {
            panic!(
                "{}",
                problems
                    .iter()
                    .map(|p| format!("{p}\n"))
                    .collect::<String>()
            )
        });
        assert_eq!(loaded.articles.len(), 1);
        assert_eq!(loaded.articles[0].article.date, today);
        assert_eq!(loaded.pages.len(), 1);
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    }

    #[test]
    fn a_folder_with_anything_in_it_is_refused_and_left_as_it_was() {
        let folder = crate::test_folder::with_files("init-not-empty", &[("ghi-chu.txt", b"x")]);
        let today = Date::parse("2026-12-06").expect("a date");
        let refused = init(&folder, today).expect_err("refused");
        assert!(refused.to_string().contains("not empty"), "{refused}");
        let left: Vec<_> = std::fs::read_dir(&folder).expect("folder").collect();
        assert_eq!(left.len(), 1);
    }
}
