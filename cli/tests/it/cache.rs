//! The result cache never changes a result (invariant 1) and a damaged cache is detected,
//! replaced and reported once (invariant 2). Every run here is compared with `--no-cache`.

use std::path::Path;

use crate::{project, run};

/// stdout, stderr and exit code of `check` with the cache in `cache`.
fn check(root: &Path, cache: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["check", "--cache-dir", cache.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(root, &args)
}

fn no_cache(root: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["check", "--no-cache"];
    args.extend_from_slice(extra);
    run(root, &args)
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
    // The cache copied to another project directory works there unchanged.
    let other = project("basic");
    let copied = tempfile::tempdir().unwrap();
    for name in ["data.mdb", "CACHEDIR.TAG", ".gitignore"] {
        std::fs::copy(cache.path().join(name), copied.path().join(name)).unwrap();
    }
    assert_eq!(
        check(other.path(), copied.path(), &[]),
        no_cache(other.path(), &[])
    );
}

#[test]
fn the_default_cache_is_tagged_and_ignored_and_no_cache_writes_nothing() {
    let p = project("basic");
    no_cache(p.path(), &[]);
    assert!(!p.path().join(".antipasta_cache").exists());
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
        ("empty", |_| Vec::new(), 0),
        ("one page of zeros", |_| vec![0; 4096], 1),
    ];
    for (what, damage, expected) in damages {
        let cache = tempfile::tempdir().unwrap();
        check(p.path(), cache.path(), &[]);
        let data = cache.path().join("data.mdb");
        let bytes = std::fs::read(&data).unwrap();
        std::fs::write(&data, damage(&bytes)).unwrap();
        let (code, stdout, stderr) = check(p.path(), cache.path(), &[]);
        assert_eq!((code, &stdout), (reference.0, &reference.1), "{what}");
        let warnings: Vec<_> = stderr
            .lines()
            .filter(|l| l.starts_with("warning:"))
            .collect();
        assert_eq!(warnings.len(), expected, "{what}: {stderr}");
        assert!(
            warnings
                .iter()
                .all(|w| w.contains("discarded an unusable cache")),
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

#[test]
fn an_unwritable_cache_directory_is_one_warning() {
    let p = project("basic");
    let reference = no_cache(p.path(), &[]);
    let blocker = p.path().join("not-a-dir");
    std::fs::write(&blocker, "a file where the cache directory would go").unwrap();
    let (code, stdout, stderr) = check(p.path(), &blocker.join("cache"), &[]);
    assert_eq!((code, stdout), (reference.0, reference.1));
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("warning:")).count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("running without the cache"), "{stderr}");
}
