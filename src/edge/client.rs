//! The client side of a request as the edge sees it: the certificate the client sends,
//! validated against the zone's trust anchors, with revocation from CRLs and the store.
//!
//! Owns turning files into a [`Trust`] (anchors, CRLs, locally revoked serials) and a
//! [`Presented`] certificate, and the [`ClientView`]: every certificate-derived
//! `cf.tls_client_auth.*` value plus `cert_verified`, `cert_revoked` and the failure reason in
//! Cloudflare's words. A revoked certificate stays verified, as on the edge.
//!
//! Revocation, as the edge computes it (`cloudflare.md` §1): Cloudflare checks revocation only
//! for certificates of its **managed CA**. For an uploaded CA (BYOCA, which every store CA is)
//! it never reads a CRL and `cert_revoked` is always false. So by default
//! [`ClientView::revoked`] (the edge's `cert_revoked`) is false whatever the store or a CRL
//! says; what they say is kept apart in [`ClientView::revoked_locally`], with a warning that
//! the edge does not know it and names the fix (a rule on `cert_serial`,
//! `mtlsctl rule generate --block-revoked`). [`Trust::managed_ca`] says the certificate comes
//! from Cloudflare's managed CA, where the edge does apply revocation: then local knowledge
//! stands in for Cloudflare's and sets `cert_revoked`.

use std::path::Path;

use serde::Serialize;
use time::OffsetDateTime;

use super::cert_fields::{CertFields, CertFieldsError};
use crate::pki::load::{self, Kind, LoadError};
use crate::pki::store::{Store, StoreError};
use crate::pki::verify::{self, RevokedSerial, VerifyError, VerifyRequest};
use crate::pki::{cert, crl};

/// What the zone trusts and what it knows to be revoked.
#[derive(Debug, Clone, Default)]
pub struct Trust {
    /// Trust anchors (DER).
    pub anchors: Vec<Vec<u8>>,
    /// CRLs (DER).
    pub crls: Vec<Vec<u8>>,
    /// Serials revoked in the local store.
    pub revoked: Vec<RevokedSerial>,
    /// The certificates come from Cloudflare's managed CA, where the edge applies revocation
    /// (the store's records and the CRLs then set `cert_revoked`). False (the default): an
    /// uploaded CA, for which the edge's `cert_revoked` is always false.
    pub managed_ca: bool,
}

/// The warning when a certificate is revoked locally but the edge will not know.
pub const EDGE_DOES_NOT_KNOW: &str = "the edge does not know this revocation: Cloudflare checks revocation only for certificates of its managed CA, so for an uploaded CA cf.tls_client_auth.cert_revoked stays false and a rule on it does not block this certificate; block it at the edge by serial with `mtlsctl rule generate --block-revoked` (cf.tls_client_auth.cert_serial in {...}), or pass --managed-ca if the certificate comes from Cloudflare's managed CA";

/// A certificate the client sends, with the intermediates it sends after it.
#[derive(Debug, Clone)]
pub struct Presented {
    /// The leaf (DER).
    pub leaf: Vec<u8>,
    /// Intermediates, in the order sent.
    pub chain: Vec<Vec<u8>>,
}

/// Errors building the client view.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// A file could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The store could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Validation inputs were unusable (a bad anchor, a CRL whose signature fails).
    #[error(transparent)]
    Verify(#[from] VerifyError),
    /// The leaf could not be read as a certificate.
    #[error("{name}: {source}")]
    Fields {
        /// File name.
        name: String,
        /// Why.
        source: CertFieldsError,
    },
    /// A CRL file did not parse.
    #[error("{name}: not a usable CRL: {reason}")]
    Crl {
        /// File name.
        name: String,
        /// Why.
        reason: String,
    },
    /// No trust anchor anywhere.
    #[error(
        "no trust anchor: pass --ca with the CA uploaded to Cloudflare, or create a store CA (mtlsctl cert create --ca)"
    )]
    NoAnchor,
}

