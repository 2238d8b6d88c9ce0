//! `json-lines`: one object per finding (ecosystem.md §3.1).

use engine::finding::{FileProblem, Finding};

use crate::json::Json;

pub(super) fn render(findings: &[Finding], problems: &[FileProblem]) -> String {
    let errors = problems.iter().map(|p| {
        let obj = Json::Obj(vec![
            ("version", Json::Int(1)),
            ("path", Json::str(&p.path)),
            ("line", Json::Int(i64::from(p.line))),
            ("col", Json::Int(i64::from(p.col))),
            ("rule", Json::str(&p.rule)),
            ("kind", Json::str("error")),
            ("severity", Json::str(p.severity)),
            ("error_class", Json::str(p.class)),
            ("message", Json::str(&p.message)),
            ("hint", Json::str(p.hint)),
        ]);
        obj.compact() + "\n"
    });
    let findings = findings.iter().map(|f| {
        let kind = match (&f.qualname, f.aggregate) {
            (Some(_), _) => "function",
            (None, true) => "aggregate",
            (None, false) => "module",
        };
        let obj = Json::Obj(vec![
            ("version", Json::Int(1)),
            ("path", Json::str(&f.path)),
            ("line", Json::Int(i64::from(f.line))),
            ("end_line", Json::Int(i64::from(f.end_line))),
            ("col", Json::Int(i64::from(f.col))),
            ("rule", Json::str(f.rule)),
            ("metric", Json::str(f.metric.name())),
            ("qualname", Json::opt(f.qualname.clone(), Json::Str)),
            ("kind", Json::str(kind)),
            ("value", Json::Float(f.value)),
            ("threshold", Json::Float(f.threshold)),
            ("comparison", Json::str(f.relation)),
            ("message", Json::str(&f.message)),
        ]);
        obj.compact() + "\n"
    });
    findings.chain(errors).collect()
}
