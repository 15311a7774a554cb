//! Chinese identifiers, checked by their standards.
//!
//! | kind | standard |
//! |---|---|
//! | [`IdKind::ResidentId`] | GB 11643-1999, ISO 7064 MOD 11-2 check, GB/T 2260 province |
//! | [`IdKind::ResidencePermit`] | same layout, address 810000 / 820000 / 830000 |
//! | [`IdKind::CreditCode`] | GB 32100-2015, MOD 31 check, embedded GB 11714 code |
//! | [`IdKind::OrgCode`] | GB 11714 |
//! | [`IdKind::Mobile`], [`IdKind::Landline`] | mainland numbering plan |
//! | [`IdKind::PostalCode`] | six digits |
//! | [`IdKind::BankCard`] | 16–19 digits, Luhn (ISO/IEC 7812) |
//!
//! Every check returns either the facts read from the value or every problem found.
//! No problem message ever contains the value itself.
//!
//! ```
//! use chrono::NaiveDate;
//! use doorstep::{Lang, ids};
//!
//! let at = NaiveDate::from_ymd_opt(2024, 10, 15).unwrap();
//! let report = ids::report("9144030071526726XG", None, at, Lang::ZhCn);
//! assert!(report.valid);
//! assert_eq!(report.kind, Some(ids::IdKind::CreditCode));
//!
//! let bad = ids::report("11010519491231002Y", None, at, Lang::En);
//! assert!(!bad.valid);
//! assert_eq!(bad.errors[0].code, "id.character");
//! ```

mod bank_card;
mod credit_code;
mod division;
mod error;
mod mask;
mod org_code;
mod phone;
mod postal_code;
mod resident_id;

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::input::trim_blank;
use crate::{Coded, Lang, Problem};

pub use bank_card::check_bank_card;
pub use credit_code::check_credit_code;
#[cfg(not(target_arch = "wasm32"))] // for forms' verdicts
pub(crate) use credit_code::is_plain_credit_code;
pub use division::{Province, province};
pub use error::IdError;
pub(crate) use mask::mask_text;
pub use mask::{Masked, mask, mask_any, mask_digit_runs, mask_json};
pub use org_code::check_org_code;
pub(crate) use phone::dialled_as_mobile;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use phone::is_plain_mobile;
pub use phone::{check_landline, check_mobile};
pub use postal_code::check_postal_code;
#[cfg(not(target_arch = "wasm32"))] // for forms' verdicts
pub(crate) use postal_code::is_plain_postal_code;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use resident_id::Digits;
pub(crate) use resident_id::ResidentId;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use resident_id::is_plain as is_plain_resident_id;
pub use resident_id::{check_residence_permit, check_resident_id};

/// Longest input, in bytes, that a check looks at; anything longer is rejected unread.
pub const MAX_INPUT_LEN: usize = 64;

/// The kinds of identifier doorstep checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    /// 居民身份证号码 (GB 11643-1999).
    ResidentId,
    /// 港澳台居民居住证号码 (address code 810000, 820000 or 830000).
    ResidencePermit,
    /// 统一社会信用代码 (GB 32100-2015).
    CreditCode,
    /// 组织机构代码 (GB 11714).
    OrgCode,
    /// 手机号码.
    Mobile,
    /// 固定电话 with area code.
    Landline,
    /// 邮政编码.
    PostalCode,
    /// 银行卡号.
    BankCard,
}

impl IdKind {
    /// Every kind, in a stable order.
    pub const ALL: [Self; 8] = [
        Self::ResidentId,
        Self::ResidencePermit,
        Self::CreditCode,
        Self::OrgCode,
        Self::Mobile,
        Self::Landline,
        Self::PostalCode,
        Self::BankCard,
    ];

    /// The wire name, e.g. `resident_id`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ResidentId => "resident_id",
            Self::ResidencePermit => "residence_permit",
            Self::CreditCode => "credit_code",
            Self::OrgCode => "org_code",
            Self::Mobile => "mobile",
            Self::Landline => "landline",
            Self::PostalCode => "postal_code",
            Self::BankCard => "bank_card",
        }
    }

    /// Parses a wire name (`resident_id`, …); `None` for anything else.
    ///
    /// ```
    /// use doorstep::ids::IdKind;
    /// assert_eq!(IdKind::parse("credit_code"), Some(IdKind::CreditCode));
    /// assert_eq!(IdKind::parse("passport"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The name people read, zh-CN or en.
    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Self::ResidentId => ("居民身份证号码", "resident ID number"),
            Self::ResidencePermit => ("港澳台居民居住证号码", "residence permit number"),
            Self::CreditCode => ("统一社会信用代码", "unified social credit code"),
            Self::OrgCode => ("组织机构代码", "organisation code"),
            Self::Mobile => ("手机号码", "mobile number"),
            Self::Landline => ("固定电话号码", "landline number"),
            Self::PostalCode => ("邮政编码", "postal code"),
            Self::BankCard => ("银行卡号", "bank card number"),
        };
        lang.pick(zh, en)
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Sex as recorded in a resident ID number (odd 17th digit: male).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// 男.
    Male,
    /// 女.
    Female,
}

