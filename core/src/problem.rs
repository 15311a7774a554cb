//! The one JSON shape every binding uses to report a problem with input.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::Lang;

/// An error with a stable machine-readable code and a message in zh-CN or en.
///
/// Every error enum of the core implements it; bindings pass `code()` on unchanged.
pub trait Coded {
    /// The stable code, e.g. `id.checksum`. Never changes once released.
    fn code(&self) -> &'static str;
    /// The message in the given language. Never contains a whole identifier.
    fn message(&self, lang: Lang) -> String;
    /// Values the message was built from, for front ends that word their own messages.
    fn params(&self) -> Map<String, Value> {
        Map::new()
    }
    /// This error as a [`Problem`] in the given language.
    fn to_problem(&self, lang: Lang) -> Problem {
        Problem {
            path: None,
            code: self.code().to_owned(),
            params: self.params(),
            message: self.message(lang),
        }
    }
}

/// One problem found in input: where (a JSON Pointer, when the input is a document),
/// what (a stable code and its parameters) and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// JSON Pointer to the offending value, when the input is a document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Stable code, e.g. `id.checksum`.
    pub code: String,
    /// Parameters of the message.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub params: Map<String, Value>,
    /// Message in the requested language.
    pub message: String,
}

/// A JSON Pointer's token as the key it names: `~1` is `/`, `~0` is `~` (RFC 6901), the
/// inverse of [`push_token`]'s escaping.
pub(crate) fn unescape_token(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~").into()
    } else {
        token.into()
    }
}

/// Whether the JSON Pointer `pointer` is `base` or names a value inside it (`/a/0` is
/// inside `/a`, `/ab` is not).
pub(crate) fn is_within(pointer: &str, base: &str) -> bool {
    pointer
        .strip_prefix(base)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Appends `/token` to a JSON Pointer, escaping `~` and `/` (RFC 6901): the one escaping
/// of every pointer the crate writes (form paths, rule paths, catalogue paths).
pub(crate) fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    if token.contains(['~', '/']) {
        pointer.push_str(&token.replace('~', "~0").replace('/', "~1"));
    } else {
        pointer.push_str(token);
    }
}

#[cfg(test)]
mod tests {
    use super::is_within;

    #[test]
    fn a_pointer_is_within_itself_and_its_parents_only() {
        assert!(is_within("/a", "/a"));
        assert!(is_within("/a/0/b", "/a"));
        assert!(is_within("/a", ""));
        assert!(!is_within("/ab", "/a"));
        assert!(!is_within("/b/a", "/a"));
    }
}
