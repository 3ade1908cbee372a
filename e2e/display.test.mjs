// End-to-end tests of how the page adapts to the reader's display settings: the browser's
// default font size, enlarged text, forced colours (Windows High Contrast), print, 200 – 400 %
// zoom and keyboard scrolling of wide tables.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { useLab, sel, pollUntil, artifactsDir, recordChartText, chartTextPx } from "./helpers.mjs";

const T = { timeout: 120_000 };
const lab = useLab();
const withApp = (options, body) => lab.with(options, body);

/** A screenshot of one element, in artifacts/. */
async function shot(locator, name) {
  mkdirSync(artifactsDir, { recursive: true });
  await locator.screenshot({ path: path.join(artifactsDir, name) });
}

/** Opens the app with the browser's standard font size set to `px` (Chromium's settings). */
const withDefaultFont = (px, options, body) =>
  withApp(
    {
      ...options,
      beforeLoad: async (page) => {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send("Page.setFontSizes", { fontSizes: { standard: px, fixed: Math.round(px * 0.8125) } });
      },
    },
    body,
  );

const fontSizes = (page) =>
  page.evaluate(() => {
    const px = (e) => parseFloat(getComputedStyle(e).fontSize);
    // A key cap (`kbd`, plain `monospace`): Chromium shrinks monospace type by 13/16 if it is
    // derived from `medium` by percentages alone.
    const box = (selector) => Math.round(document.querySelector(selector).getBoundingClientRect().width * 10) / 10;
    return {
      root: px(document.documentElement),
      body: px(document.body),
      caption: px(document.querySelector(".caption")),
      key: px(document.querySelector("kbd")),
      radio: box('input[type="radio"]'),
      checkbox: box('input[type="checkbox"]'),
    };
  });

test("the type follows the browser's default font size: 15 px at its usual 16 px, 22.5 px at 24 px, presentation mode larger still", T, async () => {
  await withApp({ hash: "#mode=regression" }, async (app) => {
    assert.deepEqual(await fontSizes(app.page), { root: 15, body: 15, caption: 13.5, key: 12, radio: 13, checkbox: 13 }, "the usual look at the usual default");
  });
  await withApp({ hash: "#mode=regression&present=1" }, async (app) => {
    const sizes = await fontSizes(app.page);
    assert.deepEqual([sizes.body, sizes.key, sizes.radio], [20, 16, 22], "presentation mode at the usual default");
  });
  await withDefaultFont(24, { hash: "#mode=regression" }, async (app) => {
    assert.deepEqual(await fontSizes(app.page), { root: 22.5, body: 22.5, caption: 20.25, key: 18, radio: 19.5, checkbox: 19.5 }, "a 24 px default enlarges the type, radios and checkboxes too");
  });
  await withDefaultFont(24, { hash: "#mode=regression&present=1" }, async (app) => {
    assert.equal((await fontSizes(app.page)).body, 30, "presentation mode at a 24 px default");
  });
});

test("at a 24 px default font size no view is wider than the window", T, async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 768, height: 1024 }]) {
    for (const mode of ["regression", "classification", "article"]) {
      await withDefaultFont(24, { hash: `#mode=${mode}`, viewport }, async (app) => {
        await app.page.waitForTimeout(300);
        const width = await app.page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= viewport.width, `${mode} at ${viewport.width} px: the page is ${width} px wide`);
        await app.screenshot(`display-font24-${mode}-${viewport.width}.png`);
      });
    }
  }
});

/** How the softmax table's last column (∂loss/∂z) can be reached: its scroll container, the
 *  cell's right edge once that is scrolled to its end, and the panel's inner right edge. */
const softmaxReach = (page) =>
  page.evaluate(() => {
    const panel = document.querySelector('[data-testid="softmax-panel"]');
    const cell = panel.querySelector('[data-testid="cce-gradient-0"]');
    const region = cell.closest(".table-scroll");
    if (region) region.scrollLeft = region.scrollWidth;
    const p = panel.getBoundingClientRect();
    const panelInner = p.right - parseFloat(getComputedStyle(panel).borderRightWidth);
    return {
      scrolls: !!region && panel.contains(region),
      cellRight: cell.getBoundingClientRect().right,
      boxRight: region ? region.getBoundingClientRect().right : p.right,
      panelInner,
      tabindex: region?.getAttribute("tabindex") ?? null,
      label: region?.getAttribute("aria-label") ?? null,
    };
  });

