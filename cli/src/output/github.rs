//! `github`: workflow-command annotations (ecosystem.md §3.5), escaped as the runner parses them.

use engine::finding::{FileProblem, Finding};

/// `%`, CR and LF in any data; also `:` and `,` inside a property value.
fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn render(findings: &[Finding], problems: &[FileProblem]) -> String {
    let errors = problems.iter().map(|p| {
        let title = escape(&format!("antipasta ({})", p.rule), true);
        let file = escape(&p.uri, true);
        let message = escape(
            &format!(
                "{}:{}:{}: {} (hint: {})",
                p.uri, p.line, p.col, p.message, p.hint
            ),
            false,
        );
        format!(
            "::{} title={title},file={file},line={},col={}::{message}\n",
            p.severity, p.line, p.col
        )
    });
    findings
        .iter()
        .map(|f| {
            let title = escape(&format!("antipasta ({})", f.rule), true);
            let file = escape(&f.uri, true);
            // A multi-line span takes no columns (GitHub rejects them, ruff#22074).
            let place = match f.line == f.end_line {
                true => format!("line={},col={}", f.line, f.col),
                false => format!("line={},endLine={}", f.line, f.end_line),
            };
            let message = escape(
                &format!("{}:{}:{}: {} {}", f.uri, f.line, f.col, f.rule, f.message),
                false,
            );
            format!("::error title={title},file={file},{place}::{message}\n")
        })
        .chain(errors)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn data_and_properties_are_escaped() {
        assert_eq!(super::escape("a%b\r\nc:d,e", false), "a%25b%0D%0Ac:d,e");
        assert_eq!(super::escape("a%b\r\nc:d,e", true), "a%25b%0D%0Ac%3Ad%2Ce");
    }
}
