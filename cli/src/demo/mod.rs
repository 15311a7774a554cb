//! `doorstep demo`: the whole engine at work on the sample district — 48 stations over a
//! period, every application, decision, rating, bad review and complaint run through the
//! engine — and the district report; `doorstep metrics`: the same metrics recomputed from
//! the events alone. `doorstep demo ids`: the identifier checks on sample values.
//!
//! `doorstep demo [--days N] [--seed S] [--start YYYY-MM-DD] [--cases-per-day N]
//! [--lang zh-CN|en] [--out DIR]` prints the report; with `--out` it also writes
//! `events.jsonl` (every event, one per line, in the order they happened),
//! `metrics.json` (what `doorstep metrics events.jsonl` prints) and `dashboard.html`
//! (self-contained charts). Progress goes to standard error.

mod dashboard;
mod district;
mod ids;
mod simulate;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use doorstep::args::parse_lang;
use doorstep::authority::cst_date;
use doorstep::catalog::OrgLevel;
use doorstep::engine::Engine;
use doorstep::metrics::{Metrics, MetricsReport, Period, StreamEvent};
use doorstep::{Coded, Lang};
use serde::Serialize;

use crate::usage::{UsageError, split_options};
use district::District;
use simulate::{Plan, Simulation, Sink, Totals};

/// Runs `doorstep demo …`.
pub(crate) fn run(args: &[&str]) -> Result<bool, UsageError> {
    if let Some((&"ids", rest)) = args.split_first() {
        return ids::run(rest);
    }
    let owned: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    let command = split_options(
        &owned,
        &[
            "--days",
            "--seed",
            "--start",
            "--cases-per-day",
            "--lang",
            "--out",
        ],
    )?;
    if let Some(extra) = command.positional.first() {
        return Err(UsageError::UnexpectedArgument((*extra).to_owned()));
    }
    let lang = parse_lang(command.option("--lang")).map_err(UsageError::Arg)?;
    let number =
        |name: &'static str, default: u64, range: RangeInclusive<u64>| match command.option(name) {
            None => Ok(default),
            Some(text) => text
                .parse::<u64>()
                .ok()
                .filter(|n| range.contains(n))
                .ok_or_else(|| UsageError::Invalid(name, text.to_owned())),
        };
    let days = u32::try_from(number("--days", 30, 1..=1096)?).unwrap_or(30);
    let per_day = u32::try_from(number("--cases-per-day", 600, 1..=100_000)?).unwrap_or(600);
    // Any seed will do, 0 too: the generator mixes it before use.
    let seed = number("--seed", 2024, 0..=u64::MAX)?;
    let start = match command.option("--start") {
        None => NaiveDate::from_ymd_opt(2025, 9, 15).unwrap_or_default(),
        Some(text) => date("--start", text)?,
    };
    let out = command.option("--out").map(PathBuf::from);
    demo(
        &Plan {
            start,
            days,
            per_day,
        },
        seed,
        out.as_deref(),
        lang,
    )
    .map_err(UsageError::Failed)?;
    Ok(true)
}

/// A date option, `YYYY-MM-DD` as every command reads it (the core's reading).
fn date(option: &'static str, text: &str) -> Result<NaiveDate, UsageError> {
    doorstep::calendar::parse_date(text).ok_or_else(|| UsageError::Invalid(option, text.to_owned()))
}

/// A path as an error names it: a number in it (an ID number as a file name) masked, as
/// every usage error masks what was typed.
fn shown(path: &Path) -> String {
    crate::usage::echo(&path.display().to_string())
}

/// The sink of a run: the metrics fold, the events file, the progress line.
struct Out {
    metrics: Metrics,
    events: Option<BufWriter<File>>,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    started: Instant,
}

