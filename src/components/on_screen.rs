//! Whether an element is on screen, so panels below the fold skip their per-frame drawing.
//!
//! During a drag every panel's data layer would be redrawn on every frame; on a laptop screen
//! most panels are below the fold, where that work (and the browser's compositing of each
//! changed canvas) buys nothing. A panel drawn with [`use_on_screen`] in its drawing effect's
//! dependencies skips drawing while off screen and draws the current data as soon as it
//! scrolls into view (the hook's state change re-runs the effect). Printing lays out every
//! panel without scrolling, so before a print every panel counts as on screen.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry};
use yew::prelude::*;

/// `true` while the element behind `node` intersects the viewport, and from a `beforeprint`
/// event until the observer reports the element's place again after the print. Starts `true`,
/// so the first render draws everything; an element that cannot be observed counts as on
/// screen.
#[hook]
pub fn use_on_screen(node: NodeRef) -> bool {
    let on_screen = use_state_eq(|| true);
    {
        let set = on_screen.setter();
        use_effect_with(node, move |node| {
            let on_entries = set.clone();
            let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                // The newest entry tells the current state.
                if let Some(entry) = entries.iter().last().and_then(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
                {
                    on_entries.set(entry.is_intersecting());
                }
            });
            let observer = IntersectionObserver::new(callback.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(element)) = (&observer, node.cast::<web_sys::Element>()) {
                observer.observe(&element);
            }
            // Before a print every panel draws; after it, observing anew makes the observer
            // report where the element really is (it reports changes only).
            let print = web_sys::window().map(|window| {
                let set = set.clone();
                let before = gloo::events::EventListener::new(&window, "beforeprint", move |_| set.set(true));
                let (observer, element) = (observer.clone(), node.cast::<web_sys::Element>());
                let after = gloo::events::EventListener::new(&window, "afterprint", move |_| {
                    if let (Some(observer), Some(element)) = (&observer, &element) {
                        observer.unobserve(element);
                        observer.observe(element);
                    }
                });
                (before, after)
            });
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(callback);
                drop(print);
            }
        });
    }
    *on_screen
}
