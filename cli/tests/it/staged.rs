//! `check --staged`, `--diff REV`, `--scope` and `hook install`, on real repositories built with
//! git in temporary directories, through the real binary.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::{git, git_out, run};

const CLEAN: &str = "def simple(x):\n    return x\n";

/// Cyclomatic complexity 5 (threshold 3 in `CONFIG`).
const COMPLEX: &str = "def simple(x):\n    if x and x > 1 or x < -1:\n        if x:\n            return 1\n    return x\n";

const CONFIG: &str = "defaults:\n  max_cyclomatic_complexity: 3\n";

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A repository with the config committed, and `files` committed after it.
fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    write(dir.path(), ".antipasta.yaml", CONFIG);
    for (rel, text) in files {
        write(dir.path(), rel, text);
    }
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-qm", "init"]);
    dir
}

fn stdout_lines(out: &(i32, String, String)) -> Vec<&str> {
    out.1.lines().collect()
}

#[test]
fn the_staged_content_is_checked_not_the_work_tree() {
    let r = repo(&[("a.py", CLEAN)]);
    // Staged: the complex version; work tree: back to the clean one.
    write(r.path(), "a.py", COMPLEX);
    git(r.path(), &["add", "a.py"]);
    write(r.path(), "a.py", CLEAN);
    let staged = run(r.path(), &["check", "--staged", "--no-cache"]);
    assert_eq!(staged.0, 1, "{staged:?}");
    assert_eq!(
        stdout_lines(&staged),
        ["a.py:1:1: CC001 cyclomatic_complexity 5 (> 3) in simple"]
    );
    assert_eq!(run(r.path(), &["check", "--no-cache"]).0, 0);
    // The other way round: clean staged, complex only in the work tree.
    write(r.path(), "a.py", CLEAN);
    git(r.path(), &["add", "a.py"]);
    write(r.path(), "a.py", COMPLEX);
    assert_eq!(run(r.path(), &["check", "--staged", "--no-cache"]).0, 0);
    assert_eq!(run(r.path(), &["check", "--no-cache"]).0, 1);
}

#[test]
fn partial_staging_checks_exactly_the_staged_hunks() {
    let two =
        |first: &str, second: &str| format!("{first}\n\n{}", second.replace("simple", "other"));
    let r = repo(&[("m.py", &two(CLEAN, CLEAN))]);
    // `git add -p` staging only the second function's hunk: the index gets a blob that is in
    // neither HEAD nor the work tree.
    write(r.path(), "m.py", &two(CLEAN, COMPLEX));
    let blob = git(r.path(), &["hash-object", "-w", "m.py"]);
    git(
        r.path(),
        &[
            "update-index",
            "--cacheinfo",
            &format!("100644,{},m.py", blob.trim()),
        ],
    );
    write(r.path(), "m.py", &two(COMPLEX, CLEAN));
    let staged = run(r.path(), &["check", "--staged", "--no-cache"]);
    assert_eq!(
        stdout_lines(&staged),
        ["m.py:5:1: CC001 cyclomatic_complexity 5 (> 3) in other"],
        "{staged:?}"
    );
    let tree = run(r.path(), &["check", "--no-cache"]);
    assert_eq!(
        stdout_lines(&tree),
        ["m.py:1:1: CC001 cyclomatic_complexity 5 (> 3) in simple"]
    );
}

