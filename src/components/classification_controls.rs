//! Choosing the emphasised binary loss and setting focal γ, focal α and the L2 strength λ.

use super::callbacks::{send, undo_if_scrolled};
use super::markup::loss_row;
use crate::charts::classification::{binary_loss_css_color, binary_loss_dasharray};
use crate::format::setting;
use crate::state::classification::{
    BinaryLossKind, ClassificationAction, DEFAULT_ALPHA, GAMMA_SLIDER_MAX, GAMMA_STOPS, L2_LADDER,
};
use crate::theme::Palette;
use losslab_core::numerics::classification::{FocalParams, L2Penalty};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Arguments of [`classification_controls`].
pub struct ClassificationControlsProps {
    /// The emphasised loss.
    pub picked: BinaryLossKind,
    /// Focal γ and α.
    pub focal: FocalParams,
    /// The L2 strength.
    pub l2: L2Penalty,
    /// Colours (legend swatches).
    pub palette: Palette,
    /// Where changes go.
    pub on_action: Callback<ClassificationAction>,
}

/// A line sample in a binary loss's colour and dash pattern, for legends.
pub fn binary_swatch(kind: BinaryLossKind, palette: &Palette, emphasized: bool) -> Html {
    let width = if emphasized { "4" } else { "2.5" };
    html! {
        <svg class="swatch" width="36" height="12" viewBox="0 0 36 12" aria-hidden="true">
            <line x1="1" y1="6" x2="35" y2="6" stroke={binary_loss_css_color(kind, palette)} stroke-width={width}
                stroke-dasharray={binary_loss_dasharray(kind)} />
        </svg>
    }
}

/// The slider position of λ: the index of the nearest value on the ladder (on a log scale,
/// with 0 its own stop).
pub fn l2_to_slider(lambda: f64) -> usize {
    if lambda <= 0.0 {
        return 0;
    }
    L2_LADDER
        .iter()
        .enumerate()
        .skip(1)
        .min_by(|a, b| (a.1.ln() - lambda.ln()).abs().total_cmp(&(b.1.ln() - lambda.ln()).abs()))
        .map_or(0, |(i, _)| i)
}

/// The λ for a move of the slider to position `index` from the position of `lambda`. A λ off
/// the ladder (from a link, e.g. 0.05) sits at its nearest stop; a one-step move then goes to
/// the next stop below or above λ itself, not from that stop (← from 0.05 gives 0.03, not 0.01).
pub fn l2_from_slider(lambda: f64, index: usize) -> f64 {
    let index = index.min(L2_LADDER.len() - 1);
    let from = l2_to_slider(lambda);
    if index + 1 == from {
        L2_LADDER.iter().rev().copied().find(|&v| v < lambda).unwrap_or(L2_LADDER[index])
    } else if index == from + 1 {
        L2_LADDER.iter().copied().find(|&v| v > lambda).unwrap_or(L2_LADDER[index])
    } else {
        L2_LADDER[index]
    }
}

/// A one-line description of each loss, shown under its name.
fn summary(kind: BinaryLossKind) -> &'static str {
    match kind {
        BinaryLossKind::Bce => "−log p of the true class",
        BinaryLossKind::Focal => "α_t·(1 − p)^γ·BCE: easy points fade",
        BinaryLossKind::Hinge => "max(0, 1 − margin): no loss once confident",
    }
}

/// Each loss's name and summary as a screen reader should say them: the summaries' formulas
/// read as "alpha underscore t dot …".
fn spoken(kind: BinaryLossKind) -> &'static str {
    match kind {
        BinaryLossKind::Bce => "BCE: minus log of the probability of the true class",
        BinaryLossKind::Focal => "Focal: BCE scaled down as a point's probability nears 1, so easy points fade",
        BinaryLossKind::Hinge => "Hinge: no loss once the margin reaches 1",
    }
}

