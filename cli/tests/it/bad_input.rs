//! Bad input costs one file, never the run: each case gives one clear per-file error, every
//! other file is still checked, and the exit code says so (2; 1 with `fail_on_file_errors: false`).

use crate::{render, run};

fn write(dir: &std::path::Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn bad_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        ".antipasta.yaml",
        "languages:\n  - name: python\n    metrics:\n      - type: cyclomatic_complexity\n        threshold: 2\nmax_file_size: 150000\n",
    );
    write(
        d,
        "good.py",
        "def f(a, b):\n    if a and b:\n        return 1\n    return 2\n",
    );
    write(d, "syntax.py", "def f(:\n    pass\n");
    write(d, "py2.py", "# Python 2\nprint \"hello\"\n");
    write(
        d,
        "latin1.py",
        b"# -*- coding: latin-1 -*-\nname = '\xe9t\xe9'\n",
    );
    write(d, "binary.py", b"\x7fELF\x00\x00\x01");
    write(
        d,
        "huge.py",
        format!("x = 1\n{}", "# padding\n".repeat(30_000)),
    );
    write(
        d,
        "deep_parens.py",
        format!("x = {}1{}\n", "(".repeat(10_000), ")".repeat(10_000)),
    );
    write(
        d,
        "deep_chain.py",
        format!("x = {}a\n", "a+".repeat(30_000)),
    );
    let ifs: String = (0..500)
        .map(|i| format!("{}if x:\n", " ".repeat(i)))
        .collect();
    write(d, "deep_if.py", format!("{ifs}{}pass\n", " ".repeat(500)));
    write(d, "empty.py", "");
    let status = std::process::Command::new("mkfifo")
        .arg(d.join("fifo.py"))
        .status()
        .unwrap();
    assert!(status.success());
    dir
}

#[test]
fn every_bad_file_is_one_error_and_the_rest_is_checked() {
    let dir = bad_tree();
    insta::assert_snapshot!(render(run(dir.path(), &["check"])));
}

/// The bad tree, configured to let files that cannot be analysed be skipped.
fn skippable_bad_tree() -> tempfile::TempDir {
    let dir = bad_tree();
    let cfg = std::fs::read_to_string(dir.path().join(".antipasta.yaml")).unwrap();
    write(
        dir.path(),
        ".antipasta.yaml",
        format!("{cfg}fail_on_file_errors: false\n"),
    );
    dir
}

#[test]
fn file_errors_can_be_made_not_to_fail() {
    let dir = skippable_bad_tree();
    let (code, stdout, stderr) = run(dir.path(), &["check", "--format", "json"]);
    assert_eq!(code, 1, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["summary"]["files_with_errors"], 9);
    assert_eq!(doc["summary"]["total_violations"], 1);
}

