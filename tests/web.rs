//! Component tests in a real browser (headless Chromium), run by
//! `make test-wasm`: mount a component, act as a reader would, read the DOM.
#![cfg(target_arch = "wasm32")]

use bantin::components::article_body::ArticleBody;
use bantin::components::error_view::ErrorView;
use bantin::components::language_switch::LanguageSwitch;
use bantin::components::pager::Pager;
use bantin::components::text_size::{TextSize, TextSizeControl, STORAGE_KEY};
use bantin::components::visitor_counter::CounterFigures;
use bantin::error::AppError;
use bantin::i18n::{provide_lang, use_ui, Lang};
use bantin_model::{Attachment, Block, ImageVariant, Inline, Stats, Video};
use leptos::{mount::mount_to, prelude::*, task::tick};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let document = document();
    let element = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&element)
        .expect("appended");
    element.unchecked_into()
}

fn text(s: &str) -> Inline {
    Inline::Text { text: s.into() }
}

#[wasm_bindgen_test]
async fn article_body_renders_every_block_and_keeps_markup_as_text() {
    let root = container();
    let blocks = vec![
        Block::Heading {
            level: 2,
            inlines: vec![text("Kết quả nổi bật")],
        },
        Block::Paragraph {
            inlines: vec![
                text("<script>window.hacked = 1</script> và "),
                Inline::Bold {
                    children: vec![text("chữ đậm")],
                },
            ],
        },
        Block::List {
            ordered: false,
            items: vec![vec![text("một")], vec![text("hai")]],
        },
        Block::Quote {
            paragraphs: vec![vec![text("Lời trích")]],
        },
        Block::Image {
            src: "/media/a.svg".into(),
            alt: "Quang cảnh".into(),
            caption: "Quang cảnh hội nghị".into(),
            width: Some(960),
            height: Some(540),
            variants: Vec::new(),
        },
        Block::Image {
            src: "/media/dong-lua.jpg".into(),
            alt: "Cánh đồng".into(),
            caption: String::new(),
            width: Some(1920),
            height: Some(1080),
            variants: [480, 960]
                .map(|width| ImageVariant {
                    src: format!("/anh/dong-lua-{width}.abc.webp"),
                    width,
                })
                .to_vec(),
        },
    ];
    let _mounted = mount_to(root.clone(), move || view! { <ArticleBody blocks /> });
    tick().await;

    let query = |selector: &str| root.query_selector(selector).ok().flatten();
    let heading = query("h2").expect("a heading");
    assert_eq!(heading.text_content().as_deref(), Some("Kết quả nổi bật"));
    assert!(
        query("script").is_none(),
        "markup in text must not become an element"
    );
    let paragraph = query("p").expect("a paragraph");
    assert!(paragraph
        .text_content()
        .unwrap_or_default()
        .starts_with("<script>window.hacked = 1</script>"));
    assert_eq!(
        query("p strong").and_then(|e| e.text_content()).as_deref(),
        Some("chữ đậm")
    );
    assert_eq!(
        root.query_selector_all("ul li").map(|l| l.length()).ok(),
        Some(2)
    );
    assert!(query("blockquote").is_some());
    let image = query("figure img").expect("a picture");
    assert_eq!(image.get_attribute("width").as_deref(), Some("960"));
    assert_eq!(image.get_attribute("alt").as_deref(), Some("Quang cảnh"));
    // An SVG has no copies: no <source>; a photo offers its WebP copies
    // with the width the article column shows them at.
    assert_eq!(
        root.query_selector_all("figure source")
            .map(|l| l.length())
            .ok(),
        Some(1)
    );
    let source = query("figure source[type='image/webp']").expect("a WebP source");
    assert_eq!(
        source.get_attribute("srcset").as_deref(),
        Some("/anh/dong-lua-480.abc.webp 480w, /anh/dong-lua-960.abc.webp 960w")
    );
    assert!(source
        .get_attribute("sizes")
        .is_some_and(|sizes| sizes.contains("46rem")));
    let photo = source
        .next_element_sibling()
        .expect("the <img> after its source");
    assert_eq!(
        photo.get_attribute("src").as_deref(),
        Some("/media/dong-lua.jpg")
    );
    assert_eq!(photo.get_attribute("loading").as_deref(), Some("lazy"));
    // Only the first picture on screen is asked for ahead of the rest.
    assert_eq!(photo.get_attribute("fetchpriority"), None);
    assert_eq!(
        query("figcaption")
            .and_then(|e| e.text_content())
            .as_deref(),
        Some("Ảnh: Quang cảnh hội nghị")
    );
}

