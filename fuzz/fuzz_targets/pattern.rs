//! Any bytes as a field's pattern and a text: reading the pattern never panics, and a
//! pattern it reads matches the text as the regex crate's engine (regex-lite) does (unless
//! regex-lite refuses it as too large for its own limit).
#![no_main]

use doorstep::form::Pattern;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The pattern, a NUL, the text.
    let mut parts = data.splitn(2, |&b| b == 0);
    let source = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let text = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let Ok(pattern) = Pattern::new(&source) else {
        return;
    };
    let regex = match regex_lite::Regex::new(&format!("^(?:{source})$")) {
        Ok(regex) => regex,
        // regex-lite counts its own program's size (empty groups repeated included), which
        // is not the matcher's: a limit, not a meaning, told apart.
        Err(e) if e.to_string().contains("size limit") => return,
        Err(e) => panic!("a pattern read is one regex-lite reads: {e}"),
    };
    assert_eq!(
        pattern.matches(&text),
        regex.is_match(&text),
        "{source:?} on {text:?}"
    );
});
