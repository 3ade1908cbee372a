//! Every binary loss's own fit side by side: slope w, intercept b, decision boundary,
//! accuracy at the 0.5 threshold and mean loss. Cells carry the full-precision value in
//! `data-value` (`NaN` where no fit exists).

use super::classification_controls::binary_swatch;
use super::classification_lab::BinaryFitView;
use super::markup::table_row;
use crate::format::{digits_to_tell_all_apart, human, significant};
use crate::state::classification::BinaryLossKind;
use crate::theme::Palette;
use losslab_core::numerics::classification::LabeledPoints;
use std::rc::Rc;
use yew::prelude::*;

/// Arguments of [`classification_fits`].
pub struct ClassificationFitsProps {
    /// The three fits.
    pub fits: Rc<Vec<BinaryFitView>>,
    /// The emphasised loss.
    pub picked: BinaryLossKind,
    /// The focal loss's name with its parameters, e.g. "focal γ=2".
    pub focal_label: String,
    /// The width of the plot's x range (the scale below which a boundary's distance from 0
    /// is noise).
    pub x_span: f64,
    /// The points (for the majority baseline and the penalty's scale).
    pub points: Rc<LabeledPoints>,
    /// The L2 penalty λ.
    pub lambda: f64,
    /// Colours (legend swatches).
    pub palette: Palette,
}

/// Logits closer to 0 than this are shown as 0: rounding noise (a probability within 2.5·10⁻¹⁰
/// of 0.5), such as the 2.7e-14 intercept a hinge fit of symmetric data can end with.
const LOGIT_NOISE: f64 = 1e-9;

/// The points' x extent, max x − min x (0 with fewer than two distinct x).
pub fn x_extent(points: &LabeledPoints) -> f64 {
    let (lo, hi) = crate::view_box::bounds(points.xs());
    if hi > lo {
        hi - lo
    } else {
        0.0
    }
}

/// Whether a fit's slope `w` is rounding noise: its part of the logit across the points,
/// |w|·`x_extent`, is at most [`LOGIT_NOISE`]. (Where each x holds one point of each label
/// the best slope is 0; the focal fit ended at w = 1.9e-17, which the table showed with a
/// decision boundary at x = 2.2e16.)
pub fn slope_is_noise(w: f64, x_extent: f64) -> bool {
    w.abs() * x_extent <= LOGIT_NOISE
}

/// `v` with `digits` significant digits, 0 when its magnitude is at most `noise`.
fn shown_above(v: f64, noise: f64, digits: usize) -> String {
    if v.abs() <= noise {
        "0".to_string()
    } else {
        significant(v, digits)
    }
}

/// `v` for people (four significant digits), 0 when its magnitude is at most `noise`.
fn human_above(noise: f64) -> impl FnOnce(f64) -> String {
    move |v| shown_above(v, noise, 4)
}

/// A decision boundary for people: 0 when it is within 10⁻⁹ of the plot's x span of 0 (such
/// as the −2.1e-14 of a hinge fit of symmetric data).
pub fn boundary_text(boundary: f64, x_span: f64) -> String {
    human_above(1e-9 * x_span)(boundary)
}

/// The significant digits of the boundary column: as many as show the fits' different
/// boundaries as different numbers (at x ≈ 10⁶ four digits showed 1.001e6 on every row).
fn boundary_digits(fits: &[BinaryFitView], x_span: f64) -> usize {
    let shown: Vec<f64> =
        fits.iter().filter_map(|view| view.boundary).map(|b| if b.abs() <= 1e-9 * x_span { 0.0 } else { b }).collect();
    digits_to_tell_all_apart(&shown)
}

fn cell(testid: String, value: Option<f64>, text: impl FnOnce(f64) -> String) -> Html {
    match value {
        Some(v) => html! { <td data-testid={testid} data-value={v.to_string()}>{ text(v) }</td> },
        None => html! { <td data-testid={testid} data-value="NaN">{ "—" }</td> },
    }
}

