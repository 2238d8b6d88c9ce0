//! The engine: configuration, discovery, reading files, running the queries in parallel, and
//! turning metrics into rows and violations. The only crate that touches the file system and
//! threads; it prints nothing and picks no exit code.

pub mod check;
pub mod config;
mod db;
pub mod discover;
pub mod source;
pub mod store;
mod yaml;

use std::path::PathBuf;

use rayon::prelude::*;

pub use db::Database;
pub use queries::{
    BlockKind, FileMetrics, FunctionRow, Halstead, HalsteadCounts, Metric, RawMetrics, SyntaxError,
};
pub use source::FileError;

/// The outcome for one file.
#[derive(Clone, Debug)]
pub struct FileReport {
    pub path: PathBuf,
    pub result: Result<FileMetrics, FileError>,
}

/// Stack of the analysis threads. Address space only; the tree walks are bounded by
/// CPython's limits (queries::syntax), this leaves a wide margin for debug builds.
const STACK_SIZE: usize = 64 << 20;

/// What an analysis did with the store, for the caller to report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoreUse {
    pub hits: usize,
    pub misses: usize,
    /// A store write that failed: the results are complete, the next run recomputes them.
    pub write_error: Option<String>,
}

/// Analyses `paths` on `jobs` threads (all cores when `None`); the result is in input order.
/// With a store, files whose text was analysed before are not parsed, and new results are written
/// back in one transaction.
pub fn analyze(
    paths: &[PathBuf],
    max_file_size: u64,
    jobs: Option<usize>,
    store: Option<&store::Store>,
) -> (Vec<FileReport>, StoreUse) {
    let _span = tracing::info_span!("analyze", files = paths.len()).entered();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .stack_size(STACK_SIZE)
        .thread_name(|i| format!("antipasta-{i}"))
        .build()
        .expect("a thread pool can be built");
    pool.install(|| {
        // IO and decode errors are never stored; texts are keyed only when there is a store.
        let texts: Vec<Result<String, FileError>> = paths
            .par_iter()
            .map(|path| source::read(path, max_file_size))
            .collect();
        let keys: Vec<Option<store::Key>> = match store {
            Some(_) => texts
                .par_iter()
                .map(|t| t.as_ref().ok().map(|t| store::key(t)))
                .collect(),
            None => vec![None; texts.len()],
        };
        let found = match store {
            Some(s) => s.get(&keys),
            None => vec![None; texts.len()],
        };
        let hits = found.iter().flatten().count();
        let db = Database::default();
        // Each result, and whether it was computed in this run.
        let results: Vec<(Result<FileMetrics, FileError>, bool)> = texts
            .into_par_iter()
            .zip(found)
            .map_with(db, |db, (text, found)| match (text, found) {
                (Err(e), _) => (Err(e), false),
                (Ok(_), Some(m)) => (Ok(m), false),
                (Ok(text), None) => {
                    let _span = tracing::debug_span!("compute").entered();
                    (Ok(file_metrics_of(db, text)), true)
                }
            })
            .collect();
        let mut usage = StoreUse {
            hits,
            misses: results.iter().filter(|(_, computed)| *computed).count(),
            write_error: None,
        };
        if let Some(s) = store {
            let new: Vec<(store::Key, &FileMetrics)> = results
                .iter()
                .zip(&keys)
                .filter_map(|((r, computed), k)| match (r, computed, k) {
                    (Ok(m), true, Some(k)) => Some((*k, m)),
                    _ => None,
                })
                .collect();
            usage.write_error = s.put(&new).err();
        }
        let reports = paths
            .iter()
            .zip(results)
            .map(|(path, (result, _))| FileReport {
                path: path.clone(),
                result: result.and_then(into_result),
            })
            .collect();
        (reports, usage)
    })
}

/// Everything computed from one text, a syntax error included (it is a function of the text).
pub fn file_metrics_of(db: &Database, text: String) -> FileMetrics {
    let file = queries::SourceFile::new(db, text.into());
    queries::file_metrics(db, file).clone()
}

fn into_result(metrics: FileMetrics) -> Result<FileMetrics, FileError> {
    match &metrics.module.error {
        Some(e) => Err(FileError::Syntax(e.clone())),
        None => Ok(metrics),
    }
}

/// The metrics of one text, or its syntax error.
pub fn metrics_of(db: &Database, text: String) -> Result<FileMetrics, FileError> {
    into_result(file_metrics_of(db, text))
}
