//! `mtlsctl cert inspect FILE`: a certificate's facts and every certificate-derived
//! `cf.tls_client_auth.*` value the edge would compute, in the edge's exact format.

use serde::Serialize;
use sha1::{Digest, Sha1};
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::public_key::PublicKey;

use super::Ctx;
use crate::cli::InspectArgs;
use crate::commands::Answer;
use crate::edge::cert_fields::CertFields;
use crate::pki::sanitize::sanitize;
use crate::pki::{cert, dn, load};

#[derive(Debug, Serialize)]
struct InspectReport {
    file: String,
    subject: String,
    issuer: String,
    serial: String,
    not_before: String,
    not_after: String,
    key_type: String,
    key_bits: usize,
    signature_algorithm: String,
    sans: Vec<String>,
    key_usage: Vec<String>,
    extended_key_usage: Vec<String>,
    basic_constraints: Option<String>,
    ski: Option<String>,
    aki: Option<String>,
    fingerprint_sha1: String,
    fingerprint_sha256: String,
    self_signed: bool,
    #[serde(flatten)]
    cloudflare: serde_json::Map<String, serde_json::Value>,
}

/// Runs `cert inspect`.
pub fn run(args: InspectArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let input = load::load(&args.file)?;
    // Bytes after the certificate are ignored, as OpenSSL ignores them.
    let der = cert::exact(input.first_certificate()?);
    let c = cert::parse(der).map_err(|e| anyhow::anyhow!("{}: {e}", input.name))?;
    let issuer = find_issuer(&args, ctx, &c)?;
    let fields = CertFields::from_der(der, &[], issuer.as_deref())
        .map_err(|e| anyhow::anyhow!("{}: {e}", input.name))?;
    let mut cloudflare = serde_json::Map::new();
    for (name, value) in fields.entries() {
        cloudflare.insert(name.to_string(), serde_json::to_value(value)?);
    }
    let rfc3339 = time::format_description::well_known::Rfc3339;
    let (key_type, key_bits) = key_type(&c);
    let mut report = InspectReport {
        file: input.name.clone(),
        subject: dn::rfc2253(c.subject()),
        issuer: dn::rfc2253(c.issuer()),
        serial: cert::hex_upper(c.raw_serial()),
        not_before: c.validity().not_before.to_datetime().format(&rfc3339)?,
        not_after: c.validity().not_after.to_datetime().format(&rfc3339)?,
        key_type,
        key_bits,
        signature_algorithm: oid_name(&c.signature_algorithm.algorithm),
        sans: Vec::new(),
        key_usage: Vec::new(),
        extended_key_usage: Vec::new(),
        basic_constraints: None,
        ski: cert::ski(&c).map(cert::hex_upper),
        aki: cert::aki_key_id(&c).map(cert::hex_upper),
        fingerprint_sha1: hex::encode(Sha1::digest(der)),
        fingerprint_sha256: super::fingerprint_sha256(der),
        self_signed: cert::is_self_signed(&c),
        cloudflare,
    };
    for ext in c.extensions() {
        match ext.parsed_extension() {
            ParsedExtension::SubjectAlternativeName(san) => {
                report.sans = san.general_names.iter().map(general_name).collect();
            }
            ParsedExtension::KeyUsage(ku) => {
                report.key_usage = ku
                    .to_string()
                    .split(", ")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
            }
            ParsedExtension::ExtendedKeyUsage(eku) => {
                let mut v = Vec::new();
                for (on, name) in [
                    (eku.any, "anyExtendedKeyUsage"),
                    (eku.server_auth, "serverAuth"),
                    (eku.client_auth, "clientAuth"),
                    (eku.code_signing, "codeSigning"),
                    (eku.email_protection, "emailProtection"),
                    (eku.time_stamping, "timeStamping"),
                    (eku.ocsp_signing, "OCSPSigning"),
                ] {
                    if on {
                        v.push(name.to_string());
                    }
                }
                v.extend(eku.other.iter().map(|o| o.to_id_string()));
                report.extended_key_usage = v;
            }
            ParsedExtension::BasicConstraints(bc) => {
                report.basic_constraints = Some(match (bc.ca, bc.path_len_constraint) {
                    (true, Some(n)) => format!("CA:TRUE, pathlen:{n}"),
                    (true, None) => "CA:TRUE".into(),
                    (false, _) => "CA:FALSE".into(),
                });
            }
            _ => {}
        }
    }
    if ctx.out.json {
        ctx.out.json(&report)?;
    } else {
        human(ctx, &report)?;
    }
    Ok(Answer::Yes)
}

