// The catalogue engine of the npm package `doorstep` in Node: the shared form, lint and
// queries fixtures, then the binding's own contract for `Engine` and `lintCatalog` — misuse
// throws a coded Error, an invalid answer is a returned Validation, no JS value can crash
// the module.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import init, * as doorstep from 'doorstep';
// Lint is for catalogue authors: in the back office's module only.
import * as office from 'doorstep/backoffice';

import { caseOptions, formTarget, runFormCase, runLintCase, runQueryCase } from './fixture-rule.mjs';
import { readFixture, throwsCoded } from './node-helpers.mjs';

const { Engine } = doorstep;
const { lintCatalog } = office;

const forms = JSON.parse(readFixture('forms.json'));
const lint = JSON.parse(readFixture('lint.json'));
const queries = JSON.parse(readFixture('queries.json'));

const miniText = readFixture('catalog/mini.json');
const mini = JSON.parse(miniText);
const at = '2026-11-25';
const engine = new Engine(miniText, { at });

/** One engine per catalogue file and date, as a page keeps one. */
const engines = new Map();
function engineFor(input) {
  const key = `${input.catalog}@${input.at}`;
  if (!engines.has(key)) engines.set(key, new Engine(readFixture(input.catalog), { at: input.at }));
  return engines.get(key);
}

for (const testCase of forms.cases) {
  test(`forms fixture: ${testCase.name}`, () => {
    const { problems } = runFormCase(engineFor(testCase.input), testCase);
    assert.deepEqual(problems, []);
  });
}

for (const testCase of lint.cases) {
  test(`lint fixture: ${testCase.name}`, () => {
    const catalog = JSON.parse(readFixture(testCase.input.catalog));
    const { problems } = runLintCase(office, catalog, testCase);
    assert.deepEqual(problems, []);
  });
}

for (const testCase of queries.cases) {
  test(`queries fixture: ${testCase.name}`, () => {
    // One engine per catalogue, as of the file's loadAt (not the case's at).
    const { problems } = runQueryCase(engineFor({ catalog: testCase.input.catalog, at: queries.loadAt }), testCase);
    assert.deepEqual(problems, []);
  });
}

test('forms fixtures: the answer as JSON text gives the same Validation as the object', () => {
  for (const { input } of forms.cases) {
    if (input.answer === undefined) continue; // a case of JSON text already (answerText)
    const e = engineFor(input);
    const options = caseOptions(input);
    assert.deepEqual(
      e.validate(formTarget(input), JSON.stringify(input.answer), options),
      e.validate(formTarget(input), input.answer, options),
    );
  }
});

const han = /\p{Script=Han}/u;

/** The mini catalogue with an example nested 200 levels deep (JSON text). */
function deepCatalog() {
  const doc = structuredClone(mini);
  let node = {};
  doc.matters[0].form.example = node;
  for (let i = 0; i < 200; i += 1) {
    node.a = {};
    node = node.a;
  }
  return JSON.stringify(doc);
}
const birth = { bundle: 'birth' };
const birthCert = { matter: 'BIRTH-CERT' };

// ---------------------------------------------------------------------------------------
// Building an engine

test('Engine.load is new Engine; free() releases it, after which it cannot be used', () => {
  const loaded = Engine.load(miniText, { at });
  assert.ok(loaded instanceof Engine);
  assert.deepEqual(loaded.bundles(), engine.bundles());
  loaded.free();
  throwsCoded(() => loaded.bundles(), 'arg.freed');
  const disposed = new Engine(miniText, { at });
  disposed[Symbol.dispose]();
  throwsCoded(() => disposed.matters(), 'arg.freed');
});

test('a catalogue that fails lint is refused with engine.catalog_invalid and every problem', () => {
  const doc = structuredClone(mini);
  doc.matters[1].code = 'BIRTH-CERT';
  doc.matters[0].promisedLimitDays = 9;
  const e = throwsCoded(() => new Engine(JSON.stringify(doc), { at }), 'engine.catalog_invalid');
  assert.match(e.message, han);
  const problems = e.params.problems;
  assert.ok(Array.isArray(problems) && problems.length >= 2);
  for (const p of problems) {
    assert.equal(typeof p.code, 'string');
    assert.equal(typeof p.path, 'string');
    assert.equal(typeof p.message, 'string');
  }
  // The same problems lintCatalog gives.
  assert.deepEqual(problems, lintCatalog(JSON.stringify(doc), { at }));
  assert.ok(problems.some((p) => p.code === 'catalog.promised_over_legal'));
  const en = throwsCoded(
    () => Engine.load(JSON.stringify(doc), { at, lang: 'en' }),
    'engine.catalog_invalid',
  );
  assert.doesNotMatch(en.message, han);
});

