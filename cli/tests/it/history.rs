//! `antipasta history`: for every commit of a scripted history, the per-commit counts equal a
//! plain `check --no-cache` of a checkout of that commit; every distinct blob is computed once,
//! and a second run is served from the store.

use std::path::Path;

use crate::{git, run};

fn commit(dir: &Path, message: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", message]);
}

fn branchy(name: &str, n: usize) -> String {
    let body: String = (0..n)
        .map(|i| format!("    if x == {i}:\n        return {i}\n"))
        .collect();
    format!("def {name}(x):\n{body}    return -1\n")
}

/// Five commits: files added, a function made complex, a rename, a deletion, a syntax error.
fn scripted() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    std::fs::write(
        d.join(".antipasta.yaml"),
        "defaults:\n  max_cyclomatic_complexity: 4\n",
    )
    .unwrap();
    std::fs::create_dir_all(d.join("pkg")).unwrap();
    std::fs::write(d.join("pkg/a.py"), branchy("f", 2)).unwrap();
    std::fs::write(d.join("pkg/b.py"), branchy("g", 1)).unwrap();
    commit(d, "first");
    std::fs::write(d.join("pkg/a.py"), branchy("f", 6)).unwrap();
    std::fs::write(d.join("c.py"), branchy("h", 9)).unwrap();
    commit(d, "f gets complex, c.py added");
    git(d, &["mv", "pkg/b.py", "pkg/renamed.py"]);
    commit(d, "b.py renamed");
    std::fs::remove_file(d.join("c.py")).unwrap();
    std::fs::write(d.join("broken.py"), "def f(:\n").unwrap();
    commit(d, "c.py gone, a syntax error");
    std::fs::write(
        d.join("pkg/a.py"),
        branchy("f", 3) + "\n\n" + &branchy("k", 5),
    )
    .unwrap();
    commit(d, "f simpler, k added");
    dir
}

#[test]
fn every_commit_equals_a_check_of_its_checkout() {
    let repo = scripted();
    let d = repo.path();
    let cache = tempfile::tempdir().unwrap();
    let c = cache.path().to_str().unwrap();
    let (code, stdout, stderr) = run(d, &["history", "--format", "json", "--cache-dir", c]);
    assert_eq!(code, 0, "{stderr}");
    let points: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(points.len(), 5);
    // 2 + 3 + 3 + 3 + 3 file revisions; 6 distinct blobs (a.py in 3 versions, b.py — renamed,
    // the same blob — c.py, broken.py), each parsed once.
    assert!(
        stderr.contains(
            "5 commits, 14 file revisions, 6 distinct blobs: 6 parsed, 0 from the cache."
        ),
        "{stderr}"
    );
    for p in &points {
        let id = p["commit"].as_str().unwrap();
        let checkout = tempfile::tempdir().unwrap();
        let archive = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "git -C '{}' archive {id} | tar -x -C '{}'",
                d.display(),
                checkout.path().display()
            ))
            .status()
            .unwrap();
        assert!(archive.success());
        // The current configuration, as history judges every commit with it.
        std::fs::copy(
            d.join(".antipasta.yaml"),
            checkout.path().join(".antipasta.yaml"),
        )
        .unwrap();
        let (_, json, _) = run(
            checkout.path(),
            &["check", "--no-cache", "--format", "json"],
        );
        let check: serde_json::Value = serde_json::from_str(&json).unwrap();
        let s = &check["summary"];
        assert_eq!(p["files"], s["total_files"], "{id}");
        assert_eq!(p["files_with_errors"], s["files_with_errors"], "{id}");
        assert_eq!(p["total_violations"], s["total_violations"], "{id}");
        for (metric, n) in s["violations_by_type"].as_object().unwrap() {
            assert_eq!(&p["violations"][metric], n, "{id} {metric}");
        }
    }
    // Newest first: the last commit's k (cyclomatic 6) fails, f (4) passes; two commits before,
    // f (7) and h (10) failed.
    assert_eq!(points[0]["summary"], "f simpler, k added");
    assert_eq!(points[0]["violations"]["cyclomatic_complexity"], 1);
    assert_eq!(points[3]["violations"]["cyclomatic_complexity"], 2);
    // Again: every blob from the store.
    let (_, _, stderr) = run(d, &["history", "--format", "json", "--cache-dir", c]);
    assert!(
        stderr.contains("6 distinct blobs: 0 parsed, 6 from the cache."),
        "{stderr}"
    );
}

#[test]
fn one_function_and_one_file_through_a_rename() {
    let repo = scripted();
    let d = repo.path();
    let (_, out, stderr) = run(
        d,
        &[
            "history",
            "--no-cache",
            "--function",
            "f",
            "--format",
            "csv",
        ],
    );
    let cyc: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(5).unwrap())
        .collect();
    // cyclomatic of f, newest first: 4, 7, 7, 7, 3.
    assert_eq!(cyc, ["4.0", "7.0", "7.0", "7.0", "3.0"], "{out}{stderr}");
    let (_, out, _) = run(
        d,
        &[
            "history",
            "--no-cache",
            "--file",
            "pkg/renamed.py",
            "--format",
            "json",
        ],
    );
    let points: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let paths: Vec<&str> = points
        .iter()
        .map(|p| p["path"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["renamed.py", "renamed.py", "renamed.py", "b.py", "b.py"]
    );
    assert!(
        points.iter().all(|p| p["series"]["lines_of_code"] == 4.0),
        "{out}"
    );
}
