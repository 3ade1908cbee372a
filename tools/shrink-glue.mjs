// Shrinks the wasm-bindgen output of a release build (run by tools/post-build.mjs).
//
// wasm-bindgen names every import after the Rust item and a 16-digit hash
// (`__wbg_setAttribute_f75317b2b5cabfb4`), and every exported closure shim after its full
// generic type; each name is written twice, once in the .wasm and once in the JS glue, and the
// hashes do not compress. This step gives the imports and exports short names (`a`, `b`, …)
// in both files at once, then minifies the JS glue with terser: −4.9 KB gzip on the .wasm and
// −4 KB on the .js when introduced (README, "Download").
//
// It is safe by construction or it does nothing: every name it renames must occur in the glue
// exactly where expected (`name: function(` for an import, `wasm.name` for an export);
// otherwise it reports why and leaves both files as they were. The e2e tests run the result.

import { minify } from "terser";

/** Reads an unsigned LEB128 at `pos`; returns [value, next position]. */
export function readU32(bytes, pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7;
    if (shift > 35) throw new Error("LEB128 too long");
  }
}

/** An unsigned LEB128, as bytes. */
export function writeU32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

export function readName(bytes, pos) {
  const [len, start] = readU32(bytes, pos);
  return [utf8.decode(bytes.subarray(start, start + len)), start + len];
}

export function writeName(name) {
  const encoded = encoder.encode(name);
  return [...writeU32(encoded.length), ...encoded];
}

/** Length in bytes of a resizable-limits record at `pos` (tables and memories). */
function limitsEnd(bytes, pos) {
  const flags = bytes[pos++];
  [, pos] = readU32(bytes, pos); // minimum
  if (flags & 0x01) [, pos] = readU32(bytes, pos); // maximum
  return pos;
}

/** End of an import's descriptor (kind byte and what follows) starting at `pos`. */
export function importDescEnd(bytes, pos) {
  const kind = bytes[pos++];
  switch (kind) {
    case 0x00: // function: type index
      return readU32(bytes, pos)[1];
    case 0x01: // table: reference type, limits
      return limitsEnd(bytes, pos + 1);
    case 0x02: // memory: limits
      return limitsEnd(bytes, pos);
    case 0x03: {
      // global: value type (one byte for the types wasm-bindgen uses), mutability
      const type = bytes[pos];
      if (type === 0x63 || type === 0x64) throw new Error("typed reference globals are not supported");
      return pos + 2;
    }
    case 0x04: // tag: attribute, type index
      return readU32(bytes, pos + 1)[1];
    default:
      throw new Error(`unknown import kind ${kind}`);
  }
}

/** The sections of a module as {id, start, end} (start = first byte of the contents). */
export function sections(bytes) {
  if (bytes[0] !== 0x00 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) throw new Error("not a wasm module");
  const list = [];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const [size, start] = readU32(bytes, pos + 1);
    list.push({ id, headerStart: pos, start, end: start + size });
    pos = start + size;
  }
  return list;
}

