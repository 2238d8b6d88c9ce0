//! What hostile-input testing found (issue 12), one test per finding: the user's files are never
//! written or deleted, the cache never gives a wrong answer, and no input crashes the run.

use std::io::{Seek, SeekFrom, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::cache::{age, check, data_mdb, no_cache, run_sh, sources, warnings};
use crate::{git, outcome, project, run};

const ONE: &str = "defaults:\n  max_cyclomatic_complexity: 1\n";
const SIMPLE: &str = "def f(a):\n    return a\n";
/// Cyclomatic complexity 2: a violation under [`ONE`].
const BRANCHY: &str = "def f(a):\n    if a: 1\n";

/// Every file below `dir` (`.git` included) with its bytes: what "untouched" is compared on.
fn snapshot(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            match path.is_dir() {
                true => stack.push(path),
                false => all.push((path.clone(), std::fs::read(&path).unwrap())),
            }
        }
    }
    all.sort();
    all
}

/// A tiny xorshift: fixed seeds, so that every randomised loop is the same every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

// Items 1 and 2: a directory that is not antipasta's is never written, cleaned or taken over.
#[test]
fn a_directory_that_is_not_a_cache_is_refused_and_left_untouched() {
    let p = project("basic");
    let root = p.path();
    git(root, &["init", "-q"]);
    std::fs::create_dir_all(root.join("api/v1")).unwrap();
    std::fs::create_dir_all(root.join("api/v2")).unwrap();
    std::fs::write(root.join("api/v1/routes.py"), SIMPLE).unwrap();
    std::fs::write(root.join("api/v2/routes.py"), SIMPLE).unwrap();
    std::fs::write(root.join("api/data.mdb"), "not LMDB").unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "tree"]);
    let before = snapshot(root);
    let reference = no_cache(root, &[]);
    for dir in ["pkg", "api", "."] {
        let (code, stdout, stderr) = run(root, &["cache", "clean", "--cache-dir", dir]);
        assert_eq!((code, stdout.as_str()), (2, ""), "clean {dir}: {stderr}");
        assert!(
            stderr.contains("not an antipasta cache directory"),
            "{stderr}"
        );
        let (code, _, stderr) = check(root, Path::new(dir), &[]);
        assert_eq!(code, 2, "check --cache-dir {dir}: {stderr}");
        assert!(stderr.contains("refusing to write or delete"), "{stderr}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_antipasta"))
        .args(["cache", "clean"])
        .env("ANTIPASTA_CACHE_DIR", root)
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(snapshot(root), before, "nothing written or deleted");
    assert_eq!(git(root, &["status", "--porcelain"]), "");
    // The same tree still checks as before, and the default cache works.
    assert_eq!(run(root, &["check"]).0, reference.0);
}

#[test]
fn clean_removes_only_what_antipasta_created() {
    let p = project("basic");
    let root = p.path();
    // A directory antipasta created goes entirely.
    let (code, _, _) = check(root, &root.join("made"), &[]);
    assert_eq!(code, 1);
    assert_eq!(run(root, &["cache", "clean", "--cache-dir", "made"]).0, 0);
    assert!(!root.join("made").exists());
    // An empty directory the user made keeps existing, empty.
    std::fs::create_dir(root.join("mine")).unwrap();
    assert_eq!(check(root, &root.join("mine"), &[]).0, 1);
    assert!(root.join("mine/CACHEDIR.TAG").exists());
    assert_eq!(run(root, &["cache", "clean", "--cache-dir", "mine"]).0, 0);
    assert_eq!(std::fs::read_dir(root.join("mine")).unwrap().count(), 0);
    // A file the user put into antipasta's directory stays.
    assert_eq!(check(root, &root.join("made"), &[]).0, 1);
    std::fs::write(root.join("made/notes.txt"), "mine").unwrap();
    std::fs::create_dir(root.join("made/v7")).unwrap();
    std::fs::write(root.join("made/v7/report.txt"), "mine too").unwrap();
    assert_eq!(run(root, &["cache", "clean", "--cache-dir", "made"]).0, 0);
    let left: Vec<String> = snapshot(&root.join("made"))
        .into_iter()
        .map(|(p, _)| p.strip_prefix(root).unwrap().display().to_string())
        .collect();
    assert_eq!(left, ["made/notes.txt", "made/v7/report.txt"]);
}