impl Sink for Out {
    fn event(&mut self, event: StreamEvent) -> Result<(), String> {
        let day = cst_date(event_at(&event));
        self.first = Some(self.first.map_or(day, |d| d.min(day)));
        self.last = Some(self.last.map_or(day, |d| d.max(day)));
        self.metrics.apply(&event);
        if let Some(file) = &mut self.events {
            serde_json::to_writer(&mut *file, &event).map_err(|e| e.to_string())?;
            file.write_all(b"\n").map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    fn day_done(&mut self, day: u32, days: u32, totals: &Totals) {
        if day == days || day % 5 == 0 {
            crate::out::note(&format!(
                "day {day}/{days}: {} cases, {} events, {:.1} s",
                totals.cases,
                totals.events,
                self.started.elapsed().as_secs_f64()
            ));
        }
    }
}

fn event_at(event: &StreamEvent) -> chrono::DateTime<chrono::FixedOffset> {
    match event {
        StreamEvent::Case(e) => e.at,
        StreamEvent::Review(e) => e.at,
        StreamEvent::Complaint(e) => e.at,
    }
}

fn demo(plan: &Plan, seed: u64, out: Option<&Path>, lang: Lang) -> Result<(), String> {
    let started = Instant::now();
    let district = District::new(plan.start, plan.days)?;
    let events = match out {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", shown(dir)))?;
            let path = dir.join("events.jsonl");
            Some(BufWriter::new(
                File::create(&path).map_err(|e| format!("{}: {e}", shown(&path)))?,
            ))
        }
        None => None,
    };
    let sink = Out {
        metrics: Metrics::new(),
        events,
        first: None,
        last: None,
        started,
    };
    let (mut sink, totals) = Simulation::new(&district, seed, sink).run(plan)?;
    if let Some(file) = &mut sink.events {
        file.flush().map_err(|e| e.to_string())?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let period = Period {
        from: sink.first.unwrap_or(plan.start),
        to: sink.last.unwrap_or(plan.start),
    };
    let document = metrics_document(&district.engine, &sink.metrics, period)?;
    // The files are written before anything is printed: a reader that stops early
    // (`| head`) ends the process at the next line printed.
    if let Some(dir) = out {
        let json = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())? + "\n";
        write(&dir.join("metrics.json"), json.as_bytes())?;
        let weeks = weekly(&district.engine, &sink.metrics, period)?;
        let html = dashboard::render(&document, &district.engine, &totals, plan, seed, &weeks);
        write(&dir.join("dashboard.html"), html.as_bytes())?;
    }
    print_report(&document, &district, &totals, plan, seed, lang);
    #[allow(clippy::cast_precision_loss)] // a rate for people to read
    let rate = totals.events as f64 / elapsed.max(1e-9);
    crate::out::line(&match lang {
        Lang::ZhCn => format!(
            "用时 {elapsed:.1} 秒，每秒 {rate:.0} 个事件，内存峰值 {}",
            peak_memory()
        ),
        Lang::En => format!(
            "{elapsed:.1} s, {rate:.0} events/s, peak memory {}",
            peak_memory()
        ),
    });
    if let Some(dir) = out {
        crate::out::line(&format!(
            "{} {}",
            lang.pick("已写入", "written:"),
            ["events.jsonl", "metrics.json", "dashboard.html"]
                .map(|f| shown(&dir.join(f)))
                .join(", ")
        ));
    }
    Ok(())
}

/// Cases received in each week of `period` (from its first day, seven days at a time).
fn weekly(
    engine: &Engine,
    metrics: &Metrics,
    period: Period,
) -> Result<Vec<(NaiveDate, u64)>, String> {
    let district = engine
        .catalog()
        .orgs
        .iter()
        .find(|o| o.level == OrgLevel::District)
        .ok_or("no district")?;
    let mut weeks = Vec::new();
    let mut from = period.from;
    while from <= period.to {
        let to = (from + chrono::Duration::days(6)).min(period.to);
        let report = metrics
            .report(engine, &district.code, Period { from, to })
            .map_err(|e| e.to_string())?;
        weeks.push((from, report.cases.received));
        from += chrono::Duration::days(7);
    }
    Ok(weeks)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", shown(path)))
}

/// The peak resident memory of this process (Linux `VmHWM`), or `?` elsewhere.
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
        })
        .unwrap_or_else(|| "?".into())
}

/// What `metrics.json` holds: the district, each street centre and each station over the
/// period.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MetricsDocument {
    /// The period.
    pub(crate) period: Period,
    /// The district.
    pub(crate) district: MetricsReport,
    /// The street centres, in catalogue order.
    pub(crate) streets: Vec<MetricsReport>,
    /// The community stations, in catalogue order.
    pub(crate) stations: Vec<MetricsReport>,
}

