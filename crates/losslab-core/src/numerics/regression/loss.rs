//! Regression losses of a residual `r = y − (w·x + b)`: value ρ(r), derivative ψ(r) = ρ′(r),
//! curvature ψ′(r) and the IRLS weight ψ(r)/r.
//!
//! Every function here is total on finite input and never returns NaN: large residuals are
//! handled without overflow (log-cosh and pseudo-Huber use overflow-free forms) and small ones
//! without cancellation.

use crate::numerics::error::InputError;
use std::f64::consts::LN_2;

/// Huber / pseudo-Huber transition scale δ, validated to be finite and `> 0`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Delta(f64);

impl Delta {
    /// The default δ = 1.0 (PyTorch's and Keras's default for `HuberLoss`).
    pub const DEFAULT: Delta = Delta(1.0);

    /// Validates δ: it must be finite and strictly positive.
    pub fn new(delta: f64) -> Result<Self, InputError> {
        if delta.is_finite() && delta > 0.0 {
            Ok(Delta(delta))
        } else {
            Err(InputError::BadParameter { name: "δ", value: delta, expected: "a finite number > 0" })
        }
    }

    /// The validated value of δ.
    pub fn get(self) -> f64 {
        self.0
    }
}

/// Quantile level τ of the pinball loss, validated to lie strictly inside (0, 1).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Tau(f64);

impl Tau {
    /// The default τ = 0.9 (a fit that lies above 90 % of the points).
    pub const DEFAULT: Tau = Tau(0.9);
    /// τ = 0.5, the level at which the pinball loss is half the absolute loss.
    pub const MEDIAN: Tau = Tau(0.5);

    /// Validates τ: it must satisfy 0 < τ < 1.
    pub fn new(tau: f64) -> Result<Self, InputError> {
        if tau > 0.0 && tau < 1.0 {
            Ok(Tau(tau))
        } else {
            Err(InputError::BadParameter { name: "τ", value: tau, expected: "strictly between 0 and 1" })
        }
    }

    /// The validated value of τ.
    pub fn get(self) -> f64 {
        self.0
    }
}

/// The family of a regression loss, without its parameters. Used for menus, URLs and tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LossKind {
    /// Squared error ρ(r) = r².
    Mse,
    /// Absolute error ρ(r) = |r|.
    Mae,
    /// Huber: ρ(r) = ½r² for |r| ≤ δ, δ(|r| − ½δ) beyond.
    Huber,
    /// Log-cosh: ρ(r) = ln cosh r.
    LogCosh,
    /// Quantile (pinball): ρ(r) = max(τr, (τ − 1)r).
    Quantile,
    /// Pseudo-Huber: ρ(r) = δ²(√(1 + (r/δ)²) − 1).
    PseudoHuber,
}

impl LossKind {
    /// Every loss kind, in the order the app lists them.
    pub const ALL: [LossKind; 6] =
        [LossKind::Mse, LossKind::Mae, LossKind::Huber, LossKind::LogCosh, LossKind::Quantile, LossKind::PseudoHuber];

