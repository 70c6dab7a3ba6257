//! `mtlsctl serve --upstream https://...`: real serve processes forwarding to real HTTPS
//! origins started here (a rustls origin that records SNI and headers, `openssl s_server`
//! requiring a client certificate, a plain-HTTP port, a closed port), with the edge's answers
//! for each failure: 520, 521, 525, 526.

mod common;
#[path = "common/origin_tls.rs"]
mod origin_tls;
#[path = "common/serve_proc.rs"]
mod serve_proc;

use common::Env;
use origin_tls::{OpensslOrigin, OriginPki, TlsOrigin};
use serve_proc::Serve;

const HOST: &str = "app.example.test";

/// A store CA, alice's client certificate from it, and an origin certificate for HOST from a
/// separate origin CA.
fn setup() -> (Env, OriginPki) {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca", "--cn", "Upstream Test CA"]);
    env.ok(&["cert", "create", "--cn", "alice"]);
    let pki = OriginPki::create(&env, &[HOST]);
    (env, pki)
}

const ALICE: [&str; 4] = ["--cert", "alice.crt", "--key", "alice.key"];

fn upstream(port: u16) -> String {
    format!("https://127.0.0.1:{port}")
}

/// Asserts that a request through `serve --upstream up` gets the edge's error `status`: the
/// status line's text, then what happened.
fn assert_edge_error(env: &Env, up: &str, status: &str) {
    let serve = Serve::start(env, &["--hostname", HOST, "--upstream", up]);
    let (code, body) = serve.get(env, HOST, "/", &ALICE);
    assert_eq!(code.to_string(), status[..3], "{up}: {body}");
    assert!(body.starts_with(&format!("{status}: ")), "{up}: {body}");
}

#[test]
fn strict_with_the_origin_ca_forwards_with_sni_and_edge_headers() {
    let (env, pki) = setup();
    let origin = TlsOrigin::start(&pki);
    let ca = pki.ca.to_str().unwrap();
    let up = upstream(origin.port);
    let serve = Serve::start(
        &env,
        &["--hostname", HOST, "--upstream", &up, "--upstream-ca", ca],
    );
    let (code, body) = serve.get(&env, HOST, "/hello", &ALICE);
    assert_eq!(
        (code, body.as_str()),
        (200, common::ORIGIN_BODY),
        "{}",
        serve.stderr()
    );
    // A second request reuses the pooled connection, verified for the same name.
    assert_eq!(serve.get(&env, HOST, "/again", &ALICE).0, 200);
    let seen = origin.requests();
    assert_eq!(seen.len(), 2);
    assert_eq!(
        seen[0].sni.as_deref(),
        Some(HOST),
        "SNI is the request's host"
    );
    assert_eq!(seen[0].header("host"), [format!("{HOST}:{}", serve.port)]);
    assert_eq!(seen[0].header("cf-cert-presented"), ["true"]);
    assert_eq!(seen[0].header("cf-cert-verified"), ["true"]);
    assert!(
        seen[0].header("cf-cert-subject-dn")[0].contains("CN=alice"),
        "{:?}",
        seen[0].headers
    );
}

#[test]
fn strict_without_the_origin_ca_is_526() {
    let (env, pki) = setup();
    let origin = TlsOrigin::start(&pki);
    assert_edge_error(&env, &upstream(origin.port), "526 Invalid SSL Certificate");
    assert!(origin.requests().is_empty());
}

#[test]
fn a_certificate_for_another_name_is_526() {
    let (env, _) = setup();
    let other = OriginPki::create(&env, &["origin.example.test"]);
    let origin = TlsOrigin::start(&other);
    let (up, ca) = (upstream(origin.port), other.ca.to_str().unwrap());
    let serve = Serve::start(
        &env,
        &["--hostname", HOST, "--upstream", &up, "--upstream-ca", ca],
    );
    let (code, body) = serve.get(&env, HOST, "/", &ALICE);
    assert_eq!(code, 526, "{body}");
}

