//! One violation as every output format sees it (ecosystem.md §3): where it is (shown to people
//! relative to the current directory, to CI relative to the repository), its stable rule id, and
//! a line-free fingerprint, so that an edit that moves a function does not make it a new finding.

use queries::Metric;

use crate::check::Violation;

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Relative to the current directory, `/`-separated (human formats).
    pub path: String,
    /// Relative to the repository (or project) root, `/`-separated (SARIF, GitHub, GitLab).
    pub uri: String,
    /// 1-based; file rows are at 1.
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub qualname: Option<String>,
    pub metric: Metric,
    pub aggregate: bool,
    pub rule: &'static str,
    pub value: f64,
    pub threshold: f64,
    /// The failing relation (`>` for a `<=` gate).
    pub relation: &'static str,
    /// `cyclomatic_complexity 8 (> 5) in classify`, as the concise line shows it after the path.
    pub message: String,
    /// blake3 of rule, uri and qualified name (with its occurrence): no line.
    pub fingerprint: String,
}

/// The stable rule id of a metric's rows (ecosystem.md §3.2).
pub fn rule_id(metric: Metric, aggregate: bool) -> &'static str {
    match (metric, aggregate) {
        (Metric::CyclomaticComplexity, false) => "CC001",
        (Metric::CyclomaticComplexity, true) => "CC002",
        (Metric::CognitiveComplexity, false) => "COG001",
        (Metric::CognitiveComplexity, true) => "COG002",
        (Metric::MaintainabilityIndex, _) => "MI001",
        (Metric::HalsteadVolume, _) => "HAL001",
        (Metric::HalsteadDifficulty, _) => "HAL002",
        (Metric::HalsteadEffort, _) => "HAL003",
        (Metric::HalsteadTime, _) => "HAL004",
        (Metric::HalsteadBugs, _) => "HAL005",
        (Metric::LinesOfCode, _) => "LOC001",
        (Metric::LogicalLinesOfCode, _) => "LOC002",
        (Metric::SourceLinesOfCode, _) => "LOC003",
        (Metric::CommentLines, _) => "LOC004",
        (Metric::BlankLines, _) => "LOC005",
    }
}

/// A value as people read it: whole counts as integers, the rest with two decimals (exactly as
/// `{:.0}` and `{:.2}` print them; a few thousand of them make a warm run's report).
pub fn value_text(metric: Metric, value: f64) -> String {
    if metric.is_integer() && value.fract() == 0.0 {
        match value.abs() < 1e15 && !(value == 0.0 && value.is_sign_negative()) {
            true => (value as i64).to_string(),
            false => format!("{value:.0}"),
        }
    } else {
        two_decimals(value)
    }
}

/// `format!("{v:.2}")`: for non-negative values below a million, from the product by 100,
/// whose rounding error (< 1e-8) cannot move it across a half unless it lies within 1e-6 of
/// one; those, and every other value, go through the formatter.
fn two_decimals(v: f64) -> String {
    let scaled = v * 100.0;
    if (0.0..1e8).contains(&scaled) {
        let floor = scaled.floor();
        let frac = scaled - floor;
        if (frac - 0.5).abs() > 1e-6 {
            let n = floor as u64 + u64::from(frac > 0.5);
            return format!("{}.{:02}", n / 100, n % 100);
        }
    }
    format!("{v:.2}")
}

impl Finding {
    pub fn new(path: &str, uri: &str, v: &Violation, message: String) -> Finding {
        let row = &v.row;
        let aggregate = row.is_aggregate();
        let rule = rule_id(row.metric, aggregate);
        let line = row.line.unwrap_or(1);
        let occurrence = row.occurrence.to_le_bytes();
        let parts = [rule, uri, row.qualname.as_deref().unwrap_or("")];
        Finding {
            path: path.to_string(),
            uri: uri.to_string(),
            line,
            col: row.col + 1,
            end_line: row.end_line.unwrap_or(line),
            qualname: row.qualname.clone(),
            metric: row.metric,
            aggregate,
            rule,
            value: row.value,
            threshold: v.threshold,
            relation: v.comparison.negated().symbol(),
            message,
            fingerprint: fingerprint(&parts, &occurrence),
        }
    }
}

/// A file that could not be analysed, as the machine formats report it beside the findings.
#[derive(Clone, Debug, PartialEq)]
pub struct FileProblem {
    /// As in [`Finding`].
    pub path: String,
    pub uri: String,
    /// Its stable class ([`crate::source::ERROR_CLASSES`]); the rule id is `error/CLASS`.
    pub class: &'static str,
    pub rule: String,
    pub message: String,
    pub hint: &'static str,
    /// Where in the file (1, 1 when the error has no position).
    pub line: u32,
    pub col: u32,
    /// `warning` where the configuration lets files be skipped (`fail_on_file_errors: false`),
    /// else `error`.
    pub severity: &'static str,
    /// blake3 of rule and uri.
    pub fingerprint: String,
}

impl FileProblem {
    pub fn new(path: &str, uri: &str, error: &crate::FileError, fails: bool) -> FileProblem {
        let rule = format!("error/{}", error.class());
        let (line, col) = error.position().unwrap_or((1, 1));
        let fingerprint = fingerprint(&[rule.as_str(), uri], &[]);
        FileProblem {
            path: path.to_string(),
            uri: uri.to_string(),
            class: error.class(),
            rule,
            message: error.to_string(),
            hint: error.hint(),
            line,
            col,
            severity: if fails { "error" } else { "warning" },
            fingerprint,
        }
    }
}

/// blake3 of the parts, each followed by a NUL, then `tail`: 32 hex digits.
fn fingerprint(parts: &[&str], tail: &[u8]) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update(b"\0");
    }
    hasher.update(tail);
    hasher.finalize().to_hex()[..32].to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn two_decimals_prints_as_the_formatter_does() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut values = vec![
            0.0,
            0.005,
            0.015,
            0.125,
            0.375,
            2.675,
            1.005,
            99.995,
            0.5,
            1e6 - 0.005,
        ];
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let unit = (x >> 11) as f64 / (1u64 << 53) as f64;
            values.push(unit * 10f64.powi((x % 8) as i32));
            // Values near a half-cent tie.
            values.push(((x % 100_000) as f64 + 0.5) / 100.0);
        }
        for v in values {
            assert_eq!(super::two_decimals(v), format!("{v:.2}"), "{v:?}");
        }
    }
}
