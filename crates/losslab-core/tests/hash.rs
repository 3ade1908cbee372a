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
    let reg = parse_hash("#mode=regression&loss=bce&pts=-1,0;0.5,2");
    assert!(reg.points.is_some() && reg.loss.is_none());
    // Without a mode, a classification loss (or γ, α, λ) makes it a classification link.
    let inferred = parse_hash("#loss=bce&pts=-1,0;0.5,2");
    assert_eq!(inferred.mode, Some(Mode::Classification));
    assert!(inferred.points.is_none() && inferred.loss.as_deref() == Some("bce"), "{inferred:?}");
    assert_eq!(parse_hash("#gamma=1").mode, Some(Mode::Classification));
    assert_eq!(parse_hash("#gamma=1&delta=2").mode, None, "δ belongs to the regression lab");
    assert_eq!(parse_hash("#loss=mae").mode, None);
    // A pair is named as the mode reads it.
    let garbage = parse_hash("#mode=classification&pts=garbage");
    assert!(garbage.errors[0].contains("is not an x,label pair"), "{:?}", garbage.errors);
    let garbage = parse_hash("#pts=garbage");
    assert!(garbage.errors[0].contains("is not an x,y pair"), "{:?}", garbage.errors);
}

#[test]
fn unknown_parts_are_named_and_the_rest_loads() {
    let s = parse_hash("#lss=mae&delta=2");
    assert_eq!(s.delta, Some(2.0));
    assert!(s.loss.is_none());
    assert_eq!(s.errors.len(), 1, "{:?}", s.errors);
    assert!(s.errors[0].starts_with("“lss” is not a part of a LossLab link"), "{:?}", s.errors);
    // A hash encoded as a whole is one unknown part, named (shortened).
    let s = parse_hash("#loss%3Dmae%26pts%3D0%2C1%3B1%2C2");
    assert!(s.points.is_none() && s.errors.len() == 1, "{:?}", s);
    assert!(s.errors[0].starts_with("“loss=mae&pts=0,1;1,2”"), "{:?}", s.errors);
}

#[test]
fn a_key_given_twice_is_named_and_a_part_without_a_key_too() {
    let s = parse_hash("#pts=0,1;1,2&loss=mae&pts=5,5;6,6");
    assert_eq!(s.points, Some(vec![(0.0, 1.0), (1.0, 2.0)]), "the first pts counts");
    assert_eq!(s.loss.as_deref(), Some("mae"));
    assert_eq!(s.errors, vec!["pts: given more than once; only the first one is used".to_string()]);
    // Whatever the later ones hold: valid or not, they are not read.
    let s = parse_hash("#delta=2&delta=abc&pts=0,1;1,2&pts=zz&loss=mae&loss=nope");
    assert_eq!((s.delta, s.loss.as_deref()), (Some(2.0), Some("mae")));
    assert_eq!(s.points, Some(vec![(0.0, 1.0), (1.0, 2.0)]));
    assert_eq!(s.errors.len(), 3, "{:?}", s.errors);
    assert!(s.errors.iter().all(|e| e.ends_with("given more than once; only the first one is used")), "{:?}", s.errors);
    let s = parse_hash("#%%%&&&===&delta=2");
    assert_eq!(s.delta, Some(2.0));
    assert_eq!(s.errors.len(), 2, "{:?}", s.errors);
    assert_eq!(s.errors[0], "“===” has no key (such as loss= or pts=); ignored");
    assert!(s.errors[1].starts_with("“%%%” is not a part of a LossLab link"), "{:?}", s.errors);
    // Only a known key is "given more than once"; unknown ones are named together, with the
    // list of keys once (a link of many misspelt keys made a message per key, each with it).
    let s = parse_hash("#lss=1&lss=2&=a&=b&dlta=3");
    assert_eq!(s.errors.len(), 3, "{:?}", s.errors);
    assert!(s.errors.iter().all(|e| !e.contains("more than once")), "{:?}", s.errors);
    assert!(
        s.errors[2].starts_with("“lss”, “lss”, “dlta” are not parts of a LossLab link (mode, loss,"),
        "{:?}",
        s.errors
    );
    assert_eq!(s.errors[2].matches("mode, loss").count(), 1);
}

