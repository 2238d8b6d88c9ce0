//! Parsing a file, and the facts about its text that every metric needs.
//!
//! The parser is ruff's; CPython 3.11 is the reference interpreter of radon, so the limits that make
//! CPython reject a file (nesting of brackets, indentation levels, depth of the tree) are applied
//! here as syntax errors, which also keeps every recursive walk of the tree bounded.

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_ast::visitor::transformer::{self, Transformer};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{
    Comprehension, ExceptHandler, Expr, InterpolatedStringElement, Keyword, MatchCase, ModModule,
    Parameter, Parameters, Pattern, PySourceType, Stmt, WithItem,
};
use ruff_python_parser::Parsed;
use ruff_text_size::{Ranged, TextSize};

/// CPython's tokenizer refuses more than this many open brackets (`MAXLEVEL`).
const MAX_BRACKETS: u32 = 200;
/// CPython's tokenizer refuses more than this many indentation levels (`MAXINDENT`).
const MAX_INDENT: u32 = 100;
/// CPython 3.12's tokenizer refuses more nested f-strings than this (`MAXFSTRINGLEVEL`; 3.11
/// cannot nest them at all beyond its four quote styles). ruff's parser takes time quadratic in
/// the nesting (every f-string re-scans the tokens inside it), so deeper nesting is refused
/// before parsing.
const MAX_FSTRINGS: u32 = 150;
/// CPython 3.11.7's `ast.parse`, called from the top level of a script, raises `RecursionError`
/// while building a tree deeper than this many nodes, the module and every node kind it counts
/// included (`(1000 - 3) * 3`; measured, and checked against python3 by
/// `cli/tests/it/hostile.rs::the_tree_depth_limit_is_cpythons`).
const MAX_TREE_DEPTH: u32 = 2991;

/// A file that does not parse: the first error, 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct SyntaxError {
    pub line: u32,
    pub col: u32,
    pub message: String,
    /// One of CPython's resource limits (nesting of brackets, indentation, f-strings, the depth
    /// of the tree) rather than the grammar.
    pub limit: bool,
}

/// Line starts of a text, with CPython's line terminators (`\n`, `\r\n`, `\r`).
pub(crate) struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        starts.push(0);
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i as u32 + 1);
            }
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

    /// Each line's start and end (its terminator included) in a text `len` bytes long.
    pub(crate) fn spans(&self, len: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let ends = self.starts.iter().skip(1).map(|&s| s as usize).chain([len]);
        self.starts.iter().map(|&s| s as usize).zip(ends)
    }

    /// The length in bytes of the longest line of a text `len` bytes long.
    pub(crate) fn longest(&self, len: usize) -> usize {
        self.spans(len)
            .map(|(start, end)| end - start)
            .max()
            .unwrap_or(0)
    }

    /// The offset where a 1-based line starts.
    pub(crate) fn line_start(&self, line: u32) -> TextSize {
        TextSize::new(self.starts[line as usize - 1])
    }
}

