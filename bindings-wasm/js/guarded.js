// JS built-ins the binding calls on values a page passes, wrapped so that they never throw
// into wasm: each returns a failure value instead.
//
// An exception caught by a `#[wasm_bindgen(catch)]` import leaks one slot of the externref
// table in wasm-bindgen 0.2.130 (the import's return slot is taken before the exception is
// checked), and an uncaught one would unwind through wasm frames that hold an `Engine`
// borrowed. A getter, a `toJSON` or a proxy trap of the page's own can throw; here it costs
// nothing.

/**
 * `JSON.stringify(value)`: the text (a lone surrogate in it as U+FFFD), `undefined` for a
 * value JSON cannot hold, or, when it throws, the kind of error: 1 for a `TypeError` (a
 * cycle, a `BigInt`), 2 for a `RangeError` (out of stack, or text longer than a string can
 * be), 3 for anything else (SpiderMonkey's `InternalError` "too much recursion", or what a
 * `toJSON` or getter threw).
 */
export function stringify(value) {
  let text;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    if (error instanceof TypeError) return 1;
    if (error instanceof RangeError) return 2;
    return 3;
  }
  if (typeof text !== 'string' || !text.includes('\\ud')) return text;
  return text.replace(ESCAPE, wellFormed);
}

/**
 * An escape of JSON text: every backslash there starts one, so matching from the left never
 * starts inside one. The group is a surrogate's code unit; `JSON.stringify` writes one as
 * `\udXXX` only when it is lone (half an emoji cut by a `maxlength` or a `slice`).
 */
const ESCAPE = /\\(?:u(d[89a-f][0-9a-f]{2})|[^])/g;

/**
 * A lone surrogate as U+FFFD, as `TextEncoder` writes it into a string argument: `serde_json`
 * refuses its escape, which would make a string the page typed a thrown `input.*`.
 */
const wellFormed = (escape, surrogate) => (surrogate === undefined ? escape : '\\ufffd');

/**
 * `Array.isArray(value)` as 1 (an array) or 0, or 2 when it throws: it does on a revoked
 * proxy, the one value whose type cannot be asked without a trap.
 */
export function isArray(value) {
  try {
    return Array.isArray(value) ? 1 : 0;
  } catch {
    return 2;
  }
}

/** `Object.values(value)`, or `undefined` when it throws (a proxy or a getter). */
export function values(value) {
  try {
    return Object.values(value);
  } catch {
    return undefined;
  }
}

/** `Object.keys(value)`, or `undefined` when it throws (a proxy). */
export function keys(value) {
  try {
    return Object.keys(value);
  } catch {
    return undefined;
  }
}

/** `Array.from(value)`, or `undefined` when it throws (a proxy or a getter). */
export function arrayFrom(value) {
  try {
    return Array.from(value);
  } catch {
    return undefined;
  }
}

/** What `get` returns when reading the property throws: a value of no option's type. */
const UNREADABLE = Symbol('doorstep: unreadable property');

/**
 * `Reflect.get(object, key)`, or a symbol when it throws (a getter or a proxy): no option
 * is a symbol, so the caller reports the property as having the wrong type.
 */
export function get(object, key) {
  try {
    return Reflect.get(object, key);
  } catch {
    return UNREADABLE;
  }
}
