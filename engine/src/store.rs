//! The persistent result store: one LMDB environment per cache directory (heed), so that a file
//! whose bytes were analysed before — in an earlier run, another checkout, another worktree or on
//! another machine after a CI cache restore — is neither read nor parsed again
//! (shared/design/engine.md §2).
//!
//! Tables, every value sealed with an 8-byte checksum (xxh3 of key ‖ payload):
//! - `meta`: the schema;
//! - `files`: file key = blake3(tool fingerprint ‖ content hash) → last-used day ‖ postcard
//!   `FileMetrics`; the fingerprint covers the antipasta version, the store schema, the parser and a hash of the
//!   metric code (`queries::SOURCE_FINGERPRINT`),
//!   never thresholds, output or paths;
//! - `paths`: project-relative path → [`PathRec`] (what lstat said, the content hash, when);
//! - `oids`: git blob id ‖ view → content hash ‖ day recorded. The view says which bytes the
//!   hash is of: the blob's own (`EXACT`, for staged and revision content), or a work-tree
//!   checkout of it under given filter settings (eol conversion and attributes can make those
//!   bytes differ from the blob).
//!
//! Content hashes, not file keys, are what `paths` and `oids` point to: a record written by
//! another tool version can only lead to a key that version never wrote. A value that fails its
//! checksum or does not decode is a miss, never an answer; any failure to open, read or write the
//! store turns into a miss or a warning, and the results are the same with or without it.
//!
//! Layout: `<cache dir>/CACHEDIR.TAG`, `.gitignore`, `v<SCHEMA>/{data.mdb, lock.mdb, origin}`.

use std::path::{Path, PathBuf};

use heed::types::Bytes;
use heed::{Database, Env, EnvFlags, EnvOpenOptions, WithoutTls};
use queries::{FileMetrics, ModuleMetrics};

use crate::check::Summary;

/// Bumped whenever the layout of a stored key or value changes.
pub const SCHEMA: u32 = 6;

/// Address space reserved for the map; the file grows only as data is written, and doubles when
/// a write finds it full.
const MAP_SIZE: usize = 1 << 30;

/// A hit's last-used day is rewritten (the whole record) only once it is this many days old: the
/// LRU order and `prune` need no finer grain, and a daily CI run does not rewrite the store.
pub const TOUCH_DAYS: u16 = 7;

/// Default bound on the live data; past it the least recently used files are evicted.
pub const DEFAULT_MAX_SIZE: u64 = 256 << 20;

/// The stat of a file is trusted only when it was written this long before the run that
/// recorded it (git's racy-timestamp rule with a 1 s granularity, 2 s for FAT).
const RACY_NS: i64 = 2_000_000_000;

/// blake3 of a text as analysed (UTF-8, BOM dropped).
pub type Hash = [u8; 32];
/// A git object id (SHA-1).
pub type Oid = [u8; 20];

/// An `oids` key: a blob id and the view of it ([`EXACT`], or a checkout's filter fingerprint).
pub type BlobKey = [u8; 28];

/// The view of a blob's own bytes.
pub const EXACT: [u8; 8] = [0; 8];

pub fn blob_key(oid: &Oid, view: [u8; 8]) -> BlobKey {
    let mut key = [0; 28];
    key[..20].copy_from_slice(oid);
    key[20..].copy_from_slice(&view);
    key
}

/// Everything that changes a stored value: the tool, the store layout, the parser and the metric
/// code itself (a hash of `queries/src`, so that two builds of one version never share results).
fn fingerprint() -> &'static [u8; 32] {
    static FINGERPRINT: std::sync::OnceLock<[u8; 32]> = std::sync::OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        let text = format!(
            "antipasta {}; schema {SCHEMA}; ruff_python_parser 0.0.10; queries {}",
            env!("CARGO_PKG_VERSION"),
            queries::SOURCE_FINGERPRINT
        );
        blake3::hash(text.as_bytes()).into()
    })
}

pub fn content_hash(text: &str) -> Hash {
    blake3::hash(text.as_bytes()).into()
}

fn file_key(ck: &Hash) -> Hash {
    let mut hasher = blake3::Hasher::new();
    hasher.update(fingerprint());
    hasher.update(ck);
    hasher.finalize().into()
}

/// What lstat says of a file. Equal stats mean equal content unless the record is racy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stat {
    pub size: u64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
    pub ino: u64,
    pub dev: u64,
    pub mode: u32,
}

/// A `paths` record: the file had content `ck` when it had `stat`, seen by a run that started at
/// `recorded_at_ns`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PathRec {
    pub stat: Stat,
    pub ck: Hash,
    pub recorded_at_ns: i64,
}

impl PathRec {
    /// The content hash, when `now` is the stat of the file and the record is not racy: the file
    /// was last written well before the run that recorded it began (git's rule, on mtime; ctime,
    /// inode and size must still be equal, so an edit with its mtime put back is seen).
    pub fn trusted(&self, now: &Stat) -> Option<Hash> {
        let settled = self.stat.mtime_ns < self.recorded_at_ns - RACY_NS;
        (self.stat == *now && settled).then_some(self.ck)
    }
}

/// Days since the Unix epoch, for least-recently-used eviction and pruning.
pub fn day_of(ns: i64) -> u16 {
    (ns / 86_400_000_000_000).clamp(0, i64::from(u16::MAX)) as u16
}

/// The wall clock in nanoseconds since the epoch.
pub fn now_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i64)
}

/// Everything a run writes, in one transaction.
#[derive(Default)]
pub struct Writes {
    /// Content hash → encoded metrics ([`encode_metrics`]).
    pub files: Vec<(Hash, Vec<u8>)>,
    /// Content hashes of hits whose last-used day is [`TOUCH_DAYS`] old or more.
    pub touched: Vec<Hash>,
    pub paths: Vec<(Vec<u8>, PathRec)>,
    pub oids: Vec<(BlobKey, Hash)>,
}

