// End-to-end tests from a student's homework on a phone, a tablet and a Chromebook (a review
// of the eighth session of 2026-12-05): what the student reads and touches while working.

import { test } from "node:test";
import assert from "node:assert/strict";
import { useLab, sel, formatPoints, parsePoints, pollUntil, STEP_TIMEOUT } from "./helpers.mjs";

const T = { timeout: 120_000 };
const lab = useLab();
const withApp = (options, body) => lab.with(options, body);
const PHONE = { viewport: { width: 390, height: 844 }, scale: 2, touch: true };
const OUTLIER = [[0, 2.07], [0.75, 2.19], [1.5, 3.59], [2.25, 4.52], [3, 4.94], [3.75, 4.36], [4.5, 5.52], [5.25, 5.96], [6, 7.08], [6.75, 7.24], [7.5, 7.41], [8.25, 19.26], [9, 8.59], [9.75, 9.3]];

test("on a phone the legend above the plot carries every shown line's slope, as the table does", T, async () => {
  await withApp({ ...PHONE, hash: `#loss=huber&pts=${formatPoints(OUTLIER)}` }, async (app) => {
    const legend = app.page.locator(".regression-lab .plot-legend");
    assert.ok(await legend.isVisible(), "the compact legend is shown on a phone");
    const box = await legend.boundingBox();
    assert.ok(box.y + box.height < 844, "the legend is on the first screen");
    for (const loss of ["huber", "mse", "mae"]) {
      const item = app.page.locator(sel(`legend-slope-${loss}`));
      assert.equal(await item.getAttribute("data-value"), String(await app.value(`fit-${loss}-slope`)), loss);
      const shown = Number((await item.locator(".legend-value").innerText()).trim().replace("−", "-"));
      const slope = await app.value(`fit-${loss}-slope`);
      assert.ok(Math.abs(shown - slope) <= 5e-4 * Math.abs(slope), `${loss}: ${shown} for ${slope}`);
    }
  });
});

test("on a phone the first screen shows the tabs on one row, the whole plot and the edit buttons; the data sets scroll sideways", T, async () => {
  for (const [hash, canvas, reset] of [
    [`#pts=${formatPoints(OUTLIER)}`, ".regression-lab .chart-scatter", "preset-reset"],
    ["#mode=classification", ".classification-lab .chart-scatter", "preset-reset"],
  ]) {
    await withApp({ ...PHONE, hash }, async (app) => {
      const tops = await app.page.locator('nav[role="tablist"] button').evaluateAll((tabs) => tabs.map((t) => t.getBoundingClientRect().top));
      assert.equal(new Set(tops).size, 1, `the three tabs on one row: ${tops}`);
      const plot = await app.page.locator(canvas).boundingBox();
      assert.ok(plot.y + plot.height <= 844, `the plot ends at ${plot.y + plot.height} px, below the 844 px screen`);
      assert.ok(plot.height <= plot.width + 60, `a plot taller than wide: ${JSON.stringify(plot)}`);
      const undo = await app.page.locator(sel("undo")).boundingBox();
      assert.ok(undo.y + undo.height <= 844, `the Undo button at ${undo.y} px is off the first screen`);
      assert.ok(await app.page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "the page scrolls sideways");
      // The data-set row scrolls inside itself: one row, its last button beyond the edge.
      const bar = await app.page.locator(".preset-bar").evaluate((b) => [b.scrollWidth, b.clientWidth]);
      assert.ok(bar[0] > bar[1], `the data sets fit without scrolling? ${bar}`);
      const rows = await app.page.locator(".preset-bar button").evaluateAll((buttons) => new Set(buttons.map((b) => b.offsetTop)).size);
      assert.equal(rows, 1, "the data-set buttons on one row");
      const last = await app.page.locator(sel(reset)).boundingBox();
      assert.ok(last.x + last.width > 390, "Reset starts beyond the screen's edge");
    });
  }
  // In a course page's frame the row wraps: "Open in LossLab ↗" must not hide off the edge.
  await withApp({ ...PHONE, hash: `#embed=1&pts=${formatPoints(OUTLIER)}` }, async (app) => {
    const open = await app.page.locator(sel("open-full")).boundingBox();
    assert.ok(open && open.x >= 0 && open.x + open.width <= 390, `Open in LossLab at ${JSON.stringify(open)}`);
  });
});

