//! The classification plot's data as a table: every point's x, label, probability and loss
//! under each fit. Visually hidden (it is the accessible alternative to the canvas) and the
//! source of the per-point test ids `point-x-<i>` and `point-loss-<loss>-<i>`.
//!
//! When a drag ends every row changes (the fits moved), and the browser needs about a quarter
//! of a millisecond per row to update and lay out its cells: with 2,000 points that held the
//! page for about a second (4× throttled). So the rows are kept in blocks of [`BLOCK`], and
//! the table catches up one block per task, each block's markup rebuilt only when one of its
//! rows changed (unchanged blocks are skipped through [`Frozen`]). Up to [`BLOCK`] points
//! (every preset) the table is current at once; points added or deleted are caught up the same
//! way. After a change of the picked loss the header changes at once and the rows' "on the
//! picked fit" columns follow block by block. A table of more than one block starts catching
//! up only once its rows have stayed the same for [`SETTLE_MS`] (a slider being swept changes
//! them all at every step).

use super::classification_lab::PointRow;
use super::frozen::Frozen;
use super::hooks::{use_effect, use_mut_ref, use_state};
use crate::format::human;
use crate::state::classification::BinaryLossKind;
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use yew::prelude::*;

/// Rows per block: brought up to date together, in one task.
const BLOCK: usize = 40;

/// How long the rows of a table of more than one block must stay unchanged before it starts
/// catching up (milliseconds).
const SETTLE_MS: u32 = 250;

/// Properties of [`ClassificationPointsTable`].
#[derive(Properties, PartialEq)]
pub struct ClassificationPointsTableProps {
    /// One row per point, in point order.
    pub rows: Rc<Vec<PointRow>>,
    /// The picked loss (the per-point bars show every loss on its fit).
    pub picked: BinaryLossKind,
}

/// Whether two rows show the same values, bit for bit (so a NaN equals itself and a row that
/// holds one does not count as changed forever).
fn same_row(a: &PointRow, b: &PointRow) -> bool {
    let bits = |v: Option<f64>| v.map(f64::to_bits);
    a.x.to_bits() == b.x.to_bits()
        && a.positive == b.positive
        && a.probability.map(bits) == b.probability.map(bits)
        && a.loss.map(bits) == b.loss.map(bits)
        && a.at_picked.map(|l| l.map(f64::to_bits)) == b.at_picked.map(|l| l.map(f64::to_bits))
}

fn same_rows(a: &[PointRow], b: &[PointRow]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_row(a, b))
}

/// `shown` one block closer to `target`: rows deleted go at once; rows added come from the
/// target, a block of them per step; otherwise the first block that differs is taken from the
/// target. Returns the rows and whether they still differ from the target.
fn catch_up(shown: &[PointRow], target: &[PointRow]) -> (Vec<PointRow>, bool) {
    let mut rows: Vec<PointRow> = shown.iter().take(target.len()).copied().collect();
    // Rows added arrive a block at a time too: an import of 5,000 points built them all in
    // one task of 0.4 s.
    if rows.len() < target.len() {
        let grown = (rows.len() + BLOCK).min(target.len());
        rows.extend_from_slice(&target[rows.len()..grown]);
        let more = grown < target.len() || !same_rows(&rows, &target[..grown]);
        return (rows, more);
    }
    let mut blocks = rows.chunks_mut(BLOCK).zip(target.chunks(BLOCK)).filter(|(now, new)| !same_rows(now, new));
    if let Some((now, new)) = blocks.next() {
        now.copy_from_slice(new);
    }
    let more = blocks.next().is_some();
    (rows, more)
}

fn value_cell(testid: Option<String>, value: Option<f64>) -> Html {
    loss_cell(testid, value, None)
}

/// A cell of `kind`'s loss (`None`: any other value). The hinge fit is exact to about 1e-12,
/// so a point on its margin (loss 0 at the exact optimum) can get 3e-14 instead: shown as 0
/// below 1e-9 (its `data-value` keeps the computed number).
fn loss_cell(testid: Option<String>, value: Option<f64>, kind: Option<BinaryLossKind>) -> Html {
    let shown = |v: f64| if kind == Some(BinaryLossKind::Hinge) && v.abs() < 1e-9 { "0".to_string() } else { human(v) };
    let text = value.map_or_else(|| "—".to_string(), shown);
    let data = value.map_or_else(|| "NaN".to_string(), |v| v.to_string());
    html! { <td data-testid={testid} data-value={data}>{ text }</td> }
}

/// The rows of one block, the first being point `first`.
fn block_markup(first: usize, rows: &[PointRow]) -> Html {
    html! { <>{ for rows.iter().enumerate().map(|(k, row)| row_markup(first + k, row)) }</> }
}

/// One point's row.
fn row_markup(i: usize, row: &PointRow) -> Html {
    let losses = BinaryLossKind::ALL
        .iter()
        .map(|&kind| loss_cell(Some(format!("point-loss-{}-{i}", kind.id())), row.loss[kind.index()], Some(kind)));
    html! {
        <tr>
            <th scope="row">{ i + 1 }</th>
            <td data-testid={format!("point-x-{i}")} data-value={row.x.to_string()}>{ human(row.x) }</td>
            <td>{ if row.positive { "1" } else { "0" } }</td>
            { value_cell(None, row.probability[BinaryLossKind::Bce.index()]) }
            { for losses }
            { for BinaryLossKind::ALL.iter().map(|&kind| loss_cell(None, row.at_picked.map(|l| l[kind.index()]), Some(kind))) }
        </tr>
    }
}

