// The npm package `doorstep` as a front-end team gets it: `npm pack` of bindings-wasm/pkg
// (built by bindings-wasm/build.sh, not here), the tarball's file list against package.json,
// then an EMPTY project that installs the tarball offline and compiles a strictly typed
// consumer (consumer/consumer.ts) against the packed declarations with the TypeScript of
// tests/js/node_modules, runs the emitted JS with node and checks what it prints; a wrong
// consumer (consumer/wrong.ts) must fail to compile with the intended error on each marked
// line; and no `.d.ts` that the package's exports reach may use `any`.
//
// DOORSTEP_PKG=DIR checks another built package directory instead of bindings-wasm/pkg.
//
// No network: the package has no dependencies, so `npm install --offline` of the tarball is
// enough. Run: cd tests/js && node --test --test-reporter=spec pack.test.mjs
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
// DOORSTEP_PKG: another built package directory to check (default: bindings-wasm/pkg).
const pkgDir = process.env.DOORSTEP_PKG || join(root, 'bindings-wasm', 'pkg');
const tsc = join(here, 'node_modules', 'typescript', 'bin', 'tsc');
const catalog = join(root, 'catalogs', 'haicang.json');
const consumerDir = join(here, 'consumer');

// The compiler options of the two compilations: a front end's strict settings, and the
// emit of Node ES modules, on a front end's usual `lib`: es2022 and dom (for wasm-bindgen's
// `init()` input types; see the README's TypeScript section).
const LIB = ['--lib', 'es2022,dom'];
const STRICT = [
  '--strict', '--noUncheckedIndexedAccess', '--exactOptionalPropertyTypes', '--noEmit',
  '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', ...LIB,
  '--pretty', 'false',
];
const EMIT = [
  '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022',
  ...LIB, '--outDir', 'out', '--pretty', 'false',
];

// npm without the network, its notices or a report on the registry.
const npmEnv = {
  ...process.env,
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_loglevel: 'error',
};

let work; // the temp dir: the tarball in pack/, the empty project in project/
let tarball; // its path
let tarballSize;
let entries; // Map<path inside the package, size>
let manifest; // the packed package.json
let project;
let installed;

