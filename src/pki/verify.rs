//! Client-certificate path validation and revocation, as Cloudflare's edge reports them in
//! `cf.tls_client_auth.cert_verified` and `cf.tls_client_auth.cert_revoked`.
//!
//! This module owns the decision "does this client certificate chain to one of the account's
//! CAs, for TLS client authentication, at this time, and is anything on that chain revoked?".
//! It does not read files, render output or know about rules. The steps:
//!
//! 1. **Path validation** with rustls-webpki (`verify_for_usage`, EKU `clientAuth`, no
//!    revocation), building from the leaf through the intermediates the client sent (junk and
//!    unrelated certificates are skipped) to an uploaded trust anchor. A path whose anchor is
//!    itself outside its validity period is rejected too (OpenSSL, which the edge's wording
//!    comes from, checks the whole chain; webpki alone does not check anchors). A failure is
//!    reported as a [`VerifyFailure`] in Cloudflare's / OpenSSL's words (`FAILED:...`).
//! 2. **Revocation**, only when the path verified, because the edge keeps `cert_verified` true
//!    for a revoked certificate. Every certificate on the validated path except the anchor
//!    (leaf and intermediates) is looked up in each CRL whose issuer Name equals its issuer
//!    Name (compared as RFC 5280 §7.1 says, [`names_match`]: case-folded, whitespace
//!    collapsed, string type ignored, as OpenSSL does), and in the local list of revoked
//!    serials ([`RevokedSerial`]).
//! 3. **Purpose**, after webpki: OpenSSL's `sslclient` checks that webpki does not make
//!    (keyUsage, nsCertType), see [`purpose_failure`]. The reverse differences remain:
//!    webpki refuses some chains OpenSSL may accept (a CA:TRUE leaf, a leaf whose only EKU is
//!    anyExtendedKeyUsage, RSA keys under 2048 bits and SHA-1 signatures on the path); those
//!    only make the dry run say "not verified" where the edge might verify a certificate of a
//!    trusted CA, never the other way round.
//!
//! CRL rules (each a deliberate choice):
//! - A CRL that names an issuer on the path must be signed by that issuer's key, and that
//!   issuer must not have a keyUsage without `cRLSign`; otherwise the CRL is unusable input and
//!   [`verify_client`] returns [`VerifyError`] instead of silently ignoring it (a forged or
//!   corrupted CRL must never quietly "un-revoke" a certificate). CRLs naming no issuer on the
//!   path are unrelated and not used, but each gets a warning (the CRLs are the user's own
//!   input, and a CRL that silently matches nothing looks like "not revoked").
//! - **Expired CRLs** (nextUpdate before the validation time) are still honoured for the
//!   revocations they list, and a warning is added to [`VerifyOutcome::warnings`]. Reasoning:
//!   RFC 5280 revocation is permanent (a listed serial never becomes good again, short of
//!   `certificateHold`, which we also treat as revoked), so a stale list is still *evidence of
//!   revocation*; what a stale CRL cannot prove is *non*-revocation, and since the edge
//!   reports unknown status as not revoked (webpki `UnknownStatusPolicy::Allow`), a certificate
//!   absent from an expired CRL comes out `revoked = false` with the warning. This equals
//!   webpki's `ExpirationPolicy::Ignore` for revoked entries. rustls' `*.expired.crl.pem`
//!   files list no serials, so with them the client is verified and not revoked.
//! - An entry whose revocationDate is after the validation time is not yet in force and is
//!   ignored (the question asked is "revoked at `at`?").
//! - issuingDistributionPoint scope flags (`onlyContainsUserCerts` / `onlyContainsCACerts`)
//!   are honoured; distribution-point *names* are not matched, and delta and indirect CRLs are
//!   refused by `pki::crl`.

use std::ptr;
use std::time::Duration;

use rustls_pki_types::{CertificateDer, TrustAnchor, UnixTime};
use time::OffsetDateTime;
use webpki::{EndEntityCert, KeyUsage};
use x509_parser::extensions::ParsedExtension;
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::pki::crl::{self, Crl, CrlError, SignatureError};

/// Everything needed to verify one client certificate.
#[derive(Debug, Clone, Copy)]
pub struct VerifyRequest<'a> {
    /// The client (leaf) certificate, DER.
    pub leaf: &'a [u8],
    /// Other certificates the client sent, DER, in the order sent (may hold junk).
    pub intermediates: &'a [Vec<u8>],
    /// Trust anchors (the account's uploaded CAs), DER.
    pub anchors: &'a [Vec<u8>],
    /// CRLs, DER (PEM is accepted too), from `--crl` or the store; unrelated ones are ignored.
    pub crls: &'a [Vec<u8>],
    /// Serials revoked by a local store rather than a CRL.
    pub revoked_serials: &'a [RevokedSerial],
    /// The validation time.
    pub at: OffsetDateTime,
}

