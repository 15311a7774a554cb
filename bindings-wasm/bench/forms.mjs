// Benchmark of form validation in Node: the 出生一件事 (birth bundle) answer validated by
// the npm package (WASM), called with a JS object and with JSON text, against Ajv running
// the equivalent JSON Schema with the same identifier checks as custom formats. Prints
// ns/op, the ratios WASM / Ajv and the gzipped size of the .wasm; asserts nothing about time.
//
//   bash bindings-wasm/build.sh
//   (cd bindings-wasm/bench && npm ci)          # Ajv, pinned in package.json / package-lock.json
//   node bindings-wasm/bench/forms.mjs [CATALOGUE [BUNDLE]] [--write-schema] [--json FILE]
//
// CATALOGUE defaults to catalogs/haicang.json when it exists, else the test catalogue
// tests/fixtures/catalog/mini.json; BUNDLE to `birth` (else the first bundle named 出生…).
// Two answers, as core/benches/forms.rs builds them: the merged 填单示范
// (`engine.form({bundle}).example`, valid) and the same answer spoiled field by field until
// the engine reports about 7 problems.
//
// The JSON Schema is generated from the bundle's merged FormSpec by form-schema.mjs (see
// there for what JSON Schema cannot say, so Ajv does less work); birth.schema.json next to
// this script is the schema of the default catalogue's birth bundle, rewritten by
// --write-schema. Ajv runs with `allErrors: true` (every problem, as the form engine
// reports them all) and, for reference, in its default first-error mode. `--json FILE` also
// writes the figures as JSON (for scripts/bench-forms.sh, which writes BENCHMARKS.md).
//
// Why WASM called with a JS object does not reach Ajv (issue 3's target), measured: Ajv
// compiles the schema into JS that reads the object where it is; anything in WASM must first
// get the answer across. The row `JSON.stringify + encodeInto` is that floor for JSON text
// (about 0.6x Ajv's whole validation). In a probe module (session 19, wasm-bindgen 0.2.130,
// the valid birth answer, 734 bytes, 28 fields): wasm-bindgen's own string copy plus a
// trivial scan took 3.8-4.1 us, Ajv's whole validation about 4.0 us; parsing the text with
// serde_json into nothing (`IgnoredAny`) 4.4 us, into a `Value` 7.7 us; and reading the
// object from WASM instead, field by field (`js_sys::Reflect::get` with keys made once, each
// string copied in), 6.2-7.4 us before any check. So no way of reading the answer in WASM
// is under Ajv's time before the form is checked at all. The row `WASM evaluateRule(var,
// object)` measures this package's own floor in every run: a one-`var` rule over the answer
// reads it as `check` and `validate` do and checks nothing (session 21: ~19 us, of which
// ~4 us the call itself, with `{}` as data; the rest reading the answer in the size-first
// module).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

import { Engine, evaluateRule, version } from '../pkg/node.js';

import { formSchema } from './form-schema.mjs';
import { formats } from './formats.mjs';

const require = createRequire(import.meta.url);
let Ajv;
try {
  Ajv = require('ajv');
} catch {
  console.error('forms.mjs: Ajv is missing; run `npm ci` in bindings-wasm/bench first');
  process.exit(1);
}
const ajvVersion = require('ajv/package.json').version;

const root = new URL('../../', import.meta.url);
const args = process.argv.slice(2);
const writeSchema = args.includes('--write-schema');
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
if (jsonAt >= 0 && (jsonFile === undefined || jsonFile.startsWith('--'))) {
  console.error('forms.mjs: --json needs a file name');
  process.exit(2);
}
const positional = args.filter((a, i) => !a.startsWith('--') && !(jsonAt >= 0 && i === jsonAt + 1));
const defaults = ['catalogs/haicang.json', 'tests/fixtures/catalog/mini.json'];
const catalogPath =
  positional[0] ?? defaults.find((p) => existsSync(new URL(p, root))) ?? defaults[defaults.length - 1];
const isDefaultCatalog = positional[0] === undefined;
const at = '2026-11-25';

const catalogUrl = positional[0] === undefined ? new URL(catalogPath, root) : catalogPath;
const engine = new Engine(readFileSync(catalogUrl, 'utf8'), { at });
const bundles = engine.bundles();
const bundle =
  bundles.find((b) => b.code === (positional[1] ?? 'birth')) ??
  (positional[1] === undefined ? bundles.find((b) => b.name.includes('出生')) : undefined);
if (bundle === undefined) {
  console.error(`forms.mjs: no bundle ${positional[1] ?? 'birth'} in ${catalogPath}`);
  process.exit(1);
}
const target = { bundle: bundle.code };
const form = engine.form(target, { at });

// ---------------------------------------------------------------------------------------
// The answers

const count = (answer) => engine.validate(target, answer, { at }).errors.length;