test("on a 360 px phone the plot stays put while the legend's slopes change length mid-drag", T, async () => {
  // A review: slopes growing from "0" to "−0.002261" re-wrapped the legend above the plot and
  // moved the plot 20 px under the finger.
  await withApp({ ...PHONE, viewport: { width: 360, height: 740 }, hash: "#pts=0,0;1,0;2,0;3,0;4,0" }, async (app) => {
    const plot = await app.plot();
    const canvas = app.page.locator(sel("scatter-canvas"));
    const top = async () => (await canvas.boundingBox()).y;
    const before = await top();
    const from = plot.toPage([4, 0]);
    const mouse = app.page.mouse;
    await mouse.move(from.x, from.y);
    await mouse.down();
    const tops = new Set();
    const legend = app.page.locator(".regression-lab .plot-legend");
    for (const dy of [-3, -7, -15, -40, -90]) {
      const shown = await legend.innerText();
      await mouse.move(from.x, from.y + dy, { steps: 3 });
      // Measured once the legend shows the move's slopes.
      await pollUntil(async () => (await legend.innerText()) !== shown);
      tops.add(await top());
    }
    await mouse.up();
    const slope = await app.value("fit-mse-slope");
    assert.ok(slope > 0, `the drag changed the slope: ${slope}`);
    assert.deepEqual([...tops], [before], "the plot moved during the drag");
  });
});

test("pressing A three times, or in a burst, adds points side by side, not on one spot", T, async () => {
  for (const hash of [`#pts=${formatPoints(OUTLIER)}`, "#mode=classification"]) {
    await withApp({ hash }, async (app) => {
      const canvas = sel(hash.includes("classification") ? "classification-canvas" : "scatter-canvas");
      const before = await app.value("point-count");
      await app.page.locator(canvas).focus();
      for (let i = 0; i < 3; i++) {
        await app.page.keyboard.press("Escape");
        await app.page.keyboard.press("a");
        await app.waitValue("point-count", (n) => n === before + i + 1, `A #${i + 1}`);
      }
      const points = parsePoints((await app.hashParams()).get("pts")).slice(-3);
      const keys = new Set(points.map(([x, y]) => `${x},${y}`));
      assert.equal(keys.size, 3, `three distinct points: ${JSON.stringify(points)}`);
      // A burst within one frame (a macro, a stalled tab): each press sees the ones before it.
      await app.page.locator(canvas).evaluate((plot) => {
        for (let i = 0; i < 8; i++) plot.dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true, cancelable: true }));
      });
      await app.waitValue("point-count", (n) => n === before + 11, "8 more points");
      const burst = parsePoints((await app.hashParams()).get("pts")).slice(-11);
      assert.equal(new Set(burst.map(([x, y]) => `${x},${y}`)).size, 11, `eleven distinct points: ${JSON.stringify(burst)}`);
    });
  }
});

test("a message stays in view when the page is scrolled to the buttons that caused it", T, async () => {
  await withApp({ ...PHONE, hash: `#pts=${formatPoints(OUTLIER)}` }, async (app) => {
    const input = app.page.locator(sel("csv-file-input"));
    await app.page.locator(sel("import-csv")).scrollIntoViewIfNeeded();
    assert.ok(await app.page.evaluate(() => window.scrollY) > 300, "scrolled down to the import button");
    await input.setInputFiles({ name: "homework.csv", mimeType: "text/csv", buffer: Buffer.from("x,y\n0,1\nabc,2\n1,3\n2,5\n3,7\n") });
    const note = app.page.locator(`${sel("input-error")}, ${sel("input-note")}`).first();
    await note.waitFor({ state: "visible", timeout: STEP_TIMEOUT });
    const box = await note.boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= 844, `the report is on screen (top ${box.y})`);
    assert.match(await note.innerText(), /homework\.csv/);
  });
});

