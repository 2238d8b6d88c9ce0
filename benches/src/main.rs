//! Benchmarks, measured as CPU time next to wall time because the machines are shared and noisy
//! (shared/design/perf-anchors.md). Rounds are interleaved round-robin; tables give medians.
//!
//!     bench phases CORPUS [ROUNDS]   in-process, one thread: parse / + raw + cyclomatic / + Halstead + MI / + cognitive
//!     bench staged CORPUS [ROUNDS] [--json FILE]
//!                                    `check --staged` with 1 and 10 staged files (seen before, and new
//!                                    content), next to ruff C901 and complexipy on the same files, and
//!                                    the 1-file ratio to ruff
//!     bench watch CORPUS [EDITS]     `check --watch`: latency from a write to the updated result, and
//!                                    resident memory after the first check and after the edits
//!     bench scale CORPUS [FACTOR] [ROUNDS]
//!                                    the corpus copied FACTOR times (default 20) into one git work
//!                                    tree, next to one copy built the same way: cold (--no-cache,
//!                                    and with an empty cache) and warm time per file, peak RSS
//!     bench runs CORPUS [ROUNDS] [--json FILE]
//!                                    whole processes on a git work tree: antipasta cold, warm, edited,
//!                                    touched, fresh clone; ruff C901 cold and warm, complexipy, git status;
//!                                    wall, CPU and peak RSS of each, the ratios issue 16 is judged on,
//!                                    and with --json the same as a JSON document to compare runs
//!
//!     bench load CORPUS [FILES]     load and stress (issue 17): FILES (default 100,000) files, the
//!                                    corpus plus generated small modules, cold and warm with RSS
//!                                    sampled over time; 8 concurrent checks on one cache with edits
//!                                    between rounds, each equal to --no-cache; `ulimit -n 32`; a
//!                                    memory budget at half the run's peak
//!     bench history REPO [COMMITS] [SUBDIR]
//!                                    `antipasta history --all-parents` over the first COMMITS (200)
//!                                    commits of a clone of REPO, as wily walks them, cold (empty cache)
//!                                    and warm, next to wily building its cache over the same
//!                                    commits (WILY=, or on PATH; its target SUBDIR, default `.`)
//!
//! `just bench CORPUS` builds the release binaries and runs both.
#![allow(clippy::print_stdout, clippy::print_stderr)]
// getrusage and clock_gettime: the CPU clocks std does not expose.
#![allow(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mode, corpus) = match args.as_slice() {
        [mode, corpus, ..] => (mode.as_str(), PathBuf::from(corpus)),
        _ => bail!("usage: bench phases|runs|staged|watch CORPUS [ROUNDS]"),
    };
    let json = args
        .iter()
        .position(|a| a == "--json")
        .map(|i| args.get(i + 1).map(PathBuf::from).context("--json FILE"))
        .transpose()?;
    let rounds: usize = match args.get(2).filter(|a| *a != "--json") {
        Some(r) => r.parse().context("ROUNDS is a number")?,
        None => 5,
    };
    match mode {
        "phases" => phases(&corpus, rounds),
        "runs" => runs(&corpus, rounds, json.as_deref()),
        "staged" => staged(&corpus, rounds, json.as_deref()),
        "watch" => watch(&corpus, rounds),
        "scale" => {
            let factor = args
                .get(2)
                .map_or(Ok(20), |f| f.parse())
                .context("FACTOR")?;
            let rounds = args.get(3).map_or(Ok(3), |r| r.parse()).context("ROUNDS")?;
            scale(&corpus, factor, rounds)
        }
        "history" => {
            let commits = args
                .get(2)
                .map_or(Ok(200), |f| f.parse())
                .context("COMMITS")?;
            let subdir = args.get(3).cloned().unwrap_or_else(|| ".".to_string());
            history(&corpus, commits, &subdir)
        }
        "load" => {
            let files = args
                .get(2)
                .map_or(Ok(100_000), |f| f.parse())
                .context("FILES")?;
            load(&corpus, files)
        }
        _ => bail!("unknown mode {mode}: phases, runs, staged, watch, scale or load"),
    }
}

/// A wall time, a CPU time and (whole processes) the peak resident memory in KiB.
#[derive(Clone, Copy)]
struct Sample {
    wall: Duration,
    cpu: Duration,
    rss_kib: u64,
}

fn median(samples: &[Sample]) -> Sample {
    let mid = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let mut rss: Vec<u64> = samples.iter().map(|s| s.rss_kib).collect();
    rss.sort_unstable();
    Sample {
        wall: mid(samples.iter().map(|s| s.wall).collect()),
        cpu: mid(samples.iter().map(|s| s.cpu).collect()),
        rss_kib: rss[rss.len() / 2],
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec into the pointer it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn python_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if path
                .file_name()
                .is_some_and(|n| n != ".git" && n != "site-packages")
            {
                python_files(&path, out);
            }
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

/// The cost of each analysis stage over the corpus, on one thread, texts already in memory.
fn phases(corpus: &Path, rounds: usize) -> anyhow::Result<()> {
    let mut paths = Vec::new();
    python_files(corpus, &mut paths);
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| String::from_utf8(std::fs::read(p).ok()?).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "phases: {} files, {:.1} MB, {rounds} rounds, one thread",
        texts.len(),
        bytes as f64 / 1e6
    );
    type Stage = (&'static str, fn(&str) -> u64);
    let stages: [Stage; 4] = [
        ("parse", queries::phases::parse),
        (
            "parse + raw + cyclomatic",
            queries::phases::without_halstead,
        ),
        ("+ Halstead + MI", queries::phases::with_halstead),
        ("+ cognitive", queries::phases::with_cognitive),
    ];
    let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); stages.len()];
    let mut check = 0u64;
    for _ in 0..rounds {
        for (i, (_, stage)) in stages.iter().enumerate() {
            let (wall, cpu) = (Instant::now(), thread_cpu());
            for text in &texts {
                check = check.wrapping_add(stage(text));
            }
            samples[i].push(Sample {
                wall: wall.elapsed(),
                cpu: thread_cpu() - cpu,
                rss_kib: 0,
            });
        }
    }
    std::hint::black_box(check);
    let medians: Vec<Sample> = samples.iter().map(|s| median(s)).collect();
    println!("{:<28} {:>10} {:>10}", "stage", "wall ms", "CPU ms");
    for ((name, _), m) in stages.iter().zip(&medians) {
        println!("{name:<28} {:>10} {:>10}", ms(m.wall), ms(m.cpu));
    }
    let (without, with) = (medians[1].cpu, medians[2].cpu);
    println!(
        "Halstead + MI add {} ms CPU: with/without = {:.3}",
        ms(with.saturating_sub(without)),
        with.as_secs_f64() / without.as_secs_f64()
    );
    let (before, after) = (medians[2].cpu, medians[3].cpu);
    println!(
        "cognitive adds {} ms CPU: with/without = {:.3}",
        ms(after.saturating_sub(before)),
        after.as_secs_f64() / before.as_secs_f64()
    );
    Ok(())
}

