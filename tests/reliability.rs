//! Issue 6: no panic on any input. Every command that reads input is run over every file of
//! `tests/fixtures/bad` and over inputs made here from valid files (truncated at every
//! 64th byte, single bits flipped, wrong PEM labels, non-UTF-8 bytes, empty, a directory, a
//! FIFO, a missing file, a path under a regular file, a file over 10 MiB). Each run must:
//! never panic (exit 101, "panicked", a backtrace); exit 0, 1 or 2 (and exactly 2 where the
//! input cannot be valid); on exit 2 print one line on stderr (`mtlsctl: error: ...`); and
//! never leave an output file or a temporary file behind when it failed.
//!
//! Inputs that are actually valid (a flipped bit in a signature still parses) may exit 0 or
//! 1; batch readers (`rule eval --batch`, `rule test --requests`) answer bad content line by
//! line and exit 0, and only fail (2) when the file itself cannot be read.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{Env, corpus};

/// What kind of input a command reads.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Reads {
    /// A certificate, CSR or CRL file (content errors exit 2).
    Pki,
    /// A rules file (content errors exit 2).
    Rules,
    /// A JSONL batch (content errors are answered per line; exit 0).
    Batch,
}

/// A command that reads one input file, with `{}` where the file goes.
struct Reader {
    args: &'static [&'static str],
    reads: Reads,
    /// The file the command would write, relative to the output dir.
    writes: Option<&'static str>,
}

const READERS: &[Reader] = &[
    Reader {
        args: &["ski", "{}"],
        reads: Reads::Pki,
        writes: None,
    },
    Reader {
        args: &["ski", "--own", "--json", "{}"],
        reads: Reads::Pki,
        writes: None,
    },
    Reader {
        args: &["cert", "inspect", "{}"],
        reads: Reads::Pki,
        writes: None,
    },
    Reader {
        args: &["cert", "inspect", "--json", "{}"],
        reads: Reads::Pki,
        writes: None,
    },
    Reader {
        args: &["cert", "verify", "{}"],
        reads: Reads::Pki,
        writes: None,
    },
    Reader {
        args: &["cert", "verify", "GOOD", "--ca", "{}"],
        reads: Reads::Pki,
        writes: None,
    },
    Reader {
        args: &["cert", "verify", "GOOD", "--chain", "{}"],
        reads: Reads::Pki,
        writes: None,
    },
    Reader {
        args: &["ski", "--issuer", "{}", "GOOD"],
        reads: Reads::Pki,
        writes: None,
    },
    Reader {
        args: &["cert", "verify", "GOOD", "--crl", "{}"],
        reads: Reads::Pki,
        writes: None,
    },
    Reader {
        args: &["cert", "sign", "{}", "--out", "OUT/signed.crt"],
        reads: Reads::Pki,
        writes: Some("signed.crt"),
    },
    Reader {
        args: &[
            "rule", "test", "--cert", "{}", "--expr", "ssl", "--path", "/",
        ],
        reads: Reads::Pki,
        writes: None,
    },
    Reader {
        args: &["rule", "test", "--no-cert", "--rules", "{}"],
        reads: Reads::Rules,
        writes: None,
    },
    Reader {
        args: &["rule", "lint", "--rules", "{}"],
        reads: Reads::Rules,
        writes: None,
    },
    Reader {
        args: &["rule", "generate", "--rules", "{}"],
        reads: Reads::Rules,
        writes: None,
    },
    Reader {
        args: &["rule", "eval", "--batch", "{}"],
        reads: Reads::Batch,
        writes: None,
    },
    Reader {
        args: &["rule", "test", "--requests", "{}", "--expr", "ssl"],
        reads: Reads::Batch,
        writes: None,
    },
];

/// Commands that read stdin (`-`), run with the input on stdin.
const STDIN_READERS: &[&[&str]] = &[
    &["ski", "-"],
    &["rule", "check", "-"],
    &["rule", "eval", "-"],
    &["rule", "eval", "--batch", "-"],
];

