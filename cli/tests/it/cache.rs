//! The result cache never changes a result (invariant 1) and a damaged cache is detected,
//! replaced and reported once (invariant 2). Every run here is compared with `--no-cache`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use crate::{git, project, run};

/// stdout, stderr and exit code of `check` with the cache in `cache`.
pub(crate) fn check(root: &Path, cache: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["check", "--cache-dir", cache.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(root, &args)
}

pub(crate) fn no_cache(root: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["check", "--no-cache"];
    args.extend_from_slice(extra);
    run(root, &args)
}

pub(crate) fn data_mdb(cache: &Path) -> PathBuf {
    engine::store::env_dir(cache).join("data.mdb")
}

/// The `files:` line of `--timings`: (stat hits, git-index hits, content hits, computed).
pub(crate) fn sources(stderr: &str) -> (usize, usize, usize, usize) {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("files: "))
        .unwrap_or_else(|| panic!("no files line in {stderr}"));
    let n: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    (n[1], n[2], n[3], n[4])
}

/// Sets every file's mtime a minute back, so that the stat records written next are settled
/// (not racy) when they are read.
pub(crate) fn age(dir: &Path) {
    let past = SystemTime::now() - Duration::from_secs(60);
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if !path.ends_with(".git") {
                age(&path);
            }
        } else {
            let f = std::fs::File::options().write(true).open(&path).unwrap();
            f.set_modified(past).unwrap();
        }
    }
}

pub(crate) fn warnings(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect()
}

#[test]
fn warm_output_equals_no_cache_after_edits_and_copies() {
    let p = project("basic");
    let cache = tempfile::tempdir().unwrap();
    for format in [&["--format", "text"][..], &["--format", "json"]] {
        let reference = no_cache(p.path(), format);
        assert_eq!(check(p.path(), cache.path(), format), reference, "cold");
        assert_eq!(check(p.path(), cache.path(), format), reference, "warm");
    }
    // An edit: the new content is computed, the old entry is simply not used.
    let file = p.path().join("pkg/complex_mod.py");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("def classify", "def classify_renamed")).unwrap();
    let edited = no_cache(p.path(), &[]);
    assert!(edited.1.contains("classify_renamed"), "{}", edited.1);
    assert_eq!(check(p.path(), cache.path(), &[]), edited);
    // Back to the old content (a checkout): a hit, and still the same output.
    std::fs::write(&file, &text).unwrap();
    assert_eq!(check(p.path(), cache.path(), &[]), no_cache(p.path(), &[]));
    // The cache copied to another project directory (verified once in a child, as a CI restore
    // is) works there unchanged and gives content hits.
    let other = project("basic");
    let copied = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(engine::store::env_dir(copied.path())).unwrap();
    std::fs::copy(data_mdb(cache.path()), data_mdb(copied.path())).unwrap();
    let reference = no_cache(other.path(), &[]);
    let (code, stdout, stderr) = check(other.path(), copied.path(), &["--timings"]);
    assert_eq!((code, &stdout), (reference.0, &reference.1));
    assert!(warnings(&stderr).is_empty(), "{stderr}");
    let (_, _, content, computed) = sources(&stderr);
    assert!(content > 0 && computed == 0, "{stderr}");
    assert_eq!(check(other.path(), copied.path(), &[]), reference);
}

