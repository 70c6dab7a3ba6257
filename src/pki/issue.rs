//! Issuing certificates and CSRs with the profiles Cloudflare mTLS needs.
//!
//! Owns the certificate profiles as types: a [`Profile`] decides basic constraints, key
//! usage and EKU; [`issue`] always sets what a correct certificate needs (a random positive
//! serial of 126 bits, an RFC 5280 method 1 SKI, an AKI key id equal to the issuer's SKI,
//! notBefore backdated five minutes) and refuses a certificate that would outlive its issuer.
//! A client certificate cannot be built without an [`Issuer`].

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, DnValue,
    ExtendedKeyUsagePurpose, IsCa, KeyIdMethod, KeyPair, KeyUsagePurpose, PublicKeyData, SanType,
    SerialNumber,
};
use time::OffsetDateTime;

use super::cert;
use super::spec::{San, Subject};

/// How far notBefore is backdated, to tolerate clock skew.
pub const BACKDATE: time::Duration = time::Duration::minutes(5);

/// What kind of certificate to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// A self-signed root CA.
    RootCa,
    /// An intermediate CA (pathlen 0).
    IntermediateCa,
    /// A TLS client certificate (EKU clientAuth only).
    Client,
    /// A TLS server certificate (EKU serverAuth only; at least one DNS or IP SAN), for the
    /// local edge `mtlsctl serve` runs.
    Server,
}

impl Profile {
    /// The default lifetime in days: CA 10 years, intermediate 5, client 1.
    pub fn default_days(self) -> u32 {
        match self {
            Profile::RootCa => 3650,
            Profile::IntermediateCa => 1825,
            Profile::Client => 365,
            Profile::Server => 30,
        }
    }

    /// The index / JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::RootCa => "root_ca",
            Profile::IntermediateCa => "intermediate_ca",
            Profile::Client => "client",
            Profile::Server => "server",
        }
    }

    /// A human name.
    pub fn describe(self) -> &'static str {
        match self {
            Profile::RootCa => "root CA",
            Profile::IntermediateCa => "intermediate CA",
            Profile::Client => "client certificate",
            Profile::Server => "server certificate",
        }
    }
}

/// The certificate that signs, with its key.
pub struct Issuer<'a> {
    /// The issuer certificate (DER).
    pub cert_der: &'a [u8],
    /// The issuer's private key.
    pub key: &'a KeyPair,
}

/// What to put in a certificate.
#[derive(Debug, Clone)]
pub struct CertSpec {
    /// The profile.
    pub profile: Profile,
    /// The subject (must hold a CN for a client).
    pub subject: Subject,
    /// Subject alternative names.
    pub sans: Vec<San>,
    /// notAfter.
    pub not_after: OffsetDateTime,
}

/// A freshly issued certificate.
#[derive(Debug, Clone)]
pub struct Issued {
    /// DER.
    pub der: Vec<u8>,
    /// PEM.
    pub pem: String,
    /// Serial, upper-case hex.
    pub serial: String,
    /// Own SKI, upper-case hex.
    pub ski: String,
    /// Issuer SKI (AKI key id), upper-case hex; equal to `ski` for a root.
    pub issuer_ski: String,
    /// notAfter.
    pub not_after: OffsetDateTime,
}

/// Errors while issuing.
#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    /// The issuer certificate is unusable.
    #[error("issuer certificate: {0}")]
    Issuer(String),
    /// The issuer key does not belong to the issuer certificate.
    #[error("the issuer key does not match the issuer certificate's public key")]
    KeyMismatch,
    /// The leaf would outlive the issuer.
    #[error(
        "the certificate would expire on {leaf}, after its issuer ({issuer}); choose a shorter --days / --not-after"
    )]
    OutlivesIssuer {
        /// Leaf notAfter.
        leaf: String,
        /// Issuer notAfter.
        issuer: String,
    },
    /// notAfter in the past.
    #[error("the validity end {0} is in the past")]
    InThePast(String),
    /// The profile needs something the spec lacks.
    #[error("{0}")]
    Spec(String),
    /// rcgen refused.
    #[error("could not build the certificate: {0}")]
    Build(String),
    /// Random source.
    #[error(transparent)]
    Rand(#[from] super::rand::RandError),
}

