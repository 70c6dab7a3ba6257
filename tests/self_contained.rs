//! Guard: nothing in the repository reads a path outside it. A user's clone has nothing beside
//! it, so a test or script that names the folder next to the checkout fails for them even when
//! CI happens to have that folder.

use std::path::{Path, PathBuf};

/// The folders whose files run: code, tests, benches, fuzz targets and seeds, CI, scripts.
const CHECKED: &[&str] = &["src", "tests", "benches", "bench", "fuzz", ".ci"];

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" || name == "corpus" || name == "artifacts" {
            continue; // build output and fuzzer working folders, not part of the repository
        }
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn no_file_names_a_path_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Built so that this file does not contain the string it looks for.
    let needle = format!("{}/{}", "..", "shared");
    let mut files = Vec::new();
    for dir in CHECKED {
        files_under(&root.join(dir), &mut files);
    }
    assert!(
        files.len() > 50,
        "only {} files found under {CHECKED:?}",
        files.len()
    );
    let offenders: Vec<String> = files
        .iter()
        .filter(|p| {
            std::fs::read(p)
                .map(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
                .unwrap_or(false)
        })
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "these files name {needle}, which a clone of the repository does not have: {offenders:?}\n\
         copy what they need into tests/fixtures/ (with its source and license in its README)"
    );
}

#[test]
fn the_fixtures_the_tests_read_are_in_the_repository() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for p in [
        "README.md",
        "certs/aki-openssl.tsv",
        "certs/rustls-test-ca/ecdsa-p256/client.cert",
        "certs/x509-parser/p521-selfsigned.der",
        "limbo/clientauth-subset.json",
        "bad/MANIFEST.tsv",
    ] {
        assert!(fixtures.join(p).is_file(), "tests/fixtures/{p} is missing");
    }
}
