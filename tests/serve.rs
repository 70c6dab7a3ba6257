//! `mtlsctl serve` as a real process on a free loopback port, talked to by real clients:
//! curl (HTTP/1.1 and HTTP/2, with and without a client certificate), openssl s_client, a
//! small origin started here that records the headers it receives, and raw sockets for bad
//! clients. No timing is asserted: waits are bounded loops that fail with what they saw.

mod common;
#[path = "common/serve_proc.rs"]
mod serve_proc;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::Env;
use serde_json::Value;

const HOST: &str = "app.example.test";

/// A running `mtlsctl serve` (the helper `tests/serve_upstream.rs` uses too).
use serve_proc::Serve as Server;

/// One curl answer.
#[derive(Debug)]
struct Answer {
    code: u16,
    version: String,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// curl to `https://HOST:port{path}` (resolved to 127.0.0.1), trusting the store CA.
fn curl(env: &Env, port: u16, path: &str, extra: &[&str]) -> Answer {
    let out = Command::new("curl")
        .current_dir(env.dir.path())
        .args(["-sS", "--max-time", "20", "--cacert"])
        .arg(env.store().join("ca.crt"))
        .args(["--resolve", &format!("{HOST}:{port}:127.0.0.1")])
        .args(["-w", "\n%{http_code} %{http_version}"])
        .args(extra)
        .arg(format!("https://{HOST}:{port}{path}"))
        .output()
        .expect("curl is installed");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (body, tail) = text.rsplit_once('\n').unwrap_or(("", &text));
    let (code, version) = tail.split_once(' ').unwrap_or((tail, ""));
    Answer {
        code: code.parse().unwrap_or(0),
        version: version.to_string(),
        body: body.to_string(),
    }
}

fn with_cert(name: &str) -> Vec<String> {
    vec![
        "--cert".into(),
        format!("{name}.crt"),
        "--key".into(),
        format!("{name}.key"),
    ]
}

/// The README walk-through: a CA, alice, bob (revoked, and blocked by serial), mallory (another
/// CA), the /admin rule.
fn walkthrough() -> Env {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca", "--cn", "Walkthrough CA"]);
    env.ok(&["cert", "create", "--cn", "alice"]);
    env.ok(&["cert", "create", "--cn", "bob"]);
    let ca = env.store().join("ca.crt");
    env.ok(&[
        "rule",
        "generate",
        "--path-prefix",
        "/admin",
        "--pin-ca",
        ca.to_str().unwrap(),
        "--ref",
        "mtls_admin",
        "--save",
    ]);
    env.openssl_ok(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=mallory",
        "-keyout",
        "mallory.key",
        "-out",
        "mallory.crt",
        "-days",
        "1",
    ]);
    env.ok(&["cert", "revoke", "bob.crt", "--reason", "keyCompromise"]);
    // The edge never checks revocation for an uploaded CA: bob is blocked by his serial.
    env.ok(&["rule", "generate", "--block-revoked", "--save"]);
    env
}

/// (client certificate, path, verdict in the README)
const CASES: [(Option<&str>, &str, &str); 5] = [
    (Some("alice"), "/admin/users", "allow"),
    (None, "/admin", "block"),
    (Some("mallory"), "/admin", "block"),
    (Some("bob"), "/admin", "block"),
    (None, "/public", "allow"),
];

/// The verdict `rule test` gives for the same client and request.
fn rule_test_verdict(env: &Env, cert: Option<&str>, path: &str) -> String {
    let cert_file = cert.map(|c| format!("{c}.crt"));
    let mut args = vec!["rule", "test", "--json", "--host", HOST, "--path", path];
    match &cert_file {
        Some(f) => args.extend(["--cert", f.as_str()]),
        None => args.push("--no-cert"),
    }
    let out = env.run(&args);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "rule test {args:?}: {e}: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    v["verdict"].as_str().unwrap().to_string()
}

