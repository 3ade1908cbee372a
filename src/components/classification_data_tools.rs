//! Import and export for the classification lab: CSV in (`x,label`, picked or dropped on the
//! plot), CSV out with every loss's probability and loss at each point, and "Copy as Python".

use super::classification_lab::PointRow;
use super::data_tools::{copy_python, file_input, open_picker, save_csv};
use crate::state::classification::BinaryLossKind;
use crate::state::Action;
use losslab_core::io::csv::ColumnKind;
use losslab_core::io::Shortest;
use losslab_core::numerics::classification::{FocalParams, L2Penalty, LabeledPoints};
use std::fmt::Write as _;
use std::rc::Rc;
use yew::prelude::*;

/// Arguments of [`classification_data_tools`].
pub struct ClassificationToolsProps {
    /// The points.
    pub points: Rc<LabeledPoints>,
    /// Each point with its probability and loss under every fit.
    pub rows: Rc<Vec<PointRow>>,
    /// Focal γ and α.
    pub focal: FocalParams,
    /// The L2 strength λ.
    pub l2: L2Penalty,
    /// Where actions and messages go.
    pub dispatch: Callback<Action>,
    /// The hidden file input that "Import CSV" opens.
    pub file_input: NodeRef,
}

/// The CSV export: `x,label`, then for each loss the probability of label 1 and the point's
/// loss under that loss's own fit (empty cells where the loss has no fit), then the settings
/// the fits were made with on every row: focal `gamma` and `alpha` (empty without class
/// weighting) and the L2 strength `lambda`.
pub fn rows_csv(rows: &[PointRow], focal: FocalParams, l2: L2Penalty) -> String {
    let mut out = String::from("x,label");
    for kind in BinaryLossKind::ALL {
        let _ = write!(out, ",p_{0},loss_{0}", kind.id());
    }
    out.push_str(",gamma,alpha,lambda\n");
    // Numbers as the regression CSV writes them (`Shortest`: 1e100, not 101 digits).
    let mut settings = format!(",{},", Shortest(focal.gamma()));
    if let Some(alpha) = focal.alpha() {
        let _ = write!(settings, "{}", Shortest(alpha));
    }
    let _ = write!(settings, ",{}", Shortest(l2.lambda()));
    for row in rows {
        let _ = write!(out, "{},{}", Shortest(row.x), u8::from(row.positive));
        for kind in BinaryLossKind::ALL {
            for value in [row.probability[kind.index()], row.loss[kind.index()]] {
                out.push(',');
                if let Some(v) = value {
                    let _ = write!(out, "{}", Shortest(v));
                }
            }
        }
        out.push_str(&settings);
        out.push('\n');
    }
    out
}

/// The import/export buttons of the classification lab.
pub fn classification_data_tools(props: &ClassificationToolsProps) -> Html {
    let on_csv = {
        let (rows, dispatch, focal, l2) = (props.rows.clone(), props.dispatch.clone(), props.focal, props.l2);
        Callback::from(move |_: MouseEvent| {
            save_csv("losslab-classification.csv", &rows_csv(&rows, focal, l2), &dispatch)
        })
    };
    let on_python = {
        let (points, focal, l2, dispatch) = (props.points.clone(), props.focal, props.l2, props.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let points = points.clone();
            let fill =
                move |template: &str| crate::python_snippet::classification_snippet(template, &points, focal, l2);
            copy_python(crate::python_snippet::CLASSIFICATION_TEMPLATE_URL, Box::new(fill), dispatch.clone());
        })
    };
    html! {
        <div class="data-tools" role="group" aria-label="Import and export">
            { file_input(props.file_input.clone(), ColumnKind::XLabel, props.dispatch.clone()) }
            <button type="button" onclick={open_picker(props.file_input.clone())} data-testid="import-csv"
                title="Columns x,label with labels 0 and 1, or -1 and 1 (header optional); separators , ; or tab. You can also drop a file on the plot, or paste cells copied from a spreadsheet (Ctrl+V).">
                { "Import CSV" }
            </button>
            <button type="button" onclick={on_csv} data-testid="export-csv">{ "Save CSV" }</button>
            <button type="button" onclick={on_python} data-testid="copy-python">{ "Copy as Python" }</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use losslab_core::io::csv::parse_points;

    #[test]
    fn csv_export_reads_back_as_labelled_points() {
        let rows = vec![
            PointRow {
                x: -1.5,
                positive: false,
                probability: [Some(0.1), Some(0.2), None],
                loss: [Some(0.105), Some(0.01), Some(0.0)],
                at_picked: None,
            },
            PointRow {
                x: 2.25,
                positive: true,
                probability: [Some(0.9), Some(0.8), None],
                loss: [Some(0.105), None, Some(0.5)],
                at_picked: None,
            },
        ];
        let focal = FocalParams::new(2.0, Some(0.25)).unwrap();
        let csv = rows_csv(&rows, focal, L2Penalty::new(0.5).unwrap());
        assert!(
            csv.starts_with("x,label,p_bce,loss_bce,p_focal,loss_focal,p_hinge,loss_hinge,gamma,alpha,lambda\n"),
            "{csv}"
        );
        assert!(csv.contains("\n-1.5,0,0.1,0.105,0.2,0.01,,0,2,0.25,0.5\n"), "{csv}");
        assert!(csv.ends_with("\n2.25,1,0.9,0.105,0.8,,,0.5,2,0.25,0.5\n"), "{csv}");
        let back = parse_points(csv.as_bytes(), ColumnKind::XLabel);
        assert_eq!(back.points, vec![(-1.5, 0.0), (2.25, 1.0)]);
        // Without class weighting α's cell is empty; a huge λ is written short.
        let csv = rows_csv(&rows, FocalParams::new(0.5, None).unwrap(), L2Penalty::new(1e100).unwrap());
        assert!(csv.contains("\n-1.5,0,0.1,0.105,0.2,0.01,,0,0.5,,1e100\n"), "{csv}");
    }
}