fn build(e: rcgen::Error) -> IssueError {
    IssueError::Build(e.to_string())
}

/// A random positive serial: 16 bytes, top bit clear and second bit set, so the DER INTEGER
/// is always 16 bytes long with 126 bits of entropy.
pub fn random_serial() -> Result<Vec<u8>, IssueError> {
    let mut b = [0u8; 16];
    super::rand::fill(&mut b)?;
    b[0] = (b[0] & 0x7f) | 0x40;
    Ok(b.to_vec())
}

fn distinguished_name(subject: &Subject) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    for (attr, value) in &subject.entries {
        let ty = DnType::from_oid(attr.oid);
        let v = if attr.printable {
            match rcgen::string::PrintableString::try_from(value.as_str()) {
                Ok(p) => DnValue::PrintableString(p),
                Err(_) => DnValue::Utf8String(value.clone()),
            }
        } else if attr.short == "emailAddress" || attr.short == "DC" {
            match rcgen::string::Ia5String::try_from(value.as_str()) {
                Ok(p) => DnValue::Ia5String(p),
                Err(_) => DnValue::Utf8String(value.clone()),
            }
        } else {
            DnValue::Utf8String(value.clone())
        };
        dn.push(ty, v);
    }
    dn
}

fn san_types(sans: &[San]) -> Result<Vec<SanType>, IssueError> {
    sans.iter()
        .map(|s| {
            let ia5 = |v: &str| {
                rcgen::string::Ia5String::try_from(v).map_err(|e| IssueError::Spec(e.to_string()))
            };
            Ok(match s {
                San::Dns(d) => SanType::DnsName(ia5(d)?),
                San::Ip(ip) => SanType::IpAddress(*ip),
                San::Uri(u) => SanType::URI(ia5(u)?),
                San::Email(e) => SanType::Rfc822Name(ia5(e)?),
            })
        })
        .collect()
}

