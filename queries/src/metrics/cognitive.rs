//! Cognitive complexity, exactly as complexipy 8.3.0 computes it (shared/design/metric-semantics.md
//! §5; complexipy's `cognitive_complexity.rs` and `utils.rs` were read for what the notes leave open).
//!
//! The functions scored are the defs reached from module-level statements through class bodies and
//! compound statements, never through a def: a nested def is part of its enclosing function's score.
//! Each starts at nesting 0. The quirks kept on purpose: only some expression positions are scanned
//! for boolean operators, ternaries, lambdas and comprehensions (`count`); a def whose body is
//! exactly `[def, return]` is scored as its inner def at the same nesting; `elif` and `else` add 1
//! without nesting; `try`, `with` and loop `else` suites add no nesting; a def that is a direct
//! child of a def body is one level deeper. A function hidden by an ignore comment is still scored
//! (for `dump`) but reported as ignored and left out of the file total.

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{
    BoolOp, Comprehension, ExceptHandler, Expr, ExprBoolOp, Stmt, StmtFunctionDef,
};
use ruff_text_size::{Ranged, TextSize};

/// complexipy's score of one function, and whether an ignore comment hides it.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Cognitive {
    pub score: u32,
    pub ignored: bool,
}

/// The scored functions, keyed by the start of the def statement (its first decorator), and
/// complexipy's file total: the functions not ignored plus module-level code.
pub(crate) struct CognitiveFile {
    pub(crate) functions: Vec<(TextSize, Cognitive)>,
    pub(crate) total: u32,
}

pub(crate) fn cognitive(text: &str, body: &[Stmt], tokens: &Tokens) -> CognitiveFile {
    let comments = Comments::new(text, tokens);
    let mut functions = Vec::new();
    let mut total = 0;
    for stmt in body {
        let mut defs = Vec::new();
        collect_functions(stmt, &mut defs);
        for f in defs {
            let score = score_def(f, 0, Mode::Function) + recursion(f);
            let ignored = comments.hides(f.start().to_usize());
            if !ignored {
                total += score;
            }
            functions.push((f.start(), Cognitive { score, ignored }));
        }
        if !matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
            total += score(stmt, 0, Mode::Module);
        }
    }
    CognitiveFile { functions, total }
}

/// The defs complexipy reports for one module-level statement, in its order.
fn collect_functions<'a>(stmt: &'a Stmt, out: &mut Vec<&'a StmtFunctionDef>) {
    match stmt {
        Stmt::FunctionDef(f) => out.push(f),
        Stmt::ClassDef(c) => c.body.iter().for_each(|s| collect_functions(s, out)),
        _ => {
            for suite in suites(stmt) {
                suite.iter().for_each(|s| collect_functions(s, out));
            }
        }
    }
}

/// The statement suites of a compound statement, as complexipy searches them for defs.
fn suites(stmt: &Stmt) -> Vec<&[Stmt]> {
    match stmt {
        Stmt::If(s) => std::iter::once(&s.body[..])
            .chain(s.elif_else_clauses.iter().map(|c| &c.body[..]))
            .collect(),
        Stmt::For(s) => vec![&s.body, &s.orelse],
        Stmt::While(s) => vec![&s.body, &s.orelse],
        Stmt::Try(s) => std::iter::once(&s.body[..])
            .chain(
                s.handlers
                    .iter()
                    .map(|ExceptHandler::ExceptHandler(h)| &h.body[..]),
            )
            .chain([&s.orelse[..], &s.finalbody[..]])
            .collect(),
        Stmt::With(s) => vec![&s.body],
        Stmt::Match(s) => s.cases.iter().map(|c| &c.body[..]).collect(),
        _ => Vec::new(),
    }
}

/// Module-level code is scored with every def and class in it replaced by `pass`: they are
/// scored on their own.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Function,
    Module,
}

fn suite(stmts: &[Stmt], nesting: u32, mode: Mode) -> u32 {
    stmts.iter().map(|s| score(s, nesting, mode)).sum()
}

/// complexipy's "decorator" shape: a def whose body is exactly an inner def and a `return`.
fn decorator_inner(f: &StmtFunctionDef) -> Option<&StmtFunctionDef> {
    match &f.body[..] {
        [Stmt::FunctionDef(inner), Stmt::Return(_)] => Some(inner),
        _ => None,
    }
}

