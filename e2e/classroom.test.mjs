// End-to-end tests of what makes LossLab usable in a classroom: the security policy, offline
// use, saved work, undo, keyboard and single-pointer editing, file import and export, and the
// presentation, embed and dark modes.

import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { useLab, sel, parsePoints, formatPoints, pngSize, pollUntil, STEP_TIMEOUT, artifactsDir, distDir, launchBrowser } from "./helpers.mjs";
import { startServer } from "./serve.mjs";

const T = { timeout: 120_000 };
const lab = useLab();

const withApp = (options, body) => lab.with(options, body);

/** An init script that records what the page hands to the clipboard in `window.__copied`
 *  (headless Chromium has no clipboard to read). */
const recordCopied = () => {
  navigator.clipboard.writeText = async (text) => {
    window.__copied = text;
  };
};

const POINTS = [
  [0, 1.1], [1, 2.9], [2, 5.2], [3, 6.8], [4, 9.1], [5, 11.2], [6, 12.8], [7, 15.1],
];

test("the Content-Security-Policy forbids eval and inline script, yet the app runs", T, async () => {
  await withApp({}, async (app) => {
    const csp = await app.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(csp, /'unsafe-eval'/);
    assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
    // The policy is enforced: an injected inline script does not run and is reported.
    const outcome = await app.page.evaluate(
      () =>
        new Promise((resolve) => {
          document.addEventListener("securitypolicyviolation", (e) => resolve(`blocked ${e.violatedDirective}`), { once: true });
          const script = document.createElement("script");
          script.textContent = "window.__inlineRan = true;";
          document.head.append(script);
          setTimeout(() => resolve(window.__inlineRan ? "ran" : "silent"), 500);
        }),
    );
    assert.match(outcome, /^blocked script-src/);
    // The violation above is the test's own doing; the app itself logged nothing.
    app.consoleErrors = app.consoleErrors.filter((e) => !/Content Security Policy/.test(e));
    assert.equal(app.outsideRequests.length, 0);
  });
});

test("after one visit the app works offline", T, async () => {
  // The app's own files carry Trunk's hash, so the worker serves them from its cache; only
  // unhashed files go to the network first (a 15-digit hash was once taken for none).
  const fresh = JSON.parse(readFileSync(path.join(distDir, "sw.js"), "utf8").match(/const FRESH = new Set\((\[[^\]]*\])/)[1]);
  assert.ok(fresh.includes("boot.js"), `network-first files: ${fresh}`);
  assert.deepEqual(fresh.filter((name) => /^(losslab-|style-|favicon-|snippets\/)/.test(name)), [], "hashed files fetched network-first");
  // The worker's own test of a hashed name (relative to its scope), on names of every kind.
  const pattern = readFileSync(path.join(distDir, "sw.js"), "utf8").match(/const HASHED = \/(.*)\/;/)[1];
  const hashedName = (name) => new RegExp(pattern).test(name);
  for (const name of ["losslab-0123456789abcdef.js", "losslab-b0a01b1fb509a79_bg.wasm", "style-bc83d5384b617b66.css", "snippets/losslab-8f7550ea3844b3fd/inline0.js"]) {
    assert.ok(hashedName(name), `${name} is hashed`);
  }
  for (const name of ["boot.js", "index.html", "data/article-regression.csv", "data/losslab-regression.py", "week-3.csv", "photo-2024.jpg"]) {
    assert.ok(!hashedName(name), `${name} is not hashed`);
  }
  await withApp({}, async (app) => {
    await app.page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    // Wait until the worker controls the page (first load: after clients.claim()).
    const controlled = await pollUntil(() => app.page.evaluate(() => !!navigator.serviceWorker.controller), 10_000);
    assert.ok(controlled, "the service worker never took control");
    // Another page of the folder (here a 404) visited online must not replace the app's copy.
    const missing = await app.page.goto(`${app.server.url}index.htm`);
    assert.equal(missing.status(), 404);
    await app.context.setOffline(true);
    await app.page.goto(app.server.url);
    await app.waitReady();
    assert.ok((await app.value("point-count")) > 0);
    // "Copy as Python" fetches its template: the worker has it too.
    await app.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await app.page.locator(sel("copy-python")).click();
    await app.page.locator(sel("input-note")).waitFor({ state: "visible" });
    assert.match(await app.page.evaluate(() => navigator.clipboard.readText()), /^# LossLab: these fits/);
    await app.context.setOffline(false);
    // Requests failing while offline are expected; only the app's own errors count.
    app.consoleErrors = app.consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e));
  });
});

test("work is saved in the browser and restored on reload; a link wins over it", T, async () => {
  await withApp({ hash: `#pts=${formatPoints(POINTS)}` }, async (app) => {
    await app.page.locator(sel("preset-heavy")).click();
    const heavy = await app.waitValue("point-count", (n) => n !== POINTS.length, "the heavy-tails preset");
    // A reload without any hash restores the saved state.
    await app.page.goto(app.url);
    await app.waitReady();
    assert.equal(await app.value("point-count"), heavy);
    // A link carries its own state, whatever was saved.
    await app.goto(`#pts=${formatPoints(POINTS)}`);
    assert.equal(await app.value("point-count"), POINTS.length);
    // Presentation mode is not saved, and an embedded copy (a course page's iframe) saves
    // nothing: the plain address opens the student's own work, not embedded, not presenting.
    await app.goto(`#present=1&pts=${formatPoints(POINTS)}`);
    await app.goto("#embed=1&pts=0,0;1,1;2,2");
    assert.equal(await app.value("point-count"), 3);
    await app.page.goto(app.url);
    await app.waitReady();
    assert.equal(await app.value("point-count"), POINTS.length, "the embedded copy replaced the saved work");
    assert.equal(await app.page.locator(sel("tab-classification")).count(), 1, "the plain address opened embedded");
    assert.equal(await app.page.evaluate(() => document.documentElement.dataset.present ?? "false"), "false");
  });
});

