//! The source article's two scikit-learn examples, recomputed by the core from raw data.
//!
//! 1. **Linear regression** ([`regression_example`]): the ordinary-least-squares line
//!    `ŷ = w·x + b` on the training points, in closed form on centred data,
//!    `w = Σ(xᵢ − x̄)(yᵢ − ȳ) / Σ(xᵢ − x̄)²`, `b = ȳ − w·x̄`, then the test mean squared error
//!    `(1/m) Σ (yⱼ − ŷⱼ)²`. (scikit-learn's `LinearRegression` solves the same problem.)
//! 2. **Logistic regression** ([`classification_example`]): scikit-learn's default objective
//!    on p features,
//!    `F(w, b) = (1/n) Σᵢ BCE(w·xᵢ + b, yᵢ) + ‖w‖² / (2·C·n)`, C = 1, intercept unpenalised
//!    (equal to sklearn's `C·Σ BCE + ½‖w‖²` divided by C·n), solved to convergence, then the
//!    test log loss (mean BCE of the predicted probabilities) and the test accuracy
//!    (predict 1 iff the probability exceeds 0.5).
//!
//!    The article's own code stops L-BFGS at `max_iter` before it converges, so its printed
//!    log loss belongs to a different, unconverged model; we report the optimum's.
//!
//! The data arrive as plain slices (parsed from CSV by the app); feature matrices are
//! row-major, `rows × features`.

use crate::numerics::classification::binary::BinaryLoss;
use crate::numerics::classification::fit::{FitError, GRADIENT_TOLERANCE, MAX_NEWTON_ITERATIONS};
use crate::numerics::classification::newton::{minimise, SmoothObjective};
use crate::numerics::error::{check_coordinate, InputError};
use crate::numerics::points::{Line, Points};
use std::fmt;

/// Which part of an example's data a problem was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataPart {
    /// The training set.
    Training,
    /// The test set.
    Test,
}

impl fmt::Display for DataPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DataPart::Training => "training",
            DataPart::Test => "test",
        })
    }
}

/// Why an article example cannot be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum ArticleError {
    /// A value of the training or test data was refused.
    Input {
        /// Where.
        part: DataPart,
        /// What.
        error: InputError,
    },
    /// The training x values are all equal (or too close together), so no slope is defined.
    SlopeUndetermined,
    /// The test set is empty, so there is nothing to evaluate.
    EmptyTestSet,
    /// The logistic fit has no optimum (no points, or one class only).
    Fit(FitError),
}

impl fmt::Display for ArticleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArticleError::Input { part, error } => write!(f, "in the {part} data: {error}"),
            ArticleError::SlopeUndetermined => {
                f.write_str("the training x values are all equal (or too close together), so no slope can be fitted")
            }
            ArticleError::EmptyTestSet => f.write_str("the test set is empty"),
            ArticleError::Fit(e) => write!(f, "the logistic regression cannot be fitted: {e}"),
        }
    }
}

impl std::error::Error for ArticleError {}

/// The regression example's results.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RegressionExample {
    /// The least-squares line of the training data.
    pub line: Line,
    /// The test mean squared error `(1/m) Σ (yⱼ − w·xⱼ − b)²`.
    pub test_mse: f64,
}

/// The ordinary-least-squares line `w = Σ(xᵢ − x̄)(yᵢ − ȳ) / Σ(xᵢ − x̄)²`, `b = ȳ − w·x̄`.
///
/// Computed on centred data with the x deviations scaled by their largest magnitude, so no
/// square underflows or overflows. `None` when there are no points, all x are equal, or the
/// slope overflows.
pub fn least_squares_line(points: &Points) -> Option<Line> {
    let n = points.len();
    if n == 0 {
        return None;
    }
    let x_mean = points.xs().iter().sum::<f64>() / n as f64;
    let y_mean = points.ys().iter().sum::<f64>() / n as f64;
    let spread = points.xs().iter().map(|&x| (x - x_mean).abs()).fold(0.0, f64::max);
    if spread == 0.0 {
        return None;
    }
    let (mut suy, mut suu) = (0.0, 0.0);
    for (x, y) in points.iter() {
        let u = (x - x_mean) / spread;
        suy += u * (y - y_mean);
        suu += u * u;
    }
    let slope = suy / suu / spread;
    let line = Line::new(slope, y_mean - slope * x_mean);
    (line.slope.is_finite() && line.intercept.is_finite()).then_some(line)
}

