// Orders the functions of the release .wasm so that similar ones sit side by side (run by
// tools/post-build.mjs, after the last wasm-opt pass).
//
// gzip finds repeats only within its 32 KB window, and rustc lays functions out in an order
// that has nothing to do with their content. Much of the code is alike — the instances of one
// generic hook or drop glue, the element-building runs of Yew's `html!` — so putting each
// function next to the ones it resembles most lets gzip copy instead of encode: −4 KB gzip
// on the .wasm when introduced (README, "Download"). The code itself does not change.
//
// How: every function body gets a MinHash signature of its 4- or 5-byte substrings (an estimate of
// how much two bodies share); starting from the largest, the order repeatedly takes the
// remaining function most similar to one of the last few placed. The order is handed to
// wasm-opt as function names (`f00000`, `f00001`, …) in a name section, and wasm-opt's
// `--reorder-functions-by-name` moves the functions and renumbers every call, table entry and
// export; `--strip-debug` drops the names again. Deterministic: same input, same output (the
// choice between settings compares Node's zlib sizes, so another Node version may choose
// another, equally valid order).

import { importDescEnd, readName, readU32, sections, writeName, writeU32 } from "./shrink-glue.mjs";

/**
 * Settings of the ordering, each tried by tools/post-build.mjs, which keeps the smallest
 * result: `hashes` per signature (more estimate similarity better, at a linear cost in time),
 * `shingle` (the substring length whose sets are compared) and `recent` (how many of the last
 * placed functions a candidate is compared with). Measured over a grid (32 – 128 hashes,
 * substrings of 4 – 6 bytes, 1 – 8 recent functions), the best few settings were within about
 * 1 KB of each other and which one won changed from build to build (a small change in the code
 * changes the greedy order); longer signatures were better throughout. About 3 s each, so
 * trying more of them buys a few hundred bytes on most builds.
 */
export const SETTINGS = [
  { hashes: 128, shingle: 4, recent: 5 },
  { hashes: 128, shingle: 5, recent: 5 },
  { hashes: 128, shingle: 5, recent: 3 },
  // Added in the twelfth session: on its final build the best of the six was 0.1 KB below the
  // best of the three above (on the reordered file, 0.25 KB); six take about 10 s more.
  { hashes: 128, shingle: 4, recent: 3 },
  { hashes: 128, shingle: 4, recent: 8 },
  { hashes: 128, shingle: 5, recent: 8 },
];

/**
 * The number of imported functions and the code section's function bodies (as subarrays) of
 * a module.
 */
export function functionBodies(bytes) {
  const list = sections(bytes);
  let imported = 0;
  const importSection = list.find((s) => s.id === 2);
  if (importSection) {
    let [count, pos] = readU32(bytes, importSection.start);
    for (let i = 0; i < count; i++) {
      [, pos] = readName(bytes, pos); // module
      [, pos] = readName(bytes, pos); // field
      if (bytes[pos] === 0x00) imported++;
      pos = importDescEnd(bytes, pos);
    }
  }
  const code = list.find((s) => s.id === 10);
  if (!code) throw new Error("no code section");
  const bodies = [];
  let [count, pos] = readU32(bytes, code.start);
  for (let i = 0; i < count; i++) {
    const [size, start] = readU32(bytes, pos);
    bodies.push(bytes.subarray(start, start + size));
    pos = start + size;
  }
  if (pos !== code.end) throw new Error("code section not parsed to its end");
  return { imported, bodies };
}

/** The MinHash signature (`hashes` long) of the set of `shingle`-byte substrings of `body`. */
function signature(body, { hashes, shingle }) {
  const mins = new Uint32Array(hashes).fill(0xffffffff);
  const last = Math.max(1, body.length - shingle + 1);
  for (let i = 0; i < last; i++) {
    // FNV-1a of the substring, then one cheap odd-multiplier permutation per slot.
    let h = 0x811c9dc5;
    for (let k = i; k < Math.min(i + shingle, body.length); k++) h = Math.imul(h ^ body[k], 0x01000193);
    for (let s = 0; s < hashes; s++) {
      const v = (Math.imul(h ^ (s * 0x9e3779b9), 2 * s + 0x2545f491) ^ (h >>> 15)) >>> 0;
      if (v < mins[s]) mins[s] = v;
    }
  }
  return mins;
}

function similarity(a, b) {
  let same = 0;
  for (let s = 0; s < a.length; s++) if (a[s] === b[s]) same++;
  return same;
}

/**
 * A greedy order of `bodies` (indices): the largest first, then each time the remaining body
 * most similar to one of the last `settings.recent` placed (ties: the larger, then the earlier).
 */
export function similarityOrder(bodies, settings) {
  const signatures = bodies.map((body) => signature(body, settings));
  const left = new Set(bodies.keys());
  const largest = (a, b) => bodies[b].length - bodies[a].length || a - b;
  let current = [...left].sort(largest)[0];
  const order = [current];
  left.delete(current);
  while (left.size > 0) {
    const recent = order.slice(-settings.recent).map((i) => signatures[i]);
    let best = -1;
    let bestScore = -1;
    for (const j of left) {
      let score = 0;
      for (const r of recent) score = Math.max(score, similarity(r, signatures[j]));
      if (score > bestScore || (score === bestScore && largest(j, best) < 0)) {
        best = j;
        bestScore = score;
      }
    }
    order.push(best);
    left.delete(best);
  }
  return order;
}

/**
 * `bytes` with a name section appended that names each defined function after its place in
 * `order` (`f00000` first) and each imported one `i00000`, … (imports cannot move).
 */
export function withOrderNames(bytes, imported, order) {
  const custom = sections(bytes).filter((s) => s.id === 0);
  if (custom.some((s) => readName(bytes, s.start)[0] === "name")) throw new Error("the module already has a name section");
  const names = [];
  for (let i = 0; i < imported; i++) names.push([i, `i${String(i).padStart(5, "0")}`]);
  const rank = new Array(order.length);
  order.forEach((body, place) => (rank[body] = place));
  for (let k = 0; k < rank.length; k++) names.push([imported + k, `f${String(rank[k]).padStart(5, "0")}`]);
  const functionNames = [...writeU32(names.length)];
  for (const [index, name] of names) functionNames.push(...writeU32(index), ...writeName(name));
  const payload = [...writeName("name"), 0x01, ...writeU32(functionNames.length), ...functionNames];
  const section = Uint8Array.from([0x00, ...writeU32(payload.length), ...payload]);
  const out = new Uint8Array(bytes.length + section.length);
  out.set(bytes);
  out.set(section, bytes.length);
  return out;
}
