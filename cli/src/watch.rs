//! `antipasta check --watch`: a first full check (from the cache when warm), then a re-check of
//! what each batch of file events changed. On a terminal the screen shows the current violations
//! and a one-line delta; on a pipe only the changes are printed. Ctrl-C exits 130.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use engine::changed::Scope;
use engine::watch::{Batch, Events, Session};

use crate::Exit;
use crate::args::CheckArgs;
use crate::check::{self, Layout, Setup};
use crate::printer::{self, Status};

/// How long the debouncer waits for a burst of writes to settle.
const DEBOUNCE: Duration = Duration::from_millis(50);

pub(crate) fn run(args: &CheckArgs) -> anyhow::Result<Exit> {
    let status = Status { quiet: args.quiet };
    let cwd = std::env::current_dir().context("failed to read the current directory")?;
    let Some(mut setup) = check::setup(args, &cwd, status, Layout::Concise)? else {
        return Ok(Exit::Error);
    };
    let cache_dir = engine::store::cache_dir(args.cache_dir.as_deref(), &setup.request.root);
    let store = match args.cache_disabled()? {
        true => None,
        false => crate::cache::open(&cache_dir, args.cache_max_size, status)?,
    };
    // Watching before the first check: a save during it is an event, not a lost update.
    let skip = vec![cache_dir, setup.request.root.join(".git")];
    let events = Events::watch(&setup.request.root, skip.clone(), DEBOUNCE)
        .context("failed to watch the project")?;
    let mut allowed = crate::sandbox::Allowed::default();
    allowed.read.push(setup.request.root.clone());
    allowed.read.extend(setup.request.inputs.iter().cloned());
    allowed.read.extend(setup.config_path.iter().cloned());
    allowed.git_dirs_of(&setup.request.root);
    if store.is_some() {
        allowed.write.push(skip[0].clone());
    }
    check::sandbox(args, &allowed, false)?;
    let (files, warnings) = engine::discover::discover(&setup.request)?;
    for w in warnings {
        status.warning(&w);
    }
    let opts = engine::Options {
        max_file_size: setup.config.max_file_size,
        jobs: check::jobs(args.jobs)?,
        root: &setup.request.root,
        // Every function is kept: a config reload may tighten any threshold.
        needed: None,
        progress: None,
        stop: Some(&crate::signals::requested),
        max_memory: args.max_memory,
    };
    let first = engine::analyze(&files, &opts, store.as_ref());
    if first.interrupted {
        return Ok(crate::signals::exit().unwrap_or(Exit::Interrupted));
    }
    let mut session = Session::new(first.reports, setup.config.max_file_size);
    let tty = std::io::stdout().is_terminal();
    // Each file's rendered lines, redone only for files that changed (all, after a config reload).
    let mut by_file: BTreeMap<PathBuf, Vec<String>> = session
        .reports()
        .into_iter()
        .map(|r| (r.path.clone(), file_lines(r, &setup, &cwd, args)))
        .collect();
    let mut shown = flatten(&by_file);
    if tty {
        printer::watch_screen(
            &shown,
            &[],
            &summary(&shown, &session),
            "watching for changes…",
        );
    } else {
        printer::watch_changes(
            &shown.iter().collect::<Vec<_>>(),
            &[],
            "watching for changes",
        );
    }
    // Paths an interrupted computation drained, still to be looked at.
    let carried: RefCell<Vec<PathBuf>> = RefCell::new(Vec::new());
    while !crate::signals::requested() {
        let batch = match carried.take() {
            carried if !carried.is_empty() => Batch::Paths(carried),
            _ => match events.recv_timeout(Duration::from_millis(100)) {
                Ok(batch) => batch,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            },
        };
        let started = Instant::now();
        let (touched, rescan) = match batch {
            Batch::Paths(paths) => (paths, false),
            Batch::Rescan => (session.paths().map(Path::to_path_buf).collect(), true),
        };
        let config_changed = touched.iter().any(|p| is_config(p, &setup));
        if config_changed {
            match check::setup(args, &cwd, Status { quiet: true }, Layout::Concise)? {
                Some(new) => setup = new,
                None => printer::note(
                    "warning: the configuration has an error; the previous one stays in force",
                ),
            }
        }
        // A path the session does not know, or one that is gone: the file set may have changed.
        let rediscover =
            config_changed || rescan || touched.iter().any(|p| !session.contains(p) || !p.exists());
        let files = match rediscover {
            true => Some(engine::discover::discover(&setup.request)?.0),
            false => None,
        };
        // A directory created, moved in or replaced at the same path (`rm -rf sub; mv .new
        // sub`, a checkout) is one event for the directory: every file below it is touched.
        let touched = below_touched_dirs(touched, &session, files.as_deref());
        let session_paths: Vec<PathBuf> = session.paths().map(Path::to_path_buf).collect();
        let interrupt = || match events.drain() {
            Some(Batch::Paths(paths)) => {
                carried.borrow_mut().extend(paths.iter().cloned());
                Some(paths)
            }
            // Lost events: every file is looked at again once this computation is done.
            Some(Batch::Rescan) => {
                let all: Vec<PathBuf> = session_paths.clone();
                carried.borrow_mut().extend(all.iter().cloned());
                Some(all)
            }
            None => None,
        };
        let update = session.update(files.as_deref(), &touched, &interrupt, store.as_ref());
        // What the interrupted computation already handled need not come round again.
        carried
            .borrow_mut()
            .retain(|p| !session.contains(p) || is_config(p, &setup));
        if config_changed {
            by_file = session
                .reports()
                .into_iter()
                .map(|r| (r.path.clone(), file_lines(r, &setup, &cwd, args)))
                .collect();
        } else {
            for p in update.removed.iter().chain(&update.changed) {
                match session.report(p) {
                    Some(r) => by_file.insert(p.clone(), file_lines(r, &setup, &cwd, args)),
                    None => by_file.remove(p),
                };
            }
        }
        let now = flatten(&by_file);
        let (before, after): (BTreeSet<&String>, BTreeSet<&String>) =
            (shown.iter().collect(), now.iter().collect());
        let new: Vec<&String> = now.iter().filter(|l| !before.contains(l)).collect();
        let fixed: Vec<&String> = shown.iter().filter(|l| !after.contains(l)).collect();
        // Files whose content changed; those a configuration edit let in or left out are
        // counted as such, not as changed.
        let (added, removed) = (update.added.len(), update.removed.len());
        let n = update.changed.len() - added;
        if n + added + removed == 0 && new.is_empty() && fixed.is_empty() && !config_changed {
            continue;
        }
        let mut what = vec![format!("{n} file{} changed", printer::plural(n))];
        if config_changed {
            what.insert(0, "configuration reloaded".to_string());
        }
        if added > 0 {
            what.push(format!("{added} added"));
        }
        if removed > 0 {
            what.push(format!("{removed} removed"));
        }
        let delta = format!(
            "+{} new, −{} fixed, {}, {:.1} ms",
            new.len(),
            fixed.len(),
            what.join(", "),
            started.elapsed().as_secs_f64() * 1e3
        );
        if tty {
            printer::watch_screen(&now, &new, &summary(&now, &session), &delta);
        } else {
            printer::watch_changes(&new, &fixed, &delta);
        }
        if args.timings {
            let executed: Vec<String> = update
                .executed
                .iter()
                .map(|(q, n)| format!("{q} {n}"))
                .collect();
            printer::note(&format!(
                "queries: {}; cancelled {}",
                executed.join(", "),
                update.cancelled
            ));
        }
        drop(fixed);
        drop(new);
        shown = now;
    }
    Ok(crate::signals::exit().unwrap_or(Exit::Interrupted))
}

