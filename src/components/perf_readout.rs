//! The latency readout shown with `#perf=1`: median and 95th percentile, in milliseconds,
//! from a pointer event to the finished redraw.

use super::hooks::{use_effect_with, use_state};
use crate::perf::PerfProbe;
use gloo::timers::callback::Interval;
use yew::prelude::*;

/// Properties of [`PerfReadout`].
#[derive(Properties, PartialEq)]
pub struct PerfReadoutProps {
    /// The recorder to read.
    pub probe: PerfProbe,
}

/// Polls the recorder twice a second and shows its statistics.
#[component]
pub fn PerfReadout(props: &PerfReadoutProps) -> Html {
    let summaries = use_state(|| (props.probe.summary(), props.probe.input_summary()));
    {
        let (summaries, probe) = (summaries.clone(), props.probe.clone());
        use_effect_with((), move |_| {
            let interval = Interval::new(500, move || summaries.set((probe.summary(), probe.input_summary())));
            move || drop(interval)
        });
    }
    let (update, input) = *summaries;
    let (median, p95, count) = update.map_or((f64::NAN, f64::NAN, 0), |s| (s.median, s.p95, s.count));
    let (input_median, input_p95) = input.map_or((f64::NAN, f64::NAN), |s| (s.median, s.p95));
    let show = |v: f64| if v.is_finite() { format!("{v:.2}") } else { "—".into() };
    html! {
        <div class="perf-readout" data-testid="perf-readout" aria-live="off">
            <span title="from the app receiving a pointer move to every canvas redrawn">{ "pointer → redraw: median " }
                <b data-testid="perf-median-ms" data-value={median.to_string()}>{ show(median) }</b>{ " ms, p95 " }
                <b data-testid="perf-p95-ms" data-value={p95.to_string()}>{ show(p95) }</b>{ " ms" }
            </span>
            <span title="from the event's timestamp: adds the time the browser held the event">{ " · from event timestamp: median " }
                <b data-testid="perf-input-median-ms" data-value={input_median.to_string()}>{ show(input_median) }</b>{ " ms, p95 " }
                <b data-testid="perf-input-p95-ms" data-value={input_p95.to_string()}>{ show(input_p95) }</b>{ " ms" }
            </span>
            <span data-testid="perf-samples" data-value={count.to_string()}>{ format!(" ({count} samples)") }</span>
        </div>
    }
}
