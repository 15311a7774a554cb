//! `catalog lint`: everything an author can get wrong, each with its JSON Pointer.

mod error;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::Hash;

use chrono::NaiveDate;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use super::{Bundle, Catalog, Matter, OrgLevel};
use crate::calendar::WorkCalendar;
use crate::form::{self, Field, FieldType, FormSpec};
use crate::input::InputError;
use crate::rule::{Comparison, Rule};
use crate::{Coded, Lang, Problem};
use serde_json::Value;

pub use error::LintError;

/// Lints a catalogue given as JSON text: a document that cannot be read is one problem
/// (`input.*`, with its line and column); one of the wrong shape (a date that does not
/// exist, a negative limit, a missing or unknown key, an unknown operator) is at the path
/// of the value the parse stopped at, any other at `""`. Otherwise see [`lint`].
pub fn lint_json(text: &str, at: NaiveDate, lang: Lang) -> Vec<Problem> {
    match Catalog::from_json(text) {
        Ok(catalog) => lint(&catalog, at, lang),
        Err(e) => {
            let path = match e {
                InputError::Shape { line, column, .. } if line > 0 => {
                    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
                    crate::input::pointer_at(text, line, column)
                }
                _ => String::new(),
            };
            let mut problem = e.to_problem(lang);
            problem.path = Some(path);
            vec![problem]
        }
    }
}

/// Everything wrong with `catalog`, each problem with the JSON Pointer of its value.
/// `at` is the reference date for the examples (birth dates must not be after it).
pub fn lint(catalog: &Catalog, at: NaiveDate, lang: Lang) -> Vec<Problem> {
    lint_on(catalog, &catalog.work_calendar(), at, lang)
}

/// [`lint`], the examples' rules counting working days on `calendar` (the catalogue's
/// [`work_calendar`](Catalog::work_calendar), which an engine has worked out already).
pub(crate) fn lint_on(
    catalog: &Catalog,
    calendar: &WorkCalendar,
    at: NaiveDate,
    lang: Lang,
) -> Vec<Problem> {
    let mut l = Linter {
        lang,
        problems: Vec::new(),
        calendar,
        bad_examples: Vec::new(),
        kept_examples: Vec::new(),
    };
    if let Err(errors) = catalog.validate() {
        l.validation("", &errors);
    }
    l.orgs(catalog);
    let sources: HashSet<&str> = catalog
        .data_sources
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    l.duplicates(
        "/dataSources",
        catalog.data_sources.iter().map(|d| d.code.clone()),
    );
    l.duplicates(
        "/matters",
        catalog
            .matters
            .iter()
            .map(|m| format!("{}@{}", m.code, m.version)),
    );
    for (i, matter) in catalog.matters.iter().enumerate() {
        l.matter(catalog, matter, &format!("/matters/{i}"), &sources, at);
    }
    l.successors(catalog, at);
    l.duplicates("/bundles", catalog.bundles.iter().map(|b| b.code.clone()));
    l.bundles(catalog, at);
    let registry = &catalog.authority;
    l.duplicates_at(
        "/authority/grants",
        "id",
        registry.grants.iter().map(|g| g.id.clone()),
    );
    l.duplicates(
        "/authority/seals",
        registry.seals.iter().map(|s| s.code.clone()),
    );
    for (path, error) in crate::authority::lint(catalog) {
        l.push(path, &error);
    }
    l.duplicates("/policies", catalog.policies.iter().map(|p| p.code.clone()));
    for (i, policy) in catalog.policies.iter().enumerate() {
        l.duplicates(
            &format!("/policies/{i}/conditions"),
            policy.conditions.iter().map(|c| c.code.clone()),
        );
    }
    for (path, error) in crate::policy::lint(catalog) {
        l.push(path, &error);
    }
    l.calendar(catalog);
    l.problems
}

struct Linter<'c> {
    lang: Lang,
    problems: Vec<Problem>,
    /// What the examples' rules count working days on: the catalogue's calendar, as an
    /// engine's.
    calendar: &'c WorkCalendar,
    /// The matters (by address) whose own example fails: a bundle of one is not reported
    /// again for its merged example. (A list: a set's hashing cost the WASM module more
    /// than the few entries a catalogue has cost to search.)
    bad_examples: Vec<*const Matter>,
    /// The 填单示范 (valid) of each matter with successors, as validation keeps it: what
    /// the successors' answers are mapped from ([`Self::successors`]).
    kept_examples: Vec<(*const Matter, Value)>,
}