impl Writes {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
            && self.touched.is_empty()
            && self.paths.is_empty()
            && self.oids.is_empty()
    }
}

/// Entries and bytes, for `antipasta cache stats`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub files: u64,
    pub paths: u64,
    pub oids: u64,
    /// Bytes of the pages holding data.
    pub live_bytes: u64,
    /// Size of `data.mdb` on disk.
    pub file_bytes: u64,
}

pub struct Store {
    env: Env<WithoutTls>,
    paths: Database<'static, Bytes, Bytes>,
    oids: Database<'static, Bytes, Bytes>,
    files: Database<'static, Bytes, Bytes>,
    dir: PathBuf,
    /// Opened on a read-only cache: hits are used, nothing is written.
    read_only: bool,
    max_size: u64,
}

/// The environment directory of a cache directory.
pub fn env_dir(cache_dir: &Path) -> PathBuf {
    cache_dir.join(format!("v{SCHEMA}"))
}

/// Checks a cache directory's store in a child process: `true` when every record reads back.
/// Given a path (not empty), the child also writes a compacted copy of the store there.
pub type Verify<'a> = dyn Fn(&Path, &Path) -> bool + 'a;

/// Why a run has no store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// The directory is not antipasta's (not empty, no antipasta `CACHEDIR.TAG`): nothing was
    /// written in it, and a run must not go on as if it had a cache there (exit 2).
    Foreign(String),
    /// The cache cannot be used here and now (memory, permissions, a network file system): the
    /// run goes on without it, and the cache is left as it is.
    Unavailable(String),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Foreign(e) | OpenError::Unavailable(e) => f.write_str(e),
        }
    }
}

/// Why an environment did not open: its files are damaged (proven by LMDB or by our own
/// checks), or something around them failed (then the files are left alone).
#[derive(Debug)]
enum EnvError {
    Damaged(String),
    Environment(String, Option<std::io::ErrorKind>),
}

impl EnvError {
    fn text(&self) -> &str {
        match self {
            EnvError::Damaged(e) | EnvError::Environment(e, _) => e,
        }
    }
}

/// Sorts a heed error into damage of the file or trouble of the environment.
fn classify(context: &str, e: heed::Error) -> EnvError {
    let text = format!("{context}: {e}");
    match &e {
        e if is_damage(e) => EnvError::Damaged(text),
        heed::Error::Io(io) => EnvError::Environment(text, Some(io.kind())),
        _ => EnvError::Environment(text, None),
    }
}

/// Whether LMDB's answer proves the file damaged.
fn is_damage(e: &heed::Error) -> bool {
    use heed::MdbError as M;
    matches!(
        e,
        heed::Error::Mdb(
            M::Invalid
                | M::Corrupted
                | M::PageNotFound
                | M::VersionMismatch
                | M::Incompatible
                | M::Panic
                | M::BadValSize,
        )
    )
}

