//! `bantin gen-corpus`: a deterministic content folder of any size, in the
//! real format, for benchmarks and scale tests. The text is Vietnamese-
//! looking (syllables drawn from the list below with a Zipf-like skew, as
//! in real text), not Vietnamese prose.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// Syllables, most frequent first. Written for this generator; several
/// fold to the same letters ("đường", "dương", "đương") so search has to
/// tell them apart by diacritics.
const SYLLABLES: &str = "\
của và các là có được trong cho với những người một này đã không tỉnh \
năm huyện xã đồng nhân dân công tác hội nghị phát triển kinh tế đường \
đảng bộ chính quyền ủy ban thực hiện tổ chức trên địa bàn theo quy định \
phụ nữ thanh niên nông nghiệp thôn mới đầu tư dự án giao thông học sinh \
trường giáo dục y tế sức khỏe bệnh viện cán bộ đoàn viên lao động việc làm \
doanh nghiệp sản xuất xuất khẩu lúa gạo thủy sản cây trồng vật nuôi mùa vụ \
nước sạch môi trường rác thải biến đổi khí hậu hạn mặn đê điều kênh mương \
cầu cống điện chiếu sáng nhà văn hóa thể thao lễ hội du lịch di tích \
an ninh trật tự phòng cháy chữa cháy tuyên truyền phổ biến pháp luật \
cải cách hành chính dịch vụ công trực tuyến hồ sơ thủ tục chuyển đổi số \
ngân sách thu chi kế hoạch báo cáo sơ kết tổng kết quý tháng tuần ngày \
đạt vượt chỉ tiêu tăng giảm so với cùng kỳ toàn đơn vị địa phương \
tập trung chỉ đạo triển khai kiểm tra giám sát đánh giá kết quả \
đồng chí chủ tịch phó bí thư giám đốc sở ngành trưởng phòng \
dương cầm đương nhiệm đang dang dở đăng ký đắng cay đứng đầu \
hợp tác xã chợ phiên thương mại giá cả thị trường tiêu thụ \
khen thưởng thi đua gương điển hình tiên tiến tập thể cá nhân \
bảo hiểm xã hội người cao tuổi trẻ em gia đình chính sách hộ nghèo \
nhà ở đất đai quy hoạch xây dựng giải phóng mặt bằng bồi thường \
mưa lũ bão sạt lở cứu hộ cứu nạn di dời khẩn cấp ứng phó \
khoa học công nghệ sáng kiến đổi mới sáng tạo khởi nghiệp \
văn bản nghị quyết quyết định chỉ thị hướng dẫn công văn thông tư \
đại biểu cử tri tiếp xúc kiến nghị giải quyết khiếu nại tố cáo \
bình đẳng giới dân tộc tôn giáo đoàn kết đời sống vật chất tinh thần \
đào tạo nghề tuyển dụng viên chức hợp đồng lương phụ cấp";

/// Categories of the generated site: the four kinds the portal shows.
const CATEGORIES: &[(&str, &str, &str)] = &[
    ("tin-tuc", "Tin tức", "news"),
    ("kinh-te", "Kinh tế", "news"),
    ("xa-hoi", "Xã hội", "news"),
    ("thong-bao", "Thông báo", "announcements"),
    ("bao-cao-thong-ke", "Báo cáo - thống kê", "documents"),
];

/// splitmix64: small, fast, and the same on every machine.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Picks syllables with a Zipf-like skew: syllable `r` about as often as
/// `1 / (r + 1)`.
struct Words {
    syllables: Vec<&'static str>,
    cumulative: Vec<f64>,
}

impl Words {
    fn new() -> Words {
        let syllables: Vec<&str> = SYLLABLES.split_whitespace().collect();
        let mut total = 0.0;
        let cumulative = (0..syllables.len())
            .map(|rank| {
                total += 1.0 / (rank as f64 + 1.0);
                total
            })
            .collect();
        Words {
            syllables,
            cumulative,
        }
    }

