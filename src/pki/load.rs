//! Reading certificate-like inputs: files or stdin, PEM or DER, with clear errors.
//!
//! Owns format detection and the size limit. A PEM file may hold several blocks of any type;
//! like OpenSSL, the first `CERTIFICATE` block is "the certificate" and other blocks are
//! skipped. A file that holds no certificate is reported by what it does hold (a key, a CSR,
//! a CRL, or nothing recognisable). Parsing the X.509 structure itself is left to callers.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Inputs larger than this are refused before they are read whole.
pub const MAX_INPUT: u64 = 10 * 1024 * 1024;

/// What a PEM block or DER blob contains, as far as the label or structure tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An X.509 certificate.
    Certificate,
    /// A PKCS#10 certificate signing request.
    Csr,
    /// A certificate revocation list.
    Crl,
    /// A private key (any format).
    PrivateKey,
    /// An encrypted private key.
    EncryptedPrivateKey,
    /// A public key.
    PublicKey,
    /// Something else.
    Other,
}

impl Kind {
    /// A human name with article, for messages ("a private key").
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Certificate => "a certificate",
            Kind::Csr => "a certificate signing request",
            Kind::Crl => "a certificate revocation list (CRL)",
            Kind::PrivateKey => "a private key",
            Kind::EncryptedPrivateKey => "an encrypted private key",
            Kind::PublicKey => "a public key",
            Kind::Other => "unrecognised data",
        }
    }

    fn from_label(label: &str) -> Kind {
        match label {
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => Kind::Certificate,
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => Kind::Csr,
            "X509 CRL" => Kind::Crl,
            "ENCRYPTED PRIVATE KEY" => Kind::EncryptedPrivateKey,
            "PUBLIC KEY" | "RSA PUBLIC KEY" => Kind::PublicKey,
            l if l.ends_with("PRIVATE KEY") => Kind::PrivateKey,
            _ => Kind::Other,
        }
    }
}

/// One decoded object from an input.
#[derive(Debug, Clone)]
pub struct Block {
    /// What the label (PEM) or structure (DER) says it is.
    pub kind: Kind,
    /// The PEM label, or `None` for DER input.
    pub label: Option<String>,
    /// The DER bytes.
    pub der: Vec<u8>,
}

/// A whole input, decoded.
#[derive(Debug, Clone)]
pub struct Input {
    /// Where it came from (`-` for stdin), for messages.
    pub name: String,
    /// True when the input was PEM.
    pub pem: bool,
    /// Every decoded block, in file order.
    pub blocks: Vec<Block>,
}

/// Errors from reading an input.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be opened or read.
    #[error("{name}: {reason}")]
    Io {
        /// File name.
        name: String,
        /// What went wrong, in words.
        reason: String,
    },
    /// The input is over [`MAX_INPUT`].
    #[error("{name}: file is larger than {} MiB; refusing to read it", MAX_INPUT / (1024 * 1024))]
    TooLarge {
        /// File name.
        name: String,
    },
    /// Zero bytes.
    #[error("{name}: file is empty")]
    Empty {
        /// File name.
        name: String,
    },
    /// PEM armour present but broken.
    #[error("{name}: malformed PEM: {reason}")]
    BadPem {
        /// File name.
        name: String,
        /// What is wrong.
        reason: String,
    },
    /// Readable, but it holds no certificate.
    #[error("{name}: no certificate found (the file holds {found})")]
    NoCertificate {
        /// File name.
        name: String,
        /// What it holds instead.
        found: String,
    },
    /// Readable, but not the object we needed.
    #[error("{name}: expected {wanted}, found {found}")]
    WrongKind {
        /// File name.
        name: String,
        /// What was needed.
        wanted: &'static str,
        /// What was found.
        found: String,
    },
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => {
            // Strip " (os error N)" for a cleaner one-line message.
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

/// Reads a file (or stdin for `-`) whole, refusing directories, special files over the
/// limit, and anything over [`MAX_INPUT`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    let name = path.display().to_string();
    let mut buf = Vec::new();
    if path == Path::new("-") {
        io::stdin()
            .lock()
            .take(MAX_INPUT + 1)
            .read_to_end(&mut buf)
            .map_err(|e| LoadError::Io {
                name: "<stdin>".into(),
                reason: io_reason(&e),
            })?;
    } else {
        let meta = std::fs::metadata(path).map_err(|e| LoadError::Io {
            name: name.clone(),
            reason: io_reason(&e),
        })?;
        if meta.is_dir() {
            return Err(LoadError::Io {
                name,
                reason: "is a directory".into(),
            });
        }
        if meta.len() > MAX_INPUT {
            return Err(LoadError::TooLarge { name });
        }
        let file = File::open(path).map_err(|e| LoadError::Io {
            name: name.clone(),
            reason: io_reason(&e),
        })?;
        // FIFOs and devices report length 0: the `take` bounds them too.
        file.take(MAX_INPUT + 1)
            .read_to_end(&mut buf)
            .map_err(|e| LoadError::Io {
                name: name.clone(),
                reason: io_reason(&e),
            })?;
    }
    if buf.len() as u64 > MAX_INPUT {
        return Err(LoadError::TooLarge {
            name: display_name(path),
        });
    }
    Ok(buf)
}

fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}

/// Reads and decodes an input (PEM or DER, detected).
pub fn load(path: &Path) -> Result<Input, LoadError> {
    let bytes = read_bytes(path)?;
    decode(&display_name(path), &bytes)
}

