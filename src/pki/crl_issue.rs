//! Issuing certificate revocation lists: a signed X.509 v2 CRL from a CA certificate, its key
//! and a list of revoked serials, without a server or database.
//!
//! Owns the CRL as something mtlsctl *writes*. Reading and checking CRLs is `pki::crl`; keeping
//! the list of revoked serials and the next CRL number is `pki::store`.
//!
//! Every CRL carries what RFC 5280 §5 requires of a conforming issuer: version 2, issuer,
//! thisUpdate, nextUpdate, an Authority Key Identifier and a CRL number; each entry carries its
//! reason code (except `unspecified`, which §5.3.1 says to omit rather than write).
//!
//! How it is built, and why not plainly with rcgen: rcgen 0.14 serialises the CRL body, but it
//! re-encodes the issuer Name from a parsed certificate (which can change string types, keeps
//! one of repeated attributes such as two `OU`s, rejects multi-valued RDNs, panics on an empty
//! RDN), and `Issuer::from_ca_cert_der` invents a SHA-256 key id for a CA without an SKI. A CRL
//! whose issuer differs from the CA subject by a single byte, or whose AKI differs from the CA's
//! SKI, is not matched to its CA by OpenSSL and others. So rcgen builds the body with a placeholder
//! issuer and the AKI set explicitly ([`KeyIdMethod::PreSpecified`] with the CA's own SKI); a
//! signer that defers signing hands back the unsigned body; the CA subject's exact DER is then
//! put in as issuer and the final TBSCertList is signed once with the CA key.
//!
//! A CA without an SKI extension gets the RFC 5280 §4.2.1.2 method 1 key id (SHA-1 of the
//! subjectPublicKey bits), the value OpenSSL would compute for it.

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use rcgen::{
    CertificateParams, CertificateRevocationListParams, DistinguishedName, DnType, Issuer,
    KeyIdMethod, PublicKeyData, RevocationReason, RevokedCertParams, SerialNumber,
    SignatureAlgorithm, SigningKey,
};
use time::OffsetDateTime;
use x509_parser::extensions::ParsedExtension;
use x509_parser::prelude::{FromDer, X509Certificate};

/// The longest serial number RFC 5280 §4.1.2.2 allows, in bytes.
pub const MAX_SERIAL_LEN: usize = 20;

/// A CRL reason code (RFC 5280 §5.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    /// `unspecified` (0); written as no reason code, as RFC 5280 asks.
    Unspecified,
    /// `keyCompromise` (1).
    KeyCompromise,
    /// `cACompromise` (2).
    CaCompromise,
    /// `affiliationChanged` (3).
    AffiliationChanged,
    /// `superseded` (4).
    Superseded,
    /// `cessationOfOperation` (5).
    CessationOfOperation,
    /// `certificateHold` (6).
    CertificateHold,
    /// `removeFromCRL` (8).
    RemoveFromCrl,
    /// `privilegeWithdrawn` (9).
    PrivilegeWithdrawn,
    /// `aACompromise` (10).
    AaCompromise,
}

impl Reason {
    /// Every reason, in code order.
    pub const ALL: [Reason; 10] = [
        Reason::Unspecified,
        Reason::KeyCompromise,
        Reason::CaCompromise,
        Reason::AffiliationChanged,
        Reason::Superseded,
        Reason::CessationOfOperation,
        Reason::CertificateHold,
        Reason::RemoveFromCrl,
        Reason::PrivilegeWithdrawn,
        Reason::AaCompromise,
    ];

