//! Fitting a line `ŷ = w·x + b` by minimising the mean loss L(w, b) = (1/n) Σ ρ(yᵢ − w·xᵢ − b).
//!
//! | loss | method | stopping rule |
//! |---|---|---|
//! | MSE | closed form on centred data | exact (to rounding) |
//! | MAE, quantile | pivoting descent, see `exact.rs` | exact optimum (a linear program) |
//! | Huber, log-cosh, pseudo-Huber | safeguarded Newton / IRLS, see `smooth.rs` | relative gradient ≤ 1e-12 |
//!
//! Internally x is centred and scaled, `u = (x − x̄)/s` with s = max|x − x̄|, so that every
//! solver works on O(1) numbers whatever the units; the result is mapped back to (w, b).
//! Degenerate data (no point, one point, all x equal or equal up to rounding, or a slope too
//! large to represent) gives slope 0 and the loss's location estimate, with a
//! [`DegenerateReason`] to show.

use super::exact::{pinball_line, pinball_location, SlopeCandidate};
use super::loss::{LossKind, LossParams, RegressionLoss, Tau};
use super::smooth::smooth_line;
use crate::numerics::points::{Line, Points};
use std::fmt;

/// Why a fit fell back to a horizontal line at the loss's location estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DegenerateReason {
    /// There are no points; the line is y = 0.
    NoPoints,
    /// One point determines no slope; the line is horizontal through it.
    OnePoint,
    /// All points share one x (or coincide), so no slope is identifiable.
    AllXEqual,
    /// The x values are so close together that the best slope exceeds the range of f64.
    SlopeNotRepresentable,
    /// The x values differ only in their last bits (range ≤ [`ROUNDING_SPREAD_ULPS`] units in
    /// the last place of the largest |x|): differences of rounding, not data, so a slope
    /// through them (e.g. 4.5e15 for x = 1 and 1.0000000000000002) would be noise.
    XEqualToRounding,
}

/// The largest x range (max x − min x), in units in the last place of the largest |x|,
/// treated as rounding (see [`DegenerateReason::XEqualToRounding`]): x = 1 and
/// 1.0000000000000002 (1 ulp) is rounding; x = 1e15 and 1e15 + 1 (8 ulps of 0.125) is data.
pub const ROUNDING_SPREAD_ULPS: f64 = 4.0;

/// The unit in the last place of a finite |v| ≥ 0 (2^(e − 52) for v in [2^e, 2^(e+1))); 0
/// for subnormal numbers and 0, whose spacing is below any data's.
fn ulp(v: f64) -> f64 {
    f64::from_bits(v.to_bits() & 0x7ff0_0000_0000_0000) * f64::EPSILON
}

impl fmt::Display for DegenerateReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DegenerateReason::NoPoints => "No points yet: add some to fit a line.",
            DegenerateReason::OnePoint => "One point does not determine a slope: add another.",
            DegenerateReason::AllXEqual => {
                "All points share the same x, so any slope fits equally well: showing a flat line."
            }
            DegenerateReason::SlopeNotRepresentable => {
                "The x values are too close together for a finite slope: showing a flat line."
            }
            DegenerateReason::XEqualToRounding => {
                "The x values differ only by rounding (in their last digits), so no slope can be told apart: showing a flat line."
            }
        })
    }
}

/// How a fit ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FitStatus {
    /// The line minimises the mean loss (exactly, or to the stated gradient tolerance).
    Optimal,
    /// The data cannot determine a line; a flat line at the location estimate is returned.
    Degenerate(DegenerateReason),
    /// The iterative solver hit its iteration limit before meeting its tolerance.
    IterationLimit,
}

/// A fitted line with what the screens and tests need to know about it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineFit {
    /// The loss that was minimised.
    pub loss: RegressionLoss,
    /// The fitted line.
    pub line: Line,
    /// The minimised mean loss (1/n) Σ ρ(rᵢ) at `line` (0 with no points).
    pub mean_loss: f64,
    /// How the fit ended.
    pub status: FitStatus,
    /// Solver iterations (Newton steps, or pivot moves of the exact descent).
    pub iterations: u32,
    /// Relative gradient norm at the optimum for the smooth losses; 0 for closed-form and
    /// exact fits.
    pub relative_gradient: f64,
    /// For MAE and quantile: two data points the optimal line passes through (the warm start
    /// of the next fit).
    pub support: Option<(usize, usize)>,
}

