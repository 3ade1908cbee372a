//! Parsing and writing the app's external formats: the URL hash and CSV files. Pure Rust, no
//! web dependency, fuzzed (see `fuzz/`).

pub mod csv;
pub mod hash;

use std::fmt;

/// A number written for a link, a file or a message: Rust's shortest round-trip digits, in
/// plain notation for 10⁻⁶ ≤ |v| < 10²¹ and 0 (`19.26`, `0.05`, `1000000`), in scientific
/// notation outside that (`1.2e-300`, `5e-324`, `1e100`), as JavaScript writes numbers. Plain
/// notation alone wrote 1.2e-300 as 302 digits: a link of tiny coordinates grew 13-fold
/// past the length browsers open, and a message showed only zeros. Parsing either form
/// ([`hash::parse_f64`]) gives back exactly the same value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shortest(pub f64);

impl fmt::Display for Shortest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        if v == 0.0 || !v.is_finite() || (1e-6..1e21).contains(&v.abs()) {
            write!(f, "{v}")
        } else {
            write!(f, "{v:e}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::hash::parse_f64;
    use super::Shortest;

    #[test]
    fn shortest_numbers_are_short_and_round_trip() {
        for (v, text) in [
            (19.26, "19.26"),
            (0.05, "0.05"),
            (-1.35, "-1.35"),
            (1e6, "1000000"),
            (0.0, "0"),
            (1e-6, "0.000001"),
            (9.99e-7, "9.99e-7"),
            (1.2e-300, "1.2e-300"),
            (-5e-324, "-5e-324"),
            (1e21, "1e21"),
            (1e100, "1e100"),
            (123456789012345680000.0, "123456789012345680000"),
        ] {
            assert_eq!(Shortest(v).to_string(), text);
        }
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let v = f64::from_bits(state);
            if v.is_finite() {
                let text = Shortest(v).to_string();
                assert_eq!(parse_f64(&text).map(f64::to_bits), Some(v.to_bits()), "{text}");
                assert!(text.len() <= 25, "{text}");
            }
        }
    }
}
