//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "antipasta",
    version,
    about = "Complexity gate for Python code: radon and complexipy numbers, at native speed"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    /// Log more (-v info, -vv debug, -vvv trace); ANTIPASTA_LOG takes a filter
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub(crate) verbose: u8,
    /// Write a Chrome trace of the run's phases to FILE (open it in ui.perfetto.dev)
    #[arg(long, value_name = "FILE", global = true, env = "ANTIPASTA_TRACE")]
    pub(crate) trace: Option<PathBuf>,
    /// Log as text, or as JSON (one object per event, with the run's id; status lines, warnings
    /// and file errors become events too)
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = crate::logging::LogFormat::Text,
          global = true, env = "ANTIPASTA_LOG_FORMAT", ignore_case = true)]
    pub(crate) log_format: crate::logging::LogFormat,
    /// Append the log events to PATH instead of stderr
    #[arg(long, value_name = "PATH", global = true, env = "ANTIPASTA_LOG_FILE")]
    pub(crate) log_file: Option<PathBuf>,
    /// Debug logs, and after a check its --timings, slowest files and run metrics on stderr
    #[arg(long, global = true)]
    pub(crate) debug: bool,
    /// Colour the human formats and the logs: auto (an attended terminal, unless NO_COLOR,
    /// CLICOLOR=0 or TERM=dumb; CLICOLOR_FORCE or FORCE_COLOR force it), always, never
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = crate::color::Choice::Auto, global = true)]
    pub(crate) color: crate::color::Choice,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Check files against the thresholds; exit 0 clean, 1 violations, 2 errors
    Check(CheckArgs),
    /// The original antipasta command: `check` with the 1.x report layout
    Metrics(CheckArgs),
    /// Print every computed metric as JSON Lines, one object per file (the oracle's keys)
    Dump(DumpArgs),
    /// Inspect or maintain the result cache
    Cache(CacheArgs),
    /// Statistics of the code: totals and distributions overall, by directory or by module
    Stats(StatsArgs),
    /// A visual report: one offline HTML page (treemap, worst functions, file detail, baseline
    /// diff), or its JSON snapshot
    Report(ReportArgs),
    /// Metrics over the project's git history, every blob computed once (no checkout)
    History(HistoryArgs),
    /// Where complexity and change meet: churn × complexity per file and function, and the files
    /// that change together
    Hotspots(HotspotsArgs),
    /// Create, check and show configuration files
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Record the project's current violations as accepted (`check --baseline`)
    Baseline {
        #[command(subcommand)]
        command: BaselineCommand,
    },
    /// Install or remove the git pre-commit hook (`antipasta check --staged`)
    Hook {
        #[command(subcommand)]
        command: HookCommand,
    },
}

#[derive(Subcommand, Debug, Clone)]
pub(crate) enum BaselineCommand {
    /// Write the baseline: every current violation of the whole project, with its value
    Create {
        /// Where (default: the config's `baseline:`, else .antipasta-baseline.json at the project root)
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        check: CheckArgs,
    },
    /// Rewrite the baseline from the current violations: drops fixed and improved entries (and
    /// accepts new and worsened ones)
    Update {
        /// The baseline file (default: as for create)
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        check: CheckArgs,
    },
}