    /// Short identifier used in URLs and test ids: `mse`, `mae`, `huber`, `logcosh`,
    /// `quantile`, `pseudohuber`.
    pub fn id(self) -> &'static str {
        match self {
            LossKind::Mse => "mse",
            LossKind::Mae => "mae",
            LossKind::Huber => "huber",
            LossKind::LogCosh => "logcosh",
            LossKind::Quantile => "quantile",
            LossKind::PseudoHuber => "pseudohuber",
        }
    }

    /// Parses an identifier produced by [`LossKind::id`].
    pub fn from_id(id: &str) -> Option<LossKind> {
        LossKind::ALL.into_iter().find(|kind| kind.id() == id)
    }

    /// Human-readable name, e.g. "Huber", "Log-cosh" or "Quantile".
    pub fn label(self) -> &'static str {
        match self {
            LossKind::Mse => "MSE",
            LossKind::Mae => "MAE",
            LossKind::Huber => "Huber",
            LossKind::LogCosh => "Log-cosh",
            LossKind::Quantile => "Quantile",
            LossKind::PseudoHuber => "Pseudo-Huber",
        }
    }

    /// Position of this kind in [`LossKind::ALL`], for indexing per-loss arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether the loss is piecewise linear (MAE, quantile), so its fit is a linear program
    /// solved exactly rather than by Newton's method.
    pub fn is_piecewise_linear(self) -> bool {
        matches!(self, LossKind::Mae | LossKind::Quantile)
    }

    /// Combines the kind with validated parameters into a concrete loss.
    pub fn with(self, params: LossParams) -> RegressionLoss {
        match self {
            LossKind::Mse => RegressionLoss::Mse,
            LossKind::Mae => RegressionLoss::Mae,
            LossKind::Huber => RegressionLoss::Huber(params.delta),
            LossKind::LogCosh => RegressionLoss::LogCosh,
            LossKind::Quantile => RegressionLoss::Quantile(params.tau),
            LossKind::PseudoHuber => RegressionLoss::PseudoHuber(params.delta),
        }
    }
}

/// The validated parameters shared by the regression losses: δ (Huber, pseudo-Huber) and τ
/// (quantile).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LossParams {
    /// Huber and pseudo-Huber scale δ.
    pub delta: Delta,
    /// Quantile level τ.
    pub tau: Tau,
}

impl Default for LossParams {
    fn default() -> Self {
        LossParams { delta: Delta::DEFAULT, tau: Tau::DEFAULT }
    }
}

/// A regression loss with its parameters. All methods take a residual `r = y − ŷ`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RegressionLoss {
    /// ρ(r) = r², ψ(r) = 2r.
    Mse,
    /// ρ(r) = |r|, ψ(r) = sign(r) (0 at r = 0).
    Mae,
    /// ρ(r) = ½r² if |r| ≤ δ, else δ(|r| − ½δ); ψ(r) = clamp(r, −δ, δ).
    Huber(Delta),
    /// ρ(r) = ln cosh r, computed without overflow or cancellation: as ln(1 + 2 sinh²(r/2))
    /// for |r| < 1 and as |r| + ln(1 + e^(−2|r|)) − ln 2 beyond; ψ(r) = tanh r.
    LogCosh,
    /// ρ(r) = max(τr, (τ − 1)r); ψ(r) = τ for r > 0, τ − 1 for r < 0, 0 at r = 0.
    Quantile(Tau),
    /// ρ(r) = δ²(√(1 + (r/δ)²) − 1); ψ(r) = r / √(1 + (r/δ)²).
    PseudoHuber(Delta),
}

impl RegressionLoss {
    /// The family this loss belongs to.
    pub fn kind(self) -> LossKind {
        match self {
            RegressionLoss::Mse => LossKind::Mse,
            RegressionLoss::Mae => LossKind::Mae,
            RegressionLoss::Huber(_) => LossKind::Huber,
            RegressionLoss::LogCosh => LossKind::LogCosh,
            RegressionLoss::Quantile(_) => LossKind::Quantile,
            RegressionLoss::PseudoHuber(_) => LossKind::PseudoHuber,
        }
    }

    /// The loss value ρ(r) of one residual.
    #[inline]
    pub fn value(self, r: f64) -> f64 {
        match self {
            RegressionLoss::Mse => r * r,
            RegressionLoss::Mae => r.abs(),
            RegressionLoss::Huber(delta) => {
                let (a, d) = (r.abs(), delta.0);
                if a <= d {
                    0.5 * r * r
                } else {
                    d * (a - 0.5 * d)
                }
            }
            RegressionLoss::LogCosh => log_cosh(r),
            RegressionLoss::Quantile(tau) => {
                if r >= 0.0 {
                    tau.0 * r
                } else {
                    (tau.0 - 1.0) * r
                }
            }
            RegressionLoss::PseudoHuber(delta) => {
                // δ²(√(1+t²) − 1) = r² / (√(1+t²) + 1) = |r| · δ|t| / (√(1+t²) + 1), t = r/δ.
                // The last form neither cancels for small t nor overflows for large t.
                let d = delta.0;
                let t = r / d;
                let h = hypot_one(t);
                if t.is_infinite() {
                    r.abs() * d
                } else {
                    r.abs() * (d * t.abs() / (h + 1.0))
                }
            }
        }
    }

