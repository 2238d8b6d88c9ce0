//! The persistent result store: one LMDB environment per cache directory (heed), holding each
//! file's metrics under a content key, so that a file whose bytes were analysed before — in an
//! earlier run, another checkout or another worktree — is not parsed again
//! (shared/design/engine.md §2).
//!
//! The key is blake3(tool fingerprint ‖ text): the fingerprint covers the antipasta version, the
//! store schema and the parser, never thresholds, output or paths. A value is an 8-byte checksum
//! (blake3 of key ‖ payload) followed by the postcard payload; a value that fails the checksum or
//! does not decode is a miss, never an answer. Any failure to open, read or write the store turns
//! it into a miss or a warning; the results are the same with or without it.

use std::path::{Path, PathBuf};

use heed::types::Bytes;
use heed::{Database, Env, EnvOpenOptions, WithoutTls};
use queries::FileMetrics;

/// Bumped whenever the layout of a stored value changes.
pub const SCHEMA: u32 = 1;

/// Address space reserved for the map; the file grows only as data is written.
const MAP_SIZE: usize = 2 << 30;

/// A content key: blake3(fingerprint ‖ text).
pub type Key = [u8; 32];

/// Everything that changes a stored value: the tool, the store layout and the parser.
/// Computed once per process.
fn fingerprint() -> &'static [u8; 32] {
    static FINGERPRINT: std::sync::OnceLock<[u8; 32]> = std::sync::OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        let text = format!(
            "antipasta {}; schema {SCHEMA}; ruff_python_parser 0.0.10",
            env!("CARGO_PKG_VERSION")
        );
        blake3::hash(text.as_bytes()).into()
    })
}

pub fn key(text: &str) -> Key {
    let mut hasher = blake3::Hasher::new();
    hasher.update(fingerprint());
    hasher.update(text.as_bytes());
    hasher.finalize().into()
}

pub struct Store {
    env: Env<WithoutTls>,
    files: Database<'static, Bytes, Bytes>,
}

impl Store {
    /// Opens (or creates) the store in `dir`. A store that is unreadable, truncated, from another
    /// schema or not LMDB at all is deleted and created anew; the `Err` is a one-line reason to
    /// run without a store.
    pub fn open(dir: &Path) -> Result<(Store, Option<String>), String> {
        prepare_dir(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        match open_env(dir) {
            Ok(store) => Ok((store, None)),
            Err(first) => {
                // Anything wrong with the files themselves: start over once.
                for name in ["data.mdb", "lock.mdb"] {
                    let _ = std::fs::remove_file(dir.join(name));
                }
                let store = open_env(dir)?;
                Ok((
                    store,
                    Some(format!("discarded an unusable cache ({first})")),
                ))
            }
        }
    }

    /// The stored metrics of each key (`None` keys are misses), in one read transaction;
    /// anything unreadable is a miss.
    pub fn get(&self, keys: &[Option<Key>]) -> Vec<Option<FileMetrics>> {
        let Ok(rtxn) = self.env.read_txn() else {
            return vec![None; keys.len()];
        };
        keys.iter()
            .map(|k| {
                let k = k.as_ref()?;
                let value = self.files.get(&rtxn, k).ok().flatten()?;
                decode(k, value)
            })
            .collect()
    }

    /// Writes `items` in one write transaction (one fsync). A second process writing at the same
    /// time makes this wait for its commit; both writes survive.
    pub fn put(&self, items: &[(Key, &FileMetrics)]) -> Result<(), String> {
        if items.is_empty() {
            return Ok(());
        }
        let write = || -> heed::Result<()> {
            let mut wtxn = self.env.write_txn()?;
            for (k, metrics) in items {
                self.files.put(&mut wtxn, k, &encode(k, metrics))?;
            }
            wtxn.commit()
        };
        write().map_err(|e| format!("cannot write the cache: {e}"))
    }
}

fn prepare_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let tag = dir.join("CACHEDIR.TAG");
    if !tag.exists() {
        std::fs::write(
            &tag,
            "Signature: 8a477f597d28d172789f06886806bc55\n\
             # This file is a cache directory tag created by antipasta.\n\
             # For information about cache directory tags see https://bford.info/cachedir/\n",
        )?;
    }
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        std::fs::write(&ignore, "# Created by antipasta.\n*\n")?;
    }
    Ok(())
}

