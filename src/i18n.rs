//! Every string of the interface, in Vietnamese first and English second,
//! and the formatting of dates and numbers the way readers expect them.
//!
//! Content stays in the language it was written in; only the interface
//! around it changes with [`Lang`].

use bantin_model::Date;
use leptos::prelude::*;

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Vietnamese, the default.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The language a stored tag names, if any.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    /// The interface strings of this language.
    pub fn ui(self) -> &'static Ui {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

/// The interface strings. One field per thing the interface says.
#[derive(Debug)]
pub struct Ui {
    /// Link to the home page.
    pub home: &'static str,
    /// Shown while a part of the page loads.
    pub loading: &'static str,
    /// The retry button of the error view.
    pub retry: &'static str,
    /// The reload button when the app is out of date.
    pub reload: &'static str,
    /// Link back to the home page from an error.
    pub back_home: &'static str,
    /// Heading of the not-found view.
    pub not_found_title: &'static str,
    /// Explanation of the not-found view.
    pub not_found_text: &'static str,
    /// Before the words of a missing address, linked to their search
    /// (an old portal's link often names the article it meant).
    pub not_found_search: &'static str,
    /// Heading when the network failed.
    pub network_title: &'static str,
    /// Explanation when the network failed.
    pub network_text: &'static str,
    /// Heading when no answer came in time.
    pub timeout_title: &'static str,
    /// Explanation when no answer came in time.
    pub timeout_text: &'static str,
    /// Heading when the server answered with an error.
    pub server_title: &'static str,
    /// Explanation when the server answered with an error (followed by the code).
    pub server_text: &'static str,
    /// Heading when the data was unreadable.
    pub malformed_title: &'static str,
    /// Explanation when the data was unreadable.
    pub malformed_text: &'static str,
    /// Heading when the site was updated under the reader.
    pub outdated_title: &'static str,
    /// Explanation when the site was updated under the reader.
    pub outdated_text: &'static str,
    /// Heading when the search engine itself (its worker) could not run.
    pub search_unavailable_title: &'static str,
    /// Explanation when the search engine could not run.
    pub search_unavailable_text: &'static str,
    /// The skip link at the top of every page.
    pub skip_to_content: &'static str,
    /// Accessible name of the main menu.
    pub main_menu: &'static str,
    /// Accessible name of the breadcrumb trail.
    pub breadcrumb: &'static str,
    /// Accessible name of the pager.
    pub pagination: &'static str,
    /// Previous page link.
    pub previous_page: &'static str,
    /// Next page link.
    pub next_page: &'static str,
    /// Accessible name of a numbered page link (followed by the number).
    pub page: &'static str,
    /// Prefix of a picture caption.
    pub photo: &'static str,
    /// Link to a whole category from a home-page section.
    pub see_all: &'static str,
    /// Heading of the featured article.
    pub featured: &'static str,
    /// Shown when a category has no articles yet.
    pub no_articles: &'static str,
    /// Count of articles in a listing (followed by the number).
    pub articles_count: &'static str,
    /// Footer label: governing agency.
    pub agency: &'static str,
    /// Footer label: managing unit.
    pub managing_unit: &'static str,
    /// Footer label: telephone.
    pub phone: &'static str,
    /// Footer label: fax.
    pub fax: &'static str,
    /// Footer label: email.
    pub email: &'static str,
    /// Footer label: editorial board telephone.
    pub editorial_phone: &'static str,
    /// Footer label: address.
    pub address: &'static str,
    /// The name of the other language, on the switch that selects it.
    pub language_name: &'static str,
    /// Accessible name of the language switch.
    pub language_switch: &'static str,
    /// Accessible name of the text size controls.
    pub text_size: &'static str,
    /// Make the article text smaller.
    pub text_smaller: &'static str,
    /// Return the article text to its usual size.
    pub text_default: &'static str,
    /// Make the article text larger.
    pub text_larger: &'static str,
    /// Start reading the article aloud.
    pub read_aloud: &'static str,
    /// Stop reading aloud.
    pub stop_reading: &'static str,
    /// Accessible name of the share controls.
    pub share: &'static str,
    /// Copy the article's address.
    pub copy_link: &'static str,
    /// Said once the address is copied.
    pub link_copied: &'static str,
    /// Said when the browser refused to copy.
    pub copy_failed: &'static str,
    /// Open the device's share sheet.
    pub share_native: &'static str,
    /// Print the article.
    pub print: &'static str,
    /// Label of the address printed under an article.
    pub printed_from: &'static str,
    /// Heading of related articles.
    pub related: &'static str,
    /// Link to the next older article.
    pub previous_article: &'static str,
    /// Link to the next newer article.
    pub next_article: &'static str,
    /// Heading of the files to download.
    pub attachments: &'static str,
    /// Prefix of a download link's accessible name.
    pub download: &'static str,
    /// Label of a video's running time.
    pub duration: &'static str,
    /// Names the links to a category's subcategories.
    pub subcategories: &'static str,
    /// Marks an announcement past its last day in lists.
    pub expired_mark: &'static str,
    /// Before the last day of an announcement that still applies.
    pub applies_until: &'static str,
    /// Before the last day of an announcement that no longer applies.
    pub expired_since: &'static str,
    /// Shown by browsers that cannot play the video.
    pub video_unsupported: &'static str,
    /// Name of the captions track.
    pub video_captions: &'static str,
    /// Heading of the visitor counter.
    pub visits: &'static str,
    /// Label of the total visits.
    pub visits_total: &'static str,
    /// Label of today's visits.
    pub visits_today: &'static str,
    /// Heading of the links to other government portals.
    pub portals: &'static str,
    /// Title of the site map page and its footer link.
    pub site_map: &'static str,
    /// Title of the search page, label of the search box and its button.
    pub search: &'static str,
    /// Placeholder of the search box.
    pub search_placeholder: &'static str,
    /// Asks for words when the box is empty.
    pub search_prompt: &'static str,
    /// Shown when nothing matched.
    pub search_none: &'static str,
    /// Before the count of results.
    pub search_found: &'static str,
    /// Before and after the word still being typed, in quotes, when the
    /// results are those of the words before it (no match has it yet, or
    /// it begins too many words to look up).
    pub search_left_out: (&'static str, &'static str),
    /// Before and after a lone word being typed that begins too many words
    /// to look up yet.
    pub search_type_more: (&'static str, &'static str),
    /// The category filter's label and its "all" choice.
    pub search_category: &'static str,
    /// The "all categories" choice.
    pub search_all: &'static str,
    /// Label of the oldest date of the range.
    pub search_from: &'static str,
    /// Label of the newest date of the range.
    pub search_to: &'static str,
    /// Shown without JavaScript, where search cannot run.
    pub search_needs_script: &'static str,
    /// Heading of the category filter group.
    pub search_filters: &'static str,
    /// Heading of the categories in the site map.
    pub categories: &'static str,
    /// Heading of the static pages in the site map.
    pub pages: &'static str,
    /// Heading of the officials on the contact page.
    pub contacts: &'static str,
    /// Accessible name of the home page sidebar.
    pub sidebar: &'static str,
    /// Accessible name of a scrollable table.
    pub table: &'static str,
    /// Decimal separator for sizes (a string so it can be joined).
    pub decimal: &'static str,
    /// Full weekday names, Sunday first.
    pub weekdays: [&'static str; 7],
    /// Thousands separator for numbers.
    pub thousands: char,
}

/// Vietnamese interface.
pub static VI: Ui = Ui {
    home: "Trang chủ",
    loading: "Đang tải…",
    retry: "Thử lại",
    reload: "Tải lại trang",
    back_home: "Về trang chủ",
    not_found_title: "Không tìm thấy trang",
    not_found_text: "Trang bạn tìm không tồn tại hoặc đã được chuyển đi.",
    not_found_search: "Tìm bài viết theo các từ trong địa chỉ:",
    network_title: "Không tải được nội dung",
    network_text: "Không kết nối được tới máy chủ. Hãy kiểm tra kết nối mạng rồi thử lại.",
    timeout_title: "Máy chủ phản hồi quá lâu",
    timeout_text: "Nội dung chưa tải xong sau 10 giây. Mạng có thể đang chậm; hãy thử lại.",
    server_title: "Máy chủ đang gặp sự cố",
    server_text: "Máy chủ trả lời lỗi",
    malformed_title: "Dữ liệu bị lỗi",
    malformed_text:
        "Nội dung nhận được không đọc được. Hãy thử lại; nếu vẫn lỗi, xin báo ban biên tập.",
    outdated_title: "Cổng thông tin vừa được cập nhật",
    outdated_text: "Trang bạn đang xem thuộc phiên bản cũ. Hãy tải lại trang để xem nội dung mới.",
    search_unavailable_title: "Chưa tìm kiếm được",
    search_unavailable_text:
        "Bộ tìm kiếm chưa khởi động được trên trình duyệt này. Hãy thử lại; các bài viết vẫn đọc được qua chuyên mục.",
    skip_to_content: "Bỏ qua, đến nội dung chính",
    main_menu: "Menu chính",
    breadcrumb: "Đường dẫn",
    pagination: "Phân trang",
    previous_page: "Trang trước",
    next_page: "Trang sau",
    page: "Trang",
    photo: "Ảnh",
    see_all: "Xem tất cả",
    featured: "Tin nổi bật",
    no_articles: "Chuyên mục chưa có bài viết.",
    articles_count: "Số bài viết",
    agency: "Cơ quan chủ quản",
    managing_unit: "Đơn vị quản lý",
    phone: "Điện thoại",
    fax: "Fax",
    email: "Email",
    editorial_phone: "Điện thoại Ban biên tập",
    address: "Địa chỉ",
    language_name: "English",
    language_switch: "Chuyển giao diện sang tiếng Anh",
    text_size: "Cỡ chữ",
    text_smaller: "Giảm cỡ chữ",
    text_default: "Cỡ chữ mặc định",
    text_larger: "Tăng cỡ chữ",
    read_aloud: "Nghe đọc bài",
    stop_reading: "Dừng đọc",
    share: "Chia sẻ",
    copy_link: "Sao chép liên kết",
    link_copied: "Đã sao chép liên kết",
    copy_failed: "Không sao chép được, hãy chép địa chỉ trên thanh trình duyệt",
    share_native: "Chia sẻ qua…",
    print: "In bài viết",
    printed_from: "Nguồn",
    related: "Tin liên quan",
    previous_article: "Bài trước",
    next_article: "Bài tiếp theo",
    attachments: "Tệp đính kèm",
    download: "Tải về",
    duration: "Thời lượng",
    subcategories: "Chuyên mục con",
    expired_mark: "Đã hết hạn",
    applies_until: "Có hiệu lực đến hết ngày",
    expired_since: "Thông báo này đã hết hiệu lực sau ngày",
    video_unsupported: "Trình duyệt của bạn không phát được video này.",
    video_captions: "Phụ đề tiếng Việt",
    visits: "Lượt truy cập",
    visits_total: "Tất cả",
    visits_today: "Hôm nay",
    portals: "Liên kết cổng thông tin",
    site_map: "Sơ đồ trang",
    search: "Tìm kiếm",
    search_placeholder: "Nhập từ khoá, có dấu hoặc không dấu",
    search_prompt: "Nhập từ khoá để tìm bài viết.",
    search_none: "Không tìm thấy bài viết nào phù hợp.",
    search_found: "Số kết quả",
    search_left_out: ("Kết quả chưa tính “", "”, từ bạn đang gõ dở."),
    search_type_more: ("Gõ thêm chữ: “", "” là phần đầu của quá nhiều từ."),
    search_category: "Chuyên mục",
    search_all: "Tất cả chuyên mục",
    search_from: "Từ ngày",
    search_to: "Đến ngày",
    search_needs_script: "Tìm kiếm cần JavaScript. Bạn vẫn có thể xem bài viết qua các chuyên mục.",
    search_filters: "Lọc kết quả",
    categories: "Chuyên mục",
    pages: "Giới thiệu và liên hệ",
    contacts: "Cán bộ đầu mối",
    sidebar: "Thông tin khác",
    table: "Bảng số liệu",
    decimal: ",",
    weekdays: [
        "Chủ Nhật",
        "Thứ Hai",
        "Thứ Ba",
        "Thứ Tư",
        "Thứ Năm",
        "Thứ Sáu",
        "Thứ Bảy",
    ],
    thousands: '.',
};

/// English interface.
pub static EN: Ui = Ui {
    home: "Home",
    loading: "Loading…",
    retry: "Try again",
    reload: "Reload the page",
    back_home: "Back to the home page",
    not_found_title: "Page not found",
    not_found_text: "The page you are looking for does not exist or has moved.",
    not_found_search: "Search for the words in this address:",
    network_title: "The content could not be loaded",
    network_text: "The server could not be reached. Check your connection and try again.",
    timeout_title: "The server is taking too long",
    timeout_text: "The content had not arrived after 10 seconds. The network may be slow; try again.",
    server_title: "The server has a problem",
    server_text: "The server answered with error",
    malformed_title: "The data is damaged",
    malformed_text: "The content received could not be read. Try again; if it persists, please tell the editors.",
    outdated_title: "The portal has just been updated",
    outdated_text: "This page belongs to an older version. Reload the page to see the new content.",
    search_unavailable_title: "Search could not start",
    search_unavailable_text:
        "The search engine could not start in this browser. Try again; articles can still be read through the categories.",
    skip_to_content: "Skip to main content",
    main_menu: "Main menu",
    breadcrumb: "Breadcrumb",
    pagination: "Pagination",
    previous_page: "Previous page",
    next_page: "Next page",
    page: "Page",
    photo: "Photo",
    see_all: "See all",
    featured: "Featured",
    no_articles: "This category has no articles yet.",
    articles_count: "Articles",
    agency: "Governing agency",
    managing_unit: "Managing unit",
    phone: "Phone",
    fax: "Fax",
    email: "Email",
    editorial_phone: "Editorial phone",
    address: "Address",
    language_name: "Tiếng Việt",
    language_switch: "Switch the interface to Vietnamese",
    text_size: "Text size",
    text_smaller: "Smaller text",
    text_default: "Default text size",
    text_larger: "Larger text",
    read_aloud: "Listen to the article",
    stop_reading: "Stop reading",
    share: "Share",
    copy_link: "Copy link",
    link_copied: "Link copied",
    copy_failed: "Could not copy: copy the address from the address bar",
    share_native: "Share via…",
    print: "Print",
    printed_from: "Source",
    related: "Related articles",
    previous_article: "Previous article",
    next_article: "Next article",
    attachments: "Attachments",
    download: "Download",
    duration: "Duration",
    subcategories: "Subcategories",
    expired_mark: "Expired",
    applies_until: "Applies until the end of",
    expired_since: "This announcement stopped applying after",
    video_unsupported: "Your browser cannot play this video.",
    video_captions: "Vietnamese captions",
    visits: "Visits",
    visits_total: "Total",
    visits_today: "Today",
    portals: "Government portals",
    site_map: "Site map",
    search: "Search",
    search_placeholder: "Type words, with or without diacritics",
    search_prompt: "Type words to find articles.",
    search_none: "No matching articles.",
    search_found: "Results",
    search_left_out: (
        "These results leave out “",
        "”, the word you are still typing.",
    ),
    search_type_more: (
        "Keep typing: “",
        "” begins too many words to look up yet.",
    ),
    search_category: "Category",
    search_all: "All categories",
    search_from: "From",
    search_to: "To",
    search_needs_script: "Search needs JavaScript. You can still browse articles by category.",
    search_filters: "Filter results",
    categories: "Categories",
    pages: "About and contact",
    contacts: "Contact officials",
    sidebar: "More information",
    table: "Table",
    decimal: ".",
    weekdays: [
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ],
    thousands: ',',
};

/// The interface language of the whole page, switchable while reading.
/// Views read it once when drawn; the app draws them again on a switch.
#[derive(Debug, Clone, Copy)]
pub struct LangSetting(pub RwSignal<Lang>);

/// Makes `lang` the interface language of the views below.
pub fn provide_lang(lang: Lang) -> RwSignal<Lang> {
    let signal = RwSignal::new(lang);
    provide_context(LangSetting(signal));
    signal
}

/// The page's language setting (a Vietnamese one of its own when none was
/// provided, as in a component rendered on its own).
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<LangSetting>()
        .map(|setting| setting.0)
        .unwrap_or_else(|| RwSignal::new(Lang::default()))
}

