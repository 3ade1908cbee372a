//! The URL-hash state format, a public contract that links in course pages rely on.
//!
//! ```text
//! #mode=regression&loss=huber&delta=1.35&tau=0.9&pts=0,1.2;1,3.4;2,5.1
//! #mode=classification&loss=focal&gamma=2&alpha=0.25&pts=-1,0;0.5,1
//! ```
//!
//! Keys may come in any order and each is optional. Numbers use Rust's `f64` syntax. `pts`
//! holds `x,y` (or `x,label`) pairs joined by `;`; percent-encoded `,` (`%2C`) and `;` (`%3B`)
//! are accepted, as is any percent-encoding. Unknown keys are ignored.
//!
//! Parsing never fails as a whole: each malformed part is left out and described in
//! [`HashState::errors`], so the rest still loads and the caller keeps its previous value for
//! the parts that were refused.

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
    /// `alpha` (focal α) in [0, 1]; `Some(None)` when given as `alpha=none`.
    pub alpha: Option<Option<f64>>,
    /// `l2` (classification L2 strength λ), finite and ≥ 0.
    pub l2: Option<f64>,
    /// `pts`: `(x, y)` pairs; in classification mode the second number is a 0/1 label.
    pub points: Option<Vec<(f64, f64)>>,
    /// `hide`: loss identifiers whose fitted lines are hidden.
    pub hidden: Option<Vec<String>>,
    /// `present=1`: presentation mode.
    pub present: Option<bool>,
    /// `embed=1`: embed mode without page chrome.
    pub embed: Option<bool>,
    /// `perf=1`: show the latency readout.
    pub perf: Option<bool>,
    /// `theme=dark|light`.
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
    match trimmed.parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= MAX_ABS_COORDINATE => Ok(v),
        Ok(v) if v.is_nan() => Err(format!("“{}” is not a number", shorten(trimmed))),
        Ok(_) => Err(format!("“{}” is too large (limit ±1e100)", shorten(trimmed))),
        Err(_) => Err(format!("“{}” is not a number", shorten(trimmed))),
    }
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

/// Parses `x,y;x,y;…` (already percent-decoded). An empty string is an empty list; a trailing
/// `;` is allowed. Refuses the whole list on the first bad pair (so a mangled link never
/// loads half a data set), and keeps only the first [`MAX_POINTS`] pairs, with a note.
pub fn parse_pairs(text: &str) -> (Result<Vec<(f64, f64)>, String>, Option<String>) {
    let mut points = Vec::new();
    let mut note = None;
    for (index, pair) in text.split(';').enumerate() {
        if pair.trim().is_empty() {
            continue;
        }
        let mut parts = pair.split(',');
        let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
            return (Err(format!("point {} (“{}”) is not an x,y pair", index + 1, shorten(pair))), None);
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

/// Parses a hash (with or without its leading `#`). Never panics; see the module docs.
pub fn parse_hash(hash: &str) -> HashState {
    let body = hash.strip_prefix('#').unwrap_or(hash);
    let mut state = HashState::default();
    let mut raw_loss: Option<String> = None;
    let mut raw_points: Option<String> = None;
    for part in body.split('&') {
        if part.is_empty() {
            continue;
        }
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        let key = percent_decode(key).trim().to_ascii_lowercase();
        let value = percent_decode(value);
        let value = value.as_ref();
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
                Ok(v) => refuse(format!("δ must be greater than 0, not {v}")),
                Err(e) => refuse(e),
            },
            "tau" => match parse_number(value) {
                Ok(v) if v > 0.0 && v < 1.0 => state.tau = Some(v),
                Ok(v) => refuse(format!("τ must lie strictly between 0 and 1, not {v}")),
                Err(e) => refuse(e),
            },
            "gamma" => match parse_number(value) {
                Ok(v) if v >= 0.0 => state.gamma = Some(v),
                Ok(v) => refuse(format!("γ must be 0 or more, not {v}")),
                Err(e) => refuse(e),
            },
            "alpha" => {
                if matches!(value.trim(), "none" | "off" | "") {
                    state.alpha = Some(None);
                } else {
                    match parse_number(value) {
                        Ok(v) if (0.0..=1.0).contains(&v) => state.alpha = Some(Some(v)),
                        Ok(v) => refuse(format!("α must lie between 0 and 1, not {v}")),
                        Err(e) => refuse(e),
                    }
                }
            }
            "l2" => match parse_number(value) {
                Ok(v) if v >= 0.0 => state.l2 = Some(v),
                Ok(v) => refuse(format!("λ must be 0 or more, not {v}")),
                Err(e) => refuse(e),
            },
            "hide" => {
                let ids: Vec<String> =
                    value.split(',').map(|s| s.trim().to_ascii_lowercase()).filter(|s| !s.is_empty()).collect();
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
            _ => {}
        }
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
        let (parsed, note) = parse_pairs(&text);
        match parsed {
            Ok(points) => {
                let bad_label = points.iter().position(|&(_, label)| label != 0.0 && label != 1.0);
                match bad_label {
                    Some(i) if classification => state.errors.push(format!(
                        "pts: point {} has label {}; labels must be 0 or 1 (points not loaded)",
                        i + 1,
                        points[i].1
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
/// round-trip formatting, so parsing the result gives back exactly the same values.
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
            let _ = write!(out, "{key}={v}");
        }
    }
    match state.alpha {
        Some(Some(a)) => {
            sep(&mut out);
            let _ = write!(out, "alpha={a}");
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
            let _ = write!(out, "{x},{y}");
        }
    }
    out
}
