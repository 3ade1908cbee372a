//! Mapping pointer positions on a plot to data, shared by the two interactive plots.

use crate::charts::PlotArea;
use crate::format::round_decimal;
use std::cell::RefCell;
use web_sys::{HtmlCanvasElement, MouseEvent, PointerEvent};
use yew::{NodeRef, TargetCast};

/// The mapping from pointer positions to data: the plotting area (backend pixels) and the
/// buffer pixels per CSS pixel. Hit-testing compares distances in CSS pixels, so a point is as
/// easy to grab whatever the axis scales.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlotGeometry {
    /// The plotting area and its data rectangle.
    pub area: PlotArea,
    /// Buffer pixels per CSS pixel.
    pub ratio: f64,
}

impl PlotGeometry {
    /// The data coordinates under a CSS-pixel offset, each rounded to the coarsest power of ten
    /// that is at most half a CSS pixel there: a point still lands under the pointer, and links
    /// and CSV files hold `19.26` rather than `19.259999999999998`.
    pub fn data_at(&self, css: (f64, f64)) -> (f64, f64) {
        let (x, y) = self.area.to_data(css.0 * self.ratio, css.1 * self.ratio);
        let (x_half, y_half) = self.area.to_data((css.0 + 0.5) * self.ratio, (css.1 + 0.5) * self.ratio);
        (round_decimal(x, (x_half - x).abs()), round_decimal(y, (y_half - y).abs()))
    }

    /// Whether a CSS-pixel offset lies inside the plotting area.
    pub fn contains(&self, css: (f64, f64)) -> bool {
        self.area.contains_pixel(css.0 * self.ratio, css.1 * self.ratio)
    }

    /// The index of the point (given in data coordinates) nearest to `css`, within `radius`
    /// CSS pixels.
    pub fn hit(&self, points: impl Iterator<Item = (f64, f64)>, css: (f64, f64), radius: f64) -> Option<usize> {
        let limit = (radius * self.ratio).powi(2);
        let (px, py) = (css.0 * self.ratio, css.1 * self.ratio);
        points
            .enumerate()
            .map(|(i, (x, y))| {
                let (qx, qy) = self.area.to_pixel(x, y);
                (i, (qx - px).powi(2) + (qy - py).powi(2))
            })
            .filter(|&(_, d)| d <= limit)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }
}

/// Pixels a press may travel and still count as a click.
pub const CLICK_SLOP_CSS: f64 = 4.0;

/// Pixels a finger's tap may travel on a plot's empty space and still add a point (a fingertip
/// jitters more than a mouse: at 4 px a touch review's 6 px tap added nothing, and scrolled the
/// page by those pixels instead); the page scrolls once a finger has moved farther.
pub const TAP_SLOP_CSS: f64 = 10.0;

/// Whether a press at `start` released at `end` (CSS pixels) is a click.
pub fn is_click(start: (f64, f64), end: (f64, f64)) -> bool {
    within(start, end, CLICK_SLOP_CSS)
}

/// Whether a finger's press at `start` lifted at `end` (CSS pixels) is a tap.
pub fn is_tap(start: (f64, f64), end: (f64, f64)) -> bool {
    within(start, end, TAP_SLOP_CSS)
}

/// Whether `a` and `b` (CSS pixels) lie less than `radius` apart. Squared distances rather than
/// `hypot`, whose software routine (with the `fma` it needs) costs ~1 KB of compressed .wasm.
fn within(a: (f64, f64), b: (f64, f64), radius: f64) -> bool {
    (b.0 - a.0).powi(2) + (b.1 - a.1).powi(2) < radius * radius
}

/// A primary-button press on a plot: where (CSS pixels), which pointer, and how far from a
/// point it may land and still grab it (farther for a finger). The pointer is captured, so the
/// gesture keeps its events when it leaves the canvas. `None` for other buttons.
pub fn primary_press(event: &PointerEvent) -> Option<((f64, f64), i32, f64)> {
    if event.button() != 0 {
        return None;
    }
    let pointer = event.pointer_id();
    if let Some(target) = event.target_dyn_into::<HtmlCanvasElement>() {
        let _ = target.set_pointer_capture(pointer);
    }
    let radius = if event.pointer_type() == "touch" { 22.0 } else { 12.0 };
    Some((offset(event), pointer, radius))
}

