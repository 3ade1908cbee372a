//! "Copy as Python": a runnable script that reproduces the current fits with the tools a
//! student would otherwise use — scikit-learn's `LinearRegression`, `QuantileRegressor` and
//! `LogisticRegression`, SciPy's `minimize` for the smooth robust losses and the focal loss — with
//! the data inline.
//!
//! Like the app, every script fits in scaled coordinates (x centred and scaled, y centred and
//! scaled where the loss allows it) and maps the line back, so badly scaled data (x near 10⁶
//! with a spread of 10⁻³, or x near 10⁻⁶) gives the app's numbers; the mean losses are then
//! measured on the original data. Numbers are printed with 10 significant digits.

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

/// Fills the `@NAME@` placeholders of `template`, in order; every placeholder must be given.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(name, value);
    }
    debug_assert!(!out.contains("@"), "a placeholder is left in the Python script");
    out
}

/// The regression script. `@XS@`, `@YS@`, `@DELTA@` and `@TAU@` are filled in.
const REGRESSION_TEMPLATE: &str = r#"# LossLab: these fits reproduced with scikit-learn and SciPy.
# pip install numpy scipy scikit-learn
import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LinearRegression, QuantileRegressor

x = np.array(@XS@)
y = np.array(@YS@)
delta, tau = @DELTA@, @TAU@
if len(x) == 0:
    raise SystemExit("No points: nothing to fit.")

# Like LossLab, fit in scaled coordinates, so that the solvers see numbers near 1 whatever the
# units: u = (x - xc) / s lies in [-1, 1], v = (y - yc) / k in [-1, 1], and the line is
# y = yc + k * (a * u + c). Every result is mapped back to y = w * x + b and every mean loss is
# measured on the original data.
lo = x.min()
xc = lo + np.mean(x - lo)
s = np.max(np.abs(x - xc)) or 1.0  # all x equal: no slope is identified, it stays 0
yc = np.median(y)
k = np.max(np.abs(y - yc)) or 1.0
U = ((x - xc) / s).reshape(-1, 1)
v = (y - yc) / k


def unscale(a, c):
    w = k * a / s
    return w, yc + k * c - w * xc


def huber(r):
    a = np.abs(r)
    return np.where(a <= delta, 0.5 * r**2, delta * (a - 0.5 * delta))


def log_cosh(r):
    # ln cosh r: ln(1 + 2 sinh(r/2)**2) for |r| < 1 (accurate for tiny r), else a form
    # that cannot overflow.
    a = np.abs(r)
    small = np.log1p(2.0 * np.sinh(0.5 * np.minimum(a, 1.0)) ** 2)
    return np.where(a < 1.0, small, a + np.log1p(np.exp(-2.0 * a)) - np.log(2.0))


def pseudo_huber(r):
    # delta**2 * (sqrt(1 + (r/delta)**2) - 1), written so that it neither cancels nor overflows.
    t = np.abs(r) / delta
    return np.abs(r) * delta * t / (np.hypot(1.0, t) + 1.0)


def pinball(r, q):
    return np.maximum(q * r, (q - 1.0) * r)


def fit_smooth(rho, psi, start):
    """Minimise the mean loss over (a, c) with its analytic gradient, relative to its start value."""
    u = U[:, 0]

    def mean_loss(p):
        r = k * (v - p[0] * u - p[1])
        return np.mean(rho(r)), r

    norm = mean_loss(start)[0] or 1.0

    def objective(p):
        value, r = mean_loss(p)
        g = psi(r)
        return value / norm, np.array([-k * np.mean(g * u), -k * np.mean(g)]) / norm

    return minimize(objective, start, jac=True, method="BFGS", options={"gtol": 1e-11, "maxiter": 10000}).x


def report(name, a, c, rho):
    w, b = unscale(a, c)
    fits[name] = (w, b, np.mean(rho(y - (w * x + b))))


fits = {}
ols = LinearRegression().fit(U, v)
report("MSE", ols.coef_[0], ols.intercept_, lambda r: r**2)
for name, q in [("MAE", 0.5), (f"Quantile tau={tau}", tau)]:
    m = QuantileRegressor(quantile=q, alpha=0, solver="highs").fit(U, v)
    report(name, m.coef_[0], m.intercept_, np.abs if name == "MAE" else lambda r: pinball(r, q))
