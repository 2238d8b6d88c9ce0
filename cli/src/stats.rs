//! `antipasta stats` (compat-spec §2.10, §7): totals and distributions of the code's metrics,
//! overall, by directory or by module, as a table, JSON or CSV, or all nine from one analysis.
//! The files are found and analysed as `check` finds and analyses them (its configuration, its
//! matcher, its cache: a warm `stats` reads no file); the statistics are `engine::stats`'.

use std::path::PathBuf;

use anyhow::Context;
use engine::Metric;
use engine::stats::{FileStats, Group, Overall, Summary};

use crate::Exit;
use crate::args::{PathStyle, StatsArgs, StatsFormat};
use crate::json::{Json, py_float};
use crate::printer::{self, Status};

/// `check`'s arguments, to resolve the configuration and the files exactly as it does.
/// The prefix groups of `-m` (compat-spec §2.10).
fn group(prefix: &str) -> Option<Vec<Metric>> {
    use Metric::*;
    Some(match prefix {
        "loc" => vec![
            LinesOfCode,
            LogicalLinesOfCode,
            SourceLinesOfCode,
            CommentLines,
            BlankLines,
        ],
        "cyc" => vec![CyclomaticComplexity],
        "cog" => vec![CognitiveComplexity],
        "mai" => vec![MaintainabilityIndex],
        "hal" => vec![
            HalsteadVolume,
            HalsteadDifficulty,
            HalsteadEffort,
            HalsteadTime,
            HalsteadBugs,
        ],
        "all" => Metric::ALL.to_vec(),
        _ => return None,
    })
}

/// The requested metrics in the order given, each once; unknown names are warned about.
fn metrics(names: &[String]) -> Vec<Metric> {
    let mut out: Vec<Metric> = Vec::new();
    let names: Vec<&str> = match names.is_empty() {
        true => vec!["loc"],
        false => names.iter().map(String::as_str).collect(),
    };
    for name in names {
        let found = group(name).or_else(|| Metric::from_name(name).map(|m| vec![m]));
        match found {
            Some(ms) => {
                for m in ms {
                    if !out.contains(&m) {
                        out.push(m);
                    }
                }
            }
            None => printer::note(&format!(
                "Warning: Unknown metric '{name}'. Available prefixes: loc, cyc, cog, hal, mai, all"
            )),
        }
    }
    out
}

pub(crate) fn run(args: &StatsArgs) -> anyhow::Result<Exit> {
    if args.depth < 0 {
        printer::note("antipasta: error: --depth must be 0 (unlimited) or more");
        return Ok(Exit::Error);
    }
    let status = Status { quiet: false };
    let wanted = metrics(&args.metric);
    let cwd = std::env::current_dir().context("failed to read the current directory")?;
    let mut argv: Vec<std::ffi::OsString> = vec!["stats".into(), "-d".into()];
    argv.push(args.directory.clone().into());
    if let Some(c) = &args.config {
        argv.extend(["-c".into(), c.clone().into()]);
    }
    argv.extend(args.select.argv());
    let check_args = crate::check::as_check(argv)?;
    let Some(setup) = crate::check::setup(&check_args, &cwd, status, crate::check::Layout::Legacy)?
    else {
        return Ok(Exit::Error);
    };
    let (mut files, warnings) = engine::discover::discover(&setup.request)?;
    for w in warnings {
        status.warning(&w);
    }
    let base = crate::check::absolute(&cwd, &args.directory);
    if !args.pattern.is_empty() {
        let mut b = ignore::overrides::OverrideBuilder::new(&base);
        for p in &args.pattern {
            b.add(p).with_context(|| format!("invalid pattern '{p}'"))?;
        }
        let globs = b.build().context("invalid pattern")?;
        files.retain(|f| globs.matched(f, false).is_whitelist());
    }
    if files.is_empty() {
        status.line("No files found matching the specified patterns.");
        return Ok(Exit::Clean);
    }
    status.line(&format!("Found {} files matching patterns", files.len()));
    status.line(&format!("  - {} python files ✓", files.len()));
    status.line(&format!("\nAnalyzing {} Python files...", files.len()));
    let (store, opts) = crate::check::side_run(&args.analysis, &setup, status)?;
    let analysis = engine::analyze(&files, &opts, store.as_ref());
    std::mem::forget(store);
    if analysis.interrupted {
        return Ok(crate::signals::exit().unwrap_or(Exit::Interrupted));
    }
    let mut stats = Vec::new();
    for r in &analysis.reports {
        let rel = r.path.strip_prefix(&base).unwrap_or(&r.path).to_path_buf();
        match &r.result {
            Ok(m) => stats.push(FileStats::of(rel, m, setup.config.mi_multi)),
            // Listed, and left out of the statistics; the exit code stays 0.
            Err(e) => printer::note(&format!(
                "error: {}: {} [{}]",
                printer::shown_path(&rel),
                printer::shown_text(&e.to_string()),
                e.class()
            )),
        }
    }
    let depth = args.depth as usize;
    let mode = match (args.by_directory, args.by_module) {
        (true, _) => Mode::Directory,
        (false, true) => Mode::Module,
        (false, false) => Mode::Overall,
    };
    if args.format == StatsFormat::All {
        return write_all(args, &stats, &wanted);
    }
    let text = render(mode, args.format, &stats, &wanted, depth, args.path_style);
    match &args.output {
        Some(path) => {
            crate::output::write_atomically(path, &text)
                .with_context(|| format!("failed to write {}", printer::shown_path(path)))?;
            status.line(&format!("✓ Saved to {}", path.display()));
        }
        None => printer::out(&text),
    }
    Ok(Exit::Clean)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Overall,
    Directory,
    Module,
}