impl<'a> VerifyRequest<'a> {
    /// A request with no CRLs and no locally revoked serials.
    pub fn new(
        leaf: &'a [u8],
        intermediates: &'a [Vec<u8>],
        anchors: &'a [Vec<u8>],
        at: OffsetDateTime,
    ) -> Self {
        Self {
            leaf,
            intermediates,
            anchors,
            crls: &[],
            revoked_serials: &[],
            at,
        }
    }
}

/// How a locally revoked serial names its issuing CA.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssuerRef {
    /// The issuer's Subject Key Identifier (equivalently the certificate's AKI key id).
    KeyId(Vec<u8>),
    /// The issuer's distinguished name, as the full DER `Name` (SEQUENCE) encoding.
    NameDer(Vec<u8>),
}

/// One serial revoked in a local store: a certificate on the path matches when its serial
/// equals `serial` (leading zero bytes ignored) and its issuer matches `issuer`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokedSerial {
    /// Which CA issued the revoked certificate.
    pub issuer: IssuerRef,
    /// The revoked certificate's serial number, big-endian bytes.
    pub serial: Vec<u8>,
}

/// The verdict for one client certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyOutcome {
    /// `cf.tls_client_auth.cert_verified`: chains to an anchor for client auth and is in date;
    /// true even when revoked, as on the edge.
    pub verified: bool,
    /// `cf.tls_client_auth.cert_revoked`: verified, and the leaf or an intermediate is revoked.
    pub revoked: bool,
    /// Why the certificate is not verified (`None` when verified).
    pub failure: Option<VerifyFailure>,
    /// The validator's own words for the failure, for explanations (`None` when verified).
    pub failure_detail: Option<String>,
    /// What revoked it (the first hit, nearest the leaf).
    pub revocation: Option<RevocationInfo>,
    /// DER of the direct issuer of the leaf on the validated path (intermediate or anchor).
    pub issuer: Option<Vec<u8>>,
    /// The validated chain above the leaf, nearest first: the intermediates used, then the
    /// trust anchor's DER as supplied in `anchors`. Excludes the leaf; empty when not verified.
    pub path: Vec<Vec<u8>>,
    /// Things the caller should know that do not change the verdict (e.g. an expired CRL).
    pub warnings: Vec<String>,
}

/// What revoked a certificate on the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevocationInfo {
    /// Position on the chain: 0 is the leaf, 1 its issuer, and so on.
    pub depth: usize,
    /// Serial of the revoked certificate, upper-case hex without a `00` sign byte.
    pub serial_hex: String,
    /// Subject of the revoked certificate, for display.
    pub subject: String,
    /// Where the revocation came from.
    pub source: RevocationSource,
    /// When it was revoked, if known.
    pub revocation_date: Option<OffsetDateTime>,
    /// RFC 5280 reason name (`keyCompromise`...), if known.
    pub reason: Option<&'static str>,
}

/// Where a revocation was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevocationSource {
    /// A CRL: its index in [`VerifyRequest::crls`].
    Crl {
        /// Index in the request's CRL list.
        index: usize,
        /// The CRL issuer, for display.
        issuer: String,
        /// Whether the CRL was past its nextUpdate at the validation time.
        expired: bool,
    },
    /// The local list: index in [`VerifyRequest::revoked_serials`].
    LocalStore {
        /// Index in the request's revoked-serial list.
        index: usize,
    },
}

/// Why a certificate did not verify; `Display` is Cloudflare's / OpenSSL's wording.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyFailure {
    /// The leaf is self-signed and not an anchor.
    #[error("FAILED:self signed certificate")]
    SelfSigned,
    /// The chain sent ends in a self-signed certificate that is not an anchor.
    #[error("FAILED:self signed certificate in certificate chain")]
    SelfSignedInChain,
    /// The chain sent does not reach any anchor.
    #[error("FAILED:unable to get local issuer certificate")]
    UnableToGetLocalIssuer,
    /// Only the leaf was usable and its issuer is not an anchor.
    #[error("FAILED:unable to verify the first certificate")]
    UnableToVerifyFirst,
    /// A certificate on the path is past its notAfter.
    #[error("FAILED:certificate has expired")]
    Expired,
    /// A certificate on the path is before its notBefore.
    #[error("FAILED:certificate is not yet valid")]
    NotYetValid,
    /// The leaf is not for TLS client authentication (EKU) or is a CA.
    #[error("FAILED:unsupported certificate purpose")]
    UnsupportedPurpose,
    /// A signature on the path does not verify or uses a refused algorithm or key.
    #[error("FAILED:certificate signature failure")]
    SignatureFailure,
    /// An issuing certificate is not a valid CA (no `CA:TRUE`...).
    #[error("FAILED:invalid CA certificate")]
    InvalidCa,
    /// A CA on the path has a keyUsage without keyCertSign (OpenSSL error 32).
    #[error("FAILED:key usage does not include certificate signing")]
    KeyUsageNoCertSign,
    /// A pathLenConstraint is exceeded.
    #[error("FAILED:path length constraint exceeded")]
    PathLengthExceeded,
    /// A name on the path violates a CA's name constraints.
    #[error("FAILED:permitted subtree violation")]
    SubtreeViolation,
    /// A CA's name constraints are malformed or unsupported.
    #[error("FAILED:unsupported or invalid name constraint syntax")]
    NameConstraintSyntax,
    /// A certificate has a critical extension the validator does not understand.
    #[error("FAILED:unhandled critical extension")]
    UnhandledCriticalExtension,
    /// A certificate extension is malformed or repeated.
    #[error("FAILED:invalid or inconsistent certificate extension")]
    InvalidExtension,
    /// The outer and inner signature algorithms differ.
    #[error("FAILED:signature algorithm inconsistency")]
    SignatureAlgorithmInconsistency,
    /// The chain is too long or too costly to build.
    #[error("FAILED:certificate chain too long")]
    ChainTooLong,
    /// A certificate could not be decoded.
    #[error("FAILED:unable to decode certificate")]
    Malformed,
    /// Anything else, in the validator's words.
    #[error("FAILED:{0}")]
    Other(String),
}

