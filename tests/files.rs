//! Issue 6, files: keys are created 0600 from the start, writes are atomic (temp file,
//! fsync, then link or rename), `--force` is the only way to replace a file, a run that
//! fails midway leaves every pre-existing file unchanged and no temporary file, the store
//! index survives concurrent runs and a killed process, and a damaged store is reported
//! (with what to do) by every command that uses it, never recreated over the user's CA.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{Env, assert_input_error};

/// Every file under `dir` (not recursing) with its bytes and mode.
fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, u32)> {
    let mut m = BTreeMap::new();
    for e in fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let meta = e.metadata().unwrap();
        if meta.is_file() {
            m.insert(
                e.file_name().to_string_lossy().into_owned(),
                (
                    fs::read(e.path()).unwrap(),
                    meta.permissions().mode() & 0o777,
                ),
            );
        }
    }
    m
}

fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp."))
        .collect()
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// With umask 000 the process would create world-readable files if the mode were not set at
/// creation; keys must still be 0600, certificates 0644, the store 0700.
#[test]
fn modes_hold_under_umask_000() {
    let env = Env::new();
    let bin = assert_cmd::cargo::cargo_bin!("mtlsctl");
    let status = Command::new("sh")
        .arg("-c")
        .arg(r#"umask 000 && "$0" cert create --cn dev && "$0" cert csr --cn req --out req.csr --key-out req.key"#)
        .arg(bin)
        .current_dir(env.dir.path())
        .env("MTLSCTL_STORE", env.store())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(mode(&env.path("dev.key")), 0o600);
    assert_eq!(mode(&env.path("req.key")), 0o600);
    assert_eq!(mode(&env.store().join("ca.key")), 0o600);
    assert_eq!(mode(&env.path("dev.crt")), 0o644);
    assert_eq!(mode(&env.store()), 0o700);
}

/// Runs `mtlsctl ARGS` in the scratch dir under `strace -f -e trace=SYSCALLS` with `envs`;
/// returns the trace lines without the pid column, or None (with a note) when strace is
/// missing.
fn strace(env: &Env, syscalls: &str, args: &[&str], envs: &[(&str, &str)]) -> Option<Vec<String>> {
    let probe = Command::new("strace").arg("-V").output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("note: strace not available; syscall order not checked");
        return None;
    }
    let trace = env.path("trace.txt");
    let status = Command::new("strace")
        .args(["-f", "-qq", "-o"])
        .arg(&trace)
        .args(["-e", &format!("trace={syscalls}")])
        .arg(assert_cmd::cargo::cargo_bin!("mtlsctl"))
        .args(args)
        .current_dir(env.dir.path())
        .env("MTLSCTL_STORE", env.store())
        .envs(envs.iter().copied())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{args:?} under strace failed");
    let text = fs::read_to_string(&trace).unwrap();
    fs::remove_file(&trace).unwrap();
    Some(
        text.lines()
            .map(|l| {
                l.split_once(' ')
                    .map_or(l, |(_, r)| r.trim_start())
                    .to_string()
            })
            .collect(),
    )
}

/// The fd a syscall line returned (`... = 3`).
fn returned_fd(line: &str) -> &str {
    line.rsplit("= ").next().unwrap().trim()
}

