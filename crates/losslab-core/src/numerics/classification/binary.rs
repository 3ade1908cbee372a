//! Binary losses of a logit `z` for a label `y ∈ {0, 1}`: binary cross-entropy, focal loss
//! and hinge loss, with their derivatives and sampled curves.
//!
//! Every loss is written in terms of the *margin* `m = t·z` with `t = 2y − 1` (so `m = z` for
//! label 1 and `m = −z` for label 0). Then the probability given to the true class is
//! `p_t = σ(m)`, the other class gets `q = 1 − p_t = σ(−m)`, and
//!
//! * BCE:   `ℓ = −log p_t = softplus(−m) = max(−m, 0) + log1p(e^{−|m|})`,
//! * focal: `ℓ = α_t · q^γ · (−log p_t)`,
//! * hinge: `ℓ = max(0, 1 − m)`.
//!
//! Computing from the margin, never from `p` itself, is what keeps everything exact at the
//! extremes: `1 − σ(30)` would lose all but three digits, `σ(−30)` loses none, and
//! `log σ(−800)` is `−800` instead of `log 0 = −∞`.
//!
//! All functions here are total on finite logits and never return NaN; logits of ±∞ give
//! the limits (a loss of `+∞` or `0`).

use crate::io::Shortest;
use crate::numerics::error::InputError;

/// The largest focal-loss exponent γ accepted by [`FocalParams::new`].
///
/// Practical values are 0–5 (RetinaNet uses 2). The bound keeps `γ²`, which appears in the
/// second derivative used by the fits, and every product with it finite.
pub const MAX_FOCAL_GAMMA: f64 = 100.0;

/// The logistic sigmoid `σ(z) = 1 / (1 + e^{−z})`, computed without overflow.
///
/// For `z ≥ 0` it evaluates `1/(1 + e^{−z})`, for `z < 0` the equal `e^{z}/(1 + e^{z})`, so
/// the exponential never exceeds 1 and tiny probabilities keep full relative precision
/// (`σ(−800) ≈ 3.6e−348` underflows to 0 only because f64 cannot hold it).
#[inline]
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// The softplus `softplus(z) = log(1 + e^{z}) = max(z, 0) + log1p(e^{−|z|})`.
///
/// Exact to rounding for every finite `z`: `softplus(800) = 800`, `softplus(−30) = 9.36e−14`.
#[inline]
pub fn softplus(z: f64) -> f64 {
    z.max(0.0) + (-z.abs()).exp().ln_1p()
}

/// The log-sigmoid `log σ(z) = −softplus(−z)`, finite for every finite `z`
/// (`log σ(−800) = −800`).
#[inline]
pub fn log_sigmoid(z: f64) -> f64 {
    -softplus(-z)
}

/// The logit `log(p / (1 − p))`, the inverse of [`sigmoid`]; `±∞` at `p = 1` and `p = 0`.
#[inline]
pub fn logit(p: f64) -> f64 {
    p.ln() - (-p).ln_1p()
}

/// Parameters of the focal loss `ℓ = α_t · (1 − p_t)^γ · (−log p_t)`.
///
/// Validated: `0 ≤ γ ≤` [`MAX_FOCAL_GAMMA`] and, when present, `0 ≤ α ≤ 1`. The class weight
/// is `α_t = α` for label 1 and `1 − α` for label 0 (torchvision's `sigmoid_focal_loss`);
/// without α, `α_t = 1`. With `γ = 0` and no α the focal loss is exactly BCE.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FocalParams {
    gamma: f64,
    alpha: Option<f64>,
}

impl FocalParams {
    /// RetinaNet's defaults, γ = 2 and α = 0.25.
    pub const RETINANET: FocalParams = FocalParams { gamma: 2.0, alpha: Some(0.25) };

    /// Validates γ (finite, `0 ≤ γ ≤ 100`) and α (`0 ≤ α ≤ 1`, or `None` for no weighting).
    pub fn new(gamma: f64, alpha: Option<f64>) -> Result<Self, InputError> {
        if !(0.0..=MAX_FOCAL_GAMMA).contains(&gamma) {
            return Err(InputError::BadParameter { name: "γ", value: gamma, expected: "between 0 and 100" });
        }
        if let Some(a) = alpha {
            if !(0.0..=1.0).contains(&a) {
                return Err(InputError::BadParameter { name: "α", value: a, expected: "between 0 and 1" });
            }
        }
        Ok(FocalParams { gamma, alpha })
    }

