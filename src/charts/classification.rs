//! The classification lab's charts: the points with every loss's fitted sigmoid and
//! decision boundary, per-point loss bars, and loss-versus-probability curves.
//!
//! Colours and dash patterns of the three binary losses live here too, so the charts and the
//! HTML legends agree.

use super::curves::clip_to_band;
use super::{
    cartesian, data_plot, draw_axes, draw_each, err, plot_area, ChartResult, ChartStyle, LayerPart, Plot, PlotArea,
    SECONDARY_OPACITY,
};
use crate::state::classification::{BinaryLossKind, PROBABILITY_VIEW};
use crate::theme::Palette;
use losslab_core::numerics::classification::{sigmoid, LabeledPoints};
use losslab_core::numerics::points::Line;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Label areas (x, y) of the main plot in CSS pixels.
const LABEL_AREAS: (f64, f64) = (40.0, 52.0);
/// Label areas of the smaller panels.
const SMALL_LABEL_AREAS: (f64, f64) = (36.0, 48.0);
/// Half the height of a label's band of markers in the dense look, in probability units.
const DENSE_BAND: f64 = 0.05;
/// Samples of a sigmoid across the view (more are added around its boundary).
const SIGMOID_SAMPLES: usize = 120;

// Opacities. Every one of these, times each binary loss colour, keeps 3:1 contrast against
// the plot background of both palettes (WCAG 1.4.11; checked in `charts::tests`), except the
// stale fits', which stand for no current fit and are meant to recede.

/// Opacity of the fits of the losses not picked in the main plot (the picked one is opaque).
pub const SECONDARY_FIT_OPACITY: f64 = 0.85;
/// Opacity of a last good fit kept while no fit exists.
pub const STALE_FIT_OPACITY: f64 = 0.3;
/// A decision boundary's opacity relative to its fit's.
pub const BOUNDARY_OPACITY: f64 = 0.9;
/// Opacity of the 0.5 threshold line (in the axis colour).
pub const THRESHOLD_OPACITY: f64 = 0.7;
/// Opacity of the loss-versus-probability curves of the losses not picked (the paper's
/// reference γ curves use [`SECONDARY_OPACITY`], and are thinner).
pub const OTHER_CURVE_OPACITY: f64 = 0.8;
/// Opacity of the points' markers on the picked loss-versus-probability curve.
pub const CURVE_MARKER_OPACITY: f64 = 0.8;

/// The colour of a binary loss.
pub fn binary_loss_color(kind: BinaryLossKind, palette: &Palette) -> RGBColor {
    let (light, dark) = match kind {
        BinaryLossKind::Bce => (RGBColor(29, 78, 216), RGBColor(96, 165, 250)),
        BinaryLossKind::Focal => (RGBColor(4, 120, 87), RGBColor(52, 211, 153)),
        BinaryLossKind::Hinge => (RGBColor(180, 83, 9), RGBColor(251, 191, 36)),
    };
    if palette.dark {
        dark
    } else {
        light
    }
}

/// The CSS colour of a binary loss (`#rrggbb`), for HTML legends.
pub fn binary_loss_css_color(kind: BinaryLossKind, palette: &Palette) -> String {
    let RGBColor(r, g, b) = binary_loss_color(kind, palette);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The dash pattern of a binary loss in CSS pixels (dash, gap); `None` for solid.
pub fn binary_loss_dash(kind: BinaryLossKind) -> Option<(u32, u32)> {
    match kind {
        BinaryLossKind::Bce => None,
        BinaryLossKind::Focal => Some((14, 5)),
        BinaryLossKind::Hinge => Some((4, 4)),
    }
}

/// The SVG `stroke-dasharray` of a binary loss (empty for solid).
pub fn binary_loss_dasharray(kind: BinaryLossKind) -> &'static str {
    match kind {
        BinaryLossKind::Bce => "",
        BinaryLossKind::Focal => "14 5",
        BinaryLossKind::Hinge => "4 4",
    }
}

/// The colour of the points of one label: label 0 is drawn as hollow circles, label 1 as
/// filled squares, so colour is not the only cue.
pub fn label_color(positive: bool, palette: &Palette) -> RGBColor {
    match (positive, palette.dark) {
        (false, false) => RGBColor(15, 23, 42),
        (false, true) => RGBColor(226, 232, 240),
        (true, false) => RGBColor(126, 34, 206),
        (true, true) => RGBColor(216, 180, 254),
    }
}

/// Whether the classification plot shows `points` in its dense look: more than
/// [`DENSE`](super::DENSE) of them inside `x_range`.
pub fn is_dense(points: &LabeledPoints, x_range: (f64, f64)) -> bool {
    points.iter().filter(|&(x, _)| x >= x_range.0 && x <= x_range.1).count() > super::DENSE
}

/// Where point `i` at `x` with label `positive` is drawn (and grabbed): on its label's row, or
/// in the dense look somewhere in a band around it. In the dense look each row becomes a band
/// of small translucent markers spread a little up and down (by index, so a point keeps its
/// place while dragged): a row of thousands of full-size markers on one line is a solid bar,
/// which hides where a label is common.
pub fn marker_at(i: usize, x: f64, positive: bool, dense: bool) -> (f64, f64) {
    let row = if positive { 1.0 } else { 0.0 };
    if dense {
        // The golden-ratio sequence spreads consecutive indices evenly over the band.
        (x, row + DENSE_BAND * (2.0 * (i as f64 * 0.618_033_988_749_895).fract() - 1.0))
    } else {
        (x, row)
    }
}

/// Draws a polyline in a binary loss's colour and dash pattern.
fn draw_binary_path<DB: DrawingBackend>(
    plot: &Plot<DB>,
    kind: BinaryLossKind,
    path: Vec<(f64, f64)>,
    style: &ChartStyle,
    width_css: f64,
    opacity: f64,
) -> ChartResult<()> {
    let shape = binary_loss_color(kind, &style.palette).mix(opacity).stroke_width(style.px(width_css));
    match binary_loss_dash(kind) {
        None => plot.draw(&PathElement::new(path, shape)).map_err(err),
        Some((dash, gap)) => {
            draw_each(plot, DashedLineSeries::new(path, style.px(f64::from(dash)), style.px(f64::from(gap)), shape))
        }
    }
}