/// Reusable buffers so that refitting on every pointer move allocates nothing after the first.
#[derive(Debug, Default, Clone)]
pub struct Workspace {
    u: Vec<f64>,
    centre: f64,
    scale: f64,
    candidates: Vec<SlopeCandidate>,
    scratch: Vec<f64>,
}

impl Workspace {
    /// An empty workspace; buffers grow to the data size on first use.
    pub fn new() -> Self {
        Workspace::default()
    }

    /// Fills `u = (x − x̄)/s`, s = max|x − x̄|; says why not when the x values are all equal,
    /// or equal up to rounding.
    fn prepare(&mut self, points: &Points) -> Result<(), DegenerateReason> {
        let xs = points.xs();
        let (lo, hi) = xs.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| (lo.min(x), hi.max(x)));
        self.u.clear();
        if hi == lo {
            return Err(DegenerateReason::AllXEqual);
        }
        if hi - lo <= ROUNDING_SPREAD_ULPS * ulp(lo.abs().max(hi.abs())) {
            return Err(DegenerateReason::XEqualToRounding);
        }
        // The mean as lo + mean(x − lo): the differences are exact for close x, so equal x
        // stay equal to the centre and the rounding does not grow with the values' size.
        let n = xs.len() as f64;
        let centre = lo + xs.iter().map(|&x| x - lo).sum::<f64>() / n;
        let scale = xs.iter().map(|&x| (x - centre).abs()).fold(0.0, f64::max);
        self.centre = centre;
        self.scale = scale;
        if scale == 0.0 {
            return Err(DegenerateReason::AllXEqual);
        }
        self.u.extend(xs.iter().map(|&x| (x - centre) / scale));
        Ok(())
    }

    /// Maps a scaled line ŷ = a·u + c back to ŷ = w·x + b.
    fn unscale(&self, a: f64, c: f64) -> Line {
        let slope = a / self.scale;
        Line::new(slope, c - slope * self.centre)
    }

    /// Maps ŷ = w·x + b to the scaled coordinates (a, c).
    fn scale_line(&self, line: Line) -> (f64, f64) {
        (line.slope * self.scale, line.intercept + line.slope * self.centre)
    }
}

/// The mean loss (1/n) Σ ρ(yᵢ − w·xᵢ − b) of `line` on `points`; 0 for no points.
///
/// The residuals are measured from the points' mean x̄: rᵢ = yᵢ − (ŷ(x̄) + w·(xᵢ − x̄)), with
/// ŷ(x̄) = w·x̄ + b rounded once from its exact value ([`Line::predict_exactly`]). The plain
/// yᵢ − (w·xᵢ + b) cancels on data far from x = 0: on x = 10¹⁵, …, 10¹⁵ + 4 it gave an MSE
/// of 0.672, below the least-squares minimum of 0.72.
pub fn mean_loss(points: &Points, loss: RegressionLoss, line: Line) -> f64 {
    if points.is_empty() {
        return 0.0;
    }
    let n = points.len() as f64;
    let centre = points.xs().iter().sum::<f64>() / n;
    let at_centre = line.predict_exactly(centre);
    let total: f64 = points.iter().map(|(x, y)| loss.value(y - (at_centre + line.slope * (x - centre)))).sum();
    total / n
}

/// Fits `loss` to `points` from scratch. See [`fit_line`] for warm starts.
pub fn fit(points: &Points, loss: RegressionLoss) -> LineFit {
    fit_line(points, loss, None, &mut Workspace::new())
}