test("each lab keeps its own saved work: switching labs, reloading and links without points lose nothing", T, async () => {
  const classification = "pts=-1,0;0,1;1,0;2,1;3,1";
  await withApp({ hash: `#pts=${formatPoints(POINTS)}` }, async (app) => {
    const showing = async (mode, count) => {
      await app.page.locator(sel(`tab-${mode}`)).click();
      await app.waitValue("point-count", (n) => n === count, `${count} points in the ${mode} lab`);
    };
    await app.page.locator(sel("preset-heavy")).click();
    const heavy = await app.waitValue("point-count", (n) => n !== POINTS.length, "the heavy-tails preset");
    // The classification lab with its own points, then a reload: it opens where the student
    // was, and the regression lab still holds its points (it was not saved while hidden).
    await app.goto(`#mode=classification&${classification}`);
    await app.page.goto(app.url);
    await app.waitReady();
    assert.equal(await app.value("point-count"), 5, "the classification lab reopened with its points");
    await showing("regression", heavy);
    // Links that carry no points change only what they name.
    for (const link of ["#present=1", "#theme=dark", "#loss=mae", "#mode=article", "#mode=classification"]) {
      await app.goto(link);
      await showing("regression", heavy);
      await showing("classification", 5);
    }
    // A link with points replaces the points of its lab only, says so, and Undo brings the
    // student's own back.
    await app.goto("#loss=huber&pts=0,1;1,2;2,2.5");
    assert.equal(await app.value("point-count"), 3);
    assert.match(await app.page.locator(sel("input-note")).innerText(), /Undo brings those points back/);
    await app.page.locator(sel("undo")).click();
    await app.waitValue("point-count", (n) => n === heavy, "Undo brings the saved points back");
    await showing("classification", 5);
  });
});

/** The on-screen colour of the pixel just inside the middle of `locator`'s left edge. */
async function edgePixel(page, locator) {
  const box = await locator.boundingBox();
  const png = await page.screenshot({ clip: { x: box.x, y: box.y + box.height / 2 - 2, width: 4, height: 4 } });
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext("2d");
    ctx.drawImage(image, 0, 0);
    return [...ctx.getImageData(1, 1, 1, 1).data];
  }, png.toString("base64"));
}

