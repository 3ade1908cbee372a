//! The regression lab: derives fits, residuals, curves and bars from the state (memoised,
//! warm-started) and lays out the panels that show them.

use super::callbacks::send;
use super::comparison_table::{abs_extent, line_without_noise, use_comparison_table, ComparisonTableProps, Extent};
use super::curve_panel::{use_curve_panel, CurvePanelProps};
use super::data_tools::{data_tools, drop_handlers, DataToolsProps};
use super::drag_frozen::use_frozen_during_drag;
use super::fit_announcer::{fit_announcer, use_settled_text};
use super::formulas::{formulas, FormulasProps};
use super::frozen::Frozen;
use super::hooks::{use_effect, use_mut_ref, use_node_ref, use_state};
use super::influence_panel::{use_influence_panel, InfluencePanelProps};
use super::loss_picker::{swatch, LossPicker};
use super::markup::tool_button;
use super::perf_readout::PerfReadout;
use super::preset_bar::{preset_bar, PresetBarProps};
use super::scatter_plot::{use_scatter_plot, ScatterPlotProps};
use super::shell::Shell;
use crate::charts::curves::CurveSeries;
use crate::charts::scatter::{ResidualSegment, ScatterScene, SceneLine};
use crate::format::{decimals, human, point_count};
use crate::presets::Preset;
use crate::state::regression::{RegressionAction, RegressionState};
use crate::state::{Action, Notice};
use crate::theme::Palette;
use losslab_core::io::csv::ColumnKind;
use losslab_core::numerics::points::{Line, Points};
use losslab_core::numerics::regression::{
    fit_all, mean_loss, point_terms, refit_all, sample_curve, AllFits, DegenerateReason, FitStatus, LossKind,
    LossParams, RegressionLoss, Workspace,
};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`RegressionLab`].
#[derive(Properties, PartialEq)]
pub struct RegressionLabProps {
    /// The lab's state.
    pub state: RegressionState,
    /// The app's services and view settings.
    pub shell: Shell,
}

/// Number of samples per loss curve.
const CURVE_SAMPLES: usize = 161;

/// The curves of every shown loss over [−limit, limit], as (ρ series, ψ series); a loss
/// hidden with its "show" box is left out here as on the scatter plot.
fn curves(
    limit: f64,
    params: LossParams,
    picked: LossKind,
    hidden: &[LossKind],
) -> (Rc<Vec<CurveSeries>>, Rc<Vec<CurveSeries>>) {
    let mut values = Vec::new();
    let mut derivatives = Vec::new();
    for kind in LossKind::ALL.into_iter().filter(|kind| *kind == picked || !hidden.contains(kind)) {
        let samples = sample_curve(kind.with(params), -limit, limit, CURVE_SAMPLES);
        let emphasized = kind == picked;
        values.push(CurveSeries { kind, samples: samples.iter().map(|s| (s.r, s.value)).collect(), emphasized });
        derivatives.push(CurveSeries {
            kind,
            samples: samples.iter().map(|s| (s.r, s.derivative)).collect(),
            emphasized,
        });
    }
    (Rc::new(values), Rc::new(derivatives))
}

/// What the panels show of each point under the picked loss's fit.
#[derive(Clone, PartialEq)]
struct PointViews {
    /// Residual segments for the scatter plot.
    residuals: Rc<Vec<ResidualSegment>>,
    /// (rᵢ, ρ(rᵢ)) for the loss-curve panel.
    rho_markers: Rc<Vec<(f64, f64)>>,
    /// (rᵢ, ψ(rᵢ)) for the gradient panel.
    psi_markers: Rc<Vec<(f64, f64)>>,
    /// Each point's share of the total loss, in percent.
    shares: Rc<Vec<f64>>,
    /// Each point's pull ψ(rᵢ).
    pulls: Rc<Vec<f64>>,
    /// Whether any point has a positive loss.
    any_loss: bool,
}

