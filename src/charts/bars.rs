//! Per-point bars: each point's share of the total loss, or its pull ψ(rᵢ).

use super::{cartesian, data_plot, draw_axes, err, plot_area, ChartResult, ChartStyle, PlotArea};
use plotters::coord::Shift;
use plotters::prelude::*;

const LABEL_AREAS: (f64, f64) = (32.0, 48.0);

/// Everything the data layer of a bar panel shows.
#[derive(Debug, Clone, Copy)]
pub struct BarScene<'a> {
    /// One value per point, in point order.
    pub values: &'a [f64],
    /// Value range shown (bars are clamped to it).
    pub y_range: (f64, f64),
    /// Bar colour.
    pub color: RGBColor,
    /// A bar to highlight (the selected point).
    pub highlight: Option<usize>,
}

fn x_range(count: usize) -> (f64, f64) {
    (0.0, count.max(1) as f64)
}

/// Background, grid and axes of a bar panel with `count` bars.
pub fn draw_bar_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    count: usize,
    y_range: (f64, f64),
    style: &ChartStyle,
    y_desc: &str,
) -> ChartResult<PlotArea> {
    area.fill(&style.palette.background).map_err(err)?;
    let x = x_range(count);
    let mut chart = cartesian(area, x, y_range, style, LABEL_AREAS)?;
    draw_axes(&mut chart, style, "point (left to right)", y_desc, (0, 4))?;
    Ok(plot_area(chart.plotting_area(), x, y_range))
}

/// The bars (transparent layer). Bars grow from 0, up or down.
pub fn draw_bar_data<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, scene: &BarScene<'_>, style: &ChartStyle) -> ChartResult<PlotArea> {
    let x = x_range(scene.values.len());
    let plot = data_plot(area, x, scene.y_range, style, LABEL_AREAS);
    let (lo, hi) = scene.y_range;
    let gap = if scene.values.len() > 60 { 0.0 } else { 0.15 };
    let bars = scene.values.iter().enumerate().map(|(i, &v)| {
        let v = v.clamp(lo, hi);
        let base = 0.0f64.clamp(lo, hi);
        let color = if Some(i) == scene.highlight { style.palette.selected } else { scene.color };
        Rectangle::new([(i as f64 + gap, base), (i as f64 + 1.0 - gap, v)], color.filled())
    });
    for bar in bars {
        plot.draw(&bar).map_err(err)?;
    }
    Ok(plot_area(&plot, x, scene.y_range))
}
