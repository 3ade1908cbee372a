//! LossLab: an interactive lab for understanding loss functions, compiled to WebAssembly.

mod allocator;
mod article_data;
mod batch_canvas;
mod browser;
mod canvas;
mod charts;
mod coalesce;
mod components;
mod export;
mod format;
mod perf;
mod presets;
mod python_snippet;
mod state;
mod theme;
mod view_box;
#[cfg(all(test, target_arch = "wasm32"))]
mod wasm_tests;

/// A smaller allocator than the standard library's (see `allocator`).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: allocator::SizeClasses = allocator::SizeClasses::new();

fn main() {
    yew::Renderer::<components::app::App>::new().render();
}
