// The "Copy as Python" code is runnable and reproduces the app's fits with scikit-learn and
// SciPy: the app's numbers and the Python path agree.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { useLab, sel, formatPoints } from "./helpers.mjs";

const lab = useLab();

/** Clicks "Copy as Python", runs the copied script with python3 and returns what it printed. */
async function runExportedPython(app, name) {
  await app.context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await app.page.locator(sel("copy-python")).click();
  await app.page.locator(sel("input-note")).waitFor({ state: "visible" });
  const code = await app.page.evaluate(() => navigator.clipboard.readText());
  const file = path.join(mkdtempSync(path.join(tmpdir(), "losslab-py-")), name);
  writeFileSync(file, code);
  return execFileSync("python3", [file], { encoding: "utf8", timeout: 120_000 });
}

// A line with one outlier: the fits disagree, so agreement is not a coincidence.
const POINTS = [
  [0, 1.1], [1, 2.9], [2, 5.2], [3, 6.8], [4, 9.1], [5, 11.2], [6, 12.8], [7, 15.1], [8, 35], [9, 19.2],
];

test("the exported Python code reproduces every fit", { timeout: 180_000 }, async () => {
  const app = await lab.open({ hash: `#loss=huber&delta=1.35&tau=0.8&pts=${formatPoints(POINTS)}` });
  try {
    const output = await runExportedPython(app, "fits.py");
    // Lines look like: "  Huber delta=1.35  slope +2.012345  intercept +0.987654  mean loss 1.234567"
    const rows = new Map(
      output
        .trim()
        .split("\n")
        .map((line) => line.match(/^\s*(.+?)\s+slope ([-+]\d+\.\d+)\s+intercept ([-+]\d+\.\d+)\s+mean loss (\d+\.\d+)/))
        .filter(Boolean)
        .map((m) => [m[1].split(" ")[0], { slope: Number(m[2]), intercept: Number(m[3]), loss: Number(m[4]) }]),
    );
    assert.equal(rows.size, 5, `five fits printed:\n${output}`);
    for (const [name, id, exactLine] of [
      ["MSE", "mse", true],
      ["MAE", "mae", false],
      ["Quantile", "quantile", false],
      ["Huber", "huber", true],
      ["Log-cosh", "logcosh", true],
    ]) {
      const py = rows.get(name);
      assert.ok(py, `${name} missing in:\n${output}`);
      const fit = await app.fit(id);
      // Printed with 6 decimals; MAE/quantile optima may tie between lines, so compare the loss.
      assert.ok(Math.abs(py.loss - fit.loss) <= 2e-6 * Math.max(1, fit.loss), `${name} mean loss: Python ${py.loss}, app ${fit.loss}`);
      if (exactLine) {
        assert.ok(Math.abs(py.slope - fit.slope) < 1e-5, `${name} slope: Python ${py.slope}, app ${fit.slope}`);
        assert.ok(Math.abs(py.intercept - fit.intercept) < 1e-5, `${name} intercept: Python ${py.intercept}, app ${fit.intercept}`);
      }
    }
    app.assertClean();
  } finally {
    await app.close();
  }
});

const LABELED = [
  [-3, 0], [-2.5, 0], [-2, 0], [-1.5, 0], [-1, 0], [-0.5, 0], [0.4, 0],
  [-0.3, 1], [0.5, 1], [1, 1], [1.5, 1], [2, 1], [2.6, 1], [3.2, 1],
];

test("the exported Python code reproduces the classification fits", { timeout: 180_000 }, async () => {
  const lam = 0.01;
  const hash = `#mode=classification&loss=bce&gamma=2&l2=${lam}&pts=${formatPoints(LABELED)}`;
  const app = await lab.open({ hash });
  try {
    const output = await runExportedPython(app, "classification.py");
    const rows = new Map(
      output
        .trim()
        .split("\n")
        .map((line) => line.match(/^\s*(\S+).*?\bw ([-+]\d+\.\d+)\s+b ([-+]\d+\.\d+)\s+objective (\d+\.\d+)/))
        .filter(Boolean)
        .map((m) => [m[1], { w: Number(m[2]), b: Number(m[3]), objective: Number(m[4]) }]),
    );
    assert.equal(rows.size, 3, `three fits printed:\n${output}`);
    for (const [name, id, tolerance] of [["BCE", "bce", 1e-5], ["Focal", "focal", 1e-4], ["Hinge", "hinge", null]]) {
      const py = rows.get(name);
      const w = await app.value(`fit-${id}-w`);
      const b = await app.value(`fit-${id}-b`);
      const objective = (await app.value(`fit-${id}-loss`)) + (lam / 2) * w * w;
      // The app's fit is optimal: Python can match it, not beat it.
      assert.ok(py.objective >= objective - 1e-7, `${name}: Python's objective ${py.objective} below the app's ${objective}`);
      assert.ok(Math.abs(py.objective - objective) < 1e-5, `${name} objective: Python ${py.objective}, app ${objective}`);
      if (tolerance !== null) {
        assert.ok(Math.abs(py.w - w) < tolerance && Math.abs(py.b - b) < tolerance, `${name}: Python (${py.w}, ${py.b}), app (${w}, ${b})`);
      }
    }
    app.assertClean();
  } finally {
    await app.close();
  }
});
