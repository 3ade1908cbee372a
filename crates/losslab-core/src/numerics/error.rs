//! Errors raised where input enters the numerics core.
//!
//! The core validates parameters and data once, at its boundary (`Points::new`,
//! `LossParams::new`, ...). Functions that receive the validated types trust them and
//! never re-check, so a hot loop carries no validation cost.

use crate::io::Shortest;
use std::fmt;

/// Largest coordinate magnitude the core accepts.
///
/// Squares of residuals of data bounded by `1e100` stay far below `f64::MAX` (≈ 1.8e308),
/// even summed over millions of points, so every mean loss the core reports is finite.
pub const MAX_ABS_COORDINATE: f64 = 1e100;

/// Why a piece of input was refused. Each variant renders as a sentence a student can read.
#[derive(Debug, Clone, PartialEq)]
pub enum InputError {
    /// A coordinate or value is NaN or ±∞.
    NotFinite {
        /// Which coordinate: "x", "y", "label"…
        what: &'static str,
        /// Zero-based index of the point.
        index: usize,
    },
    /// A coordinate's magnitude exceeds [`MAX_ABS_COORDINATE`].
    TooLarge {
        /// Which coordinate.
        what: &'static str,
        /// Zero-based index of the point.
        index: usize,
        /// The refused value.
        value: f64,
    },
    /// The x and y (or x and label) columns have different lengths.
    LengthMismatch {
        /// Length of the first column.
        xs: usize,
        /// Length of the second column.
        ys: usize,
    },
    /// A loss parameter is outside its valid range, e.g. δ ≤ 0 or τ ∉ (0, 1).
    BadParameter {
        /// The parameter's symbol or name.
        name: &'static str,
        /// The refused value.
        value: f64,
        /// The valid range, as a phrase ("a finite number > 0").
        expected: &'static str,
    },
    /// A class label is outside the allowed set.
    BadLabel {
        /// Zero-based index of the point.
        index: usize,
        /// The refused label.
        label: f64,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::NotFinite { what, index } => {
                write!(f, "{what} of point {} is not a finite number", index + 1)
            }
            InputError::TooLarge { what, index, value } => {
                write!(f, "{what} of point {} is {value:e}; values must lie within ±{MAX_ABS_COORDINATE:e}", index + 1)
            }
            InputError::LengthMismatch { xs, ys } => {
                write!(f, "{xs} x values but {ys} y values")
            }
            InputError::BadParameter { name, value, expected } => {
                write!(f, "{name} = {} is not allowed: {name} must be {expected}", Shortest(*value))
            }
            InputError::BadLabel { index, label } => {
                write!(f, "label of point {} is {}; labels must be 0 or 1", index + 1, Shortest(*label))
            }
        }
    }
}

impl std::error::Error for InputError {}

/// Checks that `value` is finite and within [`MAX_ABS_COORDINATE`].
pub(crate) fn check_coordinate(what: &'static str, index: usize, value: f64) -> Result<(), InputError> {
    if !value.is_finite() {
        return Err(InputError::NotFinite { what, index });
    }
    if value.abs() > MAX_ABS_COORDINATE {
        return Err(InputError::TooLarge { what, index, value });
    }
    Ok(())
}