fn render(
    mode: Mode,
    format: StatsFormat,
    stats: &[FileStats],
    wanted: &[Metric],
    depth: usize,
    style: PathStyle,
) -> String {
    let groups = |mode: Mode| match mode {
        Mode::Directory => located(
            engine::stats::by_directory(stats, wanted, depth),
            stats,
            style,
        ),
        _ => engine::stats::by_module(stats, wanted),
    };
    match (mode, format) {
        (Mode::Overall, StatsFormat::Json) => overall_json(&engine::stats::overall(stats, wanted)),
        (Mode::Overall, StatsFormat::Csv) => overall_csv(&engine::stats::overall(stats, wanted)),
        (Mode::Overall, _) => overall_table(&engine::stats::overall(stats, wanted)),
        (m, StatsFormat::Json) => groups_json(&groups(m)),
        (m, StatsFormat::Csv) => groups_csv(&groups(m)),
        (m, _) => groups_table(&groups(m), m),
    }
}

/// `--format all`: nine files into `-o DIR` (default `.`): overall, by directory (depth 1,
/// relative) and by module, each as JSON, CSV and text.
fn write_all(args: &StatsArgs, stats: &[FileStats], wanted: &[Metric]) -> anyhow::Result<Exit> {
    let dir = args.output.clone().unwrap_or_else(|| PathBuf::from("."));
    printer::note(&format!("\nGenerating all reports in {}...", dir.display()));
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("failed to create {}", printer::shown_path(&dir)))?;
    for (mode, stem, what) in [
        (Mode::Overall, "stats_overall", "Overall statistics"),
        (
            Mode::Directory,
            "stats_by_directory",
            "Directory statistics",
        ),
        (Mode::Module, "stats_by_module", "Module statistics"),
    ] {
        for (format, ext) in [
            (StatsFormat::Json, "json"),
            (StatsFormat::Csv, "csv"),
            (StatsFormat::Table, "txt"),
        ] {
            let path = dir.join(format!("{stem}.{ext}"));
            let text = render(mode, format, stats, wanted, 1, PathStyle::Relative);
            crate::output::write_atomically(&path, &text)
                .with_context(|| format!("failed to write {}", printer::shown_path(&path)))?;
            printer::note(&format!(
                "  ✓ {what} ({}): {}",
                ext.to_uppercase(),
                path.display()
            ));
        }
    }
    let overall = engine::stats::overall(stats, wanted);
    printer::note("\n✅ Generated 9 report files from a single analysis!");
    printer::note(&format!("   Total files analyzed: {}", overall.files));
    printer::note(&format!("   Total functions found: {}", overall.functions));
    if let Some(loc) = &overall.loc {
        printer::note(&format!("   Total LOC: {}", thousands(loc.total)));
    }
    Ok(Exit::Clean)
}

