//! Drop-in `use_effect_with`, `use_effect` and `use_state` whose Yew machinery is compiled once.
//!
//! Yew's hooks are generic over the dependencies, the closures and the state's type, so each
//! call site (or each state type) instantiates the hook's state, its `Effect` or `Reducible`
//! implementation, its `Any` downcast and its drop glue anew. These box the dependencies
//! (compared through a per-type function pointer), the closures and the state's value, and call
//! Yew's hooks with one concrete type each. Behaviour is Yew's: an effect runs after a render
//! whose dependencies differ (by `PartialEq`) from the last run's, the previous run's teardown
//! first; a state handle reads the current value and each `set` re-renders.
//!
//! Not `use_memo`: erasing it was measured at +1.6 KB of compressed .wasm (its closures, inlined
//! into the components today, became separate functions).

use std::any::Any;
use std::marker::PhantomData;
use std::ops::Deref;
use std::rc::Rc;

use yew::functional::{hook, Hook, HookContext, Reducible, UseReducerHandle};

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

/// Erased state: the current value, replaced whole by each `set`.
pub struct Slot(Rc<dyn Any>);

impl Reducible for Slot {
    type Action = Rc<dyn Any>;

    fn reduce(self: Rc<Self>, value: Rc<dyn Any>) -> Rc<Self> {
        Rc::new(Slot(value))
    }
}

#[hook]
fn use_erased_state<'a>(init: Box<dyn FnOnce() -> Rc<dyn Any> + 'a>) -> UseReducerHandle<Slot> {
    yew::functional::use_reducer(move || Slot(init()))
}

/// The handle [`use_state`] returns: reads the current value (as Yew's `UseStateHandle`, also
/// from a handle kept by a listener since an earlier render) and sets a new one, re-rendering.
pub struct StateHandle<T> {
    inner: UseReducerHandle<Slot>,
    kind: PhantomData<T>,
}

impl<T> Clone for StateHandle<T> {
    fn clone(&self) -> Self {
        Self { inner: self.inner.clone(), kind: PhantomData }
    }
}

impl<T: 'static> Deref for StateHandle<T> {
    type Target = T;

    fn deref(&self) -> &T {
        // Only this handle's `set` stores values, and they are `T`s.
        self.inner.0.downcast_ref::<T>().unwrap_or_else(|| unreachable!())
    }
}

impl<T: 'static> StateHandle<T> {
    /// Replaces the value and re-renders the component (as Yew's `UseStateHandle::set`).
    pub fn set(&self, value: T) {
        self.inner.dispatch(Rc::new(value))
    }
}

/// State that re-renders its component on each `set` (as Yew's `use_state`).
pub fn use_state<'a, T: 'static>(init: impl FnOnce() -> T + 'a) -> impl Hook<Output = StateHandle<T>> + 'a {
    Typed(use_erased_state(Box::new(move || -> Rc<dyn Any> { Rc::new(init()) })), PhantomData)
}

/// The erased state's handle as its type again.
struct Typed<H, T>(H, PhantomData<T>);

impl<H: Hook<Output = UseReducerHandle<Slot>>, T> Hook for Typed<H, T> {
    type Output = StateHandle<T>;

    fn run(self, ctx: &mut HookContext) -> StateHandle<T> {
        StateHandle { inner: self.0.run(ctx), kind: PhantomData }
    }
}

/// A reference to a rendered element, the same across renders (as Yew's `use_node_ref`, built
/// on the erased [`use_state`] so that Yew's own state hook is not instantiated for it).
#[hook]
pub fn use_node_ref() -> yew::NodeRef {
    (*use_state(yew::NodeRef::default)).clone()
}

/// A mutable value kept across renders, changed without re-rendering (as Yew's
/// `use_mut_ref`, built on the erased [`use_state`]: one instance of Yew's machinery for
/// every type kept).
#[hook]
pub fn use_mut_ref<T: 'static, F: FnOnce() -> T>(init: F) -> std::rc::Rc<std::cell::RefCell<T>> {
    (*use_state(move || std::rc::Rc::new(std::cell::RefCell::new(init())))).clone()
}

#[cfg(test)]
mod tests {
    /// Every component takes these hooks from here: one left on Yew's (which `yew::prelude::*`
    /// provides silently) would bring Yew's generic hook machinery back into the binary.
    #[test]
    fn components_use_the_erased_hooks() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/components");
        let hooks = ["use_effect_with", "use_effect", "use_state", "use_mut_ref", "use_node_ref"];
        for entry in std::fs::read_dir(&dir).expect("src/components") {
            let path = entry.expect("an entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            if name == "hooks.rs" || !name.ends_with(".rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).expect("readable");
            let imported = source.lines().find(|l| l.starts_with("use super::hooks::")).unwrap_or_default();
            for hook in hooks {
                let called = source.contains(&format!(" {hook}(")) || source.contains(&format!("({hook}("));
                let listed = imported
                    .trim_start_matches("use super::hooks::")
                    .trim_matches(|c| "{};".contains(c))
                    .split(',')
                    .any(|item| item.trim() == hook);
                assert!(!called || listed, "{name} calls {hook} without importing it from hooks.rs");
            }
        }
    }
}
