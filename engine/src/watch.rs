//! Watch mode (shared/design/engine.md §3.6, §9): file events through notify and its full
//! debouncer, and a session whose long-lived salsa database is the cache between saves — after a
//! save only that file is re-read, and only its changed functions' metrics re-run.

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use queries::SourceFile;
use salsa::Setter;

use crate::store::{self, Hash, Store};
use crate::{Database, FileError, FileMetrics, FileReport, source};

/// What the watcher delivers: paths that were created, modified or removed (deduplicated,
/// sorted), or word that events were lost and everything must be looked at again.
#[derive(Debug, PartialEq, Eq)]
pub enum Batch {
    Paths(Vec<PathBuf>),
    Rescan,
}

/// A recursive watch of the project root. Reads are not events (notify's inotify backend reports
/// every open: the session's own reads would re-trigger it forever), nor is anything under a
/// skipped directory (the cache, `.git`).
pub struct Events {
    _debouncer: notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    rx: Receiver<Batch>,
}

impl Events {
    pub fn watch(root: &Path, skip: Vec<PathBuf>, debounce: Duration) -> notify::Result<Events> {
        let (tx, rx) = std::sync::mpsc::channel();
        let handler = move |res: notify_debouncer_full::DebounceEventResult| {
            let batch = match res {
                Err(_) => Batch::Rescan,
                Ok(events) => {
                    let mut paths: Vec<PathBuf> = events
                        .iter()
                        .filter(|e| {
                            matches!(
                                e.event.kind,
                                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
                            )
                        })
                        .flat_map(|e| e.event.paths.iter().cloned())
                        .filter(|p| !skip.iter().any(|s| p.starts_with(s)))
                        .collect();
                    if events.iter().any(|e| e.event.need_rescan()) {
                        Batch::Rescan
                    } else {
                        paths.sort();
                        paths.dedup();
                        if paths.is_empty() {
                            return;
                        }
                        Batch::Paths(paths)
                    }
                }
            };
            let _ = tx.send(batch);
        };
        let mut debouncer = notify_debouncer_full::new_debouncer(debounce, None, handler)?;
        debouncer.watch(root, RecursiveMode::Recursive)?;
        Ok(Events {
            _debouncer: debouncer,
            rx,
        })
    }

    pub fn recv_timeout(&self, timeout: Duration) -> Result<Batch, RecvTimeoutError> {
        self.rx.recv_timeout(timeout)
    }

    /// Everything that arrived so far, merged (`Rescan` wins).
    pub fn drain(&self) -> Option<Batch> {
        let mut merged: Option<Batch> = None;
        while let Ok(batch) = self.rx.try_recv() {
            merged = Some(match (merged, batch) {
                (Some(Batch::Rescan), _) | (_, Batch::Rescan) => Batch::Rescan,
                (Some(Batch::Paths(mut a)), Batch::Paths(b)) => {
                    a.extend(b);
                    a.sort();
                    a.dedup();
                    Batch::Paths(a)
                }
                (None, b) => b,
            });
        }
        merged
    }
}

/// One file of the session.
struct Entry {
    /// The content hash of the text the result is for (`None`: not known, e.g. an IO error).
    ck: Option<Hash>,
    /// The salsa input, from the first time the file changed under watch.
    input: Option<SourceFile>,
    result: Result<FileMetrics, FileError>,
}

/// What one update did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Update {
    /// Files whose content changed (new ones included), and files gone.
    pub changed: Vec<PathBuf>,
    pub removed: Vec<PathBuf>,
    /// Files new to the set (a subset of `changed`): created, or let in by a configuration edit.
    pub added: Vec<PathBuf>,
    /// Query executions, by query.
    pub executed: BTreeMap<String, usize>,
    /// Times a computation was cancelled (salsa) by newer content before it finished.
    pub cancelled: usize,
}

/// A computation that newer content overtook: the files re-read meanwhile, and whether the
/// worker was cancelled before it finished.
type Interrupted = (Vec<(PathBuf, Refresh)>, bool);

