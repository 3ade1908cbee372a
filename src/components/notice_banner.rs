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
/// and `role="alert"`, so screen readers announce them; other messages (`input-note`) appear
/// inside a status region that is always on the page, since a live region added together
/// with its text is not read by every screen reader.
///
/// A function, not a component: the app passes it a new callback on every render, so memoising it
/// as a component would buy nothing (and each component costs about 1.2 KB of WebAssembly in Yew's
/// machinery).
pub fn notice_banner(props: &NoticeBannerProps) -> Html {
    let contents = |text: &str| {
        let onclick = props.on_dismiss.clone();
        html! {
            <>
                <span class="notice-text">{ text.to_string() }</span>
                <button type="button" class="dismiss" {onclick} aria-label="Dismiss message">{ "×" }</button>
            </>
        }
    };
    // The status region comes first and is always there: the same element from one message
    // to the next. One literal class per case (see `markup`: a class that is not a literal
    // costs code).
    let (info, error) = match &props.notice {
        Some(notice) if notice.is_error => (
            html! {},
            html! { <div class="notice error" data-testid="input-error" role="alert">{ contents(&notice.text) }</div> },
        ),
        Some(notice) => {
            (html! { <div class="notice info" data-testid="input-note">{ contents(&notice.text) }</div> }, html! {})
        }
        None => (html! {}, html! {}),
    };
    html! {
        <>
            <div class="notice-area" role="status">{ info }</div>
            { error }
        </>
    }
}