/// Fits `loss` to `points`, warm-started from `previous` (a fit of the same loss on nearby
/// data, e.g. before the last pointer move), reusing the buffers of `workspace`.
pub fn fit_line(
    points: &Points,
    loss: RegressionLoss,
    previous: Option<&LineFit>,
    workspace: &mut Workspace,
) -> LineFit {
    let n = points.len();
    if n == 0 {
        return degenerate(points, loss, DegenerateReason::NoPoints, workspace);
    }
    if n == 1 {
        return degenerate(points, loss, DegenerateReason::OnePoint, workspace);
    }
    if let Err(reason) = workspace.prepare(points) {
        return degenerate(points, loss, reason, workspace);
    }
    let ys = points.ys();
    let previous = previous.filter(|p| p.loss.kind() == loss.kind());
    let (a, c, iterations, relative_gradient, support, converged) = match loss {
        RegressionLoss::Mse => {
            let (a, c) = least_squares(&workspace.u, ys);
            (a, c, 0, 0.0, None, true)
        }
        RegressionLoss::Mae | RegressionLoss::Quantile(_) => {
            let tau = match loss {
                RegressionLoss::Quantile(tau) => tau,
                _ => Tau::MEDIAN,
            };
            let warm = previous.and_then(|p| p.support);
            let Workspace { u, candidates, scratch, .. } = workspace;
            match pinball_line(u, ys, tau, warm, candidates, scratch) {
                Some(exact) => (exact.a, exact.c, exact.moves, 0.0, Some(exact.support), true),
                None => return degenerate(points, loss, DegenerateReason::AllXEqual, workspace),
            }
        }
        RegressionLoss::Huber(_) | RegressionLoss::LogCosh | RegressionLoss::PseudoHuber(_) => {
            let start = match previous {
                Some(p) if p.line.slope.is_finite() && p.line.intercept.is_finite() => workspace.scale_line(p.line),
                _ => cold_start(workspace, ys, loss),
            };
            let smooth = smooth_line(&workspace.u, ys, loss, start, false);
            (smooth.a, smooth.c, smooth.iterations, smooth.relative_gradient, None, smooth.converged)
        }
    };
    let line = workspace.unscale(a, c);
    if !(line.slope.is_finite() && line.intercept.is_finite()) {
        return degenerate(points, loss, DegenerateReason::SlopeNotRepresentable, workspace);
    }
    LineFit {
        loss,
        line,
        mean_loss: mean_loss(points, loss, line),
        status: if converged { FitStatus::Optimal } else { FitStatus::IterationLimit },
        iterations,
        relative_gradient,
        support,
    }
}

/// Where a smooth fit (Huber, log-cosh, pseudo-Huber) starts without a warm start: the
/// least-squares line or the least-absolute-deviations (MAE) line, whichever has the lower
/// objective Σ ρ(rᵢ). Least squares alone follows a far outlier (y = 10⁹⁰ put its line
/// 10⁸⁸ away), and the search from there ran out of iterations with a wrong line; the MAE
/// line is robust to it, and the optimum lies between the two in the usual case.
fn cold_start(workspace: &mut Workspace, ys: &[f64], loss: RegressionLoss) -> (f64, f64) {
    let squares = least_squares(&workspace.u, ys);
    let Workspace { u, candidates, scratch, .. } = workspace;
    let Some(absolute) = pinball_line(u, ys, Tau::MEDIAN, None, candidates, scratch) else { return squares };
    let objective = |(a, c): (f64, f64)| u.iter().zip(ys).map(|(&ui, &yi)| loss.value(yi - a * ui - c)).sum::<f64>();
    let absolute = (absolute.a, absolute.c);
    if objective(absolute) < objective(squares) {
        absolute
    } else {
        squares
    }
}

/// Least squares in scaled coordinates: a = Σ(u−ū)(y−ȳ) / Σ(u−ū)², c = ȳ − a·ū.
fn least_squares(u: &[f64], y: &[f64]) -> (f64, f64) {
    let n = u.len() as f64;
    let mean_u = u.iter().sum::<f64>() / n;
    let mean_y = y.iter().sum::<f64>() / n;
    let (mut suu, mut suy) = (0.0, 0.0);
    for (&ui, &yi) in u.iter().zip(y) {
        let du = ui - mean_u;
        suu += du * du;
        suy += du * (yi - mean_y);
    }
    let a = if suu > 0.0 { suy / suu } else { 0.0 };
    (a, mean_y - a * mean_u)
}

