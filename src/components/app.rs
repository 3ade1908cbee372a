//! The root component: owns the reducer, keeps the URL hash in sync, applies the theme and
//! global shortcuts, and shows the screen the state asks for.

use super::article_panel::ArticlePanel;
use super::classification_lab::ClassificationLab;
use super::data_tools;
use super::frozen::Frozen;
use super::header::{header, tab_testid, HeaderProps};
use super::hooks::{use_effect_with, use_mut_ref, use_state};
use super::notice_banner::{notice_banner, NoticeBannerProps};
use super::preset_bar::open_full_button;
use super::regression_lab::RegressionLab;
use super::shell::Shell;
use crate::browser;
use crate::perf::PerfProbe;
use crate::state::classification::{BinaryLossKind, ClassificationAction};
use crate::state::regression::RegressionAction;
use crate::state::{Action, Notice, SavedWork, State, ThemeChoice};
use crate::theme::{DARK, LIGHT};
use gloo::events::{EventListener, EventListenerOptions};
use losslab_core::io::csv::ColumnKind;
use losslab_core::io::hash::{format_hash, parse_hash, Mode};
use losslab_core::numerics::regression::LossKind;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, KeyboardEvent};
use yew::prelude::*;

/// The initial state: the work saved in this browser by earlier visits, with the URL hash
/// (a shared link) on top; see [`State::opened`].
fn initial_state() -> State {
    let hash = browser::read_hash();
    let link = (!hash.trim_start_matches('#').is_empty()).then(|| parse_hash(&hash));
    State::opened(&browser::load_saved_work(), link)
}

/// Global shortcuts of the lab shown: Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo; 1–6
/// (1–3 in the classification lab) pick a loss.
///
/// The digits are single-character shortcuts, so (WCAG 2.1.4) they act only where they
/// belong: while the plot or the loss panel has the focus (marked `data-loss-keys`), or
/// nothing does. A digit typed on a data-set button, a tab or a form field is left alone.
fn shortcut(event: &KeyboardEvent, mode: Mode, notice_shown: bool) -> Option<Action> {
    let target = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let digits_here = target.is_none_or(|e| match e.tag_name().as_str() {
        "BODY" | "HTML" => true,
        "SELECT" | "TEXTAREA" => false,
        // The main area itself (after "Skip to the lab") counts as nothing focused.
        "MAIN" => true,
        // Sliders and radios take no typed digits. Not checkboxes: a loss's "show" box is
        // disabled when its loss is picked, which would drop the focus to the page's start.
        "INPUT" if !matches!(e.get_attribute("type").as_deref(), Some("range" | "radio")) => false,
        _ => e.closest("[data-loss-keys]").ok().flatten().is_some(),
    });
    let key = event.key();
    // Escape dismisses a message, unless something on the page used it (a plot clearing its
    // selection, "Place…" cancelled) or an input method is composing: the × button can be
    // many Tab stops away. Without a message it is left to the browser.
    if key == "Escape" {
        let ours = notice_shown && !event.default_prevented() && !event.is_composing();
        return ours.then_some(Action::DismissNotice);
    }
    let (undo, redo) = match mode {
        Mode::Regression => (Action::Regression(RegressionAction::Undo), Action::Regression(RegressionAction::Redo)),
        Mode::Classification => {
            (Action::Classification(ClassificationAction::Undo), Action::Classification(ClassificationAction::Redo))
        }
        Mode::Article => return None,
    };
    if event.ctrl_key() || event.meta_key() {
        return match key.as_str() {
            "z" | "Z" if event.shift_key() => Some(redo),
            "z" | "Z" => Some(undo),
            "y" | "Y" => Some(redo),
            _ => None,
        };
    }
    if !digits_here || event.alt_key() {
        return None;
    }
    let digit = key.parse::<usize>().ok().filter(|&d| d >= 1)?;
    if mode == Mode::Classification {
        let kind = BinaryLossKind::ALL.get(digit - 1)?;
        return Some(Action::Classification(ClassificationAction::Pick(*kind)));
    }
    let kind = LossKind::ALL.get(digit - 1)?;
    Some(Action::Regression(RegressionAction::Pick(*kind)))
}

