//! `antipasta history`: the project's metrics at each commit, read from git's object database
//! (no checkout, the work tree untouched). Each distinct blob is computed once in a run, through
//! the same store as `check` (a blob any run has seen is not parsed again), and judged under the
//! current configuration exactly as `check` judges a file. Per commit: files, functions,
//! violations per metric and each metric's mean, p90 and max; or one file's or one function's
//! series.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use engine::Metric;
use engine::stats::FileStats;

use crate::Exit;
use crate::args::{HistoryArgs, HistoryFormat};
use crate::json::{Json, py_float};
use crate::output::FileResult;
use crate::printer::{self, Status};

/// One commit's figures.
struct Point {
    commit: engine::git::Commit,
    files: usize,
    errors: usize,
    functions: usize,
    violations: Vec<(Metric, usize)>,
    /// Per metric with values: mean, p90 (nearest rank), max over its natural rows.
    distributions: Vec<(Metric, f64, f64, f64)>,
    /// `--file`/`--function`: the series' values at this commit (none: absent).
    series: Option<Vec<(Metric, f64)>>,
    /// Where the `--file` series' file is at this commit.
    series_path: Option<String>,
}

pub(crate) fn run(args: &HistoryArgs) -> anyhow::Result<Exit> {
    let status = Status { quiet: false };
    let cwd = std::env::current_dir().context("failed to read the current directory")?;
    let repo = engine::git::Repo::discover(&cwd)?;
    let mut argv: Vec<std::ffi::OsString> = vec!["history".into()];
    if let Some(c) = &args.config {
        argv.extend(["-c".into(), c.clone().into()]);
    }
    let mut check_args = crate::check::as_check(argv)?;
    check_args.paths = args.paths.clone();
    let Some(setup) = crate::check::setup(&check_args, &cwd, status, crate::check::Layout::Legacy)?
    else {
        return Ok(Exit::Error);
    };
    let select = engine::discover::selector(&setup.request)?;
    let since = args
        .since
        .as_deref()
        .map(|s| crate::dates::since(s, crate::dates::now()))
        .transpose()?;
    let commits = repo.log(
        args.range.as_deref().unwrap_or(""),
        args.all_parents,
        args.max_count,
        since,
    )?;
    status.line(&format!(
        "Reading {} commit{}...",
        commits.len(),
        printer::plural(commits.len())
    ));
    let (store, opts) = crate::check::side_run(&args.analysis, &setup, status)?;
    let judging = crate::check::Judging::of(
        &setup.config,
        &check_args,
        true,
        engine::changed::Scope::All,
    );
    let read = |oid: &engine::store::Oid| repo.read(oid).map_err(|e| e.to_string());
    // Every distinct blob's result, computed (or found in the store) once.
    let mut known: HashMap<engine::store::Oid, Result<engine::FileMetrics, engine::FileError>> =
        HashMap::new();
    let (mut revisions, mut computed, mut cached) = (0usize, 0usize, 0usize);
    let mut points = Vec::new();
    // The `--file` series' path, followed back through pure renames (newest first).
    let mut followed: Option<(PathBuf, Option<engine::store::Oid>)> = args
        .file
        .as_ref()
        .map(|f| (repo_path(&repo, &cwd, f), None));
    // Every commit's files first, then every distinct blob in one analysis (in parallel, one
    // store transaction), then each commit judged.
    let mut trees: Vec<(engine::git::Commit, Vec<engine::git::Blob>)> = Vec::new();
    let mut unseen: Vec<engine::git::Blob> = Vec::new();
    let mut queued: std::collections::HashSet<engine::store::Oid> = Default::default();
    for commit in commits {
        if crate::signals::requested() {
            break;
        }
        let blobs: Vec<engine::git::Blob> = repo
            .files_at(&commit.id)?
            .into_iter()
            .filter(|b| select(&b.path))
            .collect();
        revisions += blobs.len();
        unseen.extend(blobs.iter().filter(|b| queued.insert(b.oid)).cloned());
        trees.push((commit, blobs));
    }
    if !unseen.is_empty() {
        // A long history on a terminal: the blobs to compute, as check's bar shows files.
        let bar = crate::progress::allowed(false, args.format == HistoryFormat::Text)
            .then(|| crate::progress::Bar::new(unseen.len()));
        let tell = |step: engine::Step| {
            if let Some(bar) = &bar {
                bar.step(step);
            }
        };
        let opts = engine::Options {
            progress: bar
                .as_ref()
                .map(|_| &tell as &(dyn Fn(engine::Step) + Sync)),
            ..opts
        };
        let analysis = engine::analyze_blobs(&unseen, &read, &opts, store.as_ref());
        if let Some(bar) = &bar {
            bar.finish();
        }
        if analysis.interrupted {
            return Ok(crate::signals::exit().unwrap_or(Exit::Interrupted));
        }
        computed += analysis.usage.computed;
        cached += analysis.usage.hits();
        for (b, r) in unseen.iter().zip(analysis.reports) {
            known.insert(b.oid, r.result);
        }
    }
    let mut judged: HashMap<(PathBuf, engine::store::Oid), Judged> = HashMap::new();
    for (commit, blobs) in trees {
        // A file at a path is judged once, whatever the number of commits that have it.
        for b in &blobs {
            judged.entry((b.path.clone(), b.oid)).or_insert_with(|| {
                let report = engine::FileReport {
                    path: b.path.clone(),
                    result: known[&b.oid].clone(),
                    content: None,
                };
                let gates = setup.entries.for_path(&b.path);
                let result = crate::check::evaluate(&report, &cwd, &gates, judging, None).0;
                let stats = report
                    .result
                    .is_ok()
                    .then(|| FileStats::from_rows(b.path.clone(), &result.rows));
                Judged { result, stats }
            });
        }
        let files: Vec<&Judged> = blobs
            .iter()
            .map(|b| &judged[&(b.path.clone(), b.oid)])
            .collect();
        let series_path = match &mut followed {
            Some((path, newer_oid)) => {
                let here = blobs.iter().find(|b| b.path == *path);
                match (here, *newer_oid) {
                    (Some(b), _) => *newer_oid = Some(b.oid),
                    // Gone under its name: a pure rename brings the same blob from another path.
                    (None, Some(oid)) => {
                        if let Some(b) = blobs.iter().find(|b| b.oid == oid) {
                            *path = b.path.clone();
                        }
                    }
                    (None, None) => {}
                }
                Some(path.clone())
            }
            None => None,
        };
        points.push(point(
            commit,
            &files,
            args.function.as_deref(),
            series_path.as_deref(),
        ));
    }
    std::mem::forget(store);
    let interrupted = crate::signals::exit();
    let text = match args.format {
        HistoryFormat::Text => text(&points, args),
        HistoryFormat::Json => json(&points, args),
        HistoryFormat::Csv => csv(&points, args),
    };
    printer::out(&text);
    status.line(&format!(
        "{} commits, {revisions} file revisions, {} distinct blobs: {computed} parsed, {cached} from the cache.",
        points.len(),
        known.len()
    ));
    Ok(interrupted.unwrap_or(Exit::Clean))
}

