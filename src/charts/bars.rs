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
    draw_axes(&mut chart, style, "point, in the order of the data", y_desc, (0, 4))?;
    Ok(plot_area(chart.plotting_area(), x, y_range))
}

/// The bars (transparent layer). Bars grow from 0, up or down.
pub fn draw_bar_data<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &BarScene<'_>,
    style: &ChartStyle,
) -> ChartResult<PlotArea> {
    let x = x_range(scene.values.len());
    let plot = data_plot(area, x, scene.y_range, style, LABEL_AREAS);
    let (lo, hi) = scene.y_range;
    let base = 0.0f64.clamp(lo, hi);
    let area = plot_area(&plot, x, scene.y_range);
    let n = scene.values.len();
    let columns = ((area.right - area.left) / 2.0).max(1.0) as usize;
    if n > super::DENSE && n > columns {
        // More bars than 2-pixel columns: one bar per column spanning the column's values
        // (its lowest to its highest, always from 0), so a single outlier still shows.
        let mut spans = vec![(0.0f64, 0.0f64); columns];
        for (i, &v) in scene.values.iter().enumerate() {
            let span = &mut spans[i * columns / n];
            *span = (span.0.min(v), span.1.max(v));
        }
        let width = n as f64 / columns as f64;
        for (c, &(low, high)) in spans.iter().enumerate() {
            let x0 = c as f64 * width;
            let rect =
                Rectangle::new([(x0, low.clamp(lo, hi)), (x0 + width, high.clamp(lo, hi))], scene.color.filled());
            plot.draw(&rect).map_err(err)?;
        }
        if let Some(i) = scene.highlight.filter(|&i| i < n) {
            let v = scene.values[i].clamp(lo, hi);
            plot.draw(&Rectangle::new([(i as f64, base), (i as f64 + width, v)], style.palette.selected.filled()))
                .map_err(err)?;
        }
        return Ok(area);
    }
    let gap = if n > 60 { 0.0 } else { 0.15 };
    let bars = scene.values.iter().enumerate().map(|(i, &v)| {
        let v = v.clamp(lo, hi);
        let color = if Some(i) == scene.highlight { style.palette.selected } else { scene.color };
        Rectangle::new([(i as f64 + gap, base), (i as f64 + 1.0 - gap, v)], color.filled())
    });
    for bar in bars {
        plot.draw(&bar).map_err(err)?;
    }
    Ok(area)
}
