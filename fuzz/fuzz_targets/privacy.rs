//! What the fuzz targets check of every message they see: no whole phone, ID or card number.

/// Whether `text` holds a run of 11 or more digits (a phone, ID or card number), spaces,
/// hyphens and brackets allowed between two of them (`139  1234  5678`, `(0592) 688-1234`),
/// as the core masks them.
pub fn long_digit_run(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            run += 1;
        } else if !(matches!(c, ' ' | '-' | '(' | ')') && run > 0) {
            run = 0;
        }
        if run >= 11 {
            return true;
        }
    }
    false
}
