//! Validation as lax as the original's pydantic model, every error collected with its location
//! (`languages -> 0 -> metrics -> 1 -> comparison`, compat-spec §3.2).

use queries::Metric;

use super::Value;
use super::model::*;

#[derive(Default)]
pub(crate) struct Validator {
    /// (key path, message)
    pub(crate) errors: Vec<(Vec<String>, String)>,
    loc: Vec<String>,
}

impl Validator {
    fn error(&mut self, msg: impl Into<String>) {
        self.errors.push((self.loc.clone(), msg.into()));
    }

    fn at<T>(&mut self, key: impl ToString, f: impl FnOnce(&mut Self) -> T) -> T {
        self.loc.push(key.to_string());
        let res = f(self);
        self.loc.pop();
        res
    }

    pub(crate) fn config(&mut self, root: &Value) -> Config {
        // A file's own keys start from the model's defaults, but with no language block and no
        // ignore patterns (an empty file is all defaults and 0 languages, as in 1.x).
        let mut config = Config {
            languages: Vec::new(),
            ignore_patterns: Vec::new(),
            ..Config::default()
        };
        match root {
            Value::Null => return config,
            Value::Map(_) => {}
            _ => {
                self.errors
                    .push((Vec::new(), "configuration must be a mapping".to_string()));
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
        match root.get("baseline") {
            None | Some(Value::Null) => {}
            Some(Value::Str(s)) => config.baseline = Some(s.clone()),
            Some(_) => self.at("baseline", |v| v.error("Input should be a valid string")),
        }
        if let Some(b) = root.get("honor_noqa")
            && let Some(b) = self.at("honor_noqa", |v| v.boolean(b))
        {
            config.honor_noqa = b;
        }
        if let Some(b) = root.get("mi_multi")
            && let Some(b) = self.at("mi_multi", |v| v.boolean(b))
        {
            config.mi_multi = b;
        }
        self.tier3(root);
        if let Some(o) = root.get("overrides").filter(|o| **o != Value::Null) {
            config.overrides = self.at("overrides", |v| v.overrides(o));
        }
        if let Some(Value::Str(p)) = root.get("profile") {
            config.profile = p.clone();
        }
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
        let e = self.entry_fields(item, true)?;
        Some(MetricEntry {
            metric: e.metric,
            threshold: e.threshold?,
            comparison: e.comparison.unwrap_or(Comparison::Le),
            enabled: e.enabled.unwrap_or(true),
            scope: e.scope,
            set_by: None,
        })
    }

    /// An entry's fields; in an override (`threshold_required` false) what is left out stays
    /// `None`, to be taken from the entry it merges over.
    fn entry_fields(&mut self, item: &Value, threshold_required: bool) -> Option<OverrideEntry> {
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
                Some(Some(n))
            }),
            None if !threshold_required => Some(None),
            None => {
                self.at("threshold", |v| v.error("Field required"));
                None
            }
        };
        let comparison = match item.get("comparison") {
            None | Some(Value::Null) => Some(None),
            Some(Value::Str(s)) if Comparison::parse(s).is_some() => Some(Comparison::parse(s)),
            Some(_) => {
                self.at("comparison", |v| {
                    v.error("Input should be '<', '<=', '>', '>=', '==' or '!='")
                });
                None
            }
        };
        let enabled = match item.get("enabled") {
            None => Some(None),
            Some(b) => self.at("enabled", |v| v.boolean(b)).map(Some),
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
        if let Some(msg) = threshold.and_then(|t| range_error(&metric, t)) {
            self.at("threshold", |v| v.error(msg));
            return None;
        }
        Some(OverrideEntry {
            metric,
            scope,
            threshold,
            comparison,
            enabled,
        })
    }

    /// `overrides:` (ecosystem.md §5.3): an ordered list of `{paths: [glob], metrics: [entry]}`.
    fn overrides(&mut self, value: &Value) -> Vec<PathOverride> {
        let Value::Seq(items) = value else {
            self.error("Input should be a valid list");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let parsed = self.at(i, |v| {
                let Value::Map(_) = item else {
                    v.error("Input should be a valid dictionary");
                    return None;
                };
                let paths = match item.get("paths") {
                    Some(p) => v.at("paths", |v| v.strings(p)),
                    None => {
                        v.at("paths", |v| v.error("Field required"));
                        return None;
                    }
                };
                let metrics = match item.get("metrics") {
                    None | Some(Value::Null) => Vec::new(),
                    Some(Value::Seq(ms)) => v.at("metrics", |v| {
                        ms.iter()
                            .enumerate()
                            .filter_map(|(j, m)| v.at(j, |v| v.entry_fields(m, false)))
                            .collect()
                    }),
                    Some(_) => {
                        v.at("metrics", |v| v.error("Input should be a valid list"));
                        Vec::new()
                    }
                };
                Some(PathOverride { paths, metrics })
            });
            out.extend(parsed);
        }
        out
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

pub(crate) fn did_you_mean(name: &str) -> String {
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
