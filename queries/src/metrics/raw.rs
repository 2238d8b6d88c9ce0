//! Raw line counts, exactly as radon 6.0.1 `raw.analyze` computes them.
//!
//! radon splits the text with `str.splitlines()`, strips every line, and tokenizes runs of stripped
//! lines with CPython 3.11's `tokenize` until a run closes (no open bracket, string or backslash
//! continuation). Each run is then one comment line, one string statement (a docstring or any
//! other), or code. Here the runs are found from ruff's tokens of the whole file, in one pass,
//! mapped onto radon's lines; an f-string counts as one string token, as in 3.11.
//! shared/design/metric-semantics.md §2 has the rules; docs/deviations.md the known differences.

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_text_size::Ranged;

/// radon's `Module` tuple.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct RawMetrics {
    pub loc: u32,
    pub lloc: u32,
    pub sloc: u32,
    pub comments: u32,
    pub multi: u32,
    pub blank: u32,
    pub single_comments: u32,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Comment,
    String,
    Colon,
    Semi,
    Open,
    Close,
    Other,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: Kind,
    start: u32,
    end: u32,
}

/// `None` when radon's tokenizer would never close a run (it raises `SyntaxError`).
pub(crate) fn raw(text: &str, tokens: &Tokens) -> Option<RawMetrics> {
    let lines = split_lines(text);
    let toks = significant_tokens(tokens);
    // Token starts and ends only grow, so each has a line cursor that only moves forward.
    let (mut start_line, mut end_line) = (Cursor::new(&lines), Cursor::new(&lines));
    let mut res = RawMetrics {
        loc: lines.len() as u32,
        ..RawMetrics::default()
    };
    let (mut i, mut t) = (0, 0);
    while i < lines.len() {
        // Find the run of lines starting at `i`, counting its comments and logical lines as its
        // tokens go by.
        let group_start = t;
        let mut e = i;
        let mut depth = 0u32;
        let mut logical = Logical::default();
        let mut comments = 0;
        loop {
            while t < toks.len() && start_line.line_of(toks[t].start) <= e {
                let tok = toks[t];
                match tok.kind {
                    Kind::Open => depth += 1,
                    Kind::Close => depth = depth.saturating_sub(1),
                    Kind::Comment => comments += 1,
                    _ => {}
                }
                logical.push(tok.kind);
                // Most tokens end on the line they start on.
                let last = tok.end.saturating_sub(1).max(tok.start);
                if last >= start_line.next {
                    e = e.max(end_line.line_of(last));
                }
                t += 1;
            }
            let line = &lines[e];
            let continued = line.stripped_end_backslash.is_some_and(|at| {
                !toks[group_start..t]
                    .iter()
                    .any(|k| k.start <= at && at < k.end)
            });
            if depth == 0 && !continued {
                break;
            }
            if e + 1 >= lines.len() {
                return None;
            }
            e += 1;
        }
        let group = &toks[group_start..t];
        let used = &lines[i..=e];
        let non_empty = used.iter().filter(|l| !l.empty).count() as u32;
        let empty = used.len() as u32 - non_empty;
        res.comments += comments;
        match group {
            [only] if only.kind == Kind::Comment => res.single_comments += 1,
            [only] if only.kind == Kind::String => {
                let last = &text[only.start as usize..only.end as usize - 1];
                if !last.contains(is_line_break) {
                    res.single_comments += 1;
                } else {
                    res.multi += non_empty;
                    res.blank += empty;
                }
            }
            _ => {
                res.sloc += non_empty;
                res.blank += empty;
            }
        }
        res.lloc += logical.finish();
        i = e + 1;
    }
    Some(res)
}

/// The line of an offset, for offsets that only grow.
struct Cursor<'a> {
    lines: &'a [Line],
    line: usize,
    /// Where the line after `line` starts (`u32::MAX` past the last).
    next: u32,
}

impl<'a> Cursor<'a> {
    fn new(lines: &'a [Line]) -> Self {
        Cursor {
            lines,
            line: 0,
            next: lines.get(1).map_or(u32::MAX, |l| l.start),
        }
    }

    fn line_of(&mut self, offset: u32) -> usize {
        while offset >= self.next {
            self.line += 1;
            self.next = self.lines.get(self.line + 1).map_or(u32::MAX, |l| l.start);
        }
        self.line
    }
}

