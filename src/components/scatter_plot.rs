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

use super::data_layer::{DataLayer, LayerScene};
use super::hooks::{use_effect_with, use_mut_ref, use_node_ref};
use super::pointer::{
    begin_press, hover_cursor, offset, publish_geometry, release_press, repeat_deletes, scroll_with_finger,
    store_geometry, DragGesture, FingerScroll, Gesture, LastClick, PlotGeometry, PressEnd,
};
use crate::canvas::BatchArea;
use crate::charts::scatter::{draw_scatter_axes, draw_scatter_part, ResidualSegment, ScatterScene, SceneLine};
use crate::charts::{ChartResult, ChartStyle, LayerPart, PlotArea};
use crate::coalesce::{Coalescer, Sample};
use crate::perf::PerfProbe;
use crate::state::regression::RegressionAction;
use crate::theme::Palette;
use crate::view_box::ViewBox;
use losslab_core::numerics::points::Points;
use std::rc::Rc;
use web_sys::{KeyboardEvent, PointerEvent};
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

/// The scatter plot with dragging, adding, selecting and deleting points.
#[hook]
pub fn use_scatter_plot(props: &ScatterPlotProps) -> Html {
    let axes_ref = use_node_ref();
    let data_ref = use_node_ref();
    let geometry = use_mut_ref(|| None::<PlotGeometry>);
    let gesture = use_mut_ref(|| None::<Gesture>);
    let last_click = use_mut_ref(|| None::<LastClick>);

    // Axes layer: only when the view, size or theme changes.
    {
        let (axes_ref, data_ref, geometry, gesture) =
            (axes_ref.clone(), data_ref.clone(), geometry.clone(), gesture.clone());
        let zoom = props.zoom;
        use_effect_with(
            (props.view, props.palette, zoom.to_bits(), props.layout_epoch),
            move |&(view, palette, _, _)| {
                let drawn = crate::canvas::draw_axes_layer(&axes_ref, zoom, palette, |root, style| {
                    draw_scatter_axes(root, &view, style)
                });
                if let Some((area, ratio)) = drawn {
                    store_geometry(&geometry, &gesture, PlotGeometry { area, ratio });
                    publish_geometry(&data_ref, &area, ratio);
                }
            },
        );
    }

    // Data layer: on every change of points, fits or selection (see `data_layer` for what a
    // drag frame draws).
    let data_layer = use_mut_ref(DataLayer::<ScatterInputs>::default);
    // The pending task that prepares a drag's still-points image; replacing it cancels it.
    let prepare_task = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    {
        let (data_ref, axes_ref) = (data_ref.clone(), axes_ref.clone());
        let inputs = ScatterInputs {
            points: props.points.clone(),
            lines: props.lines.clone(),
            residuals: props.residuals.clone(),
            selected: props.selected,
            view: props.view,
            palette: props.palette,
            zoom: props.zoom,
            epoch: props.layout_epoch,
        };
        use_effect_with((inputs, props.dragging), move |(inputs, dragging)| {
            DataLayer::draw_and_prepare(&data_layer, &prepare_task, (&data_ref, &axes_ref), inputs.clone(), *dragging);
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
        let (geometry, gesture, last_click, coalescer, points, on_action) = (
            geometry.clone(),
            gesture.clone(),
            last_click.clone(),
            coalescer.clone(),
            props.points.clone(),
            props.on_action.clone(),
        );
        Callback::from(move |event: PointerEvent| {
            let Some(geo) = *geometry.borrow() else { return };
            let end_drag = || {
                coalescer.flush();
                on_action.emit(RegressionAction::EndDrag);
            };
            let hit = |css, radius| geo.hit(points.iter(), css, radius);
            let Some((css, pointer, radius)) = begin_press(&event, &gesture, &last_click, points.len(), hit, end_drag)
            else {
                return;
            };
            // No preventDefault: the compatibility mousedown then focuses the plot the way a
            // click does (keys work at once, and no keyboard focus ring appears for the mouse).
            match geo.hit(points.iter(), css, radius) {
                Some(index) => {
                    let point = points.get(index).unwrap_or_default();
                    *gesture.borrow_mut() = Some(Gesture::Drag(DragGesture::new(index, pointer, css, geo, point)));
                    on_action.emit(RegressionAction::BeginDrag(index));
                }
                // Empty space: a click adds a point, a finger scrolls the page; a finger on the
                // axes' labels or margins (under the canvas's `touch-action: none` too) scrolls.
                None => {
                    let (finger, inside) = (FingerScroll::start(&event), geo.contains(css));
                    if inside || finger.is_some() {
                        *gesture.borrow_mut() = Some(Gesture::Press { pointer, start: css, finger, inside });
                    }
                }
            }
        })
    };

    let onpointermove = {
        let (gesture, coalescer, geometry, points) =
            (gesture.clone(), coalescer.clone(), geometry.clone(), props.points.clone());
        Callback::from(move |event: PointerEvent| {
            let mut current = gesture.borrow_mut();
            let Some(Gesture::Drag(drag)) = current.as_mut() else {
                if let Some(press) = current.as_mut() {
                    scroll_with_finger(press, &event);
                } else {
                    hover_cursor(&event, *geometry.borrow(), points.iter());
                }
                return;
            };
            let Some((x, y)) = drag.follow(&event) else { return };
            drop(current);
            coalescer.push(Sample { x, y, time: event.time_stamp() });
        })
    };

    let finish = {
        let (geometry, gesture, last_click, coalescer, on_action) =
            (geometry.clone(), gesture.clone(), last_click.clone(), coalescer.clone(), props.on_action.clone());
        let placing = props.selected.filter(|_| props.placing);
        move |event: PointerEvent, cancelled: bool| {
            let taken = gesture.borrow_mut().take();
            match taken {
                Some(Gesture::Drag(drag)) if drag.pointer == event.pointer_id() => {
                    coalescer.flush();
                    on_action.emit(RegressionAction::EndDrag);
                    if !drag.moved && !cancelled {
                        let (index, at, time) = (drag.index, offset(&event), event.time_stamp());
                        *last_click.borrow_mut() = Some(LastClick { index, at, time });
                    }
                }
                Some(Gesture::Repeat { index, pointer, start }) if pointer == event.pointer_id() => {
                    if repeat_deletes(start, &event, cancelled) {
                        on_action.emit(RegressionAction::Delete(index));
                    }
                }
                Some(Gesture::Press { pointer, start, finger, inside }) if pointer == event.pointer_id() => {
                    let css = offset(&event);
                    match release_press(start, finger, inside, &event, cancelled) {
                        PressEnd::Click => {
                            if let Some(geo) = *geometry.borrow() {
                                let (x, y) = geo.data_at(css);
                                on_action.emit(match placing {
                                    Some(index) => RegressionAction::MoveTo { index, x, y },
                                    None => RegressionAction::Add { x, y },
                                });
                            }
                        }
                        PressEnd::Moved => on_action.emit(RegressionAction::Select(None)),
                        PressEnd::Nothing => {}
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
    let onpointercancel = {
        let finish = finish.clone();
        Callback::from(move |event: PointerEvent| finish(event, true))
    };
    // A capture lost without a release (the browser took it back) ends the gesture as a
    // cancel, so a drag always ends; after a release there is no gesture left to end.
    let onlostpointercapture = Callback::from(move |event: PointerEvent| finish(event, true));

    let onkeydown = {
        let (on_action, selected, points, view) =
            (props.on_action.clone(), props.selected, props.points.clone(), props.view);
        Callback::from(move |event: KeyboardEvent| {
            if let Some(action) = key_action(&event, selected, &points, &view) {
                event.prevent_default();
                on_action.emit(action);
            } else if event.key() == " " {
                // Space does nothing here, but must not scroll the page away from the plot.
                event.prevent_default();
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
                    data-loss-keys="true"
                    tabindex="0"
                    role="application"
                    aria-roledescription="scatter plot"
                    aria-label={label}
                    {onpointerdown}
                    {onpointermove}
                    {onpointerup}
                    {onpointercancel}
                    {onlostpointercapture}
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

/// The keyboard: arrows move the selected point (Shift: ten times further; with none selected
/// the first arrow selects the first point), `[`/`]` or
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
        // With nothing selected the first arrow selects the first point (it would otherwise do
        // nothing, or scroll the page), so the next ones move it.
        ("ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown", None) if n > 0 => {
            Some(RegressionAction::Select(Some(0)))
        }
        ("]" | "PageDown", _) if n > 0 => Some(RegressionAction::Select(Some(selected.map_or(0, |i| (i + 1) % n)))),
        ("[" | "PageUp", _) if n > 0 => {
            Some(RegressionAction::Select(Some(selected.map_or(n - 1, |i| (i + n - 1) % n))))
        }
        ("a" | "A" | "+", _) | ("Enter", None) => Some(RegressionAction::AddAtCentre),
        _ => None,
    }
}

/// Everything the scatter plot's data layer shows (the `Rc`s are compared by identity).
#[derive(Clone)]
struct ScatterInputs {
    points: Rc<Points>,
    lines: Rc<Vec<SceneLine>>,
    residuals: Rc<Vec<ResidualSegment>>,
    selected: Option<usize>,
    view: ViewBox,
    palette: Palette,
    zoom: f64,
    epoch: u32,
}

impl PartialEq for ScatterInputs {
    fn eq(&self, other: &Self) -> bool {
        self.same_but_selection(other) && self.selected == other.selected
    }
}

impl LayerScene for ScatterInputs {
    fn same_but_selection(&self, other: &Self) -> bool {
        self.same_points(other)
            && Rc::ptr_eq(&self.lines, &other.lines)
            && Rc::ptr_eq(&self.residuals, &other.residuals)
            && self.same_frame(other)
    }

    fn same_frame(&self, other: &Self) -> bool {
        self.view == other.view
            && self.palette == other.palette
            && self.zoom.to_bits() == other.zoom.to_bits()
            && self.epoch == other.epoch
    }

    fn same_points(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.points, &other.points)
    }

    fn same_points_except(&self, other: &Self, index: usize) -> bool {
        let (a, b) = (&self.points, &other.points);
        a.len() == b.len() && a.iter().zip(b.iter()).enumerate().all(|(i, (p, q))| i == index || p == q)
    }

    fn point_count(&self) -> usize {
        self.points.len()
    }

    fn selected(&self) -> Option<usize> {
        self.selected
    }

    fn palette(&self) -> Palette {
        self.palette
    }

    fn zoom(&self) -> f64 {
        self.zoom
    }

    fn draw(&self, area: &BatchArea, style: &ChartStyle, part: LayerPart) -> ChartResult<PlotArea> {
        let scene = ScatterScene {
            view: self.view,
            points: &self.points,
            lines: &self.lines,
            residuals: &self.residuals,
            selected: self.selected,
        };
        draw_scatter_part(area, &scene, style, part)
    }
}
