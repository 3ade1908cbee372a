// Shared harness for the end-to-end tests: the release build served locally, headless Chromium
// driven by playwright-core, and readers for the app's test contract (data-testid + data-value).
//
// Environment:
//   LOSSLAB_DIST    directory of the release build (default: <repo>/dist, from
//                   `bash scripts/build-release.sh dist`; scripts/test.sh uses target/e2e-dist)
//   CHROMIUM_PATH   browser binary (default: `command -v chromium`)

import { before, after } from "node:test";
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./serve.mjs";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const distDir = path.resolve(repoRoot, process.env.LOSSLAB_DIST || "dist");
export const artifactsDir = path.resolve(repoRoot, "artifacts");
// The shared reference numbers beside the repository, or (on a clean clone without them) the
// copy kept for the tests; LOSSLAB_REFERENCE_DIR overrides both.
export const referenceDir = [
  process.env.LOSSLAB_REFERENCE_DIR,
  path.resolve(repoRoot, "../shared/reference"),
  path.resolve(repoRoot, "crates/losslab-core/tests/reference"),
].find((dir) => dir && existsSync(path.join(dir, "regression_fits.json")));

/** Every regression loss the app shows a fit for. */
export const LOSSES = ["mse", "mae", "huber", "logcosh", "quantile", "pseudohuber"];

export const VIEWPORT = { width: 1280, height: 800 };
/** How long the first render may take (wasm compile in a cold, possibly throttled browser). */
export const READY_TIMEOUT = 45_000;
/** How long one interaction may take to show up in the page. */
export const STEP_TIMEOUT = 10_000;

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      const found = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  throw new Error("Chromium not found: install it with `bash scripts/setup.sh --test` (apt-get install chromium)");
}

/** Launches headless Chromium. Playwright gives every launch a fresh temporary user-data dir. */
export async function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

export function assertDist() {
  if (!existsSync(path.join(distDir, "index.html"))) {
    throw new Error(`no release build in ${distDir}: run \`trunk build --release\` first (scripts/test.sh does)`);
  }
}

export const sel = (id) => `[data-testid="${id}"]`;

/**
 * One served build + one browser, shared by the tests of a file.
 *   const lab = await Lab.start({ base: "/" });
 *   const app = await lab.open({ hash: "#pts=0,1;1,2", scale: 2 });
 *   ...; app.assertClean(); await app.close();
 *   await lab.stop();
 */
export class Lab {
  static async start({ base = "/" } = {}) {
    assertDist();
    const lab = new Lab();
    lab.server = await startServer({ root: distDir, base });
    lab.browser = await launchBrowser();
    return lab;
  }

  /**
   * Opens the app in a fresh context and waits for `app-ready`. `beforeLoad(page)`, if given,
   * runs after the page is made and before the app is loaded into it. `touch: true` emulates a
   * touch-screen device (drive it with `app.touch()`).
   */
  async open({ hash = "", scale = 1, waitReady = true, initScript, viewport = VIEWPORT, beforeLoad, touch = false } = {}) {
    const context = await this.browser.newContext({ viewport, deviceScaleFactor: scale, hasTouch: touch, isMobile: touch });
    const page = await context.newPage();
    const app = new AppPage(page, context, this.server);
    if (initScript) await page.addInitScript(initScript);
    if (beforeLoad) await beforeLoad(page);
    await app.goto(hash, { waitReady });
    return app;
  }

  async stop() {
    await this.browser?.close().catch(() => {});
    await this.server?.close();
  }

  /** Opens the app, runs `body(app)`, checks the page stayed clean, and always closes it. */
  async with(options, body) {
    const app = await this.open(options);
    try {
      await body(app);
      app.assertClean();
    } finally {
      await app.close();
    }
  }
}

/**
 * One `Lab` for the tests of a file: started before the first test, stopped after the last.
 *   const lab = useLab();   …   await lab.with({ hash }, async (app) => { … });
 */
export function useLab(options) {
  let lab;
  before(async () => {
    lab = await Lab.start(options);
  });
  after(async () => {
    await lab?.stop();
  });
  return {
    open: (openOptions) => lab.open(openOptions),
    with: (openOptions, body) => lab.with(openOptions, body),
  };
}

