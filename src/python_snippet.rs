//! "Copy as Python": a runnable script that reproduces the current fits with the tools a
//! student would otherwise use — scikit-learn's `LinearRegression` and `QuantileRegressor`,
//! and SciPy's `minimize` of the mean Huber and log-cosh losses — with the data inline.

use losslab_core::numerics::classification::{FocalParams, L2Penalty, LabeledPoints};
use losslab_core::numerics::points::Points;
use losslab_core::numerics::regression::LossParams;
use std::fmt::Write as _;

/// Writes `values` as a Python list, shortest round-trip notation, 8 numbers a line.
fn python_list(values: &[f64]) -> String {
    let mut out = String::from("[");
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(if i % 8 == 0 { ",\n    " } else { ", " });
        }
        let _ = write!(out, "{v:?}");
    }
    out.push(']');
    out
}

/// The script for the regression lab's current points and parameters. It prints, for every
/// loss, slope, intercept and mean loss in the same conventions as LossLab (mean of ρ(r),
/// Huber ½r² / δ(|r| − ½δ), pinball max(τr, (τ − 1)r)).
pub fn regression_snippet(points: &Points, params: LossParams) -> String {
    let delta = params.delta.get();
    let tau = params.tau.get();
    format!(
        r#"# LossLab: these fits reproduced with scikit-learn and SciPy.
# pip install numpy scipy scikit-learn
import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LinearRegression, QuantileRegressor

x = np.array({xs})
y = np.array({ys})
delta, tau = {delta:?}, {tau:?}
X = x.reshape(-1, 1)


def huber(r):
    a = np.abs(r)
    return np.where(a <= delta, 0.5 * r**2, delta * (a - 0.5 * delta))


def log_cosh(r):
    a = np.abs(r)
    return a + np.log1p(np.exp(-2.0 * a)) - np.log(2.0)


def pinball(r, q):
    return np.maximum(q * r, (q - 1.0) * r)


def fit_smooth(rho, psi, start):
    """Minimise the mean loss of the line w*x + b with its analytic gradient."""
    def objective(p):
        r = y - (p[0] * x + p[1])
        g = psi(r)
        return np.mean(rho(r)), np.array([-np.mean(g * x), -np.mean(g)])
    return minimize(objective, start, jac=True, method="BFGS", options={{"gtol": 1e-12}}).x


fits = {{}}
ols = LinearRegression().fit(X, y)
fits["MSE"] = (ols.coef_[0], ols.intercept_, np.mean((y - ols.predict(X)) ** 2))
for name, q in [("MAE", 0.5), (f"Quantile tau={{tau}}", tau)]:
    m = QuantileRegressor(quantile=q, alpha=0, solver="highs").fit(X, y)
    r = y - m.predict(X)
    loss = np.mean(np.abs(r)) if name == "MAE" else np.mean(pinball(r, q))
    fits[name] = (m.coef_[0], m.intercept_, loss)
start = np.array([ols.coef_[0], ols.intercept_])
w, b = fit_smooth(huber, lambda r: np.clip(r, -delta, delta), start)
fits[f"Huber delta={{delta}}"] = (w, b, np.mean(huber(y - (w * x + b))))
w, b = fit_smooth(log_cosh, np.tanh, start)
fits["Log-cosh"] = (w, b, np.mean(log_cosh(y - (w * x + b))))

# MAE and quantile optima can tie between several lines: compare the mean loss.
for name, (w, b, loss) in fits.items():
    print(f"{{name:>20}}  slope {{w:+.6f}}  intercept {{b:+.6f}}  mean loss {{loss:.6f}}")
"#,
        xs = python_list(points.xs()),
        ys = python_list(points.ys()),
    )
}