/// Whether a press must be left alone because another pointer is dragging a point: a second
/// finger or a palm landing on the plot during a drag would otherwise take the gesture over, and
/// the drag's end would never be sent (the link and the saved state then stopped following the
/// plot). `dragging` is the pointer of a drag under way (one that has moved past the click
/// slop), `captured` says whether a pointer still holds the plot's capture; a drag whose
/// pointer lost it (its release went astray) does not count. Any other gesture gives way to
/// the new press: a palm resting on the plot before the finger comes must not block it.
/// (Whether the pointer is the "primary" one does not matter: a tap while another finger
/// rests elsewhere on the page is a tap.)
pub fn press_ignored(dragging: Option<i32>, pointer: i32, captured: impl Fn(i32) -> bool) -> bool {
    dragging.is_some_and(|id| id != pointer && captured(id))
}

/// [`press_ignored`] for a pointer event on a plot's canvas.
fn press_ignored_event(event: &PointerEvent, current: Option<i32>) -> bool {
    let canvas = event.target_dyn_into::<HtmlCanvasElement>();
    press_ignored(current, event.pointer_id(), |id| {
        canvas.as_ref().is_some_and(|canvas| canvas.has_pointer_capture(id))
    })
}

/// A second press within this time (ms) of a click on a point, and as near to it as a press
/// must be to grab a point, is the second half of a double-click (or double-tap).
pub const DOUBLE_CLICK_MS: f64 = 500.0;

/// The last click on a point: which, where (CSS px) and when (event time, ms). The plots
/// detect double-clicks themselves rather than wait for the browser's `dblclick`, which
/// Chromium does not send for a double-tap while another finger rests on the screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LastClick {
    /// The clicked point.
    pub index: usize,
    /// Where the click was (CSS pixels).
    pub at: (f64, f64),
    /// When (event time, ms).
    pub time: f64,
}

impl LastClick {
    /// The point a press at `css` at `time` double-clicks, if it is the second half of a
    /// double-click: within [`DOUBLE_CLICK_MS`], within `radius` CSS px of the first click,
    /// on a point that still exists (`count` points), and not on another point (`hit`, the
    /// point under the press: a neighbour tapped soon after deleted the first point; none is
    /// fine, as a flipped classification point has left for the other row).
    pub fn second_press(
        &self,
        css: (f64, f64),
        time: f64,
        radius: f64,
        count: usize,
        hit: Option<usize>,
    ) -> Option<usize> {
        let near = within(self.at, css, radius);
        let same = hit.is_none_or(|h| h == self.index);
        (near && same && time - self.time < DOUBLE_CLICK_MS && self.index < count).then_some(self.index)
    }
}

/// What the current pointer gesture on a plot is doing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Gesture {
    /// Pressed on a point: a drag once the pointer moves past the click slop, else a click.
    Drag(DragGesture),
    /// Pressed on empty space: a click there adds a point; a finger that moves scrolls the
    /// page instead (see [`FingerScroll`]).
    Press {
        /// The pointer pressing.
        pointer: i32,
        /// Where the press began (CSS pixels).
        start: (f64, f64),
        /// A finger's scrolling, `None` for a mouse or a pen.
        finger: Option<FingerScroll>,
        /// Whether it began inside the plotting area (a finger may also press the axes'
        /// labels and margins, which only scroll the page).
        inside: bool,
    },
    /// The second press of a double-click (or double-tap) on point `index`: releasing it where
    /// it began deletes it.
    Repeat {
        /// The double-clicked point.
        index: usize,
        /// The pointer pressing.
        pointer: i32,
        /// Where the press began (CSS pixels): a press that slides away before its release (a
        /// drag or a swipe begun within the double-click time) deletes nothing.
        start: (f64, f64),
    },
}

impl Gesture {
    /// The pointer dragging a point, if the gesture is a drag that has begun to move.
    pub fn dragging(&self) -> Option<i32> {
        match self {
            Gesture::Drag(drag) if drag.moved => Some(drag.pointer),
            _ => None,
        }
    }
}

/// The start of a press on a plot, the same for both plots: `None` when the press is left
/// alone ([`press_ignored`], or not the primary button, or it stopped a [`glide`]) or is the second half of a
/// double-click on one of the `count` points (`gesture` then holds the [`Gesture::Repeat`];
/// `hit` gives the point under the press, at a CSS offset within a reach);
/// otherwise where it is, which pointer and how far it reaches ([`primary_press`]), for the
/// plot to hit-test. The gesture the press replaces is ended first (`end_drag` for a drag).
pub fn begin_press(
    event: &PointerEvent,
    gesture: &RefCell<Option<Gesture>>,
    last_click: &RefCell<Option<LastClick>>,
    count: usize,
    hit: impl FnOnce((f64, f64), f64) -> Option<usize>,
    end_drag: impl FnOnce(),
) -> Option<((f64, f64), i32, f64)> {
    // A press while the page glides from a swipe only stops it.
    if stop_glide() {
        return None;
    }
    let dragging = gesture.borrow().and_then(|g| g.dragging());
    if press_ignored_event(event, dragging) {
        return None;
    }
    let (css, pointer, radius) = primary_press(event)?;
    // A drag whose release never came, or a palm's press that has not moved (it then adds,
    // flips or selects nothing).
    let replaced = gesture.borrow_mut().take();
    if let Some(Gesture::Drag(_)) = replaced {
        end_drag();
    }
    let previous = last_click.borrow_mut().take();
    let second = previous.and_then(|c| c.second_press(css, event.time_stamp(), radius, count, hit(css, radius)));
    if let Some(index) = second {
        *gesture.borrow_mut() = Some(Gesture::Repeat { index, pointer, start: css });
        return None;
    }
    Some((css, pointer, radius))
}

