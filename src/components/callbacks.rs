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
