//! How a run's metric values are distributed (`check --statistics`; the report reuses it):
//! per metric, over the functions that have it (or over the files, for the file-level metrics),
//! the nearest-rank percentiles and the worst rows.

use queries::Metric;

use crate::check::Row;

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

#[cfg(test)]
mod tests {
    use super::percentile;

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
