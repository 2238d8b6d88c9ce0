//! `antipasta check` and `antipasta metrics`: config, overrides, discovery, analysis, report.

use std::path::{Path, PathBuf};

use anyhow::Context;
use engine::FileReport;
use engine::check;
use engine::config::{self, Config, MetricType};

use crate::Exit;
use crate::args::{CheckArgs, Format, ScopeArg};
use crate::output::{self, FileResult, Spec};
use crate::printer::{self, Status};
use engine::changed::Scope;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Layout {
    /// One line per violation, ruff style.
    Concise,
    /// The antipasta 1.x block report.
    Legacy,
}

pub(crate) fn run(args: &CheckArgs, layout: Layout) -> anyhow::Result<Exit> {
    run_or_record(args, layout, None)
}

/// `check`, or with `record` (`baseline create|update`) the run that writes the baseline there
/// (its own baseline and partial file lists refused by the caller) instead of reporting.
pub(crate) fn run_or_record(
    args: &CheckArgs,
    layout: Layout,
    record: Option<&crate::baseline::Record>,
) -> anyhow::Result<Exit> {
    let started = std::time::Instant::now();
    let cwd = std::env::current_dir().context("failed to read the current directory")?;
    let status = Status {
        quiet: args.quiet || args.show_settings || args.show_files,
    };
    let Some(setup) = setup(args, &cwd, status, layout)? else {
        return Ok(Exit::Error);
    };
    if args.show_settings {
        printer::out(&crate::settings::show(&setup, args, &cwd));
        return Ok(Exit::Clean);
    }
    let Setup {
        config,
        config_path,
        entries,
        request,
        explicit_inputs,
        baseline,
    } = setup;
    let discover_start = std::time::Instant::now();
    let changed_run = args.staged || args.diff.is_some();
    let repo = match changed_run {
        true => Some(engine::git::Repo::discover(&cwd)?),
        false => None,
    };
    // Changed-code runs: per file, the blob of its earlier version (HEAD's, or REV's).
    let mut earlier: Vec<Option<engine::store::Oid>> = Vec::new();
    let mut staged: Option<Vec<engine::git::Blob>> = None;
    let files: Vec<PathBuf> = match (&repo, args.staged, &args.diff) {
        (Some(repo), true, _) => {
            // The whole staged set, unless paths narrow it.
            let mut select = request.clone();
            if !explicit_inputs {
                select.inputs.clear();
            }
            let mut blobs = Vec::new();
            let mut pairs = repo.staged()?;
            // Files named on the command line that are not staged (`pre-commit run --all-files`
            // with `args: [--staged]` names every file): their index content, checked in full.
            let named: Vec<&PathBuf> = match explicit_inputs {
                true => request.inputs.iter().filter(|p| !p.is_dir()).collect(),
                false => Vec::new(),
            };
            if !named.is_empty() {
                let staged_paths: std::collections::HashSet<PathBuf> =
                    pairs.iter().map(|(b, _)| b.path.clone()).collect();
                let named: std::collections::HashSet<&PathBuf> = named.into_iter().collect();
                for blob in repo.index_files()? {
                    if named.contains(&blob.path) && !staged_paths.contains(&blob.path) {
                        pairs.push((blob, None));
                    }
                }
            }
            pairs.sort_by(|a, b| a.0.path.cmp(&b.0.path));
            for (blob, before) in pairs {
                if !engine::discover::selects(&select, &blob.path)? {
                    continue;
                }
                if let Some(w) = engine::discover::governed_elsewhere(&select, &blob.path) {
                    status.warning(&w);
                } else {
                    blobs.push(blob);
                    earlier.push(before);
                }
            }
            let files = blobs.iter().map(|b| b.path.clone()).collect();
            staged = Some(blobs);
            files
        }
        (repo, _, rev) => {
            let (files, walk_warnings) = engine::discover::discover(&request)?;
            for w in walk_warnings {
                status.warning(&w);
            }
            if let (Some(repo), Some(rev)) = (repo, rev) {
                let (base, how) = repo.diff_base(rev)?;
                status.line(&format!(
                    "Comparing with {how} ({})",
                    &base[..base.len().min(12)]
                ));
                let at: std::collections::HashMap<PathBuf, engine::store::Oid> = repo
                    .files_at(&base)?
                    .into_iter()
                    .map(|b| (b.path, b.oid))
                    .collect();
                // A file new under its path whose bytes are a file the base had at a path now
                // gone was renamed: it keeps that history (as `--staged` does).
                let now: std::collections::HashSet<&PathBuf> = files.iter().collect();
                let gone: std::collections::HashSet<engine::store::Oid> = at
                    .iter()
                    .filter(|(p, _)| !now.contains(p))
                    .map(|(_, oid)| *oid)
                    .collect();
                earlier = files
                    .iter()
                    .map(|f| match at.get(f) {
                        Some(oid) => Some(*oid),
                        None if gone.is_empty() => None,
                        None => repo.blob_id_of(f).filter(|oid| gone.contains(oid)),
                    })
                    .collect();
            }
            files
        }
    };
    let discover_time = discover_start.elapsed();
    tracing::debug!(
        target: "antipasta",
        files = files.len(),
        root = %request.root.display(),
        discover_ms = discover_time.as_secs_f64() * 1e3,
        "discovered"
    );
    if args.show_files {
        let list: String = files
            .iter()
            .map(|f| format!("{}\n", printer::shown_path(&relative(f, &cwd))))
            .collect();
        printer::out(&list);
        return Ok(Exit::Clean);
    }
    let (outputs, main_format) = outputs(args, layout)?;
    if files.is_empty() {
        match args.staged {
            true => status.line("No staged files to check."),
            false => status.warning("No files found to analyze"),
        }
        // A machine reader still gets its document (`total_files: 0`, an empty SARIF run).
        let none = |_: &FileResult| None;
        let report = output::Report {
            results: &[],
            findings: &[],
            problems: &[],
            source: &none,
            quiet: status.quiet,
            pool: None,
        };
        let machine: Vec<Spec> = outputs
            .into_iter()
            .filter(|o| !o.format.is_human())
            .collect();
        emit(&machine, &report)?;
        return Ok(Exit::Clean);
    }
    status.line(&format!(
        "Analyzing {} file{}...",
        files.len(),
        printer::plural(files.len())
    ));
    let cache_dir = engine::store::cache_dir(args.cache_dir.as_deref(), &request.root);
    let store = if args.cache_disabled()? {
        None
    } else {
        crate::cache::open(&cache_dir, args.cache_max_size, status)?
    };
    let scope = match (changed_run, args.scope) {
        (false, _) | (_, ScopeArg::All) => Scope::All,
        (true, ScopeArg::ChangedFunctions) => Scope::ChangedFunctions,
        (true, ScopeArg::ChangedFiles) => Scope::ChangedFiles,
    };
    // A text report shows violations only: a stored file whose function rows all pass is not
    // decoded beyond its module metrics. A changed-code scope compares every function.
    let metrics_format = match &args.metrics_file {
        Some(path) => Some(
            crate::run_metrics::Format::of(args.metrics_format.as_deref(), path)
                .map_err(anyhow::Error::msg)?,
        ),
        None => None,
    };
    let debug = crate::logging::debug();
    // The run metrics count the functions and find the worst value of each metric: every
    // function is decoded (their rows are built per file and dropped, not kept).
    let run_metrics = metrics_format.is_some() || debug;
    let with_rows = args.statistics.is_some() || outputs.iter().any(|o| o.format.needs_rows());
    // Unused suppression comments are reported on full runs (not on changed code, not in a
    // hook), so a file with comments on its functions is decoded whole there.
    let report_unused = !changed_run && !args.no_ignore && !crate::args::env_flag("PRE_COMMIT")?;
    let needed = |i: usize, s: &check::Summary| {
        (report_unused && s.ignores > 0)
            || check::functions_can_fail(s, &entries.for_path(&files[i]))
    };
    let bar = crate::progress::allowed(status.quiet, main_format.is_human())
        .then(|| crate::progress::Bar::new(files.len()));
    let tell = |step: engine::Step| {
        if let Some(bar) = &bar {
            bar.step(step);
        }
    };
    let opts = engine::Options {
        max_file_size: config.max_file_size,
        jobs: jobs(args.jobs)?,
        root: &request.root,
        needed: match with_rows || run_metrics || scope != Scope::All {
            true => None,
            false => Some(&needed),
        },
        progress: bar
            .as_ref()
            .map(|_| &tell as &(dyn Fn(engine::Step) + Sync)),
        stop: Some(&crate::signals::requested),
        max_memory: args.max_memory,
    };
    let read = |oid: &engine::store::Oid| {
        let repo = repo.as_ref().expect("blobs come from a repository");
        repo.read(oid).map_err(|e| e.to_string())
    };
    // Before the first file is read: the sandbox binds this thread and the analysis threads,
    // which the analysis starts.
    let writes_into_the_project = record.is_some() || args.add_ignore.is_some();
    let mut allowed = crate::sandbox::Allowed::default();
    allowed.read.push(request.root.clone());
    // An input given by a link is read where it points.
    allowed.read.extend(request.inputs.iter().cloned());
    allowed
        .read
        .extend(request.inputs.iter().filter_map(|i| i.canonicalize().ok()));
    allowed.read.extend(config_path.iter().cloned());
    allowed
        .read
        .extend(baseline.as_ref().map(|(_, p)| p.clone()));
    allowed.git_dirs_of(&request.root);
    if store.is_some() {
        allowed.write.push(cache_dir.clone());
    }
    for path in outputs.iter().filter_map(|o| o.path.as_ref()) {
        allowed.write_file(path, &cwd);
    }
    if let Some(path) = &args.metrics_file {
        allowed.write_file(path, &cwd);
    }
    sandbox(args, &allowed, writes_into_the_project)?;
    let analysis = match &staged {
        Some(blobs) => engine::analyze_blobs(blobs, &read, &opts, store.as_ref()),
        None => engine::analyze(&files, &opts, store.as_ref()),
    };
    if let Some(bar) = &bar {
        bar.finish();
    }
    if let Some(m) = &analysis.memory {
        crate::printer::memory_budget(m, status);
    }
    if analysis.interrupted {
        // What was computed is in the store; the report of a partial run would mislead a gate.
        if let Some(e) = &analysis.usage.write_error {
            status.warning(e);
        }
        std::mem::forget(store);
        printer::note(&format!(
            "antipasta: interrupted; {} file{} computed and kept in the cache, nothing reported",
            analysis.usage.computed,
            printer::plural(analysis.usage.computed)
        ));
        return Ok(crate::signals::exit().unwrap_or(Exit::Interrupted));
    }
    // The earlier versions, from their blobs (stored by content like any other).
    let old: Vec<Option<engine::FileMetrics>> = if scope != Scope::All {
        let blobs: Vec<engine::git::Blob> = files
            .iter()
            .zip(&earlier)
            .filter_map(|(path, oid)| {
                Some(engine::git::Blob {
                    path: path.clone(),
                    oid: (*oid)?,
                })
            })
            .collect();
        let mut before = engine::analyze_blobs(&blobs, &read, &opts, store.as_ref())
            .reports
            .into_iter();
        earlier
            .iter()
            .map(|oid| oid.and_then(|_| before.next()?.result.ok()))
            .collect()
    } else {
        Vec::new()
    };
    let usage = &analysis.usage;
    let cached = usage.hits();
    if let Some(e) = &usage.write_error {
        status.warning(e);
    }
    if let Some(store) = &store
        && !store.is_read_only()
    {
        engine::store::save_last_run(&cache_dir, files.len(), usage);
    }
    let cache_file = store
        .as_ref()
        .map(|_| engine::store::env_dir(&cache_dir).join("data.mdb"));
    // Kept mapped until the exit releases it with the rest: unmapping the store's 1 GiB map here,
    // with the analysis threads alive, costs every core a TLB shootdown (a warm stdlib run:
    // 38.7 → 30.2 ms of CPU, `perf stat -r 40`).
    std::mem::forget(store);
    let reports = analysis.reports;
    let report_start = std::time::Instant::now();
    let mut judging = Judging::of(&config, args, with_rows, scope);
    judging.baseline = baseline.as_ref().map(|(b, _)| (b, request.root.as_path()));
    // Judged and rendered on the analysis threads: a warm run's report is most of its work.
    let pool = engine::analyze::pool(opts.jobs);
    let evaluated: Vec<(FileResult, usize)> = pool.install(|| {
        use rayon::prelude::*;
        reports
            .par_iter()
            .enumerate()
            .map(|(i, r)| {
                let old = old.get(i).and_then(Option::as_ref);
                let gates = entries.for_path(&r.path);
                evaluate(r, &cwd, &gates, judging, old)
            })
            .collect()
    });
    let left_out: usize = evaluated.iter().map(|(_, n)| n).sum();
    let results: Vec<FileResult> = evaluated.into_iter().map(|(r, _)| r).collect();

    if let Some(record) = record {
        return crate::baseline::write(record, &results, &reports, &request.root, &config, status);
    }
    if let Some(reason) = &args.add_ignore {
        return crate::add_ignore::run(&results, &reports, &entries, judging, reason, status);
    }
    let uri_root = std::env::var_os("CI_PROJECT_DIR")
        .filter(|_| outputs.iter().any(|o| o.format == output::Format::Gitlab))
        .map(PathBuf::from)
        .or_else(|| crate::settings::git_root(&cwd))
        .unwrap_or_else(|| request.root.clone());
    // Built only for the formats that read them (concise, full, legacy and json do not).
    let findings = match outputs.iter().any(|o| o.format.needs_findings()) {
        true => output::findings(&results, &uri_root),
        false => Vec::new(),
    };
    // `full`'s frames show the text analysed: the index's for `--staged`.
    let source = |r: &FileResult| {
        let bytes = match &staged {
            Some(blobs) => read(&blobs.iter().find(|b| b.path == r.file)?.oid).ok()?,
            None => std::fs::read(&r.file).ok()?,
        };
        engine::source::decode(bytes).ok()
    };
    let problems = output::problems(&results, &uri_root, config.fail_on_file_errors);
    let report = output::Report {
        results: &results,
        findings: &findings,
        problems: &problems,
        source: &source,
        quiet: status.quiet,
        pool: Some(pool),
    };
    emit(&outputs, &report)?;
    if main_format != output::Format::Legacy {
        output::file_errors(&results, config.fail_on_file_errors);
    }
    if main_format.is_human() && main_format != output::Format::Legacy {
        let facts = output::RunFacts {
            cached,
            elapsed: started.elapsed(),
        };
        status.line(&output::summary(&results, facts));
    }
    if let Some(top) = args.statistics {
        let text = output::statistics(&results, top);
        match outputs
            .iter()
            .any(|o| o.path.is_none() && o.format.is_human())
        {
            true => printer::out(&text),
            false => printer::note(text.trim_end()),
        }
    }
    output::left_out(left_out, status);
    if let Some((b, _)) = &baseline {
        let full = !changed_run && !explicit_inputs && !crate::args::env_flag("PRE_COMMIT")?;
        output::baseline_summary(b, &results, full, status);
    }
    let mut unused = 0;
    for r in &results {
        for w in &r.suppression.invalid {
            status.warning(&format!("{}: {w}", r.shown));
        }
        if report_unused {
            for u in &r.suppression.unused {
                unused += 1;
                output::unused_ignore(&r.shown, u, args.report_unused_ignores, status);
            }
        }
    }
    let errors = results.iter().filter(|r| r.error.is_some()).count();
    let violations: usize = results.iter().map(|r| r.violations.len()).sum();
    let times = printer::RunTimes {
        discover: discover_time,
        engine: analysis.timings,
        report: report_start.elapsed(),
        total: started.elapsed(),
        files: files.len(),
        errors,
        usage: analysis.usage,
    };
    if args.timings || debug {
        printer::timings(&times);
    }
    if run_metrics {
        let measured = crate::run_metrics::Measured {
            times: &times,
            workers: pool.current_num_threads(),
            cache_file: cache_file.as_deref(),
            mi_multi: judging.mi_multi,
        };
        let metrics = crate::run_metrics::gather(&results, &reports, &measured);
        if let (Some(path), Some(format)) = (&args.metrics_file, metrics_format) {
            output::write_atomically(path, &crate::run_metrics::render(format, &metrics))
                .with_context(|| format!("failed to write {}", printer::shown_path(path)))?;
        }
        if debug {
            printer::debug_metrics(&metrics);
        }
    }
    // Freeing every result one by one (allocated on other threads) costs more than the exit that
    // releases them at once.
    std::mem::forget(results);
    std::mem::forget(reports);
    Ok(if args.exit_zero {
        Exit::Clean
    } else if errors > 0 && config.fail_on_file_errors {
        Exit::Error
    } else if violations > 0 || (args.report_unused_ignores && unused > 0) {
        Exit::Violations
    } else {
        Exit::Clean
    })
}

