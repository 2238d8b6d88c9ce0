//! Differential test against the reference oracle's checked-in output for every fixture in
//! `testdata/oracle/cases` (radon 6.0.1 under CPython 3.11): every raw field, the module total,
//! and every radon block (closures and inner classes included) must be equal, except the
//! divergences listed in `testdata/oracle/known_diffs.toml`, which must still diverge.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/oracle/cases")
}

/// `(path, field)` of each `[[diff]]` entry.
fn known_diffs() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(cases_dir().join("../known_diffs.toml")).unwrap();
    let mut out = Vec::new();
    let mut path = None;
    for line in text.lines() {
        let Some((k, v)) = line.split_once(" = ") else {
            continue;
        };
        let v = v.trim().trim_matches('"').to_string();
        match k.trim() {
            "path" => path = Some(v),
            "field" => out.push((path.clone().expect("path before field"), v)),
            _ => {}
        }
    }
    out
}

struct Ours {
    raw: Option<Value>,
    cc_total: u32,
    functions: Vec<(String, u32, u32, u32, &'static str, String)>,
}

fn ours(py: &Path) -> Option<Ours> {
    let db = engine::Database::default();
    let text = engine::source::decode(std::fs::read(py).unwrap()).ok()?;
    let m = engine::metrics_of(&db, text).ok()?;
    Some(Ours {
        raw: m.module.raw.map(|r| {
            serde_json::json!({"loc": r.loc, "lloc": r.lloc, "sloc": r.sloc, "comments": r.comments,
                "multi": r.multi, "blank": r.blank, "single_comments": r.single_comments})
        }),
        cc_total: m.module.cc_total,
        functions: m
            .functions
            .iter()
            .map(|f| {
                let kind = f.kind.name();
                (
                    f.qualname.clone(),
                    f.span.lineno,
                    f.metrics.cyclomatic,
                    f.span.endline,
                    kind,
                    f.radon_name.clone(),
                )
            })
            .collect(),
    })
}

fn theirs_functions(oracle: &Value) -> Vec<(String, u32, u32, u32, &'static str, String)> {
    let mut out: Vec<_> = oracle["functions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["cc"].is_null())
        .map(|f| {
            let kind = match f["kind"].as_str().unwrap() {
                "function" => "function",
                "method" => "method",
                _ => "class",
            };
            let n = |k: &str| f[k].as_u64().unwrap() as u32;
            (
                f["qualname"].as_str().unwrap().to_string(),
                n("lineno"),
                n("cc"),
                n("endline"),
                kind,
                f["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_case_equals_the_oracle() {
    let known = known_diffs();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 70, "the oracle cases are checked in");
    let mut compared = 0;
    for py in &cases {
        let name = py.file_name().unwrap().to_str().unwrap().to_string();
        let oracle: Value =
            serde_json::from_str(&std::fs::read_to_string(py.with_extension("json")).unwrap())
                .unwrap();
        let is_known = |field: &str| known.iter().any(|(p, f)| *p == name && f == field);
        let ast_failed = oracle["errors"].get("ast_parse").is_some();
        let Some(mine) = ours(py) else {
            assert!(
                ast_failed,
                "{name}: we report an error where CPython 3.11 parses"
            );
            continue;
        };
        // Raw metrics.
        if is_known("raw") {
            assert!(
                oracle["raw"].is_null() && mine.raw.is_some(),
                "{name}: listed raw divergence no longer diverges"
            );
        } else {
            assert_eq!(
                mine.raw.as_ref(),
                Some(&oracle["raw"]).filter(|v| !v.is_null()),
                "{name}: raw"
            );
        }
        // Blocks and the module total.
        let mut mine_fns = mine.functions.clone();
        mine_fns.sort();
        if is_known("functions") {
            assert!(
                ast_failed && !mine_fns.is_empty(),
                "{name}: listed block divergence no longer diverges"
            );
            continue;
        }
        assert!(
            !ast_failed,
            "{name}: CPython fails here, so this needs a known_diffs entry"
        );
        assert_eq!(
            mine_fns,
            theirs_functions(&oracle),
            "{name}: blocks (qualname, line, cc, endline, kind, name)"
        );
        assert_eq!(
            u64::from(mine.cc_total),
            oracle["cc_total"].as_u64().unwrap(),
            "{name}: cc_total"
        );
        compared += 1;
    }
    assert!(compared >= 65, "compared {compared} cases");
}