impl Linter<'_> {
    /// The catalogue's holiday arrangements: each checked as the shipped ones are, and
    /// each year once. The problems are the calendar's own (`calendar.*`).
    fn calendar(&mut self, catalog: &Catalog) {
        use crate::calendar::CalendarError;
        for (i, year) in catalog.calendar.iter().enumerate() {
            let earlier = catalog.calendar.get(..i).unwrap_or_default();
            let (path, error) = if earlier.iter().any(|y| y.year == year.year) {
                let error = CalendarError::DuplicateYear { year: year.year };
                (format!("/calendar/{i}/year"), error)
            } else if let Err(error) = crate::calendar::check_arrangement(year) {
                (format!("/calendar/{i}"), error)
            } else {
                continue;
            };
            let mut problem = error.to_problem(self.lang);
            problem.path = Some(path);
            self.problems.push(problem);
        }
    }

    fn push(&mut self, path: String, error: &LintError) {
        let mut p = error.to_problem(self.lang);
        p.path = Some(path);
        self.problems.push(p);
    }

    /// `validator`'s findings, with Rust field names turned into the JSON keys.
    fn validation(&mut self, path: &str, errors: &ValidationErrors) {
        let mut sorted: Vec<_> = errors.errors().iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        for (field, kind) in sorted {
            let here = format!("{path}/{}", camel(field));
            match kind {
                ValidationErrorsKind::Field(list) => {
                    for e in list {
                        self.push(
                            here.clone(),
                            &LintError::Constraint {
                                rule: e.code.to_string(),
                            },
                        );
                    }
                }
                ValidationErrorsKind::Struct(inner) => self.validation(&here, inner),
                ValidationErrorsKind::List(items) => {
                    for (i, inner) in items {
                        self.validation(&format!("{here}/{i}"), inner);
                    }
                }
            }
        }
    }

    /// Whether `source` is one of the catalogue's shared-data `sources`; reports it at
    /// `path` when not.
    fn source_known(&mut self, sources: &HashSet<&str>, source: &str, path: String) -> bool {
        let known = sources.contains(source);
        if !known {
            let target = "data_source";
            self.push(path, &LintError::UnknownReference { target });
        }
        known
    }

    /// Reports every later use of a code already seen, at `{base}/{index}/code`.
    fn duplicates(&mut self, base: &str, codes: impl Iterator<Item = String>) {
        self.duplicates_at(base, "code", codes);
    }

    /// Reports every later use of a value already seen, at `{base}/{index}/{member}`
    /// (at `{base}/{index}` when `member` is empty: a list of the values themselves).
    fn duplicates_at<T: Hash + Eq>(
        &mut self,
        base: &str,
        member: &str,
        values: impl Iterator<Item = T>,
    ) {
        self.repeats_at(base, member, values, &LintError::Duplicate);
    }

    /// [`Self::duplicates_at`], reporting each later use as `error`.
    fn repeats_at<T: Hash + Eq>(
        &mut self,
        base: &str,
        member: &str,
        values: impl Iterator<Item = T>,
        error: &LintError,
    ) {
        let mut seen = HashSet::new();
        for (i, value) in values.enumerate() {
            if !seen.insert(value) {
                let path = if member.is_empty() {
                    format!("{base}/{i}")
                } else {
                    format!("{base}/{i}/{member}")
                };
                self.push(path, error);
            }
        }
    }

    fn orgs(&mut self, catalog: &Catalog) {
        self.duplicates("/orgs", catalog.orgs.iter().map(|o| o.code.clone()));
        let levels: HashMap<&str, OrgLevel> = catalog
            .orgs
            .iter()
            .map(|o| (o.code.as_str(), o.level))
            .collect();
        let districts = catalog
            .orgs
            .iter()
            .filter(|o| o.level == OrgLevel::District)
            .count();
        if districts != 1 {
            self.push("/orgs".into(), &LintError::OneDistrict);
        }
        for (i, org) in catalog.orgs.iter().enumerate() {
            let expected_parent = match org.level {
                OrgLevel::District => None,
                OrgLevel::Department | OrgLevel::Street => Some(OrgLevel::District),
                OrgLevel::Community => Some(OrgLevel::Street),
            };
            match (&org.parent, expected_parent) {
                (None, None) => {}
                (Some(parent), Some(want)) => match levels.get(parent.as_str()) {
                    None => self.push(
                        format!("/orgs/{i}/parent"),
                        &LintError::UnknownReference { target: "org" },
                    ),
                    Some(&level) if level != want => {
                        self.push(format!("/orgs/{i}/level"), &LintError::WrongLevel);
                    }
                    Some(_) => {}
                },
                _ => self.push(format!("/orgs/{i}/level"), &LintError::WrongLevel),
            }
        }
    }

    fn matter(
        &mut self,
        catalog: &Catalog,
        m: &Matter,
        path: &str,
        sources: &HashSet<&str>,
        at: NaiveDate,
    ) {
        match catalog.org(&m.department) {
            None => self.push(
                format!("{path}/department"),
                &LintError::UnknownReference {
                    target: "department",
                },
            ),
            Some(o) if o.level != OrgLevel::Department => {
                self.push(format!("{path}/department"), &LintError::WrongLevel);
            }
            Some(_) => {}
        }
        self.keywords(path, &m.keywords);
        // A channel or level listed twice: a slip (which the list's author meant, the
        // second entry cannot say).
        self.duplicates_at(&format!("{path}/channels"), "", m.channels.iter());
        self.duplicates_at(&format!("{path}/levels"), "", m.levels.iter());
        if m.promised_limit_days > m.legal_limit_days {
            self.push(
                format!("{path}/promisedLimitDays"),
                &LintError::PromisedOverLegal,
            );
        }
        // 即办件 are decided on the spot: 0 working days promised (the format's field says so).
        if m.immediate && m.promised_limit_days > 0 {
            self.push(
                format!("{path}/promisedLimitDays"),
                &LintError::Constraint {
                    rule: "immediate".into(),
                },
            );
        }
        if m.cancelled.is_some_and(|c| c <= m.effective) {
            self.push(format!("{path}/cancelled"), &LintError::Dates);
        }
        // A bundle asks for a document once by its code: twice in one matter is ambiguous.
        self.duplicates(
            &format!("{path}/materials"),
            m.materials.iter().map(|x| x.code.clone()),
        );
        // What a matter issues is a source its documents can be waived by.
        self.duplicates_at(&format!("{path}/issues"), "", m.issues.iter());
        for (i, source) in m.issues.iter().enumerate() {
            self.source_known(sources, source, format!("{path}/issues/{i}"));
        }
        let scope = [m.form.fields.as_slice()];
        for (i, material) in m.materials.iter().enumerate() {
            if let Some(rule) = &material.condition {
                self.rule_vars(rule, &scope, &format!("{path}/materials/{i}/condition"));
            }
            if let Some(source) = &material.waived_by {
                self.source_known(sources, source, format!("{path}/materials/{i}/waivedBy"));
            }
        }
        match self.form(&m.form, &format!("{path}/form"), sources, at) {
            None => self.bad_examples.push(m),
            Some(kept) if !m.successors.is_empty() => self.kept_examples.push((m, kept)),
            Some(_) => {}
        }
    }

    /// Checks a matter's form; its example as validation keeps it, `None` when it fails.
    fn form(
        &mut self,
        form: &FormSpec,
        path: &str,
        sources: &HashSet<&str>,
        at: NaiveDate,
    ) -> Option<Value> {
        let problems_before = self.problems.len();
        self.fields(
            true,
            &form.fields,
            &form.fields,
            &format!("{path}/fields"),
            sources,
        );
        self.condition_cycles(&form.fields, &format!("{path}/fields"));
        // A check's code names its problem: two checks with one code could not be told apart.
        self.duplicates(
            &format!("{path}/checks"),
            form.checks.iter().map(|c| c.code.clone()),
        );
        for (i, check) in form.checks.iter().enumerate() {
            let scope = [form.fields.as_slice()];
            self.rule_vars(&check.rule, &scope, &format!("{path}/checks/{i}/rule"));
            // The problem is shown on the field the path names; `""` is the whole form.
            if check
                .path
                .as_deref()
                .is_some_and(|p| !p.is_empty() && form.field_at(p).is_none())
            {
                self.push(
                    format!("{path}/checks/{i}/path"),
                    &LintError::UnknownReference { target: "field" },
                );
            }
        }
        let when = (at, self.calendar);
        let report = form::validate_on(form, &form.example, when, self.lang, &|_| false);
        let passes = report.errors.is_empty();
        // A valid example whose value validation drops (a field hidden in that very
        // answer, a blank or `null`) shows on the 填单示范 what nobody would be asked. Not
        // told of a form with problems of its own: a rule that reads an unknown field hides
        // what it decides, which is that problem again.
        if passes && self.problems.len() == problems_before {
            let mut dropped = Vec::new();
            unkept(&form.example, &report.normalized, "", &mut dropped);
            for at in dropped {
                self.push(format!("{path}/example{at}"), &LintError::ExampleUnkept);
            }
        }
        for problem in report.errors {
            let inner = problem.path.unwrap_or_default();
            self.push(
                format!("{path}/example{inner}"),
                &LintError::ExampleInvalid {
                    problem: problem.code,
                    field: None,
                },
            );
        }
        passes.then_some(report.normalized)
    }

    /// Checks fields (`top`: the form's own, not a group's); rules in them may read `scope`
    /// (the form's fields, or a repeating group item's fields: what the form engine binds
    /// them to).
    fn fields(
        &mut self,
        top: bool,
        fields: &[Field],
        scope: &[Field],
        path: &str,
        sources: &HashSet<&str>,
    ) {
        self.duplicates_at(path, "key", fields.iter().map(|f| f.key.clone()));
        for (i, f) in fields.iter().enumerate() {
            let here = format!("{path}/{i}");
            if !is_plain_key(&f.key) {
                self.push(format!("{here}/key"), &LintError::FieldKey);
            }
            let is_choice = matches!(f.field_type, FieldType::Choice | FieldType::MultiChoice);
            if is_choice == f.choices.is_empty() {
                self.push(format!("{here}/choices"), &LintError::Choices);
            }
            // One stored value for two options: the answer could not say which was chosen.
            self.duplicates_at(
                &format!("{here}/choices"),
                "value",
                f.choices.iter().map(|c| c.value.clone()),
            );
            // One label for two options: the applicant could not tell which to choose.
            let labels = f.choices.iter().map(|c| c.label.trim());
            self.repeats_at(
                &format!("{here}/choices"),
                "label",
                labels,
                &LintError::SameLabel,
            );
            self.bounds(f, &here);
            if f.field_type.is_container() == f.fields.is_empty() {
                self.push(format!("{here}/fields"), &LintError::Fields);
            }
            for (name, rule) in [("visibleIf", &f.visible_if), ("requiredIf", &f.required_if)] {
                if let Some(rule) = rule {
                    self.rule_vars(rule, &[scope], &format!("{here}/{name}"));
                }
            }
            if let Some(prefill) = &f.prefill {
                let (source, within) = prefill.split_once('.').unwrap_or((prefill, ""));
                // Prefill fills the form's top-level fields, each from a value in its source.
                let fills = top && !within.split('.').any(str::is_empty);
                if self.source_known(sources, source, format!("{here}/prefill")) && !fills {
                    self.push(format!("{here}/prefill"), &LintError::Prefill);
                }
            }
            let inner_scope = if f.field_type == FieldType::Repeat {
                &f.fields
            } else {
                scope
            };
            if f.field_type.is_container() {
                let at = format!("{here}/fields");
                self.fields(false, &f.fields, inner_scope, &at, sources);
            }
            if f.field_type == FieldType::Repeat {
                self.condition_cycles(&f.fields, &format!("{here}/fields"));
            }
        }
    }

    /// A lower bound above the upper one, which no value meets: reported at the lower
    /// bound, as the constraint (`range`, `length`) the bounds make (so are more items than
    /// a multi-choice has choices, and integer bounds with no whole number between them; an
    /// upper bound of no characters or items is reported where it is); a `requiredIf` on a
    /// field that is `required` anyway is `catalog.redundant`, where it is. An integer or money
    /// field's bound beyond ±(2^53 − 1), which no value it holds reaches
    /// ([`form::MAX_SAFE_INTEGER`]), is reported where it is. A constraint the field's type
    /// has not (the form engine would ignore it) is `catalog.not_for_type`, where it is.
    fn bounds(&mut self, f: &Field, here: &str) {
        use FieldType::{Address, Attachment, Decimal, Integer, Money, MultiChoice, Repeat, Text};
        fn over<T: PartialOrd>(min: Option<T>, max: Option<T>) -> bool {
            min.zip(max).is_some_and(|(a, b)| a > b)
        }
        let t = f.field_type;
        #[allow(clippy::cast_precision_loss)] // 2^53 − 1 is exact in an f64
        let beyond = |bound: Option<f64>| {
            matches!(t, Integer | Money)
                && bound.is_some_and(|b| b.abs() > form::MAX_SAFE_INTEGER as f64)
        };
        let text = !matches!(t, Text | Address | Attachment);
        let number = !matches!(t, Integer | Decimal | Money);
        let list = !matches!(t, Repeat | MultiChoice);
        let choices = u64::try_from(f.choices.len()).unwrap_or(u64::MAX);
        // (wrong, where, the constraint it breaks; none: not one of the field's type)
        let problems = [
            (f.min_length.is_some() && text, "minLength", None),
            (f.max_length.is_some() && text, "maxLength", None),
            (f.pattern.is_some() && text, "pattern", None),
            (f.min.is_some() && number, "min", None),
            (f.max.is_some() && number, "max", None),
            (f.min_items.is_some() && list, "minItems", None),
            (f.max_items.is_some() && list, "maxItems", None),
            (over(f.min, f.max), "min", Some("range")),
            (
                over(f.min_length, f.max_length),
                "minLength",
                Some("length"),
            ),
            (over(f.min_items, f.max_items), "minItems", Some("length")),
            // Bounds no value meets on their own: more items than a multi-choice has
            // choices (each is chosen once), no whole number between an integer's bounds,
            // nothing at all (the field can only be left empty).
            (
                t == MultiChoice && over(f.min_items.map(u64::from), Some(choices)),
                "minItems",
                Some("length"),
            ),
            (
                matches!(t, Integer | Money)
                    && !over(f.min, f.max)
                    && over(f.min.map(f64::ceil), f.max.map(f64::floor)),
                "min",
                Some("range"),
            ),
            (f.max_length == Some(0), "maxLength", Some("length")),
            (f.max_items == Some(0), "maxItems", Some("length")),
            (beyond(f.min), "min", Some("range")),
            (beyond(f.max), "max", Some("range")),
        ];
        for (_, member, rule) in problems.into_iter().filter(|(wrong, ..)| *wrong) {
            let error = match rule {
                Some(rule) => LintError::Constraint { rule: rule.into() },
                None => LintError::NotForType,
            };
            self.push(format!("{here}/{member}"), &error);
        }
        // Required always: the condition never changes anything.
        if f.required && f.required_if.is_some() {
            self.push(format!("{here}/requiredIf"), &LintError::Redundant);
        }
    }

    /// Reports each condition of `fields` (an object whose rules read it, at `path`) or of
    /// their groups' fields that reads a field whose own deciding depends on it: the field
    /// the condition decides, the group it is in, or a field whose conditions read those,
    /// through any number of others (`form::plan::decision_order` then decides in field
    /// order, reading what is not decided yet as absent).
    fn condition_cycles(&mut self, fields: &[Field], path: &str) {
        let conditions = form::scope_conditions(fields);
        let reads = form::condition_reads(fields, &conditions);
        if form::decision_order(&reads).1 {
            return;
        }
        // Whether the field at `to` is read, through conditions, by the one at `from`.
        let reaches = |from: usize, to: usize| {
            let mut seen = vec![false; fields.len()];
            let mut stack = vec![from];
            while let Some(p) = stack.pop() {
                for &q in reads.get(p).map(Vec::as_slice).unwrap_or_default() {
                    if q == to {
                        return true;
                    }
                    if let Some(s) = seen.get_mut(q)
                        && !*s
                    {
                        *s = true;
                        stack.push(q);
                    }
                }
            }
            false
        };
        for c in &conditions {
            // A path no field has is reported as such (`rule_unknown_field`), not again.
            let known: Vec<String> = c
                .rule
                .vars()
                .into_iter()
                .filter(|v| reads_field(fields, v))
                .collect();
            let reads_known = |p: &usize| {
                fields
                    .get(*p)
                    .is_some_and(|f| known.iter().any(|v| v.split('.').next() == Some(&*f.key)))
            };
            for read in form::rule_reads(fields, c.rule)
                .into_iter()
                .filter(reads_known)
            {
                let own = read == c.top;
                // A group's field reads its group as decided so far: no cycle.
                if (own && c.within.is_empty()) || (!own && reaches(read, c.top)) {
                    let mut at = format!("{path}/{}", c.top);
                    for i in &c.within {
                        at = format!("{at}/fields/{i}");
                    }
                    let var = fields.get(read).map(|f| f.key.clone()).unwrap_or_default();
                    self.push(format!("{at}/{}", c.name), &LintError::RuleCycle { var });
                }
            }
        }
    }

    /// Reports each path `rule` reads that no field of any of `scopes` has (see
    /// [`reads_field`]), and each literal it compares one of their fields with that the
    /// field never holds ([`Self::rule_values`]).
    fn rule_vars(&mut self, rule: &Rule, scopes: &[&[Field]], path: &str) {
        for var in rule.vars() {
            if !var.is_empty() && !scopes.iter().any(|fields| reads_field(fields, &var)) {
                self.push(path.to_owned(), &LintError::RuleUnknownField { var });
            }
        }
        self.rule_values(rule, path, |var| {
            scopes.iter().find_map(|fields| field_read(fields, var))
        });
    }

    /// Reports each literal `rule` compares a field with that the field never holds
    /// ([`never_holds`]), at the literal: the comparison is then the same whatever the
    /// answer. `field` finds the field a path reads.
    fn rule_values<'f>(
        &mut self,
        rule: &Rule,
        path: &str,
        field: impl Fn(&str) -> Option<(&'f Field, bool)>,
    ) {
        for c in rule.comparisons() {
            if field(&c.var).is_some_and(|(field, item)| never_holds(field, item, &c)) {
                let value = c.literal.as_str().unwrap_or_default().to_owned();
                let error = LintError::RuleValue { var: c.var, value };
                self.push(format!("{path}{}", c.pointer), &error);
            }
        }
    }

    /// 免申即办: successors name matters that exist, map into fields their forms have, read
    /// only the predecessor's answer and facts, and never loop.
    fn successors(&mut self, catalog: &Catalog, at: NaiveDate) {
        let mut graph: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let kept_examples = std::mem::take(&mut self.kept_examples);
        for (i, m) in catalog.matters.iter().enumerate() {
            let answer_fields = m.form.fields.as_slice();
            // What the successors' answers are mapped from (none when the example fails:
            // that is reported at the example).
            let kept = kept_examples
                .iter()
                .find(|(matter, _)| std::ptr::eq(*matter, m))
                .map(|(_, kept)| kept);
            for (j, successor) in m.successors.iter().enumerate() {
                let path = format!("/matters/{i}/successors/{j}");
                graph
                    .entry(m.code.as_str())
                    .or_default()
                    .push(successor.matter.as_str());
                if let Some(rule) = &successor.condition {
                    self.predecessor_vars(rule, answer_fields, &format!("{path}/condition"));
                }
                let Some(next) = catalog.matter(&successor.matter) else {
                    self.push(
                        format!("{path}/matter"),
                        &LintError::UnknownReference { target: "matter" },
                    );
                    continue;
                };
                let keys = top_keys(&next.form.fields);
                let problems_before = self.problems.len();
                for (key, rule) in &successor.mapping {
                    let mut at = format!("{path}/mapping");
                    crate::problem::push_token(&mut at, key);
                    if !keys.contains(key) {
                        self.push(at.clone(), &LintError::UnknownReference { target: "field" });
                    }
                    self.predecessor_vars(rule, answer_fields, &at);
                }
                // The answer it maps from the example, against its form (the version in
                // effect, else the newest), once its rules are sound.
                let Some(kept) = kept.filter(|_| self.problems.len() == problems_before) else {
                    continue;
                };
                let next = catalog.matter_on(&successor.matter, at).unwrap_or(next);
                let when = (at, self.calendar);
                for problem in
                    crate::case::successor_example_problems(successor, m, kept, next, when)
                {
                    let key = problem.path.split('/').nth(1).unwrap_or_default();
                    let error = LintError::SuccessorInvalid {
                        problem: problem.code,
                        field: problem.path.clone(),
                    };
                    self.push(format!("{path}/mapping/{key}"), &error);
                }
            }
        }
        for (i, m) in catalog.matters.iter().enumerate() {
            for (j, successor) in m.successors.iter().enumerate() {
                if reaches(&graph, &successor.matter, &m.code) {
                    self.push(
                        format!("/matters/{i}/successors/{j}/matter"),
                        &LintError::SuccessorCycle,
                    );
                }
            }
        }
    }

    /// The variables a successor's rule reads: `answer.<a key of the predecessor's form>`,
    /// `matter`, `applicant`, `case`, `parent` or `outcome`; and the literals it compares
    /// the answer's fields with ([`Self::rule_values`]).
    fn predecessor_vars(&mut self, rule: &Rule, answer_fields: &[Field], path: &str) {
        for var in rule.vars() {
            let mut parts = var.split('.');
            let known = match parts.next() {
                Some("answer") => var
                    .strip_prefix("answer.")
                    .is_none_or(|rest| reads_field(answer_fields, rest)),
                Some("matter" | "applicant" | "case" | "parent" | "outcome") => {
                    parts.next().is_none()
                }
                _ => var.is_empty(),
            };
            if !known {
                self.push(path.to_owned(), &LintError::RuleUnknownField { var });
            }
        }
        self.rule_values(rule, path, |var| {
            var.strip_prefix("answer.")
                .and_then(|var| field_read(answer_fields, var))
        });
    }

    /// The merged 填单示范 of `bundle` (its members in effect on `at`, all selected) against
    /// its merged form: each problem at the bundle's members (which of them gave the value
    /// and which refuses it, the field in the problem's parameters tells).
    fn merged_example(&mut self, catalog: &Catalog, bundle: &Bundle, path: &str, at: NaiveDate) {
        let matters = super::bundle::masked_members_on(catalog, bundle, u64::MAX, at);
        let form = super::bundle::merged_form(&matters);
        let when = (at, self.calendar);
        let report = form::validate_on(&form, &form.example, when, self.lang, &|_| false);
        for problem in report.errors {
            self.push(
                format!("{path}/members"),
                &LintError::ExampleInvalid {
                    problem: problem.code,
                    field: problem.path,
                },
            );
        }
    }

    /// The 检索词 at `{path}/keywords`: each 1 to 40 characters once trimmed (a blank one
    /// is found by nothing, a long one is a sentence), and none twice (once trimmed).
    fn keywords(&mut self, path: &str, keywords: &[String]) {
        for (j, keyword) in keywords.iter().enumerate() {
            if !(1..=40).contains(&keyword.trim().chars().count()) {
                let rule = "length".into();
                self.push(
                    format!("{path}/keywords/{j}"),
                    &LintError::Constraint { rule },
                );
            }
        }
        // Told apart as searched: trimmed.
        let trimmed = keywords.iter().map(|k| k.trim());
        self.duplicates_at(&format!("{path}/keywords"), "", trimmed);
    }

    fn bundles(&mut self, catalog: &Catalog, at: NaiveDate) {
        for (i, bundle) in catalog.bundles.iter().enumerate() {
            let path = format!("/bundles/{i}");
            self.keywords(&path, &bundle.keywords);
            match catalog.org(&bundle.lead_department) {
                None => self.push(
                    format!("{path}/leadDepartment"),
                    &LintError::UnknownReference {
                        target: "department",
                    },
                ),
                Some(o) if o.level != OrgLevel::Department => {
                    self.push(format!("{path}/leadDepartment"), &LintError::WrongLevel);
                }
                Some(_) => {}
            }
            // One matter twice would open two child cases of it.
            self.duplicates_at(
                &format!("{path}/members"),
                "matter",
                bundle.members.iter().map(|m| m.matter.clone()),
            );
            // Every version of each member: a key asked two ways by versions in effect at
            // once would let the bundle accept, on some day, what a member refuses.
            let mut versions: Vec<Vec<&Matter>> = Vec::new();
            for (j, member) in bundle.members.iter().enumerate() {
                let all: Vec<&Matter> = catalog
                    .matters
                    .iter()
                    .filter(|m| m.code == member.matter)
                    .collect();
                if all.is_empty() {
                    self.push(
                        format!("{path}/members/{j}/matter"),
                        &LintError::UnknownReference { target: "matter" },
                    );
                }
                versions.push(all);
            }
            // Each key against the first earlier member asking it in a version in effect at
            // the same time (the merged form keeps that member's field), so a conflict is
            // reported once, at the member that breaks it.
            let mut conflicts: Vec<(usize, &str)> = Vec::new();
            for (j, ours) in versions.iter().enumerate() {
                let earlier = versions.get(..j).unwrap_or_default();
                for (mine, field) in ours
                    .iter()
                    .flat_map(|m| m.form.fields.iter().map(move |f| (*m, f)))
                {
                    let first = earlier
                        .iter()
                        .flatten()
                        .filter(|t| overlap(mine, t))
                        .find_map(|t| t.form.fields.iter().find(|f| f.key == field.key));
                    let key = (j, field.key.as_str());
                    if first.is_some_and(|o| !same_shape(o, field)) && !conflicts.contains(&key) {
                        conflicts.push(key);
                        self.push(
                            format!("{path}/members/{j}/matter"),
                            &LintError::BundleKeyConflict {
                                key: field.key.clone(),
                            },
                        );
                    }
                }
            }
            let forms: Vec<&[Field]> = versions
                .iter()
                .flatten()
                .map(|m| m.form.fields.as_slice())
                .collect();
            // A member's own example that fails is reported at the member already.
            let examples_pass = (versions.iter().flatten())
                .all(|m| !self.bad_examples.contains(&std::ptr::from_ref(*m)));
            if conflicts.is_empty() && examples_pass {
                self.merged_example(catalog, bundle, &path, at);
            }
            for (j, member) in bundle.members.iter().enumerate() {
                if let Some(rule) = &member.condition {
                    self.rule_vars(rule, &forms, &format!("{path}/members/{j}/condition"));
                }
            }
        }
    }
}

