//! The regression lab's points as a table, opened on demand under the influence bars: a text
//! alternative to the scatter plot and the bars (each point's x, y, share of the picked loss
//! and pull ψ) for a screen reader, and the numbers for anyone who wants them. (An
//! accessibility review: a blind student could not tell which points pull the line hardest
//! except by stepping through the plot, and each step gave only x and y.)

use crate::format::human;
use losslab_core::numerics::points::Points;
use yew::prelude::*;

/// At most this many rows are shown (the first ones): a table of 5,000 rows took the page
/// a long task to lay out; "Save CSV" has every point.
pub const MAX_ROWS: usize = 1000;

/// The table's rows: point number (from 1), x, y, share of the total loss in percent, pull.
pub fn points_rows(points: &Points, shares: &[f64], pulls: &[f64]) -> Html {
    let rows = points.iter().zip(shares).zip(pulls).take(MAX_ROWS).enumerate().map(|(i, (((x, y), share), pull))| {
        html! {
            <tr>
                <th scope="row">{ (i + 1).to_string() }</th>
                <td>{ human(x) }</td>
                <td>{ human(y) }</td>
                <td>{ crate::format::significant(*share, 3) }</td>
                <td>{ human(*pull) }</td>
            </tr>
        }
    });
    let n = points.len();
    html! {
        <>
            <div class="table-scroll" role="region" aria-label="The points" tabindex="0">
                <table data-testid="points-table">
                    <thead>
                        <tr>
                            <th scope="col">{ "#" }</th>
                            <th scope="col">{ "x" }</th>
                            <th scope="col">{ "y" }</th>
                            <th scope="col">{ "share of the loss, %" }</th>
                            <th scope="col">{ "pull ψ" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            if n > MAX_ROWS {
                <p class="caption">{ format!("The first {MAX_ROWS} of {n} points; “Save CSV” has them all.") }</p>
            }
        </>
    }
}
