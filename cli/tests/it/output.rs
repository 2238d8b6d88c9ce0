//! `--output-format`: every format on the basic project (insta), the same violation set out of
//! each, warm output equal to `--no-cache` in each, GitLab fingerprints unique and stable across
//! an edit that moves a function, GitHub's escaping on a path built to need it; `full`'s frames
//! of staged content; colour only where it belongs; the summary, `--statistics`, the progress bar.

use std::collections::BTreeSet;
use std::path::Path;

use crate::{project, run};

const FORMATS: &[&str] = &[
    "concise",
    "full",
    "grouped",
    "legacy",
    "json",
    "json-lines",
    "csv",
    "sarif",
    "github",
    "gitlab",
    "junit",
];

fn output(dir: &Path, format: &str, extra: &[&str]) -> String {
    let mut args = vec!["check", "--output-format", format];
    args.extend(extra);
    let (code, out, err) = run(dir, &args);
    assert_eq!(code, 1, "{format}: {err}");
    out
}

type Set = BTreeSet<(String, String, String, String)>;

fn entry(path: &str, qualname: &str, metric: &str, value: f64) -> (String, String, String, String) {
    (
        path.to_string(),
        qualname.to_string(),
        metric.to_string(),
        format!("{value}"),
    )
}

/// The finding in a message `<metric> <value> (<relation> <threshold>) in <qualname>`.
fn from_message(path: &str, message: &str) -> (String, String, String, String) {
    let mut words = message.split_whitespace();
    let metric = words.next().unwrap();
    let value: f64 = words.next().unwrap().parse().unwrap();
    let qualname = message.rsplit_once(" in ").map_or("-", |(_, q)| q);
    entry(path, qualname, metric, value)
}

/// `path:line:col: RULE message` → (path, message); `None` for any other line.
fn concise_line(l: &str) -> Option<(&str, &str)> {
    let (head, rest) = l.split_once(": ")?;
    let (rule, message) = rest.split_once(' ')?;
    let is_rule = rule.len() >= 4
        && rule[rule.len() - 3..].bytes().all(|b| b.is_ascii_digit())
        && rule[..rule.len() - 3]
            .bytes()
            .all(|b| b.is_ascii_uppercase());
    let mut parts = head.rsplitn(3, ':');
    let (col, line, path) = (parts.next()?, parts.next()?, parts.next()?);
    let numbers = [col, line].iter().all(|n| n.parse::<u32>().is_ok());
    (is_rule && numbers).then_some((path, message))
}

