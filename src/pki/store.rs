//! The local store: the CA that `cert create` uses by default and the index of what it issued.
//!
//! Layout of the store directory (mode 0700): `ca.crt`, `ca.key` (0600), `index.json` (every
//! certificate issued from the store CA: serial, CN, SKI, not-after, fingerprint, path,
//! status) and `.lock`. The index is changed only under an exclusive lock on `.lock` and
//! rewritten atomically, so concurrent runs and a killed process leave it consistent. A
//! damaged store is reported with what to do; it is never recreated over the user's CA.

use std::fs::{self, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use fs4::fs_std::FileExt;
use serde::{Deserialize, Serialize};

use super::files::{self, FileError};

/// File names inside the store.
pub const CA_CERT: &str = "ca.crt";
/// The CA key file name.
pub const CA_KEY: &str = "ca.key";
/// The index file name.
pub const INDEX: &str = "index.json";
const LOCK: &str = ".lock";

/// A store directory.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

/// One certificate the store CA issued (or the CA itself).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct IndexEntry {
    /// Serial, upper-case hex without colons.
    pub serial: String,
    /// Common name.
    pub cn: String,
    /// `root_ca`, `intermediate_ca` or `client`.
    pub profile: String,
    /// Own SKI, upper-case hex.
    pub ski: String,
    /// Issuer SKI, upper-case hex.
    pub issuer_ski: String,
    /// notAfter, RFC 3339.
    pub not_after: String,
    /// SHA-256 fingerprint of the DER, lower-case hex.
    pub fingerprint_sha256: String,
    /// Where the certificate was written (absolute).
    pub path: String,
    /// `valid`, `revoked` or `superseded`.
    #[serde(default = "valid")]
    pub status: String,
    /// When it was issued, RFC 3339.
    pub issued_at: String,
    /// Revocation time, RFC 3339, when revoked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
    /// Revocation reason, when revoked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

fn valid() -> String {
    "valid".into()
}

/// The index file.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Index {
    /// Format version.
    pub version: u32,
    /// Entries in issue order.
    pub certificates: Vec<IndexEntry>,
}

/// Errors about the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The store has no CA.
    #[error("the store {0} has no CA yet; create one with `mtlsctl cert create --ca`")]
    NoCa(PathBuf),
    /// One CA file is there, the other is not.
    #[error(
        "the store {store} is damaged: {present} exists but {missing} is missing; restore {missing} from a backup, or move the store aside and create a new CA (mtlsctl will not overwrite it)"
    )]
    HalfCa {
        /// Store dir.
        store: PathBuf,
        /// The file present.
        present: &'static str,
        /// The file missing.
        missing: &'static str,
    },
    /// The index does not parse.
    #[error(
        "the store index {path} is damaged ({reason}); restore it from a backup, or move it aside to start a new index (the CA is not affected)"
    )]
    BadIndex {
        /// Index path.
        path: PathBuf,
        /// Parse error.
        reason: String,
    },
    /// A file operation failed.
    #[error(transparent)]
    File(#[from] FileError),
    /// An I/O error.
    #[error("{path}: {source}")]
    Io {
        /// Path.
        path: PathBuf,
        /// Error.
        source: io::Error,
    },
}

impl Store {
    /// A store at `root` (nothing is created until something is written).
    pub fn new(root: impl Into<PathBuf>) -> Store {
        Store { root: root.into() }
    }

    /// The default location: `$XDG_DATA_HOME/mtlsctl` (e.g. `~/.local/share/mtlsctl`).
    pub fn default_dir() -> PathBuf {
        dirs::data_dir()
            .unwrap_or_else(|| PathBuf::from("."))
            .join("mtlsctl")
    }

    /// The store directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Path of the CA certificate.
    pub fn ca_cert_path(&self) -> PathBuf {
        self.root.join(CA_CERT)
    }

