//! `--output-format`: every machine format on the basic project (insta), the same violation set
//! out of each, warm output equal to `--no-cache` in each, GitLab fingerprints unique and stable
//! across an edit that moves a function, GitHub's escaping on a path built to need it.

use std::collections::BTreeSet;
use std::path::Path;

use crate::{project, run};

const FORMATS: &[&str] = &[
    "concise",
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
        _ => {
            for l in text.lines() {
                let (path, rest) = l.split_once(':').unwrap();
                set.insert(from_message(path, rest.split(": ").nth(1).unwrap()));
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