/// (path, qualname, metric, value) of every finding a format reports.
fn set_of(format: &str, text: &str) -> Set {
    let json = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
    let mut set = Set::new();
    match format {
        "json-lines" => {
            for l in text.lines() {
                let v = json(l);
                set.insert(entry(
                    v["path"].as_str().unwrap(),
                    v["qualname"].as_str().unwrap_or("-"),
                    v["metric"].as_str().unwrap(),
                    v["value"].as_f64().unwrap(),
                ));
            }
        }
        "json" => {
            for r in json(text)["reports"].as_array().unwrap() {
                for v in r["violations"].as_array().unwrap() {
                    set.insert(entry(
                        r["file"].as_str().unwrap(),
                        v["function"].as_str().unwrap_or("-"),
                        v["type"].as_str().unwrap(),
                        v["value"].as_f64().unwrap(),
                    ));
                }
            }
        }
        "sarif" => {
            for r in json(text)["runs"][0]["results"].as_array().unwrap() {
                let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap();
                set.insert(from_message(uri, r["message"]["text"].as_str().unwrap()));
            }
        }
        "gitlab" => {
            for f in json(text).as_array().unwrap() {
                let description = f["description"].as_str().unwrap();
                let (_, message) = description.split_once(' ').unwrap();
                set.insert(from_message(
                    f["location"]["path"].as_str().unwrap(),
                    message,
                ));
            }
        }
        "junit" => {
            for l in text.lines().filter(|l| l.contains("<failure")) {
                let body = l
                    .split_once('>')
                    .unwrap()
                    .1
                    .split("</failure>")
                    .next()
                    .unwrap();
                let (path, rest) = body.split_once(':').unwrap();
                let message = rest.split(": ").nth(1).unwrap().split_once(' ').unwrap().1;
                set.insert(from_message(path, &message.replace("&gt;", ">")));
            }
        }
        "github" => {
            for l in text.lines() {
                let data = l.split_once("::").unwrap().1.split_once("::").unwrap().1;
                let (path, rest) = data.split_once(':').unwrap();
                let message = rest.split(": ").nth(1).unwrap().split_once(' ').unwrap().1;
                set.insert(from_message(path, message));
            }
        }
        "grouped" => {
            let mut path = "";
            for l in text.lines().filter(|l| !l.is_empty()) {
                match l.strip_prefix("  ") {
                    None => path = l.strip_suffix(':').unwrap(),
                    Some(finding) => {
                        // `line:col  RULE message`
                        let (_place, rest) = finding.split_once(' ').unwrap();
                        let (_rule, message) = rest.trim_start().split_once(' ').unwrap();
                        set.insert(from_message(path, message));
                    }
                }
            }
        }
        "legacy" => {
            // `❌ path:line (qualname): Title Case Metric is 8.00 (threshold: <= 5.0)`
            for l in text.lines().filter_map(|l| l.strip_prefix("❌ ")) {
                let (place, rest) = l.split_once(": ").unwrap();
                let (path, qualname) = match place.split_once(" (") {
                    Some((p, q)) => (p, q.trim_end_matches(')')),
                    None => (place, "-"),
                };
                let path = path.split(':').next().unwrap();
                let (title, rest) = rest.split_once(" is ").unwrap();
                let metric = title.to_lowercase().replace(' ', "_");
                let value: f64 = rest.split_whitespace().next().unwrap().parse().unwrap();
                set.insert(entry(path, qualname, &metric, value));
            }
        }
        _ => {
            // concise and full: the finding lines (full's frames are not).
            for (path, message) in text.lines().filter_map(concise_line) {
                set.insert(from_message(path, message));
            }
        }
    }
    set
}

#[test]
fn every_format_snapshot_and_the_same_findings() {
    let dir = project("basic");
    let mut sets = Vec::new();
    for format in FORMATS {
        let text = output(dir.path(), format, &["--no-cache"]);
        insta::assert_snapshot!(format!("output_{format}"), text);
        // csv is a metrics export (every row), not a list of findings.
        if *format != "csv" {
            sets.push((format, set_of(format, &text)));
        }
    }
    let (_, first) = &sets[0];
    assert_eq!(first.len(), 2, "{first:?}");
    for (format, set) in &sets {
        assert_eq!(set, first, "{format}");
    }
}

#[test]
fn warm_output_equals_no_cache_output_in_every_format() {
    let dir = project("basic");
    let cache = tempfile::tempdir().unwrap();
    let c = cache.path().to_str().unwrap();
    for format in FORMATS {
        let cold = output(dir.path(), format, &["--cache-dir", c]);
        let warm = output(dir.path(), format, &["--cache-dir", c]);
        assert_eq!(warm, cold, "{format}");
        assert_eq!(
            warm,
            output(dir.path(), format, &["--no-cache"]),
            "{format}"
        );
    }
}

