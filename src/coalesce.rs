//! At most one update per animation frame from a stream of pointer moves, never stale work.
//!
//! A move that arrives when no update ran in the current frame is handled at once (lowest
//! latency). Moves arriving within the same frame only overwrite a single "latest" slot, which
//! the next animation frame hands on. So a burst of moves costs one update per frame, and the
//! update always uses the newest position.

use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::RefCell;
use std::rc::Rc;

/// A pointer sample: position in data coordinates and the event's timestamp.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    /// Data x.
    pub x: f64,
    /// Data y.
    pub y: f64,
    /// `Event.timeStamp` of the pointer event.
    pub time: f64,
}

struct Inner {
    latest: Option<Sample>,
    /// Set while an update already ran in this frame; the animation frame clears it.
    frame: Option<AnimationFrame>,
}

/// Coalesces samples and calls `deliver` at most once per animation frame.
#[derive(Clone)]
pub struct Coalescer {
    inner: Rc<RefCell<Inner>>,
    deliver: Rc<dyn Fn(Sample)>,
}

impl Coalescer {
    /// A coalescer handing samples to `deliver`.
    pub fn new(deliver: impl Fn(Sample) + 'static) -> Self {
        Coalescer { inner: Rc::new(RefCell::new(Inner { latest: None, frame: None })), deliver: Rc::new(deliver) }
    }

    /// Offers a new sample.
    pub fn push(&self, sample: Sample) {
        let busy = {
            let mut inner = self.inner.borrow_mut();
            inner.latest = Some(sample);
            inner.frame.is_some()
        };
        if !busy {
            self.run_now();
        }
    }

    /// Delivers the latest sample now and reserves the rest of this frame.
    fn run_now(&self) {
        let sample = self.inner.borrow_mut().latest.take();
        let Some(sample) = sample else { return };
        let next = self.clone();
        let frame = request_animation_frame(move |_| {
            let pending = {
                let mut inner = next.inner.borrow_mut();
                inner.frame = None;
                inner.latest.is_some()
            };
            if pending {
                next.run_now();
            }
        });
        self.inner.borrow_mut().frame = Some(frame);
        (self.deliver)(sample);
    }

    /// Delivers any sample still waiting (at the end of a gesture) and cancels the frame.
    pub fn flush(&self) {
        let sample = {
            let mut inner = self.inner.borrow_mut();
            inner.frame = None;
            inner.latest.take()
        };
        if let Some(sample) = sample {
            (self.deliver)(sample);
        }
    }
}
