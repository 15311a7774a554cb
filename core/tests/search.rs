//! Matter and bundle search (`Engine::matters`, `Engine::find_bundles`), as a kiosk's
//! search box asks them, against the plain reading of their contracts over the sample and
//! test catalogues; and the bundle list.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use doorstep::engine::Engine;

/// `text` with full-width ASCII (U+FF01–U+FF5E) as ASCII and ASCII letters lower case.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match u32::from(c) {
            0xFF01..=0xFF5E => char::from_u32(u32::from(c) - 0xFF01 + 0x21).unwrap(),
            _ => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether each word of `query` (split at white space) is in one of `texts`, both folded
/// ([`fold`]).
fn hit<'t>(query: &str, texts: impl IntoIterator<Item = &'t String>) -> bool {
    let texts: Vec<String> = texts.into_iter().map(|t| fold(t)).collect();
    query
        .split_whitespace()
        .all(|word| texts.iter().any(|t| t.contains(&fold(word))))
}

/// Each code once, where it first appears, as its newest version in effect on `at`; kept
/// when each word of `query` is in the code, the name, a 检索词 or the department's name
/// (as [`hit`] tells).
fn expected(engine: &Engine, query: &str, at: NaiveDate) -> Vec<(String, u32)> {
    let catalog = engine.catalog();
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for m in &catalog.matters {
        if seen.contains(&m.code) {
            continue;
        }
        seen.push(m.code.clone());
        let Some(newest) = catalog.matter_on(&m.code, at) else {
            continue;
        };
        let department = catalog
            .org(&newest.department)
            .map(|o| o.name.clone())
            .unwrap_or_default();
        let texts = [&newest.code, &newest.name, &department];
        if hit(query, texts.into_iter().chain(&newest.keywords)) {
            out.push((newest.code.clone(), newest.version));
        }
    }
    out
}

/// The codes of the bundles one of whose members has a version in effect on `at`, kept
/// when each word of `query` is in the bundle's code, name, 检索词 or lead department's
/// name, or in the code, name or 检索词 of a member's version in effect (as [`hit`]
/// tells); each with the codes of its members in effect.
fn expected_bundles(engine: &Engine, query: &str, at: NaiveDate) -> Vec<(String, Vec<String>)> {
    let catalog = engine.catalog();
    let mut out = Vec::new();
    for b in &catalog.bundles {
        let members: Vec<_> = b
            .members
            .iter()
            .filter_map(|m| catalog.matter_on(&m.matter, at))
            .collect();
        if members.is_empty() {
            continue;
        }
        let lead = catalog
            .org(&b.lead_department)
            .map(|o| o.name.clone())
            .unwrap_or_default();
        let own = [&b.code, &b.name, &lead].into_iter().chain(&b.keywords);
        let of_members = members
            .iter()
            .flat_map(|m| [&m.code, &m.name].into_iter().chain(&m.keywords));
        if hit(query, own.chain(of_members)) {
            let codes = members.iter().map(|m| m.code.clone()).collect();
            out.push((b.code.clone(), codes));
        }
    }
    out
}

/// `mini.json` with its first matter in three versions: the first cancelled from 2025,
/// the second in effect from 2025, the third from 2030 and listed last.
fn versioned(text: &str) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(text).unwrap();
    let matters = doc["matters"].as_array_mut().unwrap();
    let mut first = matters[0].clone();
    first["effective"] = serde_json::json!("2020-01-01");
    first["cancelled"] = serde_json::json!("2025-01-01");
    let mut second = first.clone();
    second["version"] = serde_json::json!(2);
    second["effective"] = serde_json::json!("2025-01-01");
    second["cancelled"] = serde_json::Value::Null;
    second["name"] = serde_json::json!("Second version");
    let mut third = second.clone();
    third["version"] = serde_json::json!(3);
    third["effective"] = serde_json::json!("2030-01-01");
    matters[0] = first;
    matters.insert(1, second);
    matters.push(third);
    doc.to_string()
}

