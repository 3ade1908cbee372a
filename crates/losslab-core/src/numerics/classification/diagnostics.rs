//! What the screens draw for a line `z = w·x + b` on binary data: per-point logit, probability,
//! loss and its derivative, correctness, the accuracy and the decision boundary.
//!
//! The prediction rule is label 1 iff `z > 0`, i.e. `σ(z) > 0.5` (as scikit-learn's
//! `predict`: a point exactly on the boundary is predicted as label 0).

use super::binary::{sigmoid, BinaryLoss};
use super::data::LabeledPoints;
use crate::numerics::error::MAX_ABS_COORDINATE;
use crate::numerics::points::Line;

/// Everything about one point under a line and a loss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointDiagnostics {
    /// The point's x.
    pub x: f64,
    /// Whether its label is 1.
    pub positive: bool,
    /// The logit `z = w·x + b`.
    pub logit: f64,
    /// The predicted probability of label 1, `σ(z)`.
    pub probability: f64,
    /// The loss `ℓ(z, y)`.
    pub loss: f64,
    /// `dℓ/dz`, the pull of this point on the logit (see [`BinaryLoss::derivative`]).
    pub d_loss_d_logit: f64,
    /// Whether the prediction `z > 0` matches the label.
    pub correct: bool,
}

/// The predicted probability of label 1 at `x`, `σ(w·x + b)`.
#[inline]
pub fn probability(line: Line, x: f64) -> f64 {
    sigmoid(line.predict_exactly(x))
}

/// Per-point diagnostics, in the points' order, without allocating.
pub fn point_diagnostics<'a>(
    points: &'a LabeledPoints,
    loss: BinaryLoss,
    line: Line,
) -> impl ExactSizeIterator<Item = PointDiagnostics> + 'a {
    points.iter().map(move |(x, positive)| {
        let logit = line.predict_exactly(x);
        let (value, derivative) = loss.value_and_derivative(logit, positive);
        PointDiagnostics {
            x,
            positive,
            logit,
            probability: sigmoid(logit),
            loss: value,
            d_loss_d_logit: derivative,
            correct: (logit > 0.0) == positive,
        }
    })
}

/// The fraction of points whose prediction (`z > 0` ⇒ label 1) matches the label;
/// `None` for no points.
pub fn accuracy(points: &LabeledPoints, line: Line) -> Option<f64> {
    if points.is_empty() {
        return None;
    }
    let correct = points.iter().filter(|&(x, positive)| (line.predict_exactly(x) > 0.0) == positive).count();
    Some(correct as f64 / points.len() as f64)
}

/// The decision boundary `x = −b/w`, where `σ(z) = 0.5`.
///
/// `None` when there is none to draw: `w = 0` (a flat line classifies every x alike), or the
/// boundary lies beyond ±[`MAX_ABS_COORDINATE`] (w so small relative to b that the boundary is
/// off any data the app accepts).
pub fn decision_boundary(line: Line) -> Option<f64> {
    if line.slope == 0.0 {
        return None;
    }
    let x = -line.intercept / line.slope;
    (x.is_finite() && x.abs() <= MAX_ABS_COORDINATE).then_some(x)
}
