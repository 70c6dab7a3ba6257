//! Key types: choosing, generating and loading private keys.
//!
//! Owns the mapping from a user's `--key-type` to an rcgen signature algorithm, key
//! generation through aws-lc-rs (so RSA keys can be made), and reading keys from PEM files
//! (PKCS#8, SEC1 and PKCS#1). Writing keys is [`crate::pki::files`]' job.

use std::fmt;
use std::str::FromStr;

use aws_lc_rs::signature::{EcdsaKeyPair, KeyPair as _};
use rcgen::{KeyPair, PublicKeyData, RsaKeySize, SignatureAlgorithm, SigningKey};

/// A key type mtlsctl can generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyType {
    /// ECDSA on P-256 with SHA-256 (the default).
    P256,
    /// ECDSA on P-384 with SHA-384.
    P384,
    /// Ed25519.
    Ed25519,
    /// RSA 2048 with SHA-256.
    Rsa2048,
    /// RSA 3072 with SHA-256.
    Rsa3072,
    /// RSA 4096 with SHA-256.
    Rsa4096,
}

impl KeyType {
    /// Every accepted spelling, for help and completions.
    pub const NAMES: [&'static str; 6] =
        ["p256", "p384", "ed25519", "rsa2048", "rsa3072", "rsa4096"];

    /// The signature algorithm used when this key signs.
    pub fn algorithm(self) -> &'static SignatureAlgorithm {
        match self {
            KeyType::P256 => &rcgen::PKCS_ECDSA_P256_SHA256,
            KeyType::P384 => &rcgen::PKCS_ECDSA_P384_SHA384,
            KeyType::Ed25519 => &rcgen::PKCS_ED25519,
            KeyType::Rsa2048 | KeyType::Rsa3072 | KeyType::Rsa4096 => &rcgen::PKCS_RSA_SHA256,
        }
    }

    /// True for the RSA types (their client certificates also get keyEncipherment).
    pub fn is_rsa(self) -> bool {
        matches!(self, KeyType::Rsa2048 | KeyType::Rsa3072 | KeyType::Rsa4096)
    }

    /// Generates a fresh key pair.
    ///
    /// ECDSA keys are kept as aws-lc generated them. rcgen's `KeyPair::generate_for` encodes
    /// the new key as PKCS#8 and parses it back, and aws-lc's parser checks the key (a second
    /// scalar multiplication): about 0.14 M instructions per P-256 key, an eighth of a first
    /// `cert create`, to re-check a key that was computed a moment before.
    pub fn generate(self) -> Result<Key, KeyError> {
        let generate = |e: &dyn fmt::Display| KeyError::Generate(e.to_string());
        let (size, ecdsa) = match self {
            KeyType::P256 => (
                None,
                Some(&aws_lc_rs::signature::ECDSA_P256_SHA256_ASN1_SIGNING),
            ),
            KeyType::P384 => (
                None,
                Some(&aws_lc_rs::signature::ECDSA_P384_SHA384_ASN1_SIGNING),
            ),
            KeyType::Ed25519 => (None, None),
            KeyType::Rsa2048 => (Some(RsaKeySize::_2048), None),
            KeyType::Rsa3072 => (Some(RsaKeySize::_3072), None),
            KeyType::Rsa4096 => (Some(RsaKeySize::_4096), None),
        };
        if let Some(signing) = ecdsa {
            let pair = EcdsaKeyPair::generate(signing).map_err(|e| generate(&e))?;
            return Ok(Key::Ecdsa(FreshEcdsa {
                pair,
                alg: self.algorithm(),
            }));
        }
        match size {
            Some(size) => KeyPair::generate_rsa_for(self.algorithm(), size),
            None => KeyPair::generate_for(self.algorithm()),
        }
        .map(Key::Loaded)
        .map_err(|e| generate(&e))
    }
}

/// A private key that signs: one mtlsctl generated (ECDSA keys as aws-lc made them) or one
/// read from a file or made by rcgen (checked as it was parsed).
pub enum Key {
    /// A key read from a file, or generated through rcgen (Ed25519, RSA).
    Loaded(KeyPair),
    /// An ECDSA key generated here.
    Ecdsa(FreshEcdsa),
}

/// An ECDSA key pair straight from aws-lc's generator.
pub struct FreshEcdsa {
    pair: EcdsaKeyPair,
    alg: &'static SignatureAlgorithm,
}