#[test]
fn search_finds_what_the_contract_says() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap();
    let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    for file in [
        "catalogs/haicang.json",
        "tests/fixtures/catalog/mini.json",
        "versioned",
    ] {
        let text = match file {
            "versioned" => versioned(
                &std::fs::read_to_string(root.join("tests/fixtures/catalog/mini.json")).unwrap(),
            ),
            _ => std::fs::read_to_string(root.join(file)).unwrap(),
        };
        let engine = Engine::load(&text, at).unwrap_or_else(|e| panic!("{file}: {e:?}"));
        let codes: Vec<String> = engine
            .catalog()
            .matters
            .iter()
            .map(|m| m.code.clone())
            .collect();
        // Separated by `|`: the empty query, a blank one, codes, names, 检索词, departments.
        let mut queries: Vec<String> =
            "| |x|350205|ga|GA-00|出生|公安|局|医保 |zz|社保卡|报户口|生孩子|BIRTH|开公司|卫生健康|退休|公积金 提取|出生 公安|\t社保卡  出生 |开公司 zz|（户口）|(户口)|ＧＡ－００|ｂｉｒｔｈ\u{3000}出生|（新生儿）"
                .split('|')
                .map(str::to_owned)
                .collect();
        queries.extend(codes.iter().take(5).map(|c| c.to_ascii_lowercase()));
        let dates = [
            "2000-01-01",
            "2022-06-30",
            "2024-01-01",
            "2026-11-25",
            "2030-06-30",
        ];
        let day = |d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        if file == "versioned" {
            // The versions make a difference.
            let on = |d| engine.matters("", day(d));
            assert_ne!(on("2024-01-01")[0].version, on("2026-11-25")[0].version);
            assert_eq!(on("2030-06-30")[0].version, 3);
            // In 2022 only the first matter is in effect: its bundle is open, with it alone.
            let open = engine.find_bundles("", day("2022-06-30"));
            assert_eq!(open.len(), 1);
            assert_eq!(open[0].members, ["BIRTH-CERT"]);
            assert!(open[0].conditional.is_empty());
        }
        for date in dates {
            let day = day(date);
            for q in &queries {
                let got: Vec<(String, u32)> = engine
                    .matters(q, day)
                    .into_iter()
                    .map(|s| (s.code, s.version))
                    .collect();
                assert_eq!(got, expected(&engine, q, day), "{file}: {q:?} on {date}");
                let bundles: Vec<(String, Vec<String>)> = engine
                    .find_bundles(q, day)
                    .into_iter()
                    .map(|b| (b.code, b.members))
                    .collect();
                assert_eq!(
                    bundles,
                    expected_bundles(&engine, q, day),
                    "{file}: bundles {q:?} on {date}"
                );
            }
        }
    }
}

/// The bundle list says which members apply only under a condition: in the sample, 生育津贴
/// of 出生一件事 (a mother with employee maternity insurance), each conditional member a
/// member, in the members' order, exactly those the catalogue gives a condition.
#[test]
fn bundles_list_their_conditional_members() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap();
    let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let text = std::fs::read_to_string(root.join("catalogs/haicang.json")).unwrap();
    let engine = Engine::load(&text, at).unwrap();
    let bundles = engine.bundles();
    let birth = bundles.iter().find(|b| b.code == "birth").unwrap();
    assert_eq!(birth.conditional, ["350205-YB-002"]);
    for (summary, bundle) in bundles.iter().zip(&engine.catalog().bundles) {
        let conditional: Vec<&str> = bundle
            .members
            .iter()
            .filter(|m| m.condition.is_some())
            .map(|m| m.matter.as_str())
            .collect();
        assert_eq!(summary.conditional, conditional, "{}", summary.code);
        let mut members = summary.members.iter();
        assert!(
            summary.conditional.iter().all(|c| members.any(|m| m == c)),
            "{}: conditional members in the members' order",
            summary.code
        );
    }
}
