//! The page header: name, screen tabs, and the view controls.

use super::callbacks::send;
use crate::state::{Action, ThemeChoice};
use losslab_core::io::hash::Mode;
use yew::prelude::*;

/// Arguments of [`header`].
pub struct HeaderProps {
    /// The screen shown.
    pub mode: Mode,
    /// Presentation mode.
    pub present: bool,
    /// Whether the dark palette is in use (for the toggle's label).
    pub dark: bool,
    /// Where changes go.
    pub dispatch: Callback<Action>,
    /// Copy the link to this state.
    pub on_copy_link: Callback<MouseEvent>,
    /// Copy HTML that embeds this state in a course page.
    pub on_copy_embed: Callback<MouseEvent>,
}

/// The logo: a loss curve's bowl with a point resting at its minimum (inline SVG text, like the
/// favicon; a glyph such as "◠" read as a loading spinner).
const LOGO: &str = r##"<svg class="logo" aria-hidden="true" viewBox="0 0 32 32" width="28" height="28"><rect width="32" height="32" rx="6" fill="#1d4ed8"/><path d="M5 7 C10 31, 22 31, 27 7" stroke="#fff" stroke-width="3" fill="none"/><circle cx="16" cy="19" r="3.2" fill="#fbbf24"/></svg>"##;

/// The header bar.
///
/// A function, not a component: the app passes it a new callback on every render, so memoising it
/// as a component would buy nothing (and each component costs about 1.2 KB of WebAssembly in Yew's
/// machinery).
pub fn header(props: &HeaderProps) -> Html {
    let tab = |mode: Mode, label: &'static str| {
        let current = props.mode == mode;
        let onclick = send::<MouseEvent, _>(&props.dispatch, Action::SetMode(mode));
        let testid = tab_testid(mode);
        // One literal class per case (see `markup`: a class that is not a literal costs code).
        // The tab pattern: only the current tab is a Tab stop; the arrows move between tabs.
        if current {
            html! { <button type="button" role="tab" id={testid} class="tab current" aria-selected="true" aria-controls="lab-panel" tabindex="0" {onclick} data-testid={testid}>{ label }</button> }
        } else {
            html! { <button type="button" role="tab" id={testid} class="tab" aria-selected="false" aria-controls="lab-panel" tabindex="-1" {onclick} data-testid={testid}>{ label }</button> }
        }
    };
    let on_tab_key = {
        let (dispatch, mode) = (props.dispatch.clone(), props.mode);
        Callback::from(move |event: KeyboardEvent| {
            // Alt+← is the browser's Back; modified arrows are left to the browser.
            if event.alt_key() || event.ctrl_key() || event.meta_key() {
                return;
            }
            if let Some(next) = tab_key(&event.key(), mode) {
                event.prevent_default();
                dispatch.emit(Action::SetMode(next));
                crate::browser::focus_soon(tab_testid(next), false);
            }
        })
    };
    let present = props.present;
    let on_present = send::<MouseEvent, _>(&props.dispatch, Action::SetPresent(!present));
    let next_theme = if props.dark { ThemeChoice::Light } else { ThemeChoice::Dark };
    let on_theme = send::<MouseEvent, _>(&props.dispatch, Action::SetTheme(next_theme));
    let on_copy = props.on_copy_link.clone();
    // A skip link for keyboard users: a button, not `href="#main"`, which would replace the
    // state in the URL hash. Visually hidden until focused.
    let on_skip = Callback::from(|_: MouseEvent| crate::browser::focus_soon("main", true));
    html! {
        <header class="app-header">
            <button type="button" class="skip-link" onclick={on_skip} data-testid="skip-link">{ "Skip to the lab" }</button>
            <div class="brand">
                { Html::from_html_unchecked(AttrValue::Static(LOGO)) }
                <h1>{ "LossLab" }</h1>
                <span class="tagline">{ "drag the points, watch the losses react" }</span>
            </div>
            <nav role="tablist" aria-label="Labs" onkeydown={on_tab_key}>
                { tab(Mode::Regression, "Regression") }
                { tab(Mode::Classification, "Classification") }
                { tab(Mode::Article, "From the article") }
            </nav>
            <div class="view-controls">
                <button type="button" onclick={on_copy} data-testid="copy-link">{ "Copy link" }</button>
                // Preparing a course page, not presenting (at 1024 px it took the header a second row).
                if !present {
                    <button type="button" onclick={props.on_copy_embed.clone()} data-testid="copy-embed"
                        title="Copy HTML that shows this lab, as it is now, in a course page">{ "Embed" }</button>
                }
                <button type="button" onclick={on_present} aria-pressed={present.to_string()} data-testid="present-toggle">
                    { "Present" }
                </button>
                if present {
                    <button type="button" onclick={Callback::from(|_: MouseEvent| crate::browser::toggle_fullscreen())}
                        data-testid="fullscreen">{ "Full screen" }</button>
                }
                <button type="button" onclick={on_theme} data-testid="theme-toggle"
                    aria-label={if props.dark { "Switch to light colours" } else { "Switch to dark colours" }}>
                    { if props.dark { "Light" } else { "Dark" } }
                </button>
            </div>
        </header>
    }
}

/// The screens in tab order.
const TABS: [Mode; 3] = [Mode::Regression, Mode::Classification, Mode::Article];

/// The tab a key moves to from `mode`'s tab: ←/→ the previous/next (wrapping), Home/End the
/// first/last.
fn tab_key(key: &str, mode: Mode) -> Option<Mode> {
    let at = TABS.iter().position(|&m| m == mode)?;
    let n = TABS.len();
    let next = match key {
        "ArrowRight" | "ArrowDown" => (at + 1) % n,
        "ArrowLeft" | "ArrowUp" => (at + n - 1) % n,
        "Home" => 0,
        "End" => n - 1,
        _ => return None,
    };
    Some(TABS[next])
}

/// The test id of `mode`'s tab (a literal: the focus helper takes a static id).
pub(crate) fn tab_testid(mode: Mode) -> &'static str {
    match mode {
        Mode::Regression => "tab-regression",
        Mode::Classification => "tab-classification",
        Mode::Article => "tab-article",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_walk_the_tabs_and_wrap() {
        assert_eq!(tab_key("ArrowRight", Mode::Regression), Some(Mode::Classification));
        assert_eq!(tab_key("ArrowRight", Mode::Article), Some(Mode::Regression));
        assert_eq!(tab_key("ArrowLeft", Mode::Regression), Some(Mode::Article));
        assert_eq!(tab_key("End", Mode::Regression), Some(Mode::Article));
        assert_eq!(tab_key("Home", Mode::Article), Some(Mode::Regression));
        assert_eq!(tab_key("a", Mode::Article), None);
        for mode in TABS {
            assert_eq!(tab_testid(mode), format!("tab-{}", mode.id()));
        }
    }
}