#[test]
fn several_outputs_in_one_run() {
    let dir = project("basic");
    let d = dir.path();
    let (code, out, _) = run(
        d,
        &[
            "check",
            "--no-cache",
            "--output-format",
            "github",
            "--output-format",
            "sarif:out.sarif",
            "--output-format",
            "junit:out.xml",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        out.starts_with(
            "::error title=antipasta (CC001),file=pkg/complex_mod.py,line=4,endLine=14::"
        ),
        "{out}"
    );
    assert!(
        std::fs::read_to_string(d.join("out.sarif"))
            .unwrap()
            .contains("\"version\": \"2.1.0\"")
    );
    assert!(
        std::fs::read_to_string(d.join("out.xml"))
            .unwrap()
            .contains("failures=\"2\"")
    );
    let (code, _, err) = run(
        d,
        &[
            "check",
            "--output-format",
            "json",
            "--output-format",
            "github",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("at most one format may go to stdout"), "{err}");
}

#[test]
fn gitlab_fingerprints_are_unique_and_survive_a_move() {
    let dir = project("basic");
    let d = dir.path();
    let prints = |text: &str| -> Vec<String> {
        serde_json::from_str::<serde_json::Value>(text)
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    let before = prints(&output(d, "gitlab", &["--no-cache"]));
    assert_eq!(before.len(), 2);
    assert_ne!(before[0], before[1]);
    let m = d.join("pkg/complex_mod.py");
    let text = std::fs::read_to_string(&m).unwrap();
    std::fs::write(
        &m,
        text.replacen(
            "\n\n\ndef classify",
            &format!("\n\n\n{}def classify", "# moved\n".repeat(10)),
            1,
        ),
    )
    .unwrap();
    let moved = output(d, "gitlab", &["--no-cache"]);
    assert!(moved.contains("\"begin\": 14"), "{moved}");
    assert_eq!(prints(&moved), before);
}

#[test]
fn github_annotations_escape_what_the_runner_would_split() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join(".antipasta.yaml"),
        "defaults:\n  max_cyclomatic_complexity: 1\nlanguages: []\n",
    )
    .unwrap();
    std::fs::write(
        d.join("50%,a:b.py"),
        "def f(a, b):\n    if a and b:\n        return 1\n    return 2\n",
    )
    .unwrap();
    let (code, out, _) = run(d, &["check", "--no-cache", "--output-format", "github"]);
    assert_eq!(code, 1);
    assert!(out.starts_with("::error title=antipasta (CC001),file=50%25%2Ca%3Ab.py,line=1,endLine=4::50%25,a:b.py:1:1: CC001 cyclomatic_complexity 3 (> 1) in f\n"), "{out}");
}

/// `antipasta` with the environment a test chooses (nothing normalised).
fn raw(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_antipasta"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .env_remove("ANTIPASTA_OUTPUT_FORMAT");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_summary_counts_violations_per_metric_the_cache_and_the_time() {
    let dir = project("basic");
    let cache = tempfile::tempdir().unwrap();
    let args = ["check", "--cache-dir", cache.path().to_str().unwrap()];
    let summary = |err: &str| err.lines().last().unwrap().to_string();
    let (_, _, cold) = raw(dir.path(), &args, &[]);
    let cold = summary(&cold);
    let head = "Found 2 violations (2 cyclomatic_complexity) in 1 file; 3 files checked";
    assert!(
        cold.starts_with(&format!("{head} (0 cached) in ")),
        "{cold}"
    );
    let (_, _, warm) = raw(dir.path(), &args, &[]);
    let warm = summary(&warm);
    assert!(
        warm.starts_with(&format!("{head} (3 cached) in ")),
        "{warm}"
    );
    let seconds = warm.rsplit_once(" in ").unwrap().1.trim_end_matches("s.");
    assert!(seconds.parse::<f64>().is_ok(), "{warm}");
    // Machine formats on stdout have no summary.
    let (_, _, err) = raw(
        dir.path(),
        &["check", "--no-cache", "--output-format", "sarif"],
        &[],
    );
    assert!(!err.contains("Found "), "{err}");
}

#[test]
fn colour_only_on_human_formats_and_as_the_environment_says() {
    let dir = project("basic");
    let d = dir.path();
    let esc = |s: &str| s.contains('\u{1b}');
    let check = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["check", "--no-cache"];
        all.extend(args);
        raw(d, &all, env)
    };
    // A pipe: plain, unless forced.
    assert!(!esc(&check(&[], &[]).1));
    assert!(esc(&check(&["--color", "always"], &[]).1));
    assert!(esc(&check(&[], &[("FORCE_COLOR", "1")]).1));
    assert!(esc(&check(&[], &[("CLICOLOR_FORCE", "1")]).1));
    assert!(!esc(&check(&[], &[("FORCE_COLOR", "0")]).1));
    // NO_COLOR wins over the forcing variables, the flag over everything.
    assert!(!esc(&check(
        &[],
        &[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]
    )
    .1));
    assert!(esc(&check(&["--color", "always"], &[("NO_COLOR", "1")]).1));
    assert!(!esc(
        &check(&["--color", "never"], &[("FORCE_COLOR", "1")]).1
    ));
    for format in ["full", "grouped", "legacy"] {
        let (_, out, _) = check(&["--color", "always", "--output-format", format], &[]);
        assert!(esc(&out), "{format}");
    }
    // Machine formats and files never.
    for format in FORMATS
        .iter()
        .filter(|f| !["concise", "full", "grouped", "legacy"].contains(f))
    {
        let (_, out, _) = check(&["--color", "always", "--output-format", format], &[]);
        assert!(!esc(&out), "{format}");
    }
    check(
        &["--color", "always", "--output-format", "full:frames.txt"],
        &[],
    );
    let written = std::fs::read_to_string(d.join("frames.txt")).unwrap();
    assert!(
        written.contains("def classify") && !esc(&written),
        "{written}"
    );
    // Warnings on stderr obey the same rules.
    std::fs::write(
        d.join(".antipasta.yaml"),
        "defaults:\n  max_cyclomatic_complexity: 5\nbogus: 1\n",
    )
    .unwrap();
    let (_, _, err) = check(&["--color", "always"], &[]);
    assert!(
        err.contains("\u{1b}[1m\u{1b}[33mwarning\u{1b}[0m: "),
        "{err}"
    );
    let (_, _, err) = check(&[], &[]);
    assert!(err.contains("warning: ") && !esc(&err), "{err}");
    // And the logs: `-vv 2>&1 | cat -A` shows no escape codes.
    let (_, _, err) = check(&["-vv"], &[]);
    assert!(err.contains("DEBUG") && !esc(&err), "{err}");
    let (_, _, err) = check(&["-vv", "--color", "always"], &[]);
    assert!(err.contains("DEBUG") && esc(&err), "{err}");
}