enum Refresh {
    Same,
    /// New content: its metrics are computed again.
    Compute,
    /// It cannot be read now: its result is that error.
    Failed,
}

/// The checked files with their results, and the database that computed them.
pub struct Session {
    db: Database,
    counts: Arc<Mutex<BTreeMap<String, usize>>>,
    files: BTreeMap<PathBuf, Entry>,
    max_file_size: u64,
}

impl Session {
    /// Starts from a full check's reports (from the store or computed).
    pub fn new(reports: Vec<FileReport>, max_file_size: u64) -> Session {
        let counts = Arc::new(Mutex::new(BTreeMap::new()));
        let files = reports
            .into_iter()
            .map(|r| {
                let entry = Entry {
                    ck: r.content,
                    input: None,
                    result: r.result,
                };
                (r.path, entry)
            })
            .collect();
        Session {
            db: Database::with_counts(counts.clone()),
            counts,
            files,
            max_file_size,
        }
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.keys().map(PathBuf::as_path)
    }

    /// The current results, sorted by path.
    pub fn reports(&self) -> Vec<FileReport> {
        self.files.keys().filter_map(|p| self.report(p)).collect()
    }

    /// The current result of one file.
    pub fn report(&self, path: &Path) -> Option<FileReport> {
        let e = self.files.get(path)?;
        Some(FileReport {
            path: path.to_path_buf(),
            result: e.result.clone(),
            content: e.ck,
        })
    }

    /// Brings the session up to date: `files` is the checked set now (after a rediscovery; files
    /// not in it are dropped) and `touched` the paths events named. Each touched or new file is
    /// re-read; only a content change reaches salsa (setters always invalidate). Metrics are
    /// computed on a worker holding a clone of the database; when `interrupt` yields newer paths
    /// meanwhile, those are read, a changed one's setter cancels the worker (salsa), and the
    /// computation starts again with everything pending. New results go to `store`.
    pub fn update(
        &mut self,
        files: Option<&[PathBuf]>,
        touched: &[PathBuf],
        interrupt: &dyn Fn() -> Option<Vec<PathBuf>>,
        store: Option<&Store>,
    ) -> Update {
        let mut update = Update::default();
        let mut pending: Vec<PathBuf> = Vec::new();
        if let Some(files) = files {
            let keep: std::collections::HashSet<&PathBuf> = files.iter().collect();
            let gone: Vec<PathBuf> = self
                .files
                .keys()
                .filter(|p| !keep.contains(p))
                .cloned()
                .collect();
            for p in gone {
                self.files.remove(&p);
                update.removed.push(p);
            }
            for f in files {
                if !self.files.contains_key(f) {
                    self.files.insert(
                        f.clone(),
                        Entry {
                            ck: None,
                            input: None,
                            result: Err(FileError::Read("not read yet".to_string())),
                        },
                    );
                    pending.push(f.clone());
                    update.added.push(f.clone());
                }
            }
        }
        for p in touched {
            if self.files.contains_key(p) && !pending.contains(p) {
                pending.push(p.clone());
            }
        }
        self.counts.lock().expect("never poisoned").clear();
        let mut dirty: Vec<PathBuf> = Vec::new();
        let mut failed: Vec<PathBuf> = Vec::new();
        for path in std::mem::take(&mut pending) {
            match self.refresh(&path) {
                Refresh::Same => {}
                Refresh::Compute => dirty.push(path),
                Refresh::Failed => failed.push(path),
            }
        }
        loop {
            match self.compute(&dirty, interrupt) {
                Ok(results) => {
                    let mut writes = store::Writes::default();
                    for (path, metrics) in results {
                        let entry = self.files.get_mut(&path).expect("dirty files are entries");
                        if let Some(ck) = entry.ck {
                            writes.files.push((ck, store::encode_metrics(&metrics)));
                        }
                        entry.result = crate::into_result(metrics);
                    }
                    if let Some(store) = store {
                        let _ = store.write(&writes, store::now_ns());
                    }
                    break;
                }
                Err((newly, cancelled)) => {
                    update.cancelled += usize::from(cancelled);
                    for (path, refresh) in newly {
                        let list = match refresh {
                            Refresh::Compute => &mut dirty,
                            _ => &mut failed,
                        };
                        if !list.contains(&path) {
                            list.push(path);
                        }
                    }
                }
            }
        }
        dirty.extend(failed);
        dirty.sort();
        dirty.dedup();
        update.changed = dirty;
        update.executed = std::mem::take(&mut *self.counts.lock().expect("never poisoned"));
        update
    }

