//! Passwords for encrypted keys and PKCS#12 files: where they come from, never argv.
//!
//! Owns the order of sources, the same for every command: `--password-file FILE` (its first
//! line, without the line ending), else an environment variable ([`Purpose::env_var`]:
//! `MTLSCTL_CA_PASSWORD` for key encryption, `MTLSCTL_P12_PASSWORD` for PKCS#12), else a
//! no-echo prompt on the terminal, but only when stdin is a terminal: a script or a CI job
//! with no terminal gets an immediate, one-line error naming the flag and the variable
//! instead of a hang. An empty password is refused unless the caller allows it (PKCS#12 with
//! `--empty-password`). A variable that is set but not UTF-8 is an error of its own. Passwords
//! are [`Password`]s (`Zeroizing<String>`): wiped from memory when dropped.
//!
//! This is the one `pki` module that may talk to the terminal, and only through the prompt;
//! what the password protects (decrypting, encrypting) is `pki::keyenc` and `pki::p12`.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

/// The largest password file read (a password file holds one line).
pub const MAX_PASSWORD_FILE: u64 = 64 * 1024;

/// What a password is for: decides the environment variable and the wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Decrypting a private key (CA and intermediate keys).
    Key,
    /// Encrypting a new private key: `MTLSCTL_NEW_KEY_PASSWORD` first, so an intermediate's
    /// key need not share the issuer's password, else `MTLSCTL_CA_PASSWORD`.
    NewKey,
    /// Protecting a PKCS#12 file.
    P12,
}

impl Purpose {
    /// The environment variable named in messages for this purpose.
    pub fn env_var(self) -> &'static str {
        self.env_vars()[0]
    }

    /// The environment variables read for this purpose, first set wins.
    pub fn env_vars(self) -> &'static [&'static str] {
        match self {
            Purpose::Key => &["MTLSCTL_CA_PASSWORD"],
            Purpose::NewKey => &["MTLSCTL_NEW_KEY_PASSWORD", "MTLSCTL_CA_PASSWORD"],
            Purpose::P12 => &["MTLSCTL_P12_PASSWORD"],
        }
    }

    fn what(self) -> &'static str {
        match self {
            Purpose::Key | Purpose::NewKey => "key password",
            Purpose::P12 => "PKCS#12 password",
        }
    }
}

/// A password, wiped from memory when dropped.
pub type Password = Zeroizing<String>;

/// How to obtain one password.
#[derive(Debug, Clone)]
pub struct PasswordRequest<'a> {
    /// What it is for.
    pub purpose: Purpose,
    /// `--password-file`, when given.
    pub file: Option<&'a Path>,
    /// Whether an empty password is acceptable.
    pub allow_empty: bool,
    /// Ask twice when prompting (a new password, which a typo would make unrecoverable).
    pub confirm: bool,
    /// The flag that names a password file for this command, for the error message
    /// (`None` when the command has no such flag).
    pub file_flag: Option<&'static str>,
    /// Extra words for the prompt, e.g. the key file name.
    pub context: String,
}

/// Why no password could be had.
#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    /// The password file could not be read.
    #[error("{path}: cannot read the password file: {reason}")]
    File {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// No file, no variable, and no terminal to prompt on.
    #[error("{0}")]
    NoSource(String),
    /// The password is empty and that is not allowed.
    #[error("{0}")]
    Empty(String),
    /// The two prompted entries differ.
    #[error("the passwords entered do not match")]
    Mismatch,
    /// The terminal prompt failed.
    #[error("cannot read the password from the terminal: {0}")]
    Prompt(String),
    /// The environment variable is set but is not UTF-8.
    #[error(
        "{0} is set but is not valid UTF-8; set it to the password as UTF-8 text, or use a password file"
    )]
    InvalidEnv(&'static str),
}

