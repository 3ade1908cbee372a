//! The article's data shipped as CSV assets (`static/data/article-*.csv`, written by
//! `tools/extract_article_data.py`): they hold exactly the reference data, bit for bit, and
//! the article's two examples computed from them match scikit-learn's reference results.
//!
//! The reference JSON is read with a small parser of its own that keeps every number's text,
//! and the text is converted with Rust's correctly rounded `str::parse::<f64>`, so the
//! bit-for-bit comparison does not depend on any JSON library's float conversion.

mod common;

use losslab_core::io::csv::{parse_table, Table};
use losslab_core::numerics::article::{classification_example, regression_example};
use std::path::PathBuf;

fn read_bytes(relative: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn asset(name: &str) -> Table {
    let bytes = read_bytes(&format!("../../static/data/{name}"));
    parse_table(&bytes).unwrap_or_else(|e| panic!("{name} does not parse: {e}"))
}

/// A JSON value whose numbers keep their text.
#[derive(Debug)]
enum Json {
    Number(String),
    Text(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
    Other,
}

impl Json {
    fn get(&self, key: &str) -> &Json {
        match self {
            Json::Object(entries) => {
                entries.iter().find(|(k, _)| k == key).map(|(_, v)| v).unwrap_or_else(|| panic!("no key {key}"))
            }
            other => panic!("not an object: {other:?}"),
        }
    }

    fn number(&self) -> f64 {
        match self {
            Json::Number(text) => text.parse().unwrap_or_else(|e| panic!("{text}: {e}")),
            other => panic!("not a number: {other:?}"),
        }
    }

    fn items(&self) -> &[Json] {
        match self {
            Json::Array(items) => items,
            other => panic!("not an array: {other:?}"),
        }
    }

    fn numbers(&self) -> Vec<f64> {
        self.items().iter().map(Json::number).collect()
    }

    fn texts(&self) -> Vec<String> {
        self.items()
            .iter()
            .map(|item| match item {
                Json::Text(text) => text.clone(),
                other => panic!("not a string: {other:?}"),
            })
            .collect()
    }
}

/// A minimal JSON reader for the reference file (no escapes other than `\"` and `\\` needed).
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn skip_space(&mut self) {
        while self.bytes.get(self.at).is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) {
        self.skip_space();
        assert_eq!(self.bytes.get(self.at), Some(&byte), "expected {:?} at byte {}", byte as char, self.at);
        self.at += 1;
    }

    fn string(&mut self) -> String {
        self.expect(b'"');
        let mut out = Vec::new();
        loop {
            match self.bytes[self.at] {
                b'"' => break,
                b'\\' => {
                    self.at += 1;
                    out.push(self.bytes[self.at]);
                }
                b => out.push(b),
            }
            self.at += 1;
        }
        self.at += 1;
        String::from_utf8(out).expect("UTF-8 string")
    }

    fn value(&mut self) -> Json {
        self.skip_space();
        match self.bytes[self.at] {
            b'{' => {
                self.at += 1;
                let mut entries = Vec::new();
                loop {
                    self.skip_space();
                    if self.bytes[self.at] == b'}' {
                        self.at += 1;
                        return Json::Object(entries);
                    }
                    if !entries.is_empty() {
                        self.expect(b',');
                    }
                    let key = self.string();
                    self.expect(b':');
                    entries.push((key, self.value()));
                }
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    if self.bytes[self.at] == b']' {
                        self.at += 1;
                        return Json::Array(items);
                    }
                    if !items.is_empty() {
                        self.expect(b',');
                    }
                    items.push(self.value());
                }
            }
            b'"' => Json::Text(self.string()),
            b'-' | b'0'..=b'9' => {
                let start = self.at;
                while self.bytes.get(self.at).is_some_and(|b| b"+-.eE0123456789".contains(b)) {
                    self.at += 1;
                }
                Json::Number(String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned())
            }
            _ => {
                while self.bytes.get(self.at).is_some_and(|b| b.is_ascii_alphabetic()) {
                    self.at += 1;
                }
                Json::Other
            }
        }
    }
}

fn seed_examples() -> Json {
    let path = common::reference_path("seed_examples.json");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Reader { bytes: &bytes, at: 0 }.value()
}

/// Bit patterns, so that `-0.0 ≠ 0.0` and every last bit counts.
fn bits(values: &[f64]) -> Vec<u64> {
    values.iter().map(|v| v.to_bits()).collect()
}

