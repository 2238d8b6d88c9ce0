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

/// `check --add-ignore[=REASON]` (ruff's `--add-noqa`): the text with a suppression comment for
/// each of `violations` (the ones left after the file's comments were applied), or `None` when
/// there are none. A function gets an own-line `# antipasta: ignore[metric, …]` above its first
/// decorator, merged into one already there; a file row an `ignore-file[…]` after the shebang
/// and coding lines, merged into one in the first 10 lines. A capped name over its cap is raised
/// to the current value (the ratchet stays). Only comments change: every other byte is kept.
pub fn insert(
    text: &str,
    metrics: &FileMetrics,
    violations: &[Violation],
    reason: Option<&str>,
) -> Option<String> {
    if violations.is_empty() {
        return None;
    }
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    // (0-based line to replace or insert before, replace?, new line)
    let mut edits: Vec<(usize, bool, String)> = Vec::new();
    let reason = reason
        .filter(|r| !r.trim().is_empty())
        .map(|r| format!(" {}", r.trim()));
    let reason = reason.unwrap_or_default();
    let mut file_names: Vec<String> = Vec::new();
    let mut by_function: Vec<(&FunctionRow, Vec<(Metric, f64)>)> = Vec::new();
    for v in violations {
        let function = match (&v.row.qualname, v.row.line) {
            (Some(q), Some(line)) => metrics
                .functions
                .iter()
                .find(|f| f.qualname == *q && f.span.lineno == line),
            _ => None,
        };
        match function {
            Some(f) => match by_function.iter_mut().find(|(g, _)| std::ptr::eq(*g, f)) {
                Some((_, ms)) => ms.push((v.row.metric, v.row.value)),
                None => by_function.push((f, vec![(v.row.metric, v.row.value)])),
            },
            None => {
                let name = v.row.metric.name().to_string();
                if !file_names.contains(&name) {
                    file_names.push(name);
                }
            }
        }
    }
    for (f, found) in by_function {
        let at = (f.span.decorator_lineno as usize).saturating_sub(1);
        let indent: String = lines
            .get(at)
            .map(|l| l.chars().take_while(|c| *c == ' ' || *c == '\t').collect())
            .unwrap_or_default();
        let above = f
            .ignores
            .iter()
            .find(|m| !m.noqa && m.names.is_some() && m.line as usize == at);
        match above {
            Some(m) => {
                let mut names = m.names.clone().unwrap_or_default();
                for (metric, value) in found {
                    merge(&mut names, metric, value);
                }
                let old = &lines[at - 1];
                let rest = old
                    .split_once(']')
                    .map_or("", |(_, r)| r.trim_end_matches(['\r', '\n']));
                edits.push((
                    at - 1,
                    true,
                    format!(
                        "{indent}# antipasta: ignore[{}]{rest}{newline}",
                        list(&names)
                    ),
                ));
            }
            None => {
                let mut names = Vec::new();
                for (metric, value) in found {
                    merge(&mut names, metric, value);
                }
                edits.push((
                    at,
                    false,
                    format!(
                        "{indent}# antipasta: ignore[{}]{reason}{newline}",
                        list(&names)
                    ),
                ));
            }
        }
    }
    if !file_names.is_empty() {
        match metrics
            .module
            .ignore_file
            .iter()
            .find(|m| m.names.is_some())
        {
            Some(m) => {
                let mut names = m.names.clone().unwrap_or_default();
                for n in file_names {
                    if !names
                        .iter()
                        .any(|(have, _)| metric_named(have).map(Metric::name) == Some(n.as_str()))
                    {
                        names.push((n, None));
                    }
                }
                let at = m.line as usize - 1;
                let old = lines[at].clone();
                let start = old.find("antipasta").and_then(|i| old[..i].rfind('#'))?;
                let rest = old[start..]
                    .split_once(']')
                    .map_or("", |(_, r)| r.trim_end_matches(['\r', '\n']));
                edits.push((
                    at,
                    true,
                    format!(
                        "{}# antipasta: ignore-file[{}]{rest}{newline}",
                        &old[..start],
                        list(&names)
                    ),
                ));
            }
            None => {
                // After a shebang and a coding cookie (both must stay in the first two lines).
                let shebang = usize::from(lines.first().is_some_and(|l| l.starts_with("#!")));
                let cookie = |l: &String| {
                    l.trim_start().starts_with('#')
                        && (l.contains("coding:") || l.contains("coding="))
                };
                let at = lines
                    .iter()
                    .enumerate()
                    .take(2)
                    .skip(shebang)
                    .filter(|(_, l)| cookie(l))
                    .map(|(i, _)| i + 1)
                    .max()
                    .unwrap_or(shebang);
                let names: Vec<(String, Option<String>)> =
                    file_names.into_iter().map(|n| (n, None)).collect();
                edits.push((
                    at,
                    false,
                    format!(
                        "# antipasta: ignore-file[{}]{reason}{newline}",
                        list(&names)
                    ),
                ));
            }
        }
    }
    // A last line without a newline gets one before anything is inserted after it (never: every
    // insertion is before a decorator, a def or an early line).
    edits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (at, replace, line) in edits {
        match replace {
            true => lines[at] = line,
            false => lines.insert(at.min(lines.len()), line),
        }
    }
    Some(lines.concat())
}

/// Adds a metric to a marker's list: a capped entry over its cap is raised to the value.
fn merge(names: &mut Vec<(String, Option<String>)>, metric: Metric, value: f64) {
    let existing = names
        .iter_mut()
        .find(|(n, _)| metric_named(n) == Some(metric));
    match existing {
        Some((_, cap)) => {
            if cap.is_some() {
                *cap = Some(format_value(value));
            }
        }
        None => names.push((metric.name().to_string(), None)),
    }
}

fn format_value(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn list(names: &[(String, Option<String>)]) -> String {
    names
        .iter()
        .map(|(n, cap)| match cap {
            Some(c) => format!("{n}<={c}"),
            None => n.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
