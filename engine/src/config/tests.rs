//! Loading `.antipasta.yaml`: the original's files load unchanged, errors are collected with
//! their location, `-t` behaves as compat-spec §3.6 says.

use super::*;
use queries::Metric;

const TEMPLATE: &str = r#"# antipasta configuration file
defaults:
  max_cyclomatic_complexity: 10
  max_cognitive_complexity: 15
  min_maintainability_index: 50.0
  max_halstead_volume: 1000.0
  max_halstead_difficulty: 10.0
  max_halstead_effort: 10000.0
languages:
  - name: python
    extensions:
      - .py
    metrics:
      - type: cyclomatic_complexity
        threshold: 10.0
        comparison: <=
      - type: maintainability_index
        threshold: 50.0
        comparison: '>='
      - type: halstead_volume
        threshold: 1000.0
        comparison: <=
      - type: halstead_difficulty
        threshold: 10.0
        comparison: <=
      - type: halstead_effort
        threshold: 10000.0
        comparison: <=
      - type: cognitive_complexity
        threshold: 15.0
        comparison: <=
ignore_patterns:
  - '**/test_*.py'
  - '**/*_test.py'
  - '**/tests/**'
use_gitignore: true
"#;

#[test]
fn generated_template_equals_the_built_in_default() {
    assert_eq!(from_yaml(TEMPLATE).unwrap(), Config::default());
}

#[test]
fn empty_document_is_all_defaults_with_no_language() {
    let c = from_yaml("").unwrap();
    assert!(c.languages.is_empty());
    assert_eq!(c.defaults, Defaults::default());
    // Without a python block, the block comes from `defaults`.
    assert_eq!(c.python_entries().len(), 6);
}

#[test]
fn lax_values_are_accepted() {
    let c = from_yaml(
        "defaults:\n  max_cyclomatic_complexity: '12'\nuse_gitignore: 'no'\nlanguages:\n  - name: Python\n    metrics:\n      - type: lines_of_code\n        threshold: '300'\n        enabled: off\n      - type: function_arity\n        threshold: 5\nunknown_key: 1\n",
    )
    .unwrap();
    assert_eq!(c.defaults.max_cyclomatic_complexity, 12.0);
    assert!(!c.use_gitignore);
    let e = c.python_entries();
    assert_eq!(e[0].metric, MetricType::Core(Metric::LinesOfCode));
    assert!(!e[0].enabled);
    assert_eq!(e[1].metric, MetricType::Other("function_arity".into()));
}

#[test]
fn every_error_is_reported_with_its_location() {
    let err = from_yaml(
        "defaults:\n  max_cyclomatic_complexity: 10.5\n  min_maintainability_index: 200\nlanguages:\n  - name: python\n    extensions: [py]\n    metrics:\n      - type: cyclomatic_complexity\n        threshold: -1\n      - type: cyclomatic_complexity\n        threshold: 5\n        comparison: '=>'\n      - type: cyclo\n        threshold: 5\n",
    )
    .unwrap_err();
    let Error::Invalid(errors) = err else {
        panic!("expected validation errors, got {err}")
    };
    let lines: Vec<Option<usize>> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [2, 3, 6, 9, 12, 13].map(Some));
    let errors: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.loc, e.msg))
        .collect();
    assert_eq!(
        errors,
        [
            "defaults -> max_cyclomatic_complexity: Input should be a valid integer, got a number with a fractional part",
            "defaults -> min_maintainability_index: Input should be less than or equal to 100",
            "languages -> 0 -> extensions -> 0: Extension must start with '.': py",
            "languages -> 0 -> metrics -> 0 -> threshold: Threshold must be non-negative",
            "languages -> 0 -> metrics -> 1 -> comparison: Input should be '<', '<=', '>', '>=', '==' or '!='",
            "languages -> 0 -> metrics -> 2 -> type: unknown metric type 'cyclo'; did you mean 'cyclomatic_complexity'?",
        ]
    );
}

#[test]
fn yaml_bombs_are_refused_quickly() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for i in 0..12 {
        bomb.push_str(&format!(
            "b{i}: &b{i} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n",
            p = if i == 0 {
                "a".to_string()
            } else {
                format!("b{}", i - 1)
            }
        ));
    }
    assert!(from_yaml(&bomb).is_err());
    let deep = "[".repeat(100_000);
    assert!(from_yaml(&deep).is_err());
}