    /// The derivative ψ(r) = dρ/dr: the "pull" a point exerts on the fit. For MAE and
    /// quantile, whose ρ has a kink at 0, ψ(0) = 0 (the subgradient nearest zero for MAE).
    #[inline]
    pub fn derivative(self, r: f64) -> f64 {
        match self {
            RegressionLoss::Mse => 2.0 * r,
            RegressionLoss::Mae => {
                if r > 0.0 {
                    1.0
                } else if r < 0.0 {
                    -1.0
                } else {
                    0.0
                }
            }
            RegressionLoss::Huber(delta) => r.clamp(-delta.0, delta.0),
            RegressionLoss::LogCosh => r.tanh(),
            RegressionLoss::Quantile(tau) => {
                if r > 0.0 {
                    tau.0
                } else if r < 0.0 {
                    tau.0 - 1.0
                } else {
                    0.0
                }
            }
            RegressionLoss::PseudoHuber(delta) => {
                let t = r / delta.0;
                if t.is_infinite() {
                    delta.0 * t.signum()
                } else {
                    r / hypot_one(t)
                }
            }
        }
    }

    /// The curvature ψ′(r) = d²ρ/dr² used by Newton's method (0 where ρ is linear; at the
    /// kinks of Huber the one-sided value of the quadratic piece, at MAE/quantile kinks 0).
    #[inline]
    pub fn curvature(self, r: f64) -> f64 {
        match self {
            RegressionLoss::Mse => 2.0,
            RegressionLoss::Mae | RegressionLoss::Quantile(_) => 0.0,
            RegressionLoss::Huber(delta) => {
                if r.abs() <= delta.0 {
                    1.0
                } else {
                    0.0
                }
            }
            RegressionLoss::LogCosh => {
                // sech² r = 1 / cosh² r; cosh overflows to ∞ for |r| > 710, giving 0 as it should.
                let c = r.cosh();
                1.0 / (c * c)
            }
            RegressionLoss::PseudoHuber(delta) => {
                let h = hypot_one(r / delta.0);
                1.0 / (h * h * h)
            }
        }
    }

    /// The IRLS weight ω(r) = ψ(r)/r, with its limit at r = 0. For MAE (1/|r|) and quantile
    /// the limit is +∞, returned as `f64::INFINITY`.
    #[inline]
    pub fn irls_weight(self, r: f64) -> f64 {
        match self {
            RegressionLoss::Mse => 2.0,
            RegressionLoss::Mae => 1.0 / r.abs(),
            RegressionLoss::Huber(delta) => {
                let a = r.abs();
                if a <= delta.0 {
                    1.0
                } else {
                    delta.0 / a
                }
            }
            RegressionLoss::LogCosh => {
                // tanh(r)/r → 1 as r → 0; for |r| < 1e-8 the quotient equals 1 to machine precision.
                if r.abs() < 1e-8 {
                    1.0
                } else {
                    r.tanh() / r
                }
            }
            RegressionLoss::Quantile(tau) => {
                if r > 0.0 {
                    tau.0 / r
                } else if r < 0.0 {
                    (tau.0 - 1.0) / r
                } else {
                    f64::INFINITY
                }
            }
            RegressionLoss::PseudoHuber(delta) => 1.0 / hypot_one(r / delta.0),
        }
    }