/// Loads cells pasted with Ctrl+V (copied from a spreadsheet or a table on a web page, which
/// the clipboard holds as tab-separated text) into the lab shown, as an imported CSV would be;
/// without text, a file pasted from a file manager is imported. A paste into a text field
/// stays the field's.
fn paste_data(event: &web_sys::ClipboardEvent, mode: Mode, dispatch: &UseReducerDispatcher<State>) {
    let target = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
    let into_text_field = target.is_some_and(|e| {
        e.is_content_editable()
            || match e.tag_name().as_str() {
                "TEXTAREA" => true,
                "INPUT" => !matches!(
                    e.get_attribute("type").as_deref(),
                    Some("range" | "radio" | "checkbox" | "button" | "submit" | "reset" | "file" | "color")
                ),
                _ => false,
            }
    });
    if into_text_field || event.default_prevented() {
        return;
    }
    let Some(data) = event.clipboard_data() else { return };
    event.prevent_default();
    let callback = {
        let dispatch = dispatch.clone();
        Callback::from(move |action: Action| dispatch.dispatch(action))
    };
    let kind = match mode {
        Mode::Regression => ColumnKind::XY,
        Mode::Classification => ColumnKind::XLabel,
        Mode::Article => {
            let text = "Pasted data go into a lab: open the regression or classification lab, then paste again.";
            callback.emit(Action::Notify(Notice { text: text.into(), is_error: false }));
            return;
        }
    };
    // The text first: a spreadsheet puts a picture of the copied cells on the clipboard
    // beside their text, which browsers offer as a pasted file.
    let text = data.get_data("text/plain").unwrap_or_default();
    if !text.trim().is_empty() {
        return data_tools::import_text(&text, "pasted cells", kind, &callback);
    }
    match data.files().and_then(|files| Some((files.get(0)?, files.length()))) {
        Some((file, count)) => data_tools::import_file(file, kind, callback, count),
        None => {
            let text = "Nothing to paste: copy cells of a table (columns x and y, or x and label) first.";
            callback.emit(Action::Notify(Notice { text: text.into(), is_error: true }));
        }
    }
}

/// Links longer than this (characters) get a word of warning when copied.
const LONG_LINK: usize = 8000;

