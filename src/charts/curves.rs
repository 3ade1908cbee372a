//! Loss-curve and gradient panels: ρ(r) or ψ(r) of every loss, the picked one emphasised,
//! with each point's residual marked on the picked curve.

use super::{
    cartesian, data_plot, draw_axes, draw_loss_path, err, plot_area, ChartResult, ChartStyle, PlotArea,
    SECONDARY_OPACITY,
};
use losslab_core::numerics::regression::LossKind;
use plotters::coord::Shift;
use plotters::prelude::*;

const LABEL_AREAS: (f64, f64) = (36.0, 48.0);
/// Widths in CSS pixels of the picked loss's curve and of the others (drawn at
/// [`SECONDARY_OPACITY`]).
pub const CURVE_WIDTHS: (f64, f64) = (3.5, 1.5);
/// Opacity of the residual markers: translucent, so that overlapping markers show darker, but
/// with 3:1 contrast against the background for every loss colour (WCAG 1.4.11).
pub const MARKER_OPACITY: f64 = 0.75;
/// Opacity of the dense look's small squares.
pub const DENSE_MARKER_OPACITY: f64 = 0.85;

/// One curve: samples (r, value) of a loss.
#[derive(Debug, Clone, PartialEq)]
pub struct CurveSeries {
    /// The loss (colour and dash pattern).
    pub kind: LossKind,
    /// (r, value) samples in increasing r.
    pub samples: Vec<(f64, f64)>,
    /// Whether this is the picked loss.
    pub emphasized: bool,
}

/// What the background layer of a curve panel shows: axes and every loss's curve. It changes
/// only with the range, the parameters or the picked loss, never during a drag.
#[derive(Debug, Clone, Copy)]
pub struct CurveBackground<'a> {
    /// Residual range shown.
    pub r_range: (f64, f64),
    /// Value range shown.
    pub y_range: (f64, f64),
    /// The curves.
    pub series: &'a [CurveSeries],
    /// Axis description of the values.
    pub y_desc: &'a str,
}

/// What the data layer of a curve panel shows: each point's residual on the picked curve.
#[derive(Debug, Clone, Copy)]
pub struct CurveMarkers<'a> {
    /// Residual range shown.
    pub r_range: (f64, f64),
    /// Value range shown.
    pub y_range: (f64, f64),
    /// Each point's (rᵢ, value) on the picked curve.
    pub markers: &'a [(f64, f64)],
}

/// Background, grid, axes and curves of a curve panel.
pub fn draw_curve_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &CurveBackground<'_>,
    style: &ChartStyle,
) -> ChartResult<PlotArea> {
    area.fill(&style.palette.background).map_err(err)?;
    let mut chart = cartesian(area, scene.r_range, scene.y_range, style, LABEL_AREAS)?;
    draw_axes(&mut chart, style, "residual r", scene.y_desc, (7, 5))?;
    let plot = chart.plotting_area();
    let (lo, hi) = scene.y_range;
    // The emphasised curve last, on top (two passes: cheaper in code size than a sort).
    let ordered = [false, true].into_iter().flat_map(|last| scene.series.iter().filter(move |s| s.emphasized == last));
    for series in ordered {
        // A curve leaving the panel is cut where it crosses the edge (clamping it would draw
        // a false flat stretch along the edge).
        let (width, opacity) =
            if series.emphasized { (CURVE_WIDTHS.0, 1.0) } else { (CURVE_WIDTHS.1, SECONDARY_OPACITY) };
        for piece in clip_to_band(&series.samples, lo, hi) {
            draw_loss_path(plot, series.kind, piece, style, width, opacity)?;
        }
    }
    Ok(plot_area(plot, scene.r_range, scene.y_range))
}

