//! Markup that Yew neither rebuilds nor diffs while its inputs stay the same.
//!
//! A lab re-renders on every frame of a drag, but most of its markup (preset buttons, the
//! toolbar, the panels' frames, the formulas) does not change during one. The caller builds
//! such markup in a `use_memo` keyed on what it shows and hands the memo to [`Frozen`]; since
//! the memo hands back the same `Rc` while its inputs are unchanged, [`Frozen`]'s properties
//! compare equal and Yew skips the whole subtree. One component type serves every use, so
//! this costs Yew's per-component machinery once.

use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`Frozen`]: memoised markup, compared by identity.
#[derive(Properties)]
pub struct FrozenProps {
    /// The markup, from a `use_memo` (or another cache that hands back the same `Rc` while
    /// the markup is unchanged).
    pub html: Rc<Html>,
}

impl PartialEq for FrozenProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.html, &other.html)
    }
}

/// Renders memoised markup; re-rendered only when the memo produced new markup.
#[component]
pub fn Frozen(props: &FrozenProps) -> Html {
    (*props.html).clone()
}
