//! What `check` and `metrics` report, in every format of ecosystem.md §3: one emitter per format
//! (a module each), over the run's [`FileResult`]s and their [`Finding`]s.
//!
//! `--output-format FORMAT[:PATH]` (repeatable; at most one without a path, which goes to stdout;
//! or `ANTIPASTA_OUTPUT_FORMAT`). Without one to stdout, stdout gets the command's own format:
//! `--format json`'s document, else `concise` (`check`) or `legacy` (`metrics`).

mod concise;
pub(crate) mod csv;
mod full;
mod github;
mod gitlab;
mod grouped;
pub(crate) mod json;
mod json_lines;
mod junit;
mod legacy;
mod notes;
mod sarif;
mod statistics;
mod summary;

use std::path::{Path, PathBuf};

use engine::FileError;
use engine::check::{Row, Violation};
use engine::finding::{FileProblem, Finding};

use crate::color::Paint;

pub(crate) use concise::{violation_lines, violation_text};
pub(crate) use notes::{baseline_summary, file_errors, left_out, unused_ignore};
pub(crate) use statistics::statistics;
pub(crate) use summary::{RunFacts, summary};

/// One analysed file, ready to report.
pub(crate) struct FileResult {
    /// As the reports show it: relative to the current directory, with `/`.
    pub(crate) path: String,
    /// The path as human output shows it: quoted and escaped when it holds anything that could
    /// break a line's shape or reach the terminal (see [`crate::printer::shown_path`]).
    pub(crate) shown: String,
    /// Where it is (absolute).
    pub(crate) file: PathBuf,
    pub(crate) rows: Vec<Row>,
    pub(crate) violations: Vec<Violation>,
    pub(crate) error: Option<FileError>,
    /// What the suppression comments hid, and the ones that hid nothing.
    pub(crate) suppression: engine::suppress::Applied,
    /// What the baseline accepted.
    pub(crate) baseline: engine::baseline::Judged,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Concise,
    Full,
    Grouped,
    Legacy,
    Json,
    JsonLines,
    Csv,
    Sarif,
    Github,
    Gitlab,
    Junit,
}

const NAMES: &[(&str, Format)] = &[
    ("concise", Format::Concise),
    ("full", Format::Full),
    ("grouped", Format::Grouped),
    ("legacy", Format::Legacy),
    ("json", Format::Json),
    ("json-lines", Format::JsonLines),
    ("csv", Format::Csv),
    ("sarif", Format::Sarif),
    ("github", Format::Github),
    ("gitlab", Format::Gitlab),
    ("junit", Format::Junit),
];

impl Format {
    /// For people: coloured on a terminal, followed by the summary; the others are for machines.
    pub(crate) fn is_human(self) -> bool {
        matches!(
            self,
            Format::Concise | Format::Full | Format::Grouped | Format::Legacy
        )
    }

    /// Renders from [`Finding`]s (the others read the results themselves).
    pub(crate) fn needs_findings(self) -> bool {
        matches!(
            self,
            Format::Grouped
                | Format::JsonLines
                | Format::Sarif
                | Format::Github
                | Format::Gitlab
                | Format::Junit
        )
    }

    /// Needs every row of every file, not only the failing ones.
    pub(crate) fn needs_rows(self) -> bool {
        matches!(self, Format::Json | Format::Csv)
    }
}

/// One requested output: a format, and a file (`None`: stdout).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Spec {
    pub(crate) format: Format,
    pub(crate) path: Option<PathBuf>,
}

/// `FORMAT[:PATH]`, each given; at most one to stdout.
pub(crate) fn parse(raw: &[String]) -> Result<Vec<Spec>, String> {
    let mut specs = Vec::new();
    for r in raw {
        let (name, path) = match r.split_once(':') {
            Some((n, p)) if !p.is_empty() => (n, Some(PathBuf::from(p))),
            _ => (r.as_str(), None),
        };
        let format = NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, f)| *f)
            .ok_or_else(|| {
                let names: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
                format!(
                    "invalid value '{name}' for '--output-format': one of {}",
                    names.join(", ")
                )
            })?;
        specs.push(Spec { format, path });
    }
    if specs.iter().filter(|s| s.path.is_none()).count() > 1 {
        return Err(
            "--output-format: at most one format may go to stdout (give the others :PATH)"
                .to_string(),
        );
    }
    Ok(specs)
}

