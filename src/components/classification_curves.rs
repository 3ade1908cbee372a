//! Loss against the probability of the true class: −log p (BCE), focal loss at the paper's γ
//! values and at the current γ (and α), and the hinge, with every point marked on the picked
//! loss's curve.
//!
//! A hook that returns the panel's markup, rather than a component: the panel re-renders
//! with its lab on every frame of a drag anyway, so being a component bought no skipped
//! renders, and each component costs about 1.2 KB of WebAssembly in Yew's machinery. Its
//! canvases are drawn by effects of the calling component, with the same dependencies.

use super::classification_lab::PointRow;
use super::hooks::{use_effect_with, use_node_ref};
use super::on_screen::use_on_screen;
use crate::charts::classification::{
    draw_probability_curve_axes, draw_probability_curve_data, CurveMarker, ProbabilityCurve,
};
use crate::format::human;
use crate::state::classification::{BinaryLossKind, GAMMA_STOPS};
use crate::theme::Palette;
use losslab_core::numerics::classification::{sample_loss_curve, BinaryLoss, CurveAxis, FocalParams};
use std::rc::Rc;
use yew::prelude::*;

/// Samples per curve.
const CURVE_SAMPLES: usize = 200;
/// The smallest p_t sampled (every loss but the hinge is infinite at 0).
const SMALLEST_P: f64 = 0.005;

/// Arguments of [`use_classification_curves`].
pub struct ClassificationCurvesProps {
    /// Each point's probability and loss under each fit.
    pub rows: Rc<Vec<PointRow>>,
    /// The picked loss (its curve is emphasised and carries the markers).
    pub picked: BinaryLossKind,
    /// Focal γ and α.
    pub focal: FocalParams,
    /// Colours.
    pub palette: Palette,
    /// Presentation zoom.
    pub zoom: f64,
    /// Changes on window resize.
    pub layout_epoch: u32,
    /// Whether a drag is in progress (the markers are then drawn only while on screen).
    pub dragging: bool,
}

fn curve(
    loss: BinaryLoss,
    kind: BinaryLossKind,
    label: String,
    emphasized: bool,
    reference: bool,
) -> Option<ProbabilityCurve> {
    let samples = sample_loss_curve(loss, CurveAxis::TrueClassProbability, SMALLEST_P, 1.0, CURVE_SAMPLES).ok()?;
    Some(ProbabilityCurve {
        kind,
        label,
        samples: samples.iter().map(|s| (s.at, s.value)).collect(),
        emphasized,
        reference,
    })
}

/// Every curve of the panel: the paper's γ family (thin), BCE, the current focal loss (for
/// each label when α weights them differently) and the hinge.
pub fn probability_curves(focal: FocalParams, picked: BinaryLossKind) -> Vec<ProbabilityCurve> {
    let mut curves = Vec::new();
    for &gamma in GAMMA_STOPS.iter().skip(1) {
        if gamma == focal.gamma() && focal.alpha().is_none() {
            continue;
        }
        if let Ok(params) = FocalParams::new(gamma, None) {
            curves.extend(curve(
                BinaryLoss::Focal(params),
                BinaryLossKind::Focal,
                format!("γ={}", crate::format::setting(gamma)),
                false,
                true,
            ));
        }
    }
    curves.extend(curve(BinaryLoss::Bce, BinaryLossKind::Bce, "BCE".into(), picked == BinaryLossKind::Bce, false));
    let emphasized = picked == BinaryLossKind::Focal;
    let gamma = focal.gamma();
    match focal.alpha() {
        None => curves.extend(curve(
            BinaryLoss::Focal(focal),
            BinaryLossKind::Focal,
            format!("focal γ={}", crate::format::setting(gamma)),
            emphasized,
            false,
        )),
        Some(alpha) => {
            // A point of label 0 has the label-1 curve with α replaced by 1 − α.
            let label = format!("label 1, α={}", human(alpha));
            curves.extend(curve(BinaryLoss::Focal(focal), BinaryLossKind::Focal, label, emphasized, false));
            if let Ok(other) = FocalParams::new(gamma, Some(1.0 - alpha)) {
                let label = format!("label 0, 1−α={}", human(1.0 - alpha));
                curves.extend(curve(BinaryLoss::Focal(other), BinaryLossKind::Focal, label, emphasized, false));
            }
        }
    }
    curves.extend(curve(
        BinaryLoss::Hinge,
        BinaryLossKind::Hinge,
        "hinge".into(),
        picked == BinaryLossKind::Hinge,
        false,
    ));
    curves
}

