//! Pure analysis of Python source: salsa queries from a file's text to the metrics of each of its
//! functions. No IO, no threads, no clock; every query is a function of its inputs.
//!
//! The graph: [`SourceFile`] → [`functions`] (parses, walks once, creates one [`Function`] per
//! block radon reports) → [`fn_metrics`] → [`file_metrics`]. The AST is never memoised: `functions`
//! parses, computes every metric on that tree and drops it (shared/design/engine.md §3.3).
#![deny(clippy::disallowed_methods)]

mod metrics;
pub mod phases;
pub mod suppression;
mod syntax;

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

pub use metrics::{
    BlockKind, Cognitive, Halstead, HalsteadCounts, Metric, RawMetrics, maintainability_index,
    mi_rank,
};
pub use syntax::SyntaxError;

/// A hash of this crate's sources (build.rs): what a stored result was computed by.
pub const SOURCE_FINGERPRINT: &str = env!("QUERIES_SOURCE_FINGERPRINT");

use metrics::cognitive::cognitive;
use metrics::cyclomatic::cyclomatic;
use metrics::halstead::halstead;
use metrics::raw::raw;
use syntax::LineIndex;

/// The salsa database the queries run on; the concrete one lives in `engine`.
#[salsa::db]
pub trait Db: salsa::Database {}

/// A Python file's text. Set only when the content really changed: setters always invalidate.
#[salsa::input(debug)]
pub struct SourceFile {
    #[returns(deref)]
    pub text: Arc<str>,
}

/// A function, method or class as radon reports it. Identity is its qualified name and shape,
/// and which occurrence of that name in the file it is (redefinitions, `@overload` stubs);
/// content and position are tracked apart, so lines inserted above it re-run nothing that reads
/// only its metrics. The occurrence is counted here, not left to salsa's disambiguator: salsa
/// finds that by probing entries of equal identity hash, quadratic in the redefinitions (10 MB of
/// one `def f` repeated took 117 s).
#[salsa::tracked(debug)]
pub struct Function<'db> {
    #[returns(ref)]
    pub qualname: String,
    /// radon's name for it (`Class.method`, closures `method.inner`).
    #[returns(ref)]
    pub radon_name: String,
    #[returns(copy)]
    pub kind: BlockKind,
    /// Listed only by `radon cc --show-closures`: closures, inner classes and their methods.
    #[returns(copy)]
    pub inner: bool,
    #[returns(copy)]
    pub occurrence: u32,
    #[tracked]
    #[returns(ref)]
    pub body: FnBody,
    #[tracked]
    #[returns(copy)]
    pub span: Span,
    /// The suppression comments annotating it.
    #[tracked]
    #[returns(ref)]
    pub ignores: Vec<suppression::Marker>,
}

/// What a function's metrics depend on: a hash of its text, and the metrics computed from it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FnBody {
    /// FNV-1a of the function's source, from the start of its first line; stable across builds.
    pub hash: u64,
    pub metrics: FnMetrics,
}

/// The metrics of one function, method or class.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct FnMetrics {
    pub cyclomatic: u32,
    /// For classes: radon's `real_complexity` (the sum before averaging) and its method count.
    pub class_real_cc: u32,
    pub class_methods: u32,
    /// radon's per-function Halstead counts, for the defs `h_visit` lists (not closures, not
    /// classes).
    pub halstead: Option<HalsteadCounts>,
    /// complexipy's score, for the defs complexipy reports (the same defs as `halstead`).
    pub cognitive: Option<Cognitive>,
}

/// Where a function is: 1-based lines, 0-based byte column of the `def`/`class` keyword.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Span {
    pub lineno: u32,
    pub col: u32,
    /// radon's `endline`: the largest start line seen in the last statement (not the real end).
    pub endline: u32,
    /// The real last line.
    pub end_lineno: u32,
    /// The first decorator's line, or `lineno`.
    pub decorator_lineno: u32,
}

/// The functions of a file and the metrics that belong to the module as a whole.
#[derive(Clone, Debug, PartialEq, Eq, salsa::SalsaValue)]
pub struct Functions<'db> {
    pub items: Vec<Function<'db>>,
    pub module: ModuleMetrics,
}

/// Module-level results; a file that does not parse has only `error`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ModuleMetrics {
    pub error: Option<SyntaxError>,
    /// `None` when radon's raw pass would fail on a file that parses (docs/deviations.md).
    pub raw: Option<RawMetrics>,
    /// radon's module total complexity, the MI's input.
    pub cc_total: u32,
    /// radon's `h_visit(...).total`.
    pub halstead: HalsteadCounts,
    /// complexipy's file total: the functions not ignored plus module-level code.
    pub cognitive_total: u32,
    /// `# antipasta: ignore-file[…]` comments in the first 10 lines.
    pub ignore_file: Vec<suppression::Marker>,
}

impl ModuleMetrics {
    /// radon's `mi_visit(source, multi)`; `None` when the file does not parse or radon's raw pass
    /// fails on it.
    pub fn maintainability_index(&self, multi: bool) -> Option<f64> {
        let raw = self.raw.as_ref()?;
        let volume = self.halstead.report().volume;
        Some(maintainability_index(volume, self.cc_total, raw, multi))
    }
}

