//! Chart drawing as functions of data, generic over plotters' `DrawingBackend`.
//!
//! Every chart has two layers drawn by two functions: `*_axes` (background, grid, ticks,
//! labels — text is slow on canvas, so this layer is redrawn only when the view changes) and
//! `*_data` (series and markers, redrawn on every pointer move). Both build the same
//! coordinate system from the same inputs, so they line up pixel for pixel: the axes layer
//! with plotters' `ChartBuilder` ([`cartesian`], it draws the mesh), the data layer with the
//! same layout computed directly ([`data_plot`]). Series are drawn on a [`Plot`] in both. In
//! the browser each layer is its own `<canvas>`; natively the functions are tested with the
//! SVG backend.

pub mod bars;
pub mod classification;
pub mod curves;
pub mod scatter;
pub mod softmax;
#[cfg(test)]
mod tests;

use crate::theme::{loss_color, loss_stroke, Palette, Stroke};
use losslab_core::numerics::regression::LossKind;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::element::{CoordMapper, Drawable, PointCollection};
use plotters::prelude::*;

/// Sizes and colours of one chart rendering.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartStyle {
    /// Backend pixels per CSS pixel: the device pixel ratio, times 1.35 in presentation mode.
    pub scale: f64,
    /// The colours.
    pub palette: Palette,
}

impl ChartStyle {
    /// `css` CSS pixels in backend pixels (at least 1).
    pub fn px(&self, css: f64) -> u32 {
        (css * self.scale).round().max(1.0) as u32
    }

    /// The chart font at `css` CSS pixels. Built from `FontFamily::SansSerif`, not from the
    /// string "sans-serif": plotters lower-cases font names given as text, which pulls
    /// Unicode's case tables (about 12 KB) into the WebAssembly.
    fn font(&self, css: f64) -> FontDesc<'static> {
        FontDesc::new(FontFamily::SansSerif, css * self.scale, FontStyle::Normal)
    }
}

/// Where the plotting area lies on the backend, in backend pixels, and which data rectangle
/// it shows. Used to map pointer positions back to data coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlotArea {
    /// Left and right pixel edges.
    pub left: f64,
    /// Right pixel edge.
    pub right: f64,
    /// Top pixel edge.
    pub top: f64,
    /// Bottom pixel edge.
    pub bottom: f64,
    /// Data x at the left edge.
    pub x_min: f64,
    /// Data x at the right edge.
    pub x_max: f64,
    /// Data y at the bottom edge.
    pub y_min: f64,
    /// Data y at the top edge.
    pub y_max: f64,
}

impl PlotArea {
    /// The data coordinates under backend pixel `(px, py)`.
    pub fn to_data(self, px: f64, py: f64) -> (f64, f64) {
        let fx = (px - self.left) / (self.right - self.left);
        let fy = (py - self.top) / (self.bottom - self.top);
        (self.x_min + fx * (self.x_max - self.x_min), self.y_max - fy * (self.y_max - self.y_min))
    }

    /// The backend pixel of data point `(x, y)`.
    pub fn to_pixel(self, x: f64, y: f64) -> (f64, f64) {
        let fx = (x - self.x_min) / (self.x_max - self.x_min);
        let fy = (self.y_max - y) / (self.y_max - self.y_min);
        (self.left + fx * (self.right - self.left), self.top + fy * (self.bottom - self.top))
    }

    /// Whether backend pixel `(px, py)` lies inside the plotting area.
    pub fn contains_pixel(&self, px: f64, py: f64) -> bool {
        px >= self.left && px <= self.right && py >= self.top && py <= self.bottom
    }
}

/// Which parts of a plot's data layer (the scatter plot's, the classification plot's) a
/// drawing includes. During a drag the points that stay put are drawn once, off screen
/// (`PointsExcept`), and each frame draws what lies under them (`Under`), copies that image
/// and draws what lies over it (`Over`: the dragged point, and whatever the chart draws above
/// its points); see `components::data_layer`. A chart splits its drawing so that the parts
/// add up to the whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerPart {
    /// Fits, points and the selection ring: the whole layer.
    All,
    /// What lies under the points (the scatter plot's residuals, and its lines unless dense;
    /// the classification plot's curves and decision boundaries).
    Under,
    /// Every point but one (and the selection ring, unless it is that point's).
    PointsExcept(usize),
    /// One point (and the selection ring, if it is that point's), and what lies over the
    /// points (the scatter plot's lines when dense).
    Over(usize),
    /// The selection ring alone, to add on top of a drawing of the same scene without it.
    Ring,
}

