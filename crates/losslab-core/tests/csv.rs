//! CSV import and export: the file picker's hostile inputs, exact round trips, and garbage.

use losslab_core::io::csv::*;
use losslab_core::io::hash::{parse_written_f64, MAX_POINTS};
use losslab_core::numerics::points::Points;
use losslab_core::numerics::regression::{fit, DegenerateReason, FitStatus, RegressionLoss};
use proptest::prelude::*;

fn read(text: &str) -> CsvImport {
    parse_points(text.as_bytes(), ColumnKind::XY)
}

fn read_labels(text: &str) -> CsvImport {
    parse_points(text.as_bytes(), ColumnKind::XLabel)
}

/// Checks the invariants every import keeps, whatever the input.
fn assert_invariants(import: &CsvImport, kind: ColumnKind) {
    let r = &import.report;
    assert!(import.points.len() <= MAX_POINTS);
    assert_eq!(import.points.len(), r.points_loaded);
    assert_eq!(r.points_loaded + r.rows_skipped + r.rows_over_limit, r.rows_read, "{r:?}");
    assert_eq!(r.truncated, r.rows_over_limit > 0);
    assert!(r.skipped_examples.len() <= MAX_SKIPPED_EXAMPLES.min(r.rows_skipped));
    assert!(r.duplicates < import.points.len().max(1));
    for &(x, y) in &import.points {
        assert!(x.is_finite() && y.is_finite() && x.abs() <= 1e100 && y.abs() <= 1e100);
        if kind == ColumnKind::XLabel {
            assert!(y.to_bits() == 0f64.to_bits() || y == 1.0, "label {y}");
        }
    }
    assert!(r.file_problem.is_none() || r.rows_read == 0);
    assert!(r.rows_missing <= r.rows_skipped);
    assert!(!r.refused || r.rows_skipped > r.rows_missing, "only misread rows refuse a file");
    assert!(import.summary().ends_with('.'));
}

#[test]
fn a_plain_file_with_a_header_loads_in_order() {
    let import = read("x,y\n0,1.2\n1,3.4\n2,5.1\n");
    assert_eq!(import.points, vec![(0.0, 1.2), (1.0, 3.4), (2.0, 5.1)]);
    let r = &import.report;
    assert_eq!(r.header, Some(vec!["x".to_string(), "y".to_string()]));
    assert_eq!((r.separator, r.rows_read, r.rows_skipped, r.truncated), (Separator::Comma, 3, 0, false));
    assert_eq!(import.summary(), "Read 3 points from 3 rows.");
    assert_invariants(&import, ColumnKind::XY);
}

#[test]
fn the_header_is_optional() {
    let import = read("0,1.2\n1,3.4\n");
    assert_eq!(import.points, vec![(0.0, 1.2), (1.0, 3.4)]);
    assert_eq!(import.report.header, None);
    assert_eq!(import.summary(), "Read 2 points from 2 rows.");
}

#[test]
fn the_separator_is_detected() {
    for (text, separator) in [
        ("x\ty\n1\t2\n3\t4\n", Separator::Tab),
        ("x;y\n1;2\n3;4\n", Separator::Semicolon),
        ("x,y\n1,2\n3,4\n", Separator::Comma),
        ("# x y\n1 2\n3   4\n  5\t6  \n", Separator::Whitespace),
    ] {
        let import = read(text);
        assert_eq!(import.report.separator, separator, "{text:?}");
        let expected: &[(f64, f64)] = if separator == Separator::Whitespace {
            &[(1.0, 2.0), (3.0, 4.0), (5.0, 6.0)]
        } else {
            &[(1.0, 2.0), (3.0, 4.0)]
        };
        assert_eq!(import.points, expected, "{text:?}");
        assert_eq!(import.report.rows_skipped, 0, "{text:?}");
    }
    // One column: nothing to split, each row lacks its y.
    let single = read("1\n2\n");
    assert_eq!(single.report.separator, Separator::Comma);
    assert!(single.points.is_empty());
    assert!(single.report.refused);
    assert_eq!(single.summary(), "None of the 2 rows could be read (line 1: 1 value where 2 were expected; line 2: 1 value where 2 were expected).");
}

#[test]
fn semicolon_files_may_use_decimal_commas() {
    let import = read("x;y\n1,5;-2,25\n3;4.5\n1e3;2,5e-1\n");
    assert_eq!(import.points, vec![(1.5, -2.25), (3.0, 4.5), (1000.0, 0.25)]);
    assert!(import.report.decimal_commas);
    assert_eq!(import.summary(), "Read 3 points from 3 rows, with decimal commas.");
    // Two commas is not a number; dots between thousands before a decimal comma are read.
    let odd = read("x;y\n1,000,5;2\n1.000,5;2\n");
    assert_eq!(odd.points, vec![(1000.5, 2.0)]);
    assert_eq!(odd.report.skipped_examples, ["line 2: “1,000,5” is not a number"]);
    // A too-large value keeps its own reason and its original text.
    let large = read("x;y\n1,5e400;2\n");
    assert_eq!(large.report.skipped_examples, ["line 2: “1,5e400” is too large (limit ±1e100)"]);
}