impl Store {
    /// Opens (or creates) the store in `cache_dir`, which must be new, empty or antipasta's own
    /// (its `CACHEDIR.TAG`). A store not exactly as antipasta last left it (new to this machine:
    /// restored from CI, copied; or changed in place: a `cp` over it, bit rot) is read whole by
    /// `verify` in a child process, which also copies its live trees into a new file; only that
    /// copy is opened here, so a crash costs only the child and no page outside the verified
    /// trees (LMDB's free list) is ever used. A store proven damaged (verification, LMDB, the
    /// size guard, another schema) is removed and created anew, with the reason as the one
    /// warning to show; any other failure leaves it as it is.
    pub fn open(
        cache_dir: &Path,
        verify: &Verify<'_>,
    ) -> Result<(Store, Option<String>), OpenError> {
        let dir = env_dir(cache_dir);
        if let Some(fs) = network_filesystem(cache_dir) {
            return Err(OpenError::Unavailable(format!(
                "{} is on {fs}, where LMDB's locking is unsafe (choose --cache-dir on a local disk)",
                cache_dir.display()
            )));
        }
        match ownership(cache_dir) {
            Ownership::Foreign(why) => return Err(OpenError::Foreign(why)),
            Ownership::New | Ownership::Empty | Ownership::Ours { .. } => {}
        }
        if let Err(e) = prepare_dir(cache_dir, &dir) {
            // A cache we may not write may still be read (verified first unless it is exactly as
            // antipasta left it: the note that it was verified cannot be written).
            if dir.join("data.mdb").is_file()
                && (is_known(&dir) || verify(cache_dir, Path::new("")))
                && let Ok(store) = open_env(&dir, MAP_SIZE, true)
            {
                return Ok((
                    store,
                    Some(format!("the cache is read-only ({e}): not updating it")),
                ));
            }
            return Err(OpenError::Unavailable(format!(
                "cannot create {}: {e}",
                dir.display()
            )));
        }
        // From judging the file against its note to writing the note: alone.
        let _lock = note_lock(cache_dir);
        remove_other_schemas(cache_dir);
        let mut note = None;
        if dir.join("data.mdb").is_file() && !is_known(&dir) {
            // Not exactly as antipasta left it: a child reads every record and copies the live
            // trees into a new file; only that copy is ever used here (not one byte of the
            // doubtful file, its free list included, is read by this process).
            let fresh = dir.with_extension(format!("verified-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&fresh);
            let made = std::fs::create_dir(&fresh).is_ok();
            let copy = fresh.join("data.mdb");
            let ok = made && verify(cache_dir, &copy);
            match (ok, copy.is_file()) {
                (true, true) => {
                    if let Err(e) = swap_in(&dir, &fresh) {
                        let _ = std::fs::remove_dir_all(&fresh);
                        return Err(OpenError::Unavailable(format!(
                            "cannot replace the cache: {e}"
                        )));
                    }
                }
                // Verified where no copy was asked for (an in-process verifier): as it is.
                (true, false) => {}
                (false, _) => {
                    note = Some("discarded an unusable cache (it failed verification)".to_string());
                    discard(&dir);
                }
            }
            let _ = std::fs::remove_dir_all(&fresh);
        }
        let store = match open_sized(&dir) {
            Ok(store) => store,
            Err(EnvError::Damaged(first)) => {
                discard(&dir);
                let store =
                    open_sized(&dir).map_err(|e| OpenError::Unavailable(e.text().to_string()))?;
                note = Some(format!("discarded an unusable cache ({first})"));
                store
            }
            Err(e @ EnvError::Environment(..)) => {
                return Err(OpenError::Unavailable(e.text().to_string()));
            }
        };
        mark_known(&dir);
        Ok((store, note))
    }

    /// Opens read-only without verification or repair, for `cache verify` (which runs in the
    /// child): nothing of a doubtful file is written, not even by an empty transaction.
    pub fn open_existing(cache_dir: &Path) -> Result<Store, String> {
        open_env(&env_dir(cache_dir), MAP_SIZE, true).map_err(|e| e.text().to_string())
    }

    /// Copies the live trees into a new, compacted `data.mdb` at `into` (LMDB walks the free
    /// list for this too: a damaged one fails here, in the child).
    pub fn compact_into(&self, into: &Path) -> Result<(), String> {
        self.env
            .copy_to_path(into, heed::CompactionOption::Enabled)
            .map(drop)
            .map_err(|e| format!("cannot compact the cache: {e}"))
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn set_max_size(&mut self, bytes: u64) {
        self.max_size = bytes;
    }

    /// A read transaction; `None` when the store cannot be read (every lookup is then a miss).
    pub fn reader(&self) -> Option<Reader<'_>> {
        let txn = self.env.read_txn().ok()?;
        Some(Reader { store: self, txn })
    }

    /// Writes everything in one transaction (one fsync), growing a full map if need be, then evicts the
    /// least recently used files when the live data exceeds the bound. A second process writing at
    /// the same time makes this wait for its commit; both writes survive.
    pub fn write(&self, writes: &Writes, now_ns: i64) -> Result<(), String> {
        if writes.is_empty() || self.read_only {
            return Ok(());
        }
        // The commit and its note together: no other process judges the file in between.
        let _lock = self.dir.parent().and_then(note_lock);
        let day = day_of(now_ns);
        let attempt = || -> heed::Result<()> {
            let mut wtxn = self.env.write_txn()?;
            for (ck, payload) in &writes.files {
                let k = file_key(ck);
                self.files
                    .put(&mut wtxn, &k, &seal(&k, &with_day(day, payload)))?;
            }
            for ck in &writes.touched {
                let k = file_key(ck);
                let old = self.files.get(&wtxn, &k)?.and_then(|v| unseal(&k, v));
                if let Some(payload) = old.map(|p| p[2..].to_vec()) {
                    self.files
                        .put(&mut wtxn, &k, &seal(&k, &with_day(day, &payload)))?;
                }
            }
            for (path, rec) in &writes.paths {
                let payload = postcard::to_stdvec(rec).expect("plain data always encodes");
                self.paths.put(&mut wtxn, path, &seal(path, &payload))?;
            }
            for (oid, ck) in &writes.oids {
                let mut payload = ck.to_vec();
                payload.extend_from_slice(&day.to_le_bytes());
                self.oids.put(&mut wtxn, oid, &seal(oid, &payload))?;
            }
            wtxn.commit()
        };
        let mut res = attempt();
        // A full map: grow it (doubling, a bounded number of times) and write again.
        for _ in 0..12 {
            if !matches!(res, Err(heed::Error::Mdb(heed::MdbError::MapFull))) {
                break;
            }
            let size = self.env.info().map_size * 2;
            // SAFETY: no transaction of this process is alive: the failed one was dropped, and
            // readers are scoped to the lookups that ended before the write.
            #[allow(unsafe_code)]
            let grown = unsafe { self.env.resize(size) };
            res = grown.and_then(|()| attempt());
        }
        let res = res.and_then(|()| self.evict());
        match res {
            Ok(()) => {
                mark_known(&self.dir);
                Ok(())
            }
            // LMDB proved the file damaged: it goes, and the next run starts a new one.
            Err(e) if is_damage(&e) => {
                discard(&self.dir);
                Err(format!(
                    "the cache was damaged ({e}): removed it, the next run rebuilds it"
                ))
            }
            Err(e) => Err(write_error(&e)),
        }
    }

    /// Drops the least recently used files (oldest last-used day first) until the live data is
    /// under three quarters of the bound; nothing when it is under the bound.
    fn evict(&self) -> heed::Result<()> {
        if self.live_bytes()? <= self.max_size {
            return Ok(());
        }
        let mut by_day: Vec<(u16, Vec<u8>, usize)> = {
            let rtxn = self.env.read_txn()?;
            let mut all = Vec::new();
            for item in self.files.iter(&rtxn)? {
                let (k, v) = item?;
                let day = unseal_key(k, v).map_or(0, |p| u16::from_le_bytes([p[0], p[1]]));
                all.push((day, k.to_vec(), k.len() + v.len()));
            }
            all
        };
        by_day.sort();
        let target = self.max_size / 4 * 3;
        let mut live = self.live_bytes()?;
        let mut wtxn = self.env.write_txn()?;
        for (_, k, len) in by_day {
            if live <= target {
                break;
            }
            self.files.delete(&mut wtxn, &k)?;
            live = live.saturating_sub(len as u64 + 16);
        }
        wtxn.commit()
    }

    fn live_bytes(&self) -> heed::Result<u64> {
        let rtxn = self.env.read_txn()?;
        let mut pages = 0u64;
        let mut page_size = 4096u64;
        for db in [&self.files, &self.paths, &self.oids] {
            let s = db.stat(&rtxn)?;
            page_size = u64::from(s.page_size);
            pages += (s.branch_pages + s.leaf_pages + s.overflow_pages) as u64;
        }
        Ok(pages * page_size)
    }

    pub fn stats(&self) -> Result<Stats, String> {
        let stats = || -> heed::Result<Stats> {
            let rtxn = self.env.read_txn()?;
            Ok(Stats {
                files: self.files.len(&rtxn)?,
                paths: self.paths.len(&rtxn)?,
                oids: self.oids.len(&rtxn)?,
                live_bytes: self.live_bytes()?,
                file_bytes: std::fs::metadata(self.dir.join("data.mdb")).map_or(0, |m| m.len()),
            })
        };
        stats().map_err(|e| e.to_string())
    }

    /// Walks every page and checks every record's checksum: the damaged ones (which lookups
    /// would treat as misses). What a child process runs on a cache new to this machine: a
    /// damaged page crashes it, not the run.
    pub fn verify(&self) -> Result<u64, String> {
        let scan = || -> heed::Result<u64> {
            let rtxn = self.env.read_txn()?;
            let mut bad = 0;
            for item in self.files.iter(&rtxn)? {
                let (k, v) = item?;
                bad += u64::from(unseal_key(k, v).is_none());
            }
            for item in self.paths.iter(&rtxn)? {
                let (k, v) = item?;
                let rec = unseal(k, v).and_then(|p| postcard::from_bytes::<PathRec>(p).ok());
                bad += u64::from(rec.is_none());
            }
            for item in self.oids.iter(&rtxn)? {
                let (k, v) = item?;
                bad += u64::from(unseal(k, v).is_none_or(|p| p.len() != 34));
            }
            Ok(bad)
        };
        scan().map_err(|e| e.to_string())
    }

    /// Deletes the files not used for `days` days, and the path and blob-id records left
    /// pointing at no stored file (a pointer is as old as what it points to: a file checked every
    /// day keeps its records however long ago they were written), then compacts the environment
    /// into a new directory swapped into place, so the file shrinks. Returns the entries removed.
    /// Consumes the store: the environment is closed before the swap.
    pub fn prune(self, days: u16, now_ns: i64) -> Result<u64, String> {
        if self.read_only {
            return Err("the cache is read-only".to_string());
        }
        let _lock = self.dir.parent().and_then(note_lock);
        let cutoff = day_of(now_ns).saturating_sub(days);
        let delete = || -> heed::Result<u64> {
            let mut wtxn = self.env.write_txn()?;
            let files_old = |k: &[u8], v: &[u8]| {
                unseal_key(k, v).is_none_or(|p| u16::from_le_bytes([p[0], p[1]]) < cutoff)
            };
            let mut removed = delete_where(&self.files, &mut wtxn, files_old)?;
            let mut kept = std::collections::HashSet::new();
            for item in self.files.iter(&wtxn)? {
                kept.insert(item?.0.to_vec());
            }
            let points_at = |ck: Option<&[u8]>| {
                ck.and_then(|ck| <&Hash>::try_from(ck).ok())
                    .is_some_and(|ck| kept.contains(file_key(ck).as_slice()))
            };
            let oids_dangling = |k: &[u8], v: &[u8]| {
                !points_at(unseal(k, v).filter(|p| p.len() == 34).map(|p| &p[..32]))
            };
            let paths_dangling = |k: &[u8], v: &[u8]| {
                let rec = unseal(k, v).and_then(|p| postcard::from_bytes::<PathRec>(p).ok());
                !points_at(rec.as_ref().map(|r| r.ck.as_slice()))
            };
            removed += delete_where(&self.oids, &mut wtxn, oids_dangling)?;
            removed += delete_where(&self.paths, &mut wtxn, paths_dangling)?;
            wtxn.commit()?;
            Ok(removed)
        };
        let removed = delete().map_err(|e| write_error(&e))?;
        let fresh = self.dir.with_extension("new");
        let _ = std::fs::remove_dir_all(&fresh);
        std::fs::create_dir_all(&fresh).map_err(|e| e.to_string())?;
        self.env
            .copy_to_path(fresh.join("data.mdb"), heed::CompactionOption::Enabled)
            .map_err(|e| format!("cannot compact the cache: {e}"))?;
        let Store { env, dir, .. } = self;
        env.prepare_for_closing().wait();
        swap_in(&dir, &fresh).map_err(|e| format!("cannot replace the cache: {e}"))?;
        mark_known(&dir);
        Ok(removed)
    }
}

/// Deletes the records of `db` for which `old(key, value)` holds (damaged ones count as old).
fn delete_where(
    db: &Database<'static, Bytes, Bytes>,
    wtxn: &mut heed::RwTxn<'_>,
    old: impl Fn(&[u8], &[u8]) -> bool,
) -> heed::Result<u64> {
    let mut keys = Vec::new();
    for item in db.iter(wtxn)? {
        let (k, v) = item?;
        if old(k, v) {
            keys.push(k.to_vec());
        }
    }
    let mut removed = 0;
    for k in keys {
        removed += u64::from(db.delete(wtxn, &k)?);
    }
    Ok(removed)
}

/// Moves `fresh` into `dir`'s place; the old directory is renamed aside first and then deleted, so
/// no process ever sees a directory with some files of each.
fn swap_in(dir: &Path, fresh: &Path) -> std::io::Result<()> {
    let old = dir.with_extension("old");
    let _ = std::fs::remove_dir_all(&old);
    std::fs::rename(dir, &old)?;
    std::fs::rename(fresh, dir)?;
    std::fs::remove_dir_all(&old)
}

/// What `cache clean` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cleaned {
    /// There was no cache directory.
    Nothing,
    /// antipasta's entries were removed; the directory too when antipasta had created it and
    /// nothing else is left in it.
    Removed { directory: bool },
}

/// Removes what antipasta keeps in a cache directory, and the directory itself when antipasta
/// created it and nothing else is in it. A directory that is not antipasta's (not empty, no
/// antipasta tag) is refused: `Err` says why, and nothing is touched. Each environment is renamed
/// aside before it is deleted (never a lone `lock.mdb` deleted under a writer).
pub fn clean(cache_dir: &Path) -> Result<Cleaned, String> {
    let created = match ownership(cache_dir) {
        Ownership::New => return Ok(Cleaned::Nothing),
        Ownership::Empty => false,
        Ownership::Ours { created } => created,
        Ownership::Foreign(why) => return Err(why),
    };
    let fail = |e: std::io::Error| format!("failed to clean {}: {e}", cache_dir.display());
    let entries = std::fs::read_dir(cache_dir).map_err(fail)?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if is_env_name(&name)
            && entry.file_type().is_ok_and(|t| t.is_dir())
            && is_env_dir(&entry.path())
        {
            let aside = cache_dir.join(format!("{name}.deleting-{}", std::process::id()));
            let target = match name.contains('.') {
                true => entry.path(),
                false => {
                    std::fs::rename(entry.path(), &aside).map_err(fail)?;
                    aside
                }
            };
            std::fs::remove_dir_all(target).map_err(fail)?;
        }
    }
    let ours = |name: &str| match name {
        ".gitignore" => std::fs::read_to_string(cache_dir.join(name)).is_ok_and(|t| t == GITIGNORE),
        _ => true,
    };
    for name in [".gitignore", NOTE_LOCK, "CACHEDIR.TAG"]
        .into_iter()
        .filter(|n| ours(n))
    {
        match std::fs::remove_file(cache_dir.join(name)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(fail(e)),
            _ => {}
        }
    }
    let directory = created && std::fs::remove_dir(cache_dir).is_ok();
    Ok(Cleaned::Removed { directory })
}

