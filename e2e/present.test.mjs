// End-to-end tests of presentation mode on a projector (1920 × 1080, 1280 × 720, 1280 × 600 with
// the browser's own bars, 1024 × 768): what a teacher reads aloud is there and large, and the
// plot with the loss picker and its δ slider fits one screen. Also the phone's fits table.

import { test } from "node:test";
import assert from "node:assert/strict";
import { useLab, sel, recordChartText, chartTextPx } from "./helpers.mjs";

const T = { timeout: 120_000 };
const lab = useLab();
const withApp = (options, body) => lab.with(options, body);
const OUTLIER = "#present=1&loss=huber&pts=0,2;0.75,2.2;1.5,3.6;2.25,4.5;3,4.9;3.75,4.3;4.5,5.5;5.25,5.9;6,7.1;6.75,7.2;7.5,7.4;8.25,19.2;9,8.6;9.75,9.3";

// Imbalanced classes (30 of label 0, 3 of label 1): the fits' numbers are as wide as their headers.
const IMBALANCED = `#mode=classification&loss=focal&gamma=2&l2=0.01&alpha=none&pts=${[
  ...[1.7, 1.5, 1.4, 1.2, 1, 0.9, 0.7, 0.6, 0.4, 0.2, 0.1, -0.1, -0.2, -0.4, -0.5, -0.7, -0.9, -1, -1.2, -1.3, -1.5, -1.7, -1.8, -2, -2.1, -2.3, -2.4, -2.6, -2.8, -2.9].map((x) => `${x},0`),
  ...[1, 2, 3].map((x) => `${x},1`),
].join(";")}`;

/** Where the parts a teacher needs lie on the screen, in CSS px. */
const layout = (page) =>
  page.evaluate(() => {
    const box = (selector) => {
      const e = document.querySelector(selector);
      if (!e) return null;
      const r = e.getBoundingClientRect();
      return { top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right), height: Math.round(r.height) };
    };
    const rows = (selector) => new Set([...document.querySelectorAll(selector)].map((e) => Math.round(e.getBoundingClientRect().top))).size;
    return {
      header: box(".app-header"),
      headerRows: rows(".app-header button:not(.skip-link)"),
      presetRows: rows(".preset-bar button"),
      plot: box('[data-testid="scatter-canvas"]'),
      delta: box('[data-testid="delta-slider"]'),
      picker: box('[data-testid="loss-picker"]'),
    };
  });

test("presentation mode shows the formulas, in the presentation type, and the panels' key sentences", T, async () => {
  await withApp({ hash: OUTLIER, viewport: { width: 1920, height: 1080 } }, async (app) => {
    const formulas = app.page.locator(sel("formulas"));
    await formulas.waitFor({ state: "visible" });
    const seen = await app.page.evaluate(() => {
      const px = (e) => parseFloat(getComputedStyle(e).fontSize);
      const visible = (e) => !!e && e.checkVisibility();
      return {
        cell: px(document.querySelector('[data-testid="formulas"] td')),
        residual: visible(document.querySelector('[data-testid="formulas"] .caption')),
        panels: [...document.querySelectorAll(".panels .caption")].map(visible),
        // The editing hint folds away (a review found the regression lab's still shown).
        editHintCount: document.querySelectorAll(".edit-hint").length,
        editHints: [...document.querySelectorAll(".edit-hint")].filter(visible).map((e) => e.textContent.slice(0, 40)),
      };
    });
    assert.ok(seen.editHintCount >= 1, "the regression lab has its editing hint");
    assert.deepEqual(seen.editHints, [], "no editing hint while presenting");
    assert.ok(seen.cell >= 19, `formulas in the presentation type (${seen.cell} px)`);
    assert.ok(seen.residual, "the residual's definition above the formulas");
    assert.ok(seen.panels.length >= 3 && seen.panels.every(Boolean), `the ρ, ψ and influence panels' sentences: ${seen.panels}`);
    await app.screenshot("present-1920-formulas.png");
  });
});

test("at 1600 px and wider, presenting, the comparison table is in the full presentation type and shows every column", T, async () => {
  await withApp({ hash: OUTLIER, viewport: { width: 1920, height: 1080 } }, async (app) => {
    for (const width of [1600, 1700, 1920, 2560]) {
      await app.page.setViewportSize({ width, height: 1080 });
      const table = await app.page.evaluate(() => {
        const t = document.querySelector(".side table");
        return {
          cell: parseFloat(getComputedStyle(t.querySelector("tbody td")).fontSize),
          head: parseFloat(getComputedStyle(t.querySelector("thead th")).fontSize),
          hidden: t.parentElement.scrollWidth - t.parentElement.clientWidth,
        };
      });
      assert.ok(table.cell >= 20, `table cells at ${width} px: ${table.cell} px`);
      assert.ok(table.head >= 16, `table headers at ${width} px: ${table.head} px`);
      assert.ok(table.hidden <= 0, `every column in view at ${width} px (${table.hidden} px hidden)`);
    }
  });
});

