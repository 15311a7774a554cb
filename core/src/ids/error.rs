//! Problems an identifier can have. None of them carries the identifier itself.

use serde_json::{Map, Value, json};

use crate::{Coded, Lang};

/// One problem with an identifier, with a stable [`code`](Coded::code).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdError {
    /// `id.empty`: nothing but whitespace.
    #[error("号码为空 / the value is empty")]
    Empty,
    /// `id.too_long`: longer than any identifier; not read further.
    #[error("输入过长 / the value is too long")]
    TooLong {
        /// The longest input accepted, in bytes.
        max: usize,
    },
    /// `id.non_ascii`: contains characters other than ASCII (e.g. full-width digits).
    #[error("含有非 ASCII 字符 / contains non-ASCII characters")]
    NonAscii,
    /// `id.length`: the wrong number of characters for the kind.
    #[error("位数不正确 / wrong length")]
    Length {
        /// Accepted lengths, e.g. `18` or `15|18`.
        expected: &'static str,
        /// Length found.
        actual: usize,
    },
    /// `id.character`: a character not allowed at its position.
    #[error("含有不允许的字符 / contains a character that is not allowed")]
    Character {
        /// 1-based position of the first such character.
        position: usize,
    },
    /// `id.checksum`: the check character does not match (MOD 11-2, MOD 31, GB 11714 or Luhn).
    #[error("校验位不正确 / the check character is wrong")]
    Checksum,
    /// `id.birth_date_invalid`: the birth date does not exist, or is before 1800.
    #[error("出生日期不存在 / the birth date does not exist")]
    BirthDateInvalid,
    /// `id.birth_date_future`: the birth date is after the reference date.
    #[error("出生日期晚于参照日期 / the birth date is after the reference date")]
    BirthDateFuture,
    /// `id.region`: the address code is not a province-level division of GB/T 2260.
    #[error("地址码不是有效的省级行政区划代码 / unknown address code")]
    Region,
    /// `id.not_residence_permit`: a valid layout whose address code is not 810000, 820000 or 830000.
    #[error("不是港澳台居民居住证号码 / not a residence permit number")]
    NotResidencePermit,
    /// `id.credit_code.entity_type`: unknown registration-authority / entity-type pair.
    #[error("登记管理部门或机构类别代码无效 / unknown registration authority or entity type")]
    EntityType,
    /// `id.credit_code.division`: the division code of a credit code is not valid.
    #[error("登记管理机关行政区划码无效 / invalid division code")]
    Division,
    /// `id.credit_code.org_code`: the embedded GB 11714 organisation code fails its own check.
    #[error("内含的组织机构代码校验位不正确 / the embedded organisation code fails its check")]
    EmbeddedOrgCode,
    /// `id.mobile.prefix`: not a mainland mobile number (must start 13–19, not 140–144).
    #[error("不是有效的手机号段 / not a mainland mobile number prefix")]
    MobilePrefix,
    /// `id.landline.area_code`: missing or impossible area code.
    #[error("区号缺失或无效 / missing or invalid area code")]
    AreaCode,
    /// `id.landline.local_number`: the local number is not 7 or 8 digits starting 2–9.
    #[error("本地号码无效 / invalid local number")]
    LocalNumber,
    /// `id.postal_code.range`: outside the ranges in use (01–86).
    #[error("邮政编码不在使用范围内 / postal code out of range")]
    PostalRange,
    /// `id.unknown_kind`: the shape matches no identifier kind.
    #[error("无法识别号码类型 / cannot tell what kind of identifier this is")]
    UnknownKind,
}

