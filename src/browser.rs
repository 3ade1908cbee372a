//! Thin wrappers over the browser APIs the app uses. Every function tolerates a missing
//! window or document (returning a neutral value) instead of panicking.

use crate::state::SavedWork;
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

/// Opens `url` in a new tab (or window); `false` if the browser blocked it (a course page's
/// frame sandboxed without `allow-popups`, a pop-up blocker).
///
/// Without `noopener`, which makes `window.open` return nothing even on success; the new tab's
/// `opener` is cut afterwards instead, so it does not stay tied to the course page's frame.
pub fn open_in_new_tab(url: &str) -> bool {
    let Some(opened) =
        web_sys::window().and_then(|window| window.open_with_url_and_target(url, "_blank").ok().flatten())
    else {
        return false;
    };
    let _ = js_sys::Reflect::set(&opened, &"opener".into(), &wasm_bindgen::JsValue::NULL);
    true
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

/// The root element's computed font size in CSS px (`None` if unknown): the reader's type
/// size as the style sheet derives it from the browser's default.
pub fn root_font_px() -> Option<f64> {
    let window = web_sys::window()?;
    let root = window.document()?.document_element()?;
    let size = window.get_computed_style(&root).ok()??.get_property_value("font-size").ok()?;
    losslab_core::io::hash::parse_f64(size.strip_suffix("px")?).filter(|px| px.is_finite() && *px > 0.0)
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
    // `fetch` resolves to a `Response` (an unchecked cast: a checked one costs an import).
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!("could not load {url} (HTTP {})", response.status()));
    }
    let text = response.text().map_err(|_| format!("could not read {url}"))?;
    let text = JsFuture::from(text).await.map_err(|_| format!("could not read {url}"))?;
    text.as_string().ok_or_else(|| format!("{url} is not text"))
}

/// Where the work is kept: each lab's own link, and the screen shown (the key older versions
/// kept everything under).
const SAVED_KEYS: [&str; 3] = ["losslab:regression", "losslab:classification", "losslab:state"];

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The work saved by [`save_work`] (storage may be unavailable, e.g. in private browsing;
/// then there is simply nothing saved).
pub fn load_saved_work() -> SavedWork {
    let storage = local_storage();
    let [regression, classification, shown] =
        SAVED_KEYS.map(|key| storage.as_ref().and_then(|s| s.get_item(key).ok().flatten()).filter(|s| !s.is_empty()));
    SavedWork { regression, classification, shown }
}

/// Saves the work so a later visit restores it: the parts that differ from `before` (what
/// this page last saved; everything when `None`), so that a page open in another tab does not
/// write back its older copy of a lab it did not change. Failures (quota, disabled storage)
/// are ignored: saving is a convenience, the URL still holds the state shown.
pub fn save_work(work: &SavedWork, before: Option<&SavedWork>) {
    if let Some(storage) = local_storage() {
        let old = before.map(|b| [&b.regression, &b.classification, &b.shown]);
        for (i, (key, text)) in
            SAVED_KEYS.into_iter().zip([&work.regression, &work.classification, &work.shown]).enumerate()
        {
            if old.is_some_and(|old| old[i] == text) {
                continue;
            }
            let _ = storage.set_item(key, text.as_deref().unwrap_or(""));
        }
    }
}

/// Offers `bytes` as a download called `filename`.
pub fn download(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "could not create the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "could not create the file")?;
    let result = click_link(&url, filename);
    let _ = web_sys::Url::revoke_object_url(&url);
    result
}

/// Offers a `data:` URL (e.g. a PNG from `canvas.toDataURL`) as a download.
pub fn download_url(filename: &str, url: &str) -> Result<(), String> {
    click_link(url, filename)
}

fn click_link(href: &str, filename: &str) -> Result<(), String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    // `createElement("a")` makes an anchor (an unchecked cast: a checked one costs an import).
    let link: web_sys::HtmlAnchorElement = document.create_element("a").map_err(|_| "no link")?.unchecked_into();
    link.set_href(href);
    link.set_download(filename);
    link.click();
    Ok(())
}

/// Reads a user's file (picked or dropped) after checking its size, so a 50 MB file is
/// refused before any of it is read.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    if let Some(problem) = losslab_core::io::csv::file_size_problem(file.size() as u64) {
        return Err(problem);
    }
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| format!("could not read “{}”", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Copies text to the clipboard; `false` if the browser refused or has no clipboard.
///
/// `navigator.clipboard` exists only in secure contexts (https, localhost): on a classroom
/// server reached over plain http it is undefined, and calling it threw out of the
/// WebAssembly. There, and where the clipboard API is refused (a course page's frame without
/// `allow="clipboard-write"`), the text is copied the older way: selected in a hidden text
/// area and copied with `execCommand`.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let navigator = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|c| !c.is_undefined());
    if has_clipboard && JsFuture::from(navigator.clipboard().write_text(text)).await.is_ok() {
        return true;
    }
    copy_by_selection(text)
}

/// Copies `text` through a hidden, selected text area and `document.execCommand("copy")`.
fn copy_by_selection(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let Some(body) = document.body() else { return false };
    let Ok(area) = document.create_element("textarea") else { return false };
    let area: web_sys::HtmlTextAreaElement = area.unchecked_into();
    area.set_value(text);
    // Out of sight, and not focused by the keyboard; `readonly` keeps a phone's keyboard shut.
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("class", "visually-hidden");
    // Selecting moves the focus into the text area: the button keeps it afterwards.
    let focused = document.active_element();
    let _ = body.append_child(&area);
    area.select();
    // `select()` selects nothing in a read-only text area on iOS.
    let _ = area.set_selection_range(0, u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX));
    let copied = document.unchecked_ref::<web_sys::HtmlDocument>().exec_command("copy").unwrap_or(false);
    area.remove();
    if let Some(element) = focused.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
    copied
}

/// Scrolls the page to its top (a screen switched to opens at its beginning, not at the
/// scroll position of the screen left).
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Once the pending render has run (Yew renders in a microtask; this runs in a task after
/// this one), moves the keyboard focus to the element with test id `testid`, first scrolling
/// it to the top of the window when `to_top`. (A button that switches screens disappears with
/// its screen; without this the focus would fall back to the page.)
pub fn focus_soon(testid: &'static str, to_top: bool) {
    use wasm_bindgen::JsCast;
    gloo::timers::callback::Timeout::new(0, move || {
        let selector = format!("[data-testid=\"{testid}\"]");
        let Some(element) =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(&selector).ok().flatten())
        else {
            return;
        };
        if to_top {
            element.scroll_into_view();
        }
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    })
    .forget();
}

/// Asks the browser to show the page full screen (presentation), or leaves full screen.
pub fn toggle_fullscreen() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
    } else if let Some(root) = document.document_element() {
        let _ = root.request_fullscreen();
    }
}
