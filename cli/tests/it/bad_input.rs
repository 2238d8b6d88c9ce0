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

#[test]
fn file_errors_can_be_made_not_to_fail() {
    let dir = bad_tree();
    let cfg = std::fs::read_to_string(dir.path().join(".antipasta.yaml")).unwrap();
    write(
        dir.path(),
        ".antipasta.yaml",
        format!("{cfg}fail_on_file_errors: false\n"),
    );
    let (code, stdout, stderr) = run(dir.path(), &["check", "--format", "json"]);
    assert_eq!(code, 1, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["summary"]["files_with_errors"], 8);
    assert_eq!(doc["summary"]["total_violations"], 1);
}