/// A finger pressed on a plot's empty space, which scrolls the page as it moves up or down.
/// The plots' `touch-action: none` keeps the browser from scrolling under a finger that drags
/// a point, but on a phone, where the plot fills most of the screen, it also left a swipe on
/// the plot unable to move the page (a review): swiping where there is no point to drag now
/// scrolls it, as it would anywhere else on the page.
/// When the finger lifts after a quick swipe the page glides on, slowing down, as the
/// browser's own scrolling does (see [`glide`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FingerScroll {
    /// The finger's last height in the window (CSS pixels).
    last_y: f64,
    /// Whether it has moved past the click slop (from then on it scrolls, and its release
    /// neither adds a point nor clears the selection).
    pub scrolling: bool,
    /// When it last moved (event time, ms).
    last_time: f64,
    /// How fast it scrolled the page lately (CSS px per ms, positive down): a running average
    /// that weighs the last move most.
    speed: f64,
}

impl FingerScroll {
    /// The scrolling of a press `event`, for a finger only.
    pub fn start(event: &PointerEvent) -> Option<FingerScroll> {
        (event.pointer_type() == "touch").then(|| FingerScroll::at(f64::from(event.client_y()), event.time_stamp()))
    }

    /// A finger pressed at height `y` at `time`.
    fn at(y: f64, time: f64) -> FingerScroll {
        FingerScroll { last_y: y, scrolling: false, last_time: time, speed: 0.0 }
    }

    /// How far to scroll the page down for the finger now at `y` (window CSS pixels) at `time`
    /// (ms): as far as the finger moved up, once it has left the click slop; 0 before.
    pub fn scroll_for(&mut self, y: f64, time: f64) -> f64 {
        let moved = y - self.last_y;
        if !self.scrolling && moved.abs() < TAP_SLOP_CSS {
            return 0.0;
        }
        let elapsed = time - self.last_time;
        if elapsed > 0.0 {
            self.speed = 0.7 * (-moved / elapsed) + 0.3 * self.speed;
        }
        (self.scrolling, self.last_y, self.last_time) = (true, y, time);
        -moved
    }

    /// The speed the page glides on at when the finger lifts at `time` (CSS px per ms, positive
    /// down): none after a slow swipe, or when the finger rested before lifting.
    pub fn release_speed(&self, time: f64) -> f64 {
        let fast = self.speed.abs() >= GLIDE_START_SPEED;
        if self.scrolling && fast && time - self.last_time <= GLIDE_REST_MS {
            self.speed
        } else {
            0.0
        }
    }
}

/// A lifted finger glides the page on from this speed (CSS px per ms) up.
const GLIDE_START_SPEED: f64 = 0.3;
/// A finger that rested this long (ms) before lifting does not glide the page.
const GLIDE_REST_MS: f64 = 100.0;
/// The time (ms) in which a glide's speed falls by a factor e, about as the browsers' own.
const GLIDE_DECAY_MS: f64 = 325.0;
/// A glide stops below this speed (CSS px per ms).
const GLIDE_STOP_SPEED: f64 = 0.02;

/// One step of a glide at `speed` (CSS px per ms) over `elapsed` ms: how far it scrolls, and
/// the speed after it (exponential decay, so the whole glide travels speed · 325 ms).
pub fn glide_step(speed: f64, elapsed: f64) -> (f64, f64) {
    let after = speed * (-elapsed / GLIDE_DECAY_MS).exp();
    ((speed - after) * GLIDE_DECAY_MS, after)
}

/// A glide under way: its timer, and the listeners that stop it when the user does anything
/// else (a press anywhere, the wheel, a key).
struct Glide {
    _timer: gloo::timers::callback::Interval,
    _stoppers: [gloo::events::EventListener; 3],
}

thread_local! {
    /// The page's glide, if one is under way.
    static GLIDE: RefCell<Option<Glide>> = const { RefCell::new(None) };
}

