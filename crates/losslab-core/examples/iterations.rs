//! Prints solver iterations per loss, cold and warm, on the benchmark data (a diagnostic).
use losslab_core::numerics::points::Points;
use losslab_core::numerics::regression::{fit_all, LossKind, LossParams, Workspace};

fn noisy_line(n: usize, seed: u64) -> Points {
    let mut state = seed;
    let mut uniform = || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for _ in 0..n {
        let x = 10.0 * uniform();
        let outlier = if uniform() < 0.05 { 40.0 * (uniform() - 0.2) } else { 0.0 };
        xs.push(x);
        ys.push(2.0 * x + 1.0 + (uniform() - 0.5) + outlier);
    }
    Points::new(xs, ys).unwrap()
}

fn main() {
    for n in [100, 1000, 10000] {
        let points = noisy_line(n, 7);
        let mut ws = Workspace::new();
        let cold = fit_all(&points, LossParams::default(), None, &mut ws);
        let (x, y) = points.get(n / 2).unwrap();
        let moved = points.with_point(n / 2, x + 0.01, y + 0.05).unwrap();
        let warm = fit_all(&moved, LossParams::default(), Some(&cold), &mut ws);
        for kind in LossKind::ALL {
            println!(
                "n={n} {:>11} cold {:>3} warm {:>3} status {:?}",
                kind.id(),
                cold.get(kind).iterations,
                warm.get(kind).iterations,
                warm.get(kind).status
            );
        }
    }
}