/// `touched` with every known or discovered file below a touched path that is not itself a
/// known file (a directory, new or replaced).
fn below_touched_dirs(
    touched: Vec<PathBuf>,
    session: &Session,
    discovered: Option<&[PathBuf]>,
) -> Vec<PathBuf> {
    let dirs: Vec<&PathBuf> = touched.iter().filter(|p| !session.contains(p)).collect();
    if dirs.is_empty() {
        return touched;
    }
    let under = |f: &Path| dirs.iter().any(|d| f != d.as_path() && f.starts_with(d));
    let mut all: Vec<PathBuf> = session
        .paths()
        .chain(discovered.unwrap_or_default().iter().map(PathBuf::as_path))
        .filter(|f| under(f))
        .map(Path::to_path_buf)
        .collect();
    all.extend(touched.iter().cloned());
    all.sort();
    all.dedup();
    all
}

fn is_config(path: &Path, setup: &Setup) -> bool {
    setup.config_path.as_deref() == Some(path)
        || setup.baseline.as_ref().is_some_and(|(_, p)| p == path)
        || path.file_name().is_some_and(|n| {
            n == ".gitignore" || n == engine::config::FILE_NAME || n == engine::config::PYPROJECT
        })
}

/// A file's violations and its error, rendered (so that a file that stops parsing, and parses
/// again, shows in the delta like a violation).
fn file_lines(
    report: engine::FileReport,
    setup: &Setup,
    cwd: &Path,
    args: &CheckArgs,
) -> Vec<String> {
    let mut judging = check::Judging::of(&setup.config, args, false, Scope::All);
    judging.baseline = setup
        .baseline
        .as_ref()
        .map(|(b, _)| (b, setup.request.root.as_path()));
    let result = check::evaluate(
        &report,
        cwd,
        &setup.entries.for_path(&report.path),
        judging,
        None,
    )
    .0;
    let error = result.error.as_ref().map(|e| {
        format!(
            "error: {}: {}",
            result.shown,
            printer::shown_text(&e.to_string())
        )
    });
    let mut lines = crate::output::violation_lines(std::slice::from_ref(&result));
    lines.extend(error);
    lines
}

/// Every current line, in report order (by path).
fn flatten(by_file: &BTreeMap<PathBuf, Vec<String>>) -> Vec<String> {
    by_file.values().flatten().cloned().collect()
}

fn summary(lines: &[String], session: &Session) -> String {
    let files: BTreeSet<&str> = lines
        .iter()
        .filter(|l| !l.starts_with("error: "))
        .filter_map(|l| l.split(':').next())
        .collect();
    let plural = |n: usize, word: &str| match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    };
    format!(
        "{} in {}; {} checked.",
        plural(lines.len(), "violation"),
        plural(files.len(), "file"),
        plural(session.paths().count(), "file")
    )
}
