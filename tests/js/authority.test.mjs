// 盖章 and 用印台账 in the npm package `doorstep`, in Node: the shared authority fixtures
// (tests/fixtures/authority/*.json), then the binding's contract for `Engine.verifyStamp`,
// `Engine.authorize`, `Engine.verifyLedger`, `ledgerAppend` and `contentDigest` — a stamp that
// fails and a broken ledger are returned reports, misuse throws a coded Error, no JS value
// can crash the module.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';

// The back office's module (a superset of the default one): these calls are there only.
import init, * as doorstep from 'doorstep/backoffice';

import { authorityCatalogAt, ledgerText, runLedgerCase, runStampCase } from './fixture-rule.mjs';
import { readFixture, throwsCoded } from './node-helpers.mjs';

const { Engine, contentDigest, ledgerAppend } = doorstep;

const stamps = JSON.parse(readFixture('authority/stamps.json'));
const ledgers = JSON.parse(readFixture('authority/ledgers.json'));

/** One engine per catalogue file and date, as a page keeps one. */
const engines = new Map();
function engineFor(input) {
  const at = authorityCatalogAt(input);
  const key = `${input.catalog}@${at}`;
  if (!engines.has(key)) engines.set(key, new Engine(readFixture(input.catalog), { at }));
  return engines.get(key);
}

for (const testCase of stamps.cases) {
  test(`stamps fixture: ${testCase.name}`, () => {
    const { problems } = runStampCase(engineFor(testCase.input), testCase);
    assert.deepEqual(problems, []);
  });
}

for (const testCase of ledgers.cases) {
  test(`ledgers fixture: ${testCase.name}`, () => {
    const engine = testCase.input.catalog === undefined ? null : engineFor(testCase.input);
    const { problems } = runLedgerCase(doorstep, engine, testCase);
    assert.deepEqual(problems, []);
  });
}

test('stamps fixtures: a stamp as JSON text gives the same report (or error) as the object', () => {
  const outcome = (fn) => {
    try {
      return fn();
    } catch (e) {
      return { error: e.code };
    }
  };
  for (const { input } of stamps.cases.filter((c) => c.input.stamp !== undefined)) {
    const engine = engineFor(input);
    assert.deepEqual(
      outcome(() => engine.verifyStamp(JSON.stringify(input.stamp))),
      outcome(() => engine.verifyStamp(input.stamp)),
    );
  }
});

// ---------------------------------------------------------------------------------------
// The binding's contract

const catalogText = readFixture('catalog/authority.json');
const engine = new Engine(catalogText, { at: '2026-11-25' });
const han = /\p{Script=Han}/u;

const content = '海沧区医保参保登记决定书 HC-2025-000001';
const digest = contentDigest(content);
/** A valid stamp: an entrusted station deciding within scope. */
const stamp = {
  seal: 'seal-st1',
  case: 'HC-2025-000001',
  matter: 'MED-INSURE',
  step: 'decide',
  operator: { id: 'op-0101', role: 'back_office' },
  place: '350205-001-01',
  at: '2025-05-01T10:00:00+08:00',
  digest,
};

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

