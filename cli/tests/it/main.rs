//! The `antipasta` binary as users run it: stdout, stderr and exit code, snapshotted.

mod bad_input;
mod baseline;
mod cache;
mod check;
mod config;
mod history;
mod hostile;
mod hotspots;
mod logs;
mod output;
mod report;
mod run_metrics;
mod signals;
mod staged;
mod stats;
mod suppress;
mod watch;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A copy of `testdata/projects/<name>` in a temporary directory.
pub(crate) fn project(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("testdata/projects")
            .join(name),
        dir.path(),
    );
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs `antipasta ARGS` in `cwd`; renders exit code, stdout and stderr for a snapshot.
pub(crate) fn run(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_antipasta"))
        .args(args)
        .current_dir(cwd)
        .env_remove("ANTIPASTA_JOBS")
        .env_remove("ANTIPASTA_LOG")
        .output()
        .unwrap();
    outcome(out)
}

/// Exit code (-1 for a signal), stdout and stderr of a finished process; in stderr the
/// summary's time and cache count read `[time]` and `[n] cached` (they differ from run to run;
/// `output::the_summary_counts_the_cache_and_the_time` reads them as they are).
pub(crate) fn outcome(out: Output) -> (i32, String, String) {
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        stable_summary(&String::from_utf8(out.stderr).unwrap()),
    )
}

/// The summary line with its time and cache count replaced (see [`outcome`]).
pub(crate) fn stable_summary(stderr: &str) -> String {
    let mut out = String::new();
    for line in stderr.split_inclusive('\n') {
        let summary = ["Found ", "All checks passed! ", "No violations; "]
            .iter()
            .any(|p| line.starts_with(p));
        match (summary, line.rfind(" in ")) {
            (true, Some(at)) if line[at + 4..].trim_end().ends_with("s.") => {
                let mut head = line[..at].to_string();
                if let Some(open) = head.rfind(" (")
                    && let Some(n) = head[open + 2..].find(" cached")
                    && head[open + 2..open + 2 + n]
                        .bytes()
                        .all(|b| b.is_ascii_digit())
                {
                    head.replace_range(open + 2..open + 2 + n, "[n]");
                }
                out.push_str(&head);
                out.push_str(" in [time].");
                out.push_str(&line[line.trim_end().len()..]);
            }
            _ => out.push_str(line),
        }
    }
    out
}

pub(crate) fn render((code, stdout, stderr): (i32, String, String)) -> String {
    format!("exit code: {code}\n----- stdout -----\n{stdout}----- stderr -----\n{stderr}")
}

pub(crate) fn testdata(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(rel)
}

/// git with a fixed identity, branch name and no user or system configuration.
pub(crate) fn git_out(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

pub(crate) fn git(dir: &Path, args: &[&str]) -> String {
    let out = git_out(dir, args);
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}