/// Under strace: every key is created with mode 0600 from the start (no window where it is
/// readable), as an anonymous O_TMPFILE inode in the target's directory (or, in the fallback,
/// a temp file opened O_CREAT|O_EXCL), fsynced, then linked into place; the final name is
/// never opened for writing. Both ways are checked (the fallback through its test hook).
#[test]
fn key_writes_are_exclusive_0600_fsynced_then_linked() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    for (cn, envs) in [
        ("dev", &[][..]),
        ("named", &[("MTLSCTL_TEST_NAMED_TEMPS", "1")][..]),
    ] {
        let Some(lines) = strace(
            &env,
            "openat,fsync,link,linkat,rename,renameat,renameat2,fchmod,write",
            &["cert", "create", "--cn", cn],
            envs,
        ) else {
            return;
        };
        let text = lines.join("\n");
        for target in [format!("{cn}.key"), format!("{cn}.crt")] {
            let want_mode = if target.ends_with(".key") {
                "0600"
            } else {
                "0644"
            };
            let link_i = lines
                .iter()
                .position(|l| {
                    (l.starts_with("link") || l.starts_with("rename"))
                        && l.contains(&format!("\"{target}\""))
                })
                .unwrap_or_else(|| panic!("{target}: not linked or renamed into place:\n{text}"));
            let link = &lines[link_i];
            // The source of the link: an fd through /proc, or a temp name.
            let open_i = if let Some(rest) = link.split("\"/proc/self/fd/").nth(1) {
                assert!(
                    envs.is_empty(),
                    "{target}: O_TMPFILE used despite the hook: {link}"
                );
                let fd = rest.split('"').next().unwrap();
                lines[..link_i]
                    .iter()
                    .rposition(|l| l.starts_with("openat(") && returned_fd(l) == fd)
                    .unwrap_or_else(|| panic!("{target}: fd {fd} not opened:\n{text}"))
            } else {
                assert!(
                    !envs.is_empty(),
                    "{target}: not staged as O_TMPFILE: {link}"
                );
                lines
                    .iter()
                    .position(|l| {
                        l.starts_with("openat(") && l.contains(&format!("/.{target}.tmp."))
                    })
                    .unwrap_or_else(|| panic!("no temp file opened for {target}:\n{text}"))
            };
            let open = &lines[open_i];
            assert!(
                open.contains("O_TMPFILE") || (open.contains("O_CREAT") && open.contains("O_EXCL")),
                "{open}"
            );
            assert!(
                open.contains(&format!(", {want_mode})")),
                "{target} not created {want_mode}: {open}"
            );
            let fd = returned_fd(open);
            assert!(
                lines[open_i..link_i]
                    .iter()
                    // Files are fsynced in parallel threads: strace may split the call.
                    .any(|l| l.starts_with(&format!("fsync({fd})"))
                        || l.starts_with(&format!("fsync({fd} <unfinished"))),
                "{target}: no fsync before the link:\n{text}"
            );
            // Nothing ever opens the final name for writing.
            assert!(
                !lines
                    .iter()
                    .any(|l| l.starts_with("openat(") && l.contains(&format!("\"{target}\""))),
                "{target} opened directly:\n{text}"
            );
        }
        assert!(temp_files(env.dir.path()).is_empty());
    }
}

/// Security review L5: for a bare file name (`client.crt`, the default), the directory that
/// holds the new entry is `.`, and it is fsynced after the link (it used to open "" and
/// silently fsync nothing).
#[test]
fn relative_output_directory_is_fsynced() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    let Some(lines) = strace(
        &env,
        "openat,fsync,link,linkat,rename",
        &["cert", "create"],
        &[],
    ) else {
        return;
    };
    let text = lines.join("\n");
    let link_i = lines
        .iter()
        .position(|l| l.starts_with("link") && l.contains("\"client.crt\""))
        .unwrap_or_else(|| panic!("client.crt not linked:\n{text}"));
    let synced = lines[link_i..].iter().enumerate().any(|(i, l)| {
        l.starts_with("openat(AT_FDCWD, \".\", O_RDONLY")
            && lines[link_i + i..]
                .iter()
                .any(|f| f.starts_with(&format!("fsync({})", returned_fd(l))))
    });
    assert!(
        synced,
        "the directory of client.crt (.) is not fsynced:\n{text}"
    );
}

/// The first `cert create` (no store yet) makes the store CA and the client certificate in
/// one transaction: the index is written once, naming both, and gets its name (linked when
/// new, renamed over an old one; its directory fsynced) before either certificate gets its
/// name; every staged file and the index are fsynced before that.
#[test]
fn first_run_writes_the_ca_and_the_client_in_one_transaction() {
    let env = Env::new();
    let Some(lines) = strace(
        &env,
        "openat,fsync,link,linkat,rename,renameat,renameat2",
        &["cert", "create"],
        &[],
    ) else {
        return;
    };
    let text = lines.join("\n");
    let index_publishes: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            (l.starts_with("rename") || l.starts_with("link")) && l.contains("/index.json\"")
        })
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        index_publishes.len(),
        1,
        "the index is written once:\n{text}"
    );
    let rename_i = index_publishes[0];
    for target in ["/ca.crt\"", "/ca.key\"", "\"client.crt\"", "\"client.key\""] {
        let link_i = lines
            .iter()
            .position(|l| l.starts_with("link") && l.contains(target))
            .unwrap_or_else(|| panic!("{target} not linked:\n{text}"));
        assert!(
            rename_i < link_i,
            "{target} linked before the index:\n{text}"
        );
    }
    // Between the index rename and the first link: the store directory is fsynced.
    let first_link = lines[rename_i + 1..]
        .iter()
        .position(|l| l.starts_with("linkat(AT_FDCWD, \"/proc/self/fd/"))
        .map(|i| rename_i + 1 + i)
        .unwrap_or_else(|| panic!("no link after the index:\n{text}"));
    assert!(
        lines[rename_i..first_link]
            .iter()
            .any(|l| l.starts_with("fsync(")),
        "the store directory is not fsynced between the index and the certificates:\n{text}"
    );
    let index: serde_json::Value =
        serde_json::from_slice(&fs::read(env.store().join("index.json")).unwrap()).unwrap();
    let profiles: Vec<&str> = index["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["profile"].as_str().unwrap())
        .collect();
    assert_eq!(profiles, ["root_ca", "client"], "{index:#}");
    let list = env.ok(&["cert", "list", "--json"]);
    assert_eq!(list.matches("\"valid\"").count(), 2, "{list}");
}

