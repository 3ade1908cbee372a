//! Softmax (multinomial logistic) regression of three classes on one feature.
//!
//! Class k has the logit `z_k = w_k·x + b_k`, the model predicts `softmax(z)`, and the fit
//! minimises
//!
//! `F = (1/n) Σᵢ CE(z(xᵢ), cᵢ) + (λ/2)·Σ_k w_k²`.
//!
//! **Identifiability.** Adding one constant to every w_k, or to every b_k, changes no
//! probability. Among such equivalent models the penalty prefers `Σ_k w_k = 0`, and we fix the
//! remaining freedom with `Σ_k b_k = 0` (with λ = 0 also `Σ_k w_k = 0`). The fit reports
//! this zero-sum representative, which minimises F over all six parameters; so F's full
//! gradient vanishes there. The choice is symmetric in the classes (no reference class).
//!
//! **Method.** Internally class 0 is pinned (w₀ = b₀ = 0) and the penalty is the one of the
//! zero-sum representative, `(λ/2)·Σ_k (w_k − w̄)²`, which makes the four-unknown problem
//! equivalent to the symmetric one. x is centred and scaled as for the binary fits, and the
//! convex objective is minimised by the safeguarded Newton method to a relative gradient of
//! 10⁻¹⁰ (see [`Certificate`](super::fit::Certificate) for the definition).
//!
//! **Existence.** Every class must be present ([`FitError::MissingClass`]). With λ = 0 the
//! optimum does not exist if the points of some class lie (weakly) on one side of all other
//! points, unless all x are equal ([`FitError::Separable`]): in one dimension any separating
//! configuration of three lines contains such a split. All x equal gives w = 0 and
//! `b_k = log n_k − mean_j log n_j` (the class frequencies).

use super::categorical::{categorical_cross_entropy, softmax};
use super::data::{ClassPoints, CLASS_COUNT};
use super::fit::{FitError, L2Penalty, Scaling, GRADIENT_TOLERANCE, MAX_NEWTON_ITERATIONS};
use super::newton::{minimise, SmoothObjective};

/// Three lines `z_k = w_k·x + b_k`, one logit per class.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SoftmaxModel {
    /// The slopes w_k.
    pub slopes: [f64; CLASS_COUNT],
    /// The intercepts b_k.
    pub intercepts: [f64; CLASS_COUNT],
}

impl SoftmaxModel {
    /// The logits `z_k = w_k·x + b_k`.
    #[inline]
    pub fn logits(&self, x: f64) -> [f64; CLASS_COUNT] {
        std::array::from_fn(|k| self.slopes[k] * x + self.intercepts[k])
    }

    /// The class probabilities `softmax(z(x))`.
    pub fn probabilities(&self, x: f64) -> [f64; CLASS_COUNT] {
        softmax(&self.logits(x))
    }

    /// The predicted class `argmax_k z_k(x)` (the lowest index on a tie).
    pub fn predict(&self, x: f64) -> usize {
        let z = self.logits(x);
        (1..CLASS_COUNT).fold(0, |best, k| if z[k] > z[best] { k } else { best })
    }
}

/// A fitted softmax regression.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SoftmaxFit {
    /// The zero-sum model (Σ w_k = 0, Σ b_k = 0).
    pub model: SoftmaxModel,
    /// The mean cross-entropy at `model`.
    pub mean_loss: f64,
    /// The minimised objective, mean cross-entropy + (λ/2)·Σ w_k².
    pub objective: f64,
    /// Newton steps taken.
    pub iterations: usize,
    /// Whether the relative gradient reached 10⁻¹⁰.
    pub converged: bool,
    /// The achieved relative gradient (as in [`Certificate::Stationary`](super::fit::Certificate)).
    pub relative_gradient: f64,
}

/// The mean cross-entropy `(1/n) Σ CE(z(xᵢ), cᵢ)`; 0 for no points.
pub fn softmax_mean_loss(points: &ClassPoints, model: &SoftmaxModel) -> f64 {
    if points.is_empty() {
        return 0.0;
    }
    let sum: f64 = points.iter().map(|(x, c)| categorical_cross_entropy(&model.logits(x), c).unwrap_or(0.0)).sum();
    sum / points.len() as f64
}

/// The objective `F = (1/n) Σ CE(z(xᵢ), cᵢ) + (λ/2)·Σ_k w_k²`.
pub fn softmax_objective(points: &ClassPoints, l2: L2Penalty, model: &SoftmaxModel) -> f64 {
    softmax_mean_loss(points, model) + 0.5 * l2.lambda() * model.slopes.iter().map(|w| w * w).sum::<f64>()
}

