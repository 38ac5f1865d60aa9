//! Markdown article bodies → structured blocks.
//!
//! Raw HTML is refused rather than passed through: the app never renders
//! HTML strings, and an editor should learn at build time that a tag they
//! typed would not show.

use crate::diagnostic::{column_of, line_of, Diagnostic};
use crate::load::media::{self, MediaLookup, PictureFacts};
use bantin_model::{Block, Inline, Video};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::path::Path;

/// Where a link may point: the web, mail, phone, or somewhere on this site.
pub fn is_allowed_link(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
        || (lower.starts_with('/') && !lower.starts_with("//"))
        || lower.starts_with('#')
}

/// A table being read.
#[derive(Default)]
struct Table {
    head: Vec<Vec<Inline>>,
    rows: Vec<Vec<Vec<Inline>>>,
    in_head: bool,
}

/// An inline container being filled.
enum Frame {
    Text,
    Bold,
    Italic,
    Link(String),
    Image { src: String, caption: String },
}

struct Converter<'a> {
    path: &'a Path,
    source: &'a str,
    first_line: usize,
    media: &'a dyn MediaLookup,
    blocks: Vec<Block>,
    /// Where the paragraph being read starts, for its diagnostics.
    paragraph_offset: usize,
    /// A table being read: its head, its rows, and whether the head is open.
    table: Option<Table>,
    frames: Vec<(Frame, Vec<Inline>)>,
    list: Option<(bool, Vec<Vec<Inline>>)>,
    list_depth: usize,
    quote: Option<Vec<Vec<Inline>>>,
    heading: Option<u8>,
    images: Vec<Block>,
    diagnostics: Vec<Diagnostic>,
    links: Vec<SiteLink>,
}

/// A link to a path on this site, kept with where it was written so a link
/// to an article or page that does not exist is reported at its place once
/// every file is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLink {
    /// The path as written (`/tin-tuc/hoi-nghi`, maybe with `?…` or `#…`).
    pub href: String,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// An article body, converted.
#[derive(Debug, Clone, Default)]
pub struct Converted {
    /// The blocks the app draws.
    pub blocks: Vec<Block>,
    /// Problems found, at their lines.
    pub diagnostics: Vec<Diagnostic>,
    /// Links to paths on this site, to check against the whole content.
    pub links: Vec<SiteLink>,
}

fn push_inline(into: &mut Vec<Inline>, inline: Inline) {
    if let Inline::Text { text } = &inline {
        if text.is_empty() {
            return;
        }
        if let Some(Inline::Text { text: last }) = into.last_mut() {
            last.push_str(text);
            return;
        }
    }
    into.push(inline);
}

fn trim_inlines(mut inlines: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text { text }) = inlines.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text }) = inlines.last_mut() {
        *text = text.trim_end().to_string();
    }
    inlines.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
    inlines
}