/// `file` (relative to the current directory) as git names it: in the repository's work tree.
fn repo_path(repo: &engine::git::Repo, cwd: &Path, file: &Path) -> PathBuf {
    let abs = crate::check::absolute(cwd, file);
    match abs.exists() || file.is_absolute() {
        true => abs,
        false => repo.workdir().join(file),
    }
}

/// A file at a path, judged: its result as `check` reports it, and its statistics (none for a
/// file that could not be analysed).
struct Judged {
    result: FileResult,
    stats: Option<FileStats>,
}

fn point(
    commit: engine::git::Commit,
    files: &[&Judged],
    function: Option<&str>,
    file: Option<&Path>,
) -> Point {
    let results = files.iter().map(|j| &j.result);
    let mut violations: Vec<(Metric, usize)> = Metric::ALL.iter().map(|m| (*m, 0)).collect();
    for v in results.clone().flat_map(|r| &r.violations) {
        if let Some(n) = violations.iter_mut().find(|(m, _)| *m == v.row.metric) {
            n.1 += 1;
        }
    }
    let stats: Vec<&FileStats> = files.iter().filter_map(|j| j.stats.as_ref()).collect();
    let mut distributions = Vec::new();
    for &m in Metric::ALL {
        let mut values: Vec<f64> = stats
            .iter()
            .flat_map(|s| s.natural.iter().filter(|(x, _)| *x == m).map(|(_, v)| *v))
            .collect();
        if values.is_empty() {
            continue;
        }
        values.sort_by(f64::total_cmp);
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        let p90 = engine::stats::percentile(&values, 90);
        distributions.push((m, mean, p90, values[values.len() - 1]));
    }
    let series = match (function, file) {
        (Some(q), _) => {
            let rows: Vec<(Metric, f64)> = results
                .clone()
                .flat_map(|r| &r.rows)
                .filter(|row| row.qualname.as_deref() == Some(q) && !row.is_aggregate())
                .map(|row| (row.metric, row.value))
                .collect();
            (!rows.is_empty()).then_some(rows)
        }
        (None, Some(path)) => results.clone().find(|r| r.file == path).map(|r| {
            r.rows
                .iter()
                .filter(|row| row.qualname.is_none())
                .map(|row| (row.metric, row.value))
                .collect()
        }),
        (None, None) => None,
    };
    Point {
        commit,
        files: files.len(),
        errors: results.filter(|r| r.error.is_some()).count(),
        functions: stats.iter().map(|s| s.functions.len()).sum(),
        violations,
        distributions,
        series,
        series_path: file.map(|p| p.display().to_string()),
    }
}

