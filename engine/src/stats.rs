//! How a run's metric values are distributed (`check --statistics`; the report reuses it):
//! per metric, over the functions that have it (or over the files, for the file-level metrics),
//! the nearest-rank percentiles and the worst rows. And the statistics of `antipasta stats`, with
//! the corrected definitions of compat-spec §7: overall, by directory, by module.

use std::path::{Path, PathBuf};

use queries::Metric;

use crate::FileMetrics;
use crate::check::{Detail, Row};

/// What a metric's values are counted over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Functions,
    Files,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Distribution {
    pub metric: Metric,
    pub unit: Unit,
    pub count: usize,
    pub min: f64,
    pub p50: f64,
    pub p90: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
    /// Indices into the rows given, worst first (the highest value; the lowest maintainability
    /// index), ties in the order given.
    pub worst: Vec<usize>,
}

/// Whether a low value is the bad one.
pub fn lower_is_worse(metric: Metric) -> bool {
    metric == Metric::MaintainabilityIndex
}

/// The `p`-th percentile (nearest rank) of sorted values.
pub fn percentile(sorted: &[f64], p: u32) -> f64 {
    let n = sorted.len();
    let rank = (u64::from(p) * n as u64).div_ceil(100).max(1) as usize;
    sorted[rank.min(n) - 1]
}

/// Per metric (in [`Metric::ALL`]'s order) and unit, over `rows` (aggregate rows are not
/// values of their own and are left out), with the `top` worst.
pub fn distributions(rows: &[&Row], top: usize) -> Vec<Distribution> {
    let mut out = Vec::new();
    for &metric in Metric::ALL {
        for unit in [Unit::Functions, Unit::Files] {
            let chosen: Vec<usize> = (0..rows.len())
                .filter(|&i| {
                    let r = rows[i];
                    r.metric == metric
                        && !r.is_aggregate()
                        && (r.qualname.is_some() == (unit == Unit::Functions))
                })
                .collect();
            if chosen.is_empty() {
                continue;
            }
            let mut sorted: Vec<f64> = chosen.iter().map(|&i| rows[i].value).collect();
            sorted.sort_by(f64::total_cmp);
            let mut worst = chosen.clone();
            match lower_is_worse(metric) {
                true => worst.sort_by(|&a, &b| rows[a].value.total_cmp(&rows[b].value)),
                false => worst.sort_by(|&a, &b| rows[b].value.total_cmp(&rows[a].value)),
            }
            worst.truncate(top);
            out.push(Distribution {
                metric,
                unit,
                count: sorted.len(),
                min: sorted[0],
                p50: percentile(&sorted, 50),
                p90: percentile(&sorted, 90),
                p95: percentile(&sorted, 95),
                p99: percentile(&sorted, 99),
                max: sorted[sorted.len() - 1],
                worst,
            });
        }
    }
    out
}

/// count, mean, min, max and sample standard deviation (0 when n ≤ 1); all zeros when empty.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Summary {
    pub count: usize,
    pub avg: f64,
    pub min: f64,
    pub max: f64,
    pub std_dev: f64,
}

