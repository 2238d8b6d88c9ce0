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
        stdout.contains("build/generated.py:1:1: CC001 cyclomatic_complexity 6 (> 5) in generated"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "tests/test_ignored.py:1:1: CC001 cyclomatic_complexity 8 (> 5) in test_deep"
        ),
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
        stdout, "docs.py:1:1: HAL001 halstead_volume 78.14 (> 70.0)\n",
        "MI passes with multi=True"
    );
    let (_, stdout, _) = run(dir.path(), &["check", "-q", "--mi-no-multi"]);
    assert!(
        stdout.contains("docs.py:1:1: MI001 maintainability_index 80.22 (< 85.0)"),
        "{stdout}"
    );
    write_config("mi_multi: false\n");
    let (_, stdout, _) = run(dir.path(), &["check", "-q"]);
    assert!(
        stdout.contains("docs.py:1:1: MI001 maintainability_index 80.22 (< 85.0)"),
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
        "nesting.py:3:1: COG001 cognitive_complexity 20 (> 15) in nested\n"
    );
    config("      - {type: cognitive_complexity, threshold: 10, scope: aggregate}\n");
    let (_, stdout, _) = run(dir.path(), &["check", "-q", "-t", "cog=25"]);
    assert_eq!(
        stdout,
        "nesting.py:1:1: COG002 cognitive_complexity (file maximum) 20 (> 10)\n"
    );
}