impl Sex {
    /// As written in data and rules: `"male"`, `"female"`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Male => "male",
            Self::Female => "female",
        }
    }
}

/// A coded entry of a standard's table: code and its Chinese name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Label {
    /// The code as written in the identifier.
    pub code: &'static str,
    /// The name the standard gives it.
    pub name: &'static str,
}

/// The administrative division an identifier names (GB/T 2260).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    /// Six-digit division code as written in the identifier.
    pub code: String,
    /// Its province-level division.
    pub province: Label,
}

/// What a valid identifier says. Fields that do not apply to its kind are `None`.
///
/// `Debug` shows the masked value only.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IdFacts {
    /// The kind of identifier (the report carries it on the wire).
    #[serde(skip)]
    pub kind: IdKind,
    /// The canonical form: upper case, no separators or prefixes, 15-digit IDs upgraded.
    pub normalized: String,
    /// The form to show people, see [`mask()`].
    pub masked: String,
    /// Whether a 15-digit resident ID was upgraded to 18 digits (resident IDs, and residence
    /// permits, which read alike and are always 18 digits: `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upgraded: Option<bool>,
    /// Date of birth (resident IDs and residence permits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    /// Sex (resident IDs and residence permits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Age in full years at the reference date (resident IDs and residence permits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    /// Administrative division (resident IDs, residence permits, credit codes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    /// Registration authority (credit codes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration_authority: Option<Label>,
    /// Entity type under its registration authority (credit codes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<Label>,
    /// The GB 11714 organisation code embedded in a credit code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org_code: Option<String>,
    /// Area code with its leading zero (landlines).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area_code: Option<String>,
}

impl IdFacts {
    /// Facts with only the kind and value filled in; checks add what they read.
    fn new(kind: IdKind, normalized: String) -> Self {
        Self {
            kind,
            masked: mask(kind, &normalized),
            normalized,
            upgraded: None,
            birth_date: None,
            sex: None,
            age: None,
            region: None,
            registration_authority: None,
            entity_type: None,
            org_code: None,
            area_code: None,
        }
    }
}

impl fmt::Debug for IdFacts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdFacts")
            .field("kind", &self.kind)
            .field("masked", &self.masked)
            .field("upgraded", &self.upgraded)
            .field("birth_date", &self.birth_date)
            .field("sex", &self.sex)
            .field("age", &self.age)
            .field("region", &self.region)
            .field("registration_authority", &self.registration_authority)
            .field("entity_type", &self.entity_type)
            .field("area_code", &self.area_code)
            .finish_non_exhaustive()
    }
}

/// The outcome of one check: the facts, or every problem found.
pub type IdResult = Result<IdFacts, Vec<IdError>>;

/// Checks `value` as `kind`, or as the kind its shape suggests when `kind` is `None`.
///
/// `at` is the reference date: a birth date after it is an error, and ages are counted to it.
/// Eighteen characters laid out as a resident ID number (a province's code, then a date's
/// digits) are checked as one only, so that a number typed wrong is told so, not found a
/// valid bank card by chance. When the shape fits several kinds (other 18 digits: resident
/// ID, credit code or bank card), the first kind under which the value is valid wins; if
/// none, the problems are those of the first candidate, [`detect_kind`]. A credit code found this way in a resident ID's
/// shape (perhaps a mistyped ID number) is masked as [`mask_any`] masks, not shown whole.
pub fn check(value: &str, kind: Option<IdKind>, at: NaiveDate) -> IdResult {
    if let Some(kind) = kind {
        return check_as(kind, value, at);
    }
    let candidates = candidates(value)?;
    let id_shaped = candidates.first() == Some(&IdKind::ResidentId);
    let mut first_failure = None;
    for kind in candidates {
        match check_as(kind, value, at) {
            // A resident ID number with a typing error can be a valid credit code by
            // chance (authority and type from the province, division from the city and
            // birth year, …), which a code's mask shows whole: not asked for as a code,
            // it is masked as a number of unknown kind.
            Ok(mut facts) if id_shaped && kind == IdKind::CreditCode => {
                facts.masked = mask_any(&facts.normalized);
                return Ok(facts);
            }
            Ok(facts) => return Ok(facts),
            Err(errors) => {
                first_failure.get_or_insert(errors);
            }
        }
    }
    Err(first_failure.unwrap_or_else(|| vec![IdError::UnknownKind]))
}

