//! Suppression comments, read from comment tokens only (a `# antipasta: ignore` inside a string is
//! text, not a comment): `# antipasta: ignore`, `# antipasta: ignore[cyclomatic_complexity, cog<=25]`,
//! `# antipasta: ignore-file[mai, loc]`, and `# noqa` / `# noqa: C901, CCR001` (honoured only with
//! `honor_noqa`). Here they are only found and tied to the function (or file) they annotate;
//! names, caps and whether they apply are the engine's business. Part of each file's cached result.

use ruff_python_ast::token::{Token, TokenKind};
use ruff_text_size::{Ranged, TextSize};

use crate::syntax::LineIndex;

/// One suppression comment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Marker {
    /// The comment's 1-based line.
    pub line: u32,
    /// `ignore-file`: the whole file (else the function it annotates).
    pub file: bool,
    /// From `# noqa`, not `# antipasta:`.
    pub noqa: bool,
    /// The bracketed list as written, each `(name, cap)` (`cog<=25` is `("cog", Some("25"))`);
    /// `None` for every metric (`# antipasta: ignore`, a bare `# noqa`). noqa codes are names.
    pub names: Option<Vec<(String, Option<String>)>>,
}

/// A marker comment: its line, and whether it stands on a line of its own.
struct Comment {
    line: u32,
    own_line: bool,
    marker: Marker,
}

/// The markers of a file: per block (by the block's `lineno`, `decorator_lineno` and the end of
/// its header), and the file's own (`ignore-file` in the first 10 lines).
pub(crate) struct Markers<'t> {
    comments: Vec<Comment>,
    tokens: &'t [Token],
    lines: &'t LineIndex,
}

impl<'t> Markers<'t> {
    /// `None` cheaply when the text mentions neither marker (most files).
    pub(crate) fn find(text: &'t str, tokens: &'t [Token], lines: &'t LineIndex) -> Option<Self> {
        let bytes = text.as_bytes();
        let mentions = ["antipasta", "noqa", "NOQA", "NoQA"]
            .iter()
            .any(|m| memchr::memmem::find(bytes, m.as_bytes()).is_some());
        if !mentions {
            return None;
        }
        let comments: Vec<Comment> = tokens
            .iter()
            .filter(|t| t.kind() == TokenKind::Comment)
            .filter_map(|t| {
                let (start, end) = (t.start().to_usize(), t.end().to_usize());
                let marker = parse(&text[start..end])?;
                let line = lines.line(t.start());
                let line_start = lines.line_start(line).to_usize();
                let own_line = text[line_start..start].trim().is_empty();
                Some(Comment {
                    line,
                    own_line,
                    marker: Marker { line, ..marker },
                })
            })
            .collect();
        (!comments.is_empty()).then_some(Markers {
            comments,
            tokens,
            lines,
        })
    }

    /// `ignore-file` markers in the first 10 lines.
    pub(crate) fn file(&self) -> Vec<Marker> {
        self.comments
            .iter()
            .filter(|c| c.marker.file && c.line <= 10)
            .map(|c| c.marker.clone())
            .collect()
    }

    /// The markers annotating the block whose `def`/`class` is on `lineno` (decorators from
    /// `decorator_lineno`): an own-line comment on the line above the first decorator (or the
    /// `def` when there is none), any comment on a decorator line or on the header's lines, a
    /// wrapped signature's included (ruff#1548). `# noqa` counts on the header's lines only.
    pub(crate) fn block(&self, decorator_lineno: u32, lineno: u32) -> Vec<Marker> {
        let header_end = self.header_end(lineno);
        self.comments
            .iter()
            .filter(|c| !c.marker.file)
            .filter(|c| {
                let above = c.line + 1 == decorator_lineno && c.own_line;
                let decorators = (decorator_lineno..lineno).contains(&c.line);
                let header = (lineno..=header_end).contains(&c.line);
                match c.marker.noqa {
                    true => header,
                    false => above || decorators || header,
                }
            })
            .map(|c| c.marker.clone())
            .collect()
    }

    /// The line of the `:` that ends the header starting on `lineno` (the first colon outside
    /// brackets after the `def` or `class` keyword).
    fn header_end(&self, lineno: u32) -> u32 {
        let start: TextSize = self.lines.line_start(lineno);
        let first = self.tokens.partition_point(|t| t.start() < start);
        let mut depth = 0u32;
        let mut seen_keyword = false;
        for t in &self.tokens[first..] {
            match t.kind() {
                TokenKind::Def | TokenKind::Class => seen_keyword = true,
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                    depth = depth.saturating_sub(1)
                }
                TokenKind::Colon if seen_keyword && depth == 0 => {
                    return self.lines.line(t.start());
                }
                TokenKind::Newline => break,
                _ => {}
            }
        }
        lineno
    }
}

