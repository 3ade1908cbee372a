//! Callbacks shared by the components.

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

thread_local! {
    /// What puts back the slider value a touch found, from its `pointerdown` until the next.
    static RESTORE_SLIDER: std::cell::Cell<Option<Box<dyn Fn()>>> = const { std::cell::Cell::new(None) };
}

/// The `pointerdown` and `pointercancel` handler of a parameter slider, which undoes the change
/// made by a touch that turns out to be a page scroll.
///
/// Chromium moves a range input to the finger as soon as it lands (an `input` event at touch
/// start), so a student scrolling the page with a finger that happens to start on a slider
/// used to change δ, τ, γ, α or λ. The browser sends `pointercancel` once it takes the touch
/// for scrolling: `current` is the action that sets the value the slider had at
/// `pointerdown`, and it is sent again then. A tap or a sideways drag ends with `pointerup`
/// and keeps its new value.
pub fn undo_if_scrolled<A: Clone + 'static>(to: &Callback<A>, current: A) -> Callback<web_sys::PointerEvent> {
    let to = to.clone();
    Callback::from(move |event: web_sys::PointerEvent| {
        if event.type_() == "pointercancel" {
            // Taken out first: sending may render, and a render must not find the cell busy.
            if let Some(restore) = RESTORE_SLIDER.take() {
                restore();
            }
        } else {
            let (to, current) = (to.clone(), current.clone());
            RESTORE_SLIDER.set(Some(Box::new(move || to.emit(current.clone()))));
        }
    })
}
