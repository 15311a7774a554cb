//! Deserializing internally tagged enums (`{"type": "submit", ...}`) without serde's
//! `Content` buffer.
//!
//! serde's derived `Deserialize` for `#[serde(tag = "...")]` buffers the whole object in its
//! private `Content` type and walks the buffer once per variant's shape; in the WASM package
//! that machinery cost about 17 kB gzipped (`Command`, `EventKind`, `CalendarQuery`). Here
//! the object is read into a [`serde_json::Map`] instead, the tag is taken out, and the rest
//! is read back from JSON text through an externally tagged *twin* of the enum:
//! `{"submit": {...the other fields}}`. From text, not from the `Value`: the variants' field
//! types (answers, stamps, dates) are read from JSON text everywhere else, so this adds no
//! code for them, where the `Value` deserializer would have added about 50 kB (raw).
//!
//! Every variant of the twin has a payload: a unit variant carries `NoFields`, an empty
//! struct that denies unknown fields and is shared by every unit variant of every enum, so
//! `{"type": "accept", "bogus": 1}` is refused (serde's derive ignores the extra field).
//!
//! The JSON format is serde's: the enum keeps `#[derive(Serialize)]` with its
//! `#[serde(tag = ...)]`, and the twin has the same serde attributes less the tag, so
//! renames, `default`s and field attributes read as they are written. The errors are serde's
//! too, e.g. "missing field `type`", "unknown variant `sign`, expected one of `submit`,
//! `accept`, ...", "unknown field `bogus`, there are no fields"; their line and column are
//! the end of the object, as with serde's buffer. The object is read twice (into the map,
//! then the variant from text), as serde read it twice (into its buffer, then the variant
//! from the buffer).
//!
//! # Use
//!
//! Wrap the enum in [`tagged_enum!`](crate::tagged::tagged_enum) and leave `Deserialize` out
//! of its derives. The first attributes must be, in this order, the doc comment, one
//! `#[derive(...)]` (with `Serialize`) and `#[serde(tag = "...", ...)]` with the tag first;
//! other attributes (`#[non_exhaustive]`) follow. Variants are unit variants or struct
//! variants (no tuple variants), with any attributes on variants and fields:
//!
//! ```text
//! crate::tagged::tagged_enum! {
//!     /// What an actor asks to do.
//!     #[derive(Debug, Clone, PartialEq, Serialize)]
//!     #[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
//!     pub enum Command {
//!         /// 受理.
//!         Accept,
//!         /// 不予受理.
//!         NotAccept {
//!             /// Why.
//!             reason: String,
//!         },
//!     }
//! }
//! ```
//!
//! **Adding a variant** is writing it in the enum, as in any enum (a unit variant `Name,`
//! or a struct variant `Name { field: Type, ... },`, with its doc comment and serde
//! attributes): the macro declares the twin and the conversion from it, nothing else here
//! changes. Tuple variants are not supported (the macro refuses them).

use serde::de::{DeserializeOwned, Error, Unexpected};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// Reads an object, takes its `tag` out, and deserializes `{tag: {the other fields}}` as
/// `T`, the enum's externally tagged twin. Errors: the object's own (not an object), a
/// missing tag, a tag that is not a string, and the twin's (an unknown variant, a missing
/// or unknown field, a wrong type), as `D`'s custom errors.
pub(crate) fn untag<'de, D, T>(deserializer: D, tag: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let mut fields = Map::<String, Value>::deserialize(deserializer)?;
    let variant = match fields.remove(tag) {
        Some(Value::String(variant)) => variant,
        Some(other) => return Err(D::Error::invalid_type(unexpected(&other), &"a string")),
        None => return Err(D::Error::missing_field(tag)),
    };
    let mut twin = Map::new();
    twin.insert(variant, Value::Object(fields));
    // Read back from text rather than from the `Value`: the variants' field types are read
    // from JSON text everywhere else, so this adds no code for them (the `Value`
    // deserializer would, about 50 kB).
    let text = Value::Object(twin).to_string();
    // Without the position, which is in the text made for the twin.
    serde_json::from_str(&text).map_err(|e| D::Error::custom(crate::input::without_position(&e)))
}

/// What `value` is, for an `invalid type` error.
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Unexpected::Unsigned(u),
            (None, Some(i), _) => Unexpected::Signed(i),
            (None, None, Some(f)) => Unexpected::Float(f),
            (None, None, None) => Unexpected::Other("number"),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// The payload of a unit variant in a twin: an empty object, nothing else. One type for
/// every unit variant of every enum, so that they share its deserializer.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoFields {}

