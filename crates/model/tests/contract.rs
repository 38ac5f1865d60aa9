//! The bundle contract survives a trip through JSON, and its JSON has the
//! shape documented in docs/bundle-format.md.

use bantin_model::json::{self, FromJson};
use bantin_model::*;

fn text(s: &str) -> Inline {
    Inline::Text { text: s.into() }
}

fn sample_article() -> Article {
    Article {
        schema_version: SCHEMA_VERSION,
        slug: "hoi-nghi-so-ket".into(),
        title: "Hội nghị sơ kết".into(),
        date: Date::new(2022, 6, 28).expect("a real day"),
        category: CategoryRef {
            slug: "kinh-te".into(),
            name: "Kinh tế".into(),
        },
        parent_category: Some(CategoryRef {
            slug: "tin-tuc".into(),
            name: "Tin tức".into(),
        }),
        lead: "Sáng 28/6, hội nghị đã diễn ra.".into(),
        author: "T.L".into(),
        image: Some(ImageRef {
            src: "/media/hoi-nghi.svg".into(),
            alt: "Quang cảnh".into(),
            width: Some(800),
            height: Some(450),
            variants: Vec::new(),
        }),
        caption: "Quang cảnh hội nghị".into(),
        tags: vec!["hội nghị".into()],
        body: vec![
            Block::Heading {
                level: 2,
                inlines: vec![text("Kết quả")],
            },
            Block::Paragraph {
                inlines: vec![
                    text("Một "),
                    Inline::Bold {
                        children: vec![text("đậm")],
                    },
                    Inline::Link {
                        href: "/tin-tuc/khac".into(),
                        children: vec![text("liên kết")],
                    },
                ],
            },
            Block::List {
                ordered: true,
                items: vec![vec![text("một")]],
            },
            Block::Quote {
                paragraphs: vec![vec![Inline::Italic {
                    children: vec![text("trích")],
                }]],
            },
            Block::Image {
                src: "/media/a.svg".into(),
                alt: "Ảnh".into(),
                caption: "Chú thích".into(),
                width: Some(1200),
                height: Some(800),
                variants: vec![
                    ImageVariant {
                        src: "/anh/a-480.0123456789ab.webp".into(),
                        width: 480,
                    },
                    ImageVariant {
                        src: "/anh/a-960.0123456789ab.webp".into(),
                        width: 960,
                    },
                ],
            },
            Block::Table {
                head: vec![vec![text("Chỉ tiêu")], vec![text("Kết quả")]],
                rows: vec![vec![vec![text("Thu ngân sách")], vec![text("54%")]]],
            },
            Block::Video(Video {
                youtube: Some("abcDEF12345".into()),
                title: "Phóng sự".into(),
                ..Video::default()
            }),
            Block::Attachment(sample_attachment()),
        ],
        video: None,
        attachments: vec![sample_attachment()],
        duration: String::new(),
        expires: Date::new(2022, 7, 31).ok(),
        expired: true,
        related: Vec::new(),
        previous: Some(ArticleLink {
            slug: "cu-hon".into(),
            title: "Cũ hơn".into(),
        }),
        next: None,
    }
}

fn sample_attachment() -> Attachment {
    Attachment {
        href: "/media/bao-cao.pdf".into(),
        title: "Báo cáo".into(),
        format: "PDF".into(),
        size: 48_213,
    }
}

/// Written as the bundler writes (serde), read as the app reads (the
/// model's own JSON reader).
fn round_trip<T: serde::Serialize + FromJson>(value: &T) -> T {
    let json = serde_json::to_string_pretty(value).expect("serialises");
    json::from_str(&json).expect("reads back")
}

#[test]
fn an_article_round_trips_through_json() {
    let article = sample_article();
    assert_eq!(round_trip(&article), article);
}

