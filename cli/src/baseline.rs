//! `antipasta baseline create|update` and the baseline a `check` gates with (`--baseline FILE`,
//! else the config's `baseline:`). The file is written only here, from a run over the whole
//! project (no paths, no changed-code scope, never in a hook), through a temporary file renamed
//! over it.

use std::path::{Path, PathBuf};

use engine::FileReport;
use engine::baseline::Baseline;
use engine::config::Config;

use crate::Exit;
use crate::args::{BaselineCommand, CheckArgs};
use crate::check::{Layout, display_path};
use crate::output::FileResult;
use crate::printer::{self, Status};

pub(crate) const DEFAULT_FILE: &str = ".antipasta-baseline.json";

/// Where a `baseline create|update` run writes, and whether it replaces a file.
pub(crate) struct Record {
    output: Option<PathBuf>,
    update: bool,
}

pub(crate) fn run(command: BaselineCommand) -> anyhow::Result<Exit> {
    let (output, check, update) = match command {
        BaselineCommand::Create { output, check } => (output, check, false),
        BaselineCommand::Update { output, check } => (output, check, true),
    };
    let partial = !check.paths.is_empty()
        || !check.files.is_empty()
        || !check.directory.is_empty()
        || check.staged
        || check.diff.is_some()
        || check.watch;
    if partial {
        printer::note(
            "error: a baseline is recorded from the whole project: no paths, --staged, --diff or --watch",
        );
        return Ok(Exit::Error);
    }
    if crate::args::env_flag("PRE_COMMIT")? {
        printer::note("error: a hook run never writes the baseline (PRE_COMMIT is set)");
        return Ok(Exit::Error);
    }
    let record = Record { output, update };
    // The run that records gates with no baseline (the one it writes may not exist yet).
    let check = CheckArgs {
        no_baseline: true,
        baseline: None,
        ..check
    };
    crate::check::run_or_record(&check, Layout::Concise, Some(&record))
}

/// A file's key in the baseline: its path relative to the project root, with `/`.
pub(crate) fn key_path(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The baseline file of a run: `--baseline` (relative to the current directory), else the
/// config's `baseline:` (relative to the project root).
fn file_for(explicit: Option<&Path>, config: &Config, root: &Path, cwd: &Path) -> Option<PathBuf> {
    match (explicit, &config.baseline) {
        (Some(p), _) => Some(crate::check::absolute(cwd, p)),
        (None, Some(p)) => Some(crate::check::absolute(root, Path::new(p))),
        (None, None) => None,
    }
}

/// The baseline `check` gates with, and its file: `Ok(None)` without one; `Ok(Some(Err(())))`
/// when it cannot be read (reported: exit 2, a gate must not pass on a typo).
#[allow(clippy::type_complexity)]
pub(crate) fn for_check(
    args: &CheckArgs,
    config: &Config,
    root: &Path,
    cwd: &Path,
) -> anyhow::Result<Option<Result<(Baseline, PathBuf), ()>>> {
    if args.no_baseline {
        return Ok(None);
    }
    let Some(path) = file_for(args.baseline.as_deref(), config, root, cwd) else {
        return Ok(None);
    };
    Ok(Some(match Baseline::load(&path) {
        Ok(b) => Ok((b, path)),
        Err(e) => {
            printer::note(&format!("error: {e}"));
            Err(())
        }
    }))
}

/// Writes the baseline from a whole run's violations.
pub(crate) fn write(
    record: &Record,
    results: &[FileResult],
    reports: &[FileReport],
    root: &Path,
    config: &Config,
    status: Status,
) -> anyhow::Result<Exit> {
    let cwd = std::env::current_dir()?;
    let fail_on_file_errors = config.fail_on_file_errors;
    let path = file_for(record.output.as_deref(), config, root, &cwd)
        .unwrap_or_else(|| root.join(DEFAULT_FILE));
    // A file that cannot be analysed fails every run unless the config says otherwise; a
    // baseline recorded then would hide nothing of it.
    if fail_on_file_errors && results.iter().any(|r| r.error.is_some()) {
        for r in results.iter().filter(|r| r.error.is_some()) {
            printer::note(&format!("error: {}: not analysed", r.shown));
        }
        printer::note(
            "error: some files could not be analysed; the baseline is not written              (fail_on_file_errors: false records the rest)",
        );
        return Ok(Exit::Error);
    }
    let old = match record.update {
        true => Some(Baseline::load(&path).map_err(|e| anyhow::anyhow!("{e}"))?),
        false => None,
    };
    let mut baseline = Baseline::default();
    for (r, report) in results.iter().zip(reports) {
        let key = key_path(&report.path, root);
        for v in &r.violations {
            baseline.insert(engine::baseline::key(&key, v), v.row.value);
        }
    }
    let tmp = path.with_extension("json.antipasta-tmp");
    std::fs::write(&tmp, baseline.to_text())
        .and_then(|()| std::fs::rename(&tmp, &path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            anyhow::anyhow!("failed to write {}: {e}", path.display())
        })?;
    let shown = display_path(&path, &cwd);
    match old {
        Some(old) => status.line(&format!(
            "Updated {shown}: {} entr{} (was {}).",
            baseline.len(),
            if baseline.len() == 1 { "y" } else { "ies" },
            old.len()
        )),
        None => status.line(&format!(
            "Recorded {} violation{} in {shown}.",
            baseline.len(),
            printer::plural(baseline.len())
        )),
    }
    Ok(Exit::Clean)
}