    /// The focusing exponent γ.
    pub fn gamma(self) -> f64 {
        self.gamma
    }

    /// The class-balance weight α, if any.
    pub fn alpha(self) -> Option<f64> {
        self.alpha
    }

    /// The class weight `α_t`: α for label 1, 1 − α for label 0, 1 without α.
    #[inline]
    pub fn class_weight(self, positive: bool) -> f64 {
        match self.alpha {
            Some(a) if positive => a,
            Some(a) => 1.0 - a,
            None => 1.0,
        }
    }
}

/// A loss of a logit `z` for a binary label. See the module documentation for the formulas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BinaryLoss {
    /// Binary cross-entropy (log loss) `ℓ = −log p_t = max(z, 0) − z·y + log1p(e^{−|z|})`.
    Bce,
    /// Focal loss `ℓ = α_t · (1 − p_t)^γ · (−log p_t)` (torchvision form).
    Focal(FocalParams),
    /// Hinge loss on the margin `m = t·z`, `t = 2y − 1`: `ℓ = max(0, 1 − m)`.
    Hinge,
}

/// Value, first and second derivative of a loss with respect to the logit z.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LossTerms {
    pub value: f64,
    pub d1: f64,
    pub d2: f64,
}

/// The margin `m = t·z` with `t = +1` for label 1 and `−1` for label 0.
#[inline]
fn margin(z: f64, positive: bool) -> f64 {
    if positive {
        z
    } else {
        -z
    }
}

/// Shared pieces of the margin: `−log p_t`, `log q`, `p_t`, `q`, all from one `exp` and one
/// `log1p`.
#[derive(Clone, Copy)]
struct MarginParts {
    /// `−log p_t = softplus(−m)`.
    nll: f64,
    /// `log q = log σ(−m) = −softplus(m)`.
    log_q: f64,
    /// `p_t = σ(m)`.
    p_t: f64,
    /// `q = σ(−m)`.
    q: f64,
}

#[inline]
fn margin_parts(m: f64) -> MarginParts {
    let e = (-m.abs()).exp();
    let l1p = e.ln_1p();
    let big = 1.0 / (1.0 + e);
    let small = e * big;
    if m >= 0.0 {
        MarginParts { nll: l1p, log_q: -(m + l1p), p_t: big, q: small }
    } else {
        MarginParts { nll: -m + l1p, log_q: -l1p, p_t: small, q: big }
    }
}

/// `q^γ = exp(γ·log q)`, with `q^0 = 1` even where `log q = −∞`.
///
/// Going through the logarithm keeps tiny factors such as `σ(−30)^5 ≈ 7e−66` at full
/// relative precision and never forms `0^γ` for `γ < 1` through a reciprocal.
#[inline]
fn focal_factor(log_q: f64, gamma: f64) -> f64 {
    if gamma == 0.0 {
        1.0
    } else {
        (gamma * log_q).exp()
    }
}

impl BinaryLoss {
    /// The loss `ℓ(z, y)` of logit `z` for label `y` (`positive` = label 1).
    #[inline]
    pub fn value(self, z: f64, positive: bool) -> f64 {
        let m = margin(z, positive);
        match self {
            BinaryLoss::Bce => softplus(-m),
            BinaryLoss::Focal(p) => {
                let parts = margin_parts(m);
                let weight = p.class_weight(positive) * focal_factor(parts.log_q, p.gamma);
                // A zero weight silences the point even where −log p_t = ∞ (z = ±∞).
                if weight == 0.0 {
                    0.0
                } else {
                    weight * parts.nll
                }
            }
            BinaryLoss::Hinge => (1.0 - m).max(0.0),
        }
    }

