//! Every loss's own fit side by side: slope, intercept, its mean loss, and the picked loss's
//! value at that fit. Cells carry the full-precision value in `data-value`; the text is that
//! value correctly rounded (rounding noise shown as 0, "–" with no points): four digits, two
//! in scientific notation, and in the last column as many digits as it takes for its
//! smallest value to stand apart (a row tied with it within rounding shows its own rounding,
//! which may differ in the last digit).

use super::frozen::Frozen;
use super::markup::table_row;
use crate::format::{compact, digits_to_tell_apart, equal_within_rounding, significant};
use crate::theme::Palette;
use losslab_core::numerics::points::{Line, Points};
use losslab_core::numerics::regression::{
    mean_loss, select_values, AllFits, DegenerateReason, FitStatus, LossKind, LossParams, RegressionLoss,
};
use std::rc::Rc;
use yew::prelude::*;

/// Arguments of [`use_comparison_table`].
pub struct ComparisonTableProps {
    /// The points.
    pub points: Rc<Points>,
    /// Every loss's fit.
    pub fits: Rc<AllFits>,
    /// The points' magnitudes ([`abs_extent`]).
    pub extent: Extent,
    /// The emphasised loss.
    pub picked: LossKind,
    /// δ and τ.
    pub params: LossParams,
    /// Colours (for the legend swatches).
    pub palette: Palette,
}

/// What a row's "*" stands for.
const FLAT: &str = "flat line, see the note under the plot";
const UNCONVERGED: &str = "did not fully converge";

/// A cell holding `value` in full and showing `text`, or "–" (and `NaN` in `data-value`, as
/// for a missing classification fit) without one: no points, no fit.
fn cell(testid: String, value: f64, text: Option<String>) -> Html {
    let (text, value) = match text {
        Some(text) => (text, value),
        None => ("–".to_string(), f64::NAN),
    };
    html! { <td data-testid={testid} data-value={value.to_string()}>{ text }</td> }
}

/// `names` as an English list: "A", "A and B", "A, B and C".
fn and_list(names: &[&str]) -> String {
    let mut text = String::new();
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            text += if i + 1 == names.len() { " and " } else { ", " };
        }
        text += name;
    }
    text
}

/// Rounding noise is taken to be below 10⁻¹³ of the size of the terms of y − w·x − b (about
/// 450 times f64's relative precision; the fits land within a few times 10⁻¹⁴ of it). It was
/// 10⁻¹², which turned real numbers into 0: with y near 10¹² an MAE of 1.7, with one outlier
/// at y = 10¹³ every robust slope (about 2).
const NOISE: f64 = 1e-13;

/// `value`, a mean `loss` of `line` on points of `extent`, or 0 when it is below the loss of a
/// residual of rounding size at the point of largest magnitudes: 10⁻¹³·S, where
/// S = max|y| + |w|·max|x − x̄| + |w·x̄ + b| bounds the terms of the residuals as
/// [`mean_loss`] computes them (from the mean x̄: on data far from x = 0 the terms w·x and b
/// cancel, and counting them made real losses of 0.72 read 0). So the floor follows each
/// loss's units: about 10⁻²⁶·S² for the squared losses (MSE; Huber, log-cosh and
/// pseudo-Huber are quadratic near 0), 10⁻¹³·S for MAE and quantile. (Not inlined: it holds
/// a copy of every loss's ρ.)
#[inline(never)]
fn without_noise(value: f64, loss: RegressionLoss, line: Line, extent: Extent) -> f64 {
    let at_mean = (line.slope * extent.x_mean + line.intercept).abs();
    let r = NOISE * (extent.y_max + line.slope.abs() * extent.x_deviation + at_mean);
    if value < [r, -r].into_iter().map(|r| loss.value(r)).fold(0.0, f64::max) {
        0.0
    } else {
        value
    }
}