    /// Path of the CA key.
    pub fn ca_key_path(&self) -> PathBuf {
        self.root.join(CA_KEY)
    }

    /// Whether the store has a CA; an error when it is half there.
    pub fn has_ca(&self) -> Result<bool, StoreError> {
        let cert = self.ca_cert_path().exists();
        let key = self.ca_key_path().exists();
        match (cert, key) {
            (true, true) => Ok(true),
            (false, false) => Ok(false),
            (true, false) => Err(StoreError::HalfCa {
                store: self.root.clone(),
                present: CA_CERT,
                missing: CA_KEY,
            }),
            (false, true) => Err(StoreError::HalfCa {
                store: self.root.clone(),
                present: CA_KEY,
                missing: CA_CERT,
            }),
        }
    }

    /// Creates the store directory (0700) if needed.
    pub fn ensure(&self) -> Result<(), StoreError> {
        files::ensure_private_dir(&self.root)?;
        Ok(())
    }

    /// Runs `f` with the index under an exclusive lock, and saves what it leaves.
    pub fn update_index<T>(
        &self,
        f: impl FnOnce(&mut Index) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.ensure()?;
        let lock_path = self.root.join(LOCK);
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(&lock_path)
            .map_err(|source| StoreError::Io {
                path: lock_path.clone(),
                source,
            })?;
        lock.lock_exclusive().map_err(|source| StoreError::Io {
            path: lock_path.clone(),
            source,
        })?;
        let mut index = self.read_index()?;
        let out = f(&mut index)?;
        index.version = 1;
        let mut text = serde_json::to_vec_pretty(&index).map_err(|e| StoreError::BadIndex {
            path: self.root.join(INDEX),
            reason: e.to_string(),
        })?;
        text.push(b'\n');
        files::write_file(&self.root.join(INDEX), &text, files::PUBLIC_MODE, true)?;
        // The lock is released when `lock` is dropped.
        drop(lock);
        Ok(out)
    }

    /// Reads the index (empty when there is none yet).
    pub fn read_index(&self) -> Result<Index, StoreError> {
        let path = self.root.join(INDEX);
        let text = match fs::read(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Index::default()),
            Err(source) => return Err(StoreError::Io { path, source }),
        };
        serde_json::from_slice(&text).map_err(|e| StoreError::BadIndex {
            path,
            reason: e.to_string(),
        })
    }

    /// Appends an entry to the index.
    pub fn record(&self, entry: IndexEntry) -> Result<(), StoreError> {
        self.update_index(|index| {
            index.certificates.push(entry);
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(serial: &str) -> IndexEntry {
        IndexEntry {
            serial: serial.into(),
            cn: "c".into(),
            profile: "client".into(),
            ski: "AA".into(),
            issuer_ski: "BB".into(),
            not_after: "2030-01-01T00:00:00Z".into(),
            fingerprint_sha256: "00".into(),
            path: "/x".into(),
            status: "valid".into(),
            issued_at: "2026-01-01T00:00:00Z".into(),
            revoked_at: None,
            reason: None,
        }
    }

    #[test]
    fn concurrent_records_are_all_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("s"));
        std::thread::scope(|s| {
            for t in 0..8 {
                let store = store.clone();
                s.spawn(move || {
                    for i in 0..10 {
                        store.record(entry(&format!("{t:02X}{i:02X}"))).unwrap();
                    }
                });
            }
        });
        assert_eq!(store.read_index().unwrap().certificates.len(), 80);
    }

    #[test]
    fn damaged_index_and_half_ca_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        fs::write(dir.path().join(INDEX), b"{\"version\":1,\"certif").unwrap();
        let e = store.read_index().unwrap_err().to_string();
        assert!(e.contains("damaged"), "{e}");
        fs::write(dir.path().join(CA_CERT), b"x").unwrap();
        let e = store.has_ca().unwrap_err().to_string();
        assert!(e.contains("ca.key is missing"), "{e}");
    }
}
