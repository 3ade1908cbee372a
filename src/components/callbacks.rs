//! Callbacks shared by the components.

use std::cell::RefCell;
use std::rc::Rc;
use yew::Callback;

/// A callback that sends `action` to `to`, whatever the event.
///
/// Every `reform` closure is its own type, with its own code, vtable and drop glue in the
/// WebAssembly; the buttons, radios and checkboxes that send a fixed action share this one
/// closure type per pair of event and action types instead.
pub fn send<E: 'static, A: Clone + 'static>(to: &Callback<A>, action: A) -> Callback<E> {
    let to = to.clone();
    Callback::from(move |_: E| to.emit(action.clone()))
}

/// A pointer pressed on a slider: its id and what puts back the value the slider had then.
type SliderPress = (i32, Rc<dyn Fn()>);

thread_local! {
    /// The last few pointers pressed on a slider.
    static SLIDER_PRESSES: RefCell<Vec<SliderPress>> = const { RefCell::new(Vec::new()) };
}

/// The `pointerdown` and `pointercancel` handler of a parameter slider, which undoes the change
/// made by a touch that turns out to be a page scroll.
///
/// Chromium moves a range input to the finger as soon as it lands (an `input` event at touch
/// start), so a student scrolling the page with a finger that happens to start on a slider
/// used to change δ, τ, γ, α or λ. The browser sends `pointercancel` once it takes the touch
/// for scrolling: `current` is the action that sets the value the slider had at
/// `pointerdown`, and it is sent again then (for that pointer only: two fingers on two sliders
/// each put back their own). A tap or a sideways drag ends with `pointerup` and keeps its new
/// value.
pub fn undo_if_scrolled<A: Clone + 'static>(to: &Callback<A>, current: A) -> Callback<web_sys::PointerEvent> {
    let to = to.clone();
    restore_if_scrolled(Rc::new(move || to.emit(current.clone())))
}

/// [`undo_if_scrolled`]'s handler, compiled once for both labs' action types: `restore` puts
/// back the value the slider had.
fn restore_if_scrolled(restore: Rc<dyn Fn()>) -> Callback<web_sys::PointerEvent> {
    Callback::from(move |event: web_sys::PointerEvent| {
        let pointer = event.pointer_id();
        let mut presses = SLIDER_PRESSES.take();
        let earlier = presses.iter().position(|(id, _)| *id == pointer).map(|i| presses.remove(i));
        if event.type_() == "pointercancel" {
            SLIDER_PRESSES.set(presses);
            // Called once the list is back in place: sending must not find it taken.
            if let Some((_, restore)) = earlier {
                restore();
            }
        } else {
            // Only the last few presses can still be cancelled; older ones ended long ago.
            if presses.len() >= 4 {
                drop(presses.remove(0));
            }
            presses.push((pointer, restore.clone()));
            SLIDER_PRESSES.set(presses);
        }
    })
}
