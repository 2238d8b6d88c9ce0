//! `--log-format json`, `--log-file` and `--debug`.

use crate::{project, run};

fn events(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: not JSON: {l}")))
        .collect()
}

#[test]
fn json_logs_are_one_object_per_line_with_the_run_id() {
    let p = project("basic");
    std::fs::write(p.path().join("broken.py"), "def f(:\n    pass\n").unwrap();
    let (code, stdout, stderr) = run(
        p.path(),
        &["check", "--no-cache", "--log-format", "json", "--timings"],
    );
    let (text_code, text_stdout, _) = run(p.path(), &["check", "--no-cache"]);
    // The report is the same; only stderr changes.
    assert_eq!((code, &stdout), (text_code, &text_stdout));
    let events = events(&stderr);
    assert!(events.len() >= 4, "{stderr}");
    let id = events[0]["run_id"].as_str().unwrap();
    assert_eq!(id.len(), 16);
    assert!(events.iter().all(|e| e["run_id"] == id), "{stderr}");
    let error = events
        .iter()
        .find(|e| e["level"] == "ERROR")
        .unwrap_or_else(|| panic!("no error event: {stderr}"));
    let fields = &error["fields"];
    assert_eq!(fields["path"], "broken.py");
    assert_eq!(fields["error_class"], "syntax");
    assert_eq!(
        (fields["line"].as_u64(), fields["col"].as_u64()),
        (Some(1), Some(7))
    );
    assert!(fields["hint"].as_str().is_some_and(|h| !h.is_empty()));
    let timings = events
        .iter()
        .find(|e| e["fields"]["message"] == "timings")
        .unwrap_or_else(|| panic!("no timings event: {stderr}"));
    assert_eq!(timings["fields"]["files"], 4);
    assert!(
        events.iter().any(|e| e["fields"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Found 2 violations"))),
        "{stderr}"
    );
    // Another run, another id.
    let (_, _, again) = run(p.path(), &["check", "--no-cache", "--log-format", "json"]);
    assert_ne!(crate::logs::events(&again)[0]["run_id"], id);
}

#[test]
fn a_log_file_takes_the_events_and_stderr_keeps_nothing_of_them() {
    let p = project("basic");
    let log = p.path().join("run.log");
    let args = [
        "check",
        "--no-cache",
        "--log-format",
        "json",
        "--log-file",
        log.to_str().unwrap(),
    ];
    let (code, _, stderr) = run(p.path(), &args);
    assert_eq!(code, 1);
    assert_eq!(stderr, "");
    let first = std::fs::read_to_string(&log).unwrap();
    assert!(events(&first).len() >= 2, "{first}");
    // Appended to, not replaced: two runs, two ids.
    run(p.path(), &args);
    let both = events(&std::fs::read_to_string(&log).unwrap());
    let ids: std::collections::BTreeSet<&str> =
        both.iter().map(|e| e["run_id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2);
    let (code, _, stderr) = run(p.path(), &["check", "--log-file", "/nonexistent/dir/x.log"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot open the log file"), "{stderr}");
}

#[test]
fn debug_shows_debug_events_timings_slowest_files_and_run_metrics() {
    let p = project("basic");
    let (code, stdout, stderr) = run(p.path(), &["check", "--no-cache", "--debug"]);
    let (plain_code, plain_stdout, plain_stderr) = run(p.path(), &["check", "--no-cache"]);
    assert_eq!((code, &stdout), (plain_code, &plain_stdout));
    for want in [
        "DEBUG antipasta: discovered",
        "DEBUG engine::analyze: computed",
        "timings: discover ",
        "slowest: ",
        "metric: antipasta_files_checked 3",
        "metric: antipasta_violations{metric=\"cyclomatic_complexity\"} 2",
    ] {
        assert!(stderr.contains(want), "{want} missing: {stderr}");
    }
    // Only antipasta's own debug events, not its dependencies'.
    assert!(!stderr.contains("DEBUG globset"), "{stderr}");
    assert!(!plain_stderr.contains("DEBUG"), "{plain_stderr}");
}
