//! Mapping pointer positions on a plot to data, shared by the two interactive plots.

use crate::charts::PlotArea;
use crate::format::round_decimal;
use web_sys::{HtmlCanvasElement, MouseEvent, PointerEvent};
use yew::{NodeRef, TargetCast};

/// The mapping from pointer positions to data: the plotting area (backend pixels) and the
/// buffer pixels per CSS pixel. Hit-testing compares distances in CSS pixels, so a point is as
/// easy to grab whatever the axis scales.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlotGeometry {
    /// The plotting area and its data rectangle.
    pub area: PlotArea,
    /// Buffer pixels per CSS pixel.
    pub ratio: f64,
}

impl PlotGeometry {
    /// The data coordinates under a CSS-pixel offset, each rounded to the coarsest power of ten
    /// that is at most half a CSS pixel there: a point still lands under the pointer, and links
    /// and CSV files hold `19.26` rather than `19.259999999999998`.
    pub fn data_at(&self, css: (f64, f64)) -> (f64, f64) {
        let (x, y) = self.area.to_data(css.0 * self.ratio, css.1 * self.ratio);
        let (x_half, y_half) = self.area.to_data((css.0 + 0.5) * self.ratio, (css.1 + 0.5) * self.ratio);
        (round_decimal(x, (x_half - x).abs()), round_decimal(y, (y_half - y).abs()))
    }

    /// Whether a CSS-pixel offset lies inside the plotting area.
    pub fn contains(&self, css: (f64, f64)) -> bool {
        self.area.contains_pixel(css.0 * self.ratio, css.1 * self.ratio)
    }

    /// The index of the point (given in data coordinates) nearest to `css`, within `radius`
    /// CSS pixels.
    pub fn hit(&self, points: impl Iterator<Item = (f64, f64)>, css: (f64, f64), radius: f64) -> Option<usize> {
        let limit = (radius * self.ratio).powi(2);
        let (px, py) = (css.0 * self.ratio, css.1 * self.ratio);
        points
            .enumerate()
            .map(|(i, (x, y))| {
                let (qx, qy) = self.area.to_pixel(x, y);
                (i, (qx - px).powi(2) + (qy - py).powi(2))
            })
            .filter(|&(_, d)| d <= limit)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }
}

/// Pixels a press may travel and still count as a click.
pub const CLICK_SLOP_CSS: f64 = 4.0;

/// Whether a press at `start` released at `end` (CSS pixels) is a click.
pub fn is_click(start: (f64, f64), end: (f64, f64)) -> bool {
    (end.0 - start.0).hypot(end.1 - start.1) < CLICK_SLOP_CSS
}

/// A primary-button press on a plot: where (CSS pixels), which pointer, and how far from a
/// point it may land and still grab it (farther for a finger). The pointer is captured, so the
/// gesture keeps its events when it leaves the canvas. `None` for other buttons.
pub fn primary_press(event: &PointerEvent) -> Option<((f64, f64), i32, f64)> {
    if event.button() != 0 {
        return None;
    }
    let pointer = event.pointer_id();
    if let Some(target) = event.target_dyn_into::<HtmlCanvasElement>() {
        let _ = target.set_pointer_capture(pointer);
    }
    let radius = if event.pointer_type() == "touch" { 22.0 } else { 12.0 };
    Some((offset(event), pointer, radius))
}

/// A press on point `index` that becomes a drag once the pointer travels past the click slop.
/// `geometry` is the mapping when it began: the pointer keeps using it even if the view grows
/// to follow a point pulled past the edge (otherwise the mapping would run away).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DragGesture {
    /// The pressed point.
    pub index: usize,
    /// The pointer pressing it.
    pub pointer: i32,
    /// Where the press began (CSS pixels).
    pub start: (f64, f64),
    /// Whether the pointer has left the click slop.
    pub moved: bool,
    /// The mapping from CSS pixels to data.
    pub geometry: PlotGeometry,
}

impl DragGesture {
    /// A press on point `index` at `start`.
    pub fn new(index: usize, pointer: i32, start: (f64, f64), geometry: PlotGeometry) -> Self {
        DragGesture { index, pointer, start, moved: false, geometry }
    }

    /// Follows a move: the data position the point goes to, or `None` when the event is
    /// another pointer's or the pointer is still within the click slop.
    pub fn follow(&mut self, event: &PointerEvent) -> Option<(f64, f64)> {
        if self.pointer != event.pointer_id() {
            return None;
        }
        let css = offset(event);
        if !self.moved && is_click(self.start, css) {
            return None;
        }
        self.moved = true;
        Some(self.geometry.data_at(css))
    }
}