// Item 3: a failure of the environment (address space, the lock file) is a run without the
// cache; the cache stays exactly as it was and works again afterwards.
#[test]
fn an_environment_failure_leaves_the_cache_as_it_is() {
    let p = project("basic");
    let root = p.path();
    let cache = root.join("c");
    let reference = no_cache(root, &[]);
    assert_eq!(check(root, &cache, &[]), reference);
    age(root);
    assert_eq!(check(root, &cache, &[]), reference);
    let identity = |p: &Path| {
        let m = std::fs::metadata(p).unwrap();
        (m.ino(), std::fs::read(p).unwrap())
    };
    let data = data_mdb(&cache);
    let kept = identity(&data);
    // A 900 MB address space: the 1 GiB map does not fit, a smaller one does.
    let (code, stdout, stderr) = run_sh(
        root,
        "ulimit -v 900000;",
        &["check", "--timings", "--cache-dir", cache.to_str().unwrap()],
    );
    assert_eq!(
        (code, stdout),
        (reference.0, reference.1.clone()),
        "{stderr}"
    );
    assert_eq!(sources(&stderr).0, 3, "answered from the cache: {stderr}");
    assert_eq!(identity(&data), kept);
    // The lock file unusable (a directory where it should be): one warning, nothing deleted.
    let lock = data.with_file_name("lock.mdb");
    std::fs::remove_file(&lock).unwrap();
    std::fs::create_dir(&lock).unwrap();
    let (code, stdout, stderr) = check(root, &cache, &[]);
    assert_eq!((code, stdout), (reference.0, reference.1.clone()));
    assert_eq!(warnings(&stderr).len(), 1, "{stderr}");
    assert!(stderr.contains("left as it is"), "{stderr}");
    assert_eq!(identity(&data), kept);
    std::fs::remove_dir(&lock).unwrap();
    let (code, stdout, stderr) = check(root, &cache, &["--timings"]);
    assert_eq!((code, stdout), (reference.0, reference.1));
    assert_eq!(sources(&stderr).0, 3, "the cache works again: {stderr}");
}

// Item 4: a limit past what a file size can be is a configuration error, never a wrapped limit.
#[test]
fn an_out_of_range_max_file_size_is_a_config_error() {
    let p = project("basic");
    let root = p.path();
    let config = std::fs::read_to_string(root.join(".antipasta.yaml")).unwrap();
    for bad in ["1e20", "18446744073709551616", "-1", "0"] {
        std::fs::write(
            root.join(".antipasta.yaml"),
            format!("{config}\nmax_file_size: {bad}\n"),
        )
        .unwrap();
        let (code, stdout, stderr) = run(root, &["check", "--cache-dir", "c"]);
        assert_eq!((code, stdout.as_str()), (2, ""), "{bad}: {stderr}");
        assert!(stderr.contains("max_file_size"), "{stderr}");
    }
    // Fixed, the run finds what --no-cache finds: nothing wrong was recorded.
    std::fs::write(root.join(".antipasta.yaml"), &config).unwrap();
    assert_eq!(
        run(root, &["check", "--cache-dir", "c"]),
        no_cache(root, &[])
    );
}

/// A committed tree of `n` small files, aged and with a refreshed index: every entry clean.
fn committed_tree(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join(".antipasta.yaml"), ONE).unwrap();
    for i in 0..n {
        std::fs::write(root.join(format!("m{i:04}.py")), SIMPLE).unwrap();
    }
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "tree"]);
    settle(root);
    dir
}

/// Ages the files and lets git refresh its index, so that every entry is clean and not racy.
fn settle(root: &Path) {
    age(root);
    git(root, &["update-index", "-q", "--really-refresh"]);
}

// Item 5: a file rewritten while a run reads it is never recorded as the blob it was before.
// 40 rounds with a writer racing the run; after each, the tree is put back to the committed
// blobs and the cache must answer exactly as --no-cache does.
#[test]
fn a_file_changed_while_it_is_read_is_not_recorded_as_its_old_blob() {
    let tree = committed_tree(1500);
    let root = tree.path();
    let reference = no_cache(root, &[]);
    assert_eq!(reference.0, 0);
    for round in 0..40 {
        let cache = tempfile::tempdir().unwrap();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let writer = {
            let (root, stop) = (root.to_path_buf(), stop.clone());
            std::thread::spawn(move || {
                let mut rng = Rng(0x9E37_79B9 + round);
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let i = rng.below(1500);
                    let _ = std::fs::write(root.join(format!("m{i:04}.py")), BRANCHY);
                }
            })
        };
        check(root, cache.path(), &[]);
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        writer.join().unwrap();
        git(root, &["checkout", "-q", "--", "."]);
        settle(root);
        let (code, stdout, stderr) = check(root, cache.path(), &["--timings"]);
        assert_eq!(
            (code, &stdout),
            (reference.0, &reference.1),
            "round {round}"
        );
        assert!(
            sources(&stderr).1 > 0,
            "answered through the git index: {stderr}"
        );
    }
}

