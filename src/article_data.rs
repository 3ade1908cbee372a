//! Loading the source article's data sets, shipped as static CSV files under `data/` and
//! fetched only when needed.

use crate::state::regression::Dataset;
use losslab_core::numerics::points::Points;
use std::rc::Rc;

/// Relative URL of the article's regression data (`split,x,y`).
pub const REGRESSION_URL: &str = "data/article-regression.csv";

/// Splits `split,x,y` rows into training and test points.
pub fn parse_regression(text: &str) -> Result<(Points, Points), String> {
    let (mut train, mut test) = (Vec::new(), Vec::new());
    for (number, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').collect();
        let [split, x, y] = fields[..] else {
            return Err(format!("line {} of the article's data is malformed", number + 1));
        };
        let parse = |v: &str| losslab_core::io::hash::parse_number(v).map_err(|e| format!("line {}: {e}", number + 1));
        let pair = (parse(x)?, parse(y)?);
        match split.trim() {
            "train" => train.push(pair),
            "test" => test.push(pair),
            other => return Err(format!("line {}: unknown split “{other}”", number + 1)),
        }
    }
    let train = Points::from_pairs(&train).map_err(|e| e.to_string())?;
    let test = Points::from_pairs(&test).map_err(|e| e.to_string())?;
    Ok((train, test))
}

/// The name the lab shows for the article's regression example: its data-set button's.
pub const REGRESSION_LABEL: &str = crate::presets::Preset::Article.label();

/// Fetches and parses the article's regression example: 80 training points to fit, 20 held
/// out to test.
pub async fn load_regression() -> Result<Dataset, String> {
    let text = crate::browser::fetch_text(REGRESSION_URL).await?;
    let (train, test) = parse_regression(&text)?;
    Ok(Dataset { points: Rc::new(train), holdout: Some(Rc::new(test)), label: REGRESSION_LABEL.into() })
}

/// Relative URL of the article's breast-cancer data (`split,label,<30 features>`).
pub const BREAST_CANCER_URL: &str = "data/article-breast-cancer.csv";

/// A labelled feature matrix split into training and test rows, row-major, as the core's
/// `classification_example` takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureSplit {
    /// Number of features (columns) per row.
    pub features: usize,
    /// Training rows, `features` values each.
    pub train_x: Vec<f64>,
    /// Training labels, 0 or 1.
    pub train_y: Vec<f64>,
    /// Test rows.
    pub test_x: Vec<f64>,
    /// Test labels.
    pub test_y: Vec<f64>,
}

/// Reads `split,label,<features…>` rows (the core's strict table reader) into a training and
/// a test set. Labels are checked by the core when it fits.
pub fn parse_breast_cancer(text: &str) -> Result<FeatureSplit, String> {
    let table = losslab_core::io::csv::parse_table(text.as_bytes())?;
    let label = table.column_index("label").ok_or("the article's classification data has no “label” column")?;
    if table.text_column.is_none() {
        return Err("the article's classification data has no train/test column".into());
    }
    let features = table.header.len() - 1;
    if features == 0 {
        return Err("the article's classification data has no feature columns".into());
    }
    let split = |name: &str| {
        let rows = table.rows_with_text(name).rows;
        // A missing label reads as NaN, which the core refuses with a sentence.
        let labels: Vec<f64> = rows.iter().map(|row| row.get(label).copied().unwrap_or(f64::NAN)).collect();
        let values: Vec<f64> =
            rows.iter().flat_map(|row| row.iter().enumerate().filter(|&(j, _)| j != label).map(|(_, &v)| v)).collect();
        (values, labels)
    };
    let (train_x, train_y) = split("train");
    let (test_x, test_y) = split("test");
    Ok(FeatureSplit { features, train_x, train_y, test_x, test_y })
}

/// Fetches and parses the article's breast-cancer example (455 training rows, 114 test rows).
pub async fn load_breast_cancer() -> Result<FeatureSplit, String> {
    let text = crate::browser::fetch_text(BREAST_CANCER_URL).await?;
    parse_breast_cancer(&text)
}

#[cfg(test)]
mod breast_cancer_tests {
    use super::*;

    #[test]
    fn the_shipped_file_splits_into_the_articles_rows() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/data/article-breast-cancer.csv"))
                .expect("the data file ships with the app");
        let split = parse_breast_cancer(&text).expect("parsed");
        assert_eq!(split.features, 30);
        assert_eq!((split.train_y.len(), split.test_y.len()), (455, 114));
        assert_eq!(split.train_x.len(), 455 * 30);
        let example = losslab_core::numerics::article::classification_example(
            &split.train_x,
            &split.train_y,
            &split.test_x,
            &split.test_y,
            30,
        )
        .expect("fitted");
        assert_eq!(format!("{:.5}", example.test_log_loss), "0.08002");
        assert_eq!(format!("{:.5}", example.test_accuracy), "0.95614");
        assert!(parse_breast_cancer("split,label,a\ntrain,1,2\n").is_ok());
        assert!(parse_breast_cancer("label,a\n1,2\n").is_err(), "no split column");
        assert!(parse_breast_cancer("split,label\ntrain,1\n").is_err(), "no features");
        assert!(parse_breast_cancer("<html>not found</html>").is_err());
    }
}
