//! A running `mtlsctl serve` on a free loopback port, and a curl client for it that resolves
//! the served hostname to 127.0.0.1 and trusts the store CA.
// Each test file that includes this module uses a part of it.
#![allow(dead_code)]

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

    /// Sends the signal `sig` (a name: TERM, HUP, INT).
    pub fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .args(["-s", sig, &self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -s {sig}");
    }

    /// Sends `sig` and waits for the exit; returns the exit code.
    pub fn stop(mut self, sig: &str) -> Option<i32> {
        self.signal(sig);
        self.wait()
    }

    /// Waits for the exit (after a signal sent earlier); returns the exit code.
    pub fn wait(&mut self) -> Option<i32> {
        self.child.wait().unwrap().code()
    }

    /// True while the process has not exited.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Waits (bounded) until stderr contains `what`.
    pub fn wait_stderr(&self, what: &str) {
        for _ in 0..200 {
            if self.stderr().contains(what) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("stderr never said {what:?}: {}", self.stderr());
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
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
