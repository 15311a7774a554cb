//! Matching a field's pattern: the form engine's own matcher (`form::Pattern`, a plain
//! sequence walked once or a Pike VM) against regex-lite, which it replaced, on the same
//! patterns and texts. Prints figures; asserts nothing.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use doorstep::form::Pattern;

fn patterns(c: &mut Criterion) {
    // (pattern, a text it matches, one it does not): the sample catalogue's sequences, and
    // patterns with groups, alternation and repetition, which the Pike VM runs.
    let samples = [
        ("[A-Z][0-9]{9}", "Q350123456", "Q35012345X"),
        (
            r"闽\([0-9]{4}\)厦门市不动产权第[0-9]{7}号",
            "闽(2024)厦门市不动产权第0012345号",
            "闽(2024)厦门市不动产权第001234号",
        ),
        (
            "闽[A-HJ-NP-Z](?:[A-HJ-NP-Z0-9]{5}|[DF][A-HJ-NP-Z0-9]{5})",
            "闽DD12345",
            "闽I12345",
        ),
        (
            r"0\d{2,3}-?\d{7,8}(?:-\d{1,6})?",
            "0592-6881234-801",
            "0592-688123",
        ),
        (
            "[A-Za-z]+(?: [A-Za-z]+)*",
            "Chen Zhi Qiang",
            "Chen  Zhi Qiang",
        ),
    ];
    let mut group = c.benchmark_group("pattern");
    for (source, good, bad) in samples {
        let (Ok(ours), Ok(theirs)) = (
            Pattern::new(source),
            regex_lite::Regex::new(&format!("^(?:{source})$")),
        ) else {
            eprintln!("patterns: {source} is not read by both");
            continue;
        };
        group.bench_function(format!("doorstep/{source}"), |b| {
            b.iter(|| (ours.matches(black_box(good)), ours.matches(black_box(bad))));
        });
        group.bench_function(format!("regex-lite/{source}"), |b| {
            b.iter(|| {
                (
                    theirs.is_match(black_box(good)),
                    theirs.is_match(black_box(bad)),
                )
            });
        });
    }
    group.finish();
}

criterion_group!(benches, patterns);
criterion_main!(benches);