impl LayerPart {
    /// Whether the drawing includes what lies under the points.
    pub(crate) fn under(self) -> bool {
        matches!(self, LayerPart::All | LayerPart::Under)
    }

    /// Whether the drawing includes what lies over the points.
    pub(crate) fn over(self) -> bool {
        matches!(self, LayerPart::All | LayerPart::Over(_))
    }

    /// Whether the drawing includes point `index`.
    pub(crate) fn point(self, index: usize) -> bool {
        match self {
            LayerPart::All => true,
            LayerPart::Under | LayerPart::Ring => false,
            LayerPart::PointsExcept(k) => index != k,
            LayerPart::Over(k) => index == k,
        }
    }
}

/// A drawing error, as text (charts are drawn from effects that can only log it).
pub type ChartResult<T> = Result<T, String>;

/// A drawing error as text. `Display`, not `Debug`: `Debug` would pull string escaping and
/// Unicode tables into the WebAssembly for a message that only reaches the console.
pub fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// A chart axis: plotters' f64 axis, with ticks at any scale. plotters compares a range's
/// span with f64's machine epsilon (2.2·10⁻¹⁶) as an absolute number, so data spanning less
/// (charges in coulombs, 10⁻¹⁹) got one tick at the left edge and no grid, and spans near it
/// ticks at odd places; such ranges get their ticks on the range scaled by a power of ten to
/// a span near 1, scaled back.
#[derive(Clone)]
pub struct Axis(RangedCoordf64);

impl Axis {
    /// The axis over `start..end`.
    pub fn new(start: f64, end: f64) -> Axis {
        Axis(RangedCoordf64::from(start..end))
    }
}

impl Ranged for Axis {
    type FormatOption = plotters::coord::ranged1d::NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.0.map(value, limit)
    }

    fn key_points<Hint: plotters::coord::ranged1d::KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        let range = self.0.range();
        let span = (range.end - range.start).abs();
        // plotters' tick search never ends on a range that is not finite.
        if !(range.start.is_finite() && range.end.is_finite()) {
            return Vec::new();
        }
        if !span.is_finite() {
            // Ends near ±f64::MAX: their span overflows (and plotters' search with it); the
            // ticks of the halved range, doubled.
            let half = RangedCoordf64::from(range.start * 0.5..range.end * 0.5);
            return half.key_points(hint).into_iter().map(|v| v * 2.0).collect();
        }
        if !(span > 0.0 && span < 1e-9) {
            return self.0.key_points(hint);
        }
        // Scaled by 10^k (k = −exponent of the span) in two factors: for a span of subnormal
        // numbers (5e-324 …) 10^k alone is infinite, and the search on the infinite range
        // froze the page. Back by division, which keeps round ticks round.
        let k = -crate::format::exponent(span);
        let (first, second) = (10f64.powi(k.min(300)), 10f64.powi(k - k.min(300)));
        let scaled = RangedCoordf64::from(range.start * first * second..range.end * first * second);
        if !(scaled.range().start.is_finite() && scaled.range().end.is_finite()) {
            return Vec::new();
        }
        let mut ticks: Vec<f64> = scaled.key_points(hint).into_iter().map(|v| v / second / first).collect();
        // Among subnormal numbers a round step may round to the same number twice.
        ticks.dedup();
        ticks
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.0.range()
    }
}

impl plotters::coord::ranged1d::ValueFormatter<f64> for Axis {
    // The charts give their own label formatters ([`TickFormat`]); this is plotters' default.
    fn format(value: &f64) -> String {
        crate::format::human(*value)
    }
}

type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// A chart's plotting area: a drawing area mapping data coordinates to backend pixels.
pub type Plot<DB> = DrawingArea<DB, Cartesian2d<Axis, Axis>>;

