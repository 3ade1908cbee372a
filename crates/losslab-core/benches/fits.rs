//! Criterion benchmarks of the regression core: refitting every loss (cold and warm-started)
//! and mean-loss landscapes. Run with `cargo bench -p losslab-core --bench fits`.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use losslab_core::numerics::points::Points;
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

criterion_group!(benches, refit_all, landscapes);
criterion_main!(benches);
