//! Configuration as a team adopts it: `[tool.antipasta]` in pyproject.toml gating exactly as
//! `.antipasta.yaml`, discovery and precedence, `--isolated`, nested configurations, per-path
//! overrides, located errors, and `config generate|validate|view|schema` next to what
//! antipasta 1.2 prints (testdata/config/antipasta-1.2).

use std::path::Path;

use crate::{project, run, testdata};

/// The basic project's `.antipasta.yaml`, in TOML.
const BASIC_TOML: &str = r#"[project]
name = "basic"

[tool.antipasta]
ignore_patterns = ["**/tests/**"]
use_gitignore = true

[tool.antipasta.defaults]
max_cyclomatic_complexity = 5

[[tool.antipasta.languages]]
name = "python"
extensions = [".py"]
metrics = [
  { type = "cyclomatic_complexity", threshold = 5, comparison = "<=" },
  { type = "lines_of_code", threshold = 40 },
  { type = "maintainability_index", threshold = 50, comparison = ">=" },
]
"#;

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn reference(name: &str) -> String {
    std::fs::read_to_string(testdata(&format!("config/antipasta-1.2/{name}"))).unwrap()
}

#[test]
fn tool_antipasta_in_pyproject_gates_exactly_as_the_same_yaml() {
    let yaml = project("basic");
    let toml = project("basic");
    std::fs::remove_file(toml.path().join(".antipasta.yaml")).unwrap();
    write(toml.path(), "pyproject.toml", BASIC_TOML);
    for args in [
        &["check", "--no-cache"][..],
        &["check", "--no-cache", "--format", "json"],
        &["metrics", "--no-cache"],
        &["check", "--no-cache", "-t", "cyc=3"],
    ] {
        let (a, b) = (run(yaml.path(), args), run(toml.path(), args));
        assert_eq!(a.0, b.0, "{args:?}");
        assert_eq!(a.1, b.1, "{args:?}");
        assert!(a.0 == 1, "the project has violations: {}", a.1);
        assert!(
            b.2.contains("Using configuration: pyproject.toml"),
            "{}",
            b.2
        );
    }
}