/// The issuer certificate: `--issuer` (which must have signed the file), else the store CA
/// when it did.
fn find_issuer(
    args: &InspectArgs,
    ctx: &Ctx,
    c: &x509_parser::certificate::X509Certificate<'_>,
) -> anyhow::Result<Option<Vec<u8>>> {
    if let Some(path) = &args.issuer {
        let input = load::load(path)?;
        let der = cert::exact(input.first_certificate()?).to_vec();
        let ca = cert::parse(&der).map_err(|e| anyhow::anyhow!("{}: {e}", input.name))?;
        if !cert::is_signed_by(c, &ca) {
            anyhow::bail!("{}: this CA did not sign the certificate", input.name);
        }
        return Ok(Some(der));
    }
    if !matches!(ctx.store.has_ca(), Ok(true)) {
        return Ok(None);
    }
    let Ok(input) = load::load(&ctx.store.ca_cert_path()) else {
        return Ok(None);
    };
    let Ok(der) = input.first_certificate().map(<[u8]>::to_vec) else {
        return Ok(None);
    };
    let signed = cert::parse(&der).is_ok_and(|ca| cert::is_signed_by(c, &ca));
    Ok(signed.then_some(der))
}

fn human(ctx: &mut Ctx, r: &InspectReport) -> anyhow::Result<()> {
    use colored::Colorize;
    let none = || "(none)".to_string();
    let rows: Vec<(&str, String)> = vec![
        ("subject", sanitize(&r.subject).into_owned()),
        ("issuer", sanitize(&r.issuer).into_owned()),
        ("serial", r.serial.clone()),
        ("not before", r.not_before.clone()),
        ("not after", r.not_after.clone()),
        ("key", format!("{} {} bits", r.key_type, r.key_bits)),
        ("signature", r.signature_algorithm.clone()),
        (
            "SANs",
            if r.sans.is_empty() {
                none()
            } else {
                sanitize(&r.sans.join(", ")).into_owned()
            },
        ),
        (
            "key usage",
            if r.key_usage.is_empty() {
                none()
            } else {
                r.key_usage.join(", ")
            },
        ),
        (
            "ext key usage",
            if r.extended_key_usage.is_empty() {
                none()
            } else {
                r.extended_key_usage.join(", ")
            },
        ),
        (
            "basic constraints",
            r.basic_constraints.clone().unwrap_or_else(none),
        ),
        ("SKI", r.ski.clone().unwrap_or_else(none)),
        ("AKI key id", r.aki.clone().unwrap_or_else(none)),
        ("SHA-1", r.fingerprint_sha1.clone()),
        ("SHA-256", r.fingerprint_sha256.clone()),
        ("self-signed", r.self_signed.to_string()),
    ];
    for (k, v) in rows {
        ctx.out.line(format!("{:<18} {}", k.bold(), v))?;
    }
    ctx.out.line("")?;
    ctx.out.line("Cloudflare edge fields:".bold().to_string())?;
    for (k, v) in &r.cloudflare {
        let shown = match v {
            serde_json::Value::String(s) => format!("\"{}\"", sanitize(s)),
            other => other.to_string(),
        };
        ctx.out.line(format!("  {k} = {shown}"))?;
    }
    Ok(())
}

fn general_name(n: &GeneralName<'_>) -> String {
    match n {
        GeneralName::DNSName(d) => format!("DNS:{d}"),
        GeneralName::RFC822Name(e) => format!("email:{e}"),
        GeneralName::URI(u) => format!("URI:{u}"),
        GeneralName::IPAddress(b) => match b.len() {
            4 => format!("IP:{}", std::net::Ipv4Addr::new(b[0], b[1], b[2], b[3])),
            16 => {
                let mut a = [0u8; 16];
                a.copy_from_slice(b);
                format!("IP:{}", std::net::Ipv6Addr::from(a))
            }
            _ => format!("IP:{}", hex::encode(b)),
        },
        other => format!("{other}"),
    }
}

fn key_type(c: &x509_parser::certificate::X509Certificate<'_>) -> (String, usize) {
    let spki = c.public_key();
    let alg = spki.algorithm.algorithm.to_id_string();
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => ("RSA".into(), rsa.key_size()),
        Ok(PublicKey::EC(ec)) => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| match o.to_id_string().as_str() {
                    "1.2.840.10045.3.1.7" => "P-256".to_string(),
                    "1.3.132.0.34" => "P-384".to_string(),
                    "1.3.132.0.35" => "P-521".to_string(),
                    other => other.to_string(),
                })
                .unwrap_or_else(|| "EC".into());
            (format!("ECDSA {curve}"), ec.key_size())
        }
        _ if alg == "1.3.101.112" => ("Ed25519".into(), 256),
        _ if alg == "1.3.101.113" => ("Ed448".into(), 456),
        _ => (alg, 0),
    }
}

fn oid_name(oid: &x509_parser::der_parser::oid::Oid<'_>) -> String {
    match oid.to_id_string().as_str() {
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256".into(),
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384".into(),
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512".into(),
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption".into(),
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption".into(),
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption".into(),
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption".into(),
        "1.2.840.113549.1.1.10" => "rsassaPss".into(),
        "1.3.101.112" => "ED25519".into(),
        other => other.to_string(),
    }
}
