//! `bantin import`: a text export of an old portal page becomes a content
//! file. The export reads top to bottom: the title line, the paragraphs
//! (the first is the lead), an "Ảnh: …" caption line, the author's
//! initials, then the site chrome (sidebar block names, the visitor
//! counter, the agency footer). The article goes to the content file; the
//! site-wide parts are reported so an editor can copy them to `site.toml`.

use super::AuthoringError;
use bantin_model::{slugify, Date, Footer};

/// What the editor tells the import that the text does not.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Category slug for the article (`tin-tuc` when not given).
    pub category: Option<String>,
    /// Publication date, when the text does not say it.
    pub date: Option<Date>,
}

/// One imported page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// File name stem, from the title.
    pub slug: String,
    /// The content file: TOML front matter and Markdown.
    pub file: String,
    /// The title line.
    pub title: String,
    /// Body paragraphs after the lead.
    pub paragraphs: usize,
    /// The author's initials, when found.
    pub author: Option<String>,
    /// The date used, and whether it was read from the text.
    pub date: Date,
    /// Whether the date was worked out from the text ("ngày 28/6" and a
    /// year) rather than given.
    pub date_from_text: bool,
    /// Footer fields recognised in the chrome (empty fields: not found).
    pub footer: Footer,
    /// The visitor counter's total, when the chrome shows it.
    pub visits: Option<u64>,
    /// Sidebar block names recognised ("Thông báo", …).
    pub blocks: Vec<String>,
}

/// Sidebar block names of the old portals and the category each maps to.
const SIDEBAR_BLOCKS: &[&str] = &["Thông báo", "Báo cáo - thống kê", "Videos", "Video"];

/// Lines that start the site chrome even without an author line.
fn starts_chrome(line: &str) -> bool {
    let lower = line.to_lowercase();
    SIDEBAR_BLOCKS.contains(&line)
        || lower.starts_with("lượt truy cập")
        || lower.starts_with("cơ quan chủ quản")
}

/// "C.H", "Đ.K", "N.V.A", "T.L." — an author's initials.
fn is_initials(line: &str) -> bool {
    let parts: Vec<&str> = line.trim_end_matches('.').split('.').collect();
    parts.len() >= 2
        && line.chars().count() <= 16
        && parts.iter().all(|part| {
            let mut chars = part.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_alphabetic)
        })
}

/// The text's lines, trimmed, with no-break spaces as spaces.
fn clean_lines(text: &str) -> Vec<String> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .map(|line| line.replace('\u{a0}', " ").trim().to_string())
        .collect()
}

/// A day and month ("ngày 28/6", "28/6/2022") and a year ("năm 2022", or
/// the year of a full date) in the lead or the title.
fn date_in(title: &str, lead: &str) -> Option<Date> {
    let numbers = |text: &str| -> Vec<Vec<u32>> {
        text.split(|c: char| !(c.is_ascii_digit() || c == '/'))
            .filter(|word| word.contains('/'))
            .map(|word| word.split('/').filter_map(|n| n.parse().ok()).collect())
            .collect()
    };
    let year_in = |text: &str| {
        text.split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse::<i32>().ok())
            .find(|n| (1990..=2100).contains(n))
    };
    for parts in numbers(lead).into_iter().chain(numbers(title)) {
        let (day, month, year) = match parts.as_slice() {
            [day, month, year] => (*day, *month, Some(*year as i32)),
            [day, month] => (*day, *month, None),
            _ => continue,
        };
        let year = year.or_else(|| year_in(title)).or_else(|| year_in(lead))?;
        if let (Ok(day), Ok(month)) = (u8::try_from(day), u8::try_from(month)) {
            if let Ok(date) = Date::new(year, month, day) {
                return Some(date);
            }
        }
    }
    None
}

/// Escapes what Markdown would read as markup, so old text stays text.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // A paragraph starting "1. " or "- " would become a list, "=" a heading.
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else if let Some((number, _)) = out.split_once(['.', ')']) {
        if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) {
            out.insert(number.len(), '\\');
        }
    }
    out
}

