//! Gradient descent on the mean loss, one step at a time.
//!
//! `step` advances the state by exactly one update; when to stop is a separate question
//! (`StoppingRule`), so the interface can animate one step per frame and decide itself.

use super::analysis::gradient;
use super::fit::mean_loss;
use super::loss::RegressionLoss;
use crate::numerics::error::InputError;
use crate::numerics::points::{Line, Points};

/// A validated gradient-descent learning rate η (finite, > 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LearningRate(f64);

impl LearningRate {
    /// Validates η: finite and strictly positive.
    pub fn new(rate: f64) -> Result<Self, InputError> {
        if rate.is_finite() && rate > 0.0 {
            Ok(LearningRate(rate))
        } else {
            Err(InputError::BadParameter { name: "learning rate", value: rate, expected: "a finite number > 0" })
        }
    }

    /// The value of η.
    pub fn get(self) -> f64 {
        self.0
    }
}

/// The state of a descent: the current line, its mean loss and gradient, and the step count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DescentState {
    /// The current line (w, b).
    pub line: Line,
    /// L(w, b) at `line`.
    pub loss: f64,
    /// (∂L/∂w, ∂L/∂b) at `line`.
    pub gradient: (f64, f64),
    /// Number of steps taken so far.
    pub iteration: u32,
}

/// The state at `line` before any step.
pub fn start(points: &Points, loss: RegressionLoss, line: Line) -> DescentState {
    DescentState { line, loss: mean_loss(points, loss, line), gradient: gradient(points, loss, line), iteration: 0 }
}

/// One gradient-descent step: (w, b) ← (w, b) − η·∇L(w, b).
///
/// A step that would leave the finite numbers (divergence with too large an η) keeps the
/// state and is reported by [`StoppingRule::check`] as [`Stop::Diverged`].
pub fn step(points: &Points, loss: RegressionLoss, state: DescentState, rate: LearningRate) -> DescentState {
    let eta = rate.get();
    let line = Line::new(state.line.slope - eta * state.gradient.0, state.line.intercept - eta * state.gradient.1);
    let next = DescentState {
        line,
        loss: mean_loss(points, loss, line),
        gradient: gradient(points, loss, line),
        iteration: state.iteration + 1,
    };
    if next.loss.is_finite() && next.gradient.0.is_finite() && next.gradient.1.is_finite() {
        next
    } else {
        DescentState { iteration: state.iteration + 1, loss: f64::INFINITY, ..state }
    }
}

/// Why a descent should stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The gradient norm fell below the tolerance.
    Converged,
    /// The step budget is spent.
    MaxIterations,
    /// The loss became infinite: the learning rate is too large.
    Diverged,
}

/// When to stop a descent: gradient norm ≤ `tolerance` or `max_iterations` steps taken.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoppingRule {
    /// Threshold on √((∂L/∂w)² + (∂L/∂b)²).
    pub tolerance: f64,
    /// The step budget.
    pub max_iterations: u32,
}

impl StoppingRule {
    /// `Some(reason)` when the descent at `state` should stop.
    pub fn check(&self, state: &DescentState) -> Option<Stop> {
        if !state.loss.is_finite() {
            Some(Stop::Diverged)
        } else if state.gradient.0.hypot(state.gradient.1) <= self.tolerance {
            Some(Stop::Converged)
        } else if state.iteration >= self.max_iterations {
            Some(Stop::MaxIterations)
        } else {
            None
        }
    }
}
