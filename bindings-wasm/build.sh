#!/usr/bin/env bash
# Builds the npm package `doorstep` into bindings-wasm/pkg/ (gitignored), two modules:
#   pkg/             `doorstep`: what a citizen's H5 page, a kiosk and a counter call,
#   pkg/backoffice/  `doorstep/backoffice`: all of it (cargo feature `backoffice`: ledger,
#                    authorisation, metrics, 办不成事, 预约, lint, replay, the calendar query),
# each: the wasm with the size-first profile `wasm-release`, wasm-bindgen --target web (ES
# module + .d.ts); then the committed entry modules and package.json from bindings-wasm/npm/.
#
# Size (gzip -9; budget 300 kB for the default module), tree of 2026-11-26 06:20:
#   one module with every call                     378,019 / 1,212,253 raw
#   default module without the back office's      326,010 / 1,025,487
#   + serde_json reading structs from objects only 305,001 /   942,440  (vendor/serde_json)
#   + ASCII-only case folding in matter search     290,876              (no Unicode tables)
#   backoffice module, same tree                   ~339,000
# Tree of 2026-11-26 14:35: 预约 (decideAppointment, evolveAppointment) in the default module
# took it from 299,622 to 312,944 (+8.9 kB the calls, +4.4 kB the book's checks as it is
# read): they are in the back office's module only.
# Tree of 2026-11-26 22:30: 299,956 (44 bytes left); the 20 unit-only enums read by name
# through one shared visitor (core/src/named.rs) instead of serde's derive: 297,365 (-2.6 kB,
# -29 kB raw); then account ids (AccountId) in ProxyConsent: 297,785; session 11 (dates
# checked by hand, pattern bitmaps): 298,073; session 12 (a credit code written plainly
# normalised without its facts, +382; dates from their digits): 298,502; the review: 298,504;
# session 13 (the validation's leaf checks out of its walk, for the verdict): 298,676;
# BundleSummary.conditional and unknown keys' digits masked: 298,732; review: 298,740;
# session 14, chrono's serde readers of dates and times by hand instead of its general
# format parser (vendor/chrono/PATCHED.md): 291,636 (backoffice 351,530); then holiday
# arrangements in the catalogue (its `calendar`, read and checked): 294,635 (354,620);
# Engine.calendarQuery (back office) and the review: 294,597 (354,293); session 15, the
# calendar refusals of complaints, reviews and appointments naming the year to add: 295,193
# (355,354); the calendar's `years` query (back office) and lint's catalog.field_key: 295,596
# (355,813); a case passing back to the department when its back office's grant ends:
# 295,673 (355,886); the `transfer` command (移交) recording it: 295,661 (356,185); session
# 16, the audit's fixes (lint's new checks, merged forms by version, masking, phone kinds,
# stamp and ledger checks): 298,908 (359,396); then without the sort a one-entry map's
# collect brought in, and without a second Vec reader for the evidence notes: 298,441
# (358,173); lint's pattern check across a bundle's forms: 298,496 (358,240).
# Review: the seal checked at its use through verify_used: 298,509 (358,360); an array of
# options refused as `options`: 298,419 (358,372); session 17, a byte order mark ignored,
# JSON Lines errors placed on the file's line, `arg.invalid_type` naming arrays: 298,940
# (358,524); the case and form audits (a case keeps its normalised answer, checks skip
# hidden fields, stricter case guards): 299,333 (359,261); a case's reasons as notes
# (masked in Debug): 299,195 (359,112); case.reason and answers sized to fit their event:
# 299,401 (359,398); dates in rules read without the spaces around them: 299,547 (359,285);
# acceptance ending a claim: 299,471 (359,430); the review (a bundle's cached form knows
# its dates, hidden slots cleared in place, one materials function): 299,454 (359,531).
# Session 18: checks read the kept answer (walked again when only problems were asked and a
# value is not kept as written), integers written as 100.0: 299,715 (359,624); prefill
# leaving hidden fields empty and filling `[]`: 300,166 with iterator adapters, 299,966
# (360,044) with plain loops and the kept slots matched by `match_keys`; a kept ledger head
# read by `LedgerHead::from_json` (back office): 299,952 (360,534).
# talc as the global allocator instead of dlmalloc (src/lib.rs has the speed): 297,394
# (357,184); a claim by the officer holding the case refused (case.already_claimed):
# 297,453 (357,267); a case id with `/` refused at submission: 297,509 (357,341); an
# unknown key making the checks read the kept answer only when a check may read it: 297,683
# (357,539); top-level values dropped (blank, null, hidden) read without a second walk:
# 297,921 (357,867); the review (a kept text told by its length, prefill filling once):
# 297,866 (357,874).
# Session 19: integers within ±(2^53 − 1): 297,937 (358,068); case.backdated and the
# extension before the due date: 298,403 (358,626); clientActions (case.client_id_reused,
# Action read through named_enum): 299,296 (359,400); bounds in messages written as JS writes
# numbers, and serde_json wording unexpected values itself (vendor/serde_json/PATCHED.md), so
# that core's float formatting (Grisu, Dragon4) leaves the module: 289,348 (349,364);
# reviews and complaints refusing a reused client id too: 289,695 (350,167).
# Session 22 (an audit's fixes): field conditions reading the kept answer, in dependency
# order (+5.8 kB: form::validate, plan, lint's catalog.rule_cycle); parsers' wording of
# input.shape in Chinese (+1.7 kB), lone surrogate escapes read as U+FFFD, a bundle none of
# whose matters is in effect refused, arg.too_long for short strings: 299,421 (360,364);
# integral range bounds in params as integers: 299,520 (360,508).
# Session 23: text refusing control characters and bidirectional overrides, zero-width
# characters trimmed (form::control; the WASM build looks at each character, without the
# native byte pre-pass): 299,665 (360,842); multi-choice problems at their item: 299,779
# (360,911); the review of the session (documentation only): 299,778 (360,909); case
# events read from the district's one file, the lines of reviews and complaints skipped
# (decode_events, +389 bytes raw): 299,947; the WASM build trimming text character by
# character (no byte fast path): 299,771 (361,163); the review (one classification of a
# line's stream for metrics and case readers, one wording of serde's invalid type/value):
# 299,843 (361,326).
# Session 24 (an audit's fixes): identifiers trimming zero-width characters (+30); lint of
# bundles across member versions, of their merged example and of constraints a type has
# not (+1,064, in the default module because Engine.load lints): 300,937; serde_json not
# wording I/O errors in WASM (vendor/serde_json/PATCHED.md, -653) and the replay/metrics
# maps' hasher seeded by a constant in WASM (crate::IdHasher, -324); a bundle answer
# applying to no member (form.no_matter), problems attributed by each member's own form,
# materials' conditions and prefill reading the kept answer: 300,654; the lint's merged
# example at the bundle's members (-332), one attribution path (-132), the lint's two
# sets as lists (-180), a whole number written with ".0" read exactly (vendor/serde_json):
# 299,980 (361,354); members' own problems from the engine's compiled forms (attribution
# took 9x the time of an invalid answer's check), shorter messages for the two new codes,
# the lint's failing examples held by address: 299,892 (361,445); a wrong type named in
# words people use ("must be a whole number", not "must be a integer"), item counts worded
# for one too: 299,943 (361,324); the review (the form engine's WASM trim is the input's
# trim_blank itself): 299,942 (361,324).
# Session 25: form patterns matched by the engine's own Pike VM (core/src/form/pattern/, a
# subset of the regex crate's syntax held to regex-lite by the tests and a fuzz target)
# instead of regex-lite: 282,821 (344,785), -17.1 kB; an object giving a key twice refused
# (vendor/serde_json): 282,867 (344,816); lint of two checks with one code and of a
# requiredIf on a required field (catalog.redundant): 283,173 (344,946); of an example's
# value validation drops (catalog.example_unkept): 283,724 (345,416); empty groups and
# anything taken no times not copied by the pattern compiler: 283,911 (345,501).
# Session 26: 检索词 (keywords) of matters and bundles, searched, and Engine.findBundles
# (bundles open on a date, found by their own and their members' names): 285,762 (346,719);
# a search's words each found: 285,826 (346,882); a bundle found listed with its members
# in effect: 285,986 (347,065); full-width ASCII searched as ASCII: 286,008 (347,275).
# Session 27: choices and conditions' literals compared inline (input::same_bytes): 286,212
# (347,533); a bundle problem's members from their forms' unworded findings: 286,661
# (347,899); provinces looked up in a table by their digits: 286,671 (347,906).
# Session 28: lint finds a rule comparing a field with a text it never holds, prefill that
# fills nothing, bounds no value meets, channels and levels twice: 288,637 (350,569); and
# successors' answers mapped from the example checked against their forms: 290,206 (352,084);
# a choice's labels told apart: 290,523 (352,284); after the review: 290,495 (352,269).
# Session 29: masking numbers spaced by several separators, resident-ID-shaped values
# detected as resident IDs only, e-mail addresses as RFC 5321 writes them (form/email.rs)
# and blank glyphs trimmed: 291,265 (352,784); the stamp, role, backdating and extension
# checks of cases, reviews and complaints, maskId's head only: 291,380 (352,896); the bundle's
# form to render with its members' conditions (bundle::form_to_render): 292,118 (353,803);
# the metrics fold ignoring what decide refuses, rounding in integers: 292,122 (354,044);
# stored bookings only where the slot has a place: 292,142 (354,224).
# Session 30: an optional group left blank not given, documents a bundle member issues not
# asked for (Matter::issues), the 免申即享 missing-data lint, 140–144 refused as mobiles:
# 293,526 (355,408).
# The rest is mostly one serde_json deserializer per input type (twiggy: ~99 of them) and
# the catalogue's load. Tried and not kept (root Cargo.toml has the history): wasm-opt
# (binaryen 132: -Oz made the .wasm smaller but its gzip larger, 421.7 kB on the full
# module; Debian's wasm-opt 108 emits broken wasm), opt-level "s"/3, parsing inputs through
# serde_json::Value (-12.8 kB, shape errors lose line and column), nightly build-std
# (-27.8 kB, needs a nightly toolchain in CI).
# `wasm-release` strips debug info only; wasm-bindgen drops the name and producers sections,
# and the step after it the `target_features` section (together 260 bytes of metadata).
# Works from any directory. Prints the raw and gzipped size of each .wasm.
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