#[wasm_bindgen_test]
async fn error_view_explains_in_vietnamese_and_retries_on_click() {
    let root = container();
    let retries = RwSignal::new(0);
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <ErrorView
                error=AppError::Network("offline".into())
                on_retry=Callback::new(move |()| retries.update(|n| *n += 1))
            />
        }
    });
    tick().await;
    assert_eq!(
        root.query_selector("h2")
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
            .as_deref(),
        Some("Không tải được nội dung")
    );
    assert_eq!(
        root.query_selector("[role=alert]")
            .ok()
            .flatten()
            .map(|_| ()),
        Some(())
    );
    let button: web_sys::HtmlElement = root
        .query_selector("button")
        .ok()
        .flatten()
        .expect("a retry button")
        .unchecked_into();
    assert_eq!(button.text_content().as_deref(), Some("Thử lại"));
    button.click();
    button.click();
    tick().await;
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
async fn not_found_offers_the_way_home_but_no_retry() {
    let root = container();
    let _mounted = mount_to(
        root.clone(),
        || view! { <ErrorView error=AppError::NotFound /> },
    );
    tick().await;
    assert!(root.query_selector("button").ok().flatten().is_none());
    let link = root
        .query_selector("a")
        .ok()
        .flatten()
        .expect("a link home");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/"));
    assert_eq!(link.text_content().as_deref(), Some("Về trang chủ"));
}

#[wasm_bindgen_test]
async fn pager_marks_the_current_page_and_links_its_neighbours() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        view! {
            <Pager
                current=3
                total=9
                href=Callback::new(|page: u32| format!("/chuyen-muc/tin-tuc/trang/{page}"))
            />
        }
    });
    tick().await;
    let current = root
        .query_selector("[aria-current=page]")
        .ok()
        .flatten()
        .expect("the current page");
    assert_eq!(current.text_content().as_deref(), Some("3"));
    let next = root
        .query_selector("a[rel=next]")
        .ok()
        .flatten()
        .expect("next");
    assert_eq!(
        next.get_attribute("href").as_deref(),
        Some("/chuyen-muc/tin-tuc/trang/4")
    );
    assert_eq!(next.text_content().as_deref(), Some("Trang sau"));
    let previous = root
        .query_selector("a[rel=prev]")
        .ok()
        .flatten()
        .expect("previous");
    assert_eq!(
        previous.get_attribute("href").as_deref(),
        Some("/chuyen-muc/tin-tuc/trang/2")
    );
    let labels: Vec<String> = (1..=9)
        .filter_map(|page| {
            root.query_selector(&format!("a[aria-label='Trang {page}']"))
                .ok()
                .flatten()
                .map(|_| page.to_string())
        })
        .collect();
    assert_eq!(labels, ["1", "2", "4", "5", "9"]);
}

#[wasm_bindgen_test]
async fn a_single_page_listing_shows_no_pager() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        view! { <Pager current=1 total=1 href=Callback::new(|page: u32| page.to_string()) /> }
    });
    tick().await;
    assert!(root.query_selector("nav").ok().flatten().is_none());
}

fn query(root: &web_sys::HtmlElement, selector: &str) -> Option<web_sys::Element> {
    root.query_selector(selector).ok().flatten()
}

