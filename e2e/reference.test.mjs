// The fits the page shows, against numbers computed independently with numpy/scipy
// (../shared/reference beside the repo). Each state is opened as a link (URL hash).

import { test } from "node:test";
import assert from "node:assert/strict";
import { useLab, sel, formatPoints, closeRel, readReference } from "./helpers.mjs";

const T = { timeout: 300_000 };
const REL = 1e-6;
/** MAE and quantile optima are not unique lines: compare only their loss. */
const UNIQUE_LINE = new Set(["mse", "huber", "logcosh"]);

const reference = readReference("regression_fits.json");
const seeds = readReference("seed_examples.json");
const lab = useLab();

function linkFor(c, fit) {
  const parts = ["mode=regression", `loss=${fit.loss}`];
  if (fit.params.delta !== undefined) parts.push(`delta=${fit.params.delta}`);
  if (fit.params.tau !== undefined) parts.push(`tau=${fit.params.tau}`);
  parts.push(`pts=${formatPoints(c.x.map((x, i) => [x, c.y[i]]))}`);
  return "#" + parts.join("&");
}

for (const c of reference.cases) {
  test(`reference fits: ${c.name} (${c.x.length} points)`, T, async (t) => {
    const app = await lab.open({ waitReady: false });
    try {
      for (const fit of c.fits) {
        const label = `${fit.loss}${Object.entries(fit.params).map(([k, v]) => ` ${k}=${v}`).join("")}`;
        await t.test(label, async () => {
          await app.goto(linkFor(c, fit));
          await app.waitValue("point-count", (v) => v === c.x.length, `point-count = ${c.x.length}`);
          const got = await app.fit(fit.loss);
          const show = JSON.stringify({ got, want: { slope: fit.slope, intercept: fit.intercept, loss: fit.mean_loss } });
          assert.ok(closeRel(got.loss, fit.mean_loss, REL), `mean ${fit.loss} loss off by more than ${REL} relative: ${show}`);
          if (UNIQUE_LINE.has(fit.loss)) {
            assert.ok(closeRel(got.slope, fit.slope, REL), `slope off by more than ${REL} relative: ${show}`);
            assert.ok(closeRel(got.intercept, fit.intercept, REL), `intercept off by more than ${REL} relative: ${show}`);
          }
        });
      }
      app.assertClean();
    } finally {
      await app.close();
    }
  });
}

test("article preset: 80 training points, MSE fit and test MSE as in the article", T, async () => {
  const want = seeds.regression;
  const app = await lab.open({ hash: "#pts=0,0;1,1" });
  try {
    await app.page.locator(sel("preset-article")).click();
    await app.waitValue("point-count", (v) => v === want.train_x.length, `point-count = ${want.train_x.length}`, {
      timeout: 20_000,
    });
    const testMse = await app.value("article-test-mse", { timeout: 20_000 });
    assert.ok(closeRel(testMse, want.test_mse, REL), `article-test-mse ${testMse}, want ${want.test_mse}`);
    const mse = await app.fit("mse");
    assert.ok(closeRel(mse.slope, want.slope, REL), `MSE slope ${mse.slope}, want ${want.slope}`);
    assert.ok(closeRel(mse.intercept, want.intercept, REL), `MSE intercept ${mse.intercept}, want ${want.intercept}`);
    app.assertClean();
  } finally {
    await app.close();
  }
});
