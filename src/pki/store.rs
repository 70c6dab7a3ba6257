//! The local store: the CA that `cert create` uses by default and the index of what it issued.
//!
//! Layout of the store directory (mode 0700): `ca.crt`, `ca.key` (0600, possibly encrypted
//! PKCS#8), `index.json` (every certificate issued from the store CA: serial, CN, SKI,
//! not-after, fingerprint, path, status, revocation time and reason; and the last CRL number
//! issued) and `.lock`. The index is changed only under an exclusive lock on `.lock` (opened
//! `O_NOFOLLOW`) and rewritten atomically, so concurrent runs and a killed process leave it
//! consistent. A damaged store is reported with what to do; it is never recreated over the
//! user's CA. A store directory owned by another user (other than root) or writable by group
//! or others is refused, as ssh refuses such a `~/.ssh`: whoever can write it could replace
//! the CA or the index.
//!
//! A certificate signed by the store CA is recorded before it is published
//! ([`Store::publish_recorded`]): its entry is added as `pending` under the lock, then the files
//! are published. A `pending` entry whose file holds its certificate is valid, and the next
//! change to the index records it so; one whose file never appeared (a crash between the two
//! steps) stays `pending`, and can be revoked and listed in a CRL like any other.

use std::fs::{self, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use fs4::fs_std::FileExt;
use serde::{Deserialize, Serialize};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::crl_issue::Reason;
use super::files::{self, FileError, FileSet};
use super::serial;
use super::verify::{IssuerRef, RevokedSerial};

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
    /// `pending`, `valid`, `revoked` or `superseded`.
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
    /// The cRLNumber of the last CRL `crl create` issued (0: none yet).
    #[serde(default)]
    pub last_crl_number: u64,
}

/// Status values of [`IndexEntry::status`].
pub mod status {
    /// Recorded, and being published (or the run that made it died before saying it was).
    pub const PENDING: &str = "pending";
    /// Issued and not revoked or replaced (it may still have expired: see `cert list`).
    pub const VALID: &str = "valid";
    /// Revoked with `cert revoke` (or `cert renew --revoke-old`).
    pub const REVOKED: &str = "revoked";
    /// Replaced by `cert renew` without being revoked.
    pub const SUPERSEDED: &str = "superseded";
}

/// One revocation recorded in the store, for CRLs and for `cert verify` / `rule test`.
///
/// Only entries whose status is `revoked` are listed (a `superseded` certificate is not
/// revoked). Serials are big-endian magnitudes (no leading zero byte); match them against a
/// certificate's serial with leading zeros dropped, and `issuer_ski` against its AKI key id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokedRecord {
    /// The serial number, big-endian, without leading zero bytes.
    pub serial: Vec<u8>,
    /// The issuing CA's SKI (the revoked certificate's AKI key id), upper-case hex.
    pub issuer_ski: String,
    /// When it was revoked.
    pub revoked_at: OffsetDateTime,
    /// Why; `None` when no reason was given (written as no reason code in a CRL).
    pub reason: Option<Reason>,
}

impl RevokedRecord {
    /// The same revocation in the form `pki::verify` takes.
    pub fn to_revoked_serial(&self) -> Option<RevokedSerial> {
        Some(RevokedSerial {
            issuer: IssuerRef::KeyId(hex::decode(&self.issuer_ski).ok()?),
            serial: self.serial.clone(),
        })
    }
}