test("the softmax table's last column can be scrolled to, with enlarged type and at 320 px", T, async () => {
  const cases = [
    { font: 32, viewport: { width: 1280, height: 800 } },
    { font: 32, viewport: { width: 768, height: 1024 } },
    { font: 16, viewport: { width: 320, height: 640 } },
  ];
  for (const { font, viewport } of cases) {
    await withDefaultFont(font, { hash: "#mode=classification", viewport }, async (app) => {
      await app.page.locator(sel("softmax-panel")).scrollIntoViewIfNeeded();
      const r = await softmaxReach(app.page);
      const where = `${font} px type at ${viewport.width} px`;
      assert.ok(r.scrolls, `the table sits in a scroll container inside the panel (${where})`);
      assert.equal(r.tabindex, "0", `the scroll container is focusable (${where})`);
      assert.ok(r.label, `the scroll container is a labelled region (${where})`);
      assert.ok(r.boxRight <= r.panelInner + 0.5, `the scroll box ends inside the panel's border: ${r.boxRight} > ${r.panelInner} (${where})`);
      assert.ok(r.cellRight <= r.boxRight + 0.5, `scrolled to its end, ∂loss/∂z is in view: ${r.cellRight} > ${r.boxRight} (${where})`);
      if (viewport.width === 320) await shot(app.page.locator(sel("softmax-panel")), "display-softmax-320.png");
    });
  }
});

test("forced colours: the current tab, the picked γ and a pressed toggle stand out from their neighbours; focus rings stay", T, async () => {
  for (const colorScheme of ["light", "dark"]) {
    await withApp({ hash: "#mode=classification&present=1&gamma=2" }, async (app) => {
      await app.page.emulateMedia({ forcedColors: "active", colorScheme });
      assert.ok(await app.page.evaluate(() => matchMedia("(forced-colors: active)").matches));
      const look = (selector) =>
        app.page.locator(selector).first().evaluate((e) => {
          const cs = getComputedStyle(e);
          return { background: cs.backgroundColor, color: cs.color };
        });
      const pairs = [
        ["the current tab", sel("tab-classification"), sel("tab-regression")],
        ["the picked γ", sel("gamma-stop-2"), sel("gamma-stop-1")],
        ["the pressed Present toggle", sel("present-toggle"), sel("copy-link")],
      ];
      for (const [what, on, off] of pairs) {
        assert.equal(await app.page.locator(on).first().getAttribute(what === "the current tab" ? "aria-selected" : "aria-pressed"), "true");
        const [a, b] = [await look(on), await look(off)];
        assert.notEqual(a.background, b.background, `${what} (${colorScheme}): background ${a.background} like its neighbour's`);
        assert.notEqual(a.color, a.background, `${what} (${colorScheme}): text visible on its background`);
      }
      // A focus ring: on a button and on the plot (whose ring is drawn inside it).
      for (const id of ["gamma-stop-1", "classification-canvas"]) {
        await app.page.locator(sel(id)).focus();
        await app.page.keyboard.press("Shift");
        const ring = await app.page.locator(sel(id)).evaluate((e) => {
          const cs = getComputedStyle(e);
          return { visible: e.matches(":focus-visible"), style: cs.outlineStyle, width: parseFloat(cs.outlineWidth) };
        });
        assert.ok(ring.visible && ring.style !== "none" && ring.width >= 2, `${id} (${colorScheme}): focus ring ${JSON.stringify(ring)}`);
      }
      await shot(app.page.locator(sel("classification-controls")), `display-forced-${colorScheme}-controls.png`);
      await shot(app.page.locator(".app-header"), `display-forced-${colorScheme}-header.png`);
    });
  }
});