/// Parses a module, or says why CPython 3.11 would not. The tree's depth is measured whatever
/// the errors (a tree the parser recovered can be as deep as a valid one): `deep` says that
/// [`dispose`] must take it apart without recursion.
pub(crate) fn parse(text: &str, lines: &LineIndex) -> Parse {
    let at = |offset: TextSize, message: String, limit: bool| SyntaxError {
        line: lines.line(offset),
        col: lines.col(offset) + 1,
        message,
        limit,
    };
    let refuse = |offset: TextSize, message: &str| Parse {
        parsed: ruff_python_parser::parse_unchecked_source("", PySourceType::Python),
        error: Some(at(offset, message.to_string(), true)),
        deep: false,
        refused: true,
    };
    let fstrings = match refused_before_parsing(text, lines) {
        Before::Refused(offset, message) => return refuse(offset, message),
        Before::Parse { fstrings } => fstrings,
    };
    let parsed = ruff_python_parser::parse_unchecked_source(text, PySourceType::Python);
    if fstrings {
        // The nesting of f-strings from the parser's tokens, which are the lexer's when nothing
        // went wrong (the parser re-lexes to recover from some errors).
        let deepest = if parsed.errors().is_empty() {
            fstring_nesting(parsed.tokens().iter().map(|t| t.kind()))
        } else {
            let mut lexer = ruff_python_parser::lexer::lex(text, ruff_python_parser::Mode::Module);
            fstring_nesting(std::iter::from_fn(|| {
                Some(lexer.next_token()).filter(|&k| k != TokenKind::EndOfFile)
            }))
        };
        if deepest > MAX_FSTRINGS {
            return refuse(first_fstring(text.as_bytes()), TOO_MANY_FSTRINGS);
        }
    }
    let mut depth = DepthCheck {
        depth: 1,
        limit: MAX_TREE_DEPTH,
        exceeded: None,
    };
    // A tree the parser recovered may hold nodes of no token of their own: always measured.
    if !parsed.errors().is_empty() || depth_bound(parsed.tokens()) > MAX_TREE_DEPTH {
        depth.visit_body(&parsed.syntax().body);
    }
    let deep = depth.exceeded.is_some();
    let error = if let Some(err) = parsed.errors().first() {
        Some(at(err.location.start(), err.error.to_string(), false))
    } else if let Some(err) = token_limits(parsed.tokens()) {
        Some(at(err.0, err.1.to_string(), true))
    } else {
        depth.exceeded.map(|offset| {
            let message =
                "too deeply nested: maximum recursion depth exceeded during ast construction";
            at(offset, message.to_string(), true)
        })
    };
    Parse {
        parsed,
        error,
        deep,
        refused: false,
    }
}

pub(crate) struct Parse {
    pub(crate) parsed: Parsed<ModModule>,
    pub(crate) error: Option<SyntaxError>,
    /// Deeper than CPython builds: dropped by [`dispose`] without recursion.
    pub(crate) deep: bool,
    /// Refused before parsing: `parsed` is of no text, its tokens are not the file's.
    pub(crate) refused: bool,
}

/// Drops a parsed module. A tree past `MAX_TREE_DEPTH` (a million nested unary operators fit in
/// a 1 MB file) is taken apart expression by expression on a heap stack: its recursive `Drop`
/// would overflow the thread's stack and abort the whole process, costing every other file.
pub(crate) fn dispose(parse: Parse) {
    if !parse.deep {
        return;
    }
    let mut module = parse.parsed.into_syntax();
    let detach = Detach::default();
    for stmt in &mut module.body {
        transformer::walk_stmt(&detach, stmt);
    }
    drop(module);
    let mut pending = detach.0.take();
    while let Some(mut expr) = pending.pop() {
        transformer::walk_expr(&detach, &mut expr);
        pending.append(&mut detach.0.borrow_mut());
        drop(expr);
    }
}

/// Takes every expression it is shown out of the tree, leaving a leaf in its place.
#[derive(Default)]
struct Detach(std::cell::RefCell<Vec<Expr>>);

impl Transformer for Detach {
    fn visit_expr(&self, expr: &mut Expr) {
        let leaf = Expr::NoneLiteral(ruff_python_ast::ExprNoneLiteral {
            range: expr.range(),
            node_index: ruff_python_ast::AtomicNodeIndex::default(),
        });
        self.0.borrow_mut().push(std::mem::replace(expr, leaf));
    }
}

/// Up to this many f-string openers in a file, their nesting is read from the parser's tokens:
/// the time the parser takes on nested f-strings is bounded by their number.
const LEX_FIRST_OPENERS: usize = 2000;

const TOO_MANY_FSTRINGS: &str = "too many nested f-strings";

