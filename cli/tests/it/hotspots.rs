//! `antipasta hotspots` on a four-commit history whose numbers are counted by hand.

use std::path::Path;

use crate::{git, run};

fn commit(dir: &Path, files: &[(&str, &str)], message: &str) {
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", message]);
}

#[test]
fn churn_complexity_score_and_coupling_by_hand() {
    let repo = tempfile::tempdir().unwrap();
    let d = repo.path();
    git(d, &["init", "-q"]);
    let f = "def f(x):\n    if x:\n        return 1\n    return 0\n";
    let f2 =
        "def f(x):\n    if x:\n        return 1\n    if x > 1:\n        return 2\n    return 0\n";
    // c1: a.py +4, b.py +2.
    commit(
        d,
        &[("a.py", f), ("b.py", "def g(z):\n    return z\n")],
        "c1",
    );
    // c2: f gets a branch (a.py +2), g edited (b.py +1 −1).
    commit(
        d,
        &[("a.py", f2), ("b.py", "def g(z):\n    return z + 1\n")],
        "c2",
    );
    // c3: h added (a.py +4: two blank lines, def, return); f untouched.
    let h = format!("{f2}\n\ndef h(y):\n    return y\n");
    commit(d, &[("a.py", &h)], "c3");
    // c4: h edited (a.py +1 −1), g edited (b.py +1 −1).
    let h2 = format!("{f2}\n\ndef h(y):\n    return y or 1\n");
    commit(
        d,
        &[("a.py", &h2), ("b.py", "def g(z):\n    return z + 2\n")],
        "c4",
    );
    let (code, out, stderr) = run(
        d,
        &[
            "hotspots",
            "--window",
            "all",
            "--format",
            "json",
            "--no-cache",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let row = |list: &str, i: usize| {
        let r = &doc[list][i];
        (
            r["path"].as_str().unwrap().to_string(),
            r["function"].as_str().map(str::to_string),
            r["commits"].as_u64().unwrap(),
            r["lines_changed"].as_u64().unwrap(),
            r["complexity"].as_u64().unwrap(),
            r["score"].as_u64().unwrap(),
        )
    };
    assert_eq!(doc["commits"], 4);
    // a.py: 4 commits, 4+2+4+2 lines, worst function f (cyclomatic 3): 12. b.py: 3, 2+2+2, 1: 3.
    assert_eq!(row("files", 0), ("a.py".into(), None, 4, 12, 3, 12));
    assert_eq!(row("files", 1), ("b.py".into(), None, 3, 6, 1, 3));
    // f changed in c1 (new) and c2; h in c3 (new) and c4; g in c1, c2, c4.
    assert_eq!(
        row("functions", 0),
        ("a.py".into(), Some("f".into()), 2, 6, 3, 6)
    );
    assert_eq!(
        row("functions", 1),
        ("a.py".into(), Some("h".into()), 2, 6, 2, 4)
    );
    assert_eq!(
        row("functions", 2),
        ("b.py".into(), Some("g".into()), 3, 6, 1, 3)
    );
    // Changed together in c1, c2 and c4: 3 of a.py's 4 commits, all 3 of b.py's.
    let pair = &doc["coupling"][0];
    assert_eq!(
        (pair["a"].as_str(), pair["b"].as_str()),
        (Some("a.py"), Some("b.py"))
    );
    assert_eq!(pair["support"], 3);
    assert_eq!(pair["confidence_a_b"], 0.75);
    assert_eq!(pair["confidence_b_a"], 1.0);
    // The text form says the same.
    let (_, text, _) = run(d, &["hotspots", "--window", "all", "--no-cache"]);
    assert!(
        text.contains("12     4        12     3           a.py"),
        "{text}"
    );
    assert!(text.contains("3        0.75 / 1.00  a.py ↔ b.py"), "{text}");
}
