//! Everything antipasta writes: results on stdout, status and diagnostics on stderr.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use crate::json::Json;

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
            match crate::logging::json() {
                true => tracing::info!(target: "antipasta", "{msg}"),
                false => err!("{msg}"),
            }
        }
    }

    pub(crate) fn warning(self, msg: &str) {
        if !self.quiet {
            match crate::logging::json() {
                true => tracing::warn!(target: "antipasta", "{msg}"),
                false => {
                    let label = crate::color::stderr().paint(crate::color::WARN, "warning");
                    err!("{label}: {msg}");
                }
            }
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
    if crate::logging::json() {
        let causes: Vec<String> = err.chain().skip(1).map(ToString::to_string).collect();
        tracing::error!(target: "antipasta", causes = ?causes, "{err}");
        return;
    }
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

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
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
    if crate::logging::json() {
        let u = &t.usage;
        tracing::info!(
            target: "antipasta",
            discover_ms = t.discover.as_secs_f64() * 1e3,
            stat_ms = e.stat.as_secs_f64() * 1e3,
            lookup_ms = e.lookup.as_secs_f64() * 1e3,
            read_ms = e.read.as_secs_f64() * 1e3,
            compute_ms = e.compute.as_secs_f64() * 1e3,
            write_ms = e.write.as_secs_f64() * 1e3,
            report_ms = t.report.as_secs_f64() * 1e3,
            total_ms = t.total.as_secs_f64() * 1e3,
            files = t.files,
            stat_hits = u.stat_hits,
            git_hits = u.git_hits,
            content_hits = u.content_hits,
            computed = u.computed,
            errors = t.errors,
            "timings"
        );
        return;
    }
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

/// The memory budget of a run that computed files: a debug event, and a note when files had to
/// wait for memory (the run lowered its parallelism instead of failing).
pub(crate) fn memory_budget(m: &engine::analyze::MemoryUse, status: Status) {
    let mib = |b: u64| b as f64 / 1_048_576.0;
    tracing::debug!(
        target: "antipasta",
        limit_mib = mib(m.memory.limit),
        source = m.memory.source.name(),
        rss_mib = mib(m.memory.rss),
        in_flight_mib = mib(m.budget),
        cpus = std::thread::available_parallelism().map_or(1, |n| n.get()),
        cpu_quota = ?engine::limits::cpu_quota(),
        "memory budget"
    );
    if m.waited > 0 {
        status.line(&format!(
            "note: {} file{} waited for memory: the run lowered its parallelism to stay within {:.0} MiB ({}; {:.1} MiB for the files in flight)",
            m.waited,
            plural(m.waited),
            mib(m.memory.limit),
            m.memory.source.name(),
            mib(m.budget)
        ));
    }
}

/// `--debug`: the slowest files and the run metrics (as `--metrics-file` writes them).
pub(crate) fn debug_metrics(m: &crate::run_metrics::RunMetrics) {
    use crate::run_metrics::{Format, render};
    if crate::logging::json() {
        let slowest: Vec<String> = m
            .slowest
            .iter()
            .map(|(p, d)| format!("{p} {:.1} ms", d.as_secs_f64() * 1e3))
            .collect();
        let metrics = render(Format::Json, m);
        tracing::info!(target: "antipasta", slowest = ?slowest, metrics = %metrics.trim_end(), "run metrics");
        return;
    }
    for (path, d) in &m.slowest {
        err!("slowest: {:.1} ms {path}", d.as_secs_f64() * 1e3);
    }
    for line in render(Format::Prometheus, m).lines() {
        if !line.starts_with('#') {
            err!("metric: {line}");
        }
    }
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
/// A line on stderr whatever the verbosity (an event at warn level with `--log-format json`).
pub(crate) fn note(msg: &str) {
    match crate::logging::json() {
        true => tracing::warn!(target: "antipasta", "{msg}"),
        false => err!("{msg}"),
    }
}

/// Watch mode on a terminal: the screen redrawn with the current violations (those new since
/// the last change highlighted, when colour is on) and the delta.
pub(crate) fn watch_screen(lines: &[String], new: &[&String], summary: &str, delta: &str) {
    let paint = crate::color::stdout();
    let new: std::collections::HashSet<&String> = new.iter().copied().collect();
    let mut text = String::from("\x1b[2J\x1b[H");
    for l in lines {
        match new.contains(l) {
            true => text.push_str(&paint.paint(crate::color::NEW, l)),
            false => text.push_str(l),
        }
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
