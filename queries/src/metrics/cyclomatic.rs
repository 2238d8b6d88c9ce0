//! Cyclomatic complexity, exactly as radon 6.0.1 `cc_visit` computes it (`ComplexityVisitor`),
//! with the closures and inner classes that `radon cc --show-closures` adds (`add_inner_blocks`).
//!
//! The quirks kept on purpose (shared/design/metric-semantics.md §1): `except*` adds nothing,
//! `assert` is +1 and nothing inside it is seen, decorators, defaults and annotations of a `def`
//! are never visited, a class defined inside a function vanishes, a class's complexity is the
//! truncated mean of its methods (+1 with more than one), and `endline` is the largest *start* line
//! seen in the last statement of the body.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{
    Comprehension, ElifElseClause, ExceptHandler, Expr, Identifier, Keyword, Parameter, Pattern,
    Stmt, StmtClassDef, StmtFunctionDef,
};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::syntax::LineIndex;

/// What radon calls the block.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum BlockKind {
    Function,
    Method,
    Class,
}

impl BlockKind {
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Function => "function",
            BlockKind::Method => "method",
            BlockKind::Class => "class",
        }
    }
}

/// One block as radon reports it.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub(crate) kind: BlockKind,
    /// Python's `__qualname__` without `<locals>`: every enclosing class and def.
    pub(crate) qualname: String,
    /// radon's `fullname` after `add_inner_blocks` (closures drop the class: `m.inner`).
    pub(crate) radon_name: String,
    /// Only listed by `--show-closures`: closures, inner classes and their methods.
    pub(crate) inner: bool,
    pub(crate) lineno: u32,
    pub(crate) col: u32,
    pub(crate) endline: u32,
    pub(crate) cc: u32,
    /// For classes: radon's `real_complexity` and the number of methods.
    pub(crate) class_real_cc: u32,
    pub(crate) class_methods: u32,
    /// The whole statement, decorators included.
    pub(crate) range: TextRange,
}

/// The blocks of a module, sorted by position, and radon's module total (the MI's input).
pub(crate) struct Cyclomatic {
    pub(crate) blocks: Vec<Block>,
    pub(crate) total: u32,
}

pub(crate) fn cyclomatic(text: &str, body: &[Stmt], lines: &LineIndex) -> Cyclomatic {
    let mut module = CcVisitor::new(text, lines, false, "");
    module.complexity = 1;
    for stmt in body {
        module.visit_stmt(stmt);
    }
    let total = module.complexity
        + module
            .functions
            .iter()
            .map(|f| f.complexity - 1)
            .sum::<u32>()
        + module.classes.iter().map(|c| c.real - 1).sum::<u32>();
    let mut blocks = Vec::new();
    for f in &module.functions {
        push_function(&mut blocks, f, f.name.clone(), false);
    }
    for c in &module.classes {
        push_class(&mut blocks, c, c.name.clone(), false);
    }
    blocks.sort_by_key(|b| (b.lineno, b.col));
    Cyclomatic { blocks, total }
}

struct Func {
    name: String,
    qualname: String,
    lineno: u32,
    col: u32,
    endline: u32,
    is_method: bool,
    complexity: u32,
    closures: Vec<Func>,
    range: TextRange,
}

struct Class {
    name: String,
    qualname: String,
    lineno: u32,
    col: u32,
    endline: u32,
    methods: Vec<Func>,
    inner: Vec<Class>,
    real: u32,
    range: TextRange,
}

impl Class {
    fn complexity(&self) -> u32 {
        let n = self.methods.len() as u32;
        match self.real.checked_div(n) {
            None => self.real,
            Some(mean) => mean + u32::from(n > 1),
        }
    }
}

/// `radon_name` is the function's radon `name` as `add_inner_blocks` renamed it.
fn push_function(blocks: &mut Vec<Block>, f: &Func, radon_name: String, inner: bool) {
    for closure in &f.closures {
        push_function(
            blocks,
            closure,
            format!("{radon_name}.{}", closure.name),
            true,
        );
    }
    blocks.push(Block {
        kind: if f.is_method {
            BlockKind::Method
        } else {
            BlockKind::Function
        },
        qualname: f.qualname.clone(),
        radon_name,
        inner,
        lineno: f.lineno,
        col: f.col,
        endline: f.endline,
        cc: f.complexity,
        class_real_cc: 0,
        class_methods: 0,
        range: f.range,
    });
}

