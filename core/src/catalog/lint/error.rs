//! The problems `catalog lint` finds, coded, with their messages in zh-CN and en.

use serde_json::{Map, Value, json};

use crate::{Coded, Lang};

/// One problem of a catalogue.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LintError {
    /// `catalog.constraint`: a value breaks a constraint of the format (length, range, …),
    /// or a field's lower bound is above its upper one (`range`: `min`; `length`:
    /// `minLength`, `minItems`), or an integer field's bound is beyond ±(2^53 − 1)
    /// (`range`), or a 即办件 promises days (`immediate`).
    #[error("取值不符合要求 / value out of bounds")]
    Constraint {
        /// The constraint, as `validator` names it (`length`, `range`, …), or `immediate`.
        rule: String,
    },
    /// `catalog.duplicate`: a code used twice where it must be unique (also a material in
    /// one matter, a check in one form, a choice's value in one field, a member matter in
    /// one bundle).
    #[error("编码重复 / duplicate code")]
    Duplicate,
    /// `catalog.same_label`: two options of one choice field with one label (once
    /// trimmed): the applicant cannot tell which to choose.
    #[error("选项名称重复 / two options with one label")]
    SameLabel,
    /// `catalog.unknown_reference`: a code that names nothing in the catalogue.
    #[error("引用的编码不存在 / dangling reference")]
    UnknownReference {
        /// What it should name: `org`, `department`, `matter`, `data_source`, `grant`,
        /// `field` (a successor's mapping key, a check's path).
        target: &'static str,
    },
    /// `catalog.wrong_level`: an organisation at the wrong level for its place.
    #[error("机构层级不符 / wrong organisation level")]
    WrongLevel,
    /// `catalog.one_district`: the tree must have exactly one district at its root.
    #[error("应有且仅有一个区级根机构 / exactly one district expected")]
    OneDistrict,
    /// `catalog.promised_over_legal`: promised time limit above the legal one.
    #[error("承诺时限超过法定时限 / promised limit above legal limit")]
    PromisedOverLegal,
    /// `catalog.dates`: cancelled on or before it took effect.
    #[error("废止日期不晚于生效日期 / cancelled before effective")]
    Dates,
    /// `catalog.rule_unknown_field`: a rule reads a field the form does not have.
    #[error("规则引用了不存在的字段 / rule reads an unknown field")]
    RuleUnknownField {
        /// The path the rule reads.
        var: String,
    },
    /// `catalog.rule_value`: a rule compares a field with a text the field never holds:
    /// not one of a choice field's values (a typo, or a choice renamed), or a text compared
    /// with a yes/no field. The condition is then the same whatever the answer.
    #[error("规则比较的值不是该字段可能的取值 / rule compares a field with a value it never holds")]
    RuleValue {
        /// The path the rule reads.
        var: String,
        /// The text it compares the field with.
        value: String,
    },
    /// `catalog.prefill`: a prefill source that fills nothing: one without a path into the
    /// source (`identity` rather than `identity.name`) or with an empty step, or on a field
    /// inside a group (prefill fills the form's top-level fields).
    #[error("预填来源设置有误 / prefill that fills nothing")]
    Prefill,
    /// `catalog.rule_cycle`: a field's condition (`visibleIf`, `requiredIf`) reads, directly
    /// or through other fields' conditions, the field it decides or the group it is in: a
    /// condition reads fields as they are kept, each decided before it is read, which such
    /// conditions cannot be.
    #[error("字段条件循环引用 / conditions read each other in a cycle")]
    RuleCycle {
        /// The key of the field read.
        var: String,
    },
    /// `catalog.choices`: a choice field without choices, or choices on another type.
    #[error("选项设置有误 / choices misplaced")]
    Choices,
    /// `catalog.field_key`: a field key a rule cannot read or a path cannot name plainly:
    /// with `.` (a rule's `var` separates levels with it), `/` or `~` (JSON Pointer's),
    /// white space or a control character.
    #[error("字段键含有不允许的字符 / field key with a reserved character")]
    FieldKey,
    /// `catalog.fields`: a group without fields, or fields on another type.
    #[error("子字段设置有误 / sub-fields misplaced")]
    Fields,
    /// `catalog.example_invalid`: the 填单示范 does not validate: a matter's (at the value),
    /// or a bundle's merged example against its merged form, though each member's own
    /// example passes its own form (one member's bound or condition refuses another's
    /// value: at the bundle's members, `field` the value's pointer in the merged answer).
    #[error("填单示范未通过校验 / the example does not validate")]
    ExampleInvalid {
        /// The code of the example's problem.
        problem: String,
        /// In a bundle's merged example, the JSON Pointer of the value.
        field: Option<String>,
    },
    /// `catalog.example_unkept`: the 填单示范 (valid) gives a value validation drops: a
    /// field its own answers hide, a blank or `null`: shown on the example, never asked.
    #[error("填单示范含有不会保留的值 / the example gives a value validation drops")]
    ExampleUnkept,
    /// `catalog.grant_chain`: a grant's parent chain loops, runs deeper than
    /// [`MAX_CHAIN_DEPTH`](crate::authority::MAX_CHAIN_DEPTH), names a parent held by someone
    /// else, or grants to its own principal.
    #[error("授权链有误 / broken chain of grants")]
    GrantChain,
    /// `catalog.grant_scope`: a grant passes on more than its principal holds (matters,
    /// steps or time beyond its parent's, or another department's matters).
    #[error("授权超出委托方权限 / grant wider than its principal's authority")]
    GrantScope,
    /// `catalog.seal_history`: seal status changes out of time order, or after revocation.
    #[error("印章状态记录有误 / seal history out of order")]
    SealHistory,
    /// `catalog.bundle_key_conflict`: one key asked two ways across a bundle's forms, in
    /// versions in effect at once: two types, patterns, sets of choices (a value with two
    /// labels included) or sub-fields, or bounds no value meets both of.
    #[error("一件事表单字段类型冲突 / one key, two types in a bundle")]
    BundleKeyConflict {
        /// The key.
        key: String,
    },
    /// `catalog.not_for_type`: a constraint the field's type does not have, which the form
    /// engine would ignore: a length or pattern on a field that is not text (text, address,
    /// attachment), a range on one that is not a number (integer, decimal, money), an item
    /// count on one that is not a list (repeating group, multi-choice).
    #[error("约束不适用于该类型的字段 / constraint not for this field type")]
    NotForType,
    /// `catalog.redundant`: a `requiredIf` on a field that is `required` anyway: it never
    /// changes anything (the author most likely meant the field to be optional).
    #[error("条件不起作用 / a condition that changes nothing")]
    Redundant,
    /// `catalog.reserved_code`: a policy condition coded `subject`, the code of the reason
    /// matching gives for the policy's subject.
    #[error("编码为保留字 / reserved code")]
    Reserved,
    /// `catalog.profile_unknown_field`: a policy rule reads a profile key that profiles of
    /// the policy's subject do not have (see [`crate::policy`]).
    #[error("规则引用了档案中不存在的字段 / rule reads an unknown profile key")]
    ProfileUnknownField {
        /// The path the rule reads.
        var: String,
    },
    /// `catalog.policy_missing_data`: a condition of a policy granted without application
    /// (免申即享) that holds for a profile with no data at all (`{"!": {"var": "arrears"}}`):
    /// it would grant the benefit on data the profile lacks, where a rule reading a missing
    /// value reads `null`. Test the value itself (`{"===": [{"var": "arrears"}, false]}`).
    #[error("免申即享条件在缺少数据时成立 / a 免申即享 condition holds without data")]
    PolicyMissingData,
    /// `catalog.successor_invalid`: the answer a successor (免申即办) maps from its
    /// predecessor's 填单示范 fails the successor's form (a required field left unmapped, a
    /// constant out of bounds, a value of another type): every such case would start with
    /// that problem recorded for the back office. At the mapping's key.
    #[error("后续事项的映射表单未通过校验 / a successor's mapped answer does not validate")]
    SuccessorInvalid {
        /// The code of the problem.
        problem: String,
        /// The JSON Pointer of the value in the successor's answer.
        field: String,
    },
    /// `catalog.successor_cycle`: matters that start each other in a loop (免申即办 would
    /// never end).
    #[error("后续事项构成循环 / successors form a cycle")]
    SuccessorCycle,
}

