//! Built-in data sets, generated once from fixed seeds (so every student sees the same points)
//! and stored.

use crate::state::regression::Dataset;
use losslab_core::numerics::points::Points;
use std::rc::Rc;

/// The regression presets, in the order the preset bar lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// A clean line with small noise.
    Clean,
    /// The clean line with one point lifted far above it.
    Outlier,
    /// A point far to the right, pulled down: a high-leverage outlier.
    Leverage,
    /// Heavy-tailed (Cauchy-like) noise: several large residuals.
    HeavyTails,
    /// The source article's make_regression example (fetched from `data/`).
    Article,
}

impl Preset {
    /// Every preset.
    pub const ALL: [Preset; 5] =
        [Preset::Clean, Preset::Outlier, Preset::Leverage, Preset::HeavyTails, Preset::Article];

    /// Identifier used in test ids (`preset-<id>`).
    pub fn id(self) -> &'static str {
        match self {
            Preset::Clean => "clean",
            Preset::Outlier => "outlier",
            Preset::Leverage => "leverage",
            Preset::HeavyTails => "heavy",
            Preset::Article => "article",
        }
    }

    /// Button label.
    pub const fn label(self) -> &'static str {
        match self {
            Preset::Clean => "Clean line",
            Preset::Outlier => "One outlier",
            Preset::Leverage => "Leverage point",
            Preset::HeavyTails => "Heavy-tailed noise",
            Preset::Article => "Article's example",
        }
    }

    /// What to look for in this data set, shown under the plot while the points are
    /// the preset's own. The quantile line is named where it moves most: with τ = 0.9 it runs
    /// among the top points by design, and two reviews read it as "the least robust loss".
    pub fn what_to_look_for(self) -> Option<&'static str> {
        match self {
            Preset::Clean => Some("Without outliers every loss finds nearly the same line: the choice hardly matters."),
            Preset::Outlier => Some(
                "Drag the high point: MSE's line follows it, MAE's and Huber's (δ = 1) hardly move. (The quantile line keeps a fraction τ of the points below it: at τ = 0.9 it runs among the top ones, by design.)",
            ),
            Preset::Leverage => Some(
                "One point far out along x: even MAE's line tilts towards it. Robust losses resist large residuals, not leverage.",
            ),
            Preset::HeavyTails => {
                Some("Many moderate outliers: compare the robust losses' slopes with MSE's in the table.")
            }
            Preset::Article => None,
        }
    }

    /// The generated data set; `None` for the article's, which is fetched.
    pub fn dataset(self) -> Option<Dataset> {
        let pairs = match self {
            Preset::Clean => clean_line(),
            Preset::Outlier => {
                let mut pairs = clean_line();
                // Lift one point far above the line, right of centre so it has leverage on
                // the squared-error fit.
                pairs[11].1 = round2(pairs[11].1 + 11.0);
                pairs
            }
            Preset::Leverage => {
                let mut pairs: Vec<(f64, f64)> = clean_line().into_iter().filter(|p| p.0 <= 6.5).collect();
                pairs.push((16.0, round2(0.8 * 16.0 + 2.0 - 11.0)));
                pairs
            }
            Preset::HeavyTails => heavy_tails(),
            Preset::Article => return None,
        };
        Some(dataset(&pairs, self.label()))
    }
}

fn dataset(pairs: &[(f64, f64)], label: &str) -> Dataset {
    // The generators produce finite, small numbers, so validation cannot fail; an empty set
    // is the harmless fallback if it ever did.
    let points = Points::from_pairs(pairs).unwrap_or_default();
    Dataset { points: Rc::new(points), holdout: None, label: label.into() }
}

/// The name of the generated preset whose points `points` are, exactly (a link or saved work
/// holding a preset's unedited points then shows its name, "One outlier", and its hint, rather
/// than "from the link"); `None` for any other points.
pub fn name_of(points: &Points) -> Option<&'static str> {
    Preset::ALL.into_iter().find(|preset| preset.dataset().is_some_and(|d| *d.points == *points)).map(Preset::label)
}

/// The data set the app opens with: one outlier, so the lesson is visible at once.
pub fn default_dataset() -> Dataset {
    Preset::Outlier.dataset().unwrap_or_else(|| dataset(&[], "empty"))
}

/// Rounds to two decimals, so shared links stay short and readable.
fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// y of the clean line's points, in hundredths: 0.8·x + 2 plus Gaussian noise (σ = 0.45,
/// seed 42), rounded to two decimals. The values are stored, not generated: the generator
/// needs `cos` and `ln`, whose WebAssembly code cost more than the table. The tests keep the
/// generator and check the table against it.
const CLEAN_LINE_Y: [i16; 14] = [207, 219, 359, 452, 494, 436, 552, 596, 708, 724, 741, 826, 859, 930];