// Item 6: an in-place edit that keeps the size and puts the mtime back is seen, even where git's
// own settings would not look at ctime or nanoseconds; and a hit is never promoted into a
// record that outlives the edit.
#[test]
fn an_edit_that_puts_the_mtime_back_is_never_answered_from_the_cache() {
    for settings in [
        &[][..],
        &["core.trustctime", "false"][..],
        &["core.checkStat", "minimal"][..],
    ] {
        let tree = committed_tree(3);
        let root = tree.path();
        if let [key, value] = settings {
            git(root, &["config", key, value]);
        }
        let cache = tempfile::tempdir().unwrap();
        let file = root.join("m0001.py");
        assert_eq!(check(root, cache.path(), &[]).0, 0);
        assert_eq!(check(root, cache.path(), &[]).0, 0);
        let mtime = std::fs::metadata(&file).unwrap().modified().unwrap();
        let mut f = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
        assert_eq!(BRANCHY.len(), SIMPLE.len() - 1);
        f.write_all(format!("{BRANCHY} ").as_bytes()).unwrap();
        f.set_modified(mtime).unwrap();
        drop(f);
        let reference = no_cache(root, &[]);
        assert_eq!(reference.0, 1, "{settings:?}");
        assert_eq!(check(root, cache.path(), &[]), reference, "{settings:?}");
        // Committed as it is now (re-added: git's own stat check may miss the edit too).
        git(root, &["rm", "-q", "--cached", "m0001.py"]);
        git(root, &["add", "m0001.py"]);
        git(root, &["commit", "-qm", "edit"]);
        assert_eq!(check(root, cache.path(), &[]), reference, "{settings:?}");
        settle(root);
        assert_eq!(check(root, cache.path(), &[]), no_cache(root, &[]));
    }
}

// Item 8: a name that is not UTF-8 is found by the walk like any other.
#[test]
fn a_file_name_that_is_not_utf8_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join(".antipasta.yaml"), ONE).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"b\xff.py");
    std::fs::write(root.join(name), BRANCHY).unwrap();
    let (code, stdout, _) = run(root, &["check", "--no-cache"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "\"b\\xff.py\":1:1: CC001 cyclomatic_complexity 2 (> 1) in f\n"
    );
    let (_, stdout, _) = run(root, &["dump"]);
    assert!(stdout.contains("\"path\":\"b\\ufffd.py\""), "{stdout}");
}

// Item 9: GIT_DIR and GIT_WORK_TREE mean what they mean to git.
#[test]
fn git_dir_and_git_work_tree_are_honoured_as_git_does() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    for (repo, name) in [(&one, "in_one"), (&two, "in_two")] {
        std::fs::create_dir(repo).unwrap();
        git(repo, &["init", "-q"]);
        std::fs::write(repo.join(".antipasta.yaml"), ONE).unwrap();
        std::fs::write(repo.join(format!("{name}.py")), BRANCHY).unwrap();
        git(repo, &["add", "."]);
    }
    let staged = |envs: &[(&str, &str)]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_antipasta"));
        cmd.args(["check", "--staged", "--no-cache", "-q"])
            .current_dir(&one);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        outcome(cmd.output().unwrap())
    };
    let git_names = |envs: &[(&str, &str)]| {
        let mut cmd = Command::new("git");
        cmd.args(["diff", "--cached", "--name-only"])
            .current_dir(&one);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    // Both set: the other repository, its work tree.
    let both = [("GIT_DIR", "../two/.git"), ("GIT_WORK_TREE", "../two")];
    assert!(git_names(&both).contains("in_two.py"));
    let (code, stdout, _) = staged(&both);
    assert_eq!(
        (code, stdout.as_str()),
        (
            1,
            "../two/in_two.py:1:1: CC001 cyclomatic_complexity 2 (> 1) in f\n"
        )
    );
    // GIT_DIR alone: that repository's index, the current directory as its work tree.
    let alone = [("GIT_DIR", "../two/.git")];
    assert_eq!(git_names(&alone), ".antipasta.yaml\nin_two.py\n");
    let (code, stdout, _) = staged(&alone);
    assert_eq!(
        (code, stdout.as_str()),
        (
            1,
            "in_two.py:1:1: CC001 cyclomatic_complexity 2 (> 1) in f\n"
        )
    );
    // Neither: discovery from the current directory.
    let (code, stdout, _) = staged(&[]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            1,
            "in_one.py:1:1: CC001 cyclomatic_complexity 2 (> 1) in f\n"
        )
    );
}