/// radon's `_logical`, fed a run's tokens one by one: split on `;`; a part scores 1, or 2 when
/// its last `:` is not its last token, or 0 when it holds nothing. Only the last part ends with
/// `ENDMARKER`, so for the others "the last token" is the one before the last.
#[derive(Default)]
struct Logical {
    total: u32,
    /// The part being read: its length (comments left out) and where its last `:` is.
    len: usize,
    colon: Option<usize>,
}

impl Logical {
    fn score(len: usize, colon: Option<usize>) -> u32 {
        match colon {
            Some(p) if p + 2 == len => 1,
            Some(_) => 2,
            None if len == 0 => 0,
            None => 1,
        }
    }

    fn push(&mut self, kind: Kind) {
        match kind {
            Kind::Comment => {}
            Kind::Semi => {
                self.total += Self::score(self.len, self.colon);
                (self.len, self.colon) = (0, None);
            }
            Kind::Colon => {
                self.colon = Some(self.len);
                self.len += 1;
            }
            _ => self.len += 1,
        }
    }

    /// The last part, with the ENDMARKER that radon's carries (an empty one still scores 0).
    fn finish(self) -> u32 {
        match (self.len, self.colon) {
            (0, None) => self.total,
            (len, colon) => self.total + Self::score(len + 1, colon),
        }
    }
}

/// Tokens that matter for counting; newlines are gone and an f-string is one `String`, as in
/// CPython 3.11. A t-string (3.14) is a name and a string to 3.11's tokenizer: `t` + `"…"`.
fn significant_tokens(tokens: &Tokens) -> Vec<Tok> {
    let mut out = Vec::with_capacity(tokens.len());
    // The start of the outermost f- or t-string, whether it is a t-string, and the nesting depth.
    let mut nested: Option<(u32, bool, u32)> = None;
    for token in tokens.iter() {
        let (start, end) = (token.start().to_u32(), token.end().to_u32());
        let kind = token.kind();
        let opens = matches!(kind, TokenKind::FStringStart | TokenKind::TStringStart);
        let closes = matches!(kind, TokenKind::FStringEnd | TokenKind::TStringEnd);
        match nested {
            None if opens => nested = Some((start, kind == TokenKind::TStringStart, 1)),
            Some((s, t, d)) if opens => nested = Some((s, t, d + 1)),
            Some((s, t, 1)) if closes => {
                nested = None;
                if t {
                    out.push(Tok {
                        kind: Kind::Other,
                        start: s,
                        end: s + 1,
                    });
                }
                out.push(Tok {
                    kind: Kind::String,
                    start: s,
                    end,
                });
            }
            Some((s, t, d)) if closes => nested = Some((s, t, d - 1)),
            Some(_) => {}
            None => {
                let kind = match kind {
                    TokenKind::Newline
                    | TokenKind::NonLogicalNewline
                    | TokenKind::Indent
                    | TokenKind::Dedent
                    | TokenKind::EndOfFile => continue,
                    TokenKind::Comment => Kind::Comment,
                    TokenKind::String => Kind::String,
                    TokenKind::Colon => Kind::Colon,
                    TokenKind::Semi => Kind::Semi,
                    TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => Kind::Open,
                    TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => Kind::Close,
                    _ => Kind::Other,
                };
                out.push(Tok { kind, start, end });
            }
        }
    }
    out
}

/// One line of `str.splitlines()`.
#[derive(Debug, PartialEq, Eq)]
struct Line {
    start: u32,
    /// Nothing but whitespace (`str.strip()` leaves nothing).
    empty: bool,
    /// The offset of a backslash that ends the stripped line.
    stripped_end_backslash: Option<u32>,
}

/// `str.splitlines()`: `\n`, `\r\n`, `\r`, `\v`, `\f`, `\x1c`–`\x1e`, `\x85`, U+2028, U+2029.
fn split_lines(text: &str) -> Vec<Line> {
    split_lines_with(text, only_newlines(text.as_bytes()))
}

