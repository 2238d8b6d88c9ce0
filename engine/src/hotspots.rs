//! Where complexity and change meet (`antipasta hotspots`; antipasta 1.2's `vcs`, compat-spec
//! §2.12): churn per file from `git log --numstat` (commits and lines changed in a window, along
//! first parents), per function from its body hash between consecutive revisions, complexity at
//! HEAD, hotspot score = churn (commits) × complexity; and change coupling: files changed together
//! in at least N commits, with support and confidence.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// One commit of the window: its id, and per changed file (repository-relative, `/`), lines
/// added and deleted (binary files count 0).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub commit: String,
    pub files: Vec<(String, u64, u64)>,
}

/// `git log --first-parent --numstat` of the commits since `since` (seconds since the epoch),
/// newest first, a merge counted with what it brought to its first parent; a renamed file is
/// a deletion and an addition (its churn before the rename stays with its old path). `None` on a git failure, with git's
/// message.
pub fn changes(workdir: &Path, since: Option<i64>) -> Result<Vec<Change>, String> {
    let mut cmd = Command::new("git");
    cmd.args([
        "-c",
        "core.quotePath=false",
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--numstat",
        "--no-renames",
        "--format=commit %H",
    ])
    .current_dir(workdir);
    if let Some(s) = since {
        cmd.arg(format!("--since=@{s}"));
    }
    let out = cmd.output().map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    Ok(parse(&String::from_utf8_lossy(&out.stdout)))
}

fn parse(log: &str) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    for line in log.lines() {
        if let Some(id) = line.strip_prefix("commit ") {
            out.push(Change {
                commit: id.to_string(),
                files: Vec::new(),
            });
            continue;
        }
        let mut parts = line.splitn(3, '\t');
        let (Some(a), Some(d), Some(path)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        if let Some(c) = out.last_mut() {
            c.files.push((
                path.to_string(),
                a.parse().unwrap_or(0),
                d.parse().unwrap_or(0),
            ));
        }
    }
    out
}

/// A file's (or function's) churn in the window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Churn {
    pub commits: u64,
    pub lines: u64,
}

/// Files changed together: `support` commits changed both; confidence of `a → b` is support over
/// the commits that changed `a`.
#[derive(Clone, Debug, PartialEq)]
pub struct Coupling {
    pub a: String,
    pub b: String,
    pub support: u64,
    pub confidence_ab: f64,
    pub confidence_ba: f64,
}

/// Per file: commits and lines changed, for the files `keep` accepts.
pub fn file_churn(changes: &[Change], keep: &dyn Fn(&str) -> bool) -> BTreeMap<String, Churn> {
    let mut out: BTreeMap<String, Churn> = BTreeMap::new();
    for c in changes {
        for (path, added, deleted) in c.files.iter().filter(|f| keep(&f.0)) {
            let e = out.entry(path.clone()).or_default();
            e.commits += 1;
            e.lines += added + deleted;
        }
    }
    out
}

/// Pairs of accepted files changed together in at least `min_support` commits (a commit
/// changing more than `max_files` of them, a mass edit, says nothing of coupling), by support.
pub fn coupling(
    changes: &[Change],
    keep: &dyn Fn(&str) -> bool,
    min_support: u64,
    max_files: usize,
) -> Vec<Coupling> {
    let mut single: BTreeMap<&str, u64> = BTreeMap::new();
    let mut pairs: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for c in changes {
        let files: BTreeSet<&str> = c
            .files
            .iter()
            .map(|f| f.0.as_str())
            .filter(|p| keep(p))
            .collect();
        for f in &files {
            *single.entry(f).or_default() += 1;
        }
        if files.len() > max_files {
            continue;
        }
        let files: Vec<&str> = files.into_iter().collect();
        for (i, a) in files.iter().enumerate() {
            for b in &files[i + 1..] {
                *pairs.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut out: Vec<Coupling> = pairs
        .into_iter()
        .filter(|(_, n)| *n >= min_support)
        .map(|((a, b), n)| Coupling {
            a: a.to_string(),
            b: b.to_string(),
            support: n,
            confidence_ab: n as f64 / single[a] as f64,
            confidence_ba: n as f64 / single[b] as f64,
        })
        .collect();
    out.sort_by(|x, y| {
        y.support
            .cmp(&x.support)
            .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    out
}

/// The functions whose body changed from `before` to `after` (a function new in `after` changed;
/// identity: qualified name and occurrence).
pub fn changed_functions(
    before: Option<&crate::FileMetrics>,
    after: &crate::FileMetrics,
) -> Vec<String> {
    after
        .functions
        .iter()
        .filter(|f| {
            before.is_none_or(|b| {
                !b.functions.iter().any(|g| {
                    g.qualname == f.qualname
                        && g.occurrence == f.occurrence
                        && g.body_hash == f.body_hash
                })
            })
        })
        .map(|f| f.qualname.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn numstat_is_parsed_and_coupling_counted() {
        let log = "commit aaa\n\n3\t1\ta.py\n2\t0\tb.py\ncommit bbb\n\n1\t1\ta.py\n-\t-\timg.png\ncommit ccc\n\n5\t0\ta.py\n1\t0\tb.py\n";
        let changes = super::parse(log);
        assert_eq!(changes.len(), 3);
        assert_eq!(changes[1].files[1], ("img.png".to_string(), 0, 0));
        let py = |p: &str| p.ends_with(".py");
        let churn = super::file_churn(&changes, &py);
        assert_eq!(
            churn["a.py"],
            super::Churn {
                commits: 3,
                lines: 11
            }
        );
        assert_eq!(
            churn["b.py"],
            super::Churn {
                commits: 2,
                lines: 3
            }
        );
        let c = super::coupling(&changes, &py, 2, 50);
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].support, c[0].confidence_ab, c[0].confidence_ba),
            (2, 2.0 / 3.0, 1.0)
        );
    }
}
