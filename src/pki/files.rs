//! Safe file writes: every file mtlsctl creates goes through here.
//!
//! Owns the guarantees the issue tracker promises:
//!
//! - A file is created with its final mode from the start (keys 0600, public files 0644, both
//!   narrowed by the umask, never widened), so there is no window where a key is readable.
//! - It is staged in the target's directory as an anonymous `O_TMPFILE` inode: it has no name
//!   until it is published, so a run that is interrupted (Ctrl-C, SIGTERM, even SIGKILL)
//!   before publishing leaves nothing behind. It is written and fsynced (the files of a set
//!   together, so that they share one journal commit), then given its name
//!   with `linkat` through `/proc/self/fd` (which fails if the target exists), or, with
//!   `force` and an existing target, linked to a temporary name and renamed over the target
//!   (SIGINT, SIGTERM and SIGHUP are held for the two system calls that name exists).
//! - Where `O_TMPFILE` is not available (a filesystem without it, no `/proc`, or more files than
//!   the open-file limit allows), the file is staged as `.NAME.tmp.PID.RANDOM`, created
//!   `O_EXCL`. Every such name is registered, and a SIGINT/SIGTERM/SIGHUP handler (installed
//!   when the first one is made) removes them all before the process ends as the signal
//!   asks.
//! - A [`FileSet`] stages several files and publishes them only when every one of them is
//!   staged, so a refused or failed run leaves every pre-existing file byte-for-byte unchanged
//!   and no temporary files behind. Two targets that are the same directory entry (`x.crt` and
//!   `./x.crt`, or two names of one existing file) are refused before anything is written.
//! - After publishing, the directory of every target is fsynced (`.` for a bare file name).
//!
//! Test hook (debug builds only): `MTLSCTL_TEST_NAMED_TEMPS=1` forces the named-temp
//! fallback, so the tests can drive it on a filesystem that has `O_TMPFILE`.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once, OnceLock, PoisonError};

use rustix::fs::{AtFlags, CWD, Mode, OFlags};
use rustix::io::Errno;

/// Mode for private keys and other secrets (the umask may narrow it further).
pub const SECRET_MODE: u32 = 0o600;
/// Mode for certificates, CSRs, CRLs and the store index (the umask may narrow it).
pub const PUBLIC_MODE: u32 = 0o644;
/// Mode for the store directory.
pub const DIR_MODE: u32 = 0o700;

/// Errors from writing files.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The target exists and `--force` was not given.
    #[error("{0}: already exists (use --force to replace it)")]
    Exists(PathBuf),
    /// The same file was named twice in one run (maybe under two spellings).
    #[error(
        "{path}: named twice in one run (it is the same file as {first}); name each output once"
    )]
    Duplicate {
        /// The second name.
        path: PathBuf,
        /// The first name of the same file.
        first: PathBuf,
    },
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

fn errno_err(path: &Path) -> impl FnOnce(Errno) -> FileError + '_ {
    move |e| FileError::Io {
        path: path.to_path_buf(),
        source: e.into(),
    }
}

/// Where a staged file's bytes are until it is published.
enum Temp {
    /// An `O_TMPFILE` inode: no name; the kernel frees it when the descriptor is closed.
    Anonymous(File),
    /// A named temp file in the target's directory, registered in [`TEMPS`].
    Named(PathBuf),
}

/// One file staged (written and fsynced), not yet published.
struct Staged {
    target: PathBuf,
    temp: Temp,
    /// Whether publishing may replace an existing file.
    force: bool,
}

/// A file added to a [`FileSet`], not yet staged.
struct Pending {
    path: PathBuf,
    contents: Vec<u8>,
    mode: u32,
    force: bool,
}

/// A group of files published together, or not at all.
#[derive(Default)]
pub struct FileSet {
    force: bool,
    pending: Vec<Pending>,
}