#[test]
fn output_file_takes_what_stdout_would_get() {
    let dir = project("basic");
    let d = dir.path();
    let (code, out, err) = raw(
        d,
        &["check", "--no-cache", "--output-file", "report.txt"],
        &[],
    );
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(err.contains("Found 2 violations"), "{err}");
    let (_, expected, _) = raw(d, &["check", "--no-cache"], &[]);
    assert_eq!(
        std::fs::read_to_string(d.join("report.txt")).unwrap(),
        expected
    );
}

#[test]
fn full_frames_show_the_staged_text_not_the_work_tree() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    crate::git(d, &["init", "-q"]);
    std::fs::write(
        d.join(".antipasta.yaml"),
        "defaults:\n  max_cyclomatic_complexity: 1\n",
    )
    .unwrap();
    std::fs::write(
        d.join("m.py"),
        "def staged_name(a):\n    if a:\n        return 1\n    return 2\n",
    )
    .unwrap();
    crate::git(d, &["add", "-A"]);
    std::fs::write(
        d.join("m.py"),
        "def work_tree_name(a):\n    if a:\n        return 1\n    return 2\n",
    )
    .unwrap();
    let (code, out, err) = run(
        d,
        &["check", "--staged", "--no-cache", "--output-format", "full"],
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "m.py:1:1: CC001 cyclomatic_complexity 2 (> 1) in staged_name\n  |\n1 | def staged_name(a):\n  |     ^^^^^^^^^^^ cyclomatic_complexity 2\n\n"
    );
}

