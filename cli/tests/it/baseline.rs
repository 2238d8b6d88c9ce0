//! The baseline as a team uses it on the basic project: create, gate, a new violation, a worse
//! one (old → new), an improvement (hint; `update` shrinks the file), `baseline:` in the config,
//! with `--staged` and a warm cache, and the refusals (partial runs, hooks, a missing file).

use crate::{git, project, run};

fn entries(dir: &std::path::Path) -> usize {
    let text = std::fs::read_to_string(dir.join(".antipasta-baseline.json")).unwrap();
    text.lines()
        .filter(|l| l.contains("_complexity\":"))
        .count()
}

#[test]
fn create_gate_worsen_improve_update() {
    let dir = project("basic");
    let d = dir.path();
    let (code, _, err) = run(d, &["baseline", "create", "--no-cache"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("Recorded 2 violations in .antipasta-baseline.json."),
        "{err}"
    );
    let text = std::fs::read_to_string(d.join(".antipasta-baseline.json")).unwrap();
    assert!(text.ends_with("}\n") && !text.contains("\"line"), "{text}");
    assert!(
        text.contains("\"classify\": {\n        \"cyclomatic_complexity\": 8\n"),
        "{text}"
    );
    let gate = [
        "check",
        "--no-cache",
        "--baseline",
        ".antipasta-baseline.json",
    ];
    let (code, out, err) = run(d, &gate);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(
        err.contains("2 violations accepted by the baseline."),
        "{err}"
    );
    // A new complex function fails, and is the only finding.
    let m = d.join("pkg/simple.py");
    let original = std::fs::read_to_string(&m).unwrap();
    std::fs::write(&m, format!("{original}\n\ndef new(a, b, c):\n    if a and b and c or a:\n        return 1\n    if b or c:\n        return 2\n    return 3\n")).unwrap();
    let (code, out, _) = run(d, &gate);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("in new\n"), "{out}");
    std::fs::write(&m, &original).unwrap();
    // A baselined function made worse: old → new.
    let c = d.join("pkg/complex_mod.py");
    let complex = std::fs::read_to_string(&c).unwrap();
    std::fs::write(&c, complex.replacen("if n < 0:", "if n < 0 or n > 100:", 1)).unwrap();
    let (code, out, _) = run(d, &gate);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "pkg/complex_mod.py:4:1: CC001 cyclomatic_complexity 9 (> 5) in classify (baseline: 8 → 9)\n"
    );
    // Improved but still over: a hint; gone below the threshold: stale on a full run.
    std::fs::write(
        &c,
        complex.replacen("    elif n == 0:\n        return \"zero\"\n", "", 1),
    )
    .unwrap();
    let (code, _, err) = run(d, &gate);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("hint: 1 baselined violation improved"),
        "{err}"
    );
    let (code, _, err) = run(d, &["baseline", "update", "--no-cache"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("Updated .antipasta-baseline.json: 2 entries (was 2)."),
        "{err}"
    );
    assert!(
        std::fs::read_to_string(d.join(".antipasta-baseline.json"))
            .unwrap()
            .contains("\"cyclomatic_complexity\": 7")
    );
    // The config's `baseline:`, relative to its directory; a method made simple: stale, then dropped.
    let config = std::fs::read_to_string(d.join(".antipasta.yaml")).unwrap();
    std::fs::write(
        d.join(".antipasta.yaml"),
        format!("{config}baseline: .antipasta-baseline.json\n"),
    )
    .unwrap();
    std::fs::write(&c, "def classify(n, flags):\n    return n\n\n\nclass Loader:\n    def load(self):\n        return 1\n").unwrap();
    let (code, _, err) = run(&d.join("pkg"), &["check", "--no-cache"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("info: 2 baseline entries match no violation now"),
        "{err}"
    );
    let (code, _, _) = run(d, &["baseline", "update", "--no-cache"]);
    assert_eq!(code, 0);
    assert_eq!(entries(d), 0);
    // --no-baseline gates without it.
    std::fs::write(&c, &complex).unwrap();
    let (code, _, _) = run(d, &["check", "--no-cache", "--no-baseline"]);
    assert_eq!(code, 1);
}

#[test]
fn staged_runs_and_the_cache_honour_the_baseline_and_never_write_it() {
    let dir = project("basic");
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "init"]);
    let (code, _, _) = run(d, &["baseline", "create", "--no-cache"]);
    assert_eq!(code, 0);
    let recorded = std::fs::read(d.join(".antipasta-baseline.json")).unwrap();
    let c = d.join("pkg/complex_mod.py");
    let complex = std::fs::read_to_string(&c).unwrap();
    // A staged edit elsewhere in a baselined function: the commit passes under the baseline...
    std::fs::write(
        &c,
        complex.replacen("return \"negative\"", "return \"below zero\"", 1),
    )
    .unwrap();
    git(d, &["add", "-A"]);
    let args = [
        "check",
        "--staged",
        "--scope",
        "changed-files",
        "--baseline",
        ".antipasta-baseline.json",
    ];
    let (code, out, err) = run(d, &args);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    // ...and without it, it does not.
    let (code, _, _) = run(d, &["check", "--staged", "--scope", "changed-files"]);
    assert_eq!(code, 1);
    // Warm equals cold.
    let cache = tempfile::tempdir().unwrap();
    let cd = cache.path().to_str().unwrap();
    let g = [
        "check",
        "--cache-dir",
        cd,
        "--baseline",
        ".antipasta-baseline.json",
    ];
    assert_eq!(run(d, &g), run(d, &g));
    // Never written by a check, nor from a partial run or a hook.
    assert_eq!(
        std::fs::read(d.join(".antipasta-baseline.json")).unwrap(),
        recorded
    );
    let (code, _, err) = run(d, &["baseline", "update", "pkg"]);
    assert_eq!(code, 2);
    assert!(err.contains("recorded from the whole project"), "{err}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_antipasta"))
        .args(["baseline", "update"])
        .current_dir(d)
        .env("PRE_COMMIT", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read(d.join(".antipasta-baseline.json")).unwrap(),
        recorded
    );
    // A baseline named but missing is an error, not an empty baseline.
    let (code, _, err) = run(d, &["check", "--no-cache", "--baseline", "nope.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("failed to read the baseline"), "{err}");
}
