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

/// Fetches and parses the article's regression example: 80 training points to fit, 20 held
/// out to test.
pub async fn load_regression() -> Result<Dataset, String> {
    let text = crate::browser::fetch_text(REGRESSION_URL).await?;
    let (train, test) = parse_regression(&text)?;
    Ok(Dataset { points: Rc::new(train), holdout: Some(Rc::new(test)), label: "the article's make_regression example".into() })
}
