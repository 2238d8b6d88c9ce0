//! The report's snapshot, schema version 2 (compat-spec §2.11), as antipasta 1.2 writes it:
//! `{schema_version, generated_at, tool_version, root, summary, thresholds, language_coverage,
//! files, project, treemap}`. 1.2's tier-3 metrics and project rows are not computed here:
//! `project` is empty and `language_coverage` lists what this tool computes.

use std::collections::BTreeMap;

use engine::Metric;

use crate::json::Json;
use crate::output::FileResult;

/// The thresholds a reader colours by: the six `defaults` (compat-spec §2.11).
fn thresholds(config: &engine::config::Config) -> Json {
    let d = &config.defaults;
    let entry = |t: f64, direction: &str| {
        Json::Obj(vec![
            ("threshold", Json::Float(t)),
            ("direction", Json::str(direction)),
        ])
    };
    Json::Obj(vec![
        (
            "cyclomatic_complexity",
            entry(d.max_cyclomatic_complexity, "max"),
        ),
        (
            "cognitive_complexity",
            entry(d.max_cognitive_complexity, "max"),
        ),
        (
            "maintainability_index",
            entry(d.min_maintainability_index, "min"),
        ),
        ("halstead_volume", entry(d.max_halstead_volume, "max")),
        (
            "halstead_difficulty",
            entry(d.max_halstead_difficulty, "max"),
        ),
        ("halstead_effort", entry(d.max_halstead_effort, "max")),
    ])
}