test('a document that is not a catalogue throws the core input.* code', () => {
  const malformed = throwsCoded(() => new Engine('{"catalogVersion": ', { at }), 'input.malformed');
  assert.deepEqual(Object.keys(malformed.params).sort(), ['column', 'line']);
  throwsCoded(() => new Engine('{}', { at }), 'input.shape');
  throwsCoded(() => new Engine(JSON.stringify({ ...mini, extra: 1 }), { at }), 'input.shape');
  throwsCoded(() => new Engine(deepCatalog(), { at }), 'input.too_deep');
  // Longer than 16 MiB: refused before it is copied into wasm memory.
  const big = throwsCoded(() => new Engine(' '.repeat(16 * 1024 * 1024 + 1), { at }), 'input.too_large');
  assert.equal(big.params.max, 16 * 1024 * 1024);
});

test('misused Engine arguments throw arg.* codes', () => {
  for (const bad of [42, null, undefined, { catalog: miniText }, [miniText]]) {
    const e = throwsCoded(() => new Engine(bad, { at }), 'arg.invalid_type');
    assert.equal(e.params.name, 'catalogJson');
  }
  throwsCoded(() => new Engine(miniText, { at: '2026-02-30' }), 'arg.invalid_date');
  throwsCoded(() => new Engine(miniText, { at: 20261125 }), 'arg.invalid_type');
  throwsCoded(() => new Engine(miniText, { lang: 'fr' }), 'arg.unknown_lang');
  throwsCoded(() => new Engine(miniText, 'en'), 'arg.invalid_type');
  // Without `at`: today in China Standard Time (the examples are of 2024).
  assert.ok(new Engine(miniText) instanceof Engine);
  assert.ok(new Engine(miniText, null) instanceof Engine);
});

// ---------------------------------------------------------------------------------------
// Queries

test('matters: search by code, name or department name, case-insensitive', () => {
  const codes = (q, options = { at }) => engine.matters(q, options).map((m) => m.code);
  const all = ['BIRTH-CERT', 'MED-INSURE', 'HUKOU-BIRTH'];
  assert.deepEqual(codes(''), all);
  assert.deepEqual(codes(undefined), all);
  assert.deepEqual(codes(null), all);
  assert.deepEqual(codes('  '), all);
  assert.deepEqual(codes('birth-cert'), ['BIRTH-CERT']);
  assert.deepEqual(codes('BIRTH'), ['BIRTH-CERT', 'HUKOU-BIRTH']);
  assert.deepEqual(codes('医保参保'), ['MED-INSURE']); // name
  assert.deepEqual(codes('公安'), ['HUKOU-BIRTH']); // department name
  assert.deepEqual(codes('没有这个事项'), []);
  // Not yet in effect.
  assert.deepEqual(codes('', { at: '2023-12-31' }), []);
  const [summary] = engine.matters('BIRTH-CERT', { at });
  assert.deepEqual(summary, {
    code: 'BIRTH-CERT',
    version: 1,
    name: '出生医学证明首次签发',
    type: 'administrative_confirmation',
    department: '350205-WJ',
    departmentName: '海沧区卫生健康局',
    immediate: false,
    promisedLimitDays: 1,
    legalLimitDays: 5,
    channels: ['window', 'online'],
    levels: ['district', 'street'],
    proxyAllowed: true,
    feeFen: 0,
  });
  const e = throwsCoded(() => engine.matters(5), 'arg.invalid_type');
  assert.equal(e.params.name, 'query');
  throwsCoded(() => engine.matters('', { at: 'today' }), 'arg.invalid_date');
});

test('bundles: every bundle with its members', () => {
  assert.deepEqual(engine.bundles(), [
    {
      code: 'birth',
      name: '出生一件事',
      leadDepartment: '350205-WJ',
      members: ['BIRTH-CERT', 'HUKOU-BIRTH', 'MED-INSURE'],
      conditional: ['MED-INSURE'],
    },
  ]);
});

test("form: a matter's form as the catalogue writes it, a bundle's merged form", () => {
  const form = engine.form(birthCert, { at });
  const written = mini.matters[0].form;
  assert.deepEqual(form.fields.map((f) => f.key), written.fields.map((f) => f.key));
  assert.deepEqual(form.example, written.example);
  assert.deepEqual(form.checks, written.checks);
  const fatherId = form.fields.find((f) => f.key === 'fatherId');
  assert.deepEqual(fatherId.visibleIf, { '==': [{ var: 'married' }, true] });
  assert.equal(fatherId.required, false);
  assert.deepEqual(form.fields.find((f) => f.key === 'childSex').choices, [
    { value: 'male', label: '男' },
    { value: 'female', label: '女' },
  ]);

  const merged = engine.form(birth, { at });
  const keys = merged.fields.map((f) => f.key);
  assert.equal(new Set(keys).size, keys.length, 'each key once');
  const memberKeys = mini.matters.flatMap((m) => m.form.fields.map((f) => f.key));
  assert.deepEqual(new Set(keys), new Set(memberKeys));
  assert.deepEqual(keys.slice(0, written.fields.length), written.fields.map((f) => f.key));
  const guardians = merged.fields.find((f) => f.key === 'guardians');
  assert.equal(guardians.type, 'repeat');
  assert.deepEqual(guardians.fields.map((f) => f.key), ['name', 'relation', 'relationNote']);
  // The merged example is an answer the bundle accepts.
  const validation = engine.validate(birth, merged.example, { at });
  assert.equal(validation.valid, true, JSON.stringify(validation.errors));
  assert.deepEqual(validation.matters, ['BIRTH-CERT', 'HUKOU-BIRTH', 'MED-INSURE']);
});

