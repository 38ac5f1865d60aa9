//! Bounded fuzzing of what editors write: front matter + Markdown → blocks.
//!
//! Whatever an article file holds (random text, fragments of Markdown and
//! TOML that tend to break parsers, or a real demo article with random
//! edits), loading the content folder must not panic, and every problem it
//! reports must point at a line of the file. `cargo test` runs a bounded
//! number of cases (`FUZZ_CASES`, 1,000 by default per property); set it
//! higher for a longer hunt, e.g. `FUZZ_CASES=20000 cargo test --test fuzz`.

mod common;

use bantin_bundler::load::content;
use bantin_bundler::load::markdown;
use bantin_bundler::load::media::{MediaLookup, PictureFacts};
use bantin_bundler::load::LoadError;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::fs;
use std::path::{Path, PathBuf};

/// Pieces that parsers of TOML and CommonMark find hard: unclosed
/// constructs, nesting, odd line endings, control characters, links of
/// every scheme, HTML, huge numbers, invalid dates.
const MARKDOWN_PIECES: &[&str] = &[
    "# Tiêu đề\n",
    "###### ",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\u{0}",
    "\u{feff}",
    "\u{202e}",
    "Đoạn văn có dấu tiếng Việt. ",
    "**đậm",
    "*nghiêng*",
    "__",
    "~~gạch~~",
    "`mã",
    "```\n",
    "```rust\nfn main() {}\n```\n",
    "    thụt lề\n",
    "> trích\n",
    "> > > lồng\n",
    "- ý\n",
    "  - ý con\n",
    "1. một\n",
    "99999999999999999999. số lớn\n",
    "* * *\n",
    "---\n",
    "+++\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "| lệch |\n|-|-|-|\n",
    "[liên kết](https://example.gov.vn)",
    "[xấu](javascript:alert(1))",
    "[rỗng]()",
    "[tham chiếu][r]\n\n[r]: /tin-tuc/khong-co\n",
    "<https://example.gov.vn>",
    "![ảnh](media/khong-co.png)",
    "![](media/anh.svg \"tiêu đề\")",
    "![ảnh [lồng](x)](y)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- chú thích",
    "&#0; &amp; &#x110000;",
    "\\",
    "[^chú]\n\n[^chú]: ghi chú\n",
    "<details><summary>x</summary>",
    "=====\n",
];

const FRONT_PIECES: &[&str] = &[
    "title = \"Tiêu đề thử\"\n",
    "title = \"\"\n",
    "title = 42\n",
    "date = 2024-06-28\n",
    "date = 2024-02-30\n",
    "date = \"28/06/2024\"\n",
    "date = 1979-05-27T07:32:00Z\n",
    "date = 99999\n",
    "category = \"tin-tuc\"\n",
    "category = \"khong-co\"\n",
    "slug = \"Chữ Hoa\"\n",
    "slug = \"bai-thu\"\n",
    "lead = \"\"\"nhiều\ndòng\"\"\"\n",
    "image = \"media/khong-co.png\"\n",
    "image = \"../../etc/passwd\"\n",
    "youtube = \"javascript:alert(1)\"\n",
    "video = \"media/khong-co.mp4\"\n",
    "tags = [\"a\", 1, [\"b\"]]\n",
    "featured = \"có\"\n",
    "[[attachments]]\nfile = \"media/khong-co.pdf\"\ntitle = \"Tệp\"\n",
    "[bang]\nkhoa = { a = 1 }\n",
    "title = \"chưa đóng\n",
    "= không khóa\n",
    "\"\"\"\n",
];