impl Summary {
    pub fn of(values: &[f64]) -> Summary {
        let n = values.len();
        if n == 0 {
            return Summary::default();
        }
        let sum: f64 = values.iter().sum();
        let avg = sum / n as f64;
        let std_dev = match n {
            1 => 0.0,
            _ => (values.iter().map(|v| (v - avg).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt(),
        };
        Summary {
            count: n,
            avg,
            min: values.iter().copied().fold(f64::INFINITY, f64::min),
            max: values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            std_dev,
        }
    }
}

/// What `antipasta stats` needs of one analysed file.
#[derive(Clone, Debug)]
pub struct FileStats {
    /// Relative to the base directory.
    pub path: PathBuf,
    /// Its `lines_of_code` row.
    pub loc: Option<f64>,
    /// Its functions (distinct qualified names of its per-function rows).
    pub functions: Vec<String>,
    /// The cyclomatic value of each per-function row.
    pub complexity: Vec<f64>,
    /// Every natural row (compat-spec §7): per-function rows for cyclomatic and cognitive, the
    /// file rows for the others; no aggregate and no per-function Halstead row.
    pub natural: Vec<(Metric, f64)>,
}

impl FileStats {
    pub fn of(path: PathBuf, metrics: &FileMetrics, mi_multi: bool) -> FileStats {
        FileStats::from_rows(path, &crate::check::rows(metrics, mi_multi))
    }

    /// From a file's [`crate::check::rows`], when they are built already.
    pub fn from_rows(path: PathBuf, rows: &[Row]) -> FileStats {
        let mut functions: Vec<String> = Vec::new();
        let mut complexity = Vec::new();
        let mut natural = Vec::new();
        let mut loc = None;
        for row in rows {
            let per_function = row.metric.is_per_function();
            let natural_row = !row.is_aggregate()
                && row.detail != Detail::HalsteadFunction
                && row.qualname.is_some() == per_function;
            if !natural_row {
                continue;
            }
            natural.push((row.metric, row.value));
            if row.metric == Metric::LinesOfCode {
                loc = Some(row.value);
            }
            if let Some(q) = row.qualname.as_ref().filter(|_| per_function) {
                if !functions.contains(q) {
                    functions.push(q.clone());
                }
                if row.metric == Metric::CyclomaticComplexity {
                    complexity.push(row.value);
                }
            }
        }
        FileStats {
            path,
            loc,
            functions,
            complexity,
            natural,
        }
    }

    fn values<'a>(&'a self, metric: Metric) -> impl Iterator<Item = f64> + 'a {
        self.natural
            .iter()
            .filter(move |(m, _)| *m == metric)
            .map(|(_, v)| *v)
    }
}

/// Whether any of the metrics is a line count that `files` statistics are about.
pub fn loc_requested(metrics: &[Metric]) -> bool {
    metrics.iter().any(|m| {
        matches!(
            m,
            Metric::LinesOfCode | Metric::LogicalLinesOfCode | Metric::SourceLinesOfCode
        )
    })
}

#[derive(Clone, Debug, PartialEq)]
pub struct LocStats {
    pub total: u64,
    pub avg: f64,
    pub min: f64,
    pub max: f64,
    pub std_dev: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Overall {
    pub files: usize,
    /// Over the files with more than 0 lines, when LOC is requested and there is one.
    pub loc: Option<LocStats>,
    pub functions: usize,
    /// Over the per-function cyclomatic values.
    pub complexity: Summary,
    /// Per requested metric, over its natural rows.
    pub metrics: Vec<(Metric, Summary)>,
}

fn loc_stats(files: &[&FileStats]) -> Option<LocStats> {
    let locs: Vec<f64> = files
        .iter()
        .filter_map(|f| f.loc)
        .filter(|&l| l > 0.0)
        .collect();
    let s = Summary::of(&locs);
    (s.count > 0).then(|| LocStats {
        total: locs.iter().sum::<f64>() as u64,
        avg: s.avg,
        min: s.min,
        max: s.max,
        std_dev: s.std_dev,
    })
}

pub fn overall(files: &[FileStats], metrics: &[Metric]) -> Overall {
    let all: Vec<&FileStats> = files.iter().collect();
    let complexity: Vec<f64> = files
        .iter()
        .flat_map(|f| f.complexity.iter().copied())
        .collect();
    Overall {
        files: files.len(),
        loc: loc_requested(metrics).then(|| loc_stats(&all)).flatten(),
        functions: files.iter().map(|f| f.functions.len()).sum(),
        complexity: Summary::of(&complexity),
        metrics: metrics
            .iter()
            .map(|&m| {
                let values: Vec<f64> = files.iter().flat_map(|f| f.values(m)).collect();
                (m, Summary::of(&values))
            })
            .collect(),
    }
}

/// One row of `--by-directory` or `--by-module`.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The directory relative to the base (`""` for the base itself), or the module's name.
    pub location: String,
    pub file_count: usize,
    pub function_count: usize,
    /// Over the files with more than 0 lines, when LOC is requested.
    pub total_loc: Option<u64>,
    pub avg_file_loc: Option<f64>,
    /// Per requested metric, the mean of the natural rows of every file of the group.
    pub avgs: Vec<(Metric, f64)>,
}

