// The matching rule of the shared fixtures (tests/fixtures/*.json), the same as
// doorstep::conformance::mismatches (core/src/conformance.rs) applies in Rust. Used by the
// Node suites and, unchanged, by the browser page; it imports nothing so that both can load
// it.
//
// ids.json: a case is {name, input: {value, kind|null, at, lang?, repeat?}, expected}:
// - the value checked is input.value repeated input.repeat times (default 1);
// - every key of expected deep-equals the report's key (missing = null), except:
//   "errors", "failures" and "problems", the list of the report's codes in that list, in
//   order; "errorPaths", the `errors`' paths (missing = null), in order; "errorLines", the
//   `problems`' lines, in order; "chain", the chain's grant ids, in order;
// - every message in the report's errors, failures and problems is non-empty and does not
//   contain the trimmed value when that is at least 6 bytes long (UTF-8).
//
// forms.json: {catalog, matter|bundle, answer | answerText, at, lang?, field?}: an Engine
// over the catalogue file (tests/fixtures/{catalog}) validates the answer (answerText: the
// answer as JSON text, a string the engine reads as such) for the matter or bundle (with
// `field`: that one field, Engine.validateField); a throw is {error: code}; the outcome is
// matched as above (there is no value, so nothing to leak). Every case without `field` is
// also run through Engine.check: its {valid, errors} or {error} is matched against the
// case's expected valid, errors, errorPaths, errorMatters and error only (its mismatches
// prefixed "check: ").
// lint.json: {catalog, patch, at}: the catalogue document with the patch applied (JSON
// Pointer "set" operations) is linted; {valid: no problem, errors: problems} is matched.
// queries.json: {catalog, op, at?, query?, matter?, bundle?, answer?, available?, shared?}:
// an Engine over the catalogue, loaded once per catalogue as of the file's top-level
// loadAt, answers what a page asks besides validation, by op (`queryReport`): "matters"
// (query, as of at) -> {codes, matters}; "bundles" -> {codes, bundles}; "findBundles"
// (query, as of at) -> {codes, bundles}; "form" (the target
// of the matter and/or bundle given, as of at) -> {keys: the top-level fields' keys, form};
// "materials" (target, answer, available, at) -> {codes, materials}; "prefill" (target,
// shared, answer, at) -> {answer}. codes are the list's codes in order; a call that throws
// a coded Error gives {error: code}. Matched as above (as core/tests/fixtures.rs runs it).
// authority/stamps.json: {catalog, stamp | stampText | query, lang?}: Engine.verifyStamp
// of the stamp object or the JSON text, or Engine.authorize of the query.
// authority/ledgers.json: {catalog, lines, head?, lang?}: Engine.verifyLedger of the lines,
// each ended by "\n" (no lines: ""); {append: request}: ledgerAppend; {content}:
// {digest: contentDigest(content)}.
// In both authority files a call that throws gives {error: code}; the engine is loaded as
// of input.at, else AUTHORITY_CATALOG_AT (a fixed date: what a stamp is judged by is its
// own time, the date only checks the catalogue's examples).
// calendar.json: {op, …, lang?}: calendarQuery of the input without `lang`, with {lang};
// the CalendarReport is matched as above. A case with {catalog, patch?} asks
// Engine.calendarQuery (back office module) of an Engine over the catalogue with the patch
// applied (as lint.json), loaded as of the file's top-level loadAt: the engine's calendar,
// the shipped years and the catalogue's own `calendar`; the query is the input without
// catalog, patch and lang (as core/tests/calendar.rs runs it).
// cases.json: {catalog, patch, steps: [{command, context}], now?, actionsFor?}: an Engine
// over the patched catalogue (as lint.json), loaded as of CASES_CATALOG_AT, decides each
// step against the case so far and `evolve` applies the events: the outcome is "ok",
// "noop" (no events: a retried client id) or the refusal's code. Then {outcomes, status,
// version (null without a case), replayed: Engine.replay of every event rebuilds the same
// case and refuses none}, with due/light/escalation of Engine.deadline on `now` (nothing
// when the case has no running deadline or the calendar cannot count it) and the
// Engine.actions of `actionsFor`; matched as above (as core/tests/case.rs runs it).

/** The value a case checks (empty for cases whose input is a document). */
export function caseValue(input) {
  return (input.value ?? '').repeat(input.repeat ?? 1);
}

/** The options object of `checkId` for a case (absent and null options left out). */
export function caseOptions(input) {
  const options = {};
  for (const key of ['kind', 'at', 'lang']) {
    if (input[key] !== undefined && input[key] !== null) options[key] = input[key];
  }
  return options;
}

