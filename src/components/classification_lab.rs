//! The classification lab: derives the three fits (BCE, focal, hinge), the per-point losses,
//! the curves and the bars from the state (memoised, warm-started) and lays out the panels.

use super::callbacks::send;
use super::classification_controls::{binary_swatch, classification_controls, ClassificationControlsProps};
use super::classification_curves::{use_classification_curves, ClassificationCurvesProps};
use super::classification_data_tools::{classification_data_tools, ClassificationToolsProps};
use super::classification_fits::{boundary_text, classification_fits, slope_is_noise, ClassificationFitsProps};
use super::classification_loss_bars::{use_classification_loss_bars, ClassificationLossBarsProps};
use super::classification_plot::{use_classification_plot, ClassificationPlotProps};
use super::classification_points_table::ClassificationPointsTable;
use super::data_tools::drop_handlers;
use super::drag_frozen::use_frozen_during_drag;
use super::fit_announcer::{fit_announcer, use_settled_text};
use super::frozen::Frozen;
use super::hooks::{use_effect, use_mut_ref, use_node_ref};
use super::markup::tool_button;
use super::perf_readout::PerfReadout;
use super::preset_bar::open_full_button;
use super::shell::Shell;
use super::softmax_panel::{use_softmax_panel, SoftmaxPanelProps};
use crate::charts::classification::{FittedLine, PointLossBar};
use crate::format::point_count;
use crate::state::classification::{
    default_set, x_order, BinaryLossKind, ClassPreset, ClassificationAction, ClassificationState,
};
use crate::state::Action;
use crate::theme::Palette;
use losslab_core::io::csv::ColumnKind;
use losslab_core::numerics::classification::{
    accuracy, decision_boundary, fit_binary, point_diagnostics, BinaryFit, BinaryLoss, FitError, FocalParams,
    L2Penalty, LabeledPoints,
};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`ClassificationLab`].
#[derive(Properties, PartialEq)]
pub struct ClassificationLabProps {
    /// The lab's state.
    pub state: ClassificationState,
    /// The app's services and view settings.
    pub shell: Shell,
}

/// One loss's fit as the panels show it.
#[derive(Debug, Clone, PartialEq)]
pub struct BinaryFitView {
    /// The loss.
    pub kind: BinaryLossKind,
    /// The fit of the current points and settings, if one exists.
    pub fit: Option<BinaryFit>,
    /// Why no fit exists (the core's sentence).
    pub error: Option<FitError>,
    /// The last fit that existed, drawn faded while there is none.
    pub last_good: Option<BinaryFit>,
    /// Accuracy of the current fit at the 0.5 threshold.
    pub accuracy: Option<f64>,
    /// The current fit's decision boundary x = −b/w.
    pub boundary: Option<f64>,
}

/// One point with its probability and loss under each loss's own fit (`None` where that
/// loss has no fit).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointRow {
    /// The point's x.
    pub x: f64,
    /// Whether its label is 1.
    pub positive: bool,
    /// P(label 1) under each fit, in [`BinaryLossKind::ALL`] order.
    pub probability: [Option<f64>; 3],
    /// The point's loss under each fit.
    pub loss: [Option<f64>; 3],
    /// Every loss of the point on one common line, the picked loss's fit (so the losses
    /// differ only by how they score the same prediction); `None` without that fit.
    pub at_picked: Option<[f64; 3]>,
}

/// A fit's inputs (points, loss, penalty, whether warm-started) and its result.
type ComputedFit = (Rc<LabeledPoints>, BinaryLoss, L2Penalty, bool, Result<BinaryFit, FitError>);

/// What each loss's fit was last computed from, and its result, so that a change of γ or α
/// (a slider swept through its range) refits focal loss alone; and each loss's last good fit,
/// drawn faded while no fit exists.
#[derive(Default)]
struct FitCache {
    /// The data set the last good fits belong to (its label without " (edited)").
    source: Rc<str>,
    /// Per loss: the last good fit.
    last_good: [Option<BinaryFit>; 3],
    /// Per loss: the points, loss, penalty and warm flag of the last fit, and its result.
    computed: [Option<ComputedFit>; 3],
}