/// Checks `value` as the given kind.
pub fn check_as(kind: IdKind, value: &str, at: NaiveDate) -> IdResult {
    match kind {
        IdKind::ResidentId => check_resident_id(value, at),
        IdKind::ResidencePermit => check_residence_permit(value, at),
        IdKind::CreditCode => check_credit_code(value),
        IdKind::OrgCode => check_org_code(value),
        IdKind::Mobile => check_mobile(value),
        IdKind::Landline => check_landline(value),
        IdKind::PostalCode => check_postal_code(value),
        IdKind::BankCard => check_bank_card(value),
    }
}

/// The normalised value of `value` checked as `kind`, with the same problems as
/// [`check_as`], without working out the facts nobody reads (mask, region, age): for the
/// form engine, which keeps the normalised value only. Borrowed (trimmed) when `value` is
/// already written the normal way, as it usually is, so that checking copies nothing.
pub(crate) fn normalize(
    kind: IdKind,
    value: &str,
    at: NaiveDate,
) -> Result<Cow<'_, str>, Vec<IdError>> {
    match kind {
        IdKind::ResidentId => ResidentId::read(value, at).map(|id| id.normalized_from(value)),
        IdKind::Mobile => phone::mobile_normalized(value),
        IdKind::PostalCode => postal_code::postal_code_normalized(value).map(Cow::Borrowed),
        IdKind::CreditCode => credit_code::credit_code_normalized(value),
        _ => check_as(kind, value, at).map(|facts| Cow::Owned(facts.normalized)),
    }
}

/// The kind an identifier most likely is, judged by its shape alone.
///
/// ```
/// use doorstep::ids::{IdKind, detect_kind};
/// assert_eq!(detect_kind("+86 139 1234 5678"), Some(IdKind::Mobile));
/// assert_eq!(detect_kind("0592-6881234"), Some(IdKind::Landline));
/// assert_eq!(detect_kind("361026"), Some(IdKind::PostalCode));
/// assert_eq!(detect_kind("hello"), None);
/// ```
pub fn detect_kind(value: &str) -> Option<IdKind> {
    candidates(value).ok().and_then(|c| c.first().copied())
}

/// Kinds whose shape `value` has, most likely first.
fn candidates(value: &str) -> Result<Vec<IdKind>, Vec<IdError>> {
    let s = prepare(value).map_err(|e| vec![e])?;
    let bytes = s.as_bytes();
    let digits = bytes.iter().filter(|b| b.is_ascii_digit()).count();
    let separated = |b: &u8| matches!(b, b' ' | b'-' | b'(' | b')');
    let only_digits_and_separators = bytes.iter().all(|b| b.is_ascii_digit() || separated(b));
    let alnum = bytes.iter().all(u8::is_ascii_alphanumeric);
    let mut kinds = Vec::new();

    if s.starts_with('+') || s.starts_with("0086") {
        kinds.extend([IdKind::Mobile, IdKind::Landline]);
    } else if bytes.len() == 6 && digits == 6 {
        // 010010 (Hohhot) is a postal code: no landline number has six digits.
        kinds.push(IdKind::PostalCode);
    } else if only_digits_and_separators && s.trim_start_matches('(').starts_with('0') {
        kinds.push(IdKind::Landline);
    } else if alnum && bytes.len() == 18 {
        let id_shaped = bytes
            .get(..17)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit));
        if id_shaped && resident_id::has_layout(bytes) {
            // A province, then a date: a resident ID number, typed wrong if it fails. One
            // in ten such numbers with a wrong check character passes Luhn, and would
            // otherwise be called a valid bank card.
            kinds.push(IdKind::ResidentId);
        } else if id_shaped {
            kinds.extend([IdKind::ResidentId, IdKind::CreditCode, IdKind::BankCard]);
        } else {
            kinds.push(IdKind::CreditCode);
        }
    } else if alnum && bytes.len() == 15 && digits == 15 {
        kinds.push(IdKind::ResidentId);
    } else if bytes.len() == 9 || (bytes.len() == 10 && bytes.get(8) == Some(&b'-')) {
        kinds.push(IdKind::OrgCode);
    } else if only_digits_and_separators {
        match digits {
            6 => kinds.push(IdKind::PostalCode),
            11 | 13 if s.starts_with('1') || s.starts_with("86") => kinds.push(IdKind::Mobile),
            16..=19 => kinds.push(IdKind::BankCard),
            _ => {}
        }
    }
    if kinds.is_empty() {
        Err(vec![IdError::UnknownKind])
    } else {
        Ok(kinds)
    }
}

