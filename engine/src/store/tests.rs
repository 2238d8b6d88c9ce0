use super::*;

use proptest::prelude::*;

fn sample() -> FileMetrics {
    let db = crate::Database::default();
    let text = "class C:\n    def f(self, a):\n        if a and b:\n            return a + 1\n"
        .to_string();
    crate::file_metrics_of(&db, text)
}

fn opened(dir: &Path) -> Store {
    Store::open(dir, &|_, _| true).unwrap().0
}

#[test]
fn a_record_round_trips_and_any_damage_is_a_miss() {
    let m = sample();
    let k = file_key(&content_hash("x"));
    let value = seal(&k, &with_day(7, &encode_metrics(&m)));
    let payload = unseal_key(&k, &value).unwrap();
    assert_eq!(decode_record(&payload[2..]), Some(m));
    // Another key, a flipped byte anywhere, a truncation: never a value.
    assert_eq!(unseal(&file_key(&content_hash("y")), &value), None);
    for i in 0..value.len() {
        let mut bad = value.clone();
        bad[i] ^= 0x40;
        assert_eq!(unseal(&k, &bad), None, "flipped byte {i}");
        assert_eq!(unseal(&k, &value[..i]), None, "truncated to {i}");
    }
}

#[test]
fn trailing_or_missing_bytes_do_not_decode() {
    let bytes = encode_metrics(&sample());
    assert!(decode_record(&bytes).is_some());
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(decode_record(&longer), None);
    assert_eq!(decode_record(&bytes[..bytes.len() - 1]), None);
}

proptest! {
    // 20,000 cases per property on every `cargo test`; PROPTEST_CASES=N for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(20_000),
        ..ProptestConfig::default()
    })]

    /// The decoder never panics on arbitrary bytes, and whatever it accepts is a whole record.
    #[test]
    fn the_decoder_takes_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        if let Some(m) = decode_record(&bytes) {
            prop_assert_eq!(decode_record(&encode_metrics(&m)), Some(m));
        }
        let _ = decode_metrics(&bytes);
        let k = file_key(&content_hash("k"));
        if let Some(p) = unseal(&k, &bytes) {
            prop_assert_eq!(seal(&k, p), bytes.clone());
        }
    }

    /// One mutated byte of a sealed record is always caught by the checksum (never decoded to a
    /// different value).
    #[test]
    fn a_mutated_record_is_a_miss(at in 0usize..10_000, flip in 1u8..=255) {
        let m = sample();
        let k = file_key(&content_hash("k"));
        let mut value = seal(&k, &with_day(3, &encode_metrics(&m)));
        let at = at % value.len();
        value[at] ^= flip;
        prop_assert!(unseal(&k, &value).is_none());
    }

    /// Mutations past the checksum (as if it collided): the decoder never panics.
    #[test]
    fn a_mutated_payload_never_panics(at in 0usize..10_000, byte in any::<u8>(), cut in 0usize..10_000) {
        let mut payload = encode_metrics(&sample());
        let at = at % payload.len();
        payload[at] = byte;
        let cut = cut % (payload.len() + 1);
        let _ = decode_record(&payload[..cut]);
    }
}

#[test]
fn a_stat_is_trusted_only_when_equal_and_settled() {
    let stat = Stat {
        size: 10,
        mtime_ns: 1_000_000_000_000,
        ctime_ns: 1_000_000_000_000,
        ino: 5,
        dev: 1,
        mode: 0o100644,
    };
    let ck = content_hash("x");
    let settled = PathRec {
        stat,
        ck,
        recorded_at_ns: stat.mtime_ns + 10 * RACY_NS,
    };
    assert_eq!(settled.trusted(&stat), Some(ck));
    // Written within the granularity of the run that recorded it: hashed again.
    let racy = PathRec {
        recorded_at_ns: stat.mtime_ns + RACY_NS / 2,
        ..settled
    };
    assert_eq!(racy.trusted(&stat), None);
    // Any field that differs: another file, or the same file changed.
    for other in [
        Stat { size: 11, ..stat },
        Stat {
            mtime_ns: stat.mtime_ns - 1,
            ..stat
        },
        Stat {
            ctime_ns: stat.ctime_ns + 1,
            ..stat
        },
        Stat { ino: 6, ..stat },
        Stat { dev: 2, ..stat },
        Stat {
            mode: 0o100755,
            ..stat
        },
    ] {
        assert_eq!(settled.trusted(&other), None, "{other:?}");
    }
}

