//! Reading [`Block`] and [`Inline`] from JSON in one pass: every field any
//! kind may have is taken as it comes, in any order, and the kind named by
//! `type` is built at the end. Unknown fields are skipped, as serde's
//! derive does.

use super::{Block, Inline};
use crate::{Attachment, ImageVariant, Video};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

const BLOCKS: &[&str] = &[
    "paragraph",
    "heading",
    "image",
    "list",
    "quote",
    "table",
    "video",
    "attachment",
];
const INLINES: &[&str] = &["text", "bold", "italic", "link"];

/// The field names of every kind, as one key type (no string kept).
enum Key {
    Type,
    Inlines,
    Level,
    Src,
    Alt,
    Caption,
    Width,
    Height,
    Variants,
    Ordered,
    Items,
    Paragraphs,
    Head,
    Rows,
    Youtube,
    Poster,
    Captions,
    Duration,
    Title,
    Href,
    Format,
    Size,
    Text,
    Children,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "type" => Key::Type,
                    "inlines" => Key::Inlines,
                    "level" => Key::Level,
                    "src" => Key::Src,
                    "alt" => Key::Alt,
                    "caption" => Key::Caption,
                    "width" => Key::Width,
                    "height" => Key::Height,
                    "variants" => Key::Variants,
                    "ordered" => Key::Ordered,
                    "items" => Key::Items,
                    "paragraphs" => Key::Paragraphs,
                    "head" => Key::Head,
                    "rows" => Key::Rows,
                    "youtube" => Key::Youtube,
                    "poster" => Key::Poster,
                    "captions" => Key::Captions,
                    "duration" => Key::Duration,
                    "title" => Key::Title,
                    "href" => Key::Href,
                    "format" => Key::Format,
                    "size" => Key::Size,
                    "text" => Key::Text,
                    "children" => Key::Children,
                    _ => Key::Other,
                })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// A field that must be there.
fn required<T, E: de::Error>(value: Option<T>, name: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(name))
}

/// Every field a block may carry, as read so far.
#[derive(Default)]
struct BlockFields {
    kind: Option<String>,
    inlines: Option<Vec<Inline>>,
    level: Option<u8>,
    src: Option<String>,
    alt: Option<String>,
    caption: Option<String>,
    width: Option<u32>,
    height: Option<u32>,
    variants: Option<Vec<ImageVariant>>,
    ordered: Option<bool>,
    items: Option<Vec<Vec<Inline>>>,
    paragraphs: Option<Vec<Vec<Inline>>>,
    head: Option<Vec<Vec<Inline>>>,
    rows: Option<Vec<Vec<Vec<Inline>>>>,
    youtube: Option<String>,
    poster: Option<String>,
    captions: Option<String>,
    duration: Option<String>,
    title: Option<String>,
    href: Option<String>,
    format: Option<String>,
    size: Option<u64>,
}

