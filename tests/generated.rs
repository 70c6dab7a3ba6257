//! Guard tests: the committed shell completions and man pages are generated from the CLI
//! definition and must be current. Regenerate with `UPDATE_GENERATED=1 cargo test --test generated`.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;
use mtlsctl::cli::Cli;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn check_or_write(path: &Path, want: &[u8], stale: &mut Vec<String>) {
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, want).unwrap();
        return;
    }
    match std::fs::read(path) {
        Ok(have) if have == want => {}
        _ => stale.push(path.strip_prefix(root()).unwrap().display().to_string()),
    }
}

#[test]
fn cli_definition_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn completions_are_current() {
    let mut stale = Vec::new();
    for (shell, file) in [
        (Shell::Bash, "mtlsctl.bash"),
        (Shell::Zsh, "_mtlsctl"),
        (Shell::Fish, "mtlsctl.fish"),
        (Shell::PowerShell, "_mtlsctl.ps1"),
        (Shell::Elvish, "mtlsctl.elv"),
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "mtlsctl", &mut buf);
        check_or_write(&root().join("completions").join(file), &buf, &mut stale);
    }
    assert!(
        stale.is_empty(),
        "out of date: {stale:?}; run UPDATE_GENERATED=1 cargo test --test generated"
    );
}

fn man_pages(cmd: &clap::Command, name: &str, out: &mut Vec<(String, Vec<u8>)>) {
    let cmd = cmd
        .clone()
        .name(name.to_string())
        .display_name(name.replace('-', " "));
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf).unwrap();
    out.push((format!("{name}.1"), buf));
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        man_pages(sub, &format!("{name}-{}", sub.get_name()), out);
    }
}

#[test]
fn man_pages_are_current() {
    let mut cmd = Cli::command();
    cmd.build();
    let mut pages = Vec::new();
    man_pages(&cmd, "mtlsctl", &mut pages);
    let mut stale = Vec::new();
    let dir = root().join("docs/man");
    for (file, page) in &pages {
        check_or_write(&dir.join(file), page, &mut stale);
    }
    // No page for a command that no longer exists.
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !pages.iter().any(|(f, _)| *f == name) {
                if std::env::var_os("UPDATE_GENERATED").is_some() {
                    std::fs::remove_file(e.path()).unwrap();
                } else {
                    stale.push(format!("docs/man/{name} (no such command)"));
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "out of date: {stale:?}; run UPDATE_GENERATED=1 cargo test --test generated"
    );
}

/// Every command's help lists its own options first and the global ones (`--store`, `--json`,
/// `--color`, `-q`) last, under their own heading, as cargo and jj do.
#[test]
fn global_options_have_their_own_heading_after_each_commands_options() {
    fn walk(cmd: &mut clap::Command, path: String, checked: &mut usize) {
        let help = cmd.render_help().to_string();
        let lines: Vec<&str> = help.lines().collect();
        // Option headings ("Options:", "Global options:"), not after-help sections ("EXAMPLES:").
        let heading = |l: &&&str| {
            !l.starts_with(' ') && l.ends_with(':') && l.chars().any(|c| c.is_ascii_lowercase())
        };
        let global = lines
            .iter()
            .position(|l| *l == "Global options:")
            .unwrap_or_else(|| panic!("{path}: no \"Global options:\" heading in\n{help}"));
        let after: Vec<&&str> = lines[global + 1..].iter().filter(heading).collect();
        assert!(
            after.is_empty(),
            "{path}: headings after Global options: {after:?}"
        );
        for flag in ["--store <DIR>", "--json", "--color <WHEN>", "-q, --quiet"] {
            let at = lines
                .iter()
                .position(|l| l.trim_start().starts_with(flag))
                .unwrap_or_else(|| panic!("{path}: {flag} missing"));
            assert!(
                at > global,
                "{path}: {flag} listed before the Global options heading"
            );
        }
        *checked += 1;
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .filter(|n| n != "help")
            .collect();
        for name in names {
            let sub = cmd.find_subcommand_mut(&name).unwrap();
            walk(sub, format!("{path} {name}"), checked);
        }
    }
    let mut cmd = Cli::command();
    cmd.build();
    let mut checked = 0;
    walk(&mut cmd, "mtlsctl".into(), &mut checked);
    assert!(checked > 20, "only {checked} commands checked");
}