/// Fits every loss (reusing a fit of the very same inputs), remembering the last good fits,
/// and warm-starting from them when `warm`. The last good fits of another data set (`source`)
/// are forgotten: faded, they would be drawn over data they never saw.
fn fit_all(
    points: &Rc<LabeledPoints>,
    source: &str,
    focal: FocalParams,
    l2: L2Penalty,
    cache: &mut FitCache,
    warm: bool,
) -> Vec<BinaryFitView> {
    let source = source.strip_suffix(" (edited)").unwrap_or(source);
    let x_extent = super::classification_fits::x_extent(points);
    if *cache.source != *source {
        cache.source = source.into();
        cache.last_good = [None; 3];
    }
    BinaryLossKind::ALL
        .iter()
        .map(|&kind| {
            let (loss, k) = (kind.with(focal), kind.index());
            let slot = &mut cache.last_good[k];
            let same = |(p, l, l2_then, warm_then, _): &&ComputedFit| {
                Rc::ptr_eq(p, points) && *l == loss && *l2_then == l2 && (*warm_then == warm || !*warm_then)
            };
            let result = match cache.computed[k].as_ref().filter(same) {
                Some((.., result)) => *result,
                None => {
                    let start = slot.filter(|_| warm).map(|f| f.line);
                    let result = fit_binary(points, loss, l2, start);
                    cache.computed[k] = Some((points.clone(), loss, l2, warm, result));
                    result
                }
            };
            match result {
                Ok(fit) => {
                    *slot = Some(fit);
                    BinaryFitView {
                        kind,
                        fit: Some(fit),
                        error: None,
                        last_good: None,
                        accuracy: accuracy(points, fit.line),
                        // A slope of rounding noise has no boundary (it would be −b/w ≈ ±10¹⁶).
                        boundary: decision_boundary(fit.line).filter(|_| !slope_is_noise(fit.line.slope, x_extent)),
                    }
                }
                Err(error) => BinaryFitView {
                    kind,
                    fit: None,
                    error: Some(error),
                    last_good: *slot,
                    accuracy: None,
                    boundary: None,
                },
            }
        })
        .collect()
}

/// The per-point probabilities and losses under every fit, and every loss at the picked fit.
fn point_rows(
    points: &LabeledPoints,
    focal: FocalParams,
    fits: &[BinaryFitView],
    picked: BinaryLossKind,
) -> Vec<PointRow> {
    let common = fits.get(picked.index()).and_then(|view| view.fit).map(|fit| fit.line);
    let mut rows: Vec<PointRow> = points
        .iter()
        .map(|(x, positive)| {
            let at_picked = common.map(|line| {
                let z = line.predict_exactly(x);
                BinaryLossKind::ALL.map(|kind| kind.with(focal).value(z, positive))
            });
            PointRow { x, positive, probability: [None; 3], loss: [None; 3], at_picked }
        })
        .collect();
    for view in fits {
        let Some(fit) = view.fit else { continue };
        let k = view.kind.index();
        for (row, d) in rows.iter_mut().zip(point_diagnostics(points, view.kind.with(focal), fit.line)) {
            row.probability[k] = Some(d.probability);
            row.loss[k] = Some(d.loss);
        }
    }
    rows
}

/// What the panels show, derived from the fits and the picked loss.
#[derive(Clone, PartialEq)]
struct Derived {
    /// Every point's probabilities and losses.
    rows: Rc<Vec<PointRow>>,
    /// The fitted lines to draw (a stale one while no fit exists).
    lines: Rc<Vec<FittedLine>>,
    /// The per-point loss bars, in x order.
    bars: Rc<Vec<PointLossBar>>,
    /// `order[slot]` is the point drawn in bar slot `slot`.
    order: Rc<Vec<usize>>,
}

/// The fitted curves on the plot, each a swatch and its loss's name, the picked one first.
/// Hidden from screen readers: the loss controls say the same.
fn plot_legend(picked: BinaryLossKind, palette: &Palette) -> Html {
    let kinds = std::iter::once(picked).chain(BinaryLossKind::ALL.into_iter().filter(|&k| k != picked));
    let items = kinds.map(|kind| {
        html! { <span class="legend-item">{ binary_swatch(kind, palette, kind == picked) }{ kind.label() }</span> }
    });
    html! { <span class="plot-legend" aria-hidden="true">{ for items }</span> }
}

