// Drag benchmark (not a test): how fast the release build redraws while a point is dragged.
//
//   trunk build --release && node bench/drag.mjs [--points 200,2000] [--seconds 3] [--throttle 4]
//                                                 [--runs 3] [--viewport 1280x800] [--strict]
//                                                 [--throttle-at load|press]
//                                                 [--mode regression|classification]
//                                                 [--scale 1|2]
//   LOSSLAB_DIST=target/e2e-dist node bench/drag.mjs     # the build scripts/test.sh made
//
// Each point count is measured --runs times, each in a fresh page; the table lists every run
// and a target counts as met when the median run meets it (a shared, two-core machine moves
// single runs by ±20 %). --viewport sets the window: at the default 1280×800 the panels below
// the plot are off screen and skip their drawing; 1280x2000 shows every panel. --scale sets the
// device pixel ratio (2: a HiDPI laptop or tablet, four times the canvas pixels to fill).
//
// For each point count it serves dist/ itself, slows the CPU down 4× (DevTools
// Emulation.setCPUThrottlingRate; from before the app loads, or with --throttle-at press just
// before the press), opens `#perf=1&pts=<generated points>` in headless Chromium, drags one
// point continuously for 3 s with a mouse move every ~16 ms, then reads the app's own latency
// readout (perf-median-ms, perf-p95-ms: pointer event → finished redraw) and counts long tasks
// (> 50 ms, PerformanceObserver 'longtask', installed before the app loads), printing when each
// began (press+ms, drag+ms or release+ms). It also prints the gzip -9 size of the build (.wasm +
// .js + .css + .html). --strict exits 1 when a target is missed.

import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { Lab, distDir, sel, pollUntil } from "../e2e/helpers.mjs";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const COUNTS = opt("--points", "200,2000").split(",").map(Number);
const SECONDS = Number(opt("--seconds", "3"));
const THROTTLE = Number(opt("--throttle", "4"));
const THROTTLE_AT = opt("--throttle-at", "load");
if (!["load", "press"].includes(THROTTLE_AT)) {
  console.error(`bench: --throttle-at takes load or press, not ${THROTTLE_AT}`);
  process.exit(2);
}
const THROTTLE_AT_PRESS = THROTTLE_AT === "press";
const STRICT = args.includes("--strict");
const RUNS = Math.max(1, Number(opt("--runs", "3")));
const [VIEW_W, VIEW_H] = opt("--viewport", "1280x800").split("x").map(Number);
const SCALE = Number(opt("--scale", "1"));
// The issue's targets are for the regression lab; `--mode classification` measures the
// classification lab the same way (points on two rows, one dragged along x), against the
// same figures for comparison.
const MODE = opt("--mode", "regression");
if (!["regression", "classification"].includes(MODE)) {
  console.error(`bench: --mode takes regression or classification, not ${MODE}`);
  process.exit(2);
}
const P95_TARGET = (n) => (n <= 200 ? 8 : 16);
const GZIP_TARGET = 200_000; // bytes ("200 KB")

/** A deterministic uniform generator on (0, 1) (linear congruential). */
function uniform(seed = 12345) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
}

/** Deterministic points near y = 2x + 1 (Box–Muller noise). */
function generatePoints(n) {
  const rand = uniform();
  const pts = [];
  for (let i = 0; i < n; i++) {
    const x = rand() * 10;
    const noise = Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
    pts.push([Number(x.toFixed(3)), Number((2 * x + 1 + 1.5 * noise).toFixed(3))]);
  }
  return pts;
}

const LONGTASK_OBSERVER = () => {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (err) {
    window.__longTaskError = String(err);
  }
};

/** Deterministic labelled points on x in [−3, 3]: label 1 with probability σ(2x). */
function generateLabeled(n) {
  const rand = uniform();
  const pts = [];
  for (let i = 0; i < n; i++) {
    const x = Number((rand() * 6 - 3).toFixed(3));
    pts.push([x, rand() < 1 / (1 + Math.exp(-2 * x)) ? 1 : 0]);
  }
  return pts;
}

