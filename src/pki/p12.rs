//! PKCS#12 (`.p12`/`.pfx`) export of a client certificate, its private key and its chain.
//!
//! Owns the choice of PKCS#12 algorithms as two named profiles ([`P12Profile`]) and the
//! assembly of one key bag plus certificate bags through the `p12-keystore` crate. It does not
//! read passwords (the command layer does: file, env or prompt, never argv) and does not write
//! files (that is `pki::files`, which applies 0600).
//!
//! Profiles:
//!
//! - **modern**: key and certificate bags encrypted with PBES2 (PBKDF2-HMAC-SHA256,
//!   AES-256-CBC), integrity by HMAC-SHA256. This is OpenSSL 3's default and what Windows 10+,
//!   macOS and current Java read.
//! - **legacy**: key *and* certificate bags encrypted with `pbeWithSHAAnd3-KeyTripleDES-CBC`,
//!   integrity by HMAC-SHA1. iOS and Android's certificate installers reject PBES2/AES and a
//!   SHA-256 MAC; they accept the PKCS#12 PBE ciphers with a SHA-1 MAC. We use 3DES for the
//!   certificates too rather than OpenSSL 1.x's RC2-40: the phones read 3DES certificate bags
//!   (it is what `openssl pkcs12 -descert` and go-pkcs12's `LegacyDES` write), and RC2 lives only
//!   in OpenSSL 3's *legacy* provider, so an RC2 file makes `openssl pkcs12` fail unless the
//!   user knows to add `-legacy`. 3DES and the SHA-1 MAC are in OpenSSL 3's default provider.
//!
//! Both profiles take P-256, RSA and Ed25519 keys and OpenSSL reads all of them; phone
//! installers may not accept an Ed25519 client key at all, so for phones prefer P-256 or RSA.
//!
//! Iteration counts (the same for the bag-encryption KDF and the MAC KDF):
//!
//! - **modern: 200,000.** The file travels by mail and messengers, and whoever copies it can
//!   guess passwords offline, so the count matters. OWASP's 600,000 for PBKDF2-HMAC-SHA256 is
//!   not used because importers cap it: .NET's `X509CertificateLoader` refuses more than
//!   300,000 per KDF or MAC and 1,000,000 in total by default, and the older `X509Certificate2`
//!   constructor 600,000 in total; a modern file runs three derivations (key bag, certificate
//!   bag, MAC), so 200,000 each stays within every one of those limits. OpenSSL 3, Windows,
//!   macOS and Java read it; it is about 100 times OpenSSL's default of 2048. Writing one took
//!   0.10 s of CPU (debug build, crypto crates optimised) and `openssl pkcs12` 3.0 read it in
//!   0.16 s on the 2-core reference machine.
//! - **legacy: 2048** (OpenSSL's `PKCS12_DEFAULT_ITER`), because phone installers are the
//!   target and older Android builds take seconds per 10,000 iterations of the SHA-1 PKCS#12
//!   KDF. This profile is weak by design (3DES, SHA-1 MAC): `cert export` prints
//!   [`P12Profile::warning`] whenever it is used.
//!
//! The bags carry a `localKeyID` (SHA-1 of the leaf certificate, as OpenSSL writes it) linking
//! the key to the leaf, and the caller's friendly name on the key bag (the name a phone shows).
//! The key goes in as PKCS#8 v1 ([`keyenc::pkcs8_v1`]): OpenSSL 3.0 cannot read the v2 form
//! aws-lc gives Ed25519 keys.

use std::fmt;
use std::str::FromStr;

use super::keyenc;
use p12_keystore::{
    Certificate, EncryptionAlgorithm, KeyStore, KeyStoreEntry, MacAlgorithm, PrivateKey,
    PrivateKeyChain,
};

/// PBKDF2 iterations (bag encryption) and PKCS#12-KDF iterations (MAC key) of the `modern`
/// profile; see the module docs for why 200,000.
pub const MODERN_ITERATIONS: u32 = 200_000;
/// PKCS#12-KDF iterations for bag encryption and MAC key of the `legacy` profile: OpenSSL's
/// `PKCS12_DEFAULT_ITER`, which phone installers handle quickly.
pub const LEGACY_ITERATIONS: u32 = 2048;

/// Which set of PKCS#12 algorithms to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum P12Profile {
    /// AES-256-CBC with PBKDF2-HMAC-SHA256 for key and certificate bags; HMAC-SHA256 MAC.
    #[default]
    Modern,
    /// 3DES (`pbeWithSHAAnd3-KeyTripleDES-CBC`) for key and certificate bags; HMAC-SHA1 MAC.
    /// For iOS and Android installers.
    Legacy,
}

