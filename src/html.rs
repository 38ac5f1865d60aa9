//! The parts of a page that never change once drawn (an article's body, its
//! pictures, videos and files, the cards of a listing) written as HTML text.
//!
//! A component puts this text into one element as its inner HTML: the
//! build-time renderer writes it into the page as it is, and hydration
//! claims the element as one node instead of walking every paragraph. It
//! also keeps the app small: text needs one writer, where a view tree needs
//! rendering code for each shape of markup.
//!
//! Every value from content goes through [`Html::text`] or [`Html::attr`],
//! which escape it, so content cannot inject markup.

use crate::i18n::{format_date, format_size, Ui};
use bantin_model::{
    routes, srcset, ArticleSummary, Attachment, Block, CategoryKind, HomeSection, ImageRef,
    ImageVariant, Inline, Video,
};

/// The sizes an article's pictures are drawn at, for the browser to pick a
/// copy before layout.
pub const ARTICLE_PICTURE_SIZES: &str = "(min-width: 48rem) 46rem, calc(100vw - 2rem)";

/// HTML being written. Tags are opened with [`Html::open`], given
/// attributes, closed with [`Html::end`] (or [`Html::void`] for an element
/// with no content).
#[derive(Default)]
pub struct Html(String);

impl Html {
    /// The text written so far.
    pub fn finish(self) -> String {
        self.0
    }

    fn escaped(&mut self, value: &str) {
        for c in value.chars() {
            match c {
                '&' => self.0.push_str("&amp;"),
                '<' => self.0.push_str("&lt;"),
                '>' => self.0.push_str("&gt;"),
                '"' => self.0.push_str("&quot;"),
                _ => self.0.push(c),
            }
        }
    }

    /// Text content, escaped.
    pub fn text(&mut self, value: &str) -> &mut Self {
        self.escaped(value);
        self
    }

    /// Starts `<tag`; attributes follow.
    pub fn open(&mut self, tag: &'static str) -> &mut Self {
        self.0.push('<');
        self.0.push_str(tag);
        self
    }

    /// ` name="value"`, the value escaped.
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Self {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        self.escaped(value);
        self.0.push('"');
        self
    }

    /// An attribute written only when there is a value.
    pub fn attr_some(&mut self, name: &'static str, value: Option<&str>) -> &mut Self {
        if let Some(value) = value {
            self.attr(name, value);
        }
        self
    }

    /// An attribute whose presence is its meaning (`download`, `controls`).
    pub fn flag(&mut self, name: &'static str) -> &mut Self {
        self.0.push(' ');
        self.0.push_str(name);
        self
    }

    /// Ends the start tag: content follows.
    pub fn end(&mut self) -> &mut Self {
        self.0.push('>');
        self
    }

    /// Ends a start tag that has no content or end tag (`<img>`, `<source>`).
    pub fn void(&mut self) -> &mut Self {
        self.end()
    }

