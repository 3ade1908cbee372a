//! The data rectangle a scatter plot shows, and the autoscaling rule that chooses it.

use losslab_core::numerics::classification::LabeledPoints;
use losslab_core::numerics::points::Points;

/// A rectangle of data coordinates: `x_min < x_max` and `y_min < y_max`, all finite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewBox {
    /// Left edge.
    pub x_min: f64,
    /// Right edge.
    pub x_max: f64,
    /// Bottom edge.
    pub y_min: f64,
    /// Top edge.
    pub y_max: f64,
}

/// Fraction of the data span added on every side.
const MARGIN: f64 = 0.08;

impl ViewBox {
    /// The default view when there are no points.
    pub const DEFAULT: ViewBox = ViewBox { x_min: -1.0, x_max: 11.0, y_min: -2.0, y_max: 22.0 };

    /// The smallest box holding every point with an 8 % margin of its spread on each side,
    /// however small that spread is next to the coordinates. A degenerate span (one point, all
    /// x equal, or a spread at the level of rounding noise) is widened to a sensible window
    /// around its centre (see `padded`).
    pub fn fit(points: &Points) -> ViewBox {
        if points.is_empty() {
            return ViewBox::DEFAULT;
        }
        let (x_min, x_max) = bounds(points.xs());
        let (y_min, y_max) = bounds(points.ys());
        let (x_min, x_max) = padded(x_min, x_max);
        let (y_min, y_max) = padded(y_min, y_max);
        ViewBox { x_min, x_max, y_min, y_max }
    }

    /// Width of the box in data units.
    pub fn width(&self) -> f64 {
        self.x_max - self.x_min
    }

    /// Height of the box in data units.
    pub fn height(&self) -> f64 {
        self.y_max - self.y_min
    }

    /// Clamps a data point into the box.
    pub fn clamp(&self, x: f64, y: f64) -> (f64, f64) {
        (x.clamp(self.x_min, self.x_max), y.clamp(self.y_min, self.y_max))
    }

    /// The box grown by `spans` times its width and height on every side.
    pub fn expanded(&self, spans: f64) -> ViewBox {
        let (dx, dy) = (spans * self.width(), spans * self.height());
        ViewBox { x_min: self.x_min - dx, x_max: self.x_max + dx, y_min: self.y_min - dy, y_max: self.y_max + dy }
    }

    /// The smallest box containing this one and the point, with the usual margin on a side
    /// that had to grow (a point dragged past an edge stays visible).
    pub fn including(&self, x: f64, y: f64) -> ViewBox {
        let mut view = *self;
        let (mx, my) = (MARGIN * self.width(), MARGIN * self.height());
        if x < view.x_min {
            view.x_min = x - mx;
        }
        if x > view.x_max {
            view.x_max = x + mx;
        }
        if y < view.y_min {
            view.y_min = y - my;
        }
        if y > view.y_max {
            view.y_max = y + my;
        }
        view
    }

    /// Whether the box contains the point.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x_min && x <= self.x_max && y >= self.y_min && y <= self.y_max
    }

    /// The part of the line y = w·x + b inside the box, as two end points, or `None` if the
    /// line misses the box.
    pub fn clip_line(&self, slope: f64, intercept: f64) -> Option<((f64, f64), (f64, f64))> {
        let (mut x0, mut x1) = (self.x_min, self.x_max);
        if slope != 0.0 {
            // x where the line meets the bottom and top edges.
            let xa = (self.y_min - intercept) / slope;
            let xb = (self.y_max - intercept) / slope;
            let (lo, hi) = if xa < xb { (xa, xb) } else { (xb, xa) };
            x0 = x0.max(lo);
            x1 = x1.min(hi);
        } else if intercept < self.y_min || intercept > self.y_max {
            return None;
        }
        if x0 >= x1 || !x0.is_finite() || !x1.is_finite() {
            return None;
        }
        let y = |x: f64| (slope * x + intercept).clamp(self.y_min, self.y_max);
        Some(((x0, y(x0)), (x1, y(x1))))
    }
}