/// The files of a [`FileSet`], all staged, none published yet. Dropping it without
/// [`StagedSet::publish`] removes every temp file.
pub struct StagedSet {
    files: Vec<Staged>,
}

/// How a path names a directory entry: the directory's (st_dev, st_ino) and the file name,
/// or, when the directory cannot be read, the absolute path.
#[derive(Debug, PartialEq, Eq)]
enum EntryId {
    Entry { dev: u64, ino: u64, name: OsString },
    Path(PathBuf),
}

fn entry_id(path: &Path, dirs: &mut Vec<(PathBuf, Option<(u64, u64)>)>) -> EntryId {
    if let Some(name) = path.file_name() {
        // Targets share a few directories: each is looked up once per check.
        let dir = dir_of(path);
        let known = dirs.iter().find(|(d, _)| d == dir).map(|(_, id)| *id);
        let id = known.unwrap_or_else(|| {
            let id = fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()));
            dirs.push((dir.to_path_buf(), id));
            id
        });
        if let Some((dev, ino)) = id {
            return EntryId::Entry {
                dev,
                ino,
                name: name.to_owned(),
            };
        }
    }
    EntryId::Path(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

impl FileSet {
    /// A new, empty set. With `force`, existing files may be replaced.
    pub fn new(force: bool) -> Self {
        FileSet {
            force,
            pending: Vec::new(),
        }
    }

    /// Adds a file with its contents and mode (replacing an existing file when the set was
    /// made with `force`).
    pub fn add(&mut self, path: impl Into<PathBuf>, contents: impl Into<Vec<u8>>, mode: u32) {
        let force = self.force;
        self.add_with(path, contents, mode, force);
    }

    /// Adds a file that must not exist yet, whatever the set's `force` (e.g. a store CA made
    /// in the same run as the certificates it signs).
    pub fn add_new(&mut self, path: impl Into<PathBuf>, contents: impl Into<Vec<u8>>, mode: u32) {
        self.add_with(path, contents, mode, false);
    }

    fn add_with(
        &mut self,
        path: impl Into<PathBuf>,
        contents: impl Into<Vec<u8>>,
        mode: u32,
        force: bool,
    ) {
        self.pending.push(Pending {
            path: path.into(),
            contents: contents.into(),
            mode,
            force,
        });
    }

    /// The paths in this set, in the order added.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.pending.iter().map(|p| p.path.as_path())
    }

    /// Fails if any target exists (without force), is a directory, or is named twice: the
    /// same directory entry under two spellings, or two names of one existing file.
    pub fn preflight(&self) -> Result<(), FileError> {
        preflight(self.pending.iter())
    }

    /// Checks and stages the files of every set, fsyncing them all in one round (see
    /// [`FileSet::stage`]): a run that publishes its sets one after the other (an index, then
    /// the files it records) pays one fsync latency for all their contents. A name used in
    /// two sets is refused like one used twice in a set. On any error nothing is left.
    pub fn stage_together(sets: Vec<FileSet>) -> Result<Vec<StagedSet>, FileError> {
        preflight(sets.iter().flat_map(|s| s.pending.iter()))?;
        let total = sets.iter().map(|s| s.pending.len()).sum();
        let mut budget = anonymous_budget(total);
        let mut staged = Vec::with_capacity(sets.len());
        for set in &sets {
            let mut out = StagedSet {
                files: Vec::with_capacity(set.pending.len()),
            };
            for p in &set.pending {
                // On error everything staged so far is dropped, which removes it.
                out.files
                    .push(stage(&p.path, &p.contents, p.mode, p.force, &mut budget)?);
            }
            staged.push(out);
        }
        // Anonymous inodes are written above and fsynced here, together: the filesystem
        // commits their journal entries at once, so N files cost about one fsync's latency
        // instead of N (every file is still fsynced before it gets a name).
        let unsynced: Vec<(&Path, &File)> = staged
            .iter()
            .flat_map(|set| set.files.iter())
            .filter_map(|s| match &s.temp {
                Temp::Anonymous(f) => Some((s.target.as_path(), f)),
                Temp::Named(_) => None,
            })
            .collect();
        sync_files(&unsynced)?;
        Ok(staged)
    }

    /// Checks ([`FileSet::preflight`]) and stages every file; on any error nothing is left.
    pub fn stage(self) -> Result<StagedSet, FileError> {
        let mut sets = FileSet::stage_together(vec![self])?;
        // One set in, one set out.
        Ok(sets.pop().unwrap_or(StagedSet { files: Vec::new() }))
    }

    /// Writes every file, or none: on any error, nothing is published and temp files are removed.
    pub fn commit(self) -> Result<Vec<PathBuf>, FileError> {
        self.stage()?.publish()
    }
}