fn write_files(store: &Store, n: usize, day_ns: i64) -> Vec<Hash> {
    let m = encode_metrics(&sample());
    let cks: Vec<Hash> = (0..n)
        .map(|i| content_hash(&format!("file {i} of {n} on {day_ns}")))
        .collect();
    let writes = Writes {
        files: cks.iter().map(|ck| (*ck, m.clone())).collect(),
        ..Writes::default()
    };
    store.write(&writes, day_ns).unwrap();
    cks
}

#[test]
fn a_full_map_grows_and_the_write_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    prepare_dir(dir.path(), &env_dir(dir.path())).unwrap();
    let store = open_env(&env_dir(dir.path()), 64 << 10, false).unwrap();
    // ~1,000 records of a few hundred bytes: far more than 64 KiB.
    let cks = write_files(&store, 1000, now_ns());
    assert!(store.env.info().map_size > 64 << 10);
    let reader = store.reader().unwrap();
    assert!(
        cks.iter()
            .all(|ck| reader.file(ck).and_then(|r| r.open(None)).is_some())
    );
}

#[test]
fn past_the_bound_the_least_recently_used_files_go() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = opened(dir.path());
    let day = 86_400_000_000_000;
    let old = write_files(&store, 300, 100 * day);
    let newer: Vec<Hash> = {
        let m = encode_metrics(&sample());
        let cks: Vec<Hash> = (0..300)
            .map(|i| content_hash(&format!("new {i}")))
            .collect();
        let writes = Writes {
            files: cks.iter().map(|ck| (*ck, m.clone())).collect(),
            ..Writes::default()
        };
        store.write(&writes, 200 * day).unwrap();
        cks
    };
    let live = store.stats().unwrap().live_bytes;
    store.set_max_size(live / 2);
    // Any write past the bound evicts, oldest day first, down to three quarters of it.
    store
        .write(
            &Writes {
                touched: vec![newer[0]],
                ..Writes::default()
            },
            200 * day,
        )
        .unwrap();
    let reader = store.reader().unwrap();
    assert!(
        old.iter()
            .all(|ck| reader.file(ck).and_then(|r| r.open(None)).is_none())
    );
    assert!(
        newer
            .iter()
            .any(|ck| reader.file(ck).and_then(|r| r.open(None)).is_some())
    );
    drop(reader);
    assert!(store.stats().unwrap().live_bytes <= live / 2);
}

#[test]
fn prune_drops_old_entries_and_shrinks_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = opened(dir.path());
    let day = 86_400_000_000_000i64;
    let now = 1000 * day;
    let old = write_files(&store, 2000, now - 40 * day);
    let recent = write_files(&store, 10, now - day);
    let rec = |ck| PathRec {
        stat: Stat {
            size: 1,
            mtime_ns: 0,
            ctime_ns: 0,
            ino: 1,
            dev: 1,
            mode: 0,
        },
        ck,
        recorded_at_ns: now - 40 * day,
    };
    // Records written 40 days ago: one pair points at an old file, one at a recent one (a file
    // checked every day whose path and blob records were never rewritten).
    let writes = Writes {
        paths: vec![
            (b"old.py".to_vec(), rec(old[0])),
            (b"daily.py".to_vec(), rec(recent[0])),
        ],
        oids: vec![([1; 28], old[0]), ([2; 28], recent[0])],
        ..Writes::default()
    };
    store.write(&writes, now - 40 * day).unwrap();
    let before = store.stats().unwrap();
    assert_eq!((before.files, before.paths, before.oids), (2010, 2, 2));
    let removed = store.prune(30, now).unwrap();
    assert_eq!(removed, 2002);
    let store = opened(dir.path());
    let after = store.stats().unwrap();
    assert_eq!((after.files, after.paths, after.oids), (10, 1, 1));
    let reader = store.reader().unwrap();
    assert_eq!(reader.path(b"daily.py").map(|r| r.ck), Some(recent[0]));
    assert_eq!(reader.oid(&[2; 28]), Some(recent[0]));
    drop(reader);
    assert!(
        after.file_bytes < before.file_bytes / 4,
        "{before:?} {after:?}"
    );
    let reader = store.reader().unwrap();
    assert!(
        recent
            .iter()
            .all(|ck| reader.file(ck).and_then(|r| r.open(None)).is_some())
    );
}