/// One loss's fitted line `z = w·x + b`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FittedLine {
    /// The loss (colour and dash pattern).
    pub kind: BinaryLossKind,
    /// The fitted logit line.
    pub line: Line,
    /// The picked loss is drawn thicker and on top.
    pub emphasized: bool,
    /// A last good fit kept while no fit exists (drawn faded).
    pub stale: bool,
}

/// Everything the data layer of the classification plot shows.
#[derive(Debug, Clone, Copy)]
pub struct ClassificationScene<'a> {
    /// The x range shown.
    pub x_range: (f64, f64),
    /// The points: label 0 at y = 0, label 1 at y = 1.
    pub points: &'a LabeledPoints,
    /// The fits to draw.
    pub fits: &'a [FittedLine],
    /// The selected point, drawn with a ring.
    pub selected: Option<usize>,
}

/// The sigmoid `σ(w·x + b)` sampled across `x_range`, densely around the boundary so that a
/// steep curve keeps its shape.
pub fn sigmoid_path(line: Line, x_range: (f64, f64)) -> Vec<(f64, f64)> {
    let (lo, hi) = x_range;
    let step = (hi - lo) / (SIGMOID_SAMPLES - 1) as f64;
    let even = (0..SIGMOID_SAMPLES).map(|i| lo + step * i as f64);
    // σ moves from 0.002 to 0.998 within ±6 logit units of its centre: 25 more samples there.
    let (centre, width) =
        if line.slope != 0.0 { (-line.intercept / line.slope, 1.0 / line.slope.abs()) } else { (f64::NAN, 0.0) };
    let mut dense = (-12..=12).map(|k| centre + 0.5 * f64::from(k) * width).filter(|x| *x > lo && *x < hi).peekable();
    // Both sequences increase, so merging them keeps x in order.
    let mut xs = Vec::with_capacity(SIGMOID_SAMPLES + 25);
    for x in even {
        while let Some(d) = dense.next_if(|d| *d < x) {
            xs.push(d);
        }
        xs.push(x);
    }
    xs.dedup();
    xs.into_iter().filter(|x| x.is_finite()).map(|x| (x, sigmoid(line.predict(x)))).collect()
}

/// The hinge's decision as a step: 1 where `w·x + b > 0`, else 0.
pub fn decision_step(line: Line, x_range: (f64, f64)) -> Vec<(f64, f64)> {
    let (lo, hi) = x_range;
    let level = |x: f64| if line.predict(x) > 0.0 { 1.0 } else { 0.0 };
    let boundary = if line.slope != 0.0 { -line.intercept / line.slope } else { f64::NAN };
    if boundary > lo && boundary < hi {
        vec![(lo, level(lo)), (boundary, level(lo)), (boundary, level(hi)), (hi, level(hi))]
    } else {
        vec![(lo, level(lo)), (hi, level(hi))]
    }
}

/// Background, grid, axes and the 0.5 threshold of the classification plot.
pub fn draw_classification_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    x_range: (f64, f64),
    style: &ChartStyle,
) -> ChartResult<PlotArea> {
    area.fill(&style.palette.background).map_err(err)?;
    let mut chart = cartesian(area, x_range, PROBABILITY_VIEW, style, LABEL_AREAS)?;
    draw_axes(&mut chart, style, "x", "P(label 1)", (8, 3))?;
    let threshold = style.palette.axis.mix(THRESHOLD_OPACITY).stroke_width(style.px(1.5));
    draw_each(
        chart.plotting_area(),
        DashedLineSeries::new(vec![(x_range.0, 0.5), (x_range.1, 0.5)], style.px(6.0), style.px(5.0), threshold),
    )?;
    let font = style.font(12.0).color(&style.palette.axis);
    // Row names sit outside the rows (above label 1, below label 0), clear of the points and
    // of the dense look's bands around the rows.
    let label_at = |y: f64, dy: f64| {
        let (px, py) = chart.backend_coord(&(x_range.0, y));
        (px + style.px(6.0) as i32, py + style.px(dy.abs()) as i32 * dy.signum() as i32)
    };
    area.draw(&Text::new("threshold 0.5", label_at(0.5, -16.0), font.clone())).map_err(err)?;
    // Each row's name with its mark in the mark's own colour (label 1's squares are coloured,
    // label 0's rings drawn in the axis colour).
    let (left, top) = label_at(1.0 + DENSE_BAND, -17.0);
    area.draw(&Text::new("label 1", (left, top), font.clone())).map_err(err)?;
    let (width, _) = area.estimate_text_size("label 1", &font).map_err(err)?;
    let square = style.font(12.0).color(&label_color(true, &style.palette));
    area.draw(&Text::new("■", (left + width as i32 + style.px(4.0) as i32, top), square)).map_err(err)?;
    area.draw(&Text::new("label 0 ○", label_at(-DENSE_BAND, 4.0), font)).map_err(err)?;
    Ok(plot_area(chart.plotting_area(), x_range, PROBABILITY_VIEW))
}

/// Sigmoids, decision steps, boundaries and points (transparent layer).
#[cfg(test)]
pub fn draw_classification_data<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &ClassificationScene<'_>,
    style: &ChartStyle,
) -> ChartResult<PlotArea> {
    draw_classification_part(area, scene, style, LayerPart::All)
}