#[test]
fn an_unchanged_file_is_not_read_and_a_changed_one_always_is() {
    let p = project("basic");
    age(p.path());
    let cache = tempfile::tempdir().unwrap();
    let reference = no_cache(p.path(), &[]);
    let (_, _, cold) = check(p.path(), cache.path(), &["--timings"]);
    let n = sources(&cold).3;
    assert!(n > 1, "{cold}");
    let (code, stdout, warm) = check(p.path(), cache.path(), &["--timings"]);
    assert_eq!((code, &stdout), (reference.0, &reference.1));
    assert_eq!(sources(&warm), (n, 0, 0, 0), "{warm}");
    // Same size, mtime put back: the ctime (which no user can set) gives the edit away.
    let file = p.path().join("pkg/complex_mod.py");
    let text = std::fs::read_to_string(&file).unwrap();
    let mtime = std::fs::metadata(&file).unwrap().modified().unwrap();
    let same_size = text.replacen("def classify", "def klassify", 1);
    assert_eq!(same_size.len(), text.len());
    std::fs::write(&file, &same_size).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let (code, stdout, stderr) = check(p.path(), cache.path(), &["--timings"]);
    assert_eq!((code, stdout), {
        let r = no_cache(p.path(), &[]);
        (r.0, r.1)
    });
    assert_eq!(sources(&stderr), (n - 1, 0, 0, 1), "{stderr}");
    // A file edited moments ago (racy) is hashed, not trusted, even though its stat was recorded.
    std::fs::write(&file, &text).unwrap();
    let first = check(p.path(), cache.path(), &["--timings"]);
    let second = check(p.path(), cache.path(), &["--timings"]);
    assert_eq!(sources(&second.2), (n - 1, 0, 1, 0), "{}", second.2);
    assert_eq!((first.0, &first.1), (reference.0, &reference.1));
    assert_eq!((second.0, &second.1), (reference.0, &reference.1));
}

/// Commits the project, lets git's index settle (files older than it, so its entries are clean),
/// and checks it once into a new cache, which is returned.
fn committed_and_checked(dir: &Path) -> tempfile::TempDir {
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-qm", "init"]);
    age(dir);
    git(dir, &["update-index", "-q", "--really-refresh"]);
    let cache = tempfile::tempdir().unwrap();
    check(dir, cache.path(), &[]);
    cache
}

#[test]
fn a_fresh_clone_with_a_restored_cache_reads_no_clean_file() {
    let p = project("basic");
    let cache = committed_and_checked(p.path());
    // CI: a fresh clone (every mtime new, other inodes), the cache directory restored into it.
    let ci = tempfile::tempdir().unwrap();
    let clone = ci.path().join("clone");
    git(
        ci.path(),
        &["clone", "-q", p.path().to_str().unwrap(), "clone"],
    );
    // Entries written in the index's own second are racy (git hashes them too); age the files
    // and let git refresh its index so that they are clean, as most of a large clone is.
    age(&clone);
    git(&clone, &["update-index", "-q", "--really-refresh"]);
    std::fs::create_dir_all(engine::store::env_dir(&clone.join(".antipasta_cache"))).unwrap();
    std::fs::copy(
        data_mdb(cache.path()),
        data_mdb(&clone.join(".antipasta_cache")),
    )
    .unwrap();
    let reference = no_cache(&clone, &[]);
    let (code, stdout, stderr) = run(&clone, &["check", "--timings"]);
    assert_eq!((code, &stdout), (reference.0, &reference.1));
    let (stat, git_hits, content, computed) = sources(&stderr);
    assert_eq!((stat, content, computed), (0, 0, 0), "{stderr}");
    assert!(git_hits > 1, "{stderr}");
    // Edited after the clone: git's index no longer vouches for it, its content decides.
    let file = clone.join("pkg/complex_mod.py");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("def classify", "def classify_ci")).unwrap();
    let reference = no_cache(&clone, &[]);
    assert!(reference.1.contains("classify_ci"));
    let (code, stdout, _) = run(&clone, &["check"]);
    assert_eq!((code, stdout), (reference.0, reference.1));
    // The cache stays out of git status: nothing but the edit.
    let status = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(&clone)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(status.stdout).unwrap(),
        " M pkg/complex_mod.py\n"
    );
}