    /// The derivative `dℓ/dz`.
    ///
    /// * BCE: `σ(z) − y`, evaluated as `−t·σ(−m)` so that it keeps full relative precision
    ///   for confident predictions (σ(30) − 1 would cancel).
    /// * Focal: `t · α_t · (1 − p_t)^γ · [γ·p_t·log p_t − (1 − p_t)]`; the factor `(1 − p_t)^γ`
    ///   is never divided by, so γ < 1 needs no special case.
    /// * Hinge: the subgradient `−t` if `m < 1`, else 0. At the kink `m = 1` it returns 0
    ///   (the right derivative; both ends of the subdifferential [−1, 0]·t are valid), i.e. a
    ///   point exactly on the margin counts as satisfied, consistent with its loss being 0.
    #[inline]
    pub fn derivative(self, z: f64, positive: bool) -> f64 {
        self.terms(z, positive).d1
    }

    /// `(ℓ, dℓ/dz)` in one evaluation.
    #[inline]
    pub fn value_and_derivative(self, z: f64, positive: bool) -> (f64, f64) {
        let t = self.terms(z, positive);
        (t.value, t.d1)
    }

    /// Value, first and second derivative with respect to z.
    ///
    /// The focal second derivative, with `Q = q^γ`, `L = −log p_t`, is
    /// `d²ℓ/dz² = α_t·Q·p_t·[γ²·p_t·L + (1 + 2γ)·q − γ·q·L]`, which is negative for badly
    /// misclassified points once `γ > 0` (the focal loss is not convex). For γ = 0 it reduces
    /// to BCE's `σ(z)(1 − σ(z))`. Hinge has zero curvature almost everywhere.
    #[inline]
    pub(crate) fn terms(self, z: f64, positive: bool) -> LossTerms {
        let m = margin(z, positive);
        let t = if positive { 1.0 } else { -1.0 };
        match self {
            BinaryLoss::Bce => {
                let parts = margin_parts(m);
                LossTerms { value: parts.nll, d1: -t * parts.q, d2: parts.p_t * parts.q }
            }
            BinaryLoss::Focal(p) => {
                let g = p.gamma;
                let parts = margin_parts(m);
                let weight = p.class_weight(positive) * focal_factor(parts.log_q, g);
                let MarginParts { nll: l, p_t, q, .. } = parts;
                // p_t·L → 0 where p_t underflows (L stays finite for finite m, but not at m = −∞).
                let p_l = if p_t > 0.0 { p_t * l } else { 0.0 };
                let d_margin = weight * (-g * p_l - q);
                let d2 = if p_t > 0.0 { weight * p_t * (g * g * p_l + (1.0 + 2.0 * g) * q - g * q * l) } else { 0.0 };
                let value = if weight == 0.0 { 0.0 } else { weight * l };
                LossTerms { value, d1: t * d_margin, d2 }
            }
            BinaryLoss::Hinge => {
                let value = (1.0 - m).max(0.0);
                let d1 = if m < 1.0 { -t } else { 0.0 };
                LossTerms { value, d1, d2: 0.0 }
            }
        }
    }

    /// Whether the loss is differentiable everywhere (BCE and focal) rather than piecewise
    /// linear (hinge).
    pub fn is_smooth(self) -> bool {
        !matches!(self, BinaryLoss::Hinge)
    }

    /// A short name for legends: "BCE", "focal γ=2 α=0.25", "hinge".
    pub fn label(self) -> String {
        match self {
            BinaryLoss::Bce => "BCE".to_string(),
            BinaryLoss::Focal(p) => match p.alpha {
                Some(a) => format!("focal γ={} α={}", Shortest(p.gamma), Shortest(a)),
                None => format!("focal γ={}", Shortest(p.gamma)),
            },
            BinaryLoss::Hinge => "hinge".to_string(),
        }
    }
}

/// The horizontal axis of a sampled loss curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CurveAxis {
    /// The probability p_t ∈ (0, 1] given to the true class (the logit is `logit(p_t)`).
    TrueClassProbability,
    /// The margin `m = t·z` (equal to the logit for a point of label 1).
    Margin,
}

/// One sample of a loss curve for a point of label 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BinaryCurveSample {
    /// The abscissa: p_t or the margin, according to the [`CurveAxis`].
    pub at: f64,
    /// The margin m (= logit z for label 1) at this sample; `+∞` at p_t = 1.
    pub margin: f64,
    /// The loss ℓ.
    pub value: f64,
    /// dℓ/dm, the derivative with respect to the margin (= dℓ/dz for label 1).
    pub derivative: f64,
}

