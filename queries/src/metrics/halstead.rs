//! Halstead metrics, exactly as radon 6.0.1 `h_visit` computes them (`HalsteadVisitor`).
//!
//! Only five node types count (shared/design/metric-semantics.md §3): `BinOp`, `UnaryOp`,
//! `BoolOp`, `AugAssign` and `Compare`. Operators are op class names; operands are
//! `(context, key)` pairs where the context is the bare name of the innermost enclosing def
//! (none at module level) and the key is a name's id, an attribute's name or a constant's
//! value compared as Python compares them — any other operand node is distinct from every other.
//! A def's decorators, defaults and annotations are never visited. radon lists one entry per def
//! its module visitor reaches (module-level defs and methods of classes at any depth, not
//! closures); a closure's counts fold into its enclosing entry.

use rustc_hash::FxHashSet as HashSet;

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{BoolOp, CmpOp, Expr, Number, Operator, Stmt, StmtFunctionDef, UnaryOp};
use ruff_text_size::{Ranged, TextSize};

/// The four counts every Halstead figure is derived from.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct HalsteadCounts {
    /// Distinct operators.
    pub h1: u32,
    /// Distinct operands.
    pub h2: u32,
    /// Operator occurrences.
    pub n1: u32,
    /// Operand occurrences.
    pub n2: u32,
}

/// radon's `HalsteadReport`, with its floats evaluated in radon's order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Halstead {
    pub h1: u32,
    pub h2: u32,
    pub n1: u32,
    pub n2: u32,
    pub vocabulary: u32,
    pub length: u32,
    pub calculated_length: f64,
    pub volume: f64,
    pub difficulty: f64,
    pub effort: f64,
    pub time: f64,
    pub bugs: f64,
}

impl HalsteadCounts {
    /// radon's `halstead_visitor_report`. `log(x, 2)` is CPython's `log(x) / log(2)`, not `log2`.
    pub fn report(self) -> Halstead {
        let HalsteadCounts { h1, h2, n1, n2 } = self;
        let log2 = |x: u32| f64::from(x).ln() / 2f64.ln();
        let vocabulary = h1 + h2;
        let length = n1 + n2;
        let calculated_length = if h1 != 0 && h2 != 0 {
            f64::from(h1) * log2(h1) + f64::from(h2) * log2(h2)
        } else {
            0.0
        };
        let volume = if vocabulary != 0 {
            f64::from(length) * log2(vocabulary)
        } else {
            0.0
        };
        let difficulty = if h2 != 0 {
            // An exact integer product, as Python's ints are, then one division.
            (u64::from(h1) * u64::from(n2)) as f64 / (2 * u64::from(h2)) as f64
        } else {
            0.0
        };
        let effort = difficulty * volume;
        Halstead {
            h1,
            h2,
            n1,
            n2,
            vocabulary,
            length,
            calculated_length,
            volume,
            difficulty,
            effort,
            time: effort / 18.0,
            bugs: volume / 3000.0,
        }
    }
}

/// The module total and one entry per def radon lists, keyed by the start of the def statement
/// (its first decorator).
pub(crate) struct HalsteadFile {
    pub(crate) total: HalsteadCounts,
    pub(crate) functions: Vec<(TextSize, HalsteadCounts)>,
}

pub(crate) fn halstead(text: &str, body: &[Stmt]) -> HalsteadFile {
    let mut walker = Walker {
        text,
        ..Walker::default()
    };
    for stmt in body {
        walker.visit_stmt(stmt);
    }
    HalsteadFile {
        total: walker.total.counts(),
        functions: walker.entries,
    }
}

/// An operand as Python's `set` tells operands apart.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key<'a> {
    /// A name's id, an attribute's name, or a `str` constant: `x`, `.x` and `"x"` are one key.
    Text(&'a str),
    Bytes(Vec<u8>),
    /// A number equal to an integer (bools, integral floats, `0j`), so that `1 == 1.0 == True`.
    Int(u128),
    /// An integer past `u128`: little-endian 32-bit limbs without trailing zeros, so that big
    /// without trailing zeros, so that `1 == 1.0 == True` and big literals compare exactly.
    BigInt(Vec<u32>),
    /// A float that is not an integer, by its bits (literals are never negative or NaN).
    Float(u64),
    /// An imaginary literal with a non-zero imaginary part (its real part is always 0).
    Imaginary(u64),
    None,
    Ellipsis,
    /// A string with lone surrogates (`'\ud800'`), which ruff decodes to U+FFFD: keyed by its
    /// source text, so that different surrogates stay different.
    Surrogates(String),
    /// Any other node: distinct from every other operand, as a node object hashed by identity.
    Node(u32),
}

#[derive(Default)]
struct Sets<'a> {
    operators: HashSet<&'static str>,
    operands: HashSet<(Option<&'a str>, Key<'a>)>,
    /// Operands that are other nodes: each distinct from every other operand, so counted, not
    /// kept (a file of deep unary chains has one per byte).
    nodes: u32,
    n1: u32,
    n2: u32,
}

