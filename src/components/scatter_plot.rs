//! The interactive scatter plot: two stacked canvases (axes below, data above) and the
//! pointer and keyboard handling that edits the points.
//!
//! Pointer positions are converted to data coordinates through the plotting area the axes
//! layer reports, and hit-testing compares distances in CSS pixels (so a point is as easy to
//! grab whatever the axis scales). Drags use pointer capture, so they keep working when the
//! pointer leaves the canvas; the reducer clamps the dragged point to the frozen view.
//!
//! A hook that returns the plot's markup, rather than a component: the plot re-renders with
//! its lab on every frame of a drag anyway, so being a component bought no skipped renders,
//! and each component costs about 1.2 KB of WebAssembly in Yew's machinery. Its canvases
//! are drawn by effects of the calling component, with the same dependencies.

use super::pointer::{offset, publish_geometry, PlotGeometry};
use crate::charts::scatter::{
    draw_scatter_axes, draw_scatter_data, draw_scatter_part, ResidualSegment, ScatterPart, ScatterScene, SceneLine,
};
use crate::coalesce::{Coalescer, Sample};
use crate::perf::PerfProbe;
use crate::state::regression::RegressionAction;
use crate::theme::Palette;
use crate::view_box::ViewBox;
use losslab_core::numerics::points::Points;
use std::rc::Rc;
use web_sys::{HtmlCanvasElement, KeyboardEvent, MouseEvent, PointerEvent};
use yew::prelude::*;

/// Arguments of [`use_scatter_plot`].
pub struct ScatterPlotProps {
    /// The points.
    pub points: Rc<Points>,
    /// The data rectangle shown.
    pub view: ViewBox,
    /// Fitted lines to draw.
    pub lines: Rc<Vec<SceneLine>>,
    /// Residual segments of the picked loss.
    pub residuals: Rc<Vec<ResidualSegment>>,
    /// The selected point.
    pub selected: Option<usize>,
    /// The point being dragged, if a drag is in progress.
    pub dragging: Option<usize>,
    /// "Place" mode: a click moves the selected point instead of adding one.
    pub placing: bool,
    /// Colours.
    pub palette: Palette,
    /// Extra size factor (presentation mode).
    pub zoom: f64,
    /// Changes when the window is resized, to redraw at the new size.
    pub layout_epoch: u32,
    /// Where edits go.
    pub on_action: Callback<RegressionAction>,
    /// Latency recorder.
    pub probe: PerfProbe,
    /// A text description of the plot for screen readers.
    pub description: AttrValue,
}

/// What the drawing of the points that stay put during a drag depends on.
#[derive(Debug, Clone, Copy, PartialEq)]
struct StillKey {
    /// The dragged point (left out of the drawing).
    index: usize,
    selected: Option<usize>,
    view: ViewBox,
    palette: Palette,
    zoom: u64,
    epoch: u32,
}

/// The points that stay put during a drag, drawn once on an off-screen canvas: each frame
/// then copies that image instead of drawing every point again (one call instead of one or
/// two per point; at 2,000 points most of a frame's drawing).
#[derive(Default)]
struct DragLayer {
    /// The off-screen canvas, kept from one drag to the next.
    canvas: Option<HtmlCanvasElement>,
    /// What the canvas shows while it is valid: the key and the points (all but the dragged).
    shows: Option<(StillKey, Rc<Points>)>,
    /// The points of the last drawing, to tell a move from the press that starts a drag.
    last_points: Option<Rc<Points>>,
    /// What the data layer shows.
    drawn: Option<DrawnScene>,
}

/// What a drawing of the data layer showed (the `Rc`s compared by identity).
struct DrawnScene {
    points: Rc<Points>,
    lines: Rc<Vec<SceneLine>>,
    residuals: Rc<Vec<ResidualSegment>>,
    selected: Option<usize>,
    view: ViewBox,
    palette: Palette,
    zoom: u64,
    epoch: u32,
}

impl DrawnScene {
    /// Whether `other` shows the same scene, the selection aside.
    fn same_but_selection(&self, other: &DrawnScene) -> bool {
        Rc::ptr_eq(&self.points, &other.points)
            && Rc::ptr_eq(&self.lines, &other.lines)
            && Rc::ptr_eq(&self.residuals, &other.residuals)
            && self.view == other.view
            && self.palette == other.palette
            && self.zoom == other.zoom
            && self.epoch == other.epoch
    }
}

