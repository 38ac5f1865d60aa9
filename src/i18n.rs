//! Every string of the interface, in Vietnamese first and English second,
//! and the formatting of dates and numbers the way readers expect them.
//!
//! Content stays in the language it was written in; only the interface
//! around it changes with [`Lang`].

use bantin_model::Date;
use leptos::prelude::{provide_context, use_context};

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
    /// Heading when the network failed.
    pub network_title: &'static str,
    /// Explanation when the network failed.
    pub network_text: &'static str,
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
    network_title: "Không tải được nội dung",
    network_text: "Không kết nối được tới máy chủ. Hãy kiểm tra kết nối mạng rồi thử lại.",
    server_title: "Máy chủ đang gặp sự cố",
    server_text: "Máy chủ trả lời lỗi",
    malformed_title: "Dữ liệu bị lỗi",
    malformed_text:
        "Nội dung nhận được không đọc được. Hãy thử lại; nếu vẫn lỗi, xin báo ban biên tập.",
    outdated_title: "Cổng thông tin vừa được cập nhật",
    outdated_text: "Trang bạn đang xem thuộc phiên bản cũ. Hãy tải lại trang để xem nội dung mới.",
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
    network_title: "The content could not be loaded",
    network_text: "The server could not be reached. Check your connection and try again.",
    server_title: "The server has a problem",
    server_text: "The server answered with error",
    malformed_title: "The data is damaged",
    malformed_text: "The content received could not be read. Try again; if it persists, please tell the editors.",
    outdated_title: "The portal has just been updated",
    outdated_text: "This page belongs to an older version. Reload the page to see the new content.",
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

/// Makes `lang` the interface language of the views below.
pub fn provide_lang(lang: Lang) {
    provide_context(lang);
}

/// The interface strings for the current language (Vietnamese when none
/// was provided, as in a component rendered on its own).
pub fn use_ui() -> &'static Ui {
    use_context::<Lang>().unwrap_or_default().ui()
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
    fn a_view_without_a_language_speaks_vietnamese() {
        assert_eq!(Lang::default().tag(), "vi");
        assert_eq!(use_ui().home, "Trang chủ");
    }
}
