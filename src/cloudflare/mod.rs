//! Cloudflare's API for mTLS: the client, the operations, and `cf plan` / `cf apply`.
//!
//! Sits beside [`crate::edge`] and uses it (rule shapes, lint, the `cloudflare:` section of
//! `mtlsctl.yaml`), never the reverse. [`client`] owns HTTP (auth, envelope, pagination,
//! retries, errors); [`api`] the typed operations; [`desired`] reads what the file asks for;
//! [`plan`] computes the changes as pure functions; [`apply`] reads state and writes it;
//! [`saved`] is a plan saved to a file and applied later.
//! Nothing here prints: progress goes through the client's callback, reports are returned.

pub mod api;
pub mod apply;
pub mod client;
pub mod desired;
pub mod plan;
pub mod saved;
