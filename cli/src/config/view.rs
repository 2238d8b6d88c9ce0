//! `config view` (compat-spec §2.9): the model as antipasta 1.2 shows it, in five formats.

use std::path::Path;

use engine::config::{Config, Scope};

use crate::Exit;
use crate::args::ViewFormat;
use crate::json::{Json, py_float};
use crate::printer;

pub(super) fn run(path: &Path, format: ViewFormat) -> Exit {
    let shown = printer::shown_path(path);
    if !path.is_file() {
        printer::note(&format!("Error: Configuration file not found: {shown}"));
        printer::note("Run 'antipasta config generate' to create a configuration file.");
        return Exit::Error;
    }
    if format == ViewFormat::Raw {
        // The text as it is, valid or not (bug 15: only raw shows an invalid file).
        return match std::fs::read(path) {
            Ok(bytes) => {
                printer::out(&String::from_utf8_lossy(&bytes));
                printer::out("\n");
                Exit::Clean
            }
            Err(e) => {
                printer::note(&format!("❌ Error loading configuration: {shown}: {e}"));
                Exit::Error
            }
        };
    }
    let config = match super::load(path) {
        Ok(c) => c,
        Err(engine::config::Error::Invalid(problems)) => {
            printer::note(&format!("❌ Configuration validation failed: {shown}"));
            for p in problems {
                printer::note(&format!("  - {}", p.located()));
            }
            return Exit::Error;
        }
        Err(e) => {
            printer::note(&format!("❌ Error loading configuration: {e}"));
            return Exit::Error;
        }
    };
    let text = match format {
        ViewFormat::Summary => summary(&config, &shown),
        ViewFormat::Table => table(&config),
        ViewFormat::Json => format!("{}\n", model(&config).pretty()),
        ViewFormat::Yaml => format!("{}\n\n", yaml(&model(&config), 0)),
        ViewFormat::Raw => unreachable!("handled above"),
    };
    printer::out(&text);
    Exit::Clean
}

/// The model as 1.2's `model_dump(exclude_none=True)` orders it, then this tool's own keys.
/// `scope` appears only where it is not the default, so a 1.2 file dumps as 1.2 dumps it.
pub(crate) fn model(c: &Config) -> Json {
    let defaults = Json::Obj(
        c.defaults
            .fields()
            .into_iter()
            .map(|(key, metric, v)| match metric.is_integer() {
                true => (key, Json::Int(v as i64)),
                false => (key, Json::Float(v)),
            })
            .collect(),
    );
    let languages = c
        .languages
        .iter()
        .map(|l| {
            let metrics = l
                .metrics
                .iter()
                .map(|m| {
                    let mut entry = vec![
                        ("type", Json::str(m.metric.name())),
                        ("threshold", Json::Float(m.threshold)),
                        ("comparison", Json::str(m.comparison.symbol())),
                        ("enabled", Json::Bool(m.enabled)),
                    ];
                    if m.scope == Scope::Aggregate {
                        entry.push(("scope", Json::str("aggregate")));
                    }
                    Json::Obj(entry)
                })
                .collect();
            Json::Obj(vec![
                ("name", Json::str(&l.name)),
                (
                    "extensions",
                    Json::Arr(l.extensions.iter().map(Json::str).collect()),
                ),
                ("metrics", Json::Arr(metrics)),
            ])
        })
        .collect();
    Json::Obj(vec![
        ("defaults", defaults),
        ("languages", Json::Arr(languages)),
        (
            "ignore_patterns",
            Json::Arr(c.ignore_patterns.iter().map(Json::str).collect()),
        ),
        ("use_gitignore", Json::Bool(c.use_gitignore)),
        ("profile", Json::str(&c.profile)),
        ("fail_on_file_errors", Json::Bool(c.fail_on_file_errors)),
        ("max_file_size", Json::Int(c.max_file_size as i64)),
        ("mi_multi", Json::Bool(c.mi_multi)),
    ])
}

