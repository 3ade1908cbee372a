//! A safeguarded Newton minimiser for small smooth problems (2 to a few dozen unknowns), shared
//! by the binary fits, the softmax regression and the article's logistic regression.
//!
//! # Method
//!
//! At θ the objective supplies F, ∇F and the Hessian H. With the Jacobi scaling
//! `D = diag(√|H_jj|)`, the step d solves `(H + μD²) d = −∇F` by Cholesky of
//! `D⁻¹HD⁻¹ + μI`, with the smallest μ in {0, 10⁻¹⁰, 16·10⁻¹⁰, …} for which the factorisation
//! succeeds (the Levenberg–Marquardt modification): μ = 0 is plain Newton; a large μ turns d
//! into a short, diagonally scaled gradient step. So d is always a descent direction, even
//! where H is indefinite (the focal loss is not convex). A backtracking line search (halving)
//! accepts the first step length t with the Armijo decrease
//! `F(θ + t·d) ≤ F(θ) + 10⁻⁴·t·∇Fᵀd`; if none of 60 halvings is accepted, μ grows and the
//! direction is recomputed.
//!
//! Near the optimum the predicted decrease `−∇Fᵀd` falls below what F's evaluation can
//! resolve and Armijo's test becomes a coin toss; there (μ = 0 and `−∇Fᵀd ≤ 10⁻¹⁰·|F|`) the
//! full Newton step is accepted if F does not rise by more than `10⁻¹⁰·|F|`. Convergence is
//! judged on the gradient, not on F.
//!
//! # Stopping rule and guarantee
//!
//! The relative gradient is `r = max_j |∂F/∂θ_j| / s_j`, where `s_j` is the sum of the
//! absolute values of the terms whose sum is `∂F/∂θ_j` (0/0 counts as 0). So `r ∈ [0, 1]`
//! measures how completely the per-point pulls cancel, independently of the loss's scale and
//! of the data's units; rounding limits it to about n·ε. The iteration stops when `r ≤`
//! tolerance (converged), after `max_iterations` steps, or when no step can decrease F (both
//! reported as not converged). Every accepted step but those of the rounding regime decreases
//! F (Armijo) along a direction from a positive-definite matrix, so every limit point is
//! stationary (Zoutendijk); on a strictly convex objective the iterates converge to the unique
//! minimiser, quadratically once the unmodified Newton step is accepted.

/// A smooth objective in `dim()` unknowns.
pub(crate) trait SmoothObjective {
    /// The number of unknowns.
    fn dim(&self) -> usize;

    /// F(θ); may be +∞ (a trial step that overflows), never NaN for finite θ.
    fn value(&self, theta: &[f64]) -> f64;

    /// F(θ), adding ∇F into `gradient`, the per-component term scales `s_j` into `scale` and
    /// the Hessian (row-major, `dim × dim`) into `hessian`; all three arrive zeroed.
    fn derivatives(&self, theta: &[f64], gradient: &mut [f64], scale: &mut [f64], hessian: &mut [f64]) -> f64;
}

/// The end point of [`minimise`].
#[derive(Debug, Clone)]
pub(crate) struct NewtonOutcome {
    pub theta: Vec<f64>,
    pub relative_gradient: f64,
    pub iterations: usize,
    pub converged: bool,
}

/// The relative gradient `max_j |g_j| / s_j` (0/0 = 0).
pub(crate) fn relative_gradient(gradient: &[f64], scale: &[f64]) -> f64 {
    gradient.iter().zip(scale).fold(0.0, |r: f64, (&g, &s)| if g == 0.0 { r } else { r.max(g.abs() / s) })
}

const ARMIJO: f64 = 1e-4;
const MAX_HALVINGS: usize = 60;
const MAX_SHIFTS: usize = 40;
/// The relative change of F below which its evaluation cannot be trusted: the rounding of a
/// sum of n terms, amplified by the losses themselves (the focal factor `exp(γ·log q)` carries
/// a relative error of about γ·|log q|·ε, up to ~10⁻¹¹ for γ = 100).
const RESOLUTION: f64 = 1e-10;

