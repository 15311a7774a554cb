//! 盖章 verification: a stamp checked in a fixed order — structure, chain, time, scope,
//! revocation, stamp rules — with every failure reported.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::index::AuthorityIndex;
use super::ledger::HashAlg;
use super::{Failure, Grant, GrantMode, Role, SealKind, SealStatus, Step, cst_date};
use crate::catalog::Catalog;
use crate::input::{self, InputError};
use crate::{Coded, Lang, Problem};

/// Largest stamp document accepted, in bytes.
pub const MAX_STAMP_BYTES: usize = 16 * 1024;

/// Longest case id a stamp takes, in characters (as `validator` counts): a submitted
/// case's id ([`MAX_CASE_ID_BYTES`](crate::case::MAX_CASE_ID_BYTES)) and five levels of
/// members and successors named after it (`/` and a matter code of up to 64 characters
/// each).
pub const MAX_STAMP_CASE_CHARS: usize = 512;

/// The person stamping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Operator {
    /// The officer's id in the host system (a staff number, never an ID number).
    #[validate(length(min = 1, max = 64))]
    pub id: String,
    /// The role they act in.
    pub role: Role,
}

crate::named::named_enum! {
    /// What the stamped document does, where that changes which seal it needs.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum StampAct {
        /// Any other act (notices, decisions, licences).
        #[default]
        Ordinary => "ordinary",
        /// 撤销: revoking a permit.
        Revocation => "revocation",
        /// 注销: cancelling a permit.
        Cancellation => "cancellation",
    }
}

impl StampAct {
    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
    fn is_ordinary(&self) -> bool {
        *self == Self::Ordinary
    }
}

/// 盖章: one act of stamping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Stamp {
    /// The seal's code.
    #[validate(length(min = 1, max = 64))]
    pub seal: String,
    /// The case's id (a member's or a successor's is its parent's id and the matter's
    /// code: longer than the ids a host gives, hence its own bound).
    #[validate(length(min = 1, max = 512))] // MAX_STAMP_CASE_CHARS (validator takes a u64)
    pub case: String,
    /// The matter's code.
    #[validate(length(min = 1, max = 64))]
    pub matter: String,
    /// The step the stamped document belongs to.
    pub step: Step,
    /// What the document does (only revocations and cancellations are told apart).
    #[serde(default, skip_serializing_if = "StampAct::is_ordinary")]
    pub act: StampAct,
    /// Who stamped.
    #[validate(nested)]
    pub operator: Operator,
    /// Who accepted the case (受理人), for 审管分离.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 64))]
    pub accepted_by: Option<String>,
    /// The organisation on whose premises the seal was used.
    #[validate(length(min = 1, max = 64))]
    pub place: String,
    /// When (RFC 3339 with offset).
    pub at: DateTime<FixedOffset>,
    /// SHA-256 (or SM3) of the stamped content, 64 lowercase hexadecimal digits.
    #[validate(length(max = 64))]
    pub digest: String,
}

impl Stamp {
    /// Reads a stamp from JSON (at most [`MAX_STAMP_BYTES`]); field lengths out of bounds
    /// are `input.shape`.
    pub fn from_json(text: &str) -> Result<Self, InputError> {
        let stamp: Self = input::parse_json(text, MAX_STAMP_BYTES)?;
        stamp.check_lengths()?;
        Ok(stamp)
    }

    /// Reads a stamp from a JSON value (from a binding); see [`Stamp::from_json`].
    pub fn from_value(value: serde_json::Value) -> Result<Self, InputError> {
        // `serde_json` quotes the offending value: digit runs masked, as `input` does.
        let stamp: Self = serde_json::from_value(value).map_err(|e| InputError::Shape {
            line: 0,
            column: 0,
            detail: crate::input::shape_detail(&e),
        })?;
        stamp.check_lengths()?;
        Ok(stamp)
    }

    pub(crate) fn check_lengths(&self) -> Result<(), InputError> {
        self.validate().map_err(|e| length_error(&e))
    }
}

/// `input.shape` for fields out of their length bounds: each field's path and bounds, in
/// order. Never `validator`'s own text, which quotes the value whole (an ID number or a
/// name given as an operator id) and lists the fields in hash order.
fn length_error(errors: &validator::ValidationErrors) -> InputError {
    fn collect(errors: &validator::ValidationErrors, prefix: &str, out: &mut Vec<String>) {
        for (field, kind) in errors.errors() {
            let path = format!("{prefix}{field}");
            match kind {
                validator::ValidationErrorsKind::Field(list) => {
                    for error in list {
                        let bound = |key: &str| {
                            error
                                .params
                                .get(key)
                                .map_or_else(String::new, ToString::to_string)
                        };
                        let line =
                            format!("{path}: {} {}..={}", error.code, bound("min"), bound("max"));
                        // In order as found: no sort of its own in the `.wasm`.
                        let at = out.binary_search(&line).unwrap_or_else(|at| at);
                        out.insert(at, line);
                    }
                }
                validator::ValidationErrorsKind::Struct(inner) => {
                    collect(inner, &format!("{path}."), out);
                }
                validator::ValidationErrorsKind::List(items) => {
                    for (i, inner) in items {
                        collect(inner, &format!("{path}[{i}]."), out);
                    }
                }
            }
        }
    }
    let mut fields = Vec::new();
    collect(errors, "", &mut fields);
    InputError::Shape {
        line: 0,
        column: 0,
        detail: fields.join("; "),
    }
}