/// One whole-process scenario: `prepare` runs untimed before each timed run (an edit, a touch, a
/// fresh clone) and gives the directory to run in.
struct Run<'a> {
    name: &'static str,
    program: PathBuf,
    args: Vec<String>,
    prepare: Box<dyn Fn(usize) -> anyhow::Result<PathBuf> + 'a>,
}

fn run_once(run: &Run, round: usize) -> anyhow::Result<Sample> {
    let cwd = (run.prepare)(round)?;
    let wall = Instant::now();
    let child = Command::new(&run.program)
        .args(&run.args)
        .current_dir(&cwd)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("running {}", run.program.display()))?;
    // wait4: this child's own CPU time and peak RSS (RUSAGE_CHILDREN only keeps a maximum).
    let mut status = 0;
    // SAFETY: wait4 fills the status and the zeroed rusage it is given, for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = wall.elapsed();
    if pid < 0 {
        bail!("{}: wait4 failed", run.name);
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    // 0 clean, 1 violations; 2 (file errors) is expected on the stdlib's Python 2 test files.
    if !libc::WIFEXITED(status) {
        bail!("{} failed: {status}", run.name);
    }
    Ok(Sample {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        rss_kib: usage.ru_maxrss as u64,
    })
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

fn peer(var: &str, name: &str) -> Option<PathBuf> {
    let found = std::env::var_os(var)
        .map(PathBuf::from)
        .or_else(|| which(name));
    if found.is_none() {
        eprintln!("{name} not found (set {var} or PATH): left out");
    }
    found
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

fn git(dir: &Path, args: &[&str]) -> anyhow::Result<()> {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    if !status.success() {
        bail!("git {args:?} failed in {}", dir.display());
    }
    Ok(())
}

/// ruff as the peer for cyclomatic complexity: mccabe only, no configuration, findings not fatal.
const RUFF_C901: &[&str] = &[
    "check",
    "--select",
    "C901",
    "--isolated",
    "-q",
    "--exit-zero",
];

/// The file whose function body the one-function-edited scenario changes, and the function.
const EDITED: (&str, &str) = ("textwrap.py", "def shorten(text, width, **kwargs):\n");

/// Whole-process runs of antipasta and its peers on the same git work tree, interleaved:
/// antipasta cold (empty cache), `--no-cache`, warm and unchanged, one function edited, one file
/// touched (mtime only), a fresh clone with the cache restored into it; ruff's C901 cold and
/// warm, complexipy, git status.
fn runs(corpus: &Path, rounds: usize, json: Option<&Path>) -> anyhow::Result<()> {
    let corpus = corpus.canonicalize()?;
    if !corpus.join(".git").exists() {
        bail!(
            "{} is not a git work tree (git init; git add -A; git commit)",
            corpus.display()
        );
    }
    let dir = corpus.display().to_string();
    let antipasta = match std::env::var_os("ANTIPASTA_BIN") {
        Some(p) => PathBuf::from(p),
        None => std::env::current_exe()?.with_file_name("antipasta"),
    };
    let scratch = std::env::temp_dir().join(format!("antipasta-bench-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    let cold_cache = scratch.join("cold-cache");
    let warm_cache = scratch.join("warm-cache");
    let ruff_cache = scratch.join("ruff-cache");
    let clone = scratch.join("clone");
    let edited = corpus.join(EDITED.0);
    let original = std::fs::read_to_string(&edited)
        .with_context(|| format!("{} must exist in the corpus", edited.display()))?;
    let check = |cache: &Path| {
        strings(&[
            "check",
            "-q",
            "--force-analyze",
            "--cache-dir",
            &cache.display().to_string(),
            ".",
        ])
    };
    let here = |_| Ok(corpus.clone());
    let mut scenarios = vec![
        Run {
            name: "antipasta cold (empty cache)",
            program: antipasta.clone(),
            args: check(&cold_cache),
            prepare: Box::new(|_| {
                let _ = std::fs::remove_dir_all(&cold_cache);
                Ok(corpus.clone())
            }),
        },
        Run {
            name: "antipasta --no-cache",
            program: antipasta.clone(),
            args: strings(&["check", "-q", "--force-analyze", "--no-cache", "."]),
            prepare: Box::new(here),
        },
        Run {
            name: "antipasta warm, unchanged",
            program: antipasta.clone(),
            args: check(&warm_cache),
            prepare: Box::new(here),
        },
        Run {
            name: "antipasta warm, unchanged, default config",
            program: antipasta.clone(),
            args: strings(&[
                "check",
                "-q",
                "--cache-dir",
                &warm_cache.display().to_string(),
                ".",
            ]),
            prepare: Box::new(here),
        },
        Run {
            name: "antipasta warm, unchanged, --no-sandbox",
            program: antipasta.clone(),
            args: strings(&[
                "check",
                "-q",
                "--no-sandbox",
                "--cache-dir",
                &warm_cache.display().to_string(),
                ".",
            ]),
            prepare: Box::new(here),
        },
        Run {
            name: "antipasta warm, one function edited",
            program: antipasta.clone(),
            args: check(&warm_cache),
            prepare: Box::new(|round| {
                // New content every round: a body statement that no earlier run has seen.
                let marker = format!("{}    _bench_edit = {round}\n", EDITED.1);
                std::fs::write(&edited, original.replacen(EDITED.1, &marker, 1))?;
                Ok(corpus.clone())
            }),
        },
        Run {
            name: "antipasta warm, one file touched",
            program: antipasta.clone(),
            args: check(&warm_cache),
            prepare: Box::new(|_| {
                std::fs::write(&edited, &original)?;
                let f = std::fs::File::options().write(true).open(&edited)?;
                f.set_modified(std::time::SystemTime::now())?;
                Ok(corpus.clone())
            }),
        },
        Run {
            name: "antipasta fresh clone, restored cache",
            program: antipasta,
            args: strings(&["check", "-q", "--force-analyze", "."]),
            prepare: Box::new(|_| {
                std::fs::write(&edited, &original)?;
                let _ = std::fs::remove_dir_all(&clone);
                git(&scratch, &["clone", "-q", "--no-hardlinks", &dir, "clone"])?;
                // The store's directory (`v<schema>`) as the warm runs made it.
                let env = std::fs::read_dir(&warm_cache)?
                    .flatten()
                    .map(|e| e.path())
                    .find(|p| p.join("data.mdb").is_file())
                    .context("the warm cache has a store")?;
                let restored = clone
                    .join(".antipasta_cache")
                    .join(env.file_name().unwrap());
                std::fs::create_dir_all(&restored)?;
                std::fs::copy(env.join("data.mdb"), restored.join("data.mdb"))?;
                Ok(clone.clone())
            }),
        },
    ];
    if let Some(ruff) = peer("RUFF", "ruff") {
        let ruff_args = |cache: Option<&Path>| {
            let mut a = strings(RUFF_C901);
            match cache {
                Some(c) => a.extend(strings(&["--cache-dir", &c.display().to_string()])),
                None => a.push("--no-cache".into()),
            }
            a.push(".".into());
            a
        };
        scenarios.push(Run {
            name: "ruff C901 --no-cache",
            program: ruff.clone(),
            args: ruff_args(None),
            prepare: Box::new(here),
        });
        scenarios.push(Run {
            name: "ruff C901 warm",
            program: ruff,
            args: ruff_args(Some(&ruff_cache)),
            prepare: Box::new(here),
        });
    }
    if let Some(complexipy) = peer("COMPLEXIPY", "complexipy") {
        scenarios.push(Run {
            name: "complexipy (cognitive only)",
            program: complexipy,
            args: strings(&[&dir, "-q"]),
            // Its cache lands in the working directory: an emptied one, so it starts cold.
            prepare: Box::new(|_| {
                let cwd = scratch.join("complexipy");
                let _ = std::fs::remove_dir_all(&cwd);
                std::fs::create_dir_all(&cwd)?;
                Ok(cwd)
            }),
        });
    }
    scenarios.push(Run {
        name: "git status",
        program: "git".into(),
        args: strings(&["status", "--porcelain"]),
        prepare: Box::new(here),
    });
    // Fill the warm caches: twice, so that no stat record is racy.
    for run in scenarios.iter().filter(|r| r.name.contains("warm")) {
        run_once(run, 0)?;
        std::thread::sleep(Duration::from_secs(2));
        run_once(run, 0)?;
    }
    let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); scenarios.len()];
    for round in 0..rounds {
        for (i, run) in scenarios.iter().enumerate() {
            samples[i].push(run_once(run, round + 1)?);
        }
    }
    std::fs::write(&edited, &original)?;
    let medians: Vec<(&str, Sample)> = scenarios
        .iter()
        .map(|r| r.name)
        .zip(samples.iter().map(|s| median(s)))
        .collect();
    drop(scenarios);
    std::fs::remove_dir_all(&scratch)?;
    print_table(&dir, rounds, &medians);
    let ratios = ratios(&medians);
    for (name, value, target) in &ratios {
        println!("{name} = {value:.2} (target {target})");
    }
    if let Some(path) = json {
        std::fs::write(path, json_report(&dir, rounds, &medians, &ratios))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// What issue 16 is judged on, from one interleaved run: (name, value, target).
fn ratios(medians: &[(&str, Sample)]) -> Vec<(&'static str, f64, &'static str)> {
    let find = |name: &str| medians.iter().find(|(n, _)| *n == name).map(|(_, s)| *s);
    let secs = |d: Duration| d.as_secs_f64();
    let mut out = Vec::new();
    let cold = find("antipasta --no-cache");
    let git = find("git status");
    for (peer, cpu_name, wall_name) in [
        (
            "ruff C901 --no-cache",
            "cold CPU / ruff C901 CPU",
            "cold wall / ruff C901 wall",
        ),
        (
            "complexipy (cognitive only)",
            "cold CPU / complexipy CPU",
            "cold wall / complexipy wall",
        ),
    ] {
        if let (Some(a), Some(p)) = (cold, find(peer)) {
            out.push((cpu_name, secs(a.cpu) / secs(p.cpu), "≤ 1.0"));
            out.push((wall_name, secs(a.wall) / secs(p.wall), "≤ 1.0"));
        }
    }
    if let Some(a) = cold {
        out.push(("cold peak RSS MB", a.rss_kib as f64 / 1024.0, "≤ 60"));
    }
    if let Some(w) = find("antipasta warm, unchanged") {
        out.push(("warm peak RSS MB", w.rss_kib as f64 / 1024.0, "≤ 25"));
    }
    for (name, scenario) in [
        (
            "warm (--force-analyze) / git status",
            "antipasta warm, unchanged",
        ),
        (
            "warm (default config) / git status",
            "antipasta warm, unchanged, default config",
        ),
    ] {
        if let (Some(w), Some(g)) = (find(scenario), git) {
            out.push((name, secs(w.wall) / secs(g.wall), "≤ 1.5"));
        }
    }
    // Issue 17: the sandbox must not slow the warm path (same config, with and without it).
    if let (Some(on), Some(off)) = (
        find("antipasta warm, unchanged, default config"),
        find("antipasta warm, unchanged, --no-sandbox"),
    ) {
        out.push((
            "warm sandboxed / --no-sandbox wall",
            secs(on.wall) / secs(off.wall),
            "≈ 1.0",
        ));
        out.push((
            "warm sandboxed / --no-sandbox CPU",
            secs(on.cpu) / secs(off.cpu),
            "≈ 1.0",
        ));
    }
    out
}

fn json_report(
    dir: &str,
    rounds: usize,
    medians: &[(&str, Sample)],
    ratios: &[(&str, f64, &str)],
) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let runs: Vec<String> = medians
        .iter()
        .map(|(name, m)| {
            format!(
                "    {{\"name\": {}, \"wall_ms\": {:.3}, \"cpu_ms\": {:.3}, \"peak_rss_kib\": {}}}",
                quote(name),
                m.wall.as_secs_f64() * 1e3,
                m.cpu.as_secs_f64() * 1e3,
                m.rss_kib
            )
        })
        .collect();
    let ratios: Vec<String> = ratios
        .iter()
        .map(|(name, v, target)| {
            format!(
                "    {{\"name\": {}, \"value\": {v:.4}, \"target\": {}}}",
                quote(name),
                quote(target)
            )
        })
        .collect();
    format!(
        "{{\n  \"corpus\": {},\n  \"rounds\": {rounds},\n  \"runs\": [\n{}\n  ],\n  \"ratios\": [\n{}\n  ]\n}}\n",
        quote(dir),
        runs.join(",\n"),
        ratios.join(",\n")
    )
}

fn print_table(dir: &str, rounds: usize, medians: &[(&str, Sample)]) {
    let find = |name: &str| medians.iter().find(|(n, _)| *n == name).map(|(_, s)| *s);
    let git = find("git status").expect("git status always runs");
    let warm = find("antipasta warm, unchanged").expect("always runs");
    println!("runs: {dir}, {rounds} rounds, medians (wall and children's CPU)");
    println!(
        "| {:<42} | {:>8} | {:>8} | {:>8} | {:>12} | {:>12} |",
        "scenario", "wall ms", "CPU ms", "peak MB", "× git status", "× warm"
    );
    println!(
        "|{:-<44}|{:->10}|{:->10}|{:->10}|{:->14}|{:->14}|",
        "", "", "", "", "", ""
    );
    for (name, m) in medians {
        println!(
            "| {:<42} | {:>8} | {:>8} | {:>8.1} | {:>12.2} | {:>12.2} |",
            name,
            ms(m.wall),
            ms(m.cpu),
            m.rss_kib as f64 / 1024.0,
            m.wall.as_secs_f64() / git.wall.as_secs_f64(),
            m.wall.as_secs_f64() / warm.wall.as_secs_f64()
        );
    }
    let edit = find("antipasta warm, one function edited").expect("always runs");
    let clone = find("antipasta fresh clone, restored cache").expect("always runs");
    println!(
        "warm-unchanged / git status = {:.2} (target ≤ 1.5); one-function-edited − warm = {} ms (target ≤ 50); fresh clone / warm = {:.2} (target ≤ 3)",
        warm.wall.as_secs_f64() / git.wall.as_secs_f64(),
        ms(edit.wall.saturating_sub(warm.wall)),
        clone.wall.as_secs_f64() / warm.wall.as_secs_f64()
    );
}

/// The `n` files the staged scenarios edit: mid-sized modules at the top of the corpus.
fn staged_files(corpus: &Path, n: usize) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .filter(|p| std::fs::metadata(p).is_ok_and(|m| (8_000..60_000).contains(&m.len())))
        .collect();
    files.sort();
    if files.len() < n {
        bail!("the corpus needs {n} top-level modules of 8–60 kB");
    }
    Ok(files.into_iter().take(n).collect())
}

/// `check --staged` as a hook runs it, on a git work tree (left as it was found).
fn staged(corpus: &Path, rounds: usize, json: Option<&Path>) -> anyhow::Result<()> {
    let corpus = corpus.canonicalize()?;
    let antipasta = std::env::current_exe()?.with_file_name("antipasta");
    let cache = std::env::temp_dir().join(format!("antipasta-bench-staged-{}", std::process::id()));
    let ruff_cache = cache.with_extension("ruff");
    let warm = Run {
        name: "antipasta warm (fill)",
        program: antipasta.clone(),
        args: strings(&[
            "check",
            "-q",
            "--cache-dir",
            &cache.display().to_string(),
            ".",
        ]),
        prepare: Box::new(|_| Ok(corpus.clone())),
    };
    run_once(&warm, 0)?;
    let mut medians: Vec<(String, Sample)> = Vec::new();
    println!(
        "staged: {}, {rounds} rounds, medians (wall and children's CPU)",
        corpus.display()
    );
    println!(
        "| {:<52} | {:>8} | {:>8} |",
        "scenario", "wall ms", "CPU ms"
    );
    println!("|{:-<54}|{:->10}|{:->10}|", "", "", "");
    for n in [1, 10] {
        let files = staged_files(&corpus, n)?;
        let originals: Vec<String> = files
            .iter()
            .map(std::fs::read_to_string)
            .collect::<Result<_, _>>()?;
        let names: Vec<String> = files
            .iter()
            .map(|f| f.strip_prefix(&corpus).unwrap_or(f).display().to_string())
            .collect();
        // Stage an edit of each file: new content every round, or the same content again.
        let stage = |round: usize| -> anyhow::Result<PathBuf> {
            for (f, text) in files.iter().zip(&originals) {
                std::fs::write(f, format!("{text}\n# staged edit {round}\n"))?;
            }
            let mut add = vec!["add", "--"];
            add.extend(names.iter().map(String::as_str));
            git(&corpus, &add)?;
            Ok(corpus.clone())
        };
        let on_files = |args: &[&str]| {
            let mut a = strings(args);
            a.extend(names.iter().cloned());
            a
        };
        let cache_s = cache.display().to_string();
        let mut scenarios = vec![
            Run {
                name: "antipasta check --staged (content seen)",
                program: antipasta.clone(),
                args: strings(&["check", "--staged", "-q", "--cache-dir", &cache_s]),
                prepare: Box::new(|_| stage(0)),
            },
            Run {
                name: "antipasta check --staged (new content)",
                program: antipasta.clone(),
                args: strings(&["check", "--staged", "-q", "--cache-dir", &cache_s]),
                prepare: Box::new(|round| stage(1000 + round)),
            },
        ];
        if let Some(ruff) = peer("RUFF", "ruff") {
            scenarios.push(Run {
                name: "ruff check --select C901 FILES (warm)",
                program: ruff,
                args: on_files(
                    &[
                        RUFF_C901,
                        &["--cache-dir", &ruff_cache.display().to_string()],
                    ]
                    .concat(),
                ),
                prepare: Box::new(|_| stage(0)),
            });
        }
        if let Some(complexipy) = peer("COMPLEXIPY", "complexipy") {
            scenarios.push(Run {
                name: "complexipy FILES",
                program: complexipy,
                args: on_files(&["-q"]),
                prepare: Box::new(|_| stage(0)),
            });
        }
        run_once(&scenarios[0], 0)?;
        let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); scenarios.len()];
        for round in 0..rounds {
            for (i, run) in scenarios.iter().enumerate() {
                samples[i].push(run_once(run, round)?);
            }
        }
        for (run, s) in scenarios.iter().zip(&samples) {
            let m = median(s);
            let name = format!("{} [{n} file{}]", run.name, if n == 1 { "" } else { "s" });
            println!("| {:<52} | {:>8} | {:>8} |", name, ms(m.wall), ms(m.cpu));
            medians.push((name, m));
        }
        drop(scenarios);
        for (f, text) in files.iter().zip(&originals) {
            std::fs::write(f, text)?;
        }
        let mut reset = vec!["reset", "-q", "--"];
        reset.extend(names.iter().map(String::as_str));
        git(&corpus, &reset)?;
    }
    let _ = std::fs::remove_dir_all(&cache);
    let _ = std::fs::remove_dir_all(&ruff_cache);
    let find = |name: &str| medians.iter().find(|(n, _)| n == name).map(|(_, m)| *m);
    let mut ratios = Vec::new();
    if let (Some(a), Some(r)) = (
        find("antipasta check --staged (content seen) [1 file]"),
        find("ruff check --select C901 FILES (warm) [1 file]"),
    ) {
        let name = "check --staged, 1 file, warm / ruff C901 on the file";
        let value = a.wall.as_secs_f64() / r.wall.as_secs_f64();
        println!("{name} = {value:.2} (target ≤ 1.0)");
        ratios.push((name, value, "≤ 1.0"));
    }
    if let Some(path) = json {
        let named: Vec<(&str, Sample)> = medians.iter().map(|(n, m)| (n.as_str(), *m)).collect();
        let dir = corpus.display().to_string();
        std::fs::write(path, json_report(&dir, rounds, &named, &ratios))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// Resident and peak resident memory of a process, in MiB (`/proc/PID/status`).
fn memory(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// `check --watch` on a copy of the corpus: the latency from a write to the delta line (as the
/// watcher reports its own work, and end to end with the debounce and notify), and memory.
fn watch(corpus: &Path, edits: usize) -> anyhow::Result<()> {
    use std::io::BufRead;
    let corpus = corpus.canonicalize()?;
    let antipasta = std::env::current_exe()?.with_file_name("antipasta");
    let cache = std::env::temp_dir().join(format!("antipasta-bench-watch-{}", std::process::id()));
    let mut child = Command::new(&antipasta)
        .args(["check", "--watch", "-q", "--force-analyze", "--cache-dir"])
        .arg(&cache)
        .arg(".")
        .current_dir(&corpus)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel::<(Instant, String)>();
    let stderr = child.stderr.take().context("piped stderr")?;
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });
    let wait_for = |text: &str| -> anyhow::Result<(Instant, String)> {
        loop {
            let (at, line) = rx.recv_timeout(Duration::from_secs(60))?;
            if line.contains(text) {
                return Ok((at, line));
            }
        }
    };
    let started = Instant::now();
    wait_for("watching for changes")?;
    let first = started.elapsed();
    std::thread::sleep(Duration::from_millis(500));
    let (rss_first, peak_first) = memory(pid);
    let file = staged_files(&corpus, 1)?.remove(0);
    let original = std::fs::read_to_string(&file)?;
    let (mut inner, mut outer) = (Vec::new(), Vec::new());
    for edit in 0..edits {
        // Alternately add and remove a function over the threshold: each edit changes the report.
        let text = match edit % 2 {
            0 => format!(
                "{original}\n\ndef bench_{edit}(x):\n    if x and x > 1 or x < 0 and x:\n        for i in x:\n            if i:\n                while i:\n                    i -= 1\n                    if i and x or i:\n                        return i\n    return x\n"
            ),
            _ => original.clone(),
        };
        let t = Instant::now();
        std::fs::write(&file, text)?;
        let (at, line) = wait_for(" changed, ")?;
        outer.push(at - t);
        let reported: f64 = line
            .rsplit(", ")
            .next()
            .and_then(|ms| ms.trim_end_matches(" ms").parse().ok())
            .unwrap_or(f64::NAN);
        inner.push(Duration::from_secs_f64(reported / 1e3));
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::write(&file, &original)?;
    std::thread::sleep(Duration::from_millis(300));
    let (rss_last, peak_last) = memory(pid);
    let _ = Command::new("sh")
        .args(["-c", "kill -INT \"$0\"", &pid.to_string()])
        .status();
    let code = child.wait()?.code();
    let _ = std::fs::remove_dir_all(&cache);
    let mid = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    println!(
        "watch: {}, {edits} edits of {}",
        corpus.display(),
        file.display()
    );
    println!("first check (cold cache) until watching: {} ms", ms(first));
    println!(
        "write → updated result, median: {} ms as the watcher reports its work (debounce excluded), {} ms end to end (50 ms debounce and notify included)",
        ms(mid(inner)),
        ms(mid(outer))
    );
    println!(
        "resident memory: {rss_first:.1} MiB after the first check (peak {peak_first:.1}), {rss_last:.1} MiB after {edits} edits (peak {peak_last:.1}); growth {:+.1} %",
        (rss_last / rss_first - 1.0) * 100.0
    );
    println!("exit code after Ctrl-C: {code:?}");
    Ok(())
}

/// `copies` copies of the corpus's Python files under `dir/copyK/`, committed in a new git
/// repository (the runs read its index, as on a real project).
fn replicate(corpus: &Path, dir: &Path, copies: usize) -> anyhow::Result<usize> {
    let mut files = Vec::new();
    python_files(corpus, &mut files);
    let _ = std::fs::remove_dir_all(dir);
    for k in 0..copies {
        for f in &files {
            let rel = f.strip_prefix(corpus)?;
            let to = dir.join(format!("copy{k}")).join(rel);
            std::fs::create_dir_all(to.parent().expect("a file has a parent"))?;
            std::fs::copy(f, &to)?;
        }
    }
    git(dir, &["init", "-q"])?;
    git(dir, &["add", "-A"])?;
    git(
        dir,
        &[
            "-c",
            "user.name=bench",
            "-c",
            "user.email=bench@localhost",
            "commit",
            "-qm",
            "corpus",
        ],
    )?;
    Ok(files.len() * copies)
}

/// Cold and warm runs on one copy and on `factor` copies of the corpus: per-file times must stay
/// flat, and peak RSS must not grow with the number of files beyond the output itself.
fn scale(corpus: &Path, factor: usize, rounds: usize) -> anyhow::Result<()> {
    let corpus = corpus.canonicalize()?;
    let antipasta = std::env::current_exe()?.with_file_name("antipasta");
    let scratch =
        std::env::temp_dir().join(format!("antipasta-bench-scale-{}", std::process::id()));
    let mut rows = Vec::new();
    for copies in [1, factor] {
        let dir = scratch.join(format!("x{copies}"));
        let n = replicate(&corpus, &dir, copies)?;
        let cache = scratch.join(format!("cache{copies}"));
        let cache_arg = cache.display().to_string();
        let check = |extra: &[&str]| {
            let mut a = strings(&["check", "-q", "--force-analyze", "--exit-zero"]);
            a.extend(strings(extra));
            a.push(".".into());
            a
        };
        let scenarios = [
            Run {
                name: "cold, --no-cache",
                program: antipasta.clone(),
                args: check(&["--no-cache"]),
                prepare: Box::new(|_| Ok(dir.clone())),
            },
            Run {
                name: "cold, empty cache",
                program: antipasta.clone(),
                args: check(&["--cache-dir", &cache_arg]),
                prepare: Box::new(|_| {
                    let _ = std::fs::remove_dir_all(&cache);
                    Ok(dir.clone())
                }),
            },
            Run {
                name: "warm, unchanged",
                program: antipasta.clone(),
                args: check(&["--cache-dir", &cache_arg]),
                prepare: Box::new(|_| Ok(dir.clone())),
            },
        ];
        let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); scenarios.len()];
        for round in 0..rounds {
            for (i, run) in scenarios.iter().enumerate() {
                if run.name.starts_with("warm") && round == 0 {
                    // Fill the cache, and let its stat records age past the racy window.
                    run_once(run, 0)?;
                    std::thread::sleep(Duration::from_secs(2));
                    run_once(run, 0)?;
                }
                samples[i].push(run_once(run, round)?);
            }
        }
        for (run, s) in scenarios.iter().zip(&samples) {
            rows.push((copies, n, run.name, median(s)));
        }
        drop(scenarios);
        std::fs::remove_dir_all(&dir)?;
        let _ = std::fs::remove_dir_all(&cache);
    }
    let _ = std::fs::remove_dir_all(&scratch);
    println!(
        "scale: {} ×1 and ×{factor}, {rounds} rounds, medians",
        corpus.display()
    );
    println!(
        "| {:>6} | {:>7} | {:<18} | {:>9} | {:>9} | {:>11} | {:>8} |",
        "copies", "files", "scenario", "wall ms", "CPU ms", "µs per file", "peak MB"
    );
    for (copies, n, name, m) in &rows {
        println!(
            "| {:>6} | {:>7} | {:<18} | {:>9} | {:>9} | {:>11.1} | {:>8.1} |",
            copies,
            n,
            name,
            ms(m.wall),
            ms(m.cpu),
            m.wall.as_secs_f64() * 1e6 / *n as f64,
            m.rss_kib as f64 / 1024.0
        );
    }
    for name in ["cold, --no-cache", "cold, empty cache", "warm, unchanged"] {
        let per_file = |copies: usize| {
            rows.iter()
                .find(|(c, _, n, _)| *c == copies && *n == name)
                .map(|(_, files, _, m)| (m.wall.as_secs_f64() / *files as f64, m.rss_kib))
        };
        if let (Some((one, rss1)), Some((many, rss_n))) = (per_file(1), per_file(factor)) {
            println!(
                "{name}: time per file ×{factor} / ×1 = {:.2} (target ≤ 1.2); peak RSS ×{factor} / ×1 = {:.2}",
                many / one,
                rss_n as f64 / rss1 as f64
            );
        }
    }
    Ok(())
}

