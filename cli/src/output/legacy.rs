//! `legacy` (`metrics`' default): the antipasta 1.x report (compat-spec §2.4), and the 1.x
//! message grammar (§2.5) the JSON document also uses.

use engine::Metric;
use engine::check::Violation;

use super::FileResult;
use crate::color::{self, Paint};
use crate::json::py_float;
use crate::printer::shown_text;

/// `-q` leaves out the summary block (and the PASSED line).
pub(super) fn render(results: &[FileResult], quiet: bool, paint: Paint) -> String {
    let eq = "=".repeat(70);
    let dash = "-".repeat(70);
    let n_violations: usize = results.iter().map(|r| r.violations.len()).sum();
    let errors: Vec<&FileResult> = results.iter().filter(|r| r.error.is_some()).collect();
    let mut text = String::new();
    if !quiet {
        text.push_str(&format!("\n{eq}\nMETRICS ANALYSIS SUMMARY\n{eq}\n"));
        text.push_str(&format!("Total files analyzed: {}\n", results.len()));
        let with = results.iter().filter(|r| !r.violations.is_empty()).count();
        text.push_str(&format!("Files with violations: {with}\n"));
        text.push_str(&format!("Total violations: {n_violations}\n"));
        if !errors.is_empty() {
            text.push_str(&format!("Files with errors: {}\n", errors.len()));
        }
        if n_violations > 0 {
            text.push_str("\nViolations by type:\n");
            for (name, n) in super::by_type(results) {
                text.push_str(&format!("  - {name}: {n}\n"));
            }
        }
    }
    if n_violations > 0 {
        text.push_str(&format!("\n{dash}\nVIOLATIONS FOUND:\n{dash}\n"));
        for r in results {
            for v in &r.violations {
                text.push_str(&format!("❌ {}\n", message(&r.shown, v)));
            }
        }
    }
    if !errors.is_empty() {
        text.push_str(&format!("\n{dash}\nFILES WITH ERRORS:\n{dash}\n"));
        for r in &errors {
            let e = r.error.as_ref().expect("filtered on errors");
            text.push_str(&format!(
                "⚠️  {}: {}\n",
                r.shown,
                shown_text(&e.to_string())
            ));
        }
    }
    if n_violations > 0 || !errors.is_empty() {
        text.push_str(&format!(
            "\n{}\n",
            paint.paint(color::BAD, "✗ Code quality check FAILED")
        ));
    } else if !quiet {
        text.push_str(&format!(
            "\n{}\n",
            paint.paint(color::GOOD, "✓ Code quality check PASSED")
        ));
    }
    text
}

/// The 1.x message grammar (compat-spec §2.5), without the `❌ ` prefix.
pub(super) fn message(path: &str, v: &Violation) -> String {
    let row = &v.row;
    let mut location = path.to_string();
    if let Some(line) = row.line {
        location.push_str(&format!(":{line}"));
    }
    if let Some(q) = &row.qualname {
        location.push_str(&format!(" ({q})"));
    }
    format!(
        "{location}: {} is {:.2} (threshold: {} {})",
        title(row.metric),
        row.value,
        v.comparison.symbol(),
        py_float(v.threshold)
    )
}

fn title(metric: Metric) -> String {
    metric
        .name()
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}