/// The loss-versus-probability panel.
#[hook]
pub fn use_classification_curves(props: &ClassificationCurvesProps) -> Html {
    let axes_ref = use_node_ref();
    let data_ref = use_node_ref();
    let zoom = props.zoom;
    let curves = use_memo((props.focal, props.picked), |&(focal, picked)| probability_curves(focal, picked));
    let markers: Rc<Vec<CurveMarker>> = use_memo((props.rows.clone(), props.picked), |(rows, picked)| {
        let k = picked.index();
        rows.iter()
            .filter_map(|row| {
                let p = row.probability[k]?;
                let p_true = if row.positive { p } else { 1.0 - p };
                Some(CurveMarker { p_true, loss: row.loss[k]?, positive: row.positive })
            })
            .collect()
    });
    {
        let axes_ref = axes_ref.clone();
        let deps = (curves.clone(), props.palette, zoom.to_bits(), props.layout_epoch);
        use_effect_with(deps, move |(curves, palette, _, _)| {
            crate::canvas::draw_axes_layer(&axes_ref, zoom, *palette, |root, style| {
                draw_probability_curve_axes(root, curves, style)
            });
        });
    }
    // The points' markers: on every change (during a drag, while the panel is on screen).
    let on_screen = use_on_screen(data_ref.clone(), props.dragging);
    {
        let (data_ref, axes_ref) = (data_ref.clone(), axes_ref.clone());
        let deps = (on_screen, markers.clone(), props.picked, props.palette, zoom.to_bits(), props.layout_epoch);
        use_effect_with(deps, move |(on_screen, markers, picked, palette, _, _)| {
            if !on_screen {
                return;
            }
            crate::canvas::draw_data_layer(&data_ref, &axes_ref, zoom, *palette, |root, style| {
                draw_probability_curve_data(root, markers, *picked, style)
            });
        });
    }
    let caption = "Loss against the probability the fit gives the true class. −log p never lets go of easy points; focal loss (thin lines: γ = 0.5, 1, 2, 5) flattens towards p = 1; the hinge is 0 past p = σ(1) ≈ 0.73. Dots: the points under the picked loss's fit (circles label 0, squares label 1).";
    html! {
        <section class="panel" data-testid="probability-curve-panel">
            <h2>{ format!("Loss vs probability: {}", props.picked.label()) }</h2>
            <div class="chart chart-small">
                <canvas ref={axes_ref} class="layer" aria-hidden="true"></canvas>
                <canvas ref={data_ref} class="layer" role="img" aria-label={caption}></canvas>
            </div>
            <p class="caption">{ caption }</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curves_cover_the_paper_family_and_both_labels_under_alpha() {
        let plain = probability_curves(FocalParams::new(2.0, None).unwrap(), BinaryLossKind::Focal);
        let labels: Vec<&str> = plain.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["γ=0.5", "γ=1", "γ=5", "BCE", "focal γ=2", "hinge"]);
        assert_eq!(plain.iter().filter(|c| c.emphasized).count(), 1);
        let weighted = probability_curves(FocalParams::new(2.0, Some(0.25)).unwrap(), BinaryLossKind::Bce);
        assert!(weighted.iter().any(|c| c.label == "label 0, 1−α=0.75"));
        assert!(weighted.iter().find(|c| c.label == "BCE").is_some_and(|c| c.emphasized));
        // BCE at p = 1 is 0 and grows as p falls.
        let bce = plain.iter().find(|c| c.label == "BCE").unwrap();
        assert_eq!(bce.samples.last(), Some(&(1.0, 0.0)));
        assert!(bce.samples.windows(2).all(|w| w[0].1 >= w[1].1));
    }
}
