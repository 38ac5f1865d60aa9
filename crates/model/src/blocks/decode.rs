//! Reading [`Block`] and [`Inline`] from JSON: the kind named by `type`
//! decides which fields are taken; fields may come in any order, and
//! unknown ones are ignored, as serde's derive does.

use super::{Block, Inline};
use crate::json::{Fields, FromJson, Json, JsonError};
use crate::{Attachment, Video};

impl FromJson for Block {
    fn from_json(value: Json) -> Result<Block, JsonError> {
        let mut f = Fields::of(value)?;
        let kind: String = f.take("type")?;
        Ok(match kind.as_str() {
            "paragraph" => Block::Paragraph {
                inlines: f.take("inlines")?,
            },
            "heading" => Block::Heading {
                level: f.take("level")?,
                inlines: f.take("inlines")?,
            },
            "image" => Block::Image {
                src: f.take("src")?,
                alt: f.take("alt")?,
                caption: f.or_default("caption")?,
                width: f.take("width")?,
                height: f.take("height")?,
                variants: f.or_default("variants")?,
            },
            "list" => Block::List {
                ordered: f.take("ordered")?,
                items: f.take("items")?,
            },
            "quote" => Block::Quote {
                paragraphs: f.take("paragraphs")?,
            },
            "table" => Block::Table {
                head: f.take("head")?,
                rows: f.take("rows")?,
            },
            "video" => Block::Video(Video::from_fields(&mut f)?),
            "attachment" => Block::Attachment(Attachment::from_fields(&mut f)?),
            _ => return Err(unknown(&kind)),
        })
    }
}

impl FromJson for Inline {
    fn from_json(value: Json) -> Result<Inline, JsonError> {
        let mut f = Fields::of(value)?;
        let kind: String = f.take("type")?;
        Ok(match kind.as_str() {
            "text" => Inline::Text {
                text: f.take("text")?,
            },
            "bold" => Inline::Bold {
                children: f.take("children")?,
            },
            "italic" => Inline::Italic {
                children: f.take("children")?,
            },
            "link" => Inline::Link {
                href: f.take("href")?,
                children: f.take("children")?,
            },
            _ => return Err(unknown(&kind)),
        })
    }
}

fn unknown(kind: &str) -> JsonError {
    JsonError::new(format!("unknown type `{kind}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::json::from_str;
    use crate::ImageVariant;

    fn read(json: &str) -> Result<Block, JsonError> {
        from_str(json)
    }

    #[test]
    fn every_kind_reads_back_as_written() -> Result<(), Box<dyn std::error::Error>> {
        let text = |t: &str| Inline::Text { text: t.into() };
        let blocks = vec![
            Block::Paragraph {
                inlines: vec![
                    text("Đường "),
                    Inline::Bold {
                        children: vec![Inline::Link {
                            href: "/tin-tuc/a".into(),
                            children: vec![text("mới")],
                        }],
                    },
                    Inline::Italic {
                        children: vec![text("<b>")],
                    },
                ],
            },
            Block::Heading {
                level: 3,
                inlines: vec![text("Mục")],
            },
            Block::Image {
                src: "/media/a.jpg".into(),
                alt: "Ảnh".into(),
                caption: String::new(),
                width: Some(800),
                height: None,
                variants: vec![ImageVariant {
                    src: "/anh/a-480.webp".into(),
                    width: 480,
                }],
            },
            Block::List {
                ordered: true,
                items: vec![vec![text("một")], vec![]],
            },
            Block::Quote {
                paragraphs: vec![vec![text("trích")]],
            },
            Block::Table {
                head: vec![vec![text("Cột")]],
                rows: vec![vec![vec![text("1")]]],
            },
            Block::Video(Video {
                youtube: Some("dQw4w9WgXcQ".into()),
                title: "Phim".into(),
                ..Video::default()
            }),
            Block::Attachment(Attachment {
                href: "/media/bc.pdf".into(),
                title: "Báo cáo".into(),
                format: "PDF".into(),
                size: 48_230,
            }),
        ];
        let json = serde_json::to_string(&blocks)?;
        let back: Vec<Block> = from_str(&json)?;
        assert_eq!(back, blocks);
        Ok(())
    }

    #[test]
    fn fields_may_come_in_any_order_and_unknown_ones_are_skipped() -> Result<(), JsonError> {
        let block = read(
            r#"{"inlines": [{"text": "a", "type": "text"}], "note": {"x": [1]}, "type": "paragraph"}"#,
        )?;
        assert_eq!(
            block,
            Block::Paragraph {
                inlines: vec![Inline::Text { text: "a".into() }]
            }
        );
        Ok(())
    }

    #[test]
    fn a_block_without_its_kind_or_its_fields_is_refused() {
        let missing = |json: &str, what: &str| match read(json) {
            Err(e) => assert!(e.to_string().contains(what), "{json}: {e}"),
            Ok(block) => panic!("{json} read as {block:?}"),
        };
        missing(r#"{"inlines": []}"#, "`type` is missing");
        missing(
            r#"{"type": "heading", "inlines": []}"#,
            "`level` is missing",
        );
        missing(r#"{"type": "marquee"}"#, "unknown type `marquee`");
        missing(
            r#"{"type": "paragraph", "inlines": [{"type": "blink", "children": []}]}"#,
            "inlines.unknown type `blink`",
        );
        missing(
            r#"{"type": "paragraph", "inlines": 7}"#,
            "inlines.expected an array",
        );
        missing(
            r#"{"type": "heading", "level": 300, "inlines": []}"#,
            "level.300 is too large",
        );
        missing(r#"["paragraph"]"#, "expected an object");
    }
}
