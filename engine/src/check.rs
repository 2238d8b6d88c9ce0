//! From metrics and thresholds to the rows a report shows and the violations that fail a run
//! (compat-spec §3.3–§4.4). Computed on every run, never cached.

use queries::{BlockKind, FileMetrics, FunctionRow, Halstead, Metric, mi_rank};

use crate::config::{Comparison, MetricEntry, MetricType, Scope};

/// One value reported for a file: per function, per file, or an aggregate.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub metric: Metric,
    pub value: f64,
    pub line: Option<u32>,
    pub col: u32,
    pub qualname: Option<String>,
    /// The function's [`FunctionRow::occurrence`] (0 for file rows).
    pub occurrence: u32,
    /// The function's last line (`None` for file rows).
    pub end_line: Option<u32>,
    pub detail: Detail,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    None,
    /// A cyclomatic row of a function or method.
    Function {
        kind: BlockKind,
        classname: Option<String>,
        rank: char,
    },
    /// The file average of the per-function rows.
    Average {
        function_count: usize,
    },
    /// The file maximum of the cognitive rows.
    Maximum {
        function_count: usize,
    },
    /// The maintainability index of a file.
    Maintainability {
        rank: char,
    },
    /// A Halstead figure of one function: reported, never gated (compat-spec §3.4).
    HalsteadFunction,
}

impl Row {
    pub fn is_aggregate(&self) -> bool {
        matches!(self.detail, Detail::Average { .. } | Detail::Maximum { .. })
    }

    fn function(f: &FunctionRow, metric: Metric, value: f64, detail: Detail) -> Row {
        Row {
            metric,
            value,
            line: Some(f.span.lineno),
            col: f.span.col,
            qualname: Some(f.qualname.clone()),
            occurrence: f.occurrence,
            end_line: Some(f.span.end_lineno),
            detail,
        }
    }

    fn file(metric: Metric, value: f64, detail: Detail) -> Row {
        Row {
            metric,
            value,
            line: None,
            col: 0,
            qualname: None,
            occurrence: 0,
            end_line: None,
            detail,
        }
    }
}

/// The five Halstead figures antipasta reports, in metric order.
fn halstead_figures(h: &Halstead) -> [(Metric, f64); 5] {
    [
        (Metric::HalsteadVolume, h.volume),
        (Metric::HalsteadDifficulty, h.difficulty),
        (Metric::HalsteadEffort, h.effort),
        (Metric::HalsteadTime, h.time),
        (Metric::HalsteadBugs, h.bugs),
    ]
}

#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    pub row: Row,
    pub threshold: f64,
    pub comparison: Comparison,
    /// The per-path override whose entry this is, if any.
    pub set_by: Option<String>,
    /// The value the baseline recorded, when this one is worse than it.
    pub baseline: Option<f64>,
}

/// radon's `cc_rank`.
pub fn cc_rank(cc: u32) -> char {
    match cc {
        0..=5 => 'A',
        6..=10 => 'B',
        11..=20 => 'C',
        21..=30 => 'D',
        31..=40 => 'E',
        _ => 'F',
    }
}

/// The rows of one file, sorted by line (file-level rows first), then metric, then name.
/// `mi_multi` selects radon's `mi_visit(multi=...)`.
pub fn rows(metrics: &FileMetrics, mi_multi: bool) -> Vec<Row> {
    build(metrics, mi_multi, None)
}

/// The violations of one file: `violations(&rows(..), entries)`, without building the rows that
/// pass (what a text report needs; on a warm run this is most of the work left).
pub fn violations_of(
    metrics: &FileMetrics,
    mi_multi: bool,
    entries: &[MetricEntry],
) -> Vec<Violation> {
    violations(&build(metrics, mi_multi, Some(entries)), entries)
}

/// The entry that gates a row of `metric`, per function or aggregate.
fn gate(entries: &[MetricEntry], metric: Metric, aggregate: bool) -> Option<&MetricEntry> {
    let scope = if aggregate {
        Scope::Aggregate
    } else {
        Scope::Function
    };
    entries
        .iter()
        .find(|e| e.enabled && e.scope == scope && e.metric == MetricType::Core(metric))
}

