//! The bundler as editors use it: whole content folders in, a site out, and
//! on bad content `path:line: message` with the previous site left as it was.

mod common;

use bantin_bundler::{build, AppSource, BuildError, BuildOptions};
use bantin_model::{Article, Home, ListingPage, Site};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A scratch folder removed when the test ends.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = common::scratch(&format!("test-{name}"));
        Scratch(dir)
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.0.join(path);
        fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        fs::write(path, text).expect("written");
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

const SITE: &str = r#"
name = "Cổng thử nghiệm"
page_size = 2

[[categories]]
slug = "tin-tuc"
name = "Tin tức"

[[categories]]
slug = "thong-bao"
name = "Thông báo"

[footer]
agency = "UBND tỉnh Thử"
"#;

fn article(title: &str, date: &str, category: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = {date}\ncategory = \"{category}\"\nlead = \"Tóm tắt.\"\n+++\nĐoạn **một**.\n\n- ý một\n- ý hai\n")
}

/// A bundle of the built site, read as the app reads it.
fn read<T: bantin_model::json::FromJson>(root: &Path, path: &str) -> T {
    let text = fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    bantin_model::json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn content_with_three_articles(scratch: &Scratch) -> PathBuf {
    scratch.write("content/site.toml", SITE);
    scratch.write(
        "content/articles/bai-mot.md",
        &article("Bài một", "2024-01-01", "tin-tuc"),
    );
    scratch.write(
        "content/articles/bai-hai.md",
        &article("Bài hai", "2024-02-01", "tin-tuc"),
    );
    scratch.write(
        "content/articles/so/bai-ba.md",
        &article("Bài ba", "2024-03-01", "tin-tuc"),
    );
    scratch.0.join("content")
}

/// Every problem a build that must fail reports, as printed.
fn problems_of(options: BuildOptions, why: &str) -> Vec<String> {
    match build(&options) {
        Err(BuildError::Content(problems)) => problems.iter().map(ToString::to_string).collect(),
        _ => panic!("{why}"),
    }
}

/// Options that build `content` into `<scratch>/<name>` with a minimal
/// app (a shell page), so every route gets a prerendered page.
fn options_with_app(scratch: &Scratch, content: PathBuf, name: &str) -> BuildOptions {
    scratch.write(
        "app/index.html",
        "<!DOCTYPE html><html lang=\"vi\"><head><title>Shell</title></head><body></body></html>",
    );
    let mut with_app = options(content, scratch.0.join(name));
    with_app.app = Some(AppSource::Folder(scratch.0.join("app")));
    with_app
}

fn options(content: PathBuf, out: PathBuf) -> BuildOptions {
    BuildOptions {
        content,
        out,
        app: None,
        data_only: false,
        no_compress: false,
    }
}

#[test]
fn a_content_folder_becomes_site_home_listing_and_article_bundles() {
    let scratch = Scratch::new("bundles");
    let content = content_with_three_articles(&scratch);
    let out = scratch.0.join("site");
    let report = build(&options(content, out.clone())).expect("builds");
    assert_eq!(report.articles, 3);

    let site: Site = read(&out, "data/site.json");
    assert_eq!(site.name, "Cổng thử nghiệm");
    assert_eq!(site.footer.agency, "UBND tỉnh Thử");
    // No menu in site.toml: home plus every category.
    let labels: Vec<&str> = site.menu.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, ["Trang chủ", "Tin tức", "Thông báo"]);

    let home: Home = read(&out, "data/home.json");
    assert_eq!(home.featured.map(|f| f.title), Some("Bài ba".to_string()));
    assert_eq!(home.sections[0].articles.len(), 3);
    assert!(home.sections[1].articles.is_empty());

    let first: ListingPage = read(&out, "data/chuyen-muc/tin-tuc/1.json");
    let second: ListingPage = read(&out, "data/chuyen-muc/tin-tuc/2.json");
    let titles = |page: &ListingPage| {
        page.articles
            .iter()
            .map(|a| a.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&first), ["Bài ba", "Bài hai"]);
    assert_eq!(titles(&second), ["Bài một"]);
    assert_eq!((first.total_pages, first.total_articles), (2, 3));
    let empty: ListingPage = read(&out, "data/chuyen-muc/thong-bao/1.json");
    assert_eq!((empty.total_pages, empty.articles.len()), (1, 0));

    let article: Article = read(&out, "data/tin-tuc/bai-ba.json");
    assert_eq!(article.date.to_string(), "2024-03-01");
    assert_eq!(article.category.name, "Tin tức");
    assert_eq!(article.body.len(), 2);
}

#[test]
fn every_problem_is_reported_with_its_file_and_line() {
    let scratch = Scratch::new("problems");
    let content = content_with_three_articles(&scratch);
    scratch.write(
        "content/articles/sai-ngay.md",
        "+++\ntitle = \"Sai ngày\"\ndate = 2023-02-29\ncategory = \"tin-tuc\"\n+++\nNội dung.\n",
    );
    scratch.write(
        "content/articles/sai-muc.md",
        "+++\ntitle = \"Sai mục\"\ndate = 2023-02-01\ncategory = \"the-thao\"\n+++\nNội dung.\n",
    );
    scratch.write(
        "content/articles/thieu-tieu-de.md",
        "+++\ndate = 2023-02-01\ncategory = \"tin-tuc\"\n+++\nNội dung.\n",
    );
    scratch.write(
        "content/articles/html.md",
        "+++\ntitle = \"HTML\"\ndate = 2023-02-01\ncategory = \"tin-tuc\"\n+++\nMột.\n\n<iframe src=x></iframe>\n",
    );
    scratch.write(
        "content/articles/trung/bai-mot.md",
        &article("Trùng", "2024-01-05", "tin-tuc"),
    );
    let lines = problems_of(
        options(content.clone(), scratch.0.join("site")),
        "bad content must not build",
    );
    let has = |file: &str, line: usize, words: &str| {
        let prefix = format!("{}:{line}:", content.join("articles").join(file).display());
        lines
            .iter()
            .any(|l| l.starts_with(&prefix) && l.contains(words))
    };
    assert!(has("sai-ngay.md", 3, "date"), "{lines:#?}");
    assert!(
        has("sai-muc.md", 4, "unknown category \"the-thao\""),
        "{lines:#?}"
    );
    assert!(has("thieu-tieu-de.md", 2, "title"), "{lines:#?}");
    assert!(has("html.md", 8, "raw HTML"), "{lines:#?}");
    assert!(has("trung/bai-mot.md", 1, "already used"), "{lines:#?}");
    assert_eq!(lines.len(), 5, "{lines:#?}");
}

