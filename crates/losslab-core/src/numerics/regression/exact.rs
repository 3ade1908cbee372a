//! Exact minimisation of the pinball (quantile) loss of a line, which also gives the MAE fit
//! (MAE is twice the pinball loss at τ = ½).
//!
//! # Method: pivoting descent (Wesolowsky 1981, a simplex method in disguise)
//!
//! The objective F(a, c) = Σᵢ ρ_τ(yᵢ − a·uᵢ − c) is convex and piecewise linear, so a
//! minimiser lies on a line through two data points. Restricted to lines through a fixed
//! *pivot* point k, F becomes a one-dimensional sum of weighted pinball terms of the slope
//! whose minimiser is a weighted quantile of the slopes sᵢ = (yᵢ − y_k)/(uᵢ − u_k) with weights
//! |uᵢ − u_k|: it is found in expected O(n) by quickselect. The best line through the pivot
//! passes through a second point j; the descent then pivots on j, and so on, moving only
//! when the objective strictly decreases. It stops at a line through two points p, q that no
//! rotation about p or q (or about any other point lying on the line) improves. At such a
//! line the one-sided directional derivatives along every kink through the vertex are ≥ 0,
//! and F is linear between consecutive kinks, so every direction is non-descending: the
//! line is a global minimiser. Each move strictly decreases F and there are finitely many
//! vertices, so the descent terminates.
//!
//! Ties: when several lines are optimal the descent keeps the line it is on, so repeated
//! calls with an unchanged data set and the previous support as warm start return the same
//! line (no jumping between equal optima).

use super::loss::Tau;

/// One slope candidate for the line through a pivot: the slope to point `index` and its weight.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SlopeCandidate {
    slope: f64,
    weight: f64,
    index: usize,
}

/// The result of an exact pinball fit in scaled coordinates.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ExactLine {
    pub a: f64,
    pub c: f64,
    /// Two data points the optimal line passes through.
    pub support: (usize, usize),
    /// Number of pivot moves taken.
    pub moves: u32,
}

/// Pinball loss summed over the points: F(a, c) = Σ ρ_τ(yᵢ − a·uᵢ − c).
fn pinball_sum(u: &[f64], y: &[f64], tau: f64, a: f64, c: f64) -> f64 {
    u.iter()
        .zip(y)
        .map(|(&ui, &yi)| {
            let r = yi - a * ui - c;
            if r >= 0.0 {
                tau * r
            } else {
                (tau - 1.0) * r
            }
        })
        .sum()
}

/// The τ-quantile in the pinball sense of `values` (unit weights): the minimiser of
/// Σ ρ_τ(vᵢ − c). When the minimisers form an interval, its midpoint (so τ = ½ gives the
/// usual median). Returns `(value, index of a data value at the lower end)`; `None` if empty.
pub(crate) fn pinball_location(values: &[f64], tau: f64, scratch: &mut Vec<f64>) -> Option<(f64, usize)> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    scratch.clear();
    scratch.extend_from_slice(values);
    // The right derivative of Σ ρ_τ(vᵢ − c) at c = v_(k) (0-based sorted position k) is
    // (k + 1) − τn. The minimiser is the smallest order statistic where it turns ≥ 0.
    let target = tau * n as f64;
    let k = ((target.ceil() as usize).max(1) - 1).min(n - 1);
    let (_, &mut lower, upper_part) = scratch.select_nth_unstable_by(k, |p, q| p.total_cmp(q));
    let exactly_flat = (k + 1) as f64 == target && k + 1 < n;
    let value = if exactly_flat {
        // The derivative is 0 on [v_(k), v_(k+1)]: every point there is optimal.
        let upper = upper_part.iter().copied().fold(f64::INFINITY, f64::min);
        0.5 * lower + 0.5 * upper
    } else {
        lower
    };
    let index = values.iter().position(|&v| v == lower).unwrap_or(0);
    Some((value, index))
}

/// The best line through pivot `k`: its slope and the index of the second point it passes
/// through. `None` when every other point shares the pivot's u (no slope is defined).
fn best_line_through(
    u: &[f64],
    y: &[f64],
    tau: f64,
    k: usize,
    candidates: &mut Vec<SlopeCandidate>,
) -> Option<(f64, usize)> {
    let (uk, yk) = (u[k], y[k]);
    candidates.clear();
    // A term |e|·ρ_τ(s − a) for e > 0, and |e|·ρ_{1−τ}(s − a) for e < 0. The right derivative
    // of their sum at slope a is Σ_{sᵢ ≤ a} |eᵢ| − Σᵢ |eᵢ|·τᵢ, so the minimiser is the smallest
    // slope whose cumulative weight reaches target = Σ |eᵢ|·τᵢ.
    let mut target = 0.0;
    for (i, (&ui, &yi)) in u.iter().zip(y).enumerate() {
        let e = ui - uk;
        if e == 0.0 || i == k {
            continue;
        }
        let weight = e.abs();
        target += weight * if e > 0.0 { tau } else { 1.0 - tau };
        candidates.push(SlopeCandidate { slope: (yi - yk) / e, weight, index: i });
    }
    if candidates.is_empty() {
        return None;
    }
    let chosen = weighted_lower_quantile(candidates, target);
    Some((chosen.slope, chosen.index))
}