impl P12Profile {
    /// Every accepted spelling, for help and completions.
    pub const NAMES: [&'static str; 2] = ["modern", "legacy"];

    /// The bag encryption algorithm of this profile.
    pub(crate) fn encryption(self) -> EncryptionAlgorithm {
        match self {
            P12Profile::Modern => EncryptionAlgorithm::PbeWithHmacSha256AndAes256,
            P12Profile::Legacy => EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc,
        }
    }

    /// The MAC algorithm of this profile.
    pub(crate) fn mac(self) -> MacAlgorithm {
        match self {
            P12Profile::Modern => MacAlgorithm::HmacSha256,
            P12Profile::Legacy => MacAlgorithm::HmacSha1,
        }
    }

    /// The iteration count of this profile, for both the bag encryption and the MAC.
    pub fn iterations(self) -> u32 {
        match self {
            P12Profile::Modern => MODERN_ITERATIONS,
            P12Profile::Legacy => LEGACY_ITERATIONS,
        }
    }

    /// What a user of this profile must be told, if anything (printed as a warning).
    pub fn warning(self) -> Option<&'static str> {
        match self {
            P12Profile::Modern => None,
            P12Profile::Legacy => Some(
                "legacy PKCS#12 profile: 3DES and a SHA-1 MAC with 2048 iterations; a copy of the file can be attacked offline quickly, so use it for transport to a phone only, with a strong password, and delete it afterwards",
            ),
        }
    }

    /// A one-line human description of the algorithms.
    pub fn describe(self) -> &'static str {
        match self {
            P12Profile::Modern => "PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), MAC HMAC-SHA256",
            P12Profile::Legacy => "pbeWithSHAAnd3-KeyTripleDES-CBC, MAC HMAC-SHA1",
        }
    }
}

impl fmt::Display for P12Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            P12Profile::Modern => "modern",
            P12Profile::Legacy => "legacy",
        })
    }
}

/// A PKCS#12 profile name that is neither `modern` nor `legacy`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown PKCS#12 profile `{0}`; expected `modern` or `legacy`")]
pub struct UnknownProfile(pub String);

impl FromStr for P12Profile {
    type Err = UnknownProfile;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "modern" => Ok(P12Profile::Modern),
            "legacy" => Ok(P12Profile::Legacy),
            _ => Err(UnknownProfile(s.to_owned())),
        }
    }
}

/// Why a PKCS#12 file could not be built.
#[derive(Debug, thiserror::Error)]
pub enum P12Error {
    /// The leaf certificate is not a parseable X.509 certificate.
    #[error("the certificate is not valid X.509 DER: {0}")]
    BadCertificate(String),
    /// A chain certificate is not a parseable X.509 certificate.
    #[error("chain certificate #{index} is not valid X.509 DER: {reason}")]
    BadChainCertificate {
        /// Position in the chain (1 = the certificate after the leaf).
        index: usize,
        /// What the parser said.
        reason: String,
    },
    /// The private key is not PKCS#8 DER.
    #[error("the private key is not PKCS#8 DER: {0}")]
    BadKey(String),
    /// The private key does not belong to the certificate.
    #[error("the private key does not match the certificate's public key")]
    KeyMismatch,
    /// An empty password: phones refuse such files and the key would be stored unprotected.
    #[error("a PKCS#12 password must not be empty")]
    EmptyPassword,
    /// The PKCS#12 encoder failed.
    #[error("could not encode PKCS#12: {0}")]
    Encode(String),
}

/// Builds a password-protected PKCS#12 file holding `key_pkcs8_der`, its certificate
/// `cert_der` and the issuing `chain` (leaf's issuer first, root last), using `profile`'s
/// algorithms. `friendly_name` labels the key (what a phone or keychain shows).
pub fn export(
    cert_der: &[u8],
    key_pkcs8_der: &[u8],
    chain: &[Vec<u8>],
    password: &str,
    profile: P12Profile,
    friendly_name: &str,
) -> Result<Vec<u8>, P12Error> {
    if password.is_empty() {
        return Err(P12Error::EmptyPassword);
    }
    build(
        cert_der,
        key_pkcs8_der,
        chain,
        password,
        profile,
        friendly_name,
    )
}

/// [`export`] with an empty password, for the user who asked for one explicitly
/// (`--empty-password`): the file is then readable by anyone who has it.
/// `openssl pkcs12 -passin pass:` reads it.
pub fn export_allowing_empty_password(
    cert_der: &[u8],
    key_pkcs8_der: &[u8],
    chain: &[Vec<u8>],
    profile: P12Profile,
    friendly_name: &str,
) -> Result<Vec<u8>, P12Error> {
    build(cert_der, key_pkcs8_der, chain, "", profile, friendly_name)
}