/// A question for [`authorize`] as the bindings and fixtures pass it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuthorityQuery {
    /// The acting organisation.
    #[validate(length(min = 1, max = 64))]
    pub org: String,
    /// The matter's code.
    #[validate(length(min = 1, max = 64))]
    pub matter: String,
    /// The step.
    pub step: Step,
    /// When (RFC 3339 with offset).
    pub at: DateTime<FixedOffset>,
}

impl AuthorityQuery {
    /// Reads a query from JSON (at most 4 KiB); lengths out of bounds are `input.shape`.
    pub fn from_json(text: &str) -> Result<Self, InputError> {
        let query: Self = input::parse_json(text, 4096)?;
        query.validate().map_err(|e| length_error(&e))?;
        Ok(query)
    }
}

/// Whether an act by some organisation on a matter and step stands, and in whose name.
#[derive(Debug, Clone, PartialEq)]
pub struct Authorization<'c> {
    /// The grants used, from the department down to the acting organisation; empty when it
    /// acts on its own authority.
    pub chain: Vec<&'c Grant>,
    /// In whose name the act stands: the principal for 委托 and 窗口前移, the agent for
    /// 下放 and 授权, the organisation itself on its own authority.
    pub acts_in_name_of: Option<&'c str>,
    /// Every failure of the chain, time, scope and revocation stages, in that order.
    pub failures: Vec<Failure>,
}

/// The verdict on one stamp.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict<'c> {
    /// The grants used (see [`Authorization::chain`]).
    pub chain: Vec<&'c Grant>,
    /// In whose name the act stands (see [`Authorization::acts_in_name_of`]).
    pub acts_in_name_of: Option<&'c str>,
    /// Every failure, in the order of the stages; none means valid.
    pub failures: Vec<Failure>,
}

impl Verdict<'_> {
    /// Whether the stamp is valid.
    pub fn is_valid(&self) -> bool {
        self.failures.is_empty()
    }

    /// The verdict as every binding shows it, messages in `lang`.
    pub fn report(&self, lang: Lang) -> VerdictReport {
        VerdictReport {
            valid: self.is_valid(),
            acts_in_name_of: self.acts_in_name_of.map(str::to_owned),
            chain: self.chain.iter().map(|g| ChainLink::of(g)).collect(),
            failures: self.failures.iter().map(|f| f.to_problem(lang)).collect(),
        }
    }
}

/// One grant of a chain, as a report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainLink {
    /// The grant's id.
    pub grant: String,
    /// Its mode.
    pub mode: GrantMode,
    /// Who passed authority on.
    pub principal: String,
    /// Who received it.
    pub agent: String,
    /// First day of validity.
    pub valid_from: NaiveDate,
    /// Last day of validity, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// Legal basis.
    pub legal_basis: String,
    /// Publication reference.
    pub publication: String,
}

impl ChainLink {
    fn of(grant: &Grant) -> Self {
        Self {
            grant: grant.id.clone(),
            mode: grant.mode,
            principal: grant.principal.clone(),
            agent: grant.agent.clone(),
            valid_from: grant.valid_from,
            valid_until: grant.valid_until,
            legal_basis: grant.legal_basis.clone(),
            publication: grant.publication.clone(),
        }
    }
}

/// A verdict or an authorisation as JSON: `{valid, actsInNameOf, chain, failures}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerdictReport {
    /// No failure.
    pub valid: bool,
    /// In whose name the act stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acts_in_name_of: Option<String>,
    /// The grants used, root first.
    pub chain: Vec<ChainLink>,
    /// Every failure, coded, in stage order.
    pub failures: Vec<Problem>,
}

impl Authorization<'_> {
    /// The authorisation as a report (the same shape as a stamp's verdict).
    pub fn report(&self, lang: Lang) -> VerdictReport {
        Verdict {
            chain: self.chain.clone(),
            acts_in_name_of: self.acts_in_name_of,
            failures: self.failures.clone(),
        }
        .report(lang)
    }
}

