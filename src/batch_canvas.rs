//! A plotters drawing backend for `<canvas>` that batches primitives.
//!
//! plotters-canvas issues, for every circle, line or rectangle, its own path, its own style
//! string and its own fill or stroke: a few thousand JavaScript calls and string conversions
//! for a 200-point scatter plot, which dominated the latency of a drag. This backend instead
//! adds consecutive primitives of the same style to one open path and fills or strokes it once
//! when the style changes: per primitive only the geometry calls remain. (Building an SVG path
//! string for `Path2D` instead was measured slower: the browser's parsing of arcs cost more
//! than the calls it saved.)
//! Text is measured with `measureText` (plotters' web font measures by inserting a `<span>`
//! into the page, forcing a layout per label).
//!
//! The charts stay generic over `DrawingBackend`; tests draw them with the SVG backend.

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontTransform,
};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A drawing failure reported by the canvas API.
#[derive(Debug)]
pub struct CanvasFailure(String);

impl std::fmt::Display for CanvasFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "canvas: {}", self.0)
    }
}

impl std::error::Error for CanvasFailure {}

/// How the primitives of a run are painted: colour as (r, g, b, alpha bits), and the stroke
/// width for strokes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Paint {
    Fill((u8, u8, u8), u64),
    Stroke((u8, u8, u8), u64, u32),
}

impl Paint {
    fn fill(color: BackendColor) -> Self {
        Paint::Fill(color.rgb, color.alpha.to_bits())
    }

    fn stroke(color: BackendColor, width: u32) -> Self {
        Paint::Stroke(color.rgb, color.alpha.to_bits(), width)
    }
}

// The geometry of a run is handed to JavaScript in one call, as a list of numbers, and
// replayed there onto the context: one call from WebAssembly per run instead of one or two per
// primitive (each such call crosses the boundary and, for `arc`, a try/catch wrapper).
// Rectangles of a filled run are filled at once with `fillRect` rather than added to the
// path: a software-rendered canvas fills thousands of separate axis-aligned rectangles much
// faster than one path of thousands of sub-paths (dense points and bars are such runs).
#[wasm_bindgen(inline_js = "export function replay(c, o, fillRects) {
  for (let i = 0, n = o.length; i < n;) {
    switch (o[i++]) {
      case 0: c.moveTo(o[i++], o[i++]); break;
      case 1: c.lineTo(o[i++], o[i++]); break;
      case 2: { const x = o[i++], y = o[i++], r = o[i++]; c.moveTo(x + r, y); c.arc(x, y, r, 0, 6.283185307179586); break; }
      case 3: if (fillRects) c.fillRect(o[i++], o[i++], o[i++], o[i++]); else c.rect(o[i++], o[i++], o[i++], o[i++]); break;
      default: c.closePath();
    }
  }
}")]
extern "C" {
    /// Replays `ops` (see [`Op`]) onto the context's current path; with `fill_rects`,
    /// rectangles are filled right away in the current fill style instead.
    fn replay(context: &CanvasRenderingContext2d, ops: &[f64], fill_rects: bool);
}

/// Path commands as the replay function reads them: an opcode, then its arguments.
#[derive(Clone, Copy)]
enum Op {
    /// `moveTo(x, y)`.
    MoveTo = 0,
    /// `lineTo(x, y)`.
    LineTo = 1,
    /// A full circle as its own sub-path: `(x, y, r)`.
    Circle = 2,
    /// `rect(x, y, w, h)`.
    Rect = 3,
    /// `closePath()`.
    Close = 4,
}

/// The batching canvas backend.
pub struct BatchCanvas {
    context: CanvasRenderingContext2d,
    size: (u32, u32),
    /// How the open path (the current run) will be painted; `None` when no path is open.
    paint: Option<Paint>,
    /// The current run's geometry, replayed onto the context when it is painted.
    ops: Vec<f64>,
}

fn css_color((r, g, b): (u8, u8, u8), alpha: f64) -> String {
    if alpha >= 1.0 {
        format!("rgb({r},{g},{b})")
    } else {
        format!("rgba({r},{g},{b},{alpha:.3})")
    }
}

/// A failed canvas call as a drawing error. The exception's message is kept when it is a
/// string; it is not `Debug`-formatted, which would pull a JavaScript value printer into the
/// build for a message that only reaches the console.
fn failure(e: wasm_bindgen::JsValue) -> DrawingErrorKind<CanvasFailure> {
    DrawingErrorKind::DrawingError(CanvasFailure(e.as_string().unwrap_or_else(|| "a canvas call failed".into())))
}

impl BatchCanvas {
    /// A backend drawing on `canvas` at its buffer size; `None` if it has no 2-D context.
    pub fn new(canvas: &HtmlCanvasElement) -> Option<Self> {
        let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(Self::with_context(context, (canvas.width(), canvas.height())))
    }

    /// A backend drawing through `context`, whose canvas buffer is `size` pixels.
    pub fn with_context(context: CanvasRenderingContext2d, size: (u32, u32)) -> Self {
        context.set_line_cap("round");
        context.set_line_join("round");
        BatchCanvas { context, size, paint: None, ops: Vec::new() }
    }

