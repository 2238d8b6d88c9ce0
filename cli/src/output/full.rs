//! `full`: the concise line, then a frame of the function's `def` line with a caret under its
//! name (annotate-snippets, as ruff's `full`). A file's own rows have no line to show.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::FileResult;
use super::concise::violation_line;
use crate::color::Paint;

pub(super) fn render(
    results: &[FileResult],
    source: &dyn Fn(&FileResult) -> Option<String>,
    paint: Paint,
) -> String {
    let renderer = match paint.on {
        true => Renderer::styled(),
        false => Renderer::plain(),
    };
    let mut text = String::new();
    for r in results {
        if r.violations.is_empty() {
            continue;
        }
        // Read once per file, and only when one of its violations has a line to show.
        let src = r
            .violations
            .iter()
            .any(|v| v.row.qualname.is_some())
            .then(|| source(r))
            .flatten();
        for v in &r.violations {
            text.push_str(&violation_line(&r.shown, v, paint));
            text.push('\n');
            let frame = match (&src, v.row.qualname.is_some(), v.row.line) {
                (Some(src), true, Some(line)) => {
                    let label = format!(
                        "{} {}",
                        v.row.metric.name(),
                        engine::finding::value_text(v.row.metric, v.row.value)
                    );
                    frame(src, line, v.row.col, &label, &renderer)
                }
                _ => None,
            };
            if let Some(frame) = frame {
                text.push_str(&frame);
                text.push_str("\n\n");
            }
        }
    }
    text
}

/// Line `line` (1-based) of `src` with a caret under the name defined at byte column `col`,
/// labelled.
fn frame(src: &str, line: u32, col: u32, label: &str, renderer: &Renderer) -> Option<String> {
    let start = match line {
        1 => 0,
        _ => {
            let (i, _) = src
                .match_indices('\n')
                .nth(usize::try_from(line).ok()? - 2)?;
            i + 1
        }
    };
    let text = &src[start..];
    let text = &text[..text.find(['\n', '\r']).unwrap_or(text.len())];
    let name = name_span(text, usize::try_from(col).ok()?)?;
    let group = Group::with_level(Level::NOTE).element(
        Snippet::source(text)
            .line_start(usize::try_from(line).ok()?)
            .annotation(AnnotationKind::Primary.span(name).label(label)),
    );
    Some(renderer.render(&[group]))
}

/// Where the name is in `async def name(`, `def name(` or `class Name` starting at `col`.
fn name_span(line: &str, col: usize) -> Option<std::ops::Range<usize>> {
    let mut rest = line.get(col..)?;
    let mut at = col;
    for keyword in ["async", "def", "class"] {
        if let Some(after) = rest.strip_prefix(keyword)
            && after.starts_with(char::is_whitespace)
        {
            let trimmed = after.trim_start();
            at += rest.len() - trimmed.len();
            rest = trimmed;
        }
    }
    let len: usize = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .map(char::len_utf8)
        .sum();
    (len > 0).then_some(at..at + len)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_caret_goes_under_the_name() {
        assert_eq!(super::name_span("    def big(self):", 4), Some(8..11));
        assert_eq!(super::name_span("async  def  é_x():", 0), Some(12..16));
        assert_eq!(super::name_span("class C:", 0), Some(6..7));
        assert_eq!(super::name_span("x = 1", 9), None);
    }
}