#[test]
fn other_separators_take_decimal_commas_only_when_unambiguous() {
    // A spreadsheet that separates with commas and quotes its decimal commas.
    let quoted = read("x,y\n\"1,5\",\"2,3\"\n\"2,5\",\"4,1\"\n\"3\",\"6\"\n");
    assert_eq!(quoted.points, vec![(1.5, 2.3), (2.5, 4.1), (3.0, 6.0)]);
    assert_eq!(quoted.summary(), "Read 3 points from 3 rows, with decimal commas.");
    // Without a header: quoted decimal commas are numbers, so the first row is data.
    let bare = read("\"1,5\",\"2,3\"\n\"2,5\",\"4,1\"\n");
    assert_eq!((bare.report.header.clone(), bare.points), (None, vec![(1.5, 2.3), (2.5, 4.1)]));
    // Once a file shows decimal commas, three decimals are decimals too.
    let three = read("x,y\n\"1,250\",\"2,5\"\n");
    assert_eq!(three.points, vec![(1.25, 2.5)]);
    // Tab-separated with decimal commas.
    let tab = read("x\ty\n1,5\t2\n");
    assert_eq!(tab.points, vec![(1.5, 2.0)]);
    // "1,000" alone might be a thousand: refused with a hint rather than misread.
    let thousands = read("x,y\n\"1,000\",\"2,000\"\n\"2,000\",\"4,100\"\n");
    assert!(thousands.report.refused);
    assert_eq!(
        thousands.report.skipped_examples,
        [
            "line 2: “1,000” is not a number (write decimals with a point, without thousands separators)",
            "line 3: “2,000” is not a number (write decimals with a point, without thousands separators)"
        ]
    );
    // Dots between thousands before a decimal comma are read; two commas, or a dot that does
    // not separate thousands, never.
    let mixed = read("x\ty\n1,5\t2\n1.000,5\t3\n1,000,5\t4\n1.00,5\t4\n0\t1\n2\t2\n");
    assert_eq!(mixed.points, vec![(1.5, 2.0), (1000.5, 3.0), (0.0, 1.0), (2.0, 2.0)]);
    assert_eq!(
        mixed.report.skipped_examples,
        ["line 4: “1,000,5” is not a number", "line 5: “1.00,5” is not a number"]
    );
    // Unquoted decimal commas with the comma separator split the value in two: too many cells.
    let comma = read("x,y\n1,5,2,5\n3,4\n5,6\n");
    assert_eq!(comma.points, vec![(3.0, 4.0), (5.0, 6.0)]);
    assert_eq!(comma.report.skipped_examples, ["line 2: 4 values where the header has 2"]);
    for import in [quoted, three, tab, thousands, mixed, comma] {
        assert_invariants(&import, ColumnKind::XY);
    }
}

#[test]
fn bad_values_are_skipped_with_their_line_and_reason() {
    let text = "x,y\n1,2\nNaN,1\n2,inf\n3,1e400\n4,\n,5\nabc,6\n7,-1e101\n8,9\n";
    let import = read(text);
    assert_eq!(import.points, vec![(1.0, 2.0), (8.0, 9.0)]);
    let r = &import.report;
    assert_eq!((r.rows_read, r.rows_skipped), (9, 7));
    assert_eq!(
        r.skipped_examples,
        [
            "line 3: a missing value (“NaN”)",
            "line 4: “inf” is too large (limit ±1e100)",
            "line 5: “1e400” is too large (limit ±1e100)",
            "line 6: an empty value where a number was expected",
            "line 7: an empty value where a number was expected",
        ]
    );
    assert_eq!((r.rows_missing, r.refused), (6, false), "missing values do not refuse a file; “abc” alone does not");
    assert_eq!(
        import.summary(),
        "Read 2 points from 9 rows; skipped 7 (line 3: a missing value (“NaN”); line 4: “inf” is too large \
         (limit ±1e100); line 5: “1e400” is too large (limit ±1e100); line 6: an empty value where a number was \
         expected; line 7: an empty value where a number was expected; …)."
    );

    assert_invariants(&import, ColumnKind::XY);
}

#[test]
fn rows_with_the_wrong_number_of_cells_are_skipped() {
    let import = read("x,y\n1,2,3\n4\n5,6,\n7,8,,\n9,10\n");
    assert_eq!(import.points, vec![(5.0, 6.0), (7.0, 8.0), (9.0, 10.0)], "empty trailing cells do not count");
    assert_eq!(
        import.report.skipped_examples,
        ["line 2: 3 values where the header has 2", "line 3: 1 value where 2 were expected"]
    );
    // Without a header the most common count decides.
    let headerless = read("1,2,3\n4,5\n6,7\n");
    assert_eq!(headerless.points, vec![(4.0, 5.0), (6.0, 7.0)]);
    assert_eq!(headerless.report.skipped_examples, ["line 1: 3 values where most rows have 2"]);
}

#[test]
fn a_first_row_of_refused_numbers_is_data_not_a_header() {
    let import = read("NaN,inf\n1,2\n");
    assert_eq!(import.report.header, None);
    assert_eq!(import.points, vec![(1.0, 2.0)]);
    assert_eq!(import.report.skipped_examples, ["line 1: a missing value (“NaN”)"]);
}

#[test]
fn columns_are_chosen_by_name() {
    let named = read("id,Y,X\n1,10,100\n2,20,200\n");
    assert_eq!(named.points, vec![(100.0, 10.0), (200.0, 20.0)]);
    assert_eq!((named.report.x_column, named.report.y_column, named.report.columns), (2, 1, 3));
    assert_eq!(named.summary(), "Read 2 points from 2 rows, using columns “X” and “Y” of 3.");
    // Unnamed columns: the first two, said in the summary.
    let unnamed = read("1,2,3\n4,5,6\n");
    assert_eq!(unnamed.points, vec![(1.0, 2.0), (4.0, 5.0)]);
    assert_eq!(unnamed.summary(), "Read 2 points from 2 rows, using the first two of 3 columns.");
    // Two columns with other names are read in order.
    let other = read("time,speed\n1,2\n");
    assert_eq!(other.points, vec![(1.0, 2.0)]);
    // A pandas index column has an empty name.
    let pandas = read(",x,y\n0,1.5,2.5\n1,3.5,4.5\n");
    assert_eq!(pandas.points, vec![(1.5, 2.5), (3.5, 4.5)]);
    // Classification: label, class, y or target.
    for name in ["label", "Class", "y", "TARGET"] {
        let import = read_labels(&format!("feature,x,{name}\n9,0.5,1\n9,-0.5,0\n"));
        assert_eq!(import.points, vec![(0.5, 1.0), (-0.5, 0.0)], "{name}");
    }
    let both = read_labels("y,x,label\n5,1,0\n");
    assert_eq!(both.points, vec![(1.0, 0.0)], "label is preferred to y");
}

