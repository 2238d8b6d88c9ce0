//! `csv`: a metrics export, one row per function or file (ecosystem.md §3.1): `path, kind,
//! qualname, line, end_line`, then one column per metric, empty where a metric has no value
//! for that row (a function has no maintainability index; a file's cyclomatic column is empty:
//! its average is not a function's figure). A file that could not be analysed has its module row
//! with the class of its error in the last column, `error_class`, and only the metrics that need
//! no tree (radon's raw counts), where they could be computed.

use engine::Metric;
use engine::check::{Detail, Row};

use super::FileResult;

/// A function row's (qualname, line).
type Place<'a> = (&'a str, u32);

/// A CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break.
pub(crate) fn field(s: &str) -> String {
    match s.contains([',', '"', '\n', '\r']) {
        true => format!("\"{}\"", s.replace('"', "\"\"")),
        false => s.to_string(),
    }
}

fn number(metric: Metric, v: f64) -> String {
    match metric.is_integer() && v.fract() == 0.0 {
        true => format!("{v:.0}"),
        false => crate::json::py_float(v),
    }
}

pub(super) fn render(results: &[FileResult]) -> String {
    let mut header = vec!["path", "kind", "qualname", "line", "end_line"];
    header.extend(Metric::ALL.iter().map(|m| m.name()));
    header.push("error_class");
    let mut out = header.join(",") + "\n";
    for r in results {
        // Rows come sorted by line with the file's own first; a function is (line, qualname).
        let mut groups: Vec<(Option<Place<'_>>, Vec<&Row>)> = vec![(None, Vec::new())];
        for row in &r.rows {
            if row.is_aggregate() {
                continue;
            }
            let key = row.qualname.as_deref().zip(row.line);
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, rows)) => rows.push(row),
                None => groups.push((key, vec![row])),
            }
        }
        let error_class = r.error.as_ref().map(|e| e.class());
        for (key, rows) in groups {
            if rows.is_empty() && (key.is_some() || error_class.is_none()) {
                continue;
            }
            let kind = rows
                .iter()
                .find_map(|row| match &row.detail {
                    Detail::Function { kind, .. } => Some(kind.name()),
                    _ => None,
                })
                .unwrap_or(if key.is_some() { "function" } else { "module" });
            let (qualname, line) = key.map_or(("", 1), |(q, l)| (q, l));
            let end_line = rows.iter().find_map(|row| row.end_line).unwrap_or(line);
            let mut cells = vec![
                field(&r.path),
                kind.to_string(),
                field(qualname),
                line.to_string(),
                end_line.to_string(),
            ];
            for m in Metric::ALL {
                let v = rows
                    .iter()
                    .find(|row| row.metric == *m)
                    .map(|row| number(*m, row.value));
                cells.push(v.unwrap_or_default());
            }
            cells.push(match key {
                None => error_class.unwrap_or_default().to_string(),
                Some(_) => String::new(),
            });
            out.push_str(&(cells.join(",") + "\n"));
        }
    }
    out
}