/// The residual markers of a curve panel (transparent layer).
pub fn draw_curve_data<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &CurveMarkers<'_>,
    style: &ChartStyle,
) -> ChartResult<PlotArea> {
    let plot = data_plot(area, scene.r_range, scene.y_range, style, LABEL_AREAS);
    let (lo, hi) = scene.y_range;
    // The points' own colour (as on the scatter plot), not the picked loss's: on the picked
    // loss's thick curve, dots of its colour could not be seen.
    let color = style.palette.point;
    let (r0, r1) = scene.r_range;
    let beyond = |&(r, v): &(f64, f64)| r < r0 || r > r1 || v < lo || v > hi;
    let clamped = |(r, v): (f64, f64)| (r.clamp(r0, r1), v.clamp(lo, hi));
    let inside = scene.markers.iter().filter(|m| !beyond(m)).copied();
    let area = plot_area(&plot, scene.r_range, scene.y_range);
    if scene.markers.len() > super::DENSE {
        // Dense data: one square per 3-pixel cell (the markers sit on one curve, so most overlap).
        let half = style.px(2.0) as i32;
        for p in super::thin(inside, &area, 3.0 * style.scale) {
            let square = EmptyElement::at(p)
                + Rectangle::new([(-half, -half), (half, half)], color.mix(DENSE_MARKER_OPACITY).filled());
            plot.draw(&square).map_err(err)?;
        }
    } else {
        // Translucent discs without an outline: overlaps show as darker, and each marker is
        // one arc (outlines doubled the drawing cost of this panel).
        let radius = style.px(4.0);
        for p in inside {
            plot.draw(&Circle::new(p, radius, color.mix(MARKER_OPACITY).filled())).map_err(err)?;
        }
    }
    // A residual beyond the panel is not drawn on the edge as if it were on the curve there:
    // a chevron at the edge points the way to it (‹ left, › right, ˄ above, ˅ below).
    let size = style.px(5.0) as i32;
    let chevron_style = color.stroke_width(style.px(2.0));
    let outside = scene.markers.iter().filter(|m| beyond(m)).map(|&m| (m, clamped(m)));
    let mut drawn: Vec<(f64, f64)> = Vec::new();
    for ((r, v), p) in outside {
        // Markers beyond one edge pile up at one place: each place once.
        if drawn.len() >= 64 || drawn.contains(&p) {
            continue;
        }
        drawn.push(p);
        let arms = if r < r0 {
            [(size, -size), (0, 0), (size, size)]
        } else if r > r1 {
            [(-size, -size), (0, 0), (-size, size)]
        } else if v > hi {
            [(-size, size), (0, 0), (size, size)]
        } else {
            [(-size, -size), (0, 0), (size, -size)]
        };
        plot.draw(&(EmptyElement::at(p) + PathElement::new(arms.to_vec(), chevron_style))).map_err(err)?;
    }
    Ok(area)
}

/// Splits a polyline into the pieces that lie within `lo ≤ value ≤ hi`, adding the exact
/// crossing points with the band's edges.
pub fn clip_to_band(samples: &[(f64, f64)], lo: f64, hi: f64) -> Vec<Vec<(f64, f64)>> {
    let inside = |v: f64| v >= lo && v <= hi;
    let crossing = |(x0, y0): (f64, f64), (x1, y1): (f64, f64), edge: f64| {
        let t = (edge - y0) / (y1 - y0);
        (x0 + t * (x1 - x0), edge)
    };
    let mut pieces = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for (i, &point) in samples.iter().enumerate() {
        if i > 0 {
            let previous = samples[i - 1];
            let (was_in, is_in) = (inside(previous.1), inside(point.1));
            if was_in && !is_in {
                let edge = if point.1 > hi { hi } else { lo };
                current.push(crossing(previous, point, edge));
                pieces.push(std::mem::take(&mut current));
            } else if !was_in && is_in {
                let edge = if previous.1 > hi { hi } else { lo };
                current.push(crossing(previous, point, edge));
            } else if !was_in && !is_in && (previous.1 > hi) != (point.1 > hi) {
                // Jumps across the whole band between two samples.
                let (first, second) = if previous.1 > hi { (hi, lo) } else { (lo, hi) };
                pieces.push(vec![crossing(previous, point, first), crossing(previous, point, second)]);
            }
        }
        if inside(point.1) {
            current.push(point);
        }
    }
    if current.len() > 1 {
        pieces.push(current);
    }
    pieces.retain(|p| p.len() > 1);
    pieces
}

#[cfg(test)]
mod tests {
    use super::clip_to_band;

    #[test]
    fn curves_are_cut_at_the_band_edges() {
        let parabola: Vec<(f64, f64)> = (-4..=4).map(|i| (f64::from(i), f64::from(i * i))).collect();
        let pieces = clip_to_band(&parabola, 0.0, 4.0);
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].first(), Some(&(-2.0, 4.0)));
        assert_eq!(pieces[0].last(), Some(&(2.0, 4.0)));
        assert!(pieces[0].iter().all(|&(_, y)| (0.0..=4.0).contains(&y)));
        // A steep line crossing the whole band between samples keeps its middle.
        let steep = vec![(0.0, -10.0), (1.0, 10.0)];
        let pieces = clip_to_band(&steep, -1.0, 1.0);
        assert_eq!(pieces, vec![vec![(0.45, -1.0), (0.55, 1.0)]]);
    }
}