/// The magnitudes of the points that the rounding rules need: the largest and the median |x|
/// and |y|, the mean x̄ and the largest |x − x̄| (all 0 with no points).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Extent {
    x_max: f64,
    y_max: f64,
    x_median: f64,
    y_median: f64,
    x_mean: f64,
    x_deviation: f64,
}

/// The [`Extent`] of `points`.
pub(crate) fn abs_extent(points: &Points) -> Extent {
    let median = |values: &[f64]| {
        let mut magnitudes: Vec<f64> = values.iter().map(|v| v.abs()).collect();
        let middle = magnitudes.len() / 2;
        select_values(&mut magnitudes, middle);
        magnitudes.get(middle).copied().unwrap_or(0.0)
    };
    let (x_max, y_max) =
        points.iter().fold((0.0f64, 0.0f64), |(x_max, y_max), (x, y)| (x_max.max(x.abs()), y_max.max(y.abs())));
    let x_mean = if points.is_empty() { 0.0 } else { points.xs().iter().sum::<f64>() / points.len() as f64 };
    let x_deviation = points.xs().iter().fold(0.0f64, |d, x| d.max((x - x_mean).abs()));
    Extent { x_max, y_max, x_median: median(points.xs()), y_median: median(points.ys()), x_mean, x_deviation }
}

/// `line`, the fit of `kind`, as the table (and the screen-reader sentences) show it: a slope
/// or intercept whose part of the prediction (|w|·max|x|, |b|) is below 10⁻¹³ of a typical
/// point's terms (median|y| + |w|·median|x| + |b|) is rounding noise of the fit, shown as 0
/// (a flat data set's MSE slope came out as 6.7e-23; y = 0.1x exactly on x from 0 to 10⁶
/// gave intercepts of 7e-12). The least-squares fit sums every point's terms, so for MSE a
/// part below 4ε of the largest point's is noise too; the robust fits are not moved by a far
/// outlier's rounding (their lines pass through other points, or cap its pull), so one far
/// outlier does not make their lines noise (at y = 10¹⁶ the MAE intercept 0.9 read 0).
pub(crate) fn line_without_noise(line: Line, kind: LossKind, extent: Extent) -> Line {
    let (w, b) = (line.slope.abs(), line.intercept.abs());
    let far = if kind == LossKind::Mse { 4.0 * f64::EPSILON * (extent.y_max + w * extent.x_max + b) } else { 0.0 };
    let floor = (NOISE * (extent.y_median + w * extent.x_median + b)).max(far);
    let clean = |part: f64, value: f64| if part <= floor { 0.0 } else { value };
    Line::new(clean(line.slope.abs() * extent.x_max, line.slope), clean(line.intercept.abs(), line.intercept))
}

/// What the caption may say about the picked loss's own fit.
#[derive(Debug, Clone, Copy, PartialEq)]
enum PickedFit {
    /// No points: the table is all dashes and the caption says nothing.
    None,
    /// The fit is the best line for its loss (or a flat line as good as any), so its row is
    /// the smallest in the "at fit" column.
    Best,
    /// The fit stopped short (iteration limit, or a slope beyond f64): another row may be
    /// smaller.
    Approximate,
}

/// What the caption may say about a picked fit of `status` (with points).
fn picked_fit(status: FitStatus) -> PickedFit {
    match status {
        // One point: every loss's line passes through it, a perfect fit (it said "approximate").
        FitStatus::Optimal
        | FitStatus::Degenerate(
            DegenerateReason::AllXEqual | DegenerateReason::XEqualToRounding | DegenerateReason::OnePoint,
        ) => PickedFit::Best,
        _ => PickedFit::Approximate,
    }
}

