//! The maintainability index, exactly as radon 6.0.1 `mi_visit(source, multi)` computes it
//! (shared/design/metric-semantics.md §4): from the module's Halstead volume, radon's total
//! cyclomatic complexity, the *logical* line count and the share of comment lines per source
//! line, evaluated in radon's order, clamped to [0, 100] and never rounded.

use super::raw::RawMetrics;

/// radon `mi_visit`; `multi` counts docstring and other multi-line string lines as comments
/// (`radon mi` without `-m`, what antipasta has always used).
pub fn maintainability_index(volume: f64, cc_total: u32, raw: &RawMetrics, multi: bool) -> f64 {
    let comment_lines = raw.comments + if multi { raw.multi } else { 0 };
    let comments = if raw.sloc != 0 {
        f64::from(comment_lines) / f64::from(raw.sloc) * 100.0
    } else {
        0.0
    };
    mi_compute(volume, cc_total, raw.lloc, comments)
}

/// radon `mi_compute`, which calls its line-count argument `sloc` and is passed LLOC.
fn mi_compute(volume: f64, complexity: u32, lloc: u32, comments: f64) -> f64 {
    if volume <= 0.0 || lloc == 0 {
        return 100.0;
    }
    let sloc_scale = f64::from(lloc).ln();
    let volume_scale = volume.ln();
    // CPython's math.radians multiplies by the constant pi / 180.
    let comments_scale = (2.46 * (comments * (std::f64::consts::PI / 180.0))).sqrt();
    let nn_mi = 171.0 - 5.2 * volume_scale - 0.23 * f64::from(complexity) - 16.2 * sloc_scale
        + 50.0 * comments_scale.sin();
    let mi = nn_mi * 100.0 / 171.0;
    // Python's min(max(0., mi), 100.)
    let clamped = if mi > 0.0 { mi } else { 0.0 };
    if 100.0 < clamped { 100.0 } else { clamped }
}

/// radon `mi_rank`.
pub fn mi_rank(mi: f64) -> char {
    if mi > 19.0 {
        'A'
    } else if mi > 9.0 {
        'B'
    } else {
        'C'
    }
}
