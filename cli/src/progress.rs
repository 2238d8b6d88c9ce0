//! The progress bar of a long cold run (ecosystem.md §4): indicatif on stderr, only for an
//! attended terminal, a human format, without `-q`, outside CI and pre-commit, and only once a
//! run turns out to have a few hundred files to compute. Files done / total, files per second,
//! how many came from the cache.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};

use engine::Step;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Fewer files to compute than this finish before a bar is worth drawing.
const MIN_TO_COMPUTE: usize = 200;

/// Whether a run may show a bar at all.
pub(crate) fn allowed(quiet: bool, human: bool) -> bool {
    let set = |name: &str| {
        std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0" && v != "false")
    };
    human && !quiet && !set("CI") && !set("PRE_COMMIT") && std::io::stderr().is_terminal()
}

pub(crate) struct Bar {
    bar: ProgressBar,
    cached: AtomicUsize,
}

impl Bar {
    /// Hidden until [`Bar::step`] learns there is enough to compute.
    pub(crate) fn new(total: usize) -> Bar {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
        let style =
            ProgressStyle::with_template("{bar:20} {pos}/{len} files ({rate} files/s, {msg})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .with_key(
                    "rate",
                    |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.0}", state.per_sec());
                    },
                );
        bar.set_style(style.progress_chars("█▉ "));
        Bar {
            bar,
            cached: AtomicUsize::new(0),
        }
    }

    pub(crate) fn step(&self, step: Step) {
        match step {
            Step::Cached(n) => {
                let cached = self.cached.fetch_add(n, Ordering::Relaxed) + n;
                self.bar.set_message(format!("{cached} from the cache"));
                self.bar.inc(n as u64);
            }
            Step::Compute(n) => {
                let cached = self.cached.load(Ordering::Relaxed);
                self.bar.set_message(format!("{cached} from the cache"));
                if n >= MIN_TO_COMPUTE {
                    self.bar.set_draw_target(ProgressDrawTarget::stderr());
                    self.bar.reset_eta();
                }
            }
            Step::Computed => self.bar.inc(1),
        }
    }

    /// Gone from the screen before the report is printed.
    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