/// The smallest and largest of `values` (∞ and −∞ for none).
pub fn bounds(values: &[f64]) -> (f64, f64) {
    values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)))
}

/// `(lo, hi)` with the margin on both sides. The spread is shown however small it is next to
/// the coordinates (x from 1000 to 1000.001 fills the plot), unless it is rounding noise, at
/// most 10⁻⁹ of their magnitude: then, as for a single value, the window is ±1 around the
/// centre, or ±10⁻⁶ of the centre's magnitude when that is wider.
pub fn padded(lo: f64, hi: f64) -> (f64, f64) {
    let span = hi - lo;
    let centre = 0.5 * lo + 0.5 * hi;
    if span <= 1e-9 * lo.abs().max(hi.abs()) {
        let half = (1e-6 * centre.abs()).max(1.0);
        return (centre - half, centre + half);
    }
    let pad = MARGIN * span;
    (lo - pad, hi + pad)
}

/// Where a point added from the keyboard goes: the first of `centre`, `centre + step`,
/// `centre − step`, `centre + 2·step`, … (ten steps each way) that `occupied` says is free, or
/// the centre when none is. Pressing A three times put three points on one spot, where a
/// student saw one new dot and could not tell which one the arrows moved.
pub fn free_spot(centre: f64, step: f64, occupied: impl Fn(f64) -> bool) -> f64 {
    (0..=20)
        .map(|k| centre + step * f64::from(if k % 2 == 1 { (k + 1) / 2 } else { -(k / 2) }))
        .find(|&x| !occupied(x))
        .unwrap_or(centre)
}

/// Where the regression lab's A key adds a point: the centre of `view`, or beside it (see
/// [`free_spot`]: a twentieth of the width apart, a point within a fiftieth of the height
/// of the centre line counting as there), rounded to a thousandth of the view so the link and
/// the CSV get short decimals (0.652, not 0.6519999999999999).
pub fn keyboard_spot(points: &Points, view: &ViewBox) -> (f64, f64) {
    let (x, y) = (0.5 * (view.x_min + view.x_max), 0.5 * (view.y_min + view.y_max));
    let (step, reach_y) = (0.05 * view.width(), 0.02 * view.height());
    let occupied = |x: f64| points.iter().any(|(px, py)| (px - x).abs() < 0.5 * step && (py - y).abs() < reach_y);
    let x = free_spot(x, step, occupied);
    let short = |v: f64, scale: f64| crate::format::round_decimal(v, 1e-3 * scale);
    (short(x, view.width()), short(y, view.height()))
}

