//! 居民身份证号码 (GB 11643-1999) and residence permits for Hong Kong, Macau and Taiwan
//! residents, which share its layout and check.
//!
//! Layout: address code (6) + birth date YYYYMMDD (8) + sequence (3, odd = male) + check (1).

use chrono::NaiveDate;

#[cfg(not(target_arch = "wasm32"))]
use super::division::RESIDENT_PROVINCE;
use super::division::{Province, permit_region, province_of};
use super::{IdError, IdFacts, IdKind, IdResult, Region, Sex, digit, first_bad, prepare};
use crate::calendar;

/// ISO 7064 MOD 11-2 weights for positions 1–17: 2^(18−i) mod 11.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character for each remainder of the weighted sum mod 11.
const CHECK_CHARS: &[u8; 11] = b"10X98765432";

/// The MOD 11-2 check character of the first 17 digits.
pub(super) fn check_char(body: &[u8; 17]) -> u8 {
    let sum: u32 = body.iter().zip(WEIGHTS).map(|(&b, w)| digit(b) * w).sum();
    CHECK_CHARS
        .get((sum % 11) as usize)
        .copied()
        .unwrap_or(b'0')
}

/// Checks a resident ID number (18 digits, or a 15-digit legacy number, which is upgraded).
/// Residence permit numbers pass too and are reported as [`IdKind::ResidencePermit`].
///
/// ```
/// use chrono::NaiveDate;
/// use doorstep::ids::{check_resident_id, Sex};
///
/// let at = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
/// let facts = check_resident_id("440524188001010014", at).unwrap();
/// assert_eq!(facts.birth_date, NaiveDate::from_ymd_opt(1880, 1, 1));
/// assert_eq!(facts.sex, Some(Sex::Male));
/// ```
pub fn check_resident_id(value: &str, at: NaiveDate) -> IdResult {
    ResidentId::read(value, at).map(|id| id.facts(at))
}

/// Checks a residence permit number for Hong Kong, Macau or Taiwan residents.
pub fn check_residence_permit(value: &str, at: NaiveDate) -> IdResult {
    let id = ResidentId::read(value, at)?;
    if id.kind() == IdKind::ResidencePermit {
        Ok(id.facts(at))
    } else {
        Err(vec![IdError::NotResidencePermit])
    }
}

/// A resident ID or residence permit number that passed every check, with what was read
/// from it. Cheaper than [`IdFacts`] (no mask, no owned region), for callers that need one
/// or two facts: the form engine, the rule operators.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ResidentId {
    kind: IdKind,
    /// The 17 digits before the check character (15-digit numbers upgraded).
    body: [u8; 17],
    check: u8,
    upgraded: bool,
    birth: NaiveDate,
    province: Province,
}

impl ResidentId {
    /// Checks `value` as [`check_resident_id`] does, with the same problems.
    pub(crate) fn read(value: &str, at: NaiveDate) -> Result<Self, Vec<IdError>> {
        // Native builds only: the WASM module has a size budget, and the long way gives
        // the same.
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(id) = Self::read_plain(value, at) {
            return Ok(id);
        }
        let s = prepare(value).map_err(|e| vec![e])?;
        let (body, given_check, upgraded) = layout(s.as_bytes()).map_err(|e| vec![e])?;

        let mut errors = Vec::new();
        let (kind, region) = match (permit_region(&body[..6]), province_of([body[0], body[1]])) {
            (Some(p), _) => (IdKind::ResidencePermit, Some(p)),
            // 81 and 82 are GB/T 2260 codes, but only the permit codes 810000 / 820000 name them here.
            (None, Some(p)) if p.code != "81" && p.code != "82" => (IdKind::ResidentId, Some(p)),
            _ => (IdKind::ResidentId, None),
        };
        if region.is_none() || (upgraded && kind == IdKind::ResidencePermit) {
            errors.push(IdError::Region);
        }

        let birth = birth_date(&body[6..14]);
        match birth {
            None => errors.push(IdError::BirthDateInvalid),
            Some(d) if d > at => errors.push(IdError::BirthDateFuture),
            Some(_) => {}
        }

        let check = check_char(&body);
        if given_check.is_some_and(|c| c != check) {
            errors.push(IdError::Checksum);
        }
        match (region, birth) {
            (Some(province), Some(birth)) if errors.is_empty() => Ok(Self {
                kind,
                body,
                check,
                upgraded,
                birth,
                province,
            }),
            _ => Err(errors),
        }
    }

