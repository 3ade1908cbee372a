//! The regression charts drawn natively with plotters' SVG backend: the same functions the
//! browser runs, checked by counting and locating what they draw.

use super::bars::{draw_bar_axes, draw_bar_data, BarScene};
use super::curves::{draw_curve_axes, draw_curve_data, CurveBackground, CurveMarkers, CurveSeries};
use super::scatter::{
    draw_scatter_axes, draw_scatter_data, draw_scatter_legend, draw_scatter_part, ResidualSegment, ScatterScene,
    SceneLine,
};
use super::{ChartStyle, LayerPart, PlotArea, DENSE};
use crate::theme::LIGHT;
use crate::view_box::ViewBox;
use losslab_core::numerics::points::Points;
use losslab_core::numerics::regression::LossKind;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_svg::SVGBackend;

const STYLE: ChartStyle = ChartStyle { scale: 1.0, palette: LIGHT };

fn svg(size: (u32, u32), draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> PlotArea) -> (String, PlotArea) {
    let mut out = String::new();
    let area;
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        area = draw(&root);
        root.present().unwrap();
    }
    (out, area)
}

fn count(svg: &str, tag: &str) -> usize {
    svg.matches(&format!("<{tag} ")).count()
}

fn scene_points(n: usize) -> Points {
    Points::new((0..n).map(|i| 10.0 * i as f64 / n as f64).collect(), (0..n).map(|i| (i % 7) as f64).collect()).unwrap()
}

#[test]
fn scatter_draws_each_point_line_and_residual_where_the_plot_area_says() {
    let points = scene_points(12);
    let view = ViewBox::fit(&points);
    let lines = [
        SceneLine { kind: LossKind::Mse, slope: 0.2, intercept: 2.0, emphasized: false },
        SceneLine { kind: LossKind::Huber, slope: 0.1, intercept: 2.5, emphasized: true },
    ];
    let residuals: Vec<ResidualSegment> =
        points.iter().map(|(x, y)| ResidualSegment { x, y, fitted: 0.1 * x + 2.5, weight: 0.5 }).collect();
    let scene = ScatterScene { view, points: &points, lines: &lines, residuals: &residuals, selected: Some(3) };
    let (axes, axes_area) = svg((640, 400), |root| draw_scatter_axes(root, &view, &STYLE).unwrap());
    assert!(count(&axes, "text") >= 6, "tick labels are drawn");
    let (data, area) = svg((640, 400), |root| draw_scatter_data(root, &scene, &STYLE).unwrap());
    assert_eq!(area, axes_area, "both layers share one coordinate system");
    // A filled circle and an outline per point, plus the selection ring.
    assert_eq!(count(&data, "circle"), 2 * points.len() + 1);
    // Residuals are polylines; MSE is solid (one polyline), Huber dashed (many short ones).
    assert!(count(&data, "polyline") > points.len() + 1);
    // Point 0 is drawn at the pixel the plot area maps it to (what hit-testing relies on).
    let (x0, y0) = points.get(0).unwrap();
    let (px, py) = assert_drawn_where_mapped(&data, area, (x0, y0));
    // The mapping round-trips.
    let (dx, dy) = area.to_data(px, py);
    assert!((dx - x0).abs() < 1e-9 && (dy - y0).abs() < 1e-9);
}

/// Asserts that the SVG `data` has a circle at the pixel `area` maps `point` to; returns
/// that pixel.
fn assert_drawn_where_mapped(data: &str, area: PlotArea, point: (f64, f64)) -> (f64, f64) {
    let (px, py) = area.to_pixel(point.0, point.1);
    let expected = format!("cx=\"{}\" cy=\"{}\"", px.round() as i32, py.round() as i32);
    assert!(
        data.contains(&expected) || data.contains(&format!("cx=\"{}\" cy=\"{}\"", px as i32, py as i32)),
        "{expected}"
    );
    (px, py)
}

#[test]
fn both_layers_agree_on_an_area_below_a_band_as_in_the_saved_image() {
    // A review: the saved image's points and lines sat 120 px (its legend band) above their
    // axes, as the data layer's mapping ignored where its area began.
    let points = scene_points(12);
    let view = ViewBox::fit(&points);
    let lines = [SceneLine { kind: LossKind::Mse, slope: 0.2, intercept: 2.0, emphasized: true }];
    let scene = ScatterScene { view, points: &points, lines: &lines, residuals: &[], selected: None };
    let (_, axes_area) =
        svg((640, 460), |root| draw_scatter_axes(&root.split_vertically(60).1, &view, &STYLE).unwrap());
    let (data, area) = svg((640, 460), |root| draw_scatter_data(&root.split_vertically(60).1, &scene, &STYLE).unwrap());
    assert_eq!(area, axes_area, "both layers share one coordinate system");
    let (_, at_origin) = svg((640, 400), |root| draw_scatter_axes(root, &view, &STYLE).unwrap());
    assert_eq!((area.top, area.bottom), (at_origin.top + 60.0, at_origin.bottom + 60.0));
    assert_drawn_where_mapped(&data, area, points.get(0).unwrap());
}