    /// The RFC 5280 name (`keyCompromise`, `cACompromise`...).
    pub fn name(self) -> &'static str {
        match self {
            Reason::Unspecified => "unspecified",
            Reason::KeyCompromise => "keyCompromise",
            Reason::CaCompromise => "cACompromise",
            Reason::AffiliationChanged => "affiliationChanged",
            Reason::Superseded => "superseded",
            Reason::CessationOfOperation => "cessationOfOperation",
            Reason::CertificateHold => "certificateHold",
            Reason::RemoveFromCrl => "removeFromCRL",
            Reason::PrivilegeWithdrawn => "privilegeWithdrawn",
            Reason::AaCompromise => "aACompromise",
        }
    }

    /// The CRLReason ENUMERATED value.
    pub fn code(self) -> u8 {
        self.to_rcgen() as u8
    }

    fn to_rcgen(self) -> RevocationReason {
        match self {
            Reason::Unspecified => RevocationReason::Unspecified,
            Reason::KeyCompromise => RevocationReason::KeyCompromise,
            Reason::CaCompromise => RevocationReason::CaCompromise,
            Reason::AffiliationChanged => RevocationReason::AffiliationChanged,
            Reason::Superseded => RevocationReason::Superseded,
            Reason::CessationOfOperation => RevocationReason::CessationOfOperation,
            Reason::CertificateHold => RevocationReason::CertificateHold,
            Reason::RemoveFromCrl => RevocationReason::RemoveFromCrl,
            Reason::PrivilegeWithdrawn => RevocationReason::PrivilegeWithdrawn,
            Reason::AaCompromise => RevocationReason::AaCompromise,
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A reason name that RFC 5280 does not define.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown revocation reason `{0}`; expected one of unspecified, keyCompromise, cACompromise, \
     affiliationChanged, superseded, cessationOfOperation, certificateHold, removeFromCRL, \
     privilegeWithdrawn, aACompromise"
)]
pub struct UnknownReason(pub String);

impl FromStr for Reason {
    type Err = UnknownReason;

    /// Accepts the RFC 5280 names case-insensitively (so `caCompromise`, `CACompromise` and
    /// `removeFromCrl` also work), with or without `-`/`_` between words (`key-compromise`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let folded: String = s
            .trim()
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .flat_map(char::to_lowercase)
            .collect();
        Reason::ALL
            .into_iter()
            .find(|r| r.name().to_ascii_lowercase() == folded)
            .ok_or_else(|| UnknownReason(s.to_owned()))
    }
}

/// One certificate to list as revoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokedEntry {
    /// The certificate's serial number, big-endian (a leading `00` sign byte is fine).
    pub serial: Vec<u8>,
    /// When the CA processed the revocation.
    pub revoked_at: OffsetDateTime,
    /// Why; `None` writes no reason code.
    pub reason: Option<Reason>,
}

/// What a CRL should say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrlSpec {
    /// The cRLNumber; must increase with every CRL the CA issues.
    pub crl_number: u64,
    /// When this CRL is issued.
    pub this_update: OffsetDateTime,
    /// When the next CRL will be issued at the latest (relying parties treat it as expiry).
    pub next_update: OffsetDateTime,
    /// The revoked certificates.
    pub entries: Vec<RevokedEntry>,
}

/// Why a CRL could not be issued.
#[derive(Debug, thiserror::Error)]
pub enum CrlIssueError {
    /// The CA certificate does not parse.
    #[error("the CA certificate is not valid X.509 DER: {0}")]
    BadCaCertificate(String),
    /// The CA certificate's subject is empty (RFC 5280 requires a non-empty CRL issuer).
    #[error("the CA certificate has an empty subject; a CRL issuer must be a non-empty name")]
    EmptyIssuer,
    /// The certificate is not a CA (basicConstraints cA is absent or false).
    #[error("the issuing certificate is not a CA (basicConstraints cA is not true)")]
    NotCa,
    /// The CA's key usage lacks cRLSign.
    #[error(
        "the CA certificate's key usage lacks cRLSign, so relying parties would reject its CRLs"
    )]
    NotCrlSigner,
    /// The key pair is not the CA certificate's.
    #[error("the CA key does not match the CA certificate's public key")]
    KeyMismatch,
    /// nextUpdate is not after thisUpdate.
    #[error("nextUpdate ({next}) must be after thisUpdate ({this})")]
    BadUpdateTimes {
        /// thisUpdate as given.
        this: OffsetDateTime,
        /// nextUpdate as given.
        next: OffsetDateTime,
    },
    /// A serial number is empty or longer than 20 bytes.
    #[error("revoked serial `{0}` is not a valid serial number (1 to 20 bytes)")]
    BadSerial(String),
    /// The same serial is listed twice.
    #[error("serial {0} is listed twice")]
    DuplicateSerial(String),
    /// rcgen refused to build the CRL body.
    #[error("could not build the CRL: {0}")]
    Build(String),
    /// Signing failed.
    #[error("could not sign the CRL: {0}")]
    Sign(String),
}

