//! Drawing a plot's data layer cheaply during a drag (the scatter plot's and the
//! classification plot's).
//!
//! Outside a drag every change redraws the layer whole. During a drag only one point moves, so:
//! - the points that stay put are drawn once on an off-screen canvas, and each frame draws what
//!   lies under the points (the fits; the residuals), copies that image and draws the dragged
//!   point and what lies over the points on top (one image copy instead of one
//!   or more drawing calls per point; at 2,000 points most of a frame's drawing, and in the
//!   browser's own rasterising of the canvas most of the rest). That image is made in a task
//!   of its own right after the press ([`DataLayer::prepare_drag`]), so neither the press nor
//!   the first move pays for it (on a slow machine at 2,000 points, press or first move plus
//!   the image was one task of over 50 ms); a move that comes before that task has run draws
//!   the layer whole, as the press did, rather than make the image itself;
//! - the press that starts a drag and the release that ends it change nothing drawn but the
//!   selection: the layer keeps its drawing, and a new selection ring is added on top.
//!
//! What a plot shows is its [`LayerScene`]; the layer only asks it what changed and to draw a
//! [`LayerPart`].

use crate::canvas::BatchArea;
use crate::charts::{ChartResult, ChartStyle, LayerPart, PlotArea};
use crate::theme::Palette;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::NodeRef;

/// What a plot's data layer shows, as the [`DataLayer`] needs to know it.
///
/// Scenes hold their data in `Rc`s: cloning one is cheap, and comparing points by identity
/// tells a moved point without looking at every point.
pub trait LayerScene: Clone {
    /// Whether `other` shows the same picture, the selection aside.
    fn same_but_selection(&self, other: &Self) -> bool;
    /// Whether the image of the points that stay put, drawn for `other`, would look the same
    /// for this scene, given the same points and selection (view, size, colours).
    fn same_frame(&self, other: &Self) -> bool;
    /// Whether the points are the very same (the same `Rc`), so nothing moved.
    fn same_points(&self, other: &Self) -> bool;
    /// Whether the points agree everywhere but at `index`.
    fn same_points_except(&self, other: &Self, index: usize) -> bool;
    /// The number of points.
    fn point_count(&self) -> usize;
    /// The selected point.
    fn selected(&self) -> Option<usize>;
    /// Colours.
    fn palette(&self) -> Palette;
    /// Presentation zoom.
    fn zoom(&self) -> f64;
    /// Draws `part` of the layer.
    fn draw(&self, area: &BatchArea, style: &ChartStyle, part: LayerPart) -> ChartResult<PlotArea>;
}

/// The data layer's drawing state, kept by a plot from render to render.
pub struct DataLayer<S> {
    /// The off-screen canvas of the points that stay put, kept from one drag to the next.
    canvas: Option<HtmlCanvasElement>,
    /// The scene and dragged point that canvas shows, while it is valid.
    still: Option<(S, usize)>,
    /// The scene of the last drawing, to tell a move from the press that starts a drag.
    last: Option<S>,
    /// Whether the layer shows `last` (a canvas not laid out yet draws nothing).
    drawn: bool,
    /// The point being dragged at the last drawing.
    dragging: Option<usize>,
    /// Whether the image task asked for by the last press has not run yet.
    image_pending: bool,
}

impl<S> Default for DataLayer<S> {
    fn default() -> Self {
        DataLayer { canvas: None, still: None, last: None, drawn: false, dragging: None, image_pending: false }
    }
}

