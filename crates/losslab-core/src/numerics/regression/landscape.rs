//! The mean-loss landscape L(w, b) over a rectangular grid of lines.

use super::loss::RegressionLoss;
use crate::numerics::points::{Line, Points};

/// A closed interval `[min, max]` of a parameter, sampled at `count` evenly spaced values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GridAxis {
    /// The smallest value.
    pub min: f64,
    /// The largest value.
    pub max: f64,
    /// Number of samples (at least 1; with 1 the axis is the single value `min`).
    pub count: usize,
}

impl GridAxis {
    /// The `i`-th sample, min + i·(max − min)/(count − 1).
    pub fn value(&self, i: usize) -> f64 {
        if self.count <= 1 {
            self.min
        } else {
            self.min + (self.max - self.min) * i as f64 / (self.count - 1) as f64
        }
    }
}

/// L(w, b) on a grid: `values[j * slopes.count + i]` is the mean loss of the line with slope
/// `slopes.value(i)` and intercept `intercepts.value(j)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Landscape {
    /// The slope axis (w).
    pub slopes: GridAxis,
    /// The intercept axis (b).
    pub intercepts: GridAxis,
    /// Mean losses, row-major by intercept.
    pub values: Vec<f64>,
}

impl Landscape {
    /// The mean loss at grid cell `(i, j)`.
    pub fn at(&self, i: usize, j: usize) -> f64 {
        self.values[j * self.slopes.count + i]
    }

    /// The smallest and largest value on the grid.
    pub fn range(&self) -> (f64, f64) {
        self.values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)))
    }
}

/// Sufficient statistics of the squared loss: with them, the mean squared error of any line
/// costs O(1) instead of a pass over the data.
///
/// With centred moments vₓ = mean((x − x̄)²), c = mean((x − x̄)(y − ȳ)), v_y = mean((y − ȳ)²):
/// L(w, b) = v_y − 2w·c + w²·vₓ + (ȳ − w·x̄ − b)².
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SquaredMoments {
    /// Mean of x.
    pub mean_x: f64,
    /// Mean of y.
    pub mean_y: f64,
    /// Variance of x (population, divided by n).
    pub var_x: f64,
    /// Covariance of x and y (population).
    pub cov_xy: f64,
    /// Variance of y (population).
    pub var_y: f64,
}

impl SquaredMoments {
    /// Moments of `points` (all zero for no points), computed in two centred passes.
    pub fn of(points: &Points) -> Self {
        if points.is_empty() {
            return SquaredMoments { mean_x: 0.0, mean_y: 0.0, var_x: 0.0, cov_xy: 0.0, var_y: 0.0 };
        }
        let n = points.len() as f64;
        let mean_x = points.xs().iter().sum::<f64>() / n;
        let mean_y = points.ys().iter().sum::<f64>() / n;
        let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
        for (x, y) in points.iter() {
            let (dx, dy) = (x - mean_x, y - mean_y);
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        SquaredMoments { mean_x, mean_y, var_x: sxx / n, cov_xy: sxy / n, var_y: syy / n }
    }

    /// The mean squared error of `line`: v_y − 2w·c + w²·vₓ + (ȳ − w·x̄ − b)², clamped at 0
    /// against rounding.
    pub fn mean_squared_error(&self, line: Line) -> f64 {
        let w = line.slope;
        let offset = self.mean_y - w * self.mean_x - line.intercept;
        (self.var_y - 2.0 * w * self.cov_xy + w * w * self.var_x + offset * offset).max(0.0)
    }
}

/// The mean-loss landscape of `loss` over the grid `slopes × intercepts`.
///
/// MSE uses [`SquaredMoments`] (O(1) per cell); the other losses make one pass over the data
/// per cell, O(cells · n).
pub fn landscape(points: &Points, loss: RegressionLoss, slopes: GridAxis, intercepts: GridAxis) -> Landscape {
    let mut values = Vec::with_capacity(slopes.count * intercepts.count);
    let n = points.len().max(1) as f64;
    if matches!(loss, RegressionLoss::Mse) {
        let moments = SquaredMoments::of(points);
        for j in 0..intercepts.count {
            let b = intercepts.value(j);
            values.extend((0..slopes.count).map(|i| moments.mean_squared_error(Line::new(slopes.value(i), b))));
        }
    } else {
        // Dispatch on the loss once, outside the loops, so each inner loop is a tight,
        // vectorisable sum over the data.
        let (xs, ys) = (points.xs(), points.ys());
        match loss {
            RegressionLoss::Mae => fill_cells(&mut values, xs, ys, n, slopes, intercepts, |r| r.abs()),
            RegressionLoss::Huber(d) => {
                let d = d.get();
                fill_cells(&mut values, xs, ys, n, slopes, intercepts, |r| {
                    let a = r.abs();
                    if a <= d {
                        0.5 * r * r
                    } else {
                        d * (a - 0.5 * d)
                    }
                })
            }
            RegressionLoss::Quantile(t) => {
                let t = t.get();
                fill_cells(&mut values, xs, ys, n, slopes, intercepts, |r| r * if r >= 0.0 { t } else { t - 1.0 })
            }
            other => fill_cells(&mut values, xs, ys, n, slopes, intercepts, |r| other.value(r)),
        }
    }
    Landscape { slopes, intercepts, values }
}

/// Appends the mean of `rho(y − w·x − b)` for every grid cell, intercept-major.
#[inline]
fn fill_cells(
    values: &mut Vec<f64>,
    xs: &[f64],
    ys: &[f64],
    n: f64,
    slopes: GridAxis,
    intercepts: GridAxis,
    rho: impl Fn(f64) -> f64,
) {
    for j in 0..intercepts.count {
        let b = intercepts.value(j);
        for i in 0..slopes.count {
            let w = slopes.value(i);
            let total: f64 = xs.iter().zip(ys).map(|(&x, &y)| rho(y - w * x - b)).sum();
            values.push(total / n);
        }
    }
}
