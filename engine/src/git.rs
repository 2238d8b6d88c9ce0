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
    view: [u8; 8],
}

impl Index {
    /// `None` outside a git work tree, or when the index cannot be read (every file is then read
    /// and hashed, which is slower and exactly as correct).
    pub fn open(root: &Path) -> Option<Index> {
        let _span = tracing::debug_span!("git_index").entered();
        let repo = discover(root)?;
        let workdir = workdir(&repo, root)?;
        let file = repo.open_index().ok()?;
        let view = checkout_view(&repo, &workdir);
        Some(Index {
            workdir,
            file,
            view,
        })
    }

    /// What the work-tree bytes of a clean entry are a function of, besides its blob: the
    /// checkout filter settings ([`checkout_view`]).
    pub fn view(&self) -> [u8; 8] {
        self.view
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
        let clean = plain && strictly_clean(&entry.stat, now, self.file.timestamp().unix_seconds());
        clean.then(|| entry.id.as_slice().try_into().ok()).flatten()
    }
}

/// git's rule for a clean entry, at its strictest whatever the repository's settings: every
/// stat field the index keeps equal to the file's, nanoseconds and ctime included
/// (`core.trustctime=false` and `core.checkStat=minimal` would let an edit that puts the mtime
/// back pass), and the entry not racy: written in an earlier second than the index (git's own
/// racy rule; git smudges an entry it finds racy when it next writes the index, which this then
/// also sees as changed). Stricter than git means a file read and hashed, never a wrong answer.
fn strictly_clean(
    entry: &gix::index::entry::Stat,
    now: &gix::index::entry::Stat,
    index_secs: i64,
) -> bool {
    let racy = i64::from(entry.mtime.secs) >= index_secs;
    !racy
        && entry.mtime.secs == now.mtime.secs
        && entry.mtime.nsecs == now.mtime.nsecs
        && entry.ctime.secs == now.ctime.secs
        && entry.ctime.nsecs == now.ctime.nsecs
        && entry.size == now.size
        && entry.ino == now.ino
        && entry.uid == now.uid
        && entry.gid == now.gid
}

/// The repository of `dir` as git finds it: `GIT_DIR` (with `GIT_WORK_TREE`, or the current
/// directory as the work tree, as git does) when set, else discovery upwards.
fn discover(dir: &Path) -> Option<gix::Repository> {
    gix::discover_with_environment_overrides(dir).ok()
}

/// The absolute, canonical top of the work tree of `repo`, found from `dir`; `None` when bare.
/// Paths are compared with it as the caller's (canonical) working directory makes them.
/// With `GIT_DIR` set and neither `GIT_WORK_TREE` nor `core.worktree`, git takes the current
/// directory as the top of the work tree (git(1), `GIT_DIR`); so does this.
fn workdir(repo: &gix::Repository, dir: &Path) -> Option<PathBuf> {
    let git_dir_alone = std::env::var_os("GIT_DIR").is_some()
        && std::env::var_os("GIT_WORK_TREE").is_none()
        && repo.config_snapshot().string("core.worktree").is_none();
    let joined = match git_dir_alone {
        true if repo.config_snapshot().boolean("core.bare") == Some(true) => return None,
        true => std::env::current_dir().ok()?,
        false => dir.join(repo.workdir()?),
    };
    Some(joined.canonicalize().unwrap_or(joined))
}

