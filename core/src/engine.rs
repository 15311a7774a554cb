//! The one immutable engine every host shares: a linted catalogue, queried and used to
//! validate, behind one `Send + Sync` value that bindings hold behind a handle.
//!
//! Every method takes and returns plain data (serde types, `serde_json::Value`), so the
//! WASM and C bindings only translate.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::authority::ledger::{self, LedgerHead, LedgerReport};
use crate::authority::{self, AuthorityIndex, Authorization, Stamp, Step, Verdict};
use crate::calendar::WorkCalendar;
use crate::catalog::bundle::{self, BundleReport};
use crate::catalog::{
    self, Bundle, BundleMember, Catalog, Channel, Material, Matter, MatterType, OrgLevel,
};
use crate::form::{self, CompiledForm, FormSpec, Output};
use crate::input::InputError;
use crate::{Coded, Lang, Problem};

/// Why an engine could not be built, or a call could not be answered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    /// The catalogue document cannot be read (its own code: `input.*`).
    #[error("目录文档无法读取 / catalogue unreadable: {0}")]
    Input(InputError),
    /// `engine.catalog_invalid`: the catalogue fails lint; the problems are in `params`.
    #[error("事项目录未通过检查 / the catalogue fails lint")]
    CatalogInvalid(Vec<Problem>),
    /// `engine.unknown_matter`: no matter with this code in effect on the date (or a bundle
    /// none of whose matters is).
    #[error("事项不存在或未生效 / no such matter in effect")]
    UnknownMatter,
    /// `engine.unknown_bundle`: no bundle with this code.
    #[error("一件事不存在 / no such bundle")]
    UnknownBundle,
    /// `engine.target`: a target must name exactly one matter or one bundle.
    #[error("须指定一个事项或一件事 / name one matter or one bundle")]
    Target,
    /// `engine.unknown_field`: the JSON Pointer names no field of the target's form.
    #[error("表单中没有此字段 / no such field in the form")]
    UnknownField,
}

impl Coded for EngineError {
    fn code(&self) -> &'static str {
        match self {
            Self::Input(e) => e.code(),
            Self::CatalogInvalid(_) => "engine.catalog_invalid",
            Self::UnknownMatter => "engine.unknown_matter",
            Self::UnknownBundle => "engine.unknown_bundle",
            Self::Target => "engine.target",
            Self::UnknownField => "engine.unknown_field",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Input(e) => e.message(lang),
            Self::CatalogInvalid(problems) => match lang {
                Lang::ZhCn => format!("事项目录未通过检查，共 {} 个问题", problems.len()),
                Lang::En if problems.len() == 1 => "The catalogue fails lint with 1 problem".into(),
                Lang::En => format!("The catalogue fails lint with {} problems", problems.len()),
            },
            Self::UnknownMatter => lang
                .pick(
                    "目录中没有在该日期生效的此事项（一件事：没有在该日期生效的成员事项）",
                    "No matter with this code (for a bundle: none of its matters) is in effect \
                     on that date",
                )
                .to_owned(),
            Self::UnknownBundle => lang
                .pick("目录中没有此一件事", "No bundle with this code")
                .to_owned(),
            Self::Target => lang
                .pick(
                    "须指定一个事项（matter）或一个一件事（bundle）",
                    "Name exactly one matter or one bundle",
                )
                .to_owned(),
            Self::UnknownField => lang
                .pick(
                    "表单中没有此字段（path 须为字段的 JSON Pointer）",
                    "The form has no such field (path must be a field's JSON Pointer)",
                )
                .to_owned(),
        }
    }

    fn params(&self) -> Map<String, Value> {
        match self {
            Self::Input(e) => e.params(),
            Self::CatalogInvalid(problems) => match json!({ "problems": problems }) {
                Value::Object(m) => m,
                _ => Map::new(),
            },
            _ => Map::new(),
        }
    }
}

/// What a call is about: one matter or one bundle, by code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Target {
    /// A matter's code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matter: Option<String>,
    /// A bundle's code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<String>,
}

