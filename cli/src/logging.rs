//! The tracing subscriber: warnings by default, `-v` for more, `ANTIPASTA_LOG` is a filter
//! by target and level (`engine=debug`). salsa stays at warn: it logs every query execution.
//! `--trace FILE` adds a Chrome trace of every span (phases, per-file computations).

use std::path::Path;

use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

/// Installs the subscriber; the guard, when tracing to a file, completes it on drop.
pub(crate) fn init(verbose: u8, trace: Option<&Path>) -> Option<tracing_chrome::FlushGuard> {
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
    let fmt = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .without_time()
        .with_filter(targets);
    let (chrome, guard) = match trace {
        Some(path) => {
            let (layer, guard) = tracing_chrome::ChromeLayerBuilder::new()
                .file(path)
                .include_args(true)
                .build();
            let spans = Targets::new()
                .with_default(tracing::Level::TRACE)
                .with_target("salsa", tracing::Level::WARN);
            (Some(layer.with_filter(spans)), Some(guard))
        }
        None => (None, None),
    };
    tracing_subscriber::registry().with(fmt).with(chrome).init();
    guard
}
