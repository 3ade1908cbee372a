//! Buttons that load the built-in data sets.

use super::callbacks::send;
use crate::presets::Preset;
use yew::prelude::*;

/// Arguments of [`preset_bar`].
pub struct PresetBarProps {
    /// Load a preset.
    pub on_preset: Callback<Preset>,
    /// Restore the starting data and settings.
    pub on_reset: Callback<MouseEvent>,
    /// Whether the article's data is being fetched.
    pub loading: bool,
    /// In an embedded copy: open the full app (see [`open_full_button`]).
    pub open_full: Option<Callback<MouseEvent>>,
}

/// An embedded copy's "Open in LossLab ↗" button, the last item of the data-set row: pushed to
/// the row's right end, it takes a row of its own only when the buttons leave no room (a
/// button above the lab cost a 600×450 frame a row; one held in a reserved corner squeezed
/// every row of buttons in a narrow frame).
pub fn open_full_button(open_full: &Option<Callback<MouseEvent>>) -> Html {
    match open_full {
        Some(onclick) => html! {
            <button type="button" class="open-full" onclick={onclick.clone()} data-testid="open-full">{ "Open in LossLab ↗" }</button>
        },
        None => html! {},
    }
}

/// The preset buttons.
///
/// A function, not a component: as a component it cost about 1.2 KB of WebAssembly in Yew's
/// machinery, to save re-rendering six buttons.
pub fn preset_bar(props: &PresetBarProps) -> Html {
    let buttons = Preset::ALL.iter().map(|&preset| {
        let onclick = send::<MouseEvent, _>(&props.on_preset, preset);
        let busy = preset == Preset::Article && props.loading;
        html! {
            <button type="button" class="preset" {onclick} data-testid={format!("preset-{}", preset.id())}
                disabled={busy} aria-busy={busy.to_string()} key={preset.id()}>
                { if busy { "Loading…" } else { preset.label() } }
            </button>
        }
    });
    let on_reset = props.on_reset.clone();
    html! {
        <div class="preset-bar" role="group" aria-label="Data sets">
            <span class="preset-label">{ "Data:" }</span>
            { for buttons }
            <button type="button" class="preset secondary" onclick={on_reset} data-testid="preset-reset"
                        title="The opening data set and settings (Undo brings back what you had)">{ "Reset" }</button>
            { open_full_button(&props.open_full) }
        </div>
    }
}
