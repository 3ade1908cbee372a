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
}