    /// `</tag>`.
    pub fn close(&mut self, tag: &'static str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// `<tag>text</tag>` with no attributes.
    pub fn element(&mut self, tag: &'static str, text: &str) -> &mut Self {
        self.open(tag).end().text(text).close(tag)
    }

    /// A run of inline text: bold, italic, links.
    pub fn inlines(&mut self, inlines: &[Inline]) -> &mut Self {
        for inline in inlines {
            match inline {
                Inline::Text { text } => {
                    self.text(text);
                }
                Inline::Bold { children } => {
                    self.open("strong").end().inlines(children).close("strong");
                }
                Inline::Italic { children } => {
                    self.open("em").end().inlines(children).close("em");
                }
                Inline::Link { href, children } => {
                    let external = href.starts_with("http://") || href.starts_with("https://");
                    self.open("a")
                        .attr("href", &crate::base::at(href))
                        .attr_some("rel", external.then_some("noopener noreferrer"))
                        .end()
                        .inlines(children)
                        .close("a");
                }
            }
        }
        self
    }

    /// `<tag>inlines</tag>`.
    fn run(&mut self, tag: &'static str, inlines: &[Inline]) -> &mut Self {
        self.open(tag).end().inlines(inlines).close(tag)
    }

    /// An article's body, block after block.
    pub fn blocks(&mut self, blocks: &[Block], ui: &Ui) -> &mut Self {
        for block in blocks {
            self.block(block, ui);
        }
        self
    }

    fn block(&mut self, block: &Block, ui: &Ui) {
        match block {
            Block::Paragraph { inlines } => {
                self.run("p", inlines);
            }
            Block::Heading { level, inlines } => {
                let tag = match level {
                    0..=2 => "h2",
                    3 => "h3",
                    _ => "h4",
                };
                self.run(tag, inlines);
            }
            Block::Image {
                src,
                alt,
                caption,
                width,
                height,
                variants,
            } => {
                let image = ImageRef {
                    src: src.clone(),
                    alt: alt.clone(),
                    width: *width,
                    height: *height,
                    variants: variants.clone(),
                };
                self.open("figure").attr("class", "figure").end();
                self.figure(&image, caption, true, ui).close("figure");
            }
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                self.open(tag).end();
                for item in items {
                    self.run("li", item);
                }
                self.close(tag);
            }
            Block::Quote { paragraphs } => {
                self.open("blockquote").end();
                for paragraph in paragraphs {
                    self.run("p", paragraph);
                }
                self.close("blockquote");
            }
            Block::Table { head, rows } => {
                self.open("div")
                    .attr("class", "table-scroll")
                    .attr("role", "region")
                    .attr("aria-label", ui.table)
                    .attr("tabindex", "0")
                    .end()
                    .open("table")
                    .end()
                    .open("thead")
                    .end()
                    .open("tr")
                    .end();
                for cell in head {
                    self.open("th").attr("scope", "col").end();
                    self.inlines(cell).close("th");
                }
                self.close("tr").close("thead").open("tbody").end();
                for row in rows {
                    self.open("tr").end();
                    for cell in row {
                        self.run("td", cell);
                    }
                    self.close("tr");
                }
                self.close("tbody").close("table").close("div");
            }
            Block::Video(video) => {
                self.open("figure").attr("class", "video").end();
                self.video(video, ui).close("figure");
            }
            Block::Attachment(attachment) => {
                self.attachment(attachment, ui);
            }
        }
    }

    /// `<picture>`: the WebP copies for the browser to choose from, and the
    /// original for browsers that cannot. The first picture of a page is
    /// fetched first; the others wait until they are near the screen.
    pub fn picture(
        &mut self,
        image: &ImageRef,
        alt: &str,
        sizes: &str,
        class: Option<&'static str>,
        lazy: bool,
    ) -> &mut Self {
        let variants: Vec<_> = image
            .variants
            .iter()
            .map(|variant| ImageVariant {
                src: crate::base::at(&variant.src),
                ..variant.clone()
            })
            .collect();
        self.open("picture").end();
        if let Some(srcset) = srcset(&variants) {
            self.open("source")
                .attr("type", "image/webp")
                .attr("srcset", &srcset)
                .attr("sizes", sizes)
                .void();
        }
        let width = image.width.map(|w| w.to_string());
        let height = image.height.map(|h| h.to_string());
        self.open("img")
            .attr_some("class", class)
            .attr("src", &crate::base::at(&image.src))
            .attr("alt", alt)
            .attr_some("width", width.as_deref())
            .attr_some("height", height.as_deref())
            .attr_some("loading", lazy.then_some("lazy"))
            .attr_some("fetchpriority", (!lazy).then_some("high"))
            .attr("decoding", "async")
            .void()
            .close("picture")
    }

    /// What goes inside `<figure class="figure">`: the picture and its
    /// caption, credited as a photo.
    pub fn figure(&mut self, image: &ImageRef, caption: &str, lazy: bool, ui: &Ui) -> &mut Self {
        self.picture(image, &image.alt, ARTICLE_PICTURE_SIZES, None, lazy);
        if !caption.is_empty() {
            self.element("figcaption", &format!("{}: {caption}", ui.photo));
        }
        self
    }