/// Restricts the process to `allowed` unless `--no-sandbox` (or `ANTIPASTA_NO_SANDBOX`), or the
/// run writes into the project by design (`--add-ignore`, `baseline create|update`).
pub(crate) fn sandbox(
    args: &CheckArgs,
    allowed: &crate::sandbox::Allowed,
    writes_into_the_project: bool,
) -> anyhow::Result<()> {
    let off = if args.no_sandbox || crate::args::env_flag("ANTIPASTA_NO_SANDBOX")? {
        Some("--no-sandbox".to_string())
    } else if writes_into_the_project {
        Some("this run writes into the project".to_string())
    } else {
        None
    };
    match off {
        Some(why) => tracing::debug!(target: "antipasta", "sandbox: off ({why})"),
        None => match crate::sandbox::apply(allowed) {
            crate::sandbox::Sandbox::Enforced { partially } => tracing::debug!(
                target: "antipasta",
                read = ?allowed.read,
                write = ?allowed.write,
                "sandbox: Landlock {}",
                if partially { "partially enforced (an older kernel)" } else { "enforced" }
            ),
            crate::sandbox::Sandbox::Off(why) => {
                tracing::debug!(target: "antipasta", "sandbox: off ({why})")
            }
        },
    }
    Ok(())
}

/// What the run writes where: `--output-format`'s, and stdout's own format unless one of them
/// goes there (`--output-file` sends it to a file); and that main format, the one the summary,
/// the file errors and the progress bar follow.
fn outputs(args: &CheckArgs, layout: Layout) -> anyhow::Result<(Vec<Spec>, output::Format)> {
    let mut outputs = output::parse(&args.output_format).map_err(anyhow::Error::msg)?;
    let main = match outputs.iter().position(|o| o.path.is_none()) {
        Some(i) => i,
        None => {
            let format = match (args.format, layout) {
                (Format::Json, _) => output::Format::Json,
                (Format::Text, Layout::Concise) => output::Format::Concise,
                (Format::Text, Layout::Legacy) => output::Format::Legacy,
            };
            outputs.push(Spec { format, path: None });
            outputs.len() - 1
        }
    };
    outputs[main].path.clone_from(&args.output_file);
    let format = outputs[main].format;
    Ok((outputs, format))
}

