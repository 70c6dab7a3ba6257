//! Password-encrypted PKCS#8 private keys (`-----BEGIN ENCRYPTED PRIVATE KEY-----`).
//!
//! Owns encrypting a PKCS#8 key for storage at rest and decrypting one back, in the RFC 8018
//! PBES2 format that OpenSSL, step and every TLS library read. It does not obtain passwords (the
//! command layer does: file or env, never argv) and does not write files (`pki::files`).
//!
//! What is written: PBES2 with PBKDF2-HMAC-SHA256, [`PBKDF2_ITERATIONS`] iterations, a random
//! 16-byte salt, and AES-256-CBC with a random IV, both from `aws_lc_rs::rand`.
//!
//! Why 600,000 iterations: this format protects long-lived CA keys that an attacker who copies
//! the file can attack offline for as long as they like, so the count follows OWASP's current
//! recommendation for PBKDF2-HMAC-SHA256 (600,000) rather than OpenSSL 3's 2048 (a 2000s-era
//! default kept for compatibility) or step's 100,000. The cost is paid once per signing command:
//! with aws-lc's PBKDF2 it measured about 0.19 s in a release build on the 2-core reference
//! machine, small beside a human typing a password. Decryption accepts any count up to
//! [`MAX_DECRYPT_ITERATIONS`], so keys written by OpenSSL or step open too.
//!
//! Why aws-lc-rs does the KDF and the cipher instead of `pkcs5`'s own: the pure-Rust PBKDF2
//! would be tens of times slower in debug builds (the tests) and no faster in release. `pkcs8`
//! and `pkcs5` still parse and encode the ASN.1, and keys using schemes outside the fast path
//! (scrypt, 3DES inside PBES2) are handed to `pkcs5`'s decryptor.

use std::num::NonZeroU32;

use aws_lc_rs::cipher::{
    AES_128, AES_192, AES_256, DecryptionContext, EncryptionContext, PaddedBlockDecryptingKey,
    PaddedBlockEncryptingKey, UnboundCipherKey,
};
use aws_lc_rs::pbkdf2;
use pkcs8::der::{Decode, Encode};
use pkcs8::pkcs5::{self, pbes2};
use pkcs8::{EncryptedPrivateKeyInfo, PrivateKeyInfo};
use zeroize::Zeroizing;

/// PBKDF2-HMAC-SHA256 iterations used when encrypting (see the module docs for why).
pub const PBKDF2_ITERATIONS: u32 = 600_000;
/// The largest iteration count accepted when decrypting, so a hostile file cannot stall us.
pub const MAX_DECRYPT_ITERATIONS: u32 = 10_000_000;
/// The smallest iteration count [`encrypt_with_iterations`] accepts (RFC 8018's minimum).
pub const MIN_ENCRYPT_ITERATIONS: u32 = 1000;
/// The PEM label of an encrypted PKCS#8 key.
pub const ENCRYPTED_LABEL: &str = "ENCRYPTED PRIVATE KEY";

const SALT_LEN: usize = 16;
const IV_LEN: usize = 16;

/// Why a key could not be encrypted or decrypted.
#[derive(Debug, thiserror::Error)]
pub enum KeyEncError {
    /// The password did not decrypt the key.
    #[error("wrong password: the key could not be decrypted with the password given")]
    WrongPassword,
    /// The PEM holds a private key that is not encrypted.
    #[error("the key is not encrypted (PEM label `{0}`); no password is needed to read it")]
    NotEncrypted(String),
    /// The text is not PEM, or the PEM block is something other than a private key.
    #[error("not a PEM private key: {0}")]
    MalformedPem(String),
    /// The PEM is labelled `ENCRYPTED PRIVATE KEY` but its DER is not an EncryptedPrivateKeyInfo.
    #[error("the encrypted key is malformed: {0}")]
    MalformedDer(String),
    /// Encrypted with something this tool does not decrypt (PBES1, an unknown cipher...).
    #[error(
        "unsupported key encryption: {0}; re-encrypt it with `openssl pkcs8 -topk8 -v2 aes-256-cbc`"
    )]
    Unsupported(String),
    /// The KDF iteration count is above [`MAX_DECRYPT_ITERATIONS`].
    #[error(
        "the key's KDF asks for {0} iterations, more than the {MAX_DECRYPT_ITERATIONS} accepted"
    )]
    TooManyIterations(u32),
    /// An iteration count below [`MIN_ENCRYPT_ITERATIONS`] was asked for.
    #[error("{0} PBKDF2 iterations is too few; at least {MIN_ENCRYPT_ITERATIONS} are required")]
    TooFewIterations(u32),
    /// The input to encrypt is not PKCS#8 DER.
    #[error("the key to encrypt is not PKCS#8 DER: {0}")]
    NotPkcs8(String),
    /// An empty password would give no protection.
    #[error("a key encryption password must not be empty")]
    EmptyPassword,
    /// The system random generator or the cipher failed.
    #[error("cryptographic failure while {0}")]
    Crypto(&'static str),
}