#[test]
fn walkthrough_verdicts_match_rule_test_over_http1_and_http2() {
    let env = walkthrough();
    let server = Server::start(&env, &["--hostname", HOST]);
    for (flag, version) in [("--http1.1", "1.1"), ("--http2", "2")] {
        for (cert, path, readme) in CASES {
            let expected = rule_test_verdict(&env, cert, path);
            assert_eq!(expected, readme, "rule test for {cert:?} {path}");
            let mut args = vec![
                flag.to_string(),
                "-H".into(),
                "Accept: application/json".into(),
            ];
            if let Some(c) = cert {
                args.extend(with_cert(c));
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let a = curl(&env, server.port, path, &args);
            assert_eq!(a.version, version, "{a:?}");
            let want_code = if expected == "allow" { 200 } else { 403 };
            assert_eq!(
                a.code, want_code,
                "{cert:?} {path} over HTTP/{version}: {a:?}"
            );
            let body = a.json();
            assert_eq!(
                body["verdict"],
                expected.as_str(),
                "{cert:?} {path}: {body}"
            );
            if expected == "block" {
                // The deciding rule: bob's serial rule, else the /admin rule.
                let rule = if cert == Some("bob") {
                    "mtls_revoked_1"
                } else {
                    "mtls_admin"
                };
                assert_eq!(body["rule"], rule, "{body}");
                let matched = body["rules"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|r| r["ref"] == rule)
                    .unwrap_or_else(|| panic!("{rule} not in {body}"));
                assert_eq!(matched["matched"], true, "{body}");
                // The edge's cert_revoked, with the store's knowledge beside it.
                if cert == Some("bob") {
                    assert_eq!(body["client"]["revoked"], false, "{body}");
                    assert_eq!(body["client"]["revoked_locally"], true, "{body}");
                }
            } else {
                let http_version = if version == "2" { "HTTP/2" } else { "HTTP/1.1" };
                assert_eq!(body["fields"]["http.request.version"], http_version);
                assert_eq!(
                    body["fields"]["cf.tls_client_auth.cert_presented"],
                    cert.is_some()
                );
            }
        }
    }
    // The HTML page names the rule and shows the explanation tree.
    let page = curl(&env, server.port, "/admin", &["--http1.1"]);
    assert_eq!(page.code, 403);
    assert!(
        page.body.contains("<h1>403 Forbidden</h1>"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Blocked by rule &quot;mtls_admin&quot;"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("cf.tls_client_auth.cert_verified"),
        "{}",
        page.body
    );
    assert!(page.body.contains("no client certificate"), "{}", page.body);
    assert_eq!(server.stop("INT"), Some(0));
}

fn s_client(env: &Env, port: u16, servername: &str, version: &str) -> String {
    let out = Command::new("openssl")
        .current_dir(env.dir.path())
        .args(["s_client", "-connect", &format!("127.0.0.1:{port}")])
        .args(["-servername", servername, version, "-CAfile"])
        .arg(env.store().join("ca.crt"))
        .args(["-verify_return_error", "-verify_hostname", servername])
        .stdin(Stdio::null())
        .output()
        .expect("openssl is installed");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn client_certificate_requested_on_mtls_hostnames_only() {
    let env = walkthrough();
    let server = Server::start(
        &env,
        &["--hostname", HOST, "--plain-hostname", "www.example.test"],
    );
    for version in ["-tls1_3", "-tls1_2"] {
        let mtls = s_client(&env, server.port, HOST, version);
        assert!(
            mtls.contains("Acceptable client certificate CA names"),
            "{version} {HOST}: {mtls}"
        );
        assert!(mtls.contains("CN = Walkthrough CA"), "{mtls}");
        assert!(mtls.contains("Verify return code: 0 (ok)"), "{mtls}");
        let plain = s_client(&env, server.port, "www.example.test", version);
        assert!(
            plain.contains("No client certificate CA names sent"),
            "{version}: {plain}"
        );
        assert!(!plain.contains("Requested Signature Algorithms"), "{plain}");
        assert!(plain.contains("Verify return code: 0 (ok)"), "{plain}");
    }
    // On a hostname without mTLS, a client certificate is never asked for, so the edge sees
    // none: alice is blocked on /admin there, as rule lint warns (mistake 5).
    let out = Command::new("curl")
        .current_dir(env.dir.path())
        .args(["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert"])
        .arg(env.store().join("ca.crt"))
        .args(["--cert", "alice.crt", "--key", "alice.key"])
        .args([
            "--resolve",
            &format!("www.example.test:{}:127.0.0.1", server.port),
        ])
        .arg(format!("https://www.example.test:{}/admin", server.port))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "403");
    assert_eq!(
        curl(
            &env,
            server.port,
            "/admin",
            &with_cert("alice")
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
        )
        .code,
        200
    );
}

/// Header lines of every request the origin received.
type Seen = Arc<Mutex<Vec<Vec<(String, String)>>>>;

/// A small HTTP/1.1 origin that records the header lines of every request.
struct Origin {
    port: u16,
    seen: Seen,
}

impl Origin {
    fn start() -> Origin {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = seen.clone();
        let port = common::serve_each(move |stream| serve_origin(stream, record.clone()));
        Origin { port, seen }
    }

    fn requests(&self) -> Vec<Vec<(String, String)>> {
        self.seen.lock().unwrap().clone()
    }
}

fn serve_origin(stream: TcpStream, record: Seen) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    while let Some(headers) = common::read_head(&mut reader) {
        record.lock().unwrap().push(headers);
        common::answer_origin(&mut writer);
    }
}

use common::header_values as header;

#[test]
fn origin_sees_edge_headers_byte_equal_to_cert_inspect_and_never_client_copies() {
    let env = walkthrough();
    let origin = Origin::start();
    let upstream = format!("http://127.0.0.1:{}", origin.port);
    let server = Server::start(
        &env,
        &[
            "--hostname",
            HOST,
            "--upstream",
            &upstream,
            "--headers",
            "managed,rfc9440,access",
        ],
    );
    let injected = [
        "-H",
        "Client-Cert: :Zm9yZ2Vk:",
        "-H",
        "Client-Cert-Chain: :Zm9yZ2Vk:",
        "-H",
        "cf-cert-verified: true",
        "-H",
        "cf-cert-subject-dn: CN=admin",
        "-H",
        "Cf-Client-Cert-Sha256: 00",
    ];
    for flag in ["--http1.1", "--http2"] {
        for who in ["alice", "mallory"] {
            let mut args: Vec<String> = with_cert(who);
            args.push(flag.into());
            args.extend(injected.iter().map(|s| s.to_string()));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let a = curl(&env, server.port, "/public", &args);
            assert_eq!(a.code, 200, "{who}: {a:?}");
            assert_eq!(a.body, common::ORIGIN_BODY, "{a:?}");
            let seen = origin.requests();
            let h = seen.last().unwrap();
            let inspect: Value = serde_json::from_str(&env.ok(&[
                "cert",
                "inspect",
                "--json",
                &format!("{who}.crt"),
            ]))
            .unwrap();
            for (hname, field) in mtlsctl::serve::forward::MANAGED {
                let want = match field {
                    "cf.tls_client_auth.cert_verified" => (who == "alice").to_string(),
                    "cf.tls_client_auth.cert_revoked" => "false".to_string(),
                    _ => match &inspect[field] {
                        Value::String(s) => s.clone(),
                        Value::Bool(b) => b.to_string(),
                        other => panic!("{field}: {other}"),
                    },
                };
                assert_eq!(
                    header(h, hname),
                    vec![want.as_str()],
                    "{who} {flag} {hname}"
                );
            }
            let rfc9440 = inspect["cf.tls_client_auth.cert_rfc9440"].as_str().unwrap();
            if who == "alice" {
                assert_eq!(header(h, "client-cert"), vec![rfc9440], "{flag}");
                assert_eq!(
                    header(h, "cf-client-cert-sha256"),
                    vec![inspect["fingerprint_sha256"].as_str().unwrap()]
                );
                assert_eq!(
                    header(h, "cf-client-cert-der-base64"),
                    vec![rfc9440.trim_matches(':')]
                );
            } else {
                // Not verified: no Client-Cert at all, and the injected ones are gone.
                assert!(header(h, "client-cert").is_empty(), "{h:?}");
                assert!(header(h, "cf-client-cert-sha256").is_empty(), "{h:?}");
            }
            assert!(
                header(h, "client-cert-chain")
                    .iter()
                    .all(|v| !v.contains("Zm9yZ2Vk")),
                "{h:?}"
            );
            assert_eq!(header(h, "x-forwarded-proto"), vec!["https"]);
            assert_eq!(header(h, "cf-connecting-ip"), vec!["127.0.0.1"]);
            assert_eq!(
                header(h, "host"),
                vec![format!("{HOST}:{}", server.port).as_str()]
            );
        }
    }
    // Blocked requests never reach the origin.
    let before = origin.requests().len();
    assert_eq!(
        curl(
            &env,
            server.port,
            "/admin",
            &["-H", "cf-cert-verified: true"]
        )
        .code,
        403
    );
    assert_eq!(origin.requests().len(), before);
    assert_eq!(server.stop("TERM"), Some(0));
}

#[test]
fn requests_logged_by_serve_replay_with_identical_verdicts() {
    let env = walkthrough();
    let server = Server::start(&env, &["--hostname", HOST, "--log", "traffic.jsonl"]);
    let mut sent = 0;
    for flag in ["--http1.1", "--http2"] {
        for (cert, path, _) in CASES {
            let mut args = vec![flag.to_string(), "-H".into(), "X-Test: one".into()];
            if let Some(c) = cert {
                args.extend(with_cert(c));
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            curl(&env, server.port, path, &args);
            sent += 1;
        }
    }
    assert_eq!(server.stop("INT"), Some(0));
    let log = std::fs::read_to_string(env.path("traffic.jsonl")).unwrap();
    assert_eq!(log.lines().count(), sent, "{log}");
    let out = env.ok(&["rule", "test", "--requests", "traffic.jsonl"]);
    let results: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), sent, "{out}");
    let mut blocked = 0;
    for (r, (cert, path, readme)) in results.iter().zip(CASES.iter().cycle()) {
        assert_eq!(r["verdict"], r["recorded"], "{r}");
        assert_eq!(r["rule"], r["recorded_rule"], "{r}");
        assert_eq!(r["verdict"], *readme, "{cert:?} {path}: {r}");
        blocked += usize::from(r["verdict"] == "block");
    }
    assert_eq!(blocked, 6);
    // The same traffic against a changed rule: the differences show.
    let out = env.ok(&[
        "rule",
        "test",
        "--requests",
        "traffic.jsonl",
        "--expr",
        "http.request.uri.path eq \"/public\"",
    ]);
    let changed = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| r["verdict"] != r["recorded"])
        .count();
    assert_eq!(changed, 8, "{out}");
}