/// The gradient of [`softmax_objective`] as `(∂F/∂w_k, ∂F/∂b_k)`:
/// `∂F/∂b_k = (1/n) Σ (p_k − [cᵢ = k])`, `∂F/∂w_k = (1/n) Σ (p_k − [cᵢ = k])·xᵢ + λ·w_k`.
pub fn softmax_objective_gradient(
    points: &ClassPoints,
    l2: L2Penalty,
    model: &SoftmaxModel,
) -> ([f64; CLASS_COUNT], [f64; CLASS_COUNT]) {
    let mut dw = [0.0; CLASS_COUNT];
    let mut db = [0.0; CLASS_COUNT];
    for (x, c) in points.iter() {
        let delta = pulls(&model.logits(x), c);
        for k in 0..CLASS_COUNT {
            dw[k] += delta[k] * x;
            db[k] += delta[k];
        }
    }
    let n = points.len().max(1) as f64;
    for k in 0..CLASS_COUNT {
        dw[k] = dw[k] / n + l2.lambda() * model.slopes[k];
        db[k] /= n;
    }
    (dw, db)
}

/// `softmax(z) − onehot(c)`, with the true class's entry as `−Σ_{k≠c} p_k`.
#[inline]
fn pulls(z: &[f64; CLASS_COUNT], c: usize) -> [f64; CLASS_COUNT] {
    let mut p = softmax(z);
    let others: f64 = (0..CLASS_COUNT).filter(|&k| k != c).map(|k| p[k]).sum();
    p[c] = -others;
    p
}

/// The points' class extremes: `(min, max)` of x per class.
fn class_extremes(points: &ClassPoints) -> ([f64; CLASS_COUNT], [f64; CLASS_COUNT]) {
    let mut min = [f64::INFINITY; CLASS_COUNT];
    let mut max = [f64::NEG_INFINITY; CLASS_COUNT];
    for (x, c) in points.iter() {
        min[c] = min[c].min(x);
        max[c] = max[c].max(x);
    }
    (min, max)
}

/// A separating x if some class lies weakly on one side of all the others (and not all x are
/// equal).
fn separating_x(points: &ClassPoints) -> Option<(f64, bool)> {
    let (min, max) = class_extremes(points);
    let all_min = min.iter().copied().fold(f64::INFINITY, f64::min);
    let all_max = max.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if all_min == all_max {
        return None;
    }
    for j in 0..CLASS_COUNT {
        let rest_min = (0..CLASS_COUNT).filter(|&k| k != j).map(|k| min[k]).fold(f64::INFINITY, f64::min);
        let rest_max = (0..CLASS_COUNT).filter(|&k| k != j).map(|k| max[k]).fold(f64::NEG_INFINITY, f64::max);
        if max[j] <= rest_min {
            return Some((0.5 * max[j] + 0.5 * rest_min, max[j] == rest_min));
        }
        if rest_max <= min[j] {
            return Some((0.5 * rest_max + 0.5 * min[j], rest_max == min[j]));
        }
    }
    None
}

/// Fits the three-class softmax regression; see the module documentation. `warm` is used as
/// the start when its objective is not worse than the default start's (all slopes 0,
/// intercepts at the log class frequencies).
pub fn fit_softmax(points: &ClassPoints, l2: L2Penalty, warm: Option<&SoftmaxModel>) -> Result<SoftmaxFit, FitError> {
    if points.is_empty() {
        return Err(FitError::NoPoints);
    }
    let counts = points.class_counts();
    if let Some(label) = counts.iter().position(|&c| c == 0) {
        return Err(FitError::MissingClass { label, hinge: false });
    }
    if l2.lambda() == 0.0 {
        if let Some((boundary_x, touching)) = separating_x(points) {
            return Err(FitError::Separable { boundary_x, touching, hinge: false });
        }
    }
    let log_counts = counts.map(|c| (c as f64).ln());
    let mut scaling = Scaling::of(points.xs());
    let mut lambda_u = l2.lambda() * scaling.inv_scale * scaling.inv_scale;
    if !(scaling.inv_scale.is_finite() && lambda_u.is_finite()) {
        if l2.lambda() == 0.0 {
            return Err(FitError::NotRepresentable);
        }
        scaling = Scaling { scale: 0.0, inv_scale: 0.0, ..scaling };
        lambda_u = 0.0;
    }

    let (model, iterations, converged, relative_gradient) = if scaling.inv_scale == 0.0 {
        // All x equal: the best constant logits are the log class frequencies.
        (SoftmaxModel { slopes: [0.0; CLASS_COUNT], intercepts: log_counts }, 0, true, 0.0)
    } else {
        let objective =
            ScaledSoftmax { points, centre: scaling.centre, inv_scale: scaling.inv_scale, lambda: lambda_u };
        let default_start = vec![0.0, 0.0, log_counts[1] - log_counts[0], log_counts[2] - log_counts[0]];
        let start = match warm {
            Some(m) if m.slopes.iter().chain(&m.intercepts).all(|v| v.is_finite()) => {
                let (a1, c1) = scaling.to_scaled(m.slopes[1] - m.slopes[0], m.intercepts[1] - m.intercepts[0]);
                let (a2, c2) = scaling.to_scaled(m.slopes[2] - m.slopes[0], m.intercepts[2] - m.intercepts[0]);
                let candidate = vec![a1, a2, c1, c2];
                let value = objective.value(&candidate);
                if value.is_finite() && value <= objective.value(&default_start) {
                    candidate
                } else {
                    default_start
                }
            }
            _ => default_start,
        };
        let out = minimise(&objective, start, None, GRADIENT_TOLERANCE, MAX_NEWTON_ITERATIONS);
        let (w1, b1) = scaling.to_original(out.theta[0], out.theta[2]);
        let (w2, b2) = scaling.to_original(out.theta[1], out.theta[3]);
        (
            SoftmaxModel { slopes: [0.0, w1, w2], intercepts: [0.0, b1, b2] },
            out.iterations,
            out.converged,
            out.relative_gradient,
        )
    };
    let model = zero_sum(model);
    if !model.slopes.iter().chain(&model.intercepts).all(|v| v.is_finite()) {
        return Err(FitError::NotRepresentable);
    }
    let mean_loss = softmax_mean_loss(points, &model);
    Ok(SoftmaxFit {
        model,
        mean_loss,
        objective: mean_loss + 0.5 * l2.lambda() * model.slopes.iter().map(|w| w * w).sum::<f64>(),
        iterations,
        converged,
        relative_gradient,
    })
}