test('contentDigest: SHA-256 of the UTF-8 bytes, lowercase hex', () => {
  assert.equal(contentDigest(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(contentDigest('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  for (const text of [content, '林'.repeat(10_000), 'x\u{1F600}y']) {
    assert.equal(contentDigest(text), createHash('sha256').update(text, 'utf8').digest('hex'));
  }
  // A lone surrogate counts as U+FFFD, as TextEncoder makes it.
  assert.equal(contentDigest('a\uD800b'), contentDigest('a\uFFFDb'));
  for (const bad of [5, null, undefined, { content }, [content], new TextEncoder().encode(content)]) {
    assert.equal(throwsCoded(() => contentDigest(bad), 'arg.invalid_type').params.name, 'content');
  }
});

test('verifyStamp: a valid stamp, its chain and in whose name it stands', () => {
  const report = engine.verifyStamp(stamp);
  assert.deepEqual(report, {
    valid: true,
    actsInNameOf: '350205-001',
    chain: [
      {
        grant: 'g-yb-street',
        mode: 'devolve',
        principal: '350205-YB',
        agent: '350205-001',
        validFrom: '2024-01-01',
        validUntil: '2026-12-31',
        legalBasis: '《福建省人民政府关于向基层下放行政权力事项的决定》',
        publication: '海政办〔2024〕12号',
      },
      {
        grant: 'g-yb-st1',
        mode: 'entrust',
        principal: '350205-001',
        agent: '350205-001-01',
        validFrom: '2024-01-01',
        validUntil: '2026-12-31',
        legalBasis: '《中华人民共和国行政许可法》第二十四条',
        publication: '海政办〔2024〕9号',
      },
    ],
    failures: [],
  });
  // The same stamp as JSON text; `act: "ordinary"` is the default.
  assert.deepEqual(engine.verifyStamp(JSON.stringify(stamp)), report);
  assert.deepEqual(engine.verifyStamp({ ...stamp, act: 'ordinary' }), report);
});

test('verifyStamp: a stamp that fails is a returned report with every failure, in lang', () => {
  const bad = {
    ...stamp,
    seal: 'seal-st3',
    place: '350205-001-02',
    step: 'decide',
    act: 'revocation',
    operator: { id: 'op-9', role: 'supervisor' },
    digest: contentDigest(''),
  };
  const zh = engine.verifyStamp(bad);
  assert.equal(zh.valid, false);
  const codes = zh.failures.map((f) => f.code);
  for (const code of ['seal.revoked', 'seal.wrong_premises', 'stamp.official_seal_required', 'stamp.empty_digest', 'stamp.supervisor_decides']) {
    assert.ok(codes.includes(code), `${code} in ${codes}`);
  }
  for (const f of zh.failures) assert.match(f.message, han);
  const en = engine.verifyStamp(bad, { lang: 'en' });
  assert.deepEqual(en.failures.map((f) => f.code), codes);
  for (const f of en.failures) assert.doesNotMatch(f.message, han);
  assert.deepEqual(zh.failures.find((f) => f.code === 'seal.revoked').params, { since: '2025-01-01T00:00:00+08:00' });
  // Structure failures: unknown seal, matter and place, a digest that is not hex.
  const unknown = engine.verifyStamp({ ...stamp, seal: 'no-seal', matter: 'NO-SUCH', place: 'nowhere', digest: 'xyz' });
  assert.deepEqual(unknown.failures.map((f) => f.code), [
    'stamp.unknown_seal',
    'stamp.unknown_matter',
    'stamp.unknown_org',
    'stamp.bad_digest',
  ]);
  assert.deepEqual(unknown.chain, []);
  assert.equal(unknown.actsInNameOf, undefined);
  assert.equal('actsInNameOf' in unknown, false);
});

test('authorize: the chain an act relies on, without a seal', () => {
  const query = { org: '350205-001-01', matter: 'MED-INSURE', step: 'decide', at: '2025-05-01T10:00:00+08:00' };
  const report = engine.authorize(query);
  assert.equal(report.valid, true);
  assert.deepEqual(report.chain.map((l) => l.grant), ['g-yb-street', 'g-yb-st1']);
  assert.equal(report.actsInNameOf, '350205-001');
  // The responsible department on its own authority.
  assert.deepEqual(engine.authorize({ ...query, org: '350205-YB' }), {
    valid: true,
    actsInNameOf: '350205-YB',
    chain: [],
    failures: [],
  });
  const none = engine.authorize({ ...query, org: '350205-GA' }, { lang: 'en' });
  assert.deepEqual(none.failures.map((f) => f.code), ['authority.no_chain']);
  assert.doesNotMatch(none.failures[0].message, han);
  const early = engine.authorize({ ...query, at: '2023-05-01T10:00:00+08:00' });
  assert.equal(early.valid, false);
  assert.deepEqual(engine.authorize({ ...query, matter: 'NO-SUCH' }).failures.map((f) => f.code), ['stamp.unknown_matter']);
});

test('a stamp or query that is not one throws input.* codes', () => {
  const cases = [
    [() => engine.verifyStamp('{"seal": "seal-st1",'), 'input.malformed'],
    [() => engine.verifyStamp(''), 'input.malformed'],
    [() => engine.verifyStamp('{}'), 'input.shape'],
    [() => engine.verifyStamp([stamp]), 'input.shape'],
    [() => engine.verifyStamp({ ...stamp, extra: 1 }), 'input.shape'],
    [() => engine.verifyStamp({ ...stamp, step: 'sign' }), 'input.shape'],
    [() => engine.verifyStamp({ ...stamp, act: 'void' }), 'input.shape'],
    [() => engine.verifyStamp({ ...stamp, operator: { id: 'op', role: 'clerk' } }), 'input.shape'],
    [() => engine.verifyStamp({ ...stamp, at: '2025-05-01T10:00:00' }), 'input.shape'],
    [() => engine.verifyStamp({ ...stamp, at: '2025-05-01' }), 'input.shape'],
    [() => engine.verifyStamp({ ...stamp, seal: '' }), 'input.shape'],
    [() => engine.verifyStamp({ ...stamp, case: 'x'.repeat(513) }), 'input.shape'],
    [() => engine.verifyStamp({ ...stamp, digest: 'f'.repeat(65) }), 'input.shape'],
    [() => engine.verifyStamp({ ...stamp, place: 'x'.repeat(20_000) }), 'input.too_large'],
    [() => engine.verifyStamp(' '.repeat(16 * 1024 + 1)), 'input.too_large'],
    [() => engine.verifyStamp(' '.repeat(100 << 20)), 'input.too_large'],
    // serde stops at the first value of the wrong type, before any depth limit.
    [() => engine.verifyStamp({ ...stamp, place: nestedObject(200) }), 'input.shape'],
    [() => engine.verifyStamp(nestedObject(1_000_000)), 'input.too_deep'],
    [() => engine.authorize({ org: 'x', matter: 'y', step: 'decide' }), 'input.shape'],
    [() => engine.authorize({ org: 'x', matter: 'y', step: 'sign', at: stamp.at }), 'input.shape'],
    [() => engine.authorize({ org: 'x', matter: 'y', step: 'decide', at: stamp.at, extra: 1 }), 'input.shape'],
    [() => engine.authorize({ org: 'x'.repeat(20_000), matter: 'y', step: 'decide', at: stamp.at }), 'input.too_large'],
  ];
  for (const [fn, code] of cases) throwsCoded(fn, code);
  const e = throwsCoded(() => engine.verifyStamp('{"seal": ', { lang: 'en' }), 'input.malformed');
  assert.doesNotMatch(e.message, han);
  assert.deepEqual(Object.keys(e.params).sort(), ['column', 'line']);
  assert.equal(throwsCoded(() => engine.verifyStamp(' '.repeat(16 * 1024 + 1)), 'input.too_large').params.max, 16 * 1024);
});

test(
  'a number where a step is expected is input.shape, as for any other wrong type',
  { todo: 'core bug: doorstep::input::parse_json reports it as input.malformed (core/tests/authority.rs)' },
  () => {
    throwsCoded(() => engine.verifyStamp({ ...stamp, step: 4 }), 'input.shape');
  },
);

test('arguments of the wrong type throw arg.invalid_type naming the argument', () => {
  const cyclic = { ...stamp };
  cyclic.self = cyclic;
  const throwing = {
    get seal() {
      throw new Error('boom');
    },
  };
  const cases = [
    [() => engine.verifyStamp(42), 'stamp'],
    [() => engine.verifyStamp(null), 'stamp'],
    [() => engine.verifyStamp(undefined), 'stamp'],
    [() => engine.verifyStamp(cyclic), 'stamp'],
    [() => engine.verifyStamp(throwing), 'stamp'],
    [() => engine.verifyStamp({ n: 1n }), 'stamp'],
    [() => engine.verifyStamp(stamp, 'en'), 'options'],
    [() => engine.verifyStamp(stamp, { lang: 1 }), 'lang'],
    [() => engine.authorize(JSON.stringify({ org: 'x' })), 'query'],
    [() => engine.authorize(null), 'query'],
    [() => engine.authorize(cyclic), 'query'],
    [() => engine.verifyLedger(5), 'ledger'],
    [() => engine.verifyLedger(null), 'ledger'],
    [() => engine.verifyLedger(['']), 'ledger'],
    [() => engine.verifyLedger('', 'head'), 'head'],
    [() => engine.verifyLedger('', 7), 'head'],
    [() => engine.verifyLedger('', null, { at: 5 }), 'at'],
    [() => ledgerAppend(null), 'request'],
    [() => ledgerAppend(undefined), 'request'],
    [() => ledgerAppend(JSON.stringify({ stamp })), 'request'],
    [() => ledgerAppend(cyclic), 'request'],
  ];
  for (const [fn, name] of cases) {
    const e = throwsCoded(fn, 'arg.invalid_type');
    assert.equal(e.params.name, name, e.message);
  }
  throwsCoded(() => engine.verifyStamp(stamp, { lang: 'fr' }), 'arg.unknown_lang');
  throwsCoded(() => engine.verifyStamp(stamp, { at: '2025-02-30' }), 'arg.invalid_date');
  const en = throwsCoded(() => engine.authorize(5, { lang: 'en' }), 'arg.invalid_type');
  assert.doesNotMatch(en.message, han);
});

/** Appends `stamps` to the ledger ending at `head`: the text and the head after it. */
function appendAll(list, head = null, alg = undefined) {
  let text = '';
  for (const s of list) {
    const appended = ledgerAppend({ alg, head, stamp: s });
    text += `${appended.line}\n`;
    head = appended.head;
  }
  return { text, head };
}

const ledgerStamps = [
  stamp,
  { ...stamp, case: 'HC-2025-000002', step: 'receive', operator: { id: 'op-0102', role: 'front_desk' } },
  { ...stamp, case: 'HC-2025-000003', at: '2025-05-02T09:30:00+08:00', acceptedBy: 'op-0102' },
];

test('ledgerAppend: canonical lines chained by hash, the head to keep', () => {
  const first = ledgerAppend({ stamp });
  assert.deepEqual(Object.keys(first).sort(), ['head', 'line']);
  assert.equal(first.head.entries, 1);
  assert.match(first.head.hash, /^[0-9a-f]{64}$/);
  const entry = JSON.parse(first.line);
  assert.deepEqual(Object.keys(entry), ['seq', 'alg', 'prev', 'stamp', 'hash']);
  assert.equal(entry.seq, 1);
  assert.equal(entry.alg, 'sha256');
  assert.equal(entry.prev, '0'.repeat(64));
  assert.equal(entry.hash, first.head.hash);
  assert.deepEqual(entry.stamp, stamp);
  // The same request gives the same line; `alg: "sha256"` and `head: null` are the defaults.
  assert.deepEqual(ledgerAppend({ alg: 'sha256', head: null, stamp }), first);
  assert.deepEqual(ledgerAppend({ stamp, head: undefined }), first);
  const second = ledgerAppend({ head: first.head, stamp: ledgerStamps[1] });
  assert.equal(second.head.entries, 2);
  assert.equal(JSON.parse(second.line).prev, first.head.hash);
});

test('ledgerAppend: misuse throws input.* or ledger.* codes', () => {
  for (const [request, code] of [
    [{}, 'input.shape'],
    [{ stamp, extra: 1 }, 'input.shape'],
    [{ stamp, alg: 'md5' }, 'input.shape'],
    [{ stamp, head: { entries: -1, hash: '0'.repeat(64) } }, 'input.shape'],
    [{ stamp, head: { entries: 1.5, hash: '0'.repeat(64) } }, 'input.shape'],
    [{ stamp, head: { entries: 1 } }, 'input.shape'],
    [{ stamp: { ...stamp, step: 'sign' } }, 'input.shape'],
    [[stamp], 'input.shape'],
    [{ stamp: { ...stamp, seal: '' } }, 'ledger.malformed'],
    [{ stamp: { ...stamp, case: 'x'.repeat(513) } }, 'ledger.malformed'],
    [{ stamp: { ...stamp, place: 'x'.repeat(40_000) } }, 'input.too_large'],
    [{ stamp: { ...stamp, place: nestedObject(200) } }, 'input.shape'],
    [nestedObject(1_000_000), 'input.too_deep'],
    [{ alg: 'sm3', stamp }, 'ledger.unsupported_alg'],
  ]) {
    throwsCoded(() => ledgerAppend(request), code);
  }
});

test('verifyLedger: an intact ledger, with and without its kept head', () => {
  const { text, head } = appendAll(ledgerStamps);
  const report = engine.verifyLedger(text, head);
  assert.deepEqual(report, { valid: true, entries: 3, head, problems: [] });
  assert.deepEqual(engine.verifyLedger(text), report);
  assert.deepEqual(engine.verifyLedger(text, null, { lang: 'en' }), report);
  // Without the final newline too.
  assert.deepEqual(engine.verifyLedger(text.slice(0, -1), head), report);
  // An empty ledger.
  assert.deepEqual(engine.verifyLedger(''), { valid: true, entries: 0, head: { entries: 0, hash: '0'.repeat(64) }, problems: [] });
  // Continuing from a kept head.
  const more = appendAll([ledgerStamps[0]], head);
  assert.equal(engine.verifyLedger(text + more.text, more.head).valid, true);
});

test('verifyLedger: a broken ledger is a returned report, each problem on its line', () => {
  const { text, head } = appendAll(ledgerStamps);
  const lines = text.slice(0, -1).split('\n');
  const problems = (t, h = head, lang = undefined) =>
    engine.verifyLedger(t, h, { lang }).problems.map((p) => [p.line, p.code]);
  // A changed byte in a stamp.
  const changed = [lines[0], lines[1].replace('HC-2025-000002', 'HC-2025-000009'), lines[2]];
  assert.deepEqual(problems(ledgerText(changed)), [[2, 'ledger.hash_mismatch']]);
  // A removed line: the order breaks on the next one, and the head does not match.
  const removed = engine.verifyLedger(ledgerText([lines[0], lines[2]]), head);
  assert.equal(removed.valid, false);
  assert.deepEqual(removed.problems.map((p) => [p.line, p.code]), [
    [2, 'ledger.sequence'],
    [2, 'ledger.broken_link'],
    [2, 'ledger.head_mismatch'],
  ]);
  assert.deepEqual(removed.problems[0].params, { expected: 2, found: 3 });
  assert.equal(removed.problems[0].seq, 3);
  assert.equal(removed.entries, 2);
  // The newest entry cut off: only the kept head tells.
  assert.deepEqual(problems(ledgerText(lines.slice(0, 2))), [[2, 'ledger.head_mismatch']]);
  assert.deepEqual(problems(ledgerText(lines.slice(0, 2)), null), []);
  // A line that is not an entry; a line not in canonical form.
  assert.deepEqual(problems(ledgerText([lines[0], '{', lines[2]]), null), [
    [2, 'ledger.malformed'],
    [3, 'ledger.sequence'],
    [3, 'ledger.broken_link'],
  ]);
  const spaced = JSON.stringify(JSON.parse(lines[0]), null, 1).replaceAll('\n', '');
  assert.deepEqual(problems(ledgerText([spaced, lines[1], lines[2]]))[0], [1, 'ledger.not_canonical']);
  // An intact entry whose stamp fails verification.
  const invalid = appendAll([{ ...stamp, seal: 'seal-st3' }]);
  const report = engine.verifyLedger(invalid.text, invalid.head, { lang: 'en' });
  assert.deepEqual(report.problems.map((p) => [p.line, p.code]), [[1, 'ledger.invalid_stamp']]);
  assert.ok(report.problems[0].params.failures.includes('seal.revoked'));
  assert.doesNotMatch(report.problems[0].message, han);
  assert.equal(report.problems[0].seq, 1);
});

test('verifyLedger: a sequence number past 2^53 - 1 is a malformed line, reported, not thrown', () => {
  // The core reads sequence numbers and counts up to 2^53 - 1 only (authority::ledger::MAX_SEQ),
  // so that every number a report holds is exact in JS.
  const { text } = appendAll([stamp]);
  const huge = text.replace('"seq":1,', '"seq":18446744073709551615,');
  const max = 2 ** 53 - 1;
  // A head may count up to 2^53 - 1 (its hash is not the genesis hash, which counts none).
  const report = engine.verifyLedger(huge, { entries: max, hash: '1'.repeat(64) });
  assert.equal(report.valid, false);
  assert.deepEqual(report.problems.map((p) => p.code), ['ledger.malformed', 'ledger.head_mismatch']);
  assert.equal('seq' in report.problems[0], false);
  assert.equal(report.problems[1].params.expected, max);
});

test('verifyLedger: a head of the wrong shape throws input.*; a huge ledger input.too_large', () => {
  throwsCoded(() => engine.verifyLedger('', { entries: 0 }), 'input.shape');
  throwsCoded(() => engine.verifyLedger('', { entries: 0, hash: '', extra: 1 }), 'input.shape');
  throwsCoded(() => engine.verifyLedger('', { entries: '0', hash: '' }), 'input.shape');
  throwsCoded(() => engine.verifyLedger('', { entries: 0, hash: 'x'.repeat(40_000) }), 'input.too_large');
  // Read as every binding reads a head (LedgerHead::from_json): at most 1 KiB, a hash of 64
  // lowercase hex digits, the genesis hash exactly when it counts no entry.
  throwsCoded(() => engine.verifyLedger('', { entries: 0, hash: 'x'.repeat(2_000) }), 'input.too_large');
  throwsCoded(() => engine.verifyLedger('', { entries: 1, hash: '0'.repeat(64) }), 'input.shape');
  throwsCoded(() => engine.verifyLedger('', { entries: 0, hash: 'A'.repeat(64) }), 'input.shape');
  throwsCoded(() => engine.verifyLedger('', { entries: 2 ** 53, hash: '1'.repeat(64) }), 'input.shape');
  const big = throwsCoded(() => engine.verifyLedger(' '.repeat((64 << 20) + 1)), 'input.too_large');
  assert.equal(big.params.max, 64 << 20);
});

test('thousands of authority calls and misuses do not grow wasm memory or the externref table', async () => {
  const wasm = await init();
  const { text, head } = appendAll(ledgerStamps);
  const cyclic = {};
  cyclic.self = cyclic;
  const query = { org: '350205-001-01', matter: 'MED-INSURE', step: 'decide', at: stamp.at };
  const round = () => {
    for (let i = 0; i < 200; i += 1) {
      engine.verifyStamp(stamp);
      engine.verifyStamp({ ...stamp, seal: 'seal-st3' }, { lang: 'en' });
      engine.authorize(query);
      engine.verifyLedger(text, head);
      engine.verifyLedger(text.replace('HC-2025-000002', 'HC-2025-000009'), head);
      ledgerAppend({ head, stamp });
      contentDigest(content);
      for (const misuse of [
        () => engine.verifyStamp('{'),
        () => engine.verifyStamp(cyclic),
        () => engine.verifyStamp({ ...stamp, step: 'sign' }),
        () => engine.authorize(5),
        () => engine.verifyLedger(text, { entries: 'x' }),
        () => ledgerAppend({ alg: 'sm3', stamp }),
        () => contentDigest(5),
      ]) {
        assert.throws(misuse);
      }
    }
  };
  round();
  const memory = wasm.memory.buffer.byteLength;
  const table = wasm.__wbindgen_externrefs?.length;
  for (let i = 0; i < 3; i += 1) round();
  assert.equal(wasm.memory.buffer.byteLength, memory);
  assert.equal(wasm.__wbindgen_externrefs?.length, table);
});