/// Whether `a` and `b` agree everywhere but at `index`.
fn same_except(a: &Points, b: &Points, index: usize) -> bool {
    a.len() == b.len() && a.iter().zip(b.iter()).enumerate().all(|(i, (p, q))| i == index || p == q)
}

/// What the current pointer gesture is doing.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Gesture {
    /// Dragging point `index`; `moved` once the pointer travelled past the click slop.
    /// `geometry` is the mapping when the drag began: the pointer keeps using it even if the
    /// view grows to follow a point pulled past the edge (otherwise the mapping would run away).
    Drag { index: usize, pointer: i32, start: (f64, f64), moved: bool, geometry: PlotGeometry },
    /// Pressed on empty space: a click there adds a point.
    Press { pointer: i32, start: (f64, f64) },
}

/// Pixels a press may travel and still count as a click.
const CLICK_SLOP_CSS: f64 = 4.0;

/// The scatter plot with dragging, adding, selecting and deleting points.
#[hook]
pub fn use_scatter_plot(props: &ScatterPlotProps) -> Html {
    let axes_ref = use_node_ref();
    let data_ref = use_node_ref();
    let geometry = use_mut_ref(|| None::<PlotGeometry>);
    let gesture = use_mut_ref(|| None::<Gesture>);

    // Axes layer: only when the view, size or theme changes.
    {
        let (axes_ref, data_ref, geometry) = (axes_ref.clone(), data_ref.clone(), geometry.clone());
        let zoom = props.zoom;
        use_effect_with(
            (props.view, props.palette, zoom.to_bits(), props.layout_epoch),
            move |&(view, palette, _, _)| {
                let drawn = crate::canvas::draw_axes_layer(&axes_ref, zoom, palette, |root, style| {
                    draw_scatter_axes(root, &view, style)
                });
                if let Some((area, ratio)) = drawn {
                    *geometry.borrow_mut() = Some(PlotGeometry { area, ratio });
                    publish_geometry(&data_ref, &area, ratio);
                }
            },
        );
    }

    // Data layer: on every change of points, fits or selection. During a drag the points that
    // stay put are drawn once off screen and copied in on each frame (see `StillPoints`).
    let drag_layer = use_mut_ref(DragLayer::default);
    {
        let (data_ref, axes_ref) = (data_ref.clone(), axes_ref.clone());
        let zoom = props.zoom;
        let inputs = (
            props.points.clone(),
            props.lines.clone(),
            props.residuals.clone(),
            props.selected,
            props.dragging,
            props.view,
            props.palette,
            zoom.to_bits(),
            props.layout_epoch,
        );
        use_effect_with(inputs, move |(points, lines, residuals, selected, dragging, view, palette, _, epoch)| {
            let scene = ScatterScene { view: *view, points, lines, residuals, selected: *selected };
            let full = || {
                crate::canvas::draw_data_layer(&data_ref, &axes_ref, zoom, *palette, |root, style| {
                    draw_scatter_data(root, &scene, style)
                })
            };
            let mut layer = drag_layer.borrow_mut();
            let moved = layer.last_points.as_ref().is_some_and(|last| !Rc::ptr_eq(last, points));
            layer.last_points = Some(points.clone());
            let dragging = dragging.filter(|&i| i < points.len());
            if dragging.is_none() {
                layer.shows = None;
            }
            // The press that starts a drag and the release that ends it change nothing drawn
            // but the selection: the canvas keeps its drawing, and a new ring is added on top.
            let drawn = DrawnScene {
                points: points.clone(),
                lines: lines.clone(),
                residuals: residuals.clone(),
                selected: *selected,
                view: *view,
                palette: *palette,
                zoom: zoom.to_bits(),
                epoch: *epoch,
            };
            match layer.drawn.as_ref().filter(|shown| shown.same_but_selection(&drawn)).map(|shown| shown.selected) {
                Some(shown) if shown == *selected => return,
                Some(None) => {
                    let ring =
                        crate::canvas::draw_on_data_layer(&data_ref, &axes_ref, zoom, *palette, |root, style| {
                            draw_scatter_part(root, &scene, style, ScatterPart::Ring)
                        });
                    layer.drawn = ring.map(|_| drawn);
                    return;
                }
                _ => {}
            }
            // Remembered only once drawn (a canvas not laid out yet draws nothing).
            layer.drawn = None;
            let Some(index) = dragging else {
                layer.drawn = full().map(|_| drawn);
                return;
            };
            // The press that starts a drag moves nothing: drawn as usual, so the image of the
            // points that stay put is made on the first move (two full drawings in one frame
            // would make the press the slowest frame of the drag).
            if !moved && layer.shows.is_none() {
                layer.drawn = full().map(|_| drawn);
                return;
            }
            let key = StillKey {
                index,
                selected: *selected,
                view: *view,
                palette: *palette,
                zoom: zoom.to_bits(),
                epoch: *epoch,
            };
            let valid = layer
                .shows
                .as_ref()
                .is_some_and(|(shown_key, shown)| *shown_key == key && same_except(shown, points, index));
            if !valid {
                layer.shows = None;
                let reuse = layer.canvas.take();
                layer.canvas = crate::canvas::draw_offscreen(&axes_ref, zoom, *palette, reuse, |root, style| {
                    draw_scatter_part(root, &scene, style, ScatterPart::PointsExcept(index))
                });
                if layer.canvas.is_some() {
                    layer.shows = Some((key, points.clone()));
                }
            }
            let done = match (&layer.canvas, &layer.shows) {
                (Some(canvas), Some(_)) => crate::canvas::draw_data_layer_around(
                    &data_ref,
                    &axes_ref,
                    zoom,
                    *palette,
                    |root, style| draw_scatter_part(root, &scene, style, ScatterPart::Fits),
                    canvas,
                    |root, style| draw_scatter_part(root, &scene, style, ScatterPart::Point(index)),
                ),
                _ => full(),
            };
            layer.drawn = done.map(|_| drawn);
        });
    }

    // Pointer moves during a drag go through the coalescer: at most one update per frame.
    let coalescer = {
        let on_action = props.on_action.clone();
        let probe = props.probe.clone();
        use_memo((), move |_| {
            Coalescer::new(move |sample: Sample| {
                probe.start(sample.time);
                on_action.emit(RegressionAction::DragTo { x: sample.x, y: sample.y });
            })
        })
    };

    let onpointerdown = {
        let (geometry, gesture, points, on_action) =
            (geometry.clone(), gesture.clone(), props.points.clone(), props.on_action.clone());
        Callback::from(move |event: PointerEvent| {
            if event.button() != 0 {
                return;
            }
            let Some(geo) = *geometry.borrow() else { return };
            let css = offset(&event);
            let radius = if event.pointer_type() == "touch" { 22.0 } else { 12.0 };
            let pointer = event.pointer_id();
            if let Some(target) = event.target_dyn_into::<HtmlCanvasElement>() {
                let _ = target.set_pointer_capture(pointer);
            }
            // No preventDefault: the compatibility mousedown then focuses the plot the way a
            // click does (keys work at once, and no keyboard focus ring appears for the mouse).
            match geo.hit(points.iter(), css, radius) {
                Some(index) => {
                    *gesture.borrow_mut() =
                        Some(Gesture::Drag { index, pointer, start: css, moved: false, geometry: geo });
                    on_action.emit(RegressionAction::BeginDrag(index));
                }
                None if geo.contains(css) => {
                    *gesture.borrow_mut() = Some(Gesture::Press { pointer, start: css });
                }
                None => {}
            }
        })
    };

    let onpointermove = {
        let (gesture, coalescer) = (gesture.clone(), coalescer.clone());
        Callback::from(move |event: PointerEvent| {
            let mut current = gesture.borrow_mut();
            let Some(Gesture::Drag { pointer, start, moved, geometry: geo, .. }) = current.as_mut() else { return };
            if *pointer != event.pointer_id() {
                return;
            }
            let css = offset(&event);
            if !*moved && (css.0 - start.0).hypot(css.1 - start.1) < CLICK_SLOP_CSS {
                return;
            }
            *moved = true;
            let (x, y) = geo.data_at(css);
            drop(current);
            coalescer.push(Sample { x, y, time: event.time_stamp() });
        })
    };

    let finish = {
        let (geometry, gesture, coalescer, on_action) =
            (geometry.clone(), gesture.clone(), coalescer.clone(), props.on_action.clone());
        let placing = props.selected.filter(|_| props.placing);
        move |event: PointerEvent, cancelled: bool| {
            let taken = gesture.borrow_mut().take();
            match taken {
                Some(Gesture::Drag { pointer, .. }) if pointer == event.pointer_id() => {
                    coalescer.flush();
                    on_action.emit(RegressionAction::EndDrag);
                }
                Some(Gesture::Press { pointer, start }) if pointer == event.pointer_id() && !cancelled => {
                    let css = offset(&event);
                    if (css.0 - start.0).hypot(css.1 - start.1) < CLICK_SLOP_CSS {
                        if let Some(geo) = *geometry.borrow() {
                            let (x, y) = geo.data_at(css);
                            on_action.emit(match placing {
                                Some(index) => RegressionAction::MoveTo { index, x, y },
                                None => RegressionAction::Add { x, y },
                            });
                        }
                    } else {
                        on_action.emit(RegressionAction::Select(None));
                    }
                }
                other => *gesture.borrow_mut() = other,
            }
        }
    };
    let onpointerup = {
        let finish = finish.clone();
        Callback::from(move |event: PointerEvent| finish(event, false))
    };
    let onpointercancel = Callback::from(move |event: PointerEvent| finish(event, true));

    let ondblclick = {
        let (geometry, points, on_action) = (geometry.clone(), props.points.clone(), props.on_action.clone());
        Callback::from(move |event: MouseEvent| {
            let Some(geo) = *geometry.borrow() else { return };
            if let Some(index) = geo.hit(points.iter(), offset(&event), 12.0) {
                on_action.emit(RegressionAction::Delete(index));
            }
        })
    };

    let onkeydown = {
        let (on_action, selected, points, view) =
            (props.on_action.clone(), props.selected, props.points.clone(), props.view);
        Callback::from(move |event: KeyboardEvent| {
            if let Some(action) = key_action(&event, selected, &points, &view) {
                event.prevent_default();
                on_action.emit(action);
            }
        })
    };

    // The data canvas is written once per class, literally (see `markup`: a class that is not
    // a literal costs code); only the one for the current mode is built.
    let label = props.description.clone();
    macro_rules! data_canvas {
        ($class:tt) => {
            html! {
                <canvas
                    ref={data_ref}
                    class=$class
                    data-testid="scatter-canvas"
                    tabindex="0"
                    role="application"
                    aria-roledescription="scatter plot"
                    aria-label={label}
                    {onpointerdown}
                    {onpointermove}
                    {onpointerup}
                    {onpointercancel}
                    {ondblclick}
                    {onkeydown}
                ></canvas>
            }
        };
    }
    let data_canvas =
        if props.placing { data_canvas!("layer interactive placing") } else { data_canvas!("layer interactive") };
    html! {
        <div class="chart chart-scatter">
            <canvas ref={axes_ref} class="layer" aria-hidden="true"></canvas>
            { data_canvas }
        </div>
    }
}