fn point_views(points: &Points, loss: RegressionLoss, line: Line) -> PointViews {
    let terms = point_terms(points, loss, line);
    let largest = terms.iter().map(|t| t.loss).fold(0.0, f64::max);
    let residuals = points
        .iter()
        .zip(terms.iter())
        .map(|((x, y), t)| ResidualSegment {
            x,
            y,
            fitted: y - t.residual,
            weight: if largest > 0.0 { t.loss / largest } else { 0.0 },
        })
        .collect();
    PointViews {
        residuals: Rc::new(residuals),
        rho_markers: Rc::new(terms.iter().map(|t| (t.residual, t.loss)).collect()),
        psi_markers: Rc::new(terms.iter().map(|t| (t.residual, t.pull)).collect()),
        shares: Rc::new(terms.iter().map(|t| 100.0 * t.share).collect()),
        pulls: Rc::new(terms.iter().map(|t| t.pull).collect()),
        any_loss: terms.iter().any(|t| t.loss > 0.0),
    }
}

/// Largest |ψ| of `loss` over [−limit, limit] (ψ is monotone, so at the ends).
fn pull_extent(loss: RegressionLoss, limit: f64) -> f64 {
    loss.derivative(limit).abs().max(loss.derivative(-limit).abs())
}

/// The regression lab.
#[component]
pub fn RegressionLab(props: &RegressionLabProps) -> Html {
    let s = &props.state;
    let on_action = (*use_memo(props.shell.dispatch.clone(), |dispatch| dispatch.reform(Action::Regression))).clone();
    let points = s.data.points.clone();

    // Every fit. During a drag each frame is warm-started from the previous frame's fits
    // (fast, and a line whose optimum is not unique stays put instead of jumping between
    // equal optima). At rest the fits start cold, so they depend on the data and parameters
    // alone: a link, a reload or an import of the same points shows the same lines.
    // After a change of δ or τ alone, the fits that do not use it are kept (`refit_all`): the
    // last fits, of the same points (the same `Rc`), and cold unless this is a drag too.
    let warm = use_mut_ref(|| (Workspace::new(), None::<(Rc<Points>, bool, AllFits)>));
    let dragging = s.drag.is_some();
    let fits: Rc<AllFits> = use_memo((points.clone(), s.params, dragging), move |(points, params, dragging)| {
        let mut warm = warm.borrow_mut();
        let (workspace, last) = &mut *warm;
        let previous = last.as_ref().map(|(.., fits)| fits).filter(|_| *dragging);
        let reusable = last.as_ref().filter(|(p, was_warm, _)| Rc::ptr_eq(p, points) && (!was_warm || *dragging));
        let fits = match reusable {
            Some((.., before)) => refit_all(points, *params, before, previous, workspace),
            None => fit_all(points, *params, previous, workspace),
        };
        *last = Some((points.clone(), *dragging, fits.clone()));
        fits
    });
    let picked_loss = s.picked.with(s.params);
    let picked_fit = *fits.get(s.picked);
    // Everything the panels show per point derives from the picked fit's per-point terms,
    // so one memo computes it all (one memo instead of five: each hook instance costs code).
    let derived: Rc<PointViews> = use_memo((points.clone(), picked_loss, picked_fit.line), |(points, loss, line)| {
        point_views(points, *loss, *line)
    });

    let view = s.view();
    let lines: Rc<Vec<SceneLine>> = use_memo((fits.clone(), s.hidden.clone(), s.picked), |(fits, hidden, picked)| {
        // With no points there is no fit to draw (the core's placeholder line is y = 0).
        fits.iter()
            .filter(|f| {
                !hidden.contains(&f.loss.kind()) && f.status != FitStatus::Degenerate(DegenerateReason::NoPoints)
            })
            .map(|f| SceneLine {
                kind: f.loss.kind(),
                slope: f.line.slope,
                intercept: f.line.intercept,
                emphasized: f.loss.kind() == *picked,
            })
            .collect()
    });

    // The curve panels span the picked fit's residuals (a little beyond the largest) but at
    // least ±2δ, so that Huber's kink and the robust losses' linear reach stay in view (on a
    // clean line the residuals alone gave ±0.7, where MAE's V lies above MSE's parabola), and
    // at most half the plot's height: a line through noise of ±40 on a plot 2·10⁶ high (x up
    // to 10⁶, slope 2) put every marker in one column at r = 0. That range is frozen during a
    // drag, so the panels do not rescale under the pointer (a residual beyond gets a chevron).
    let largest_residual = use_frozen_during_drag(dragging, || {
        derived.residuals.iter().map(|s| (s.y - s.fitted).abs()).filter(|r| r.is_finite()).fold(0.0, f64::max)
    });
    let r_limit = (1.15 * largest_residual).max(2.0 * s.params.delta.get()).min(0.5 * view.height()).max(1e-9);
    let curve_data =
        use_memo((r_limit.to_bits(), s.params, s.picked, s.hidden.clone()), |(bits, params, picked, hidden)| {
            curves(f64::from_bits(*bits), *params, *picked, hidden)
        });
    let (rho_series, psi_series) = (curve_data.0.clone(), curve_data.1.clone());
    let rho_top = picked_loss.value(r_limit).max(picked_loss.value(-r_limit)).max(1e-12) * 1.08;
    let psi_top = pull_extent(picked_loss, r_limit).max(1e-12) * 1.15;
    let PointViews { residuals, rho_markers, psi_markers, shares, pulls, any_loss } = (*derived).clone();
    // The point carrying the largest share, named by where it is: points have no numbers on
    // the plot.
    let largest = shares
        .iter()
        .copied()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|_| any_loss)
        .and_then(|(i, share)| Some((points.get(i)?, share)));

    // The screen-reader texts (the plot's description, the announced fits) are read once the
    // pointer stops: not rebuilt on every frame of a drag.
    // The points' magnitudes, for the rule that shows a fit's rounding noise as 0 (the table and
    // these sentences): computed once per render.
    let extent = abs_extent(&points);
    let (description, announcement) = use_frozen_during_drag(s.drag.is_some(), || {
        (describe(&points), announce(&points, extent, s.selected, &fits, s.picked))
    });

    // The plot's and the panels' canvases are drawn by effects of this component (see
    // `scatter_plot`), declared here, before the latency probe's effect, which must run after
    // every drawing.
    let scatter_plot = use_scatter_plot(&ScatterPlotProps {
        points: points.clone(),
        view,
        lines: lines.clone(),
        residuals: residuals.clone(),
        selected: s.selected,
        dragging: s.drag.map(|drag| drag.index),
        placing: s.placing,
        palette: props.shell.palette,
        zoom: props.shell.zoom,
        layout_epoch: props.shell.layout_epoch,
        on_action: on_action.clone(),
        probe: props.shell.probe.clone(),
        description,
    });
    let rho_panel = use_curve_panel(&CurvePanelProps {
        testid: "loss-curve-panel".into(),
        dragging: s.drag.is_some(),
        title: format!("Loss ρ(r): {}", s.picked.label()).into(),
        caption: "Each dot, coloured like the plot's points, is a point's residual and its loss on the picked curve (a chevron at an edge: a residual beyond the panel). Squared loss explodes for large residuals; the robust losses grow only linearly. Huber, log-cosh and pseudo-Huber are ½r² near 0, half of MSE's r²: at a large δ Huber's line is MSE's, at half the loss.".into(),
        y_desc: "ρ(r)".into(),
        series: rho_series,
        markers: rho_markers,
        r_range: (-r_limit, r_limit),
        y_range: (0.0, rho_top),
        palette: props.shell.palette,
        zoom: props.shell.zoom,
        layout_epoch: props.shell.layout_epoch,
    });
    let psi_panel = use_curve_panel(&CurvePanelProps {
        testid: "gradient-panel".into(),
        dragging: s.drag.is_some(),
        title: format!("Pull ψ(r) = ρ′(r): {}", s.picked.label()).into(),
        caption: "How hard each point pulls the line (a chevron at an edge: a residual beyond the panel). MSE's pull 2r grows without bound; MAE's, Huber's, log-cosh's, pseudo-Huber's and the quantile loss's are capped.".into(),
        y_desc: "ψ(r)".into(),
        series: psi_series,
        markers: psi_markers,
        r_range: (-r_limit, r_limit),
        y_range: (-psi_top, psi_top),
        palette: props.shell.palette,
        zoom: props.shell.zoom,
        layout_epoch: props.shell.layout_epoch,
    });
    let influence_panel = use_influence_panel(&InfluencePanelProps {
        points: points.clone(),
        shares,
        pulls,
        pull_limit: psi_top,
        picked: s.picked,
        selected: s.selected,
        largest,
        dragging: s.drag.is_some(),
        palette: props.shell.palette,
        zoom: props.shell.zoom,
        layout_epoch: props.shell.layout_epoch,
    });

    // The latency measurement ends here: this effect runs after every child has drawn.
    {
        let probe = props.shell.probe.clone();
        use_effect(move || probe.finish(crate::browser::now_ms()));
    }

    // Presets; the article's data is fetched on demand.
    let loading = use_state(|| false);
    let on_preset = {
        let (dispatch, loading) = (props.shell.dispatch.clone(), loading.clone());
        Callback::from(move |preset: Preset| match preset.dataset() {
            Some(data) => dispatch.emit(Action::Regression(RegressionAction::Load(data))),
            None => {
                let (dispatch, loading) = (dispatch.clone(), loading.clone());
                loading.set(true);
                wasm_bindgen_futures::spawn_local(async move {
                    match crate::article_data::load_regression().await {
                        Ok(data) => dispatch.emit(Action::Regression(RegressionAction::Load(data))),
                        Err(text) => dispatch.emit(Action::Notify(Notice { text, is_error: true })),
                    }
                    loading.set(false);
                });
            }
        })
    };
    let on_reset = {
        let dispatch = props.shell.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::Regression(RegressionAction::Reset(crate::presets::default_dataset())));
        })
    };

    let n = points.len();
    let degenerate = fits.iter().find_map(|f| match f.status {
        FitStatus::Degenerate(reason) => Some(reason.to_string()),
        _ => None,
    });
    let article_line = fits.get(LossKind::Mse).line;
    let history = s.history.clone();
    let undo = send(&on_action, RegressionAction::Undo);
    let redo = send(&on_action, RegressionAction::Redo);
    let delete_selected = {
        let selected = s.selected;
        send(
            &on_action,
            match selected {
                Some(i) => RegressionAction::Delete(i),
                None => RegressionAction::Select(None),
            },
        )
    };
    // Nudge buttons and "place" mode: ways to move a point without dragging (WCAG 2.5.7).
    let nudge = |dx: f64, dy: f64| {
        let selected = s.selected;
        let (step_x, step_y) = (0.02 * view.width(), 0.02 * view.height());
        send(
            &on_action,
            match selected {
                Some(index) => RegressionAction::Nudge { index, dx: dx * step_x, dy: dy * step_y },
                None => RegressionAction::Select(None),
            },
        )
    };
    let placing = s.placing;
    let toggle_place = send::<MouseEvent, _>(&on_action, RegressionAction::SetPlacing(!placing));
    // Escape on the pressed "Place…" button cancels it, as it does on the plot.
    let cancel_place = {
        let on_action = on_action.clone();
        Callback::from(move |event: KeyboardEvent| {
            if placing && event.key() == "Escape" {
                // Used here: the page's Escape (dismissing a message) leaves it alone.
                event.prevent_default();
                on_action.emit(RegressionAction::SetPlacing(false));
            }
        })
    };

    // Files dropped on the plot are imported like picked ones.
    let (ondragover, ondrop) = drop_handlers(ColumnKind::XY, props.shell.dispatch.clone());
    // The PNG export reads the latest scene through a ref, so its callback stays the same
    // from render to render and the export buttons are not re-rendered on every move.
    let latest_scene = use_mut_ref(|| None);
    *latest_scene.borrow_mut() = Some((
        view,
        points.clone(),
        lines.clone(),
        residuals.clone(),
        props.shell.palette,
        s.data.label.clone(),
        s.picked,
        s.params,
    ));
    let on_png = use_callback(latest_scene, |_: (), latest| {
        let latest = latest.borrow();
        let Some((view, points, lines, residuals, palette, label, picked, params)) = latest.as_ref() else {
            return Err("nothing to draw yet".to_string());
        };
        // Without the selection ring: it marks what the pointer is working on, not the data.
        let scene = ScatterScene { view: *view, points, lines, residuals, selected: None };
        let title = crate::export::png_title(label, points.len(), *picked, *params);
        let url = crate::export::scatter_png(&scene, &title, *palette)?;
        Ok((url, format!("losslab-{}.png", picked.id())))
    });
    let announced = use_settled_text(announcement);
    let file_input = use_node_ref();
    let latest_data = use_mut_ref(|| (points.clone(), fits.clone(), s.params));
    *latest_data.borrow_mut() = (points.clone(), fits.clone(), s.params);

    // Markup that does not change during a drag is memoised on what it shows and rendered
    // through `Frozen`, so a drag frame neither rebuilds nor diffs it.
    let preset_markup = use_memo((*loading, props.shell.open_full.clone()), |(loading, open_full)| {
        preset_bar(&PresetBarProps { on_preset, on_reset, loading: *loading, open_full: open_full.clone() })
    });
    let toolbar_markup = use_memo(
        (history.can_undo(), history.can_redo(), s.selected, placing, view),
        |&(can_undo, can_redo, selected, placing, _)| {
            let no_selection = selected.is_none();
            html! {
                <>
                <div class="toolbar" role="toolbar" aria-label="Edit points">
                    { tool_button("Undo", "undo", undo, !can_undo, Some("Control+Z"), None) }
                    { tool_button("Redo", "redo", redo, !can_redo, Some("Control+Shift+Z"), None) }
                    { tool_button("Delete point", "delete-selected", delete_selected, no_selection, Some("Delete"), None) }
                    <span class="nudge" role="group" aria-label="Move the selected point">
                        { tool_button("←", "nudge-left", nudge(-1.0, 0.0), no_selection, None, Some("Move left")) }
                        { tool_button("↑", "nudge-up", nudge(0.0, 1.0), no_selection, None, Some("Move up")) }
                        { tool_button("↓", "nudge-down", nudge(0.0, -1.0), no_selection, None, Some("Move down")) }
                        { tool_button("→", "nudge-right", nudge(1.0, 0.0), no_selection, None, Some("Move right")) }
                    </span>
                    <button type="button" onclick={(!no_selection).then_some(toggle_place)} onkeydown={cancel_place}
                        aria-disabled={no_selection.then_some("true")} aria-pressed={placing.to_string()}
                        data-testid="place-point" title="Then click where the selected point should go">
                        { if placing { "Click the new place…" } else { "Place…" } }
                    </button>
                </div>
                <p class="hint edit-hint">{ "Click or tap empty space to add a point · drag a point to move it (or select it, with a click or [ ] on the plot, and use the arrows, ←↑↓→ or Place…) · double-click, double-tap or Delete removes it · A adds one · drop a CSV file here, or paste cells copied from a spreadsheet (Ctrl+V), to load data" }</p>
                </>
            }
        },
    );
    let tools_markup = use_memo((), |_| {
        data_tools(&DataToolsProps {
            latest: latest_data.clone(),
            dispatch: props.shell.dispatch.clone(),
            on_png,
            file_input,
        })
    });
    let formulas_markup = use_memo(s.picked, |&picked| formulas(&FormulasProps { picked }));

    // A compact legend beside the plot's title, shown (by the style sheet) only where the loss
    // picker, the full legend, sits below the plot: phones and small embeds. It carries each
    // line's slope: there the table is a long way down, out of sight during a drag.
    let slopes: Vec<u64> = LossKind::ALL
        .iter()
        .map(|&kind| fits.get(kind))
        .map(|f| if f.status == FitStatus::Degenerate(DegenerateReason::NoPoints) { f64::NAN } else { f.line.slope })
        .map(f64::to_bits)
        .collect();
    let legend_markup =
        use_memo((s.picked, s.hidden.clone(), props.shell.palette, slopes), |(picked, hidden, palette, slopes)| {
            plot_legend(*picked, hidden, palette, slopes)
        });

    let comparison_table = use_comparison_table(&ComparisonTableProps {
        points: points.clone(),
        fits: fits.clone(),
        extent,
        picked: s.picked,
        params: s.params,
        palette: props.shell.palette,
    });

    let body = html! {
        <>
            <section class="stage" aria-label="Scatter plot" {ondragover} {ondrop}>
                <Frozen html={preset_markup} />
                <div class="plot-header">
                    <span class="dataset">{ s.data.label.to_string() }</span>
                    <span class="count" data-testid="point-count" data-value={n.to_string()}>
                        { point_count(n) }
                    </span>
                    if let Some(holdout) = &s.data.holdout {
                        { article_test(holdout, article_line) }
                    }
                    <Frozen html={legend_markup} />
                </div>
                { scatter_plot }
                // Below the plot: a drag that makes the data degenerate (or no longer) adds or
                // removes it, and above the plot it moved the plot under the pointer.
                if let Some(reason) = degenerate {
                    <p class="degenerate-note" data-testid="degenerate-note">{ reason }</p>
                }
                // Below the plot, so it moves nothing on the first screen.
                if let Some(hint) = Preset::ALL.into_iter().find(|p| *p.label() == *s.data.label).and_then(Preset::what_to_look_for) {
                    <p class="caption preset-hint" data-testid="preset-hint">{ hint }</p>
                }
                <Frozen html={toolbar_markup} />
                <Frozen html={tools_markup} />
                { fit_announcer(announced) }
                if props.shell.perf { <PerfReadout probe={props.shell.probe.clone()} /> }
            </section>
            <aside class="side" data-loss-keys="true">
                <LossPicker picked={s.picked} params={s.params} hidden={s.hidden.clone()} palette={props.shell.palette} on_action={on_action.clone()} />
                { comparison_table }
            </aside>
            <div class="panels">
                { rho_panel }
                { psi_panel }
                { influence_panel }
            </div>
            <Frozen html={formulas_markup} />
        </>
    };
    // One literal class per case (see `markup`: a class that is not a literal costs code).
    if props.shell.present {
        html! { <div class="lab regression-lab presenting">{ body }</div> }
    } else {
        html! { <div class="lab regression-lab">{ body }</div> }
    }
}

