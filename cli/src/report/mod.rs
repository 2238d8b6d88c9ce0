//! `antipasta report` (compat-spec §2.11): the snapshot of a run (schema version 2, as 1.2 writes
//! it: a 1.2 baseline diffs here and the other way round), written as one offline HTML page or as
//! JSON; `--top N`, `--save-baseline`, `--baseline FILE` with the delta summary. stdout carries
//! only the report; diagnostics go to stderr. Exit 0 whatever the violations; 2 for errors.

mod diff;
mod html;
mod snapshot;

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::Exit;
use crate::args::{ReportArgs, ReportFormat};
use crate::printer::{self, Status};

pub(crate) fn run(args: &ReportArgs) -> anyhow::Result<Exit> {
    let status = Status { quiet: false };
    let cwd = std::env::current_dir().context("failed to read the current directory")?;
    let mut argv: Vec<std::ffi::OsString> = vec!["report".into()];
    if let Some(c) = &args.config {
        argv.extend(["-c".into(), c.clone().into()]);
    }
    for (flag, paths) in [("-f", &args.files), ("-d", &args.directory)] {
        for p in paths {
            argv.extend([flag.into(), p.clone().into()]);
        }
    }
    argv.extend(args.select.argv());
    let check_args = crate::check::as_check(argv)?;
    // The baseline first: a run is not worth making against a file that cannot be read.
    let baseline = match &args.baseline {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| {
                format!("failed to read the baseline {}", printer::shown_path(path))
            })?;
            let value: serde_json::Value = serde_json::from_str(&text).with_context(|| {
                format!(
                    "the baseline {} is not a JSON snapshot",
                    printer::shown_path(path)
                )
            })?;
            Some((path.clone(), value))
        }
        None => None,
    };
    let Some(setup) = crate::check::setup(&check_args, &cwd, status, crate::check::Layout::Legacy)?
    else {
        return Ok(Exit::Error);
    };
    let (files, warnings) = engine::discover::discover(&setup.request)?;
    for w in warnings {
        status.warning(&w);
    }
    if files.is_empty() {
        printer::note("antipasta: error: no files found to analyse");
        return Ok(Exit::Error);
    }
    status.line(&format!(
        "Analyzing {} file{}...",
        files.len(),
        printer::plural(files.len())
    ));
    let (store, opts) = crate::check::side_run(&args.analysis, &setup, status)?;
    let analysis = engine::analyze(&files, &opts, store.as_ref());
    std::mem::forget(store);
    if analysis.interrupted {
        return Ok(crate::signals::exit().unwrap_or(Exit::Interrupted));
    }
    // Paths relative to the directory analysed (the one `-d`, else the current directory).
    let base = match args.directory.as_slice() {
        [one] => crate::check::absolute(&cwd, one),
        _ => cwd,
    };
    let judging = crate::check::Judging::of(
        &setup.config,
        &check_args,
        true,
        engine::changed::Scope::All,
    );
    let mut results: Vec<crate::output::FileResult> = analysis
        .reports
        .iter()
        .map(|r| {
            let gates = setup.entries.for_path(&r.path);
            crate::check::evaluate(r, &base, &gates, judging, None).0
        })
        .collect();
    results.sort_by(|a, b| a.path.cmp(&b.path));
    let root = match args.directory.as_slice() {
        [one] => one.display().to_string(),
        _ => ".".to_string(),
    };
    let label = base
        .file_name()
        .map_or(root.clone(), |n| n.to_string_lossy().into_owned());
    let snapshot = snapshot::build(&results, &root, &label, &setup.config, crate::dates::now());
    let snapshot_text = snapshot.pretty() + "\n";
    // Where the side texts go: stdout when the report goes to a file, else stderr.
    let side = |text: &str| match args.output.is_some() {
        true => printer::out(text),
        false => printer::note(text.trim_end()),
    };
    drop(snapshot);
    let new: serde_json::Value =
        serde_json::from_str(&snapshot_text).context("the snapshot is JSON")?;
    let top = args.top.map(|n| top(&new, n));
    let mut payload = None;
    if let Some((path, old)) = &baseline {
        let d = diff::diff(old, &new);
        let name = path.file_name().map_or(path.display().to_string(), |n| {
            n.to_string_lossy().into_owned()
        });
        payload = Some(diff::payload(&d, old, &name).compact());
        side(&diff::text(&d, &name));
    }
    let text = match args.format {
        ReportFormat::Json => snapshot_text.clone(),
        ReportFormat::Html => {
            let data = format!(
                "{{\"snapshot\":{},\"baseline\":{}}}",
                html::page_data(new),
                payload.as_deref().unwrap_or("null")
            );
            html::render(&label, &data).map_err(anyhow::Error::msg)?
        }
    };
    match &args.output {
        Some(path) => {
            crate::output::write_atomically(path, &text)
                .with_context(|| format!("failed to write {}", printer::shown_path(path)))?;
            status.line(&format!("Report written to {}", path.display()));
        }
        None => printer::out(&text),
    }
    if args.save_baseline {
        let path = baseline_path(args.output.as_deref());
        crate::output::write_atomically(&path, &snapshot_text)
            .with_context(|| format!("failed to write {}", printer::shown_path(&path)))?;
        status.line(&format!("Baseline snapshot written to {}", path.display()));
    }
    if let Some(top) = &top {
        side(top);
    }
    if args.open && args.format == ReportFormat::Html {
        open(args.output.as_deref(), status);
    }
    Ok(Exit::Clean)
}

