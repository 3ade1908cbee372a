//! The classification plot's data as a table: every point's x, label, probability and loss
//! under each fit. Visually hidden (it is the accessible alternative to the canvas) and the
//! source of the per-point test ids `point-x-<i>` and `point-loss-<loss>-<i>`.
//!
//! When a drag ends every row changes (the fits moved), and the browser needs about a quarter
//! of a millisecond per row to update and lay out its cells: with 2,000 points that held the
//! page for about a second (4× throttled). So the rows catch up in slices of [`SLICE`], one per
//! task, each row's markup rebuilt (and diffed) only when its values changed; up to
//! [`SLICE`] points (every preset) the table is current at once.

use super::classification_lab::PointRow;
use super::frozen::Frozen;
use crate::format::human;
use crate::state::classification::BinaryLossKind;
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use yew::prelude::*;

/// Rows brought up to date per task.
const SLICE: usize = 40;

/// Properties of [`ClassificationPointsTable`].
#[derive(Properties, PartialEq)]
pub struct ClassificationPointsTableProps {
    /// One row per point, in point order.
    pub rows: Rc<Vec<PointRow>>,
    /// The picked loss (the per-point bars show every loss on its fit).
    pub picked: BinaryLossKind,
}

/// `shown` brought closer to `target`: its first `slice` rows that differ from the target's
/// take the target's values. Returns the rows and whether some still differ. Tables of other
/// lengths (points added or deleted) are replaced at once.
fn catch_up(shown: &[PointRow], target: &[PointRow], slice: usize) -> (Vec<PointRow>, bool) {
    if shown.len() != target.len() {
        return (target.to_vec(), false);
    }
    let mut rows = shown.to_vec();
    let mut changed = 0;
    for (row, new) in rows.iter_mut().zip(target) {
        if row != new {
            if changed == slice {
                return (rows, true);
            }
            *row = *new;
            changed += 1;
        }
    }
    (rows, false)
}

fn value_cell(testid: Option<String>, value: Option<f64>) -> Html {
    let text = value.map_or_else(|| "—".to_string(), human);
    let data = value.map_or_else(|| "NaN".to_string(), |v| v.to_string());
    html! { <td data-testid={testid} data-value={data}>{ text }</td> }
}

/// One point's row.
fn row_markup(i: usize, row: &PointRow) -> Html {
    let losses = BinaryLossKind::ALL
        .iter()
        .map(|kind| value_cell(Some(format!("point-loss-{}-{i}", kind.id())), row.loss[kind.index()]));
    html! {
        <tr>
            <th scope="row">{ i + 1 }</th>
            <td data-testid={format!("point-x-{i}")} data-value={row.x.to_string()}>{ human(row.x) }</td>
            <td>{ if row.positive { "1" } else { "0" } }</td>
            { value_cell(None, row.probability[BinaryLossKind::Bce.index()]) }
            { for losses }
            { for BinaryLossKind::ALL.iter().map(|kind| value_cell(None, row.at_picked.map(|l| l[kind.index()]))) }
        </tr>
    }
}

/// The per-point data table.
#[component]
pub fn ClassificationPointsTable(props: &ClassificationPointsTableProps) -> Html {
    // The rows on the page, catching up with `props.rows` a slice per render.
    let shown = use_mut_ref(|| props.rows.clone());
    let slices = use_state(|| 0u32);
    let timer = use_mut_ref(|| None::<Timeout>);
    let behind = !Rc::ptr_eq(&shown.borrow(), &props.rows) && {
        let (rows, more) = catch_up(&shown.borrow(), &props.rows, SLICE);
        *shown.borrow_mut() = if more { Rc::new(rows) } else { props.rows.clone() };
        more
    };
    {
        // The next slice in a task of its own (a timeout: the page may draw in between).
        let slices = slices.clone();
        use_effect(move || {
            *timer.borrow_mut() = behind.then(|| Timeout::new(0, move || slices.set(slices.wrapping_add(1))));
        });
    }
    // Each row's markup is kept with the values it shows and rebuilt only when they change;
    // `Frozen` skips the unchanged rows without diffing them.
    let markup = use_mut_ref(Vec::<(PointRow, Rc<Html>)>::new);
    let rows = {
        let mut markup = markup.borrow_mut();
        let shown = shown.borrow();
        markup.truncate(shown.len());
        for (i, row) in shown.iter().enumerate() {
            match markup.get_mut(i) {
                Some(entry) if entry.0 == *row => {}
                Some(entry) => *entry = (*row, Rc::new(row_markup(i, row))),
                None => markup.push((*row, Rc::new(row_markup(i, row)))),
            }
        }
        markup.iter().map(|(_, html)| html.clone()).collect::<Vec<_>>()
    };
    let rows = rows.into_iter().enumerate().map(|(i, html)| html! { <Frozen key={i} {html} /> });
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(x: f64) -> PointRow {
        PointRow { x, positive: false, probability: [Some(x); 3], loss: [Some(x); 3], at_picked: None }
    }

    #[test]
    fn rows_catch_up_a_slice_at_a_time() {
        let old: Vec<PointRow> = (0..5).map(|i| row(i as f64)).collect();
        let mut new = old.clone();
        for i in [0, 2, 3, 4] {
            new[i] = row(10.0 + i as f64);
        }
        // Two changed rows per slice: rows 0 and 2, then 3 and 4; unchanged rows do not count.
        let (first, more) = catch_up(&old, &new, 2);
        assert!(more);
        assert_eq!(first[..3], new[..3]);
        assert_eq!(first[3..], old[3..]);
        let (second, more) = catch_up(&first, &new, 2);
        assert!(!more);
        assert_eq!(second, new);
        // A point added or deleted: the whole table at once.
        let (grown, more) = catch_up(&old, &new[..4], 1);
        assert!(!more);
        assert_eq!(grown, new[..4]);
        // Up to a slice of changes: current at once.
        assert_eq!(catch_up(&old, &new, 4), (new.clone(), false));
    }
}