/// A scratch environment with a store CA, a valid client certificate, CSR, CRL, rules
/// file and batch, and an empty output directory that failed runs must leave empty.
struct Fixture {
    env: Env,
    good: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let env = Env::new();
        env.ok(&["cert", "create", "--ca"]);
        fs::create_dir_all(env.path("in")).unwrap();
        fs::create_dir_all(env.path("out")).unwrap();
        env.ok(&["cert", "create", "--cn", "dev", "--out", "in/dev.crt"]);
        env.ok(&[
            "cert",
            "csr",
            "--cn",
            "req",
            "--out",
            "in/req.csr",
            "--key-out",
            "in/req.key",
        ]);
        // A valid CRL (`crl create` may not exist yet): the rustls test CA's.
        fs::copy(
            corpus("certs/rustls-test-ca/ecdsa-p256/client.revoked.crl.pem"),
            env.path("in/crl.pem"),
        )
        .unwrap();
        fs::write(
            env.path("in/rules.yaml"),
            "- ref: admin\n  paths: [/admin]\n  issuer_ski: \"AB:CD\"\n- expression: not ssl\n  action: log\n",
        )
        .unwrap();
        fs::write(
            env.path("in/batch.jsonl"),
            "{\"expr\": \"ssl\", \"fields\": {\"ssl\": true}}\n{\"path\": \"/admin\", \"id\": 1}\n",
        )
        .unwrap();
        let good = env.path("in/dev.crt");
        Fixture { env, good }
    }

    fn input(&self, name: &str) -> Vec<u8> {
        fs::read(self.env.path("in").join(name)).unwrap()
    }

    /// Writes a made-up input into `cases/` and returns its path.
    fn case(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let dir = self.env.path("cases");
        fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        fs::write(&p, bytes).unwrap();
        p
    }

    fn run(&self, args: &[String], stdin: Option<&[u8]>) -> Output {
        let mut cmd = self.env.std_cmd();
        cmd.args(args).env_remove("RUST_BACKTRACE");
        cmd.stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        if let Some(data) = stdin {
            let mut w = child.stdin.take().unwrap();
            let data = data.to_vec();
            // A command may exit before reading all of stdin (EPIPE is fine).
            std::thread::spawn(move || {
                let _ = w.write_all(&data);
            });
        }
        child.wait_with_output().unwrap()
    }

    fn args(&self, r: &Reader, file: &Path) -> Vec<String> {
        let out = self.env.path("out");
        r.args
            .iter()
            .map(|a| match *a {
                "{}" => file.display().to_string(),
                "GOOD" => self.good.display().to_string(),
                a if a.starts_with("OUT/") => out.join(&a[4..]).display().to_string(),
                a => a.to_string(),
            })
            .collect()
    }

    /// Runs every reader over `file`. `strict`: the input cannot be valid, so commands whose
    /// content errors exit 2 must exit 2.
    fn all_readers(&self, file: &Path, strict: bool, what: &str) {
        for r in READERS {
            let args = self.args(r, file);
            let out = self.run(&args, None);
            let must_fail = strict && r.reads != Reads::Batch;
            check(
                &out,
                &format!("{what}: mtlsctl {}", args.join(" ")),
                must_fail,
            );
            if out.status.code() != Some(0) {
                self.assert_no_output(r, &args);
            } else if let Some(w) = r.writes {
                // A valid CSR was signed: remove the certificate for the next run.
                let _ = fs::remove_file(self.env.path("out").join(w));
            }
        }
    }

    fn assert_no_output(&self, r: &Reader, args: &[String]) {
        let left: Vec<_> = fs::read_dir(self.env.path("out"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(
            left.is_empty(),
            "mtlsctl {args:?} failed but left {left:?} ({:?})",
            r.writes
        );
    }

    fn stdin_readers(&self, data: &[u8], strict: bool, what: &str) {
        for a in STDIN_READERS {
            let args: Vec<String> = a.iter().map(|s| s.to_string()).collect();
            let out = self.run(&args, Some(data));
            let batch = a.contains(&"--batch");
            check(
                &out,
                &format!("{what}: mtlsctl {} < input", args.join(" ")),
                strict && !batch,
            );
        }
    }
}

/// The assertions every run must pass.
fn check(out: &Output, what: &str, must_fail: bool) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code();
    assert!(
        !stderr.contains("panicked")
            && !stderr.contains("stack backtrace")
            && !stderr.contains("overflow"),
        "{what}: panic: {stderr}"
    );
    assert!(
        matches!(code, Some(0..=2)),
        "{what}: exit {code:?}; stderr: {stderr}"
    );
    if must_fail {
        assert_eq!(code, Some(2), "{what}: expected exit 2; stderr: {stderr}");
    }
    if code == Some(2) {
        // Parse errors in rule text keep the edge's multi-line caret format by design.
        if stderr.starts_with("mtlsctl: error: Filter parsing error (") {
            return;
        }
        assert!(stderr.starts_with("mtlsctl: error: "), "{what}: {stderr:?}");
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "{what}: not one line: {stderr:?}"
        );
    }
}