impl Target {
    /// The matter `code`.
    pub fn matter(code: &str) -> Self {
        Self {
            matter: Some(code.to_owned()),
            bundle: None,
        }
    }

    /// The bundle `code`.
    pub fn bundle(code: &str) -> Self {
        Self {
            matter: None,
            bundle: Some(code.to_owned()),
        }
    }
}

/// A matter as a list or a search shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatterSummary {
    /// 事项编码.
    pub code: String,
    /// Version in effect.
    pub version: u32,
    /// 事项名称.
    pub name: String,
    /// 事项类型.
    #[serde(rename = "type")]
    pub matter_type: MatterType,
    /// Responsible department: code.
    pub department: String,
    /// Responsible department: name.
    pub department_name: String,
    /// 即办件.
    pub immediate: bool,
    /// 承诺时限 (working days).
    pub promised_limit_days: u32,
    /// 法定时限 (working days).
    pub legal_limit_days: u32,
    /// Channels.
    pub channels: Vec<Channel>,
    /// Levels where it can be handled.
    pub levels: Vec<OrgLevel>,
    /// 帮办代办 allowed.
    pub proxy_allowed: bool,
    /// Fee in fen.
    pub fee_fen: u64,
}

/// A bundle as a list shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleSummary {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Lead department's code.
    pub lead_department: String,
    /// Member matters' codes (some may apply only under a condition).
    pub members: Vec<String>,
    /// The members that apply only when their condition holds on the answers (生育津贴,
    /// for a mother with employee maternity insurance): for a page to say so before the
    /// form is filled in. A subset of `members`, in their order.
    pub conditional: Vec<String>,
}

/// The outcome of validating an answer: valid, every problem, the normalised answer, and
/// for bundles the member matters it applies to.
pub type Validation = BundleReport;

/// The outcome of checking an answer (see [`Engine::check`]): what
/// [`Engine::validate`] reports without the normalised answer and the matters.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerCheck {
    /// Whether the answer has no problem.
    pub valid: bool,
    /// Every problem, as `validate` reports them.
    pub errors: Vec<Problem>,
}

/// The outcome of validating one field as the applicant types (see
/// [`Engine::validate_field`]): the problems at the field or inside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldValidation {
    /// The field's JSON Pointer, as asked.
    pub path: String,
    /// Whether the field has no problem.
    pub valid: bool,
    /// The field's problems (those of the fields inside a group or list included), in
    /// field order.
    pub errors: Vec<Problem>,
}

/// A search's words: its text split at white space (the ideographic space too), each
/// [`folded`].
struct Words(Vec<String>);

impl Words {
    fn new(query: &str) -> Self {
        Self(
            query
                .split_whitespace()
                .map(|word| folded(word).into_owned())
                .collect(),
        )
    }

    /// Whether each word is in one of `texts`, [`folded`] alike (always, for a query of no
    /// words).
    fn found_in(&self, texts: &[&str]) -> bool {
        if self.0.is_empty() {
            return true;
        }
        let texts: Vec<Cow<'_, str>> = texts.iter().map(|t| folded(t)).collect();
        self.0
            .iter()
            .all(|word| texts.iter().any(|t| t.contains(word.as_str())))
    }
}

/// `text` as a search compares it: full-width ASCII (`ＧＡ`, `（`, `１２`, as a Chinese input
/// method types them in full-width mode) as ASCII, and ASCII letters lower case (codes and
/// Latin abbreviations; Chinese has no case, and Unicode case tables would cost the
/// `.wasm` ~2 kB gzipped). Borrowed when that changes nothing, as for most names.
fn folded(text: &str) -> Cow<'_, str> {
    let fold = |c: char| match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if text
        .chars()
        .all(|c| fold(c) == c && !c.is_ascii_uppercase())
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| fold(c).to_ascii_lowercase()).collect())
}

