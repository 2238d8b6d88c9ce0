//! `check --watch` driven on a temporary tree: writes, a new file, a rename, a deletion, a config
//! edit and Ctrl-C, with the deltas it prints and the queries each change re-ran.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::run;

const CONFIG: &str = "defaults:\n  max_cyclomatic_complexity: 3\n";
const TWO: &str = "def a(x):\n    return x\n\n\ndef b(y):\n    return y\n";
const COMPLEX_A: &str = "def a(x):\n    if x and x > 1 or x < 0:\n        return 1\n    return x\n\n\ndef b(y):\n    return y\n";

struct Watch {
    child: Child,
    stdout: Receiver<String>,
    stderr: Receiver<String>,
}

fn lines_of(stream: impl std::io::Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

impl Watch {
    fn start(dir: &Path, cache: &Path) -> Watch {
        Watch::start_with(dir, cache, &[])
    }

    fn start_with(dir: &Path, cache: &Path, extra: &[&str]) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_antipasta"))
            .args(["check", "--watch", "--timings", "--cache-dir"])
            .arg(cache)
            .args(extra)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let w = Watch {
            stdout: lines_of(child.stdout.take().unwrap()),
            stderr: lines_of(child.stderr.take().unwrap()),
            child,
        };
        w.expect_err("watching for changes");
        w
    }

    /// Waits for a line containing `text`; the lines seen before it.
    fn expect(rx: &Receiver<String>, text: &str) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) if line.contains(text) => return seen,
                Ok(line) => seen.push(line),
                Err(e) => panic!("no line with {text:?} ({e:?}); saw {seen:?}"),
            }
        }
    }

    fn expect_out(&self, text: &str) -> Vec<String> {
        Self::expect(&self.stdout, text)
    }

    fn expect_err(&self, text: &str) -> Vec<String> {
        Self::expect(&self.stderr, text)
    }

    /// The delta line and the queries line of the next batch.
    fn next_batch(&self) -> (String, String) {
        let delta = Self::expect_line(&self.stderr, " changed, ");
        let queries = Self::expect_line(&self.stderr, "queries: ");
        (delta, queries)
    }

    fn expect_line(rx: &Receiver<String>, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(_) => {}
                Err(e) => panic!("no line with {text:?} ({e:?})"),
            }
        }
    }

    fn quiet_for(&self, d: Duration) -> bool {
        matches!(self.stderr.recv_timeout(d), Err(RecvTimeoutError::Timeout))
    }

    fn interrupt(mut self) -> i32 {
        // The shell's own `kill`: no procps needed.
        let status = Command::new("sh")
            .args(["-c", "kill -INT \"$0\"", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        self.child.wait().unwrap().code().unwrap_or(-1)
    }
}

fn tree() -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".antipasta.yaml"), CONFIG).unwrap();
    std::fs::write(dir.path().join("m.py"), TWO).unwrap();
    (dir, tempfile::tempdir().unwrap())
}

