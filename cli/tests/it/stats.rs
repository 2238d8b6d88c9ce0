//! `antipasta stats` on a fixture project, as 1.2's users run it (scripts/stats-test.sh checks
//! every number against the definitions on the stdlib).

use crate::{project, render, run};

#[test]
fn stats_in_every_mode() {
    let p = project("basic");
    let d = p.path();
    let mut out = String::new();
    for args in [
        &["stats", "--no-cache"][..],
        &[
            "stats",
            "--no-cache",
            "-m",
            "cyc",
            "-m",
            "mai",
            "--by-directory",
        ],
        &["stats", "--no-cache", "-m", "cyc", "--by-module"],
        &["stats", "--no-cache", "-m", "cog", "--format", "json"],
        &[
            "stats",
            "--no-cache",
            "-m",
            "cyc",
            "--format",
            "csv",
            "--by-directory",
        ],
        &["stats", "--no-cache", "-m", "cyclo"],
        &["stats", "--no-cache", "--depth", "-1"],
        &["stats", "--no-cache", "-p", "nothing/**/*.py"],
    ] {
        out.push_str(&format!(
            "$ antipasta {}\n{}\n",
            args.join(" "),
            render(run(d, args))
        ));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn format_all_writes_nine_files_and_a_warm_stats_reads_no_file() {
    let p = project("basic");
    let cache = tempfile::tempdir().unwrap();
    let c = cache.path().to_str().unwrap();
    let (code, _, stderr) = run(
        p.path(),
        &[
            "stats",
            "--cache-dir",
            c,
            "--format",
            "all",
            "-o",
            "reports",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let mut names: Vec<String> = std::fs::read_dir(p.path().join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 9, "{names:?}");
    assert!(
        stderr.contains("✅ Generated 9 report files from a single analysis!"),
        "{stderr}"
    );
    assert!(stderr.contains("   Total LOC: 32\n"), "{stderr}");
    // Warm: every file from the cache, and the same numbers as --no-cache.
    crate::cache::age(&p.path().join("pkg"));
    let (_, cold, _) = run(
        p.path(),
        &["stats", "--no-cache", "--format", "json", "-m", "all"],
    );
    run(p.path(), &["stats", "--cache-dir", c]);
    let (_, warm, _) = run(
        p.path(),
        &["stats", "--cache-dir", c, "--format", "json", "-m", "all"],
    );
    assert_eq!(warm, cold);
}