/// May `org` perform `step` of `matter` at `at`, and in whose name? The chain, time, scope
/// and revocation stages of [`verify`], without a seal. An unknown matter gives
/// `stamp.unknown_matter` and nothing else.
///
/// Among the chains that end at `org`, the one with the fewest failures is reported.
pub fn authorize<'c>(
    catalog: &'c Catalog,
    index: &AuthorityIndex,
    org: &'c str,
    matter: &str,
    step: Step,
    at: DateTime<FixedOffset>,
) -> Authorization<'c> {
    let Some(department) = index
        .matter_on(catalog, matter, cst_date(at))
        .map(|m| m.department.as_str())
    else {
        return Authorization {
            chain: Vec::new(),
            acts_in_name_of: None,
            failures: vec![Failure::UnknownMatter],
        };
    };
    authorize_for(catalog, index, org, department, matter, step, at)
}

/// [`authorize`] once the matter's responsible department is known.
#[allow(clippy::too_many_arguments)] // the question, and where its matter stands
fn authorize_for<'c>(
    catalog: &'c Catalog,
    index: &AuthorityIndex,
    org: &'c str,
    department: &str,
    matter: &str,
    step: Step,
    at: DateTime<FixedOffset>,
) -> Authorization<'c> {
    let date = cst_date(at);
    if org == department {
        // 法定本级: the responsible department acts on its own authority.
        return Authorization {
            chain: Vec::new(),
            acts_in_name_of: Some(org),
            failures: Vec::new(),
        };
    }
    // A chain for this matter beats one for another matter; then fewer failures win, then
    // the earlier grant.
    let rank = |failures: &[Failure]| {
        let foreign = failures
            .iter()
            .any(|f| matches!(f, Failure::MatterOutOfScope { .. }));
        (foreign, failures.len())
    };
    let mut best: Option<(Vec<Failure>, &[usize])> = None;
    for &leaf in index.grants_to(org) {
        let chain = index.chain(leaf);
        let failures = chain_failures(catalog, index, chain, department, matter, step, at, date);
        if best.as_ref().is_none_or(|(f, _)| rank(&failures) < rank(f)) {
            let done = failures.is_empty();
            best = Some((failures, chain));
            if done {
                break;
            }
        }
    }
    let Some((failures, chain)) = best else {
        return Authorization {
            chain: Vec::new(),
            acts_in_name_of: None,
            failures: vec![Failure::NoChain],
        };
    };
    let grants: Vec<&Grant> = chain
        .iter()
        .filter_map(|&i| AuthorityIndex::grant(catalog, i))
        .collect();
    // The act stands in the name of whoever entrusted (or had a window moved to) the
    // agent, following entrustments up the chain; 下放 and 授权 stop there.
    let mut name = org;
    for grant in grants.iter().rev() {
        match grant.mode {
            GrantMode::Entrust | GrantMode::Forward => name = grant.principal.as_str(),
            GrantMode::Devolve | GrantMode::Authorize => break,
        }
    }
    Authorization {
        chain: grants,
        acts_in_name_of: Some(name),
        failures,
    }
}

/// The chain, time, scope and revocation failures of one chain (root first).
#[allow(clippy::too_many_arguments)] // the stages need every part of the question
fn chain_failures(
    catalog: &Catalog,
    index: &AuthorityIndex,
    chain: &[usize],
    department: &str,
    matter: &str,
    step: Step,
    at: DateTime<FixedOffset>,
    date: NaiveDate,
) -> Vec<Failure> {
    let grants = || {
        chain
            .iter()
            .filter_map(|&i| AuthorityIndex::grant(catalog, i).map(|g| (i, g)))
    };
    let mut failures = Vec::new();
    // Chain: the root must come from the responsible department; nobody entrusted may
    // pass authority on; a forward-only link allows only clerical steps.
    if chain.is_empty() {
        failures.push(Failure::NoChain);
    }
    let mut previous: Option<&Grant> = None;
    for (_, grant) in grants() {
        if previous.is_some_and(|p| p.mode == GrantMode::Entrust) {
            failures.push(Failure::ReEntrusted {
                grant: grant.id.clone(),
            });
        }
        if grant.mode == GrantMode::Forward && !step.is_clerical() {
            failures.push(Failure::ForwardOnly {
                grant: grant.id.clone(),
            });
        }
        previous = Some(grant);
    }
    // Time.
    for (_, grant) in grants() {
        if date < grant.valid_from {
            failures.push(Failure::NotYetValid {
                grant: grant.id.clone(),
                valid_from: grant.valid_from,
            });
        }
        if let Some(until) = grant.valid_until.filter(|&until| date > until) {
            failures.push(Failure::Expired {
                grant: grant.id.clone(),
                valid_until: until,
            });
        }
    }
    // Scope.
    for (position, (_, grant)) in grants().enumerate() {
        let from_department = position > 0 || grant.principal == department;
        if !from_department || !grant.matters.iter().any(|m| m == matter) {
            failures.push(Failure::MatterOutOfScope {
                grant: grant.id.clone(),
            });
        }
        if !grant.steps.contains(&step) {
            failures.push(Failure::StepOutOfScope {
                grant: grant.id.clone(),
                step,
            });
        }
    }
    // Revocation: a revoked grant voids itself and everything derived from it.
    for (i, grant) in grants() {
        if let Some(revoked) = index.revoked_at(i).filter(|&t| t <= at) {
            failures.push(Failure::Revoked {
                grant: grant.id.clone(),
                at: revoked,
            });
        }
    }
    failures
}