/// Every violation of the run as a finding, in report order; `uri_root` is what SARIF, GitHub
/// and GitLab paths are relative to.
pub(crate) fn findings(results: &[FileResult], uri_root: &Path) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in results {
        let uri = r
            .file
            .strip_prefix(uri_root)
            .unwrap_or(&r.file)
            .to_string_lossy()
            .replace('\\', "/");
        for v in &r.violations {
            out.push(Finding::new(&r.path, &uri, v, violation_text(v)));
        }
    }
    out
}

/// Every file that could not be analysed, for the machine formats; `fails`: the configuration
/// fails the run on them (`fail_on_file_errors`), so they are errors rather than warnings.
pub(crate) fn problems(results: &[FileResult], uri_root: &Path, fails: bool) -> Vec<FileProblem> {
    results
        .iter()
        .filter_map(|r| {
            let e = r.error.as_ref()?;
            let uri = r.file.strip_prefix(uri_root).unwrap_or(&r.file);
            let uri = uri.to_string_lossy().replace('\\', "/");
            Some(FileProblem::new(&r.path, &uri, e, fails))
        })
        .collect()
}

/// Writes a report or metrics file so that a reader (node_exporter's textfile collector, a CI
/// step) never sees half of it: a temporary file beside it, flushed, then renamed over it. What
/// is there and is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO) is written to as it
/// is: a rename would replace the device itself.
pub(crate) fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)?
            .write_all(text.as_bytes());
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .unwrap_or(path.as_os_str())
        .to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Violation counts per metric, in order of first appearance in report order (1.2's
/// `violations_by_type`; the summary and `--statistics` show the same counts).
pub(crate) fn by_type(results: &[FileResult]) -> Vec<(&'static str, usize)> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for v in results.iter().flat_map(|r| &r.violations) {
        let name = v.row.metric.name();
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, c)) => *c += 1,
            None => counts.push((name, 1)),
        }
    }
    counts
}

/// What a format is rendered from.
pub(crate) struct Report<'a> {
    pub(crate) results: &'a [FileResult],
    pub(crate) findings: &'a [Finding],
    /// The files that could not be analysed (the machine formats report them too).
    pub(crate) problems: &'a [FileProblem],
    /// A file's text as it was analysed (the index's for `--staged`), by result: `full`'s frames.
    pub(crate) source: &'a dyn Fn(&FileResult) -> Option<String>,
    /// `-q`: the legacy report without its summary block.
    pub(crate) quiet: bool,
    /// The analysis threads, for the formats rendered per file in parallel (`None`: nothing was
    /// analysed, no thread is started for the report).
    pub(crate) pool: Option<&'a rayon::ThreadPool>,
}

/// The text of one format; `paint` colours the human ones.
pub(crate) fn render(format: Format, report: &Report<'_>, paint: Paint) -> String {
    let Report {
        results,
        findings,
        problems,
        ..
    } = *report;
    match format {
        Format::Concise => concise::render(results, paint, report.pool),
        Format::Full => full::render(results, report.source, paint),
        Format::Grouped => grouped::render(results, findings, paint),
        Format::Legacy => legacy::render(results, report.quiet, paint),
        Format::Json => json::render(results, problems),
        Format::JsonLines => json_lines::render(findings, problems),
        Format::Csv => csv::render(results),
        Format::Sarif => sarif::render(findings, problems),
        Format::Github => github::render(findings, problems),
        Format::Gitlab => gitlab::render(findings, problems),
        Format::Junit => junit::render(results, findings, problems),
    }
}