fn score_def(f: &StmtFunctionDef, nesting: u32, mode: Mode) -> u32 {
    if let Some(inner) = decorator_inner(f) {
        return score_def(inner, nesting, mode);
    }
    f.body
        .iter()
        .map(|s| {
            let deeper = u32::from(matches!(s, Stmt::FunctionDef(_)));
            score(s, nesting + deeper, mode)
        })
        .sum()
}

fn score(stmt: &Stmt, n: u32, mode: Mode) -> u32 {
    match stmt {
        Stmt::FunctionDef(_) | Stmt::ClassDef(_) if mode == Mode::Module => 0,
        Stmt::FunctionDef(f) => score_def(f, n, mode),
        Stmt::ClassDef(c) => c
            .body
            .iter()
            .filter(|s| matches!(s, Stmt::FunctionDef(_)))
            .map(|s| score(s, n, mode))
            .sum(),
        Stmt::Assign(s) => count(&s.value, n),
        Stmt::AnnAssign(s) => s.value.as_deref().map_or(0, |v| count(v, n)),
        Stmt::AugAssign(s) => count(&s.value, n),
        Stmt::For(s) => {
            1 + n + count(&s.iter, n) + suite(&s.body, n + 1, mode) + suite(&s.orelse, n, mode)
        }
        Stmt::While(s) => {
            1 + n + count(&s.test, n) + suite(&s.body, n + 1, mode) + suite(&s.orelse, n, mode)
        }
        Stmt::If(s) => {
            let mut total = 1 + n + count(&s.test, n) + suite(&s.body, n + 1, mode);
            for clause in &s.elif_else_clauses {
                total += 1 + clause.test.as_ref().map_or(0, |t| count(t, n));
                total += suite(&clause.body, n + 1, mode);
            }
            total
        }
        Stmt::Try(s) => {
            let handlers: u32 = s
                .handlers
                .iter()
                .map(|ExceptHandler::ExceptHandler(h)| 1 + n + suite(&h.body, n + 1, mode))
                .sum();
            suite(&s.body, n, mode)
                + handlers
                + suite(&s.orelse, n, mode)
                + suite(&s.finalbody, n, mode)
        }
        Stmt::Match(s) => {
            1 + n
                + s.cases
                    .iter()
                    .map(|c| suite(&c.body, n + 1, mode))
                    .sum::<u32>()
        }
        Stmt::Return(s) => s.value.as_deref().map_or(0, |v| count(v, n)),
        Stmt::Raise(s) => {
            s.exc.as_deref().map_or(0, |e| count(e, n))
                + s.cause.as_deref().map_or(0, |c| count(c, n))
        }
        Stmt::Assert(s) => count(&s.test, n) + s.msg.as_deref().map_or(0, |m| count(m, n)),
        Stmt::With(s) => {
            s.items
                .iter()
                .map(|i| count(&i.context_expr, n))
                .sum::<u32>()
                + suite(&s.body, n, mode)
        }
        Stmt::Expr(s) => count(&s.value, n),
        _ => 0,
    }
}

/// complexipy's `count_bool_ops`: what an expression adds, scanning only some positions.
fn count(expr: &Expr, n: u32) -> u32 {
    match expr {
        Expr::BoolOp(b) => sequences(b, None),
        Expr::UnaryOp(u) => nested_sequences(&u.operand, None),
        Expr::Compare(c) => {
            count(&c.left, n) + c.comparators.iter().map(|e| count(e, n)).sum::<u32>()
        }
        Expr::If(e) => 1 + n + count(&e.test, n) + count(&e.body, n + 1) + count(&e.orelse, n + 1),
        Expr::Lambda(l) => count(&l.body, n + 1),
        Expr::ListComp(c) => comprehension(&[&c.elt], &c.generators, n),
        Expr::SetComp(c) => comprehension(&[&c.elt], &c.generators, n),
        Expr::Generator(c) => comprehension(&[&c.elt], &c.generators, n),
        Expr::DictComp(c) => {
            let elements: Vec<&Expr> = c.key.as_deref().into_iter().chain([&*c.value]).collect();
            comprehension(&elements, &c.generators, n)
        }
        Expr::Call(c) => c.arguments.args.iter().map(|a| count(a, n)).sum(),
        Expr::Tuple(t) => t.elts.iter().map(|e| count(e, n)).sum(),
        Expr::List(l) => l.elts.iter().map(|e| count(e, n)).sum(),
        Expr::Set(s) => s.elts.iter().map(|e| count(e, n)).sum(),
        Expr::Dict(d) => d.items.iter().map(|item| count(&item.value, n)).sum(),
        _ => 0,
    }
}

