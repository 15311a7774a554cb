// Benchmark of the npm package in Node: nanoseconds per call over a fixed set of values, and
// the gzipped size of the .wasm (zlib level 9). Prints figures only; no assertions.
//
//   bash bindings-wasm/build.sh && node bindings-wasm/bench/ids.mjs [iterations]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

import {
  checkCreditCode,
  checkId,
  checkMobile,
  checkResidentId,
  version,
} from '../pkg/node.js';

const iterations = Number(process.argv[2] ?? 20000);
const at = { at: '2024-10-15' };

const residentIds = [
  '11010519491231002X',
  '440524188001010014',
  '350205199003071239',
  '350205900307123', // 15 digits, upgraded
  '11010519491231002Y', // invalid check character
];
const creditCodes = ['9144030071526726XG', '91350200MA2XXXXXX0', '91350203612008873X'];
const mobiles = ['13912345678', '+86 139 1234 5678', '12912345678'];
const mixed = [...residentIds, ...creditCodes, ...mobiles, '0592-6881234', '361026', '6222021234567890128'];

const cases = [
  ['checkResidentId', (v) => checkResidentId(v, at), residentIds],
  ['checkCreditCode', (v) => checkCreditCode(v, at), creditCodes],
  ['checkMobile', (v) => checkMobile(v, at), mobiles],
  ['checkId (auto-detect)', (v) => checkId(v, at), mixed],
  ['checkId (no options: reads the clock)', (v) => checkId(v), mixed],
];

function measure(fn, values) {
  for (let i = 0; i < 2000; i += 1) fn(values[i % values.length]);
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) {
    sink += fn(values[i % values.length]).valid ? 1 : 0;
  }
  const ns = Number(process.hrtime.bigint() - start) / iterations;
  return { ns, sink };
}

console.log(`doorstep ${version()}, node ${process.version}, ${iterations} calls each`);
for (const [name, fn, values] of cases) {
  const { ns } = measure(fn, values);
  console.log(`${name.padEnd(40)} ${ns.toFixed(0).padStart(7)} ns/call`);
}

const wasm = readFileSync(new URL('../pkg/doorstep_wasm_bg.wasm', import.meta.url));
const gz = gzipSync(wasm, { level: 9 }).length;
console.log(`doorstep_wasm_bg.wasm ${wasm.length} bytes, ${gz} bytes gzipped (zlib level 9)`);
