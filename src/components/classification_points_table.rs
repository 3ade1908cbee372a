//! The classification plot's data as a table: every point's x, label, probability and loss
//! under each fit. Visually hidden (it is the accessible alternative to the canvas) and the
//! source of the per-point test ids `point-loss-<loss>-<i>`.

use super::classification_lab::PointRow;
use crate::format::human;
use crate::state::classification::BinaryLossKind;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`ClassificationPointsTable`].
#[derive(Properties, PartialEq)]
pub struct ClassificationPointsTableProps {
    /// One row per point, in point order.
    pub rows: Rc<Vec<PointRow>>,
    /// The picked loss (the per-point bars show every loss on its fit).
    pub picked: BinaryLossKind,
}

fn value_cell(testid: Option<String>, value: Option<f64>) -> Html {
    let text = value.map_or_else(|| "—".to_string(), human);
    let data = value.map_or_else(|| "NaN".to_string(), |v| v.to_string());
    html! { <td data-testid={testid} data-value={data}>{ text }</td> }
}

/// The per-point data table.
#[component]
pub fn ClassificationPointsTable(props: &ClassificationPointsTableProps) -> Html {
    let rows = props.rows.iter().enumerate().map(|(i, row)| {
        let losses = BinaryLossKind::ALL
            .iter()
            .map(|kind| value_cell(Some(format!("point-loss-{}-{i}", kind.id())), row.loss[kind.index()]));
        html! {
            <tr key={i}>
                <th scope="row">{ i + 1 }</th>
                <td data-testid={format!("point-x-{i}")} data-value={row.x.to_string()}>{ human(row.x) }</td>
                <td>{ if row.positive { "1" } else { "0" } }</td>
                { value_cell(None, row.probability[BinaryLossKind::Bce.index()]) }
                { for losses }
                { for BinaryLossKind::ALL.iter().map(|kind| value_cell(None, row.at_picked.map(|l| l[kind.index()]))) }
            </tr>
        }
    });
    html! {
        <div class="visually-hidden" data-testid="classification-points">
            <table>
                <caption>{ "The points of the classification plot: each loss on its own fit, then every loss on the picked fit (the per-point bars)" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "point" }</th>
                        <th scope="col">{ "x" }</th>
                        <th scope="col">{ "label" }</th>
                        <th scope="col">{ "P(label 1), BCE fit" }</th>
                        <th scope="col">{ "BCE loss" }</th>
                        <th scope="col">{ "focal loss" }</th>
                        <th scope="col">{ "hinge loss" }</th>
                        { for BinaryLossKind::ALL.iter().map(|kind| html! {
                            <th scope="col">{ format!("{} loss on the {} fit", kind.label(), props.picked.label()) }</th>
                        }) }
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}
