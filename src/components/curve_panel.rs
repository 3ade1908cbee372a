//! A panel plotting ρ(r) or ψ(r) of every loss, with the points' residuals marked.
//!
//! A hook that returns the panel's markup, rather than a component: the panel re-renders on
//! every frame of a drag anyway (its markers move), so being a component bought no skipped
//! renders, and each component costs about 1.2 KB of WebAssembly in Yew's machinery. Its
//! canvases are drawn by effects of the calling component, with the same dependencies.

use super::frozen::Frozen;
use super::hooks::{use_effect_with, use_node_ref};
use super::on_screen::use_on_screen;
use crate::charts::curves::{draw_curve_axes, draw_curve_data, CurveBackground, CurveMarkers, CurveSeries};
use crate::theme::Palette;
use std::rc::Rc;
use yew::prelude::*;

/// Arguments of [`use_curve_panel`].
pub struct CurvePanelProps {
    /// Heading, e.g. "Loss ρ(r)".
    pub title: AttrValue,
    /// One sentence on what to look for.
    pub caption: AttrValue,
    /// Axis description of the values.
    pub y_desc: AttrValue,
    /// The curves.
    pub series: Rc<Vec<CurveSeries>>,
    /// Each point's (rᵢ, value) on the picked curve.
    pub markers: Rc<Vec<(f64, f64)>>,
    /// Residual range.
    pub r_range: (f64, f64),
    /// Value range.
    pub y_range: (f64, f64),
    /// Colours.
    pub palette: Palette,
    /// Presentation zoom.
    pub zoom: f64,
    /// Changes on window resize.
    pub layout_epoch: u32,
    /// Test id of the panel.
    pub testid: AttrValue,
    /// A point is being dragged (off screen, the markers then wait).
    pub dragging: bool,
}

/// A loss-curve or gradient panel.
#[hook]
pub fn use_curve_panel(props: &CurvePanelProps) -> Html {
    let axes_ref = use_node_ref();
    let data_ref = use_node_ref();
    let zoom = props.zoom;
    // Axes and curves: they change with the range, δ, τ or the picked loss, not during a drag.
    {
        let axes_ref = axes_ref.clone();
        let y_desc = props.y_desc.clone();
        let deps =
            (props.series.clone(), props.r_range, props.y_range, props.palette, zoom.to_bits(), props.layout_epoch);
        use_effect_with(deps, move |(series, r_range, y_range, palette, _, _)| {
            let scene = CurveBackground { r_range: *r_range, y_range: *y_range, series, y_desc: &y_desc };
            crate::canvas::draw_axes_layer(&axes_ref, zoom, *palette, |root, style| {
                draw_curve_axes(root, &scene, style)
            });
        });
    }
    // The points' markers: on every change (during a drag, while the panel is on screen).
    let on_screen = use_on_screen(data_ref.clone(), props.dragging);
    {
        let (data_ref, axes_ref) = (data_ref.clone(), axes_ref.clone());
        let deps = (
            on_screen,
            props.markers.clone(),
            props.r_range,
            props.y_range,
            props.palette,
            zoom.to_bits(),
            props.layout_epoch,
        );
        use_effect_with(deps, move |(on_screen, markers, r_range, y_range, palette, _, _)| {
            if !on_screen {
                return;
            }
            let scene = CurveMarkers { r_range: *r_range, y_range: *y_range, markers };
            crate::canvas::draw_data_layer(&data_ref, &axes_ref, zoom, *palette, |root, style| {
                draw_curve_data(root, &scene, style)
            });
        });
    }
    // The panel's frame does not change during a drag: memoised, and not diffed (see `Frozen`).
    let markup =
        use_memo((props.testid.clone(), props.title.clone(), props.caption.clone()), |(testid, title, caption)| {
            html! {
                <section class="panel" data-testid={testid.clone()}>
                    <h2>{ title.clone() }</h2>
                    <div class="chart chart-small">
                        <canvas ref={axes_ref} class="layer" aria-hidden="true"></canvas>
                        <canvas ref={data_ref} class="layer" role="img" aria-label={caption.clone()}></canvas>
                    </div>
                    <p class="caption">{ caption.clone() }</p>
                </section>
            }
        });
    html! { <Frozen html={markup} /> }
}