/// Parses the file, computes every metric on the tree, and creates the functions.
#[salsa::tracked(returns(ref))]
pub fn functions(db: &dyn Db, file: SourceFile) -> Functions<'_> {
    let text = file.text(db);
    let lines = LineIndex::new(text);
    let parse = syntax::parse(text, &lines);
    if parse.error.is_some() {
        // The metrics that need no tree: radon's raw counts are token-based, and radon computes
        // them on a file `ast` rejects. Only from the file's own tokens, and not where the lexer
        // itself failed (CPython's tokenizer raises there, and radon with it).
        let lexed = !parse.refused
            && !parse
                .parsed
                .errors()
                .iter()
                .any(|e| matches!(e.error, ruff_python_parser::ParseErrorType::Lexical(_)));
        let raw = lexed.then(|| raw(text, parse.parsed.tokens())).flatten();
        let error = parse.error.clone();
        syntax::dispose(parse);
        return Functions {
            items: Vec::new(),
            module: ModuleMetrics {
                error,
                raw,
                ..ModuleMetrics::default()
            },
        };
    }
    let parsed = &parse.parsed;
    let raw = raw(text, parsed.tokens());
    let cc = cyclomatic(text, &parsed.syntax().body, &lines);
    let halstead = halstead(text, &parsed.syntax().body);
    let halstead_of: HashMap<_, _> = halstead.functions.iter().copied().collect();
    let cognitive = cognitive(text, &parsed.syntax().body, parsed.tokens());
    let cognitive_of: HashMap<_, _> = cognitive.functions.iter().copied().collect();
    let markers = suppression::Markers::find(text, parsed.tokens(), &lines);
    // Which definition of its (qualified name, radon name) each block is.
    let mut seen: HashMap<(&str, &str), u32> = HashMap::default();
    let occurrences: Vec<u32> = cc
        .blocks
        .iter()
        .map(|b| {
            let n = seen
                .entry((b.qualname.as_str(), b.radon_name.as_str()))
                .and_modify(|n| *n += 1)
                .or_insert(0);
            *n
        })
        .collect();
    drop(seen);
    let items = cc
        .blocks
        .into_iter()
        .zip(occurrences)
        .map(|(b, occurrence)| {
            let first_line = lines.line_start(lines.line(b.range.start()));
            let source = &text[first_line.to_usize()..b.range.end().to_usize()];
            let span = Span {
                lineno: b.lineno,
                col: b.col,
                endline: b.endline,
                end_lineno: lines.line(b.range.end()),
                decorator_lineno: lines.line(b.range.start()),
            };
            let metrics = FnMetrics {
                cyclomatic: b.cc,
                class_real_cc: b.class_real_cc,
                class_methods: b.class_methods,
                halstead: halstead_of.get(&b.range.start()).copied(),
                cognitive: cognitive_of.get(&b.range.start()).copied(),
            };
            let body = FnBody {
                hash: xxhash_rust::xxh3::xxh3_64(source.as_bytes()),
                metrics,
            };
            let ignores = markers
                .as_ref()
                .map_or_else(Vec::new, |m| m.block(span.decorator_lineno, b.lineno));
            Function::new(
                db,
                b.qualname,
                b.radon_name,
                b.kind,
                b.inner,
                occurrence,
                body,
                span,
                ignores,
            )
        })
        .collect();
    Functions {
        items,
        module: ModuleMetrics {
            error: None,
            raw,
            cc_total: cc.total,
            halstead: halstead.total,
            cognitive_total: cognitive.total,
            ignore_file: markers.as_ref().map_or_else(Vec::new, |m| m.file()),
        },
    }
}

/// The metrics of one function: a cut-off point, so that an edit that leaves them equal (a
/// comment, a rename of a local) stops here.
#[salsa::tracked(returns(copy))]
pub fn fn_metrics<'db>(db: &'db dyn Db, function: Function<'db>) -> FnMetrics {
    function.body(db).metrics
}

/// Everything reported about one file: plain data, sorted by position.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct FileMetrics {
    pub module: ModuleMetrics,
    pub functions: Vec<FunctionRow>,
}

/// One function of [`FileMetrics`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct FunctionRow {
    pub qualname: String,
    /// A hash of the function's source from the start of its first line: across revisions a
    /// function is its qualified name, and this says whether its body changed. [`file_metrics`]
    /// leaves it 0 (so that an edit that changes no metric stays backdated there); the driver
    /// fills it from [`body_hashes`].
    pub body_hash: u64,
    pub radon_name: String,
    pub kind: BlockKind,
    pub inner: bool,
    pub span: Span,
    pub metrics: FnMetrics,
    /// Its suppression comments (`# antipasta: ignore…`, `# noqa…`).
    pub ignores: Vec<suppression::Marker>,
    /// Which definition of this qualified name it is, counting from 0 (`if …: def f` / `else: def f`).
    pub occurrence: u32,
}

#[salsa::tracked(returns(ref))]
pub fn file_metrics(db: &dyn Db, file: SourceFile) -> FileMetrics {
    let funcs = functions(db, file);
    let functions = funcs
        .items
        .iter()
        .map(|&f| FunctionRow {
            qualname: f.qualname(db).clone(),
            body_hash: 0,
            radon_name: f.radon_name(db).clone(),
            kind: f.kind(db),
            inner: f.inner(db),
            span: f.span(db),
            metrics: fn_metrics(db, f),
            ignores: f.ignores(db).clone(),
            occurrence: f.occurrence(db),
        })
        .collect();
    FileMetrics {
        module: funcs.module.clone(),
        functions,
    }
}

/// The body hash of each function of [`file_metrics`], in the same order.
#[salsa::tracked(returns(ref))]
pub fn body_hashes(db: &dyn Db, file: SourceFile) -> Vec<u64> {
    functions(db, file)
        .items
        .iter()
        .map(|f| f.body(db).hash)
        .collect()
}