/// What is known before parsing.
enum Before {
    Refused(TextSize, &'static str),
    /// `fstrings`: the file may nest f-strings deeper than CPython allows; the parser's tokens tell.
    Parse {
        fstrings: bool,
    },
}

/// Inputs that would make the parser itself slow or huge, found in time linear in the text and
/// refused before parsing: f-strings (or t-strings) nested deeper than [`MAX_FSTRINGS`] (ruff's
/// parser is quadratic in that nesting) where there are too many to parse first, and runs of
/// prefix operators or opening brackets longer than CPython accepts (`x = ---…1` with a million
/// `-` cost the parser a gigabyte of stack segments). A byte scan finds candidates; only then is
/// the text lexed, to tell code from strings and comments.
fn refused_before_parsing(text: &str, lines: &LineIndex) -> Before {
    let bytes = text.as_bytes();
    // Cheap gates first (every file passes them): quotes are sparse, an f- or t-string's opening
    // quote follows an `f` or `t`, or an `r` after one; and a run too deep for the parser is a
    // line longer than the limit (brackets nested across lines are left to the checks after
    // parsing).
    let openers = memchr::memchr2_iter(b'"', b'\'', bytes)
        .filter(|&i| {
            let before = |k: usize| i >= k && matches!(bytes[i - k] | 0x20, b'f' | b't');
            before(1) || (i >= 2 && bytes[i - 1] | 0x20 == b'r' && before(2))
        })
        .count();
    let fstrings = openers > MAX_FSTRINGS as usize;
    let long_line = lines.longest(bytes.len()) > MAX_TREE_DEPTH as usize;
    if !fstrings && !long_line {
        return Before::Parse { fstrings: false };
    }
    let run = longest_prefix_run(bytes, lines);
    let deep_run = run.operators > MAX_TREE_DEPTH || run.brackets > MAX_BRACKETS;
    if !deep_run && openers <= LEX_FIRST_OPENERS {
        return Before::Parse { fstrings };
    }
    let mut lexer = ruff_python_parser::lexer::lex(text, ruff_python_parser::Mode::Module);
    let (mut tokens, mut longest) = (0u32, 0u32);
    let deepest = fstring_nesting(std::iter::from_fn(|| {
        let kind = lexer.next_token();
        match kind {
            TokenKind::EndOfFile => return None,
            TokenKind::Minus
            | TokenKind::Plus
            | TokenKind::Tilde
            | TokenKind::Not
            | TokenKind::Await
            | TokenKind::Lpar
            | TokenKind::Lsqb
            | TokenKind::Lbrace => {
                tokens += 1;
                longest = longest.max(tokens);
            }
            _ => tokens = 0,
        }
        Some(kind)
    }));
    // Where the lexer does not say: the first f-string, the start of the longest run.
    if deepest > MAX_FSTRINGS {
        return Before::Refused(first_fstring(bytes), TOO_MANY_FSTRINGS);
    }
    if deep_run && longest >= run.operators + run.brackets {
        return match run.operators > MAX_TREE_DEPTH {
            true => Before::Refused(
                run.start,
                "too deeply nested: maximum recursion depth exceeded during ast construction",
            ),
            false => Before::Refused(run.bracket_limit, "too many nested parentheses"),
        };
    }
    Before::Parse { fstrings: false }
}

/// The deepest nesting of f- and t-strings in a stream of tokens.
fn fstring_nesting(kinds: impl Iterator<Item = TokenKind>) -> u32 {
    let (mut depth, mut deepest) = (0u32, 0u32);
    for kind in kinds {
        match kind {
            TokenKind::FStringStart | TokenKind::TStringStart => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            TokenKind::FStringEnd | TokenKind::TStringEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Where a refusal for nested f-strings points: the first quote after an `f`, `t` or `r`.
fn first_fstring(bytes: &[u8]) -> TextSize {
    let opener =
        |w: &[u8]| matches!(w[1], b'"' | b'\'') && matches!(w[0] | 0x20, b'f' | b't' | b'r');
    TextSize::new(bytes.windows(2).position(opener).unwrap_or(0) as u32)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// The longest run of `-`, `+`, `~`, `not`, `await` and opening brackets (blanks between them
/// allowed).
#[derive(Default)]
struct PrefixRun {
    start: TextSize,
    operators: u32,
    brackets: u32,
    /// Where its bracket past [`MAX_BRACKETS`] is.
    bracket_limit: TextSize,
}

/// The first longest run, looked for in the lines long enough to hold a run past a limit (a run
/// ends at a line's end).
fn longest_prefix_run(bytes: &[u8], lines: &LineIndex) -> PrefixRun {
    let mut best = PrefixRun::default();
    for (start, end) in lines.spans(bytes.len()) {
        if end - start <= MAX_BRACKETS as usize {
            continue;
        }
        let run = longest_prefix_run_in(bytes, start, end);
        if run.operators + run.brackets > best.operators + best.brackets {
            best = run;
        }
    }
    best
}

fn longest_prefix_run_in(bytes: &[u8], from: usize, to: usize) -> PrefixRun {
    let (mut best, mut now) = (PrefixRun::default(), PrefixRun::default());
    let word_at = |i: usize, w: &[u8]| {
        bytes[i..].starts_with(w)
            && (i == 0 || !is_word_byte(bytes[i - 1]))
            && bytes.get(i + w.len()).is_some_and(|&n| !is_word_byte(n))
    };
    let mut i = from;
    while i < to {
        let (b, at) = (bytes[i], TextSize::new(i as u32));
        let mut step = 1;
        let bracket = match b {
            b' ' | b'\t' => {
                i += 1;
                continue;
            }
            b'-' | b'+' | b'~' => false,
            b'(' | b'[' | b'{' => true,
            b'n' if word_at(i, b"not") => {
                step = 3;
                false
            }
            b'a' if word_at(i, b"await") => {
                step = 5;
                false
            }
            _ => {
                if now.operators + now.brackets > 0 {
                    now = PrefixRun::default();
                }
                i += 1;
                continue;
            }
        };
        if now.operators + now.brackets == 0 {
            now.start = at;
        }
        if bracket {
            now.brackets += 1;
            if now.brackets == MAX_BRACKETS + 1 {
                now.bracket_limit = at;
            }
        } else {
            now.operators += 1;
        }
        if now.operators + now.brackets > best.operators + best.brackets {
            best = PrefixRun { ..now };
        }
        i += step;
    }
    best
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

/// A bound on the depth [`DepthCheck`] measures, from the tokens of a file that parsed: below
/// the limit, the walk is not needed. On the way down from the module (1), each indentation level
/// holds at most two of the nodes it counts (a `try` and its handler, a `match` and its case), an
/// `elif` adds one below the `if` it follows, and within a logical line every node counted below
/// its statement owns a token of that line (an operator, a bracket, a keyword, `=`, `for`, `{`,
/// a name or a literal), but for one leaf (a pattern's value, an expression statement's value).
fn depth_bound(tokens: &Tokens) -> u32 {
    let (mut indent, mut deepest, mut elifs, mut line, mut longest) =
        (0u32, 0u32, 0u32, 0u32, 0u32);
    for token in tokens.iter() {
        match token.kind() {
            TokenKind::Indent => {
                indent += 1;
                deepest = deepest.max(indent);
            }
            TokenKind::Dedent => indent = indent.saturating_sub(1),
            TokenKind::Elif => elifs += 1,
            TokenKind::Newline => {
                longest = longest.max(line);
                line = 0;
                continue;
            }
            _ => {}
        }
        line += 1;
    }
    let longest = longest.max(line);
    // The module, two per level, the elifs, the statement and its leaf, the line's tokens.
    1u32.saturating_add(deepest.saturating_mul(2))
        .saturating_add(elifs)
        .saturating_add(2)
        .saturating_add(longest)
}

/// Finds a tree deeper than CPython builds, without descending past the limit itself. Counts the
/// nodes CPython's `ast` counts on the way down: statements, expressions, and the `arguments`,
/// `arg`, `keyword`, `comprehension`, `withitem`, `excepthandler`, `match_case`, `pattern` and
/// f-string `FormattedValue` nodes that ruff's tree folds into its parents; an `elif` is an `If`
/// nested in the previous one's `orelse`, as in CPython.
struct DepthCheck {
    depth: u32,
    /// [`MAX_TREE_DEPTH`]; lower in tests, which measure a tree's depth with it.
    limit: u32,
    exceeded: Option<TextSize>,
}

impl DepthCheck {
    /// Goes `levels` down; `false` (and nothing to undo) past the limit.
    fn enter(&mut self, offset: TextSize, levels: u32) -> bool {
        if self.exceeded.is_some() {
            return false;
        }
        if self.depth + levels > self.limit {
            self.exceeded = Some(offset);
            return false;
        }
        self.depth += levels;
        true
    }

    fn nested(&mut self, offset: TextSize, levels: u32, walk: impl FnOnce(&mut Self)) {
        if self.enter(offset, levels) {
            walk(self);
            self.depth -= levels;
        }
    }
}

impl<'a> Visitor<'a> for DepthCheck {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        self.nested(stmt.start(), 1, |v| match stmt {
            Stmt::If(s) => {
                v.visit_expr(&s.test);
                v.visit_body(&s.body);
                for (j, clause) in (1u32..).zip(&s.elif_else_clauses) {
                    // The j-th elif is an If j levels below this one; an else is the body of
                    // the If before it.
                    let levels = if clause.test.is_some() { j } else { j - 1 };
                    v.nested(clause.start(), levels, |v| {
                        visitor::walk_elif_else_clause(v, clause);
                    });
                }
            }
            _ => visitor::walk_stmt(v, stmt),
        });
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.nested(expr.start(), 1, |v| visitor::walk_expr(v, expr));
    }

    fn visit_parameters(&mut self, parameters: &'a Parameters) {
        self.nested(parameters.start(), 1, |v| {
            visitor::walk_parameters(v, parameters);
        });
    }

    fn visit_parameter(&mut self, parameter: &'a Parameter) {
        self.nested(parameter.start(), 1, |v| {
            visitor::walk_parameter(v, parameter);
        });
    }

    fn visit_keyword(&mut self, keyword: &'a Keyword) {
        self.nested(keyword.start(), 1, |v| visitor::walk_keyword(v, keyword));
    }

    fn visit_comprehension(&mut self, comprehension: &'a Comprehension) {
        self.nested(comprehension.start(), 1, |v| {
            visitor::walk_comprehension(v, comprehension);
        });
    }

    fn visit_with_item(&mut self, with_item: &'a WithItem) {
        self.nested(with_item.start(), 1, |v| {
            visitor::walk_with_item(v, with_item);
        });
    }

    fn visit_except_handler(&mut self, handler: &'a ExceptHandler) {
        self.nested(handler.start(), 1, |v| {
            visitor::walk_except_handler(v, handler);
        });
    }

    fn visit_match_case(&mut self, case: &'a MatchCase) {
        self.nested(case.start(), 1, |v| visitor::walk_match_case(v, case));
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        self.nested(pattern.start(), 1, |v| visitor::walk_pattern(v, pattern));
    }

    fn visit_interpolated_string_element(&mut self, element: &'a InterpolatedStringElement) {
        self.nested(element.start(), 1, |v| {
            visitor::walk_interpolated_string_element(v, element);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The depth [`DepthCheck`] finds: the lowest limit the tree stays within.
    fn measured_depth(text: &str) -> u32 {
        let parsed = ruff_python_parser::parse_unchecked_source(text, PySourceType::Python);
        assert!(parsed.errors().is_empty(), "{text}: {:?}", parsed.errors());
        let within = |limit| {
            let mut check = DepthCheck {
                depth: 1,
                limit,
                exceeded: None,
            };
            check.visit_body(&parsed.syntax().body);
            check.exceeded.is_none()
        };
        let (mut low, mut high) = (1, 1 << 20);
        while low < high {
            let mid = (low + high) / 2;
            if within(mid) {
                high = mid
            } else {
                low = mid + 1
            }
        }
        low
    }

    fn bound(text: &str) -> u32 {
        depth_bound(ruff_python_parser::parse_unchecked_source(text, PySourceType::Python).tokens())
    }

    /// `line` nested `n` times in indented blocks opened by `open` (`{i}` is the indentation).
    fn indented(open: &str, line: &str, n: usize) -> String {
        let mut out = String::new();
        for i in 0..n {
            out += &open.replace("{i}", &" ".repeat(i * 3));
        }
        out + &" ".repeat(n * 3) + line + "\n"
    }

    /// Every construct that nests, alone and mixed: the bound that lets the walk be skipped is
    /// never below the depth the walk finds.
    #[test]
    fn the_depth_bound_is_never_below_the_depth() {
        let n = 60;
        let rep = |s: &str| s.repeat(n);
        let mut cases = vec![
            format!("x = {}1\n", rep("-")),
            format!("x = {}1\n", rep("not ")),
            format!("x = 1{}\n", rep("+1")),
            format!("x = a{}\n", rep(".b")),
            format!("x = a{}\n", rep("[1]")),
            format!("x = a{}\n", rep(".b()")),
            format!("x = {}1{}\n", rep("f("), rep(")")),
            format!("x = {}1{}\n", rep("f(a="), rep(")")),
            format!("x = {}1{}\n", rep("f(**"), rep(")")),
            format!("x = {}1{}\n", rep("f(*"), rep(")")),
            format!("x = {}0\n", rep("lambda: ")),
            format!("x = {}0{}\n", rep("(lambda x=("), rep("): 0)")),
            format!("x = {}1{}\n", rep("[x for x in "), rep("]")),
            format!("x = {}x{}\n", rep("f("), rep(" for x in y)")),
            format!("x = {}1{}\n", rep("{**"), rep("}")),
            format!("x = {}1{}\n", rep("{1: "), rep("}")),
            format!("x = {}1{}\n", rep("a[b:"), rep("]")),
            format!("x = {}c\n", rep("a if b else ")),
            format!("x = {}1{}\n", rep("(a := "), rep(")")),
            format!("x = {}1{}\n", rep("(yield "), rep(")")),
            format!("async def f():\n    x = {}1{}\n", rep("await ("), rep(")")),
            "x = f'{x:{y:{z}}}' f'{a!r:>{b}}'\n".to_string(),
            "x = f'{f\"{f'{1}'}\"}'\n".to_string(),
            format!("x = 1 if a else {}2\n", rep("3 if a else ")),
            format!("{}def f(): pass\n", rep("@a.b(c=d)\n")),
            format!(
                "def f(a: {}1{} = {}2{}): pass\n",
                rep("g("),
                rep(")"),
                rep("h(["),
                rep("])")
            ),
            format!("*a, {}b{} = c\n", rep("("), rep(",)")),
            indented("{i}if a:\n", "pass", 90),
            indented("{i}with a as b, c:\n", "x = -1", 90),
            indented("{i}try:\n{i} pass\n{i}except E as e:\n", "x = a.b", 90),
            indented(
                "{i}try:\n{i} pass\n{i}except* E:\n{i} pass\n{i}finally:\n",
                "x",
                90,
            ),
            indented(
                "{i}match x:\n{i} case 1:\n{i}  pass\n{i} case [a, *b]:\n",
                "pass",
                45,
            ),
            indented("{i}match x:\n{i} case -1:\n", "1", 45),
            indented("{i}class A(B, metaclass=M):\n", "pass", 90),
            indented("{i}async def f(a, *b, c=1, **d):\n", "await x", 90),
            indented("{i}for a in b:\n{i} pass\n{i}else:\n", "x", 90),
            indented("{i}while a:\n{i} pass\n{i}else:\n", "x", 90),
            format!("match x:\n case {}1{}:\n  pass\n", rep("["), rep("]")),
            format!("match x:\n case {}1{}:\n  pass\n", rep("A(b="), rep(")")),
            format!("match x:\n case {}1{}:\n  pass\n", rep("{1: "), rep("}")),
            format!(
                "match x:\n case {}a.b{}:\n  pass\n",
                rep("(("),
                rep(") as c)")
            ),
            format!("match x:\n case {}1:\n  pass\n", rep("1 | ")),
            format!("if a:\n pass\n{}else:\n pass\n", rep("elif a:\n pass\n")),
        ];
        // elif chains inside elif chains, under handlers.
        let mut chain = String::from("x = -a.b\n");
        for _ in 0..12 {
            let body: String = chain.lines().map(|l| format!("  {l}\n")).collect();
            chain = format!(
                "try:\n pass\nexcept E:\n if a:\n  pass\n elif b:\n  pass\n elif c:\n{body}"
            );
        }
        cases.push(chain);
        for case in &cases {
            let (depth, bound) = (measured_depth(case), bound(case));
            assert!(depth <= bound, "depth {depth} > bound {bound} for\n{case}");
            assert!(depth > 3, "{case} is not nested");
        }
    }

    /// On every fixture of the repository, real code: the bound holds.
    #[test]
    fn the_depth_bound_holds_on_the_fixtures() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata");
        let mut pending = vec![std::path::PathBuf::from(root)];
        let mut seen = 0;
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                if path.extension().is_none_or(|e| e != "py") {
                    continue;
                }
                let parsed =
                    ruff_python_parser::parse_unchecked_source(&text, PySourceType::Python);
                if !parsed.errors().is_empty() {
                    continue;
                }
                let (depth, bound) = (measured_depth(&text), bound(&text));
                assert!(
                    depth <= bound,
                    "{}: depth {depth} > bound {bound}",
                    path.display()
                );
                seen += 1;
            }
        }
        assert!(seen > 50, "{seen} fixtures");
    }
}