/// A TOML string literal (quoted and escaped).
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Reads the chrome lines: footer fields, counter, sidebar block names.
fn read_chrome(lines: &[String], imported: &mut Imported) {
    let footer = &mut imported.footer;
    for line in lines {
        if SIDEBAR_BLOCKS.contains(&line.as_str()) {
            imported.blocks.push(line.clone());
            continue;
        }
        let line = line.trim_start_matches(['•', '-', '*', ' ']);
        if let Some(total) = line.strip_prefix("Tất cả:") {
            let digits: String = total.chars().filter(char::is_ascii_digit).collect();
            imported.visits = digits.parse().ok();
            continue;
        }
        if line.starts_with("Giấy phép") {
            footer.licence = line.to_string();
            continue;
        }
        if line.starts_with('@') || line.contains("Ghi rõ nguồn") {
            footer.republication_notice = line.trim_start_matches(['@', ' ']).to_string();
            continue;
        }
        // "Label: value - Label: value - …"; a " - " not followed by a
        // known label belongs to the value ("56 Lê Duẩn - Phường 3").
        let mut fields: Vec<(&str, String)> = Vec::new();
        for segment in line.split(" - ") {
            match segment.split_once(':') {
                Some((label, value)) if FOOTER_LABELS.contains(&label.trim()) => {
                    fields.push((label.trim(), value.trim().to_string()));
                }
                _ => {
                    if let Some((_, value)) = fields.last_mut() {
                        value.push_str(" - ");
                        value.push_str(segment.trim());
                    }
                }
            }
        }
        let mut editorial = false;
        for (label, value) in fields {
            match label {
                "Cơ quan chủ quản" => footer.agency = value,
                "Đơn vị quản lý" => footer.managing_unit = value,
                "Địa chỉ" => footer.address = value,
                "Fax" => footer.fax = value,
                "Điện thoại Ban biên tập" => {
                    footer.editorial_phone = value;
                    editorial = true;
                }
                "Điện thoại" => footer.phone = value,
                "Email" if editorial => footer.editorial_email = value,
                _ => footer.email = value,
            }
        }
    }
}

/// The labels of the agency footer's fields, as the old portals write them.
const FOOTER_LABELS: &[&str] = &[
    "Cơ quan chủ quản",
    "Đơn vị quản lý",
    "Địa chỉ",
    "Fax",
    "Điện thoại Ban biên tập",
    "Điện thoại",
    "Email",
];

/// Turns an exported page into a content file.
pub fn import(text: &str, options: &ImportOptions) -> Result<Imported, AuthoringError> {
    let lines = clean_lines(text);
    let Some(title_at) = lines.iter().position(|line| !line.is_empty()) else {
        return Err(AuthoringError::Empty);
    };
    let title = lines[title_at].clone();
    let rest = &lines[title_at + 1..];
    // The article ends at the author's initials, or where the chrome starts.
    let (end, author) = match rest.iter().position(|line| is_initials(line)) {
        Some(at) => (at, Some(rest[at].clone())),
        None => (
            rest.iter()
                .position(|line| starts_chrome(line))
                .unwrap_or(rest.len()),
            None,
        ),
    };
    let chrome_from = if author.is_some() { end + 1 } else { end };
    let mut caption = None;
    let mut paragraphs: Vec<&str> = Vec::new();
    for line in rest[..end].iter().filter(|line| !line.is_empty()) {
        match line.strip_prefix("Ảnh:") {
            Some(text) if caption.is_none() => caption = Some(text.trim().to_string()),
            _ => paragraphs.push(line),
        }
    }
    let Some((lead, body)) = paragraphs.split_first() else {
        return Err(AuthoringError::NoParagraph { title });
    };
    let slug = slugify(&title);
    if slug.is_empty() {
        return Err(AuthoringError::NoFileName { title });
    }
    let from_text = date_in(&title, lead);
    let date = options.date.or(from_text).ok_or(AuthoringError::NoDate)?;
    let category = options.category.clone().unwrap_or_else(|| "tin-tuc".into());

    let mut file = String::from("+++\n");
    file.push_str(&format!("title = {}\n", toml_string(&title)));
    file.push_str(&format!("date = {date}\n"));
    file.push_str(&format!("category = {}\n", toml_string(&category)));
    file.push_str(&format!("lead = {}\n", toml_string(lead)));
    if let Some(author) = &author {
        file.push_str(&format!("author = {}\n", toml_string(author)));
    }
    if let Some(caption) = &caption {
        file.push_str(
            "# The old page's picture was not exported: put it under media/ and name it here.\n",
        );
        file.push_str("# image = \"media/ten-anh.jpg\"\n");
        file.push_str(&format!("caption = {}\n", toml_string(caption)));
    }
    file.push_str("+++\n");
    for paragraph in body {
        file.push_str(&markdown_text(paragraph));
        file.push_str("\n\n");
    }
    let mut imported = Imported {
        slug,
        file: file.trim_end().to_string() + "\n",
        title,
        paragraphs: body.len(),
        author,
        date,
        date_from_text: options.date.is_none(),
        footer: Footer::default(),
        visits: None,
        blocks: Vec::new(),
    };
    read_chrome(&rest[chrome_from.min(rest.len())..], &mut imported);
    Ok(imported)
}