/// What [`Store::revoke`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevokeOutcome {
    /// The entry is now revoked (the entry after the change).
    Revoked(IndexEntry),
    /// It was revoked before; nothing changed.
    AlreadyRevoked(IndexEntry),
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
    /// No certificate with this serial from the store CA.
    #[error(
        "no certificate with serial {serial} issued by the store CA is in the index {index}; `mtlsctl cert list` shows what it issued"
    )]
    UnknownSerial {
        /// The serial as given.
        serial: String,
        /// The index path.
        index: PathBuf,
    },
    /// A serial that matches more than one entry (a decimal that is also valid hex).
    #[error(
        "serial {0} is ambiguous: it matches several certificates; give it in colon-hex (AA:BB:...) or name the certificate file"
    )]
    AmbiguousSerial(String),
    /// The serial is the CA's own.
    #[error(
        "serial {0} is the store CA itself; a CA cannot revoke itself (replace it with `cert create --ca --force`)"
    )]
    RevokeCa(String),
    /// An index entry holds a value that does not parse.
    #[error("the store index {path} is damaged: {reason}")]
    BadEntry {
        /// Index path.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The store directory is writable by group or others.
    #[error(
        "the store {dir} is writable by group or others (mode {mode:04o}): whoever can write it can replace the CA or the index; fix it with `chmod 700 {dir}`"
    )]
    Writable {
        /// Store dir.
        dir: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// The store directory belongs to another user.
    #[error(
        "the store {dir} is owned by uid {owner}, not by you (uid {me}): its owner can replace the CA or the index; use a store of your own (MTLSCTL_STORE) or `chown` it"
    )]
    NotOwned {
        /// Store dir.
        dir: PathBuf,
        /// Its owner.
        owner: u32,
        /// The effective uid.
        me: u32,
    },
    /// `.lock` is a symbolic link.
    #[error("{0}: is a symbolic link, which mtlsctl does not follow; remove it")]
    LockIsLink(PathBuf),
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
        if !self.checked_dir()? {
            return Ok(false);
        }
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

    /// Creates the store directory (0700) if needed; refuses one that is not safe (see
    /// [`Store::check_dir`]).
    pub fn ensure(&self) -> Result<(), StoreError> {
        self.check_dir()?;
        files::ensure_private_dir(&self.root)?;
        Ok(())
    }

    /// Refuses a store directory owned by someone other than the effective user or root, or
    /// writable by group or others. A store that does not exist yet passes.
    pub fn check_dir(&self) -> Result<(), StoreError> {
        self.checked_dir().map(|_| ())
    }

    /// [`Store::check_dir`], and whether the directory exists.
    fn checked_dir(&self) -> Result<bool, StoreError> {
        let meta = match fs::metadata(&self.root) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
            Err(source) => {
                return Err(StoreError::Io {
                    path: self.root.clone(),
                    source,
                });
            }
        };
        let me = rustix::process::geteuid().as_raw();
        if meta.uid() != me && meta.uid() != 0 {
            return Err(StoreError::NotOwned {
                dir: self.root.clone(),
                owner: meta.uid(),
                me,
            });
        }
        if meta.is_dir() && meta.mode() & 0o022 != 0 {
            return Err(StoreError::Writable {
                dir: self.root.clone(),
                mode: meta.mode() & 0o7777,
            });
        }
        Ok(true)
    }

    /// Runs `f` with the index under an exclusive lock, and saves what it leaves.
    pub fn update_index<T>(
        &self,
        f: impl FnOnce(&mut Index) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let _lock = self.lock()?;
        let mut index = self.read_index()?;
        settle_pending(&mut index, |_| false);
        let out = f(&mut index)?;
        files::write_file(
            &self.root.join(INDEX),
            &self.index_bytes(&mut index)?,
            files::PUBLIC_MODE,
            true,
        )?;
        Ok(out)
    }

    /// Takes the exclusive lock on the index; it is released when the returned file is dropped.
    fn lock(&self) -> Result<fs::File, StoreError> {
        self.ensure()?;
        let lock_path = self.root.join(LOCK);
        // O_NOFOLLOW: a planted symlink must not make us create a file elsewhere.
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .custom_flags(
                (rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::CLOEXEC).bits() as i32,
            )
            .open(&lock_path)
            .map_err(|source| {
                if source.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) {
                    StoreError::LockIsLink(lock_path.clone())
                } else {
                    StoreError::Io {
                        path: lock_path.clone(),
                        source,
                    }
                }
            })?;
        lock.lock_exclusive().map_err(|source| StoreError::Io {
            path: lock_path.clone(),
            source,
        })?;
        Ok(lock)
    }

    /// The bytes of `index.json` for `index`.
    fn index_bytes(&self, index: &mut Index) -> Result<Vec<u8>, StoreError> {
        index.version = 1;
        let mut text = serde_json::to_vec_pretty(&*index).map_err(|e| StoreError::BadIndex {
            path: self.root.join(INDEX),
            reason: e.to_string(),
        })?;
        text.push(b'\n');
        Ok(text)
    }

    /// Reads the index (empty when there is none yet).
    pub fn read_index(&self) -> Result<Index, StoreError> {
        self.check_dir()?;
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

    /// Every revocation in the index (entries with status `revoked`), in issue order.
    pub fn revoked(&self) -> Result<Vec<RevokedRecord>, StoreError> {
        let index = self.read_index()?;
        self.revoked_in(&index)
    }

    fn revoked_in(&self, index: &Index) -> Result<Vec<RevokedRecord>, StoreError> {
        let bad = |reason: String| StoreError::BadEntry {
            path: self.root.join(INDEX),
            reason,
        };
        let mut out = Vec::new();
        for e in &index.certificates {
            if e.status != status::REVOKED {
                continue;
            }
            let serial = hex::decode(&e.serial)
                .map_err(|_| bad(format!("serial {:?} is not hex", e.serial)))?;
            let revoked_at = match &e.revoked_at {
                Some(t) => OffsetDateTime::parse(t, &Rfc3339)
                    .map_err(|_| bad(format!("serial {}: bad revoked_at {t:?}", e.serial)))?,
                None => {
                    return Err(bad(format!(
                        "serial {}: revoked without revoked_at",
                        e.serial
                    )));
                }
            };
            let reason = match &e.reason {
                Some(r) => Some(
                    r.parse::<Reason>()
                        .map_err(|_| bad(format!("serial {}: unknown reason {r:?}", e.serial)))?,
                ),
                None => None,
            };
            out.push(RevokedRecord {
                serial: serial::magnitude(&serial).to_vec(),
                issuer_ski: e.issuer_ski.to_ascii_uppercase(),
                revoked_at,
                reason,
            });
        }
        Ok(out)
    }

    /// Marks the certificate issued by the CA with SKI `ca_ski` whose serial is one of
    /// `candidates` (magnitudes, see [`serial::parse`]) as revoked, under the index lock.
    /// `shown` is the serial as the user gave it, for messages.
    pub fn revoke(
        &self,
        ca_ski: &str,
        candidates: &[Vec<u8>],
        shown: &str,
        reason: Option<Reason>,
        at: OffsetDateTime,
    ) -> Result<RevokeOutcome, StoreError> {
        let revoked_at = at.format(&Rfc3339).map_err(|e| StoreError::BadEntry {
            path: self.root.join(INDEX),
            reason: e.to_string(),
        })?;
        let index_path = self.root.join(INDEX);
        self.update_index(|index| {
            let hits: Vec<usize> = index
                .certificates
                .iter()
                .enumerate()
                .filter(|(_, e)| e.issuer_ski.eq_ignore_ascii_case(ca_ski))
                .filter(|(_, e)| {
                    hex::decode(&e.serial).is_ok_and(|s| {
                        candidates
                            .iter()
                            .any(|c| c.as_slice() == serial::magnitude(&s))
                    })
                })
                .map(|(i, _)| i)
                .collect();
            let i = match hits.as_slice() {
                [] => {
                    return Err(StoreError::UnknownSerial {
                        serial: shown.to_string(),
                        index: index_path.clone(),
                    });
                }
                [i] => *i,
                _ => return Err(StoreError::AmbiguousSerial(shown.to_string())),
            };
            let e = &mut index.certificates[i];
            if e.ski.eq_ignore_ascii_case(&e.issuer_ski) {
                return Err(StoreError::RevokeCa(e.serial.clone()));
            }
            if e.status == status::REVOKED {
                return Ok(RevokeOutcome::AlreadyRevoked(e.clone()));
            }
            e.status = status::REVOKED.into();
            e.revoked_at = Some(revoked_at.clone());
            e.reason = reason.map(|r| r.name().to_string());
            Ok(RevokeOutcome::Revoked(e.clone()))
        })
    }

    /// Takes the next CRL number (one more than the last, saved before returning) and the
    /// revocations of the CA with SKI `ca_ski`, both under one lock, so concurrent runs get
    /// distinct, increasing numbers and a CRL never lists less than an earlier-numbered one.
    pub fn next_crl(&self, ca_ski: &str) -> Result<(u64, Vec<RevokedRecord>), StoreError> {
        self.update_index(|index| {
            let records = self.revoked_in(index)?;
            index.last_crl_number = index.last_crl_number.saturating_add(1);
            let records = records
                .into_iter()
                .filter(|r| r.issuer_ski.eq_ignore_ascii_case(ca_ski))
                .collect();
            Ok((index.last_crl_number, records))
        })
    }

    /// Appends an entry to the index.
    pub fn record(&self, entry: IndexEntry) -> Result<(), StoreError> {
        self.update_index(|index| {
            index.certificates.push(entry);
            Ok(())
        })
    }

    /// Publishes `files` and records `entries` (the certificates among them that the store CA
    /// signed), in an order that never leaves a published certificate out of the index:
    ///
    /// 1. every file is staged (nothing has a name yet; a failure here changes nothing);
    /// 2. the entries are added to the index with status `pending`, under the lock;
    /// 3. the files are published.
    ///
    /// A `pending` entry whose certificate file holds the certificate is a valid certificate
    /// ([`IndexEntry::is_published`]); the next change to the index records it as `valid`, so
    /// a run writes the index once, not twice. When step 3 fails, each entry whose certificate
    /// was published becomes `valid` and the others are removed. A crash between 2 and 3
    /// leaves `pending` entries, which are revocable like any other.
    pub fn publish_recorded(
        &self,
        files: FileSet,
        entries: Vec<IndexEntry>,
    ) -> Result<(), StoreError> {
        self.publish_recorded_inner(files, entries).map(|_| ())
    }

    /// [`Store::publish_recorded`], then, under the lock again, the entries become `valid` and
    /// `after` runs (e.g. to mark a renewed certificate superseded); its result is returned.
    pub fn publish_recorded_then<T>(
        &self,
        files: FileSet,
        entries: Vec<IndexEntry>,
        after: impl FnOnce(&mut Index) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let ours = self.publish_recorded_inner(files, entries)?;
        self.update_index(|index| {
            for e in index
                .certificates
                .iter_mut()
                .filter(|e| ours.contains(&e.fingerprint_sha256))
            {
                if e.status == status::PENDING {
                    e.status = status::VALID.into();
                }
            }
            after(index)
        })
    }

    /// Steps 1 to 3 of [`Store::publish_recorded`], as one transaction under the index lock;
    /// returns the fingerprints recorded.
    ///
    /// The new index and the files are staged together, so their contents cost one round of
    /// fsyncs; then the index is renamed into place and the store directory fsynced (the
    /// entries are durable before any certificate has a name); then the files are linked and
    /// their directories fsynced. The lock is held until the files are published, so another
    /// run never sees the files of a transaction half done, and a file that must not exist
    /// (a store CA made by this run) is checked under it.
    fn publish_recorded_inner(
        &self,
        files: FileSet,
        entries: Vec<IndexEntry>,
    ) -> Result<std::collections::HashSet<String>, StoreError> {
        let ours: std::collections::HashSet<String> = entries
            .iter()
            .map(|e| e.fingerprint_sha256.clone())
            .collect();
        let is_ours = |e: &IndexEntry| ours.contains(&e.fingerprint_sha256);
        let _lock = self.lock()?;
        let mut index = self.read_index()?;
        settle_pending(&mut index, |_| false);
        index.certificates.extend(entries.into_iter().map(|mut e| {
            e.status = status::PENDING.into();
            e
        }));
        let mut index_file = FileSet::new(true);
        index_file.add(
            self.root.join(INDEX),
            self.index_bytes(&mut index)?,
            files::PUBLIC_MODE,
        );
        let [index_file, staged]: [files::StagedSet; 2] =
            FileSet::stage_together(vec![index_file, files])?
                .try_into()
                .map_err(|_| StoreError::Io {
                    path: self.root.clone(),
                    source: io::Error::other("staging returned the wrong number of sets"),
                })?;
        index_file.publish()?;
        #[cfg(debug_assertions)]
        test_hook("after-record");
        #[cfg(test)]
        tests::BEFORE_PUBLISH.with(|h| h.take().map(|f| f()));
        if let Err(e) = staged.publish() {
            // Keep what was published (as valid); forget what was not.
            settle_pending(&mut index, is_ours);
            let _ = files::write_file(
                &self.root.join(INDEX),
                &self.index_bytes(&mut index)?,
                files::PUBLIC_MODE,
                true,
            );
            return Err(e.into());
        }
        #[cfg(debug_assertions)]
        test_hook("after-publish");
        Ok(ours)
    }
}

