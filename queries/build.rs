//! `SOURCE_FINGERPRINT`: a hash of every source file of this crate, so that the result cache
//! (keyed by it, through the engine's fingerprint) never serves a result an older metric code
//! computed, even between two builds of the same version.

use std::path::Path;

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("queries/src is readable")
        .map(|e| e.expect("queries/src is readable").path())
        .collect();
    entries.sort();
    for p in entries {
        match p.is_dir() {
            true => files(&p, out),
            false => out.push(p),
        }
    }
}

fn main() {
    let src = Path::new("src");
    println!("cargo:rerun-if-changed=src");
    let mut all = Vec::new();
    files(src, &mut all);
    // FNV-1a, 64 bits, over each file's path and bytes.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in &all {
        let name = p
            .strip_prefix(src)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(p).expect("queries/src is readable");
        for b in name.bytes().chain([0]).chain(bytes).chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=QUERIES_SOURCE_FINGERPRINT={h:016x}");
}
