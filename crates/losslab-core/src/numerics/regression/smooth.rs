//! Fits of the smooth robust losses (Huber, log-cosh, pseudo-Huber) by nested, bracketed
//! Newton iterations that cannot fail to converge.
//!
//! # Method
//!
//! Write the objective in scaled coordinates as F(a, c) = Σ ρ(yᵢ − a·uᵢ − c).
//!
//! * **Inner problem.** For a fixed slope a, the best intercept c(a) is the root of
//!   g(c) = ∂F/∂c = −Σ ψ(yᵢ − a·uᵢ − c), a continuous non-decreasing function of c that is
//!   ≤ 0 at c = min(y − a·u) and ≥ 0 at c = max(y − a·u). It is found by Newton's method
//!   safeguarded by that bracket (regula falsi / bisection when a Newton step leaves it).
//! * **Outer problem.** G(a) = F(a, c(a)) is convex and, since ρ is C¹, differentiable with
//!   G′(a) = ∂F/∂a = −Σ ψ(rᵢ)·uᵢ (envelope theorem), continuous and non-decreasing. Its root
//!   is found the same way, with the Schur complement G″ = H_aa − H_ac²/H_cc of the Hessian
//!   as Newton slope and a bracket found by expanding steps.
//!
//! The fast path first takes up to a dozen plain 2-D Newton steps with an Armijo line search
//! (each accepted step costs one pass over the data); they converge quadratically in the
//! usual case. The nested method is the fallback, not the default, because it needs more
//! passes — but plain Newton can fail: Huber is piecewise quadratic, and when fewer than two
//! points lie inside ±δ at the optimum its Hessian is singular there; Newton and IRLS then
//! crawl or cycle. A bracketed one-dimensional root search converges regardless, and on the
//! linear pieces of Huber's ψ each Newton step is exact.
//!
//! Stopping: |Σψᵢ| ≤ 1e-12·Σ|ψᵢ| and |Σψᵢuᵢ| ≤ 1e-12·Σ|ψᵢuᵢ| (relative gradient), or a
//! gradient below its rounding floor (Σψ′ᵢ·εᵢ, εᵢ the rounding error of residual i: nearly
//! collinear points leave residuals so small that their rounding dominates the relative test),
//! or a bracket that has shrunk to neighbouring floating-point numbers (the root is located to
//! machine precision).

use super::loss::RegressionLoss;

/// Relative gradient tolerance of the smooth fits.
pub const GRADIENT_TOLERANCE: f64 = 1e-12;
const MAX_ROOT_ITERATIONS: u32 = 300;

/// The outcome of a smooth fit in scaled coordinates (ŷ = a·u + c).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SmoothLine {
    pub a: f64,
    pub c: f64,
    /// Outer (slope) iterations plus inner (intercept) iterations.
    pub iterations: u32,
    /// Relative gradient at (a, c): max(|Σψu|/Σ|ψu|, |Σψ|/Σ|ψ|), 0 for a perfect fit.
    pub relative_gradient: f64,
    /// True when the tolerance was met or both roots were located to machine precision.
    pub converged: bool,
}

/// Neumaier (compensated) summation, so that gradients at an optimum — sums of terms that
/// cancel — are accurate even for thousands of points.
#[derive(Default, Clone, Copy)]
struct CompensatedSum {
    sum: f64,
    compensation: f64,
}

impl CompensatedSum {
    #[inline]
    fn add(&mut self, term: f64) {
        let t = self.sum + term;
        if self.sum.abs() >= term.abs() {
            self.compensation += (self.sum - t) + term;
        } else {
            self.compensation += (term - t) + self.sum;
        }
        self.sum = t;
    }

    fn total(self) -> f64 {
        self.sum + self.compensation
    }
}

/// Objective, gradient and curvature sums of F at one line.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    /// F = Σρ.
    value: f64,
    /// ∂F/∂c = −Σψ.
    grad_c: f64,
    /// ∂F/∂a = −Σψu.
    grad_a: f64,
    scale_c: f64,
    scale_a: f64,
    /// The rounding floor of the gradient: Σψ′·εᵢ and Σψ′·εᵢ·|u|, with εᵢ the rounding error
    /// of the residual yᵢ − a·uᵢ − c. Below it the gradient is noise (nearly collinear data
    /// leave residuals so small that their rounding dominates: no step can improve on it).
    noise_c: f64,
    noise_a: f64,
    /// Σψ′, Σψ′u, Σψ′u² (the Hessian entries H_cc, H_ac, H_aa).
    h_cc: f64,
    h_ac: f64,
    h_aa: f64,
}