/// The JSON reports' `(file, error_class)` of a run, and the hints, which are never empty.
fn classes(doc: &serde_json::Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = doc["reports"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("error").is_some())
        .map(|r| {
            assert!(!r["hint"].as_str().unwrap().is_empty(), "{r}");
            let file = r["file"].as_str().unwrap().to_string();
            (file, r["error_class"].as_str().unwrap().to_string())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_error_class_is_named_with_a_hint() {
    let dir = bad_tree();
    let d = dir.path();
    // An I/O error midway through a read: procfs refuses to read a process's memory at 0.
    std::os::unix::fs::symlink("/proc/self/mem", d.join("io_error.py")).unwrap();
    let (code, stdout, stderr) = run(
        d,
        &["check", "--format", "json", ".", "io_error.py", "gone.py"],
    );
    assert_eq!(code, 2, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let want: Vec<(String, String)> = [
        ("binary.py", "binary"),
        ("deep_chain.py", "nesting-limit"),
        ("deep_if.py", "nesting-limit"),
        ("deep_parens.py", "nesting-limit"),
        ("fifo.py", "special-file"),
        ("gone.py", "not-found"),
        ("huge.py", "too-large"),
        ("io_error.py", "read"),
        ("latin1.py", "decode"),
        ("py2.py", "syntax"),
        ("syntax.py", "syntax"),
    ]
    .iter()
    .map(|(f, c)| (f.to_string(), c.to_string()))
    .collect();
    assert_eq!(classes(&doc), want);
    // Every class but `permission` (its own test, as another user) is here.
    let mut seen: Vec<&str> = want.iter().map(|(_, c)| c.as_str()).collect();
    seen.push("permission");
    seen.sort();
    seen.dedup();
    let mut all = engine::source::ERROR_CLASSES.to_vec();
    all.sort();
    assert_eq!(seen, all);
    // The missing path did not stop the run: the good file was checked.
    assert_eq!(doc["summary"]["total_violations"], 1);
    // A syntax error has its position, and radon's raw counts where its tokenizer reads the
    // file (not `def f(:`, a bracket never closed), marked partial.
    let report = |file: &str| {
        doc["reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["file"] == file)
            .unwrap()
            .clone()
    };
    let syntax = report("syntax.py");
    assert_eq!(
        (&syntax["line_number"], &syntax["column"]),
        (&1.into(), &7.into())
    );
    assert_eq!(syntax["partial"], false);
    let py2 = report("py2.py");
    assert_eq!(py2["partial"], true);
    let value = |m: &str| {
        py2["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["type"] == m)
            .map(|r| r["value"].clone())
    };
    assert_eq!(value("lines_of_code"), Some(2.0.into()));
    assert_eq!(value("comment_lines"), Some(1.0.into()));
    assert_eq!(value("cyclomatic_complexity"), None);
    assert!(stderr.contains("error: gone.py: failed to read file: No such file or directory (os error 2) [not-found]\n  hint: "), "{stderr}");
}

#[test]
fn a_file_the_user_cannot_read_is_a_permission_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "ok.py", "def f():\n    return 1\n");
    write(d, "secret.py", "x = 1\n");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(d.join("secret.py"), std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    // Root reads every file: as root, the run is made as `nobody`.
    let root = is_root();
    let mut cmd = match root {
        true => {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
            c.arg(env!("CARGO_BIN_EXE_antipasta"));
            c
        }
        false => std::process::Command::new(env!("CARGO_BIN_EXE_antipasta")),
    };
    let out = cmd
        .args(["check", "--no-cache", "--format", "json", "."])
        .current_dir(d)
        .output()
        .unwrap();
    let (code, stdout, stderr) = crate::outcome(out);
    assert_eq!(code, 2, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        classes(&doc),
        vec![("secret.py".to_string(), "permission".to_string())]
    );
    assert!(
        stderr.contains("[permission]\n  hint: grant read access"),
        "{stderr}"
    );
}

/// Whether this process runs as root (`/proc/self/status`' real uid).
fn is_root() -> bool {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|l| l.split_whitespace().next())
        == Some("0")
}

#[test]
fn file_errors_are_warnings_where_files_may_be_skipped() {
    let dir = skippable_bad_tree();
    let (code, _, stderr) = run(dir.path(), &["check", "syntax.py"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: syntax.py: syntax error at 1:7"),
        "{stderr}"
    );
    for format in ["sarif", "github", "gitlab", "junit", "json-lines"] {
        let (_, out, _) = run(
            dir.path(),
            &["check", "--output-format", format, "syntax.py"],
        );
        assert!(
            out.contains("warning") || out.contains("\"info\"") || out.contains("<skipped"),
            "{format}: {out}"
        );
    }
}

#[test]
fn machine_formats_report_every_file_error() {
    let dir = bad_tree();
    for format in ["sarif", "github", "gitlab", "junit", "json-lines", "csv"] {
        let (code, out, stderr) = run(dir.path(), &["check", "--output-format", format]);
        assert_eq!(code, 2, "{format}: {stderr}");
        for (file, class) in [
            ("binary.py", "binary"),
            ("deep_if.py", "nesting-limit"),
            ("fifo.py", "special-file"),
            ("huge.py", "too-large"),
            ("latin1.py", "decode"),
            ("syntax.py", "syntax"),
        ] {
            let line = out.lines().position(|l| l.contains(file)).map(|i| {
                out.lines()
                    .skip(i.saturating_sub(12))
                    .take(30)
                    .collect::<String>()
            });
            let near = line.unwrap_or_else(|| panic!("{format}: {file} missing:\n{out}"));
            assert!(
                near.contains(class),
                "{format}: {file} without {class}:\n{out}"
            );
        }
    }
}