    /// What goes inside `<figure class="video">`: a YouTube frame or our
    /// own player (with its captions track), then the duration.
    pub fn video(&mut self, video: &Video, ui: &Ui) -> &mut Self {
        if let Some(embed) = video.youtube.as_deref().and_then(youtube_embed) {
            self.open("iframe")
                .attr("class", "video-frame")
                .attr("src", &embed)
                .attr("title", &video.title)
                .attr("width", "800")
                .attr("height", "450")
                .attr("allow", "encrypted-media; picture-in-picture; fullscreen")
                .attr("referrerpolicy", "strict-origin-when-cross-origin")
                .end()
                .close("iframe");
        } else if let Some(src) = &video.src {
            let poster = video.poster.as_deref().map(crate::base::at);
            self.open("video")
                .attr("class", "video-frame")
                .flag("controls")
                .attr("preload", "none")
                .attr_some("poster", poster.as_deref())
                .attr("width", "800")
                .attr("height", "450")
                .attr("aria-label", &video.title)
                .end()
                .open("source")
                .attr("src", &crate::base::at(src))
                .void();
            if let Some(captions) = &video.captions {
                self.open("track")
                    .attr("kind", "captions")
                    .attr("src", &crate::base::at(captions))
                    .attr("srclang", "vi")
                    .attr("label", ui.video_captions)
                    .flag("default")
                    .void();
            }
            self.element("p", ui.video_unsupported).close("video");
        }
        if !video.duration.is_empty() {
            self.element(
                "figcaption",
                &format!("{}: {}", ui.duration, video.duration),
            );
        }
        self
    }

    /// A file to download: its title, then its format and size.
    pub fn attachment(&mut self, attachment: &Attachment, ui: &Ui) -> &mut Self {
        self.open("p")
            .attr("class", "attachment")
            .end()
            .open("a")
            .attr("href", &crate::base::at(&attachment.href))
            .flag("download")
            .end()
            .open("span")
            .attr("class", "visually-hidden")
            .end()
            .text(ui.download)
            .text(": ")
            .close("span")
            .text(&attachment.title)
            .close("a")
            .text(" ")
            .open("span")
            .attr("class", "attachment-facts")
            .end()
            .text(&format!("({})", file_facts(attachment, ui)))
            .close("span")
            .close("p")
    }

    /// A breadcrumb trail's `<ol>`: the links from the home page down, then
    /// the page itself when it is not a link (`aria-current`).
    pub fn crumbs<'a>(
        &mut self,
        links: impl IntoIterator<Item = (String, &'a str)>,
        current: Option<&str>,
    ) -> &mut Self {
        self.open("ol").end();
        for (href, name) in links {
            self.open("li")
                .end()
                .open("a")
                .attr("href", &crate::base::at(&href))
                .end()
                .text(name)
                .close("a")
                .close("li");
        }
        if let Some(current) = current {
            self.open("li")
                .end()
                .open("span")
                .attr("aria-current", "page")
                .end()
                .text(current)
                .close("span")
                .close("li");
        }
        self.close("ol")
    }

    /// Cards as the items of a list: `<li><article class="card">…` each.
    pub fn card_items(
        &mut self,
        summaries: &[ArticleSummary],
        top_level: bool,
        ui: &Ui,
    ) -> &mut Self {
        for summary in summaries {
            self.open("li").end();
            self.card_element(
                &Card {
                    summary,
                    large: false,
                    top_level,
                },
                ui,
            );
            self.close("li");
        }
        self
    }

    /// A whole card: `<article class="card">` and what goes inside.
    pub fn card_element(&mut self, card: &Card, ui: &Ui) -> &mut Self {
        let class = if card.large {
            "card card-large"
        } else {
            "card"
        };
        self.open("article").attr("class", class).end();
        self.card(card, ui).close("article")
    }