/// Fails if any target exists (without its force), is a directory, or is named twice: the
/// same directory entry under two spellings, or two names of one existing file.
fn preflight<'a>(pending: impl Iterator<Item = &'a Pending>) -> Result<(), FileError> {
    // (entry, the existing file's (st_dev, st_ino), the name it was given)
    type Seen<'a> = (EntryId, Option<(u64, u64)>, &'a Path);
    let mut seen: Vec<Seen> = Vec::new();
    let mut dirs = Vec::new();
    for Pending { path, force, .. } in pending {
        let id = entry_id(path, &mut dirs);
        let entry = fs::symlink_metadata(path);
        // The file a symbolic link points to, for two names of one file; nothing exists
        // behind a name that is not there.
        let inode = match &entry {
            Ok(meta) if meta.is_symlink() => fs::metadata(path).ok(),
            Ok(meta) => Some(meta.clone()),
            Err(_) => None,
        }
        .map(|m| (m.dev(), m.ino()));
        if let Some((_, _, first)) = seen
            .iter()
            .find(|(i, n, _)| *i == id || (inode.is_some() && *n == inode))
        {
            return Err(FileError::Duplicate {
                path: path.clone(),
                first: first.to_path_buf(),
            });
        }
        match entry {
            Ok(meta) if meta.is_dir() => {
                return Err(FileError::Io {
                    path: path.clone(),
                    source: io::Error::new(io::ErrorKind::IsADirectory, "is a directory"),
                });
            }
            Ok(_) if !force => return Err(FileError::Exists(path.clone())),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err(path)(e)),
        }
        seen.push((id, inode, path));
    }
    Ok(())
}

impl StagedSet {
    /// The targets, in the order added.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|s| s.target.as_path())
    }

    /// Gives every staged file its name, then fsyncs their directories. A target that
    /// appeared since the check is not replaced (without force): that file and the ones
    /// after it are not published; the ones before it stay.
    pub fn publish(mut self) -> Result<Vec<PathBuf>, FileError> {
        let files = std::mem::take(&mut self.files);
        let mut published = Vec::with_capacity(files.len());
        for (i, s) in files.iter().enumerate() {
            if let Err(e) = publish(s) {
                cleanup(&files[i..]);
                sync_dirs(&published);
                return Err(e);
            }
            published.push(s.target.clone());
        }
        sync_dirs(&published);
        Ok(published)
    }
}

impl Drop for StagedSet {
    fn drop(&mut self) {
        cleanup(&self.files);
    }
}

/// Writes one file atomically (see [`FileSet`]).
pub fn write_file(path: &Path, contents: &[u8], mode: u32, force: bool) -> Result<(), FileError> {
    let mut set = FileSet::new(force);
    set.add(path, contents, mode);
    set.commit().map(|_| ())
}