/// The functions that have rows: module functions and methods at any class depth; closures and
/// classes have none.
fn row_functions(metrics: &FileMetrics) -> impl Iterator<Item = &FunctionRow> {
    metrics.functions.iter().filter(|f| match f.kind {
        BlockKind::Method => true,
        BlockKind::Function => !f.inner,
        BlockKind::Class => false,
    })
}

/// The range of every function-derived row of a file (per-function cyclomatic and cognitive
/// rows and their aggregates), stored beside its metrics: a text report tells from it alone
/// that none of those rows fails, and then does not decode the functions at all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    pub functions: u32,
    pub cc_min: u32,
    pub cc_max: u32,
    pub cc_sum: u32,
    pub cognitive: u32,
    pub cognitive_min: u32,
    pub cognitive_max: u32,
    /// Suppression comments on its functions (a full run reports unused ones, so it needs them).
    pub ignores: u32,
}

pub fn summary(metrics: &FileMetrics) -> Summary {
    let mut s = Summary {
        cc_min: u32::MAX,
        cognitive_min: u32::MAX,
        ..Summary::default()
    };
    s.ignores = metrics
        .functions
        .iter()
        .map(|f| f.ignores.len() as u32)
        .sum();
    for f in row_functions(metrics) {
        let cc = f.metrics.cyclomatic;
        s.functions += 1;
        (s.cc_min, s.cc_max, s.cc_sum) = (s.cc_min.min(cc), s.cc_max.max(cc), s.cc_sum + cc);
        if let Some(c) = f.metrics.cognitive.filter(|c| !c.ignored) {
            s.cognitive += 1;
            s.cognitive_min = s.cognitive_min.min(c.score);
            s.cognitive_max = s.cognitive_max.max(c.score);
        }
    }
    s
}

/// Whether some function-derived row summed up by `s` can fail an entry. `false` is a proof:
/// every value lies in [min, max], and each comparison but `!=` passes a whole interval when it
/// passes both ends (`!=` is taken to fail when the threshold lies inside).
pub fn functions_can_fail(s: &Summary, entries: &[MetricEntry]) -> bool {
    let range_fails = |metric, n: u32, min: u32, max: u32| {
        let (min, max) = (f64::from(min), f64::from(max));
        n > 0
            && gate(entries, metric, false).is_some_and(|e| {
                let t = e.threshold;
                match e.comparison {
                    Comparison::Ne => min <= t && t <= max,
                    c => !c.passes(min, t) || !c.passes(max, t),
                }
            })
    };
    let aggregate_fails = |metric, n: u32, value: f64| {
        n > 0
            && gate(entries, metric, true).is_some_and(|e| !e.comparison.passes(value, e.threshold))
    };
    let average = f64::from(s.cc_sum) / f64::from(s.functions.max(1));
    range_fails(
        Metric::CyclomaticComplexity,
        s.functions,
        s.cc_min,
        s.cc_max,
    ) || range_fails(
        Metric::CognitiveComplexity,
        s.cognitive,
        s.cognitive_min,
        s.cognitive_max,
    ) || aggregate_fails(Metric::CyclomaticComplexity, s.functions, average)
        || aggregate_fails(
            Metric::CognitiveComplexity,
            s.cognitive,
            f64::from(s.cognitive_max),
        )
}