/// The caption: which column is smallest on which row, and which rows tie with it there
/// (`at_fit`: the column's values).
#[inline(never)]
fn caption(picked: LossKind, at_fit: &[f64; 6], fit: PickedFit) -> String {
    let p = picked.label();
    match fit {
        PickedFit::None => return String::new(),
        PickedFit::Approximate => {
            return format!(
                "The “{p} at fit” column scores every fit by {p}. The {p} fit is approximate here (see *), so another row may score lower."
            )
        }
        PickedFit::Best => {}
    }
    let best = at_fit[picked.index()];
    let mut tied = Vec::new();
    for kind in LossKind::ALL {
        if kind != picked && equal_within_rounding(best, at_fit[kind.index()]) {
            tied.push(kind.label());
        }
    }
    let ties = match tied.len() {
        0 => String::new(),
        n => {
            let who = if n + 1 == LossKind::ALL.len() { "other".to_string() } else { and_list(&tied) };
            let (rows, lines) = if n == 1 { ("row ties", "its line is") } else { ("rows tie", "their lines are") };
            format!(" The {who} {rows} with it: {lines} just as good for {p}.")
        }
    };
    format!("The “{p} at fit” column is smallest on the {p} row: each fit is the best line for its own loss.{ties}")
}

/// The footnote saying which rows a "*" marks and why (empty if none).
fn footnote(notes: &[Option<&'static str>; 6]) -> String {
    let mut text = String::new();
    for note in [FLAT, UNCONVERGED] {
        let mut rows = Vec::new();
        for (kind, mark) in LossKind::ALL.iter().zip(notes) {
            if *mark == Some(note) {
                rows.push(kind.label());
            }
        }
        if !rows.is_empty() {
            if !text.is_empty() {
                text += " ";
            }
            text += "* ";
            text += &if rows.len() == LossKind::ALL.len() { "All rows".to_string() } else { and_list(&rows) };
            text += ": ";
            text += note;
            text += ".";
        }
    }
    text
}

/// The comparison table.
///
/// A hook returning markup: the numbers and the caption (which rows tie in the last column)
/// change on every frame of a drag, but the header, the row labels with their swatches and
/// "*" marks and the footnote do not, so those are memoised and rendered through [`Frozen`]
/// (neither rebuilt nor diffed while the picked loss and the marks stay the same).
#[hook]
pub fn use_comparison_table(props: &ComparisonTableProps) -> Html {
    let empty = props.points.is_empty();
    // With no points every cell shows "–": a "*" would explain nothing.
    let notes = LossKind::ALL.map(|kind| match props.fits.get(kind).status {
        FitStatus::Optimal | FitStatus::Degenerate(DegenerateReason::NoPoints) => None,
        FitStatus::Degenerate(_) => Some(FLAT),
        FitStatus::IterationLimit => Some(UNCONVERGED),
    });
    let labels = use_memo((props.picked, props.palette, notes), |(picked, palette, notes)| {
        let heads = LossKind::ALL
            .iter()
            .zip(notes)
            .map(|(&kind, note)| {
                Rc::new(html! {
                    <th scope="row">
                        { super::loss_picker::swatch(kind, palette, kind == *picked) }
                        { kind.label() }
                        // The picked row is bold and shaded; a screen reader hears it.
                        if kind == *picked { <span class="visually-hidden">{ " (picked)" }</span> }
                        // The footnote explains the mark; a screen reader reads the note here too.
                        if let Some(note) = note {
                            { " *" }<span class="visually-hidden">{ format!(" ({note})") }</span>
                        }
                    </th>
                })
            })
            .collect::<Vec<_>>();
        let text = footnote(notes);
        let footnote = if text.is_empty() {
            Html::default()
        } else {
            html! { <p class="hint" data-testid="fit-footnote">{ text }</p> }
        };
        (heads, Rc::new(footnote))
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
    let picked_loss = props.picked.with(props.params);
    let extent = props.extent;
    // The picked loss at each fit: in full, and with rounding noise as 0.
    let (mut at_fit, mut at_fit_clean) = ([0.0; 6], [0.0; 6]);
    for kind in LossKind::ALL {
        let line = props.fits.get(kind).line;
        at_fit[kind.index()] = mean_loss(&props.points, picked_loss, line);
        at_fit_clean[kind.index()] = without_noise(at_fit[kind.index()], picked_loss, line, extent);
    }
    let best = at_fit_clean[props.picked.index()];
    // The texts of the cells ("–" with no points): four digits, two in scientific notation
    // (numbers in the millions do not widen the table); the at-fit column as many as set its
    // smallest value apart.
    let at_fit_digits = digits_to_tell_apart(best, &at_fit_clean);
    let compact = |v: f64| (!empty).then(|| compact(v));
    let at_fit_text = |v: f64| (!empty).then(|| significant(v, at_fit_digits));
    let picked_fit = if empty { PickedFit::None } else { picked_fit(props.fits.get(props.picked).status) };
    // The caption names the column, not "the last column": on a phone the table scrolls
    // sideways and the last one in view may be another.
    let caption = caption(props.picked, &at_fit_clean, picked_fit);
    let rows = LossKind::ALL.iter().zip(labels.0.iter()).map(|(&kind, row_head)| {
        let fit = props.fits.get(kind);
        let id = kind.id();
        let (slope, intercept) = (fit.line.slope, fit.line.intercept);
        let shown = line_without_noise(fit.line, fit.loss.kind(), extent);
        let own = without_noise(fit.mean_loss, fit.loss, fit.line, extent);
        let i = kind.index();
        let cells = html! {
            <>
                <Frozen html={row_head.clone()} />
                { cell(format!("fit-{id}-slope"), slope, compact(shown.slope)) }
                { cell(format!("fit-{id}-intercept"), intercept, compact(shown.intercept)) }
                { cell(format!("fit-{id}-loss"), fit.mean_loss, compact(own)) }
                { cell(format!("fit-{id}-at-picked"), at_fit[i], at_fit_text(at_fit_clean[i])) }
            </>
        };
        table_row(id, kind == props.picked, cells)
    });
    html! {
        <section class="panel" data-testid="comparison-table">
            <h2>{ "Every loss's own fit" }</h2>
            <div class="table-scroll" role="region" aria-label="Every loss's own fit" tabindex="0">
                <table>
                    <Frozen html={head} />
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <Frozen html={labels.1.clone()} />
            <p class="caption">{ caption }</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use losslab_core::numerics::regression::{fit, Delta, Tau};

    #[test]
    fn slope_and_intercept_noise_show_as_zero() {
        // The extent of points whose largest and median |x| and |y| are given.
        let extent = |x_max, y_max, x_median, y_median| Extent {
            x_max,
            y_max,
            x_median,
            y_median,
            x_mean: x_median,
            x_deviation: x_max,
        };
        let line_without_noise = |line, extent| line_without_noise(line, LossKind::Mse, extent);
        // Flat data: the MSE slope is rounding noise; y = 2x exactly: the intercept is.
        let flat = line_without_noise(Line::new(6.666e-23, 3.0), extent(9.0, 3.0, 4.0, 3.0));
        assert_eq!((flat.slope, flat.intercept), (0.0, 3.0));
        let through_origin = line_without_noise(Line::new(2.0, -4.4e-16), extent(9.0, 18.0, 4.0, 8.0));
        assert_eq!((through_origin.slope, through_origin.intercept), (2.0, 0.0));
        // Small but real: kept (data far from the origin, a gentle slope).
        let gentle = line_without_noise(Line::new(1e-7, 0.5), extent(1e6, 0.6, 5e5, 0.55));
        assert_eq!((gentle.slope, gentle.intercept), (1e-7, 0.5));
        assert_eq!(line_without_noise(Line::new(0.0, 0.0), Extent::default()).slope, 0.0);
        // Most points at x = 0: the slope is real however small the median |x| is.
        let at_zero = line_without_noise(Line::new(2.0, 1.0), extent(1.0, 3.0, 0.0, 1.0));
        assert_eq!((at_zero.slope, at_zero.intercept), (2.0, 1.0));
        // y = 0.1x exactly, six points at x = 0 and three up to 1.1e6 (a review): the fits'
        // intercepts of a few 1e-12 are noise of the far points' terms.
        let skewed = line_without_noise(Line::new(0.1, 7.3e-12), extent(1.1e6, 1.1e5, 0.0, 0.0));
        assert_eq!((skewed.slope, skewed.intercept), (0.1, 0.0));
    }

    #[test]
    fn one_far_outlier_leaves_the_robust_lines_and_losses_real() {
        // A review: with one point at y = 10¹³ (or 10¹⁵) every robust slope and intercept
        // (about 2 and 1) read 0, and with y near 10¹² the own losses (MAE 1.7) did, with a
        // caption claiming ties. Another: from 10¹⁴ on the robust intercepts read 0 again, and
        // from 10¹⁷ the slopes (the MSE fit's rule for a far point's rounding applied to all).
        for outlier in [1e13, 1e14, 1e16, 1e17, 1e30] {
            let points = Points::from_pairs(&[
                (-4.0, -7.1),
                (-2.0, -2.8),
                (-1.0, -1.2),
                (0.0, 0.9),
                (1.0, 3.3),
                (3.0, 6.8),
                (4.0, 9.2),
                (0.5, outlier),
            ])
            .unwrap();
            let extent = abs_extent(&points);
            for kind in [LossKind::Mae, LossKind::Huber, LossKind::LogCosh, LossKind::PseudoHuber] {
                let f = fit(&points, kind.with(LossParams::default()));
                let shown = line_without_noise(f.line, kind, extent);
                assert_eq!((shown.slope, shown.intercept), (f.line.slope, f.line.intercept), "{kind:?} at {outlier:e}");
                assert!((1.5..2.5).contains(&shown.slope), "{kind:?} at {outlier:e}: {:?}", f.line);
            }
        }
        let offset: Vec<(f64, f64)> = [0.0, 3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0]
            .iter()
            .enumerate()
            .map(|(i, y)| (i as f64, 1e12 + y))
            .collect();
        // Every loss's own mean loss on `pairs` is above `least` and shown as it is.
        let assert_losses_real = |pairs: &[(f64, f64)], least: f64| {
            let points = Points::from_pairs(pairs).unwrap();
            let extent = abs_extent(&points);
            for kind in LossKind::ALL {
                let f = fit(&points, kind.with(LossParams::default()));
                assert!(f.mean_loss > least, "{kind:?} on {pairs:?}: {}", f.mean_loss);
                assert_eq!(without_noise(f.mean_loss, f.loss, f.line, extent), f.mean_loss, "{kind:?} on {pairs:?}");
            }
            points
        };
        assert_losses_real(&offset, 0.3);
        // x far from 0 with unit spacing (a review: every loss read 0 from x near 10¹²): the
        // MSE minimum 0.72 and the others are real.
        for offset in [1e12, 1e13, 1e15] {
            let shifted: Vec<(f64, f64)> =
                [1.0, 3.0, 2.0, 5.0, 4.0].iter().enumerate().map(|(i, &y)| (offset + i as f64, y)).collect();
            let points = assert_losses_real(&shifted, 0.05);
            let mse = fit(&points, RegressionLoss::Mse);
            assert!((mse.mean_loss - 0.72).abs() < 0.004, "{offset:e}: {}", mse.mean_loss);
        }
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(and_list(&[]), "");
        assert_eq!(and_list(&["MAE"]), "MAE");
        assert_eq!(and_list(&["MAE", "Quantile"]), "MAE and Quantile");
        assert_eq!(and_list(&["MSE", "MAE", "Huber"]), "MSE, MAE and Huber");
    }

    #[test]
    fn rounding_noise_shows_as_zero_in_each_losss_units() {
        // The collinear link's MSE fit leaves ~1e-30 of rounding noise; every loss shows 0.
        let xs: Vec<f64> = (0..10).map(f64::from).collect();
        let ys: Vec<f64> = xs.iter().map(|x| 2.0 * x + 1.0).collect();
        let points = Points::new(xs, ys).unwrap();
        let params = LossParams::default();
        let extent = abs_extent(&points);
        assert_eq!(
            extent,
            Extent { x_max: 9.0, y_max: 19.0, x_median: 5.0, y_median: 11.0, x_mean: 4.5, x_deviation: 4.5 }
        );
        for kind in LossKind::ALL {
            let f = fit(&points, kind.with(params));
            assert_eq!(without_noise(f.mean_loss, f.loss, f.line, extent), 0.0, "{kind:?}");
        }
        let line = Line::new(2.0, 1.0);
        // Scale S = 19 + 2·9 + 1 = 38: MSE's floor is 1e-26·38², MAE's 1e-13·38.
        assert_eq!(without_noise(1.203e-30, RegressionLoss::Mse, line, extent), 0.0);
        assert_eq!(without_noise(1e-23, RegressionLoss::Mse, line, extent), 0.0);
        assert_eq!(without_noise(2e-23, RegressionLoss::Mse, line, extent), 2e-23);
        assert_eq!(without_noise(3e-12, RegressionLoss::Mae, line, extent), 0.0);
        assert_eq!(without_noise(4e-12, RegressionLoss::Mae, line, extent), 4e-12);
        // Quantile: the steeper side (τ = 0.9) sets the floor.
        let tau = Tau::new(0.9).unwrap();
        assert_eq!(without_noise(3.3e-12, RegressionLoss::Quantile(tau), line, extent), 0.0);
        assert_eq!(without_noise(3.5e-12, RegressionLoss::Quantile(tau), line, extent), 3.5e-12);
        // Huber is quadratic near 0: ½(1e-13·S)².
        let huber = RegressionLoss::Huber(Delta::new(1.0).unwrap());
        assert_eq!(without_noise(7e-24, huber, line, extent), 0.0);
        assert_eq!(without_noise(8e-24, huber, line, extent), 8e-24);
        // The floor scales with the data: y in the millions.
        let big = Line::new(0.0, 0.0);
        let millions = Extent { x_max: 1.0, y_max: 1e6, x_median: 0.5, y_median: 1e6, x_mean: 0.5, x_deviation: 0.5 };
        assert_eq!(without_noise(1e-15, RegressionLoss::Mse, big, millions), 0.0);
        assert_eq!(without_noise(1e-13, RegressionLoss::Mse, big, millions), 1e-13);
        // Real values, infinities and exact zeros are kept.
        assert_eq!(without_noise(0.5, RegressionLoss::Mse, line, extent), 0.5);
        assert_eq!(without_noise(f64::INFINITY, RegressionLoss::Mse, line, extent), f64::INFINITY);
        assert_eq!(without_noise(0.0, RegressionLoss::Mse, big, Extent::default()), 0.0);
        assert_eq!(without_noise(1e-300, RegressionLoss::Mae, big, Extent::default()), 1e-300);
    }

    /// The "at fit" column's texts, as the table shows them: each row its own value, rounded.
    fn column(values: [f64; 6], picked: LossKind) -> [String; 6] {
        let best = values[picked.index()];
        let digits = digits_to_tell_apart(best, &values);
        values.map(|v| significant(v, digits))
    }

    #[test]
    fn the_at_fit_column_shows_its_smallest_value_apart_or_tied() {
        use LossKind::*;
        // Four digits would show 1.171 twice (the heavy-tailed preset's Huber and log-cosh).
        let texts = column([1.3, 1.2, 1.17104, 1.17149, 1.5, 1.17131], Huber);
        assert_eq!(texts, ["1.3", "1.2", "1.171", "1.1715", "1.5", "1.1713"].map(String::from));
        // Rows equal within rounding show the picked row's text when their own value rounds
        // to it (a relative difference of 10⁻¹³ does, at six digits).
        let best = 0.41594321;
        let texts = column([0.5, best * (1.0 + 1e-13), 0.4159437, best, 0.7, best], LogCosh);
        assert_eq!(texts[1], texts[3]);
        assert_eq!(texts[5], texts[3]);
        assert_eq!(texts[3], "0.415943");
        assert_eq!(texts[2], "0.415944");
        // All zero (a perfect fit).
        assert_eq!(column([0.0; 6], Mse), ["0", "0", "0", "0", "0", "0"].map(String::from));
    }

    #[test]
    fn every_at_fit_cell_shows_its_own_value_correctly_rounded() {
        use LossKind::*;
        // Log-cosh picked, y ≈ 10⁹ (the e2e test's data): the pseudo-Huber row is within 10⁻⁹
        // of the smallest (a tie for the caption) yet rounds up at the nine digits the MAE row
        // needs. It showed the log-cosh row's 45846.0019; its own value reads 45846.002.
        let values = [
            46741.26626334779,
            45846.02323464712,
            45846.00206097107,
            45846.00191637118,
            96197.19104035852,
            45846.001961769034,
        ];
        let texts = column(values, LogCosh);
        assert_eq!(texts[3], "45846.0019");
        assert_eq!(texts[5], "45846.002");
        assert_eq!(texts[1], "45846.0232");
        for (v, text) in values.iter().zip(&texts) {
            assert_eq!(*text, format!("{v:.4}").trim_end_matches('0'), "{v}");
        }
    }

    #[test]
    fn the_caption_names_the_column_and_the_rows_that_tie() {
        use LossKind::*;
        let first =
            "The “Huber at fit” column is smallest on the Huber row: each fit is the best line for its own loss.";
        assert_eq!(caption(Huber, &[1.3, 1.2, 1.17104, 1.17149, 1.5, 1.17131], PickedFit::Best), first);
        assert_eq!(
            caption(Huber, &[1.3, 1.0 + 1e-12, 1.0, 1.1, 1.5, 1.2], PickedFit::Best),
            format!("{first} The MAE row ties with it: its line is just as good for Huber.")
        );
        assert_eq!(
            caption(PseudoHuber, &[1.3, 1.2, 0.5, 0.5, 1.5, 0.5], PickedFit::Best),
            "The “Pseudo-Huber at fit” column is smallest on the Pseudo-Huber row: each fit is the best line for its \
             own loss. The Huber and Log-cosh rows tie with it: their lines are just as good for Pseudo-Huber."
        );
        assert!(caption(Mse, &[0.0; 6], PickedFit::Best)
            .ends_with("loss. The other rows tie with it: their lines are just as good for MSE."));
        assert_eq!(picked_fit(FitStatus::Degenerate(DegenerateReason::OnePoint)), PickedFit::Best, "one point");
        assert_eq!(picked_fit(FitStatus::IterationLimit), PickedFit::Approximate);
        // No points: no caption. An approximate picked fit claims nothing.
        assert_eq!(caption(Mse, &[0.0; 6], PickedFit::None), "");
        let approximate = caption(Huber, &[1.3, 1.0, 1.1, 1.1, 1.5, 1.2], PickedFit::Approximate);
        assert!(approximate.contains("another row may score lower") && !approximate.contains("smallest"));
    }

    #[test]
    fn the_footnote_says_which_rows_a_mark_explains() {
        assert_eq!(footnote(&[None; 6]), "");
        assert_eq!(
            footnote(&[None, Some(FLAT), None, None, Some(FLAT), None]),
            "* MAE and Quantile: flat line, see the note under the plot."
        );
        assert_eq!(footnote(&[Some(FLAT); 6]), "* All rows: flat line, see the note under the plot.");
        assert_eq!(
            footnote(&[None, Some(FLAT), Some(UNCONVERGED), None, None, None]),
            "* MAE: flat line, see the note under the plot. * Huber: did not fully converge."
        );
    }
}