/// The equivalent model with Σ w_k = 0 and Σ b_k = 0.
fn zero_sum(model: SoftmaxModel) -> SoftmaxModel {
    let w_mean = model.slopes.iter().sum::<f64>() / CLASS_COUNT as f64;
    let b_mean = model.intercepts.iter().sum::<f64>() / CLASS_COUNT as f64;
    SoftmaxModel { slopes: model.slopes.map(|w| w - w_mean), intercepts: model.intercepts.map(|b| b - b_mean) }
}

/// The objective in scaled coordinates with class 0 pinned: θ = (a₁, a₂, c₁, c₂),
/// `z = (0, a₁u + c₁, a₂u + c₂)`, penalty `(λ_u/2)·Σ_k (a_k − ā)²` with a₀ = 0, i.e.
/// `(λ_u/2)·aᵀAa` with `A = [[2, −1], [−1, 2]]/3`.
struct ScaledSoftmax<'a> {
    points: &'a ClassPoints,
    centre: f64,
    inv_scale: f64,
    lambda: f64,
}

impl ScaledSoftmax<'_> {
    #[inline]
    fn logits(&self, theta: &[f64], x: f64) -> ([f64; CLASS_COUNT], f64) {
        let u = (x - self.centre) * self.inv_scale;
        ([0.0, theta[0] * u + theta[2], theta[1] * u + theta[3]], u)
    }

    fn penalty(&self, theta: &[f64]) -> f64 {
        let (a1, a2) = (theta[0], theta[1]);
        0.5 * self.lambda * (2.0 * (a1 * a1 + a2 * a2 - a1 * a2) / 3.0)
    }
}

impl SmoothObjective for ScaledSoftmax<'_> {
    fn dim(&self) -> usize {
        4
    }

    fn value(&self, theta: &[f64]) -> f64 {
        let sum: f64 = self
            .points
            .iter()
            .map(|(x, c)| categorical_cross_entropy(&self.logits(theta, x).0, c).unwrap_or(0.0))
            .sum();
        sum / self.points.len() as f64 + self.penalty(theta)
    }

    fn derivatives(&self, theta: &[f64], g: &mut [f64], s: &mut [f64], h: &mut [f64]) -> f64 {
        let mut value = 0.0;
        for (x, c) in self.points.iter() {
            let (z, u) = self.logits(theta, x);
            value += categorical_cross_entropy(&z, c).unwrap_or(0.0);
            let p = softmax(&z);
            let delta = pulls(&z, c);
            // The logit Hessian diag(p) − ppᵀ on classes 1 and 2; 1 − p_k as the sum of the
            // other two probabilities, so that it does not cancel.
            let curvature = [[p[1] * (p[0] + p[2]), -p[1] * p[2]], [-p[1] * p[2], p[2] * (p[0] + p[1])]];
            for k in 0..2 {
                let d = delta[k + 1];
                g[k] += d * u;
                s[k] += (d * u).abs();
                g[k + 2] += d;
                s[k + 2] += d.abs();
                for l in 0..2 {
                    let hkl = curvature[k][l];
                    h[k * 4 + l] += hkl * u * u;
                    h[k * 4 + l + 2] += hkl * u;
                    h[(k + 2) * 4 + l] += hkl * u;
                    h[(k + 2) * 4 + l + 2] += hkl;
                }
            }
        }
        let inv_n = 1.0 / self.points.len() as f64;
        value *= inv_n;
        g.iter_mut().chain(s.iter_mut()).chain(h.iter_mut()).for_each(|v| *v *= inv_n);
        let (a1, a2) = (theta[0], theta[1]);
        let lam = self.lambda / 3.0;
        let (p1, p2) = (lam * (2.0 * a1 - a2), lam * (2.0 * a2 - a1));
        g[0] += p1;
        g[1] += p2;
        s[0] += (lam * 2.0 * a1).abs() + (lam * a2).abs();
        s[1] += (lam * 2.0 * a2).abs() + (lam * a1).abs();
        h[0] += 2.0 * lam;
        h[1] -= lam;
        h[4] -= lam;
        h[5] += 2.0 * lam;
        value + self.penalty(theta)
    }
}
