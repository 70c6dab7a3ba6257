//! Fuzz target: any text as `mtlsctl.yaml` must load, or fail cleanly: the YAML shape, then
//! every rule compiled (expression parse or intent to filter). Relative `issuer_cert` paths
//! resolve under a directory that does not exist, so the target reads no real files.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use mtlsctl::edge::ruleset;
use mtlsctl::rules::Context;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(specs) = ruleset::parse_specs(text, "fuzz.yaml") else {
        return;
    };
    let base = Path::new("/nonexistent-mtlsctl-fuzz");
    let mut rules = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        if let Ok(rule) = spec.compile(i, "fuzz.yaml", base) {
            rules.push(rule);
        }
    }
    let ctx = Context::new();
    let _ = ruleset::decide(&rules, &ctx, true);
});