/// The keyboard: arrows move the selected point (Shift: ten times further), `[`/`]` or
/// PageUp/PageDown select the previous/next point, Delete/Backspace delete it, `a` or Enter
/// (with nothing selected) adds a point at the centre, Escape clears the selection.
fn key_action(
    event: &KeyboardEvent,
    selected: Option<usize>,
    points: &Points,
    view: &ViewBox,
) -> Option<RegressionAction> {
    if event.ctrl_key() || event.meta_key() || event.alt_key() {
        return None;
    }
    let big = if event.shift_key() { 10.0 } else { 1.0 };
    let (step_x, step_y) = (0.01 * view.width() * big, 0.01 * view.height() * big);
    let n = points.len();
    let key = event.key();
    match (key.as_str(), selected) {
        ("ArrowLeft", Some(index)) => Some(RegressionAction::Nudge { index, dx: -step_x, dy: 0.0 }),
        ("ArrowRight", Some(index)) => Some(RegressionAction::Nudge { index, dx: step_x, dy: 0.0 }),
        ("ArrowUp", Some(index)) => Some(RegressionAction::Nudge { index, dx: 0.0, dy: step_y }),
        ("ArrowDown", Some(index)) => Some(RegressionAction::Nudge { index, dx: 0.0, dy: -step_y }),
        ("Delete" | "Backspace", Some(index)) => Some(RegressionAction::Delete(index)),
        ("Escape", Some(_)) => Some(RegressionAction::Select(None)),
        ("]" | "PageDown", _) if n > 0 => Some(RegressionAction::Select(Some(selected.map_or(0, |i| (i + 1) % n)))),
        ("[" | "PageUp", _) if n > 0 => {
            Some(RegressionAction::Select(Some(selected.map_or(n - 1, |i| (i + n - 1) % n))))
        }
        ("a" | "A" | "+", _) | ("Enter", None) => {
            Some(RegressionAction::Add { x: 0.5 * (view.x_min + view.x_max), y: 0.5 * (view.y_min + view.y_max) })
        }
        _ => None,
    }
}