/// A fingerprint of what turns a blob into work-tree bytes here: `core.autocrlf`, `core.eol`,
/// every `[filter …]` section, and `core.attributesFile`'s, `info/attributes`' and the top-level
/// `.gitattributes`' text. Never
/// [`store::EXACT`](crate::store::EXACT). (Nested `.gitattributes` files are not read: a tree
/// whose subdirectories set `eol` or filters for `.py` files has that much less protection.)
fn checkout_view(repo: &gix::Repository, workdir: &Path) -> [u8; 8] {
    let config = repo.config_snapshot();
    let mut hasher = blake3::Hasher::new();
    for key in ["core.autocrlf", "core.eol", "core.attributesFile"] {
        hasher.update(key.as_bytes());
        if let Some(value) = config.string(key) {
            hasher.update(&value);
        }
        hasher.update(b"\0");
    }
    if let Some(filters) = config.plumbing().sections_by_name("filter") {
        for section in filters {
            hasher.update(&section.to_bstring());
        }
    }
    let files = [
        config
            .string("core.attributesFile")
            .map(|p| PathBuf::from(p.to_string())),
        Some(repo.common_dir().join("info/attributes")),
        Some(workdir.join(".gitattributes")),
    ];
    for file in files.into_iter().flatten() {
        hasher.update(&std::fs::read(file).unwrap_or_default());
        hasher.update(b"\0");
    }
    let hash: [u8; 32] = hasher.finalize().into();
    let mut view: [u8; 8] = hash[..8].try_into().expect("8 of 32 bytes");
    if view == crate::store::EXACT {
        view[0] = 1;
    }
    view
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

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not inside a git work tree ({0})")]
    NotARepository(String),
    #[error("unknown revision '{rev}': {message}")]
    Revision { rev: String, message: String },
    #[error("git: {0}")]
    Git(String),
    /// A revision or its history missing from a shallow clone: never "everything is new".
    #[error(
        "'{rev}' cannot be compared with in this shallow clone ({message}); fetch the history it \
         needs: git fetch --deepen=100 (or --unshallow), or in GitHub Actions fetch-depth: 0"
    )]
    Shallow { rev: String, message: String },
}

fn git_error(e: impl std::fmt::Display) -> Error {
    Error::Git(e.to_string())
}

/// A work tree's repository, for `--staged` and `--diff`: blobs are read from the object
/// database, never from the work tree.
pub struct Repo {
    repo: gix::Repository,
    workdir: PathBuf,
}

/// A commit of [`Repo::log`].
#[derive(Clone, Debug)]
pub struct Commit {
    /// Full hex id.
    pub id: String,
    /// Committer time, seconds since the epoch.
    pub time: i64,
    pub summary: String,
}

/// A file as git has it: its absolute path in the work tree and its blob.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blob {
    pub path: PathBuf,
    pub oid: Oid,
}

impl Repo {
    /// The repository of the work tree holding `dir` (a linked worktree has its own index).
    pub fn discover(dir: &Path) -> Result<Repo, Error> {
        let repo = gix::discover_with_environment_overrides(dir)
            .map_err(|e| Error::NotARepository(e.to_string()))?;
        let workdir = workdir(&repo, dir)
            .ok_or_else(|| Error::NotARepository("a bare repository".to_string()))?;
        Ok(Repo { repo, workdir })
    }

    /// The staged files, each with the blob `HEAD` has for it: regular stage-0 entries of the
    /// index whose blob or mode differs from `HEAD`'s tree, or that `HEAD` lacks (added,
    /// modified, renamed, mode changed). A file renamed without an edit has its old blob as the
    /// earlier version; a deletion has nothing left to check; on an unborn branch everything is
    /// staged and new.
    pub fn staged(&self) -> Result<Vec<(Blob, Option<Oid>)>, Error> {
        if !self.repo.index_path().exists() {
            // A new repository: nothing was ever added.
            return Ok(Vec::new());
        }
        let index = self.repo.open_index().map_err(git_error)?;
        let head = self.repo.head().map_err(git_error)?;
        let before = if head.is_unborn() {
            std::collections::HashMap::new()
        } else {
            let tree = self.repo.head_tree_id().map_err(git_error)?;
            self.tree_entries(tree.detach())?
        };
        let now: std::collections::HashSet<&gix::bstr::BStr> =
            plain_entries(&index).map(|e| e.path(&index)).collect();
        // Blobs of HEAD paths the index no longer has: where renamed files came from.
        let gone: std::collections::HashSet<gix::ObjectId> = before
            .iter()
            .filter(|(path, _)| !now.contains(path.as_slice().as_bstr()))
            .map(|(_, (id, _))| *id)
            .collect();
        let mut staged = Vec::new();
        for entry in plain_entries(&index) {
            let path = entry.path(&index);
            let old = before.get(path).copied();
            if old == Some((entry.id, entry.mode)) {
                continue;
            }
            let earlier = match old {
                Some((id, _)) => Some(id),
                None => gone.contains(&entry.id).then_some(entry.id),
            };
            let earlier = earlier.and_then(|id| id.as_slice().try_into().ok());
            staged.push((self.blob_of(path, entry.id)?, earlier));
        }
        Ok(staged)
    }

