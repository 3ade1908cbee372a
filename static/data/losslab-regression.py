# LossLab: these fits reproduced with scikit-learn and SciPy.
# pip install numpy scipy scikit-learn
import numpy as np
from sklearn.linear_model import LinearRegression, QuantileRegressor

x = np.array(@XS@)
y = np.array(@YS@)
delta, tau = @DELTA@, @TAU@
if len(x) == 0:
    raise SystemExit("No points: nothing to fit.")

# Like LossLab, fit in scaled coordinates, so that the solvers see numbers near 1 whatever the
# units: u = (x - xc) / s lies in [-1, 1], v = (y - yc) / k is near 1 for a typical point (k is
# the median distance from the median: one far outlier does not shrink every other point to
# rounding noise), and the line is y = yc + k * (a * u + c). Every result is mapped back to
# y = w * x + b and every mean loss is measured on the original data.
lo = x.min()
xc = lo + np.mean(x - lo)
s = np.max(np.abs(x - xc)) or 1.0  # all x equal: no slope is identified, it stays 0
yc = np.median(y)
k = np.median(np.abs(y - yc)) or np.max(np.abs(y - yc)) or 1.0
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


def fit_smooth(psi, start):
    """Minimise the mean loss over (a, c) by iteratively reweighted least squares: each step
    solves least squares with weights psi(r) / r (r the residuals in y's units; psi'(0) = 1 for
    all three losses), which never raises the mean loss of these losses, until the line stops
    moving. It follows the gradient, not the loss's value, which one far outlier's huge term
    would leave without the digits to tell the other points' changes."""
    u = U[:, 0]
    a, c = start
    for _ in range(100000):
        r = k * (v - a * u - c)
        safe = np.where(r == 0.0, 1.0, r)
        wts = np.where(r == 0.0, 1.0, psi(safe) / safe)
        # Only the weights' ratios matter: scaled to at most 1 they do not underflow (a tiny
        # delta made them ~delta / |r| and their products 0).
        wts = wts / (wts.max() or 1.0)
        sw, su, suu = wts.sum(), (wts * u).sum(), (wts * u * u).sum()
        sv, suv = (wts * v).sum(), (wts * u * v).sum()
        det = sw * suu - su * su
        if not np.ptp(u) > 0:
            a_next = 0.0  # all x equal: no slope is identified
        elif det > 0:
            a_next = (sw * suv - su * sv) / det
        else:
            a_next = a
        c_next = (sv - a_next * su) / sw
        moved = abs(a_next - a) + abs(c_next - c)
        a, c = a_next, c_next
        if moved <= 1e-15 * (1.0 + abs(a) + abs(c)):
            break
    return a, c


def report(name, a, c, rho):
    w, b = unscale(a, c)
    fits[name] = (w, b, np.mean(rho(y - (w * x + b))))


fits = {}
ols = LinearRegression().fit(U, v)
report("MSE", ols.coef_[0], ols.intercept_, lambda r: r**2)
for name, q in [("MAE", 0.5), (f"Quantile tau={tau}", tau)]:
    m = QuantileRegressor(quantile=q, alpha=0, solver="highs").fit(U, v)
    report(name, m.coef_[0], m.intercept_, np.abs if name == "MAE" else lambda r: pinball(r, q))
lad = QuantileRegressor(quantile=0.5, alpha=0, solver="highs").fit(U, v)
for name, rho, psi in [
    (f"Huber delta={delta}", huber, lambda r: np.clip(r, -delta, delta)),
    ("Log-cosh", log_cosh, np.tanh),
    (f"Pseudo-Huber delta={delta}", pseudo_huber, lambda r: r / np.hypot(1.0, r / delta)),
]:
    # Start from the least-squares or the MAE line, whichever has the lower mean loss.
    starts = [(ols.coef_[0], ols.intercept_), (lad.coef_[0], lad.intercept_)]
    start = min(starts, key=lambda p: np.mean(rho(k * (v - p[0] * U[:, 0] - p[1]))))
    report(name, *fit_smooth(psi, start), rho)

# MAE and quantile optima can tie between several lines: compare the mean loss.
for name, (w, b, loss) in fits.items():
    print(f"{name:>24}  slope {w:+.10g}  intercept {b:+.10g}  mean loss {loss:.10g}")
