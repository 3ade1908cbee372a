//! Fitting a logistic-style line `z = w·x + b` to binary labels by minimising
//!
//! `F(w, b) = (1/n) Σᵢ ℓ(w·xᵢ + b, yᵢ) + (λ/2)·w²`
//!
//! for ℓ = BCE, focal or hinge ([`BinaryLoss`]), with λ ≥ 0 ([`L2Penalty`]); the intercept is
//! never penalised. The predicted probability of label 1 is `σ(z)`.
//!
//! | loss | method | stopping rule |
//! |---|---|---|
//! | BCE, focal | safeguarded Newton (Levenberg shift, Armijo backtracking) | relative gradient ≤ 10⁻¹⁰ |
//! | hinge | exact intercept for each slope + golden section on the slope | bracket ≤ 10⁻¹² relative (10⁻⁹ when warm-started) |
//!
//! Internally x is centred and scaled, `u = (x − x̄)/s` with s the standard deviation of x, so
//! the solvers see O(1) numbers in any units; the result is mapped back to (w, b). The
//! relative gradient (see [`Certificate::Stationary`]) is measured in those coordinates.
//!
//! # When no best line exists
//!
//! Checked before iterating, so a fit never runs away:
//!
//! * no points ([`FitError::NoPoints`]); only one label present ([`FitError::MissingClass`]):
//!   the intercept would run to ±∞ for any λ, since it is not penalised (for the hinge, a
//!   whole unbounded set of lines has zero loss);
//! * a focal α of 0 or 1, which gives one class zero weight ([`FitError::UnweightedClass`]);
//! * λ = 0 and the classes (quasi-)completely separable in x: every label-0 x ≤ every label-1
//!   x or the reverse, ties at the boundary included, unless all x are equal
//!   ([`FitError::Separable`]). Then a steeper line always does better (for the hinge: at least
//!   as well, with an unbounded set of optima). With λ > 0 the fit always exists.
//!
//! If all x are equal, no slope is identified by the data: the fit returns w = 0 and the best
//! constant logit (with λ > 0 that is the unique optimum).
//!
//! The focal loss is not convex: its fit is a local minimum, reached from the warm start if
//! that is at least as good as the default start (w = 0, b = log(P/N)), else from the
//! default. Repeated fits while a point is dragged therefore follow one local minimum.

use super::binary::BinaryLoss;
use super::data::LabeledPoints;
use super::hinge::minimise_hinge;
use super::newton::{minimise, SmoothObjective};
use crate::numerics::error::InputError;
use crate::numerics::points::Line;
use std::fmt;

/// The target relative gradient of the Newton fits.
pub const GRADIENT_TOLERANCE: f64 = 1e-10;
/// The Newton fits' iteration limit.
pub const MAX_NEWTON_ITERATIONS: usize = 200;

/// The L2 penalty weight λ of `(λ/2)·w²`, validated to be finite and `≥ 0`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct L2Penalty(f64);

impl L2Penalty {
    /// No penalty, λ = 0.
    pub const NONE: L2Penalty = L2Penalty(0.0);

    /// Validates λ: finite and `≥ 0`.
    pub fn new(lambda: f64) -> Result<Self, InputError> {
        if lambda.is_finite() && lambda >= 0.0 {
            Ok(L2Penalty(lambda))
        } else {
            Err(InputError::BadParameter { name: "λ", value: lambda, expected: "a finite number ≥ 0" })
        }
    }

    /// The validated λ.
    pub fn lambda(self) -> f64 {
        self.0
    }
}

/// Why a classification fit has no answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FitError {
    /// There are no points.
    NoPoints,
    /// No point has this label (or class): the unpenalised intercept would grow without bound
    /// (for the hinge: every line putting all points beyond the margin has zero loss, a whole
    /// unbounded set of them).
    MissingClass {
        /// The absent label.
        label: usize,
        /// Whether the loss is the hinge.
        hinge: bool,
    },
    /// The focal α gives every point of this label zero weight (α = 0 silences label 1,
    /// α = 1 label 0), so only one class counts.
    UnweightedClass {
        /// The label whose points have weight 0.
        label: usize,
    },
    /// λ = 0 and the classes are (quasi-)completely separable in x.
    Separable {
        /// A separating x: the midpoint between the two classes' facing extremes (the shared x
        /// when they touch).
        boundary_x: f64,
        /// Whether the classes touch: points of both sides share the x of `boundary_x`.
        touching: bool,
        /// Whether the loss is the hinge, whose lowest loss is reached by a whole unbounded set
        /// of lines rather than approached by ever steeper ones.
        hinge: bool,
    },
    /// The x values are so close together that the best slope overflows f64.
    NotRepresentable,
}