/// Renders every output: stdout's (coloured when it is a human format on a terminal), then the
/// files (never coloured).
fn emit(outputs: &[Spec], report: &output::Report<'_>) -> anyhow::Result<()> {
    for o in outputs {
        match &o.path {
            None => {
                let paint = match o.format.is_human() {
                    true => crate::color::stdout(),
                    false => crate::color::Paint::PLAIN,
                };
                printer::out(&output::render(o.format, report, paint));
            }
            Some(path) => {
                let text = output::render(o.format, report, crate::color::Paint::PLAIN);
                output::write_atomically(path, &text)
                    .with_context(|| format!("failed to write {}", printer::shown_path(path)))?;
            }
        }
    }
    Ok(())
}

/// Everything a run needs before it looks at files: the configuration with the command line's
/// overrides, the thresholds, and what to discover.
pub(crate) struct Setup {
    pub(crate) config: Config,
    pub(crate) config_path: Option<PathBuf>,
    /// The thresholds, per file (per-path overrides).
    pub(crate) entries: config::Thresholds,
    pub(crate) request: engine::discover::Request,
    /// Paths were given (else the current directory).
    pub(crate) explicit_inputs: bool,
    /// The baseline the run gates with (`--baseline`, the config's `baseline:`), and its file.
    pub(crate) baseline: Option<(engine::baseline::Baseline, PathBuf)>,
}