/// Encrypts a PKCS#8 DER private key with `password` and returns it as
/// `ENCRYPTED PRIVATE KEY` PEM (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC). A PKCS#8 v2 key
/// (Ed25519 from aws-lc) is stored as v1, see [`pkcs8_v1`].
pub fn encrypt_pkcs8_pem(key_pkcs8_der: &[u8], password: &str) -> Result<String, KeyEncError> {
    encrypt_with_iterations(key_pkcs8_der, password, PBKDF2_ITERATIONS)
}

/// [`encrypt_pkcs8_pem`] with an explicit iteration count (at least [`MIN_ENCRYPT_ITERATIONS`]).
pub fn encrypt_with_iterations(
    key_pkcs8_der: &[u8],
    password: &str,
    iterations: u32,
) -> Result<String, KeyEncError> {
    if password.is_empty() {
        return Err(KeyEncError::EmptyPassword);
    }
    let v1 = pkcs8_v1(key_pkcs8_der).map_err(|e| KeyEncError::NotPkcs8(e.to_string()))?;
    let rounds = NonZeroU32::new(iterations)
        .filter(|n| n.get() >= MIN_ENCRYPT_ITERATIONS)
        .ok_or(KeyEncError::TooFewIterations(iterations))?;

    let mut salt = [0u8; SALT_LEN];
    let mut iv = [0u8; IV_LEN];
    aws_lc_rs::rand::fill(&mut salt).map_err(|_| KeyEncError::Crypto("generating a salt"))?;
    aws_lc_rs::rand::fill(&mut iv).map_err(|_| KeyEncError::Crypto("generating an IV"))?;

    let mut key = Zeroizing::new([0u8; 32]);
    pbkdf2::derive(
        pbkdf2::PBKDF2_HMAC_SHA256,
        rounds,
        &salt,
        password.as_bytes(),
        &mut key[..],
    );
    let cipher_key = UnboundCipherKey::new(&AES_256, &key[..]);
    drop(key);
    let cipher = cipher_key
        .and_then(PaddedBlockEncryptingKey::cbc_pkcs7)
        .map_err(|_| KeyEncError::Crypto("setting up AES-256-CBC"))?;
    let mut data = v1;
    cipher
        .less_safe_encrypt(&mut data, EncryptionContext::Iv128(iv.into()))
        .map_err(|_| KeyEncError::Crypto("encrypting"))?;

    let params = pbes2::Parameters::pbkdf2_sha256_aes256cbc(rounds.get(), &salt, &iv)
        .map_err(|_| KeyEncError::Crypto("encoding PBES2 parameters"))?;
    let info = EncryptedPrivateKeyInfo {
        encryption_algorithm: params.into(),
        encrypted_data: &data,
    };
    let der = info
        .to_der()
        .map_err(|_| KeyEncError::Crypto("encoding the encrypted key"))?;
    Ok(super::pem_lf(ENCRYPTED_LABEL, der))
}