impl Sets<'_> {
    fn counts(&self) -> HalsteadCounts {
        HalsteadCounts {
            h1: self.operators.len() as u32,
            h2: self.operands.len() as u32 + self.nodes,
            n1: self.n1,
            n2: self.n2,
        }
    }
}

#[derive(Default)]
struct Walker<'a> {
    text: &'a str,
    /// The bare name of the innermost enclosing def; `None` at module level and in class bodies.
    context: Option<&'a str>,
    total: Sets<'a>,
    /// The entry being filled: the outermost def the module visitor reached.
    entry: Option<Sets<'a>>,
    entries: Vec<(TextSize, HalsteadCounts)>,
    next_node: u32,
}

impl<'a> Walker<'a> {
    fn record(&mut self, operators: &[&'static str], operands: &[&'a Expr]) {
        let keys: Vec<_> = operands.iter().map(|e| self.key(e)).collect();
        for sets in std::iter::once(&mut self.total).chain(self.entry.as_mut()) {
            sets.n1 += operators.len() as u32;
            sets.n2 += operands.len() as u32;
            sets.operators.extend(operators);
            for k in &keys {
                match k {
                    Key::Node(_) => sets.nodes += 1,
                    k => {
                        sets.operands.insert((self.context, k.clone()));
                    }
                }
            }
        }
    }

    fn key(&mut self, expr: &'a Expr) -> Key<'a> {
        match expr {
            Expr::Name(e) => Key::Text(e.id.as_str()),
            Expr::Attribute(e) => Key::Text(e.attr.as_str()),
            Expr::StringLiteral(e) => {
                let value = e.value.to_str();
                if value.contains('\u{FFFD}') {
                    let source: Vec<_> = e.value.iter().map(|p| &self.text[p.range()]).collect();
                    if source.iter().any(|s| has_surrogate_escape(s)) {
                        return Key::Surrogates(source.join("\0"));
                    }
                }
                Key::Text(value)
            }
            Expr::BytesLiteral(e) => Key::Bytes(
                e.value
                    .iter()
                    .flat_map(|part| part.value.iter().copied())
                    .collect(),
            ),
            Expr::BooleanLiteral(e) => Key::Int(u128::from(e.value)),
            Expr::NoneLiteral(_) => Key::None,
            Expr::EllipsisLiteral(_) => Key::Ellipsis,
            Expr::NumberLiteral(e) => match &e.value {
                Number::Int(i) => match i.as_u64() {
                    Some(v) => Key::Int(u128::from(v)),
                    None => int_key(int_limbs(&i.to_string())),
                },
                Number::Float(f) => float_key(*f),
                Number::Complex { imag, .. } if *imag == 0.0 => Key::Int(0),
                Number::Complex { imag, .. } => Key::Imaginary(imag.to_bits()),
            },
            _ => {
                self.next_node += 1;
                Key::Node(self.next_node)
            }
        }
    }

    fn visit_function(&mut self, f: &'a StmtFunctionDef) {
        let outer = self.context.replace(f.name.as_str());
        let starts_entry = self.entry.is_none();
        if starts_entry {
            self.entry = Some(Sets::default());
        }
        self.visit_body(&f.body);
        if starts_entry && let Some(sets) = self.entry.take() {
            self.entries.push((f.start(), sets.counts()));
        }
        self.context = outer;
    }
}

impl<'a> Visitor<'a> for Walker<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(f) => self.visit_function(f),
            Stmt::AugAssign(s) => {
                self.record(&[operator_name(s.op)], &[&s.target, &s.value]);
                visitor::walk_stmt(self, stmt);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::BinOp(e) => self.record(&[operator_name(e.op)], &[&e.left, &e.right]),
            Expr::UnaryOp(e) => self.record(&[unary_name(e.op)], &[&e.operand]),
            Expr::BoolOp(e) => {
                let name = match e.op {
                    BoolOp::And => "And",
                    BoolOp::Or => "Or",
                };
                let values: Vec<&Expr> = e.values.iter().collect();
                self.record(&[name], &values);
            }
            Expr::Compare(e) => {
                let ops: Vec<_> = e.ops.iter().map(|op| compare_name(*op)).collect();
                let operands: Vec<&Expr> = e
                    .comparators
                    .iter()
                    .chain(std::iter::once(&*e.left))
                    .collect();
                self.record(&ops, &operands);
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}

fn operator_name(op: Operator) -> &'static str {
    match op {
        Operator::Add => "Add",
        Operator::Sub => "Sub",
        Operator::Mult => "Mult",
        Operator::MatMult => "MatMult",
        Operator::Div => "Div",
        Operator::Mod => "Mod",
        Operator::Pow => "Pow",
        Operator::LShift => "LShift",
        Operator::RShift => "RShift",
        Operator::BitOr => "BitOr",
        Operator::BitXor => "BitXor",
        Operator::BitAnd => "BitAnd",
        Operator::FloorDiv => "FloorDiv",
    }
}

fn unary_name(op: UnaryOp) -> &'static str {
    match op {
        UnaryOp::Invert => "Invert",
        UnaryOp::Not => "Not",
        UnaryOp::UAdd => "UAdd",
        UnaryOp::USub => "USub",
    }
}

