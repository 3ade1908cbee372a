//! The scatter plot: points, every loss's fitted line, and residual segments.

use super::{
    cartesian, data_plot, draw_axes, draw_loss_path, err, plot_area, ChartResult, ChartStyle, LayerPart, PlotArea,
};
use crate::view_box::ViewBox;
use losslab_core::numerics::points::Points;
use losslab_core::numerics::regression::LossKind;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Label areas (x, y) in CSS pixels.
const LABEL_AREAS: (f64, f64) = (40.0, 52.0);

/// Up to this many points are drawn with an outline.
const OUTLINED: usize = 120;

/// One fitted line to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SceneLine {
    /// The loss whose fit this is (sets colour and dash pattern).
    pub kind: LossKind,
    /// Slope w.
    pub slope: f64,
    /// Intercept b.
    pub intercept: f64,
    /// The picked loss's line is drawn thicker and on top.
    pub emphasized: bool,
}

/// A segment from a point to the picked line, weighted by the point's loss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResidualSegment {
    /// The point's x.
    pub x: f64,
    /// The point's y.
    pub y: f64,
    /// The line's prediction at x.
    pub fitted: f64,
    /// The point's loss relative to the largest point loss, in [0, 1].
    pub weight: f64,
}

/// Everything the data layer of the scatter plot shows.
#[derive(Debug, Clone, Copy)]
pub struct ScatterScene<'a> {
    /// The data rectangle.
    pub view: ViewBox,
    /// The points.
    pub points: &'a Points,
    /// Fitted lines, in any order (the emphasised one is drawn last).
    pub lines: &'a [SceneLine],
    /// Residual segments of the picked loss.
    pub residuals: &'a [ResidualSegment],
    /// The selected point, drawn with a ring.
    pub selected: Option<usize>,
}

fn ranges(view: &ViewBox) -> ((f64, f64), (f64, f64)) {
    ((view.x_min, view.x_max), (view.y_min, view.y_max))
}

/// Tick labels on the y axis (at most).
const Y_TICKS: usize = 7;

/// The label bands below and left of the plot (CSS px): the y band is 8 px wider when its
/// longest tick label has 7 or more characters (`2.5e-16`, `1.000e9`), which touched the axis
/// name in the usual band. Both layers take their plotting area from this.
fn label_areas(y: (f64, f64)) -> (f64, f64) {
    let (_, longest) = super::TickFormat::measured(y, Y_TICKS);
    (LABEL_AREAS.0, if longest >= 7 { LABEL_AREAS.1 + 8.0 } else { LABEL_AREAS.1 })
}

/// Background, grid and labelled axes of the scatter plot.
pub fn draw_scatter_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &ViewBox,
    style: &ChartStyle,
) -> ChartResult<PlotArea> {
    area.fill(&style.palette.background).map_err(err)?;
    let (x, y) = ranges(view);
    let mut chart = cartesian(area, x, y, style, label_areas(y))?;
    draw_axes(&mut chart, style, "x", "y", (8, Y_TICKS))?;
    Ok(plot_area(chart.plotting_area(), x, y))
}

/// Height of the legend band above a saved image of the scatter plot, in CSS pixels.
pub const LEGEND_HEIGHT: f64 = 60.0;

/// Width given to each line's entry in that band, in CSS pixels: six entries fit the
/// exported image's 960 px.
const LEGEND_ENTRY: f64 = 150.0;

/// The legend band above a saved image of the scatter plot: `title` (the data and the picked
/// loss), then each line drawn, as a short stretch of its stroke and its loss's name, the
/// picked one as thick as on the plot. A saved image is read away from the app, where no
/// loss picker tells the lines apart.
pub fn draw_scatter_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    lines: &[SceneLine],
    style: &ChartStyle,
) -> ChartResult<()> {
    area.fill(&style.palette.background).map_err(err)?;
    let px = |css: f64| (css * style.scale).round() as i32;
    area.draw(&Text::new(title, (px(16.0), px(8.0)), style.font(15.0).color(&style.palette.axis))).map_err(err)?;
    let font = style.font(14.0).color(&style.palette.axis);
    let (top, swatch) = (px(34.0), px(34.0));
    let (x0, y0) = area.get_base_pixel();
    for (i, line) in lines.iter().enumerate() {
        let left = px(16.0 + LEGEND_ENTRY * i as f64);
        // A one-by-one coordinate system over the swatch's box (in the backend's pixels, as
        // plotters' mapping wants them), so the stroke is drawn by the same code (colour, dash
        // pattern, width) as the plot's line.
        let (left_px, top_px) = (x0 + left, y0 + top);
        let sample = area.clone().apply_coord_spec(Cartesian2d::new(
            super::Axis::new(0.0, 1.0),
            super::Axis::new(0.0, 1.0),
            (left_px..left_px + swatch, top_px..top_px + px(16.0)),
        ));
        let width = if line.emphasized { 4.0 } else { 2.0 };
        draw_loss_path(&sample, line.kind, vec![(0.0, 0.5), (1.0, 0.5)], style, width, 1.0)?;
        area.draw(&Text::new(line.kind.label(), (left + swatch + px(6.0), top), font.clone())).map_err(err)?;
    }
    Ok(())
}

/// Residuals, lines and points (no background: the layer is transparent).
pub fn draw_scatter_data<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &ScatterScene<'_>,
    style: &ChartStyle,
) -> ChartResult<PlotArea> {
    draw_scatter_part(area, scene, style, LayerPart::All)
}