impl fmt::Display for FitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FitError::NoPoints => f.write_str("there are no points to fit"),
            FitError::MissingClass { label, hinge: false } => write!(
                f,
                "no point has label {label}: without examples of every class the intercept would grow without bound"
            ),
            FitError::MissingClass { label, hinge: true } => write!(
                f,
                "no point has label {label}: every line that puts all the points beyond the margin has zero hinge loss, so there is no single best line"
            ),
            FitError::UnweightedClass { label } => write!(
                f,
                "α gives the points of label {label} zero weight: only one class counts, so the intercept would grow without bound"
            ),
            FitError::Separable { boundary_x, touching, hinge } => {
                let x = compact(*boundary_x);
                if *touching {
                    write!(f, "the classes do not overlap (they meet only at x = {x})")?;
                } else {
                    write!(f, "the classes do not overlap (a boundary at x = {x} separates them)")?;
                }
                if *hinge {
                    f.write_str(": without an L2 penalty ever steeper lines share the lowest hinge loss, so there is no single best line; set λ > 0")
                } else {
                    f.write_str(": without an L2 penalty a steeper line always does better, so the weight would grow without bound; set λ > 0")
                }
            }
            FitError::NotRepresentable => {
                f.write_str("the x values are too close together: the best slope is too large to represent")
            }
        }
    }
}

impl std::error::Error for FitError {}

/// `x` rounded for messages, with a typographic minus as the app shows numbers: six
/// significant digits, except that numbers from 10⁶ to 10⁷ keep their whole integer part
/// (seven digits) rather than switch to scientific notation: `0.75`, `−0.25`, `1000004`,
/// `2.5e-300` (a boundary between data points needs no more to be found on the plot).
pub(crate) fn compact(x: f64) -> String {
    let text = compact_ascii(x);
    match text.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => text,
    }
}

fn compact_ascii(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return if x == 0.0 { "0".into() } else { format!("{x}") };
    }
    let magnitude = x.abs().log10().floor() as i32;
    let trim = |text: String| {
        if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text
        }
    };
    if (-4..7).contains(&magnitude) {
        trim(format!("{x:.*}", (5 - magnitude).max(0) as usize))
    } else {
        let text = format!("{x:.5e}");
        match text.split_once('e') {
            Some((mantissa, exponent)) => format!("{}e{exponent}", trim(mantissa.to_string())),
            None => text,
        }
    }
}

/// How the optimality of a fit is certified.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Certificate {
    /// Smooth losses: the relative gradient `r = max_j |∂F/∂θ_j| / s_j` reached, with θ the
    /// centred-and-scaled (slope, intercept) and `s_j` the sum of the absolute values of the
    /// per-point (and penalty) terms that make up `∂F/∂θ_j`. `r ∈ [0, 1]`; 0 is exact.
    Stationary {
        /// The achieved r.
        relative_gradient: f64,
    },
    /// Hinge: the golden-section bracket [a, b] of the scaled slope shrank to this width
    /// relative to max(1, |a|, |b|) (the returned slope is in it, or is 0 when a flat line
    /// does as well); the intercept is exactly optimal for the returned slope.
    Bracketed {
        /// The final relative bracket width.
        relative_width: f64,
    },
}

/// A fitted line with what the screens and tests need to know about it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BinaryFit {
    /// The loss that was minimised.
    pub loss: BinaryLoss,
    /// The fitted line `z = w·x + b` (the logit of label 1).
    pub line: Line,
    /// The mean loss `(1/n) Σ ℓ(zᵢ, yᵢ)` at `line`.
    pub mean_loss: f64,
    /// The minimised objective, mean loss + (λ/2)·w².
    pub objective: f64,
    /// Newton steps, or evaluations of the hinge profile.
    pub iterations: usize,
    /// Whether the stopping rule was met (false: iteration limit, or no further decrease
    /// possible; the line is still the best found).
    pub converged: bool,
    /// The achieved accuracy of the optimisation.
    pub certificate: Certificate,
}