fn derive(points: &LabeledPoints, focal: FocalParams, fits: &[BinaryFitView], picked: BinaryLossKind) -> Derived {
    let rows = point_rows(points, focal, fits, picked);
    let x_extent = super::classification_fits::x_extent(points);
    let lines = fits
        .iter()
        .filter_map(|view| {
            let (fit, stale) = match (view.fit, view.last_good) {
                (Some(fit), _) => (fit, false),
                (None, Some(fit)) => (fit, true),
                (None, None) => return None,
            };
            // A slope of rounding noise is drawn flat, as the table shows it: no boundary.
            let line = match slope_is_noise(fit.line.slope, x_extent) {
                true => losslab_core::numerics::points::Line::new(0.0, fit.line.intercept),
                false => fit.line,
            };
            Some(FittedLine { kind: view.kind, line, emphasized: view.kind == picked, stale })
        })
        .collect();
    // The bars run in x order.
    let order = x_order(points);
    let bars = order
        .iter()
        .filter_map(|&i| {
            let row = rows.get(i)?;
            Some(PointLossBar { losses: row.at_picked?, positive: row.positive })
        })
        .collect();
    Derived { rows: Rc::new(rows), lines: Rc::new(lines), bars: Rc::new(bars), order: Rc::new(order) }
}

/// The smallest of 1, 2, 5 × 10ᵏ at least `v`: the loss axis changes only in steps, so its
/// text is not redrawn on every frame of a drag.
fn nice_ceiling(v: f64) -> f64 {
    if !(v.is_finite() && v > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * magnitude).find(|&c| c >= v).unwrap_or(10.0 * magnitude)
}

/// The sentence shown under the plot when some fit does not exist; losses with the same
/// reason share one sentence.
fn fit_note(fits: &[BinaryFitView]) -> Option<String> {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for view in fits {
        let Some(error) = view.error else { continue };
        let text = error.to_string();
        match groups.iter_mut().find(|g| g.0 == text) {
            Some(group) => group.1.push(view.kind.label()),
            None => groups.push((text, vec![view.kind.label()])),
        }
    }
    if groups.is_empty() {
        return None;
    }
    let capitalised = |text: &str| {
        let mut chars = text.chars();
        chars.next().map(|first| std::iter::once(first.to_ascii_uppercase()).chain(chars).collect()).unwrap_or_default()
    };
    // Reasons that begin alike ("the classes do not overlap (…): " and then why that matters
    // to each loss) say their shared beginning once (a review read it twice in a row).
    let head = |text: &str| text.split_once(": ").map(|(head, _)| head.to_string());
    let shared =
        head(&groups[0].0).filter(|h| groups.len() > 1 && groups.iter().all(|g| head(&g.0).as_ref() == Some(h)));
    let mut sentences: Vec<String> = shared.iter().map(|h| format!("{}.", capitalised(h))).collect();
    for (text, names) in &groups {
        let reason = match &shared {
            Some(h) => &text[h.len() + 2..],
            None => text.as_str(),
        };
        sentences.push(format!(
            "{}: {}.",
            names.join(", "),
            if shared.is_some() { reason.to_string() } else { capitalised(reason) }
        ));
    }
    let faded = if fits.iter().any(|f| f.fit.is_none() && f.last_good.is_some()) {
        " The faded curves are the last fits that existed."
    } else {
        ""
    };
    Some(format!("{}{faded}", sentences.join(" ")))
}

/// The sentence shown when every point shares one x (and the fits exist): the data cannot
/// tell any slope, so every fit is the flat line at the best constant probability.
fn shared_x_note(points: &LabeledPoints) -> Option<String> {
    let xs = points.xs();
    let shared = xs.len() >= 2 && xs.iter().all(|&x| x == xs[0]);
    shared.then(|| {
        "Every point has the same x, so the data cannot tell any slope: each fit is a flat line at its best constant probability, with no decision boundary.".to_string()
    })
}

