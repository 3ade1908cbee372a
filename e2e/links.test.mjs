// Links: malformed URL states are refused part by part with a visible message, and the app
// works when served from a sub-path without a single request leaving its origin.

import { test } from "node:test";
import assert from "node:assert/strict";
import { Lab, useLab, sel, formatPoints, pollUntil, STEP_TIMEOUT } from "./helpers.mjs";

const T = { timeout: 180_000 };
const MAX_POINTS = 5_000; // losslab-core io::hash::MAX_POINTS
const lab = useLab();

const VALID = [
  [0, 1],
  [1, 2.5],
  [2, 2.9],
  [3, 4.2],
  [4, 5.1],
];

async function errorText(page) {
  const el = page.locator(sel("input-error")).first();
  if (!(await el.count()) || !(await el.isVisible())) return null;
  return (await el.textContent()) ?? "";
}

/** Waits for a visible input-error whose text differs from `previous` (a new message). */
async function waitNewError(page, previous, link) {
  let text = null;
  const ok = await pollUntil(async () => {
    text = await errorText(page);
    return text !== null && text !== previous;
  }, STEP_TIMEOUT);
  assert.ok(
    ok,
    text === null
      ? `no visible ${sel("input-error")} after opening ${link}`
      : `${sel("input-error")} still shows the previous message after opening ${link}: ${JSON.stringify(text)}`,
  );
  return text;
}

const many = Array.from({ length: 100_000 }, (_, i) => `${i},${i % 7}`).join(";");
const MALFORMED = [
  { link: "#pts=1,2;3", refusesPoints: true },
  { link: "#delta=abc" },
  { link: "#pts=1,1e400", refusesPoints: true },
  { link: "#loss=cauchy" },
  { link: "#tau=7" },
  { link: "#pts=1,2%3B3%2Cx", refusesPoints: true },
  { link: `#pts=${many}`, label: "#pts=<100,000 points>", capped: true },
];

test("malformed links opened one after another: message shown, valid points kept, no error", T, async () => {
  const app = await lab.open({ hash: `#pts=${formatPoints(VALID)}` });
  try {
    await app.waitValue("point-count", (v) => v === VALID.length, `point-count = ${VALID.length}`);
    let previous = await errorText(app.page);
    assert.equal(previous, null, `an input-error is shown for a valid link: ${previous}`);
    for (const { link, label = link, refusesPoints, capped } of MALFORMED) {
      await app.setHash(link);
      previous = await waitNewError(app.page, previous, label);
      if (capped) {
        const count = await app.value("point-count");
        assert.ok(count <= MAX_POINTS, `${label}: point-count ${count} exceeds the ${MAX_POINTS} limit`);
      } else {
        const count = await app.value("point-count");
        assert.equal(count, VALID.length, `${label}: point-count changed to ${count}${refusesPoints ? " although pts was refused" : ""}`);
      }
      assert.deepEqual(app.problems(), [], `${label} caused errors`);
    }
    await app.waitReady();
    app.assertClean();
  } finally {
    await app.close();
  }
});

/** The address bar's hash, decoded. */
const addressHash = async (page) => decodeURIComponent(new URL(page.url()).hash);
/** Waits for two animation frames, after which the app's effects have run. */
const twoFrames = (page) =>
  page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

test("a link with one bad part loads the rest and stays as typed until the first change", T, async () => {
  const app = await lab.open({ hash: "#loss=mae&delta=abc&pts=0,1;1,3;2,4.5" });
  try {
    await app.waitValue("point-count", (v) => v === 3, "point-count = 3");
    assert.notEqual(await errorText(app.page), null, `no visible ${sel("input-error")} for delta=abc`);
    const radio = app.page.locator(sel("pick-mae")).first();
    assert.equal(await radio.isChecked(), true, "loss=mae was not applied");
    // The mistyped link stays in the address bar, to be corrected there.
    await twoFrames(app.page);
    assert.ok((await addressHash(app.page)).includes("delta=abc"), `the link was rewritten: ${await addressHash(app.page)}`);
    // The first change writes the state again.
    await app.page.keyboard.press("1");
    await app.waitHash((p) => p.get("loss") === "mse" && p.get("delta") !== "abc", "the hash to follow the edit");
    app.assertClean();
  } finally {
    await app.close();
  }
});

