//! Which queries re-execute after an edit (salsa's `WillExecute` events, as in salsa's calc
//! example): an edit inside one function re-runs only that function's metrics.

use std::sync::{Arc, Mutex};

use queries::{SourceFile, file_metrics};
use salsa::Setter;

const BEFORE: &str =
    "def a(x):\n    if x:\n        return 1\n    return 2\n\n\ndef b(y):\n    return y\n";

fn executed(log: &Arc<Mutex<Vec<String>>>) -> Vec<String> {
    let mut names: Vec<String> = std::mem::take(&mut *log.lock().unwrap())
        .iter()
        .map(|e| e.split('(').next().unwrap().to_string())
        .collect();
    names.sort();
    names
}

fn setup() -> (engine::Database, SourceFile, Arc<Mutex<Vec<String>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let db = engine::Database::with_log(log.clone());
    let file = SourceFile::new(&db, BEFORE.into());
    file_metrics(&db, file);
    executed(&log);
    (db, file, log)
}

#[test]
fn body_edit_reruns_one_fn_metrics() {
    let (mut db, file, log) = setup();
    let after = BEFORE.replace("return y", "return y if y else 0");
    file.set_text(&mut db).to(after.into());
    let m = file_metrics(&db, file);
    assert_eq!(m.functions[1].metrics.cyclomatic, 2);
    assert_eq!(executed(&log), ["file_metrics", "fn_metrics", "functions"]);
}

#[test]
fn edit_with_equal_metrics_is_backdated() {
    let (mut db, file, log) = setup();
    // `b`'s text changes but none of its metrics, nor the module's: `fn_metrics(b)` re-runs,
    // returns an equal value, and the file-level query is not re-executed.
    file.set_text(&mut db)
        .to(BEFORE.replace("return y", "return (y)").into());
    file_metrics(&db, file);
    assert_eq!(executed(&log), ["fn_metrics", "functions"]);
}

#[test]
fn lines_inserted_above_rerun_no_fn_metrics() {
    let (mut db, file, log) = setup();
    file.set_text(&mut db)
        .to(format!("import os\n\n\n{BEFORE}").into());
    let m = file_metrics(&db, file);
    assert_eq!(m.functions[0].span.lineno, 4);
    assert_eq!(executed(&log), ["file_metrics", "functions"]);
}

#[test]
fn a_threshold_change_reruns_nothing() {
    let (db, file, log) = setup();
    let metrics = file_metrics(&db, file).clone();
    let rows = engine::check::rows(&metrics, true);
    let strict = engine::config::from_yaml(
        "languages:\n  - name: python\n    metrics:\n      - type: cyclomatic_complexity\n        threshold: 1\n",
    )
    .unwrap();
    let lax = engine::config::Config::default();
    let many = engine::check::violations(&rows, &strict.python_entries());
    let none = engine::check::violations(&rows, &lax.python_entries());
    assert_eq!((many.len(), none.len()), (1, 0));
    // Thresholds are never an input: the same memo answers, nothing executes.
    assert_eq!(file_metrics(&db, file), &metrics);
    assert!(executed(&log).is_empty());
}
