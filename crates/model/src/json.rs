//! The JSON reader of both WASMs: bundles, hydration data and worker
//! messages are read here, not by serde's derive.
//!
//! serde's derived decoders are generic over the reader, so every bundle
//! type brought its own visitor code into the app's WASM (see
//! `docs/size.md`). Here one parser, written once, turns the text into a
//! [`Json`] tree, and each type takes its fields out of the tree by name
//! ([`FromJson`]), with little code per type. The bundler keeps writing
//! with serde's `Serialize`; native tests read everything it writes back
//! through this reader.

mod read;

pub use read::parse;

use std::fmt;

/// A JSON value, as read. Numbers are kept only as whole numbers: no
/// bundle field holds anything else, and parsing floats would bring their
/// code into the WASMs. A number that is not a whole number from 0 to
/// `u64::MAX` is still valid JSON (a field we ignore may hold it); it is
/// kept as `Number(None)` and refused only where a field needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number; `None` when it is not a whole number ≥ 0 that fits in 64 bits.
    Number(Option<u64>),
    /// A string, its escapes resolved.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object's members, in the order written.
    Object(Vec<(String, Json)>),
}

/// Why a JSON text could not be read as the value wanted: where the text
/// broke (`line 3, column 7: …`) or which field had the wrong shape
/// (`body.level: …`). Readers never see it; it names the fault for whoever
/// looks at the console or a test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError(String);

impl JsonError {
    /// A fault in the value at hand.
    pub fn new(what: impl Into<String>) -> JsonError {
        JsonError(what.into())
    }

    /// The same fault, inside the field `name`.
    pub fn within(self, name: &str) -> JsonError {
        JsonError(format!("{name}.{}", self.0))
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for JsonError {}

/// A type read from a [`Json`] value.
pub trait FromJson: Sized {
    /// Reads the value, taking its strings and arrays without copying.
    fn from_json(value: Json) -> Result<Self, JsonError>;

    /// What a field of this type is when the object leaves it out: `None`
    /// makes the field required. `Option` fields may be left out.
    fn absent() -> Option<Self> {
        None
    }
}

/// Reads a whole JSON text as a `T`.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, JsonError> {
    T::from_json(parse(text)?)
}

/// `text` as a JSON string literal, escaped as serde_json escapes it (so
/// text written here and by the bundler reads the same, byte for byte).
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[n >> 4]));
                out.push(char::from(HEX[n & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The error for a value of the wrong kind.
fn expected<T>(what: &str) -> Result<T, JsonError> {
    Err(JsonError::new(format!("expected {what}")))
}

impl FromJson for Json {
    fn from_json(value: Json) -> Result<Json, JsonError> {
        Ok(value)
    }
}

impl FromJson for String {
    fn from_json(value: Json) -> Result<String, JsonError> {
        match value {
            Json::String(text) => Ok(text),
            _ => expected("a string"),
        }
    }
}

impl FromJson for bool {
    fn from_json(value: Json) -> Result<bool, JsonError> {
        match value {
            Json::Bool(b) => Ok(b),
            _ => expected("true or false"),
        }
    }
}

impl FromJson for u64 {
    fn from_json(value: Json) -> Result<u64, JsonError> {
        match value {
            Json::Number(Some(n)) => Ok(n),
            _ => expected("a whole number"),
        }
    }
}

/// Whole numbers of smaller types: read as `u64`, then checked to fit.
macro_rules! narrower {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json(value: Json) -> Result<$t, JsonError> {
                let n = u64::from_json(value)?;
                <$t>::try_from(n).map_err(|_| JsonError::new(format!("{n} is too large")))
            }
        }
    )*};
}
narrower!(u8, u16, u32, usize);

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: Json) -> Result<Vec<T>, JsonError> {
        match value {
            Json::Array(items) => items.into_iter().map(T::from_json).collect(),
            _ => expected("an array"),
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: Json) -> Result<Option<T>, JsonError> {
        match value {
            Json::Null => Ok(None),
            value => T::from_json(value).map(Some),
        }
    }

    fn absent() -> Option<Option<T>> {
        Some(None)
    }
}

impl<const N: usize> FromJson for [u64; N] {
    fn from_json(value: Json) -> Result<[u64; N], JsonError> {
        let items = Vec::<u64>::from_json(value)?;
        items
            .try_into()
            .map_err(|_| JsonError::new(format!("expected {N} numbers")))
    }
}

/// serde's external tagging of `Result` (`{"Ok": …}` or `{"Err": …}`),
/// which Leptos's resources are written in.
impl<T: FromJson, E: FromJson> FromJson for Result<T, E> {
    fn from_json(value: Json) -> Result<Result<T, E>, JsonError> {
        match value.variant()? {
            (name, Some(inner)) if name == "Ok" => T::from_json(inner).map(Ok),
            (name, Some(inner)) if name == "Err" => E::from_json(inner).map(Err),
            (name, _) => Err(JsonError::new(format!("unknown variant `{name}`"))),
        }
    }
}