impl Coded for IdError {
    fn code(&self) -> &'static str {
        match self {
            Self::Empty => "id.empty",
            Self::TooLong { .. } => "id.too_long",
            Self::NonAscii => "id.non_ascii",
            Self::Length { .. } => "id.length",
            Self::Character { .. } => "id.character",
            Self::Checksum => "id.checksum",
            Self::BirthDateInvalid => "id.birth_date_invalid",
            Self::BirthDateFuture => "id.birth_date_future",
            Self::Region => "id.region",
            Self::NotResidencePermit => "id.not_residence_permit",
            Self::EntityType => "id.credit_code.entity_type",
            Self::Division => "id.credit_code.division",
            Self::EmbeddedOrgCode => "id.credit_code.org_code",
            Self::MobilePrefix => "id.mobile.prefix",
            Self::AreaCode => "id.landline.area_code",
            Self::LocalNumber => "id.landline.local_number",
            Self::PostalRange => "id.postal_code.range",
            Self::UnknownKind => "id.unknown_kind",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Empty => lang.pick("请填写号码", "Please enter a value").into(),
            Self::TooLong { max } => match lang {
                Lang::ZhCn => format!("输入过长，号码不超过 {max} 个字符"),
                Lang::En => format!("Too long: an identifier has at most {max} characters"),
            },
            Self::NonAscii => lang
                .pick(
                    "含有非半角字符，请使用半角数字和字母（不要输入全角字符或汉字）",
                    "Contains characters other than ASCII letters and digits (full-width characters are not accepted)",
                )
                .into(),
            Self::Length { expected, actual } => {
                let expected = expected.replace('|', lang.pick(" 或 ", " or "));
                match lang {
                    Lang::ZhCn => format!("位数不正确：应为 {expected} 位，实为 {actual} 位"),
                    Lang::En => format!("Wrong length: expected {expected} characters, got {actual}"),
                }
            }
            Self::Character { position } => match lang {
                Lang::ZhCn => format!("第 {position} 位是不允许的字符"),
                Lang::En => format!("Character {position} is not allowed there"),
            },
            Self::Checksum => lang
                .pick(
                    "校验位不正确，请核对号码是否输错",
                    "The check character does not match; please check for a typing error",
                )
                .into(),
            Self::BirthDateInvalid => lang
                .pick("出生日期不存在或早于 1800 年", "The birth date does not exist or is before 1800")
                .into(),
            Self::BirthDateFuture => lang
                .pick(
                    "号码中的出生日期晚于办理日期",
                    "The birth date in the number is after the reference date",
                )
                .into(),
            Self::Region => lang
                .pick(
                    "前两位不是有效的省级行政区划代码（GB/T 2260）",
                    "The first two digits are not a province-level division code (GB/T 2260)",
                )
                .into(),
            Self::NotResidencePermit => lang
                .pick(
                    "港澳台居民居住证号码的地址码应为 810000、820000 或 830000",
                    "A residence permit number starts with 810000, 820000 or 830000",
                )
                .into(),
            Self::EntityType => lang
                .pick(
                    "第 1、2 位的登记管理部门和机构类别代码组合不存在（GB 32100-2015）",
                    "Characters 1–2 are not a registration authority and entity type pair of GB 32100-2015",
                )
                .into(),
            Self::Division => lang
                .pick(
                    "第 3–8 位不是有效的登记管理机关行政区划码",
                    "Characters 3–8 are not a valid administrative division code",
                )
                .into(),
            Self::EmbeddedOrgCode => lang
                .pick(
                    "第 9–17 位的组织机构代码校验位不正确（GB 11714）",
                    "The organisation code in characters 9–17 fails its GB 11714 check",
                )
                .into(),
            Self::MobilePrefix => lang
                .pick(
                    "手机号码应为以 13–19 开头的 11 位数字（140–144 为物联网号段）",
                    "A mobile number has 11 digits starting 13 to 19 (140 to 144 are numbers of machines)",
                )
                .into(),
            Self::AreaCode => lang
                .pick(
                    "请填写以 0 开头的区号，如 0592",
                    "Enter the area code starting with 0, such as 0592",
                )
                .into(),
            Self::LocalNumber => lang
                .pick(
                    "本地号码应为 7 或 8 位、以 2–9 开头（区号 010、02X 后为 8 位）",
                    "The local number has 7 or 8 digits starting 2–9 (8 after 010 and 02X)",
                )
                .into(),
            Self::PostalRange => lang
                .pick(
                    "邮政编码前两位应在 01–86 之间",
                    "The first two digits of a postal code are between 01 and 86",
                )
                .into(),
            Self::UnknownKind => lang
                .pick(
                    "无法识别号码类型，请指定类型",
                    "Cannot tell what kind of identifier this is; please name the kind",
                )
                .into(),
        }
    }

    fn params(&self) -> Map<String, Value> {
        let value = match self {
            Self::TooLong { max } => json!({ "max": max }),
            Self::Length { expected, actual } => json!({ "expected": expected, "actual": actual }),
            Self::Character { position } => json!({ "position": position }),
            _ => return Map::new(),
        };
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }
}