test("keyboard only: select, move, delete, undo and redo points, pick losses", T, async () => {
  await withApp({ hash: `#loss=mse&pts=${formatPoints(POINTS)}` }, async (app) => {
    const canvas = app.page.locator(sel("scatter-canvas"));
    // The first Tab shows the skip link; Enter on it moves the focus past the header.
    await app.page.keyboard.press("Tab");
    const skip = app.page.locator(sel("skip-link"));
    assert.ok(await skip.evaluate((el) => document.activeElement === el), "the first Tab is not the skip link");
    assert.ok((await skip.boundingBox()).y >= 0, "the focused skip link is off screen");
    await app.page.keyboard.press("Enter");
    assert.ok(
      await pollUntil(() => app.page.evaluate(() => document.activeElement?.id === "main")),
      "the skip link did not move the focus to the lab",
    );
    // Tab reaches the plot.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await app.page.keyboard.press("Tab");
      reached = await canvas.evaluate((el) => document.activeElement === el);
    }
    assert.ok(reached, "Tab never reached the plot");
    // The ring must be painted, not only styled: the chart clips what lies outside its box.
    const [r, g, b] = await edgePixel(app.page, canvas);
    const focus = [0xc2, 0x41, 0x0c]; // --focus, light theme
    assert.ok(
      Math.abs(r - focus[0]) + Math.abs(g - focus[1]) + Math.abs(b - focus[2]) < 60,
      `the focused plot shows no focus ring at its edge: rgb(${r}, ${g}, ${b})`,
    );
    // Unavailable toolbar buttons are aria-disabled (they keep the focus), not disabled.
    assert.equal(await app.page.locator(sel("undo")).getAttribute("aria-disabled"), "true", "a freshly opened link has nothing to undo");

    // With nothing selected an arrow selects the first point (and moves nothing).
    const before = await app.hashParams();
    await app.page.keyboard.press("ArrowDown");
    await app.page.locator(`${sel("delete-selected")}:not([aria-disabled])`).waitFor({ timeout: STEP_TIMEOUT });
    assert.equal((await app.hashParams()).get("pts"), before.get("pts"), "the first arrow moved a point");
    await app.page.keyboard.press("Escape");
    await app.page.locator(`${sel("delete-selected")}[aria-disabled="true"]`).waitFor({ timeout: STEP_TIMEOUT });

    await app.page.keyboard.press("]"); // select the first point
    await app.page.keyboard.press("Shift+ArrowUp");
    await app.waitHash((p) => parsePoints(p.get("pts"))[0][1] > POINTS[0][1], "point 1 to move up");
    // A nudged coordinate is stored as a short decimal (not 0.47000000000000003).
    const nudgedY = (await app.hashParams()).get("pts").split(";")[0].split(",")[1];
    assert.ok((nudgedY.split(".")[1] ?? "").length <= 3, `the nudged y is ${nudgedY}`);
    await app.page.keyboard.press("Delete");
    await app.waitValue("point-count", (n) => n === POINTS.length - 1, "a point fewer");
    await app.page.keyboard.press("Control+z");
    await app.waitValue("point-count", (n) => n === POINTS.length, "undo to restore it");
    await app.page.keyboard.press("Control+Shift+z");
    await app.waitValue("point-count", (n) => n === POINTS.length - 1, "redo to delete it again");
    await app.page.keyboard.press("a");
    await app.waitValue("point-count", (n) => n === POINTS.length, "A to add a point");
    // Number keys pick losses (focus on the plot, not in a form field).
    await app.page.keyboard.press("2");
    await app.waitHash((p) => p.get("loss") === "mae", "key 2 to pick MAE");
    // The selection and the fits are announced to screen readers, once settled.
    await app.page.keyboard.press("]");
    const region = app.page.locator(sel("fit-announcer"));
    const announced = await pollUntil(async () => /^Point \d+ of \d+ selected, at x = /.test(await region.innerText()), 5_000);
    assert.ok(announced, `the selection was not announced: ${await region.innerText()}`);
    assert.match(await region.innerText(), /MAE fit: slope .*, intercept .*Other slopes: /);
    // Digits are single-key shortcuts: only on the plot or the loss panel (WCAG 2.1.4), not
    // on a data-set button.
    await app.page.locator(sel("preset-clean")).focus();
    await app.page.keyboard.press("3");
    await app.page.waitForTimeout(300);
    assert.equal((await app.hashParams()).get("loss"), "mae", "a digit typed on a data-set button picked a loss");
    // Pressing "Delete point" with the keyboard deletes and keeps the focus on the button
    // (now unavailable), not on the page's start.
    await app.page.locator(sel("delete-selected")).focus();
    const count = await app.value("point-count");
    await app.page.keyboard.press("Enter");
    await app.waitValue("point-count", (n) => n === count - 1, "Enter on Delete point to delete");
    assert.equal(
      await app.page.evaluate(() => document.activeElement?.getAttribute("data-testid")),
      "delete-selected",
      "the focus left the Delete button",
    );
    // The screen tabs follow the tab pattern: the arrows move between them, and the tab
    // controls a tab panel labelled by the current tab.
    await app.page.locator(sel("tab-regression")).focus();
    await app.page.keyboard.press("ArrowRight");
    await app.waitHash((p) => p.get("mode") === "classification", "→ on the tabs to open the classification lab");
    const tabs = await app.page.evaluate(() => {
      const tab = document.activeElement;
      const panel = document.getElementById(tab?.getAttribute("aria-controls") ?? "");
      return {
        focused: tab?.getAttribute("data-testid"),
        selected: tab?.getAttribute("aria-selected"),
        panelRole: panel?.getAttribute("role"),
        labelledBy: panel?.getAttribute("aria-labelledby"),
        holdsLab: !!panel?.querySelector('[data-testid="classification-canvas"]'),
      };
    });
    assert.deepEqual(tabs, {
      focused: "tab-classification",
      selected: "true",
      panelRole: "tabpanel",
      labelledBy: "tab-classification",
      holdsLab: true,
    });
  });
});

test("single-pointer alternatives to dragging: nudge buttons and Place", T, async () => {
  await withApp({ hash: `#pts=${formatPoints(POINTS)}` }, async (app) => {
    const plot = await app.plot();
    await app.page.mouse.click(...Object.values(plot.toPage(POINTS[2])));
    await app.page.locator(sel("nudge-up")).click();
    await app.waitHash((p) => parsePoints(p.get("pts"))[2][1] > POINTS[2][1], "the nudge to move point 3 up");
    await app.page.locator(sel("place-point")).click();
    const target = [5.5, 3];
    await app.page.mouse.click(...Object.values(plot.toPage(target)));
    await app.waitHash((p) => Math.abs(parsePoints(p.get("pts"))[2][0] - target[0]) < 0.2, "Place to move point 3");
    const moved = parsePoints((await app.hashParams()).get("pts"))[2];
    assert.ok(Math.abs(moved[1] - target[1]) < 0.3, `placed at ${moved}`);
    assert.equal(await app.value("point-count"), POINTS.length, "placing moves, it does not add");
  });
});

