//! Data-driven snapshots: every metric of every function of every fixture, as a table.

use std::sync::Arc;

#[salsa::db]
#[derive(Clone, Default)]
struct TestDb {
    storage: salsa::Storage<Self>,
}

#[salsa::db]
impl salsa::Database for TestDb {}

#[salsa::db]
impl queries::Db for TestDb {}

/// The one caller of the metric API in this test: renders a file's metrics as aligned text.
fn render(text: &str) -> String {
    let db = TestDb::default();
    let file = queries::SourceFile::new(&db, Arc::from(text));
    let m = queries::file_metrics(&db, file);
    let mut out = String::new();
    if let Some(e) = &m.module.error {
        out.push_str(&format!(
            "syntax error at {}:{}: {}{}\n",
            e.line,
            e.col,
            e.message,
            if e.limit { " (a CPython limit)" } else { "" }
        ));
        if m.module.raw.is_none() {
            return out;
        }
        out.push_str("partial, ");
    }
    match m.module.raw {
        Some(r) => out.push_str(&format!(
            "raw: loc {} lloc {} sloc {} comments {} multi {} blank {} single_comments {}\n",
            r.loc, r.lloc, r.sloc, r.comments, r.multi, r.blank, r.single_comments
        )),
        None => out.push_str("raw: radon's tokenizer would fail\n"),
    }
    if m.module.error.is_some() {
        return out;
    }
    out.push_str(&format!("cc_total: {}\n", m.module.cc_total));
    out.push_str(&format!("cognitive_total: {}\n", m.module.cognitive_total));
    out.push_str(&format!(
        "halstead: {}\n",
        halstead(m.module.halstead.report())
    ));
    for multi in [true, false] {
        if let Some(mi) = m.module.maintainability_index(multi) {
            out.push_str(&format!(
                "mi (multi={multi}): {mi:?} rank {}\n",
                queries::mi_rank(mi)
            ));
        }
    }
    out.push_str(&format!(
        "{:<8} {:<40} {:>5} {:>5} {:>7} {:>4} {}\n",
        "kind", "qualname", "line", "col", "endline", "cc", "radon name"
    ));
    for f in &m.functions {
        let inner = if f.inner { " (inner)" } else { "" };
        out.push_str(&format!(
            "{:<8} {:<40} {:>5} {:>5} {:>7} {:>4} {}{inner}\n",
            f.kind.name(),
            f.qualname,
            f.span.lineno,
            f.span.col,
            f.span.endline,
            f.metrics.cyclomatic,
            f.radon_name
        ));
        if let Some(c) = f.metrics.cognitive {
            let ignored = if c.ignored { " (ignored)" } else { "" };
            out.push_str(&format!("    cognitive: {}{ignored}\n", c.score));
        }
        if let Some(h) = f.metrics.halstead {
            out.push_str(&format!("    halstead: {}\n", halstead(h.report())));
        }
    }
    out
}

fn halstead(h: queries::Halstead) -> String {
    format!(
        "h1 {} h2 {} N1 {} N2 {} vocabulary {} length {} calculated_length {:?} volume {:?} \
         difficulty {:?} effort {:?} time {:?} bugs {:?}",
        h.h1,
        h.h2,
        h.n1,
        h.n2,
        h.vocabulary,
        h.length,
        h.calculated_length,
        h.volume,
        h.difficulty,
        h.effort,
        h.time,
        h.bugs
    )
}

#[test]
fn metrics() {
    insta::glob!(
        "../../../testdata",
        "{metrics/**/*.py,oracle/cases/*.py}",
        |path| {
            let bytes = std::fs::read(path).unwrap();
            let text =
                String::from_utf8_lossy(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes))
                    .into_owned();
            insta::assert_snapshot!(render(&text));
        }
    );
}