impl Key {
    /// The signature algorithm the key signs with.
    pub fn algorithm(&self) -> &'static SignatureAlgorithm {
        match self {
            Key::Loaded(k) => k.algorithm(),
            Key::Ecdsa(k) => k.alg,
        }
    }

    /// The private key as PKCS#8 DER (v1 for ECDSA; whatever aws-lc writes for the others).
    pub fn serialize_der(&self) -> Vec<u8> {
        match self {
            Key::Loaded(k) => k.serialize_der(),
            // aws-lc marshals a key it holds; it fails only on an allocation failure, which
            // aborts the process anyway.
            Key::Ecdsa(k) => k
                .pair
                .to_pkcs8v1()
                .map(|d| d.as_ref().to_vec())
                .unwrap_or_default(),
        }
    }
}

impl From<KeyPair> for Key {
    fn from(key: KeyPair) -> Key {
        Key::Loaded(key)
    }
}

impl PublicKeyData for Key {
    fn der_bytes(&self) -> &[u8] {
        match self {
            Key::Loaded(k) => k.der_bytes(),
            Key::Ecdsa(k) => k.pair.public_key().as_ref(),
        }
    }

    fn algorithm(&self) -> &'static SignatureAlgorithm {
        Key::algorithm(self)
    }
}

impl SigningKey for Key {
    fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, rcgen::Error> {
        match self {
            Key::Loaded(k) => k.sign(msg),
            Key::Ecdsa(k) => k
                .pair
                .sign(&aws_lc_rs::rand::SystemRandom::new(), msg)
                .map(|s| s.as_ref().to_vec())
                .map_err(|_| rcgen::Error::RingUnspecified),
        }
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Key")
            .field("algorithm", self.algorithm())
            .finish_non_exhaustive()
    }
}

impl fmt::Display for KeyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            KeyType::P256 => "p256",
            KeyType::P384 => "p384",
            KeyType::Ed25519 => "ed25519",
            KeyType::Rsa2048 => "rsa2048",
            KeyType::Rsa3072 => "rsa3072",
            KeyType::Rsa4096 => "rsa4096",
        };
        f.write_str(s)
    }
}

impl FromStr for KeyType {
    type Err = KeyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.to_ascii_lowercase().replace(['-', '_'], "");
        Ok(match lower.as_str() {
            "p256" | "ecdsap256" | "prime256v1" | "secp256r1" | "ec" | "ecdsa" => KeyType::P256,
            "p384" | "ecdsap384" | "secp384r1" => KeyType::P384,
            "ed25519" | "eddsa" => KeyType::Ed25519,
            "rsa2048" | "rsa" => KeyType::Rsa2048,
            "rsa3072" => KeyType::Rsa3072,
            "rsa4096" => KeyType::Rsa4096,
            other => {
                if let Some(bits) = other
                    .strip_prefix("rsa")
                    .and_then(|b| b.parse::<u32>().ok())
                {
                    if bits < 2048 {
                        return Err(KeyError::WeakRsa(bits));
                    }
                    return Err(KeyError::RsaSize(bits));
                }
                return Err(KeyError::UnknownType(s.to_string()));
            }
        })
    }
}

/// Errors about keys.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// RSA below 2048 bits.
    #[error("RSA keys of {0} bits are refused: use at least rsa2048")]
    WeakRsa(u32),
    /// An RSA size we cannot generate.
    #[error("RSA keys of {0} bits are not supported: use rsa2048, rsa3072 or rsa4096")]
    RsaSize(u32),
    /// Not a known key type.
    #[error("unknown key type {0:?}: use one of p256, p384, ed25519, rsa2048, rsa3072, rsa4096")]
    UnknownType(String),
    /// A public key of a type or size mtlsctl does not certify.
    #[error("{0}")]
    Unsupported(String),
    /// Key generation failed.
    #[error("key generation failed: {0}")]
    Generate(String),
    /// The password does not decrypt the key.
    #[error("{name}: {reason}")]
    WrongPassword {
        /// File name.
        name: String,
        /// The decryption error, in words.
        reason: String,
    },
    /// A file did not hold a usable private key.
    #[error("{name}: {reason}")]
    Load {
        /// File name.
        name: String,
        /// What is wrong.
        reason: String,
    },
}

