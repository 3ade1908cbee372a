//! The numerics core of LossLab: losses, derivatives, fits, landscapes and descent steps.
//!
//! Invariant: nothing in this module tree depends on yew, web-sys, wasm-bindgen, gloo or
//! plotters (a test in `tests/architecture.rs` enforces it). It is plain Rust on `f64`,
//! compiled natively for tests and benchmarks and to wasm for the app.
//!
//! Conventions (shared with `../shared/reference/regression_fits.json`):
//! a regression line predicts `ŷ = w·x + b`, its residual is `r = y − ŷ`, and every fit
//! minimises the MEAN loss `L(w, b) = (1/n) Σᵢ ρ(rᵢ)`.

pub mod article;
pub mod classification;
pub mod error;
pub mod points;
pub mod regression;
