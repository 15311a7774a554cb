// Runs in Chromium, loaded by browser.test.mjs: the web build of the package, every shared
// fixture (identifiers, forms, catalogue lint) through the shared rule, and the misuse
// contract. Results go to window.__results.
import init, * as doorstep from '/pkg/index.js';
import { runCase, runFormCase, runLintCase } from '/lib/fixture-rule.mjs';

const fetchJson = async (path) => {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
};
const fetchText = async (path) => {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
};

/** Runs `fn` for every case, each result `{name, problems}`; a throw is a problem. */
function runAll(cases, fn) {
  return cases.map((testCase) => {
    try {
      return { name: testCase.name, problems: fn(testCase) };
    } catch (e) {
      return { name: testCase.name, problems: [`threw: ${e?.code ?? ''} ${e}`] };
    }
  });
}

/** What a call threw, as plain data; `null` when it did not throw. */
function thrown(fn) {
  try {
    fn();
    return null;
  } catch (e) {
    return { isError: e instanceof Error, code: e.code, name: e.params?.name ?? null };
  }
}

/** The engine suite: the form and lint fixtures, and the guards a page relies on. */
async function engineSuite() {
  const forms = await fetchJson('/fixtures/forms.json');
  const lint = await fetchJson('/fixtures/lint.json');
  const texts = new Map();
  for (const c of [...forms.cases, ...lint.cases]) {
    if (!texts.has(c.input.catalog)) texts.set(c.input.catalog, await fetchText(`/fixtures/${c.input.catalog}`));
  }
  const engines = new Map();
  const engineFor = (input) => {
    const key = `${input.catalog}@${input.at}`;
    if (!engines.has(key)) engines.set(key, new doorstep.Engine(texts.get(input.catalog), { at: input.at }));
    return engines.get(key);
  };
  const formCases = runAll(forms.cases, (c) => runFormCase(engineFor(c.input), c).problems);
  const lintCases = runAll(lint.cases, (c) =>
    runLintCase(doorstep, JSON.parse(texts.get(c.input.catalog)), c).problems,
  );

  const at = '2026-11-25';
  const engine = doorstep.Engine.load(texts.get('catalog/mini.json'), { at });
  let deep = {};
  const root = deep;
  for (let i = 0; i < 10_000; i += 1) {
    deep.a = {};
    deep = deep.a;
  }
  const cyclic = {};
  cyclic.self = cyclic;
  const example = engine.form({ bundle: 'birth' }, { at }).example;
  const result = {
    formCases,
    lintCases,
    bundles: engine.bundles().map((b) => b.code),
    matters: engine.matters('公安', { at }).map((m) => m.code),
    valid: engine.validate({ bundle: 'birth' }, example, { at }).valid,
    materials: engine.materials({ bundle: 'birth' }, example, { at, available: ['identity'] }).map((m) => m.code),
    deep: thrown(() => engine.validate({ matter: 'BIRTH-CERT' }, root, { at })),
    cyclic: thrown(() => engine.validate({ matter: 'BIRTH-CERT' }, cyclic, { at })),
    unknownMatter: thrown(() => engine.form({ matter: 'NO-SUCH' }, { at })),
    bothTargets: thrown(() => engine.form({ matter: 'BIRTH-CERT', bundle: 'birth' }, { at })),
    badCatalog: thrown(() => new doorstep.Engine('{}', { at })),
    stillWorks: engine.validate({ bundle: 'birth' }, JSON.stringify(example), { at }).valid,
  };
  engine.free();
  for (const e of engines.values()) e.free();
  return result;
}

async function main() {
  await init();
  const fixtures = await (await fetch('/fixtures/ids.json')).json();
  const cases = fixtures.cases.map((testCase) => {
    try {
      return { name: testCase.name, problems: runCase(doorstep, testCase).problems };
    } catch (e) {
      return { name: testCase.name, problems: [`threw: ${e}`] };
    }
  });
  let misuse = null;
  try {
    doorstep.checkId('13912345678', { kind: 'passport', lang: 'en' });
  } catch (e) {
    misuse = { isError: e instanceof Error, code: e.code, message: e.message };
  }
  return {
    version: doorstep.version(),
    cases,
    engine: await engineSuite(),
    misuse,
    wrongType: (() => {
      try {
        doorstep.checkResidentId(350205199003071239);
        return null;
      } catch (e) {
        return { isError: e instanceof Error, code: e.code, name: e.params?.name };
      }
    })(),
    report: doorstep.checkResidentId('350205199003071239', { at: '2024-10-15' }),
  };
}

main().then(
  (results) => {
    window.__results = results;
    document.getElementById('status').textContent = 'done';
  },
  (error) => {
    window.__results = { fatal: String(error?.stack ?? error) };
    document.getElementById('status').textContent = 'failed';
  },
);