start = np.array([ols.coef_[0], ols.intercept_])  # the smooth fits start from least squares
for name, rho, psi in [
    (f"Huber delta={delta}", huber, lambda r: np.clip(r, -delta, delta)),
    ("Log-cosh", log_cosh, np.tanh),
    (f"Pseudo-Huber delta={delta}", pseudo_huber, lambda r: r / np.hypot(1.0, r / delta)),
]:
    report(name, *fit_smooth(rho, psi, start), rho)

# MAE and quantile optima can tie between several lines: compare the mean loss.
for name, (w, b, loss) in fits.items():
    print(f"{name:>24}  slope {w:+.10g}  intercept {b:+.10g}  mean loss {loss:.10g}")
"#;

/// The classification script. `@XS@`, `@YS@`, `@LAM@`, `@GAMMA@` and `@ALPHA@` are filled in.
const CLASSIFICATION_TEMPLATE: &str = r#"# LossLab: these classification fits reproduced with scikit-learn and SciPy.
# pip install numpy scipy scikit-learn
import numpy as np
from scipy.optimize import linprog, minimize, minimize_scalar
from scipy.sparse import csr_matrix, hstack, identity
from sklearn.linear_model import LogisticRegression

x = np.array(@XS@)
y = np.array(@YS@)  # labels 0 and 1
lam = @LAM@  # every fit minimises mean loss + lam / 2 * w**2 (the intercept is not penalised)
gamma, alpha = @GAMMA@, @ALPHA@  # focal loss; alpha None: no class weighting
n = len(x)
if n == 0:
    raise SystemExit("No points: nothing to fit.")

# Like LossLab, fit in scaled coordinates, so that the solvers see numbers near 1 whatever the
# units: u = (x - xc) / s, s the standard deviation of x, and z = a * u + c, so w = a / s and
# b = c - w * xc. The penalty lam / 2 * w**2 is lam / (2 * s**2) * a**2 there.
lo = x.min()
xc = lo + np.mean(x - lo)
s = np.sqrt(np.mean((x - xc) ** 2)) or 1.0  # all x equal: no slope is identified, it stays 0
u = (x - xc) / s
lam_u = lam / s**2


def softplus(z):
    return np.logaddexp(0.0, z)


def sigmoid(z):
    return np.exp(-softplus(-z))


def bce(w, b):
    z = w * x + b
    return np.mean(softplus(z) - y * z)


def focal(w, b):
    z = w * x + b
    m = np.where(y == 1, z, -z)  # the margin: log-odds of the true class
    weight = 1.0 if alpha is None else np.where(y == 1, alpha, 1.0 - alpha)
    # (1 - p_t)**gamma = exp(-gamma * softplus(m)), stable for large |m|.
    return np.mean(weight * np.exp(-gamma * softplus(m)) * softplus(-m))


def hinge(w, b):
    return np.mean(np.maximum(0.0, 1.0 - (2 * y - 1) * (w * x + b)))


def report(name, a, c, loss):
    w = a / s
    b = c - w * xc
    mean_loss = loss(w, b)
    fits[name] = (w, b, mean_loss, mean_loss + lam / 2 * w**2)


def focal_scaled(p):
    """The focal objective in scaled coordinates and its gradient."""
    t = 2 * y - 1
    m = t * (p[0] * u + p[1])
    weight = 1.0 if alpha is None else np.where(y == 1, alpha, 1.0 - alpha)
    q_gamma = np.exp(-gamma * softplus(m))  # (1 - p_t)**gamma
    loss = weight * q_gamma * softplus(-m)
    dm = -weight * q_gamma * (gamma * sigmoid(m) * softplus(-m) + sigmoid(-m))
    dz = t * dm
    value = np.mean(loss) + lam_u / 2 * p[0] ** 2
    return value, np.array([np.mean(dz * u) + lam_u * p[0], np.mean(dz)])