test('validate: an invalid answer is a Validation, with every problem and its path', () => {
  const answer = { ...mini.matters[0].form.example, applicantId: '350205199003071238', childSex: 'boy' };
  const v = engine.validate(birthCert, answer, { at, lang: 'en' });
  assert.equal(v.valid, false);
  assert.deepEqual(v.matters, ['BIRTH-CERT']);
  assert.deepEqual(v.errors.map((e) => [e.path, e.code]), [
    ['/applicantId', 'id.checksum'],
    ['/childSex', 'form.choice'],
  ]);
  for (const e of v.errors) {
    assert.doesNotMatch(e.message, han);
    assert.ok(!e.message.includes('350205199003071238'), e.message);
  }
  assert.equal(v.normalized.applicantId, undefined, 'a bad value is not kept');
  assert.equal(v.normalized.childName, '林一一');
  // A JSON array, or any JSON that is not an object, is the answer's problem, not a misuse.
  for (const notObject of [[1, 2], '[]', '"text"', '42', 'null']) {
    const w = engine.validate(birthCert, notObject, { at });
    assert.equal(w.valid, false);
    assert.deepEqual(w.errors.map((e) => e.code), ['form.not_an_object']);
    assert.equal(w.normalized, null);
  }
  // A bundle's problems name the member matters they belong to.
  const b = engine.validate(birth, { ...answer, householdAddress: '' }, { at });
  const address = b.errors.find((e) => e.path === '/householdAddress');
  assert.deepEqual(address.params.matters, ['HUKOU-BIRTH']);
});

test('validate: the conditions of a bundle decide its members', () => {
  const example = engine.form(birth, { at }).example;
  const without = engine.validate(birth, { ...example, applyInsurance: false, bankCard: undefined }, { at });
  assert.equal(without.valid, true, JSON.stringify(without.errors));
  assert.deepEqual(without.matters, ['BIRTH-CERT', 'HUKOU-BIRTH']);
});

test('prefill: empty fields with a shared-data source are filled, entered values kept', () => {
  const residentId = '350205199003071239';
  const shared = { identity: { residentId, name: '林小红' } };
  const { applicantId: _, ...rest } = mini.matters[0].form.example;
  const filled = engine.prefill(birthCert, shared, rest, { at });
  assert.deepEqual(filled, { ...rest, applicantId: residentId });
  // The filled answer validates.
  const v = engine.validate(birthCert, filled, { at });
  assert.equal(v.valid, true, JSON.stringify(v.errors));
  // From nothing: only the fields with a source; JSON text is read like an object.
  assert.deepEqual(engine.prefill(birthCert, shared, {}, { at }), { applicantId: residentId });
  assert.deepEqual(engine.prefill(birthCert, JSON.stringify(shared), '{}', { at }), { applicantId: residentId });
  // A value already entered is kept; blank text and null are empty.
  const entered = { ...rest, applicantId: '11010519491231002X' };
  assert.deepEqual(engine.prefill(birthCert, shared, entered, { at }), entered);
  for (const empty of ['', '   ', null]) {
    assert.equal(engine.prefill(birthCert, shared, { applicantId: empty }, { at }).applicantId, residentId);
  }
  // A source the shared data lacks leaves the field empty.
  assert.deepEqual(engine.prefill(birthCert, { identity: { name: '林小红' } }, { childName: '林一一' }, { at }), {
    childName: '林一一',
  });
  assert.deepEqual(engine.prefill(birthCert, {}, {}, { at }), {});
  // A bundle fills the fields of its merged form.
  assert.equal(engine.prefill(birth, shared, {}, { at }).applicantId, residentId);
  // Misuse of the shared data is coded like misuse of the answer.
  for (const wrong of [42, null, undefined, true]) {
    const e = throwsCoded(() => engine.prefill(birthCert, wrong, {}, { at }), 'arg.invalid_type');
    assert.equal(e.params.name, 'shared');
  }
  const cyclic = {};
  cyclic.self = cyclic;
  assert.equal(throwsCoded(() => engine.prefill(birthCert, cyclic, {}, { at }), 'arg.invalid_type').params.name, 'shared');
  assert.equal(throwsCoded(() => engine.prefill(birthCert, shared, 7, { at }), 'arg.invalid_type').params.name, 'answer');
  throwsCoded(() => engine.prefill(birthCert, '{"identity": ', {}, { at }), 'input.malformed');
  throwsCoded(() => engine.prefill(birthCert, nestedObject(10_000), {}, { at }), 'input.too_deep');
  throwsCoded(() => engine.prefill(birthCert, shared, '[', { at }), 'input.malformed');
  throwsCoded(() => engine.prefill(birthCert, shared, {}, { at: '2026-02-30' }), 'arg.invalid_date');
  const en = throwsCoded(() => engine.prefill({ matter: 'NO-SUCH' }, shared, {}, { at, lang: 'en' }), 'engine.unknown_matter');
  assert.doesNotMatch(en.message, han);
});