/// The `part` of the classification plot's data layer (see [`LayerPart`]): the parts add up
/// to [`draw_classification_data`]'s drawing.
pub fn draw_classification_part<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &ClassificationScene<'_>,
    style: &ChartStyle,
    part: LayerPart,
) -> ChartResult<PlotArea> {
    let x_range = scene.x_range;
    let plot = data_plot(area, x_range, PROBABILITY_VIEW, style, LABEL_AREAS);
    let palette = style.palette;
    if part.under() {
        draw_classification_fits(&plot, scene, style)?;
    }

    let visible = |x: f64| x >= x_range.0 && x <= x_range.1;
    // Decided on the whole plot, so that the parts of a drag frame look like the whole.
    let dense = is_dense(scene.points, x_range);
    let at = |i: usize, x: f64, positive: bool| marker_at(i, x, positive, dense);
    let drawn = |positive: bool| -> Vec<(f64, f64)> {
        let points = scene.points.iter().enumerate();
        points
            .filter(|&(i, (x, label))| label == positive && visible(x) && part.point(i))
            .map(|(i, (x, _))| at(i, x, positive))
            .collect()
    };
    let (negatives, positives) = (drawn(false), drawn(true));
    let (radius, half, opacity) = if dense {
        (style.px(2.5), style.px(2.0) as i32, super::DENSE_MARKER_OPACITY)
    } else {
        (style.px(5.5), style.px(5.0) as i32, 1.0)
    };
    let ring = label_color(false, &palette).mix(opacity);
    if !dense {
        // Hollow circles: the background inside hides what lies under each one.
        draw_each(&plot, negatives.iter().map(|&p| Circle::new(p, radius, palette.background.filled())))?;
    }
    let ring_width = style.px(if dense { 1.5 } else { 2.0 });
    draw_each(&plot, negatives.iter().map(|&p| Circle::new(p, radius, ring.stroke_width(ring_width))))?;
    let fill = label_color(true, &palette).mix(opacity).filled();
    let square = [(-half, -half), (half, half)];
    draw_each(&plot, positives.iter().map(|&p| EmptyElement::at(p) + Rectangle::new(square, fill)))?;
    // Each square's edge in the background colour, over every fill: squares that overlap
    // stay countable instead of merging into one bar (the hollow circles show it by
    // themselves). Not in the dense look: where squares lie closer than their edge width the
    // edges would paint over every fill, and the label-1 points would vanish.
    if !dense {
        let edge = palette.background.stroke_width(style.px(1.5));
        draw_each(&plot, positives.iter().map(|&p| EmptyElement::at(p) + Rectangle::new(square, edge)))?;
    }
    let ringed = scene.selected.filter(|&i| part == LayerPart::Ring || part.point(i));
    if let Some((i, (x, positive))) = ringed.and_then(|i| Some((i, scene.points.iter().nth(i)?))) {
        draw_each(
            &plot,
            std::iter::once(Circle::new(
                at(i, x, positive),
                style.px(10.0),
                palette.selected.stroke_width(style.px(3.0)),
            )),
        )?;
    }
    Ok(plot_area(&plot, x_range, PROBABILITY_VIEW))
}

/// Every fit's sigmoid (the hinge's step) and decision boundary, the faded ones first.
fn draw_classification_fits<DB: DrawingBackend>(
    plot: &Plot<DB>,
    scene: &ClassificationScene<'_>,
    style: &ChartStyle,
) -> ChartResult<()> {
    let x_range = scene.x_range;
    let palette = style.palette;
    // Faded fits first, the emphasised one last (on top).
    let layers = [(true, false), (false, false), (false, true)];
    let ordered = layers.iter().flat_map(|&(stale, emphasized)| {
        scene.fits.iter().filter(move |f| f.stale == stale && (f.emphasized && !f.stale) == emphasized)
    });
    for fit in ordered {
        let (width, opacity) = match (fit.stale, fit.emphasized) {
            (true, _) => (2.0, STALE_FIT_OPACITY),
            (false, true) => (4.0, 1.0),
            (false, false) => (2.0, SECONDARY_FIT_OPACITY),
        };
        // The decision boundary x = −b/w, where σ = 0.5.
        if fit.line.slope != 0.0 {
            let boundary = -fit.line.intercept / fit.line.slope;
            if boundary > x_range.0 && boundary < x_range.1 {
                // Strong enough to read on the dark theme too (at 0.6 × opacity, 1.5 px, BCE's was hard to see).
                let shape =
                    binary_loss_color(fit.kind, &palette).mix(BOUNDARY_OPACITY * opacity).stroke_width(style.px(2.0));
                let path = vec![(boundary, PROBABILITY_VIEW.0), (boundary, PROBABILITY_VIEW.1)];
                draw_each(plot, DashedLineSeries::new(path, style.px(3.0), style.px(3.0), shape))?;
            }
        }
        let path = match fit.kind {
            BinaryLossKind::Hinge => decision_step(fit.line, x_range),
            BinaryLossKind::Bce | BinaryLossKind::Focal => sigmoid_path(fit.line, x_range),
        };
        draw_binary_path(plot, fit.kind, path, style, width, opacity)?;
    }
    Ok(())
}

/// One point's losses, each at its loss's own fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointLossBar {
    /// BCE, focal and hinge loss, in [`BinaryLossKind::ALL`] order.
    pub losses: [f64; 3],
    /// Whether the point's label is 1.
    pub positive: bool,
}

/// Everything the data layer of the per-point loss panel shows.
#[derive(Debug, Clone, Copy)]
pub struct PointLossScene<'a> {
    /// One entry per point, in the order the bars are drawn (by x).
    pub bars: &'a [PointLossBar],
    /// Top of the loss axis.
    pub y_max: f64,
    /// The losses drawn side by side for each point.
    pub shown: &'a [BinaryLossKind],
    /// The picked loss, drawn opaque (the others at [`SECONDARY_OPACITY`]).
    pub picked: BinaryLossKind,
    /// The bar slot to highlight (the selected point).
    pub highlight: Option<usize>,
}

fn slots(count: usize) -> (f64, f64) {
    (0.0, count.max(1) as f64)
}

/// Background, grid and axes of the per-point loss panel with `count` points.
pub fn draw_point_loss_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    count: usize,
    y_max: f64,
    style: &ChartStyle,
) -> ChartResult<PlotArea> {
    area.fill(&style.palette.background).map_err(err)?;
    let x = slots(count);
    let mut chart = cartesian(area, x, (0.0, y_max), style, SMALL_LABEL_AREAS)?;
    draw_axes(&mut chart, style, "points, ordered by x", "loss", (0, 4))?;
    Ok(plot_area(chart.plotting_area(), x, (0.0, y_max)))
}