#[test]
fn every_reader_over_the_bad_corpus() {
    let fx = Fixture::new();
    let manifest = fs::read_to_string(corpus("bad/MANIFEST.tsv")).unwrap();
    let mut n = 0;
    for line in manifest.lines().skip(1) {
        let Some(name) = line.split('\t').next().filter(|n| !n.is_empty()) else {
            continue;
        };
        let path = corpus("bad").join(name);
        assert!(path.is_file(), "{name} listed but missing");
        fx.all_readers(&path, false, name);
        n += 1;
    }
    assert!(n >= 78, "only {n} corpus files");
}

#[test]
fn every_reader_over_the_bad_corpus_on_stdin() {
    let fx = Fixture::new();
    for e in fs::read_dir(corpus("bad")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "tsv" || x == "md") {
            continue;
        }
        fx.stdin_readers(&fs::read(&p).unwrap(), false, &p.display().to_string());
    }
}

/// Cuts at every 64th byte: a truncated certificate, CSR or CRL can never be valid.
#[test]
fn truncations_of_valid_files() {
    let fx = Fixture::new();
    for name in ["dev.crt", "req.csr", "crl.pem"] {
        let pem = fx.input(name);
        let der = pem::parse(&pem).unwrap().into_contents();
        for (form, bytes) in [("pem", &pem), ("der", &der)] {
            for cut in (0..bytes.len()).step_by(64) {
                let p = fx.case(&format!("{name}.{form}.cut{cut}"), &bytes[..cut]);
                for r in READERS.iter().filter(|r| r.reads == Reads::Pki) {
                    let args = fx.args(r, &p);
                    let out = fx.run(&args, None);
                    check(&out, &format!("{name} {form} cut at {cut}: {args:?}"), true);
                    fx.assert_no_output(r, &args);
                }
            }
        }
    }
    // Rules files and batches cut mid-way: an error, or a shorter valid file, never a panic.
    for name in ["rules.yaml", "batch.jsonl"] {
        let bytes = fx.input(name);
        for cut in (0..bytes.len()).step_by(16) {
            let p = fx.case(&format!("{name}.cut{cut}"), &bytes[..cut]);
            for r in READERS.iter().filter(|r| r.reads != Reads::Pki) {
                let args = fx.args(r, &p);
                check(&fx.run(&args, None), &format!("{name} cut at {cut}"), false);
            }
        }
    }
}