#[test]
fn a_checkout_filter_that_changes_the_bytes_is_not_answered_from_another_checkout() {
    // A smudge filter that appends a complex function to every .py file at checkout (and a clean
    // filter that takes it off again, so git calls the work tree clean): the work-tree bytes are
    // not the blob's, and a cache built where the filter is not configured must not answer.
    let p = project("basic");
    std::fs::write(p.path().join(".gitattributes"), "*.py filter=complexify\n").unwrap();
    let cache = committed_and_checked(p.path());

    let ci = tempfile::tempdir().unwrap();
    let smudge = ci.path().join("smudge.sh");
    let clean = ci.path().join("clean.sh");
    std::fs::write(
        &smudge,
        "#!/bin/sh\ncat\nprintf '\\n# smudged\\ndef smudged(a):\\n    if a and a > 1 or a < 0 and a or a > 9:\\n        if a:\\n            return 1\\n    return a\\n'\n",
    )
    .unwrap();
    std::fs::write(
        &clean,
        "#!/bin/sh\nsed '/^# smudged$/,$d' | sed '$ { /^$/d }'\n",
    )
    .unwrap();
    for script in [&smudge, &clean] {
        assert!(
            Command::new("chmod")
                .arg("+x")
                .arg(script)
                .status()
                .unwrap()
                .success()
        );
    }
    let (smudge_cfg, clean_cfg) = (
        format!("filter.complexify.smudge={}", smudge.display()),
        format!("filter.complexify.clean={}", clean.display()),
    );
    git(
        ci.path(),
        &[
            "clone",
            "-q",
            "-c",
            &smudge_cfg,
            "-c",
            &clean_cfg,
            p.path().to_str().unwrap(),
            "clone",
        ],
    );
    let clone = ci.path().join("clone");
    age(&clone);
    git(&clone, &["update-index", "-q", "--really-refresh"]);
    let smudged = std::fs::read_to_string(clone.join("pkg/complex_mod.py")).unwrap();
    assert!(smudged.contains("def smudged"), "{smudged}");
    let restored = engine::store::env_dir(&clone.join(".antipasta_cache"));
    std::fs::create_dir_all(&restored).unwrap();
    std::fs::copy(data_mdb(cache.path()), restored.join("data.mdb")).unwrap();
    let reference = no_cache(&clone, &[]);
    assert!(reference.1.contains("in smudged"), "{}", reference.1);
    let (code, stdout, _) = run(&clone, &["check"]);
    assert_eq!((code, stdout), (reference.0, reference.1));
}

#[test]
fn the_default_cache_is_tagged_and_ignored_and_no_cache_writes_nothing() {
    let p = project("basic");
    let reference = no_cache(p.path(), &[]);
    assert!(!p.path().join(".antipasta_cache").exists());
    let with_env = |value: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_antipasta"))
            .args(["check"])
            .current_dir(p.path())
            .env("ANTIPASTA_NO_CACHE", value)
            .output()
            .unwrap();
        crate::outcome(out)
    };
    // The values users write: true ones disable the cache, false ones do not.
    for value in ["1", "true", "YES", "on"] {
        assert_eq!(with_env(value).0, reference.0, "{value}");
        assert!(!p.path().join(".antipasta_cache").exists(), "{value}");
    }
    let (code, _, stderr) = with_env("maybe");
    assert_eq!(code, 2);
    assert!(
        stderr.contains("ANTIPASTA_NO_CACHE must be a boolean"),
        "{stderr}"
    );
    for value in ["0", "false", "no", ""] {
        assert_eq!(with_env(value).0, reference.0, "{value}");
        assert!(p.path().join(".antipasta_cache").exists(), "{value}");
        std::fs::remove_dir_all(p.path().join(".antipasta_cache")).unwrap();
    }
    run(p.path(), &["check"]);
    let dir = p.path().join(".antipasta_cache");
    let tag = std::fs::read_to_string(dir.join("CACHEDIR.TAG")).unwrap();
    assert!(tag.starts_with("Signature: 8a477f597d28d172789f06886806bc55"));
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitignore")).unwrap(),
        "# Created by antipasta.\n*\n"
    );
}

