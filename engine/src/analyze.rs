//! One run over a list of files (shared/design/engine.md §3): lstat every file; in one read
//! transaction, trust the `paths` record of each unchanged file (racy rule) and, inside a git work
//! tree, the clean index entries' blob ids; fetch the stored metrics; read and hash only the files
//! still unknown (a content hit needs no parse); compute the rest in parallel on a salsa database
//! built only then; write everything new in one transaction at the end.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::store::{self, BlobKey, Hash, Oid, PathRec, Store, Writes};
use crate::{Database, FileError, FileMetrics, FileReport, git, source};

/// Stack of the analysis threads. Address space only; the tree walks are bounded by
/// CPython's limits (queries::syntax), this leaves a wide margin for debug builds.
const STACK_SIZE: usize = 64 << 20;

/// Unknown files past which git's index is read for their blob ids.
const INDEX_AFTER: usize = 32;

/// Files computed on one salsa database before it is dropped (with their texts and memos).
const FILES_PER_DATABASE: usize = 16;

pub struct Options<'a> {
    pub max_file_size: u64,
    /// Worker threads; all cores when `None`.
    pub jobs: Option<usize>,
    /// The project root: `paths` records are keyed relative to it, and its git work tree (if
    /// any) is asked for clean blob ids.
    pub root: &'a Path,
    /// Told a stored file's summary, whether its functions are needed; when not, they are not
    /// decoded and its metrics come back with the module's part only (what a text report needs
    /// of a file none of whose function rows can fail). `None`: always.
    pub needed: Option<&'a store::Needed<'a>>,
    /// Told how the run advances (a progress bar); called from the analysis threads.
    pub progress: Option<&'a (dyn Fn(Step) + Sync)>,
    /// Asked before each file is computed, and between the phases: `true` stops the run (a
    /// signal). The files in flight finish; what is computed is written to the store.
    pub stop: Option<&'a (dyn Fn() -> bool + Sync)>,
    /// `--max-memory`, in bytes: with the cgroup's limit and the available memory, it bounds
    /// the files in flight ([`crate::limits`]).
    pub max_memory: Option<u64>,
}

/// How the memory budget bore on a run that computed files.
#[derive(Clone, Copy, Debug)]
pub struct MemoryUse {
    pub memory: crate::limits::Memory,
    /// For the files in flight, in bytes.
    pub budget: u64,
    /// Files that waited for memory: the parallelism the budget took away.
    pub waited: usize,
}

/// How a run advances, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// This many more files came from the cache.
    Cached(usize),
    /// This many files are to be parsed and computed.
    Compute(usize),
    /// One of them is done.
    Computed,
}

/// How each file's result was found, for `--timings` and `cache stats`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoreUse {
    /// Unchanged by stat: neither read nor parsed.
    pub stat_hits: usize,
    /// Clean in git's index, blob seen before: neither read nor parsed.
    pub git_hits: usize,
    /// Read and hashed, content seen before: not parsed.
    pub content_hits: usize,
    /// Parsed and computed in this run.
    pub computed: usize,
    /// A store write that failed: the results are complete, the next run recomputes them.
    pub write_error: Option<String>,
}

impl StoreUse {
    pub fn hits(&self) -> usize {
        self.stat_hits + self.git_hits + self.content_hits
    }
}

/// Where a run spent its time.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    pub stat: Duration,
    pub lookup: Duration,
    pub read: Duration,
    pub compute: Duration,
    pub write: Duration,
    /// The files that took longest to read and compute, slowest first (at most [`SLOWEST`]):
    /// index into the run's input, and time.
    pub slowest: Vec<(usize, Duration)>,
}

/// How many of the slowest files [`Timings::slowest`] keeps.
pub const SLOWEST: usize = 10;

pub struct Analysis {
    /// In input order; empty when the run was stopped.
    pub reports: Vec<FileReport>,
    /// Stopped by [`Options::stop`] before every file had its result: what was computed is in
    /// the store, nothing is reported.
    pub interrupted: bool,
    /// The memory budget, when files were computed in parallel.
    pub memory: Option<MemoryUse>,
    pub usage: StoreUse,
    pub timings: Timings,
}