/// A matter's or a bundle's code, name and 检索词, added to `texts`.
fn names<'a>(texts: &mut Vec<&'a str>, code: &'a str, name: &'a str, keywords: &'a [String]) {
    texts.extend([code, name]);
    texts.extend(keywords.iter().map(String::as_str));
}

/// Bundle `b` as a list shows it, with `members` (all of its members, or those in effect).
fn bundle_summary<'b>(
    b: &Bundle,
    members: impl Iterator<Item = &'b BundleMember>,
) -> BundleSummary {
    let (mut codes, mut conditional) = (Vec::new(), Vec::new());
    for m in members {
        codes.push(m.matter.clone());
        if m.condition.is_some() {
            conditional.push(m.matter.clone());
        }
    }
    BundleSummary {
        code: b.code.clone(),
        name: b.name.clone(),
        lead_department: b.lead_department.clone(),
        members: codes,
        conditional,
    }
}

/// `value` when it is a JSON object, else `input.shape` naming `what`: a document of the
/// wrong type is refused rather than read as an empty one.
fn object_argument(value: &Value, (zh, en): (&str, &str)) -> Result<(), EngineError> {
    if value.is_object() {
        Ok(())
    } else {
        Err(EngineError::Input(InputError::Shape {
            line: 0,
            column: 0,
            detail: crate::input::bilingual(
                &format!("{zh}须为 JSON 对象"),
                &format!("{en} must be a JSON object"),
            ),
        }))
    }
}

/// Bundles with up to this many conditional members have every merged form built at load.
const MAX_CACHED_CONDITIONS: usize = 6;

/// The most fields the merged forms built at load may hold together (counted as each
/// bundle's members' fields in each of its forms): the catalogue's first bundles within it
/// have their forms ready, the rest are merged when asked, so that a catalogue of thousands
/// of bundles loads in the time and memory of its text. Haicang's six bundles take 398.
const MAX_CACHED_FIELDS: usize = 16_384;

/// A bundle's merged form built at load, from each member's newest version: right on the
/// dates when every one of them is in effect (then none older is), from the latest start
/// until the first cancellation.
#[derive(Debug, Clone)]
struct MergedForm {
    /// The members, by position in the catalogue (a call needs no lookup by code).
    indices: Vec<usize>,
    form: CompiledForm,
    from: NaiveDate,
    until: Option<NaiveDate>,
}

impl MergedForm {
    /// Whether the form holds on `at` (as every member's `in_effect_on`).
    fn holds_on(&self, at: NaiveDate) -> bool {
        self.from <= at && self.until.is_none_or(|until| at < until)
    }
}

/// The engine: one linted catalogue. Immutable, `Send + Sync`; build once, share.
#[derive(Debug, Clone)]
pub struct Engine {
    catalog: Catalog,
    /// The registry of grants and seals, indexed.
    authority: AuthorityIndex,
    /// Working days: statutory holidays and make-up days.
    calendar: Arc<WorkCalendar>,
    /// Merged forms by bundle index and member mask, built once (see [`bundle::member_mask`]).
    bundle_forms: HashMap<(usize, u64), MergedForm>,
    /// Each bundle's field keys, over all its members: the answers a bundle's form drops
    /// silently when their member does not apply.
    bundle_keys: Vec<Vec<String>>,
    /// Each matter's form compiled, by position in the catalogue.
    matter_forms: Vec<CompiledForm>,
    /// The policies' distinct condition rules, each evaluated once per profile.
    policy_rules: crate::policy::RuleTable,
}

impl Engine {
    /// Reads and lints a catalogue; any lint problem refuses it. `at` is the date the
    /// examples are checked against (normally today).
    pub fn load(text: &str, at: NaiveDate) -> Result<Self, EngineError> {
        let catalog = Catalog::from_json(text).map_err(EngineError::Input)?;
        Self::new(catalog, at)
    }