/// Re-encodes a PKCS#8 key as v1 (PrivateKeyInfo without the optional public key).
///
/// aws-lc (so rcgen) writes Ed25519 keys as PKCS#8 v2, OneAsymmetricKey with the public key,
/// which OpenSSL 3.0 cannot load, plain or encrypted, nor inside a PKCS#12. The public key is
/// derived from the private key anyway, so dropping it loses nothing. v1 input is returned as is.
pub fn pkcs8_v1(key_pkcs8_der: &[u8]) -> Result<Vec<u8>, pkcs8::Error> {
    let mut info = PrivateKeyInfo::try_from(key_pkcs8_der)?;
    if info.public_key.is_none() {
        return Ok(key_pkcs8_der.to_vec());
    }
    info.public_key = None;
    Ok(info.to_der()?)
}

/// Decrypts an `ENCRYPTED PRIVATE KEY` PEM with `password`, returning plain PKCS#8 DER.
/// The first `... PRIVATE KEY` block in `pem_text` is used; other blocks are skipped.
pub fn decrypt_pkcs8_pem(
    pem_text: &str,
    password: &str,
) -> Result<Zeroizing<Vec<u8>>, KeyEncError> {
    let block = key_block(pem_text)?;
    match block.tag() {
        ENCRYPTED_LABEL => decrypt_pkcs8_der(block.contents(), password),
        _ if is_legacy_openssl_encrypted(&block) => Err(KeyEncError::Unsupported(
            "OpenSSL traditional PEM encryption (Proc-Type: 4,ENCRYPTED)".into(),
        )),
        tag => Err(KeyEncError::NotEncrypted(tag.to_owned())),
    }
}

/// The first PEM block labelled `... PRIVATE KEY` (a key file may also hold certificates).
fn key_block(pem_text: &str) -> Result<pem::Pem, KeyEncError> {
    let blocks = pem::parse_many(pem_text).map_err(|e| KeyEncError::MalformedPem(e.to_string()))?;
    let found: Vec<String> = blocks.iter().map(|b| format!("`{}`", b.tag())).collect();
    blocks
        .into_iter()
        .find(|b| b.tag().ends_with("PRIVATE KEY"))
        .ok_or_else(|| {
            KeyEncError::MalformedPem(if found.is_empty() {
                "no PEM block found".to_owned()
            } else {
                format!("no private key block, only {}", found.join(", "))
            })
        })
}

/// Decrypts a DER EncryptedPrivateKeyInfo with `password`, returning plain PKCS#8 DER.
/// The plaintext is wiped from memory when dropped.
pub fn decrypt_pkcs8_der(der: &[u8], password: &str) -> Result<Zeroizing<Vec<u8>>, KeyEncError> {
    let info = EncryptedPrivateKeyInfo::from_der(der).map_err(|e| unparsed(der, e))?;
    let plain = match &info.encryption_algorithm {
        pkcs5::EncryptionScheme::Pbes2(params) => {
            // Before any KDF runs, whatever the PRF and cipher: the file decides the work.
            check_kdf_cost(params)?;
            decrypt_pbes2(params, password, info.encrypted_data)?
        }
        pkcs5::EncryptionScheme::Pbes1(alg) => {
            return Err(KeyEncError::Unsupported(format!(
                "PBES1 ({})",
                alg.encryption.oid()
            )));
        }
        other => {
            return Err(KeyEncError::Unsupported(format!("scheme {}", other.oid())));
        }
    };
    // CBC padding passes by chance for about 1 wrong password in 256; the plaintext then is
    // noise, which never parses as a PrivateKeyInfo. Either way it is the password.
    if PrivateKeyInfo::try_from(plain.as_slice()).is_err() {
        return Err(KeyEncError::WrongPassword);
    }
    Ok(plain)
}

/// Decrypts PBES2 data whose KDF cost was checked: aws-lc for the common variants, else pkcs5.
fn decrypt_pbes2(
    params: &pbes2::Parameters<'_>,
    password: &str,
    data: &[u8],
) -> Result<Zeroizing<Vec<u8>>, KeyEncError> {
    Ok(match fast_path(params)? {
        Some(fast) => Zeroizing::new(fast.decrypt(password, data)?),
        None => Zeroizing::new(params.decrypt(password, data).map_err(|e| match e {
            // pkcs5 0.7 reports a bad CBC padding (a wrong password) from its
            // decryptor as `EncryptFailed`; newer versions say `DecryptFailed`.
            pkcs5::Error::DecryptFailed | pkcs5::Error::EncryptFailed => KeyEncError::WrongPassword,
            other => KeyEncError::Unsupported(other.to_string()),
        })?),
    })
}