/// Whether `to` is reachable from `from` along successor edges (a graph of matter codes;
/// the walk visits each matter once, so it ends on any catalogue).
fn reaches(graph: &BTreeMap<&str, Vec<&str>>, from: &str, to: &str) -> bool {
    let mut seen = HashSet::new();
    let mut stack = vec![from];
    while let Some(code) = stack.pop() {
        if code == to {
            return true;
        }
        if seen.insert(code) {
            stack.extend(graph.get(code).into_iter().flatten().copied());
        }
    }
    false
}

/// Whether two versions of matters are in effect on some day both.
fn overlap(a: &Matter, b: &Matter) -> bool {
    let before = |m: &Matter, day: NaiveDate| m.cancelled.is_none_or(|c| day < c);
    before(a, b.effective) && before(b, a.effective)
}

/// Whether two fields with one key ask the same thing: type, pattern, choices (each value
/// with its label, in any order) and sub-fields, within bounds some value meets.
fn same_shape(a: &Field, b: &Field) -> bool {
    // Two bounds of each member: the merged form keeps the stricter, so they must leave room.
    fn room<T: PartialOrd + Copy>(a: (Option<T>, Option<T>), b: (Option<T>, Option<T>)) -> bool {
        let pick = |x: Option<T>, y: Option<T>, higher: bool| match (x, y) {
            (Some(x), Some(y)) => Some(if (x > y) == higher { x } else { y }),
            (x, y) => x.or(y),
        };
        let (low, high) = (pick(a.0, b.0, true), pick(a.1, b.1, false));
        low.zip(high).is_none_or(|(low, high)| low <= high)
    }
    a.field_type == b.field_type
        // The merged form keeps one pattern: two would let the bundle accept an answer one
        // member's own form, checked again when the bundle is submitted, refuses.
        && a.pattern == b.pattern
        // One stored value, one meaning: the merged form shows the first member's labels.
        && a.choices.len() == b.choices.len()
        && a.choices.iter().all(|c| b.choices.contains(c))
        && room((a.min, a.max), (b.min, b.max))
        && room((a.min_length, a.max_length), (b.min_length, b.max_length))
        && room((a.min_items, a.max_items), (b.min_items, b.max_items))
        && a.fields.len() == b.fields.len()
        && a.fields
            .iter()
            .zip(&b.fields)
            .all(|(x, y)| x.key == y.key && same_shape(x, y))
}

