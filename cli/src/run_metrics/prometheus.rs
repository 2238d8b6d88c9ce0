//! Prometheus text exposition (format 0.0.4), low cardinality: aggregates per metric, per file
//! source, per error class and per phase, never a series per function or file
//! (ecosystem.md §8). Every series of a family is written on every run, zeros included, so
//! that a rate or an alert never sees a series vanish. The slowest files, one series each,
//! are left to the JSON and CSV formats.

use std::fmt::Write;

use super::RunMetrics;

fn family(out: &mut String, name: &str, help: &str, samples: &[(String, f64)]) {
    let _ = writeln!(out, "# HELP antipasta_{name} {help}");
    let _ = writeln!(out, "# TYPE antipasta_{name} gauge");
    for (labels, value) in samples {
        let _ = writeln!(out, "antipasta_{name}{labels} {}", number(*value));
    }
}

fn one(value: f64) -> Vec<(String, f64)> {
    vec![(String::new(), value)]
}

fn labelled(label: &str, values: impl IntoIterator<Item = (String, f64)>) -> Vec<(String, f64)> {
    values
        .into_iter()
        .map(|(l, v)| (format!("{{{label}=\"{}\"}}", escape(&l)), v))
        .collect()
}

/// A label value: backslash, double quote and newline escaped.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Go's `strconv.FormatFloat(v, 'g', -1, 64)` is what Prometheus writes; Rust's shortest
/// round-trip `Display` is the same value, which every parser reads.
fn number(v: f64) -> String {
    match v {
        v if v.is_nan() => "NaN".to_string(),
        v if v == f64::INFINITY => "+Inf".to_string(),
        v if v == f64::NEG_INFINITY => "-Inf".to_string(),
        v => format!("{v}"),
    }
}

pub(super) fn render(m: &RunMetrics) -> String {
    let mut out = String::new();
    let counts = |pairs: &[(&'static str, usize)]| -> Vec<(String, f64)> {
        pairs
            .iter()
            .map(|(k, n)| (k.to_string(), *n as f64))
            .collect()
    };
    family(
        &mut out,
        "info",
        "The antipasta that wrote these metrics.",
        &labelled("version", [(env!("CARGO_PKG_VERSION").to_string(), 1.0)]),
    );
    family(
        &mut out,
        "files_checked",
        "Files the run checked.",
        &one(m.files as f64),
    );
    family(
        &mut out,
        "files",
        "Files by where their result came from: unchanged by stat, clean in git's index, same content, computed; error: not readable or not text.",
        &labelled(
            "source",
            [
                ("stat".to_string(), m.stat_hits as f64),
                ("git_index".to_string(), m.git_hits as f64),
                ("content".to_string(), m.content_hits as f64),
                ("computed".to_string(), m.computed as f64),
                ("error".to_string(), m.unread() as f64),
            ],
        ),
    );
    family(
        &mut out,
        "file_errors",
        "Files that could not be analysed, by error class.",
        &labelled("class", counts(&m.errors)),
    );
    family(
        &mut out,
        "functions_analyzed",
        "Functions analysed in this run.",
        &one(m.functions as f64),
    );
    family(
        &mut out,
        "violations",
        "Threshold violations by metric.",
        &labelled("metric", counts(&m.violations)),
    );
    family(
        &mut out,
        "metric_max",
        "Worst value seen for a metric (the lowest for the maintainability index).",
        &labelled("metric", m.worst.iter().map(|(k, v)| (k.to_string(), *v))),
    );
    family(
        &mut out,
        "run_duration_seconds",
        "Wall time of the run.",
        &one(m.total.as_secs_f64()),
    );
    family(
        &mut out,
        "phase_duration_seconds",
        "Wall time of each phase of the run.",
        &labelled(
            "phase",
            m.phases
                .iter()
                .map(|(p, d)| (p.to_string(), d.as_secs_f64())),
        ),
    );
    if let Some(cpu) = m.cpu {
        family(
            &mut out,
            "cpu_seconds",
            "CPU time of the run, user and system, every thread.",
            &one(cpu.as_secs_f64()),
        );
    }
    family(
        &mut out,
        "workers",
        "Analysis threads of the run.",
        &one(m.workers as f64),
    );
    if let Some(e) = m.parallel_efficiency() {
        family(
            &mut out,
            "parallel_efficiency_ratio",
            "CPU time over wall time times workers.",
            &one(e),
        );
    }
    if let Some(rss) = m.peak_rss_bytes {
        family(
            &mut out,
            "peak_rss_bytes",
            "Peak resident memory of the process.",
            &one(rss as f64),
        );
    }
    if let Some(bytes) = m.cache_bytes {
        family(
            &mut out,
            "cache_size_bytes",
            "Size of the result cache's file.",
            &one(bytes as f64),
        );
    }
    family(
        &mut out,
        "cache_hit_ratio",
        "Share of the files checked served from the cache.",
        &one(m.cache_hit_ratio()),
    );
    family(
        &mut out,
        "last_run_timestamp_seconds",
        "When the run ended, in seconds since the epoch.",
        &one(m.finished_at),
    );
    out
}
