// Starts the LossLab WebAssembly app. Trunk writes the hashed file names into the data
// attributes of this script's tag; keeping the loader in a file (not inline) lets the
// Content-Security-Policy forbid inline scripts.
const tag = document.querySelector("script[data-wasm]");
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });

// Offline support: the service worker caches the app after the first visit. Its scope is the
// directory the page is served from, so the app also works under a sub-path.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  navigator.serviceWorker.register("./sw.js").catch((error) => console.warn("LossLab: offline cache unavailable:", error));
}