impl Coded for LintError {
    fn code(&self) -> &'static str {
        match self {
            Self::Constraint { .. } => "catalog.constraint",
            Self::Duplicate => "catalog.duplicate",
            Self::SameLabel => "catalog.same_label",
            Self::UnknownReference { .. } => "catalog.unknown_reference",
            Self::WrongLevel => "catalog.wrong_level",
            Self::OneDistrict => "catalog.one_district",
            Self::PromisedOverLegal => "catalog.promised_over_legal",
            Self::GrantChain => "catalog.grant_chain",
            Self::GrantScope => "catalog.grant_scope",
            Self::SealHistory => "catalog.seal_history",
            Self::Dates => "catalog.dates",
            Self::RuleUnknownField { .. } => "catalog.rule_unknown_field",
            Self::RuleValue { .. } => "catalog.rule_value",
            Self::RuleCycle { .. } => "catalog.rule_cycle",
            Self::Prefill => "catalog.prefill",
            Self::Choices => "catalog.choices",
            Self::FieldKey => "catalog.field_key",
            Self::Fields => "catalog.fields",
            Self::ExampleInvalid { .. } => "catalog.example_invalid",
            Self::ExampleUnkept => "catalog.example_unkept",
            Self::BundleKeyConflict { .. } => "catalog.bundle_key_conflict",
            Self::NotForType => "catalog.not_for_type",
            Self::Redundant => "catalog.redundant",
            Self::Reserved => "catalog.reserved_code",
            Self::ProfileUnknownField { .. } => "catalog.profile_unknown_field",
            Self::PolicyMissingData => "catalog.policy_missing_data",
            Self::SuccessorCycle => "catalog.successor_cycle",
            Self::SuccessorInvalid { .. } => "catalog.successor_invalid",
        }
    }

    #[allow(clippy::too_many_lines)] // one arm per problem, in both languages
    fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            Self::Constraint { rule } => {
                if zh {
                    format!("取值不符合“{rule}”约束")
                } else {
                    format!("The value breaks the {rule} constraint")
                }
            }
            Self::Duplicate => lang
                .pick(
                    "编码重复，应唯一",
                    "This code is used twice; it must be unique",
                )
                .into(),
            Self::SameLabel => lang
                .pick(
                    "同一字段的两个选项名称相同，申请人无法区分",
                    "Two options of this field have one label: the applicant cannot tell them apart",
                )
                .into(),
            Self::UnknownReference { target } => {
                if zh {
                    format!("引用的{}编码不存在", target_zh(target))
                } else {
                    format!("No {target} has this code")
                }
            }
            Self::WrongLevel => lang
                .pick(
                    "机构层级与其位置不符（区 → 部门/街道 → 社区）",
                    "Wrong level (district → department/street → community)",
                )
                .into(),
            Self::OneDistrict => lang
                .pick(
                    "机构树应有且仅有一个区级根机构",
                    "The organisation tree needs exactly one district at its root",
                )
                .into(),
            Self::PromisedOverLegal => lang
                .pick(
                    "承诺办结时限不能超过法定办结时限",
                    "The promised time limit exceeds the legal one",
                )
                .into(),
            Self::Dates => lang
                .pick(
                    "废止日期应晚于生效日期",
                    "Cancelled on or before taking effect",
                )
                .into(),
            Self::RuleUnknownField { var } => {
                if zh {
                    format!("规则引用了表单中不存在的字段 {var}")
                } else {
                    format!("The rule reads {var}, which the form does not have")
                }
            }
            Self::RuleValue { var, value } => {
                if zh {
                    format!("规则将字段 {var} 与“{value}”比较，而该字段不会取此值（不是它的选项，或类型不同），比较结果不随填写内容变化")
                } else {
                    format!(
                        "The rule compares {var} with \"{value}\", which the field never holds (not one of its choices, or of another type): the comparison comes out the same whatever the answer"
                    )
                }
            }
            Self::RuleCycle { var } => {
                if zh {
                    format!("条件读取的字段 {var} 又取决于本字段的条件（循环），无法先于本字段确定")
                } else {
                    format!(
                        "The condition reads {var}, which depends on this field's own conditions (a cycle), so it cannot be decided first"
                    )
                }
            }
            Self::GrantChain => lang
                .pick(
                    "授权链有误：上级授权须授予本授权的委托方，且不得循环或超过层级上限",
                    "Broken chain: the parent grant must be held by this grant's principal, without loops or excessive depth",
                )
                .into(),
            Self::GrantScope => lang
                .pick(
                    "授权范围（事项、环节或期限）超出委托方自身的权限",
                    "The grant passes on more (matters, steps or time) than its principal holds",
                )
                .into(),
            Self::SealHistory => lang
                .pick(
                    "印章状态变更须按时间顺序，作废后不得再变更",
                    "Seal status changes must be in time order, with nothing after revocation",
                )
                .into(),
            Self::Choices => lang
                .pick(
                    "单选/多选字段须有选项，其他字段不能有选项",
                    "Choice fields need choices; other fields take none",
                )
                .into(),
            Self::FieldKey => lang
                .pick(
                    "字段键不能含 .、/、~、空白或控制字符（规则以 . 分隔的路径读取字段）",
                    "A field key may not hold '.', '/', '~', white space or control characters (rules read fields by dotted paths)",
                )
                .into(),
            Self::Fields => lang
                .pick(
                    "分组/重复分组须有子字段，其他字段不能有子字段",
                    "Groups need fields; other fields take none",
                )
                .into(),
            Self::ExampleInvalid { problem, .. } => {
                if zh {
                    format!("填单示范未通过校验（{problem}）")
                } else {
                    format!("The example does not validate ({problem})")
                }
            }
            Self::ExampleUnkept => lang
                .pick(
                    "填单示范填写了校验时不会保留的值（该字段在此示范中隐藏，或值为空）",
                    "The example gives a value validation drops (the field is hidden in this example, or the value is blank)",
                )
                .into(),
            Self::BundleKeyConflict { key } => {
                if zh {
                    format!("字段 {key} 在一件事的不同表单中类型或格式不同")
                } else {
                    format!("Field {key} has two types or formats across the bundle's forms")
                }
            }
            Self::NotForType => lang
                .pick(
                    "此类字段没有该约束，将被忽略",
                    "No such constraint for this field type: it would be ignored",
                )
                .into(),
            Self::Redundant => lang
                .pick(
                    "字段已设为必填，requiredIf 条件不起作用",
                    "The field is required anyway: its requiredIf changes nothing",
                )
                .into(),
            Self::Reserved | Self::ProfileUnknownField { .. } | Self::PolicyMissingData => {
                self.policy_message(lang)
            }
            Self::Prefill => lang
                .pick(
                    "预填来源应写作“数据源.路径”（如 identity.name，各段非空），且只用于表单第一层的字段：分组内的字段不会被预填",
                    "A prefill source is written source.path (identity.name, no empty step), on a field at the form's top level: fields inside groups are never prefilled",
                )
                .into(),
            Self::SuccessorInvalid { problem, .. } => {
                if zh {
                    format!("由填单示范映射给后续事项的表单未通过校验（{problem}），每件自动发起的办件都会带着这个问题")
                } else {
                    format!(
                        "The successor's answer mapped from the example does not validate ({problem}): every case it starts would carry the problem"
                    )
                }
            }
            Self::SuccessorCycle => lang
                .pick(
                    "后续事项（免申即办）构成循环，办结后将无限触发",
                    "The successors (免申即办) form a cycle: each would start the next forever",
                )
                .into(),
        }
    }

    fn params(&self) -> Map<String, Value> {
        let params = match self {
            Self::Constraint { rule } => json!({ "rule": rule }),
            Self::UnknownReference { target } => json!({ "target": target }),
            Self::RuleUnknownField { var }
            | Self::ProfileUnknownField { var }
            | Self::RuleCycle { var } => {
                json!({ "var": var })
            }
            Self::ExampleInvalid {
                problem,
                field: None,
            } => json!({ "problem": problem }),
            Self::ExampleInvalid {
                problem,
                field: Some(field),
            } => json!({ "problem": problem, "field": field }),
            Self::RuleValue { var, value } => json!({ "var": var, "value": value }),
            Self::BundleKeyConflict { key } => json!({ "key": key }),
            Self::SuccessorInvalid { problem, field } => {
                json!({ "problem": problem, "field": field })
            }
            _ => return Map::new(),
        };
        match params {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }
}

