#!/usr/bin/env bash
# The JS suites of the npm package `doorstep` (bindings-wasm): builds the package, then
#   1. tsc --noEmit --strict over typed-consumer.ts and generated/*.ts: what the package
#      returns for every fixture and catalogue, typed with its declarations (one test),
#   2. the Node suites (node.test.mjs: identifiers; engine.test.mjs: catalogue engine;
#      authority.test.mjs: stamps, authorisation and the 用印台账; case.test.mjs: 办件 and the
#      working calendar; policy.test.mjs: 免申即享 policy matching; rules.test.mjs: JsonLogic; bundles.test.mjs: 一件事
#      cases and the timeline; reviews.test.mjs: 好差评 and 办不成事; appointments.test.mjs: 预约;
#      metrics.test.mjs),
#   3. the browser suite (browser.test.mjs, Debian's Chromium; CHROMIUM=path to override),
#   4. the dashboard (dashboard.test.mjs: `doorstep demo --out` opened in Chromium, with a
#      screenshot in results/dashboard.png; the CLI is built here, into CARGO_TARGET_DIR or
#      target/, unless --skip-build),
#   5. the H5 出生一件事 page (h5.test.mjs: examples/web/birth.html used as a person would in
#      Chromium, offline included, screenshots in results/h5-*.png),
#   6. the package as published (pack.test.mjs: `npm pack`, installed into an empty project,
#      a strict TypeScript consumer compiled and run, a wrong one refused, no `any`),
# and ends with the line `js: N passed, M failed` (node:test tests of every suite + tsc).
# Exits non-zero on any failure. Works from any directory.
#
# Usage: tests/js/run.sh [--skip-build]      (or DOORSTEP_SKIP_BUILD=1)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

skip_build="${DOORSTEP_SKIP_BUILD:-0}"
for arg in "$@"; do
    case "$arg" in
        --skip-build) skip_build=1 ;;
        *) echo "usage: $0 [--skip-build]" >&2; exit 2 ;;
    esac
done

if [[ "$skip_build" != "1" ]]; then
    bash "$root/bindings-wasm/build.sh"
    (cd "$root" && cargo build -p doorstep-cli)
fi
# The CLI binary the dashboard test runs: wherever cargo puts it (CARGO_TARGET_DIR, else
# target/).
target_dir="$(cd "$root" && cargo metadata --format-version 1 --no-deps |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
export DOORSTEP_CLI="${DOORSTEP_CLI:-$target_dir/debug/doorstep}"
if [[ ! -f "$root/bindings-wasm/pkg/package.json" ]]; then
    echo "run.sh: bindings-wasm/pkg is missing; run bindings-wasm/build.sh (or drop --skip-build)" >&2
    exit 1
fi

# node_modules is current when npm's own record of it is newer than the manifests.
stamp=node_modules/.package-lock.json
if [[ ! -f "$stamp" || package-lock.json -nt "$stamp" || package.json -nt "$stamp" ]]; then
    npm ci --no-audit --no-fund
fi

passed=0
failed=0
mkdir -p results

echo "== tsc --noEmit --strict (typed-consumer.ts, generated/*.ts)"
if node gen-reports.mjs && npx --no-install tsc -p tsconfig.json --noEmit --strict; then
    passed=$((passed + 1))
    echo "tsc: ok"
else
    failed=$((failed + 1))
    echo "tsc: FAILED"
fi

# Runs one node:test file: spec output here, TAP into results/ for the counts.
suite() {
    local name="$1" file="$2" tap="results/$1.tap"
    echo "== $name ($file)"
    rm -f "$tap"
    node --test --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination="$tap" "$file" || true
    local p f
    p="$(awk '/^# pass / { print $3 }' "$tap" 2>/dev/null | tail -n 1)"
    f="$(awk '/^# fail / { print $3 }' "$tap" 2>/dev/null | tail -n 1)"
    if [[ -z "$p" || -z "$f" ]]; then
        echo "$name: the runner ended without a summary" >&2
        p=0
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
}

suite node node.test.mjs
suite engine engine.test.mjs
suite authority authority.test.mjs
suite case case.test.mjs
suite policy policy.test.mjs
suite rules rules.test.mjs
suite bundles bundles.test.mjs
suite reviews reviews.test.mjs
suite appointments appointments.test.mjs
suite metrics metrics.test.mjs
suite browser browser.test.mjs
suite dashboard dashboard.test.mjs
suite h5 h5.test.mjs
suite pack pack.test.mjs

echo "js: $passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
