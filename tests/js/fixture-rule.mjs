// The matching rule of the shared fixtures (tests/fixtures/*.json), the same as
// core/tests/fixtures.rs applies in Rust. Used by the Node suite and, unchanged, by the
// browser page; it imports nothing so that both can load it.
//
// ids.json: a case is {name, input: {value, kind|null, at, lang?, repeat?}, expected}:
// - the value checked is input.value repeated input.repeat times (default 1);
// - every key of expected other than "errors" and "errorPaths" deep-equals the report's key
//   (missing = null);
// - expected.errors is the list of the report's error codes, in order, and
//   expected.errorPaths, when given, the list of their paths (missing = null), in order;
// - every error message is non-empty and does not contain the trimmed value when that is
//   at least 6 bytes long (UTF-8).
//
// forms.json: {catalog, matter|bundle, answer, at, lang?}: an Engine over the catalogue file
// (tests/fixtures/{catalog}) validates the answer for the matter or bundle; the Validation
// is matched as above (there is no value, so nothing to leak).
// lint.json: {catalog, patch, at}: the catalogue document with the patch applied (JSON
// Pointer "set" operations) is linted; {valid: no problem, errors: problems} is matched.

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

/** Every way `actual` (a report) fails `expected` for the checked `value`; empty when it matches. */
export function mismatches(value, expected, actual) {
  const out = [];
  const errors = Array.isArray(actual?.errors) ? actual.errors : [];
  for (const [key, want] of Object.entries(expected)) {
    const got =
      key === 'errors'
        ? errors.map((e) => e?.code ?? null)
        : key === 'errorPaths'
          ? errors.map((e) => e?.path ?? null)
          : (actual?.[key] ?? null);
    if (!deepEqual(got, want)) {
      out.push(`${key}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
  }
  const trimmed = value.trim();
  const leaks = (message) => utf8.encode(trimmed).length >= 6 && message.includes(trimmed);
  for (const error of errors) {
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