/// The marker a comment holds, if any: the first `# antipasta: ignore…` or `# noqa…` in it
/// (a comment may hold several `#`: `# type: ignore  # antipasta: ignore`).
pub fn parse(comment: &str) -> Option<Marker> {
    let mut from = 0;
    while let Some(i) = comment[from..].find('#') {
        let rest = comment[from + i + 1..].trim_start();
        from += i + 1;
        if let Some(m) = antipasta(rest) {
            return Some(m);
        }
        if let Some(m) = noqa(rest) {
            return Some(m);
        }
    }
    None
}

fn antipasta(rest: &str) -> Option<Marker> {
    let rest = rest
        .strip_prefix("antipasta")?
        .trim_start()
        .strip_prefix(':')?;
    let rest = rest.trim_start();
    let (file, rest) = match rest.strip_prefix("ignore-file") {
        Some(r) => (true, r),
        None => (false, rest.strip_prefix("ignore")?),
    };
    // `ignore` must end there (`ignored` is not a marker).
    if rest
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    let names = match rest.trim_start().strip_prefix('[') {
        Some(list) => {
            let (inner, _) = list.split_once(']')?;
            Some(
                inner
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|item| match item.split_once("<=") {
                        Some((name, cap)) => {
                            (name.trim().to_string(), Some(cap.trim().to_string()))
                        }
                        None => (item.to_string(), None),
                    })
                    .collect(),
            )
        }
        None => None,
    };
    Some(Marker {
        line: 0,
        file,
        noqa: false,
        names,
    })
}

/// flake8's `# noqa` (any case), bare or with `: CODE, CODE`.
fn noqa(rest: &str) -> Option<Marker> {
    let head = rest.get(..4)?;
    if !head.eq_ignore_ascii_case("noqa") {
        return None;
    }
    let rest = &rest[4..];
    if rest
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
    {
        return None;
    }
    let names = rest.trim_start().strip_prefix(':').map(|codes| {
        codes
            .split([',', ' ', '\t'])
            .map(str::trim)
            .filter(|c| is_code(c))
            .map(|c| (c.to_ascii_uppercase(), None))
            .collect::<Vec<_>>()
    });
    Some(Marker {
        line: 0,
        file: false,
        noqa: true,
        names,
    })
}

/// flake8's code shape: letters, then digits (`C901`, `CCR001`).
fn is_code(c: &str) -> bool {
    let digits = c.trim_start_matches(|ch: char| ch.is_ascii_alphabetic());
    digits.len() < c.len() && !digits.is_empty() && digits.chars().all(|ch| ch.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(m: &Marker) -> Vec<String> {
        m.names
            .iter()
            .flatten()
            .map(|(n, c)| match c {
                Some(c) => format!("{n}<={c}"),
                None => n.clone(),
            })
            .collect()
    }

    #[test]
    fn comments_are_read_as_markers() {
        let all = parse("# antipasta: ignore").unwrap();
        assert_eq!((all.file, all.noqa, all.names), (false, false, None));
        let some = parse("# antipasta: ignore[cyclomatic_complexity, cog<=25] legacy").unwrap();
        assert_eq!(names(&some), ["cyclomatic_complexity", "cog<=25"]);
        let file = parse("#antipasta:ignore-file[mai, loc]").unwrap();
        assert!(file.file);
        assert_eq!(names(&file), ["mai", "loc"]);
        assert!(parse("# antipasta: ignored").is_none());
        assert!(parse("# antipasta: ignore-files").is_none());
        assert!(parse("# see antipasta docs").is_none());
        let noqa = parse("# noqa: C901, ccr001").unwrap();
        assert!(noqa.noqa);
        assert_eq!(names(&noqa), ["C901", "CCR001"]);
        assert_eq!(parse("# NOQA").unwrap().names, None);
        assert!(parse("# noqaz").is_none());
        assert_eq!(
            names(&parse("# noqa: E501 see the docs").unwrap()),
            ["E501"]
        );
        let second = parse("# type: ignore  # antipasta: ignore[cog]").unwrap();
        assert_eq!(names(&second), ["cog"]);
    }
}