test("a bad link typed into the address bar stays as typed; a good one is written back", T, async () => {
  const app = await lab.open({ hash: `#pts=${formatPoints(VALID)}` });
  try {
    await app.setHash("#tau=7&pts=0,1;1,3;2,4.5");
    await waitNewError(app.page, null, "#tau=7");
    await app.waitValue("point-count", (v) => v === 3, "point-count = 3");
    await twoFrames(app.page);
    assert.ok((await addressHash(app.page)).includes("tau=7"), `the typed link was rewritten: ${await addressHash(app.page)}`);
    // The same link again, then a change: the change is written at once.
    await app.setHash("#tau=7&pts=0,1;1,3;2,4.5");
    await twoFrames(app.page);
    await app.page.keyboard.press("2");
    await app.waitHash((p) => p.get("loss") === "mae" && p.get("tau") !== "7", "the hash to follow the edit");
    // A good link typed in is applied and written back in the app's own form.
    await app.setHash("#pts=0,1;1,3;2,4.5;3,6");
    await app.waitValue("point-count", (v) => v === 4, "point-count = 4");
    await app.waitHash((p) => p.has("mode") && p.has("loss"), "the full hash to be written back");
    app.assertClean();
  } finally {
    await app.close();
  }
});

test("served under /some/sub/path/: the app starts and no request leaves the origin", T, async () => {
  const sub = await Lab.start({ base: "/some/sub/path/" });
  try {
    const app = await sub.open();
    try {
      assert.equal(new URL(app.page.url()).pathname, "/some/sub/path/");
      assert.deepEqual(app.outsideRequests, [], "requests left the origin");
      assert.deepEqual(app.failedRequests, [], "requests failed");
      const served = sub.server.requests;
      assert.ok(served.length > 0, "the server saw no request");
      // The service worker's install fetches the app shell in the background: let requests
      // still being answered finish before checking their status (0 = not answered yet).
      await pollUntil(() => served.every((r) => r.status !== 0), STEP_TIMEOUT);
      for (const r of served) {
        assert.ok(r.path.startsWith("/some/sub/path/"), `request outside the sub-path: ${r.path}`);
        assert.equal(r.status, 200, `${r.path} answered ${r.status}`);
      }
      const wasm = served.filter((r) => r.path.split("?")[0].endsWith(".wasm"));
      assert.ok(wasm.length >= 1, "no .wasm was requested");
      for (const r of wasm) assert.equal(r.type, "application/wasm", `${r.path} served as ${r.type}`);
      app.assertClean();
    } finally {
      await app.close();
    }
  } finally {
    await sub.stop();
  }
});

test("a link's extreme settings read as short numbers and leave the page its width", T, async () => {
  // δ = 10⁻³⁰⁰ was written out as 302 digits: the page grew 4,000 px wide at 1280 px.
  const pts = formatPoints(VALID);
  await lab.with({ hash: `#loss=huber&delta=1e-300&tau=0.123456789&pts=${pts}` }, async (app) => {
    assert.equal(await app.page.locator(sel("delta-value")).textContent(), "1e-300");
    assert.equal(await app.page.locator(sel("tau-value")).textContent(), "0.123456789", "every digit of a short number");
    // The readouts' data-value holds the full-precision setting, as gamma-value's and l2-value's do.
    assert.equal(await app.value("delta-value"), 1e-300);
    assert.equal(await app.value("tau-value"), 0.123456789);
    assert.ok(await app.page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "the page scrolls sideways");
    assert.equal(new URLSearchParams(new URL(app.page.url()).hash.slice(1)).get("delta"), "1e-300");
  });
  await lab.with({ hash: `#mode=classification&gamma=2.5e-9&l2=1e99&alpha=1e-200&pts=-1,0;0,1;1,0;2,1` }, async (app) => {
    assert.equal(await app.page.locator(sel("gamma-value")).textContent(), "2.5e-9");
    assert.equal(await app.page.locator(sel("l2-value")).textContent(), "1e99");
    assert.equal(await app.page.locator(sel("alpha-value")).textContent(), "1e-200");
    assert.equal(await app.value("l2-value"), 1e99, "data-value keeps the full number");
    assert.ok(await app.page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "the page scrolls sideways");
  });
});

test("points among the subnormal numbers open (the plot's ticks froze the page)", T, async () => {
  // A review: x = 5e-324, 1e-323, 1.5e-323 (or y there, or x = 1e-310 …) never showed the
  // app: the tick search on the axis scaled by an infinite 10^323 never ended.
  for (const hash of [
    "#pts=5e-324,1;1e-323,2;1.5e-323,4",
    "#pts=0,5e-324;1,1e-323;2,0",
    "#pts=1e-310,1;2e-310,2;3e-310,4",
    "#mode=classification&pts=5e-324,0;1e-323,1;1.5e-323,0;2e-323,1",
  ]) {
    await lab.with({ hash }, async (app) => {
      const n = hash.split("pts=")[1].split(";").length;
      assert.equal(await app.value("point-count"), n, hash);
      const slope = hash.includes("classification") ? "fit-bce-w" : "fit-mse-slope";
      assert.ok(!Number.isNaN(await app.value(slope)), `${hash}: a fit is shown`);
    });
  }
});
