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

/// Shows the current message with a dismiss button. Errors carry `data-testid="input-error"`
/// and `role="alert"`, so screen readers announce them.
///
/// A function, not a component: the app passes it a new callback on every render, so memoising it
/// as a component would buy nothing (and each component costs about 1.2 KB of WebAssembly in Yew's
/// machinery).
pub fn notice_banner(props: &NoticeBannerProps) -> Html {
    let Some(notice) = &props.notice else { return html! {} };
    let onclick = props.on_dismiss.clone();
    let contents = html! {
        <>
            <span class="notice-text">{ notice.text.clone() }</span>
            <button type="button" class="dismiss" {onclick} aria-label="Dismiss message">{ "×" }</button>
        </>
    };
    // One literal class per case (see `markup`: a class that is not a literal costs code).
    if notice.is_error {
        html! { <div class="notice error" data-testid="input-error" role="alert">{ contents }</div> }
    } else {
        html! { <div class="notice info" data-testid="input-note" role="status">{ contents }</div> }
    }
}