/// Single-bit flips at a deterministic sample of positions: the result may still parse (a
/// flip in the signature), so exit 0, 1 or 2, but never a panic.
#[test]
fn bit_flips_of_valid_files() {
    let fx = Fixture::new();
    for name in ["dev.crt", "req.csr", "crl.pem"] {
        let der = pem::parse(fx.input(name)).unwrap().into_contents();
        let mut pos = 0usize;
        let mut i = 0;
        while pos < der.len() * 8 {
            let mut m = der.clone();
            m[pos / 8] ^= 1 << (pos % 8);
            let p = fx.case(&format!("{name}.flip{pos}.der"), &m);
            for r in READERS.iter().filter(|r| r.reads == Reads::Pki) {
                let args = fx.args(r, &p);
                let out = fx.run(&args, None);
                check(&out, &format!("{name} bit {pos} flipped: {args:?}"), false);
                if out.status.code() != Some(0) {
                    fx.assert_no_output(r, &args);
                } else if let Some(w) = r.writes {
                    let _ = fs::remove_file(fx.env.path("out").join(w));
                }
            }
            // Spread over the header, the names, the key and the signature.
            i += 1;
            pos += 397 + i * 61;
        }
    }
}

/// The right bytes under the wrong PEM label, and another structure's DER.
#[test]
fn wrong_pem_labels_and_other_structures() {
    let fx = Fixture::new();
    let cert = pem::parse(fx.input("dev.crt")).unwrap();
    let csr = pem::parse(fx.input("req.csr")).unwrap();
    let key = fx.input("req.key");
    for label in [
        "PRIVATE KEY",
        "X509 CRL",
        "CERTIFICATE REQUEST",
        "PUBLIC KEY",
        "FOO BAR",
    ] {
        let text = pem::encode(&pem::Pem::new(label, cert.contents().to_vec()));
        let p = fx.case(
            &format!("cert-as-{}.pem", label.replace(' ', "_")),
            text.as_bytes(),
        );
        fx.all_readers(&p, false, &format!("certificate labelled {label}"));
        // `ski` and `cert inspect` need a CERTIFICATE block: always exit 2.
        for a in [["ski", "{}"], ["cert", "inspect"]] {
            let mut args: Vec<String> = a
                .iter()
                .filter(|s| **s != "{}")
                .map(|s| s.to_string())
                .collect();
            args.push(p.display().to_string());
            check(&fx.run(&args, None), &format!("{label}: {args:?}"), true);
        }
    }
    // A CSR labelled CERTIFICATE, a key file, a CSR's DER where a certificate belongs.
    let csr_as_cert = pem::encode(&pem::Pem::new("CERTIFICATE", csr.contents().to_vec()));
    let p = fx.case("csr-as-cert.pem", csr_as_cert.as_bytes());
    fx.all_readers(&p, false, "CSR labelled CERTIFICATE");
    let p = fx.case("key.pem", &key);
    fx.all_readers(&p, false, "private key");
    let p = fx.case("csr.der", csr.contents());
    for a in [&["ski"][..], &["cert", "inspect"], &["cert", "verify"]] {
        let mut args: Vec<String> = a.iter().map(|s| s.to_string()).collect();
        args.push(p.display().to_string());
        check(&fx.run(&args, None), &format!("CSR DER: {args:?}"), true);
    }
}