/// Per file, what is known so far.
#[derive(Default)]
struct Slot {
    stat: Option<(store::Stat, gix::index::entry::Stat)>,
    ck: Option<Hash>,
    /// The content hash came from a trusted `paths` record, or for a blob from `oids` (nothing
    /// to write back).
    trusted: bool,
    /// The git blob (and view of it) the content is known to be.
    oid: Option<BlobKey>,
    /// Read in this run: with the stat of the file it was proven to be read from, if it was.
    read: Option<Option<store::Stat>>,
    result: Option<Result<FileMetrics, FileError>>,
}

impl Slot {
    /// Read in this run, proven (or not) by `proven`, with content hash `ck`. A stat or index
    /// hit whose result is gone: the content decides, not the record.
    fn was_read(&mut self, proven: Option<store::Stat>, ck: Option<Hash>) {
        self.read = Some(proven);
        if ck != self.ck {
            self.trusted = false;
        }
        self.ck = ck;
    }
}

/// Analyses `paths`; the result is in input order. Without a store every file is read and
/// computed; with one, only what the store cannot vouch for.
pub fn analyze(paths: &[PathBuf], opts: &Options, store: Option<&Store>) -> Analysis {
    let _span = tracing::info_span!("analyze", files = paths.len()).entered();
    pool(opts.jobs).install(|| run(paths, opts, store))
}

/// More analysis threads than this are never started, whatever `--jobs` says.
pub const MAX_JOBS: usize = 256;

/// The analysis threads: `jobs` of them (all cores when `None`; at most [`MAX_JOBS`]), with
/// deep stacks. Where the system refuses that many (`ulimit -u`, memory), fewer: one warning,
/// and in the end the calling thread alone. Built once per process and number of jobs, and
/// never torn down: watch mode reuses them, and a run's exit does not wait for them.
pub fn pool(jobs: Option<usize>) -> &'static rayon::ThreadPool {
    static POOLS: std::sync::Mutex<Vec<(usize, &'static rayon::ThreadPool)>> =
        std::sync::Mutex::new(Vec::new());
    let wanted = jobs.unwrap_or(0).min(MAX_JOBS);
    let mut pools = POOLS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, pool)) = pools.iter().find(|(n, _)| *n == wanted) {
        return pool;
    }
    let pool: &'static rayon::ThreadPool = Box::leak(Box::new(build_pool(wanted)));
    pools.push((wanted, pool));
    pool
}

fn build_pool(wanted: usize) -> rayon::ThreadPool {
    let build = |n: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .stack_size(STACK_SIZE)
            .thread_name(|i| format!("antipasta-{i}"))
            .build()
    };
    match build(wanted) {
        Ok(pool) => pool,
        Err(e) => {
            tracing::warn!("cannot start {wanted} analysis threads ({e}); using one");
            build(1)
                .or_else(|_| {
                    rayon::ThreadPoolBuilder::new()
                        .use_current_thread()
                        .num_threads(1)
                        .build()
                })
                .unwrap_or_else(|e| panic!("no thread to analyse on: {e}"))
        }
    }
}

