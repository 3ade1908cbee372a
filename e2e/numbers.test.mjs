// Numbers on screen: axis ticks that tell neighbours apart for data far from 0, a plot that
// shows a tiny spread, table cells that are their data-value correctly rounded, and a table
// whose every column stays in view with large numbers.

import { test } from "node:test";
import assert from "node:assert/strict";
import { useLab, sel, pollUntil } from "./helpers.mjs";

const T = { timeout: 180_000 };
const lab = useLab();

// x about 10⁶, y about 10⁹: every tick read "1.0e6" / "1.0e9".
const OFFSET = "pts=1000000,1000000012.3;1001000,1000502987.4;1002000,1000997258.6;1003000,1001491094.1;1004000,1002000000;1005000,1007500000";
// x from 1000 to 1000.001: the view spanned 999.5 – 1001, every point on one vertical.
const TINY = "pts=1000,1;1000.0005,2;1000.001,3.1;1000.0002,1.5";
const CLASSIFICATION = "#mode=classification&gamma=1&l2=0.01&pts=1000000,0;1001000,0;1000500,1;1002000,1;1003000,1;999000,0;1000200,1";
// Log-cosh picked: the pseudo-Huber row's value is within 10⁻⁹ of the log-cosh row's (a tie
// for the caption) but rounds differently at the nine digits the MAE row needs; the cell
// showed the log-cosh row's text.
const TIE =
  "#mode=regression&loss=logcosh&pts=1006128,1001931009;1008449,1002517581;1004261,1001214629;1009346,1002847364;1002714,1000811614;1001645,1000585335;1004141,1001260333;1004064,1001144834;1002704,1000823472;1003745,1001083428;1002767,1000781863;1006290,1001828689";

/**
 * Records every text drawn on a canvas, with its position and which drawing (one synchronous
 * run of calls) it belongs to: the charts' labels are canvas text, not markup.
 */
function recordCanvasText() {
  const proto = CanvasRenderingContext2D.prototype;
  const fillText = proto.fillText;
  let draw = 0;
  let pending = false;
  proto.fillText = function (text, x, y, ...rest) {
    if (!pending) {
      pending = true;
      draw += 1;
      queueMicrotask(() => (pending = false));
    }
    const m = this.getTransform();
    (this.canvas.__texts ||= []).push({ text, x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f, rotated: m.b !== 0, draw, align: this.textAlign });
    return fillText.call(this, text, x, y, ...rest);
  };
}

/** The tick labels of the last drawing of the axes layer under the canvas with this test id. */
async function ticks(app, id) {
  return app.page.evaluate((id) => {
    const chart = document.querySelector(`[data-testid="${id}"]`).closest(".chart");
    const layers = [...chart.querySelectorAll("canvas")].filter((c) => c.__texts?.length);
    const all = layers.flatMap((c) => c.__texts);
    const last = Math.max(...all.map((t) => t.draw));
    const texts = all.filter((t) => t.draw === last && !t.rotated);
    // x ticks share a baseline, y ticks a right edge (the axis names are the rest).
    const count = (key) => texts.reduce((m, t) => m.set(t[key], (m.get(t[key]) || 0) + 1), new Map());
    const [xRow] = [...count("y")].sort((a, b) => b[1] - a[1])[0];
    const xs = texts.filter((t) => t.y === xRow).sort((a, b) => a.x - b.x).map((t) => t.text);
    const ys = texts.filter((t) => t.y !== xRow && (t.align === "right" || t.align === "end")).sort((a, b) => b.y - a.y).map((t) => t.text);
    const names = all.filter((t) => t.draw === last && !xs.includes(t.text) && !ys.includes(t.text)).map((t) => t.text);
    return { xs, ys, names };
  }, id);
}

const distinct = (labels) => new Set(labels).size === labels.length;

test("axis ticks of data far from 0 tell neighbours apart and stay short, at 1× and 2×", T, async () => {
  for (const scale of [1, 2]) {
    for (const [hash, id] of [
      [`#mode=regression&hide=&${OFFSET}`, "scatter-canvas"],
      [CLASSIFICATION, "classification-canvas"],
    ]) {
      await lab.with({ hash, scale, initScript: recordCanvasText }, async (app) => {
        let t;
        assert.ok(await pollUntil(async () => (t = await ticks(app, id)).xs.length >= 4), `no x ticks: ${JSON.stringify(t)}`);
        assert.ok(distinct(t.xs), `x ticks repeat (${hash}, ${scale}×): ${t.xs}`);
        assert.ok(t.ys.length >= 2 && distinct(t.ys), `y ticks repeat (${hash}, ${scale}×): ${t.ys}`);
        for (const label of [...t.xs, ...t.ys]) assert.ok(label.length <= 8, `a long tick label: ${label}`);
        await app.screenshot(`numbers-${id}-${scale}x.png`);
      });
    }
  }
});