/** Short identifiers: a … z, A … Z, then two letters, skipping JS reserved words. */
function* shortNames() {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const reserved = new Set(["do", "if", "in"]);
  for (const a of letters) yield a;
  for (const a of letters) for (const b of letters) if (!reserved.has(a + b)) yield a + b;
  for (const a of letters) for (const b of letters) for (const c of letters) yield a + b + c;
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Renames the imports of `module` and the exports of the wasm, in the wasm bytes and the JS
 * glue. Returns { wasm, js, imports, exports } or throws with the reason it cannot.
 */
export function renameBindings(wasmBytes, js) {
  const bytes = new Uint8Array(wasmBytes);
  const list = sections(bytes);
  const importSection = list.find((s) => s.id === 2);
  const exportSection = list.find((s) => s.id === 7);
  if (!importSection || !exportSection) throw new Error("no import or export section");

  // The glue's own import objects: `"<module>": importN` in `__wbg_get_imports`, where
  // `importN` is an object literal of the glue (`const importN = {`). Snippet modules
  // (`import * as importN from "./snippets/…"`) keep their names: they are the snippets' exports.
  const modules = new Map();
  for (const match of js.matchAll(/"([^"]+)":\s*(import\d+),/g)) {
    if (js.includes(`const ${match[2]} = {`)) modules.set(match[1], match[2]);
  }
  if (modules.size === 0) throw new Error("no import object found in the glue");

  const names = shortNames();
  let out = js;
  const imports = new Map();
  const importBytes = [];
  let pos = importSection.start;
  let count;
  [count, pos] = readU32(bytes, pos);
  importBytes.push(...writeU32(count));
  for (let i = 0; i < count; i++) {
    let module, field;
    [module, pos] = readName(bytes, pos);
    [field, pos] = readName(bytes, pos);
    const descEnd = importDescEnd(bytes, pos);
    const desc = bytes.subarray(pos, descEnd);
    pos = descEnd;
    let newField = field;
    if (modules.has(module)) {
      newField = imports.get(`${module}\u0000${field}`) ?? names.next().value;
      imports.set(`${module}\u0000${field}`, newField);
    }
    importBytes.push(...writeName(module), ...writeName(newField), ...desc);
  }
  if (pos !== importSection.end) throw new Error("import section not parsed to its end");
  for (const [key, short] of imports) {
    const field = key.split("\u0000")[1];
    const pattern = new RegExp(`(^|[\\s{,])${escape(field)}(: function\\()`, "gm");
    const hits = [...out.matchAll(pattern)].length;
    if (hits !== 1) throw new Error(`import ${field} occurs ${hits} times in the glue`);
    out = out.replace(pattern, `$1${short}$2`);
  }

  const exports = new Map();
  const exportBytes = [];
  pos = exportSection.start;
  [count, pos] = readU32(bytes, pos);
  exportBytes.push(...writeU32(count));
  for (let i = 0; i < count; i++) {
    let name;
    [name, pos] = readName(bytes, pos);
    const kind = bytes[pos];
    const [, end] = readU32(bytes, pos + 1);
    const desc = bytes.subarray(pos, end);
    pos = end;
    let newName = name;
    // `memory` keeps its name: the glue and embedders read it as wasm.memory.
    if (name !== "memory") {
      newName = "_" + names.next().value;
      exports.set(name, newName);
    }
    void kind;
    exportBytes.push(...writeName(newName), ...desc);
  }
  if (pos !== exportSection.end) throw new Error("export section not parsed to its end");
  for (const [name, short] of exports) {
    const pattern = new RegExp(`\\bwasm\\.${escape(name)}\\b`, "g");
    out = out.replace(pattern, `wasm.${short}`);
    // Any other mention (a string, a destructuring) would now point at a missing export.
    if (new RegExp(`\\b${escape(name)}\\b`).test(out.replace(/\/\/[^\n]*/g, ""))) {
      // Local helper functions may share the export's name (wasm-bindgen wraps closure shims in
      // a JS function of the same name); that is fine as long as no `wasm.`/string access is left.
      if (new RegExp(`["'\`]${escape(name)}["'\`]`).test(out)) throw new Error(`export ${name} is named in a string`);
    }
  }

  // Reassemble: sections before imports, new imports, sections between, new exports, the rest.
  const section = (id, body) => [id, ...writeU32(body.length), ...body];
  const parts = [bytes.subarray(0, importSection.headerStart)];
  parts.push(Uint8Array.from(section(2, importBytes)));
  parts.push(bytes.subarray(importSection.end, exportSection.headerStart));
  parts.push(Uint8Array.from(section(7, exportBytes)));
  parts.push(bytes.subarray(exportSection.end));
  const total = parts.reduce((n, p) => n + p.length, 0);
  const wasm = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    wasm.set(p, offset);
    offset += p.length;
  }
  return { wasm, js: out, imports: imports.size, exports: exports.size };
}

/** Minifies the (renamed) glue; it is an ES module whose exports must keep their names. */
export async function minifyGlue(js) {
  const result = await minify(js, {
    module: true,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  if (typeof result.code !== "string") throw new Error("terser returned no code");
  return result.code;
}