/// The application.
#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let probe = use_memo((), |_| PerfProbe::default());
    let layout_epoch = use_state(|| 0u32);
    let ready = use_state(|| false);

    // Asking the browser is a call into JavaScript: once per theme choice or window resize,
    // not on every render of a drag.
    let prefers_dark =
        *use_memo((state.theme, *layout_epoch), |_| browser::media_matches("(prefers-color-scheme: dark)"));
    let dark = match state.theme {
        ThemeChoice::Auto => prefers_dark,
        ThemeChoice::Light => false,
        ThemeChoice::Dark => true,
    };
    let palette = if dark { DARK } else { LIGHT };
    // Chart text and strokes follow the reader's type size: the root's font size over the
    // size the charts are drawn for (15 px; presenting, 20 px), from 1 to 2. A browser set to
    // a larger default font gets larger tick labels too, not only larger page text.
    // Presenting, lines and chart text are 1.35 times thicker and larger; from 1600 px wide (a
    // 1920 × 1080 projector, where they measured 13 – 14 px) 1.7 times, as the table's type
    // grows there too (style.css).
    let zoom = *use_memo((state.present, *layout_epoch), |&(present, _)| {
        let type_scale =
            browser::root_font_px().map_or(1.0, |px| (px / if present { 20.0 } else { 15.0 }).clamp(1.0, 2.0));
        let presenting = match present {
            false => 1.0,
            true if browser::media_matches("(min-width: 1600px)") => 1.7,
            true => 1.35,
        };
        presenting * type_scale
    });

    // Presentation and embedding change the layout (type size, chart heights) without resizing
    // the window, and this effect runs after the canvases have measured themselves: a new
    // layout epoch makes them measure (and map the pointer) again, as a window resize does.
    let laid_out = use_mut_ref(|| (false, false));
    {
        let layout_epoch = layout_epoch.clone();
        use_effect_with((dark, state.present, state.embed), move |&(dark, present, embed)| {
            browser::set_root_attribute("data-theme", if dark { "dark" } else { "light" });
            browser::set_root_attribute("data-present", if present { "true" } else { "false" });
            browser::set_root_attribute("data-embed", if embed { "true" } else { "false" });
            if std::mem::replace(&mut *laid_out.borrow_mut(), (present, embed)) != (present, embed) {
                layout_epoch.set(*layout_epoch + 1);
            }
        });
    }

    // The URL hash mirrors the state (replaceState: no history entry per edit), and the same
    // text is saved in localStorage so a reload restores the work. Not during a drag: a link
    // of 2,000 points is rebuilt once, when the drag ends. A link with a bad part stays in the
    // address bar as it was typed until the state next changes, so it can be corrected there
    // (`held` is the state that link gave; `links` counts links typed into the address bar
    // while the page is open, so the effect knows when its state came from one).
    let held = use_mut_ref(|| state.notice.as_ref().is_some_and(|n| n.is_error).then(|| (*state).clone()));
    let links = use_state(|| 0u32);
    let links_seen = use_mut_ref(|| 0u32);
    // What this page last saved: later saves write only the parts that changed.
    let last_saved = use_mut_ref(|| None::<SavedWork>);
    {
        let snapshot = ((*state).clone(), *links);
        let (held, links_seen) = (held.clone(), links_seen.clone());
        use_effect_with(snapshot, move |(state, links)| {
            let from_link = std::mem::replace(&mut *links_seen.borrow_mut(), *links) != *links;
            if from_link && state.notice.as_ref().is_some_and(|n| n.is_error) {
                *held.borrow_mut() = Some(state.clone());
            }
            if held.borrow().as_ref() == Some(state) {
                return;
            }
            *held.borrow_mut() = None;
            if state.regression.drag.is_none() && state.classification.drag.is_none() {
                browser::replace_hash(&format_hash(&state.to_hash()));
                // Saved for the next visit: both labs' work, not how this page shows it. An
                // embedded copy (a course page's iframe) saves nothing, or it would replace
                // the student's own work.
                if !state.embed {
                    let work = state.saved_work();
                    browser::save_work(&work, last_saved.borrow().as_ref());
                    *last_saved.borrow_mut() = Some(work);
                }
            }
        });
    }

    // The keyboard listener below is installed once; it reads the screen shown, and whether a
    // message is, from here.
    let current_mode = use_mut_ref(|| (state.mode, false));
    *current_mode.borrow_mut() = (state.mode, state.notice.is_some());

    // Window-level listeners: resize (redraw canvases at the new size), hash edits typed into
    // the address bar, and keyboard shortcuts.
    {
        let (dispatch, layout_epoch, current_mode) = (state.dispatcher(), layout_epoch.clone(), current_mode.clone());
        let links = links.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let listeners: Vec<EventListener> = window
                .map(|window| {
                    let epoch = layout_epoch.clone();
                    let resize = EventListener::new(&window, "resize", move |_| epoch.set(*epoch + 1));
                    let hash_dispatch = dispatch.clone();
                    let hashchange = EventListener::new(&window, "hashchange", move |_| {
                        links.set(links.wrapping_add(1));
                        hash_dispatch.dispatch(Action::ApplyHash(Box::new(parse_hash(&browser::read_hash()))));
                    });
                    let key_dispatch = dispatch.clone();
                    let paste_mode = current_mode.clone();
                    // Not passive: the shortcuts call preventDefault (a passive listener cannot).
                    let options = EventListenerOptions::enable_prevent_default();
                    let keydown = EventListener::new_with_options(&window, "keydown", options, move |event| {
                        if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
                            let (mode, notice_shown) = *current_mode.borrow();
                            if let Some(action) = shortcut(event, mode, notice_shown) {
                                event.prevent_default();
                                key_dispatch.dispatch(action);
                            }
                        }
                    });
                    // A file dropped beside the plot would make the browser open it in place
                    // of the app (the plots load dropped files; their handler comes first).
                    let file_drag = |event: &Event| {
                        event
                            .dyn_ref::<DragEvent>()
                            .and_then(DragEvent::data_transfer)
                            .is_some_and(|data| data.types().includes(&wasm_bindgen::JsValue::from_str("Files"), 0))
                    };
                    let dragover = EventListener::new_with_options(&window, "dragover", options, move |event| {
                        if file_drag(event) {
                            event.prevent_default();
                        }
                    });
                    let drop_dispatch = dispatch.clone();
                    let drop = EventListener::new_with_options(&window, "drop", options, move |event| {
                        if file_drag(event) && !event.default_prevented() {
                            event.prevent_default();
                            drop_dispatch.dispatch(Action::Notify(Notice {
                                text: "To load a file, drop it on a lab's plot.".into(),
                                is_error: false,
                            }));
                        }
                    });
                    let paste_dispatch = dispatch.clone();
                    let paste = EventListener::new_with_options(&window, "paste", options, move |event| {
                        let mode = paste_mode.borrow().0;
                        if let Some(event) = event.dyn_ref::<web_sys::ClipboardEvent>() {
                            paste_data(event, mode, &paste_dispatch);
                        }
                    });
                    vec![resize, hashchange, keydown, dragover, drop, paste]
                })
                .unwrap_or_default();
            move || drop(listeners)
        });
    }

    // "app-ready" appears after the first render, once every canvas has been drawn.
    {
        let ready = ready.clone();
        use_effect_with((), move |_| ready.set(true));
    }

    // One stable callback for every child: a new callback each render would make every
    // child's properties differ and re-render them all on each pointer move.
    let dispatch = (*use_memo((), {
        let dispatcher = state.dispatcher();
        move |_| Callback::from(move |action: Action| dispatcher.dispatch(action))
    }))
    .clone();
    // The dismissed message's button disappears with it: the focus goes to the main area
    // rather than falling back to the page's start.
    let on_dismiss = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::DismissNotice);
            browser::focus_soon("main", false);
        })
    };
    // The state is read when the button is clicked, so the callback stays the same from render
    // to render (the header is frozen markup).
    let current = use_mut_ref(|| None::<UseReducerHandle<State>>);
    *current.borrow_mut() = Some(state.clone());
    // "Copy link" (`embed` false) and "Embed" (true).
    let copy_share = |embed: bool| {
        let (dispatch, current) = (dispatch.clone(), current.clone());
        Callback::from(move |_: MouseEvent| {
            let dispatch = dispatch.clone();
            let Some(state) = current.borrow().clone() else { return };
            let page = browser::page_url();
            let page = page.split('#').next().unwrap_or_default();
            let link = format!("{page}{}", format_hash(&state.shared_link()));
            let code = embed.then(|| state.embed_code(page));
            // Say it was copied only once the browser has confirmed it.
            wasm_bindgen_futures::spawn_local(async move {
                let copied = browser::copy_text(code.as_deref().unwrap_or(&link)).await;
                let mut text = match (copied, &code) {
                    (true, None) => "Link copied: it holds the points and settings; presentation mode and the colour scheme stay each reader's own.".to_string(),
                    (true, Some(_)) => "Embed code copied: paste it into a course page's HTML. The frame shows this lab with these points and settings, without the page's header, and saves nothing in a student's browser.".to_string(),
                    (false, None) => "The browser did not allow copying: copy this page's address to share it.".to_string(),
                    // The code itself, to select and copy by hand.
                    (false, Some(code)) => format!("The browser did not allow copying. The embed code: {code}"),
                };
                // Browsers open links of megabytes, but mail, chat and course tools often cut
                // those over a few thousand characters.
                if link.len() > LONG_LINK {
                    let advice = if embed { "" } else { ": for a big data set, Save CSV and share the file" };
                    text.push_str(&format!(
                        " Its link is {} characters long, which some mail, chat and course tools cut short{advice}.",
                        crate::format::grouped(link.len())
                    ));
                }
                dispatch.emit(Action::Notify(Notice { text, is_error: false }));
            });
        })
    };
    let (on_copy_link, on_copy_embed) = (copy_share(false), copy_share(true));

    // An embedded copy (a course page's iframe, often small) offers the full app in a new tab,
    // with the same state (read at the click, like the copied link's: a drag does not rebuild
    // the labs' data-set row).
    let open_full = use_callback(dispatch.clone(), move |_: MouseEvent, dispatch| {
        let Some(state) = current.borrow().clone() else { return };
        // The same link "Copy link" shares: the work, without this frame's display choices.
        let hash = state.shared_link();
        let page = browser::page_url();
        let base = page.split('#').next().unwrap_or_default();
        if !browser::open_in_new_tab(&format!("{base}{}", format_hash(&hash))) {
            // A course page's frame sandboxed without `allow-popups` blocks it without a word.
            let text =
                "This frame may not open new tabs: open LossLab from the course page's link instead.".to_string();
            dispatch.emit(Action::Notify(Notice { text, is_error: true }));
        }
    });
    let open_full = state.embed.then_some(open_full);

    let shell = Shell {
        dispatch: dispatch.clone(),
        palette,
        zoom,
        present: state.present,
        layout_epoch: *layout_epoch,
        probe: (*probe).clone(),
        perf: state.perf,
        open_full: open_full.clone(),
    };
    let screen = match state.mode {
        Mode::Regression => html! { <RegressionLab state={state.regression.clone()} {shell} /> },
        Mode::Classification => html! { <ClassificationLab state={state.classification.clone()} {shell} /> },
        Mode::Article => html! { <ArticlePanel dispatch={dispatch.clone()} /> },
    };

    // The header changes with the screen and the view settings, not while points move.
    let header_markup = use_memo((state.mode, state.present, dark), |&(mode, present, dark)| {
        header(&HeaderProps { mode, present, dark, dispatch: dispatch.clone(), on_copy_link, on_copy_embed })
    });
    let body = html! {
        <>
            if !state.embed { <Frozen html={header_markup} /> }
            { notice_banner(&NoticeBannerProps { notice: state.notice.clone(), on_dismiss }) }
            // The labs put the button in their data-set row; the article has none.
            if state.mode == Mode::Article { { open_full_button(&open_full) } }
            <main id="main" tabindex="-1" data-testid="main">
                // The tabs' panel (an embedded copy has no tabs): labelled by the current tab.
                if state.embed { { screen } } else {
                    <div role="tabpanel" id="lab-panel" aria-labelledby={tab_testid(state.mode)}>{ screen }</div>
                }
            </main>
            if !state.embed {
                <footer class="app-footer">
                    { "LossLab runs entirely in your browser. Regression fits are exact (MAE, quantile) or converged to a relative gradient of 1e-12 (Huber, log-cosh, pseudo-Huber); classification fits to a relative gradient of 1e-10 (BCE, focal) or to within about 1e-12 of the minimum (hinge)." }
                </footer>
            }
        </>
    };
    // One literal class per case (see `markup`: a class that is not a literal costs code).
    let testid = ready.then_some("app-ready");
    if state.embed {
        html! { <div class="app embedded" data-testid={testid}>{ body }</div> }
    } else {
        html! { <div class="app" data-testid={testid}>{ body }</div> }
    }
}
