//! `grouped`: the violations under a heading per file (ruff's `grouped`), `line:col` aligned.

use engine::finding::Finding;

use super::FileResult;
use crate::color::{self, Paint};

pub(super) fn render(results: &[FileResult], findings: &[Finding], paint: Paint) -> String {
    let mut text = String::new();
    let mut rest = findings;
    for r in results {
        let n = r.violations.len();
        let (own, after) = rest.split_at(n.min(rest.len()));
        rest = after;
        if own.is_empty() {
            continue;
        }
        text.push_str(&format!("{}{}\n", paint.paint(color::PATH, &r.shown), ":"));
        let places: Vec<String> = own
            .iter()
            .map(|f| format!("{}:{}", f.line, f.col))
            .collect();
        let width = places.iter().map(String::len).max().unwrap_or(0);
        for (f, place) in own.iter().zip(&places) {
            text.push_str(&format!(
                "  {}{} {} {}\n",
                paint.paint(color::DIM, place),
                " ".repeat(width - place.len()),
                paint.paint(color::RULE, f.rule),
                f.message
            ));
        }
        text.push('\n');
    }
    text
}