/// Where the classification lab's A key adds a point of class `label`: x at the centre of
/// `x_range`, or beside it, away from that class's points (see [`keyboard_spot`]).
pub fn keyboard_spot_x(points: &LabeledPoints, x_range: (f64, f64), label: bool) -> f64 {
    let step = 0.05 * (x_range.1 - x_range.0);
    let occupied = |x: f64| points.iter().any(|(px, l)| l == label && (px - x).abs() < 0.5 * step);
    let x = free_spot(0.5 * (x_range.0 + x_range.1), step, occupied);
    crate::format::round_decimal(x, 1e-3 * (x_range.1 - x_range.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_keeps_every_point_inside_with_margin() {
        let points = Points::from_pairs(&[(0.0, 1.0), (10.0, 21.0), (5.0, -3.0)]).unwrap();
        let view = ViewBox::fit(&points);
        for (x, y) in points.iter() {
            assert!(view.contains(x, y));
        }
        assert!((view.x_min - (-0.8)).abs() < 1e-12 && (view.x_max - 10.8).abs() < 1e-12);
        assert!((view.y_min - (-3.0 - 1.92)).abs() < 1e-12);
    }

    #[test]
    fn degenerate_spans_get_a_minimum_width() {
        let one = ViewBox::fit(&Points::from_pairs(&[(2.0, 3.0)]).unwrap());
        assert!(one.width() >= 2.0 && one.height() >= 2.0 && one.contains(2.0, 3.0));
        assert_eq!(ViewBox::fit(&Points::empty()), ViewBox::DEFAULT);
        let far = ViewBox::fit(&Points::from_pairs(&[(1e12, 5.0), (1e12, 6.0)]).unwrap());
        assert!(far.width() > 0.0 && far.contains(1e12, 5.5));
    }

    #[test]
    fn a_tiny_spread_is_shown_with_its_margin_wherever_it_lies() {
        // x from 1000 to 1000.001 (the view was 999.5 – 1001: one vertical line of points).
        let points = Points::from_pairs(&[(1000.0, 1.0), (1000.0005, 2.0), (1000.001, 3.1), (1000.0002, 1.5)]).unwrap();
        let view = ViewBox::fit(&points);
        assert!((view.x_min - (1000.0 - 0.08e-3)).abs() < 1e-9 && (view.x_max - (1000.001 + 0.08e-3)).abs() < 1e-9);
        // The same near 0, and at 10⁹ with a spread of 10⁻⁶ of it.
        let near_zero = ViewBox::fit(&Points::from_pairs(&[(0.0, 0.0), (0.001, 1e-4)]).unwrap());
        assert!(near_zero.width() < 0.0012 && near_zero.height() < 1.2e-4, "{near_zero:?}");
        let far = ViewBox::fit(&Points::from_pairs(&[(1e9, 0.0), (1e9 + 1000.0, 1.0)]).unwrap());
        assert!(far.width() < 1200.0 && far.contains(1e9, 0.0) && far.contains(1e9 + 1000.0, 1.0), "{far:?}");
        // A spread at the level of rounding noise is no spread: the window of a single value.
        let noise = ViewBox::fit(&Points::from_pairs(&[(1e6, 1.0), (1e6 + 1e-9, 2.0)]).unwrap());
        assert!((noise.x_min - (1e6 - 1.0)).abs() < 1e-6 && (noise.x_max - (1e6 + 1.0)).abs() < 1e-6, "{noise:?}");
        let same = ViewBox::fit(&Points::from_pairs(&[(3.0, 1.0), (3.0, 2.0)]).unwrap());
        assert_eq!((same.x_min, same.x_max), (2.0, 4.0));
    }

    #[test]
    fn including_grows_only_the_side_that_must() {
        let view = ViewBox { x_min: 0.0, x_max: 10.0, y_min: 0.0, y_max: 10.0 };
        assert_eq!(view.including(5.0, 5.0), view);
        let grown = view.including(5.0, 20.0);
        assert_eq!((grown.x_min, grown.x_max, grown.y_min), (0.0, 10.0, 0.0));
        assert!((grown.y_max - 20.8).abs() < 1e-12);
        assert_eq!(view.expanded(1.0), ViewBox { x_min: -10.0, x_max: 20.0, y_min: -10.0, y_max: 20.0 });
    }

    #[test]
    fn clip_line_stays_inside() {
        let view = ViewBox { x_min: 0.0, x_max: 10.0, y_min: 0.0, y_max: 10.0 };
        let ((x0, y0), (x1, y1)) = view.clip_line(2.0, -5.0).unwrap();
        assert!((x0 - 2.5).abs() < 1e-12 && y0.abs() < 1e-12);
        assert!((x1 - 7.5).abs() < 1e-12 && (y1 - 10.0).abs() < 1e-12);
        assert!(view.clip_line(0.0, 20.0).is_none());
        assert!(view.clip_line(1.0, 30.0).is_none());
        let flat = view.clip_line(0.0, 4.0).unwrap();
        assert_eq!(flat, ((0.0, 4.0), (10.0, 4.0)));
    }

    #[test]
    fn keyboard_additions_take_free_spots_beside_the_centre() {
        let taken = [0.0, 1.0, -1.0];
        let occupied = |x: f64| taken.iter().any(|&t| (t - x).abs() < 0.5);
        assert_eq!(free_spot(0.0, 1.0, occupied), 2.0);
        assert_eq!(free_spot(0.0, 1.0, |_| false), 0.0);
        assert_eq!(free_spot(5.0, 1.0, |_| true), 5.0);
        assert_eq!(free_spot(0.0, 1.0, |x| x > -0.5), -1.0);
    }
}
