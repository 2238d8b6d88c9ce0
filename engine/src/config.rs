//! `.antipasta.yaml`: the original antipasta's schema, validated as laxly as its pydantic model
//! (compat-spec §3), with every error collected and located (`languages -> 0 -> metrics -> 1`).

use std::path::{Path, PathBuf};

use queries::Metric;

use crate::yaml::{self, Value};

pub const FILE_NAME: &str = ".antipasta.yaml";

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

/// The metric a config entry names.
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

    fn parse(s: &str) -> Option<Comparison> {
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
}

pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// The largest `max_file_size` accepted: 2^53 bytes, the largest whole number YAML's floats
/// (`1e20`) carry exactly; a larger one is a configuration error, never a limit that wraps.
const MAX_FILE_SIZE_LIMIT: f64 = 9_007_199_254_740_992.0;

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
        }
    }
}

fn python_block_from(d: &Defaults) -> Language {
    let entry = |m: Metric, threshold: f64, comparison: Comparison| MetricEntry {
        metric: MetricType::Core(m),
        threshold,
        comparison,
        enabled: true,
        scope: Scope::Function,
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

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("failed to read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Yaml(String),
    /// Every validation error, as `loc -> path: message`.
    #[error("{}", .0.join("\n"))]
    Invalid(Vec<String>),
}

/// Finds `.antipasta.yaml` walking up from `start`, stopping at a repository root.
pub fn discover(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

pub fn load(path: &Path) -> Result<Config, Error> {
    load_with_warnings(path, &path.display().to_string()).0
}

/// The configuration, and the warnings about its file (unknown keys, with their lines) whether
/// or not it is valid: a misspelt key often explains the error. Both name the file as `shown`.
pub fn load_with_warnings(path: &Path, shown: &str) -> (Result<Config, Error>, Vec<String>) {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(source) => {
            let path = path.to_path_buf();
            return (Err(Error::Read { path, source }), Vec::new());
        }
    };
    let config = from_yaml(&text).map_err(|e| match e {
        Error::Yaml(msg) => Error::Yaml(msg.replace("<input>", shown)),
        e => e,
    });
    let warnings = yaml::parse(&text)
        .map(|value| keys::unknown(&text, &value))
        .unwrap_or_default()
        .into_iter()
        .map(|w| format!("{shown}: {w}"))
        .collect();
    (config, warnings)
}

pub fn from_yaml(text: &str) -> Result<Config, Error> {
    let value = yaml::parse(text).map_err(Error::Yaml)?;
    let mut v = Validator::default();
    let config = v.config(&value);
    if v.errors.is_empty() {
        Ok(config)
    } else {
        Err(Error::Invalid(v.errors))
    }
}

#[derive(Default)]
struct Validator {
    errors: Vec<String>,
    loc: Vec<String>,
}

impl Validator {
    fn error(&mut self, msg: impl Into<String>) {
        let loc = self.loc.join(" -> ");
        self.errors.push(format!("{loc}: {}", msg.into()));
    }

    fn at<T>(&mut self, key: impl ToString, f: impl FnOnce(&mut Self) -> T) -> T {
        self.loc.push(key.to_string());
        let res = f(self);
        self.loc.pop();
        res
    }

    fn config(&mut self, root: &Value) -> Config {
        let mut config = Config {
            defaults: Defaults::default(),
            languages: Vec::new(),
            ignore_patterns: Vec::new(),
            use_gitignore: true,
            fail_on_file_errors: true,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            mi_multi: true,
        };
        match root {
            Value::Null => return config,
            Value::Map(_) => {}
            _ => {
                self.errors
                    .push("configuration must be a YAML mapping".to_string());
                return config;
            }
        }
        if let Some(d) = root.get("defaults").filter(|d| **d != Value::Null) {
            let c = &mut config.defaults;
            // (key, field, whole number, maximum): the ranges of compat-spec §3.1.
            let fields = [
                (
                    "max_cyclomatic_complexity",
                    &mut c.max_cyclomatic_complexity,
                    true,
                    50.0,
                ),
                (
                    "max_cognitive_complexity",
                    &mut c.max_cognitive_complexity,
                    true,
                    100.0,
                ),
                (
                    "min_maintainability_index",
                    &mut c.min_maintainability_index,
                    false,
                    100.0,
                ),
                (
                    "max_halstead_volume",
                    &mut c.max_halstead_volume,
                    false,
                    100_000.0,
                ),
                (
                    "max_halstead_difficulty",
                    &mut c.max_halstead_difficulty,
                    false,
                    100.0,
                ),
                (
                    "max_halstead_effort",
                    &mut c.max_halstead_effort,
                    false,
                    1_000_000.0,
                ),
            ];
            self.at("defaults", |v| {
                for (key, slot, integer, max) in fields {
                    let Some(x) = d.get(key) else { continue };
                    let n = v.at(key, |v| {
                        if integer {
                            v.int_in(x, 1.0, max)
                        } else {
                            v.float_in(x, 0.0, max)
                        }
                    });
                    if let Some(n) = n {
                        *slot = n;
                    }
                }
            });
        }
        if let Some(langs) = root.get("languages").filter(|d| **d != Value::Null) {
            self.at("languages", |v| match langs {
                Value::Seq(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Some(l) = v.at(i, |v| v.language(item)) {
                            config.languages.push(l);
                        }
                    }
                }
                _ => v.error("Input should be a valid list"),
            });
        }
        if let Some(p) = root.get("ignore_patterns").filter(|d| **d != Value::Null) {
            config.ignore_patterns = self.at("ignore_patterns", |v| v.strings(p));
        }
        if let Some(b) = root.get("use_gitignore")
            && let Some(b) = self.at("use_gitignore", |v| v.boolean(b))
        {
            config.use_gitignore = b;
        }
        if let Some(b) = root.get("fail_on_file_errors")
            && let Some(b) = self.at("fail_on_file_errors", |v| v.boolean(b))
        {
            config.fail_on_file_errors = b;
        }
        if let Some(b) = root.get("mi_multi")
            && let Some(b) = self.at("mi_multi", |v| v.boolean(b))
        {
            config.mi_multi = b;
        }
        self.tier3(root);
        if let Some(n) = root.get("max_file_size")
            && let Some(n) = self.at("max_file_size", |v| v.int_in(n, 1.0, MAX_FILE_SIZE_LIMIT))
        {
            config.max_file_size = n as u64;
        }
        config
    }

    /// 1.2's tier-3 blocks: not computed here, but validated as 1.2 validates them (compat-spec
    /// §3.1), so that a file 1.2 refuses is refused here too.
    fn tier3(&mut self, root: &Value) {
        if let Some(p) = root.get("profile").filter(|p| **p != Value::Null) {
            let ok = matches!(p, Value::Str(s) if ["extreme", "standard", "relaxed"].contains(&s.as_str()));
            if !ok {
                self.at("profile", |v| {
                    v.error("Input should be 'extreme', 'standard' or 'relaxed'")
                });
            }
        }
        // (block, field, whole number, minimum, maximum)
        const FIELDS: &[(&str, &str, bool, f64, f64)] = &[
            ("tree_shape", "fan_out_min", true, 1.0, f64::MAX),
            ("tree_shape", "fan_out_max", true, 1.0, f64::MAX),
            (
                "import_graph",
                "max_stable_dependencies_violations",
                true,
                0.0,
                f64::MAX,
            ),
            ("narrative", "narrator_step_budget", true, 1.0, f64::MAX),
            (
                "narrative",
                "computer_statement_budget",
                true,
                1.0,
                f64::MAX,
            ),
            ("narrative", "computer_nesting_budget", true, 0.0, f64::MAX),
            ("narrative", "name_clarity_floor", false, 0.0, 1.0),
            ("duplication", "min_count", true, 2.0, f64::MAX),
            ("duplication", "max_ratio", false, 0.0, 1.0),
        ];
        const FLAGS: &[(&str, &str)] = &[
            ("import_graph", "forbid_cycles"),
            ("duplication", "normalize_local_names"),
            ("duplication", "normalize_constants"),
        ];
        for &(block, field, whole, min, max) in FIELDS {
            if let Some(x) = root.get(block).and_then(|b| b.get(field)) {
                self.at(block, |v| {
                    v.at(field, |v| match whole {
                        true => v.int_in(x, min, max),
                        false => v.float_in(x, min, max),
                    })
                });
            }
        }
        for &(block, field) in FLAGS {
            if let Some(x) = root.get(block).and_then(|b| b.get(field)) {
                self.at(block, |v| v.at(field, |v| v.boolean(x)));
            }
        }
    }

    fn language(&mut self, item: &Value) -> Option<Language> {
        let Value::Map(_) = item else {
            self.error("Input should be a valid dictionary");
            return None;
        };
        let name = self.required_str(item, "name");
        let extensions = match item.get("extensions") {
            None | Some(Value::Null) => Vec::new(),
            Some(e) => self.at("extensions", |v| {
                let exts = v.strings(e);
                for (i, ext) in exts.iter().enumerate() {
                    if !ext.starts_with('.') {
                        v.at(i, |v| {
                            v.error(format!("Extension must start with '.': {ext}"))
                        });
                    }
                    if ext.eq_ignore_ascii_case(".ipynb") {
                        v.at(i, |v| v.error("notebooks (.ipynb) are not supported"));
                    }
                }
                exts
            }),
        };
        let metrics = match item.get("metrics") {
            Some(Value::Seq(items)) => self.at("metrics", |v| {
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, m)| v.at(i, |v| v.metric_entry(m)))
                    .collect()
            }),
            Some(_) => {
                self.at("metrics", |v| v.error("Input should be a valid list"));
                Vec::new()
            }
            None => {
                self.at("metrics", |v| v.error("Field required"));
                Vec::new()
            }
        };
        Some(Language {
            name: name?,
            extensions,
            metrics,
        })
    }

    fn metric_entry(&mut self, item: &Value) -> Option<MetricEntry> {
        let Value::Map(_) = item else {
            self.error("Input should be a valid dictionary");
            return None;
        };
        let metric = self.required_str(item, "type").and_then(|s| {
            MetricType::from_name(&s).or_else(|| {
                let hint = did_you_mean(&s);
                self.at("type", |v| {
                    v.error(format!("unknown metric type '{s}'{hint}"))
                });
                None
            })
        });
        let threshold = match item.get("threshold") {
            Some(t) => self.at("threshold", |v| {
                let n = v.number(t)?;
                if n < 0.0 {
                    v.error("Threshold must be non-negative");
                    return None;
                }
                Some(n)
            }),
            None => {
                self.at("threshold", |v| v.error("Field required"));
                None
            }
        };
        let comparison = match item.get("comparison") {
            None | Some(Value::Null) => Some(Comparison::Le),
            Some(Value::Str(s)) => Comparison::parse(s).or_else(|| {
                self.at("comparison", |v| {
                    v.error("Input should be '<', '<=', '>', '>=', '==' or '!='")
                });
                None
            }),
            Some(_) => {
                self.at("comparison", |v| {
                    v.error("Input should be '<', '<=', '>', '>=', '==' or '!='")
                });
                None
            }
        };
        let enabled = match item.get("enabled") {
            None => Some(true),
            Some(b) => self.at("enabled", |v| v.boolean(b)),
        };
        let scope = match item.get("scope") {
            None | Some(Value::Null) => Some(Scope::Function),
            Some(Value::Str(s)) if s == "function" => Some(Scope::Function),
            Some(Value::Str(s)) if s == "aggregate" => Some(Scope::Aggregate),
            Some(_) => {
                self.at("scope", |v| {
                    v.error("Input should be 'function' or 'aggregate'")
                });
                None
            }
        };
        let (metric, threshold, comparison, enabled, scope) =
            (metric?, threshold?, comparison?, enabled?, scope?);
        if scope == Scope::Aggregate
            && !matches!(
                metric,
                MetricType::Core(Metric::CyclomaticComplexity | Metric::CognitiveComplexity)
            )
        {
            self.at("scope", |v| {
                v.error(format!("{} has no aggregate row", metric.name()))
            });
            return None;
        }
        if let Some(msg) = range_error(&metric, threshold) {
            self.at("threshold", |v| v.error(msg));
            return None;
        }
        Some(MetricEntry {
            metric,
            threshold,
            comparison,
            enabled,
            scope,
        })
    }

    /// A string field that must be present.
    fn required_str(&mut self, item: &Value, key: &str) -> Option<String> {
        self.at(key, |v| match item.get(key) {
            Some(Value::Str(s)) => Some(s.clone()),
            Some(_) => {
                v.error("Input should be a valid string");
                None
            }
            None => {
                v.error("Field required");
                None
            }
        })
    }

    fn number(&mut self, v: &Value) -> Option<f64> {
        match v {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            Value::Str(s) => s.trim().parse::<f64>().ok().or_else(|| {
                self.error("Input should be a valid number, unable to parse string as a number");
                None
            }),
            _ => {
                self.error("Input should be a valid number");
                None
            }
        }
    }

    fn int_in(&mut self, v: &Value, min: f64, max: f64) -> Option<f64> {
        let n = self.number(v)?;
        if n.fract() != 0.0 {
            self.error("Input should be a valid integer, got a number with a fractional part");
            return None;
        }
        self.check_range(n, min, max)
    }

    fn float_in(&mut self, v: &Value, min: f64, max: f64) -> Option<f64> {
        let n = self.number(v)?;
        self.check_range(n, min, max)
    }

    fn check_range(&mut self, n: f64, min: f64, max: f64) -> Option<f64> {
        if n < min {
            self.error(format!(
                "Input should be greater than or equal to {}",
                py_num(min)
            ));
            None
        } else if n > max {
            self.error(format!(
                "Input should be less than or equal to {}",
                py_num(max)
            ));
            None
        } else {
            Some(n)
        }
    }

    fn boolean(&mut self, v: &Value) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            Value::Int(0) => Some(false),
            Value::Int(1) => Some(true),
            Value::Str(s) => match s.to_ascii_lowercase().as_str() {
                "yes" | "true" | "on" | "1" | "y" | "t" => Some(true),
                "no" | "false" | "off" | "0" | "n" | "f" => Some(false),
                _ => {
                    self.error("Input should be a valid boolean, unable to interpret input");
                    None
                }
            },
            _ => {
                self.error("Input should be a valid boolean");
                None
            }
        }
    }

    fn strings(&mut self, v: &Value) -> Vec<String> {
        match v {
            Value::Seq(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, s)| match s {
                    Value::Str(s) => Some(s.clone()),
                    _ => {
                        self.at(i, |v| v.error("Input should be a valid string"));
                        None
                    }
                })
                .collect(),
            _ => {
                self.error("Input should be a valid list");
                Vec::new()
            }
        }
    }
}

