//! Issuing certificates and CSRs with the profiles Cloudflare mTLS needs.
//!
//! Owns the certificate profiles as types: a [`Profile`] decides basic constraints, key
//! usage and EKU; [`issue`] always sets what a correct certificate needs (a random positive
//! serial of 126 bits, an RFC 5280 method 1 SKI, an AKI key id equal to the issuer's SKI,
//! notBefore backdated five minutes) and refuses a certificate that would outlive its issuer.
//! A client certificate cannot be built without an [`Issuer`].

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, DnValue,
    ExtendedKeyUsagePurpose, IsCa, KeyIdMethod, KeyUsagePurpose, PublicKeyData, SanType,
    SerialNumber,
};
use time::OffsetDateTime;

use super::cert;
use super::keys::Key;
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

    /// The profile from its index / JSON spelling.
    pub fn from_index(s: &str) -> Option<Profile> {
        [Profile::RootCa, Profile::IntermediateCa, Profile::Client]
            .into_iter()
            .find(|p| p.as_str() == s)
    }

    /// True for the CA profiles (root and intermediate).
    pub fn is_ca(self) -> bool {
        self != Profile::Client
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
    pub key: &'a Key,
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
            check_issuer_allows(&ca, spec, now)?;
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
    let pem = super::pem_lf("CERTIFICATE", der.clone());
    Ok(Issued {
        pem,
        serial: cert::hex_upper(&serial),
        ski: cert::hex_upper(&ski),
        issuer_ski: cert::hex_upper(&issuer_ski),
        not_after: spec.not_after,
        der,
    })
}

/// Refuses what a verifier would reject anyway, so mtlsctl never hands out a certificate that
/// cannot verify (fail closed at issuance): a CA under an issuer whose pathLenConstraint is 0,
/// an issuer that is not valid yet, and SANs outside the issuer's name constraints.
fn check_issuer_allows(
    ca: &x509_parser::certificate::X509Certificate<'_>,
    spec: &CertSpec,
    now: OffsetDateTime,
) -> Result<(), IssueError> {
    if spec.profile.is_ca()
        && let Ok(Some(bc)) = ca.basic_constraints()
        && bc.value.path_len_constraint == Some(0)
    {
        return Err(IssueError::Issuer(
            "its pathLenConstraint is 0: it may sign client certificates but no further CA (an intermediate under it would fail with \"path length constraint exceeded\"); sign the intermediate with the root instead".into(),
        ));
    }
    let not_before = ca.validity().not_before.to_datetime();
    if not_before > now {
        return Err(IssueError::Issuer(format!(
            "it is not valid yet (notBefore {not_before})"
        )));
    }
    let constraints = ca
        .name_constraints()
        .map_err(|e| IssueError::Issuer(format!("unreadable name constraints: {e}")))?;
    if let Some(nc) = constraints {
        check_name_constraints(nc.value, &spec.sans)?;
    }
    Ok(())
}

/// RFC 5280 §4.2.1.10 for the SAN types mtlsctl writes: each SAN must lie in a permitted
/// subtree of its type (when the issuer has any of that type) and in no excluded subtree.
/// Constraints of other types (directoryName, otherName...) are not evaluated, so they refuse.
fn check_name_constraints(
    nc: &x509_parser::extensions::NameConstraints<'_>,
    sans: &[San],
) -> Result<(), IssueError> {
    use x509_parser::extensions::GeneralName;
    let permitted: Vec<&GeneralName<'_>> = nc
        .permitted_subtrees
        .iter()
        .flatten()
        .map(|t| &t.base)
        .collect();
    let excluded: Vec<&GeneralName<'_>> = nc
        .excluded_subtrees
        .iter()
        .flatten()
        .map(|t| &t.base)
        .collect();
    for base in permitted.iter().chain(&excluded) {
        if !matches!(
            base,
            GeneralName::DNSName(_)
                | GeneralName::IPAddress(_)
                | GeneralName::RFC822Name(_)
                | GeneralName::URI(_)
        ) {
            return Err(IssueError::Issuer(format!(
                "it has a name constraint on {base}, which mtlsctl does not evaluate; refusing rather than issuing a certificate that may not verify"
            )));
        }
    }
    // (constraint, san) -> Some(matches) when they are of the same type.
    let applies = |base: &GeneralName<'_>, san: &San| -> Option<bool> {
        Some(match (base, san) {
            (GeneralName::DNSName(c), San::Dns(d)) => dns_within(d, c),
            (GeneralName::IPAddress(c), San::Ip(ip)) => ip_within(ip, c),
            (GeneralName::RFC822Name(c), San::Email(e)) => email_within(e, c),
            (GeneralName::URI(c), San::Uri(u)) => uri_host(u).is_some_and(|h| host_within(h, c)),
            _ => return None,
        })
    };
    for san in sans {
        if excluded.iter().any(|b| applies(b, san) == Some(true)) {
            return Err(IssueError::Spec(format!(
                "the SAN {san} is excluded by the issuer's name constraints"
            )));
        }
        let same_type: Vec<bool> = permitted.iter().filter_map(|b| applies(b, san)).collect();
        if !same_type.is_empty() && !same_type.contains(&true) {
            return Err(IssueError::Spec(format!(
                "the SAN {san} is outside the issuer's permitted name constraints"
            )));
        }
    }
    Ok(())
}

/// A DNS name within a dNSName constraint: equal to it or a subdomain (a leading `.` means
/// subdomains only), case-insensitive.
fn dns_within(name: &str, constraint: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let c = constraint.to_ascii_lowercase();
    if c.is_empty() {
        return true;
    }
    match c.strip_prefix('.') {
        Some(_) => name.ends_with(&c),
        None => name == c || name.ends_with(&format!(".{c}")),
    }
}

