//! The engine: configuration, discovery, reading files, running the queries in parallel, and
//! turning metrics into rows and violations. The only crate that touches the file system and
//! threads; it prints nothing and picks no exit code.

pub mod analyze;
pub mod baseline;
pub mod changed;
pub mod check;
pub mod config;
mod db;
pub mod discover;
pub mod finding;
pub mod git;
pub mod hook;
pub mod hotspots;
pub mod limits;
pub mod source;
pub mod stats;
pub mod store;
pub mod suppress;
pub mod watch;

use std::path::PathBuf;

pub use analyze::{Analysis, Options, Step, StoreUse, Timings, analyze, analyze_blobs};
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
    /// The content hash of the text analysed, when the run had a store (watch mode compares it
    /// before it re-reads a file).
    pub content: Option<store::Hash>,
}

/// Everything computed from one text, a syntax error included (it is a function of the text).
pub fn file_metrics_of(db: &Database, text: String) -> FileMetrics {
    metrics_of_input(db, queries::SourceFile::new(db, text.into()))
}

/// The metrics of an input, body hashes filled in.
pub(crate) fn metrics_of_input(db: &Database, file: queries::SourceFile) -> FileMetrics {
    let mut metrics = queries::file_metrics(db, file).clone();
    for (f, &hash) in metrics
        .functions
        .iter_mut()
        .zip(queries::body_hashes(db, file))
    {
        f.body_hash = hash;
    }
    metrics
}

pub(crate) fn into_result(metrics: FileMetrics) -> Result<FileMetrics, FileError> {
    match &metrics.module.error {
        Some(e) => Err(FileError::Syntax {
            error: e.clone(),
            raw: metrics.module.raw,
        }),
        None => Ok(metrics),
    }
}

/// The metrics of one text, or its syntax error.
pub fn metrics_of(db: &Database, text: String) -> Result<FileMetrics, FileError> {
    into_result(file_metrics_of(db, text))
}