fn click(root: &web_sys::HtmlElement, selector: &str) {
    let element: web_sys::HtmlElement = query(root, selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into();
    element.click();
}

#[wasm_bindgen_test]
async fn counter_groups_thousands_the_vietnamese_way() {
    let root = container();
    let stats = Stats {
        total: 77_258_962,
        today: Some(1_204),
    };
    let _mounted = mount_to(root.clone(), move || view! { <CounterFigures stats /> });
    tick().await;
    assert_eq!(
        query(&root, "h2").and_then(|e| e.text_content()).as_deref(),
        Some("Lượt truy cập")
    );
    let lines: Vec<String> = (0..2)
        .filter_map(|i| root.query_selector_all("li").ok()?.item(i)?.text_content())
        .collect();
    assert_eq!(lines, vec!["Tất cả: 77.258.962", "Hôm nay: 1.204"]);
}

#[wasm_bindgen_test]
async fn text_size_buttons_step_stop_at_the_ends_and_remember_the_choice() {
    let root = container();
    let storage = window().local_storage().ok().flatten().expect("storage");
    let _ = storage.remove_item(STORAGE_KEY);
    let size = RwSignal::new(TextSize::default());
    let _mounted = mount_to(root.clone(), move || view! { <TextSizeControl size /> });
    tick().await;
    let larger = "button[title='Tăng cỡ chữ']";
    for _ in 0..10 {
        click(&root, larger);
    }
    tick().await;
    assert!(size.get_untracked().is_max());
    assert!(query(&root, larger)
        .map(|b| b.has_attribute("disabled"))
        .unwrap_or(false));
    assert_eq!(
        storage.get_item(STORAGE_KEY).ok().flatten(),
        Some(size.get_untracked().stored())
    );
    click(&root, "button[title='Cỡ chữ mặc định']");
    tick().await;
    assert_eq!(size.get_untracked(), TextSize::default());
    assert_eq!(
        query(&root, "button[aria-pressed=true]")
            .and_then(|b| b.get_attribute("title"))
            .as_deref(),
        Some("Cỡ chữ mặc định")
    );
    click(&root, "button[title='Giảm cỡ chữ']");
    tick().await;
    assert!(size.get_untracked().is_min());
    assert_eq!(size.get_untracked().class(), "text-size-s1");
}

#[wasm_bindgen_test]
async fn language_switch_turns_the_interface_english_and_sets_html_lang() {
    let root = container();
    let seen = RwSignal::new(String::new());
    let _mounted = mount_to(root.clone(), move || {
        let lang = provide_lang(Lang::Vi);
        view! {
            <LanguageSwitch />
            {move || {
                lang.track();
                seen.set(use_ui().home.to_string());
                view! { <p class="home-word">{use_ui().home}</p> }
            }}
        }
    });
    tick().await;
    assert_eq!(seen.get_untracked(), "Trang chủ");
    let button = query(&root, "button").expect("the switch");
    assert_eq!(button.text_content().as_deref(), Some("English"));
    assert_eq!(button.get_attribute("lang").as_deref(), Some("en"));
    click(&root, "button");
    tick().await;
    assert_eq!(
        query(&root, ".home-word")
            .and_then(|p| p.text_content())
            .as_deref(),
        Some("Home")
    );
    let html_lang = document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"));
    assert_eq!(html_lang.as_deref(), Some("en"));
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item("bantin.lang").ok().flatten());
    assert_eq!(stored.as_deref(), Some("en"));
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", "vi");
    }
}

#[wasm_bindgen_test]
async fn tables_videos_and_files_render_from_their_blocks() {
    let root = container();
    let blocks = vec![
        Block::Table {
            head: vec![vec![text("Chỉ tiêu")], vec![text("Kết quả")]],
            rows: vec![vec![vec![text("Thu ngân sách")], vec![text("54%")]]],
        },
        Block::Video(Video {
            youtube: Some("dQw4w9WgXcQ".into()),
            title: "Phóng sự".into(),
            ..Video::default()
        }),
        Block::Video(Video {
            youtube: Some("\"><script>".into()),
            title: "Giả mạo".into(),
            ..Video::default()
        }),
        Block::Attachment(Attachment {
            href: "/media/bao-cao.pdf".into(),
            title: "Báo cáo".into(),
            format: "PDF".into(),
            size: 48_213,
        }),
    ];
    let _mounted = mount_to(root.clone(), move || view! { <ArticleBody blocks /> });
    tick().await;
    assert_eq!(
        query(&root, "th[scope=col]")
            .and_then(|e| e.text_content())
            .as_deref(),
        Some("Chỉ tiêu")
    );
    assert_eq!(
        query(&root, "td").and_then(|e| e.text_content()).as_deref(),
        Some("Thu ngân sách")
    );
    assert_eq!(
        root.query_selector_all("iframe").map(|l| l.length()).ok(),
        Some(1),
        "only a real YouTube id gets a player"
    );
    assert_eq!(
        query(&root, "iframe")
            .and_then(|e| e.get_attribute("src"))
            .as_deref(),
        Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    );
    assert!(query(&root, "script").is_none());
    let file = query(&root, ".attachment").expect("a download");
    assert_eq!(
        file.text_content().as_deref(),
        Some("Tải về: Báo cáo (PDF, 47,1 KB)")
    );
}

