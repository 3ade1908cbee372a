//! The article's two scikit-learn examples, recomputed from the raw data in
//! `../shared/reference/seed_examples.json` and compared with scikit-learn's numbers.

use losslab_core::numerics::article::*;
use serde_json::Value;
use std::path::PathBuf;

fn reference(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("reference JSON parses")
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(|x| x.as_f64().expect("number")).collect()
}

/// Flattens a JSON matrix (array of rows) row-major; returns (values, columns).
fn matrix(v: &Value) -> (Vec<f64>, usize) {
    let rows = v.as_array().expect("rows");
    let columns = rows[0].as_array().expect("row").len();
    let values: Vec<f64> = rows.iter().flat_map(floats).collect();
    assert_eq!(values.len(), rows.len() * columns);
    (values, columns)
}

fn relative_error(actual: f64, expected: f64) -> f64 {
    (actual - expected).abs() / expected.abs().max(1e-300)
}

#[test]
fn classification_example_quick() {
    let r = reference("seed_examples.json");
    let c = &r["classification"];
    let (train_x, features) = matrix(&c["train_X"]);
    let (test_x, _) = matrix(&c["test_X"]);
    let out = classification_example(&train_x, &floats(&c["train_y"]), &test_x, &floats(&c["test_y"]), features).unwrap();
    println!("{:?} {} {} {} {}", out.fit.iterations, out.fit.relative_gradient, out.fit.gradient_norm, out.test_log_loss, out.test_accuracy);
    println!("{}", relative_error(out.test_log_loss, c["test_log_loss_converged"].as_f64().unwrap()));
}
