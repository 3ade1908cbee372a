//! Regression: losses of a residual, line fits, per-point terms, landscapes, descent steps
//! and the outlier sweep.

pub mod analysis;
pub mod descent;
mod exact;
pub mod fit;
pub mod landscape;
pub mod loss;
mod smooth;
pub mod sweep;

pub use analysis::{gradient, point_terms, point_terms_into, residuals, sample_curve, CurveSample, PointTerm};
pub use exact::{select, select_values};
pub use fit::{
    fit, fit_all, fit_line, location_estimate, mean_loss, refit_all, AllFits, DegenerateReason, FitStatus, LineFit,
    Workspace,
};
pub use landscape::{landscape, GridAxis, Landscape, SquaredMoments};
pub use loss::{Delta, LossKind, LossParams, RegressionLoss, Tau};
pub use smooth::GRADIENT_TOLERANCE;
pub use sweep::{outlier_sweep, SweepSample};
