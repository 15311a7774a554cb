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
// forms.json: {catalog, matter|bundle, answer, at, lang?}: an Engine over the catalogue file
// (tests/fixtures/{catalog}) validates the answer for the matter or bundle; the Validation
// is matched as above (there is no value, so nothing to leak).
// lint.json: {catalog, patch, at}: the catalogue document with the patch applied (JSON
// Pointer "set" operations) is linted; {valid: no problem, errors: problems} is matched.
// authority/stamps.json: {catalog, stamp | stampText | query, lang?}: Engine.verifyStamp
// of the stamp object or the JSON text, or Engine.authorize of the query.
// authority/ledgers.json: {catalog, lines, head?, lang?}: Engine.verifyLedger of the lines,
// each ended by "\n" (no lines: ""); {append: request}: ledgerAppend; {content}:
// {digest: contentDigest(content)}.
// In both authority files a call that throws gives {error: code}; the engine is loaded as
// of input.at, else AUTHORITY_CATALOG_AT (a fixed date: what a stamp is judged by is its
// own time, the date only checks the catalogue's examples).
// calendar.json: {op, …, lang?}: calendarQuery of the input without `lang`, with {lang};
// the CalendarReport is matched as above.
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

/** What a forms.json case is about: `{matter}` or `{bundle}`. */
export function formTarget(input) {
  return input.matter !== undefined && input.matter !== null
    ? { matter: input.matter }
    : { bundle: input.bundle };
}

/**
 * Runs one forms.json case through `engine` (an `Engine` over the case's catalogue, loaded
 * as of input.at); returns the Validation and its mismatches.
 */
export function runFormCase(engine, testCase) {
  const { input } = testCase;
  const report = engine.validate(formTarget(input), input.answer, caseOptions(input));
  return { report, problems: mismatches(caseValue(input), testCase.expected, report) };
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

/**
 * Runs one calendar.json case through `calendarQuery` of `doorstep` (the package): the
 * query is the input without `lang`; returns the CalendarReport and its mismatches.
 */
export function runCalendarCase(doorstep, testCase) {
  const { lang, ...query } = testCase.input;
  const report = doorstep.calendarQuery(query, lang === undefined ? undefined : { lang });
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