/// Builds and signs a CRL for the CA `ca_cert_der` with its key `ca_key`; returns the DER.
pub fn make_crl(
    ca_cert_der: &[u8],
    ca_key: &impl SigningKey,
    spec: &CrlSpec,
) -> Result<Vec<u8>, CrlIssueError> {
    let ca = CaFacts::read(ca_cert_der, ca_key)?;
    if spec.next_update <= spec.this_update {
        return Err(CrlIssueError::BadUpdateTimes {
            this: spec.this_update,
            next: spec.next_update,
        });
    }

    let mut seen = HashSet::new();
    let mut revoked_certs = Vec::with_capacity(spec.entries.len());
    for entry in &spec.entries {
        let magnitude = strip_leading_zeros(&entry.serial);
        if entry.serial.is_empty() || magnitude.len() > MAX_SERIAL_LEN {
            return Err(CrlIssueError::BadSerial(hex::encode_upper(&entry.serial)));
        }
        if !seen.insert(magnitude.to_vec()) {
            return Err(CrlIssueError::DuplicateSerial(hex::encode_upper(magnitude)));
        }
        revoked_certs.push(RevokedCertParams {
            serial_number: SerialNumber::from_slice(magnitude),
            revocation_time: entry.revoked_at,
            reason_code: entry.reason.map(Reason::to_rcgen),
            invalidity_date: None,
        });
    }

    let params = CertificateRevocationListParams {
        this_update: spec.this_update,
        next_update: spec.next_update,
        crl_number: SerialNumber::from(spec.crl_number),
        issuing_distribution_point: None,
        revoked_certs,
        key_identifier_method: KeyIdMethod::PreSpecified(ca.key_id),
    };

    // Placeholder issuer, replaced below by the CA subject's exact bytes. Key usages are left
    // empty so rcgen skips its own cRLSign check (done above from the real certificate).
    let mut placeholder = CertificateParams::default();
    placeholder.distinguished_name = DistinguishedName::new();
    placeholder
        .distinguished_name
        .push(DnType::CommonName, "mtlsctl placeholder issuer");
    let issuer = Issuer::new(placeholder, DeferredSigner(ca_key));
    let unsigned = params
        .signed_by(&issuer)
        .map_err(|e| CrlIssueError::Build(e.to_string()))?;

    let tbs = der::with_issuer(unsigned.der().as_ref(), &ca.subject_raw)
        .ok_or_else(|| CrlIssueError::Build("unexpected CRL encoding from rcgen".into()))?;
    let signature = ca_key
        .sign(&tbs.tbs)
        .map_err(|e| CrlIssueError::Sign(e.to_string()))?;
    Ok(der::assemble(
        &tbs.tbs,
        &tbs.signature_algorithm,
        &signature,
    ))
}

/// PEM-encodes a DER CRL as an `X509 CRL` block (LF line endings).
pub fn crl_pem(der: &[u8]) -> String {
    super::pem_lf("X509 CRL", der.to_vec())
}

/// What the CRL needs from the CA certificate.
struct CaFacts {
    subject_raw: Vec<u8>,
    key_id: Vec<u8>,
}

impl CaFacts {
    fn read(ca_cert_der: &[u8], ca_key: &impl PublicKeyData) -> Result<Self, CrlIssueError> {
        let (_, cert) = X509Certificate::from_der(ca_cert_der)
            .map_err(|e| CrlIssueError::BadCaCertificate(e.to_string()))?;
        let spk = cert
            .tbs_certificate
            .subject_pki
            .subject_public_key
            .data
            .as_ref();
        if ca_key.der_bytes() != spk {
            return Err(CrlIssueError::KeyMismatch);
        }
        let subject = cert.subject();
        if subject.iter().next().is_none() {
            return Err(CrlIssueError::EmptyIssuer);
        }

        let mut is_ca = false;
        let mut ski = None;
        for ext in cert.extensions() {
            match ext.parsed_extension() {
                ParsedExtension::BasicConstraints(bc) => is_ca = bc.ca,
                ParsedExtension::KeyUsage(ku) if !ku.crl_sign() => {
                    return Err(CrlIssueError::NotCrlSigner);
                }
                ParsedExtension::SubjectKeyIdentifier(id) => ski = Some(id.0.to_vec()),
                _ => {}
            }
        }
        if !is_ca {
            return Err(CrlIssueError::NotCa);
        }
        let key_id = ski.unwrap_or_else(|| {
            aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY, spk)
                .as_ref()
                .to_vec()
        });
        Ok(CaFacts {
            subject_raw: subject.as_raw().to_vec(),
            key_id,
        })
    }
}

