//! The interactive classification plot: two stacked canvases (axes below, data above) and the
//! pointer and keyboard handling that edits the labelled points.
//!
//! Label 0 sits at y = 0, label 1 at y = 1. A drag moves a point along x only (its label is
//! fixed while dragging), with pointer capture and one update per frame; a click on a point
//! flips its label, a click on empty space adds a point with the nearer row's label, and a
//! second click on the point just flipped (a double-click) deletes it.
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
use crate::charts::classification::{
    draw_classification_axes, draw_classification_part, is_dense, marker_at, ClassificationScene, FittedLine,
};
use crate::charts::{ChartResult, ChartStyle, LayerPart, PlotArea};
use crate::coalesce::{Coalescer, Sample};
use crate::perf::PerfProbe;
use crate::state::classification::{x_order, ClassificationAction};
use crate::theme::Palette;
use losslab_core::numerics::classification::LabeledPoints;
use std::rc::Rc;
use web_sys::{KeyboardEvent, PointerEvent};
use yew::prelude::*;

/// Arguments of [`use_classification_plot`].
pub struct ClassificationPlotProps {
    /// The points.
    pub points: Rc<LabeledPoints>,
    /// The x range shown.
    pub x_range: (f64, f64),
    /// The fits to draw.
    pub lines: Rc<Vec<FittedLine>>,
    /// The selected point.
    pub selected: Option<usize>,
    /// The point being dragged, if a drag is in progress.
    pub dragging: Option<usize>,
    /// Colours.
    pub palette: Palette,
    /// Extra size factor (presentation mode).
    pub zoom: f64,
    /// Changes when the window is resized, to redraw at the new size.
    pub layout_epoch: u32,
    /// Where edits go.
    pub on_action: Callback<ClassificationAction>,
    /// Latency recorder.
    pub probe: PerfProbe,
    /// A text description of the plot for screen readers.
    pub description: AttrValue,
}