#[test]
fn labels_other_than_0_and_1_are_skipped_in_classification() {
    let text = "x,label\n0.5,1\n-0.5,0\n1,2\n2,-1\n3,1.0\n4,yes\n5,-0\n6,0\n7,1\n";
    let import = read_labels(text);
    // "yes" is a label word (1).
    assert_eq!(
        import.points,
        vec![(0.5, 1.0), (-0.5, 0.0), (3.0, 1.0), (4.0, 1.0), (5.0, 0.0), (6.0, 0.0), (7.0, 1.0)]
    );
    assert_eq!(import.points[4].1.to_bits(), 0f64.to_bits(), "a label of -0 is stored as 0");
    assert_eq!(
        import.report.skipped_examples,
        [
            "line 4: label “2” is not 0 or 1 (this lab compares two classes)",
            "line 5: label “-1” where earlier rows use 0 for the negative class",
        ]
    );
    assert!(!import.report.refused && !import.report.minus_one_labels);
    assert_invariants(&import, ColumnKind::XLabel);
    // The same file in regression mode is all numbers but one.
    assert_eq!(read(text).points.len(), 8);
}

#[test]
fn labels_minus_one_and_one_load_as_0_and_1() {
    let import = read_labels("x,label\n-2,-1\n-1,-1\n0,1\n1,1\n2,-1\n");
    assert_eq!(import.points, vec![(-2.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (1.0, 1.0), (2.0, 0.0)]);
    assert!(import.report.minus_one_labels && !import.report.refused);
    assert_eq!(import.summary(), "Read 5 points from 5 rows, with label -1 read as 0.");
    assert_invariants(&import, ColumnKind::XLabel);
    // The first negative label fixes the convention: a later 0 is skipped (-1, 0, 1 would be
    // three classes).
    let mixed = read_labels("x,label\n0,-1.0\n1,1\n2,0\n3,1\n4,-1\n");
    assert_eq!(mixed.points, vec![(0.0, 0.0), (1.0, 1.0), (3.0, 1.0), (4.0, 0.0)]);
    assert_eq!(mixed.report.skipped_examples, ["line 4: label “0” where earlier rows use -1 for the negative class"]);
    assert_eq!(
        mixed.summary(),
        "Read 4 points from 5 rows, with label -1 read as 0; skipped 1 (line 4: label “0” where earlier rows use -1 for the negative class)."
    );
    assert_invariants(&mixed, ColumnKind::XLabel);
    // Labels written -1 and 1 in regression mode are just numbers.
    assert_eq!(read("x,y\n0,-1\n1,1\n").points, vec![(0.0, -1.0), (1.0, 1.0)]);
}

#[test]
fn a_file_whose_rows_mostly_cannot_be_read_is_refused() {
    // At least as many rows skipped as read: refused, naming the first bad rows.
    let spaces = read("x,y\n1 000,2\n2,4\n");
    assert_eq!(spaces.points, vec![(2.0, 4.0)], "the readable rows are still reported");
    assert!(spaces.report.refused);
    assert_eq!(spaces.summary(), "Only 1 of 2 rows could be read (line 2: “1 000” is not a number).");
    let half = read("x,y\n1,2\nabc,3\n4,5\n6,x\n");
    assert!(half.report.refused, "2 of 4 rows skipped");
    assert_eq!(
        half.summary(),
        "Only 2 of 4 rows could be read (line 3: “abc” is not a number; line 5: “x” is not a number)."
    );
    let fewer = read("x,y\n1,2\nabc,3\n4,5\n6,x\n7,8\n");
    assert!(!fewer.report.refused, "2 of 5 rows skipped");
    assert_eq!(fewer.points.len(), 3);
    // Missing values (empty, NaN, infinite) do not count: the rest of the file loads.
    let missing = read("x,y\n0,1\n1,NaN\n2,inf\n3,\n,4\n4,9\nabc,1\n");
    assert_eq!((missing.points.len(), missing.report.rows_missing, missing.report.refused), (2, 4, false));
    let one = read("x,y\nabc,1\n");
    assert_eq!(one.summary(), "The one row could not be read (line 2: “abc” is not a number).");
    // Regression data in the classification lab: only the rows that happen to hold 0 or 1.
    let regression = read_labels("x,y\n0,1.5\n1,3\n2,1\n3,4.5\n");
    assert!(regression.report.refused);
    assert_eq!(
        regression.summary(),
        "Only 1 of 4 rows could be read (line 2: label “1.5” is not 0 or 1; line 3: label “3” is not 0 or 1 (this lab compares two classes); \
         line 5: label “4.5” is not 0 or 1)."
    );
    // Labels 1 and 2: most rows load, but all with one label and rows were skipped.
    let one_two = read_labels("x,label\n-2,1\n-1,1\n0,2\n1,2\n2,1\n");
    assert_eq!(one_two.points.len(), 3);
    assert!(one_two.report.refused);
    assert_eq!(
        one_two.summary(),
        "All 3 points read have the same label and 2 rows were skipped (line 4: label “2” is not 0 or 1 \
         (this lab compares two classes); line 5: label “2” is not 0 or 1 (this lab compares two classes))."
    );
    // One label and nothing skipped is what the file says: it loads.
    let ones = read_labels("x,label\n1,1\n2,1\n");
    assert!(!ones.report.refused);
    for import in [&spaces, &half, &fewer, &missing, &one] {
        assert_invariants(import, ColumnKind::XY);
    }
    for import in [&regression, &one_two, &ones] {
        assert_invariants(import, ColumnKind::XLabel);
    }
}

#[test]
fn too_many_rows_are_capped_with_a_message() {
    let mut text = String::from("x,y\n");
    for i in 0..100_000 {
        text.push_str(&format!("{i},{}\n", i % 7));
    }
    let import = read(&text);
    assert_eq!(import.points.len(), MAX_POINTS);
    // Rows spread evenly over the file (a review: a file sorted by x lost half its range),
    // from the first row to the last (another: the first was always left out).
    let xs: Vec<f64> = import.points.iter().map(|p| p.0).collect();
    assert_eq!((xs[0], xs[1], xs[MAX_POINTS - 1]), (0.0, 20.0, 99_999.0));
    assert!(xs.windows(2).all(|w| w[1] - w[0] == 20.0 || w[1] - w[0] == 21.0));
    let r = &import.report;
    assert!(r.truncated && r.needs_checking());
    assert_eq!((r.rows_read, r.rows_over_limit, r.rows_skipped), (100_000, 95_000, 0));
    assert_eq!(
        import.summary(),
        "Read 5000 points from 100000 rows; a lab holds at most 5000 points, so 5000 rows spread evenly over the file were read and 95000 left out."
    );
    // Not a multiple: 7,001 rows give 5,000 points, first to last in order.
    let mut odd = String::from("x,y\n");
    for i in 0..7_001 {
        odd.push_str(&format!("{i},1\n"));
    }
    let odd = read(&odd);
    assert_eq!(odd.points.len(), MAX_POINTS);
    assert_eq!(odd.points.first().map(|p| p.0), Some(0.0));
    assert_eq!(odd.points.last().map(|p| p.0), Some(7_000.0));
    assert!(odd.points.windows(2).all(|w| (1.0..=2.0).contains(&(w[1].0 - w[0].0))));
    // One row over: only one row between the ends is left out.
    let over: String = std::iter::once("x,y\n".to_string()).chain((0..=5_000).map(|i| format!("{i},1\n"))).collect();
    let over = read(&over);
    assert_eq!(over.points.len(), MAX_POINTS);
    assert_eq!((over.points[0].0, over.points[MAX_POINTS - 1].0), (0.0, 5_000.0));
    assert_eq!(over.report.rows_over_limit, 1);
    assert_invariants(&import, ColumnKind::XY);
}

#[test]
fn duplicates_are_kept_and_counted() {
    let import = read("x,y\n1,2\n1,2\n0,0\n-0,0\n1,2\n3,4\n");
    assert_eq!(import.points.len(), 6);
    assert_eq!(import.report.duplicates, 3, "two repeats of (1, 2) and (-0, 0) = (0, 0)");
    assert_eq!(import.summary(), "Read 6 points from 6 rows; 3 repeat an earlier point (kept).");
    let one = read("1,2\n1,2\n");
    assert_eq!(one.summary(), "Read 2 points from 2 rows; 1 repeats an earlier point (kept).");
}

#[test]
fn all_x_equal_loads_and_the_fit_says_why_it_is_flat() {
    let import = read("x,y\n2,1\n2,5\n2,3\n");
    assert_eq!(import.points.len(), 3);
    assert_eq!(import.report.rows_skipped, 0);
    let points = Points::from_pairs(&import.points).expect("imported points are valid");
    let line = fit(&points, RegressionLoss::Mse);
    assert_eq!(line.status, FitStatus::Degenerate(DegenerateReason::AllXEqual));
    assert!(line.line.intercept.is_finite());
}

#[test]
fn comments_blank_lines_line_endings_bom_and_quotes() {
    let text = "\u{feff}# exported by a tool\r\n\r\n\"x\" ; 'y'\r\n ; ; \r\n\"1,5\";' 2 '\r# a comment\r\r3 ;4\n";
    let import = read(text);
    assert_eq!(import.report.separator, Separator::Semicolon);
    assert_eq!(import.report.header, Some(vec!["x".to_string(), "y".to_string()]));
    assert_eq!(import.points, vec![(1.5, 2.0), (3.0, 4.0)]);
    assert_eq!(import.report.rows_read, 2);
    // A quoted cell keeps its separators; a bad row's line number counts every physical line.
    let quoted = read("name,x,y\n\"Smith, J.\",1,2\n\"a \"\"b\"\"\",3,x\n");
    assert_eq!(quoted.points, vec![(1.0, 2.0)]);
    assert_eq!(quoted.report.skipped_examples, ["line 3: “x” is not a number"]);
    // A spreadsheet error value is data, not a comment.
    let errors = read("x,y\n#N/A,2\n#DIV/0!,3\n# note\n4,5\n");
    assert_eq!(errors.points, vec![(4.0, 5.0)]);
    assert_eq!(
        errors.report.skipped_examples,
        ["line 2: a missing value (“#N/A”)", "line 3: “#DIV/0!” is not a number"]
    );
}

#[test]
fn one_named_column_with_decimal_commas_is_refused_not_split() {
    // A review: a column copied from German Excel loaded as the points (1, 5), (2, 25), (3, 75),
    // and under the header "y" as swapped pairs with "14" skipped.
    for text in ["Gewicht\r\n1,5\r\n2,25\r\n3,75\r\n", "y\n12,5\n13,25\n14\n15,75\n", "x\n1\n2\n3\n"] {
        for kind in [ColumnKind::XY, ColumnKind::XLabel] {
            let import = parse_points(text.as_bytes(), kind);
            assert!(import.points.is_empty(), "{text:?}: {:?}", import.points);
            assert!(import.summary().starts_with("Nothing was read: it has one column (“"), "{}", import.summary());
        }
    }
    assert!(parse_points(b"Gewicht\n1,5\n", ColumnKind::XY)
        .summary()
        .contains("(\u{201c}Gewicht\u{201d}; its commas read as decimal commas)"));
    assert!(parse_points(b"x\n1\n2\n", ColumnKind::XY)
        .summary()
        .contains("one column (\u{201c}x\u{201d}), and a lab needs two"));
    // A title line over x,y rows with decimal points still loads (the commas separate).
    assert_eq!(read("My measurements\n0.5,3.25\n1.5,4\n").points, vec![(0.5, 3.25), (1.5, 4.0)]);
    // Two named columns with decimal commas in quotes still load.
    assert_eq!(read("x,y\n\"1,5\",\"2,5\"\n\"3\",\"4\"\n").points, vec![(1.5, 2.5), (3.0, 4.0)]);
}

#[test]
fn a_header_wider_than_the_names_kept_still_reads_its_rows() {
    // A review: 1,500 named columns, rows of 1,500 values: every row was refused for holding
    // "1500 values where the header has 1000".
    let header: Vec<String> =
        ["x".to_string(), "y".to_string()].into_iter().chain((0..1498).map(|i| format!("c{i}"))).collect();
    let row = |x: f64| {
        let mut cells = vec![x.to_string(), (2.0 * x).to_string()];
        cells.extend((0..1498).map(|i| i.to_string()));
        cells.join(",")
    };
    let text = format!("{}\n{}\n{}\n", header.join(","), row(1.0), row(2.5));
    let import = read(&text);
    assert_eq!(import.points, vec![(1.0, 2.0), (2.5, 5.0)], "{}", import.summary());
    assert_eq!(import.report.columns, 1500);
    assert!(!import.report.needs_checking(), "x and y were named: {}", import.summary());
}

#[test]
fn empty_files_and_header_only_files_say_so() {
    assert_eq!(read("").summary(), "The file holds no data rows.");
    assert_eq!(read("\n\n# only a comment\n;;;\n").summary(), "The file holds no data rows.");
    assert_eq!(read("x,y\n").summary(), "The file has a header (“x”, “y”) but no data rows.");
}

#[test]
fn binary_files_are_refused_utf16_with_its_mark_and_latin1_text_are_read() {
    // Excel's "Unicode text": UTF-16 little-endian with its byte-order mark, tab-separated.
    let text = "Größe\tGewicht\r\n1,5\t2\r\n3\t4,25\r\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let import = parse_points(&[&[0xFF, 0xFE][..], &le].concat(), ColumnKind::XY);
    assert_eq!(import.points, vec![(1.5, 2.0), (3.0, 4.25)], "{}", import.summary());
    assert_eq!(import.report.header.as_ref().map(|h| h[0].as_str()), Some("Größe"));
    let be: Vec<u8> = "x;label\n-1;0\n2;1\n".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    let import = parse_points(&[&[0xFE, 0xFF][..], &be, &[0x00][..]].concat(), ColumnKind::XLabel);
    assert_eq!(import.points, vec![(-1.0, 0.0), (2.0, 1.0)], "an odd last byte is dropped");
    // Without its mark UTF-16 is refused, with a hint.
    let import = parse_points(&le, ColumnKind::XY);
    assert!(import.points.is_empty());
    assert_eq!(import.report.rows_read, 0);
    assert!(import.summary().starts_with("Nothing was read: the file is not a text file (it contains NUL bytes"));
    // A lone surrogate is a replacement character: that row is skipped, not the file.
    let mut units: Vec<u16> = "x,y\n1,2\n3,4\n5,6\n".encode_utf16().collect();
    units[10] = 0xD800;
    let broken: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
    let import = parse_points(&[&[0xFF, 0xFE][..], &broken].concat(), ColumnKind::XY);
    assert_eq!(import.points.len(), 2, "{}", import.summary());
    // A PNG-like blob without NUL bytes: mostly invalid UTF-8 and control characters.
    let blob: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8 | 0x80).collect();
    let garbage = parse_points(&blob, ColumnKind::XY);
    assert!(garbage.points.is_empty());
    assert!(garbage.summary().contains("is not a text file"), "{}", garbage.summary());
    // Latin-1 / Windows-1252 text (Excel's "CSV" on Windows) is read as such: a review saw
    // "note ��" in a skip report. The data load as before.
    let latin1 = b"temp\xe9rature,y\n1,2\n";
    let import = parse_points(latin1, ColumnKind::XY);
    assert_eq!(import.points, vec![(1.0, 2.0)]);
    assert_eq!(import.report.header.as_ref().map(|h| h[0].as_str()), Some("température"));
    let german = b"Gr\xf6\xdfe;Gewicht \x80\n1,5;2\n2,5;n\xe4\n3;4\n4;5\n5;6\n6;7\n7;8\n";
    let import = parse_points(german, ColumnKind::XY);
    assert_eq!(import.points, vec![(1.5, 2.0), (3.0, 4.0), (4.0, 5.0), (5.0, 6.0), (6.0, 7.0), (7.0, 8.0)]);
    assert_eq!(import.report.header.as_deref(), Some(&["Größe".to_string(), "Gewicht €".to_string()][..]));
    assert!(import.summary().contains("nä"), "{}", import.summary());
}

