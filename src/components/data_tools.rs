//! Import and export for the regression lab: CSV in (file picker), CSV and PNG out, and
//! "Copy as Python".

use crate::state::regression::{Dataset, RegressionAction};
use crate::state::{Action, Notice};
use losslab_core::io::csv::{parse_points, ColumnKind};
use losslab_core::numerics::points::Points;
use losslab_core::numerics::regression::{AllFits, LossParams};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Arguments of [`data_tools`].
pub struct DataToolsProps {
    /// The points.
    pub points: Rc<Points>,
    /// Every loss's fit.
    pub fits: Rc<AllFits>,
    /// δ and τ.
    pub params: LossParams,
    /// Where actions and messages go.
    pub dispatch: Callback<Action>,
    /// Draws the scatter plot as a PNG `data:` URL.
    pub on_png: Callback<(), Result<String, String>>,
    /// The hidden file input that "Import CSV" opens (the caller's `use_node_ref`).
    pub file_input: NodeRef,
}

/// Reads a user's CSV file and loads its points, reporting what was read and skipped. Nothing
/// loaded (an empty, binary or oversized file) keeps the current points and says why.
pub fn import_file(file: web_sys::File, dispatch: Callback<Action>) {
    wasm_bindgen_futures::spawn_local(async move {
        let name = file.name();
        let notice = match crate::browser::read_file(&file).await {
            Err(problem) => Notice { text: format!("“{name}” was not loaded: {problem}."), is_error: true },
            Ok(bytes) => {
                let import = parse_points(&bytes, ColumnKind::XY);
                let summary = import.summary();
                match Points::from_pairs(&import.points) {
                    Ok(points) if !points.is_empty() => {
                        let data = Dataset { points: Rc::new(points), holdout: None, label: name.clone().into() };
                        dispatch.emit(Action::Regression(RegressionAction::Load(data)));
                        Notice { text: format!("“{name}”: {summary}"), is_error: import.report.rows_skipped > 0 }
                    }
                    Ok(_) => Notice { text: format!("“{name}” was not loaded: {summary}"), is_error: true },
                    Err(e) => Notice { text: format!("“{name}” was not loaded: {e}."), is_error: true },
                }
            }
        };
        dispatch.emit(Action::Notify(notice));
    });
}

/// The import/export buttons.
///
/// A function, not a component: its points and fits change on every frame of a drag, so
/// memoising it as a component would buy nothing (and each component costs about 1.2 KB of
/// WebAssembly in Yew's machinery).
pub fn data_tools(props: &DataToolsProps) -> Html {
    let file_input = props.file_input.clone();
    let on_pick = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                import_file(file, dispatch.clone());
            }
            // Clearing lets the same file be picked again after editing it.
            input.set_value("");
        })
    };
    let open_picker = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_csv = {
        let (points, fits, dispatch) = (props.points.clone(), props.fits.clone(), props.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let text = crate::export::points_csv(&points, &fits);
            if let Err(e) = crate::browser::download("losslab-points.csv", "text/csv", text.as_bytes()) {
                dispatch.emit(Action::Notify(Notice { text: format!("The CSV could not be saved: {e}."), is_error: true }));
            }
        })
    };
    let on_png = {
        let (render, dispatch) = (props.on_png.clone(), props.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let result = render.emit(()).and_then(|url| crate::browser::download_url("losslab-plot.png", &url));
            if let Err(e) = result {
                dispatch.emit(Action::Notify(Notice { text: format!("The image could not be saved: {e}."), is_error: true }));
            }
        })
    };
    let on_python = {
        let (points, params, dispatch) = (props.points.clone(), props.params, props.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let snippet = crate::python_snippet::regression_snippet(&points, params);
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let copied = crate::browser::copy_text(&snippet).await;
                let text = if copied {
                    "Python code copied: paste it into a notebook to reproduce these fits with scikit-learn and SciPy."
                } else {
                    "The browser did not allow copying; use “Save CSV” and load the file in Python instead."
                };
                dispatch.emit(Action::Notify(Notice { text: text.into(), is_error: !copied }));
            });
        })
    };
    html! {
        <div class="data-tools" role="group" aria-label="Import and export">
            <input ref={file_input} type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" class="visually-hidden"
                tabindex="-1" aria-hidden="true" onchange={on_pick} data-testid="csv-file-input" />
            <button type="button" onclick={open_picker} data-testid="import-csv"
                title="Columns x,y (header optional); separators , ; or tab. You can also drop a file on the plot.">
                { "Import CSV" }
            </button>
            <button type="button" onclick={on_csv} data-testid="export-csv">{ "Save CSV" }</button>
            <button type="button" onclick={on_png} data-testid="export-png">{ "Save PNG" }</button>
            <button type="button" onclick={on_python} data-testid="copy-python">{ "Copy as Python" }</button>
        </div>
    }
}
