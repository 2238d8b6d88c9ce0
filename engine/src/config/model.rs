//! The configuration's model: the schema's types and the built-in default (compat-spec §3.1, §3.5).

use queries::Metric;

pub const FILE_NAME: &str = ".antipasta.yaml";
pub const PYPROJECT: &str = "pyproject.toml";

/// Metric types of antipasta 1.2.0 that this tool accepts in a config but does not compute.
pub const TIER3_TYPES: &[&str] = &[
    "message_chain_depth",
    "function_arity",
    "boolean_flag_parameters",
    "exception_discipline",
    "global_state_reach",
    "marker_density",
    "comment_density",
    "function_statements",
    "expression_flatness",
    "pipeline_linearity",
    "lack_of_cohesion",
    "weighted_methods_per_class",
    "coupling_between_objects",
    "depth_of_inheritance_tree",
    "number_of_children",
    "single_responsibility_index",
    "directory_children",
    "efferent_coupling",
    "afferent_coupling",
    "instability",
    "dependency_cycles",
    "stable_dependencies_violations",
    "abstractness",
    "distance_from_main_sequence",
    "dependency_inversion",
    "narrative_mixed_functions",
    "narrator_budget_exceeded",
    "computer_budget_exceeded",
    "step_down_ordering",
    "layering_violations",
    "name_clarity",
    "naming_antipatterns",
    "duplication_ratio",
    "clone_occurrences",
    "assertions_per_test",
    "mock_call_assertions",
    "big_literal_assertions",
    "code_churn",
    "change_coupling",
    "hotspot",
    "test_churn_ratio",
    "co_churn_multiplicity",
    "suite_redundancy_index",
    "blast_radius",
];

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MetricType {
    Core(Metric),
    /// A 1.2.0 type this tool accepts but does not compute.
    Other(String),
}

impl MetricType {
    pub fn name(&self) -> &str {
        match self {
            MetricType::Core(m) => m.name(),
            MetricType::Other(s) => s,
        }
    }

    pub fn from_name(name: &str) -> Option<MetricType> {
        if let Some(m) = Metric::from_name(name) {
            return Some(MetricType::Core(m));
        }
        TIER3_TYPES
            .contains(&name)
            .then(|| MetricType::Other(name.to_string()))
    }
}

