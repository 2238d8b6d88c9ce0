//! Parsing a file, and the facts about its text that every metric needs.
//!
//! The parser is ruff's; CPython 3.11 is the reference interpreter of radon, so the limits that make
//! CPython reject a file (nesting of brackets, indentation levels, depth of the tree) are applied
//! here as syntax errors, which also keeps every recursive walk of the tree bounded.

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, ModModule, PySourceType, Stmt};
use ruff_python_parser::Parsed;
use ruff_text_size::{Ranged, TextSize};

/// CPython's tokenizer refuses more than this many open brackets (`MAXLEVEL`).
const MAX_BRACKETS: u32 = 200;
/// CPython's tokenizer refuses more than this many indentation levels (`MAXINDENT`).
const MAX_INDENT: u32 = 100;
/// CPython 3.11 raises `RecursionError` while building an AST deeper than about this.
const MAX_TREE_DEPTH: u32 = 2993;

/// A file that does not parse: the first error, 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct SyntaxError {
    pub line: u32,
    pub col: u32,
    pub message: String,
}

/// Line starts of a text, with CPython's line terminators (`\n`, `\r\n`, `\r`).
pub(crate) struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i as u32 + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i as u32 + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// The 1-based line of a byte offset.
    pub(crate) fn line(&self, offset: TextSize) -> u32 {
        self.starts.partition_point(|&s| s <= offset.to_u32()) as u32
    }

    /// The 0-based byte column of an offset, as CPython's `col_offset`.
    pub(crate) fn col(&self, offset: TextSize) -> u32 {
        let line = self.line(offset);
        offset.to_u32() - self.starts[line as usize - 1]
    }

    /// The offset where a 1-based line starts.
    pub(crate) fn line_start(&self, line: u32) -> TextSize {
        TextSize::new(self.starts[line as usize - 1])
    }
}

/// Parses a module, or says why CPython 3.11 would not.
pub(crate) fn parse(text: &str, lines: &LineIndex) -> (Parsed<ModModule>, Option<SyntaxError>) {
    let parsed = ruff_python_parser::parse_unchecked_source(text, PySourceType::Python);
    let at = |offset: TextSize, message: String| SyntaxError {
        line: lines.line(offset),
        col: lines.col(offset) + 1,
        message,
    };
    if let Some(err) = parsed.errors().first() {
        let err = at(err.location.start(), err.error.to_string());
        return (parsed, Some(err));
    }
    if let Some(err) = token_limits(parsed.tokens()) {
        let err = at(err.0, err.1.to_string());
        return (parsed, Some(err));
    }
    let mut depth = DepthCheck::default();
    depth.visit_body(&parsed.syntax().body);
    if let Some(offset) = depth.exceeded {
        let message = "too deeply nested: maximum recursion depth exceeded during ast construction";
        return (parsed, Some(at(offset, message.to_string())));
    }
    (parsed, None)
}

/// Drops a parsed module whose tree may be deep without recursing on the stack.
///
/// A tree past `MAX_TREE_DEPTH` is leaked instead: its recursive `Drop` could overflow the stack
/// and abort the whole process, which would cost every other file of the run.
pub(crate) fn dispose(parsed: Parsed<ModModule>, error: &Option<SyntaxError>) {
    if error
        .as_ref()
        .is_some_and(|e| e.message.starts_with("too deeply nested"))
    {
        std::mem::forget(parsed);
    }
}

fn token_limits(tokens: &Tokens) -> Option<(TextSize, &'static str)> {
    let (mut brackets, mut indent, mut fstrings) = (0u32, 0u32, 0u32);
    for token in tokens.iter() {
        match token.kind() {
            TokenKind::FStringStart | TokenKind::TStringStart => fstrings += 1,
            TokenKind::FStringEnd | TokenKind::TStringEnd => fstrings = fstrings.saturating_sub(1),
            _ if fstrings > 0 => {}
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                if brackets >= MAX_BRACKETS {
                    return Some((token.start(), "too many nested parentheses"));
                }
                brackets += 1;
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                brackets = brackets.saturating_sub(1)
            }
            TokenKind::Indent => {
                indent += 1;
                if indent >= MAX_INDENT {
                    return Some((token.start(), "too many levels of indentation"));
                }
            }
            TokenKind::Dedent => indent = indent.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Finds a tree deeper than CPython builds, without descending past the limit itself.
#[derive(Default)]
struct DepthCheck {
    depth: u32,
    exceeded: Option<TextSize>,
}

impl DepthCheck {
    fn enter(&mut self, offset: TextSize) -> bool {
        if self.exceeded.is_some() {
            return false;
        }
        self.depth += 1;
        if self.depth > MAX_TREE_DEPTH {
            self.exceeded = Some(offset);
            self.depth -= 1;
            return false;
        }
        true
    }
}

impl<'a> Visitor<'a> for DepthCheck {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.enter(stmt.start()) {
            visitor::walk_stmt(self, stmt);
            self.depth -= 1;
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.enter(expr.start()) {
            visitor::walk_expr(self, expr);
            self.depth -= 1;
        }
    }
}