    /// Lints an already parsed catalogue and builds the engine.
    pub fn new(catalog: Catalog, at: NaiveDate) -> Result<Self, EngineError> {
        let calendar = Arc::new(catalog.work_calendar());
        let problems = catalog::lint_on(&catalog, &calendar, at, Lang::ZhCn);
        if !problems.is_empty() {
            return Err(EngineError::CatalogInvalid(problems));
        }
        let mut bundle_forms = HashMap::new();
        let mut budget = MAX_CACHED_FIELDS;
        for (index, b) in catalog.bundles.iter().enumerate() {
            let conditional: Vec<usize> = (0..b.members.len())
                .filter(|&i| b.members.get(i).is_some_and(|m| m.condition.is_some()))
                .collect();
            if conditional.len() > MAX_CACHED_CONDITIONS || b.members.len() > 64 {
                continue;
            }
            // At most every member's fields in each of the forms.
            let fields: usize = b
                .members
                .iter()
                .filter_map(|m| catalog.matter(&m.matter))
                .map(|m| m.form.fields.len())
                .sum();
            let Some(rest) = budget.checked_sub(fields << conditional.len()) else {
                continue;
            };
            budget = rest;
            let always = (0..b.members.len())
                .filter(|i| !conditional.contains(i))
                .fold(0u64, |m, i| m | 1 << i);
            for subset in 0u64..(1 << conditional.len()) {
                let mask = conditional
                    .iter()
                    .enumerate()
                    .filter(|(bit, _)| subset & (1 << bit) != 0)
                    .fold(always, |m, (_, &i)| m | 1 << i);
                let matters = bundle::masked_members(&catalog, b, mask);
                // Matters by index, so a call needs no lookup by code.
                let indices = matters
                    .iter()
                    .filter_map(|m| catalog.matters.iter().position(|x| std::ptr::eq(x, *m)))
                    .collect();
                let form = CompiledForm::new(bundle::merged_form(&matters))
                    .with_calendar(Arc::clone(&calendar));
                let from = matters.iter().map(|m| m.effective).max();
                let until = matters.iter().filter_map(|m| m.cancelled).min();
                bundle_forms.insert(
                    (index, mask),
                    MergedForm {
                        indices,
                        form,
                        from: from.unwrap_or(NaiveDate::MIN),
                        until,
                    },
                );
            }
        }
        let bundle_keys = catalog
            .bundles
            .iter()
            .map(|b| bundle::asked_keys(&catalog, b))
            .collect();
        let matter_forms = catalog
            .matters
            .iter()
            .map(|m| CompiledForm::new(m.form.clone()).with_calendar(Arc::clone(&calendar)))
            .collect();
        Ok(Self {
            authority: AuthorityIndex::new(&catalog),
            calendar,
            policy_rules: crate::policy::RuleTable::new(&catalog.policies),
            catalog,
            bundle_forms,
            bundle_keys,
            matter_forms,
        })
    }

    /// The catalogue.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The policies' condition rules, deduplicated (see [`crate::policy`]).
    pub(crate) fn policy_rules(&self) -> &crate::policy::RuleTable {
        &self.policy_rules
    }

    /// Matters in effect on `at` each word of whose `query` (split at white space: `公积金
    /// 提取`) is in its code, name, 检索词 (`keywords`) or department's name (full-width
    /// ASCII, as an input method types it in full-width mode, read as ASCII; ASCII letters
    /// case-insensitive; every matter when `query` is blank), in catalogue order.
    pub fn matters(&self, query: &str, at: NaiveDate) -> Vec<MatterSummary> {
        let words = Words::new(query);
        // Asked as a kiosk's search box is typed into: one pass over the catalogue (each
        // code's newest version in effect, where the code first appears), organisation
        // names looked up once, a text copied only when folding changes it.
        let mut slots: Vec<Option<&Matter>> = Vec::new();
        let mut slot_of: HashMap<&str, usize> = HashMap::new();
        for m in &self.catalog.matters {
            let slot = *slot_of.entry(m.code.as_str()).or_insert_with(|| {
                slots.push(None);
                slots.len() - 1
            });
            if let Some(newest) = slots.get_mut(slot)
                && m.in_effect_on(at)
                && newest.is_none_or(|n| m.version >= n.version)
            {
                *newest = Some(m);
            }
        }
        let org_names: HashMap<&str, &str> = self
            .catalog
            .orgs
            .iter()
            .rev() // the first organisation with a code wins, as `Catalog::org` finds it
            .map(|o| (o.code.as_str(), o.name.as_str()))
            .collect();
        let department = |m: &Matter| org_names.get(m.department.as_str()).copied();
        slots
            .into_iter()
            .flatten()
            .filter(|m| {
                let mut texts = Vec::with_capacity(3 + m.keywords.len());
                names(&mut texts, &m.code, &m.name, &m.keywords);
                texts.extend(department(m));
                words.found_in(&texts)
            })
            .map(|m| self.summary(m))
            .collect()
    }