fn group(location: String, files: &[&FileStats], metrics: &[Metric]) -> Group {
    let loc = loc_requested(metrics).then(|| loc_stats(files)).flatten();
    Group {
        location,
        file_count: files.len(),
        function_count: files.iter().map(|f| f.functions.len()).sum(),
        total_loc: loc_requested(metrics).then(|| loc.as_ref().map_or(0, |l| l.total)),
        avg_file_loc: loc_requested(metrics).then(|| loc.as_ref().map_or(0.0, |l| l.avg)),
        avgs: metrics
            .iter()
            .map(|&m| {
                let values: Vec<f64> = files.iter().flat_map(|f| f.values(m)).collect();
                (m, Summary::of(&values).avg)
            })
            .collect(),
    }
}

/// The deepest directory every file is below (paths relative to the base).
pub fn common_base(files: &[FileStats]) -> PathBuf {
    let mut base: Option<PathBuf> = None;
    for f in files {
        let dir = f.path.parent().unwrap_or(Path::new("")).to_path_buf();
        base = Some(match base {
            None => dir,
            Some(b) => b
                .components()
                .zip(dir.components())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect(),
        });
    }
    base.unwrap_or_default()
}

/// Each file counts in its directory and in every ancestor up to `base` (their common base);
/// the directories less than `depth` levels below the base (0: any depth, capped at 20), by
/// path. Locations are as the files' paths are: relative to the run's directory.
pub fn by_directory(files: &[FileStats], metrics: &[Metric], depth: usize) -> Vec<Group> {
    let base = common_base(files);
    let depth = match depth {
        0 => 20,
        d => d.min(20),
    };
    let mut dirs: std::collections::BTreeMap<PathBuf, Vec<&FileStats>> = Default::default();
    for f in files {
        let dir = f.path.parent().unwrap_or(Path::new(""));
        for ancestor in dir.ancestors() {
            let below = ancestor.strip_prefix(&base).map(|r| r.components().count());
            match below {
                Ok(levels) if levels < depth => {
                    dirs.entry(ancestor.to_path_buf()).or_default().push(f)
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
    }
    dirs.into_iter()
        .map(|(dir, members)| group(dir.to_string_lossy().replace('\\', "/"), &members, metrics))
        .collect()
}

/// A file's module: its directory relative to the base, dot-joined, a leading `src` dropped;
/// `<root>` for the files of the base itself. Modules do not roll up.
pub fn module_of(path: &Path) -> String {
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut parts: Vec<String> = dir
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.first().is_some_and(|p| p == "src") {
        parts.remove(0);
    }
    match parts.is_empty() {
        true => "<root>".to_string(),
        false => parts.join("."),
    }
}

pub fn by_module(files: &[FileStats], metrics: &[Metric]) -> Vec<Group> {
    let mut modules: std::collections::BTreeMap<String, Vec<&FileStats>> = Default::default();
    for f in files {
        modules.entry(module_of(&f.path)).or_default().push(f);
    }
    modules
        .into_iter()
        .map(|(m, members)| group(m, &members, metrics))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn summaries_use_the_sample_standard_deviation() {
        let s = super::Summary::of(&[2.0, 30.0]);
        assert_eq!((s.count, s.avg, s.min, s.max), (2, 16.0, 2.0, 30.0));
        assert!((s.std_dev - 19.798_989_873_223_33).abs() < 1e-12);
        assert_eq!(super::Summary::of(&[5.0]).std_dev, 0.0);
        assert_eq!(super::Summary::of(&[]), super::Summary::default());
    }

    #[test]
    fn modules_drop_a_leading_src_and_name_the_root() {
        use std::path::Path;
        assert_eq!(super::module_of(Path::new("src/pkg/sub/m.py")), "pkg.sub");
        assert_eq!(super::module_of(Path::new("pkg/m.py")), "pkg");
        assert_eq!(super::module_of(Path::new("m.py")), "<root>");
        assert_eq!(super::module_of(Path::new("src/m.py")), "<root>");
    }

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&v, 50), 5.0);
        assert_eq!(percentile(&v, 90), 9.0);
        assert_eq!(percentile(&v, 95), 10.0);
        assert_eq!(percentile(&v, 99), 10.0);
        assert_eq!(percentile(&[3.0], 50), 3.0);
        let v: Vec<f64> = (1..=200).map(f64::from).collect();
        assert_eq!(percentile(&v, 99), 198.0);
    }
}
