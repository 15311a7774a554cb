#!/usr/bin/env bash
# The form benchmarks of issue 3 in one run, written up as a report: the native bench (the
# form engine against the `jsonschema` crate, criterion), then the Node bench (the npm
# package's WASM against Ajv) on the package just built, then BENCHMARKS.md (or FILE) from
# their figures by scripts/bench-report.mjs, with the commit and the machine. About 10 minutes
# on two cores; run it on an otherwise idle machine. Not part of the test suite.
#
#   bash scripts/bench-forms.sh [FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
report="${1:-BENCHMARKS.md}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

bash bindings-wasm/build.sh
if [[ ! -d bindings-wasm/bench/node_modules/ajv ]]; then
    (cd bindings-wasm/bench && npm ci --no-audit --no-fund)
fi
DOORSTEP_BENCH_JSON="$tmp/native.json" cargo bench -p doorstep --bench forms --locked
node bindings-wasm/bench/forms.mjs --json "$tmp/wasm.json"

commit="$(git rev-parse --short HEAD)"
if [[ -n "$(git status --porcelain --untracked-files=no)" ]]; then
    commit="$commit with uncommitted changes"
fi
BENCH_COMMIT="$commit" \
    BENCH_DATE="$(date -u '+%Y-%m-%d %H:%M UTC')" \
    BENCH_CPU="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)" \
    BENCH_CORES="$(nproc)" \
    BENCH_RUSTC="$(rustc -V)" \
    node scripts/bench-report.mjs "$tmp/native.json" "$tmp/wasm.json" \
    "$(gzip -9 -c bindings-wasm/pkg/doorstep_wasm_bg.wasm | wc -c)" \
    "$(gzip -9 -c bindings-wasm/pkg/backoffice/doorstep_wasm_bg.wasm | wc -c)" >"$tmp/report.md"
mv "$tmp/report.md" "$report"
echo "bench-forms.sh: wrote $report"