/// One read transaction over the store.
pub struct Reader<'s> {
    store: &'s Store,
    txn: heed::RoTxn<'s, WithoutTls>,
}

impl Reader<'_> {
    pub fn path(&self, path: &[u8]) -> Option<PathRec> {
        let v = self.store.paths.get(&self.txn, path).ok().flatten()?;
        postcard::from_bytes(unseal(path, v)?).ok()
    }

    pub fn oid(&self, oid: &BlobKey) -> Option<Hash> {
        let v = self.store.oids.get(&self.txn, oid).ok().flatten()?;
        unseal(oid, v)?.get(..32)?.try_into().ok()
    }

    /// The stored record of a content hash, neither checked nor decoded: [`Record::open`] does
    /// both, and can run on any thread while this transaction lives.
    /// No result is stored (a new or emptied cache): nothing can be found by content.
    pub fn has_no_files(&self) -> bool {
        self.store.files.is_empty(&self.txn).unwrap_or(false)
    }

    pub fn file(&self, ck: &Hash) -> Option<Record<'_>> {
        let key = file_key(ck);
        let value = self.store.files.get(&self.txn, &key).ok().flatten()?;
        Some(Record { key, value })
    }
}

/// A `files` value as LMDB holds it.
pub struct Record<'t> {
    key: Hash,
    value: &'t [u8],
}