/// PyYAML's `yaml.dump(default_flow_style=False, sort_keys=False)` layout: block style, a list
/// under a key at the key's own indentation. No trailing newline.
fn yaml(v: &Json, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut lines: Vec<String> = Vec::new();
    match v {
        Json::Obj(entries) => {
            for (k, v) in entries {
                match v {
                    Json::Obj(e) if !e.is_empty() => {
                        lines.push(format!("{pad}{k}:"));
                        lines.push(yaml(v, indent + 2));
                    }
                    Json::Arr(items) if !items.is_empty() => {
                        lines.push(format!("{pad}{k}:"));
                        lines.push(yaml(v, indent));
                    }
                    _ => lines.push(format!("{pad}{k}: {}", scalar(v))),
                }
            }
        }
        Json::Arr(items) => {
            for item in items {
                match item {
                    Json::Obj(e) if !e.is_empty() => {
                        // The first key on the dash's line, the rest below it.
                        let body = yaml(item, indent + 2);
                        lines.push(format!("{pad}- {}", &body[indent + 2..]));
                    }
                    _ => lines.push(format!("{pad}- {}", scalar(item))),
                }
            }
        }
        _ => lines.push(format!("{pad}{}", scalar(v))),
    }
    lines.join("\n")
}

fn scalar(v: &Json) -> String {
    match v {
        Json::Null => "null".to_string(),
        Json::Bool(b) => b.to_string(),
        Json::Int(i) => i.to_string(),
        Json::Float(f) => yaml_float(*f),
        Json::Str(s) => yaml_str(s),
        Json::Arr(_) => "[]".to_string(),
        Json::Obj(_) | Json::Map(_) => "{}".to_string(),
    }
}

/// A float as PyYAML writes it (`1.0e+16` where Python's repr says `1e+16`).
pub(crate) fn yaml_float(f: f64) -> String {
    let s = py_float(f);
    match s.split_once('e') {
        Some((m, e)) if !m.contains('.') => format!("{m}.0e{e}"),
        _ => s,
    }
}

/// A string as `yaml.safe_dump` writes it: plain where that reads back as the same string,
/// else in single quotes (`'>='`, `'**/tests/**'`, `'10'`, `'yes'`).
pub(crate) fn yaml_str(s: &str) -> String {
    let lower = s.to_ascii_lowercase();
    let reserved = [
        "", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf",
        "+.inf", ".nan",
    ];
    let number = s.replace('_', "").parse::<i64>().is_ok()
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || lower.starts_with("0b")
        || (s.contains('.') && s.parse::<f64>().is_ok());
    let first = s.chars().next().unwrap_or(' ');
    let indicator = "!&*>|%@`'\"#[]{},".contains(first)
        || ["- ", "? ", ": "].iter().any(|p| s.starts_with(p))
        || s == "-"
        || s == "?"
        || s == ":";
    let inside = s.contains(": ") || s.contains(" #") || s.ends_with(':');
    let space = s.starts_with(' ') || s.ends_with(' ');
    let control = s.chars().any(|c| c.is_control());
    if control {
        return format!("{s:?}");
    }
    if reserved.contains(&lower.as_str()) || number || indicator || inside || space {
        format!("'{}'", s.replace('\'', "''"))
    } else {
        s.to_string()
    }
}

/// Python's `str()` of a threshold: whole-number fields as integers, the rest as floats.
fn py_value(v: f64, integer: bool) -> String {
    match integer {
        true => format!("{}", v as i64),
        false => py_float(v),
    }
}

