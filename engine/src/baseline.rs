//! The gate's baseline (ecosystem.md §5.5): the violations a project accepted, keyed by
//! (project-relative path, qualified name, metric) with the value recorded, no line numbers, so
//! that edits elsewhere in a file do not disturb it. A recorded violation passes while its value
//! is no worse than the recorded one (by the entry's comparison: `<=` gates want it no higher,
//! `>=` no lower); a new one fails; a worse one fails and shows recorded → current. Written only
//! by `baseline create|update`, from a full run; JSON with sorted keys and a final newline.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use crate::check::Violation;
use crate::config::Comparison;

/// The qualified name a file-level row is recorded under.
pub const FILE_ROW: &str = "<file>";

/// path → qualname → metric → value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Baseline {
    pub entries: BTreeMap<String, BTreeMap<String, BTreeMap<String, f64>>>,
}

/// A baseline's key: (path, qualname, metric).
pub type Key = (String, String, String);

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("failed to read the baseline {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the baseline {path} is not an antipasta baseline: {msg}")]
    Format { path: String, msg: String },
}

/// A violation's key parts after its path: the qualified name (a second definition of the same
/// name, `if …: def f` / `else: def f`, is `f#2`; a file row `<file>`) and the metric (an
/// aggregate row's is `metric:aggregate`). Borrowed in the common case: judging allocates nothing.
fn parts(v: &Violation) -> (Cow<'_, str>, Cow<'_, str>) {
    let qualname = match (&v.row.qualname, v.row.occurrence) {
        (None, _) => FILE_ROW.into(),
        (Some(q), 0) => q.as_str().into(),
        (Some(q), n) => format!("{q}#{}", n + 1).into(),
    };
    let metric = match v.row.is_aggregate() {
        true => format!("{}:aggregate", v.row.metric.name()).into(),
        false => v.row.metric.name().into(),
    };
    (qualname, metric)
}

pub fn key(path: &str, v: &Violation) -> Key {
    let (qualname, metric) = parts(v);
    (path.to_string(), qualname.into_owned(), metric.into_owned())
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, Error> {
        #[derive(serde::Deserialize)]
        struct File {
            version: u32,
            entries: BTreeMap<String, BTreeMap<String, BTreeMap<String, f64>>>,
        }
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: shown.clone(),
            source,
        })?;
        let file: File = serde_json::from_str(&text).map_err(|e| Error::Format {
            path: shown.clone(),
            msg: e.to_string(),
        })?;
        if file.version != 1 {
            return Err(Error::Format {
                path: shown,
                msg: format!("version {} (this antipasta reads version 1)", file.version),
            });
        }
        Ok(Baseline {
            entries: file.entries,
        })
    }

    pub fn insert(&mut self, key: Key, value: f64) {
        self.entries
            .entry(key.0)
            .or_default()
            .entry(key.1)
            .or_default()
            .insert(key.2, value);
    }

    pub fn len(&self) -> usize {
        self.entries
            .values()
            .flat_map(|f| f.values())
            .map(BTreeMap::len)
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What the baseline made of one file's violations.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Judged {
    /// New and worsened violations (a worsened one carries its recorded value).
    pub kept: Vec<Violation>,
    /// Recorded violations no worse than recorded.
    pub passed: usize,
    /// Keys of recorded violations that are now better than recorded (a hint to update).
    pub improved: Vec<Key>,
    /// How many entries this file's violations matched.
    pub matched: usize,
}

/// Whether `value` is worse than `recorded` for a gate that passes by `comparison`.
fn worse(comparison: Comparison, value: f64, recorded: f64) -> bool {
    match comparison {
        Comparison::Le | Comparison::Lt => value > recorded,
        Comparison::Ge | Comparison::Gt => value < recorded,
        Comparison::Eq | Comparison::Ne => value != recorded,
    }
}

pub fn judge(baseline: &Baseline, path: &str, violations: Vec<Violation>) -> Judged {
    let mut out = Judged::default();
    let Some(functions) = baseline.entries.get(path) else {
        out.kept = violations;
        return out;
    };
    for mut v in violations {
        let (qualname, metric) = parts(&v);
        let recorded = functions
            .get(qualname.as_ref())
            .and_then(|ms| ms.get(metric.as_ref()))
            .copied();
        match recorded {
            None => out.kept.push(v),
            Some(recorded) => {
                out.matched += 1;
                if worse(v.comparison, v.row.value, recorded) {
                    v.baseline = Some(recorded);
                    out.kept.push(v);
                } else {
                    if v.row.value != recorded {
                        out.improved.push(key(path, &v));
                    }
                    out.passed += 1;
                }
            }
        }
    }
    out
}

/// How many entries no violation matched in a full run (the function is gone, renamed, or
/// passes now), given how many were matched.
pub fn stale(baseline: &Baseline, matched: usize) -> usize {
    baseline.len().saturating_sub(matched)
}

impl Baseline {
    /// The file's text: `{"version": 1, "entries": {path: {qualname: {metric: value}}}}`, keys
    /// sorted, two-space indents, whole values as integers, a final newline.
    pub fn to_text(&self) -> String {
        let number = |v: f64| match v.fract() == 0.0 && v.abs() < 9e15 {
            true => serde_json::Value::from(v as i64),
            false => serde_json::Value::from(v),
        };
        let entries: serde_json::Map<String, serde_json::Value> = self
            .entries
            .iter()
            .map(|(path, fns)| {
                let fns: serde_json::Map<String, serde_json::Value> = fns
                    .iter()
                    .map(|(q, ms)| {
                        let ms: serde_json::Map<String, serde_json::Value> =
                            ms.iter().map(|(m, v)| (m.clone(), number(*v))).collect();
                        (q.clone(), ms.into())
                    })
                    .collect();
                (path.clone(), fns.into())
            })
            .collect();
        let doc = serde_json::json!({"version": 1, "entries": entries});
        let mut text = serde_json::to_string_pretty(&doc).expect("plain data always encodes");
        text.push('\n');
        text
    }
}