test('materials: each document once, conditional ones when they hold, waived ones left out', () => {
  const example = engine.form(birth, { at }).example; // married: true
  const codes = (answer, options) => engine.materials(birth, answer, { at, ...options }).map((m) => m.code);
  assert.deepEqual(codes(example), [
    'applicant_id_card',
    'marriage_certificate',
    'birth_certificate',
    'household_register',
  ]);
  assert.deepEqual(codes({ ...example, married: false }), [
    'applicant_id_card',
    'birth_certificate',
    'household_register',
  ]);
  assert.deepEqual(codes(example, { available: ['identity'] }), [
    'marriage_certificate',
    'birth_certificate',
    'household_register',
  ]);
  assert.deepEqual(codes(example, { available: ['identity', 'birth_certificate'] }), [
    'marriage_certificate',
    'household_register',
  ]);
  assert.deepEqual(codes(example, { available: [] }), codes(example));
  assert.deepEqual(codes(example, { available: null }), codes(example));
  assert.deepEqual(codes(JSON.stringify(example)), codes(example));
  const [idCard, marriage] = engine.materials(birth, example, { at });
  assert.deepEqual(idCard, {
    code: 'applicant_id_card',
    name: '申请人居民身份证',
    form: 'original',
    count: 1,
    waivedBy: 'identity',
  });
  assert.deepEqual(marriage.condition, { '==': [{ var: 'married' }, true] });
  // A matter on its own.
  assert.deepEqual(engine.materials(birthCert, example, { at, available: ['identity'] }).map((m) => m.code), [
    'marriage_certificate',
  ]);
  for (const available of ['identity', [1], [null], { 0: 'identity' }, 1]) {
    const e = throwsCoded(() => engine.materials(birth, example, { at, available }), 'arg.invalid_type');
    assert.equal(e.params.name, 'available');
  }
});

// ---------------------------------------------------------------------------------------
// Misuse of targets and options

test('a target naming an unknown matter or bundle, both or neither throws engine.*', () => {
  const calls = [
    (t) => engine.form(t, { at }),
    (t) => engine.validate(t, {}, { at }),
    (t) => engine.prefill(t, {}, {}, { at }),
    (t) => engine.materials(t, {}, { at }),
  ];
  for (const call of calls) {
    throwsCoded(() => call({ matter: 'NO-SUCH' }), 'engine.unknown_matter');
    throwsCoded(() => call({ bundle: 'no-such' }), 'engine.unknown_bundle');
    throwsCoded(() => call({ matter: 'BIRTH-CERT', bundle: 'birth' }), 'engine.target');
    throwsCoded(() => call({}), 'engine.target');
    throwsCoded(() => call({ matter: undefined, bundle: null }), 'engine.target');
    // The core's Target has no other field: a typo is not silently a default.
    throwsCoded(() => call({ matter: 'BIRTH-CERT', bundel: 'birth' }), 'engine.target');
    throwsCoded(() => call({ mater: 'BIRTH-CERT' }), 'engine.target');
  }
  // Not in effect on the date asked about.
  throwsCoded(() => engine.validate(birthCert, {}, { at: '2023-06-01' }), 'engine.unknown_matter');
  const en = throwsCoded(() => engine.form({ matter: 'NO-SUCH' }, { lang: 'en' }), 'engine.unknown_matter');
  assert.doesNotMatch(en.message, han);
});