fn run(paths: &[PathBuf], opts: &Options, store: Option<&Store>) -> Analysis {
    let run_start = store::now_ns();
    let today = store::day_of(run_start);
    let mut timings = Timings::default();
    let mut usage = StoreUse::default();
    let mut writes = Writes::default();

    let t = Instant::now();
    let mut slots: Vec<Slot> = match store {
        Some(_) => paths
            .par_iter()
            .map(|p| {
                let stat = std::fs::symlink_metadata(p)
                    .ok()
                    .filter(std::fs::Metadata::is_file)
                    .map(|m| (source::stat(&m), git::stat_of(&m)));
                Slot {
                    stat,
                    ..Slot::default()
                }
            })
            .collect(),
        None => paths.iter().map(|_| Slot::default()).collect(),
    };
    timings.stat = t.elapsed();

    let t = Instant::now();
    let reader = store.and_then(Store::reader);
    if let Some(reader) = &reader {
        let _span = tracing::debug_span!("lookup").entered();
        for (slot, path) in slots.iter_mut().zip(paths) {
            if let Some((now, _)) = &slot.stat
                && let Some(ck) = reader
                    .path(&path_key(opts.root, path))
                    .and_then(|rec| rec.trusted(now))
            {
                slot.ck = Some(ck);
                slot.trusted = true;
            }
        }
        // Reading git's index costs about as much as reading a few dozen files: it is opened
        // for a restored cache (every file unknown) or many edits, not for a handful of files
        // that cannot be recorded (they are read, as they would be on an index miss).
        let unknown = slots
            .iter()
            .filter(|s| s.stat.is_some() && s.ck.is_none())
            .count();
        let existing = slots.iter().filter(|s| s.stat.is_some()).count();
        let ask_git = unknown > INDEX_AFTER || (unknown > 0 && unknown == existing);
        if ask_git && let Some(index) = git::Index::open(opts.root) {
            for (slot, path) in slots.iter_mut().zip(paths) {
                if let (None, Some((_, git_stat))) = (slot.ck, &slot.stat) {
                    slot.oid = index
                        .clean_blob(path, git_stat)
                        .map(|oid| store::blob_key(&oid, index.view()));
                    slot.ck = slot.oid.and_then(|oid| reader.oid(&oid));
                }
            }
        }
        let found = fetch(reader, &mut slots, today, opts.needed, &mut writes);
        usage.stat_hits = found.iter().filter(|&&i| slots[i].trusted).count();
        usage.git_hits = found.len() - usage.stat_hits;
        tell(opts, Step::Cached(found.len()));
    }
    timings.lookup = t.elapsed();

    // Everything not found is read (and hashed, when there is a store). With nothing to find
    // by content (no store, or no results in it: a cold run), each file is read by the thread
    // that computes it, and its text is freed once computed.
    let t = Instant::now();
    let stream = reader.as_ref().is_none_or(|r| r.has_no_files());
    let texts: Vec<(usize, Result<source::Text, FileError>)> = match stream {
        true => Vec::new(),
        false => slots
            .par_iter()
            .enumerate()
            .filter(|(_, s)| s.result.is_none())
            .map(|(i, _)| (i, source::read(&paths[i], opts.max_file_size)))
            .collect(),
    };
    let mut to_compute: Vec<(usize, Option<String>)> = match stream {
        true => (0..slots.len())
            .filter(|&i| slots[i].result.is_none())
            .map(|i| (i, None))
            .collect(),
        false => Vec::new(),
    };
    for (i, text) in texts {
        let slot = &mut slots[i];
        slot.read = Some(None);
        match text {
            Ok(source::Text { text, proven }) => {
                let ck = reader.as_ref().map(|_| store::content_hash(&text));
                slot.was_read(proven, ck);
                to_compute.push((i, Some(text)));
            }
            Err(e) => slot.result = Some(Err(e)),
        }
    }
    if let Some(reader) = reader.as_ref().filter(|_| !stream) {
        let before = to_compute.len();
        let found = fetch(reader, &mut slots, today, opts.needed, &mut writes);
        usage.content_hits = found.len();
        tell(opts, Step::Cached(found.len()));
        to_compute.retain(|(i, _)| slots[*i].result.is_none());
        debug_assert_eq!(before - to_compute.len(), usage.content_hits);
    }
    // Results are hashed (and stored) only when the store could be read.
    let hashing = reader.is_some();
    drop(reader);
    timings.read = t.elapsed();

    tracing::debug!(
        files = paths.len(),
        stat_hits = usage.stat_hits,
        git_hits = usage.git_hits,
        content_hits = usage.content_hits,
        lookup_ms = timings.lookup.as_secs_f64() * 1e3,
        read_ms = timings.read.as_secs_f64() * 1e3,
        "found in the store"
    );
    let t = Instant::now();
    let computed = compute(to_compute, paths, &mut slots, hashing, &mut writes, opts);
    (usage.computed, timings.slowest) = (computed.computed, computed.slowest);
    timings.compute = t.elapsed();
    tracing::debug!(
        computed = usage.computed,
        compute_ms = timings.compute.as_secs_f64() * 1e3,
        "computed"
    );

    let t = Instant::now();
    if let Some(store) = store {
        let _span = tracing::debug_span!("write").entered();
        for (slot, path) in slots.iter_mut().zip(paths) {
            let (Some((stat, _)), Some(ck), false) = (slot.stat, slot.ck, slot.trusted) else {
                continue;
            };
            // A file a stop left unread or uncomputed is not recorded.
            if slot.result.is_none() {
                continue;
            }
            // Only bytes proven to be this file's as lstat saw it are recorded as its content:
            // a file changed between the lstat and the read (or while it was read) gets no
            // record. A git-index hit (not read) records what the index proved.
            let proven = match slot.read {
                Some(read) => read == Some(stat),
                None => slot.oid.is_some(),
            };
            if !proven {
                continue;
            }
            let rec = PathRec {
                stat,
                ck,
                recorded_at_ns: run_start,
            };
            writes.paths.push((path_key(opts.root, path), rec));
            if let (Some(oid), Some(_)) = (slot.oid, slot.read) {
                writes.oids.push((oid, ck));
            }
        }
        usage.write_error = store.write(&writes, run_start).err();
        tracing::debug!(
            files = writes.files.len(),
            paths = writes.paths.len(),
            write_ms = t.elapsed().as_secs_f64() * 1e3,
            "stored"
        );
    }
    timings.write = t.elapsed();

    let interrupted = slots.iter().any(|s| s.result.is_none());
    Analysis {
        reports: match interrupted {
            true => Vec::new(),
            false => reports(paths, slots),
        },
        interrupted,
        memory: computed.memory,
        usage,
        timings,
    }
}