/// `None` when the configuration or an override is wrong (already reported: exit 2).
pub(crate) fn setup(
    args: &CheckArgs,
    cwd: &Path,
    status: Status,
    layout: Layout,
) -> anyhow::Result<Option<Setup>> {
    let Some(crate::settings::RunConfig {
        mut config,
        path: config_path,
        closest,
    }) = crate::settings::load(args, cwd, status)
    else {
        return Ok(None);
    };
    if args.no_gitignore {
        config.use_gitignore = false;
    }
    if args.force_analyze {
        status.line("Force analyzing all files (ignoring exclusions)...");
    } else if !args.include.is_empty() {
        status.line(&format!("Including patterns: {}", args.include.join(", ")));
    }
    if !args.force_analyze && !args.exclude.is_empty() {
        for p in &args.exclude {
            if !config.ignore_patterns.contains(p) {
                config.ignore_patterns.push(p.clone());
            }
        }
        status.line(&format!(
            "Additional exclusions: {}",
            args.exclude.join(", ")
        ));
    }
    for raw in &args.threshold {
        match config::parse_override(raw) {
            Ok(o) => {
                for w in config.apply_override(&o) {
                    status.line(&w);
                }
            }
            Err(msg) => {
                printer::override_error(&msg, raw);
                return Ok(None);
            }
        }
    }
    if !args.threshold.is_empty() {
        status.line(&format!(
            "Threshold overrides: {}",
            args.threshold.join(", ")
        ));
    }
    if args.no_gitignore {
        status.line("Ignoring .gitignore patterns");
    }
    let root = crate::settings::project_root(config_path.as_deref(), cwd);
    let entries = match config::Thresholds::new(&config, &root) {
        Ok(t) => t,
        Err(e) => {
            printer::note(&format!("Error loading configuration: {e}"));
            return Ok(None);
        }
    };
    let mut not_computed: Vec<&str> = entries
        .base()
        .iter()
        .filter(|e| e.enabled)
        .filter(|e| matches!(e.metric, MetricType::Other(_)))
        .map(|e| e.metric.name())
        .collect();
    not_computed.sort();
    not_computed.dedup();
    for name in not_computed {
        status.warning(&format!(
            "{name} is not yet computed; its threshold is not checked"
        ));
    }

    let mut inputs: Vec<PathBuf> = args.paths.clone();
    for f in &args.files {
        if f.is_dir() {
            anyhow::bail!(
                "invalid value for '--files': '{}' is a directory",
                f.display()
            );
        }
        inputs.push(f.clone());
    }
    for d in &args.directory {
        if !d.is_dir() {
            anyhow::bail!(
                "invalid value for '--directory': '{}' is not a directory",
                d.display()
            );
        }
        inputs.push(d.clone());
    }
    let explicit_inputs = !inputs.is_empty();
    if inputs.is_empty() {
        if layout == Layout::Legacy {
            status.line("No files or directory specified, analyzing current directory...");
        }
        inputs.push(PathBuf::from("."));
    }
    let request = engine::discover::Request {
        inputs: inputs.iter().map(|p| absolute(cwd, p)).collect(),
        root,
        extensions: config.extensions(),
        other_languages: config
            .languages
            .iter()
            .filter(|l| !l.name.eq_ignore_ascii_case("python") && !l.extensions.is_empty())
            .map(|l| (l.name.clone(), l.extensions.clone()))
            .collect(),
        ignore_patterns: config.ignore_patterns.clone(),
        include_patterns: args.include.clone(),
        use_gitignore: config.use_gitignore,
        force: args.force_analyze,
        closest_config: closest.then(|| config_path.clone()),
    };
    let baseline = match crate::baseline::for_check(args, &config, &request.root, cwd)? {
        None => None,
        Some(Ok(b)) => Some(b),
        Some(Err(())) => return Ok(None),
    };
    Ok(Some(Setup {
        config,
        config_path,
        entries,
        request,
        explicit_inputs,
        baseline,
    }))
}