/// The per-point data table.
#[component]
pub fn ClassificationPointsTable(props: &ClassificationPointsTableProps) -> Html {
    // The rows on the page, catching up with `props.rows` a block per render.
    let shown = use_mut_ref(|| props.rows.clone());
    let tick = use_state(|| 0u32);
    let timer = use_mut_ref(|| None::<Timeout>);
    // A table of more than one block waits until the rows have stopped changing for
    // `SETTLE_MS` before catching up: while a slider is swept every step changes every row, and
    // a block changed in each step made the next canvas drawing (which reads the layout) lay
    // the whole table out again: 5,000 rows, 0.3 s per step of a γ sweep.
    let target = use_mut_ref(|| props.rows.clone());
    let fresh = !Rc::ptr_eq(&target.borrow(), &props.rows);
    *target.borrow_mut() = props.rows.clone();
    let differs = !Rc::ptr_eq(&shown.borrow(), &props.rows);
    let wait = differs && fresh && props.rows.len().max(shown.borrow().len()) > BLOCK;
    let behind = differs
        && (wait || {
            let (rows, more) = catch_up(&shown.borrow(), &props.rows);
            *shown.borrow_mut() = if more { Rc::new(rows) } else { props.rows.clone() };
            more
        });
    {
        // The next block in a task of its own (a timeout: the page may draw in between).
        let tick = tick.clone();
        use_effect(move || {
            let delay = if wait { SETTLE_MS } else { 0 };
            *timer.borrow_mut() = behind.then(|| Timeout::new(delay, move || tick.set(tick.wrapping_add(1))));
        });
    }
    // Each block's markup is kept with the rows it shows and rebuilt only when they change.
    let blocks = use_mut_ref(Vec::<(Vec<PointRow>, Rc<Html>)>::new);
    let markup: Vec<Rc<Html>> = {
        let mut blocks = blocks.borrow_mut();
        let shown = shown.borrow();
        blocks.truncate(shown.len().div_ceil(BLOCK));
        for (b, rows) in shown.chunks(BLOCK).enumerate() {
            let fresh = || (rows.to_vec(), Rc::new(block_markup(b * BLOCK, rows)));
            match blocks.get_mut(b) {
                Some(block) if same_rows(&block.0, rows) => {}
                Some(block) => *block = fresh(),
                None => blocks.push(fresh()),
            }
        }
        blocks.iter().map(|(_, html)| html.clone()).collect()
    };
    let rows = markup.into_iter().enumerate().map(|(b, html)| html! { <Frozen key={b} {html} /> });
    html! {
        <div class="visually-hidden" data-testid="classification-points">
            // Busy while some rows still show the values before the last change.
            <table aria-busy={behind.then_some("true")}>
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

    fn rows(n: usize, offset: f64) -> Vec<PointRow> {
        (0..n).map(|i| row(offset + i as f64)).collect()
    }

    #[test]
    fn rows_catch_up_a_block_at_a_time() {
        let (old, new) = (rows(100, 0.0), rows(100, 1000.0));
        // Three blocks (40, 40, 20 rows): the first, then the second, then the last.
        let (first, more) = catch_up(&old, &new);
        assert!(more);
        assert!(same_rows(&first[..BLOCK], &new[..BLOCK]) && same_rows(&first[BLOCK..], &old[BLOCK..]));
        let (second, more) = catch_up(&first, &new);
        assert!(more);
        assert!(
            same_rows(&second[..2 * BLOCK], &new[..2 * BLOCK]) && same_rows(&second[2 * BLOCK..], &old[2 * BLOCK..])
        );
        let (third, more) = catch_up(&second, &new);
        assert!(!more && same_rows(&third, &new));
        // Unchanged blocks are skipped: only the last one differs, and it is taken at once.
        let mut tail = old.clone();
        tail[90] = row(-1.0);
        let (caught, more) = catch_up(&old, &tail);
        assert!(!more && same_rows(&caught, &tail));
    }

    #[test]
    fn points_added_or_deleted_arrive_with_the_blocks() {
        let old = rows(100, 0.0);
        // A point added at the end: the new row comes at once, the changed blocks one by one.
        let grown = rows(101, 1000.0);
        let (caught, more) = catch_up(&old, &grown);
        assert_eq!(caught.len(), 101);
        assert!(more, "blocks 1 to 3 still differ");
        assert_eq!(caught[100].x, 1100.0);
        // Many points added (an import): a block of new rows per step.
        let imported = rows(200, 0.0);
        let (first, more) = catch_up(&old[..30], &imported);
        assert!(more && first.len() == 30 + BLOCK && same_rows(&first, &imported[..first.len()]));
        let mut step = first;
        for _ in 0..10 {
            let (next, more) = catch_up(&step, &imported);
            step = next;
            if !more {
                break;
            }
        }
        assert!(same_rows(&step, &imported), "complete after a few steps");
        // Points deleted: the table shrinks at once.
        let (shrunk, more) = catch_up(&old, &old[..30]);
        assert!(!more && same_rows(&shrunk, &old[..30]));
    }

    #[test]
    fn a_row_holding_nan_is_not_changed_forever() {
        let mut target = rows(100, 0.0);
        for r in target.iter_mut() {
            r.loss = [Some(f64::NAN); 3];
        }
        let (once, _) = catch_up(&rows(100, 0.0), &target);
        let (twice, _) = catch_up(&once, &target);
        let (thrice, more) = catch_up(&twice, &target);
        assert!(!more && same_rows(&thrice, &target));
    }
}