/// 50 MB in release builds (`cargo test --release -p losslab-core --test csv`), where it takes
/// about a second; 6 MB (still above [`MAX_FILE_BYTES`]) in debug builds, which are 20 times
/// slower.
const HUGE_FILE_BYTES: usize = if cfg!(debug_assertions) { 6 } else { 50 } * 1024 * 1024;

#[test]
fn a_huge_file_of_bad_rows_keeps_a_bounded_report() {
    let row = "abc,def\n";
    let text = row.repeat(HUGE_FILE_BYTES / row.len());
    let import = parse_points(text.as_bytes(), ColumnKind::XY);
    let r = &import.report;
    assert!(import.points.is_empty());
    assert_eq!(r.rows_read, text.len() / row.len() - 1, "the first row is the header");
    // Rows spread over the file are tried, as many as a lab holds.
    assert_eq!((r.rows_skipped, r.rows_over_limit), (MAX_POINTS, r.rows_read - MAX_POINTS));
    assert!(r.refused);
    assert_eq!(r.skipped_examples.len(), MAX_SKIPPED_EXAMPLES);
    assert!(import.summary().len() < 1_000);
}

#[test]
fn a_huge_line_without_line_breaks_is_one_row() {
    let line = "1,".repeat(HUGE_FILE_BYTES / 2);
    let import = parse_points(line.as_bytes(), ColumnKind::XY);
    assert_eq!(import.points, vec![(1.0, 1.0)]);
    let expected = format!("Read 1 point from 1 row, using the first two of {} columns.", HUGE_FILE_BYTES / 2);
    assert_eq!(import.summary(), expected);
}

