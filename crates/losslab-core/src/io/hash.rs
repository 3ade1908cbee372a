//! The URL-hash state format, a public contract that links in course pages rely on.
//!
//! ```text
//! #mode=regression&loss=huber&delta=1.35&tau=0.9&pts=0,1.2;1,3.4;2,5.1
//! #mode=classification&loss=focal&gamma=2&alpha=0.25&pts=-1,0;0.5,1
//! ```
//!
//! Keys may come in any order and each is optional; keys, loss names and `hide`'s names are
//! read case-insensitively, other values as written. Numbers use Rust's `f64` syntax (a
//! leading typographic minus too) and must be finite with magnitude at most 1e100. `pts`
//! holds `x,y` (or `x,label`) pairs joined by `;`; percent-encoded `,` (`%2C`) and `;` (`%3B`)
//! are accepted, as is any percent-encoding. Unknown keys are ignored and named in one
//! message; of a key given twice only the first counts, and a message says so.
//!
//! Parsing never fails as a whole: each malformed part is left out and described in
//! [`HashState::errors`], so the rest still loads and the caller keeps its previous value for
//! the parts that were refused.

use super::Shortest;
use crate::numerics::error::MAX_ABS_COORDINATE;
use std::borrow::Cow;
use std::fmt::Write as _;

/// The most points a link (or file) may load; more are cut off with a message.
pub const MAX_POINTS: usize = 5_000;

/// Which screen the app shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The regression lab (`mode=regression`).
    Regression,
    /// The classification lab (`mode=classification`).
    Classification,
    /// The "From the article" panel (`mode=article`).
    Article,
}

impl Mode {
    /// The identifier used in the hash.
    pub fn id(self) -> &'static str {
        match self {
            Mode::Regression => "regression",
            Mode::Classification => "classification",
            Mode::Article => "article",
        }
    }

    fn from_id(id: &str) -> Option<Mode> {
        [Mode::Regression, Mode::Classification, Mode::Article].into_iter().find(|m| m.id() == id)
    }
}

/// Loss identifiers accepted by the regression lab.
pub const REGRESSION_LOSSES: [&str; 6] = ["mse", "mae", "huber", "logcosh", "quantile", "pseudohuber"];
/// Loss identifiers accepted by the classification lab.
pub const CLASSIFICATION_LOSSES: [&str; 3] = ["bce", "focal", "hinge"];

/// Everything a hash can carry. `None` means "not given (or refused)": keep the current value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HashState {
    /// `mode`.
    pub mode: Option<Mode>,
    /// `loss`, checked against the losses of the mode.
    pub loss: Option<String>,
    /// `delta` (Huber δ), finite and > 0.
    pub delta: Option<f64>,
    /// `tau` (quantile τ), strictly between 0 and 1.
    pub tau: Option<f64>,
    /// `gamma` (focal γ), finite and ≥ 0.
    pub gamma: Option<f64>,
    /// `alpha` (focal α) in [0, 1]; `Some(None)` when given as `alpha=none`, `off` or empty.
    pub alpha: Option<Option<f64>>,
    /// `l2` (classification L2 strength λ), finite and ≥ 0.
    pub l2: Option<f64>,
    /// `pts`: `(x, y)` pairs; in classification mode the second number is a 0/1 label.
    pub points: Option<Vec<(f64, f64)>>,
    /// `hide`: loss identifiers whose fitted lines are hidden.
    pub hidden: Option<Vec<String>>,
    /// `logits`: the softmax panel's three logits, `z0,z1,z2` (classification).
    pub logits: Option<[f64; 3]>,
    /// `class`: the softmax panel's true class, 0, 1 or 2 (classification).
    pub true_class: Option<usize>,
    /// `present=1`: presentation mode.
    pub present: Option<bool>,
    /// `embed=1`: embed mode without page chrome.
    pub embed: Option<bool>,
    /// `perf=1`: show the latency readout.
    pub perf: Option<bool>,
    /// `theme=dark|light|auto`.
    pub theme: Option<String>,
    /// One sentence per refused part.
    pub errors: Vec<String>,
}

/// Decodes `%XX` escapes (as UTF-8, invalid sequences replaced). A `%` not followed by two
/// hex digits is kept literally. `+` is kept as is: it is part of number syntax (`1e+5`).
pub fn percent_decode(text: &str) -> Cow<'_, str> {
    if !text.contains('%') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// Parses one number in Rust's `f64` syntax (surrounding spaces allowed). Refuses NaN, ±∞
