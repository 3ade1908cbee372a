//! Per-point loss bars: each point's BCE and focal loss side by side (and hinge when it is
//! picked), both on the same line (the picked loss's fit), so one sees focal loss shrink the
//! loss of easy, well-classified points and keep most of the loss of hard ones.
//!
//! A hook that returns the panel's markup, rather than a component: the panel re-renders
//! with its lab on every frame of a drag anyway, so being a component bought no skipped
//! renders, and each component costs about 1.2 KB of WebAssembly in Yew's machinery. Its
//! canvases are drawn by effects of the calling component, with the same dependencies.

use super::classification_controls::binary_swatch;
use super::hooks::{use_effect_with, use_node_ref};
use super::on_screen::use_on_screen;
use crate::charts::classification::{draw_point_loss_axes, draw_point_loss_data, PointLossBar, PointLossScene};
use crate::state::classification::BinaryLossKind;
use crate::theme::Palette;
use std::rc::Rc;
use yew::prelude::*;

/// Arguments of [`use_classification_loss_bars`].
pub struct ClassificationLossBarsProps {
    /// One entry per point, ordered by x: every loss at the picked fit's line.
    pub bars: Rc<Vec<PointLossBar>>,
    /// The losses drawn for each point.
    pub shown: Rc<Vec<BinaryLossKind>>,
    /// Top of the loss axis.
    pub y_max: f64,
    /// The picked loss.
    pub picked: BinaryLossKind,
    /// The slot of the selected point.
    pub highlight: Option<usize>,
    /// Colours.
    pub palette: Palette,
    /// Presentation zoom.
    pub zoom: f64,
    /// Changes on window resize.
    pub layout_epoch: u32,
    /// Whether a drag is in progress (the bars are then drawn only while on screen).
    pub dragging: bool,
}

/// Of the points whose true class gets a probability p_t in `(lo, hi)` (read off the BCE
/// loss, −ln p_t), the share of their BCE loss that focal loss keeps, in percent.
fn kept_share(bars: &[PointLossBar], lo: f64, hi: f64) -> Option<f64> {
    let (bce, focal) = bars
        .iter()
        .filter(|b| {
            let p_true = (-b.losses[0]).exp();
            p_true > lo && p_true < hi
        })
        .fold((0.0, 0.0), |(bce, focal), b| (bce + b.losses[0], focal + b.losses[1]));
    (bce > 0.0).then(|| 100.0 * focal / bce)
}

/// The per-point loss panel.
#[hook]
pub fn use_classification_loss_bars(props: &ClassificationLossBarsProps) -> Html {
    let axes_ref = use_node_ref();
    let data_ref = use_node_ref();
    let zoom = props.zoom;
    let count = props.bars.len();
    {
        let axes_ref = axes_ref.clone();
        let deps = (count, props.y_max.to_bits(), props.palette, zoom.to_bits(), props.layout_epoch);
        let y_max = props.y_max;
        use_effect_with(deps, move |&(count, _, palette, _, _)| {
            crate::canvas::draw_axes_layer(&axes_ref, zoom, palette, |root, style| {
                draw_point_loss_axes(root, count, y_max, style)
            });
        });
    }
    // The bars: on every change (during a drag, while the panel is on screen).
    let on_screen = use_on_screen(data_ref.clone(), props.dragging);
    {
        let (data_ref, axes_ref) = (data_ref.clone(), axes_ref.clone());
        let y_max = props.y_max;
        let deps = (
            on_screen,
            props.bars.clone(),
            props.shown.clone(),
            props.picked,
            props.highlight,
            y_max.to_bits(),
            props.palette,
            zoom.to_bits(),
            props.layout_epoch,
        );
        use_effect_with(deps, move |(on_screen, bars, shown, picked, highlight, _, palette, _, _)| {
            if !on_screen {
                return;
            }
            let scene = PointLossScene { bars, y_max, shown, picked: *picked, highlight: *highlight };
            crate::canvas::draw_data_layer(&data_ref, &axes_ref, zoom, *palette, |root, style| {
                draw_point_loss_data(root, &scene, style)
            });
        });
    }
    let picked = props.picked.label();
    let mut caption = if props.bars.is_empty() {
        format!("No {picked} fit exists, so there is no line to score the points on.")
    } else if props.bars.len() > crate::charts::DENSE {
        // The dense look (see `draw_dense_point_losses`).
        format!("The points ordered by x, a few per column: each column shows the largest {picked} loss among its points (filled) and the largest of the other losses (lines), all scored on the same line, the {picked} fit. Focal loss is BCE scaled by α_t·(1 − p)^γ.")
    } else {
        format!("One group of bars per point (ordered by x): its losses, all scored on the same line, the {picked} fit. Focal loss is BCE scaled by α_t·(1 − p)^γ.")
    };
    if let Some(easy) = kept_share(&props.bars, 0.9, 1.0) {
        caption
            .push_str(&format!(" On the easy points (p > 0.9 for the true class) it keeps {easy:.1}% of BCE's loss"));
        match kept_share(&props.bars, 0.0, 0.5) {
            Some(hard) => caption.push_str(&format!("; on the misclassified ones {hard:.0}%.")),
            None => caption.push('.'),
        }
    }
    let legend = props.shown.iter().map(|&kind| {
        html! { <span class="legend-item" key={kind.id()}>{ binary_swatch(kind, &props.palette, kind == props.picked) }{ kind.label() }</span> }
    });
    html! {
        <section class="panel" data-testid="point-loss-panel">
            <h2>{ format!("Per-point loss on the {picked} fit") }</h2>
            <div class="legend">{ for legend }</div>
            <div class="chart chart-bars">
                <canvas ref={axes_ref} class="layer" aria-hidden="true"></canvas>
                <canvas ref={data_ref} class="layer" role="img" aria-label={caption.clone()}></canvas>
            </div>
            <p class="caption" data-testid="point-loss-caption">{ caption }</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_count_only_the_points_in_the_probability_band() {
        let bars = [
            PointLossBar { losses: [0.05, 0.0005, 0.0], positive: false },
            PointLossBar { losses: [0.05, 0.0015, 0.0], positive: true },
            PointLossBar { losses: [2.0, 1.0, 2.0], positive: true },
        ];
        assert!((kept_share(&bars, 0.9, 1.0).unwrap() - 2.0).abs() < 1e-9);
        assert!((kept_share(&bars, 0.0, 0.5).unwrap() - 50.0).abs() < 1e-9);
        assert_eq!(kept_share(&bars[2..], 0.9, 1.0), None);
    }
}
