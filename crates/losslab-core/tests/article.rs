//! The article's two scikit-learn examples, recomputed from the raw data in
//! `../shared/reference/seed_examples.json` and compared with scikit-learn's numbers.

mod common;

use losslab_core::numerics::article::*;
use losslab_core::numerics::classification::FitError;
use losslab_core::numerics::error::InputError;
use proptest::prelude::*;
use serde_json::Value;

fn reference(name: &str) -> Value {
    let path = common::reference_path(name);
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

struct Classification {
    train_x: Vec<f64>,
    train_y: Vec<f64>,
    test_x: Vec<f64>,
    test_y: Vec<f64>,
    features: usize,
}

fn classification_data() -> (Classification, Value) {
    let r = reference("seed_examples.json");
    let c = r["classification"].clone();
    let (train_x, features) = matrix(&c["train_X"]);
    let (test_x, test_features) = matrix(&c["test_X"]);
    assert_eq!(features, 30);
    assert_eq!(test_features, 30);
    let data =
        Classification { train_x, train_y: floats(&c["train_y"]), test_x, test_y: floats(&c["test_y"]), features };
    (data, c)
}

#[test]
fn regression_example_matches_scikit_learn() {
    let r = reference("seed_examples.json");
    let g = &r["regression"];
    let out = regression_example(
        &floats(&g["train_x"]),
        &floats(&g["train_y"]),
        &floats(&g["test_x"]),
        &floats(&g["test_y"]),
    )
    .unwrap();
    let slope = g["slope"].as_f64().unwrap();
    let intercept = g["intercept"].as_f64().unwrap();
    let mse = g["test_mse"].as_f64().unwrap();
    // The brief asks for 1e-6; the closed form does far better.
    assert!(relative_error(out.line.slope, slope) <= 1e-13, "slope {} vs {slope}", out.line.slope);
    assert!(relative_error(out.line.intercept, intercept) <= 1e-11, "intercept {} vs {intercept}", out.line.intercept);
    assert!(relative_error(out.test_mse, mse) <= 1e-12, "test MSE {} vs {mse}", out.test_mse);
}

/// The converged logistic regression on the breast-cancer split.
///
/// About the reference log loss: `test_log_loss_converged` = 0.08001770997876842 in the file
/// is itself not fully converged. Our fit reaches a relative gradient of ~1e−15 and an absolute
/// gradient norm of ~1e−13 (asserted below), and scikit-learn 1.9.1 agrees with us once it is
/// really converged: `LogisticRegression(C=1, solver="newton-cholesky", tol=1e-14)` and
/// `solver="newton-cg"` both give 0.08001826694675847 (ours: 0.08001826694675847), while lbfgs
/// with tol=1e-6 stops at 0.0800186295728708. The file's value is 7.0e−6 (relative) below the
/// optimum, so the comparison with it uses 1e−5; the comparison with the fully converged
/// scikit-learn value uses 1e−12.
#[test]
fn classification_example_matches_converged_scikit_learn() {
    let (d, c) = classification_data();
    let out = classification_example(&d.train_x, &d.train_y, &d.test_x, &d.test_y, d.features).unwrap();
    let fit = &out.fit;
    println!(
        "iterations {}, relative gradient {:e}, gradient norm {:e}, objective {}, test log loss {}, accuracy {}/{}",
        fit.iterations,
        fit.relative_gradient,
        fit.gradient_norm,
        fit.objective,
        out.test_log_loss,
        out.test_correct,
        out.test_rows
    );
    assert!(fit.converged);
    assert!(fit.relative_gradient <= 1e-10);
    assert!(fit.gradient_norm <= 1e-9, "‖∇F‖ = {}", fit.gradient_norm);

    const SKLEARN_FULLY_CONVERGED: f64 = 0.08001826694675847;
    assert!(relative_error(out.test_log_loss, SKLEARN_FULLY_CONVERGED) <= 1e-12, "{}", out.test_log_loss);
    let file_value = c["test_log_loss_converged"].as_f64().unwrap();
    assert!(relative_error(out.test_log_loss, file_value) <= 1e-5, "{} vs {file_value}", out.test_log_loss);
    // The requirement: the seed numbers to 1e-6 (absolute; the displayed 0.08002 agrees).
    assert!((out.test_log_loss - file_value).abs() <= 1e-6, "{} vs {file_value}", out.test_log_loss);

    assert_eq!((out.test_correct, out.test_rows), (109, 114));
    assert_eq!(out.test_accuracy, c["test_accuracy_converged"].as_f64().unwrap());
    assert_eq!(out.test_accuracy, 109.0 / 114.0);

    // Not the article's unconverged printout.
    let as_written = c["test_log_loss_as_written"].as_f64().unwrap();
    assert!((out.test_log_loss - as_written).abs() > 1e-3);
}

/// At the solution no coordinate move of the weights or the intercept lowers the objective
/// (it is strictly convex, so this is the global optimum), and the gradient matches
/// finite differences there.
#[test]
fn logistic_fit_is_the_optimum_of_the_stated_objective() {
    let (d, _) = classification_data();
    let train = FeatureRows::new(&d.train_x, d.features, &d.train_y).unwrap();
    let c = InverseRegularisation::SKLEARN_DEFAULT;
    let fit = fit_logistic_regression(&train, c).unwrap();
    let f = logistic_objective(&train, c, &fit.model);
    assert_eq!(f, fit.objective);
    for j in 0..=d.features {
        for &step in &[1e-4, -1e-4, 1e-6, -1e-6] {
            let mut moved = fit.model.clone();
            if j < d.features {
                moved.weights[j] += step * (1.0 + moved.weights[j].abs());
            } else {
                moved.intercept += step * (1.0 + moved.intercept.abs());
            }
            let g = logistic_objective(&train, c, &moved);
            assert!(g >= f - 1e-15 * f, "coordinate {j} step {step}: {g} < {f}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The logistic objective's gradient against 4th-order central differences, and the fit's
    /// optimality, on small random problems with 3 features (one of them sometimes constant).
    #[test]
    fn logistic_gradient_matches_differences_and_fits_are_stationary(
        rows in proptest::collection::vec((proptest::array::uniform3(-3.0..3.0f64), any::<bool>()), 2..30),
        weights in proptest::array::uniform3(-2.0..2.0f64),
        intercept in -2.0..2.0f64,
        c in 0.01..100.0f64,
        constant_column in any::<bool>(),
    ) {
        let mut values = Vec::new();
        let mut labels = Vec::new();
        for (i, (x, y)) in rows.iter().enumerate() {
            values.extend_from_slice(x);
            if constant_column { let k = values.len() - 1; values[k] = 7.0; }
            // Both labels present.
            labels.push(if i == 0 { 0.0 } else if i == 1 { 1.0 } else { f64::from(u8::from(*y)) });
        }
        let train = FeatureRows::new(&values, 3, &labels).unwrap();
        let c = InverseRegularisation::new(c).unwrap();
        let model = LogisticModel { weights: weights.to_vec(), intercept };
        let (dw, db) = logistic_objective_gradient(&train, c, &model);
        let f0 = logistic_objective(&train, c, &model);
        let fd = |change: &dyn Fn(&mut LogisticModel, f64), at: f64| {
            let eval = |v: f64| { let mut m = model.clone(); change(&mut m, v); logistic_objective(&train, c, &m) };
            let h = 1e-4;
            (eval(at - 2.0 * h) - 8.0 * eval(at - h) + 8.0 * eval(at + h) - eval(at + 2.0 * h)) / (12.0 * h)
        };
        for (j, &exact) in dw.iter().enumerate() {
            let numeric = fd(&|m: &mut LogisticModel, v| m.weights[j] = v, model.weights[j]);
            prop_assert!((numeric - exact).abs() <= 1e-8 * (1.0 + f0), "∂w{} {} vs {}", j, exact, numeric);
        }
        let numeric = fd(&|m: &mut LogisticModel, v| m.intercept = v, model.intercept);
        prop_assert!((numeric - db).abs() <= 1e-8 * (1.0 + f0), "∂b {} vs {}", db, numeric);

        let fit = fit_logistic_regression(&train, c).unwrap();
        prop_assert!(fit.converged && fit.relative_gradient <= 1e-10, "{:?}", fit);
        prop_assert!(fit.gradient_norm <= 1e-9, "{:?}", fit);
        if constant_column {
            prop_assert_eq!(fit.model.weights[2], 0.0);
        }
    }
}

#[test]
fn bad_article_input_gives_clear_errors() {
    assert!(matches!(
        regression_example(&[1.0, f64::NAN], &[1.0, 2.0], &[1.0], &[1.0]),
        Err(ArticleError::Input { part: DataPart::Training, error: InputError::NotFinite { .. } })
    ));
    assert!(matches!(
        regression_example(&[1.0, 2.0], &[1.0, 2.0], &[1.0], &[]),
        Err(ArticleError::Input { part: DataPart::Test, error: InputError::LengthMismatch { xs: 1, ys: 0 } })
    ));
    assert_eq!(regression_example(&[1.0, 2.0], &[1.0, 2.0], &[], &[]), Err(ArticleError::EmptyTestSet));
    assert_eq!(regression_example(&[3.0, 3.0], &[1.0, 2.0], &[1.0], &[1.0]), Err(ArticleError::SlopeUndetermined));
    assert_eq!(regression_example(&[], &[], &[1.0], &[1.0]), Err(ArticleError::SlopeUndetermined));

    assert!(matches!(
        FeatureRows::new(&[1.0, 2.0, 3.0], 2, &[0.0, 1.0]),
        Err(InputError::LengthMismatch { xs: 3, ys: 4 })
    ));
    assert!(matches!(FeatureRows::new(&[], 0, &[]), Err(InputError::BadParameter { name: "features", .. })));
    assert!(matches!(FeatureRows::new(&[1.0, 2.0], 1, &[0.0, 2.0]), Err(InputError::BadLabel { index: 1, .. })));
    assert!(matches!(
        FeatureRows::new(&[1.0, 2.0, 3.0, f64::INFINITY], 2, &[0.0, 1.0]),
        Err(InputError::NotFinite { index: 1, .. })
    ));
    assert!(InverseRegularisation::new(0.0).is_err() && InverseRegularisation::new(f64::NAN).is_err());

    let one_class = classification_example(&[1.0, 2.0], &[1.0, 1.0], &[1.0], &[0.0], 1);
    assert_eq!(one_class, Err(ArticleError::Fit(FitError::MissingClass { label: 0, hinge: false })));
    assert!(one_class.unwrap_err().to_string().contains("label 0"));
    let no_rows = FeatureRows::new(&[], 2, &[]).unwrap();
    assert_eq!(fit_logistic_regression(&no_rows, InverseRegularisation::SKLEARN_DEFAULT), Err(FitError::NoPoints));
}