#[test]
fn file_size_limit_message() {
    assert_eq!(MAX_FILE_BYTES, 5 * 1024 * 1024);
    assert_eq!(file_size_problem(MAX_FILE_BYTES as u64), None);
    assert_eq!(
        file_size_problem(50 * 1024 * 1024).as_deref(),
        Some("The file is 50.0 MB; files up to 5 MB can be read.")
    );
}

#[test]
fn tables_with_a_text_column_parse_strictly() {
    let table = parse_table(b"split,x,y\ntrain,1,2\ntest,3.5,-4e-3\ntrain,5,6\n").expect("valid table");
    assert_eq!(table.header, ["x", "y"]);
    let split = table.text_column.as_ref().expect("text column");
    assert_eq!(
        (split.name.as_str(), split.values.as_slice()),
        ("split", &["train", "test", "train"].map(String::from)[..])
    );
    assert_eq!(table.rows, vec![vec![1.0, 2.0], vec![3.5, -4e-3], vec![5.0, 6.0]]);
    assert_eq!(table.rows_with_text("train").column("y"), Some(vec![2.0, 6.0]));
    assert_eq!(table.column("z"), None);
    // Without a text column every column is numeric.
    let plain = parse_table(b"a;b\n1,5;2\n").expect("valid table");
    assert_eq!(plain.header, ["a", "b"]);
    assert_eq!(plain.rows, vec![vec![1.5, 2.0]]);
    assert_eq!(plain.text_column, None);
    // Strictness: the first problem refuses the file, with its place.
    let cases: [(&[u8], &str); 6] = [
        (b"1,2\n3,4\n", "line 1: the first row must name the columns"),
        (b"split,x,y\ntrain,1\n", "line 2: 2 values where the header names 3"),
        (b"split,x,y\ntrain,1,2,3\n", "line 2: 4 values where the header names 3"),
        (b"split,x,y\ntrain,1,2\ntest,1,NaN\n", "line 3, column “y”: a missing value (“NaN”)"),
        (b"split,x,y\ntrain,1,2\n,1,2\n", "line 3: the “split” value is empty"),
        (b"", "the file holds no header and no data"),
    ];
    for (bytes, message) in cases {
        assert_eq!(parse_table(bytes), Err(message.to_string()), "{:?}", String::from_utf8_lossy(bytes));
    }
    assert!(parse_table(b"x,y\n\x00\x01").is_err_and(|e| e.contains("not a text file")));
}

