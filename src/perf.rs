//! Measuring the latency from a pointer event to the finished redraw (`#perf=1`).

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
    pending: Option<f64>,
    samples: VecDeque<f64>,
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
    /// Starts a measurement at `event_time` (an `Event.timeStamp`); a newer event replaces an
    /// unfinished one.
    pub fn start(&self, event_time: f64) {
        self.0.borrow_mut().pending = Some(event_time);
    }

    /// Finishes the pending measurement, if any, at time `now`.
    pub fn finish(&self, now: f64) {
        let mut inner = self.0.borrow_mut();
        if let Some(start) = inner.pending.take() {
            let latency = now - start;
            if latency.is_finite() && latency >= 0.0 {
                if inner.samples.len() == WINDOW {
                    inner.samples.pop_front();
                }
                inner.samples.push_back(latency);
            }
        }
    }

    /// The statistics so far; `None` before the first sample.
    pub fn summary(&self) -> Option<PerfSummary> {
        let inner = self.0.borrow();
        summarize(inner.samples.iter().copied())
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
        probe.start(5.0);
        probe.finish(7.5);
        assert_eq!(probe.summary().unwrap().median, 2.5);
    }
}
