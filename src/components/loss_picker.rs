//! Choosing the emphasised loss, showing or hiding each fitted line, and setting δ and τ.

use super::callbacks::{send, undo_if_scrolled};
use super::markup::loss_row;
use crate::format::setting;
use crate::state::regression::RegressionAction;
use crate::theme::{loss_css_color, loss_dasharray, Palette};
use losslab_core::numerics::regression::{LossKind, LossParams};
use web_sys::{HtmlInputElement, KeyboardEvent};
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

/// δ's stops for Page Up / Page Down: a teacher with a clicker jumps between them.
const DELTA_STOPS: [f64; 9] = [0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0];

/// δ after a key press on its slider, or `None` for a key the slider handles itself (Home,
/// End) or ignores. The slider's own arrow step (one of 1000 on the log scale, 0.6 %) takes a
/// dozen presses to move δ visibly: an arrow moves it by about 10 % instead, to two
/// significant digits (1 → 1.1 → 1.2, 1.35 → 1.5), Page Up / Page Down to the next of
/// 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20. Always within 0.05 – 20, and always a change unless
/// at the end of the range.
pub fn delta_after_key(key: &str, delta: f64) -> Option<f64> {
    let (lo, hi) = DELTA_RANGE;
    let next = match key {
        "ArrowUp" | "ArrowRight" => {
            let step = two_digits_step(delta * 1.1);
            ((delta * 1.1 / step).round() * step).max(((delta / step).floor() + 1.0) * step)
        }
        "ArrowDown" | "ArrowLeft" => {
            let step = two_digits_step(delta / 1.1);
            ((delta / 1.1 / step).round() * step).min(((delta / step).ceil() - 1.0) * step)
        }
        "PageUp" => DELTA_STOPS.into_iter().find(|&stop| stop > delta * (1.0 + 1e-9)).unwrap_or(hi),
        "PageDown" => DELTA_STOPS.into_iter().rev().find(|&stop| stop < delta * (1.0 - 1e-9)).unwrap_or(lo),
        _ => return None,
    };
    // Rounding through a power of ten leaves float noise (1.2000000000000002): print and
    // keep the short decimal.
    Some(crate::format::round_decimal(next, two_digits_step(next)).clamp(lo, hi))
}

/// The place of the second significant digit of `v` (> 0): 0.1 for 1.35, 0.01 for 0.35.
fn two_digits_step(v: f64) -> f64 {
    10f64.powi(crate::format::exponent(v) - 1)
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
    let on_delta_key = {
        let on_action = props.on_action.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.alt_key() || event.ctrl_key() || event.meta_key() {
                return;
            }
            if let Some(next) = delta_after_key(&event.key(), delta) {
                event.prevent_default();
                on_action.emit(RegressionAction::SetDelta(next));
            }
        })
    };
    let on_tau = props.on_action.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        RegressionAction::SetTau((input.value_as_number() * 100.0).round() / 100.0)
    });

    html! {
        <fieldset class="panel loss-picker" data-testid="loss-picker">
            <legend>{ "Loss" }</legend>
            <ul class="loss-list">{ for rows }</ul>
            <div class="slider">
                // The shown number is hidden from screen readers: an `output` is a live region
                // (every step of a slider was read twice), and inside the label it made the
                // number part of the slider's name; `aria-valuetext` says it once.
                <label for="delta-slider">{ "Huber δ" }<output aria-hidden="true" data-testid="delta-value" data-value={delta.to_string()}>{ setting(delta) }</output></label>
                <input id="delta-slider" type="range" min="0" max="1000" step="1"
                    value={delta_to_slider(delta).to_string()} oninput={on_delta} onkeydown={on_delta_key}
                    onpointerdown={delta_guard.clone()} onpointercancel={delta_guard}
                    data-testid="delta-slider" aria-valuetext={format!("δ = {}", setting(delta))} />
                <span class="hint">{ "log scale, 0.05 – 20 (arrow keys ±10%, Page Up/Down: 0.1, 0.2, 0.5, 1, 2, 5 …); also used by pseudo-Huber" }</span>
            </div>
            <div class="slider">
                <label for="tau-slider">{ "Quantile τ" }<output aria-hidden="true" data-testid="tau-value" data-value={tau.to_string()}>{ setting(tau) }</output></label>
                <input id="tau-slider" type="range" min="0.05" max="0.95" step="0.01"
                    value={tau.to_string()} oninput={on_tau}
                    onpointerdown={tau_guard.clone()} onpointercancel={tau_guard}
                    data-testid="tau-slider" aria-valuetext={format!("τ = {}", setting(tau))} />
                <span class="hint">{ "the line sits above a fraction τ of the points: 0.5 is the median line (MAE's), 0.9 runs among the top ones" }</span>
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
    fn delta_keys_move_by_about_ten_percent_or_to_the_next_stop() {
        let walk = |key: &str, from: f64, presses: usize| {
            (0..presses)
                .scan(from, |d, _| {
                    *d = delta_after_key(key, *d).unwrap();
                    Some(*d)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(walk("ArrowUp", 1.0, 5), [1.1, 1.2, 1.3, 1.4, 1.5]);
        assert_eq!(walk("ArrowRight", 1.35, 2), [1.5, 1.7]);
        assert_eq!(walk("ArrowDown", 1.0, 3), [0.91, 0.83, 0.75]);
        assert_eq!(walk("ArrowUp", 9.5, 3), [10.0, 11.0, 12.0]);
        assert_eq!(walk("PageUp", 1.0, 3), [2.0, 5.0, 10.0]);
        assert_eq!(walk("PageDown", 1.35, 3), [1.0, 0.5, 0.2]);
        assert_eq!(walk("ArrowUp", 19.0, 2), [20.0, 20.0]);
        assert_eq!(walk("ArrowDown", 0.055, 2), [0.05, 0.05]);
        assert_eq!(walk("PageDown", 0.07, 1), [0.05]);
        assert_eq!(delta_after_key("Home", 1.0), None);
        // From anywhere in the range: a change within it (until its end), by at most ~15 %.
        for position in 0..=1000 {
            let delta = slider_to_delta(f64::from(position));
            for key in ["ArrowUp", "ArrowDown"] {
                let next = delta_after_key(key, delta).unwrap();
                assert!((0.05..=20.0).contains(&next), "{key} from {delta}: {next}");
                if (key == "ArrowUp" && delta < 20.0) || (key == "ArrowDown" && delta > 0.05) {
                    assert_ne!(next, delta, "{key} from {delta}");
                    assert!((next / delta).ln().abs() < 0.16, "{key} from {delta}: {next}");
                }
                let digits = format!("{next}").chars().filter(char::is_ascii_digit).skip_while(|&c| c == '0').count();
                assert!(digits <= 2, "two significant digits at most: {next}");
            }
        }
    }

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
