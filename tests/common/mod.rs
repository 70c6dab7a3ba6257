//! Helpers shared by the CLI integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// A scratch directory with its own store.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    pub fn store(&self) -> PathBuf {
        self.path("store")
    }

    /// `mtlsctl` run in the scratch dir with the scratch store and no colour.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("mtlsctl").unwrap();
        c.current_dir(self.dir.path())
            .env("MTLSCTL_STORE", self.store())
            .env("NO_COLOR", "1")
            .env_remove("MTLSCTL_CA_PASSWORD")
            .env_remove("MTLSCTL_P12_PASSWORD");
        c
    }

    /// The same, as a plain `std::process::Command` (for pipes).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin!("mtlsctl"));
        c.current_dir(self.dir.path())
            .env("MTLSCTL_STORE", self.store())
            .env("NO_COLOR", "1");
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "mtlsctl {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn openssl(&self, args: &[&str]) -> Output {
        std::process::Command::new("openssl")
            .current_dir(self.dir.path())
            .args(args)
            .output()
            .expect("openssl is installed")
    }

    /// Runs openssl and asserts success; returns stdout.
    pub fn openssl_ok(&self, args: &[&str]) -> String {
        let out = self.openssl(args);
        assert!(
            out.status.success(),
            "openssl {args:?} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

/// A fixture copied from public test material (see `tests/fixtures/README.md`).
pub fn corpus(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

/// Asserts a failed run: exit 2, one line on stderr, nothing on stdout, no panic.
pub fn assert_input_error(out: &Output, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{what}: expected exit 2, got {:?}; stderr: {stderr}",
        out.status.code()
    );
    assert!(!stderr.contains("panicked"), "{what}: panic: {stderr}");
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "{what}: not one line: {stderr:?}"
    );
    assert!(stderr.starts_with("mtlsctl: error: "), "{what}: {stderr:?}");
}

/// The value of an openssl `-ext` extension, with whitespace folded.
pub fn ext(text: &str, name: &str) -> Option<String> {
    let mut lines = text.lines();
    while let Some(l) = lines.next() {
        if l.trim_start().starts_with(name) {
            return lines.next().map(|v| v.trim().to_string());
        }
    }
    None
}

/// Reads one HTTP/1.1 request head (the test origins' own minimal parsing): the header
/// fields, names lower-cased, or None when the connection ends first.
pub fn read_head(reader: &mut impl std::io::BufRead) -> Option<Vec<(String, String)>> {
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
        return None;
    }
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return None;
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            return Some(headers);
        }
        if let Some((n, v)) = line.split_once(':') {
            headers.push((n.to_ascii_lowercase(), v.trim().to_string()));
        }
    }
}

/// A server on a free loopback port: `serve` runs on its own thread for each connection.
pub fn serve_each(serve: impl Fn(std::net::TcpStream) + Send + Sync + 'static) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let serve = std::sync::Arc::new(serve);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let serve = serve.clone();
            std::thread::spawn(move || serve(stream));
        }
    });
    port
}

/// What the test origins answer every request with.
pub const ORIGIN_BODY: &str = "origin says hello\n";

/// Writes the test origins' answer: 200, `text/plain`, [`ORIGIN_BODY`].
pub fn answer_origin(w: &mut impl std::io::Write) {
    let _ = write!(
        w,
        "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\n\r\n{ORIGIN_BODY}",
        ORIGIN_BODY.len()
    );
    let _ = w.flush();
}

/// The values of header `name` (lower case) among header lines read by [`read_head`].
pub fn header_values<'a>(headers: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    headers
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .collect()
}