impl LintError {
    /// The messages of the policy section's problems.
    fn policy_message(&self, lang: Lang) -> String {
        match self {
            Self::ProfileUnknownField { var } => match lang {
                Lang::ZhCn => {
                    format!("规则引用了该类档案中不存在的字段 {var}（自定义属性请放在 extra 下）")
                }
                Lang::En => format!(
                    "The rule reads {var}, which profiles of this kind do not have (put local attributes under extra)"
                ),
            },
            Self::PolicyMissingData => lang
                .pick(
                    "免申即享政策的这一条件在档案没有任何数据时也成立，会凭缺失的数据发放：请判断数据本身（如 {\"===\": [{\"var\": \"arrears\"}, false]}）",
                    "This condition of a policy granted without application holds for a profile with no data: it would grant on data the profile lacks. Test the value itself (e.g. {\"===\": [{\"var\": \"arrears\"}, false]})",
                )
                .into(),
            _ => lang
                .pick(
                    "subject 为保留编码（适用对象），条件不能使用",
                    "subject is reserved (the policy's subject); a condition cannot use it",
                )
                .into(),
        }
    }
}

fn target_zh(target: &str) -> &'static str {
    match target {
        "org" => "机构",
        "department" => "部门",
        "matter" => "事项",
        "grant" => "授权",
        "field" => "字段",
        _ => "共享数据源",
    }
}
