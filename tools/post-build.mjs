// Trunk post-build hook: for release builds it first shrinks the output (shrink-glue.mjs:
// short import/export names and the glue minified with terser; a second wasm-opt pass;
// reorder-functions.mjs: similar functions side by side, for gzip), then it writes the service
// worker `sw.js` into the staging directory, with the list of files to cache and a version
// derived from their contents. A new build therefore installs a new cache and drops the old
// one; an unchanged build keeps the same version.
//
// Trunk runs this with TRUNK_STAGING_DIR set (see Trunk.toml, [[hooks]]). The service worker
// needs Node's standard library only; the release steps need the npm packages `terser` and
// `binaryen` (its wasm-opt: node_modules/.bin, else PATH), which scripts/setup.sh installs.
// LOSSLAB_NO_SHRINK=1 skips every release step (the service worker is still written);
// LOSSLAB_NO_REORDER=1 skips only the reordering.

import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run through trunk)");
  process.exit(1);
}

// Release builds: short import/export names and minified glue (see shrink-glue.mjs). It runs
// before the service worker's version is computed, which hashes the final files.
if (process.env.TRUNK_PROFILE === "release" && process.env.LOSSLAB_NO_SHRINK !== "1") {
  const wasmName = readdirSync(staging).find((name) => name.endsWith("_bg.wasm"));
  const jsName = wasmName && wasmName.replace(/_bg\.wasm$/, ".js");
  if (!wasmName || !readdirSync(staging).includes(jsName)) {
    console.error("post-build: no wasm-bindgen output found in the staging directory");
    process.exit(1);
  }
  // Loaded here: development builds need neither it nor terser.
  const { minifyGlue, renameBindings } = await import("./shrink-glue.mjs");
  const wasmPath = join(staging, wasmName);
  const jsPath = join(staging, jsName);
  const before = [readFileSync(wasmPath).length, readFileSync(jsPath).length];
  const renamed = renameBindings(readFileSync(wasmPath), readFileSync(jsPath, "utf8"));
  const js = await minifyGlue(renamed.js);
  writeFileSync(wasmPath, renamed.wasm);
  writeFileSync(jsPath, js);
  const optimised = optimiseFurther(wasmPath);
  const reordered = await reorderFunctions(wasmPath);
  console.log(
    `post-build: ${renamed.imports} imports and ${renamed.exports} exports renamed, glue minified` +
      `${optimised ? ", wasm-opt second pass" : ""}` +
      `${reordered ? `, functions reordered (.wasm gzip -9 ${reordered.before} → ${reordered.after} bytes)` : ""}: .wasm ${before[0]} → ${readFileSync(wasmPath).length} bytes, ` +
      `.js ${before[1]} → ${js.length} bytes`,
  );
}

/**
 * A second wasm-opt pass after Trunk's `-Oz`: restructuring the control flow (flatten,
 * rereloop) and then optimising for size again finds about 1 % more (measured 1.9 KB gzip),
 * and so does telling it that the first KiB of memory is unused (true here: the allocator
 * only hands out memory it grew, far above it, and the stack and data start at 1 MiB).
 * Returns false, leaving the file as it was, when wasm-opt is missing or fails.
 */
function optimiseFurther(wasmPath) {
  return wasmOpt(wasmPath, wasmPath, ["--flatten", "--rereloop", "-Oz", "-Oz", "--low-memory-unused", "--converge"], "the second wasm-opt pass");
}

/**
 * Puts similar functions side by side for gzip (see reorder-functions.mjs): each of its
 * settings gives an order, and the order whose .wasm compresses smallest is kept (when it is
 * smaller than the file as it was). Returns the gzip sizes before and after, or false,
 * leaving the file as it was, when it keeps none or anything fails. LOSSLAB_NO_REORDER=1 skips
 * it.
 */
async function reorderFunctions(wasmPath) {
  if (process.env.LOSSLAB_NO_REORDER === "1") return false;
  const named = `${wasmPath}.named`;
  const candidate = `${wasmPath}.reordered`;
  const gzipSize = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
  const before = gzipSize(wasmPath);
  let best = before;
  let kept = false;
  try {
    const { SETTINGS, functionBodies, similarityOrder, withOrderNames } = await import("./reorder-functions.mjs");
    const bytes = readFileSync(wasmPath);
    const { imported, bodies } = functionBodies(bytes);
    for (const settings of SETTINGS) {
      writeFileSync(named, withOrderNames(bytes, imported, similarityOrder(bodies, settings)));
      if (!wasmOpt(named, candidate, ["--reorder-functions-by-name", "--strip-debug"], "reordering the functions")) break;
      const size = gzipSize(candidate);
      if (size < best) {
        best = size;
        renameSync(candidate, `${wasmPath}.best`);
        kept = true;
      }
    }
  } catch (error) {
    console.error(`post-build: functions not reordered (${error.message}); keeping the file as it was`);
    kept = false;
  }
  if (kept) renameSync(`${wasmPath}.best`, wasmPath);
  for (const path of [named, candidate, `${wasmPath}.best`]) rmSync(path, { force: true });
  return kept && { before, after: best };
}

/**
 * Runs the wasm-opt that scripts/setup.sh installs (npm binaryen) with `passes` on `input`,
 * writing `output` only when it succeeds; returns whether it did.
 */