/// Minimises `objective` from `start`; see the module documentation.
///
/// `fallback`, a second start with its known objective value, replaces `start` when F(start)
/// — computed anyway by the first iteration's derivatives — is higher or not finite: a warm
/// start is then checked against a default one at no extra pass over the data.
pub(crate) fn minimise<O: SmoothObjective>(
    objective: &O,
    start: Vec<f64>,
    mut fallback: Option<(Vec<f64>, f64)>,
    tolerance: f64,
    max_iterations: usize,
) -> NewtonOutcome {
    let n = objective.dim();
    let mut theta = start;
    let mut gradient = vec![0.0; n];
    let mut scale = vec![0.0; n];
    let mut hessian = vec![0.0; n * n];
    let mut factor = vec![0.0; n * n];
    let mut step = vec![0.0; n];
    let mut trial = vec![0.0; n];
    let mut diagonal = vec![1.0; n];
    let mut iterations = 0;
    loop {
        gradient.fill(0.0);
        scale.fill(0.0);
        hessian.fill(0.0);
        let value = objective.derivatives(&theta, &mut gradient, &mut scale, &mut hessian);
        if let Some((other, other_value)) = fallback.take() {
            // Also when F(start) is NaN or +∞.
            let start_is_better = value <= other_value;
            if !start_is_better {
                theta = other;
                continue;
            }
        }
        let r = relative_gradient(&gradient, &scale);
        let done = |theta: Vec<f64>, converged: bool, iterations: usize| NewtonOutcome {
            theta,
            relative_gradient: r,
            iterations,
            converged,
        };
        if !value.is_finite() || r.is_nan() {
            return done(theta, false, iterations);
        }
        if r <= tolerance {
            return done(theta, true, iterations);
        }
        if iterations >= max_iterations {
            return done(theta, false, iterations);
        }
        iterations += 1;
        let accepted =
            descend(objective, &theta, value, &gradient, &hessian, &mut diagonal, &mut factor, &mut step, &mut trial);
        if !accepted {
            return done(theta, false, iterations);
        }
        std::mem::swap(&mut theta, &mut trial);
    }
}

/// One safeguarded step from `theta`; on success the new point is in `trial`.
#[allow(clippy::too_many_arguments)]
fn descend<O: SmoothObjective>(
    objective: &O,
    theta: &[f64],
    value: f64,
    gradient: &[f64],
    hessian: &[f64],
    diagonal: &mut [f64],
    factor: &mut [f64],
    step: &mut [f64],
    trial: &mut [f64],
) -> bool {
    let n = theta.len();
    // Jacobi scaling D = diag(√|H_jj|): the shift and the singularity test then act on
    // D⁻¹HD⁻¹, whose diagonal is ±1, so unknowns of very different curvature (a heavily
    // penalised slope next to a free intercept) are treated alike.
    diagonal.fill(1.0);
    let mut any_curvature = false;
    for (j, d) in diagonal.iter_mut().enumerate() {
        let h = hessian[j * n + j].abs();
        if h > 0.0 && h.is_finite() {
            *d = h.sqrt();
            any_curvature = true;
        }
    }
    let gradient_norm = gradient.iter().zip(diagonal.iter()).map(|(g, d)| (g / d).powi(2)).sum::<f64>().sqrt();
    // The first shift is tiny relative to the (unit) scaled curvature; with no curvature at
    // all it is the gradient's norm, which makes the first modified step a unit-length
    // gradient step.
    let first_shift = if any_curvature { 1e-10 } else { gradient_norm.max(f64::MIN_POSITIVE) };
    let mut shift = 0.0;
    for attempt in 0..MAX_SHIFTS {
        if attempt > 0 {
            shift = if shift == 0.0 { first_shift } else { shift * 16.0 };
        }
        if !cholesky(hessian, diagonal, shift, n, factor) {
            continue;
        }
        for ((s, g), d) in step.iter_mut().zip(gradient).zip(diagonal.iter()) {
            *s = -g / d;
        }
        solve_in_place(factor, n, step);
        for (s, d) in step.iter_mut().zip(diagonal.iter()) {
            *s /= d;
        }
        let slope: f64 = gradient.iter().zip(step.iter()).map(|(g, d)| g * d).sum();
        if !(slope < 0.0 && slope.is_finite()) {
            continue;
        }
        let resolution = RESOLUTION * value.abs();
        let mut t = 1.0;
        for _ in 0..MAX_HALVINGS {
            for j in 0..n {
                trial[j] = theta[j] + t * step[j];
            }
            if trial == theta {
                break;
            }
            let f = objective.value(trial);
            if f.is_finite() {
                if f <= value + ARMIJO * t * slope {
                    return true;
                }
                // Rounding regime: the predicted decrease is below what F can resolve, so
                // trust a full Newton step that does not visibly increase F.
                if shift == 0.0 && t == 1.0 && -slope <= resolution && f <= value + resolution {
                    return true;
                }
            }
            t *= 0.5;
        }
    }
    false
}