/// Declares an internally tagged enum with `Serialize` derived and `Deserialize` through
/// [`untag`] and an externally tagged twin (see the [module](self)).
macro_rules! tagged_enum {
    // The twin's variants, one at a time: a struct variant as it is, a unit variant with
    // the payload `NoFields`.
    (@twin ($($opt:tt)*) [$($done:tt)*]) => {
        /// The enum, externally tagged, every variant with a payload.
        #[derive(::serde::Deserialize)]
        #[serde($($opt)*)]
        enum Twin {
            $($done)*
        }
    };
    (@twin $opt:tt [$($done:tt)*]
        $(#[$vmeta:meta])* $variant:ident { $($fields:tt)* }, $($rest:tt)*
    ) => {
        $crate::tagged::tagged_enum!(@twin $opt [
            $($done)* $(#[$vmeta])* $variant { $($fields)* },
        ] $($rest)*);
    };
    (@twin $opt:tt [$($done:tt)*] $(#[$vmeta:meta])* $variant:ident, $($rest:tt)*) => {
        $crate::tagged::tagged_enum!(@twin $opt [
            $($done)* $(#[$vmeta])* $variant($crate::tagged::NoFields),
        ] $($rest)*);
    };
    (
        $(#[doc = $doc:literal])*
        #[derive($($derive:path),* $(,)?)]
        #[serde(tag = $tag:literal, $($opt:tt)*)]
        $(#[$after:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident $({
                    $(
                        $(#[$fmeta:meta])*
                        $field:ident : $ty:ty
                    ),* $(,)?
                })?
            ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive($($derive),*)]
        #[serde(tag = $tag, $($opt)*)]
        $(#[$after])*
        $vis enum $name {
            $(
                $(#[$vmeta])*
                $variant $({
                    $(
                        $(#[$fmeta])*
                        $field: $ty,
                    )*
                })?,
            )*
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> ::core::result::Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                $crate::tagged::tagged_enum!(@twin ($($opt)*) [] $(
                    $(#[$vmeta])*
                    $variant $({
                        $(
                            $(#[$fmeta])*
                            $field: $ty,
                        )*
                    })?,
                )*);

                Ok(match $crate::tagged::untag::<D, Twin>(deserializer, $tag)? {
                    $(
                        Twin::$variant { $($($field,)*)? .. } => Self::$variant { $($($field,)*)? },
                    )*
                })
            }
        }
    };
}

pub(crate) use tagged_enum;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde::Serialize;
    use serde_json::json;

    tagged_enum! {
        /// A test enum.
        #[derive(Debug, PartialEq, Serialize)]
        #[serde(
            tag = "kind",
            rename_all = "snake_case",
            rename_all_fields = "camelCase",
            deny_unknown_fields
        )]
        #[non_exhaustive]
        enum Shape {
            /// No fields.
            Dot,
            /// Fields.
            LongLine {
                /// Renamed.
                from_x: u32,
                /// Defaulted.
                #[serde(default, skip_serializing_if = "Option::is_none")]
                to_x: Option<u32>,
            },
        }
    }

    fn read(text: &str) -> Result<Shape, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn round_trips_in_serdes_format() {
        for shape in [
            Shape::Dot,
            Shape::LongLine {
                from_x: 1,
                to_x: None,
            },
            Shape::LongLine {
                from_x: 1,
                to_x: Some(2),
            },
        ] {
            let text = serde_json::to_string(&shape).unwrap();
            assert_eq!(read(&text).unwrap(), shape, "{text}");
        }
        assert_eq!(
            serde_json::to_value(Shape::LongLine {
                from_x: 1,
                to_x: None
            })
            .unwrap(),
            json!({"kind": "long_line", "fromX": 1})
        );
        assert_eq!(
            read(r#"{"fromX": 3, "kind": "long_line"}"#).unwrap(),
            Shape::LongLine {
                from_x: 3,
                to_x: None
            }
        );
    }

    #[test]
    fn errors_are_serdes() {
        let error = read(r#"{"kind": "circle"}"#).unwrap_err();
        assert!(
            error.starts_with("unknown variant `circle`, expected `dot` or `long_line`"),
            "{error}"
        );
        let error = read(r#"{"fromX": 1}"#).unwrap_err();
        assert!(error.starts_with("missing field `kind`"), "{error}");
        let error = read(r#"{"kind": 1}"#).unwrap_err();
        assert!(
            error.starts_with("invalid type: integer `1`, expected a string"),
            "{error}"
        );
        let error = read(r#"{"kind": "long_line"}"#).unwrap_err();
        assert!(error.starts_with("missing field `fromX`"), "{error}");
        let error = read(r#"{"kind": "long_line", "fromX": 1, "toY": 2}"#).unwrap_err();
        assert!(error.starts_with("unknown field `toY`"), "{error}");
        let error = read(r#"["dot"]"#).unwrap_err();
        assert!(error.starts_with("invalid type: sequence"), "{error}");
    }

    #[test]
    fn unit_variants_refuse_fields() {
        assert_eq!(read(r#"{"kind": "dot"}"#).unwrap(), Shape::Dot);
        let error = read(r#"{"kind": "dot", "fromX": 1}"#).unwrap_err();
        assert!(error.starts_with("unknown field `fromX`"), "{error}");
    }
}