/// The Python tool's rule: runs of characters other than ASCII letters and digits become `_`.
fn identifier(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

fn split_column(table: &Table) -> &[String] {
    let column = table.text_column.as_ref().expect("a split column");
    assert_eq!(column.name, "split");
    &column.values
}

#[test]
fn regression_csv_holds_exactly_the_reference_data() {
    let table = asset("article-regression.csv");
    let json = seed_examples();
    let reference = json.get("regression");
    assert_eq!(table.header, ["x", "y"]);
    let split = split_column(&table);
    assert_eq!(split.iter().filter(|s| *s == "train").count(), 80);
    assert_eq!(split.iter().filter(|s| *s == "test").count(), 20);
    assert_eq!(split.len(), 100, "no other split value");
    for part in ["train", "test"] {
        let rows = table.rows_with_text(part);
        assert_eq!(
            bits(&rows.column("x").expect("x")),
            bits(&reference.get(&format!("{part}_x")).numbers()),
            "{part} x"
        );
        assert_eq!(
            bits(&rows.column("y").expect("y")),
            bits(&reference.get(&format!("{part}_y")).numbers()),
            "{part} y"
        );
    }
}

#[test]
fn breast_cancer_csv_holds_exactly_the_reference_data() {
    let table = asset("article-breast-cancer.csv");
    let json = seed_examples();
    let reference = json.get("classification");
    let names: Vec<String> = reference.get("feature_names").texts().iter().map(|n| identifier(n)).collect();
    assert_eq!(names.len(), 30);
    assert_eq!(table.header[0], "label");
    assert_eq!(table.header[1..], names[..]);
    assert_eq!(names[7], "mean_concave_points");
    let split = split_column(&table);
    assert_eq!((split.iter().filter(|s| *s == "train").count(), split.len()), (455, 569));
    for part in ["train", "test"] {
        let rows = table.rows_with_text(part);
        let labels: Vec<f64> = rows.rows.iter().map(|row| row[0]).collect();
        assert_eq!(bits(&labels), bits(&reference.get(&format!("{part}_y")).numbers()), "{part} labels");
        let features: Vec<Vec<f64>> = rows.rows.iter().map(|row| row[1..].to_vec()).collect();
        let expected: Vec<Vec<f64>> = reference.get(&format!("{part}_X")).items().iter().map(Json::numbers).collect();
        assert_eq!(features.len(), expected.len());
        for (i, (got, want)) in features.iter().zip(&expected).enumerate() {
            assert_eq!(bits(got), bits(want), "{part} row {i}");
        }
    }
}

#[test]
fn the_assets_hold_data_only_never_the_reference_results() {
    let json = seed_examples();
    let results = [
        json.get("regression").get("slope"),
        json.get("regression").get("intercept"),
        json.get("regression").get("test_mse"),
        json.get("classification").get("test_log_loss_as_written"),
        json.get("classification").get("test_log_loss_converged"),
        json.get("classification").get("test_accuracy_converged"),
    ];
    for name in ["article-regression.csv", "article-breast-cancer.csv"] {
        let text = String::from_utf8(read_bytes(&format!("../../static/data/{name}"))).expect("UTF-8");
        for result in &results {
            let Json::Number(digits) = result else { panic!("a number") };
            assert!(!text.contains(digits.as_str()), "{name} contains the reference result {digits}");
        }
    }
}

#[test]
fn regression_example_from_the_csv_matches_scikit_learn() {
    let table = asset("article-regression.csv");
    let json = seed_examples();
    let (train, test) = (table.rows_with_text("train"), table.rows_with_text("test"));
    let column = |t: &Table, name: &str| t.column(name).expect("column");
    let out = regression_example(&column(&train, "x"), &column(&train, "y"), &column(&test, "x"), &column(&test, "y"))
        .expect("the example computes");
    let expected = json.get("regression").get("test_mse").number();
    assert!((out.test_mse - expected).abs() <= 1e-9, "test MSE {} vs {expected}", out.test_mse);
}

#[test]
fn classification_example_from_the_csv_matches_scikit_learn() {
    let table = asset("article-breast-cancer.csv");
    let json = seed_examples();
    let reference = json.get("classification");
    let features = table.header.len() - 1;
    let split = |part: &str| {
        let rows = table.rows_with_text(part).rows;
        let labels: Vec<f64> = rows.iter().map(|row| row[0]).collect();
        let matrix: Vec<f64> = rows.iter().flat_map(|row| row[1..].iter().copied()).collect();
        (matrix, labels)
    };
    let ((train_x, train_y), (test_x, test_y)) = (split("train"), split("test"));
    let out = classification_example(&train_x, &train_y, &test_x, &test_y, features).expect("the example computes");
    assert!(out.fit.converged);
    assert_eq!(out.test_accuracy, reference.get("test_accuracy_converged").number());
    let expected = reference.get("test_log_loss_converged").number();
    assert!((out.test_log_loss - expected).abs() <= 1e-6, "test log loss {} vs {expected}", out.test_log_loss);
}