/// The centring and scaling `u = (x − centre)·inv_scale`; `inv_scale = 0` when all x are
/// equal (the slope is then fixed at 0).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scaling {
    pub centre: f64,
    pub scale: f64,
    pub inv_scale: f64,
}

impl Scaling {
    /// Mean and (population) standard deviation of `xs`, which must be non-empty;
    /// `inv_scale` may be +∞ for x values that differ only in subnormal digits.
    pub(crate) fn of(xs: &[f64]) -> Scaling {
        let n = xs.len() as f64;
        let centre = xs.iter().sum::<f64>() / n;
        // s = m·√(mean(((x − x̄)/m)²)) with m = max|x − x̄|: no square can underflow.
        let spread = xs.iter().map(|&x| (x - centre).abs()).fold(0.0, f64::max);
        let all_equal = xs.iter().all(|&x| x == xs[0]);
        if all_equal || spread == 0.0 {
            return Scaling { centre, scale: 0.0, inv_scale: 0.0 };
        }
        let scale = spread * (xs.iter().map(|&x| ((x - centre) / spread).powi(2)).sum::<f64>() / n).sqrt();
        Scaling { centre, scale, inv_scale: 1.0 / scale }
    }

    /// Maps a line in x to (slope, intercept) in u.
    pub(crate) fn to_scaled(self, slope: f64, intercept: f64) -> (f64, f64) {
        (slope * self.scale, intercept + slope * self.centre)
    }

    /// Maps (slope, intercept) in u back to x.
    pub(crate) fn to_original(self, slope_u: f64, intercept_u: f64) -> (f64, f64) {
        let slope = slope_u * self.inv_scale;
        (slope, intercept_u - slope * self.centre)
    }
}

/// The facing extremes of the two labels, for the separation test.
#[derive(Debug, Clone, Copy)]
struct Extremes {
    min: [f64; 2],
    max: [f64; 2],
}

fn extremes(points: &LabeledPoints) -> Extremes {
    let mut e = Extremes { min: [f64::INFINITY; 2], max: [f64::NEG_INFINITY; 2] };
    for (x, positive) in points.iter() {
        let k = positive as usize;
        e.min[k] = e.min[k].min(x);
        e.max[k] = e.max[k].max(x);
    }
    e
}

/// The separating x if one class lies (weakly) on one side of the other and not every point
/// shares one x, with whether the classes touch there; `None` otherwise. Both classes must be
/// present.
fn separating_x(points: &LabeledPoints) -> Option<(f64, bool)> {
    let e = extremes(points);
    let all_equal = e.min[0] == e.max[0] && e.min[1] == e.max[1] && e.min[0] == e.min[1];
    if all_equal {
        None
    } else if e.max[0] <= e.min[1] {
        Some((0.5 * e.max[0] + 0.5 * e.min[1], e.max[0] == e.min[1]))
    } else if e.max[1] <= e.min[0] {
        Some((0.5 * e.max[1] + 0.5 * e.min[0], e.max[1] == e.min[0]))
    } else {
        None
    }
}

/// Refuses data for which no best line exists (see the module documentation).
fn check_fit_exists(points: &LabeledPoints, loss: BinaryLoss, l2: L2Penalty) -> Result<(), FitError> {
    let n = points.len();
    if n == 0 {
        return Err(FitError::NoPoints);
    }
    let positives = points.positives();
    let hinge = loss == BinaryLoss::Hinge;
    if positives == 0 {
        return Err(FitError::MissingClass { label: 1, hinge });
    }
    if positives == n {
        return Err(FitError::MissingClass { label: 0, hinge });
    }
    if let BinaryLoss::Focal(p) = loss {
        if p.alpha() == Some(0.0) {
            return Err(FitError::UnweightedClass { label: 1 });
        }
        if p.alpha() == Some(1.0) {
            return Err(FitError::UnweightedClass { label: 0 });
        }
    }
    if l2.lambda() == 0.0 {
        if let Some((boundary_x, touching)) = separating_x(points) {
            return Err(FitError::Separable { boundary_x, touching, hinge });
        }
    }
    Ok(())
}