/// A host within a URI constraint: equal to it, or a subdomain when it starts with `.`.
fn host_within(host: &str, constraint: &str) -> bool {
    let host = host.to_ascii_lowercase();
    let c = constraint.to_ascii_lowercase();
    match c.strip_prefix('.') {
        Some(_) => host.ends_with(&c),
        None => host == c,
    }
}

/// The host of `scheme://host[:port]/...`, if there is one.
fn uri_host(uri: &str) -> Option<&str> {
    let rest = uri.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

/// An email within an rfc822Name constraint: a full address, a host, or `.domain`.
fn email_within(email: &str, constraint: &str) -> bool {
    if constraint.contains('@') {
        return email.eq_ignore_ascii_case(constraint);
    }
    let Some((_, domain)) = email.rsplit_once('@') else {
        return false;
    };
    host_within(domain, constraint)
}

/// An IP address within an iPAddress constraint (address then mask, 8 or 32 bytes).
fn ip_within(ip: &std::net::IpAddr, constraint: &[u8]) -> bool {
    let addr: Vec<u8> = match ip {
        std::net::IpAddr::V4(v4) => v4.octets().to_vec(),
        std::net::IpAddr::V6(v6) => v6.octets().to_vec(),
    };
    if constraint.len() != addr.len() * 2 {
        return false;
    }
    let (base, mask) = constraint.split_at(addr.len());
    addr.iter()
        .zip(base)
        .zip(mask)
        .all(|((a, b), m)| a & m == b & m)
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
    SelfSigned(&'a Key),
    /// A CA.
    Ca(Issuer<'a>),
}

/// Builds a PKCS#10 CSR (PEM) for `key` with `subject` and `sans`.
pub fn make_csr(subject: &Subject, sans: &[San], key: &Key) -> Result<String, IssueError> {
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

/// Refuses to renew a certificate that `issuer_der` did not sign: a renewal re-certifies the
/// old subject (and, with a reused key, the old key), so the signer must have vouched for
/// them once already. A certificate from another CA (even one with the same name) is refused.
pub fn check_issued_by(old_der: &[u8], issuer_der: &[u8]) -> Result<(), IssueError> {
    let old = cert::parse(old_der)
        .map_err(|e| IssueError::Spec(format!("certificate to renew: {}", e.0)))?;
    let ca = cert::parse(issuer_der).map_err(|e| IssueError::Issuer(e.0))?;
    if cert::is_signed_by(&old, &ca) {
        return Ok(());
    }
    Err(IssueError::Spec(format!(
        "it was not issued by the signing CA ({}): mtlsctl renews only certificates that CA signed; issue a new one with `cert create` or `cert sign` instead",
        super::dn::rfc2253(ca.subject())
    )))
}

/// Signature algorithms refused on a CSR: MD5 and SHA-1 with RSA, ECDSA and DSA.
const WEAK_SIGNATURES: &[&str] = &[
    "1.2.840.113549.1.1.4",
    "1.2.840.113549.1.1.5",
    "1.3.14.3.2.29",
    "1.2.840.10045.4.1",
    "1.2.840.10040.4.3",
];

/// Parses a CSR (DER), verifies its self-signature and extracts subject, SANs and key.
///
/// Refused like `cert create` refuses them: SHA-1/MD5 signatures, keys other than P-256,
/// P-384, Ed25519 and RSA of at least 2048 bits, and subject values or SANs that `--subject`
/// and `--san` would refuse (control characters, invalid DNS names...).
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
    // What `cert create` refuses, a CSR does not obtain: weak hashes and small RSA keys.
    let sig_alg = csr.signature_algorithm.algorithm.to_id_string();
    if WEAK_SIGNATURES.contains(&sig_alg.as_str()) {
        return Err(bad(format!(
            "it is signed with SHA-1 or MD5 ({sig_alg}); make a new CSR with SHA-256 (openssl req -sha256)"
        )));
    }
    if !signed {
        return Err(bad(
            "its signature does not verify: it was not signed by the key it carries".into(),
        ));
    }
    let info = &csr.certification_request_info;
    super::keys::check_certifiable(&info.subject_pki).map_err(|e| bad(e.to_string()))?;
    let subject = subject_of(&info.subject, &bad)?;
    for (attr, value) in &subject.entries {
        super::spec::check_value(attr, value).map_err(|e| bad(e.to_string()))?;
    }
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
    for san in &sans {
        san.check().map_err(|e| bad(e.to_string()))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_constraint_matching() {
        assert!(dns_within("a.acme.com", "acme.com"));
        assert!(dns_within("ACME.com", "acme.com"));
        assert!(dns_within("*.acme.com", "acme.com"));
        assert!(!dns_within("evilacme.com", "acme.com"));
        assert!(!dns_within("acme.com", ".acme.com"));
        assert!(dns_within("x.acme.com", ".acme.com"));
        assert!(email_within("ops@acme.com", "acme.com"));
        assert!(!email_within("ops@x.acme.com", "acme.com"));
        assert!(email_within("ops@x.acme.com", ".acme.com"));
        assert!(email_within("OPS@acme.com", "ops@acme.com"));
        assert_eq!(uri_host("spiffe://acme.com/device/1"), Some("acme.com"));
        assert_eq!(uri_host("https://u@h.example:8443/x"), Some("h.example"));
        assert_eq!(uri_host("urn:x"), None);
        let v4 = "10.1.2.3".parse().unwrap();
        assert!(ip_within(&v4, &[10, 0, 0, 0, 255, 0, 0, 0]));
        assert!(!ip_within(&v4, &[11, 0, 0, 0, 255, 0, 0, 0]));
        assert!(!ip_within(
            &"::1".parse().unwrap(),
            &[10, 0, 0, 0, 255, 0, 0, 0]
        ));
    }
}
