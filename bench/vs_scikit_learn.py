#!/usr/bin/env python3
"""LossLab's line fits against the Python path a student would otherwise take.

For n = 100, 1000 and 10000 points on y = 2x + 1 with Gaussian noise and 5 % gross outliers
(fixed seed), this script writes the data to temporary CSV files, runs the Rust example
``crates/losslab-core/examples/bench_fits.rs`` once on all of them (it reads the files with
the core's CSV table reader, ``parse_table``), times the Python equivalents in the same run, and prints a table:

=========  ==============================================================================
loss       Python fit
=========  ==============================================================================
mse        ``sklearn.linear_model.LinearRegression().fit``
mae        ``QuantileRegressor(quantile=0.5, alpha=0, solver="highs").fit``
huber      ``scipy.optimize.minimize`` of the mean Huber loss (delta = 1.35), BFGS with the
           analytic gradient, starting from zeros
quantile   ``QuantileRegressor(quantile=0.9, alpha=0, solver="highs").fit``
=========  ==============================================================================

Every time is the median of several repeats (enough to last about 0.3 s, at least 5) per fit.
Both sides fit the same numbers: the CSV holds Python's ``repr()`` of each float, which the
Rust reader parses back bit for bit. Each fitted line's mean loss is recomputed here with the
reference conventions (r^2, |r|, Huber 1/2 r^2 or delta(|r| - delta/2), pinball
max(tau r, (tau - 1) r)) and LossLab's must be at most Python's + 1e-9 relative; the table shows
the difference.

Requirements: Python 3.9+, numpy, scipy and scikit-learn (``python3 -m pip install numpy scipy
scikit-learn``), and cargo. Run from anywhere:

    python3 bench/vs_scikit_learn.py

The Rust side is built with the workspace's ``bench`` profile (the release settings with
opt-level 3; the shipped WebAssembly uses opt-level "z" for size).
"""

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LinearRegression, QuantileRegressor

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 1000, 10000)
SEED = 20240607
DELTA = 1.35
TAU = 0.9
RELATIVE_TOLERANCE = 1e-9
MIN_SECONDS = 0.3
MIN_REPEATS = 5
MAX_REPEATS = 200


def make_data(n, rng):
    """x uniform on [0, 10], y = 2x + 1 + N(0, 1), and 5 % of the points moved up by 10 to 40."""
    x = rng.uniform(0.0, 10.0, n)
    y = 2.0 * x + 1.0 + rng.normal(0.0, 1.0, n)
    outliers = rng.random(n) < 0.05
    y[outliers] += rng.uniform(10.0, 40.0, outliers.sum())
    return x, y


def write_csv(path, x, y):
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("x,y\n")
        for xi, yi in zip(x.tolist(), y.tolist()):
            handle.write(f"{xi!r},{yi!r}\n")


def pointwise_loss(loss, r):
    """The reference conventions of shared/reference/regression_fits.json."""
    if loss == "mse":
        return r * r
    if loss == "mae":
        return np.abs(r)
    if loss == "huber":
        a = np.abs(r)
        return np.where(a <= DELTA, 0.5 * r * r, DELTA * (a - 0.5 * DELTA))
    if loss == "quantile":
        return np.maximum(TAU * r, (TAU - 1.0) * r)
    raise ValueError(loss)


def mean_loss(loss, x, y, slope, intercept):
    return float(np.mean(pointwise_loss(loss, y - (slope * x + intercept))))


def huber_objective(theta, x, y):
    """Mean Huber loss of the line theta = (slope, intercept) and its gradient."""
    r = y - (theta[0] * x + theta[1])
    a = np.abs(r)
    value = np.mean(np.where(a <= DELTA, 0.5 * r * r, DELTA * (a - 0.5 * DELTA)))
    psi = np.clip(r, -DELTA, DELTA)
    gradient = np.array([-np.mean(psi * x), -np.mean(psi)])
    return value, gradient


