//! A snapshot against a baseline snapshot (this tool's or antipasta 1.2's, schema version 2):
//! files added and removed, violations added and resolved (identity: path, metric, function —
//! never the line, so code moving down does not read as new), functions whose score, the larger
//! of cyclomatic and cognitive complexity, moved by more than the epsilon (worst first), and each
//! file's metric deltas. The text of `--baseline`, and the HTML page's "vs baseline" data.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::json::Json;

pub(crate) const EPSILON: f64 = 0.01;

#[derive(Debug, Default)]
pub(crate) struct Diff {
    pub(crate) files_added: Vec<String>,
    pub(crate) files_removed: Vec<String>,
    pub(crate) file_deltas: Vec<FileDelta>,
    /// Worst first: by score delta, descending, then path and name.
    pub(crate) functions: Vec<FunctionDelta>,
    pub(crate) violations_added: Vec<String>,
    pub(crate) violations_removed: Vec<String>,
    /// The baseline's schema is not this one's.
    pub(crate) warning: Option<String>,
}

#[derive(Debug)]
pub(crate) struct MetricDelta {
    pub(crate) metric: String,
    pub(crate) old: f64,
    pub(crate) new: f64,
}

impl MetricDelta {
    fn delta(&self) -> f64 {
        self.new - self.old
    }
}

#[derive(Debug)]
pub(crate) struct FileDelta {
    pub(crate) path: String,
    pub(crate) metrics: Vec<MetricDelta>,
    pub(crate) functions_added: Vec<String>,
    pub(crate) functions_removed: Vec<String>,
}

#[derive(Debug)]
pub(crate) struct FunctionDelta {
    pub(crate) path: String,
    pub(crate) name: String,
    pub(crate) line: Option<u64>,
    pub(crate) old_score: f64,
    pub(crate) new_score: f64,
    /// It has a violation now and had none before.
    pub(crate) new_violation: bool,
    pub(crate) metrics: Vec<MetricDelta>,
}

impl FunctionDelta {
    fn delta(&self) -> f64 {
        self.new_score - self.old_score
    }
}

impl Diff {
    fn is_empty(&self) -> bool {
        self.files_added.is_empty()
            && self.files_removed.is_empty()
            && self.file_deltas.is_empty()
            && self.functions.is_empty()
            && self.violations_added.is_empty()
            && self.violations_removed.is_empty()
    }

    pub(crate) fn regressions(&self) -> impl Iterator<Item = &FunctionDelta> {
        self.functions
            .iter()
            .filter(|f| f.delta() > 0.0 || f.new_violation)
    }

    pub(crate) fn improvements(&self) -> impl Iterator<Item = &FunctionDelta> {
        self.functions
            .iter()
            .filter(|f| f.delta() < 0.0 && !f.new_violation)
    }
}

fn files(snapshot: &Value) -> BTreeMap<String, &Value> {
    snapshot["files"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| Some((f["path"].as_str()?.to_string(), f)))
        .collect()
}

fn numbers(metrics: &Value) -> BTreeMap<String, f64> {
    metrics
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| Some((k.clone(), v.as_f64()?)))
        .collect()
}

/// The metrics present and numeric on both sides that moved by more than the epsilon.
fn metric_deltas(old: &Value, new: &Value) -> Vec<MetricDelta> {
    let (old, new) = (numbers(old), numbers(new));
    old.iter()
        .filter_map(|(k, &o)| {
            let &n = new.get(k)?;
            let d = MetricDelta {
                metric: k.clone(),
                old: o,
                new: n,
            };
            (d.delta().abs() > EPSILON).then_some(d)
        })
        .collect()
}

