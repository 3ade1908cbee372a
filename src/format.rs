//! Numbers for people: rounded, without float noise, in a fixed width where it helps reading.

/// Four significant digits, switching to scientific notation for very large or small
/// magnitudes: `3.059`, `-1.327`, `46.6`, `1.234e6`, `0` (see [`significant`]).
pub fn human(v: f64) -> String {
    significant(v, 4)
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

/// `v` with `digits` significant digits (at least 1): scientific notation outside
/// 10⁻³ ≤ |v| < 10⁶ (with every digit: `1.500e-7`), trailing zeros dropped otherwise, a
/// typographic minus; `—` for NaN, `∞`, `−∞`.
pub fn significant(v: f64, digits: usize) -> String {
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
    let places = digits.max(1) - 1;
    let magnitude = v.abs();
    let text = if !(1e-3..1e6).contains(&magnitude) {
        format!("{v:.places$e}")
    } else {
        let decimals = (places as i32 - magnitude.log10().floor() as i32).max(0) as usize;
        let fixed = format!("{v:.decimals$}");
        if fixed.contains('.') {
            fixed.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            fixed
        }
    };
    // A typographic minus reads better than a hyphen.
    minus(text)
}

/// Whether `a` and `b` are equal up to rounding noise: within 10⁻⁹ of the larger magnitude.
pub fn equal_within_rounding(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// The fewest significant digits, from 4 to 10, with which `best` shows a different number
/// from every value of `column` not [equal to it within rounding](equal_within_rounding). Ten
/// digits tell apart any two numbers further apart than that, so 10 is the most it returns.
/// The shown numbers are compared, not their texts: "1.000e-3" and "0.001" are one number.
/// (Rounded arithmetically: parsing the texts back would link the standard library's float
/// parser, 13 KB of compressed WebAssembly.)
pub fn digits_to_tell_apart(best: f64, column: &[f64]) -> usize {
    let shown = |v: f64, digits: usize| {
        if v == 0.0 || !v.is_finite() {
            return v;
        }
        let k = digits as i32 - 1 - v.abs().log10().floor() as i32;
        let rounded = if k >= 0 {
            (v * 10f64.powi(k)).round() / 10f64.powi(k)
        } else {
            (v / 10f64.powi(-k)).round() * 10f64.powi(-k)
        };
        if rounded.is_finite() {
            rounded
        } else {
            v
        }
    };
    (4..10)
        .find(|&digits| {
            let mine = shown(best, digits);
            column.iter().all(|&v| equal_within_rounding(best, v) || shown(v, digits) != mine)
        })
        .unwrap_or(10)
}

/// "1 point", "14 points".
pub fn point_count(n: usize) -> String {
    format!("{n} point{}", if n == 1 { "" } else { "s" })
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

    #[test]
    fn significant_keeps_the_asked_digits() {
        // Four digits are `human`, tested above.
        assert_eq!(significant(999.96, 4), "1000");
        assert_eq!(significant(-7.5e120, 4), "−7.500e120");
        assert_eq!(significant(1.1712345678, 8), "1.1712346");
        assert_eq!(significant(0.41594999, 6), "0.41595");
        assert_eq!(significant(-12345.678, 7), "−12345.68");
        assert_eq!(significant(1.5e-7, 8), "1.5000000e-7");
        assert_eq!(significant(2.6, 1), "3");
        assert_eq!(significant(123456.0, 2), "123456", "never rounds away whole digits");
    }

    #[test]
    fn equal_within_rounding_is_relative() {
        assert!(equal_within_rounding(0.0, 0.0));
        assert!(equal_within_rounding(f64::INFINITY, f64::INFINITY));
        assert!(equal_within_rounding(1.0, 1.0 + 1e-12));
        assert!(equal_within_rounding(1e-30, 1e-30 * (1.0 + 1e-10)));
        assert!(!equal_within_rounding(1.0, 1.0 + 1e-8));
        assert!(!equal_within_rounding(0.0, 1e-300));
        assert!(!equal_within_rounding(f64::NAN, f64::NAN));
    }

    #[test]
    fn digits_compare_numbers_across_notations() {
        // 0.00099996 and 0.0010003 both show as 0.001 / 1.000e-3 at four digits: one number.
        assert_eq!(digits_to_tell_apart(0.00099996, &[0.0010003]), 5);
        assert_eq!(digits_to_tell_apart(999999.9, &[1000000.5]), 7);
    }

    #[test]
    fn digits_grow_until_the_best_value_stands_apart() {
        // Far apart: four digits do.
        assert_eq!(digits_to_tell_apart(1.171, &[1.171, 2.5, 1.3]), 4);
        // 1.17104 vs 1.17149: equal at 4 digits, apart at 5.
        assert_eq!(digits_to_tell_apart(1.17104, &[1.17149, 1.17104]), 5);
        // 0.41594 vs 0.415941 vs 0.41595: apart at 6.
        assert_eq!(digits_to_tell_apart(0.41594, &[0.41594, 0.415941, 0.41595]), 6);
        // Values equal within rounding are not told apart: they are shown equal.
        assert_eq!(digits_to_tell_apart(2.0, &[2.0 + 1e-13, 3.0]), 4);
        // A relative difference just above the tolerance needs every digit there is, and gets it.
        let best = 9.999999999;
        let other = best * (1.0 + 2e-9);
        assert!(!equal_within_rounding(best, other));
        let digits = digits_to_tell_apart(best, &[other]);
        assert_eq!(digits, 10);
        assert_ne!(significant(best, digits), significant(other, digits));
        for (best, other) in
            [(1.0, 1.0 + 1.01e-9), (1.0000000004, 1.0000000016), (123.456, 123.45600013), (4.2e-12, 4.2000000043e-12)]
        {
            assert!(!equal_within_rounding(best, other));
            let digits = digits_to_tell_apart(best, &[other]);
            assert_ne!(significant(best, digits), significant(other, digits), "{best} {other}");
        }
    }
}