/// Issues a certificate for `subject_key` (a key pair or a CSR's public key).
///
/// A root is self-signed with `self_key`; everything else is signed by `issuer`.
pub fn issue(
    spec: &CertSpec,
    subject_key: &impl PublicKeyData,
    signer: Signer<'_>,
    now: OffsetDateTime,
) -> Result<Issued, IssueError> {
    if spec.not_after <= now {
        return Err(IssueError::InThePast(spec.not_after.to_string()));
    }
    if spec.profile == Profile::Client && spec.subject.cn().is_none() {
        return Err(IssueError::Spec("a client certificate needs a CN".into()));
    }
    if spec.profile == Profile::Server
        && !spec
            .sans
            .iter()
            .any(|s| matches!(s, San::Dns(_) | San::Ip(_)))
    {
        return Err(IssueError::Spec(
            "a server certificate needs a DNS or IP subject alternative name".into(),
        ));
    }
    let spki = subject_key.subject_public_key_info();
    let ski = cert::key_id_method1(&spki)
        .ok_or_else(|| IssueError::Spec("the public key could not be parsed".into()))?;
    let serial = random_serial()?;

    let mut params = CertificateParams::default();
    params.distinguished_name = distinguished_name(&spec.subject);
    params.subject_alt_names = san_types(&spec.sans)?;
    params.serial_number = Some(SerialNumber::from_slice(&serial));
    params.key_identifier_method = KeyIdMethod::PreSpecified(ski.clone());
    params.not_before = now - BACKDATE;
    params.not_after = spec.not_after;
    match spec.profile {
        Profile::RootCa | Profile::IntermediateCa => {
            params.is_ca = IsCa::Ca(if spec.profile == Profile::RootCa {
                BasicConstraints::Unconstrained
            } else {
                BasicConstraints::Constrained(0)
            });
            params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        }
        Profile::Client => {
            params.is_ca = IsCa::ExplicitNoCa;
            params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
            if signer_is_rsa_key(subject_key) {
                params.key_usages.push(KeyUsagePurpose::KeyEncipherment);
            }
            params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        }
        Profile::Server => {
            params.is_ca = IsCa::ExplicitNoCa;
            params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
            if signer_is_rsa_key(subject_key) {
                params.key_usages.push(KeyUsagePurpose::KeyEncipherment);
            }
            params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        }
    }

    let (der, issuer_ski) = match signer {
        Signer::SelfSigned(key) => {
            if spec.profile != Profile::RootCa {
                return Err(IssueError::Spec(format!(
                    "a {} must be signed by a CA",
                    spec.profile.describe()
                )));
            }
            let c = params.self_signed(key).map_err(build)?;
            (c.der().to_vec(), ski.clone())
        }
        Signer::Ca(issuer) => {
            let ca = cert::parse(issuer.cert_der).map_err(|e| IssueError::Issuer(e.0))?;
            if !ca.is_ca() {
                return Err(IssueError::Issuer(
                    "it is not a CA (basicConstraints CA:FALSE or absent)".into(),
                ));
            }
            if ca.public_key().raw != issuer.key.subject_public_key_info().as_slice() {
                return Err(IssueError::KeyMismatch);
            }
            let ca_ski = match cert::ski(&ca) {
                Some(s) => s.to_vec(),
                None => cert::key_id_method1(ca.public_key().raw)
                    .ok_or_else(|| IssueError::Issuer("unreadable public key".into()))?,
            };
            let ca_not_after = ca.validity().not_after.to_datetime();
            if spec.not_after > ca_not_after {
                return Err(IssueError::OutlivesIssuer {
                    leaf: spec.not_after.date().to_string(),
                    issuer: ca_not_after.date().to_string(),
                });
            }
            if ca_not_after <= now {
                return Err(IssueError::Issuer("it has expired".into()));
            }
            params.use_authority_key_identifier_extension = true;
            let issuer_dn = dn_from_x509(ca.subject()).ok_or_else(|| {
                IssueError::Issuer("its subject name uses encodings mtlsctl cannot reproduce (multi-valued or unusual string types)".into())
            })?;
            let mut issuer_params = CertificateParams::default();
            issuer_params.distinguished_name = issuer_dn;
            // The AKI is the issuer's SKI as it carries it (or method 1 when it has none).
            issuer_params.key_identifier_method = KeyIdMethod::PreSpecified(ca_ski.clone());
            let rc_issuer = rcgen::Issuer::new(issuer_params, issuer.key);
            let c = params.signed_by(subject_key, &rc_issuer).map_err(build)?;
            let der = c.der().to_vec();
            // rcgen re-encodes the issuer name; webpki matches names byte for byte.
            let leaf = cert::parse(&der).map_err(|e| IssueError::Build(e.0))?;
            if leaf.issuer().as_raw() != ca.subject().as_raw() {
                return Err(IssueError::Issuer(
                    "its subject name could not be reproduced exactly in the new certificate's issuer field".into(),
                ));
            }
            (der, ca_ski)
        }
    };
    let pem = pem::encode(&pem::Pem::new("CERTIFICATE", der.clone()));
    Ok(Issued {
        pem,
        serial: cert::hex_upper(&serial),
        ski: cert::hex_upper(&ski),
        issuer_ski: cert::hex_upper(&issuer_ski),
        not_after: spec.not_after,
        der,
    })
}