#[test]
fn a_saved_images_legend_names_each_drawn_line_beside_a_stretch_of_its_stroke() {
    let lines = [
        SceneLine { kind: LossKind::Mse, slope: 0.2, intercept: 2.0, emphasized: false },
        SceneLine { kind: LossKind::Mae, slope: 0.1, intercept: 2.5, emphasized: false },
        SceneLine { kind: LossKind::Huber, slope: 0.1, intercept: 2.5, emphasized: true },
    ];
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (960, 60)).into_drawing_area();
        draw_scatter_legend(&root, "One outlier, 14 points: the Huber fit picked (δ = 1)", &lines, &STYLE).unwrap();
        root.present().unwrap();
    }
    let texts: Vec<&str> = out
        .split("<text")
        .skip(1)
        .filter_map(|t| t.split_once('>'))
        .map(|(_, rest)| rest.split("</text>").next().unwrap_or("").trim())
        .collect();
    assert_eq!(texts, ["One outlier, 14 points: the Huber fit picked (δ = 1)", "MSE", "MAE", "Huber"]);
    // MSE solid: one polyline; MAE and Huber dashed: several each. The picked one is thicker.
    assert!(count(&out, "polyline") >= 5, "{out}");
    assert!(out.contains("stroke-width=\"4\""), "the picked line's stroke is as thick as on the plot");
    // Each entry's name sits to the right of the previous one's.
    let xs: Vec<i32> =
        out.split("<text").skip(2).filter_map(|t| t.split("x=\"").nth(1)?.split('"').next()?.parse().ok()).collect();
    assert!(xs.len() == 3 && xs.windows(2).all(|w| w[1] >= w[0] + 140), "{xs:?}");
}