/// Whether a rule can read a field of key `key` (its `var` path separates levels with `.`)
/// and a JSON Pointer names it as written (no `/` or `~` to escape), nothing invisible in it.
fn is_plain_key(key: &str) -> bool {
    !key.chars()
        .any(|c| matches!(c, '.' | '/' | '~') || c.is_whitespace() || c.is_control())
}

/// Whether the `var` path `var` (keys separated by `.`) reads a value an answer to `fields`
/// can hold: a field, then into a group by its fields' keys, into a repeating group or a
/// multiple choice by an item's index (and on into the item's fields). A leaf value has
/// nothing under it (`var` reads no characters of a text).
fn reads_field(fields: &[Field], var: &str) -> bool {
    field_read(fields, var).is_some()
}

/// The field a rule's `var` path reads in `fields`, and whether it reads one item of it
/// (`kids.0`: one repeated group; `tags.0`: one choice of a multi-choice), or `None`.
fn field_read<'f>(fields: &'f [Field], var: &str) -> Option<(&'f Field, bool)> {
    let mut tokens = var.split('.');
    let mut fields = fields;
    let mut read = None;
    while let Some(token) = tokens.next() {
        let field = fields.iter().find(|f| f.key == token)?;
        read = Some((field, false));
        match field.field_type {
            FieldType::Group => fields = &field.fields,
            FieldType::Repeat | FieldType::MultiChoice => {
                match tokens.next() {
                    None => return read,
                    Some(index)
                        if !index.is_empty() && index.bytes().all(|b| b.is_ascii_digit()) => {}
                    Some(_) => return None,
                }
                read = Some((field, true));
                if field.field_type == FieldType::MultiChoice {
                    return read.filter(|_| tokens.next().is_none());
                }
                fields = &field.fields;
            }
            _ => return read.filter(|_| tokens.next().is_none()),
        }
    }
    read
}

