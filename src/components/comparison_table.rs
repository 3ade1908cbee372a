//! Every loss's own fit side by side: slope, intercept, its mean loss, and the picked loss's
//! value at that fit. Cells carry the full-precision value in `data-value`.

use super::markup::table_row;
use crate::format::human;
use crate::theme::Palette;
use losslab_core::numerics::points::Points;
use losslab_core::numerics::regression::{mean_loss, AllFits, FitStatus, LossKind, LossParams};
use std::rc::Rc;
use yew::prelude::*;

/// Arguments of [`comparison_table`].
pub struct ComparisonTableProps {
    /// The points.
    pub points: Rc<Points>,
    /// Every loss's fit.
    pub fits: Rc<AllFits>,
    /// The emphasised loss.
    pub picked: LossKind,
    /// δ and τ.
    pub params: LossParams,
    /// Colours (for the legend swatches).
    pub palette: Palette,
}

fn cell(testid: String, value: f64) -> Html {
    html! { <td data-testid={testid} data-value={value.to_string()}>{ human(value) }</td> }
}

/// The comparison table.
///
/// A function, not a component: its fits change on every frame of a drag, so memoising it as a
/// component would buy nothing (and each component costs about 1.2 KB of WebAssembly in Yew's
/// machinery).
pub fn comparison_table(props: &ComparisonTableProps) -> Html {
    let picked_loss = props.picked.with(props.params);
    let rows = LossKind::ALL.iter().map(|&kind| {
        let fit = props.fits.get(kind);
        let id = kind.id();
        let at_picked = mean_loss(&props.points, picked_loss, fit.line);
        let note = match fit.status {
            FitStatus::Optimal => None,
            FitStatus::Degenerate(_) => Some("flat line: see the note above the plot"),
            FitStatus::IterationLimit => Some("did not fully converge"),
        };
        let cells = html! {
            <>
                <th scope="row">
                    { super::loss_picker::swatch(kind, &props.palette, kind == props.picked) }
                    { kind.label() }
                    if let Some(note) = note { <span class="cell-note" title={note}>{ " *" }</span> }
                </th>
                { cell(format!("fit-{id}-slope"), fit.line.slope) }
                { cell(format!("fit-{id}-intercept"), fit.line.intercept) }
                { cell(format!("fit-{id}-loss"), fit.mean_loss) }
                { cell(format!("fit-{id}-at-picked"), at_picked) }
            </>
        };
        table_row(id, kind == props.picked, cells)
    });
    html! {
        <section class="panel" data-testid="comparison-table">
            <h2>{ "Every loss's own fit" }</h2>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{ "loss" }</th>
                            <th scope="col" title="slope w of the line this loss fits">{ "slope" }</th>
                            <th scope="col" title="intercept b of the line this loss fits">{ "intercept" }</th>
                            <th scope="col" title="the mean loss this fit minimises">{ "own loss" }</th>
                            <th scope="col" title="the picked loss, averaged over the points, at this fit">{ format!("{} at fit", props.picked.label()) }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <p class="caption">{ format!(
                "The last column is smallest on the {} row: each fit is the best line for its own loss.",
                props.picked.label()
            ) }</p>
        </section>
    }
}
