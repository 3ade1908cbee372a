//! The user interface, one piece per file.
//!
//! Only what must be a Yew component is one: the app, each screen (`RegressionLab`,
//! `ClassificationLab`, `ArticlePanel`, shown one at a time), the pieces whose memoised props
//! spare re-renders during a drag (`LossPicker`, `ClassificationPointsTable`), `PerfReadout`
//! (shown conditionally, with state of its own) and `Frozen`, the one generic component that
//! keeps memoised markup from being rebuilt or diffed during a drag. The plots and chart panels
//! are hooks returning their markup (`use_scatter_plot`, `use_curve_panel`, …), called by their
//! lab; the other panels are functions of their arguments. Each component costs about 1.2 KB
//! of WebAssembly in Yew's machinery.

pub mod app;
pub mod article_panel;
pub mod callbacks;
pub mod classification_controls;
pub mod classification_curves;
pub mod classification_data_tools;
pub mod classification_fits;
pub mod classification_lab;
pub mod classification_loss_bars;
pub mod classification_plot;
pub mod classification_points_table;
pub mod comparison_table;
pub mod curve_panel;
pub mod data_layer;
pub mod data_tools;
pub mod drag_frozen;
pub mod fit_announcer;
pub mod formulas;
pub mod frozen;
pub mod header;
pub mod hooks;
pub mod influence_panel;
pub mod loss_picker;
pub mod markup;
pub mod notice_banner;
pub mod on_screen;
pub mod perf_readout;
pub mod pointer;
pub mod points_table;
pub mod preset_bar;
pub mod regression_lab;
pub mod scatter_plot;
pub mod shell;
pub mod softmax_panel;