/// The first gate every check passes: bounded length, not blank, ASCII only.
/// Returns the value without the white space and zero-width characters around it
/// ([`trim_blank`]: a number pasted from a chat app often ends in a U+200B).
fn prepare(value: &str) -> Result<&str, IdError> {
    if value.len() > MAX_INPUT_LEN {
        return Err(IdError::TooLong { max: MAX_INPUT_LEN });
    }
    let trimmed = trim_blank(value);
    if trimmed.is_empty() {
        return Err(IdError::Empty);
    }
    if !trimmed.is_ascii() {
        return Err(IdError::NonAscii);
    }
    Ok(trimmed)
}

/// The 1-based position of the first byte that fails `ok`, if any.
fn first_bad(bytes: &[u8], ok: impl Fn(usize, u8) -> bool) -> Option<usize> {
    bytes
        .iter()
        .enumerate()
        .find(|&(i, &b)| !ok(i, b))
        .map(|(i, _)| i + 1)
}

/// Value of an ASCII decimal digit.
fn digit(b: u8) -> u32 {
    u32::from(b.wrapping_sub(b'0'))
}

/// `value` as it may be shown to people (screens, printouts, logs): when it is a valid
/// identifier of `kind` (`None`: detected), its kind's [`mask()`] of the normalised value;
/// otherwise [`mask_any`] of the trimmed value, so that a mistyped or wrongly labelled
/// number is never shown whole.
///
/// ```
/// use chrono::NaiveDate;
/// use doorstep::ids::{IdKind, mask_value};
///
/// let at = NaiveDate::from_ymd_opt(2024, 10, 15).unwrap();
/// assert_eq!(mask_value("11010519491231002x", None, at), "110105********002X");
/// assert_eq!(mask_value("11010519491231002X", Some(IdKind::CreditCode), at), "110***********002X");
/// ```
pub fn mask_value(value: &str, kind: Option<IdKind>, at: NaiveDate) -> String {
    match check(value, kind, at) {
        Ok(facts) => facts.masked,
        // Past the limit (refused unread), as a report shows it: its head, then `…`, so
        // that a pasted document comes back as a line.
        Err(_) if value.len() > MAX_INPUT_LEN => format!("{}…", mask_any(head(value))),
        Err(_) => mask_any(trim_blank(value)),
    }
}

/// One check's outcome as the bindings and the CLI show it.
///
/// `Debug` shows the value masked.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IdReport {
    /// The value as given; one longer than [`MAX_INPUT_LEN`] bytes (refused unread,
    /// `id.too_long`) as its first characters within that many bytes, then `…`, so that a
    /// page pasting a whole document gets back a line, not the document.
    pub value: String,
    /// The kind it was checked as: the one asked for, else the one detected; `None` when
    /// the shape fits no kind.
    pub kind: Option<IdKind>,
    /// Whether the value is valid.
    pub valid: bool,
    /// The facts, when valid.
    #[serde(flatten)]
    pub facts: Option<IdFacts>,
    /// Every problem found, when invalid.
    pub errors: Vec<Problem>,
}

impl fmt::Debug for IdReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdReport")
            .field("value", &mask_any(&self.value))
            .field("kind", &self.kind)
            .field("valid", &self.valid)
            .field("facts", &self.facts)
            .field("errors", &self.errors)
            .finish()
    }
}

/// `value` as a report shows it: whole up to [`MAX_INPUT_LEN`] bytes; past that, the
/// characters that fit in them and `…`.
fn shown(value: &str) -> String {
    if value.len() <= MAX_INPUT_LEN {
        value.to_owned()
    } else {
        format!("{}…", head(value))
    }
}

/// The characters of `value` that fit in [`MAX_INPUT_LEN`] bytes.
fn head(value: &str) -> &str {
    let end = (0..=MAX_INPUT_LEN.min(value.len()))
        .rev()
        .find(|&i| value.is_char_boundary(i))
        .unwrap_or_default();
    value.get(..end).unwrap_or_default()
}