/// The directory a path's entry is in: its parent, or `.` for a bare file name.
fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// fsyncs every file, all in about one fsync's latency and on this thread: writeback of
/// every file is started first (`posix_fadvise(DONTNEED)` starts it without waiting), so
/// their data and the block allocations it brings are in the filesystem's running journal
/// transaction when the first fsync commits it; the fsyncs after it find their data written
/// and their transaction committed. Each file still gets its own fsync, whatever the
/// filesystem does. (Measured on this machine's ext4: 5 small files in 0.52 ms, against
/// 1.11 ms with one thread per fsync and 1.16 ms one after the other without the hint;
/// threads also cost page faults and stacks on every run.)
fn sync_files(files: &[(&Path, &File)]) -> Result<(), FileError> {
    if files.len() > 1 {
        for (_, file) in files {
            // Only a hint: where it does nothing, the fsyncs below still do the work.
            let _ = rustix::fs::fadvise(file, 0, None, rustix::fs::Advice::DontNeed);
        }
    }
    files
        .iter()
        .try_for_each(|(path, file)| file.sync_all().map_err(io_err(path)))
}

/// fsyncs the directory of every published file (each directory once). The first commits the
/// journal transaction that holds every new entry; the others find it committed.
fn sync_dirs(published: &[PathBuf]) {
    let dirs: BTreeSet<&Path> = published.iter().map(|p| dir_of(p)).collect();
    dirs.into_iter().for_each(sync_dir);
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

fn write_sync(file: &mut File, contents: &[u8]) -> io::Result<()> {
    file.write_all(contents)?;
    file.sync_all()
}

/// Whether `O_TMPFILE` staging may be tried at all: `/proc/self/fd` is needed to name the file.
fn anonymous_allowed() -> bool {
    static ALLOWED: OnceLock<bool> = OnceLock::new();
    *ALLOWED.get_or_init(|| {
        #[cfg(debug_assertions)]
        if std::env::var_os("MTLSCTL_TEST_NAMED_TEMPS").is_some() {
            return false;
        }
        Path::new("/proc/self/fd").is_dir()
    })
}

/// How many files may be held open as anonymous inodes at once: half the open-file limit
/// (raised towards the hard limit when `n` files need it), so the rest of the run keeps
/// descriptors to work with. Files beyond it are staged under a name.
fn anonymous_budget(n: usize) -> usize {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let want = (n as u64).saturating_mul(2).saturating_add(256);
    let lim = getrlimit(Resource::Nofile);
    let mut current = lim.current.unwrap_or(u64::MAX);
    if current < want {
        let raised = lim.maximum.map_or(want, |max| want.min(max));
        if raised > current
            && setrlimit(
                Resource::Nofile,
                Rlimit {
                    current: Some(raised),
                    maximum: lim.maximum,
                },
            )
            .is_ok()
        {
            current = raised;
        }
    }
    usize::try_from(current / 2).unwrap_or(usize::MAX)
}

fn stage(
    target: &Path,
    contents: &[u8],
    mode: u32,
    force: bool,
    budget: &mut usize,
) -> Result<Staged, FileError> {
    let dir = dir_of(target);
    if *budget > 0 && anonymous_allowed() {
        let opened = rustix::fs::openat(
            CWD,
            dir,
            OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC,
            Mode::from_raw_mode(mode),
        );
        match opened {
            Ok(fd) => {
                *budget -= 1;
                let mut file = File::from(fd);
                // fsynced with the rest of the set in `FileSet::stage`.
                file.write_all(contents).map_err(io_err(target))?;
                return Ok(Staged {
                    target: target.to_path_buf(),
                    temp: Temp::Anonymous(file),
                    force,
                });
            }
            // No O_TMPFILE on this filesystem (EISDIR from kernels that predate it), or out of
            // descriptors: stage under a name instead.
            Err(Errno::OPNOTSUPP | Errno::ISDIR | Errno::INVAL | Errno::MFILE | Errno::NFILE) => {
                *budget = 0;
            }
            Err(e) => return Err(errno_err(dir)(e)),
        }
    }
    stage_named(target, dir, contents, mode, force)
}

fn stage_named(
    target: &Path,
    dir: &Path,
    contents: &[u8],
    mode: u32,
    force: bool,
) -> Result<Staged, FileError> {
    let mut attempt = 0u32;
    let (temp, mut file) = loop {
        let temp = temp_name(target, dir, attempt);
        // Created and registered under the lock, so the signal handler sees every name.
        let mut temps = temps();
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&temp)
        {
            Ok(f) => {
                temps.insert(temp.clone());
                break (temp, f);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 16 => attempt += 1,
            Err(e) => return Err(io_err(dir)(e)),
        }
    };
    let staged = Staged {
        target: target.to_path_buf(),
        temp: Temp::Named(temp),
        force,
    };
    match write_sync(&mut file, contents) {
        Ok(()) => Ok(staged),
        Err(e) => {
            cleanup(std::slice::from_ref(&staged));
            Err(io_err(target)(e))
        }
    }
}

fn temp_name(target: &Path, dir: &Path, attempt: u32) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    dir.join(format!(
        ".{name}.tmp.{}.{}",
        std::process::id(),
        random_suffix(attempt)
    ))
}

