//! `antipasta dump`: every computed metric as JSON Lines, with the reference oracle's key names
//! (shared/oracle/SCHEMA.md), so that parity can be measured by joining the two.

use anyhow::Context;
use engine::{BlockKind, FileReport, HalsteadCounts};

use crate::Exit;
use crate::args::DumpArgs;
use crate::check::{absolute, display_path, jobs};
use crate::json::Json;
use crate::printer;

pub(crate) fn run(args: &DumpArgs) -> anyhow::Result<Exit> {
    let cwd = std::env::current_dir().context("failed to read the current directory")?;
    let inputs = if args.paths.is_empty() {
        vec![cwd.clone()]
    } else {
        args.paths.iter().map(|p| absolute(&cwd, p)).collect()
    };
    let request = engine::discover::Request {
        inputs,
        root: cwd.clone(),
        extensions: vec![".py".to_string()],
        force: true,
        ..Default::default()
    };
    let (files, _) = engine::discover::discover(&request)?;
    let analysis = engine::analyze(
        &files,
        &engine::Options {
            max_file_size: engine::config::DEFAULT_MAX_FILE_SIZE,
            jobs: jobs(args.jobs)?,
            root: &cwd,
            needed: None,
            progress: None,
            stop: Some(&crate::signals::requested),
            max_memory: None,
        },
        None,
    );
    if let Some(exit) = crate::signals::exit() {
        return Ok(exit);
    }
    let reports = analysis.reports;
    let lines: Vec<Json> = reports.iter().map(|r| file_json(r, &cwd)).collect();
    printer::json_lines(&lines);
    Ok(Exit::Clean)
}

fn file_json(report: &FileReport, cwd: &std::path::Path) -> Json {
    let path = ("path", Json::str(display_path(&report.path, cwd)));
    let m = match &report.result {
        // A file that does not parse keeps the metrics that need no tree, marked partial.
        Err(e) => {
            return Json::Obj(vec![
                path,
                ("error", Json::str(e.to_string())),
                ("error_class", Json::str(e.class())),
                ("partial", Json::Bool(e.partial().is_some())),
                ("raw", Json::opt(e.partial(), raw_json)),
            ]);
        }
        Ok(m) => m,
    };
    let raw = Json::opt(m.module.raw, raw_json);
    let functions = m
        .functions
        .iter()
        .map(|f| {
            let mut fields = vec![
                ("kind", Json::str(f.kind.name())),
                ("qualname", Json::str(&f.qualname)),
                ("name", Json::str(&f.radon_name)),
                ("lineno", Json::Int(f.span.lineno.into())),
                ("col_offset", Json::Int(f.span.col.into())),
                (
                    "decorator_lineno",
                    Json::Int(f.span.decorator_lineno.into()),
                ),
                ("end_lineno", Json::Int(f.span.end_lineno.into())),
                ("radon_inner", Json::Bool(f.inner)),
                ("endline", Json::Int(f.span.endline.into())),
                ("cc", Json::Int(f.metrics.cyclomatic.into())),
                ("halstead", Json::opt(f.metrics.halstead, halstead_json)),
            ];
            if let Some(c) = f.metrics.cognitive {
                fields.extend([
                    ("cognitive", Json::Int(c.score.into())),
                    ("cognitive_name", Json::str(f.qualname.replace('.', "::"))),
                    (
                        "cognitive_line_start",
                        Json::Int(f.span.decorator_lineno.into()),
                    ),
                    ("cognitive_line_end", Json::Int(f.span.end_lineno.into())),
                    ("cognitive_ignored", Json::Bool(c.ignored)),
                ]);
            }
            if f.kind == BlockKind::Class {
                fields.push(("class_real_cc", Json::Int(f.metrics.class_real_cc.into())));
                fields.push((
                    "class_method_count",
                    Json::Int(f.metrics.class_methods.into()),
                ));
            }
            Json::Obj(fields)
        })
        .collect();
    Json::Obj(vec![
        path,
        ("error", Json::Null),
        ("raw", raw),
        ("cc_total", Json::Int(m.module.cc_total.into())),
        ("halstead", halstead_json(m.module.halstead)),
        (
            "cognitive_total",
            Json::Int(m.module.cognitive_total.into()),
        ),
        (
            "mi",
            Json::opt(m.module.maintainability_index(true), Json::Float),
        ),
        (
            "mi_nomulti",
            Json::opt(m.module.maintainability_index(false), Json::Float),
        ),
        ("functions", Json::Arr(functions)),
    ])
}

fn raw_json(r: engine::RawMetrics) -> Json {
    Json::Obj(vec![
        ("loc", Json::Int(r.loc.into())),
        ("lloc", Json::Int(r.lloc.into())),
        ("sloc", Json::Int(r.sloc.into())),
        ("comments", Json::Int(r.comments.into())),
        ("multi", Json::Int(r.multi.into())),
        ("blank", Json::Int(r.blank.into())),
        ("single_comments", Json::Int(r.single_comments.into())),
    ])
}

fn halstead_json(counts: HalsteadCounts) -> Json {
    let h = counts.report();
    Json::Obj(vec![
        ("h1", Json::Int(h.h1.into())),
        ("h2", Json::Int(h.h2.into())),
        ("N1", Json::Int(h.n1.into())),
        ("N2", Json::Int(h.n2.into())),
        ("vocabulary", Json::Int(h.vocabulary.into())),
        ("length", Json::Int(h.length.into())),
        ("calculated_length", Json::Float(h.calculated_length)),
        ("volume", Json::Float(h.volume)),
        ("difficulty", Json::Float(h.difficulty)),
        ("effort", Json::Float(h.effort)),
        ("time", Json::Float(h.time)),
        ("bugs", Json::Float(h.bugs)),
    ])
}