    /// Bundles with a member in effect on `at` (a bundle with none has no form then) each
    /// word of whose `query` is in its code, name, 检索词 (`keywords`) or lead department's
    /// name, or in the code, name or 检索词 of such a member (社保卡 finds 出生一件事, which
    /// applies for the newborn's card): matched as [`matters`](Self::matters) matches,
    /// every such bundle when `query` is blank; in catalogue order, each as
    /// [`bundles`](Self::bundles) lists it but for the members not in effect on `at`,
    /// left out as its form on `at` leaves them out.
    pub fn find_bundles(&self, query: &str, at: NaiveDate) -> Vec<BundleSummary> {
        let words = Words::new(query);
        let mut found = Vec::new();
        for b in &self.catalog.bundles {
            let open: Vec<(&BundleMember, &Matter)> = b
                .members
                .iter()
                .filter_map(|member| Some((member, self.catalog.matter_on(&member.matter, at)?)))
                .collect();
            if open.is_empty() {
                continue;
            }
            let mut texts = Vec::new();
            names(&mut texts, &b.code, &b.name, &b.keywords);
            texts.extend(
                self.catalog
                    .org(&b.lead_department)
                    .map(|o| o.name.as_str()),
            );
            for (_, m) in &open {
                names(&mut texts, &m.code, &m.name, &m.keywords);
            }
            if words.found_in(&texts) {
                found.push(bundle_summary(b, open.iter().map(|&(member, _)| member)));
            }
        }
        found
    }

    fn summary(&self, m: &Matter) -> MatterSummary {
        MatterSummary {
            code: m.code.clone(),
            version: m.version,
            name: m.name.clone(),
            matter_type: m.matter_type,
            department: m.department.clone(),
            department_name: self
                .catalog
                .org(&m.department)
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            immediate: m.immediate,
            promised_limit_days: m.promised_limit_days,
            legal_limit_days: m.legal_limit_days,
            channels: m.channels.clone(),
            levels: m.levels.clone(),
            proxy_allowed: m.proxy_allowed,
            fee_fen: m.fee_fen,
        }
    }

    /// Every bundle.
    pub fn bundles(&self) -> Vec<BundleSummary> {
        self.catalog
            .bundles
            .iter()
            .map(|b| bundle_summary(b, b.members.iter()))
            .collect()
    }

    /// The matters `target` covers on `at`: the matter, or the bundle's members that
    /// apply to `answer` (every member when `answer` is `None`, for rendering).
    /// The bundle `code` with its position, when one of its members is in effect on `at`:
    /// a bundle none of whose matters is in effect then names no matter
    /// (`engine.unknown_matter`), rather than an empty form that any answer passes.
    fn bundle_on(&self, code: &str, at: NaiveDate) -> Result<(usize, &Bundle), EngineError> {
        let (index, b) = self.bundle(code)?;
        self.any_in_effect(b, at)?;
        Ok((index, b))
    }

    /// The bundle `code` with its position in the catalogue (`engine.unknown_bundle`).
    fn bundle(&self, code: &str) -> Result<(usize, &Bundle), EngineError> {
        self.catalog
            .bundles
            .iter()
            .enumerate()
            .find(|(_, b)| b.code == code)
            .ok_or(EngineError::UnknownBundle)
    }

