//! Import and export: CSV in (file picker or a file dropped on a plot, for either lab), and
//! for the regression lab CSV and PNG out and "Copy as Python". The helpers here are shared
//! with the classification lab's tools.

use crate::state::classification::{ClassificationAction, LabeledSet};
use crate::state::regression::{Dataset, RegressionAction};
use crate::state::{Action, Notice};
use losslab_core::io::csv::{parse_points, ColumnKind};
use losslab_core::numerics::classification::LabeledPoints;
use losslab_core::numerics::points::Points;
use losslab_core::numerics::regression::{AllFits, LossParams};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The lab's latest points, fits and δ, τ, which the export buttons read when clicked (so
/// their markup need not change, nor be diffed, on every frame of a drag).
pub type LatestData = Rc<std::cell::RefCell<(Rc<Points>, Rc<AllFits>, LossParams)>>;

/// Arguments of [`data_tools`].
pub struct DataToolsProps {
    /// The points, fits and parameters the exports use.
    pub latest: LatestData,
    /// Where actions and messages go.
    pub dispatch: Callback<Action>,
    /// Draws the scatter plot as a PNG: its `data:` URL and a file name.
    pub on_png: Callback<(), Result<(String, String), String>>,
    /// The hidden file input that "Import CSV" opens (the caller's `use_node_ref`).
    pub file_input: NodeRef,
}

/// Reads a user's CSV file and loads its points into the lab that `kind` belongs to (`XY`:
/// regression, `XLabel`: classification), reporting what was read and skipped. Nothing loaded
/// (an empty, binary or oversized file, or one the parser refuses because most of its rows
/// could not be read) keeps the current points and says why.
/// `dropped` is how many files were dropped or pasted with it (1 for a picked file): only
/// the first is read, and the note says so.
pub fn import_file(file: web_sys::File, kind: ColumnKind, dispatch: Callback<Action>, dropped: u32) {
    wasm_bindgen_futures::spawn_local(async move {
        let name = file.name();
        let (load, mut notice) = match crate::browser::read_file(&file).await {
            Err(problem) => {
                let text = format!("“{name}” was not loaded: {}.", problem.trim_end_matches('.'));
                (None, Notice { text, is_error: true })
            }
            Ok(bytes) => import_bytes(&name, &bytes, kind),
        };
        if dropped > 1 {
            notice.text = format!("{} Only this first of the {dropped} files was read.", notice.text);
        }
        dispatch.emit(imported(load, notice, false));
    });
}

/// Loads text that is not a file (cells copied from a spreadsheet and pasted, or text dropped
/// on a plot) like an imported file named `name`, and says what was read. (No size check as
/// for files: the text is in memory already, and the parser's few passes are each linear.)
pub fn import_text(text: &str, name: &str, kind: ColumnKind, dispatch: &Callback<Action>) {
    let (load, mut notice) = import_bytes(name, text.as_bytes(), kind);
    // The report's words are a file's ("The file holds no data rows"); this was text. A paste
    // can land by accident (Ctrl+V meant for another window): the report says the way back
    // (`undo_hint`; the reducer adds it when the text changed the points).
    notice.text = notice.text.replace("The file ", "The text ").replace("the file ", "the text ");
    dispatch.emit(imported(load, notice, true));
}

/// The action for an import: the load with its report (and, when `undo_hint`, the way back
/// if it changes the points), or the report alone.
fn imported(load: Option<Action>, notice: Notice, undo_hint: bool) -> Action {
    match load {
        Some(load) => Action::Import(Box::new(load), notice, undo_hint),
        None => Action::Notify(notice),
    }
}

/// Parses `bytes` as CSV: the action loading the points it holds into the lab (none when
/// nothing could be read) and the report for the user.
fn import_bytes(name: &str, bytes: &[u8], kind: ColumnKind) -> (Option<Action>, Notice) {
    let import = parse_points(bytes, kind);
    let summary = import.summary();
    let pairs = if import.report.refused { &[][..] } else { &import.points };
    match load_action(pairs, kind, name) {
        Ok(Some(action)) => {
            (Some(action), Notice { text: format!("“{name}”: {summary}"), is_error: import.report.needs_checking() })
        }
        Ok(None) => (None, Notice { text: format!("“{name}” was not loaded: {summary}"), is_error: true }),
        Err(e) => (None, Notice { text: format!("“{name}” was not loaded: {e}."), is_error: true }),
    }
}

/// The action loading imported pairs into their lab; `None` when there are no points.
fn load_action(pairs: &[(f64, f64)], kind: ColumnKind, name: &str) -> Result<Option<Action>, String> {
    if pairs.is_empty() {
        return Ok(None);
    }
    Ok(Some(match kind {
        ColumnKind::XY => {
            let points = Points::from_pairs(pairs).map_err(|e| e.to_string())?;
            Action::Regression(RegressionAction::Load(Dataset {
                points: Rc::new(points),
                holdout: None,
                label: name.into(),
            }))
        }
        ColumnKind::XLabel => {
            // The parser guarantees labels are exactly 0 or 1.
            let labeled: Vec<(f64, bool)> = pairs.iter().map(|&(x, label)| (x, label == 1.0)).collect();
            let points = LabeledPoints::from_pairs(&labeled).map_err(|e| e.to_string())?;
            Action::Classification(ClassificationAction::Load(LabeledSet {
                points: Rc::new(points),
                label: name.into(),
            }))
        }
    }))
}