/// The classification lab.
#[component]
pub fn ClassificationLab(props: &ClassificationLabProps) -> Html {
    let s = &props.state;
    let on_action = props.shell.dispatch.reform(Action::Classification);
    let points = s.data.points.clone();

    // Every fit. During a drag each frame is warm-started from the last good fits; at rest
    // the fits start cold, so they depend on the data and parameters alone (the focal loss
    // is not convex: a warm start could settle in another local minimum than a link or a
    // reload of the same points). The last good fits also stay drawn, faded, while no fit
    // exists.
    let cache = use_mut_ref(FitCache::default);
    let dragging = s.drag.is_some();
    let fits: Rc<Vec<BinaryFitView>> =
        use_memo((points.clone(), s.focal, s.l2, dragging), |(points, focal, l2, dragging)| {
            fit_all(points, &s.data.label, *focal, *l2, &mut cache.borrow_mut(), *dragging)
        });
    // Rows, lines and bars change together (the fits change whenever the points or γ, α do),
    // so one memo computes them (one memo instead of three: each hook instance costs code).
    let derived: Rc<Derived> =
        use_memo((points.clone(), s.focal, fits.clone(), s.picked), |(points, focal, fits, picked)| {
            derive(points, *focal, fits, *picked)
        });
    let Derived { rows, lines, bars, order } = (*derived).clone();
    let shown: Vec<BinaryLossKind> = match s.picked {
        BinaryLossKind::Hinge => BinaryLossKind::ALL.to_vec(),
        _ => vec![BinaryLossKind::Bce, BinaryLossKind::Focal],
    };
    let bar_top = bars.iter().flat_map(|b| shown.iter().map(move |k| b.losses[k.index()])).fold(0.0, f64::max);
    let bar_max = nice_ceiling(bar_top.max(0.1) * 1.05);
    let highlight = s.selected.and_then(|i| order.iter().position(|&j| j == i));

    // A compact legend beside the plot's title, shown (by the style sheet) only where the
    // controls, with the full legend, sit below the plot: phones and small embeds.
    let legend_markup = use_memo((s.picked, props.shell.palette), |(picked, palette)| plot_legend(*picked, palette));

    // The hidden data table is rebuilt once a drag ends, not on every frame of it.
    let settled_rows = use_mut_ref(|| rows.clone());
    if s.drag.is_none() {
        *settled_rows.borrow_mut() = rows.clone();
    }
    let table_rows = settled_rows.borrow().clone();

    // The plot's and the panels' canvases are drawn by effects of this component (see
    // `classification_plot`), declared here, before the latency probe's effect, which must run
    // after every drawing.
    let picked_view = fits.get(s.picked.index()).cloned();
    // The screen-reader description is read once the pointer stops: not rebuilt per frame.
    let x_span = s.x_range().1 - s.x_range().0;
    // The same for the live region's sentence (the selected point and the picked fit).
    let (description, announcement) = use_frozen_during_drag(s.drag.is_some(), || {
        (describe(points.len(), points.positives()), announce(&points, s.selected, picked_view.as_ref(), x_span))
    });
    let announced = use_settled_text(announcement);
    let plot = use_classification_plot(&ClassificationPlotProps {
        points: points.clone(),
        x_range: s.x_range(),
        lines,
        selected: s.selected,
        dragging: s.drag.map(|drag| drag.index),
        palette: props.shell.palette,
        zoom: props.shell.zoom,
        layout_epoch: props.shell.layout_epoch,
        on_action: on_action.clone(),
        probe: props.shell.probe.clone(),
        description,
    });
    let loss_bars = use_classification_loss_bars(&ClassificationLossBarsProps {
        bars,
        shown: Rc::new(shown),
        y_max: bar_max,
        picked: s.picked,
        highlight,
        palette: props.shell.palette,
        zoom: props.shell.zoom,
        layout_epoch: props.shell.layout_epoch,
        dragging: s.drag.is_some(),
    });
    let probability_curves = use_classification_curves(&ClassificationCurvesProps {
        rows: rows.clone(),
        picked: s.picked,
        focal: s.focal,
        palette: props.shell.palette,
        zoom: props.shell.zoom,
        layout_epoch: props.shell.layout_epoch,
        dragging: s.drag.is_some(),
    });
    let softmax_panel = use_softmax_panel(&SoftmaxPanelProps {
        softmax: s.softmax,
        on_action: on_action.clone(),
        palette: props.shell.palette,
        zoom: props.shell.zoom,
        layout_epoch: props.shell.layout_epoch,
    });

    // The latency measurement ends here: this effect runs after every child has drawn.
    {
        let probe = props.shell.probe.clone();
        use_effect(move || probe.finish(crate::browser::now_ms()));
    }

    let preset_buttons = ClassPreset::ALL.iter().map(|&preset| {
        let onclick = on_action.reform(move |_: MouseEvent| ClassificationAction::Load(preset.dataset()));
        html! {
            <button type="button" class="preset" {onclick} data-testid={format!("preset-{}", preset.id())} key={preset.id()}>
                { preset.label() }
            </button>
        }
    });
    let on_reset = {
        let on_action = on_action.clone();
        Callback::from(move |_: MouseEvent| {
            on_action.emit(ClassificationAction::Reset(default_set()));
        })
    };

    let n = points.len();
    let positives = points.positives();
    let note = fit_note(&fits).or_else(|| shared_x_note(&points));
    let history = s.history.clone();
    let undo = send(&on_action, ClassificationAction::Undo);
    let redo = send(&on_action, ClassificationAction::Redo);
    let delete_selected = {
        let selected = s.selected;
        send(
            &on_action,
            match selected {
                Some(i) => ClassificationAction::Delete(i),
                None => ClassificationAction::Select(None),
            },
        )
    };
    let flip_selected = {
        let selected = s.selected;
        send(
            &on_action,
            match selected {
                Some(i) => ClassificationAction::Flip(i),
                None => ClassificationAction::Select(None),
            },
        )
    };
    // The focal loss with its current γ and α, whichever loss is picked.
    let focal_label = BinaryLossKind::Focal.with(s.focal).label();
    let file_input = use_node_ref();
    let tools = classification_data_tools(&ClassificationToolsProps {
        points: points.clone(),
        rows: table_rows.clone(),
        focal: s.focal,
        l2: s.l2,
        dispatch: props.shell.dispatch.clone(),
        file_input,
    });
    // Files dropped on the plot are imported like picked ones.
    let (ondragover, ondrop) = drop_handlers(ColumnKind::XLabel, props.shell.dispatch.clone());

    let body = html! {
        <>
            <section class="stage" aria-label="Classification plot" {ondragover} {ondrop}>
                <div class="preset-bar" role="group" aria-label="Data sets">
                    <span class="preset-label">{ "Data:" }</span>
                    { for preset_buttons }
                    <button type="button" class="preset secondary" onclick={on_reset} data-testid="preset-reset"
                        title="The opening data set and settings (Undo brings back what you had)">{ "Reset" }</button>
                    { open_full_button(&props.shell.open_full) }
                </div>
                <div class="plot-header">
                    <span class="dataset">{ s.data.label.to_string() }</span>
                    <span class="count" data-testid="point-count" data-value={n.to_string()}>
                        { format!("{}: {} with label 0, {positives} with label 1", point_count(n), n - positives) }
                    </span>
                    <Frozen html={legend_markup} />
                </div>
                { plot }
                // Below the plot: a drag that makes the classes separable (or no longer) adds or
                // removes it, and above the plot it moved the plot ~100 px under the pointer.
                if let Some(note) = note {
                    <p class="fit-note" data-testid="fit-note" role="status">{ note }</p>
                }
                <div class="toolbar" role="toolbar" aria-label="Edit points">
                    { tool_button("Undo", "undo", undo, !history.can_undo(), Some("Control+Z"), None) }
                    { tool_button("Redo", "redo", redo, !history.can_redo(), Some("Control+Shift+Z"), None) }
                    { tool_button("Flip label", "flip-selected", flip_selected, s.selected.is_none(), Some("Space"), None) }
                    { tool_button("Delete point", "delete-selected", delete_selected, s.selected.is_none(), Some("Delete"), None) }
                    <span class="hint edit-hint">{ "Click or tap a point to flip its label · drag it along x · click empty space to add one (its label is the nearer row) · double-click, double-tap or Delete removes · arrows move (↑↓ change its row), Space flips, [ ] select, A adds · drop a CSV file here, or paste cells (Ctrl+V), to load data" }</span>
                </div>
                { tools }
                { fit_announcer(announced) }
                if props.shell.perf { <PerfReadout probe={props.shell.probe.clone()} /> }
            </section>
            <aside class="side" data-loss-keys="true">
                { classification_controls(&ClassificationControlsProps { picked: s.picked, focal: s.focal, l2: s.l2, palette: props.shell.palette, on_action: on_action.clone() }) }
                { classification_fits(&ClassificationFitsProps { fits: fits.clone(), picked: s.picked, focal_label, x_span, points: points.clone(), lambda: s.l2.lambda(), palette: props.shell.palette }) }
            </aside>
            <div class="panels">
                { loss_bars }
                { probability_curves }
                { softmax_panel }
            </div>
            <ClassificationPointsTable rows={table_rows} picked={s.picked} />
        </>
    };
    // One literal class per case (see `markup`: a class that is not a literal costs code).
    if props.shell.present {
        html! { <div class="lab classification-lab presenting">{ body }</div> }
    } else {
        html! { <div class="lab classification-lab">{ body }</div> }
    }
}