function wasmOpt(input, output, passes, what) {
  const local = join(process.env.TRUNK_SOURCE_DIR || process.cwd(), "node_modules", ".bin", "wasm-opt");
  const binary = existsSync(local) ? local : "wasm-opt";
  const features = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
  ];
  const out = `${output}.opt`;
  const result = spawnSync(binary, [...features, ...passes, input, "-o", out], { stdio: "inherit" });
  if (result.status !== 0 || !existsSync(out)) {
    console.error(`post-build: ${what} did not run (${result.error?.message ?? `exit ${result.status}`}); keeping the file as it was`);
    // A partial output would otherwise ship in dist/ (and in the service worker's list).
    rmSync(out, { force: true });
    return false;
  }
  renameSync(out, output);
  return true;
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const files = walk(staging)
  .map((path) => relative(staging, path).split(sep).join("/"))
  .filter((name) => name !== "sw.js")
  .sort();
const hash = createHash("sha256");
for (const name of files) {
  hash.update(name);
  hash.update(readFileSync(join(staging, name)));
}
const version = hash.digest("hex").slice(0, 16);
// "./" stands for the app's own URL (index.html under whatever sub-path it is served from).
const assets = ["./", ...files.filter((name) => name !== "index.html")];

// Files whose names carry Trunk's content hash (in the name or a folder's) never change under
// the same name: the cache serves them. The others (boot.js, the article's data, the Python
// templates) keep their names from build to build: the network serves them while online, so a
// new build's page never runs with the old build's template.
// Trunk writes its 64-bit hash in hex without leading zeros: usually 16 digits, one build in
// sixteen 15 (that build's app files were taken for unhashed ones and always downloaded).
const hashedPattern = /-[0-9a-f]{12,16}([_./])/;
const hashed = (name) => hashedPattern.test(name);
const fresh = assets.filter((name) => name !== "./" && !hashed(name));

const worker = `// LossLab service worker, generated by tools/post-build.mjs. Do not edit.
// It caches the app shell and data on first visit, so the app works offline afterwards.
// Caches are named by the worker's scope: two copies of LossLab in two folders of one site
// keep their own (one copy's update deleted the other's, which then failed offline).
const SCOPE = new URL(self.registration.scope).pathname;
const PREFIX = "losslab-" + SCOPE + "-";
const CACHE = PREFIX + "${version}";
const ASSETS = ${JSON.stringify(assets)};
const FRESH = new Set(${JSON.stringify(fresh)}.map((name) => new URL(name, self.registration.scope).href));
// Trunk's content hash in a file's name or its folder's: such a file never changes.
const HASHED = ${hashedPattern.toString()};

self.addEventListener("install", (event) => {
  // "reload": past the browser's HTTP cache, which may hold the previous build's unhashed files.
  const requests = ASSETS.map((name) => new Request(name, { cache: "reload" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  // This copy's older caches (its prefix and a version: a folder "/a/-x/" beside "/a/" has a
  // longer name), and the unscoped ones of builds before the caches were scoped ("losslab-"
  // and 16 hex digits).
  const own = (key) => key.startsWith(PREFIX) && /^[0-9a-f]{16}$/.test(key.slice(PREFIX.length));
  const stale = (key) => (own(key) && key !== CACHE) || /^losslab-[0-9a-f]{16}$/.test(key);
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter(stale).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// The network first (a good response refreshes the cached copy under \`key\`), the cache
// when offline. \`fresh\`: past the browser's HTTP cache too (a server without Cache-Control
// lets it keep the previous build's file); a page's own navigation cannot take that option.
function networkFirst(event, key, fresh) {
  const request = event.request;
  return (fresh ? fetch(request.url, { cache: "no-cache" }) : fetch(request))
    .then((response) => {
      if (response.ok) {
        const copy = response.clone();
        event.waitUntil(caches.open(CACHE).then((cache) => cache.put(key, copy)));
      }
      return response;
    })
    .catch(() => caches.open(CACHE).then((cache) => cache.match(key, { ignoreSearch: true })));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Only the app's own page (its folder or index.html): other pages in the folder (a course
    // page, a 404) are the network's business and must never be stored as the app.
    const path = new URL(request.url).pathname;
    if (path !== SCOPE && path !== SCOPE + "index.html") return;
    event.respondWith(networkFirst(event, "./", false));
    return;
  }
  const url = new URL(request.url);
  url.search = "";
  if (FRESH.has(url.href)) {
    event.respondWith(networkFirst(event, url.href, true));
    return;
  }
  // Hashed assets: this copy's cache first, the network as a fallback. A hashed file fetched
  // from the network is kept too: after a redeploy the page shown online (stored above) is the
  // new build's, and until the new worker has installed (seconds later, or never if one of its
  // downloads fails) its files are in no cache; without them the stored page failed offline.
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(url.href).then((hit) => hit || fetch(request).then((response) => {
      // Only this copy's own files, named as the build names them (relative to the scope: a
      // folder named like a hash above it says nothing about the files).
      const inScope = url.href.startsWith(self.registration.scope) ? url.href.slice(self.registration.scope.length) : "";
      if (response.status === 200 && HASHED.test(inScope)) {
        const copy = response.clone();
        event.waitUntil(cache.put(url.href, copy));
      }
      return response;
    }))),
  );
});
`;
writeFileSync(join(staging, "sw.js"), worker);
console.log(`post-build: sw.js caches ${assets.length} files (version ${version})`);
