//! `antipasta hook install | uninstall`: a plain git pre-commit hook that checks the staged
//! content. The hooks directory is git's own answer (`git rev-parse --git-path hooks`, which
//! follows `core.hooksPath` and linked worktrees); a hook that is not ours is kept as
//! `pre-commit.legacy` and run first; installing twice changes nothing; uninstalling removes
//! only ours and puts the legacy hook back.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The first lines of our script: what tells it apart from anyone else's.
const MARKER: &str = "# antipasta pre-commit hook";

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot find the git hooks directory: {0}")]
    NoHooksDir(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

#[derive(Debug, PartialEq, Eq)]
pub enum Installed {
    New(PathBuf),
    /// A hook that was there is now `pre-commit.legacy`, run before ours.
    Chained {
        hook: PathBuf,
        legacy: PathBuf,
    },
    /// Ours, for another executable: rewritten.
    Updated(PathBuf),
    Already(PathBuf),
}

#[derive(Debug, PartialEq, Eq)]
pub enum Uninstalled {
    Removed(PathBuf),
    /// Ours was removed and the legacy hook put back.
    Restored(PathBuf),
    NotOurs(PathBuf),
    Missing(PathBuf),
}

/// Where git runs hooks from, for the repository holding `cwd`.
pub fn hooks_dir(cwd: &Path) -> Result<PathBuf, Error> {
    let out = Command::new("git")
        .args(["rev-parse", "--git-path", "hooks"])
        .current_dir(cwd)
        .output()
        .map_err(|e| Error::NoHooksDir(e.to_string()))?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(Error::NoHooksDir(msg));
    }
    let dir = String::from_utf8_lossy(&out.stdout).trim().to_string();
    Ok(cwd.join(dir))
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The script: runs the legacy hook first, then `antipasta check --staged` with the executable
/// that installed it (or the one on PATH, if that one moved).
pub fn script(exe: &Path) -> String {
    let exe = exe.display().to_string().replace('\'', "'\\''");
    format!(
        "#!/bin/sh\n\
         {MARKER} (antipasta hook uninstall removes it)\n\
         legacy=\"$(dirname \"$0\")/pre-commit.legacy\"\n\
         if [ -x \"$legacy\" ]; then \"$legacy\" \"$@\" || exit $?; fi\n\
         antipasta='{exe}'\n\
         [ -x \"$antipasta\" ] || antipasta=antipasta\n\
         \"$antipasta\" check --staged\n\
         status=$?\n\
         if [ $status -ne 0 ]; then\n\
         \x20   echo \"commit blocked by antipasta; bypass once with git commit --no-verify\" >&2\n\
         fi\n\
         exit $status\n"
    )
}

fn is_ours(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .is_ok_and(|t| t.lines().nth(1).is_some_and(|l| l.starts_with(MARKER)))
}

pub fn install(cwd: &Path, exe: &Path) -> Result<Installed, Error> {
    let dir = hooks_dir(cwd)?;
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let hook = dir.join("pre-commit");
    let legacy = dir.join("pre-commit.legacy");
    let text = script(exe);
    let outcome = if is_ours(&hook) {
        if std::fs::read_to_string(&hook).is_ok_and(|t| t == text) {
            return Ok(Installed::Already(hook));
        }
        Installed::Updated(hook.clone())
    } else if hook.exists() {
        std::fs::rename(&hook, &legacy).map_err(io(&hook))?;
        Installed::Chained {
            hook: hook.clone(),
            legacy,
        }
    } else {
        Installed::New(hook.clone())
    };
    std::fs::write(&hook, text).map_err(io(&hook))?;
    set_executable(&hook)?;
    Ok(outcome)
}

pub fn uninstall(cwd: &Path) -> Result<Uninstalled, Error> {
    let dir = hooks_dir(cwd)?;
    let hook = dir.join("pre-commit");
    let legacy = dir.join("pre-commit.legacy");
    if !hook.exists() {
        return Ok(Uninstalled::Missing(hook));
    }
    if !is_ours(&hook) {
        return Ok(Uninstalled::NotOurs(hook));
    }
    std::fs::remove_file(&hook).map_err(io(&hook))?;
    if legacy.exists() {
        std::fs::rename(&legacy, &hook).map_err(io(&legacy))?;
        return Ok(Uninstalled::Restored(hook));
    }
    Ok(Uninstalled::Removed(hook))
}

fn set_executable(path: &Path) -> Result<(), Error> {
    use std::os::unix::fs::PermissionsExt;
    let mut perms = std::fs::metadata(path).map_err(io(path))?.permissions();
    perms.set_mode(perms.mode() | 0o755);
    std::fs::set_permissions(path, perms).map_err(io(path))
}