test("a tiny spread far from 0 fills the plot, its ticks counting from an offset the axis names", T, async () => {
  for (const scale of [1, 2]) {
    await lab.with({ hash: `#mode=regression&${TINY}`, scale, initScript: recordCanvasText }, async (app) => {
      const canvas = app.page.locator(sel("scatter-canvas"));
      const [min, max] = [Number(await canvas.getAttribute("data-x-min")), Number(await canvas.getAttribute("data-x-max"))];
      assert.ok(max - min < 0.002 && min <= 1000 && max >= 1000.001, `x view ${min} – ${max}`);
      const t = await ticks(app, "scatter-canvas");
      assert.ok(t.xs.length >= 4 && distinct(t.xs), `x ticks: ${t.xs}`);
      assert.ok(t.names.includes("x − 1000"), `axis names: ${t.names}`);
      await app.screenshot(`numbers-tiny-spread-${scale}x.png`);
    });
  }
});

/** [text, data-value] of every numeric cell of a table. */
async function cells(app, table) {
  return app.page.$$eval(`${sel(table)} td[data-value]`, (tds) => tds.map((td) => [td.textContent.trim(), td.getAttribute("data-value"), td.dataset.testid]));
}

/** Whether `text` (as the app writes numbers) is `value` rounded to the digits `text` shows. */
function roundsTo(text, value) {
  const t = text.replace("−", "-");
  const [mantissa, exp = "0"] = t.split("e");
  const decimals = (mantissa.split(".")[1] || "").length;
  const unit = 10 ** (Number(exp) - decimals);
  return Math.abs(Number(t) - value) <= 0.5 * unit * (1 + 1e-9);
}

test("every table cell is its data-value correctly rounded, a tie's too", T, async () => {
  for (const hash of [TIE, `#mode=regression&hide=&${OFFSET}`, `#mode=regression&loss=huber&${TINY}`]) {
    await lab.with({ hash }, async (app) => {
      const wrong = [];
      for (const [text, raw, id] of await cells(app, "comparison-table")) {
        const value = Number(raw);
        // Rounding noise shows as 0 on purpose; "–" is no fit.
        if (text === "0" || text === "–") continue;
        if (!roundsTo(text, value)) wrong.push(`${id}: ${text} for ${raw}`);
      }
      assert.deepEqual(wrong, [], hash);
    });
  }
});

test("the classification table's boundaries at x ≈ 10⁶ show as three different numbers", T, async () => {
  await lab.with({ hash: CLASSIFICATION }, async (app) => {
    const rows = (await cells(app, "classification-fits")).filter(([, , id]) => id.startsWith("boundary-"));
    assert.equal(rows.length, 3);
    const texts = rows.map(([text]) => text);
    assert.ok(distinct(texts), `boundaries: ${rows.map((r) => r.join(" for ")).join(", ")}`);
    for (const [text, raw] of rows) assert.ok(roundsTo(text, Number(raw)), `${text} for ${raw}`);
  });
});

// House prices in dollars against floor area: the "Huber at fit" column needs nine digits
// (87588.908 for Huber, 87588.911 for MAE) to tell its rows apart.
const HOUSES = "#mode=regression&loss=huber&hide=&pts=800,150000;1200,210000;1500,260000;1800,300000;2100,355000;2500,420000;3000,480000;1300,900000";

test("with numbers in the millions and billions the fits tables show their last column at 1280 × 800", T, async () => {
  for (const [hash, table] of [
    [`#mode=regression&hide=&${OFFSET}`, "comparison-table"],
    [HOUSES, "comparison-table"],
    [CLASSIFICATION, "classification-fits"],
  ]) {
    await lab.with({ hash, viewport: { width: 1280, height: 800 } }, async (app) => {
      const box = await app.page.evaluate((table) => {
        const wrap = document.querySelector(`[data-testid="${table}"] .table-scroll`);
        const last = wrap.querySelector("tbody tr td:last-child").getBoundingClientRect();
        const edge = wrap.getBoundingClientRect();
        return { scroll: wrap.scrollWidth, client: wrap.clientWidth, lastRight: last.right, wrapRight: edge.left + wrap.clientWidth };
      }, table);
      assert.ok(box.scroll <= box.client, `the table scrolls sideways: ${JSON.stringify(box)}`);
      assert.ok(box.lastRight <= box.wrapRight + 0.5, `the last column is cut off: ${JSON.stringify(box)}`);
    });
  }
});

test("on a 390 px phone both fits tables show their last column without scrolling, house prices too", T, async () => {
  for (const [hash, table] of [
    ["#mode=regression&loss=pseudohuber&hide=", "comparison-table"],
    [HOUSES, "comparison-table"],
    // The classification table's "mean loss" was behind the scroll edge (54 px too wide).
    ["#mode=classification", "classification-fits"],
    ["#mode=classification&loss=bce&pts=-2.5,0;-1.7,0;-1.1,1;-0.4,0;0.3,1;0.9,0;1.6,1;2.4,1;-0.05,1", "classification-fits"],
  ]) {
    await lab.with({ hash, viewport: { width: 390, height: 844 } }, async (app) => {
      const box = await app.page.evaluate((table) => {
        const wrap = document.querySelector(`[data-testid="${table}"] .table-scroll`);
        return { scroll: wrap.scrollWidth, client: wrap.clientWidth };
      }, table);
      assert.ok(box.scroll <= box.client, `the table scrolls sideways on a phone (${hash}): ${JSON.stringify(box)}`);
    });
  }
});