impl Json {
    /// The whole number in the member `name` of an object: how a file's
    /// or a message's version is read before the rest, whose shape may
    /// have changed.
    pub fn whole_member(&self, name: &str) -> Option<u64> {
        match self {
            Json::Object(members) => members.iter().find_map(|(key, value)| match value {
                Json::Number(n) if key == name => *n,
                _ => None,
            }),
            _ => None,
        }
    }

    /// An enum value as serde writes it by default: a unit variant as its
    /// name (`"NotFound"`), any other as an object of one member
    /// (`{"Server": 503}`). Gives the name and the content, if any.
    pub fn variant(self) -> Result<(String, Option<Json>), JsonError> {
        match self {
            Json::String(name) => Ok((name, None)),
            Json::Object(mut members) if members.len() == 1 => {
                let (name, inner) = members.remove(0);
                Ok((name, Some(inner)))
            }
            _ => expected("a variant name or an object of one member"),
        }
    }
}

/// An object's members, taken out one by one as a type reads its fields.
/// Members no field asks for are left: unknown fields are ignored, as
/// serde's derive does, so an older app reads a newer bundle's extras.
pub struct Fields(Vec<(String, Json)>);

impl Fields {
    /// The members of `value`, which must be an object.
    pub fn of(value: Json) -> Result<Fields, JsonError> {
        match value {
            Json::Object(members) => Ok(Fields(members)),
            _ => expected("an object"),
        }
    }

    /// Removes the member `name` (its first, if written twice).
    fn remove(&mut self, name: &str) -> Option<Json> {
        let at = self.0.iter().position(|(key, _)| key == name)?;
        Some(self.0.swap_remove(at).1)
    }

    /// The field `name`; an error names it when it is missing (and not
    /// optional) or of the wrong shape.
    pub fn take<T: FromJson>(&mut self, name: &str) -> Result<T, JsonError> {
        match self.remove(name) {
            Some(value) => T::from_json(value).map_err(|e| e.within(name)),
            None => T::absent().ok_or_else(|| JsonError::new(format!("`{name}` is missing"))),
        }
    }

    /// The field `name`, or its type's default when it is left out
    /// (serde's `#[serde(default)]`).
    pub fn or_default<T: FromJson + Default>(&mut self, name: &str) -> Result<T, JsonError> {
        match self.remove(name) {
            Some(value) => T::from_json(value).map_err(|e| e.within(name)),
            None => Ok(T::default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_taken_by_name_in_any_order_and_extras_are_ignored() -> Result<(), JsonError> {
        let mut fields = Fields::of(parse(r#"{"b": [1, 2], "z": {"x": 1.5}, "a": "x"}"#)?)?;
        assert_eq!(fields.take::<String>("a")?, "x");
        assert_eq!(fields.take::<Vec<u32>>("b")?, vec![1, 2]);
        assert_eq!(fields.take::<Option<u32>>("c")?, None);
        assert_eq!(fields.or_default::<String>("d")?, "");
        Ok(())
    }

    #[test]
    fn a_field_of_the_wrong_shape_or_missing_is_named() -> Result<(), JsonError> {
        let mut fields = Fields::of(parse(r#"{"level": 300, "n": -1, "s": 2}"#)?)?;
        let fault = |r: Result<u8, JsonError>| r.map_err(|e| e.to_string());
        assert_eq!(
            fault(fields.take("level")),
            Err("level.300 is too large".into())
        );
        assert_eq!(
            fault(fields.take("n")),
            Err("n.expected a whole number".into())
        );
        assert_eq!(fault(fields.take("gone")), Err("`gone` is missing".into()));
        let text: Result<String, _> = fields.take("s");
        assert_eq!(
            text.map_err(|e| e.to_string()),
            Err("s.expected a string".into())
        );
        Ok(())
    }

    #[test]
    fn results_and_variants_read_as_serde_writes_them() -> Result<(), JsonError> {
        let ok: Result<Result<u32, String>, _> = from_str(r#"{"Ok": 7}"#);
        assert_eq!(ok?, Ok(7));
        let err: Result<u32, String> = from_str(r#"{"Err": "hỏng"}"#)?;
        assert_eq!(err, Err("hỏng".into()));
        assert!(from_str::<Result<u32, String>>(r#"{"Maybe": 1}"#).is_err());
        assert!(from_str::<Result<u32, String>>(r#"{"Ok": 1, "Err": "x"}"#).is_err());
        assert_eq!(
            parse(r#""NotFound""#)?.variant()?,
            ("NotFound".to_string(), None)
        );
        Ok(())
    }

    #[test]
    fn quoting_matches_serde_json_and_reads_back() -> Result<(), Box<dyn std::error::Error>> {
        let text = "Đường \"mới\" \\ </script>\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f} 𝄞";
        assert_eq!(quote(text), serde_json::to_string(text)?);
        assert_eq!(from_str::<String>(&quote(text))?, text);
        Ok(())
    }

    #[test]
    fn fixed_arrays_need_their_length() {
        assert_eq!(from_str::<[u64; 2]>("[1, 2]"), Ok([1, 2]));
        assert!(from_str::<[u64; 2]>("[1]").is_err());
    }
}
