//! What the fuzz targets check of every message they see: no whole phone, ID or card number.

/// Whether `text` holds a run of 11 or more digits (a phone, ID or card number), a single
/// space or hyphen allowed between two of them (`139 1234 5678`), as the core masks them.
pub fn long_digit_run(text: &str) -> bool {
    let mut run = 0;
    let mut after_digit = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            run += 1;
            after_digit = true;
        } else if matches!(c, ' ' | '-') && after_digit {
            after_digit = false;
            continue;
        } else {
            run = 0;
            after_digit = false;
        }
        if run >= 11 {
            return true;
        }
    }
    false
}