/// Rebuilds an rcgen name from a parsed one, keeping each value's string type, so the new
/// certificate's issuer field matches the CA's subject byte for byte. `None` when the name
/// has a multi-valued or empty RDN or a string type rcgen cannot write.
fn dn_from_x509(name: &x509_parser::x509::X509Name<'_>) -> Option<DistinguishedName> {
    use x509_parser::der_parser::asn1_rs::Tag;
    let mut dn = DistinguishedName::new();
    for rdn in name.iter() {
        let mut atvs = rdn.iter();
        let atv = atvs.next()?;
        if atvs.next().is_some() {
            return None;
        }
        let oid: Vec<u64> = atv.attr_type().iter()?.collect();
        let data = atv.attr_value().data;
        let text = || std::str::from_utf8(data).ok();
        let value = match atv.attr_value().header.tag() {
            Tag::Utf8String => DnValue::Utf8String(text()?.to_owned()),
            Tag::PrintableString => DnValue::PrintableString(text()?.try_into().ok()?),
            Tag::Ia5String => DnValue::Ia5String(text()?.try_into().ok()?),
            Tag::T61String => DnValue::TeletexString(text()?.try_into().ok()?),
            Tag::BmpString => {
                DnValue::BmpString(rcgen::string::BmpString::from_utf16be(data.to_vec()).ok()?)
            }
            Tag::UniversalString => DnValue::UniversalString(
                rcgen::string::UniversalString::from_utf32be(data.to_vec()).ok()?,
            ),
            _ => return None,
        };
        let ty = DnType::from_oid(&oid);
        if dn.get(&ty).is_some() {
            // rcgen keeps one value per attribute type.
            return None;
        }
        dn.push(ty, value);
    }
    Some(dn)
}

fn signer_is_rsa_key(key: &impl PublicKeyData) -> bool {
    key.algorithm() == &rcgen::PKCS_RSA_SHA256
        || key.algorithm() == &rcgen::PKCS_RSA_SHA384
        || key.algorithm() == &rcgen::PKCS_RSA_SHA512
}

