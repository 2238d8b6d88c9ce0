//! The analysis of one text cut after each stage, without salsa, so that `benches/` can measure
//! what each metric costs. Each function returns a small number derived from its work so that
//! the work cannot be optimised away.

use crate::metrics::cognitive::cognitive;
use crate::metrics::cyclomatic::cyclomatic;
use crate::metrics::halstead::halstead;
use crate::metrics::maintainability::maintainability_index;
use crate::metrics::raw::raw;
use crate::syntax::{self, LineIndex};

/// Parse only (with CPython's limits).
pub fn parse(text: &str) -> u64 {
    let lines = LineIndex::new(text);
    let parse = syntax::parse(text, &lines);
    let n = parse.parsed.syntax().body.len() as u64;
    syntax::dispose(parse);
    n
}

/// Parse, raw counts and cyclomatic complexity: the analysis without Halstead and MI.
pub fn without_halstead(text: &str) -> u64 {
    analyse(text, false, false)
}

/// Parse, raw counts, cyclomatic, Halstead and both MIs.
pub fn with_halstead(text: &str) -> u64 {
    analyse(text, true, false)
}

/// Everything `functions` computes: the above and cognitive complexity.
pub fn with_cognitive(text: &str) -> u64 {
    analyse(text, true, true)
}

fn analyse(text: &str, with_halstead: bool, with_cognitive: bool) -> u64 {
    let lines = LineIndex::new(text);
    let parse = syntax::parse(text, &lines);
    if parse.error.is_some() {
        syntax::dispose(parse);
        return 0;
    }
    let parsed = &parse.parsed;
    let body = &parsed.syntax().body;
    let raw = raw(text, parsed.tokens());
    let cc = cyclomatic(text, body, &lines);
    let mut out = u64::from(cc.total) + cc.blocks.len() as u64;
    if with_halstead {
        let h = halstead(text, body);
        out += h.functions.len() as u64;
        if let Some(raw) = &raw {
            let volume = h.total.report().volume;
            for multi in [true, false] {
                out += maintainability_index(volume, cc.total, raw, multi) as u64;
            }
        }
    }
    if with_cognitive {
        out += u64::from(cognitive(text, body, parsed.tokens()).total);
    }
    out
}
