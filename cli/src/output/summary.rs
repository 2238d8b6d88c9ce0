//! The one-line summary after a human format (ecosystem.md §3.2): violations per metric, files
//! checked, how many came from the cache, and how long the run took. It goes to stderr, not
//! stdout: its cache count and time differ between a warm run and `--no-cache`, and stdout must
//! not (docs/deviations.md).

use std::time::Duration;

use super::FileResult;
use crate::printer::plural;

/// What the summary says beside the results.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RunFacts {
    /// Files whose results came from the cache (0 without one).
    pub(crate) cached: usize,
    pub(crate) elapsed: Duration,
}

/// `Found 3 violations (2 cyclomatic_complexity, 1 cognitive_complexity) in 2 files; 412 files
/// checked (398 cached) in 0.21s.`, or `All checks passed! …`.
pub(crate) fn summary(results: &[FileResult], facts: RunFacts) -> String {
    let n_violations: usize = results.iter().map(|r| r.violations.len()).sum();
    let with_violations = results.iter().filter(|r| !r.violations.is_empty()).count();
    let errors = results.iter().filter(|r| r.error.is_some()).count();
    let checked = results.len();
    let mut notes = vec![format!("{} cached", facts.cached)];
    if errors > 0 {
        notes.push(format!("{errors} could not be analysed"));
    }
    let notes = format!(" ({})", notes.join(", "));
    let files = format!(
        "{checked} file{} checked{notes} in {:.2}s.",
        plural(checked),
        facts.elapsed.as_secs_f64()
    );
    if n_violations == 0 {
        return match errors {
            0 => format!("All checks passed! {files}"),
            _ => format!("No violations; {files}"),
        };
    }
    let per_metric: Vec<String> = super::by_type(results)
        .into_iter()
        .map(|(name, n)| format!("{n} {name}"))
        .collect();
    format!(
        "Found {n_violations} violation{} ({}) in {with_violations} file{}; {files}",
        plural(n_violations),
        per_metric.join(", "),
        plural(with_violations),
    )
}
