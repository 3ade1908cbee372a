//! Thin wrappers over the browser APIs the app uses. Every function tolerates a missing
//! window or document (returning a neutral value) instead of panicking.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The current URL hash, including the leading `#` (empty if none).
pub fn read_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Replaces the URL hash without adding a history entry (no history flood while editing).
pub fn replace_hash(hash: &str) {
    let Some(window) = web_sys::window() else { return };
    if window.location().hash().ok().as_deref() == Some(hash) {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// The full URL of the page (for "copy link").
pub fn page_url() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// Device pixels per CSS pixel (1 if unknown).
pub fn device_pixel_ratio() -> f64 {
    web_sys::window().map(|w| w.device_pixel_ratio()).filter(|r| r.is_finite() && *r > 0.0).unwrap_or(1.0)
}

/// Milliseconds since the page's time origin (the clock of `Event.timeStamp`).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Whether a CSS media query matches, e.g. `(prefers-color-scheme: dark)`.
pub fn media_matches(query: &str) -> bool {
    web_sys::window().and_then(|w| w.match_media(query).ok().flatten()).map(|m| m.matches()).unwrap_or(false)
}

/// Sets an attribute on the root `<html>` element (theme, presentation mode for CSS).
pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute(name, value);
    }
}

/// Fetches a same-origin text resource, e.g. `data/article-regression.csv` (relative to the
/// page, so it works under any sub-path).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| format!("could not load {url}"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "unexpected fetch result".to_string())?;
    if !response.ok() {
        return Err(format!("could not load {url} (HTTP {})", response.status()));
    }
    let text = response.text().map_err(|_| format!("could not read {url}"))?;
    let text = JsFuture::from(text).await.map_err(|_| format!("could not read {url}"))?;
    text.as_string().ok_or_else(|| format!("{url} is not text"))
}