#[test]
fn a_damaged_cache_is_replaced_with_one_warning_and_correct_output() {
    let p = project("basic");
    let reference = no_cache(p.path(), &[]);
    // (what, damage, warnings): LMDB takes an empty data.mdb for a new store, silently.
    type Damage = fn(&[u8]) -> Vec<u8>;
    let damages: [(&str, Damage, usize); 4] = [
        (
            "random bytes",
            |b| (0..b.len()).map(|i| (i * 7919 % 251) as u8).collect(),
            1,
        ),
        ("truncated to half", |b| b[..b.len() / 2].to_vec(), 1),
        // Emptied: not as antipasta left it, so verified, and that fails (no tables).
        ("empty", |_| Vec::new(), 1),
        ("one page of zeros", |_| vec![0; 4096], 1),
    ];
    for (what, damage, expected) in damages {
        for replace in [false, true] {
            let cache = tempfile::tempdir().unwrap();
            check(p.path(), cache.path(), &[]);
            let data = data_mdb(cache.path());
            let bytes = std::fs::read(&data).unwrap();
            if replace {
                // A new file (another inode): verified in a child process before use.
                std::fs::remove_file(&data).unwrap();
            }
            std::fs::write(&data, damage(&bytes)).unwrap();
            let (code, stdout, stderr) = check(p.path(), cache.path(), &[]);
            let what = format!("{what}, replaced: {replace}");
            assert_eq!((code, &stdout), (reference.0, &reference.1), "{what}");
            let w = warnings(&stderr);
            assert_eq!(w.len(), expected, "{what}: {stderr}");
            assert!(
                w.iter().all(|w| w.contains("discarded an unusable cache")),
                "{what}: {stderr}"
            );
            // The replacement works: the next run is warm and silent.
            assert_eq!(
                check(p.path(), cache.path(), &[]),
                reference,
                "{what}, after"
            );
        }
    }
}

#[test]
fn old_schemas_are_removed_and_never_read() {
    let p = project("basic");
    let reference = no_cache(p.path(), &[]);
    let cache = tempfile::tempdir().unwrap();
    // Schema 1 kept data.mdb at the top of its tagged directory; another schema lives in its
    // own directory.
    std::fs::write(
        cache.path().join("CACHEDIR.TAG"),
        "Signature: 8a477f597d28d172789f06886806bc55\n\
         # This file is a cache directory tag created by antipasta.\n",
    )
    .unwrap();
    std::fs::write(cache.path().join("data.mdb"), b"schema 1 bytes").unwrap();
    std::fs::create_dir_all(cache.path().join("v9")).unwrap();
    std::fs::write(cache.path().join("v9/data.mdb"), b"schema 9 bytes").unwrap();
    assert_eq!(check(p.path(), cache.path(), &[]), reference);
    assert!(!cache.path().join("data.mdb").exists());
    assert!(!cache.path().join("v9").exists());
}

#[test]
fn an_unwritable_cache_directory_is_one_warning() {
    let p = project("basic");
    let reference = no_cache(p.path(), &[]);
    let blocker = p.path().join("not-a-dir");
    std::fs::write(&blocker, "a file where the cache directory would go").unwrap();
    let (code, stdout, stderr) = check(p.path(), &blocker.join("cache"), &[]);
    assert_eq!((code, stdout), (reference.0, reference.1));
    assert_eq!(warnings(&stderr).len(), 1, "{stderr}");
    assert!(stderr.contains("running without the cache"), "{stderr}");
}

/// Runs `antipasta ARGS` in `cwd` through `sh -c PREFIX "$@"`.
pub(crate) fn run_sh(cwd: &Path, prefix: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("{prefix} \"$@\""))
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_antipasta"))
        .args(args)
        .current_dir(cwd)
        .env_remove("ANTIPASTA_JOBS")
        .output()
        .unwrap();
    crate::outcome(out)
}