/// Fits `z = w·x + b` by minimising the mean `loss` plus `(λ/2)·w²`; see the module
/// documentation for the methods, the stopping rules and the errors.
///
/// `warm` (e.g. the previous fit while a point is dragged) is used as the Newton start when it
/// is finite and its objective is not worse than the default start's; the hinge fit starts its
/// slope search around the warm slope instead of across the whole bracket, and stops at a
/// bracket of 10⁻⁹ relative width instead of 10⁻¹² (a drag's frames show their numbers
/// rounded; the fit at rest, cold, meets the full tolerance).
pub fn fit_binary(
    points: &LabeledPoints,
    loss: BinaryLoss,
    l2: L2Penalty,
    warm: Option<Line>,
) -> Result<BinaryFit, FitError> {
    check_fit_exists(points, loss, l2)?;
    let mut scaling = Scaling::of(points.xs());
    // The penalty on the scaled slope a = w·s: (λ/2)·w² = (λ_u/2)·a² with λ_u = λ/s².
    let mut lambda_u = l2.lambda() * scaling.inv_scale * scaling.inv_scale;
    if !(scaling.inv_scale.is_finite() && lambda_u.is_finite()) {
        // The x values differ by less than f64 can scale. With a penalty the slope must
        // then be 0 (its penalty per unit of scaled slope is infinite); without one, the
        // best slope is beyond f64's range.
        if l2.lambda() == 0.0 {
            return Err(FitError::NotRepresentable);
        }
        scaling = Scaling { scale: 0.0, inv_scale: 0.0, ..scaling };
        lambda_u = 0.0;
    }

    let (slope_u, intercept_u, iterations, converged, certificate) = match loss {
        BinaryLoss::Hinge => {
            let warm_slope = warm.map(|line| scaling.to_scaled(line.slope, line.intercept).0).filter(|a| a.is_finite());
            let out = minimise_hinge(points, scaling.centre, scaling.inv_scale, lambda_u, warm_slope);
            let certificate = Certificate::Bracketed { relative_width: out.relative_width };
            (out.slope, out.intercept, out.evaluations, out.converged, certificate)
        }
        BinaryLoss::Bce | BinaryLoss::Focal(_) => {
            let objective = ScaledBinary {
                points,
                loss,
                centre: scaling.centre,
                inv_scale: scaling.inv_scale,
                // With the slope fixed, a unit curvature keeps the Hessian non-singular; the
                // slope's gradient is then 0 and it stays at 0.
                lambda: if scaling.inv_scale == 0.0 { 1.0 } else { lambda_u },
            };
            let positives = points.positives();
            let negatives = points.len() - positives;
            let default_start = vec![0.0, (positives as f64 / negatives as f64).ln()];
            // The warm start is kept when its objective is not worse than the default start's.
            // With slope 0 every logit is the same, so the default's objective needs no pass
            // over the points; the warm start's comes with Newton's first derivatives.
            let (start, fallback) = match warm {
                Some(line) if line.slope.is_finite() && line.intercept.is_finite() => {
                    let (a, c) = scaling.to_scaled(line.slope, line.intercept);
                    let a = if scaling.inv_scale == 0.0 { 0.0 } else { a };
                    let c0 = default_start[1];
                    let default_value = (positives as f64 * loss.value(c0, true)
                        + negatives as f64 * loss.value(c0, false))
                        / points.len() as f64;
                    (vec![a, c], Some((default_start, default_value)))
                }
                _ => (default_start, None),
            };
            let out = minimise(&objective, start, fallback, GRADIENT_TOLERANCE, MAX_NEWTON_ITERATIONS);
            let certificate = Certificate::Stationary { relative_gradient: out.relative_gradient };
            (out.theta[0], out.theta[1], out.iterations, out.converged, certificate)
        }
    };
    let (slope, intercept) =
        if scaling.inv_scale == 0.0 { (0.0, intercept_u) } else { scaling.to_original(slope_u, intercept_u) };
    if !(slope.is_finite() && intercept.is_finite()) {
        return Err(FitError::NotRepresentable);
    }
    let line = Line::new(slope, intercept);
    let mean_loss = mean_loss(points, loss, line);
    Ok(BinaryFit {
        loss,
        line,
        mean_loss,
        objective: mean_loss + 0.5 * l2.lambda() * slope * slope,
        iterations,
        converged,
        certificate,
    })
}