/// Every row, or with `failing`, only the rows that fail one of these entries.
fn build(metrics: &FileMetrics, mi_multi: bool, failing: Option<&[MetricEntry]>) -> Vec<Row> {
    let wanted = |metric: Metric, aggregate: bool, value: f64| match failing {
        None => true,
        Some(entries) => gate(entries, metric, aggregate)
            .is_some_and(|e| !e.comparison.passes(value, e.threshold)),
    };
    let mut rows = Vec::new();
    let functions: Vec<_> = row_functions(metrics).collect();
    for f in &functions {
        let cc = f64::from(f.metrics.cyclomatic);
        if wanted(Metric::CyclomaticComplexity, false, cc) {
            let classname = match f.kind {
                BlockKind::Method => f.qualname.rsplit_once('.').map(|(c, _)| c.to_string()),
                _ => None,
            };
            let detail = Detail::Function {
                kind: f.kind,
                classname,
                rank: cc_rank(f.metrics.cyclomatic),
            };
            rows.push(Row::function(f, Metric::CyclomaticComplexity, cc, detail));
        }
        // complexipy scores the same functions; one hidden by an ignore comment has no row.
        if let Some(c) = f.metrics.cognitive.filter(|c| !c.ignored)
            && wanted(Metric::CognitiveComplexity, false, f64::from(c.score))
        {
            let score = f64::from(c.score);
            rows.push(Row::function(
                f,
                Metric::CognitiveComplexity,
                score,
                Detail::None,
            ));
        }
        // Reported, never gated.
        if let (Some(h), None) = (f.metrics.halstead, failing) {
            for (metric, value) in halstead_figures(&h.report()) {
                rows.push(Row::function(f, metric, value, Detail::HalsteadFunction));
            }
        }
    }
    if !functions.is_empty() {
        let sum: u32 = functions.iter().map(|f| f.metrics.cyclomatic).sum();
        let average = f64::from(sum) / functions.len() as f64;
        if wanted(Metric::CyclomaticComplexity, true, average) {
            let detail = Detail::Average {
                function_count: functions.len(),
            };
            rows.push(Row::file(Metric::CyclomaticComplexity, average, detail));
        }
    }
    let cognitive: Vec<u32> = functions
        .iter()
        .filter_map(|f| f.metrics.cognitive.filter(|c| !c.ignored))
        .map(|c| c.score)
        .collect();
    if let Some(&max) = cognitive.iter().max()
        && wanted(Metric::CognitiveComplexity, true, f64::from(max))
    {
        let detail = Detail::Maximum {
            function_count: cognitive.len(),
        };
        rows.push(Row::file(
            Metric::CognitiveComplexity,
            f64::from(max),
            detail,
        ));
    }
    if let Some(mi) = metrics.module.maintainability_index(mi_multi)
        && wanted(Metric::MaintainabilityIndex, false, mi)
    {
        let rank = mi_rank(mi);
        rows.push(Row::file(
            Metric::MaintainabilityIndex,
            mi,
            Detail::Maintainability { rank },
        ));
    }
    for (metric, value) in halstead_figures(&metrics.module.halstead.report()) {
        if wanted(metric, false, value) {
            rows.push(Row::file(metric, value, Detail::None));
        }
    }
    if let Some(raw) = metrics.module.raw {
        for (metric, value) in raw_figures(raw) {
            if wanted(metric, false, f64::from(value)) {
                rows.push(Row::file(metric, f64::from(value), Detail::None));
            }
        }
    }
    rows.sort_by(|a, b| {
        (a.line.unwrap_or(0), a.metric, &a.qualname).cmp(&(
            b.line.unwrap_or(0),
            b.metric,
            &b.qualname,
        ))
    });
    rows
}

fn raw_figures(raw: queries::RawMetrics) -> [(Metric, u32); 5] {
    [
        (Metric::LinesOfCode, raw.loc),
        (Metric::LogicalLinesOfCode, raw.lloc),
        (Metric::SourceLinesOfCode, raw.sloc),
        (Metric::CommentLines, raw.comments),
        (Metric::BlankLines, raw.blank),
    ]
}

/// The rows of a file that does not parse: the metrics that need no tree (radon's raw counts).
/// Reported, never gated: the file's error already fails it.
pub fn partial_rows(raw: queries::RawMetrics) -> Vec<Row> {
    raw_figures(raw)
        .into_iter()
        .map(|(metric, value)| Row::file(metric, f64::from(value), Detail::None))
        .collect()
}

/// The rows that fail an enabled entry. A per-function metric's plain entry gates its
/// per-function rows; `scope: aggregate` gates the aggregate row (compat-spec §3.4).
pub fn violations(rows: &[Row], entries: &[MetricEntry]) -> Vec<Violation> {
    let mut out = Vec::new();
    for row in rows {
        if row.detail == Detail::HalsteadFunction {
            continue;
        }
        if let Some(e) = gate(entries, row.metric, row.is_aggregate())
            && !e.comparison.passes(row.value, e.threshold)
        {
            out.push(Violation {
                row: row.clone(),
                threshold: e.threshold,
                comparison: e.comparison,
                set_by: e.set_by.clone(),
                baseline: None,
            });
        }
    }
    out
}