def hinge_profile(a):
    """The hinge objective for slope a with its best intercept c, and that c (scaled coordinates).

    Term i, max(0, 1 - t_i * (a * u_i + c)), has its kink at c = k_i = t_i - a * u_i; the sum
    is convex and piecewise linear in c, so its minimum is at a kink: evaluate all of them at
    once with cumulative sums over the sorted kinks."""
    t = 2 * y - 1
    order = np.argsort(t - a * u, kind="stable")
    k, positive = (t - a * u)[order], t[order] > 0
    # Label 0 (t = -1): terms c - k_i for kinks below c; label 1: k_i - c for kinks above c.
    below = np.cumsum(~positive) * k - np.cumsum(np.where(positive, 0.0, k))
    above = np.cumsum(np.where(positive, k, 0.0)[::-1])[::-1] - np.cumsum(positive[::-1])[::-1] * k
    j = np.argmin(below + above)
    return (below[j] + above[j]) / n + lam_u / 2 * a**2, k[j]


# No best line exists (as in LossLab) with one label only, or with lam = 0 and classes that a
# threshold on x separates (ties included): a steeper line always does better.
x0, x1 = x[y == 0], x[y == 1]
fits = {}
if len(x0) == 0 or len(x1) == 0:
    print("Only one label is present: the intercept runs to infinity, no fit.")
elif lam == 0 and x.min() < x.max() and (x0.max() <= x1.min() or x1.max() <= x0.min()):
    print("lam = 0 and the classes are separable: no best line, no fit.")
else:
    # Binary cross-entropy: scikit-learn's objective C * sum(log loss) + a**2 / 2 has the same
    # minimiser with C = s**2 / (lam * n). For lam = 0, C = 1e300 leaves no penalty in effect
    # (the penalty=None argument is deprecated since scikit-learn 1.8; 1.8.0 warns about C = np.inf).
    C = s**2 / (lam * n) if lam > 0 else 1e300
    clf = LogisticRegression(C=C, tol=1e-12, max_iter=100000).fit(u.reshape(-1, 1), y)
    start = np.array([clf.coef_[0, 0], clf.intercept_[0]])
    report("BCE", *start, bce)
    if alpha in (0.0, 1.0):
        print(f"alpha = {alpha} gives one class no weight: no focal fit.")
    else:
        # The focal loss is not convex: this is the local minimum nearest the BCE fit.
        p = minimize(focal_scaled, start, jac=True, method="BFGS", options={"gtol": 1e-12, "maxiter": 10000}).x
        report(f"Focal gamma={gamma}", *p, focal)
    # Hinge: for a given slope a the best intercept is exact (below); the profile is convex
    # in a and |a| <= sqrt(2 / lam_u) (the objective at a = 0 is at most 1), so a bounded
    # scalar search finds its minimum. With lam = 0 the fit is a linear program instead.
    if lam > 0:
        bound = np.sqrt(2.0 / lam_u)
        a = minimize_scalar(lambda a: hinge_profile(a)[0], bounds=(-bound, bound), method="bounded",
                            options={"xatol": 1e-12 * (1 + abs(start[0])), "maxiter": 10000}).x
        report("Hinge", a, hinge_profile(a)[1], hinge)
    else:
        # Variables a, c and slacks e_i >= max(0, 1 - t_i * (a * u_i + c)); minimise mean(e).
        t = 2 * y - 1
        A = hstack([csr_matrix(-t[:, None] * np.column_stack([u, np.ones(n)])), -identity(n)])
        lp = linprog(np.r_[0.0, 0.0, np.full(n, 1.0 / n)], A_ub=A, b_ub=-np.ones(n),
                     bounds=[(None, None)] * 2 + [(0, None)] * n, method="highs")
        report("Hinge", lp.x[0], lp.x[1], hinge)

for name, (w, b, mean_loss, objective) in fits.items():
    print(f"{name:>16}  w {w:+.10g}  b {b:+.10g}  mean loss {mean_loss:.10g}  objective {objective:.10g}")
"#;

/// The script for the regression lab's current points and parameters. It prints, for every
/// loss (MSE, MAE, quantile, Huber, log-cosh and pseudo-Huber, whether shown or not), slope,
/// intercept and mean loss in the same conventions as LossLab (mean of ρ(r); MSE r², Huber
/// ½r² / δ(|r| − ½δ), pinball max(τr, (τ − 1)r), pseudo-Huber δ²(√(1 + (r/δ)²) − 1)).
pub fn regression_snippet(points: &Points, params: LossParams) -> String {
    fill(
        REGRESSION_TEMPLATE,
        &[
            ("@XS@", python_list(points.xs())),
            ("@YS@", python_list(points.ys())),
            ("@DELTA@", format!("{:?}", params.delta.get())),
            ("@TAU@", format!("{:?}", params.tau.get())),
        ],
    )
}

