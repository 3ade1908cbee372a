//! Whether a panel should draw now: always at rest, and during a drag only while on screen.
//!
//! During a drag every panel's data layer would be redrawn on every frame; on a laptop screen
//! most panels are below the fold, where that work (and the browser's compositing of each
//! changed canvas) buys nothing. A panel drawn with [`use_on_screen`] in its drawing effect's
//! dependencies skips drawing while off screen during a drag, and draws the current data as
//! soon as it scrolls into view or the drag ends (the hook's value changes, which re-runs the
//! effect). So at rest every panel is current, and printing needs no drawing of its own:
//! Chromium printed a canvas redrawn from `beforeprint` as an opaque blank, hiding the axes
//! layer under it.

use super::hooks::{use_effect_with, use_state};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry};
use yew::prelude::*;

/// `true` unless a drag is in progress (`dragging`) and the element behind `node` is off
/// screen. An element that cannot be observed counts as on screen.
#[hook]
pub fn use_on_screen(node: NodeRef, dragging: bool) -> bool {
    let on_screen = use_state(|| true);
    {
        let handle = on_screen.clone();
        use_effect_with(node, move |node| {
            let on_entries = handle.clone();
            let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                // The newest entry tells the current state.
                if let Some(entry) = entries.iter().last().and_then(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
                {
                    // Set only on a change: each set re-renders the panel.
                    let visible = entry.is_intersecting();
                    if *on_entries != visible {
                        on_entries.set(visible);
                    }
                }
            });
            let observer = IntersectionObserver::new(callback.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(element)) = (&observer, node.cast::<web_sys::Element>()) {
                observer.observe(&element);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(callback);
            }
        });
    }
    *on_screen || !dragging
}