/// Whether the field a rule reads (one item of it: `item`) never holds the literal `c`
/// compares it with: a text that is not one of a choice's values (of a multi-choice's, for
/// one of its items), or a text compared with a boolean. Other literals are left alone:
/// `null` tests absence, and `==` makes `1` and `"1"` equal.
fn never_holds(field: &Field, item: bool, c: &Comparison) -> bool {
    let Value::String(text) = &c.literal else {
        return false;
    };
    let one_choice = match field.field_type {
        FieldType::Choice => !item && !c.among_items,
        FieldType::MultiChoice => item != c.among_items,
        FieldType::Boolean => return !item && !c.among_items,
        _ => false,
    };
    one_choice && !field.choices.iter().any(|choice| choice.value == *text)
}

fn top_keys(fields: &[Field]) -> HashSet<String> {
    fields.iter().map(|f| f.key.clone()).collect()
}

/// `legal_limit_days` → `legalLimitDays`: the JSON key of a Rust field.
fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Adds to `dropped` the JSON Pointer (under `at`) of each value `given` has that `kept`
/// (what validation made of it) has not: object members, and the members of groups in
/// a list of the same length.
fn unkept(given: &Value, kept: &Value, at: &str, dropped: &mut Vec<String>) {
    match (given, kept) {
        (Value::Object(given), Value::Object(kept)) => {
            for (key, value) in given {
                let mut here = at.to_owned();
                crate::problem::push_token(&mut here, key);
                match kept.get(key) {
                    Some(kept) => unkept(value, kept, &here, dropped),
                    None => dropped.push(here),
                }
            }
        }
        (Value::Array(given), Value::Array(kept)) if given.len() == kept.len() => {
            for (i, (value, kept)) in given.iter().zip(kept).enumerate() {
                unkept(value, kept, &format!("{at}/{i}"), dropped);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use chrono::NaiveDate;
    use serde_json::{Value, json};

    use super::is_plain_key;
    use crate::Lang;

    /// The test catalogue (`tests/fixtures/catalog/mini.json`), which lints clean.
    fn mini() -> Value {
        serde_json::from_str(include_str!("../../../../tests/fixtures/catalog/mini.json")).unwrap()
    }

    /// `doc` with the value at `pointer` set (the member added to an object when new; a
    /// `null` removes it).
    fn set(mut doc: Value, pointer: &str, value: Value) -> Value {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let parent = doc
            .pointer_mut(parent)
            .unwrap_or_else(|| panic!("{pointer}"));
        match (parent, value) {
            (Value::Object(map), Value::Null) => {
                map.remove(key);
            }
            (Value::Object(map), value) => {
                map.insert(key.to_owned(), value);
            }
            (parent, value) => parent[key.parse::<usize>().unwrap()] = value,
        }
        doc
    }

    fn problems(doc: &Value) -> Vec<crate::Problem> {
        let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        super::lint_json(&doc.to_string(), at, Lang::En)
    }

    /// The problems of `doc`, as (code, path).
    fn lint(doc: &Value) -> Vec<(String, String)> {
        problems(doc)
            .into_iter()
            .map(|p| (p.code, p.path.unwrap_or_default()))
            .collect()
    }

    fn one(code: &str, path: &str) -> Vec<(String, String)> {
        vec![(code.to_owned(), path.to_owned())]
    }

    #[test]
    fn the_test_catalogue_is_clean() {
        assert_eq!(lint(&mini()), vec![]);
    }

    /// A text a field never holds, compared with it, makes the comparison the same whatever
    /// the answer: reported at the text, for a multi-choice's items and in a successor's
    /// condition too. The choices themselves, `null`, and a whole list compared with a text
    /// (which `JsonLogic`'s `==` can make true) are not reported.
    #[test]
    fn texts_a_field_never_holds_are_reported_where_compared() {
        let hobbies = json!({"key": "hobbies", "label": "爱好", "type": "multi_choice",
            "choices": [{"value": "a", "label": "甲"}, {"value": "b", "label": "乙"}]});
        let mut doc = mini();
        let fields = doc.pointer_mut("/matters/0/form/fields").unwrap();
        fields.as_array_mut().unwrap().push(hobbies);
        let condition = json!({"and": [
            {"in": ["c", {"var": "hobbies"}]},
            {"==": [{"var": "hobbies.0"}, "c"]},
            {"in": ["a", {"var": "hobbies"}]},
            {"==": [{"var": "hobbies"}, "c"]},
            {"!=": [{"var": "childSex"}, null]},
            {"==": [{"var": "married"}, true]}
        ]});
        doc = set(doc, "/matters/0/materials/1/condition", condition);
        let successor = json!([{"matter": "MED-INSURE",
            "condition": {"==": [{"var": "answer.childSex"}, "boy"]}, "mapping": {}}]);
        doc = set(doc, "/matters/0/successors", successor);
        let at = |path: &str| ("catalog.rule_value".to_owned(), path.to_owned());
        assert_eq!(
            lint(&doc),
            vec![
                at("/matters/0/materials/1/condition/and/0/in/0"),
                at("/matters/0/materials/1/condition/and/1/==/1"),
                at("/matters/0/successors/0/condition/==/1"),
            ]
        );
        let problem = problems(&doc).remove(0);
        assert_eq!(problem.params["var"], "hobbies");
        assert_eq!(problem.params["value"], "c");
    }

    /// A matter asks for each document once: a bundle merges its members' materials by
    /// code, so a code twice in one matter is ambiguous.
    #[test]
    fn a_material_code_twice_in_one_matter_is_a_duplicate() {
        let doc = set(
            mini(),
            "/matters/0/materials/1/code",
            json!("applicant_id_card"),
        );
        assert_eq!(
            lint(&doc),
            one("catalog.duplicate", "/matters/0/materials/1/code")
        );
    }

    /// Two options with one stored value: the answer cannot tell which was chosen. (The
    /// value replaced, `other`, is what the next field's conditions compare with: no longer
    /// a choice, it is reported there too.)
    #[test]
    fn a_choice_value_twice_in_one_field_is_a_duplicate() {
        let doc = set(
            mini(),
            "/matters/2/form/fields/3/fields/1/choices/2/value",
            json!("mother"),
        );
        let note = "/matters/2/form/fields/3/fields/2";
        assert_eq!(
            lint(&doc),
            vec![
                (
                    "catalog.duplicate".to_owned(),
                    "/matters/2/form/fields/3/fields/1/choices/2/value".to_owned()
                ),
                (
                    "catalog.rule_value".into(),
                    format!("{note}/visibleIf/==/1")
                ),
                (
                    "catalog.rule_value".into(),
                    format!("{note}/requiredIf/==/1")
                ),
            ]
        );
    }

    /// One matter twice in a bundle would open two child cases of it.
    #[test]
    fn a_matter_twice_in_one_bundle_is_a_duplicate() {
        let doc = set(mini(), "/bundles/0/members/1/matter", json!("BIRTH-CERT"));
        assert_eq!(
            lint(&doc),
            one("catalog.duplicate", "/bundles/0/members/1/matter")
        );
    }

    /// Two members asking one key with two patterns: the merged form keeps one, so the
    /// bundle could accept what a member's own form refuses at submission.
    #[test]
    fn one_key_with_two_patterns_in_a_bundle_is_a_conflict() {
        let doc = set(
            mini(),
            "/matters/1/form/fields/2/pattern",
            json!("^.{2,20}$"),
        );
        assert_eq!(
            lint(&doc),
            one("catalog.bundle_key_conflict", "/bundles/0/members/2/matter")
        );
    }

    /// A key is checked across every version of the members, where two are in effect at
    /// once: an older version of a member asking it another way conflicts until it is
    /// cancelled, and not after.
    #[test]
    fn an_older_version_in_effect_at_the_same_time_is_checked_too() {
        let mut doc = mini();
        // MED-INSURE version 1 asks for the child's name as an integer; version 2 (the
        // catalogue's) took effect with the other members on 2024-01-01.
        let mut old = doc["matters"][1].clone();
        doc["matters"][1]["version"] = json!(2);
        old["effective"] = json!("2023-01-01");
        old["cancelled"] = json!("2024-06-01");
        old["form"]["fields"][2] =
            json!({"key": "childName", "label": "婴儿姓名", "type": "integer"});
        old["form"]["example"]["childName"] = json!(1);
        doc["matters"].as_array_mut().unwrap().push(old);
        assert_eq!(
            lint(&doc),
            one("catalog.bundle_key_conflict", "/bundles/0/members/2/matter")
        );
        // Cancelled the day the others took effect: never in effect with them.
        let cancelled = set(doc, "/matters/3/cancelled", json!("2024-01-01"));
        assert_eq!(lint(&cancelled), []);
    }

    /// Bounds that no value can meet (the example then fails too, but the bound is what
    /// is wrong).
    #[test]
    fn a_lower_bound_above_the_upper_one_is_reported_at_the_lower_bound() {
        for (pointer, value, rule) in [
            ("/matters/0/form/fields/9/min", json!(8000), "range"),
            ("/matters/0/form/fields/3/minLength", json!(25), "length"),
            ("/matters/2/form/fields/3/minItems", json!(3), "length"),
        ] {
            let problems = problems(&set(mini(), pointer, value));
            let at = problems.iter().find(|p| p.path.as_deref() == Some(pointer));
            assert_eq!(
                at.map(|p| (p.code.as_str(), &p.params["rule"])),
                Some(("catalog.constraint", &json!(rule))),
                "{pointer}: {problems:?}"
            );
        }
        // Equal bounds are one allowed value (count, length), not a contradiction.
        let doc = set(mini(), "/matters/2/form/fields/3/maxItems", json!(1));
        assert_eq!(lint(&doc), vec![]);
    }

    /// A successor's answer mapped from the example is checked against its form, except
    /// what only a real case has (the applicant, the case id), and only when its
    /// condition holds for a case applied for alone that concludes approved.
    #[test]
    fn successors_are_checked_on_the_example_as_far_as_it_goes() {
        let successor = |mapping: Value, condition: Value| {
            let mut doc = mini();
            let list =
                json!([{"matter": "MED-INSURE", "mapping": mapping, "condition": condition}]);
            doc["matters"][0]["successors"] = list;
            lint(&doc)
        };
        let mapping = json!({
            "applicantName": {"var": "answer.applicantName"},
            "applicantId": {"var": "applicant"},
            "childName": {"var": "answer.childName"}
        });
        assert_eq!(successor(mapping.clone(), json!(true)), []);
        let mut partial = mapping.clone();
        partial.as_object_mut().unwrap().remove("childName");
        assert_eq!(
            successor(partial.clone(), json!({"!": {"var": "parent"}})),
            one(
                "catalog.successor_invalid",
                "/matters/0/successors/0/mapping/childName"
            )
        );
        // Started only within a bundle: not for the example applied for alone.
        assert_eq!(successor(partial, json!({"var": "parent"})), []);
    }

    /// Bounds no value meets on their own: more items than a multi-choice has choices
    /// (each is chosen once), no whole number between an integer's bounds, an upper bound
    /// of nothing. Reported as a lower bound above the upper one is.
    #[test]
    fn bounds_no_value_meets_are_reported_where_they_are() {
        let constraint = |doc: &Value, pointer: &str| {
            let problems = problems(doc);
            let at = problems.iter().find(|p| p.path.as_deref() == Some(pointer));
            at.map(|p| (p.code.clone(), p.params["rule"].clone()))
        };
        let length = Some(("catalog.constraint".to_owned(), json!("length")));
        let range = Some(("catalog.constraint".to_owned(), json!("range")));
        let sex = "/matters/0/form/fields/5";
        let mut doc = set(mini(), &format!("{sex}/type"), json!("multi_choice"));
        doc = set(
            doc,
            "/matters/0/form/example/childSex",
            json!(["female", "male"]),
        );
        assert_eq!(
            lint(&set(doc.clone(), &format!("{sex}/minItems"), json!(2))),
            []
        );
        let doc = set(doc, &format!("{sex}/minItems"), json!(3));
        assert_eq!(constraint(&doc, &format!("{sex}/minItems")), length);

        let weight = "/matters/0/form/fields/9";
        let doc = set(mini(), &format!("{weight}/min"), json!(1.2));
        let doc = set(doc, &format!("{weight}/max"), json!(1.8));
        assert_eq!(constraint(&doc, &format!("{weight}/min")), range);
        // One whole number between them, the bounds apart: met by 2 (the example fails).
        let doc = set(doc, &format!("{weight}/max"), json!(2.0));
        assert_eq!(constraint(&doc, &format!("{weight}/min")), None);

        let note = "/matters/2/form/fields/3/fields/2/maxLength";
        assert_eq!(constraint(&set(mini(), note, json!(0)), note), length);
        assert_eq!(lint(&set(mini(), note, json!(1))), []);
    }

    /// An integer field's bound past what it can hold, ±(2^53 − 1), is reported where it
    /// is; a decimal field's is not (it holds any JSON number).
    #[test]
    fn an_integer_bound_lies_within_the_safe_range() {
        let pointer = "/matters/0/form/fields/9/max";
        assert_eq!(
            mini().pointer("/matters/0/form/fields/9/type"),
            Some(&json!("integer"))
        );
        let doc = set(mini(), pointer, json!(9_007_199_254_740_991_u64));
        assert_eq!(lint(&doc), vec![]);
        let doc = set(mini(), pointer, json!(9_007_199_254_740_992_u64));
        assert_eq!(lint(&doc), one("catalog.constraint", pointer));
        let doc = set(mini(), "/matters/0/form/fields/9/min", json!(-1e16));
        assert_eq!(
            lint(&doc),
            one("catalog.constraint", "/matters/0/form/fields/9/min")
        );
    }

    /// 即办件 are decided on the spot: their promised limit is 0 working days.
    #[test]
    fn an_immediate_matter_promises_no_days() {
        let doc = set(mini(), "/matters/1/legalLimitDays", json!(5));
        assert_eq!(lint(&doc), vec![]);
        let doc = set(doc, "/matters/1/promisedLimitDays", json!(3));
        assert_eq!(
            lint(&doc),
            one("catalog.constraint", "/matters/1/promisedLimitDays")
        );
    }

    /// A rule's dotted path is checked all the way: into a group's fields, into a
    /// repeating group's items by index; a text field has nothing under it.
    #[test]
    fn a_rule_path_into_a_container_names_fields_it_has() {
        let at = "/matters/2/form/fields/1/visibleIf";
        for (var, known) in [
            ("guardians", true),
            ("guardians.0", true),
            ("guardians.0.name", true),
            ("guardians.1.relation", true),
            ("guardians.0.nmae", false),
            ("guardians.name", false),
            ("guardians.0.name.first", false),
            ("householdAddress.city", false),
            ("childName.", false),
        ] {
            let doc = set(mini(), at, json!({"!!": {"var": var}}));
            let want = if known {
                vec![]
            } else {
                one("catalog.rule_unknown_field", at)
            };
            // A path to nothing in the example (the second guardian) hides the example's
            // child name: that is the example's problem, not the path's.
            let mut got = lint(&doc);
            got.retain(|(code, _)| code != "catalog.example_unkept");
            assert_eq!(got, want, "{var}");
        }
    }

    /// A group's fields read what the group's own rules read (the form's keys, or a
    /// repeating group's item's), as the form engine binds them.
    #[test]
    fn a_rule_in_a_group_reads_paths_through_the_group() {
        let group = json!({
            "key": "father", "label": "父亲", "type": "group",
            "fields": [
                {"key": "name", "label": "姓名", "type": "text"},
                {"key": "id", "label": "身份证", "type": "resident_id",
                 "visibleIf": {"!!": {"var": "father.name"}}}
            ]
        });
        let doc = set(mini(), "/matters/2/form/fields/2", group.clone());
        let doc = set(doc, "/matters/2/form/example/householdAddress", Value::Null);
        assert_eq!(lint(&doc), vec![]);
        let wrong = set(
            doc,
            "/matters/2/form/fields/2/fields/1/visibleIf",
            json!({"!!": {"var": "father.nmae"}}),
        );
        assert_eq!(
            lint(&wrong),
            one(
                "catalog.rule_unknown_field",
                "/matters/2/form/fields/2/fields/1/visibleIf"
            )
        );
    }

    /// Conditions that read one another in a cycle (or a field's own) are refused, each
    /// where it reads the field of the cycle; a group's field reading its group, and a
    /// field reading one after it, are not a cycle.
    #[test]
    fn conditions_reading_one_another_in_a_cycle_are_refused() {
        let at = "/matters/0/form/fields";
        let fields = "/matters/0/form/fields/7";
        let doc = set(
            mini(),
            &format!("{fields}/requiredIf"),
            json!({"var": "applyInsurance"}),
        );
        assert_eq!(lint(&doc), vec![]);
        let doc = set(
            doc,
            &format!("{at}/8/visibleIf"),
            json!({"var": "fatherId"}),
        );
        let mut want = one("catalog.rule_cycle", &format!("{fields}/requiredIf"));
        want.extend(one("catalog.rule_cycle", &format!("{at}/8/visibleIf")));
        assert_eq!(lint(&doc), want);
        let own = set(
            mini(),
            &format!("{at}/8/visibleIf"),
            json!({"var": "applyInsurance"}),
        );
        assert_eq!(
            lint(&own),
            one("catalog.rule_cycle", &format!("{at}/8/visibleIf"))
        );
    }

    /// A check shows its problem on the field its path names: a path naming none is a
    /// dangling reference (`""`, the whole form, is fine).
    #[test]
    fn a_check_path_names_a_field_of_the_form() {
        let at = "/matters/0/form/checks/0/path";
        for (path, known) in [
            ("", true),
            ("/applicantId", true),
            ("/applicantID", false),
            ("applicantId", false),
        ] {
            let doc = set(mini(), at, json!(path));
            let want = if known {
                vec![]
            } else {
                one("catalog.unknown_reference", at)
            };
            assert_eq!(lint(&doc), want, "{path:?}");
        }
    }

    #[test]
    fn a_field_key_holds_nothing_a_var_path_or_a_pointer_reads_otherwise() {
        for key in ["childName", "姓名", "child_name-2", "a"] {
            assert!(is_plain_key(key), "{key}");
        }
        for key in [
            "a.b",
            "a/b",
            "a~b",
            "a b",
            "a\u{3000}b",
            "a\tb",
            "a\u{7}b",
            "a\u{85}b",
        ] {
            assert!(!is_plain_key(key), "{key:?}");
        }
    }
}