/// The `part` of the data layer (see [`LayerPart`]); every part is drawn in the look of
/// the whole (dense or not), so the parts add up to [`draw_scatter_data`]'s drawing.
pub fn draw_scatter_part<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &ScatterScene<'_>,
    style: &ChartStyle,
    part: LayerPart,
) -> ChartResult<PlotArea> {
    let (x, y) = ranges(&scene.view);
    let plot = data_plot(area, x, y, style, label_areas(y));
    let view = scene.view;
    let palette = style.palette;
    let visible: Vec<(usize, (f64, f64))> =
        scene.points.iter().enumerate().filter(|&(_, (x, y))| view.contains(x, y)).collect();
    // Dense data hide the lines under them: the lines are drawn over the points instead.
    let dense = visible.len() > super::DENSE;
    if part.under() {
        draw_residuals(&plot, scene, style)?;
        if !dense {
            draw_lines(&plot, scene, style)?;
        }
    }
    let drawn = visible.iter().filter(|(i, _)| part.point(*i)).map(|&(_, p)| p);
    if dense {
        // Dense data: small translucent squares, no outline (see `DENSE`), so that crowded
        // and stacked points show darker.
        let half = style.px(2.0) as i32;
        let fill = palette.point.mix(super::DENSE_MARKER_OPACITY).filled();
        for p in drawn {
            let square = EmptyElement::at(p) + Rectangle::new([(-half, -half), (half, half)], fill);
            plot.draw(&square).map_err(err)?;
        }
        if part.over() {
            draw_lines(&plot, scene, style)?;
        }
    } else {
        let radius = style.px(5.0);
        let drawn: Vec<(f64, f64)> = drawn.collect();
        for &p in &drawn {
            plot.draw(&Circle::new(p, radius, palette.point.filled())).map_err(err)?;
        }
        // A light outline separates a point from the lines under it; past `OUTLINED` points
        // it would double the drawing cost for little gain, so larger sets go without.
        if visible.len() <= OUTLINED {
            let outline = style.px(1.5);
            for &p in &drawn {
                plot.draw(&Circle::new(p, radius, palette.point_outline.stroke_width(outline))).map_err(err)?;
            }
        }
    }
    if let Some(i) = scene.selected.filter(|&i| part == LayerPart::Ring || part.point(i)) {
        if let Some(p) = scene.points.get(i) {
            plot.draw(&Circle::new(p, style.px(9.0), palette.selected.stroke_width(style.px(3.0)))).map_err(err)?;
        }
    }
    Ok(plot_area(&plot, x, y))
}

/// The residual segments.
fn draw_residuals<DB: DrawingBackend>(
    plot: &super::Plot<DB>,
    scene: &ScatterScene<'_>,
    style: &ChartStyle,
) -> ChartResult<()> {
    let view = scene.view;
    let palette = style.palette;

    // Weights are rounded to quarters and the segments drawn level by level, so that they
    // share five styles and a batching backend strokes each style once (drawn in point order,
    // the styles alternated and every segment cost its own stroke).
    // With dense data the faintest level (a point the line nearly passes through) is left
    // out: thousands of hairlines 35 % opaque form a haze that hides the points.
    // Beyond `DENSE` segments only the `DENSE` heaviest are drawn: they are where the loss is,
    // and thousands of segments per frame cost most of a drag's drawing time at 2,000 points.
    let dense = scene.residuals.len() > super::DENSE;
    let first_level = if dense { 1 } else { 0 };
    let lightest = if dense { heaviest_weights_from(scene.residuals, super::DENSE) } else { 0.0 };
    for level in first_level..=4u8 {
        let weight = f64::from(level) / 4.0;
        let stroke = palette.residual.mix(0.35 + 0.5 * weight).stroke_width(style.px(1.0 + 4.0 * weight));
        let at_level = |s: &&ResidualSegment| (s.weight.clamp(0.0, 1.0) * 4.0).round() as u8 == level;
        for s in scene.residuals.iter().filter(at_level).filter(|s| s.weight >= lightest) {
            let fitted = s.fitted.clamp(view.y_min, view.y_max);
            plot.draw(&PathElement::new(vec![(s.x, s.y), (s.x, fitted)], stroke)).map_err(err)?;
        }
    }
    Ok(())
}

/// The fitted lines, the emphasised one last, on top (two passes: cheaper in code size than a
/// sort).
fn draw_lines<DB: DrawingBackend>(
    plot: &super::Plot<DB>,
    scene: &ScatterScene<'_>,
    style: &ChartStyle,
) -> ChartResult<()> {
    let ordered = [false, true].into_iter().flat_map(|last| scene.lines.iter().filter(move |l| l.emphasized == last));
    for line in ordered {
        if let Some((start, end)) = scene.view.clip_line(line.slope, line.intercept) {
            let (width, opacity) = if line.emphasized { (4.0, 1.0) } else { (2.0, 0.85) };
            draw_loss_path(plot, line.kind, vec![start, end], style, width, opacity)?;
        }
    }
    Ok(())
}

/// The weight of the `count`-th heaviest segment: drawing the segments at least this heavy
/// draws the `count` heaviest (and any tied with the last). O(n) selection.
fn heaviest_weights_from(residuals: &[ResidualSegment], count: usize) -> f64 {
    if count == 0 || residuals.len() <= count {
        return f64::NEG_INFINITY;
    }
    let mut weights: Vec<f64> = residuals.iter().map(|s| s.weight).collect();
    let k = residuals.len() - count;
    losslab_core::numerics::regression::select_values(&mut weights, k);
    weights[k]
}
