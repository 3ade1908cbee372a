//! Numbers for people: rounded, without float noise, in a fixed width where it helps reading.

/// Four significant digits, switching to scientific notation for very large or small
/// magnitudes: `3.059`, `-1.327`, `46.6`, `1.234e6`, `0`.
pub fn human(v: f64) -> String {
    if !v.is_finite() {
        return if v.is_nan() {
            "—".into()
        } else if v > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        };
    }
    if v == 0.0 {
        return "0".into();
    }
    let magnitude = v.abs();
    let text = if !(1e-3..1e6).contains(&magnitude) {
        format!("{v:.3e}")
    } else {
        let decimals = (3 - magnitude.log10().floor() as i32).clamp(0, 6) as usize;
        let fixed = format!("{v:.decimals$}");
        if fixed.contains('.') {
            fixed.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            fixed
        }
    };
    // A typographic minus reads better than a hyphen.
    let text = if text == "-0" { "0".to_string() } else { text };
    minus(text)
}

/// Replaces a leading hyphen with a typographic minus sign.
fn minus(text: String) -> String {
    match text.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => text,
    }
}

/// A fixed number of decimals (for test MSE and log loss, which the article prints that way).
pub fn decimals(v: f64, places: usize) -> String {
    minus(format!("{v:.places$}"))
}

/// `value` rounded to a multiple of the largest power of ten not above `tolerance` (unchanged
/// when either is not a positive finite number, or the step would be below 10⁻²²). Dividing by
/// an exact power of ten gives the double nearest the decimal, which prints as that decimal.
pub fn round_decimal(value: f64, tolerance: f64) -> f64 {
    if !(value.is_finite() && tolerance.is_finite() && tolerance > 0.0) {
        return value;
    }
    let exponent = tolerance.log10().floor();
    // `+ 0.0` turns a rounded −0 into 0, so no link shows "-0".
    if exponent >= 0.0 {
        let step = 10f64.powf(exponent);
        (value / step).round() * step + 0.0
    } else if exponent >= -22.0 {
        let scale = 10f64.powi(-(exponent as i32));
        (value * scale).round() / scale + 0.0
    } else {
        value
    }
}

/// A coordinate moved by `delta` (a keyboard or button nudge), stored as a short decimal: on
/// the grid of the largest power of ten not above a tenth of the step, so repeated nudges
/// give `0.47`, not `0.47000000000000003`, and each move stays within 5 % of its step. A
/// coordinate off that grid snaps onto it, so a step there and back need not return exactly.
pub fn nudged(value: f64, delta: f64) -> f64 {
    if delta == 0.0 {
        value
    } else {
        round_decimal(value + delta, delta.abs() / 10.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_rounds_to_four_significant_digits() {
        assert_eq!(human(3.0592514900384384), "3.059");
        assert_eq!(human(-1.3273335225822027), "−1.327");
        assert_eq!(human(46.59607366813055), "46.6");
        assert_eq!(human(2.0), "2");
        assert_eq!(human(0.0), "0");
        assert_eq!(human(-0.0), "0");
        assert_eq!(human(1234567.0), "1.235e6");
        assert_eq!(human(0.00012345), "1.234e-4");
        assert_eq!(human(-0.00012345), "−1.234e-4");
        assert_eq!(human(0.1 + 0.2), "0.3");
        assert_eq!(human(f64::NAN), "—");
        assert_eq!(decimals(104.20222653187027, 4), "104.2022");
    }

    #[test]
    fn nudges_land_on_short_decimals_within_a_twentieth_of_the_step() {
        let mut x = -0.4896;
        for _ in 0..50 {
            let next = nudged(x, 0.0264);
            assert!((next - (x + 0.0264)).abs() <= 0.05 * 0.0264 + 1e-15, "{x} → {next}");
            assert!(next.to_string().len() <= 6, "{next}");
            x = next;
        }
        assert_eq!(nudged(0.7263206400000001, 0.0), 0.7263206400000001, "an unmoved coordinate is kept");
        assert_eq!(nudged(0.1, 0.2).to_string(), "0.3");
        assert_eq!(nudged(12.0, -5.0), 7.0);
    }
}