/// (including overflowing literals such as `1e400`) and magnitudes above
/// [`MAX_ABS_COORDINATE`], with a sentence saying why.
pub fn parse_number(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("an empty value where a number was expected".into());
    }
    match parse_written_f64(trimmed) {
        Some(v) if underflows(trimmed, v) => {
            Err(format!("“{}” is too close to 0 for a number (the smallest is 5e-324)", shorten(trimmed)))
        }
        Some(v) if v.is_finite() && v.abs() <= MAX_ABS_COORDINATE => Ok(v),
        Some(v) if v.is_nan() => Err(format!("“{}” is not a number", shorten(trimmed))),
        Some(_) => Err(format!("“{}” is too large (limit ±1e100)", shorten(trimmed))),
        None => Err(format!("“{}” is not a number", shorten(trimmed))),
    }
}

/// Whether `text`, read as `value`, is a number written with a non-zero digit that rounds to
/// 0 (`1e-400`): refused by what was written, not as the 0 it became ("δ must be greater than
/// 0, not 0").
pub(crate) fn underflows(text: &str, value: f64) -> bool {
    value == 0.0 && text.split(['e', 'E']).next().is_some_and(|m| m.bytes().any(|b| (b'1'..=b'9').contains(&b)))
}

/// [`parse_f64`], also accepting a leading typographic minus (U+2212 `−`), the sign the app
/// itself shows, so a number copied from its tables into a link or a CSV file reads back.
pub fn parse_written_f64(text: &str) -> Option<f64> {
    match text.strip_prefix('−') {
        Some(rest) if !rest.starts_with(['-', '+']) => parse_f64(rest).map(|v| -v),
        Some(_) => None,
        None => parse_f64(text),
    }
}