#[derive(Subcommand, Debug, Clone)]
pub(crate) enum ConfigCommand {
    /// Write a configuration file: prompts on a terminal, the default template otherwise
    Generate {
        /// Where to write it (missing parent directories are created)
        #[arg(short, long, default_value = ".antipasta.yaml")]
        output: PathBuf,
        /// Write the default template without prompting, overwriting the file
        #[arg(long)]
        non_interactive: bool,
    },
    /// Check a configuration file: exit 0 valid, 2 invalid (with every error)
    Validate {
        /// .antipasta.yaml or pyproject.toml
        #[arg(value_name = "CONFIG_FILE", default_value = ".antipasta.yaml")]
        config_file: PathBuf,
    },
    /// Show a configuration file
    View {
        /// .antipasta.yaml or pyproject.toml
        #[arg(short, long, default_value = ".antipasta.yaml")]
        path: PathBuf,
        #[arg(short, long, value_enum, ignore_case = true, default_value_t = ViewFormat::Summary)]
        format: ViewFormat,
        /// Validate before showing (the default; kept for 1.x scripts)
        #[arg(long, overrides_with = "no_validate")]
        validate: bool,
        /// Accepted for 1.x scripts: an invalid file is still refused (exit 2), except by raw
        #[arg(long)]
        no_validate: bool,
    },
    /// Print the JSON Schema of the configuration (for YAML and TOML language servers)
    Schema,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ViewFormat {
    Summary,
    Table,
    Yaml,
    Json,
    Raw,
}

#[derive(Subcommand, Debug, Clone, Copy)]
pub(crate) enum HookCommand {
    /// Write .git/hooks/pre-commit (or core.hooksPath's); an existing hook is kept and run first
    Install,
    /// Remove antipasta's hook, putting back the one it replaced
    Uninstall,
}

#[derive(Args, Debug, Clone)]
pub(crate) struct CacheArgs {
    #[command(subcommand)]
    pub(crate) command: CacheCommand,
    /// Cache directory (default: ANTIPASTA_CACHE_DIR, else .antipasta_cache at the project root)
    #[arg(long, value_name = "DIR", global = true)]
    pub(crate) cache_dir: Option<PathBuf>,
}

#[derive(Subcommand, Debug, Clone)]
pub(crate) enum CacheCommand {
    /// Entries, bytes and the hit rate of the last run
    Stats,
    /// Remove the cache directory
    Clean,
    /// Drop entries not used for DAYS days and compact the file
    Prune {
        #[arg(long, default_value_t = 30)]
        days: u16,
    },
    /// Read every record in a child process; exit 0 when all check, 2 when the cache is damaged
    #[command(hide = true)]
    Verify {
        /// Also write a compacted copy of the store here (what a run asks of its verifier)
        #[arg(long, hide = true)]
        compact_into: Option<PathBuf>,
        /// This is the child: read the store in this process
        #[arg(long, hide = true)]
        in_child: bool,
    },
}

/// Which files `stats` and `report` take, as `check`'s flags of the same names.
#[derive(Args, Debug, Clone)]
pub(crate) struct SelectArgs {
    /// Re-include files matching this gitignore-style pattern (repeatable)
    #[arg(short, long = "include-pattern", value_name = "PATTERN")]
    pub(crate) include: Vec<String>,
    /// Exclude files matching this gitignore-style pattern (repeatable)
    #[arg(short, long = "exclude-pattern", value_name = "PATTERN")]
    pub(crate) exclude: Vec<String>,
    /// Do not read .gitignore files
    #[arg(long)]
    pub(crate) no_gitignore: bool,
    /// Analyse every file found, ignoring every exclusion
    #[arg(long)]
    pub(crate) force_analyze: bool,
}

impl SelectArgs {
    /// The same, as `check`'s arguments.
    pub(crate) fn argv(&self) -> Vec<std::ffi::OsString> {
        let mut argv: Vec<std::ffi::OsString> = Vec::new();
        for (flag, patterns) in [("-i", &self.include), ("-e", &self.exclude)] {
            for p in patterns {
                argv.extend([flag.into(), p.into()]);
            }
        }
        for (on, flag) in [
            (self.no_gitignore, "--no-gitignore"),
            (self.force_analyze, "--force-analyze"),
        ] {
            if on {
                argv.push(flag.into());
            }
        }
        argv
    }
}

/// How the commands that analyse like `check` (stats, report, history, hotspots) run.
#[derive(Args, Debug, Clone)]
pub(crate) struct AnalysisArgs {
    /// Worker threads (default: ANTIPASTA_JOBS, else all cores)
    #[arg(short, long)]
    pub(crate) jobs: Option<usize>,
    /// Do not read or write the result cache (or ANTIPASTA_NO_CACHE=1)
    #[arg(long)]
    pub(crate) no_cache: bool,
    /// Cache directory (default: as for check)
    #[arg(long, value_name = "DIR")]
    pub(crate) cache_dir: Option<PathBuf>,
}

#[derive(Args, Debug, Clone)]
pub(crate) struct StatsArgs {
    /// Glob pattern of the files, relative to -d (repeatable; default: the configured languages'
    /// extensions)
    #[arg(short, long = "pattern", value_name = "GLOB")]
    pub(crate) pattern: Vec<String>,
    /// Base directory to search in
    #[arg(short, long, value_name = "DIR", default_value = ".")]
    pub(crate) directory: PathBuf,
    /// Configuration file (default: the closest one, as for check)
    #[arg(short, long)]
    pub(crate) config: Option<PathBuf>,
    /// Group the statistics by directory
    #[arg(long)]
    pub(crate) by_directory: bool,
    /// Group the statistics by module (Python packages)
    #[arg(long)]
    pub(crate) by_module: bool,
    /// Directory depth shown with --by-directory (0 = unlimited, at most 20)
    #[arg(long, default_value_t = 1, allow_negative_numbers = true)]
    pub(crate) depth: i64,
    /// How directories are shown: relative (truncated), parent (the last two components), full
    #[arg(long, value_enum, default_value_t = PathStyle::Relative)]
    pub(crate) path_style: PathStyle,
    /// Metrics: loc, cyc, cog, hal, mai, all, or full names (repeatable; default: loc)
    #[arg(short, long = "metric", value_name = "METRIC")]
    pub(crate) metric: Vec<String>,
    /// table, json, csv, or all (nine files from one analysis, into -o DIR)
    #[arg(long, value_enum, ignore_case = true, default_value_t = StatsFormat::Table)]
    pub(crate) format: StatsFormat,
    /// Write to this file (a directory for --format all)
    #[arg(short, long, value_name = "PATH")]
    pub(crate) output: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) select: SelectArgs,
    #[command(flatten)]
    pub(crate) analysis: AnalysisArgs,
}

