#![deny(missing_docs)]
//! LossLab's pure core: numerics (losses, derivatives, fits, landscapes) and input/output
//! formats (URL hash, CSV). No dependency on yew, web-sys, wasm-bindgen, gloo or plotters.

pub mod io;
pub mod numerics;
