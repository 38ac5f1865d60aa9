//! Article bodies as structured blocks, never HTML strings: the app renders
//! each block with its own view code, so no content can inject markup.

use crate::{Attachment, Video};
use serde::Serialize;

mod decode;

/// One block of an article body. In JSON, an object whose `type` names
/// the kind (`"paragraph"`, `"image"`, …) beside that kind's fields; read
/// by a hand-written dispatch on the tag ([`decode`]), not serde's
/// internally tagged derive, which buffers every value first and costs the
/// reader's WASM several times the code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of running text.
    Paragraph {
        /// The paragraph's text with its inline marks.
        inlines: Vec<Inline>,
    },
    /// A section heading inside the article (the article title is level 1,
    /// so body headings are 2 to 4).
    Heading {
        /// 2, 3 or 4.
        level: u8,
        /// The heading text.
        inlines: Vec<Inline>,
    },
    /// A picture with its caption.
    Image {
        /// Site-relative or absolute http(s) URL of the picture.
        src: String,
        /// Text for readers who cannot see the picture.
        alt: String,
        /// Shown under the picture as "Ảnh: …"; empty when there is none.
        #[serde(default)]
        caption: String,
        /// Intrinsic width in pixels, so the page reserves room before load.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        width: Option<u32>,
        /// Intrinsic height in pixels.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        height: Option<u32>,
        /// Smaller WebP copies to choose from (see [`crate::ImageVariant`]).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        variants: Vec<crate::ImageVariant>,
    },
    /// A bulleted or numbered list; each item is a run of inline text.
    List {
        /// True for a numbered list.
        ordered: bool,
        /// The items, in order.
        items: Vec<Vec<Inline>>,
    },
    /// A quotation, made of paragraphs.
    Quote {
        /// The quoted paragraphs, each a run of inline text.
        paragraphs: Vec<Vec<Inline>>,
    },
    /// A table of figures; every cell is a run of inline text.
    Table {
        /// Column headings.
        head: Vec<Vec<Inline>>,
        /// Body rows, each with one cell per column.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A video shown inside the text.
    Video(Video),
    /// A file to download, with its type and size.
    Attachment(Attachment),
}

/// A run of text inside a block, possibly marked up; tagged by `type` as
/// [`Block`] is, and read the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    /// Plain text, shown exactly as written (never parsed as markup).
    Text {
        /// The text.
        text: String,
    },
    /// Strong emphasis.
    Bold {
        /// What is emphasised.
        children: Vec<Inline>,
    },
    /// Emphasis.
    Italic {
        /// What is emphasised.
        children: Vec<Inline>,
    },
    /// A hyperlink; the bundler admits only http(s), mailto, tel and
    /// site-relative targets.
    Link {
        /// The link target.
        href: String,
        /// The link text.
        children: Vec<Inline>,
    },
}

impl Block {
    /// The words of this block, marks and pictures dropped (for reading
    /// aloud, excerpts and search). Blocks without words give "".
    pub fn plain_text(&self) -> String {
        let join = |runs: &[Vec<Inline>]| {
            runs.iter()
                .map(|run| run.iter().map(Inline::plain_text).collect::<String>())
                .collect::<Vec<_>>()
                .join("\n")
        };
        match self {
            Block::Paragraph { inlines } | Block::Heading { inlines, .. } => {
                inlines.iter().map(Inline::plain_text).collect()
            }
            Block::List { items, .. } => join(items),
            Block::Quote { paragraphs } => join(paragraphs),
            Block::Table { head, rows } => std::iter::once(join(head))
                .chain(rows.iter().map(|row| join(row)))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Image { caption, .. } => caption.clone(),
            Block::Video(video) => video.title.clone(),
            Block::Attachment(attachment) => attachment.title.clone(),
        }
    }
}

impl Inline {
    /// Plain text of this run, marks dropped (for excerpts and search).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        self.push_plain_text(&mut out);
        out
    }

    fn push_plain_text(&self, out: &mut String) {
        match self {
            Inline::Text { text } => out.push_str(text),
            Inline::Bold { children } | Inline::Italic { children } => {
                children.iter().for_each(|c| c.push_plain_text(out))
            }
            Inline::Link { children, .. } => children.iter().for_each(|c| c.push_plain_text(out)),
        }
    }
}
