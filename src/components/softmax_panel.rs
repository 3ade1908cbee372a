//! Categorical cross-entropy on three classes: the student drags three logits (or focuses a
//! bar and uses the arrow keys) and sees the softmax probabilities and the loss of the true
//! class, −log p_true = logsumexp(z) − z_true, update live.
//!
//! A hook that returns the panel's markup, rather than a component: the panel re-renders
//! with its lab on every frame of a drag anyway, so being a component bought no skipped
//! renders, and each component costs about 1.2 KB of WebAssembly in Yew's machinery. Its
//! canvases are drawn by effects of the calling component, with the same dependencies.

use super::callbacks::send;
use super::hooks::{use_effect_with, use_mut_ref, use_node_ref, use_state};
use super::markup::table_row;
use crate::charts::softmax::{draw_class_bar_axes, draw_class_bar_data, ClassBarScene};
use crate::format::{apart_from, human, term_of};
use crate::state::classification::{ClassificationAction, SoftmaxState, LOGIT_LIMIT};
use crate::theme::Palette;
use losslab_core::numerics::classification::{
    categorical_cross_entropy, categorical_cross_entropy_gradient, log_sum_exp, softmax, CLASS_COUNT,
};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent, PointerEvent};
use yew::prelude::*;

/// Arguments of [`use_softmax_panel`].
pub struct SoftmaxPanelProps {
    /// The logits and the true class.
    pub softmax: SoftmaxState,
    /// Where changes go.
    pub on_action: Callback<ClassificationAction>,
    /// Colours.
    pub palette: Palette,
    /// Presentation zoom.
    pub zoom: f64,
    /// Changes on window resize.
    pub layout_epoch: u32,
}

/// The logit axis.
const LOGIT_RANGE: (f64, f64) = (-LOGIT_LIMIT, LOGIT_LIMIT);
/// The probability axis.
const PROBABILITY_RANGE: (f64, f64) = (0.0, 1.0);

/// Where the logit columns lie over the chart, in CSS pixels: (left, width) of each column,
/// and the plotting area's top and height.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Columns {
    columns: [(f64, f64); CLASS_COUNT],
    top: f64,
    height: f64,
}

/// The logit under a pointer `offset_y` CSS pixels below the top of a handle `height` tall,
/// rounded to 0.05 so readouts and links stay short.
fn logit_at(offset_y: f64, height: f64) -> f64 {
    let (lo, hi) = LOGIT_RANGE;
    let fraction = if height > 0.0 { (offset_y / height).clamp(0.0, 1.0) } else { 0.5 };
    ((hi - fraction * (hi - lo)) * 20.0).round() / 20.0
}

/// The new logit for a key press on a bar: arrows ±0.1 (Shift ±1), PageUp/PageDown ±1,
/// Home/End the limits.
fn key_logit(key: &str, shift: bool, value: f64) -> Option<f64> {
    let step = if shift { 1.0 } else { 0.1 };
    let next = match key {
        "ArrowUp" | "ArrowRight" => value + step,
        "ArrowDown" | "ArrowLeft" => value - step,
        "PageUp" => value + 1.0,
        "PageDown" => value - 1.0,
        "Home" => LOGIT_RANGE.0,
        "End" => LOGIT_RANGE.1,
        _ => return None,
    };
    Some(((next * 100.0).round() / 100.0).clamp(LOGIT_RANGE.0, LOGIT_RANGE.1))
}

