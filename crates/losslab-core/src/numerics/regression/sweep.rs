//! The outlier sweep (influence curve): how each loss's fitted line moves as one chosen point's
//! y slides over a range, everything else fixed.

use super::fit::{fit_all, AllFits, Workspace};
use super::loss::LossParams;
use crate::numerics::points::Points;

/// One position of the swept point and every loss's fit there.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepSample {
    /// The y given to the swept point.
    pub y: f64,
    /// The fits of every loss kind with the point at `y`.
    pub fits: AllFits,
}

/// Refits every loss as point `index` takes `count` evenly spaced y values from `y_min` to
/// `y_max` (inclusive); each refit is warm-started from the previous one. Returns an empty
/// list if `index` is out of range or a y value is invalid.
pub fn outlier_sweep(
    points: &Points,
    index: usize,
    y_min: f64,
    y_max: f64,
    count: usize,
    params: LossParams,
) -> Vec<SweepSample> {
    let Some((x, _)) = points.get(index) else { return Vec::new() };
    let count = count.max(2);
    let mut workspace = Workspace::new();
    let mut previous: Option<AllFits> = None;
    let mut samples = Vec::with_capacity(count);
    for k in 0..count {
        let y = y_min + (y_max - y_min) * k as f64 / (count - 1) as f64;
        let Ok(moved) = points.with_point(index, x, y) else { return Vec::new() };
        let fits = fit_all(&moved, params, previous.as_ref(), &mut workspace);
        previous = Some(fits.clone());
        samples.push(SweepSample { y, fits });
    }
    samples
}