test('arguments of the wrong type throw arg.invalid_type naming the argument', () => {
  const cases = [
    [() => engine.form('BIRTH-CERT'), 'target'],
    [() => engine.form(null), 'target'],
    [() => engine.form(undefined), 'target'],
    [() => engine.form(['BIRTH-CERT']), 'target'],
    [() => engine.form({ matter: 5 }), 'matter'],
    [() => engine.validate({ bundle: ['birth'] }, {}), 'bundle'],
    [() => engine.validate(birthCert, 42, { at }), 'answer'],
    [() => engine.validate(birthCert, true, { at }), 'answer'],
    [() => engine.validate(birthCert, undefined, { at }), 'answer'],
    [() => engine.validate(birthCert, null, { at }), 'answer'],
    [() => engine.validate(birthCert, () => ({}), { at }), 'answer'],
    [() => engine.validate(birthCert, Symbol('answer'), { at }), 'answer'],
    [() => engine.validate(birthCert, 10n, { at }), 'answer'],
    [() => engine.materials(birthCert, 7, { at }), 'answer'],
    [() => engine.prefill(birthCert, 1, {}, { at }), 'shared'],
    [() => engine.prefill(birthCert, {}, undefined, { at }), 'answer'],
    [() => engine.prefill(birthCert, {}, {}, { at: 1 }), 'at'],
    [() => engine.validate(birthCert, {}, 'en'), 'options'],
    [() => engine.validate(birthCert, {}, { at: new Date() }), 'at'],
    [() => engine.validate(birthCert, {}, { lang: 1 }), 'lang'],
    [() => engine.materials(birthCert, {}, { at: 1 }), 'at'],
    [() => lintCatalog(5), 'catalogJson'],
    [() => lintCatalog(miniText, { at: 5 }), 'at'],
  ];
  for (const [fn, name] of cases) {
    const e = throwsCoded(fn, 'arg.invalid_type');
    assert.equal(e.params.name, name, e.message);
  }
  throwsCoded(() => engine.validate(birthCert, {}, { at: '2026-13-01' }), 'arg.invalid_date');
  throwsCoded(() => engine.validate(birthCert, {}, { lang: 'fr' }), 'arg.unknown_lang');
  throwsCoded(() => lintCatalog(miniText, { at: 'tomorrow' }), 'arg.invalid_date');
  throwsCoded(() => lintCatalog(miniText, { lang: 'de' }), 'arg.unknown_lang');
});

// ---------------------------------------------------------------------------------------
// Answers no page should send: guarded, coded, never a crash

/** An object nested `levels` deep (itself the first level): {a: {a: … {}}}. */
function nestedObject(levels) {
  const root = {};
  let node = root;
  for (let i = 1; i < levels; i += 1) {
    node.a = {};
    node = node.a;
  }
  return root;
}

/** An array nested `levels` deep: [[…[]]]. */
function nestedArray(levels) {
  const root = [];
  let node = root;
  for (let i = 1; i < levels; i += 1) {
    const next = [];
    node.push(next);
    node = next;
  }
  return root;
}

test('a 10,000-level nested JS object is input.too_deep, not a stack overflow', () => {
  for (const deep of [nestedObject(10_000), nestedArray(10_000), nestedObject(1_000_000)]) {
    throwsCoded(() => engine.validate(birthCert, deep, { at }), 'input.too_deep');
    throwsCoded(() => engine.materials(birth, deep, { at }), 'input.too_deep');
  }
  throwsCoded(() => engine.validate(birthCert, '['.repeat(10_000), { at }), 'input.too_deep');
  throwsCoded(() => engine.validate(birthCert, '{"a":'.repeat(100_000), { at }), 'input.too_deep');
  const en = throwsCoded(() => engine.validate(birthCert, nestedObject(10_000), { lang: 'en', at }), 'input.too_deep');
  assert.doesNotMatch(en.message, han);
});

test('the depth limit is the same for a JS object and for JSON text: 127 levels, not 128', () => {
  for (const nested of [nestedObject, nestedArray]) {
    for (const [levels, ok] of [
      [127, true],
      [128, false],
    ]) {
      const value = nested(levels);
      for (const answer of [value, JSON.stringify(value)]) {
        if (ok) {
          assert.equal(typeof engine.validate(birthCert, answer, { at }).valid, 'boolean');
        } else {
          throwsCoded(() => engine.validate(birthCert, answer, { at }), 'input.too_deep');
        }
      }
    }
  }
});

test('an answer larger than 1 MiB is input.too_large; text that is not JSON input.malformed', () => {
  const max = 1024 * 1024;
  const text = JSON.stringify({ applicantName: 'x'.repeat(max) });
  const e = throwsCoded(() => engine.validate(birthCert, text, { at }), 'input.too_large');
  assert.equal(e.params.max, max);
  throwsCoded(() => engine.validate(birthCert, JSON.parse(text), { at }), 'input.too_large');
  // Counted in UTF-8 bytes: 400,000 Han characters are 1.2 MB.
  throwsCoded(() => engine.validate(birthCert, { applicantName: '林'.repeat(400_000) }, { at }), 'input.too_large');
  // A 100 MB string is refused before it is copied.
  throwsCoded(() => engine.validate(birthCert, ' '.repeat(100 * max), { at }), 'input.too_large');
  // Just under the limit is an answer (with problems).
  const near = engine.validate(birthCert, { applicantName: 'x'.repeat(max - 100) }, { at });
  assert.equal(near.valid, false);
  const bad = throwsCoded(() => engine.validate(birthCert, '{"applicantName": ', { at }), 'input.malformed');
  assert.deepEqual(Object.keys(bad.params).sort(), ['column', 'line']);
  throwsCoded(() => engine.validate(birthCert, '', { at }), 'input.malformed');
  throwsCoded(() => engine.validate(birthCert, "{'a': 1}", { at }), 'input.malformed');
});