/** A page of the app with everything it did recorded. */
export class AppPage {
  constructor(page, context, server) {
    this.page = page;
    this.context = context;
    this.server = server;
    this.consoleErrors = [];
    this.pageErrors = [];
    this.outsideRequests = [];
    this.failedRequests = [];
    this.requests = [];
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on("console", (msg) => {
      if (msg.type() === "error") this.consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => this.pageErrors.push(String(err && err.stack ? err.stack : err)));
    page.on("crash", () => this.pageErrors.push("the page crashed"));
    page.on("request", (req) => {
      const url = req.url();
      this.requests.push(url);
      const protocol = new URL(url).protocol;
      if (protocol === "data:" || protocol === "blob:" || protocol === "about:") return;
      if (new URL(url).origin !== server.origin) this.outsideRequests.push(url);
    });
    page.on("requestfailed", (req) => this.failedRequests.push(`${req.url()}: ${req.failure()?.errorText}`));
    page.on("response", (res) => {
      if (res.status() >= 400) this.failedRequests.push(`${res.url()}: HTTP ${res.status()}`);
    });
  }

  get url() {
    return this.server.url;
  }

  /** Full page load of the app with `hash` (a fresh document, not a hash change). */
  async goto(hash = "", { waitReady = true } = {}) {
    if (this.page.url() !== "about:blank") await this.page.goto("about:blank");
    await this.page.goto(this.server.url + hash);
    if (waitReady) await this.waitReady();
  }

  async waitReady() {
    await this.page.locator(sel("app-ready")).first().waitFor({ state: "attached", timeout: READY_TIMEOUT });
  }

  /** Changes the hash inside the loaded document, as following an in-page link would. */
  async setHash(hash) {
    await this.page.evaluate((h) => {
      location.hash = h;
    }, hash);
  }

  /** Number(data-value) of the element with this test id (waits for it). */
  async value(id, { timeout = STEP_TIMEOUT } = {}) {
    const locator = this.page.locator(`${sel(id)}[data-value]`).first();
    try {
      await locator.waitFor({ state: "attached", timeout });
    } catch {
      throw new Error(`no element ${sel(id)} with a data-value attribute appeared within ${timeout} ms`);
    }
    const raw = await locator.getAttribute("data-value");
    const v = Number(raw);
    if (raw === null || raw.trim() === "" || Number.isNaN(v)) {
      throw new Error(`${sel(id)} has data-value="${raw}", not a number`);
    }
    return v;
  }

  /** Waits until `predicate(data-value)` holds for element `id`; returns the value. */
  async waitValue(id, predicate, what = String(predicate), { timeout = STEP_TIMEOUT } = {}) {
    const locator = this.page.locator(sel(id)).first();
    const read = async () => {
      const raw = await locator.getAttribute("data-value", { timeout: 50 }).catch(() => null);
      return raw === null ? null : Number(raw);
    };
    let last = null;
    const ok = await pollUntil(async () => {
      last = await read();
      return last !== null && predicate(last);
    }, timeout);
    if (!ok) throw new Error(`${sel(id)} data-value never satisfied ${what}; it is ${last}`);
    return last;
  }

  /** slope, intercept and loss of one loss's fit. */
  async fit(loss) {
    return {
      slope: await this.value(`fit-${loss}-slope`),
      intercept: await this.value(`fit-${loss}-intercept`),
      loss: await this.value(`fit-${loss}-loss`),
    };
  }

  async hash() {
    return this.page.evaluate(() => location.hash);
  }

  /** The hash's keys and (percent-decoded) values. */
  async hashParams() {
    return parseHash(await this.hash());
  }

  /** The points in the hash's pts=, as [x, y] pairs. */
  async hashPoints() {
    const params = await this.hashParams();
    if (!params.has("pts")) throw new Error(`the URL hash has no pts=: ${await this.hash()}`);
    return parsePoints(params.get("pts"));
  }

  /** Waits until `predicate(params: Map)` holds for the URL hash. */
  async waitHash(predicate, what = String(predicate), { timeout = STEP_TIMEOUT } = {}) {
    let h = "";
    const ok = await pollUntil(async () => {
      h = await this.hash();
      return predicate(parseHash(h));
    }, timeout);
    if (!ok) throw new Error(`the URL hash never satisfied ${what}; it is ${h.length > 300 ? h.slice(0, 300) + "…" : h}`);
  }

  /** A plot's geometry (default: the regression scatter plot), from its data-* attributes
   *  and its place on the page. */
  async plot(id = "scatter-canvas") {
    const canvas = this.page.locator(sel(id)).first();
    try {
      await canvas.waitFor({ state: "visible" });
    } catch {
      throw new Error(`no visible ${sel(id)}`);
    }
    // Centre the canvas in the viewport, so drags of a few hundred pixels stay on screen.
    await canvas.evaluate((el) => el.scrollIntoView({ block: "center", inline: "center" }));
    const attrs = await canvas.evaluate((el) => {
      const names = ["plot-left", "plot-top", "plot-right", "plot-bottom", "x-min", "x-max", "y-min", "y-max"];
      const out = {};
      for (const n of names) out[n] = el.getAttribute(`data-${n}`);
      const r = el.getBoundingClientRect();
      out.box = { x: r.left, y: r.top, width: r.width, height: r.height };
      return out;
    });
    const num = (name) => {
      const v = Number(attrs[name]);
      if (attrs[name] === null || !Number.isFinite(v)) {
        throw new Error(`${sel(id)} has data-${name}="${attrs[name]}", not a number`);
      }
      return v;
    };
    return new PlotGeometry({
      left: num("plot-left"),
      top: num("plot-top"),
      right: num("plot-right"),
      bottom: num("plot-bottom"),
      xMin: num("x-min"),
      xMax: num("x-max"),
      yMin: num("y-min"),
      yMax: num("y-max"),
      box: attrs.box,
    });
  }

  /**
   * Raw touch input through the DevTools protocol (the page must be opened with `touch: true`):
   * `await t.send("touchStart", [{ x, y, id: 1 }])` (with every finger down, the new one
   * included), `touchMove` with every finger down, `touchEnd` with the fingers that lift (in
   * headless Chromium; `[]` lifts the rest).
   */
  async touch() {
    const cdp = await this.context.newCDPSession(this.page);
    return {
      send: (type, touchPoints) => cdp.send("Input.dispatchTouchEvent", { type, touchPoints }),
    };
  }

  /**
   * A finger landing on the slider `id` at `fraction` of its width and lifting again (a tap)
   * or, with `swipe`, first moving 150 CSS px vertically in ten steps, towards whichever end of
   * the page has room to scroll (the page must be opened with `touch: true`). The slider is
   * scrolled to the middle of the window first. Returns how far the page scrolled (CSS px).
   */
  async touchSlider(id, { fraction, swipe = false }) {
    const slider = this.page.locator(sel(id));
    await slider.evaluate((el) => el.scrollIntoView({ block: "center" }));
    const box = await slider.boundingBox();
    const x = box.x + box.width * fraction;
    const y = box.y + box.height / 2;
    const scrollY = () => this.page.evaluate(() => window.scrollY);
    const before = await scrollY();
    // A finger moving up scrolls the page down.
    const roomBelow = await this.page.evaluate(() => document.documentElement.scrollHeight - innerHeight - scrollY);
    const dy = !swipe ? 0 : roomBelow > 200 ? -150 : 150;
    const t = await this.touch();
    await t.send("touchStart", [{ x, y, id: 1 }]);
    for (let i = 1; i <= 10; i++) await t.send("touchMove", [{ x, y: y + (dy * i) / 10, id: 1 }]);
    await t.send("touchEnd", [{ x, y: y + dy, id: 1 }]);
    await this.page.waitForTimeout(300);
    return Math.abs((await scrollY()) - before);
  }

  /** A real mouse drag: move, press, `steps` moves, release. */
  async drag(from, to, { steps = 20 } = {}) {
    const mouse = this.page.mouse;
    await mouse.move(from.x, from.y);
    await mouse.down();
    await mouse.move(to.x, to.y, { steps });
    await mouse.up();
  }

  async screenshot(name) {
    mkdirSync(artifactsDir, { recursive: true });
    const file = path.join(artifactsDir, name);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Everything that went wrong in the page so far, as sentences. */
  problems() {
    const out = [];
    for (const e of this.pageErrors) out.push(`page error: ${e}`);
    for (const e of this.consoleErrors) out.push(`console error: ${e}`);
    for (const u of this.outsideRequests) out.push(`request left the origin: ${u}`);
    return out;
  }

  /** Fails when the page threw, logged an error or sent a request off the origin. */
  assertClean() {
    const p = this.problems();
    if (p.length) throw new Error(`the page was not clean:\n  ${p.join("\n  ")}`);
  }

  async close() {
    await this.context.close().catch(() => {});
  }
}

export class PlotGeometry {
  constructor(g) {
    Object.assign(this, g);
  }

  /** Page (viewport CSS px) coordinates of a data point. */
  toPage([x, y]) {
    const px = this.left + ((x - this.xMin) / (this.xMax - this.xMin)) * (this.right - this.left);
    const py = this.top + ((this.yMax - y) / (this.yMax - this.yMin)) * (this.bottom - this.top);
    return { x: this.box.x + px, y: this.box.y + py };
  }

  /** Data coordinates of a page point. */
  toData({ x, y }) {
    const px = x - this.box.x;
    const py = y - this.box.y;
    return [
      this.xMin + ((px - this.left) / (this.right - this.left)) * (this.xMax - this.xMin),
      this.yMax - ((py - this.top) / (this.bottom - this.top)) * (this.yMax - this.yMin),
    ];
  }

  /** Data units per CSS pixel, along y. */
  get yPerPixel() {
    return (this.yMax - this.yMin) / (this.bottom - this.top);
  }

  get xPerPixel() {
    return (this.xMax - this.xMin) / (this.right - this.left);
  }

  /**
   * The spot inside the plotting area (with a margin) farthest from every given point and from
   * every given line — a place where a click hits nothing.
   */
  emptySpot(points, lines = [], margin = 24) {
    const pts = points.map((p) => this.toPage(p));
    const x0 = this.box.x + this.left + margin;
    const x1 = this.box.x + this.right - margin;
    const y0 = this.box.y + this.top + margin;
    const y1 = this.box.y + this.bottom - margin;
    let best = null;
    for (let i = 0; i <= 40; i++) {
      for (let j = 0; j <= 40; j++) {
        const c = { x: x0 + ((x1 - x0) * i) / 40, y: y0 + ((y1 - y0) * j) / 40 };
        let d = Infinity;
        for (const p of pts) d = Math.min(d, Math.hypot(p.x - c.x, p.y - c.y));
        for (const { slope, intercept } of lines) {
          // Vertical distance in pixels to the line, a safe lower bound for "not on the line".
          const [dx, dy] = this.toData(c);
          d = Math.min(d, Math.abs(dy - (slope * dx + intercept)) / this.yPerPixel);
        }
        if (!best || d > best.d) best = { ...c, d };
      }
    }
    return best;
  }
}

/**
 * Polls `condition` (async, returns boolean) until it holds or `timeout` ms pass. The page's
 * Content-Security-Policy forbids eval, so conditions run here rather than inside the page.
 */
/** An init script recording every text the charts draw, with its canvas font (for `chartTextPx`). */
export const recordChartText = () => {
  window.__chartFonts = [];
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
    window.__chartFonts.push([String(text), this.font]);
    return fillText.call(this, text, ...rest);
  };
};

/** The size in px of the font the charts last drew `text` with (NaN if never drawn). */
export const chartTextPx = (app, text) =>
  app.page.evaluate((text) => {
    const font = window.__chartFonts.filter(([drawn]) => drawn === text).map(([, font]) => font).pop() ?? "";
    return Number((font.match(/([\d.]+)px/) ?? [])[1]);
  }, text);

export async function pollUntil(condition, timeout = STEP_TIMEOUT, interval = 20) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, interval));
  }
}