/// The candidate with the smallest slope whose cumulative weight (over candidates sorted by
/// slope, itself included) reaches `target`. Expected O(n) by quickselect.
fn weighted_lower_quantile(candidates: &mut [SlopeCandidate], target: f64) -> SlopeCandidate {
    let (mut lo, mut hi) = (0usize, candidates.len());
    let mut below = 0.0;
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        candidates[lo..hi].select_nth_unstable_by(mid - lo, |p, q| p.slope.total_cmp(&q.slope));
        let left: f64 = candidates[lo..mid].iter().map(|c| c.weight).sum();
        if below + left >= target {
            hi = mid;
        } else if below + left + candidates[mid].weight >= target {
            return candidates[mid];
        } else {
            below += left + candidates[mid].weight;
            lo = mid + 1;
        }
    }
    // One candidate left (or rounding left the target unreached at the top): it is the answer.
    candidates[lo.min(candidates.len() - 1)]
}

/// Minimises Σ ρ_τ(yᵢ − a·uᵢ − c) exactly. Requires at least two distinct values in `u`.
///
/// `warm` is the support of a previous solution; when it is still a valid pair of distinct
/// points the descent starts from the line through them.
pub(crate) fn pinball_line(
    u: &[f64],
    y: &[f64],
    tau: Tau,
    warm: Option<(usize, usize)>,
    candidates: &mut Vec<SlopeCandidate>,
    scratch: &mut Vec<f64>,
) -> Option<ExactLine> {
    let n = u.len();
    let tau = tau.get();
    let valid = |(p, q): (usize, usize)| p < n && q < n && u[p] != u[q];

    // Starting line: the warm support if usable; otherwise the best line through the point
    // that is the intercept-only τ-quantile, a good and cheap first pivot.
    let (mut a, mut c, mut support) = match warm.filter(|&s| valid(s)) {
        Some((p, q)) => {
            let a = (y[q] - y[p]) / (u[q] - u[p]);
            (a, y[p] - a * u[p], (p, q))
        }
        None => {
            let (_, k) = pinball_location(y, tau, scratch)?;
            let (a, j) = best_line_through(u, y, tau, k, candidates)?;
            (a, y[k] - a * u[k], (k, j))
        }
    };
    let mut best = pinball_sum(u, y, tau, a, c);
    let mut moves = 0u32;
    let max_moves = 4 * n as u32 + 64;

    // A move must improve by more than rounding noise, so equal optima never trade places.
    let improves = |candidate: f64, current: f64| candidate < current - 1e-13 * current.abs();

    'descent: while moves < max_moves && best > 0.0 {
        // Rotate about either support point; the most recent pivot's partner first.
        for pivot in [support.1, support.0] {
            if let Some((slope, other)) = best_line_through(u, y, tau, pivot, candidates) {
                let intercept = y[pivot] - slope * u[pivot];
                let value = pinball_sum(u, y, tau, slope, intercept);
                if improves(value, best) {
                    (a, c, support, best) = (slope, intercept, (pivot, other), value);
                    moves += 1;
                    continue 'descent;
                }
            }
        }
        // Degenerate vertex: more than two points lie on the line. Rotations about them are
        // further edges of the polytope and must be checked too.
        for i in 0..n {
            if i == support.0 || i == support.1 {
                continue;
            }
            let r = y[i] - a * u[i] - c;
            let tolerance = 1e-12 * (y[i].abs() + (a * u[i]).abs() + c.abs());
            if r.abs() > tolerance {
                continue;
            }
            if let Some((slope, other)) = best_line_through(u, y, tau, i, candidates) {
                let intercept = y[i] - slope * u[i];
                let value = pinball_sum(u, y, tau, slope, intercept);
                if improves(value, best) {
                    (a, c, support, best) = (slope, intercept, (i, other), value);
                    moves += 1;
                    continue 'descent;
                }
            }
        }
        break;
    }
    Some(ExactLine { a, c, support, moves })
}
