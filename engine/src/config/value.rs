//! A configuration document as a plain tree, so that validation can be lax and collect every
//! error the way the original's pydantic model did: YAML read with serde-saphyr (bounded: alias
//! bombs and deep nesting are refused), `[tool.antipasta]` of a `pyproject.toml` read with
//! toml's span-keeping parser (also depth-bounded), each key's line kept.

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Value>),
    Map(Vec<(String, Value)>),
}

impl Value {
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

pub(crate) fn parse(text: &str) -> Result<Value, String> {
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    serde_saphyr::from_str::<Value>(text).map_err(|e| e.to_string())
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<KeyString, Value>()? {
            entries.push((k.0, v));
        }
        Ok(Value::Map(entries))
    }
}

/// A mapping key; YAML allows scalars of any type there, pydantic saw them as strings.
struct KeyString(String);

impl<'de> Deserialize<'de> for KeyString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<KeyString, D::Error> {
        match Value::deserialize(d)? {
            Value::Str(s) => Ok(KeyString(s)),
            Value::Int(i) => Ok(KeyString(i.to_string())),
            Value::Float(f) => Ok(KeyString(f.to_string())),
            Value::Bool(b) => Ok(KeyString(if b { "True" } else { "False" }.to_string())),
            Value::Null => Ok(KeyString("None".to_string())),
            _ => Err(de::Error::custom("a mapping key must be a scalar")),
        }
    }
}

/// Where each key of a document is spelt, by key path (`["languages", "0", "metrics"]`).
pub(crate) type Lines = HashMap<Vec<String>, usize>;

/// The `[tool.antipasta]` table of a `pyproject.toml` and the line of each key under it; `None`
/// when the file has no such table (ruff skips such a pyproject the same way). Keys come in the
/// order they are written, as in YAML.
pub(crate) fn pyproject(text: &str) -> Result<Option<(Value, Lines)>, String> {
    use toml::de::{DeTable, DeValue};
    let doc = DeTable::parse(text).map_err(|e| {
        let line = e.span().map(|s| line_at(text, s.start));
        let msg = e.message().trim_end().to_string();
        match line {
            Some(n) => format!("line {n}: {msg}"),
            None => msg,
        }
    })?;
    let tool = doc.get_ref().get("tool").map(|t| t.get_ref());
    let Some(DeValue::Table(tool)) = tool else {
        return Ok(None);
    };
    let Some(table) = tool.get("antipasta") else {
        return Ok(None);
    };
    let mut lines = Lines::new();
    let value = from_toml(text, table, &mut Vec::new(), &mut lines);
    Ok(Some((value, lines)))
}

fn from_toml(
    text: &str,
    v: &toml::Spanned<toml::de::DeValue<'_>>,
    at: &mut Vec<String>,
    lines: &mut Lines,
) -> Value {
    use toml::de::DeValue;
    match v.get_ref() {
        DeValue::String(s) => Value::Str(s.to_string()),
        DeValue::Integer(i) => {
            let digits = i.as_str().replace('_', "");
            let (sign, digits) = match digits.strip_prefix('-') {
                Some(d) => (-1, d.to_string()),
                None => (1, digits.trim_start_matches('+').to_string()),
            };
            let digits = match i.radix() {
                10 => digits.as_str(),
                _ => &digits[2..],
            };
            match i64::from_str_radix(digits, i.radix()) {
                Ok(n) => Value::Int(sign * n),
                Err(_) => {
                    Value::Float(digits.parse::<f64>().unwrap_or(f64::INFINITY) * sign as f64)
                }
            }
        }
        DeValue::Float(f) => {
            let s = f.as_str().replace('_', "");
            let s = s.trim_start_matches('+');
            Value::Float(match s {
                "inf" => f64::INFINITY,
                "-inf" => f64::NEG_INFINITY,
                "nan" | "-nan" => f64::NAN,
                s => s.parse().unwrap_or(f64::NAN),
            })
        }
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::Str(d.to_string()),
        DeValue::Array(items) => Value::Seq(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    at.push(i.to_string());
                    lines.insert(at.clone(), line_at(text, item.span().start));
                    let v = from_toml(text, item, at, lines);
                    at.pop();
                    v
                })
                .collect(),
        ),
        DeValue::Table(table) => {
            let mut entries: Vec<_> = table.iter().collect();
            entries.sort_by_key(|(k, _)| k.span().start);
            Value::Map(
                entries
                    .into_iter()
                    .map(|(k, item)| {
                        at.push(k.get_ref().to_string());
                        lines.insert(at.clone(), line_at(text, k.span().start));
                        let v = from_toml(text, item, at, lines);
                        at.pop();
                        (k.get_ref().to_string(), v)
                    })
                    .collect(),
            )
        }
    }
}

/// The 1-based line of a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
