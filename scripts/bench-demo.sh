#!/usr/bin/env bash
# The district simulation at the seed's scale (58万余件: about 580,000 cases): a release build
# of `doorstep demo` over 2025 with about 2,300 applications a working day, the events written
# to a temporary directory. Prints the demo's own figures (events per second, peak memory) and
# the size of the event stream. Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p doorstep-cli
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
/usr/bin/time -v "${CARGO_TARGET_DIR:-target}"/release/doorstep demo --start 2025-01-01 --days 365 --cases-per-day 2300 \
    --lang en --out "$out" 2> >(grep -E "^day 365|Maximum resident|Elapsed" >&2)
ls -l "$out"