/// A file's functions by name: complexipy's `A::B::m` (1.2's names) read as `A.B.m`, as this
/// tool names them (compat-spec §4.4); entries without a complexity (1.2's class rows) are not
/// functions.
fn functions(file: &Value) -> BTreeMap<String, &Value> {
    file["functions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| score(f).is_some())
        .filter_map(|f| Some((f["name"].as_str()?.replace("::", "."), f)))
        .collect()
}

fn score(function: &Value) -> Option<f64> {
    let m = numbers(&function["metrics"]);
    ["cyclomatic_complexity", "cognitive_complexity"]
        .iter()
        .filter_map(|k| m.get(*k).copied())
        .reduce(f64::max)
}

/// A function's name without its classes: `Class.method` (this tool) and `Class::method` (1.2's
/// complexipy names) are both `method`, as 1.2's violations name methods.
fn bare(name: &str) -> &str {
    let name = name.rsplit("::").next().unwrap_or(name);
    name.rsplit('.').next().unwrap_or(name)
}

fn violating(file: &Value) -> BTreeSet<String> {
    file["violations"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| Some(bare(v["function"].as_str()?).to_string()))
        .collect()
}

/// `(path, metric, function)` → message, for every violation of every file.
fn violations(files: &BTreeMap<String, &Value>) -> BTreeMap<(String, String, String), String> {
    let mut out = BTreeMap::new();
    for (path, f) in files {
        for v in f["violations"].as_array().into_iter().flatten() {
            let key = (
                path.clone(),
                v["type"].as_str().unwrap_or("").to_string(),
                v["function"]
                    .as_str()
                    .map_or(String::new(), |f| bare(f).to_string()),
            );
            out.insert(key, v["message"].as_str().unwrap_or("").to_string());
        }
    }
    out
}

pub(crate) fn diff(old: &Value, new: &Value) -> Diff {
    let (old_files, new_files) = (files(old), files(new));
    let mut d = Diff {
        files_added: new_files
            .keys()
            .filter(|p| !old_files.contains_key(*p))
            .cloned()
            .collect(),
        files_removed: old_files
            .keys()
            .filter(|p| !new_files.contains_key(*p))
            .cloned()
            .collect(),
        ..Diff::default()
    };
    if old["schema_version"] != new["schema_version"] {
        d.warning = Some(format!(
            "the baseline's schema version is {}, this snapshot's {}",
            old["schema_version"], new["schema_version"]
        ));
    }
    for (path, o) in &old_files {
        let Some(n) = new_files.get(path) else {
            continue;
        };
        let (of, nf) = (functions(o), functions(n));
        let newly: BTreeSet<String> = violating(n).difference(&violating(o)).cloned().collect();
        for (name, ofn) in &of {
            let Some(nfn) = nf.get(name) else {
                continue;
            };
            let (Some(old_score), Some(new_score)) = (score(ofn), score(nfn)) else {
                continue;
            };
            let new_violation = newly.contains(bare(name));
            if (new_score - old_score).abs() <= EPSILON && !new_violation {
                continue;
            }
            d.functions.push(FunctionDelta {
                path: path.clone(),
                name: name.clone(),
                line: nfn["line"].as_u64(),
                old_score,
                new_score,
                new_violation,
                metrics: metric_deltas(&ofn["metrics"], &nfn["metrics"]),
            });
        }
        let metrics = metric_deltas(&o["metrics"], &n["metrics"]);
        let functions_added: Vec<String> = nf
            .keys()
            .filter(|k| !of.contains_key(*k))
            .cloned()
            .collect();
        let functions_removed: Vec<String> = of
            .keys()
            .filter(|k| !nf.contains_key(*k))
            .cloned()
            .collect();
        if !metrics.is_empty() || !functions_added.is_empty() || !functions_removed.is_empty() {
            d.file_deltas.push(FileDelta {
                path: path.clone(),
                metrics,
                functions_added,
                functions_removed,
            });
        }
    }
    d.functions.sort_by(|a, b| {
        b.delta()
            .total_cmp(&a.delta())
            .then_with(|| (&a.path, &a.name).cmp(&(&b.path, &b.name)))
    });
    let (ov, nv) = (violations(&old_files), violations(&new_files));
    d.violations_added = nv
        .iter()
        .filter(|(k, _)| !ov.contains_key(*k))
        .map(|(_, m)| m.clone())
        .collect();
    d.violations_removed = ov
        .iter()
        .filter(|(k, _)| !nv.contains_key(*k))
        .map(|(_, m)| m.clone())
        .collect();
    d
}

/// Python's `{:g}`: six significant digits, no trailing zeros.
fn g(v: f64) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    let exp = v.abs().log10().floor() as i32;
    if !(-4..6).contains(&exp) {
        let s = format!("{:.5e}", v);
        let (mantissa, e) = s.split_once('e').unwrap_or((&s, "0"));
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        let e: i32 = e.parse().unwrap_or(0);
        return format!("{mantissa}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    }
    let decimals = (5 - exp).max(0) as usize;
    let s = format!("{v:.decimals$}");
    match s.contains('.') {
        true => s.trim_end_matches('0').trim_end_matches('.').to_string(),
        false => s,
    }
}

fn signed(v: f64) -> String {
    match v >= 0.0 {
        true => format!("+{}", g(v)),
        false => g(v),
    }
}

/// The delta summary, as 1.2 prints it.
pub(crate) fn text(d: &Diff, label: &str) -> String {
    let mut out = format!("=== Baseline diff vs {label} ===\n");
    if let Some(w) = &d.warning {
        out.push_str(&format!("warning: {w}\n"));
    }
    if d.is_empty() {
        out.push_str(&format!("No differences above epsilon ({}).\n", g(EPSILON)));
        return out;
    }
    out.push_str(&format!(
        "Files: {} added, {} removed, {} changed\n",
        d.files_added.len(),
        d.files_removed.len(),
        d.file_deltas.len()
    ));
    for p in &d.files_added {
        out.push_str(&format!("  + {p}\n"));
    }
    for p in &d.files_removed {
        out.push_str(&format!("  - {p}\n"));
    }
    for (title, list) in [
        ("New violations", &d.violations_added),
        ("Resolved violations", &d.violations_removed),
    ] {
        if !list.is_empty() {
            out.push_str(&format!("{title} ({}):\n", list.len()));
            for m in list {
                out.push_str(&format!("  {m}\n"));
            }
        }
    }
    let functions = |title: &str, list: Vec<&FunctionDelta>, out: &mut String| {
        if list.is_empty() {
            return;
        }
        out.push_str(&format!("{title}:\n"));
        for f in list {
            let location = match f.line {
                Some(l) => format!("{}:{l}", f.path),
                None => f.path.clone(),
            };
            let details: Vec<String> = f
                .metrics
                .iter()
                .map(|m| format!("{} {}→{}", m.metric, g(m.old), g(m.new)))
                .collect();
            let suffix = match details.is_empty() {
                true => String::new(),
                false => format!("  ({})", details.join(", ")),
            };
            out.push_str(&format!(
                "  {} {}  {}  {location}{suffix}\n",
                if f.new_violation { '*' } else { ' ' },
                signed(f.delta()),
                f.name
            ));
        }
    };
    functions(
        "Regressed functions (worst first, * = new violation)",
        d.regressions().collect(),
        &mut out,
    );
    functions("Improved functions", d.improvements().collect(), &mut out);
    if !d.file_deltas.is_empty() {
        out.push_str(&format!("File metric deltas (|Δ| > {}):\n", g(EPSILON)));
        for f in &d.file_deltas {
            let mut parts: Vec<String> = f
                .metrics
                .iter()
                .map(|m| {
                    format!(
                        "{} {}→{} ({})",
                        m.metric,
                        g(m.old),
                        g(m.new),
                        signed(m.delta())
                    )
                })
                .collect();
            parts.extend(
                f.functions_added
                    .iter()
                    .map(|n| format!("function added: {n}")),
            );
            parts.extend(
                f.functions_removed
                    .iter()
                    .map(|n| format!("function removed: {n}")),
            );
            out.push_str(&format!("  {}: {}\n", f.path, parts.join(", ")));
        }
    }
    out
}

/// The HTML page's `baseline` object: what it colours and lists in "vs baseline" mode.
pub(crate) fn payload(d: &Diff, old: &Value, label: &str) -> Json {
    let row = |f: &FunctionDelta| {
        Json::Obj(vec![
            ("path", Json::str(&f.path)),
            ("name", Json::str(&f.name)),
            ("line", Json::opt(f.line, |l| Json::Int(l as i64))),
            ("old_score", Json::Float(f.old_score)),
            ("new_score", Json::Float(f.new_score)),
            ("score_delta", Json::Float(f.delta())),
            ("new_violation", Json::Bool(f.new_violation)),
        ])
    };
    Json::Obj(vec![
        ("label", Json::str(label)),
        (
            "generated_at",
            Json::opt(old["generated_at"].as_str(), Json::str),
        ),
        (
            "tool_version",
            Json::opt(old["tool_version"].as_str(), Json::str),
        ),
        (
            "files_added",
            Json::Arr(d.files_added.iter().map(Json::str).collect()),
        ),
        (
            "files_removed",
            Json::Arr(d.files_removed.iter().map(Json::str).collect()),
        ),
        (
            "file_deltas",
            Json::Map(
                d.file_deltas
                    .iter()
                    .map(|f| {
                        let deltas = f
                            .metrics
                            .iter()
                            .map(|m| (m.metric.clone(), Json::Float(m.delta())))
                            .collect();
                        (f.path.clone(), Json::Map(deltas))
                    })
                    .collect(),
            ),
        ),
        ("regressions", Json::Arr(d.regressions().map(row).collect())),
        (
            "improvements",
            Json::Arr(d.improvements().map(row).collect()),
        ),
        (
            "violations_added",
            Json::Int(d.violations_added.len() as i64),
        ),
        (
            "violations_removed",
            Json::Int(d.violations_removed.len() as i64),
        ),
    ])
}

#[cfg(test)]
mod tests {
    #[test]
    fn python_g_format() {
        for (v, want) in [
            (2.0, "2"),
            (0.5, "0.5"),
            (88.5575, "88.5575"),
            (2.37744, "2.37744"),
            (249.78, "249.78"),
            (0.00158496, "0.00158496"),
            (0.0222026, "0.0222026"),
            (64.47617, "64.4762"),
            (-24.0813, "-24.0813"),
            (1234567.0, "1.23457e+06"),
            (0.00001234, "1.234e-05"),
        ] {
            assert_eq!(super::g(v), want, "{v}");
        }
    }
}
