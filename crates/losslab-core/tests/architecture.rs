//! The core's invariant, enforced: it is plain Rust with no web or drawing dependency, so it
//! compiles and is tested natively, and the browser layer can never leak into the numerics.

use std::fs;
use std::path::{Path, PathBuf};

/// Crates the core must never use.
const FORBIDDEN: [&str; 7] = ["yew", "web_sys", "wasm_bindgen", "js_sys", "gloo", "plotters", "wasm_bindgen_futures"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether `text` mentions `name` as a path segment (`name::`), ignoring longer identifiers.
fn mentions(text: &str, name: &str) -> bool {
    text.match_indices(&format!("{name}::")).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn core_sources_use_no_web_or_drawing_crate() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(files.len() > 10, "found the sources");
    for file in files {
        let text = fs::read_to_string(&file).expect("readable source");
        for name in FORBIDDEN {
            assert!(!mentions(&text, name), "{} uses `{name}`", file.display());
            assert!(!text.contains(&format!("extern crate {name}")), "{} links `{name}`", file.display());
        }
    }
}

/// The first runtime dependency a manifest declares, if any: a line under `[dependencies]`, a
/// `[dependencies.name]` table (the dotted form) or any target-specific section.
fn runtime_dependency(manifest: &str) -> Option<String> {
    let mut section = String::new();
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            section = line.to_string();
            if section.starts_with("[dependencies.") || section.starts_with("[target") {
                return Some(section);
            }
            continue;
        }
        if section == "[dependencies]" && !line.is_empty() && !line.starts_with('#') {
            return Some(line.to_string());
        }
    }
    None
}

#[test]
fn core_manifest_has_no_runtime_dependency() {
    let manifest = fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).expect("manifest");
    if let Some(found) = runtime_dependency(&manifest) {
        panic!("the core must stay dependency-free, found `{found}`");
    }
    for name in ["yew", "web-sys", "wasm-bindgen", "gloo", "plotters"] {
        assert!(
            !manifest.contains(&format!("\n{name} ")) && !manifest.contains(&format!("\n{name}=")),
            "{name} in the core manifest"
        );
    }
}

#[test]
fn the_check_itself_catches_a_violation() {
    assert!(mentions("use yew::prelude::*;", "yew"));
    assert!(mentions("let w = web_sys::window();", "web_sys"));
    assert!(!mentions("use my_yew::x;", "yew"));
    assert!(!mentions("// plotters-like", "plotters"));
    assert_eq!(runtime_dependency("[package]\nname = \"x\"\n[dev-dependencies]\nproptest = \"1\"\n"), None);
    assert_eq!(runtime_dependency("[dependencies]\n# none\n\nyew = \"0.23\"\n").as_deref(), Some("yew = \"0.23\""));
    // The dotted form, which a line-by-line look under `[dependencies]` alone would miss.
    assert_eq!(runtime_dependency("[dependencies.yew]\nversion = \"0.23\"\n").as_deref(), Some("[dependencies.yew]"));
    assert!(runtime_dependency("[target.'cfg(target_arch = \"wasm32\")'.dependencies]\nx = \"1\"\n").is_some());
}