/// Computes `inputs` (slot index, text) in parallel on salsa databases built only now, and
/// encodes the results for the store when there is one. An input without a text is read (and
/// hashed) by the thread that computes it, so that no text outlives its computation. Returns
/// how many were computed, the slowest of them, and how the memory budget bore on them.
fn compute(
    inputs: Vec<(usize, Option<String>)>,
    paths: &[PathBuf],
    slots: &mut [Slot],
    store: bool,
    writes: &mut Writes,
    opts: &Options,
) -> Computed {
    if inputs.is_empty() {
        return Computed::default();
    }
    // More files than workers: a budget decides how many are in flight (reading the limits
    // costs a fraction of a millisecond, not spent on a run of a few files).
    let memory = (inputs.len() > rayon::current_num_threads())
        .then(|| crate::limits::memory(opts.max_memory))
        .flatten();
    let budget = memory.map(|m| crate::limits::Budget::new(m.in_flight()));
    tell(opts, Step::Compute(inputs.len()));
    // What a worker read (when it did) and computed.
    struct Done {
        read: Option<Result<Option<store::Stat>, FileError>>,
        ck: Option<Hash>,
        metrics: Option<(FileMetrics, Option<Vec<u8>>)>,
        took: Duration,
    }
    // A database per few files: salsa keeps every input text and memo until its storage is
    // dropped, and clones share one storage, so one database for the run held the whole corpus.
    let done: Vec<(usize, Done)> = inputs
        .into_par_iter()
        .chunks(FILES_PER_DATABASE)
        .flat_map_iter(|chunk| {
            let db = Database::default();
            chunk
                .into_iter()
                .map(|(i, text)| {
                    if stopped(opts) {
                        let done = Done {
                            read: None,
                            ck: None,
                            metrics: None,
                            took: Duration::ZERO,
                        };
                        return (i, done);
                    }
                    let started = Instant::now();
                    let _span =
                        tracing::debug_span!("compute", file = %paths[i].display()).entered();
                    let (text, read, ck) = match text {
                        Some(text) => (text, None, slots[i].ck),
                        None => match source::read(&paths[i], opts.max_file_size) {
                            Ok(source::Text { text, proven }) => {
                                let ck = store.then(|| store::content_hash(&text));
                                (text, Some(Ok(proven)), ck)
                            }
                            Err(e) => {
                                let done = Done {
                                    read: Some(Err(e)),
                                    ck: None,
                                    metrics: None,
                                    took: started.elapsed(),
                                };
                                return (i, done);
                            }
                        },
                    };
                    let reserved = budget.as_ref().map(|b| b.reserve(text.len() as u64));
                    let metrics = crate::file_metrics_of(&db, text);
                    let encoded = ck.map(|_| store::encode_metrics(&metrics));
                    drop(reserved);
                    tell(opts, Step::Computed);
                    let done = Done {
                        read,
                        ck,
                        metrics: Some((metrics, encoded)),
                        took: started.elapsed(),
                    };
                    (i, done)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut computed = 0;
    let mut slowest: Vec<(usize, Duration)> = Vec::with_capacity(SLOWEST + 1);
    for (i, d) in done {
        if slowest.len() < SLOWEST || slowest.last().is_some_and(|l| d.took > l.1) {
            let at = slowest.partition_point(|s| s.1 >= d.took);
            slowest.insert(at, (i, d.took));
            slowest.truncate(SLOWEST);
        }
        let slot = &mut slots[i];
        match d.read {
            Some(Ok(proven)) => slot.was_read(proven, d.ck),
            Some(Err(e)) => {
                slot.read = Some(None);
                slot.result = Some(Err(e));
            }
            None => {}
        }
        if let Some((m, encoded)) = d.metrics {
            if let (Some(ck), Some(bytes)) = (slot.ck, encoded) {
                writes.files.push((ck, bytes));
            }
            slot.result = Some(Ok(m));
            computed += 1;
        }
    }
    Computed {
        computed,
        slowest,
        memory: memory.zip(budget).map(|(memory, b)| MemoryUse {
            memory,
            budget: memory.in_flight(),
            waited: b.waited(),
        }),
    }
}

#[derive(Default)]
struct Computed {
    computed: usize,
    slowest: Vec<(usize, Duration)>,
    memory: Option<MemoryUse>,
}

/// Analyses git blobs (staged content, or a revision's files), never the work tree: a blob seen
/// before costs one lookup (`oids`, then `files`); the others are read by `read` on this thread,
/// hashed, and found by content or computed. Results in input order.
pub fn analyze_blobs(
    blobs: &[git::Blob],
    read: &dyn Fn(&Oid) -> Result<Vec<u8>, String>,
    opts: &Options,
    store: Option<&Store>,
) -> Analysis {
    let _span = tracing::info_span!("analyze_blobs", blobs = blobs.len()).entered();
    // The repository behind `read` and the read transaction stay on this thread; decoding goes
    // wide on rayon's global pool, computing on a pool with deep stacks.
    let pool = pool(opts.jobs);
    let run_start = store::now_ns();
    let today = store::day_of(run_start);
    let paths: Vec<PathBuf> = blobs.iter().map(|b| b.path.clone()).collect();
    let mut timings = Timings::default();
    let mut usage = StoreUse::default();
    let mut writes = Writes::default();
    let mut slots: Vec<Slot> = blobs
        .iter()
        .map(|b| Slot {
            oid: Some(store::blob_key(&b.oid, store::EXACT)),
            ..Slot::default()
        })
        .collect();

    let t = Instant::now();
    let reader = store.and_then(Store::reader);
    if let Some(reader) = &reader {
        for slot in &mut slots {
            slot.ck = slot.oid.and_then(|oid| reader.oid(&oid));
            // Known by its blob id: nothing to record again.
            slot.trusted = slot.ck.is_some();
        }
        let found = fetch(reader, &mut slots, today, opts.needed, &mut writes);
        usage.git_hits = found.len();
        tell(opts, Step::Cached(found.len()));
    }
    timings.lookup = t.elapsed();

    let t = Instant::now();
    let mut to_compute = Vec::new();
    for (i, slot) in slots.iter_mut().enumerate() {
        if slot.result.is_some() {
            continue;
        }
        if stopped(opts) {
            break;
        }
        let text = read(&blobs[i].oid)
            .map_err(FileError::Read)
            .and_then(|bytes| match bytes.len() as u64 {
                size if size > opts.max_file_size => Err(FileError::TooLarge {
                    size,
                    limit: opts.max_file_size,
                }),
                _ => source::decode(bytes),
            });
        match text {
            Ok(text) => {
                slot.ck = reader.as_ref().map(|_| store::content_hash(&text));
                to_compute.push((i, Some(text)));
            }
            Err(e) => slot.result = Some(Err(e)),
        }
    }
    if let Some(reader) = &reader {
        let found = fetch(reader, &mut slots, today, opts.needed, &mut writes);
        usage.content_hits = found.len();
        tell(opts, Step::Cached(found.len()));
        to_compute.retain(|(i, _)| slots[*i].result.is_none());
    }
    drop(reader);
    timings.read = t.elapsed();

    let t = Instant::now();
    let computed = pool.install(|| {
        compute(
            to_compute,
            &paths,
            &mut slots,
            store.is_some(),
            &mut writes,
            opts,
        )
    });
    (usage.computed, timings.slowest) = (computed.computed, computed.slowest);
    timings.compute = t.elapsed();

    let t = Instant::now();
    if let Some(store) = store {
        // The blobs read and hashed in this run; the others were found by their id.
        writes.oids = slots
            .iter()
            .filter(|s| s.result.is_some() && !s.trusted)
            .filter_map(|s| Some((s.oid?, s.ck?)))
            .collect();
        usage.write_error = store.write(&writes, run_start).err();
    }
    timings.write = t.elapsed();
    let interrupted = slots.iter().any(|s| s.result.is_none());
    Analysis {
        reports: match interrupted {
            true => Vec::new(),
            false => reports(&paths, slots),
        },
        interrupted,
        memory: computed.memory,
        usage,
        timings,
    }
}

fn stopped(opts: &Options) -> bool {
    opts.stop.is_some_and(|stop| stop())
}

fn tell(opts: &Options, step: Step) {
    if let Some(progress) = opts.progress {
        progress(step);
    }
}

fn reports(paths: &[PathBuf], slots: Vec<Slot>) -> Vec<FileReport> {
    paths
        .iter()
        .zip(slots)
        .map(|(path, slot)| FileReport {
            path: path.clone(),
            content: slot.ck,
            result: slot
                .result
                .expect("every file is found, computed or failed")
                .and_then(crate::into_result),
        })
        .collect()
}

/// Looks up the stored metrics of every slot with a content hash and no result yet, decoding in
/// parallel; the indices found. Hits last used `TOUCH_DAYS` ago or more are marked for a touch.
fn fetch(
    reader: &store::Reader<'_>,
    slots: &mut [Slot],
    today: u16,
    needed: Option<&store::Needed<'_>>,
    writes: &mut Writes,
) -> Vec<usize> {
    let records: Vec<(usize, store::Record<'_>)> = slots
        .iter()
        .enumerate()
        .filter(|(_, s)| s.result.is_none())
        .filter_map(|(i, s)| Some((i, reader.file(&s.ck?)?)))
        .collect();
    // Checksums and decoding are most of a warm run's work: spread over the threads.
    let decoded: Vec<(usize, Option<(u16, FileMetrics)>)> = records
        .into_par_iter()
        .map(|(i, record)| {
            let needed = needed.map(|n| move |s: &crate::check::Summary| n(i, s));
            let needed = needed
                .as_ref()
                .map(|n| n as &dyn Fn(&crate::check::Summary) -> bool);
            (i, record.open(needed))
        })
        .collect();
    let mut found = Vec::new();
    for (i, opened) in decoded {
        if let Some((day, m)) = opened {
            if day.saturating_add(store::TOUCH_DAYS) <= today {
                writes.touched.extend(slots[i].ck);
            }
            slots[i].result = Some(Ok(m));
            found.push(i);
        }
    }
    found
}

/// The `paths` key: the path relative to the project root, or absolute outside it.
fn path_key(root: &Path, path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.strip_prefix(root)
        .unwrap_or(path)
        .as_os_str()
        .as_bytes()
        .to_vec()
}
