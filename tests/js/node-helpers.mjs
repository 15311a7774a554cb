// What the Node suites (*.test.mjs) share: reading the shared fixtures, and the check that a
// misuse throws a coded Error. (The browser page has its own: it fetches the fixtures.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const fixturesDir = new URL('../fixtures/', import.meta.url);

/** The text of tests/fixtures/NAME. */
export const readFixture = (name) => readFileSync(new URL(name, fixturesDir), 'utf8');

const parsed = new Map();

/** tests/fixtures/NAME parsed, once per name (a catalogue the cases name). */
export function catalogOf(name) {
  if (!parsed.has(name)) parsed.set(name, JSON.parse(readFixture(name)));
  return parsed.get(name);
}

/** Calls `fn`, which must throw a doorstep misuse Error with `code` and a message (and a
 * stack); returns it. */
export function throwsCoded(fn, code) {
  let thrown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof Error, `${fn}: expected an Error with ${code}, got ${thrown}`);
  assert.equal(thrown.code, code, thrown.message);
  assert.equal(typeof thrown.message, 'string');
  assert.notEqual(thrown.message, '');
  assert.equal(typeof thrown.stack, 'string');
  return thrown;
}