#[test]
fn non_utf8_and_special_files() {
    let fx = Fixture::new();
    let mut junk: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 | 0x80)
        .collect();
    junk.extend_from_slice(b"\n\xff\xfe\n");
    let p = fx.case("non-utf8.bin", &junk);
    fx.all_readers(&p, true, "non-UTF-8 bytes");
    fx.stdin_readers(&junk, true, "non-UTF-8 bytes");
    // A PEM armour around non-UTF-8 garbage.
    let mut armoured = b"-----BEGIN CERTIFICATE-----\n".to_vec();
    armoured.extend_from_slice(&junk[..200]);
    armoured.extend_from_slice(b"\n-----END CERTIFICATE-----\n");
    let p = fx.case("armoured-junk.pem", &armoured);
    fx.all_readers(&p, true, "PEM armour around junk");

    // Empty: nothing to read (a batch of zero lines is fine).
    let p = fx.case("empty", b"");
    fx.all_readers(&p, true, "empty file");
    fx.stdin_readers(b"", true, "empty stdin");

    // Must fail, and name the file, for every reader (batches included).
    let mut special: Vec<(PathBuf, &str)> = Vec::new();
    let dir = fx.env.path("cases/a-directory");
    fs::create_dir_all(&dir).unwrap();
    special.push((dir, "directory"));
    special.push((fx.env.path("cases/does-not-exist.pem"), "missing file"));
    // ENOTDIR: a path under a regular file.
    special.push((fx.good.join("child.pem"), "path under a regular file"));
    let big = fx.env.path("cases/big.pem");
    let f = fs::File::create(&big).unwrap();
    f.set_len(10 * 1024 * 1024 + 1).unwrap();
    drop(f);
    for (p, what) in &special {
        for r in READERS {
            let args = fx.args(r, p);
            let out = fx.run(&args, None);
            check(&out, &format!("{what}: {args:?}"), true);
            let stderr = String::from_utf8_lossy(&out.stderr);
            let name = p.file_name().unwrap().to_string_lossy();
            // `rule lint` and `rule generate` may still be stubs.
            assert!(
                stderr.contains(&*name) || stderr.contains("not available yet"),
                "{what}: {args:?}: the message does not name the file: {stderr}"
            );
            fx.assert_no_output(r, &args);
        }
    }
    // Over 10 MiB: refused before reading, for every reader of whole files (batches are
    // streamed line by line, with a per-line limit).
    for r in READERS.iter().filter(|r| r.reads != Reads::Batch) {
        let args = fx.args(r, &big);
        let out = fx.run(&args, None);
        check(&out, &format!("10 MiB + 1: {args:?}"), true);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            (stderr.contains("big.pem") && stderr.contains("larger than"))
                || stderr.contains("not available yet"),
            "{args:?}: {stderr}"
        );
    }
    // Over 10 MiB on stdin.
    let huge = vec![b'A'; 10 * 1024 * 1024 + 2];
    for a in [&["ski", "-"][..], &["rule", "check", "-"]] {
        let args: Vec<String> = a.iter().map(|s| s.to_string()).collect();
        let out = fx.run(&args, Some(&huge));
        check(&out, &format!("10 MiB + 2 on stdin: {args:?}"), true);
    }
}

/// A FIFO is read like a pipe (`mtlsctl ski <(cat f)` must work), so bad content through
/// one must fail like a file does.
#[test]
fn fifo_inputs() {
    let fx = Fixture::new();
    let fifo = fx.env.path("cases/fifo");
    fs::create_dir_all(fifo.parent().unwrap()).unwrap();
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("note: mkfifo is not available; FIFO inputs not tested");
        return;
    }
    for (content, strict) in [
        (b"garbage, not a certificate\n".to_vec(), true),
        (fx.input("dev.crt"), false),
    ] {
        for r in READERS.iter().filter(|r| r.reads == Reads::Pki).take(3) {
            let args = fx.args(r, &fifo);
            let writer = {
                let fifo = fifo.clone();
                let content = content.clone();
                // Blocks until the reader opens the FIFO.
                std::thread::spawn(move || {
                    if let Ok(mut f) = fs::OpenOptions::new().write(true).open(&fifo) {
                        let _ = f.write_all(&content);
                    }
                })
            };
            let out = fx.run(&args, None);
            check(&out, &format!("FIFO: {args:?}"), strict);
            writer.join().unwrap();
        }
    }
}