/// The shared coordinate system of both layers of a chart.
fn cartesian<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    x: (f64, f64),
    y: (f64, f64),
    style: &ChartStyle,
    label_areas: (f64, f64),
) -> ChartResult<Chart<'a, DB>> {
    ChartBuilder::on(area)
        .margin(style.px(10.0))
        .margin_right(style.px(16.0))
        .x_label_area_size(style.px(label_areas.0))
        .y_label_area_size(style.px(label_areas.1))
        .build_cartesian_2d(Axis::new(x.0, x.1), Axis::new(y.0, y.1))
        .map_err(err)
}

/// The plotting area of a data layer: the area and mapping [`cartesian`] gives the axes layer
/// below it, computed with the calls plotters' `ChartBuilder` makes (margins, then the x
/// labels below and the y labels to the left) but without building a chart, which a data
/// layer does not need: `ChartBuilder` and `ChartContext` for the data layers' backend cost
/// about 3 KB of compressed WebAssembly. The SVG tests check both give the same area.
fn data_plot<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    x: (f64, f64),
    y: (f64, f64),
    style: &ChartStyle,
    label_areas: (f64, f64),
) -> Plot<DB> {
    let (width, height) = area.dim_in_pixel();
    let margin = style.px(10.0) as i32;
    let (left, top, right, bottom) = (margin, margin, width as i32 - style.px(16.0) as i32, height as i32 - margin);
    let (x_labels, y_labels) = (style.px(label_areas.0) as i32, style.px(label_areas.1) as i32);
    // `ChartBuilder` cuts the margined area at the label areas into a 3 × 3 grid, after
    // sorting the cut positions (which matters only when the canvas is too small for its
    // labels); the plotting area is the middle cell.
    let mut xs = [left, right, left + y_labels, right];
    let mut ys = [top, bottom, top, bottom - x_labels];
    xs.sort_unstable();
    ys.sort_unstable();
    let plot = area.clone().shrink((xs[1], ys[1]), (xs[2] - xs[1], ys[2] - ys[1]));
    // The mapping's pixels are the backend's, not the area's: an area that does not start at
    // the backend's corner (the saved image's plot, under its legend band) adds its offset.
    let (x0, y0) = area.get_base_pixel();
    let pixels = (x0 + xs[1]..x0 + xs[2] - 1, y0 + ys[2] - 1..y0 + ys[1]);
    plot.apply_coord_spec(Cartesian2d::new(Axis::new(x.0, x.1), Axis::new(y.0, y.1), pixels))
}

/// Opacity of the losses that are not picked (their curves in the loss and pull panels, the
/// paper's reference γ curves, their per-point loss bars). High enough that every loss colour
/// of both palettes keeps 3:1 contrast against the plot background after blending (WCAG
/// 1.4.11; the lowest, quantile/hinge orange on white, is 3.2:1): the picked loss stands out
/// by its width (and, for curves, drawing on top), and each loss has its own dash pattern,
/// rather than by the others fading. `charts::tests` checks the contrast.
pub const SECONDARY_OPACITY: f64 = 0.75;

/// Above this many points a chart switches to its dense look: markers become small squares
/// without an outline, curve markers are thinned to one per few pixels and bars are merged per
/// pixel column. Measured at 2,000 points, rasterising ~10,000 anti-aliased circles per frame
/// took most of a drag's time on a software-rendered canvas; overlapping markers and sub-pixel
/// bars carry no information the dense look loses.
pub const DENSE: usize = 300;

/// Opacity of the markers in the dense look: points stacked on one spot, or crowded, show
/// darker than a lone one, and a lone one keeps 3:1 contrast with the plot (checked in
/// `theme`'s tests).
pub const DENSE_MARKER_OPACITY: f64 = 0.65;

