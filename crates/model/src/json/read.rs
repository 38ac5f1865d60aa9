//! JSON text to a [`Json`] tree (RFC 8259), in one pass over the bytes.

use super::{Json, JsonError};

/// How deep arrays and objects may nest: a hostile file of a million `[`
/// must be refused, not overflow the stack (serde_json's limit too).
const MAX_DEPTH: u32 = 128;

/// Reads a whole JSON text; anything but white space after the value is
/// an error.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    let value = reader.value()?;
    reader.space();
    if reader.at < reader.bytes.len() {
        return Err(reader.fault("text after the value"));
    }
    Ok(value)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    depth: u32,
}

impl Reader<'_> {
    /// An error at the current place, as `line L, column C: what`.
    fn fault(&self, what: &str) -> JsonError {
        let before = &self.bytes[..self.at.min(self.bytes.len())];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = 1 + self.text[line_start..self.at.min(self.text.len())]
            .chars()
            .count();
        JsonError::new(format!("line {line}, column {column}: {what}"))
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Consumes `byte` after white space, or fails saying what was wanted.
    fn expect(&mut self, byte: u8, what: &str) -> Result<(), JsonError> {
        self.space();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.fault(what))
        }
    }

    fn value(&mut self) -> Result<Json, JsonError> {
        self.space();
        match self.peek() {
            Some(b'{') => self.nested(Reader::object),
            Some(b'[') => self.nested(Reader::array),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.fault("expected a value")),
            None => Err(self.fault("the text ends where a value should be")),
        }
    }

    /// Reads an array or object one level deeper, within [`MAX_DEPTH`].
    fn nested(
        &mut self,
        read: fn(&mut Self) -> Result<Json, JsonError>,
    ) -> Result<Json, JsonError> {
        if self.depth == MAX_DEPTH {
            return Err(self.fault("nested too deep"));
        }
        self.depth += 1;
        self.at += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn word(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.fault("expected a value"))
        }
    }

    /// After `[`.
    fn array(&mut self) -> Result<Json, JsonError> {
        let mut items = Vec::new();
        self.space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.fault("expected `,` or `]`")),
            }
        }
    }

    /// After `{`.
    fn object(&mut self) -> Result<Json, JsonError> {
        let mut members = Vec::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.space();
            if self.peek() != Some(b'"') {
                return Err(self.fault("expected a member name"));
            }
            let name = self.string()?;
            self.expect(b':', "expected `:`")?;
            members.push((name, self.value()?));
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.fault("expected `,` or `}`")),
            }
        }
    }

    /// At `"`: the string with its escapes resolved. Runs without escapes
    /// are copied whole (quotes and backslashes are ASCII, so they always
    /// fall between characters of the UTF-8 text).
    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = String::new();
        let mut run = self.at;
        loop {
            match self.peek() {
                None => return Err(self.fault("the text ends inside a string")),
                Some(b'"') => {
                    out.push_str(&self.text[run..self.at]);
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.text[run..self.at]);
                    self.at += 1;
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => return Err(self.fault("unknown escape")),
                    };
                    out.push(escaped);
                    self.at += 1;
                    run = self.at;
                }
                Some(0..=0x1f) => return Err(self.fault("control character in a string")),
                Some(_) => self.at += 1,
            }
        }
    }

    /// At the `u` of `\uXXXX`; leaves `at` on its last digit. A high
    /// surrogate must be followed by its low half.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.four_hex()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !self.bytes[self.at + 1..].starts_with(b"\\u") {
                    return Err(self.fault("lone surrogate in a string"));
                }
                self.at += 2;
                let second = self.four_hex()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.fault("lone surrogate in a string"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.fault("lone surrogate in a string")),
            _ => first,
        };
        char::from_u32(code).ok_or_else(|| self.fault("not a character"))
    }

    /// At `u`: the four hex digits after it; leaves `at` on the last one.
    fn four_hex(&mut self) -> Result<u32, JsonError> {
        let mut code = 0;
        for _ in 0..4 {
            self.at += 1;
            let digit = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.fault("expected four hex digits")),
            };
            code = code * 16 + u32::from(digit);
        }
        Ok(code)
    }

    /// A number by JSON's grammar; its value kept only when whole and ≥ 0.
    fn number(&mut self) -> Result<Json, JsonError> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let mut whole: Option<u64> = Some(0);
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                while let Some(b @ b'0'..=b'9') = self.peek() {
                    whole = whole
                        .and_then(|n| n.checked_mul(10))
                        .and_then(|n| n.checked_add(u64::from(b - b'0')));
                    self.at += 1;
                }
            }
            _ => return Err(self.fault("expected a digit")),
        }
        let mut exact = !negative;
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.digits()?;
            exact = false;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            self.digits()?;
            exact = false;
        }
        Ok(Json::Number(whole.filter(|_| exact)))
    }

    /// One or more digits.
    fn digits(&mut self) -> Result<(), JsonError> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.fault("expected a digit"));
        }
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(text: &str) -> String {
        match parse(text) {
            Ok(value) => panic!("{text} read as {value:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn reads_what_serde_json_writes() -> Result<(), Box<dyn std::error::Error>> {
        let value = serde_json::json!({
            "title": "Đường \"mới\" \\ \n\t\u{1}\u{7f} 𝄞 đ",
            "n": [0, 7, u64::MAX, -3, 1.5, 2e3],
            "nested": {"empty": [], "none": {}, "yes": true, "no": false, "nil": null},
        });
        let text = serde_json::to_string_pretty(&value)?;
        let Json::Object(members) = parse(&text)? else {
            panic!("not an object");
        };
        let get = |name: &str| {
            members
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(
            get("title"),
            Some(Json::String("Đường \"mới\" \\ \n\t\u{1}\u{7f} 𝄞 đ".into()))
        );
        assert_eq!(
            get("n"),
            Some(Json::Array(vec![
                Json::Number(Some(0)),
                Json::Number(Some(7)),
                Json::Number(Some(u64::MAX)),
                Json::Number(None),
                Json::Number(None),
                Json::Number(None),
            ]))
        );
        let Some(Json::Object(nested)) = get("nested") else {
            panic!("no nested object");
        };
        assert_eq!(nested.len(), 5);
        assert!(nested.contains(&("nil".into(), Json::Null)));
        assert!(nested.contains(&("no".into(), Json::Bool(false))));
        Ok(())
    }

    #[test]
    fn escapes_of_every_kind_resolve() -> Result<(), JsonError> {
        let text = r#""a\"b\\c\/d\be\ff\ng\rh\ti\u0111\uD834\uDD1E""#;
        assert_eq!(
            parse(text)?,
            Json::String("a\"b\\c/d\u{8}e\u{c}f\ng\rh\tiđ𝄞".into())
        );
        Ok(())
    }

    #[test]
    fn numbers_too_large_are_kept_as_not_whole() -> Result<(), JsonError> {
        assert_eq!(parse("18446744073709551616")?, Json::Number(None));
        assert_eq!(parse("-0")?, Json::Number(None));
        Ok(())
    }

    #[test]
    fn broken_text_is_refused_with_its_place() {
        assert_eq!(
            fault("{\"a\": 1,\n  \"b\" 2}"),
            "line 2, column 7: expected `:`"
        );
        assert_eq!(fault("[1, 2"), "line 1, column 6: expected `,` or `]`");
        assert_eq!(
            fault("\"đường"),
            "line 1, column 7: the text ends inside a string"
        );
        assert_eq!(
            fault("{\"a\": 1} x"),
            "line 1, column 10: text after the value"
        );
        assert_eq!(
            fault(""),
            "line 1, column 1: the text ends where a value should be"
        );
        for broken in [
            "[1,]",
            "{,}",
            "{\"a\"}",
            "01",
            "1.",
            "1e",
            "-",
            "tru",
            "nul",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\uD800\"",
            "\"\\uDC00\"",
            "\"\\uD800\\u0041\"",
            "\"a\nb\"",
            "{1: 2}",
            "[1 2]",
            "'a'",
        ] {
            assert!(parse(broken).is_err(), "{broken:?} was read");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(fault(&deep).ends_with("nested too deep"));
        let fine = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(parse(&fine).is_ok());
    }
}