#[test]
fn blocks_are_tagged_by_type_and_dates_are_iso_strings() {
    let json = serde_json::to_value(sample_article()).expect("serialises");
    assert_eq!(json["date"], "2022-06-28");
    assert_eq!(json["body"][0]["type"], "heading");
    assert_eq!(json["body"][1]["inlines"][1]["type"], "bold");
    assert_eq!(json["body"][5]["type"], "table");
    assert_eq!(json["body"][6]["type"], "video");
    assert_eq!(json["body"][6]["youtube"], "abcDEF12345");
    assert_eq!(json["body"][7]["type"], "attachment");
    assert_eq!(json["body"][7]["size"], 48_213);
    assert_eq!(json["schema_version"], SCHEMA_VERSION);
    // A picture without copies carries no empty list.
    assert!(json["image"].get("variants").is_none());
}

#[test]
fn a_pictures_copies_make_its_srcset() {
    let article = sample_article();
    let Some(Block::Image { variants, .. }) = article
        .body
        .iter()
        .find(|b| matches!(b, Block::Image { .. }))
    else {
        panic!("the sample has a picture");
    };
    assert_eq!(
        srcset(variants).as_deref(),
        Some("/anh/a-480.0123456789ab.webp 480w, /anh/a-960.0123456789ab.webp 960w")
    );
    assert_eq!(srcset(&[]), None);
}

#[test]
fn site_home_and_listing_round_trip_through_json() {
    let summary = sample_article().summary();
    let site = Site {
        schema_version: SCHEMA_VERSION,
        name: "Cổng thông tin".into(),
        tagline: String::new(),
        description: "Mô tả".into(),
        base_url: "https://example.gov.vn".into(),
        menu: vec![MenuItem {
            label: "Trang chủ".into(),
            href: "/".into(),
        }],
        categories: vec![
            Category {
                slug: "tin-tuc".into(),
                name: "Tin tức".into(),
                description: String::new(),
                kind: CategoryKind::News,
                parent: None,
            },
            Category {
                slug: "kinh-te".into(),
                name: "Kinh tế".into(),
                description: String::new(),
                kind: CategoryKind::News,
                parent: Some("tin-tuc".into()),
            },
        ],
        footer: Footer {
            agency: "UBND tỉnh".into(),
            ..Footer::default()
        },
        counter: paths::STATS.into(),
        portals: vec![MenuItem {
            label: "Cổng Chính phủ".into(),
            href: "https://chinhphu.vn".into(),
        }],
        pages: vec![PageLink {
            slug: "gioi-thieu".into(),
            title: "Giới thiệu".into(),
        }],
    };
    let home = Home {
        schema_version: SCHEMA_VERSION,
        featured: Some(summary.clone()),
        sections: vec![HomeSection {
            category: summary.category.clone(),
            kind: CategoryKind::News,
            articles: vec![summary.clone()],
        }],
        sidebar: vec![HomeSection {
            category: summary.category.clone(),
            kind: CategoryKind::Documents,
            articles: vec![summary.clone()],
        }],
    };
    let listing = ListingPage {
        schema_version: SCHEMA_VERSION,
        category: site.categories[0].clone(),
        page: 1,
        total_pages: 1,
        total_articles: 1,
        articles: vec![summary],
        parent: None,
        children: vec![site.categories[1].to_ref()],
    };
    assert_eq!(round_trip(&site), site);
    assert_eq!(round_trip(&home), home);
    assert_eq!(round_trip(&listing), listing);
    let page = Page {
        schema_version: SCHEMA_VERSION,
        slug: "lien-he".into(),
        title: "Liên hệ".into(),
        lead: String::new(),
        body: vec![],
        contacts: vec![Contact {
            name: "Nguyễn Văn A".into(),
            role: "Chánh Văn phòng".into(),
            ..Contact::default()
        }],
    };
    assert_eq!(round_trip(&page), page);
}

#[test]
fn a_summary_carries_the_first_attachment_for_document_listings() {
    let summary = sample_article().summary();
    assert_eq!(summary.attachment, Some(sample_attachment()));
    let json = serde_json::to_value(CategoryKind::Announcements).expect("serialises");
    assert_eq!(json, "announcements");
}