/** Deep equality of JSON values (the report is plain objects, arrays and primitives). */
export function deepEqual(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

const utf8 = new TextEncoder();

/** Result keys that hold lists of coded problems. */
const CODED_LISTS = ['errors', 'failures', 'problems'];

/**
 * Every way `actual` (a report) fails `expected` for the checked `value`; empty when it
 * matches (see the rule above).
 */
export function mismatches(value, expected, actual) {
  const out = [];
  const coded = (key) => (Array.isArray(actual?.[key]) ? actual[key] : []);
  for (const [key, want] of Object.entries(expected)) {
    let got;
    if (CODED_LISTS.includes(key)) got = coded(key).map((e) => e?.code ?? null);
    else if (key === 'chain') got = coded('chain').map((e) => e?.grant ?? null);
    else if (key === 'errorLines') got = coded('problems').map((e) => e?.line ?? null);
    else if (key === 'errorPaths') got = coded('errors').map((e) => e?.path ?? null);
    else if (key === 'errorMatters') got = coded('errors').map((e) => e?.params?.matters ?? null);
    else got = actual?.[key] ?? null;
    if (!deepEqual(got, want)) {
      out.push(`${key}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
  }
  const trimmed = value.trim();
  const leaks = (message) => utf8.encode(trimmed).length >= 6 && message.includes(trimmed);
  for (const error of CODED_LISTS.flatMap(coded)) {
    const message = typeof error?.message === 'string' ? error.message : '';
    if (message === '' || leaks(message)) {
      out.push(`message empty or leaks the value: ${JSON.stringify(message)}`);
    }
  }
  return out;
}

/** Runs one case through `checkId` of the given package; returns the report and its mismatches. */
export function runCase(doorstep, testCase) {
  const value = caseValue(testCase.input);
  const report = doorstep.checkId(value, caseOptions(testCase.input));
  return { report, problems: mismatches(value, testCase.expected, report) };
}

/** Runs one labels.json case: `labels(input.lang)`; returns the tables and their mismatches. */
export function runLabelsCase(doorstep, testCase) {
  const report = doorstep.labels(testCase.input.lang);
  return { report, problems: mismatches(caseValue(testCase.input), testCase.expected, report) };
}

/** What a forms.json case is about: `{matter}` or `{bundle}`. */
export function formTarget(input) {
  return input.matter !== undefined && input.matter !== null
    ? { matter: input.matter }
    : { bundle: input.bundle };
}

/** The keys of a forms.json case's expected that `Engine.check` must match. */
const CHECK_KEYS = ['valid', 'errors', 'errorPaths', 'errorMatters', 'error'];

/**
 * Runs one forms.json case through `engine` (an `Engine` over the case's catalogue, loaded
 * as of input.at); returns the Validation, the AnswerCheck (`null` for a case with
 * `field`) and the mismatches of both calls, those of `check` prefixed "check: ".
 */
export function runFormCase(engine, testCase) {
  const { input } = testCase;
  const value = caseValue(input);
  if (input.field !== undefined) {
    const report = codedOutcome(() => engine.validateField(formTarget(input), input.answer, input.field, caseOptions(input)));
    return { report, check: null, problems: mismatches(value, testCase.expected, report) };
  }
  // input.answerText: the answer as JSON text, which the engine reads as a window system's
  // text (a refusal: {error: code}).
  const answer = input.answerText ?? input.answer;
  const report = codedOutcome(() => engine.validate(formTarget(input), answer, caseOptions(input)));
  const check = codedOutcome(() => engine.check(formTarget(input), answer, caseOptions(input)));
  const checkExpected = Object.fromEntries(
    Object.entries(testCase.expected).filter(([key]) => CHECK_KEYS.includes(key)),
  );
  return {
    report,
    check,
    problems: [
      ...mismatches(value, testCase.expected, report),
      ...mismatches(value, checkExpected, check).map((m) => `check: ${m}`),
    ],
  };
}

/** `call()`, or `{error: code}` when it threw a coded Error (any other throw is a runner bug). */
function codedOutcome(call) {
  try {
    return call();
  } catch (e) {
    if (e instanceof Error && typeof e.code === 'string') return { error: e.code };
    throw e;
  }
}

/** The reference tokens of a JSON Pointer (RFC 6901), unescaped. */
function pointerTokens(pointer) {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON Pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * A copy of `doc` with a fixture's `patch` applied: `[{op: "set", path, value}]`, each path
 * a JSON Pointer to a value that exists (as doorstep::conformance::apply_patch).
 */
export function applyPatch(doc, patch) {
  const out = structuredClone(doc);
  for (const op of patch ?? []) {
    if (op.op !== 'set') throw new Error(`unknown patch op ${op.op}`);
    const tokens = pointerTokens(op.path);
    if (tokens.length === 0) return structuredClone(op.value);
    let parent = out;
    for (const token of tokens.slice(0, -1)) {
      if (parent === null || typeof parent !== 'object' || !Object.hasOwn(parent, token)) {
        throw new Error(`patch path ${op.path} not found`);
      }
      parent = parent[token];
    }
    const last = tokens[tokens.length - 1];
    if (parent === null || typeof parent !== 'object' || !Object.hasOwn(parent, last)) {
      throw new Error(`patch path ${op.path} not found`);
    }
    parent[last] = structuredClone(op.value);
  }
  return out;
}

/**
 * Runs one lint.json case: `catalog` is the parsed catalogue document the case names;
 * returns `{valid, errors}` from `lintCatalog` and its mismatches.
 */
export function runLintCase(doorstep, catalog, testCase) {
  const { input } = testCase;
  const text = JSON.stringify(applyPatch(catalog, input.patch));
  const problems = doorstep.lintCatalog(text, caseOptions(input));
  const report = { valid: problems.length === 0, errors: problems };
  return { report, problems: mismatches(caseValue(input), testCase.expected, report) };
}

/**
 * The report of one queries.json case's call through `engine` (an Engine over the case's
 * catalogue, loaded as of the file's loadAt); see the rule above.
 */
export function queryReport(engine, input) {
  const codes = (list) => list.map((item) => item.code);
  // Only the keys the case gives: a target naming both is a case of its own (refused).
  const target = Object.fromEntries(
    ['matter', 'bundle'].filter((k) => input[k] !== undefined).map((k) => [k, input[k]]),
  );
  const at = { at: input.at };
  const calls = {
    matters: () => {
      const matters = engine.matters(input.query, at);
      return { codes: codes(matters), matters };
    },
    bundles: () => {
      const bundles = engine.bundles();
      return { codes: codes(bundles), bundles };
    },
    findBundles: () => {
      const bundles = engine.findBundles(input.query, at);
      return { codes: codes(bundles), bundles };
    },
    form: () => {
      const form = engine.form(target, at);
      return { keys: form.fields.map((f) => f.key), form };
    },
    materials: () => {
      const materials = engine.materials(target, input.answer, { ...at, available: input.available });
      return { codes: codes(materials), materials };
    },
    prefill: () => ({ answer: engine.prefill(target, input.shared, input.answer, at) }),
  };
  // An unknown op is a broken fixture, not a refusal: it throws.
  if (!Object.hasOwn(calls, input.op)) throw new Error(`queries.json: unknown op ${input.op}`);
  return codedOutcome(calls[input.op]);
}

/** Runs one queries.json case (see `queryReport`); returns the report and its mismatches. */
export function runQueryCase(engine, testCase) {
  const report = queryReport(engine, testCase.input);
  return { report, problems: mismatches('', testCase.expected, report) };
}

/** The date an authority fixture's catalogue is loaded as of, when the case gives none. */
export const AUTHORITY_CATALOG_AT = '2026-11-25';

/** The `at` to load an authority case's catalogue with. */
export function authorityCatalogAt(input) {
  return input.at ?? AUTHORITY_CATALOG_AT;
}

/** `fn()`, or `{error: code}` when it throws (a throw without a code gives `{error: null}`). */
function orError(fn) {
  try {
    return fn();
  } catch (e) {
    return { error: e?.code ?? null };
  }
}

/**
 * Runs one authority/stamps.json case through `engine` (an `Engine` over the case's
 * catalogue): `verifyStamp` of `stamp` (an object) or `stampText` (JSON text), or
 * `authorize` of `query`; returns the report (or `{error}`) and its mismatches.
 */
export function runStampCase(engine, testCase) {
  const { input } = testCase;
  const options = caseOptions(input);
  const report = orError(() => {
    if (input.query !== undefined) return engine.authorize(input.query, options);
    return engine.verifyStamp(input.stampText ?? input.stamp, options);
  });
  return { report, problems: mismatches(caseValue(input), testCase.expected, report) };
}

/** The ledger text of a case's lines: each ended by "\n"; no lines, "". */
export function ledgerText(lines) {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * Runs one authority/ledgers.json case: `verifyLedger` of `lines` with `engine` (an
 * `Engine` over the case's catalogue), `ledgerAppend` of `append`, or `contentDigest` of
 * `content` (from `doorstep`, the package); returns the result (or `{error}`) and its
 * mismatches.
 */
export function runLedgerCase(doorstep, engine, testCase) {
  const { input } = testCase;
  const report = orError(() => {
    if (input.append !== undefined) return doorstep.ledgerAppend(input.append);
    if (input.content !== undefined) return { digest: doorstep.contentDigest(input.content) };
    return engine.verifyLedger(ledgerText(input.lines ?? []), input.head ?? null, caseOptions(input));
  });
  return { report, problems: mismatches(caseValue(input), testCase.expected, report) };
}

/** A calendar.json input's query (without catalog, patch and lang) and its call options. */
export function calendarCaseQuery(input) {
  const { catalog: _catalog, patch: _patch, lang, ...query } = input;
  return { query, options: lang === undefined ? undefined : { lang } };
}

/**
 * The CalendarReport of one calendar.json input: `calendarQuery` of `doorstep` (the back
 * office's module), or, for an input with `catalog`, `Engine.calendarQuery` of an Engine
 * over `catalog` (the parsed document the input names) with the input's patch applied,
 * loaded as of `loadAt` (the file's) and freed after.
 */
export function calendarCaseReport(doorstep, input, catalog, loadAt) {
  const { query, options } = calendarCaseQuery(input);
  if (input.catalog === undefined) return doorstep.calendarQuery(query, options);
  if (catalog === undefined || loadAt === undefined) {
    throw new Error(`calendar.json: the case over ${input.catalog} needs its catalogue and the file's loadAt`);
  }
  const engine = new doorstep.Engine(JSON.stringify(applyPatch(catalog, input.patch)), { at: loadAt });
  try {
    return engine.calendarQuery(query, options);
  } finally {
    engine.free();
  }
}

/**
 * Runs one calendar.json case (see `calendarCaseReport`; `catalog` is the parsed
 * catalogue the case names, if any, `loadAt` the file's); returns the CalendarReport and
 * its mismatches.
 */
export function runCalendarCase(doorstep, testCase, catalog, loadAt) {
  const report = calendarCaseReport(doorstep, testCase.input, catalog, loadAt);
  return { report, problems: mismatches('', testCase.expected, report) };
}

/** The date a cases.json catalogue is loaded as of (as core/tests/case.rs loads it). */
export const CASES_CATALOG_AT = '2025-01-01';

/**
 * What one cases.json case gives with `engine` (an `Engine` over the case's patched
 * catalogue): the result the rule above matches, with the case and the events it was built
 * from.
 */
export function caseOutcome(doorstep, engine, input) {
  let current = null;
  const events = [];
  const outcomes = [];
  for (const step of input.steps) {
    const decision = engine.decide(current, step.command, step.context);
    if (decision.outcome === 'refused') {
      outcomes.push(decision.error.code);
      continue;
    }
    if (decision.events.length === 0) {
      outcomes.push('noop');
      continue;
    }
    for (const event of decision.events) {
      const evolution = doorstep.evolve(current, event);
      if (evolution.outcome !== 'applied') {
        throw new Error(`evolve refused an event decide gave: ${evolution.error.code}`);
      }
      current = evolution.case;
      events.push(event);
    }
    outcomes.push('ok');
  }
  const replay = engine.replay(events);
  const rebuilt = replay.cases.find((c) => c.id === 'HC-1') ?? null;
  const result = {
    outcomes,
    status: current?.status ?? null,
    version: current?.version ?? null,
    replayed: deepEqual(rebuilt, current) && replay.rejected.length === 0,
  };
  if (current !== null && input.now !== undefined) {
    let status = null;
    try {
      status = engine.deadline(current, input.now);
    } catch (e) {
      // As the Rust runner: a deadline the calendar cannot count adds nothing.
      if (!String(e?.code).startsWith('calendar.')) throw e;
    }
    if (status !== null) Object.assign(result, { due: status.due, light: status.light, escalation: status.escalation });
  }
  if (current !== null && input.actionsFor !== undefined) {
    result.actions = engine.actions(current, input.actionsFor);
  }
  return { result, case: current, events };
}

/**
 * Runs one cases.json case: `catalog` is the parsed catalogue document the case names; an
 * Engine over it with the case's patch applied runs the steps (see `caseOutcome`) and is
 * freed. Returns the result, the case, its events and the mismatches.
 */
export function runCasesCase(doorstep, catalog, testCase) {
  const { input } = testCase;
  const engine = new doorstep.Engine(JSON.stringify(applyPatch(catalog, input.patch)), { at: CASES_CATALOG_AT });
  try {
    const outcome = caseOutcome(doorstep, engine, input);
    return { ...outcome, problems: mismatches('', testCase.expected, outcome.result) };
  } finally {
    engine.free();
  }
}

// policies.json: {catalog, profile | value (+ repeat), at, lang?}: the profile — an object
// as it is, text as the case gives it — matched by `Engine.matchPolicies` of an Engine over
// the catalogue, loaded as of POLICIES_CATALOG_AT; the report is matched as above
// (`eligible` and `matches` exactly, `errors` by code), as core/tests/policy.rs runs it.

/** The date a policies.json catalogue is loaded as of (as core/tests/policy.rs loads it). */
export const POLICIES_CATALOG_AT = '2025-09-01';

/** The profile argument of a policies.json case: the `profile` value, else the text. */
export function policyProfile(input) {
  return input.profile !== undefined ? input.profile : caseValue(input);
}

/** The profile of a policies.json case as one line of JSON Lines text. */
export function policyLine(input) {
  return input.profile !== undefined ? JSON.stringify(input.profile) : caseValue(input);
}

/**
 * Runs one policies.json case through `engine.matchPolicies` (an Engine over the case's
 * catalogue); returns the PolicyReport and its mismatches.
 */
export function runPolicyCase(engine, testCase) {
  const { input } = testCase;
  const report = engine.matchPolicies(policyProfile(input), caseOptions(input));
  return { report, problems: mismatches(caseValue(input), testCase.expected, report) };
}

// bundles.json: {catalog, at, steps: [{command, context}], statusOf?, timeline?}: an Engine
// over the catalogue (relative to tests/fixtures), loaded as of input.at, keeps the cases by
// id; each step decides its command against the case it names (null when there is none)
// with, for a bundle case, its member cases (`{members}`), and `evolve` applies every event
// to the case it names: outcomes "ok", "noop" or the refusal's code. Then `statuses` (the
// status of each case statusOf names, null when there is none) and, with `timeline`, the
// `timeline` of that case over all the events as JSON Lines (with input.otherEvents, the
// first of them before the case events and the rest after: skipped): bundleState and
// rejected (null when it is not a bundle) and timelineCases (the ids of its cases, in
// order). As core/tests/bundles.rs runs it.

/** Applies a decision's events with `doorstep.evolve`, each to the case it names. */
function applyCaseEvents(doorstep, cases, decision, events) {
  for (const event of decision.events) {
    const evolution = doorstep.evolve(cases.get(event.case) ?? null, event);
    if (evolution.outcome !== 'applied') {
      throw new Error(`evolve refused an event decide gave: ${evolution.error.code}`);
    }
    cases.set(event.case, evolution.case);
    events.push(event);
  }
}

/** Events as JSON Lines, each line ended by "\n". */
export function jsonLines(events) {
  return events.map((e) => `${JSON.stringify(e)}\n`).join('');
}

/**
 * What one bundles.json case gives with `engine` (an Engine over the case's catalogue,
 * loaded as of input.at): the result the rule matches, with the cases and the events.
 */
export function bundleOutcome(doorstep, engine, input) {
  const cases = new Map();
  const events = [];
  const outcomes = [];
  for (const step of input.steps) {
    const current = cases.get(step.command.case) ?? null;
    const members = (current?.members ?? []).map((m) => cases.get(m.case)).filter((c) => c !== undefined);
    const decision = engine.decide(current, step.command, step.context, { members });
    if (decision.outcome === 'refused') outcomes.push(decision.error.code);
    else if (decision.events.length === 0) outcomes.push('noop');
    else {
      applyCaseEvents(doorstep, cases, decision, events);
      outcomes.push('ok');
    }
  }
  const result = { outcomes };
  if (input.statusOf !== undefined) {
    result.statuses = Object.fromEntries(input.statusOf.map((id) => [id, cases.get(id)?.status ?? null]));
  }
  if (input.timeline !== undefined) {
    // The district's one file: input.otherEvents' first before the case events, the rest after.
    const [first, ...rest] = input.otherEvents ?? [];
    const file = jsonLines([...(first === undefined ? [] : [first]), ...events, ...rest]);
    const found = doorstep.timeline(file, input.timeline);
    if (found.outcome !== 'found') throw new Error(`timeline refused: ${found.error.code}`);
    const { bundle } = found.timeline;
    result.bundleState = bundle?.state ?? null;
    result.rejected = bundle?.rejected ?? null;
    result.timelineCases = found.timeline.cases.map((c) => c.case);
  }
  return { result, cases, events };
}

/** Runs one bundles.json case; `catalogText` is the text of the catalogue it names. */
export function runBundleCase(doorstep, catalogText, testCase) {
  const engine = new doorstep.Engine(catalogText, { at: testCase.input.at });
  try {
    const outcome = bundleOutcome(doorstep, engine, testCase.input);
    return { ...outcome, problems: mismatches('', testCase.expected, outcome.result) };
  } finally {
    engine.free();
  }
}

// reviews.json: {catalog, patch?, reviews?, facts?, steps: [{command, context}], kind?}: an
// Engine over the catalogue with the patch applied and `reviews` as its 好差评 settings
// (when the case gives the key), loaded as of REVIEWS_CATALOG_AT. Each step is a review
// decide request {review (as it stands), facts, command, context}, its events applied with
// `evolveReview`: outcomes "ok", "noop" or the refusal's code (its message non-empty). Then
// status, version and rating of the review HC-1 (null when none), rectifyBy, onTime
// (rectifiedOn <= rectifyBy; null before rectification) and replayed (every event folded
// again from nothing rebuilds the same review). kind "complaint": each step is a complaint
// decide request {complaint, command, context} in English, applied with `evolveComplaint`;
// then status, version, answerBy, answeredOnTime (answeredOn <= answerBy; null before the
// answer) and replayed (of K-1; no event refused). As core/tests/reviews.rs runs it.

/** The date a reviews.json or metrics.json catalogue is loaded as of. */
export const REVIEWS_CATALOG_AT = '2025-01-01';

/** The catalogue document of a reviews.json or metrics.json case. */
export function reviewsCatalog(catalog, input) {
  const doc = applyPatch(catalog, input.patch);
  if (input.reviews !== undefined) doc.reviews = input.reviews;
  return doc;
}

/** Folds `events` from nothing with `evolve(current, event)`; the last state by id. */
function refold(events, idOf, evolve, key) {
  const out = new Map();
  let refused = 0;
  for (const event of events) {
    const evolution = evolve(out.get(idOf(event)) ?? null, event);
    if (evolution.outcome === 'applied') out.set(idOf(event), evolution[key]);
    else refused += 1;
  }
  return { out, refused };
}

/** The steps of a review or complaint case: `decide(state, step)` and `evolve(state, event)`. */
function runSteps(steps, decide, evolve, key) {
  let state = null;
  const events = [];
  const outcomes = [];
  const problems = [];
  for (const step of steps) {
    const decision = decide(state, step);
    if (decision.outcome === 'refused') {
      if (!decision.error.message) problems.push(`${decision.error.code}: empty message`);
      outcomes.push(decision.error.code);
      continue;
    }
    if (decision.events.length === 0) {
      outcomes.push('noop');
      continue;
    }
    for (const event of decision.events) {
      const evolution = evolve(state, event);
      if (evolution.outcome !== 'applied') {
        throw new Error(`evolve refused an event decide gave: ${evolution.error.code}`);
      }
      state = evolution[key];
      events.push(event);
    }
    outcomes.push('ok');
  }
  return { state, events, outcomes, problems };
}

/** What one reviews.json case gives with `engine` (see the rule above). */
export function reviewOutcome(doorstep, engine, input) {
  if (input.kind === 'complaint') {
    const en = { lang: 'en' };
    const evolve = (complaint, event) => doorstep.evolveComplaint({ complaint, event }, en);
    const run = runSteps(
      input.steps,
      (complaint, step) => engine.decideComplaint({ complaint, command: step.command, context: step.context }, en),
      evolve,
      'complaint',
    );
    const c = run.state;
    const again = refold(run.events, (e) => e.complaint, evolve, 'complaint');
    if (again.refused !== 0) run.problems.push(`replay refused ${again.refused} events`);
    const result = {
      outcomes: run.outcomes,
      status: c?.status ?? null,
      version: c?.version ?? null,
      answerBy: c?.answerBy ?? null,
      answeredOnTime: c?.answeredOn !== undefined && c !== null ? c.answeredOn <= c.answerBy : null,
      replayed: deepEqual(again.out.get('K-1') ?? null, c),
    };
    return { result, state: c, events: run.events, problems: run.problems };
  }
  const facts = input.facts ?? null;
  const evolve = (review, event) => doorstep.evolveReview({ review, event });
  const run = runSteps(
    input.steps,
    (review, step) => engine.decideReview({ review, facts, command: step.command, context: step.context }),
    evolve,
    'review',
  );
  const r = run.state;
  const onTime = r?.rectifiedOn !== undefined && r?.rectifyBy !== undefined && r !== null ? r.rectifiedOn <= r.rectifyBy : null;
  const result = {
    outcomes: run.outcomes,
    status: r?.status ?? null,
    version: r?.version ?? null,
    rating: r?.rating ?? null,
    rectifyBy: r?.rectifyBy ?? null,
    onTime,
    replayed: deepEqual(refold(run.events, (e) => e.review, evolve, 'review').out.get('HC-1') ?? null, r),
  };
  return { result, state: r, events: run.events, problems: run.problems };
}

/** Runs one reviews.json case; `catalog` is the parsed catalogue document it names. */
export function runReviewCase(doorstep, catalog, testCase) {
  const text = JSON.stringify(reviewsCatalog(catalog, testCase.input));
  const engine = new doorstep.Engine(text, { at: REVIEWS_CATALOG_AT });
  try {
    const outcome = reviewOutcome(doorstep, engine, testCase.input);
    return { ...outcome, problems: [...outcome.problems, ...mismatches('', testCase.expected, outcome.result)] };
  } finally {
    engine.free();
  }
}

// appointments.json: {catalog, patch?, book, steps, lang?}: an Engine over the catalogue with
// the patch applied, loaded as of APPOINTMENTS_CATALOG_AT. Each step is {command, at}: an
// appointment decide request {book (as it stands), command, at} whose accepted event is
// then applied with an evolve request {book, event} (which must apply: anything else is a
// runner error); or {event}: an evolve request alone (a stored event replayed). Both in
// input.lang (zh-CN by default). Outcome per step: "ok", or why not — the refusal's code,
// or the code of the DoorstepError a request that cannot be read throws (input.shape) —
// its message non-empty. Then messages (those messages, in order), statuses (id -> status
// of every appointment of the final book), cases (id -> the case an arrival names),
// homeVisits (ids of home-visit appointments), taken (slot -> appointments booked or
// arrived in it) and replayed (the accepted events applied again to the initial book, one
// evolve request each, rebuild the final book). As core/tests/appointment.rs
// (appointments_fixtures) runs it.

/** The date an appointments.json catalogue is loaded as of (as core/tests/appointment.rs). */
export const APPOINTMENTS_CATALOG_AT = '2025-01-01';

/**
 * `call()`'s outcome as `{ok: value}`, or `{error: {code, message}}` for why not: a refusal
 * (`outcome: "refused"`), or a coded Error thrown for a request that cannot be read.
 * `value` picks what an accepted or applied outcome gives.
 */
function stepResult(call, value) {
  let outcome;
  try {
    outcome = call();
  } catch (e) {
    if (e instanceof Error && typeof e.code === 'string') return { error: { code: e.code, message: e.message } };
    throw e;
  }
  return outcome.outcome === 'refused' ? { error: outcome.error } : { ok: value(outcome) };
}

/**
 * What one appointments.json case gives with `engine` (an Engine over the case's patched
 * catalogue): the result the rule above matches, with the final book, the accepted events
 * and the runner's own problems (an empty message).
 */
export function appointmentOutcome(doorstep, engine, input) {
  const options = { lang: input.lang ?? 'zh-CN' };
  const evolve = (book, event) => stepResult(() => doorstep.evolveAppointment({ book, event }, options), (o) => o.book);
  const decide = (book, step) =>
    stepResult(() => engine.decideAppointment({ book, command: step.command, at: step.at }, options), (o) => o.event);
  const initial = input.book;
  let book = initial;
  const outcomes = [];
  const messages = [];
  const events = [];
  const problems = [];
  for (const step of input.steps) {
    let applied;
    if (step.event !== undefined) {
      const after = evolve(book, step.event);
      applied = after.error ?? { event: step.event, after: after.ok };
    } else {
      const decided = decide(book, step);
      if (decided.error !== undefined) applied = decided.error;
      else {
        const after = evolve(book, decided.ok);
        if (after.error !== undefined) throw new Error(`evolve refused an event decide gave: ${after.error.code}`);
        applied = { event: decided.ok, after: after.ok };
      }
    }
    if (applied.after !== undefined) {
      book = applied.after;
      events.push(applied.event);
      outcomes.push('ok');
    } else {
      if (!applied.message) problems.push(`${applied.code}: empty message`);
      outcomes.push(applied.code);
      messages.push(applied.message);
    }
  }
  let rebuilt = initial;
  for (const event of events) {
    const after = evolve(rebuilt, event);
    if (after.error !== undefined) {
      rebuilt = undefined;
      break;
    }
    rebuilt = after.ok;
  }
  const appointments = Array.isArray(book?.appointments) ? book.appointments : [];
  const slots = Array.isArray(book?.slots) ? book.slots : [];
  const byId = (key) => Object.fromEntries(appointments.filter((a) => Object.hasOwn(a, key)).map((a) => [a.id, a[key]]));
  const counts = (slot) =>
    appointments.filter((a) => a.slot === slot && (a.status === 'booked' || a.status === 'arrived')).length;
  const result = {
    outcomes,
    messages,
    statuses: byId('status'),
    cases: byId('case'),
    homeVisits: appointments.filter((a) => a.homeVisit === true).map((a) => a.id),
    taken: Object.fromEntries(slots.map((s) => [s.id, counts(s.id)])),
    replayed: rebuilt !== undefined && deepEqual(rebuilt, book),
  };
  return { result, book, events, problems };
}

/** Runs one appointments.json case; `catalog` is the parsed catalogue document it names. */
export function runAppointmentCase(doorstep, catalog, testCase) {
  const text = JSON.stringify(applyPatch(catalog, testCase.input.patch));
  const engine = new doorstep.Engine(text, { at: APPOINTMENTS_CATALOG_AT });
  try {
    const outcome = appointmentOutcome(doorstep, engine, testCase.input);
    return { ...outcome, problems: [...outcome.problems, ...mismatches('', testCase.expected, outcome.result)] };
  } finally {
    engine.free();
  }
}

// metrics.json: {catalog, reviews?, events, lines?, scope, from, to}: an Engine over the
// catalogue with `reviews` as its settings (when given), loaded as of REVIEWS_CATALOG_AT;
// the events one per line, then `lines`, as JSON Lines; Engine.metrics of the query
// {scope, from, to}. The outcome flattened: {outcome} and, on a report, scope,
// ignoredEvents, problems and every key of the report's cases, reviews and complaints as
// "cases.<key>" …; when refused, errors: [the error]. As core/tests/metrics.rs runs it.

/** The JSON Lines of a metrics.json case: its events, then its raw lines. */
export function metricsLines(input) {
  return jsonLines(input.events) + (input.lines ?? []).map((l) => `${l}\n`).join('');
}

/** A MetricsOutcome flattened for the matching rule. */
export function flattenMetrics(outcome) {
  const out = { outcome: outcome.outcome };
  if (outcome.outcome === 'refused') {
    out.errors = [outcome.error];
    return out;
  }
  const { report } = outcome;
  out.scope = report.scope;
  out.ignoredEvents = report.ignoredEvents;
  out.problems = outcome.problems;
  for (const part of ['cases', 'reviews', 'complaints']) {
    for (const [k, v] of Object.entries(report[part])) out[`${part}.${k}`] = v;
  }
  return out;
}

/** Runs one metrics.json case; `catalog` is the parsed catalogue document it names. */
export function runMetricsCase(doorstep, catalog, testCase) {
  const { input } = testCase;
  const doc = structuredClone(catalog);
  if (input.reviews !== undefined) doc.reviews = input.reviews;
  const engine = new doorstep.Engine(JSON.stringify(doc), { at: REVIEWS_CATALOG_AT });
  try {
    const query = { scope: input.scope ?? null, from: input.from ?? null, to: input.to ?? null };
    const outcome = engine.metrics(query, metricsLines(input));
    const result = flattenMetrics(outcome);
    return { outcome, result, problems: mismatches('', testCase.expected, result) };
  } finally {
    engine.free();
  }
}

// rules.json: {rule, data, catalog?} -> {result} or {error: code}, numbers compared by value
// (as core/tests/rules.rs runs it), through `evaluateRule`, or with `catalog` through
// Engine.evaluateRule of an Engine over that catalogue (its calendar adds the catalogue's
// years).

/** JSON equality with numbers compared by value (`1` equals `1.0`). */
function sameJson(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return a === b;
}

/**
 * Runs one rules.json case: the outcome in the fixture's shape, and the mismatches.
 * `engineFor(catalog)` gives the Engine over a case's catalogue, for cases that name one.
 */
export function runRuleCase(doorstep, testCase, engineFor = null) {
  const { rule, data, catalog } = testCase.input;
  const evaluator = catalog === undefined ? doorstep : engineFor(catalog);
  const outcome = evaluator.evaluateRule({ rule, data: data ?? null }, { lang: 'en' });
  const result =
    outcome.outcome === 'evaluated' ? { result: outcome.result } : { error: outcome.error.code };
  const problems = [];
  if (!sameJson(result, testCase.expected)) {
    problems.push(`expected ${JSON.stringify(testCase.expected)}, got ${JSON.stringify(result)}`);
  }
  if (outcome.outcome === 'refused' && !outcome.error.message) problems.push('a refusal without a message');
  return { result, problems };
}