fn comprehension(elements: &[&Expr], generators: &[Comprehension], n: u32) -> u32 {
    let clauses: u32 = generators
        .iter()
        .map(|g| 1 + n + count(&g.iter, n) + g.ifs.iter().map(|i| 1 + count(i, n + 1)).sum::<u32>())
        .sum();
    clauses + elements.iter().map(|e| count(e, n + 1)).sum::<u32>()
}

/// Sequences of like boolean operators: a node starts one unless it continues the operator
/// directly around it; a `not` breaks the chain.
fn sequences(b: &ExprBoolOp, enclosing: Option<BoolOp>) -> u32 {
    u32::from(enclosing != Some(b.op))
        + b.values
            .iter()
            .map(|v| nested_sequences(v, Some(b.op)))
            .sum::<u32>()
}

fn nested_sequences(expr: &Expr, enclosing: Option<BoolOp>) -> u32 {
    match expr {
        Expr::BoolOp(b) => sequences(b, enclosing),
        Expr::UnaryOp(u) => nested_sequences(&u.operand, None),
        _ => 0,
    }
}

/// +1 when the body calls the function by its bare name, outside nested defs, classes and lambdas.
fn recursion(f: &StmtFunctionDef) -> u32 {
    let mut finder = RecursiveCall {
        name: f.name.as_str(),
        found: false,
    };
    finder.visit_body(&f.body);
    u32::from(finder.found)
}

struct RecursiveCall<'n> {
    name: &'n str,
    found: bool,
}

impl<'a> Visitor<'a> for RecursiveCall<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if !self.found && !matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
            visitor::walk_stmt(self, stmt);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.found {
            return;
        }
        match expr {
            Expr::Lambda(_) => {}
            Expr::Call(call) if matches!(&*call.func, Expr::Name(n) if n.id.as_str() == self.name) =>
            {
                self.found = true;
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

/// The comment tokens of a file that mentions `complexipy` at all (otherwise none are needed).
struct Comments<'a> {
    text: &'a str,
    ranges: Vec<(usize, usize)>,
}

impl<'a> Comments<'a> {
    fn new(text: &'a str, tokens: &Tokens) -> Self {
        let bytes = text.as_bytes();
        let mentions = memchr::memchr2_iter(b'c', b'C', bytes).any(|i| {
            bytes[i..].len() >= 10 && bytes[i..i + 10].eq_ignore_ascii_case(b"complexipy")
        });
        let ranges = if mentions {
            tokens
                .iter()
                .filter(|t| t.kind() == TokenKind::Comment)
                .map(|t| (t.start().to_usize(), t.end().to_usize()))
                .collect()
        } else {
            Vec::new()
        };
        Comments { text, ranges }
    }

    /// Whether the def starting at `offset` is hidden: the first marker complexipy finds near it
    /// (`utils.rs: find_noqa_comment`) is a bare one, without a rule list.
    fn hides(&self, offset: usize) -> bool {
        !self.ranges.is_empty() && self.find(offset).is_some_and(|rules| !rules)
    }

    /// The first marker near a def: `Some(true)` when it carries a valid rule list.
    fn find(&self, offset: usize) -> Option<bool> {
        let start = line_start(self.text, offset);
        if let Some(m) = self.marker_on_line(start, false) {
            return Some(m);
        }
        if let Some(prev) = previous_line(self.text, start)
            && let Some(m) = self.marker_on_line(prev, true)
        {
            return Some(m);
        }
        let line = line_at(self.text, start).trim_start();
        if line.starts_with("def ") {
            return self.in_signature(start);
        }
        if line.starts_with('@') {
            let mut pos = start;
            for _ in 0..10 {
                pos = next_line(self.text, pos)?;
                let line = line_at(self.text, pos);
                let trimmed = line.trim();
                if trimmed.starts_with("def ") {
                    if let Some(m) = self.in_signature(pos) {
                        return Some(m);
                    }
                    let prev = previous_line(self.text, pos)?;
                    return self.marker_on_line(prev, false);
                }
                if !trimmed.is_empty() && !line.trim_start().starts_with('@') {
                    break;
                }
            }
        }
        None
    }

    /// A marker on the `def` line or the signature lines after it, up to the first line with a
    /// `:` (at most 20 lines).
    fn in_signature(&self, def_line: usize) -> Option<bool> {
        let mut pos = def_line;
        for _ in 0..20 {
            if let Some(m) = self.marker_on_line(pos, false) {
                return Some(m);
            }
            if line_at(self.text, pos).contains(':') {
                break;
            }
            pos = next_line(self.text, pos)?;
        }
        None
    }

    /// The first comment on the line starting at `start` that holds a marker; `own_line` only
    /// looks at comments with nothing but whitespace before them.
    fn marker_on_line(&self, start: usize, own_line: bool) -> Option<bool> {
        let end = start + line_at(self.text, start).len();
        let first = self.ranges.partition_point(|&(s, _)| s < start);
        self.ranges[first..]
            .iter()
            .take_while(|&&(s, _)| s < end)
            .filter(|&&(s, _)| !own_line || self.text[start..s].trim().is_empty())
            .find_map(|&(s, e)| marker(&self.text[s..e]))
    }
}

/// `# complexipy: ignore` or `# noqa: complexipy` (case-insensitive, spaces and tabs between the
/// parts) in a comment: `Some(true)` when followed by a bracketed list of valid rule ids, which
/// only disables refactoring rules, `Some(false)` for a bare marker.
fn marker(comment: &str) -> Option<bool> {
    let lower = comment.to_ascii_lowercase();
    let with_list = |rest: &str| -> bool {
        let rest = rest.trim_start_matches([' ', '\t']);
        let Some(inner) = rest.strip_prefix('[').and_then(|r| r.split_once(']')) else {
            return false;
        };
        inner
            .0
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .all(is_rule_id)
    };
    for (first, second) in [("complexipy", "ignore"), ("noqa", "complexipy")] {
        let mut from = 0;
        while let Some(i) = lower[from..].find('#') {
            let hash = from + i;
            from = hash + 1;
            if let Some(rest) = parts(&lower[hash + 1..], first, second) {
                let ends_word = !rest
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
                if ends_word {
                    return Some(with_list(rest));
                }
            }
        }
    }
    None
}

/// `[ \t]*first[ \t]*:[ \t]*second`, returning what follows.
fn parts<'s>(s: &'s str, first: &str, second: &str) -> Option<&'s str> {
    let blank = [' ', '\t'];
    let s = s.trim_start_matches(blank).strip_prefix(first)?;
    let s = s.trim_start_matches(blank).strip_prefix(':')?;
    s.trim_start_matches(blank).strip_prefix(second)
}

