// The npm package `doorstep` in Node: every shared fixture, then the binding's own contract
// (misuse throws a coded Error, domain outcomes are reports, nothing leaks).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import init, * as doorstep from 'doorstep';

import { caseOptions, caseValue, mismatches, runCase, runLabelsCase } from './fixture-rule.mjs';
import { throwsCoded } from './node-helpers.mjs';

const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/ids.json', import.meta.url), 'utf8'),
);

for (const testCase of fixtures.cases) {
  test(`fixture: ${testCase.name}`, () => {
    const { problems } = runCase(doorstep, testCase);
    assert.deepEqual(problems, []);
  });
}

const labelCases = JSON.parse(
  readFileSync(new URL('../fixtures/labels.json', import.meta.url), 'utf8'),
).cases;
for (const testCase of labelCases) {
  test(`labels fixture: ${testCase.name}`, () => {
    assert.deepEqual(runLabelsCase(doorstep, testCase).problems, []);
  });
}

test('labels: an unknown language is a coded Error', () => {
  assert.throws(() => doorstep.labels('fr'), (e) => e instanceof Error && e.code === 'arg.unknown_lang');
  assert.throws(() => doorstep.labels(5), (e) => e instanceof Error && e.code === 'arg.invalid_type');
});

const byKind = {
  resident_id: doorstep.checkResidentId,
  residence_permit: doorstep.checkResidencePermit,
  credit_code: doorstep.checkCreditCode,
  org_code: doorstep.checkOrgCode,
  mobile: doorstep.checkMobile,
  landline: doorstep.checkLandline,
  postal_code: doorstep.checkPostalCode,
  bank_card: doorstep.checkBankCard,
};

test('the per-kind functions report what checkId reports for that kind', () => {
  let compared = 0;
  for (const { input, expected } of fixtures.cases) {
    if (!input.kind) continue;
    const value = caseValue(input);
    const { at, lang } = caseOptions(input);
    const report = byKind[input.kind](value, { at, lang });
    assert.deepEqual(report, doorstep.checkId(value, caseOptions(input)));
    assert.deepEqual(mismatches(value, expected, report), []);
    compared += 1;
  }
  assert.ok(compared > 0);
});

test('every kind has its own function, in the order idKinds gives', () => {
  assert.deepEqual(doorstep.idKinds().map((k) => k.kind), Object.keys(byKind));
  assert.equal(doorstep.idKinds()[0].label, '居民身份证号码');
  assert.equal(doorstep.idKinds('en')[0].label, 'resident ID number');
});

test('in Node the package resolves to its synchronously initialised entry', async () => {
  assert.match(import.meta.resolve('doorstep'), /\/node\.js$/);
  // Code shared with browsers may still await init(); it returns the running instance.
  const wasm = await init();
  assert.ok(wasm.memory instanceof WebAssembly.Memory);
});

test('version() is the package version', () => {
  const pkg = JSON.parse(
    readFileSync(new URL(import.meta.resolve('doorstep/package.json')), 'utf8'),
  );
  assert.equal(doorstep.version(), pkg.version);
  assert.match(doorstep.version(), /^\d+\.\d+\.\d+/);
});

const han = /\p{Script=Han}/u;

test('an unknown kind throws arg.unknown_kind, in zh-CN unless lang is en', () => {
  const zh = throwsCoded(() => doorstep.checkId('13912345678', { kind: 'passport' }), 'arg.unknown_kind');
  assert.match(zh.message, han);
  assert.deepEqual(zh.params.allowed, Object.keys(byKind));
  const en = throwsCoded(
    () => doorstep.checkId('13912345678', { kind: 'passport', lang: 'en' }),
    'arg.unknown_kind',
  );
  assert.doesNotMatch(en.message, han);
  throwsCoded(() => doorstep.maskId('13912345678', 'passport'), 'arg.unknown_kind');
});

test('a bad reference date throws arg.invalid_date', () => {
  for (const at of ['2024-02-30', '2024-2-9', '', '20240101', '2024-13-01', 'today']) {
    throwsCoded(() => doorstep.checkId('11010519491231002X', { at }), 'arg.invalid_date');
    throwsCoded(() => doorstep.checkResidentId('11010519491231002X', { at }), 'arg.invalid_date');
  }
  const en = throwsCoded(
    () => doorstep.checkMobile('13912345678', { at: '1999-02-29', lang: 'en' }),
    'arg.invalid_date',
  );
  assert.doesNotMatch(en.message, han);
});