#[derive(Args, Debug, Clone)]
pub(crate) struct ReportArgs {
    /// Configuration file (default: the closest one, as for check)
    #[arg(short, long)]
    pub(crate) config: Option<PathBuf>,
    /// A file to analyse (repeatable)
    #[arg(short, long = "files", value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,
    /// A directory to analyse (repeatable; default: the current directory)
    #[arg(short, long = "directory", value_name = "DIR")]
    pub(crate) directory: Vec<PathBuf>,
    /// Write the report to this file (default: stdout)
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// html (one offline page) or json (the snapshot, schema version 2)
    #[arg(long, value_enum, ignore_case = true, default_value_t = ReportFormat::Html)]
    pub(crate) format: ReportFormat,
    /// Also print the N worst functions (by the larger of cyclomatic and cognitive complexity)
    #[arg(long, value_name = "N")]
    pub(crate) top: Option<usize>,
    /// Open the HTML report in a browser once written
    #[arg(long, overrides_with = "no_open")]
    pub(crate) open: bool,
    #[arg(long, hide = true)]
    pub(crate) no_open: bool,
    /// A snapshot to diff against (`--save-baseline`'s, or antipasta 1.2's): the delta summary,
    /// and the HTML page in "vs baseline" mode
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Also write the snapshot beside the output (NAME.baseline.json) for a later --baseline
    #[arg(long)]
    pub(crate) save_baseline: bool,
    #[command(flatten)]
    pub(crate) select: SelectArgs,
    #[command(flatten)]
    pub(crate) analysis: AnalysisArgs,
}