fn date(t: i64) -> String {
    crate::dates::utc(t)[..10].to_string()
}

fn total(p: &Point) -> usize {
    p.violations.iter().map(|(_, n)| n).sum()
}

fn text(points: &[Point], args: &HistoryArgs) -> String {
    let mut out = String::new();
    for p in points {
        let short = &p.commit.id[..p.commit.id.len().min(10)];
        match (&args.function, &args.file) {
            (None, None) => {
                let by: Vec<String> = p
                    .violations
                    .iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(m, n)| format!("{} {n}", m.name()))
                    .collect();
                let cc = p
                    .distributions
                    .iter()
                    .find(|d| d.0 == Metric::CyclomaticComplexity)
                    .map_or(String::new(), |d| {
                        format!("; cyclomatic mean {:.2}, p90 {}, max {}", d.1, d.2, d.3)
                    });
                out.push_str(&format!(
                    "{}  {short}  {} files, {} functions, {} violations{}{cc}  {}\n",
                    date(p.commit.time),
                    p.files,
                    p.functions,
                    total(p),
                    match by.is_empty() {
                        true => String::new(),
                        false => format!(" ({})", by.join(", ")),
                    },
                    p.commit.summary
                ));
            }
            _ => {
                let values = match &p.series {
                    Some(v) => v
                        .iter()
                        .map(|(m, x)| {
                            format!("{} {}", m.name(), engine::finding::value_text(*m, *x))
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                    None => "-".to_string(),
                };
                out.push_str(&format!("{}  {short}  {values}\n", date(p.commit.time)));
            }
        }
    }
    out
}

fn json(points: &[Point], args: &HistoryArgs) -> String {
    let items = points
        .iter()
        .map(|p| {
            let mut fields = vec![
                ("commit", Json::str(&p.commit.id)),
                ("date", Json::str(crate::dates::utc(p.commit.time))),
                ("summary", Json::str(&p.commit.summary)),
                ("files", Json::Int(p.files as i64)),
                ("files_with_errors", Json::Int(p.errors as i64)),
                ("functions", Json::Int(p.functions as i64)),
                ("total_violations", Json::Int(total(p) as i64)),
                (
                    "violations",
                    Json::Obj(
                        p.violations
                            .iter()
                            .map(|(m, n)| (m.name(), Json::Int(*n as i64)))
                            .collect(),
                    ),
                ),
                (
                    "distributions",
                    Json::Obj(
                        p.distributions
                            .iter()
                            .map(|(m, mean, p90, max)| {
                                (
                                    m.name(),
                                    Json::Obj(vec![
                                        ("mean", Json::Float(*mean)),
                                        ("p90", Json::Float(*p90)),
                                        ("max", Json::Float(*max)),
                                    ]),
                                )
                            })
                            .collect(),
                    ),
                ),
            ];
            if args.function.is_some() || args.file.is_some() {
                fields.push((
                    "series",
                    Json::opt(p.series.as_ref(), |s| {
                        Json::Obj(s.iter().map(|(m, v)| (m.name(), Json::Float(*v))).collect())
                    }),
                ));
            }
            if let Some(path) = &p.series_path {
                fields.push(("path", Json::str(path)));
            }
            Json::Obj(fields)
        })
        .collect();
    Json::Arr(items).pretty() + "\n"
}

fn csv(points: &[Point], args: &HistoryArgs) -> String {
    let series = args.function.is_some() || args.file.is_some();
    let mut header = vec![
        "date".to_string(),
        "commit".into(),
        "files".into(),
        "functions".into(),
        "violations".into(),
    ];
    for m in Metric::ALL {
        match series {
            true => header.push(m.name().to_string()),
            false => {
                header.push(format!("{}_violations", m.name()));
                for s in ["mean", "p90", "max"] {
                    header.push(format!("{}_{s}", m.name()));
                }
            }
        }
    }
    let mut out = header.join(",") + "\n";
    for p in points {
        let mut cells = vec![
            crate::dates::utc(p.commit.time),
            p.commit.id.clone(),
            p.files.to_string(),
            p.functions.to_string(),
            total(p).to_string(),
        ];
        for m in Metric::ALL {
            match series {
                true => cells.push(
                    p.series
                        .as_ref()
                        .and_then(|s| s.iter().find(|(x, _)| x == m))
                        .map_or(String::new(), |(_, v)| py_float(*v)),
                ),
                false => {
                    let n = p
                        .violations
                        .iter()
                        .find(|(x, _)| x == m)
                        .map_or(0, |(_, n)| *n);
                    cells.push(n.to_string());
                    match p.distributions.iter().find(|d| d.0 == *m) {
                        Some((_, mean, p90, max)) => {
                            cells.extend([py_float(*mean), py_float(*p90), py_float(*max)])
                        }
                        None => cells.extend([String::new(), String::new(), String::new()]),
                    }
                }
            }
        }
        out.push_str(&(cells.join(",") + "\n"));
    }
    out
}
