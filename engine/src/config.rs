//! The configuration: `.antipasta.yaml` (the original antipasta's schema) or `[tool.antipasta]`
//! in `pyproject.toml` (the same schema in TOML), validated as laxly as the original's pydantic
//! model (compat-spec §3), every error collected and located by file, line and key path.

use std::path::{Path, PathBuf};

mod discover;
mod keys;
mod model;
mod overrides;
mod threshold;
mod validate;
mod value;

pub use discover::{discover, in_dir};

/// The JSON Schema of the file format (`antipasta config schema`), kept beside the model: a test
/// holds its keys equal to those validation knows.
pub const SCHEMA: &str = include_str!("config/schema.json");
pub use model::*;
pub use overrides::Thresholds;
pub use threshold::{Override, metric_named, parse_override};
use validate::Validator;
pub use validate::range_error;
use value::Value;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("failed to read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not YAML (or TOML); the text names the file.
    #[error("{0}")]
    Yaml(String),
    /// Every validation error, located.
    #[error("{}", .0.iter().map(Problem::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
}

/// One validation error: `file: line N: languages -> 0 -> metrics -> 1 -> comparison: message`.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub file: Option<String>,
    pub line: Option<usize>,
    /// The key path joined with ` -> ` (compat-spec §3.2); empty for the document itself.
    pub loc: String,
    pub msg: String,
}

impl Problem {
    /// Without the file: `line N: loc: message` (`config validate` names the file once).
    pub fn located(&self) -> String {
        let line = self.line.map_or(String::new(), |n| format!("line {n}: "));
        match self.loc.is_empty() {
            true => format!("{line}{}", self.msg),
            false => format!("{line}{}: {}", self.loc, self.msg),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{file}: {}", self.located()),
            None => f.write_str(&self.located()),
        }
    }
}

/// A configuration file as read: its tree, and where its keys are.
pub(crate) struct Document {
    pub(crate) value: Value,
    lines: Lines,
}

enum Lines {
    /// Looked up in the text when asked (only errors and unknown keys ask).
    Yaml(String),
    Toml(value::Lines),
}

impl Document {
    /// The line of a key path, else of the nearest enclosing key that is there (a missing
    /// required field is reported at its parent's line).
    pub(crate) fn line(&self, path: &[String]) -> Option<usize> {
        (0..=path.len()).rev().find_map(|n| match &self.lines {
            Lines::Yaml(text) => keys::line_of(text, &path[..n]).filter(|_| n > 0),
            Lines::Toml(lines) => lines.get(&path[..n]).copied(),
        })
    }
}

/// The line where a configuration file sets a key path (`["defaults", "max_cyclomatic_complexity"]`),
/// `None` when it does not set it (`--show-settings` tells a file's value from a default).
pub fn key_line(path: &Path, keys: &[&str]) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    let doc = document(&text, is_pyproject(path)).ok()??;
    let mut v = &doc.value;
    for k in keys {
        v = match (v, k.parse::<usize>()) {
            (Value::Seq(items), Ok(i)) => items.get(i)?,
            _ => v.get(k)?,
        };
    }
    let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    doc.line(&keys)
}

/// Whether a file is a `pyproject.toml` (read for its `[tool.antipasta]` table) rather than YAML.
pub fn is_pyproject(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == PYPROJECT)
}

/// The document of a configuration file; `None` for a pyproject without `[tool.antipasta]`.
fn document(text: &str, pyproject: bool) -> Result<Option<Document>, String> {
    if !pyproject {
        let value = value::parse(text)?;
        let lines = Lines::Yaml(text.to_string());
        return Ok(Some(Document { value, lines }));
    }
    Ok(value::pyproject(text)?.map(|(value, lines)| Document {
        value,
        lines: Lines::Toml(lines),
    }))
}

pub fn load(path: &Path) -> Result<Config, Error> {
    load_with_warnings(path, &path.display().to_string()).0
}

/// The configuration, and the warnings about its file (unknown keys, with their lines) whether
/// or not it is valid: a misspelt key often explains the error. Both name the file as `shown`.
/// A `pyproject.toml` is read for its `[tool.antipasta]` table (the same schema); one without
/// the table gives the defaults, as an empty `.antipasta.yaml` does.
pub fn load_with_warnings(path: &Path, shown: &str) -> (Result<Config, Error>, Vec<String>) {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(source) => {
            let path = path.to_path_buf();
            return (Err(Error::Read { path, source }), Vec::new());
        }
    };
    let doc = match document(&text, is_pyproject(path)) {
        Ok(Some(doc)) => doc,
        Ok(None) => return (Ok(Config::default()), Vec::new()),
        Err(msg) => {
            let msg = match msg.contains("<input>") {
                true => msg.replace("<input>", shown),
                false => format!("{shown}: {msg}"),
            };
            return (Err(Error::Yaml(msg)), Vec::new());
        }
    };
    let warnings = keys::unknown(&doc)
        .into_iter()
        .map(|w| format!("{shown}: {w}"))
        .collect();
    (validated(&doc, Some(shown)), warnings)
}

fn validated(doc: &Document, shown: Option<&str>) -> Result<Config, Error> {
    let mut v = Validator::default();
    let config = v.config(&doc.value);
    if v.errors.is_empty() {
        return Ok(config);
    }
    let located = v.errors.into_iter().map(|(path, msg)| Problem {
        file: shown.map(str::to_string),
        line: doc.line(&path),
        loc: path.join(" -> "),
        msg,
    });
    Err(Error::Invalid(located.collect()))
}

/// A YAML configuration's text, validated; errors name no file.
pub fn from_yaml(text: &str) -> Result<Config, Error> {
    let doc = document(text, false).map_err(Error::Yaml)?;
    validated(&doc.expect("YAML always has a document"), None)
}

/// A `pyproject.toml`'s `[tool.antipasta]`, validated; `None` without the table.
pub fn from_pyproject(text: &str) -> Result<Option<Config>, Error> {
    match document(text, true).map_err(Error::Yaml)? {
        Some(doc) => validated(&doc, None).map(Some),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests;