/// [`split_lines`], told whether `\n` is the text's only separator.
fn split_lines_with(text: &str, only_newlines: bool) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 32);
    let push = |lines: &mut Vec<Line>, start: usize, end: usize| {
        let end = trimmed_end(text, start, end);
        lines.push(Line {
            start: start as u32,
            // Trimmed at the end, it is blank only when nothing is left.
            empty: end == start,
            stripped_end_backslash: (end > start && bytes[end - 1] == b'\\')
                .then(|| (end - 1) as u32),
        });
    };
    let mut start = 0;
    if only_newlines {
        // Nearly every file: `\n` is its only separator, found a vector at a time.
        for end in memchr::memchr_iter(b'\n', bytes) {
            push(&mut lines, start, end);
            start = end + 1;
        }
    } else {
        let mut i = 0;
        while i < bytes.len() {
            let Some(width) = break_width(bytes, i) else {
                // Skip to the next byte that can start a separator.
                i += 1 + bytes[i + 1..]
                    .iter()
                    .position(|&b| MAY_BREAK[usize::from(b)])
                    .unwrap_or(bytes.len() - i - 1);
                continue;
            };
            push(&mut lines, start, i);
            i += width;
            start = i;
        }
    }
    if start < text.len() {
        push(&mut lines, start, text.len());
    }
    lines
}

/// The length of the line separator at `i`, if one starts there (their UTF-8 forms: ASCII
/// controls, C2 85, E2 80 A8/A9).
fn break_width(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes[i] {
        b'\r' if bytes.get(i + 1) == Some(&b'\n') => Some(2),
        b'\n' | b'\r' | 0x0b | 0x0c | 0x1c..=0x1e => Some(1),
        0xc2 if bytes.get(i + 1) == Some(&0x85) => Some(2),
        0xe2 if bytes.get(i + 1) == Some(&0x80)
            && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9)) =>
        {
            Some(3)
        }
        _ => None,
    }
}

/// No separator but `\n` in the text.
fn only_newlines(bytes: &[u8]) -> bool {
    memchr::memchr3(b'\r', 0x0b, 0x0c, bytes).is_none()
        && memchr::memchr3(0x1c, 0x1d, 0x1e, bytes).is_none()
        && memchr::memchr2_iter(0xc2, 0xe2, bytes).all(|i| break_width(bytes, i).is_none())
}

/// The bytes that can start a line separator in UTF-8.
static MAY_BREAK: [bool; 256] = {
    let mut table = [false; 256];
    let starts = [b'\n', b'\r', 0x0b, 0x0c, 0x1c, 0x1d, 0x1e, 0xc2, 0xe2];
    let mut k = 0;
    while k < starts.len() {
        table[starts[k] as usize] = true;
        k += 1;
    }
    table
};

/// The characters `str.splitlines()` breaks at.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Where `text[start..end].trim_end_matches(is_py_space)` ends, a byte at a time while the bytes
/// are ASCII.
fn trimmed_end(text: &str, start: usize, end: usize) -> usize {
    let b = text.as_bytes();
    let mut at = end;
    while at > start {
        match b[at - 1] {
            b' ' | b'\t'..=b'\r' | 0x1c..=0x1f => at -= 1,
            0x80.. => return start + text[start..at].trim_end_matches(is_py_space).len(),
            _ => break,
        }
    }
    at
}

/// Python's `str.isspace()`, which also counts the separators U+001C–U+001F.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

#[cfg(test)]
mod split_tests {
    use super::*;

    fn starts(text: &str) -> Vec<u32> {
        split_lines(text).iter().map(|l| l.start).collect()
    }

    #[test]
    fn every_separator_of_splitlines_breaks_a_line() {
        assert!(only_newlines("a\n\u{e9}\u{2019}\n".as_bytes()));
        for sep in [
            "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\u{85}", "\u{2028}", "\u{2029}",
        ] {
            let text = format!("a = 1{sep}b \\{sep}\u{e9}\n  \n");
            assert!(!only_newlines(text.as_bytes()), "{sep:?}");
            let second = 5 + sep.len() as u32;
            assert_eq!(
                starts(&text),
                [
                    0,
                    second,
                    second + 3 + sep.len() as u32,
                    second + 6 + sep.len() as u32
                ],
                "{sep:?}"
            );
            let lines = split_lines(&text);
            assert_eq!(lines[1].stripped_end_backslash, Some(second + 2), "{sep:?}");
            assert!(lines[3].empty && !lines[2].empty);
        }
    }

    /// The `\n`-only path and the general one agree wherever the first applies.
    #[test]
    fn the_newline_path_is_the_general_path() {
        let texts = [
            "",
            "\n",
            "x",
            "def f():\n    return 1 \\\n\n\t\n",
            "s = '\u{e9}\u{2019}\u{a0}'\n# \u{2018}x\n",
            "a\n\n\nb   ",
        ];
        for text in texts {
            assert!(only_newlines(text.as_bytes()));
            assert_eq!(
                split_lines_with(text, true),
                split_lines_with(text, false),
                "{text:?}"
            );
        }
    }
}