/// How a run judges each file, beside its thresholds.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Judging<'a> {
    pub(crate) mi_multi: bool,
    /// Every row (the JSON document), not only the failing ones.
    pub(crate) with_rows: bool,
    pub(crate) scope: Scope,
    /// Suppression comments: `None` with `--no-ignore`, else whether `# noqa` counts.
    pub(crate) honor_noqa: Option<bool>,
    /// The baseline and the project root its paths are relative to.
    pub(crate) baseline: Option<(&'a engine::baseline::Baseline, &'a Path)>,
}

impl Judging<'_> {
    pub(crate) fn of(
        config: &Config,
        args: &CheckArgs,
        with_rows: bool,
        scope: Scope,
    ) -> Judging<'static> {
        Judging {
            mi_multi: config.mi_multi && !args.mi_no_multi,
            with_rows,
            scope,
            honor_noqa: (!args.no_ignore).then_some(config.honor_noqa),
            baseline: None,
        }
    }
}

/// The rows and violations of one file (suppression comments applied); with a changed-code
/// scope and an earlier version, only the violations in scope, and how many were left out.
pub(crate) fn evaluate(
    report: &FileReport,
    cwd: &Path,
    entries: &[config::MetricEntry],
    judging: Judging<'_>,
    old: Option<&engine::FileMetrics>,
) -> (FileResult, usize) {
    let Judging {
        mi_multi,
        with_rows,
        scope,
        honor_noqa,
        baseline,
    } = judging;
    let rel = relative(&report.path, cwd);
    let path = rel.to_string_lossy().replace('\\', "/");
    let shown = crate::printer::shown_path(&rel);
    let metrics = match &report.result {
        Ok(metrics) => metrics,
        Err(error) => {
            let result = FileResult {
                path,
                shown,
                file: report.path.clone(),
                rows: match (with_rows, error.partial()) {
                    (true, Some(raw)) => check::partial_rows(raw),
                    _ => Vec::new(),
                },
                violations: Vec::new(),
                error: Some(error.clone()),
                suppression: Default::default(),
                baseline: Default::default(),
            };
            return (result, 0);
        }
    };
    // Only the JSON document lists every row; text reports need the violations alone.
    let (rows, violations) = if with_rows {
        let rows = check::rows(metrics, mi_multi);
        let violations = check::violations(&rows, entries);
        (rows, violations)
    } else {
        (Vec::new(), check::violations_of(metrics, mi_multi, entries))
    };
    let (violations, suppression) = match honor_noqa {
        Some(honor) => {
            let mut applied = engine::suppress::apply(metrics, violations, honor);
            (std::mem::take(&mut applied.kept), applied)
        }
        None => (violations, Default::default()),
    };
    let (violations, judged) = match baseline {
        Some((b, root)) if !violations.is_empty() => {
            let key = crate::baseline::key_path(&report.path, root);
            let mut judged = engine::baseline::judge(b, &key, violations);
            (std::mem::take(&mut judged.kept), judged)
        }
        _ => (violations, Default::default()),
    };
    let (violations, left_out) = match (scope, old) {
        (Scope::All, _) | (_, None) => (violations, 0),
        (scope, Some(old)) => {
            let mut before = check::violations_of(old, mi_multi, entries);
            if let Some(honor) = honor_noqa {
                before = engine::suppress::apply(old, before, honor).kept;
            }
            engine::changed::in_scope(scope, metrics, violations, Some((old, &before)))
        }
    };
    let result = FileResult {
        path,
        shown,
        file: report.path.clone(),
        rows,
        violations,
        error: None,
        suppression,
        baseline: judged,
    };
    (result, left_out)
}

