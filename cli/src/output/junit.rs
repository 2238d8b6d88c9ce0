//! `junit`: one test suite per file checked, one failing test case per finding (a file without
//! findings passes one case), for Jenkins, GitLab and Azure test reports.

use engine::finding::{FileProblem, Finding};

use super::FileResult;

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 has no way to carry other control characters.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn render(
    results: &[FileResult],
    findings: &[Finding],
    problems: &[FileProblem],
) -> String {
    let failures = findings.len();
    let errors = problems.len();
    let cases: usize = results
        .iter()
        .map(|r| findings.iter().filter(|f| f.path == r.path).count().max(1))
        .sum();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"antipasta\" tests=\"{cases}\" failures=\"{failures}\" errors=\"{errors}\">\n"
    );
    for r in results {
        let own: Vec<&Finding> = findings.iter().filter(|f| f.path == r.path).collect();
        let path = xml(&r.path);
        let problem = problems.iter().find(|p| p.path == r.path);
        out.push_str(&format!(
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
            own.len().max(1),
            own.len(),
            usize::from(problem.is_some())
        ));
        if let Some(p) = problem {
            // A file not analysed is an error of its one case (JUnit's `error`: the test could
            // not run), a skipped case where the configuration lets files be skipped.
            let message = xml(&format!("{} {}", p.rule, p.message));
            let body = match p.severity {
                "error" => format!(
                    "<error type=\"{}\" message=\"{message}\">{path}:{}:{}: {message}&#10;hint: {}</error>",
                    p.class,
                    p.line,
                    p.col,
                    xml(p.hint)
                ),
                _ => format!("<skipped message=\"{message}\"/>"),
            };
            out.push_str(&format!(
                "    <testcase name=\"complexity\" classname=\"{path}\" file=\"{path}\" line=\"{}\">\n      {body}\n    </testcase>\n",
                p.line
            ));
        } else if own.is_empty() {
            out.push_str(&format!(
                "    <testcase name=\"complexity\" classname=\"{path}\"/>\n"
            ));
        }
        for f in own {
            let name = xml(f.qualname.as_deref().unwrap_or("<module>"));
            let message = xml(&format!("{} {}", f.rule, f.message));
            out.push_str(&format!(
                "    <testcase name=\"{name} {}\" classname=\"{path}\" file=\"{path}\" line=\"{}\">\n      <failure type=\"{}\" message=\"{message}\">{path}:{}:{}: {message}</failure>\n    </testcase>\n",
                f.metric.name(),
                f.line,
                f.rule,
                f.line,
                f.col
            ));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