#[derive(Args, Debug, Clone)]
pub(crate) struct HistoryArgs {
    /// The commits: REV (its ancestors), A..B (B's that are not A's); default HEAD
    pub(crate) range: Option<String>,
    /// Only these files or directories
    #[arg(last = true)]
    pub(crate) paths: Vec<PathBuf>,
    /// Every parent, not only the first (merged branches' commits too)
    #[arg(long)]
    pub(crate) all_parents: bool,
    /// At most this many commits
    #[arg(short = 'n', long, value_name = "N")]
    pub(crate) max_count: Option<usize>,
    /// No commit older than this: YYYY-MM-DD, or a window such as 90d, 12w
    #[arg(long, value_name = "WHEN")]
    pub(crate) since: Option<String>,
    /// One function's series (its qualified name, `Class.method`)
    #[arg(long, value_name = "QUALNAME", conflicts_with = "file")]
    pub(crate) function: Option<String>,
    /// One file's series (following pure renames), a path relative to the repository's work tree
    #[arg(long, value_name = "PATH")]
    pub(crate) file: Option<PathBuf>,
    /// text, json or csv
    #[arg(long, value_enum, ignore_case = true, default_value_t = HistoryFormat::Text)]
    pub(crate) format: HistoryFormat,
    /// Configuration file (default: the closest one, as for check)
    #[arg(short, long)]
    pub(crate) config: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) analysis: AnalysisArgs,
}

