//! `json-lines`: one object per finding (ecosystem.md §3.1).

use engine::finding::Finding;

use crate::json::Json;

pub(super) fn render(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
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
        })
        .collect()
}
