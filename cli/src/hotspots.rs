//! `antipasta hotspots` (antipasta 1.2's `vcs`, compat-spec §2.12): churn in a window of commits
//! (`git log --numstat` along first parents), complexity at HEAD, hotspot score = commits ×
//! complexity (the file's worst function's cyclomatic complexity; a function's own), ranked; a
//! function churned when its body hash changed between a commit and its parent; and the files
//! changed together. Blobs are computed once, through the same store as `check`.

use std::collections::{BTreeMap, HashMap};

use anyhow::Context;
use engine::BlockKind;
use engine::hotspots::{Churn, Coupling};

use crate::Exit;
use crate::args::{HotspotsArgs, HotspotsFormat};
use crate::json::Json;
use crate::printer::{self, Status};

type Results = HashMap<engine::store::Oid, Result<engine::FileMetrics, engine::FileError>>;

/// The cyclomatic complexity of each function with a row (methods, functions not nested in one).
fn complexities(m: &engine::FileMetrics) -> Vec<(&str, u32)> {
    m.functions
        .iter()
        .filter(|f| match f.kind {
            BlockKind::Method => true,
            BlockKind::Function => !f.inner,
            BlockKind::Class => false,
        })
        .map(|f| (f.qualname.as_str(), f.metrics.cyclomatic))
        .collect()
}

struct Ranked {
    path: String,
    function: Option<String>,
    churn: Churn,
    complexity: u32,
}

impl Ranked {
    fn score(&self) -> u64 {
        self.churn.commits * u64::from(self.complexity)
    }
}

pub(crate) fn run(args: &HotspotsArgs) -> anyhow::Result<Exit> {
    let status = Status { quiet: false };
    let cwd = std::env::current_dir().context("failed to read the current directory")?;
    let dir = args
        .repo
        .as_ref()
        .map_or(cwd.clone(), |r| crate::check::absolute(&cwd, r));
    let repo = engine::git::Repo::discover(&dir)?;
    let workdir = repo.workdir().to_path_buf();
    let mut argv: Vec<std::ffi::OsString> = vec!["hotspots".into()];
    if let Some(c) = &args.config {
        argv.extend(["-c".into(), c.clone().into()]);
    }
    let check_args = crate::check::as_check(argv)?;
    let Some(setup) =
        crate::check::setup(&check_args, &workdir, status, crate::check::Layout::Legacy)?
    else {
        return Ok(Exit::Error);
    };
    let select = engine::discover::selector(&setup.request)?;
    let since = match args.window.as_str() {
        "all" => None,
        w => Some(crate::dates::since(w, crate::dates::now())?),
    };
    let changes = engine::hotspots::changes(&workdir, since).map_err(anyhow::Error::msg)?;
    let at_head: BTreeMap<String, engine::store::Oid> = repo
        .files_at("HEAD")?
        .into_iter()
        .filter(|b| select(&b.path))
        .filter_map(|b| {
            let rel = b.path.strip_prefix(&workdir).ok()?;
            Some((rel.to_string_lossy().replace('\\', "/"), b.oid))
        })
        .collect();
    let keep = |p: &str| at_head.contains_key(p);
    status.line(&format!(
        "{} commits in the window, {} files at HEAD",
        changes.len(),
        at_head.len()
    ));
    let (store, opts) = crate::check::side_run(&args.analysis, &setup, status)?;
    let read = |oid: &engine::store::Oid| repo.read(oid).map_err(|e| e.to_string());
    let mut known: Results = HashMap::new();
    let compute = |blobs: Vec<engine::git::Blob>, known: &mut Results| {
        let fresh: Vec<engine::git::Blob> = blobs
            .into_iter()
            .filter(|b| !known.contains_key(&b.oid))
            .collect();
        if fresh.is_empty() {
            return;
        }
        let analysis = engine::analyze_blobs(&fresh, &read, &opts, store.as_ref());
        for (b, r) in fresh.iter().zip(analysis.reports) {
            known.insert(b.oid, r.result);
        }
    };
    let blob = |rel: &str, oid: engine::store::Oid| engine::git::Blob {
        path: workdir.join(rel),
        oid,
    };
    compute(
        at_head.iter().map(|(p, o)| blob(p, *o)).collect(),
        &mut known,
    );
    // Per function: the commits whose version of it differs from their parent's.
    let mut function_churn: BTreeMap<(String, String), Churn> = BTreeMap::new();
    // Along first parents a commit's parent is the next commit looked at: its tree, listed as
    // the parent's, is kept for it.
    let mut kept: Option<(String, BTreeMap<String, engine::store::Oid>)> = None;
    for c in &changes {
        let touched: Vec<&(String, u64, u64)> = c.files.iter().filter(|f| keep(&f.0)).collect();
        if touched.is_empty() {
            continue;
        }
        let tree = |rev: &str| -> BTreeMap<String, engine::store::Oid> {
            repo.files_at(rev)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|b| {
                    let rel = b.path.strip_prefix(&workdir).ok()?;
                    Some((rel.to_string_lossy().replace('\\', "/"), b.oid))
                })
                .collect()
        };
        let now_tree = match kept.take() {
            Some((id, t)) if id == c.commit => t,
            _ => tree(&c.commit),
        };
        let parent = repo.first_parent(&c.commit);
        let parent_tree = parent.as_deref().map(tree).unwrap_or_default();
        let mut wanted = Vec::new();
        for (path, _, _) in &touched {
            for t in [&now_tree, &parent_tree] {
                if let Some(oid) = t.get(path.as_str()) {
                    wanted.push(blob(path, *oid));
                }
            }
        }
        compute(wanted, &mut known);
        for (path, added, deleted) in touched {
            let Some(Ok(after)) = now_tree.get(path.as_str()).map(|o| &known[o]) else {
                continue;
            };
            let before = parent_tree
                .get(path.as_str())
                .and_then(|o| known[o].as_ref().ok());
            for q in engine::hotspots::changed_functions(before, after) {
                let e = function_churn.entry((path.clone(), q)).or_default();
                e.commits += 1;
                e.lines += added + deleted;
            }
        }
        kept = parent.map(|id| (id, parent_tree));
    }
    std::mem::forget(store);
    let head = |path: &str| at_head.get(path).and_then(|o| known[o].as_ref().ok());
    let mut files: Vec<Ranked> = engine::hotspots::file_churn(&changes, &keep)
        .into_iter()
        .map(|(path, churn)| {
            let complexity = head(&path)
                .map(|m| complexities(m).iter().map(|(_, c)| *c).max().unwrap_or(0))
                .unwrap_or(0);
            Ranked {
                path,
                function: None,
                churn,
                complexity,
            }
        })
        .collect();
    let mut functions: Vec<Ranked> = function_churn
        .into_iter()
        .filter_map(|((path, q), churn)| {
            let complexity = complexities(head(&path)?)
                .into_iter()
                .find(|(name, _)| *name == q)?
                .1;
            Some(Ranked {
                path,
                function: Some(q),
                churn,
                complexity,
            })
        })
        .collect();
    for list in [&mut files, &mut functions] {
        list.sort_by(|a, b| {
            b.score()
                .cmp(&a.score())
                .then_with(|| (&a.path, &a.function).cmp(&(&b.path, &b.function)))
        });
    }
    let pairs = engine::hotspots::coupling(&changes, &keep, args.min_support, 50);
    let out = match args.format {
        HotspotsFormat::Text => text(&files, &functions, &pairs, args.top),
        HotspotsFormat::Json => json(&files, &functions, &pairs, args.top, changes.len()),
    };
    printer::out(&out);
    Ok(crate::signals::exit().unwrap_or(Exit::Clean))
}

