//! 统一社会信用代码 (GB 32100-2015).
//!
//! Layout: registration authority (1) + entity type (1) + division (6) + GB 11714
//! organisation code (9) + check character (1), over a 31-character set without I, O, S, V, Z.

use std::borrow::Cow;

use super::division::province_of;
use super::{IdError, IdFacts, IdKind, IdResult, Label, Region, org_code, prepare};

/// The character set; a character's value is its index.
const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights for positions 1–17: 3^(i−1) mod 31.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Registration authorities and the entity types each registers, from GB 32100-2015
/// table 1 as amended (A: 中央军委改革和编制办公室, N: 农业 were added later).
const AUTHORITIES: [(Label, &[Label]); 12] = [
    (
        l("1", "机构编制"),
        &[
            l("1", "机关"),
            l("2", "事业单位"),
            l("3", "中央编办直接管理机构编制的群众团体"),
            l("9", "其他"),
        ],
    ),
    (
        l("2", "外交"),
        &[l("1", "外国常驻新闻机构"), l("9", "其他")],
    ),
    (
        l("3", "司法行政"),
        &[
            l("1", "律师执业机构"),
            l("2", "公证处"),
            l("3", "基层法律服务所"),
            l("4", "司法鉴定机构"),
            l("5", "仲裁委员会"),
            l("9", "其他"),
        ],
    ),
    (
        l("4", "文化"),
        &[l("1", "外国在华文化中心"), l("9", "其他")],
    ),
    (
        l("5", "民政"),
        &[
            l("1", "社会团体"),
            l("2", "民办非企业单位"),
            l("3", "基金会"),
            l("9", "其他"),
        ],
    ),
    (
        l("6", "旅游"),
        &[
            l("1", "外国旅游部门常驻代表机构"),
            l("2", "港澳台地区旅游部门常驻内地（大陆）代表机构"),
            l("9", "其他"),
        ],
    ),
    (
        l("7", "宗教"),
        &[l("1", "宗教活动场所"), l("2", "宗教院校"), l("9", "其他")],
    ),
    (l("8", "工会"), &[l("1", "基层工会"), l("9", "其他")]),
    (
        l("9", "工商"),
        &[
            l("1", "企业"),
            l("2", "个体工商户"),
            l("3", "农民专业合作社"),
        ],
    ),
    (
        l("A", "中央军委改革和编制办公室"),
        &[l("1", "军队事业单位"), l("9", "其他")],
    ),
    (
        l("N", "农业"),
        &[
            l("1", "组级集体经济组织"),
            l("2", "村级集体经济组织"),
            l("3", "乡镇级集体经济组织"),
            l("9", "其他"),
        ],
    ),
    (l("Y", "其他"), &[l("1", "其他")]),
];

const fn l(code: &'static str, name: &'static str) -> Label {
    Label { code, name }
}

/// Each byte's value in the set (its index), `u8::MAX` for a byte outside it: a scan of
/// the set for each of a code's 18 characters showed in form profiles.
const VALUES: [u8; 256] = {
    let mut values = [u8::MAX; 256];
    let mut i = 0;
    while i < CHARSET.len() {
        #[allow(clippy::indexing_slicing, clippy::cast_possible_truncation)] // i < 31
        {
            values[CHARSET[i] as usize] = i as u8;
        }
        i += 1;
    }
    values
};

/// The value of a character of the set; `u8::MAX` for a byte outside it.
fn value(b: u8) -> u8 {
    VALUES.get(usize::from(b)).copied().unwrap_or(u8::MAX)
}

/// The check character of the first 17 characters: (31 − Σ mod 31) mod 31.
#[cfg(test)]
fn check_char(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .zip(WEIGHTS)
        .map(|(&b, w)| u32::from(value(b)) * w)
        .sum();
    check_char_of(sum)
}

/// The check character for the weighted sum of the first 17 characters' values.
fn check_char_of(sum: u32) -> u8 {
    let index = ((31 - sum % 31) % 31) as usize;
    CHARSET.get(index).copied().unwrap_or(b'0')
}