/// A project with one ordinary file beside `name`, holding `text`.
fn beside_ok(name: &str, text: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".antipasta.yaml"), ONE).unwrap();
    std::fs::write(dir.path().join("ok.py"), BRANCHY).unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    dir
}

const OK_LINE: &str = "ok.py:1:1: CC001 cyclomatic_complexity 2 (> 1) in f\n";

// Item 10: a million nested operators cost one file in every command, not the process.
#[test]
fn a_million_deep_expression_is_one_file_error_in_every_command() {
    let mut text = b"x = ".to_vec();
    text.extend(std::iter::repeat_n(b'-', 1_100_000));
    text.extend_from_slice(b"1\n)\n");
    let dir = beside_ok("deep.py", &text);
    let root = dir.path();
    let (code, stdout, stderr) = run(root, &["check", "--no-cache"]);
    assert_eq!((code, stdout.as_str()), (2, OK_LINE), "{stderr}");
    assert!(stderr.contains("error: deep.py: syntax error"), "{stderr}");
    // A chain of attributes (an iterative parse, a deep tree), in the other commands.
    let mut text = b"x = a".to_vec();
    for _ in 0..300_000 {
        text.extend_from_slice(b".b");
    }
    text.extend_from_slice(b"\n");
    std::fs::write(root.join("deep.py"), &text).unwrap();
    let (code, stdout, stderr) = run(root, &["metrics", "--no-cache", "-d", "."]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stdout.contains("ok.py"), "{stdout}");
    let (code, stdout, _) = run(root, &["dump"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("too deeply nested"), "{stdout}");
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    let (code, stdout, stderr) = run(root, &["check", "--staged", "--no-cache"]);
    assert_eq!((code, stdout.as_str()), (2, OK_LINE), "{stderr}");
    assert!(stderr.contains("too deeply nested"), "{stderr}");
}

/// Overwrites `len` bytes of `path` at `offset` in place (the same inode, as bit rot or a tool
/// writing into the file would).
fn write_in_place(path: &Path, offset: u64, bytes: &[u8]) {
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(offset)).unwrap();
    f.write_all(bytes).unwrap();
}

/// Exit code and stdout equal `reference`, at most one warning, no signal, no panic.
fn assert_answers(got: (i32, String, String), reference: &(i32, String, String), what: &str) {
    let (code, stdout, stderr) = got;
    assert_eq!(
        (code, &stdout),
        (reference.0, &reference.1),
        "{what}: {stderr}"
    );
    assert!(warnings(&stderr).len() <= 1, "{what}: {stderr}");
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
}

