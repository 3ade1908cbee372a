//! Per-point and per-line quantities the screens draw: residuals, each point's loss and pull,
//! the gradient of the mean loss, and sampled ρ(r) / ψ(r) curves.

use super::loss::RegressionLoss;
use crate::numerics::points::{Line, Points};

/// What one point contributes to a fit under one loss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointTerm {
    /// The residual r = y − (w·x + b).
    pub residual: f64,
    /// The point's loss ρ(r).
    pub loss: f64,
    /// The point's pull ψ(r) = ρ′(r) on the line (positive pulls the line up).
    pub pull: f64,
    /// The point's share ρ(rᵢ) / Σⱼ ρ(rⱼ) of the total loss (0 when the total is 0).
    pub share: f64,
}

/// Fills `out` with every point's residual, loss, pull and share of the total loss at `line`.
pub fn point_terms_into(points: &Points, loss: RegressionLoss, line: Line, out: &mut Vec<PointTerm>) {
    out.clear();
    let mut total = 0.0;
    for (x, y) in points.iter() {
        let residual = line.residual(x, y);
        let value = loss.value(residual);
        total += value;
        out.push(PointTerm { residual, loss: value, pull: loss.derivative(residual), share: 0.0 });
    }
    if total > 0.0 && total.is_finite() {
        for term in out.iter_mut() {
            term.share = term.loss / total;
        }
    }
}

/// Every point's residual, loss, pull and share at `line` (allocating version of
/// [`point_terms_into`]).
pub fn point_terms(points: &Points, loss: RegressionLoss, line: Line) -> Vec<PointTerm> {
    let mut out = Vec::with_capacity(points.len());
    point_terms_into(points, loss, line, &mut out);
    out
}

/// The residuals rᵢ = yᵢ − (w·xᵢ + b).
pub fn residuals(points: &Points, line: Line) -> Vec<f64> {
    points.iter().map(|(x, y)| line.residual(x, y)).collect()
}

/// The gradient of the mean loss at `line`:
/// ∂L/∂w = −(1/n) Σ ψ(rᵢ)·xᵢ and ∂L/∂b = −(1/n) Σ ψ(rᵢ). Returns `(∂L/∂w, ∂L/∂b)`;
/// (0, 0) for no points. For MAE and quantile this is the subgradient with ψ(0) = 0.
pub fn gradient(points: &Points, loss: RegressionLoss, line: Line) -> (f64, f64) {
    if points.is_empty() {
        return (0.0, 0.0);
    }
    let (mut dw, mut db) = (0.0, 0.0);
    for (x, y) in points.iter() {
        let psi = loss.derivative(line.residual(x, y));
        dw -= psi * x;
        db -= psi;
    }
    let n = points.len() as f64;
    (dw / n, db / n)
}

/// One sample of a loss curve: residual r, value ρ(r) and derivative ψ(r).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurveSample {
    /// The residual r.
    pub r: f64,
    /// ρ(r).
    pub value: f64,
    /// ψ(r) = ρ′(r).
    pub derivative: f64,
}

/// ρ(r) and ψ(r) at `count` evenly spaced residuals from `r_min` to `r_max` inclusive
/// (`count` ≥ 2; fewer gives the endpoints only).
///
/// The kinks of MAE/quantile at 0 and of Huber at ±δ are inserted as extra samples when they
/// fall inside the range, so a drawn curve shows its corners sharply.
pub fn sample_curve(loss: RegressionLoss, r_min: f64, r_max: f64, count: usize) -> Vec<CurveSample> {
    let count = count.max(2);
    let step = (r_max - r_min) / (count - 1) as f64;
    let mut rs: Vec<f64> = (0..count).map(|i| r_min + step * i as f64).collect();
    let kinks: &[f64] = match loss {
        RegressionLoss::Mae | RegressionLoss::Quantile(_) => &[0.0],
        RegressionLoss::Huber(d) => &[-d.get(), d.get()],
        _ => &[],
    };
    for &k in kinks {
        if k > r_min && k < r_max {
            rs.push(k);
        }
    }
    rs.sort_by(f64::total_cmp);
    rs.dedup();
    rs.into_iter().map(|r| CurveSample { r, value: loss.value(r), derivative: loss.derivative(r) }).collect()
}