/// The classification plot with dragging, flipping, adding and deleting points.
#[hook]
pub fn use_classification_plot(props: &ClassificationPlotProps) -> Html {
    let axes_ref = use_node_ref();
    let data_ref = use_node_ref();
    let geometry = use_mut_ref(|| None::<PlotGeometry>);
    let gesture = use_mut_ref(|| None::<Gesture>);
    let last_click = use_mut_ref(|| None::<LastClick>);

    // Axes layer: only when the x range, size or theme changes.
    {
        let (axes_ref, data_ref, geometry, gesture) =
            (axes_ref.clone(), data_ref.clone(), geometry.clone(), gesture.clone());
        let zoom = props.zoom;
        let deps =
            (props.x_range.0.to_bits(), props.x_range.1.to_bits(), props.palette, zoom.to_bits(), props.layout_epoch);
        let x_range = props.x_range;
        use_effect_with(deps, move |&(_, _, palette, _, _)| {
            let drawn = crate::canvas::draw_axes_layer(&axes_ref, zoom, palette, |root, style| {
                draw_classification_axes(root, x_range, style)
            });
            if let Some((area, ratio)) = drawn {
                store_geometry(&geometry, &gesture, PlotGeometry { area, ratio });
                publish_geometry(&data_ref, &area, ratio);
            }
        });
    }

    // Data layer: on every change of points, fits or selection (see `data_layer` for what a
    // drag frame draws).
    let data_layer = use_mut_ref(DataLayer::<ClassificationInputs>::default);
    // The pending task that prepares a drag's still-points image; replacing it cancels it.
    let prepare_task = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    {
        let (data_ref, axes_ref) = (data_ref.clone(), axes_ref.clone());
        let inputs = ClassificationInputs {
            points: props.points.clone(),
            lines: props.lines.clone(),
            selected: props.selected,
            x_range: props.x_range,
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
                on_action.emit(ClassificationAction::DragTo(sample.x));
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
        let x_range = props.x_range;
        Callback::from(move |event: PointerEvent| {
            let Some(geo) = *geometry.borrow() else {
                return;
            };
            let end_drag = || {
                coalescer.flush();
                on_action.emit(ClassificationAction::EndDrag);
            };
            let dense = is_dense(&points, x_range);
            let markers = || points.iter().enumerate().map(|(i, (x, positive))| marker_at(i, x, positive, dense));
            let hit = |css, radius| geo.hit(markers(), css, radius);
            let Some((css, pointer, radius)) = begin_press(&event, &gesture, &last_click, points.len(), hit, end_drag)
            else {
                return;
            };
            // No preventDefault: the compatibility mousedown then focuses the plot the way a
            // click does (keys work at once, and no keyboard focus ring appears for the mouse).
            // (`begin_press` turns a second press on the point just flipped, now on the other
            // row, into a double-click that deletes it.)
            match geo.hit(markers(), css, radius) {
                Some(index) => {
                    let point = points
                        .iter()
                        .nth(index)
                        .map(|(x, positive)| marker_at(index, x, positive, dense))
                        .unwrap_or_default();
                    *gesture.borrow_mut() = Some(Gesture::Drag(DragGesture::new(index, pointer, css, geo, point)));
                    on_action.emit(ClassificationAction::BeginDrag(index));
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
        let (gesture, coalescer, geometry, points, x_range) =
            (gesture.clone(), coalescer.clone(), geometry.clone(), props.points.clone(), props.x_range);
        Callback::from(move |event: PointerEvent| {
            let mut current = gesture.borrow_mut();
            let Some(Gesture::Drag(drag)) = current.as_mut() else {
                if let Some(press) = current.as_mut() {
                    scroll_with_finger(press, &event);
                } else {
                    let dense = is_dense(&points, x_range);
                    let markers = points.iter().enumerate().map(|(i, (x, positive))| marker_at(i, x, positive, dense));
                    hover_cursor(&event, *geometry.borrow(), markers);
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
        move |event: PointerEvent, cancelled: bool| {
            let taken = gesture.borrow_mut().take();
            let css = offset(&event);
            match taken {
                Some(Gesture::Drag(drag)) if drag.pointer == event.pointer_id() => {
                    coalescer.flush();
                    on_action.emit(ClassificationAction::EndDrag);
                    if !drag.moved && !cancelled {
                        let index = drag.index;
                        on_action.emit(ClassificationAction::Flip(index));
                        *last_click.borrow_mut() = Some(LastClick { index, at: css, time: event.time_stamp() });
                    }
                }
                Some(Gesture::Press { pointer, start, finger, inside }) if pointer == event.pointer_id() => {
                    match release_press(start, finger, inside, &event, cancelled) {
                        PressEnd::Click => {
                            if let Some(geo) = *geometry.borrow() {
                                let (x, y) = geo.data_at(css);
                                on_action.emit(ClassificationAction::Add { x, label: y >= 0.5 });
                            }
                        }
                        PressEnd::Moved => on_action.emit(ClassificationAction::Select(None)),
                        PressEnd::Nothing => {}
                    }
                }
                Some(Gesture::Repeat { index, pointer, start }) if pointer == event.pointer_id() => {
                    if repeat_deletes(start, &event, cancelled) {
                        on_action.emit(ClassificationAction::DeleteDoubleClicked(index));
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
        let (on_action, selected, points, x_range) =
            (props.on_action.clone(), props.selected, props.points.clone(), props.x_range);
        Callback::from(move |event: KeyboardEvent| {
            if let Some(action) = key_action(&event, selected, &points, x_range) {
                event.prevent_default();
                on_action.emit(action);
            }
        })
    };

    html! {
        <div class="chart chart-scatter chart-classification">
            <canvas ref={axes_ref} class="layer" aria-hidden="true"></canvas>
            <canvas
                ref={data_ref}
                class="layer interactive"
                data-testid="classification-canvas"
                data-loss-keys="true"
                tabindex="0"
                role="application"
                aria-roledescription="classification plot"
                aria-label={props.description.clone()}
                {onpointerdown}
                {onpointermove}
                {onpointerup}
                {onpointercancel}
                {onlostpointercapture}
                {onkeydown}
            ></canvas>
        </div>
    }
}

/// The keyboard: Left/Right move the selected point along x (Shift: ten times further),
/// Up/Down give it label 1/0 (with none selected an arrow selects the leftmost point), Space
/// or F flips its label, `[`/`]` (PageUp/PageDown) select
/// the previous/next point in x order, Delete/Backspace delete it, `a` adds a label-0 point
/// at the centre (`A`, with Shift, a label-1 point), Escape clears the selection.
fn key_action(
    event: &KeyboardEvent,
    selected: Option<usize>,
    points: &LabeledPoints,
    x_range: (f64, f64),
) -> Option<ClassificationAction> {
    if event.ctrl_key() || event.meta_key() || event.alt_key() {
        return None;
    }
    let step = 0.01 * (x_range.1 - x_range.0) * if event.shift_key() { 10.0 } else { 1.0 };
    let label = |i: usize| points.labels().get(i).copied();
    let key = event.key();
    match (key.as_str(), selected) {
        ("ArrowLeft", Some(index)) => Some(ClassificationAction::Nudge { index, dx: -step }),
        ("ArrowRight", Some(index)) => Some(ClassificationAction::Nudge { index, dx: step }),
        ("ArrowUp", Some(index)) if label(index) == Some(false) => Some(ClassificationAction::Flip(index)),
        ("ArrowDown", Some(index)) if label(index) == Some(true) => Some(ClassificationAction::Flip(index)),
        (" " | "f" | "F", Some(index)) => Some(ClassificationAction::Flip(index)),
        ("Delete" | "Backspace", Some(index)) => Some(ClassificationAction::Delete(index)),
        ("Escape", Some(_)) => Some(ClassificationAction::Select(None)),
        // With nothing selected the first arrow selects the leftmost point (see `neighbour`).
        ("ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown", None) => {
            neighbour(points, None, true).map(|i| ClassificationAction::Select(Some(i)))
        }
        ("]" | "PageDown", _) => neighbour(points, selected, true).map(|i| ClassificationAction::Select(Some(i))),
        ("[" | "PageUp", _) => neighbour(points, selected, false).map(|i| ClassificationAction::Select(Some(i))),
        ("a" | "A" | "+", _) | ("Enter", None) => Some(ClassificationAction::AddAtCentre { label: key == "A" }),
        _ => None,
    }
}

/// The next (or previous) point in x order after `selected`, wrapping around; the first (or
/// last) when nothing is selected.
fn neighbour(points: &LabeledPoints, selected: Option<usize>, forward: bool) -> Option<usize> {
    let n = points.len();
    if n == 0 {
        return None;
    }
    let order = x_order(points);
    let slot = selected.and_then(|i| order.iter().position(|&j| j == i));
    let next = match (slot, forward) {
        (None, true) => 0,
        (None, false) => n - 1,
        (Some(s), true) => (s + 1) % n,
        (Some(s), false) => (s + n - 1) % n,
    };
    order.get(next).copied()
}

/// Everything the classification plot's data layer shows (the `Rc`s are compared by
/// identity).
#[derive(Clone)]
struct ClassificationInputs {
    points: Rc<LabeledPoints>,
    lines: Rc<Vec<FittedLine>>,
    selected: Option<usize>,
    x_range: (f64, f64),
    palette: Palette,
    zoom: f64,
    epoch: u32,
}

impl PartialEq for ClassificationInputs {
    fn eq(&self, other: &Self) -> bool {
        self.same_but_selection(other) && self.selected == other.selected
    }
}

impl LayerScene for ClassificationInputs {
    fn same_but_selection(&self, other: &Self) -> bool {
        self.same_points(other) && Rc::ptr_eq(&self.lines, &other.lines) && self.same_frame(other)
    }

    fn same_frame(&self, other: &Self) -> bool {
        self.x_range.0.to_bits() == other.x_range.0.to_bits()
            && self.x_range.1.to_bits() == other.x_range.1.to_bits()
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
        let scene = ClassificationScene {
            x_range: self.x_range,
            points: &self.points,
            fits: &self.lines,
            selected: self.selected,
        };
        draw_classification_part(area, &scene, style, part)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_walk_the_points_in_x_order() {
        let points = LabeledPoints::from_pairs(&[(2.0, true), (-1.0, false), (0.5, true)]).unwrap();
        assert_eq!(neighbour(&points, None, true), Some(1));
        assert_eq!(neighbour(&points, Some(1), true), Some(2));
        assert_eq!(neighbour(&points, Some(0), true), Some(1), "wraps");
        assert_eq!(neighbour(&points, Some(1), false), Some(0), "wraps back");
        assert_eq!(neighbour(&LabeledPoints::default(), None, true), None);
    }
}
