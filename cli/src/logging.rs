//! The tracing subscriber: warnings by default, `-v` for more, `ANTIPASTA_LOG` is a filter
//! by target and level (`engine=debug`). salsa stays at warn: it logs every query execution.

use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

pub(crate) fn init(verbose: u8) {
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
        .without_time();
    tracing_subscriber::registry()
        .with(fmt.with_filter(targets))
        .init();
}