#[test]
fn discovery_precedence_and_isolated() {
    let dir = project("basic");
    let d = dir.path();
    // A pyproject without the table is skipped: the walk goes on up (here: nothing, defaults).
    std::fs::remove_file(d.join(".antipasta.yaml")).unwrap();
    write(
        d,
        "pyproject.toml",
        "[project]\nname = 'antipasta-mentioned-here'\n",
    );
    std::fs::create_dir(d.join(".git")).unwrap();
    let (_, _, err) = run(d, &["check", "--no-cache"]);
    assert!(
        err.contains("Configuration file '.antipasta.yaml' not found."),
        "{err}"
    );
    // Both files: .antipasta.yaml wins over [tool.antipasta].
    write(d, "pyproject.toml", BASIC_TOML);
    write(
        d,
        ".antipasta.yaml",
        "defaults:\n  max_cyclomatic_complexity: 50\nlanguages: []\n",
    );
    let (code, _, err) = run(d, &["check", "--no-cache", "-q"]);
    assert_eq!(code, 0, "{err}");
    // Found from a subdirectory, with patterns relative to the configuration's directory.
    std::fs::remove_file(d.join(".antipasta.yaml")).unwrap();
    let (code, out, err) = run(&d.join("pkg"), &["check", "--no-cache"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("Using configuration: ../pyproject.toml"),
        "{err}"
    );
    // --isolated: the built-in defaults (cyclomatic 10: the project passes it).
    let (code, out, _) = run(d, &["check", "--no-cache", "--isolated"]);
    assert_eq!(code, 0, "{out}");
    let (_, out, _) = run(d, &["check", "--no-cache", "--isolated", "--show-settings"]);
    assert!(
        out.contains("configuration: built-in defaults (--isolated)"),
        "{out}"
    );
    let cyc = out
        .lines()
        .find(|l| l.starts_with("defaults.max_cyclomatic_complexity"));
    assert!(
        cyc.is_some_and(|l| l.contains(" 10.0 ") && l.ends_with("# default")),
        "{out}"
    );
}

#[test]
fn a_nested_configuration_governs_its_files_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join(".git")).unwrap();
    let complex =
        "def f(x):\n    if x:\n        return 1\n    if x > 1:\n        return 2\n    return 3\n";
    write(
        d,
        ".antipasta.yaml",
        "defaults:\n  max_cyclomatic_complexity: 2\nlanguages: []\n",
    );
    write(d, "top.py", complex);
    write(
        d,
        "sub/.antipasta.yaml",
        "defaults:\n  max_cyclomatic_complexity: 20\nlanguages: []\n",
    );
    write(d, "sub/inner.py", complex);
    // From the root: sub/ is its configuration's, left out with a warning naming it.
    let (code, out, err) = run(d, &["check", "--no-cache"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("top.py:1:1: CC001 cyclomatic_complexity 3"),
        "{out}"
    );
    assert!(!out.contains("inner.py"), "{out}");
    assert!(
        err.contains("sub is governed by") && err.contains("sub/.antipasta.yaml"),
        "{err}"
    );
    // Named explicitly from the root: the same.
    let (_, out, err) = run(d, &["check", "--no-cache", "sub/inner.py"]);
    assert!(!out.contains("inner.py:"), "{out}");
    assert!(err.contains("inner.py is governed by"), "{err}");
    // From sub/: its own configuration, which passes the file.
    let (code, _, err) = run(&d.join("sub"), &["check", "--no-cache"]);
    assert_eq!(code, 0, "{err}");
    // --config applies one configuration to everything.
    let (code, out, _) = run(d, &["check", "--no-cache", "-c", ".antipasta.yaml"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("sub/inner.py:1:1: CC001 cyclomatic_complexity 3"),
        "{out}"
    );
}

#[test]
fn per_path_overrides_merge_by_type_and_scope_and_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let complex =
        "def f(x):\n    if x:\n        return 1\n    if x > 1:\n        return 2\n    return 3\n";
    write(
        d,
        ".antipasta.yaml",
        "defaults:\n  max_cyclomatic_complexity: 2\nlanguages: []\noverrides:\n  - paths: ['legacy/**']\n    metrics:\n      - {type: cyclomatic_complexity, threshold: 20}\n  - paths: ['legacy/strict.py']\n    metrics:\n      - {type: cyclomatic_complexity, threshold: 1}\n  - paths: ['scripts/*.py']\n    metrics:\n      - {type: cyclomatic_complexity, enabled: false}\n",
    );
    for f in [
        "app.py",
        "legacy/old.py",
        "legacy/strict.py",
        "scripts/run.py",
    ] {
        write(d, f, complex);
    }
    let (code, out, err) = run(d, &["check", "--no-cache"]);
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(": CC001 cyclomatic"))
        .collect();
    assert_eq!(
        lines,
        [
            "app.py:1:1: CC001 cyclomatic_complexity 3 (> 2) in f",
            "legacy/strict.py:1:1: CC001 cyclomatic_complexity 3 (> 1) in f",
        ],
        "{out}"
    );
    let (_, out, _) = run(d, &["check", "--no-cache", "-v"]);
    assert!(
        out.contains("legacy/strict.py:1:1: CC001 cyclomatic_complexity 3 (> 1) in f [overrides[1]: legacy/strict.py]"),
        "{out}"
    );
    let (_, out, _) = run(d, &["check", "--no-cache", "--format", "json"]);
    assert!(
        out.contains("\"override\": \"overrides[1]: legacy/strict.py\""),
        "{out}"
    );
    assert_eq!(out.matches("\"override\"").count(), 1, "{out}");
    // The warm run says the same (the cache's early-out sees each file's own thresholds).
    let cache = tempfile::tempdir().unwrap();
    let c = cache.path().to_str().unwrap();
    let cold = run(d, &["check", "--cache-dir", c]);
    let warm = run(d, &["check", "--cache-dir", c]);
    assert_eq!(cold.1, warm.1);
    assert_eq!(run(d, &["check", "--no-cache"]).1, warm.1);
}

