// Writes the benchmark report of the 出生一件事 form (Markdown, to stdout) from the figures of
// one run of scripts/bench-forms.sh: the native bench's JSON (core/benches/forms.rs with
// DOORSTEP_BENCH_JSON), the Node bench's (bindings-wasm/bench/forms.mjs --json) and the
// gzipped sizes of the two modules. Every number in the report comes from those files; the
// targets are issue 3's.
//
//   node scripts/bench-report.mjs NATIVE.json WASM.json GZ_DEFAULT GZ_BACKOFFICE
//
// The machine is described by the environment: BENCH_COMMIT, BENCH_DATE, BENCH_CPU,
// BENCH_CORES, BENCH_RUSTC (each optional).
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const [nativeFile, wasmFile, gzDefaultText, gzBackText] = process.argv.slice(2);
if (gzBackText === undefined) {
  console.error('usage: node scripts/bench-report.mjs NATIVE.json WASM.json GZ_DEFAULT GZ_BACKOFFICE');
  process.exit(2);
}
const native = JSON.parse(readFileSync(nativeFile, 'utf8'));
const wasm = JSON.parse(readFileSync(wasmFile, 'utf8'));
const gzDefault = Number(gzDefaultText);
const gzBack = Number(gzBackText);
const pkg = new URL('../bindings-wasm/pkg/', import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
// The bench names its catalogue by absolute path; the report by the repository's.
const catalog = relative(root, native.catalog) || native.catalog;
const rawBack = statSync(new URL('backoffice/doorstep_wasm_bg.wasm', pkg)).size;
const labels = ['valid', '7 errors'];

/** The figure of `row` for `label` in `table`, or a thrown error naming what is missing. */
function figure(table, row, label) {
  const ns = table.ns[row]?.[label];
  if (typeof ns !== 'number') throw new Error(`bench-report: no figure for ${row} / ${label}`);
  return ns;
}
const int = (n) => Math.round(n).toLocaleString('en-US');
const times = (n) => `${n.toFixed(2)}×`;
const met = (ok) => (ok ? '**met**' : 'not met');

const nativeRows = [
  'CompiledForm::findings',
  'CompiledForm::check',
  'Engine::check',
  'CompiledForm::validate',
  'Engine::validate',
];
const wasmRows = [
  'WASM validate(target, object)',
  'WASM check(target, object)',
  'WASM validate(target, JSON text)',
  'WASM check(target, JSON text)',
  '  JSON.stringify(answer) alone',
  '  JSON.stringify + encodeInto',
  '  WASM evaluateRule(var, object): no check',
];
const iterErrors = (label) => figure(native, 'jsonschema iter_errors', label);
const isValid = (label) => figure(native, 'jsonschema is_valid', label);
const nativeNs = (row, label) => figure(native, `native ${row}`, label);
const ajvAll = (label) => figure(wasm, 'Ajv, allErrors', label);
const ajvFirst = (label) => figure(wasm, 'Ajv, first error', label);
const wasmNs = (row, label) => figure(wasm, row, label);

const env = process.env;
const lines = [];
const out = (line = '') => lines.push(line);

out('# Benchmarks: validating the 出生一件事 (birth bundle) answer');
out();
out(
  `Written by \`scripts/bench-forms.sh\` from one run: \`cargo bench -p doorstep --bench forms\` ` +
    '(the form engine and the `jsonschema` crate, criterion) and then ' +
    '`node bindings-wasm/bench/forms.mjs` (the npm package\'s WASM in Node and Ajv). ' +
    'No figure is edited by hand; run the script again to replace this file.',
);
out();
out(`- commit: ${env.BENCH_COMMIT ?? 'unknown'}; date: ${env.BENCH_DATE ?? 'unknown'}`);
out(`- machine: ${env.BENCH_CPU ?? 'unknown CPU'}, ${env.BENCH_CORES ?? '?'} cores; ${env.BENCH_RUSTC ?? 'rustc ?'}; Node ${wasm.node}, Ajv ${wasm.ajv}`);
out(
  `- catalogue \`${catalog}\`, bundle \`${native.bundle}\`: ${native.fields} fields, ${native.checks} checks ` +
    '(the merged form of its members); the valid answer is the merged 填单示范, the other the same ' +
    `answer spoiled until the engine reports about seven problems (native: ${native.errors.native.length}, ` +
    `WASM: ${wasm.errors.wasm.length}).`,
);
out(
  '- The JSON Schema the two validators run is generated from the same form, with the ' +
    'identifier checks as custom formats; what JSON Schema cannot say (cross-field checks, ' +
    'trimming, normalisation) it leaves out, so its side does less work.',
);
out(
  '- Times are means (native, criterion\'s own measurements) or medians of 9 rounds (Node), ' +
    'in ns per answer. On a shared VM absolute times move by 10–20 % between runs; the ratios ' +
    'within one run are steadier.',
);
out();

out('## The targets of issue 3');
out();
out('| target | figure in this run | |');
out('|---|---|---|');
// The figure for a target is `findings`, which does the work `iter_errors` does (problems
// found, worded only when asked); `check`, which words them, is shown beside it.
const checkValid = nativeNs('CompiledForm::check', 'valid');
const findingsValid = nativeNs('CompiledForm::findings', 'valid');
out(
  `| native ≤ 0.5 µs, valid answer | \`CompiledForm::findings\` ${int(findingsValid)} ns ` +
    `(\`check\` ${int(checkValid)} ns) | ${met(findingsValid <= 500)} |`,
);
for (const label of labels) {
  const ratio = nativeNs('CompiledForm::findings', label) / iterErrors(label);
  const worded = nativeNs('CompiledForm::check', label) / iterErrors(label);
  out(
    `| native ≤ 0.25× \`jsonschema\`, ${label} | \`CompiledForm::findings\` ${times(ratio)} ` +
      `\`iter_errors\` (worded, \`check\`: ${times(worded)}) | ${met(ratio <= 0.25)} |`,
  );
}
for (const label of labels) {
  const object = wasmNs('WASM validate(target, object)', label);
  const ratio = object / ajvAll(label);
  // A call that reads the answer and checks nothing: the least any call of the package costs.
  const floor = wasmNs('  WASM evaluateRule(var, object): no check', label);
  out(
    `| WASM called with a JS object ≤ Ajv, ${label} | \`validate\` ${int(object)} ns, ${times(ratio)} Ajv ` +
      `(allErrors ${int(ajvAll(label))} ns; a call that only reads the answer, \`evaluateRule\`: ` +
      `${int(floor)} ns, ${times(floor / ajvAll(label))}) | ${met(ratio <= 1)} |`,
  );
}
out(`| WASM package ≤ 300 KB gzipped | default module ${int(gzDefault)} bytes (\`gzip -9\`) | ${met(gzDefault <= 300_000)} |`);
out();

out('## Native (`cargo bench -p doorstep --bench forms`)');
out();
out(`| ns per answer | ${labels.map((l) => `${l} | × \`iter_errors\` | × \`is_valid\``).join(' | ')} |`);
out(`|---|${labels.map(() => '---:|---:|---:').join('|')}|`);
for (const row of nativeRows) {
  const cells = labels.map((l) => {
    const ns = nativeNs(row, l);
    return `${int(ns)} | ${times(ns / iterErrors(l))} | ${times(ns / isValid(l))}`;
  });
  out(`| \`${row}\` | ${cells.join(' | ')} |`);
}
out(`| \`jsonschema\` \`iter_errors\` | ${labels.map((l) => `${int(iterErrors(l))} | | `).join(' | ')} |`);
out(`| \`jsonschema\` \`is_valid\` | ${labels.map((l) => `${int(isValid(l))} | | `).join(' | ')} |`);
out();
out(`Problems found in the spoiled answer — the form engine: ${native.errors.native.map((e) => `\`${e}\``).join(', ')}; ` +
  `\`jsonschema\`: ${native.errors.jsonschema.length} (${native.errors.jsonschema.map((e) => `\`${e.split(' ')[0] || '/'}\``).join(', ')}).`);
out();

out('## WASM in Node (`node bindings-wasm/bench/forms.mjs`)');
out();
out(`| ns per answer | ${labels.map((l) => `${l} | × Ajv allErrors`).join(' | ')} |`);
out(`|---|${labels.map(() => '---:|---:').join('|')}|`);
for (const row of wasmRows) {
  const cells = labels.map((l) => `${int(wasmNs(row, l))} | ${times(wasmNs(row, l) / ajvAll(l))}`);
  out(`| ${row.trim()} | ${cells.join(' | ')} |`);
}
out(`| Ajv, allErrors | ${labels.map((l) => `${int(ajvAll(l))} | `).join(' | ')} |`);
out(`| Ajv, first error | ${labels.map((l) => `${int(ajvFirst(l))} | ${times(ajvFirst(l) / ajvAll(l))}`).join(' | ')} |`);
out();
out(`Problems found in the spoiled answer — WASM: ${wasm.errors.wasm.map((e) => `\`${e}\``).join(', ')}; Ajv: ${wasm.errors.ajv.map((e) => `\`${e}\``).join(', ')}.`);
out();

out('## Size of the npm package\'s WebAssembly');
out();
out('| module | raw | `gzip -9` |');
out('|---|---:|---:|');
out(`| \`doorstep\` (pages, kiosks, the counter) | ${int(wasm.wasmBytes)} | ${int(gzDefault)} |`);
out(`| \`doorstep/backoffice\` | ${int(rawBack)} | ${int(gzBack)} |`);
out();

process.stdout.write(`${lines.join('\n')}\n`);