/// The registration authority and entity type named by the first two characters.
fn entity(authority: u8, entity_type: u8) -> Option<(Label, Label)> {
    AUTHORITIES
        .iter()
        .find(|(a, _)| a.code.as_bytes() == [authority])
        .and_then(|(a, types)| {
            types
                .iter()
                .find(|t| t.code.as_bytes() == [entity_type])
                .map(|t| (*a, *t))
        })
}

/// The province of a registration division: a GB/T 2260 province, or 100000 for
/// bodies registered at national level.
fn division(code: &[u8]) -> Option<Label> {
    if !code.iter().all(u8::is_ascii_digit) {
        return None;
    }
    match *code {
        [b'1', b'0', b'0', b'0', b'0', b'0'] => Some(l("10", "全国")),
        [a, b, ..] => province_of([a, b]),
        _ => None,
    }
}

/// What the parts of a code of 18 characters of the set say.
struct Parts<'a> {
    /// The registration authority and entity type, when the first two name them.
    named: Option<(Label, Label)>,
    /// The registration division (characters 3–8) and its province, when it is one.
    division: (&'a [u8], Option<Label>),
    /// The embedded organisation code (characters 9–17).
    org: &'a [u8],
    /// Whether the organisation code's own check character is right.
    org_checks: bool,
    /// Whether the code's check character (the 18th) is right.
    checks: bool,
}

impl<'a> Parts<'a> {
    /// The parts of `code`, or the 1-based position of its first character outside the
    /// set. The characters' values are looked up once, for both.
    fn of(code: &'a [u8; 18]) -> Result<Self, usize> {
        let mut sum = 0;
        for (i, &b) in code.iter().enumerate() {
            let value = value(b);
            if value == u8::MAX {
                return Err(i + 1);
            }
            // The check character (the 18th) has no weight.
            sum += u32::from(value) * WEIGHTS.get(i).copied().unwrap_or(0);
        }
        let [authority, entity_type, rest @ .., check] = code;
        let (division_code, org) = rest.split_at(6);
        let (org_body, org_check) = org.split_at(8);
        Ok(Self {
            named: entity(*authority, *entity_type),
            division: (division_code, division(division_code)),
            org,
            org_checks: org_check == [org_code::check_char(org_body)],
            checks: *check == check_char_of(sum),
        })
    }

    /// The problems, in the order of the characters they are about.
    fn errors(&self) -> Vec<IdError> {
        [
            (self.named.is_none(), IdError::EntityType),
            (self.division.1.is_none(), IdError::Division),
            (!self.org_checks, IdError::EmbeddedOrgCode),
            (!self.checks, IdError::Checksum),
        ]
        .into_iter()
        .filter_map(|(wrong, error)| wrong.then_some(error))
        .collect()
    }

    /// [`errors`](Self::errors) is empty: told without building the problems (a form
    /// checks every credit code it is given this way first).
    fn valid(&self) -> bool {
        self.named.is_some() && self.division.1.is_some() && self.org_checks && self.checks
    }
}

/// Whether `s` is a valid credit code as it stands: 18 characters of the set, upper case,
/// every part right, told without the facts' strings. The form's verdict takes it first,
/// as mobile numbers' `is_plain_mobile`: through [`super::normalize`] (trimming, the
/// comparison with the normal form) a valid birth answer measured ~110 instructions more.
pub(crate) fn is_plain_credit_code(s: &str) -> bool {
    <&[u8; 18]>::try_from(s.as_bytes())
        .is_ok_and(|code| Parts::of(code).is_ok_and(|parts| parts.valid()))
}

/// The normalised code for the form engine ([`super::normalize`], which a form's verdict
/// calls too): the trimmed text itself when it is written plainly, else what the full
/// check makes of it.
pub(super) fn credit_code_normalized(value: &str) -> Result<Cow<'_, str>, Vec<IdError>> {
    let s = prepare(value).map_err(|e| vec![e])?;
    if is_plain_credit_code(s) {
        return Ok(Cow::Borrowed(s));
    }
    check_credit_code(value).map(|facts| Cow::Owned(facts.normalized))
}