    /// `Ok` when a member of `b` is in effect on `at` (see [`bundle_on`](Self::bundle_on)).
    fn any_in_effect(&self, b: &Bundle, at: NaiveDate) -> Result<(), EngineError> {
        b.members
            .iter()
            .any(|m| self.catalog.matter_on(&m.matter, at).is_some())
            .then_some(())
            .ok_or(EngineError::UnknownMatter)
    }

    fn matters_of(
        &self,
        target: &Target,
        answer: Option<&Value>,
        at: NaiveDate,
    ) -> Result<Vec<&Matter>, EngineError> {
        match (&target.matter, &target.bundle) {
            (Some(code), None) => self
                .catalog
                .matter_on(code, at)
                .map(|m| vec![m])
                .ok_or(EngineError::UnknownMatter),
            (None, Some(code)) => {
                let (_, b) = self.bundle_on(code, at)?;
                Ok(match answer {
                    Some(answer) => {
                        bundle::members_on(&self.catalog, b, answer, at, &self.calendar)
                    }
                    None => b
                        .members
                        .iter()
                        .filter_map(|m| self.catalog.matter_on(&m.matter, at))
                        .collect(),
                })
            }
            _ => Err(EngineError::Target),
        }
    }

    /// The form to render for `target`: a matter's form, or a bundle's merged form over
    /// all its members in effect, a field only members under a condition ask shown where
    /// one of them applies ([`bundle::form_to_render`]).
    pub fn form(&self, target: &Target, at: NaiveDate) -> Result<FormSpec, EngineError> {
        if let (None, Some(code)) = (&target.matter, &target.bundle) {
            let (_, b) = self.bundle_on(code, at)?;
            let members: Vec<_> = b
                .members
                .iter()
                .filter_map(|m| {
                    Some((m.condition.as_ref(), self.catalog.matter_on(&m.matter, at)?))
                })
                .collect();
            return Ok(bundle::form_to_render(&members));
        }
        self.merged_form(target, at)
    }

    /// A matter's form, or a bundle's merged form over all its members in effect, whatever
    /// their conditions.
    fn merged_form(&self, target: &Target, at: NaiveDate) -> Result<FormSpec, EngineError> {
        let matters = self.matters_of(target, None, at)?;
        Ok(match matters.as_slice() {
            [single] if target.matter.is_some() => single.form.clone(),
            _ => bundle::merged_form(&matters),
        })
    }

    /// Validates `answer` for `target`.
    pub fn validate(
        &self,
        target: &Target,
        answer: &Value,
        at: NaiveDate,
        lang: Lang,
    ) -> Result<Validation, EngineError> {
        self.run(target, answer, at, lang, Output::Report)
    }

    /// The problems [`validate`](Self::validate) reports for `answer`, without the
    /// normalised answer and the list of matters: what a page or a kiosk needs while the
    /// applicant types, and the cheaper call (a valid answer builds nothing). Same errors
    /// as `validate`, in the same order.
    pub fn check(
        &self,
        target: &Target,
        answer: &Value,
        at: NaiveDate,
        lang: Lang,
    ) -> Result<AnswerCheck, EngineError> {
        let errors = self
            .run(target, answer, at, lang, Output::Problems)?
            .form
            .errors;
        Ok(AnswerCheck {
            valid: errors.is_empty(),
            errors,
        })
    }

