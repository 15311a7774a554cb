#!/usr/bin/env bash
# Builds libdoorstep and runs the C suite against it:
#   (a) tests/c/test_ids.c (tests/fixtures/ids.json), tests/c/test_forms.c
#       (tests/fixtures/forms.json, lint.json, the engine handle), tests/c/test_authority.c
#       (tests/fixtures/authority/stamps.json, ledgers.json, the stamp ledger) and
#       tests/c/test_cases.c (tests/fixtures/cases.json, calendar.json, replay, one engine
#       shared by 8 threads: fewer rounds under valgrind) and tests/c/test_policies.c
#       (tests/fixtures/policies.json, the policies in effect), linked to libdoorstep.so, under
#       valgrind (memory errors, and definite/indirect leaks; Rust's std
#       may keep "still reachable" blocks, not counted);
#   (b) the same tests linked statically to libdoorstep.a with AddressSanitizer,
#       LeakSanitizer and UndefinedBehaviorSanitizer;
#   (c) examples/c/window.c and examples/c/intake.c, built and run (under valgrind too);
# and checks that libdoorstep.so exports exactly the functions of include/doorstep.h.
# Each test program ends with its own count; this script adds them up (every program, in both
# runs) and ends with exactly one line "c: N passed, M failed" (a run that ends without its
# count is one failure).
# Needs gcc, valgrind and libcjson-dev. Runs from any directory; exits non-zero on any failure.
# The library is built into (and linked from) $CARGO_TARGET_DIR, target/ when unset.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

cargo build -p doorstep-c --release
lib="${CARGO_TARGET_DIR:-$root/target}/release"
out="${CARGO_TARGET_DIR:-$root/target}/c-tests"
mkdir -p "$out"

cflags=(-std=c99 -Wall -Wextra -Wpedantic -Werror -g -I "$root/bindings-c/include")
fixtures="$root/tests/fixtures"
# Each test program and its argument.
tests=(test_ids test_forms test_authority test_cases test_policies)
declare -A test_args=([test_ids]="$fixtures/ids.json" [test_forms]="$fixtures"
    [test_authority]="$fixtures" [test_cases]="$fixtures" [test_policies]="$fixtures")

memcheck=(-q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect)
status=0
total_passed=0
total_failed=0

# count NAME COMMAND...: runs a test program, showing its output but for its final count,
# which it adds to the totals (shown again without the "c: " prefix, so that the one
# "c: N passed, M failed" line is this script's last). Returns the program's status.
count() {
    local name=$1 log rc p f
    shift
    log="$(mktemp)"
    set +e
    "$@" >"$log" 2>&1
    rc=$?
    set -e
    grep -Ev '^c: [0-9]+ passed, [0-9]+ failed$' "$log" || true
    read -r p f < <(sed -nE 's/^c: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$log" | tail -n 1) || true
    rm -f "$log"
    if [[ -z "${p:-}" ]]; then
        echo "$name: ended without its count (exit status $rc)"
        p=0
        f=1
    elif [[ $rc -ne 0 && $f -eq 0 ]]; then
        f=1
    fi
    echo "$name: $p checks passed, $f checks failing"
    total_passed=$((total_passed + p))
    total_failed=$((total_failed + f))
    return "$rc"
}

echo "== exported symbols"
exported="$(nm -D --defined-only "$lib/libdoorstep.so" | awk '$2 == "T" { print $3 }' | sort)"
declared="$(grep -oE '\bdoorstep_[a-z_]+\(' "$root/bindings-c/include/doorstep.h" | tr -d '(' | sort -u)"
if [[ "$exported" != "$declared" ]]; then
    echo "FAIL: libdoorstep.so exports differ from include/doorstep.h:"
    diff <(echo "$declared") <(echo "$exported") || true
    status=1
else
    echo "ok: $(echo "$exported" | wc -l) functions, all doorstep_*, as declared"
fi

for test in "${tests[@]}"; do
    echo "== (a) $test: libdoorstep.so under valgrind"
    gcc "${cflags[@]}" -pthread "$root/tests/c/$test.c" -o "$out/${test}_shared" \
        -L "$lib" -Wl,-rpath,"$lib" -ldoorstep -lcjson
    if count "$test (valgrind)" valgrind "${memcheck[@]}" "$out/${test}_shared" \
        "${test_args[$test]}"; then
        echo "ok: valgrind: no memory errors, no definite or indirect leaks"
    else
        echo "FAIL: (a) $test: valgrind run"
        status=1
    fi
done

for test in "${tests[@]}"; do
    echo "== (b) $test: libdoorstep.a with AddressSanitizer + UndefinedBehaviorSanitizer"
    gcc "${cflags[@]}" -pthread -fsanitize=address,undefined -fno-sanitize-recover=all \
        -fno-omit-frame-pointer "$root/tests/c/$test.c" -o "$out/${test}_asan" \
        "$lib/libdoorstep.a" -lcjson -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
    if count "$test (sanitizers)" env ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$out/${test}_asan" "${test_args[$test]}"; then
        echo "ok: AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer: clean"
    else
        echo "FAIL: (b) $test: sanitizer run"
        status=1
    fi
done

echo "== (c) examples/c/window.c, examples/c/intake.c"
declare -A example_args=([window]="" [intake]="$fixtures/catalog/mini.json")
for example in window intake; do
    gcc "${cflags[@]}" "$root/examples/c/$example.c" -o "$out/$example" \
        -L "$lib" -Wl,-rpath,"$lib" -ldoorstep -lcjson
    # shellcheck disable=SC2086 # an empty argument list stays empty
    if valgrind "${memcheck[@]}" "$out/$example" ${example_args[$example]}; then
        echo "ok: $example ran clean under valgrind"
    else
        echo "FAIL: (c) example $example"
        status=1
    fi
done

if [[ $status -ne 0 ]]; then
    echo "tests/c/run.sh: FAILED"
    # A failure outside the test programs (symbols, examples) counts too.
    if [[ $total_failed -eq 0 ]]; then
        total_failed=1
    fi
fi
echo "c: $total_passed passed, $total_failed failed"
exit "$status"
