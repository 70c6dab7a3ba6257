//! The README's `sh` examples run as written, in order, in one scratch directory.

mod common;

#[test]
fn readme_examples_run() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut script = String::from("set -euo pipefail\n");
    let mut in_block = false;
    let mut blocks = 0;
    for line in readme.lines() {
        if line.trim_start() == "```sh" {
            in_block = true;
            blocks += 1;
            continue;
        }
        if in_block && line.trim_start().starts_with("```") {
            in_block = false;
            continue;
        }
        if in_block {
            script.push_str(line);
            script.push('\n');
        }
    }
    assert!(blocks >= 3, "no runnable examples found");
    let env = common::Env::new();
    let bin = assert_cmd::cargo::cargo_bin!("mtlsctl");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(env.dir.path())
        .env("PATH", path)
        .env("MTLSCTL_STORE", env.store())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "README examples failed:\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