/// The bars (transparent layer): for each point, one bar per shown loss, side by side.
pub fn draw_point_loss_data<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &PointLossScene<'_>,
    style: &ChartStyle,
) -> ChartResult<PlotArea> {
    let x = slots(scene.bars.len());
    let plot = data_plot(area, x, (0.0, scene.y_max), style, SMALL_LABEL_AREAS);
    if scene.bars.len() > super::DENSE {
        draw_dense_point_losses(&plot, scene, style)?;
        return Ok(plot_area(&plot, x, (0.0, scene.y_max)));
    }
    let gap = if scene.bars.len() > 60 { 0.0 } else { 0.12 };
    let width = (1.0 - 2.0 * gap) / scene.shown.len().max(1) as f64;
    for (series, &kind) in scene.shown.iter().enumerate() {
        let opacity = if kind == scene.picked { 1.0 } else { SECONDARY_OPACITY };
        let color = binary_loss_color(kind, &style.palette).mix(opacity).filled();
        let bars = scene.bars.iter().enumerate().map(|(i, bar)| {
            let left = i as f64 + gap + width * series as f64;
            let value = bar.losses[kind.index()].clamp(0.0, scene.y_max);
            Rectangle::new([(left, 0.0), (left + width, value)], color)
        });
        draw_each(&plot, bars)?;
    }
    if let Some(slot) = scene.highlight.filter(|&s| s < scene.bars.len()) {
        let outline = style.palette.selected.stroke_width(style.px(2.0));
        let left = slot as f64;
        draw_each(&plot, std::iter::once(Rectangle::new([(left, 0.0), (left + 1.0, scene.y_max)], outline)))?;
    }
    Ok(plot_area(&plot, x, (0.0, scene.y_max)))
}

/// The dense look of the per-point losses (more than [`DENSE`](super::DENSE) points): side by
/// side, each loss's bar would be a fraction of a pixel wide and the losses would alias into
/// stripes. Instead each 2-pixel column shows the largest loss of each kind among the points it
/// covers: the picked loss as filled columns, the others as a level stroke at each column's
/// top, over them, so that how far focal loss sits below BCE stays visible.
fn draw_dense_point_losses<DB: DrawingBackend>(
    plot: &Plot<DB>,
    scene: &PointLossScene<'_>,
    style: &ChartStyle,
) -> ChartResult<()> {
    let n = scene.bars.len();
    let (pixels, _) = plot.get_pixel_range();
    let columns = (f64::from(pixels.end - pixels.start) / 2.0).max(1.0) as usize;
    let width = n as f64 / columns as f64;
    let top = |kind: BinaryLossKind| -> Vec<f64> {
        let mut tops = vec![0.0f64; columns];
        for (i, bar) in scene.bars.iter().enumerate() {
            let column = &mut tops[(i * columns / n).min(columns - 1)];
            *column = column.max(bar.losses[kind.index()].clamp(0.0, scene.y_max));
        }
        tops
    };
    let picked = binary_loss_color(scene.picked, &style.palette).filled();
    let filled = top(scene.picked);
    let columns_drawn = filled.iter().enumerate().map(|(c, &v)| {
        let x0 = c as f64 * width;
        Rectangle::new([(x0, 0.0), (x0 + width, v)], picked)
    });
    draw_each(plot, columns_drawn)?;
    // The other losses: each column's top as a short level stroke, without the steps between
    // columns, whose vertical strokes covered the picked loss's fill of a lone spike.
    for &kind in scene.shown.iter().filter(|&&kind| kind != scene.picked) {
        let stroke = binary_loss_color(kind, &style.palette).stroke_width(style.px(1.5));
        let tops = top(kind);
        let levels = tops.iter().enumerate().map(|(c, &v)| {
            let x0 = c as f64 * width;
            PathElement::new(vec![(x0, v), (x0 + width, v)], stroke)
        });
        draw_each(plot, levels)?;
    }
    if let Some(slot) = scene.highlight.filter(|&s| s < n) {
        let outline = style.palette.selected.stroke_width(style.px(2.0));
        let left = slot as f64;
        draw_each(plot, std::iter::once(Rectangle::new([(left, 0.0), (left + width.max(1.0), scene.y_max)], outline)))?;
    }
    Ok(())
}

/// One curve of the loss-versus-probability panel.
#[derive(Debug, Clone, PartialEq)]
pub struct ProbabilityCurve {
    /// The loss (colour and dash pattern).
    pub kind: BinaryLossKind,
    /// A short label written next to the curve, e.g. "γ=2".
    pub label: String,
    /// (p_t, loss) samples in increasing p_t.
    pub samples: Vec<(f64, f64)>,
    /// The picked loss's curve is drawn thick.
    pub emphasized: bool,
    /// A reference curve (the paper's γ family), drawn thin.
    pub reference: bool,
}

/// The loss range of the curve panel.
pub const CURVE_LOSS_MAX: f64 = 3.0;
/// Where along p_t a curve's label is wanted: it goes to the place on its curve nearest this.
const CURVE_LABEL_AT: f64 = 0.3;

/// A label's box in backend pixels: left, top, right, bottom.
type LabelBox = (i32, i32, i32, i32);

/// Whether two boxes, each grown by `gap`, overlap.
fn boxes_meet(a: LabelBox, b: LabelBox, gap: i32) -> bool {
    a.0 - gap < b.2 && b.0 - gap < a.2 && a.1 - gap < b.3 && b.1 - gap < a.3
}

