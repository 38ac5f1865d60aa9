//! Vietnamese text folding: the base of diacritic-free search and of slugs.

/// Every precomposed Vietnamese letter, grouped by the base letter it folds to.
const VIETNAMESE_LETTERS: &[(char, &str)] = &[
    ('a', "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"),
    ('e', "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ"),
    ('i', "ìíỉĩịÌÍỈĨỊ"),
    ('o', "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"),
    ('u', "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ"),
    ('y', "ỳýỷỹỵỲÝỶỸỴ"),
    // đ has no Unicode decomposition, which is why generic accent folding
    // leaves it alone; readers still type "d" for it.
    ('d', "đĐ"),
];

/// Combining diacritical marks: what NFD-encoded text carries its tones and
/// vowel marks in.
fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Folds one character; `None` when it is a combining mark to drop.
fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    if is_combining_mark(c) {
        return None;
    }
    for (base, letters) in VIETNAMESE_LETTERS {
        if letters.contains(c) {
            return Some(*base);
        }
    }
    // Non-Vietnamese letters keep their identity, lower-cased where that
    // stays one character.
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => Some(l),
        _ => Some(c),
    }
}

/// Maps every Vietnamese letter to its base letter and lower-cases:
/// ă â → a, ê → e, ô ơ → o, ư → u, đ → d, tones dropped. NFC and NFD input
/// fold to the same text, so "Đường" typed either way becomes "duong".
pub fn fold_vietnamese(text: &str) -> String {
    text.chars().filter_map(fold_char).collect()
}

/// An ASCII URL segment from a Vietnamese title:
/// "Hội nghị sơ kết" → `hoi-nghi-so-ket`.
pub fn slugify(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for c in fold_vietnamese(title).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_tones_and_vowel_marks() {
        assert_eq!(fold_vietnamese("Đảng"), "dang");
        assert_eq!(fold_vietnamese("phụ nữ"), "phu nu");
        assert_eq!(fold_vietnamese("ĐƯỜNG"), "duong");
        assert_eq!(fold_vietnamese("Sóc Trăng ơi"), "soc trang oi");
    }

    #[test]
    fn nfd_input_folds_like_nfc() {
        // "đường" with the tone and horn as combining marks.
        let nfd = "đu\u{031B}o\u{031B}\u{0300}ng";
        assert_eq!(fold_vietnamese(nfd), fold_vietnamese("đường"));
        assert_eq!(fold_vietnamese("a\u{0306}\u{0301}"), "a");
    }

    #[test]
    fn every_letter_in_the_table_folds_to_an_ascii_letter() {
        for (base, letters) in VIETNAMESE_LETTERS {
            for c in letters.chars() {
                assert_eq!(fold_char(c), Some(*base), "{c}");
            }
        }
    }

    #[test]
    fn slugs_are_ascii_words_joined_by_hyphens() {
        assert_eq!(slugify("Hội nghị sơ kết"), "hoi-nghi-so-ket");
        assert_eq!(slugify("  Đường — mới, 2022!  "), "duong-moi-2022");
        assert_eq!(slugify("!!!"), "");
    }
}
