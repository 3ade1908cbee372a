# LossLab: these classification fits reproduced with scikit-learn and SciPy.
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