target_dir="$(cargo metadata --format-version 1 --no-deps |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
wasm="$target_dir/wasm32-unknown-unknown/wasm-release/doorstep_wasm.wasm"

# build FEATURES OUT: one module of the package (cargo keeps both feature sets' artifacts, so
# switching between them relinks nothing).
build() {
    cargo build -p doorstep-wasm --target wasm32-unknown-unknown --profile wasm-release \
        --no-default-features ${1:+--features "$1"}
    wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir "$2" \
        --out-name doorstep_wasm "$wasm"
    # The `target_features` custom section is for tools (wasm-bindgen has read it); engines
    # ignore it, and its 148 bytes are dropped from the module.
    node -e '
        const fs = require("fs"); const f = process.argv[1]; const b = fs.readFileSync(f);
        const leb = (i) => { let r = 0, s = 0, x; do { x = b[i++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return [r, i]; };
        const kept = [b.subarray(0, 8)];
        for (let i = 8; i < b.length;) {
            const start = i; const [size, body] = leb(i + 1); i = body + size;
            if (b[start] === 0) {
                const [len, name] = leb(body);
                if (b.toString("utf8", name, name + len) === "target_features") continue;
            }
            kept.push(b.subarray(start, i));
        }
        fs.writeFileSync(f, Buffer.concat(kept));' "$2/doorstep_wasm_bg.wasm"
    # The raw exports wasm-bindgen lists in `InitOutput` (`(a: any, b: number) => …`) are its
    # glue, not the API: the declaration keeps the memory only, so no `any` is public. And
    # `[Symbol.dispose]()` goes from the class declarations: it needs TypeScript's
    # esnext.disposable lib, which a project on `"lib": ["es2022", "dom"]` lacks (TS2550);
    # `free()` is the documented release (the method still exists at run time).
    node -e '
        const fs = require("fs"); const f = process.argv[1];
        const text = fs.readFileSync(f, "utf8").replace(
            /export interface InitOutput \{[^}]*\}/,
            "export interface InitOutput {\n    readonly memory: WebAssembly.Memory;\n}")
            .replace(/^ *\[Symbol\.dispose\]\(\): void;\n/gm, "");
        fs.writeFileSync(f, text);' "$2/doorstep_wasm.d.ts"
    # The same glue's own declarations (`doorstep_wasm_bg.wasm.d.ts`): imported by nothing.
    rm -f "$2/doorstep_wasm_bg.wasm.d.ts"
}

rm -rf "$pkg"
# `doorstep`: the citizen's and the counter's calls (catalogue, forms, cases, timeline,
# 好差评 rating, policies, identifiers).
build "" "$pkg"
# `doorstep/backoffice`: all of them, the back office's too (ledger, authorisation,
# metrics, 办不成事, lint, replay, the calendar).
build backoffice "$pkg/backoffice"

cp "$here"/npm/package.json "$here"/npm/index.js "$here"/npm/node.js "$here"/npm/index.d.ts \
    "$here"/npm/README.md "$pkg"/
cp "$here"/npm/index.js "$here"/npm/node.js "$here"/npm/index.d.ts "$pkg"/backoffice/
rm -f "$pkg"/backoffice/.gitignore "$pkg"/.gitignore

# The npm version is the crate version (one version for the whole workspace).
crate_version="$(cargo pkgid -p doorstep-wasm | sed 's/.*[@#]//')"
npm_version="$(node -p 'require(process.argv[1]).version' "$pkg/package.json")"
if [[ "$crate_version" != "$npm_version" ]]; then
    echo "build.sh: bindings-wasm/npm/package.json has version $npm_version, the crate $crate_version" >&2
    exit 1
fi

for module in "" backoffice/; do
    raw="$(wc -c < "$pkg/${module}doorstep_wasm_bg.wasm")"
    gz="$(gzip -9 -c "$pkg/${module}doorstep_wasm_bg.wasm" | wc -c)"
    echo "${module}doorstep_wasm_bg.wasm: $raw bytes, $gz bytes gzipped (-9)"
done
echo "doorstep $npm_version -> $pkg"
