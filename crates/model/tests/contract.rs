//! The bundle contract survives a trip through JSON, and its JSON has the
//! shape documented in docs/bundle-format.md.

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
            slug: "tin-tuc".into(),
            name: "Tin tức".into(),
        },
        lead: "Sáng 28/6, hội nghị đã diễn ra.".into(),
        author: "T.L".into(),
        image: Some(ImageRef {
            src: "/media/hoi-nghi.svg".into(),
            alt: "Quang cảnh".into(),
            width: Some(800),
            height: Some(450),
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
                width: None,
                height: None,
            },
        ],
    }
}

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(value: &T) -> T {
    let json = serde_json::to_string(value).expect("serialises");
    serde_json::from_str(&json).expect("deserialises")
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
    assert_eq!(json["schema_version"], SCHEMA_VERSION);
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
        categories: vec![Category {
            slug: "tin-tuc".into(),
            name: "Tin tức".into(),
            description: String::new(),
        }],
        footer: Footer {
            agency: "UBND tỉnh".into(),
            ..Footer::default()
        },
    };
    let home = Home {
        schema_version: SCHEMA_VERSION,
        featured: Some(summary.clone()),
        sections: vec![HomeSection {
            category: summary.category.clone(),
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
    };
    assert_eq!(round_trip(&site), site);
    assert_eq!(round_trip(&home), home);
    assert_eq!(round_trip(&listing), listing);
}

#[test]
fn an_impossible_date_in_a_bundle_is_refused() {
    let mut json = serde_json::to_value(sample_article()).expect("serialises");
    json["date"] = "2022-02-30".into();
    assert!(serde_json::from_value::<Article>(json).is_err());
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
}