/// Whether the segment from `a` to `b` crosses `path` (a curve, x increasing): its ends lie on
/// either side of it (an end on it, such as the point a leader starts from, crosses nothing).
fn crosses(path: &[(i32, i32)], a: (i32, i32), b: (i32, i32)) -> bool {
    let side = |(x, y): (i32, i32)| {
        let s = path.windows(2).find(|s| s[0].0 <= x && x <= s[1].0)?;
        let t = if s[1].0 == s[0].0 { 0.0 } else { f64::from(x - s[0].0) / f64::from(s[1].0 - s[0].0) };
        let above = f64::from(y) - (f64::from(s[0].1) + t * f64::from(s[1].1 - s[0].1));
        (above.abs() >= 1.0).then_some(above > 0.0)
    };
    matches!((side(a), side(b)), (Some(p), Some(q)) if p != q)
}

/// Places each curve's label by its own curve: at a point of it, above and to the right of the
/// point or below and to the left (a falling curve passes neither box), touching it or, where
/// the curves run too close together for a label, further off along the diagonal (drawn with a
/// leader line). Of these boxes, those inside `plot` that keep `gap` from the labels placed
/// before them and a pixel from every curve are wanted; of those, the one nearest `at` (a pixel
/// column) and its curve, not past twice as far from the plot's left edge. Failing that, the one the fewest curve segments come near. `paths`
/// are the curves in backend pixels and `sizes` their labels' sizes, most important first.
/// Each label's box and the point of its curve it belongs to; `None` where it fits nowhere.
fn place_labels(
    paths: &[Vec<(i32, i32)>],
    sizes: &[(i32, i32)],
    plot: LabelBox,
    at: i32,
    gap: i32,
) -> Vec<Option<(LabelBox, (i32, i32))>> {
    let mut placed: Vec<LabelBox> = Vec::new();
    let mut out = Vec::new();
    for (path, &(w, h)) in paths.iter().zip(sizes) {
        let mut best: Option<(usize, i32, LabelBox, (i32, i32))> = None;
        // Not past twice `at`: towards p = 1 the curves all run into 0, and a label there
        // could be anyone's.
        for &(x, y) in path.iter().filter(|p| p.0 - plot.0 <= 2 * (at - plot.0)) {
            for d in [gap, 4 * gap, 8 * gap, 14 * gap] {
                for b in [(x + d, y - d - h, x + d + w, y - d), (x - d - w, y + d, x - d, y + d + h)] {
                    let inside = b.0 >= plot.0 && b.1 >= plot.1 && b.2 <= plot.2 && b.3 <= plot.3;
                    if !inside || placed.iter().any(|&p| boxes_meet(p, b, gap)) {
                        continue;
                    }
                    let corner = if b.0 > x { (b.0, b.3) } else { (b.2, b.1) };
                    let cost = (x - at).abs() + 4 * (d - gap);
                    // No box can beat a clear one nearer `at`.
                    if best.is_some_and(|(n, c, _, _)| n == 0 && c <= cost) {
                        continue;
                    }
                    let near = paths
                        .iter()
                        .flat_map(|p| p.windows(2))
                        .filter(|s| {
                            let segment =
                                (s[0].0.min(s[1].0), s[0].1.min(s[1].1), s[0].0.max(s[1].0), s[0].1.max(s[1].1));
                            boxes_meet(segment, b, 1)
                        })
                        .count();
                    // A leader line that crosses another curve is better than a box a curve crosses.
                    let near = 4 * near
                        + if d > gap { paths.iter().filter(|p| crosses(p, (x, y), corner)).count() } else { 0 };
                    if best.is_none_or(|(n, c, _, _)| (near, cost) < (n, c)) {
                        best = Some((near, cost, b, (x, y)));
                    }
                }
            }
        }
        out.push(best.map(|(_, _, b, point)| (b, point)));
        placed.extend(best.map(|(_, _, b, _)| b));
    }
    out
}

/// Background, axes and curves of the loss-versus-probability panel.
pub fn draw_probability_curve_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    curves: &[ProbabilityCurve],
    style: &ChartStyle,
) -> ChartResult<PlotArea> {
    area.fill(&style.palette.background).map_err(err)?;
    let (x, y) = ((0.0, 1.0), (0.0, CURVE_LOSS_MAX));
    let mut chart = cartesian(area, x, y, style, SMALL_LABEL_AREAS)?;
    draw_axes(&mut chart, style, "probability p of the true class", "loss", (6, 5))?;
    // Reference curves first, the emphasised one last (on top).
    let layers = [(true, false), (false, false), (false, true)];
    let ordered: Vec<&ProbabilityCurve> = layers
        .iter()
        .flat_map(|&(reference, emphasized)| {
            curves.iter().filter(move |c| c.reference == reference && (c.emphasized && !c.reference) == emphasized)
        })
        .collect();
    for curve in &ordered {
        let (width, opacity) = match (curve.reference, curve.emphasized) {
            (true, _) => (1.2, SECONDARY_OPACITY),
            (false, true) => (3.5, 1.0),
            (false, false) => (2.0, OTHER_CURVE_OPACITY),
        };
        for piece in clip_to_band(&curve.samples, y.0, y.1) {
            draw_binary_path(chart.plotting_area(), curve.kind, piece, style, width, opacity)?;
        }
    }
    // Each label beside its own curve, clear of the other labels and curves where possible
    // (written at one p_t and pushed apart, they stood in a column across the γ family).
    let (cols, rows) = chart.plotting_area().get_pixel_range();
    let priority: Vec<&ProbabilityCurve> = ordered.iter().rev().copied().collect();
    let paths: Vec<Vec<(i32, i32)>> = priority
        .iter()
        .map(|c| c.samples.iter().filter(|s| s.1 <= y.1).map(|s| chart.backend_coord(s)).collect())
        .collect();
    let fonts: Vec<_> =
        priority.iter().map(|c| style.font(11.0).color(&curve_label_color(c.kind, &style.palette))).collect();
    let mut sizes = Vec::new();
    for (curve, font) in priority.iter().zip(&fonts) {
        let (w, h) = area.estimate_text_size(&curve.label, font).map_err(err)?;
        sizes.push((w as i32, h as i32));
    }
    let at = chart.backend_coord(&(CURVE_LABEL_AT, 0.0)).0;
    let plot = (cols.start, rows.start, cols.end, rows.end);
    let boxes = place_labels(&paths, &sizes, plot, at, style.px(3.0) as i32);
    for ((curve, font), b) in priority.iter().zip(fonts).zip(boxes) {
        let Some(((left, top, right, bottom), (x, y))) = b else { continue };
        // A label set off from its curve points to it.
        let corner = if left > x { (left, bottom) } else { (right, top) };
        if (corner.0 - x).abs() > style.px(4.0) as i32 {
            let leader = curve_label_color(curve.kind, &style.palette).stroke_width(style.px(1.0));
            area.draw(&PathElement::new(vec![(x, y), corner], leader)).map_err(err)?;
        }
        // An opaque backdrop in the background colour keeps a label readable where a curve
        // still crosses it: the text's contrast is then its colour's against the background.
        let pad = style.px(1.0) as i32;
        let corners = [(left - pad, top - pad), (right + pad, bottom + pad)];
        area.draw(&Rectangle::new(corners, style.palette.background.filled())).map_err(err)?;
        area.draw(&Text::new(curve.label.clone(), (left, top), font)).map_err(err)?;
    }
    Ok(plot_area(chart.plotting_area(), x, y))
}

