//! Yew components, one per file.

pub mod app;
pub mod article_panel;
pub mod classification_controls;
pub mod classification_curves;
pub mod classification_fits;
pub mod classification_lab;
pub mod classification_loss_bars;
pub mod classification_plot;
pub mod classification_points_table;
pub mod comparison_table;
pub mod curve_panel;
pub mod data_tools;
pub mod fit_announcer;
pub mod formulas;
pub mod header;
pub mod influence_panel;
pub mod loss_picker;
pub mod notice_banner;
pub mod perf_readout;
pub mod preset_bar;
pub mod regression_lab;
pub mod scatter_plot;
pub mod softmax_panel;
