//! A polite live region that tells screen-reader users how the fits changed after an edit.
//! It waits until the text has been stable for a moment, so a drag is announced once, at its
//! end, not on every frame.
//!
//! A hook and a render function rather than a component: as a component it cost about
//! 1.2 KB of WebAssembly in Yew's machinery. The lab that uses it re-renders once more when
//! the text settles (once per edit, never during a drag).

use super::hooks::{use_effect_with, use_state};
use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// Milliseconds the summary must stay unchanged before it is announced.
const SETTLE_MS: u32 = 600;

/// The text to announce: `text` once it has stayed the same for [`SETTLE_MS`].
#[hook]
pub fn use_settled_text(text: AttrValue) -> AttrValue {
    let announced = use_state(|| text.clone());
    {
        let announced = announced.clone();
        use_effect_with(text, move |text| {
            let text = text.clone();
            // Dropping the timeout (on the next change) cancels it: only a settled text is read.
            let timeout = Timeout::new(SETTLE_MS, move || announced.set(text));
            move || drop(timeout)
        });
    }
    (*announced).clone()
}

/// The live region, reading `announced` (from [`use_settled_text`]).
pub fn fit_announcer(announced: AttrValue) -> Html {
    html! {
        <div class="visually-hidden" role="status" aria-live="polite" data-testid="fit-announcer">{ announced }</div>
    }
}
