//! Per-path overrides (ecosystem.md §5.3): for each file, the `overrides:` entries whose `paths`
//! match it (gitignore-style, relative to the configuration's directory) are merged over the
//! language block's entries by (type, scope), in order, so the last match wins.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use queries::Metric;

use super::{Comparison, Config, MetricEntry, MetricType, PathOverride};

/// The thresholds of a run: the entries that gate every file, and the overrides, compiled.
#[derive(Clone, Debug)]
pub struct Thresholds {
    base: Vec<MetricEntry>,
    root: PathBuf,
    overrides: Vec<(Gitignore, PathOverride, String)>,
}

impl Thresholds {
    /// `root` is the configuration file's directory. An invalid glob is an error.
    pub fn new(config: &Config, root: &Path) -> Result<Thresholds, String> {
        let mut overrides = Vec::new();
        for (i, o) in config.overrides.iter().enumerate() {
            let mut b = GitignoreBuilder::new(root);
            for p in &o.paths {
                b.add_line(None, p).map_err(|e| {
                    format!("overrides -> {i} -> paths: invalid pattern '{p}': {e}")
                })?;
            }
            let matcher = b
                .build()
                .map_err(|e| format!("overrides -> {i} -> paths: {e}"))?;
            let label = format!("overrides[{i}]: {}", o.paths.join(", "));
            overrides.push((matcher, o.clone(), label));
        }
        Ok(Thresholds {
            base: config.python_entries(),
            root: root.to_path_buf(),
            overrides,
        })
    }

    /// The entries without any override: what gates a file no override matches.
    pub fn base(&self) -> &[MetricEntry] {
        &self.base
    }

    pub fn has_overrides(&self) -> bool {
        !self.overrides.is_empty()
    }

    /// The entries that gate `path` (absolute, or relative to the root).
    pub fn for_path(&self, path: &Path) -> Cow<'_, [MetricEntry]> {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        let mut entries: Option<Vec<MetricEntry>> = None;
        for (matcher, o, label) in &self.overrides {
            if !matcher.matched_path_or_any_parents(rel, false).is_ignore() {
                continue;
            }
            let entries = entries.get_or_insert_with(|| self.base.clone());
            for e in &o.metrics {
                match entries
                    .iter_mut()
                    .find(|b| b.metric == e.metric && b.scope == e.scope)
                {
                    Some(b) => {
                        b.threshold = e.threshold.unwrap_or(b.threshold);
                        b.comparison = e.comparison.unwrap_or(b.comparison);
                        b.enabled = e.enabled.unwrap_or(b.enabled);
                        b.set_by = Some(label.clone());
                    }
                    // A metric the block does not gate: gated here when a threshold is given.
                    None => {
                        if let Some(threshold) = e.threshold {
                            entries.push(MetricEntry {
                                metric: e.metric.clone(),
                                threshold,
                                comparison: e.comparison.unwrap_or(natural(&e.metric)),
                                enabled: e.enabled.unwrap_or(true),
                                scope: e.scope,
                                set_by: Some(label.clone()),
                            });
                        }
                    }
                }
            }
        }
        match entries {
            Some(e) => Cow::Owned(e),
            None => Cow::Borrowed(&self.base),
        }
    }
}

/// The comparison a metric is gated with when none is given: `>=` for the maintainability
/// index (higher is better), `<=` for the rest.
fn natural(metric: &MetricType) -> Comparison {
    match metric {
        MetricType::Core(Metric::MaintainabilityIndex) => Comparison::Ge,
        _ => Comparison::Le,
    }
}