/// The lines on the plot, each a swatch, its loss's name and its slope (`slopes`: f64 bits in
/// [`LossKind::ALL`] order; NaN for none), the picked one first. Hidden from screen readers:
/// the loss picker and the table say the same.
fn plot_legend(picked: LossKind, hidden: &[LossKind], palette: &Palette, slopes: &[u64]) -> Html {
    let shown =
        std::iter::once(picked).chain(LossKind::ALL.into_iter().filter(|&k| k != picked && !hidden.contains(&k)));
    let items = shown.map(|kind| {
        let slope = slopes.get(kind.index()).map_or(f64::NAN, |&bits| f64::from_bits(bits));
        let value = if slope.is_nan() { String::new() } else { format!(" {}", crate::format::compact(slope)) };
        html! {
            <span class="legend-item" data-testid={format!("legend-slope-{}", kind.id())} data-value={slope.to_string()}>
                { swatch(kind, palette, kind == picked) }{ kind.label() }<span class="legend-value">{ value }</span>
            </span>
        }
    });
    html! { <span class="plot-legend" aria-hidden="true"><span class="legend-note">{ "slope:" }</span>{ for items }</span> }
}

/// The test error of the MSE fit on the held-out points (the article's example).
fn article_test(holdout: &Points, line: Line) -> Html {
    let mse = mean_loss(holdout, RegressionLoss::Mse, line);
    html! {
        <span class="article-test" title="The article's LinearRegression example prints 104.2022">
            { format!("Test MSE of the MSE fit on the {} held-out points: ", holdout.len()) }
            <b data-testid="article-test-mse" data-value={mse.to_string()}>{ decimals(mse, 4) }</b>
        </span>
    }
}