test("presenting at 1280 × 720, 1280 × 600 and 1024 × 768: one header row, and the whole plot and the δ slider on the screen", T, async () => {
  const seen = [];
  for (const [width, height] of [[1280, 720], [1280, 600], [1024, 768]]) {
    await withApp({ hash: OUTLIER, viewport: { width, height } }, async (app) => {
      await app.page.locator(sel("delta-slider")).waitFor();
      await app.screenshot(`present-${width}x${height}.png`);
      seen.push([width, height, await layout(app.page)]);
    });
  }
  for (const [width, height, at] of seen) {
    {
      assert.equal(at.headerRows, 1, `the header's buttons on one row at ${width} × ${height}`);
      assert.ok(at.header.height <= 56, `a compact header at ${width} × ${height} (${at.header.height} px)`);
      if (width >= 1280) assert.equal(at.presetRows, 1, `the data-set buttons on one row at ${width} × ${height}`);
      assert.ok(at.plot.bottom <= height, `the whole plot, x axis included, on the screen at ${width} × ${height} (bottom ${at.plot.bottom})`);
      assert.ok(at.delta.bottom <= Math.min(height, 600), `the δ slider within 600 px at ${width} × ${height} (bottom ${at.delta.bottom})`);
    }
  }
  await withApp({ hash: OUTLIER, viewport: { width: 1280, height: 720 }, scale: 2 }, async (app) => {
    await app.page.locator(sel("delta-slider")).waitFor();
    await app.screenshot("present-1280x720-2x.png");
  });
  // The classification lab on a 1024 × 768 projector: γ, α and λ beside the plot too (a
  // review: below it, the teacher could not move γ while the class watched the sigmoids).
  await withApp({ hash: "#mode=classification&present=1", viewport: { width: 1024, height: 768 } }, async (app) => {
    const plot = await app.page.locator(sel("classification-canvas")).boundingBox();
    for (const id of ["gamma-slider", "l2-slider"]) {
      const slider = await app.page.locator(sel(id)).boundingBox();
      assert.ok(slider.x >= plot.x + plot.width, `${id} beside the plot: ${JSON.stringify({ slider, plot })}`);
      assert.ok(slider.y + slider.height <= 768, `${id} on the screen: ${JSON.stringify(slider)}`);
    }
    await app.screenshot("present-classification-1024x768.png");
  });
});

test("presenting, a message floats at the screen's bottom and does not push the plot down", T, async () => {
  await withApp({ hash: OUTLIER, viewport: { width: 1280, height: 800 } }, async (app) => {
    await app.page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    const plotTop = () => app.page.evaluate(() => document.querySelector('[data-testid="scatter-canvas"]').getBoundingClientRect().top);
    const before = await plotTop();
    await app.page.getByRole("button", { name: "Copy link" }).click();
    const note = app.page.locator(".notice");
    await note.waitFor({ state: "visible" });
    assert.equal(await plotTop(), before, "the plot moved when the message came");
    const box = await note.boundingBox();
    assert.ok(box.y + box.height <= 800 && box.y + box.height >= 780, `the message sits at the bottom (${JSON.stringify(box)})`);
    // Escape dismisses it (its × button is many Tab stops away).
    await app.page.keyboard.press("Escape");
    await note.waitFor({ state: "detached" });
  });
});

test("on a phone the fits table's headers and numbers stand apart, presenting or not", T, async () => {
  for (const hash of [IMBALANCED, `${IMBALANCED}&present=1`]) {
  await withApp({ hash, viewport: { width: 390, height: 844 }, scale: 2 }, async (app) => {
    const table = app.page.locator(`${sel("classification-fits")} table`);
    await table.waitFor();
    const gaps = await table.evaluate((t) => {
      const textBox = (cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return range.getBoundingClientRect();
      };
      const gaps = (cells) => {
        const boxes = [...cells].map(textBox);
        return boxes.slice(1).map((b, i) => Math.round(b.left - boxes[i].right));
      };
      return { head: gaps(t.querySelectorAll("thead th")), row: gaps(t.querySelector("tbody tr").children) };
    });
    assert.ok(Math.min(...gaps.head) >= 8, `space between the headers' words (${hash}): ${gaps.head}`);
    assert.ok(Math.min(...gaps.row) >= 8, `space between a row's numbers (${hash}): ${gaps.row}`);
    await table.scrollIntoViewIfNeeded();
    await app.screenshot(`phone-fits-table${hash.includes("present") ? "-present" : ""}.png`);
  });
  }
});

test("presenting on a 1920 px projector, chart text is larger than at 1280 px (1.7 against 1.35 times the usual)", T, async () => {
  const initScript = recordChartText;
  // The size in px of the font the plot's "x" axis title is drawn with.
  const titleSize = (app) => chartTextPx(app, "x");
  const sizes = {};
  for (const width of [1280, 1920]) {
    await withApp({ hash: OUTLIER, viewport: { width, height: 1080 }, initScript }, async (app) => {
      sizes[width] = await titleSize(app);
    });
  }
  assert.ok(sizes[1280] > 0, "the axis title was drawn");
  assert.ok(Math.abs(sizes[1920] / sizes[1280] - 1.7 / 1.35) < 0.02, JSON.stringify(sizes));
});
