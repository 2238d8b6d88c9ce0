//! Suppression comments on real Python: every form of ecosystem.md §5.4 over
//! `testdata/suppression/*.py`, under thresholds every row fails, with the rows each leaves, the
//! comments that hid nothing, and what `honor_noqa` and `--no-ignore` change (insta).

use std::fmt::Write;

fn strict() -> engine::config::Config {
    let metrics: String = [
        ("cyclomatic_complexity", "1", "<="),
        ("cognitive_complexity", "1", "<="),
        ("maintainability_index", "100", ">="),
        ("lines_of_code", "1", "<="),
    ]
    .iter()
    .map(|(m, t, c)| format!("      - {{type: {m}, threshold: {t}, comparison: '{c}'}}\n"))
    .collect();
    engine::config::from_yaml(&format!(
        "languages:\n  - name: python\n    metrics:\n{metrics}"
    ))
    .unwrap()
}

fn report(text: &str) -> String {
    let db = engine::Database::default();
    let metrics = engine::file_metrics_of(&db, text.to_string());
    let entries = strict().python_entries();
    let all = engine::check::violations_of(&metrics, true, &entries);
    let mut out = String::new();
    for (title, honor) in [("honor_noqa: false", false), ("honor_noqa: true", true)] {
        let applied = engine::suppress::apply(&metrics, all.clone(), honor);
        writeln!(out, "## {title}: {} hidden", applied.suppressed).unwrap();
        for v in &applied.kept {
            let line = v.row.line.map_or("file".to_string(), |l| l.to_string());
            let name = v.row.qualname.as_deref().unwrap_or("-");
            writeln!(
                out,
                "kept {line} {} {} {name}",
                v.row.metric.name(),
                v.row.value
            )
            .unwrap();
        }
        for u in &applied.unused {
            let on = u.qualname.as_deref().unwrap_or("(file)");
            writeln!(out, "unused line {} {} {on}", u.line, u.what).unwrap();
        }
        for w in &applied.invalid {
            writeln!(out, "invalid {w}").unwrap();
        }
    }
    writeln!(out, "## --no-ignore: {} violations", all.len()).unwrap();
    out
}

#[test]
fn every_suppression_form() {
    insta::glob!("../../../testdata/suppression", "*.py", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(report(&text));
    });
}