test('values JSON cannot hold are arg.invalid_type; a throwing getter cannot wedge the engine', () => {
  const cyclic = { applicantName: '林小红' };
  cyclic.self = cyclic;
  const throwingGetter = {
    get applicantName() {
      throw new Error('boom');
    },
  };
  const throwingToJson = { toJSON: () => { throw new Error('boom'); } };
  const hostile = new Proxy({}, {
    ownKeys() {
      throw new Error('boom');
    },
  });
  for (const answer of [cyclic, { n: 1n }, throwingGetter, throwingToJson, hostile, { toJSON: () => undefined }]) {
    const e = throwsCoded(() => engine.validate(birthCert, answer, { at }), 'arg.invalid_type');
    assert.equal(e.params.name, 'answer');
  }
  // Options and targets with throwing getters are misuse too.
  const badOptions = { get at() { throw new Error('boom'); } };
  throwsCoded(() => engine.validate(birthCert, {}, badOptions), 'arg.invalid_type');
  const badTarget = { get matter() { throw new Error('boom'); } };
  throwsCoded(() => engine.form(badTarget), 'arg.invalid_type');
  // Reentrance from a toJSON is answered, and the engine still works afterwards.
  const reentrant = { toJSON: () => ({ applicantName: engine.bundles()[0].name }) };
  assert.equal(engine.validate(birthCert, reentrant, { at }).normalized.applicantName, '出生一件事');
  assert.equal(engine.validate(birth, engine.form(birth, { at }).example, { at }).valid, true);
});

test('JSON semantics for JS values: undefined and functions are left out, Dates are text', () => {
  const example = mini.matters[0].form.example;
  const v = engine.validate(birthCert, { ...example, fatherId: undefined, married: false, helper: undefined, fn() {} }, { at });
  assert.equal(v.valid, true, JSON.stringify(v.errors));
  const d = engine.validate(birthCert, { ...example, childBirthDate: new Date('2024-08-01T00:00:00Z') }, { at });
  assert.deepEqual(d.errors.map((e) => [e.path, e.code]), [['/childBirthDate', 'form.date']]);
});

test('a lone surrogate in an object is U+FFFD, as in a string argument, not a thrown input.*', () => {
  const example = mini.matters[0].form.example;
  // Half an emoji, as a `maxlength` or a `slice` in UTF-16 leaves it.
  const cut = '林小红😀'.slice(0, -1);
  assert.equal(doorstep.checkId(cut).value, '林小红\ufffd');
  const v = engine.validate(birthCert, { ...example, applicantName: cut }, { at });
  assert.equal(v.valid, true, JSON.stringify(v.errors));
  assert.equal(v.normalized.applicantName, '林小红\ufffd');
  assert.equal(engine.check(birthCert, { ...example, applicantName: `\udc00${cut}` }, { at }).valid, true);
  // A backslash before the letters of an escape is text; one before a lone surrogate too.
  for (const [name, read] of [
    ['a\\ud800', 'a\\ud800'],
    ['a\\\\ud83d', 'a\\\\ud83d'],
    ['a\\\ud800b', 'a\\\ufffdb'],
    ['😀\ud83d😀', '😀\ufffd😀'],
  ]) {
    const named = engine.validate(birthCert, { ...example, applicantName: name }, { at });
    assert.equal(named.normalized.applicantName, read);
  }
  // Every object argument is read so: a case's command, a policy profile.
  const report = engine.matchPolicies({ kind: 'person', name: cut }, { at });
  assert.deepEqual(report.errors, []);
});

test('thousands of validations and misuses (caught exceptions too) do not grow wasm memory or the externref table', async () => {
  const wasm = await init();
  const example = engine.form(birth, { at }).example;
  const deep = nestedObject(10_000);
  const cyclic = {};
  cyclic.self = cyclic;
  const throwingOptions = {
    get at() {
      throw new Error('boom');
    },
  };
  const round = () => {
    for (let i = 0; i < 300; i += 1) {
      engine.validate(birth, example, { at });
      engine.validate(birthCert, { applicantId: 'x' }, { at, lang: 'en' });
      engine.materials(birth, example, { at, available: ['identity'] });
      engine.prefill(birth, { identity: { residentId: '350205199003071239' } }, {}, { at });
      for (const misuse of [
        () => engine.validate({ matter: 'NO-SUCH' }, {}, { at }),
        () => engine.validate(birthCert, deep, { at }),
        () => engine.validate(birthCert, '{', { at }),
        () => engine.form({ matter: 5 }),
        () => engine.validate(birthCert, cyclic, { at }),
        () => engine.validate(birthCert, {}, throwingOptions),
        () => engine.materials(birth, {}, { at, available: [1] }),
        () => engine.prefill(birth, cyclic, {}, { at }),
      ]) {
        assert.throws(misuse);
      }
    }
    new Engine(miniText, { at }).free();
    assert.throws(() => new Engine('{}', { at }));
  };
  round();
  const memory = wasm.memory.buffer.byteLength;
  const table = wasm.__wbindgen_externrefs?.length;
  for (let i = 0; i < 3; i += 1) round();
  assert.equal(wasm.memory.buffer.byteLength, memory);
  assert.equal(wasm.__wbindgen_externrefs?.length, table);
});