/// Several first runs at once on an empty store: one CA wins, the others sign with it (their
/// own new CA is never written), every certificate verifies against the store CA, and the
/// index holds one CA and every client.
#[test]
fn first_runs_at_once_share_one_store_ca() {
    let env = Env::new();
    let children: Vec<_> = (0..6)
        .map(|i| {
            env.std_cmd()
                .args(["cert", "create", "--cn", &format!("c{i}")])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut created = 0;
    for c in children {
        let out = c.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        created += stderr.matches("created a new CA").count();
    }
    assert_eq!(created, 1, "exactly one run says it created the CA");
    let index: serde_json::Value =
        serde_json::from_slice(&fs::read(env.store().join("index.json")).unwrap()).unwrap();
    let certs = index["certificates"].as_array().unwrap();
    let cas = certs.iter().filter(|c| c["profile"] == "root_ca").count();
    assert_eq!((cas, certs.len()), (1, 7), "{index:#}");
    let ca = env.store().join("ca.crt");
    for i in 0..6 {
        let out = Command::new("openssl")
            .args(["verify", "-purpose", "sslclient", "-CAfile"])
            .arg(&ca)
            .arg(env.path(&format!("c{i}.crt")))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "c{i}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    assert!(temp_files(&env.store()).is_empty());
}

/// Without --force every writing command refuses to replace a file and leaves it
/// byte-for-byte unchanged; with --force it replaces it.
#[test]
fn force_is_the_only_way_to_replace() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    env.ok(&[
        "cert",
        "csr",
        "--cn",
        "r",
        "--out",
        "r.csr",
        "--key-out",
        "r.key",
    ]);
    let runs: Vec<Vec<&str>> = vec![
        vec![
            "cert",
            "create",
            "--cn",
            "dev",
            "--out",
            "x.crt",
            "--key-out",
            "x.key",
        ],
        vec![
            "cert",
            "csr",
            "--cn",
            "dev",
            "--out",
            "x.crt",
            "--key-out",
            "x.key",
        ],
        vec!["cert", "sign", "r.csr", "--out", "x.crt"],
        vec!["crl", "create", "--out", "x.crt"],
        vec![
            "cert",
            "create",
            "--ca",
            "--out",
            "x.crt",
            "--key-out",
            "x.key",
        ],
    ];
    for args in &runs {
        fs::write(env.path("x.crt"), b"precious cert").unwrap();
        fs::write(env.path("x.key"), b"precious key").unwrap();
        let before = snapshot(env.dir.path());
        let store_before = snapshot(&env.store());
        let out = env.run(args);
        assert_input_error(&out, &format!("{args:?}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stderr.contains("not available yet") {
            continue;
        }
        assert!(stderr.contains("--force"), "{args:?}: {stderr}");
        assert_eq!(snapshot(env.dir.path()), before, "{args:?} changed files");
        assert_eq!(
            snapshot(&env.store()),
            store_before,
            "{args:?} changed the store"
        );
        let mut forced = args.clone();
        forced.push("--force");
        env.ok(&forced);
        assert_ne!(
            fs::read(env.path("x.crt")).unwrap(),
            b"precious cert",
            "{forced:?}"
        );
        assert!(temp_files(env.dir.path()).is_empty());
    }
    // The store CA: `cert create --ca` refuses to replace it.
    let ca = fs::read(env.store().join("ca.key")).unwrap();
    assert_input_error(&env.run(&["cert", "create", "--ca"]), "second store CA");
    assert_eq!(fs::read(env.store().join("ca.key")).unwrap(), ca);
}

/// Mounts a small tmpfs (root only); None when this machine does not allow it.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        fs::create_dir_all(dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A full disk midway through a run: nothing published, nothing pre-existing changed, no
/// temp file left, the store index intact.
#[test]
fn full_disk_midway_changes_nothing() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    let Some(fsys) = Tmpfs::mount(&env.path("small"), "96k") else {
        eprintln!("note: cannot mount a tmpfs here; full-disk failure not tested");
        return;
    };
    let dir = fsys.0.clone();
    fs::write(dir.join("keep.crt"), b"pre-existing certificate").unwrap();
    fs::write(dir.join("keep.key"), b"pre-existing key").unwrap();
    // Fill the disk but a few KiB.
    let mut filler = 0;
    loop {
        let r = fs::write(dir.join(format!("fill{filler}")), vec![0u8; 4096]);
        if r.is_err() {
            let _ = fs::remove_file(dir.join(format!("fill{filler}")));
            break;
        }
        filler += 1;
    }
    let _ = fs::remove_file(dir.join("fill0"));
    let before = snapshot(&dir);
    let index_before = fs::read(env.store().join("index.json")).unwrap();
    // 40 pairs need far more than the space left: staging fails part-way.
    let out = env
        .cmd()
        .current_dir(&dir)
        .args(["cert", "create", "--cn", "dev", "--count", "40"])
        .output()
        .unwrap();
    assert_input_error(&out, "cert create on a full disk");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The cause is said once (it used to be repeated by the error chain).
    assert_eq!(stderr.matches("No space left").count(), 1, "{stderr}");
    assert_eq!(snapshot(&dir), before, "files changed on a failed run");
    assert!(
        temp_files(&dir).is_empty(),
        "temp files left: {:?}",
        temp_files(&dir)
    );
    assert_eq!(
        fs::read(env.store().join("index.json")).unwrap(),
        index_before
    );
    // The same with --force over the pre-existing pair: still unchanged.
    let out = env
        .cmd()
        .current_dir(&dir)
        .args([
            "cert",
            "create",
            "--cn",
            "keep",
            "--force",
            "--key-type",
            "rsa4096",
        ])
        .output()
        .unwrap();
    if out.status.code() == Some(2) {
        assert_eq!(snapshot(&dir), before);
        assert!(temp_files(&dir).is_empty());
    }
}

/// A path under a regular file fails before anything is written.
#[test]
fn unwritable_output_path_changes_nothing() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    fs::write(env.path("plain"), b"x").unwrap();
    let before = snapshot(env.dir.path());
    let out = env.run(&[
        "cert",
        "create",
        "--cn",
        "a",
        "--out",
        "a.crt",
        "--key-out",
        "plain/a.key",
    ]);
    assert_input_error(&out, "key under a regular file");
    assert_eq!(snapshot(env.dir.path()), before);
    let out = env.run(&[
        "cert",
        "create",
        "--cn",
        "a",
        "--out",
        "plain/a.crt",
        "--key-out",
        "a.key",
    ]);
    assert_input_error(&out, "cert under a regular file");
    assert_eq!(snapshot(env.dir.path()), before);
}

/// Several `cert create` processes against one store at once: every one is recorded.
#[test]
fn concurrent_runs_keep_every_index_entry() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    let children: Vec<_> = (0..6)
        .map(|i| {
            env.std_cmd()
                .args(["cert", "create", "--cn", &format!("c{i}"), "--count", "3"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let index: serde_json::Value =
        serde_json::from_slice(&fs::read(env.store().join("index.json")).unwrap()).unwrap();
    let certs = index["certificates"].as_array().unwrap();
    assert_eq!(certs.len(), 1 + 6 * 3, "{index:#}");
    let mut serials: Vec<&str> = certs
        .iter()
        .map(|c| c["serial"].as_str().unwrap())
        .collect();
    serials.sort();
    serials.dedup();
    assert_eq!(serials.len(), 19);
    assert!(temp_files(&env.store()).is_empty());
}

/// A run killed midway: the index still parses and the store still works.
#[test]
fn killed_run_leaves_a_working_store() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    let ca_key = fs::read(env.store().join("ca.key")).unwrap();
    for delay in [50u64, 300] {
        let mut child = env
            .std_cmd()
            .args([
                "cert",
                "create",
                "--cn",
                &format!("k{delay}"),
                "--count",
                "2000",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        // Whenever it was killed, the index parses and the CA is the same.
        env.ok(&["cert", "list", "--json"]);
        assert_eq!(fs::read(env.store().join("ca.key")).unwrap(), ca_key);
        // Every published target is whole: each certificate file parses.
        for e in fs::read_dir(env.dir.path()).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "crt") {
                env.ok(&["ski", p.to_str().unwrap()]);
            }
        }
    }
    env.ok(&["cert", "create", "--cn", "after"]);
    let list = env.ok(&["cert", "list", "--json"]);
    assert!(list.contains("\"after\""), "{list}");
}

/// Helper: a store with a CA, then damaged by `damage`.
fn damaged_store(damage: impl Fn(&Path)) -> (Env, BTreeMap<String, (Vec<u8>, u32)>) {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    env.ok(&["cert", "create", "--cn", "dev"]);
    env.ok(&[
        "cert",
        "csr",
        "--cn",
        "r",
        "--out",
        "r.csr",
        "--key-out",
        "r.key",
    ]);
    damage(&env.store());
    let snap = snapshot(&env.store());
    (env, snap)
}

/// Every command that uses the store, over a truncated index, a missing CA key, a garbage CA
/// certificate and a garbage CA key: a clear error saying what to do, and the store left as
/// it was (never a new CA over the old one), and no output file.
#[test]
fn damaged_store_is_reported_never_recreated() {
    type Damage = (&'static str, fn(&Path));
    let damages: [Damage; 4] = [
        ("truncated index", |s| {
            let p = s.join("index.json");
            let t = fs::read(&p).unwrap();
            fs::write(&p, &t[..t.len() / 2]).unwrap();
        }),
        ("missing CA key", |s| {
            fs::remove_file(s.join("ca.key")).unwrap()
        }),
        ("garbage CA certificate", |s| {
            fs::write(s.join("ca.crt"), b"\x00garbage\xff").unwrap()
        }),
        ("garbage CA key", |s| {
            fs::write(
                s.join("ca.key"),
                b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
            )
            .unwrap()
        }),
    ];
    let commands: &[&[&str]] = &[
        &["cert", "create"],
        &[
            "cert",
            "create",
            "--cn",
            "new",
            "--out",
            "new.crt",
            "--key-out",
            "new.key",
        ],
        &[
            "cert",
            "create",
            "--intermediate",
            "--out",
            "new.crt",
            "--key-out",
            "new.key",
        ],
        &["cert", "create", "--ca"],
        &["cert", "sign", "r.csr", "--out", "new.crt"],
        &["crl", "create", "--out", "new.crl"],
        &["cert", "revoke", "dev.crt"],
        &[
            "cert",
            "renew",
            "dev.crt",
            "--out",
            "new.crt",
            "--key-out",
            "new.key",
        ],
    ];
    for (what, damage) in damages {
        let (env, snap) = damaged_store(damage);
        for args in commands {
            let out = env.run(args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_ne!(
                out.status.code(),
                Some(0),
                "{what}: {args:?} succeeded over a damaged store: {stderr}"
            );
            assert_input_error(&out, &format!("{what}: {args:?}"));
            assert!(
                stderr.contains("damaged")
                    || stderr.contains("not available yet")
                    || (args[..] == ["cert", "create", "--ca"]
                        && stderr.contains("already has a CA")),
                "{what}: {args:?}: the message does not say the store is damaged: {stderr}"
            );
            assert_eq!(
                snapshot(&env.store()),
                snap,
                "{what}: {args:?} changed the store"
            );
            for f in ["new.crt", "new.key", "new.crl", "client.crt", "client.key"] {
                assert!(!env.path(f).exists(), "{what}: {args:?} wrote {f}");
            }
        }
        // Readers that use the store: a clear error or their answer, never a panic.
        for args in [
            &["cert", "list"][..],
            &["cert", "verify", "dev.crt"],
            &["rule", "test", "--cert", "dev.crt", "--path", "/"],
            &["cert", "inspect", "dev.crt"],
        ] {
            let out = env.run(args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!stderr.contains("panicked"), "{what}: {args:?}: {stderr}");
            if out.status.code() == Some(2) {
                assert_input_error(&out, &format!("{what}: {args:?}"));
            }
            assert_eq!(
                snapshot(&env.store()),
                snap,
                "{what}: {args:?} changed the store"
            );
        }
    }
}

/// Security review L4: two outputs that are the same directory entry under different
/// spellings (`x.crt` and `./x.crt`, `sub/../x.crt`), or two names of one existing file, are
/// refused before anything is written, with and without --force: no certificate left behind,
/// no key written over the certificate, not even a store CA created.
#[test]
fn same_file_named_twice_is_refused_before_writing() {
    let env = Env::new();
    fs::create_dir(env.path("sub")).unwrap();
    for key_out in ["./x.crt", "sub/../x.crt"] {
        for force in [false, true] {
            let mut args = vec![
                "cert",
                "create",
                "--cn",
                "dup",
                "--out",
                "x.crt",
                "--key-out",
                key_out,
            ];
            if force {
                args.push("--force");
            }
            let out = env.run(&args);
            assert_input_error(&out, &format!("{args:?}"));
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains("named twice"), "{args:?}: {stderr}");
            assert!(!env.path("x.crt").exists(), "{args:?} left x.crt");
            assert!(!env.store().exists(), "{args:?} created the store");
            assert!(temp_files(env.dir.path()).is_empty());
        }
    }
    // Two names (hard links) of one existing file: refused even with --force.
    env.ok(&["cert", "create", "--ca"]);
    fs::write(env.path("a.crt"), b"precious").unwrap();
    fs::hard_link(env.path("a.crt"), env.path("b.key")).unwrap();
    let index = fs::read(env.store().join("index.json")).unwrap();
    let args = [
        "cert",
        "create",
        "--cn",
        "dup",
        "--out",
        "a.crt",
        "--key-out",
        "b.key",
        "--force",
    ];
    let out = env.run(&args);
    assert_input_error(&out, "hard links");
    assert_eq!(fs::read(env.path("a.crt")).unwrap(), b"precious");
    assert_eq!(fs::read(env.store().join("index.json")).unwrap(), index);
}

/// The names of the files `pid` holds open that are in `dir` (O_TMPFILE inodes show as
/// `DIR/#NNN (deleted)`).
fn open_files_in(pid: u32, dir: &Path) -> Vec<String> {
    let dir = fs::canonicalize(dir).unwrap();
    let Ok(fds) = fs::read_dir(format!("/proc/{pid}/fd")) else {
        return Vec::new();
    };
    fds.filter_map(|e| fs::read_link(e.ok()?.path()).ok())
        .filter(|l| l.parent() == Some(dir.as_path()))
        .map(|l| l.display().to_string())
        .collect()
}

/// Starts `cert create --cn many --count N` (with `envs`), waits until `ready(pid)` says the
/// run is where the test wants it, then sends `signal`. Returns whether `ready` was seen
/// before the run ended by itself, and its exit status.
fn interrupt(
    env: &Env,
    count: &str,
    envs: &[(&str, &str)],
    signal: &str,
    ready: impl Fn(u32) -> bool,
) -> (bool, std::process::ExitStatus) {
    let mut child = env
        .std_cmd()
        .args(["cert", "create", "--cn", "many", "--count", count])
        .envs(envs.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut seen = false;
    while child.try_wait().unwrap().is_none() {
        if ready(pid) {
            seen = true;
            let sent = Command::new("kill")
                .args([&format!("-{signal}"), &pid.to_string()])
                .status()
                .unwrap();
            assert!(sent.success());
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    (seen, child.wait().unwrap())
}

/// After an interrupted run: no temp file anywhere, and no key outside the published set:
/// every key file has its certificate next to it, and every certificate is in the store
/// index (pending or valid), so it can be revoked.
fn assert_nothing_stray(env: &Env, what: &str) {
    let dir = env.dir.path();
    assert!(
        temp_files(dir).is_empty(),
        "{what}: temp files left: {:?}",
        temp_files(dir)
    );
    assert!(
        temp_files(&env.store()).is_empty(),
        "{what}: temp files in the store"
    );
    let index: serde_json::Value =
        serde_json::from_slice(&fs::read(env.store().join("index.json")).unwrap()).unwrap();
    let indexed: Vec<String> = index["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_string())
        .collect();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let Some(ext) = p.extension() else { continue };
        if ext == "key" {
            assert!(
                p.with_extension("crt").exists(),
                "{what}: {} published without its certificate",
                p.display()
            );
        }
        if ext == "crt" {
            let abs = std::path::absolute(&p).unwrap().display().to_string();
            assert!(
                indexed.contains(&abs),
                "{what}: {} is not in the store index",
                p.display()
            );
        }
    }
}

/// Security review L6: Ctrl-C while 8000 files (4000 keys) are staged leaves no temp file and
/// no key: staged files are anonymous O_TMPFILE inodes, which have no name until published.
#[test]
fn ctrl_c_while_staging_leaves_no_temp_and_no_key() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    let dir = env.dir.path().to_path_buf();
    // Ready: the run holds files open in the output directory, i.e. it is staging.
    let (seen, status) = interrupt(&env, "4000", &[], "INT", |pid| {
        !open_files_in(pid, &dir).is_empty()
    });
    assert!(seen, "the run ended before it staged anything: {status:?}");
    assert_nothing_stray(&env, "SIGINT while staging");
    let keys = fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "key")
        })
        .count();
    assert_eq!(keys, 0, "keys published by an interrupted run");
}

/// Security review L6, the fallback (named temp files, forced by the debug-build hook): on
/// SIGINT or SIGTERM while staging, the handler removes every temp file, then the process ends
/// by that signal.
#[test]
fn signal_while_staging_named_temps_removes_them() {
    use std::os::unix::process::ExitStatusExt;
    for (signal, number) in [("INT", 2), ("TERM", 15)] {
        let env = Env::new();
        env.ok(&["cert", "create", "--ca"]);
        let dir = env.dir.path().to_path_buf();
        let (seen, status) = interrupt(
            &env,
            "400",
            &[("MTLSCTL_TEST_NAMED_TEMPS", "1")],
            signal,
            |_| !temp_files(&dir).is_empty(),
        );
        assert!(seen, "SIG{signal}: no temp file was ever seen: {status:?}");
        assert_eq!(status.signal(), Some(number), "SIG{signal}: {status:?}");
        assert_nothing_stray(&env, &format!("SIG{signal} while staging named temps"));
    }
}

/// Security review L6 and L8: Ctrl-C once publishing has begun. Whatever was published is
/// whole and in the index (pending until the next run settles it), no temp file is left, and
/// the next run marks every published certificate valid.
#[test]
fn ctrl_c_while_publishing_leaves_only_recorded_files() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    let first = env.path("many-001.crt");
    let (_, _) = interrupt(&env, "400", &[], "INT", |_| first.exists());
    assert_nothing_stray(&env, "SIGINT while publishing");
    env.ok(&["cert", "create", "--cn", "after"]);
    let list: serde_json::Value =
        serde_json::from_str(&env.ok(&["cert", "list", "--json"])).unwrap();
    for e in list.as_array().unwrap() {
        let path = Path::new(e["path"].as_str().unwrap());
        if path.exists() {
            assert_eq!(e["status"], "valid", "{e}");
        }
    }
}

/// Security review L8: the store index is written (the new certificate pending) before the
/// certificate is published, and again (valid) after it.
#[test]
fn certificate_is_recorded_before_it_is_published() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    let Some(lines) = strace(
        &env,
        "link,linkat,rename,renameat,renameat2",
        &["cert", "create", "--cn", "dev"],
        &[],
    ) else {
        return;
    };
    let text = lines.join("\n");
    let index_writes: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("rename") && l.contains("/index.json\""))
        .map(|(i, _)| i)
        .collect();
    let publish = lines
        .iter()
        .position(|l| l.starts_with("link") && l.contains("\"dev.crt\""))
        .unwrap_or_else(|| panic!("dev.crt not linked:\n{text}"));
    assert!(
        index_writes.first().is_some_and(|&i| i < publish),
        "the index is not written before dev.crt is published:\n{text}"
    );
    // One index write per run: the entry recorded as pending is valid once its file is there
    // (`cert list` says so; the next index change records it).
    assert_eq!(
        index_writes.len(),
        1,
        "the index is written more than once:\n{text}"
    );
    let listed = env.ok(&["cert", "list", "--status", "valid"]);
    assert!(listed.contains("dev"), "{listed}");
}

