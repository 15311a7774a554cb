#!/usr/bin/env bash
# Builds the npm package `doorstep` into bindings-wasm/pkg/ (gitignored):
#   1. the wasm with the size-first profile `wasm-release`,
#   2. wasm-bindgen --target web (ES module + .d.ts),
#   3. the committed entry modules and package.json from bindings-wasm/npm/.
# No wasm-opt: binaryen's -Oz (npm `binaryen` 132) took 55.0 to 54.3 kB gzipped, not worth a
# 9 s step and a 30 MB tool; on the 307 kB package with cases it made the .wasm smaller but
# its gzip larger (332 kB). Debian's wasm-opt 108 emits broken wasm, never use it.
# Size (gzip -9), see the table above [profile.wasm-release] in the root Cargo.toml: without
# serde's Content buffer (core/src/tagged.rs) 311,262 bytes against 328,820 on the same tree;
# with the policy calls, on the tree of 2026-11-26 03:55, 321,512 (1,000,355 raw), over the
# 300 KiB budget (307,200 bytes). With the issue 7 calls (timeline, reviews, complaints,
# metrics), tree of 04:13: 377,741 (1,208,016 raw); they cost 56 kB, mostly serde_json
# deserializers of their input types (table in the root Cargo.toml). wasm-opt (binaryen 132)
# re-tried there: -Oz 421.7 kB gzipped, worse again.
# `wasm-release` strips debug info only; wasm-bindgen drops the name section.
# Works from any directory. Prints the raw and gzipped size of the .wasm.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
pkg="$here/pkg"
cd "$root"

# The CLI must be the exact version of the wasm-bindgen crate in Cargo.lock.
want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)"
if ! command -v wasm-bindgen >/dev/null 2>&1; then
    echo "build.sh: wasm-bindgen CLI not found; install it with" >&2
    echo "  cargo install wasm-bindgen-cli --version =$want --locked" >&2
    exit 1
fi
have="$(wasm-bindgen --version | awk '{ print $2 }')"
if [[ "$have" != "$want" ]]; then
    echo "build.sh: wasm-bindgen CLI is $have but Cargo.lock has $want;" >&2
    echo "  cargo install wasm-bindgen-cli --version =$want --locked" >&2
    exit 1
fi

cargo build -p doorstep-wasm --target wasm32-unknown-unknown --profile wasm-release

target_dir="$(cargo metadata --format-version 1 --no-deps |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
wasm="$target_dir/wasm32-unknown-unknown/wasm-release/doorstep_wasm.wasm"

rm -rf "$pkg"
wasm-bindgen --target web --remove-name-section --out-dir "$pkg" --out-name doorstep_wasm "$wasm"

cp "$here"/npm/package.json "$here"/npm/index.js "$here"/npm/node.js "$here"/npm/index.d.ts \
    "$here"/npm/README.md "$pkg"/

# The npm version is the crate version (one version for the whole workspace).
crate_version="$(cargo pkgid -p doorstep-wasm | sed 's/.*[@#]//')"
npm_version="$(node -p 'require(process.argv[1]).version' "$pkg/package.json")"
if [[ "$crate_version" != "$npm_version" ]]; then
    echo "build.sh: bindings-wasm/npm/package.json has version $npm_version, the crate $crate_version" >&2
    exit 1
fi

raw="$(wc -c < "$pkg/doorstep_wasm_bg.wasm")"
gz="$(gzip -9 -c "$pkg/doorstep_wasm_bg.wasm" | wc -c)"
echo "doorstep $npm_version -> $pkg"
echo "doorstep_wasm_bg.wasm: $raw bytes, $gz bytes gzipped (-9)"