fn table(rows: Vec<Vec<String>>) -> String {
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for r in &rows {
        let cells: Vec<String> = r
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

fn ranked_rows(list: &[Ranked], top: usize, functions: bool) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        "score".to_string(),
        "commits".into(),
        "lines".into(),
        "complexity".into(),
        if functions { "function" } else { "file" }.into(),
    ]];
    for r in list.iter().take(top) {
        rows.push(vec![
            r.score().to_string(),
            r.churn.commits.to_string(),
            r.churn.lines.to_string(),
            r.complexity.to_string(),
            match &r.function {
                Some(f) => format!("{f}  {}", r.path),
                None => r.path.clone(),
            },
        ]);
    }
    rows
}

fn text(files: &[Ranked], functions: &[Ranked], pairs: &[Coupling], top: usize) -> String {
    let mut out = String::from(
        "Hotspots: files (score = commits × the worst function's cyclomatic complexity)\n",
    );
    out.push_str(&table(ranked_rows(files, top, false)));
    out.push_str(
        "\nHotspots: functions (commits that changed its body × its cyclomatic complexity)\n",
    );
    out.push_str(&table(ranked_rows(functions, top, true)));
    out.push_str("\nChange coupling (files changed together)\n");
    let mut rows = vec![vec![
        "support".to_string(),
        "confidence".into(),
        "files".into(),
    ]];
    for p in pairs.iter().take(top) {
        rows.push(vec![
            p.support.to_string(),
            format!("{:.2} / {:.2}", p.confidence_ab, p.confidence_ba),
            format!("{} ↔ {}", p.a, p.b),
        ]);
    }
    out.push_str(&table(rows));
    out
}

fn json(
    files: &[Ranked],
    functions: &[Ranked],
    pairs: &[Coupling],
    top: usize,
    commits: usize,
) -> String {
    let ranked = |r: &Ranked| {
        let mut fields = vec![("path", Json::str(&r.path))];
        if let Some(f) = &r.function {
            fields.push(("function", Json::str(f)));
        }
        fields.extend([
            ("commits", Json::Int(r.churn.commits as i64)),
            ("lines_changed", Json::Int(r.churn.lines as i64)),
            ("complexity", Json::Int(i64::from(r.complexity))),
            ("score", Json::Int(r.score() as i64)),
        ]);
        Json::Obj(fields)
    };
    Json::Obj(vec![
        ("commits", Json::Int(commits as i64)),
        (
            "files",
            Json::Arr(files.iter().take(top).map(ranked).collect()),
        ),
        (
            "functions",
            Json::Arr(functions.iter().take(top).map(ranked).collect()),
        ),
        (
            "coupling",
            Json::Arr(
                pairs
                    .iter()
                    .take(top)
                    .map(|p| {
                        Json::Obj(vec![
                            ("a", Json::str(&p.a)),
                            ("b", Json::str(&p.b)),
                            ("support", Json::Int(p.support as i64)),
                            ("confidence_a_b", Json::Float(p.confidence_ab)),
                            ("confidence_b_a", Json::Float(p.confidence_ba)),
                        ])
                    })
                    .collect(),
            ),
        ),
    ])
    .pretty()
        + "\n"
}