/// The script for the classification lab's points and settings: scikit-learn's
/// `LogisticRegression` for binary cross-entropy (in scaled coordinates u = (x − x̄)/s its
/// objective C·Σ log loss + ½a² is LossLab's mean log loss + λ/2·w² with C = s²/(λn);
/// `C = 1e300` when λ = 0), SciPy's `minimize` for the focal loss (torchvision's form), and
/// for the hinge loss an exact intercept per slope with a bounded scalar search on the slope
/// (a linear program when λ = 0). Like the app, it fits nothing where no best line exists.
pub fn classification_snippet(points: &LabeledPoints, focal: FocalParams, l2: L2Penalty) -> String {
    let labels: Vec<f64> = points.labels().iter().map(|&l| if l { 1.0 } else { 0.0 }).collect();
    let alpha = match focal.alpha() {
        Some(a) => format!("{a:?}"),
        None => "None".to_string(),
    };
    fill(
        CLASSIFICATION_TEMPLATE,
        &[
            ("@XS@", python_list(points.xs())),
            ("@YS@", python_list(&labels)),
            ("@LAM@", format!("{:?}", l2.lambda())),
            ("@GAMMA@", format!("{:?}", focal.gamma())),
            ("@ALPHA@", alpha),
        ],
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
        assert!(text.contains("QuantileRegressor(quantile=q, alpha=0, solver=\"highs\").fit(U, v)"));
        assert!(!text.contains('@'), "every placeholder is filled");
    }

    #[test]
    fn regression_snippet_fits_every_loss_in_scaled_coordinates() {
        let points = Points::from_pairs(&[(1000.0, 0.0), (1000.0005, 0.5), (1000.001, 0.2)]).unwrap();
        let text = regression_snippet(&points, LossParams::default());
        // All six losses, pseudo-Huber included, whatever the lab shows.
        for name in [
            "\"MSE\"",
            "(\"MAE\", 0.5)",
            "f\"Quantile tau={tau}\"",
            "f\"Huber delta={delta}\"",
            "\"Log-cosh\"",
            "f\"Pseudo-Huber delta={delta}\"",
        ] {
            assert!(text.contains(name), "{name} missing");
        }
        // Centred and scaled x, mapped back; the smooth fits start from least squares.
        assert!(text.contains("U = ((x - xc) / s).reshape(-1, 1)") && text.contains("w = k * a / s"));
        assert!(text.contains("start = np.array([ols.coef_[0], ols.intercept_])"));
        // Significant digits, not a fixed number of decimals (0.000000 for data near 1e-6).
        assert!(text.contains("slope {w:+.10g}") && !text.contains(".6f"));
    }

    #[test]
    fn classification_snippet_holds_labels_and_settings() {
        let points = LabeledPoints::from_pairs(&[(-1.5, false), (0.25, true), (2.0, true)]).unwrap();
        let text =
            classification_snippet(&points, FocalParams::new(2.0, Some(0.25)).unwrap(), L2Penalty::new(0.01).unwrap());
        assert!(text.contains("x = np.array([-1.5, 0.25, 2.0])"), "{text}");
        assert!(text.contains("y = np.array([0.0, 1.0, 1.0])"));
        assert!(text.contains("lam = 0.01") && text.contains("gamma, alpha = 2.0, 0.25"));
        // The penalty in scaled coordinates; no `penalty=` argument (deprecated in scikit-learn
        // 1.8) and no C = np.inf (scikit-learn 1.8.0 warns about it): C = 1e300 is unpenalised.
        assert!(text.contains("C = s**2 / (lam * n) if lam > 0 else 1e300"));
        assert!(text.contains("LogisticRegression(C=C, tol=1e-12, max_iter=100000).fit(u.reshape(-1, 1), y)"));
        assert!(!text.contains("(penalty=") && !text.contains(", penalty=") && !text.contains("C=np.inf"));
        assert!(text.contains("w {w:+.10g}") && !text.contains(".6f") && !text.contains(".8f"));
        assert!(!text.contains('@'));
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