/// Decodes bytes already read.
pub fn decode(name: &str, bytes: &[u8]) -> Result<Input, LoadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadError::Empty { name: name.into() });
    }
    if contains(bytes, b"-----BEGIN ") {
        let blocks = decode_pem(name, bytes)?;
        return Ok(Input {
            name: name.into(),
            pem: true,
            blocks,
        });
    }
    Ok(Input {
        name: name.into(),
        pem: false,
        blocks: vec![Block {
            kind: sniff_der(bytes),
            label: None,
            der: bytes.to_vec(),
        }],
    })
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Decodes every PEM block; text between blocks is ignored, as OpenSSL does.
fn decode_pem(name: &str, bytes: &[u8]) -> Result<Vec<Block>, LoadError> {
    let text = String::from_utf8_lossy(bytes);
    let mut blocks = Vec::new();
    let mut rest: &str = &text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + 11..];
        let Some(label_end) = after.find("-----") else {
            return Err(LoadError::BadPem {
                name: name.into(),
                reason: "unterminated BEGIN line".into(),
            });
        };
        let label = after[..label_end].to_string();
        let end_marker = format!("-----END {label}-----");
        let Some(end) = after.find(&end_marker) else {
            return Err(LoadError::BadPem {
                name: name.into(),
                reason: format!("no END line for the {label:?} block"),
            });
        };
        let body_end = start + 11 + end;
        let block_text = &rest[start..body_end + end_marker.len()];
        let parsed = pem::parse(block_text).map_err(|e| LoadError::BadPem {
            name: name.into(),
            reason: format!("{label:?} block: {e}"),
        })?;
        blocks.push(Block {
            kind: Kind::from_label(&label),
            label: Some(label),
            der: parsed.into_contents(),
        });
        rest = &rest[body_end + end_marker.len()..];
    }
    Ok(blocks)
}

/// Guesses what a DER blob is from its outer structure (for messages only).
fn sniff_der(der: &[u8]) -> Kind {
    use x509_parser::prelude::FromDer;
    if x509_parser::certificate::X509Certificate::from_der(der).is_ok() {
        return Kind::Certificate;
    }
    if x509_parser::certification_request::X509CertificationRequest::from_der(der).is_ok() {
        return Kind::Csr;
    }
    if x509_parser::revocation_list::CertificateRevocationList::from_der(der).is_ok() {
        return Kind::Crl;
    }
    if x509_parser::x509::SubjectPublicKeyInfo::from_der(der).is_ok() {
        return Kind::PublicKey;
    }
    if rustls_pki_types::PrivateKeyDer::try_from(der).is_ok() {
        return Kind::PrivateKey;
    }
    Kind::Other
}

impl Input {
    /// What the input holds, in words ("a private key and a CSR").
    pub fn describe(&self) -> String {
        let mut kinds: Vec<&str> = Vec::new();
        for b in &self.blocks {
            let d = match (&b.label, b.kind) {
                (Some(l), Kind::Other) => return format!("a PEM block labelled {l:?}"),
                (_, k) => k.describe(),
            };
            if !kinds.contains(&d) {
                kinds.push(d);
            }
        }
        if kinds.is_empty() {
            return "no PEM blocks".into();
        }
        if !self.pem && kinds == ["unrecognised data"] {
            return "neither PEM nor DER that parses as a certificate".into();
        }
        kinds.join(" and ")
    }

    /// The DER of every certificate, in order.
    pub fn certificates(&self) -> Vec<&[u8]> {
        self.blocks
            .iter()
            .filter(|b| b.kind == Kind::Certificate)
            .map(|b| b.der.as_slice())
            .collect()
    }

    /// The first certificate, or an error naming what the input holds.
    pub fn first_certificate(&self) -> Result<&[u8], LoadError> {
        self.certificates()
            .into_iter()
            .next()
            .ok_or_else(|| LoadError::NoCertificate {
                name: self.name.clone(),
                found: self.describe(),
            })
    }

    /// The first block of `kind`, or an error naming what the input holds.
    pub fn first_of(&self, kind: Kind, wanted: &'static str) -> Result<&[u8], LoadError> {
        self.blocks
            .iter()
            .find(|b| b.kind == kind)
            .map(|b| b.der.as_slice())
            .ok_or_else(|| LoadError::WrongKind {
                name: self.name.clone(),
                wanted,
                found: self.describe(),
            })
    }
}

/// Path helper for messages.
pub fn name_of(path: &Path) -> String {
    display_name(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_whitespace_are_empty() {
        assert!(matches!(decode("f", b""), Err(LoadError::Empty { .. })));
        assert!(matches!(decode("f", b" \n"), Err(LoadError::Empty { .. })));
    }

    #[test]
    fn pem_without_end_is_malformed() {
        let e = decode("f", b"-----BEGIN CERTIFICATE-----\nMIIB\n").unwrap_err();
        assert!(e.to_string().contains("no END line"), "{e}");
    }

    #[test]
    fn key_only_file_names_what_it_holds() {
        let pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        let input = decode("k.pem", pem.as_bytes()).unwrap();
        let e = input.first_certificate().unwrap_err().to_string();
        assert_eq!(
            e,
            "k.pem: no certificate found (the file holds a private key)"
        );
    }

    #[test]
    fn garbage_der_is_unrecognised() {
        let input = decode("g", &[0x30, 0x03, 0x01, 0x01, 0xff, 0x00]).unwrap();
        assert_eq!(input.blocks[0].kind, Kind::Other);
        assert!(input.first_certificate().is_err());
    }
}