/// The plot's name for screen readers. Without the fit: the focused plot's name is read again
/// whenever it changes, and with the fit in it every arrow press was read twice (the fit is
/// read out once an edit settles, by the live region, and is in the table).
fn describe(points: &Points) -> AttrValue {
    format!(
        "Scatter plot of {}. Tab here, then use [ and ] to select a point, arrows to move it, Delete to remove it, A to add one; the picked loss's fit is read out after each edit.",
        point_count(points.len()),
    )
    .into()
}

/// "Huber fit: slope 2.1, intercept 0.57." for the picked loss, rounding noise read as 0 as
/// in the comparison table.
/// `extent` is the points' [`Extent`].
fn fit_sentence(extent: Extent, fits: &AllFits, picked: LossKind) -> String {
    let line = line_without_noise(fits.get(picked).line, picked, extent);
    format!("{} fit: slope {}, intercept {}.", picked.label(), human(line.slope), human(line.intercept))
}

/// The sentence the live region reads after an edit or a selection: the selected point and
/// where it is, the picked loss's fit, then the other fits' slopes (kept short: it is read
/// after every edit).
fn announce(points: &Points, extent: Extent, selected: Option<usize>, fits: &AllFits, picked: LossKind) -> AttrValue {
    if points.is_empty() {
        return "No points yet.".into();
    }
    let point = match selected.and_then(|i| Some((i, points.get(i)?))) {
        Some((i, (x, y))) => {
            format!("Point {} of {} selected, at x = {}, y = {}. ", i + 1, points.len(), human(x), human(y))
        }
        None => String::new(),
    };
    let others: Vec<String> = fits
        .iter()
        .filter(|fit| fit.loss.kind() != picked)
        .map(|fit| {
            format!(
                "{} {}",
                fit.loss.kind().label(),
                human(line_without_noise(fit.line, fit.loss.kind(), extent).slope)
            )
        })
        .collect();
    format!(
        "{point}{}. {} Other slopes: {}.",
        point_count(points.len()),
        fit_sentence(extent, fits, picked),
        others.join(", ")
    )
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_announcement_names_the_selected_point_and_the_picked_fit_first() {
        use losslab_core::numerics::regression::{fit_all, Workspace};
        let points = Points::from_pairs(&[(0.0, 1.0), (1.0, 3.0), (2.0, 5.0)]).unwrap();
        let fits = fit_all(&points, LossParams::default(), None, &mut Workspace::new());
        let text = announce(&points, abs_extent(&points), Some(1), &fits, LossKind::Mae);
        assert_eq!(
            text.as_str(),
            "Point 2 of 3 selected, at x = 1, y = 3. 3 points. MAE fit: slope 2, intercept 1. Other slopes: MSE 2, Huber 2, Log-cosh 2, Quantile 2, Pseudo-Huber 2."
        );
        assert!(announce(&points, abs_extent(&points), None, &fits, LossKind::Mse)
            .starts_with("3 points. MSE fit: slope 2, intercept 1."));
        let empty = Points::empty();
        let none = fit_all(&empty, LossParams::default(), None, &mut Workspace::new());
        assert_eq!(announce(&empty, abs_extent(&empty), None, &none, LossKind::Mse).as_str(), "No points yet.");
    }

    #[test]
    fn the_sentences_read_rounding_noise_in_a_flat_fit_as_zero() {
        use losslab_core::numerics::regression::{fit_all, Workspace};
        // Flat data whose MSE fit comes out with a slope of −6.6e-32 (rounding in the fit).
        let xs = [2.8, 4.9, 2.1, 1.8, 0.7, 8.4, 2.9, 1.6, 0.6, 8.0, 3.2];
        let pairs: Vec<(f64, f64)> = xs.iter().map(|&x| (x, 42.42)).collect();
        let points = Points::from_pairs(&pairs).unwrap();
        let fits = fit_all(&points, LossParams::default(), None, &mut Workspace::new());
        assert_ne!(fits.get(LossKind::Mse).line.slope, 0.0, "the data set no longer exercises the rule");
        for picked in LossKind::ALL {
            let text = announce(&points, abs_extent(&points), None, &fits, picked);
            assert!(text.contains("slope 0, intercept 42.42."), "{text}");
            assert!(text.contains("Other slopes:") && !text.contains("e-"), "{text}");
        }
    }

    #[test]
    fn the_curve_panels_leave_out_hidden_losses_but_never_the_picked_one() {
        let params = LossParams::default();
        let kinds = |series: &[CurveSeries]| series.iter().map(|c| c.kind).collect::<Vec<_>>();
        let (rho, psi) = curves(5.0, params, LossKind::Huber, &[]);
        assert_eq!(kinds(&rho), LossKind::ALL.to_vec());
        assert_eq!(kinds(&psi), LossKind::ALL.to_vec());
        let (rho, psi) = curves(5.0, params, LossKind::Huber, &[LossKind::Mse, LossKind::Huber]);
        assert!(!kinds(&rho).contains(&LossKind::Mse) && !kinds(&psi).contains(&LossKind::Mse));
        assert!(kinds(&rho).contains(&LossKind::Huber), "the picked loss is always drawn");
        assert_eq!(rho.len(), LossKind::ALL.len() - 1);
        assert_eq!(rho.iter().filter(|c| c.emphasized).map(|c| c.kind).collect::<Vec<_>>(), vec![LossKind::Huber]);
    }
}