/// Example 1: the least-squares line on the training data and its test mean squared error.
pub fn regression_example(
    train_x: &[f64],
    train_y: &[f64],
    test_x: &[f64],
    test_y: &[f64],
) -> Result<RegressionExample, ArticleError> {
    let train = Points::new(train_x.to_vec(), train_y.to_vec())
        .map_err(|error| ArticleError::Input { part: DataPart::Training, error })?;
    let test = Points::new(test_x.to_vec(), test_y.to_vec())
        .map_err(|error| ArticleError::Input { part: DataPart::Test, error })?;
    if test.is_empty() {
        return Err(ArticleError::EmptyTestSet);
    }
    let line = least_squares_line(&train).ok_or(ArticleError::SlopeUndetermined)?;
    let test_mse = test.iter().map(|(x, y)| line.residual(x, y).powi(2)).sum::<f64>() / test.len() as f64;
    Ok(RegressionExample { line, test_mse })
}

/// A validated feature matrix with binary labels: `rows × features` values, row-major, each
/// finite with magnitude at most [`MAX_ABS_COORDINATE`](crate::numerics::error::MAX_ABS_COORDINATE),
/// and one label 0 or 1 per row.
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureRows {
    values: Vec<f64>,
    labels: Vec<bool>,
    features: usize,
}

