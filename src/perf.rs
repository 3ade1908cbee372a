//! Measuring the latency from a pointer event to the finished redraw (`#perf=1`).
//!
//! Two clocks are kept. The *update latency* runs from the moment the app receives the
//! pointer event (its handler starts) to the moment every canvas has been redrawn: the work
//! LossLab does per move, the figure the benchmark targets. The *input latency* runs from the
//! event's own timestamp instead, so it also counts the time the browser held the event before
//! dispatching it (Chrome aligns pointer moves to animation frames, which alone adds up to a
//! frame).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// How many recent samples the statistics cover.
const WINDOW: usize = 600;

/// A shared latency recorder: the pointer handler starts a measurement with the event's
/// timestamp, the lab's last effect finishes it once every canvas is drawn.
#[derive(Clone, Default)]
pub struct PerfProbe(Rc<RefCell<ProbeInner>>);

#[derive(Default)]
struct ProbeInner {
    /// (event timestamp, handler start) of the measurement in progress.
    pending: Option<(f64, f64)>,
    /// Update latencies: handler start → redraw finished.
    samples: VecDeque<f64>,
    /// Input latencies: event timestamp → redraw finished.
    input_samples: VecDeque<f64>,
}

fn push(window: &mut VecDeque<f64>, value: f64) {
    if value.is_finite() && value >= 0.0 {
        if window.len() == WINDOW {
            window.pop_front();
        }
        window.push_back(value);
    }
}

impl PartialEq for PerfProbe {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Median and 95th percentile of the recorded latencies, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PerfSummary {
    /// The median.
    pub median: f64,
    /// The 95th percentile (nearest rank).
    pub p95: f64,
    /// Number of samples.
    pub count: usize,
}

impl PerfProbe {
    /// Starts a measurement for an event stamped `event_time` (its `Event.timeStamp`), now
    /// being handled; a newer event replaces an unfinished one.
    pub fn start(&self, event_time: f64) {
        self.start_at(event_time, crate::browser::now_ms());
    }

    /// [`PerfProbe::start`] with an explicit handling time.
    fn start_at(&self, event_time: f64, handler_time: f64) {
        self.0.borrow_mut().pending = Some((event_time, handler_time));
    }

    /// Finishes the pending measurement, if any, at time `now`.
    pub fn finish(&self, now: f64) {
        let mut inner = self.0.borrow_mut();
        if let Some((event_time, handler_time)) = inner.pending.take() {
            push(&mut inner.samples, now - handler_time);
            push(&mut inner.input_samples, now - event_time);
        }
    }

    /// Update-latency statistics so far; `None` before the first sample.
    pub fn summary(&self) -> Option<PerfSummary> {
        summarize(self.0.borrow().samples.iter().copied())
    }

    /// Input-latency statistics so far; `None` before the first sample.
    pub fn input_summary(&self) -> Option<PerfSummary> {
        summarize(self.0.borrow().input_samples.iter().copied())
    }
}

/// Median and nearest-rank 95th percentile of a set of samples.
pub fn summarize(samples: impl Iterator<Item = f64>) -> Option<PerfSummary> {
    let mut sorted: Vec<f64> = samples.collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let median = if n % 2 == 1 { sorted[n / 2] } else { 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]) };
    let rank = ((0.95 * n as f64).ceil() as usize).clamp(1, n);
    Some(PerfSummary { median, p95: sorted[rank - 1], count: n })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_uses_median_and_nearest_rank_p95() {
        let s = summarize((1..=100).map(f64::from)).unwrap();
        assert_eq!((s.median, s.p95, s.count), (50.5, 95.0, 100));
        assert!(summarize(std::iter::empty()).is_none());
        let probe = PerfProbe::default();
        probe.finish(10.0);
        assert!(probe.summary().is_none(), "nothing pending, nothing recorded");
        probe.start_at(5.0, 6.0);
        probe.finish(7.5);
        assert_eq!(probe.summary().unwrap().median, 1.5);
        assert_eq!(probe.input_summary().unwrap().median, 2.5);
    }
}