impl BlockFields {
    fn block<E: de::Error>(self) -> Result<Block, E> {
        let kind = required(self.kind, "type")?;
        Ok(match kind.as_str() {
            "paragraph" => Block::Paragraph {
                inlines: required(self.inlines, "inlines")?,
            },
            "heading" => Block::Heading {
                level: required(self.level, "level")?,
                inlines: required(self.inlines, "inlines")?,
            },
            "image" => Block::Image {
                src: required(self.src, "src")?,
                alt: required(self.alt, "alt")?,
                caption: self.caption.unwrap_or_default(),
                width: self.width,
                height: self.height,
                variants: self.variants.unwrap_or_default(),
            },
            "list" => Block::List {
                ordered: required(self.ordered, "ordered")?,
                items: required(self.items, "items")?,
            },
            "quote" => Block::Quote {
                paragraphs: required(self.paragraphs, "paragraphs")?,
            },
            "table" => Block::Table {
                head: required(self.head, "head")?,
                rows: required(self.rows, "rows")?,
            },
            "video" => Block::Video(Video {
                src: self.src,
                youtube: self.youtube,
                poster: self.poster,
                captions: self.captions,
                duration: self.duration.unwrap_or_default(),
                title: self.title.unwrap_or_default(),
            }),
            "attachment" => Block::Attachment(Attachment {
                href: required(self.href, "href")?,
                title: required(self.title, "title")?,
                format: required(self.format, "format")?,
                size: required(self.size, "size")?,
            }),
            other => return Err(E::unknown_variant(other, BLOCKS)),
        })
    }
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Block, D::Error> {
        struct BlockVisitor;
        impl<'de> Visitor<'de> for BlockVisitor {
            type Value = Block;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a block")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Block, A::Error> {
                let mut fields = BlockFields::default();
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Type => fields.kind = Some(map.next_value()?),
                        Key::Inlines => fields.inlines = Some(map.next_value()?),
                        Key::Level => fields.level = Some(map.next_value()?),
                        Key::Src => fields.src = map.next_value()?,
                        Key::Alt => fields.alt = Some(map.next_value()?),
                        Key::Caption => fields.caption = Some(map.next_value()?),
                        Key::Width => fields.width = map.next_value()?,
                        Key::Height => fields.height = map.next_value()?,
                        Key::Variants => fields.variants = Some(map.next_value()?),
                        Key::Ordered => fields.ordered = Some(map.next_value()?),
                        Key::Items => fields.items = Some(map.next_value()?),
                        Key::Paragraphs => fields.paragraphs = Some(map.next_value()?),
                        Key::Head => fields.head = Some(map.next_value()?),
                        Key::Rows => fields.rows = Some(map.next_value()?),
                        Key::Youtube => fields.youtube = map.next_value()?,
                        Key::Poster => fields.poster = map.next_value()?,
                        Key::Captions => fields.captions = map.next_value()?,
                        Key::Duration => fields.duration = Some(map.next_value()?),
                        Key::Title => fields.title = Some(map.next_value()?),
                        Key::Href => fields.href = Some(map.next_value()?),
                        Key::Format => fields.format = Some(map.next_value()?),
                        Key::Size => fields.size = Some(map.next_value()?),
                        Key::Text | Key::Children | Key::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                fields.block()
            }
        }
        deserializer.deserialize_map(BlockVisitor)
    }
}

impl<'de> Deserialize<'de> for Inline {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Inline, D::Error> {
        struct InlineVisitor;
        impl<'de> Visitor<'de> for InlineVisitor {
            type Value = Inline;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a run of text")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Inline, A::Error> {
                let mut kind: Option<String> = None;
                let mut text: Option<String> = None;
                let mut href: Option<String> = None;
                let mut children: Option<Vec<Inline>> = None;
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Type => kind = Some(map.next_value()?),
                        Key::Text => text = Some(map.next_value()?),
                        Key::Href => href = Some(map.next_value()?),
                        Key::Children => children = Some(map.next_value()?),
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                let kind = required(kind, "type")?;
                let children = || required(children, "children");
                Ok(match kind.as_str() {
                    "text" => Inline::Text {
                        text: required(text, "text")?,
                    },
                    "bold" => Inline::Bold {
                        children: children()?,
                    },
                    "italic" => Inline::Italic {
                        children: children()?,
                    },
                    "link" => Inline::Link {
                        href: required(href, "href")?,
                        children: children()?,
                    },
                    other => return Err(de::Error::unknown_variant(other, INLINES)),
                })
            }
        }
        deserializer.deserialize_map(InlineVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Block, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn every_kind_reads_back_as_written() -> Result<(), serde_json::Error> {
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
        let back: Vec<Block> = serde_json::from_str(&json)?;
        assert_eq!(back, blocks);
        Ok(())
    }

    #[test]
    fn fields_may_come_in_any_order_and_unknown_ones_are_skipped() -> Result<(), serde_json::Error>
    {
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
        missing(r#"{"inlines": []}"#, "missing field `type`");
        missing(
            r#"{"type": "heading", "inlines": []}"#,
            "missing field `level`",
        );
        missing(r#"{"type": "marquee"}"#, "unknown variant `marquee`");
        missing(
            r#"{"type": "paragraph", "inlines": [{"type": "blink", "children": []}]}"#,
            "unknown variant `blink`",
        );
        missing(r#"{"type": "paragraph", "inlines": 7}"#, "invalid type");
        missing(r#"{"type": "heading", "level": 300, "inlines": []}"#, "300");
        missing(r#"["paragraph"]"#, "invalid type");
    }
}