test('an unknown language throws arg.unknown_lang in zh-CN', () => {
  const e = throwsCoded(() => doorstep.checkId('13912345678', { lang: 'fr' }), 'arg.unknown_lang');
  assert.match(e.message, han);
  throwsCoded(() => doorstep.idKinds('fr'), 'arg.unknown_lang');
});

test('arguments of the wrong type throw arg.invalid_type naming the argument', () => {
  const cases = [
    [() => doorstep.checkId(35020519900307123), 'value'],
    [() => doorstep.checkResidentId(350205199003071239n), 'value'],
    [() => doorstep.checkMobile(null), 'value'],
    [() => doorstep.checkBankCard(), 'value'],
    [() => doorstep.checkCreditCode({ value: '9144030071526726XG' }), 'value'],
    [() => doorstep.checkId(['13912345678']), 'value'],
    [() => doorstep.checkId(new String('13912345678')), 'value'],
    [() => doorstep.detectIdKind(13912345678), 'value'],
    [() => doorstep.maskId(13912345678), 'value'],
    [() => doorstep.maskId('13912345678', 1), 'kind'],
    [() => doorstep.checkId('13912345678', 'mobile'), 'options'],
    [() => doorstep.checkId('13912345678', 1), 'options'],
    [() => doorstep.checkMobile('13912345678', () => {}), 'options'],
    // An array is not an options object, though it has an `at` (Array.prototype.at).
    [() => doorstep.checkId('13912345678', ['mobile']), 'options'],
    [() => doorstep.checkMobile('13912345678', []), 'options'],
    [() => doorstep.checkId('13912345678', { kind: 1 }), 'kind'],
    [() => doorstep.checkId('13912345678', { at: new Date() }), 'at'],
    [() => doorstep.checkId('13912345678', { at: 20240101 }), 'at'],
    [() => doorstep.checkMobile('13912345678', { lang: ['en'] }), 'lang'],
    [() => doorstep.idKinds(0), 'lang'],
  ];
  for (const [fn, name] of cases) {
    const e = throwsCoded(fn, 'arg.invalid_type');
    assert.equal(e.params.name, name, e.message);
    assert.ok(e.message.includes(name), e.message);
  }
  const en = throwsCoded(
    () => doorstep.checkId('13912345678', { at: 20240101, lang: 'en' }),
    'arg.invalid_type',
  );
  assert.equal(en.message, 'Argument at has the wrong type: expected a string');
});

test('absent options: undefined and null fields are defaults, extra fields are ignored', () => {
  const at = '2024-10-15';
  const want = doorstep.checkId('11010519491231002X', { at });
  assert.deepEqual(doorstep.checkId('11010519491231002X', { at, kind: undefined, lang: null }), want);
  assert.deepEqual(doorstep.checkResidentId('11010519491231002X', { at, kind: 'mobile' }), want);
  assert.equal(doorstep.checkId('13912345678').valid, true);
  assert.equal(doorstep.checkId('13912345678', null).valid, true);
});

test('without `at` the reference date is today in China Standard Time', () => {
  // One retry covers a check that straddles midnight in Xiamen.
  for (let attempt = 0; ; attempt += 1) {
    const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
    const implicit = doorstep.checkResidentId('11010519491231002X');
    const explicit = doorstep.checkResidentId('11010519491231002X', { at: today });
    if (attempt > 0 || JSON.stringify(implicit) === JSON.stringify(explicit)) {
      assert.deepEqual(implicit, explicit);
      break;
    }
  }
});

const checks = [doorstep.checkId, ...Object.values(byKind)];

test('a 10 kB string is a report with a coded error, not a throw', () => {
  const value = '1'.repeat(10 * 1024);
  for (const check of checks) {
    const report = check(value, { at: '2024-10-15' });
    assert.equal(report.valid, false);
    assert.deepEqual(report.errors.map((e) => e.code), ['id.too_long']);
    assert.deepEqual(mismatches(value, {}, report), []);
    assert.equal(report.value, `${'1'.repeat(64)}…`, 'shown cut, not echoed whole');
  }
  assert.equal(doorstep.detectIdKind(value), undefined);
  assert.equal(doorstep.maskId(value), `111${'*'.repeat(57)}1111…`, 'masked as a line');
});

test('non-ASCII input is a report with id.non_ascii', () => {
  const values = [
    '１１０１０５１９４９１２３１００２Ｘ', // full-width digits
    '11010519491231002Ｘ',
    '身份证号码',
    '1391234567８',
    '13912345678😀',
  ];
  for (const value of values) {
    for (const check of checks) {
      const report = check(value, { at: '2024-10-15', lang: 'en' });
      assert.equal(report.valid, false, value);
      assert.deepEqual(report.errors.map((e) => e.code), ['id.non_ascii'], value);
      assert.equal(report.value, value);
      assert.deepEqual(mismatches(value, {}, report), []);
    }
  }
  // A lone surrogate cannot cross into Rust as is; it arrives as U+FFFD, still non-ASCII.
  const lone = doorstep.checkId('1391234567\uD800');
  assert.deepEqual(lone.errors.map((e) => e.code), ['id.non_ascii']);
});