impl FeatureRows {
    /// Validates a row-major matrix of `labels.len()` rows and `features` columns.
    ///
    /// Errors: `features = 0` ([`InputError::BadParameter`]); `values.len() ≠ labels.len() ×
    /// features` ([`InputError::LengthMismatch`] with `xs` = the number of values given and
    /// `ys` = the number the labels call for); a value not finite or too large (its `index`
    /// is the row); a label not 0 or 1 ([`InputError::BadLabel`]).
    pub fn new(values: &[f64], features: usize, labels: &[f64]) -> Result<Self, InputError> {
        if features == 0 {
            return Err(InputError::BadParameter { name: "features", value: 0.0, expected: "at least 1" });
        }
        if values.len() != labels.len().saturating_mul(features) {
            return Err(InputError::LengthMismatch { xs: values.len(), ys: labels.len().saturating_mul(features) });
        }
        for (i, &v) in values.iter().enumerate() {
            check_coordinate("a feature", i / features, v)?;
        }
        let labels = labels
            .iter()
            .enumerate()
            .map(|(index, &label)| {
                if label == 0.0 || label == 1.0 {
                    Ok(label == 1.0)
                } else {
                    Err(InputError::BadLabel { index, label })
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(FeatureRows { values: values.to_vec(), labels, features })
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.labels.len()
    }

    /// Number of features (columns).
    pub fn features(&self) -> usize {
        self.features
    }

    /// Row `i`'s features; empty if `i` is out of range.
    pub fn row(&self, i: usize) -> &[f64] {
        self.values.get(i * self.features..(i + 1) * self.features).unwrap_or(&[])
    }

    /// The labels, `true` for 1.
    pub fn labels(&self) -> &[bool] {
        &self.labels
    }

    /// Iterates over `(row, label is 1)`.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&[f64], bool)> + '_ {
        self.values.chunks_exact(self.features).zip(self.labels.iter().copied())
    }
}

/// scikit-learn's C, the inverse regularisation strength, validated finite and `> 0`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct InverseRegularisation(f64);

impl InverseRegularisation {
    /// scikit-learn's default, C = 1.
    pub const SKLEARN_DEFAULT: InverseRegularisation = InverseRegularisation(1.0);

    /// Validates C: finite and `> 0`.
    pub fn new(c: f64) -> Result<Self, InputError> {
        if c.is_finite() && c > 0.0 {
            Ok(InverseRegularisation(c))
        } else {
            Err(InputError::BadParameter { name: "C", value: c, expected: "a finite number > 0" })
        }
    }

    /// The validated C.
    pub fn get(self) -> f64 {
        self.0
    }
}

/// A linear classifier `z = w·x + b`, `P(y = 1) = σ(z)`.
#[derive(Debug, Clone, PartialEq)]
pub struct LogisticModel {
    /// The weights w, one per feature.
    pub weights: Vec<f64>,
    /// The intercept b.
    pub intercept: f64,
}

impl LogisticModel {
    /// The logit `z = w·x + b` of one row (extra or missing entries are ignored).
    pub fn logit(&self, row: &[f64]) -> f64 {
        self.intercept + self.weights.iter().zip(row).map(|(w, x)| w * x).sum::<f64>()
    }
}

/// A converged (or best-effort) logistic regression.
#[derive(Debug, Clone, PartialEq)]
pub struct LogisticFit {
    /// The fitted model in the original feature units.
    pub model: LogisticModel,
    /// The minimised objective `F(w, b)` (see the module documentation).
    pub objective: f64,
    /// Newton steps taken.
    pub iterations: usize,
    /// Whether the relative gradient reached 10⁻¹⁰.
    pub converged: bool,
    /// The relative gradient `max_j |∂F/∂θ_j| / s_j` in standardised coordinates (see
    /// [`Certificate`](crate::numerics::classification::fit::Certificate)).
    pub relative_gradient: f64,
    /// The Euclidean norm of `∇F` with respect to `(w, b)` in the original units.
    pub gradient_norm: f64,
}

/// The objective `F(w, b) = (1/n) Σ BCE(w·xᵢ + b, yᵢ) + ‖w‖²/(2·C·n)`; the mean is 0 for no
/// rows.
pub fn logistic_objective(train: &FeatureRows, c: InverseRegularisation, model: &LogisticModel) -> f64 {
    let n = train.rows();
    let loss: f64 = train.iter().map(|(row, y)| BinaryLoss::Bce.value(model.logit(row), y)).sum();
    let penalty = model.weights.iter().map(|w| w * w).sum::<f64>() / (2.0 * c.get() * n.max(1) as f64);
    loss / n.max(1) as f64 + penalty
}

/// The gradient of [`logistic_objective`]: `(∂F/∂w, ∂F/∂b)` with
/// `∂F/∂w_j = (1/n) Σ (σ(zᵢ) − yᵢ)·x_ij + w_j/(C·n)` and `∂F/∂b = (1/n) Σ (σ(zᵢ) − yᵢ)`.
pub fn logistic_objective_gradient(
    train: &FeatureRows,
    c: InverseRegularisation,
    model: &LogisticModel,
) -> (Vec<f64>, f64) {
    let n = train.rows().max(1) as f64;
    let mut dw = vec![0.0; model.weights.len()];
    let mut db = 0.0;
    for (row, y) in train.iter() {
        let d = BinaryLoss::Bce.derivative(model.logit(row), y);
        for (g, x) in dw.iter_mut().zip(row) {
            *g += d * x;
        }
        db += d;
    }
    for (g, w) in dw.iter_mut().zip(&model.weights) {
        *g = *g / n + w / (c.get() * n);
    }
    (dw, db / n)
}

/// Fits the logistic regression by the safeguarded Newton method (Cholesky of the
/// `(p+1)×(p+1)` Hessian, Levenberg shift, Armijo backtracking; see
/// [`GRADIENT_TOLERANCE`]), on standardised features `u_j = (x_j − μ_j)/σ_j` with the penalty
/// rewritten as `Σ_j v_j² / (2·C·n·σ_j²)` for `v_j = w_j·σ_j`, so the objective is exactly the
/// one above. A constant feature gets weight 0 (it cannot change any prediction and the
/// penalty prefers 0).
///
/// Errors: no rows ([`FitError::NoPoints`]), one label only ([`FitError::MissingClass`]).
/// With C finite the penalty makes the optimum exist and be unique otherwise.
pub fn fit_logistic_regression(train: &FeatureRows, c: InverseRegularisation) -> Result<LogisticFit, FitError> {
    let n = train.rows();
    if n == 0 {
        return Err(FitError::NoPoints);
    }
    let positives = train.labels().iter().filter(|&&y| y).count();
    if positives == 0 {
        return Err(FitError::MissingClass { label: 1, hinge: false });
    }
    if positives == n {
        return Err(FitError::MissingClass { label: 0, hinge: false });
    }
    let p = train.features();
    // Column means and standard deviations; the standardised matrix keeps only the columns
    // that vary.
    let mut mean = vec![0.0; p];
    for (row, _) in train.iter() {
        for (m, x) in mean.iter_mut().zip(row) {
            *m += x;
        }
    }
    mean.iter_mut().for_each(|m| *m /= n as f64);
    let mut spread = vec![0.0; p];
    for (row, _) in train.iter() {
        for j in 0..p {
            spread[j] = f64::max(spread[j], (row[j] - mean[j]).abs());
        }
    }
    let mut std = vec![0.0; p];
    for (row, _) in train.iter() {
        for j in 0..p {
            if spread[j] > 0.0 {
                std[j] += ((row[j] - mean[j]) / spread[j]).powi(2);
            }
        }
    }
    for j in 0..p {
        std[j] = spread[j] * (std[j] / n as f64).sqrt();
    }
    let lambda_base = 1.0 / (c.get() * n as f64);
    let active: Vec<usize> = (0..p)
        .filter(|&j| std[j] > 0.0 && (1.0 / std[j]).is_finite() && (lambda_base / (std[j] * std[j])).is_finite())
        .collect();
    let m = active.len();
    let mut standardised = Vec::with_capacity(n * m);
    for (row, _) in train.iter() {
        standardised.extend(active.iter().map(|&j| (row[j] - mean[j]) / std[j]));
    }
    let objective = StandardisedLogistic {
        u: &standardised,
        labels: train.labels(),
        columns: m,
        lambda: active.iter().map(|&j| lambda_base / (std[j] * std[j])).collect(),
    };
    let mut start = vec![0.0; m + 1];
    start[m] = (positives as f64 / (n - positives) as f64).ln();
    let out = minimise(&objective, start, None, GRADIENT_TOLERANCE, MAX_NEWTON_ITERATIONS);

    let mut weights = vec![0.0; p];
    let mut intercept = out.theta[m];
    for (k, &j) in active.iter().enumerate() {
        weights[j] = out.theta[k] / std[j];
        intercept -= weights[j] * mean[j];
    }
    let model = LogisticModel { weights, intercept };
    let (dw, db) = logistic_objective_gradient(train, c, &model);
    let gradient_norm = (dw.iter().map(|g| g * g).sum::<f64>() + db * db).sqrt();
    Ok(LogisticFit {
        objective: logistic_objective(train, c, &model),
        model,
        iterations: out.iterations,
        converged: out.converged,
        relative_gradient: out.relative_gradient,
        gradient_norm,
    })
}

/// The logistic objective on standardised columns: θ = (v₁ … v_m, c),
/// `F = (1/n) Σ BCE(c + Σ_j v_j·u_ij, yᵢ) + Σ_j (λ_j/2)·v_j²`.
struct StandardisedLogistic<'a> {
    u: &'a [f64],
    labels: &'a [bool],
    columns: usize,
    lambda: Vec<f64>,
}

impl StandardisedLogistic<'_> {
    fn rows(&self) -> impl Iterator<Item = (&[f64], bool)> + '_ {
        // With no varying column every row is the empty slice.
        let width = self.columns.max(1);
        let empty: &[f64] = &[];
        (0..self.labels.len()).map(move |i| {
            let row = if self.columns == 0 { empty } else { &self.u[i * width..(i + 1) * width] };
            (row, self.labels[i])
        })
    }

    fn logit(&self, theta: &[f64], row: &[f64]) -> f64 {
        theta[self.columns] + row.iter().zip(theta).map(|(u, v)| u * v).sum::<f64>()
    }

    fn penalty(&self, theta: &[f64]) -> f64 {
        self.lambda.iter().zip(theta).map(|(l, v)| 0.5 * l * v * v).sum()
    }
}