fn push_class(blocks: &mut Vec<Block>, c: &Class, radon_name: String, inner: bool) {
    for m in &c.methods {
        push_function(blocks, m, m.name.clone(), inner);
        // A method's radon fullname is `classname.name`; its closures keep the bare name.
        let last = blocks.len() - 1;
        blocks[last].radon_name = format!("{radon_name}.{}", m.name);
    }
    for i in &c.inner {
        push_class(blocks, i, format!("{radon_name}.{}", i.name), true);
    }
    blocks.push(Block {
        kind: BlockKind::Class,
        qualname: c.qualname.clone(),
        radon_name,
        inner,
        lineno: c.lineno,
        col: c.col,
        endline: c.endline,
        cc: c.complexity(),
        class_real_cc: c.real,
        class_methods: c.methods.len() as u32,
        range: c.range,
    });
}

/// One `ComplexityVisitor`: radon makes a fresh one for every statement of a body.
struct CcVisitor<'l, 's> {
    text: &'l str,
    lines: &'l LineIndex,
    complexity: u32,
    /// The largest start passed through `generic_visit` (its line is radon's largest line);
    /// `None` stands for radon's `-inf`. An offset, turned into a line once, when asked.
    max_start: Option<TextSize>,
    functions: Vec<Func>,
    classes: Vec<Class>,
    to_method: bool,
    /// The qualified-name prefix of what is defined here (`"A.m."`).
    scope: &'s str,
}

impl<'l, 's> CcVisitor<'l, 's> {
    fn new(text: &'l str, lines: &'l LineIndex, to_method: bool, scope: &'s str) -> Self {
        CcVisitor {
            text,
            lines,
            complexity: 0,
            max_start: None,
            functions: Vec::new(),
            classes: Vec::new(),
            to_method,
            scope,
        }
    }

    fn saw(&mut self, node: &impl Ranged) {
        self.max_start = self.max_start.max(Some(node.start()));
    }

    /// The largest line seen (0 for none): lines grow with offsets.
    fn max_line(&self) -> u32 {
        self.max_start.map_or(0, |o| self.lines.line(o))
    }

    fn visit_function(&mut self, f: &StmtFunctionDef) {
        let qualname = format!("{}{}", self.scope, f.name);
        let mut complexity = 1;
        let mut closures = Vec::new();
        let mut last_max = 0;
        let scope = format!("{qualname}.");
        for child in &f.body {
            let mut v = CcVisitor::new(self.text, self.lines, false, &scope);
            v.visit_stmt(child);
            closures.append(&mut v.functions);
            complexity += v.complexity;
            last_max = v.max_line();
        }
        let keywords: &[&str] = match f.is_async {
            true => &["def", "async"],
            false => &["def"],
        };
        let (lineno, col) = keyword_position(self.text, self.lines, &f.name, keywords);
        self.functions.push(Func {
            name: f.name.to_string(),
            qualname,
            lineno,
            col,
            endline: lineno.max(last_max),
            is_method: self.to_method,
            complexity,
            closures,
            range: f.range,
        });
    }

    fn visit_class(&mut self, c: &StmtClassDef) {
        let qualname = format!("{}{}", self.scope, c.name);
        let (lineno, col) = keyword_position(self.text, self.lines, &c.name, &["class"]);
        let mut real = 1;
        let mut max_lines = lineno;
        let mut methods = Vec::new();
        let mut inner = Vec::new();
        let scope = format!("{qualname}.");
        for child in &c.body {
            let mut v = CcVisitor::new(self.text, self.lines, true, &scope);
            v.visit_stmt(child);
            real += v.complexity + v.functions.iter().map(|f| f.complexity).sum::<u32>();
            max_lines = max_lines.max(v.max_line());
            methods.append(&mut v.functions);
            inner.append(&mut v.classes);
        }
        let endline = methods.iter().map(|m| m.endline).fold(max_lines, u32::max);
        self.classes.push(Class {
            name: c.name.to_string(),
            qualname,
            lineno,
            col,
            endline,
            methods,
            inner,
            real,
            range: c.range,
        });
    }
}