/// Offers `text` as a CSV download, reporting a failure.
pub fn save_csv(filename: &str, text: &str, dispatch: &Callback<Action>) {
    if let Err(e) = crate::browser::download(filename, "text/csv", text.as_bytes()) {
        dispatch.emit(Action::Notify(Notice { text: format!("The CSV could not be saved: {e}."), is_error: true }));
    }
}

/// Fetches the Python template at `template_url`, fills it (`fill`: the data as they were at
/// the click), copies the script to the clipboard and says whether it worked. (`fill` is boxed:
/// generic, the whole fetch-and-copy task was compiled once per lab.)
pub fn copy_python(template_url: &'static str, fill: Box<dyn FnOnce(&str) -> String>, dispatch: Callback<Action>) {
    wasm_bindgen_futures::spawn_local(async move {
        let script = match crate::browser::fetch_text(template_url).await {
            Ok(template) => fill(&template),
            Err(e) => {
                let text = format!("The Python code could not be made: {e} (offline before the first visit ended?).");
                dispatch.emit(Action::Notify(Notice { text, is_error: true }));
                return;
            }
        };
        let copied = crate::browser::copy_text(&script).await;
        let text = if copied {
            "Python code copied: paste it into a notebook to reproduce these fits with scikit-learn and SciPy."
        } else {
            "The browser did not allow copying; use “Save CSV” and load the file in Python instead."
        };
        dispatch.emit(Action::Notify(Notice { text: text.into(), is_error: !copied }));
    });
}

/// A hidden file input that imports what is picked into the lab `kind` belongs to.
pub fn file_input(node: NodeRef, kind: ColumnKind, dispatch: Callback<Action>) -> Html {
    let on_pick = Callback::from(move |event: Event| {
        let input: HtmlInputElement = event.target_unchecked_into();
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            import_file(file, kind, dispatch.clone(), 1);
        }
        // Clearing lets the same file be picked again after editing it.
        input.set_value("");
    });
    html! {
        <input ref={node} type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" class="visually-hidden"
            tabindex="-1" aria-hidden="true" onchange={on_pick} data-testid="csv-file-input" />
    }
}

/// Opens the file picker behind `node`.
pub fn open_picker(node: NodeRef) -> Callback<MouseEvent> {
    Callback::from(move |_: MouseEvent| {
        if let Some(input) = node.cast::<HtmlInputElement>() {
            input.click();
        }
    })
}

/// Drop handlers for a plot: a dropped file is imported like a picked one, dropped text
/// (cells dragged from a spreadsheet or a web page) like a file's text.
pub fn drop_handlers(kind: ColumnKind, dispatch: Callback<Action>) -> (Callback<DragEvent>, Callback<DragEvent>) {
    let ondragover = Callback::from(|event: DragEvent| event.prevent_default());
    let ondrop = Callback::from(move |event: DragEvent| {
        event.prevent_default();
        let files = event.data_transfer().and_then(|d| d.files());
        match files.as_ref().and_then(|files| Some((files.get(0)?, files.length()))) {
            Some((file, count)) => import_file(file, kind, dispatch.clone(), count),
            None => {
                // Cells or text dragged from another page (a spreadsheet, a table on a web page)
                // are read like a file's text; a link or an image dragged in holds no rows.
                let text = event.data_transfer().and_then(|d| d.get_data("text/plain").ok()).unwrap_or_default();
                if text.trim().is_empty() {
                    dispatch.emit(Action::Notify(Notice {
                        text: "Only a file or cells of a table can be dropped here: a CSV or text file of points."
                            .into(),
                        is_error: true,
                    }));
                } else {
                    import_text(&text, "dropped text", kind, &dispatch);
                }
            }
        }
    });
    (ondragover, ondrop)
}

/// The import/export buttons.
///
/// The callbacks read the data when clicked, so the markup can be built once (see `Frozen`).
pub fn data_tools(props: &DataToolsProps) -> Html {
    let on_csv = {
        let (latest, dispatch) = (props.latest.clone(), props.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let (points, fits, params) = &*latest.borrow();
            save_csv("losslab-points.csv", &crate::export::points_csv(points, fits, *params), &dispatch)
        })
    };
    let on_png = {
        let (render, dispatch) = (props.on_png.clone(), props.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let result = render.emit(()).and_then(|(url, name)| crate::browser::download_url(&name, &url));
            if let Err(e) = result {
                dispatch.emit(Action::Notify(Notice {
                    text: format!("The image could not be saved: {e}."),
                    is_error: true,
                }));
            }
        })
    };
    let on_python = {
        let (latest, dispatch) = (props.latest.clone(), props.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            // The data as they are now, not when the template arrives.
            let (points, _, params) = latest.borrow().clone();
            let fill = move |template: &str| crate::python_snippet::regression_snippet(template, &points, params);
            copy_python(crate::python_snippet::REGRESSION_TEMPLATE_URL, Box::new(fill), dispatch.clone());
        })
    };
    html! {
        <div class="data-tools" role="group" aria-label="Import and export">
            { file_input(props.file_input.clone(), ColumnKind::XY, props.dispatch.clone()) }
            <button type="button" onclick={open_picker(props.file_input.clone())} data-testid="import-csv"
                title="Columns x,y (header optional); separators , ; or tab. You can also drop a file on the plot, or paste cells copied from a spreadsheet (Ctrl+V).">
                { "Import CSV" }
            </button>
            <button type="button" onclick={on_csv} data-testid="export-csv">{ "Save CSV" }</button>
            <button type="button" onclick={on_png} data-testid="export-png">{ "Save PNG" }</button>
            <button type="button" onclick={on_python} data-testid="copy-python">{ "Copy as Python" }</button>
        </div>
    }
}
