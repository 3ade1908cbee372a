//! "Copy as Python": a runnable script that reproduces the current fits with the tools a
//! student would otherwise use — scikit-learn's `LinearRegression` and `QuantileRegressor`,
//! and SciPy's `minimize` of the mean Huber and log-cosh losses — with the data inline.

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
    fn long_lists_wrap() {
        let values: Vec<f64> = (0..20).map(f64::from).collect();
        let list = python_list(&values);
        assert_eq!(list.lines().count(), 3);
        assert!(list.starts_with("[0.0, 1.0") && list.ends_with("19.0]"));
    }
}