/// A signing key that signs nothing: rcgen serialises the CRL body with it, and the body is
/// then re-issued and signed by the real key (see the module docs). Its public half and
/// algorithm are the CA key's, so the algorithm identifiers rcgen writes are the right ones.
struct DeferredSigner<'a, K>(&'a K);

impl<K: PublicKeyData> PublicKeyData for DeferredSigner<'_, K> {
    fn der_bytes(&self) -> &[u8] {
        self.0.der_bytes()
    }

    fn algorithm(&self) -> &'static SignatureAlgorithm {
        self.0.algorithm()
    }
}

impl<K: PublicKeyData> SigningKey for DeferredSigner<'_, K> {
    fn sign(&self, _msg: &[u8]) -> Result<Vec<u8>, rcgen::Error> {
        Ok(Vec::new())
    }
}

fn strip_leading_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(bytes.len().saturating_sub(1));
    &bytes[start..]
}

/// Just enough DER to swap the issuer of a CertificateList and re-assemble it.
mod der {
    const SEQUENCE: u8 = 0x30;
    const BIT_STRING: u8 = 0x03;

    /// A TBSCertList with its issuer replaced, and the signature AlgorithmIdentifier TLV.
    pub(super) struct Rebuilt {
        pub tbs: Vec<u8>,
        pub signature_algorithm: Vec<u8>,
    }

