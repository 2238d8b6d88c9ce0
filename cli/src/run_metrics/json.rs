//! Run metrics as one JSON document: the Prometheus families' values, plus the slowest files.

use crate::json::Json;

use super::RunMetrics;

fn counts(pairs: &[(&'static str, usize)]) -> Json {
    Json::Obj(
        pairs
            .iter()
            .map(|(k, n)| (*k, Json::Int(*n as i64)))
            .collect(),
    )
}

pub(super) fn render(m: &RunMetrics) -> String {
    let secs = |d: std::time::Duration| Json::Float(d.as_secs_f64());
    Json::Obj(vec![
        ("version", Json::str(env!("CARGO_PKG_VERSION"))),
        ("files_checked", Json::Int(m.files as i64)),
        (
            "files",
            Json::Obj(vec![
                ("stat", Json::Int(m.stat_hits as i64)),
                ("git_index", Json::Int(m.git_hits as i64)),
                ("content", Json::Int(m.content_hits as i64)),
                ("computed", Json::Int(m.computed as i64)),
                ("error", Json::Int(m.unread() as i64)),
            ]),
        ),
        ("file_errors", counts(&m.errors)),
        ("functions_analyzed", Json::Int(m.functions as i64)),
        ("violations", counts(&m.violations)),
        (
            "metric_max",
            Json::Obj(m.worst.iter().map(|(k, v)| (*k, Json::Float(*v))).collect()),
        ),
        ("run_duration_seconds", secs(m.total)),
        (
            "phase_duration_seconds",
            Json::Obj(m.phases.iter().map(|(p, d)| (*p, secs(*d))).collect()),
        ),
        ("cpu_seconds", Json::opt(m.cpu, secs)),
        ("workers", Json::Int(m.workers as i64)),
        (
            "parallel_efficiency_ratio",
            Json::opt(m.parallel_efficiency(), Json::Float),
        ),
        (
            "peak_rss_bytes",
            Json::opt(m.peak_rss_bytes, |b| Json::Int(b as i64)),
        ),
        (
            "cache_size_bytes",
            Json::opt(m.cache_bytes, |b| Json::Int(b as i64)),
        ),
        ("cache_hit_ratio", Json::Float(m.cache_hit_ratio())),
        ("last_run_timestamp_seconds", Json::Float(m.finished_at)),
        (
            "slowest_files",
            Json::Arr(
                m.slowest
                    .iter()
                    .map(|(path, d)| {
                        Json::Obj(vec![("path", Json::str(path)), ("seconds", secs(*d))])
                    })
                    .collect(),
            ),
        ),
    ])
    .pretty()
        + "\n"
}