impl SmoothObjective for StandardisedLogistic<'_> {
    fn dim(&self) -> usize {
        self.columns + 1
    }

    fn value(&self, theta: &[f64]) -> f64 {
        let sum: f64 = self.rows().map(|(row, y)| BinaryLoss::Bce.value(self.logit(theta, row), y)).sum();
        sum / self.labels.len() as f64 + self.penalty(theta)
    }

    fn derivatives(&self, theta: &[f64], g: &mut [f64], s: &mut [f64], h: &mut [f64]) -> f64 {
        let d = self.columns + 1;
        let mut value = 0.0;
        for (row, y) in self.rows() {
            let t = BinaryLoss::Bce.terms(self.logit(theta, row), y);
            value += t.value;
            for j in 0..d {
                let uj = if j < self.columns { row[j] } else { 1.0 };
                g[j] += t.d1 * uj;
                s[j] += (t.d1 * uj).abs();
                let weighted = t.d2 * uj;
                // Upper triangle only; mirrored below.
                for k in j..d {
                    let uk = if k < self.columns { row[k] } else { 1.0 };
                    h[j * d + k] += weighted * uk;
                }
            }
        }
        let inv_n = 1.0 / self.labels.len() as f64;
        value *= inv_n;
        g.iter_mut().chain(s.iter_mut()).chain(h.iter_mut()).for_each(|v| *v *= inv_n);
        for j in 0..self.columns {
            let pull = self.lambda[j] * theta[j];
            g[j] += pull;
            s[j] += pull.abs();
            h[j * d + j] += self.lambda[j];
        }
        for j in 0..d {
            for k in 0..j {
                h[j * d + k] = h[k * d + j];
            }
        }
        value + self.penalty(theta)
    }
}

