//! Run metrics (`--metrics-file PATH`, `--metrics-format`): what a run did and what it cost, for
//! CI artifacts and for Prometheus through node_exporter's textfile collector (ecosystem.md §8).
//! Gathered from what the run already measures (the engine's phase timings, the store's counts,
//! the report), plus the process's CPU time and peak RSS from `/proc`. One renderer per format.

mod csv;
mod json;
mod prometheus;

use std::path::Path;
use std::time::Duration;

use engine::Metric;
use engine::check::Row;

use crate::output::FileResult;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Prometheus,
    Json,
    Csv,
}

impl Format {
    pub(crate) const NAMES: &[(&str, Format)] = &[
        ("prometheus", Format::Prometheus),
        ("json", Format::Json),
        ("csv", Format::Csv),
    ];

    /// The format `--metrics-format` names, else the file's extension says (`.prom`, `.txt`:
    /// Prometheus text, as the textfile collector reads `*.prom`).
    pub(crate) fn of(named: Option<&str>, path: &Path) -> Result<Format, String> {
        let name = match named {
            Some(n) => n.to_ascii_lowercase(),
            None => match path.extension().and_then(|e| e.to_str()) {
                Some("prom" | "txt") => "prometheus".to_string(),
                Some(e) => e.to_ascii_lowercase(),
                None => String::new(),
            },
        };
        Format::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
            .ok_or_else(|| match named {
                Some(n) => format!(
                    "invalid value '{n}' for '--metrics-format': one of prometheus, json, csv"
                ),
                None => format!(
                    "--metrics-file {}: cannot tell the format from the extension; name it with --metrics-format prometheus|json|csv (or use .prom, .json, .csv)",
                    path.display()
                ),
            })
    }
}