/// A new cache directory holding a copy of `from`'s `data.mdb`.
fn copied(from: &Path) -> tempfile::TempDir {
    let to = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(env_dir(to.path())).unwrap();
    let data = |d: &Path| env_dir(d).join("data.mdb");
    std::fs::copy(data(from), data(to.path())).unwrap();
    to
}

#[test]
fn a_cache_new_to_this_machine_is_verified_once() {
    let dir = tempfile::tempdir().unwrap();
    drop(opened(dir.path()));
    let calls = std::cell::Cell::new(0);
    // What the child does: read every record, then copy the trees into `into`.
    let verify = |d: &Path, into: &Path| {
        calls.set(calls.get() + 1);
        let store = Store::open_existing(d).unwrap();
        let ok = store.verify() == Ok(0) && store.compact_into(into).is_ok();
        let closing = store.env.clone().prepare_for_closing();
        drop(store);
        closing.wait();
        ok
    };
    // Known: no verification.
    drop(Store::open(dir.path(), &verify).unwrap());
    assert_eq!(calls.get(), 0);
    // A copy (another inode), as a CI restore makes: verified once, then known.
    let copy = copied(dir.path());
    drop(Store::open(copy.path(), &verify).unwrap());
    drop(Store::open(copy.path(), &verify).unwrap());
    assert_eq!(calls.get(), 1);
    // Failing verification: discarded, one warning, an empty store.
    let again = copied(dir.path());
    let (store, note) = Store::open(again.path(), &|_, _| false).unwrap();
    assert!(note.unwrap().contains("failed verification"));
    assert_eq!(store.stats().unwrap().files, 0);
}

#[test]
fn another_schema_is_replaced_with_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let store = opened(dir.path());
    write_files(&store, 5, now_ns());
    let rtxn = store.env.read_txn().unwrap();
    let meta = store
        .env
        .open_databases_and_commit(rtxn, |opener, r| -> heed::Result<_> {
            let meta = opener.open_database::<Bytes, Bytes>(r, Some("meta"))?;
            Ok(heed::CommitOrAbort::<_, ()>::Commit(meta))
        })
        .unwrap()
        .unwrap_commit()
        .unwrap();
    let mut w = store.env.write_txn().unwrap();
    meta.put(&mut w, b"schema", &99u32.to_le_bytes()).unwrap();
    w.commit().unwrap();
    let closing = store.env.clone().prepare_for_closing();
    drop(store);
    closing.wait();
    let (store, note) = Store::open(dir.path(), &|_, _| true).unwrap();
    assert!(note.unwrap().contains("another schema"));
    assert_eq!(store.stats().unwrap().files, 0);
}

#[test]
fn network_file_systems_are_told_apart() {
    assert_eq!(filesystem_name(0x6969), Some("NFS"));
    assert_eq!(filesystem_name(0xFF53_4D42), Some("CIFS"));
    assert_eq!(filesystem_name(0x6573_5546), Some("a FUSE file system"));
    // ext4, tmpfs, overlayfs, btrfs, xfs: local.
    for local in [0xEF53, 0x0102_1994, 0x794C_7630, 0x9123_683E, 0x5846_5342] {
        assert_eq!(filesystem_name(local), None, "{local:#x}");
    }
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(network_filesystem(&dir.path().join("not/yet/made")), None);
}