/// Directory locations as `--path-style` shows them: relative to the files' common base (the
/// base itself by its own name, or `.`), the last two components, or in full; the first two
/// truncated to 30 characters as `...` and the tail.
fn located(groups: Vec<Group>, stats: &[FileStats], style: PathStyle) -> Vec<Group> {
    let base = engine::stats::common_base(stats);
    let truncate = |s: String| match s.chars().count() > 30 {
        true => {
            let tail: String = s.chars().skip(s.chars().count() - 27).collect();
            format!("...{tail}")
        }
        false => s,
    };
    groups
        .into_iter()
        .map(|mut g| {
            let path = PathBuf::from(&g.location);
            let own_name = || {
                base.file_name()
                    .map_or(".".to_string(), |n| n.to_string_lossy().into_owned())
            };
            g.location = match style {
                PathStyle::Full if g.location.is_empty() => ".".to_string(),
                PathStyle::Full => g.location.clone(),
                PathStyle::Relative => match path.strip_prefix(&base) {
                    Ok(r) if r.as_os_str().is_empty() => own_name(),
                    Ok(r) => truncate(r.to_string_lossy().replace('\\', "/")),
                    Err(_) => truncate(g.location.clone()),
                },
                PathStyle::Parent => {
                    let parts: Vec<String> = path
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    match parts.len() {
                        0 => own_name(),
                        n => truncate(parts[n.saturating_sub(2)..].join("/")),
                    }
                }
            };
            g
        })
        .collect()
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn title(mode: Mode) -> &'static str {
    match mode {
        Mode::Overall => "CODE METRICS STATISTICS",
        Mode::Directory => "CODE METRICS BY DIRECTORY",
        Mode::Module => "CODE METRICS BY MODULE",
    }
}

fn header(mode: Mode) -> String {
    let t = title(mode);
    let rule = "=".repeat(if t.len() > 30 { 80 } else { 60 });
    format!("\n{rule}\n{t}\n{rule}\n")
}