#[test]
fn written_headers_are_quoted_when_needed() {
    let text = write_points_csv(&["x, cm", "say \"y\"", "#n"], [[1.0, 2.0, 3.0]]);
    assert_eq!(text, "\"x, cm\",\"say \"\"y\"\"\",\"#n\"\n1,2,3\n");
    let import = read(&text);
    assert_eq!(import.report.header, Some(vec!["x, cm".to_string(), "say \"y\"".to_string(), "#n".to_string()]));
    assert_eq!(import.points, vec![(1.0, 2.0)]);
    assert_eq!(write_points_csv(&[], Vec::<Vec<f64>>::new()), "");
    assert_eq!(write_csv(Separator::Tab, &["x", "y"], [vec![-0.0, 1e100, 1.5e-300]]), "x\ty\n-0\t1e100\t1.5e-300\n");
}

/// Any f64 the app accepts, weighted towards the awkward ones.
fn coordinate() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e100f64..1e100,
        -10.0f64..10.0,
        prop::sample::select(vec![0.0, -0.0, 1e100, -1e100, f64::MIN_POSITIVE, -5e-324, 5e-324, 0.1, 1.0 / 3.0]),
        prop::num::f64::SUBNORMAL,
    ]
}

fn separator() -> impl Strategy<Value = Separator> {
    prop::sample::select(vec![Separator::Comma, Separator::Semicolon, Separator::Tab, Separator::Whitespace])
}