fn summary(c: &Config, shown: &str) -> String {
    let rule = "━".repeat(50);
    let d = &c.defaults;
    let mut out = format!("Configuration: {shown}\nStatus: ✅ Valid\n\nTHRESHOLDS\n{rule}\n");
    let rows = [
        (
            "Cyclomatic Complexity",
            "≤",
            py_value(d.max_cyclomatic_complexity, true),
        ),
        (
            "Cognitive Complexity",
            "≤",
            py_value(d.max_cognitive_complexity, true),
        ),
        (
            "Maintainability Index",
            "≥",
            py_value(d.min_maintainability_index, false),
        ),
        (
            "Halstead Volume",
            "≤",
            py_value(d.max_halstead_volume, false),
        ),
        (
            "Halstead Difficulty",
            "≤",
            py_value(d.max_halstead_difficulty, false),
        ),
        (
            "Halstead Effort",
            "≤",
            py_value(d.max_halstead_effort, false),
        ),
    ];
    for (name, op, value) in rows {
        out.push_str(&format!("{name:<25} {op} {value}\n"));
    }
    out.push_str(&format!("\nLANGUAGES\n{rule}\n"));
    if c.languages.is_empty() {
        out.push_str("No languages configured\n\n");
    }
    for l in &c.languages {
        let mut name = l.name.to_lowercase();
        if let Some(first) = name.get(..1).map(str::to_uppercase) {
            name.replace_range(..1, &first);
        }
        let enabled = l.metrics.iter().filter(|m| m.enabled).count();
        out.push_str(&format!(
            "{name} ({})\n  ✓ {enabled} metrics configured\n\n",
            l.extensions.join(", ")
        ));
    }
    if !c.ignore_patterns.is_empty() {
        out.push_str(&format!(
            "IGNORE PATTERNS ({})\n{rule}\n",
            c.ignore_patterns.len()
        ));
        for p in &c.ignore_patterns {
            out.push_str(&format!("• {p}\n"));
        }
        out.push('\n');
    }
    let yes = if c.use_gitignore { "Yes" } else { "No" };
    out.push_str(&format!("Using .gitignore: {yes}\n"));
    out
}

fn table(c: &Config) -> String {
    const WIDTH: usize = 60;
    let rule = |b: &str| {
        let b: Vec<char> = b.chars().collect();
        format!("{}{}{}\n", b[0], b[1].to_string().repeat(WIDTH), b[2])
    };
    let row = |text: &str| {
        let pad = WIDTH.saturating_sub(text.chars().count());
        format!("║{text}{}║\n", " ".repeat(pad))
    };
    let title = " ANTIPASTA CONFIGURATION ";
    let left = (WIDTH - title.len()) / 2;
    let centred = format!(
        "{}{title}{}",
        " ".repeat(left),
        " ".repeat(WIDTH - title.len() - left)
    );
    let mut out = rule("╔═╗") + &row(&centred) + &rule("╠═╣");
    out += &row(" DEFAULT THRESHOLDS");
    out += &rule("╟─╢");
    // 1.2's model order, each key title-cased.
    for (key, _, value) in c.defaults.fields() {
        let name: Vec<String> = key
            .split('_')
            .map(|w| {
                let mut w = w.to_string();
                w[..1].make_ascii_uppercase();
                w
            })
            .collect();
        let op = if key.starts_with("min_") { ">=" } else { "<=" };
        out += &row(&format!("  {:<35} {op} {value:>10.1}", name.join(" ")));
    }
    if !c.languages.is_empty() {
        out += &rule("╟─╢");
        out += &row(" LANGUAGES");
        out += &rule("╟─╢");
        for l in &c.languages {
            out += &row(&format!(
                "  {}: {} metrics, {} extensions",
                l.name,
                l.metrics.len(),
                l.extensions.len()
            ));
        }
    }
    if !c.ignore_patterns.is_empty() {
        out += &rule("╟─╢");
        out += &row(&format!(" IGNORE PATTERNS ({})", c.ignore_patterns.len()));
        out += &rule("╟─╢");
        for p in c.ignore_patterns.iter().take(5) {
            let text = format!("  {p}");
            let text = match text.chars().count() > WIDTH {
                true => text.chars().take(WIDTH - 3).collect::<String>() + "...",
                false => text,
            };
            out += &row(&text);
        }
        if c.ignore_patterns.len() > 5 {
            out += &row(&format!("  ... and {} more", c.ignore_patterns.len() - 5));
        }
    }
    out + &rule("╚═╝")
}