    /// Re-reads one file.
    fn refresh(&mut self, path: &Path) -> Refresh {
        let max = self.max_file_size;
        let entry = self
            .files
            .get_mut(path)
            .expect("refreshed files are entries");
        let text = match source::read(path, max) {
            Ok(text) => text.text,
            Err(e) => {
                // Unreadable now (mid-save, deleted before rediscovery): reported as it is.
                let changed = entry.result.as_ref().err() != Some(&e);
                entry.ck = None;
                entry.result = Err(e);
                return if changed {
                    Refresh::Failed
                } else {
                    Refresh::Same
                };
            }
        };
        let ck = store::content_hash(&text);
        if entry.ck == Some(ck) && entry.input.is_some() {
            return Refresh::Same;
        }
        let same_as_stored = entry.ck == Some(ck);
        entry.ck = Some(ck);
        match entry.input {
            Some(input) => {
                input.set_text(&mut self.db).to(text.into());
            }
            None => entry.input = Some(SourceFile::new(&self.db, text.into())),
        }
        // A file first seen under watch with the content the store had: its input is made now
        // (so the next edit is incremental), its result stands.
        if same_as_stored && entry.result.is_ok() {
            Refresh::Same
        } else {
            Refresh::Compute
        }
    }

    /// The metrics of `dirty` on a worker thread; `Err` with the files that changed meanwhile
    /// (`interrupt` named them and they were re-read; a changed one's setter cancelled the worker)
    /// and whether the worker was cancelled before it finished.
    fn compute(
        &mut self,
        dirty: &[PathBuf],
        interrupt: &dyn Fn() -> Option<Vec<PathBuf>>,
    ) -> Result<Vec<(PathBuf, FileMetrics)>, Interrupted> {
        let inputs: Vec<(PathBuf, SourceFile)> = dirty
            .iter()
            .filter_map(|p| Some((p.clone(), self.files.get(p)?.input?)))
            .collect();
        if inputs.is_empty() {
            return Ok(Vec::new());
        }
        let db = self.db.clone();
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        let worker = std::thread::Builder::new()
            .name("antipasta-watch".to_string())
            .stack_size(64 << 20)
            .spawn(move || {
                let res = salsa::Cancelled::catch(AssertUnwindSafe(|| {
                    inputs
                        .iter()
                        .map(|(p, f)| (p.clone(), crate::metrics_of_input(&db, *f)))
                        .collect::<Vec<_>>()
                }));
                drop(db);
                let _ = done_tx.send(());
                res
            })
            .expect("a thread can be spawned");
        let mut newer: Vec<(PathBuf, Refresh)> = Vec::new();
        loop {
            match done_rx.recv_timeout(Duration::from_millis(2)) {
                Ok(()) | Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => {}
            }
            if let Some(paths) = interrupt() {
                // Read them now: a changed one's setter cancels the worker and waits for it.
                for p in paths {
                    if !self.files.contains_key(&p) {
                        continue;
                    }
                    match self.refresh(&p) {
                        Refresh::Same => {}
                        r => newer.push((p, r)),
                    }
                }
                if newer.iter().any(|(_, r)| matches!(r, Refresh::Compute)) {
                    break;
                }
            }
        }
        let res = worker
            .join()
            .expect("the worker only unwinds through salsa");
        match res {
            Ok(results) if newer.is_empty() => Ok(results),
            // Finished, but newer content arrived: compute again (the unchanged are memoised).
            Ok(_) => Err((newer, false)),
            Err(_cancelled) => Err((newer, true)),
        }
    }
}