test("print: the picked γ prints dark, bold and thickly framed, unlike the other stops", T, async () => {
  await withApp({ hash: "#mode=classification&gamma=2" }, async (app) => {
    await app.page.emulateMedia({ media: "print" });
    const look = (id) =>
      app.page.locator(sel(id)).evaluate((e) => {
        const cs = getComputedStyle(e);
        const [r, g, b] = cs.color.match(/[\d.]+/g).map(Number);
        return { dark: r + g + b < 200, weight: Number(cs.fontWeight), border: parseFloat(cs.borderTopWidth) };
      });
    const on = await look("gamma-stop-2");
    const off = await look("gamma-stop-1");
    assert.ok(on.dark, "the picked stop's text is dark");
    assert.ok(on.weight >= 700, `the picked stop is bold (${on.weight})`);
    assert.ok(on.border >= 2 * off.border && on.border >= 2, `the picked stop's border is thick: ${on.border} px vs ${off.border} px`);
    assert.ok(off.weight < 700, "the other stops are not bold");
    await app.page.setViewportSize({ width: 794, height: 1123 });
    await shot(app.page.locator(sel("classification-controls")), "display-print-controls.png");
  });
});

test("the plot fits a short window (400 % zoom) and keeps its size elsewhere", T, async () => {
  const cases = [
    [{ width: 320, height: 200 }, 4],
    [{ width: 640, height: 400 }, 2],
    [{ width: 1280, height: 800 }, 1],
    [{ width: 1024, height: 768 }, 1],
    [{ width: 390, height: 844 }, 1],
    [{ width: 844, height: 390 }, 1],
  ];
  for (const mode of ["regression", "classification"]) {
    await withApp({ hash: `#mode=${mode}`, viewport: cases[0][0], scale: cases[0][1] }, async (app) => {
      for (const [viewport] of cases) {
        await app.page.setViewportSize(viewport);
        const height = await app.page.evaluate(() => document.querySelector(".chart-scatter").getBoundingClientRect().height);
        // The look up to now: clamp(300px, 56vh, 560px), wherever that fits the window; on a
        // phone (≤ 480 px wide) at most as tall as the window is wide, and at least 260 px.
        const phone = viewport.width <= 480;
        const [floor, preferred] = phone ? [260, Math.min(0.56 * viewport.height, viewport.width)] : [300, 0.56 * viewport.height];
        const before = Math.min(Math.max(floor, preferred), 560);
        const expected = before <= viewport.height * 0.85 ? before : viewport.height * 0.85;
        assert.ok(height <= viewport.height, `${mode} at ${viewport.width} × ${viewport.height}: the plot is ${height} px tall`);
        assert.ok(Math.abs(height - expected) < 1, `${mode} at ${viewport.width} × ${viewport.height}: ${height} px, expected ${expected}`);
      }
    });
  }
});

test("at 200 % zoom (640 px) the formulas table shows every column without scrolling", T, async () => {
  await withApp({ viewport: { width: 640, height: 400 }, scale: 2 }, async (app) => {
    const box = await app.page.locator(".formulas .table-scroll").evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    assert.ok(box.scroll <= box.client, `the formulas scroll sideways: ${JSON.stringify(box)}`);
    // Quantile's ψ is its two cases, one above the other.
    const cases = app.page.locator('.formulas tr[data-loss="quantile"] td:nth-child(3) mtr');
    assert.equal(await cases.count(), 2);
    const [a, b] = await cases.evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().top));
    assert.ok(b > a + 5, `the cases are on two lines: ${a}, ${b}`);
  });
});

test("at 200 % zoom a focused control scrolls into view with room for its focus ring", T, async () => {
  for (const mode of ["regression", "classification"]) {
    await withApp({ hash: `#mode=${mode}`, viewport: { width: 640, height: 400 }, scale: 2 }, async (app) => {
      const cut = [];
      let sawSlider = false;
      for (let i = 0; i < 45; i++) {
        await app.page.keyboard.press("Tab");
        const f = await app.page.evaluate(() => {
          const e = document.activeElement;
          if (!e || e === document.body) return null;
          const r = e.getBoundingClientRect();
          return { id: e.dataset.testid || e.getAttribute("aria-label") || e.tagName, top: r.top, bottom: r.bottom, height: r.height, vh: innerHeight };
        });
        if (!f || f.height > f.vh - 20) continue;
        if (/-slider$/.test(f.id)) sawSlider = true;
        // The ring is 3 px wide, 2 px outside the box.
        if (f.top < 5 || f.bottom > f.vh - 5) cut.push(`${f.id}: ${Math.round(f.top)} – ${Math.round(f.bottom)} of ${f.vh}`);
      }
      assert.ok(sawSlider, "the walk reached a slider");
      assert.deepEqual(cut, [], `${mode}: focus rings cut off at the window's edge`);
    });
  }
});

