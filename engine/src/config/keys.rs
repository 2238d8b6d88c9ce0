//! The keys a configuration file may hold, level by level (compat-spec §3.1, 1.2's tier-3 blocks,
//! ecosystem.md's new keys), so that a misspelt one is a warning with its line and the key it
//! was probably meant to be, instead of a setting silently ignored. Unknown keys stay accepted
//! (compat-spec §3.2): an existing 1.x file keeps working.

use super::{Document, Value};

const TOP: &[&str] = &[
    "defaults",
    "languages",
    "ignore_patterns",
    "use_gitignore",
    "fail_on_file_errors",
    "max_file_size",
    "mi_multi",
    "honor_noqa",
    "baseline",
    "profile",
    "tree_shape",
    "import_graph",
    "narrative",
    "duplication",
    "overrides",
];
const DEFAULTS: &[&str] = &[
    "max_cyclomatic_complexity",
    "max_cognitive_complexity",
    "min_maintainability_index",
    "max_halstead_volume",
    "max_halstead_difficulty",
    "max_halstead_effort",
];
const LANGUAGE: &[&str] = &["name", "extensions", "metrics"];
const METRIC: &[&str] = &["type", "threshold", "comparison", "enabled", "scope"];
const OVERRIDE: &[&str] = &["paths", "metrics"];
const TREE_SHAPE: &[&str] = &["fan_out_min", "fan_out_max", "exclude", "layers"];
const IMPORT_GRAPH: &[&str] = &["forbid_cycles", "max_stable_dependencies_violations"];
const NARRATIVE: &[&str] = &[
    "narrator_step_budget",
    "computer_statement_budget",
    "computer_nesting_budget",
    "mixing_tolerance",
    "allowlist",
    "name_clarity_floor",
];
const DUPLICATION: &[&str] = &[
    "normalize_local_names",
    "normalize_constants",
    "min_count",
    "max_ratio",
];

/// One warning per unknown key: `line N: unknown key 'loc' (did you mean 'name'?)`, where
/// the location is the key path as validation errors spell it.
pub(crate) fn unknown(doc: &Document) -> Vec<String> {
    let root = &doc.value;
    let mut out = Vec::new();
    check(doc, root, TOP, &[], &mut out);
    // Language blocks and overrides: each item's keys, then its metric entries'.
    for (list, keys) in [("languages", LANGUAGE), ("overrides", OVERRIDE)] {
        let Some(Value::Seq(items)) = root.get(list) else {
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let at = [list.to_string(), i.to_string()];
            check(doc, item, keys, &at, &mut out);
            if let Some(Value::Seq(metrics)) = item.get("metrics") {
                for (j, m) in metrics.iter().enumerate() {
                    let mut at = at.to_vec();
                    at.extend(["metrics".to_string(), j.to_string()]);
                    check(doc, m, METRIC, &at, &mut out);
                }
            }
        }
    }
    for (block, keys) in [
        ("defaults", DEFAULTS),
        ("tree_shape", TREE_SHAPE),
        ("import_graph", IMPORT_GRAPH),
        ("narrative", NARRATIVE),
        ("duplication", DUPLICATION),
    ] {
        if let Some(value) = root.get(block) {
            check(doc, value, keys, &[block.to_string()], &mut out);
        }
    }
    out
}

fn check(doc: &Document, value: &Value, known: &[&str], at: &[String], out: &mut Vec<String>) {
    let Value::Map(entries) = value else {
        return;
    };
    for (key, _) in entries {
        if known.contains(&key.as_str()) {
            continue;
        }
        let mut path = at.to_vec();
        path.push(key.clone());
        let line = doc
            .line(&path)
            .map_or(String::new(), |n| format!("line {n}: "));
        let hint = known
            .iter()
            .map(|k| (strsim::jaro_winkler(key, k), *k))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map_or(String::new(), |(_, k)| format!(" (did you mean '{k}'?)"));
        out.push(format!(
            "{line}unknown key '{}' is ignored{hint}",
            path.join(" -> ")
        ));
    }
}

