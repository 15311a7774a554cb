// The matching rule of the shared fixtures (tests/fixtures/*.json), the same as
// core/tests/fixtures.rs applies in Rust. Used by the Node suite and, unchanged, by the
// browser page; it imports nothing so that both can load it.
//
// A case is {name, input: {value, kind|null, at, lang?, repeat?}, expected}:
// - the value checked is input.value repeated input.repeat times (default 1);
// - every key of expected other than "errors" deep-equals the report's key (missing = null);
// - expected.errors is the list of the report's error codes, in order;
// - every error message is non-empty and does not contain the trimmed value when that is
//   at least 6 bytes long (UTF-8).

/** The value a case checks. */
export function caseValue(input) {
  return input.value.repeat(input.repeat ?? 1);
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
    const got = key === 'errors' ? errors.map((e) => e?.code ?? null) : (actual?.[key] ?? null);
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
