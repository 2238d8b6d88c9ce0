//! The concrete salsa database the queries run on.

/// One per process; each rayon worker works on its own clone (salsa 0.28 has no parallel map).
#[salsa::db]
#[derive(Clone, Default)]
pub struct Database {
    storage: salsa::Storage<Self>,
}

#[salsa::db]
impl salsa::Database for Database {}

#[salsa::db]
impl queries::Db for Database {}

impl Database {
    /// A database that counts query executions by query name, for watch mode's report.
    pub fn with_counts(
        counts: std::sync::Arc<std::sync::Mutex<std::collections::BTreeMap<String, usize>>>,
    ) -> Database {
        let callback = move |event: salsa::Event| {
            if let salsa::EventKind::WillExecute { database_key } = event.kind {
                let name = format!("{database_key:?}");
                let name = name.split('(').next().unwrap_or_default().to_string();
                *counts
                    .lock()
                    .expect("counts lock is never poisoned")
                    .entry(name)
                    .or_default() += 1;
            }
        };
        Database {
            storage: salsa::Storage::new(Some(Box::new(callback))),
        }
    }

    /// A database that reports every query execution to `log`, for incrementality tests.
    pub fn with_log(log: std::sync::Arc<std::sync::Mutex<Vec<String>>>) -> Database {
        let callback = move |event: salsa::Event| {
            if let salsa::EventKind::WillExecute { database_key } = event.kind {
                let name = format!("{database_key:?}");
                log.lock().expect("log lock is never poisoned").push(name);
            }
        };
        Database {
            storage: salsa::Storage::new(Some(Box::new(callback))),
        }
    }
}