/// A content folder with a valid `site.toml`, rewritten for each case.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let dir = common::scratch(&format!("fuzz-{name}"));
        fs::create_dir_all(dir.join("articles")).expect("scratch folder");
        fs::write(
            dir.join("site.toml"),
            "name = \"Cổng thử\"\n\n[[categories]]\nslug = \"tin-tuc\"\nname = \"Tin tức\"\n",
        )
        .expect("site.toml");
        Folder(dir)
    }

    /// Loads the folder with `text` as its only article; checks that every
    /// problem points at a line of that file.
    fn load_article(&self, text: &str) -> Result<(), TestCaseError> {
        let path = self.0.join("articles").join("bai-thu.md");
        fs::write(&path, text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        if let Err(problems) = content::load(&self.0) {
            let lines = text.lines().count().max(1) + 1;
            for problem in &problems {
                prop_assert!(
                    problem.line <= lines,
                    "{problem} is past the end of the file ({lines} lines)"
                );
                prop_assert!(
                    !problem.message.is_empty(),
                    "an empty message for {problem:?}"
                );
            }
        }
        Ok(())
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn pieces(pool: &'static [&'static str], most: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(pool).prop_map(str::to_string),
            1 => any::<String>(),
        ],
        0..most,
    )
    .prop_map(|parts| parts.concat())
}

/// Random edits (insert, delete, replace characters) of a demo article.
fn edited_demo_article() -> impl Strategy<Value = String> {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/articles");
    let mut texts: Vec<String> = fs::read_dir(demo)
        .map(|entries| {
            entries
                .filter_map(|entry| fs::read_to_string(entry.ok()?.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    texts.sort();
    let edit = (
        any::<prop::sample::Index>(),
        0u8..3,
        any::<char>(),
        0usize..40,
    );
    (
        prop::sample::select(texts),
        prop::collection::vec(edit, 1..12),
    )
        .prop_map(|(text, edits)| {
            let mut chars: Vec<char> = text.chars().collect();
            for (at, kind, c, span) in edits {
                let at = at.index(chars.len() + 1);
                match kind {
                    0 => chars.insert(at, c),
                    1 => {
                        let end = (at + span).min(chars.len());
                        chars.drain(at..end);
                    }
                    _ => {
                        if let Some(slot) = chars.get_mut(at) {
                            *slot = c;
                        }
                    }
                }
            }
            chars.into_iter().collect()
        })
}

/// Media that exists for names with "anh" and nowhere else.
struct SomeMedia;

impl MediaLookup for SomeMedia {
    fn image(&self, src: &str) -> Result<PictureFacts, LoadError> {
        if src.contains("anh") {
            Ok(PictureFacts {
                size: Some((640, 480)),
                variants: Vec::new(),
            })
        } else {
            Err(LoadError::NotInMedia {
                what: "picture",
                src: src.to_string(),
            })
        }
    }

    fn file_size(&self, src: &str) -> Result<u64, LoadError> {
        self.image(src).map(|_| 1_000)
    }
}

proptest! {
    #![proptest_config(common::fuzz_config())]

    #[test]
    fn any_markdown_body_converts_without_panic(body in pieces(MARKDOWN_PIECES, 40), first in 1usize..50) {
        let problems = markdown::to_blocks(Path::new("bai.md"), &body, first, &SomeMedia).diagnostics;
        let last = first + body.lines().count() + 1;
        for problem in problems {
            prop_assert!(problem.line >= first && problem.line <= last, "{problem} outside lines {first}..{last}");
        }
    }

    #[test]
    fn any_article_file_loads_or_is_reported(
        front in pieces(FRONT_PIECES, 12),
        body in pieces(MARKDOWN_PIECES, 30),
        fenced in any::<bool>(),
    ) {
        let folder = Folder::new("file");
        let text = if fenced { format!("+++\n{front}+++\n{body}") } else { format!("{front}{body}") };
        folder.load_article(&text)?;
    }

    #[test]
    fn random_text_as_an_article_is_reported_not_a_crash(text in any::<String>()) {
        let folder = Folder::new("random");
        folder.load_article(&text)?;
        folder.load_article(&format!("+++\n{text}\n+++\n{text}"))?;
    }

    #[test]
    fn demo_articles_with_random_edits_load_or_are_reported(text in edited_demo_article()) {
        let folder = Folder::new("edited");
        folder.load_article(&text)?;
    }
}
