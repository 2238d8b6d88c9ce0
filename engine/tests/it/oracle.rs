//! Differential test against the reference oracle's checked-in output for every fixture in
//! `testdata/oracle/cases` and `testdata/metrics` (radon 6.0.1 under CPython 3.11; the latter's
//! goldens are written by `scripts/golden.py`): every raw field, the module total,
//! the Halstead totals, both maintainability indexes and every radon block (closures and inner
//! classes included, with their per-function Halstead) must be equal to the bit, except the
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

/// A block: qualname, line, cc, endline, kind, radon name, Halstead as (key, value) pairs,
/// complexipy's (score, name, first line, last line, ignored).
type Block = (
    String,
    u32,
    u32,
    u32,
    &'static str,
    String,
    Numbers,
    Option<CognitiveRow>,
);
type CognitiveRow = (u32, String, u32, u32, bool);

/// Named numbers compared by value and bits (the oracle writes radon's integer `0` for some
/// zero floats).
type Numbers = Vec<(String, u64)>;

const HALSTEAD: [&str; 12] = [
    "h1",
    "h2",
    "N1",
    "N2",
    "vocabulary",
    "length",
    "calculated_length",
    "volume",
    "difficulty",
    "effort",
    "time",
    "bugs",
];

fn numbers(v: &Value) -> Numbers {
    if v.is_null() {
        return Vec::new();
    }
    HALSTEAD
        .iter()
        .map(|k| (k.to_string(), v[k].as_f64().unwrap().to_bits()))
        .collect()
}

fn halstead_value(h: engine::Halstead) -> Value {
    serde_json::json!({"h1": h.h1, "h2": h.h2, "N1": h.n1, "N2": h.n2, "vocabulary": h.vocabulary,
        "length": h.length, "calculated_length": h.calculated_length, "volume": h.volume,
        "difficulty": h.difficulty, "effort": h.effort, "time": h.time, "bugs": h.bugs})
}

struct Ours {
    raw: Option<Value>,
    cc_total: u32,
    halstead: Numbers,
    mi: Option<f64>,
    mi_nomulti: Option<f64>,
    cognitive_total: u32,
    functions: Vec<Block>,
}

fn raw_value(r: engine::RawMetrics) -> Value {
    serde_json::json!({"loc": r.loc, "lloc": r.lloc, "sloc": r.sloc, "comments": r.comments,
        "multi": r.multi, "blank": r.blank, "single_comments": r.single_comments})
}

/// Our metrics of a case, or for a file we reject, the partial raw counts we still report.
fn ours(py: &Path) -> Result<Ours, Option<Value>> {
    let db = engine::Database::default();
    let text = engine::source::decode(std::fs::read(py).unwrap()).map_err(|_| None)?;
    let m = engine::metrics_of(&db, text).map_err(|e| e.partial().map(raw_value))?;
    Ok(Ours {
        raw: m.module.raw.map(raw_value),
        cc_total: m.module.cc_total,
        halstead: numbers(&halstead_value(m.module.halstead.report())),
        mi: m.module.maintainability_index(true),
        mi_nomulti: m.module.maintainability_index(false),
        cognitive_total: m.module.cognitive_total,
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
                    f.metrics
                        .halstead
                        .map(|h| numbers(&halstead_value(h.report())))
                        .unwrap_or_default(),
                    f.metrics.cognitive.map(|c| {
                        (
                            c.score,
                            f.qualname.replace('.', "::"),
                            f.span.decorator_lineno,
                            f.span.end_lineno,
                            c.ignored,
                        )
                    }),
                )
            })
            .collect(),
    })
}

fn theirs_functions(oracle: &Value) -> Vec<Block> {
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
                numbers(&f["halstead"]),
                (!f["cognitive"].is_null()).then(|| {
                    (
                        n("cognitive"),
                        f["cognitive_name"].as_str().unwrap().to_string(),
                        n("cognitive_line_start"),
                        n("cognitive_line_end"),
                        f["cognitive_ignored"].as_bool().unwrap(),
                    )
                }),
            )
        })
        .collect();
    out.sort();
    out
}