/// Samples `ℓ` against p_t or the margin at `count` evenly spaced abscissae from `from` to
/// `to` inclusive, for a point of label 1 (so α_t = α for the focal loss; a point of label 0
/// at the same p_t has the same curve with α replaced by 1 − α).
///
/// Errors: non-finite ends, `from ≥ to`, `count < 2`, or on the probability axis an end
/// outside (0, 1] (at p_t = 0 every loss but the hinge is infinite). For the hinge, the kink
/// at m = 1 (p_t = σ(1)) is inserted as an extra sample when it lies inside the range.
pub fn sample_loss_curve(
    loss: BinaryLoss,
    axis: CurveAxis,
    from: f64,
    to: f64,
    count: usize,
) -> Result<Vec<BinaryCurveSample>, InputError> {
    if !from.is_finite() {
        return Err(InputError::BadParameter { name: "from", value: from, expected: "a finite number" });
    }
    if !(to.is_finite() && to > from) {
        return Err(InputError::BadParameter { name: "to", value: to, expected: "a finite number greater than from" });
    }
    if count < 2 {
        return Err(InputError::BadParameter { name: "count", value: count as f64, expected: "at least 2" });
    }
    if axis == CurveAxis::TrueClassProbability {
        if from <= 0.0 {
            return Err(InputError::BadParameter { name: "from", value: from, expected: "a probability in (0, 1]" });
        }
        if to > 1.0 {
            return Err(InputError::BadParameter { name: "to", value: to, expected: "a probability in (0, 1]" });
        }
    }
    let to_margin = |at: f64| match axis {
        CurveAxis::TrueClassProbability => logit(at),
        CurveAxis::Margin => at,
    };
    let step = (to - from) / (count - 1) as f64;
    let mut samples = Vec::with_capacity(count + 1);
    // The hinge's kink sits at margin 1; its abscissa depends on the axis.
    let kink = match (loss, axis) {
        (BinaryLoss::Hinge, CurveAxis::Margin) => Some(1.0),
        (BinaryLoss::Hinge, CurveAxis::TrueClassProbability) => Some(sigmoid(1.0)),
        _ => None,
    };
    let mut kink_pending = kink.filter(|&k| k > from && k < to);
    for i in 0..count {
        // The last sample is exactly `to`, not `from + (count−1)·step` with its rounding.
        let at = if i + 1 == count { to } else { from + step * i as f64 };
        if let Some(k) = kink_pending {
            if k <= at {
                if k < at {
                    samples.push(curve_sample(loss, k, 1.0));
                }
                kink_pending = None;
            }
        }
        samples.push(curve_sample(loss, at, to_margin(at)));
    }
    Ok(samples)
}

fn curve_sample(loss: BinaryLoss, at: f64, margin: f64) -> BinaryCurveSample {
    let (value, derivative) = loss.value_and_derivative(margin, true);
    BinaryCurveSample { at, margin, value, derivative }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The crate-private second derivative against 4th-order central differences of d1.
    #[test]
    fn second_derivative_matches_differences() {
        let losses = [
            BinaryLoss::Bce,
            BinaryLoss::Focal(FocalParams::new(2.0, Some(0.25)).unwrap()),
            BinaryLoss::Focal(FocalParams::new(0.5, None).unwrap()),
            BinaryLoss::Focal(FocalParams::new(5.0, Some(0.9)).unwrap()),
        ];
        for loss in losses {
            for &positive in &[false, true] {
                for &z in &[-12.0, -3.0, -0.7, 0.0, 0.3, 2.0, 9.0] {
                    let h = 1e-4;
                    let d = |z: f64| loss.terms(z, positive).d1;
                    let fd = (d(z - 2.0 * h) - 8.0 * d(z - h) + 8.0 * d(z + h) - d(z + 2.0 * h)) / (12.0 * h);
                    let exact = loss.terms(z, positive).d2;
                    assert!(
                        (fd - exact).abs() <= 1e-8 * (1.0 + exact.abs()),
                        "{loss:?} {positive} z={z}: {fd} vs {exact}"
                    );
                }
            }
        }
    }
}
