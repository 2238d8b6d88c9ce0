//! `sarif`: SARIF 2.1.0 for GitHub code scanning (ecosystem.md §3.4): one run, the rules used,
//! `partialFingerprints` without the line, repository-relative URIs, no `security-severity`.

use engine::Metric;
use engine::finding::{FileProblem, Finding};

use crate::json::Json;

fn rule(id: &'static str, metric: Metric, aggregate: bool) -> Json {
    let what = match aggregate {
        true if metric == Metric::CyclomaticComplexity => {
            format!("{} (file average)", metric.name())
        }
        true => format!("{} (file maximum)", metric.name()),
        false => metric.name().to_string(),
    };
    let short = format!("{what} over its threshold");
    let full = format!(
        "The {what} of this code is over the threshold configured for antipasta (.antipasta.yaml or [tool.antipasta])."
    );
    Json::Obj(vec![
        ("id", Json::str(id)),
        ("name", Json::str(metric.name())),
        (
            "shortDescription",
            Json::Obj(vec![("text", Json::str(&short))]),
        ),
        (
            "fullDescription",
            Json::Obj(vec![("text", Json::str(&full))]),
        ),
        (
            "help",
            Json::Obj(vec![
                (
                    "text",
                    Json::str(format!("{full} Simplify it, or raise the threshold.")),
                ),
                (
                    "markdown",
                    Json::str(format!("{full} Simplify it, or raise the threshold.")),
                ),
            ]),
        ),
        (
            "defaultConfiguration",
            Json::Obj(vec![("level", Json::str("error"))]),
        ),
        (
            "properties",
            Json::Obj(vec![(
                "tags",
                Json::Arr(vec![Json::str("maintainability"), Json::str("complexity")]),
            )]),
        ),
    ])
}

/// The rule of a class of file errors: its hint is the help.
fn error_rule(p: &FileProblem) -> Json {
    let short = format!("The file could not be analysed ({})", p.class);
    Json::Obj(vec![
        ("id", Json::str(&p.rule)),
        ("name", Json::str(p.class)),
        (
            "shortDescription",
            Json::Obj(vec![("text", Json::str(&short))]),
        ),
        (
            "help",
            Json::Obj(vec![
                ("text", Json::str(p.hint)),
                ("markdown", Json::str(p.hint)),
            ]),
        ),
        (
            "defaultConfiguration",
            Json::Obj(vec![("level", Json::str(p.severity))]),
        ),
    ])
}

fn location(uri: &str, region: Vec<(&'static str, Json)>) -> Json {
    Json::Arr(vec![Json::Obj(vec![(
        "physicalLocation",
        Json::Obj(vec![
            ("artifactLocation", Json::Obj(vec![("uri", Json::str(uri))])),
            ("region", Json::Obj(region)),
        ]),
    )])])
}

pub(super) fn render(findings: &[Finding], problems: &[FileProblem]) -> String {
    let mut used: Vec<(&'static str, Metric, bool)> = Vec::new();
    for f in findings {
        if !used.iter().any(|(id, _, _)| *id == f.rule) {
            used.push((f.rule, f.metric, f.aggregate));
        }
    }
    used.sort_by_key(|(id, _, _)| *id);
    let mut rules: Vec<Json> = used.iter().map(|&(id, m, a)| rule(id, m, a)).collect();
    let mut error_rules: Vec<&FileProblem> = Vec::new();
    for p in problems {
        if !error_rules.iter().any(|r| r.rule == p.rule) {
            error_rules.push(p);
        }
    }
    error_rules.sort_by(|a, b| a.rule.cmp(&b.rule));
    rules.extend(error_rules.into_iter().map(error_rule));
    let errors = problems.iter().map(|p| {
        let region = vec![
            ("startLine", Json::Int(i64::from(p.line))),
            ("startColumn", Json::Int(i64::from(p.col))),
        ];
        Json::Obj(vec![
            ("ruleId", Json::str(&p.rule)),
            ("level", Json::str(p.severity)),
            ("message", Json::Obj(vec![("text", Json::str(&p.message))])),
            ("locations", location(&p.uri, region)),
            (
                "partialFingerprints",
                Json::Obj(vec![("antipasta/v1", Json::str(&p.fingerprint))]),
            ),
        ])
    });
    let results = findings
        .iter()
        .map(|f| {
            let region = match f.line == f.end_line {
                true => vec![
                    ("startLine", Json::Int(i64::from(f.line))),
                    ("startColumn", Json::Int(i64::from(f.col))),
                ],
                false => vec![
                    ("startLine", Json::Int(i64::from(f.line))),
                    ("endLine", Json::Int(i64::from(f.end_line))),
                ],
            };
            Json::Obj(vec![
                ("ruleId", Json::str(f.rule)),
                ("level", Json::str("error")),
                ("message", Json::Obj(vec![("text", Json::str(&f.message))])),
                ("locations", location(&f.uri, region)),
                (
                    "partialFingerprints",
                    Json::Obj(vec![("antipasta/v1", Json::str(&f.fingerprint))]),
                ),
            ])
        })
        .chain(errors)
        .collect();
    let driver = Json::Obj(vec![
        ("name", Json::str("antipasta")),
        ("version", Json::str(env!("CARGO_PKG_VERSION"))),
        ("semanticVersion", Json::str(env!("CARGO_PKG_VERSION"))),
        (
            "informationUri",
            Json::str("https://github.com/hesreallyhim/antipasta"),
        ),
        ("rules", Json::Arr(rules)),
    ]);
    let run = Json::Obj(vec![
        ("tool", Json::Obj(vec![("driver", driver)])),
        ("results", Json::Arr(results)),
    ]);
    Json::Obj(vec![
        (
            "$schema",
            Json::str("https://json.schemastore.org/sarif-2.1.0.json"),
        ),
        ("version", Json::str("2.1.0")),
        ("runs", Json::Arr(vec![run])),
    ])
    .pretty()
        + "\n"
}
