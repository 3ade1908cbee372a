//! A drop-in `use_effect_with` whose Yew machinery is compiled once.
//!
//! Yew's `use_effect_with` is generic over the dependencies and the effect's closure, so each
//! call site instantiates the hook's state, its `Effect` implementation, its `Any` downcast and
//! its drop glue anew. This one boxes the dependencies (compared through a per-type function
//! pointer) and the closure, then calls Yew's hook with one concrete type. Behaviour is Yew's:
//! the effect runs after a render whose dependencies differ (by `PartialEq`) from the last run's,
//! and the previous run's teardown runs first.

use std::any::Any;

use yew::functional::{hook, Hook};

/// The value an effect returns: nothing, or a teardown run before the next run and on unmount.
pub trait Teardown: 'static {
    /// The teardown as a boxed closure, if there is one.
    fn boxed(self) -> Option<Box<dyn FnOnce()>>;
}

impl Teardown for () {
    fn boxed(self) -> Option<Box<dyn FnOnce()>> {
        None
    }
}

impl<F: FnOnce() + 'static> Teardown for F {
    fn boxed(self) -> Option<Box<dyn FnOnce()>> {
        Some(Box::new(self))
    }
}

/// Boxed dependencies with their type's equality.
struct Deps {
    value: Box<dyn Any>,
    same: fn(&dyn Any, &dyn Any) -> bool,
}

impl PartialEq for Deps {
    fn eq(&self, other: &Self) -> bool {
        (self.same)(&*self.value, &*other.value)
    }
}

type Runner = Box<dyn FnOnce(&dyn Any) -> Option<Box<dyn FnOnce()>>>;

#[hook]
fn use_erased_effect(deps: Deps, runner: Runner) {
    yew::functional::use_effect_with(deps, move |deps| {
        let teardown = runner(&*deps.value);
        move || {
            if let Some(teardown) = teardown {
                teardown()
            }
        }
    });
}

/// Runs `f` after a render in which `deps` changed (as Yew's `use_effect_with`).
pub fn use_effect_with<T, D>(deps: T, f: impl FnOnce(&T) -> D + 'static) -> impl Hook<Output = ()>
where
    T: PartialEq + 'static,
    D: Teardown,
{
    use_erased_effect(
        Deps { value: Box::new(deps), same: |a, b| a.downcast_ref::<T>() == b.downcast_ref::<T>() },
        Box::new(move |deps: &dyn Any| deps.downcast_ref::<T>().and_then(|deps| f(deps).boxed())),
    )
}

/// Runs `f` after every render (as Yew's `use_effect`).
pub fn use_effect<D: Teardown>(f: impl FnOnce() -> D + 'static) -> impl Hook<Output = ()> {
    use_erased_effect(Deps { value: Box::new(()), same: |_, _| false }, Box::new(move |_: &dyn Any| f().boxed()))
}