impl Record<'_> {
    /// The day it was last used and the metrics, or `None` when the checksum or the decoding
    /// fails. When `needed` says of the file's [`Summary`] that its functions cannot matter,
    /// they are not decoded: the metrics come back with the module's part only.
    pub fn open(&self, needed: Option<&dyn Fn(&Summary) -> bool>) -> Option<(u16, FileMetrics)> {
        let payload = unseal_key(&self.key, self.value)?;
        let day = u16::from_le_bytes([payload[0], payload[1]]);
        let (summary, rest) = postcard::take_from_bytes::<Summary>(&payload[2..]).ok()?;
        if needed.is_some_and(|needed| !needed(&summary)) {
            let (module, _) = postcard::take_from_bytes::<ModuleMetrics>(rest).ok()?;
            return Some((
                day,
                FileMetrics {
                    module,
                    functions: Vec::new(),
                },
            ));
        }
        Some((day, decode_metrics(rest)?))
    }
}

/// Whether a file's functions are needed, told from its index in the run's file list (each file
/// may have its own thresholds: per-path overrides) and its summary.
pub type Needed<'a> = dyn Fn(usize, &Summary) -> bool + Sync + 'a;

/// A `files` payload after the day: the summary, then the metrics.
pub fn encode_metrics(metrics: &FileMetrics) -> Vec<u8> {
    let mut bytes =
        postcard::to_stdvec(&crate::check::summary(metrics)).expect("plain data always encodes");
    bytes.extend_from_slice(&postcard::to_stdvec(metrics).expect("plain data always encodes"));
    bytes
}

/// The metrics, or `None` when the bytes are not a whole `FileMetrics` of this schema.
pub fn decode_metrics(bytes: &[u8]) -> Option<FileMetrics> {
    match postcard::take_from_bytes::<FileMetrics>(bytes) {
        Ok((m, [])) => Some(m),
        _ => None,
    }
}

/// A whole `files` payload after the day: the summary and the metrics it sums up.
#[cfg(test)]
fn decode_record(bytes: &[u8]) -> Option<FileMetrics> {
    let (summary, rest) = postcard::take_from_bytes::<Summary>(bytes).ok()?;
    decode_metrics(rest).filter(|m| crate::check::summary(m) == summary)
}

fn with_day(day: u16, payload: &[u8]) -> Vec<u8> {
    let mut v = day.to_le_bytes().to_vec();
    v.extend_from_slice(payload);
    v
}

fn write_error(e: &heed::Error) -> String {
    format!("cannot write the cache: {e}")
}