test("CSV import reports what was read and skipped; hostile files keep the last good data", T, async () => {
  await withApp({ hash: `#pts=${formatPoints(POINTS)}` }, async (app) => {
    const input = app.page.locator(sel("csv-file-input"));
    const csv = "x;y\n0;1,5\n1;3\n2;abc\n3;NaN\n4;9\n";
    await input.setInputFiles({ name: "class.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await app.waitValue("point-count", (n) => n === 3, "3 good rows");
    const report = await app.page.locator(`${sel("input-error")}, ${sel("input-note")}`).first().innerText();
    assert.match(report, /Read 3 points from 5 rows/);
    assert.match(report, /line 4/);
    assert.deepEqual(parsePoints((await app.hashParams()).get("pts")), [[0, 1.5], [1, 3], [4, 9]]);

    for (const [name, buffer, message] of [
      ["garbage.bin", Buffer.from([0, 159, 146, 150, 0, 1, 2, 255, 254]), /not a text file/],
      ["empty.csv", Buffer.from("x,y\n"), /no data rows|not loaded/],
      ["huge.csv", Buffer.alloc(6 * 1024 * 1024, "1,2\n"), /MB|large/],
    ]) {
      await input.setInputFiles({ name, mimeType: "text/csv", buffer });
      const error = app.page.locator(sel("input-error"));
      await error.waitFor({ state: "visible" });
      assert.match(await error.innerText(), message, name);
      assert.equal(await app.value("point-count"), 3, `${name} must not replace the data`);
    }
  });
});

test("two tabs: switching screens in one does not write back its older copy of a lab the other edited", T, async () => {
  await withApp({ hash: "" }, async (app) => {
    // Tab B, opened later in the same browser, gives the classification lab its own points.
    const tabB = await app.context.newPage();
    await tabB.goto(`${app.url}#mode=classification&pts=-2,0;-1,0;0,1;1,0;2,1;3,1`);
    await tabB.locator(sel("app-ready")).first().waitFor({ state: "attached" });
    await tabB.close();
    // Tab A, open since before, only switches to its (older) classification lab.
    await app.page.locator(sel("tab-classification")).click();
    await app.waitHash((p) => p.get("mode") === "classification", "tab A in the classification lab");
    // A later visit finds tab B's points.
    await app.page.goto(`${app.url}`);
    await app.waitReady();
    assert.equal(await app.value("point-count"), 6, "tab A's screen switch wrote back its older points");
  });
});

test("a CSV file dropped on the plot loads; dropped beside it, the page stays and says where to drop", T, async () => {
  await withApp({ hash: `#pts=${formatPoints(POINTS)}` }, async (app) => {
    const drop = (selector, text, { files = 1, plain = false } = {}) =>
      app.page.locator(selector).first().evaluate((target, [text, files, plain]) => {
        const data = new DataTransfer();
        if (plain) data.setData("text/plain", text);
        for (let i = 0; i < (plain ? 0 : files); i++) data.items.add(new File([text], `dropped-${i}.csv`, { type: "text/csv" }));
        for (const type of ["dragenter", "dragover"]) {
          target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
        }
        // `false` when a listener called preventDefault (the browser then does not open the file).
        return !target.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
      }, [text, files, plain]);
    assert.equal(await drop(sel("comparison-table"), "x,y\n0,0\n1,1\n"), true, "a drop beside the plot was left to the browser");
    assert.match(await app.page.locator(sel("input-note")).innerText(), /drop it on a lab's plot/);
    assert.equal(await app.value("point-count"), POINTS.length, "a drop beside the plot loaded the file");
    assert.equal(await drop(".stage", "x,y\n0,0\n1,1\n2,3\n"), true);
    await app.waitValue("point-count", (n) => n === 3, "the dropped file's 3 points");
    // Two files: the first is read, and the note says the second was not.
    assert.equal(await drop(".stage", "x,y\n0,0\n1,1\n2,3\n3,3\n", { files: 2 }), true);
    await app.waitValue("point-count", (n) => n === 4, "the first dropped file's 4 points");
    assert.match(await app.page.locator(sel("input-note")).innerText(), /“dropped-0\.csv”.*Only this first of the 2 files was read\./s);
    // Cells dragged from another page (a spreadsheet, a web page's table) load like a file.
    assert.equal(await drop(".stage", "0\t0\n1\t1\n2\t5", { plain: true }), true);
    await app.waitValue("point-count", (n) => n === 3, "the dropped cells' 3 points");
    assert.match(await app.page.locator(sel("input-note")).innerText(), /“dropped text”: Read 3 points from 3 rows\./);
    // Nothing readable dragged in: nothing loads, and the note says what can be dropped.
    assert.equal(await drop(".stage", " ", { plain: true }), true);
    await pollUntil(async () => /Only a file or cells of a table can be dropped here/.test(await app.page.locator(sel("input-error")).innerText().catch(() => "")));
    assert.equal(await app.value("point-count"), 3, "the points stay");
  });
});

test("exports: CSV with every fit, PNG at twice the resolution, Python code", T, async () => {
  const app = await lab.open({ hash: `#pts=${formatPoints(POINTS)}` });
  try {
    await app.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url.replace(/\/[^/]*$/, "") });
    const [csvDownload] = await Promise.all([app.page.waitForEvent("download"), app.page.locator(sel("export-csv")).click()]);
    const csv = readFileSync(await csvDownload.path(), "utf8").trim().split("\n");
    assert.match(csv[0], /^x,y,fit_mse,residual_mse,fit_mae,residual_mae.*,delta,tau$/);
    // δ and τ of the fits (the link's) on every row.
    const params = await app.hashParams();
    assert.deepEqual(csv[1].split(",").slice(-2).map(Number), [Number(params.get("delta")), Number(params.get("tau"))]);
    assert.equal(csv.length, POINTS.length + 1);
    const mseSlope = await app.value("fit-mse-slope");
    const mseIntercept = await app.value("fit-mse-intercept");
    const row = csv[1].split(",").map(Number);
    assert.ok(Math.abs(row[2] - (mseSlope * row[0] + mseIntercept)) < 1e-9, "fit_mse is the MSE line");

    const [pngDownload] = await Promise.all([app.page.waitForEvent("download"), app.page.locator(sel("export-png")).click()]);
    const size = pngSize(await pngDownload.path());
    // The plot at 2× (1920 × 1200) under a 120-pixel legend band naming each line.
    assert.deepEqual(size, { width: 1920, height: 1320 });
    await pngDownload.saveAs(path.join(artifactsDir, "saved-plot.png"));
    const picked = (await app.hashParams()).get("loss");
    assert.equal(pngDownload.suggestedFilename(), `losslab-${picked}.png`, "the file is named after the picked loss");

    await app.page.locator(sel("copy-python")).click();
    const note = app.page.locator(sel("input-note"));
    await note.waitFor({ state: "visible" });
    const code = await app.page.evaluate(() => navigator.clipboard.readText());
    assert.match(code, /LinearRegression\(\)/);
    assert.match(code, /QuantileRegressor\(quantile=q, alpha=0, solver="highs"\)/);
    assert.ok(code.includes(`x = np.array([${POINTS.map((p) => p[0].toFixed(1)).join(", ")}])`), code.slice(0, 400));
    app.assertClean();
  } finally {
    await app.close();
  }
});

test("a note is read from a status region that stays on the page; its dismiss button is outside it", T, async () => {
  await withApp({}, async (app) => {
    // Mark the status region before any message: it must be the same element afterwards.
    const marked = await app.page.evaluate(() => {
      const regions = document.querySelectorAll('[role="status"].notice-text');
      if (regions.length !== 1) return regions.length;
      regions[0].dataset.marked = "yes";
      return 1;
    });
    assert.equal(marked, 1, "one always-present status region for notes");
    await app.page.locator(sel("copy-link")).click();
    const note = app.page.locator(sel("input-note"));
    await note.waitFor({ state: "visible", timeout: STEP_TIMEOUT });
    const region = await app.page.evaluate(() => {
      const el = document.querySelector('[role="status"].notice-text');
      return { marked: el?.dataset.marked, text: el?.textContent, buttons: el?.querySelectorAll("button").length };
    });
    assert.equal(region.marked, "yes", "the note arrived in a new status region (not read by every screen reader)");
    assert.match(region.text, /^(Link copied|The browser did not allow copying)/);
    assert.equal(region.buttons, 0, "the dismiss button is inside the status region");
    await note.locator(".dismiss").click();
    await note.waitFor({ state: "detached", timeout: STEP_TIMEOUT });
    const after = await app.page.evaluate(() => {
      const el = document.querySelector('[role="status"].notice-text');
      return { marked: el?.dataset.marked, text: el?.textContent };
    });
    assert.deepEqual(after, { marked: "yes", text: "" }, "dismissing removed or left the status region");
  });
});

test("\"Copy link\" while presenting shares the data and settings, not presentation mode or the theme", T, async () => {
  await withApp({ hash: "#present=1&theme=dark&loss=mae&delta=2&pts=0,1;1,2;2,4", initScript: recordCopied }, async (app) => {
    await app.page.locator(sel("copy-link")).click();
    await app.page.locator(sel("input-note")).waitFor({ state: "visible", timeout: STEP_TIMEOUT });
    const copied = await app.page.evaluate(() => window.__copied);
    const url = new URL(copied);
    assert.equal(url.origin + url.pathname, new URL(app.page.url()).origin + new URL(app.page.url()).pathname);
    const params = new URLSearchParams(url.hash.slice(1));
    assert.equal(params.get("loss"), "mae");
    assert.equal(params.get("delta"), "2");
    assert.equal(params.get("pts"), "0,1;1,2;2,4");
    for (const key of ["present", "theme", "embed", "perf"]) assert.equal(params.get(key), null, `${key} in ${copied}`);
    assert.match(new URL(app.page.url()).hash, /present=1/, "this page stays in presentation mode");
  });
});

test("without the clipboard API (a classroom server on plain http) copying still works, and a blocked new tab says so", T, async () => {
  // Outside https (and localhost) navigator.clipboard is undefined: calling it threw out of
  // the WebAssembly, and "Copy link" did nothing. Record what the older copy command copies.
  const initScript = () => {
    Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined, configurable: true });
    document.addEventListener("copy", (event) => {
      const area = event.target.closest?.("textarea") ?? document.activeElement;
      window.__copied = area?.value ?? String(document.getSelection());
    });
    // A frame sandboxed without allow-popups: window.open gives nothing.
    window.open = () => null;
  };
  await withApp({ hash: "#embed=1&loss=mae&pts=0,1;1,2;2,4", initScript }, async (app) => {
    await app.page.locator(sel("copy-python")).click();
    const note = app.page.locator(sel("input-note"));
    await note.waitFor({ state: "visible", timeout: STEP_TIMEOUT });
    assert.match(await note.innerText(), /^Python code copied/);
    assert.match(await app.page.evaluate(() => window.__copied), /^# LossLab: these fits/);
    assert.equal(await app.page.locator("textarea").count(), 0, "the copy's text area was left behind");
    assert.equal(await app.page.evaluate(() => document.activeElement?.dataset.testid), "copy-python", "the button lost the focus");
    await app.page.locator(sel("open-full")).click();
    await app.page.waitForFunction(() => /may not open new tabs/.test(document.querySelector('[data-testid="input-error"]')?.textContent ?? ""));
  });
});

