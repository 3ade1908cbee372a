//! The URL-hash contract: documented examples, hostile links, and exact round trips.

use losslab_core::io::hash::*;
use proptest::prelude::*;

#[test]
fn documented_example_loads() {
    let s = parse_hash("#mode=regression&loss=huber&delta=1.35&tau=0.9&pts=0,1.2;1,3.4;2,5.1");
    assert_eq!(s.mode, Some(Mode::Regression));
    assert_eq!(s.loss.as_deref(), Some("huber"));
    assert_eq!(s.delta, Some(1.35));
    assert_eq!(s.tau, Some(0.9));
    assert_eq!(s.points, Some(vec![(0.0, 1.2), (1.0, 3.4), (2.0, 5.1)]));
    assert!(s.errors.is_empty());
}

#[test]
fn keys_in_any_order_and_percent_encoded_separators() {
    let a = parse_hash("pts=0%2C1.2%3B1%2c3.4&tau=0.25&loss=quantile");
    assert_eq!(a.points, Some(vec![(0.0, 1.2), (1.0, 3.4)]));
    assert_eq!(a.tau, Some(0.25));
    assert_eq!(a.loss.as_deref(), Some("quantile"));
    assert_eq!(a.mode, None);
    // Rust f64 syntax, including exponents with '+'.
    let b = parse_hash("#pts=1e+2,-2.5E-3;.5,7.");
    assert_eq!(b.points, Some(vec![(100.0, -0.0025), (0.5, 7.0)]));
}

#[test]
fn malformed_parts_are_reported_and_the_rest_loads() {
    let cases: &[(&str, &str)] = &[
        ("#loss=huber&delta=abc", "delta"),
        ("#loss=huber&delta=-1", "delta"),
        ("#loss=huber&delta=NaN", "delta"),
        ("#loss=huber&tau=1.5", "tau"),
        ("#loss=huber&pts=1,2;3", "pts"),
        ("#loss=huber&pts=1,2;3,4,5", "pts"),
        ("#loss=huber&pts=1,inf", "pts"),
        ("#loss=huber&pts=1,1e400", "pts"),
        ("#loss=huber&pts=1,1e300", "pts"),
        ("#loss=huber&pts=a,b", "pts"),
        ("#loss=huber&pts=1,", "pts"),
        ("#loss=huber&mode=banana", "mode"),
        ("#loss=huber&present=maybe", "present"),
    ];
    for (hash, bad) in cases {
        let s = parse_hash(hash);
        assert_eq!(s.errors.len(), 1, "{hash}: {:?}", s.errors);
        assert!(s.errors[0].starts_with(bad), "{hash}: {:?}", s.errors);
        assert_eq!(s.loss.as_deref(), Some("huber"), "{hash}: the valid part still loads");
    }
    let unknown = parse_hash("#loss=cauchy&delta=2");
    assert!(unknown.loss.is_none() && unknown.delta == Some(2.0));
    assert!(unknown.errors[0].contains("cauchy"));
}

#[test]
fn classification_labels_must_be_binary() {
    let ok = parse_hash("#mode=classification&loss=focal&gamma=2&alpha=0.25&pts=-1,0;0.5,1");
    assert_eq!(ok.points, Some(vec![(-1.0, 0.0), (0.5, 1.0)]));
    assert_eq!((ok.gamma, ok.alpha), (Some(2.0), Some(Some(0.25))));
    let bad = parse_hash("#mode=classification&pts=-1,0;0.5,2");
    assert!(bad.points.is_none());
    assert!(bad.errors[0].contains("label"), "{:?}", bad.errors);
    // In regression mode the same pair is an ordinary point; bce is not a regression loss.
    let reg = parse_hash("#loss=bce&pts=-1,0;0.5,2");
    assert!(reg.points.is_some() && reg.loss.is_none());
}

#[test]
fn too_many_points_are_capped_with_a_message() {
    let pts: Vec<String> = (0..100_000).map(|i| format!("{i},{}", i % 7)).collect();
    let s = parse_hash(&format!("#pts={}", pts.join(";")));
    assert_eq!(s.points.as_ref().map(Vec::len), Some(MAX_POINTS));
    assert!(s.errors.iter().any(|e| e.contains("5000")), "{:?}", s.errors);
}

#[test]
fn garbage_never_panics() {
    for hash in ["", "#", "&&&", "=", "#=&=", "%", "%%%", "%zz", "pts=%", "pts=;;;", "mode", "#pts=\u{0}\u{1}", "pts=1,2%3"] {
        let _ = parse_hash(hash);
    }
    assert_eq!(parse_hash("#pts=").points, Some(vec![]));
    assert_eq!(percent_decode("%e2%82%ac"), "€");
    assert_eq!(percent_decode("100%"), "100%");
}

proptest! {
    #[test]
    fn state_to_hash_to_state_is_exact(
        points in prop::collection::vec((-1e100f64..1e100, -1e6f64..1e6), 0..40),
        delta in 1e-3f64..100.0,
        tau in 0.001f64..0.999,
        loss in prop::sample::select(REGRESSION_LOSSES.to_vec()),
        present in any::<bool>(),
    ) {
        let state = HashState {
            mode: Some(Mode::Regression),
            loss: Some(loss.to_string()),
            delta: Some(delta),
            tau: Some(tau),
            points: Some(points),
            present: Some(present).filter(|&p| p),
            hidden: Some(vec!["mae".into(), "logcosh".into()]),
            ..HashState::default()
        };
        let parsed = parse_hash(&format_hash(&state));
        prop_assert_eq!(parsed, state);
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let s = parse_hash(&text);
        if let Some(points) = s.points {
            prop_assert!(points.iter().all(|(x, y)| x.is_finite() && y.is_finite()));
        }
    }
}