#[test]
fn validation_errors_name_the_file_and_the_line_in_yaml_and_toml() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        ".antipasta.yaml",
        "defaults:\n  max_cyclomatic_complexity: 10\nlanguages:\n  - name: python\n    metrics:\n      - type: cyclomatic_complexity\n        threshold: 5\n        comparison: '=>'\n",
    );
    let (code, _, err) = run(d, &["check"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            ".antipasta.yaml: line 8: languages -> 0 -> metrics -> 0 -> comparison: Input should be"
        ),
        "{err}"
    );
    std::fs::remove_file(d.join(".antipasta.yaml")).unwrap();
    write(
        d,
        "pyproject.toml",
        "[tool.antipasta]\nuse_gitignore = true\n\n[tool.antipasta.defaults]\nmax_cyclomatic_complexity = 10.5\n",
    );
    let (code, _, err) = run(d, &["check"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("pyproject.toml: line 5: defaults -> max_cyclomatic_complexity: Input should be a valid integer"),
        "{err}"
    );
    write(d, "pyproject.toml", "[tool.antipasta]\nuse_gitignore = \n");
    let (code, _, err) = run(d, &["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("pyproject.toml: line 2:"), "{err}");
    let (code, _, err) = run(d, &["config", "validate", "pyproject.toml"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn show_files_lists_what_every_exclusion_leaves() {
    let dir = project("basic");
    let (code, out, _) = run(dir.path(), &["check", "--show-files"]);
    assert_eq!(code, 0);
    assert_eq!(out, "pkg/__init__.py\npkg/complex_mod.py\npkg/simple.py\n");
    let (_, out, _) = run(dir.path(), &["check", "--show-files", "--force-analyze"]);
    assert!(
        out.contains("tests/test_ignored.py") && out.contains("build/generated.py"),
        "{out}"
    );
}

#[test]
fn show_settings_says_where_each_value_came_from() {
    let dir = project("basic");
    let (code, out, _) = run(dir.path(), &["check", "--show-settings", "-t", "cog=9"]);
    assert_eq!(code, 0);
    let line = |key: &str| {
        out.lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("{key} in {out}"))
            .to_string()
    };
    assert!(
        line("defaults.max_cyclomatic_complexity").ends_with("# .antipasta.yaml:3"),
        "{out}"
    );
    assert!(
        line("defaults.max_cognitive_complexity").ends_with("# command line (-t cog=9)"),
        "{out}"
    );
    assert!(
        line("defaults.max_halstead_volume").ends_with("# default"),
        "{out}"
    );
    assert!(
        line("gate cyclomatic_complexity").contains("<= 5.0"),
        "{out}"
    );
    assert!(
        line("ignore_patterns").ends_with("# .antipasta.yaml:17"),
        "{out}"
    );
    assert!(
        out.starts_with("configuration: .antipasta.yaml (the closest"),
        "{out}"
    );
}

#[test]
fn generate_writes_1_2s_template_after_the_schema_line() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = run(
        dir.path(),
        &[
            "config",
            "generate",
            "--non-interactive",
            "-o",
            "sub/generate.yaml",
        ],
    );
    assert_eq!(code, 0);
    assert!(
        out.starts_with("✅ Configuration saved to sub/generate.yaml\n"),
        "{out}"
    );
    let text = std::fs::read_to_string(dir.path().join("sub/generate.yaml")).unwrap();
    let (schema, rest) = text.split_once('\n').unwrap();
    assert!(
        schema.starts_with("# yaml-language-server: $schema=https://"),
        "{schema}"
    );
    assert_eq!(rest, reference("generate.yaml"));
    // The template is the built-in default: checking with it or with none gives the same.
    let d = dir.path().join("sub");
    write(&d, "m.py", "def f(x):\n    return x\n");
    let with = run(
        &d,
        &[
            "check",
            "--no-cache",
            "-c",
            "generate.yaml",
            "--format",
            "json",
        ],
    );
    let without = run(
        &d,
        &["check", "--no-cache", "--isolated", "--format", "json"],
    );
    assert_eq!(with.1, without.1);
    // Answers on stdin (as a terminal would give them): the prompts, then the file.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_antipasta"))
        .args(["config", "generate", "-o", "asked.yaml"])
        .current_dir(dir.path())
        .stdin(std::fs::File::open(testdata("config/answers.txt")).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success());
    let asked = std::fs::read_to_string(dir.path().join("asked.yaml")).unwrap();
    assert!(
        asked.contains("  max_cyclomatic_complexity: 12\n"),
        "{asked}"
    );
    assert!(
        asked.contains("  - 'legacy/**'\n") || asked.contains("  - legacy/**\n"),
        "{asked}"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("❌ Invalid input: Value must be <= 50"),
        "{stderr}"
    );
}

#[test]
fn validate_and_view_print_what_1_2_prints() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "generate.yaml", &reference("generate.yaml"));
    let (code, out, _) = run(d, &["config", "validate", "generate.yaml"]);
    assert_eq!((code, out), (0, reference("validate.txt")));
    for format in ["summary", "table"] {
        let (code, out, _) = run(d, &["config", "view", "-p", "generate.yaml", "-f", format]);
        assert_eq!(
            (code, out),
            (0, reference(&format!("view.{format}"))),
            "{format}"
        );
    }
    // json and yaml: 1.2's document, then this tool's own keys.
    for format in ["json", "yaml"] {
        let (code, out, _) = run(d, &["config", "view", "-p", "generate.yaml", "-f", format]);
        assert_eq!(code, 0);
        let theirs = reference(&format!("view.{format}"));
        let cut = theirs.find("profile").unwrap();
        assert_eq!(out[..cut], theirs[..cut], "{format}");
        for key in ["fail_on_file_errors", "max_file_size", "mi_multi"] {
            assert!(out[cut..].contains(key), "{format}: {out}");
        }
    }
    let (code, out, _) = run(d, &["config", "view", "-p", "generate.yaml", "-f", "RAW"]);
    assert_eq!((code, out), (0, reference("generate.yaml") + "\n"));
    // Missing and invalid files: exit 2 (1.2 exited 1, or 0 rendering the defaults).
    let (code, _, err) = run(d, &["config", "view", "-p", "nope.yaml"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("Error: Configuration file not found: nope.yaml"),
        "{err}"
    );
    write(
        d,
        "bad.yaml",
        "defaults:\n  max_cyclomatic_complexity: 99\n",
    );
    let (code, out, err) = run(d, &["config", "view", "-p", "bad.yaml"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("line 2: defaults -> max_cyclomatic_complexity: Input should be less than or equal to 50"), "{err}");
    let (code, _, err) = run(d, &["config", "validate", "bad.yaml"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with(
            "❌ Configuration validation failed: bad.yaml\n\nValidation errors:\n  - line 2: "
        ),
        "{err}"
    );
    let (code, _, err) = run(d, &["config", "validate", "nope.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("Path 'nope.yaml' does not exist."), "{err}");
    let (code, out, _) = run(d, &["config", "schema"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("\"$schema\": \"http://json-schema.org/draft-07/schema#\""),
        "{out}"
    );
}
