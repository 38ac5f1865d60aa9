//! `bantin new <kind> "Tiêu đề"`: a new content file, named after its
//! Vietnamese title ("Hội nghị sơ kết" → `hoi-nghi-so-ket.md`), dated
//! today, filed under the site's first category of that kind, with the
//! optional fields of its kind written out as comments to fill in. The
//! file passes `bantin check` as written.

use super::AuthoringError;
use crate::load::content;
use bantin_model::{slugify, CategoryKind, Date};
use std::path::{Path, PathBuf};

/// What `new` can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An ordinary article.
    Article,
    /// A notice ("Thông báo").
    Announcement,
    /// A report or statistics with files ("Báo cáo - thống kê").
    Document,
    /// A video report.
    Video,
    /// A static page (giới thiệu, liên hệ).
    Page,
}

impl Kind {
    /// The kind an editor names, in English or Vietnamese.
    pub fn named(name: &str) -> Option<Kind> {
        match name {
            "article" | "bai-viet" | "tin" => Some(Kind::Article),
            "announcement" | "thong-bao" => Some(Kind::Announcement),
            "document" | "bao-cao" | "thong-ke" => Some(Kind::Document),
            "video" => Some(Kind::Video),
            "page" | "trang" => Some(Kind::Page),
            _ => None,
        }
    }

    /// The category kind articles of this kind are filed under.
    fn category_kind(self) -> CategoryKind {
        match self {
            Kind::Announcement => CategoryKind::Announcements,
            Kind::Document => CategoryKind::Documents,
            Kind::Video => CategoryKind::Videos,
            Kind::Article | Kind::Page => CategoryKind::News,
        }
    }

    /// The category slug used when `site.toml` cannot be read.
    fn default_category(self) -> &'static str {
        match self {
            Kind::Announcement => "thong-bao",
            Kind::Document => "bao-cao-thong-ke",
            Kind::Video => "videos",
            Kind::Article | Kind::Page => "tin-tuc",
        }
    }
}

/// The category for `kind`: the first of that kind in the site's settings.
fn category_for(kind: Kind, root: &Path) -> String {
    content::site_settings(root)
        .ok()
        .and_then(|site| {
            site.categories
                .iter()
                .find(|c| c.kind == kind.category_kind())
                .or_else(|| site.categories.first())
                .map(|c| c.slug.clone())
        })
        .unwrap_or_else(|| kind.default_category().to_string())
}

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The new file's path and text, for `title` in the content folder `root`.
pub fn new_file(
    kind: Kind,
    title: &str,
    root: &Path,
    date: Date,
) -> Result<(PathBuf, String), AuthoringError> {
    let title = title.trim();
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(AuthoringError::NoFileName {
            title: title.to_string(),
        });
    }
    let (folder, text) = match kind {
        Kind::Page => (
            "pages",
            format!(
                "+++\ntitle = {}\nlead = \"\"\norder = 10\n\n# [[contacts]]\n# name = \"\"\n# role = \"\"\n# phone = \"\"\n# email = \"\"\n+++\nViết nội dung trang ở đây.\n",
                quoted(title)
            ),
        ),
        _ => {
            let extra = match kind {
                Kind::Announcement | Kind::Document => {
                    "# Files to download (PDF, DOCX, XLSX under media/); the size is read from the file.\n\
                     # [[attachments]]\n# file = \"media/ten-tep.pdf\"\n# title = \"\"\n"
                }
                Kind::Video => {
                    "# A video file under media/ or a YouTube id; the picture above is its poster.\n\
                     # video = \"media/ten-video.mp4\"\n# youtube = \"\"\n# captions = \"media/ten-video.vtt\"\n# duration = \"3:20\"\n"
                }
                _ => "",
            };
            (
                "articles",
                format!(
                    "+++\ntitle = {}\ndate = {date}\ncategory = {}\nlead = \"\"\nauthor = \"\"\ntags = []\n\
                     # image = \"media/ten-anh.jpg\"\n# image_alt = \"\"\n# caption = \"\"\n{extra}+++\n\
                     Viết nội dung bài ở đây.\n",
                    quoted(title),
                    quoted(&category_for(kind, root)),
                ),
            )
        }
    };
    Ok((root.join(folder).join(format!("{slug}.md")), text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_named_in_english_or_vietnamese() {
        assert_eq!(Kind::named("announcement"), Some(Kind::Announcement));
        assert_eq!(Kind::named("thong-bao"), Some(Kind::Announcement));
        assert_eq!(Kind::named("trang"), Some(Kind::Page));
        assert_eq!(Kind::named("podcast"), None);
    }

    #[test]
    fn the_file_is_named_from_the_vietnamese_title() {
        let date = Date::new(2024, 7, 1).expect("a day");
        let (path, text) = new_file(
            Kind::Article,
            "Hội nghị sơ kết",
            Path::new("/khong-co"),
            date,
        )
        .expect("a file");
        assert_eq!(path, Path::new("/khong-co/articles/hoi-nghi-so-ket.md"));
        assert!(
            text.contains("title = \"Hội nghị sơ kết\"\ndate = 2024-07-01\ncategory = \"tin-tuc\"")
        );
        let (path, _) =
            new_file(Kind::Page, "Đường dây nóng", Path::new("c"), date).expect("a file");
        assert_eq!(path, Path::new("c/pages/duong-day-nong.md"));
        assert!(new_file(Kind::Video, " … ", Path::new("c"), date).is_err());
    }
}