/// The mean loss `(1/n) Σ ℓ(w·xᵢ + b, yᵢ)`; 0 for no points. The logits are rounded once
/// ([`Line::predict_exactly`]): far from x = 0, w·x and b nearly cancel, and the plain sum
/// put the reported mean hinge loss 4.5 % off at x ≈ 10⁸ ± 10⁻⁴.
pub fn mean_loss(points: &LabeledPoints, loss: BinaryLoss, line: Line) -> f64 {
    if points.is_empty() {
        return 0.0;
    }
    points.iter().map(|(x, y)| loss.value(line.predict_exactly(x), y)).sum::<f64>() / points.len() as f64
}

/// The fit objective `F(w, b) = (1/n) Σ ℓ(w·xᵢ + b, yᵢ) + (λ/2)·w²` (the mean term is 0 for no
/// points).
pub fn binary_objective(points: &LabeledPoints, loss: BinaryLoss, l2: L2Penalty, line: Line) -> f64 {
    mean_loss(points, loss, line) + 0.5 * l2.lambda() * line.slope * line.slope
}

/// The gradient `(∂F/∂w, ∂F/∂b) = ((1/n) Σ ℓ′ᵢ·xᵢ + λ·w, (1/n) Σ ℓ′ᵢ)` of
/// [`binary_objective`], with `ℓ′ᵢ = dℓ/dz` at point i (the hinge's subgradient convention of
/// [`BinaryLoss::derivative`] at kinks).
pub fn binary_objective_gradient(points: &LabeledPoints, loss: BinaryLoss, l2: L2Penalty, line: Line) -> (f64, f64) {
    let (mut dw, mut db) = (0.0, 0.0);
    for (x, y) in points.iter() {
        let d = loss.derivative(line.predict_exactly(x), y);
        dw += d * x;
        db += d;
    }
    let n = points.len().max(1) as f64;
    (dw / n + l2.lambda() * line.slope, db / n)
}

/// The smooth objective in scaled coordinates θ = (a, c), z = a·u + c:
/// `(1/n) Σ ℓ(zᵢ, yᵢ) + (λ_u/2)·a²`.
struct ScaledBinary<'a> {
    points: &'a LabeledPoints,
    loss: BinaryLoss,
    centre: f64,
    inv_scale: f64,
    lambda: f64,
}

impl SmoothObjective for ScaledBinary<'_> {
    fn dim(&self) -> usize {
        2
    }

    fn value(&self, theta: &[f64]) -> f64 {
        let (a, c) = (theta[0], theta[1]);
        let sum: f64 =
            self.points.iter().map(|(x, y)| self.loss.value(a * ((x - self.centre) * self.inv_scale) + c, y)).sum();
        sum / self.points.len() as f64 + 0.5 * self.lambda * a * a
    }

    fn derivatives(&self, theta: &[f64], g: &mut [f64], s: &mut [f64], h: &mut [f64]) -> f64 {
        let (a, c) = (theta[0], theta[1]);
        let mut value = 0.0;
        for (x, y) in self.points.iter() {
            let u = (x - self.centre) * self.inv_scale;
            let t = self.loss.terms(a * u + c, y);
            value += t.value;
            g[0] += t.d1 * u;
            s[0] += (t.d1 * u).abs();
            g[1] += t.d1;
            s[1] += t.d1.abs();
            h[0] += t.d2 * u * u;
            h[1] += t.d2 * u;
            h[3] += t.d2;
        }
        let inv_n = 1.0 / self.points.len() as f64;
        value *= inv_n;
        g.iter_mut().chain(s.iter_mut()).chain(h.iter_mut()).for_each(|v| *v *= inv_n);
        g[0] += self.lambda * a;
        s[0] += (self.lambda * a).abs();
        h[0] += self.lambda;
        h[2] = h[1];
        value + 0.5 * self.lambda * a * a
    }
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn message_numbers_have_at_most_six_significant_digits() {
        let cases = [
            (0.75, "0.75"),
            (-0.25, "−0.25"),
            (0.0, "0"),
            (-0.0, "0"),
            (1000003.6573448027, "1000004"),
            (123.456789, "123.457"),
            (0.000123456789, "0.000123457"),
            (2.5e-300, "2.5e-300"),
            (-1.23456789e12, "−1.23457e12"),
            (f64::INFINITY, "inf"),
        ];
        for (x, text) in cases {
            assert_eq!(compact(x), text, "{x}");
        }
    }
}
