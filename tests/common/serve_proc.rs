//! A running `mtlsctl serve` on a free loopback port, and a curl client for it that resolves
//! the served hostname to 127.0.0.1 and trusts the store CA.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use crate::common::Env;

/// `serve --listen 127.0.0.1:0 ARGS`, killed when dropped.
pub struct Serve {
    pub port: u16,
    child: Child,
    stderr: PathBuf,
}

impl Serve {
    /// Starts it in the env's directory and waits for the ready line.
    pub fn start(env: &Env, args: &[&str]) -> Serve {
        let stderr = tempfile::Builder::new()
            .prefix("serve-")
            .suffix(".err")
            .tempfile_in(env.dir.path())
            .unwrap()
            .into_temp_path()
            .keep()
            .unwrap();
        let mut child = env
            .std_cmd()
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .unwrap();
        let mut line = String::new();
        let _ = BufReader::new(child.stdout.take().unwrap()).read_line(&mut line);
        let mut serve = Serve {
            port: 0,
            child,
            stderr,
        };
        match line.trim().strip_prefix("listening on 127.0.0.1:") {
            Some(p) => serve.port = p.parse().unwrap(),
            None => panic!("no ready line: {line:?}; stderr: {}", serve.stderr()),
        }
        serve
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// curl `https://{host}:{port}{path}` with `extra` arguments: (status, body).
    pub fn get(&self, env: &Env, host: &str, path: &str, extra: &[&str]) -> (u16, String) {
        let out = Command::new("curl")
            .current_dir(env.dir.path())
            .args(["-sS", "--max-time", "30", "--cacert"])
            .arg(env.store().join("ca.crt"))
            .arg("--resolve")
            .arg(format!("{host}:{}:127.0.0.1", self.port))
            .args(["-w", "\n%{http_code}"])
            .args(extra)
            .arg(format!("https://{host}:{}{path}", self.port))
            .output()
            .expect("curl is installed");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let (body, code) = text.rsplit_once('\n').unwrap_or(("", &text));
        (code.trim().parse().unwrap_or(0), body.to_string())
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