    /// What goes inside `<article class="card">`: the picture, the headline
    /// (`h2` where the card is the page's own list, `h3` under a heading),
    /// the date and facts, the lead.
    pub fn card(&mut self, card: &Card, ui: &Ui) -> &mut Self {
        let summary = card.summary;
        if let Some(image) = &summary.image {
            // Small cards show a 7.5rem picture; the featured one is as wide
            // as the page on phones, three fifths of it from 48rem.
            let sizes = if card.large {
                "(min-width: 48rem) 40rem, calc(100vw - 2rem)"
            } else {
                "7.5rem"
            };
            self.picture(image, "", sizes, Some("card-image"), !card.large);
        }
        let heading = if card.top_level { "h2" } else { "h3" };
        self.open("div")
            .attr("class", "card-text")
            .end()
            .open(heading)
            .attr("class", "card-title")
            .end()
            .open("a")
            .attr("href", &crate::base::at(&routes::article(&summary.slug)))
            .end()
            .text(&summary.title)
            .close("a")
            .close(heading)
            .open("p")
            .attr("class", "card-meta")
            .end()
            .open("time")
            .attr("datetime", &summary.date.to_string())
            .end()
            .text(&format_date(summary.date, ui))
            .close("time");
        let facts = summary.attachment.as_ref().map(|a| file_facts(a, ui));
        let duration = (!summary.duration.is_empty())
            .then(|| format!("{}: {}", ui.duration, summary.duration));
        for fact in facts.iter().chain(&duration) {
            self.open("span")
                .attr("class", "card-facts")
                .end()
                .text(" · ")
                .text(fact)
                .close("span");
        }
        if summary.expired {
            self.open("span")
                .attr("class", "card-expired")
                .end()
                .text(" · ")
                .text(ui.expired_mark)
                .close("span");
        }
        self.close("p");
        if card.large || !summary.lead.is_empty() {
            self.open("p")
                .attr("class", "card-lead")
                .end()
                .text(&summary.lead)
                .close("p");
        }
        self.close("div")
    }

    /// One sidebar block: its heading, its latest items (a notice's date,
    /// a document's type and size, a video's poster), "Xem tất cả".
    pub fn sidebar_block(&mut self, section: &HomeSection, ui: &Ui) -> &mut Self {
        let heading_id = format!("khoi-{}", section.category.slug);
        self.open("section")
            .attr("class", "sidebar-block")
            .attr("aria-labelledby", &heading_id)
            .end()
            .open("h2")
            .attr("id", &heading_id)
            .attr("class", "sidebar-heading")
            .end()
            .text(&section.category.name)
            .close("h2")
            .open("ul")
            .attr("class", "sidebar-list")
            .end();
        for summary in &section.articles {
            self.sidebar_item(section.kind, summary, ui);
        }
        self.close("ul")
            .open("p")
            .attr("class", "see-all")
            .end()
            .open("a")
            .attr(
                "href",
                &crate::base::at(&routes::category(&section.category.slug, 1)),
            )
            .end()
            .text(ui.see_all)
            .open("span")
            .attr("class", "visually-hidden")
            .end()
            .text(" — ")
            .text(&section.category.name)
            .close("span")
            .close("a")
            .close("p")
            .close("section")
    }

    fn sidebar_item(&mut self, kind: CategoryKind, summary: &ArticleSummary, ui: &Ui) {
        let href = crate::base::at(&routes::article(&summary.slug));
        if kind == CategoryKind::Videos {
            self.open("li")
                .attr("class", "sidebar-video")
                .end()
                .open("a")
                .attr("href", &href)
                .end();
            if let Some(image) = &summary.image {
                self.picture(
                    image,
                    "",
                    "(min-width: 64rem) 20rem, calc(100vw - 2rem)",
                    Some("sidebar-poster"),
                    true,
                );
            }
            self.open("span")
                .attr("class", "sidebar-title")
                .end()
                .text(&summary.title)
                .close("span")
                .close("a")
                .close("li");
            return;
        }
        self.open("li")
            .end()
            .open("a")
            .attr("class", "sidebar-title")
            .attr("href", &href)
            .end()
            .text(&summary.title)
            .close("a")
            .open("span")
            .attr("class", "sidebar-meta")
            .end();
        if kind == CategoryKind::Documents {
            if let Some(attachment) = &summary.attachment {
                self.text(&file_facts(attachment, ui)).text(" · ");
            }
        }
        self.open("time")
            .attr("datetime", &summary.date.to_string())
            .end()
            .text(&format_date(summary.date, ui))
            .close("time")
            .close("span")
            .close("li");
    }
}