/// Checks a unified social credit code; lower-case letters are accepted and normalised.
///
/// ```
/// use doorstep::ids::check_credit_code;
/// let facts = check_credit_code("91350100M000100Y43").unwrap();
/// assert_eq!(facts.entity_type.map(|t| t.name), Some("企业"));
/// assert_eq!(facts.org_code.as_deref(), Some("M000100Y4"));
/// ```
pub fn check_credit_code(value: &str) -> IdResult {
    let s = prepare(value).map_err(|e| vec![e])?;
    let code: Vec<u8> = s.bytes().map(|b| b.to_ascii_uppercase()).collect();
    let Ok(fixed) = <&[u8; 18]>::try_from(code.as_slice()) else {
        return Err(vec![IdError::Length {
            expected: "18",
            actual: code.len(),
        }]);
    };
    let parts = Parts::of(fixed).map_err(|position| vec![IdError::Character { position }])?;
    let errors = parts.errors();
    if !errors.is_empty() {
        return Err(errors);
    }

    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let mut facts = IdFacts::new(IdKind::CreditCode, text(fixed));
    facts.registration_authority = parts.named.map(|(a, _)| a);
    facts.entity_type = parts.named.map(|(_, t)| t);
    let (division_code, province) = parts.division;
    facts.region = province.map(|province| Region {
        code: text(division_code),
        province,
    });
    facts.org_code = Some(text(parts.org));
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn plain_credit_codes() {
        for code in [
            "9144030071526726XG",
            "91350100M000100Y43",
            "91110000802100433B",
        ] {
            assert!(is_plain_credit_code(code), "{code}");
        }
        for not in [
            "91350100m000100y43",
            " 91350100M000100Y43",
            "91350100M000100Y44",
            "91350100M000100Y4",
            "91350100M000100Y433",
            "",
            "9135010OM000100Y43",
            "Z1350100M000100Y43",
        ] {
            assert!(!is_plain_credit_code(not), "{not}");
        }
    }

    proptest! {
        /// A plain code is exactly one the full check keeps as written. Codes are built
        /// with their check characters (an organisation body gets its own too, so many
        /// are valid), then perhaps spoiled: a character replaced, or the case changed.
        #[test]
        fn plain_is_valid_as_written(
            body in "[159][1-3]350[0-9]{3}[0-9A-Z]{8}|[0-9A-HJ-NPQRTUWXY]{17}",
            spoil in proptest::option::of((0usize..19, "[0-9A-Za-z ]")),
        ) {
            let mut bytes = body.into_bytes();
            if bytes.len() == 16 {
                let org_check = org_code::check_char(bytes.get(8..).unwrap_or_default());
                bytes.push(org_check);
            }
            bytes.push(check_char(&bytes));
            let mut code = String::from_utf8(bytes).unwrap_or_default();
            if let Some((at, c)) = spoil {
                let at = at.min(code.len());
                code.replace_range(at..(at + 1).min(code.len()), &c);
            }
            let full = check_credit_code(&code).map(|f| f.normalized);
            prop_assert_eq!(is_plain_credit_code(&code), full.as_deref() == Ok(code.as_str()));
        }
    }

    #[test]
    fn a_computed_value_of_zero_is_written_as_the_digit_zero() {
        // Find a body whose check value is 0 by adjusting its last character.
        let mut body = *b"91350100M000100Y4";
        for c in CHARSET {
            body[16] = *c;
            if check_char(&body) == b'0' {
                return;
            }
        }
        panic!("some last character gives a check value of 0");
    }

    #[test]
    fn published_examples_check() {
        for code in [
            "9144030071526726XG",
            "91350100M000100Y43",
            "91110000802100433B",
        ] {
            let (body, check) = code.as_bytes().split_at(17);
            assert_eq!([check_char(body)], check, "{code}");
        }
    }
}
