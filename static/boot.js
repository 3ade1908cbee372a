// Starts the LossLab WebAssembly app. Trunk writes the hashed file names into the data
// attributes of this script's tag; keeping the loader in a file (not inline) lets the
// Content-Security-Policy forbid inline scripts.
const tag = document.querySelector("script[data-wasm]");
const status = document.getElementById("boot-status");
try {
  const { default: init } = await import(tag.dataset.js);
  await init({ module_or_path: tag.dataset.wasm });
  status?.remove();
} catch (error) {
  // A failed download or a browser without WebAssembly: say so instead of a blank page.
  if (status) status.textContent = `LossLab could not start (${error}). Reload the page; if that does not help, try another browser.`;
  throw error;
}

// Offline support: the service worker caches the app after the first visit. Its scope is the
// directory the page is served from, so the app also works under a sub-path. Reading
// navigator.serviceWorker throws in a sandboxed frame, and it is missing outside https.
try {
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    navigator.serviceWorker.register("./sw.js").catch((error) => console.warn("LossLab: offline cache unavailable:", error));
  }
} catch (error) {
  console.warn("LossLab: offline cache unavailable:", error);
}