/// The plot's name for screen readers, without the fit (see the regression lab's `describe`:
/// the focused plot's name is read again whenever it changes).
fn describe(n: usize, positives: usize) -> AttrValue {
    format!(
        "Classification plot of {}, {} with label 0 (circles, bottom row) and {positives} with label 1 (squares, top row). Tab here, then use [ and ] to select a point, arrows to move it, Space to flip its label, Delete to remove it, A to add one; the picked loss's fit is read out after each edit.",
        point_count(n),
        n - positives
    )
    .into()
}

/// The picked loss's fit in a sentence: its decision boundary and accuracy, or why there is no
/// fit.
fn fit_sentence(view: &BinaryFitView, x_span: f64) -> String {
    let kind = view.kind.label();
    match (view.fit, view.error) {
        (Some(_), _) => {
            let boundary = match view.boundary {
                Some(b) => format!("decision boundary at x = {}", boundary_text(b, x_span)),
                None => "no boundary (flat)".to_string(),
            };
            let accuracy = match view.accuracy {
                Some(a) => format!(", accuracy {:.1}%", 100.0 * a),
                None => String::new(),
            };
            format!("{kind} fit: {boundary}{accuracy}.")
        }
        (None, Some(error)) => format!("No {kind} fit: {error}."),
        (None, None) => format!("No {kind} fit."),
    }
}