/// The categorical cross-entropy panel.
#[hook]
pub fn use_softmax_panel(props: &SoftmaxPanelProps) -> Html {
    let logit_axes = use_node_ref();
    let logit_data = use_node_ref();
    let prob_axes = use_node_ref();
    let prob_data = use_node_ref();
    let columns = use_state(|| None::<Columns>);
    let dragging = use_mut_ref(|| None::<(usize, i32)>);
    let zoom = props.zoom;
    let logits = props.softmax.logits;
    let true_class = props.softmax.true_class;
    let probabilities = softmax(&logits);
    let loss = categorical_cross_entropy(&logits, true_class).unwrap_or(f64::NAN);
    let gradient = categorical_cross_entropy_gradient(&logits, true_class).unwrap_or([f64::NAN; CLASS_COUNT]);
    let lse = log_sum_exp(&logits);

    {
        let (logit_axes, prob_axes, columns) = (logit_axes.clone(), prob_axes.clone(), columns.clone());
        use_effect_with((props.palette, zoom.to_bits(), props.layout_epoch), move |&(palette, _, _)| {
            let drawn = crate::canvas::draw_axes_layer(&logit_axes, zoom, palette, |root, style| {
                draw_class_bar_axes(root, LOGIT_RANGE, "logit z", style)
            });
            crate::canvas::draw_axes_layer(&prob_axes, zoom, palette, |root, style| {
                draw_class_bar_axes(root, PROBABILITY_RANGE, "softmax p", style)
            });
            if let Some((area, ratio)) = drawn {
                let unit = (area.right - area.left) / ratio / CLASS_COUNT as f64;
                let left = area.left / ratio;
                let next = Columns {
                    columns: [0, 1, 2].map(|k| (left + unit * k as f64, unit)),
                    top: area.top / ratio,
                    height: (area.bottom - area.top) / ratio,
                };
                if *columns != Some(next) {
                    columns.set(Some(next));
                }
            }
        });
    }
    {
        let (logit_axes, logit_data, prob_axes, prob_data) =
            (logit_axes.clone(), logit_data.clone(), prob_axes.clone(), prob_data.clone());
        let deps = (logits.map(f64::to_bits), true_class, props.palette, zoom.to_bits(), props.layout_epoch);
        use_effect_with(deps, move |&(_, true_class, palette, _, _)| {
            let scene = ClassBarScene { values: &logits, y_range: LOGIT_RANGE, outlined: Some(true_class) };
            crate::canvas::draw_data_layer(&logit_data, &logit_axes, zoom, palette, |root, style| {
                draw_class_bar_data(root, &scene, style)
            });
            let probabilities = softmax(&logits);
            let scene =
                ClassBarScene { values: &probabilities, y_range: PROBABILITY_RANGE, outlined: Some(true_class) };
            crate::canvas::draw_data_layer(&prob_data, &prob_axes, zoom, palette, |root, style| {
                draw_class_bar_data(root, &scene, style)
            });
        });
    }

    let handles = columns.map(|geometry| {
        (0..CLASS_COUNT).map(move |class| {
            let (left, width) = geometry.columns[class];
            let style = format!("left:{left}px;top:{}px;width:{width}px;height:{}px", geometry.top, geometry.height);
            let height = geometry.height;
            let onpointerdown = {
                let (dragging, on_action) = (dragging.clone(), props.on_action.clone());
                Callback::from(move |event: PointerEvent| {
                    if event.button() != 0 {
                        return;
                    }
                    // The handle itself (it has no children), so the cast needs no check.
                    if let Some(target) = event.target().map(|t| t.unchecked_into::<HtmlElement>()) {
                        let _ = target.set_pointer_capture(event.pointer_id());
                        let _ = target.focus();
                    }
                    event.prevent_default();
                    *dragging.borrow_mut() = Some((class, event.pointer_id()));
                    on_action.emit(ClassificationAction::SetLogit {
                        class,
                        value: logit_at(f64::from(event.offset_y()), height),
                    });
                })
            };
            let onpointermove = {
                let (dragging, on_action) = (dragging.clone(), props.on_action.clone());
                Callback::from(move |event: PointerEvent| {
                    if *dragging.borrow() == Some((class, event.pointer_id())) {
                        on_action.emit(ClassificationAction::SetLogit {
                            class,
                            value: logit_at(f64::from(event.offset_y()), height),
                        });
                    }
                })
            };
            let onpointerup = {
                let dragging = dragging.clone();
                Callback::from(move |_: PointerEvent| *dragging.borrow_mut() = None)
            };
            let onkeydown = {
                let (on_action, value) = (props.on_action.clone(), logits[class]);
                Callback::from(move |event: KeyboardEvent| {
                    if let Some(value) = key_logit(&event.key(), event.shift_key(), value) {
                        event.prevent_default();
                        on_action.emit(ClassificationAction::SetLogit { class, value });
                    }
                })
            };
            html! {
                <div class="logit-handle" role="slider" tabindex="0" style={style} key={class}
                    aria-label={format!("logit of class {class}")}
                    aria-valuemin={LOGIT_RANGE.0.to_string()} aria-valuemax={LOGIT_RANGE.1.to_string()}
                    aria-valuenow={logits[class].to_string()} aria-orientation="vertical"
                    aria-valuetext={format!("{}: probability {}, loss {}", human(logits[class]), apart_from(probabilities[class], 1.0), human(loss))}
                    data-testid={format!("logit-handle-{class}")}
                    onpointerdown={onpointerdown} onpointermove={onpointermove.clone()}
                    onpointerup={onpointerup.clone()} onpointercancel={onpointerup} {onkeydown}></div>
            }
        })
    });

    let class_choice = (0..CLASS_COUNT).map(|class| {
        let onchange = send::<Event, _>(&props.on_action, ClassificationAction::SetTrueClass(class));
        html! {
            <label class="class-choice" key={class}>
                <input type="radio" name="true-class" checked={class == true_class} {onchange} data-testid={format!("true-class-{class}")} />
                { format!(" class {class}") }
            </label>
        }
    });
    let readouts = (0..CLASS_COUNT).map(|class| {
        // The gradient pᵢ − yᵢ with the digits that tell it from ∓1, as p's are told from 1: a
        // p of 0.9999998 had the gradient "1" beside it, though the two are the same number.
        let gradient_text = apart_from(gradient[class], if class == true_class { -1.0 } else { 1.0 });
        let cells = html! {
            <>
                <th scope="row">{ format!("class {class}") }</th>
                <td data-testid={format!("logit-{class}")} data-value={logits[class].to_string()}>{ human(logits[class]) }</td>
                <td data-testid={format!("softmax-p-{class}")} data-value={probabilities[class].to_string()}>{ apart_from(probabilities[class], 1.0) }</td>
                <td data-testid={format!("cce-gradient-{class}")} data-value={gradient[class].to_string()}>{ gradient_text }</td>
            </>
        };
        table_row(class, class == true_class, cells)
    });
    let z_true = logits[true_class];

    html! {
        // Focusable by script (tabindex −1): the article's softmax button moves the focus here.
        <section class="panel panel-wide softmax-panel" data-testid="softmax-panel" tabindex="-1">
            <h2>{ "Categorical cross-entropy: three classes" }</h2>
            <div class="softmax-grid">
                <div class="chart chart-bars logit-chart">
                    <canvas ref={logit_axes} class="layer" aria-hidden="true"></canvas>
                    <canvas ref={logit_data} class="layer" aria-hidden="true"></canvas>
                    // The keyed handles have a parent of their own: added next to the unkeyed
                    // canvases, they made Yew replace those with new, never-drawn ones.
                    <div class="logit-handles">{ for handles.into_iter().flatten() }</div>
                </div>
                <div class="chart chart-bars">
                    <canvas ref={prob_axes} class="layer" aria-hidden="true"></canvas>
                    <canvas ref={prob_data} class="layer" role="img"
                        aria-label={format!("Softmax probabilities: {}, {}, {}", apart_from(probabilities[0], 1.0), apart_from(probabilities[1], 1.0), apart_from(probabilities[2], 1.0))}></canvas>
                </div>
                <div class="softmax-readout">
                    <div class="true-class" role="radiogroup" aria-label="True class">{ "True class:" }{ for class_choice }</div>
                    // Enlarged type (or 320 px) makes the table wider than its column: it scrolls,
                    // by keyboard too (tabindex 0), as the other tables do.
                    <div class="table-scroll" role="region" aria-label="Softmax and gradient" tabindex="0">
                        <table>
                            <thead><tr><th scope="col">{ "" }</th><th scope="col">{ "logit z" }</th><th scope="col">{ "p = softmax(z)" }</th><th scope="col" title="∂loss/∂z = p − one-hot(true class)">{ "∂loss/∂z" }</th></tr></thead>
                            <tbody>{ for readouts }</tbody>
                        </table>
                    </div>
                    <p class="cce-loss">
                        { "Loss −log p" }<sub>{ "true" }</sub>{ " = logsumexp(z) − z" }<sub>{ "true" }</sub>
                        { " " }
                        // The numbers wrap as one piece (the result sat alone on a line).
                        <span class="cce-numbers">
                            { format!("= {} − {} = ", term_of(lse, loss), if z_true < 0.0 { format!("({})", term_of(z_true, loss)) } else { term_of(z_true, loss) }) }
                            <b data-testid="cce-loss" data-value={loss.to_string()}>{ human(loss) }</b>
                        </span>
                    </p>
                </div>
            </div>
            <p class="caption">{ "Drag a logit bar up or down (or focus it and use the arrow keys). Softmax turns the logits into probabilities that sum to 1; the loss only looks at the true class's probability, and its gradient p − one-hot pushes the true logit up and the others down." }</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_and_keys_map_to_logits_within_range() {
        assert_eq!(logit_at(0.0, 200.0), LOGIT_LIMIT);
        assert_eq!(logit_at(200.0, 200.0), -LOGIT_LIMIT);
        assert_eq!(logit_at(100.0, 200.0), 0.0);
        assert_eq!(logit_at(-50.0, 200.0), LOGIT_LIMIT, "clamped");
        assert_eq!(logit_at(10.0, 0.0), 0.0);
        assert_eq!(key_logit("ArrowUp", false, 1.0), Some(1.1));
        assert_eq!(key_logit("ArrowDown", true, -7.5), Some(-LOGIT_LIMIT));
        assert_eq!(key_logit("End", false, 0.0), Some(LOGIT_LIMIT));
        assert_eq!(key_logit("x", false, 0.0), None);
    }
}