/**
 * Serves a site folder holding copies of the build (`layout(site)` puts them where the test
 * wants) to a fresh browser page that records page errors; `body({ site, server, context,
 * page, errors, ready })` runs the test, and everything is removed after.
 */
async function withSite(layout, body) {
  const site = mkdtempSync(path.join(tmpdir(), "losslab-site-"));
  layout(site);
  const server = await startServer({ root: site });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    const ready = (p) => p.locator(sel("app-ready")).first().waitFor({ state: "attached", timeout: 45_000 });
    await body({ site, server, context, page, errors, ready });
  } finally {
    await browser.close();
    await server.close();
    rmSync(site, { recursive: true, force: true });
  }
}

test("two copies of LossLab in two folders of one site keep their own offline copies", T, async () => {
  // A course site serving this build at /a/ and a newer one at /b/: the second's worker used to
  // delete every LossLab cache but its own, and /a/ then failed offline.
  const layout = (site) => {
    cpSync(distDir, path.join(site, "a"), { recursive: true });
    cpSync(distDir, path.join(site, "b"), { recursive: true });
    const worker = path.join(site, "b", "sw.js");
    writeFileSync(worker, readFileSync(worker, "utf8").replace(/const CACHE = PREFIX \+ "([0-9a-f]+)"/, 'const CACHE = PREFIX + "0000$1"'));
  };
  await withSite(layout, async ({ server, context, page, errors, ready }) => {
    const visit = async (folder) => {
      await page.goto(`${server.url}${folder}/`);
      await ready(page);
      assert.ok(await pollUntil(() => page.evaluate(() => !!navigator.serviceWorker.controller), 10_000), `no worker controls /${folder}/`);
    };
    await visit("a");
    await visit("b");
    const keys = await page.evaluate(() => caches.keys());
    assert.equal(keys.length, 2, `one cache per copy: ${keys}`);
    await context.setOffline(true);
    for (const folder of ["a", "b"]) {
      await page.goto(`${server.url}${folder}/`);
      await ready(page);
    }
    assert.deepEqual(errors, []);
  });
});

