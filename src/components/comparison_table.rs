//! Every loss's own fit side by side: slope, intercept, its mean loss, and the picked loss's
//! value at that fit. Cells carry the full-precision value in `data-value`.

use super::frozen::Frozen;
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
/// A hook returning markup: the numbers change on every frame of a drag, but the header, the
/// row labels with their swatches and the caption do not, so those are memoised and rendered
/// through [`Frozen`] (neither rebuilt nor diffed while the picked loss stays the same).
#[hook]
pub fn use_comparison_table(props: &ComparisonTableProps) -> Html {
    let notes = LossKind::ALL.map(|kind| match props.fits.get(kind).status {
        FitStatus::Optimal => None,
        FitStatus::Degenerate(_) => Some("flat line: see the note above the plot"),
        FitStatus::IterationLimit => Some("did not fully converge"),
    });
    let row_heads = use_memo((props.picked, props.palette, notes), |(picked, palette, notes)| {
        LossKind::ALL
            .iter()
            .zip(notes)
            .map(|(&kind, note)| {
                Rc::new(html! {
                    <th scope="row">
                        { super::loss_picker::swatch(kind, palette, kind == *picked) }
                        { kind.label() }
                        if let Some(note) = note { <span class="cell-note" title={*note}>{ " *" }</span> }
                    </th>
                })
            })
            .collect::<Vec<_>>()
    });
    let head = use_memo(props.picked, |picked| {
        html! {
            <thead>
                <tr>
                    <th scope="col">{ "loss" }</th>
                    <th scope="col" title="slope w of the line this loss fits">{ "slope" }</th>
                    <th scope="col" title="intercept b of the line this loss fits">{ "intercept" }</th>
                    <th scope="col" title="the mean loss this fit minimises">{ "own loss" }</th>
                    <th scope="col" title="the picked loss, averaged over the points, at this fit">{ format!("{} at fit", picked.label()) }</th>
                </tr>
            </thead>
        }
    });
    let caption = use_memo(props.picked, |picked| {
        html! {
            <p class="caption">{ format!(
                "The last column is smallest on the {} row: each fit is the best line for its own loss.",
                picked.label()
            ) }</p>
        }
    });
    let picked_loss = props.picked.with(props.params);
    let rows = LossKind::ALL.iter().zip(row_heads.iter()).map(|(&kind, row_head)| {
        let fit = props.fits.get(kind);
        let id = kind.id();
        let at_picked = mean_loss(&props.points, picked_loss, fit.line);
        let cells = html! {
            <>
                <Frozen html={row_head.clone()} />
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
                    <Frozen html={head} />
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <Frozen html={caption} />
        </section>
    }
}
