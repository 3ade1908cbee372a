//! Validated regression data and the line model `ŷ = w·x + b`.

use crate::numerics::error::{check_coordinate, InputError};

/// A straight line `ŷ = slope·x + intercept`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Line {
    /// The slope w.
    pub slope: f64,
    /// The intercept b (the prediction at x = 0).
    pub intercept: f64,
}

impl Line {
    /// A line with slope `w` and intercept `b`.
    pub const fn new(slope: f64, intercept: f64) -> Self {
        Line { slope, intercept }
    }

    /// The prediction ŷ = w·x + b.
    #[inline]
    pub fn predict(self, x: f64) -> f64 {
        self.slope * x + self.intercept
    }

    /// The residual r = y − (w·x + b), from the prediction rounded once
    /// ([`predict_exactly`](Self::predict_exactly)), so that the per-point residuals and
    /// losses the app shows agree with the mean losses on data far from x = 0 too.
    #[inline]
    pub fn residual(self, x: f64, y: f64) -> f64 {
        y - self.predict_exactly(x)
    }

    /// The prediction ŷ = w·x + b from its exact value (Dekker's exact product and Knuth's
    /// exact sum, then one rounding of their error terms: within an ulp of the correctly
    /// rounded value, which it is in practice; WebAssembly has no fused multiply-add, and its
    /// software one is large and slow). Where w·x and b nearly cancel — data far from x = 0, as x near 10¹⁵
    /// with ŷ near 1 — [`predict`](Self::predict) keeps only the last few bits of the
    /// result; this keeps all of them. Falls back to `predict` where a term is not finite or
    /// too large to split (|w|, |x| ≥ 10³⁰⁰).
    pub fn predict_exactly(self, x: f64) -> f64 {
        let (w, b) = (self.slope, self.intercept);
        let product = w * x;
        let plain = product + b;
        if !(plain.is_finite() && w.abs() < 1e300 && x.abs() < 1e300) {
            return plain;
        }
        // Veltkamp's split: a = high + low, each with at most 26 significant bits, so the
        // partial products below are exact.
        let split = |a: f64| {
            let c = 134_217_729.0 * a;
            let high = c - (c - a);
            (high, a - high)
        };
        let ((wh, wl), (xh, xl)) = (split(w), split(x));
        let product_error = ((wh * xh - product) + wh * xl + wl * xh) + wl * xl;
        let back = plain - product;
        let sum_error = (product - (plain - back)) + (b - back);
        plain + (sum_error + product_error)
    }
}

/// A validated set of regression points, stored as two columns.
///
/// Invariant: `xs.len() == ys.len()` and every coordinate is finite with magnitude at most
/// [`crate::numerics::error::MAX_ABS_COORDINATE`]. Every function that takes `&Points`
/// relies on it and does not re-check.
///
/// `Eq` holds because every coordinate is finite (no NaN), so `==` is an equivalence. It also
/// lets `Rc<Points>` compare by pointer first: the app compares states of thousands of points
/// (and their undo history) on every frame of a drag.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Points {
    xs: Vec<f64>,
    ys: Vec<f64>,
}

// Every coordinate is finite (the invariant above), so `==` is reflexive.
impl Eq for Points {}

impl Points {
    /// Validates two columns of coordinates.
    pub fn new(xs: Vec<f64>, ys: Vec<f64>) -> Result<Self, InputError> {
        if xs.len() != ys.len() {
            return Err(InputError::LengthMismatch { xs: xs.len(), ys: ys.len() });
        }
        for (i, (&x, &y)) in xs.iter().zip(&ys).enumerate() {
            check_coordinate("x", i, x)?;
            check_coordinate("y", i, y)?;
        }
        Ok(Points { xs, ys })
    }

    /// Validates a list of `(x, y)` pairs.
    pub fn from_pairs(pairs: &[(f64, f64)]) -> Result<Self, InputError> {
        let (xs, ys) = pairs.iter().copied().unzip();
        Points::new(xs, ys)
    }

    /// The empty data set.
    pub fn empty() -> Self {
        Points::default()
    }

    /// Number of points n.
    pub fn len(&self) -> usize {
        self.xs.len()
    }

    /// Whether there are no points.
    pub fn is_empty(&self) -> bool {
        self.xs.is_empty()
    }

    /// The x column.
    pub fn xs(&self) -> &[f64] {
        &self.xs
    }

    /// The y column.
    pub fn ys(&self) -> &[f64] {
        &self.ys
    }

    /// The `i`-th point as `(x, y)`, if it exists.
    pub fn get(&self, i: usize) -> Option<(f64, f64)> {
        Some((*self.xs.get(i)?, *self.ys.get(i)?))
    }

    /// Iterates over the points as `(x, y)` pairs.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (f64, f64)> + '_ {
        self.xs.iter().copied().zip(self.ys.iter().copied())
    }

    /// A copy with point `i` moved to `(x, y)`; errors if the new coordinates are invalid or
    /// `i` is out of range (reported as a length mismatch of the index).
    pub fn with_point(&self, i: usize, x: f64, y: f64) -> Result<Points, InputError> {
        check_coordinate("x", i, x)?;
        check_coordinate("y", i, y)?;
        if i >= self.len() {
            return Err(InputError::LengthMismatch { xs: i + 1, ys: self.len() });
        }
        let mut next = self.clone();
        next.xs[i] = x;
        next.ys[i] = y;
        Ok(next)
    }
}