async function run(lab, n) {
  const classification = MODE === "classification";
  const pts = classification ? generateLabeled(n) : generatePoints(n);
  const hash = `#${classification ? "mode=classification&" : ""}perf=1&pts=${pts.map(([x, y]) => `${x},${y}`).join(";")}`;
  // The CPU is slowed down before the app loads, as on a slow machine: switching the
  // emulation on mid-session makes Chromium's next frame re-send every canvas of the page to
  // the compositor at the slowed-down speed (one 40 – 50 ms task at the press, whatever the
  // app does; README "Benchmarks"). --throttle-at press restores that older behaviour.
  let cdp = null;
  const beforeLoad = async (page) => {
    cdp = await page.context().newCDPSession(page);
    if (!THROTTLE_AT_PRESS) await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
  };
  const app = await lab.open({ hash, initScript: LONGTASK_OBSERVER, viewport: { width: VIEW_W, height: VIEW_H }, scale: SCALE, beforeLoad });
  try {
    await app.waitValue("point-count", (v) => v === n, `point-count = ${n}`, { timeout: 30_000 });
    const plot = await app.plot(classification ? "classification-canvas" : "scatter-canvas");
    // Drag the point nearest the middle of the data (in the classification lab: of its row).
    const cx = (plot.xMin + plot.xMax) / 2;
    const cy = classification ? 1 : (plot.yMin + plot.yMax) / 2;
    let k = 0;
    pts.forEach((p, i) => {
      if (Math.hypot(p[0] - cx, p[1] - cy) < Math.hypot(pts[k][0] - cx, pts[k][1] - cy)) k = i;
    });
    const from = plot.toPage(pts[k]);
    const amplitude = Math.min(120, (classification ? plot.right - plot.left : plot.bottom - plot.top) / 3);

    if (THROTTLE_AT_PRESS) await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
    const t0 = await app.page.evaluate(() => performance.now());

    const mouse = app.page.mouse;
    await mouse.move(from.x, from.y);
    const tDown = await app.page.evaluate(() => performance.now());
    await mouse.down();
    const start = Date.now();
    let moves = 0;
    let late = 0;
    for (;;) {
      const elapsed = Date.now() - start;
      if (elapsed >= SECONDS * 1000) break;
      const swing = amplitude * Math.sin((2 * Math.PI * elapsed) / 1500);
      if (classification) await mouse.move(from.x + swing, from.y);
      else await mouse.move(from.x, from.y - swing);
      moves++;
      const next = start + moves * 16;
      const wait = next - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      else late++;
    }
    const tUp = await app.page.evaluate(() => performance.now());
    await mouse.up();

    let median = null;
    let p95 = null;
    await pollUntil(async () => {
      median = await app.page.locator(`${sel("perf-median-ms")}[data-value]`).first().getAttribute("data-value", { timeout: 100 }).catch(() => null);
      p95 = await app.page.locator(`${sel("perf-p95-ms")}[data-value]`).first().getAttribute("data-value", { timeout: 100 }).catch(() => null);
      return median !== null && p95 !== null;
    }, 10_000);
    const tasks = await app.page.evaluate(
      (t0) => ({ list: (window.__longTasks || []).filter((t) => t.start >= t0), error: window.__longTaskError || null }),
      t0,
    );
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    return {
      n,
      moves,
      late,
      median: median === null ? null : Number(median),
      p95: p95 === null ? null : Number(p95),
      longTasks: tasks.list.length,
      longestTask: tasks.list.reduce((m, t) => Math.max(m, t.duration), 0),
      // When each long task started: "press+N" (N ms after the press), "drag+N" or "release+N".
      taskTimes: tasks.list.map((t) => {
        const [phase, origin] = t.start >= tUp ? ["release", tUp] : t.start >= tDown + 100 ? ["drag", tDown] : ["press", tDown];
        return `${phase}+${Math.round(t.start - origin)} (${Math.round(t.duration)} ms)`;
      }),
      observerError: tasks.error,
      problems: app.problems(),
    };
  } finally {
    await app.close();
  }
}

function buildSize() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith(".")) continue; // Trunk's .stage
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(wasm|js|css|html)$/.test(name)) files.push(full);
    }
  };
  walk(distDir);
  return files.map((f) => {
    const buf = readFileSync(f);
    return { file: path.relative(distDir, f), raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  });
}

