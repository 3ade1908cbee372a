//! Per-point influence: each point's share of the total loss and its pull ψ(rᵢ), as bars.
//!
//! A hook that returns the panel's markup, rather than a component: the panel re-renders
//! with its lab on every frame of a drag anyway, so being a component bought no skipped
//! renders, and each component costs about 1.2 KB of WebAssembly in Yew's machinery. Its
//! canvases are drawn by effects of the calling component, with the same dependencies.

use super::drag_frozen::use_frozen_during_drag;
use super::frozen::Frozen;
use super::hooks::{use_effect_with, use_mut_ref, use_node_ref, use_state};
use super::on_screen::use_on_screen;
use super::points_table::points_rows;
use crate::charts::bars::{draw_bar_axes, draw_bar_data, BarScene};
use crate::format::human;
use crate::theme::{loss_color, Palette};
use losslab_core::numerics::points::Points;
use losslab_core::numerics::regression::LossKind;
use std::rc::Rc;
use yew::prelude::*;

/// Arguments of [`use_influence_panel`].
pub struct InfluencePanelProps {
    /// The points (for the table of them, opened on demand).
    pub points: Rc<Points>,
    /// Each point's share of the total loss, in percent, in point order.
    pub shares: Rc<Vec<f64>>,
    /// Each point's pull ψ(rᵢ).
    pub pulls: Rc<Vec<f64>>,
    /// Symmetric range of the pull axis.
    pub pull_limit: f64,
    /// The picked loss.
    pub picked: LossKind,
    /// The selected point, highlighted.
    pub selected: Option<usize>,
    /// The point with the largest share (x, y) and that share, for the caption; `None` when
    /// no point has any loss.
    pub largest: Option<((f64, f64), f64)>,
    /// Colours.
    pub palette: Palette,
    /// Presentation zoom.
    pub zoom: f64,
    /// Changes on window resize.
    pub layout_epoch: u32,
    /// A point is being dragged: the share axis may grow but does not shrink, so its labels
    /// are not redrawn back and forth under the pointer.
    pub dragging: bool,
}