proptest! {
    #[test]
    fn points_to_csv_to_points_is_exact(points in prop::collection::vec((coordinate(), coordinate()), 0..60), sep in separator()) {
        let text = write_csv(sep, &["x", "y"], points.iter().map(|&(x, y)| [x, y]));
        let import = parse_points(text.as_bytes(), ColumnKind::XY);
        prop_assert_eq!(import.report.separator, sep);
        prop_assert_eq!(import.report.rows_skipped, 0);
        let bits = |p: &[(f64, f64)]| p.iter().map(|(x, y)| (x.to_bits(), y.to_bits())).collect::<Vec<_>>();
        prop_assert_eq!(bits(&import.points), bits(&points));
    }

    #[test]
    fn labels_to_csv_to_labels_is_exact(points in prop::collection::vec((coordinate(), prop::bool::ANY), 1..40), sep in separator()) {
        let rows: Vec<[f64; 2]> = points.iter().map(|&(x, label)| [x, f64::from(u8::from(label))]).collect();
        let import = parse_points(write_csv(sep, &["x", "label"], &rows).as_bytes(), ColumnKind::XLabel);
        let expected: Vec<(f64, f64)> = rows.iter().map(|r| (r[0], r[1])).collect();
        prop_assert_eq!(import.points.iter().map(|p| p.0.to_bits()).collect::<Vec<_>>(), expected.iter().map(|p| p.0.to_bits()).collect::<Vec<_>>());
        prop_assert_eq!(import.points.iter().map(|p| p.1).collect::<Vec<_>>(), expected.iter().map(|p| p.1).collect::<Vec<_>>());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        for kind in [ColumnKind::XY, ColumnKind::XLabel] {
            assert_invariants(&parse_points(&bytes, kind), kind);
        }
        if let Ok(table) = parse_table(&bytes) {
            prop_assert!(table.rows.iter().flatten().all(|v| v.is_finite() && v.abs() <= 1e100));
            prop_assert!(table.rows.iter().all(|row| row.len() == table.header.len()));
        }
    }

    #[test]
    fn csv_like_text_never_panics(text in "[0-9a-zA-Z.,;\t \"'#eE+\\-\r\n]{0,300}") {
        for kind in [ColumnKind::XY, ColumnKind::XLabel] {
            let import = parse_points(text.as_bytes(), kind);
            assert_invariants(&import, kind);
            // Whatever was read writes and reads back exactly.
            let again = parse_points(write_points_csv(&["x", "y"], import.points.iter().map(|&(x, y)| [x, y])).as_bytes(), kind);
            prop_assert_eq!(again.points, import.points);
        }
        if let Ok(table) = parse_table(text.as_bytes()) {
            prop_assert!(table.rows.iter().all(|row| row.len() == table.header.len()));
            if let Some(column) = &table.text_column {
                prop_assert_eq!(column.values.len(), table.rows.len());
            }
        }
    }
}

#[test]
fn the_typographic_minus_the_app_shows_reads_back() {
    let import = read("x,y\n−1,2\n3,−4.5\n−0.5,−1e-3\n");
    assert_eq!(import.points, vec![(-1.0, 2.0), (3.0, -4.5), (-0.5, -1e-3)]);
    assert_eq!(import.report.rows_skipped, 0);
    assert_eq!(parse_written_f64("−2.5"), Some(-2.5));
    assert_eq!(parse_written_f64("−-2.5"), None);
    assert_eq!(parse_written_f64("2.5"), Some(2.5));
    assert_eq!(losslab_core::io::hash::parse_number(" −7 "), Ok(-7.0));
}

// Files from a review of real exports (German Excel, R, pandas, labels as words, …): each
// failed, or loaded wrong numbers without a word, before the rules they test.

#[test]
fn german_files_with_dots_between_thousands_read_them_as_thousands() {
    let text = "Preis;Menge\n850;3,5\n950;3,9\n1.050;4,2\n1.200;4,8\n-12.345.678,25;1\n";
    let import = read(text);
    assert_eq!(import.points, vec![(850.0, 3.5), (950.0, 3.9), (1050.0, 4.2), (1200.0, 4.8), (-12_345_678.25, 1.0)]);
    assert_eq!(import.summary(), "Read 5 points from 5 rows, with decimal commas, with dots between thousands.");
    assert!(!import.report.needs_checking());
    // Without any decimal comma the dot stays a decimal point, but a file whose every dotted
    // value looks like a thousand gets a warning.
    let ambiguous = read("x;y\n850;3.500\n1.050;4.200\n");
    assert_eq!(ambiguous.points, vec![(850.0, 3.5), (1.05, 4.2)]);
    assert_eq!(ambiguous.report.dots_maybe_thousands.as_deref(), Some("3.500"));
    assert!(ambiguous.report.needs_checking());
    assert!(
        ambiguous.summary().contains("values such as “3.500” were read with a decimal point"),
        "{}",
        ambiguous.summary()
    );
    // One plain decimal among them settles it: no warning.
    assert_eq!(read("x;y\n850;3.500\n1.050;4.25\n").report.dots_maybe_thousands, None);
    // With commas as separators, dots are decimal points as ever.
    assert_eq!(read("x,y\n1.050,2\n").points, vec![(1.05, 2.0)]);
    for import in [import, ambiguous] {
        assert_invariants(&import, ColumnKind::XY);
    }
}

#[test]
fn a_first_column_that_numbers_the_rows_is_passed_over() {
    let expected = vec![(1.5, 2.25), (2.0, -3.1), (3.25, 4.0)];
    // R's write.csv: an unnamed first column of quoted row names.
    let r = read("\"\",\"height\",\"weight\"\n\"1\",1.5,2.25\n\"2\",2,-3.1\n\"3\",3.25,4\n");
    assert_eq!(r.points, expected);
    assert_eq!(
        r.summary(),
        "Read 3 points from 3 rows, using columns “height” and “weight” of 3 (the first numbers the rows)."
    );
    assert!(r.report.row_numbers_skipped && r.report.needs_checking());
    // pandas' to_csv with its index, an id column, and no header at all.
    for text in [
        ",hours,score\n0,1.5,2.25\n1,2,-3.1\n2,3.25,4\n",
        "Unnamed: 0,hours,score\n0,1.5,2.25\n1,2,-3.1\n2,3.25,4\n",
        "id,hours,score\n17,1.5,2.25\n4,2,-3.1\n9,3.25,4\n",
        "1,1.5,2.25\n2,2,-3.1\n3,3.25,4\n",
        "0,1.5,2.25\n1,2,-3.1\n2,3.25,4\n",
    ] {
        let import = read(text);
        assert_eq!(import.points, expected, "{text}");
        assert!(import.summary().contains("(the first numbers the rows)"), "{}", import.summary());
        assert_invariants(&import, ColumnKind::XY);
    }
    // Without a header, a first column that does not count is data; two columns are x and y.
    assert_eq!(read("5,1.5,2.25\n2,2,-3.1\n3,3.25,4\n").points[0], (5.0, 1.5));
    assert_eq!(read("1,2\n2,3\n3,4\n").points[0], (1.0, 2.0));
    // Named x and y win over any rule, and need no warning.
    let named = read(",x,y\n0,1.5,2.25\n");
    assert_eq!(named.points, vec![(1.5, 2.25)]);
    assert!(!named.report.needs_checking());
    // A regression target column is y; the first other column is x, and the summary names both.
    let target = read("feat_a,feat_b,feat_c,target\n1,2,3,4\n5,6,7,8\n");
    assert_eq!(target.points, vec![(1.0, 4.0), (5.0, 8.0)]);
    assert!(target.report.columns_guessed && target.report.needs_checking());
    assert_eq!(target.summary(), "Read 2 points from 2 rows, using columns “feat_a” and “target” of 4.");
    // The classification lab the same way: the x column is not taken for the label.
    let admitted = read_labels(",score,admitted\n0,-3,0\n1,2.5,1\n2,1,1\n");
    assert_eq!(admitted.points, vec![(-3.0, 0.0), (2.5, 1.0), (1.0, 1.0)]);
    assert!(!admitted.report.refused);
}