impl Presented {
    /// Reads the leaf (first certificate of `path`; further certificates in that file are
    /// taken as the chain sent) and the intermediates of `chain`.
    pub fn load(path: &Path, chain: Option<&Path>) -> Result<Presented, ClientError> {
        let input = load::load(path)?;
        let certs = input.certificates();
        let Some(first) = certs.first() else {
            input.first_certificate()?;
            return Err(ClientError::Load(LoadError::NoCertificate {
                name: input.name.clone(),
                found: input.describe(),
            }));
        };
        let leaf = cert::exact(first).to_vec();
        cert::parse(&leaf).map_err(|e| LoadError::WrongKind {
            name: input.name.clone(),
            wanted: "a valid X.509 certificate",
            found: e.0,
        })?;
        let mut rest: Vec<Vec<u8>> = certs[1..].iter().map(|d| d.to_vec()).collect();
        if let Some(chain) = chain {
            let input = load::load(chain)?;
            input.first_certificate()?;
            rest.extend(input.certificates().into_iter().map(<[u8]>::to_vec));
        }
        Ok(Presented { leaf, chain: rest })
    }
}

impl Trust {
    /// Anchors from `cas` (every certificate of every file) or else the store CA; CRLs from
    /// `crls`; revoked serials from the store index.
    pub fn load(
        cas: &[impl AsRef<Path>],
        crls: &[impl AsRef<Path>],
        store: &Store,
    ) -> Result<Trust, ClientError> {
        let mut trust = Trust::default();
        for path in cas {
            let input = load::load(path.as_ref())?;
            input.first_certificate()?;
            trust.anchors.extend(
                input
                    .certificates()
                    .into_iter()
                    .map(|d| cert::exact(d).to_vec()),
            );
        }
        if trust.anchors.is_empty() && store.has_ca()? {
            let input = load::load(&store.ca_cert_path())?;
            trust
                .anchors
                .push(cert::exact(input.first_certificate()?).to_vec());
        }
        for path in crls {
            let input = load::load(path.as_ref())?;
            let ders: Vec<Vec<u8>> = if input.pem {
                let d: Vec<Vec<u8>> = input
                    .blocks
                    .iter()
                    .filter(|b| b.kind == Kind::Crl)
                    .map(|b| b.der.clone())
                    .collect();
                if d.is_empty() {
                    return Err(ClientError::Crl {
                        name: input.name.clone(),
                        reason: format!("the file holds {}", input.describe()),
                    });
                }
                d
            } else {
                input.blocks.iter().map(|b| b.der.clone()).collect()
            };
            for der in ders {
                crl::parse_crl(&der).map_err(|e| ClientError::Crl {
                    name: input.name.clone(),
                    reason: e.to_string(),
                })?;
                trust.crls.push(der);
            }
        }
        trust.revoked = store_revocations(store)?;
        Ok(trust)
    }
}

/// The serials the store index marks revoked, named by their issuer's SKI.
pub fn store_revocations(store: &Store) -> Result<Vec<RevokedSerial>, StoreError> {
    Ok(store
        .revoked()?
        .iter()
        .filter_map(|r| r.to_revoked_serial())
        .collect())
}

/// What the edge computes for a client: every certificate field and the validation result.
#[derive(Debug, Clone, Serialize)]
pub struct ClientView {
    /// Certificate-derived fields (all empty when no certificate is presented).
    pub fields: CertFields,
    /// `cert_verified`.
    pub verified: bool,
    /// `cert_revoked` as the edge computes it: false for an uploaded CA whatever the store or a
    /// CRL says; with [`Trust::managed_ca`], the local revocation.
    pub revoked: bool,
    /// Revoked by the store's records or a CRL given (not an edge field: see the module docs).
    pub revoked_locally: bool,
    /// Why not verified, in Cloudflare's words (`FAILED:...`).
    pub failure: Option<String>,
    /// The validator's own words for the failure.
    pub failure_detail: Option<String>,
    /// What revoked it, in words.
    pub revoked_by: Option<String>,
    /// Notes that do not change the verdict (an expired CRL, ...).
    pub warnings: Vec<String>,
    /// Subjects of the validated path above the leaf, nearest first.
    pub path: Vec<String>,
}

/// What a report (`rule test --json`, `serve`'s pages and echo) says of the client: the edge's
/// values, with the local knowledge beside them under its own name.
#[derive(Debug, Serialize)]
pub struct ClientSummary<'a> {
    /// `cert_presented`.
    pub presented: bool,
    /// `cert_verified`.
    pub verified: bool,
    /// The edge's `cert_revoked` (false for an uploaded CA).
    pub revoked: bool,
    /// Revoked by the store or a `--crl` (not an edge field).
    pub revoked_locally: bool,
    /// `cert_subject_dn`.
    pub subject: &'a str,
    /// Why not verified, in Cloudflare's words.
    pub failure: Option<&'a str>,
    /// What revoked it, in words.
    pub revoked_by: Option<&'a str>,
    /// Notes that do not change the verdict.
    pub warnings: &'a [String],
}