/// `<output without its extension>.baseline.json`, or `report.baseline.json`.
fn baseline_path(output: Option<&Path>) -> PathBuf {
    match output {
        Some(p) => p.with_extension("baseline.json"),
        None => PathBuf::from("report.baseline.json"),
    }
}

/// A function ranked by `--top`.
struct Ranked<'a> {
    score: f64,
    cyc: Option<f64>,
    cog: Option<f64>,
    name: &'a str,
    path: &'a str,
    line: u64,
}

/// The N worst functions of the snapshot (its functions, already merged by qualified name) by
/// max(cyclomatic, cognitive), ties by path then name.
fn top(snapshot: &serde_json::Value, n: usize) -> String {
    let mut functions: Vec<Ranked<'_>> = Vec::new();
    for file in snapshot["files"].as_array().into_iter().flatten() {
        let path = file["path"].as_str().unwrap_or("");
        for f in file["functions"].as_array().into_iter().flatten() {
            let cyc = f["metrics"]["cyclomatic_complexity"].as_f64();
            let cog = f["metrics"]["cognitive_complexity"].as_f64();
            let Some(score) = [cyc, cog].into_iter().flatten().reduce(f64::max) else {
                continue;
            };
            functions.push(Ranked {
                score,
                cyc,
                cog,
                name: f["name"].as_str().unwrap_or(""),
                path,
                line: f["line"].as_u64().unwrap_or(0),
            });
        }
    }
    functions.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| (a.path, a.name).cmp(&(b.path, b.name)))
    });
    let num = |v: Option<f64>| {
        v.map_or("-".to_string(), |v| {
            crate::json::py_float(v).trim_end_matches(".0").to_string()
        })
    };
    let mut rows: Vec<[String; 6]> = vec![[
        "#".into(),
        "score".into(),
        "cyc".into(),
        "cog".into(),
        "function".into(),
        "location".into(),
    ]];
    for (i, f) in functions.iter().take(n).enumerate() {
        rows.push([
            (i + 1).to_string(),
            num(Some(f.score)),
            num(f.cyc),
            num(f.cog),
            f.name.to_string(),
            format!("{}:{}", f.path, f.line),
        ]);
    }
    let widths: Vec<usize> = (0..6)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
    };
    let mut out = line(&rows[0]) + "\n";
    out.push_str(&line(
        &widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>(),
    ));
    out.push('\n');
    for r in &rows[1..] {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}

/// `--open`: the desktop's opener, when there is one.
fn open(path: Option<&Path>, status: Status) {
    let Some(path) = path else {
        status.warning("--open needs -o FILE: the report went to stdout");
        return;
    };
    let opened = std::process::Command::new("xdg-open")
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok();
    if !opened {
        status.warning(&format!(
            "could not open a browser (no xdg-open); open {} yourself",
            path.display()
        ));
    }
}
