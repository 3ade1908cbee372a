//! The regression charts drawn natively with plotters' SVG backend: the same functions the
//! browser runs, checked by counting and locating what they draw.

use super::bars::{draw_bar_axes, draw_bar_data, BarScene};
use super::curves::{draw_curve_axes, draw_curve_data, CurveBackground, CurveMarkers, CurveSeries};
use super::scatter::{
    draw_scatter_axes, draw_scatter_data, draw_scatter_part, ResidualSegment, ScatterPart, ScatterScene, SceneLine,
};
use super::{ChartStyle, PlotArea, DENSE};
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
    let (px, py) = area.to_pixel(x0, y0);
    let expected = format!("cx=\"{}\" cy=\"{}\"", px.round() as i32, py.round() as i32);
    assert!(
        data.contains(&expected) || data.contains(&format!("cx=\"{}\" cy=\"{}\"", px as i32, py as i32)),
        "{expected}"
    );
    // The mapping round-trips.
    let (dx, dy) = area.to_data(px, py);
    assert!((dx - x0).abs() < 1e-9 && (dy - y0).abs() < 1e-9);
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
    let whole = tags(ScatterPart::All);
    let (fits, still, dragged) =
        (tags(ScatterPart::Fits), tags(ScatterPart::PointsExcept(4)), tags(ScatterPart::Point(4)));
    assert_eq!(fits.0, 0, "the fits part has no points");
    assert_eq!(still.1 + dragged.1, 0, "the point parts have no lines");
    assert_eq!(fits.0 + still.0 + dragged.0, whole.0);
    assert_eq!(fits.1, whole.1);
    // The selected point's ring goes with that point: fill, outline and ring.
    assert_eq!(dragged.0, 3);
    // The ring alone: one circle.
    assert_eq!(tags(ScatterPart::Ring), (1, 0));
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
    let markers =
        CurveMarkers { r_range: (-5.0, 5.0), y_range: (0.0, 10.0), markers: &sparse, marker_kind: LossKind::Mse };
    let (data, _) = svg((500, 240), |root| draw_curve_data(root, &markers, &STYLE).unwrap());
    assert_eq!(count(&data, "circle"), sparse.len());
    let dense: Vec<(f64, f64)> =
        (0..2000).map(|i| (f64::from(i) / 400.0 - 2.5, (f64::from(i) / 400.0 - 2.5).powi(2))).collect();
    let markers = CurveMarkers { markers: &dense, ..markers };
    let (data, _) = svg((500, 240), |root| draw_curve_data(root, &markers, &STYLE).unwrap());
    let squares = count(&data, "rect");
    assert!(squares > 50 && squares < dense.len() / 2, "thinned to {squares} of {}", dense.len());
    assert_eq!(count(&data, "circle"), 0);
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