/// Parses `text` exactly as `text.parse::<f64>()` does: the same syntax (an optional sign,
/// then digits with an optional `.` and an optional exponent such as `e-7`, or `inf`,
/// `infinity` or `nan` in any case, with nothing around it) and the same, correctly rounded
/// value; `None` where the standard library returns an error.
///
/// The standard library's parser carries the Eisel–Lemire power-of-five tables: linking it
/// once cost 13 KB of compressed WebAssembly. Correct rounding does not need them: short
/// inputs take Clinger's exact fast path, and the rest the "simple decimal conversion" the
/// standard library itself falls back on (decimal digits shifted by powers of two until the
/// binary exponent and the 53 significant bits can be read off). Since the result is the
/// correctly rounded value either way, it is the standard library's, bit for bit.
pub fn parse_f64(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, body) = match bytes.first()? {
        b'-' => (true, &bytes[1..]),
        b'+' => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let magnitude = match Decimal::parse(body) {
        Some(decimal) => decimal.into_f64(),
        None if body.eq_ignore_ascii_case(b"inf") || body.eq_ignore_ascii_case(b"infinity") => f64::INFINITY,
        None if body.eq_ignore_ascii_case(b"nan") => f64::NAN,
        None => return None,
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// Significant digits kept of a long input; the digits dropped only mark it as truncated,
/// which is all correct rounding needs (the standard library keeps as many).
const MAX_DIGITS: usize = 768;
/// Decimal exponents beyond which a value is 0 or ∞ whatever its digits.
const DECIMAL_POINT_RANGE: i32 = 2047;
/// The largest shift by a power of two in one step (keeps the arithmetic within `u64`).
const MAX_SHIFT: u32 = 60;

/// A non-negative decimal number `0.d₁d₂…dₙ × 10^point` (no leading or trailing zero digit)
/// on its way to binary.
struct Decimal {
    /// The digits (0–9), with room for the digits a left shift adds before trimming.
    digits: [u8; MAX_DIGITS + 19],
    /// How many digits are used.
    len: usize,
    /// The decimal exponent.
    point: i32,
    /// Whether nonzero digits beyond [`MAX_DIGITS`] were dropped.
    truncated: bool,
}

impl Decimal {
    /// Reads `digits [. digits] [(e|E) [sign] digits]` (at least one digit before the
    /// exponent), the whole of `text`; `None` for anything else.
    fn parse(text: &[u8]) -> Option<Decimal> {
        let mut d = Decimal { digits: [0; MAX_DIGITS + 19], len: 0, point: 0, truncated: false };
        let mut i = 0;
        let mut seen_digit = false;
        while let Some(&c @ b'0'..=b'9') = text.get(i) {
            d.push(c - b'0');
            // Leading zeros are skipped; every other integer digit moves the point.
            if d.len > 0 {
                d.point += 1;
            }
            seen_digit = true;
            i += 1;
        }
        if text.get(i) == Some(&b'.') {
            i += 1;
            while let Some(&c @ b'0'..=b'9') = text.get(i) {
                // Zeros right after the point (before any other digit) move the point.
                if d.len == 0 && c == b'0' {
                    d.point -= 1;
                }
                d.push(c - b'0');
                seen_digit = true;
                i += 1;
            }
        }
        if !seen_digit {
            return None;
        }
        if let Some(b'e' | b'E') = text.get(i) {
            i += 1;
            let negative = text.get(i) == Some(&b'-');
            if matches!(text.get(i), Some(b'-' | b'+')) {
                i += 1;
            }
            let mut exponent = 0i32;
            let start = i;
            while let Some(&c @ b'0'..=b'9') = text.get(i) {
                // Saturates as the standard library does: such a value is 0 or ∞ anyway.
                if exponent < 0x10000 {
                    exponent = 10 * exponent + i32::from(c - b'0');
                }
                i += 1;
            }
            if i == start {
                return None;
            }
            d.point += if negative { -exponent } else { exponent };
        }
        if i != text.len() {
            return None;
        }
        d.trim();
        Some(d)
    }

    /// Appends a digit, skipping leading zeros and keeping at most [`MAX_DIGITS`].
    fn push(&mut self, digit: u8) {
        if self.len == 0 && digit == 0 {
            return;
        }
        if self.len < MAX_DIGITS {
            self.digits[self.len] = digit;
            self.len += 1;
        } else if digit != 0 {
            self.truncated = true;
        }
    }

    /// Drops trailing zero digits.
    fn trim(&mut self) {
        while self.len > 0 && self.digits[self.len - 1] == 0 {
            self.len -= 1;
        }
    }

    /// The correctly rounded `f64` (round half to even).
    fn into_f64(mut self) -> f64 {
        if self.len == 0 || self.point < -324 {
            return 0.0;
        }
        if self.point >= 310 {
            return f64::INFINITY;
        }
        // Clinger's fast path: an integer below 2⁵³ times or divided by an exact power of
        // ten is one correctly rounded operation.
        let exponent = self.point - self.len as i32;
        if !self.truncated && self.len <= 16 && (-22..=22).contains(&exponent) {
            let mantissa = self.digits[..self.len].iter().fold(0u64, |m, &d| 10 * m + u64::from(d));
            if mantissa <= 1 << 53 {
                let power = POWERS_OF_TEN[exponent.unsigned_abs() as usize];
                return if exponent < 0 { mantissa as f64 / power } else { mantissa as f64 * power };
            }
        }
        // Scale by powers of two into [1/2, 1): then the binary exponent is known.
        let mut exp2 = 0i32;
        while self.point > 0 {
            let shift = shift_for(self.point);
            self.right_shift(shift);
            if self.point < -DECIMAL_POINT_RANGE {
                return 0.0;
            }
            exp2 += shift as i32;
        }
        while self.point <= 0 {
            let shift = if self.point == 0 {
                match self.digits[0] {
                    5.. => break,
                    0 | 1 => 2,
                    _ => 1,
                }
            } else {
                shift_for(-self.point)
            };
            self.left_shift(shift);
            if self.point > DECIMAL_POINT_RANGE {
                return f64::INFINITY;
            }
            exp2 -= shift as i32;
        }
        // [1/2, 1) → [1, 2).
        exp2 -= 1;
        // Subnormals: shift down to the smallest exponent.
        while exp2 < MIN_EXPONENT {
            let shift = ((MIN_EXPONENT - exp2) as u32).min(MAX_SHIFT);
            self.right_shift(shift);
            exp2 += shift as i32;
        }
        if exp2 - MIN_EXPONENT + 1 >= INFINITE_POWER {
            return f64::INFINITY;
        }
        self.left_shift(SIGNIFICAND_BITS + 1);
        let mut mantissa = self.round();
        if mantissa >= 1 << (SIGNIFICAND_BITS + 1) {
            // Rounding carried into a new bit.
            self.right_shift(1);
            exp2 += 1;
            mantissa = self.round();
            if exp2 - MIN_EXPONENT + 1 >= INFINITE_POWER {
                return f64::INFINITY;
            }
        }
        let mut biased = exp2 - MIN_EXPONENT + 1;
        if mantissa < 1 << SIGNIFICAND_BITS {
            // Subnormal: no implicit leading bit.
            biased -= 1;
        }
        f64::from_bits((mantissa & ((1 << SIGNIFICAND_BITS) - 1)) | (biased as u64) << SIGNIFICAND_BITS)
    }

    /// Multiplies by 2^`shift` (`shift` ≤ [`MAX_SHIFT`]).
    fn left_shift(&mut self, shift: u32) {
        if self.len == 0 {
            return;
        }
        // The product has at most `room` more digits than the number: it is written that far
        // to the right, then moved back over the places left unused.
        let room = left_shift_room(shift);
        let mut write = self.len + room;
        let mut n = 0u64;
        for read in (0..self.len).rev() {
            n += u64::from(self.digits[read]) << shift;
            write -= 1;
            self.digits[write] = (n % 10) as u8;
            n /= 10;
        }
        while n > 0 {
            write -= 1;
            self.digits[write] = (n % 10) as u8;
            n /= 10;
        }
        let added = room - write;
        self.digits.copy_within(write..self.len + room, 0);
        self.len += added;
        self.point += added as i32;
        if self.len > MAX_DIGITS {
            self.truncated |= self.digits[MAX_DIGITS..self.len].iter().any(|&d| d != 0);
            self.len = MAX_DIGITS;
        }
        self.trim();
    }

    /// Divides by 2^`shift` (`shift` ≤ [`MAX_SHIFT`]).
    fn right_shift(&mut self, shift: u32) {
        let mut read = 0;
        let mut write = 0;
        let mut n = 0u64;
        while n >> shift == 0 {
            if read < self.len {
                n = 10 * n + u64::from(self.digits[read]);
                read += 1;
            } else if n == 0 {
                return;
            } else {
                while n >> shift == 0 {
                    n *= 10;
                    read += 1;
                }
                break;
            }
        }
        self.point -= read as i32 - 1;
        if self.point < -DECIMAL_POINT_RANGE {
            self.len = 0;
            self.point = 0;
            self.truncated = false;
            return;
        }
        let mask = (1u64 << shift) - 1;
        while read < self.len {
            let digit = (n >> shift) as u8;
            n = 10 * (n & mask) + u64::from(self.digits[read]);
            read += 1;
            self.digits[write] = digit;
            write += 1;
        }
        while n > 0 {
            let digit = (n >> shift) as u8;
            n = 10 * (n & mask);
            if write < MAX_DIGITS {
                self.digits[write] = digit;
                write += 1;
            } else if digit > 0 {
                self.truncated = true;
            }
        }
        self.len = write;
        self.trim();
    }

    /// The integer part, rounded half to even (saturating beyond 19 digits).
    fn round(&self) -> u64 {
        if self.len == 0 || self.point < 0 {
            return 0;
        }
        if self.point > 18 {
            return u64::MAX;
        }
        let point = self.point as usize;
        let mut n = 0u64;
        for i in 0..point {
            n = 10 * n + u64::from(if i < self.len { self.digits[i] } else { 0 });
        }
        if point < self.len {
            let next = self.digits[point];
            let round_up = if next == 5 && point + 1 == self.len {
                // Exactly half: up if more digits were dropped, else to even.
                self.truncated || (point > 0 && self.digits[point - 1] % 2 == 1)
            } else {
                next >= 5
            };
            n += u64::from(round_up);
        }
        n
    }
}

/// Significand bits of an `f64` stored explicitly.
const SIGNIFICAND_BITS: u32 = 52;
/// The smallest binary exponent of a normal `f64`.
const MIN_EXPONENT: i32 = -1022;
/// The biased exponent of ∞.
const INFINITE_POWER: i32 = 0x7FF;

/// 10⁰ … 10²², all exact in an `f64`.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// How many digits a left shift by `shift` can add: ⌊shift · log₁₀ 2⌋ + 1 (1233 / 4096 is
/// just below log₁₀ 2), so that 2^shift < 10^room.
fn left_shift_room(shift: u32) -> usize {
    ((shift as usize * 1233) >> 12) + 1
}

/// The power of two to shift by to move the decimal point by `digits` places towards 0:
/// 2^shift < 10^digits (so no step overshoots), at most [`MAX_SHIFT`].
fn shift_for(digits: i32) -> u32 {
    const SHIFTS: [u8; 19] = [0, 3, 6, 9, 13, 16, 19, 23, 26, 29, 33, 36, 39, 43, 46, 49, 53, 56, 59];
    SHIFTS.get(digits as usize).map_or(MAX_SHIFT, |&s| u32::from(s))
}

/// Shortens user text quoted in a message to at most 24 characters.
pub fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(24).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// What [`parse_pairs`] gives: the pairs or a message saying why the list was refused, and a
/// note when pairs beyond [`MAX_POINTS`] were left out.
pub type ParsedPairs = (Result<Vec<(f64, f64)>, String>, Option<String>);

/// Parses `x,y;x,y;…` (already percent-decoded). An empty string is an empty list; a trailing
/// `;` is allowed. Refuses the whole list on the first bad pair (so a mangled link never
/// loads half a data set), and keeps only the first [`MAX_POINTS`] pairs, with a note.
/// `pair_name` names a pair in messages (`x,y`, or `x,label` for labelled points).
pub fn parse_pairs(text: &str, pair_name: &str) -> ParsedPairs {
    let mut points = Vec::new();
    let mut note = None;
    for (index, pair) in text.split(';').enumerate() {
        if pair.trim().is_empty() {
            continue;
        }
        let mut parts = pair.split(',');
        let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
            return (Err(format!("point {} (“{}”) is not an {pair_name} pair", index + 1, shorten(pair))), None);
        };
        let x = match parse_number(a) {
            Ok(v) => v,
            Err(e) => return (Err(format!("point {}: {e}", index + 1)), None),
        };
        let y = match parse_number(b) {
            Ok(v) => v,
            Err(e) => return (Err(format!("point {}: {e}", index + 1)), None),
        };
        if points.len() == MAX_POINTS {
            note = Some(format!("only the first {MAX_POINTS} points were loaded"));
            break;
        }
        points.push((x, y));
    }
    (Ok(points), note)
}

fn parse_flag(value: &str) -> Result<bool, String> {
    match value.trim() {
        "1" | "true" | "yes" | "on" | "" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        other => Err(format!("“{}” should be 1 or 0", shorten(other))),
    }
}

/// The keys a LossLab link may hold.
const KEYS: [&str; 15] = [
    "mode", "loss", "pts", "delta", "tau", "gamma", "alpha", "l2", "logits", "class", "hide", "present", "embed",
    "perf", "theme",
];

/// Parses a hash (with or without its leading `#`). Never panics; see the module docs.
pub fn parse_hash(hash: &str) -> HashState {
    let body = hash.strip_prefix('#').unwrap_or(hash);
    let mut state = HashState::default();
    let mut raw_loss: Option<String> = None;
    let mut raw_points: Option<String> = None;
    let mut seen: Vec<String> = Vec::new();
    let mut unknown_keys: Vec<String> = Vec::new();
    for part in body.split('&') {
        if part.is_empty() {
            continue;
        }
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        let key = percent_decode(key).trim().to_ascii_lowercase();
        let value = percent_decode(value);
        let value = value.as_ref();
        // A key given twice (two links pasted together, say): the first one counts, whatever
        // the others hold, and the message says so.
        if KEYS.contains(&key.as_str()) {
            if seen.contains(&key) {
                state.errors.push(format!("{key}: given more than once; only the first one is used"));
                continue;
            }
            seen.push(key.clone());
        }
        let mut refuse = |what: String| state.errors.push(format!("{key}: {what}"));
        match key.as_str() {
            "mode" => match Mode::from_id(value.trim()) {
                Some(mode) => state.mode = Some(mode),
                None => refuse(format!("unknown mode “{}” (regression, classification or article)", shorten(value))),
            },
            "loss" => raw_loss = Some(value.trim().to_ascii_lowercase()),
            "pts" => raw_points = Some(value.to_string()),
            "delta" => match parse_number(value) {
                Ok(v) if v > 0.0 => state.delta = Some(v),
                Ok(v) => refuse(format!("δ must be greater than 0, not {}", Shortest(v))),
                Err(e) => refuse(e),
            },
            "tau" => match parse_number(value) {
                Ok(v) if v > 0.0 && v < 1.0 => state.tau = Some(v),
                Ok(v) => refuse(format!("τ must lie strictly between 0 and 1, not {}", Shortest(v))),
                Err(e) => refuse(e),
            },
            "gamma" => match parse_number(value) {
                Ok(v) if v >= 0.0 => state.gamma = Some(v),
                Ok(v) => refuse(format!("γ must be 0 or more, not {}", Shortest(v))),
                Err(e) => refuse(e),
            },
            "alpha" => {
                if matches!(value.trim(), "none" | "off" | "") {
                    state.alpha = Some(None);
                } else {
                    match parse_number(value) {
                        Ok(v) if (0.0..=1.0).contains(&v) => state.alpha = Some(Some(v)),
                        Ok(v) => refuse(format!("α must lie between 0 and 1, not {}", Shortest(v))),
                        Err(e) => refuse(e),
                    }
                }
            }
            "l2" => match parse_number(value) {
                Ok(v) if v >= 0.0 => state.l2 = Some(v),
                Ok(v) => refuse(format!("λ must be 0 or more, not {}", Shortest(v))),
                Err(e) => refuse(e),
            },
            "logits" => {
                let parsed: Result<Vec<f64>, String> = value.split(',').map(parse_number).collect();
                match parsed.as_deref() {
                    Ok(&[z0, z1, z2]) => state.logits = Some([z0, z1, z2]),
                    Ok(values) => refuse(format!("three logits are needed (z0,z1,z2), not {}", values.len())),
                    Err(e) => refuse(e.clone()),
                }
            }
            "class" => match value.trim() {
                "0" => state.true_class = Some(0),
                "1" => state.true_class = Some(1),
                "2" => state.true_class = Some(2),
                other => refuse(format!("the true class is 0, 1 or 2, not “{}”", shorten(other))),
            },
            "hide" => {
                let (ids, unknown): (Vec<String>, Vec<String>) = value
                    .split(',')
                    .map(|s| s.trim().to_ascii_lowercase())
                    .filter(|s| !s.is_empty())
                    .partition(|id| REGRESSION_LOSSES.contains(&id.as_str()));
                if !unknown.is_empty() {
                    let names: Vec<String> = unknown.iter().map(|id| format!("“{}”", shorten(id))).collect();
                    refuse(format!(
                        "unknown loss {} not hidden (lines are {})",
                        names.join(", "),
                        REGRESSION_LOSSES.join(", ")
                    ));
                }
                state.hidden = Some(ids);
            }
            "present" => match parse_flag(value) {
                Ok(v) => state.present = Some(v),
                Err(e) => refuse(e),
            },
            "embed" => match parse_flag(value) {
                Ok(v) => state.embed = Some(v),
                Err(e) => refuse(e),
            },
            "perf" => match parse_flag(value) {
                Ok(v) => state.perf = Some(v),
                Err(e) => refuse(e),
            },
            "theme" => match value.trim() {
                "dark" | "light" | "auto" => state.theme = Some(value.trim().to_string()),
                other => refuse(format!("unknown theme “{}” (dark, light or auto)", shorten(other))),
            },
            "" => state.errors.push(format!("“{}” has no key (such as loss= or pts=); ignored", shorten(part))),
            // A misspelt key (`lss=mae`, `points=…`) or a hash encoded whole (`loss%3Dmae…`)
            // would otherwise load the defaults without a word.
            _ => unknown_keys.push(format!("“{}”", shorten(&key))),
        }
    }
    // Named together, the list of keys once: a link with many misspelt keys made one message per
    // key, each with the whole list (a 30-key link's message was taller than a phone).
    if !unknown_keys.is_empty() {
        let verb = if unknown_keys.len() == 1 { "is not a part" } else { "are not parts" };
        state.errors.push(format!(
            "{} {verb} of a LossLab link ({}); ignored",
            unknown_keys.join(", "),
            KEYS.join(", ")
        ));
    }

    // A link without `mode` whose settings belong to the classification lab only (γ, α, λ or
    // a classification loss, and no δ, τ or `hide`) is a classification link.
    if state.mode.is_none()
        && (state.gamma.is_some()
            || state.alpha.is_some()
            || state.l2.is_some()
            || state.logits.is_some()
            || state.true_class.is_some()
            || raw_loss.as_deref().is_some_and(|id| CLASSIFICATION_LOSSES.contains(&id)))
        && state.delta.is_none()
        && state.tau.is_none()
        && state.hidden.is_none()
        && !raw_loss.as_deref().is_some_and(|id| REGRESSION_LOSSES.contains(&id))
    {
        state.mode = Some(Mode::Classification);
    }
    let classification = state.mode == Some(Mode::Classification);
    if let Some(loss) = raw_loss {
        let allowed: &[&str] = if classification { &CLASSIFICATION_LOSSES } else { &REGRESSION_LOSSES };
        if allowed.contains(&loss.as_str()) {
            state.loss = Some(loss);
        } else {
            state.errors.push(format!("loss: unknown loss “{}” (one of {})", shorten(&loss), allowed.join(", ")));
        }
    }
    if let Some(text) = raw_points {
        let (parsed, note) = parse_pairs(&text, if classification { "x,label" } else { "x,y" });
        match parsed {
            Ok(points) => {
                let bad_label = points.iter().position(|&(_, label)| label != 0.0 && label != 1.0);
                match bad_label {
                    Some(i) if classification => state.errors.push(format!(
                        "pts: point {} has label {}; labels must be 0 or 1 (points not loaded)",
                        i + 1,
                        Shortest(points[i].1)
                    )),
                    _ => state.points = Some(points),
                }
                if let Some(note) = note {
                    state.errors.push(format!("pts: {note}"));
                }
            }
            Err(e) => state.errors.push(format!("pts: {e} (points not loaded)")),
        }
    }
    state
}

/// Writes a hash (with its leading `#`) holding the given parts; numbers use Rust's shortest
/// round-trip digits ([`Shortest`]), so parsing the result gives back exactly the same values.
pub fn format_hash(state: &HashState) -> String {
    let mut out = String::from("#");
    let sep = |out: &mut String| {
        if out.len() > 1 {
            out.push('&');
        }
    };
    if let Some(mode) = state.mode {
        sep(&mut out);
        let _ = write!(out, "mode={}", mode.id());
    }
    if let Some(loss) = &state.loss {
        sep(&mut out);
        let _ = write!(out, "loss={loss}");
    }
    for (key, value) in [("delta", state.delta), ("tau", state.tau), ("gamma", state.gamma), ("l2", state.l2)] {
        if let Some(v) = value {
            sep(&mut out);
            let _ = write!(out, "{key}={}", Shortest(v));
        }
    }
    match state.alpha {
        Some(Some(a)) => {
            sep(&mut out);
            let _ = write!(out, "alpha={}", Shortest(a));
        }
        Some(None) => {
            sep(&mut out);
            out.push_str("alpha=none");
        }
        None => {}
    }
    if let Some(hidden) = &state.hidden {
        if !hidden.is_empty() {
            sep(&mut out);
            let _ = write!(out, "hide={}", hidden.join(","));
        }
    }
    for (key, flag) in [("present", state.present), ("embed", state.embed), ("perf", state.perf)] {
        if flag == Some(true) {
            sep(&mut out);
            let _ = write!(out, "{key}=1");
        }
    }
    if let Some([z0, z1, z2]) = state.logits {
        sep(&mut out);
        let _ = write!(out, "logits={},{},{}", Shortest(z0), Shortest(z1), Shortest(z2));
    }
    if let Some(class) = state.true_class {
        sep(&mut out);
        let _ = write!(out, "class={class}");
    }
    if let Some(theme) = &state.theme {
        sep(&mut out);
        let _ = write!(out, "theme={theme}");
    }
    if let Some(points) = &state.points {
        sep(&mut out);
        out.push_str("pts=");
        for (i, (x, y)) in points.iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            let _ = write!(out, "{},{}", Shortest(*x), Shortest(*y));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_below_the_smallest_is_refused_by_what_was_written() {
        // A review: `delta=1e-400` was refused as "δ must be greater than 0, not 0".
        assert_eq!(
            parse_number("1e-400"),
            Err("“1e-400” is too close to 0 for a number (the smallest is 5e-324)".into())
        );
        assert!(parse_number("-2.5e-330").is_err());
        for zero in ["0", "-0", "0.000", "0e5", "0E-400"] {
            assert_eq!(parse_number(zero), Ok(0.0), "{zero}");
        }
        assert_eq!(parse_number("5e-324"), Ok(5e-324));
        let state = parse_hash("#delta=1e-400");
        assert!(state.errors[0].contains("“1e-400” is too close to 0"), "{:?}", state.errors);
    }

    #[test]
    fn a_left_shift_has_room_for_the_digits_it_adds() {
        for shift in 0..=MAX_SHIFT {
            assert!(2u128.pow(shift) < 10u128.pow(left_shift_room(shift) as u32), "shift {shift}");
        }
    }
}
