//! Suppression comments as users run them: `check` honours them and names the unused ones,
//! `--no-ignore` restores every row, `--report-unused-ignores` fails on a stale one, and
//! `--add-ignore[=REASON]` writes comments that make the next `check` pass, changing nothing but
//! comments (Python's own tokenizer compares the files) and nothing more on a second run.

use std::path::Path;
use std::process::Command;

use crate::{run, testdata};

const STRICT: &str =
    "defaults:\n  max_cyclomatic_complexity: 1\n  max_cognitive_complexity: 1\nlanguages: []\n";

fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".antipasta.yaml"), STRICT).unwrap();
    for name in ["forms.py", "file_level.py", "late_file_marker.py"] {
        std::fs::copy(
            testdata(&format!("suppression/{name}")),
            dir.path().join(name),
        )
        .unwrap();
    }
    dir
}

/// Python's tokens of a file, comments and blank-line tokens left out.
fn python_tokens(path: &Path) -> String {
    let script = "import io, sys, tokenize\n\
        src = open(sys.argv[1], encoding='utf-8').read()\n\
        for t in tokenize.generate_tokens(io.StringIO(src).readline):\n\
        \x20   if t.type not in (tokenize.COMMENT, tokenize.NL):\n\
        \x20       print(t.type, repr(t.string))\n";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn check_honours_comments_and_no_ignore_restores_every_row() {
    let dir = tree();
    let d = dir.path();
    let (code, out, err) = run(d, &["check", "--no-cache", "forms.py"]);
    assert_eq!(code, 1);
    assert!(
        !out.contains("in plain\n") && out.contains("in decorated\n"),
        "{out}"
    );
    assert!(
        err.contains("info: forms.py:33:1: unused suppression '# antipasta: ignore[cog]' on fine"),
        "{err}"
    );
    assert!(
        err.contains("warning: forms.py: line 33: unknown metric 'bogus'"),
        "{err}"
    );
    let (_, all, _) = run(d, &["check", "--no-cache", "--no-ignore", "forms.py"]);
    assert!(
        all.contains("in plain\n") && all.lines().count() > out.lines().count(),
        "{all}"
    );
    // A stale comment fails the run when asked, even when nothing else does.
    let (code, _, err) = run(
        d,
        &[
            "check",
            "--no-cache",
            "-t",
            "cyc=50",
            "-t",
            "cog=50",
            "--report-unused-ignores",
            "-q",
            "forms.py",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("forms.py:2:1: unused suppression '# antipasta: ignore' on plain"),
        "{err}"
    );
    // Warm from the cache: the same, and the stale ones still found.
    let cache = tempfile::tempdir().unwrap();
    let c = cache.path().to_str().unwrap();
    let cold = run(
        d,
        &["check", "--cache-dir", c, "-t", "cyc=50", "-t", "cog=50"],
    );
    let warm = run(
        d,
        &["check", "--cache-dir", c, "-t", "cyc=50", "-t", "cog=50"],
    );
    assert_eq!(cold, warm);
    assert!(
        warm.2
            .contains("unused suppression '# antipasta: ignore' on plain"),
        "{}",
        warm.2
    );
}

#[test]
fn add_ignore_writes_only_comments_and_then_check_passes() {
    let dir = tree();
    let d = dir.path();
    let before: Vec<String> = ["forms.py", "file_level.py", "late_file_marker.py"]
        .iter()
        .map(|f| python_tokens(&d.join(f)))
        .collect();
    let (code, _, err) = run(
        d,
        &[
            "check",
            "--no-cache",
            "-t",
            "loc=5",
            "--add-ignore=legacy, see #12",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("with suppression comments"), "{err}");
    let text = std::fs::read_to_string(d.join("forms.py")).unwrap();
    assert!(text.contains("# antipasta: ignore[cyclomatic_complexity, cognitive_complexity] legacy, see #12\n@decorator\ndef decorated"), "{text}");
    assert!(
        text.contains(
            "# antipasta: ignore[cyc<=3, cognitive_complexity]\n@decorator\nasync def capped"
        ),
        "{text}"
    );
    let late = std::fs::read_to_string(d.join("late_file_marker.py")).unwrap();
    assert!(
        late.starts_with("# antipasta: ignore-file[lines_of_code] legacy, see #12\n\"\"\""),
        "{late}"
    );
    for (f, before) in ["forms.py", "file_level.py", "late_file_marker.py"]
        .iter()
        .zip(&before)
    {
        assert_eq!(
            &python_tokens(&d.join(f)),
            before,
            "{f}: only comments may change"
        );
    }
    let (code, out, err) = run(d, &["check", "--no-cache", "-t", "loc=5"]);
    assert_eq!(code, 0, "{out}{err}");
    // Idempotent: nothing left to add.
    let files: Vec<Vec<u8>> = ["forms.py", "file_level.py"]
        .iter()
        .map(|f| std::fs::read(d.join(f)).unwrap())
        .collect();
    let (code, _, _) = run(d, &["check", "--no-cache", "-t", "loc=5", "--add-ignore"]);
    assert_eq!(code, 0);
    let again: Vec<Vec<u8>> = ["forms.py", "file_level.py"]
        .iter()
        .map(|f| std::fs::read(d.join(f)).unwrap())
        .collect();
    assert_eq!(files, again);
    // A path after the flag is a path, not a reason.
    std::fs::write(
        d.join("new.py"),
        "def f(a, b):\n    if a and b:\n        return 1\n    return 2\n",
    )
    .unwrap();
    let (code, _, err) = run(d, &["check", "--no-cache", "--add-ignore", "new.py"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("Analyzing 1 file"), "{err}");
    assert!(
        std::fs::read_to_string(d.join("new.py"))
            .unwrap()
            .starts_with("# antipasta: ignore[cyclomatic_complexity, cognitive_complexity]\ndef f")
    );
}
