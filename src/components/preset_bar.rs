//! Buttons that load the built-in data sets.

use crate::presets::Preset;
use yew::prelude::*;

/// Properties of [`PresetBar`].
#[derive(Properties, PartialEq)]
pub struct PresetBarProps {
    /// Load a preset.
    pub on_preset: Callback<Preset>,
    /// Restore the starting data and settings.
    pub on_reset: Callback<()>,
    /// Whether the article's data is being fetched.
    pub loading: bool,
}

/// The preset buttons.
#[component]
pub fn PresetBar(props: &PresetBarProps) -> Html {
    let buttons = Preset::ALL.iter().map(|&preset| {
        let onclick = props.on_preset.reform(move |_: MouseEvent| preset);
        let busy = preset == Preset::Article && props.loading;
        html! {
            <button type="button" class="preset" {onclick} data-testid={format!("preset-{}", preset.id())}
                disabled={busy} aria-busy={busy.to_string()} key={preset.id()}>
                { if busy { "Loading…" } else { preset.label() } }
            </button>
        }
    });
    let on_reset = props.on_reset.reform(|_: MouseEvent| ());
    html! {
        <div class="preset-bar" role="group" aria-label="Data sets">
            <span class="preset-label">{ "Data:" }</span>
            { for buttons }
            <button type="button" class="preset secondary" onclick={on_reset} data-testid="preset-reset">{ "Reset" }</button>
        </div>
    }
}