#[test]
fn edits_new_files_renames_and_deletions_are_reported_as_deltas() {
    let (dir, cache) = tree();
    let d = dir.path();
    let w = Watch::start(d, cache.path());
    std::fs::write(d.join("m.py"), COMPLEX_A).unwrap();
    w.expect_out("m.py:1:1: CC001 cyclomatic_complexity 4 (> 3) in a");
    let (delta, _) = w.next_batch();
    assert!(
        delta.starts_with("+1 new, −0 fixed, 1 file changed, "),
        "{delta}"
    );
    // An edit inside one function: only that function's metrics re-run.
    std::fs::write(
        d.join("m.py"),
        COMPLEX_A.replace("return y", "return y + 1"),
    )
    .unwrap();
    let (delta, queries) = w.next_batch();
    assert!(
        delta.starts_with("+0 new, −0 fixed, 1 file changed"),
        "{delta}"
    );
    assert!(queries.contains("fn_metrics 1,"), "{queries}");
    // Lines inserted above: no function's metrics re-run; the violation moves.
    std::fs::write(
        d.join("m.py"),
        format!(
            "import os\n\n\n{}",
            COMPLEX_A.replace("return y", "return y + 1")
        ),
    )
    .unwrap();
    w.expect_out("m.py:4:1: CC001 cyclomatic_complexity 4 (> 3) in a");
    let (delta, queries) = w.next_batch();
    assert!(delta.starts_with("+1 new, −1 fixed"), "{delta}");
    assert!(!queries.contains("fn_metrics"), "{queries}");
    // A new file.
    std::fs::write(d.join("n.py"), COMPLEX_A.replace("def a", "def c")).unwrap();
    w.expect_out("n.py:1:1: CC001 cyclomatic_complexity 4 (> 3) in c");
    w.next_batch();
    // A rename: gone from the old path, there at the new one.
    std::fs::rename(d.join("n.py"), d.join("o.py")).unwrap();
    let seen = w.expect_out("o.py:1:1: CC001 cyclomatic_complexity 4 (> 3) in c");
    let fixed = "fixed: n.py:1:1: CC001 cyclomatic_complexity 4 (> 3) in c";
    if !seen.iter().any(|l| l == fixed) {
        w.expect_out(fixed);
    }
    w.next_batch();
    // A deletion, and a file that stops parsing.
    std::fs::remove_file(d.join("o.py")).unwrap();
    w.expect_out("fixed: o.py:1:1: CC001 cyclomatic_complexity 4 (> 3) in c");
    w.next_batch();
    std::fs::write(d.join("m.py"), "def a(x:\n").unwrap();
    w.expect_out("error: m.py: syntax error");
    w.next_batch();
    // Its own reads of the files are not events: nothing more happens.
    assert!(w.quiet_for(Duration::from_millis(800)));
    assert_eq!(w.interrupt(), 130);
}

#[test]
fn a_config_edit_rechecks_with_the_new_thresholds_and_computes_nothing() {
    let (dir, cache) = tree();
    let d = dir.path();
    std::fs::write(d.join("m.py"), COMPLEX_A).unwrap();
    let w = Watch::start(d, cache.path());
    w.expect_out("m.py:1:1: CC001 cyclomatic_complexity 4 (> 3) in a");
    std::fs::write(
        d.join(".antipasta.yaml"),
        "defaults:\n  max_cyclomatic_complexity: 10\n",
    )
    .unwrap();
    w.expect_out("fixed: m.py:1:1: CC001 cyclomatic_complexity 4 (> 3) in a");
    let (delta, queries) = w.next_batch();
    assert!(
        delta.starts_with("+0 new, −1 fixed, configuration reloaded, 0 files changed"),
        "{delta}"
    );
    assert!(queries.starts_with("queries: ; "), "{queries}");
    // A broken config keeps the previous one.
    std::fs::write(d.join(".antipasta.yaml"), "defaults: [\n").unwrap();
    w.expect_err("the previous one stays in force");
    assert_eq!(w.interrupt(), 130);
}

/// Issue 13 item 7: a configuration edit that lets files in was counted as that many files
/// changed ("37 files changed" for one edit); they are counted as added, none as changed.
#[test]
fn a_config_edit_that_lets_files_in_counts_them_as_added_not_changed() {
    let (dir, cache) = tree();
    let d = dir.path();
    std::fs::write(
        d.join(".antipasta.yaml"),
        format!("{CONFIG}ignore_patterns: ['legacy/**']\n"),
    )
    .unwrap();
    std::fs::create_dir(d.join("legacy")).unwrap();
    for i in 0..3 {
        std::fs::write(d.join(format!("legacy/l{i}.py")), TWO).unwrap();
    }
    let w = Watch::start(d, cache.path());
    std::fs::write(d.join(".antipasta.yaml"), CONFIG).unwrap();
    let (delta, _) = w.next_batch();
    assert!(
        delta.starts_with("+0 new, −0 fixed, configuration reloaded, 0 files changed, 3 added,"),
        "{delta}"
    );
    assert_eq!(w.interrupt(), 130);
}

