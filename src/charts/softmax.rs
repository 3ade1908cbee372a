//! Three-class bar charts for the categorical cross-entropy panel: the logits z₀…z₂ and
//! their softmax probabilities.

use super::{cartesian, data_plot, draw_axes, err, plot_area, ChartResult, ChartStyle, PlotArea};
use crate::theme::Palette;
use losslab_core::numerics::classification::CLASS_COUNT;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Label areas (x, y) in CSS pixels.
const LABEL_AREAS: (f64, f64) = (30.0, 44.0);
/// Each bar fills this fraction of its class's column.
const BAR_WIDTH: f64 = 0.6;

/// The colour of a class.
pub fn class_color(class: usize, palette: &Palette) -> RGBColor {
    let (light, dark) = match class {
        0 => (RGBColor(29, 78, 216), RGBColor(96, 165, 250)),
        1 => (RGBColor(180, 83, 9), RGBColor(251, 191, 36)),
        _ => (RGBColor(126, 34, 206), RGBColor(216, 180, 254)),
    };
    if palette.dark {
        dark
    } else {
        light
    }
}

/// The x range of a class bar chart: one unit per class.
pub const CLASS_X_RANGE: (f64, f64) = (0.0, CLASS_COUNT as f64);

/// Everything the data layer of a class bar chart shows.
#[derive(Debug, Clone, Copy)]
pub struct ClassBarScene<'a> {
    /// One value per class.
    pub values: &'a [f64; CLASS_COUNT],
    /// Value range shown (bars grow from 0 and are clamped to it).
    pub y_range: (f64, f64),
    /// The class drawn with an outline (the true class).
    pub outlined: Option<usize>,
}

/// Background, grid, axes and class names of a class bar chart.
pub fn draw_class_bar_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    y_range: (f64, f64),
    y_desc: &str,
    style: &ChartStyle,
) -> ChartResult<PlotArea> {
    area.fill(&style.palette.background).map_err(err)?;
    let mut chart = cartesian(area, CLASS_X_RANGE, y_range, style, LABEL_AREAS)?;
    draw_axes(&mut chart, style, "", y_desc, (0, 5))?;
    if y_range.0 < 0.0 && y_range.1 > 0.0 {
        let zero = style.palette.axis.stroke_width(style.px(1.0));
        chart
            .plotting_area()
            .draw(&PathElement::new(vec![(CLASS_X_RANGE.0, 0.0), (CLASS_X_RANGE.1, 0.0)], zero))
            .map_err(err)?;
    }
    let font = style.font(12.0).color(&style.palette.axis);
    for class in 0..CLASS_COUNT {
        let (px, py) = chart.backend_coord(&(class as f64 + 0.5, y_range.0));
        let label = ["class 0", "class 1", "class 2"][class];
        let width = style.px(21.0) as i32;
        area.draw(&Text::new(label, (px - width, py + style.px(6.0) as i32), font.clone())).map_err(err)?;
    }
    Ok(plot_area(chart.plotting_area(), CLASS_X_RANGE, y_range))
}

/// The bars (transparent layer), centred in their class's column.
pub fn draw_class_bar_data<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &ClassBarScene<'_>,
    style: &ChartStyle,
) -> ChartResult<PlotArea> {
    let plot = data_plot(area, CLASS_X_RANGE, scene.y_range, style, LABEL_AREAS);
    let (lo, hi) = scene.y_range;
    let base = 0.0f64.clamp(lo, hi);
    let margin = 0.5 * (1.0 - BAR_WIDTH);
    let corners =
        |class: usize, value: f64| [(class as f64 + margin, base), (class as f64 + 1.0 - margin, value.clamp(lo, hi))];
    let bars = scene
        .values
        .iter()
        .enumerate()
        .map(|(class, &value)| Rectangle::new(corners(class, value), class_color(class, &style.palette).filled()));
    for bar in bars {
        plot.draw(&bar).map_err(err)?;
    }
    if let Some(class) = scene.outlined.filter(|&c| c < CLASS_COUNT) {
        let outline = style.palette.axis.stroke_width(style.px(2.5));
        plot.draw(&Rectangle::new(corners(class, scene.values[class]), outline)).map_err(err)?;
    }
    Ok(plot_area(&plot, CLASS_X_RANGE, scene.y_range))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::DARK;
    use plotters_svg::SVGBackend;

    #[test]
    fn one_bar_per_class_and_an_outline_for_the_true_class() {
        let style = ChartStyle { scale: 2.0, palette: DARK };
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (400, 300)).into_drawing_area();
            draw_class_bar_axes(&root, (-8.0, 8.0), "logit z", &style).expect("axes");
            let scene = ClassBarScene { values: &[2.0, -1.0, 20.0], y_range: (-8.0, 8.0), outlined: Some(0) };
            draw_class_bar_data(&root, &scene, &style).expect("bars");
            root.present().expect("presented");
        }
        // The axes' background plus three bars and one outline.
        assert_eq!(out.matches("<rect").count(), 1 + 3 + 1, "{out}");
        assert!(out.contains("class 2") && out.contains("logit z"), "{out}");
    }
}
