//! The watch session: newer content arriving while a file is being computed cancels the
//! computation (salsa's cancellation through a setter) and the result is the newest content's.

use std::cell::Cell;

use engine::watch::Session;

fn big(n: usize, body: &str) -> String {
    (0..n)
        .map(|i| format!("def f{i}(x):\n    if x and x > {i}:\n        {body}\n    return x\n\n"))
        .collect()
}

#[test]
fn newer_content_mid_computation_cancels_and_wins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.py");
    std::fs::write(&path, big(3, "return 1")).unwrap();
    let db = engine::Database::default();
    let first = engine::FileReport {
        path: path.clone(),
        result: engine::metrics_of(&db, std::fs::read_to_string(&path).unwrap()),
        content: None,
    };
    let mut session = Session::new(vec![first], 10 << 20);
    // A big edit; while it is computed, another save arrives.
    std::fs::write(&path, big(4000, "return 1")).unwrap();
    let saved = Cell::new(false);
    let interrupt = || {
        if saved.replace(true) {
            return None;
        }
        std::fs::write(&path, big(4000, "return 1 if x else 2")).unwrap();
        Some(vec![path.clone()])
    };
    let update = session.update(None, std::slice::from_ref(&path), &interrupt, None);
    assert!(saved.get());
    // The worker was still computing 4,000 functions when the save arrived 2 ms in.
    assert_eq!(update.cancelled, 1, "{update:?}");
    assert_eq!(update.changed, std::slice::from_ref(&path));
    let report = &session.reports()[0];
    let metrics = report.result.as_ref().unwrap();
    assert_eq!(metrics.functions.len(), 4000);
    // The newest content: one more decision per function (the conditional expression).
    assert!(
        metrics.functions.iter().all(|f| f.metrics.cyclomatic == 4),
        "{:?}",
        metrics.functions[0]
    );
}
