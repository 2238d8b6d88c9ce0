//! `concise` (`check`'s default): one line per violation, ruff style,
//! `path:line:col: RULE <metric> <value> (<failing relation> <threshold>) in <qualname>`.

use engine::Metric;
use engine::check::{Detail, Violation};
use engine::finding::{rule_id, value_text};

use super::FileResult;
use crate::color::{self, Paint};
use crate::json::py_float;

/// Rendered per file, in parallel on `pool` when there is one, joined in report order.
pub(super) fn render(
    results: &[FileResult],
    paint: Paint,
    pool: Option<&rayon::ThreadPool>,
) -> String {
    use rayon::prelude::*;
    let file = |r: &FileResult| {
        let mut text = String::new();
        for v in &r.violations {
            text.push_str(&violation_line(&r.shown, v, paint));
            text.push('\n');
        }
        text
    };
    match pool {
        Some(pool) => pool
            .install(|| results.par_iter().map(file).collect::<Vec<_>>())
            .concat(),
        None => results.iter().map(file).collect(),
    }
}

/// One line per violation, in report order, uncoloured (watch mode compares them).
pub(crate) fn violation_lines(results: &[FileResult]) -> Vec<String> {
    results
        .iter()
        .flat_map(|r| {
            r.violations
                .iter()
                .map(|v| violation_line(&r.shown, v, Paint::PLAIN))
        })
        .collect()
}

/// `path:line:col: RULE message`; a file's own rows are at 1:1.
pub(crate) fn violation_line(shown: &str, v: &Violation, paint: Paint) -> String {
    use std::fmt::Write;
    let (line, col) = match v.row.line {
        Some(l) => (l, v.row.col + 1),
        None => (1, 1),
    };
    let rule = rule_id(v.row.metric, v.row.is_aggregate());
    let mut out = String::with_capacity(shown.len() + 96);
    if paint.on {
        let colon = paint.paint(color::PUNCT, ":");
        let _ = write!(
            out,
            "{}{colon}{line}{colon}{col}{colon} {} ",
            paint.paint(color::PATH, shown),
            paint.paint(color::RULE, rule),
        );
    } else {
        let _ = write!(out, "{shown}:{line}:{col}: {rule} ");
    }
    write_violation_text(&mut out, v);
    out
}

/// What the line says after the rule id: `<metric> <value> (<failing relation> <threshold>) in
/// <qualname>`, the override with `-v`, and a baseline's old → new. Every format's message.
pub(crate) fn violation_text(v: &Violation) -> String {
    let mut out = String::with_capacity(64);
    write_violation_text(&mut out, v);
    out
}

fn write_violation_text(out: &mut String, v: &Violation) {
    use std::fmt::Write;
    let row = &v.row;
    out.push_str(row.metric.name());
    out.push_str(match row.detail {
        Detail::Average { .. } => " (file average)",
        Detail::Maximum { .. } => " (file maximum)",
        _ => "",
    });
    out.push(' ');
    out.push_str(&value_text(row.metric, row.value));
    let _ = write!(
        out,
        " ({} {})",
        v.comparison.negated().symbol(),
        threshold_text(row.metric, v.threshold)
    );
    if let Some(q) = &row.qualname {
        out.push_str(" in ");
        out.push_str(q);
    }
    if let (Some(o), true) = (
        &v.set_by,
        crate::printer::VERBOSE.load(std::sync::atomic::Ordering::Relaxed),
    ) {
        let _ = write!(out, " [{o}]");
    }
    if let Some(old) = v.baseline {
        let _ = write!(
            out,
            " (baseline: {} → {})",
            value_text(row.metric, old),
            value_text(row.metric, row.value)
        );
    }
}

fn threshold_text(metric: Metric, threshold: f64) -> String {
    if metric.is_integer() && threshold.fract() == 0.0 {
        format!("{threshold:.0}")
    } else {
        py_float(threshold)
    }
}