/// Unusable input: the request cannot be judged at all.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// A trust anchor is not a certificate webpki can use.
    #[error(
        "trust anchor #{index} cannot be used: {reason}; upload the CA certificate in DER or PEM"
    )]
    Anchor {
        /// Index in [`VerifyRequest::anchors`].
        index: usize,
        /// What went wrong.
        reason: String,
    },
    /// A CRL does not parse.
    #[error("CRL #{index} cannot be read: {source}")]
    Crl {
        /// Index in [`VerifyRequest::crls`].
        index: usize,
        /// What went wrong.
        source: CrlError,
    },
    /// A CRL names an issuer on the path but is not signed by it.
    #[error(
        "CRL #{index} names `{issuer}` as issuer but {source}; it is forged, corrupted or from a different CA with the same name: replace it"
    )]
    CrlSignature {
        /// Index in [`VerifyRequest::crls`].
        index: usize,
        /// The CRL's issuer, for display.
        issuer: String,
        /// Why the signature failed.
        source: SignatureError,
    },
    /// The CA that signed a CRL is not allowed to sign CRLs.
    #[error(
        "CRL #{index} is signed by `{issuer}`, whose keyUsage lacks cRLSign; it cannot vouch for revocations"
    )]
    IssuerNotCrlSigner {
        /// Index in [`VerifyRequest::crls`].
        index: usize,
        /// The CA's subject, for display.
        issuer: String,
    },
}

/// Validates a client certificate for TLS client authentication, then checks revocation.
pub fn verify_client(req: &VerifyRequest) -> Result<VerifyOutcome, VerifyError> {
    let anchor_ders: Vec<CertificateDer<'_>> = req
        .anchors
        .iter()
        .map(|d| CertificateDer::from(d.as_slice()))
        .collect();
    let mut anchors: Vec<TrustAnchor<'_>> = Vec::with_capacity(anchor_ders.len());
    for (index, der) in anchor_ders.iter().enumerate() {
        let anchor = webpki::anchor_from_trusted_cert(der).map_err(|e| VerifyError::Anchor {
            index,
            reason: e.to_string(),
        })?;
        anchors.push(anchor);
    }
    // Validity windows of the anchors, where x509-parser can read them (webpki cannot say).
    let anchor_validity: Vec<Option<(i64, i64)>> = req
        .anchors
        .iter()
        .map(|d| {
            X509Certificate::from_der(d).ok().map(|(_, c)| {
                let v = c.validity();
                (v.not_before.timestamp(), v.not_after.timestamp())
            })
        })
        .collect();
    let crls = parse_crls(req.crls)?;

    let leaf_der = CertificateDer::from(req.leaf);
    let leaf = match EndEntityCert::try_from(&leaf_der) {
        Ok(leaf) => leaf,
        Err(e) => return Ok(not_verified(map_error(&e, req), &e)),
    };
    let intermediates: Vec<CertificateDer<'_>> = req
        .intermediates
        .iter()
        .map(|d| CertificateDer::from(d.as_slice()))
        .collect();
    let at_secs = req.at.unix_timestamp();
    let time = UnixTime::since_unix_epoch(Duration::from_secs(u64::try_from(at_secs).unwrap_or(0)));

    let anchor_in_date = |path: &webpki::VerifiedPath<'_>| -> Result<(), webpki::Error> {
        let Some(index) = anchors.iter().position(|a| ptr::eq(a, path.anchor())) else {
            return Ok(());
        };
        match anchor_validity.get(index).copied().flatten() {
            Some((_, not_after)) if at_secs > not_after => Err(webpki::Error::CertExpired {
                time,
                not_after: unix(not_after),
            }),
            Some((not_before, _)) if at_secs < not_before => Err(webpki::Error::CertNotValidYet {
                time,
                not_before: unix(not_before),
            }),
            _ => Ok(()),
        }
    };
    let verified = leaf.verify_for_usage(
        webpki::ALL_VERIFICATION_ALGS,
        &anchors,
        &intermediates,
        time,
        KeyUsage::client_auth(),
        None,
        Some(&anchor_in_date),
    );
    let path = match verified {
        Ok(path) => path,
        Err(e) => return Ok(not_verified(map_error(&e, req), &e)),
    };
    let mut chain: Vec<Vec<u8>> = path
        .intermediate_certificates()
        .map(|c| c.der().to_vec())
        .collect();
    if let Some(anchor) = anchors
        .iter()
        .position(|a| ptr::eq(a, path.anchor()))
        .and_then(|i| req.anchors.get(i))
    {
        chain.push(anchor.clone());
    }

    if let Some((failure, detail)) = purpose_failure(req.leaf, &chain) {
        return Ok(VerifyOutcome {
            verified: false,
            revoked: false,
            failure: Some(failure),
            failure_detail: Some(detail),
            revocation: None,
            issuer: chain.first().cloned(),
            path: Vec::new(),
            warnings: Vec::new(),
        });
    }
    let mut outcome = VerifyOutcome {
        verified: true,
        revoked: false,
        failure: None,
        failure_detail: None,
        revocation: None,
        issuer: chain.first().cloned(),
        path: chain,
        warnings: Vec::new(),
    };
    let mut full = Vec::with_capacity(outcome.path.len() + 1);
    full.push(req.leaf.to_vec());
    full.extend(outcome.path.iter().cloned());
    let revocation = check_crls(&full, &crls, req.at, &mut outcome.warnings)?
        .or_else(|| check_revoked_serials(&full, req.revoked_serials));
    outcome.revoked = revocation.is_some();
    outcome.revocation = revocation;
    Ok(outcome)
}