/// The points of `points` with at most one per `cell`×`cell` backend-pixel square of `area`
/// (the first of each square is kept, in the original order's first-come sense).
fn thin(points: impl Iterator<Item = (f64, f64)>, area: &PlotArea, cell: f64) -> Vec<(f64, f64)> {
    let mut keyed: Vec<(u64, usize, (f64, f64))> = points
        .enumerate()
        .map(|(i, p)| {
            let (px, py) = area.to_pixel(p.0, p.1);
            let (cx, cy) = ((px / cell).floor() as i32 as u32, (py / cell).floor() as i32 as u32);
            ((u64::from(cx) << 32) | u64::from(cy), i, p)
        })
        .collect();
    keyed.sort_unstable_by_key(|&(key, i, _)| (key, i));
    keyed.dedup_by_key(|entry| entry.0);
    keyed.into_iter().map(|(_, _, p)| p).collect()
}

/// Draws every element of `elements` on `plot` (as `ChartContext::draw_series` does).
fn draw_each<DB, B, E, I>(plot: &Plot<DB>, elements: I) -> ChartResult<()>
where
    DB: DrawingBackend,
    B: CoordMapper,
    for<'b> &'b E: PointCollection<'b, (f64, f64), B>,
    E: Drawable<DB, B>,
    I: IntoIterator<Item = E>,
{
    elements.into_iter().try_for_each(|element| plot.draw(&element)).map_err(err)
}

fn plot_area<DB: DrawingBackend>(plot: &Plot<DB>, x: (f64, f64), y: (f64, f64)) -> PlotArea {
    let (xs, ys) = plot.get_pixel_range();
    PlotArea {
        left: f64::from(xs.start),
        right: f64::from(xs.end),
        top: f64::from(ys.start),
        bottom: f64::from(ys.end),
        x_min: x.0,
        x_max: x.1,
        y_min: y.0,
        y_max: y.1,
    }
}

/// Background, grid, ticks and axis descriptions.
fn draw_axes<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    style: &ChartStyle,
    x_desc: &str,
    y_desc: &str,
    ticks: (usize, usize),
) -> ChartResult<()> {
    let palette = style.palette;
    let (x, y) = (chart.x_range(), chart.y_range());
    let (x_ticks, y_ticks) = (TickFormat::new((x.start, x.end), ticks.0), TickFormat::new((y.start, y.end), ticks.1));
    chart
        .configure_mesh()
        .x_labels(ticks.0)
        .y_labels(ticks.1)
        .max_light_lines(1)
        .light_line_style(palette.grid.mix(0.5))
        .bold_line_style(palette.grid.stroke_width(style.px(1.0)))
        .axis_style(palette.axis.stroke_width(style.px(1.0)))
        .label_style(style.font(12.0).color(&palette.axis))
        .axis_desc_style(style.font(13.0).color(&palette.axis))
        .x_desc(x_ticks.axis_name(x_desc))
        .y_desc(y_ticks.axis_name(y_desc))
        .x_label_formatter(&|v| x_ticks.label(*v))
        .y_label_formatter(&|v| y_ticks.label(*v))
        .draw()
        .map_err(err)
}

/// How the ticks of one axis are written: with the digits their spacing needs, so that
/// neighbouring ticks always read differently (offset data: `1.002e9`, `1.004e9`, not
/// `1.0e9` twice), and without float noise (`0.30000000000000004` → `0.3`). Labels that would
/// still be longer than [`TICK_CHARS`] count from a round offset that the axis name states
/// (`x − 1000` under ticks `0`, `0.0002`, …).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TickFormat {
    /// The decimal place of the spacing's leading digit (ticks 0.2 apart: −1; 1000 apart: 3).
    place: i32,
    /// Scientific notation (`1.0005e9`) rather than plain (`1000500`, `0.25`).
    scientific: bool,
    /// What the labels count from (0 unless they would be too long).
    offset: f64,
}

/// The most characters a tick label has before the axis counts from an offset: about what
/// the y axis's label band holds beside the axis name at 12 px.
pub const TICK_CHARS: usize = 8;

impl TickFormat {
    /// The format of the ticks plotters draws on `range` with at most `count` labels: plain,
    /// unless scientific notation makes the longest label at least two characters shorter;
    /// from an offset if even that is longer than [`TICK_CHARS`].
    pub fn new(range: (f64, f64), count: usize) -> TickFormat {
        TickFormat::measured(range, count).0
    }