/// The comparison table of the three fits.
///
/// A function, not a component: its fits change on every frame of a drag, so memoising it as a
/// component would buy nothing (and each component costs about 1.2 KB of WebAssembly in Yew's
/// machinery).
pub fn classification_fits(props: &ClassificationFitsProps) -> Html {
    let boundary_digits = boundary_digits(&props.fits, props.x_span);
    let x_extent = x_extent(&props.points);
    let slope_text = |w: f64| if slope_is_noise(w, x_extent) { "0".to_string() } else { human(w) };
    let rows = props.fits.iter().map(|view| {
        let id = view.kind.id();
        let picked = view.kind == props.picked;
        let fit = view.fit;
        let percent = |a: f64| format!("{:.1}%", 100.0 * a);
        let cells = html! {
            <>
                <th scope="row">
                    { binary_swatch(view.kind, &props.palette, picked) }{ view.kind.label() }
                    // The picked row is bold and shaded; a screen reader hears it.
                    if picked { <span class="visually-hidden">{ " (picked)" }</span> }
                </th>
                { cell(format!("fit-{id}-w"), fit.map(|f| f.line.slope), slope_text) }
                { cell(format!("fit-{id}-b"), fit.map(|f| f.line.intercept), human_above(LOGIT_NOISE)) }
                { cell(format!("boundary-{id}"), view.boundary, |b| shown_above(b, 1e-9 * props.x_span, boundary_digits)) }
                { cell(format!("accuracy-{id}"), view.accuracy, percent) }
                { cell(format!("fit-{id}-loss"), fit.map(|f| f.mean_loss), human) }
            </>
        };
        table_row(id, picked, cells)
    });
    html! {
        <section class="panel" data-testid="classification-fits">
            <h2>{ "Each loss's own fit" }</h2>
            <div class="table-scroll" role="region" aria-label="Each loss's own fit" tabindex="0">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{ "loss" }</th>
                            <th scope="col" title="slope w of the logit z = w·x + b">{ "w" }</th>
                            <th scope="col" title="intercept b of the logit z = w·x + b">{ "b" }</th>
                            <th scope="col" title="where the fit's probability crosses 0.5: x = −b/w">{ "boundary" }</th>
                            <th scope="col" title="share of points on the right side of the boundary">{ "acc." }</th>
                            <th scope="col" title="the mean loss this fit minimises (without the penalty)">{ "mean loss" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <p class="caption" data-testid="classification-fits-caption">{ format!(
                "{} The focal fit uses {}. Accuracy counts a point as label 1 when its probability exceeds 0.5.{}{}{}",
                fitted_sentence(&props.points, &props.fits),
                props.focal_label.strip_prefix("focal ").unwrap_or(&props.focal_label).replace(' ', ", "),
                unconverged_note(&props.fits),
                majority_note(&props.points, &props.fits),
                penalty_note(&props.points, props.lambda),
            ) }</p>
        </section>
    }
}

/// The caption's first sentence: whether the fits are there to compare.
fn fitted_sentence(points: &LabeledPoints, fits: &[BinaryFitView]) -> &'static str {
    if points.is_empty() {
        "With no points there is nothing to fit yet."
    } else if fits.iter().all(|view| view.fit.is_none()) {
        "No loss has a single best fit for these points (the note under the plot says why), so the rows are empty."
    } else if fits.iter().any(|view| view.fit.is_none()) {
        // Focal with α = 0 or 1 weights one class away (a review: the caption said all three
        // were fitted above an empty focal row).
        "A row without numbers has no single best fit here (the note under the plot says why); the picked one is emphasised."
    } else {
        "All three are always fitted; the picked one is emphasised."
    }
}

/// The fits whose stopping rule was not met (the iteration limit, or no further decrease
/// possible): their numbers are the best line found, not the minimum to every digit shown.
/// Empty when every fit converged.
fn unconverged_note(fits: &[BinaryFitView]) -> String {
    let names: Vec<&str> =
        fits.iter().filter(|view| view.fit.is_some_and(|fit| !fit.converged)).map(|view| view.kind.label()).collect();
    if names.is_empty() {
        String::new()
    } else {
        format!(" {}: did not fully converge; the best line found is shown.", names.join(", "))
    }
}

