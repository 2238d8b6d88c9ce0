//! `--metrics-file`: the format from the extension or `--metrics-format`, the same run's counts
//! in every format, written atomically (scripts/metrics-test.sh parses the Prometheus text with
//! prometheus_client and promtool).

use crate::{project, run};

fn basic_with_a_broken_file() -> tempfile::TempDir {
    let p = project("basic");
    std::fs::write(p.path().join("broken.py"), "def f(:\n    pass\n").unwrap();
    p
}

/// `name{labels} value` lines of a Prometheus text, comments left out.
fn samples(text: &str) -> Vec<(String, f64)> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let (k, v) = l.rsplit_once(' ').unwrap();
            (k.to_string(), v.parse().unwrap())
        })
        .collect()
}

fn sample(all: &[(String, f64)], key: &str) -> f64 {
    all.iter()
        .find(|(k, _)| k == key)
        .unwrap_or_else(|| panic!("no {key} in {all:?}"))
        .1
}

#[test]
fn every_format_carries_the_same_run() {
    let p = basic_with_a_broken_file();
    let d = p.path();
    let (code, _, stderr) = run(
        d,
        &[
            "check",
            "--no-cache",
            "--metrics-file",
            "m.prom",
            "--output-format",
            "json:report.json",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    let prom = samples(&std::fs::read_to_string(d.join("m.prom")).unwrap());
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("report.json")).unwrap()).unwrap();
    let summary = &report["summary"];
    assert_eq!(
        sample(&prom, "antipasta_files_checked"),
        summary["total_files"].as_f64().unwrap()
    );
    assert_eq!(
        sample(
            &prom,
            "antipasta_violations{metric=\"cyclomatic_complexity\"}"
        ),
        summary["violations_by_type"]["cyclomatic_complexity"]
            .as_f64()
            .unwrap()
    );
    assert_eq!(
        sample(&prom, "antipasta_file_errors{class=\"syntax\"}"),
        1.0
    );
    assert_eq!(sample(&prom, "antipasta_files{source=\"computed\"}"), 4.0);
    assert_eq!(sample(&prom, "antipasta_cache_hit_ratio"), 0.0);
    // complex_mod.classify is the worst function: cyclomatic 8.
    assert_eq!(
        sample(
            &prom,
            "antipasta_metric_max{metric=\"cyclomatic_complexity\"}"
        ),
        8.0
    );
    let functions = sample(&prom, "antipasta_functions_analyzed");
    assert!(functions >= 3.0, "{functions}");

    // The same run's figures as JSON (from the extension) and CSV (named).
    run(d, &["check", "--no-cache", "--metrics-file", "m.json"]);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("m.json")).unwrap()).unwrap();
    assert_eq!(json["file_errors"]["syntax"], 1);
    assert_eq!(json["files"]["computed"], 4);
    assert_eq!(json["functions_analyzed"].as_f64(), Some(functions));
    assert!(json["slowest_files"].as_array().unwrap().len() <= 10);
    run(
        d,
        &[
            "check",
            "--no-cache",
            "--metrics-file",
            "m.out",
            "--metrics-format",
            "csv",
        ],
    );
    let csv = std::fs::read_to_string(d.join("m.out")).unwrap();
    assert!(csv.starts_with("metric,label,value\n"), "{csv}");
    assert!(csv.contains("\nfile_errors,syntax,1\n"), "{csv}");
    assert!(
        csv.contains("\nmetric_max,cyclomatic_complexity,8\n"),
        "{csv}"
    );
    // Written by rename: nothing else is left beside the file.
    let mut names: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n.ends_with(".tmp"))
        .collect();
    names.sort();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn a_metrics_file_of_no_known_format_is_a_usage_error() {
    let p = project("basic");
    let (code, _, stderr) = run(p.path(), &["check", "--metrics-file", "metrics.dat"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--metrics-format prometheus|json|csv"),
        "{stderr}"
    );
    assert!(!p.path().join("metrics.dat").exists());
    let (code, _, stderr) = run(
        p.path(),
        &[
            "check",
            "--metrics-file",
            "m.prom",
            "--metrics-format",
            "xml",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("invalid value 'xml' for '--metrics-format'"),
        "{stderr}"
    );
}

#[test]
fn a_warm_run_reports_its_hits() {
    let p = project("basic");
    let cache = tempfile::tempdir().unwrap();
    let c = cache.path().to_str().unwrap();
    run(p.path(), &["check", "--cache-dir", c]);
    crate::cache::age(p.path());
    run(p.path(), &["check", "--cache-dir", c]);
    run(
        p.path(),
        &["check", "--cache-dir", c, "--metrics-file", "m.prom"],
    );
    let prom = samples(&std::fs::read_to_string(p.path().join("m.prom")).unwrap());
    assert_eq!(sample(&prom, "antipasta_cache_hit_ratio"), 1.0);
    assert_eq!(sample(&prom, "antipasta_files{source=\"computed\"}"), 0.0);
    assert!(sample(&prom, "antipasta_cache_size_bytes") > 0.0);
}