    /// The commit `--diff SPEC` compares with, and how it was found: `REV` means the merge base
    /// of REV and HEAD (what `git diff REV...HEAD` shows: the branch's own changes), `A...B` the
    /// merge base of A and B, `A..B` A itself (an empty side is HEAD).
    pub fn diff_base(&self, spec: &str) -> Result<(String, String), Error> {
        let resolve = |rev: &str| self.commit_id(rev);
        let merge_base =
            |a: gix::ObjectId, b: gix::ObjectId, shown: &str| match self.repo.merge_base(a, b) {
                Ok(Some(id)) => Ok(id.detach()),
                Ok(None) => Err(Error::Revision {
                    rev: shown.to_string(),
                    message: "no common ancestor with the other side".to_string(),
                }),
                Err(e) => Err(self.revision_error(shown, e)),
            };
        if let Some((a, b)) = spec.split_once("...") {
            let base = merge_base(resolve(a)?, resolve(b)?, spec)?;
            return Ok((base.to_string(), format!("the merge base of {spec}")));
        }
        if let Some((a, _)) = spec.split_once("..") {
            return Ok((resolve(a)?.to_string(), a.to_string()));
        }
        let rev = resolve(spec)?;
        match self.repo.head_id() {
            Ok(head) => {
                let base = merge_base(rev, head.detach(), spec)?;
                let how = match base == rev {
                    true => spec.to_string(),
                    false => format!("the merge base of {spec} and HEAD"),
                };
                Ok((base.to_string(), how))
            }
            // An unborn branch: nothing to meet; the revision itself.
            Err(_) => Ok((rev.to_string(), spec.to_string())),
        }
    }

    fn revision_error(&self, rev: &str, e: impl std::fmt::Display) -> Error {
        let message = e.to_string();
        match self.repo.is_shallow().unwrap_or(false) {
            true => Error::Shallow {
                rev: rev.to_string(),
                message,
            },
            false => Error::Revision {
                rev: rev.to_string(),
                message,
            },
        }
    }

    /// The blob id git would give this file's bytes (`git hash-object`): finds where a file
    /// that is new under its path was renamed from.
    pub fn blob_id_of(&self, path: &Path) -> Option<Oid> {
        let bytes = std::fs::read(path).ok()?;
        let id =
            gix::objs::compute_hash(self.repo.object_hash(), gix::objs::Kind::Blob, &bytes).ok()?;
        id.as_slice().try_into().ok()
    }

    /// Every regular file of the index, with its staged blob.
    pub fn index_files(&self) -> Result<Vec<Blob>, Error> {
        if !self.repo.index_path().exists() {
            return Ok(Vec::new());
        }
        let index = self.repo.open_index().map_err(git_error)?;
        plain_entries(&index)
            .map(|e| self.blob_of(e.path(&index), e.id))
            .collect()
    }

    /// Every regular file of the tree of `rev` (any commit-ish git understands).
    pub fn files_at(&self, rev: &str) -> Result<Vec<Blob>, Error> {
        let spec = format!("{rev}^{{tree}}");
        let tree = self
            .repo
            .rev_parse_single(spec.as_str())
            .map_err(|e| Error::Revision {
                rev: rev.to_string(),
                message: e.to_string(),
            })?;
        self.tree_entries(tree.detach())?
            .into_iter()
            .map(|(path, (id, _))| self.blob_of(path.as_ref(), id))
            .collect()
    }

