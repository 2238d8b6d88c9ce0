//! The engine: configuration, discovery, reading files, running the queries in parallel, and
//! turning metrics into rows and violations. The only crate that touches the file system and
//! threads; it prints nothing and picks no exit code.

pub mod check;
pub mod config;
mod db;
pub mod discover;
pub mod source;
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

/// Analyses `paths` on `jobs` threads (all cores when `None`); the result is in input order.
pub fn analyze(paths: &[PathBuf], max_file_size: u64, jobs: Option<usize>) -> Vec<FileReport> {
    let _span = tracing::info_span!("analyze", files = paths.len()).entered();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .stack_size(STACK_SIZE)
        .thread_name(|i| format!("antipasta-{i}"))
        .build()
        .expect("a thread pool can be built");
    let db = Database::default();
    pool.install(|| {
        paths
            .par_iter()
            .map_with(db, |db, path| FileReport {
                path: path.clone(),
                result: analyze_one(db, path, max_file_size),
            })
            .collect()
    })
}

fn analyze_one(
    db: &Database,
    path: &std::path::Path,
    max_file_size: u64,
) -> Result<FileMetrics, FileError> {
    let _span = tracing::debug_span!("file", path = %path.display()).entered();
    let text = source::read(path, max_file_size)?;
    metrics_of(db, text)
}

/// The metrics of one text, or its syntax error.
pub fn metrics_of(db: &Database, text: String) -> Result<FileMetrics, FileError> {
    let file = queries::SourceFile::new(db, text.into());
    let metrics = queries::file_metrics(db, file);
    match &metrics.module.error {
        Some(e) => Err(FileError::Syntax(e.clone())),
        None => Ok(metrics.clone()),
    }
}