/// Cholesky factorisation `L·Lᵀ = D⁻¹AD⁻¹ + shift·I` of a symmetric row-major `A`, with
/// `D = diag(scale)`, into the lower triangle of `out`. Fails (false) on a pivot that is not
/// positive, not finite, or smaller than 10⁻¹³ of the largest diagonal entry (numerically
/// singular).
pub(crate) fn cholesky(a: &[f64], scale: &[f64], shift: f64, n: usize, out: &mut [f64]) -> bool {
    let entry = |i: usize, j: usize| a[i * n + j] / (scale[i] * scale[j]) + if i == j { shift } else { 0.0 };
    let diagonal_max = (0..n).map(|j| entry(j, j)).fold(0.0, f64::max);
    let floor = 1e-13 * diagonal_max;
    for i in 0..n {
        for j in 0..=i {
            let mut sum = entry(i, j);
            for k in 0..j {
                sum -= out[i * n + k] * out[j * n + k];
            }
            if i == j {
                if !(sum > floor && sum.is_finite()) {
                    return false;
                }
                out[i * n + i] = sum.sqrt();
            } else {
                out[i * n + j] = sum / out[j * n + j];
            }
        }
    }
    true
}

/// Solves `L·Lᵀ x = b` in place, with `L` from [`cholesky`].
pub(crate) fn solve_in_place(l: &[f64], n: usize, b: &mut [f64]) {
    for i in 0..n {
        let mut sum = b[i];
        for k in 0..i {
            sum -= l[i * n + k] * b[k];
        }
        b[i] = sum / l[i * n + i];
    }
    for i in (0..n).rev() {
        let mut sum = b[i];
        for k in i + 1..n {
            sum -= l[k * n + i] * b[k];
        }
        b[i] = sum / l[i * n + i];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rosenbrock's function: non-convex, the classic test of a safeguarded Newton method.
    struct Rosenbrock;

    impl SmoothObjective for Rosenbrock {
        fn dim(&self) -> usize {
            2
        }
        fn value(&self, t: &[f64]) -> f64 {
            (1.0 - t[0]).powi(2) + 100.0 * (t[1] - t[0] * t[0]).powi(2)
        }
        fn derivatives(&self, t: &[f64], g: &mut [f64], s: &mut [f64], h: &mut [f64]) -> f64 {
            let (x, y) = (t[0], t[1]);
            let a = -2.0 * (1.0 - x);
            let b = -400.0 * x * (y - x * x);
            g[0] = a + b;
            s[0] = a.abs() + b.abs();
            g[1] = 200.0 * (y - x * x);
            s[1] = 200.0 * y.abs() + 200.0 * x * x;
            h[0] = 2.0 - 400.0 * (y - x * x) + 800.0 * x * x;
            h[1] = -400.0 * x;
            h[2] = -400.0 * x;
            h[3] = 200.0;
            self.value(t)
        }
    }

    #[test]
    fn minimises_rosenbrock_from_the_classic_start() {
        let out = minimise(&Rosenbrock, vec![-1.2, 1.0], None, 1e-10, 200);
        assert!(out.converged, "{out:?}");
        assert!((out.theta[0] - 1.0).abs() < 1e-8 && (out.theta[1] - 1.0).abs() < 1e-8, "{out:?}");
    }

    #[test]
    fn cholesky_solves_and_refuses_indefinite_matrices() {
        let a = [4.0, 2.0, 0.0, 2.0, 5.0, 1.0, 0.0, 1.0, 3.0];
        let mut l = [0.0; 9];
        assert!(cholesky(&a, &[1.0; 3], 0.0, 3, &mut l));
        let mut b = [2.0, 3.0, 4.0];
        solve_in_place(&l, 3, &mut b);
        for i in 0..3 {
            let row: f64 = (0..3).map(|j| a[i * 3 + j] * b[j]).sum();
            assert!((row - [2.0, 3.0, 4.0][i]).abs() < 1e-14);
        }
        let indefinite = [1.0, 2.0, 2.0, 1.0];
        assert!(!cholesky(&indefinite, &[1.0; 2], 0.0, 2, &mut l[..4]));
        assert!(cholesky(&indefinite, &[1.0; 2], 1.5, 2, &mut l[..4]));
    }
}
