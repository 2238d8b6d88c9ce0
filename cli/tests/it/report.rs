//! `antipasta report`: the snapshot, `--top`, `--save-baseline` and `--baseline` on a fixture
//! (scripts/report-test.sh loads the HTML page in headless Chromium and validates the schema).

use crate::{project, run};

/// A snapshot with its time and the temporary directory's name replaced (they differ from run
/// to run).
fn stable(text: &str) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(text).unwrap();
    doc["generated_at"] = "[time]".into();
    assert_eq!(doc["treemap"][0]["id"], ".");
    doc["treemap"][0]["label"] = "[root]".into();
    serde_json::to_string_pretty(&doc).unwrap()
}

#[test]
fn the_snapshot_top_and_a_baseline_diff() {
    let p = project("basic");
    let d = p.path();
    let (code, stdout, stderr) = run(
        d,
        &["report", "--no-cache", "--format", "json", "--top", "3"],
    );
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("report_snapshot", stable(&stdout));
    // --top goes to stderr when the report is on stdout.
    let top: String = stderr
        .lines()
        .skip_while(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("report_top", top);

    let (code, _, stderr) = run(
        d,
        &[
            "report",
            "--no-cache",
            "--format",
            "json",
            "-o",
            "snap.json",
            "--save-baseline",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(d.join("snap.json").is_file() && d.join("snap.baseline.json").is_file());
    // Unchanged: no difference.
    let against_baseline = [
        "report",
        "--no-cache",
        "-o",
        "r.html",
        "--baseline",
        "snap.baseline.json",
    ];
    let (_, out, _) = run(d, &against_baseline);
    assert_eq!(
        out,
        "=== Baseline diff vs snap.baseline.json ===\nNo differences above epsilon (0.01).\n"
    );
    // classify gets worse (a branch), and a function is added.
    let cm = d.join("pkg/complex_mod.py");
    let text = std::fs::read_to_string(&cm).unwrap().replace(
        "    elif n == 0:\n",
        "    elif n == 0 and flags:\n        return \"zero-flagged\"\n    elif n == 0:\n",
    );
    std::fs::write(&cm, text + "\n\ndef extra(a):\n    return a or 1\n").unwrap();
    let (code, out, stderr) = run(d, &against_baseline);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("report_diff", out);
    let page = std::fs::read_to_string(d.join("r.html")).unwrap();
    assert!(
        page.contains("\"regressions\":[{\"path\":\"pkg/complex_mod.py\",\"name\":\"classify\"")
    );
    assert!(
        !page.to_ascii_lowercase().contains("http://")
            && !page.to_ascii_lowercase().contains("https://")
    );
}

#[test]
fn a_missing_baseline_is_an_error_before_any_analysis() {
    let p = project("basic");
    let (code, stdout, stderr) = run(p.path(), &["report", "--baseline", "nope.json"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("failed to read the baseline nope.json"),
        "{stderr}"
    );
    assert!(!stderr.contains("Analyzing"), "{stderr}");
}