impl<S: LayerScene + 'static> DataLayer<S> {
    /// Draws `scene` on the data canvas `data` (sized from the axes canvas `axes`), with point
    /// `dragging` being dragged; after the press that starts a drag, asks for the image of the
    /// points that stay put in a task of its own (`task`: replacing it cancels the last one).
    pub fn draw_and_prepare(
        layer: &Rc<RefCell<Self>>,
        task: &RefCell<Option<Timeout>>,
        (data, axes): (&NodeRef, &NodeRef),
        scene: S,
        dragging: Option<usize>,
    ) {
        let pressed = layer.borrow_mut().draw(data, axes, scene, dragging);
        if let (true, Some(index)) = (pressed, dragging) {
            let (layer, axes) = (Rc::downgrade(layer), axes.clone());
            *task.borrow_mut() = Some(Timeout::new(0, move || {
                if let Some(layer) = layer.upgrade() {
                    layer.borrow_mut().prepare_drag(&axes, index);
                }
            }));
        }
    }

    /// Draws `scene`; returns true when a drag has just been pressed, so that the caller
    /// calls [`DataLayer::prepare_drag`] soon, in a task of its own.
    fn draw(&mut self, data: &NodeRef, axes: &NodeRef, scene: S, dragging: Option<usize>) -> bool {
        let moved = self.last.as_ref().is_some_and(|last| !last.same_points(&scene));
        let dragging = dragging.filter(|&i| i < scene.point_count());
        self.dragging = dragging;
        if dragging.is_none() {
            self.still = None;
            self.image_pending = false;
        }
        let pressed = dragging.is_some() && !moved && self.still.is_none();
        if pressed {
            self.image_pending = true;
        }
        let (zoom, palette) = (scene.zoom(), scene.palette());
        let shown =
            self.last.as_ref().filter(|last| self.drawn && last.same_but_selection(&scene)).map(|last| last.selected());
        let scene_ref = &scene;
        let draw_part = |part| move |root: &BatchArea, style: &ChartStyle| scene_ref.draw(root, style, part);
        let done = match shown {
            // Only the drag state changed: the layer already shows this.
            Some(shown) if shown == scene.selected() => Some(()),
            // Only a selection ring is new: added on top.
            Some(None) => {
                crate::canvas::draw_on_data_layer(data, axes, zoom, palette, draw_part(LayerPart::Ring)).map(|_| ())
            }
            _ => {
                let whole =
                    || crate::canvas::draw_data_layer(data, axes, zoom, palette, draw_part(LayerPart::All)).map(|_| ());
                match dragging {
                    // No drag, or its press (nothing moved yet): drawn whole; the image of the
                    // points that stay put is made next, in a task of its own (`prepare_drag`).
                    None => whole(),
                    Some(_) if pressed => whole(),
                    // A move before the image task: drawn whole, so that no task holds both the
                    // image and a frame (the task makes the image next).
                    Some(index) if self.image_pending && !self.still_valid(&scene, index) => whole(),
                    Some(index) => {
                        self.make_still_image(axes, &scene, index);
                        match &self.canvas {
                            Some(canvas) if self.still.is_some() => crate::canvas::draw_data_layer_around(
                                data,
                                axes,
                                zoom,
                                palette,
                                draw_part(LayerPart::Under),
                                canvas,
                                draw_part(LayerPart::Over(index)),
                            )
                            .map(|_| ()),
                            _ => whole(),
                        }
                    }
                }
            }
        };
        self.drawn = done.is_some();
        self.last = Some(scene);
        pressed
    }

    /// Makes the image of the points that stay put while point `index` is dragged, for the
    /// scene last drawn, unless the image already exists (the first move may have come first)
    /// or that drag is over (a click ends before this runs).
    pub fn prepare_drag(&mut self, axes: &NodeRef, index: usize) {
        self.image_pending = false;
        if self.dragging != Some(index) || !self.drawn {
            return;
        }
        if let Some(scene) = self.last.take() {
            if index < scene.point_count() {
                self.make_still_image(axes, &scene, index);
            }
            self.last = Some(scene);
        }
    }

    /// Draws the image of every point of `scene` but `index` off screen, unless the image
    /// drawn last shows exactly that.
    fn make_still_image(&mut self, axes: &NodeRef, scene: &S, index: usize) {
        if self.still_valid(scene, index) {
            return;
        }
        self.still = None;
        let reuse = self.canvas.take();
        self.canvas = crate::canvas::draw_offscreen(axes, scene.zoom(), scene.palette(), reuse, |root, style| {
            scene.draw(root, style, LayerPart::PointsExcept(index))
        });
        if self.canvas.is_some() {
            self.still = Some((scene.clone(), index));
        }
    }

    /// Whether the image of the points that stay put shows every point of `scene` but `index`.
    fn still_valid(&self, scene: &S, index: usize) -> bool {
        self.still.as_ref().is_some_and(|(still, still_index)| {
            *still_index == index
                && still.selected() == scene.selected()
                && still.same_frame(scene)
                && still.same_points_except(scene, index)
        })
    }
}
