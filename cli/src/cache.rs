//! The result cache as the CLI uses it: opening it for a run (a restored cache is verified in a
//! child process first), and `antipasta cache stats|clean|prune|verify`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::Context;
use engine::store::{self, Store};

use crate::Exit;
use crate::args::{CacheArgs, CacheCommand};
use crate::printer::{self, Status};

/// The store for a run, or `None` (with one warning) when it cannot be had; `Err` when the
/// directory is not antipasta's to write (exit 2: a gate must not pretend it has a cache there).
pub(crate) fn open(
    dir: &Path,
    max_mib: Option<u64>,
    status: Status,
) -> anyhow::Result<Option<Store>> {
    match Store::open(dir, &verify_in_child) {
        Ok((mut store, note)) => {
            if let Some(note) = note {
                status.warning(&note);
            }
            if let Some(mib) = max_mib {
                store.set_max_size(mib << 20);
            }
            Ok(Some(store))
        }
        Err(store::OpenError::Foreign(why)) => Err(anyhow::Error::msg(why)),
        Err(store::OpenError::Unavailable(e)) => {
            status.warning(&format!("running without the cache (left as it is): {e}"));
            Ok(None)
        }
    }
}

/// Reads the whole store in `antipasta cache verify` (and compacts it into `into`, unless
/// empty): a damaged LMDB file can crash the process that maps it, so that process is not this
/// one.
fn verify_in_child(dir: &Path, into: &Path) -> bool {
    let Ok(exe) = std::env::current_exe() else {
        return false;
    };
    let _span = tracing::info_span!("verify_cache").entered();
    let mut cmd = Command::new(exe);
    cmd.args(["cache", "verify", "--in-child", "--cache-dir"])
        .arg(dir);
    if !into.as_os_str().is_empty() {
        cmd.arg("--compact-into").arg(into);
    }
    cmd.env_remove("ANTIPASTA_TRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

pub(crate) fn run(args: &CacheArgs) -> anyhow::Result<Exit> {
    let cwd = std::env::current_dir().context("failed to read the current directory")?;
    let dir = dir(args.cache_dir.as_deref(), &cwd);
    match args.command {
        CacheCommand::Clean => {
            let cleaned = store::clean(&dir).map_err(anyhow::Error::msg)?;
            printer::cache_cleaned(&dir, cleaned);
            Ok(Exit::Clean)
        }
        CacheCommand::Stats => {
            let store = existing(&dir)?;
            let stats = store.stats().map_err(anyhow::Error::msg)?;
            printer::cache_stats(&dir, &stats, store::last_run(&dir).as_deref());
            Ok(Exit::Clean)
        }
        CacheCommand::Prune { days } => {
            let store = existing(&dir)?;
            let before = store.stats().map_err(anyhow::Error::msg)?;
            let removed = store
                .prune(days, store::now_ns())
                .map_err(anyhow::Error::msg)?;
            let after = existing(&dir)?.stats().map_err(anyhow::Error::msg)?;
            printer::cache_pruned(removed, days, before.file_bytes, after.file_bytes);
            Ok(Exit::Clean)
        }
        CacheCommand::Verify {
            ref compact_into,
            in_child: true,
        } => {
            let store = Store::open_existing(&dir).map_err(anyhow::Error::msg)?;
            let bad = store.verify().map_err(anyhow::Error::msg)?;
            if bad > 0 {
                return Ok(Exit::Error);
            }
            if let Some(into) = compact_into {
                store.compact_into(into).map_err(anyhow::Error::msg)?;
            }
            Ok(Exit::Clean)
        }
        CacheCommand::Verify { .. } => match verify_in_child(&dir, Path::new("")) {
            true => Ok(Exit::Clean),
            false => anyhow::bail!("the cache at {} is damaged or unreadable", dir.display()),
        },
    }
}

fn existing(dir: &Path) -> anyhow::Result<Store> {
    if !store::env_dir(dir).join("data.mdb").is_file() {
        anyhow::bail!("no cache at {}", dir.display());
    }
    let (store, note) =
        Store::open(dir, &verify_in_child).map_err(|e| anyhow::Error::msg(e.to_string()))?;
    if let Some(note) = note {
        Status { quiet: false }.warning(&note);
    }
    Ok(store)
}

/// `--cache-dir`, else `ANTIPASTA_CACHE_DIR`, else `.antipasta_cache` at the project root (the
/// configuration file's directory, else the git work tree, else the current directory).
pub(crate) fn dir(explicit: Option<&Path>, cwd: &Path) -> PathBuf {
    let config = engine::config::discover(cwd);
    let root = crate::settings::project_root(config.as_deref(), cwd);
    store::cache_dir(explicit, &root)
}