/// The line and byte column of the `def`/`class` keyword (`async def` starts at `async`), which
/// is where CPython puts `lineno`/`col_offset`; the statement's range starts at its first decorator.
/// `keywords` are the tokens before the name, nearest first, as the tree says they are (`async`
/// only when the function is async): only blanks and backslash continuations can separate them,
/// so a decorator whose name ends in `async` (`@to_async`) is never taken for the keyword.
fn keyword_position(
    text: &str,
    lines: &LineIndex,
    name: &Identifier,
    keywords: &[&str],
) -> (u32, u32) {
    let mut start = name.start().to_usize();
    for keyword in keywords {
        match keyword_before(text, start, keyword) {
            Some(at) => start = at,
            None => break,
        }
    }
    let offset = TextSize::try_from(start).expect("offsets of a parsed text fit in u32");
    (lines.line(offset), lines.col(offset))
}

/// Where `keyword` starts when it is the token that ends before `end`, across blanks (space, tab,
/// form feed) and backslash continuations.
fn keyword_before(text: &str, end: usize, keyword: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = end;
    loop {
        while i > 0 && matches!(b[i - 1], b' ' | b'\t' | b'\x0c') {
            i -= 1;
        }
        let continuation = [&b"\\\r\n"[..], b"\\\n", b"\\\r"]
            .into_iter()
            .find(|c| b[..i].ends_with(c));
        match continuation {
            Some(c) => i -= c.len(),
            None => break,
        }
    }
    text[..i].ends_with(keyword).then(|| i - keyword.len())
}

impl<'a> Visitor<'a> for CcVisitor<'_, '_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(f) => self.visit_function(f),
            Stmt::ClassDef(c) => self.visit_class(c),
            Stmt::Assert(_) => self.complexity += 1,
            _ => {
                self.saw(stmt);
                self.complexity += match stmt {
                    Stmt::If(_) => 1,
                    Stmt::For(s) => 1 + u32::from(!s.orelse.is_empty()),
                    Stmt::While(s) => 1 + u32::from(!s.orelse.is_empty()),
                    Stmt::Try(s) if !s.is_star => {
                        s.handlers.len() as u32 + u32::from(!s.orelse.is_empty())
                    }
                    Stmt::Match(s) => {
                        let wildcard = s.cases.iter().any(|case| {
                            matches!(&case.pattern, Pattern::MatchAs(p) if p.pattern.is_none())
                        });
                        (s.cases.len() as u32).saturating_sub(u32::from(wildcard))
                    }
                    _ => 0,
                };
                visitor::walk_stmt(self, stmt);
            }
        }
    }

    fn visit_elif_else_clause(&mut self, clause: &'a ElifElseClause) {
        // CPython nests an `elif` as an `If` in the `orelse`; a plain `else` is no node.
        if clause.test.is_some() {
            self.saw(clause);
            self.complexity += 1;
        }
        visitor::walk_elif_else_clause(self, clause);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.saw(expr);
        self.complexity += match expr {
            Expr::BoolOp(e) => e.values.len() as u32 - 1,
            Expr::If(_) => 1,
            _ => 0,
        };
        visitor::walk_expr(self, expr);
    }

    fn visit_comprehension(&mut self, comprehension: &'a Comprehension) {
        self.complexity += 1 + comprehension.ifs.len() as u32;
        visitor::walk_comprehension(self, comprehension);
    }

    fn visit_except_handler(&mut self, handler: &'a ExceptHandler) {
        self.saw(handler);
        visitor::walk_except_handler(self, handler);
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        self.saw(pattern);
        visitor::walk_pattern(self, pattern);
    }

    fn visit_keyword(&mut self, keyword: &'a Keyword) {
        self.saw(keyword);
        visitor::walk_keyword(self, keyword);
    }

    fn visit_parameter(&mut self, parameter: &'a Parameter) {
        self.saw(parameter);
        visitor::walk_parameter(self, parameter);
    }

    fn visit_alias(&mut self, alias: &'a ruff_python_ast::Alias) {
        self.saw(alias);
    }
}

#[cfg(test)]
mod keyword_tests {
    use super::keyword_before;

    #[test]
    fn keywords_are_found_across_blanks_and_continuations_only() {
        assert_eq!(keyword_before("def f", 4, "def"), Some(0));
        assert_eq!(keyword_before("async  def f", 11, "def"), Some(7));
        assert_eq!(keyword_before("async  def f", 7, "async"), Some(0));
        assert_eq!(keyword_before("def \\\n  f", 8, "def"), Some(0));
        assert_eq!(keyword_before("async \\\r\n def", 10, "async"), Some(0));
        assert_eq!(keyword_before("@to_async\ndef", 10, "async"), None);
    }
}