#[wasm_bindgen_test]
async fn search_results_mark_matched_words_as_text_and_never_as_markup() {
    use bantin::routes::search::SearchResultList;
    use bantin::search::SearchResult;
    use bantin_model::search::Query;
    use bantin_model::{CategoryRef, Date};
    let root = container();
    let query = Query::parse("duong ");
    let result = SearchResult {
        title: query.highlight("Sửa đường <b>Lê Lợi</b>"),
        excerpt: query.excerpt("Công nhân sửa con đường, trồng cây dương.", 32),
        href: "/tin-tuc/sua-duong".into(),
        date: Date::parse("2024-06-28").expect("date"),
        category: CategoryRef {
            slug: "tin-tuc".into(),
            name: "Tin tức".into(),
        },
    };
    let _mounted = mount_to(
        root.clone(),
        move || view! { <SearchResultList results=vec![result] /> },
    );
    tick().await;
    let marks: Vec<String> = {
        let found = root.query_selector_all("mark").expect("marks");
        (0..found.length())
            .filter_map(|i| found.item(i).and_then(|n| n.text_content()))
            .collect()
    };
    assert_eq!(marks, ["đường", "đường", "dương"]);
    let title = root
        .query_selector("h2 a")
        .ok()
        .flatten()
        .expect("a title link");
    assert_eq!(
        title.get_attribute("href").as_deref(),
        Some("/tin-tuc/sua-duong")
    );
    assert_eq!(
        title.text_content().as_deref(),
        Some("Sửa đường <b>Lê Lợi</b>")
    );
    assert!(root.query_selector("h2 b").ok().flatten().is_none());
    let meta = root
        .query_selector(".card-meta")
        .ok()
        .flatten()
        .expect("meta");
    assert_eq!(
        meta.text_content().as_deref(),
        Some("Thứ Sáu, 28/06/2024 · Tin tức")
    );
}

#[wasm_bindgen_test]
async fn results_without_the_word_being_typed_say_which_word_was_left_out() {
    use bantin::routes::search::SearchResults;
    use bantin::search::{SearchOutcome, SearchRequest};
    let outcome = |total: usize, left_out: Option<&str>| SearchOutcome {
        total,
        results: Vec::new(),
        left_out: left_out.map(String::from),
        total_pages: 2,
        categories: Vec::new(),
        elapsed_us: 1_000,
        phases_us: [0; 4],
    };
    let request = SearchRequest {
        text: "đường gi".into(),
        category: String::new(),
        from: None,
        to: None,
        page: 1,
    };
    // (language, results, word left out, the sentence under the count or in
    // place of results)
    let cases = [
        (
            Lang::Vi,
            12,
            Some("gi"),
            Some("Kết quả chưa tính “gi”, từ bạn đang gõ dở."),
        ),
        (
            Lang::En,
            12,
            Some("gi"),
            Some("These results leave out “gi”, the word you are still typing."),
        ),
        (Lang::Vi, 12, None, None),
        (
            Lang::Vi,
            0,
            Some("ng"),
            Some("Gõ thêm chữ: “ng” là phần đầu của quá nhiều từ."),
        ),
        (
            Lang::En,
            0,
            Some("ng"),
            Some("Keep typing: “ng” begins too many words to look up yet."),
        ),
        (
            Lang::Vi,
            0,
            None,
            Some("Không tìm thấy bài viết nào phù hợp."),
        ),
    ];
    for (lang, total, left_out, said) in cases {
        let root = container();
        let (found, asked) = (outcome(total, left_out), request.clone());
        let _mounted = mount_to(root.clone(), move || {
            provide_lang(lang);
            view! { <SearchResults outcome=found request=asked /> }
        });
        tick().await;
        let text = |selector: &str| query(&root, selector).and_then(|p| p.text_content());
        if total > 0 {
            assert!(text(".search-count").is_some());
            assert_eq!(text(".search-left-out").as_deref(), said);
        } else {
            assert!(text(".search-count").is_none());
            assert_eq!(text(".search-none").as_deref(), said);
        }
    }
}
