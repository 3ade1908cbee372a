//! The hinge-loss line fit: an exact inner minimisation over the intercept and a golden-section
//! search over the slope.
//!
//! In scaled coordinates (`u = (x − x̄)/s`, logit `z = a·u + c`) the objective is
//! `F(a, c) = (1/n) Σ max(0, 1 − tᵢ(a·uᵢ + c)) + (λ_u/2)·a²`.
//!
//! * **Inner problem, exact.** For fixed a, the term of point i is a hinge in c with its kink
//!   at `kᵢ = tᵢ − a·uᵢ` (a positive point's term falls with slope −1 up to its kink, a
//!   negative point's rises with slope +1 after it). So the slope of `c ↦ F(a, c)` just right
//!   of the j-th smallest kink is `(j − P)/n`, whatever the classes of the passed kinks, with
//!   P the number of label-1 points. The minimisers are exactly the interval between the P-th
//!   and (P+1)-th smallest kinks, found by selection in O(n); its midpoint is the intercept we
//!   return, for determinism.
//! * **Outer problem, provably converged.** `G(a) = min_c F(a, c)` is convex (a partial
//!   minimum of a jointly convex function), so golden-section search on a bracket that
//!   contains a minimiser keeps one inside at every step. The bracket comes from two bounds:
//!   `G(0) = 2·min(P, N)/n`, so `(λ_u/2)·a*² ≤ G(0)`; and if a negative point lies right of a
//!   positive one (gap `d₊ = max u₋ − min u₊ > 0`), those two points alone cost at least
//!   `(2 + a·d₊)/n` for `a > 0`, so `a* ≤ (2·min(P, N) − 2)/d₊` (likewise for `a < 0`). With
//!   λ = 0 one of the gaps is ≤ 0 exactly when the data are separable, which the caller
//!   refuses beforehand. The search stops when the bracket is narrower than
//!   `w·max(1, |a|)`, w = 10⁻¹² for a cold fit; as G is Lipschitz, the objective is then
//!   within about w of the minimum. A warm-started fit (the frames of a drag, whose numbers
//!   the table shows rounded to a few digits and which the cold fit at rest replaces) stops
//!   at w = 10⁻⁹: the slope is then right to about nine digits, the line off by far less than
//!   a pixel, and the search needs about 15 fewer evaluations of G (each O(n)).
//!
//! With λ = 0 the optimal slopes may form an interval (G is piecewise linear); the search
//! then returns a deterministic point of it. Two values of G within their rounding of each
//! other (each evaluation bounds its own: about ε·(1 + |a·u| + |c|) for every term not
//! clipped to 0, n·ε of the sum; clipped terms are exact) are a tie, kept on the side
//! nearer slope 0: where the penalty is below that rounding (a tiny λ, or x so large that
//! λ_u = λ/s² is) every slope past the margin reads alike, and a plain comparison followed
//! the rounding to slopes 10¹⁶ times the optimum. For separable classes the slope 2/gap
//! (every margin ≥ 1) bounds the bracket as well. A slope of 0 is returned whenever its objective
//! is no higher than the best found, up to the rounding of the sums (n·ε relative): the
//! search alone would stop a hair away from an optimal 0, e.g. at 10⁻¹³, and the boundary
//! −b/w would land far off the plot. (`converged` and the bracket width then describe the
//! search, whose bracket need not contain 0.)

use super::data::LabeledPoints;

const GOLDEN: f64 = 0.618_033_988_749_894_9; // (√5 − 1)/2
/// The bracket's final relative width for a cold fit.
const RELATIVE_WIDTH: f64 = 1e-12;
/// The bracket's final relative width for a warm-started fit (a drag's frames).
const WARM_RELATIVE_WIDTH: f64 = 1e-9;
const MAX_EVALUATIONS: usize = 400;

/// A hinge fit in scaled coordinates.
pub(crate) struct HingeOutcome {
    pub slope: f64,
    pub intercept: f64,
    pub evaluations: usize,
    pub relative_width: f64,
    /// Whether the bracket met the width tolerance within the evaluation limit.
    pub converged: bool,
}

struct Profile<'a> {
    points: &'a LabeledPoints,
    centre: f64,
    inv_scale: f64,
    lambda: f64,
    positives: usize,
    kinks: Vec<f64>,
    evaluations: usize,
}

/// One evaluation of the profile: `G(a)`, a bound on its rounding, and `[lo, hi]` the optimal
/// intercepts for the slope.
struct Evaluation {
    g: f64,
    rounding: f64,
    lo: f64,
    hi: f64,
}