    /// The usual number — 18 characters, no space around, a resident ID (not a permit) —
    /// read in one pass over its bytes, when it passes every check: what [`read`](Self::read)
    /// would give. `None` for anything else, which `read` then checks the long way. Every
    /// form with a resident ID reads one or more on each check, so this is worth keeping.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn read_plain(value: &str, at: NaiveDate) -> Option<Self> {
        let plain = Plain::read(value, at)?;
        let mut body = [0u8; 17];
        body.copy_from_slice(value.as_bytes().get(..17)?);
        Some(Self {
            kind: IdKind::ResidentId,
            body,
            check: plain.check,
            upgraded: false,
            birth: plain.birth,
            province: province_of([body[0], body[1]])?,
        })
    }

    pub(crate) fn kind(&self) -> IdKind {
        self.kind
    }

    /// The 18 characters, check character upper case.
    pub(crate) fn normalized(&self) -> String {
        let mut normalized = String::with_capacity(18);
        normalized.push_str(ascii(&self.body));
        normalized.push(char::from(self.check));
        normalized
    }

    /// The number as [`ids::normalize`](super::normalize) gives it for `value`, the text it
    /// was read from: borrowed (trimmed) when written the normal way.
    pub(crate) fn normalized_from<'s>(&self, value: &'s str) -> std::borrow::Cow<'s, str> {
        let written = crate::input::trim_blank(value);
        if self.is_written(written) {
            std::borrow::Cow::Borrowed(written)
        } else {
            std::borrow::Cow::Owned(self.normalized())
        }
    }

    /// Whether `s` is the number written the normal way (what [`normalized`](Self::normalized)
    /// gives).
    pub(crate) fn is_written(&self, s: &str) -> bool {
        s.len() == 18
            && s.as_bytes().get(..17) == Some(&self.body[..])
            && s.as_bytes().get(17) == Some(&self.check)
    }

    pub(crate) fn birth_date(&self) -> NaiveDate {
        self.birth
    }

    /// The birth date written `YYYY-MM-DD`, as `NaiveDate` displays it (the year has four
    /// digits here), straight from the digits of the number, as ASCII.
    pub(crate) fn birth_date_bytes(&self) -> [u8; 10] {
        Digits(&self.body).birth_date_bytes().unwrap_or_default()
    }

    pub(crate) fn sex(&self) -> Sex {
        Digits(&self.body).sex().unwrap_or(Sex::Female)
    }

    /// Every fact, ages counted to `at`.
    fn facts(self, at: NaiveDate) -> IdFacts {
        let mut facts = IdFacts::new(self.kind, self.normalized());
        facts.upgraded = Some(self.upgraded);
        facts.birth_date = Some(self.birth);
        facts.sex = Some(self.sex());
        facts.age = calendar::age_at(self.birth, at);
        facts.region = Some(Region {
            code: ascii(&self.body[..6]).to_owned(),
            province: self.province,
        });
        facts
    }
}

/// The digits of a number that passed the checks (its 17-digit body, or the 18 characters
/// of a number written plainly), for the facts they hold as they are.
#[derive(Clone, Copy)]
pub(crate) struct Digits<'a>(pub(crate) &'a [u8]);

