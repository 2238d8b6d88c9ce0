//! `check`, `metrics` and `dump` on small projects.

use crate::{project, render, run, testdata};

#[test]
fn check_reports_violations_ruff_style() {
    let p = project("basic");
    insta::assert_snapshot!(render(run(p.path(), &["check"])));
}

#[test]
fn check_json_is_the_only_thing_on_stdout() {
    let p = project("basic");
    let (code, stdout, _) = run(
        p.path(),
        &["check", "--format", "json", "pkg/complex_mod.py"],
    );
    assert_eq!(code, 1);
    serde_json::from_str::<serde_json::Value>(&stdout).expect("stdout is one JSON document");
    insta::assert_snapshot!(stdout);
}

#[test]
fn metrics_keeps_the_legacy_layout() {
    let p = project("basic");
    insta::assert_snapshot!(render(run(p.path(), &["metrics", "-d", "pkg"])));
}

#[test]
fn include_pattern_beats_every_exclusion() {
    let p = project("basic");
    let (_, stdout, _) = run(
        p.path(),
        &["check", "-q", "-i", "build/**", "-i", "**/tests/**"],
    );
    assert!(
        stdout.contains("build/generated.py:1:1: cyclomatic_complexity 6 (> 5) in generated"),
        "{stdout}"
    );
    assert!(
        stdout.contains("tests/test_ignored.py:1:1: cyclomatic_complexity 8 (> 5) in test_deep"),
        "{stdout}"
    );
    let (_, forced, _) = run(p.path(), &["check", "-q", "--force-analyze"]);
    assert!(
        forced.contains("build/generated.py") && forced.contains("tests/test_ignored.py"),
        "{forced}"
    );
}

#[test]
fn exit_codes() {
    let p = project("basic");
    assert_eq!(run(p.path(), &["check", "pkg/simple.py"]).0, 0);
    assert_eq!(run(p.path(), &["check", "pkg"]).0, 1);
    assert_eq!(run(p.path(), &["check", "--exit-zero", "pkg"]).0, 0);
    assert_eq!(
        run(p.path(), &["check", "-t", "cyc=20", "pkg/complex_mod.py"]).0,
        0
    );
    assert_eq!(run(p.path(), &["check", "--no-such-flag"]).0, 2);
    assert_eq!(run(p.path(), &["check", "missing.py"]).0, 2);
    insta::assert_snapshot!(render(run(p.path(), &["check", "-t", "cyc=100"])));
    std::fs::write(p.path().join("bad.yaml"), "languages:\n  - name: python\n    metrics:\n      - type: cyclomatic_complexity\n        threshold: -3\n").unwrap();
    insta::assert_snapshot!(render(run(p.path(), &["check", "-c", "bad.yaml"])));
}

#[test]
fn output_is_identical_at_one_and_two_threads_and_with_a_cache() {
    let cases = testdata("oracle/cases");
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().to_str().unwrap();
    let args = |extra: &[&'static str]| {
        let mut a = vec!["check", "--force-analyze", "--format", "json"];
        a.extend_from_slice(extra);
        a
    };
    let one = run(&cases, &args(&["-j", "1", "--no-cache"]));
    let mut cold = args(&["-j", "2", "--cache-dir"]);
    cold.push(cache_dir);
    let two = run(&cases, &cold);
    let warm = run(&cases, &cold);
    assert_eq!(one.1, two.1);
    assert_eq!(one, warm, "a warm cache changes nothing, stderr included");
    assert!(one.1.len() > 10_000);
    let d1 = run(&cases, &["dump", "-j", "1"]);
    let d2 = run(&cases, &["dump", "-j", "2"]);
    assert_eq!(d1.1, d2.1);
}

#[test]
fn maintainability_and_halstead_gate_file_rows() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        testdata("metrics/maintainability/docstrings_count_as_comments.py"),
        dir.path().join("docs.py"),
    )
    .unwrap();
    let write_config = |extra: &str| {
        std::fs::write(
            dir.path().join(".antipasta.yaml"),
            format!(
                "{extra}languages:\n  - name: python\n    metrics:\n      \
                 - {{type: maintainability_index, threshold: 85, comparison: \">=\"}}\n      \
                 - {{type: halstead_volume, threshold: 70}}\n"
            ),
        )
        .unwrap();
    };
    // radon: mi 90.478… with multi=True, 80.215… with multi=False; file volume 78.137…
    write_config("");
    let (code, stdout, _) = run(dir.path(), &["check", "-q"]);
    assert_eq!(code, 1, "{stdout}");
    assert_eq!(
        stdout, "docs.py:1:1: halstead_volume 78.14 (> 70.0)\n",
        "MI passes with multi=True"
    );
    let (_, stdout, _) = run(dir.path(), &["check", "-q", "--mi-no-multi"]);
    assert!(
        stdout.contains("docs.py:1:1: maintainability_index 80.22 (< 85.0)"),
        "{stdout}"
    );
    write_config("mi_multi: false\n");
    let (_, stdout, _) = run(dir.path(), &["check", "-q"]);
    assert!(
        stdout.contains("docs.py:1:1: maintainability_index 80.22 (< 85.0)"),
        "{stdout}"
    );
}

#[test]
fn cognitive_gates_functions_and_with_aggregate_scope_the_file_maximum() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        testdata("metrics/cognitive/nesting.py"),
        dir.path().join("nesting.py"),
    )
    .unwrap();
    let config = |extra: &str| {
        std::fs::write(
            dir.path().join(".antipasta.yaml"),
            format!(
                "languages:\n  - name: python\n    metrics:\n      \
                 - {{type: cognitive_complexity, threshold: 15}}\n{extra}"
            ),
        )
        .unwrap();
    };
    // complexipy 8.3.0: nested 20, expressions 11, matcher 3.
    config("");
    let (code, stdout, _) = run(dir.path(), &["check", "-q"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "nesting.py:3:1: cognitive_complexity 20 (> 15) in nested\n"
    );
    config("      - {type: cognitive_complexity, threshold: 10, scope: aggregate}\n");
    let (_, stdout, _) = run(dir.path(), &["check", "-q", "-t", "cog=25"]);
    assert_eq!(
        stdout,
        "nesting.py:1:1: cognitive_complexity (file maximum) 20 (> 10)\n"
    );
}
