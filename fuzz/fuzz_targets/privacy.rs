//! What the fuzz targets check of every message they see: no whole phone, ID or card number.

/// Whether `text` holds a run of 11 or more digits (a phone, ID or card number).
pub fn long_digit_run(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        if run >= 11 {
            return true;
        }
    }
    false
}
