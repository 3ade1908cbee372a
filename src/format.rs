//! Numbers for people: rounded, without float noise, in a fixed width where it helps reading.

/// Four significant digits, switching to scientific notation for very large or small
/// magnitudes: `3.059`, `-1.327`, `46.6`, `1.234e6`, `0` (see [`significant`]).
pub fn human(v: f64) -> String {
    significant(v, 4)
}

/// A setting (δ, τ, γ, α, λ) as its slider's readout shows it: every digit of its shortest
/// round-trip form, in plain notation for 10⁻⁴ ≤ |v| < 10⁶ and 0 (`1.35`, `0.05`, `20`), in
/// scientific notation outside (`1e-300`, `2.5e7`): a link's δ = 10⁻³⁰⁰ was written as 302
/// digits, which made the page 4,000 px wide.
pub fn setting(v: f64) -> String {
    if v == 0.0 || !v.is_finite() || (1e-4..1e6).contains(&v.abs()) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
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
/// 10⁻³ ≤ |v| < 10⁶, or 10^(`digits` + 1) when that is more (`1000512` at 7 digits, not
/// `1.000512e6`), values that round up to that limit included (`999999.6`: `1.000e6`), with
/// every digit (`1.500e-7`); trailing zeros dropped otherwise, a typographic minus; `—` for
/// NaN, `∞`, `−∞`.
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
    // Near the upper bound plain notation has no decimals: a value that rounds up to the bound
    // (999999.5) is written as the bound would be (`1.000e6`, not `1000000`).
    let text = if !(1e-3..10f64.powi(digits.max(5) as i32 + 1) - 0.5).contains(&magnitude) {
        format!("{v:.places$e}")
    } else {
        let decimals = (places as i32 - exponent(magnitude)).max(0) as usize;
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

/// The place of the leading decimal digit of `v` (finite, not 0): ⌊log₁₀|v|⌋, corrected
/// where `log10` rounds across a power of ten (exactly so up to 10²², where powers of ten
/// are exact doubles).
pub fn exponent(v: f64) -> i32 {
    let v = v.abs();
    let e = v.log10().floor() as i32;
    if pow10(e) > v {
        e - 1
    } else if pow10(e + 1) <= v {
        e + 1
    } else {
        e
    }
}

/// 10^e, also among the subnormal numbers: there `10f64.powi(e)` divides 1 by an infinite
/// 10^−e and gives 0 (which made [`exponent`] of 5e-324 −323).
pub fn pow10(e: i32) -> f64 {
    if e < -300 {
        10f64.powi(e + 300) * 1e-300
    } else {
        10f64.powi(e)
    }
}

/// Four significant digits in plain notation for 10⁻³ ≤ |v| < 10⁵ − 0.5 (`−1.327`, `12346`:
/// what rounds to 100000 is 10⁵), else two in scientific (`8.4e5`, `−2.1e8`, `1.5e-7`): the table's slope, intercept and
/// own-loss columns, which should not widen the table for data in the millions.
pub fn compact(v: f64) -> String {
    // 99999.5 rounds to 100000 in plain notation: it is written as 10⁵ would be (`1.0e5`).
    if v == 0.0 || !v.is_finite() || (1e-3..1e5 - 0.5).contains(&v.abs()) {
        significant(v, 4)
    } else {
        minus(format!("{v:.1e}"))
    }
}

/// Whether `a` and `b` are equal up to rounding noise: within 10⁻⁹ of the larger magnitude.
pub fn equal_within_rounding(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// The fewest significant digits, from 4 to 10, with which `best` shows a different number
/// from every value of `column` not [equal to it within rounding](equal_within_rounding). Ten
/// digits tell apart any two numbers further apart than that, so 10 is the most it returns.
/// The shown numbers are compared, not only their texts: "1.000e-3" and "0.001" are one
/// number, as their scientific forms with the same digits say. (Compared as texts, which the
/// standard formatting rounds exactly at every magnitude: parsing them back would link the
/// standard library's float parser, 13 KB of compressed WebAssembly.)
pub fn digits_to_tell_apart(best: f64, column: &[f64]) -> usize {
    (4..10)
        .find(|&digits| column.iter().all(|&v| equal_within_rounding(best, v) || shown_apart(best, v, digits)))
        .unwrap_or(10)
}

/// `v` with as many significant digits (4 to 10) as it takes to show a different number from
/// `other` (see [`digits_to_tell_apart`]): `8.000006903` beside 8, `0.9999931` beside 1, so
/// that shown arithmetic such as "8.000006903 − 8 = 6.903e-6" adds up.
pub fn apart_from(v: f64, other: f64) -> String {
    significant(v, digits_to_tell_apart(v, &[other]))
}

/// A term of a shown sum or difference, to as many digits as the `result`'s four significant
/// digits need (4 to 12): the last digit of `v` sits at the place of `result`'s fourth, so
/// `8.000006903 − 8 = 6.903e-6` adds up where four digits each gave `8 − 8 = 6.903e-6`.
pub fn term_of(v: f64, result: f64) -> String {
    if v == 0.0 || result == 0.0 || !v.is_finite() || !result.is_finite() {
        return human(v);
    }
    significant(v, (exponent(v) - exponent(result) + 4).clamp(4, 12) as usize)
}

/// A count with its thousands grouped by commas, as the app's prose writes them: 71,909.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// "1 point", "14 points".
pub fn point_count(n: usize) -> String {
    format!("{n} point{}", if n == 1 { "" } else { "s" })
}

/// The fewest significant digits, from 4 to 10, with which every value of `values` shows a
/// different number from each other value not equal to it within rounding.
pub fn digits_to_tell_all_apart(values: &[f64]) -> usize {
    values.iter().map(|&v| digits_to_tell_apart(v, values)).max().unwrap_or(4)
}

/// Whether [`significant`] shows `a` and `b` as different numbers with `digits` digits (a
/// NaN differs from everything).
fn shown_apart(a: f64, b: f64, digits: usize) -> bool {
    let places = digits - 1;
    a.is_nan()
        || b.is_nan()
        || (significant(a, digits) != significant(b, digits) && format!("{a:.places$e}") != format!("{b:.places$e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_keep_every_digit_and_extremes_stay_short() {
        for (v, text) in
            [(1.35, "1.35"), (0.05, "0.05"), (20.0, "20"), (0.0, "0"), (0.0001, "0.0001"), (999999.5, "999999.5")]
        {
            assert_eq!(setting(v), text);
        }
        // A link's δ = 10⁻³⁰⁰ was 302 characters wide.
        assert_eq!(setting(1e-300), "1e-300");
        assert_eq!(setting(1.25e-5), "1.25e-5");
        assert_eq!(setting(1e99), "1e99");
        assert_eq!(setting(2.5e7), "2.5e7");
        for v in [1e-300, 1.25e-5, 3.7e12, 0.123456789012345] {
            assert_eq!(losslab_core::io::hash::parse_f64(&setting(v)), Some(v), "{v} reads back");
        }
    }

    #[test]
    fn counts_group_their_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(71909), "71,909");
        assert_eq!(grouped(1234567), "1,234,567");
    }

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
    fn compact_numbers_keep_four_digits_unless_scientific() {
        assert_eq!(compact(-1.3273335225822027), "−1.327");
        assert_eq!(compact(12345.6), "12346");
        assert_eq!(compact(835772.6), "8.4e5");
        assert_eq!(compact(-214_800_000.0), "−2.1e8");
        assert_eq!(compact(1.988e12), "2.0e12");
        assert_eq!(compact(1.5e-7), "1.5e-7");
        assert_eq!(compact(0.0), "0");
        // Rounding that carries to 10⁵ is written as 10⁵ would be (a review saw −100000).
        assert_eq!(compact(-99999.5), "−1.0e5");
        assert_eq!(compact(99999.49), "99999");
        assert_eq!(significant(999999.57, 4), "1.000e6");
        assert_eq!(significant(999999.25, 4), "999999");
        assert_eq!(significant(-999999.5, 4), "−1.000e6");
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
    fn shown_terms_add_up_to_the_shown_result() {
        assert_eq!(term_of(8.0000069026, 6.9026e-6), "8.000006903");
        assert_eq!(term_of(8.0, 6.9026e-6), "8");
        assert_eq!(term_of(-6.901387711, 1.098612289), "−6.901");
        assert_eq!(term_of(8.1234, 7.6), "8.123");
        assert_eq!(term_of(123.4567, 0.5), "123.4567");
        assert_eq!(term_of(0.0, 1.0), "0");
        assert_eq!(apart_from(0.99999310, 1.0), "0.99999");
        assert_eq!(apart_from(0.25, 1.0), "0.25");
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

    /// A small deterministic generator of test values.
    fn values(seed: u64, count: usize) -> impl Iterator<Item = f64> {
        let mut state = seed;
        let mut next = move || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            state >> 11
        };
        (0..count).map(move |_| {
            // Mantissas with few or many digits, at every magnitude, subnormals included.
            let digits = 1 + next() % 16;
            let mantissa = (next() % 10u64.pow(digits as u32)) as f64;
            let sign = if next() % 2 == 0 { 1.0 } else { -1.0 };
            sign * mantissa * 10f64.powi((next() % 640) as i32 - 330)
        })
    }

    /// The number a text of `significant` shows (parsed natively; the app never parses).
    fn number(text: &str) -> f64 {
        text.replace('−', "-").parse().unwrap()
    }

    #[test]
    fn significant_rounds_like_exact_decimal_rounding_at_every_magnitude() {
        for v in values(1, 20_000).filter(|v| *v != 0.0 && v.is_finite()) {
            for digits in [1, 4, 7, 10] {
                let exact = number(&format!("{v:.*e}", digits - 1));
                // Plain notation never rounds away whole digits (123456 stays whole).
                if !(10f64.powi(digits as i32)..10f64.powi(digits.max(5) as i32 + 1)).contains(&v.abs()) {
                    assert_eq!(number(&significant(v, digits)), exact, "{v} at {digits}");
                }
            }
        }
    }

    #[test]
    fn digits_to_tell_apart_are_exact_at_every_magnitude() {
        let (mut close, mut spread) = (0, 0);
        for v in values(2, 30_000).filter(|v| *v != 0.0 && v.is_finite()) {
            // A neighbour from 10⁻¹⁰ to 10⁻² of it away: most need more than four digits.
            for ratio in [3e-10, 2e-9, 7e-8, 4e-6, 1e-3] {
                let other = v * (1.0 + ratio);
                if equal_within_rounding(v, other) || other == v {
                    continue;
                }
                let digits = digits_to_tell_apart(v, &[other]);
                let shown = |x: f64, d: usize| number(&significant(x, d));
                assert_ne!(shown(v, digits), shown(other, digits), "{v} {other} at {digits}");
                // And no fewer digits would do (the scientific forms count, as plain
                // notation can show more digits than asked).
                if digits > 4 {
                    let d = digits - 1;
                    assert_eq!(
                        number(&format!("{v:.*e}", d - 1)),
                        number(&format!("{other:.*e}", d - 1)),
                        "{v} {other}"
                    );
                    close += 1;
                } else {
                    spread += 1;
                }
            }
        }
        assert!(close > 10_000 && spread > 10_000, "{close} {spread}");
    }

    #[test]
    fn digits_to_tell_all_apart_sets_every_value_apart() {
        // Three boundaries near 10⁶ (the classification table): four digits show 1.001e6 thrice.
        let values = [1000512.3046, 1000514.9, 1000498.2];
        let digits = digits_to_tell_all_apart(&values);
        assert_eq!(digits, 7);
        let texts = values.map(|v| significant(v, digits));
        assert_eq!(texts, ["1000512", "1000515", "1000498"].map(String::from));
        assert_eq!(digits_to_tell_all_apart(&[1.0, 2.0, 3.0]), 4);
        assert_eq!(digits_to_tell_all_apart(&[]), 4);
        // A NaN (no fit) asks for nothing.
        assert_eq!(digits_to_tell_all_apart(&[1.5, f64::NAN, 2.5]), 4);
    }

    #[test]
    fn exponent_is_the_leading_digits_place() {
        for e in -22..22 {
            let p: f64 = format!("1e{e}").parse().unwrap();
            assert_eq!(exponent(p), e, "{p}");
            assert_eq!(exponent(p * 0.9999999999), e - 1, "{p}");
            assert_eq!(exponent(-p * 9.99), e, "{p}");
        }
        // Among the subnormal numbers too (10f64.powi(-323) is 0).
        assert_eq!(exponent(5e-324), -324);
        assert_eq!(exponent(1e-323), -323);
        assert_eq!(exponent(2.5e-310), -310);
        assert_eq!(exponent(f64::MIN_POSITIVE), -308);
        assert!(pow10(-323) > 0.0 && pow10(-324) == 0.0);
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