/// The interface strings for the current language.
pub fn use_ui() -> &'static Ui {
    use_context::<LangSetting>()
        .map(|setting| setting.0.get_untracked())
        .unwrap_or_default()
        .ui()
}

/// A file size as readers say it: `47,1 KB`, `2,5 MB` (a dot in English).
pub fn format_size(bytes: u64, ui: &Ui) -> String {
    const KB: u64 = 1024;
    const MB: u64 = KB * 1024;
    let (unit, scale) = match bytes {
        0..KB => return format!("{bytes} B"),
        KB..MB => ("KB", KB),
        _ => ("MB", MB),
    };
    // Tenths, rounded half up, in integers so both renderers agree.
    let tenths = (bytes * 10 + scale / 2) / scale;
    format!(
        "{}{}{} {unit}",
        format_number(tenths / 10, ui),
        ui.decimal,
        tenths % 10
    )
}

/// A date the way Vietnamese portals print it: `Thứ Ba, 28/06/2022`.
pub fn format_date(date: Date, ui: &Ui) -> String {
    let weekday = ui.weekdays[usize::from(date.weekday() % 7)];
    format!(
        "{weekday}, {:02}/{:02}/{:04}",
        date.day(),
        date.month(),
        date.year()
    )
}

/// A whole number with thousands grouped: `77.258.962` in Vietnamese.
pub fn format_number(n: u64, ui: &Ui) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(ui.thousands);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_like_a_vietnamese_portal() -> Result<(), bantin_model::DateError> {
        let date = Date::new(2022, 6, 28)?;
        assert_eq!(format_date(date, &VI), "Thứ Ba, 28/06/2022");
        assert_eq!(format_date(date, &EN), "Tuesday, 28/06/2022");
        let sunday = Date::new(2024, 6, 30)?;
        assert_eq!(format_date(sunday, &VI), "Chủ Nhật, 30/06/2024");
        Ok(())
    }

    #[test]
    fn numbers_group_thousands_with_dots_in_vietnamese() {
        assert_eq!(format_number(77_258_962, &VI), "77.258.962");
        assert_eq!(format_number(77_258_962, &EN), "77,258,962");
        assert_eq!(format_number(0, &VI), "0");
        assert_eq!(format_number(999, &VI), "999");
        assert_eq!(format_number(1_000, &VI), "1.000");
    }

    #[test]
    fn file_sizes_use_the_language_decimal_mark() {
        assert_eq!(format_size(512, &VI), "512 B");
        assert_eq!(format_size(48_213, &VI), "47,1 KB");
        assert_eq!(format_size(48_213, &EN), "47.1 KB");
        assert_eq!(format_size(2_621_440, &VI), "2,5 MB");
        assert_eq!(format_size(1_288_490_189, &VI), "1.228,8 MB");
    }

    #[test]
    fn the_switch_offers_the_other_language_and_reads_stored_tags() {
        assert_eq!(Lang::Vi.other(), Lang::En);
        assert_eq!(Lang::En.other(), Lang::Vi);
        assert_eq!(Lang::from_tag("en"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        for lang in [Lang::Vi, Lang::En] {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
    }

    #[test]
    fn a_view_without_a_language_speaks_vietnamese() {
        assert_eq!(Lang::default().tag(), "vi");
        assert_eq!(use_ui().home, "Trang chủ");
    }
}