/// Looks each certificate of `chain` (leaf first, then issuers; the last, the anchor, is not
/// itself checked) up in `list`; returns the hit nearest the leaf.
pub fn check_revoked_serials(chain: &[Vec<u8>], list: &[RevokedSerial]) -> Option<RevocationInfo> {
    if list.is_empty() {
        return None;
    }
    for (depth, pair) in chain.windows(2).enumerate() {
        let (Some(cert_der), Some(issuer_der)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let (Ok((_, cert)), Ok((_, issuer))) = (
            X509Certificate::from_der(cert_der),
            X509Certificate::from_der(issuer_der),
        ) else {
            continue;
        };
        let serial = crl::strip_leading_zeros(cert.raw_serial());
        let issuer_ski = subject_key_id(&issuer);
        let cert_aki = authority_key_id(&cert);
        for (index, entry) in list.iter().enumerate() {
            if crl::strip_leading_zeros(&entry.serial) != serial {
                continue;
            }
            let issuer_matches = match &entry.issuer {
                IssuerRef::KeyId(id) => {
                    issuer_ski.as_deref() == Some(id.as_slice())
                        || cert_aki.as_deref() == Some(id.as_slice())
                }
                IssuerRef::NameDer(name) => cert.issuer().as_raw() == name.as_slice(),
            };
            if issuer_matches {
                return Some(RevocationInfo {
                    depth,
                    serial_hex: crl::serial_hex(&serial),
                    subject: cert.subject().to_string(),
                    source: RevocationSource::LocalStore { index },
                    revocation_date: None,
                    reason: None,
                });
            }
        }
    }
    None
}

fn parse_crls(raw: &[Vec<u8>]) -> Result<Vec<Crl>, VerifyError> {
    raw.iter()
        .enumerate()
        .map(|(index, bytes)| {
            crl::parse_crl(bytes).map_err(|source| VerifyError::Crl { index, source })
        })
        .collect()
}

/// Checks `chain` (leaf first, anchor last) against the CRLs; see the module docs for the rules.
fn check_crls(
    chain: &[Vec<u8>],
    crls: &[Crl],
    at: OffsetDateTime,
    warnings: &mut Vec<String>,
) -> Result<Option<RevocationInfo>, VerifyError> {
    let mut found = None;
    let mut warned = vec![false; crls.len()];
    let mut matched = vec![false; crls.len()];
    for (depth, pair) in chain.windows(2).enumerate() {
        let (Some(cert_der), Some(issuer_der)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let (Ok((_, cert)), Ok((_, issuer))) = (
            X509Certificate::from_der(cert_der),
            X509Certificate::from_der(issuer_der),
        ) else {
            warnings.push(format!(
                "certificate at depth {depth} could not be re-read for the revocation check"
            ));
            continue;
        };
        for (index, crl) in crls.iter().enumerate() {
            if !names_match(&crl.issuer_raw, cert.issuer().as_raw()) {
                continue;
            }
            if let Some(m) = matched.get_mut(index) {
                *m = true;
            }
            if (crl.only_user_certs && depth > 0) || (crl.only_ca_certs && depth == 0) {
                continue;
            }
            crl.verify_signature_with_spki(issuer.public_key().raw)
                .map_err(|source| VerifyError::CrlSignature {
                    index,
                    issuer: crl.issuer_dn.clone(),
                    source,
                })?;
            if let Ok(Some(ku)) = issuer.key_usage()
                && !ku.value.crl_sign()
            {
                return Err(VerifyError::IssuerNotCrlSigner {
                    index,
                    issuer: issuer.subject().to_string(),
                });
            }
            let expired = crl.is_expired_at(at);
            if expired && !warned.get(index).copied().unwrap_or(true) {
                if let Some(w) = warned.get_mut(index) {
                    *w = true;
                }
                warnings.push(format!(
                    "CRL #{index} from `{}` expired at its nextUpdate {}; the revocations it lists \
                     still count, but it cannot prove that other certificates are not revoked",
                    crl.issuer_dn,
                    crl.next_update.map(|t| t.to_string()).unwrap_or_default()
                ));
            }
            let Some(entry) = crl.find_serial(cert.raw_serial()) else {
                continue;
            };
            if entry.revocation_date > at {
                continue;
            }
            if found.is_none() {
                found = Some(RevocationInfo {
                    depth,
                    serial_hex: entry.serial_hex.clone(),
                    subject: cert.subject().to_string(),
                    source: RevocationSource::Crl {
                        index,
                        issuer: crl.issuer_dn.clone(),
                        expired,
                    },
                    revocation_date: Some(entry.revocation_date),
                    reason: Some(entry.reason_name()),
                });
            }
        }
    }
    for (index, crl) in crls.iter().enumerate() {
        if !matched.get(index).copied().unwrap_or(true) {
            warnings.push(format!(
                "CRL #{index} from `{}` names no issuer on this certificate's path: it was not used",
                crl.issuer_dn
            ));
        }
    }
    Ok(found)
}

/// OpenSSL's `sslclient` purpose checks that rustls-webpki does not make, applied to a path
/// webpki accepted (`chain`: the certificates above the leaf, anchor last):
/// - the leaf's keyUsage, when present, must allow digitalSignature or keyAgreement, and its
///   Netscape certificate type, when present, must allow an SSL client (OpenSSL error 26,
///   `unsupported certificate purpose`);
/// - every CA on the path (intermediates and anchor) whose keyUsage is present must allow
///   keyCertSign (OpenSSL error 32, `key usage does not include certificate signing`, the
///   error OpenSSL ends on for such a chain).
///
/// Returns the failure and a detail naming the certificate.
pub fn purpose_failure(leaf: &[u8], chain: &[Vec<u8>]) -> Option<(VerifyFailure, String)> {
    let (_, cert) = X509Certificate::from_der(leaf).ok()?;
    if let Ok(Some(ku)) = cert.key_usage()
        && !(ku.value.digital_signature() || ku.value.key_agreement())
    {
        return Some((
            VerifyFailure::UnsupportedPurpose,
            format!(
                "the client certificate's keyUsage ({}) allows neither digitalSignature nor keyAgreement",
                ku.value
            ),
        ));
    }
    let ns_client = cert
        .extensions()
        .iter()
        .find_map(|e| match e.parsed_extension() {
            ParsedExtension::NSCertType(t) => Some(t.ssl_client()),
            _ => None,
        });
    if ns_client == Some(false) {
        return Some((
            VerifyFailure::UnsupportedPurpose,
            "the client certificate's nsCertType does not allow an SSL client".into(),
        ));
    }
    for (i, der) in chain.iter().enumerate() {
        let Ok((_, ca)) = X509Certificate::from_der(der) else {
            continue;
        };
        if let Ok(Some(ku)) = ca.key_usage()
            && !ku.value.key_cert_sign()
        {
            return Some((
                VerifyFailure::KeyUsageNoCertSign,
                format!(
                    "the CA at depth {} ({}) has keyUsage {} without keyCertSign",
                    i + 1,
                    crate::pki::dn::rfc2253(ca.subject()),
                    ku.value
                ),
            ));
        }
    }
    None
}

/// Whether two DER `Name`s are the same name as RFC 5280 §7.1 compares them: the same RDNs in
/// the same order, each the same set of attributes; string values (PrintableString,
/// UTF8String, IA5String, VisibleString, TeletexString, BMPString, UniversalString) compare
/// after case folding and whitespace collapsing (leading and trailing removed, inner runs to one
/// space), whatever their string type; other values compare as encoded. OpenSSL matches CRLs
/// to issuers by the same canonical form, so a CRL whose issuer is `PrintableString` while the
/// certificate says `UTF8String` still applies.
pub fn names_match(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    match (canonical_name(a), canonical_name(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum CanonValue {
    Text(String),
    Raw(u32, Vec<u8>),
}

type CanonRdn = Vec<(Vec<u8>, CanonValue)>;

fn canonical_name(der: &[u8]) -> Option<Vec<CanonRdn>> {
    use x509_parser::x509::X509Name;
    let (rest, name) = X509Name::from_der(der).ok()?;
    if !rest.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for rdn in name.iter_rdn() {
        let mut avas: CanonRdn = rdn
            .iter()
            .map(|ava| {
                let v = ava.attr_value();
                (
                    ava.attr_type().as_bytes().to_vec(),
                    canonical_value(v.tag().0, v.data),
                )
            })
            .collect();
        avas.sort();
        out.push(avas);
    }
    Some(out)
}

fn canonical_value(tag: u32, data: &[u8]) -> CanonValue {
    let text: Option<String> = match tag {
        // UTF8String, PrintableString, IA5String, VisibleString
        12 | 19 | 22 | 26 => std::str::from_utf8(data).ok().map(str::to_string),
        // TeletexString: read as Latin-1, as OpenSSL does.
        20 => Some(data.iter().map(|&b| char::from(b)).collect()),
        // BMPString: UTF-16BE.
        30 if data.len().is_multiple_of(2) => {
            let units: Vec<u16> = data
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        // UniversalString: UTF-32BE.
        28 if data.len().is_multiple_of(4) => data
            .chunks_exact(4)
            .map(|c| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
            .collect(),
        _ => None,
    };
    match text {
        Some(t) => CanonValue::Text(
            t.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
        ),
        None => CanonValue::Raw(tag, data.to_vec()),
    }
}

fn not_verified(failure: VerifyFailure, err: &webpki::Error) -> VerifyOutcome {
    VerifyOutcome {
        verified: false,
        revoked: false,
        failure: Some(failure),
        failure_detail: Some(format!("{err:?}")),
        revocation: None,
        issuer: None,
        path: Vec::new(),
        warnings: Vec::new(),
    }
}

fn unix(secs: i64) -> UnixTime {
    UnixTime::since_unix_epoch(Duration::from_secs(u64::try_from(secs).unwrap_or(0)))
}

/// Maps a webpki error to the OpenSSL-style wording the edge uses.
fn map_error(err: &webpki::Error, req: &VerifyRequest) -> VerifyFailure {
    use webpki::Error as E;
    #[allow(deprecated)]
    match err {
        E::UnknownIssuer => unknown_issuer_kind(req),
        E::CertExpired { .. } => VerifyFailure::Expired,
        E::CertNotValidYet { .. } => VerifyFailure::NotYetValid,
        E::CaUsedAsEndEntity if leaf_self_signed_untrusted(req) => VerifyFailure::SelfSigned,
        E::RequiredEkuNotFound
        | E::RequiredEkuNotFoundContext(_)
        | E::EmptyEkuExtension
        | E::CaUsedAsEndEntity => VerifyFailure::UnsupportedPurpose,
        E::EndEntityUsedAsCa => VerifyFailure::InvalidCa,
        E::PathLenConstraintViolated => VerifyFailure::PathLengthExceeded,
        E::NameConstraintViolation => VerifyFailure::SubtreeViolation,
        E::MalformedNameConstraint | E::InvalidNetworkMaskConstraint => {
            VerifyFailure::NameConstraintSyntax
        }
        E::InvalidSignatureForPublicKey
        | E::UnsupportedSignatureAlgorithm
        | E::UnsupportedSignatureAlgorithmContext(_)
        | E::UnsupportedSignatureAlgorithmForPublicKey
        | E::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => VerifyFailure::SignatureFailure,
        E::UnsupportedCriticalExtension => VerifyFailure::UnhandledCriticalExtension,
        E::ExtensionValueInvalid => VerifyFailure::InvalidExtension,
        E::SignatureAlgorithmMismatch => VerifyFailure::SignatureAlgorithmInconsistency,
        E::MaximumPathDepthExceeded
        | E::MaximumPathBuildCallsExceeded
        | E::MaximumSignatureChecksExceeded => VerifyFailure::ChainTooLong,
        E::MaximumNameConstraintComparisonsExceeded => {
            VerifyFailure::Other("name constraints too complex to check".into())
        }
        E::BadDer
        | E::BadDerTime
        | E::TrailingData(_)
        | E::UnsupportedCertVersion
        | E::InvalidSerialNumber => VerifyFailure::Malformed,
        other => VerifyFailure::Other(other.to_string()),
    }
}

/// Chooses among OpenSSL's "no issuer" errors by following issuer names through what was sent,
/// the way OpenSSL builds its chain before giving up:
/// - the leaf is self-signed: `self signed certificate` (OpenSSL 18);
/// - the sent chain climbs to a self-signed certificate that is no anchor: `self signed
///   certificate in certificate chain` (19);
/// - no sent certificate issued the leaf: `unable to verify the first certificate` (21). A bare
///   `openssl verify` stops at 20 here, but a TLS server whose verify callback records the error
///   and carries on (as nginx's `optional_no_ca` does, and as Cloudflare's listed reasons imply)
///   ends on 21 for a one-certificate chain;
/// - otherwise `unable to get local issuer certificate` (20).
fn unknown_issuer_kind(req: &VerifyRequest) -> VerifyFailure {
    let Ok((_, leaf)) = X509Certificate::from_der(req.leaf) else {
        return VerifyFailure::UnableToGetLocalIssuer;
    };
    if is_self_signed(req.leaf, &leaf) {
        return VerifyFailure::SelfSigned;
    }
    let sent: Vec<(&[u8], X509Certificate<'_>)> = req
        .intermediates
        .iter()
        .filter_map(|d| {
            X509Certificate::from_der(d)
                .ok()
                .map(|(_, c)| (d.as_slice(), c))
        })
        .collect();
    let mut current_issuer = leaf.issuer().as_raw();
    let mut steps = 0usize;
    // Bounded walk: a cycle or a 100-certificate pathological chain must not loop forever.
    while steps < sent.len().min(32) {
        let Some((der, next)) = sent
            .iter()
            .find(|(_, c)| c.subject().as_raw() == current_issuer)
        else {
            break;
        };
        steps += 1;
        if is_self_signed(der, next) {
            return VerifyFailure::SelfSignedInChain;
        }
        current_issuer = next.issuer().as_raw();
    }
    if steps == 0 {
        VerifyFailure::UnableToVerifyFirst
    } else {
        VerifyFailure::UnableToGetLocalIssuer
    }
}

/// Subject equals issuer and the certificate's own key verifies its signature.
fn is_self_signed(der: &[u8], cert: &X509Certificate<'_>) -> bool {
    cert.subject().as_raw() == cert.issuer().as_raw()
        && crl::verify_signed_with_spki(der, cert.public_key().raw).is_ok()
}

/// The leaf is self-signed and is not one of the anchors.
fn leaf_self_signed_untrusted(req: &VerifyRequest) -> bool {
    X509Certificate::from_der(req.leaf).is_ok_and(|(_, leaf)| is_self_signed(req.leaf, &leaf))
        && !req.anchors.iter().any(|a| a.as_slice() == req.leaf)
}

fn subject_key_id(cert: &X509Certificate<'_>) -> Option<Vec<u8>> {
    cert.extensions()
        .iter()
        .find_map(|e| match e.parsed_extension() {
            ParsedExtension::SubjectKeyIdentifier(k) => Some(k.0.to_vec()),
            _ => None,
        })
}

fn authority_key_id(cert: &X509Certificate<'_>) -> Option<Vec<u8>> {
    cert.extensions()
        .iter()
        .find_map(|e| match e.parsed_extension() {
            ParsedExtension::AuthorityKeyIdentifier(a) => {
                a.key_identifier.as_ref().map(|k| k.0.to_vec())
            }
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIR: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/certs/rustls-test-ca/ecdsa-p256/"
    );

    fn der(name: &str) -> Vec<u8> {
        let bytes = std::fs::read(format!("{DIR}{name}")).unwrap();
        pem::parse(bytes).unwrap().into_contents()
    }

    fn now() -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }

    #[test]
    fn failure_wording_matches_cloudflare() {
        assert_eq!(
            VerifyFailure::SelfSigned.to_string(),
            "FAILED:self signed certificate"
        );
        assert_eq!(
            VerifyFailure::UnableToGetLocalIssuer.to_string(),
            "FAILED:unable to get local issuer certificate"
        );
        assert_eq!(
            VerifyFailure::UnableToVerifyFirst.to_string(),
            "FAILED:unable to verify the first certificate"
        );
        assert_eq!(
            VerifyFailure::Expired.to_string(),
            "FAILED:certificate has expired"
        );
        assert_eq!(
            VerifyFailure::NotYetValid.to_string(),
            "FAILED:certificate is not yet valid"
        );
    }

    #[test]
    fn good_chain_verifies_with_path_and_issuer() {
        let (leaf, inter, ca) = (der("client.cert"), der("inter.cert"), der("ca.cert"));
        let inters = [inter.clone()];
        let anchors = [ca.clone()];
        let out = verify_client(&VerifyRequest::new(&leaf, &inters, &anchors, now())).unwrap();
        assert!(out.verified && !out.revoked, "{out:?}");
        assert_eq!(out.path, vec![inter.clone(), ca]);
        assert_eq!(out.issuer, Some(inter));
    }

    #[test]
    fn leaf_only_with_unknown_issuer_is_unable_to_verify_first() {
        let (leaf, ca) = (der("client.cert"), der("ca.cert"));
        let anchors = [ca];
        let out = verify_client(&VerifyRequest::new(&leaf, &[], &anchors, now())).unwrap();
        assert_eq!(out.failure, Some(VerifyFailure::UnableToVerifyFirst));
    }

    #[test]
    fn self_signed_leaf_not_in_anchors() {
        // ca.cert is self-signed; presented as a leaf against another anchor it is refused.
        let (leaf, inter) = (der("ca.cert"), der("inter.cert"));
        let anchors = [inter];
        let out = verify_client(&VerifyRequest::new(&leaf, &[], &anchors, now())).unwrap();
        assert!(!out.verified);
        assert_eq!(out.failure, Some(VerifyFailure::SelfSigned));
        assert!(out.failure_detail.is_some());
    }

    #[test]
    fn chain_ending_in_untrusted_self_signed_root() {
        let (leaf, inter, ca) = (der("client.cert"), der("inter.cert"), der("ca.cert"));
        let inters = [inter, ca];
        let other = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/certs/rustls-test-ca/rsa-2048/ca.der"
        ))
        .unwrap();
        let anchors = [other];
        let out = verify_client(&VerifyRequest::new(&leaf, &inters, &anchors, now())).unwrap();
        assert_eq!(out.failure, Some(VerifyFailure::SelfSignedInChain));
    }

    #[test]
    fn local_store_revokes_by_key_id_or_name() {
        let (leaf, inter, ca) = (der("client.cert"), der("inter.cert"), der("ca.cert"));
        let (_, inter_cert) = X509Certificate::from_der(&inter).unwrap();
        let ski = subject_key_id(&inter_cert).unwrap();
        let chain = [leaf.clone(), inter.clone(), ca.clone()];
        let by_ski = [RevokedSerial {
            issuer: IssuerRef::KeyId(ski),
            serial: vec![0x00, 0x19],
        }];
        let hit = check_revoked_serials(&chain, &by_ski).unwrap();
        assert_eq!((hit.depth, hit.serial_hex.as_str()), (0, "19"));
        // x509-parser's raw Name is the full DER SEQUENCE, as `IssuerRef::NameDer` documents.
        assert_eq!(inter_cert.subject().as_raw().first(), Some(&0x30));
        let by_name = [RevokedSerial {
            issuer: IssuerRef::NameDer(inter_cert.subject().as_raw().to_vec()),
            serial: vec![0x19],
        }];
        assert!(check_revoked_serials(&chain, &by_name).is_some());
        let wrong_issuer = [RevokedSerial {
            issuer: IssuerRef::KeyId(vec![1, 2, 3]),
            serial: vec![0x19],
        }];
        assert!(check_revoked_serials(&chain, &wrong_issuer).is_none());

        let inters = [inter];
        let anchors = [ca];
        let req = VerifyRequest {
            revoked_serials: &by_ski,
            ..VerifyRequest::new(&leaf, &inters, &anchors, now())
        };
        let out = verify_client(&req).unwrap();
        assert!(out.verified && out.revoked);
        assert_eq!(
            out.revocation.unwrap().source,
            RevocationSource::LocalStore { index: 0 }
        );
    }

    #[test]
    fn revocation_dated_after_validation_time_is_not_in_force() {
        let (leaf, inter, ca) = (der("client.cert"), der("inter.cert"), der("ca.cert"));
        let crl = std::fs::read(format!("{DIR}client.revoked.crl.pem")).unwrap();
        let (inters, anchors, crls) = ([inter], [ca], [crl]);
        let before = time::macros::datetime!(2024-07-01 0:00 UTC);
        let req = VerifyRequest {
            crls: &crls,
            ..VerifyRequest::new(&leaf, &inters, &anchors, before)
        };
        let out = verify_client(&req).unwrap();
        assert!(out.verified && !out.revoked);
    }

    #[test]
    fn bad_anchor_is_an_input_error() {
        let leaf = der("client.cert");
        let anchors = [vec![0x30, 0x00]];
        assert!(matches!(
            verify_client(&VerifyRequest::new(&leaf, &[], &anchors, now())),
            Err(VerifyError::Anchor { index: 0, .. })
        ));
    }

    #[test]
    fn webpki_errors_map_to_openssl_wording() {
        use webpki::Error as E;
        let leaf = der("client.cert");
        let req = VerifyRequest::new(&leaf, &[], &[], now());
        let t = UnixTime::since_unix_epoch(Duration::from_secs(0));
        for (err, want) in [
            (
                E::CertExpired {
                    time: t,
                    not_after: t,
                },
                VerifyFailure::Expired,
            ),
            (
                E::CertNotValidYet {
                    time: t,
                    not_before: t,
                },
                VerifyFailure::NotYetValid,
            ),
            (E::EmptyEkuExtension, VerifyFailure::UnsupportedPurpose),
            (E::CaUsedAsEndEntity, VerifyFailure::UnsupportedPurpose),
            (E::EndEntityUsedAsCa, VerifyFailure::InvalidCa),
            (
                E::PathLenConstraintViolated,
                VerifyFailure::PathLengthExceeded,
            ),
            (E::NameConstraintViolation, VerifyFailure::SubtreeViolation),
            (
                E::InvalidSignatureForPublicKey,
                VerifyFailure::SignatureFailure,
            ),
            (
                E::UnsupportedCriticalExtension,
                VerifyFailure::UnhandledCriticalExtension,
            ),
            (E::MaximumPathDepthExceeded, VerifyFailure::ChainTooLong),
            (E::BadDer, VerifyFailure::Malformed),
            (E::UnknownIssuer, VerifyFailure::UnableToVerifyFirst),
        ] {
            assert_eq!(map_error(&err, &req), want, "{err:?}");
        }
    }

    #[test]
    fn junk_intermediates_are_skipped() {
        let (leaf, inter, ca) = (der("client.cert"), der("inter.cert"), der("ca.cert"));
        let inters = [vec![1, 2, 3], der("end.cert"), inter];
        let anchors = [ca];
        let out = verify_client(&VerifyRequest::new(&leaf, &inters, &anchors, now())).unwrap();
        assert!(out.verified, "{out:?}");
    }
}
