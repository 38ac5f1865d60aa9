//! The editors' commands as they run them: `bantin new` and `bantin import`
//! write files that `bantin check` accepts.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BANTIN: &str = env!("CARGO_BIN_EXE_bantin");

/// A content folder with one category of each kind, removed at the end.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let dir = common::scratch(&format!("cli-{name}"));
        fs::write(
            dir.join("site.toml"),
            "name = \"Cổng thử\"\n\n\
             [[categories]]\nslug = \"tin-tuc\"\nname = \"Tin tức\"\n\n\
             [[categories]]\nslug = \"thong-bao\"\nname = \"Thông báo\"\nkind = \"announcements\"\n\n\
             [[categories]]\nslug = \"bao-cao\"\nname = \"Báo cáo - thống kê\"\nkind = \"documents\"\n\n\
             [[categories]]\nslug = \"video\"\nname = \"Video\"\nkind = \"videos\"\n",
        )
        .expect("site.toml");
        Folder(dir)
    }

    fn check(&self) -> Output {
        run(&["check", "--content", &self.0.to_string_lossy()])
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&str]) -> Output {
    Command::new(BANTIN)
        .args(args)
        .output()
        .expect("bantin runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn new_writes_a_file_per_kind_named_from_the_title_that_check_accepts() {
    let folder = Folder::new("new");
    let root = folder.0.to_string_lossy().into_owned();
    let made = [
        (
            "article",
            "Hội nghị sơ kết",
            "articles/hoi-nghi-so-ket.md",
            "tin-tuc",
        ),
        (
            "announcement",
            "Lịch tiếp công dân",
            "articles/lich-tiep-cong-dan.md",
            "thong-bao",
        ),
        (
            "document",
            "Báo cáo đầu tư",
            "articles/bao-cao-dau-tu.md",
            "bao-cao",
        ),
        (
            "video",
            "Đường về nông thôn",
            "articles/duong-ve-nong-thon.md",
            "video",
        ),
        ("page", "Đường dây nóng", "pages/duong-day-nong.md", ""),
    ];
    for (kind, title, path, category) in made {
        let output = run(&["new", kind, title, "--content", &root]);
        assert!(output.status.success(), "{kind}: {}", text(&output.stderr));
        let written = fs::read_to_string(folder.0.join(path)).expect("the file is there");
        assert!(
            written.contains(&format!("title = \"{title}\"")),
            "{written}"
        );
        if !category.is_empty() {
            assert!(
                written.contains(&format!("category = \"{category}\"")),
                "{written}"
            );
        }
    }
    let checked = folder.check();
    assert!(checked.status.success(), "{}", text(&checked.stderr));
    assert!(text(&checked.stdout).contains("4 articles"));
    // An editor's file is never replaced.
    let again = run(&["new", "article", "Hội nghị sơ kết", "--content", &root]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("already exists"));
    let unknown = run(&["new", "podcast", "Tin", "--content", &root]);
    assert_eq!(unknown.status.code(), Some(2));
}

/// The old portal's exported pages: `BANTIN_SEEDS`, or `shared/seeds`
/// beside the checkout.
fn seed_files() -> Option<Vec<PathBuf>> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let folder = std::env::var_os("BANTIN_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.join("../shared/seeds"));
    let mut files: Vec<PathBuf> = fs::read_dir(&folder)
        .ok()?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    Some(files)
}

#[test]
fn every_seed_page_imports_into_a_file_check_accepts_with_its_footer_recognised() {
    let Some(seeds) = seed_files() else {
        eprintln!("no seed pages beside the checkout (set BANTIN_SEEDS): import not tried on them");
        return;
    };
    assert!(!seeds.is_empty(), "the seeds folder has no .txt page");
    let folder = Folder::new("import");
    let articles = folder.0.join("articles");
    for seed in &seeds {
        let original = fs::read_to_string(seed).expect("a readable seed");
        let title = original
            .lines()
            .find(|l| !l.trim().is_empty())
            .expect("a title line")
            .trim();
        let seed_path = seed.to_string_lossy().into_owned();
        // Without --out the file goes to standard output.
        let printed = run(&["import", &seed_path]);
        assert!(
            printed.status.success(),
            "{seed_path}: {}",
            text(&printed.stderr)
        );
        let file = text(&printed.stdout);
        assert!(file.starts_with("+++\ntitle = "), "{file}");
        assert!(file.contains(title), "{seed_path}: the title is kept");
        // The site chrome stays out of the article…
        for chrome in [
            "lượt truy cập",
            "Tất cả:",
            "Cơ quan chủ quản",
            "Ghi rõ nguồn",
        ] {
            assert!(
                !file.contains(chrome),
                "{seed_path}: {chrome:?} leaked into the article"
            );
        }
        // …and is reported as the site-wide parts it is.
        let report = text(&printed.stderr);
        if original.contains("Cơ quan chủ quản:") {
            assert!(
                report.contains("[footer]\nagency = "),
                "{seed_path}: {report}"
            );
        }
        let written = run(&["import", &seed_path, "--out", &articles.to_string_lossy()]);
        assert!(
            written.status.success(),
            "{seed_path}: {}",
            text(&written.stderr)
        );
    }
    let checked = folder.check();
    assert!(
        checked.status.success(),
        "{}{}",
        text(&checked.stdout),
        text(&checked.stderr)
    );
    assert!(text(&checked.stdout).contains(&format!("{} articles", seeds.len())));
}

#[test]
fn every_command_explains_itself_and_a_wrong_call_exits_2() {
    for (command, flag) in [
        ("build", "--no-compress"),
        ("check", "--content"),
        ("init", "FOLDER"),
        ("new", "--content"),
        ("import", "--category"),
        ("gen-corpus", "--articles"),
    ] {
        let help = run(&[command, "--help"]);
        assert!(help.status.success(), "{command}: {}", text(&help.stderr));
        assert!(
            text(&help.stdout).contains(flag),
            "{command}: {}",
            text(&help.stdout)
        );
    }
    let listed = run(&["--help"]);
    assert!(text(&listed.stdout).contains("gen-corpus"));
    // A build needs to know where the site goes.
    let no_out = run(&["build", "--content", "content"]);
    assert_eq!(no_out.status.code(), Some(2));
    assert!(text(&no_out.stderr).contains("--out"));
    let unknown = run(&["publish"]);
    assert_eq!(unknown.status.code(), Some(2));
    let version = run(&["--version"]);
    assert!(text(&version.stdout).starts_with("bantin "));
}

#[test]
fn init_makes_a_portal_that_check_accepts_and_build_builds() {
    let base = common::scratch("cli-init");
    let portal = base.join("cong-moi");
    let portal_arg = portal.to_string_lossy().into_owned();
    let made = run(&["init", &portal_arg]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let settings = fs::read_to_string(portal.join("site.toml")).expect("site.toml");
    for setting in [
        "name",
        "base_url",
        "base_path",
        "page_size",
        "[[menu]]",
        "[[categories]]",
        "[footer]",
    ] {
        assert!(settings.contains(setting), "site.toml shows {setting}");
    }
    let checked = run(&["check", "--content", &portal_arg]);
    assert!(checked.status.success(), "{}", text(&checked.stderr));
    assert!(
        text(&checked.stdout).contains("1 articles, no problems"),
        "{}",
        text(&checked.stdout)
    );
    let out = base.join("site");
    let built = run(&[
        "build",
        "--content",
        &portal_arg,
        "--out",
        &out.to_string_lossy(),
    ]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    assert!(out.join("data/site.json").is_file());
    // Again into the same folder: refused, nothing written.
    fs::write(portal.join("site.toml"), "# đã sửa\n").expect("edited");
    let again = run(&["init", &portal_arg]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("not empty"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(
        fs::read_to_string(portal.join("site.toml")).expect("kept"),
        "# đã sửa\n"
    );
    let _ = fs::remove_dir_all(&base);
}
