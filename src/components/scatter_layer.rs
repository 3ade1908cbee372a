//! Drawing the scatter plot's data layer, cheaply during a drag.
//!
//! Outside a drag every change redraws the layer whole. During a drag only one point moves, so:
//! - the points that stay put are drawn once on an off-screen canvas, and each frame draws the
//!   fits, copies that image and draws the dragged point on top (one image copy instead of one
//!   or two drawing calls per point; at 2,000 points most of a frame's drawing). That image is
//!   made in a task of its own right after the press ([`DataLayer::prepare_drag`]), so neither
//!   the press nor the first move pays for it (on a slow machine at 2,000 points, press or
//!   first move plus the image was one task of over 50 ms); a move that comes before that task
//!   has run draws the layer whole, as the press did, rather than make the image itself;
//! - the press that starts a drag and the release that ends it change nothing drawn but the
//!   selection: the layer keeps its drawing, and a new selection ring is added on top.

use crate::charts::scatter::{
    draw_scatter_data, draw_scatter_part, ResidualSegment, ScatterPart, ScatterScene, SceneLine,
};
use crate::theme::Palette;
use crate::view_box::ViewBox;
use losslab_core::numerics::points::Points;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::NodeRef;

/// Everything the data layer shows (the `Rc`s are compared by identity).
pub struct SceneInputs {
    /// The points.
    pub points: Rc<Points>,
    /// The fitted lines.
    pub lines: Rc<Vec<SceneLine>>,
    /// The residual segments.
    pub residuals: Rc<Vec<ResidualSegment>>,
    /// The selected point.
    pub selected: Option<usize>,
    /// The data rectangle.
    pub view: ViewBox,
    /// Colours.
    pub palette: Palette,
    /// Presentation zoom.
    pub zoom: f64,
    /// Changes with the window size.
    pub epoch: u32,
}

impl SceneInputs {
    /// Whether `other` shows the same scene, the selection aside.
    fn same_but_selection(&self, other: &SceneInputs) -> bool {
        Rc::ptr_eq(&self.points, &other.points)
            && Rc::ptr_eq(&self.lines, &other.lines)
            && Rc::ptr_eq(&self.residuals, &other.residuals)
            && self.view == other.view
            && self.palette == other.palette
            && self.zoom.to_bits() == other.zoom.to_bits()
            && self.epoch == other.epoch
    }

    fn scene(&self) -> ScatterScene<'_> {
        ScatterScene {
            view: self.view,
            points: &self.points,
            lines: &self.lines,
            residuals: &self.residuals,
            selected: self.selected,
        }
    }
}

/// What the image of the points that stay put depends on.
#[derive(Debug, Clone, Copy, PartialEq)]
struct StillKey {
    /// The dragged point (left out of the image).
    index: usize,
    selected: Option<usize>,
    view: ViewBox,
    palette: Palette,
    zoom: u64,
    epoch: u32,
}

/// The data layer's drawing state, kept by the scatter plot from render to render.
#[derive(Default)]
pub struct DataLayer {
    /// The off-screen canvas of the points that stay put, kept from one drag to the next.
    canvas: Option<HtmlCanvasElement>,
    /// What that canvas shows while it is valid: its key and the points (all but the dragged).
    still: Option<(StillKey, Rc<Points>)>,
    /// The points of the last drawing, to tell a move from the press that starts a drag.
    last_points: Option<Rc<Points>>,
    /// What the layer shows, once drawn.
    drawn: Option<SceneInputs>,
    /// The point being dragged at the last drawing.
    dragging: Option<usize>,
    /// Whether the image task asked for by the last press has not run yet.
    image_pending: bool,
}