test('a revoked Proxy anywhere is arg.invalid_type: 2,000 of them leave both modules, the engine and free() working', async () => {
  const wasm = await init();
  const officeWasm = await office.default();
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const used = new Engine(miniText, { at });
  const officeEngine = new office.Engine(miniText, { at });
  // `Array.isArray` throws on a revoked proxy: every place that asks it of a page's value.
  const calls = [
    ['target', () => used.form(revoked)],
    ['target', () => used.validate(revoked, {}, { at })],
    ['options', () => used.form(birth, revoked)],
    ['options', () => used.matters('', revoked)],
    ['options', () => doorstep.checkResidentId('11010519491231002X', revoked)],
    ['options', () => new Engine(miniText, revoked)],
    ['available', () => used.materials(birth, {}, { at, available: revoked })],
    ['members', () => used.decide(null, {}, {}, { members: revoked })],
    ['events', () => officeEngine.replay(revoked)],
    ['answer', () => used.validate(birthCert, revoked, { at })],
  ];
  const round = () => {
    for (let i = 0; i < 200; i += 1) {
      for (const [name, call] of calls) assert.equal(throwsCoded(call, 'arg.invalid_type').params.name, name);
    }
  };
  round();
  const before = [wasm.memory.buffer.byteLength, wasm.__wbindgen_externrefs?.length];
  const officeBefore = [officeWasm.memory.buffer.byteLength, officeWasm.__wbindgen_externrefs?.length];
  round();
  assert.deepEqual([wasm.memory.buffer.byteLength, wasm.__wbindgen_externrefs?.length], before);
  assert.deepEqual([officeWasm.memory.buffer.byteLength, officeWasm.__wbindgen_externrefs?.length], officeBefore);
  // Nothing stayed borrowed: the engines answer, and free() releases them.
  const example = used.form(birth, { at }).example;
  assert.equal(used.validate(birth, example, { at }).valid, true);
  assert.deepEqual(officeEngine.replay([]), { cases: [], rejected: [] });
  used.free();
  officeEngine.free();
  assert.equal(doorstep.checkResidentId('11010519491231002X', { at: '2024-10-15' }).valid, true);
  new Engine(miniText, { at }).free();
});

test('a freed Engine throws arg.freed, in the language of the options; a second free() does nothing', () => {
  const freed = new Engine(miniText, { at });
  const validate = freed.validate.bind(freed);
  freed.free();
  const zh = throwsCoded(() => freed.form(birth), 'arg.freed');
  assert.match(zh.message, han);
  assert.equal(zh.params, undefined);
  throwsCoded(() => validate(birth, {}), 'arg.freed');
  throwsCoded(() => freed.matters(), 'arg.freed');
  throwsCoded(() => freed.bundles(), 'arg.freed');
  const en = throwsCoded(() => freed.validate(birth, {}, { at, lang: 'en' }), 'arg.freed');
  assert.doesNotMatch(en.message, han);
  // Options whose `lang` cannot be read: zh-CN.
  const hostile = { get lang() { throw new Error('boom'); } };
  assert.match(throwsCoded(() => freed.form(birth, hostile), 'arg.freed').message, han);
  assert.equal(freed.free(), undefined);
  assert.equal(freed.free(), undefined);
  freed[Symbol.dispose]();
  const disposed = new Engine(miniText, { at });
  disposed[Symbol.dispose]();
  disposed[Symbol.dispose]();
  throwsCoded(() => disposed.form(birth), 'arg.freed');
  // The wrapped methods keep their names and arities.
  assert.equal(Engine.prototype.validate.name, 'validate');
  assert.equal(Engine.prototype.validate.length, 3);
  assert.equal(engine.bundles().length, 1);
});