/// A pointer event's position relative to its target, in CSS pixels.
pub fn offset(event: &MouseEvent) -> (f64, f64) {
    (f64::from(event.offset_x()), f64::from(event.offset_y()))
}

/// Writes the plotting area (CSS pixels, relative to the canvas) and the data rectangle on an
/// interactive canvas as `data-plot-left/top/right/bottom` and `data-x-min/x-max/y-min/y-max`,
/// for tests and tools that need to aim at a data point (a public contract, see README).
pub fn publish_geometry(node: &NodeRef, area: &PlotArea, ratio: f64) {
    let Some(canvas) = node.cast::<HtmlCanvasElement>() else { return };
    let css = |v: f64| (v / ratio).to_string();
    for (name, value) in [
        ("data-plot-left", css(area.left)),
        ("data-plot-top", css(area.top)),
        ("data-plot-right", css(area.right)),
        ("data-plot-bottom", css(area.bottom)),
        ("data-x-min", area.x_min.to_string()),
        ("data-x-max", area.x_max.to_string()),
        ("data-y-min", area.y_min.to_string()),
        ("data-y-max", area.y_max.to_string()),
    ] {
        let _ = canvas.set_attribute(name, &value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hit_testing_works_in_css_pixels_at_any_ratio() {
        let area = PlotArea {
            left: 0.0,
            right: 100.0,
            top: 0.0,
            bottom: 100.0,
            x_min: 0.0,
            x_max: 10.0,
            y_min: 0.0,
            y_max: 1.0,
        };
        let geo = PlotGeometry { area, ratio: 2.0 };
        let points = [(5.0, 0.0), (5.0, 1.0)];
        // y = 1 sits at the top (pixel 0), y = 0 at the bottom (pixel 100 = 50 CSS px).
        assert_eq!(geo.hit(points.into_iter(), (25.0, 1.0), 4.0), Some(1));
        assert_eq!(geo.hit(points.into_iter(), (25.0, 49.0), 4.0), Some(0));
        assert_eq!(geo.hit(points.into_iter(), (25.0, 25.0), 4.0), None);
        assert_eq!(geo.data_at((25.0, 25.0)), (5.0, 0.5));
        assert!(geo.contains((49.0, 49.0)) && !geo.contains((51.0, 10.0)));
    }

    #[test]
    fn pointer_positions_map_to_short_decimals_within_half_a_pixel() {
        // 719 CSS pixels for x in [-0.74, 10.5]: 0.0156 per pixel, half a pixel 0.0078, so steps
        // of 0.001; 448 for y in [-0.64, 21.3]: 0.049 per pixel, so steps of 0.01.
        let area = PlotArea {
            left: 0.0,
            right: 719.0,
            top: 0.0,
            bottom: 448.0,
            x_min: -0.74,
            x_max: 10.5,
            y_min: -0.64,
            y_max: 21.3,
        };
        for ratio in [1.0, 2.0] {
            let area = PlotArea { right: area.right * ratio, bottom: area.bottom * ratio, ..area };
            let geo = PlotGeometry { area, ratio };
            for i in 0..200 {
                let css = (3.3 * f64::from(i) % 719.0, 2.7 * f64::from(i) % 448.0);
                let (x, y) = geo.data_at(css);
                let (ex, ey) = area.to_data(css.0 * ratio, css.1 * ratio);
                let (px, py) = area.to_pixel(x, y);
                assert!((px / ratio - css.0).abs() <= 0.5 && (py / ratio - css.1).abs() <= 0.5, "{css:?} → {x}, {y}");
                assert!((x - ex).abs() <= 0.00051 && (y - ey).abs() <= 0.0051, "{x} vs {ex}, {y} vs {ey}");
                for (v, most) in [(x, 3), (y, 2)] {
                    let text = v.to_string();
                    let decimals = text.split('.').nth(1).map_or(0, str::len);
                    assert!(decimals <= most, "{text} has more than {most} decimals");
                }
            }
        }
        // Coarse scales round to whole tens; nothing is rounded where the scale is undefined.
        assert_eq!(round_decimal(1234.5, 25.0), 1230.0);
        assert_eq!(round_decimal(0.123456789, 0.0004), 0.1235);
        assert_eq!(round_decimal(7.77, 0.0), 7.77);
        assert_eq!(round_decimal(-0.0004, 0.001).to_string(), "0", "no negative zero");
        assert_eq!(round_decimal(f64::NAN, 1.0).is_nan(), true);
    }
}
