//! Categorical cross-entropy and softmax on a vector of K logits `z`.
//!
//! With `z* = max_k z_k` and `S = Σ_{k ≠ k*} e^{z_k − z*}` (every term ≤ 1, the largest
//! logit's own term 1 left out):
//!
//! * `logsumexp(z) = z* + log1p(S)`,
//! * `softmax(z)_k = e^{z_k − z*} / (1 + S)`,
//! * `CE(z, y) = logsumexp(z) − z_y = (z* − z_y) + log1p(S)`,
//! * `∂CE/∂z_k = softmax(z)_k − [k = y]`, with the true class's entry evaluated as
//!   `−Σ_{k ≠ y} softmax(z)_k` so that it does not cancel when the prediction is confident.
//!
//! Shifting by the largest logit means no exponential exceeds 1, so logits of ±1000 are exact:
//! `softmax([1000, 0, −1000]) = [1, 0, 0]` and the losses are `[0, 1000, 2000]`.
//! Logits must be finite. The functions take fixed-size arrays, so no length can mismatch and
//! nothing allocates.

/// `(z*, S, e)` with `e_k = e^{z_k − z*}`; `z* = −∞` for K = 0.
#[inline]
fn shifted<const K: usize>(logits: &[f64; K]) -> (f64, f64, [f64; K]) {
    let mut top = 0;
    for k in 1..K {
        if logits[k] > logits[top] {
            top = k;
        }
    }
    let max = if K == 0 { f64::NEG_INFINITY } else { logits[top] };
    let mut e = [0.0; K];
    let mut rest = 0.0;
    for k in 0..K {
        e[k] = (logits[k] - max).exp();
        if k != top {
            rest += e[k];
        }
    }
    (max, rest, e)
}

/// `logsumexp(z) = log Σ_k e^{z_k} = z* + log1p(Σ_{k≠k*} e^{z_k − z*})`, without overflow.
/// Returns `−∞` for an empty slice (the logarithm of an empty sum).
pub fn log_sum_exp(logits: &[f64]) -> f64 {
    let mut top = 0;
    for k in 1..logits.len() {
        if logits[k] > logits[top] {
            top = k;
        }
    }
    let Some(&max) = logits.get(top) else {
        return f64::NEG_INFINITY;
    };
    let rest: f64 = logits.iter().enumerate().filter(|&(k, _)| k != top).map(|(_, &z)| (z - max).exp()).sum();
    max + rest.ln_1p()
}

/// `softmax(z)_k = e^{z_k} / Σ_j e^{z_j}`, computed as `e^{z_k − z*}/(1 + S)`; the entries are
/// in [0, 1] and sum to 1 up to rounding.
pub fn softmax<const K: usize>(logits: &[f64; K]) -> [f64; K] {
    let (_, rest, mut e) = shifted(logits);
    let denominator = 1.0 + rest;
    for v in e.iter_mut() {
        *v /= denominator;
    }
    e
}

/// Categorical cross-entropy `CE(z, y) = logsumexp(z) − z_y = −log softmax(z)_y`, as
/// `(z* − z_y) + log1p(S)` (exact when the true class has the largest logit).
/// `None` if `class ≥ K`.
pub fn categorical_cross_entropy<const K: usize>(logits: &[f64; K], class: usize) -> Option<f64> {
    let z_y = *logits.get(class)?;
    let (max, rest, _) = shifted(logits);
    Some((max - z_y) + rest.ln_1p())
}

/// The gradient `∂CE/∂z_k = softmax(z)_k − [k = y]` (softmax minus one-hot).
/// `None` if `class ≥ K`.
pub fn categorical_cross_entropy_gradient<const K: usize>(logits: &[f64; K], class: usize) -> Option<[f64; K]> {
    if class >= K {
        return None;
    }
    let mut g = softmax(logits);
    // 1 − p_y = Σ_{k≠y} p_k, summed from the small terms rather than subtracted from 1.
    let others: f64 = g.iter().enumerate().filter(|&(k, _)| k != class).map(|(_, p)| p).sum();
    g[class] = -others;
    Some(g)
}