impl Digits<'_> {
    /// Odd 17th digit: male.
    pub(crate) fn sex(self) -> Option<Sex> {
        Some(if digit(*self.0.get(16)?) % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        })
    }

    /// The birth date written `YYYY-MM-DD`, as `NaiveDate` displays it (the year has four
    /// digits here), as ASCII.
    pub(crate) fn birth_date_bytes(self) -> Option<[u8; 10]> {
        let &[y0, y1, y2, y3, m0, m1, d0, d1] = self.0.get(6..14)? else {
            return None;
        };
        Some([y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1])
    }

    /// The birth date as the number `YYYYMMDD` (`calendar::date_number`), for a number
    /// whose birth date is known to exist (read plainly).
    #[cfg(not(target_arch = "wasm32"))] // for the rules of forms' verdicts
    pub(crate) fn birth_number(self) -> Option<u32> {
        self.0.get(6..14).map(decimal)
    }
}

/// What [`ResidentId::read_plain`] finds in a number written plainly, before it builds
/// anything: enough for a caller that needs to know only that the number is valid
/// ([`is_plain`]).
#[cfg(not(target_arch = "wasm32"))]
struct Plain {
    check: u8,
    birth: NaiveDate,
}

#[cfg(not(target_arch = "wasm32"))]
impl Plain {
    fn read(value: &str, at: NaiveDate) -> Option<Self> {
        let bytes: &[u8; 18] = value.as_bytes().try_into().ok()?;
        // Without a branch per digit, so that the loop runs straight through (a wrong
        // byte makes a large "digit", whose product cannot overflow: 255 × 10 × 17).
        let (mut sum, mut wrong) = (0, false);
        for (&b, weight) in bytes.iter().zip(WEIGHTS) {
            let d = digit(b);
            wrong |= d > 9;
            sum += d * weight;
        }
        let check = *CHECK_CHARS.get((sum % 11) as usize)?;
        if wrong {
            return None;
        }
        let province = digit(bytes[0]) * 10 + digit(bytes[1]);
        // Permits (810000, 820000, 830000) are read the long way.
        if bytes[17].to_ascii_uppercase() != check
            || !RESIDENT_PROVINCE
                .get(province as usize)
                .copied()
                .unwrap_or(false)
            || (bytes[0] == b'8' && permit_region(&bytes[..6]).is_some())
        {
            return None;
        }
        let n = |r: std::ops::Range<usize>| bytes.get(r).map_or(0, decimal);
        let year = n(6..10);
        let birth = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, n(10..12), n(12..14))?;
        (birth <= at && year >= MIN_BIRTH_YEAR).then_some(Self { check, birth })
    }
}

/// Whether 18 characters are laid out as a resident ID number or permit: a province's code
/// (or a permit's), then the digits of a date from 1800 (month 01–12, day 01–31, whether
/// or not the date exists). A bank card or credit code of 18 digits is laid out so only
/// by chance.
pub(super) fn has_layout(s: &[u8]) -> bool {
    let (Some(head), Some(date), Some(&province)) = (s.get(..6), s.get(6..14), s.first_chunk())
    else {
        return false;
    };
    let n = |r: std::ops::Range<usize>| date.get(r).map_or(0, decimal);
    let located = permit_region(head).is_some() || province_of(province).is_some();
    located
        && date.iter().all(u8::is_ascii_digit)
        && (MIN_BIRTH_YEAR..=2099).contains(&n(0..4))
        && (1..=12).contains(&n(4..6))
        && (1..=31).contains(&n(6..8))
}

/// Whether `value` is a resident ID number written plainly (18 characters, no space)
/// that [`ResidentId::read`] accepts as of `at`: the check without building anything.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn is_plain(value: &str, at: NaiveDate) -> bool {
    Plain::read(value, at).is_some()
}