/// Everything a metrics file says about one run.
#[derive(Clone, Debug)]
pub(crate) struct RunMetrics {
    pub(crate) files: usize,
    pub(crate) stat_hits: usize,
    pub(crate) git_hits: usize,
    pub(crate) content_hits: usize,
    pub(crate) computed: usize,
    /// Per class of [`engine::source::ERROR_CLASSES`], every class listed.
    pub(crate) errors: Vec<(&'static str, usize)>,
    pub(crate) functions: usize,
    /// Per metric, every metric listed.
    pub(crate) violations: Vec<(&'static str, usize)>,
    /// The worst value of each metric with a row in the run: the largest, the smallest for the
    /// maintainability index (lower is worse).
    pub(crate) worst: Vec<(&'static str, f64)>,
    /// `discover`, `stat`, `lookup`, `read`, `compute`, `write`, `report`.
    pub(crate) phases: Vec<(&'static str, Duration)>,
    pub(crate) total: Duration,
    pub(crate) cpu: Option<Duration>,
    pub(crate) workers: usize,
    /// Path (as reported) and time to read and compute; slowest first.
    pub(crate) slowest: Vec<(String, Duration)>,
    pub(crate) peak_rss_bytes: Option<u64>,
    /// The store's file, when the run had one.
    pub(crate) cache_bytes: Option<u64>,
    /// Seconds since the epoch at the end of the run.
    pub(crate) finished_at: f64,
}

impl RunMetrics {
    /// Files served from the cache, of the files checked (the summary's "N cached" of "M files").
    pub(crate) fn cache_hit_ratio(&self) -> f64 {
        match self.files {
            0 => 0.0,
            n => (self.stat_hits + self.git_hits + self.content_hits) as f64 / n as f64,
        }
    }

    /// CPU time over wall time and workers: 1.0 when every worker was busy the whole run.
    pub(crate) fn parallel_efficiency(&self) -> Option<f64> {
        let wall = self.total.as_secs_f64() * self.workers.max(1) as f64;
        self.cpu.map(|cpu| match wall {
            0.0 => 0.0,
            w => cpu.as_secs_f64() / w,
        })
    }

    /// Files with no result from anywhere: not readable, or not text. (A file that does not
    /// parse was computed: its syntax error is its result, cached like any other.) The sources
    /// add up to the files checked.
    pub(crate) fn unread(&self) -> usize {
        let found = self.stat_hits + self.git_hits + self.content_hits + self.computed;
        self.files.saturating_sub(found)
    }
}

/// What the run measured, as `--timings` prints it.
pub(crate) struct Measured<'a> {
    pub(crate) times: &'a crate::printer::RunTimes,
    pub(crate) workers: usize,
    pub(crate) cache_file: Option<&'a Path>,
    pub(crate) mi_multi: bool,
}

/// `results` and `reports` of the same files, in the same order.
pub(crate) fn gather(
    results: &[FileResult],
    reports: &[engine::FileReport],
    m: &Measured<'_>,
) -> RunMetrics {
    let t = m.times;
    let mut errors: Vec<(&'static str, usize)> = engine::source::ERROR_CLASSES
        .iter()
        .map(|c| (*c, 0))
        .collect();
    for e in results.iter().filter_map(|r| r.error.as_ref()) {
        if let Some(n) = errors.iter_mut().find(|(c, _)| *c == e.class()) {
            n.1 += 1;
        }
    }
    let mut violations: Vec<(&'static str, usize)> =
        Metric::ALL.iter().map(|m| (m.name(), 0)).collect();
    for v in results.iter().flat_map(|r| &r.violations) {
        if let Some(n) = violations
            .iter_mut()
            .find(|(c, _)| *c == v.row.metric.name())
        {
            n.1 += 1;
        }
    }
    // Each file's rows, built and dropped: the worst value of every metric, partial rows of
    // files that do not parse included.
    let mut worst: Vec<(Metric, f64)> = Vec::new();
    let mut functions = 0;
    for report in reports {
        let rows = match &report.result {
            Ok(metrics) => {
                functions += metrics
                    .functions
                    .iter()
                    .filter(|f| f.kind != engine::BlockKind::Class)
                    .count();
                engine::check::rows(metrics, m.mi_multi)
            }
            Err(e) => e
                .partial()
                .map(engine::check::partial_rows)
                .unwrap_or_default(),
        };
        for row in &rows {
            note_worst(&mut worst, row);
        }
    }
    worst.sort_by_key(|(m, _)| *m);
    let e = &t.engine;
    RunMetrics {
        files: t.files,
        stat_hits: t.usage.stat_hits,
        git_hits: t.usage.git_hits,
        content_hits: t.usage.content_hits,
        computed: t.usage.computed,
        errors,
        functions,
        violations,
        worst: worst.into_iter().map(|(m, v)| (m.name(), v)).collect(),
        phases: vec![
            ("discover", t.discover),
            ("stat", e.stat),
            ("lookup", e.lookup),
            ("read", e.read),
            ("compute", e.compute),
            ("write", e.write),
            ("report", t.report),
        ],
        total: t.total,
        cpu: process_cpu(),
        workers: m.workers,
        slowest: e
            .slowest
            .iter()
            .filter_map(|&(i, d)| Some((results.get(i)?.path.clone(), d)))
            .collect(),
        peak_rss_bytes: peak_rss(),
        cache_bytes: m
            .cache_file
            .and_then(|f| std::fs::metadata(f).ok())
            .map(|meta| meta.len()),
        finished_at: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64()),
    }
}

fn note_worst(worst: &mut Vec<(Metric, f64)>, row: &Row) {
    let lower_is_worse = row.metric == Metric::MaintainabilityIndex;
    match worst.iter_mut().find(|(m, _)| *m == row.metric) {
        Some((_, v)) if lower_is_worse => *v = v.min(row.value),
        Some((_, v)) => *v = v.max(row.value),
        None => worst.push((row.metric, row.value)),
    }
}

/// The text of a metrics file.
pub(crate) fn render(format: Format, m: &RunMetrics) -> String {
    match format {
        Format::Prometheus => prometheus::render(m),
        Format::Json => json::render(m),
        Format::Csv => csv::render(m),
    }
}

/// CPU time of the whole process so far, user and system, from every thread's
/// `/proc/self/task/*/schedstat` (nanoseconds on the CPU; the analysis threads live to the exit,
/// so none of their time is lost).
pub(crate) fn process_cpu() -> Option<Duration> {
    let mut ns: u64 = 0;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let text = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        ns += text.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(ns))
}

/// The process's peak resident set (`VmHWM`), in bytes.
pub(crate) fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .strip_suffix("kB")?
        .trim()
        .parse::<u64>()
        .ok()?;
    Some(kb * 1024)
}
