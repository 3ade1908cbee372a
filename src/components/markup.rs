//! Small markup helpers shared by the components.
//!
//! Every `html!` element is compiled inline where it is written, so markup repeated across
//! components costs its code once per copy. Elements that recur (toolbar buttons, …) are
//! built here instead: each helper's `html!` is compiled once and every use is a call.
//!
//! Classes are literals throughout the app, one element per case where a class varies:
//! `html!` turns a class that is not a literal into `Classes`, a hashed set of names, whose
//! code cost about 2.6 KB of compressed WebAssembly (and a hashing per element per render).

use yew::prelude::*;
use yew::virtual_dom::Key;

/// A table row holding `cells`, highlighted (`class="picked"`) when `picked`.
pub fn table_row(key: impl Into<Key>, picked: bool, cells: Html) -> Html {
    let key = key.into();
    if picked {
        html! { <tr class="picked" {key}>{ cells }</tr> }
    } else {
        html! { <tr {key}>{ cells }</tr> }
    }
}

/// A row of a loss list (`li.loss-row`) holding `contents`, highlighted when `picked`.
pub fn loss_row(key: &'static str, picked: bool, contents: Html) -> Html {
    if picked {
        html! { <li class="loss-row picked" {key}>{ contents }</li> }
    } else {
        html! { <li class="loss-row" {key}>{ contents }</li> }
    }
}

/// A toolbar button: `<button type="button">` with a click handler, a test id, and, when
/// given, a keyboard shortcut (`aria-keyshortcuts`) and an accessible name (`aria-label`).
pub fn tool_button(
    label: &'static str,
    testid: &'static str,
    onclick: Callback<MouseEvent>,
    disabled: bool,
    keyshortcuts: Option<&'static str>,
    aria_label: Option<&'static str>,
) -> Html {
    // Unavailable, not `disabled`: a disabled button drops the keyboard focus to the page's
    // start (pressing "Delete point" or the last "Undo" would lose the user's place), while
    // `aria-disabled` keeps it focusable and read as unavailable; its click does nothing.
    let onclick = (!disabled).then_some(onclick);
    html! {
        <button type="button" {onclick} aria-disabled={disabled.then_some("true")} data-testid={testid}
            aria-keyshortcuts={keyshortcuts} aria-label={aria_label}>{ label }</button>
    }
}
