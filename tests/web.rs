//! Component tests in a real browser (headless Chromium), run by
//! `make test-wasm`: mount a component, act as a reader would, read the DOM.
#![cfg(target_arch = "wasm32")]

use bantin::components::article_body::ArticleBody;
use bantin::components::error_view::ErrorView;
use bantin::components::pager::Pager;
use bantin::error::AppError;
use bantin_model::{Block, Inline};
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
