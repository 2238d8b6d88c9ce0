//! Everything antipasta writes: results on stdout, status and diagnostics on stderr.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use engine::Metric;
use engine::check::{Detail, Row, Violation};

use crate::check::FileResult;
use crate::json::{Json, py_float};

/// A line on stderr; a closed stderr (`check 2>&1 | head -1`) loses it, never the run.
macro_rules! err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

/// A path for human output: as it is when every character is printable and none of `:`, `"`,
/// `\\`; else in double quotes with Rust-style escapes (`\\n`, `\\u{1b}`, `\\xff` for a byte that
/// is not UTF-8), so that a file name can neither split a finding over two lines, nor forge a
/// `path:line:col:` prefix, nor send escape sequences to the terminal.
pub(crate) fn shown_path(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let plain = std::str::from_utf8(bytes).ok().filter(|s| {
        !s.chars()
            .any(|c| c.is_control() || matches!(c, ':' | '"' | '\\') || is_invisible(c))
    });
    if let Some(s) = plain {
        return s.to_string();
    }
    let mut out = String::from("\"");
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() || is_invisible(c) => out.extend(c.escape_default()),
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out.push('"');
    out
}

/// A message for human output with its control characters escaped (a syntax error can quote
/// the file's text).
pub(crate) fn shown_text(text: &str) -> String {
    match text.chars().any(|c| c.is_control() || is_invisible(c)) {
        false => text.to_string(),
        true => text
            .chars()
            .map(|c| match c.is_control() || is_invisible(c) {
                true => c.escape_default().to_string(),
                false => c.to_string(),
            })
            .collect(),
    }
}

/// Characters that reorder or hide text on a terminal (bidirectional controls, line separators).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// An internal error (a bug): one line, whatever the state of the process.
pub(crate) fn internal_error(msg: &str) {
    err!("antipasta: internal error: {msg} (please report this as a bug)");
}

/// Status lines go to stderr, and not at all under `-q`.
#[derive(Clone, Copy)]
pub(crate) struct Status {
    pub(crate) quiet: bool,
}

impl Status {
    pub(crate) fn line(self, msg: &str) {
        if !self.quiet {
            err!("{msg}");
        }
    }

    pub(crate) fn warning(self, msg: &str) {
        if !self.quiet {
            err!("warning: {msg}");
        }
    }
}

/// `-v`: violations name the per-path override that set their threshold.
pub(crate) static VERBOSE: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Set once stdout is a closed pipe: nothing more is written to it.
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes to stdout; a closed pipe (`antipasta check | head`) is quiet: the rest of the output
/// is dropped and the exit code stays the run's own (a gate piped into `head` still fails).
pub(crate) fn out(text: &str) {
    use std::sync::atomic::Ordering;
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            return;
        }
        err!("antipasta: error: failed to write output: {e}");
        std::process::exit(2);
    }
}

pub(crate) fn error_chain(err: &anyhow::Error) {
    err!("antipasta: error: {err}");
    for cause in err.chain().skip(1) {
        err!("  caused by: {cause}");
    }
}

pub(crate) fn config_error(err: &engine::config::Error) {
    err!("Error loading configuration: {err}");
}

pub(crate) fn override_error(msg: &str, raw: &str) {
    err!("❌ Error: {msg}");
    err!("   ℹ️  Metric: {raw}");
}

fn value_text(metric: Metric, value: f64) -> String {
    engine::finding::value_text(metric, value)
}

fn threshold_text(metric: Metric, threshold: f64) -> String {
    if metric.is_integer() && threshold.fract() == 0.0 {
        format!("{threshold:.0}")
    } else {
        py_float(threshold)
    }
}

/// One line per violation, in report order.
pub(crate) fn violation_lines(results: &[FileResult]) -> Vec<String> {
    let mut lines = Vec::new();
    for r in results {
        for v in &r.violations {
            let (line, col) = match v.row.line {
                Some(l) => (l, v.row.col + 1),
                None => (1, 1),
            };
            lines.push(format!("{}:{line}:{col}: {}", r.shown, violation_text(v)));
        }
    }
    lines
}