/// What the import found, for the editor: the article's parts and a
/// `site.toml` snippet with the footer fields recognised.
pub fn report(imported: &Imported) -> String {
    let mut text = format!(
        "title: {}\nlead and {} paragraph(s); author: {}\ndate: {}{}\n",
        imported.title,
        imported.paragraphs,
        imported.author.as_deref().unwrap_or("(none found)"),
        imported.date,
        if imported.date_from_text {
            " (read from the text: check it)"
        } else {
            ""
        },
    );
    if !imported.blocks.is_empty() {
        text.push_str(&format!(
            "sidebar blocks seen: {} (make them categories in site.toml)\n",
            imported.blocks.join(", ")
        ));
    }
    if let Some(visits) = imported.visits {
        text.push_str(&format!(
            "visitor counter total: {visits} (put it in stats.json)\n"
        ));
    }
    let footer = &imported.footer;
    let fields = [
        ("agency", &footer.agency),
        ("phone", &footer.phone),
        ("fax", &footer.fax),
        ("email", &footer.email),
        ("managing_unit", &footer.managing_unit),
        ("licence", &footer.licence),
        ("editorial_phone", &footer.editorial_phone),
        ("editorial_email", &footer.editorial_email),
        ("address", &footer.address),
        ("republication_notice", &footer.republication_notice),
    ];
    let found: Vec<String> = fields
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(key, value)| format!("{key} = {}", toml_string(value)))
        .collect();
    if !found.is_empty() {
        text.push_str(&format!(
            "site-wide footer recognised ({} field(s)), for site.toml:\n[footer]\n{}\n",
            found.len(),
            found.join("\n")
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    // A page written for this test (not an old portal's text).
    const PAGE: &str = "Khai mạc hội chợ nông sản năm 2023\n\
        Sáng ngày 5/9, tại quảng trường tỉnh đã khai mạc hội chợ với 200 gian hàng.\n\n\
        Hội chợ kéo dài 5 ngày; * giá vé* 0 đồng, [miễn phí] cho <mọi> người.\n\n\
        Ảnh: Khách tham quan gian hàng\n\n\
        1. Đây không phải danh sách.\n\n\
        T.V.A\n\n\
        Thông báo\nVideos\n\n\u{a0}\nlượt truy cập\n  • Tất cả: 1234567\n\n\
        Cơ quan chủ quản: UBND tỉnh Thử - Điện thoại: 0200.1 - Fax: 0200.2 - Email: a@thu.example.vn\n\
        Đơn vị quản lý: Sở Thử\n\
        Điện thoại Ban biên tập: 0200.3 - Email: bbt@thu.example.vn\n\
        Địa chỉ: 1 Đường Thử - Phường 2 - Tp Thử.\n\
        @ Ghi rõ nguồn khi đăng lại.\n";

    #[test]
    fn title_lead_caption_author_and_date_are_read() {
        let imported = import(PAGE, &ImportOptions::default()).expect("imports");
        assert_eq!(imported.title, "Khai mạc hội chợ nông sản năm 2023");
        assert_eq!(imported.slug, "khai-mac-hoi-cho-nong-san-nam-2023");
        assert_eq!(imported.date.to_string(), "2023-09-05");
        assert!(imported.date_from_text);
        assert_eq!(imported.author.as_deref(), Some("T.V.A"));
        assert_eq!(imported.paragraphs, 2);
        assert!(imported
            .file
            .contains("caption = \"Khách tham quan gian hàng\""));
        assert!(imported.file.contains("lead = \"Sáng ngày 5/9,"));
        // Markup characters stay text; a number and a dot is no list.
        assert!(imported
            .file
            .contains("\\* giá vé\\* 0 đồng, \\[miễn phí\\] cho \\<mọi\\> người."));
        assert!(imported.file.contains("1\\. Đây không phải danh sách."));
        assert!(!imported.file.contains("lượt truy cập"));
    }

    #[test]
    fn the_chrome_gives_footer_counter_and_blocks() {
        let imported = import(PAGE, &ImportOptions::default()).expect("imports");
        assert_eq!(imported.footer.agency, "UBND tỉnh Thử");
        assert_eq!(imported.footer.phone, "0200.1");
        assert_eq!(imported.footer.fax, "0200.2");
        assert_eq!(imported.footer.email, "a@thu.example.vn");
        assert_eq!(imported.footer.managing_unit, "Sở Thử");
        assert_eq!(imported.footer.editorial_phone, "0200.3");
        assert_eq!(imported.footer.editorial_email, "bbt@thu.example.vn");
        assert_eq!(imported.footer.address, "1 Đường Thử - Phường 2 - Tp Thử.");
        assert_eq!(
            imported.footer.republication_notice,
            "Ghi rõ nguồn khi đăng lại."
        );
        assert_eq!(imported.visits, Some(1_234_567));
        assert_eq!(imported.blocks, ["Thông báo", "Videos"]);
        let report = report(&imported);
        assert!(
            report.contains("[footer]\nagency = \"UBND tỉnh Thử\""),
            "{report}"
        );
    }

    #[test]
    fn a_given_date_and_category_win_and_missing_parts_are_explained() {
        let options = ImportOptions {
            category: Some("thong-bao".into()),
            date: Date::new(2024, 1, 2).ok(),
        };
        let imported = import(PAGE, &options).expect("imports");
        assert!(imported
            .file
            .contains("date = 2024-01-02\ncategory = \"thong-bao\""));
        assert!(import("", &options).is_err_and(|e| e.to_string().contains("empty")));
        assert!(import("Chỉ có tiêu đề\n", &options)
            .is_err_and(|e| e.to_string().contains("no paragraph")));
        let undated = import(
            "Tiêu đề\nMột đoạn không có ngày.\n",
            &ImportOptions::default(),
        );
        assert!(undated.is_err_and(|e| e.to_string().contains("--date")));
    }
}