#[test]
fn threshold_overrides() {
    let o = parse_override(" cyc = 7 ").unwrap();
    assert_eq!(
        o,
        Override {
            metric: MetricType::Core(Metric::CyclomaticComplexity),
            value: 7.0
        }
    );
    assert_eq!(
        parse_override("cyc").unwrap_err(),
        "Validation error: Invalid threshold format: cyc. Expected 'metric_type=value'"
    );
    assert_eq!(
        parse_override("cyc=abc").unwrap_err(),
        "Validation error: Invalid threshold value: abc. Must be a number"
    );
    assert_eq!(
        parse_override("cyc=200").unwrap_err(),
        "cyclomatic_complexity must be <= 50, got 200.0"
    );
    assert!(
        parse_override("foo=1").unwrap_err().starts_with(
            "Invalid metric type: 'foo'. Valid types: abstractness, afferent_coupling"
        )
    );

    let mut c = Config::default();
    let warnings = c.apply_override(&parse_override("lines_of_code=300").unwrap());
    assert_eq!(
        warnings,
        ["Threshold override adds lines_of_code to python"]
    );
    c.apply_override(&o);
    let e = c.python_entries();
    assert_eq!(e[0].threshold, 7.0);
    assert_eq!(c.defaults.max_cyclomatic_complexity, 7.0);
    assert!(
        e.iter()
            .any(|e| e.metric == MetricType::Core(Metric::LinesOfCode) && e.threshold == 300.0)
    );
}

/// 1.2's tier-3 blocks are validated as 1.2 validates them: each of these files 1.2 refuses.
#[test]
fn tier3_blocks_are_validated() {
    let refused = [
        (
            "tree_shape: {fan_out_min: 0}",
            "tree_shape -> fan_out_min: Input should be greater than or equal to 1",
        ),
        (
            "tree_shape: {fan_out_max: 1.5}",
            "tree_shape -> fan_out_max: Input should be a valid integer",
        ),
        (
            "duplication: {min_count: 1}",
            "duplication -> min_count: Input should be greater than or equal to 2",
        ),
        (
            "duplication: {max_ratio: 2}",
            "duplication -> max_ratio: Input should be less than or equal to 1",
        ),
        (
            "narrative: {name_clarity_floor: -1}",
            "narrative -> name_clarity_floor: Input should be greater than or equal to 0",
        ),
        (
            "import_graph: {forbid_cycles: maybe}",
            "import_graph -> forbid_cycles",
        ),
        (
            "profile: bogus",
            "profile: Input should be 'extreme', 'standard' or 'relaxed'",
        ),
    ];
    for (text, message) in refused {
        let err = from_yaml(text).unwrap_err().to_string();
        assert!(err.contains(message), "{text}: {err}");
    }
    for text in [
        "profile: relaxed",
        "tree_shape: {fan_out_min: 2, fan_out_max: 7, exclude: ['x'], layers: []}",
        "duplication: {min_count: 2, max_ratio: 0.5, normalize_constants: true}",
        "narrative: {narrator_step_budget: 9, name_clarity_floor: 0.5}",
    ] {
        assert!(from_yaml(text).is_ok(), "{text}");
    }
}

#[test]
fn the_pyproject_example_loads_with_its_override() {
    let text = include_str!("../../../docs/examples/pyproject.toml");
    let c = from_pyproject(text)
        .unwrap()
        .expect("the example has [tool.antipasta]");
    assert_eq!(c.defaults.max_cyclomatic_complexity, 10.0);
    assert_eq!(c.ignore_patterns, ["**/tests/**", "**/test_*.py"]);
    assert_eq!(c.overrides.len(), 1);
    assert_eq!(c.overrides[0].paths, ["legacy/**"]);
    assert_eq!(c.overrides[0].metrics[1].enabled, Some(false));
    assert_eq!(c.overrides[0].metrics[1].threshold, None);
    assert!(from_pyproject("[project]\nname = 'x'\n").unwrap().is_none());
}

#[test]
fn toml_errors_and_validation_errors_carry_lines() {
    let Err(Error::Yaml(msg)) = from_pyproject("[tool.antipasta]\nuse_gitignore = \n") else {
        panic!("a TOML syntax error")
    };
    assert!(msg.starts_with("line 2: "), "{msg}");
    let Err(Error::Invalid(p)) = from_pyproject(
        "[tool.antipasta]\n[[tool.antipasta.overrides]]\npaths = ['a/**']\nmetrics = [{type = 'cyclomatic_complexity', threshold = 99}]\n",
    ) else {
        panic!("a range error")
    };
    assert_eq!(p[0].line, Some(4));
    assert_eq!(p[0].loc, "overrides -> 0 -> metrics -> 0 -> threshold");
}

#[test]
fn a_line_threshold_without_a_python_block_still_gates() {
    let mut c = from_yaml("defaults:\n  max_cyclomatic_complexity: 3\nlanguages: []\n").unwrap();
    let warnings = c.apply_override(&parse_override("loc=5").unwrap());
    assert_eq!(
        warnings,
        ["Threshold override adds lines_of_code to python"]
    );
    let e = c.python_entries();
    assert!(
        e.iter()
            .any(|e| e.metric == MetricType::Core(Metric::LinesOfCode) && e.threshold == 5.0)
    );
    // The block made from defaults keeps their values.
    assert!(
        e.iter().any(
            |e| e.metric == MetricType::Core(Metric::CyclomaticComplexity) && e.threshold == 3.0
        )
    );
}