/// The 1-based line where a key path is spelt: each name looked for after the line of the one
/// before it, a list index as that many `- ` items further.
pub(crate) fn line_of(text: &str, path: &[String]) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut at = 0;
    for seg in path {
        at = match seg.parse::<usize>() {
            // A flow list (`extensions: [py]`, `- {type: …}` items inline): its items are on
            // the key's own line.
            Ok(_)
                if lines[at]
                    .split_once(':')
                    .is_some_and(|(_, v)| v.trim_start().starts_with('[')) =>
            {
                at
            }
            Ok(n) => (at..lines.len())
                .filter(|&i| lines[i].trim_start().starts_with('-'))
                .nth(n)?,
            Err(_) => (at..lines.len()).find(|&i| {
                let l = lines[i].trim_start().trim_start_matches('-').trim_start();
                let l = l.trim_start_matches(['"', '\'']);
                l.strip_prefix(seg.as_str()).is_some_and(|rest| {
                    rest.trim_start_matches(['"', '\''])
                        .trim_start()
                        .starts_with(':')
                })
            })?,
        };
    }
    Some(at + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys the schema describes, level by level, read out of its text.
    fn schema_keys(path: &[&str]) -> Vec<String> {
        let mut doc = super::super::value::parse(super::super::SCHEMA).expect("the schema is JSON");
        for p in path {
            doc = doc.get(p).cloned().unwrap_or(Value::Null);
        }
        match doc {
            Value::Map(entries) => entries.into_iter().map(|(k, _)| k).collect(),
            _ => panic!("no properties at {path:?}"),
        }
    }

    fn sorted(keys: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = keys.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn the_schema_describes_exactly_the_keys_validation_knows() {
        let at = |path: &[&str]| {
            let mut v = schema_keys(path);
            v.sort();
            v
        };
        assert_eq!(at(&["properties"]), sorted(TOP));
        assert_eq!(
            at(&["properties", "defaults", "properties"]),
            sorted(DEFAULTS)
        );
        let language = ["properties", "languages", "items", "properties"];
        assert_eq!(at(&language), sorted(LANGUAGE));
        assert_eq!(at(&["$defs", "metric", "properties"]), sorted(METRIC));
        assert_eq!(
            at(&["$defs", "override_metric", "properties"]),
            sorted(METRIC)
        );
        let overrides = ["properties", "overrides", "items", "properties"];
        assert_eq!(at(&overrides), sorted(OVERRIDE));
        for (block, keys) in [
            ("tree_shape", TREE_SHAPE),
            ("import_graph", IMPORT_GRAPH),
            ("narrative", NARRATIVE),
            ("duplication", DUPLICATION),
        ] {
            assert_eq!(
                at(&["properties", block, "properties"]),
                sorted(keys),
                "{block}"
            );
        }
    }

    #[test]
    fn the_schema_names_every_metric_type() {
        let doc = super::super::value::parse(super::super::SCHEMA).unwrap();
        let types = doc
            .get("$defs")
            .and_then(|d| d.get("metric"))
            .and_then(|m| m.get("properties"))
            .and_then(|p| p.get("type"))
            .and_then(|t| t.get("enum"))
            .cloned();
        let Some(Value::Seq(types)) = types else {
            panic!("no type enum")
        };
        let mut names: Vec<String> = queries::Metric::ALL
            .iter()
            .map(|m| m.name().to_string())
            .chain(super::super::TIER3_TYPES.iter().map(|s| s.to_string()))
            .collect();
        names.sort();
        let mut types: Vec<String> = types
            .into_iter()
            .map(|t| match t {
                Value::Str(s) => s,
                other => panic!("{other:?}"),
            })
            .collect();
        types.sort();
        assert_eq!(types, names);
    }
}