#[test]
fn older_bundles_without_the_new_fields_still_read() {
    let category: Category =
        json::from_str(r#"{"slug":"tin-tuc","name":"Tin tức"}"#).expect("reads");
    assert_eq!(category.kind, CategoryKind::News);
    // The bundler reads an editor's stats.json with serde (for its line
    // numbers), the app with the model's reader: they agree.
    let text = r#"{"total": 77258962}"#;
    let stats: Stats = json::from_str(text).expect("reads");
    assert_eq!(stats.total, 77_258_962);
    assert_eq!(serde_json::from_str::<Stats>(text).ok(), Some(stats));
    assert!(json::from_str::<Stats>(r#"{"total": "nhiều"}"#).is_err());
    assert!(serde_json::from_str::<Stats>(r#"{"total": "nhiều"}"#).is_err());
}

#[test]
fn an_impossible_date_in_a_bundle_is_refused() {
    let mut json = serde_json::to_value(sample_article()).expect("serialises");
    json["date"] = "2022-02-30".into();
    let refused = json::from_str::<Article>(&json.to_string()).map_err(|e| e.to_string());
    assert_eq!(
        refused.err().as_deref(),
        Some("date.that day does not exist in the calendar")
    );
}

#[test]
fn the_envelope_reads_only_the_schema_version() {
    let envelope: Envelope =
        serde_json::from_str(r#"{"schema_version": 7, "anything": [1, 2]}"#).expect("de");
    assert_eq!(envelope.schema_version, 7);
}

#[test]
fn plain_text_drops_marks_but_keeps_words() {
    let bold = Inline::Bold {
        children: vec![
            text("Đảng "),
            Inline::Link {
                href: "/".into(),
                children: vec![text("bộ")],
            },
        ],
    };
    assert_eq!(bold.plain_text(), "Đảng bộ");
}

#[test]
fn bundle_paths_and_routes_agree_on_slugs() {
    assert_eq!(
        paths::listing("tin-tuc", 2),
        "/data/chuyen-muc/tin-tuc/2.json"
    );
    assert_eq!(paths::article("abc"), "/data/tin-tuc/abc.json");
    assert_eq!(routes::category("tin-tuc", 1), "/chuyen-muc/tin-tuc");
    assert_eq!(
        routes::category("tin-tuc", 3),
        "/chuyen-muc/tin-tuc/trang/3"
    );
    assert_eq!(routes::article("abc"), "/tin-tuc/abc");
    assert_eq!(paths::page("lien-he"), "/data/trang/lien-he.json");
    assert_eq!(routes::page("lien-he"), "/trang/lien-he");
}

#[test]
fn block_plain_text_keeps_words_of_every_block_kind() {
    let body = sample_article().body;
    let texts: Vec<String> = body.iter().map(Block::plain_text).collect();
    assert_eq!(texts[0], "Kết quả");
    assert_eq!(texts[1], "Một đậmliên kết");
    assert_eq!(texts[5], "Chỉ tiêu\nKết quả\nThu ngân sách\n54%");
    assert_eq!(texts[6], "Phóng sự");
    assert!(is_youtube_id("dQw4w9WgXcQ"));
    assert!(!is_youtube_id("dQw4w9WgXc\""));
}

#[test]
fn an_article_is_summarised_and_linked_by_its_own_summary_and_link_only() {
    let article = sample_article();
    assert!(article.is_summarised_by(&article.summary()));
    assert!(article.is_linked_by(&article.link()));
    let mut other = sample_article();
    other.lead.push_str(" (sửa)");
    assert!(!article.is_summarised_by(&other.summary()));
    assert!(article.is_linked_by(&other.link()));
    // The first file is part of a summary (document listings show it).
    other.lead = article.lead.clone();
    assert!(article.is_summarised_by(&other.summary()));
    other.attachments.clear();
    assert!(!article.is_summarised_by(&other.summary()));
    other.title.push('!');
    assert!(!article.is_linked_by(&other.link()));
}