    /// [`TickFormat::new`]'s format and the number of characters of its longest label (for a
    /// label band sized to them, without computing the ticks twice on every frame).
    pub fn measured(range: (f64, f64), count: usize) -> (TickFormat, usize) {
        let ticks = Axis::new(range.0, range.1).key_points(count);
        let step = match ticks[..] {
            [a, b, ..] => b - a,
            _ => range.1 - range.0,
        };
        // Spacings are 1, 2 or 5 times a power of ten: the nudge undoes a subtraction's
        // rounding down (0.09999999999999998 is a spacing of 0.1).
        let place = if step > 0.0 && step.is_finite() { crate::format::exponent(step * (1.0 + 1e-6)) } else { 0 };
        let choose = |offset: f64| {
            let width = |scientific| {
                ticks.iter().map(|&v| TickFormat { place, scientific, offset }.label(v).len()).max().unwrap_or(0)
            };
            let (plain, scientific) = (width(false), width(true));
            (TickFormat { place, scientific: scientific + 2 <= plain, offset }, plain.min(scientific))
        };
        let format = match choose(0.0) {
            (format, width) if width <= TICK_CHARS || ticks.is_empty() => format,
            // The first tick rounded down to a multiple of 100 spacings' place: a round number
            // the labels count up from with at most three or four digits. (Among subnormal
            // numbers that place is no longer a number to round to: no offset there.)
            (format, _) => {
                let unit = crate::format::pow10(place + 2);
                let offset = crate::format::round_decimal(ticks[0] - 0.499 * unit, unit);
                if offset.is_finite() && unit.is_normal() {
                    choose(offset).0
                } else {
                    format
                }
            }
        };
        let longest = ticks.iter().map(|&v| format.label(v).chars().count()).max().unwrap_or(0);
        (format, longest)
    }

    /// The label of the tick at `v`: plain with the spacing's decimals, trailing zeros
    /// dropped (`1.5`, `2`), or scientific down to the spacing's place (at least one decimal).
    pub fn label(self, v: f64) -> String {
        let v = v - self.offset;
        if v == 0.0 || v.abs() < 0.5 * crate::format::pow10(self.place) || !v.is_finite() {
            return "0".into();
        }
        if self.scientific {
            let decimals = (crate::format::exponent(v) - self.place).max(1) as usize;
            return format!("{v:.decimals$e}");
        }
        let decimals = (-self.place).max(0) as usize;
        let text = format!("{v:.decimals$}");
        if decimals > 0 {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text
        }
    }

    /// The axis name `name`, with the offset the labels count from if they do (`x − 1000`,
    /// `y + 3e9`).
    pub fn axis_name(self, name: &str) -> String {
        if self.offset == 0.0 {
            return name.to_string();
        }
        let (plain, scientific) = (format!("{}", self.offset.abs()), format!("{:e}", self.offset.abs()));
        let offset = if scientific.len() + 2 <= plain.len() { scientific } else { plain };
        format!("{name} {} {offset}", if self.offset > 0.0 { '−' } else { '+' })
    }
}

/// The stroke of a loss's line at a given width, and its dash pattern in backend pixels.
fn loss_line_style(
    kind: LossKind,
    style: &ChartStyle,
    width_css: f64,
    opacity: f64,
) -> (ShapeStyle, Option<(u32, u32)>) {
    let color = loss_color(kind, &style.palette);
    let shape = color.mix(opacity).stroke_width(style.px(width_css));
    let dash = match loss_stroke(kind) {
        Stroke::Solid => None,
        Stroke::Dashed { dash, gap } => Some((style.px(f64::from(dash)), style.px(f64::from(gap)))),
    };
    (shape, dash)
}

/// Draws a polyline in a loss's colour and dash pattern.
fn draw_loss_path<DB: DrawingBackend>(
    plot: &Plot<DB>,
    kind: LossKind,
    path: Vec<(f64, f64)>,
    style: &ChartStyle,
    width_css: f64,
    opacity: f64,
) -> ChartResult<()> {
    let (shape, dash) = loss_line_style(kind, style, width_css, opacity);
    match dash {
        None => plot.draw(&PathElement::new(path, shape)),
        Some((dash, gap)) => DashedLineSeries::new(path, dash, gap, shape).into_iter().try_for_each(|e| plot.draw(&e)),
    }
    .map_err(err)
}