    fn run(
        &self,
        target: &Target,
        answer: &Value,
        at: NaiveDate,
        lang: Lang,
        output: Output,
    ) -> Result<Validation, EngineError> {
        let codes = |matters: &[&Matter]| match output {
            Output::Report => matters.iter().map(|m| m.code.clone()).collect(),
            Output::Problems => Vec::new(),
        };
        if let Some(code) = &target.bundle {
            if target.matter.is_some() {
                return Err(EngineError::Target);
            }
            let (index, b) = self.bundle(code)?;
            let mask = bundle::member_mask(b, answer, &self.calendar);
            let asked = self.bundle_keys.get(index).map_or(&[][..], Vec::as_slice);
            let asked_by_bundle = |key: &str| asked.iter().any(|k| k == key);
            let cached = self
                .bundle_forms
                .get(&(index, mask))
                .filter(|cached| cached.holds_on(at));
            let (form, matters, none) = if let Some(MergedForm { indices, form, .. }) = cached {
                let report = form.run(answer, at, lang, &asked_by_bundle, output);
                // The matters are gathered only when something needs them.
                let matters: Vec<&Matter> =
                    if report.errors.is_empty() && output == Output::Problems {
                        Vec::new()
                    } else {
                        indices
                            .iter()
                            .filter_map(|&i| self.catalog.matters.get(i))
                            .collect()
                    };
                (report, matters, indices.is_empty())
            } else {
                // A merged form that holds on `at` has every member in effect; without one,
                // a bundle none of whose matters is in effect is refused here.
                self.any_in_effect(b, at)?;
                let matters = bundle::masked_members_on(&self.catalog, b, mask, at);
                let form = self.compiled(bundle::merged_form(&matters));
                let report = form.run(answer, at, lang, &asked_by_bundle, output);
                let none = matters.is_empty();
                (report, matters, none)
            };
            let mut form = form;
            // Each member's own problems, from the member's compiled form: where they are
            // and their codes, not worded (a bundle answer with seven problems took four
            // times as long with them worded).
            let own = |m: &Matter| {
                let ignored = |_: &str| true;
                let form = self.matter_form(m);
                let findings = form.findings_ignoring(answer, at, lang, &ignored);
                findings
                    .iter()
                    .map(|f| (f.path().into_owned(), f.code().to_owned()))
                    .collect()
            };
            bundle::finish(&mut form, &matters, none, lang, &own);
            return Ok(Validation {
                matters: codes(&matters),
                form,
            });
        }
        let matters = self.matters_of(target, Some(answer), at)?;
        let [matter] = matters.as_slice() else {
            return Err(EngineError::UnknownMatter);
        };
        let form = self
            .matter_form(matter)
            .run(answer, at, lang, &|_| false, output);
        Ok(Validation {
            matters: codes(&matters),
            form,
        })
    }