/// What the concise line says after `path:line:col: `: `<metric> <value> (<failing relation>
/// <threshold>) in <qualname>`, the override with `-v`, and a baseline's old → new.
pub(crate) fn violation_text(v: &Violation) -> String {
    let row = &v.row;
    let name = row
        .qualname
        .as_ref()
        .map(|q| format!(" in {q}"))
        .unwrap_or_default();
    let aggregate = match row.detail {
        Detail::Average { .. } => " (file average)",
        Detail::Maximum { .. } => " (file maximum)",
        _ => "",
    };
    let mut set_by = match (
        &v.set_by,
        VERBOSE.load(std::sync::atomic::Ordering::Relaxed),
    ) {
        (Some(o), true) => format!(" [{o}]"),
        _ => String::new(),
    };
    if let Some(old) = v.baseline {
        set_by.push_str(&format!(
            " (baseline: {} → {})",
            value_text(row.metric, old),
            value_text(row.metric, row.value)
        ));
    }
    format!(
        "{}{aggregate} {} ({} {}){name}{set_by}",
        row.metric.name(),
        value_text(row.metric, row.value),
        v.comparison.negated().symbol(),
        threshold_text(row.metric, v.threshold),
    )
}

/// `path:line:col: <metric> <value> (<failing relation> <threshold>) in <qualname>`.
pub(crate) fn concise(results: &[FileResult], status: Status) {
    let mut text = String::new();
    for line in violation_lines(results) {
        text.push_str(&line);
        text.push('\n');
    }
    out(&text);
    let errors = file_errors(results);
    let n_violations: usize = results.iter().map(|r| r.violations.len()).sum();
    let with_violations = results.iter().filter(|r| !r.violations.is_empty()).count();
    let checked = results.len();
    let errs = if errors > 0 {
        format!(", {errors} could not be analysed")
    } else {
        String::new()
    };
    if n_violations > 0 {
        status.line(&format!(
            "Found {n_violations} violation{} in {with_violations} file{}; {checked} file{} checked{errs}.",
            plural(n_violations),
            plural(with_violations),
            plural(checked),
        ));
    } else if errors > 0 {
        status.line(&format!(
            "No violations; {checked} file{} checked{errs}.",
            plural(checked)
        ));
    } else {
        status.line(&format!(
            "All checks passed! {checked} file{} checked.",
            plural(checked)
        ));
    }
}

/// Per-file errors, one line each on stderr, whatever the verbosity; returns their count.
pub(crate) fn file_errors(results: &[FileResult]) -> usize {
    let mut n = 0;
    for r in results {
        if let Some(e) = &r.error {
            err!("error: {}: {}", r.shown, shown_text(&e.to_string()));
            n += 1;
        }
    }
    n
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The 1.x message grammar (compat-spec §2.5), without the `❌ ` prefix.
fn message(path: &str, v: &Violation) -> String {
    let row = &v.row;
    let mut location = path.to_string();
    if let Some(line) = row.line {
        location.push_str(&format!(":{line}"));
    }
    if let Some(q) = &row.qualname {
        location.push_str(&format!(" ({q})"));
    }
    format!(
        "{location}: {} is {:.2} (threshold: {} {})",
        title(row.metric),
        row.value,
        v.comparison.symbol(),
        py_float(v.threshold)
    )
}

fn title(metric: Metric) -> String {
    metric
        .name()
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The antipasta 1.x report (compat-spec §2.4).
pub(crate) fn legacy(results: &[FileResult], status: Status) {
    let eq = "=".repeat(70);
    let dash = "-".repeat(70);
    let n_violations: usize = results.iter().map(|r| r.violations.len()).sum();
    let errors: Vec<&FileResult> = results.iter().filter(|r| r.error.is_some()).collect();
    let mut text = String::new();
    if !status.quiet {
        text.push_str(&format!("\n{eq}\nMETRICS ANALYSIS SUMMARY\n{eq}\n"));
        text.push_str(&format!("Total files analyzed: {}\n", results.len()));
        let with = results.iter().filter(|r| !r.violations.is_empty()).count();
        text.push_str(&format!("Files with violations: {with}\n"));
        text.push_str(&format!("Total violations: {n_violations}\n"));
        if !errors.is_empty() {
            text.push_str(&format!("Files with errors: {}\n", errors.len()));
        }
        if n_violations > 0 {
            text.push_str("\nViolations by type:\n");
            for (name, n) in by_type(results) {
                text.push_str(&format!("  - {name}: {n}\n"));
            }
        }
    }
    if n_violations > 0 {
        text.push_str(&format!("\n{dash}\nVIOLATIONS FOUND:\n{dash}\n"));
        for r in results {
            for v in &r.violations {
                text.push_str(&format!("❌ {}\n", message(&r.shown, v)));
            }
        }
    }
    if !errors.is_empty() {
        text.push_str(&format!("\n{dash}\nFILES WITH ERRORS:\n{dash}\n"));
        for r in &errors {
            let e = r.error.as_ref().expect("filtered on errors");
            text.push_str(&format!(
                "⚠️  {}: {}\n",
                r.shown,
                shown_text(&e.to_string())
            ));
        }
    }
    if n_violations > 0 || !errors.is_empty() {
        text.push_str("\n✗ Code quality check FAILED\n");
    } else if !status.quiet {
        text.push_str("\n✓ Code quality check PASSED\n");
    }
    out(&text);
}

/// Violation counts per metric, in order of first appearance in the sorted output.
fn by_type(results: &[FileResult]) -> Vec<(&'static str, usize)> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for v in results.iter().flat_map(|r| &r.violations) {
        let name = v.row.metric.name();
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, c)) => *c += 1,
            None => counts.push((name, 1)),
        }
    }
    counts
}

