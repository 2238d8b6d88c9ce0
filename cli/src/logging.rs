//! The tracing subscriber: warnings by default, `-v` for more, `ANTIPASTA_LOG` is a filter
//! by target and level (`engine=debug`). salsa stays at warn: it logs every query execution.
//! `--trace FILE` adds a Chrome trace of every span (phases, per-file computations).

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

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

/// Installs the subscriber; with `trace`, the Chrome trace (its file is created here: `Err` when
/// it cannot be).
pub(crate) fn init(verbose: u8, trace: Option<&Path>, ansi: bool) -> Result<Option<Trace>, String> {
    let level = match verbose {
        0 => tracing::Level::WARN,
        1 => tracing::Level::INFO,
        2 => tracing::Level::DEBUG,
        _ => tracing::Level::TRACE,
    };
    let mut targets = Targets::new()
        .with_default(level)
        .with_target("salsa", tracing::Level::WARN);
    if let Ok(filter) = std::env::var("ANTIPASTA_LOG")
        && let Ok(parsed) = filter.parse::<Targets>()
    {
        targets = parsed.with_target("salsa", tracing::Level::WARN);
    }
    // A closed stderr loses the log lines, never the run.
    let fmt = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .log_internal_errors(false)
        .with_ansi(ansi)
        .without_time()
        .with_filter(targets);
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