/// The sentence the live region reads after an edit or a selection: the selected point (its
/// x and label) and the picked loss's fit (boundary and accuracy, or why there is none).
fn announce(points: &LabeledPoints, selected: Option<usize>, picked: Option<&BinaryFitView>, x_span: f64) -> AttrValue {
    let n = points.len();
    if n == 0 {
        return "No points yet.".into();
    }
    let point = match selected.filter(|&i| i < n) {
        // `[` and `]` walk the points from left to right, so the place from the left is said
        // too: the number alone (the point's row in the data) jumped about on each key.
        Some(i) => format!(
            "Point {} of {n} selected, {} from the left, at x = {}, label {}. ",
            i + 1,
            ordinal(place_from_left(points, i) + 1),
            crate::format::human(points.xs()[i]),
            u8::from(points.labels()[i])
        ),
        None => String::new(),
    };
    let fit = picked.map(|view| fit_sentence(view, x_span)).unwrap_or_default();
    format!("{point}{}, {} with label 1. {fit}", point_count(n), points.positives()).into()
}

/// Where point `i` comes in the walk of `[` and `]` (x order, ties by index), from 0.
fn place_from_left(points: &LabeledPoints, i: usize) -> usize {
    let xs = points.xs();
    let x = xs[i];
    xs.iter().enumerate().filter(|&(j, &other)| other.total_cmp(&x).then(j.cmp(&i)).is_lt()).count()
}