fn publish(s: &Staged) -> Result<(), FileError> {
    let (target, force) = (&s.target, s.force);
    match &s.temp {
        Temp::Anonymous(file) => {
            let proc = PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd()));
            if !force {
                return match rustix::fs::linkat(CWD, &proc, CWD, target, AtFlags::SYMLINK_FOLLOW) {
                    Ok(()) => Ok(()),
                    Err(Errno::EXIST) => Err(FileError::Exists(target.clone())),
                    Err(e) => Err(errno_err(target)(e)),
                };
            }
            // There is no "link over". A new name needs no temp name at all (a first run's
            // index); an existing one is replaced by linking to a temp name and renaming that.
            match rustix::fs::linkat(CWD, &proc, CWD, target, AtFlags::SYMLINK_FOLLOW) {
                Ok(()) => return Ok(()),
                Err(Errno::EXIST) => {}
                Err(e) => return Err(errno_err(target)(e)),
            }
            let dir = dir_of(target);
            // The temp name exists only between the link and the rename (or its removal);
            // SIGINT/SIGTERM/SIGHUP wait that long, so none can end the process while it does.
            let _held = HeldSignals::hold();
            let mut attempt = 0u32;
            let temp = loop {
                let temp = temp_name(target, dir, attempt);
                match rustix::fs::linkat(CWD, &proc, CWD, &temp, AtFlags::SYMLINK_FOLLOW) {
                    Ok(()) => break temp,
                    Err(Errno::EXIST) if attempt < 16 => attempt += 1,
                    Err(e) => return Err(errno_err(dir)(e)),
                }
            };
            let renamed = fs::rename(&temp, target);
            if renamed.is_err() {
                let _ = fs::remove_file(&temp);
            }
            renamed.map_err(io_err(target))
        }
        Temp::Named(temp) => {
            let mut temps = temps();
            let result = if force {
                fs::rename(temp, target).map_err(io_err(target))
            } else {
                match fs::hard_link(temp, target) {
                    Ok(()) => {
                        let _ = fs::remove_file(temp);
                        Ok(())
                    }
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                        Err(FileError::Exists(target.clone()))
                    }
                    Err(e) => Err(io_err(target)(e)),
                }
            };
            if result.is_ok() {
                temps.remove(temp);
            }
            result
        }
    }
}

/// Removes the named temp files of `staged` (anonymous ones vanish when dropped).
fn cleanup(staged: &[Staged]) {
    let mut temps = None;
    for s in staged {
        if let Temp::Named(temp) = &s.temp {
            let temps = temps.get_or_insert_with(self::temps);
            let _ = fs::remove_file(temp);
            temps.remove(temp);
        }
    }
}

/// Named temp files that exist right now, for the signal handler to remove.
static TEMPS: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// The registry of named temp files, locked; installs the signal handler on first use.
fn temps() -> MutexGuard<'static, BTreeSet<PathBuf>> {
    static HANDLER: Once = Once::new();
    HANDLER.call_once(install_signal_handler);
    TEMPS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// On SIGINT, SIGTERM or SIGHUP: remove every registered temp file, then end the process as