/** A wrong value for `field` (whose valid value is `good`), or undefined for types left alone. */
function spoil(field, good) {
  const flipLast = (s) => (typeof s === 'string' && s.length > 0 ? s.slice(0, -1) + (s.endsWith('1') ? '2' : '1') : undefined);
  switch (field.type) {
    case 'resident_id':
    case 'bank_card':
    case 'credit_code':
      return flipLast(good);
    case 'mobile':
    case 'phone':
      return '1391234567';
    case 'postal_code':
      return '36102';
    case 'date':
      return '2024-02-30';
    case 'choice':
      return 'none-of-these';
    case 'boolean':
      return 'yes';
    case 'email':
      return 'someone@';
    case 'text':
    case 'address':
      return field.maxLength === undefined ? undefined : '字'.repeat(field.maxLength + 1);
    case 'decimal':
      return field.max === undefined ? undefined : field.max + 1;
    case 'integer':
    case 'money':
      return field.max === undefined ? undefined : Math.trunc(field.max) + 1;
    default:
      return undefined;
  }
}

/** The valid answer with problems added until the engine reports `wanted`: an unknown key, a
 * missing required field, then wrong values field by field. */
function spoiled(valid, wanted) {
  let answer = { ...valid, nickname: '小宝' };
  const drop = [...form.fields]
    .reverse()
    .find((f) => f.required && f.visibleIf === undefined && answer[f.key] !== undefined);
  if (drop !== undefined) delete answer[drop.key];
  for (const field of form.fields) {
    if (count(answer) >= wanted) break;
    if (answer[field.key] === undefined) continue;
    const bad = spoil(field, answer[field.key]);
    if (bad === undefined) continue;
    const tried = { ...answer, [field.key]: bad };
    if (count(tried) > count(answer)) answer = tried;
  }
  return answer;
}

const valid = form.example;
const invalid = spoiled(valid, 7);

// ---------------------------------------------------------------------------------------
// The equivalent JSON Schema and Ajv

const schema = formSchema(form);
const schemaFile = new URL('birth.schema.json', import.meta.url);
const schemaText = `${JSON.stringify(schema, null, 2)}\n`;
let schemaNote;
if (writeSchema) {
  writeFileSync(schemaFile, schemaText);
  schemaNote = 'written to bindings-wasm/bench/birth.schema.json';
} else if (!isDefaultCatalog || bundle.code !== 'birth') {
  schemaNote = 'generated (birth.schema.json is the default catalogue\'s)';
} else if (existsSync(schemaFile) && readFileSync(schemaFile, 'utf8') === schemaText) {
  schemaNote = 'generated, same as bindings-wasm/bench/birth.schema.json';
} else {
  schemaNote = 'generated, DIFFERS from birth.schema.json (run with --write-schema)';
}

function compile(allErrors) {
  const ajv = new Ajv({ allErrors, strictTypes: false });
  for (const [name, check] of Object.entries(formats(at))) ajv.addFormat(name, check);
  return ajv.compile(schema);
}
const ajvAll = compile(true);
const ajvFirst = compile(false);

