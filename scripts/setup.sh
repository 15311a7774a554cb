#!/usr/bin/env bash
# Installs what the tests need, idempotently: checks first, installs only what is missing.
# Used by scripts/test-all.sh; safe to run by hand on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Rust components and the wasm32 target.
for component in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
done
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# wasm-bindgen CLI at exactly the version Cargo.lock pins for the crate.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found: ${have:-none})"
  cargo install wasm-bindgen-cli --version "=$want" --locked || cargo install wasm-bindgen-cli --version "=$want"
fi

# Debian packages: the browser and its driver, valgrind, and cJSON for the C test program;
# g++ (the header compiles as C++), pkg-config and cmake (examples/c is built against the
# installed library through both); a CJK font, so that Chromium's screenshots show the
# zh-CN text instead of empty boxes; Python 3 for the sample catalogue's generator.
missing=()
for pkg in chromium chromium-driver valgrind libcjson-dev g++ pkg-config cmake fonts-wqy-zenhei python3; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y --no-install-recommends "${missing[@]}" \
    || { as_root apt-get update && as_root apt-get install -y --no-install-recommends "${missing[@]}"; }
fi

# (npm packages of the JS suites are installed from their lockfile by tests/js/run.sh, which
# needs the freshly built package first.)

# cargo-fuzz, when a nightly toolchain is present (fuzz targets need it).
if rustup toolchain list | grep -q '^nightly' && ! cargo fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz"
  cargo install cargo-fuzz --locked || cargo install cargo-fuzz || say "cargo-fuzz unavailable: the fuzz smoke run will be skipped"
fi
say "ready"
