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
    let path = match &args.config {
        Some(p) => Some(absolute(cwd, p)),
        None => config::discover(cwd),
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

fn git_root(cwd: &Path) -> Option<PathBuf> {
    cwd.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}
