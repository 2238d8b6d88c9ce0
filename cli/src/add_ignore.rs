//! `check --add-ignore[=REASON]`: a suppression comment for every violation the run found,
//! written into the file (ruff's `--add-noqa`). Each file is read again and analysed again from
//! the bytes about to be edited (an edit since the run cannot misplace a comment); the new text
//! goes to a temporary file beside it, renamed over it with the same permissions. Idempotent: a
//! second run finds nothing to hide.

use engine::FileReport;
use engine::config::Thresholds;

use crate::Exit;
use crate::check::Judging;
use crate::output::FileResult;
use crate::printer::{self, Status};

pub(crate) fn run(
    results: &[FileResult],
    reports: &[FileReport],
    entries: &Thresholds,
    judging: Judging,
    reason: &str,
    status: Status,
) -> anyhow::Result<Exit> {
    let db = engine::Database::default();
    let (mut comments, mut files, mut failed) = (0, 0, 0);
    for (result, report) in results.iter().zip(reports) {
        if result.violations.is_empty() {
            continue;
        }
        let path = &report.path;
        let edited = std::fs::read_to_string(path)
            .map_err(anyhow::Error::from)
            .and_then(|text| {
                let metrics = engine::file_metrics_of(&db, text.clone());
                let gates = entries.for_path(path);
                let all = engine::check::violations_of(&metrics, judging.mi_multi, &gates);
                let left = match judging.honor_noqa {
                    Some(honor) => engine::suppress::apply(&metrics, all, honor).kept,
                    None => all,
                };
                let reason = (!reason.is_empty()).then_some(reason);
                match engine::suppress::insert(&text, &metrics, &left, reason) {
                    Some(new) => {
                        write_beside(path, &new)?;
                        Ok(left.len())
                    }
                    None => Ok(0),
                }
            });
        match edited {
            Ok(0) => {}
            Ok(n) => {
                comments += n;
                files += 1;
            }
            Err(e) => {
                failed += 1;
                printer::note(&format!("error: {}: not edited: {e}", result.shown));
            }
        }
    }
    status.line(&format!(
        "Suppressed {comments} violation{} in {files} file{} with suppression comments.",
        printer::plural(comments),
        printer::plural(files)
    ));
    Ok(if failed > 0 { Exit::Error } else { Exit::Clean })
}

/// Replaces `path`'s content through a temporary file in its directory (same permissions), so
/// that a failure leaves the file as it was.
fn write_beside(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.antipasta-{}", std::process::id()));
    let perms = std::fs::metadata(path)?.permissions();
    let res = std::fs::write(&tmp, text)
        .and_then(|()| std::fs::set_permissions(&tmp, perms))
        .and_then(|()| std::fs::rename(&tmp, path));
    if res.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    res
}