test("sliders and the show boxes are touch targets of at least 24 px", T, async () => {
  for (const hash of ["#mode=regression", "#mode=classification"]) {
    await withApp({ ...PHONE, hash }, async (app) => {
      const small = await app.page.evaluate(() =>
        [...document.querySelectorAll('.slider input[type="range"], .show-line')]
          .map((e) => ({ id: e.dataset.testid ?? e.className, h: e.getBoundingClientRect().height }))
          .filter((t) => t.h < 24),
      );
      assert.deepEqual(small, [], hash);
    });
  }
});

test("a mouse over a point shows a grab hand; elsewhere the plot's crosshair", T, async () => {
  await withApp({ hash: `#pts=${formatPoints(OUTLIER)}` }, async (app) => {
    const plot = await app.plot();
    const canvas = app.page.locator(sel("scatter-canvas"));
    const cursor = () => canvas.evaluate((c) => getComputedStyle(c).cursor);
    const outlier = plot.toPage([8.25, 19.26]);
    await app.page.mouse.move(outlier.x + 40, outlier.y + 40);
    await app.page.mouse.move(outlier.x + 3, outlier.y + 2, { steps: 3 });
    assert.equal(await cursor(), "grab", "over a point");
    const empty = plot.toPage([1, 15]);
    await app.page.mouse.move(empty.x, empty.y, { steps: 3 });
    assert.equal(await cursor(), "crosshair", "over empty space");
  });
});

test("a message never hides the control the keyboard focuses, is capped in height, and is not printed", T, async () => {
  const bad = Array.from({ length: 30 }, (_, i) => `k${i}=1`).join("&");
  await withApp({ ...PHONE, hash: `#delta=-1&${bad}` }, async (app) => {
    const note = app.page.locator(sel("input-error"));
    await note.waitFor({ state: "visible" });
    const noteBox = await note.boundingBox();
    assert.ok(noteBox.height < 0.2 * 844, `the message is ${noteBox.height} px tall`);
    // From the page's end back to the δ slider with Shift+Tab: the browser scrolls each
    // focused control into view, below the pinned message.
    await app.page.locator("footer").click();
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await app.page.keyboard.press("Shift+Tab");
      reached = await app.page.evaluate(() => document.activeElement?.dataset.testid === "delta-slider");
    }
    assert.ok(reached, "Shift+Tab reached the δ slider");
    const [slider, pinned] = await Promise.all([app.page.locator(sel("delta-slider")).boundingBox(), note.boundingBox()]);
    assert.ok(slider.y >= pinned.y + pinned.height, `the slider (top ${slider.y}) is below the message (bottom ${pinned.y + pinned.height})`);
    await app.page.emulateMedia({ media: "print" });
    assert.equal(await note.isVisible(), false, "messages are not printed");
  });
});

test("Copy link on the article screen shares that screen only, not the lab's points", T, async () => {
  const initScript = () => {
    navigator.clipboard.writeText = async (text) => {
      window.__copied = text;
    };
  };
  await withApp({ hash: `#mode=article&pts=${formatPoints(OUTLIER)}`, initScript }, async (app) => {
    await app.page.locator(sel("copy-link")).click();
    await app.page.locator(sel("input-note")).waitFor({ state: "visible", timeout: STEP_TIMEOUT });
    assert.equal(new URL(await app.page.evaluate(() => window.__copied)).hash, "#mode=article");
  });
});