fn open_env(dir: &Path) -> Result<Store, String> {
    let data = dir.join("data.mdb");
    // SAFETY: LMDB maps data.mdb; the mapping is only unsound if the file is truncated or changed
    // behind our back. The directory is antipasta's own, and the size guard below refuses a file
    // shorter than the pages its meta page claims before any page is read through the map.
    #[allow(unsafe_code)]
    let env = unsafe {
        EnvOpenOptions::new()
            .read_txn_without_tls()
            .map_size(MAP_SIZE)
            .max_dbs(4)
            .open(dir)
    }
    .map_err(|e| format!("cannot open the cache: {e}"))?;
    let page = env.unnamed_database_stat().page_size as u64;
    let needed = (env.info().last_page_number as u64 + 1) * page;
    let actual = std::fs::metadata(&data).map(|m| m.len()).unwrap_or(0);
    if actual < needed {
        return Err(format!(
            "data.mdb is {actual} bytes, its pages need {needed}"
        ));
    }
    env.clear_stale_readers()
        .map_err(|e| format!("cannot clear stale readers: {e}"))?;
    let wtxn = env.write_txn().map_err(|e| e.to_string())?;
    let (meta, files) = env
        .create_databases_and_commit(wtxn, |opener, w| -> heed::Result<_> {
            let meta = opener.create_database::<Bytes, Bytes>(w, Some("meta"))?;
            let files = opener.create_database::<Bytes, Bytes>(w, Some("files"))?;
            Ok(heed::CommitOrAbort::<_, ()>::Commit((meta, files)))
        })
        .map_err(|e| format!("cannot open the cache tables: {e}"))?
        .unwrap_commit();
    let schema = SCHEMA.to_le_bytes();
    let stored = {
        let rtxn = env.read_txn().map_err(|e| e.to_string())?;
        meta.get(&rtxn, b"schema")
            .map_err(|e| e.to_string())?
            .map(<[u8]>::to_vec)
    };
    match stored {
        Some(s) if s == schema => {}
        Some(_) => return Err("the cache has another schema".to_string()),
        None => {
            let mut w = env.write_txn().map_err(|e| e.to_string())?;
            meta.put(&mut w, b"schema", &schema)
                .and_then(|()| w.commit())
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(Store { env, files })
}

fn checksum(key: &Key, payload: &[u8]) -> [u8; 8] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(key);
    hasher.update(payload);
    let hash: [u8; 32] = hasher.finalize().into();
    hash[..8].try_into().expect("8 of 32 bytes")
}

fn encode(key: &Key, metrics: &FileMetrics) -> Vec<u8> {
    let payload = postcard::to_stdvec(metrics).expect("plain data always encodes");
    let mut value = checksum(key, &payload).to_vec();
    value.extend_from_slice(&payload);
    value
}

/// The stored metrics, or `None` when the bytes are not what `encode` wrote for this key.
fn decode(key: &Key, value: &[u8]) -> Option<FileMetrics> {
    let (sum, payload) = value.split_at_checked(8)?;
    if sum != checksum(key, payload) {
        return None;
    }
    postcard::from_bytes(payload).ok()
}

/// The cache directory: `--cache-dir`, else `ANTIPASTA_CACHE_DIR`, else `.antipasta_cache` at the
/// project root.
pub fn cache_dir(explicit: Option<&Path>, root: &Path) -> PathBuf {
    explicit
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("ANTIPASTA_CACHE_DIR").map(PathBuf::from))
        .unwrap_or_else(|| root.join(".antipasta_cache"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> FileMetrics {
        let db = crate::Database::default();
        let text = "def f(a):\n    if a and b:\n        return a + 1\n".to_string();
        crate::file_metrics_of(&db, text)
    }

    #[test]
    fn a_record_round_trips_and_any_damage_is_a_miss() {
        let m = sample();
        let k = key("x");
        let value = encode(&k, &m);
        assert_eq!(decode(&k, &value), Some(m));
        // Another key, a flipped byte anywhere, a truncation: never a value.
        assert_eq!(decode(&key("y"), &value), None);
        for i in 0..value.len() {
            let mut bad = value.clone();
            bad[i] ^= 0x40;
            assert_eq!(decode(&k, &bad), None, "flipped byte {i}");
            assert_eq!(decode(&k, &value[..i]), None, "truncated to {i}");
        }
    }
}