test("the table regions scroll by keyboard: focusable, with a focus ring, arrow keys scroll them", T, async () => {
  const views = [
    ["#mode=regression", ["Every loss's own fit", "Formulas"]],
    ["#mode=classification", [null, "Each loss's own fit"]],
  ];
  for (const [hash, labels] of views) {
    await withApp({ hash, viewport: { width: 320, height: 640 } }, async (app) => {
      const regions = await app.page.evaluate(() =>
        [...document.querySelectorAll(".table-scroll")].map((e) => ({
          label: e.getAttribute("aria-label"),
          tabindex: e.getAttribute("tabindex"),
          role: e.getAttribute("role"),
        })),
      );
      for (const label of labels) {
        const region = label ? regions.find((r) => r.label === label) : regions.find((r) => r.label && /oftmax/.test(r.label));
        assert.ok(region, `a region ${label ?? "around the softmax table"} in ${hash}: ${JSON.stringify(regions)}`);
        assert.equal(region.role, "region");
        assert.equal(region.tabindex, "0", `${region.label} is in the tab order`);
        const locator = app.page.locator(`.table-scroll[aria-label="${region.label}"]`);
        await locator.scrollIntoViewIfNeeded();
        // Reached by Tab from the element before it.
        await locator.evaluate((e) => {
          const probe = document.createElement("button");
          probe.id = "probe";
          e.before(probe);
          probe.focus();
        });
        await app.page.keyboard.press("Tab");
        const state = await locator.evaluate((e) => ({
          focused: document.activeElement === e,
          visible: e.matches(":focus-visible"),
          outline: getComputedStyle(e).outlineStyle,
          width: parseFloat(getComputedStyle(e).outlineWidth),
          overflow: e.scrollWidth - e.clientWidth,
        }));
        assert.ok(state.focused && state.visible, `${region.label}: Tab focuses it (${JSON.stringify(state)})`);
        assert.ok(state.outline !== "none" && state.width >= 2, `${region.label}: a focus ring (${JSON.stringify(state)})`);
        assert.ok(state.overflow > 0, `${region.label} is wider than 320 px, so it scrolls`);
        await app.page.keyboard.press("ArrowRight");
        assert.ok(await pollUntil(() => locator.evaluate((e) => e.scrollLeft > 0)), `${region.label}: → scrolls it`);
        await app.page.evaluate(() => document.getElementById("probe").remove());
      }
    });
  }
});

test("chart text follows the browser's default font size too (tick labels 1.5 times larger at 24 px)", T, async () => {
  const initScript = recordChartText;
  // The size in px of the font the plot's "x" axis title is drawn with.
  const titleSize = (app) => chartTextPx(app, "x");
  let usual = 0;
  await withApp({ hash: "#mode=regression", initScript }, async (app) => {
    usual = await titleSize(app);
  });
  assert.ok(usual > 0, "the axis title was drawn");
  await withDefaultFont(24, { hash: "#mode=regression", initScript }, async (app) => {
    const larger = await titleSize(app);
    assert.ok(Math.abs(larger / usual - 1.5) < 0.02, `axis title ${larger} px at a 24 px default, ${usual} px at 16 px`);
  });
});

test("a screen reader hears which fits row is the picked loss's, and the α box has a short name", T, async () => {
  await withApp({ hash: "#mode=regression&loss=mae" }, async (app) => {
    const rows = await app.page.$$eval('[data-testid="comparison-table"] tbody th', (ths) => ths.map((th) => th.textContent.trim()));
    assert.deepEqual(rows.filter((t) => t.includes("(picked)")), ["MAE (picked)"], rows.join(" | "));
  });
  await withApp({ hash: "#mode=classification&loss=hinge" }, async (app) => {
    const rows = await app.page.$$eval('[data-testid="classification-fits"] tbody th', (ths) => ths.map((th) => th.textContent.trim()));
    assert.deepEqual(rows.filter((t) => t.includes("(picked)")), ["Hinge (picked)"], rows.join(" | "));
    const box = app.page.getByRole("checkbox", { name: "Weight the classes (focal α)", exact: true });
    assert.equal(await box.count(), 1);
    assert.match(await box.getAttribute("aria-describedby"), /alpha-help/);
  });
});