/// The tick labels of a scatter plot's axes layer, split into the x axis's (the texts in
/// the bottom label band) and the y axis's (the others); the axis names (starting with "x"
/// or "y") go to the third list.
fn scatter_texts(view: ViewBox, scale: f64) -> (Vec<String>, Vec<String>, Vec<String>) {
    let style = ChartStyle { scale, palette: LIGHT };
    let size = ((640.0 * scale) as u32, (400.0 * scale) as u32);
    let (axes, area) = svg(size, |root| draw_scatter_axes(root, &view, &style).unwrap());
    let (mut xs, mut ys, mut names) = (Vec::new(), Vec::new(), Vec::new());
    for element in axes.split("<text ").skip(1) {
        let y: f64 = element.split("y=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        let text = element.split('>').nth(1).unwrap().split('<').next().unwrap().trim().to_string();
        if text.starts_with(['x', 'y']) {
            names.push(text);
        } else if y > area.bottom {
            xs.push(text);
        } else {
            ys.push(text);
        }
    }
    (xs, ys, names)
}

/// The tick labels of both axes (see [`scatter_texts`]).
fn scatter_ticks(view: ViewBox, scale: f64) -> (Vec<String>, Vec<String>) {
    let (xs, ys, _) = scatter_texts(view, scale);
    (xs, ys)
}

/// Whether every label of an axis differs from every other.
fn distinct(labels: &[String]) -> bool {
    let mut sorted = labels.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted.len() == labels.len()
}

#[test]
fn ranges_narrower_than_machine_epsilon_get_ticks_and_a_grid() {
    // A review: data spanning 1e-20 (or 1e-300) showed no tick label and no grid line; at
    // 1e-16 the ticks sat at odd places without 0 (plotters compares spans with 2.2e-16).
    for (x_lo, x_span, y_lo, y_span) in
        [(0.0, 2e-20, 0.0, 5e-20), (-1.6e-17, 2e-16, 6e-17, 3e-16), (-4e-19, 3e-19, 1e-19, 2e-19)]
    {
        let view = ViewBox { x_min: x_lo, x_max: x_lo + x_span, y_min: y_lo, y_max: y_lo + y_span };
        let (xs, ys) = scatter_ticks(view, 1.0);
        assert!(xs.len() >= 4 && ys.len() >= 4, "{xs:?} {ys:?}");
        assert!(distinct(&xs) && distinct(&ys), "{xs:?} {ys:?}");
        for (lo, span) in [(x_lo, x_span), (y_lo, y_span)] {
            let ticks = super::Axis::new(lo, lo + span).key_points(7);
            let format = super::TickFormat::new((lo, lo + span), 7);
            let step = ticks[1] - ticks[0];
            for (k, &v) in ticks.iter().enumerate() {
                assert!(v >= lo - 1e-9 * span && v <= lo + span * (1.0 + 1e-9), "{v:e} outside {lo:e} + {span:e}");
                assert!((v - (ticks[0] + k as f64 * step)).abs() < 1e-6 * step, "{ticks:?}");
                // Round numbers: each label read back is its tick.
                let read: f64 = format.label(v).replace('−', "-").parse().unwrap();
                assert!((read + format.offset - v).abs() < 0.01 * step, "{v:e} {}", format.label(v));
            }
        }
    }
    // Near the smallest normal numbers too (labels there count from an offset).
    let (xs, ys) = scatter_ticks(ViewBox { x_min: 1e-300, x_max: 5e-300, y_min: -2e-300, y_max: 8e-300 }, 1.0);
    assert!(xs.len() >= 4 && ys.len() >= 4 && distinct(&xs) && distinct(&ys), "{xs:?} {ys:?}");
    // Long y labels get a wider band (at 52 px "2.5e-16" touched the axis name "y"), which
    // both layers use; short ones keep the narrow band (phones).
    let empty = Points::empty();
    let area_of = |view: ViewBox| {
        let scene = ScatterScene { view, points: &empty, lines: &[], residuals: &[], selected: None };
        let (_, axes) = svg((640, 400), |root| draw_scatter_axes(root, &view, &STYLE).unwrap());
        let (_, data) = svg((640, 400), |root| draw_scatter_data(root, &scene, &STYLE).unwrap());
        assert_eq!(axes, data, "both layers share one coordinate system");
        axes.left
    };
    let short = area_of(ViewBox { x_min: 0.0, x_max: 10.0, y_min: 0.0, y_max: 20.0 });
    let long = area_of(ViewBox { x_min: 0.0, x_max: 10.0, y_min: 6e-17, y_max: 3.6e-16 });
    assert_eq!(long - short, 8.0);
    // Where 0 is in the range, it is a tick.
    assert!(super::Axis::new(-1.6e-17, 1.84e-16).key_points(7).contains(&0.0));
}

#[test]
fn tick_labels_of_offset_data_tell_neighbours_apart_and_stay_short() {
    // The reviewer's data: x about 10⁶, y about 10⁹ (every tick read "1.0e6" / "1.0e9").
    let pts = [
        (1000000.0, 1000000012.3),
        (1001000.0, 1000502987.4),
        (1002000.0, 1000997258.6),
        (1003000.0, 1001491094.1),
        (1004000.0, 1002000000.0),
        (1005000.0, 1007500000.0),
    ];
    let view = ViewBox::fit(&Points::from_pairs(&pts).unwrap());
    for scale in [1.0, 2.0] {
        let (xs, ys) = scatter_ticks(view, scale);
        assert!(xs.len() >= 4 && ys.len() >= 4, "{xs:?} {ys:?}");
        assert!(distinct(&xs) && distinct(&ys), "{xs:?} {ys:?}");
        assert_eq!(xs[..3], ["1000000", "1001000", "1002000"].map(String::from));
        assert_eq!(ys[..2], ["1.000e9", "1.002e9"].map(String::from));
    }
    // Offset ranges of every size: distinct and short, from an offset if need be.
    let far = super::TickFormat::new((-3e9, -2.999997e9), 7);
    assert_eq!((far.axis_name("x"), far.label(-2.9999995e9)), ("x + 3e9".to_string(), "500".to_string()));
    for offset in [-3e9, -1e6, 1e3, 1e6, 1e9, 1e15f64] {
        for spread in [1e-6, 1e-4, 3e-3, 0.1, 2.0] {
            let span = spread * offset.abs();
            let format = super::TickFormat::new((offset, offset + span), 7);
            let ticks = super::Axis::new(offset, offset + span).key_points(7);
            let labels_at: Vec<String> = ticks.iter().map(|&v| format.label(v)).collect();
            assert!(distinct(&labels_at), "{offset} {spread} {labels_at:?}");
            assert!(labels_at.iter().all(|l| l.len() <= super::TICK_CHARS), "{labels_at:?}");
            // Each label, plus the offset the axis name states, is its tick's value.
            let step = ticks[1] - ticks[0];
            for (v, label) in ticks.iter().zip(&labels_at) {
                let read: f64 = label.parse().unwrap();
                assert!((read + format.offset - v).abs() < 0.01 * step, "{v} {label} {format:?}");
            }
        }
    }
}

#[test]
fn tick_labels_of_ordinary_data_look_as_before() {
    let view = ViewBox { x_min: -0.8, x_max: 10.8, y_min: -2.0, y_max: 22.0 };
    let (xs, ys) = scatter_ticks(view, 1.0);
    assert_eq!(xs, ["0", "2", "4", "6", "8", "10"].map(String::from));
    assert_eq!(ys, ["0", "5", "10", "15", "20"].map(String::from));
    let view = ViewBox { x_min: 0.0, x_max: 1.0, y_min: -0.5, y_max: 0.7 };
    let (xs, ys) = scatter_ticks(view, 1.0);
    assert_eq!(xs, ["0", "0.2", "0.4", "0.6", "0.8", "1"].map(String::from));
    assert_eq!(ys, ["-0.4", "-0.2", "0", "0.2", "0.4", "0.6"].map(String::from));
    // Float noise never shows, large and small magnitudes switch to scientific notation.
    let format = super::TickFormat::new((0.0, 1.0), 11);
    assert_eq!(format.label(0.30000000000000004), "0.3");
    let format = super::TickFormat::new((0.0, 4e7), 5);
    assert_eq!(format.label(2e7), "2.0e7");
    let format = super::TickFormat::new((0.0, 4e-6), 5);
    assert_eq!(format.label(1e-6), "1.0e-6");
}

#[test]
fn a_tiny_spread_far_from_zero_fills_the_plot() {
    // x from 1000 to 1000.001: the view spanned 999.5 – 1001, every point on one vertical.
    let points = Points::from_pairs(&[(1000.0, 1.0), (1000.0005, 2.0), (1000.001, 3.1), (1000.0002, 1.5)]).unwrap();
    let view = ViewBox::fit(&points);
    assert!(view.width() < 0.002, "{view:?}");
    for (x, y) in points.iter() {
        assert!(view.contains(x, y));
    }
    // "1000.0002" would crowd the axis: the labels count from 1000, as the axis name says.
    let (xs, ys, names) = scatter_texts(view, 1.0);
    assert_eq!(xs, ["0", "0.0002", "0.0004", "0.0006", "0.0008", "0.001"].map(String::from));
    assert_eq!(names, ["y", "x − 1000"].map(String::from));
    assert!(ys.iter().all(|l| l.len() <= 3), "{ys:?}");
}

#[test]
fn dense_scatter_uses_squares_without_outlines() {
    let points = scene_points(DENSE + 100);
    let view = ViewBox::fit(&points);
    let scene = ScatterScene { view, points: &points, lines: &[], residuals: &[], selected: None };
    let (data, _) = svg((640, 400), |root| draw_scatter_data(root, &scene, &STYLE).unwrap());
    assert_eq!(count(&data, "circle"), 0);
    assert_eq!(count(&data, "rect"), points.len());
}

#[test]
fn scatter_parts_add_up_to_the_whole_drawing() {
    let points = scene_points(12);
    let view = ViewBox::fit(&points);
    let lines = [SceneLine { kind: LossKind::Mse, slope: 0.2, intercept: 2.0, emphasized: true }];
    let residuals: Vec<ResidualSegment> =
        points.iter().map(|(x, y)| ResidualSegment { x, y, fitted: 0.2 * x + 2.0, weight: 0.5 }).collect();
    let scene = ScatterScene { view, points: &points, lines: &lines, residuals: &residuals, selected: Some(4) };
    let tags = |part| {
        let (data, _) = svg((640, 400), |root| draw_scatter_part(root, &scene, &STYLE, part).unwrap());
        (count(&data, "circle"), count(&data, "polyline"))
    };
    let whole = tags(LayerPart::All);
    let (fits, still, dragged) = (tags(LayerPart::Under), tags(LayerPart::PointsExcept(4)), tags(LayerPart::Over(4)));
    assert_eq!(fits.0, 0, "the part under the points has no points");
    assert_eq!(still.1 + dragged.1, 0, "the point parts have no lines (sparse data: lines under the points)");
    assert_eq!(fits.0 + still.0 + dragged.0, whole.0);
    assert_eq!(fits.1, whole.1);
    // The selected point's ring goes with that point: fill, outline and ring.
    assert_eq!(dragged.0, 3);
    // The ring alone: one circle.
    assert_eq!(tags(LayerPart::Ring), (1, 0));
}

#[test]
fn dense_scatter_draws_its_lines_over_the_points() {
    // A review: 5,000 points hid all six lines where the data are.
    let points = scene_points(DENSE + 100);
    let view = ViewBox::fit(&points);
    let lines = [
        SceneLine { kind: LossKind::Mse, slope: 0.2, intercept: 2.0, emphasized: true },
        SceneLine { kind: LossKind::Mae, slope: 0.3, intercept: 1.0, emphasized: false },
    ];
    let scene = ScatterScene { view, points: &points, lines: &lines, residuals: &[], selected: Some(7) };
    let (data, _) = svg((640, 400), |root| draw_scatter_data(root, &scene, &STYLE).unwrap());
    let last_square = data.rfind("<rect").expect("squares");
    let first_line = data.find("<polyline").or_else(|| data.find("<path")).expect("lines");
    assert!(first_line > last_square, "every line after every point");
    // The translucent squares, no outline.
    assert!(
        data.contains("opacity=\"0.6") || data.contains("fill-opacity=\"0.6"),
        "translucent: {}",
        &data[last_square..last_square + 200]
    );
    // A drag frame: the lines come over the image of the points that stay put, with the point.
    let tags = |part| {
        let (data, _) = svg((640, 400), |root| draw_scatter_part(root, &scene, &STYLE, part).unwrap());
        (count(&data, "rect"), count(&data, "polyline") + count(&data, "path"))
    };
    let (under, still, over, whole) =
        (tags(LayerPart::Under), tags(LayerPart::PointsExcept(7)), tags(LayerPart::Over(7)), tags(LayerPart::All));
    assert_eq!((under.1, still.1), (0, 0), "no lines under or among the still points");
    assert_eq!(over.1, whole.1);
    assert_eq!(under.0 + still.0 + over.0, whole.0);
}

#[test]
fn dense_scatter_draws_only_the_heaviest_residuals() {
    let points = scene_points(DENSE * 3);
    let view = ViewBox::fit(&points);
    // Weights 0, 1/n, 2/n, …: the heaviest DENSE are those with index ≥ 2·DENSE.
    let n = points.len();
    let residuals: Vec<ResidualSegment> = points
        .iter()
        .enumerate()
        .map(|(i, (x, y))| ResidualSegment { x, y, fitted: y + 1.0, weight: i as f64 / (n - 1) as f64 })
        .collect();
    let scene = ScatterScene { view, points: &points, lines: &[], residuals: &residuals, selected: None };
    let (data, _) = svg((640, 400), |root| draw_scatter_data(root, &scene, &STYLE).unwrap());
    assert_eq!(count(&data, "polyline"), DENSE);
    // Sparse data: every segment (weight 0 included).
    let few = scene_points(20);
    let residuals: Vec<ResidualSegment> =
        few.iter().map(|(x, y)| ResidualSegment { x, y, fitted: y + 1.0, weight: 0.0 }).collect();
    let scene =
        ScatterScene { view: ViewBox::fit(&few), points: &few, lines: &[], residuals: &residuals, selected: None };
    let (data, _) = svg((640, 400), |root| draw_scatter_data(root, &scene, &STYLE).unwrap());
    assert_eq!(count(&data, "polyline"), few.len());
}

#[test]
fn curve_markers_are_thinned_when_dense_but_never_lost_when_sparse() {
    let series = vec![CurveSeries {
        kind: LossKind::Mse,
        samples: (-20..=20).map(|i| (f64::from(i) / 4.0, (f64::from(i) / 4.0).powi(2))).collect(),
        emphasized: true,
    }];
    let background = CurveBackground { r_range: (-5.0, 5.0), y_range: (0.0, 10.0), series: &series, y_desc: "ρ(r)" };
    let (axes, _) = svg((500, 240), |root| draw_curve_axes(root, &background, &STYLE).unwrap());
    // The parabola leaves the panel at |r| = √10: it is cut, not flattened along the top.
    assert!(count(&axes, "polyline") >= 1);
    let sparse: Vec<(f64, f64)> = (0..40).map(|i| (f64::from(i) / 10.0 - 2.0, 1.0)).collect();
    let markers = CurveMarkers { r_range: (-5.0, 5.0), y_range: (0.0, 10.0), markers: &sparse };
    let (data, _) = svg((500, 240), |root| draw_curve_data(root, &markers, &STYLE).unwrap());
    assert_eq!(count(&data, "circle"), sparse.len());
    let dense: Vec<(f64, f64)> =
        (0..2000).map(|i| (f64::from(i) / 400.0 - 2.5, (f64::from(i) / 400.0 - 2.5).powi(2))).collect();
    let markers = CurveMarkers { markers: &dense, ..markers };
    let (data, _) = svg((500, 240), |root| draw_curve_data(root, &markers, &STYLE).unwrap());
    let squares = count(&data, "rect");
    assert!(squares > 50 && squares < dense.len() / 2, "thinned to {squares} of {}", dense.len());
    assert_eq!(count(&data, "circle"), 0);
    // Residuals beyond the panel are chevrons at its edge, not discs on the edge: two beyond
    // the right edge at different heights, one far left; the inside ones stay discs.
    let some_outside = [(-2.0, 4.0), (1.0, 1.0), (7.0, 3.0), (9.0, 6.0), (-40.0, 9.0)];
    let markers = CurveMarkers { markers: &some_outside, ..markers };
    let (data, _) = svg((500, 240), |root| draw_curve_data(root, &markers, &STYLE).unwrap());
    assert_eq!(count(&data, "circle"), 2);
    assert_eq!(count(&data, "polyline"), 3);
}

#[test]
fn bars_merge_per_pixel_column_only_when_they_would_be_thinner_than_two_pixels() {
    let few: Vec<f64> = (0..20).map(f64::from).collect();
    let scene = BarScene { values: &few, y_range: (0.0, 25.0), color: RGBColor(0, 0, 200), highlight: Some(4) };
    let (axes, axes_area) =
        svg((400, 200), |root| draw_bar_axes(root, few.len(), (0.0, 25.0), &STYLE, "share %").unwrap());
    assert!(axes.contains("share %"));
    let (data, area) = svg((400, 200), |root| draw_bar_data(root, &scene, &STYLE).unwrap());
    assert_eq!(area, axes_area);
    assert_eq!(count(&data, "rect"), few.len());
    // 3,000 values, one outlier: merged columns, and the outlier's column still reaches it.
    let mut many = vec![1.0; 3000];
    many[1234] = 90.0;
    let scene = BarScene { values: &many, y_range: (0.0, 100.0), color: RGBColor(0, 0, 200), highlight: None };
    let (data, area) = svg((400, 200), |root| draw_bar_data(root, &scene, &STYLE).unwrap());
    let columns = ((area.right - area.left) / 2.0) as usize;
    assert_eq!(count(&data, "rect"), columns);
    let (_, tall) = area.to_pixel(0.0, 90.0);
    assert!(
        data.contains(&format!("y=\"{}\"", tall.round() as i32)) || data.contains(&format!("y=\"{}\"", tall as i32)),
        "the outlier's bar reaches 90"
    );
}

// Contrast (WCAG 2.x) of what the charts draw, in both palettes: lines, bars and markers needed
// to read a chart ≥ 3:1 against the plot background after blending (1.4.11), text ≥ 4.5:1
// (1.4.3). First from the opacities the drawing code names, then from what it actually draws.

mod contrast {
    use super::super::bars::draw_bar_axes;
    use super::super::classification::{
        binary_loss_color, curve_label_color, draw_classification_axes, draw_classification_data, draw_point_loss_axes,
        draw_point_loss_data, draw_probability_curve_axes, draw_probability_curve_data, ClassificationScene,
        CurveMarker, FittedLine, PointLossBar, PointLossScene, BOUNDARY_OPACITY, CURVE_MARKER_OPACITY,
        OTHER_CURVE_OPACITY, SECONDARY_FIT_OPACITY, THRESHOLD_OPACITY,
    };
    use super::super::curves::{
        draw_curve_axes, draw_curve_data, CurveBackground, CurveMarkers, CurveSeries, DENSE_MARKER_OPACITY,
        MARKER_OPACITY,
    };
    use super::super::scatter::{draw_scatter_axes, draw_scatter_data, ScatterScene, SceneLine};
    use super::super::softmax::{class_color, draw_class_bar_axes, draw_class_bar_data, ClassBarScene};
    use super::super::{ChartStyle, SECONDARY_OPACITY};
    use super::{scene_points, svg};
    use crate::components::classification_curves::probability_curves;
    use crate::state::classification::BinaryLossKind;
    use crate::theme::contrast_tests::{blend, contrast_of};
    use crate::theme::{loss_color, Palette, DARK, LIGHT};
    use crate::view_box::ViewBox;
    use losslab_core::numerics::classification::{FocalParams, LabeledPoints};
    use losslab_core::numerics::points::Line;
    use losslab_core::numerics::regression::LossKind;
    use plotters::style::RGBColor;

    fn name(palette: &Palette) -> &'static str {
        if palette.dark {
            "dark"
        } else {
            "light"
        }
    }

    /// The contrast of `color` at `alpha` against the palette's background.
    fn blended(color: RGBColor, alpha: f64, palette: &Palette) -> f64 {
        contrast_of(blend(color, alpha, palette.background), blend(palette.background, 1.0, palette.background))
    }

    #[test]
    fn translucent_loss_graphics_keep_3_to_1_against_the_plot() {
        // (what, opacity) for the regression losses' colours …
        let regression = [
            ("loss/pull curve of a loss not picked", SECONDARY_OPACITY),
            ("residual marker on the picked curve", MARKER_OPACITY),
            ("dense residual marker", DENSE_MARKER_OPACITY),
        ];
        // … and for the binary losses' colours.
        let binary = [
            ("per-point loss bar of a loss not picked", SECONDARY_OPACITY),
            ("reference γ curve", SECONDARY_OPACITY),
            ("loss-vs-probability curve of a loss not picked", OTHER_CURVE_OPACITY),
            ("marker on the picked loss-vs-probability curve", CURVE_MARKER_OPACITY),
            ("sigmoid of a loss not picked", SECONDARY_FIT_OPACITY),
            ("decision boundary of the picked loss", BOUNDARY_OPACITY),
            ("decision boundary of a loss not picked", BOUNDARY_OPACITY * SECONDARY_FIT_OPACITY),
        ];
        let mut failures = Vec::new();
        for palette in [LIGHT, DARK] {
            let mut check = |what: &str, kind: String, color: RGBColor, alpha: f64| {
                let ratio = blended(color, alpha, &palette);
                if ratio < 3.0 {
                    failures.push(format!("{} theme, {kind}, {what} (opacity {alpha}): {ratio:.2}:1", name(&palette)));
                }
            };
            for (what, alpha) in regression {
                for kind in LossKind::ALL {
                    check(what, format!("{kind:?}"), loss_color(kind, &palette), alpha);
                }
            }
            for (what, alpha) in binary {
                for kind in BinaryLossKind::ALL {
                    check(what, format!("{kind:?}"), binary_loss_color(kind, &palette), alpha);
                }
            }
            check("0.5 threshold line", "axis".into(), palette.axis, THRESHOLD_OPACITY);
            for class in 0..3 {
                check("class bar", format!("class {class}"), class_color(class, &palette), 1.0);
            }
        }
        assert!(failures.is_empty(), "below 3:1:\n{}", failures.join("\n"));
    }

    #[test]
    fn chart_text_colours_reach_4_5_to_1() {
        for palette in [LIGHT, DARK] {
            let ratio = blended(palette.axis, 1.0, &palette);
            assert!(ratio >= 4.5, "{} theme: axis text {ratio:.2}:1", name(&palette));
            for kind in BinaryLossKind::ALL {
                let ratio = blended(curve_label_color(kind, &palette), 1.0, &palette);
                assert!(ratio >= 4.5, "{} theme: {kind:?} curve label {ratio:.2}:1", name(&palette));
            }
        }
    }

    /// One drawn element of an SVG: its tag, colour and opacity (of its fill, else its stroke).
    #[derive(Debug)]
    struct Drawn {
        tag: String,
        color: RGBColor,
        opacity: f64,
    }

    fn drawn(svg: &str) -> Vec<Drawn> {
        let attribute = |element: &str, key: &str| {
            let start = element.find(&format!(" {key}=\""))? + key.len() + 3;
            element[start..].split('"').next().map(str::to_string)
        };
        let hex = |value: &str| {
            let hex = value.strip_prefix('#')?;
            let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
            Some(RGBColor(channel(0)?, channel(2)?, channel(4)?))
        };
        svg.split('<')
            .filter_map(|element| {
                let tag = element.split([' ', '>']).next()?.to_string();
                let paint =
                    attribute(element, "fill").and_then(|f| hex(&f)).or_else(|| hex(&attribute(element, "stroke")?))?;
                let opacity = attribute(element, "opacity").and_then(|o| o.parse().ok()).unwrap_or(1.0);
                Some(Drawn { tag, color: paint, opacity })
            })
            .collect()
    }

    /// Every chart, both layers, with every loss shown (the picked one and the others).
    fn every_chart(style: &ChartStyle) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let series: Vec<CurveSeries> = LossKind::ALL
            .iter()
            .map(|&kind| CurveSeries {
                kind,
                samples: (-40..=40).map(|i| f64::from(i) / 8.0).map(|r| (r, 0.3 * r * r + 0.1 * r)).collect(),
                emphasized: kind == LossKind::Huber,
            })
            .collect();
        let background =
            CurveBackground { r_range: (-5.0, 5.0), y_range: (0.0, 10.0), series: &series, y_desc: "ρ(r)" };
        out.push(("curve axes", svg((500, 240), |root| draw_curve_axes(root, &background, style).unwrap()).0));
        let few: Vec<(f64, f64)> = (0..20).map(|i| (f64::from(i) / 4.0 - 2.5, 1.0)).collect();
        let markers = CurveMarkers { r_range: (-5.0, 5.0), y_range: (0.0, 10.0), markers: &few };
        out.push(("curve markers", svg((500, 240), |root| draw_curve_data(root, &markers, style).unwrap()).0));
        out.push((
            "bar axes",
            svg((400, 200), |root| draw_bar_axes(root, 12, (0.0, 25.0), style, "share %").unwrap()).0,
        ));
        let points = scene_points(12);
        let view = ViewBox::fit(&points);
        let lines: Vec<SceneLine> = LossKind::ALL
            .iter()
            .map(|&kind| SceneLine { kind, slope: 0.2, intercept: 2.0, emphasized: kind == LossKind::Mse })
            .collect();
        let scene = ScatterScene { view, points: &points, lines: &lines, residuals: &[], selected: None };
        out.push(("scatter axes", svg((640, 400), |root| draw_scatter_axes(root, &view, style).unwrap()).0));
        out.push(("scatter data", svg((640, 400), |root| draw_scatter_data(root, &scene, style).unwrap()).0));

        out.push((
            "classification axes",
            svg((640, 360), |root| draw_classification_axes(root, (-3.0, 3.0), style).unwrap()).0,
        ));
        let labeled =
            LabeledPoints::from_pairs(&[(-2.0, false), (-1.0, false), (0.5, true), (1.0, false), (2.0, true)]).unwrap();
        let fits: Vec<FittedLine> = BinaryLossKind::ALL
            .iter()
            .zip([Line::new(2.0, -0.5), Line::new(1.0, 0.3), Line::new(1.5, -1.0)])
            .map(|(&kind, line)| FittedLine { kind, line, emphasized: kind == BinaryLossKind::Focal, stale: false })
            .collect();
        let scene = ClassificationScene { x_range: (-3.0, 3.0), points: &labeled, fits: &fits, selected: None };
        out.push((
            "classification data",
            svg((640, 360), |root| draw_classification_data(root, &scene, style).unwrap()).0,
        ));
        let bars: Vec<PointLossBar> =
            (0..8).map(|i| PointLossBar { losses: [0.2 * f64::from(i), 0.1, 0.3], positive: i % 2 == 0 }).collect();
        out.push((
            "point loss axes",
            svg((500, 280), |root| draw_point_loss_axes(root, bars.len(), 2.0, style).unwrap()).0,
        ));
        for picked in BinaryLossKind::ALL {
            let scene =
                PointLossScene { bars: &bars, y_max: 2.0, shown: &BinaryLossKind::ALL, picked, highlight: None };
            out.push(("point loss bars", svg((500, 280), |root| draw_point_loss_data(root, &scene, style).unwrap()).0));
            for focal in [FocalParams::new(5.0, Some(0.25)).unwrap(), FocalParams::new(2.0, None).unwrap()] {
                let curves = probability_curves(focal, picked);
                out.push((
                    "probability curves",
                    svg((500, 280), |root| draw_probability_curve_axes(root, &curves, style).unwrap()).0,
                ));
            }
            let markers = [
                CurveMarker { p_true: 0.9, loss: 0.1, positive: true },
                CurveMarker { p_true: 0.2, loss: 1.0, positive: false },
            ];
            out.push((
                "probability markers",
                svg((500, 280), |root| draw_probability_curve_data(root, &markers, picked, style).unwrap()).0,
            ));
        }
        out.push((
            "class bar axes",
            svg((400, 220), |root| draw_class_bar_axes(root, (-8.0, 8.0), "logit z", style).unwrap()).0,
        ));
        let scene = ClassBarScene { values: &[2.0, -1.0, 5.0], y_range: (-8.0, 8.0), outlined: Some(0) };
        out.push(("class bars", svg((400, 220), |root| draw_class_bar_data(root, &scene, style).unwrap()).0));
        out
    }

    #[test]
    fn everything_the_charts_draw_in_a_loss_colour_or_as_text_is_legible() {
        for palette in [LIGHT, DARK] {
            for scale in [1.0, 1.35] {
                let style = ChartStyle { scale, palette };
                let loss_colors: Vec<RGBColor> = LossKind::ALL
                    .iter()
                    .map(|&k| loss_color(k, &palette))
                    .chain(BinaryLossKind::ALL.iter().map(|&k| binary_loss_color(k, &palette)))
                    .collect();
                let mut texts = 0;
                for (chart, out) in every_chart(&style) {
                    for element in drawn(&out) {
                        let ratio = blended(element.color, element.opacity, &palette);
                        let what = format!("{} theme, {chart}: {element:?} at {ratio:.2}:1", name(&palette));
                        if element.tag == "text" {
                            texts += 1;
                            // Text is drawn on the plot background (curve labels on an opaque
                            // backdrop of it).
                            assert!(ratio >= 4.5, "text {what}");
                        } else if loss_colors.contains(&element.color) {
                            assert!(ratio >= 3.0, "graphic {what}");
                        }
                    }
                }
                assert!(texts > 50, "the charts' texts were found ({texts})");
            }
        }
    }

    #[test]
    fn the_svg_reader_sees_colours_and_opacities() {
        let style = ChartStyle { scale: 1.0, palette: LIGHT };
        let curves = probability_curves(FocalParams::new(5.0, None).unwrap(), BinaryLossKind::Focal);
        let (out, _) = svg((500, 280), |root| draw_probability_curve_axes(root, &curves, &style).unwrap());
        let elements = drawn(&out);
        let focal = binary_loss_color(BinaryLossKind::Focal, &LIGHT);
        assert!(elements.iter().any(|e| e.tag == "text" && e.color == focal), "{elements:?}");
        assert!(elements.iter().any(|e| e.tag == "polyline" && e.color == focal && e.opacity == SECONDARY_OPACITY));
    }
}