/// Metric names and values, in the order first seen.
type Values = Vec<(&'static str, f64)>;

/// A file's own rows, `{metric: value}` (aggregate rows included; the last row of a metric wins),
/// and its functions: per-function rows merged by qualified name, the earliest line winning,
/// sorted by line.
fn file_entry(r: &FileResult) -> Json {
    let mut metrics: Values = Vec::new();
    let mut functions: BTreeMap<&str, (u32, Values)> = BTreeMap::new();
    for row in &r.rows {
        match (&row.qualname, row.line) {
            (None, _) => match metrics.iter_mut().find(|(m, _)| *m == row.metric.name()) {
                Some(slot) => slot.1 = row.value,
                None => metrics.push((row.metric.name(), row.value)),
            },
            (Some(q), Some(line)) if !row.is_aggregate() => {
                let f = functions.entry(q.as_str()).or_insert((line, Vec::new()));
                f.0 = f.0.min(line);
                if !f.1.iter().any(|(m, _)| *m == row.metric.name()) {
                    f.1.push((row.metric.name(), row.value));
                }
            }
            _ => {}
        }
    }
    let mut functions: Vec<(&str, u32, Values)> =
        functions.into_iter().map(|(q, (l, m))| (q, l, m)).collect();
    functions.sort_by(|a, b| (a.1, a.0).cmp(&(b.1, b.0)));
    let obj = |pairs: &[(&'static str, f64)]| {
        Json::Obj(pairs.iter().map(|(k, v)| (*k, Json::Float(*v))).collect())
    };
    Json::Obj(vec![
        ("path", Json::str(&r.path)),
        ("language", Json::str("python")),
        (
            "error",
            Json::opt(r.error.as_ref(), |e| Json::str(e.to_string())),
        ),
        ("metrics", obj(&metrics)),
        (
            "violations",
            Json::Arr(
                r.violations
                    .iter()
                    .map(|v| crate::output::json::violation_json(&r.path, v))
                    .collect(),
            ),
        ),
        (
            "functions",
            Json::Arr(
                functions
                    .iter()
                    .map(|(name, line, m)| {
                        Json::Obj(vec![
                            ("name", Json::str(*name)),
                            ("line", Json::Int(i64::from(*line))),
                            ("metrics", obj(m)),
                        ])
                    })
                    .collect(),
            ),
        ),
    ])
}

/// A file row's value.
fn file_metric(r: &FileResult, metric: Metric) -> Option<f64> {
    r.rows
        .iter()
        .rev()
        .find(|row| row.metric == metric && row.qualname.is_none())
        .map(|row| row.value)
}

/// Directories (with their subtree's files, size, violations and the maximum of each file
/// metric with its file) and files, the root `"."` first, each parent before its children.
fn treemap(results: &[FileResult], root_label: &str) -> Json {
    #[derive(Default)]
    struct Dir {
        files: usize,
        value: f64,
        violations: usize,
        max: Vec<(&'static str, f64, String)>,
    }
    let value_of = |r: &FileResult| {
        [Metric::SourceLinesOfCode, Metric::LinesOfCode]
            .iter()
            .filter_map(|&m| file_metric(r, m))
            .find(|&v| v > 0.0)
            .unwrap_or(1.0)
    };
    let mut dirs: BTreeMap<String, Dir> = BTreeMap::new();
    for r in results {
        let value = value_of(r);
        let parts: Vec<&str> = r.path.split('/').collect();
        for depth in 0..parts.len() {
            let id = match depth {
                0 => ".".to_string(),
                d => parts[..d].join("/"),
            };
            let dir = dirs.entry(id).or_default();
            dir.files += 1;
            dir.value += value;
            dir.violations += r.violations.len();
            for row in r.rows.iter().filter(|row| row.qualname.is_none()) {
                let name = row.metric.name();
                match dir.max.iter_mut().find(|(m, _, _)| *m == name) {
                    Some(slot) if row.value > slot.1 => {
                        (slot.1, slot.2) = (row.value, r.path.clone());
                    }
                    Some(_) => {}
                    None => dir.max.push((name, row.value, r.path.clone())),
                }
            }
        }
    }
    let parent_of = |id: &str| match id.rsplit_once('/') {
        Some((p, _)) => p.to_string(),
        None => ".".to_string(),
    };
    let mut nodes: Vec<(String, Json)> = Vec::new();
    for (id, d) in &dirs {
        let label = match id.as_str() {
            "." => root_label.to_string(),
            id => id.rsplit('/').next().unwrap_or(id).to_string(),
        };
        let max = d
            .max
            .iter()
            .map(|(m, v, p)| {
                (
                    *m,
                    Json::Obj(vec![("value", Json::Float(*v)), ("path", Json::str(p))]),
                )
            })
            .collect();
        let parent = match id.as_str() {
            "." => Json::Null,
            id => Json::str(parent_of(id)),
        };
        nodes.push((
            id.clone(),
            Json::Obj(vec![
                ("id", Json::str(id)),
                ("parent", parent),
                ("label", Json::str(label)),
                (
                    "aggregate",
                    Json::Obj(vec![
                        ("files", Json::Int(d.files as i64)),
                        ("value", Json::Float(d.value)),
                        ("violations", Json::Int(d.violations as i64)),
                        ("metrics_max", Json::Obj(max)),
                    ]),
                ),
            ]),
        ));
    }
    for (i, r) in results.iter().enumerate() {
        let label = r.path.rsplit('/').next().unwrap_or(&r.path).to_string();
        nodes.push((
            r.path.clone(),
            Json::Obj(vec![
                ("id", Json::str(&r.path)),
                ("parent", Json::str(parent_of(&r.path))),
                ("label", Json::str(label)),
                ("value", Json::Float(value_of(r))),
                ("file_index", Json::Int(i as i64)),
            ]),
        ));
    }
    // "." first, then by id: a parent's id is a prefix of its children's, so it sorts first.
    nodes.sort_by(|a, b| match (a.0 == ".", b.0 == ".") {
        (true, _) => std::cmp::Ordering::Less,
        (_, true) => std::cmp::Ordering::Greater,
        _ => a.0.cmp(&b.0),
    });
    Json::Arr(nodes.into_iter().map(|(_, n)| n).collect())
}

/// The snapshot of a run's results (sorted by path), `root` as given on the command line.
pub(crate) fn build(
    results: &[FileResult],
    root: &str,
    root_label: &str,
    config: &engine::config::Config,
    now: i64,
) -> Json {
    let computed: Vec<Json> = {
        let mut names: Vec<&str> = Metric::ALL.iter().map(|m| m.name()).collect();
        names.sort_unstable();
        names.into_iter().map(Json::str).collect()
    };
    Json::Obj(vec![
        ("schema_version", Json::Int(2)),
        ("generated_at", Json::str(crate::dates::utc(now))),
        ("tool_version", Json::str(env!("CARGO_PKG_VERSION"))),
        ("root", Json::str(root)),
        ("summary", crate::output::json::summary(results)),
        ("thresholds", thresholds(config)),
        (
            "language_coverage",
            Json::Obj(vec![("python", Json::Arr(computed))]),
        ),
        ("files", Json::Arr(results.iter().map(file_entry).collect())),
        ("project", Json::Arr(Vec::new())),
        ("treemap", treemap(results, root_label)),
    ])
}