/// The antipasta JSON document (compat-spec §2.6): nothing else on stdout.
pub(crate) fn json_document(results: &[FileResult]) {
    out(&json_document_text(results));
    file_errors(results);
}

/// The antipasta JSON document's text.
pub(crate) fn json_document_text(results: &[FileResult]) -> String {
    let n_violations: usize = results.iter().map(|r| r.violations.len()).sum();
    let errors = results.iter().filter(|r| r.error.is_some()).count();
    let summary = Json::Obj(vec![
        ("total_files", Json::Int(results.len() as i64)),
        (
            "files_with_violations",
            Json::Int(results.iter().filter(|r| !r.violations.is_empty()).count() as i64),
        ),
        ("total_violations", Json::Int(n_violations as i64)),
        (
            "violations_by_type",
            Json::Obj(
                by_type(results)
                    .into_iter()
                    .map(|(n, c)| (n, Json::Int(c as i64)))
                    .collect(),
            ),
        ),
        (
            "files_by_language",
            Json::Obj(vec![("python", Json::Int(results.len() as i64))]),
        ),
        ("success", Json::Bool(n_violations == 0 && errors == 0)),
        ("files_with_errors", Json::Int(errors as i64)),
    ]);
    let reports = results
        .iter()
        .map(|r| {
            let mut fields = vec![
                ("file", Json::str(&r.path)),
                ("language", Json::str("python")),
                (
                    "metrics",
                    Json::Arr(r.rows.iter().map(metric_json).collect()),
                ),
                (
                    "violations",
                    Json::Arr(
                        r.violations
                            .iter()
                            .map(|v| violation_json(&r.path, v))
                            .collect(),
                    ),
                ),
            ];
            if let Some(e) = &r.error {
                fields.push(("error", Json::str(e.to_string())));
            }
            Json::Obj(fields)
        })
        .collect();
    let doc = Json::Obj(vec![("summary", summary), ("reports", Json::Arr(reports))]);
    doc.pretty() + "\n"
}

fn metric_json(row: &Row) -> Json {
    let details = match &row.detail {
        Detail::None => Json::Null,
        Detail::Function {
            kind,
            classname,
            rank,
        } => Json::Obj(vec![
            ("type", Json::str(kind.name())),
            ("classname", Json::opt(classname.clone(), Json::Str)),
            ("rank", Json::str(rank.to_string())),
        ]),
        Detail::Average { function_count } => Json::Obj(vec![
            ("type", Json::str("average")),
            ("function_count", Json::Int(*function_count as i64)),
        ]),
        Detail::Maximum { function_count } => Json::Obj(vec![
            ("type", Json::str("file_maximum")),
            ("function_count", Json::Int(*function_count as i64)),
        ]),
        Detail::Maintainability { rank } => Json::Obj(vec![("rank", Json::str(rank.to_string()))]),
        Detail::HalsteadFunction => Json::Obj(vec![("type", Json::str("function"))]),
    };
    Json::Obj(vec![
        ("type", Json::str(row.metric.name())),
        ("value", Json::Float(row.value)),
        ("details", details),
        (
            "line_number",
            Json::opt(row.line, |l| Json::Int(i64::from(l))),
        ),
        ("function_name", Json::opt(row.qualname.clone(), Json::Str)),
    ])
}