test("a method called on another module's Engine, or on any other object, is arg.invalid_type naming this", () => {
  const a = new Engine(miniText, { at });
  const b = new office.Engine(miniText, { at });
  const example = a.form(birth, { at }).example;
  for (const [call, lang] of [
    [() => Engine.prototype.bundles.call(b), null],
    [() => Engine.prototype.form.call(b, birth, { lang: 'en' }), 'en'],
    [() => Engine.prototype.matters.call({ __wbg_ptr: 1 << 20 }), null],
    [() => office.Engine.prototype.validate.call(a, birth, example, { at }), null],
    [() => Engine.prototype.validate.call(undefined, birth, example), null],
    [() => Engine.prototype.free.call(b), null],
    [() => office.Engine.prototype.free.call(a), null],
    [() => Engine.prototype[Symbol.dispose].call({ __wbg_ptr: 8 }), null],
  ]) {
    const e = throwsCoded(call, 'arg.invalid_type');
    assert.deepEqual(e.params, { name: 'this', expected: 'Engine' });
    if (lang === 'en') assert.doesNotMatch(e.message, han);
    else assert.match(e.message, han);
  }
  // Both modules and both engines still work.
  assert.equal(a.validate(birth, example, { at }).valid, true);
  assert.equal(b.validate(birth, example, { at }).valid, true);
  assert.equal(doorstep.checkResidentId('11010519491231002X', { at: '2024-10-15' }).valid, true);
  a.free();
  b.free();
});

test('short string arguments longer than 4,096 UTF-16 units are arg.too_long, refused before they are copied', async () => {
  const wasm = await init();
  const long = 'a'.repeat(4097);
  const huge = 'a'.repeat(8 * 1024 * 1024);
  const calls = (text) => [
    ['lang', () => engine.form(birth, { lang: text })],
    ['at', () => engine.form(birth, { at: text })],
    ['query', () => engine.matters(text, { at })],
    ['path', () => engine.validateField(birth, {}, `/${text}`, { at })],
    ['bundle', () => engine.form({ bundle: text })],
    ['matter', () => engine.validate({ matter: text }, {}, { at })],
    ['kind', () => doorstep.checkId('1', { kind: text })],
    ['at', () => doorstep.checkResidentId('11010519491231002X', { at: text })],
    ['kind', () => doorstep.maskId('13912345678', text)],
    ['lang', () => doorstep.labels(text)],
    ['lang', () => doorstep.idKinds(text)],
    ['available', () => engine.materials(birth, {}, { at, available: [text] })],
    ['available', () => engine.materials(birth, {}, { at, available: Array(4097).fill('identity') })],
    ['now', () => engine.deadline({}, text)],
    ['caseId', () => doorstep.timeline('', text)],
  ];
  for (const [name, call] of calls(long)) {
    const e = throwsCoded(call, 'arg.too_long');
    assert.deepEqual(e.params, { name, max: 4096 }, e.message);
    assert.match(e.message, han);
  }
  assert.doesNotMatch(throwsCoded(() => engine.form(birth, { at: long, lang: 'en' }), 'arg.too_long').message, han);
  // 4,096 is accepted (and read as what it is).
  throwsCoded(() => engine.form(birth, { at: 'a'.repeat(4096) }), 'arg.invalid_date');
  assert.deepEqual(engine.matters(' '.repeat(4096), { at }).length, engine.matters('', { at }).length);
  // Memory stays as it was, however long the value.
  const memory = wasm.memory.buffer.byteLength;
  for (const [, call] of calls(huge)) throwsCoded(call, 'arg.too_long');
  assert.equal(wasm.memory.buffer.byteLength, memory);
  // Documents keep their own limits: an identifier is cut, a value to mask is masked as its
  // first 64 bytes and `…` (only they are copied in), an answer may be 1 MiB.
  assert.equal(doorstep.checkResidentId(long).errors[0].code, 'id.too_long');
  assert.equal(doorstep.maskId(long).length, 65);
  assert.ok(doorstep.maskId(long).endsWith('…'));
  assert.equal(wasm.memory.buffer.byteLength, memory);
  assert.equal(engine.validate(birthCert, { applicantName: long }, { at }).valid, false);
});

test('lintCatalog: every problem with its path; an unreadable document is one problem at ""', () => {
  assert.deepEqual(lintCatalog(miniText, { at }), []);
  const doc = structuredClone(mini);
  doc.orgs[5].parent = '350205';
  const problems = lintCatalog(JSON.stringify(doc), { at, lang: 'en' });
  assert.deepEqual(problems.map((p) => [p.path, p.code]), [['/orgs/5/level', 'catalog.wrong_level']]);
  assert.doesNotMatch(problems[0].message, han);
  for (const [text, code] of [
    ['{', 'input.malformed'],
    ['{}', 'input.shape'],
    [deepCatalog(), 'input.too_deep'],
    [' '.repeat(16 * 1024 * 1024 + 1), 'input.too_large'],
  ]) {
    const [problem, ...rest] = lintCatalog(text, { at });
    assert.deepEqual(rest, []);
    assert.equal(problem.code, code);
    assert.equal(problem.path, '');
    assert.notEqual(problem.message, '');
  }
  assert.equal(lintCatalog(' '.repeat(16 * 1024 * 1024 + 1), { lang: 'en' })[0].params.max, 16 * 1024 * 1024);
});
