//! The dashboard: one self-contained HTML file (inline CSS and SVG, no script, no server,
//! no network) with the district's figures and three charts — per-station on-time and
//! satisfaction rates, and the weekly volume.

use std::fmt::Write as _;

use doorstep::engine::Engine;
use doorstep::metrics::MetricsReport;

use super::MetricsDocument;
use super::simulate::{Plan, Totals};

/// The page's style (system fonts: nothing is fetched).
const STYLE: &str = r#"
body{font-family:"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#1f2933;background:#f7f9fb}
h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px}
.sub{color:#52606d;font-size:13px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:16px}
.card{background:#fff;border-radius:8px;padding:12px 16px;min-width:150px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.card b{display:block;font-size:22px;color:#0b6bcb} .card span{font-size:12px;color:#52606d}
svg{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.bar{fill:#0b6bcb} .bar.sat{fill:#2f9e44} .bar.week{fill:#e8590c}
.axis{stroke:#9aa5b1;stroke-width:1} text{font-size:10px;fill:#52606d}
table{border-collapse:collapse;font-size:12px;background:#fff} td,th{padding:3px 8px;border-bottom:1px solid #e4e7eb;text-align:right}
td:first-child,th:first-child{text-align:left}
"#;

/// Chart geometry, in SVG user units.
const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 44.0;
const BOTTOM: f64 = 36.0;

/// The dashboard of a run: `weeks` are `(first day, cases received)`.
pub(super) fn render(
    document: &MetricsDocument,
    _engine: &Engine,
    totals: &Totals,
    plan: &Plan,
    seed: u64,
    weeks: &[(chrono::NaiveDate, u64)],
) -> String {
    let d = &document.district;
    let mut html = String::with_capacity(64 * 1024);
    let _ = write!(
        html,
        r#"<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>海沧区家门口办 · 模拟看板 doorstep dashboard</title>
<style>{STYLE}</style></head><body>
<h1>海沧区“家门口办”模拟看板 <span class="sub">doorstep district dashboard</span></h1>
<div class="sub">{} 至 {}（{} 天，种子 {seed}，工作日每日约 {} 件）· 48 个社区便民服务站 · 全部事件经 doorstep 引擎办理</div>
<div class="cards">"#,
        document.period.from, document.period.to, plan.days, plan.per_day
    );
    let pct = |r: Option<f64>| r.map_or_else(|| "—".to_owned(), |r| format!("{:.1}%", r * 100.0));
    let cards = [
        ("收件 received", d.cases.received.to_string()),
        ("办结 concluded", d.cases.concluded.to_string()),
        ("按时办结率 on time", pct(d.cases.on_time_rate)),
        ("即办率 immediate", pct(d.cases.immediate_rate)),
        ("满意率 satisfaction", pct(d.reviews.satisfaction_rate)),
        ("差评 bad reviews", d.reviews.bad.to_string()),
        (
            "整改按时率 rectified on time",
            pct(d.reviews.on_time_rectification_rate),
        ),
        ("办不成事 complaints", d.complaints.received.to_string()),
        ("一件事 bundles", totals.bundles.to_string()),
        ("免申即办 no application", totals.successors.to_string()),
    ];
    for (label, value) in cards {
        let _ = write!(
            html,
            r#"<div class="card"><b>{value}</b><span>{label}</span></div>"#
        );
    }
    html.push_str("</div>\n");
    let stations = &document.stations;
    let labels: Vec<String> = stations.iter().map(short_name).collect();
    html.push_str("<h2>各站按时办结率 On-time rate by station</h2>\n");
    html.push_str(&bars(
        "on-time",
        "bar",
        &labels,
        &stations
            .iter()
            .map(|s| s.cases.on_time_rate.unwrap_or(0.0))
            .collect::<Vec<_>>(),
        1.0,
        true,
    ));
    html.push_str("<h2>各站满意率 Satisfaction rate by station</h2>\n");
    html.push_str(&bars(
        "satisfaction",
        "bar sat",
        &labels,
        &stations
            .iter()
            .map(|s| s.reviews.satisfaction_rate.unwrap_or(0.0))
            .collect::<Vec<_>>(),
        1.0,
        true,
    ));
    html.push_str("<h2>每周收件量 Cases received per week</h2>\n");
    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    let volumes: Vec<f64> = weeks.iter().map(|(_, n)| *n as f64).collect();
    let top = volumes.iter().copied().fold(1.0, f64::max);
    let week_labels: Vec<String> = weeks
        .iter()
        .map(|(d, _)| d.format("%m-%d").to_string())
        .collect();
    html.push_str(&bars(
        "weekly",
        "bar week",
        &week_labels,
        &volumes,
        top,
        false,
    ));
    html.push_str("<h2>街道 Street centres</h2>\n<table><tr><th>街道</th><th>收件</th><th>办结</th><th>按时率</th><th>满意率</th><th>差评</th><th>办不成事</th></tr>");
    for s in &document.streets {
        row(&mut html, s, &pct);
    }
    html.push_str("</table>\n<h2>社区站 Stations</h2>\n<table><tr><th>站点</th><th>收件</th><th>办结</th><th>按时率</th><th>满意率</th><th>差评</th><th>办不成事</th></tr>");
    for s in stations {
        row(&mut html, s, &pct);
    }
    html.push_str("</table>\n<p class=\"sub\">满意率 = (非常满意 + 满意 + 基本满意) / 有效评价数；按时 = 在承诺时限（工作日，补正、挂起不计）内办结。机构名称为示意。</p>\n</body></html>\n");
    html
}

fn row(html: &mut String, s: &MetricsReport, pct: &dyn Fn(Option<f64>) -> String) {
    let _ = write!(
        html,
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        escape(&s.scope.name),
        s.cases.received,
        s.cases.concluded,
        pct(s.cases.on_time_rate),
        pct(s.reviews.satisfaction_rate),
        s.reviews.bad,
        s.complaints.received
    );
}

/// A station's name without the common suffix, for an axis label.
fn short_name(report: &MetricsReport) -> String {
    report
        .scope
        .name
        .trim_end_matches("便民服务站")
        .trim_end_matches("社区")
        .chars()
        .take(4)
        .collect()
}

/// A bar chart as inline SVG: one `rect.bar` per value (scaled to `top`), labels under
/// the bars, and a 0–100 % axis when `percent`.
fn bars(
    id: &str,
    class: &str,
    labels: &[String],
    values: &[f64],
    top: f64,
    percent: bool,
) -> String {
    let mut svg = String::new();
    let plot_w = WIDTH - LEFT - 8.0;
    let plot_h = HEIGHT - BOTTOM - 10.0;
    #[allow(clippy::cast_precision_loss)] // a few dozen bars
    let step = plot_w / (values.len().max(1) as f64);
    let _ = write!(
        svg,
        r#"<svg id="{id}" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img">"#
    );
    let base = 10.0 + plot_h;
    let _ = write!(
        svg,
        r#"<line class="axis" x1="{LEFT}" y1="{base}" x2="{}" y2="{base}"/><line class="axis" x1="{LEFT}" y1="10" x2="{LEFT}" y2="{base}"/>"#,
        WIDTH - 8.0
    );
    for tick in 0..=4 {
        let fraction = f64::from(tick) / 4.0;
        let y = base - plot_h * fraction;
        let label = if percent {
            format!("{:.0}%", fraction * 100.0)
        } else {
            format!("{:.0}", top * fraction)
        };
        let _ = write!(
            svg,
            r#"<text x="{}" y="{:.1}" text-anchor="end">{label}</text>"#,
            LEFT - 4.0,
            y + 3.0
        );
    }
    for (i, (value, label)) in values.iter().zip(labels).enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let x = LEFT + step * i as f64 + step * 0.15;
        let h = (value / top).clamp(0.0, 1.0) * plot_h;
        let _ = write!(
            svg,
            r#"<rect class="{class}" x="{x:.1}" y="{:.1}" width="{:.1}" height="{h:.1}"><title>{}: {}</title></rect>"#,
            base - h,
            step * 0.7,
            escape(label),
            if percent {
                format!("{:.1}%", value * 100.0)
            } else {
                format!("{value:.0}")
            }
        );
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" transform="rotate(-60 {:.1} {:.1})">{}</text>"#,
            x + step * 0.35,
            base + 10.0,
            x + step * 0.35,
            base + 10.0,
            escape(label)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