#[test]
fn insecure_encrypts_without_verifying_and_warns_once() {
    let (env, pki) = setup();
    let origin = TlsOrigin::start(&pki);
    let up = upstream(origin.port);
    let serve = Serve::start(
        &env,
        &["--hostname", HOST, "--upstream", &up, "--upstream-insecure"],
    );
    let (code, body) = serve.get(&env, HOST, "/", &ALICE);
    assert_eq!((code, body.as_str()), (200, common::ORIGIN_BODY));
    assert_eq!(serve.get(&env, HOST, "/", &ALICE).0, 200);
    assert_eq!(serve.stderr().matches("--upstream-insecure").count(), 1);
}

#[test]
fn an_origin_that_is_not_tls_is_525() {
    let (env, _) = setup();
    let up = upstream(origin_tls::plain_http_origin());
    assert_edge_error(&env, &up, "525 SSL Handshake Failed");
}

#[test]
fn nothing_listening_is_521_for_https_and_http() {
    let (env, _) = setup();
    let port = origin_tls::closed_port();
    for up in [upstream(port), format!("http://127.0.0.1:{port}")] {
        assert_edge_error(&env, &up, "521 Web Server Is Down");
    }
}

/// An origin that accepts the connection and closes it without an answer: 520.
#[test]
fn an_origin_that_hangs_up_without_answering_is_520() {
    let (env, _) = setup();
    let port = common::serve_each(drop);
    let up = format!("http://127.0.0.1:{port}");
    assert_edge_error(&env, &up, "520 Web Server Returned an Unknown Error");
}

#[test]
fn authenticated_origin_pulls_present_the_client_certificate() {
    let (env, pki) = setup();
    env.ok(&["cert", "create", "--cn", "edge-pull"]);
    let origin = OpensslOrigin::start(&env, &pki, &env.store().join("ca.crt"));
    let (up, ca) = (upstream(origin.port), pki.ca.to_str().unwrap());
    let base = ["--hostname", HOST, "--upstream", &up, "--upstream-ca", ca];
    let pull = [
        "--origin-client-cert",
        "edge-pull.crt",
        "--origin-client-key",
        "edge-pull.key",
    ];
    let serve = Serve::start(&env, &[&base[..], &pull].concat());
    let (code, body) = serve.get(&env, HOST, "/", &ALICE);
    assert_eq!(code, 200, "{body}\n{}", serve.stderr());
    assert!(body.contains("s_server"), "{body}");
    drop(serve);
    let serve = Serve::start(&env, &base);
    let (code, body) = serve.get(&env, HOST, "/", &ALICE);
    assert_eq!(code, 525, "{body}");
}

#[test]
fn start_up_errors_are_one_line_and_exit_2() {
    let (env, pki) = setup();
    let serve = |extra: &[&str]| {
        // A rule given, so that the note on the recommended rule is not printed.
        let rule = ["--expr", "http.request.uri.path eq \"/never\""];
        let args = [&["serve", "--listen", "127.0.0.1:0"][..], &rule, extra].concat();
        env.run(&args)
    };
    let https = ["--upstream", "https://127.0.0.1:9"];
    let cert = pki.cert.to_str().unwrap();
    let key = pki.key.to_str().unwrap();
    env.ok(&["cert", "create", "--cn", "edge-pull"]);
    let cases: [(&str, Vec<&str>); 6] = [
        ("cert without key", vec!["--origin-client-cert", cert]),
        ("key without cert", vec!["--origin-client-key", key]),
        (
            "key is not a key",
            vec!["--origin-client-cert", cert, "--origin-client-key", cert],
        ),
        (
            "key of another certificate",
            vec![
                "--origin-client-cert",
                cert,
                "--origin-client-key",
                "edge-pull.key",
            ],
        ),
        ("CA file missing", vec!["--upstream-ca", "missing.crt"]),
        (
            "insecure and a CA",
            vec!["--upstream-insecure", "--upstream-ca", cert],
        ),
    ];
    for (what, extra) in cases {
        let args = [&https[..], &extra].concat();
        common::assert_input_error(&serve(&args), what);
    }
    let plain = serve(&["--upstream", "http://127.0.0.1:9", "--upstream-insecure"]);
    common::assert_input_error(&plain, "TLS flags on an http:// upstream");
    let ftp = serve(&["--upstream", "ftp://127.0.0.1:9"]);
    common::assert_input_error(&ftp, "unknown scheme");
    let unresolved = serve(&["--upstream", "https://origin.invalid"]);
    common::assert_input_error(&unresolved, "a host that does not resolve");
}