/// Found running antipasta 1.2 beside this tool (issue 13, item 7): a config file named on the
/// command line must exist; an empty run still writes its JSON document; counts of one are
/// singular.
#[test]
fn a_missing_config_an_empty_json_run_and_singular_counts() {
    let p = crate::project("basic");
    let (code, stdout, stderr) =
        crate::run(p.path(), &["check", "--no-cache", "-c", "missing.yaml"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.contains("Error loading configuration: missing.yaml: No such file"),
        "{stderr}"
    );
    let empty = tempfile::tempdir().unwrap();
    let (code, stdout, _) = crate::run(empty.path(), &["check", "--no-cache", "--format", "json"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["summary"]["total_files"], 0);
    assert_eq!(doc["reports"], serde_json::json!([]));
    let one = tempfile::tempdir().unwrap();
    std::fs::write(one.path().join("a.py"), "def f(a):\n    return a\n").unwrap();
    let (_, _, stderr) = crate::run(one.path(), &["check", "--no-cache"]);
    assert!(stderr.contains("Analyzing 1 file...\n"), "{stderr}");
    assert!(
        stderr.contains("All checks passed! 1 file checked ([n] cached) in [time]."),
        "{stderr}"
    );
}

/// `-t` takes the same ranges as the configuration file (`cyc=0` is refused by both) and the
/// line metrics by radon's raw keys.
#[test]
fn threshold_overrides_validate_as_the_config_does() {
    let p = crate::project("basic");
    for bad in ["cyc=0", "cog=0"] {
        let (code, stdout, stderr) = crate::run(p.path(), &["check", "--no-cache", "-t", bad]);
        assert_eq!((code, stdout.as_str()), (2, ""), "{bad}: {stderr}");
        assert!(stderr.contains("must be >= 1"), "{stderr}");
    }
    std::fs::write(
        p.path().join("cfg.yaml"),
        "defaults:\n  max_cyclomatic_complexity: 0\n",
    )
    .unwrap();
    let (code, _, _) = crate::run(p.path(), &["check", "--no-cache", "-c", "cfg.yaml"]);
    assert_eq!(code, 2);
    for ok in ["loc=100", "lloc=5", "sloc=5", "comments=5", "blank=5"] {
        let (code, _, stderr) = crate::run(p.path(), &["check", "--no-cache", "-t", ok]);
        assert_ne!(code, 2, "{ok}: {stderr}");
        assert!(
            stderr.contains(&format!("Threshold overrides: {ok}")),
            "{stderr}"
        );
    }
}

/// A file named on the command line goes through the same matcher as a walked one (compat-spec
/// §6.3): `.gitignore` (nested ones too) excludes it unless `-i` or `--force-analyze` says
/// otherwise, and a file of no configured language is not parsed as Python.
#[test]
fn explicit_files_go_through_the_same_matcher() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    crate::git(root, &["init", "-q"]);
    std::fs::write(
        root.join(".antipasta.yaml"),
        "defaults:\n  max_cyclomatic_complexity: 1\n",
    )
    .unwrap();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::write(root.join("sub/.gitignore"), "gen_*.py\n").unwrap();
    let branchy = "def f(a):\n    if a: 1\n";
    for f in ["sub/gen_a.py", "sub/kept.py", "util.js"] {
        std::fs::write(root.join(f), branchy).unwrap();
    }
    let (code, stdout, stderr) = crate::run(
        root,
        &[
            "check",
            "--no-cache",
            "sub/gen_a.py",
            "sub/kept.py",
            "util.js",
        ],
    );
    assert_eq!(
        (code, stdout.as_str()),
        (
            1,
            "sub/kept.py:1:1: CC001 cyclomatic_complexity 2 (> 1) in f\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("util.js: not a file of a configured language"),
        "{stderr}"
    );
    assert!(!stderr.contains("syntax error"), "{stderr}");
    for flag in [&["-i", "sub/gen_*.py"][..], &["--force-analyze"][..]] {
        let mut args = vec!["check", "--no-cache", "sub/gen_a.py"];
        args.extend_from_slice(flag);
        let (_, stdout, _) = crate::run(root, &args);
        assert_eq!(
            stdout, "sub/gen_a.py:1:1: CC001 cyclomatic_complexity 2 (> 1) in f\n",
            "{flag:?}"
        );
    }
}

/// A configuration outside the analysed tree: its patterns are relative to its own directory,
/// and the run says that they do not reach the files it analyses.
#[test]
fn patterns_that_cannot_apply_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("cfg")).unwrap();
    std::fs::create_dir_all(root.join("proj/tests")).unwrap();
    std::fs::write(
        root.join("cfg/cfg.yaml"),
        "ignore_patterns: ['**/tests/**']\n",
    )
    .unwrap();
    std::fs::write(root.join("proj/tests/t.py"), "def f(a):\n    return a\n").unwrap();
    let (_, _, stderr) = crate::run(
        &root.join("cfg"),
        &["metrics", "--no-cache", "-c", "cfg.yaml", "-d", "../proj"],
    );
    assert!(stderr.contains("is outside the project root"), "{stderr}");
    assert!(stderr.contains("do not apply to it"), "{stderr}");
    // A configuration above the analysed tree (`-c ../cfg.yaml -d proj`): its patterns apply
    // to `proj/…`, relative to its own directory, and `-e` too.
    std::fs::create_dir_all(root.join("cfg/w/proj/tests")).unwrap();
    std::fs::create_dir_all(root.join("cfg/w/proj/vendor")).unwrap();
    for f in ["proj/tests/t.py", "proj/vendor/v.py", "proj/m.py"] {
        std::fs::write(root.join("cfg/w").join(f), "def f(a):\n    return a\n").unwrap();
    }
    let (_, stdout, stderr) = crate::run(
        &root.join("cfg/w"),
        &[
            "metrics",
            "--no-cache",
            "-c",
            "../cfg.yaml",
            "-d",
            "proj",
            "-e",
            "**/vendor/**",
            "--format",
            "json",
        ],
    );
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["summary"]["total_files"], 1, "{stdout}{stderr}");
    assert!(!stderr.contains("outside the project root"), "{stderr}");
}