/// The loss's location estimate of `values`: the minimiser c of Σ ρ(vᵢ − c). Mean for MSE,
/// median for MAE, τ-quantile for quantile (midpoint of a flat optimum), the M-estimate for
/// the smooth losses. 0 for an empty slice.
pub fn location_estimate(values: &[f64], loss: RegressionLoss) -> f64 {
    location_with(values, loss, &mut Vec::new()).0
}

fn location_with(values: &[f64], loss: RegressionLoss, scratch: &mut Vec<f64>) -> (f64, u32, f64) {
    if values.is_empty() {
        return (0.0, 0, 0.0);
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    match loss {
        RegressionLoss::Mse => (mean, 0, 0.0),
        RegressionLoss::Mae => (pinball_location(values, 0.5, scratch).map_or(mean, |l| l.0), 0, 0.0),
        RegressionLoss::Quantile(tau) => (pinball_location(values, tau.get(), scratch).map_or(mean, |l| l.0), 0, 0.0),
        RegressionLoss::Huber(_) | RegressionLoss::LogCosh | RegressionLoss::PseudoHuber(_) => {
            // Start from the median: the M-estimate is robust, the mean may be far from it.
            let start = pinball_location(values, 0.5, scratch).map_or(mean, |l| l.0);
            scratch.clear();
            scratch.resize(values.len(), 0.0);
            let smooth = smooth_line(scratch, values, loss, (0.0, start), true);
            (smooth.c, smooth.iterations, smooth.relative_gradient)
        }
    }
}

fn degenerate(points: &Points, loss: RegressionLoss, reason: DegenerateReason, workspace: &mut Workspace) -> LineFit {
    let (intercept, iterations, relative_gradient) = location_with(points.ys(), loss, &mut workspace.scratch);
    let line = Line::new(0.0, intercept);
    LineFit {
        loss,
        line,
        mean_loss: mean_loss(points, loss, line),
        status: FitStatus::Degenerate(reason),
        iterations,
        relative_gradient,
        support: None,
    }
}

/// The fits of every [`LossKind`] on one data set, indexed by kind.
#[derive(Debug, Clone, PartialEq)]
pub struct AllFits {
    fits: Vec<LineFit>,
}

impl AllFits {
    /// The fit of one loss kind.
    pub fn get(&self, kind: LossKind) -> &LineFit {
        &self.fits[kind.index()]
    }

    /// All fits, in the order of [`LossKind::ALL`].
    pub fn iter(&self) -> impl Iterator<Item = &LineFit> {
        self.fits.iter()
    }
}

/// [`fit_all`] after a change of parameters: `before` holds fits of the very same points, and a
/// kind whose loss (with its parameters) is unchanged keeps its fit from there; the others are
/// fitted afresh, warm-started from `previous` when given. So a δ slider swept through its
/// range refits Huber and pseudo-Huber alone, and a τ slider the quantile line alone.
pub fn refit_all(
    points: &Points,
    params: LossParams,
    before: &AllFits,
    previous: Option<&AllFits>,
    workspace: &mut Workspace,
) -> AllFits {
    let fits = LossKind::ALL
        .iter()
        .map(|&kind| {
            let loss = kind.with(params);
            match before.get(kind) {
                kept if kept.loss == loss => *kept,
                _ => fit_line(points, loss, previous.map(|p| p.get(kind)), workspace),
            }
        })
        .collect();
    AllFits { fits }
}

/// Fits every loss kind with parameters `params`, each warm-started from its fit in
/// `previous` when given (fits whose parameter changed are still valid warm starts).
pub fn fit_all(points: &Points, params: LossParams, previous: Option<&AllFits>, workspace: &mut Workspace) -> AllFits {
    let fits = LossKind::ALL
        .iter()
        .map(|&kind| {
            let warm = previous.map(|p| p.get(kind));
            fit_line(points, kind.with(params), warm, workspace)
        })
        .collect();
    AllFits { fits }
}
