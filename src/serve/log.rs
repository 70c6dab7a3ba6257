//! `serve --log FILE.jsonl`: one line per request, in exactly the input format of
//! `rule test --requests` ([`RequestLine`]) plus the verdict and deciding rule, so recorded
//! traffic replays against changed rules.
//!
//! Owns the file: opened for appending (created 0600: the lines hold request headers, which
//! may carry credentials), one `write` per line under a lock so concurrent requests never
//! interleave within a line. A write error is reported once on stderr; serving goes on.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use super::ServeError;
use crate::edge::replay::RequestLine;

/// The request log.
pub struct RequestLog {
    file: Mutex<File>,
    path: PathBuf,
    failed: AtomicBool,
}

impl RequestLog {
    /// Opens (creates) `path` for appending.
    pub fn open(path: &Path) -> Result<RequestLog, ServeError> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| ServeError::Io(format!("--log {}: {e}", path.display())))?;
        Ok(RequestLog {
            file: Mutex::new(file),
            path: path.to_path_buf(),
            failed: AtomicBool::new(false),
        })
    }

    /// Appends one line.
    pub fn write(&self, line: &RequestLine) {
        let mut text = match serde_json::to_vec(line) {
            Ok(t) => t,
            Err(e) => return self.fail(&e.to_string()),
        };
        text.push(b'\n');
        let result = match self.file.lock() {
            Ok(mut f) => f.write_all(&text),
            Err(_) => return self.fail("the log lock is poisoned"),
        };
        if let Err(e) = result {
            self.fail(&e.to_string());
        }
    }

    fn fail(&self, why: &str) {
        if !self.failed.swap(true, Ordering::Relaxed) {
            eprintln!(
                "mtlsctl serve: error: writing {}: {why} (further log errors are not reported)",
                self.path.display()
            );
        }
    }
}