/// The loss picker and the γ, α and λ sliders.
///
/// A function, not a component: the lab passes it a new callback on every render, so memoising it
/// as a component would buy nothing (and each component costs about 1.2 KB of WebAssembly in Yew's
/// machinery).
pub fn classification_controls(props: &ClassificationControlsProps) -> Html {
    let rows = BinaryLossKind::ALL.iter().map(|&kind| {
        let picked = kind == props.picked;
        let onchange = send::<Event, _>(&props.on_action, ClassificationAction::Pick(kind));
        let id = kind.id();
        let contents = html! {
            <label class="loss-choice">
                <input type="radio" name="binary-loss" value={id} checked={picked} {onchange} data-testid={format!("pick-{id}")} aria-label={spoken(kind)} />
                { binary_swatch(kind, &props.palette, picked) }
                <span class="loss-name">{ kind.label() }</span>
                <span class="loss-summary">{ summary(kind) }</span>
            </label>
        };
        loss_row(id, picked, contents)
    });

    let gamma = props.focal.gamma();
    let alpha = props.focal.alpha();
    let lambda = props.l2.lambda();
    // A finger scrolling the page from a slider leaves γ, α and λ as they were.
    let gamma_guard = undo_if_scrolled(&props.on_action, ClassificationAction::SetGamma(gamma));
    let alpha_guard = undo_if_scrolled(&props.on_action, ClassificationAction::SetAlpha(alpha));
    let l2_guard = undo_if_scrolled(&props.on_action, ClassificationAction::SetL2(lambda));
    let on_gamma = props.on_action.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        ClassificationAction::SetGamma((input.value_as_number() * 10.0).round() / 10.0)
    });
    let stops = GAMMA_STOPS.iter().map(|&stop| {
        let onclick = send::<MouseEvent, _>(&props.on_action, ClassificationAction::SetGamma(stop));
        html! {
            <button type="button" class="stop" {onclick} aria-pressed={(stop == gamma).to_string()}
                data-testid={format!("gamma-stop-{stop}")}>{ stop.to_string() }</button>
        }
    });
    let on_alpha = props.on_action.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        ClassificationAction::SetAlpha(Some((input.value_as_number() * 100.0).round() / 100.0))
    });
    let on_alpha_toggle = props.on_action.reform(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        ClassificationAction::SetAlpha(input.checked().then_some(alpha.unwrap_or(DEFAULT_ALPHA)))
    });
    let on_l2 = props.on_action.reform(move |e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let index = input.value_as_number();
        let index = if index.is_finite() { index.round().clamp(0.0, (L2_LADDER.len() - 1) as f64) as usize } else { 0 };
        ClassificationAction::SetL2(l2_from_slider(lambda, index))
    });
    // The α slider is dimmed while α is off; one literal class per case (see `markup`).
    let alpha_value = alpha.unwrap_or(DEFAULT_ALPHA).to_string();
    let alpha_valuetext = match alpha {
        Some(a) => format!("α = {}", setting(a)),
        None => "α off".to_string(),
    };
    macro_rules! alpha_slider {
        ($($class:tt)*) => {
            html! {
                <input id="alpha-slider" type="range" min="0" max="1" step="0.05" value={alpha_value}
                    oninput={on_alpha} onpointerdown={alpha_guard.clone()} onpointercancel={alpha_guard} $($class)* data-testid="alpha-slider" aria-valuetext={alpha_valuetext} />
            }
        };
    }
    let alpha_slider = if alpha.is_none() { alpha_slider!(class = "inactive") } else { alpha_slider!() };
    let alpha_text = match alpha {
        Some(a) => setting(a),
        None => "off".to_string(),
    };

    html! {
        <fieldset class="panel loss-picker classification-controls" data-testid="classification-controls">
            <legend>{ "Loss" }</legend>
            <ul class="loss-list">{ for rows }</ul>
            <div class="slider">
                <label for="gamma-slider">{ "Focal γ" }<output aria-hidden="true" data-testid="gamma-value" data-value={gamma.to_string()}>{ setting(gamma) }</output></label>
                <input id="gamma-slider" type="range" min="0" max={GAMMA_SLIDER_MAX.to_string()} step="0.1" list="gamma-stops"
                    value={gamma.min(GAMMA_SLIDER_MAX).to_string()} oninput={on_gamma}
                    onpointerdown={gamma_guard.clone()} onpointercancel={gamma_guard}
                    data-testid="gamma-slider" aria-valuetext={format!("γ = {}", setting(gamma))} />
                <datalist id="gamma-stops">
                    { for GAMMA_STOPS.iter().map(|s| html! { <option value={s.to_string()}></option> }) }
                </datalist>
                <div class="stops" role="group" aria-label="γ of the focal-loss paper's figure">{ for stops }</div>
                <span class="hint">{ "γ = 0 is BCE (α-weighted while α is on); the larger γ, the more well-classified points are discounted" }</span>
            </div>
            <div class="slider">
                <label for="alpha-slider">
                    { "Focal α" }
                    <output aria-hidden="true" data-testid="alpha-value" data-value={alpha.map_or("none".to_string(), |a| a.to_string())}>{ alpha_text }</output>
                </label>
                // The switch comes before the slider it enables, in the page's order and the
                // Tab order alike.
                <label class="check">
                    // A short name, the explanation as its description (a 40-word name was read
                    // out on every visit).
                    <input type="checkbox" checked={alpha.is_some()} onchange={on_alpha_toggle} data-testid="alpha-toggle"
                        aria-label="Weight the classes (focal α)" aria-describedby="alpha-help" />
                    <span id="alpha-help">{ " weight the classes: α for label 1, 1 − α for label 0 (off: both 1); α above 0.5 weights label 1 more; it starts at the focal-loss paper's 0.25, which weights it less" }</span>
                </label>
                { alpha_slider }
            </div>
            <div class="slider">
                <label for="l2-slider">{ "L2 penalty λ" }<output aria-hidden="true" data-testid="l2-value" data-value={lambda.to_string()}>{ setting(lambda) }</output></label>
                <input id="l2-slider" type="range" min="0" max={(L2_LADDER.len() - 1).to_string()} step="1"
                    value={l2_to_slider(lambda).to_string()} oninput={on_l2}
                    onpointerdown={l2_guard.clone()} onpointercancel={l2_guard}
                    data-testid="l2-slider" aria-valuetext={format!("λ = {}", setting(lambda))} />
                <span class="hint">{ "0, 0.001 … 1 (steps); every fit adds (λ/2)·w²; with λ = 0 separable classes have no best line (BCE, focal) or many (hinge)" }</span>
            </div>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_l2_slider_snaps_to_the_nearest_step() {
        assert_eq!(l2_to_slider(0.0), 0);
        assert_eq!(L2_LADDER[l2_to_slider(0.01)], 0.01);
        assert_eq!(L2_LADDER[l2_to_slider(0.012)], 0.01);
        assert_eq!(L2_LADDER[l2_to_slider(50.0)], 1.0);
        assert_eq!(L2_LADDER[l2_to_slider(1e-9)], 0.001);
    }

    #[test]
    fn a_step_from_a_lambda_off_the_ladder_goes_to_the_next_stop_from_lambda() {
        // 0.05 sits at the 0.03 stop (nearest on a log scale).
        let at = l2_to_slider(0.05);
        assert_eq!(L2_LADDER[at], 0.03);
        assert_eq!(l2_from_slider(0.05, at - 1), 0.03, "one step down");
        assert_eq!(l2_from_slider(0.05, at + 1), 0.1, "one step up");
        assert_eq!(l2_from_slider(0.05, 0), 0.0, "a jump goes where it points");
        // On the ladder a step is a step.
        for (i, &v) in L2_LADDER.iter().enumerate() {
            if i > 0 {
                assert_eq!(l2_from_slider(v, i - 1), L2_LADDER[i - 1]);
            }
            if i + 1 < L2_LADDER.len() {
                assert_eq!(l2_from_slider(v, i + 1), L2_LADDER[i + 1]);
            }
        }
    }
}