/// Who signs a certificate.
pub enum Signer<'a> {
    /// The subject's own key (a root CA).
    SelfSigned(&'a KeyPair),
    /// A CA.
    Ca(Issuer<'a>),
}

/// Builds a PKCS#10 CSR (PEM) for `key` with `subject` and `sans`.
pub fn make_csr(subject: &Subject, sans: &[San], key: &KeyPair) -> Result<String, IssueError> {
    let mut params = CertificateParams::default();
    params.distinguished_name = distinguished_name(subject);
    params.subject_alt_names = san_types(sans)?;
    let csr = params.serialize_request(key).map_err(build)?;
    csr.pem().map_err(build)
}

/// A CSR whose signature verified, reduced to what mtlsctl takes from it.
pub struct VerifiedCsr {
    /// The requested subject, rebuilt from the CSR.
    pub subject: Subject,
    /// The requested SANs.
    pub sans: Vec<San>,
    /// The public key.
    pub public_key: rcgen::SubjectPublicKeyInfo,
    /// True if the CSR asked for CA:TRUE (ignored, but reported).
    pub asked_for_ca: bool,
}

/// Rebuilds a [`Subject`] from a parsed name (attributes mtlsctl can write only).
fn subject_of(
    name: &x509_parser::x509::X509Name<'_>,
    bad: &dyn Fn(String) -> IssueError,
) -> Result<Subject, IssueError> {
    let mut subject = Subject::default();
    for rdn in name.iter() {
        for atv in rdn.iter() {
            let oid: Vec<u64> = atv
                .attr_type()
                .iter()
                .map(|arcs| arcs.collect())
                .unwrap_or_default();
            let Some((_, attr)) = super::spec::ATTRS
                .iter()
                .find(|(_, a)| a.oid == oid.as_slice())
            else {
                return Err(bad(format!(
                    "unsupported subject attribute {}",
                    atv.attr_type()
                )));
            };
            let value = atv
                .as_str()
                .map_err(|_| bad(format!("{} is not a readable string", attr.short)))?;
            subject.entries.push((*attr, value.to_string()));
        }
    }
    Ok(subject)
}

/// The SANs mtlsctl can write, from parsed general names.
fn sans_of(
    names: &[x509_parser::extensions::GeneralName<'_>],
    bad: &dyn Fn(String) -> IssueError,
) -> Result<Vec<San>, IssueError> {
    use x509_parser::extensions::GeneralName;
    let mut sans = Vec::new();
    for name in names {
        sans.push(match name {
            GeneralName::DNSName(d) => San::Dns(d.to_string()),
            GeneralName::RFC822Name(e) => San::Email(e.to_string()),
            GeneralName::URI(u) => San::Uri(u.to_string()),
            GeneralName::IPAddress(b) => San::Ip(match b.len() {
                4 => std::net::IpAddr::from(
                    <[u8; 4]>::try_from(*b).map_err(|_| bad("bad IP SAN".into()))?,
                ),
                16 => std::net::IpAddr::from(
                    <[u8; 16]>::try_from(*b).map_err(|_| bad("bad IP SAN".into()))?,
                ),
                _ => return Err(bad("an IP SAN of the wrong length".into())),
            }),
            other => return Err(bad(format!("unsupported SAN type {other}"))),
        });
    }
    Ok(sans)
}

/// What a renewal keeps from an existing certificate: subject, SANs and profile.
#[derive(Debug, Clone)]
pub struct RenewalFacts {
    /// The subject, rebuilt.
    pub subject: Subject,
    /// The SANs.
    pub sans: Vec<San>,
    /// The profile (root, intermediate or client).
    pub profile: Profile,
    /// The old validity's length (notAfter - notBefore).
    pub lifetime: time::Duration,
}

/// Reads what [`RenewalFacts`] holds from a certificate (DER).
pub fn renewal_facts(der: &[u8]) -> Result<RenewalFacts, IssueError> {
    use x509_parser::extensions::ParsedExtension;
    let bad = |m: String| IssueError::Spec(format!("certificate to renew: {m}"));
    let c = cert::parse(der).map_err(|e| bad(e.0))?;
    let subject = subject_of(c.subject(), &bad)?;
    let mut sans = Vec::new();
    let mut ca = None;
    let mut server_only = false;
    for ext in c.extensions() {
        match ext.parsed_extension() {
            ParsedExtension::SubjectAlternativeName(san) => {
                sans.extend(sans_of(&san.general_names, &bad)?)
            }
            ParsedExtension::BasicConstraints(bc) => ca = Some(bc.ca),
            ParsedExtension::ExtendedKeyUsage(eku) => {
                server_only = eku.server_auth && !eku.client_auth
            }
            _ => {}
        }
    }
    let profile = match ca {
        Some(true) if cert::is_self_signed(&c) => Profile::RootCa,
        Some(true) => Profile::IntermediateCa,
        _ if server_only => Profile::Server,
        _ => Profile::Client,
    };
    let v = c.validity();
    let lifetime = v.not_after.to_datetime() - v.not_before.to_datetime();
    Ok(RenewalFacts {
        subject,
        sans,
        profile,
        lifetime,
    })
}

/// Parses a CSR (DER), verifies its self-signature and extracts subject, SANs and key.
pub fn read_csr(der: &[u8]) -> Result<VerifiedCsr, IssueError> {
    use x509_parser::certification_request::X509CertificationRequest;
    use x509_parser::extensions::ParsedExtension;
    use x509_parser::prelude::FromDer;

    let bad = |m: String| IssueError::Spec(format!("certificate signing request: {m}"));
    let (rest, csr) = X509CertificationRequest::from_der(der).map_err(|e| bad(e.to_string()))?;
    if !rest.is_empty() {
        return Err(bad("trailing data after the CSR".into()));
    }
    let signed = super::sig::verify(
        &csr.certification_request_info.subject_pki,
        &csr.signature_algorithm,
        &csr.signature_value,
        csr.certification_request_info.raw,
    );
    if !signed {
        return Err(bad(
            "its signature does not verify: it was not signed by the key it carries".into(),
        ));
    }
    let info = &csr.certification_request_info;
    let subject = subject_of(&info.subject, &bad)?;
    let mut sans = Vec::new();
    let mut asked_for_ca = false;
    if let Some(exts) = csr.requested_extensions() {
        for ext in exts {
            match ext {
                ParsedExtension::SubjectAlternativeName(san) => {
                    sans.extend(sans_of(&san.general_names, &bad)?);
                }
                ParsedExtension::BasicConstraints(bc) => asked_for_ca |= bc.ca,
                _ => {}
            }
        }
    }
    let public_key = rcgen::SubjectPublicKeyInfo::from_der(info.subject_pki.raw)
        .map_err(|e| bad(format!("unsupported public key: {e}")))?;
    Ok(VerifiedCsr {
        subject,
        sans,
        public_key,
        asked_for_ca,
    })
}
