// A small static file server for the release build (no dependencies), used by the end-to-end
// tests and bench/drag.mjs. It can mount the directory under a sub-path (the app must work
// from any path, e.g. a course page's /some/sub/path/), sends correct MIME types (WebAssembly
// streaming compilation needs application/wasm) and records every request it answers.
//
//   import { startServer } from "./serve.mjs";
//   const server = await startServer({ root: "dist", base: "/some/sub/path/" });
//   server.url        // http://127.0.0.1:PORT/some/sub/path/
//   server.requests   // [{ method, path, status, type }]
//   await server.close();
//
// As a program:  node e2e/serve.mjs [--root dist] [--base /some/sub/path/] [--port 8090]

import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".webmanifest": "application/manifest+json",
};

/** Normalises a mount path to "/", or "/a/b/" with both slashes. */
function normaliseBase(base) {
  let b = base || "/";
  if (!b.startsWith("/")) b = "/" + b;
  if (!b.endsWith("/")) b += "/";
  return b;
}

/**
 * Serves `root` under `base` on 127.0.0.1 (`port` 0 picks a free port).
 * Returns { url, origin, base, port, requests, close() }.
 */
export async function startServer({ root, base = "/", port = 0, host = "127.0.0.1" } = {}) {
  const rootDir = path.resolve(root);
  const mount = normaliseBase(base);
  const requests = [];

  const server = createServer(async (req, res) => {
    const entry = { method: req.method, path: req.url, status: 0, type: "" };
    requests.push(entry);
    const send = (status, type, body, headers = {}) => {
      entry.status = status;
      entry.type = type;
      res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", ...headers });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        return send(405, "text/plain; charset=utf-8", "method not allowed\n", { Allow: "GET, HEAD" });
      }
      const pathname = new URL(req.url, "http://localhost").pathname;
      // The mount point without its trailing slash: redirect, so relative URLs resolve inside it.
      if (mount !== "/" && pathname === mount.slice(0, -1)) {
        return send(301, "text/plain; charset=utf-8", "moved\n", { Location: mount });
      }
      if (!pathname.startsWith(mount)) {
        return send(404, "text/plain; charset=utf-8", "not found (outside the mount point)\n");
      }
      let rel;
      try {
        rel = decodeURIComponent(pathname.slice(mount.length));
      } catch {
        return send(400, "text/plain; charset=utf-8", "bad path\n");
      }
      if (rel === "" || rel.endsWith("/")) rel += "index.html";
      const file = path.resolve(rootDir, rel);
      if (file !== rootDir && !file.startsWith(rootDir + path.sep)) {
        return send(403, "text/plain; charset=utf-8", "forbidden\n");
      }
      let info;
      try {
        info = await stat(file);
      } catch {
        return send(404, "text/plain; charset=utf-8", "not found\n");
      }
      if (!info.isFile()) return send(404, "text/plain; charset=utf-8", "not found\n");
      const type = MIME_TYPES[path.extname(file).toLowerCase()] || "application/octet-stream";
      entry.status = 200;
      entry.type = type;
      res.writeHead(200, { "Content-Type": type, "Content-Length": info.size, "Cache-Control": "no-store" });
      if (req.method === "HEAD") return res.end();
      createReadStream(file)
        .on("error", () => res.destroy())
        .pipe(res);
    } catch (err) {
      if (!res.headersSent) send(500, "text/plain; charset=utf-8", `server error: ${err}\n`);
      else res.destroy();
    }
  });

  // Keep-alive sockets would hold close() open; track and end them.
  const sockets = new Set();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const actualPort = server.address().port;
  const origin = `http://${host}:${actualPort}`;
  return {
    url: origin + mount,
    origin,
    base: mount,
    port: actualPort,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// Run as a program.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
  };
  const here = path.dirname(fileURLToPath(import.meta.url));
  const server = await startServer({
    root: opt("--root", path.resolve(here, "..", "dist")),
    base: opt("--base", "/"),
    port: Number(opt("--port", "8090")),
  });
  console.log(`serving ${path.resolve(opt("--root", path.resolve(here, "..", "dist")))} at ${server.url}`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
