//! `--statistics`: violations per metric, then per metric the percentiles of its values over the
//! functions (or files) checked, and the worst N functions of each metric functions have.

use engine::check::Row;
use engine::finding::value_text;
use engine::stats::{Unit, distributions};

use super::FileResult;
use crate::printer::plural;

pub(crate) fn statistics(results: &[FileResult], top: usize) -> String {
    let mut rows: Vec<(&FileResult, &Row)> = Vec::new();
    for r in results {
        rows.extend(r.rows.iter().map(|row| (r, row)));
    }
    let only: Vec<&Row> = rows.iter().map(|(_, row)| *row).collect();
    let dists = distributions(&only, top);
    let mut text = String::from("\nStatistics\n");
    let mut by_metric = super::by_type(results);
    by_metric.sort_by_key(|(n, c)| (std::cmp::Reverse(*c), *n));
    if by_metric.is_empty() {
        text.push_str("  violations: none\n");
    } else {
        text.push_str("  violations:\n");
        let width = by_metric.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
        for (name, n) in &by_metric {
            text.push_str(&format!("    {name:<width$}  {n}\n"));
        }
    }
    let cells: Vec<[String; 8]> = dists
        .iter()
        .map(|d| {
            let v = |x: f64| value_text(d.metric, x);
            let unit = match d.unit {
                Unit::Functions => "function",
                Unit::Files => "file",
            };
            [
                d.metric.name().to_string(),
                format!("{} {unit}{}", d.count, plural(d.count)),
                v(d.min),
                v(d.p50),
                v(d.p90),
                v(d.p95),
                v(d.p99),
                v(d.max),
            ]
        })
        .collect();
    let header = ["metric", "over", "min", "p50", "p90", "p95", "p99", "max"].map(String::from);
    let mut widths = [0; 8];
    for row in std::iter::once(&header).chain(&cells) {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    text.push('\n');
    for row in std::iter::once(&header).chain(&cells) {
        let mut line = String::new();
        for (i, (c, w)) in row.iter().zip(widths).enumerate() {
            match i {
                0 | 1 => line.push_str(&format!("  {c:<w$}")),
                _ => line.push_str(&format!("  {c:>w$}")),
            }
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    for d in &dists {
        if d.unit != Unit::Functions || d.worst.is_empty() {
            continue;
        }
        text.push_str(&format!("\n  worst functions by {}:\n", d.metric.name()));
        let shown: Vec<(String, String)> = d
            .worst
            .iter()
            .map(|&i| {
                let (r, row) = rows[i];
                let line = row.line.unwrap_or(1);
                let name = row.qualname.as_deref().unwrap_or_default();
                let place = format!("{}:{line}:{} {name}", r.shown, row.col + 1);
                (value_text(d.metric, row.value), place)
            })
            .collect();
        let width = shown.iter().map(|(v, _)| v.len()).max().unwrap_or(0);
        for (v, what) in shown {
            text.push_str(&format!("    {v:>width$}  {}\n", what.trim_end()));
        }
    }
    text
}