#[test]
fn a_failed_build_leaves_the_previous_site_exactly_as_it_was() {
    let scratch = Scratch::new("intact");
    let content = content_with_three_articles(&scratch);
    let out = scratch.0.join("site");
    build(&options(content.clone(), out.clone())).expect("first build");
    let before = fs::read(out.join("data/home.json")).expect("home");
    let files_before = fs::read_dir(out.join("data/tin-tuc")).expect("dir").count();

    scratch.write("content/articles/bai-mot.md", "+++\ntitle = \"Hỏng\"\n");
    assert!(build(&options(content, out.clone())).is_err());
    assert_eq!(fs::read(out.join("data/home.json")).expect("home"), before);
    assert_eq!(
        fs::read_dir(out.join("data/tin-tuc")).expect("dir").count(),
        files_before
    );
    let leftovers = siblings_of_site(&scratch);
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Names beside the output folder that start like its hidden siblings.
fn siblings_of_site(scratch: &Scratch) -> Vec<String> {
    fs::read_dir(&scratch.0)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".site"))
        .collect()
}

#[test]
fn a_rebuild_is_live_when_it_returns_and_the_replaced_site_is_deleted_after() {
    let scratch = Scratch::new("replaced");
    let content = content_with_three_articles(&scratch);
    let out = scratch.0.join("site");
    build(&options(content.clone(), out.clone())).expect("first build");
    // What an older bantin or a stopped build left behind.
    scratch.write(".site.previous/data/home.json", "{}");

    let page = fs::read_to_string(content.join("articles/bai-mot.md")).expect("article");
    let marked = page.replacen("title = \"", "title = \"Đã sửa: ", 1);
    assert_ne!(page, marked, "the article has a title line");
    scratch.write("content/articles/bai-mot.md", &marked);
    build(&options(content, out.clone())).expect("second build");
    let home = fs::read_to_string(out.join("data/home.json")).expect("home");
    assert!(
        home.contains("Đã sửa: "),
        "the new site is in place: {home}"
    );

    // The old copies go in the background; give the disk time.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !siblings_of_site(&scratch).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(
        siblings_of_site(&scratch).is_empty(),
        "{:?}",
        siblings_of_site(&scratch)
    );
}

#[cfg(unix)]
#[test]
fn a_rebuild_writes_only_the_files_a_changed_article_reaches() {
    use std::os::unix::fs::MetadataExt;
    let scratch = Scratch::new("incremental");
    let content = content_with_three_articles(&scratch);
    scratch.write("app/app-1.js", &"console.log('ứng dụng');\n".repeat(40));
    scratch.write("content/media/so-lieu.csv", "năm,dân số\n2024,1000\n");
    let with_app = options_with_app(&scratch, content, "site");
    let out = with_app.out.clone();
    build(&with_app).expect("first build");
    let inode = |path: &str| {
        fs::metadata(out.join(path))
            .unwrap_or_else(|e| panic!("{path}: {e}"))
            .ino()
    };
    let manifest =
        |root: &Path| read::<bantin_model::search::SearchManifest>(root, "data/search.json");
    let old_build = manifest(&out).build;
    // Articles are numbered newest first: bài hai is search document 1.
    let untouched = [
        "data/tin-tuc/bai-hai.json".to_string(),
        "data/tin-tuc/bai-hai.json.br".to_string(),
        "tin-tuc/bai-hai/index.html".to_string(),
        "tin-tuc/bai-hai/index.html.gz".to_string(),
        format!("data/search/{old_build}/d/1.json"),
        "app-1.js".to_string(),
        "app-1.js.br".to_string(),
        // Written over the app's index.html, then found unchanged.
        "index.html".to_string(),
        "index.html.gz".to_string(),
        "media/so-lieu.csv".to_string(),
    ];
    let before: Vec<u64> = untouched.iter().map(|p| inode(p)).collect();
    let folder = inode("");
    let changed_before = inode("data/tin-tuc/bai-mot.json");
    let old_bundle = fs::read(out.join("data/tin-tuc/bai-hai.json")).expect("bundle");

    scratch.write(
        "content/articles/bai-mot.md",
        &article("Bài một", "2024-01-01", "tin-tuc").replace("Đoạn **một**.", "Đoạn đã sửa."),
    );
    build(&with_app).expect("rebuild");
    let new_build = manifest(&out).build;
    assert_ne!(new_build, old_build, "the index changed with the article");
    let after: Vec<u64> = untouched
        .iter()
        .map(|p| inode(&p.replace(&old_build, &new_build)))
        .collect();
    assert_eq!(
        after, before,
        "files the change does not reach are the same files: {untouched:?}"
    );
    assert_ne!(inode("data/tin-tuc/bai-mot.json"), changed_before);
    // Applied in place: the same folder, nothing left beside it but the
    // page record.
    assert_eq!(inode(""), folder, "the site folder itself stays");
    assert!(
        !out.with_file_name(".site.undo").exists()
            && !out.with_file_name(".site.building").exists()
    );
    let changed: Article = read(&out, "data/tin-tuc/bai-mot.json");
    assert!(
        format!("{:?}", changed.body).contains("Đoạn đã sửa."),
        "{changed:?}"
    );
    let page = fs::read_to_string(out.join("tin-tuc/bai-mot/index.html")).expect("page");
    assert!(
        page.contains("Đoạn đã sửa."),
        "the changed page is written anew"
    );
    // Taken, not altered: the unchanged bundle still reads as it did.
    assert_eq!(
        fs::read(out.join("data/tin-tuc/bai-hai.json")).expect("bundle"),
        old_bundle
    );
}

