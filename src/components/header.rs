//! The page header: name, screen tabs, and the view controls.

use crate::state::{Action, ThemeChoice};
use losslab_core::io::hash::Mode;
use yew::prelude::*;

/// Properties of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The screen shown.
    pub mode: Mode,
    /// Presentation mode.
    pub present: bool,
    /// Colour scheme.
    pub theme: ThemeChoice,
    /// Whether the dark palette is in use (for the toggle's label).
    pub dark: bool,
    /// Where changes go.
    pub dispatch: Callback<Action>,
    /// Copy the link to this state.
    pub on_copy_link: Callback<()>,
}

/// The header bar.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let tab = |mode: Mode, label: &'static str| {
        let current = props.mode == mode;
        let onclick = props.dispatch.reform(move |_: MouseEvent| Action::SetMode(mode));
        html! {
            <button type="button" role="tab" class={classes!("tab", current.then_some("current"))}
                aria-selected={current.to_string()} {onclick} data-testid={format!("tab-{}", mode.id())}>
                { label }
            </button>
        }
    };
    let present = props.present;
    let on_present = props.dispatch.reform(move |_: MouseEvent| Action::SetPresent(!present));
    let next_theme = if props.dark { ThemeChoice::Light } else { ThemeChoice::Dark };
    let on_theme = props.dispatch.reform(move |_: MouseEvent| Action::SetTheme(next_theme));
    let on_copy = props.on_copy_link.reform(|_: MouseEvent| ());
    html! {
        <header class="app-header">
            <div class="brand">
                <span class="logo" aria-hidden="true">{ "◠" }</span>
                <h1>{ "LossLab" }</h1>
                <span class="tagline">{ "drag the points, watch the losses react" }</span>
            </div>
            <nav role="tablist" aria-label="Labs">
                { tab(Mode::Regression, "Regression") }
                { tab(Mode::Classification, "Classification") }
                { tab(Mode::Article, "From the article") }
            </nav>
            <div class="view-controls">
                <button type="button" onclick={on_copy} data-testid="copy-link">{ "Copy link" }</button>
                <button type="button" onclick={on_present} aria-pressed={present.to_string()} data-testid="present-toggle">
                    { "Present" }
                </button>
                if present {
                    <button type="button" onclick={Callback::from(|_: MouseEvent| crate::browser::toggle_fullscreen())}
                        data-testid="fullscreen">{ "Full screen" }</button>
                }
                <button type="button" onclick={on_theme} data-testid="theme-toggle"
                    aria-label={if props.dark { "Switch to light colours" } else { "Switch to dark colours" }}>
                    { if props.dark { "Light" } else { "Dark" } }
                </button>
            </div>
        </header>
    }
}
