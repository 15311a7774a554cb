//! Throughput of the identifier checks. Prints figures; asserts nothing.
#![allow(missing_docs)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use doorstep::Lang;
use doorstep::ids::{self, IdKind};

fn checks(c: &mut Criterion) {
    let at = NaiveDate::from_ymd_opt(2024, 10, 15).unwrap_or_default();
    let samples = [
        (IdKind::ResidentId, "11010519491231002X"),
        (IdKind::ResidentId, "350205900307123"),
        (IdKind::CreditCode, "9144030071526726XG"),
        (IdKind::OrgCode, "71526726-X"),
        (IdKind::Mobile, "+86 139-1234-5678"),
        (IdKind::Landline, "0592-6881234"),
        (IdKind::PostalCode, "361026"),
        (IdKind::BankCard, "6217 0012 3456 7890 122"),
    ];
    let mut group = c.benchmark_group("check_as");
    for (kind, value) in samples {
        group.bench_function(format!("{kind}/{value}"), |b| {
            b.iter(|| ids::check_as(kind, black_box(value), at));
        });
    }
    group.finish();

    c.bench_function("check/detect 18-digit", |b| {
        b.iter(|| ids::check(black_box("11010519491231002X"), None, at));
    });
    c.bench_function("check/invalid with 2 problems", |b| {
        b.iter(|| ids::check(black_box("350205199902301240"), None, at));
    });
    c.bench_function("report+json/resident_id", |b| {
        b.iter(|| {
            let r = ids::report(black_box("11010519491231002X"), None, at, Lang::ZhCn);
            serde_json::to_string(&r)
        });
    });
}

criterion_group!(benches, checks);
criterion_main!(benches);