    /// One parsed TLV: (tag, content, the whole TLV, what follows it).
    type Tlv<'a> = (u8, &'a [u8], &'a [u8], &'a [u8]);

    /// Splits `input` into its first TLV and the rest.
    fn tlv(input: &[u8]) -> Option<Tlv<'_>> {
        let tag = *input.first()?;
        let first_len = *input.get(1)?;
        let (len, header) = if first_len < 0x80 {
            (usize::from(first_len), 2)
        } else {
            let n = usize::from(first_len & 0x7f);
            if n == 0 || n > 4 {
                return None;
            }
            let bytes = input.get(2..2 + n)?;
            let len = bytes
                .iter()
                .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
            (len, 2 + n)
        };
        let end = header.checked_add(len)?;
        let whole = input.get(..end)?;
        let content = input.get(header..end)?;
        Some((tag, content, whole, input.get(end..)?))
    }

    fn encode(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        let len = content.len();
        if len < 0x80 {
            out.push(len as u8);
        } else {
            let bytes = len.to_be_bytes();
            let skip = bytes.iter().take_while(|b| **b == 0).count();
            out.push(0x80 | (bytes.len() - skip) as u8);
            out.extend_from_slice(&bytes[skip..]);
        }
        out.extend_from_slice(content);
        out
    }

    /// Takes an rcgen CertificateList and returns its TBSCertList with `issuer` (a full Name
    /// TLV) in place of the issuer it has, plus the outer signature AlgorithmIdentifier.
    pub(super) fn with_issuer(cert_list: &[u8], issuer: &[u8]) -> Option<Rebuilt> {
        let (SEQUENCE, outer, _, []) = tlv(cert_list)? else {
            return None;
        };
        let (SEQUENCE, tbs_content, _, rest) = tlv(outer)? else {
            return None;
        };
        let (SEQUENCE, _, signature_algorithm, _) = tlv(rest)? else {
            return None;
        };
        // TBSCertList ::= SEQUENCE { version, signature, issuer, thisUpdate, ... }
        let (0x02, _, version, rest) = tlv(tbs_content)? else {
            return None;
        };
        let (SEQUENCE, _, inner_alg, rest) = tlv(rest)? else {
            return None;
        };
        let (SEQUENCE, _, _old_issuer, rest) = tlv(rest)? else {
            return None;
        };
        let mut content = Vec::with_capacity(tbs_content.len() + issuer.len());
        content.extend_from_slice(version);
        content.extend_from_slice(inner_alg);
        content.extend_from_slice(issuer);
        content.extend_from_slice(rest);
        Some(Rebuilt {
            tbs: encode(SEQUENCE, &content),
            signature_algorithm: signature_algorithm.to_vec(),
        })
    }

    /// CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue }.
    pub(super) fn assemble(tbs: &[u8], signature_algorithm: &[u8], signature: &[u8]) -> Vec<u8> {
        let mut bits = Vec::with_capacity(signature.len() + 1);
        bits.push(0); // no unused bits
        bits.extend_from_slice(signature);
        let mut content =
            Vec::with_capacity(tbs.len() + signature_algorithm.len() + bits.len() + 8);
        content.extend_from_slice(tbs);
        content.extend_from_slice(signature_algorithm);
        content.extend_from_slice(&encode(BIT_STRING, &bits));
        encode(SEQUENCE, &content)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn lengths_round_trip() {
            for len in [0usize, 1, 127, 128, 255, 256, 65_535, 70_000] {
                let content = vec![7u8; len];
                let encoded = encode(SEQUENCE, &content);
                let (tag, got, whole, rest) = tlv(&encoded).unwrap();
                assert_eq!(
                    (tag, got.len(), whole.len(), rest.len()),
                    (SEQUENCE, len, encoded.len(), 0)
                );
            }
            assert!(tlv(&[0x30, 0x05, 1]).is_none());
            assert!(tlv(&[0x30, 0x80]).is_none());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rcgen::{BasicConstraints, IsCa, KeyUsagePurpose};
    use time::macros::datetime;
    use x509_parser::revocation_list::CertificateRevocationList;

    fn ca(params: CertificateParams) -> (Vec<u8>, crate::pki::keys::Key) {
        let key = crate::pki::keys::KeyType::P256.generate().unwrap();
        let cert = params.self_signed(&key).unwrap();
        (cert.der().to_vec(), key)
    }

    fn ca_params() -> CertificateParams {
        let mut params = CertificateParams::default();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        params.distinguished_name = DistinguishedName::new();
        params
            .distinguished_name
            .push(DnType::CommonName, "Test CA");
        params
    }

    fn spec(entries: Vec<RevokedEntry>) -> CrlSpec {
        CrlSpec {
            crl_number: 7,
            this_update: datetime!(2026-01-01 00:00 UTC),
            next_update: datetime!(2026-01-08 00:00 UTC),
            entries,
        }
    }

    #[test]
    fn reason_names_round_trip() {
        for r in Reason::ALL {
            assert_eq!(r.name().parse::<Reason>().unwrap(), r);
            assert_eq!(r.to_string(), r.name());
        }
        assert_eq!(
            "keyCompromise".parse::<Reason>().unwrap(),
            Reason::KeyCompromise
        );
        assert_eq!(
            "key-compromise".parse::<Reason>().unwrap(),
            Reason::KeyCompromise
        );
        assert_eq!(
            "caCompromise".parse::<Reason>().unwrap(),
            Reason::CaCompromise
        );
        assert_eq!(
            "removeFromCrl".parse::<Reason>().unwrap(),
            Reason::RemoveFromCrl
        );
        assert_eq!(Reason::RemoveFromCrl.code(), 8);
        assert!("stolen".parse::<Reason>().is_err());
    }

    #[test]
    fn issuer_is_the_ca_subject_byte_for_byte() {
        // The openssl integration test covers subjects rcgen cannot re-encode (two OUs, a
        // multi-valued RDN); here a PrintableString country and a pre-specified SKI.
        let key = crate::pki::keys::KeyType::P256.generate().unwrap();
        let mut params = ca_params();
        params.distinguished_name = DistinguishedName::new();
        params.distinguished_name.push(
            DnType::CountryName,
            rcgen::DnValue::PrintableString("DE".try_into().unwrap()),
        );
        params
            .distinguished_name
            .push(DnType::OrganizationalUnitName, "one");
        params.key_identifier_method = KeyIdMethod::PreSpecified(vec![0xAB; 20]);
        let cert = params.self_signed(&key).unwrap();
        let ca_der = cert.der().to_vec();

        let crl = make_crl(&ca_der, &key, &spec(vec![])).unwrap();
        let (_, parsed) = CertificateRevocationList::from_der(&crl).unwrap();
        let (_, ca_cert) = X509Certificate::from_der(&ca_der).unwrap();
        assert_eq!(parsed.issuer().as_raw(), ca_cert.subject().as_raw());
        assert_eq!(
            parsed.crl_number().map(|n| n.to_u64_digits()),
            Some(vec![7])
        );
        let aki = parsed
            .extensions()
            .iter()
            .find_map(|e| match e.parsed_extension() {
                ParsedExtension::AuthorityKeyIdentifier(aki) => aki.key_identifier.clone(),
                _ => None,
            });
        assert_eq!(aki.unwrap().0, &[0xAB; 20][..]);
        assert!(parsed.iter_revoked_certificates().next().is_none());
        // The signature verifies with the CA key.
        assert!(parsed.verify_signature(ca_cert.public_key()).is_ok());
    }

    #[test]
    fn entries_carry_serial_and_reason() {
        let (ca_der, key) = ca(ca_params());
        let entries = vec![
            RevokedEntry {
                serial: vec![0x00, 0x80, 0x01],
                revoked_at: datetime!(2026-01-01 00:00 UTC),
                reason: Some(Reason::KeyCompromise),
            },
            RevokedEntry {
                serial: vec![0x05],
                revoked_at: datetime!(2026-01-01 00:00 UTC),
                reason: None,
            },
        ];
        let crl = make_crl(&ca_der, &key, &spec(entries)).unwrap();
        let (_, parsed) = CertificateRevocationList::from_der(&crl).unwrap();
        let got: Vec<_> = parsed
            .iter_revoked_certificates()
            .map(|r| (r.raw_serial().to_vec(), r.reason_code().map(|c| c.1.0)))
            .collect();
        assert_eq!(
            got,
            vec![(vec![0x00, 0x80, 0x01], Some(1)), (vec![0x05], None)]
        );
    }

    #[test]
    fn refusals() {
        let (ca_der, key) = ca(ca_params());
        let other = crate::pki::keys::KeyType::P256.generate().unwrap();
        assert!(matches!(
            make_crl(&ca_der, &other, &spec(vec![])),
            Err(CrlIssueError::KeyMismatch)
        ));
        let mut bad_times = spec(vec![]);
        bad_times.next_update = bad_times.this_update;
        assert!(matches!(
            make_crl(&ca_der, &key, &bad_times),
            Err(CrlIssueError::BadUpdateTimes { .. })
        ));
        let entry = |serial: Vec<u8>| RevokedEntry {
            serial,
            revoked_at: datetime!(2026-01-01 00:00 UTC),
            reason: None,
        };
        assert!(matches!(
            make_crl(&ca_der, &key, &spec(vec![entry(vec![])])),
            Err(CrlIssueError::BadSerial(_))
        ));
        assert!(matches!(
            make_crl(&ca_der, &key, &spec(vec![entry(vec![1; 21])])),
            Err(CrlIssueError::BadSerial(_))
        ));
        assert!(matches!(
            make_crl(
                &ca_der,
                &key,
                &spec(vec![entry(vec![0, 9]), entry(vec![9])])
            ),
            Err(CrlIssueError::DuplicateSerial(_))
        ));

        let mut no_crl_sign = ca_params();
        no_crl_sign.key_usages = vec![KeyUsagePurpose::KeyCertSign];
        let (der, key) = ca(no_crl_sign);
        assert!(matches!(
            make_crl(&der, &key, &spec(vec![])),
            Err(CrlIssueError::NotCrlSigner)
        ));

        let mut leaf = ca_params();
        leaf.is_ca = IsCa::NoCa;
        let (der, key) = ca(leaf);
        assert!(matches!(
            make_crl(&der, &key, &spec(vec![])),
            Err(CrlIssueError::NotCa)
        ));
    }

    #[test]
    fn ca_without_ski_gets_method_1_key_id() {
        let mut params = ca_params();
        params.key_identifier_method = KeyIdMethod::PreSpecified(Vec::new());
        let (der, key) = ca(params);
        let (_, cert) = X509Certificate::from_der(&der).unwrap();
        let has_ski = cert.extensions().iter().any(|e| {
            matches!(
                e.parsed_extension(),
                ParsedExtension::SubjectKeyIdentifier(_)
            )
        });
        let crl = make_crl(&der, &key, &spec(vec![])).unwrap();
        let (_, parsed) = CertificateRevocationList::from_der(&crl).unwrap();
        let aki = parsed
            .extensions()
            .iter()
            .find_map(|e| match e.parsed_extension() {
                ParsedExtension::AuthorityKeyIdentifier(aki) => aki.key_identifier.clone(),
                _ => None,
            });
        let expected = if has_ski {
            cert.extensions()
                .iter()
                .find_map(|e| match e.parsed_extension() {
                    ParsedExtension::SubjectKeyIdentifier(id) => Some(id.0.to_vec()),
                    _ => None,
                })
                .unwrap()
        } else {
            aws_lc_rs::digest::digest(
                &aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY,
                cert.public_key().subject_public_key.data.as_ref(),
            )
            .as_ref()
            .to_vec()
        };
        assert_eq!(aki.unwrap().0, expected.as_slice());
    }
}
