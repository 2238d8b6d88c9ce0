//! SIGINT and SIGTERM during a cold `check` over thousands of files: the run stops soon, with
//! 130 or 143; what it computed is in the store, which stays consistent; the next run equals
//! `--no-cache` and reuses what was stored. A second signal exits at once.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::cache::{check, no_cache, sources};

/// 3,000 small modules: a cold run long enough to be stopped midway.
fn thousands_of_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for d in 0..30 {
        let sub = dir.path().join(format!("pkg{d}"));
        std::fs::create_dir_all(&sub).unwrap();
        for f in 0..100 {
            let body: String = (0..12)
                .map(|i| format!("    if x > {i} and y:\n        z += {i}\n    elif x == {f}:\n        z -= 1\n"))
                .collect();
            std::fs::write(
                sub.join(format!("m{f}.py")),
                format!("def f{d}_{f}(x, y):\n    z = 0\n{body}    return z\n"),
            )
            .unwrap();
        }
    }
    dir
}

/// Starts a cold check, waits until it is computing, sends `signals` (`kill -s NAME`) a little
/// apart; returns the exit code, the time from the first signal to the exit, and stderr.
fn stopped_run(tree: &Path, cache: &Path, signals: &[&str]) -> (i32, Duration, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_antipasta"))
        .args(["check", "--cache-dir", cache.to_str().unwrap(), "-j", "2"])
        .current_dir(tree)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut text = String::new();
    while !text.contains("Analyzing") {
        assert!(stderr.read_line(&mut text).unwrap() > 0, "{text}");
    }
    std::thread::sleep(Duration::from_millis(300));
    let sent = Instant::now();
    for (i, s) in signals.iter().enumerate() {
        if i > 0 {
            std::thread::sleep(Duration::from_millis(5));
        }
        let pid = child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-s", s, &pid])
                .status()
                .unwrap()
                .success()
        );
    }
    let status = child.wait().unwrap();
    let elapsed = sent.elapsed();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    text.push_str(&rest);
    (status.code().unwrap_or(-1), elapsed, text)
}

fn resumes_from_what_was_stored(tree: &Path, cache: &Path, total: usize) {
    let reference = no_cache(tree, &[]);
    let (code, stdout, stderr) = check(tree, cache, &["--timings"]);
    assert_eq!((code, &stdout), (reference.0, &reference.1), "{stderr}");
    let (stat, git, content, computed) = sources(&stderr);
    let reused = stat + git + content;
    assert!(reused > 0, "nothing was kept: {stderr}");
    assert!(computed > 0, "the stopped run had finished: {stderr}");
    assert_eq!(reused + computed, total, "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn sigint_stops_a_cold_run_keeps_its_results_and_exits_130() {
    let tree = thousands_of_files();
    let cache = tempfile::tempdir().unwrap();
    let (code, took, stderr) = stopped_run(tree.path(), cache.path(), &["INT"]);
    assert_eq!(code, 130, "{stderr}");
    assert!(stderr.contains("interrupted;"), "{stderr}");
    assert!(
        !stderr.contains("Found") && !stderr.contains("panicked"),
        "{stderr}"
    );
    // Measured, not asserted (a wall time on a shared machine): `--nocapture` shows it.
    let _ = writeln!(std::io::stderr(), "SIGINT to exit: {took:?}");
    resumes_from_what_was_stored(tree.path(), cache.path(), 3000);
}

#[test]
fn sigterm_exits_143_and_a_second_signal_exits_at_once() {
    let tree = thousands_of_files();
    let cache = tempfile::tempdir().unwrap();
    let (code, took, stderr) = stopped_run(tree.path(), cache.path(), &["TERM"]);
    assert_eq!(code, 143, "{stderr}");
    assert!(stderr.contains("interrupted;"), "{stderr}");
    let _ = writeln!(std::io::stderr(), "SIGTERM to exit: {took:?}");
    resumes_from_what_was_stored(tree.path(), cache.path(), 3000);
    // Twice: the second does not wait for the files in flight, and the store stays usable.
    let fresh = tempfile::tempdir().unwrap();
    let (code, _, stderr) = stopped_run(tree.path(), fresh.path(), &["INT", "INT"]);
    assert_eq!(code, 130, "{stderr}");
    let reference = no_cache(tree.path(), &[]);
    let (code, stdout, _) = check(tree.path(), fresh.path(), &[]);
    assert_eq!((code, stdout), (reference.0, reference.1));
}

#[test]
fn dump_stops_with_130_too() {
    let tree = thousands_of_files();
    let child = Command::new(env!("CARGO_BIN_EXE_antipasta"))
        .args(["dump", "."])
        .current_dir(tree.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-s", "INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    // Nothing half-written: a stopped dump prints no partial corpus.
    assert!(out.stdout.is_empty());
}