/// The kind of network or user-space file system `path` (or its nearest existing ancestor) is on,
/// if it is one: LMDB's locks and memory map are unsafe there (lmdb.h).
fn network_filesystem(path: &Path) -> Option<&'static str> {
    let existing = path.ancestors().find(|p| p.exists())?;
    let c = std::ffi::CString::new(existing.as_os_str().as_encoded_bytes()).ok()?;
    // SAFETY: statfs writes one `statfs` struct into the zeroed buffer it is given, and reads
    // the NUL-terminated path.
    #[allow(unsafe_code)]
    let f_type = unsafe {
        let mut buf: libc::statfs = std::mem::zeroed();
        if libc::statfs(c.as_ptr(), &mut buf) != 0 {
            return None;
        }
        buf.f_type
    };
    filesystem_name(f_type as i64)
}

/// Network and FUSE file-system magic numbers (statfs(2)).
fn filesystem_name(f_type: i64) -> Option<&'static str> {
    match f_type {
        0x6969 => Some("NFS"),
        0xFF53_4D42 => Some("CIFS"),
        0xFE53_4D42 => Some("SMB2"),
        0x517B => Some("SMB"),
        0x6573_5546 => Some("a FUSE file system"),
        0x0102_1997 => Some("9P"),
        _ => None,
    }
}

/// The signature line of every cache directory tag (bford.info/cachedir).
const TAG_SIGNATURE: &str = "Signature: 8a477f597d28d172789f06886806bc55";
/// The line that makes a tag antipasta's.
const TAG_OURS: &str = "# This file is a cache directory tag created by antipasta.";
/// In antipasta's tag when antipasta also created the directory (then `cache clean` removes it).
const TAG_CREATED: &str = "# antipasta created this directory.";

/// What a cache directory is to antipasta: only a new, empty or antipasta-tagged directory is
/// ever written, cleaned or pruned.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Ownership {
    New,
    Empty,
    Ours { created: bool },
    Foreign(String),
}

fn ownership(cache_dir: &Path) -> Ownership {
    match std::fs::symlink_metadata(cache_dir) {
        // Not there (or not reachable: creating it then fails, and the run goes without it).
        Err(_) => return Ownership::New,
        Ok(m) if !m.is_dir() => {
            return Ownership::Foreign(format!(
                "{} is not a directory: not using it as the cache directory",
                cache_dir.display()
            ));
        }
        Ok(_) => {}
    }
    if let Ok(tag) = std::fs::read_to_string(cache_dir.join("CACHEDIR.TAG"))
        && tag.lines().next() == Some(TAG_SIGNATURE)
        && tag.lines().any(|l| l == TAG_OURS)
    {
        return Ownership::Ours {
            created: tag.lines().any(|l| l == TAG_CREATED),
        };
    }
    let entries: Vec<std::fs::DirEntry> = match std::fs::read_dir(cache_dir) {
        Ok(entries) => entries.flatten().collect(),
        Err(e) => return Ownership::Foreign(format!("cannot read {}: {e}", cache_dir.display())),
    };
    // Without its tag, a directory holding nothing but environments (a CI cache restored
    // without the tag) is still antipasta's.
    // Another process may be creating the directory's files right now: a tag or `.gitignore`
    // that is still empty or half written counts as antipasta's.
    let partial = |path: &Path, ours: &str| {
        std::fs::read_to_string(path).is_ok_and(|t| ours.starts_with(&t) && !t.contains("\n\n"))
    };
    let only_ours = entries.iter().all(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        match name.as_ref() {
            "CACHEDIR.TAG" => partial(&e.path(), &tag_text(true)),
            ".gitignore" => partial(&e.path(), GITIGNORE),
            NOTE_LOCK => e.file_type().is_ok_and(|t| t.is_file()),
            _ => {
                is_env_name(&name)
                    && e.file_type().is_ok_and(|t| t.is_dir())
                    && is_env_dir(&e.path())
            }
        }
    });
    match (entries.is_empty(), only_ours) {
        (true, _) => Ownership::Empty,
        (false, true) => Ownership::Ours { created: false },
        (false, false) => Ownership::Foreign(format!(
            "{} is not an antipasta cache directory (it is not empty and has no CACHEDIR.TAG of \
             antipasta's): refusing to write or delete anything in it; choose another --cache-dir \
             or ANTIPASTA_CACHE_DIR",
            cache_dir.display()
        )),
    }
}

/// Creates the directory (or takes an empty one) and its tag and `.gitignore`, never replacing
/// a file that is there; then the environment directory.
fn prepare_dir(cache_dir: &Path, dir: &Path) -> std::io::Result<()> {
    let created = match std::fs::create_dir(cache_dir) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => false,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(cache_dir)?;
            true
        }
        Err(e) => return Err(e),
    };
    create_new(
        &cache_dir.join("CACHEDIR.TAG"),
        tag_text(created).as_bytes(),
    )?;
    create_new(&cache_dir.join(".gitignore"), GITIGNORE.as_bytes())?;
    std::fs::create_dir_all(dir)?;
    // Probe: a directory we cannot write into is read-only to us (root ignores mode bits).
    let probe = dir.join(format!(".probe-{}", std::process::id()));
    std::fs::write(&probe, b"")?;
    std::fs::remove_file(&probe)
}

const GITIGNORE: &str = "# Created by antipasta.\n*\n";

fn tag_text(created: bool) -> String {
    let mut tag = format!(
        "{TAG_SIGNATURE}\n{TAG_OURS}\n\
         # For information about cache directory tags see https://bford.info/cachedir/\n"
    );
    if created {
        tag.push_str(TAG_CREATED);
        tag.push('\n');
    }
    tag
}

/// Writes a file that is not there yet; one that is stays as it is.
fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut f) => f.write_all(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// The files antipasta keeps in an environment directory: only a directory holding nothing else
/// is one of antipasta's to delete.
const ENV_FILES: &[&str] = &["data.mdb", "lock.mdb", "origin", "last-run"];

fn is_env_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|entries| {
        entries.flatten().all(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            ENV_FILES.contains(&name.as_ref())
                || name.starts_with(".probe-")
                || name.starts_with("origin.tmp-")
        })
    })
}