export function parseHash(hash) {
  const params = new Map();
  for (const part of hash.replace(/^#/, "").split("&")) {
    if (!part) continue;
    const i = part.indexOf("=");
    const k = i < 0 ? part : part.slice(0, i);
    const v = i < 0 ? "" : part.slice(i + 1);
    let key = k;
    let value = v;
    try {
      key = decodeURIComponent(k);
      value = decodeURIComponent(v);
    } catch {
      // keep it raw
    }
    params.set(key, value);
  }
  return params;
}

export function parsePoints(text) {
  return text
    .split(";")
    .filter((s) => s.trim() !== "")
    .map((pair) => {
      const [x, y] = pair.split(",").map(Number);
      return [x, y];
    });
}

export function formatPoints(points) {
  return points.map(([x, y]) => `${x},${y}`).join(";");
}

export function relChange(before, after) {
  return Math.abs(after - before) / Math.abs(before);
}

/** |a − b| ≤ rel·|b| (+ a hair for b = 0). */
export function closeRel(actual, expected, rel) {
  return Math.abs(actual - expected) <= rel * Math.abs(expected) + 1e-12;
}

export function readReference(name) {
  const file = path.join(referenceDir, name);
  if (!existsSync(file)) throw new Error(`reference file missing: ${file} (shared/ is expected beside the repo)`);
  return JSON.parse(readFileSync(file, "utf8"));
}

/** PNG width and height from its IHDR chunk. */
export function pngSize(file) {
  const buf = readFileSync(file);
  if (buf.toString("latin1", 1, 4) !== "PNG") throw new Error(`${file} is not a PNG`);
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}
