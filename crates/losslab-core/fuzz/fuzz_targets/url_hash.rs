//! Fuzzes the URL-hash parser: any UTF-8 text parses without panicking into values that keep
//! the documented ranges, and whatever parsed writes back to a hash that parses to the same
//! values.

#![no_main]

use libfuzzer_sys::fuzz_target;
use losslab_core::io::hash::{format_hash, parse_hash, HashState, Mode, MAX_POINTS};

/// The parts of a state that `format_hash` writes and `parse_hash` reads back unchanged.
///
/// Flags written only when true, an empty `hide` list (not written), and `hide` entries with
/// characters that are special in a hash (written without percent-encoding) are left out.
fn round_trippable(state: &HashState) -> HashState {
    let plain = |id: &String| id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    HashState {
        hidden: state.hidden.clone().filter(|ids| !ids.is_empty() && ids.iter().all(plain)),
        present: state.present.filter(|&flag| flag),
        embed: state.embed.filter(|&flag| flag),
        perf: state.perf.filter(|&flag| flag),
        errors: Vec::new(),
        ..state.clone()
    }
}

fn check_ranges(state: &HashState) {
    if let Some(points) = &state.points {
        assert!(points.len() <= MAX_POINTS);
        for &(x, y) in points {
            assert!(x.is_finite() && y.is_finite() && x.abs() <= 1e100 && y.abs() <= 1e100);
            if state.mode == Some(Mode::Classification) {
                assert!(y == 0.0 || y == 1.0, "label {y}");
            }
        }
    }
    assert!(state.delta.is_none_or(|d| d.is_finite() && d > 0.0));
    assert!(state.tau.is_none_or(|t| t > 0.0 && t < 1.0));
    assert!(state.gamma.is_none_or(|g| g.is_finite() && g >= 0.0));
    assert!(state.l2.is_none_or(|l| l.is_finite() && l >= 0.0));
    assert!(state.alpha.flatten().is_none_or(|a| (0.0..=1.0).contains(&a)));
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let state = parse_hash(text);
    check_ranges(&state);
    let expected = round_trippable(&state);
    let hash = format_hash(&expected);
    let again = parse_hash(&hash);
    assert!(again.errors.is_empty(), "{hash:?} gives errors {:?}", again.errors);
    assert_eq!(round_trippable(&again), expected, "through {hash:?}");
});