/// Parses a private key from PEM text (PKCS#8, SEC1 `EC PRIVATE KEY`, PKCS#1 `RSA PRIVATE KEY`).
pub fn key_from_pem(name: &str, text: &str) -> Result<Key, KeyError> {
    let load = |reason: String| KeyError::Load {
        name: name.to_string(),
        reason,
    };
    if text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
        return Err(load(
            "the key is encrypted; encrypted keys are not supported here yet".into(),
        ));
    }
    let blocks = pem::parse_many(text).map_err(|e| load(format!("malformed PEM: {e}")))?;
    let Some(block) = blocks.iter().find(|b| b.tag().ends_with("PRIVATE KEY")) else {
        return Err(load("no private key found in the file".into()));
    };
    KeyPair::try_from(block.contents())
        .map(Key::Loaded)
        .map_err(|e| load(format!("unusable {} ({e})", block.tag().to_lowercase())))
}

/// Decrypts an `ENCRYPTED PRIVATE KEY` PEM with `password` and parses the key.
pub fn key_from_encrypted_pem(name: &str, text: &str, password: &str) -> Result<Key, KeyError> {
    let load = |reason: String| KeyError::Load {
        name: name.to_string(),
        reason,
    };
    let der = super::keyenc::decrypt_pkcs8_pem(text, password).map_err(|e| match e {
        super::keyenc::KeyEncError::WrongPassword => KeyError::WrongPassword {
            name: name.to_string(),
            reason: e.to_string(),
        },
        other => load(other.to_string()),
    })?;
    KeyPair::try_from(der.as_slice())
        .map(Key::Loaded)
        .map_err(|e| load(format!("unusable decrypted key ({e})")))
}

/// The key as encrypted PKCS#8 PEM (PBES2, PBKDF2-SHA256, AES-256-CBC) of its v1 encoding.
pub fn encrypted_key_pem(key: &Key, password: &str) -> Result<String, KeyError> {
    let plain = zeroize::Zeroizing::new(key_pem(key)?);
    let der = zeroize::Zeroizing::new(
        pem::parse(plain.as_bytes())
            .map_err(|e| KeyError::Generate(format!("key encoding: {e}")))?
            .into_contents(),
    );
    super::keyenc::encrypt_pkcs8_pem(&der, password)
        .map_err(|e| KeyError::Generate(format!("key encryption: {e}")))
}

/// The key as PKCS#8 v1 PEM (`PRIVATE KEY`), the form every OpenSSL reads.
///
/// aws-lc writes Ed25519 keys as PKCS#8 v2 (OneAsymmetricKey with the public key), which
/// OpenSSL 3.0 cannot load; the public key is dropped to give the v1 encoding.
pub fn key_pem(key: &Key) -> Result<String, KeyError> {
    use pkcs8::der::{Decode, Encode};
    let der = zeroize::Zeroizing::new(key.serialize_der());
    let mut info = pkcs8::PrivateKeyInfo::from_der(&der)
        .map_err(|e| KeyError::Generate(format!("unexpected key encoding: {e}")))?;
    if info.public_key.is_none() {
        return Ok(super::pem_lf("PRIVATE KEY", der.to_vec()));
    }
    info.public_key = None;
    let v1 = zeroize::Zeroizing::new(
        info.to_der()
            .map_err(|e| KeyError::Generate(format!("key encoding: {e}")))?,
    );
    Ok(super::pem_lf("PRIVATE KEY", v1.to_vec()))
}

/// The key type of a certificate's public key (DER of the certificate), if it is one mtlsctl
/// generates: EC P-256/P-384, Ed25519, or RSA of 2048, 3072 or 4096 bits.
pub fn key_type_of_cert(cert_der: &[u8]) -> Option<KeyType> {
    use x509_parser::public_key::PublicKey;
    let c = super::cert::parse(cert_der).ok()?;
    let spki = c.public_key();
    let alg = spki.algorithm.algorithm.to_id_string();
    match alg.as_str() {
        "1.3.101.112" => Some(KeyType::Ed25519),
        "1.2.840.10045.2.1" => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string())?;
            match curve.as_str() {
                "1.2.840.10045.3.1.7" => Some(KeyType::P256),
                "1.3.132.0.34" => Some(KeyType::P384),
                _ => None,
            }
        }
        "1.2.840.113549.1.1.1" => match spki.parsed().ok()? {
            PublicKey::RSA(rsa) => match rsa.key_size() {
                2048 => Some(KeyType::Rsa2048),
                3072 => Some(KeyType::Rsa3072),
                4096 => Some(KeyType::Rsa4096),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// Refuses a public key mtlsctl would not certify: it takes what `--key-type` can make, i.e.
/// ECDSA P-256 or P-384, Ed25519, and RSA of 2048 to 8192 bits (any size in between, since a
/// CSR's key may come from elsewhere). RSA below 2048 is [`KeyError::WeakRsa`].
pub fn check_certifiable(
    spki: &x509_parser::x509::SubjectPublicKeyInfo<'_>,
) -> Result<(), KeyError> {
    use x509_parser::public_key::PublicKey;
    let alg = spki.algorithm.algorithm.to_id_string();
    let unsupported = |what: String| {
        Err(KeyError::Unsupported(format!(
            "{what}; mtlsctl certifies P-256, P-384, Ed25519 and RSA 2048-8192 keys"
        )))
    };
    match alg.as_str() {
        "1.3.101.112" => Ok(()),
        "1.2.840.10045.2.1" => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string())
                .unwrap_or_default();
            match curve.as_str() {
                "1.2.840.10045.3.1.7" | "1.3.132.0.34" => Ok(()),
                _ => unsupported(format!("an ECDSA key on curve {curve:?}")),
            }
        }
        "1.2.840.113549.1.1.1" => match spki.parsed() {
            Ok(PublicKey::RSA(rsa)) => {
                let bits = rsa.key_size();
                if bits < 2048 {
                    Err(KeyError::WeakRsa(u32::try_from(bits).unwrap_or(u32::MAX)))
                } else if bits > 8192 {
                    unsupported(format!("an RSA key of {bits} bits"))
                } else {
                    Ok(())
                }
            }
            _ => unsupported("an unreadable RSA key".into()),
        },
        other => unsupported(format!("a key of algorithm {other}")),
    }
}