/// The metrics of every scope of the catalogue's tree over `period`.
pub(crate) fn metrics_document(
    engine: &Engine,
    metrics: &Metrics,
    period: Period,
) -> Result<MetricsDocument, String> {
    let catalog = engine.catalog();
    let report = |code: &str| {
        metrics
            .report(engine, code, period)
            .map_err(|e| format!("{e}"))
    };
    let of_level = |level: OrgLevel| -> Result<Vec<MetricsReport>, String> {
        catalog
            .orgs
            .iter()
            .filter(|o| o.level == level)
            .map(|o| report(&o.code))
            .collect()
    };
    let district = catalog
        .orgs
        .iter()
        .find(|o| o.level == OrgLevel::District)
        .ok_or("no district")?;
    Ok(MetricsDocument {
        period,
        district: report(&district.code)?,
        streets: of_level(OrgLevel::Street)?,
        stations: of_level(OrgLevel::Community)?,
    })
}

/// `doorstep metrics [--from YYYY-MM-DD] [--to YYYY-MM-DD] EVENTS.jsonl`: the metrics
/// document of a stream of events (what `doorstep demo --out` writes as `metrics.json`),
/// over the sample district; the period defaults to the events' first to last day.
pub(crate) fn metrics(args: &[String]) -> Result<bool, UsageError> {
    let command = split_options(args, &["--from", "--to"])?;
    let file = crate::stamp::one_file(&command.positional, "EVENTS.jsonl")?;
    let bytes = crate::stamp::read(file, doorstep::case::MAX_EVENTS_BYTES)?;
    let (events, problems) = doorstep::metrics::decode_stream(&bytes);
    if let Some((line, e)) = problems.first() {
        // Coded like any refused input, the file and line first.
        let at = format!("{}:{line}: ", shown(Path::new(file)));
        return Err(UsageError::Coded {
            code: e.code(),
            message: format!(
                "{at}{} / {at}{}",
                e.message(Lang::ZhCn),
                e.message(Lang::En)
            ),
        });
    }
    let mut metrics = Metrics::new();
    let mut first: Option<NaiveDate> = None;
    let mut last: Option<NaiveDate> = None;
    for (_, event) in &events {
        let day = cst_date(event_at(event));
        first = Some(first.map_or(day, |d| d.min(day)));
        last = Some(last.map_or(day, |d| d.max(day)));
        metrics.apply(event);
    }
    let option =
        |name: &'static str, default: Option<NaiveDate>| -> Result<NaiveDate, UsageError> {
            match command.option(name) {
                Some(text) => date(name, text),
                None => default.ok_or(UsageError::NoDefault(name)),
            }
        };
    let period = Period {
        from: option("--from", first)?,
        to: option("--to", last)?,
    };
    let district = District::new(period.from, 0).map_err(UsageError::Failed)?;
    let document =
        metrics_document(&district.engine, &metrics, period).map_err(UsageError::Failed)?;
    let json =
        serde_json::to_string_pretty(&document).map_err(|e| UsageError::Failed(e.to_string()))?;
    crate::out::line(&json);
    Ok(true)
}