// Items 11 and 12: a data.mdb damaged in place (its inode unchanged) is never trusted: 300
// random byte flips, 100 zeroed pages; each answered right, and the next run too, silently.
#[test]
fn a_cache_damaged_in_place_never_crashes_nor_answers_wrong() {
    let tree = crate::cache::many_files();
    let root = tree.path();
    let cache = tempfile::tempdir().unwrap();
    let reference = no_cache(root, &[]);
    let data = data_mdb(cache.path());
    let mut rng = Rng(0x1234_5678_9abc);
    for trial in 0..400 {
        assert_answers(check(root, cache.path(), &[]), &reference, "warm");
        let len = std::fs::metadata(&data).unwrap().len();
        let inode = std::fs::metadata(&data).unwrap().ino();
        let what = match trial < 300 {
            true => {
                let at = rng.below(len);
                let byte = 1u8 << rng.below(8);
                let old = std::fs::read(&data).unwrap()[at as usize];
                write_in_place(&data, at, &[old ^ byte]);
                format!("trial {trial}: bit {byte:#x} flipped at {at}")
            }
            false => {
                let page = 2 + rng.below(len / 4096 - 2);
                write_in_place(&data, page * 4096, &[0; 4096]);
                format!("trial {trial}: page {page} zeroed")
            }
        };
        assert_eq!(std::fs::metadata(&data).unwrap().ino(), inode, "in place");
        assert_answers(check(root, cache.path(), &[]), &reference, &what);
        let (code, stdout, stderr) = check(root, cache.path(), &[]);
        assert_eq!(
            (code, &stdout),
            (reference.0, &reference.1),
            "{what}, again"
        );
        assert_eq!(warnings(&stderr).len(), 0, "{what}, again: {stderr}");
    }
    // A backup copied over the file (`cp` keeps the inode) is verified too.
    let backup = cache.path().join("backup.mdb");
    std::fs::copy(&data, &backup).unwrap();
    std::fs::write(root.join("copy0/new.py"), BRANCHY).unwrap();
    let reference = no_cache(root, &[]);
    assert_answers(check(root, cache.path(), &[]), &reference, "edit");
    std::fs::copy(&backup, &data).unwrap();
    assert_answers(
        check(root, cache.path(), &[]),
        &reference,
        "backup restored",
    );
    // `cache verify` on damage: an exit code, not a crash.
    write_in_place(&data, 2 * 4096, &[0xff; 4096]);
    let (code, _, stderr) = run(
        root,
        &[
            "cache",
            "verify",
            "--cache-dir",
            cache.path().to_str().unwrap(),
        ],
    );
    assert!(code == 0 || code == 2, "{code}: {stderr}");
}

// Item 13: errors, not panics: a thread pool the system refuses, a closed stderr, a trace file
// that cannot be written; and the job count is bounded.
#[test]
fn refusals_of_the_system_are_errors_not_panics() {
    let dir = beside_ok("two.py", BRANCHY.as_bytes());
    let root = dir.path();
    let reference = no_cache(root, &[]);
    // 200 threads of 64 MiB stacks do not fit in 3 GB of address space.
    let (code, stdout, stderr) = run_sh(
        root,
        "ulimit -v 3000000;",
        &["check", "--no-cache", "-j", "200"],
    );
    assert_eq!((code, &stdout), (reference.0, &reference.1), "{stderr}");
    assert!(stderr.contains("using one"), "{stderr}");
    let (code, stdout, _) = run(root, &["check", "--no-cache", "-j", "100000"]);
    assert_eq!((code, stdout), (reference.0, reference.1));
    // stderr closed early (`2>&1 | head -c 1`) or closed from the start: the run's own exit
    // code, no panic.
    let piped = Command::new("bash")
        .arg("-c")
        .arg("\"$0\" check --no-cache 2>&1 | head -c 1 >/dev/null; exit ${PIPESTATUS[0]}")
        .arg(env!("CARGO_BIN_EXE_antipasta"))
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(reference.0), "{piped:?}");
    let (code, _, _) = run_sh(root, "exec 2>&-;", &["check", "--no-cache"]);
    assert_eq!(code, reference.0);
    for trace in ["/nonexistent/t.json", "/dev/full"] {
        let (code, _, stderr) = run(root, &["--trace", trace, "check", "--no-cache"]);
        assert_eq!(code, 2, "{trace}: {stderr}");
        assert!(stderr.contains("the trace"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

// Item 14: a file name cannot split a finding, forge one, or reach the terminal raw.
#[test]
fn file_names_are_quoted_in_human_output() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join(".antipasta.yaml"), ONE).unwrap();
    for name in ["evil.py:1:1: forged\nx.py", "esc\x1b[31m.py", "plain.py"] {
        std::fs::write(root.join(name), BRANCHY).unwrap();
    }
    std::fs::write(root.join("bad\x1b[2J.py"), "def (:\n").unwrap();
    let (code, stdout, stderr) = run(root, &["check", "--no-cache"]);
    assert_eq!(code, 2);
    assert_eq!(
        stdout,
        "\"esc\\u{1b}[31m.py\":1:1: CC001 cyclomatic_complexity 2 (> 1) in f\n\
         \"evil.py:1:1: forged\\nx.py\":1:1: CC001 cyclomatic_complexity 2 (> 1) in f\n\
         plain.py:1:1: CC001 cyclomatic_complexity 2 (> 1) in f\n"
    );
    assert!(
        !stdout.contains('\x1b') && !stderr.contains('\x1b'),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: \"bad\\u{1b}[2J.py\": syntax error"),
        "{stderr}"
    );
    // JSON keeps the names as they are.
    let (_, json, _) = run(root, &["check", "--no-cache", "--format", "json"]);
    assert!(json.contains("evil.py:1:1: forged\\nx.py"), "{json}");
}