/// Files under `root` with a name ending in `suffix`.
fn files_ending(root: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(root).expect("folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            found.extend(files_ending(&path, suffix));
        } else if path.to_string_lossy().ends_with(suffix) {
            found.push(path);
        }
    }
    found
}

#[cfg(unix)]
#[test]
fn a_compressed_rebuild_after_an_uncompressed_one_gives_every_file_its_copies() {
    use std::os::unix::fs::MetadataExt;
    let scratch = Scratch::new("copies-later");
    let content = content_with_three_articles(&scratch);
    let mut quick = options_with_app(&scratch, content, "site");
    quick.no_compress = true;
    build(&quick).expect("quick build");
    assert!(files_ending(&quick.out, ".br").is_empty());
    let folder = fs::metadata(&quick.out).expect("site").ino();

    // Nothing changed but compression: every kept file needs copies, so
    // the site is rebuilt whole rather than left without them.
    let mut full = quick.clone();
    full.no_compress = false;
    build(&full).expect("compressed build");
    assert_ne!(fs::metadata(&full.out).expect("site").ino(), folder);
    let pages = files_ending(&full.out, ".html");
    assert!(pages.len() > 5, "{pages:?}");
    for page in pages {
        let br = format!("{}.br", page.display());
        assert!(Path::new(&br).is_file(), "{br} is missing");
    }
    // And the next rebuild, with copies in place, is applied in place.
    let folder = fs::metadata(&full.out).expect("site").ino();
    build(&full).expect("rebuild");
    assert_eq!(fs::metadata(&full.out).expect("site").ino(), folder);
}

#[test]
fn a_rebuild_renders_only_the_pages_whose_data_changed() {
    use std::os::unix::fs::MetadataExt;
    let scratch = Scratch::new("page-record");
    let content = content_with_three_articles(&scratch);
    let with_app = options_with_app(&scratch, content, "site");
    let out = with_app.out.clone();
    let page =
        |path: &str| fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let inode = |path: &str| fs::metadata(out.join(path)).map(|m| m.ino()).ok();

    let first = build(&with_app).expect("first build").pages;
    assert_eq!(first.reused, 0, "nothing to take from yet");
    let all = first.rendered;
    let home = page("index.html");
    let other_article = page("tin-tuc/bai-hai/index.html");

    // Nothing changed: only the 404 page (rendered every time) is made.
    let again = build(&with_app).expect("same content").pages;
    assert_eq!((again.rendered, again.reused), (1, all - 1));
    assert!(page("index.html") == home, "the same home page");
    assert!(
        page("tin-tuc/bai-hai/index.html") == other_article,
        "the same article page"
    );

    // One article's body: its own page, and no other.
    let untouched = inode("tin-tuc/bai-hai/index.html");
    scratch.write(
        "content/articles/bai-mot.md",
        &article("Bài một", "2024-01-01", "tin-tuc").replace("Đoạn **một**.", "Đoạn viết lại."),
    );
    let body = build(&with_app).expect("body changed").pages;
    assert_eq!((body.rendered, body.reused), (2, all - 2));
    assert!(page("tin-tuc/bai-mot/index.html").contains("Đoạn viết lại."));
    assert_eq!(inode("tin-tuc/bai-hai/index.html"), untouched);
    assert!(page("index.html") == home, "the home page shows no body");

    // Its title shows on the home page and its listing: those are made again.
    scratch.write(
        "content/articles/bai-mot.md",
        &article("Bài một đổi tên", "2024-01-01", "tin-tuc"),
    );
    let title = build(&with_app).expect("title changed").pages;
    assert!(title.rendered > 2 && title.reused > 0, "{title:?}");
    assert!(page("index.html").contains("Bài một đổi tên"));
    let listings: Vec<String> = [
        "chuyen-muc/tin-tuc/index.html",
        "chuyen-muc/tin-tuc/trang/2/index.html",
    ]
    .iter()
    .filter_map(|p| fs::read_to_string(out.join(p)).ok())
    .collect();
    assert!(
        listings.iter().any(|l| l.contains("Bài một đổi tên")),
        "{listings:?}"
    );

    // A page missing from the site (deleted by hand) is rendered again.
    let before_deleted = page("tin-tuc/bai-hai/index.html");
    fs::remove_file(out.join("tin-tuc/bai-hai/index.html")).expect("removed");
    let missing = build(&with_app).expect("page missing").pages;
    assert_eq!(missing.rendered, 2, "{missing:?}");
    assert!(
        page("tin-tuc/bai-hai/index.html") == before_deleted,
        "the same page again"
    );

    // The site's name is on every page: every page is made again.
    scratch.write(
        "content/site.toml",
        &SITE.replace("Cổng thử nghiệm", "Cổng đổi tên"),
    );
    let renamed = build(&with_app).expect("site renamed").pages;
    assert_eq!((renamed.rendered, renamed.reused), (all, 0));
    assert!(page("tin-tuc/bai-hai/index.html").contains("Cổng đổi tên"));

    // The record describes one folder: beside a copy of the site it is not
    // believed, and every page is rendered.
    let record = scratch.0.join(".site.pages");
    assert!(record.is_file(), "kept beside the site, not in it");
    assert!(!out.join(".site.pages").exists());
    let moved = scratch.0.join("moved");
    fs::rename(&out, &moved).expect("moved away");
    Command::new("cp")
        .arg("-a")
        .arg(&moved)
        .arg(&out)
        .status()
        .expect("copied back");
    let copied = build(&with_app).expect("copied site").pages;
    assert_eq!((copied.rendered, copied.reused), (all, 0));

    // Data written under pages that stay (`trunk serve`): the record would
    // lie, so it goes.
    assert!(record.is_file());
    let mut data_only = with_app.clone();
    data_only.data_only = true;
    build(&data_only).expect("data only");
    assert!(
        !record.exists(),
        "no record of pages the data no longer match"
    );
}