/// Whether `pem_text` holds an encrypted private key (PKCS#8 or OpenSSL's traditional format).
pub fn is_encrypted_pem(pem_text: &str) -> bool {
    key_block(pem_text)
        .is_ok_and(|block| block.tag() == ENCRYPTED_LABEL || is_legacy_openssl_encrypted(&block))
}

fn is_legacy_openssl_encrypted(block: &pem::Pem) -> bool {
    block
        .headers()
        .get("Proc-Type")
        .is_some_and(|v| v.contains("ENCRYPTED"))
}

/// Tells a malformed EncryptedPrivateKeyInfo from a well-formed one whose algorithm `pkcs5`
/// does not know (PKCS#12 PBE ciphers, 3DES inside PBES2...): only the first is malformed.
fn unparsed(der: &[u8], err: pkcs8::der::Error) -> KeyEncError {
    use pkcs8::der::asn1::OctetStringRef;
    use pkcs8::der::{Reader, SliceReader};
    use pkcs8::spki::AlgorithmIdentifierRef;

    let outer_oid = SliceReader::new(der).ok().and_then(|mut reader| {
        reader
            .sequence(|r| {
                let alg = AlgorithmIdentifierRef::decode(r)?;
                OctetStringRef::decode(r)?;
                Ok(alg.oid)
            })
            .ok()
    });
    match outer_oid {
        Some(oid) if oid == pkcs5::pbes2::PBES2_OID => {
            KeyEncError::Unsupported(format!("PBES2 with a cipher or KDF not supported ({err})"))
        }
        Some(oid) if oid.to_string().starts_with("1.2.840.113549.1.12.1.") => {
            KeyEncError::Unsupported(format!("PKCS#12 password-based encryption ({oid})"))
        }
        Some(oid) => KeyEncError::Unsupported(format!("encryption algorithm {oid}")),
        None => KeyEncError::MalformedDer(err.to_string()),
    }
}

/// Most scrypt memory (128·N·r·p bytes) a key file may ask for: 256 MiB, sixteen times
/// OpenSSL's default (`-scrypt`: N=16384, r=8, p=1).
pub const MAX_SCRYPT_MEMORY: u64 = 256 * 1024 * 1024;
/// Most scrypt work (N·r·p, in units of one BlockMix of 128 bytes) a key file may ask for:
/// sixteen times OpenSSL's default (N=16384, r=8, p=1 is 131,072).
pub const MAX_SCRYPT_COST: u64 = 16 * 16384 * 8;

/// Refuses a PBES2 KDF whose parameters (read from the file, before the password can be
/// checked) ask for more work than [`MAX_DECRYPT_ITERATIONS`] PBKDF2 iterations, with any PRF,
/// or more than [`MAX_SCRYPT_COST`] / [`MAX_SCRYPT_MEMORY`] for scrypt.
fn check_kdf_cost(params: &pbes2::Parameters<'_>) -> Result<(), KeyEncError> {
    if let pbes2::Kdf::Pbkdf2(kdf) = &params.kdf
        && kdf.iteration_count > MAX_DECRYPT_ITERATIONS
    {
        return Err(KeyEncError::TooManyIterations(kdf.iteration_count));
    }
    if let pbes2::Kdf::Scrypt(scrypt) = &params.kdf {
        let cost = scrypt
            .cost_parameter
            .saturating_mul(u64::from(scrypt.block_size))
            .saturating_mul(u64::from(scrypt.parallelization));
        if cost > MAX_SCRYPT_COST {
            return Err(KeyEncError::Unsupported(format!(
                "scrypt parameters asking for N·r·p = {cost}, more than the {MAX_SCRYPT_COST} accepted"
            )));
        }
        let memory = 128u64
            .saturating_mul(scrypt.cost_parameter)
            .saturating_mul(u64::from(scrypt.block_size))
            .saturating_mul(u64::from(scrypt.parallelization));
        if memory > MAX_SCRYPT_MEMORY {
            return Err(KeyEncError::Unsupported(format!(
                "scrypt parameters needing {memory} bytes, more than {MAX_SCRYPT_MEMORY}"
            )));
        }
    }
    Ok(())
}

