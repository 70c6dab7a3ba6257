//! Safe file writes: every file mtlsctl creates goes through here.
//!
//! Owns the guarantees the issue tracker promises: a file is created with its final mode
//! from the start (keys 0600, so there is no window where a key is readable), written to a
//! temporary file in the same directory, fsynced, then moved into place. Without `force` the
//! move is a hard link, which fails if the target exists, so a file that appears between the
//! check and the move is still never clobbered. A [`FileSet`] stages several files and
//! publishes them only when every one of them is staged, so a refused or failed run leaves
//! every pre-existing file byte-for-byte unchanged and no temporary files behind.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Mode for private keys and other secrets.
pub const SECRET_MODE: u32 = 0o600;
/// Mode for certificates, CSRs and CRLs.
pub const PUBLIC_MODE: u32 = 0o644;
/// Mode for the store directory.
pub const DIR_MODE: u32 = 0o700;

/// Errors from writing files.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The target exists and `--force` was not given.
    #[error("{0}: already exists (use --force to replace it)")]
    Exists(PathBuf),
    /// The same path was named twice in one run.
    #[error("{0}: named twice in one run")]
    Duplicate(PathBuf),
    /// An I/O error on a path.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> FileError + '_ {
    move |source| FileError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// One file to be written.
struct Staged {
    target: PathBuf,
    temp: PathBuf,
}

/// A group of files published together, or not at all.
#[derive(Default)]
pub struct FileSet {
    force: bool,
    pending: Vec<(PathBuf, Vec<u8>, u32)>,
}

impl FileSet {
    /// A new, empty set. With `force`, existing files may be replaced.
    pub fn new(force: bool) -> Self {
        FileSet {
            force,
            pending: Vec::new(),
        }
    }

    /// Adds a file with its contents and mode.
    pub fn add(&mut self, path: impl Into<PathBuf>, contents: impl Into<Vec<u8>>, mode: u32) {
        self.pending.push((path.into(), contents.into(), mode));
    }

    /// The paths in this set, in the order added.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.pending.iter().map(|(p, _, _)| p.as_path())
    }

    /// Fails if any target exists (without force), is a directory, or is named twice.
    pub fn preflight(&self) -> Result<(), FileError> {
        for (i, (path, _, _)) in self.pending.iter().enumerate() {
            if self.pending[..i].iter().any(|(p, _, _)| p == path) {
                return Err(FileError::Duplicate(path.clone()));
            }
            match fs::symlink_metadata(path) {
                Ok(meta) if meta.is_dir() => {
                    return Err(FileError::Io {
                        path: path.clone(),
                        source: io::Error::new(io::ErrorKind::IsADirectory, "is a directory"),
                    });
                }
                Ok(_) if !self.force => return Err(FileError::Exists(path.clone())),
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_err(path)(e)),
            }
        }
        Ok(())
    }

    /// Writes every file, or none: on any error, nothing is published and temp files are removed.
    pub fn commit(self) -> Result<Vec<PathBuf>, FileError> {
        self.preflight()?;
        let mut staged: Vec<Staged> = Vec::with_capacity(self.pending.len());
        for (target, contents, mode) in &self.pending {
            match stage(target, contents, *mode) {
                Ok(s) => staged.push(s),
                Err(e) => {
                    cleanup(&staged);
                    return Err(e);
                }
            }
        }
        let mut published = Vec::with_capacity(staged.len());
        for (i, s) in staged.iter().enumerate() {
            if let Err(e) = publish(s, self.force) {
                // Files already published stay (they were checked not to exist, or --force
                // allowed replacing them); the rest are cleaned up.
                cleanup(&staged[i..]);
                return Err(e);
            }
            published.push(s.target.clone());
        }
        for dir in published
            .iter()
            .filter_map(|p| p.parent())
            .collect::<std::collections::BTreeSet<_>>()
        {
            sync_dir(dir);
        }
        Ok(published)
    }
}