#[test]
fn the_cli_prints_path_line_column_message_and_exits_1_on_bad_content() {
    let scratch = Scratch::new("cli");
    let content = content_with_three_articles(&scratch);
    scratch.write(
        "content/articles/sai.md",
        "+++\ntitle = \"Sai\"\ndate = \"ngày mai\"\ncategory = \"tin-tuc\"\n+++\n",
    );
    let output = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["build", "--content"])
        .arg(&content)
        .arg("--out")
        .arg(scratch.0.join("site"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let expected = format!("{}:3:1: date", content.join("articles/sai.md").display());
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(!scratch.0.join("site").exists());
}

#[test]
fn the_demo_content_builds_without_a_problem() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let loaded = bantin_bundler::check(&demo).unwrap_or_else(|problems| {
        panic!(
            "{}",
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    assert!(loaded.articles.len() >= 12);
    let categories: std::collections::HashSet<&str> = loaded
        .articles
        .iter()
        .map(|a| a.article.category.slug.as_str())
        .collect();
    assert!(categories.len() >= 4, "{categories:?}");
}

/// Markup without its comments (Leptos's hydration markers), as it shows.
fn without_comments(html: &str) -> String {
    let mut shown = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        shown.push_str(&rest[..start]);
        rest = rest[start..]
            .find("-->")
            .map_or("", |end| &rest[start + end + 3..]);
    }
    shown.push_str(rest);
    shown
}

#[test]
fn with_the_app_every_route_gets_a_prerendered_page_and_cdn_files() {
    let scratch = Scratch::new("prerender");
    let content = content_with_three_articles(&scratch);
    scratch.write(
        "app/index.html",
        "<!DOCTYPE html><html lang=\"vi\"><head><title>Shell</title>\
         <link rel=\"stylesheet\" href=\"/site-1.css\" integrity=\"sha384-x\"/>\
         <script type=\"module\">import init from '/app.js'; await init();</script>\
         </head><body><noscript>JS</noscript></body></html>",
    );
    scratch.write("app/site-1.css", "body{margin:0}");
    let out = scratch.0.join("site");
    let mut with_app = options(content, out.clone());
    with_app.app = Some(AppSource::Folder(scratch.0.join("app")));
    build(&with_app).expect("builds");

    let page =
        |path: &str| fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let article = page("tin-tuc/bai-ba/index.html");
    assert!(
        without_comments(&article)
            .contains("<h1 tabindex=\"-1\" class=\"article-title\">Bài ba</h1>"),
        "{article}"
    );
    assert!(
        article.contains("<title>Bài ba | Cổng thử nghiệm</title>"),
        "{article}"
    );
    assert!(article.contains("<body data-prerendered>"));
    // The hydration data is a JSON block in the page (strict CSP: no
    // inline script runs), read by a script file every page shares.
    assert!(!article.contains("__RESOLVED_RESOURCES"), "{article}");
    assert!(
        article.contains("<script type=\"application/json\" id=\"bantin-hydration\">{\""),
        "{article}"
    );
    let loader = article
        .split("<script type=\"module\" src=\"/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no loader: {article}"));
    assert!(page(loader).starts_with("// Bản tin: the data"), "{loader}");
    assert!(page(loader).contains("__RESOLVED_RESOURCES"));
    assert!(!out.join("hydrate").exists(), "no script file per page");
    assert!(!article.contains("<noscript>"));
    let listing = page("chuyen-muc/tin-tuc/trang/2/index.html");
    assert!(listing.contains("Bài một"), "{listing}");
    assert!(page("index.html").contains("Bài ba"));
    let not_found = page("404.html");
    assert!(not_found.contains("Không tìm thấy trang"));
    assert!(
        !not_found.contains("data-prerendered"),
        "the 404 page is rendered afresh in the browser"
    );
    assert!(page("_headers").contains("immutable"));
    // The CSS is in every page, allowed by its hash; the file stays for
    // a server with an older policy.
    assert!(
        article.contains("<style data-app-css=\"/site-1.css\">body{margin:0}\n</style>"),
        "{article}"
    );
    assert!(!article.contains("rel=\"stylesheet\""), "{article}");
    assert!(page("_headers").contains("style-src 'self' 'sha256-"));
    assert_eq!(page("site-1.css"), "body{margin:0}");
    assert_eq!(page("_redirects"), "/* /404.html 404\n");
    assert!(out.join("tin-tuc/bai-ba/index.html.br").is_file());
    assert!(out.join("data/home.json.gz").is_file());
}

#[test]
fn prerendered_pages_are_the_same_on_every_build() {
    // Hydration ids in the HTML must follow the order the browser creates
    // them in; if they depended on thread timing, builds would differ.
    let scratch = Scratch::new("deterministic");
    let content = content_with_three_articles(&scratch);
    let render = |name: &str| {
        let with_app = options_with_app(&scratch, content.clone(), name);
        let out = with_app.out.clone();
        build(&with_app).expect("builds");
        [
            "index.html",
            "tin-tuc/bai-ba/index.html",
            "chuyen-muc/tin-tuc/index.html",
        ]
        .map(|page| fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}")))
    };
    let first = render("one");
    for name in ["two", "three", "four"] {
        assert_eq!(render(name), first, "build {name} differs");
    }
}

/// About `bytes` of article body: paragraphs, headings, lists and links,
/// so every converter path runs at scale.
fn huge_body(bytes: usize) -> String {
    let mut body = String::with_capacity(bytes + 1_000);
    let mut n = 0;
    while body.len() < bytes {
        n += 1;
        match n % 10 {
            0 => body.push_str(&format!("## Mục {n}\n\n")),
            5 => body.push_str("- ý thứ nhất về đường giao thông\n- ý thứ hai về **kinh phí**\n\n"),
            7 => body.push_str(&format!("Xem [văn bản số {n}](https://example.gov.vn/vb/{n}).\n\n")),
            _ => body.push_str(
                "Ủy ban nhân dân tỉnh đã tổ chức hội nghị sơ kết công tác sáu tháng đầu năm, \
                 đánh giá kết quả thực hiện các chỉ tiêu kinh tế, xã hội và quốc phòng an ninh.\n\n",
            ),
        }
    }
    body
}

#[test]
fn a_ten_megabyte_article_builds_and_is_searchable() {
    let scratch = Scratch::new("huge-article");
    let content = content_with_three_articles(&scratch);
    let body = huge_body(10 * 1024 * 1024);
    scratch.write(
        "content/articles/rat-dai.md",
        &format!("+++\ntitle = \"Báo cáo rất dài\"\ndate = 2024-05-01\ncategory = \"tin-tuc\"\n+++\n{body}"),
    );
    let out = scratch.0.join("site");
    let report = build(&options(content, out.clone())).expect("builds");
    assert_eq!(report.articles, 4);
    let article: Article = read(&out, "data/tin-tuc/rat-dai.json");
    // One block per paragraph, heading and list written above.
    let written = body
        .split("\n\n")
        .filter(|part| !part.trim().is_empty())
        .count();
    assert_eq!(article.body.len(), written);
    let manifest: bantin_model::search::SearchManifest = read(&out, "data/search.json");
    assert_eq!(manifest.documents, 4);
}

#[test]
fn a_category_of_ten_thousand_articles_builds_into_pages() {
    let scratch = Scratch::new("huge-listing");
    let content = content_with_three_articles(&scratch);
    for n in 0..10_000 {
        scratch.write(
            &format!("content/articles/nhieu/bai-{n}.md"),
            &format!(
                "+++\ntitle = \"Thông báo số {n}\"\ndate = 2020-01-01\ncategory = \"thong-bao\"\n+++\nNội dung {n}.\n"
            ),
        );
    }
    let out = scratch.0.join("site");
    let report = build(&options(content, out.clone())).expect("builds");
    assert_eq!(report.articles, 10_003);
    // page_size = 2 in SITE: 5,000 pages, each with its two articles.
    let last: ListingPage = read(&out, "data/chuyen-muc/thong-bao/5000.json");
    assert_eq!((last.total_pages, last.total_articles), (5_000, 10_000));
    assert_eq!(last.articles.len(), 2);
}

#[test]
fn feeds_sitemap_and_robots_follow_the_articles_when_the_site_has_an_address() {
    let scratch = Scratch::new("feeds");
    let content = content_with_three_articles(&scratch);
    scratch.write(
        "content/articles/thong-bao-moi.md",
        &article("Thông báo <mới> & khẩn", "2024-04-01", "thong-bao"),
    );
    let out = scratch.0.join("site");
    // No base_url: no absolute addresses to give, so no feeds or sitemap.
    build(&options(content.clone(), out.clone())).expect("builds");
    assert!(!out.join("rss.xml").exists());
    let robots = fs::read_to_string(out.join("robots.txt")).expect("robots.txt");
    assert!(!robots.contains("Sitemap"));

    let site = fs::read_to_string(content.join("site.toml")).expect("site.toml");
    fs::write(
        content.join("site.toml"),
        format!("base_url = \"https://thu.example.gov.vn/\"\n{site}"),
    )
    .expect("written");
    build(&options(content, out.clone())).expect("builds");
    let text =
        |path: &str| fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let rss = text("rss.xml");
    assert_eq!(rss.matches("<item>").count(), 4);
    // Newest first, escaped, absolute.
    let first = rss.find("<item>").expect("an item");
    assert!(rss[first..].starts_with(
        "<item>\n<title>Thông báo &lt;mới&gt; &amp; khẩn</title>\n<link>https://thu.example.gov.vn/tin-tuc/thong-bao-moi</link>"
    ));
    let news = text("rss/tin-tuc.xml");
    assert_eq!(news.matches("<item>").count(), 3);
    assert!(!news.contains("thong-bao-moi"));
    let atom = text("atom/thong-bao.xml");
    assert_eq!(atom.matches("<entry>").count(), 1);
    assert!(atom.contains("<updated>2024-04-01T00:00:00+07:00</updated>"));
    let sitemap = text("sitemap.xml");
    assert!(sitemap.contains("<url><loc>https://thu.example.gov.vn/tin-tuc/bai-mot</loc><lastmod>2024-01-01</lastmod></url>"));
    assert!(!sitemap.contains("tim-kiem"));
    assert!(text("robots.txt").contains("Sitemap: https://thu.example.gov.vn/sitemap.xml"));
}

#[test]
fn links_to_nothing_on_the_site_are_errors_at_line_and_column_and_warnings_do_not_block() {
    let scratch = Scratch::new("links");
    let content = content_with_three_articles(&scratch);
    scratch.write("content/media/bang.pdf", "%PDF-1.4");
    scratch.write(
        "content/articles/lien-ket.md",
        "+++\ntitle = \"Liên kết\"\ndate = 2024-05-01\ncategory = \"tin-tuc\"\n+++\n\
         Xem [bài một](/tin-tuc/bai-mot), [trang 2](/chuyen-muc/tin-tuc/trang/2), [bảng](/media/bang.pdf),\n\
         [tin](/chuyen-muc/tin-tuc/?a=1#b) và [sơ đồ](/so-do-trang).\n\n\
         Còn [bài cũ](/tin-tuc/khong-co) với [trang 9](/chuyen-muc/tin-tuc/trang/9) và [tệp](/media/khong-co.pdf).\n",
    );
    let lines = problems_of(
        options(content.clone(), scratch.0.join("site")),
        "links to nothing must not build",
    );
    let file = content.join("articles/lien-ket.md");
    let at = |column: usize, href: &str| {
        format!(
            "{}:9:{column}: link \"{href}\" goes nowhere",
            file.display()
        )
    };
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&at(5, "/tin-tuc/khong-co"))),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&at(37, "/chuyen-muc/tin-tuc/trang/9"))),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&at(79, "/media/khong-co.pdf"))),
        "{lines:#?}"
    );
    assert_eq!(lines.len(), 3, "{lines:#?}");

    // Fixed links build; a very long title and a picture without any
    // description are warnings, printed, and the site is written.
    scratch.write(
        "content/media/anh.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>",
    );
    let long_title = "Hội nghị ".repeat(20);
    scratch.write(
        "content/articles/lien-ket.md",
        &format!("+++\ntitle = \"{long_title}\"\ndate = 2024-05-01\ncategory = \"tin-tuc\"\nimage = \"/media/anh.svg\"\n+++\nXem [bài một](/tin-tuc/bai-mot).\n"),
    );
    let report =
        build(&options(content.clone(), scratch.0.join("site"))).expect("warnings do not block");
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings.iter().any(|w| w.starts_with(&format!(
            "{}:2:1: warning: the title is 179 characters",
            file.display()
        ))),
        "{warnings:#?}"
    );
    assert!(
        warnings.iter().any(|w| w.starts_with(&format!(
            "{}:5:1: warning: picture /media/anh.svg has no description",
            file.display()
        ))),
        "{warnings:#?}"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["check", "--content"])
        .arg(&content)
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("2 warning(s)"));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("warning: the title is 179 characters")
    );
}

