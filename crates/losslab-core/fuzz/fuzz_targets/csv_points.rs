//! Fuzzes the CSV readers on arbitrary bytes: no panic, every point finite and within ±1e100,
//! at most `MAX_POINTS` of them, labels 0 or 1, report counts that add up, a bounded report,
//! and an exact write → read round trip of whatever was read. `parse_table` gets the same
//! bytes and must keep its own invariants.

#![no_main]

use libfuzzer_sys::fuzz_target;
use losslab_core::io::csv::{parse_points, parse_table, write_points_csv, ColumnKind, MAX_SKIPPED_EXAMPLES};
use losslab_core::io::hash::MAX_POINTS;

fn check_points(data: &[u8], kind: ColumnKind) {
    let import = parse_points(data, kind);
    let report = &import.report;
    assert!(import.points.len() <= MAX_POINTS);
    assert_eq!(import.points.len(), report.points_loaded);
    assert_eq!(report.points_loaded + report.rows_skipped + report.rows_over_limit, report.rows_read);
    assert_eq!(report.truncated, report.rows_over_limit > 0);
    assert!(report.skipped_examples.len() <= MAX_SKIPPED_EXAMPLES.min(report.rows_skipped));
    assert!(report.duplicates < import.points.len().max(1));
    assert!(report.file_problem.is_none() || report.rows_read == 0);
    for &(x, y) in &import.points {
        assert!(x.is_finite() && y.is_finite() && x.abs() <= 1e100 && y.abs() <= 1e100);
        if kind == ColumnKind::XLabel {
            assert!(y.to_bits() == 0f64.to_bits() || y == 1.0, "label {y}");
        }
    }
    let summary = import.summary();
    assert!(summary.ends_with('.') && summary.len() < 2_000, "{summary}");

    let written = write_points_csv(&["x", "y"], import.points.iter().map(|&(x, y)| [x, y]));
    let again = parse_points(written.as_bytes(), kind);
    assert_eq!(again.report.rows_skipped, 0);
    let bits = |points: &[(f64, f64)]| points.iter().map(|(x, y)| (x.to_bits(), y.to_bits())).collect::<Vec<_>>();
    assert_eq!(bits(&again.points), bits(&import.points));
}

fuzz_target!(|data: &[u8]| {
    check_points(data, ColumnKind::XY);
    check_points(data, ColumnKind::XLabel);
    if let Ok(table) = parse_table(data) {
        assert!(table.rows.iter().all(|row| row.len() == table.header.len()));
        assert!(table.rows.iter().flatten().all(|v| v.is_finite() && v.abs() <= 1e100));
        if let Some(column) = &table.text_column {
            assert_eq!(column.values.len(), table.rows.len());
            assert!(column.values.iter().all(|value| !value.is_empty()));
        }
    }
});