fn build(
    cert_der: &[u8],
    key_pkcs8_der: &[u8],
    chain: &[Vec<u8>],
    password: &str,
    profile: P12Profile,
    friendly_name: &str,
) -> Result<Vec<u8>, P12Error> {
    check_key_matches(cert_der, key_pkcs8_der)?;

    let leaf =
        Certificate::from_der(cert_der).map_err(|e| P12Error::BadCertificate(e.to_string()))?;
    let mut certs = vec![leaf];
    for (i, der) in chain.iter().enumerate() {
        let cert = Certificate::from_der(der).map_err(|e| P12Error::BadChainCertificate {
            index: i + 1,
            reason: e.to_string(),
        })?;
        certs.push(cert);
    }
    let key_v1 = zeroize::Zeroizing::new(
        keyenc::pkcs8_v1(key_pkcs8_der).map_err(|e| P12Error::BadKey(e.to_string()))?,
    );
    let key = PrivateKey::from_der(&key_v1).map_err(|e| P12Error::BadKey(e.to_string()))?;

    let local_key_id =
        aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY, cert_der);
    let key_chain = PrivateKeyChain::new(local_key_id.as_ref(), key, certs);

    let mut store = KeyStore::new();
    store.add_entry(friendly_name, KeyStoreEntry::PrivateKeyChain(key_chain));
    store
        .writer(password)
        .encryption_algorithm(profile.encryption())
        .encryption_iterations(profile.iterations())
        .mac_algorithm(profile.mac())
        .mac_iterations(profile.iterations())
        .write()
        .map_err(|e| P12Error::Encode(e.to_string()))
}

/// Refuses a key that does not belong to the certificate: a PKCS#12 with a mismatched key
/// imports on some platforms and then fails every TLS handshake.
fn check_key_matches(cert_der: &[u8], key_pkcs8_der: &[u8]) -> Result<(), P12Error> {
    use x509_parser::prelude::{FromDer, X509Certificate};

    let (_, cert) =
        X509Certificate::from_der(cert_der).map_err(|e| P12Error::BadCertificate(e.to_string()))?;
    let key =
        rcgen::KeyPair::try_from(key_pkcs8_der).map_err(|e| P12Error::BadKey(e.to_string()))?;
    let cert_spki = cert
        .tbs_certificate
        .subject_pki
        .subject_public_key
        .data
        .as_ref();
    if rcgen::PublicKeyData::der_bytes(&key) != cert_spki {
        return Err(P12Error::KeyMismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf() -> (Vec<u8>, Vec<u8>) {
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let params = rcgen::CertificateParams::new(vec!["client.example".into()]).unwrap();
        let cert = params.self_signed(&key).unwrap();
        (cert.der().to_vec(), key.serialize_der())
    }

    #[test]
    fn profile_names_round_trip() {
        for name in P12Profile::NAMES {
            let p: P12Profile = name.parse().unwrap();
            assert_eq!(p.to_string(), name);
        }
        assert_eq!("LEGACY".parse::<P12Profile>().unwrap(), P12Profile::Legacy);
        let err = "aes".parse::<P12Profile>().unwrap_err();
        assert!(err.to_string().contains("`modern` or `legacy`"));
    }

    #[test]
    fn export_reads_back_with_the_same_password() {
        let (cert, key) = leaf();
        for profile in [P12Profile::Modern, P12Profile::Legacy] {
            let der = export(&cert, &key, &[], "pw", profile, "alice").unwrap();
            let store = KeyStore::from_pkcs12(&der, "pw", p12_keystore::Pkcs12ImportPolicy::Strict)
                .unwrap();
            let (alias, chain) = store.private_key_chain().unwrap();
            assert_eq!(alias, "alice");
            assert_eq!(chain.key().as_der(), key.as_slice());
            assert_eq!(chain.certs()[0].as_der(), cert.as_slice());
            assert!(
                KeyStore::from_pkcs12(&der, "nope", p12_keystore::Pkcs12ImportPolicy::Strict)
                    .is_err()
            );
        }
    }

    #[test]
    fn mismatched_key_and_empty_password_are_refused() {
        let (cert, _) = leaf();
        let (_, other_key) = leaf();
        assert!(matches!(
            export(&cert, &other_key, &[], "pw", P12Profile::Modern, "x"),
            Err(P12Error::KeyMismatch)
        ));
        let (cert, key) = leaf();
        assert!(matches!(
            export(&cert, &key, &[], "", P12Profile::Modern, "x"),
            Err(P12Error::EmptyPassword)
        ));
        assert!(matches!(
            export(&cert, &key, &[vec![1, 2, 3]], "pw", P12Profile::Modern, "x"),
            Err(P12Error::BadChainCertificate { index: 1, .. })
        ));
    }
}