#[derive(Args, Debug, Clone)]
pub(crate) struct HotspotsArgs {
    /// The repository (default: the one holding the current directory)
    #[arg(long, value_name = "DIR")]
    pub(crate) repo: Option<PathBuf>,
    /// The commits looked at: those of the last 90d, 12w, 6m, 1y, since a date (2024-05-01), or
    /// `all`
    #[arg(long, value_name = "WINDOW", default_value = "90d")]
    pub(crate) window: String,
    /// text or json
    #[arg(long, value_enum, ignore_case = true, default_value_t = HotspotsFormat::Text)]
    pub(crate) format: HotspotsFormat,
    /// How many files, functions and pairs to list
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub(crate) top: usize,
    /// Pairs of files changed together in at least this many commits
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub(crate) min_support: u64,
    /// Configuration file (default: the closest one, as for check)
    #[arg(short, long)]
    pub(crate) config: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) analysis: AnalysisArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum HotspotsFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum HistoryFormat {
    Text,
    Json,
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    Html,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum PathStyle {
    Relative,
    Parent,
    Full,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum StatsFormat {
    Table,
    Json,
    Csv,
    All,
}

#[derive(Args, Debug, Clone)]
pub(crate) struct CheckArgs {
    /// Files or directories to check (default: the current directory)
    pub(crate) paths: Vec<PathBuf>,
    /// Configuration file, .antipasta.yaml or pyproject.toml, for every file (default: the closest
    /// .antipasta.yaml or [tool.antipasta], looked up from the current directory)
    #[arg(short, long, conflicts_with = "isolated")]
    pub(crate) config: Option<PathBuf>,
    /// Ignore every configuration file: the built-in defaults
    #[arg(long)]
    pub(crate) isolated: bool,
    /// Print the effective settings and where each came from, then exit
    #[arg(long, conflicts_with_all = ["watch", "show_files"])]
    pub(crate) show_settings: bool,
    /// Print the files that would be checked (after every exclusion), then exit
    #[arg(long, conflicts_with = "watch")]
    pub(crate) show_files: bool,
    /// A file to check (repeatable)
    #[arg(short, long = "files", value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,
    /// A directory to check (repeatable)
    #[arg(short, long = "directory", value_name = "DIR")]
    pub(crate) directory: Vec<PathBuf>,
    /// Print only violations and errors
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Output format
    #[arg(long, value_enum, ignore_case = true, default_value_t = Format::Text)]
    pub(crate) format: Format,
    /// Report in FORMAT: concise, full, grouped, legacy, json, json-lines, csv, sarif, github,
    /// gitlab, junit; to PATH, or to stdout without one (at most one; else stdout keeps the
    /// command's own format); repeatable (or ANTIPASTA_OUTPUT_FORMAT)
    #[arg(long, value_name = "FORMAT[:PATH]", env = "ANTIPASTA_OUTPUT_FORMAT", conflicts_with_all = ["watch", "add_ignore"])]
    pub(crate) output_format: Vec<String>,
    /// Write what would go to stdout to this file instead
    #[arg(long, value_name = "PATH", conflicts_with_all = ["watch", "add_ignore"])]
    pub(crate) output_file: Option<PathBuf>,
    /// After the report: violations per metric, percentiles of every metric, and the worst N
    /// functions of each (default 5)
    #[arg(long, value_name = "N", num_args = 0..=1, require_equals = true, default_missing_value = "5",
          conflicts_with_all = ["watch", "add_ignore"])]
    pub(crate) statistics: Option<usize>,
    /// Re-include files matching this gitignore-style pattern, over every exclusion (repeatable)
    #[arg(short, long = "include-pattern", value_name = "PATTERN")]
    pub(crate) include: Vec<String>,
    /// Exclude files matching this gitignore-style pattern (repeatable)
    #[arg(short, long = "exclude-pattern", value_name = "PATTERN")]
    pub(crate) exclude: Vec<String>,
    /// Override a threshold: metric=value, full name or prefix (cyc, cog, mai, vol, dif, eff)
    #[arg(short, long = "threshold", value_name = "METRIC=VALUE")]
    pub(crate) threshold: Vec<String>,
    /// Do not read .gitignore files
    #[arg(long)]
    pub(crate) no_gitignore: bool,
    /// Analyse every file found, ignoring every exclusion
    #[arg(long)]
    pub(crate) force_analyze: bool,
    /// Maintainability index without multi-line strings as comments (radon `mi_visit(multi=False)`;
    /// config `mi_multi: false`)
    #[arg(long)]
    pub(crate) mi_no_multi: bool,
    /// Accept the violations recorded in this baseline file (default: the config's `baseline:`)
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Disregard the baseline
    #[arg(long, conflicts_with = "baseline")]
    pub(crate) no_baseline: bool,
    /// Disregard every suppression comment (`# antipasta: ignore…`, honoured `# noqa`)
    #[arg(long)]
    pub(crate) no_ignore: bool,
    /// Fail (exit 1) when a suppression comment hides nothing (full runs)
    #[arg(long)]
    pub(crate) report_unused_ignores: bool,
    /// Write a suppression comment for every current violation (ruff's --add-noqa), then exit
    #[arg(long, value_name = "REASON", num_args = 0..=1, require_equals = true, default_missing_value = "",
          conflicts_with_all = ["staged", "diff", "watch"])]
    pub(crate) add_ignore: Option<String>,
    /// Exit 0 even with violations or file errors
    #[arg(long)]
    pub(crate) exit_zero: bool,
    /// Worker threads (default: ANTIPASTA_JOBS, else all cores the CPU quota allows)
    #[arg(short, long)]
    pub(crate) jobs: Option<usize>,
    /// Memory the run may use (512M, 2G, 1.5GiB, bytes); with the cgroup's limit and the
    /// available memory it bounds the files in flight: near it, fewer run in parallel
    #[arg(long, value_name = "SIZE", env = "ANTIPASTA_MAX_MEMORY", value_parser = parse_size)]
    pub(crate) max_memory: Option<u64>,
    /// Do not read or write the result cache (or ANTIPASTA_NO_CACHE=1|true|yes|on)
    #[arg(long)]
    pub(crate) no_cache: bool,
    /// Do not restrict the process with Landlock (or ANTIPASTA_NO_SANDBOX=1); by default it may
    /// read only the project, its configuration and git directory, and write only its cache and
    /// the files named on the command line
    #[arg(long)]
    pub(crate) no_sandbox: bool,
    /// Cache directory (default: ANTIPASTA_CACHE_DIR, else .antipasta_cache at the project root)
    #[arg(long, value_name = "DIR")]
    pub(crate) cache_dir: Option<PathBuf>,
    /// Bound on the cache's live data in MiB; past it the least recently used files are evicted
    #[arg(long, value_name = "MIB", env = "ANTIPASTA_CACHE_MAX_SIZE")]
    pub(crate) cache_max_size: Option<u64>,
    /// Print phase times and cache hits to stderr
    #[arg(long)]
    pub(crate) timings: bool,
    /// Write the run's metrics (files by source, errors by class, violations per metric, phase
    /// times, CPU, parallel efficiency, peak RSS, cache size and hit ratio, the slowest files) to
    /// PATH, atomically (node_exporter's textfile collector reads `*.prom`)
    #[arg(long, value_name = "PATH", env = "ANTIPASTA_METRICS_FILE", conflicts_with_all = ["watch", "add_ignore"])]
    pub(crate) metrics_file: Option<PathBuf>,
    /// The metrics file's format: prometheus, json or csv (default: from its extension,
    /// `.prom`/`.txt` being Prometheus' text format)
    #[arg(long, value_name = "FORMAT", requires = "metrics_file")]
    pub(crate) metrics_format: Option<String>,
    /// Check the staged content (git's index, not the work tree) of the staged files
    #[arg(long, conflicts_with = "diff")]
    pub(crate) staged: bool,
    /// Report only what changed: REV compares with the merge base of REV and HEAD (the branch's
    /// own changes, as `git diff REV...HEAD`); A...B with the merge base of A and B; A..B with A
    /// itself. The files checked are always the work tree's. See --scope
    #[arg(long, value_name = "REV")]
    pub(crate) diff: Option<String>,
    /// Keep running: re-check what changes on disk (Ctrl-C to stop)
    #[arg(long, conflicts_with_all = ["staged", "diff", "format"])]
    pub(crate) watch: bool,
    /// With --staged or --diff: which violations to report
    #[arg(long, value_enum, default_value_t = ScopeArg::ChangedFunctions)]
    pub(crate) scope: ScopeArg,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScopeArg {
    /// Functions that are new or whose body changed, and new file-level violations
    ChangedFunctions,
    /// Everything in files whose content changed
    ChangedFiles,
    /// Everything
    All,
}