/// The comparison states the passing condition (`<=` passes values up to the threshold).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl Comparison {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Lt => "<",
            Comparison::Le => "<=",
            Comparison::Gt => ">",
            Comparison::Ge => ">=",
            Comparison::Eq => "==",
            Comparison::Ne => "!=",
        }
    }

    /// The failing relation, shown in violations (`<=` fails as `>`).
    pub fn negated(self) -> Comparison {
        match self {
            Comparison::Lt => Comparison::Ge,
            Comparison::Le => Comparison::Gt,
            Comparison::Gt => Comparison::Le,
            Comparison::Ge => Comparison::Lt,
            Comparison::Eq => Comparison::Ne,
            Comparison::Ne => Comparison::Eq,
        }
    }

    pub fn passes(self, value: f64, threshold: f64) -> bool {
        match self {
            Comparison::Lt => value < threshold,
            Comparison::Le => value <= threshold,
            Comparison::Gt => value > threshold,
            Comparison::Ge => value >= threshold,
            Comparison::Eq => value == threshold,
            Comparison::Ne => value != threshold,
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Comparison> {
        Some(match s {
            "<" => Comparison::Lt,
            "<=" => Comparison::Le,
            ">" => Comparison::Gt,
            ">=" => Comparison::Ge,
            "==" => Comparison::Eq,
            "!=" => Comparison::Ne,
            _ => return None,
        })
    }
}

/// Which rows an entry gates (compat-spec §3.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Function,
    Aggregate,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MetricEntry {
    pub metric: MetricType,
    pub threshold: f64,
    pub comparison: Comparison,
    pub enabled: bool,
    pub scope: Scope,
    /// The per-path override that last set this entry (`overrides[0]: legacy/**`), if one did.
    pub set_by: Option<String>,
}

/// One `overrides:` entry (ecosystem.md §5.3): for files matching `paths`, `metrics` are merged
/// over the language block's entries by (type, scope).
#[derive(Clone, Debug, PartialEq)]
pub struct PathOverride {
    /// gitignore-style globs, relative to the configuration file's directory.
    pub paths: Vec<String>,
    pub metrics: Vec<OverrideEntry>,
}

/// A metric entry of an override: what it leaves out is kept from the entry it merges over.
#[derive(Clone, Debug, PartialEq)]
pub struct OverrideEntry {
    pub metric: MetricType,
    pub scope: Scope,
    pub threshold: Option<f64>,
    pub comparison: Option<Comparison>,
    pub enabled: Option<bool>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Language {
    pub name: String,
    pub extensions: Vec<String>,
    pub metrics: Vec<MetricEntry>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Defaults {
    pub max_cyclomatic_complexity: f64,
    pub max_cognitive_complexity: f64,
    pub min_maintainability_index: f64,
    pub max_halstead_volume: f64,
    pub max_halstead_difficulty: f64,
    pub max_halstead_effort: f64,
}

impl Defaults {
    /// `(key, metric, value)` of each field, in antipasta 1.2's model order (what its
    /// `config view` and `model_dump` list): the one place the six are enumerated for display.
    pub fn fields(&self) -> [(&'static str, Metric, f64); 6] {
        [
            (
                "max_cyclomatic_complexity",
                Metric::CyclomaticComplexity,
                self.max_cyclomatic_complexity,
            ),
            (
                "min_maintainability_index",
                Metric::MaintainabilityIndex,
                self.min_maintainability_index,
            ),
            (
                "max_halstead_volume",
                Metric::HalsteadVolume,
                self.max_halstead_volume,
            ),
            (
                "max_halstead_difficulty",
                Metric::HalsteadDifficulty,
                self.max_halstead_difficulty,
            ),
            (
                "max_halstead_effort",
                Metric::HalsteadEffort,
                self.max_halstead_effort,
            ),
            (
                "max_cognitive_complexity",
                Metric::CognitiveComplexity,
                self.max_cognitive_complexity,
            ),
        ]
    }
}

impl Default for Defaults {
    fn default() -> Self {
        Defaults {
            max_cyclomatic_complexity: 10.0,
            max_cognitive_complexity: 15.0,
            min_maintainability_index: 50.0,
            max_halstead_volume: 1000.0,
            max_halstead_difficulty: 10.0,
            max_halstead_effort: 10000.0,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub defaults: Defaults,
    pub languages: Vec<Language>,
    pub ignore_patterns: Vec<String>,
    pub use_gitignore: bool,
    pub fail_on_file_errors: bool,
    /// Files larger than this are reported as errors, not parsed.
    pub max_file_size: u64,
    /// Count multi-line string lines as comments in the maintainability index (radon's
    /// `mi_visit(multi=True)`, the default, what `radon mi` and the original antipasta use).
    pub mi_multi: bool,
    /// 1.2's `profile` (`extreme | standard | relaxed`): validated and shown, not used.
    pub profile: String,
    /// Per-path overrides, in order (the last match wins).
    pub overrides: Vec<PathOverride>,
    /// Also honour `# noqa: C901` (cyclomatic) and `# noqa: CCR001` (cognitive), for migration.
    pub honor_noqa: bool,
    /// The baseline file (`baseline:`), relative to the configuration's directory.
    pub baseline: Option<String>,
}

pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// The largest `max_file_size` accepted: 2^53 bytes, the largest whole number YAML's floats
/// (`1e20`) carry exactly; a larger one is a configuration error, never a limit that wraps.
pub(crate) const MAX_FILE_SIZE_LIMIT: f64 = 9_007_199_254_740_992.0;

impl Default for Config {
    /// The `config generate --non-interactive` template (compat-spec §3.5).
    fn default() -> Self {
        let defaults = Defaults::default();
        Config {
            languages: vec![python_block_from(&defaults)],
            defaults,
            ignore_patterns: ["**/test_*.py", "**/*_test.py", "**/tests/**"]
                .map(String::from)
                .to_vec(),
            use_gitignore: true,
            fail_on_file_errors: true,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            mi_multi: true,
            profile: "standard".to_string(),
            overrides: Vec::new(),
            honor_noqa: false,
            baseline: None,
        }
    }
}

pub fn python_block_from(d: &Defaults) -> Language {
    let entry = |m: Metric, threshold: f64, comparison: Comparison| MetricEntry {
        metric: MetricType::Core(m),
        threshold,
        comparison,
        enabled: true,
        scope: Scope::Function,
        set_by: None,
    };
    Language {
        name: "python".to_string(),
        extensions: vec![".py".to_string()],
        metrics: vec![
            entry(
                Metric::CyclomaticComplexity,
                d.max_cyclomatic_complexity,
                Comparison::Le,
            ),
            entry(
                Metric::MaintainabilityIndex,
                d.min_maintainability_index,
                Comparison::Ge,
            ),
            entry(
                Metric::HalsteadVolume,
                d.max_halstead_volume,
                Comparison::Le,
            ),
            entry(
                Metric::HalsteadDifficulty,
                d.max_halstead_difficulty,
                Comparison::Le,
            ),
            entry(
                Metric::HalsteadEffort,
                d.max_halstead_effort,
                Comparison::Le,
            ),
            entry(
                Metric::CognitiveComplexity,
                d.max_cognitive_complexity,
                Comparison::Le,
            ),
        ],
    }
}

impl Config {
    /// The entries that gate Python files: the first block named python, else one from `defaults`.
    pub fn python_entries(&self) -> Vec<MetricEntry> {
        let block = self
            .languages
            .iter()
            .find(|l| l.name.eq_ignore_ascii_case("python"))
            .cloned()
            .unwrap_or_else(|| python_block_from(&self.defaults));
        // Keyed by (type, scope); the last duplicate wins.
        let mut out: Vec<MetricEntry> = Vec::new();
        for e in block.metrics {
            out.retain(|o| !(o.metric == e.metric && o.scope == e.scope));
            out.push(e);
        }
        out
    }

    /// Extensions to walk, lower-case with the dot (compat-spec §6.2).
    pub fn extensions(&self) -> Vec<String> {
        let mut exts: Vec<String> = self
            .languages
            .iter()
            .filter(|l| l.name.eq_ignore_ascii_case("python"))
            .flat_map(|l| l.extensions.iter().map(|e| e.to_ascii_lowercase()))
            .collect();
        if exts.is_empty() {
            exts.push(".py".to_string());
        }
        exts.sort();
        exts.dedup();
        exts
    }
}