fn sums(u: &[f64], y: &[f64], loss: RegressionLoss, a: f64, c: f64) -> Sums {
    let (mut grad_c, mut grad_a) = (CompensatedSum::default(), CompensatedSum::default());
    let mut s = Sums::default();
    for (&ui, &yi) in u.iter().zip(y) {
        let r = yi - a * ui - c;
        let (value, psi, h) = loss.value_derivative_curvature(r);
        s.value += value;
        grad_c.add(-psi);
        grad_a.add(-psi * ui);
        s.scale_c += psi.abs();
        s.scale_a += (psi * ui).abs();
        s.h_cc += h;
        s.h_ac += h * ui;
        s.h_aa += h * ui * ui;
        let rounding = 4.0 * f64::EPSILON * (yi.abs() + (a * ui).abs() + c.abs());
        s.noise_c += h * rounding;
        s.noise_a += h * rounding * ui.abs();
    }
    s.grad_c = grad_c.total();
    s.grad_a = grad_a.total();
    s
}

/// The rounding floor is trusted only this close to the tolerance: far from an optimum (e.g. a
/// probe at a huge slope, whose residuals round coarsely) a small floor must not pass for one.
const FLOOR_TRUST: f64 = 1e-8;

impl Sums {
    /// Whether the gradient meets the relative tolerance, or is small and below its rounding
    /// floor (then no step can reduce it further).
    fn stationary(&self, intercept_only: bool) -> bool {
        let done = |grad: f64, scale: f64, noise: f64| {
            let rel = relative(grad, scale);
            rel <= GRADIENT_TOLERANCE || (rel <= FLOOR_TRUST && grad.abs() <= noise)
        };
        (intercept_only || done(self.grad_a, self.scale_a, self.noise_a))
            && done(self.grad_c, self.scale_c, self.noise_c)
    }
}

fn relative(part: f64, scale: f64) -> f64 {
    if scale > 0.0 {
        part.abs() / scale
    } else {
        0.0
    }
}

/// One evaluation of a non-decreasing function g for the root finder.
#[derive(Debug, Clone, Copy)]
struct Probe {
    x: f64,
    g: f64,
    /// g′(x) ≥ 0 when known, 0 when not (then no Newton step is taken).
    slope: f64,
    /// The size of the terms summed into g, for the relative stopping test.
    scale: f64,
    /// The rounding floor of g (see `Sums`).
    noise: f64,
}

impl Probe {
    fn solved(&self) -> bool {
        let rel = relative(self.g, self.scale);
        self.g == 0.0 || rel <= GRADIENT_TOLERANCE || (rel <= FLOOR_TRUST && self.g.abs() <= self.noise)
    }
}

/// The root found by [`find_root`], and whether it meets the tolerance or machine precision.
struct Root {
    probe: Probe,
    iterations: u32,
    converged: bool,
}

/// Finds a root of a continuous non-decreasing g inside the bracket `lo ≤ hi` with
/// g(lo) ≤ 0 ≤ g(hi), starting at `start`. Newton steps are taken when they stay inside the
/// bracket and halve |g|; otherwise regula falsi (Illinois) or bisection.
fn find_root(mut eval: impl FnMut(f64) -> Probe, mut lo: Probe, mut hi: Probe, start: Probe) -> Root {
    let mut best = start;
    let mut iterations = 0;
    let mut side = 0i8; // which end moved last, for the Illinois correction
    let mut previous_g = f64::INFINITY;
    loop {
        if best.solved() {
            return Root { probe: best, iterations, converged: true };
        }
        if iterations >= MAX_ROOT_ITERATIONS {
            return Root { probe: best, iterations, converged: false };
        }
        let inside = |x: f64| x > lo.x && x < hi.x;
        let newton = (best.slope > 0.0).then(|| best.x - best.g / best.slope);
        let next = match newton {
            Some(x) if inside(x) && best.g.abs() <= 0.5 * previous_g.abs() => x,
            _ => {
                let falsi = lo.x - lo.g * (hi.x - lo.x) / (hi.g - lo.g);
                if inside(falsi) {
                    falsi
                } else {
                    0.5 * lo.x + 0.5 * hi.x
                }
            }
        };
        if !inside(next) {
            // lo and hi are neighbouring floats: the root is located to machine precision.
            let closest = if lo.g.abs() <= hi.g.abs() { lo } else { hi };
            return Root { probe: closest, iterations, converged: true };
        }
        previous_g = best.g;
        let probe = eval(next);
        iterations += 1;
        if probe.g <= 0.0 {
            lo = probe;
            if side == -1 {
                hi.g *= 0.5;
            }
            side = -1;
        } else {
            hi = probe;
            if side == 1 {
                lo.g *= 0.5;
            }
            side = 1;
        }
        best = probe;
    }
}