/// `cwd.join(path)` without `.` and `..` components (resolved lexically), so that every matcher
/// sees `root/…` paths and a configuration in `..` has its patterns apply to `proj/…`.
pub(crate) fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in cwd.join(path).components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push(c);
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Relative to the current directory (with `..` for a file beside or above it, as in a
/// subdirectory of a work tree), always with `/`.
pub(crate) fn display_path(path: &Path, cwd: &Path) -> String {
    relative(path, cwd).to_string_lossy().replace('\\', "/")
}

/// `path` relative to the current directory, as [`display_path`] shows it.
pub(crate) fn relative(path: &Path, cwd: &Path) -> PathBuf {
    // The common case, a clean path below the current directory, on bytes (a warm run shows
    // thousands of paths).
    let (p, c) = (
        path.as_os_str().as_encoded_bytes(),
        cwd.as_os_str().as_encoded_bytes(),
    );
    if let Some(rest) = p.strip_prefix(c).and_then(|r| r.strip_prefix(b"/"))
        && !c.ends_with(b"/")
        && is_clean(rest)
    {
        use std::os::unix::ffi::OsStrExt;
        return PathBuf::from(std::ffi::OsStr::from_bytes(rest));
    }
    let rel = match path.strip_prefix(cwd) {
        Ok(rel) => rel.to_path_buf(),
        Err(_) if path.is_absolute() && cwd.is_absolute() => {
            let common = path
                .components()
                .zip(cwd.components())
                .take_while(|(a, b)| a == b)
                .count();
            let up = cwd.components().count() - common;
            // Nothing in common but the root: the absolute path says more.
            if common <= 1 {
                path.to_path_buf()
            } else {
                (0..up)
                    .map(|_| std::path::Component::ParentDir)
                    .chain(path.components().skip(common))
                    .collect()
            }
        }
        Err(_) => path.to_path_buf(),
    };
    rel.strip_prefix(".").unwrap_or(&rel).to_path_buf()
}

/// No empty, `.` or `..` component, no trailing `/`: what `Path::components` gives back as it is.
fn is_clean(rel: &[u8]) -> bool {
    !rel.is_empty()
        && rel
            .split(|&b| b == b'/')
            .all(|part| !matches!(part, b"" | b"." | b".."))
}

/// `--jobs`, else `ANTIPASTA_JOBS` (digits only), else all cores.
pub(crate) fn jobs(flag: Option<usize>) -> anyhow::Result<Option<usize>> {
    if flag.is_some() {
        return Ok(flag);
    }
    match std::env::var("ANTIPASTA_JOBS") {
        Ok(v) if !v.is_empty() => v
            .parse()
            .map(Some)
            .with_context(|| format!("ANTIPASTA_JOBS must be a whole number, got '{v}'")),
        _ => Ok(None),
    }
}

/// `check`'s arguments from a command line, for the commands that resolve their configuration
/// and files as `check` does (stats, report, history, hotspots).
pub(crate) fn as_check(argv: Vec<std::ffi::OsString>) -> anyhow::Result<CheckArgs> {
    #[derive(clap::Parser)]
    struct AsCheck {
        #[command(flatten)]
        args: CheckArgs,
    }
    Ok(<AsCheck as clap::Parser>::try_parse_from(argv)?.args)
}

/// The store and the analysis options of such a command: every function decoded, no progress
/// bar, signals honoured.
pub(crate) fn side_run<'a>(
    a: &crate::args::AnalysisArgs,
    setup: &'a Setup,
    status: Status,
) -> anyhow::Result<(Option<engine::store::Store>, engine::Options<'a>)> {
    let cache_dir = engine::store::cache_dir(a.cache_dir.as_deref(), &setup.request.root);
    let store = match a.no_cache || crate::args::env_flag("ANTIPASTA_NO_CACHE")? {
        true => None,
        false => crate::cache::open(&cache_dir, None, status)?,
    };
    let opts = engine::Options {
        max_file_size: setup.config.max_file_size,
        jobs: jobs(a.jobs)?,
        root: &setup.request.root,
        needed: None,
        progress: None,
        stop: Some(&crate::signals::requested),
        max_memory: None,
    };
    Ok((store, opts))
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    #[test]
    fn relative_paths() {
        for (path, cwd, expected) in [
            ("/p/a/b.py", "/p", "a/b.py"),
            ("/p/a/b.py", "/p/a", "b.py"),
            ("/p/a/./b.py", "/p", "a/b.py"),
            ("/p/a//b.py", "/p", "a/b.py"),
            ("/p/b.py", "/p/a", "../b.py"),
            ("/q/b.py", "/p/a", "/q/b.py"),
            ("/pp/b.py", "/p", "/pp/b.py"),
            ("/p", "/p", ""),
        ] {
            assert_eq!(
                super::relative(Path::new(path), Path::new(cwd)),
                PathBuf::from(expected),
                "{path} from {cwd}"
            );
        }
    }
}