impl ClientView {
    /// The client as reports show it.
    pub fn summary(&self) -> ClientSummary<'_> {
        ClientSummary {
            presented: self.fields.cert_presented,
            verified: self.verified,
            revoked: self.revoked,
            revoked_locally: self.revoked_locally,
            subject: &self.fields.cert_subject_dn,
            failure: self.failure.as_deref(),
            revoked_by: self.revoked_by.as_deref(),
            warnings: &self.warnings,
        }
    }

    /// A client that sends no certificate: every string empty, every Boolean false.
    pub fn none() -> ClientView {
        ClientView {
            fields: CertFields::none(),
            verified: false,
            revoked: false,
            revoked_locally: false,
            failure: None,
            failure_detail: None,
            revoked_by: None,
            warnings: Vec::new(),
            path: Vec::new(),
        }
    }

    /// Validates `presented` against `trust` at `at` and computes every field.
    pub fn of(
        presented: &Presented,
        trust: &Trust,
        at: OffsetDateTime,
        name: &str,
    ) -> Result<ClientView, ClientError> {
        if trust.anchors.is_empty() {
            return Err(ClientError::NoAnchor);
        }
        let req = VerifyRequest {
            leaf: &presented.leaf,
            intermediates: &presented.chain,
            anchors: &trust.anchors,
            crls: &trust.crls,
            revoked_serials: &trust.revoked,
            at,
        };
        let outcome = verify::verify_client(&req)?;
        let issuer = outcome.issuer.clone().or_else(|| {
            find_issuer(
                &presented.leaf,
                presented.chain.iter().chain(trust.anchors.iter()),
            )
        });
        let fields = CertFields::from_der(&presented.leaf, &presented.chain, issuer.as_deref())
            .map_err(|source| ClientError::Fields {
                name: name.to_string(),
                source,
            })?;
        let path = outcome
            .path
            .iter()
            .filter_map(|d| {
                cert::parse(d)
                    .ok()
                    .map(|c| crate::pki::dn::rfc2253(c.subject()))
            })
            .collect();
        let revoked_by = outcome.revocation.as_ref().map(|r| {
            let source = match &r.source {
                verify::RevocationSource::Crl {
                    issuer, expired, ..
                } => {
                    format!(
                        "the CRL of {issuer}{}",
                        if *expired { " (expired)" } else { "" }
                    )
                }
                verify::RevocationSource::LocalStore { .. } => {
                    "the store's revocation records".to_string()
                }
            };
            let what = if r.depth == 0 {
                "the certificate"
            } else {
                "an intermediate"
            };
            match r.reason {
                Some(reason) => format!(
                    "{what} (serial {}) is revoked by {source}: {reason}",
                    r.serial_hex
                ),
                None => format!("{what} (serial {}) is revoked by {source}", r.serial_hex),
            }
        });
        let mut warnings = outcome.warnings.clone();
        let revoked = outcome.revoked && trust.managed_ca;
        if outcome.revoked && !revoked {
            warnings.push(EDGE_DOES_NOT_KNOW.to_string());
        }
        Ok(ClientView {
            fields,
            verified: outcome.verified,
            revoked,
            revoked_locally: outcome.revoked,
            failure: outcome.failure.as_ref().map(|f| f.to_string()),
            failure_detail: outcome.failure_detail.clone(),
            revoked_by,
            warnings,
            path,
        })
    }
}

/// The certificate among `candidates` that signed `leaf`, if any (for the issuer serial when
/// validation failed).
fn find_issuer<'a>(leaf: &[u8], candidates: impl Iterator<Item = &'a Vec<u8>>) -> Option<Vec<u8>> {
    let leaf = cert::parse(leaf).ok()?;
    for c in candidates {
        if let Ok(ca) = cert::parse(c)
            && cert::is_signed_by(&leaf, &ca)
        {
            return Some(c.clone());
        }
    }
    None
}
