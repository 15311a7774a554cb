//! 表单 and 填单示范: what a form asks, as data.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use validator::Validate;

use super::Pattern;
use crate::rule::Rule;

crate::named::named_enum! {
    /// The type of a field, which fixes how its value is checked and normalised.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(rename_all = "snake_case")]
    pub enum FieldType {
        /// Free text, trimmed of white space and invisible characters (so that one of only
        /// those is blank); a control character or a bidirectional override in it is
        /// `form.control_character`.
        Text => "text",
        /// A whole number.
        Integer => "integer",
        /// A number.
        Decimal => "decimal",
        /// An amount of money in fen (分), a whole number ≥ 0.
        Money => "money",
        /// A date, `YYYY-MM-DD`.
        Date => "date",
        /// A date and time, `YYYY-MM-DDTHH:MM[:SS]` (or with a space for the `T`), China
        /// Standard Time; kept as `YYYY-MM-DDTHH:MM:SS`.
        Datetime => "datetime",
        /// Yes or no.
        Boolean => "boolean",
        /// One of `choices`.
        Choice => "choice",
        /// Several of `choices`.
        MultiChoice => "multi_choice",
        /// 居民身份证号码 (or residence permit), normalised.
        ResidentId => "resident_id",
        /// 统一社会信用代码, normalised.
        CreditCode => "credit_code",
        /// 手机号码, normalised to 11 digits.
        Mobile => "mobile",
        /// A mobile or landline number.
        Phone => "phone",
        /// An e-mail address, as RFC 5321 lets a mailbox be written (`form::email`).
        Email => "email",
        /// 邮政编码.
        PostalCode => "postal_code",
        /// 银行卡号, normalised.
        BankCard => "bank_card",
        /// GB/T 2260 administrative division code: 6 digits whose first two name a
        /// province-level division (the lower levels are not checked against a table).
        AreaCode => "area_code",
        /// A postal address (text).
        Address => "address",
        /// A reference to an uploaded file (text).
        Attachment => "attachment",
        /// A group of fields (an object). An optional group left blank (`{}`, or each of
        /// its inputs blank) is not given: its fields are not asked for, and it is not kept.
        Group => "group",
        /// A repeating group (an array of objects).
        Repeat => "repeat",
    }
}

impl FieldType {
    /// Whether values of this type hold other fields.
    pub fn is_container(self) -> bool {
        matches!(self, Self::Group | Self::Repeat)
    }
}

/// One option of a choice field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Choice {
    /// The value stored.
    #[validate(length(min = 1, max = 64))]
    pub value: String,
    /// What people read.
    #[validate(length(min = 1, max = 200))]
    pub label: String,
}

/// One field of a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Field {
    /// Key in the answer object; in a bundle, fields with the same key are asked once. No
    /// `.`, `/`, `~` or white space: a rule's `var` reads it (lint: `catalog.field_key`).
    #[validate(length(min = 1, max = 64))]
    #[cfg_attr(feature = "schema", schemars(pattern(r"^[^./~\s]+$")))]
    pub key: String,
    /// Label (zh-CN).
    #[validate(length(min = 1, max = 200))]
    pub label: String,
    /// Label in English, for `lang = en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    /// A hint shown with the input (zh-CN): what to enter, e.g. 18 位，末位可能为 X.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 200))]
    pub hint: Option<String>,
    /// The hint in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 200))]
    pub hint_en: Option<String>,
    /// Type.
    #[serde(rename = "type")]
    pub field_type: FieldType,
    /// Always required.
    #[serde(default)]
    pub required: bool,
    /// Required when this rule holds. It reads the answer as it is kept, as a [`Check`]
    /// does: a field hidden, blank, `null` or with a problem is absent, as is a key no field
    /// has; text is trimmed and identifiers in their usual form. The fields it reads are
    /// decided first, wherever they are in the form (a group's fields read their group as
    /// far as it is decided: its fields before them); conditions that read one another in a
    /// cycle read the fields not yet decided as absent (lint: `catalog.rule_cycle`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_if: Option<Rule>,
    /// Shown (and so checked and kept) only when this rule holds; it reads the answer as
    /// `required_if` does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_if: Option<Rule>,
    /// Fewest characters (text types).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    /// Most characters (text types).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// Smallest value (numbers; money in fen). An integer or money field holds values
    /// within ±(2^53 − 1) whatever its bounds (lint: its bounds lie within them too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Largest value (numbers; money in fen); see `min`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// A pattern the whole text must match (a subset of the regex crate's syntax; see
    /// [`Pattern`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<Pattern>,
    /// Options of a choice or multi-choice field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(nested)]
    pub choices: Vec<Choice>,
    /// Fields of a group or repeating group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(nested)]
    pub fields: Vec<Field>,
    /// Fewest items (repeating groups, multi-choice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u32>,
    /// Most items (repeating groups, multi-choice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u32>,
    /// Filled from shared data: `source.path`, e.g. `identity.residentId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefill: Option<String>,
}

/// A cross-field check: `rule` must hold over the answers, read as they are kept (visible
/// fields only, blank ones absent, text trimmed, identifiers in their usual form).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Check {
    /// Stable code of the problem when the rule fails, e.g. `form.birth_after_today`.
    #[validate(length(min = 1, max = 64))]
    pub code: String,
    /// The rule.
    pub rule: Rule,
    /// JSON Pointer of the field the problem is shown on (default: the whole form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Message (zh-CN).
    #[validate(length(min = 1, max = 500))]
    pub message: String,
    /// Message in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_en: Option<String>,
}

/// 表单: the fields, the cross-field checks, and the filled example (填单示范).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FormSpec {
    /// Fields, in the order they are asked.
    #[validate(nested)]
    pub fields: Vec<Field>,
    /// Cross-field checks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(nested)]
    pub checks: Vec<Check>,
    /// A filled-in example that must validate (填单示范).
    pub example: Value,
}

impl FormSpec {
    /// The field a JSON Pointer into an answer names (`/children/0/name`: an index follows
    /// a repeating group), or `None` when no field of the form is there.
    pub fn field_at(&self, pointer: &str) -> Option<&Field> {
        let mut tokens = pointer.strip_prefix('/')?.split('/');
        let mut fields = &self.fields;
        let mut found: Option<&Field> = None;
        while let Some(token) = tokens.next() {
            let token = crate::problem::unescape_token(token);
            let field = fields.iter().find(|f| f.key == token)?;
            found = Some(field);
            fields = &field.fields;
            if field.field_type == FieldType::Repeat {
                // An item of the list, or the list itself when the pointer ends here.
                match tokens.next() {
                    Some(index) if is_index(index) => {}
                    Some(_) => return None,
                    None => break,
                }
            }
        }
        found
    }
}

/// Whether `token` is an array index as RFC 6901 writes it (no sign, no leading zero).
fn is_index(token: &str) -> bool {
    !token.is_empty()
        && token.bytes().all(|b| b.is_ascii_digit())
        && (token == "0" || !token.starts_with('0'))
}
