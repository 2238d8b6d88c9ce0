//! Applying suppression comments (ecosystem.md §5.4) to a file's violations: `# antipasta:
//! ignore[…]` on a function hides its listed rows (all of them without a list; a capped name
//! `cog<=25` only while the value stays at or below the cap), `# antipasta: ignore-file[…]` the
//! listed metrics in every row of the file, and with `honor_noqa` `# noqa: C901` the cyclomatic
//! and `# noqa: CCR001` the cognitive row (a bare `# noqa` every row of the function). A marker
//! that hid nothing is reported as unused. The comments themselves are found in `queries` and
//! cached with the file's metrics; this runs on every run, like the violations.

use queries::suppression::Marker;
use queries::{FileMetrics, FunctionRow, Metric};

use crate::check::Violation;
use crate::config::metric_named;

/// A marker, or one name of its list, that hid nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct Unused {
    pub line: u32,
    /// What is unused: `ignore`, `ignore[cog<=25]`, `ignore-file[mai]`, `noqa: C901`.
    pub what: String,
    /// The function it annotates (`None`: the file).
    pub qualname: Option<String>,
}

/// The outcome for one file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    pub kept: Vec<Violation>,
    pub suppressed: usize,
    pub unused: Vec<Unused>,
    /// `line N: unknown metric 'x' in a suppression comment`.
    pub invalid: Vec<String>,
}

/// What a name in a list covers.
enum Cover {
    All,
    Metric(Metric, Option<f64>),
    /// A noqa code of another linter: neither used nor reported.
    Foreign,
}

struct Entry<'m> {
    marker: &'m Marker,
    /// `None` for the file's own markers.
    function: Option<&'m FunctionRow>,
    covers: Vec<(Cover, String)>,
    used: Vec<bool>,
}

pub fn apply(metrics: &FileMetrics, violations: Vec<Violation>, honor_noqa: bool) -> Applied {
    let mut out = Applied::default();
    let mut entries: Vec<Entry<'_>> = Vec::new();
    let of_functions = metrics
        .functions
        .iter()
        .flat_map(|f| f.ignores.iter().map(move |m| (m, Some(f))));
    let markers = metrics
        .module
        .ignore_file
        .iter()
        .map(|m| (m, None))
        .chain(of_functions);
    for (marker, function) in markers {
        if marker.noqa && !honor_noqa {
            continue;
        }
        let covers = covers(marker, &mut out.invalid);
        let used = vec![false; covers.len()];
        entries.push(Entry {
            marker,
            function,
            covers,
            used,
        });
    }
    if entries.is_empty() {
        out.kept = violations;
        return out;
    }
    for v in violations {
        let mut hidden = false;
        for e in &mut entries {
            let applies = match (e.function, &v.row.qualname, v.row.line) {
                (None, _, _) => true,
                (Some(f), Some(q), Some(line)) => f.qualname == *q && f.span.lineno == line,
                _ => false,
            };
            if !applies {
                continue;
            }
            for (i, (cover, _)) in e.covers.iter().enumerate() {
                // A capped name over its cap hides nothing but is not stale: it still ratchets.
                let (matches, hides) = match cover {
                    Cover::All => (true, true),
                    Cover::Metric(m, cap) => {
                        let matches = *m == v.row.metric;
                        (matches, matches && cap.is_none_or(|c| v.row.value <= c))
                    }
                    Cover::Foreign => (false, false),
                };
                e.used[i] |= matches;
                hidden |= hides;
            }
        }
        match hidden {
            true => out.suppressed += 1,
            false => out.kept.push(v),
        }
    }
    for e in &entries {
        let unused: Vec<&str> = e
            .covers
            .iter()
            .zip(&e.used)
            .filter(|((c, _), used)| !**used && !matches!(c, Cover::Foreign))
            .map(|((_, name), _)| name.as_str())
            .collect();
        if unused.is_empty() {
            continue;
        }
        let kind = if e.marker.file {
            "ignore-file"
        } else {
            "ignore"
        };
        let what = match (e.marker.noqa, &e.marker.names) {
            (true, None) => "noqa".to_string(),
            (true, Some(_)) => format!("noqa: {}", unused.join(", ")),
            (false, None) => kind.to_string(),
            (false, Some(_)) => format!("{kind}[{}]", unused.join(", ")),
        };
        out.unused.push(Unused {
            line: e.marker.line,
            what,
            qualname: e.function.map(|f| f.qualname.clone()),
        });
    }
    out
}

fn covers(marker: &Marker, invalid: &mut Vec<String>) -> Vec<(Cover, String)> {
    let Some(names) = &marker.names else {
        return vec![(Cover::All, String::new())];
    };
    names
        .iter()
        .map(|(name, cap)| {
            let shown = match cap {
                Some(c) => format!("{name}<={c}"),
                None => name.clone(),
            };
            if marker.noqa {
                let cover = match name.as_str() {
                    "C901" => Cover::Metric(Metric::CyclomaticComplexity, None),
                    "CCR001" => Cover::Metric(Metric::CognitiveComplexity, None),
                    _ => Cover::Foreign,
                };
                return (cover, shown);
            }
            let metric = metric_named(name);
            let cap_value = cap.as_ref().map(|c| c.parse::<f64>().ok().filter(|v| *v >= 0.0));
            match (metric, cap_value) {
                (Some(m), None) => (Cover::Metric(m, None), shown),
                (Some(m), Some(Some(c))) => (Cover::Metric(m, Some(c)), shown),
                (Some(_), Some(None)) => {
                    invalid.push(format!(
                        "line {}: the cap in '{shown}' is not a non-negative number; the comment hides nothing",
                        marker.line
                    ));
                    (Cover::Foreign, shown)
                }
                (None, _) => {
                    invalid.push(format!(
                        "line {}: unknown metric '{name}' in a suppression comment",
                        marker.line
                    ));
                    (Cover::Foreign, shown)
                }
            }
        })
        .collect()
}