/// The PBES2 variants that aws-lc-rs decrypts directly.
struct FastPbes2<'a> {
    prf: pbkdf2::Algorithm,
    iterations: NonZeroU32,
    salt: &'a [u8],
    cipher: &'static aws_lc_rs::cipher::Algorithm,
    key_len: usize,
    iv: [u8; IV_LEN],
}

fn fast_path<'a>(params: &pbes2::Parameters<'a>) -> Result<Option<FastPbes2<'a>>, KeyEncError> {
    let pbes2::Kdf::Pbkdf2(kdf) = &params.kdf else {
        return Ok(None);
    };
    let prf = match kdf.prf {
        pbes2::Pbkdf2Prf::HmacWithSha1 => pbkdf2::PBKDF2_HMAC_SHA1,
        pbes2::Pbkdf2Prf::HmacWithSha256 => pbkdf2::PBKDF2_HMAC_SHA256,
        pbes2::Pbkdf2Prf::HmacWithSha384 => pbkdf2::PBKDF2_HMAC_SHA384,
        pbes2::Pbkdf2Prf::HmacWithSha512 => pbkdf2::PBKDF2_HMAC_SHA512,
        _ => return Ok(None),
    };
    let (cipher, key_len, iv) = match params.encryption {
        pbes2::EncryptionScheme::Aes128Cbc { iv } => (&AES_128, 16, *iv),
        pbes2::EncryptionScheme::Aes192Cbc { iv } => (&AES_192, 24, *iv),
        pbes2::EncryptionScheme::Aes256Cbc { iv } => (&AES_256, 32, *iv),
        _ => return Ok(None),
    };
    if kdf
        .key_length
        .is_some_and(|len| usize::from(len) != key_len)
    {
        return Err(KeyEncError::MalformedDer(
            "PBKDF2 keyLength does not match the cipher".into(),
        ));
    }
    if kdf.iteration_count > MAX_DECRYPT_ITERATIONS {
        return Err(KeyEncError::TooManyIterations(kdf.iteration_count));
    }
    let iterations = NonZeroU32::new(kdf.iteration_count)
        .ok_or_else(|| KeyEncError::MalformedDer("PBKDF2 iteration count is 0".into()))?;
    Ok(Some(FastPbes2 {
        prf,
        iterations,
        salt: kdf.salt,
        cipher,
        key_len,
        iv,
    }))
}

