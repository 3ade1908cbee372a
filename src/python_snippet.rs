//! "Copy as Python": a runnable script that reproduces the current fits with the tools a
//! student would otherwise use — scikit-learn's `LinearRegression`, `QuantileRegressor` and
//! `LogisticRegression`, iteratively reweighted least squares in NumPy for the smooth robust
//! losses, SciPy's `minimize` for the focal loss — with the data inline.
//!
//! Like the app, every script fits in scaled coordinates (x centred and scaled, y centred and
//! scaled where the loss allows it, by the median distance from the median so that one far
//! outlier does not make the other points rounding noise) and maps the line back, so badly
//! scaled data (x near 10⁶ with a spread of 10⁻³, x near 10⁻⁶, one point at y = 10¹⁵) gives
//! the app's numbers; the mean losses are then measured on the original data. Numbers are
//! printed with 10 significant digits.

use losslab_core::numerics::classification::{FocalParams, L2Penalty, LabeledPoints};
use losslab_core::numerics::points::Points;
use losslab_core::numerics::regression::LossParams;
use std::fmt::Write as _;

/// Writes `values` as a Python list, shortest round-trip notation, 8 numbers a line.
fn python_list(values: &[f64]) -> String {
    let mut out = String::from("[");
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(if i % 8 == 0 { ",\n    " } else { ", " });
        }
        let _ = write!(out, "{v:?}");
    }
    out.push(']');
    out
}

/// Where the regression script's template is served (relative to the page). Its `@XS@`,
/// `@YS@`, `@DELTA@` and `@TAU@` are filled in. The templates are fetched when a script is
/// asked for, not compiled into the .wasm: 10 KB of Python every student would download.
pub const REGRESSION_TEMPLATE_URL: &str = "data/losslab-regression.py";

/// Where the classification script's template is served. Its `@XS@`, `@YS@`, `@LAM@`,
/// `@GAMMA@` and `@ALPHA@` are filled in.
pub const CLASSIFICATION_TEMPLATE_URL: &str = "data/losslab-classification.py";

/// Fills the `@NAME@` placeholders of `template`, in order; every placeholder must be given.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(name, value);
    }
    debug_assert!(!out.contains("@"), "a placeholder is left in the Python script");
    out
}

/// The script for the regression lab's current points and parameters. It prints, for every
/// loss (MSE, MAE, quantile, Huber, log-cosh and pseudo-Huber, whether shown or not), slope,
/// intercept and mean loss in the same conventions as LossLab (mean of ρ(r); MSE r², Huber
/// ½r² / δ(|r| − ½δ), pinball max(τr, (τ − 1)r), pseudo-Huber δ²(√(1 + (r/δ)²) − 1)).
pub fn regression_snippet(template: &str, points: &Points, params: LossParams) -> String {
    fill(
        template,
        &[
            ("@XS@", python_list(points.xs())),
            ("@YS@", python_list(points.ys())),
            ("@DELTA@", format!("{:?}", params.delta.get())),
            ("@TAU@", format!("{:?}", params.tau.get())),
        ],
    )
}