/// The script for the classification lab's points and settings: scikit-learn's
/// `LogisticRegression` for binary cross-entropy (its objective C·Σ log loss + ½w² is LossLab's
/// mean log loss + λ/2·w² with C = 1/(λn); `penalty=None` when λ = 0), and SciPy's `minimize`
/// for the focal loss (torchvision's form) and the hinge loss with the same L2 term.
pub fn classification_snippet(points: &LabeledPoints, focal: FocalParams, l2: L2Penalty) -> String {
    let labels: Vec<f64> = points.labels().iter().map(|&l| if l { 1.0 } else { 0.0 }).collect();
    let alpha = match focal.alpha() {
        Some(a) => format!("{a:?}"),
        None => "None".to_string(),
    };
    format!(
        r#"# LossLab: these classification fits reproduced with scikit-learn and SciPy.
# pip install numpy scipy scikit-learn
import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression

x = np.array({xs})
y = np.array({ys})  # labels 0 and 1
lam = {lam:?}  # every fit minimises mean loss + lam / 2 * w**2 (the intercept is not penalised)
gamma, alpha = {gamma:?}, {alpha}  # focal loss; alpha None: no class weighting
n = len(x)


def softplus(z):
    return np.logaddexp(0.0, z)


def bce(p):
    z = p[0] * x + p[1]
    return np.mean(softplus(z) - y * z) + lam / 2 * p[0] ** 2


def focal(p):
    z = p[0] * x + p[1]
    m = np.where(y == 1, z, -z)  # the margin: log-odds of the true class
    weight = 1.0 if alpha is None else np.where(y == 1, alpha, 1.0 - alpha)
    # (1 - p_t)**gamma = exp(gamma * log sigmoid(-m)), stable for large |m|.
    return np.mean(weight * np.exp(-gamma * softplus(m)) * softplus(-m)) + lam / 2 * p[0] ** 2


def hinge(p):
    t = 2 * y - 1
    return np.mean(np.maximum(0.0, 1.0 - t * (p[0] * x + p[1]))) + lam / 2 * p[0] ** 2


# Binary cross-entropy: scikit-learn's objective C * sum(log loss) + w**2 / 2 is the same
# minimiser with C = 1 / (lam * n). With lam = 0 and separable classes it has no optimum.
if lam > 0:
    clf = LogisticRegression(C=1.0 / (lam * n), tol=1e-12, max_iter=100000)
else:
    clf = LogisticRegression(penalty=None, tol=1e-12, max_iter=100000)
clf.fit(x.reshape(-1, 1), y)
fits = {{"BCE": (clf.coef_[0, 0], clf.intercept_[0], bce([clf.coef_[0, 0], clf.intercept_[0]]))}}
start = [clf.coef_[0, 0], clf.intercept_[0]]
p = minimize(focal, start, method="BFGS", options={{"gtol": 1e-12}}).x
fits[f"Focal gamma={{gamma}}"] = (p[0], p[1], focal(p))
# The hinge loss is piecewise linear: a derivative-free method.
p = minimize(hinge, start, method="Nelder-Mead", options={{"xatol": 1e-12, "fatol": 1e-14, "maxiter": 100000}}).x
fits["Hinge"] = (p[0], p[1], hinge(p))

for name, (w, b, objective) in fits.items():
    print(f"{{name:>16}}  w {{w:+.6f}}  b {{b:+.6f}}  objective {{objective:.8f}}")
"#,
        xs = python_list(points.xs()),
        ys = python_list(&labels),
        lam = l2.lambda(),
        gamma = focal.gamma(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_holds_the_data_exactly_and_the_parameters() {
        let points = Points::from_pairs(&[(0.1, 1.0 / 3.0), (2.0, -1e-7), (3.5, 7.25)]).unwrap();
        let params = LossParams {
            delta: losslab_core::numerics::regression::Delta::new(1.35).unwrap(),
            tau: losslab_core::numerics::regression::Tau::new(0.25).unwrap(),
        };
        let text = regression_snippet(&points, params);
        assert!(text.contains("x = np.array([0.1, 2.0, 3.5])"), "{text}");
        assert!(text.contains("y = np.array([0.3333333333333333, -1e-7, 7.25])"), "{text}");
        assert!(text.contains("delta, tau = 1.35, 0.25"));
        assert!(text.contains("QuantileRegressor(quantile=q, alpha=0, solver=\"highs\")"));
        assert!(!text.contains("{{"), "format escapes must be resolved");
    }

    #[test]
    fn classification_snippet_holds_labels_and_settings() {
        let points = LabeledPoints::from_pairs(&[(-1.5, false), (0.25, true), (2.0, true)]).unwrap();
        let text =
            classification_snippet(&points, FocalParams::new(2.0, Some(0.25)).unwrap(), L2Penalty::new(0.01).unwrap());
        assert!(text.contains("x = np.array([-1.5, 0.25, 2.0])"), "{text}");
        assert!(text.contains("y = np.array([0.0, 1.0, 1.0])"));
        assert!(text.contains("lam = 0.01") && text.contains("gamma, alpha = 2.0, 0.25"));
        assert!(text.contains("LogisticRegression(C=1.0 / (lam * n)"));
        assert!(!text.contains("{{"));
        let none = classification_snippet(&points, FocalParams::new(0.5, None).unwrap(), L2Penalty::NONE);
        assert!(none.contains("gamma, alpha = 0.5, None") && none.contains("lam = 0.0"));
    }

    #[test]
    fn long_lists_wrap() {
        let values: Vec<f64> = (0..20).map(f64::from).collect();
        let list = python_list(&values);
        assert_eq!(list.lines().count(), 3);
        assert!(list.starts_with("[0.0, 1.0") && list.ends_with("19.0]"));
    }
}