#[test]
#[allow(clippy::print_stderr)]
fn a_read_only_cache_is_used_without_writing() {
    let p = project("basic");
    let cache = tempfile::tempdir().unwrap();
    check(p.path(), cache.path(), &[]);
    let before = std::fs::read(data_mdb(cache.path())).unwrap();
    // A read-only bind mount in a private mount namespace (root, as CI is).
    let probe = Command::new("unshare").args(["-m", "true"]).status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!("skipped: no mount namespace here (unshare -m failed)");
        return;
    }
    let dir = cache.path().to_str().unwrap();
    let prefix = format!("unshare -m sh -c 'mount --bind -o ro {dir} {dir} && exec \"$@\"' sh");
    // An edit, so that a writable cache would be written to.
    std::fs::write(p.path().join("pkg/new.py"), "def f(x):\n    return x\n").unwrap();
    let reference_edited = no_cache(p.path(), &[]);
    let (code, stdout, stderr) = run_sh(
        p.path(),
        &prefix,
        &["check", "--cache-dir", dir, "--timings"],
    );
    assert_eq!((code, &stdout), (reference_edited.0, &reference_edited.1));
    let w = warnings(&stderr);
    assert_eq!(w.len(), 1, "{stderr}");
    assert!(w[0].contains("read-only"), "{stderr}");
    let (_, _, content, computed) = sources(&stderr);
    assert!(content > 0 && computed == 1, "{stderr}");
    assert_eq!(std::fs::read(data_mdb(cache.path())).unwrap(), before);
}

#[test]
fn a_full_disk_is_one_warning_and_the_cache_stays_usable() {
    let p = project("basic");
    let reference = no_cache(p.path(), &[]);
    let cache = tempfile::tempdir().unwrap();
    // A file-size limit of 32 KiB (enough to create the store, not to fill it): LMDB's writes
    // past it fail, as on a full disk.
    let (code, stdout, stderr) = run_sh(
        p.path(),
        "trap '' XFSZ; ulimit -f 64; exec",
        &["check", "--cache-dir", cache.path().to_str().unwrap()],
    );
    assert_eq!((code, &stdout), (reference.0, &reference.1));
    let w = warnings(&stderr);
    assert_eq!(w.len(), 1, "{stderr}");
    assert!(
        w[0].contains("cannot write the cache") || w[0].contains("running without the cache"),
        "{stderr}"
    );
    assert_eq!(check(p.path(), cache.path(), &[]), reference);
    assert_eq!(check(p.path(), cache.path(), &[]), reference);
}