#[test]
fn ranges_of_subnormal_numbers_get_ticks_and_do_not_hang() {
    // A review: points at x = 5e-324, 1e-323, 1.5e-323 (or 1e-310 …) froze the page: the
    // ticks' scale 10^323 is infinite, and plotters' tick search on the infinite range never
    // ended.
    // Each range's ticks on a thread of their own: a search that never ends fails the test
    // after 20 s instead of hanging it.
    let ticks_of = |lo: f64, hi: f64| {
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || send.send(super::Axis::new(lo, hi).key_points(7)));
        receive.recv_timeout(std::time::Duration::from_secs(20)).unwrap_or_else(|_| panic!("{lo:e}..{hi:e} hangs"))
    };
    let huge = ticks_of(-1.5e308, 1.5e308);
    assert!(huge.len() >= 3 && huge.contains(&0.0), "{huge:?}");
    for (lo, hi) in [(5e-324, 1.5e-323), (8.4e-311, 3.16e-310), (-1.5e-323, 0.0), (0.0, 5e-324)] {
        let ticks = ticks_of(lo, hi);
        assert!(!ticks.is_empty() && ticks.windows(2).all(|w| w[1] > w[0]), "{lo:e}..{hi:e}: {ticks:?}");
        assert!(ticks.iter().all(|&v| v >= lo && v <= hi), "{lo:e}..{hi:e}: {ticks:?}");
        let view = ViewBox { x_min: lo, x_max: hi, y_min: lo, y_max: hi };
        let (xs, ys) = scatter_ticks(view, 1.0);
        assert!(!xs.is_empty() && distinct(&xs) && distinct(&ys), "{xs:?} {ys:?}");
        assert!(!xs.iter().any(|label| label.ends_with("0.0e0")), "{xs:?}");
        if lo == 0.0 || hi == 0.0 {
            assert!(xs.contains(&"0".to_string()), "0 reads 0, not 0.0e0: {xs:?}");
        }
    }
    // A range that is not finite has no ticks (rather than a search that never ends).
    assert!(super::Axis::new(0.0, f64::INFINITY).key_points(7).is_empty());
    assert!(super::Axis::new(f64::NAN, 1.0).key_points(7).is_empty());
}