/// the signal's default action would. The handler keeps the registry locked until the end, so
/// no new temp file can be made after the sweep.
fn install_signal_handler() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("mtlsctl-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let temps = TEMPS.lock().unwrap_or_else(PoisonError::into_inner);
                for temp in temps.iter() {
                    let _ = fs::remove_file(temp);
                }
                // Ends the process (it aborts if re-raising fails); the exit below is a
                // fallback that is never reached.
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
}

/// SIGINT, SIGTERM and SIGHUP held (blocked on this thread) until dropped; one that arrives
/// meanwhile is delivered then. For the microseconds a temp name exists between two system
/// calls, this replaces the registry and its handler thread (a thread per run that replaces
/// a file costs more than the whole rest of the file handling).
struct HeldSignals(Option<libc::sigset_t>);

impl HeldSignals {
    fn hold() -> Self {
        // SAFETY: sigset_t is plain data that sigemptyset initialises; pthread_sigmask only
        // reads `set` and writes `old`, both valid for the call.
        unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            let mut old: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
                libc::sigaddset(&mut set, signal);
            }
            if libc::pthread_sigmask(libc::SIG_BLOCK, &set, &mut old) == 0 {
                HeldSignals(Some(old))
            } else {
                HeldSignals(None)
            }
        }
    }
}

impl Drop for HeldSignals {
    fn drop(&mut self) {
        if let Some(old) = &self.0 {
            // SAFETY: `old` is the mask pthread_sigmask returned in `hold`.
            unsafe {
                libc::pthread_sigmask(libc::SIG_SETMASK, old, std::ptr::null_mut());
            }
        }
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

    /// One directory entry under several spellings (`./`, `d/..`, a symlinked directory) is
    /// a duplicate; so are two names of one existing file. Different entries are not.
    #[test]
    fn same_entry_under_other_spellings_is_a_duplicate() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir(d.join("sub")).unwrap();
        std::os::unix::fs::symlink(d, d.join("alias")).unwrap();
        for other in ["./x.crt", "sub/../x.crt", "alias/x.crt"] {
            let mut set = FileSet::new(true);
            set.add(d.join("x.crt"), b"a".to_vec(), PUBLIC_MODE);
            set.add(d.join(other), b"b".to_vec(), SECRET_MODE);
            let err = set.commit().unwrap_err();
            assert!(matches!(err, FileError::Duplicate { .. }), "{other}: {err}");
            assert_eq!(
                fs::read_dir(d).unwrap().count(),
                2,
                "{other}: wrote something"
            );
        }
        fs::write(d.join("one"), b"x").unwrap();
        fs::hard_link(d.join("one"), d.join("two")).unwrap();
        let mut set = FileSet::new(true);
        set.add(d.join("one"), b"a".to_vec(), PUBLIC_MODE);
        set.add(d.join("two"), b"b".to_vec(), PUBLIC_MODE);
        assert!(matches!(set.preflight(), Err(FileError::Duplicate { .. })));
        let mut set = FileSet::new(false);
        set.add(d.join("x.crt"), b"a".to_vec(), PUBLIC_MODE);
        set.add(d.join("sub/x.crt"), b"b".to_vec(), PUBLIC_MODE);
        set.commit().unwrap();
    }

    #[test]
    fn held_signals_arrive_when_released() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, Ordering};
        let arrived = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(libc::SIGHUP, Arc::clone(&arrived)).unwrap();
        let held = HeldSignals::hold();
        // SAFETY: raise sends the signal to this thread, where it is blocked.
        assert_eq!(unsafe { libc::raise(libc::SIGHUP) }, 0);
        assert!(!arrived.load(Ordering::SeqCst), "delivered while held");
        drop(held);
        assert!(
            arrived.load(Ordering::SeqCst),
            "not delivered once released"
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