/// A chmod-000 file. Root reads it anyway, so as root the commands are run as `nobody`
/// through `setpriv` (skipped with a note when that is not possible).
#[test]
fn permission_denied_file() {
    use std::os::unix::fs::PermissionsExt;
    let fx = Fixture::new();
    let p = fx.case("no-read.pem", &fx.input("dev.crt"));
    fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
    let as_root = fs::read(&p).is_ok();
    let bin = assert_cmd::cargo::cargo_bin!("mtlsctl");
    if as_root {
        // Let `nobody` reach the inputs and read the store (not its key).
        for d in [
            fx.env.dir.path().to_path_buf(),
            fx.env.path("in"),
            fx.env.path("cases"),
            fx.env.store(),
        ] {
            fs::set_permissions(&d, fs::Permissions::from_mode(0o755)).unwrap();
        }
        let probe = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(bin)
            .arg("--version")
            .output();
        if !probe.is_ok_and(|o| o.status.success()) {
            eprintln!(
                "note: running as root without setpriv: permission-denied not tested (ENOTDIR and missing files are)"
            );
            return;
        }
    }
    for r in READERS {
        let args = fx.args(r, &p);
        let out = if as_root {
            Command::new("setpriv")
                .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(bin)
                .args(&args)
                .current_dir(fx.env.dir.path())
                .env("MTLSCTL_STORE", fx.env.store())
                .env("NO_COLOR", "1")
                .stdin(Stdio::null())
                .output()
                .unwrap()
        } else {
            fx.run(&args, None)
        };
        check(&out, &format!("permission denied: {args:?}"), true);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            (stderr.contains("no-read.pem") && stderr.contains("ermission denied"))
                || stderr.contains("not available yet"),
            "{args:?}: {stderr}"
        );
    }
}

