//! `gitlab`: Code Quality JSON (ecosystem.md §3.6): unique, line-free fingerprints, paths relative
//! to `CI_PROJECT_DIR` (the repository root otherwise).

use engine::finding::{FileProblem, Finding};

use crate::json::Json;

/// How far over its threshold a finding is: `minor` within 25 %, `major` within 100 %,
/// `critical` beyond.
fn severity(f: &Finding) -> &'static str {
    let t = f.threshold.abs().max(1.0);
    let over = (f.value - f.threshold).abs() / t;
    match over {
        o if o <= 0.25 => "minor",
        o if o <= 1.0 => "major",
        _ => "critical",
    }
}

/// A file error blocks (it hides every metric of the file); a warning is information.
fn error_item(p: &FileProblem) -> Json {
    Json::Obj(vec![
        (
            "description",
            Json::str(format!("{} {} (hint: {})", p.rule, p.message, p.hint)),
        ),
        ("check_name", Json::str(&p.rule)),
        ("fingerprint", Json::str(&p.fingerprint)),
        (
            "severity",
            Json::str(if p.severity == "error" {
                "blocker"
            } else {
                "info"
            }),
        ),
        (
            "location",
            Json::Obj(vec![
                ("path", Json::str(&p.uri)),
                (
                    "lines",
                    Json::Obj(vec![("begin", Json::Int(i64::from(p.line)))]),
                ),
            ]),
        ),
    ])
}

pub(super) fn render(findings: &[Finding], problems: &[FileProblem]) -> String {
    let items = findings
        .iter()
        .map(|f| {
            Json::Obj(vec![
                (
                    "description",
                    Json::str(format!("{} {}", f.rule, f.message)),
                ),
                ("check_name", Json::str(f.rule)),
                ("fingerprint", Json::str(&f.fingerprint)),
                ("severity", Json::str(severity(f))),
                (
                    "location",
                    Json::Obj(vec![
                        ("path", Json::str(&f.uri)),
                        (
                            "lines",
                            Json::Obj(vec![("begin", Json::Int(i64::from(f.line)))]),
                        ),
                    ]),
                ),
            ])
        })
        .chain(problems.iter().map(error_item))
        .collect();
    Json::Arr(items).pretty() + "\n"
}
