//! Choosing the emphasised loss, showing or hiding each fitted line, and setting δ and τ.

use super::callbacks::{send, undo_if_scrolled};
use super::markup::loss_row;
use crate::state::regression::RegressionAction;
use crate::theme::{loss_css_color, loss_dasharray, Palette};
use losslab_core::numerics::regression::{LossKind, LossParams};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// δ slider range (log scale).
const DELTA_RANGE: (f64, f64) = (0.05, 20.0);
/// Slider steps across the δ range.
const DELTA_STEPS: f64 = 1000.0;

/// Slider position (0..=1000) of δ on the log scale.
pub fn delta_to_slider(delta: f64) -> f64 {
    let (lo, hi) = DELTA_RANGE;
    ((delta.clamp(lo, hi) / lo).ln() / (hi / lo).ln() * DELTA_STEPS).round()
}

/// δ at a slider position, rounded to 3 significant digits so links stay short.
pub fn slider_to_delta(position: f64) -> f64 {
    let (lo, hi) = DELTA_RANGE;
    let raw = lo * (hi / lo).powf(position.clamp(0.0, DELTA_STEPS) / DELTA_STEPS);
    let digits = 10f64.powi(2 - raw.log10().floor() as i32);
    (raw * digits).round() / digits
}

/// Properties of [`LossPicker`].
#[derive(Properties, PartialEq)]
pub struct LossPickerProps {
    /// The emphasised loss.
    pub picked: LossKind,
    /// δ and τ.
    pub params: LossParams,
    /// Losses whose lines are hidden.
    pub hidden: Vec<LossKind>,
    /// Colours.
    pub palette: Palette,
    /// Where changes go.
    pub on_action: Callback<RegressionAction>,
}

/// A line sample in the loss's colour and dash pattern, for the legend.
pub fn swatch(kind: LossKind, palette: &Palette, emphasized: bool) -> Html {
    let width = if emphasized { "4" } else { "2.5" };
    html! {
        <svg class="swatch" width="36" height="12" viewBox="0 0 36 12" aria-hidden="true">
            <line x1="1" y1="6" x2="35" y2="6" stroke={loss_css_color(kind, palette)} stroke-width={width}
                stroke-dasharray={loss_dasharray(kind)} />
        </svg>
    }
}

/// The loss picker with legend, visibility toggles and parameter sliders.
#[component]
pub fn LossPicker(props: &LossPickerProps) -> Html {
    let rows = LossKind::ALL.iter().map(|&kind| {
        let picked = kind == props.picked;
        let visible = !props.hidden.contains(&kind);
        let onchange = send::<Event, _>(&props.on_action, RegressionAction::Pick(kind));
        let ontoggle = send::<Event, _>(&props.on_action, RegressionAction::ToggleLine(kind));
        let id = kind.id();
        let contents = html! {
            <>
                <label class="loss-choice">
                    <input type="radio" name="loss" value={id} checked={picked} {onchange}
                        data-testid={format!("pick-{id}")} accesskey={shortcut(kind)} />
                    { swatch(kind, &props.palette, picked) }
                    <span class="loss-name">{ kind.label() }</span>
                    <kbd class="shortcut" aria-hidden="true">{ shortcut(kind) }</kbd>
                </label>
                <label class="show-line" title={format!("Show the {} line", kind.label())}>
                    <input type="checkbox" checked={visible} disabled={picked} onchange={ontoggle}
                        data-testid={format!("show-{id}")} aria-label={format!("Show the {} line", kind.label())} />
                    <span aria-hidden="true">{ "show" }</span>
                </label>
            </>
        };
        loss_row(id, picked, contents)
    });

    let delta = props.params.delta.get();
    let tau = props.params.tau.get();
    let on_delta = props.on_action.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        RegressionAction::SetDelta(slider_to_delta(input.value_as_number()))
    });
    // A finger scrolling the page from a slider leaves δ and τ as they were.
    let delta_guard = undo_if_scrolled(&props.on_action, RegressionAction::SetDelta(delta));
    let tau_guard = undo_if_scrolled(&props.on_action, RegressionAction::SetTau(tau));
    let on_tau = props.on_action.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        RegressionAction::SetTau((input.value_as_number() * 100.0).round() / 100.0)
    });

    html! {
        <fieldset class="panel loss-picker" data-testid="loss-picker">
            <legend>{ "Loss" }</legend>
            <ul class="loss-list">{ for rows }</ul>
            <div class="slider">
                <label for="delta-slider">{ "Huber δ" }<output data-testid="delta-value">{ format!("{delta}") }</output></label>
                <input id="delta-slider" type="range" min="0" max="1000" step="1"
                    value={delta_to_slider(delta).to_string()} oninput={on_delta}
                    onpointerdown={delta_guard.clone()} onpointercancel={delta_guard}
                    data-testid="delta-slider" aria-valuetext={format!("δ = {delta}")} />
                <span class="hint">{ "log scale, 0.05 – 20; also used by pseudo-Huber" }</span>
            </div>
            <div class="slider">
                <label for="tau-slider">{ "Quantile τ" }<output data-testid="tau-value">{ format!("{tau}") }</output></label>
                <input id="tau-slider" type="range" min="0.05" max="0.95" step="0.01"
                    value={tau.to_string()} oninput={on_tau}
                    onpointerdown={tau_guard.clone()} onpointercancel={tau_guard}
                    data-testid="tau-slider" aria-valuetext={format!("τ = {tau}")} />
                <span class="hint">{ "the line sits above a fraction τ of the points" }</span>
            </div>
        </fieldset>
    }
}

/// The number key that picks a loss (1–6).
pub fn shortcut(kind: LossKind) -> &'static str {
    ["1", "2", "3", "4", "5", "6"][kind.index()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_slider_is_log_scaled_and_round_trips() {
        assert_eq!(slider_to_delta(0.0), 0.05);
        assert_eq!(slider_to_delta(1000.0), 20.0);
        assert_eq!(delta_to_slider(1.0), 500.0);
        assert!((slider_to_delta(500.0) - 1.0).abs() < 0.01);
        for position in [0.0, 123.0, 500.0, 777.0, 1000.0] {
            let delta = slider_to_delta(position);
            assert!((delta_to_slider(delta) - position).abs() <= 2.0, "{position} → {delta}");
        }
    }
}