/// The classification example's results.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassificationExample {
    /// The converged logistic regression on the training data (C = 1).
    pub fit: LogisticFit,
    /// The test log loss, the mean BCE of the predicted probabilities.
    pub test_log_loss: f64,
    /// How many test rows are classified correctly (predict 1 iff `z > 0`).
    pub test_correct: usize,
    /// The number of test rows.
    pub test_rows: usize,
    /// `test_correct / test_rows`.
    pub test_accuracy: f64,
}

/// Example 2: scikit-learn's default logistic regression (C = 1) fitted to convergence on the
/// training rows, evaluated on the test rows. Both matrices are row-major with `features`
/// columns.
pub fn classification_example(
    train_x: &[f64],
    train_y: &[f64],
    test_x: &[f64],
    test_y: &[f64],
    features: usize,
) -> Result<ClassificationExample, ArticleError> {
    let train = FeatureRows::new(train_x, features, train_y)
        .map_err(|error| ArticleError::Input { part: DataPart::Training, error })?;
    let test = FeatureRows::new(test_x, features, test_y)
        .map_err(|error| ArticleError::Input { part: DataPart::Test, error })?;
    if test.rows() == 0 {
        return Err(ArticleError::EmptyTestSet);
    }
    let fit = fit_logistic_regression(&train, InverseRegularisation::SKLEARN_DEFAULT).map_err(ArticleError::Fit)?;
    let mut loss = 0.0;
    let mut correct = 0;
    for (row, y) in test.iter() {
        let z = fit.model.logit(row);
        loss += BinaryLoss::Bce.value(z, y);
        correct += usize::from((z > 0.0) == y);
    }
    let rows = test.rows();
    Ok(ClassificationExample {
        fit,
        test_log_loss: loss / rows as f64,
        test_correct: correct,
        test_rows: rows,
        test_accuracy: correct as f64 / rows as f64,
    })
}