/// The script for the classification lab's points and settings: scikit-learn's
/// `LogisticRegression` for binary cross-entropy (in scaled coordinates u = (x − x̄)/s its
/// objective C·Σ log loss + ½a² is LossLab's mean log loss + λ/2·w² with C = s²/(λn);
/// `C = 1e300` when λ = 0), SciPy's `minimize` for the focal loss (torchvision's form), and
/// for the hinge loss an exact intercept per slope with a bounded scalar search on the slope
/// (a linear program when λ = 0). Like the app, it fits nothing where no best line exists.
pub fn classification_snippet(template: &str, points: &LabeledPoints, focal: FocalParams, l2: L2Penalty) -> String {
    let labels: Vec<f64> = points.labels().iter().map(|&l| if l { 1.0 } else { 0.0 }).collect();
    let alpha = match focal.alpha() {
        Some(a) => format!("{a:?}"),
        None => "None".to_string(),
    };
    fill(
        template,
        &[
            ("@XS@", python_list(points.xs())),
            ("@YS@", python_list(&labels)),
            ("@LAM@", format!("{:?}", l2.lambda())),
            ("@GAMMA@", format!("{:?}", focal.gamma())),
            ("@ALPHA@", alpha),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    // The templates the app fetches (`REGRESSION_TEMPLATE_URL` etc. under static/).
    const REGRESSION: &str = include_str!("../static/data/losslab-regression.py");
    const CLASSIFICATION: &str = include_str!("../static/data/losslab-classification.py");

    #[test]
    fn snippet_holds_the_data_exactly_and_the_parameters() {
        let points = Points::from_pairs(&[(0.1, 1.0 / 3.0), (2.0, -1e-7), (3.5, 7.25)]).unwrap();
        let params = LossParams {
            delta: losslab_core::numerics::regression::Delta::new(1.35).unwrap(),
            tau: losslab_core::numerics::regression::Tau::new(0.25).unwrap(),
        };
        let text = regression_snippet(REGRESSION, &points, params);
        assert!(text.contains("x = np.array([0.1, 2.0, 3.5])"), "{text}");
        assert!(text.contains("y = np.array([0.3333333333333333, -1e-7, 7.25])"), "{text}");
        assert!(text.contains("delta, tau = 1.35, 0.25"));
        assert!(text.contains("QuantileRegressor(quantile=q, alpha=0, solver=\"highs\").fit(U, v)"));
        assert!(!text.contains('@'), "every placeholder is filled");
    }

    #[test]
    fn regression_snippet_fits_every_loss_in_scaled_coordinates() {
        let points = Points::from_pairs(&[(1000.0, 0.0), (1000.0005, 0.5), (1000.001, 0.2)]).unwrap();
        let text = regression_snippet(REGRESSION, &points, LossParams::default());
        // All six losses, pseudo-Huber included, whatever the lab shows.
        for name in [
            "\"MSE\"",
            "(\"MAE\", 0.5)",
            "f\"Quantile tau={tau}\"",
            "f\"Huber delta={delta}\"",
            "\"Log-cosh\"",
            "f\"Pseudo-Huber delta={delta}\"",
        ] {
            assert!(text.contains(name), "{name} missing");
        }
        // Centred and scaled x, y scaled by its median distance from the median, mapped back;
        // the smooth fits start from the better of the least-squares and MAE lines and follow
        // the gradient (reweighted least squares).
        assert!(text.contains("U = ((x - xc) / s).reshape(-1, 1)") && text.contains("w = k * a / s"));
        assert!(text.contains("k = np.median(np.abs(y - yc))"));
        assert!(text.contains("starts = [(ols.coef_[0], ols.intercept_), (lad.coef_[0], lad.intercept_)]"));
        assert!(text.contains("wts = np.where(r == 0.0, 1.0, psi(safe) / safe)") && !text.contains("BFGS"));
        // Significant digits, not a fixed number of decimals (0.000000 for data near 1e-6).
        assert!(text.contains("slope {w:+.10g}") && !text.contains(".6f"));
    }

    #[test]
    fn classification_snippet_holds_labels_and_settings() {
        let points = LabeledPoints::from_pairs(&[(-1.5, false), (0.25, true), (2.0, true)]).unwrap();
        let text = classification_snippet(
            CLASSIFICATION,
            &points,
            FocalParams::new(2.0, Some(0.25)).unwrap(),
            L2Penalty::new(0.01).unwrap(),
        );
        assert!(text.contains("x = np.array([-1.5, 0.25, 2.0])"), "{text}");
        assert!(text.contains("y = np.array([0.0, 1.0, 1.0])"));
        assert!(text.contains("lam = 0.01") && text.contains("gamma, alpha = 2.0, 0.25"));
        // The penalty in scaled coordinates; no `penalty=` argument (deprecated in scikit-learn
        // 1.8) and no C = np.inf (scikit-learn 1.8.0 warns about it): C = 1e300 is unpenalised.
        assert!(text.contains("C = s**2 / (lam * n) if lam > 0 else 1e300"));
        assert!(text.contains("LogisticRegression(C=C, tol=1e-12, max_iter=100000).fit(u.reshape(-1, 1), y)"));
        assert!(!text.contains("(penalty=") && !text.contains(", penalty=") && !text.contains("C=np.inf"));
        assert!(text.contains("w {w:+.10g}") && !text.contains(".6f") && !text.contains(".8f"));
        assert!(!text.contains('@'));
        let none =
            classification_snippet(CLASSIFICATION, &points, FocalParams::new(0.5, None).unwrap(), L2Penalty::NONE);
        assert!(none.contains("gamma, alpha = 0.5, None") && none.contains("lam = 0.0"));
    }

    #[test]
    fn long_lists_wrap() {
        let values: Vec<f64> = (0..20).map(f64::from).collect();
        let list = python_list(&values);
        assert_eq!(list.lines().count(), 3);
        assert!(list.starts_with("[0.0, 1.0") && list.ends_with("19.0]"));
    }
}

#[cfg(test)]
mod template_tests {
    use super::*;

    #[test]
    fn the_template_urls_name_the_files_the_build_copies() {
        // index.html copies static/data/ to data/; the URLs must name files that exist there.
        for url in [REGRESSION_TEMPLATE_URL, CLASSIFICATION_TEMPLATE_URL] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static").join(url);
            assert!(path.is_file(), "{} is missing", path.display());
        }
    }
}