/// Writes one file atomically (see [`FileSet`]).
pub fn write_file(path: &Path, contents: &[u8], mode: u32, force: bool) -> Result<(), FileError> {
    let mut set = FileSet::new(force);
    set.add(path, contents, mode);
    set.commit().map(|_| ())
}

fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn stage(target: &Path, contents: &[u8], mode: u32) -> Result<Staged, FileError> {
    let dir = dir_of(target);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let mut attempt = 0u32;
    loop {
        let temp = dir.join(format!(
            ".{name}.tmp.{}.{}",
            std::process::id(),
            random_suffix(attempt)
        ));
        let opened = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&temp);
        let mut file: File = match opened {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 16 => {
                attempt += 1;
                continue;
            }
            Err(e) => return Err(io_err(dir)(e)),
        };
        let staged = Staged {
            target: target.to_path_buf(),
            temp: temp.clone(),
        };
        let result = (|| {
            // The umask may have narrowed the mode; set it exactly.
            file.set_permissions(fs::Permissions::from_mode(mode))?;
            file.write_all(contents)?;
            file.sync_all()
        })();
        return match result {
            Ok(()) => Ok(staged),
            Err(e) => {
                let _ = fs::remove_file(&temp);
                Err(io_err(target)(e))
            }
        };
    }
}

fn publish(s: &Staged, force: bool) -> Result<(), FileError> {
    if force {
        fs::rename(&s.temp, &s.target).map_err(io_err(&s.target))
    } else {
        match fs::hard_link(&s.temp, &s.target) {
            Ok(()) => {
                let _ = fs::remove_file(&s.temp);
                Ok(())
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                Err(FileError::Exists(s.target.clone()))
            }
            Err(e) => Err(io_err(&s.target)(e)),
        }
    }
}

fn cleanup(staged: &[Staged]) {
    for s in staged {
        let _ = fs::remove_file(&s.temp);
    }
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

fn random_suffix(attempt: u32) -> String {
    let mut b = [0u8; 6];
    if crate::pki::rand::fill(&mut b).is_err() {
        return format!("{attempt}");
    }
    hex::encode(b)
}

/// Creates `dir` (and parents) with mode 0700 if missing; tightens nothing that exists.
pub fn ensure_private_dir(dir: &Path) -> Result<(), FileError> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)
        .map_err(io_err(dir))?;
    fs::set_permissions(dir, fs::Permissions::from_mode(DIR_MODE)).map_err(io_err(dir))
}

use std::os::unix::fs::DirBuilderExt;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_and_leaves_file_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.pem");
        let b = dir.path().join("b.pem");
        fs::write(&b, b"original").unwrap();
        let mut set = FileSet::new(false);
        set.add(&a, b"new a".to_vec(), PUBLIC_MODE);
        set.add(&b, b"new b".to_vec(), PUBLIC_MODE);
        let err = set.commit().unwrap_err();
        assert!(matches!(err, FileError::Exists(ref p) if p == &b), "{err}");
        assert!(!a.exists(), "a must not be written when b is refused");
        assert_eq!(fs::read(&b).unwrap(), b"original");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp files left"
        );
    }

    #[test]
    fn key_mode_is_0600_and_force_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let k = dir.path().join("k.key");
        write_file(&k, b"one", SECRET_MODE, false).unwrap();
        assert_eq!(
            fs::metadata(&k).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert!(write_file(&k, b"two", SECRET_MODE, false).is_err());
        write_file(&k, b"two", SECRET_MODE, true).unwrap();
        assert_eq!(fs::read(&k).unwrap(), b"two");
        assert_eq!(
            fs::metadata(&k).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn unwritable_directory_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no/such/dir/a.pem");
        assert!(matches!(
            write_file(&missing, b"x", PUBLIC_MODE, false),
            Err(FileError::Io { .. })
        ));
    }
}
