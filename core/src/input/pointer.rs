//! The JSON Pointer of the value at a parser's error position: a typed parse stops at the
//! first value of the wrong shape (a date that does not exist, a negative limit, a missing
//! key) and says where by line and column; an author fixing a catalogue wants its path,
//! as lint gives every other problem.

/// Where a container of the scan is, and what of it has been read.
enum Frame {
    /// An object: the last key read, and whether the next string is a key.
    Object {
        key: Option<String>,
        wants_key: bool,
    },
    /// An array: the position of the current item.
    Array { index: usize },
}

/// The JSON Pointer of the value a parser stopped at, given where it stopped as
/// `serde_json` says it: `line` (1-based) and `column`, the bytes of that line it had read.
/// It stops after the value it refuses (a number out of range, an object missing a key, an
/// unknown key) or just before it (a value of the wrong type, told by its first byte), so
/// the pointer is the key or the item being read when it stopped. `""` for the whole
/// document.
pub(crate) fn pointer_at(text: &str, line: usize, column: usize) -> String {
    let bytes = text.as_bytes();
    let end = offset(bytes, line, column);
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        let Some(&byte) = bytes.get(i) else { break };
        match byte {
            b'{' => stack.push(Frame::Object {
                key: None,
                wants_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            // A closed container stays the value just read: its parent's key or item.
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(Frame::Object { wants_key, .. }) = stack.last_mut() {
                    *wants_key = false;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { wants_key, .. }) => *wants_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let close = string_end(bytes, i + 1);
                if let Some(Frame::Object {
                    key,
                    wants_key: true,
                }) = stack.last_mut()
                {
                    let quoted = text.get(i..close.min(bytes.len())).unwrap_or_default();
                    *key = Some(unquoted(quoted));
                }
                i = close;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    let mut pointer = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => crate::problem::push_token(&mut pointer, key),
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => {
                pointer.push('/');
                pointer.push_str(&index.to_string());
            }
        }
    }
    pointer
}

/// The byte offset of `line` and `column`, within `bytes`.
fn offset(bytes: &[u8], line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match bytes
            .get(start..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
        {
            Some(newline) => start += newline + 1,
            None => return bytes.len(),
        }
    }
    (start + column).min(bytes.len())
}

/// The offset just past the string whose content starts at `from` (its closing quote
/// included), or the end of the text.
fn string_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// A key as written (with its quotes) read as the string it stands for; as written when
/// it does not read (cut short).
fn unquoted(quoted: &str) -> String {
    serde_json::from_str(quoted).unwrap_or_else(|_| quoted.trim_matches('"').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pointer at the position a typed parse of `text` into `T` stops at.
    fn at_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        let error = serde_json::from_str::<T>(text).unwrap_err();
        pointer_at(text, error.line(), error.column())
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        name: String,
        #[serde(default)]
        days: u32,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        items: Vec<Item>,
    }

    #[test]
    fn the_pointer_names_the_value_the_parse_stopped_at() {
        let doc = "{\n  \"items\": [\n    {\"name\": \"a\"},\n    {\"name\": \"b\", \"days\": -1}\n  ]\n}";
        assert_eq!(at_error::<Doc>(doc), "/items/1/days");
        // A missing key: the object it is missing from.
        assert_eq!(
            at_error::<Doc>(r#"{"items": [{"name": "a"}, {}]}"#),
            "/items/1"
        );
        // An unknown key: the key.
        assert_eq!(
            at_error::<Doc>(r#"{"items": [{"name": "a", "nmae": "b"}]}"#),
            "/items/0/nmae"
        );
        // A value of the wrong type, in a key that needs escaping and after strings holding
        // brackets, commas and escaped quotes.
        assert_eq!(
            at_error::<std::collections::BTreeMap<String, Vec<u32>>>(
                r#"{"a,]}\"": [1, 2], "x/y~": [3, "4"]}"#
            ),
            "/x~1y~0/1"
        );
        assert_eq!(at_error::<Doc>("[]"), "");
        assert_eq!(at_error::<Doc>(r#"{"items": [[]]}"#), "/items/0");
        assert_eq!(pointer_at("", 1, 0), "");
        // A position past the end (a cut document) stops at the end.
        assert_eq!(pointer_at(r#"{"items": [{"name"#, 9, 99), "/items/0/name");
    }
}
