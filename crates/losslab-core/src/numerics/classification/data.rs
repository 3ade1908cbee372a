//! Validated classification data on one feature: binary labels ([`LabeledPoints`]) and three
//! classes ([`ClassPoints`]).
//!
//! Invariant of both types: as many labels as x values, every x finite with magnitude at most
//! [`MAX_ABS_COORDINATE`](crate::numerics::error::MAX_ABS_COORDINATE), every label in its
//! allowed set. Functions that take them rely on it and do not re-check.

use crate::numerics::error::{check_coordinate, InputError};

/// The number of classes of [`ClassPoints`] and of the softmax regression.
pub const CLASS_COUNT: usize = 3;

/// Points `(xᵢ, yᵢ)` with one feature `xᵢ` and a binary label `yᵢ ∈ {0, 1}` (stored as
/// `true` for label 1).
///
/// `Eq` holds because every x is finite (no NaN); it lets `Rc<LabeledPoints>` compare by
/// pointer first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabeledPoints {
    xs: Vec<f64>,
    labels: Vec<bool>,
}

// Every x is finite (checked on construction), so `==` is reflexive.
impl Eq for LabeledPoints {}

impl LabeledPoints {
    /// Validates the x column and the label column (each label exactly 0 or 1, as read from a
    /// CSV file).
    ///
    /// Errors: [`InputError::LengthMismatch`], [`InputError::NotFinite`] /
    /// [`InputError::TooLarge`] for an x, [`InputError::BadLabel`] for a label that is not
    /// 0 or 1 (NaN included).
    pub fn new(xs: &[f64], labels: &[f64]) -> Result<Self, InputError> {
        if xs.len() != labels.len() {
            return Err(InputError::LengthMismatch { xs: xs.len(), ys: labels.len() });
        }
        let mut checked = Vec::with_capacity(labels.len());
        for (i, (&x, &label)) in xs.iter().zip(labels).enumerate() {
            check_coordinate("x", i, x)?;
            checked.push(binary_label(i, label)?);
        }
        Ok(LabeledPoints { xs: xs.to_vec(), labels: checked })
    }

    /// Builds from `(x, label is 1)` pairs, validating the x values.
    pub fn from_pairs(pairs: &[(f64, bool)]) -> Result<Self, InputError> {
        for (i, &(x, _)) in pairs.iter().enumerate() {
            check_coordinate("x", i, x)?;
        }
        Ok(LabeledPoints { xs: pairs.iter().map(|p| p.0).collect(), labels: pairs.iter().map(|p| p.1).collect() })
    }

    /// Number of points n.
    pub fn len(&self) -> usize {
        self.xs.len()
    }

    /// Whether there are no points.
    pub fn is_empty(&self) -> bool {
        self.xs.is_empty()
    }

    /// The x column.
    pub fn xs(&self) -> &[f64] {
        &self.xs
    }

    /// The labels, `true` for label 1.
    pub fn labels(&self) -> &[bool] {
        &self.labels
    }

    /// Number of points with label 1.
    pub fn positives(&self) -> usize {
        self.labels.iter().filter(|&&y| y).count()
    }

    /// Iterates over the points as `(x, label is 1)`.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (f64, bool)> + '_ {
        self.xs.iter().copied().zip(self.labels.iter().copied())
    }

    /// A copy with point `i` moved to `x` and given `label`; errors if `x` is invalid or `i` is
    /// out of range (reported as a length mismatch of the index, as for regression points).
    pub fn with_point(&self, i: usize, x: f64, label: bool) -> Result<Self, InputError> {
        check_coordinate("x", i, x)?;
        if i >= self.len() {
            return Err(InputError::LengthMismatch { xs: i + 1, ys: self.len() });
        }
        let mut next = self.clone();
        next.xs[i] = x;
        next.labels[i] = label;
        Ok(next)
    }
}

fn binary_label(index: usize, label: f64) -> Result<bool, InputError> {
    if label == 0.0 {
        Ok(false)
    } else if label == 1.0 {
        Ok(true)
    } else {
        Err(InputError::BadLabel { index, label })
    }
}

/// Points `(xᵢ, cᵢ)` with one feature and a class `cᵢ ∈ {0, 1, 2}`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClassPoints {
    xs: Vec<f64>,
    classes: Vec<usize>,
}

impl ClassPoints {
    /// Validates the x column and the class column (each class exactly 0, 1 or 2).
    ///
    /// A bad class is reported as [`InputError::BadParameter`] named "class": the message of
    /// [`InputError::BadLabel`] says "0 or 1", which would be wrong here.
    pub fn new(xs: &[f64], classes: &[f64]) -> Result<Self, InputError> {
        if xs.len() != classes.len() {
            return Err(InputError::LengthMismatch { xs: xs.len(), ys: classes.len() });
        }
        let mut checked = Vec::with_capacity(classes.len());
        for (i, (&x, &class)) in xs.iter().zip(classes).enumerate() {
            check_coordinate("x", i, x)?;
            checked.push(class_index(class)?);
        }
        Ok(ClassPoints { xs: xs.to_vec(), classes: checked })
    }

    /// Number of points n.
    pub fn len(&self) -> usize {
        self.xs.len()
    }

    /// Whether there are no points.
    pub fn is_empty(&self) -> bool {
        self.xs.is_empty()
    }

    /// The x column.
    pub fn xs(&self) -> &[f64] {
        &self.xs
    }

    /// The classes, each `< CLASS_COUNT`.
    pub fn classes(&self) -> &[usize] {
        &self.classes
    }

    /// Iterates over the points as `(x, class)`.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (f64, usize)> + '_ {
        self.xs.iter().copied().zip(self.classes.iter().copied())
    }

    /// How many points each class has.
    pub fn class_counts(&self) -> [usize; CLASS_COUNT] {
        let mut counts = [0; CLASS_COUNT];
        for &c in &self.classes {
            counts[c] += 1;
        }
        counts
    }
}

fn class_index(class: f64) -> Result<usize, InputError> {
    if class == 0.0 {
        Ok(0)
    } else if class == 1.0 {
        Ok(1)
    } else if class == 2.0 {
        Ok(2)
    } else {
        Err(InputError::BadParameter { name: "class", value: class, expected: "0, 1 or 2" })
    }
}
