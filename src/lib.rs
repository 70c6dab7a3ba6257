//! mtlsctl: client certificates, issuer SKIs and Cloudflare mTLS rules.
//!
//! Data flows one way: [`commands`] (the CLI adapters, with [`cli`] and [`output`]) call the
//! domain: [`pki`] (keys, certificates, the store, safe files) and [`rules`] (the Rules
//! language). Neither domain module knows clap, anyhow or the terminal.

pub mod cli;
pub mod cloudflare;
pub mod commands;
pub mod edge;
pub mod output;
pub mod pki;
pub mod rules;
pub mod serve;