test("after a redeploy whose new worker cannot install, the page shown online still works offline", T, async () => {
  // The old worker stored the new build's page (network first) but not its hashed files,
  // which were in no cache until the new worker installed: offline, "LossLab could not start".
  await withSite((site) => cpSync(distDir, site, { recursive: true }), async ({ site, server, context, page, errors, ready }) => {
    await page.goto(server.url);
    await ready(page);
    assert.ok(await pollUntil(() => page.evaluate(() => !!navigator.serviceWorker.controller), 10_000), "no worker controls the page");
    // The next build: its app files under new hashed names, and a worker whose install fails
    // (as when one of its downloads does). Trunk's hash has up to 16 hex digits.
    const glue = readdirSync(site).find((name) => /^losslab-[0-9a-f]{12,16}\.js$/.test(name));
    const oldHash = glue.slice("losslab-".length, -".js".length);
    const newHash = "0123456789abcdef";
    for (const name of [`losslab-${oldHash}.js`, `losslab-${oldHash}_bg.wasm`]) {
      renameSync(path.join(site, name), path.join(site, name.replace(oldHash, newHash)));
    }
    const index = path.join(site, "index.html");
    writeFileSync(index, readFileSync(index, "utf8").replaceAll(oldHash, newHash));
    const worker = path.join(site, "sw.js");
    writeFileSync(
      worker,
      readFileSync(worker, "utf8")
        .replace(/const CACHE = PREFIX \+ "([0-9a-f]+)"/, 'const CACHE = PREFIX + "ffff$1"')
        .replace("const ASSETS = [", 'const ASSETS = ["missing-on-purpose.txt",'),
    );
    await page.reload();
    await ready(page);
    assert.match(await page.evaluate(() => document.querySelector("script[data-wasm]").dataset.wasm), new RegExp(newHash), "the new build was not shown");
    // The browser looks for a new worker after the navigation; its install fails.
    await page.waitForTimeout(1500);
    await context.setOffline(true);
    const offline = await context.newPage();
    offline.on("pageerror", (error) => errors.push(String(error)));
    await offline.goto(server.url);
    await ready(offline);
    assert.ok((await offline.locator(sel("point-count")).getAttribute("data-value")) > 0);
    assert.deepEqual(errors, []);
  });
});

test("the page says when the app cannot start instead of staying blank", T, async () => {
  const app = await lab.open({ waitReady: false, beforeLoad: (page) => page.route(/\.wasm$/, (route) => route.abort()) });
  try {
    await app.page.waitForFunction(() => /LossLab could not start/.test(document.getElementById("boot-status")?.textContent ?? ""));
  } finally {
    await app.close();
  }
  // Once the app runs, the start-up message is gone.
  await withApp({}, async (app) => {
    assert.equal(await app.page.locator("#boot-status").count(), 0);
  });
});

