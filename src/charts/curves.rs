//! Loss-curve and gradient panels: ρ(r) or ψ(r) of every loss, the picked one emphasised,
//! with each point's residual marked on the picked curve.

use super::{cartesian, draw_axes, draw_loss_path, err, plot_area, ChartResult, ChartStyle, PlotArea};
use losslab_core::numerics::regression::LossKind;
use plotters::coord::Shift;
use plotters::prelude::*;

const LABEL_AREAS: (f64, f64) = (36.0, 48.0);

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

/// Everything the data layer of a curve panel shows.
#[derive(Debug, Clone, Copy)]
pub struct CurveScene<'a> {
    /// Residual range shown.
    pub r_range: (f64, f64),
    /// Value range shown.
    pub y_range: (f64, f64),
    /// The curves.
    pub series: &'a [CurveSeries],
    /// Each point's (rᵢ, value) on the picked curve.
    pub markers: &'a [(f64, f64)],
    /// The loss the markers belong to (their colour).
    pub marker_kind: LossKind,
}

/// Background, grid and axes of a curve panel.
pub fn draw_curve_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    r_range: (f64, f64),
    y_range: (f64, f64),
    style: &ChartStyle,
    y_desc: &str,
) -> ChartResult<PlotArea> {
    area.fill(&style.palette.background).map_err(err)?;
    let mut chart = cartesian(area, r_range, y_range, style, LABEL_AREAS)?;
    draw_axes(&mut chart, style, "residual r", y_desc, (7, 5))?;
    Ok(plot_area(&chart, r_range, y_range))
}

/// Curves and markers of a curve panel (transparent layer).
pub fn draw_curve_data<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, scene: &CurveScene<'_>, style: &ChartStyle) -> ChartResult<PlotArea> {
    let mut chart = cartesian(area, scene.r_range, scene.y_range, style, LABEL_AREAS)?;
    let (lo, hi) = scene.y_range;
    let mut ordered: Vec<&CurveSeries> = scene.series.iter().collect();
    ordered.sort_by_key(|s| s.emphasized);
    for series in ordered {
        // Values beyond the panel are clamped to its edge, so a steep curve leaves the panel
        // visibly instead of disappearing.
        let path: Vec<(f64, f64)> = series.samples.iter().map(|&(r, v)| (r, v.clamp(lo, hi))).collect();
        let (width, opacity) = if series.emphasized { (3.5, 1.0) } else { (1.5, 0.45) };
        draw_loss_path(&mut chart, series.kind, path, style, width, opacity)?;
    }
    let color = crate::theme::loss_color(scene.marker_kind, &style.palette);
    let (r0, r1) = scene.r_range;
    let radius = style.px(4.0);
    chart
        .draw_series(scene.markers.iter().map(|&(r, v)| {
            Circle::new((r.clamp(r0, r1), v.clamp(lo, hi)), radius, color.mix(0.75).filled())
        }))
        .map_err(err)?;
    chart
        .draw_series(scene.markers.iter().map(|&(r, v)| {
            Circle::new((r.clamp(r0, r1), v.clamp(lo, hi)), radius, style.palette.point_outline.stroke_width(style.px(1.0)))
        }))
        .map_err(err)?;
    Ok(plot_area(&chart, scene.r_range, scene.y_range))
}