// Item 15: nesting that would make the parser quadratic is refused before parsing.
#[test]
fn deeply_nested_f_strings_are_refused_before_parsing() {
    let n = 100_000;
    let text = format!("x = {}1{}\n", "f\"{".repeat(n), "}\"".repeat(n));
    let dir = beside_ok("fstrings.py", text.as_bytes());
    let (code, stdout, stderr) = run(dir.path(), &["check", "--no-cache"]);
    assert_eq!((code, stdout.as_str()), (2, OK_LINE));
    assert!(
        stderr.contains("error: fstrings.py: syntax error at 1:5: too many nested f-strings"),
        "{stderr}"
    );
    // 150 levels, CPython 3.12's limit, still parse.
    let text = format!("x = {}1{}\n", "f\"{".repeat(150), "}\"".repeat(150));
    std::fs::write(dir.path().join("fstrings.py"), text).unwrap();
    let (code, _, stderr) = run(dir.path(), &["check", "--no-cache"]);
    assert_eq!(code, 1, "{stderr}");
    // One more is refused the same way when few enough to be parsed first (their nesting read
    // from the parser's tokens, or from the lexer's when the file has a syntax error too).
    for tail in ["", "def (:\n"] {
        let text = format!("x = {}1{}\n{tail}", "f\"{".repeat(151), "}\"".repeat(151));
        std::fs::write(dir.path().join("fstrings.py"), text).unwrap();
        let (code, stdout, stderr) = run(dir.path(), &["check", "--no-cache"]);
        assert_eq!((code, stdout.as_str()), (2, OK_LINE), "{tail:?}");
        assert!(
            stderr.contains("error: fstrings.py: syntax error at 1:5: too many nested f-strings"),
            "{tail:?}: {stderr}"
        );
    }
}

/// Whether CPython (python3, from the top level of a script) builds the tree of `text`.
fn cpython_accepts(text: &str) -> bool {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), text).unwrap();
    Command::new("python3")
        .args(["-c", "import ast, sys\nast.parse(open(sys.argv[1]).read())"])
        .arg(file.path())
        .stderr(Stdio::null())
        .status()
        .unwrap()
        .success()
}

// Item 16: the tree-depth limit is CPython 3.11's, to the node, on every shape: the deepest
// tree python3 accepts is accepted, one level more is refused.
#[test]
fn the_tree_depth_limit_is_cpythons() {
    type Shape = fn(usize) -> String;
    let shapes: [(&str, Shape); 7] = [
        ("binary", |n| format!("x = a{}\n", "+a".repeat(n))),
        ("unary", |n| format!("x = {}1\n", "-".repeat(n))),
        ("attribute", |n| format!("x = a{}\n", ".b".repeat(n))),
        ("call", |n| format!("x = f{}\n", "()".repeat(n))),
        ("conditional", |n| {
            format!("x = {}c\n", "a if b else ".repeat(n))
        }),
        ("in a function", |n| {
            format!("def f():\n    return {}1\n", "not ".repeat(n))
        }),
        ("elif chain", |n| {
            let mut s = "if a:\n    pass\n".to_string();
            for _ in 0..n {
                s.push_str("elif a:\n    pass\n");
            }
            s
        }),
    ];
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deep.py");
    let ours = |text: &str| {
        std::fs::write(&file, text).unwrap();
        let (_, _, stderr) = run(dir.path(), &["check", "--no-cache", "deep.py"]);
        !stderr.contains("too deeply nested")
    };
    for (name, shape) in shapes {
        let (mut lo, mut hi) = (1usize, 4000);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            match cpython_accepts(&shape(mid)) {
                true => lo = mid,
                false => hi = mid - 1,
            }
        }
        assert!(ours(&shape(lo)), "{name}: CPython accepts {lo} levels");
        assert!(
            !ours(&shape(lo + 1)),
            "{name}: CPython refuses {} levels",
            lo + 1
        );
    }
}
