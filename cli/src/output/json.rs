//! `json`: the antipasta JSON document (compat-spec §2.6), as 1.2 writes it, key order fixed.

use engine::check::{Detail, Row, Violation};

use engine::finding::FileProblem;

use super::FileResult;
use crate::json::Json;

/// The document's `summary` (the report's snapshot has the same).
pub(crate) fn summary(results: &[FileResult]) -> Json {
    let n_violations: usize = results.iter().map(|r| r.violations.len()).sum();
    let errors = results.iter().filter(|r| r.error.is_some()).count();
    Json::Obj(vec![
        ("total_files", Json::Int(results.len() as i64)),
        (
            "files_with_violations",
            Json::Int(results.iter().filter(|r| !r.violations.is_empty()).count() as i64),
        ),
        ("total_violations", Json::Int(n_violations as i64)),
        (
            "violations_by_type",
            Json::Obj(
                super::by_type(results)
                    .into_iter()
                    .map(|(n, c)| (n, Json::Int(c as i64)))
                    .collect(),
            ),
        ),
        (
            "files_by_language",
            Json::Obj(vec![("python", Json::Int(results.len() as i64))]),
        ),
        ("success", Json::Bool(n_violations == 0 && errors == 0)),
        ("files_with_errors", Json::Int(errors as i64)),
    ])
}

pub(super) fn render(results: &[FileResult], problems: &[FileProblem]) -> String {
    let summary = summary(results);
    let reports = results
        .iter()
        .map(|r| {
            let mut fields = vec![
                ("file", Json::str(&r.path)),
                ("language", Json::str("python")),
                (
                    "metrics",
                    Json::Arr(r.rows.iter().map(metric_json).collect()),
                ),
                (
                    "violations",
                    Json::Arr(
                        r.violations
                            .iter()
                            .map(|v| violation_json(&r.path, v))
                            .collect(),
                    ),
                ),
            ];
            if let Some(e) = &r.error {
                fields.push(("error", Json::str(e.to_string())));
                fields.push(("error_class", Json::str(e.class())));
                fields.push(("hint", Json::str(e.hint())));
                if let Some(p) = problems.iter().find(|p| p.path == r.path) {
                    fields.push(("severity", Json::str(p.severity)));
                }
                if let Some((line, col)) = e.position() {
                    fields.push(("line_number", Json::Int(line.into())));
                    fields.push(("column", Json::Int(col.into())));
                }
                // The rows above are the metrics that need no tree (radon's raw counts).
                fields.push(("partial", Json::Bool(e.partial().is_some())));
            }
            Json::Obj(fields)
        })
        .collect();
    let doc = Json::Obj(vec![("summary", summary), ("reports", Json::Arr(reports))]);
    doc.pretty() + "\n"
}

fn metric_json(row: &Row) -> Json {
    let details = match &row.detail {
        Detail::None => Json::Null,
        Detail::Function {
            kind,
            classname,
            rank,
        } => Json::Obj(vec![
            ("type", Json::str(kind.name())),
            ("classname", Json::opt(classname.clone(), Json::Str)),
            ("rank", Json::str(rank.to_string())),
        ]),
        Detail::Average { function_count } => Json::Obj(vec![
            ("type", Json::str("average")),
            ("function_count", Json::Int(*function_count as i64)),
        ]),
        Detail::Maximum { function_count } => Json::Obj(vec![
            ("type", Json::str("file_maximum")),
            ("function_count", Json::Int(*function_count as i64)),
        ]),
        Detail::Maintainability { rank } => Json::Obj(vec![("rank", Json::str(rank.to_string()))]),
        Detail::HalsteadFunction => Json::Obj(vec![("type", Json::str("function"))]),
    };
    Json::Obj(vec![
        ("type", Json::str(row.metric.name())),
        ("value", Json::Float(row.value)),
        ("details", details),
        (
            "line_number",
            Json::opt(row.line, |l| Json::Int(i64::from(l))),
        ),
        ("function_name", Json::opt(row.qualname.clone(), Json::Str)),
    ])
}

pub(crate) fn violation_json(path: &str, v: &Violation) -> Json {
    let mut fields = vec![
        ("type", Json::str(v.row.metric.name())),
        ("message", Json::Str(super::legacy::message(path, v))),
        (
            "line_number",
            Json::opt(v.row.line, |l| Json::Int(i64::from(l))),
        ),
        ("function", Json::opt(v.row.qualname.clone(), Json::Str)),
        ("value", Json::Float(v.row.value)),
        ("threshold", Json::Float(v.threshold)),
        ("comparison", Json::str(v.comparison.symbol())),
    ];
    // Only where one applied: a configuration without overrides gives 1.2's objects.
    if let Some(o) = &v.set_by {
        fields.push(("override", Json::str(o)));
    }
    if let Some(old) = v.baseline {
        fields.push(("baseline", Json::Float(old)));
    }
    Json::Obj(fields)
}