test("each preset says what to look for while its points are unedited", T, async () => {
  await withApp({}, async (app) => {
    const hint = app.page.locator(sel("preset-hint"));
    await app.page.locator(sel("preset-outlier")).click();
    assert.match(await hint.innerText(), /^Drag the high point: MSE's line follows it/);
    assert.match(await hint.innerText(), /quantile line keeps a fraction τ/);
    await app.page.locator(sel("preset-clean")).click();
    await pollUntil(async () => /^Without outliers/.test(await hint.innerText()));
    // An edit makes them the student's own points: the hint goes.
    await app.page.locator(sel("scatter-canvas")).focus();
    await app.page.keyboard.press("a");
    await hint.waitFor({ state: "detached", timeout: STEP_TIMEOUT });
  });
});

test("a screen reader hears a keyboard edit once: the plot's name holds no fit, the sliders' numbers are no live regions", T, async () => {
  // An accessibility review: the focused plot's name (with the fit in it) changed on every
  // arrow press, and the number beside each slider (an `output`, a live region, inside the
  // slider's label) was read on every step, besides the slider's own value text.
  await withApp({ hash: `#pts=${formatPoints(OUTLIER)}` }, async (app) => {
    const canvas = app.page.locator(sel("scatter-canvas"));
    await canvas.focus();
    await app.page.keyboard.press("]");
    const name = await canvas.getAttribute("aria-label");
    const slope = await app.value("fit-mse-slope");
    await app.page.keyboard.press("ArrowUp");
    await app.waitValue("fit-mse-slope", (v) => v !== slope, "the fit to follow the moved point");
    assert.equal(await canvas.getAttribute("aria-label"), name, "the plot's name changed with the fit");
    for (const [slider, label] of [["delta-slider", "Huber δ"], ["tau-slider", "Quantile τ"]]) {
      assert.equal(await app.page.getByRole("slider", { name: label, exact: true }).count(), 1, `${slider} is named “${label}”, without its number`);
      assert.match(await app.page.locator(sel(slider)).getAttribute("aria-valuetext"), /^[δτ] = /);
    }
  });
  await withApp({ hash: "#mode=classification" }, async (app) => {
    for (const label of ["Focal γ", "L2 penalty λ"]) {
      assert.equal(await app.page.getByRole("slider", { name: label, exact: true }).count(), 1, `the slider is named “${label}”`);
    }
    assert.equal(await app.page.locator("output:not([aria-hidden='true'])").count(), 0, "an output is a live region");
  });
});

test("the regression lab's points open as a table by keyboard: x, y, share and pull of every point", T, async () => {
  // An accessibility review: the classification lab had a text alternative per point, the
  // regression lab none; a blind student could not tell which points pull the line hardest.
  await withApp({ hash: `#loss=mse&pts=${formatPoints(OUTLIER)}` }, async (app) => {
    const toggle = app.page.locator(sel("points-table-toggle"));
    assert.equal(await app.page.locator(sel("points-table")).count(), 0, "closed at first (built only when opened)");
    await toggle.focus();
    await app.page.keyboard.press("Enter");
    const rows = app.page.locator(`${sel("points-table")} tbody tr`);
    await pollUntil(async () => (await rows.count()) === OUTLIER.length);
    assert.equal(await rows.count(), OUTLIER.length);
    const cells = async (i) => (await rows.nth(i).locator("th, td").allInnerTexts()).map((t) => t.trim());
    const outlier = await cells(11);
    assert.deepEqual(outlier.slice(0, 3), ["12", "8.25", "19.26"]);
    // The outlier carries the largest share of MSE's loss and pulls hardest.
    const shares = [];
    for (let i = 0; i < OUTLIER.length; i++) shares.push(Number((await cells(i))[3]));
    assert.equal(shares.indexOf(Math.max(...shares)), 11, `shares ${shares}`);
    assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 100) < 0.5, `shares sum to 100 %: ${shares}`);
    await app.page.keyboard.press("Enter");
    await pollUntil(async () => (await app.page.locator(sel("points-table")).count()) === 0);
    assert.equal(await app.page.locator(sel("points-table")).count(), 0, "Enter closes it again");
  });
});