/// Splits an 18- or 15-character number into its 17-digit body, the check character it
/// carries (`None` for 15-digit numbers, which have none) and whether it was upgraded.
fn layout(s: &[u8]) -> Result<([u8; 17], Option<u8>, bool), IdError> {
    let mut body = [0u8; 17];
    match s.len() {
        18 => {
            let bad = first_bad(s, |i, b| {
                b.is_ascii_digit() || (i == 17 && b.eq_ignore_ascii_case(&b'X'))
            });
            if let Some(position) = bad {
                return Err(IdError::Character { position });
            }
            let (head, check) = s.split_at(17);
            body.copy_from_slice(head);
            Ok((body, check.first().map(u8::to_ascii_uppercase), false))
        }
        15 => {
            if let Some(position) = first_bad(s, |_, b| b.is_ascii_digit()) {
                return Err(IdError::Character { position });
            }
            // The 18-digit form inserts the century "19" before the two-digit year.
            let (address, rest) = s.split_at(6);
            body[..6].copy_from_slice(address);
            body[6..8].copy_from_slice(b"19");
            body[8..].copy_from_slice(rest);
            Ok((body, None, true))
        }
        actual => Err(IdError::Length {
            expected: "18|15",
            actual,
        }),
    }
}

/// The earliest year of birth a number may carry. GB 11643 codes a person's real date of
/// birth, so a date that exists but that nobody living was born on (year 0000) is as
/// invalid as 30 February; the standard's own example is of 1880.
pub(crate) const MIN_BIRTH_YEAR: u32 = 1800;

/// The date written as YYYYMMDD, if it exists and is not before [`MIN_BIRTH_YEAR`].
fn birth_date(yyyymmdd: &[u8]) -> Option<NaiveDate> {
    let n = |r: std::ops::Range<usize>| yyyymmdd.get(r).map(decimal);
    let year = n(0..4).filter(|&y| y >= MIN_BIRTH_YEAR)?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, n(4..6)?, n(6..8)?)
}

/// The value of decimal digits (callers pass digits only).
fn decimal(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |acc, &b| acc * 10 + digit(b))
}

/// The bytes as text; callers pass ASCII only.
fn ascii(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `read` gives the long way: a leading space keeps the plain path out (it takes
    /// no space), and the long way trims it.
    fn read_long(value: &str, at: NaiveDate) -> Result<ResidentId, Vec<IdError>> {
        ResidentId::read(&format!(" {value}"), at)
    }

    proptest! {
        /// The plain path reads exactly what the long way reads, and nothing it refuses:
        /// over numbers with a correct check character (valid or not otherwise), any
        /// check character, lower-case x, permit and unknown address codes, impossible
        /// and future birth dates.
        #[test]
        fn plain_path_reads_as_the_long_way(
            area in prop::sample::select(vec!["350205", "110105", "810000", "820000", "830000", "810101", "000000", "990000", "710000", "650102"]),
            year in prop_oneof![0u32..10000, 1800u32..2100, Just(2000), Just(1900), Just(2026)],
            month in 0u32..14, day in 0u32..33,
            seq in 0u32..1000, check in prop::sample::select(vec![None, Some('0'), Some('X'), Some('x'), Some('5'), Some('A')]),
        ) {
            let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
            let head = format!("{area}{year:04}{month:02}{day:02}{seq:03}");
            let body: [u8; 17] = head.as_bytes().try_into().unwrap();
            let right = char::from(check_char(&body));
            let number = format!("{head}{}", check.unwrap_or(right));
            let plain = ResidentId::read_plain(&number, at);
            prop_assert_eq!(is_plain(&number, at), plain.is_some());
            let long = read_long(&number, at);
            match (plain, long) {
                (Some(p), Ok(l)) => prop_assert_eq!(format!("{p:?}"), format!("{l:?}")),
                (Some(p), Err(e)) => prop_assert!(false, "plain read {:?}, long way {:?}", p, e),
                (None, _) => {}
            }
            // And every valid resident ID (not a permit) takes the plain path.
            if let Ok(l) = ResidentId::read(&number, at) {
                prop_assert_eq!(plain.is_some(), l.kind() == IdKind::ResidentId);
            }
        }
    }

    #[test]
    fn standard_examples_have_their_printed_check_characters() {
        assert_eq!(check_char(b"11010519491231002"), b'X');
        assert_eq!(check_char(b"44052418800101001"), b'4');
    }
}