/// The district report, as text: the summary, the street centres, the revoked grant and
/// what the engine refused.
fn print_report(
    document: &MetricsDocument,
    district: &District,
    totals: &Totals,
    plan: &Plan,
    seed: u64,
    lang: Lang,
) {
    let line = |s: String| crate::out::line(&s);
    let pct = |r: Option<f64>| r.map_or_else(|| "—".to_owned(), |r| format!("{:.1}%", r * 100.0));
    for text in summary(document, totals, plan, seed, lang) {
        line(text);
    }
    for street in &document.streets {
        line(format!(
            "  {} {}: {} {} / {} {} / {} {}",
            street.scope.name,
            street.scope.org,
            lang.pick("收件", "received"),
            street.cases.received,
            lang.pick("按时率", "on time"),
            pct(street.cases.on_time_rate),
            lang.pick("满意率", "satisfaction"),
            pct(street.reviews.satisfaction_rate)
        ));
    }
    if let Some(r) = &district.revoked {
        line(format!(
            "{} {} ({}) {} {}: {} {}",
            lang.pick("授权撤销", "grant revoked"),
            r.grant,
            r.station,
            lang.pick("于", "at"),
            r.at.format("%Y-%m-%d"),
            lang.pick(
                "此后转区级部门受理",
                "acceptances sent to the department since"
            ),
            totals.rerouted
        ));
    }
    line(format!(
        "{} {}{}{} {}",
        lang.pick("预约到窗", "window visits booked ahead"),
        totals.appointments,
        lang.pick("，", ", "),
        lang.pick("其中爽约", "of which no-shows"),
        totals.no_shows
    ));
    if totals.postponed > 0 {
        line(format!(
            "{} {}",
            lang.pick(
                "印章暂停使用，顺延的决定：",
                "decisions put off while a seal was suspended:"
            ),
            totals.postponed
        ));
    }
    if !totals.refused.is_empty() {
        let refused: Vec<String> = totals
            .refused
            .iter()
            .map(|(code, n)| format!("{code} ×{n}"))
            .collect();
        line(format!(
            "{} {}",
            lang.pick("被引擎拒绝的操作：", "commands the engine refused:"),
            refused.join(", ")
        ));
    }
}

/// The district's figures, a few lines: each a list of (zh-CN label, en label, figure).
fn summary(
    document: &MetricsDocument,
    totals: &Totals,
    plan: &Plan,
    seed: u64,
    lang: Lang,
) -> Vec<String> {
    let d = &document.district;
    let pct = |r: Option<f64>| r.map_or_else(|| "—".to_owned(), |r| format!("{:.1}%", r * 100.0));
    let n = |v: u64| v.to_string();
    let days = d
        .cases
        .average_working_days
        .map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"));
    let lines: [Vec<(&str, &str, String)>; 5] = [
        vec![
            (
                "海沧区家门口办模拟，起始",
                "Haicang doorstep services simulated from",
                plan.start.to_string(),
            ),
            ("天数", "days", plan.days.to_string()),
            (
                "事件日期",
                "events",
                format!("{} – {}", document.period.from, document.period.to),
            ),
            ("社区站", "community stations", "48".into()),
            ("种子", "seed", seed.to_string()),
        ],
        vec![
            ("收件", "received", n(d.cases.received)),
            ("受理", "accepted", n(d.cases.accepted)),
            ("不予受理", "not accepted", n(d.cases.not_accepted)),
            ("撤回", "withdrawn", n(d.cases.withdrawn)),
            ("办结", "concluded", n(d.cases.concluded)),
            ("一件事件次", "bundle submissions", n(totals.bundles)),
            (
                "免申即办",
                "started without application",
                n(totals.successors),
            ),
            ("帮办代办", "by proxy", n(d.cases.proxy)),
        ],
        vec![
            ("按时办结率", "on time", pct(d.cases.on_time_rate)),
            ("平均用时（工作日）", "working days on average", days),
            ("即办件占比", "immediate", pct(d.cases.immediate_rate)),
        ],
        vec![
            ("评价", "ratings", n(d.reviews.rated)),
            ("其中默认好评", "by default", n(d.reviews.defaulted)),
            ("满意率", "satisfaction", pct(d.reviews.satisfaction_rate)),
            ("差评", "bad reviews", n(d.reviews.bad)),
            ("申诉", "appealed", n(d.reviews.appealed)),
            ("无效", "void", n(d.reviews.void)),
            (
                "整改按时率",
                "rectified on time",
                pct(d.reviews.on_time_rectification_rate),
            ),
        ],
        vec![
            (
                "办不成事反映",
                "办不成事 complaints",
                n(d.complaints.received),
            ),
            ("已答复", "answered", n(d.complaints.answered)),
            (
                "按时答复率",
                "answered on time",
                pct(d.complaints.on_time_rate),
            ),
        ],
    ];
    lines
        .iter()
        .map(|items| {
            items
                .iter()
                .map(|(zh, en, v)| format!("{} {v}", lang.pick(zh, en)))
                .collect::<Vec<_>>()
                .join(lang.pick("，", ", "))
        })
        .collect()
}