/** Waits (at most 90 s) for a complete pkg/: someone may be rebuilding it right now. */
async function waitForPackage() {
  const needed = ['package.json', 'doorstep_wasm_bg.wasm', 'backoffice/doorstep_wasm_bg.wasm', 'backoffice/index.d.ts'];
  const deadline = Date.now() + 90_000;
  while (!needed.every((f) => existsSync(join(pkgDir, f)))) {
    if (Date.now() > deadline) {
      assert.fail(`${pkgDir} is incomplete (missing one of ${needed.join(', ')}); build it with bash bindings-wasm/build.sh`);
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

/** The regular files of a .tgz (ustar, as npm writes it, with pax `path` records). */
function tarFiles(file) {
  const data = gunzipSync(readFileSync(file));
  const files = new Map();
  const text = (start, length) => {
    const raw = data.subarray(start, start + length);
    const end = raw.indexOf(0);
    return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
  };
  let offset = 0;
  let paxPath = null;
  while (offset + 512 <= data.length) {
    const name = text(offset, 100);
    if (name === '') break; // the two zero blocks at the end
    const size = parseInt(text(offset + 124, 12).trim() || '0', 8);
    const type = text(offset + 156, 1);
    const prefix = text(offset + 345, 155);
    const body = offset + 512;
    let path = prefix ? `${prefix}/${name}` : name;
    if (type === 'x') {
      const match = /\d+ path=([^\n]*)\n/.exec(data.subarray(body, body + size).toString('utf8'));
      paxPath = match ? match[1] : null;
    } else {
      if (paxPath !== null) path = paxPath;
      paxPath = null;
      if (type === '0' || type === '') files.set(path.replace(/^package\//, ''), size);
    }
    offset = body + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** Every path a package.json field or `exports` names (strings, recursively), without `./`. */
function namedPaths(pkg) {
  const paths = new Set();
  const add = (value) => {
    if (typeof value === 'string') paths.add(posix.normalize(value));
    else if (value && typeof value === 'object') for (const v of Object.values(value)) add(v);
  };
  for (const field of ['main', 'module', 'browser', 'types', 'typings']) add(pkg[field]);
  add(pkg.exports);
  return paths;
}

/** Runs tsc in the project; {status, output}. */
function runTsc(args) {
  const r = spawnSync(process.execPath, [tsc, ...args], { cwd: project, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** `text` with comments and the contents of string literals blanked (newlines kept). */
function codeOnly(text) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out += c + text.slice(i + 1, j).replace(/[^\n]/g, ' ') + (j < text.length ? c : '');
      i = j + 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** The relative module specifiers of a .js or .d.ts file (imports, re-exports, `new URL`). */
function relativeSpecifiers(text) {
  const specs = [];
  const patterns = [
    /\b(?:from|import)\s*['"](\.{1,2}\/[^'"]+)['"]/g,
    /\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g,
    /\/\/\/\s*<reference\s+path\s*=\s*['"]([^'"]+)['"]/g,
    /new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) specs.push(m[1]);
  return specs;
}

/** Every packed file reachable from `starts` through relative imports; throws on a dangling one. */
function reachable(starts, toFile) {
  const seen = new Set();
  const dangling = [];
  const queue = [...starts];
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.(m?js|d\.ts)$/.test(file)) continue;
    const text = readFileSync(join(installed, file), 'utf8');
    for (const spec of relativeSpecifiers(text)) {
      const target = toFile(posix.normalize(posix.join(posix.dirname(file), spec)));
      if (entries.has(target)) queue.push(target);
      else dangling.push(`${file} -> ${spec}`);
    }
  }
  return { files: seen, dangling };
}

before(async () => {
  await waitForPackage();
  work = mkdtempSync(join(tmpdir(), 'doorstep-pack-'));
  const packDir = join(work, 'pack');
  mkdirSync(packDir);
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], {
    cwd: pkgDir, env: npmEnv, encoding: 'utf8',
  }));
  tarball = join(packDir, packed[0].filename);
  tarballSize = statSync(tarball).size;
  entries = tarFiles(tarball);

  // The empty project: a package.json with "type": "module", nothing else.
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {
    cwd: project, env: npmEnv, encoding: 'utf8',
  });
  installed = join(project, 'node_modules', 'doorstep');
  manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  for (const f of ['consumer.ts', 'wrong.ts', 'node-shim.d.ts']) copyFileSync(join(consumerDir, f), join(project, f));
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('npm pack: the tarball holds every file package.json names, both .wasm files, and nothing stray', (t) => {
  const files = [...entries.keys()].sort();
  const total = [...entries.values()].reduce((a, b) => a + b, 0);
  t.diagnostic(`${posix.basename(tarball)}: ${tarballSize} bytes, ${files.length} files, ${total} bytes unpacked`);

  // What exports, main, module, browser and types name is packed.
  const named = [...namedPaths(manifest)].filter((p) => !entries.has(p));
  assert.deepEqual(named, [], 'paths package.json names but the tarball lacks');
  // Every `files` entry packs something; every packed file is under one (or is npm's own).
  const patterns = manifest.files.map((f) => posix.normalize(f));
  for (const p of patterns) {
    const dir = p.endsWith('/');
    assert.ok(files.some((f) => (dir ? f.startsWith(p) : f === p)), `"files" entry ${p} packs nothing`);
  }
  const always = /^(package\.json|README(\.md)?|LICEN[CS]E(\.\w+)?)$/i;
  const uncovered = files.filter((f) => !always.test(f) && !patterns.some((p) => (p.endsWith('/') ? f.startsWith(p) : f === p)));
  assert.deepEqual(uncovered, [], 'packed files no "files" entry names');
  // No build artefacts or local files.
  const stray = /(^|\/)(Cargo\.(toml|lock)|target\/|src\/|node_modules\/|\.git|\.npmrc|\.DS_Store)|\.(rs|d|rlib|rmeta|tsbuildinfo|map|orig|rej|swp|log|tgz)$|~$/;
  assert.deepEqual(files.filter((f) => stray.test(f)), [], 'stray files in the tarball');
  // The two modules, each with its .wasm (and its .wasm not empty).
  for (const wasm of ['doorstep_wasm_bg.wasm', 'backoffice/doorstep_wasm_bg.wasm']) {
    assert.ok((entries.get(wasm) ?? 0) > 100_000, `${wasm} missing or truncated`);
  }
  assert.equal(manifest.name, 'doorstep');
  assert.deepEqual(manifest.dependencies ?? {}, {}, 'the package must install offline: no dependencies');

  // Every relative import of the entries (JS and declarations) resolves inside the package.
  const jsStarts = [...namedPaths(manifest)].filter((p) => /\.m?js$/.test(p));
  const js = reachable(jsStarts, (p) => p);
  assert.deepEqual(js.dangling, [], 'JS imports that resolve to no packed file');
  const dts = reachable([...namedPaths(manifest)].filter((p) => p.endsWith('.d.ts')), (p) => p.replace(/\.m?js$/, '.d.ts'));
  assert.deepEqual(dts.dangling, [], 'declaration imports that resolve to no packed file');

  // The install unpacked the same files.
  for (const [f, size] of entries) assert.equal(statSync(join(installed, f)).size, size, `installed ${f}`);
});

test('a strictly typed consumer compiles against the packed types, and its emitted JS runs', () => {
  const check = runTsc([...STRICT, 'consumer.ts', 'node-shim.d.ts']);
  assert.equal(check.status, 0, `tsc --strict --noEmit failed:\n${check.output}`);
  const emit = runTsc([...EMIT, 'consumer.ts', 'node-shim.d.ts']);
  assert.equal(emit.status, 0, `tsc (emit) failed:\n${emit.output}`);

  const run = spawnSync(process.execPath, [join('out', 'consumer.js'), catalog], {
    cwd: project, encoding: 'utf8', env: { ...process.env, DOORSTEP_CATALOG: '' },
  });
  assert.equal(run.status, 0, `node out/consumer.js failed:\n${run.stdout}${run.stderr}`);
  assert.equal(run.stderr, '');
  const lines = run.stdout.trimEnd().split('\n');
  const expected = [
    `version ${manifest.version}`,
    /^matters: \d+ in effect; 出生: 350205-GA-001 350205-WJ-001$/,
    /^bundles: birth( \S+)*; birth: 出生一件事 of 5$/,
    /^form birth: \d+ fields; prefill .*applicantName<identity\.name applicantId<identity\.residentId$/,
    /^example: valid, \d+ answers, for 350205-WJ-001 350205-GA-001 350205-YB-001 350205-RS-003 350205-YB-002$/,
    'spoiled: invalid /childName form.required, /motherId id.checksum; kept the rest',
    'check spoiled: invalid /childName form.required, /motherId id.checksum',
    'field /motherId: invalid /motherId id.checksum',
    'field /fatherId: valid',
    // 出生医学证明 is issued by a member of the bundle: not asked for.
    /^materials: id_card (?!.*birth_certificate).*; with identity: (?!.*id_card).*household_book/,
    'prefill: applicantId=350205199205120027 applicantName=林晓燕',
    'resident id: valid 110105********002X 1949-12-31 female 74',
    'resident id: invalid id.checksum (kind resident_id)',
    'decide submit_bundle: accepted bundle_submitted submitted submitted submitted submitted submitted',
    'cases: B-1 submitted v1, B-1/350205-WJ-001 submitted v1, B-1/350205-GA-001 submitted v1, B-1/350205-YB-001 submitted v1, B-1/350205-RS-003 submitted v1, B-1/350205-YB-002 submitted v1',
    'decide retry: accepted no events',
    'decide accept by the applicant: refused case.role_not_permitted',
    'actions of the front desk: accept not_accept claim',
    'decide accept by the front desk: accepted accepted',
    'case B-1/350205-GA-001: accepted v2 back office 350205-HC',
    'timeline B-1: 7 entries (submit submit submit submit submit submit accept), bundle open',
    'timeline B-404: refused case.not_found',
    /^policies: eligible 350205-ZC-TY-01 of \d+ in effect$/,
    'backoffice lintCatalog: 0 problems',
    'backoffice metrics 350205: received 5 accepted 1; 0 bad lines',
    'unknown bundle: engine.unknown_bundle',
    'unknown field: engine.unknown_field',
    'done',
  ];
  assert.equal(lines.length, expected.length, `output:\n${run.stdout}`);
  expected.forEach((want, i) => {
    if (typeof want === 'string') assert.equal(lines[i], want, `line ${i + 1}`);
    else assert.match(lines[i], want, `line ${i + 1}`);
  });
});

test('a wrong consumer fails to compile, with the intended error on every marked line and no other', () => {
  const source = readFileSync(join(project, 'wrong.ts'), 'utf8').split('\n');
  const marked = new Map(); // line number -> the TS error code it must have
  source.forEach((line, i) => {
    const m = /^\s*[^\s/].*\/\/ WRONG (TS\d+): /.exec(line);
    if (m) marked.set(i + 1, m[1]);
  });
  assert.ok(marked.size >= 10, `only ${marked.size} marked lines in wrong.ts`);

  const r = runTsc([...STRICT, 'wrong.ts', 'node-shim.d.ts']);
  assert.notEqual(r.status, 0, 'tsc accepted wrong.ts');
  const errors = new Map(); // line -> codes
  const elsewhere = [];
  for (const m of r.output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/gm)) {
    if (m[1] !== 'wrong.ts') {
      elsewhere.push(m[0]);
      continue;
    }
    const line = Number(m[2]);
    errors.set(line, [...(errors.get(line) ?? []), m[3]]);
  }
  assert.deepEqual(elsewhere, [], 'errors outside wrong.ts (in the package declarations?)');
  const missed = [...marked].filter(([line, code]) => !(errors.get(line) ?? []).includes(code))
    .map(([line, code]) => `line ${line}: expected ${code}, got ${(errors.get(line) ?? ['nothing']).join(' ')} — ${source[line - 1].trim()}`);
  assert.deepEqual(missed, [], 'marked lines tsc did not reject as intended');
  const unexpected = [...errors.keys()].filter((line) => !marked.has(line))
    .map((line) => `line ${line}: ${errors.get(line).join(' ')} — ${source[line - 1].trim()}`);
  assert.deepEqual(unexpected, [], 'errors on unmarked lines');
});

test('no `any` in the declarations the package exports; the .wasm glue declarations are not exported', (t) => {
  const declarations = [...entries.keys()].filter((f) => f.endsWith('.d.ts')).sort();
  const starts = [...namedPaths(manifest)].filter((p) => p.endsWith('.d.ts'));
  const publicFiles = reachable(starts, (p) => p.replace(/\.m?js$/, '.d.ts')).files;
  const found = [];
  const glue = [];
  for (const file of declarations) {
    const text = readFileSync(join(installed, file), 'utf8');
    const original = text.split('\n');
    codeOnly(text).split('\n').forEach((line, i) => {
      if (!/\bany\b/.test(line)) return;
      const where = `${file}:${i + 1}: ${original[i].trim()}`;
      if (publicFiles.has(file)) found.push(where);
      else glue.push({ file, where, line: original[i] });
    });
  }
  assert.deepEqual(found, [], 'a public declaration uses `any`');

  // wasm-bindgen's doorstep_wasm_bg.wasm.d.ts declares the raw exports of the .wasm
  // (`(a: any, b: number) => [number, number, number]`). `files` packs it, but no entry's
  // declarations import it and TypeScript resolves `doorstep/doorstep_wasm_bg.wasm` to no
  // declaration (it would look for doorstep_wasm_bg.d.wasm.ts). Listed, and held to that shape.
  for (const { file } of glue) {
    assert.match(file, /(^|\/)doorstep_wasm_bg\.wasm\.d\.ts$/, `\`any\` in ${file}, which is not wasm-bindgen's glue`);
  }
  const notRaw = glue.filter(({ line }) => !/^export const \w+: \(.*\) => .*;$/.test(line.trim()));
  assert.deepEqual(notRaw.map((g) => g.where), [], '`any` in the glue declarations beyond the raw exports');
  const exported = Object.keys(manifest.exports).filter((k) => /\.d\.ts$/.test(k) || /_bg\.wasm\.d/.test(k));
  assert.deepEqual(exported, [], 'the glue declarations must not be exported');
  const files = [...new Set(glue.map((g) => g.file))];
  if (glue.length > 0) {
    t.diagnostic(`not public (imported by no entry): ${glue.length} \`any\` in wasm-bindgen's raw-export declarations ${files.join(', ')}`);
  }
});