/// The best intercept for slope `a`, starting from `c_start`, and the sums there.
fn best_intercept(u: &[f64], y: &[f64], loss: RegressionLoss, a: f64, c_start: f64) -> (f64, Sums, u32, bool) {
    let probe_at = |c: f64| {
        let s = sums(u, y, loss, a, c);
        (Probe { x: c, g: s.grad_c, slope: s.h_cc, scale: s.scale_c, noise: s.noise_c }, s)
    };
    let (start, start_sums) = probe_at(c_start);
    if start.solved() {
        return (c_start, start_sums, 0, true);
    }
    // At c = min(y − a·u) every residual is ≥ 0, so g ≤ 0; at the max, g ≥ 0.
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for (&ui, &yi) in u.iter().zip(y) {
        let v = yi - a * ui;
        low = low.min(v);
        high = high.max(v);
    }
    // The far end's value is not needed unless Newton fails, so it is left unknown (NaN).
    let unknown = |x: f64| Probe { x, g: f64::NAN, slope: 0.0, scale: 0.0, noise: 0.0 };
    let (lo, hi) = if start.g <= 0.0 { (start, unknown(high)) } else { (unknown(low), start) };
    let root = find_root(|c| probe_at(c).0, lo, hi, start);
    let c = root.probe.x;
    (c, sums(u, y, loss, a, c), root.iterations + 1, root.converged)
}

/// Minimises Σ ρ(yᵢ − a·uᵢ − c) for Huber, log-cosh or pseudo-Huber from `(a, c)`.
/// With `intercept_only`, a stays fixed and only c is fitted (the location M-estimate).
pub(crate) fn smooth_line(
    u: &[f64],
    y: &[f64],
    loss: RegressionLoss,
    start: (f64, f64),
    intercept_only: bool,
) -> SmoothLine {
    if intercept_only {
        let (c, s, iterations, converged) = best_intercept(u, y, loss, start.0, start.1);
        return SmoothLine { a: start.0, c, iterations, relative_gradient: relative(s.grad_c, s.scale_c), converged };
    }
    let newton = newton_2d(u, y, loss, start);
    if newton.converged {
        return newton;
    }
    let nested = nested_line(u, y, loss, (newton.a, newton.c));
    SmoothLine { iterations: newton.iterations + nested.iterations, ..nested }
}

const MAX_NEWTON_STEPS: u32 = 12;