fn py_num(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The ranges of §3.1, the same for `defaults`, language blocks and `-t`.
pub fn range_error(metric: &MetricType, value: f64) -> Option<String> {
    let (max, int) = match metric {
        MetricType::Core(Metric::CyclomaticComplexity) => (50.0, true),
        MetricType::Core(Metric::CognitiveComplexity) => (100.0, true),
        MetricType::Core(Metric::MaintainabilityIndex) => (100.0, false),
        MetricType::Core(Metric::HalsteadVolume) => (100_000.0, false),
        MetricType::Core(Metric::HalsteadDifficulty) => (100.0, false),
        MetricType::Core(Metric::HalsteadEffort) => (1_000_000.0, false),
        MetricType::Core(
            Metric::LinesOfCode
            | Metric::LogicalLinesOfCode
            | Metric::SourceLinesOfCode
            | Metric::CommentLines
            | Metric::BlankLines,
        ) => (f64::INFINITY, true),
        _ => (f64::INFINITY, false),
    };
    let name = metric.name();
    if value < 0.0 {
        Some(format!("{name} must be >= 0, got {value:?}"))
    } else if value > max {
        Some(format!("{name} must be <= {}, got {value:?}", py_num(max)))
    } else if int && value.fract() != 0.0 {
        Some(format!(
            "Invalid value for {name}: Input should be a valid integer, got a number with a fractional part"
        ))
    } else {
        None
    }
}

fn did_you_mean(name: &str) -> String {
    let all = Metric::ALL
        .iter()
        .map(|m| m.name())
        .chain(TIER3_TYPES.iter().copied());
    all.filter(|c| {
        c.contains(name) || name.contains(c) || c.starts_with(&name[..name.len().min(3)])
    })
    .min_by_key(|c| c.len().abs_diff(name.len()))
    .map(|c| format!("; did you mean '{c}'?"))
    .unwrap_or_default()
}

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
    /// Applies `-t` overrides (compat-spec §3.6); returns the warnings to print.
    pub fn apply_override(&mut self, o: &Override) -> Vec<String> {
        let mut warnings = Vec::new();
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
                });
                warnings.push(format!(
                    "Threshold override adds {} to {}",
                    o.metric.name(),
                    lang.name
                ));
            }
        }
        warnings
    }
}

mod keys;

#[cfg(test)]
mod tests;
