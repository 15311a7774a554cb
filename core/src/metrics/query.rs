//! `metrics` as every binding calls it: a query (scope, period) and events as JSON Lines.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Metrics, MetricsReport, Period, decode_stream};
use crate::engine::Engine;
use crate::input::{self, InputError};
use crate::{Coded, Lang, Problem};

/// Why metrics could not be reported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MetricsError {
    /// `metrics.unknown_scope`: the scope is no organisation of the catalogue.
    #[error("统计范围不存在 / unknown scope")]
    UnknownScope,
    /// `metrics.period`: the period ends before it starts.
    #[error("统计期间不正确 / period ends before it starts")]
    Period,
    /// `metrics.input`: the query could not be read.
    #[error("查询无法读取 / unreadable query")]
    Input(InputError),
}

impl Coded for MetricsError {
    fn code(&self) -> &'static str {
        match self {
            Self::UnknownScope => "metrics.unknown_scope",
            Self::Period => "metrics.period",
            Self::Input(e) => e.code(),
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            Self::UnknownScope => lang
                .pick(
                    "统计范围须为目录中的机构（服务站、街道中心或全区）",
                    "The scope must be an organisation of the catalogue (a station, a street centre, the district)",
                )
                .into(),
            Self::Period => lang
                .pick("统计期间的结束日期早于开始日期", "The period ends before it starts")
                .into(),
            Self::Input(e) => e.message(lang),
        }
    }

    fn params(&self) -> Map<String, Value> {
        match self {
            Self::Input(e) => e.params(),
            _ => Map::new(),
        }
    }
}

/// `metrics`: a scope and a period; the events come beside it as JSON Lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MetricsQuery {
    /// An organisation code of the catalogue.
    pub scope: String,
    /// The first day (CST).
    pub from: NaiveDate,
    /// The last day (CST, included).
    pub to: NaiveDate,
}

impl MetricsQuery {
    /// Reads the query from JSON (at most 4 kB).
    pub fn from_json(text: &str) -> Result<Self, InputError> {
        input::parse_json(text, 4096)
    }

    /// The period.
    pub fn period(&self) -> Period {
        Period {
            from: self.from,
            to: self.to,
        }
    }
}

/// A line of the stream that is not an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LineProblem {
    /// Its 1-based line.
    pub line: usize,
    /// Why.
    #[serde(flatten)]
    pub problem: Problem,
}

/// The outcome of `metrics`: `{"outcome": "report", "report", "problems"}` or
/// `{"outcome": "refused", "error"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum MetricsOutcome {
    /// The report, and the lines that were not events (skipped).
    Report {
        /// The report.
        report: Box<MetricsReport>,
        /// Lines skipped, with their `input.*` problem.
        problems: Vec<LineProblem>,
    },
    /// Refused.
    Refused {
        /// Why, coded.
        error: Problem,
    },
}

impl Engine {
    /// Metrics from events given as JSON Lines (cases, reviews and complaints mixed; see
    /// [`decode_stream`]) for a query: every binding's `metrics` call.
    pub fn metrics_jsonl(&self, query: &MetricsQuery, events: &[u8], lang: Lang) -> MetricsOutcome {
        let (read, unreadable) = decode_stream(events);
        let mut metrics = Metrics::new();
        for (_, event) in &read {
            metrics.apply(event);
        }
        match metrics.report(self, &query.scope, query.period()) {
            Ok(report) => MetricsOutcome::Report {
                report: Box::new(report),
                problems: unreadable
                    .into_iter()
                    .map(|(line, e)| LineProblem {
                        line,
                        problem: e.to_problem(lang),
                    })
                    .collect(),
            },
            Err(e) => MetricsOutcome::Refused {
                error: e.to_problem(lang),
            },
        }
    }

    /// [`Engine::metrics_jsonl`] with the query as JSON text: an unreadable query is
    /// refused with its `input.*` code.
    pub fn metrics_json(&self, query: &str, events: &[u8], lang: Lang) -> MetricsOutcome {
        match MetricsQuery::from_json(query) {
            Ok(q) => self.metrics_jsonl(&q, events, lang),
            Err(e) => MetricsOutcome::Refused {
                error: MetricsError::Input(e).to_problem(lang),
            },
        }
    }
}
