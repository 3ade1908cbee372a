//! The message area: refused input (links, files, values) and notes about the data.

use crate::state::Notice;
use yew::prelude::*;

/// Properties of [`NoticeBanner`].
#[derive(Properties, PartialEq)]
pub struct NoticeBannerProps {
    /// The message, if any.
    pub notice: Option<Notice>,
    /// Dismiss it.
    pub on_dismiss: Callback<()>,
}

/// Shows the current message with a dismiss button. Errors carry `data-testid="input-error"`
/// and `role="alert"`, so screen readers announce them.
#[component]
pub fn NoticeBanner(props: &NoticeBannerProps) -> Html {
    let Some(notice) = &props.notice else { return html! {} };
    let onclick = props.on_dismiss.reform(|_: MouseEvent| ());
    let (class, testid, role) =
        if notice.is_error { ("notice error", "input-error", "alert") } else { ("notice info", "input-note", "status") };
    html! {
        <div class={class} data-testid={testid} role={role}>
            <span class="notice-text">{ notice.text.clone() }</span>
            <button type="button" class="dismiss" {onclick} aria-label="Dismiss message">{ "×" }</button>
        </div>
    }
}