/// A misspelt key is a warning with its file, line and the key it was probably meant to be (the
/// file still loads, as 1.x files must); a YAML error names the file.
#[test]
fn unknown_keys_are_warnings_with_a_line_and_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("a.py"), "def f(a):\n    return a\n").unwrap();
    std::fs::write(
        root.join(".antipasta.yaml"),
        "defaults:\n  max_cyclomatic: 3\nignore_paterns: []\nlanguages:\n  - name: python\n    metrics:\n      - type: cyclomatic_complexity\n        threshold: 3\n        comparision: '>'\n",
    )
    .unwrap();
    let (code, _, stderr) = crate::run(root, &["check", "--no-cache"]);
    assert_eq!(code, 0, "{stderr}");
    for line in [
        "warning: .antipasta.yaml: line 2: unknown key 'defaults -> max_cyclomatic' is ignored (did you mean 'max_cyclomatic_complexity'?)",
        "warning: .antipasta.yaml: line 3: unknown key 'ignore_paterns' is ignored (did you mean 'ignore_patterns'?)",
        "warning: .antipasta.yaml: line 9: unknown key 'languages -> 0 -> metrics -> 0 -> comparision' is ignored (did you mean 'comparison'?)",
    ] {
        assert!(stderr.contains(line), "{line}\n{stderr}");
    }
    std::fs::write(root.join(".antipasta.yaml"), "defaults: [\n").unwrap();
    let (code, _, stderr) = crate::run(root, &["check", "--no-cache"]);
    assert_eq!(code, 2);
    assert!(stderr.contains(".antipasta.yaml:1:11"), "{stderr}");
    assert!(!stderr.contains("<input>"), "{stderr}");
}

/// Language blocks other than Python: one warning naming them and how many files they would
/// have covered, instead of skipping those files silently.
#[test]
fn other_language_blocks_are_named_with_their_file_count() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let block = |name: &str, ext: &str| {
        format!(
            "  - name: {name}\n    extensions: [{ext}]\n    metrics:\n      - type: cyclomatic_complexity\n        threshold: 10\n"
        )
    };
    std::fs::write(
        root.join(".antipasta.yaml"),
        format!(
            "languages:\n{}{}{}",
            block("python", ".py"),
            block("javascript", ".js"),
            block("typescript", ".ts")
        ),
    )
    .unwrap();
    for f in ["a.js", "b.ts", "c.ts", "d.py"] {
        std::fs::write(root.join(f), "").unwrap();
    }
    let (code, _, stderr) = crate::run(root, &["check", "--no-cache"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: 3 files of javascript, typescript not analysed: antipasta analyses Python only"),
        "{stderr}"
    );
    assert!(stderr.contains("Analyzing 1 file..."), "{stderr}");
}

#[test]
fn a_tight_memory_budget_lowers_parallelism_and_changes_nothing_else() {
    let tree = crate::cache::many_files();
    let full = crate::run(tree.path(), &["check", "--no-cache", "-j", "2"]);
    let (code, stdout, stderr) = crate::run(
        tree.path(),
        &["check", "--no-cache", "-j", "2", "--max-memory", "1M"],
    );
    assert_eq!((code, &stdout), (full.0, &full.1));
    assert!(
        stderr.contains(
            "waited for memory: the run lowered its parallelism to stay within 1 MiB (--max-memory;"
        ),
        "{stderr}"
    );
    assert!(!full.2.contains("waited for memory"), "{}", full.2);
    let (code, _, stderr) = crate::run(tree.path(), &["check", "--max-memory", "lots"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("'lots' is not a size"), "{stderr}");
}

#[test]
fn the_sandbox_is_on_by_default_and_changes_no_result() {
    let p = crate::project("basic");
    let (code, stdout, stderr) = crate::run(p.path(), &["check", "--no-cache", "--debug"]);
    assert!(stderr.contains("sandbox: Landlock enforced"), "{stderr}");
    let (off_code, off_stdout, off_stderr) = crate::run(
        p.path(),
        &["check", "--no-cache", "--debug", "--no-sandbox"],
    );
    assert!(
        off_stderr.contains("sandbox: off (--no-sandbox)"),
        "{off_stderr}"
    );
    assert_eq!((code, stdout), (off_code, off_stdout));
    // A report and a metrics file outside the project are the files named: written.
    let out = tempfile::tempdir().unwrap();
    let sarif = out.path().join("r.sarif");
    let prom = out.path().join("m.prom");
    let (code, _, stderr) = crate::run(
        p.path(),
        &[
            "check",
            "--output-format",
            &format!("sarif:{}", sarif.display()),
            "--metrics-file",
            prom.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(sarif.is_file() && prom.is_file());
}