test('empty and blank values are reports with id.empty', () => {
  for (const value of ['', '   ', '\t\n']) {
    const report = doorstep.checkMobile(value);
    assert.equal(report.valid, false);
    assert.deepEqual(report.errors.map((e) => e.code), ['id.empty']);
  }
});

test('detectIdKind and maskId translate the core', () => {
  assert.equal(doorstep.detectIdKind('+86 139 1234 5678'), 'mobile');
  assert.equal(doorstep.detectIdKind('0592-6881234'), 'landline');
  assert.equal(doorstep.detectIdKind('11010519491231002X'), 'resident_id');
  assert.equal(doorstep.detectIdKind('hello'), undefined);
  // A valid value: its kind's mask of the normalised value, the report's `masked`.
  assert.equal(doorstep.maskId('11010519491231002x', 'resident_id'), '110105********002X');
  assert.equal(doorstep.maskId('11010519491231002x'), '110105********002X');
  assert.equal(doorstep.maskId('+86 139-1234-5678'), '139****5678');
  assert.equal(doorstep.maskId('13912341234', 'mobile'), '139****1234');
  // Not valid as the kind given (or of no kind): never shown whole.
  assert.equal(doorstep.maskId('11010519491231002X', 'credit_code'), '110***********002X');
  assert.equal(doorstep.maskId('11010519491231002Y'), '110***********002Y');
  assert.equal(doorstep.maskId(' 12345 '), '*****');
  assert.equal(doorstep.maskId('12345', undefined), '*****');
  // Public codes stay whole.
  assert.equal(doorstep.maskId('9144030071526726XG'), '9144030071526726XG');
});

test('reports are plain JSON data', () => {
  const report = doorstep.checkId('11010519491231002Y', { at: '2024-10-15' });
  assert.equal(Object.getPrototypeOf(report), Object.prototype);
  assert.equal(Object.getPrototypeOf(report.errors[0].params), Object.prototype);
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
  assert.equal(doorstep.checkId('hello').kind, null);
});

test('a whole document in an ID box: too long, shown as its first 64 characters, never copied into wasm memory', async () => {
  const wasm = await init();
  const memory = wasm.memory.buffer.byteLength;
  const document = '1'.repeat(32 * 1024 * 1024);
  for (const report of [doorstep.checkId(document), doorstep.checkMobile(document)]) {
    assert.equal(report.valid, false);
    assert.deepEqual(report.errors.map((e) => e.code), ['id.too_long']);
    assert.equal(report.value, `${'1'.repeat(64)}…`);
  }
  assert.equal(doorstep.detectIdKind(document), undefined);
  // Wasm memory only grows, so a copy of the 32 MiB would still show.
  assert.ok(wasm.memory.buffer.byteLength < memory + 32 * 1024 * 1024, 'the document was copied in');
  // Cut where a character of two UTF-16 units straddles the limit: as the core cuts the whole.
  const emoji = `${'1'.repeat(63)}😀${'2'.repeat(100)}`;
  assert.equal(doorstep.checkId(emoji).value, `${'1'.repeat(63)}…`);
});

test('thousands of calls, thrown or not, do not grow wasm memory or the externref table', async () => {
  const wasm = await init();
  const throwingAt = {
    get at() {
      throw new Error('boom');
    },
  };
  const round = () => {
    for (let i = 0; i < 2000; i += 1) {
      doorstep.checkResidentId('11010519491231002X', { at: '2024-10-15' });
      doorstep.checkId('x'.repeat(100));
      for (const misuse of [
        () => doorstep.checkId('13912345678', { kind: 'passport' }),
        () => doorstep.checkId(5),
        () => doorstep.checkId('13912345678', { at: 5 }),
        () => doorstep.checkId('13912345678', 'mobile'),
        // A getter that throws is an option of the wrong type, caught in JS.
        () => doorstep.checkId('13912345678', throwingAt),
      ]) {
        assert.throws(misuse);
      }
    }
  };
  round();
  const memory = wasm.memory.buffer.byteLength;
  const table = wasm.__wbindgen_externrefs?.length;
  for (let i = 0; i < 5; i += 1) round();
  assert.equal(wasm.memory.buffer.byteLength, memory);
  assert.equal(wasm.__wbindgen_externrefs?.length, table);
});