const fmt = (v, digits = 2) => (v === null || v === undefined || Number.isNaN(v) ? "—" : v.toFixed(digits));
const mark = (ok) => (ok ? "ok" : "MISSED");

const lab = await Lab.start();
const results = [];
try {
  for (const n of COUNTS) {
    for (let i = 1; i <= RUNS; i++) {
      process.stderr.write(`bench: ${n} points, run ${i} of ${RUNS}…\n`);
      results.push({ ...(await run(lab, n)), runNo: i });
    }
  }
} finally {
  await lab.stop();
}

let missed = 0;
const middle = (values) => {
  const sorted = values.filter((v) => v !== null && !Number.isNaN(v)).sort((a, b) => a - b);
  return sorted.length ? sorted[(sorted.length - 1) >> 1] : null;
};
console.log("");
console.log(
  `LossLab drag benchmark (${MODE} lab): release build in ${distDir}, window ${VIEW_W}×${VIEW_H} at ${SCALE}×, CPU throttled ${THROTTLE}×, ` +
    `${SECONDS} s drag, a move every 16 ms, ${RUNS} run(s) per point count`,
);
console.log("");
console.log("| points | run | moves sent | median ms | p95 ms | long tasks (> 50 ms) |");
console.log("|-------:|----:|-----------:|----------:|-------:|---------------------:|");
for (const r of results) {
  const lt = r.observerError ? `? (${r.observerError})` : `${r.longTasks}${r.longTasks ? ` (longest ${fmt(r.longestTask, 0)} ms)` : ""}`;
  console.log(`| ${r.n} | ${r.runNo} | ${r.moves}${r.late ? ` (${r.late} late)` : ""} | ${fmt(r.median)} | ${fmt(r.p95)} | ${lt} |`);
}
console.log("");
console.log("| points | median ms (median run) | p95 ms (median run; worst) | p95 target | long tasks (median run; worst) | long-task target |");
console.log("|-------:|-----------------------:|---------------------------:|-----------:|-------------------------------:|-----------------:|");
for (const n of COUNTS) {
  const runs = results.filter((r) => r.n === n);
  const median = middle(runs.map((r) => r.median));
  const p95 = middle(runs.map((r) => r.p95));
  const worstP95 = Math.max(...runs.map((r) => r.p95 ?? Infinity));
  const tasks = middle(runs.map((r) => (r.observerError ? null : r.longTasks)));
  const worstTasks = Math.max(...runs.map((r) => (r.observerError ? Infinity : r.longTasks)));
  const p95ok = p95 !== null && p95 <= P95_TARGET(n);
  const ltok = tasks === 0;
  if (!p95ok) missed++;
  if (!ltok) missed++;
  console.log(
    `| ${n} | ${fmt(median)} | ${fmt(p95)}; ${fmt(worstP95)} | ≤ ${P95_TARGET(n)} ${mark(p95ok)} | ${tasks ?? "?"}; ${worstTasks} | 0 ${mark(ltok)} |`,
  );
}
for (const r of results) {
  if (r.taskTimes.length) console.log(`long tasks, ${r.n} points, run ${r.runNo}: ${r.taskTimes.join(", ")}`);
}
for (const r of results) {
  if (r.median === null) console.log(`note: ${r.n} points: no perf-median-ms/perf-p95-ms readout with #perf=1`);
  for (const p of r.problems) console.log(`note: ${r.n} points, run ${r.runNo}: ${p}`);
}

const sizes = buildSize();
const total = sizes.reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip }), { raw: 0, gzip: 0 });
const sizeOk = total.gzip <= GZIP_TARGET;
if (!sizeOk) missed++;
console.log("");
console.log("| file | bytes | gzip -9 bytes |");
console.log("|------|------:|--------------:|");
for (const s of sizes) console.log(`| ${s.file} | ${s.raw} | ${s.gzip} |`);
console.log(`| total | ${total.raw} | ${total.gzip} (${(total.gzip / 1000).toFixed(1)} KB; target ≤ 200 KB ${mark(sizeOk)}) |`);
console.log("");
console.log(missed ? `${missed} target(s) missed` : "all targets met");
if (STRICT && missed) process.exitCode = 1;
