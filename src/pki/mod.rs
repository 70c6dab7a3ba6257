//! The PKI domain: keys, certificates, CSRs, key identifiers, the local store and safe files.
//!
//! Knows nothing of rules, the edge or the terminal; every error is a precise `thiserror`
//! enum that the command layer turns into a one-line message.

pub mod cert;
pub mod crl;
pub mod crl_issue;
pub mod dn;
pub mod files;
pub mod issue;
pub mod keyenc;
pub mod keys;
pub mod load;
pub mod p12;
pub mod password;
pub mod rand;
pub mod sanitize;
pub mod serial;
pub mod sig;
pub mod ski;
pub mod spec;
pub mod store;
pub mod verify;

/// PEM text of one block with LF line ends, as openssl, step and mkcert write it (the `pem`
/// crate's default is CRLF).
pub fn pem_lf(tag: &str, der: impl Into<Vec<u8>>) -> String {
    pem::encode_config(
        &pem::Pem::new(tag, der),
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}
