//! Sizing canvases for crisp HiDPI drawing and handing them to plotters.
//!
//! plotters-canvas draws in the canvas's buffer pixels and knows nothing of
//! `devicePixelRatio`, so each canvas buffer is sized to its CSS size × the ratio and every
//! chart scales its own sizes by `ChartStyle::scale`.

use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::NodeRef;

/// A canvas ready for drawing at device resolution.
pub struct Frame {
    /// The canvas element.
    pub canvas: HtmlCanvasElement,
    /// Buffer pixels per CSS pixel.
    pub ratio: f64,
}

impl Frame {
    /// A plotters backend drawing on this canvas.
    pub fn backend(&self) -> Option<CanvasBackend> {
        CanvasBackend::with_canvas_object(self.canvas.clone())
    }

    /// The data layer's 2-D context, erased to transparent (plotters cannot erase: it skips
    /// fully transparent fills).
    fn cleared_context(&self) -> Option<CanvasRenderingContext2d> {
        let ctx = data_context(&self.canvas)?;
        ctx.clear_rect(0.0, 0.0, f64::from(self.canvas.width()), f64::from(self.canvas.height()));
        Some(ctx)
    }
}

/// The 2-D context of a data-layer canvas.
///
/// Not `desynchronized`: that hint let a software-rendered Chromium skip its per-frame canvas
/// copy (commit time 850 → 294 ms over a 3 s throttled drag), but with a transparent canvas
/// stacked over another it is reported to turn canvases black or make them flicker on Windows
/// GPUs, and these layers are transparent overlays on the axes layers.
fn data_context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Sizes the canvas buffer to its CSS box × the device pixel ratio (only when it changed,
/// since resizing clears it) and returns it. `None` before the canvas is laid out.
pub fn prepare(node: &NodeRef) -> Option<Frame> {
    let canvas: HtmlCanvasElement = node.cast()?;
    let ratio = crate::browser::device_pixel_ratio();
    let (css_width, css_height) = (canvas.client_width(), canvas.client_height());
    if css_width <= 0 || css_height <= 0 {
        return None;
    }
    let width = (f64::from(css_width) * ratio).round() as u32;
    let height = (f64::from(css_height) * ratio).round() as u32;
    if canvas.width() != width {
        canvas.set_width(width);
    }
    if canvas.height() != height {
        canvas.set_height(height);
    }
    Some(Frame { canvas, ratio })
}

/// Draws an axes (background) layer with plotters-canvas. Axes layers are redrawn only when
/// the view, size or theme changes; their canvas is sized from its CSS box here.
pub fn draw_axes_layer(
    node: &NodeRef,
    zoom: f64,
    palette: crate::theme::Palette,
    draw: impl FnOnce(
        &plotters::drawing::DrawingArea<CanvasBackend, plotters::coord::Shift>,
        &crate::charts::ChartStyle,
    ) -> crate::charts::ChartResult<crate::charts::PlotArea>,
) -> Option<(crate::charts::PlotArea, f64)> {
    use plotters::prelude::IntoDrawingArea;
    let frame = prepare(node)?;
    let style = crate::charts::ChartStyle { scale: frame.ratio * zoom, palette };
    let root = frame.backend()?.into_drawing_area();
    report(draw(&root, &style).map(|area| (area, frame.ratio)))
}

/// Draws a data layer (transparent, redrawn on every change) with the batching backend. The
/// canvas takes its buffer size from the axes canvas below it (`under`), so the hot path never
/// reads layout (`clientWidth` forces a synchronous layout after any DOM change).
pub fn draw_data_layer(
    node: &NodeRef,
    under: &NodeRef,
    zoom: f64,
    palette: crate::theme::Palette,
    draw: impl FnOnce(&BatchArea, &crate::charts::ChartStyle) -> crate::charts::ChartResult<crate::charts::PlotArea>,
) -> Option<(crate::charts::PlotArea, f64)> {
    draw_layer(node, under, zoom, palette, true, draw)
}

/// [`draw_data_layer`] without erasing first: `draw` adds to what the layer shows.
pub fn draw_on_data_layer(
    node: &NodeRef,
    under: &NodeRef,
    zoom: f64,
    palette: crate::theme::Palette,
    draw: impl FnOnce(&BatchArea, &crate::charts::ChartStyle) -> crate::charts::ChartResult<crate::charts::PlotArea>,
) -> Option<(crate::charts::PlotArea, f64)> {
    draw_layer(node, under, zoom, palette, false, draw)
}

fn draw_layer(
    node: &NodeRef,
    under: &NodeRef,
    zoom: f64,
    palette: crate::theme::Palette,
    erase: bool,
    draw: impl FnOnce(&BatchArea, &crate::charts::ChartStyle) -> crate::charts::ChartResult<crate::charts::PlotArea>,
) -> Option<(crate::charts::PlotArea, f64)> {
    let frame = data_frame(node, under)?;
    let context = if erase { frame.cleared_context()? } else { data_context(&frame.canvas)? };
    let size = (frame.canvas.width(), frame.canvas.height());
    let style = crate::charts::ChartStyle { scale: frame.ratio * zoom, palette };
    report(draw_batched(context, size, &style, draw).map(|area| (area, frame.ratio)))
}

/// [`draw_data_layer`] in three steps: `below`, then the off-screen canvas `image` (of the
/// same size, from [`draw_offscreen`]) copied on, then `above`. One copy of a prepared image
/// replaces thousands of drawing calls for what does not change from frame to frame.
pub fn draw_data_layer_around(
    node: &NodeRef,
    under: &NodeRef,
    zoom: f64,
    palette: crate::theme::Palette,
    below: impl FnOnce(&BatchArea, &crate::charts::ChartStyle) -> crate::charts::ChartResult<crate::charts::PlotArea>,
    image: &HtmlCanvasElement,
    above: impl FnOnce(&BatchArea, &crate::charts::ChartStyle) -> crate::charts::ChartResult<crate::charts::PlotArea>,
) -> Option<(crate::charts::PlotArea, f64)> {
    let frame = data_frame(node, under)?;
    let context = frame.cleared_context()?;
    let size = (frame.canvas.width(), frame.canvas.height());
    let style = crate::charts::ChartStyle { scale: frame.ratio * zoom, palette };
    let drawn = draw_batched(context.clone(), size, &style, below).and_then(|_| {
        context.draw_image_with_html_canvas_element(image, 0.0, 0.0).map_err(|_| "the image could not be copied")?;
        draw_batched(context, size, &style, above)
    });
    report(drawn.map(|area| (area, frame.ratio)))
}

/// Draws on a canvas kept off screen (`reuse`, or a new one), sized like the canvas under
/// `under`, for [`draw_data_layer_around`]; `None` when that canvas has no size yet.
pub fn draw_offscreen(
    under: &NodeRef,
    zoom: f64,
    palette: crate::theme::Palette,
    reuse: Option<HtmlCanvasElement>,
    draw: impl FnOnce(&BatchArea, &crate::charts::ChartStyle) -> crate::charts::ChartResult<crate::charts::PlotArea>,
) -> Option<HtmlCanvasElement> {
    let axes: HtmlCanvasElement = under.cast()?;
    let canvas = match reuse {
        Some(canvas) => canvas,
        None => web_sys::window()?.document()?.create_element("canvas").ok()?.dyn_into().ok()?,
    };
    let (width, height) = (axes.width(), axes.height());
    // Setting the size also clears the canvas.
    canvas.set_width(width);
    canvas.set_height(height);
    let ratio = crate::browser::device_pixel_ratio();
    let style = crate::charts::ChartStyle { scale: ratio * zoom, palette };
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    report(draw_batched(context, (width, height), &style, draw)).map(|_| canvas)
}

/// A plotters drawing area on the batching backend.
pub type BatchArea = plotters::drawing::DrawingArea<crate::batch_canvas::BatchCanvas, plotters::coord::Shift>;

/// The data canvas over `under`, sized like it (only when that changed, since resizing clears).
fn data_frame(node: &NodeRef, under: &NodeRef) -> Option<Frame> {
    let canvas: HtmlCanvasElement = node.cast()?;
    let axes: HtmlCanvasElement = under.cast()?;
    let (width, height) = (axes.width(), axes.height());
    if width == 0 || height == 0 {
        return None;
    }
    if canvas.width() != width {
        canvas.set_width(width);
    }
    if canvas.height() != height {
        canvas.set_height(height);
    }
    Some(Frame { canvas, ratio: crate::browser::device_pixel_ratio() })
}

/// Runs `draw` on a batching backend over `context` (of a `size` canvas) and paints its last
/// run.
fn draw_batched(
    context: CanvasRenderingContext2d,
    size: (u32, u32),
    style: &crate::charts::ChartStyle,
    draw: impl FnOnce(&BatchArea, &crate::charts::ChartStyle) -> crate::charts::ChartResult<crate::charts::PlotArea>,
) -> crate::charts::ChartResult<crate::charts::PlotArea> {
    use plotters::prelude::IntoDrawingArea;
    let root = crate::batch_canvas::BatchCanvas::with_context(context, size).into_drawing_area();
    let drawn = draw(&root, style);
    // The batching backend paints its last run on `present`.
    let presented = root.present().map_err(crate::charts::err);
    presented.and(drawn)
}

fn report<T>(result: crate::charts::ChartResult<T>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(e) => {
            gloo::console::warn!(format!("chart: {e}"));
            None
        }
    }
}