#[test]
fn every_key_named_in_the_unknown_key_message_is_read() {
    // The message lists the keys a link may hold; each of them must be one the parser reads
    // (and checks for repeats), not fall through to "is not a part of a LossLab link".
    let s = parse_hash("#lss=1");
    let list = s.errors[0].split_once('(').and_then(|(_, rest)| rest.split_once(')')).map(|(keys, _)| keys).unwrap();
    let keys: Vec<&str> = list.split(", ").collect();
    assert_eq!(keys.len(), 15, "{list}");
    for key in keys {
        let s = parse_hash(&format!("#{key}=&{key}="));
        assert!(s.errors.iter().all(|e| !e.contains("is not a part")), "{key}: {:?}", s.errors);
        assert!(s.errors.iter().any(|e| e.contains("given more than once")), "{key}: {:?}", s.errors);
    }
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
    for hash in
        ["", "#", "&&&", "=", "#=&=", "%", "%%%", "%zz", "pts=%", "pts=;;;", "mode", "#pts=\u{0}\u{1}", "pts=1,2%3"]
    {
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

// `parse_f64`: the hash's and CSV's number parser must agree with `str::parse::<f64>` on
// every input, bit for bit, since it replaces it (see its docs).

/// Whether `parse_f64` and the standard library agree on `text` (NaNs compare by sign).
fn agrees_with_std(text: &str) -> bool {
    match (parse_f64(text), text.parse::<f64>().ok()) {
        (Some(a), Some(b)) if a.is_nan() || b.is_nan() => {
            a.is_nan() && b.is_nan() && a.is_sign_negative() == b.is_sign_negative()
        }
        (Some(a), Some(b)) => a.to_bits() == b.to_bits(),
        (None, None) => true,
        _ => false,
    }
}

#[test]
fn parse_f64_agrees_with_std_on_edge_cases() {
    let long_one = format!("1{}", "0".repeat(800));
    let tiny = format!("0.{}1", "0".repeat(800));
    let long_digits = format!("{}e-800", "9".repeat(900));
    let cases = [
        "",
        "+",
        "-",
        ".",
        "+.",
        "-.",
        "e",
        "e5",
        ".e5",
        "1e",
        "1e+",
        "1e-",
        "1.e5",
        "1..2",
        "1.2.3",
        "--1",
        "+-1",
        " 1",
        "1 ",
        "0x10",
        "1_000",
        "１",
        "inf",
        "-inf",
        "+Infinity",
        "INFINITY",
        "infinit",
        "infinityy",
        "nan",
        "-NaN",
        "+nAn",
        "NaN1",
        "infx",
        "in",
        "0",
        "-0",
        "+0.0",
        "00000",
        "-.0e0",
        "0e999999999",
        "0.0e-99999",
        "1",
        "1.",
        ".5",
        "+.5e1",
        "007",
        "1e22",
        "1e23",
        "9007199254740992",
        "9007199254740993",
        "9007199254740995",
        "123456789012345678",
        "1234567890123456789",
        "12345678901234567890123",
        "0.1",
        "0.2",
        "0.30000000000000004",
        "1.35",
        "104.2022",
        "1e100",
        "1.00000000000000001e100",
        "1e101",
        "1e308",
        "1e309",
        "-1e309",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "2.2250738585072011e-308",
        "2.2250738585072014e-308",
        "4.9406564584124654e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "1e-324",
        "1e-400",
        "-1e-400",
        "1e65535",
        "1e65536",
        "1e4294967296",
        "1e-4294967296",
        "0.000001e6",
        "123.456e-2",
        "6.02214076e23",
        &long_one,
        &tiny,
        &long_digits,
    ];
    for case in cases {
        assert!(agrees_with_std(case), "{case:?}: {:?} vs {:?}", parse_f64(case), case.parse::<f64>());
    }
}

/// The exact decimal expansion of the point halfway between a finite `f64` `x ≥ 0` and the
/// next one up, as `digits` (most significant first) and the position of the decimal point.
fn exact_midpoint(x: f64) -> (Vec<u8>, usize) {
    let bits = x.to_bits();
    let (biased, fraction) = ((bits >> 52) as i32, bits & ((1 << 52) - 1));
    let (significand, exponent) = if biased == 0 { (fraction, -1074) } else { (fraction | 1 << 52, biased - 1075) };
    // midpoint = (2·significand + 1) · 2^(exponent − 1): an integer times a power of two,
    // written as an integer times a power of ten by multiplying with 2s or 5s.
    let mut digits: Vec<u8> = (2 * significand + 1).to_string().bytes().rev().map(|b| b - b'0').collect();
    let scale = exponent - 1;
    let multiply = |digits: &mut Vec<u8>, k: u32| {
        let mut carry = 0;
        for d in digits.iter_mut() {
            let v = u32::from(*d) * k + carry;
            *d = (v % 10) as u8;
            carry = v / 10;
        }
        while carry > 0 {
            digits.push((carry % 10) as u8);
            carry /= 10;
        }
    };
    for _ in 0..scale.unsigned_abs() {
        multiply(&mut digits, if scale > 0 { 2 } else { 5 });
    }
    digits.reverse();
    // With scale < 0 the value is digits · 10^scale.
    let fraction_digits = if scale < 0 { scale.unsigned_abs() as usize } else { 0 };
    while digits.len() <= fraction_digits {
        digits.insert(0, 0);
    }
    let point = digits.len() - fraction_digits;
    (digits, point)
}

fn decimal_text(digits: &[u8], point: usize, tail: &str) -> String {
    let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    format!("{}.{}{tail}", &text[..point], &text[point..])
}

#[test]
fn parse_f64_rounds_halfway_cases_like_std() {
    // Deterministic pseudo-random bit patterns across every binade, subnormals included.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut checked = 0;
    while checked < 600 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let x = f64::from_bits(state >> 1);
        let next = f64::from_bits(x.to_bits() + 1);
        if !next.is_finite() {
            continue;
        }
        checked += 1;
        let (mut digits, point) = exact_midpoint(x);
        let halfway = decimal_text(&digits, point, "");
        let above = decimal_text(&digits, point, "0000000001");
        // One less in the last place, then 9s, lies just below (the midpoint is positive).
        for d in digits.iter_mut().rev() {
            if *d > 0 {
                *d -= 1;
                break;
            }
            *d = 9;
        }
        let below = decimal_text(&digits, point, "99999");
        let even = if x.to_bits().is_multiple_of(2) { x } else { next };
        for (text, expected) in [(&halfway, even), (&above, next), (&below, x)] {
            assert_eq!(parse_f64(text).map(f64::to_bits), Some(expected.to_bits()), "{text}");
            assert!(agrees_with_std(text), "{text}");
        }
    }
}

proptest! {
    #[test]
    fn parse_f64_agrees_with_std_on_printed_floats(x in any::<f64>(), bits in any::<u64>(), precision in 0usize..30) {
        for v in [x, f64::from_bits(bits)] {
            for text in [
                format!("{v}"), format!("{v:e}"), format!("{v:E}"), format!("{v:?}"),
                format!("{v:.precision$}"), format!("{v:.precision$e}"), format!("{:+}", v),
            ] {
                prop_assert!(agrees_with_std(&text), "{}", text);
            }
        }
    }

    #[test]
    fn parse_f64_agrees_with_std_on_number_like_text(
        text in "[+-]?[0-9]{0,24}(\\.[0-9]{0,24})?([eE][+-]?[0-9]{0,5})?",
        junk in "[0-9eE.+-]{0,10}",
        noise in "[-+.0-9eEinfatyINFATY ]{0,12}",
    ) {
        prop_assert!(agrees_with_std(&text), "{}", text);
        prop_assert!(agrees_with_std(&junk), "{}", junk);
        prop_assert!(agrees_with_std(&noise), "{}", noise);
    }
}

#[test]
fn unknown_hidden_lines_are_named_and_the_known_ones_hidden() {
    let s = parse_hash("#hide=bogus,MSE,,cauchy");
    assert_eq!(s.hidden, Some(vec!["mse".to_string()]));
    assert_eq!(s.errors.len(), 1, "{:?}", s.errors);
    assert!(s.errors[0].starts_with("hide: unknown loss “bogus”, “cauchy” not hidden"), "{:?}", s.errors);
    assert!(parse_hash("#hide=mae,pseudohuber").errors.is_empty());
}

#[test]
fn messages_write_extreme_numbers_readably() {
    let s = parse_hash("#gamma=-1e-320&tau=-5e-300&mode=classification&pts=0,5e-324;1,1");
    let text = s.errors.join(" | ");
    assert!(text.contains("not -1e-320"), "{text}");
    assert!(text.contains("not -5e-300"), "{text}");
    assert!(text.contains("has label 5e-324"), "{text}");
    assert!(s.errors.iter().all(|e| e.len() < 120), "{text}");
    // A link written for tiny coordinates stays short and reads back exactly.
    let tiny =
        HashState { points: Some(vec![(1.0001262785705265e-300, 2.0000095484536277e-300)]), ..HashState::default() };
    let text = format_hash(&tiny);
    assert_eq!(text, "#pts=1.0001262785705265e-300,2.0000095484536277e-300");
    assert_eq!(parse_hash(&text).points, tiny.points);
}

#[test]
fn the_softmax_panel_keys_parse_and_round_trip() {
    let s = parse_hash("#logits=2.5,-1,%E2%88%923&class=2");
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!((s.logits, s.true_class), (Some([2.5, -1.0, -3.0]), Some(2)));
    assert_eq!(s.mode, Some(Mode::Classification), "panel keys belong to the classification lab");
    assert_eq!(parse_hash(&format_hash(&s)).logits, s.logits);
    for (hash, start) in [
        ("#mode=classification&logits=1,2", "logits: three logits are needed"),
        ("#mode=classification&logits=1,x,2", "logits: “x” is not a number"),
        ("#mode=classification&class=3", "class: the true class is 0, 1 or 2"),
    ] {
        let s = parse_hash(hash);
        assert!(s.errors.len() == 1 && s.errors[0].starts_with(start), "{hash}: {:?}", s.errors);
        assert_eq!((s.logits, s.true_class), (None, None));
    }
}

#[test]
fn a_link_without_a_mode_naming_a_regression_loss_is_a_regression_link() {
    let s = parse_hash("#class=1&loss=mae");
    assert_eq!(s.mode, None, "a regression loss keeps it out of the classification lab");
    assert_eq!(s.loss.as_deref(), Some("mae"));
    assert_eq!(parse_hash("#class=1&loss=hinge").mode, Some(Mode::Classification));
    assert_eq!(parse_hash("#gamma=1").mode, Some(Mode::Classification));
}