    fn pick(&self, random: &mut Random) -> &'static str {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let target = (random.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let at = self.cumulative.partition_point(|c| *c < target);
        self.syllables[at.min(self.syllables.len() - 1)]
    }

    fn sentence(&self, random: &mut Random, words: usize) -> String {
        let mut text = String::new();
        for i in 0..words {
            let word = self.pick(random);
            if i == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    text.extend(first.to_uppercase());
                    text.push_str(chars.as_str());
                }
            } else {
                text.push(' ');
                text.push_str(word);
            }
        }
        text
    }
}

/// Writes `articles` generated articles and a `site.toml` into `out`
/// (created if missing). The same seed gives the same bytes.
pub fn generate(articles: usize, seed: u64, out: &Path) -> io::Result<()> {
    let folder = out.join("articles");
    std::fs::create_dir_all(&folder)?;
    std::fs::write(out.join("site.toml"), site_toml())?;
    let words = Words::new();
    let mut random = Random(seed);
    // Ten years of news, newest last, a few articles a day.
    let first_day = bantin_model::Date::new(2016, 1, 1)
        .map_err(|e| io::Error::other(e.to_string()))?
        .days_since_epoch();
    let span_days = 3650i64;
    for n in 0..articles {
        let day = first_day + (n as i64 * span_days) / articles.max(1) as i64;
        let date = date_from_days(day);
        let (category, _, _) = CATEGORIES[random.below(CATEGORIES.len())];
        let title_words = 6 + random.below(6);
        let title = words.sentence(&mut random, title_words);
        let lead_words = 18 + random.below(10);
        let lead = format!("{}.", words.sentence(&mut random, lead_words));
        let mut body = String::new();
        for _ in 0..3 + random.below(4) {
            let mut paragraph = Vec::new();
            for _ in 0..2 + random.below(3) {
                let sentence_words = 8 + random.below(14);
                paragraph.push(format!("{}.", words.sentence(&mut random, sentence_words)));
            }
            body.push_str(&paragraph.join(" "));
            body.push_str("\n\n");
        }
        let slug = format!("{}-{n}", bantin_model::slugify(&title));
        let mut file = String::new();
        let _ = write!(
            file,
            "+++\ntitle = \"{title}\"\ndate = {date}\ncategory = \"{category}\"\n\
             lead = \"{lead}\"\nauthor = \"P.V\"\ntags = [\"{}\"]\n+++\n{body}",
            words.pick(&mut random)
        );
        std::fs::write(folder.join(format!("{slug}.md")), file)?;
    }
    Ok(())
}

fn date_from_days(days: i64) -> String {
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn site_toml() -> String {
    let mut text = String::from(
        "# Generated by `bantin gen-corpus`: a benchmark site, not real news.\n\
         name = \"Cổng thông tin thử nghiệm\"\n\
         description = \"Nội dung sinh tự động để đo hiệu năng.\"\n\
         base_url = \"https://thu-nghiem.example.gov.vn\"\n\
         page_size = 20\n",
    );
    for (slug, name, kind) in CATEGORIES {
        let _ = write!(
            text,
            "\n[[categories]]\nslug = \"{slug}\"\nname = \"{name}\"\nkind = \"{kind}\"\n"
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_convert_back_and_forth() {
        for text in ["2016-01-01", "2020-02-29", "2025-12-31"] {
            let date = bantin_model::Date::parse(text).expect("date");
            assert_eq!(date_from_days(date.days_since_epoch()), text);
        }
    }

    #[test]
    fn the_same_seed_writes_the_same_corpus_and_it_builds() {
        let base = crate::test_folder::with_files("corpus", &[]);
        let (a, b) = (base.join("a"), base.join("b"));
        generate(30, 7, &a).expect("generate a");
        generate(30, 7, &b).expect("generate b");
        let mut names: Vec<_> = std::fs::read_dir(a.join("articles"))
            .expect("articles")
            .map(|e| e.expect("entry").file_name())
            .collect();
        names.sort();
        assert_eq!(names.len(), 30);
        for name in &names {
            let left = std::fs::read(a.join("articles").join(name)).expect("read");
            let right = std::fs::read(b.join("articles").join(name)).expect("read");
            assert_eq!(left, right);
        }
        let loaded = crate::check(&a).expect("a generated corpus is valid content");
        assert_eq!(loaded.articles.len(), 30);
        let _ = std::fs::remove_dir_all(&base);
    }
}
