//! What the app hands each lab besides the lab's own state.

use crate::perf::PerfProbe;
use crate::state::Action;
use crate::theme::Palette;
use web_sys::MouseEvent;
use yew::Callback;

/// The app's services and view settings, shared by both labs.
#[derive(Clone, PartialEq)]
pub struct Shell {
    /// Where actions go.
    pub dispatch: Callback<Action>,
    /// Colours.
    pub palette: Palette,
    /// Presentation zoom of the charts.
    pub zoom: f64,
    /// Presentation mode (secondary panels folded).
    pub present: bool,
    /// Changes on window resize.
    pub layout_epoch: u32,
    /// Latency recorder.
    pub probe: PerfProbe,
    /// Show the latency readout.
    pub perf: bool,
    /// In an embedded copy: open the full app with the same state in a new tab (the same
    /// callback from render to render, so memoised markup may hold it).
    pub open_full: Option<Callback<MouseEvent>>,
}
