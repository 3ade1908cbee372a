//! Exporting what the regression lab shows: the points with every fit as CSV, and the scatter
//! plot as a PNG at twice its on-screen resolution.

use crate::charts::scatter::{draw_scatter_axes, draw_scatter_data, draw_scatter_legend, ScatterScene, LEGEND_HEIGHT};
use crate::charts::ChartStyle;
use losslab_core::io::csv::write_points_csv;
use losslab_core::numerics::points::Points;
use losslab_core::numerics::regression::{AllFits, LossKind, LossParams};
use wasm_bindgen::JsCast;

/// The CSV export: `x, y`, then for each loss its fitted value and residual at each point,
/// then the settings those fits were made with, δ (`delta`: Huber and pseudo-Huber) and τ
/// (`tau`: quantile), on every row (so a file keeps what its columns mean).
pub fn points_csv(points: &Points, fits: &AllFits, params: LossParams) -> String {
    let mut header: Vec<String> = vec!["x".into(), "y".into()];
    for kind in LossKind::ALL {
        header.push(format!("fit_{}", kind.id()));
        header.push(format!("residual_{}", kind.id()));
    }
    header.extend(["delta".into(), "tau".into()]);
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = points.iter().map(|(x, y)| {
        let mut row = vec![x, y];
        for fit in fits.iter() {
            let fitted = fit.line.predict_exactly(x);
            row.push(fitted);
            row.push(y - fitted);
        }
        row.extend([params.delta.get(), params.tau.get()]);
        row
    });
    write_points_csv(&header_refs, rows)
}

/// Size of the exported plot in CSS pixels (the legend band comes on top); the PNG has twice
/// as many pixels each way.
const PNG_CSS_SIZE: (u32, u32) = (960, 600);

/// Draws the scatter plot (legend band, axes and data) on an off-screen canvas at 2× and
/// returns it as a `data:image/png` URL. `title` heads the legend (see
/// [`draw_scatter_legend`]).
pub fn scatter_png(scene: &ScatterScene<'_>, title: &str, palette: crate::theme::Palette) -> Result<String, String> {
    use plotters::prelude::IntoDrawingArea;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let canvas: web_sys::HtmlCanvasElement =
        document.create_element("canvas").map_err(|_| "no canvas")?.dyn_into().map_err(|_| "no canvas")?;
    let legend = (LEGEND_HEIGHT * 2.0) as u32;
    canvas.set_width(PNG_CSS_SIZE.0 * 2);
    canvas.set_height(PNG_CSS_SIZE.1 * 2 + legend);
    let style = ChartStyle { scale: 2.0, palette };
    {
        let backend = plotters_canvas::CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2-D context")?;
        let root = backend.into_drawing_area();
        // The band and the plot below it (`margin` and `shrink` rather than `split_vertically`,
        // whose general splitting code cost 0.5 KB more of compressed .wasm for the same two areas).
        draw_scatter_legend(&root.clone().shrink((0, 0), (PNG_CSS_SIZE.0 * 2, legend)), title, scene.lines, &style)?;
        draw_scatter_axes(&root.margin(legend, 0, 0, 0), &scene.view, &style)?;
    }
    {
        let backend = crate::batch_canvas::BatchCanvas::new(&canvas).ok_or("no 2-D context")?;
        let root = backend.into_drawing_area();
        draw_scatter_data(&root.margin(legend, 0, 0, 0), scene, &style)?;
        root.present().map_err(crate::charts::err)?;
    }
    canvas.to_data_url_with_type("image/png").map_err(|_| "the browser refused to encode the image".to_string())
}

/// The title of a saved image: the data set, how many points, and the picked loss with its
/// parameter, e.g. "LossLab: One outlier, 14 points; the Huber fit picked (δ = 1)" (the data
/// set's name as the lab shows it, which may be lower-case, "from the link").
pub fn png_title(label: &str, count: usize, picked: LossKind, params: LossParams) -> String {
    let parameter = match picked {
        LossKind::Huber | LossKind::PseudoHuber => format!(" (δ = {})", crate::format::setting(params.delta.get())),
        LossKind::Quantile => format!(" (τ = {})", crate::format::setting(params.tau.get())),
        _ => String::new(),
    };
    let points = if count == 1 { "point" } else { "points" };
    // A long file name would run past the image's edge: its first 40 characters and "…".
    let label: String = match label.char_indices().nth(40) {
        Some((end, _)) => format!("{}…", &label[..end]),
        None => label.to_string(),
    };
    format!("LossLab: {label}, {count} {points}; the {} fit picked{parameter}", picked.label())
}

#[cfg(test)]
mod tests {
    use super::*;
    use losslab_core::io::csv::{parse_points, ColumnKind};
    use losslab_core::numerics::regression::{fit_all, Delta, LossParams, Tau, Workspace};

    #[test]
    fn a_saved_images_title_names_the_data_and_the_picked_loss_with_its_parameter() {
        let params = LossParams::default();
        assert_eq!(
            png_title("One outlier", 14, LossKind::Huber, params),
            "LossLab: One outlier, 14 points; the Huber fit picked (δ = 1)"
        );
        assert_eq!(
            png_title("data.csv", 1, LossKind::Quantile, params),
            "LossLab: data.csv, 1 point; the Quantile fit picked (τ = 0.9)"
        );
        assert_eq!(
            png_title("Clean line", 20, LossKind::Mse, params),
            "LossLab: Clean line, 20 points; the MSE fit picked"
        );
        let long = "é".repeat(200);
        let title = png_title(&long, 3, LossKind::Mae, params);
        assert_eq!(title, format!("LossLab: {}…, 3 points; the MAE fit picked", "é".repeat(40)));
    }

    #[test]
    fn csv_export_has_every_fit_and_round_trips_the_points() {
        let points = Points::from_pairs(&[(0.0, 1.0), (1.0, 3.5), (2.0, 4.0), (3.0, 10.0)]).unwrap();
        let params = LossParams { delta: Delta::new(1.35).unwrap(), tau: Tau::new(0.25).unwrap() };
        let fits = fit_all(&points, params, None, &mut Workspace::new());
        let csv = points_csv(&points, &fits, params);
        let header = csv.lines().next().unwrap();
        assert_eq!(header.split(',').count(), 2 + 2 * LossKind::ALL.len() + 2);
        assert!(header.starts_with("x,y,fit_mse,residual_mse,fit_mae"));
        assert!(header.ends_with(",delta,tau"), "{header}");
        // Reading the file back gives the same points (x and y are the first columns).
        let back = parse_points(csv.as_bytes(), ColumnKind::XY);
        assert_eq!(back.points, points.iter().collect::<Vec<_>>());
        // Fitted value + residual = y on every row, for every loss, and
        // the settings on every row.
        for line in csv.lines().skip(1) {
            let cells: Vec<f64> = line.split(',').map(|c| c.parse().unwrap()).collect();
            let (fitted, settings) = cells[2..].split_at(2 * LossKind::ALL.len());
            for pair in fitted.chunks(2) {
                assert!((pair[0] + pair[1] - cells[1]).abs() < 1e-12);
            }
            assert_eq!(settings, [1.35, 0.25]);
        }
    }
}