/// Output and exit code of `antipasta ARGS` in `dir`, through `sh -c PREFIX` (a ulimit).
fn output_of(dir: &Path, prefix: &str, args: &[&str]) -> anyhow::Result<(Option<i32>, Vec<u8>)> {
    let antipasta = std::env::current_exe()?.with_file_name("antipasta");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("{prefix} exec \"$0\" \"$@\""))
        .arg(&antipasta)
        .args(args)
        .current_dir(dir)
        .stderr(Stdio::null())
        .output()?;
    Ok((out.status.code(), out.stdout))
}

/// A run of `antipasta ARGS` with its resident memory sampled every 100 ms (`/proc/PID/status`):
/// wall, CPU (wait4), the samples in MiB.
fn sampled(dir: &Path, args: &[&str]) -> anyhow::Result<(Sample, Vec<f64>)> {
    let antipasta = std::env::current_exe()?.with_file_name("antipasta");
    let wall = Instant::now();
    let child = Command::new(&antipasta)
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let pid = child.id();
    let status_file = format!("/proc/{pid}/status");
    let mut rss = Vec::new();
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let sampler = std::thread::spawn(move || {
        let mut out = Vec::new();
        while rx.recv_timeout(Duration::from_millis(100)).is_err() {
            let Ok(text) = std::fs::read_to_string(&status_file) else {
                break;
            };
            if let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            {
                out.push(kb / 1024.0);
            }
        }
        out
    });
    let mut status = 0;
    // SAFETY: as in run_once.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = wall.elapsed();
    let _ = tx.send(());
    rss.extend(sampler.join().unwrap_or_default());
    if waited < 0 {
        bail!("wait4 failed");
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Ok((
        Sample {
            wall,
            cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
            rss_kib: usage.ru_maxrss as u64,
        },
        rss,
    ))
}

/// Every tenth sample of an RSS timeline, in MiB.
fn timeline(rss: &[f64]) -> String {
    let step = rss.len().div_ceil(10).max(1);
    let points: Vec<String> = rss
        .iter()
        .step_by(step)
        .map(|r| format!("{r:.0}"))
        .collect();
    points.join(" → ")
}

/// Load and stress: a big mixed tree cold and warm, concurrent processes on one cache, few file
/// descriptors, half the memory.
fn load(corpus: &Path, files: usize) -> anyhow::Result<()> {
    let corpus = corpus.canonicalize()?;
    let scratch = std::env::temp_dir().join(format!("antipasta-bench-load-{}", std::process::id()));
    let tree = scratch.join("tree");
    let real = replicate(&corpus, &tree, 1)?;
    // The rest: small generated modules, each its own content, 100 per directory.
    let small = files.saturating_sub(real);
    for i in 0..small {
        let dir = tree.join(format!("gen/d{:04}", i / 100));
        if i % 100 == 0 {
            std::fs::create_dir_all(&dir)?;
        }
        let body = format!(
            "def f{i}(x, y):\n    if x > {i} and y:\n        return x\n    for k in range(y):\n        if k % 3 == {m}:\n            x += k\n    return x or y\n\n\nclass C{i}:\n    def m(self, a):\n        return a if a else {i}\n",
            m = i % 3
        );
        std::fs::write(dir.join(format!("m{i}.py")), body)?;
    }
    let n = real + small;
    let cache = scratch.join("cache");
    let c = cache.display().to_string();
    let force = ["check", "-q", "--force-analyze", "--exit-zero"];
    let with = |extra: &[&str]| -> Vec<String> {
        let mut a = strings(&force);
        a.extend(strings(extra));
        a.push(".".into());
        a
    };
    let refs = |v: &[String]| -> Vec<String> { v.to_vec() };
    println!(
        "load: {n} files ({real} from {}, {small} generated)",
        corpus.display()
    );
    println!(
        "| scenario | wall s | CPU s | peak MiB | µs per file | RSS over time (MiB, every tenth 100 ms sample) |"
    );
    let report = |name: &str, args: &[String]| -> anyhow::Result<Sample> {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let (s, rss) = sampled(&tree, &a)?;
        println!(
            "| {name} | {:.2} | {:.2} | {:.1} | {:.1} | {} |",
            s.wall.as_secs_f64(),
            s.cpu.as_secs_f64(),
            s.rss_kib as f64 / 1024.0,
            s.wall.as_secs_f64() * 1e6 / n as f64,
            timeline(&rss)
        );
        Ok(s)
    };
    let cold_nc = report("cold, --no-cache", &refs(&with(&["--no-cache"])))?;
    report("cold, empty cache", &refs(&with(&["--cache-dir", &c])))?;
    std::thread::sleep(Duration::from_secs(2));
    report(
        "warm (records settling)",
        &refs(&with(&["--cache-dir", &c])),
    )?;
    report("warm, unchanged", &refs(&with(&["--cache-dir", &c])))?;

    // Few file descriptors: the same output, cold and warm.
    let plain: Vec<&str> = ["check", "--force-analyze", "--exit-zero", "."].to_vec();
    let reference = output_of(
        &tree,
        "",
        &[&plain[..1], &["--no-cache"], &plain[1..]].concat(),
    )?;
    let small_cache = scratch.join("cache-nofile").display().to_string();
    for pass in ["cold", "warm"] {
        let out = output_of(
            &tree,
            "ulimit -n 32;",
            &[&plain[..1], &["--cache-dir", &small_cache], &plain[1..]].concat(),
        )?;
        println!(
            "ulimit -n 32, {pass}: exit {:?}, output {} --no-cache's",
            out.0,
            if out == reference {
                "equal to"
            } else {
                "DIFFERENT from"
            }
        );
    }

    // Half the memory: the peak of the cold run above, halved, as --max-memory.
    let half = cold_nc.rss_kib / 2;
    let out = output_of(
        &tree,
        "",
        &[
            &plain[..1],
            &["--no-cache", "--max-memory", &format!("{half}k")],
            &plain[1..],
        ]
        .concat(),
    )?;
    println!(
        "--max-memory {:.0} MiB (half the cold peak): exit {:?}, output {} --no-cache's",
        half as f64 / 1024.0,
        out.0,
        if out == reference {
            "equal to"
        } else {
            "DIFFERENT from"
        }
    );
    std::fs::remove_dir_all(&tree)?;

    // 8 processes at once on one cache, a few files edited between rounds.
    let stress = scratch.join("stress");
    replicate(&corpus, &stress, 1)?;
    let shared = scratch.join("cache-shared").display().to_string();
    let mut equal = 0;
    let mut total = 0;
    let started = Instant::now();
    for round in 0..5 {
        for k in 0..10 {
            let path = stress.join(format!("edited_{k}.py"));
            std::fs::write(
                path,
                format!("def g{round}_{k}(a, b):\n    return a and b or {round}\n"),
            )?;
        }
        let reference = output_of(
            &stress,
            "",
            &[&plain[..1], &["--no-cache"], &plain[1..]].concat(),
        )?;
        let args: Vec<String> = [&plain[..1], &["--cache-dir", &shared], &plain[1..]]
            .concat()
            .iter()
            .map(|s| s.to_string())
            .collect();
        let outs: Vec<anyhow::Result<(Option<i32>, Vec<u8>)>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    let args = &args;
                    let stress = &stress;
                    s.spawn(move || {
                        let a: Vec<&str> = args.iter().map(String::as_str).collect();
                        output_of(stress, "", &a)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("no panic"))
                .collect()
        });
        for out in outs {
            total += 1;
            equal += usize::from(out? == reference);
        }
    }
    println!(
        "8 concurrent checks on one cache, 5 rounds with 10 files edited between: {equal} of {total} outputs equal to --no-cache ({:.1} s)",
        started.elapsed().as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(())
}

/// `antipasta history` cold and warm over a clone's first commits, and wily's build of the same
/// commits: wall, CPU, the ratio, and the blobs parsed against the file revisions covered.
fn history(repo: &Path, commits: usize, subdir: &str) -> anyhow::Result<()> {
    let scratch =
        std::env::temp_dir().join(format!("antipasta-bench-history-{}", std::process::id()));
    let clone = scratch.join("clone");
    std::fs::create_dir_all(&scratch)?;
    let status = Command::new("git")
        .args(["clone", "-q"])
        .arg(repo)
        .arg(&clone)
        .status()?;
    if !status.success() {
        bail!("git clone {} failed", repo.display());
    }
    let antipasta = std::env::current_exe()?.with_file_name("antipasta");
    let cache = scratch.join("cache").display().to_string();
    let n = commits.to_string();
    let args = strings(&[
        "history",
        "--all-parents",
        "-n",
        &n,
        "--format",
        "json",
        "--cache-dir",
        &cache,
        "--",
        subdir,
    ]);
    let history = Run {
        name: "antipasta history",
        program: antipasta.clone(),
        args: args.clone(),
        prepare: Box::new(|_| Ok(clone.clone())),
    };
    let cold = run_once(&history, 0)?;
    let warm = run_once(&history, 1)?;
    // What the runs covered, from the tool's own last line.
    let out = Command::new(&antipasta)
        .args(&args)
        .current_dir(&clone)
        .output()?;
    let coverage = String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()
        .unwrap_or("")
        .to_string();
    let wily = std::env::var_os("WILY").map_or_else(|| PathBuf::from("wily"), PathBuf::from);
    let wily_cache = scratch.join("wily-cache").display().to_string();
    let wily_run = Run {
        name: "wily build",
        program: wily,
        args: strings(&["-c", &wily_cache, "build", "-n", &n, subdir]),
        prepare: Box::new(|_| Ok(clone.clone())),
    };
    let wily = run_once(&wily_run, 0).ok();
    println!(
        "history: {} ({commits} commits, every parent, as wily walks them; target {subdir})",
        repo.display()
    );
    println!("| scenario | wall s | CPU s | peak MB |");
    for (name, s) in [
        ("antipasta history, cold", Some(cold)),
        ("antipasta history, warm", Some(warm)),
        ("wily build", wily),
    ] {
        match s {
            Some(s) => println!(
                "| {name} | {:.2} | {:.2} | {:.1} |",
                s.wall.as_secs_f64(),
                s.cpu.as_secs_f64(),
                s.rss_kib as f64 / 1024.0
            ),
            None => println!("| {name} | failed or not installed | | |"),
        }
    }
    println!("antipasta, warm run: {coverage}");
    if let Some(w) = wily {
        println!(
            "wily / antipasta cold: wall {:.1}×, CPU {:.1}× (target ≥ 100×)",
            w.wall.as_secs_f64() / cold.wall.as_secs_f64(),
            w.cpu.as_secs_f64() / cold.cpu.as_secs_f64()
        );
    }
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(())
}