/// How a card is drawn.
pub struct Card<'a> {
    /// The article.
    pub summary: &'a ArticleSummary,
    /// The featured article of the home page: a wide picture, fetched first.
    pub large: bool,
    /// The card is an item of the page's own list (`h2`), not under a
    /// heading of its own (`h3`).
    pub top_level: bool,
}

/// The no-cookie embed address of a YouTube video, only for a real video
/// ID: anything else could point the frame elsewhere.
pub fn youtube_embed(id: &str) -> Option<String> {
    bantin_model::is_youtube_id(id).then(|| format!("https://www.youtube-nocookie.com/embed/{id}"))
}

/// A file's format and size, as a card and a download link show them.
pub fn file_facts(attachment: &Attachment, ui: &Ui) -> String {
    if attachment.size == 0 {
        attachment.format.clone()
    } else {
        format!(
            "{}, {}",
            attachment.format,
            format_size(attachment.size, ui)
        )
    }
}

/// Writes with a fresh [`Html`] and returns the text.
pub fn write(draw: impl FnOnce(&mut Html)) -> String {
    let mut html = Html::default();
    draw(&mut html);
    html.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::VI;
    use bantin_model::{CategoryRef, Date};

    fn text(text: &str) -> Inline {
        Inline::Text { text: text.into() }
    }

    #[test]
    fn content_cannot_inject_markup() {
        let body = vec![
            Block::Paragraph {
                inlines: vec![text("<script>alert(1)</script> & \"x\"")],
            },
            Block::Paragraph {
                inlines: vec![Inline::Link {
                    href: "/a\"><img src=x onerror=alert(1)>".into(),
                    children: vec![text("liên kết")],
                }],
            },
        ];
        let html = write(|h| {
            h.blocks(&body, &VI);
        });
        assert_eq!(
            html,
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</p>\
             <p><a href=\"/a&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">liên kết</a></p>"
        );
    }

    #[test]
    fn runs_nest_and_outside_links_open_nothing_of_ours() {
        let run = vec![
            Inline::Bold {
                children: vec![Inline::Italic {
                    children: vec![text("đậm nghiêng")],
                }],
            },
            Inline::Link {
                href: "https://example.org/".into(),
                children: vec![text("ngoài")],
            },
        ];
        let html = write(|h| {
            h.inlines(&run);
        });
        assert_eq!(
            html,
            "<strong><em>đậm nghiêng</em></strong>\
             <a href=\"https://example.org/\" rel=\"noopener noreferrer\">ngoài</a>"
        );
    }

    #[test]
    fn a_table_scrolls_as_a_named_region_with_column_headers() {
        let table = Block::Table {
            head: vec![vec![text("Xã")], vec![text("Số hộ")]],
            rows: vec![vec![vec![text("Tân Phú")], vec![text("1.204")]]],
        };
        let html = write(|h| {
            h.blocks(&[table], &VI);
        });
        assert!(html.starts_with(
            "<div class=\"table-scroll\" role=\"region\" aria-label=\"Bảng số liệu\" tabindex=\"0\">"
        ));
        assert!(html.contains("<th scope=\"col\">Số hộ</th>"));
        assert!(html.contains("<tbody><tr><td>Tân Phú</td><td>1.204</td></tr></tbody>"));
    }

    #[test]
    fn a_body_picture_waits_and_offers_its_copies() {
        let image = Block::Image {
            src: "/media/cau.jpg".into(),
            alt: "Cây cầu mới".into(),
            caption: "Cầu Tân Phú".into(),
            width: Some(1200),
            height: Some(800),
            variants: vec![
                ImageVariant {
                    src: "/anh/cau-480.webp".into(),
                    width: 480,
                },
                ImageVariant {
                    src: "/anh/cau-960.webp".into(),
                    width: 960,
                },
            ],
        };
        let html = write(|h| {
            h.blocks(&[image], &VI);
        });
        assert_eq!(
            html,
            "<figure class=\"figure\"><picture><source type=\"image/webp\" \
             srcset=\"/anh/cau-480.webp 480w, /anh/cau-960.webp 960w\" \
             sizes=\"(min-width: 48rem) 46rem, calc(100vw - 2rem)\">\
             <img src=\"/media/cau.jpg\" alt=\"Cây cầu mới\" width=\"1200\" height=\"800\" \
             loading=\"lazy\" decoding=\"async\"></picture>\
             <figcaption>Ảnh: Cầu Tân Phú</figcaption></figure>"
        );
    }

    #[test]
    fn a_video_gets_its_captions_and_duration_and_a_bad_youtube_id_no_frame() {
        let video = Video {
            src: Some("/media/hop-bao.mp4".into()),
            captions: Some("/media/hop-bao.vtt".into()),
            duration: "03:12".into(),
            title: "Họp báo".into(),
            ..Video::default()
        };
        let html = write(|h| {
            h.video(&video, &VI);
        });
        assert!(html.contains("<video class=\"video-frame\" controls preload=\"none\""));
        assert!(html.contains(
            "<track kind=\"captions\" src=\"/media/hop-bao.vtt\" srclang=\"vi\" \
             label=\"Phụ đề tiếng Việt\" default>"
        ));
        assert!(html.ends_with("<figcaption>Thời lượng: 03:12</figcaption>"));
        let hostile = Video {
            youtube: Some("x\"><script>".into()),
            ..Video::default()
        };
        assert_eq!(
            write(|h| {
                h.video(&hostile, &VI);
            }),
            ""
        );
    }

    #[test]
    fn only_real_youtube_ids_reach_the_embed_address() {
        assert_eq!(
            youtube_embed("dQw4w9WgXcQ").as_deref(),
            Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
        );
        assert_eq!(youtube_embed("x\"><script>"), None);
        assert_eq!(youtube_embed("../../evil1"), None);
    }

    #[test]
    fn facts_give_type_and_size() {
        let mut attachment = Attachment {
            href: "/media/a.pdf".into(),
            title: "Báo cáo".into(),
            format: "PDF".into(),
            size: 48_213,
        };
        assert_eq!(file_facts(&attachment, &VI), "PDF, 47,1 KB");
        let html = write(|h| {
            h.attachment(&attachment, &VI);
        });
        assert_eq!(
            html,
            "<p class=\"attachment\"><a href=\"/media/a.pdf\" download>\
             <span class=\"visually-hidden\">Tải về: </span>Báo cáo</a> \
             <span class=\"attachment-facts\">(PDF, 47,1 KB)</span></p>"
        );
        attachment.size = 0;
        assert_eq!(file_facts(&attachment, &VI), "PDF");
    }

    #[test]
    fn a_card_says_date_facts_and_expiry_in_vietnamese() -> Result<(), bantin_model::DateError> {
        let summary = ArticleSummary {
            slug: "thong-bao-lich-tiep-dan".into(),
            title: "Lịch tiếp công dân".into(),
            date: Date::parse("2022-06-28")?,
            category: CategoryRef {
                slug: "thong-bao".into(),
                name: "Thông báo".into(),
            },
            lead: String::new(),
            image: None,
            attachment: Some(Attachment {
                href: "/media/lich.pdf".into(),
                title: "Lịch".into(),
                format: "PDF".into(),
                size: 0,
            }),
            duration: String::new(),
            expired: true,
        };
        let html = write(|h| {
            h.card(
                &Card {
                    summary: &summary,
                    large: false,
                    top_level: false,
                },
                &VI,
            );
        });
        assert_eq!(
            html,
            "<div class=\"card-text\"><h3 class=\"card-title\">\
             <a href=\"/tin-tuc/thong-bao-lich-tiep-dan\">Lịch tiếp công dân</a></h3>\
             <p class=\"card-meta\"><time datetime=\"2022-06-28\">Thứ Ba, 28/06/2022</time>\
             <span class=\"card-facts\"> · PDF</span>\
             <span class=\"card-expired\"> · Đã hết hạn</span></p></div>"
        );
        Ok(())
    }
}