impl PasswordRequest<'_> {
    /// Obtains the password from the file, the environment, or a terminal prompt.
    pub fn read(&self) -> Result<Password, PasswordError> {
        let mut env = None;
        if self.file.is_none() {
            for var in self.purpose.env_vars() {
                match std::env::var(var) {
                    Ok(v) => {
                        env = Some(v);
                        break;
                    }
                    Err(std::env::VarError::NotPresent) => {}
                    // Set but unusable: say so, rather than "set the variable" (it is set).
                    Err(std::env::VarError::NotUnicode(_)) => {
                        return Err(PasswordError::InvalidEnv(var));
                    }
                }
            }
        }
        let tty = std::io::stdin().is_terminal();
        self.resolve(env, tty, |prompt| {
            rpassword::prompt_password(prompt).map_err(|e| PasswordError::Prompt(e.to_string()))
        })
    }

    /// [`Self::read`] with the environment, the terminal test and the prompt given (tests).
    pub fn resolve(
        &self,
        env: Option<String>,
        stdin_is_tty: bool,
        mut prompt: impl FnMut(&str) -> Result<String, PasswordError>,
    ) -> Result<Password, PasswordError> {
        let password = if let Some(path) = self.file {
            read_first_line(path)?
        } else if let Some(v) = env {
            Zeroizing::new(v)
        } else if stdin_is_tty {
            let suffix = if self.context.is_empty() {
                String::new()
            } else {
                format!(" for {}", self.context)
            };
            let first = Zeroizing::new(prompt(&format!(
                "{}{suffix}: ",
                capitalise(self.purpose.what())
            ))?);
            if self.confirm {
                let again =
                    Zeroizing::new(prompt(&format!("repeat the {}: ", self.purpose.what()))?);
                if again != first {
                    return Err(PasswordError::Mismatch);
                }
            }
            first
        } else {
            return Err(PasswordError::NoSource(self.no_source_message()));
        };
        if password.is_empty() && !self.allow_empty {
            let hint = match self.purpose {
                Purpose::P12 => " (use --empty-password to allow an unprotected PKCS#12 file)",
                Purpose::Key | Purpose::NewKey => "",
            };
            return Err(PasswordError::Empty(format!(
                "the {} is empty{hint}",
                self.purpose.what()
            )));
        }
        Ok(password)
    }

    fn no_source_message(&self) -> String {
        let what = self.purpose.what();
        let ctx = if self.context.is_empty() {
            String::new()
        } else {
            format!(" for {}", self.context)
        };
        let vars = self.purpose.env_vars().join(" or ");
        let via = match self.file_flag {
            Some(flag) => format!("give it with {flag} FILE or set {vars}"),
            None => format!("set {vars}"),
        };
        format!(
            "a {what} is needed{ctx}: {via} (stdin is not a terminal, so mtlsctl does not prompt)"
        )
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The first line of a password file, without `\n` or `\r\n`.
pub fn read_first_line(path: &Path) -> Result<Password, PasswordError> {
    let err = |reason: String| PasswordError::File {
        path: path.to_path_buf(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| err(e.to_string()))?;
    if meta.is_dir() {
        return Err(err("is a directory".into()));
    }
    let file = std::fs::File::open(path).map_err(|e| err(e.to_string()))?;
    let mut bytes = Zeroizing::new(Vec::new());
    file.take(MAX_PASSWORD_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| err(e.to_string()))?;
    if bytes.len() as u64 > MAX_PASSWORD_FILE {
        return Err(err(format!(
            "larger than {MAX_PASSWORD_FILE} bytes; a password file holds one line"
        )));
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| err("not UTF-8 text".into()))?;
    let line = text.split('\n').next().unwrap_or_default();
    Ok(Zeroizing::new(
        line.strip_suffix('\r').unwrap_or(line).to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(purpose: Purpose, file: Option<&Path>) -> PasswordRequest<'_> {
        PasswordRequest {
            purpose,
            file,
            allow_empty: false,
            confirm: true,
            file_flag: Some("--password-file"),
            context: String::new(),
        }
    }

    fn no_prompt(_: &str) -> Result<String, PasswordError> {
        panic!("must not prompt")
    }

    #[test]
    fn file_first_then_env_then_prompt() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("pw");
        std::fs::write(&f, "s3cret\r\nsecond line\n").unwrap();
        let r = req(Purpose::Key, Some(&f));
        assert_eq!(
            r.resolve(Some("env".into()), true, no_prompt)
                .unwrap()
                .as_str(),
            "s3cret"
        );
        let r = req(Purpose::Key, None);
        assert_eq!(
            r.resolve(Some("env".into()), true, no_prompt)
                .unwrap()
                .as_str(),
            "env"
        );
        let mut n = 0;
        let got = r
            .resolve(None, true, |_| {
                n += 1;
                Ok("typed".into())
            })
            .unwrap();
        assert_eq!((got.as_str(), n), ("typed", 2));
        let e = r
            .resolve(None, true, |p| {
                Ok(if p.starts_with("repeat") { "b" } else { "a" }.into())
            })
            .unwrap_err();
        assert!(matches!(e, PasswordError::Mismatch));
    }

    #[test]
    fn no_terminal_is_an_error_naming_the_flag_and_variable() {
        let r = req(Purpose::P12, None);
        let e = r.resolve(None, false, no_prompt).unwrap_err().to_string();
        assert!(e.contains("--password-file"), "{e}");
        assert!(e.contains("MTLSCTL_P12_PASSWORD"), "{e}");
        assert!(!e.contains('\n'));
        // A new key's password names both variables it reads.
        let e = req(Purpose::NewKey, None)
            .resolve(None, false, no_prompt)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("MTLSCTL_NEW_KEY_PASSWORD or MTLSCTL_CA_PASSWORD"),
            "{e}"
        );
    }

    #[test]
    fn empty_password_needs_permission() {
        let r = req(Purpose::P12, None);
        let e = r
            .resolve(Some(String::new()), false, no_prompt)
            .unwrap_err();
        assert!(e.to_string().contains("--empty-password"), "{e}");
        let mut r = req(Purpose::P12, None);
        r.allow_empty = true;
        assert_eq!(
            r.resolve(Some(String::new()), false, no_prompt)
                .unwrap()
                .as_str(),
            ""
        );
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("pw");
        std::fs::write(&f, "\n").unwrap();
        assert!(
            req(Purpose::Key, Some(&f))
                .resolve(None, false, no_prompt)
                .is_err()
        );
    }
}
