//! Origins for `serve --upstream https://...` tests: a test CA and origin certificate made with
//! openssl, a small HTTPS origin (rustls) that records the SNI and header lines it receives,
//! `openssl s_server` for an origin that requires a client certificate, and a plain-HTTP
//! origin that answers a ClientHello with an HTTP 400, as a web server does.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use crate::common::Env;

/// An origin CA and a certificate it issued for `names` (DNS SANs), in the env's directory:
/// `origin-ca.crt`, `origin.crt`, `origin.key`.
pub struct OriginPki {
    pub ca: PathBuf,
    pub cert: PathBuf,
    pub key: PathBuf,
}

impl OriginPki {
    pub fn create(env: &Env, names: &[&str]) -> OriginPki {
        let ec = [
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
        ];
        env.openssl_ok(
            &[
                &["req", "-x509"][..],
                &ec,
                &["-subj", "/CN=Origin Test CA", "-days", "2"],
                &["-keyout", "origin-ca.key", "-out", "origin-ca.crt"],
                &["-addext", "basicConstraints=critical,CA:TRUE"],
                &["-addext", "keyUsage=critical,keyCertSign,cRLSign"],
            ]
            .concat(),
        );
        env.openssl_ok(
            &[
                &["req"][..],
                &ec,
                &["-subj", &format!("/CN={}", names[0])],
                &["-keyout", "origin.key", "-out", "origin.csr"],
            ]
            .concat(),
        );
        let sans: Vec<String> = names.iter().map(|n| format!("DNS:{n}")).collect();
        std::fs::write(
            env.path("origin.ext"),
            format!(
                "subjectAltName={}\nextendedKeyUsage=serverAuth\n",
                sans.join(",")
            ),
        )
        .unwrap();
        env.openssl_ok(&[
            "x509",
            "-req",
            "-in",
            "origin.csr",
            "-CA",
            "origin-ca.crt",
            "-CAkey",
            "origin-ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "origin.ext",
            "-out",
            "origin.crt",
        ]);
        OriginPki {
            ca: env.path("origin-ca.crt"),
            cert: env.path("origin.crt"),
            key: env.path("origin.key"),
        }
    }
}

/// One request as the origin saw it: the SNI of its connection and its header lines.
#[derive(Debug, Clone)]
pub struct Seen {
    pub sni: Option<String>,
    pub headers: Vec<(String, String)>,
}

impl Seen {
    /// The values of header `name` (lower case).
    pub fn header(&self, name: &str) -> Vec<&str> {
        crate::common::header_values(&self.headers, name)
    }
}

/// An HTTPS origin on a free loopback port that answers every request with 200
/// `origin says hello` and records it.
pub struct TlsOrigin {
    pub port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl TlsOrigin {
    pub fn start(pki: &OriginPki) -> TlsOrigin {
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&pki.cert)
            .unwrap()
            .map(|c| c.unwrap())
            .collect();
        let key = PrivateKeyDer::from_pem_file(&pki.key).unwrap();
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .unwrap();
        let config = Arc::new(config);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = seen.clone();
        let port = crate::common::serve_each(move |stream| {
            serve_tls(stream, config.clone(), record.clone())
        });
        TlsOrigin { port, seen }
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn serve_tls(stream: TcpStream, config: Arc<rustls::ServerConfig>, record: Arc<Mutex<Vec<Seen>>>) {
    let Ok(conn) = rustls::ServerConnection::new(config) else {
        return;
    };
    let mut reader = BufReader::new(rustls::StreamOwned::new(conn, stream));
    while let Some(headers) = crate::common::read_head(&mut reader) {
        let tls = reader.get_mut();
        let sni = tls.conn.server_name().map(str::to_string);
        record.lock().unwrap().push(Seen { sni, headers });
        crate::common::answer_origin(tls);
    }
}

/// A plain-HTTP origin: whatever arrives (a ClientHello here) gets an HTTP 400 and a close.
pub fn plain_http_origin() -> u16 {
    crate::common::serve_each(|mut stream| {
        let mut buf = [0u8; 4096];
        let _ = stream.read(&mut buf);
        let _ = stream.write_all(
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
        );
    })
}

/// A loopback port with nothing listening on it.
pub fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// `openssl s_server -www` with the origin certificate, requiring a client certificate
/// issued by `client_ca` (`-Verify 1`).
pub struct OpensslOrigin {
    pub port: u16,
    child: Child,
}

impl OpensslOrigin {
    pub fn start(env: &Env, pki: &OriginPki, client_ca: &std::path::Path) -> OpensslOrigin {
        let port = closed_port();
        let mut child = Command::new("openssl")
            .current_dir(env.dir.path())
            .args(["s_server", "-www", "-Verify", "1", "-accept"])
            .arg(format!("127.0.0.1:{port}"))
            .arg("-cert")
            .arg(&pki.cert)
            .arg("-key")
            .arg(&pki.key)
            .arg("-CAfile")
            .arg(client_ca)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("openssl is installed");
        // s_server prints ACCEPT once it listens.
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        while out.read_line(&mut line).unwrap_or(0) > 0 && !line.contains("ACCEPT") {
            line.clear();
        }
        assert!(line.contains("ACCEPT"), "openssl s_server did not start");
        // Keep reading its output so that it never blocks on a full pipe.
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        OpensslOrigin { port, child }
    }
}

impl Drop for OpensslOrigin {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