impl Profile<'_> {
    /// The profile at slope `a` (see [`Evaluation`]). The rounding counts the terms that are
    /// not clipped to 0: each carries about ε·(1 + |a·u| + |c| + its value) from the product,
    /// the sum with the intercept and the subtraction from 1, and the sum of n terms about
    /// n·ε of itself. (Clipped terms are exact; counting every term as if active, at its
    /// |a·u|, swamped the differences near a steep optimum.)
    fn at(&mut self, a: f64) -> Evaluation {
        self.evaluations += 1;
        let (centre, inv_scale) = (self.centre, self.inv_scale);
        for (k, (x, positive)) in self.kinks.iter_mut().zip(self.points.iter()) {
            let t = if positive { 1.0 } else { -1.0 };
            *k = t - a * ((x - centre) * inv_scale);
        }
        // The caller guarantees 1 ≤ P ≤ n − 1, so both order statistics exist.
        let rank = self.positives - 1;
        crate::numerics::regression::select_values(&mut self.kinks, rank);
        let lo = self.kinks[rank];
        let hi = self.kinks[rank + 1..].iter().copied().fold(f64::INFINITY, f64::min);
        let n = self.points.len() as f64;
        let (mut sum, mut rounding) = (0.0, 0.0);
        for (x, positive) in self.points.iter() {
            let slope_part = a * ((x - centre) * inv_scale);
            let z = slope_part + lo;
            let term = 1.0 - if positive { z } else { -z };
            if term > 0.0 {
                sum += term;
                rounding += 1.0 + slope_part.abs() + lo.abs() + term;
            }
        }
        let rounding = f64::EPSILON * (2.0 * rounding + n * sum) / n;
        Evaluation { g: sum / n + 0.5 * self.lambda * a * a, rounding, lo, hi }
    }
}