test("\"Embed\" copies a frame that shows this lab in a course page", T, async () => {
  await withApp({ hash: "#theme=dark&loss=huber&delta=2&pts=0,1;1,2;2,4;3,9", initScript: recordCopied }, async (app) => {
    await app.page.locator(sel("copy-embed")).click();
    const note = app.page.locator(sel("input-note"));
    await note.waitFor({ state: "visible", timeout: STEP_TIMEOUT });
    assert.match(await note.innerText(), /^Embed code copied/);
    const code = await app.page.evaluate(() => window.__copied);
    assert.match(code, /^<iframe src="[^"]+" title="LossLab: regression losses" [^>]*allow="clipboard-write"><\/iframe>$/);
    // Pasted into a course page, the frame shows the lab embedded, with these points and δ.
    const course = await app.context.newPage();
    try {
      await course.setContent(`<h1>Week 3</h1>${code}`);
      const frame = course.frames()[1];
      await frame.locator(sel("app-ready")).first().waitFor({ state: "attached", timeout: 45_000 });
      assert.equal(await frame.locator("header").count(), 0, "the frame shows the page header");
      assert.equal(await frame.locator(sel("point-count")).getAttribute("data-value"), "4");
      assert.equal(await frame.locator(sel("delta-value")).textContent(), "2");
      assert.doesNotMatch(code, /theme|present/, "the colour scheme is the reader's, not the frame's");
    } finally {
      await course.close();
    }
    // Not offered while presenting (it took the header a second row at 1024 px).
    await app.page.locator(sel("present-toggle")).click();
    await app.page.locator(sel("fullscreen")).waitFor({ state: "visible" });
    assert.equal(await app.page.locator(sel("copy-embed")).count(), 0);
  });
});

test("presentation, embed and dark modes", T, async () => {
  await withApp({}, async (app) => {
    await app.page.locator(sel("present-toggle")).click();
    await app.waitHash((p) => p.get("present") === "1", "present=1 in the link");
    assert.equal(await app.page.getAttribute("html", "data-present"), "true");
    await app.page.locator(sel("fullscreen")).waitFor({ state: "visible" });
    const fontSize = await app.page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    assert.ok(fontSize >= 19, `large type in presentation mode (${fontSize}px)`);
    await app.screenshot("present-mode.png");

    await app.page.locator(sel("theme-toggle")).click();
    await pollUntil(async () => (await app.page.getAttribute("html", "data-theme")) === "dark", STEP_TIMEOUT);
    assert.equal(await app.page.getAttribute("html", "data-theme"), "dark");
    await app.screenshot("dark-mode.png");
  });
  await withApp({ hash: "#embed=1&loss=mae&pts=0,1;1,2;2,4" }, async (app) => {
    assert.equal(await app.page.locator("header").count(), 0, "no page chrome when embedded");
    assert.ok((await app.value("point-count")) > 0);
    // "Open in LossLab" (the last item of the data-set row) opens the full app, with the
    // current state, in a new tab: after an edit, the edited points.
    const row = await app.page.locator(`.preset-bar ${sel("open-full")}`).count();
    assert.equal(row, 1, "the button is not in the data-set row");
    await app.page.locator(sel("scatter-canvas")).focus();
    await app.page.keyboard.press("a");
    await app.waitValue("point-count", (n) => n === 4, "A to add a point");
    const [tab] = await Promise.all([app.context.waitForEvent("page"), app.page.locator(sel("open-full")).click()]);
    await tab.locator(sel("app-ready")).first().waitFor({ state: "attached" });
    const hash = new URL(tab.url()).hash;
    assert.match(hash, /loss=mae/);
    assert.match(hash, /pts=0,1;1,2;2,4;[^;&]+,[^;&]+(&|$)/, `the new tab did not get the added point: ${hash}`);
    assert.doesNotMatch(hash, /embed=1/);
    assert.equal(await tab.locator("header").count(), 1, "the new tab shows the full app");
    await tab.close();
  });
});

test("after an edit a polite live region announces the fits (once, not per frame)", T, async () => {
  await withApp({ hash: `#pts=${formatPoints(POINTS)}` }, async (app) => {
    const region = app.page.locator(sel("fit-announcer"));
    assert.equal(await region.getAttribute("role"), "status");
    const before = await region.innerText();
    await app.page.locator(sel("preset-outlier")).click();
    const changed = await pollUntil(async () => (await region.innerText()) !== before, 5_000);
    assert.ok(changed, "the announcement never changed");
    assert.match(await region.innerText(), /^\d+ points\. \S+ fit: slope .+, intercept .+\. Other slopes: MSE /);
  });
});

/**
 * Whether the plot's canvases (its axes and data layers) have buffers matching their CSS box
 * (× the device pixel ratio). The panels below are left out: off screen they draw only when
 * scrolled into view.
 */
const canvasesFit = (app) =>
  app.page.evaluate(() =>
    [...document.querySelectorAll(".stage canvas")]
      .filter((c) => c.clientWidth > 0)
      .every((c) => Math.abs(c.width - Math.round(c.clientWidth * devicePixelRatio)) <= 1 && Math.abs(c.height - Math.round(c.clientHeight * devicePixelRatio)) <= 1),
  );

/** Drags point `k` (by the mouse) `dy` CSS px up; returns where it landed and where the pointer was, in data units. */
async function dragUp(app, k, dy) {
  const plot = await app.plot();
  const from = plot.toPage((await app.hashPoints())[k]);
  const to = { x: from.x, y: from.y - dy };
  await app.drag(from, to);
  await app.waitHash((p) => parsePoints(p.get("pts") ?? "")[k]?.[1] !== (POINTS[k]?.[1] ?? NaN), `point ${k} moved`);
  return { landed: (await app.hashPoints())[k], target: plot.toData(to), plot };
}