impl DataLayer {
    /// Draws `inputs` on the data canvas `data` (sized from the axes canvas `axes`), with
    /// point `dragging` being dragged. Returns true when a drag has just been pressed: the
    /// caller should then call [`DataLayer::prepare_drag`] soon, in a task of its own.
    pub fn draw(&mut self, data: &NodeRef, axes: &NodeRef, inputs: SceneInputs, dragging: Option<usize>) -> bool {
        let moved = self.last_points.as_ref().is_some_and(|last| !Rc::ptr_eq(last, &inputs.points));
        self.last_points = Some(inputs.points.clone());
        let dragging = dragging.filter(|&i| i < inputs.points.len());
        self.dragging = dragging;
        if dragging.is_none() {
            self.still = None;
            self.image_pending = false;
        }
        let (zoom, palette) = (inputs.zoom, inputs.palette);
        let shown = self.drawn.as_ref().filter(|shown| shown.same_but_selection(&inputs)).map(|shown| shown.selected);
        let pressed = dragging.is_some() && !moved && self.still.is_none();
        if pressed {
            self.image_pending = true;
        }
        match shown {
            // Only the drag state changed: the layer already shows this.
            Some(shown) if shown == inputs.selected => return pressed,
            // Only a selection ring is new: added on top.
            Some(None) => {
                let ring = crate::canvas::draw_on_data_layer(data, axes, zoom, palette, |root, style| {
                    draw_scatter_part(root, &inputs.scene(), style, ScatterPart::Ring)
                });
                self.drawn = ring.map(|_| inputs);
                return pressed;
            }
            _ => {}
        }
        // Remembered only once drawn (a canvas not laid out yet draws nothing).
        self.drawn = None;
        let scene = inputs.scene();
        let full = || {
            crate::canvas::draw_data_layer(data, axes, zoom, palette, |root, style| {
                draw_scatter_data(root, &scene, style)
            })
        };
        let done = match dragging {
            // No drag, or its press (nothing moved yet): drawn whole; the image of the points
            // that stay put is made next, in a task of its own (`prepare_drag`).
            None => full(),
            Some(_) if pressed => full(),
            // A move before the image task: drawn whole, so that no task holds both the image
            // and a frame (the task makes the image next).
            Some(index) if self.image_pending && !self.still_valid(&inputs, index) => full(),
            Some(index) => {
                self.make_still_image(axes, &inputs, index);
                match (&self.canvas, &self.still) {
                    (Some(canvas), Some(_)) => crate::canvas::draw_data_layer_around(
                        data,
                        axes,
                        zoom,
                        palette,
                        |root, style| draw_scatter_part(root, &scene, style, ScatterPart::Fits),
                        canvas,
                        |root, style| draw_scatter_part(root, &scene, style, ScatterPart::Point(index)),
                    ),
                    _ => full(),
                }
            }
        };
        if done.is_some() {
            self.drawn = Some(inputs);
        }
        pressed
    }

    /// Makes the image of the points that stay put while point `index` is dragged, for the
    /// scene last drawn, unless the image already exists (the first move may have come first)
    /// or that drag is over (a click ends before this runs).
    pub fn prepare_drag(&mut self, axes: &NodeRef, index: usize) {
        self.image_pending = false;
        if self.dragging != Some(index) {
            return;
        }
        if let Some(inputs) = self.drawn.take() {
            if index < inputs.points.len() {
                self.make_still_image(axes, &inputs, index);
            }
            self.drawn = Some(inputs);
        }
    }

    /// Draws the image of every point but `index` of `inputs` off screen, unless the image
    /// drawn last shows exactly that.
    fn make_still_image(&mut self, axes: &NodeRef, inputs: &SceneInputs, index: usize) {
        if self.still_valid(inputs, index) {
            return;
        }
        self.still = None;
        let reuse = self.canvas.take();
        let scene = inputs.scene();
        self.canvas = crate::canvas::draw_offscreen(axes, inputs.zoom, inputs.palette, reuse, |root, style| {
            draw_scatter_part(root, &scene, style, ScatterPart::PointsExcept(index))
        });
        if self.canvas.is_some() {
            self.still = Some((still_key(inputs, index), inputs.points.clone()));
        }
    }

    /// Whether the image of the points that stay put shows every point of `inputs` but `index`.
    fn still_valid(&self, inputs: &SceneInputs, index: usize) -> bool {
        let key = still_key(inputs, index);
        self.still.as_ref().is_some_and(|(still_key, still_points)| {
            *still_key == key && same_except(still_points, &inputs.points, index)
        })
    }
}

/// What the image of every point of `inputs` but `index` depends on.
fn still_key(inputs: &SceneInputs, index: usize) -> StillKey {
    StillKey {
        index,
        selected: inputs.selected,
        view: inputs.view,
        palette: inputs.palette,
        zoom: inputs.zoom.to_bits(),
        epoch: inputs.epoch,
    }
}

/// Whether `a` and `b` agree everywhere but at `index`.
fn same_except(a: &Points, b: &Points, index: usize) -> bool {
    a.len() == b.len() && a.iter().zip(b.iter()).enumerate().all(|(i, (p, q))| i == index || p == q)
}
