//! What the machine lets a run use (shared/design/engine.md §10): the CPUs (the standard
//! library's count already follows a cgroup's CPU quota, v1 `cpu.cfs_quota_us` and v2
//! `cpu.max`), and the memory: the process's cgroup limit (v1 `memory.limit_in_bytes`, v2
//! `memory.max`, through sysinfo), the memory the system has available, and `--max-memory`.
//! From them, a budget for the files in flight: a worker reserves an estimate of what a file
//! costs to parse and measure before it starts, and waits while the reservations would exceed the
//! budget, so that near its budget a run lowers its parallelism instead of failing. One file
//! always proceeds, whatever its estimate: the run completes.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// What parsing and measuring a file costs, as a multiple of its size: measured peaks over the
/// baseline, `-j1`, one stdlib file each: 22× (test_typing.py), 18× (test_descr.py), 12×
/// (_pydecimal.py), 5× (pydoc_data/topics.py, one big string); rounded up.
pub const COST_PER_BYTE: u64 = 25;

/// Where the memory limit of a run came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// `--max-memory`.
    Flag,
    /// The process's cgroup (a container, a CI runner).
    Cgroup,
    /// The memory the system has available now.
    Available,
}

impl Source {
    pub fn name(self) -> &'static str {
        match self {
            Source::Flag => "--max-memory",
            Source::Cgroup => "the cgroup's memory limit",
            Source::Available => "the available memory",
        }
    }
}

/// The memory a run may use, and what of it is left for the files in flight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Memory {
    /// The smallest of the limits, in bytes.
    pub limit: u64,
    pub source: Source,
    /// The process's resident set when the budget was set.
    pub rss: u64,
}

impl Memory {
    /// Half of what is left over the current resident set: the other half is for the results
    /// kept until the report, the store's pages and the allocator's slack.
    pub fn in_flight(&self) -> u64 {
        self.limit.saturating_sub(self.rss) / 2
    }
}

/// The memory limits that apply to this process now; `max` is `--max-memory`. `None` when
/// nothing can be read (not Linux, no `/proc`): no budget, as before.
pub fn memory(max: Option<u64>) -> Option<Memory> {
    let mut sys = sysinfo::System::new().ok()?;
    sys.refresh_memory();
    let me = sysinfo::get_current_pid().ok()?;
    let what = sysinfo::ProcessRefreshKind::nothing().with_memory();
    sys.refresh_processes_specifics(sysinfo::ProcessesToUpdate::Some(&[me]), false, what);
    let (rss, cgroup) = {
        let p = sys.process(me)?;
        (p.memory(), p.cgroup_limits())
    };
    let mut limits = vec![(sys.available_memory(), Source::Available)];
    // A cgroup without a limit reports the machine's memory.
    if let Some(c) = cgroup.filter(|c| c.total_memory < sys.total_memory()) {
        limits.push((c.total_memory, Source::Cgroup));
    }
    if let Some(max) = max {
        limits.push((max, Source::Flag));
    }
    let (limit, source) = limits.into_iter().min_by_key(|(l, _)| *l)?;
    Some(Memory { limit, source, rss })
}

/// The CPU quota of the process's cgroup, in CPUs (`cpu.max` or `cpu.cfs_quota_us` over the
/// period), when one is set: for the debug line; the worker count itself comes from
/// `std::thread::available_parallelism`, which applies it.
pub fn cpu_quota() -> Option<f64> {
    let cgroup = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    for line in cgroup.lines() {
        let mut parts = line.splitn(3, ':');
        let (_, controllers, path) = (parts.next()?, parts.next()?, parts.next()?);
        let quota = match controllers {
            "" => {
                let text = std::fs::read_to_string(format!("/sys/fs/cgroup{path}/cpu.max")).ok();
                text.and_then(|t| {
                    let (q, p) = t.trim().split_once(' ')?;
                    Some(q.parse::<f64>().ok()? / p.parse::<f64>().ok()?)
                })
            }
            c if c.split(',').any(|c| c == "cpu") => {
                let dir = format!("/sys/fs/cgroup/{c}{path}");
                let read = |f: &str| -> Option<f64> {
                    std::fs::read_to_string(format!("{dir}/{f}"))
                        .ok()?
                        .trim()
                        .parse()
                        .ok()
                };
                read("cpu.cfs_quota_us")
                    .filter(|q| *q > 0.0)
                    .and_then(|q| Some(q / read("cpu.cfs_period_us")?))
            }
            _ => None,
        };
        if quota.is_some() {
            return quota;
        }
    }
    None
}

/// The files in flight and their estimated cost, against a budget.
pub struct Budget {
    limit: u64,
    used: Mutex<u64>,
    freed: Condvar,
    /// Files that waited for memory (the parallelism the budget took away).
    waited: AtomicUsize,
}

impl Budget {
    pub fn new(limit: u64) -> Budget {
        Budget {
            limit,
            used: Mutex::new(0),
            freed: Condvar::new(),
            waited: AtomicUsize::new(0),
        }
    }

    /// Reserves what a file of `size` bytes costs; waits while that would exceed the budget and
    /// other files are in flight. Released when the reservation drops.
    pub fn reserve(&self, size: u64) -> Reservation<'_> {
        let cost = size.saturating_mul(COST_PER_BYTE);
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let mut counted = false;
        while *used > 0 && used.saturating_add(cost) > self.limit {
            if !counted {
                self.waited.fetch_add(1, Ordering::Relaxed);
                counted = true;
            }
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += cost;
        Reservation { budget: self, cost }
    }

    pub fn waited(&self) -> usize {
        self.waited.load(Ordering::Relaxed)
    }
}

/// A file's share of the [`Budget`] while it is computed.
pub struct Reservation<'a> {
    budget: &'a Budget,
    cost: u64,
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        let mut used = self.budget.used.lock().unwrap_or_else(|e| e.into_inner());
        *used -= self.cost;
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_lets_one_file_through_whatever_its_cost_and_makes_the_others_wait() {
        let budget = Budget::new(100 * COST_PER_BYTE);
        let big = budget.reserve(1_000);
        assert_eq!(budget.waited(), 0);
        std::thread::scope(|s| {
            let waiting = s.spawn(|| {
                let _small = budget.reserve(10);
            });
            while budget.waited() == 0 {
                std::thread::yield_now();
            }
            assert!(!waiting.is_finished());
            drop(big);
            waiting.join().unwrap();
        });
        assert_eq!(budget.waited(), 1);
        // Under the budget, nothing waits.
        let a = budget.reserve(40);
        let b = budget.reserve(40);
        assert_eq!(budget.waited(), 1);
        drop((a, b));
    }

    #[test]
    fn the_limits_of_this_process_can_be_read() {
        let m = memory(Some(1 << 40)).expect("Linux has /proc");
        assert!(m.limit > 0 && m.rss > 0);
        let tight = memory(Some(1 << 20)).unwrap();
        assert_eq!((tight.limit, tight.source), (1 << 20, Source::Flag));
        assert_eq!(tight.in_flight(), 0);
    }
}
