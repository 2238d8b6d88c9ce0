//! Changed-code scope for `--diff REV` and `--staged`: which violations are new relative to an
//! earlier version of a file, so that a team adopts the gate on a legacy codebase without a
//! baseline file. A function is its qualified name (and its place among functions of the same
//! name, for redefinitions); its body hash says whether it changed. Line numbers play no part, so
//! code moved up or down is unchanged.

use std::collections::HashMap;

use queries::FileMetrics;

use crate::check::Violation;

/// What a changed-code run reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Violations of functions that are new or whose body changed, and file-level violations the
    /// earlier version did not have.
    ChangedFunctions,
    /// Every violation of a file whose content changed.
    ChangedFiles,
    /// Every violation.
    All,
}

/// The violations of `new` that `scope` reports, and how many it leaves out. `old` is the
/// earlier version (`None`: the file is new) and `old_violations` its violations under the same
/// thresholds.
pub fn in_scope(
    scope: Scope,
    new: &FileMetrics,
    violations: Vec<Violation>,
    old: Option<(&FileMetrics, &[Violation])>,
) -> (Vec<Violation>, usize) {
    let Some((old, old_violations)) = old else {
        return (violations, 0);
    };
    let total = violations.len();
    let kept: Vec<Violation> = match scope {
        Scope::All => violations,
        Scope::ChangedFiles if old == new => Vec::new(),
        Scope::ChangedFiles => violations,
        Scope::ChangedFunctions => {
            let changed = changed_lines(old, new);
            violations
                .into_iter()
                .filter(|v| match (&v.row.qualname, v.row.line) {
                    (Some(_), Some(line)) => changed.contains(&line),
                    // A file-level row: new unless the earlier version failed it too.
                    _ => !old_violations.iter().any(|o| {
                        o.row.qualname.is_none()
                            && o.row.metric == v.row.metric
                            && o.row.is_aggregate() == v.row.is_aggregate()
                    }),
                })
                .collect()
        }
    };
    let left_out = total - kept.len();
    (kept, left_out)
}

/// The `def` lines of the functions of `new` that `old` lacks or had with another body.
fn changed_lines(old: &FileMetrics, new: &FileMetrics) -> Vec<u32> {
    let before: HashMap<(&str, usize), u64> = occurrences(old)
        .map(|(key, f)| (key, f.body_hash))
        .collect();
    occurrences(new)
        .filter(|(key, f)| before.get(key) != Some(&f.body_hash))
        .map(|(_, f)| f.span.lineno)
        .collect()
}

/// Each function with its identity: its qualified name and how many functions of that name
/// came before it.
fn occurrences(m: &FileMetrics) -> impl Iterator<Item = ((&str, usize), &queries::FunctionRow)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    m.functions.iter().map(move |f| {
        let n = seen.entry(f.qualname.as_str()).or_default();
        *n += 1;
        ((f.qualname.as_str(), *n - 1), f)
    })
}