test("presentation mode on a projector: canvases take their new size, a drag grabs the point where it is drawn, the table fits", T, async () => {
  const k = 5;
  await withApp({ hash: `#loss=mse&pts=${formatPoints(POINTS)}`, viewport: { width: 1920, height: 1080 } }, async (app) => {
    await app.page.locator(sel("present-toggle")).click();
    await app.waitHash((p) => p.get("present") === "1", "present=1 in the link");
    assert.ok(await pollUntil(() => canvasesFit(app)), "every canvas redrawn at its presentation-mode size");
    const { landed, target, plot } = await dragUp(app, k, 120);
    assert.ok(Math.abs(landed[1] - target[1]) <= 2 * plot.yPerPixel, `the point followed the pointer: ${landed} vs ${target}`);
  });
  for (const [width, height] of [[1024, 768], [1152, 864]]) {
    await withApp({ hash: `#present=1&pts=${formatPoints(POINTS)}`, viewport: { width, height } }, async (app) => {
      assert.ok(await pollUntil(() => canvasesFit(app)), `canvases at their size when opened in presentation mode (${width} px)`);
      const layout = await app.page.evaluate(() => {
        const table = document.querySelector(".side table");
        const plot = document.querySelector('[data-testid="scatter-canvas"]').getBoundingClientRect();
        return { overflow: table.parentElement.scrollWidth - table.parentElement.clientWidth, plotBottom: plot.bottom, tableFont: parseFloat(getComputedStyle(table).fontSize) };
      });
      assert.ok(layout.overflow <= 0, `every column of the table in view at ${width} px (${layout.overflow} px hidden)`);
      assert.ok(layout.plotBottom <= height, `the whole plot on the screen at ${width} × ${height} (bottom at ${layout.plotBottom})`);
      assert.ok(layout.tableFont >= 19, `the table in the presentation type (${layout.tableFont} px)`);
      if (width === 1024) await app.screenshot("present-1024.png");
    });
  }
});

test("a window resized during a drag: the point still lands under the pointer", T, async () => {
  const k = 3;
  await withApp({ hash: `#loss=mse&pts=${formatPoints(POINTS)}`, viewport: { width: 1280, height: 800 } }, async (app) => {
    const before = await app.plot();
    const from = before.toPage(POINTS[k]);
    const mouse = app.page.mouse;
    await mouse.move(from.x, from.y);
    await mouse.down();
    await mouse.move(from.x, from.y - 40, { steps: 5 });
    await app.page.setViewportSize({ width: 1100, height: 800 });
    assert.ok(await pollUntil(() => canvasesFit(app)), "the canvases redrawn at the new size");
    const after = await app.plot();
    assert.ok(after.right - after.left < before.right - before.left - 50, "the plot is narrower");
    const to = after.toPage([POINTS[k][0], POINTS[k][1] - 2]);
    await mouse.move(to.x, to.y, { steps: 5 });
    await mouse.up();
    await app.waitHash((p) => parsePoints(p.get("pts") ?? "")[k]?.[1] !== POINTS[k][1], "the drag ended");
    const landed = (await app.hashPoints())[k];
    const target = after.toData(to);
    assert.ok(Math.abs(landed[0] - target[0]) <= 2 * after.xPerPixel, `x under the pointer: ${landed} vs ${target}`);
    assert.ok(Math.abs(landed[1] - target[1]) <= 2 * after.yPerPixel, `y under the pointer: ${landed} vs ${target}`);
  });
});

test("from a tablet held upright to a wide screen, the fits table shows every column, in both labs and in presentation mode", T, async () => {
  const widths = [];
  for (let w = 761; w <= 1440; w += 31) widths.push(w);
  widths.push(979, 980, 1100, 1101, 1200, 1201, 1279, 1280);
  for (const mode of ["regression", "classification"]) {
    for (const present of ["0", "1"]) {
      await withApp({ hash: `#mode=${mode}&present=${present}`, viewport: { width: 1280, height: 800 } }, async (app) => {
        const hidden = [];
        for (const width of widths) {
          await app.page.setViewportSize({ width, height: 800 });
          const overflow = await app.page.evaluate(() => {
            const wrap = document.querySelector(".side table").parentElement;
            return wrap.scrollWidth - wrap.clientWidth;
          });
          if (overflow > 0) hidden.push(`${width} px: ${overflow} px hidden`);
        }
        assert.deepEqual(hidden, [], `${mode}${present === "1" ? ", presenting" : ""}`);
      });
    }
  }
});

test("the article's code examples show whole lines from 761 px up, also in presentation mode", T, async () => {
  for (const present of ["0", "1"]) {
    await withApp({ hash: `#mode=article&present=${present}`, viewport: { width: 1280, height: 800 } }, async (app) => {
      await app.page.locator(".article-panel pre").first().waitFor();
      const hidden = [];
      for (let width = 761; width <= 1920; width += 43) {
        await app.page.setViewportSize({ width, height: 800 });
        const overflow = await app.page.evaluate(() => Math.max(...[...document.querySelectorAll(".article-panel pre")].map((p) => p.scrollWidth - p.clientWidth)));
        if (overflow > 0) hidden.push(`${width} px: ${overflow} px hidden`);
      }
      assert.deepEqual(hidden, [], present === "1" ? "presenting" : "");
    });
  }
});