/// The status the index records for the certificate at `file` (None: not in the index).
fn recorded_status(env: &Env, file: &str) -> Option<String> {
    let index: serde_json::Value =
        serde_json::from_slice(&fs::read(env.store().join("index.json")).unwrap()).unwrap();
    let abs = std::path::absolute(env.path(file))
        .unwrap()
        .display()
        .to_string();
    index["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"] == abs.as_str())
        .map(|e| e["status"].as_str().unwrap().to_string())
}

/// Security review L8: a run that dies between publishing and saying so (the debug-build
/// crash hook aborts it there) leaves the certificate in the index as `pending`: `cert list`
/// shows it, `cert revoke FILE` revokes it and `crl create` lists it; the next run that
/// changes the index marks a pending certificate whose file is there `valid`. A run that dies
/// before publishing leaves a pending entry and no file; it stays pending (and revocable).
#[test]
fn crash_between_publish_and_record_leaves_a_revocable_certificate() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    let crash = |cn: &str, at: &str| {
        let out = env
            .cmd()
            .args(["cert", "create", "--cn", cn])
            .env("MTLSCTL_TEST_CRASH_AT", at)
            .output()
            .unwrap();
        assert!(!out.status.success(), "the crash hook did not fire");
    };
    crash("gone", "after-publish");
    assert!(env.path("gone.crt").exists() && env.path("gone.key").exists());
    assert_eq!(
        recorded_status(&env, "gone.crt").as_deref(),
        Some("pending")
    );
    // Published: listed as valid (its file holds it), and revocable.
    let list = env.ok(&["cert", "list", "--status", "valid"]);
    assert!(list.contains("gone"), "{list}");
    env.ok(&["cert", "revoke", "gone.crt", "--reason", "key-compromise"]);
    env.ok(&["crl", "create", "--out", "store.crl"]);
    let serial = env.openssl_ok(&["x509", "-in", "gone.crt", "-noout", "-serial"]);
    let serial = serial.trim().trim_start_matches("serial=").to_string();
    let crl = env.openssl_ok(&["crl", "-in", "store.crl", "-noout", "-text"]);
    assert!(crl.contains(&serial), "{serial} not in the CRL:\n{crl}");

    // Recovery: a pending certificate whose file is there becomes valid on the next update.
    // (Here the next run is one that dies itself, before publishing.)
    crash("later", "after-publish");
    assert_eq!(
        recorded_status(&env, "later.crt").as_deref(),
        Some("pending")
    );
    crash("never", "after-record");
    assert_eq!(recorded_status(&env, "later.crt").as_deref(), Some("valid"));
    assert_eq!(
        recorded_status(&env, "never.crt").as_deref(),
        Some("pending")
    );
    assert!(!env.path("never.crt").exists());
    let pending = env.ok(&["cert", "list", "--status", "pending"]);
    assert!(
        pending.contains("never") && !pending.contains("later"),
        "{pending}"
    );
    env.ok(&["cert", "create", "--cn", "next"]);
    assert_eq!(
        recorded_status(&env, "next.crt").as_deref(),
        Some("pending")
    );
    let valid = env.ok(&["cert", "list", "--status", "valid"]);
    assert!(
        valid.contains("next") && !valid.contains("never"),
        "{valid}"
    );
    assert_eq!(
        recorded_status(&env, "never.crt").as_deref(),
        Some("pending")
    );
    assert_eq!(
        recorded_status(&env, "gone.crt").as_deref(),
        Some("revoked")
    );
    assert!(temp_files(env.dir.path()).is_empty());
}