/// An announcement with `expires`: what the site shows depends on the day
/// of the build (`SOURCE_DATE_EPOCH` plays that day here).
fn build_on_day(content: &Path, out: &Path, day: &str) -> std::process::Output {
    let days = bantin_model::Date::parse(day)
        .expect("a day")
        .days_since_epoch();
    Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["build", "--no-compress", "--content"])
        .arg(content)
        .arg("--out")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", (days * 86_400).to_string())
        .output()
        .expect("runs")
}

#[test]
fn an_announcement_leaves_the_home_page_after_its_last_day_and_says_so() {
    let scratch = Scratch::new("expires");
    let content = content_with_three_articles(&scratch);
    scratch.write(
        "content/site.toml",
        &SITE.replace(
            "name = \"Thông báo\"",
            "name = \"Thông báo\"\nkind = \"announcements\"",
        ),
    );
    let with_expiry = |title: &str, expires: &str| {
        format!("+++\ntitle = \"{title}\"\ndate = 2024-05-28\ncategory = \"thong-bao\"\nexpires = {expires}\n+++\nNội dung.\n")
    };
    scratch.write(
        "content/articles/cat-nuoc.md",
        &with_expiry("Cắt nước", "2024-05-31"),
    );
    scratch.write(
        "content/articles/tuyen-dung.md",
        &with_expiry("Tuyển dụng", "2024-06-30"),
    );
    let out = scratch.0.join("site");
    let home_titles = |out: &Path| {
        let home: Home = read(out, "data/home.json");
        let block = &home.sidebar[0];
        block
            .articles
            .iter()
            .map(|a| a.title.clone())
            .collect::<Vec<_>>()
    };

    // On its last day it still applies.
    assert!(build_on_day(&content, &out, "2024-05-31").status.success());
    assert_eq!(home_titles(&out), ["Cắt nước", "Tuyển dụng"]);
    let article: Article = read(&out, "data/tin-tuc/cat-nuoc.json");
    assert_eq!(
        article.expires.map(|d| d.to_string()).as_deref(),
        Some("2024-05-31")
    );
    assert!(!article.expired);

    // The day after, it is gone from the home page, kept and marked in its
    // listing and on its page; the other one still applies.
    assert!(build_on_day(&content, &out, "2024-06-01").status.success());
    assert_eq!(home_titles(&out), ["Tuyển dụng"]);
    let listing: ListingPage = read(&out, "data/chuyen-muc/thong-bao/1.json");
    let marks: Vec<(String, bool)> = listing
        .articles
        .iter()
        .map(|a| (a.title.clone(), a.expired))
        .collect();
    assert_eq!(
        marks,
        [
            ("Cắt nước".to_string(), true),
            ("Tuyển dụng".to_string(), false)
        ]
    );
    let article: Article = read(&out, "data/tin-tuc/cat-nuoc.json");
    assert!(article.expired);

    // A last day before the publication day is a mistake, shown at its line.
    scratch.write(
        "content/articles/sai.md",
        &with_expiry("Sai hạn", "2024-05-01"),
    );
    let output = build_on_day(&content, &out, "2024-06-01");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let expected = format!(
        "{}:5:1: expires 2024-05-01 is before the article's date 2024-05-28",
        content.join("articles/sai.md").display()
    );
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn a_subcategory_fills_its_parents_listing_and_names_it_in_breadcrumbs() {
    let scratch = Scratch::new("subcategories");
    let content = content_with_three_articles(&scratch);
    let site = format!(
        "{SITE}\n[[categories]]\nslug = \"kinh-te\"\nname = \"Kinh tế\"\nparent = \"tin-tuc\"\n"
    );
    scratch.write("content/site.toml", &site);
    scratch.write(
        "content/articles/cho-phien.md",
        &article("Chợ phiên", "2024-04-01", "kinh-te"),
    );
    let out = scratch.0.join("site");
    build(&options(content.clone(), out.clone())).expect("builds");

    // The parent's listing holds its own articles and its subcategory's,
    // newest first, and links to the subcategory.
    let parent: ListingPage = read(&out, "data/chuyen-muc/tin-tuc/1.json");
    assert_eq!(parent.total_articles, 4);
    assert_eq!(parent.articles[0].title, "Chợ phiên");
    let children: Vec<&str> = parent.children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(children, ["Kinh tế"]);
    let child: ListingPage = read(&out, "data/chuyen-muc/kinh-te/1.json");
    assert_eq!(child.total_articles, 1);
    assert_eq!(child.parent.map(|p| p.slug).as_deref(), Some("tin-tuc"));
    let article: Article = read(&out, "data/tin-tuc/cho-phien.json");
    assert_eq!(article.category.slug, "kinh-te");
    assert_eq!(
        article.parent_category.map(|p| p.name).as_deref(),
        Some("Tin tức")
    );
    // The menu names top-level categories only; the home page's section
    // of the parent shows the subcategory's article.
    let site: Site = read(&out, "data/site.json");
    let labels: Vec<&str> = site.menu.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, ["Trang chủ", "Tin tức", "Thông báo"]);
    let home: Home = read(&out, "data/home.json");
    assert_eq!(home.sections.len(), 2);
    assert_eq!(home.sections[0].articles[0].title, "Chợ phiên");

    // One level only, and the parent must exist.
    let bad = format!(
        "{site}\n[[categories]]\nslug = \"cho\"\nname = \"Chợ\"\nparent = \"kinh-te\"\n\n[[categories]]\nslug = \"lac\"\nname = \"Lạc\"\nparent = \"khong-co\"\n",
        site = scratch_site(&scratch)
    );
    scratch.write("content/site.toml", &bad);
    let lines = problems_of(
        options(content, out),
        "a subcategory of a subcategory must not build",
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("\"cho\" sits under \"kinh-te\", which is itself a subcategory")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("\"lac\" sits under \"khong-co\", which is not a category")),
        "{lines:#?}"
    );
}