/// y of the heavy-tailed preset, in hundredths: 0.8·x + 2 plus Cauchy noise (scale 0.6,
/// seed 7, clipped to ±14), rounded to two decimals; stored like [`CLEAN_LINE_Y`].
const HEAVY_TAILS_Y: [i16; 30] = [
    199, 656, 454, 231, 256, 209, 347, 356, 1442, 495, 461, 515, 445, 586, 517, 316, 812, 557, 466, 1198, 1228, 752,
    832, 760, 946, 971, 646, 1016, 929, 1020,
];

fn hundredths(v: i16) -> f64 {
    f64::from(v) / 100.0
}

fn clean_line() -> Vec<(f64, f64)> {
    (0..14).zip(CLEAN_LINE_Y).map(|(i, y)| (round2(0.75 * f64::from(i)), hundredths(y))).collect()
}

fn heavy_tails() -> Vec<(f64, f64)> {
    (0..30).zip(HEAVY_TAILS_Y).map(|(i, y)| (round2(10.0 * f64::from(i) / 29.0), hundredths(y))).collect()
}

/// The generators the stored presets come from (seeded, so every student saw the same
/// points), kept to check the tables: natively here, and with the WebAssembly `libm` in the
/// browser tests.
#[cfg(test)]
pub mod generators {
    use super::round2;

    /// A small linear congruential generator: deterministic, dependency-free, good enough
    /// for scattering teaching data.
    pub struct Lcg(pub u64);

    impl Lcg {
        /// A uniform deviate in (0, 1).
        pub fn uniform(&mut self) -> f64 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((self.0 >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        }

        /// A standard normal deviate (Box–Muller).
        pub fn normal(&mut self) -> f64 {
            let (u, v) = (self.uniform(), self.uniform());
            (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
        }
    }

    /// The clean line as generated.
    pub fn clean_line() -> Vec<(f64, f64)> {
        let mut rng = Lcg(42);
        (0..14)
            .map(|i| {
                let x = 0.75 * f64::from(i);
                (round2(x), round2(0.8 * x + 2.0 + 0.45 * rng.normal()))
            })
            .collect()
    }

    /// The heavy-tailed preset as generated.
    pub fn heavy_tails() -> Vec<(f64, f64)> {
        let mut rng = Lcg(7);
        (0..30)
            .map(|i| {
                let x = 10.0 * f64::from(i) / 29.0;
                // Cauchy noise, clipped so the view stays usable.
                let noise = (0.6 * (std::f64::consts::PI * (rng.uniform() - 0.5)).tan()).clamp(-14.0, 14.0);
                (round2(x), round2(0.8 * x + 2.0 + noise))
            })
            .collect()
    }

    /// Whether the stored presets equal the generated ones, bit for bit.
    pub fn tables_match() -> bool {
        super::clean_line() == clean_line() && super::heavy_tails() == heavy_tails()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use losslab_core::numerics::regression::{fit, residuals, RegressionLoss};

    #[test]
    fn preset_coordinates_have_two_decimals_so_their_links_read_as_typed() {
        // Found by a review: the outlier's y was 7.26 + 11 = 19.259999999999998 in every link.
        for preset in Preset::ALL {
            for (x, y) in preset.dataset().map(|d| d.points.iter().collect::<Vec<_>>()).unwrap_or_default() {
                for v in [x, y] {
                    let text = format!("{v}");
                    assert!(text.split('.').nth(1).is_none_or(|decimals| decimals.len() <= 2), "{preset:?}: {text}");
                }
            }
        }
    }

    #[test]
    fn stored_presets_equal_their_generators() {
        assert!(generators::tables_match());
    }

    #[test]
    fn generated_presets_are_deterministic_and_show_their_lesson() {
        for preset in Preset::ALL {
            if let Some(data) = preset.dataset() {
                assert_eq!(Some(data.clone()), preset.dataset(), "{preset:?}");
                assert!(data.points.len() >= 10, "{preset:?}");
            }
        }
        let outlier = Preset::Outlier.dataset().unwrap();
        let mse = fit(&outlier.points, RegressionLoss::Mse);
        let mae = fit(&outlier.points, RegressionLoss::Mae);
        // The outlier is the point MAE leaves furthest from its line, far above it.
        let r = residuals(&outlier.points, mae.line);
        let (worst, value) = r.iter().enumerate().max_by(|a, b| a.1.abs().total_cmp(&b.1.abs())).unwrap();
        assert_eq!(worst, 11);
        assert!(*value > 8.0);
        assert!((mae.line.slope - 0.8).abs() < 0.15, "MAE ignores the outlier: {:?}", mae.line);
        let x = outlier.points.get(11).unwrap().0;
        assert!(mse.line.predict(x) > mae.line.predict(x) + 1.0, "MSE is pulled up: {:?} vs {:?}", mse.line, mae.line);
    }
}
