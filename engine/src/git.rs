//! What git already knows about a work tree (gix, without its `status` machinery): the blob id of
//! every tracked file whose index entry is clean, so that a fresh clone with a restored cache
//! finds its results without reading a file (shared/design/engine.md §3.5, §7).

use std::path::{Path, PathBuf};

use gix::bstr::ByteSlice;
use gix::index::entry::{Flags, Mode, Stage};

use crate::store::Oid;

/// The index of the work tree that holds a project root.
pub struct Index {
    workdir: PathBuf,
    file: gix::index::File,
    options: gix::index::entry::stat::Options,
}

impl Index {
    /// `None` outside a git work tree, or when the index cannot be read (every file is then read
    /// and hashed, which is slower and exactly as correct).
    pub fn open(root: &Path) -> Option<Index> {
        let _span = tracing::debug_span!("git_index").entered();
        let repo = gix::discover(root).ok()?;
        let workdir = root.join(repo.workdir()?);
        let options = repo.stat_options().ok()?;
        let file = repo.open_index().ok()?;
        Some(Index {
            workdir,
            file,
            options,
        })
    }

    /// The blob id `path` holds, when the index proves it: a stage-0 regular file entry, neither
    /// assumed unchanged nor skipped, not racy, and with the stat the file has now (git's own
    /// rule for a clean entry).
    pub fn clean_blob(&self, path: &Path, now: &gix::index::entry::Stat) -> Option<Oid> {
        let rel = path.strip_prefix(&self.workdir).ok()?;
        let rel = gix::path::to_unix_separators_on_windows(gix::path::into_bstr(rel).ok()?);
        let entry = self
            .file
            .entry_by_path_and_stage(rel.as_bstr(), Stage::Unconflicted)?;
        let plain = matches!(entry.mode, Mode::FILE | Mode::FILE_EXECUTABLE)
            && !entry
                .flags
                .intersects(Flags::ASSUME_VALID | Flags::SKIP_WORKTREE);
        let clean = plain
            && !entry.stat.is_racy(self.file.timestamp(), self.options)
            && entry.stat.matches(now, self.options);
        clean.then(|| entry.id.as_slice().try_into().ok()).flatten()
    }

    pub fn workdir(&self) -> &Path {
        &self.workdir
    }
}

/// git's view of a file's stat (seconds and nanoseconds, 32-bit fields as the index stores them),
/// from one `lstat`.
pub fn stat_of(meta: &std::fs::Metadata) -> gix::index::entry::Stat {
    use gix::index::entry::stat::Time;
    use std::os::unix::fs::MetadataExt;
    gix::index::entry::Stat {
        mtime: Time {
            secs: meta.mtime() as u32,
            nsecs: meta.mtime_nsec() as u32,
        },
        ctime: Time {
            secs: meta.ctime() as u32,
            nsecs: meta.ctime_nsec() as u32,
        },
        dev: meta.dev() as u32,
        ino: meta.ino() as u32,
        uid: meta.uid(),
        gid: meta.gid(),
        size: meta.size() as u32,
    }
}