/// Stops the page's glide; `true` if one was under way (a press that stops it does nothing
/// else, as a touch that stops the browser's own glide).
pub fn stop_glide() -> bool {
    let glide = GLIDE.with(|g| g.borrow_mut().take());
    glide.is_some()
}

/// Glides the page on at `speed` (CSS px per ms, positive down) after a finger lifted from a
/// swipe on a plot's empty space, slowing down (see [`glide_step`]) until it stops, reaches
/// the page's end, or the user presses, scrolls or types. Not with reduced motion.
pub fn glide(speed: f64) {
    stop_glide();
    if speed == 0.0 || crate::browser::media_matches("(prefers-reduced-motion: reduce)") {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let stopper = |name: &'static str| {
        gloo::events::EventListener::new(&window, name, |_| {
            stop_glide();
        })
    };
    let stoppers = [stopper("pointerdown"), stopper("wheel"), stopper("keydown")];
    let (mut speed, mut last) = (speed, crate::browser::now_ms());
    let timer = gloo::timers::callback::Interval::new(16, move || {
        let now = crate::browser::now_ms();
        let (by, after) = glide_step(speed, now - last);
        (speed, last) = (after, now);
        let Some(window) = web_sys::window() else { return };
        let before = window.scroll_y().unwrap_or(0.0);
        window.scroll_by_with_x_and_y(0.0, by);
        let stuck = by.abs() >= 1.0 && window.scroll_y().unwrap_or(0.0) == before;
        if speed.abs() < GLIDE_STOP_SPEED || stuck {
            stop_glide();
        }
    });
    GLIDE.with(|g| *g.borrow_mut() = Some(Glide { _timer: timer, _stoppers: stoppers }));
}

/// How the release of a press on empty space ends, the same in both plots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PressEnd {
    /// A click inside the plotting area: the plot adds a point there (or places the selected
    /// one).
    Click,
    /// A press that moved (a mouse or pen sliding off, a finger moving sideways): the
    /// selection is cleared.
    Moved,
    /// Nothing: a finger that scrolled the page, a press outside the plotting area (a finger
    /// on the axes' labels), a cancelled press.
    Nothing,
}

/// The end of a [`Gesture::Press`] begun at `start` (with its `finger` scrolling and whether it
/// was `inside` the plotting area), released at `end` (CSS pixels), or `cancelled`.
pub fn press_end(
    start: (f64, f64),
    finger: Option<FingerScroll>,
    inside: bool,
    end: (f64, f64),
    cancelled: bool,
) -> PressEnd {
    if cancelled || !inside || finger.is_some_and(|f| f.scrolling) {
        PressEnd::Nothing
    } else if if finger.is_some() { is_tap(start, end) } else { is_click(start, end) } {
        PressEnd::Click
    } else {
        PressEnd::Moved
    }
}

/// The release (or cancel) `event` of a [`Gesture::Press`] begun at `start`: how it ends (see
/// [`press_end`]), the same in both plots; a quick swipe's finger leaves the page gliding on
/// (see [`glide`]).
pub fn release_press(
    start: (f64, f64),
    finger: Option<FingerScroll>,
    inside: bool,
    event: &PointerEvent,
    cancelled: bool,
) -> PressEnd {
    if let Some(finger) = finger.filter(|_| !cancelled) {
        glide(finger.release_speed(event.time_stamp()));
    }
    press_end(start, finger, inside, offset(event), cancelled)
}

/// Whether the release `event` of a [`Gesture::Repeat`] begun at `start` deletes its point: a
/// second press that slid away (a drag or a swipe begun within the double-tap time) deletes
/// nothing (a touch review: it deleted the point all the same), nor does a cancelled one.
pub fn repeat_deletes(start: (f64, f64), event: &PointerEvent, cancelled: bool) -> bool {
    !cancelled && is_tap(start, offset(event))
}

/// Follows a move of the pointer pressing empty space (`gesture` a [`Gesture::Press`]):
/// scrolls the page with a finger, see [`FingerScroll`].
pub fn scroll_with_finger(gesture: &mut Gesture, event: &PointerEvent) {
    if let Gesture::Press { pointer, finger: Some(finger), .. } = gesture {
        if *pointer == event.pointer_id() {
            let by = finger.scroll_for(f64::from(event.client_y()), event.time_stamp());
            if by != 0.0 {
                if let Some(window) = web_sys::window() {
                    window.scroll_by_with_x_and_y(0.0, by);
                }
            }
        }
    }
}

