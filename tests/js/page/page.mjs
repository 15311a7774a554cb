// Runs in Chromium, loaded by browser.test.mjs: the web build of the package, every shared
// fixture through the shared rule, and the misuse contract. Results go to window.__results.
import init, * as doorstep from '/pkg/index.js';
import { runCase } from '/lib/fixture-rule.mjs';

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