#[test]
fn labels_written_as_words_or_class_names_are_read() {
    // Excel's TRUE/FALSE, pandas' True/False, yes/no.
    let words = read_labels("x,label\n1,TRUE\n2,FALSE\n3,true\n4,no\n");
    assert_eq!(words.points, vec![(1.0, 1.0), (2.0, 0.0), (3.0, 1.0), (4.0, 0.0)]);
    assert_eq!(words.summary(), "Read 4 points from 4 rows, with “FALSE” read as 0 and “TRUE” as 1.");
    // Two class names: the first in alphabetical order is 0, whichever comes first.
    let pets = read_labels("weight,species\n4.1,dog\n3.2,cat\n5.0,dog\n2.9,cat\n");
    assert_eq!(pets.points, vec![(4.1, 1.0), (3.2, 0.0), (5.0, 1.0), (2.9, 0.0)]);
    assert_eq!(pets.summary(), "Read 4 points from 4 rows, with “cat” read as 0 and “dog” as 1.");
    // A third class is left out, by name.
    let iris = read_labels("x,class\n1,setosa\n2,versicolor\n3,virginica\n4,setosa\n5,versicolor\n");
    assert_eq!(iris.points.len(), 4);
    assert_eq!(iris.report.skipped_examples, ["line 4: a third class, “virginica” (this lab compares two)"]);
    // Numeric third classes say why too.
    let three = read_labels("x,label\n1,0\n2,1\n3,2\n4,0\n5,1\n");
    assert_eq!(three.points.len(), 4);
    assert_eq!(three.report.skipped_examples, ["line 4: label “2” is not 0 or 1 (this lab compares two classes)"]);
    for import in [words, pets, iris, three] {
        assert_invariants(&import, ColumnKind::XLabel);
    }
}

#[test]
fn missing_values_as_pandas_writes_them_skip_their_rows_without_refusing_the_file() {
    let import = read("x,y\n1,2\n2,NA\n3,#N/A\n4,null\n5,6\n6,7\n");
    assert_eq!(import.points, vec![(1.0, 2.0), (5.0, 6.0), (6.0, 7.0)]);
    assert_eq!((import.report.rows_missing, import.report.refused), (3, false));
    assert_eq!(import.report.skipped_examples[0], "line 3: a missing value (“NA”)");
    // Half the rows missing still loads (as pandas' dropna would), unlike half misread.
    assert!(!read("x,y\n1,NA\n2,NA\n3,4\n").report.refused);
    assert!(read("x,y\n1,abc\n2,abc\n3,4\n").report.refused);
    assert_invariants(&import, ColumnKind::XY);
}

#[test]
fn decimal_commas_after_a_zero_are_never_thousands() {
    let tab = read("x\ty\n0,125\t1,250\n1,250\t2,500\n");
    assert_eq!(tab.points, vec![(0.125, 1.25), (1.25, 2.5)]);
    assert!(tab.report.decimal_commas);
}

#[test]
fn files_that_are_not_tables_say_what_they_are() {
    let cases: [(&[u8], &str); 6] = [
        (b"PK\x03\x04\x14\x00rest of a workbook", "Excel (.xlsx)"),
        (b"\x89PNG\r\n\x1a\n....", "PNG image"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1", "old Excel (.xls)"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"  [{\"x\": 1.5, \"y\": 2}]", "JSON"),
        (b"<html><table><tr><td>1</td></tr></table></html>", "web page"),
    ];
    for (bytes, named) in cases {
        let import = parse_points(bytes, ColumnKind::XY);
        assert!(import.points.is_empty());
        assert!(import.summary().contains(named), "{named}: {}", import.summary());
        assert_invariants(&import, ColumnKind::XY);
    }
}

#[test]
fn an_excel_separator_line_names_the_separator_and_is_not_a_row() {
    let import = read("sep=;\nx;y\n1,5;2\n3;4\n");
    assert_eq!(import.points, vec![(1.5, 2.0), (3.0, 4.0)]);
    assert_eq!(import.report.rows_skipped, 0);
    assert_eq!(import.report.header, Some(vec!["x".to_string(), "y".to_string()]));
    let quoted = read("\"sep=,\"\nx,y\n1,2\n");
    assert_eq!(quoted.points, vec![(1.0, 2.0)]);
}

#[test]
fn a_cell_below_the_smallest_number_is_skipped_saying_so() {
    // As in links: `1e-400` is not read as the 0 it rounds to.
    let import = parse_points(b"x,y\n1,2\n1e-400,3\n2,4\n3,5\n", ColumnKind::XY);
    assert_eq!(import.points, vec![(1.0, 2.0), (2.0, 4.0), (3.0, 5.0)]);
    assert!(import.summary().contains("“1e-400” is too close to 0"), "{}", import.summary());
}
