//! Run metrics as CSV: `metric,label,value`, one line per value (the Prometheus families' names
//! without the prefix; `label` is the metric, source, class, phase or, for `slowest_file_seconds`,
//! the file's path).

use super::RunMetrics;
use crate::output::csv::field;

pub(super) fn render(m: &RunMetrics) -> String {
    let mut rows: Vec<(&str, String, f64)> = vec![("files_checked", String::new(), m.files as f64)];
    for (source, n) in [
        ("stat", m.stat_hits),
        ("git_index", m.git_hits),
        ("content", m.content_hits),
        ("computed", m.computed),
        ("error", m.unread()),
    ] {
        rows.push(("files", source.to_string(), n as f64));
    }
    rows.extend(
        m.errors
            .iter()
            .map(|(c, n)| ("file_errors", c.to_string(), *n as f64)),
    );
    rows.push(("functions_analyzed", String::new(), m.functions as f64));
    rows.extend(
        m.violations
            .iter()
            .map(|(k, n)| ("violations", k.to_string(), *n as f64)),
    );
    rows.extend(
        m.worst
            .iter()
            .map(|(k, v)| ("metric_max", k.to_string(), *v)),
    );
    rows.push(("run_duration_seconds", String::new(), m.total.as_secs_f64()));
    rows.extend(
        m.phases
            .iter()
            .map(|(p, d)| ("phase_duration_seconds", p.to_string(), d.as_secs_f64())),
    );
    rows.extend(
        m.cpu
            .map(|c| ("cpu_seconds", String::new(), c.as_secs_f64())),
    );
    rows.push(("workers", String::new(), m.workers as f64));
    rows.extend(
        m.parallel_efficiency()
            .map(|e| ("parallel_efficiency_ratio", String::new(), e)),
    );
    rows.extend(
        m.peak_rss_bytes
            .map(|b| ("peak_rss_bytes", String::new(), b as f64)),
    );
    rows.extend(
        m.cache_bytes
            .map(|b| ("cache_size_bytes", String::new(), b as f64)),
    );
    rows.push(("cache_hit_ratio", String::new(), m.cache_hit_ratio()));
    rows.push(("last_run_timestamp_seconds", String::new(), m.finished_at));
    rows.extend(
        m.slowest
            .iter()
            .map(|(p, d)| ("slowest_file_seconds", p.clone(), d.as_secs_f64())),
    );
    let mut out = String::from("metric,label,value\n");
    for (metric, label, value) in rows {
        out.push_str(&format!("{metric},{},{value}\n", field(&label)));
    }
    out
}
