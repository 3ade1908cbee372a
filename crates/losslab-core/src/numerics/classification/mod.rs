//! Classification losses and fits (binary cross-entropy, focal, hinge, softmax).
//!
//! * [`binary`]: losses of a logit z for a label y ∈ {0, 1} — BCE, focal, hinge — with
//!   derivatives, the stable sigmoid and sampled loss curves.
//! * [`categorical`]: softmax, logsumexp and categorical cross-entropy with its gradient.
//! * [`data`]: validated data, [`LabeledPoints`] (binary) and [`ClassPoints`] (three classes).
//! * [`fit`]: line fits `z = w·x + b` minimising the mean loss + (λ/2)·w², with the errors
//!   raised when no best line exists (e.g. separable classes without a penalty).
//! * [`softmax_fit`]: three-class softmax regression on one feature.
//! * [`diagnostics`]: per-point quantities, accuracy and decision boundary for drawing.
//!
//! Conventions: the logit of label 1 is `z = w·x + b` (a [`Line`](crate::numerics::points::Line)
//! whose `predict` gives z), the probability of label 1 is `σ(z)`, a point is predicted as
//! label 1 iff `z > 0`, and every fit minimises a MEAN loss over the points.

pub mod binary;
pub mod categorical;
pub mod data;
pub mod diagnostics;
pub mod fit;
mod hinge;
pub(crate) mod newton;
pub mod softmax_fit;

pub use binary::{
    log_sigmoid, logit, sample_loss_curve, sigmoid, softplus, BinaryCurveSample, BinaryLoss, CurveAxis, FocalParams,
    MAX_FOCAL_GAMMA,
};
pub use categorical::{categorical_cross_entropy, categorical_cross_entropy_gradient, log_sum_exp, softmax};
pub use data::{ClassPoints, LabeledPoints, CLASS_COUNT};
pub use diagnostics::{accuracy, decision_boundary, point_diagnostics, probability, PointDiagnostics};
pub use fit::{
    binary_objective, binary_objective_gradient, fit_binary, mean_loss, BinaryFit, Certificate, FitError, L2Penalty,
    GRADIENT_TOLERANCE, MAX_NEWTON_ITERATIONS,
};
pub use softmax_fit::{
    fit_softmax, softmax_mean_loss, softmax_objective, softmax_objective_gradient, SoftmaxFit, SoftmaxModel,
};