/// A tree big enough that a run takes a while: the oracle cases, each copied a few times.
pub(crate) fn many_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let cases = crate::testdata("oracle/cases");
    for copy in 0..4 {
        let to = dir.path().join(format!("copy{copy}"));
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(&cases).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "py") {
                std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

#[test]
fn writers_killed_mid_run_leave_a_usable_cache() {
    let tree = many_files();
    let cache = tempfile::tempdir().unwrap();
    let edited = tree.path().join("copy0/edited.py");
    // Kill anywhere in a whole run: from start-up to the end of the write.
    let span = {
        let scratch = tempfile::tempdir().unwrap();
        let t = std::time::Instant::now();
        check(tree.path(), scratch.path(), &[]);
        t.elapsed().as_micros() as u64 + 1
    };
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..60 {
        // New content every round, so that every run has something to compute and write.
        std::fs::write(
            &edited,
            format!("def f{round}(x):\n    return x and {round}\n"),
        )
        .unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_antipasta"))
            .args(["check", "-q", "--cache-dir", cache.path().to_str().unwrap()])
            .current_dir(tree.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(seed % span));
        let _ = child.kill();
        let _ = child.wait();
    }
    let reference = no_cache(tree.path(), &[]);
    let (code, stdout, stderr) = check(tree.path(), cache.path(), &[]);
    assert_eq!((code, &stdout), (reference.0, &reference.1));
    assert!(warnings(&stderr).is_empty(), "{stderr}");
    assert_eq!(check(tree.path(), cache.path(), &[]), reference);
}

#[test]
fn two_processes_checking_at_once_both_get_the_right_answer() {
    let tree = many_files();
    let cache = tempfile::tempdir().unwrap();
    for round in 0..5 {
        let edited = tree.path().join("copy1/edited.py");
        std::fs::write(
            &edited,
            format!("def g{round}(y):\n    return y or {round}\n"),
        )
        .unwrap();
        let reference = no_cache(tree.path(), &[]);
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_antipasta"))
                .args(["check", "--cache-dir", cache.path().to_str().unwrap()])
                .current_dir(tree.path())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for out in [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()] {
            assert_eq!(crate::outcome(out), reference, "round {round}");
        }
    }
}

#[test]
fn stats_prune_and_clean() {
    let p = project("basic");
    let cache = tempfile::tempdir().unwrap();
    let dir = cache.path().join("c");
    let dir_s = dir.to_str().unwrap();
    check(p.path(), &dir, &[]);
    check(p.path(), &dir, &[]);
    let (code, stdout, _) = run(p.path(), &["cache", "stats", "--cache-dir", dir_s]);
    assert_eq!(code, 0);
    let files = stdout.lines().find(|l| l.starts_with("files: ")).unwrap();
    assert_ne!(files, "files: 0", "{stdout}");
    assert!(
        stdout.contains("last run: 3 files, 3 from the cache (100.0 % hit rate"),
        "{stdout}"
    );
    let (code, _, stderr) = run(
        p.path(),
        &["cache", "prune", "--days", "30", "--cache-dir", dir_s],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("Pruned 0 entries"), "{stderr}");
    // Pruned and compacted, the cache still answers.
    let reference = no_cache(p.path(), &[]);
    assert_eq!(check(p.path(), &dir, &[]), reference);
    let (code, _, stderr) = run(p.path(), &["cache", "clean", "--cache-dir", dir_s]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!dir.exists());
    assert_eq!(check(p.path(), &dir, &[]), reference);
}

#[test]
fn timings_and_a_chrome_trace_show_the_phases() {
    let p = project("basic");
    let cache = tempfile::tempdir().unwrap();
    let trace = cache.path().join("trace.json");
    let reference = no_cache(p.path(), &[]);
    let (code, stdout, stderr) = run(
        p.path(),
        &[
            "--trace",
            trace.to_str().unwrap(),
            "check",
            "--no-cache",
            "--timings",
        ],
    );
    assert_eq!((code, stdout), (reference.0, reference.1));
    for phase in [
        "discover",
        "stat",
        "lookup",
        "read+hash",
        "parse+metrics",
        "store write",
        "report",
    ] {
        assert!(stderr.contains(&format!(" {phase} ")), "{phase}: {stderr}");
    }
    let events: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&trace).unwrap()).unwrap();
    let names: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(names.contains(&"analyze"), "{names:?}");
    // One span per computed file, and none of salsa's per-query events.
    assert_eq!(
        names.iter().filter(|n| **n == "compute").count(),
        2 * 3,
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.contains("execute")), "{names:?}");
}

#[test]
fn a_run_with_32_open_files_allowed_is_the_same_run() {
    let tree = many_files();
    let cache = tempfile::tempdir().unwrap();
    let c = cache.path().to_str().unwrap();
    let reference = no_cache(tree.path(), &[]);
    for _ in 0..2 {
        // Cold, then warm: the walk, the store, the workers and the sandbox within 32 files.
        let (code, stdout, stderr) =
            run_sh(tree.path(), "ulimit -n 32;", &["check", "--cache-dir", c]);
        assert_eq!((code, &stdout), (reference.0, &reference.1), "{stderr}");
        assert!(warnings(&stderr).is_empty(), "{stderr}");
    }
}
