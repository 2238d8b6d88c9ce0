//! The configuration a run uses: `--isolated` (the built-in defaults), `--config FILE` (one file
//! for everything), else the closest `.antipasta.yaml` or `[tool.antipasta]` walking up from the
//! current directory to the repository root (ecosystem.md §5.2).

use std::path::{Path, PathBuf};

use engine::config::{self, Config};

use crate::args::CheckArgs;
use crate::check::{absolute, display_path, relative};
use crate::printer::{self, Status};

pub(crate) struct RunConfig {
    pub(crate) config: Config,
    /// The file it came from (`None`: the built-in defaults).
    pub(crate) path: Option<PathBuf>,
    /// Found by discovery: each file is analysed only under its closest configuration, so a
    /// directory with its own is left out (with `--config` or `--isolated` one applies to all).
    pub(crate) closest: bool,
}

/// `None` when the configuration is wrong (already reported: exit 2).
pub(crate) fn load(args: &CheckArgs, cwd: &Path, status: Status) -> Option<RunConfig> {
    if args.isolated {
        status.line("Using the built-in default configuration (--isolated)");
        return Some(RunConfig {
            config: Config::default(),
            path: None,
            closest: false,
        });
    }
    // A file named on the command line must be there: a typo in a CI script must not pass
    // everything on the defaults (a deliberate change from 1.x).
    if let Some(p) = &args.config
        && let Err(e) = std::fs::File::open(p).and_then(|f| match f.metadata()?.is_file() {
            true => Ok(()),
            false => Err(std::io::Error::other("not a file")),
        })
    {
        printer::note(&format!(
            "Error loading configuration: {}: {e}",
            printer::shown_path(p)
        ));
        return None;
    }
    // A changed-code run on another work tree (GIT_WORK_TREE, as git means it) is that
    // project's: its configuration is looked up from there.
    let start = match std::env::var_os("GIT_WORK_TREE") {
        Some(tree) if args.staged || args.diff.is_some() => absolute(cwd, Path::new(&tree)),
        _ => cwd.to_path_buf(),
    };
    let path = match &args.config {
        Some(p) => Some(absolute(cwd, p)),
        None => config::discover(&start),
    };
    let closest = args.config.is_none();
    let Some(p) = path else {
        status.line(&format!(
            "Configuration file '{}' not found.",
            config::FILE_NAME
        ));
        status.line("Run 'antipasta config generate' to create a configuration file.");
        status.line("Using default configuration for now...");
        return Some(RunConfig {
            config: Config::default(),
            path: None,
            closest,
        });
    };
    status.line(&format!("Using configuration: {}", display_path(&p, cwd)));
    let shown = printer::shown_path(&relative(&p, cwd));
    let (loaded, warnings) = config::load_with_warnings(&p, &shown);
    for w in warnings {
        status.warning(&w);
    }
    match loaded {
        Ok(config) => Some(RunConfig {
            config,
            path: Some(p),
            closest,
        }),
        Err(e) => {
            printer::config_error(&e);
            None
        }
    }
}

/// The configuration file's directory, else the git work tree's top, else the current directory.
pub(crate) fn project_root(config: Option<&Path>, cwd: &Path) -> PathBuf {
    match config.and_then(Path::parent) {
        Some(d) => absolute(cwd, d),
        None => git_root(cwd).unwrap_or_else(|| cwd.to_path_buf()),
    }
}

