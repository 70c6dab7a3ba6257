//! What Cloudflare's edge sees for a request: certificate fields and the normalized path.
//!
//! [`cert_fields`] computes every certificate-derived `cf.tls_client_auth.*`
//! field in the edge's exact formats; [`normalize`] applies the zone's URL
//! normalization to `http.request.uri.path`. Chain verification and revocation
//! (`cert_verified`, `cert_revoked`) are not here. [`intent`] turns what to protect into a
//! syntax tree, [`generate`] renders rules in the forms operators deploy (expression, API
//! JSON, Terraform, `mtlsctl.yaml`), and [`lint`] finds the mistakes operators make in them. [`zone`] finds the rules to run
//! (expression, rules file, recommended rule) and [`replay`] answers requests given as JSON
//! lines; both are shared by `rule test` and `serve`. [`revoked`] writes the rules that block
//! revoked certificates by serial, since the edge never checks an uploaded CA's revocations.

pub mod cert_fields;
pub mod client;
pub mod deploy;
pub mod dryrun;
pub mod generate;
pub mod intent;
pub mod lint;
pub mod normalize;
pub mod replay;
pub mod request;
pub mod revoked;
pub mod ruleset;
pub mod zone;