/// Whether `name` is an environment directory antipasta makes: `v<N>`, or one of its
/// transient siblings (`v<N>.new`, `.old`, `.verified-<pid>`, `.deleting-<pid>`, `.damaged-<pid>`).
fn is_env_name(name: &str) -> bool {
    let (base, ext) = name.split_once('.').unwrap_or((name, ""));
    let versioned = base
        .strip_prefix('v')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let transient = ["new", "old"].contains(&ext)
        || ["verified-", "deleting-", "damaged-"]
            .iter()
            .any(|p| ext.starts_with(p));
    versioned && (ext.is_empty() || transient)
}

/// Environments of other schemas (and leftovers of interrupted swaps) are never read again.
/// Only in a directory antipasta owns, and only directories holding antipasta's files alone.
fn remove_other_schemas(cache_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(cache_dir) else {
        return;
    };
    let ours = format!("v{SCHEMA}");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let in_use = name == ours || name.starts_with(&format!("{ours}.verified-"));
        if !in_use
            && is_env_name(&name)
            && entry.file_type().is_ok_and(|t| t.is_dir())
            && is_env_dir(&entry.path())
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    // Schema 1 kept its files at the top of its (tagged) directory.
    for name in ["data.mdb", "lock.mdb"] {
        let _ = std::fs::remove_file(cache_dir.join(name));
    }
}

/// Puts a damaged environment out of the way: the directory is renamed aside first (a process
/// that still has it open keeps its files; `lock.mdb` is never deleted under it), then deleted.
fn discard(dir: &Path) {
    let aside = dir.with_extension(format!("damaged-{}", std::process::id()));
    if std::fs::rename(dir, &aside).is_ok() {
        let _ = std::fs::remove_dir_all(&aside);
    }
    let _ = std::fs::create_dir_all(dir);
}

/// The lock file beside the environments (an antipasta entry of the cache directory).
const NOTE_LOCK: &str = "notes.lock";

/// Held (an exclusive `flock`) while a store's file and its `origin` note change together — a
/// write and its note, a creation, a verification and its swap — so that no process judges a
/// file against a note that is about to be written (it would take another process's fresh
/// write for damage). Released when dropped; `None` where it cannot be had (then the worst case
/// is one needless verification).
struct NoteLock(#[allow(dead_code)] std::fs::File);

fn note_lock(cache_dir: &Path) -> Option<NoteLock> {
    use std::os::fd::AsRawFd;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(cache_dir.join(NOTE_LOCK))
        .ok()?;
    // SAFETY: flock on a file descriptor this function owns; no memory is passed.
    #[allow(unsafe_code)]
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) };
    (rc == 0).then_some(NoteLock(file))
}

/// The machine and the file's identity, then its size and times after antipasta's last write.
fn origin(dir: &Path) -> Option<(String, String)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(dir.join("data.mdb")).ok()?;
    let machine = std::fs::read_to_string("/etc/machine-id")
        .or_else(|_| std::fs::read_to_string("/proc/sys/kernel/random/boot_id"))
        .unwrap_or_default();
    Some((
        format!("{} {} {}", machine.trim(), meta.dev(), meta.ino()),
        format!(
            "{} {}.{} {}.{}",
            meta.size(),
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ctime(),
            meta.ctime_nsec()
        ),
    ))
}

/// Whether `data.mdb` is exactly as antipasta last left it on this machine: the same file (not a
/// CI restore or a copy), unchanged since (not written by anything else).
fn is_known(dir: &Path) -> bool {
    let stored = std::fs::read_to_string(dir.join("origin")).unwrap_or_default();
    let (identity, state) = stored.trim_end().split_once('\n').unwrap_or((&stored, ""));
    origin(dir).is_some_and(|(id, now)| id == identity && now == state)
}

