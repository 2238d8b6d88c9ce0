//! The tracing subscriber: warnings by default, `-v` for more, `--debug` for debug,
//! `ANTIPASTA_LOG` is a filter by target and level (`engine=debug`). salsa stays at warn: it logs
//! every query execution. `--log-format json` writes one JSON object per event (tracing's json
//! layer), each with the run's id, and turns the status lines, warnings and file errors into
//! events too; `--log-file PATH` sends the events there instead of stderr. `--trace FILE` adds a
//! Chrome trace of every span (phases, per-file computations).

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use tracing_subscriber::filter::Targets;
use tracing_subscriber::fmt::format::{FormatEvent, FormatFields, Writer};
use tracing_subscriber::fmt::{FmtContext, format};
use tracing_subscriber::prelude::*;
use tracing_subscriber::registry::LookupSpan;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum LogFormat {
    Text,
    Json,
}

/// How the run logs.
pub(crate) struct Settings<'a> {
    pub(crate) verbose: u8,
    pub(crate) debug: bool,
    pub(crate) format: LogFormat,
    pub(crate) file: Option<&'a Path>,
    pub(crate) trace: Option<&'a Path>,
    pub(crate) ansi: bool,
}

static JSON: AtomicBool = AtomicBool::new(false);

/// `--debug`: a check also prints its timings, slowest files and run metrics.
pub(crate) static DEBUG: AtomicBool = AtomicBool::new(false);

pub(crate) fn debug() -> bool {
    DEBUG.load(Ordering::Relaxed)
}

/// Events are JSON (`--log-format json`): what would be a line on stderr is an event instead.
pub(crate) fn json() -> bool {
    JSON.load(Ordering::Relaxed)
}

/// This run's id, on every JSON event: 16 hex digits, random per process.
pub(crate) fn run_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(std::process::id());
        format!("{:016x}", h.finish())
    })
}

/// tracing's JSON event, with `"run_id"` first.
struct WithRunId(format::Format<format::Json>);

impl<S, N> FormatEvent<S, N> for WithRunId
where
    S: tracing::Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &tracing::Event<'_>,
    ) -> std::fmt::Result {
        let mut line = String::new();
        self.0.format_event(ctx, Writer::new(&mut line), event)?;
        let rest = line.strip_prefix('{').unwrap_or(&line);
        write!(writer, "{{\"run_id\":\"{}\",{rest}", run_id())
    }
}

/// The trace file, completed when this drops; a write that failed is reported by [`Trace::finish`].
pub(crate) struct Trace {
    guard: tracing_chrome::FlushGuard,
    failed: Arc<Mutex<Option<std::io::Error>>>,
    path: std::path::PathBuf,
}

impl Trace {
    /// Completes the file; the first write error, if any, as a message.
    pub(crate) fn finish(self) -> Result<(), String> {
        drop(self.guard);
        match self.failed.lock().ok().and_then(|mut f| f.take()) {
            None => Ok(()),
            Some(e) => Err(format!(
                "cannot write the trace {}: {e}",
                self.path.display()
            )),
        }
    }
}

/// Hands tracing-chrome a writer that never fails (it would panic on an error, e.g. a full
/// disk); the first error is kept for [`Trace::finish`].
struct Lenient {
    file: std::fs::File,
    failed: Arc<Mutex<Option<std::io::Error>>>,
}

impl Lenient {
    fn keep<T>(&self, res: std::io::Result<T>) {
        if let Err(e) = res
            && let Ok(mut failed) = self.failed.lock()
        {
            failed.get_or_insert(e);
        }
    }
}

impl Write for Lenient {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let res = self.file.write_all(buf);
        self.keep(res);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let res = self.file.flush();
        self.keep(res);
        Ok(())
    }
}

/// Installs the subscriber; with `trace`, the Chrome trace (its file is created here, as is the
/// log file: `Err` when one cannot be).
pub(crate) fn init(settings: &Settings<'_>) -> Result<Option<Trace>, String> {
    let Settings {
        verbose,
        debug,
        format,
        file,
        trace,
        ansi,
    } = *settings;
    let level = match verbose {
        0 => tracing::Level::WARN,
        1 => tracing::Level::INFO,
        2 => tracing::Level::DEBUG,
        _ => tracing::Level::TRACE,
    };
    let mut targets = Targets::new()
        .with_default(level)
        .with_target("salsa", tracing::Level::WARN);
    if debug {
        // antipasta's own debug events, not its dependencies' (globset, gix, heed).
        let ours = level.max(tracing::Level::DEBUG);
        for crate_name in ["antipasta", "engine", "queries"] {
            targets = targets.with_target(crate_name, ours);
        }
    }
    if let Ok(filter) = std::env::var("ANTIPASTA_LOG")
        && let Ok(parsed) = filter.parse::<Targets>()
    {
        targets = parsed.with_target("salsa", tracing::Level::WARN);
    }
    JSON.store(format == LogFormat::Json, Ordering::Relaxed);
    if format == LogFormat::Json {
        // The status lines are info events of the binary's own: shown by default, as in text.
        targets = targets.with_target("antipasta", level.max(tracing::Level::INFO));
    }
    let log_file = match file {
        Some(path) => Some(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| format!("cannot open the log file {}: {e}", path.display()))?,
        ),
        None => None,
    };
    // A closed stderr (or a full disk under the log file) loses the log lines, never the run.
    type Boxed = Box<dyn tracing_subscriber::Layer<tracing_subscriber::Registry> + Send + Sync>;
    let fmt: Boxed = match (format, log_file) {
        (LogFormat::Text, None) => tracing_subscriber::fmt::layer()
            .with_writer(std::io::stderr)
            .log_internal_errors(false)
            .with_ansi(ansi)
            .without_time()
            .with_filter(targets)
            .boxed(),
        (LogFormat::Text, Some(f)) => tracing_subscriber::fmt::layer()
            .with_writer(Mutex::new(f))
            .log_internal_errors(false)
            .with_ansi(false)
            .with_filter(targets)
            .boxed(),
        (LogFormat::Json, f) => {
            let events = WithRunId(format::format().json().with_span_list(true));
            let layer = tracing_subscriber::fmt::layer()
                .fmt_fields(format::JsonFields::new())
                .event_format(events)
                .log_internal_errors(false)
                .with_ansi(false);
            match f {
                Some(f) => layer
                    .with_writer(Mutex::new(f))
                    .with_filter(targets)
                    .boxed(),
                None => layer
                    .with_writer(std::io::stderr)
                    .with_filter(targets)
                    .boxed(),
            }
        }
    };
    let (chrome, trace) = match trace {
        Some(path) => {
            let file = std::fs::File::create(path)
                .map_err(|e| format!("cannot create the trace {}: {e}", path.display()))?;
            let failed = Arc::new(Mutex::new(None));
            let writer = Lenient {
                file,
                failed: failed.clone(),
            };
            let (layer, guard) = tracing_chrome::ChromeLayerBuilder::new()
                .writer(writer)
                .include_args(true)
                .build();
            let spans = Targets::new()
                .with_default(tracing::Level::TRACE)
                .with_target("salsa", tracing::Level::WARN);
            let trace = Trace {
                guard,
                failed,
                path: path.to_path_buf(),
            };
            (Some(layer.with_filter(spans)), Some(trace))
        }
        None => (None, None),
    };
    tracing_subscriber::registry().with(fmt).with(chrome).init();
    Ok(trace)
}