/// Every `.py` file below `dir`.
pub(crate) fn python_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            python_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

#[test]
fn every_case_equals_the_oracle() {
    let known = known_diffs();
    let mut cases = Vec::new();
    python_files(&cases_dir(), &mut cases);
    python_files(&cases_dir().join("../../metrics"), &mut cases);
    cases.sort();
    assert!(cases.len() >= 70, "the oracle cases are checked in");
    let (mut compared, mut partial) = (0, 0);
    for py in &cases {
        let name = py.file_name().unwrap().to_str().unwrap().to_string();
        let oracle: Value =
            serde_json::from_str(&std::fs::read_to_string(py.with_extension("json")).unwrap())
                .unwrap();
        let is_known = |field: &str| known.iter().any(|(p, f)| *p == name && f == field);
        let ast_failed = oracle["errors"].get("ast_parse").is_some();
        let mine = match ours(py) {
            Ok(mine) => mine,
            Err(raw) => {
                assert!(
                    ast_failed,
                    "{name}: we report an error where CPython 3.11 parses"
                );
                // A file neither parses: radon's raw counts need no tree, and we report them.
                if !is_known("raw") {
                    let theirs = Some(&oracle["raw"]).filter(|v| !v.is_null());
                    assert_eq!(raw.as_ref(), theirs, "{name}: partial raw");
                    partial += usize::from(raw.is_some());
                }
                continue;
            }
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
        if oracle["errors"].get("complexipy").is_none() {
            assert_eq!(
                u64::from(mine.cognitive_total),
                oracle["cognitive_total"].as_u64().unwrap(),
                "{name}: cognitive_total"
            );
        }
        if is_known("functions") {
            assert!(
                ast_failed && !mine_fns.is_empty(),
                "{name}: listed block divergence no longer diverges"
            );
            // complexipy parses what CPython 3.11 rejects: its functions are joined on name and line.
            for c in oracle["cognitive_unmatched"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let key = (
                    c["name"].as_str().unwrap().to_string(),
                    c["line_start"].as_u64().unwrap() as u32,
                );
                let ours = mine_fns
                    .iter()
                    .filter_map(|b| b.7.clone())
                    .find(|row| (row.1.clone(), row.2) == key);
                assert_eq!(
                    ours.map(|row| (row.0, row.3)),
                    Some((
                        c["complexity"].as_u64().unwrap() as u32,
                        c["line_end"].as_u64().unwrap() as u32
                    )),
                    "{name}: cognitive of {key:?}"
                );
            }
            continue;
        }
        assert!(
            !ast_failed,
            "{name}: CPython fails here, so this needs a known_diffs entry"
        );
        assert_eq!(
            mine_fns,
            theirs_functions(&oracle),
            "{name}: blocks (qualname, line, cc, endline, kind, name, halstead)"
        );
        assert_eq!(
            mine.halstead,
            numbers(&oracle["halstead"]),
            "{name}: halstead"
        );
        let bits = |v: &Value| v.as_f64().map(f64::to_bits);
        assert_eq!(mine.mi.map(f64::to_bits), bits(&oracle["mi"]), "{name}: mi");
        assert_eq!(
            mine.mi_nomulti.map(f64::to_bits),
            bits(&oracle["mi_nomulti"]),
            "{name}: mi_nomulti"
        );
        assert_eq!(
            u64::from(mine.cc_total),
            oracle["cc_total"].as_u64().unwrap(),
            "{name}: cc_total"
        );
        compared += 1;
    }
    assert!(compared >= 73, "compared {compared} cases");
    // 56 and 73, 77, 81: files CPython rejects whose raw counts radon still gives.
    assert!(
        partial >= 4,
        "compared the partial raw counts of {partial} rejected files"
    );
}