/// 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, …, 21st.
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_announcement_says_where_the_selected_point_comes_from_the_left() {
        let points = LabeledPoints::from_pairs(&[(2.0, false), (-1.0, true), (0.5, false), (0.5, true)]).unwrap();
        let order = x_order(&points);
        for (place, &i) in order.iter().enumerate() {
            assert_eq!(place_from_left(&points, i), place, "the walk of [ and ]");
        }
        assert!(announce(&points, Some(0), None, 3.0).starts_with("Point 1 of 4 selected, 4th from the left, at x = 2"));
        let ordinals: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111, 2053].map(ordinal).to_vec();
        assert_eq!(
            ordinals,
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th", "2053rd"]
        );
    }

    #[test]
    fn separable_points_say_why_and_keep_the_last_good_fit() {
        let points = Rc::new(
            LabeledPoints::from_pairs(&[(-2.0, false), (-1.0, false), (0.5, false), (1.0, true), (2.0, true)]).unwrap(),
        );
        let focal = FocalParams::new(2.0, None).unwrap();
        let mut cache = FitCache::default();
        let fits = fit_all(&points, "custom", focal, L2Penalty::new(0.01).unwrap(), &mut cache, true);
        assert!(fits.iter().all(|f| f.fit.is_some() && f.accuracy == Some(1.0)));
        assert!(fit_note(&fits).is_none());
        let fits = fit_all(&points, "custom (edited)", focal, L2Penalty::NONE, &mut cache, true);
        assert!(fits.iter().all(|f| f.fit.is_none() && f.last_good.is_some()));
        let note = fit_note(&fits).unwrap();
        // The shared reason once, then what it means for each loss.
        assert!(
            note.starts_with(
                "The classes do not overlap (a boundary at x = 0.75 separates them). BCE, Focal: without an L2 penalty"
            ),
            "{note}"
        );
        assert_eq!(note.matches("do not overlap").count(), 1, "{note}");
        assert!(
            note.contains("grow without bound; set λ > 0. Hinge: without an L2 penalty ever steeper lines"),
            "{note}"
        );
        assert!(note.contains("no single best line"), "{note}");
        assert!(note.ends_with("last fits that existed."), "{note}");
        let rows = point_rows(&points, focal, &fits, BinaryLossKind::Focal);
        assert!(rows.iter().all(|r| r.loss == [None; 3]));
    }

    #[test]
    fn a_change_of_gamma_refits_focal_loss_alone_and_a_new_data_set_forgets_the_last_fits() {
        let points = Rc::new(
            LabeledPoints::from_pairs(&[(-2.0, false), (-1.0, true), (0.5, false), (1.0, true), (2.0, true)]).unwrap(),
        );
        let l2 = L2Penalty::new(0.01).unwrap();
        let mut cache = FitCache::default();
        fit_all(&points, "Overlapping", FocalParams::new(2.0, None).unwrap(), l2, &mut cache, false);
        // Marked warm when recomputed: only focal loss is.
        let fits = fit_all(&points, "Overlapping", FocalParams::new(1.0, None).unwrap(), l2, &mut cache, true);
        let warm_flags = cache.computed.each_ref().map(|c| c.as_ref().map(|c| c.3));
        assert_eq!(warm_flags, [Some(false), Some(true), Some(false)]);
        let direct = fit_binary(&points, BinaryLoss::Focal(FocalParams::new(1.0, None).unwrap()), l2, None).unwrap();
        assert!((fits[1].fit.unwrap().line.slope - direct.line.slope).abs() < 1e-9);
        // An edit keeps the last good fits; another data set (an import) drops them.
        let separable = Rc::new(LabeledPoints::from_pairs(&[(0.0, false), (1.0, true)]).unwrap());
        let focal = FocalParams::new(2.0, None).unwrap();
        let fits = fit_all(&separable, "Overlapping (edited)", focal, L2Penalty::NONE, &mut cache, false);
        assert!(fits.iter().all(|f| f.fit.is_none() && f.last_good.is_some()));
        let fits = fit_all(&separable, "data.csv", focal, L2Penalty::NONE, &mut cache, false);
        assert!(fits.iter().all(|f| f.fit.is_none() && f.last_good.is_none()));
    }

    #[test]
    fn a_slope_of_rounding_noise_has_no_decision_boundary() {
        // A review: one point of each label at every x, so the best slope is 0; the focal fit
        // ended at w ≈ 1.9e-17 and the table showed a boundary at x = 2.2e16.
        let pairs: Vec<(f64, bool)> = [0.0, 1.0, 2.0].iter().flat_map(|&x| [(x, false), (x, true)]).collect();
        let points = Rc::new(LabeledPoints::from_pairs(&pairs).unwrap());
        let focal = FocalParams::new(2.0, Some(0.25)).unwrap();
        let fits = fit_all(&points, "custom", focal, L2Penalty::new(0.01).unwrap(), &mut FitCache::default(), false);
        for view in &fits {
            let w = view.fit.expect("a fit").line.slope;
            assert!(w.abs() < 1e-12, "{:?}: w = {w:e}", view.kind);
            assert_eq!(view.boundary, None, "{:?}: w = {w:e}", view.kind);
        }
        assert!(slope_is_noise(1.866e-17, 2.0) && !slope_is_noise(1e-6, 2.0) && slope_is_noise(1.0, 0.0));
        // The plot draws them flat, as the table shows them (no boundary line or step).
        let derived = derive(&points, focal, &fits, BinaryLossKind::Focal);
        assert!(derived.lines.iter().all(|line| line.line.slope == 0.0), "{:?}", derived.lines);
        // A real slope keeps its boundary.
        let overlapping = Rc::new(
            LabeledPoints::from_pairs(&[(-2.0, false), (-1.0, true), (0.5, false), (1.0, true), (2.0, true)]).unwrap(),
        );
        let fits =
            fit_all(&overlapping, "custom", focal, L2Penalty::new(0.01).unwrap(), &mut FitCache::default(), false);
        assert!(fits.iter().all(|view| view.boundary.is_some_and(f64::is_finite)));
    }

    #[test]
    fn points_sharing_one_x_get_a_note_and_flat_fits() {
        let points = Rc::new(LabeledPoints::from_pairs(&[(2.0, false), (2.0, true), (2.0, true)]).unwrap());
        let focal = FocalParams::new(2.0, None).unwrap();
        for lambda in [0.0, 0.01] {
            let fits =
                fit_all(&points, "custom", focal, L2Penalty::new(lambda).unwrap(), &mut FitCache::default(), true);
            assert!(fits.iter().all(|f| f.fit.is_some_and(|fit| fit.line.slope == 0.0)), "λ = {lambda}");
            assert!(fit_note(&fits).is_none());
        }
        assert!(shared_x_note(&points).is_some_and(|note| note.contains("same x")));
        let apart = LabeledPoints::from_pairs(&[(2.0, false), (3.0, true)]).unwrap();
        assert!(shared_x_note(&apart).is_none());
        let one = LabeledPoints::from_pairs(&[(2.0, false)]).unwrap();
        assert!(shared_x_note(&one).is_none());
    }

    #[test]
    fn per_point_losses_average_to_each_fits_mean_loss() {
        let points = crate::state::classification::ClassPreset::Imbalanced.dataset().points;
        let focal = FocalParams::new(2.0, Some(0.25)).unwrap();
        let fits = fit_all(&points, "custom", focal, L2Penalty::new(0.01).unwrap(), &mut FitCache::default(), true);
        let rows = point_rows(&points, focal, &fits, BinaryLossKind::Focal);
        for view in fits.iter() {
            let mean = rows.iter().map(|r| r.loss[view.kind.index()].unwrap()).sum::<f64>() / rows.len() as f64;
            let fit = view.fit.unwrap();
            assert!((mean - fit.mean_loss).abs() <= 1e-12 * fit.mean_loss.max(1.0), "{:?}", view.kind);
        }
        // On the picked (focal) fit, the focal column is the focal loss of its own fit.
        assert!(rows.iter().all(|r| r.at_picked.map(|l| l[1]) == r.loss[1]));
    }

    #[test]
    fn the_announcement_names_the_selected_point_and_the_picked_fit() {
        let points =
            Rc::new(LabeledPoints::from_pairs(&[(-2.0, false), (-1.0, true), (0.5, false), (1.0, true)]).unwrap());
        let focal = FocalParams::new(2.0, None).unwrap();
        let fits = fit_all(&points, "custom", focal, L2Penalty::new(0.01).unwrap(), &mut FitCache::default(), true);
        let text = announce(&points, Some(1), fits.get(BinaryLossKind::Bce.index()), 3.0);
        assert!(text.starts_with("Point 2 of 4 selected, 2nd from the left, at x = −1, label 1. 4 points, 2 with label 1. BCE fit: decision boundary at x = "), "{text}");
        assert!(text.ends_with("accuracy 50.0%."), "{text}");
        let none = announce(&points, None, None, 3.0);
        assert_eq!(none.as_str(), "4 points, 2 with label 1. ");
        assert_eq!(announce(&LabeledPoints::default(), None, None, 1.0).as_str(), "No points yet.");
        // One point is "1 point", here and in the plot's description.
        let one = LabeledPoints::from_pairs(&[(0.5, true)]).unwrap();
        assert_eq!(announce(&one, None, None, 1.0).as_str(), "1 point, 1 with label 1. ");
        assert!(describe(1, 1).starts_with("Classification plot of 1 point, 0 with label 0"));
    }

    #[test]
    fn the_loss_axis_moves_in_steps() {
        assert_eq!(nice_ceiling(0.03), 0.05);
        assert_eq!(nice_ceiling(1.2), 2.0);
        assert_eq!(nice_ceiling(5.0), 5.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(f64::NAN), 1.0);
    }
}