impl FastPbes2<'_> {
    fn decrypt(&self, password: &str, ciphertext: &[u8]) -> Result<Vec<u8>, KeyEncError> {
        let mut key_buf = Zeroizing::new([0u8; 32]);
        let key = &mut key_buf[..self.key_len];
        pbkdf2::derive(
            self.prf,
            self.iterations,
            self.salt,
            password.as_bytes(),
            key,
        );
        let cipher_key = UnboundCipherKey::new(self.cipher, key);
        drop(key_buf);
        let cipher = cipher_key
            .and_then(PaddedBlockDecryptingKey::cbc_pkcs7)
            .map_err(|_| KeyEncError::Crypto("setting up AES-CBC"))?;
        let mut data = Zeroizing::new(ciphertext.to_vec());
        let plain_len = cipher
            .decrypt(&mut data, DecryptionContext::Iv128(self.iv.into()))
            .map_err(|_| KeyEncError::WrongPassword)?
            .len();
        data.truncate(plain_len);
        Ok(std::mem::take(&mut *data))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p256_pkcs8() -> Vec<u8> {
        rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)
            .unwrap()
            .serialize_der()
    }

    #[test]
    fn round_trip_and_wrong_password() {
        let key = p256_pkcs8();
        // Fewer iterations keep the unit test quick; the default is covered by the openssl tests.
        let pem_text = encrypt_with_iterations(&key, "correct horse", 2048).unwrap();
        assert!(pem_text.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
        assert!(is_encrypted_pem(&pem_text));
        assert_eq!(*decrypt_pkcs8_pem(&pem_text, "correct horse").unwrap(), key);
        for wrong in ["", "correct horsE", "x"] {
            assert!(matches!(
                decrypt_pkcs8_pem(&pem_text, wrong),
                Err(KeyEncError::WrongPassword)
            ));
        }
    }

    #[test]
    fn ed25519_v2_is_stored_as_v1() {
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ED25519).unwrap();
        let v2 = key.serialize_der();
        let v1 = pkcs8_v1(&v2).unwrap();
        assert_eq!(v1.len(), 48, "PKCS#8 v1 Ed25519 is 48 bytes");
        assert_eq!(pkcs8_v1(&v1).unwrap(), v1);
        let pem_text = encrypt_with_iterations(&v2, "pw", 1000).unwrap();
        let back = decrypt_pkcs8_pem(&pem_text, "pw").unwrap();
        assert_eq!(*back, v1);
        let reloaded = rcgen::KeyPair::try_from(back.as_slice()).unwrap();
        assert_eq!(
            rcgen::PublicKeyData::der_bytes(&reloaded),
            rcgen::PublicKeyData::der_bytes(&key)
        );
    }

    #[test]
    fn two_encryptions_differ() {
        let key = p256_pkcs8();
        let a = encrypt_with_iterations(&key, "pw", 1000).unwrap();
        let b = encrypt_with_iterations(&key, "pw", 1000).unwrap();
        assert_ne!(a, b, "salt and IV must be random");
    }

    #[test]
    fn plain_and_malformed_inputs_are_distinct_errors() {
        let plain = pem::encode(&pem::Pem::new("PRIVATE KEY", p256_pkcs8()));
        assert!(!is_encrypted_pem(&plain));
        assert!(matches!(
            decrypt_pkcs8_pem(&plain, "pw"),
            Err(KeyEncError::NotEncrypted(_))
        ));
        assert!(matches!(
            decrypt_pkcs8_pem("not pem at all", "pw"),
            Err(KeyEncError::MalformedPem(_))
        ));
        let cert = pem::encode(&pem::Pem::new("CERTIFICATE", vec![0x30, 0x00]));
        let err = decrypt_pkcs8_pem(&cert, "pw").unwrap_err();
        assert!(matches!(err, KeyEncError::MalformedPem(_)));
        assert!(err.to_string().contains("only `CERTIFICATE`"), "{err}");
        // A certificate before the key is skipped.
        let enc = encrypt_with_iterations(&p256_pkcs8(), "pw", 1000).unwrap();
        let bundle = format!("{cert}{enc}");
        assert!(is_encrypted_pem(&bundle));
        assert!(decrypt_pkcs8_pem(&bundle, "pw").is_ok());
        let junk = pem::encode(&pem::Pem::new(ENCRYPTED_LABEL, vec![0x30, 0x03, 1, 2, 3]));
        assert!(matches!(
            decrypt_pkcs8_pem(&junk, "pw"),
            Err(KeyEncError::MalformedDer(_))
        ));
        let legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";
        assert!(is_encrypted_pem(legacy));
        assert!(matches!(
            decrypt_pkcs8_pem(legacy, "pw"),
            Err(KeyEncError::Unsupported(_))
        ));
    }

    #[test]
    fn refuses_non_pkcs8_and_empty_password() {
        assert!(matches!(
            encrypt_pkcs8_pem(&[1, 2, 3], "pw"),
            Err(KeyEncError::NotPkcs8(_))
        ));
        assert!(matches!(
            encrypt_pkcs8_pem(&p256_pkcs8(), ""),
            Err(KeyEncError::EmptyPassword)
        ));
    }

    #[test]
    fn errors_read_clearly() {
        assert_eq!(
            KeyEncError::WrongPassword.to_string(),
            "wrong password: the key could not be decrypted with the password given"
        );
    }
}