/// The colour of a curve's label in the loss-versus-probability panel: its loss's colour at
/// full strength, which has at least 4.5:1 contrast against the background in both palettes
/// (the reference curves' labels were mixed at 0.8: 3.75:1 for focal on white).
pub fn curve_label_color(kind: BinaryLossKind, palette: &Palette) -> RGBColor {
    binary_loss_color(kind, palette)
}

/// A point marked on the picked loss's curve: its p_t, its loss, and its label.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurveMarker {
    /// The probability the fit gives the point's true class.
    pub p_true: f64,
    /// The point's loss.
    pub loss: f64,
    /// Whether its label is 1 (square) or 0 (circle).
    pub positive: bool,
}

/// The points' markers on the picked curve (transparent layer); losses above the panel are
/// drawn at its top edge.
pub fn draw_probability_curve_data<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    markers: &[CurveMarker],
    kind: BinaryLossKind,
    style: &ChartStyle,
) -> ChartResult<PlotArea> {
    let (x, y) = ((0.0, 1.0), (0.0, CURVE_LOSS_MAX));
    let plot = data_plot(area, x, y, style, SMALL_LABEL_AREAS);
    let color = binary_loss_color(kind, &style.palette);
    let outline = style.palette.point_outline.stroke_width(style.px(1.0));
    let at = |m: &CurveMarker| (m.p_true.clamp(0.0, 1.0), m.loss.clamp(0.0, CURVE_LOSS_MAX));
    let radius = style.px(4.0);
    let half = style.px(3.5) as i32;
    let circles: Vec<(f64, f64)> = markers.iter().filter(|m| !m.positive).map(at).collect();
    let squares: Vec<(f64, f64)> = markers.iter().filter(|m| m.positive).map(at).collect();
    let fill = color.mix(CURVE_MARKER_OPACITY).filled();
    draw_each(&plot, circles.iter().map(|&p| Circle::new(p, radius, fill)))?;
    draw_each(&plot, circles.iter().map(|&p| Circle::new(p, radius, outline)))?;
    draw_each(
        &plot,
        squares.iter().map(|&p| EmptyElement::at(p) + Rectangle::new([(-half, -half), (half, half)], fill)),
    )?;
    Ok(plot_area(&plot, x, y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::LIGHT;
    use plotters_svg::SVGBackend;

    fn style() -> ChartStyle {
        ChartStyle { scale: 1.0, palette: LIGHT }
    }

    fn svg(draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>)) -> String {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (640, 360)).into_drawing_area();
            draw(&root);
            root.present().expect("presented");
        }
        out
    }

    #[test]
    fn the_plot_draws_one_shape_per_point_and_one_curve_per_fit() {
        let points = LabeledPoints::from_pairs(&[(-2.0, false), (-1.0, false), (0.5, true), (1.0, false), (2.0, true)])
            .expect("valid");
        let fits = [
            FittedLine { kind: BinaryLossKind::Bce, line: Line::new(2.0, -0.5), emphasized: false, stale: false },
            FittedLine { kind: BinaryLossKind::Hinge, line: Line::new(1.0, 0.0), emphasized: true, stale: false },
        ];
        let scene = ClassificationScene { x_range: (-3.0, 3.0), points: &points, fits: &fits, selected: None };
        let out = svg(|root| {
            let area = draw_classification_data(root, &scene, &style()).expect("drawn");
            assert!(area.left < area.right && area.top < area.bottom);
        });
        // Label 0: a filled disc and a ring each; label 1: a filled square and its edge each.
        assert_eq!(out.matches("<circle").count(), 2 * 3, "{out}");
        assert_eq!(out.matches("<rect").count(), 2 * 2, "{out}");
        // BCE's sigmoid is the one long polyline; the hinge's step and both boundaries are
        // dashed, i.e. drawn as many two-point pieces.
        let long = out.split("<polyline").skip(1).filter(|p| {
            p.split(" points=")
                .nth(1)
                .is_some_and(|q| q.split('"').nth(1).is_some_and(|pts| pts.split(' ').count() > 20))
        });
        assert_eq!(long.count(), 1, "{out}");
        assert!(out.matches("<polyline").count() > 10, "dashes");
        let selected = ClassificationScene { selected: Some(4), ..scene };
        let out = svg(|root| {
            draw_classification_data(root, &selected, &style()).expect("drawn");
        });
        assert_eq!(out.matches("<circle").count(), 2 * 3 + 1, "the selection ring");
    }

    #[test]
    fn the_parts_of_a_drag_frame_add_up_to_the_whole_plot() {
        let points = LabeledPoints::from_pairs(&[(-2.0, false), (-1.0, false), (0.5, true), (1.0, false), (2.0, true)])
            .expect("valid");
        let fits =
            [FittedLine { kind: BinaryLossKind::Bce, line: Line::new(2.0, -0.5), emphasized: true, stale: false }];
        let scene = ClassificationScene { x_range: (-3.0, 3.0), points: &points, fits: &fits, selected: Some(2) };
        let tags = |part| {
            let out = svg(|root| {
                draw_classification_part(root, &scene, &style(), part).expect("drawn");
            });
            (out.matches("<circle").count(), out.matches("<rect").count(), out.matches("<polyline").count())
        };
        let whole = tags(LayerPart::All);
        let (fits, still, dragged) =
            (tags(LayerPart::Under), tags(LayerPart::PointsExcept(2)), tags(LayerPart::Over(2)));
        assert_eq!((fits.0, fits.1), (0, 0), "the fits part has no points");
        assert_eq!(still.2 + dragged.2, 0, "the point parts have no curves");
        assert_eq!((fits.0 + still.0 + dragged.0, fits.1 + still.1 + dragged.1), (whole.0, whole.1));
        assert_eq!(fits.2, whole.2);
        // The dragged point is the selected square: its fill, its edge and the ring.
        assert_eq!(dragged, (1, 2, 0));
        // Every other point: two discs for each label-0 point, fill and edge for the other.
        assert_eq!(still, (3 * 2, 2, 0));
        assert_eq!(tags(LayerPart::Ring), (1, 0, 0), "the ring alone");
    }

    #[test]
    fn dense_label_one_points_stay_visible() {
        // 400 label-1 points 0.005 apart: the background-coloured edges, each drawn over every
        // fill, used to hide them all.
        let pairs: Vec<(f64, bool)> = (0..400).map(|i| (i as f64 * 0.005, true)).chain([(-1.0, false)]).collect();
        let points = LabeledPoints::from_pairs(&pairs).expect("valid");
        let scene = ClassificationScene { x_range: (-3.0, 3.0), points: &points, fits: &[], selected: None };
        let out = svg(|root| {
            draw_classification_data(root, &scene, &style()).expect("drawn");
        });
        let rects: Vec<&str> = out.split("<rect").skip(1).collect();
        assert_eq!(rects.len(), 400, "one filled square per point, no edges over them");
        assert!(rects.iter().all(|r| !r.contains("fill=\"none\"")), "no outline-only rectangles");
    }

    #[test]
    fn dense_point_losses_fill_the_picked_loss_and_trace_the_others() {
        // 1,000 points: BCE 1 everywhere but one point of 1.8, focal a tenth of BCE.
        let bars: Vec<PointLossBar> = (0..1000)
            .map(|i| {
                let bce = if i == 700 { 1.8 } else { 1.0 };
                PointLossBar { losses: [bce, 0.1 * bce, 0.0], positive: i % 2 == 0 }
            })
            .collect();
        let shown = [BinaryLossKind::Bce, BinaryLossKind::Focal];
        let scene =
            PointLossScene { bars: &bars, y_max: 2.0, shown: &shown, picked: BinaryLossKind::Focal, highlight: None };
        let out = svg(|root| {
            draw_point_loss_data(root, &scene, &style()).expect("drawn");
        });
        let rects = out.matches("<rect").count();
        assert!(rects > 100 && rects < 1000, "one filled column per 2 pixels, not a bar per point: {rects}");
        // BCE: one level stroke per column at the column's largest loss (1, or 1.8 in one
        // column), every one drawn after every fill (a spike's steps used to cover the fill).
        let strokes: Vec<&str> = out.split("<polyline").skip(1).collect();
        assert_eq!(strokes.len(), rects, "{out}");
        assert!(out.rfind("<rect").unwrap() < out.find("<polyline").unwrap(), "the strokes over the fill");
        let ys: Vec<f64> = strokes
            .iter()
            .flat_map(|stroke| {
                let points = stroke.split(" points=\"").nth(1).and_then(|q| q.split('"').next()).expect("points");
                points.split(' ').filter_map(|p| p.split(',').nth(1)?.parse::<f64>().ok()).collect::<Vec<_>>()
            })
            .collect();
        assert!(strokes.iter().all(|s| s.matches(',').count() == 2), "each stroke level: two points");
        let (high, low) = (ys.iter().copied().fold(f64::INFINITY, f64::min), ys.iter().copied().fold(0.0, f64::max));
        assert!(low > high, "two levels");
        assert_eq!(ys.iter().filter(|&&y| y == high).count(), 2, "one column holds the 1.8");
    }

    #[test]
    fn the_axes_write_the_threshold_and_the_rows() {
        let out = svg(|root| {
            draw_classification_axes(root, (-3.0, 3.0), &style()).expect("drawn");
        });
        assert!(out.contains("threshold 0.5") && out.contains("label 1") && out.contains("P(label 1)"), "{out}");
    }

    #[test]
    fn sigmoid_and_step_paths_stay_in_range_and_cross_half_at_the_boundary() {
        let line = Line::new(50.0, -25.0);
        let path = sigmoid_path(line, (-1.0, 2.0));
        assert!(path.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(path.iter().all(|&(_, p)| (0.0..=1.0).contains(&p)));
        assert!(path.iter().any(|&(x, p)| x == 0.5 && p == 0.5), "a sample sits on the boundary");
        assert_eq!(
            decision_step(Line::new(-1.0, 1.0), (-2.0, 3.0)),
            vec![(-2.0, 1.0), (1.0, 1.0), (1.0, 0.0), (3.0, 0.0)]
        );
        assert_eq!(decision_step(Line::new(0.0, 1.0), (-2.0, 3.0)), vec![(-2.0, 1.0), (3.0, 1.0)]);
    }

    #[test]
    fn loss_bars_draw_one_rectangle_per_point_and_shown_loss() {
        let bars = [
            PointLossBar { losses: [0.1, 0.01, 0.0], positive: false },
            PointLossBar { losses: [2.0, 1.5, 3.0], positive: true },
            PointLossBar { losses: [9.0, 0.5, 1.0], positive: true },
        ];
        let shown = [BinaryLossKind::Bce, BinaryLossKind::Focal];
        let scene = PointLossScene {
            bars: &bars,
            y_max: 3.0,
            shown: &shown,
            picked: BinaryLossKind::Focal,
            highlight: Some(1),
        };
        let out = svg(|root| {
            draw_point_loss_data(root, &scene, &style()).expect("drawn");
        });
        assert_eq!(out.matches("<rect").count(), 3 * 2 + 1, "{out}");
    }

    type Path = Vec<(i32, i32)>;

    /// The panel's curves mapped to a `width` × `height` plot (backend pixels) and their labels'
    /// sizes at `font` px, most important first, as the panel places them.
    fn curves_in_pixels(
        curves: &[ProbabilityCurve],
        (width, height): (i32, i32),
        font: f64,
    ) -> (Vec<Path>, Vec<(i32, i32)>) {
        let map = |&(p, loss): &(f64, f64)| {
            ((p * f64::from(width)).round() as i32, (f64::from(height) * (1.0 - loss / CURVE_LOSS_MAX)).round() as i32)
        };
        let mut order: Vec<&ProbabilityCurve> = curves.iter().collect();
        order.sort_by_key(|c| (!c.emphasized, c.reference));
        let paths =
            order.iter().map(|c| c.samples.iter().filter(|s| s.1 <= CURVE_LOSS_MAX).map(map).collect()).collect();
        // About the sans-serif's width: 0.6 em a character (wider than DejaVu's digits).
        let sizes = order.iter().map(|c| ((c.label.chars().count() as f64 * 0.6 * font) as i32, font as i32)).collect();
        (paths, sizes)
    }

    /// Whether the segment from `a` to `b` comes within `gap` of the box.
    fn near(a: (i32, i32), b: (i32, i32), r: LabelBox, gap: i32) -> bool {
        boxes_meet((a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1)), r, gap)
    }

    #[test]
    fn each_curve_label_sits_by_its_own_curve_clear_of_the_others() {
        use crate::components::classification_curves::probability_curves;
        use crate::state::classification::BinaryLossKind::{Bce, Focal};
        use losslab_core::numerics::classification::FocalParams;
        // The panel presenting at 1920 px (940 × 280 CSS px at zoom 1.35), on a laptop, on a phone.
        for (size, font) in [((1190, 300), 14.85), ((520, 190), 11.0), ((330, 190), 11.0)] {
            for (gamma, picked) in [(2.0, Focal), (2.0, Bce), (1.0, Focal), (5.0, Focal)] {
                let curves = probability_curves(FocalParams::new(gamma, None).unwrap(), picked);
                let (paths, sizes) = curves_in_pixels(&curves, size, font);
                let gap = 3;
                let boxes = place_labels(&paths, &sizes, (0, 0, size.0, size.1), (0.3 * f64::from(size.0)) as i32, gap);
                let case = format!("{size:?}, γ={gamma}, {picked:?}: {boxes:?}");
                let placed: Vec<(LabelBox, (i32, i32))> = boxes.into_iter().map(|b| b.expect(&case)).collect();
                let boxes: Vec<LabelBox> = placed.iter().map(|p| p.0).collect();
                for (i, &(b, point)) in placed.iter().enumerate() {
                    assert!(b.0 >= 0 && b.1 >= 0 && b.2 <= size.0 && b.3 <= size.1, "inside the plot: {case}");
                    for (j, &other) in boxes.iter().enumerate().filter(|&(j, _)| j != i) {
                        assert!(!boxes_meet(b, other, 0), "labels {i} and {j} overlap: {case}");
                        // Presenting there is room to keep every label clear of every curve; a
                        // small panel has too little between the γ curves for that.
                        let crossed = paths[j].windows(2).any(|s| near(s[0], s[1], b, 0));
                        assert!(!(crossed && size.0 > 1000), "curve {j} crosses label {i}: {case}");
                    }
                    // It belongs to a point of its own curve, at its corner or along the diagonal.
                    assert!(paths[i].contains(&point), "label {i} points at its own curve: {case}");
                    let corner = if b.0 > point.0 { (b.0, b.3) } else { (b.2, b.1) };
                    let (dx, dy) = (corner.0 - point.0, corner.1 - point.1);
                    assert!(dx.abs() == dy.abs() && dx.abs() <= 14 * gap, "label {i} by its point: {case}");
                }
            }
        }
        // Labels that cannot all keep clear still never overlap, and none leaves the plot.
        let curves = probability_curves(FocalParams::new(2.0, Some(0.25)).unwrap(), Focal);
        let (paths, sizes) = curves_in_pixels(&curves, (330, 190), 11.0);
        let boxes: Vec<LabelBox> =
            place_labels(&paths, &sizes, (0, 0, 330, 190), 99, 3).into_iter().flatten().map(|p| p.0).collect();
        for (i, a) in boxes.iter().enumerate() {
            assert!(boxes.iter().skip(i + 1).all(|&b| !boxes_meet(*a, b, 0)), "{boxes:?}");
        }
    }

    #[test]
    fn curves_are_drawn_with_labels_and_markers_with_shapes() {
        let curve = |label: &str, power: i32, reference: bool| ProbabilityCurve {
            kind: BinaryLossKind::Focal,
            label: label.into(),
            samples: (1..=100).map(|i| f64::from(i) / 100.0).map(|p| (p, -(1.0 - p).powi(power) * p.ln())).collect(),
            emphasized: !reference,
            reference,
        };
        let curves = [curve("γ=1", 1, true), curve("γ=2", 2, false)];
        let out = svg(|root| {
            draw_probability_curve_axes(root, &curves, &style()).expect("drawn");
        });
        assert!(out.contains("γ=1") && out.contains("γ=2"), "{out}");
        let markers = [
            CurveMarker { p_true: 0.9, loss: 0.1, positive: true },
            CurveMarker { p_true: 0.2, loss: 9.0, positive: false },
        ];
        let out = svg(|root| {
            draw_probability_curve_data(root, &markers, BinaryLossKind::Bce, &style()).expect("drawn");
        });
        assert_eq!((out.matches("<circle").count(), out.matches("<rect").count()), (2, 1), "{out}");
    }
}