pub(crate) fn git_root(cwd: &Path) -> Option<PathBuf> {
    cwd.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// `check --show-settings`: the effective settings, each with where it came from (the file and
/// line that set it, the command line, or the built-in default).
pub(crate) fn show(setup: &crate::check::Setup, args: &CheckArgs, cwd: &Path) -> String {
    let c = &setup.config;
    let path = setup.config_path.as_deref();
    let file = path.map(|p| printer::shown_path(&relative(p, cwd)));
    let origin = |keys: &[&str], cli: Option<String>| -> String {
        if let Some(cli) = cli {
            return format!("command line ({cli})");
        }
        match (path, &file) {
            (Some(p), Some(f)) => match config::key_line(p, keys) {
                Some(line) => format!("{f}:{line}"),
                None => "default".to_string(),
            },
            _ => "default".to_string(),
        }
    };
    let source = match (path, args.isolated, args.config.is_some()) {
        (_, true, _) => "built-in defaults (--isolated)".to_string(),
        (Some(_), _, true) => format!("{} (--config)", file.clone().unwrap_or_default()),
        (Some(_), _, false) => format!(
            "{} (the closest to the current directory)",
            file.clone().unwrap_or_default()
        ),
        (None, _, _) => "built-in defaults (no configuration file found)".to_string(),
    };
    let mut out = vec![
        format!("configuration: {source}"),
        format!("project root: {}", setup.request.root.display()),
        String::new(),
    ];
    let mut line = |key: String, value: String, from: String| {
        out.push(format!("{:<44} {:<16} # {from}", format!("{key} ="), value));
    };
    let t = |name: &str| {
        args.threshold
            .iter()
            .rev()
            .find(|raw| config::parse_override(raw).is_ok_and(|o| o.metric.name() == name))
            .map(|raw| format!("-t {raw}"))
    };
    for (key, metric, value) in c.defaults.fields() {
        let metric = metric.name();
        line(
            format!("defaults.{key}"),
            crate::json::py_float(value),
            origin(&["defaults", key], t(metric)),
        );
    }
    let block = c
        .languages
        .iter()
        .position(|l| l.name.eq_ignore_ascii_case("python"));
    for e in setup.entries.base() {
        let scope = match e.scope {
            engine::config::Scope::Function => "",
            engine::config::Scope::Aggregate => " (aggregate)",
        };
        let state = if e.enabled { "" } else { " disabled" };
        let from = match block {
            Some(i) => {
                let index = c.languages[i]
                    .metrics
                    .iter()
                    .rposition(|m| m.metric == e.metric && m.scope == e.scope);
                match index {
                    Some(j) => origin(
                        &["languages", &i.to_string(), "metrics", &j.to_string()],
                        t(e.metric.name()),
                    ),
                    None => format!("command line (-t, added to {})", c.languages[i].name),
                }
            }
            None => "from defaults (no python block)".to_string(),
        };
        line(
            format!("gate {}{scope}", e.metric.name()),
            format!(
                "{} {}{state}",
                e.comparison.symbol(),
                crate::json::py_float(e.threshold)
            ),
            from,
        );
    }
    for (i, o) in c.overrides.iter().enumerate() {
        line(
            format!("overrides[{i}].paths"),
            o.paths.join(", "),
            origin(&["overrides", &i.to_string()], None),
        );
    }
    let excluded = (!args.exclude.is_empty()).then(|| format!("-e {}", args.exclude.join(" -e ")));
    line(
        "ignore_patterns".to_string(),
        format!("[{}]", c.ignore_patterns.join(", ")),
        match excluded {
            Some(e) => format!("{}; {e}", origin(&["ignore_patterns"], None)),
            None => origin(&["ignore_patterns"], None),
        },
    );
    let flag = |set: bool, name: &str| set.then(|| name.to_string());
    line(
        "use_gitignore".to_string(),
        c.use_gitignore.to_string(),
        origin(
            &["use_gitignore"],
            flag(args.no_gitignore, "--no-gitignore"),
        ),
    );
    line(
        "fail_on_file_errors".to_string(),
        c.fail_on_file_errors.to_string(),
        origin(&["fail_on_file_errors"], None),
    );
    line(
        "max_file_size".to_string(),
        c.max_file_size.to_string(),
        origin(&["max_file_size"], None),
    );
    line(
        "mi_multi".to_string(),
        (c.mi_multi && !args.mi_no_multi).to_string(),
        origin(&["mi_multi"], flag(args.mi_no_multi, "--mi-no-multi")),
    );
    line(
        "extensions".to_string(),
        setup.request.extensions.join(", "),
        origin(&["languages"], None),
    );
    let cache = engine::store::cache_dir(args.cache_dir.as_deref(), &setup.request.root);
    let cache_from = match (&args.cache_dir, std::env::var_os("ANTIPASTA_CACHE_DIR")) {
        (Some(_), _) => "command line (--cache-dir)".to_string(),
        (None, Some(_)) => "ANTIPASTA_CACHE_DIR".to_string(),
        _ => "default (the project root)".to_string(),
    };
    line(
        "cache_dir".to_string(),
        cache.display().to_string(),
        cache_from,
    );
    out.join("\n") + "\n"
}