fn violation_json(path: &str, v: &Violation) -> Json {
    let mut fields = vec![
        ("type", Json::str(v.row.metric.name())),
        ("message", Json::Str(message(path, v))),
        (
            "line_number",
            Json::opt(v.row.line, |l| Json::Int(i64::from(l))),
        ),
        ("function", Json::opt(v.row.qualname.clone(), Json::Str)),
        ("value", Json::Float(v.row.value)),
        ("threshold", Json::Float(v.threshold)),
        ("comparison", Json::str(v.comparison.symbol())),
    ];
    // Only where one applied: a configuration without overrides gives 1.2's objects.
    if let Some(o) = &v.set_by {
        fields.push(("override", Json::str(o)));
    }
    if let Some(old) = v.baseline {
        fields.push(("baseline", Json::Float(old)));
    }
    Json::Obj(fields)
}

/// `antipasta dump`: one JSON object per line.
pub(crate) fn json_lines(lines: &[Json]) {
    let mut text = String::new();
    for l in lines {
        text.push_str(&l.compact());
        text.push('\n');
    }
    out(&text);
}

/// What `--timings` prints.
pub(crate) struct RunTimes {
    pub(crate) discover: Duration,
    pub(crate) engine: engine::Timings,
    pub(crate) report: Duration,
    pub(crate) total: Duration,
    pub(crate) files: usize,
    pub(crate) errors: usize,
    pub(crate) usage: engine::StoreUse,
}

pub(crate) fn timings(t: &RunTimes) {
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
    let e = &t.engine;
    err!(
        "timings: discover {}, stat {}, lookup {}, read+hash {}, parse+metrics {}, store write {}, report {}; total {}",
        ms(t.discover),
        ms(e.stat),
        ms(e.lookup),
        ms(e.read),
        ms(e.compute),
        ms(e.write),
        ms(t.report),
        ms(t.total)
    );
    let u = &t.usage;
    err!(
        "files: {} ({} unchanged by stat, {} by git index, {} by content, {} computed, {} errors)",
        t.files,
        u.stat_hits,
        u.git_hits,
        u.content_hits,
        u.computed,
        t.errors
    );
}

pub(crate) fn cache_cleaned(dir: &Path, cleaned: engine::store::Cleaned) {
    use engine::store::Cleaned;
    match cleaned {
        Cleaned::Nothing => err!("No cache at {}", dir.display()),
        Cleaned::Removed { directory: true } => err!("Removed {}", dir.display()),
        Cleaned::Removed { directory: false } => {
            err!("Removed antipasta's files from {}", dir.display())
        }
    }
}

pub(crate) fn cache_stats(dir: &Path, s: &engine::store::Stats, last_run: Option<&str>) {
    let size = |b: u64| match b {
        0..1_048_576 => format!("{:.1} KiB", b as f64 / 1024.0),
        _ => format!("{:.1} MiB", b as f64 / 1_048_576.0),
    };
    let mut text = format!(
        "cache: {}\nfiles: {}\npaths: {}\ngit blobs: {}\nlive data: {}\nfile size: {}\n",
        dir.display(),
        s.files,
        s.paths,
        s.oids,
        size(s.live_bytes),
        size(s.file_bytes)
    );
    text.push_str(&format!(
        "last run: {}",
        last_run.unwrap_or("none recorded\n")
    ));
    out(&text);
}

pub(crate) fn cache_pruned(removed: u64, days: u16, before: u64, after: u64) {
    err!("Pruned {removed} entries not used for {days} days; data.mdb {before} → {after} bytes");
}

/// A line for the user on stderr, whatever `-q` says (the whole output of `hook`, watch mode's
/// notes).
pub(crate) fn note(msg: &str) {
    err!("{msg}");
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
        true => err!("{text}"),
        false if !status.quiet => err!("info: {text}"),
        false => {}
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

/// Watch mode on a terminal: the screen redrawn with the current violations and the delta.
pub(crate) fn watch_screen(lines: &[String], summary: &str, delta: &str) {
    let mut text = String::from("\x1b[2J\x1b[H");
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    text.push_str(summary);
    text.push('\n');
    text.push_str(delta);
    text.push('\n');
    out(&text);
}

/// Watch mode on a pipe: what changed, one line each (new violations in the normal format, fixed
/// ones after `fixed: `), the delta on stderr.
pub(crate) fn watch_changes(new: &[&String], fixed: &[&String], delta: &str) {
    let mut text = String::new();
    for l in new {
        text.push_str(l);
        text.push('\n');
    }
    for l in fixed {
        text.push_str("fixed: ");
        text.push_str(l);
        text.push('\n');
    }
    out(&text);
    err!("{delta}");
}