/// Checks `value` (see [`check`]) and reports the outcome with messages in `lang`.
pub fn report(value: &str, kind: Option<IdKind>, at: NaiveDate, lang: Lang) -> IdReport {
    match check(value, kind, at) {
        Ok(facts) => IdReport {
            value: value.to_owned(),
            kind: Some(facts.kind),
            valid: true,
            facts: Some(facts),
            errors: Vec::new(),
        },
        Err(errors) => IdReport {
            value: shown(value),
            kind: kind.or_else(|| detect_kind(value)),
            valid: false,
            facts: None,
            errors: errors.iter().map(|e| e.to_problem(lang)).collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value past the length limit comes back as a line: its first 64 bytes (whole
    /// characters) and `…`; one at the limit comes back whole.
    #[test]
    fn a_report_shows_a_long_value_cut() {
        let at = NaiveDate::from_ymd_opt(2024, 10, 15).unwrap();
        let report = |v: &str| super::report(v, None, at, Lang::En);
        let long = "1".repeat(10_000);
        assert_eq!(report(&long).value, format!("{}…", "1".repeat(64)));
        assert_eq!(report(&long).errors[0].code, "id.too_long");
        assert_eq!(report(&"1".repeat(64)).value, "1".repeat(64));
        // 21 three-byte characters are 63 bytes; the 22nd would cross 64.
        let wide = "号".repeat(30);
        assert_eq!(report(&wide).value, format!("{}…", "号".repeat(21)));
        // Masked, such a value is a line too.
        let masked = mask_value(&long, None, at);
        assert_eq!(masked, format!("111{}1111…", "*".repeat(57)));
        assert_eq!(
            mask_value(&"1".repeat(64), None, at),
            format!("111{}1111", "*".repeat(57))
        );
    }

    /// A mistyped resident ID number (its check digit wrong) can be a valid credit code by
    /// chance — here authority 4, type 1, division 130219, organisation code 90030708-1 —
    /// but, laid out as an ID number (a province, then a date), it is told as one, wrong.
    /// Eighteen digits without a date where an ID number has one can still be detected as
    /// a credit code (authority 4, type 1, division 130219, organisation code 90130708-5);
    /// shown, such a value might be a person's number, never whole.
    #[test]
    fn a_mistyped_id_number_that_is_a_credit_code_is_masked() {
        let at = NaiveDate::from_ymd_opt(2024, 10, 15).unwrap();
        let mistyped = "411302199003070081";
        assert_eq!(check(mistyped, None, at), Err(vec![IdError::Checksum]));
        assert!(check_as(IdKind::CreditCode, mistyped, at).is_ok());
        assert_eq!(mask_value(mistyped, None, at), "411***********0081");

        let value = "411302199013070856";
        assert_eq!(
            check(value, None, at).map(|f| f.kind),
            Ok(IdKind::CreditCode)
        );
        let shown = mask_value(value, None, at);
        assert!(!shown.contains("19901307"), "{shown}");
        let report = report(value, None, at, Lang::ZhCn);
        assert_eq!(report.facts.map(|f| f.masked), Some(shown));
        // Asked for as a credit code, it is shown as one; a real code with letters too.
        assert_eq!(mask_value(value, Some(IdKind::CreditCode), at), value);
        assert_eq!(
            mask_value("91350100M000100Y43", None, at),
            "91350100M000100Y43"
        );
    }

    /// The cheaper paths the form engine and the rule operators take agree with the checks.
    #[test]
    fn cheap_paths_agree_with_the_checks() {
        let at = NaiveDate::from_ymd_opt(2024, 10, 15).unwrap();
        let values = [
            "11010519491231002x",
            " 350205199003071239 ",
            "440524188001010014",
            "350205900307123",
            "810000199003071235",
            "830000199001010012",
            "11010519491231002Y",
            "350205202601010011",
            "+86 139-1234-5678",
            "0086 13912345678",
            "8613912345678",
            "13912345678",
            " 13912345678 ",
            "350205199003071239",
            " 350205199003071239",
            "11010519491231002x",
            "12912345678",
            "361026",
            "961026",
            "(0592) 688 1234",
            "9144030071526726XG",
            "6222021234567890128",
            "",
            "林小红",
        ];
        for value in values {
            for kind in IdKind::ALL {
                let facts = check_as(kind, value, at);
                let expected = facts.as_ref().map(|f| f.normalized.clone());
                let normalized = normalize(kind, value, at).map(Cow::into_owned);
                assert_eq!(normalized, expected.map_err(Clone::clone));
            }
            let facts = check_as(IdKind::ResidentId, value, at).ok();
            let id = ResidentId::read(value, at).ok();
            assert_eq!(
                id.as_ref()
                    .map(|id| String::from_utf8_lossy(&id.birth_date_bytes()).into_owned()),
                facts
                    .as_ref()
                    .and_then(|f| f.birth_date)
                    .map(|d| d.to_string())
            );
            assert_eq!(id.as_ref().map(ResidentId::sex), facts.and_then(|f| f.sex));
        }
    }
}