fn scratch_site(scratch: &Scratch) -> String {
    fs::read_to_string(scratch.0.join("content/site.toml")).expect("site.toml")
}

/// A photo-like picture (a gradient with some texture), encoded as `format`.
fn picture(width: u32, height: u32, format: image::ImageFormat) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(width, height, |x, y| {
        let grain = ((x * 31 + y * 17) % 13) as u8;
        image::Rgb([
            (x * 255 / width) as u8,
            (y * 255 / height) as u8,
            120 + grain,
        ])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    pixels.write_to(&mut bytes, format).expect("encoded");
    bytes.into_inner()
}

#[test]
fn photos_get_webp_copies_at_reading_widths_made_once_and_reused() {
    let scratch = Scratch::new("pictures");
    let content = content_with_three_articles(&scratch);
    let media = content.join("media");
    fs::create_dir_all(&media).expect("media folder");
    fs::write(
        media.join("Cánh đồng.png"),
        picture(2000, 1000, image::ImageFormat::Png),
    )
    .expect("written");
    fs::write(
        media.join("nho.jpg"),
        picture(600, 400, image::ImageFormat::Jpeg),
    )
    .expect("written");
    scratch.write(
        "content/articles/mua-vang.md",
        "+++\ntitle = \"Mùa vàng\"\ndate = 2024-04-01\ncategory = \"tin-tuc\"\n\
         image = \"/media/Cánh đồng.png\"\nimage_alt = \"Cánh đồng lúa chín\"\n+++\n\
         Đoạn mở.\n\n![Góc ruộng](/media/nho.jpg \"Góc ruộng nhỏ\")\n",
    );
    let out = scratch.0.join("site");
    let report = build(&options(content.clone(), out.clone())).expect("builds");
    assert_eq!((report.pictures.encoded, report.pictures.reused), (5, 0));

    let article: Article = read(&out, "data/tin-tuc/mua-vang.json");
    let cover = article.image.expect("a cover picture");
    assert_eq!((cover.width, cover.height), (Some(2000), Some(1000)));
    let widths: Vec<u32> = cover.variants.iter().map(|v| v.width).collect();
    assert_eq!(widths, [480, 960, 1600]);
    for variant in &cover.variants {
        let bytes = fs::read(out.join(variant.src.trim_start_matches('/')))
            .unwrap_or_else(|e| panic!("{}: {e}", variant.src));
        let decoded = webp::Decoder::new(&bytes).decode().expect("a WebP file");
        assert_eq!(
            (decoded.width(), decoded.height()),
            (variant.width, variant.width / 2),
            "{}",
            variant.src
        );
    }
    // The 480 copy is a small fraction of the original.
    let original = fs::metadata(media.join("Cánh đồng.png"))
        .expect("there")
        .len();
    let small = fs::metadata(out.join(cover.variants[0].src.trim_start_matches('/')))
        .expect("there")
        .len();
    assert!(small * 10 < original, "{small} vs {original}");
    // A picture in the body: smaller than 960, so one copy at its own width.
    let body_copies: Vec<(String, u32)> = article
        .body
        .iter()
        .find_map(|block| match block {
            bantin_model::Block::Image {
                variants, width, ..
            } => {
                assert_eq!(*width, Some(600));
                Some(variants.iter().map(|v| (v.src.clone(), v.width)).collect())
            }
            _ => None,
        })
        .expect("a picture in the body");
    assert_eq!(body_copies.len(), 2);
    assert_eq!(body_copies[1].1, 600);
    assert!(body_copies[0].0.starts_with("/anh/nho-480."));

    // The next build encodes nothing: every copy is in the site it replaces.
    let report = build(&options(content.clone(), out.clone())).expect("builds again");
    assert_eq!((report.pictures.encoded, report.pictures.reused), (0, 5));

    // A picture that is not what its name says is an error at its line,
    // and the site stays as it was.
    fs::write(media.join("hong.jpg"), b"not a photo").expect("written");
    scratch.write(
        "content/articles/anh-hong.md",
        "+++\ntitle = \"Ảnh hỏng\"\ndate = 2024-04-02\ncategory = \"tin-tuc\"\n+++\n\
         Đoạn.\n\n![Ảnh](/media/hong.jpg)\n",
    );
    let problems = problems_of(options(content, out.clone()), "a broken picture");
    assert!(
        problems.iter().any(|p| p.contains("anh-hong.md:")
            && p.contains("/media/hong.jpg is not a readable jpg file")),
        "{problems:?}"
    );
    assert!(out
        .join(cover.variants[0].src.trim_start_matches('/'))
        .is_file());
}

/// Every `href="…"`, `src="…"` and `content="/…"` value of `html`.
fn addresses_in(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in [
        "href=\"",
        "src=\"",
        "srcset=\"",
        "content=\"/",
        "data-app-css=\"",
    ] {
        for (_, rest) in html
            .match_indices(attribute)
            .map(|(at, _)| ((), &html[at + attribute.len()..]))
        {
            let value = rest.split('"').next().unwrap_or_default();
            let value = if attribute == "content=\"/" {
                format!("/{value}")
            } else {
                value.to_string()
            };
            found.extend(
                value
                    .split([' ', ','])
                    .filter(|part| part.starts_with('/'))
                    .map(str::to_string),
            );
        }
    }
    found
}

#[test]
fn a_site_under_a_path_gives_every_address_under_it_and_its_links_are_checked_from_its_root() {
    let scratch = Scratch::new("base-path");
    let content = content_with_three_articles(&scratch);
    scratch.write(
        "content/articles/lien-ket.md",
        "+++\ntitle = \"Liên kết\"\ndate = 2024-04-01\ncategory = \"thong-bao\"\n+++\nXem [bài một](/tin-tuc/bai-mot) và [tin tức](/chuyen-muc/tin-tuc).\n",
    );
    scratch.write(
        "app/index.html",
        "<!DOCTYPE html><html lang=\"vi\"><head><title>Shell</title>\
         <link rel=\"icon\" href=\"/favicon.svg\">\
         <link rel=\"manifest\" href=\"/manifest.webmanifest\">\
         <link rel=\"stylesheet\" href=\"/site-1.css\" integrity=\"sha384-x\"/>\
         <script type=\"module\">import init, * as bindings from '/app-1.js';\n\
         const wasm = await init({ module_or_path: '/app-1_bg.wasm' });\n</script>\
         </head><body></body></html>",
    );
    scratch.write("app/site-1.css", "body{margin:0}");
    scratch.write("app/favicon.svg", "<svg/>");
    scratch.write(
        "app/manifest.webmanifest",
        "{\"start_url\": \"/\", \"scope\": \"/\"}",
    );
    let site = fs::read_to_string(content.join("site.toml")).expect("site.toml");
    let with_base = |base: &str| {
        fs::write(content.join("site.toml"), format!("{base}\n{site}")).expect("written");
    };
    let mut at_root = options(content.clone(), scratch.0.join("root"));
    at_root.app = Some(AppSource::Folder(scratch.0.join("app")));
    with_base("base_url = \"https://so.example.gov.vn/\"");
    build(&at_root).expect("builds at the root");

    with_base("base_url = \"https://so.example.gov.vn/cong/\"");
    let out = scratch.0.join("cong");
    let mut under = options(content.clone(), out.clone());
    under.app = at_root.app.clone();
    build(&under).expect("builds under /cong");
    let text =
        |path: &str| fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));

    let mut pages = 0;
    for file in walk(&out) {
        if !file.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = text(&file);
        assert!(
            html.contains("<meta name=\"bantin-base\" content=\"/cong\">"),
            "{file}"
        );
        let addresses = addresses_in(&html);
        assert!(!addresses.is_empty(), "{file}");
        for address in addresses {
            // `/cong` alone is the base's own `<meta>`.
            assert!(
                address.starts_with("/cong/") || address == "/cong",
                "{file}: {address}"
            );
        }
    }
    assert!(pages > 5, "{pages} pages");
    // Links written from the site's root reach the reader under its path.
    let linked = text("tin-tuc/lien-ket/index.html");
    assert!(
        linked.contains("href=\"/cong/tin-tuc/bai-mot\""),
        "{linked}"
    );
    assert!(
        linked.contains("href=\"/cong/chuyen-muc/tin-tuc\""),
        "{linked}"
    );
    assert!(
        linked.contains(
            "<link rel=\"canonical\" href=\"https://so.example.gov.vn/cong/tin-tuc/lien-ket\">"
        ),
        "{linked}"
    );
    // Data keeps addresses from the root: the app adds the path.
    assert!(text("data/tin-tuc/lien-ket.json").contains("\"/tin-tuc/bai-mot\""));
    assert_eq!(
        text("manifest.webmanifest"),
        "{\"start_url\": \"/cong/\", \"scope\": \"/cong/\"}"
    );
    assert_eq!(text("_redirects"), "/cong/* /cong/404.html 404\n");
    assert!(text("_headers")
        .lines()
        .filter(|l| !l.starts_with(' '))
        .all(|l| l.starts_with("/cong/")));
    assert!(text("robots.txt").starts_with("User-agent: *\nAllow: /cong/\n"));
    assert!(
        text("sitemap.xml").contains("<loc>https://so.example.gov.vn/cong/tin-tuc/bai-mot</loc>")
    );
    let worker = text("sw.js");
    assert!(worker.contains("\"/cong/404.html\""), "{worker}");
    assert!(
        worker.contains("caches.match('/cong/404.html')"),
        "{worker}"
    );
    assert!(!worker.contains("'/data"), "{worker}");

    // A link that names the path is not a page of the site: links are
    // written from the site's root.
    scratch.write(
        "content/articles/lien-ket.md",
        "+++\ntitle = \"Liên kết\"\ndate = 2024-04-01\ncategory = \"thong-bao\"\n+++\nXem [bài một](/cong/tin-tuc/bai-mot).\n",
    );
    let problems = problems_of(under, "a link under the path is refused");
    assert!(
        problems.iter().any(|p| p.ends_with(
            "lien-ket.md:6:5: link \"/cong/tin-tuc/bai-mot\" names the site's path \"/cong\": write it from the site's root, \"/tin-tuc/bai-mot\""
        )),
        "{problems:?}"
    );
}

/// The files under `root`, as paths from it.
fn walk(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if let Ok(relative) = path.strip_prefix(root) {
                found.push(relative.to_string_lossy().into_owned());
            }
        }
    }
    found
}
