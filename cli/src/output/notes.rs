//! What a run says on stderr about its results, beside the report: file errors, what the
//! baseline accepted, unused suppression comments, what a changed-code scope left out.

use super::FileResult;
use crate::printer::{Status, note, plural, shown_text};

/// Per-file errors on stderr, whatever the verbosity: the error with its class, then what to do
/// about it. Warnings where the configuration lets files be skipped (`fail_on_file_errors:
/// false`). Returns their count.
pub(crate) fn file_errors(results: &[FileResult], fails: bool) -> usize {
    let severity = if fails { "error" } else { "warning" };
    let mut n = 0;
    for (r, e) in results.iter().filter_map(|r| Some((r, r.error.as_ref()?))) {
        n += 1;
        if !crate::logging::json() {
            note(&format!(
                "{severity}: {}: {} [{}]\n  hint: {}",
                r.shown,
                shown_text(&e.to_string()),
                e.class(),
                e.hint()
            ));
            continue;
        }
        let (line, col) = e.position().unwrap_or((1, 1));
        let message = e.to_string();
        let (path, error_class, hint) = (r.path.as_str(), e.class(), e.hint());
        match fails {
            true => {
                tracing::error!(target: "antipasta", path, line, col, error_class, hint, "{message}")
            }
            false => {
                tracing::warn!(target: "antipasta", path, line, col, error_class, hint, "{message}")
            }
        }
    }
    n
}

/// What the baseline accepted; improvements as a hint; on a full run, entries nothing matched.
pub(crate) fn baseline_summary(
    b: &engine::baseline::Baseline,
    results: &[FileResult],
    full: bool,
    status: Status,
) {
    let accepted: usize = results.iter().map(|r| r.baseline.passed).sum();
    let improved: usize = results.iter().map(|r| r.baseline.improved.len()).sum();
    if accepted > 0 {
        status.line(&format!(
            "{accepted} violation{} accepted by the baseline.",
            plural(accepted)
        ));
    }
    if full {
        let matched: usize = results.iter().map(|r| r.baseline.matched).sum();
        let stale = engine::baseline::stale(b, matched);
        if stale > 0 {
            status.line(&format!(
                "info: {stale} baseline entr{} match no violation now (fixed, renamed or gone); `antipasta baseline update` drops them.",
                if stale == 1 { "y" } else { "ies" }
            ));
        }
    }
    if improved > 0 {
        status.line(&format!(
            "hint: {improved} baselined violation{} improved; `antipasta baseline update` records the better value{}.",
            plural(improved),
            plural(improved)
        ));
    }
}

/// A suppression comment that hid nothing: information, or with `--report-unused-ignores` a
/// finding (shown even with `-q`).
pub(crate) fn unused_ignore(
    shown: &str,
    u: &engine::suppress::Unused,
    fails: bool,
    status: Status,
) {
    let on = u
        .qualname
        .as_ref()
        .map_or(String::new(), |q| format!(" on {q}"));
    let marker = match u.what.starts_with("noqa") {
        true => format!("# {}", u.what),
        false => format!("# antipasta: {}", u.what),
    };
    let text = format!(
        "{shown}:{}:1: unused suppression '{marker}'{on}: it hides nothing",
        u.line
    );
    match fails {
        true => note(&text),
        false => status.line(&format!("info: {text}")),
    }
}

pub(crate) fn left_out(n: usize, status: Status) {
    if n > 0 {
        status.line(&format!(
            "{n} pre-existing violation{} left out (--scope all shows them)",
            plural(n)
        ));
    }
}