/// A letter followed by one or more digits (`C001`).
fn is_rule_id(code: &str) -> bool {
    let mut chars = code.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && !chars.as_str().is_empty()
        && chars.all(|c| c.is_ascii_digit())
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind(['\r', '\n']).map_or(0, |i| i + 1)
}

/// The line starting at `start`, without its terminator.
fn line_at(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    &rest[..rest.find(['\r', '\n']).unwrap_or(rest.len())]
}

fn next_line(text: &str, start: usize) -> Option<usize> {
    let end = start + line_at(text, start).len();
    if end == text.len() {
        return None;
    }
    Some(
        end + if text[end..].starts_with("\r\n") {
            2
        } else {
            1
        },
    )
}

fn previous_line(text: &str, start: usize) -> Option<usize> {
    if start == 0 {
        return None;
    }
    let terminator = if text[..start].ends_with("\r\n") {
        2
    } else {
        1
    };
    Some(line_start(text, start - terminator))
}

#[cfg(test)]
mod tests {
    use super::marker;

    #[test]
    fn markers_as_complexipy_reads_them() {
        assert_eq!(marker("# complexipy: ignore"), Some(false));
        assert_eq!(marker("#Complexipy :\tIGNORE because"), Some(false));
        assert_eq!(marker("# noqa: complexipy"), Some(false));
        assert_eq!(marker("# complexipy: ignore[C001, r2]"), Some(true));
        assert_eq!(marker("# complexipy: ignore[not a rule]"), Some(false));
        assert_eq!(marker("# complexipy: ignore[]"), Some(true));
        assert_eq!(marker("# complexipy: ignored"), None);
        assert_eq!(marker("# todo # complexipy: ignore"), Some(false));
        assert_eq!(marker("# complexipy ignore"), None);
    }
}