def python_fit(loss, x, y):
    """Fits one loss the way a student would in Python; returns (slope, intercept)."""
    X = x.reshape(-1, 1)
    if loss == "mse":
        model = LinearRegression().fit(X, y)
        return float(model.coef_[0]), float(model.intercept_)
    if loss in ("mae", "quantile"):
        quantile = 0.5 if loss == "mae" else TAU
        model = QuantileRegressor(quantile=quantile, alpha=0, solver="highs").fit(X, y)
        return float(model.coef_[0]), float(model.intercept_)
    if loss == "huber":
        result = minimize(huber_objective, np.zeros(2), args=(x, y), jac=True, method="BFGS")
        return float(result.x[0]), float(result.x[1])
    raise ValueError(loss)


def median_microseconds(function):
    """Median wall time of function() in microseconds, over enough repeats to be stable."""
    function()  # Warm-up: imports, caches, first-call overheads.
    times = []
    started = time.perf_counter()
    while len(times) < MIN_REPEATS or (time.perf_counter() - started < MIN_SECONDS and len(times) < MAX_REPEATS):
        t0 = time.perf_counter()
        function()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e6


def run_losslab(paths):
    """Builds and runs the Rust example once on all files; returns {(n, loss): record}."""
    command = ["cargo", "run", "--profile", "bench", "-q", "-p", "losslab-core", "--example", "bench_fits", "--"]
    command += [str(p) for p in paths]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.exit(f"bench_fits failed:\n{completed.stderr}")
    records = [json.loads(line) for line in completed.stdout.splitlines() if line.strip()]
    return {(r["n"], r["loss"]): r for r in records}


def main():
    rng = np.random.default_rng(SEED)
    data = {n: make_data(n, rng) for n in SIZES}
    with tempfile.TemporaryDirectory(prefix="losslab-bench-") as folder:
        paths = []
        for n, (x, y) in data.items():
            path = Path(folder) / f"line-{n}.csv"
            write_csv(path, x, y)
            paths.append(path)
        ours = run_losslab(paths)

    header = f"{'n':>6}  {'loss':<8}  {'LossLab µs':>11}  {'Python µs':>11}  {'ratio':>7}  " \
             f"{'LossLab mean loss':>20}  {'Python mean loss':>20}  {'ours - Python':>13}  ok"
    print(header)
    print("-" * len(header))
    failures = 0
    totals = {}
    for n, (x, y) in data.items():
        totals[n] = [0.0, 0.0]
        for loss in ("mse", "mae", "huber", "quantile"):
            record = ours[(n, loss)]
            python_us = median_microseconds(lambda: python_fit(loss, x, y))
            slope, intercept = python_fit(loss, x, y)
            theirs = mean_loss(loss, x, y, slope, intercept)
            # Recompute our line's loss here too, so both use the same formula and summation.
            mine = mean_loss(loss, x, y, record["slope"], record["intercept"])
            ok = record["status"] == "Optimal" and mine <= theirs + RELATIVE_TOLERANCE * max(1.0, abs(theirs))
            failures += not ok
            totals[n][0] += record["median_us"]
            totals[n][1] += python_us
            print(
                f"{n:>6}  {loss:<8}  {record['median_us']:>11.1f}  {python_us:>11.1f}  "
                f"{python_us / record['median_us']:>6.1f}x  {mine:>20.12g}  {theirs:>20.12g}  "
                f"{mine - theirs:>13.3g}  {'yes' if ok else 'NO'}"
            )
    print()
    print("All four losses refitted (the lab refits every loss on each pointer move):")
    for n, (ours_us, python_us) in totals.items():
        print(f"{n:>6}  all four  {ours_us:>11.1f}  {python_us:>11.1f}  {python_us / ours_us:>6.1f}x")
    print()
    print("ratio = Python time / LossLab time (how many times faster LossLab is); mean losses recomputed in")
    print("float64 by this script; ok = LossLab's fit is Optimal and its mean loss <= Python's")
    print(f"+ {RELATIVE_TOLERANCE:g} relative (of max(1, |Python's|)).")
    if failures:
        sys.exit(f"{failures} fit(s) worse than Python's")


if __name__ == "__main__":
    main()
