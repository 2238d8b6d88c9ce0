//! Benchmarks, measured as CPU time next to wall time because the machines are shared and noisy
//! (shared/design/perf-anchors.md). Rounds are interleaved round-robin; tables give medians.
//!
//!     bench phases CORPUS [ROUNDS]   in-process, one thread: parse / + raw + cyclomatic / + Halstead + MI / + cognitive
//!     bench runs CORPUS [ROUNDS]     whole processes: antipasta check, ruff C901, complexipy, git status
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
        _ => bail!("usage: bench phases|runs CORPUS [ROUNDS]"),
    };
    let rounds: usize = match args.get(2) {
        Some(r) => r.parse().context("ROUNDS is a number")?,
        None => 5,
    };
    match mode {
        "phases" => phases(&corpus, rounds),
        "runs" => runs(&corpus, rounds),
        _ => bail!("unknown mode {mode}: phases or runs"),
    }
}

/// A wall time and a CPU time.
#[derive(Clone, Copy)]
struct Sample {
    wall: Duration,
    cpu: Duration,
}

fn median(samples: &[Sample]) -> Sample {
    let mid = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    Sample {
        wall: mid(samples.iter().map(|s| s.wall).collect()),
        cpu: mid(samples.iter().map(|s| s.cpu).collect()),
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

fn children_cpu() -> Duration {
    // SAFETY: getrusage fills the zeroed rusage it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
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

/// One whole-process scenario.
struct Run {
    name: String,
    program: PathBuf,
    args: Vec<String>,
}

/// Runs in `scratch`, emptied first: peers that write a cache into the working directory
/// (complexipy's `.complexipy_cache`) start cold every time and leave nothing behind.
fn run_once(run: &Run, scratch: &Path) -> anyhow::Result<Sample> {
    let _ = std::fs::remove_dir_all(scratch);
    std::fs::create_dir_all(scratch)?;
    let (wall, cpu) = (Instant::now(), children_cpu());
    let status = Command::new(&run.program)
        .args(&run.args)
        .current_dir(scratch)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .with_context(|| format!("running {}", run.program.display()))?;
    let sample = Sample {
        wall: wall.elapsed(),
        cpu: children_cpu() - cpu,
    };
    // 0 clean, 1 violations; 2 (file errors) is expected on the stdlib's Python 2 test files.
    if status.code().is_none() {
        bail!("{} failed: {status}", run.name);
    }
    Ok(sample)
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

/// Whole-process runs of antipasta and its peers on the same tree, interleaved.
fn runs(corpus: &Path, rounds: usize) -> anyhow::Result<()> {
    let corpus = corpus.canonicalize()?;
    let dir = corpus.display().to_string();
    let antipasta = match std::env::var_os("ANTIPASTA_BIN") {
        Some(p) => PathBuf::from(p),
        None => std::env::current_exe()?.with_file_name("antipasta"),
    };
    // Cold: the default cache lands in the emptied scratch directory. Warm: a cache directory
    // filled before the first round and kept.
    let warm_cache =
        std::env::temp_dir().join(format!("antipasta-bench-cache-{}", std::process::id()));
    let warm_dir = warm_cache.display().to_string();
    let mut scenarios = vec![
        Run {
            name: "antipasta check (cold)".into(),
            program: antipasta.clone(),
            args: ["check", "-q", "--force-analyze", &dir]
                .map(String::from)
                .to_vec(),
        },
        Run {
            name: "antipasta check (warm cache)".into(),
            program: antipasta,
            args: [
                "check",
                "-q",
                "--force-analyze",
                "--cache-dir",
                &warm_dir,
                &dir,
            ]
            .map(String::from)
            .to_vec(),
        },
    ];
    match std::env::var_os("RUFF")
        .map(PathBuf::from)
        .or_else(|| which("ruff"))
    {
        Some(ruff) => scenarios.push(Run {
            name: "ruff check --select C901 --no-cache".into(),
            program: ruff,
            args: [
                "check",
                "--select",
                "C901",
                "--no-cache",
                "--isolated",
                "-q",
                "--exit-zero",
                &dir,
            ]
            .map(String::from)
            .to_vec(),
        }),
        None => eprintln!("ruff not found (set RUFF or PATH): left out"),
    }
    match std::env::var_os("COMPLEXIPY")
        .map(PathBuf::from)
        .or_else(|| which("complexipy"))
    {
        Some(complexipy) => scenarios.push(Run {
            name: "complexipy (cognitive only)".into(),
            program: complexipy,
            args: [&dir, "-q"].map(String::from).to_vec(),
        }),
        None => eprintln!("complexipy not found (set COMPLEXIPY or PATH): left out"),
    }
    if corpus.join(".git").exists() {
        scenarios.push(Run {
            name: "git status".into(),
            program: "git".into(),
            args: ["-C", &dir, "status", "--porcelain"]
                .map(String::from)
                .to_vec(),
        });
    }
    let scratch = std::env::temp_dir().join(format!("antipasta-bench-{}", std::process::id()));
    let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); scenarios.len()];
    run_once(&scenarios[1], &scratch)?; // fills the warm cache
    for _ in 0..rounds {
        for (i, run) in scenarios.iter().enumerate() {
            samples[i].push(run_once(run, &scratch)?);
        }
    }
    std::fs::remove_dir_all(&scratch)?;
    std::fs::remove_dir_all(&warm_cache)?;
    let base = median(&samples[0]);
    println!("runs: {dir}, {rounds} rounds, medians");
    println!(
        "{:<40} {:>10} {:>10} {:>12} {:>12}",
        "scenario", "wall ms", "CPU ms", "wall ratio", "CPU ratio"
    );
    for (run, s) in scenarios.iter().zip(&samples) {
        let m = median(s);
        println!(
            "{:<40} {:>10} {:>10} {:>12.2} {:>12.2}",
            run.name,
            ms(m.wall),
            ms(m.cpu),
            m.wall.as_secs_f64() / base.wall.as_secs_f64(),
            m.cpu.as_secs_f64() / base.cpu.as_secs_f64()
        );
    }
    Ok(())
}
