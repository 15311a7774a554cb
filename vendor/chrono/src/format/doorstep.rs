// doorstep patch (see vendor/chrono/PATCHED.md): the text forms serde reads dates and
// times in, read by hand instead of through `FromStr` and the general format parser, whose
// code (`parse_internal`, `parse_rfc2822`, `Parsed`, `scan`) cost doorstep's WASM package
// about 10 kB gzipped for the two forms it reads.

use super::{INVALID, OUT_OF_RANGE, ParseError, TOO_LONG, TOO_SHORT};
use crate::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

/// The value of the ASCII digits `bytes` (at most nine), `INVALID` when one is not a digit.
fn number(bytes: &[u8]) -> Result<u32, ParseError> {
    bytes.iter().try_fold(0u32, |n, &b| {
        let d = b.wrapping_sub(b'0');
        if d < 10 { Ok(n * 10 + u32::from(d)) } else { Err(INVALID) }
    })
}

/// Splits `s` at byte `n` when it has that many bytes.
fn split(s: &[u8], n: usize) -> Result<(&[u8], &[u8]), ParseError> {
    if s.len() < n { Err(TOO_SHORT) } else { Ok(s.split_at(n)) }
}

/// A date written `YYYY-MM-DD` at the start of `s`, and the rest of `s`.
fn date_prefix(s: &[u8]) -> Result<(NaiveDate, &[u8]), ParseError> {
    let (head, rest) = split(s, 10)?;
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = head else { return Err(INVALID) };
    let year = number(&[y0, y1, y2, y3])?;
    let (month, day) = (number(&[m0, m1])?, number(&[d0, d1])?);
    let year = i32::try_from(year).map_err(|_| OUT_OF_RANGE)?;
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(OUT_OF_RANGE)?;
    Ok((date, rest))
}

/// A date written `YYYY-MM-DD` (four-digit year, two-digit month and day): what
/// `NaiveDate`'s `Serialize` writes for years 0 to 9999.
pub(crate) fn date(s: &str) -> Result<NaiveDate, ParseError> {
    match date_prefix(s.as_bytes())? {
        (date, []) => Ok(date),
        _ => Err(TOO_LONG),
    }
}

/// A time of day `HH:MM:SS` (`:SS` optional when `seconds` is false), optionally `.` and
/// one or more digits of a second (the first nine count), at the start of `s`, and the rest
/// of `s`. A second of 60 is a leap second, as chrono keeps them.
fn clock(s: &[u8], seconds: bool) -> Result<(NaiveTime, &[u8]), ParseError> {
    let (head, mut s) = split(s, 5)?;
    let &[h0, h1, b':', m0, m1] = head else { return Err(INVALID) };
    let (hour, minute) = (number(&[h0, h1])?, number(&[m0, m1])?);
    let mut second = 0;
    match s {
        [b':', s0, s1, rest @ ..] => {
            second = number(&[*s0, *s1])?;
            s = rest;
        }
        [b':', ..] => return Err(TOO_SHORT),
        _ if seconds => return Err(if s.is_empty() { TOO_SHORT } else { INVALID }),
        _ => {}
    }
    let mut nano = 0;
    if let [b'.', rest @ ..] = s {
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return Err(INVALID);
        }
        let (fraction, after) = rest.split_at(digits);
        let kept = fraction.get(..9).unwrap_or(fraction);
        let scale = 10u32.pow(9 - u32::try_from(kept.len()).unwrap_or(9));
        nano = number(kept)? * scale;
        s = after;
    }
    // A leap second is second 59 with a nanosecond past one billion.
    let (second, nano) = if second == 60 { (59, nano + 1_000_000_000) } else { (second, nano) };
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nano).ok_or(OUT_OF_RANGE)?;
    Ok((time, s))
}

/// A time of day `HH:MM` or `HH:MM:SS`, with a fraction of a second or not: what
/// `NaiveTime`'s `Serialize` writes, and the short form people write.
pub(crate) fn time(s: &str) -> Result<NaiveTime, ParseError> {
    match clock(s.as_bytes(), false)? {
        (time, []) => Ok(time),
        _ => Err(TOO_LONG),
    }
}

/// A date and time in RFC 3339 (`2025-09-01T09:30:00+08:00`): the date as [`date`] reads
/// it, `T`, `t` or a space, the time as [`clock`] reads it with its seconds, then `Z`, `z`,
/// `UTC` (any case) or an offset `+HH:MM` / `-HH:MM` (also without the colon). What
/// `DateTime`'s `Serialize` writes is read back exactly.
pub(crate) fn date_time(s: &str) -> Result<DateTime<FixedOffset>, ParseError> {
    let (date, s) = date_prefix(s.as_bytes())?;
    let (sep, s) = split(s, 1)?;
    if !matches!(sep, [b'T' | b't' | b' ']) {
        return Err(INVALID);
    }
    let (time, s) = clock(s, true)?;
    let offset = match s {
        [b'Z' | b'z'] => 0,
        [u, t, c] if [*u, *t, *c].eq_ignore_ascii_case(b"UTC") => 0,
        [sign @ (b'+' | b'-'), h0, h1, b':', m0, m1] | [sign @ (b'+' | b'-'), h0, h1, m0, m1] => {
            let (hours, minutes) = (number(&[*h0, *h1])?, number(&[*m0, *m1])?);
            if hours > 23 || minutes > 59 {
                return Err(OUT_OF_RANGE);
            }
            let seconds = i32::try_from(hours * 3600 + minutes * 60).map_err(|_| OUT_OF_RANGE)?;
            if *sign == b'-' { -seconds } else { seconds }
        }
        [] => return Err(TOO_SHORT),
        _ => return Err(INVALID),
    };
    let offset = FixedOffset::east_opt(offset).ok_or(OUT_OF_RANGE)?;
    let utc = NaiveDateTime::new(date, time)
        .checked_sub_offset(offset)
        .ok_or(OUT_OF_RANGE)?;
    Ok(DateTime::from_naive_utc_and_offset(utc, offset))
}
