//! The message area: refused input (links, files, values) and notes about the data.

use crate::state::Notice;
use yew::prelude::*;

/// Arguments of [`notice_banner`].
pub struct NoticeBannerProps {
    /// The message, if any.
    pub notice: Option<Notice>,
    /// Dismiss it.
    pub on_dismiss: Callback<MouseEvent>,
}

/// Shows the current message with a dismiss button. An error (`data-testid="input-error"`) is
/// the text of a `role="alert"` element, so screen readers announce it; other messages
/// (`input-note`) are the text of a status region that is always on the page (a live region
/// added together with its text is not read by every screen reader). In both the dismiss
/// button sits beside the live region, not in it, so "Dismiss message" is not read out with
/// every message.
///
/// A function, not a component: the app passes it a new callback on every render, so memoising it
/// as a component would buy nothing (and each component costs about 1.2 KB of WebAssembly in Yew's
/// machinery).
pub fn notice_banner(props: &NoticeBannerProps) -> Html {
    let dismiss = || {
        let onclick = props.on_dismiss.clone();
        html! { <button type="button" class="dismiss" {onclick} aria-label="Dismiss message">{ "×" }</button> }
    };
    // The status region is the first `div`'s `span`, the same element from one message to the
    // next: both cases keep the same elements in the same places, so Yew only updates their
    // class and text. Yew pairs old and new children from the end of a list, so the empty case
    // keeps a placeholder where the dismiss button goes (with one child fewer, the button would
    // be paired with the old `span` and the region made anew). One literal class per case (see
    // `markup`: a class that is not a literal costs code).
    let empty_status = || {
        html! { <div class="notice-area"><span class="notice-text" role="status"></span>{ Html::default() }</div> }
    };
    let (info, error) = match &props.notice {
        Some(notice) if notice.is_error => (
            empty_status(),
            html! {
                <div class="notice error" data-testid="input-error">
                    <span class="notice-text" role="alert">{ notice.text.clone() }</span>
                    { dismiss() }
                </div>
            },
        ),
        Some(notice) => (
            html! {
                <div class="notice info" data-testid="input-note">
                    <span class="notice-text" role="status">{ notice.text.clone() }</span>
                    { dismiss() }
                </div>
            },
            html! {},
        ),
        None => (empty_status(), html! {}),
    };
    html! {
        <>
            { info }
            { error }
        </>
    }
}
