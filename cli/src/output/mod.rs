//! `--output-format FORMAT[:PATH]` (repeatable; at most one without a path, which goes to
//! stdout; or `ANTIPASTA_OUTPUT_FORMAT`): the machine formats of ecosystem.md §3, one emitter per
//! format over [`engine::finding::Finding`]. `concise` and `json` are the existing printers.

mod csv;
mod github;
mod gitlab;
mod json_lines;
mod junit;
mod sarif;

use std::path::{Path, PathBuf};

use engine::finding::Finding;

use crate::check::FileResult;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Concise,
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
    ("json", Format::Json),
    ("json-lines", Format::JsonLines),
    ("csv", Format::Csv),
    ("sarif", Format::Sarif),
    ("github", Format::Github),
    ("gitlab", Format::Gitlab),
    ("junit", Format::Junit),
];

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
pub(crate) fn findings(
    results: &[FileResult],
    reports: &[engine::FileReport],
    uri_root: &Path,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (r, report) in results.iter().zip(reports) {
        let uri = report
            .path
            .strip_prefix(uri_root)
            .unwrap_or(&report.path)
            .to_string_lossy()
            .replace('\\', "/");
        for v in &r.violations {
            out.push(Finding::new(
                &r.path,
                &uri,
                v,
                crate::printer::violation_text(v),
            ));
        }
    }
    out
}

/// The text of one format.
pub(crate) fn render(format: Format, results: &[FileResult], findings: &[Finding]) -> String {
    match format {
        Format::Concise => crate::printer::violation_lines(results)
            .into_iter()
            .map(|l| l + "\n")
            .collect(),
        Format::Json => crate::printer::json_document_text(results),
        Format::JsonLines => json_lines::render(findings),
        Format::Csv => csv::render(results),
        Format::Sarif => sarif::render(findings),
        Format::Github => github::render(findings),
        Format::Gitlab => gitlab::render(findings),
        Format::Junit => junit::render(results, findings),
    }
}
