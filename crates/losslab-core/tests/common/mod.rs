//! Shared by the integration tests: where the reference numbers are.

use std::path::PathBuf;

/// The path of reference file `name`: from `$LOSSLAB_REFERENCE_DIR` if set, else the shared
/// folder beside the repository (`../shared/reference/`, the files' origin), else the copy in
/// `tests/reference/` (so the tests also run where the shared folder is absent).
pub fn reference_path(name: &str) -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        std::env::var_os("LOSSLAB_REFERENCE_DIR").map(PathBuf::from),
        Some(manifest.join("../../../shared/reference")),
        Some(manifest.join("tests/reference")),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
        .unwrap_or_else(|| panic!("reference file {name} not found (set LOSSLAB_REFERENCE_DIR)"))
}
