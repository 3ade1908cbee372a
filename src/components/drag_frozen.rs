//! Values that need not follow every frame of a drag.

use super::hooks::use_mut_ref;
use yew::prelude::*;

/// `compute()`'s value, recomputed only while no drag is in progress; during a drag the value
/// from before it is returned. For texts only read once the pointer stops (the plots'
/// descriptions for screen readers): rebuilding and re-applying them on every pointer move
/// would be work on the hot path for nothing.
#[hook]
pub fn use_frozen_during_drag<T: Clone + 'static>(dragging: bool, compute: impl FnOnce() -> T) -> T {
    let kept = use_mut_ref(|| None::<T>);
    let mut kept = kept.borrow_mut();
    match &*kept {
        Some(value) if dragging => value.clone(),
        _ => {
            let value = compute();
            *kept = Some(value.clone());
            value
        }
    }
}