impl Converter<'_> {
    fn error(&mut self, offset: usize, message: impl Into<String>) {
        let line = self.first_line + line_of(self.source, offset) - 1;
        let column = column_of(self.source, offset);
        self.diagnostics
            .push(Diagnostic::at_column(self.path, line, column, message));
    }

    fn open_text(&mut self) {
        if self.frames.is_empty() {
            self.frames.push((Frame::Text, Vec::new()));
        }
    }

    fn push(&mut self, inline: Inline) {
        self.open_text();
        if let Some((_, inlines)) = self.frames.last_mut() {
            push_inline(inlines, inline);
        }
    }

    /// Closes the innermost inline frame into its parent.
    fn close_frame(&mut self, offset: usize) {
        let Some((frame, children)) = self.frames.pop() else {
            return;
        };
        let inline = match frame {
            Frame::Text => {
                self.frames.push((Frame::Text, children));
                return;
            }
            Frame::Bold => Inline::Bold { children },
            Frame::Italic => Inline::Italic { children },
            Frame::Link(href) => Inline::Link { href, children },
            Frame::Image { src, caption } => {
                let alt: String = children.iter().map(Inline::plain_text).collect();
                if alt.trim().is_empty() {
                    self.error(
                        offset,
                        format!("picture {src} has no description: write ![what it shows]({src})"),
                    );
                }
                if media::is_video_file(&src) {
                    if let Err(why) = self.media.file_size(&src) {
                        self.error(offset, why.to_string());
                    }
                    self.images.push(Block::Video(Video {
                        src: Some(src),
                        title: alt.trim().to_string(),
                        ..Video::default()
                    }));
                    return;
                }
                let facts = match self.media.image(&src) {
                    Ok(facts) => facts,
                    Err(why) => {
                        self.error(offset, why.to_string());
                        PictureFacts::default()
                    }
                };
                self.images.push(Block::Image {
                    src,
                    alt: alt.trim().to_string(),
                    caption,
                    width: facts.size.map(|s| s.0),
                    height: facts.size.map(|s| s.1),
                    variants: facts.variants,
                });
                return;
            }
        };
        self.push(inline);
    }

    /// Takes the text gathered since the last block ended.
    fn take_text(&mut self) -> Vec<Inline> {
        while self.frames.len() > 1 {
            self.close_frame(0);
        }
        trim_inlines(self.frames.pop().map(|(_, i)| i).unwrap_or_default())
    }

    /// A paragraph that is nothing but a link to a document or a YouTube
    /// video becomes a download or a player.
    fn lone_link_block(&mut self, inlines: &[Inline]) -> Option<Block> {
        let [Inline::Link { href, children }] = inlines else {
            return None;
        };
        let title: String = children.iter().map(Inline::plain_text).collect();
        if let Some(id) = media::youtube_id(href) {
            return Some(Block::Video(Video {
                youtube: Some(id),
                title,
                ..Video::default()
            }));
        }
        media::document_format(href)?;
        match media::attachment(self.media, href, &title) {
            Ok(attachment) => Some(Block::Attachment(attachment)),
            Err(why) => {
                self.error(self.paragraph_offset, why.to_string());
                None
            }
        }
    }

    fn end_paragraph(&mut self) {
        let inlines = self.take_text();
        if !inlines.is_empty() {
            if let Some(paragraphs) = self.quote.as_mut() {
                paragraphs.push(inlines);
            } else if let Some(level) = self.heading.take() {
                self.blocks.push(Block::Heading { level, inlines });
            } else if let Some(block) = self.lone_link_block(&inlines) {
                self.blocks.push(block);
            } else {
                self.blocks.push(Block::Paragraph { inlines });
            }
        }
        self.heading = None;
        let images = std::mem::take(&mut self.images);
        self.blocks.extend(images);
    }

    fn end_item(&mut self) {
        let inlines = self.take_text();
        if let Some((_, items)) = self.list.as_mut() {
            if !inlines.is_empty() {
                items.push(inlines);
            }
        }
    }

    fn event(&mut self, event: Event<'_>, offset: usize) {
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag, offset),
            Event::Text(text) | Event::Code(text) => self.push(Inline::Text {
                text: text.into_string(),
            }),
            Event::SoftBreak | Event::HardBreak => self.push(Inline::Text { text: " ".into() }),
            Event::Html(_) | Event::InlineHtml(_) => self.error(
                offset,
                "raw HTML is not allowed in articles: write it in Markdown (tags would show as text)",
            ),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        match tag {
            Tag::Paragraph | Tag::CodeBlock(_) => {
                self.paragraph_offset = offset;
                if self.list.is_none() {
                    self.open_text();
                } else {
                    self.push(Inline::Text { text: " ".into() });
                }
            }
            Tag::Heading { level, .. } => {
                let level = match level {
                    HeadingLevel::H1 | HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    _ => 4,
                };
                self.heading = (self.quote.is_none() && self.list.is_none()).then_some(level);
                self.open_text();
            }
            Tag::BlockQuote(_) if self.quote.is_none() => {
                self.end_paragraph();
                self.quote = Some(Vec::new());
            }
            Tag::List(start) => {
                self.list_depth += 1;
                if self.list.is_none() {
                    self.end_paragraph();
                    self.list = Some((start.is_some(), Vec::new()));
                } else {
                    // A nested list: its items join the outer list.
                    self.end_item();
                }
            }
            Tag::Item => {
                self.take_text();
                self.open_text();
            }
            Tag::Table(_) => {
                self.end_paragraph();
                self.table = Some(Table::default());
            }
            Tag::TableHead => {
                if let Some(table) = self.table.as_mut() {
                    table.in_head = true;
                }
            }
            Tag::TableRow => {
                if let Some(table) = self.table.as_mut() {
                    table.rows.push(Vec::new());
                }
            }
            Tag::TableCell => {
                self.take_text();
                self.open_text();
            }
            Tag::Emphasis => self.frames.push((Frame::Italic, Vec::new())),
            Tag::Strong => self.frames.push((Frame::Bold, Vec::new())),
            Tag::Link { dest_url, .. } => {
                if dest_url.starts_with('/') && !dest_url.starts_with("//") {
                    self.links.push(SiteLink {
                        href: dest_url.to_string(),
                        line: self.first_line + line_of(self.source, offset) - 1,
                        column: column_of(self.source, offset),
                    });
                }
                if !is_allowed_link(&dest_url) {
                    self.error(
                        offset,
                        format!("link target {:?} is not allowed: use http(s), mailto:, tel: or a path on this site", dest_url.as_ref()),
                    );
                }
                self.open_text();
                self.frames
                    .push((Frame::Link(dest_url.into_string()), Vec::new()));
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                self.open_text();
                self.frames.push((
                    Frame::Image {
                        src: dest_url.into_string(),
                        caption: title.into_string(),
                    },
                    Vec::new(),
                ));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, offset: usize) {
        match tag {
            TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::Heading(_) if self.list.is_none() => {
                self.end_paragraph();
            }
            TagEnd::BlockQuote(_) => {
                self.end_paragraph();
                if let Some(paragraphs) = self.quote.take() {
                    if !paragraphs.is_empty() {
                        self.blocks.push(Block::Quote { paragraphs });
                    }
                }
            }
            TagEnd::Item => self.end_item(),
            TagEnd::TableCell => {
                let cell = self.take_text();
                if let Some(table) = self.table.as_mut() {
                    match table.rows.last_mut() {
                        Some(row) if !table.in_head => row.push(cell),
                        _ => table.head.push(cell),
                    }
                }
            }
            TagEnd::TableHead => {
                if let Some(table) = self.table.as_mut() {
                    table.in_head = false;
                }
            }
            TagEnd::Table => {
                if let Some(Table { head, rows, .. }) = self.table.take() {
                    self.blocks.push(Block::Table { head, rows });
                }
                let images = std::mem::take(&mut self.images);
                self.blocks.extend(images);
            }
            TagEnd::List(_) => {
                self.list_depth = self.list_depth.saturating_sub(1);
                if self.list_depth == 0 {
                    if let Some((ordered, items)) = self.list.take() {
                        if !items.is_empty() {
                            self.blocks.push(Block::List { ordered, items });
                        }
                    }
                    let images = std::mem::take(&mut self.images);
                    self.blocks.extend(images);
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link | TagEnd::Image => {
                self.close_frame(offset)
            }
            _ => {}
        }
    }
}

/// Converts an article body. `first_line` is the line of the file the body
/// starts at, so problems are reported at the editor's line numbers.
pub fn to_blocks(path: &Path, body: &str, first_line: usize, media: &dyn MediaLookup) -> Converted {
    let mut converter = Converter {
        path,
        source: body,
        first_line,
        media,
        blocks: Vec::new(),
        paragraph_offset: 0,
        table: None,
        frames: Vec::new(),
        list: None,
        list_depth: 0,
        quote: None,
        heading: None,
        images: Vec::new(),
        diagnostics: Vec::new(),
        links: Vec::new(),
    };
    let parser = Parser::new_ext(body, Options::ENABLE_TABLES);
    for (event, range) in parser.into_offset_iter() {
        converter.event(event, range.start);
    }
    converter.end_paragraph();
    Converted {
        blocks: converter.blocks,
        diagnostics: converter.diagnostics,
        links: converter.links,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::LoadError;

    fn text(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    /// Every file exists except those named "missing".
    struct FakeMedia;

    impl MediaLookup for FakeMedia {
        fn image(&self, src: &str) -> Result<PictureFacts, LoadError> {
            if src.contains("missing") {
                Err(LoadError::Missing {
                    what: "picture",
                    src: src.to_string(),
                    file: src.into(),
                })
            } else {
                Ok(PictureFacts {
                    size: Some((800, 450)),
                    variants: Vec::new(),
                })
            }
        }

        fn file_size(&self, src: &str) -> Result<u64, LoadError> {
            if src.contains("missing") {
                Err(LoadError::Missing {
                    what: "file",
                    src: src.to_string(),
                    file: src.into(),
                })
            } else {
                Ok(48_213)
            }
        }
    }

    fn convert(body: &str) -> (Vec<Block>, Vec<String>) {
        let converted = to_blocks(Path::new("a.md"), body, 10, &FakeMedia);
        (
            converted.blocks,
            converted
                .diagnostics
                .iter()
                .map(|d| d.to_string())
                .collect(),
        )
    }

    #[test]
    fn paragraphs_keep_bold_italic_and_links() {
        let (blocks, errors) = convert("Một **đậm** và *nghiêng* với [liên kết](/tin-tuc/a).\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            blocks,
            vec![Block::Paragraph {
                inlines: vec![
                    text("Một "),
                    Inline::Bold {
                        children: vec![text("đậm")]
                    },
                    text(" và "),
                    Inline::Italic {
                        children: vec![text("nghiêng")]
                    },
                    text(" với "),
                    Inline::Link {
                        href: "/tin-tuc/a".into(),
                        children: vec![text("liên kết")]
                    },
                    text("."),
                ]
            }]
        );
    }

    #[test]
    fn headings_lists_quotes_and_pictures_become_blocks() {
        let body = "# Tiêu đề\n\n- một\n- hai\n\n1. thứ nhất\n\n> trích dẫn\n\n![Quang cảnh](/media/a.svg \"Quang cảnh hội nghị\")\n";
        let (blocks, errors) = convert(body);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(blocks.len(), 5);
        assert!(matches!(&blocks[0], Block::Heading { level: 2, .. }));
        assert!(matches!(&blocks[1], Block::List { ordered: false, items } if items.len() == 2));
        assert!(matches!(&blocks[2], Block::List { ordered: true, .. }));
        assert!(
            matches!(&blocks[3], Block::Quote { paragraphs } if paragraphs == &vec![vec![text("trích dẫn")]])
        );
        assert_eq!(
            blocks[4],
            Block::Image {
                src: "/media/a.svg".into(),
                alt: "Quang cảnh".into(),
                caption: "Quang cảnh hội nghị".into(),
                width: Some(800),
                height: Some(450),
                variants: Vec::new(),
            }
        );
    }

    #[test]
    fn tables_keep_their_head_and_rows() {
        let body =
            "| Chỉ tiêu | Kết quả |\n|---|---|\n| Thu **ngân sách** | 54% |\n| Xuất khẩu | 712 |\n";
        let (blocks, errors) = convert(body);
        assert!(errors.is_empty(), "{errors:?}");
        let [Block::Table { head, rows }] = blocks.as_slice() else {
            panic!("one table expected: {blocks:?}");
        };
        assert_eq!(head, &vec![vec![text("Chỉ tiêu")], vec![text("Kết quả")]]);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0][0][1],
            Inline::Bold {
                children: vec![text("ngân sách")]
            }
        );
        assert_eq!(rows[1], vec![vec![text("Xuất khẩu")], vec![text("712")]]);
    }

    #[test]
    fn lone_links_to_documents_and_videos_become_downloads_and_players() {
        let body = "[Toàn văn báo cáo](/media/bao-cao.pdf)\n\n[Phóng sự](https://youtu.be/dQw4w9WgXcQ)\n\n![Toàn cảnh](/media/phong-su.mp4)\n\nXem [báo cáo](/media/bao-cao.pdf) tại đây.\n";
        let (blocks, errors) = convert(body);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            blocks[0],
            Block::Attachment(bantin_model::Attachment {
                href: "/media/bao-cao.pdf".into(),
                title: "Toàn văn báo cáo".into(),
                format: "PDF".into(),
                size: 48_213,
            })
        );
        assert!(
            matches!(&blocks[1], Block::Video(v) if v.youtube.as_deref() == Some("dQw4w9WgXcQ") && v.title == "Phóng sự")
        );
        assert!(
            matches!(&blocks[2], Block::Video(v) if v.src.as_deref() == Some("/media/phong-su.mp4"))
        );
        assert!(
            matches!(&blocks[3], Block::Paragraph { .. }),
            "a link inside text stays a link"
        );
        let (_, errors) = convert("\n[Tải về](/media/missing.docx)\n");
        assert_eq!(
            errors,
            vec![
                "a.md:11:1: file /media/missing.docx does not exist: put it at /media/missing.docx"
            ]
        );
    }

    #[test]
    fn raw_html_is_refused_at_its_line() {
        let (_, errors) = convert("Dòng một.\n\n<script>alert(1)</script>\n");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("a.md:12:1: raw HTML"), "{errors:?}");
    }

    #[test]
    fn script_links_and_missing_pictures_are_reported() {
        let (_, errors) = convert("[bấm](javascript:alert(1))\n\n![Ảnh](/media/missing.png)\n");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].contains("a.md:10:1: link target"));
        assert!(errors[1].contains("a.md:12:1: picture /media/missing.png does not exist"));
    }

    #[test]
    fn links_to_the_site_are_kept_with_their_place() {
        let converted = to_blocks(
            Path::new("a.md"),
            "Một.\n\nXem [bài](/tin-tuc/a?x=1) và [web](https://a.vn), [trang](/trang/b#c).\n",
            5,
            &FakeMedia,
        );
        let found: Vec<(&str, usize, usize)> = converted
            .links
            .iter()
            .map(|l| (l.href.as_str(), l.line, l.column))
            .collect();
        assert_eq!(found, [("/tin-tuc/a?x=1", 7, 5), ("/trang/b#c", 7, 51)]);
    }

    #[test]
    fn problems_point_at_their_column_counted_in_characters() {
        let (_, errors) = convert("Xem đường [bấm](javascript:alert(1)) nhé.\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("a.md:10:11: link target"),
            "{errors:?}"
        );
    }

    #[test]
    fn only_safe_link_targets_are_allowed() {
        for ok in [
            "https://a.vn",
            "http://a.vn",
            "mailto:a@b.vn",
            "tel:0299",
            "/tin-tuc/a",
            "#muc",
        ] {
            assert!(is_allowed_link(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "data:text/html,x",
            "//evil.example",
            "vbscript:x",
        ] {
            assert!(!is_allowed_link(bad), "{bad}");
        }
    }
}
