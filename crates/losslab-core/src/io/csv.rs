//! CSV import and export of points (being written).