/// What always answering the larger class scores: the baseline an accuracy must beat (with
/// 1 positive in 500 every fit scores 99.8 %, which says nothing by itself). Empty without
/// both labels.
fn majority_note(points: &LabeledPoints, fits: &[BinaryFitView]) -> String {
    let (n, positives) = (points.len(), points.positives());
    if positives == 0 || positives == n {
        return String::new();
    }
    let share = positives.max(n - positives) as f64 / n as f64;
    // Only fits that exist are compared: with separable classes and λ = 0 there is none (the
    // plot's banner says so), and "no fit does better" would then contradict the boundary
    // that separates them perfectly.
    let best = fits.iter().filter_map(|view| view.accuracy).reduce(f64::max);
    let verdict = if best.is_some_and(|best| best <= share) { ": no fit does better" } else { "" };
    let guess = match (2 * positives).cmp(&n) {
        std::cmp::Ordering::Equal => "The classes are the same size: answering either label".to_string(),
        std::cmp::Ordering::Greater => "Always answering label 1, the larger class,".to_string(),
        std::cmp::Ordering::Less => "Always answering label 0, the larger class,".to_string(),
    };
    format!(" {guess} scores {:.1}%{verdict}.", 100.0 * share)
}

/// A warning when the L2 penalty outweighs the data because x varies little: λ acts on the
/// slope w, whose size depends on x's units (x spread over 10⁻⁵ needs w ≈ 10⁶ to separate
/// anything, and λ = 0.01 then flattens every fit). In the scaled coordinates the fits use,
/// the penalty on the slope is λ/s² (s the standard deviation of x); from 1 on it dominates.
/// Empty otherwise.
fn penalty_note(points: &LabeledPoints, lambda: f64) -> String {
    let xs = points.xs();
    if lambda <= 0.0 || xs.len() < 2 {
        return String::new();
    }
    let mean = xs.iter().sum::<f64>() / xs.len() as f64;
    let spread = (xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / xs.len() as f64).sqrt();
    if spread > 0.0 && lambda / (spread * spread) >= 1.0 {
        format!(
            " λ = {} is strong for these data: the penalty acts on w, whose size depends on x's units, and with x's standard deviation at {} it weighs λ/s² = {} on data of unit spread, which holds every fit back. Lower λ (0 removes it) or rescale x.",
            human(lambda),
            human(spread),
            crate::format::significant(lambda / (spread * spread), 2)
        )
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_level_intercepts_and_boundaries_read_as_zero_and_real_ones_do_not() {
        assert_eq!(human_above(LOGIT_NOISE)(2.684e-14), "0");
        assert_eq!(human_above(LOGIT_NOISE)(-0.1609), "−0.1609");
        assert_eq!(boundary_text(-2.147e-14, 6.0), "0");
        // A nearly flat fit's boundary far from 0 is shown, however small b is.
        assert_eq!(boundary_text(-0.5, 6.0), "−0.5");
        assert_eq!(boundary_text(1e-7, 6.0), "1.000e-7");
    }

    #[test]
    fn the_caption_gives_the_majority_baseline_and_warns_of_a_penalty_out_of_scale() {
        let view = |accuracy| BinaryFitView {
            kind: BinaryLossKind::Bce,
            fit: None,
            error: None,
            last_good: None,
            accuracy,
            boundary: None,
        };
        // One positive in 500 (a review: every fit scored 99.8 %).
        let pairs: Vec<(f64, bool)> = (0..500).map(|i| (f64::from(i) / 50.0, i == 250)).collect();
        let rare = LabeledPoints::from_pairs(&pairs).unwrap();
        assert_eq!(
            majority_note(&rare, &[view(Some(0.998))]),
            " Always answering label 0, the larger class, scores 99.8%: no fit does better."
        );
        assert_eq!(
            majority_note(&rare, &[view(Some(0.999))]),
            " Always answering label 0, the larger class, scores 99.8%."
        );
        let even = LabeledPoints::from_pairs(&[(0.0, false), (1.0, true)]).unwrap();
        assert_eq!(
            majority_note(&even, &[view(Some(1.0))]),
            " The classes are the same size: answering either label scores 50.0%."
        );
        // Separable classes at λ = 0: no fit exists, so none is said to fall short (a review).
        assert_eq!(
            majority_note(&even, &[view(None), view(None)]),
            " The classes are the same size: answering either label scores 50.0%."
        );
        assert!(fitted_sentence(&even, &[view(None), view(None)]).starts_with("No loss has a single best fit"));
        assert!(fitted_sentence(&LabeledPoints::default(), &[view(None)]).starts_with("With no points"));
        let fit = losslab_core::numerics::classification::fit_binary(
            &even,
            losslab_core::numerics::classification::BinaryLoss::Bce,
            losslab_core::numerics::classification::L2Penalty::new(0.01).unwrap(),
            None,
        )
        .ok();
        assert!(fit.is_some());
        let fitted = BinaryFitView { fit, ..view(Some(1.0)) };
        assert_eq!(unconverged_note(std::slice::from_ref(&fitted)), "");
        // A fit whose stopping rule was not met says so (λ = 10⁻¹⁰⁰ from a link reached the
        // Newton fits' iteration limit, and the table showed its numbers as a minimum).
        let mut stopped = fitted.clone();
        stopped.fit.as_mut().unwrap().converged = false;
        let focal = BinaryFitView { kind: BinaryLossKind::Focal, ..stopped.clone() };
        assert_eq!(
            unconverged_note(&[stopped, fitted.clone(), focal]),
            " BCE, Focal: did not fully converge; the best line found is shown."
        );
        assert!(fitted_sentence(&even, &[fitted.clone(), fitted.clone()]).starts_with("All three are always fitted"));
        assert!(
            fitted_sentence(&even, &[view(None), fitted]).starts_with("A row without numbers has no single best fit")
        );
        let one_label = LabeledPoints::from_pairs(&[(0.0, true), (1.0, true)]).unwrap();
        assert_eq!(majority_note(&one_label, &[]), "");
        // x spread over 10⁻⁵: λ = 0.01 is 10⁸ times the penalty of unit-spread data.
        let tiny: Vec<(f64, bool)> = (0..100).map(|i| (f64::from(i) * 1e-7, i % 3 == 0)).collect();
        let tiny = LabeledPoints::from_pairs(&tiny).unwrap();
        let note = penalty_note(&tiny, 0.01);
        assert!(note.contains("λ = 0.01 is strong") && note.contains("2.887e-6") && note.contains("1.2e9"), "{note}");
        assert_eq!(penalty_note(&tiny, 0.0), "");
        assert_eq!(penalty_note(&rare, 0.01), "", "x spread over 10: no warning");
    }

    #[test]
    fn the_boundary_column_shows_different_boundaries_as_different_numbers() {
        let view =
            |kind, boundary| BinaryFitView { kind, fit: None, error: None, last_good: None, accuracy: None, boundary };
        // x ≈ 10⁶: four digits showed 1.001e6 on every row.
        let fits = [
            view(BinaryLossKind::Bce, Some(1000512.3046)),
            view(BinaryLossKind::Focal, Some(1000514.9)),
            view(BinaryLossKind::Hinge, Some(1000498.2)),
        ];
        let digits = boundary_digits(&fits, 4000.0);
        let texts = fits.map(|f| shown_above(f.boundary.unwrap(), 4e-6, digits));
        assert_eq!(texts, ["1000512", "1000515", "1000498"].map(String::from));
        // Ordinary boundaries keep four digits; a missing fit and noise around 0 change nothing.
        let fits = [
            view(BinaryLossKind::Bce, Some(0.4321)),
            view(BinaryLossKind::Focal, None),
            view(BinaryLossKind::Hinge, Some(-2e-14)),
        ];
        assert_eq!(boundary_digits(&fits, 6.0), 4);
    }
}