/// A press on point `index` that becomes a drag once the pointer travels past the click slop.
/// `geometry` is the mapping when it began: the pointer keeps using it even if the view grows
/// to follow a point pulled past the edge (otherwise the mapping would run away). The point
/// keeps its offset from the pointer: pressed a little beside its centre (a fingertip may land
/// 20 px away), it moves with the pointer instead of jumping under it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DragGesture {
    /// The pressed point.
    pub index: usize,
    /// The pointer pressing it.
    pub pointer: i32,
    /// Where the press began (CSS pixels).
    pub start: (f64, f64),
    /// The point's centre minus the press position (CSS pixels).
    pub grab: (f64, f64),
    /// Where the point was when pressed (data coordinates).
    pub origin: (f64, f64),
    /// Whether the pointer has left the click slop.
    pub moved: bool,
    /// The mapping from CSS pixels to data.
    pub geometry: PlotGeometry,
}

impl DragGesture {
    /// A press at `start` on point `index`, which sits at `point` (data coordinates).
    pub fn new(index: usize, pointer: i32, start: (f64, f64), geometry: PlotGeometry, point: (f64, f64)) -> Self {
        let (px, py) = geometry.area.to_pixel(point.0, point.1);
        let grab = (px / geometry.ratio - start.0, py / geometry.ratio - start.1);
        // A point drawn beyond the plot's edge (or a degenerate mapping) gives no useful offset.
        let grab = if grab.0.is_finite() && grab.1.is_finite() { grab } else { (0.0, 0.0) };
        DragGesture { index, pointer, start, grab, origin: point, moved: false, geometry }
    }

    /// Follows a plot redrawn during the drag: its data rectangle stays the one the drag began
    /// with (were it to follow the view that grows after a point pulled past the edge, the
    /// mapping would run away), laid on the plot's new pixels and pixel ratio (the window
    /// resized, presentation mode switched: the old pixels no longer say where the pointer
    /// is).
    pub fn relayout(&mut self, new: PlotGeometry) {
        let old = self.geometry.area;
        let area = PlotArea { x_min: old.x_min, x_max: old.x_max, y_min: old.y_min, y_max: old.y_max, ..new.area };
        self.geometry = PlotGeometry { area, ratio: new.ratio };
    }

    /// Follows a move: the data position the point goes to, or `None` when the event is
    /// another pointer's or the pointer is still within the click slop.
    pub fn follow(&mut self, event: &PointerEvent) -> Option<(f64, f64)> {
        self.follow_to(event.pointer_id(), offset(event))
    }

    /// [`follow`](Self::follow) for pointer `pointer` at `css` (CSS pixels).
    pub fn follow_to(&mut self, pointer: i32, css: (f64, f64)) -> Option<(f64, f64)> {
        if self.pointer != pointer {
            return None;
        }
        if !self.moved && is_click(self.start, css) {
            return None;
        }
        self.moved = true;
        let (x, y) = self.geometry.data_at((css.0 + self.grab.0, css.1 + self.grab.1));
        // A coordinate the pointer has not moved along keeps its value: a straight vertical
        // drag leaves x as it was, rather than rounded to the pixel (9.8096 became 9.81).
        let keep = |moved: f64, now: f64, was: f64| if moved == 0.0 { was } else { now };
        Some((keep(css.0 - self.start.0, x, self.origin.0), keep(css.1 - self.start.1, y, self.origin.1)))
    }
}

/// Keeps a plot's newly drawn mapping for hit-testing, and hands it to a drag in progress
/// (see [`DragGesture::relayout`]).
pub fn store_geometry(geometry: &RefCell<Option<PlotGeometry>>, gesture: &RefCell<Option<Gesture>>, new: PlotGeometry) {
    if let Some(Gesture::Drag(drag)) = gesture.borrow_mut().as_mut() {
        drag.relayout(new);
    }
    *geometry.borrow_mut() = Some(new);
}

/// A mouse moving over a plot without dragging: a grab hand over a point it could drag (the
/// press's 12 px reach), the plot's own cursor elsewhere (the style sheet's: a crosshair, as a
/// click adds a point; a copy arrow while placing). Touch and pens have no hover.
///
/// (Called only while no gesture is under way, so no button is down. It sets an attribute the
/// style sheet reads, through the browser call the plots already make: setting the style
/// itself took four more imported calls, 0.9 KB of compressed WebAssembly.)
pub fn hover_cursor(event: &PointerEvent, geometry: Option<PlotGeometry>, points: impl Iterator<Item = (f64, f64)>) {
    if event.pointer_type() != "mouse" {
        return;
    }
    let Some(canvas) = event.target_dyn_into::<HtmlCanvasElement>() else { return };
    let over_point = geometry.is_some_and(|geo| geo.hit(points, offset(event), 12.0).is_some());
    let _ = canvas.set_attribute("data-over-point", if over_point { "true" } else { "false" });
}