/// Issue 14: watch mode gates with the baseline, and a worse value shows old → new.
#[test]
fn watch_mode_honours_the_baseline() {
    let (dir, cache) = tree();
    let d = dir.path();
    std::fs::write(d.join("m.py"), COMPLEX_A).unwrap();
    let (code, _, err) = run(d, &["baseline", "create", "--no-cache"]);
    assert_eq!(code, 0, "{err}");
    let w = Watch::start_with(d, cache.path(), &["--baseline", ".antipasta-baseline.json"]);
    std::fs::write(
        d.join("m.py"),
        COMPLEX_A.replace("x < 0:", "x < 0 or x == 7:"),
    )
    .unwrap();
    w.expect_out("m.py:1:1: CC001 cyclomatic_complexity 5 (> 3) in a (baseline: 4 → 5)");
    assert_eq!(w.interrupt(), 130);
}

#[test]
fn ctrl_c_exits_130_and_leaves_the_cache_consistent() {
    let (dir, cache) = tree();
    let d = dir.path();
    let w = Watch::start(d, cache.path());
    for round in 0..5 {
        std::fs::write(
            d.join("m.py"),
            COMPLEX_A.replace("return 1", &format!("return {round}")),
        )
        .unwrap();
        w.next_batch();
    }
    assert_eq!(w.interrupt(), 130);
    let cache_arg = cache.path().to_str().unwrap();
    let warm = run(d, &["check", "--cache-dir", cache_arg, "--timings"]);
    let reference = run(d, &["check", "--no-cache"]);
    assert_eq!((warm.0, &warm.1), (reference.0, &reference.1));
    // Watch mode wrote what it computed: the last content is a hit.
    assert!(warm.2.contains("by content, 0 computed"), "{}", warm.2);
}

#[test]
#[allow(clippy::print_stderr)]
fn on_a_terminal_the_screen_is_redrawn_with_the_delta() {
    // `script` (util-linux) runs the watcher on a pseudo-terminal.
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` to make a terminal");
        return;
    }
    let (dir, cache) = tree();
    let d = dir.path();
    let cmd = format!(
        "'{}' check --watch --cache-dir '{}'",
        env!("CARGO_BIN_EXE_antipasta"),
        cache.path().display()
    );
    let mut child = Command::new("script")
        .args(["-qfec", &cmd, "/dev/null"])
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .current_dir(d)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = lines_of(child.stdout.take().unwrap());
    Watch::expect(&out, "watching for changes");
    std::fs::write(d.join("m.py"), COMPLEX_A).unwrap();
    let before = Watch::expect(&out, "+1 new, −0 fixed, 1 file changed");
    // The screen is cleared and shows the current violations, the new one highlighted, then
    // the summary.
    assert!(
        before.iter().any(|l| l.contains(
            "\u{1b}[2J\u{1b}[H\u{1b}[1m\u{1b}[33mm.py:1:1: CC001 cyclomatic_complexity 4 (> 3) in a\u{1b}[0m"
        )),
        "{before:?}"
    );
    assert!(
        before
            .iter()
            .any(|l| l.contains("1 violation in 1 file; 1 file checked.")),
        "{before:?}"
    );
    let _ = child.kill();
    let _ = child.wait();
}

/// Issue 12 item 7: a directory replaced at the same path (`rm -rf pkg/sub; mv pkg/.new
/// pkg/sub`, as build tools and `git checkout` do) is one event for the directory; every file
/// below it is re-read. Three rounds, alternating the content.
#[test]
fn a_directory_replaced_at_the_same_path_is_rechecked() {
    let (dir, cache) = tree();
    let d = dir.path();
    let sub = d.join("pkg/sub");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(sub.join("x.py"), TWO).unwrap();
    let w = Watch::start(d, cache.path());
    for round in 0..3 {
        let fresh = d.join("pkg/.new");
        std::fs::create_dir_all(&fresh).unwrap();
        let (text, line) = match round % 2 {
            0 => (
                COMPLEX_A,
                "pkg/sub/x.py:1:1: CC001 cyclomatic_complexity 4 (> 3) in a",
            ),
            _ => (
                TWO,
                "fixed: pkg/sub/x.py:1:1: CC001 cyclomatic_complexity 4 (> 3) in a",
            ),
        };
        std::fs::write(fresh.join("x.py"), text).unwrap();
        std::fs::remove_dir_all(&sub).unwrap();
        std::fs::rename(&fresh, &sub).unwrap();
        w.expect_out(line);
    }
    assert_eq!(w.interrupt(), 130);
}