/// Minimises the scaled hinge objective. Preconditions (checked by the caller): both classes
/// present; if `lambda == 0` and `inv_scale > 0`, the data are not separable. `inv_scale = 0`
/// (all x equal) fixes the slope at 0.
///
/// `warm`, a scaled slope near the optimum (the last fit's while a point is dragged), narrows
/// the search's starting bracket (see [`warm_bracket`]) and loosens the final width from
/// 10⁻¹² to 10⁻⁹ (see the module documentation).
pub(crate) fn minimise_hinge(
    points: &LabeledPoints,
    centre: f64,
    inv_scale: f64,
    lambda: f64,
    warm: Option<f64>,
) -> HingeOutcome {
    let n = points.len();
    let positives = points.positives();
    let mut profile = Profile { points, centre, inv_scale, lambda, positives, kinks: vec![0.0; n], evaluations: 0 };

    let (lower, upper) = if inv_scale == 0.0 { (0.0, 0.0) } else { bracket(points, centre, inv_scale, lambda) };
    let width = if warm.is_some() { WARM_RELATIVE_WIDTH } else { RELATIVE_WIDTH };
    let (mut a, mut b) = match warm.filter(|&start| lower < start && start < upper) {
        Some(start) => warm_bracket(&mut profile, start, lower, upper),
        None => (lower, upper),
    };
    let mut best = (0.5 * (a + b), profile.at(0.5 * (a + b)).g);
    if b > a {
        let mut c = b - GOLDEN * (b - a);
        let mut d = a + GOLDEN * (b - a);
        let mut fc = profile.at(c);
        let mut fd = profile.at(d);
        while b - a > width * a.abs().max(b.abs()).max(1.0) && profile.evaluations < MAX_EVALUATIONS {
            // Convexity: if G(c) ≤ G(d) a minimiser lies in [a, d], otherwise in [c, b]. G(c)
            // and G(d) within G's rounding of each other are a tie, kept on the side nearer
            // slope 0: where the penalty (λ_u/2)·a² is below that rounding (a tiny λ, or x in
            // the 10⁴⁰s with λ = 0.01, as λ_u = λ/s²) every slope past the margin reads alike,
            // and a plain comparison followed the rounding out to slopes of 10¹⁶.
            let tie = (fc.g - fd.g).abs() <= fc.rounding + fd.rounding;
            let keep_left = if tie { d.abs() >= c.abs() } else { fc.g <= fd.g };
            if keep_left {
                b = d;
                d = c;
                fd = fc;
                c = b - GOLDEN * (b - a);
                fc = profile.at(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + GOLDEN * (b - a);
                fd = profile.at(d);
            }
        }
        let middle = 0.5 * (a + b);
        let fm = profile.at(middle).g;
        best = [(c, fc.g), (d, fd.g), (middle, fm)]
            .into_iter()
            .fold((middle, fm), |acc, p| if p.1 < acc.1 { p } else { acc });
        // A flat line is the answer when it does as well as the best slope found, up to the
        // rounding of the sums: the search only homes in on an optimal slope of 0 (it returned
        // slopes such as 1.6e-13, whose boundary −b/w then sat 10¹² away). A slope that
        // lowers the objective by more than that rounding is kept, however small.
        let flat = profile.at(0.0).g;
        if flat <= best.1 + n as f64 * f64::EPSILON * best.1.abs().max(1.0) {
            best = (0.0, flat);
        }
    }
    let converged = b - a <= width * a.abs().max(b.abs()).max(1.0);
    let Evaluation { lo, hi, .. } = profile.at(best.0);
    HingeOutcome {
        converged,
        slope: best.0,
        intercept: 0.5 * (lo + hi),
        evaluations: profile.evaluations,
        // Relative to the bracket's own ends, as the stopping rule measures it (the slope
        // returned may be the flat 0 instead, far from a bracket around |a| = 2).
        relative_width: (b - a) / a.abs().max(b.abs()).max(1.0),
    }
}

/// A bracket of a minimiser of the convex profile G inside the cold bracket `[lower, upper]`,
/// found by stepping out from `start` in doubling steps (from 10⁻⁶·max(1, |start|)) while G
/// keeps falling. It ends at three slopes `p, q, r` in order along the walk with
/// `G(q) ≤ G(p)` and `G(q) ≤ G(r)` (or `r` at an end of the cold bracket): by convexity a
/// minimiser lies between `p` and `r`. Each doubling costs one evaluation, and each halving
/// of the bracket in the golden-section search about 1.44, so a small first step pays: an
/// optimum that did not move (a dragged point off the margin) or moved little leaves a
/// bracket far narrower than the cold one.
fn warm_bracket(profile: &mut Profile<'_>, start: f64, lower: f64, upper: f64) -> (f64, f64) {
    let ordered = |p: f64, q: f64| if p <= q { (p, q) } else { (q, p) };
    // G falls from one evaluation to the next only by more than their rounding.
    let falls = |from: &Evaluation, to: &Evaluation| to.g < from.g - (from.rounding + to.rounding);
    let mut step = 1e-6 * start.abs().max(1.0);
    let at_start = profile.at(start);
    let right = (start + step).min(upper);
    let at_right = profile.at(right);
    let (direction, mut near, mut at_near) = if falls(&at_start, &at_right) {
        (1.0, right, at_right)
    } else {
        let left = (start - step).max(lower);
        let at_left = profile.at(left);
        if !falls(&at_start, &at_left) {
            // Neither side is lower: a minimiser lies between them, unless G is flat there
            // within its rounding (a penalty too small to tell the slopes apart), where the
            // smallest such slope may be far off: then the cold bracket is searched.
            let rises = |to: &Evaluation| to.g > at_start.g + at_start.rounding + to.rounding;
            return if rises(&at_left) && rises(&at_right) { (left, right) } else { (lower, upper) };
        }
        (-1.0, left, at_left)
    };
    let mut behind = start;
    while profile.evaluations < MAX_EVALUATIONS / 2 {
        step *= 2.0;
        let next = (near + direction * step).clamp(lower, upper);
        if next == near {
            // At an end of the cold bracket, which holds a minimiser.
            return ordered(behind, next);
        }
        let at_next = profile.at(next);
        if !falls(&at_near, &at_next) {
            return ordered(behind, next);
        }
        (behind, near, at_near) = (near, next, at_next);
    }
    (lower, upper)
}

/// A bracket `[lower, upper]` of the optimal scaled slope; see the module documentation.
fn bracket(points: &LabeledPoints, centre: f64, inv_scale: f64, lambda: f64) -> (f64, f64) {
    let (mut min_pos, mut max_pos, mut min_neg, mut max_neg) =
        (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
    for (x, positive) in points.iter() {
        let u = (x - centre) * inv_scale;
        if positive {
            min_pos = min_pos.min(u);
            max_pos = max_pos.max(u);
        } else {
            min_neg = min_neg.min(u);
            max_neg = max_neg.max(u);
        }
    }
    let n = points.len();
    let positives = points.positives();
    let minority = positives.min(n - positives) as f64;
    let mut upper = f64::INFINITY;
    let mut lower = f64::NEG_INFINITY;
    if lambda > 0.0 {
        let radius = (2.0 * (2.0 * minority / n as f64) / lambda).sqrt();
        upper = radius;
        lower = -radius;
    }
    let gap_up = max_neg - min_pos;
    if gap_up > 0.0 {
        upper = upper.min((2.0 * minority - 2.0) / gap_up);
    }
    let gap_down = max_pos - min_neg;
    if gap_down > 0.0 {
        lower = lower.max(-(2.0 * minority - 2.0) / gap_down);
    }
    // Separable classes: the slope 2/gap with the intercept in the gap's middle puts every
    // point at a margin of at least 1, so hinge loss 0; a steeper slope only adds penalty.
    // (Without this bound a tiny λ left the search a bracket of ±√(2/λ) — ±10¹⁵⁰ at
    // λ = 10⁻³⁰⁰ — that 400 evaluations could not narrow to the optimum.)
    if gap_up < 0.0 {
        upper = upper.min(2.0 / -gap_up);
    }
    if gap_down < 0.0 {
        lower = lower.max(-2.0 / -gap_down);
    }
    // Unreachable under the caller's preconditions; a wide finite bracket keeps the search
    // well defined regardless.
    if !upper.is_finite() {
        upper = 1e8;
    }
    if !lower.is_finite() {
        lower = -1e8;
    }
    // Widen by a hair so that rounding in the bounds cannot exclude an optimum at an end.
    (lower - 1e-12 * lower.abs().max(1.0), upper + 1e-12 * upper.abs().max(1.0))
}