    /// Starts or continues a run painted with `paint` (a different paint flushes first) and
    /// returns the run's geometry to add to.
    fn run(&mut self, paint: Paint) -> Result<Path<'_>, DrawingErrorKind<CanvasFailure>> {
        if self.paint != Some(paint) {
            self.flush()?;
            self.paint = Some(paint);
        }
        Ok(Path(&mut self.ops))
    }

    /// Paints the current run.
    fn flush(&mut self) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        let Some(paint) = self.paint.take() else { return Ok(()) };
        self.context.begin_path();
        match paint {
            Paint::Fill(rgb, alpha) => {
                self.context.set_fill_style_str(&css_color(rgb, f64::from_bits(alpha)));
                replay(&self.context, &self.ops, true);
                self.context.fill();
            }
            Paint::Stroke(rgb, alpha, width) => {
                self.context.set_stroke_style_str(&css_color(rgb, f64::from_bits(alpha)));
                self.context.set_line_width(f64::from(width));
                replay(&self.context, &self.ops, false);
                self.context.stroke();
            }
        }
        self.ops.clear();
        Ok(())
    }
}

/// A run's geometry being added to.
struct Path<'a>(&'a mut Vec<f64>);

impl Path<'_> {
    fn op(&mut self, op: Op, args: &[f64]) {
        self.0.push(op as u8 as f64);
        self.0.extend_from_slice(args);
    }

    /// A polyline through `points`, as a new sub-path.
    fn trace(&mut self, points: impl IntoIterator<Item = BackendCoord>) {
        for (i, (x, y)) in points.into_iter().enumerate() {
            self.op(if i == 0 { Op::MoveTo } else { Op::LineTo }, &[f64::from(x), f64::from(y)]);
        }
    }
}

/// Moves a horizontal or vertical line of odd width onto pixel centres, so it stays crisp.
fn crisp(from: BackendCoord, to: BackendCoord, width: u32) -> ((f64, f64), (f64, f64)) {
    let (mut a, mut b) = ((f64::from(from.0), f64::from(from.1)), (f64::from(to.0), f64::from(to.1)));
    if width % 2 == 1 {
        if from.0 == to.0 {
            a.0 += 0.5;
            b.0 += 0.5;
        }
        if from.1 == to.1 {
            a.1 += 0.5;
            b.1 += 0.5;
        }
    }
    (a, b)
}

impl DrawingBackend for BatchCanvas {
    type ErrorType = CanvasFailure;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        self.flush()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.run(Paint::fill(color))?.op(Op::Rect, &[f64::from(point.0), f64::from(point.1), 1.0, 1.0]);
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let width = style.stroke_width();
        let (a, b) = crisp(from, to, width);
        let mut path = self.run(Paint::stroke(color, width))?;
        path.op(Op::MoveTo, &[a.0, a.1]);
        path.op(Op::LineTo, &[b.0, b.1]);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let paint = if fill { Paint::fill(color) } else { Paint::stroke(color, style.stroke_width()) };
        let (x0, y0) = (f64::from(upper_left.0), f64::from(upper_left.1));
        let (x1, y1) = (f64::from(bottom_right.0), f64::from(bottom_right.1));
        self.run(paint)?.op(Op::Rect, &[x0, y0, x1 - x0, y1 - y0]);
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        points: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.run(Paint::stroke(color, style.stroke_width()))?.trace(points);
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let paint = if fill { Paint::fill(color) } else { Paint::stroke(color, style.stroke_width()) };
        let (x, y, r) = (f64::from(center.0), f64::from(center.1), f64::from(radius));
        // A sub-path per circle (the replay moves to its rightmost point first, or the arc
        // would be joined to the previous circle by a line).
        self.run(paint)?.op(Op::Circle, &[x, y, r]);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let mut path = self.run(Paint::fill(color))?;
        path.trace(vertices);
        path.op(Op::Close, &[]);
        Ok(())
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.flush()?;
        let ctx = &self.context;
        let degrees: f64 = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 90.0,
            FontTransform::Rotate180 => 180.0,
            FontTransform::Rotate270 => 270.0,
        };
        let (mut x, mut y) = (f64::from(pos.0), f64::from(pos.1));
        if degrees != 0.0 {
            ctx.save();
            ctx.translate(x, y).map_err(failure)?;
            ctx.rotate(degrees.to_radians()).map_err(failure)?;
            (x, y) = (0.0, 0.0);
        }
        ctx.set_text_baseline(match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        });
        ctx.set_text_align(match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        });
        ctx.set_fill_style_str(&css_color(color.rgb, color.alpha));
        ctx.set_font(&format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str()));
        ctx.fill_text(text, x, y).map_err(failure)?;
        if degrees != 0.0 {
            ctx.restore();
        }
        Ok(())
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<CanvasFailure>> {
        self.context.set_font(&format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str()));
        let width = self.context.measure_text(text).map_err(failure)?.width();
        let (w, h) = (width.ceil() as u32, style.size().ceil() as u32);
        Ok(match style.transform() {
            FontTransform::Rotate90 | FontTransform::Rotate270 => (h, w),
            _ => (w, h),
        })
    }
}
