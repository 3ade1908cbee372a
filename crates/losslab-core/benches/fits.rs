//! Criterion benchmarks of the core: refitting every regression loss (cold and warm-started),
//! mean-loss landscapes, and the classification fits (BCE, focal, hinge) the classification lab
//! recomputes on every pointer move. Run with `cargo bench -p losslab-core --bench fits`.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use losslab_core::numerics::classification::{
    fit_binary, point_diagnostics, BinaryLoss, FocalParams, L2Penalty, LabeledPoints,
};
use losslab_core::numerics::points::{Line, Points};
use losslab_core::numerics::regression::{fit_all, fit_line, landscape, GridAxis, LossKind, LossParams, Workspace};

/// y = 2x + 1 with uniform noise and 5 % gross outliers, from a fixed-seed generator.
fn noisy_line(n: usize, seed: u64) -> Points {
    let mut state = seed;
    let mut uniform = || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut xs = Vec::with_capacity(n);
    let mut ys = Vec::with_capacity(n);
    for _ in 0..n {
        let x = 10.0 * uniform();
        let outlier = if uniform() < 0.05 { 40.0 * (uniform() - 0.2) } else { 0.0 };
        xs.push(x);
        ys.push(2.0 * x + 1.0 + (uniform() - 0.5) + outlier);
    }
    Points::new(xs, ys).expect("finite data")
}

fn refit_all(c: &mut Criterion) {
    let params = LossParams::default();
    let mut group = c.benchmark_group("refit_all_losses");
    for n in [100, 1_000, 10_000] {
        let points = noisy_line(n, 7);
        group.bench_with_input(BenchmarkId::new("cold", n), &points, |b, points| {
            let mut workspace = Workspace::new();
            b.iter(|| fit_all(black_box(points), params, None, &mut workspace));
        });
        // A drag: one point moves by a small amount, every loss refits from its last optimum.
        let mut workspace = Workspace::new();
        let before = fit_all(&points, params, None, &mut workspace);
        let (x, y) = points.get(n / 2).expect("point exists");
        let moved = points.with_point(n / 2, x + 0.01, y + 0.05).expect("valid move");
        group.bench_with_input(BenchmarkId::new("warm", n), &moved, |b, moved| {
            b.iter(|| fit_all(black_box(moved), params, Some(&before), &mut workspace));
        });
    }
    group.finish();

    let mut per_loss = c.benchmark_group("refit_one_loss_cold_1000");
    let points = noisy_line(1_000, 11);
    for kind in LossKind::ALL {
        let loss = kind.with(params);
        per_loss.bench_function(kind.id(), |b| {
            let mut workspace = Workspace::new();
            b.iter(|| fit_line(black_box(&points), loss, None, &mut workspace));
        });
    }
    per_loss.finish();
}

fn landscapes(c: &mut Criterion) {
    let points = noisy_line(200, 3);
    let params = LossParams::default();
    let mut group = c.benchmark_group("landscape_200_points");
    for cells in [64, 128] {
        let slopes = GridAxis { min: -2.0, max: 6.0, count: cells };
        let intercepts = GridAxis { min: -10.0, max: 10.0, count: cells };
        for kind in [LossKind::Mse, LossKind::Mae, LossKind::Huber, LossKind::LogCosh] {
            let loss = kind.with(params);
            group.bench_function(BenchmarkId::new(kind.id(), format!("{cells}x{cells}")), |b| {
                b.iter(|| landscape(black_box(&points), loss, slopes, intercepts));
            });
        }
    }
    group.finish();
}

/// x uniform in [−3, 3], label 1 with probability σ(2x), from a fixed-seed generator.
fn labelled(n: usize, seed: u64) -> LabeledPoints {
    let mut state = seed;
    let mut uniform = || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let pairs: Vec<(f64, bool)> = (0..n)
        .map(|_| {
            let x = 6.0 * uniform() - 3.0;
            (x, uniform() < 1.0 / (1.0 + (-2.0 * x).exp()))
        })
        .collect();
    LabeledPoints::from_pairs(&pairs).expect("finite data")
}

/// One frame of the classification lab's work: the three fits, warm-started from the last
/// frame's, and every point's diagnostics under each.
fn classification(c: &mut Criterion) {
    let focal = FocalParams::new(2.0, None).expect("valid");
    let l2 = L2Penalty::new(0.01).expect("valid");
    let losses = [("bce", BinaryLoss::Bce), ("focal", BinaryLoss::Focal(focal)), ("hinge", BinaryLoss::Hinge)];
    let mut group = c.benchmark_group("classification_fit");
    for n in [200, 2_000] {
        let points = labelled(n, 11);
        for (name, loss) in losses {
            group.bench_with_input(BenchmarkId::new(format!("{name}_cold"), n), &points, |b, points| {
                b.iter(|| fit_binary(black_box(points), loss, l2, None))
            });
            let warm: Option<Line> = fit_binary(&points, loss, l2, None).ok().map(|fit| fit.line);
            group.bench_with_input(BenchmarkId::new(format!("{name}_warm"), n), &points, |b, points| {
                b.iter(|| fit_binary(black_box(points), loss, l2, warm))
            });
            // A drag frame: the point nearest x = 0 moved by 0.05 since the fit that starts it.
            let i = (0..n).min_by(|&i, &j| points.xs()[i].abs().total_cmp(&points.xs()[j].abs())).expect("points");
            let moved = points.with_point(i, points.xs()[i] + 0.05, points.labels()[i]).expect("finite");
            group.bench_with_input(BenchmarkId::new(format!("{name}_drag_frame"), n), &moved, |b, moved| {
                b.iter(|| fit_binary(black_box(moved), loss, l2, warm))
            });
        }
        let line = fit_binary(&points, BinaryLoss::Bce, l2, None).expect("fit").line;
        group.bench_with_input(BenchmarkId::new("diagnostics_bce", n), &points, |b, points| {
            b.iter(|| point_diagnostics(black_box(points), BinaryLoss::Bce, line).map(|d| d.loss).sum::<f64>())
        });
    }
    group.finish();
}

criterion_group!(benches, refit_all, landscapes, classification);
criterion_main!(benches);
