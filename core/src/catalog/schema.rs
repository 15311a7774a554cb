//! The catalogue format as a JSON Schema (feature `schema`), generated from the Rust types so
//! that an editor can complete and check a catalogue as it is written.
//!
//! The committed copy is `catalogs/catalog.schema.json`; a catalogue points at it with
//! `"$schema": "./catalog.schema.json"`. The schema checks the shape of a catalogue (field
//! names and types, required fields, enumerations, lengths and ranges) and the shape of
//! every rule (each operation has one known operator); what it cannot say — references
//! between codes, argument counts, examples that validate — is left to
//! [`lint`](super::lint).
//!
//! ```
//! let schema = doorstep::catalog::schema::catalog_schema();
//! assert_eq!(schema["title"], "Catalog");
//! assert!(schema["definitions"]["Rule"].is_object());
//! ```
#![cfg(feature = "schema")]

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value};

use super::Catalog;
use crate::form::Pattern;
use crate::rule::{self, Rule};

/// The JSON Schema (draft-07, which editors support best) of a catalogue document.
pub fn catalog_schema() -> Value {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<Catalog>();
    schema.insert(
        "$comment".to_owned(),
        Value::from(
            "Generated from the Rust types of doorstep::catalog (feature `schema`); do not edit. \
             Regenerate with `DOORSTEP_BLESS=1 cargo test -p doorstep --test schema`.",
        ),
    );
    tidy(schema.to_value())
}

/// Keys in order (whatever `serde_json`'s `preserve_order` says, so the committed file does
/// not depend on feature unification), and descriptions as paragraphs: the line breaks of
/// wrapped doc comments become spaces.
fn tidy(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            entries
                .into_iter()
                .map(|(key, value)| {
                    let value = match value {
                        Value::String(text) if key == "description" => Value::String(
                            text.split("\n\n")
                                .map(|paragraph| {
                                    paragraph.split('\n').collect::<Vec<_>>().join(" ")
                                })
                                .collect::<Vec<_>>()
                                .join("\n\n"),
                        ),
                        other => tidy(other),
                    };
                    (key, value)
                })
                .collect::<Map<String, Value>>()
                .into()
        }
        Value::Array(items) => items.into_iter().map(tidy).collect(),
        other => other,
    }
}

/// A `JsonLogic` rule: a literal, an array of rules, or one operation whose operator the
/// engine knows ([`rule::operators`]), its arguments again rules.
impl JsonSchema for Rule {
    fn schema_name() -> Cow<'static, str> {
        "Rule".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "doorstep::rule::Rule".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let this = generator.subschema_for::<Self>().to_value();
        let operations: Map<String, Value> = rule::operators()
            .map(|op| (op.to_owned(), this.clone()))
            .collect();
        json_schema!({
            "description": "A JsonLogic rule (jsonlogic.com) over the answers, compiled when the \
                catalogue loads: a literal (string, number, boolean, null), an array of rules, \
                or one operation {\"operator\": arguments} whose arguments are a rule or an \
                array of rules. Every object is an operation, with exactly one known operator: \
                JsonLogic's (var, missing, if, ==, and, <, in, cat, …) and the domain ones \
                (id_birth_date, id_age, id_sex, days_between, working_days_between, age_at). Argument counts and \
                nesting depth are checked by `doorstep catalog lint`.",
            "examples": [{"==": [{"var": "married"}, true]}],
            "anyOf": [
                {"type": ["string", "number", "boolean", "null"]},
                {"type": "array", "items": this},
                {
                    "type": "object",
                    "minProperties": 1,
                    "maxProperties": 1,
                    "properties": operations,
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// A field's `pattern`: a regular expression (a subset of the regex crate's syntax), as a
/// string.
impl JsonSchema for Pattern {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Pattern".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "doorstep::form::Pattern".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A regular expression that the whole trimmed text must match (anchored \
                at both ends), in a subset of the Rust regex crate's syntax: characters, `.`, \
                classes `[a-z]` and `[^...]`, `\\d \\w \\s` (ASCII) and their negations, \
                `\\t \\n \\r` and escaped syntax characters, groups `(...)`, `(?:...)` and \
                `(?P<name>...)`, `|`, `? * + {n} {n,} {n,m}` (counts up to 1000), `^` and \
                `$`. Flags, `\\b`, Unicode classes such as `\\p{Han}`, classes within classes \
                and escapes by code point are refused.",
            "examples": ["[0-9]{6}"]
        })
    }
}