    /// ρ(r), ψ(r) and ψ′(r) in one go, sharing the expensive parts (one `exp` or `exp_m1`
    /// for log-cosh, one square root for pseudo-Huber). The solvers call this on every point of
    /// every iteration, so all three keep their relative precision at every size of r: the
    /// solvers' steps and line searches depend on them. (Log-cosh's ψ was (1 − e)/(1 + e) with
    /// e = e^(−2|r|), which lost every digit for |r| near 10⁻¹⁶: data at that scale got a
    /// log-cosh line 7 % off, and at 10⁻⁸ a fit took 181 Newton steps.)
    #[inline]
    pub fn value_derivative_curvature(self, r: f64) -> (f64, f64, f64) {
        match self {
            RegressionLoss::LogCosh => {
                let a = r.abs();
                // e = e^(−2|r|) and m = e − 1, each from the function that keeps its digits
                // (`exp_m1` near 0, where 1 − e cancels; `exp` further out, where 1 + m
                // would): tanh|r| = −m/(1 + e), sech² r = 4e/(1 + e)²,
                // ln cosh r = |r| + ln(1 + m/2), which cancels for small |r|, where its series
                // r²/2 − r⁴/12 + r⁶/45 − 17r⁸/2520 is exact to rounding instead.
                let (m, e) = if a < 0.35 {
                    let m = (-2.0 * a).exp_m1();
                    (m, 1.0 + m)
                } else {
                    let e = (-2.0 * a).exp();
                    (e - 1.0, e)
                };
                let one_plus = 1.0 + e;
                let value = if a < 1e-2 {
                    let a2 = a * a;
                    0.5 * a2 * (1.0 - a2 * (1.0 / 6.0 - a2 * (2.0 / 45.0 - a2 * (17.0 / 1260.0))))
                } else {
                    a + (0.5 * m).ln_1p()
                };
                (value.max(0.0), (-m / one_plus).copysign(r), 4.0 * e / (one_plus * one_plus))
            }
            RegressionLoss::PseudoHuber(delta) => {
                let d = delta.0;
                let t = r / d;
                if t.abs() < 1e150 {
                    let h = (1.0 + t * t).sqrt();
                    (r.abs() * (d * t.abs() / (h + 1.0)), r / h, 1.0 / (h * h * h))
                } else {
                    (self.value(r), self.derivative(r), 0.0)
                }
            }
            _ => (self.value(r), self.derivative(r), self.curvature(r)),
        }
    }

    /// A short human label including the parameter, e.g. "Huber δ=1.35".
    pub fn label(self) -> String {
        match self {
            RegressionLoss::Huber(d) | RegressionLoss::PseudoHuber(d) => {
                format!("{} δ={}", self.kind().label(), d.0)
            }
            RegressionLoss::Quantile(t) => format!("Quantile τ={}", t.0),
            _ => self.kind().label().to_string(),
        }
    }
}

/// ln cosh r without overflow or cancellation.
///
/// For |r| < 1 it uses ln cosh r = ln(1 + 2 sinh²(r/2)), exact to rounding even for tiny r
/// (where ln cosh r ≈ r²/2); beyond it uses |r| + ln(1 + e^(−2|r|)) − ln 2, which never
/// overflows.
#[inline]
fn log_cosh(r: f64) -> f64 {
    let a = r.abs();
    if a < 1.0 {
        let s = (0.5 * a).sinh();
        (2.0 * s * s).ln_1p()
    } else {
        a + (-2.0 * a).exp().ln_1p() - LN_2
    }
}

/// √(1 + t²) without overflow: for |t| > 10¹⁵⁰ (where t² would overflow, and 1 is far below
/// t²'s rounding) it is |t|. The same value as `t.hypot(1.0)` to within an ulp, but a single
/// `f64.sqrt` instruction in WebAssembly, where `hypot` is a software routine several times
/// slower (pseudo-Huber evaluates it for every point on every Newton step of every frame).
fn hypot_one(t: f64) -> f64 {
    let a = t.abs();
    if a > 1e150 {
        a
    } else {
        (1.0 + a * a).sqrt()
    }
}