/// The key type of an existing key pair, if it is one mtlsctl generates.
pub fn key_type_of(key: &Key) -> Option<KeyType> {
    let alg = key.algorithm();
    if alg == &rcgen::PKCS_ECDSA_P256_SHA256 {
        Some(KeyType::P256)
    } else if alg == &rcgen::PKCS_ECDSA_P384_SHA384 {
        Some(KeyType::P384)
    } else if alg == &rcgen::PKCS_ED25519 {
        Some(KeyType::Ed25519)
    } else if alg == &rcgen::PKCS_RSA_SHA256 {
        Some(KeyType::Rsa2048)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_weak_rsa_with_reason() {
        let e = "rsa1024".parse::<KeyType>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "RSA keys of 1024 bits are refused: use at least rsa2048"
        );
        assert!("rsa512".parse::<KeyType>().is_err());
        assert!(matches!(
            "rsa8192".parse::<KeyType>(),
            Err(KeyError::RsaSize(8192))
        ));
        assert!(matches!(
            "dsa".parse::<KeyType>(),
            Err(KeyError::UnknownType(_))
        ));
    }

    #[test]
    fn spellings_round_trip() {
        for name in KeyType::NAMES {
            assert_eq!(name.parse::<KeyType>().unwrap().to_string(), name);
        }
    }

    #[test]
    fn generated_key_reloads_from_pem() {
        let k = KeyType::P256.generate().unwrap();
        let back = key_from_pem("k", &key_pem(&k).unwrap()).unwrap();
        assert_eq!(back.der_bytes(), k.der_bytes());
        let ed = KeyType::Ed25519.generate().unwrap();
        let pem = key_pem(&ed).unwrap();
        // PKCS#8 v1: version 0, 48 bytes in all.
        assert_eq!(pem::parse(&pem).unwrap().contents().len(), 48);
        assert_eq!(key_from_pem("k", &pem).unwrap().der_bytes(), ed.der_bytes());
        assert!(key_from_pem("k", "junk").is_err());
    }

    /// A fresh ECDSA key (kept as aws-lc made it, not re-parsed) signs what its public key
    /// verifies, and its PKCS#8 file reads back (with aws-lc's key check) to the same key.
    #[test]
    fn fresh_ecdsa_keys_sign_and_reload() {
        for kt in [KeyType::P256, KeyType::P384] {
            let k = kt.generate().unwrap();
            assert!(matches!(k, Key::Ecdsa(_)), "{kt}");
            assert_eq!(key_type_of(&k), Some(kt));
            let pem_text = key_pem(&k).unwrap();
            assert!(!pem_text.contains('\r'), "{kt}: CRLF in {pem_text}");
            let back = key_from_pem("k", &pem_text).unwrap();
            assert_eq!(back.subject_public_key_info(), k.subject_public_key_info());
            let cert = rcgen::CertificateParams::new(vec!["a.test".into()])
                .unwrap()
                .self_signed(&k)
                .unwrap();
            let parsed = crate::pki::cert::parse(cert.der()).unwrap();
            assert_eq!(
                parsed.public_key().raw,
                k.subject_public_key_info().as_slice()
            );
            parsed.verify_signature(None).unwrap();
        }
    }
}
