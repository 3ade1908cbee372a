//! Parsing and writing the app's external formats: the URL hash and CSV files. Pure Rust, no
//! web dependency, fuzzed (see `fuzz/`).

pub mod csv;
pub mod hash;