#[derive(Args, Debug, Clone)]
pub(crate) struct DumpArgs {
    /// Files or directories (every .py file below them; no ignore rules apply)
    pub(crate) paths: Vec<PathBuf>,
    /// Worker threads (default: all cores)
    #[arg(short, long)]
    pub(crate) jobs: Option<usize>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Json,
}

impl CheckArgs {
    /// `--no-cache`, or `ANTIPASTA_NO_CACHE` set to a true value.
    pub(crate) fn cache_disabled(&self) -> anyhow::Result<bool> {
        Ok(self.no_cache || env_flag("ANTIPASTA_NO_CACHE")?)
    }
}

/// A boolean environment variable as users write it: `1`, `true`, `yes`, `on` (any case) are
/// true; `0`, `false`, `no`, `off`, empty or unset are false; anything else is an error (exit 2).
pub(crate) fn env_flag(name: &str) -> anyhow::Result<bool> {
    let Some(value) = std::env::var_os(name) else {
        return Ok(false);
    };
    let value = value.to_string_lossy().trim().to_ascii_lowercase();
    match value.as_str() {
        "1" | "true" | "yes" | "on" | "y" | "t" => Ok(true),
        "" | "0" | "false" | "no" | "off" | "n" | "f" => Ok(false),
        _ => anyhow::bail!(
            "{name} must be a boolean (1, true, yes, on or 0, false, no, off), got '{value}'"
        ),
    }
}

/// `512M`, `2G`, `1.5GiB`, `300k`, `1000000`: bytes (K, M, G, T are binary multiples, as in
/// `ulimit` and container limits).
pub(crate) fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let n: f64 = number
        .parse()
        .map_err(|_| format!("'{s}' is not a size (512M, 2G, 1.5GiB, bytes)"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        _ => return Err(format!("'{s}': unknown unit '{unit}' (K, M, G, T)")),
    };
    let bytes = n * (1u64 << shift) as f64;
    match bytes >= 1.0 && bytes < u64::MAX as f64 {
        true => Ok(bytes as u64),
        false => Err(format!("'{s}' is not a size of at least one byte")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes() {
        use super::parse_size;
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("1.5GiB"), Ok(3 << 29));
        assert_eq!(parse_size("300k"), Ok(300 << 10));
        assert_eq!(parse_size("1000000"), Ok(1_000_000));
        assert!(parse_size("12Q").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("M").is_err());
    }
}