/// True when the peer closed the connection (EOF or reset) within one read timeout.
fn closed(s: &mut TcpStream) -> bool {
    s.set_read_timeout(Some(Duration::from_secs(1))).unwrap();
    let mut buf = [0u8; 4096];
    match s.read(&mut buf) {
        Ok(0) => true,
        Ok(_) => closed(s),
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    }
}

#[test]
fn bad_clients_are_cut_off_and_the_server_keeps_serving() {
    let env = walkthrough();
    let mut server = Server::start(
        &env,
        &[
            "--hostname",
            HOST,
            "--handshake-timeout",
            "2s",
            "--header-timeout",
            "2s",
            "--max-connections",
            "200",
        ],
    );
    let addr = format!("127.0.0.1:{}", server.port);

    // Random bytes instead of a ClientHello: closed, one log line.
    let mut s = TcpStream::connect(&addr).unwrap();
    let noise: Vec<u8> = (0..600u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    s.write_all(&noise).unwrap();
    assert!(closed(&mut s), "random bytes were not refused");
    server.wait_stderr("TLS handshake with 127.0.0.1:");

    // Half-open: the client sends nothing and shuts down its side.
    let mut s = TcpStream::connect(&addr).unwrap();
    s.shutdown(Shutdown::Write).unwrap();
    let mut cut = false;
    for _ in 0..10 {
        if closed(&mut s) {
            cut = true;
            break;
        }
    }
    assert!(cut, "half-open connection kept open");

    // A slow client: one byte of a ClientHello a second is cut off by the handshake timeout.
    let mut s = TcpStream::connect(&addr).unwrap();
    let hello = [
        0x16u8, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03,
    ];
    let mut sent = 0;
    let mut cut = false;
    for b in hello.iter().cycle().take(60) {
        if s.write_all(&[*b]).is_err() || closed(&mut s) {
            cut = true;
            break;
        }
        sent += 1;
    }
    assert!(cut, "a client sending one byte a second was never cut off");
    assert!(sent < 60);
    server.wait_stderr("not complete within 2s");

    // A slow client after the handshake: an HTTP/1 request head one byte a second.
    let mut slow = Command::new("openssl")
        .current_dir(env.dir.path())
        .args(["s_client", "-quiet", "-connect", &addr, "-servername", HOST])
        .args(["-alpn", "http/1.1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = slow.stdin.take().unwrap();
    let head = b"GET / HTTP/1.1\r\nHost: app.example.test\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
    let mut exited = false;
    for b in head {
        if stdin.write_all(&[*b]).and_then(|_| stdin.flush()).is_err() {
            exited = true;
            break;
        }
        std::thread::sleep(Duration::from_secs(1));
        if slow.try_wait().unwrap().is_some() {
            exited = true;
            break;
        }
    }
    let _ = slow.kill();
    let _ = slow.wait();
    assert!(
        exited,
        "a request head sent one byte a second was never cut off"
    );

    // 1,000 connections at once: over the limit they are closed at once, the rest time out.
    let conns: Vec<TcpStream> = (0..1000)
        .map(|_| TcpStream::connect(&addr).unwrap())
        .collect();
    server.wait_stderr("connection limit (200) reached");
    drop(conns);
    assert!(server.running());

    // The server keeps serving.
    let mut answered = false;
    for _ in 0..40 {
        let a = curl(
            &env,
            server.port,
            "/admin/x",
            &with_cert("alice")
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        );
        if a.code == 200 {
            answered = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    assert!(
        answered,
        "no answer after the bad clients: {}",
        server.stderr()
    );
    assert!(!server.stderr().contains("panicked"), "{}", server.stderr());
    assert_eq!(server.stop("TERM"), Some(0));
}

#[test]
fn rules_reload_on_change_and_sighup_and_a_broken_file_keeps_the_old_rules() {
    let env = walkthrough();
    let rules = env.path("rules.yaml");
    let write = |expr: &str| {
        std::fs::write(&rules, format!("- ref: r\n  expression: '{expr}'\n")).unwrap();
    };
    write("http.request.uri.path eq \"/a\"");
    let server = Server::start(&env, &["--hostname", HOST, "--rules", "rules.yaml"]);
    assert_eq!(curl(&env, server.port, "/a", &[]).code, 403);
    assert_eq!(curl(&env, server.port, "/b", &[]).code, 200);

    // The file changes: the new rule is used.
    write("http.request.uri.path eq \"/b\"");
    server.wait_stderr("rules.yaml changed: rules reloaded");
    assert_eq!(curl(&env, server.port, "/b", &[]).code, 403);
    assert_eq!(curl(&env, server.port, "/a", &[]).code, 200);

    // A broken file: the error is logged, the previous rules stay.
    std::fs::write(
        &rules,
        "- ref: r\n  expression: 'http.request.uri.path eq'\n",
    )
    .unwrap();
    server.wait_stderr("the rules were not reloaded, the previous ones stay in use");
    assert_eq!(curl(&env, server.port, "/b", &[]).code, 403);

    // SIGHUP reloads too (the file is fixed first, without waiting for the poll).
    write("http.request.uri.path eq \"/c\"");
    server.signal("HUP");
    server.wait_stderr("SIGHUP: rules reloaded");
    assert_eq!(curl(&env, server.port, "/c", &[]).code, 403);
    assert_eq!(server.stop("INT"), Some(0));
}

#[test]
fn challenge_skip_and_log_actions_behave_as_documented() {
    let env = walkthrough();
    std::fs::write(
        env.path("actions.yaml"),
        r#"- ref: log-all
  action: log
  expression: 'true'
- ref: skip-health
  action: skip
  expression: 'http.request.uri.path eq "/health"'
- ref: challenge-login
  action: managed_challenge
  expression: 'http.request.uri.path eq "/login"'
- ref: block-x
  action: block
  expression: 'http.request.uri.path eq "/x"'
"#,
    )
    .unwrap();
    let server = Server::start(&env, &["--hostname", HOST, "--rules", "actions.yaml"]);
    let json = ["-H", "Accept: application/json"];
    let health = curl(&env, server.port, "/health", &json);
    assert_eq!(health.code, 200, "{health:?}");
    assert_eq!(health.json()["decided_by"], "skip-health");
    assert_eq!(health.json()["logged"], serde_json::json!(["log-all"]));
    let other = curl(&env, server.port, "/y", &json);
    assert_eq!(other.code, 200);
    assert_eq!(other.json()["decided_by"], Value::Null);
    assert_eq!(other.json()["logged"], serde_json::json!(["log-all"]));
    let login = curl(&env, server.port, "/login", &["-i"]);
    assert_eq!(login.code, 403);
    assert!(
        login
            .body
            .to_ascii_lowercase()
            .contains("cf-mitigated: challenge"),
        "{}",
        login.body
    );
    assert!(
        login
            .body
            .contains("A challenge (managed_challenge) would be shown"),
        "{}",
        login.body
    );
    let login_json = curl(&env, server.port, "/login", &json).json();
    assert_eq!(login_json["verdict"], "challenge");
    assert_eq!(login_json["action"], "managed_challenge");
    assert_eq!(
        curl(&env, server.port, "/x", &json).json()["verdict"],
        "block"
    );
    for (path, verdict) in [
        ("/health", "allow"),
        ("/y", "allow"),
        ("/login", "challenge"),
        ("/x", "block"),
    ] {
        let out = env.run(&[
            "rule",
            "test",
            "--json",
            "--no-cert",
            "--rules",
            "actions.yaml",
            "--path",
            path,
        ]);
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["verdict"], verdict, "rule test {path}");
    }
    assert_eq!(server.stop("INT"), Some(0));
}

#[test]
fn start_up_errors_are_one_line_and_exit_2() {
    let env = walkthrough();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    // (what, the address to listen on, more arguments, a phrase the one line must hold)
    let cases: [(&str, &str, &[&str], &str); 4] = [
        ("address in use", &addr, &[], &addr),
        (
            "bad header mode",
            "127.0.0.1:0",
            &["--headers", "nginx"],
            "nginx",
        ),
        (
            "an upstream that does not resolve",
            "127.0.0.1:0",
            &["--upstream", "https://origin.invalid"],
            "cannot resolve origin.invalid",
        ),
        // No SNI is sent for an address: it cannot be an mTLS hostname (every request would
        // be 421).
        (
            "an IP address as mTLS hostname",
            "127.0.0.1:0",
            &["--hostname", "127.0.0.1"],
            "--resolve NAME:PORT:127.0.0.1",
        ),
    ];
    for (what, listen, args, phrase) in cases {
        let mut argv = vec!["serve", "--listen", listen];
        argv.extend_from_slice(args);
        let out = env.run(&argv);
        common::assert_input_error(&out, what);
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(phrase),
            "{what}: {out:?}"
        );
    }
    // A rule that does not parse (the error points into the expression, over several lines).
    let out = env.run(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--expr",
        "http.request.uri.path eq",
    ]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

#[test]
fn an_oversized_request_head_is_refused_and_the_server_keeps_serving() {
    let env = walkthrough();
    let server = Server::start(&env, &["--hostname", HOST, "--max-header-bytes", "16384"]);
    let big = format!("X-Big: {}", "a".repeat(40_000));
    // hyper answers 431 and closes; the close may reset the connection before curl reads the
    // answer (unread request bytes), so "no answer" is also a refusal. Never a 200.
    let a = curl(&env, server.port, "/", &["--http1.1", "-H", &big]);
    assert!(a.code == 431 || a.code == 0, "{a:?}");
    let a = curl(&env, server.port, "/", &["--http1.1", "-H", "X-Small: a"]);
    assert_eq!(a.code, 200, "{a:?}");
    assert_eq!(server.stop("TERM"), Some(0));
}

#[test]
fn an_idle_connection_is_closed_by_the_idle_timeout() {
    let env = walkthrough();
    // The header timeout is long, so only the idle timeout can close these connections.
    let server = Server::start(
        &env,
        &[
            "--hostname",
            HOST,
            "--idle-timeout",
            "1s",
            "--header-timeout",
            "1h",
        ],
    );
    for alpn in ["http/1.1", "h2"] {
        let idle = quiet_s_client(&env, server.port, alpn);
        assert!(
            closed_within(idle, Duration::from_secs(10)),
            "{alpn}: an idle connection stayed open"
        );
    }
    assert_eq!(server.stop("INT"), Some(0));
}

#[test]
fn sigterm_finishes_the_request_in_flight_and_exits_0() {
    let env = walkthrough();
    // An origin that answers only when the test opens the gate.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let origin_port = listener.local_addr().unwrap().port();
    let gate = Arc::new((Mutex::new(false), std::sync::Condvar::new()));
    let origin_gate = gate.clone();
    let (arrived_tx, arrived_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap() > 0 && line != "\r\n" {
            line.clear();
        }
        arrived_tx.send(()).unwrap();
        let (lock, cv) = &*origin_gate;
        let mut open = lock.lock().unwrap();
        while !*open {
            open = cv.wait(open).unwrap();
        }
        let mut w = stream;
        let _ = w.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nlate\n");
    });
    let upstream = format!("http://127.0.0.1:{origin_port}");
    let server = Server::start(&env, &["--hostname", HOST, "--upstream", &upstream]);
    let port = server.port;
    let client_env = env.dir.path().to_path_buf();
    let store = env.store();
    let in_flight = std::thread::spawn(move || {
        Command::new("curl")
            .current_dir(client_env)
            .args(["-sS", "--max-time", "30", "--cacert"])
            .arg(store.join("ca.crt"))
            .args(["--resolve", &format!("{HOST}:{port}:127.0.0.1")])
            .arg(format!("https://{HOST}:{port}/slow"))
            .output()
            .unwrap()
    });
    arrived_rx.recv().unwrap();
    server.signal("TERM");
    server.wait_stderr("SIGTERM: no longer accepting");
    // New connections are refused while the request in flight finishes.
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "still accepting"
    );
    {
        let (lock, cv) = &*gate;
        *lock.lock().unwrap() = true;
        cv.notify_all();
    }
    let out = in_flight.join().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "late\n", "{out:?}");
    let mut server = server;
    assert_eq!(server.wait(), Some(0));
    assert!(
        server.stderr().contains("mtlsctl serve: stopped"),
        "{}",
        server.stderr()
    );
}

/// As on the edge, cert_revoked is false for an uploaded CA (the store CA) whatever the store
/// says; with --managed-ca (a certificate of Cloudflare's managed CA) the store's revocation
/// sets it, as `rule test --managed-ca` does.
#[test]
fn cert_revoked_follows_the_edge_unless_managed_ca() {
    let env = walkthrough();
    let expr = "cf.tls_client_auth.cert_revoked";
    for (extra, want) in [(None, 200), (Some("--managed-ca"), 403)] {
        let mut args = vec!["--hostname", HOST, "--expr", expr];
        args.extend(extra);
        let server = Server::start(&env, &args);
        let a = curl(&env, server.port, "/admin", &with_refs(&with_cert("bob")));
        assert_eq!(a.code, want, "{extra:?}: {a:?}");
        let mut test = vec!["rule", "test", "--host", HOST, "--path", "/admin"];
        test.extend(["--cert", "bob.crt", "--expr", expr]);
        test.extend(extra);
        let out = env.run(&test);
        assert_eq!(out.status.code(), Some(if want == 200 { 0 } else { 1 }));
        assert_eq!(server.stop("TERM"), Some(0));
    }
}

fn with_refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// `openssl s_client -quiet` to the server with ALPN `alpn`, its stdin a pipe.
fn quiet_s_client(env: &Env, port: u16, alpn: &str) -> std::process::Child {
    Command::new("openssl")
        .current_dir(env.dir.path())
        .args([
            "s_client",
            "-quiet",
            "-connect",
            &format!("127.0.0.1:{port}"),
        ])
        .args(["-servername", HOST, "-alpn", alpn])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Whether `client` exits (the server closed its connection) within `bound`; kills it.
fn closed_within(mut client: std::process::Child, bound: Duration) -> bool {
    let start = std::time::Instant::now();
    let mut closed = false;
    while start.elapsed() < bound {
        if client.try_wait().unwrap().is_some() {
            closed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = client.kill();
    let _ = client.wait();
    closed
}

/// An HTTP/2 client that sends the preface and then `then`; returns whether the server closed
/// the connection within `bound`.
fn h2_client_cut_off(env: &Env, port: u16, then: &[u8], bound: Duration) -> bool {
    let mut client = quiet_s_client(env, port, "h2");
    let mut stdin = client.stdin.take().unwrap();
    // The connection preface and an empty SETTINGS frame.
    let mut bytes = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec();
    bytes.extend([0, 0, 0, 4, 0, 0, 0, 0, 0]);
    bytes.extend(then);
    stdin.write_all(&bytes).unwrap();
    stdin.flush().unwrap();
    // stdin stays open until the end: the client itself never closes.
    let closed = closed_within(client, bound);
    drop(stdin);
    closed
}

#[test]
fn http2_clients_that_never_finish_a_request_head_are_cut_off_by_the_header_timeout() {
    let env = walkthrough();
    // The idle timeout is long, so only the header timeout can close these connections.
    let server = Server::start(
        &env,
        &[
            "--hostname",
            HOST,
            "--header-timeout",
            "1s",
            "--idle-timeout",
            "1h",
        ],
    );
    // The preface and nothing more.
    assert!(
        h2_client_cut_off(&env, server.port, &[], Duration::from_secs(10)),
        "a connection that sent only the preface stayed open"
    );
    // A HEADERS frame on stream 1 without END_HEADERS (flags: END_STREAM only), whose
    // CONTINUATION never comes; the block holds `:method: GET`.
    let headers = [0, 0, 1, 1, 0x01, 0, 0, 0, 1, 0x82];
    assert!(
        h2_client_cut_off(&env, server.port, &headers, Duration::from_secs(10)),
        "a stream whose HEADERS never ended stayed open"
    );
    // The server keeps serving HTTP/2.
    let a = curl(&env, server.port, "/", &["--http2"]);
    assert_eq!((a.code, a.version.as_str()), (200, "2"), "{a:?}");
    assert!(!server.stderr().contains("panicked"), "{}", server.stderr());
    assert_eq!(server.stop("TERM"), Some(0));
}

/// As on the edge, a request whose Host names a hostname with another mTLS setting than the
/// one the connection's SNI named is answered 421: reusing a connection opened for a hostname
/// without mTLS (no certificate requested) cannot reach an mTLS hostname, nor the reverse.
#[test]
fn a_host_with_another_mtls_setting_than_the_sni_gets_421() {
    let env = walkthrough();
    let plain = "www.example.test";
    let server = Server::start(&env, &["--hostname", HOST, "--plain-hostname", plain]);
    let port = server.port;
    let request = |sni: &str, host: Option<&str>, version: &str| -> u16 {
        let mut cmd = Command::new("curl");
        cmd.current_dir(env.dir.path())
            .args([
                "-sS",
                "--max-time",
                "20",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
            ])
            .arg("--cacert")
            .arg(env.store().join("ca.crt"))
            .args(["--cert", "alice.crt", "--key", "alice.key", version])
            .args(["--resolve", &format!("{sni}:{port}:127.0.0.1")]);
        if let Some(h) = host {
            cmd.args(["-H", &format!("Host: {h}")]);
        }
        let out = cmd
            .arg(format!("https://{sni}:{port}/admin/x"))
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).parse().unwrap_or(0)
    };
    for version in ["--http1.1", "--http2"] {
        // Same hostname (with or without the port), or the same setting: served.
        assert_eq!(request(HOST, None, version), 200, "{version}");
        let with_port = format!("{}:{port}", HOST.to_uppercase());
        assert_eq!(request(HOST, Some(&with_port), version), 200, "{version}");
        assert_eq!(
            request(plain, Some("other.example.test"), version),
            403,
            "{version}"
        );
        // SNI without mTLS, Host with mTLS: no certificate was requested; 421.
        assert_eq!(request(plain, Some(HOST), version), 421, "{version}");
        assert_eq!(request(plain, Some(&with_port), version), 421, "{version}");
        // SNI with mTLS, Host without: 421 too.
        assert_eq!(request(HOST, Some(plain), version), 421, "{version}");
    }
    assert_eq!(server.stop("INT"), Some(0));
}

/// The requests of one connection share its client's values (computed once, after the
/// handshake) and nothing else: a header, a query or a path of one request is never seen by
/// the next one on the same connection.
#[test]
fn requests_on_one_connection_see_only_their_own_fields() {
    let env = walkthrough();
    let server = Server::start(&env, &["--hostname", HOST]);
    let port = server.port;
    for version in ["--http1.1", "--http2"] {
        let transfer = |path: &str, extra: &[&str]| -> Vec<String> {
            let mut v: Vec<String> = ["-sS", "--max-time", "20", version, "--cacert"]
                .iter()
                .map(|s| s.to_string())
                .collect();
            v.push(env.store().join("ca.crt").display().to_string());
            v.extend(with_cert("alice"));
            v.extend(["--resolve".into(), format!("{HOST}:{port}:127.0.0.1")]);
            v.extend(["-w".into(), "\n%{num_connects}\n".into()]);
            v.extend(extra.iter().map(|s| s.to_string()));
            v.push(format!("https://{HOST}:{port}{path}"));
            v
        };
        let mut args = transfer("/one/a.json?x=1", &["-H", "X-One: 1", "-A", "agent-one"]);
        args.push("--next".into());
        args.extend(transfer("/two", &[]));
        let out = Command::new("curl")
            .current_dir(env.dir.path())
            .args(&args)
            .output()
            .expect("curl is installed");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        // Two echoes, each followed by how many connections its transfer opened.
        let mut parts = text.split("\n1\n").collect::<Vec<_>>();
        assert_eq!(parts.len(), 2, "{version}: one connection for both: {text}");
        let second = parts.pop().unwrap().trim_end();
        let second = second.strip_suffix("\n0").unwrap_or(second);
        let first: Value = serde_json::from_str(parts[0]).unwrap();
        let second: Value = serde_json::from_str(second)
            .unwrap_or_else(|e| panic!("{version}: second answer not JSON ({e}): {text}"));
        let field = |v: &Value, name: &str| v["fields"][name].clone();
        assert_eq!(field(&first, "http.request.uri.query"), "x=1");
        assert_eq!(field(&first, "http.user_agent"), "agent-one");
        assert_eq!(field(&first, "http.request.uri.path.extension"), "json");
        assert_eq!(field(&second, "http.request.uri.path"), "/two", "{version}");
        assert_eq!(field(&second, "http.request.uri.query"), "", "{version}");
        assert_eq!(field(&second, "http.request.uri.path.extension"), "");
        assert_ne!(field(&second, "http.user_agent"), "agent-one", "{version}");
        let names = field(&second, "http.request.headers.names").to_string();
        assert!(!names.contains("x-one"), "{version}: {names}");
        for body in [&first, &second] {
            assert_eq!(
                field(body, "cf.tls_client_auth.cert_subject_dn"),
                "CN=alice",
                "{version}"
            );
            assert_eq!(field(body, "cf.tls_client_auth.cert_verified"), true);
        }
    }
    assert_eq!(server.stop("INT"), Some(0));
}