/// Security review L7: a store directory writable by group or others is refused, by writers
/// and readers, with one line naming the fix; nothing is written into it.
#[test]
fn group_or_world_writable_store_is_refused() {
    let env = Env::new();
    fs::create_dir(env.store()).unwrap();
    fs::set_permissions(env.store(), fs::Permissions::from_mode(0o777)).unwrap();
    for args in [
        &["cert", "create", "--ca"][..],
        &["cert", "create", "--cn", "dev"],
        &["cert", "list"],
    ] {
        let out = env.run(args);
        assert_input_error(&out, &format!("{args:?} on a 0777 store"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("chmod 700"), "{args:?}: {stderr}");
        assert_eq!(
            fs::read_dir(env.store()).unwrap().count(),
            0,
            "{args:?} wrote into it"
        );
        assert!(!env.path("dev.crt").exists());
    }
    fs::set_permissions(env.store(), fs::Permissions::from_mode(0o700)).unwrap();
    env.ok(&["cert", "create", "--cn", "dev"]);
    // A store that became group-writable later is refused too.
    fs::set_permissions(env.store(), fs::Permissions::from_mode(0o770)).unwrap();
    assert_input_error(&env.run(&["cert", "list"]), "0770 store");
    // Owned by another user (root may own it, as ssh allows).
    fs::set_permissions(env.store(), fs::Permissions::from_mode(0o700)).unwrap();
    let me = fs::metadata(env.dir.path()).unwrap();
    if std::os::unix::fs::MetadataExt::uid(&me) == 0
        && std::os::unix::fs::chown(env.store(), Some(65534), None).is_ok()
    {
        // As root: a store owned by `nobody` is not ours.
        let out = env.run(&["cert", "list"]);
        assert_input_error(&out, "store owned by another user");
        assert!(String::from_utf8_lossy(&out.stderr).contains("owned by uid 65534"));
    }
}

/// Security review L7: `.lock` is not followed when it is a symbolic link: the run is
/// refused and the link's target is never created.
#[test]
fn planted_lock_symlink_is_not_followed() {
    let env = Env::new();
    fs::create_dir(env.store()).unwrap();
    fs::set_permissions(env.store(), fs::Permissions::from_mode(0o700)).unwrap();
    let victim = env.path("created-by-victim");
    std::os::unix::fs::symlink(&victim, env.store().join(".lock")).unwrap();
    for args in [
        &["cert", "create", "--ca"][..],
        &["cert", "create", "--cn", "dev"],
    ] {
        let out = env.run(args);
        assert_input_error(&out, &format!("{args:?} with a planted .lock"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("symbolic link"), "{args:?}: {stderr}");
        assert!(!victim.exists(), "{args:?} followed the .lock symlink");
        assert!(
            !env.store().join("ca.crt").exists(),
            "{args:?} published the CA"
        );
        assert!(!env.path("dev.crt").exists());
        assert!(temp_files(&env.store()).is_empty());
    }
}

/// Security review L11 (last bullet): the umask is respected: under `umask 077`
/// certificates, CSRs, CRLs and the store index are 0600, not widened to 0644.
#[test]
fn public_files_respect_a_restrictive_umask() {
    let env = Env::new();
    let bin = assert_cmd::cargo::cargo_bin!("mtlsctl");
    let status = Command::new("sh")
        .arg("-c")
        .arg(r#"umask 077 && "$0" cert create --cn dev && "$0" cert csr --cn req --out req.csr --key-out req.key && "$0" crl create --out ca.crl"#)
        .arg(bin)
        .current_dir(env.dir.path())
        .env("MTLSCTL_STORE", env.store())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    for f in ["dev.crt", "req.csr", "ca.crl", "dev.key", "req.key"] {
        assert_eq!(mode(&env.path(f)), 0o600, "{f}");
    }
    for f in ["ca.crt", "index.json", "ca.key"] {
        assert_eq!(mode(&env.store().join(f)), 0o600, "store/{f}");
    }
}