#[test]
fn renames_deletions_and_mode_changes() {
    let r = repo(&[
        ("old.py", COMPLEX),
        ("gone.py", COMPLEX),
        ("mode.py", COMPLEX),
    ]);
    git(r.path(), &["mv", "old.py", "new.py"]);
    git(r.path(), &["rm", "-q", "gone.py"]);
    git(r.path(), &["update-index", "--chmod=+x", "mode.py"]);
    // Nothing new: a pure rename and a mode change keep their (pre-existing) violations out; the
    // deleted file has nothing to check.
    let (code, stdout, stderr) = run(r.path(), &["check", "--staged", "--no-cache"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert!(
        stderr.contains("2 pre-existing violations left out"),
        "{stderr}"
    );
    assert!(stderr.contains("Analyzing 2 files"), "{stderr}");
    let all = run(
        r.path(),
        &["check", "--staged", "--no-cache", "--scope", "all"],
    );
    assert_eq!(
        stdout_lines(&all),
        [
            "mode.py:1:1: CC001 cyclomatic_complexity 5 (> 3) in simple",
            "new.py:1:1: CC001 cyclomatic_complexity 5 (> 3) in simple"
        ]
    );
    // A rename with an edit is a new file: its violations are reported.
    write(
        r.path(),
        "new.py",
        &COMPLEX.replace("return x\n", "return -x\n"),
    );
    git(r.path(), &["add", "new.py"]);
    let edited = run(r.path(), &["check", "--staged", "--no-cache"]);
    assert_eq!(
        stdout_lines(&edited),
        ["new.py:1:1: CC001 cyclomatic_complexity 5 (> 3) in simple"]
    );
}

#[test]
fn an_initial_commit_and_a_new_repository() {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    let empty = run(dir.path(), &["check", "--staged", "--no-cache"]);
    assert_eq!(empty.0, 0, "{empty:?}");
    assert!(empty.2.contains("No staged files to check"), "{empty:?}");
    write(dir.path(), ".antipasta.yaml", CONFIG);
    write(dir.path(), "a.py", COMPLEX);
    write(dir.path(), "README.md", "not python\n");
    git(dir.path(), &["add", "-A"]);
    let first = run(dir.path(), &["check", "--staged", "--no-cache"]);
    assert_eq!(first.0, 1);
    assert_eq!(
        stdout_lines(&first),
        ["a.py:1:1: CC001 cyclomatic_complexity 5 (> 3) in simple"]
    );
}

#[test]
fn from_a_subdirectory_and_in_a_linked_worktree() {
    let r = repo(&[("pkg/a.py", CLEAN), ("b.py", CLEAN)]);
    write(r.path(), "pkg/a.py", COMPLEX);
    write(r.path(), "b.py", COMPLEX);
    git(r.path(), &["add", "-A"]);
    // The whole staged set, paths relative to where the user stands.
    let sub = run(&r.path().join("pkg"), &["check", "--staged", "--no-cache"]);
    assert_eq!(
        stdout_lines(&sub),
        [
            "../b.py:1:1: CC001 cyclomatic_complexity 5 (> 3) in simple",
            "a.py:1:1: CC001 cyclomatic_complexity 5 (> 3) in simple"
        ],
        "{sub:?}"
    );
    // Paths narrow it.
    let narrowed = run(
        &r.path().join("pkg"),
        &["check", "--staged", "--no-cache", "."],
    );
    assert_eq!(
        stdout_lines(&narrowed),
        ["a.py:1:1: CC001 cyclomatic_complexity 5 (> 3) in simple"]
    );
    // A linked worktree has its own index.
    let wt = r.path().join("wt");
    git(r.path(), &["worktree", "add", "-q", wt.to_str().unwrap()]);
    assert_eq!(run(&wt, &["check", "--staged", "--no-cache"]).0, 0);
    write(&wt, "b.py", COMPLEX);
    git(&wt, &["add", "b.py"]);
    let in_wt = run(&wt, &["check", "--staged", "--no-cache"]);
    assert_eq!(
        stdout_lines(&in_wt),
        ["b.py:1:1: CC001 cyclomatic_complexity 5 (> 3) in simple"]
    );
}

#[test]
fn diff_reports_only_what_changed_relative_to_a_revision() {
    let legacy = COMPLEX.replace("simple", "legacy");
    let r = repo(&[("m.py", &legacy)]);
    let head = git(r.path(), &["rev-parse", "HEAD"]);
    git(r.path(), &["commit", "-q", "--allow-empty", "-m", "later"]);
    // Lines inserted above: the legacy function moves but does not change.
    let now = format!("import os\n\n\n{legacy}\n\n{COMPLEX}");
    write(r.path(), "m.py", &now);
    let (code, stdout, stderr) = run(r.path(), &["check", "--no-cache", "--diff", head.trim()]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "m.py:11:1: CC001 cyclomatic_complexity 5 (> 3) in simple\n"
    );
    assert!(
        stderr.contains("1 pre-existing violation left out"),
        "{stderr}"
    );
    for scope in ["changed-files", "all"] {
        let out = run(
            r.path(),
            &["check", "--no-cache", "--diff", "HEAD~1", "--scope", scope],
        );
        assert_eq!(stdout_lines(&out).len(), 2, "{scope}: {out:?}");
    }
    // The legacy function edited: now it is reported too.
    write(r.path(), "m.py", &now.replace("return 1", "return 2"));
    let edited = run(r.path(), &["check", "--no-cache", "--diff", "HEAD"]);
    assert_eq!(stdout_lines(&edited).len(), 2, "{edited:?}");
    // A revision that does not exist is an error, not a silent pass.
    let bad = run(r.path(), &["check", "--no-cache", "--diff", "no-such-rev"]);
    assert_eq!(bad.0, 2);
    assert!(bad.2.contains("unknown revision 'no-such-rev'"), "{bad:?}");
}

#[test]
fn errors_block_clearly() {
    let r = repo(&[("a.py", CLEAN)]);
    write(
        r.path(),
        ".antipasta.yaml",
        "defaults:\n  max_cyclomatic_complexity: [1\n",
    );
    let (code, _, stderr) = run(r.path(), &["check", "--staged", "--no-cache"]);
    assert_eq!(code, 2, "{stderr}");
    write(r.path(), ".antipasta.yaml", CONFIG);
    write(r.path(), "a.py", "def broken(:\n");
    git(r.path(), &["add", "a.py"]);
    let (code, _, stderr) = run(r.path(), &["check", "--staged", "--no-cache"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("error: a.py: syntax error"), "{stderr}");
    let outside = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(outside.path(), &["check", "--staged", "--no-cache"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not inside a git work tree"), "{stderr}");
}

#[test]
fn two_hook_processes_at_once_share_the_cache() {
    let r = repo(&[("a.py", CLEAN), ("b.py", CLEAN)]);
    write(r.path(), "a.py", COMPLEX);
    write(r.path(), "c.py", &COMPLEX.replace("simple", "third"));
    git(r.path(), &["add", "-A"]);
    let reference = run(r.path(), &["check", "--staged", "--no-cache"]);
    assert_eq!(reference.0, 1);
    for _ in 0..3 {
        let spawn = |files: &[&str]| {
            Command::new(env!("CARGO_BIN_EXE_antipasta"))
                .args(["check", "--staged"])
                .args(files)
                .current_dir(r.path())
                .env("PRE_COMMIT", "1")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        // Two batches of one commit, as pre-commit may run them, against one cache.
        let (a, b) = (spawn(&["a.py", "b.py"]), spawn(&["c.py"]));
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let mut lines: Vec<String> = [a.stdout, b.stdout]
            .iter()
            .flat_map(|o| {
                String::from_utf8(o.clone())
                    .unwrap()
                    .lines()
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .collect();
        lines.sort();
        assert_eq!(lines.join("\n") + "\n", reference.1);
        assert_eq!((a.status.code(), b.status.code()), (Some(1), Some(1)));
    }
    let warm = run(r.path(), &["check", "--staged", "--timings"]);
    assert_eq!((warm.0, &warm.1), (reference.0, &reference.1));
    assert!(
        warm.2
            .contains("files: 2 (0 unchanged by stat, 2 by git index"),
        "{warm:?}"
    );
}

#[test]
fn the_installed_hook_blocks_a_complex_commit_and_lets_a_clean_one_through() {
    let r = repo(&[("a.py", CLEAN)]);
    let hooks = r.path().join(".git/hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    // Someone else's hook: kept, and run first.
    let legacy_ran = r.path().join("legacy-ran");
    write(
        r.path(),
        ".git/hooks/pre-commit",
        &format!("#!/bin/sh\ntouch '{}'\n", legacy_ran.display()),
    );
    let chmod = Command::new("chmod")
        .arg("+x")
        .arg(hooks.join("pre-commit"))
        .status()
        .unwrap();
    assert!(chmod.success());
    let install = run(r.path(), &["hook", "install"]);
    assert_eq!(install.0, 0, "{install:?}");
    assert!(install.2.contains("runs first"), "{install:?}");
    let again = run(r.path(), &["hook", "install"]);
    assert!(again.2.contains("Already installed"), "{again:?}");

    write(r.path(), "a.py", COMPLEX);
    git(r.path(), &["add", "a.py"]);
    let blocked = git_out(r.path(), &["commit", "-qm", "complex"]);
    assert!(!blocked.status.success());
    let stderr = String::from_utf8(blocked.stderr).unwrap();
    assert!(stderr.contains("commit blocked by antipasta"), "{stderr}");
    assert!(legacy_ran.exists());
    write(
        r.path(),
        "a.py",
        &format!("{CLEAN}\n\ndef more(y):\n    return y\n"),
    );
    git(r.path(), &["add", "a.py"]);
    let through = git_out(r.path(), &["commit", "-qm", "clean"]);
    assert!(through.status.success(), "{through:?}");

    let removed = run(r.path(), &["hook", "uninstall"]);
    assert!(removed.2.contains("restored"), "{removed:?}");
    let restored = std::fs::read_to_string(hooks.join("pre-commit")).unwrap();
    assert!(restored.contains("legacy-ran"), "{restored}");
}

#[test]
fn the_hook_goes_where_core_hooks_path_says() {
    let r = repo(&[("a.py", CLEAN)]);
    git(r.path(), &["config", "core.hooksPath", "githooks"]);
    let install = run(r.path(), &["hook", "install"]);
    assert_eq!(install.0, 0, "{install:?}");
    assert!(r.path().join("githooks/pre-commit").is_file());
    write(r.path(), "a.py", COMPLEX);
    git(r.path(), &["add", "a.py"]);
    assert!(
        !git_out(r.path(), &["commit", "-qm", "complex"])
            .status
            .success()
    );
    let removed = run(r.path(), &["hook", "uninstall"]);
    assert!(removed.2.contains("Removed"), "{removed:?}");
    assert!(!r.path().join("githooks/pre-commit").exists());
}

/// Issue 14 item 4: on a feature branch, a function changed only on main is not the branch's;
/// `A...B` and `A..B` are accepted; a rename keeps its history; a shallow clone says how to fix it.
#[test]
fn diff_blames_only_the_branch() {
    // f and g are complex on both sides; main changes f after the branch point, the branch g.
    let both = |f: &str, g: &str| {
        format!(
            "{}\n\n{}",
            COMPLEX
                .replace("def simple", "def f")
                .replace("return x\n", &format!("return {f}\n")),
            COMPLEX
                .replace("def simple", "def g")
                .replace("return x\n", &format!("return {g}\n")),
        )
    };
    let dir = repo(&[("m.py", &both("1", "1")), ("old_name.py", COMPLEX)]);
    let d = dir.path();
    git(d, &["checkout", "-qb", "feature"]);
    write(d, "m.py", &both("1", "2"));
    git(d, &["mv", "old_name.py", "new_name.py"]);
    git(d, &["commit", "-qam", "feature: g, and a rename"]);
    git(d, &["checkout", "-q", "main"]);
    write(d, "m.py", &both("3", "1"));
    git(d, &["commit", "-qam", "main: f"]);
    git(d, &["checkout", "-q", "feature"]);
    for spec in ["main", "main...HEAD", "main...feature"] {
        let out = run(d, &["check", "--diff", spec, "--no-cache"]);
        assert_eq!(out.0, 1, "{spec}: {}", out.2);
        assert_eq!(
            stdout_lines(&out),
            ["m.py:8:1: CC001 cyclomatic_complexity 5 (> 3) in g"],
            "{spec}: only the branch's function; the renamed file keeps its history"
        );
        assert!(
            out.2.contains("Comparing with the merge base of"),
            "{}",
            out.2
        );
    }
    // A..B compares with A itself: main's change to f shows too.
    let out = run(d, &["check", "--diff", "main..HEAD", "--no-cache"]);
    assert_eq!(
        stdout_lines(&out),
        [
            "m.py:1:1: CC001 cyclomatic_complexity 5 (> 3) in f",
            "m.py:8:1: CC001 cyclomatic_complexity 5 (> 3) in g"
        ]
    );
    // A rename staged but not committed keeps its history too.
    git(d, &["mv", "new_name.py", "third_name.py"]);
    let out = run(d, &["check", "--diff", "main", "--no-cache"]);
    assert!(!out.1.contains("third_name.py"), "{}", out.1);
    // A shallow clone without the revision's history: a loud error with the fix.
    let shallow = tempfile::tempdir().unwrap();
    let url = format!("file://{}", d.display());
    git(
        shallow.path(),
        &[
            "clone", "-q", "--depth", "1", "--branch", "feature", &url, "s",
        ],
    );
    let s = shallow.path().join("s");
    let (code, _, err) = run(&s, &["check", "--diff", "HEAD~1", "--no-cache"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("shallow clone") && err.contains("git fetch --deepen"),
        "{err}"
    );
}

/// Issue 14 item 5: files named with `--staged` (what pre-commit passes) that are not staged are
/// checked in full from the index; staged ones with the changed-code scope.
#[test]
fn staged_with_named_files_checks_the_unstaged_ones_in_full() {
    let dir = repo(&[("legacy.py", COMPLEX), ("other.py", CLEAN)]);
    let d = dir.path();
    // Nothing staged, every file named (pre-commit run --all-files): the legacy file fails.
    let out = run(
        d,
        &["check", "--staged", "--no-cache", "legacy.py", "other.py"],
    );
    assert_eq!(out.0, 1, "{}", out.2);
    assert_eq!(
        stdout_lines(&out),
        ["legacy.py:1:1: CC001 cyclomatic_complexity 5 (> 3) in simple"]
    );
    // No names: the staged set, empty.
    let out = run(d, &["check", "--staged", "--no-cache"]);
    assert_eq!(out.0, 0);
    // A staged edit outside the function: in the changed scope nothing is new.
    write(d, "legacy.py", &format!("{COMPLEX}\n# a note\n"));
    git(d, &["add", "legacy.py"]);
    let out = run(d, &["check", "--staged", "--no-cache", "legacy.py"]);
    assert_eq!(out.0, 0, "{}", out.1);
}
