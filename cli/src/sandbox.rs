//! The process restricts itself before it reads the files it analyses (Linux): Landlock lets it
//! read only the project, its configuration, its git directory, what the limits read in `/proc`
//! and `/sys/fs/cgroup`, and `/etc/machine-id` (the store's note of its origin), and write only its cache directory and the files the user named
//! (reports, the metrics file: their directories, for the write-and-rename). No core dumps
//! (`RLIMIT_CORE` 0); no more than 4,096 open files or processes (`RLIMIT_NOFILE`,
//! `RLIMIT_NPROC`, soft limits only ever lowered). On by default where the kernel has Landlock,
//! `--no-sandbox` (or `ANTIPASTA_NO_SANDBOX=1`) turns it off; a debug event says which.
//!
//! Landlock binds the calling thread and the threads it starts afterwards: it is applied on the
//! main thread before the analysis threads exist (they are started by the first analysis).

use std::path::{Path, PathBuf};

use landlock::{
    ABI, Access, AccessFs, RestrictionStatus, Ruleset, RulesetAttr, RulesetCreatedAttr,
    RulesetStatus, path_beneath_rules,
};

/// The newest Landlock ABI the rules are written for; older kernels enforce what they know.
const ABI_WANTED: ABI = ABI::V6;

/// Open files and processes past which nothing this tool does would go.
const SANE_LIMIT: u64 = 4096;

/// What the sandboxed process may touch.
#[derive(Debug, Default)]
pub(crate) struct Allowed {
    pub(crate) read: Vec<PathBuf>,
    pub(crate) write: Vec<PathBuf>,
}

impl Allowed {
    /// `path`'s directory, for a file to be written by rename beside it.
    pub(crate) fn write_file(&mut self, path: &Path, cwd: &Path) {
        let path = cwd.join(path);
        match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => self.write.push(dir.to_path_buf()),
            _ => self.write.push(cwd.to_path_buf()),
        }
    }

    /// The git directory (and its common directory, for a worktree) of the work tree `root`
    /// is in, as git finds it: `GIT_DIR`, else `.git` in `root` or above (a directory, or a
    /// file naming one).
    pub(crate) fn git_dirs_of(&mut self, root: &Path) {
        if let Some(dir) = std::env::var_os("GIT_DIR") {
            self.read.push(root.join(dir));
            return;
        }
        let Some(dot_git) = root
            .ancestors()
            .map(|d| d.join(".git"))
            .find(|g| g.exists())
        else {
            return;
        };
        let dir = match std::fs::read_to_string(&dot_git) {
            Ok(text) => match text.trim().strip_prefix("gitdir:") {
                Some(d) => dot_git.parent().unwrap_or(root).join(d.trim()),
                None => return,
            },
            Err(_) => dot_git,
        };
        if let Ok(common) = std::fs::read_to_string(dir.join("commondir")) {
            self.read.push(dir.join(common.trim()));
        }
        self.read.push(dir);
    }
}

/// How the run ended up restricted.
#[derive(Debug)]
pub(crate) enum Sandbox {
    Enforced { partially: bool },
    Off(String),
}

/// Restricts this thread (and the threads it starts from now on) to `allowed`, and sets the
/// resource limits. Never fails the run: what cannot be enforced is said in the result.
pub(crate) fn apply(allowed: &Allowed) -> Sandbox {
    limit_resources();
    match restrict(allowed) {
        Ok(status) => match status.ruleset {
            RulesetStatus::FullyEnforced => Sandbox::Enforced { partially: false },
            RulesetStatus::PartiallyEnforced => Sandbox::Enforced { partially: true },
            RulesetStatus::NotEnforced => {
                Sandbox::Off("the kernel does not enforce Landlock".to_string())
            }
        },
        Err(e) => Sandbox::Off(format!("Landlock refused the rules: {e}")),
    }
}

fn restrict(allowed: &Allowed) -> Result<RestrictionStatus, landlock::RulesetError> {
    // Only paths that exist can be named (a cache directory not created, an absent git dir).
    let existing = |paths: &[PathBuf]| -> Vec<PathBuf> {
        paths.iter().filter(|p| p.exists()).cloned().collect()
    };
    // The limits read /proc and the cgroup; the store's note names the machine (machine-id).
    let system = ["/proc", "/sys/fs/cgroup", "/etc/machine-id"].map(PathBuf::from);
    let mut read = existing(&allowed.read);
    read.extend(existing(&system));
    Ruleset::default()
        .handle_access(AccessFs::from_all(ABI_WANTED))?
        .create()?
        .add_rules(path_beneath_rules(read, AccessFs::from_read(ABI_WANTED)))?
        .add_rules(path_beneath_rules(
            existing(&allowed.write),
            AccessFs::from_all(ABI_WANTED),
        ))?
        .restrict_self()
}

/// No core dumps (they would copy the analysed sources out of the sandbox); the open files and
/// processes bounded, never raised.
fn limit_resources() {
    use rlimit::Resource;
    let _ = Resource::CORE.set(0, 0);
    for r in [Resource::NOFILE, Resource::NPROC] {
        if let Ok((soft, hard)) = r.get()
            && soft > SANE_LIMIT
        {
            let _ = r.set(SANE_LIMIT.min(hard), hard);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Landlock binds one thread: each case runs on a thread of its own, the test harness's
    /// other threads are not restricted.
    fn sandboxed<T: Send>(allowed: Allowed, f: impl FnOnce() -> T + Send) -> (Sandbox, T) {
        std::thread::scope(|s| {
            s.spawn(|| {
                let status = apply(&allowed);
                (status, f())
            })
            .join()
            .unwrap()
        })
    }

    #[test]
    fn a_write_outside_the_allowed_paths_fails_and_inside_succeeds() {
        let project = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(project.path().join("a.py"), "x = 1\n").unwrap();
        std::fs::write(elsewhere.path().join("secret.py"), "y = 2\n").unwrap();
        let allowed = Allowed {
            read: vec![project.path().to_path_buf()],
            write: vec![cache.path().to_path_buf()],
        };
        let (status, (read_in, write_cache, write_project, write_out, read_out)) =
            sandboxed(allowed, || {
                (
                    std::fs::read_to_string(project.path().join("a.py")).is_ok(),
                    std::fs::write(cache.path().join("data"), "ok").is_ok(),
                    std::fs::write(project.path().join("b.py"), "z = 3\n").map_err(|e| e.kind()),
                    std::fs::write(elsewhere.path().join("out"), "no").map_err(|e| e.kind()),
                    std::fs::read_to_string(elsewhere.path().join("secret.py"))
                        .map_err(|e| e.kind()),
                )
            });
        if let Sandbox::Off(why) = &status {
            panic!("this kernel has Landlock (ABI 7), yet: {why}");
        }
        assert!(read_in && write_cache);
        let denied = Err(std::io::ErrorKind::PermissionDenied);
        assert_eq!(write_project, denied);
        assert_eq!(write_out, denied);
        assert_eq!(read_out.map(|_| ()), denied);
        // This thread was not restricted.
        assert!(std::fs::write(elsewhere.path().join("out"), "yes").is_ok());
    }
}