/// Records the file as antipasta leaves it: after opening it and after every write. Replaced by
/// a rename, so a reader never sees half a note (a stale one only costs a verification).
fn mark_known(dir: &Path) {
    let Some((identity, state)) = origin(dir) else {
        return;
    };
    let note = format!("{identity}\n{state}\n");
    if std::fs::read_to_string(dir.join("origin")).ok().as_deref() == Some(note.as_str()) {
        return;
    }
    let tmp = dir.join(format!("origin.tmp-{}", std::process::id()));
    if std::fs::write(&tmp, note).is_ok() && std::fs::rename(&tmp, dir.join("origin")).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

fn open_env(dir: &Path, map_size: usize, read_only: bool) -> Result<Store, EnvError> {
    let data = dir.join("data.mdb");
    let mut options = EnvOpenOptions::new().read_txn_without_tls();
    options.map_size(map_size).max_dbs(4);
    if read_only {
        // SAFETY: flags only change how LMDB opens the files; NO_LOCK is safe on a directory no
        // one can write to.
        #[allow(unsafe_code)]
        unsafe {
            options.flags(EnvFlags::READ_ONLY | EnvFlags::NO_LOCK);
        }
    }
    // SAFETY: LMDB maps data.mdb; the mapping is only unsound if the file is truncated or changed
    // behind our back. The directory is antipasta's own, a file new to this machine was read
    // whole by a child process first, and the size guard below refuses a file shorter than the
    // pages its meta page claims before any page is read through the map.
    #[allow(unsafe_code)]
    let env = unsafe { options.open(dir) }.map_err(|e| classify("cannot open the cache", e))?;
    let page = u64::from(env.unnamed_database_stat().page_size);
    let needed = (env.info().last_page_number as u64 + 1) * page;
    let actual = std::fs::metadata(&data).map_or(0, |m| m.len());
    if actual < needed {
        return Err(EnvError::Damaged(format!(
            "data.mdb is {actual} bytes, its pages need {needed}"
        )));
    }
    if !read_only {
        env.clear_stale_readers()
            .map_err(|e| classify("cannot clear stale readers", e))?;
    }
    let tables = if read_only {
        let rtxn = env
            .read_txn()
            .map_err(|e| classify("cannot read the cache", e))?;
        let tables = env
            .open_databases_and_commit(rtxn, |opener, r| -> heed::Result<_> {
                let open = |name| opener.open_database::<Bytes, Bytes>(r, Some(name));
                let all = (open("meta")?, open("paths")?, open("oids")?, open("files")?);
                Ok(heed::CommitOrAbort::<_, ()>::Commit(all))
            })
            .map_err(|e| classify("cannot open the cache tables", e))?
            .unwrap_commit();
        let lacks = || EnvError::Damaged("the cache lacks a table".to_string());
        let (meta, paths, oids, files) = tables;
        (
            meta.ok_or_else(lacks)?,
            paths.ok_or_else(lacks)?,
            oids.ok_or_else(lacks)?,
            files.ok_or_else(lacks)?,
        )
    } else {
        let wtxn = env
            .write_txn()
            .map_err(|e| classify("cannot read the cache", e))?;
        env.create_databases_and_commit(wtxn, |opener, w| -> heed::Result<_> {
            let meta = opener.create_database::<Bytes, Bytes>(w, Some("meta"))?;
            let paths = opener.create_database::<Bytes, Bytes>(w, Some("paths"))?;
            let oids = opener.create_database::<Bytes, Bytes>(w, Some("oids"))?;
            let files = opener.create_database::<Bytes, Bytes>(w, Some("files"))?;
            Ok(heed::CommitOrAbort::<_, ()>::Commit((
                meta, paths, oids, files,
            )))
        })
        .map_err(|e| classify("cannot open the cache tables", e))?
        .unwrap_commit()
    };
    let (meta, paths, oids, files) = tables;
    let schema = SCHEMA.to_le_bytes();
    let stored = {
        let rtxn = env
            .read_txn()
            .map_err(|e| classify("cannot read the cache", e))?;
        meta.get(&rtxn, b"schema")
            .map_err(|e| classify("cannot read the cache", e))?
            .map(<[u8]>::to_vec)
    };
    match stored {
        Some(s) if s == schema => {}
        Some(_) => {
            return Err(EnvError::Damaged(
                "the cache has another schema".to_string(),
            ));
        }
        None if read_only => return Err(EnvError::Damaged("the cache has no schema".to_string())),
        None => {
            let mut w = env
                .write_txn()
                .map_err(|e| classify("cannot read the cache", e))?;
            meta.put(&mut w, b"schema", &schema)
                .and_then(|()| w.commit())
                .map_err(|e| classify("cannot read the cache", e))?;
        }
    }
    Ok(Store {
        env,
        paths,
        oids,
        files,
        dir: dir.to_path_buf(),
        read_only,
        max_size: DEFAULT_MAX_SIZE,
    })
}

/// Opens with the usual map, or, where the address space is limited (`ulimit -v`), with one just
/// large enough for the file and some growth.
fn open_sized(dir: &Path) -> Result<Store, EnvError> {
    match open_env(dir, MAP_SIZE, false) {
        Err(EnvError::Environment(_, Some(std::io::ErrorKind::OutOfMemory))) => {
            let file = std::fs::metadata(dir.join("data.mdb")).map_or(0, |m| m.len()) as usize;
            let small = (file + (32 << 20)).next_multiple_of(1 << 20);
            open_env(dir, small.min(MAP_SIZE), false)
        }
        other => other,
    }
}

/// Catches damage, not forgery (the cache is the user's own): xxh3-64 of key ‖ payload, a
/// fraction of blake3's cost on the small records a warm run reads by the thousand.
fn checksum(key: &[u8], payload: &[u8]) -> [u8; 8] {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(key);
    hasher.update(payload);
    hasher.digest().to_le_bytes()
}

fn seal(key: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut value = checksum(key, payload).to_vec();
    value.extend_from_slice(payload);
    value
}

/// The payload, or `None` when the bytes are not what `seal` wrote for this key.
fn unseal<'v>(key: &[u8], value: &'v [u8]) -> Option<&'v [u8]> {
    let (sum, payload) = value.split_at_checked(8)?;
    (sum == checksum(key, payload)).then_some(payload)
}

/// A `files` payload: at least the two day bytes.
fn unseal_key<'v>(key: &[u8], value: &'v [u8]) -> Option<&'v [u8]> {
    unseal(key, value).filter(|p| p.len() >= 2)
}

/// Records how the last run used the cache, for `cache stats` (a plain file beside the
/// environment: informational, never read by a run).
pub fn save_last_run(cache_dir: &Path, files: usize, usage: &crate::StoreUse) {
    let hits = usage.hits();
    let rate = 100.0 * hits as f64 / (hits + usage.computed).max(1) as f64;
    let line = format!(
        "{files} files, {hits} from the cache ({rate:.1} % hit rate: {} unchanged by stat, {} by git index, {} by content), {} computed\n",
        usage.stat_hits, usage.git_hits, usage.content_hits, usage.computed
    );
    let _ = std::fs::write(env_dir(cache_dir).join("last-run"), line);
}

pub fn last_run(cache_dir: &Path) -> Option<String> {
    std::fs::read_to_string(env_dir(cache_dir).join("last-run")).ok()
}

/// The cache directory: `--cache-dir`, else `ANTIPASTA_CACHE_DIR`, else `.antipasta_cache` at the
/// project root.
pub fn cache_dir(explicit: Option<&Path>, root: &Path) -> PathBuf {
    explicit
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("ANTIPASTA_CACHE_DIR").map(PathBuf::from))
        .unwrap_or_else(|| root.join(".antipasta_cache"))
}

#[cfg(test)]
mod tests;
