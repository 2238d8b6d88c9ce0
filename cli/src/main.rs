//! `antipasta`: parse arguments, run a command, pick the exit code.

mod add_ignore;
mod args;
mod baseline;
mod cache;
mod check;
mod color;
mod config;
mod dates;
mod dump;
mod history;
mod hook;
mod hotspots;
mod json;
mod logging;
mod output;
mod printer;
mod progress;
mod report;
mod run_metrics;
mod sandbox;
mod settings;
mod signals;
mod stats;
mod watch;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: the analysis allocates and frees a whole AST per file on every thread; glibc's
/// allocator spent ~15 % of the cold run's CPU in malloc/free/consolidate.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes (compat-spec §8): 0 clean, 1 violations, 2 usage, config, file or internal error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exit {
    Clean,
    Violations,
    Error,
    /// Stopped by SIGINT (Ctrl-C): 130.
    Interrupted,
    /// Stopped by SIGTERM: 143.
    Terminated,
}

fn main() -> ExitCode {
    // No panic reaches the user as a crash: one line, exit 2 (stderr may be closed: ignored).
    std::panic::set_hook(Box::new(|info| {
        printer::internal_error(&info.to_string());
    }));
    match std::panic::catch_unwind(run) {
        Ok(code) => code,
        Err(_) => ExitCode::from(2),
    }
}

fn run() -> ExitCode {
    let cli = args::Cli::parse();
    printer::VERBOSE.store(cli.verbose > 0, std::sync::atomic::Ordering::Relaxed);
    color::set_choice(cli.color);
    let settings = logging::Settings {
        verbose: cli.verbose,
        debug: cli.debug,
        format: cli.log_format,
        file: cli.log_file.as_deref(),
        trace: cli.trace.as_deref(),
        ansi: color::stderr().on,
    };
    logging::DEBUG.store(cli.debug, std::sync::atomic::Ordering::Relaxed);
    let trace = match logging::init(&settings) {
        Ok(trace) => trace,
        Err(e) => {
            printer::error_chain(&anyhow::Error::msg(e));
            return ExitCode::from(2);
        }
    };
    let runs_to_an_end = matches!(
        cli.command,
        args::Command::Check(_)
            | args::Command::Metrics(_)
            | args::Command::Dump(_)
            | args::Command::Stats(_)
            | args::Command::Report(_)
            | args::Command::History(_)
            | args::Command::Hotspots(_)
            | args::Command::Cache(_)
    );
    if runs_to_an_end && let Err(e) = signals::install() {
        printer::error_chain(&anyhow::Error::msg(format!(
            "failed to install the signal handlers: {e}"
        )));
        return ExitCode::from(2);
    }
    let res = match cli.command {
        args::Command::Check(a) if a.watch => watch::run(&a),
        args::Command::Check(a) => check::run(&a, check::Layout::Concise),
        args::Command::Metrics(a) => check::run(&a, check::Layout::Legacy),
        args::Command::Dump(a) => dump::run(&a),
        args::Command::Stats(a) => stats::run(&a),
        args::Command::Report(a) => report::run(&a),
        args::Command::History(a) => history::run(&a),
        args::Command::Hotspots(a) => hotspots::run(&a),
        args::Command::Cache(a) => cache::run(&a),
        args::Command::Config { command } => config::run(command),
        args::Command::Baseline { command } => baseline::run(command),
        args::Command::Hook { command } => hook::run(command),
    };
    // A run a signal stopped exits 130 or 143, whatever it got to do before it stopped.
    let res = match signals::exit() {
        Some(exit) if res.is_ok() => Ok(exit),
        _ => res,
    };
    let code = match res {
        Ok(Exit::Clean) => ExitCode::SUCCESS,
        Ok(Exit::Violations) => ExitCode::from(1),
        Ok(Exit::Error) => ExitCode::from(2),
        Ok(Exit::Interrupted) => ExitCode::from(130),
        Ok(Exit::Terminated) => ExitCode::from(143),
        Err(err) => {
            printer::error_chain(&err);
            ExitCode::from(2)
        }
    };
    match trace.map(logging::Trace::finish) {
        Some(Err(e)) => {
            printer::error_chain(&anyhow::Error::msg(e));
            ExitCode::from(2)
        }
        _ => code,
    }
}
