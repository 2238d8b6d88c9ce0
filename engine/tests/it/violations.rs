//! The text report's shortcut (`violations_of`, which builds only failing rows) gives exactly
//! the violations of the full row set, on every fixture and under thresholds and operators that
//! make most rows pass, most fail, or sit on the boundary.

use std::path::Path;

use crate::oracle::python_files;

fn config(threshold: &str, comparison: &str) -> engine::config::Config {
    let metrics: String = [
        "cyclomatic_complexity",
        "cognitive_complexity",
        "maintainability_index",
        "halstead_volume",
        "halstead_difficulty",
        "halstead_effort",
        "halstead_time",
        "halstead_bugs",
        "lines_of_code",
        "logical_lines_of_code",
        "source_lines_of_code",
        "comment_lines",
        "blank_lines",
    ]
    .iter()
    .map(|m| {
        let entry = format!(
            "      - type: {m}\n        threshold: {threshold}\n        comparison: '{comparison}'\n"
        );
        // Only the two per-function metrics have an aggregate row to gate.
        if m.ends_with("complexity") {
            format!("{entry}{entry}        scope: aggregate\n")
        } else {
            entry
        }
    })
    .collect();
    engine::config::from_yaml(&format!(
        "languages:\n  - name: python\n    metrics:\n{metrics}"
    ))
    .unwrap()
}

#[test]
fn violations_of_equals_violations_of_all_rows() {
    let mut files = Vec::new();
    python_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata"),
        &mut files,
    );
    assert!(files.len() > 70);
    let db = engine::Database::default();
    let mut configs = vec![engine::config::Config::default()];
    for threshold in ["0", "1", "2", "5", "10", "20", "50"] {
        for comparison in ["<=", "<", ">=", ">", "==", "!="] {
            configs.push(config(threshold, comparison));
        }
    }
    let mut compared = 0;
    let mut found = 0;
    let mut skipped = 0;
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let Ok(metrics) = engine::metrics_of(&db, text) else {
            continue;
        };
        for config in &configs {
            let entries = config.python_entries();
            for multi in [true, false] {
                let all =
                    engine::check::violations(&engine::check::rows(&metrics, multi), &entries);
                let fast = engine::check::violations_of(&metrics, multi, &entries);
                assert_eq!(fast, all, "{}", file.display());
                // The summary's verdict is a proof: without the functions, the same violations.
                let summary = engine::check::summary(&metrics);
                if !engine::check::functions_can_fail(&summary, &entries) {
                    let module_only = engine::FileMetrics {
                        module: metrics.module.clone(),
                        functions: Vec::new(),
                    };
                    let without = engine::check::violations_of(&module_only, multi, &entries);
                    assert_eq!(without, all, "{}", file.display());
                    skipped += 1;
                }
                compared += 1;
                found += all.len();
            }
        }
    }
    assert!(compared > 5000 && found > 10_000, "{compared} {found}");
    // The shortcut is taken often enough to matter, and not always.
    assert!(
        skipped > compared / 10 && skipped < compared,
        "{skipped} of {compared}"
    );
}