/// `lines_of_code` → `Lines Of Code`.
fn metric_title(m: Metric) -> String {
    m.name()
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn overall_table(o: &Overall) -> String {
    let mut t = header(Mode::Overall);
    t.push_str("\nFILE STATISTICS:\n");
    t.push_str(&format!("  Total files: {}\n", o.files));
    if let Some(loc) = &o.loc {
        t.push_str(&format!("  Total LOC: {}\n", thousands(loc.total)));
        t.push_str(&format!("  Average LOC per file: {:.1}\n", loc.avg));
        t.push_str(&format!("  Min LOC: {:.1}\n", loc.min));
        t.push_str(&format!("  Max LOC: {:.1}\n", loc.max));
        if loc.std_dev > 0.0 {
            t.push_str(&format!("  Standard deviation: {:.1}\n", loc.std_dev));
        }
    }
    t.push_str("\nFUNCTION STATISTICS:\n");
    t.push_str(&format!("  Total functions: {}\n", o.functions));
    if o.complexity.count > 0 {
        t.push_str(&format!("  Average complexity: {:.1}\n", o.complexity.avg));
        t.push_str(&format!("  Min complexity: {:.1}\n", o.complexity.min));
        t.push_str(&format!("  Max complexity: {:.1}\n", o.complexity.max));
    }
    for (m, s) in &o.metrics {
        t.push_str(&format!(
            "\n{} STATISTICS:\n",
            metric_title(*m).to_uppercase()
        ));
        t.push_str(&format!("  Count: {}\n", s.count));
        t.push_str(&format!("  Average: {:.2}\n", s.avg));
        t.push_str(&format!("  Min: {:.2}\n", s.min));
        t.push_str(&format!("  Max: {:.2}\n", s.max));
    }
    t
}

fn summary_json(s: &Summary) -> Json {
    Json::Obj(vec![
        ("count", Json::Int(s.count as i64)),
        ("avg", Json::Float(s.avg)),
        ("min", Json::Float(s.min)),
        ("max", Json::Float(s.max)),
        ("std_dev", Json::Float(s.std_dev)),
    ])
}

fn overall_json(o: &Overall) -> String {
    let mut files = vec![("count", Json::Int(o.files as i64))];
    if let Some(loc) = &o.loc {
        files.extend([
            ("total_loc", Json::Int(loc.total as i64)),
            ("avg_loc", Json::Float(loc.avg)),
            ("min_loc", Json::Float(loc.min)),
            ("max_loc", Json::Float(loc.max)),
            ("std_dev", Json::Float(loc.std_dev)),
        ]);
    }
    let mut functions = vec![("count", Json::Int(o.functions as i64))];
    if o.complexity.count > 0 {
        functions.extend([
            ("avg_complexity", Json::Float(o.complexity.avg)),
            ("min_complexity", Json::Float(o.complexity.min)),
            ("max_complexity", Json::Float(o.complexity.max)),
        ]);
    }
    let mut fields = vec![
        ("files", Json::Obj(files)),
        ("functions", Json::Obj(functions)),
    ];
    fields.extend(o.metrics.iter().map(|(m, s)| (m.name(), summary_json(s))));
    Json::Obj(fields).pretty() + "\n"
}

fn overall_csv(o: &Overall) -> String {
    let mut rows: Vec<(String, String)> = vec![("Total Files".into(), o.files.to_string())];
    if let Some(loc) = &o.loc {
        rows.push(("Total LOC".into(), loc.total.to_string()));
        rows.push(("Average LOC per File".into(), py_float(loc.avg)));
    }
    rows.push(("Total Functions".into(), o.functions.to_string()));
    if o.complexity.count > 0 {
        rows.push((
            "Average Function Complexity".into(),
            py_float(o.complexity.avg),
        ));
    }
    for (m, s) in &o.metrics {
        rows.push((format!("{} count", m.name()), s.count.to_string()));
        for (stat, v) in [
            ("avg", s.avg),
            ("min", s.min),
            ("max", s.max),
            ("std_dev", s.std_dev),
        ] {
            rows.push((format!("{} {stat}", m.name()), py_float(v)));
        }
    }
    let mut out = String::from("Metric,Value\n");
    for (k, v) in rows {
        out.push_str(&format!("{k},{v}\n"));
    }
    out
}

/// A group's fields by key, sorted by key (`avg_<metric>`, `avg_file_loc`, `file_count`,
/// `function_count`, `total_loc`): the order of the table's metric columns and of the CSV.
fn fields(g: &Group) -> Vec<(String, Json)> {
    let mut f: Vec<(String, Json)> = vec![
        ("file_count".into(), Json::Int(g.file_count as i64)),
        ("function_count".into(), Json::Int(g.function_count as i64)),
    ];
    if let (Some(total), Some(avg)) = (g.total_loc, g.avg_file_loc) {
        f.push(("total_loc".into(), Json::Int(total as i64)));
        f.push(("avg_file_loc".into(), Json::Float(avg)));
    }
    for (m, v) in &g.avgs {
        f.push((format!("avg_{}", m.name()), Json::Float(*v)));
    }
    f.sort_by(|a, b| a.0.cmp(&b.0));
    f
}

fn groups_json(groups: &[Group]) -> String {
    let map = groups
        .iter()
        .map(|g| (g.location.clone(), Json::Map(fields(g))))
        .collect();
    Json::Map(map).pretty() + "\n"
}

fn groups_csv(groups: &[Group]) -> String {
    let Some(first) = groups.first() else {
        return "location\n".to_string();
    };
    let keys: Vec<String> = fields(first).into_iter().map(|(k, _)| k).collect();
    let mut out = format!("location,{}\n", keys.join(","));
    for g in groups {
        let values: Vec<String> = fields(g).into_iter().map(|(_, v)| v.compact()).collect();
        let loc = crate::output::csv::field(&g.location);
        out.push_str(&format!("{loc},{}\n", values.join(",")));
    }
    out
}

fn groups_table(groups: &[Group], mode: Mode) -> String {
    let cell = |s: &str, w: usize| {
        let s: String = s.chars().take(w).collect();
        format!("{s:<w$}")
    };
    let with_loc = groups.first().is_some_and(|g| g.total_loc.is_some());
    let mut metric_keys: Vec<(String, Metric)> = groups
        .first()
        .map(|g| {
            g.avgs
                .iter()
                .map(|(m, _)| (format!("avg_{}", m.name()), *m))
                .collect()
        })
        .unwrap_or_default();
    metric_keys.sort();
    let mut head = vec![
        cell("Location", 30),
        cell("Files", 8),
        cell("Functions", 10),
    ];
    if with_loc {
        head.push(cell("Avg File LOC", 12));
        head.push(cell("Total LOC", 10));
    }
    for (_, m) in &metric_keys {
        head.push(cell(&format!("Avg {}", metric_title(*m)), 15));
    }
    let head = head.join(" ");
    let mut t = header(mode);
    t.push('\n');
    t.push_str(&head);
    t.push('\n');
    t.push_str(&"-".repeat(head.chars().count()));
    t.push('\n');
    for g in groups {
        let mut row = vec![
            cell(&g.location, 30),
            cell(&g.file_count.to_string(), 8),
            cell(&g.function_count.to_string(), 10),
        ];
        if let (Some(total), Some(avg)) = (g.total_loc, g.avg_file_loc) {
            row.push(cell(&format!("{avg:.1}"), 12));
            row.push(cell(&total.to_string(), 10));
        }
        for (_, m) in &metric_keys {
            let v = g.avgs.iter().find(|(x, _)| x == m).map_or(0.0, |(_, v)| *v);
            row.push(cell(&format!("{v:.2}"), 15));
        }
        t.push_str(&row.join(" "));
        t.push('\n');
    }
    t
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_separators() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1234), "1,234");
        assert_eq!(super::thousands(1_234_567), "1,234,567");
    }
}
