//! SIGINT and SIGTERM for the commands that run to an end (`check`, `metrics`, `dump`, `cache`)
//! and for watch mode: the first signal asks the run to stop (the files in flight finish, what is
//! computed is kept in the store, the exit code is 130 for SIGINT, 143 for SIGTERM); a second one
//! exits at once with that code. LMDB commits atomically, so even then the store stays usable.

use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::consts::{SIGINT, SIGTERM};

use crate::Exit;

struct Flags {
    /// Any of the two.
    any: Arc<AtomicBool>,
    int: Arc<AtomicBool>,
    term: Arc<AtomicBool>,
}

static FLAGS: OnceLock<Flags> = OnceLock::new();

/// Installs the handlers (once per process). A second signal of either kind exits at once.
pub(crate) fn install() -> std::io::Result<()> {
    if FLAGS.get().is_some() {
        return Ok(());
    }
    let flags = Flags {
        any: Arc::new(AtomicBool::new(false)),
        int: Arc::new(AtomicBool::new(false)),
        term: Arc::new(AtomicBool::new(false)),
    };
    for (signal, code, own) in [(SIGINT, 130, &flags.int), (SIGTERM, 143, &flags.term)] {
        // In this order: the shutdown sees the flag as it was before this signal.
        signal_hook::flag::register_conditional_shutdown(signal, code, flags.any.clone())?;
        signal_hook::flag::register(signal, flags.any.clone())?;
        signal_hook::flag::register(signal, own.clone())?;
    }
    let _ = FLAGS.set(flags);
    Ok(())
}

/// A stop was asked for.
pub(crate) fn requested() -> bool {
    FLAGS.get().is_some_and(|f| f.any.load(Ordering::Relaxed))
}

/// The exit of a run stopped by a signal: 130 for SIGINT, 143 for SIGTERM; `None` if none came.
pub(crate) fn exit() -> Option<Exit> {
    let f = FLAGS.get()?;
    if f.term.load(Ordering::Relaxed) {
        Some(Exit::Terminated)
    } else if f.int.load(Ordering::Relaxed) {
        Some(Exit::Interrupted)
    } else {
        None
    }
}