/// Plain 2-D Newton with Armijo backtracking; `converged` is false when it gives up (singular
/// Hessian, failed line search, or the step budget spent), leaving its best point in (a, c).
fn newton_2d(u: &[f64], y: &[f64], loss: RegressionLoss, (mut a, mut c): (f64, f64)) -> SmoothLine {
    let mut at = sums(u, y, loss, a, c);
    let mut iterations = 1;
    let gradient_of = |s: &Sums| relative(s.grad_a, s.scale_a).max(relative(s.grad_c, s.scale_c));
    loop {
        let relative_gradient = gradient_of(&at);
        let give_up = SmoothLine { a, c, iterations, relative_gradient, converged: false };
        if at.stationary(false) {
            return SmoothLine { converged: true, ..give_up };
        }
        if iterations > MAX_NEWTON_STEPS {
            return give_up;
        }
        let det = at.h_aa * at.h_cc - at.h_ac * at.h_ac;
        if !(at.h_aa > 0.0 && at.h_cc > 0.0 && det > 1e-12 * at.h_aa * at.h_cc && det.is_finite()) {
            return give_up;
        }
        let da = -(at.h_cc * at.grad_a - at.h_ac * at.grad_c) / det;
        let dc = -(at.h_aa * at.grad_c - at.h_ac * at.grad_a) / det;
        let decrease = at.grad_a * da + at.grad_c * dc;
        // Not a descent direction (NaN included).
        if decrease >= 0.0 || decrease.is_nan() {
            return give_up;
        }
        // Close to the optimum the decrease is below the rounding of F; there a step is
        // judged by the gradient it leads to instead.
        let unresolvable = -decrease <= 1e-13 * at.value.abs();
        let mut t = 1.0;
        let mut accepted = None;
        for _ in 0..12 {
            let (na, nc) = (a + t * da, c + t * dc);
            let trial = sums(u, y, loss, na, nc);
            iterations += 1;
            let armijo = trial.value <= at.value + 1e-4 * t * decrease;
            if armijo || (unresolvable && gradient_of(&trial) < relative_gradient) {
                accepted = Some((na, nc, trial));
                break;
            }
            t *= 0.5;
        }
        match accepted {
            Some((na, nc, trial)) => (a, c, at) = (na, nc, trial),
            None => return give_up,
        }
    }
}

/// The nested, bracketed method described in the module documentation.
fn nested_line(u: &[f64], y: &[f64], loss: RegressionLoss, start: (f64, f64)) -> SmoothLine {
    let (a0, c0) = start;
    let mut c_warm = c0;
    let mut inner_iterations = 0;
    let mut inner_converged = true;
    let mut outer = |a: f64| {
        let (c, s, iterations, converged) = best_intercept(u, y, loss, a, c_warm);
        c_warm = c;
        inner_iterations += iterations;
        inner_converged &= converged;
        let schur = if s.h_cc > 0.0 { s.h_aa - s.h_ac * s.h_ac / s.h_cc } else { 0.0 };
        Probe {
            x: a,
            g: s.grad_a,
            slope: if schur.is_finite() { schur.max(0.0) } else { 0.0 },
            scale: s.scale_a,
            noise: s.noise_a,
        }
    };
    let first = outer(a0);
    let mut iterations = 1;
    let root = if first.solved() {
        Root { probe: first, iterations: 0, converged: true }
    } else {
        // Bracket the root of G′. Newton steps from a convex side approach the root
        // monotonically and usually land on it; when they stop halving |G′| (or G″ = 0),
        // steps double instead until G′ changes sign.
        let direction = if first.g > 0.0 { -1.0 } else { 1.0 };
        let floor = 1e-3 * (1.0 + a0.abs());
        let mut step = floor;
        let mut newton_works = true;
        let mut near = first;
        let mut far = first;
        for _ in 0..120 {
            step = if newton_works && near.slope > 0.0 { (near.g / near.slope).abs() } else { (2.0 * step).max(floor) };
            let probe = outer(near.x + direction * step);
            iterations += 1;
            if probe.solved() || (probe.g > 0.0) != (first.g > 0.0) || !probe.x.is_finite() {
                far = probe;
                break;
            }
            newton_works = probe.g.abs() <= 0.5 * near.g.abs();
            near = probe;
        }
        if far.solved() {
            Root { probe: far, iterations: 0, converged: true }
        } else if (far.g > 0.0) == (first.g > 0.0) {
            Root { probe: near, iterations: 0, converged: false }
        } else {
            let (lo, hi) = if near.g <= 0.0 { (near, far) } else { (far, near) };
            let start = if near.g.abs() <= far.g.abs() { near } else { far };
            find_root(&mut outer, lo, hi, start)
        }
    };
    let a = root.probe.x;
    // Re-solve the intercept at the final slope (the last evaluation may have been elsewhere).
    let (c, s, final_inner, final_converged) = best_intercept(u, y, loss, a, c_warm);
    let relative_gradient = relative(s.grad_a, s.scale_a).max(relative(s.grad_c, s.scale_c));
    SmoothLine {
        a,
        c,
        iterations: iterations + root.iterations + inner_iterations + final_inner,
        relative_gradient,
        converged: root.converged && final_converged && (inner_converged || s.stationary(false)),
    }
}