#[test]
fn statistics_count_rank_and_list_the_worst() {
    let dir = project("basic");
    let (code, out, _) = run(dir.path(), &["check", "--no-cache", "-q", "--statistics=2"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("statistics", out);
    // With a machine format on stdout the statistics go to stderr, and stdout stays parseable.
    let (_, out, err) = run(
        dir.path(),
        &[
            "check",
            "--no-cache",
            "--statistics",
            "--output-format",
            "json-lines",
        ],
    );
    assert!(
        err.contains("worst functions by cyclomatic_complexity:"),
        "{err}"
    );
    for l in out.lines() {
        serde_json::from_str::<serde_json::Value>(l).unwrap();
    }
}

#[test]
fn a_progress_bar_on_an_attended_terminal_only() {
    // `script` (util-linux, on every Debian) runs the check on a pseudo-terminal.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for i in 0..300 {
        std::fs::write(
            d.join(format!("m{i}.py")),
            format!("def f{i}(a):\n    return a\n"),
        )
        .unwrap();
    }
    let on_terminal = |extra: &str, env: &[(&str, &str)]| {
        let cmd = format!(
            "'{}' check --no-cache {extra} 2>&1",
            env!("CARGO_BIN_EXE_antipasta")
        );
        let mut c = std::process::Command::new("script");
        c.args(["-qfec", &cmd, "/dev/null"])
            .current_dir(d)
            .env("TERM", "xterm")
            .env_remove("CI")
            .env_remove("PRE_COMMIT");
        for (k, v) in env {
            c.env(k, v);
        }
        String::from_utf8_lossy(&c.output().unwrap().stdout).into_owned()
    };
    let shown = on_terminal("", &[]);
    assert!(shown.contains("/300 files"), "{shown}");
    assert!(
        shown.contains("All checks passed! 300 files checked"),
        "{shown}"
    );
    for (extra, env) in [
        ("-q", &[][..]),
        ("", &[("CI", "true")][..]),
        ("", &[("PRE_COMMIT", "1")][..]),
        ("--output-format json-lines", &[][..]),
    ] {
        let out = on_terminal(extra, env);
        assert!(!out.contains("/300 files"), "{extra} {env:?}: {out}");
    }
    // Not a terminal: never.
    let (_, _, err) = raw(d, &["check", "--no-cache"], &[]);
    assert!(!err.contains("/300 files"), "{err}");
}

#[test]
fn a_closed_stdout_ends_the_output_quietly_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join(".antipasta.yaml"),
        "defaults:\n  max_cyclomatic_complexity: 1\n",
    )
    .unwrap();
    // Enough findings to fill a pipe's buffer many times over.
    for i in 0..400 {
        std::fs::write(
            d.join(format!("m{i}.py")),
            "def f(a):\n    if a:\n        return 1\n    return 2\n",
        )
        .unwrap();
    }
    for format in FORMATS.iter().chain(&["concise --statistics"]) {
        let script = format!(
            "\"$0\" check --no-cache --output-format {format} | head -c 100 >/dev/null; exit ${{PIPESTATUS[0]}}"
        );
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(&script)
            .arg(env!("CARGO_BIN_EXE_antipasta"))
            .current_dir(d)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        // The gate's own exit code, and nothing about the pipe.
        assert_eq!(out.status.code(), Some(1), "{format}: {stderr}");
        for bad in ["Broken pipe", "panicked", "error"] {
            assert!(!stderr.contains(bad), "{format}: {stderr}");
        }
    }
}

#[test]
fn a_report_to_dev_null_leaves_the_device_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let p = crate::project("basic");
    for args in [
        &["check", "--output-format", "sarif:/dev/null"][..],
        &[
            "check",
            "--metrics-file",
            "/dev/null",
            "--metrics-format",
            "json",
        ],
        &["report", "--format", "json", "-o", "/dev/null"],
        &["stats", "-o", "/dev/null"],
    ] {
        let (code, _, stderr) = crate::run(p.path(), args);
        assert!(code == 0 || code == 1, "{args:?}: {stderr}");
        let kind = std::fs::metadata("/dev/null").unwrap().file_type();
        assert!(kind.is_char_device(), "{args:?} replaced /dev/null");
    }
}
