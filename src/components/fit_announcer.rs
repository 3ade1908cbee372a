//! A polite live region that tells screen-reader users how the fits changed after an edit.
//! It waits until the text has been stable for a moment, so a drag is announced once, at its
//! end, not on every frame.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// Milliseconds the summary must stay unchanged before it is announced.
const SETTLE_MS: u32 = 900;

/// Properties of [`FitAnnouncer`].
#[derive(Properties, PartialEq)]
pub struct FitAnnouncerProps {
    /// The current summary of the fits.
    pub text: AttrValue,
}

/// The live region.
#[component]
pub fn FitAnnouncer(props: &FitAnnouncerProps) -> Html {
    let announced = use_state(|| props.text.clone());
    {
        let announced = announced.clone();
        use_effect_with(props.text.clone(), move |text| {
            let text = text.clone();
            // Dropping the timeout (on the next change) cancels it: only a settled text is read.
            let timeout = Timeout::new(SETTLE_MS, move || announced.set(text));
            move || drop(timeout)
        });
    }
    html! {
        <div class="visually-hidden" role="status" aria-live="polite" data-testid="fit-announcer">{ (*announced).clone() }</div>
    }
}