/// A pointer event's position relative to its target, in CSS pixels.
pub fn offset(event: &MouseEvent) -> (f64, f64) {
    (f64::from(event.offset_x()), f64::from(event.offset_y()))
}

/// Writes the plotting area (CSS pixels, relative to the canvas) and the data rectangle on an
/// interactive canvas as `data-plot-left/top/right/bottom` and `data-x-min/x-max/y-min/y-max`,
/// for tests and tools that need to aim at a data point (a public contract, see README).
pub fn publish_geometry(node: &NodeRef, area: &PlotArea, ratio: f64) {
    let Some(canvas) = node.cast::<HtmlCanvasElement>() else { return };
    let css = |v: f64| (v / ratio).to_string();
    for (name, value) in [
        ("data-plot-left", css(area.left)),
        ("data-plot-top", css(area.top)),
        ("data-plot-right", css(area.right)),
        ("data-plot-bottom", css(area.bottom)),
        ("data-x-min", area.x_min.to_string()),
        ("data-x-max", area.x_max.to_string()),
        ("data-y-min", area.y_min.to_string()),
        ("data-y-max", area.y_max.to_string()),
    ] {
        let _ = canvas.set_attribute(name, &value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_press_on_empty_space_adds_clears_or_does_nothing_when_released() {
        let finger = |scrolling| Some(FingerScroll { scrolling, ..FingerScroll::at(0.0, 0.0) });
        let (start, near, far) = ((10.0, 10.0), (11.0, 12.0), (30.0, 10.0));
        assert_eq!(press_end(start, None, true, near, false), PressEnd::Click);
        assert_eq!(press_end(start, finger(false), true, near, false), PressEnd::Click, "a tap");
        assert_eq!(press_end(start, None, true, far, false), PressEnd::Moved);
        assert_eq!(press_end(start, finger(false), true, far, false), PressEnd::Moved, "a sideways slide");
        let jitter = (16.0, 13.0);
        assert_eq!(press_end(start, finger(false), true, jitter, false), PressEnd::Click, "a fingertip's 7 px");
        assert_eq!(press_end(start, None, true, jitter, false), PressEnd::Moved, "a mouse's 7 px");
        assert_eq!(press_end(start, finger(true), true, near, false), PressEnd::Nothing, "a scroll");
        assert_eq!(press_end(start, finger(false), false, near, false), PressEnd::Nothing, "on the axes' labels");
        assert_eq!(press_end(start, None, true, near, true), PressEnd::Nothing, "cancelled");
    }

    #[test]
    fn a_finger_on_empty_space_scrolls_the_page_by_its_movement_once_past_the_click_slop() {
        let mut finger = FingerScroll::at(500.0, 0.0);
        // A tap's jitter (up to 10 px) neither scrolls nor stops the tap from adding a point.
        assert_eq!(finger.scroll_for(502.0, 16.0), 0.0);
        assert_eq!(finger.scroll_for(507.0, 20.0), 0.0);
        assert!(!finger.scrolling);
        // Past the slop: the finger moved up 30 px, so the page scrolls down 30 px.
        assert_eq!(finger.scroll_for(470.0, 32.0), 30.0);
        assert!(finger.scrolling);
        // From then on every move scrolls, however small; down moves scroll back up.
        assert_eq!(finger.scroll_for(471.0, 48.0), -1.0);
        assert_eq!(finger.scroll_for(521.0, 64.0), -50.0);
    }

    #[test]
    fn a_quick_swipe_glides_on_and_slows_down_a_slow_or_resting_one_does_not() {
        // 20 px up every 16 ms: 1.25 px/ms down the page.
        let mut finger = FingerScroll::at(500.0, 0.0);
        for step in 1..=6 {
            finger.scroll_for(500.0 - 20.0 * f64::from(step), 16.0 * f64::from(step));
        }
        let speed = finger.release_speed(100.0);
        assert!((speed - 1.25).abs() < 0.01, "{speed}");
        assert_eq!(finger.release_speed(96.0 + 150.0), 0.0, "the finger rested before lifting");
        let mut slow = FingerScroll::at(500.0, 0.0);
        slow.scroll_for(490.0, 100.0);
        assert_eq!(slow.release_speed(110.0), 0.0, "0.1 px/ms is a slow swipe");
        assert_eq!(FingerScroll::at(500.0, 0.0).release_speed(10.0), 0.0, "a tap");
        // The glide slows down exponentially; its steps add up to speed · 325 ms, however the
        // frames fall.
        let (mut total, mut v) = (0.0, 1.25);
        for elapsed in [16.0, 17.0, 33.0, 16.0, 50.0].iter().cycle().take(200) {
            let (by, after) = glide_step(v, *elapsed);
            assert!(by > 0.0 && after < v);
            (total, v) = (total + by, after);
        }
        assert!((total - 1.25 * GLIDE_DECAY_MS).abs() < 1e-3, "{total}");
        assert_eq!(glide_step(-1.0, 16.0).0.signum(), -1.0, "up the page");
    }

    #[test]
    fn hit_testing_works_in_css_pixels_at_any_ratio() {
        let area = PlotArea {
            left: 0.0,
            right: 100.0,
            top: 0.0,
            bottom: 100.0,
            x_min: 0.0,
            x_max: 10.0,
            y_min: 0.0,
            y_max: 1.0,
        };
        let geo = PlotGeometry { area, ratio: 2.0 };
        let points = [(5.0, 0.0), (5.0, 1.0)];
        // y = 1 sits at the top (pixel 0), y = 0 at the bottom (pixel 100 = 50 CSS px).
        assert_eq!(geo.hit(points.into_iter(), (25.0, 1.0), 4.0), Some(1));
        assert_eq!(geo.hit(points.into_iter(), (25.0, 49.0), 4.0), Some(0));
        assert_eq!(geo.hit(points.into_iter(), (25.0, 25.0), 4.0), None);
        assert_eq!(geo.data_at((25.0, 25.0)), (5.0, 0.5));
        assert!(geo.contains((49.0, 49.0)) && !geo.contains((51.0, 10.0)));
    }

    /// Data [0, 10] × [0, 10] on 200 × 200 backend pixels at ratio 2 (100 CSS px a side).
    fn ten_by_ten() -> PlotGeometry {
        let area = PlotArea {
            left: 0.0,
            right: 200.0,
            top: 0.0,
            bottom: 200.0,
            x_min: 0.0,
            x_max: 10.0,
            y_min: 0.0,
            y_max: 10.0,
        };
        PlotGeometry { area, ratio: 2.0 }
    }

    #[test]
    fn a_dragged_point_keeps_its_offset_from_the_pointer() {
        let geo = ten_by_ten();
        // The point (5, 5) sits at CSS (50, 50); the press lands 15 px right of it and 5 above.
        let mut drag = DragGesture::new(0, 7, (65.0, 45.0), geo, (5.0, 5.0));
        assert_eq!(drag.follow_to(7, (66.0, 46.0)), None, "within the click slop");
        assert_eq!(drag.follow_to(8, (95.0, 25.0)), None, "another pointer");
        // 30 px right and 20 up: the point goes to CSS (80, 30), i.e. (8, 7), not to (9.5, 7.5).
        assert_eq!(drag.follow_to(7, (95.0, 25.0)), Some((8.0, 7.0)));
        assert!(drag.moved);
        // Pressed on the centre, the point follows the pointer exactly.
        let mut centred = DragGesture::new(0, 1, (50.0, 50.0), geo, (5.0, 5.0));
        assert_eq!(centred.follow_to(1, (70.0, 40.0)), Some((7.0, 6.0)));
    }

    #[test]
    fn a_straight_drag_keeps_the_coordinate_it_does_not_move_along() {
        let geo = ten_by_ten();
        // A point between pixels: straight up, its x stays 5.0123 (not rounded to 5.01).
        let mut drag = DragGesture::new(0, 1, (50.0, 50.0), geo, (5.0123, 4.9876));
        let (x, y) = drag.follow_to(1, (50.0, 20.0)).unwrap();
        assert_eq!(x, 5.0123);
        assert_ne!(y, 4.9876);
        // Sideways, y stays.
        let (x, y) = drag.follow_to(1, (80.0, 50.0)).unwrap();
        assert_eq!(y, 4.9876);
        assert_ne!(x, 5.0123);
    }

    #[test]
    fn a_drag_follows_a_resized_plot_but_not_a_growing_view() {
        let geo = ten_by_ten();
        let area = geo.area;
        let gesture = RefCell::new(Some(Gesture::Drag(DragGesture::new(0, 1, (50.0, 50.0), geo, (5.0, 5.0)))));
        let stored = RefCell::new(None);
        let follow = |css| match gesture.borrow_mut().as_mut() {
            Some(Gesture::Drag(drag)) => drag.follow_to(1, css),
            _ => None,
        };
        assert_eq!(follow((50.0, 30.0)), Some((5.0, 7.0)));
        // The window grows during the drag: the same data in a plot twice as large.
        let larger = PlotGeometry { area: PlotArea { right: 400.0, bottom: 400.0, ..area }, ratio: 2.0 };
        store_geometry(&stored, &gesture, larger);
        assert_eq!(*stored.borrow(), Some(larger));
        assert_eq!(follow((100.0, 60.0)), Some((5.0, 7.0)), "the pointer's place in the new plot");
        // The view grows to follow the point (new data rectangle): the drag keeps its mapping.
        let grown = PlotGeometry { area: PlotArea { y_max: 20.0, ..larger.area }, ratio: 2.0 };
        store_geometry(&stored, &gesture, grown);
        assert_eq!(*stored.borrow(), Some(grown));
        assert_eq!(follow((100.0, 60.0)), Some((5.0, 7.0)));
        // Then the window shrinks: the drag's own data rectangle on the new pixels.
        let smaller = PlotGeometry { area: PlotArea { right: 100.0, bottom: 100.0, ..grown.area }, ratio: 1.0 };
        store_geometry(&stored, &gesture, smaller);
        assert_eq!(follow((50.0, 30.0)), Some((5.0, 7.0)));
    }

    #[test]
    fn a_second_press_near_and_soon_is_a_double_click() {
        let click = LastClick { index: 3, at: (100.0, 50.0), time: 1000.0 };
        assert_eq!(click.second_press((110.0, 50.0), 1300.0, 12.0, 5, Some(3)), Some(3));
        assert_eq!(click.second_press((110.0, 50.0), 1300.0, 12.0, 5, None), Some(3), "the point moved away (a flip)");
        assert_eq!(click.second_press((110.0, 50.0), 1300.0, 12.0, 5, Some(4)), None, "on a neighbour");
        assert_eq!(click.second_press((115.0, 50.0), 1300.0, 12.0, 5, None), None, "beyond a mouse's reach");
        assert_eq!(click.second_press((115.0, 50.0), 1300.0, 22.0, 5, None), Some(3), "within a finger's");
        assert_eq!(click.second_press((100.0, 50.0), 1600.0, 12.0, 5, None), None, "too late");
        assert_eq!(click.second_press((100.0, 50.0), 1300.0, 12.0, 3, None), None, "the point is gone");
    }

    #[test]
    fn a_second_pointer_does_not_take_over_a_gesture() {
        let captured = |id: i32| id == 1;
        // No drag: any press starts a gesture (also a finger while another rests elsewhere, or
        // while a palm rests on the plot).
        assert!(!press_ignored(None, 2, captured));
        // Finger 1 drags (and holds the capture): a palm (pointer 2) is left alone.
        assert!(press_ignored(Some(1), 2, captured));
        // A gesture whose pointer lost its capture (its release went astray) gives way.
        assert!(!press_ignored(Some(3), 2, captured));
        // The same pointer pressing again (a missed release) starts anew.
        assert!(!press_ignored(Some(1), 1, captured));
    }

    #[test]
    fn pointer_positions_map_to_short_decimals_within_half_a_pixel() {
        // 719 CSS pixels for x in [-0.74, 10.5]: 0.0156 per pixel, half a pixel 0.0078, so steps
        // of 0.001; 448 for y in [-0.64, 21.3]: 0.049 per pixel, so steps of 0.01.
        let area = PlotArea {
            left: 0.0,
            right: 719.0,
            top: 0.0,
            bottom: 448.0,
            x_min: -0.74,
            x_max: 10.5,
            y_min: -0.64,
            y_max: 21.3,
        };
        for ratio in [1.0, 2.0] {
            let area = PlotArea { right: area.right * ratio, bottom: area.bottom * ratio, ..area };
            let geo = PlotGeometry { area, ratio };
            for i in 0..200 {
                let css = (3.3 * f64::from(i) % 719.0, 2.7 * f64::from(i) % 448.0);
                let (x, y) = geo.data_at(css);
                let (ex, ey) = area.to_data(css.0 * ratio, css.1 * ratio);
                let (px, py) = area.to_pixel(x, y);
                assert!((px / ratio - css.0).abs() <= 0.5 && (py / ratio - css.1).abs() <= 0.5, "{css:?} → {x}, {y}");
                assert!((x - ex).abs() <= 0.00051 && (y - ey).abs() <= 0.0051, "{x} vs {ex}, {y} vs {ey}");
                for (v, most) in [(x, 3), (y, 2)] {
                    let text = v.to_string();
                    let decimals = text.split('.').nth(1).map_or(0, str::len);
                    assert!(decimals <= most, "{text} has more than {most} decimals");
                }
            }
        }
        // Coarse scales round to whole tens; nothing is rounded where the scale is undefined.
        assert_eq!(round_decimal(1234.5, 25.0), 1230.0);
        assert_eq!(round_decimal(0.123456789, 0.0004), 0.1235);
        assert_eq!(round_decimal(7.77, 0.0), 7.77);
        assert_eq!(round_decimal(-0.0004, 0.001).to_string(), "0", "no negative zero");
        assert!(round_decimal(f64::NAN, 1.0).is_nan());
    }
}