/// Two bar charts: share of the total loss, and pull.
#[hook]
pub fn use_influence_panel(props: &InfluencePanelProps) -> Html {
    let share_axes = use_node_ref();
    let share_data = use_node_ref();
    let pull_axes = use_node_ref();
    let pull_data = use_node_ref();
    let zoom = props.zoom;
    let n = props.shares.len();
    // The share axis snaps to a few round ceilings, so it rarely changes during a drag (a
    // changed axis means redrawing its text).
    let largest_share = props.shares.iter().copied().fold(0.0, f64::max);
    let needed =
        [5.0, 10.0, 25.0, 50.0, 100.0].into_iter().find(|&c| largest_share <= 0.93 * c).unwrap_or(100.0) * 1.05;
    let last_share_max = use_mut_ref(|| needed);
    let share_max = if props.dragging { needed.max(*last_share_max.borrow()) } else { needed };
    *last_share_max.borrow_mut() = share_max;
    let share_range = (0.0, share_max);
    let pull_range = (-props.pull_limit, props.pull_limit);
    // During a drag, axes and bars are drawn only while the panel is on screen (the share
    // axis steps while a point is dragged; its labels are text, the costliest thing to draw).
    let on_screen = use_on_screen(share_data.clone(), props.dragging);
    {
        let (share_axes, pull_axes) = (share_axes.clone(), pull_axes.clone());
        let deps = (on_screen, n, share_range, pull_range, props.palette, zoom.to_bits(), props.layout_epoch);
        use_effect_with(deps, move |&(on_screen, n, share_range, pull_range, palette, _, _)| {
            if !on_screen {
                return;
            }
            crate::canvas::draw_axes_layer(&share_axes, zoom, palette, |root, style| {
                draw_bar_axes(root, n, share_range, style, "share of loss %")
            });
            crate::canvas::draw_axes_layer(&pull_axes, zoom, palette, |root, style| {
                draw_bar_axes(root, n, pull_range, style, "pull ψ(r)")
            });
        });
    }
    {
        let (share_data, pull_data) = (share_data.clone(), pull_data.clone());
        let (share_axes, pull_axes) = (share_axes.clone(), pull_axes.clone());
        let deps = (
            on_screen,
            props.shares.clone(),
            props.pulls.clone(),
            share_range,
            pull_range,
            props.picked,
            props.selected,
            props.palette,
            zoom.to_bits(),
            props.layout_epoch,
        );
        use_effect_with(
            deps,
            move |(on_screen, shares, pulls, share_range, pull_range, picked, selected, palette, _, _)| {
                if !on_screen {
                    return;
                }
                let color = loss_color(*picked, palette);
                let share_scene = BarScene { values: shares, y_range: *share_range, color, highlight: *selected };
                crate::canvas::draw_data_layer(&share_data, &share_axes, zoom, *palette, |root, style| {
                    draw_bar_data(root, &share_scene, style)
                });
                let pull_scene = BarScene { values: pulls, y_range: *pull_range, color, highlight: *selected };
                crate::canvas::draw_data_layer(&pull_data, &pull_axes, zoom, *palette, |root, style| {
                    draw_bar_data(root, &pull_scene, style)
                });
            },
        );
    }
    let caption = match props.largest {
        Some(((x, y), share)) => format!(
            "The point at ({}, {}) carries {}% of the total {} loss (an equal share would be {}%). Bars run left to right in the order of the data; the selected point is highlighted.",
            human(x),
            human(y),
            percent(share),
            props.picked.label(),
            percent(100.0 / props.shares.len().max(1) as f64),
        ),
        None if props.shares.is_empty() => "Add points to see how each one contributes.".to_string(),
        None => format!("No point has any {} loss: the line fits every point exactly.", props.picked.label()),
    };
    // The points as a table, built only while open. During a drag its inputs are held, so
    // the memo hands back the same markup and `Frozen` skips it: neither rebuilt nor diffed
    // on the frames (rebuilt, its toggle's new callback and text cost the drag ~0.5 ms p95).
    let table_open = use_state(|| false);
    let open = *table_open;
    let inputs =
        use_frozen_during_drag(props.dragging, || (props.points.clone(), props.shares.clone(), props.pulls.clone()));
    let details = use_memo((open, inputs), move |(open, (points, shares, pulls))| {
        let open = *open;
        let toggle = Callback::from(move |event: MouseEvent| {
            // The state opens and closes it (the browser's own toggle would undo the re-render's).
            event.prevent_default();
            table_open.set(!open);
        });
        html! {
            <details class="points-details" open={open}>
                <summary onclick={toggle} data-testid="points-table-toggle">
                    { format!("The {} as a table (x, y, share, pull)", crate::format::point_count(points.len())) }
                </summary>
                if open { { points_rows(points, shares, pulls) } }
            </details>
        }
    });
    html! {
        <section class="panel panel-wide" data-testid="influence-panel">
            <h2>{ "Per-point influence" }</h2>
            <div class="influence-grid">
                <div class="chart chart-bars">
                    <canvas ref={share_axes} class="layer" aria-hidden="true"></canvas>
                    <canvas ref={share_data} class="layer" role="img" aria-label={caption.clone()}></canvas>
                </div>
                <div class="chart chart-bars">
                    <canvas ref={pull_axes} class="layer" aria-hidden="true"></canvas>
                    <canvas ref={pull_data} class="layer" role="img" aria-label="Each point's pull on the line, ψ(r)"></canvas>
                </div>
            </div>
            <p class="caption" data-testid="influence-caption">{ caption }</p>
            <Frozen html={details} />
        </section>
    }
}

/// A share in percent for people: whole numbers from 10 %, two significant digits below (a
/// review: with 2,500 points the heaviest point "carried 0%").
fn percent(share: f64) -> String {
    if share >= 10.0 {
        format!("{share:.0}")
    } else {
        crate::format::significant(share, 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_shares_keep_two_significant_digits() {
        assert_eq!(percent(91.4), "91");
        assert_eq!(percent(3.04), "3");
        assert_eq!(percent(0.0432), "0.043");
        assert_eq!(percent(0.05), "0.05");
    }
}
