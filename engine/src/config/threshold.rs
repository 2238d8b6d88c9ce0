//! `-t/--threshold metric=value` (compat-spec §3.6): parsed with the original's error texts and
//! the ranges of the file's own validation, then applied to `defaults` and every language block.

use queries::Metric;

use super::model::*;
use super::validate::range_error;

/// The prefixes `-t` accepts besides full names (compat-spec §3.6).
const PREFIXES: &[(&str, Metric)] = &[
    ("cyc", Metric::CyclomaticComplexity),
    ("cog", Metric::CognitiveComplexity),
    ("mai", Metric::MaintainabilityIndex),
    ("vol", Metric::HalsteadVolume),
    ("dif", Metric::HalsteadDifficulty),
    ("eff", Metric::HalsteadEffort),
    // The line metrics by radon's raw keys.
    ("loc", Metric::LinesOfCode),
    ("lloc", Metric::LogicalLinesOfCode),
    ("sloc", Metric::SourceLinesOfCode),
    ("comments", Metric::CommentLines),
    ("blank", Metric::BlankLines),
];

/// A computed metric by its full name or a `-t` prefix (`cog`, `loc`), as `-t` and suppression
/// comments spell them.
pub fn metric_named(name: &str) -> Option<Metric> {
    PREFIXES
        .iter()
        .find(|(p, _)| *p == name)
        .map(|(_, m)| *m)
        .or_else(|| Metric::from_name(name))
}

/// One `-t metric=value`, already checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Override {
    pub metric: MetricType,
    pub value: f64,
}

/// Parses `-t` with the original's error texts.
pub fn parse_override(raw: &str) -> Result<Override, String> {
    let Some((name, value)) = raw.split_once('=') else {
        return Err(format!(
            "Validation error: Invalid threshold format: {}. Expected 'metric_type=value'",
            raw.trim()
        ));
    };
    let (name, value) = (name.trim(), value.trim());
    let metric = PREFIXES
        .iter()
        .find(|(p, _)| *p == name)
        .map(|(_, m)| MetricType::Core(*m))
        .or_else(|| MetricType::from_name(name));
    let Some(metric) = metric else {
        let mut valid: Vec<&str> = Metric::ALL.iter().map(|m| m.name()).collect();
        valid.extend(TIER3_TYPES);
        valid.sort();
        return Err(format!(
            "Invalid metric type: '{name}'. Valid types: {}",
            valid.join(", ")
        ));
    };
    let value: f64 = value.parse().map_err(|_| {
        format!("Validation error: Invalid threshold value: {value}. Must be a number")
    })?;
    // `-t` sets what `defaults` sets, with the same ranges: whole counts start at 1 there.
    let counts = matches!(
        metric,
        MetricType::Core(Metric::CyclomaticComplexity | Metric::CognitiveComplexity)
    );
    if counts && value < 1.0 {
        return Err(format!("{} must be >= 1, got {value:?}", metric.name()));
    }
    if let Some(msg) = range_error(&metric, value) {
        return Err(if msg.starts_with("Invalid value") {
            format!("Validation error: {msg}")
        } else {
            msg
        });
    }
    Ok(Override { metric, value })
}

impl Config {
    /// Whether `defaults` has a field for this metric.
    fn defaults_cover(&self, metric: &MetricType) -> bool {
        matches!(
            metric,
            MetricType::Core(
                Metric::CyclomaticComplexity
                    | Metric::CognitiveComplexity
                    | Metric::MaintainabilityIndex
                    | Metric::HalsteadVolume
                    | Metric::HalsteadDifficulty
                    | Metric::HalsteadEffort
            )
        )
    }

    /// Applies `-t` overrides (compat-spec §3.6); returns the warnings to print.
    pub fn apply_override(&mut self, o: &Override) -> Vec<String> {
        let mut warnings = Vec::new();
        // Without a python block the gate comes from `defaults`, which holds only six metrics:
        // make that block real, so that `-t loc=100` gates too instead of vanishing.
        let has_python = self
            .languages
            .iter()
            .any(|l| l.name.eq_ignore_ascii_case("python"));
        if !has_python && !self.defaults_cover(&o.metric) {
            self.languages.push(python_block_from(&self.defaults));
        }
        let d = &mut self.defaults;
        match &o.metric {
            MetricType::Core(Metric::CyclomaticComplexity) => d.max_cyclomatic_complexity = o.value,
            MetricType::Core(Metric::CognitiveComplexity) => d.max_cognitive_complexity = o.value,
            MetricType::Core(Metric::MaintainabilityIndex) => d.min_maintainability_index = o.value,
            MetricType::Core(Metric::HalsteadVolume) => d.max_halstead_volume = o.value,
            MetricType::Core(Metric::HalsteadDifficulty) => d.max_halstead_difficulty = o.value,
            MetricType::Core(Metric::HalsteadEffort) => d.max_halstead_effort = o.value,
            _ => {}
        }
        for lang in &mut self.languages {
            let mut found = false;
            for e in lang.metrics.iter_mut() {
                if e.metric == o.metric && e.scope == Scope::Function {
                    found = true;
                    e.threshold = o.value;
                    if !e.enabled {
                        warnings.push(format!(
                            "{} is disabled for {}; the override does not enable it",
                            o.metric.name(),
                            lang.name
                        ));
                    }
                }
            }
            if !found {
                let comparison = if o.metric == MetricType::Core(Metric::MaintainabilityIndex) {
                    Comparison::Ge
                } else {
                    Comparison::Le
                };
                lang.metrics.push(MetricEntry {
                    metric: o.metric.clone(),
                    threshold: o.value,
                    comparison,
                    enabled: true,
                    scope: Scope::Function,
                    set_by: None,
                });
                warnings.push(format!(
                    "Threshold override adds {} to {}",
                    o.metric.name(),
                    lang.name
                ));
            }
        }
        // The command line wins over the file everywhere, in per-path overrides too.
        for e in self.overrides.iter_mut().flat_map(|o| o.metrics.iter_mut()) {
            if e.metric == o.metric && e.scope == Scope::Function && e.threshold.is_some() {
                e.threshold = Some(o.value);
            }
        }
        warnings
    }
}