    /// The compiled form of `matter`: the one the engine keeps ready for each of the
    /// catalogue's matters, else compiled now.
    fn matter_form(&self, matter: &Matter) -> Cow<'_, CompiledForm> {
        let kept = (self.catalog.matters.iter())
            .position(|m| std::ptr::eq(m, matter))
            .and_then(|i| self.matter_forms.get(i));
        match kept {
            Some(form) => Cow::Borrowed(form),
            None => Cow::Owned(self.compiled(matter.form.clone())),
        }
    }

    /// Validates the field at `path` (a JSON Pointer into the answer) as the applicant
    /// types: the whole `answer` is validated, as rules read other fields, and the problems
    /// at `path` or inside it are kept. One path: the same problems `validate` reports
    /// there. `engine.unknown_field` when the target's form has no field at `path`.
    pub fn validate_field(
        &self,
        target: &Target,
        answer: &Value,
        path: &str,
        at: NaiveDate,
        lang: Lang,
    ) -> Result<FieldValidation, EngineError> {
        // Asked as each keystroke is: the field is looked up in the members' forms, the
        // merged form is not built.
        let matters = self.matters_of(target, None, at)?;
        if bundle::merged_field_at(&matters, path).is_none() {
            return Err(EngineError::UnknownField);
        }
        let inside = |p: &str| crate::problem::is_within(p, path);
        let errors: Vec<Problem> = self
            .check(target, answer, at, lang)?
            .errors
            .into_iter()
            .filter(|e| e.path.as_deref().is_some_and(inside))
            .collect();
        Ok(FieldValidation {
            path: path.to_owned(),
            valid: errors.is_empty(),
            errors,
        })
    }

    /// `answer` with the empty fields of `target`'s form that declare a shared-data source
    /// filled from `shared` (see [`form::prefill`]).
    pub fn prefill(
        &self,
        target: &Target,
        shared: &Value,
        answer: &Value,
        at: NaiveDate,
    ) -> Result<Value, EngineError> {
        object_argument(shared, ("共享数据", "shared data"))?;
        // Every member's fields, whether or not the answer so far says it applies: a page
        // prefills once, before the applicant answers what selects the members.
        Ok(form::prefill(
            &self.merged_form(target, at)?,
            shared,
            answer,
            (at, &self.calendar),
        ))
    }

    /// The documents to bring for `target` given `answer`, each once (as much of it as any
    /// member needs), minus those waived by the shared-data sources in `available`. The
    /// documents' conditions read the answer as validation keeps it, as a form's rules do
    /// (text trimmed, identifiers in their usual form; hidden values and values with a
    /// problem absent).
    pub fn materials(
        &self,
        target: &Target,
        answer: &Value,
        available: &[&str],
        at: NaiveDate,
    ) -> Result<Vec<Material>, EngineError> {
        // Conditions read an object's fields: anything else is a host's mistake, not an
        // answer without conditional documents.
        object_argument(answer, ("表单内容", "the answer"))?;
        let matters = self.matters_of(target, Some(answer), at)?;
        let kept = self.validate(target, answer, at, Lang::En)?.form.normalized;
        Ok(bundle::materials_for(
            &matters,
            &kept,
            available,
            &self.calendar,
        ))
    }

    /// `spec` compiled, its rules counting working days on the engine's calendar (for a
    /// form the engine does not keep ready).
    fn compiled(&self, spec: FormSpec) -> CompiledForm {
        CompiledForm::new(spec).with_calendar(Arc::clone(&self.calendar))
    }

    /// The working-day calendar deadlines count with, and the catalogue's rules
    /// (`working_days_between`): the shipped years and the catalogue's own.
    pub fn calendar(&self) -> &WorkCalendar {
        &self.calendar
    }

    /// Evaluates a rule on request as [`RuleRequest::run`](crate::rule::RuleRequest::run)
    /// does, counting working days on the engine's calendar: what a page showing and hiding
    /// the fields of this catalogue's forms evaluates them with.
    pub fn evaluate_rule(
        &self,
        request: &crate::rule::RuleRequest,
        lang: Lang,
    ) -> crate::rule::RuleOutcome {
        request.run_on(&self.calendar, lang)
    }

    /// Verifies one stamp against the catalogue's registry (see [`authority::verify`]).
    pub fn verify_stamp(&self, stamp: &Stamp) -> Verdict<'_> {
        authority::verify(&self.catalog, &self.authority, stamp)
    }

    /// [`verify_stamp`](Self::verify_stamp) for a stamp used at `used`: its seal usable then
    /// too (see `authority::verify`).
    pub(crate) fn verify_stamp_used(
        &self,
        stamp: &Stamp,
        used: chrono::DateTime<chrono::FixedOffset>,
    ) -> Verdict<'_> {
        authority::verify_used(&self.catalog, &self.authority, stamp, used)
    }

    /// May `org` perform `step` of `matter` at `at`, and in whose name (see
    /// [`authority::authorize`])? The chain a stamp would rely on, without the seal.
    pub fn authorize<'e>(
        &'e self,
        org: &'e str,
        matter: &str,
        step: Step,
        at: DateTime<FixedOffset>,
    ) -> Authorization<'e> {
        authority::authorize(&self.catalog, &self.authority, org, matter, step, at)
    }

    /// Verifies a 用印台账 (JSON Lines): its hash chain, the kept `head` if given, and
    /// every intact entry's stamp against the registry (see [`ledger::verify_with`]).
    pub fn verify_ledger(&self, text: &str, head: Option<&LedgerHead>, lang: Lang) -> LedgerReport {
        ledger::verify_with(text, head, lang, |stamp| {
            self.verify_stamp(stamp)
                .failures
                .iter()
                .map(|f| f.code().to_owned())
                .collect()
        })
    }
}