// What is measured, and that both sides agree on the verdicts.
const wasmValid = engine.validate(target, valid, { at });
const wasmInvalid = engine.validate(target, invalid, { at });
const verdicts = [wasmValid.valid, ajvAll(valid), wasmInvalid.valid, ajvAll(invalid)];
ajvAll(invalid);
const ajvErrors = (ajvAll.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword}`);
const wasmErrors = wasmInvalid.errors.map((e) => `${e.path || '/'} ${e.code}`);

// ---------------------------------------------------------------------------------------
// Measuring

/** Iterations of `fn` that take about 100 ms, after a warm-up. */
function calibrate(fn) {
  let iterations = 1;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i += 1) fn();
    const ns = Number(process.hrtime.bigint() - start);
    if (ns > 25e6) return Math.max(1, Math.round((iterations * 100e6) / ns));
    iterations *= 2;
  }
}

/**
 * Median ns per call of each of `fns` over 9 rounds; every round runs each function once
 * (for about 100 ms), so that a busy machine's drift weighs on all of them alike.
 */
function measureAll(fns) {
  const iterations = fns.map(calibrate);
  const rounds = fns.map(() => []);
  let sink = 0;
  for (let r = 0; r < 9; r += 1) {
    fns.forEach((fn, k) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations[k]; i += 1) sink += fn() ? 1 : 0;
      rounds[k].push(Number(process.hrtime.bigint() - start) / iterations[k]);
    });
  }
  return rounds.map((ns) => ns.sort((a, b) => a - b)[4] + sink * 0);
}

const options = { at };
// The least any call with a JS object pays before WASM reads a byte: the answer written as
// JSON and copied, as UTF-8, into memory (wasm-bindgen copies a string with `encodeInto`
// into the module's memory; here a buffer of the same kind).
const utf8 = new TextEncoder();
const copy = new Uint8Array(1 << 20);
const answers = { valid, '7 errors': invalid };
const rows = [
  ['WASM validate(target, object)', (a) => () => engine.validate(target, a, options).valid],
  ['WASM validate(target, JSON text)', (a) => {
    const text = JSON.stringify(a);
    return () => engine.validate(target, text, options).valid;
  }],
  ['WASM check(target, object)', (a) => () => engine.check(target, a, options).valid],
  ['WASM check(target, JSON text)', (a) => {
    const text = JSON.stringify(a);
    return () => engine.check(target, text, options).valid;
  }],
  ['  JSON.stringify(answer) alone', (a) => () => JSON.stringify(a).length > 0],
  ['  JSON.stringify + encodeInto', (a) => () => utf8.encodeInto(JSON.stringify(a), copy).written > 0],
  // The least a call of this package that takes the answer as a JS object costs: the
  // answer read as every call reads an object (JSON.stringify, copied into wasm memory,
  // parsed into a JSON value), one field looked up and the outcome returned; nothing is
  // checked. Measured in every run, beside what checking adds.
  ['  WASM evaluateRule(var, object): no check', (a) => {
    const key = Object.keys(a)[0];
    return () => evaluateRule({ rule: { var: key }, data: a }).outcome === 'evaluated';
  }],
  ['Ajv, allErrors', (a) => () => ajvAll(a)],
  ['Ajv, first error', (a) => () => ajvFirst(a)],
];

const wasm = readFileSync(new URL('../pkg/doorstep_wasm_bg.wasm', import.meta.url));
const gz = gzipSync(wasm, { level: 9 }).length;

console.log(`doorstep ${version()} (WASM), ajv ${ajvVersion}, node ${process.version}`);
console.log(
  `catalogue ${catalogPath} — bundle ${bundle.code} (${bundle.name}): ${form.fields.length} fields, ` +
    `${(form.checks ?? []).length} checks; members ${JSON.stringify(wasmValid.matters)}`,
);
console.log(`JSON Schema: ${schemaText.length} bytes, ${schemaNote}`);
console.log(`answers: valid ${JSON.stringify(valid).length} bytes; with problems ${JSON.stringify(invalid).length} bytes`);
console.log(`verdicts (WASM, Ajv): valid ${verdicts[0]}, ${verdicts[1]}; with problems ${verdicts[2]}, ${verdicts[3]}`);
console.log(`  WASM (${wasmErrors.length}): ${wasmErrors.join(', ')}`);
console.log(`  Ajv (${ajvErrors.length}): ${ajvErrors.join(', ')}`);
if (verdicts[0] !== true || verdicts[1] !== true || verdicts[2] !== false || verdicts[3] !== false) {
  console.log('  WARNING: the two sides do not agree on the verdicts; the figures compare different work');
}
console.log('');

const results = Object.fromEntries(rows.map(([name]) => [name, {}]));
for (const [label, answer] of Object.entries(answers)) {
  const ns = measureAll(rows.map(([, make]) => make(answer)));
  rows.forEach(([name], k) => {
    results[name][label] = ns[k];
  });
}
console.log(`${'ns/op (median of 9 rounds)'.padEnd(36)}${Object.keys(answers).map((k) => k.padStart(12)).join('')}`);
for (const [name] of rows) {
  const cells = Object.keys(answers).map((label) => results[name][label].toFixed(0).padStart(12));
  console.log(`${name.padEnd(36)}${cells.join('')}`);
}
const ratio = (a, b) =>
  Object.keys(answers)
    .map((label) => (results[a][label] / results[b][label]).toFixed(1).padStart(12))
    .join('');
console.log(`${'ratio WASM(object) / Ajv allErrors'.padEnd(36)}${ratio('WASM validate(target, object)', 'Ajv, allErrors')}`);
console.log(`${'ratio WASM(JSON text) / Ajv allErrors'.padEnd(36)}${ratio('WASM validate(target, JSON text)', 'Ajv, allErrors')}`);
console.log(`${'ratio WASM(object) / Ajv first error'.padEnd(36)}${ratio('WASM validate(target, object)', 'Ajv, first error')}`);
console.log(`${'ratio check(object) / Ajv allErrors'.padEnd(36)}${ratio('WASM check(target, object)', 'Ajv, allErrors')}`);
console.log('');
console.log(
  `doorstep_wasm_bg.wasm ${wasm.length} bytes, ${gz} bytes gzipped (Node's zlib, level 9; ` +
    `target ≤ 300 KiB, 307,200 bytes: ${gz <= 300 * 1024 ? 'within' : 'OVER'}; ` +
    `build.sh reports GNU gzip -9, about 1.5 kB less)`,
);
if (jsonFile !== undefined) {
  const figures = {
    doorstep: version(),
    ajv: ajvVersion,
    node: process.version,
    catalog: catalogPath,
    bundle: bundle.code,
    fields: form.fields.length,
    checks: (form.checks ?? []).length,
    errors: { wasm: wasmErrors, ajv: ajvErrors },
    ns: results,
    wasmBytes: wasm.length,
    wasmZlib9: gz,
  };
  writeFileSync(jsonFile, `${JSON.stringify(figures, null, 2)}\n`);
}