    /// The commits of `range` (`REV`, `A..B`: B's ancestors that are not A's; empty: `HEAD`),
    /// newest first: along first parents unless `all_parents`, at most `max_count`, none older
    /// than `since` (seconds since the epoch).
    pub fn log(
        &self,
        range: &str,
        all_parents: bool,
        max_count: Option<usize>,
        since: Option<i64>,
    ) -> Result<Vec<Commit>, Error> {
        let resolve = |rev: &str| self.commit_id(rev);
        let (hidden, tip) = match range.split_once("..") {
            Some((a, b)) => (Some(resolve(a)?), resolve(b)?),
            None => (None, resolve(range)?),
        };
        // Newest first by commit time, as `git log` and `git rev-list` list them.
        let newest_first = gix::revision::walk::Sorting::ByCommitTime(Default::default());
        let mut walk = self.repo.rev_walk([tip]).sorting(newest_first);
        if !all_parents {
            walk = walk.first_parent_only();
        }
        if let Some(h) = hidden {
            walk = walk.with_hidden([h]);
        }
        let mut out = Vec::new();
        for info in walk.all().map_err(git_error)? {
            let info = info.map_err(git_error)?;
            let commit = info.object().map_err(git_error)?;
            let time = commit.time().map_err(git_error)?.seconds;
            if since.is_some_and(|s| time < s) {
                if all_parents {
                    continue;
                }
                break;
            }
            let summary = commit
                .message()
                .map(|m| m.summary().to_string())
                .unwrap_or_default();
            out.push(Commit {
                id: info.id.to_string(),
                time,
                summary,
            });
            if max_count.is_some_and(|n| out.len() >= n) {
                break;
            }
        }
        Ok(out)
    }

    /// The commit a revision names (an empty one is HEAD).
    fn commit_id(&self, rev: &str) -> Result<gix::ObjectId, Error> {
        let rev = if rev.is_empty() { "HEAD" } else { rev };
        let spec = format!("{rev}^{{commit}}");
        self.repo
            .rev_parse_single(spec.as_str())
            .map(|id| id.detach())
            .map_err(|e| self.revision_error(rev, e))
    }

    /// The full id of `rev`'s first parent; `None` for a root commit.
    pub fn first_parent(&self, rev: &str) -> Option<String> {
        self.commit_id(&format!("{rev}^"))
            .ok()
            .map(|id| id.to_string())
    }

    /// The work tree's root.
    pub fn workdir(&self) -> &Path {
        &self.workdir
    }

    /// The bytes of a blob, from the object database.
    pub fn read(&self, oid: &Oid) -> Result<Vec<u8>, Error> {
        let id = gix::ObjectId::from_bytes_or_panic(oid);
        let mut blob = self.repo.find_blob(id).map_err(git_error)?;
        Ok(std::mem::take(&mut blob.data))
    }

    fn tree_entries(
        &self,
        tree: gix::ObjectId,
    ) -> Result<std::collections::HashMap<gix::bstr::BString, (gix::ObjectId, Mode)>, Error> {
        let index = self.repo.index_from_tree(&tree).map_err(git_error)?;
        Ok(plain_entries(&index)
            .map(|e| (e.path(&index).to_owned(), (e.id, e.mode)))
            .collect())
    }

    fn blob_of(&self, rel: &gix::bstr::BStr, id: gix::ObjectId) -> Result<Blob, Error> {
        let rel = gix::path::from_bstr(rel).map_err(git_error)?;
        Ok(Blob {
            path: self.workdir.join(rel),
            oid: id.as_slice().try_into().map_err(git_error)?,
        })
    }
}

/// Stage-0 entries that are files (not symlinks, not submodules).
fn plain_entries(index: &gix::index::State) -> impl Iterator<Item = &gix::index::Entry> {
    index.entries().iter().filter(|e| {
        e.stage() == Stage::Unconflicted && matches!(e.mode, Mode::FILE | Mode::FILE_EXECUTABLE)
    })
}