fn compare_name(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "Eq",
        CmpOp::NotEq => "NotEq",
        CmpOp::Lt => "Lt",
        CmpOp::LtE => "LtE",
        CmpOp::Gt => "Gt",
        CmpOp::GtE => "GtE",
        CmpOp::Is => "Is",
        CmpOp::IsNot => "IsNot",
        CmpOp::In => "In",
        CmpOp::NotIn => "NotIn",
    }
}

/// Whether a string literal's source has a `\uD800`–`\uDFFF` (or `\U0000D800`…) escape.
fn has_surrogate_escape(source: &str) -> bool {
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            let rest = &source[i + 1..];
            let hex = if let Some(r) = rest.strip_prefix('u') {
                r.get(..4)
            } else if let Some(r) = rest.strip_prefix("U0000") {
                r.get(..4)
            } else {
                None
            };
            if let Some(code) = hex.and_then(|h| u32::from_str_radix(h, 16).ok())
                && (0xD800..=0xDFFF).contains(&code)
            {
                return true;
            }
            i += 2; // an escaped backslash must not start another escape
        } else {
            i += 1;
        }
    }
    false
}

/// The one key of an integer given as limbs: `Int` when it fits in `u128`.
fn int_key(mut limbs: Vec<u32>) -> Key<'static> {
    while limbs.last() == Some(&0) {
        limbs.pop();
    }
    if limbs.len() <= 4 {
        Key::Int(
            limbs
                .iter()
                .rev()
                .fold(0u128, |acc, &l| (acc << 32) | u128::from(l)),
        )
    } else {
        Key::BigInt(limbs)
    }
}

fn limbs(mut value: u128) -> Vec<u32> {
    let mut out = Vec::new();
    while value != 0 {
        out.push(value as u32);
        value >>= 32;
    }
    out
}

/// The value of an integer literal as ruff spells it (decimal, or the token with its `0x`/`0o`/
/// `0b` prefix for values past `u64`; underscores allowed).
fn int_limbs(literal: &str) -> Vec<u32> {
    let lower = literal.to_ascii_lowercase();
    let (radix, digits) = match lower.get(..2) {
        Some("0x") => (16, &lower[2..]),
        Some("0o") => (8, &lower[2..]),
        Some("0b") => (2, &lower[2..]),
        _ => (10, &lower[..]),
    };
    let mut out: Vec<u32> = Vec::new();
    for digit in digits.chars().filter_map(|c| c.to_digit(radix)) {
        // out = out * radix + digit
        let mut carry = u64::from(digit);
        for limb in &mut out {
            let v = u64::from(*limb) * u64::from(radix) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            out.push(carry as u32);
        }
    }
    out
}

fn float_key(f: f64) -> Key<'static> {
    if !f.is_finite() || f.fract() != 0.0 {
        return Key::Float(f.to_bits());
    }
    // An integral float is mantissa × 2^exponent exactly.
    let bits = f.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    if exponent == 0 {
        return Key::Int(0); // 0.0 (subnormals are never integral)
    }
    let mantissa = (bits & ((1 << 52) - 1)) | (1 << 52);
    let shift = exponent - 1075;
    if shift <= 0 {
        return Key::Int(u128::from(mantissa >> -shift));
    }
    let mut out = vec![0u32; (shift / 32) as usize];
    let wide = u128::from(mantissa) << (shift % 32);
    out.extend(limbs(wide));
    int_key(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_as_python_compares_them() {
        assert_eq!(float_key(1.0), Key::Int(1));
        assert_eq!(float_key(0.0), Key::Int(0));
        assert_eq!(float_key(0.5), Key::Float(0.5f64.to_bits()));
        assert_eq!(int_limbs("4294967296"), vec![0, 1]);
        assert_eq!(float_key(4294967296.0), Key::Int(1 << 32));
        assert_eq!(
            int_limbs("0x1_0000_0000_0000_0000_0000"),
            vec![0, 0, 0x10000]
        );
        assert_eq!(float_key(2f64.powi(80)), Key::Int(1 << 80));
        assert_eq!(float_key(2f64.powi(80)), int_key(vec![0, 0, 0x10000]));
        // 2**53 + 1 is not representable: the float literal is 2**53.
        assert_ne!(int_limbs("9007199254740993"), int_limbs("9007199254740992"));
        assert_eq!(
            float_key(9007199254740993.0),
            int_key(int_limbs("9007199254740992"))
        );
        assert_eq!(float_key(1e300), float_key(1e300));
        // Past u128: 2**200 as a float and as a hexadecimal literal.
        let hex = format!("0x1{}", "0".repeat(50));
        assert_eq!(float_key(2f64.powi(200)), int_key(int_limbs(&hex)));
        assert!(matches!(float_key(2f64.powi(200)), Key::BigInt(_)));
    }
}