impl IndexEntry {
    /// Whether the certificate file this entry names holds its certificate: for a `pending`
    /// entry, whether the run that recorded it published it.
    pub fn is_published(&self) -> bool {
        file_holds(Path::new(&self.path), &self.fingerprint_sha256)
    }
}

/// Debug builds only: `MTLSCTL_TEST_CRASH_AT=<step>` aborts the process at that step of
/// [`Store::publish_recorded`], so the tests can leave the state a crash would.
#[cfg(debug_assertions)]
fn test_hook(step: &str) {
    if std::env::var_os("MTLSCTL_TEST_CRASH_AT").is_some_and(|v| v == step) {
        std::process::abort();
    }
}

/// Marks `valid` each `pending` entry whose certificate file holds that certificate. With
/// `forget(e)` true, a `pending` entry whose file does not hold it is removed (its run knows it
/// was never published); otherwise it stays `pending` (a run may still be publishing it, or
/// died before it did: it stays revocable).
fn settle_pending(index: &mut Index, forget: impl Fn(&IndexEntry) -> bool) {
    index.certificates.retain_mut(|e| {
        if e.status != status::PENDING {
            return true;
        }
        if e.is_published() {
            e.status = status::VALID.into();
            return true;
        }
        !forget(e)
    });
}

/// Whether the file at `path` holds a certificate (PEM or DER) with this SHA-256 fingerprint.
fn file_holds(path: &Path, fingerprint: &str) -> bool {
    use sha2::{Digest, Sha256};
    let Ok(file) = fs::File::open(path) else {
        return false;
    };
    let mut bytes = Vec::new();
    // A certificate file is small; do not read a huge one that was put in its place.
    if file.take(1 << 20).read_to_end(&mut bytes).is_err() {
        return false;
    }
    let matches = |der: &[u8]| hex::encode(Sha256::digest(der)).eq_ignore_ascii_case(fingerprint);
    if matches(&bytes) {
        return true;
    }
    pem::parse_many(&bytes).is_ok_and(|blocks| blocks.iter().any(|b| matches(b.contents())))
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

    fn at(t: &str) -> OffsetDateTime {
        OffsetDateTime::parse(t, &Rfc3339).unwrap()
    }

    #[test]
    fn revoke_records_and_lists_and_refuses_the_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("s"));
        let mut ca = entry("4000AA");
        ca.ski = "BB".into();
        store.record(ca).unwrap();
        store.record(entry("00C0FFEE")).unwrap();
        store.record(entry("0102")).unwrap();
        let t = at("2026-05-01T10:00:00Z");
        // By magnitude: the stored sign byte does not matter.
        let out = store
            .revoke(
                "bb",
                &[vec![0xc0, 0xff, 0xee]],
                "C0FFEE",
                Some(Reason::KeyCompromise),
                t,
            )
            .unwrap();
        assert!(matches!(out, RevokeOutcome::Revoked(ref e) if e.status == "revoked"));
        let again = store
            .revoke("BB", &[vec![0xc0, 0xff, 0xee]], "C0FFEE", None, t)
            .unwrap();
        assert!(
            matches!(again, RevokeOutcome::AlreadyRevoked(ref e) if e.reason.as_deref() == Some("keyCompromise"))
        );
        assert!(matches!(
            store.revoke("BB", &[vec![9]], "09", None, t),
            Err(StoreError::UnknownSerial { .. })
        ));
        assert!(matches!(
            store.revoke("BB", &[vec![0x40, 0x00, 0xaa]], "4000AA", None, t),
            Err(StoreError::RevokeCa(_))
        ));
        // Another issuer's serial is not this CA's.
        assert!(store.revoke("CC", &[vec![1, 2]], "0102", None, t).is_err());
        let revoked = store.revoked().unwrap();
        assert_eq!(
            revoked,
            vec![RevokedRecord {
                serial: vec![0xc0, 0xff, 0xee],
                issuer_ski: "BB".into(),
                revoked_at: t,
                reason: Some(Reason::KeyCompromise),
            }]
        );
        let rs = revoked[0].to_revoked_serial().unwrap();
        assert_eq!(rs.issuer, IssuerRef::KeyId(vec![0xbb]));
    }

    #[test]
    fn crl_numbers_increase_under_concurrency() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("s"));
        let numbers = std::sync::Mutex::new(Vec::new());
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    let (n, _) = store.next_crl("BB").unwrap();
                    numbers.lock().unwrap().push(n);
                });
            }
        });
        let mut numbers = numbers.into_inner().unwrap();
        numbers.sort();
        assert_eq!(numbers, (1..=8).collect::<Vec<u64>>());
        assert_eq!(store.read_index().unwrap().last_crl_number, 8);
    }

    thread_local! {
        /// Runs in `publish_recorded` after the index is written, before the files are.
        pub static BEFORE_PUBLISH: std::cell::Cell<Option<Box<dyn FnOnce()>>> =
            std::cell::Cell::new(None);
    }

    /// A publish that fails part-way (here: a target that appeared after the check, made
    /// between the index write and the publish) keeps the published certificate's entry as
    /// valid and removes the entry of the one that was never published.
    #[test]
    fn failed_publish_keeps_what_was_published_and_forgets_the_rest() {
        use sha2::{Digest, Sha256};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("s"));
        store.ensure().unwrap();
        let (a, b) = (dir.path().join("a.der"), dir.path().join("b.der"));
        let fp = |bytes: &[u8]| hex::encode(Sha256::digest(bytes));
        let mut files = FileSet::new(false);
        files.add(&a, b"AAAA".to_vec(), files::PUBLIC_MODE);
        files.add(&b, b"BBBB".to_vec(), files::PUBLIC_MODE);
        let late = b.clone();
        BEFORE_PUBLISH.with(|h| h.set(Some(Box::new(move || fs::write(late, b"late").unwrap()))));
        let mut ea = entry("0A");
        ea.path = a.display().to_string();
        ea.fingerprint_sha256 = fp(b"AAAA");
        let mut eb = entry("0B");
        eb.path = b.display().to_string();
        eb.fingerprint_sha256 = fp(b"BBBB");
        let err = store.publish_recorded(files, vec![ea, eb]).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        assert!(a.exists());
        assert_eq!(
            fs::read(&b).unwrap(),
            b"late",
            "the file that appeared is not replaced"
        );
        let index = store.read_index().unwrap();
        let got: Vec<(&str, &str)> = index
            .certificates
            .iter()
            .map(|e| (e.serial.as_str(), e.status.as_str()))
            .collect();
        assert_eq!(got, vec![("0A", "valid")]);
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