/// Verifies one stamp against the catalogue's registry: every failure, in the order
/// structure → chain → time → scope → revocation → stamp rules.
///
/// Stages that need something the structure stage found missing (an unknown seal has no
/// owner; an unknown matter no department) are skipped; the rest still run.
pub fn verify<'c>(catalog: &'c Catalog, index: &AuthorityIndex, stamp: &Stamp) -> Verdict<'c> {
    verify_used(catalog, index, stamp, stamp.at)
}

/// [`verify`] for a stamp used at `used` (a decision sealed then): its seal must be usable
/// both at the time the stamp claims and at `used`, so that a stamp dated back to before
/// its seal was suspended or revoked does not make the seal usable again.
pub(crate) fn verify_used<'c>(
    catalog: &'c Catalog,
    index: &AuthorityIndex,
    stamp: &Stamp,
    used: DateTime<FixedOffset>,
) -> Verdict<'c> {
    let mut failures = Vec::new();
    // Structure.
    let seal = index.seal(catalog, &stamp.seal);
    if seal.is_none() {
        failures.push(Failure::UnknownSeal);
    }
    let date = cst_date(stamp.at);
    let matter = index.matter_on(catalog, &stamp.matter, date);
    if matter.is_none() {
        failures.push(Failure::UnknownMatter);
    }
    if !index.has_org(&stamp.place) {
        failures.push(Failure::UnknownOrg);
    }
    let digest = stamp.digest.as_str();
    let well_formed = digest.len() == 64
        && digest
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !digest.is_empty() && !well_formed {
        failures.push(Failure::BadDigest);
    }
    // Chain, time, scope, revocation.
    let mut chain = Vec::new();
    let mut acts_in_name_of = None;
    if let (Some(seal), Some(matter)) = (seal, matter) {
        let authorization = authorize_for(
            catalog,
            index,
            seal.owner.as_str(),
            &matter.department,
            &stamp.matter,
            stamp.step,
            stamp.at,
        );
        chain = authorization.chain;
        acts_in_name_of = authorization.acts_in_name_of;
        failures.extend(authorization.failures);
    }
    // Stamp rules.
    if let Some(seal) = seal {
        let unusable = |at| match seal.status_at(at) {
            (SealStatus::Suspended, Some(since)) => Some(Failure::SealSuspended { since }),
            (SealStatus::Revoked, Some(since)) => Some(Failure::SealRevoked { since }),
            _ => None,
        };
        failures.extend(unusable(stamp.at).or_else(|| unusable(used)));
        if !seal.usable_at(&stamp.place) {
            failures.push(Failure::WrongPremises);
        }
        if stamp.act != StampAct::Ordinary && seal.kind != SealKind::Official {
            failures.push(Failure::OfficialSealRequired);
        }
    }
    // 撤销 and 注销 are decisions of the organ (in whose name the chain says), never a
    // clerical act: a station that only receives and delivers (窗口前移) cannot revoke.
    if stamp.act != StampAct::Ordinary && stamp.step != Step::Decide {
        failures.push(Failure::ActStep);
    }
    if digest.is_empty() || HashAlg::ALL.iter().any(|alg| alg.empty_digest() == digest) {
        failures.push(Failure::EmptyDigest);
    }
    // 审管分离 must be shown, not assumed: a decision on such a matter names who accepted.
    let separated = matter.is_some_and(|m| m.separation_of_duties);
    if separated
        && stamp.step == Step::Decide
        && stamp
            .accepted_by
            .as_deref()
            .is_none_or(|by| by == stamp.operator.id)
    {
        failures.push(Failure::SeparationOfDuties);
    }
    match stamp.operator.role {
        Role::Supervisor if stamp.step == Step::Decide => {
            failures.push(Failure::SupervisorDecides);
        }
        role @ (Role::Applicant | Role::Proxy) => {
            failures.push(Failure::RoleNotPermitted { role });
        }
        _ => {}
    }
    Verdict {
        chain,
        acts_in_name_of,
        failures,
    }
}