/// A bad line answers an error for that line and the batch goes on, in both batch readers.
#[test]
fn bad_jsonl_lines_do_not_stop_a_batch() {
    let fx = Fixture::new();
    let mut data = Vec::new();
    data.extend_from_slice(b"{\"expr\": \"ssl\", \"fields\": {\"ssl\": true}}\n");
    data.extend_from_slice(b"not json\n");
    data.extend_from_slice(b"\xff\xfe\xfd not utf-8\n");
    data.extend_from_slice(b"{\"expr\": \"ssl and\"}\n");
    data.extend_from_slice(b"{\"expr\": \"ssl\", \"fields\": {\"no.such.field\": 1}}\n");
    data.extend_from_slice(b"{\"path\": 7}\n");
    data.extend_from_slice(b"{\"expr\": \"ssl\", \"fields\": {\"ssl\": true}}\n");
    let p = fx.case("mixed.jsonl", &data);
    let out = fx.run(
        &[
            "rule".into(),
            "eval".into(),
            "--batch".into(),
            p.display().to_string(),
        ],
        None,
    );
    check(&out, "rule eval --batch", false);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7, "{text}");
    assert_eq!(lines[0], r#"{"result":true}"#);
    for l in &lines[1..6] {
        assert!(l.starts_with(r#"{"error":"#), "{text}");
    }
    assert_eq!(lines[6], r#"{"result":true}"#);

    let reqs = b"{\"path\": \"/admin\", \"id\": 1}\nnot json\n\xff\xfe\n{\"path\": 7}\n{\"cert\": \"/no/such.pem\"}\n{\"path\": \"/x\", \"id\": 2}\n";
    let p = fx.case("requests.jsonl", reqs);
    let args: Vec<String> = [
        "rule",
        "test",
        "--requests",
        &p.display().to_string(),
        "--expr",
        "http.request.uri.path eq \"/admin\"",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let out = fx.run(&args, None);
    check(&out, "rule test --requests", false);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert!(lines[0].contains("\"verdict\":\"block\""), "{text}");
    for l in &lines[1..5] {
        assert!(l.starts_with(r#"{"error":"#), "{text}");
    }
    assert!(lines[5].contains("\"verdict\":\"allow\""), "{text}");
}

/// Nesting and length limits: the error, not a stack overflow; an oversized regex is an error.
#[test]
fn expression_limits() {
    let fx = Fixture::new();
    // Within the 4096-character length limit, so the nesting limit is what refuses them.
    let deep_parens = format!("{}ssl{}", "(".repeat(2000), ")".repeat(2000));
    let deep_not = format!("{}ssl", "not ".repeat(1000));
    let deep_bang = format!("{}ssl", "!".repeat(4000));
    let deep_calls = format!("{}http.host{}", "lower(".repeat(600), ")".repeat(600));
    let long = format!("http.host in {{{}}}", "\"a\" ".repeat(2_000_000));
    let huge_regex = "http.host matches \"(((a{100}){100}){100}){100}\"".to_string();
    for (what, expr) in [
        ("deep parentheses", &deep_parens),
        ("deep not", &deep_not),
        ("deep !", &deep_bang),
        ("deep calls", &deep_calls),
        ("long expression", &long),
        ("huge regex", &huge_regex),
    ] {
        for cmd in [["rule", "check"], ["rule", "eval"]] {
            let args: Vec<String> = cmd
                .iter()
                .map(|s| s.to_string())
                .chain(["-".to_string()])
                .collect();
            let out = fx.run(&args, Some(expr.as_bytes()));
            check(&out, &format!("{what}: {args:?}"), true);
        }
        // The same through a batch: an error line, and the next line still answered.
        let line = serde_json::json!({ "expr": expr }).to_string();
        let data = format!("{line}\n{{\"expr\": \"ssl\"}}\n");
        let out = fx.run(
            &["rule".into(), "eval".into(), "--batch".into(), "-".into()],
            Some(data.as_bytes()),
        );
        check(&out, &format!("{what} in a batch"), false);
        let text = String::from_utf8_lossy(&out.stdout);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{what}: {text}");
        assert!(lines[0].starts_with(r#"{"error":"#), "{what}: {}", lines[0]);
        assert_eq!(lines[1], r#"{"result":false}"#);
        // And through a rules file.
        let yaml = format!("- expression: {}\n", serde_json::to_string(expr).unwrap());
        let p = fx.case("limit.yaml", yaml.as_bytes());
        let args: Vec<String> = [
            "rule",
            "test",
            "--no-cert",
            "--rules",
            &p.display().to_string(),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        check(
            &fx.run(&args, None),
            &format!("{what} in mtlsctl.yaml"),
            true,
        );
    }
}

/// YAML that is deeply nested or expands aliases: an error, not a crash or a hang.
#[test]
fn hostile_yaml() {
    let fx = Fixture::new();
    let nested = format!("{}{}", "[".repeat(50_000), "]".repeat(50_000));
    let mut bomb = String::from("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    for i in 1..12 {
        bomb.push_str(&format!(
            "{n}: &{n} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n",
            n = (b'a' + i) as char,
            p = (b'a' + i - 1) as char
        ));
    }
    bomb.push_str("rules: [*l]\n");
    for (what, text) in [
        ("nested", nested),
        ("alias bomb", bomb),
        ("tabs", "\t- x: [".into()),
    ] {
        let p = fx.case("hostile.yaml", text.as_bytes());
        for r in READERS.iter().filter(|r| r.reads == Reads::Rules) {
            let args = fx.args(r, &p);
            check(&fx.run(&args, None), &format!("{what}: {args:?}"), true);
        }
    }
}

/// A JSONL line over 10 MiB answers one error line (the rest of it is skipped, not read as
/// more lines) and the next line is still answered, in both batch readers.
#[test]
fn overlong_jsonl_line_is_one_error() {
    let fx = Fixture::new();
    let mut data = vec![b'x'; 10 * 1024 * 1024 + 100];
    data.extend_from_slice(b"\n{\"expr\": \"ssl\", \"fields\": {\"ssl\": true}}\n");
    let out = fx.run(
        &["rule".into(), "eval".into(), "--batch".into(), "-".into()],
        Some(&data),
    );
    check(&out, "rule eval --batch, long line", false);
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with(r#"{"error":"#) && lines[1] == r#"{"result":true}"#,
        "{text}"
    );

    let mut data = vec![b'x'; 10 * 1024 * 1024 + 100];
    data.extend_from_slice(b"\n{\"path\": \"/x\", \"id\": 2}\n");
    let args: Vec<String> = ["rule", "test", "--requests", "-", "--expr", "ssl"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let out = fx.run(&args, Some(&data));
    check(&out, "rule test --requests, long line", false);
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with(r#"{"error":"#) && lines[1].contains("\"id\":2"),
        "{text}"
    );
}
