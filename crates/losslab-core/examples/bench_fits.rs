//! Times cold line fits of four losses on x,y CSV files, for `bench/vs_scikit_learn.py`.
//!
//! ```text
//! cargo run --release -q -p losslab-core --example bench_fits -- data-100.csv data-1000.csv
//! ```
//!
//! Each file (a header naming columns `x` and `y`, any number of rows) is read with the core's
//! strict CSV table reader and fitted with MSE, MAE, Huber (δ = 1.35) and quantile (τ = 0.9).
//! Every fit is cold: a new `Workspace` and no warm start, as for a file
//! that has just been loaded. The data are validated into `Points` once, outside the timing.
//! Fits are timed in batches long enough (≥ 2 ms) for the clock to be accurate, and the median
//! over [`BATCHES`] batches is reported, so a busy machine disturbs the result little.
//!
//! Output: one JSON object per line and loss, with `file`, `n`, `loss`, `median_us` (per fit),
//! `fits_timed`, `slope`, `intercept`, `mean_loss` and `status`. Numbers use Rust's shortest
//! round-trip form, so a reader gets the exact values. Errors go to standard error with exit
//! status 1.

use losslab_core::io::csv::parse_table;
use losslab_core::numerics::points::Points;
use losslab_core::numerics::regression::{
    fit_line, Delta, LineFit, LossKind, LossParams, RegressionLoss, Tau, Workspace,
};
use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Number of timed batches per loss; the median batch gives the reported time.
const BATCHES: usize = 15;
/// The shortest batch, so that timer resolution does not matter.
const MIN_BATCH: Duration = Duration::from_millis(2);

/// The losses compared with Python, with the parameters the Python script uses.
fn losses() -> Result<[RegressionLoss; 4], String> {
    let delta = Delta::new(1.35).map_err(|e| e.to_string())?;
    let tau = Tau::new(0.9).map_err(|e| e.to_string())?;
    let params = LossParams { delta, tau };
    Ok([LossKind::Mse, LossKind::Mae, LossKind::Huber, LossKind::Quantile].map(|kind| kind.with(params)))
}

/// One cold fit: fresh buffers, no previous fit.
fn cold_fit(points: &Points, loss: RegressionLoss) -> LineFit {
    fit_line(black_box(points), loss, None, &mut Workspace::new())
}

/// Median time of one cold fit, and how many fits were timed.
fn time_fits(points: &Points, loss: RegressionLoss) -> (Duration, usize) {
    // Warm the caches, then find a batch size that lasts at least MIN_BATCH.
    black_box(cold_fit(points, loss));
    let mut batch = 1usize;
    loop {
        let start = Instant::now();
        for _ in 0..batch {
            black_box(cold_fit(points, loss));
        }
        if start.elapsed() >= MIN_BATCH || batch >= 1 << 20 {
            break;
        }
        batch *= 2;
    }
    let mut per_fit: Vec<Duration> = (0..BATCHES)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..batch {
                black_box(cold_fit(points, loss));
            }
            start.elapsed() / batch as u32
        })
        .collect();
    per_fit.sort_unstable();
    (per_fit[BATCHES / 2], batch * BATCHES)
}

/// `text` as a JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn run(path: &str) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    // `parse_table`, not `parse_points`: the latter stops at the app's 5000-point limit.
    let table = parse_table(&bytes).map_err(|e| format!("{path}: {e}"))?;
    let column = |name: &str| table.column(name).ok_or_else(|| format!("{path}: no column named {name}"));
    let points = Points::new(column("x")?, column("y")?).map_err(|e| format!("{path}: {e}"))?;
    if points.is_empty() {
        return Err(format!("{path}: no data rows"));
    }
    for loss in losses()? {
        let (median, fits_timed) = time_fits(&points, loss);
        let fit = cold_fit(&points, loss);
        println!(
            "{{\"file\":{},\"n\":{},\"loss\":\"{}\",\"median_us\":{},\"fits_timed\":{fits_timed},\
             \"slope\":{},\"intercept\":{},\"mean_loss\":{},\"status\":\"{:?}\"}}",
            json_string(path),
            points.len(),
            loss.kind().id(),
            median.as_secs_f64() * 1e6,
            fit.line.slope,
            fit.line.intercept,
            fit.mean_loss,
            fit.status,
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: bench_fits FILE.csv [FILE.csv ...]  (columns x,y)");
        return ExitCode::FAILURE;
    }
    for path in &paths {
        if let Err(message) = run(path) {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
